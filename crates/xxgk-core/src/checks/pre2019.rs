//! Checks on pre-2019 figures, in the style of [`crate::checks`]: R7 (what the prose
//! states against the statistics table, per key) and the cumulative rule across years
//! (R6 for pre-2019 reports: this year's 历年累计 = last year's 历年累计 + this year's figure).
//!
//! Like every rule, these never correct a value: each result keeps both sides. `lhs` is the
//! figure being checked (the prose claim; this year's 历年累计), `rhs` what it is checked
//! against (the table's figure; last year's 历年累计 plus this year's figure).

use crate::checks::{fmt, CheckResult, Rule, Status};
use crate::figures::{figure, Figure, FigureSource, Role, CUMULATIVE};

/// R7 on one report: every prose claim against the table figure of its key. A report
/// whose prose only repeats figures the table lacks has no claims, and no R7 results.
pub fn prose_vs_table(figures: &[Figure]) -> Vec<CheckResult> {
    figures
        .iter()
        .filter(|f| f.role == Role::Claim)
        .map(|claim| {
            let table = figures.iter().find(|f| f.is_figure() && f.source == FigureSource::Table && f.key == claim.key);
            let (status, detail) = match table {
                Some(t) if (t.value - claim.value).abs() < 1e-6 => {
                    let units = if t.unit != claim.unit {
                        format!("; units differ ({} in the prose, {} in the table)", unit(&claim.unit), unit(&t.unit))
                    } else {
                        String::new()
                    };
                    (Status::Pass, format!("「{}」: the table agrees ({}){units}", claim.raw, fmt(t.value)))
                }
                Some(t) => (
                    Status::Fail,
                    format!(
                        "「{}」 states {}, the table row 「{}」 gives {}",
                        claim.raw,
                        fmt(claim.value),
                        t.raw,
                        fmt(t.value)
                    ),
                ),
                None => {
                    (Status::NotAssessable, format!("「{}」: the table gives no figure for {}", claim.raw, claim.key))
                }
            };
            CheckResult {
                rule: Rule::R7,
                scope: claim.key.clone(),
                lhs: Some(claim.value),
                rhs: table.map(|t| t.value),
                status,
                detail,
            }
        })
        .collect()
}

fn unit(u: &Option<String>) -> &str {
    u.as_deref().unwrap_or("no unit")
}

/// One report's year and figures, for the cross-year rule.
#[derive(Clone, Copy, Debug)]
pub struct YearFigures<'a> {
    /// The report year.
    pub year: i32,
    /// The report's figures (claims are ignored).
    pub figures: &'a [Figure],
}

/// The cumulative rule between an earlier report and a later one of the same agency, for
/// every key with a 历年累计 key ([`CUMULATIVE`]) the later report gives.
///
/// Consecutive years: `cumulative(N) = cumulative(N−1) + figure(N)` → pass or fail. With
/// years missing between them only a lower bound holds, `cumulative(N) ≥ cumulative(M) +
/// figure(N)`: a cumulative below it is a fail (the series broke: restarted, or a wrong
/// figure), one above it is not assessable. Missing figures make the result not assessable.
pub fn cumulative(prev: YearFigures, cur: YearFigures) -> Vec<CheckResult> {
    let mut out = Vec::new();
    for (year_key, cum_key) in CUMULATIVE {
        let Some(now) = figure(cur.figures, cum_key) else { continue };
        let before = figure(prev.figures, cum_key);
        let this_year = figure(cur.figures, year_key);
        let rhs = match (before, this_year) {
            (Some(b), Some(t)) => Some(b.value + t.value),
            _ => None,
        };
        let gap = i64::from(cur.year) - i64::from(prev.year);
        let what = format!("{} {cum_key} vs {} {cum_key} + {} {year_key}", cur.year, prev.year, cur.year);
        let (status, detail) = match (before, this_year, rhs) {
            _ if gap < 1 => (Status::NotAssessable, format!("{what}: {} is not an earlier year", prev.year)),
            (None, _, _) => (Status::NotAssessable, format!("{what}: the {} report gives no {cum_key}", prev.year)),
            (_, None, _) => (Status::NotAssessable, format!("{what}: the {} report gives no {year_key}", cur.year)),
            (Some(b), Some(t), Some(r)) if gap == 1 => {
                if (now.value - r).abs() < 1e-6 {
                    (Status::Pass, String::new())
                } else {
                    (
                        Status::Fail,
                        format!("{what}: {} ≠ {} + {} = {}", fmt(now.value), fmt(b.value), fmt(t.value), fmt(r)),
                    )
                }
            }
            (Some(b), Some(t), Some(r)) => {
                let missing = gap - 1;
                if now.value + 1e-6 < r {
                    (
                        Status::Fail,
                        format!(
                            "{what}: {} is below {} + {} = {}, the least it can be with {missing} year(s) between them not seen",
                            fmt(now.value),
                            fmt(b.value),
                            fmt(t.value),
                            fmt(r)
                        ),
                    )
                } else {
                    (
                        Status::NotAssessable,
                        format!("{what}: {missing} year(s) between them not seen; the lower bound {} holds", fmt(r)),
                    )
                }
            }
            _ => (Status::NotAssessable, format!("{what}: a side is missing")),
        };
        out.push(CheckResult { rule: Rule::R6, scope: cum_key.to_string(), lhs: Some(now.value), rhs, status, detail });
    }
    out
}

