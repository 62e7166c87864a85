//! The spec's rules: R0 (every template cell present) and R1–R4 within a report's tables (the template's
//! [`EQUATIONS`]), R5/R6 between two years of one agency, R7 between prose and tables;
//! [`pre2019`] holds R7 and the cumulative rule (an R6) for reports before 2019.
//!
//! A rule never corrects a value. Each result keeps both sides: `lhs` is the figure the
//! report printed (a total, a stated number), `rhs` what its parts add up to. Blank and
//! n.a. parts count as 0 when at least one part is a number (the detail says so); a side
//! that is wholly blank makes the result `not_assessable`. All functions here are pure:
//! the store loads the reports and saves the results.

pub mod pre2019;

use std::sync::LazyLock;

use serde::Serialize;

use crate::report::{CellIndex, CellValue, Claim, Report};
pub use crate::template::Rule;
use crate::template::{Family, Instance, Over, Table, Version, EQUATIONS};

/// The outcome of one rule on one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    NotAssessable,
}

impl Status {
    /// The name stored in `check_results.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::NotAssessable => "not_assessable",
        }
    }
}

/// One rule applied to one row, column or claim. `detail` explains failures and
/// non-assessable results; for a pass it is empty unless blank cells were counted as 0.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckResult {
    pub rule: Rule,
    /// The column (R1, R3, R5), row (R2, R4, R6) or claim subject (R7) checked.
    pub scope: String,
    pub lhs: Option<f64>,
    pub rhs: Option<f64>,
    pub status: Status,
    pub detail: String,
}

/// A side of an equation: the sum of the numeric cells, how many parts were blank.
struct Side {
    sum: Option<f64>,
    blanks: usize,
}

fn compare(rule: Rule, scope: &str, lhs: Side, rhs: Side, what: &str) -> CheckResult {
    let (status, detail) = match (lhs.sum, rhs.sum) {
        (Some(l), Some(r)) => {
            let blanks = lhs.blanks + rhs.blanks;
            let note =
                if blanks > 0 { format!(" ({blanks} blank or missing cells counted as 0)") } else { String::new() };
            if (l - r).abs() < 1e-6 {
                // A pass needs no words beyond its two equal values (and any blanks counted).
                (Status::Pass, note.trim().to_string())
            } else {
                (Status::Fail, format!("{what}: {} ≠ {}{note}", fmt(l), fmt(r)))
            }
        }
        (None, _) => (Status::NotAssessable, format!("{what}: the printed side is blank or missing")),
        (_, None) => (Status::NotAssessable, format!("{what}: every part is blank or missing")),
    };
    CheckResult { rule, scope: scope.to_string(), lhs: lhs.sum, rhs: rhs.sum, status, detail }
}

/// A number as the report would print it: whole numbers without `.0`, others in their
/// shortest exact form. The one number formatter of the project.
pub fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// R0, per table: every cell of the template is present. A report missing cells is
/// partial — the cells it has are real, but it is not whole — and says which.
pub fn completeness(report: &Report) -> Vec<CheckResult> {
    completeness_indexed(report, &report.index())
}

fn completeness_indexed(report: &Report, index: &CellIndex) -> Vec<CheckResult> {
    if report.era == crate::figures::Era::Pre2019 {
        return Vec::new();
    }
    report
        .tables_completeness_with(index)
        .into_iter()
        .map(|t| {
            let (status, detail) = if t.missing.is_empty() {
                (Status::Pass, String::new())
            } else if t.found == 0 {
                (Status::Fail, format!("table {} not found: none of its {} cells", t.table.numeral(), t.expected))
            } else {
                let shown: Vec<&str> = t.missing.iter().take(12).map(String::as_str).collect();
                let more = if t.missing.len() > shown.len() {
                    format!(" and {} more", t.missing.len() - shown.len())
                } else {
                    String::new()
                };
                (
                    Status::Fail,
                    format!(
                        "table {}: {} of {} cells found; missing {}{more}",
                        t.table.numeral(),
                        t.found,
                        t.expected,
                        shown.join(", ")
                    ),
                )
            };
            CheckResult {
                rule: Rule::R0,
                scope: t.table.key().to_string(),
                lhs: Some(t.found as f64),
                rhs: Some(t.expected as f64),
                status,
                detail,
            }
        })
        .collect()
}

/// An equation's instance with the template positions of its two sides' cells (None: a
/// cell the template does not have, which no report has either).
struct Placed {
    inst: Instance,
    lhs: Vec<Option<usize>>,
    rhs: Vec<Option<usize>>,
}

/// One equation's instances in each version.
type PerVersion = Vec<(Version, Vec<Placed>)>;

