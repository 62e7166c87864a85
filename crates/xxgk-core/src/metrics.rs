//! The catalog of named metrics: each a formula over the template's cells.
//!
//! A metric is a sum of cells, or a ratio of two sums (in percent). A blank, n.a. or
//! missing cell is missing, never zero: a sum is missing when any of its cells is (a
//! family term such as every 不予公开 ground sums the rows the report printed, and is
//! missing only when none of them has a number). A ratio with a zero denominator is
//! missing, not an error. Metrics are computed from a report's cells at import and stored
//! in `report_metrics`.

use crate::report::Report;
use crate::template::{Family, Table, Version};

/// Which rows a term adds up.
#[derive(Debug)]
pub enum Rows {
    /// One row.
    Key(&'static str),
    /// Every row of a family the report printed (e.g. the eight 不予公开 grounds).
    Family(Family),
}

/// One term of a formula: rows of a table, in one column.
#[derive(Debug)]
pub struct Term {
    pub tbl: Table,
    pub rows: Rows,
    pub col: &'static str,
}

const fn t(tbl: Table, row: &'static str, col: &'static str) -> Term {
    Term { tbl, rows: Rows::Key(row), col }
}

const fn family(tbl: Table, family: Family, col: &'static str) -> Term {
    Term { tbl, rows: Rows::Family(family), col }
}

impl Term {
    /// The term in words: `tbl.row.col`, with `deny*` for a family.
    pub fn text(&self) -> String {
        match &self.rows {
            Rows::Key(r) => format!("{}.{}.{}", self.tbl, r, self.col),
            Rows::Family(f) => format!("{}.{}*.{}", self.tbl, f.key(), self.col),
        }
    }

    fn value(&self, report: &Report) -> Option<f64> {
        match &self.rows {
            Rows::Key(r) => report.value(self.tbl, r, self.col),
            Rows::Family(f) => {
                let def = self.tbl.def();
                let vals: Vec<f64> = report
                    .cells
                    .iter()
                    .filter(|c| c.tbl == self.tbl && c.col == self.col && def.row(&c.row).is_some_and(|r| r.family == *f))
                    .filter_map(|c| c.value)
                    .collect();
                (!vals.is_empty()).then(|| vals.iter().sum())
            }
        }
    }
}

/// How a metric is computed.
#[derive(Debug)]
pub enum Formula {
    /// The sum of the terms.
    Sum(&'static [Term]),
    /// 100 × sum(numerator) / sum(denominator).
    Percent(&'static [Term], &'static [Term]),
}

/// A named metric.
#[derive(Debug)]
pub struct Metric {
    pub name: &'static str,
    pub description: &'static str,
    pub unit: &'static str,
    /// The template versions of `version_of`'s table the metric exists in.
    pub versions: Version,
    /// Which table's version decides whether the metric exists for a report.
    pub version_of: Table,
    pub caveat: &'static str,
    pub formula: Formula,
    /// The claim subject that states this metric in prose, if any.
    pub claim_subject: Option<&'static str>,
}

impl Metric {
    /// A ratio is aggregated by recomputing it from summed parts, never by averaging.
    pub fn is_ratio(&self) -> bool {
        matches!(self.formula, Formula::Percent(..))
    }

    /// The metric's formula in words, for `xxgk metrics`.
    pub fn formula_text(&self) -> String {
        let terms = |ts: &[Term]| ts.iter().map(Term::text).collect::<Vec<_>>().join(" + ");
        match &self.formula {
            Formula::Sum(ts) => terms(ts),
            Formula::Percent(n, d) => format!("100 × ({}) / ({})", terms(n), terms(d)),
        }
    }

    /// Compute the metric for one report (None when missing or not in its version).
    pub fn compute(&self, report: &Report) -> Option<f64> {
        if let Some(v) = report.versions.of(self.version_of) {
            if !self.versions.fits(v) {
                return None;
            }
        }
        self.parts(report).and_then(|(n, d)| match d {
            None => Some(n),
            Some(d) if d != 0.0 => Some(100.0 * n / d),
            Some(_) => None,
        })
    }

