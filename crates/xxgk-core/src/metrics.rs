//! The catalog of named metrics: each a formula over the template's cells and, for the
//! metrics that exist before 2019 too, a sum of pre-2019 figures.
//!
//! A metric is a sum of cells, or a ratio of two sums (in percent). A blank, n.a. or
//! missing cell is missing, never zero: a sum is missing when any of its cells is (a
//! family term such as every 不予公开 ground sums the rows the report printed, and is
//! missing only when none of them has a number). A ratio with a zero denominator is
//! missing, not an error. Metrics are computed from a report's cells at import and stored
//! in `report_metrics`.
//!
//! # Eras
//!
//! A metric exists in the template versions of [`Metric::versions`] (unless its formula is
//! [`Formula::NotInTemplate`]) and, when [`Metric::pre2019`] says how, in reports before the
//! 2019 template, read from their figures ([`crate::figures`]). Which one a report gets is
//! decided by the report's [`Era`], never by trying both: a template report's value comes
//! from its cells, a pre-2019 report's from its figures. Every value carries its source
//! (`2021 table`, `2019 table`, `pre-2019 table`, `pre-2019 prose`; see
//! [`crate::figures::source_label`]), and a pre-2019 value the caveat of its metric.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use crate::figures::{self, Era, FigureSource};
use crate::report::{CellIndex, CellValue, KeyHasher, Report};
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
    /// The template position of a one-row term's cell, worked out once for every term of
    /// [`CATALOG`] (their keys are this module's own strings, which
    /// [`crate::template::position`] would look up by their bytes each time). None for a
    /// term of a family, one outside the catalog, or a cell the template does not have.
    fn position(&self) -> Option<usize> {
        type ByTerm = HashMap<usize, usize, BuildHasherDefault<KeyHasher>>;
        static BY_TERM: LazyLock<ByTerm> = LazyLock::new(|| {
            let mut by_term = ByTerm::default();
            for m in CATALOG {
                let terms: &[&'static [Term]] = match &m.formula {
                    Formula::Sum(ts) => &[ts],
                    Formula::Percent(n, d) => &[n, d],
                    Formula::NotInTemplate | Formula::Publication(_) => &[],
                };
                for t in terms.iter().flat_map(|ts| ts.iter()) {
                    if let Rows::Key(r) = t.rows {
                        if let Some(p) = crate::template::position(t.tbl, r, t.col) {
                            by_term.insert(t as *const Term as usize, p);
                        }
                    }
                }
            }
            by_term
        });
        BY_TERM.get(&(self as *const Term as usize)).copied()
    }

    /// The term in words: `tbl.row.col`, with `deny*` for a family.
    pub fn text(&self) -> String {
        match &self.rows {
            Rows::Key(r) => format!("{}.{}.{}", self.tbl, r, self.col),
            Rows::Family(f) => format!("{}.{}*.{}", self.tbl, f.key(), self.col),
        }
    }

    fn value(&self, report: &Report, index: &CellIndex) -> Option<f64> {
        match &self.rows {
            Rows::Key(r) => match self.position() {
                Some(p) => index.at(p).and_then(|c| c.value),
                None => index.value(self.tbl, r, self.col),
            },
            Rows::Family(f) => {
                // Every cell of the family's rows in this column, in the report's order (a
                // cell printed twice counts twice, as the report printed it). A template
                // cell's row is known from its position; any other cell's is looked up.
                let def = self.tbl.def();
                let in_family = |(c, at): (&CellValue, &Option<u16>)| match at
                    .and_then(|p| crate::template::cell_at(p.into()))
                {
                    Some((tbl, row, col)) => tbl == self.tbl && col.key == self.col && row.family == *f,
                    None => c.tbl == self.tbl && c.col == self.col && def.row(&c.row).is_some_and(|r| r.family == *f),
                };
                debug_assert_eq!(report.cells.len(), index.positions().len(), "the index is the report's");
                let mut any = false;
                let sum: f64 = report
                    .cells
                    .iter()
                    .zip(index.positions())
                    .filter(|&cell| in_family(cell))
                    .filter_map(|(c, _)| c.value)
                    .inspect(|_| any = true)
                    .sum();
                any.then_some(sum)
            }
        }
    }
}

