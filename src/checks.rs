//! Arithmetic rules of the spec, run on one report: R1–R4 on the tables, R7 on the prose.
//!
//! A rule never corrects a value. Each result keeps both sides: `lhs` is the figure the
//! report printed (a total), `rhs` what its parts add up to. Blank and n.a. parts count
//! as 0 when at least one part is a number (the detail says so); a side that is wholly
//! blank makes the result `not_assessable`. The cross-year rules R5 and R6 live in the
//! store, since they need two reports.

use serde::Serialize;

use crate::report::{Claim, Report};
use crate::template::{self, APPEALS, APPLICATIONS};

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
    pub rule: &'static str,
    /// The column (R1, R3), row (R2, R4) or claim subject (R7) checked.
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

fn side(report: &Report, tbl: &str, cells: &[(&str, &str)]) -> Side {
    let mut sum = None;
    let mut blanks = 0;
    for (row, col) in cells {
        match report.value(tbl, row, col) {
            Some(v) => sum = Some(sum.unwrap_or(0.0) + v),
            None => blanks += 1,
        }
    }
    Side { sum, blanks }
}

fn compare(rule: &'static str, scope: &str, lhs: Side, rhs: Side, what: &str) -> CheckResult {
    let (status, detail) = match (lhs.sum, rhs.sum) {
        (Some(l), Some(r)) => {
            let blanks = lhs.blanks + rhs.blanks;
            let note = if blanks > 0 { format!(" ({blanks} blank or missing cells counted as 0)") } else { String::new() };
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

/// Format a number without a needless `.0`.
pub fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// Run R1–R4 and R7 on one report.
pub fn run(report: &Report) -> Vec<CheckResult> {
    let mut out = Vec::new();
    let has_apps = report.cells.iter().any(|c| c.tbl == APPLICATIONS);
    if has_apps {
        let version = report.versions.applications.as_deref().unwrap_or("2019");
        let result_rows: Vec<&str> =
            template::application_rows(version).iter().copied().filter(|r| template::is_result_row(r)).collect();
        for col in template::APPLICATION_COLS {
            out.push(compare(
                "R1",
                col,
                side(report, APPLICATIONS, &[("new_received", col), ("carried_over", col)]),
                side(report, APPLICATIONS, &[("results_total", col), ("carry_forward", col)]),
                "new_received + carried_over vs results_total + carry_forward",
            ));
        }
        let rows = template::application_rows(version);
        for row in rows.iter().filter(|r| report.cell(APPLICATIONS, r, "total").is_some()) {
            let parts: Vec<(&str, &str)> = template::APPLICATION_COLS[..6].iter().map(|c| (*row, *c)).collect();
            out.push(compare(
                "R2",
                row,
                side(report, APPLICATIONS, &[(row, "total")]),
                side(report, APPLICATIONS, &parts),
                "total vs the six applicant columns",
            ));
        }
        for col in template::APPLICATION_COLS {
            let parts: Vec<(&str, &str)> = result_rows.iter().map(|r| (*r, col)).collect();
            out.push(compare(
                "R3",
                col,
                side(report, APPLICATIONS, &[("results_total", col)]),
                side(report, APPLICATIONS, &parts),
                "results_total vs the sum of the result rows",
            ));
        }
    }
    if report.cells.iter().any(|c| c.tbl == APPEALS) {
        for row in template::APPEAL_ROWS {
            let parts: Vec<(&str, &str)> = template::APPEAL_COLS[..4].iter().map(|c| (row, *c)).collect();
            out.push(compare(
                "R4",
                row,
                side(report, APPEALS, &[(row, "total")]),
                side(report, APPEALS, &parts),
                "total vs upheld + corrected + other + pending",
            ));
        }
    }
    for claim in &report.claims {
        if let Some(v) = claim.value {
            out.push(check_claim(report, claim, v));
        }
    }
    out
}

/// The table figure a claim subject restates: a cell, or a derived sum of row totals.
pub fn subject_value(report: &Report, subject: &str) -> Option<f64> {
    let mut parts = subject.splitn(3, '.');
    let (tbl, row, col) = (parts.next()?, parts.next()?, parts.next()?);
    let sum_rows = |rows: &[&str]| -> Option<f64> {
        let vals: Vec<f64> = rows.iter().filter_map(|r| row_total(report, tbl, r)).collect();
        (!vals.is_empty()).then(|| vals.iter().sum())
    };
    let prefixed = |prefix: &str| -> Vec<&'static str> {
        template::application_rows("2021")
            .iter()
            .chain(template::application_rows("2019"))
            .copied()
            .filter(|r| r.starts_with(prefix))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    match (tbl, row) {
        (APPLICATIONS, "granted_or_partial") => sum_rows(&["granted", "partial"]),
        (APPLICATIONS, "deny") => sum_rows(&prefixed("deny_")),
        (APPLICATIONS, "unable") => sum_rows(&prefixed("unable_")),
        (APPLICATIONS, "noproc") => sum_rows(&prefixed("noproc_")),
        (APPEALS, "suits") => sum_rows(&["suit_direct", "suit_after_review"]),
        _ if col == "total" => row_total(report, tbl, row),
        _ => report.value(tbl, row, col),
    }
}

/// A row's total: the printed 总计 cell, or, where it is blank, the sum of its parts.
fn row_total(report: &Report, tbl: &str, row: &str) -> Option<f64> {
    if let Some(v) = report.value(tbl, row, "total") {
        return Some(v);
    }
    let cols: &[&str] = if tbl == APPEALS { &template::APPEAL_COLS[..4] } else { &template::APPLICATION_COLS[..6] };
    let vals: Vec<f64> = cols.iter().filter_map(|c| report.value(tbl, row, c)).collect();
    (!vals.is_empty()).then(|| vals.iter().sum())
}

fn check_claim(report: &Report, claim: &Claim, stated: f64) -> CheckResult {
    let table = subject_value(report, &claim.subject);
    let (status, detail) = match table {
        Some(t) if (t - stated).abs() < 1e-6 => (Status::Pass, format!("「{}」: the table agrees ({})", claim.text, fmt(t))),
        Some(t) => (Status::Fail, format!("「{}」 states {}, the table gives {}", claim.text, fmt(stated), fmt(t))),
        None => (Status::NotAssessable, format!("「{}」: the table has no figure for {}", claim.text, claim.subject)),
    };
    CheckResult { rule: "R7", scope: claim.subject.clone(), lhs: Some(stated), rhs: table, status, detail }
}