    /// The numerator and (for ratios) the denominator, for aggregation.
    pub fn parts(&self, report: &Report) -> Option<(f64, Option<f64>)> {
        match &self.formula {
            Formula::Sum(ts) => Some((sum(report, ts)?, None)),
            Formula::Percent(n, d) => Some((sum(report, n)?, Some(sum(report, d)?))),
        }
    }
}

fn sum(report: &Report, terms: &[Term]) -> Option<f64> {
    let mut total = 0.0;
    for term in terms {
        total += term.value(report)?;
    }
    Some(total)
}

const A: Table = Table::Applications;
const P: Table = Table::Proactive;
const R: Table = Table::Appeals;
const BOTH: Version = Version::Both;

/// Every metric xxgk knows, in the order `xxgk metrics` lists them.
pub static CATALOG: &[Metric] = &[
    Metric { name: "applications", description: "new applications received (本年新收, 总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "new_received", "total")]), claim_subject: Some("applications.new_received.total") },
    Metric { name: "applications_handled", description: "applications answered this year (（七）总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "results_total", "total")]), claim_subject: None },
    Metric { name: "carried_over", description: "applications carried over from last year", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "carried_over", "total")]), claim_subject: None },
    Metric { name: "carry_forward", description: "applications carried forward to next year", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "carry_forward", "total")]), claim_subject: None },
    Metric { name: "granted", description: "answered 予以公开", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "granted", "total")]), claim_subject: Some("applications.granted.total") },
    Metric { name: "partial", description: "answered 部分公开", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "partial", "total")]), claim_subject: Some("applications.partial.total") },
    Metric { name: "disclosure_rate", description: "(granted + partial) / applications handled", unit: "%", versions: BOTH, version_of: A, caveat: "", formula: Formula::Percent(&[t(A, "granted", "total"), t(A, "partial", "total")], &[t(A, "results_total", "total")]), claim_subject: None },
    Metric { name: "denied", description: "answered 不予公开 (all eight grounds)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[family(A, Family::Denied, "total")]), claim_subject: Some("applications.deny.total") },
    Metric { name: "unable", description: "answered 无法提供 (all three grounds)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[family(A, Family::Unable, "total")]), claim_subject: Some("applications.unable.total") },
    Metric { name: "not_held_rate", description: "本机关不掌握 / applications handled", unit: "%", versions: BOTH, version_of: A, caveat: "", formula: Formula::Percent(&[t(A, "unable_not_held", "total")], &[t(A, "results_total", "total")]), claim_subject: None },
    Metric { name: "noproc", description: "answered 不予处理 (all five grounds)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[family(A, Family::NotProcessed, "total")]), claim_subject: Some("applications.noproc.total") },
    Metric { name: "natural_person_share", description: "applications from natural persons / all new applications", unit: "%", versions: BOTH, version_of: A, caveat: "", formula: Formula::Percent(&[t(A, "new_received", "natural_person")], &[t(A, "new_received", "total")]), claim_subject: None },
    Metric { name: "permits", description: "行政许可 decisions (处理决定数量)", unit: "件", versions: BOTH, version_of: P, caveat: "the one table 二 metric shared by both versions", formula: Formula::Sum(&[t(P, "licensing", "decisions")]), claim_subject: None },
    Metric { name: "penalties", description: "行政处罚 decisions", unit: "件", versions: BOTH, version_of: P, caveat: "", formula: Formula::Sum(&[t(P, "penalty", "decisions")]), claim_subject: None },
    Metric { name: "coercion", description: "行政强制 decisions", unit: "件", versions: BOTH, version_of: P, caveat: "", formula: Formula::Sum(&[t(P, "coercion", "decisions")]), claim_subject: None },
    Metric { name: "fees", description: "行政事业性收费 amount collected", unit: "万元", versions: Version::V2021, version_of: P, caveat: "2021 template only: money, not the 2019 count of fee items", formula: Formula::Sum(&[t(P, "fees", "amount")]), claim_subject: None },
    Metric { name: "fee_items", description: "行政事业性收费 items (上一年项目数量 + 本年增/减)", unit: "项", versions: Version::V2019, version_of: P, caveat: "2019 template only: a count of items, never merged with fees", formula: Formula::Sum(&[t(P, "fees", "prev_items"), t(P, "fees", "delta_items")]), claim_subject: None },
    Metric { name: "procurement", description: "政府集中采购 amount", unit: "as printed (元 or 万元; see cells.unit)", versions: Version::V2019, version_of: P, caveat: "2019 template only; the unit varies by report", formula: Formula::Sum(&[t(P, "procurement", "amount")]), claim_subject: None },
    Metric { name: "normative_docs_issued", description: "行政规范性文件 issued this year (本年制发件数)", unit: "件", versions: Version::V2021, version_of: P, caveat: "2021 template only", formula: Formula::Sum(&[t(P, "normative_docs", "issued")]), claim_subject: None },
    Metric { name: "normative_docs_in_force", description: "行政规范性文件 in force (现行有效件数)", unit: "件", versions: Version::V2021, version_of: P, caveat: "2021 template only; not the 2019 对外公开总数量", formula: Formula::Sum(&[t(P, "normative_docs", "in_force")]), claim_subject: None },
    Metric { name: "normative_docs_published", description: "规范性文件 newly published (本年新公开数量)", unit: "件", versions: Version::V2019, version_of: P, caveat: "2019 template only", formula: Formula::Sum(&[t(P, "normative_docs", "new_published")]), claim_subject: None },
    Metric { name: "reviews", description: "行政复议 cases (总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(R, "review", "total")]), claim_subject: Some("appeals.review.total") },
    Metric { name: "review_correction_rate", description: "行政复议 结果纠正 / decided (维持 + 纠正 + 其他)", unit: "%", versions: BOTH, version_of: A, caveat: "pending cases are left out of the denominator", formula: Formula::Percent(&[t(R, "review", "corrected")], &[t(R, "review", "upheld"), t(R, "review", "corrected"), t(R, "review", "other")]), claim_subject: None },
    Metric { name: "suits", description: "行政诉讼 cases (direct + after review, 总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(R, "suit_direct", "total"), t(R, "suit_after_review", "total")]), claim_subject: Some("appeals.suits.total") },
    Metric { name: "suit_correction_rate", description: "行政诉讼 结果纠正 / decided, both kinds of suit", unit: "%", versions: BOTH, version_of: A, caveat: "pending cases are left out of the denominator", formula: Formula::Percent(&[t(R, "suit_direct", "corrected"), t(R, "suit_after_review", "corrected")], &[t(R, "suit_direct", "upheld"), t(R, "suit_direct", "corrected"), t(R, "suit_direct", "other"), t(R, "suit_after_review", "upheld"), t(R, "suit_after_review", "corrected"), t(R, "suit_after_review", "other")]), claim_subject: None },
];

/// Look a metric up by name.
pub fn find(name: &str) -> Option<&'static Metric> {
    CATALOG.iter().find(|m| m.name == name)
}