/// How a metric is computed from template cells.
#[derive(Debug)]
pub enum Formula {
    /// The sum of the terms.
    Sum(&'static [Term]),
    /// 100 × sum(numerator) / sum(denominator).
    Percent(&'static [Term], &'static [Term]),
    /// The 2019/2021 template has no such figure: the metric exists only before 2019.
    NotInTemplate,
    /// Timeliness: read from the report's publication date against the deadline of its
    /// year, in every era (not from cells or figures).
    Publication(Timeliness),
}

/// What a timeliness metric says of a report's publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timeliness {
    /// Days after the deadline (0 when on time); groups take the mean.
    DaysLate,
    /// Published after the deadline: 100 or 0 (%); a group's value is the share of its
    /// reports published late.
    Late,
}

/// How values of a metric are combined over several reports (`trend --by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregate {
    /// Counts are summed.
    Sum,
    /// 100 × sum(numerator) / sum(denominator): a rate recomputed from summed parts, never
    /// an average of rates.
    Ratio,
    /// sum(numerator) / sum(denominator): a mean over reports (days late).
    Mean,
}

impl Aggregate {
    /// `sum`, `ratio` or `mean` (`metric_catalog.aggregate`).
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Ratio => "ratio",
            Aggregate::Mean => "mean",
        }
    }
}

/// How a metric is read from a pre-2019 report's figures: the sum of these figure keys
/// (`spec/pre2019.md`), missing when any of them is. Claims never count, only figures.
#[derive(Debug)]
pub struct FromFigures {
    /// The figure keys added up.
    pub keys: &'static [&'static str],
    /// What differs from the 2019+ definition (empty when nothing does); shown beside
    /// every value read this way.
    pub caveat: &'static str,
}

/// A named metric.
#[derive(Debug)]
pub struct Metric {
    pub name: &'static str,
    pub description: &'static str,
    /// The unit of the template's value (a pre-2019 value keeps the unit its figure printed).
    pub unit: &'static str,
    /// The template versions of `version_of`'s table the metric exists in (ignored when
    /// the formula is [`Formula::NotInTemplate`]).
    pub versions: Version,
    /// Which table's version decides whether the metric exists for a report.
    pub version_of: Table,
    /// What to know about the template value.
    pub caveat: &'static str,
    pub formula: Formula,
    /// The claim subject that states this metric in prose, if any.
    pub claim_subject: Option<&'static str>,
    /// How a report before the 2019 template gives this metric; None: it does not.
    pub pre2019: Option<FromFigures>,
}

/// One report's value of one metric, with where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricValue {
    /// The value.
    pub value: Option<f64>,
    /// For ratios: the numerator, so that groups recompute the ratio (for sums: the value).
    pub numerator: Option<f64>,
    /// For ratios: the denominator; None for sums.
    pub denominator: Option<f64>,
    /// `2021 table`, `2019 table`, `pre-2019 table` or `pre-2019 prose`.
    pub source: &'static str,
    /// The unit printed with a pre-2019 figure (条, 件, 起 …) where the report gives one;
    /// None for template values, whose unit is [`Metric::unit`].
    pub unit: Option<String>,
}

impl Metric {
    /// A ratio is aggregated by recomputing it from summed parts, never by averaging.
    pub fn is_ratio(&self) -> bool {
        self.aggregate() != Aggregate::Sum
    }

    /// How values are combined over reports.
    pub fn aggregate(&self) -> Aggregate {
        match self.formula {
            Formula::Percent(..) | Formula::Publication(Timeliness::Late) => Aggregate::Ratio,
            Formula::Publication(Timeliness::DaysLate) => Aggregate::Mean,
            Formula::Sum(_) | Formula::NotInTemplate => Aggregate::Sum,
        }
    }