/// [`EQUATIONS`]' instances per version, worked out once.
static INSTANCES: LazyLock<Vec<PerVersion>> = LazyLock::new(|| {
    EQUATIONS
        .iter()
        .map(|e| {
            let place = |cells: &[(&str, &str)]| -> Vec<Option<usize>> {
                cells.iter().map(|(r, c)| crate::template::position(e.table, r, c)).collect()
            };
            [Version::V2019, Version::V2021, Version::Both]
                .into_iter()
                .map(|v| {
                    let placed = e
                        .instances(v)
                        .into_iter()
                        .map(|inst| Placed { lhs: place(&inst.lhs), rhs: place(&inst.rhs), inst })
                        .collect();
                    (v, placed)
                })
                .collect()
        })
        .collect()
});

/// One side of an equation instance, its cells given by template position.
fn side_at(index: &CellIndex, positions: &[Option<usize>]) -> Side {
    let mut sum = None;
    let mut blanks = 0;
    for p in positions {
        match p.and_then(|p| index.at(p)).and_then(|c| c.value) {
            Some(v) => sum = Some(sum.unwrap_or(0.0) + v),
            None => blanks += 1,
        }
    }
    Side { sum, blanks }
}

/// Run R0–R4 and R7 on one report (for a pre-2019 report, R7 on its figures:
/// [`pre2019::prose_vs_table`]).
pub fn run(report: &Report) -> Vec<CheckResult> {
    run_with(report, &report.index())
}

/// [`run`] through an index of the report's cells.
pub fn run_with(report: &Report, index: &CellIndex) -> Vec<CheckResult> {
    let mut out = completeness_indexed(report, index);
    for (eq, instances) in EQUATIONS.iter().zip(INSTANCES.iter()) {
        if !report.has_table(eq.table) {
            continue;
        }
        let version = report.versions.of(eq.table).unwrap_or(Version::Both);
        // A table whose version is unknown is checked as the 2019 form, whose result rows
        // are those both versions share plus the one （六） row.
        let version =
            if version == Version::Both && eq.table == Table::Applications { Version::V2019 } else { version };
        let Some((_, instances)) = instances.iter().find(|(v, _)| *v == version) else { continue };
        for placed in instances {
            // A row whose total was not printed at all has nothing to check.
            if eq.over == Over::EachRow && placed.lhs.iter().all(|p| p.and_then(|p| index.at(p)).is_none()) {
                continue;
            }
            out.push(compare(
                eq.rule,
                placed.inst.scope,
                side_at(index, &placed.lhs),
                side_at(index, &placed.rhs),
                eq.what,
            ));
        }
    }
    for claim in &report.claims {
        if let Some(v) = claim.value {
            out.push(check_claim(index, claim, v));
        }
    }
    out.extend(pre2019::prose_vs_table(&report.figures));
    out
}

/// The cross-year rules between an agency's reports of two consecutive years, stored on
/// the later one: R5 (carried_over of `later` = carry_forward of `earlier`, per column)
/// and, when both print the 2021 table 二, R6 (in_force = last year's in_force + issued −
/// repealed, per item; a warning, since reorganisations break it).
pub fn across_years(earlier: &Report, later: &Report, years: (i32, i32)) -> Vec<CheckResult> {
    let (ey, ly) = years;
    let mut out = Vec::new();
    // The few cells the rules read, picked in one pass over each report (the first of a
    // key, as Report::value reads it).
    fn picked(r: &Report) -> Vec<&CellValue> {
        r.cells
            .iter()
            .filter(|c| match c.tbl {
                Table::Applications => c.row == "carried_over" || c.row == "carry_forward",
                Table::Proactive => matches!(c.col, "in_force" | "issued" | "repealed"),
                Table::Appeals => false,
            })
            .collect()
    }
    let (early, late) = (picked(earlier), picked(later));
    let value = |cells: &[&CellValue], tbl: Table, row: &str, col: &str| {
        cells.iter().find(|c| c.tbl == tbl && c.row == row && c.col == col).and_then(|c| c.value)
    };
    let apps = Table::Applications.def();
    for col in apps.blocks[0].columns {
        let lhs = value(&late, Table::Applications, "carried_over", col.key);
        let rhs = value(&early, Table::Applications, "carry_forward", col.key);
        let (status, detail) = match (lhs, rhs) {
            (Some(a), Some(b)) if (a - b).abs() < 1e-6 => {
                (Status::Pass, format!("carried_over {ly} = carry_forward {ey} = {}", fmt(a)))
            }
            (Some(a), Some(b)) => {
                (Status::Fail, format!("carried_over {ly} is {}, carry_forward {ey} was {}", fmt(a), fmt(b)))
            }
            _ => (Status::NotAssessable, format!("carried_over {ly} or carry_forward {ey} is blank or missing")),
        };
        out.push(CheckResult { rule: Rule::R5, scope: col.key.to_string(), lhs, rhs, status, detail });
    }
    let v2021 = |r: &Report| r.versions.proactive == Some(Version::V2021);
    if v2021(earlier) && v2021(later) {
        let block = Table::Proactive.def().block("一").expect("table 二 has block 一");
        for item in block.rows {
            let row = item.key;
            let lhs = value(&late, Table::Proactive, row, "in_force");
            let parts = (
                value(&early, Table::Proactive, row, "in_force"),
                value(&late, Table::Proactive, row, "issued"),
                value(&late, Table::Proactive, row, "repealed"),
            );
            let rhs = match parts {
                (Some(a), Some(b), Some(c)) => Some(a + b - c),
                _ => None,
            };
            let (status, detail) = match (lhs, rhs) {
                (Some(a), Some(b)) if (a - b).abs() < 1e-6 => (Status::Pass, format!("{row}: in_force {ly} = {}", fmt(a))),
                (Some(a), Some(b)) => (
                    Status::Fail,
                    format!("warning, {row}: in_force {ly} is {}, {ey}'s stock + issued − repealed gives {} (a reorganisation can explain it)", fmt(a), fmt(b)),
                ),
                _ => (Status::NotAssessable, format!("{row}: a cell is blank or missing")),
            };
            out.push(CheckResult { rule: Rule::R6, scope: row.to_string(), lhs, rhs, status, detail });
        }
    }
    out
}