/// The cumulative rule along one agency's series: each report against the latest earlier
/// one. Returns `(earlier year, later year, result)`; reports of the same year are not
/// compared with each other.
pub fn cumulative_series(series: &[YearFigures]) -> Vec<(i32, i32, CheckResult)> {
    let mut sorted: Vec<&YearFigures> = series.iter().collect();
    sorted.sort_by_key(|y| y.year);
    let mut out = Vec::new();
    for (i, cur) in sorted.iter().enumerate() {
        if let Some(prev) = sorted[..i].iter().rev().find(|p| p.year < cur.year) {
            out.extend(cumulative(**prev, **cur).into_iter().map(|r| (prev.year, cur.year, r)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(key: &str, value: f64, source: FigureSource, role: Role) -> Figure {
        Figure { key: key.into(), value, unit: Some("条".into()), raw: format!("{key} {value}"), source, role }
    }

    #[test]
    fn r7_keeps_both_sides() {
        let figs = [
            f("proactive_items", 739.0, FigureSource::Table, Role::Figure),
            f("proactive_items", 1913.0, FigureSource::Prose, Role::Claim),
            f("applications", 0.0, FigureSource::Table, Role::Figure),
            f("applications", 0.0, FigureSource::Prose, Role::Claim),
            f("consultations", 4.0, FigureSource::Prose, Role::Figure),
        ];
        let r = prose_vs_table(&figs);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].status, r[0].lhs, r[0].rhs), (Status::Fail, Some(1913.0), Some(739.0)));
        assert_eq!(r[1].status, Status::Pass);
    }

    #[test]
    fn cumulative_consecutive_and_gap() {
        let y = |v, c| {
            vec![
                f("proactive_items", v, FigureSource::Table, Role::Figure),
                f("proactive_items_cumulative", c, FigureSource::Table, Role::Figure),
            ]
        };
        let (a, b, c) = (y(2543.0, 78967.0), y(2949.0, 81916.0), y(2069.0, 12106.0));
        let r = cumulative(YearFigures { year: 2014, figures: &a }, YearFigures { year: 2015, figures: &b });
        assert_eq!(r[0].status, Status::Pass);
        let r = cumulative(YearFigures { year: 2015, figures: &b }, YearFigures { year: 2018, figures: &c });
        assert_eq!((r[0].status, r[0].lhs, r[0].rhs), (Status::Fail, Some(12106.0), Some(83985.0)));
        let r = cumulative(YearFigures { year: 2015, figures: &b }, YearFigures { year: 2015, figures: &b });
        assert_eq!(r[0].status, Status::NotAssessable);
        let none: Vec<Figure> = Vec::new();
        assert!(
            cumulative(YearFigures { year: 2014, figures: &b }, YearFigures { year: 2015, figures: &none }).is_empty()
        );
    }
}