    /// The metric's formula in words, for `xxgk metrics` (empty when not in the template).
    pub fn formula_text(&self) -> String {
        let terms = |ts: &[Term]| ts.iter().map(Term::text).collect::<Vec<_>>().join(" + ");
        match &self.formula {
            Formula::Sum(ts) => terms(ts),
            Formula::Percent(n, d) => format!("100 × ({}) / ({})", terms(n), terms(d)),
            Formula::NotInTemplate => String::new(),
            Formula::Publication(Timeliness::DaysLate) => {
                "days from the deadline to reports.published_on (0 when on time)".into()
            }
            Formula::Publication(Timeliness::Late) => {
                "100 when reports.published_on is after the deadline, else 0".into()
            }
        }
    }

    /// The pre-2019 formula in words (`figure applications`), empty when there is none.
    pub fn pre2019_text(&self) -> String {
        self.pre2019
            .as_ref()
            .map_or(String::new(), |p| p.keys.iter().map(|k| format!("figure {k}")).collect::<Vec<_>>().join(" + "))
    }

    /// Is the metric in the 2019/2021 template at all?
    pub fn in_template(&self) -> bool {
        !matches!(self.formula, Formula::NotInTemplate)
    }

    /// The eras the metric exists in, oldest first: `pre2019`, `2019`, `2021`.
    pub fn eras(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.pre2019.is_some() || matches!(self.formula, Formula::Publication(_)) {
            out.push("pre2019");
        }
        if self.in_template() {
            for v in [Version::V2019, Version::V2021] {
                if v.fits(self.versions) {
                    out.push(v.as_str());
                }
            }
        }
        out
    }

    /// The caveat shown beside a value from `source` (a pre-2019 source gets the
    /// pre-2019 caveat; template sources none).
    pub fn caveat_for(&self, source: Option<&str>) -> &'static str {
        if matches!(self.formula, Formula::Publication(_)) {
            return if source == Some("document metadata") { CAVEAT_METADATA_DATE } else { "" };
        }
        match (source, &self.pre2019) {
            (Some(s), Some(p)) if s.starts_with("pre-2019") => p.caveat,
            _ => "",
        }
    }

    /// The metric for one report of either era, with its source; None when the report
    /// does not give it. The report's era decides where it is read: template cells, or
    /// pre-2019 figures.
    pub fn evaluate(&self, report: &Report) -> Option<MetricValue> {
        self.evaluate_with(report, &report.index())
    }

    /// [`Metric::evaluate`] through an index of the report's cells (built once for all
    /// the metrics of a report: see [`evaluate_all`]).
    pub fn evaluate_with(&self, report: &Report, index: &CellIndex) -> Option<MetricValue> {
        if let Formula::Publication(kind) = self.formula {
            let published = report.published?;
            let days = published.days_late(report.year?)?;
            let (numerator, value) = match kind {
                Timeliness::DaysLate => (days as f64, days as f64),
                Timeliness::Late => {
                    let late = if days > 0 { 1.0 } else { 0.0 };
                    (late, 100.0 * late)
                }
            };
            return Some(MetricValue {
                value: Some(value),
                numerator: Some(numerator),
                denominator: Some(1.0),
                source: published.source.as_str(),
                unit: None,
            });
        }
        match report.era {
            Era::Pre2019 => {
                let p = self.pre2019.as_ref()?;
                let mut value = 0.0;
                let mut prose = false;
                let mut unit: Option<String> = None;
                for key in p.keys {
                    let f = figures::figure(&report.figures, key)?;
                    value += f.value;
                    prose |= f.source == FigureSource::Prose;
                    unit = unit.or_else(|| f.unit.clone());
                }
                let source = if prose { FigureSource::Prose } else { FigureSource::Table };
                Some(MetricValue {
                    value: Some(value),
                    numerator: Some(value),
                    denominator: None,
                    source: figures::source_label(None, report.year, Some(source))?,
                    unit,
                })
            }
            Era::Template | Era::Unknown => {
                let parts = self.parts_with(report, index);
                let value = self.value_of(report, parts)?;
                let (numerator, denominator) = match parts {
                    Some((n, d)) => (Some(n), d),
                    None => (None, None),
                };
                Some(MetricValue {
                    value: Some(value),
                    numerator,
                    denominator,
                    source: self.template_source(report)?,
                    unit: None,
                })
            }
        }
    }

    /// `2019 table` or `2021 table`: by the version of the table the metric is read from,
    /// else of any table the report has (a version the table cannot tell is read by year).
    fn template_source(&self, report: &Report) -> Option<&'static str> {
        let v = &report.versions;
        let version = v.of(self.version_of).or(v.applications).or(v.proactive).or(v.appeals);
        figures::source_label(Some(version.map_or("2019/2021", |v| v.as_str())), report.year, None)
    }

    /// Compute the metric from one report's template cells (None when missing, not in its
    /// version, or not in the template at all).
    pub fn compute(&self, report: &Report) -> Option<f64> {
        self.value_of(report, self.parts(report))
    }

    /// The metric's value from its parts, None when the report's version of the table does
    /// not have it.
    fn value_of(&self, report: &Report, parts: Option<(f64, Option<f64>)>) -> Option<f64> {
        if let Some(v) = report.versions.of(self.version_of) {
            if !self.versions.fits(v) {
                return None;
            }
        }
        parts.and_then(|(n, d)| match d {
            None => Some(n),
            Some(d) if d != 0.0 => Some(100.0 * n / d),
            Some(_) => None,
        })
    }

    /// The numerator and (for ratios) the denominator, for aggregation.
    pub fn parts(&self, report: &Report) -> Option<(f64, Option<f64>)> {
        self.parts_with(report, &report.index())
    }

    fn parts_with(&self, report: &Report, index: &CellIndex) -> Option<(f64, Option<f64>)> {
        match &self.formula {
            Formula::Sum(ts) => Some((sum(report, index, ts)?, None)),
            Formula::Percent(n, d) => Some((sum(report, index, n)?, Some(sum(report, index, d)?))),
            Formula::NotInTemplate | Formula::Publication(_) => None,
        }
    }
}