/// The table figure a claim subject restates: a cell (`tbl.row.col`, a row's total where
/// `col` is `total`), or the sum of a family's row totals (`applications.deny.total`,
/// `applications.granted_or_partial.total`, `appeals.suits.total`).
pub fn subject_value(report: &Report, subject: &str) -> Option<f64> {
    indexed_subject_value(&report.index(), subject)
}

fn indexed_subject_value(report: &CellIndex, subject: &str) -> Option<f64> {
    let mut parts = subject.splitn(3, '.');
    let (tbl, row, col) = (Table::parse(parts.next()?)?, parts.next()?, parts.next()?);
    let def = tbl.def();
    let sum_rows = |keep: &dyn Fn(Family) -> bool| -> Option<f64> {
        let vals: Vec<f64> =
            def.rows().filter(|r| keep(r.family)).filter_map(|r| indexed_row_total(report, tbl, r.key)).collect();
        (!vals.is_empty()).then(|| vals.iter().sum())
    };
    if def.row(row).is_none() {
        return match (tbl, row) {
            (Table::Applications, "granted_or_partial") => {
                sum_rows(&|f| matches!(f, Family::Granted | Family::Partial))
            }
            (Table::Appeals, "suits") => sum_rows(&|f| f == Family::Suit),
            _ => {
                let family = Family::parse(row)?;
                sum_rows(&|f| f == family)
            }
        };
    }
    if col == "total" {
        indexed_row_total(report, tbl, row)
    } else {
        report.value(tbl, row, col)
    }
}

/// A row's total: the printed 总计 cell, or, where it is blank, the sum of its parts.
pub fn row_total(report: &Report, tbl: Table, row: &str) -> Option<f64> {
    indexed_row_total(&report.index(), tbl, row)
}

fn indexed_row_total(report: &CellIndex, tbl: Table, row: &str) -> Option<f64> {
    if let Some(v) = report.value(tbl, row, "total") {
        return Some(v);
    }
    let block = tbl.def().block_of(row)?;
    let vals: Vec<f64> =
        block.columns.iter().filter(|c| c.part).filter_map(|c| report.value(tbl, row, c.key)).collect();
    (!vals.is_empty()).then(|| vals.iter().sum())
}

fn check_claim(report: &CellIndex, claim: &Claim, stated: f64) -> CheckResult {
    let table = indexed_subject_value(report, &claim.subject);
    let (status, detail) = match table {
        Some(t) if (t - stated).abs() < 1e-6 => {
            (Status::Pass, format!("「{}」: the table agrees ({})", claim.text, fmt(t)))
        }
        Some(t) => (Status::Fail, format!("「{}」 states {}, the table gives {}", claim.text, fmt(stated), fmt(t))),
        None => (Status::NotAssessable, format!("「{}」: the table has no figure for {}", claim.text, claim.subject)),
    };
    CheckResult { rule: Rule::R7, scope: claim.subject.clone(), lhs: Some(stated), rhs: table, status, detail }
}