/// Every metric of [`CATALOG`] the report gives, by catalog index, through one index of
/// its cells.
pub fn evaluate_all(report: &Report, index: &CellIndex) -> Vec<(usize, MetricValue)> {
    CATALOG.iter().enumerate().filter_map(|(i, m)| Some((i, m.evaluate_with(report, index)?))).collect()
}

fn sum(report: &Report, index: &CellIndex, terms: &[Term]) -> Option<f64> {
    let mut total = 0.0;
    for term in terms {
        total += term.value(report, index)?;
    }
    Some(total)
}

const A: Table = Table::Applications;
const P: Table = Table::Proactive;
const R: Table = Table::Appeals;
const BOTH: Version = Version::Both;

const CAVEAT_METADATA_DATE: &str =
    "the date is the file's creation date (document metadata), not one the report or its page states";
const CAVEAT_PUBLISHED: &str = "from reports.published_on, read from the web page (page meta, page text), the signature, or the file's metadata (source says which)";
const CAVEAT_APPLICATIONS: &str = "before 2019 often counted in 条 (items asked for) rather than 件 (applications), and some tables count only 正式受理 applications";
const CAVEAT_GRANTED: &str = "before 2019: 同意公开 / 同意提供 replies";
const CAVEAT_PARTIAL: &str = "before 2019: 同意部分公开 replies";
const CAVEAT_DENIED: &str = "before 2019 不予公开 / 否决公开 / 拒绝提供 was broader: it also covered what the 2019 template counts as 无法提供 and 不予处理";
const CAVEAT_REVIEWS: &str = "before 2019: all 行政复议 about disclosure, some tables counting in 条";
const CAVEAT_SUITS: &str = "before 2019: all 行政诉讼 about disclosure, not split into direct and after review";

/// Every metric xxgk knows, in the order `xxgk metrics` lists them.
pub static CATALOG: &[Metric] = &[
    Metric { name: "applications", description: "new applications received (本年新收, 总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "new_received", "total")]), claim_subject: Some("applications.new_received.total"), pre2019: Some(FromFigures { keys: &["applications"], caveat: CAVEAT_APPLICATIONS }) },
    Metric { name: "applications_handled", description: "applications answered this year (（七）总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "results_total", "total")]), claim_subject: None, pre2019: None },
    Metric { name: "carried_over", description: "applications carried over from last year", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "carried_over", "total")]), claim_subject: None, pre2019: None },
    Metric { name: "carry_forward", description: "applications carried forward to next year", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "carry_forward", "total")]), claim_subject: None, pre2019: None },
    Metric { name: "granted", description: "answered 予以公开", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "granted", "total")]), claim_subject: Some("applications.granted.total"), pre2019: Some(FromFigures { keys: &["granted"], caveat: CAVEAT_GRANTED }) },
    Metric { name: "partial", description: "answered 部分公开", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(A, "partial", "total")]), claim_subject: Some("applications.partial.total"), pre2019: Some(FromFigures { keys: &["partial"], caveat: CAVEAT_PARTIAL }) },
    Metric { name: "disclosure_rate", description: "(granted + partial) / applications handled", unit: "%", versions: BOTH, version_of: A, caveat: "", formula: Formula::Percent(&[t(A, "granted", "total"), t(A, "partial", "total")], &[t(A, "results_total", "total")]), claim_subject: None, pre2019: None },
    Metric { name: "denied", description: "answered 不予公开 (all eight grounds)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[family(A, Family::Denied, "total")]), claim_subject: Some("applications.deny.total"), pre2019: Some(FromFigures { keys: &["denied"], caveat: CAVEAT_DENIED }) },
    Metric { name: "unable", description: "answered 无法提供 (all three grounds)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[family(A, Family::Unable, "total")]), claim_subject: Some("applications.unable.total"), pre2019: None },
    Metric { name: "not_held_rate", description: "本机关不掌握 / applications handled", unit: "%", versions: BOTH, version_of: A, caveat: "", formula: Formula::Percent(&[t(A, "unable_not_held", "total")], &[t(A, "results_total", "total")]), claim_subject: None, pre2019: None },
    Metric { name: "noproc", description: "answered 不予处理 (all five grounds)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[family(A, Family::NotProcessed, "total")]), claim_subject: Some("applications.noproc.total"), pre2019: None },
    Metric { name: "natural_person_share", description: "applications from natural persons / all new applications", unit: "%", versions: BOTH, version_of: A, caveat: "", formula: Formula::Percent(&[t(A, "new_received", "natural_person")], &[t(A, "new_received", "total")]), claim_subject: None, pre2019: None },
    Metric { name: "permits", description: "行政许可 decisions (处理决定数量)", unit: "件", versions: BOTH, version_of: P, caveat: "the one table 二 metric shared by both versions", formula: Formula::Sum(&[t(P, "licensing", "decisions")]), claim_subject: None, pre2019: None },
    Metric { name: "penalties", description: "行政处罚 decisions", unit: "件", versions: BOTH, version_of: P, caveat: "", formula: Formula::Sum(&[t(P, "penalty", "decisions")]), claim_subject: None, pre2019: None },
    Metric { name: "coercion", description: "行政强制 decisions", unit: "件", versions: BOTH, version_of: P, caveat: "", formula: Formula::Sum(&[t(P, "coercion", "decisions")]), claim_subject: None, pre2019: None },
    Metric { name: "fees", description: "行政事业性收费 amount collected", unit: "万元", versions: Version::V2021, version_of: P, caveat: "2021 template only: money, not the 2019 count of fee items", formula: Formula::Sum(&[t(P, "fees", "amount")]), claim_subject: None, pre2019: None },
    Metric { name: "fee_items", description: "行政事业性收费 items (上一年项目数量 + 本年增/减)", unit: "项", versions: Version::V2019, version_of: P, caveat: "2019 template only: a count of items, never merged with fees", formula: Formula::Sum(&[t(P, "fees", "prev_items"), t(P, "fees", "delta_items")]), claim_subject: None, pre2019: None },
    Metric { name: "procurement", description: "政府集中采购 amount", unit: "as printed (元 or 万元; see cells.unit)", versions: Version::V2019, version_of: P, caveat: "2019 template only; the unit varies by report", formula: Formula::Sum(&[t(P, "procurement", "amount")]), claim_subject: None, pre2019: None },
    Metric { name: "normative_docs_issued", description: "行政规范性文件 issued this year (本年制发件数)", unit: "件", versions: Version::V2021, version_of: P, caveat: "2021 template only", formula: Formula::Sum(&[t(P, "normative_docs", "issued")]), claim_subject: None, pre2019: None },
    Metric { name: "normative_docs_in_force", description: "行政规范性文件 in force (现行有效件数)", unit: "件", versions: Version::V2021, version_of: P, caveat: "2021 template only; not the 2019 对外公开总数量", formula: Formula::Sum(&[t(P, "normative_docs", "in_force")]), claim_subject: None, pre2019: None },
    Metric { name: "normative_docs_published", description: "规范性文件 newly published (本年新公开数量)", unit: "件", versions: Version::V2019, version_of: P, caveat: "2019 template only", formula: Formula::Sum(&[t(P, "normative_docs", "new_published")]), claim_subject: None, pre2019: None },
    Metric { name: "reviews", description: "行政复议 cases (总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(R, "review", "total")]), claim_subject: Some("appeals.review.total"), pre2019: Some(FromFigures { keys: &["reviews"], caveat: CAVEAT_REVIEWS }) },
    Metric { name: "review_correction_rate", description: "行政复议 结果纠正 / decided (维持 + 纠正 + 其他)", unit: "%", versions: BOTH, version_of: A, caveat: "pending cases are left out of the denominator", formula: Formula::Percent(&[t(R, "review", "corrected")], &[t(R, "review", "upheld"), t(R, "review", "corrected"), t(R, "review", "other")]), claim_subject: None, pre2019: None },
    Metric { name: "suits", description: "行政诉讼 cases (direct + after review, 总计)", unit: "件", versions: BOTH, version_of: A, caveat: "", formula: Formula::Sum(&[t(R, "suit_direct", "total"), t(R, "suit_after_review", "total")]), claim_subject: Some("appeals.suits.total"), pre2019: Some(FromFigures { keys: &["suits"], caveat: CAVEAT_SUITS }) },
    Metric { name: "suit_correction_rate", description: "行政诉讼 结果纠正 / decided, both kinds of suit", unit: "%", versions: BOTH, version_of: A, caveat: "pending cases are left out of the denominator", formula: Formula::Percent(&[t(R, "suit_direct", "corrected"), t(R, "suit_after_review", "corrected")], &[t(R, "suit_direct", "upheld"), t(R, "suit_direct", "corrected"), t(R, "suit_direct", "other"), t(R, "suit_after_review", "upheld"), t(R, "suit_after_review", "corrected"), t(R, "suit_after_review", "other")]), claim_subject: None, pre2019: None },
    Metric { name: "proactive_items", description: "items disclosed proactively this year (主动公开信息数)", unit: "条", versions: BOTH, version_of: P, caveat: "", formula: Formula::NotInTemplate, claim_subject: None, pre2019: Some(FromFigures { keys: &["proactive_items"], caveat: "pre-2019 only: the 2019+ table 二 counts rules and normative documents, not all items disclosed" }) },
    Metric { name: "days_late", description: "days the report was published after its deadline (31 January of the next year; 31 March up to the 2018 report); 0 when on time", unit: "天", versions: BOTH, version_of: A, caveat: CAVEAT_PUBLISHED, formula: Formula::Publication(Timeliness::DaysLate), claim_subject: None, pre2019: None },
    Metric { name: "published_late", description: "published after its deadline: 100 (late) or 0 (on time); for a group, the share of its reports published late", unit: "%", versions: BOTH, version_of: A, caveat: CAVEAT_PUBLISHED, formula: Formula::Publication(Timeliness::Late), claim_subject: None, pre2019: None },
    Metric { name: "disclosure_fees", description: "fees charged for disclosure (收费及减免)", unit: "元", versions: BOTH, version_of: P, caveat: "", formula: Formula::NotInTemplate, claim_subject: None, pre2019: Some(FromFigures { keys: &["fees"], caveat: "pre-2019 only: fees charged for disclosure (元); never joined to the 2021 metric fees (行政事业性收费, 万元)" }) },
];

/// Look a metric up by name, or by a Chinese name of [`CHINESE_NAMES`] (申请, 许可, 处罚 …).
pub fn find(name: &str) -> Option<&'static Metric> {
    let name = name.trim();
    CATALOG.iter().find(|m| m.name == name).or_else(|| {
        let english = CHINESE_NAMES.iter().find(|(zh, _)| *zh == name)?.1;
        CATALOG.iter().find(|m| m.name == english)
    })
}

/// Chinese names a metric is also known by on the command line: (name, metric). Each
/// metric's first entry is the one `xxgk metrics` shows.
pub static CHINESE_NAMES: &[(&str, &str)] = &[
    ("申请", "applications"),
    ("申请数", "applications"),
    ("新收申请", "applications"),
    ("收到申请", "applications"),
    ("办结", "applications_handled"),
    ("办理结果总计", "applications_handled"),
    ("上年结转", "carried_over"),
    ("结转下年", "carry_forward"),
    ("予以公开", "granted"),
    ("公开", "granted"),
    ("部分公开", "partial"),
    ("公开率", "disclosure_rate"),
    ("不予公开", "denied"),
    ("无法提供", "unable"),
    ("不掌握率", "not_held_rate"),
    ("不予处理", "noproc"),
    ("自然人占比", "natural_person_share"),
    ("许可", "permits"),
    ("行政许可", "permits"),
    ("处罚", "penalties"),
    ("行政处罚", "penalties"),
    ("强制", "coercion"),
    ("行政强制", "coercion"),
    ("收费", "fees"),
    ("行政事业性收费", "fees"),
    ("收费项目", "fee_items"),
    ("采购", "procurement"),
    ("政府集中采购", "procurement"),
    ("规范性文件制发", "normative_docs_issued"),
    ("规范性文件现行有效", "normative_docs_in_force"),
    ("规范性文件公开", "normative_docs_published"),
    ("复议", "reviews"),
    ("行政复议", "reviews"),
    ("复议纠错率", "review_correction_rate"),
    ("诉讼", "suits"),
    ("行政诉讼", "suits"),
    ("诉讼纠错率", "suit_correction_rate"),
    ("主动公开", "proactive_items"),
    ("主动公开信息数", "proactive_items"),
    ("信息公开收费", "disclosure_fees"),
    ("逾期天数", "days_late"),
    ("迟报天数", "days_late"),
    ("逾期", "published_late"),
    ("逾期发布", "published_late"),
    ("按时发布", "published_late"),
];

/// The Chinese names of a metric, comma-separated (for `xxgk metrics`).
pub fn chinese_names(metric: &str) -> String {
    CHINESE_NAMES.iter().filter(|(_, m)| *m == metric).map(|(zh, _)| *zh).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{key_info, Figure, Role};
    use crate::report::{CellValue, State, Versions};

    fn fig(key: &str, value: f64, unit: &str, source: FigureSource, role: Role) -> Figure {
        Figure { key: key.into(), value, unit: Some(unit.into()), raw: format!("{key} {value}"), source, role }
    }

    #[test]
    fn every_pre2019_key_is_in_the_contract() {
        for m in CATALOG {
            if let Some(p) = &m.pre2019 {
                assert!(!p.keys.is_empty(), "{}", m.name);
                for k in p.keys {
                    assert!(key_info(k).is_some(), "{}: {k}", m.name);
                }
            }
            assert!(!m.eras().is_empty(), "{} exists in no era", m.name);
        }
        assert_eq!(find("applications").unwrap().eras(), vec!["pre2019", "2019", "2021"]);
        assert_eq!(find("fees").unwrap().eras(), vec!["2021"]);
        assert_eq!(find("disclosure_fees").unwrap().eras(), vec!["pre2019"]);
        assert_eq!(find("proactive_items").unwrap().eras(), vec!["pre2019"]);
    }

    #[test]
    fn a_pre2019_report_reads_its_figures_never_its_claims() {
        let report = Report {
            era: Era::Pre2019,
            year: Some(2012),
            figures: vec![
                fig("proactive_items", 739.0, "条", FigureSource::Table, Role::Figure),
                fig("proactive_items", 1913.0, "条", FigureSource::Prose, Role::Claim),
                fig("applications", 3.0, "条", FigureSource::Table, Role::Figure),
                fig("reviews", 1.0, "件", FigureSource::Prose, Role::Figure),
            ],
            ..Default::default()
        };
        let v = find("proactive_items").unwrap().evaluate(&report).unwrap();
        assert_eq!((v.value, v.source, v.unit.as_deref()), (Some(739.0), "pre-2019 table", Some("条")));
        let v = find("reviews").unwrap().evaluate(&report).unwrap();
        assert_eq!((v.value, v.source), (Some(1.0), "pre-2019 prose"));
        assert!(find("suits").unwrap().evaluate(&report).is_none(), "no figure, no value");
        assert!(find("permits").unwrap().evaluate(&report).is_none(), "not a pre-2019 metric");
        assert!(find("disclosure_rate").unwrap().evaluate(&report).is_none());
        let apps = find("applications").unwrap();
        assert_eq!(apps.caveat_for(Some("pre-2019 table")), CAVEAT_APPLICATIONS);
        assert_eq!(apps.caveat_for(Some("2019 table")), "");
    }

    /// A table 三 cell printing a number.
    fn number_cell(row: &str, col: &'static str, value: f64) -> CellValue {
        CellValue {
            tbl: Table::Applications,
            row: row.to_string().into(),
            col,
            raw: compact_str::ToCompactString::to_compact_string(&value),
            state: State::Number,
            value: Some(value),
            unit: None,
            placement: Default::default(),
            confidence: None,
            ocr_raw: None,
        }
    }

    #[test]
    fn a_template_report_reads_its_cells_with_the_table_version() {
        let cell = |row: &str, value: f64| number_cell(row, "total", value);
        let mut report = Report {
            era: Era::Template,
            year: Some(2020),
            versions: Versions { proactive: None, applications: Some(Version::Both), appeals: None },
            cells: vec![cell("new_received", 15.0), cell("granted", 2.0)],
            ..Default::default()
        };
        let v = find("applications").unwrap().evaluate(&report).unwrap();
        assert_eq!((v.value, v.source, v.unit), (Some(15.0), "2019 table", None));
        report.versions.applications = Some(Version::V2021);
        assert_eq!(find("granted").unwrap().evaluate(&report).unwrap().source, "2021 table");
        assert!(find("proactive_items").unwrap().evaluate(&report).is_none(), "pre-2019 only");
    }

    /// A family's term adds every cell of the family's rows in its column, as the report
    /// printed them: a row printed twice counts twice, a row an agency added and another
    /// column do not count. Template cells are known by their positions, the added row by
    /// its key.
    #[test]
    fn a_family_adds_each_cell_of_its_rows_in_its_column() {
        let cell = number_cell;
        let report = Report {
            era: Era::Template,
            year: Some(2020),
            versions: Versions { proactive: None, applications: Some(Version::Both), appeals: None },
            cells: vec![
                cell("deny_state_secret", "total", 1.0),
                cell("deny_third_party", "total", 2.0),
                cell("deny_state_secret", "total", 1.0),
                cell("deny_third_party", "natural_person", 7.0),
                cell("extra:其他不予公开", "total", 50.0),
                cell("granted", "total", 100.0),
            ],
            ..Default::default()
        };
        let v = find("denied").unwrap().evaluate(&report).unwrap();
        assert_eq!(v.value, Some(4.0));
        let none = Report { cells: vec![cell("granted", "total", 3.0)], ..report };
        assert_eq!(find("denied").unwrap().evaluate(&none).and_then(|v| v.value), None, "no cell of the family");
    }

    /// Each one-row term of the catalog knows its cell's template position, the one
    /// [`crate::template::position`] gives for its keys.
    #[test]
    fn every_one_row_term_knows_its_cells_position() {
        let mut known = 0;
        for m in CATALOG {
            let terms: Vec<&Term> = match &m.formula {
                Formula::Sum(ts) => ts.iter().collect(),
                Formula::Percent(n, d) => n.iter().chain(d.iter()).collect(),
                Formula::NotInTemplate | Formula::Publication(_) => Vec::new(),
            };
            for t in terms {
                let expected = match t.rows {
                    Rows::Key(r) => crate::template::position(t.tbl, r, t.col),
                    Rows::Family(_) => None,
                };
                assert_eq!(t.position(), expected, "{}", t.text());
                known += usize::from(expected.is_some());
            }
        }
        assert!(known > 20, "{known} terms");
    }
}
