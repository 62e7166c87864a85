//! Figures of reports before the 2019 template (`pre2019`): the types, the key contract of
//! `spec/pre2019.md`, and how the figures meet the 2019+ metrics.
//!
//! From 2008 to 2018 there was no national table template. A report states a handful of
//! headline figures — 主动公开 items, applications (by channel), replies, 行政复议, 行政诉讼,
//! 申诉/举报, fees, 咨询 — in a statistics table (指标名称 · 计量单位 · 本年度 · 历年累计) and/or
//! in prose (共受理政府信息公开申请12件, 未收到政府信息公开申请). [`crate::extract::figures`]
//! reads them into [`Figure`]s; [`crate::checks::pre2019`] checks them.
//!
//! # Figure or claim
//!
//! Every figure keeps its source ([`FigureSource::Table`] or [`FigureSource::Prose`]) and a
//! [`Role`]. The rule, applied per key: the statistics table's value is **the** figure; a
//! prose figure for a key the table also gives is a **claim** (kept, whether it agrees or
//! not, and checked by R7); a prose figure for a key the table does not give (or when there
//! is no table) is the figure. Nothing is averaged or picked by taste.
//!
//! The year column is the figure; a 历年累计 column is kept only as its own key
//! (`proactive_items_cumulative`, see [`CUMULATIVE`]), and checked across years like R6.
//!
//! # Storage
//!
//! The store (`xxgk-db`, `schema.sql`) keeps every figure, claims included, in the table
//! `figures` (report, seq, key, value, unit, raw, source, role), at most one `figure` per
//! report and key; the view `report_figures` shows the figures (not the claims) with the
//! report's identity. `reports.template` is `pre2019` for such a report ([`Era::Pre2019`]).
//! The R7 results and the cumulative results go to `check_results` like the template rules
//! (rule `R7`, scope the figure key; rule `R6`, scope `proactive_items_cumulative`,
//! `other_report_id` the earlier report). `cell_values` holds template cells only.
//!
//! # Metrics across eras
//!
//! The metrics that exist in both eras (applications, granted, partial, denied, reviews,
//! suits) and the two that exist only before 2019 (proactive_items, disclosure_fees) say in
//! the catalog ([`crate::metrics::Metric::pre2019`]) which figures give them and what differs
//! from the 2019+ definition. A value comes from the template cells when the report has them
//! (source `2021 table` / `2019 table`), else from the report's figures (`pre-2019 table` /
//! `pre-2019 prose`, by the figure's source); [`source_label`] names it.

use chrono::NaiveDate;
use serde::Serialize;

/// Which reading a report got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Era {
    /// Neither the national tables nor pre-2019 figures were found.
    #[default]
    Unknown,
    /// The 2019 or 2021 national tables were found (see [`crate::report::Versions`]).
    Template,
    /// No national tables; read as template `pre2019`: figures from a statistics table
    /// and/or the prose.
    Pre2019,
}

impl Era {
    /// The era's name (`reports.template` stores `pre2019`, or the template version).
    pub fn as_str(self) -> &'static str {
        match self {
            Era::Unknown => "unknown",
            Era::Template => "template",
            Era::Pre2019 => "pre2019",
        }
    }
}

/// Where a figure was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureSource {
    /// A row of a statistics table (a table block, or a table laid out as a line of text).
    Table,
    /// A sentence of the prose.
    Prose,
}

impl FigureSource {
    /// `table` or `prose`.
    pub fn as_str(self) -> &'static str {
        match self {
            FigureSource::Table => "table",
            FigureSource::Prose => "prose",
        }
    }
}

/// Whether a figure is the report's figure for its key, or a prose claim about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The figure for its key (at most one per key and report).
    Figure,
    /// A prose statement of a key the statistics table also gives: checked by R7.
    Claim,
}

impl Role {
    /// `figure` or `claim`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Figure => "figure",
            Role::Claim => "claim",
        }
    }
}

/// One figure of a pre-2019 report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    /// A key of `spec/pre2019.md`: `applications`, `applications_by_channel:当面`, …
    pub key: String,
    /// The number; 0 for a figure stated only in words (未收到…申请).
    pub value: f64,
    /// The unit as printed; for a zero in words, the key's usual unit ([`KeyInfo::unit`]).
    pub unit: Option<String>,
    /// The table row (cells joined by spaces) or the sentence, as printed (NFKC, no spaces).
    pub raw: String,
    /// Table or prose.
    pub source: FigureSource,
    /// Figure or claim (see the module doc).
    pub role: Role,
}

impl Figure {
    /// Is this the report's figure for its key (not a claim)?
    pub fn is_figure(&self) -> bool {
        self.role == Role::Figure
    }
}

/// The report's figure for `key` (table first; a prose figure only where no table gives it).
pub fn figure<'a>(figures: &'a [Figure], key: &str) -> Option<&'a Figure> {
    figures.iter().find(|f| f.is_figure() && f.key == key)
}

/// One key of the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyInfo {
    /// The key; `applications_by_channel:` is a prefix, the channel follows it.
    pub key: &'static str,
    /// What it counts.
    pub meaning: &'static str,
    /// The unit used when a figure is stated only in words (no unit printed).
    pub unit: &'static str,
}

/// The figure keys of `spec/pre2019.md`, in the order reports usually give them.
pub const KEYS: &[KeyInfo] = &[
    KeyInfo {
        key: "proactive_items", meaning: "items disclosed proactively this year (主动公开信息数)", unit: "条"
    },
    KeyInfo {
        key: "proactive_items_cumulative",
        meaning: "the 历年累计 of proactive items (all years to date)",
        unit: "条",
    },
    KeyInfo {
        key: "applications",
        meaning: "applications received / accepted (受理依申请公开信息总数; 未收到 = 0)",
        unit: "件",
    },
    KeyInfo {
        key: "applications_by_channel:",
        meaning: "applications by channel (当面 / 传真 / 电子邮件 / 网上 / 信函 / 其他, or a combined row as printed)",
        unit: "件",
    },
    KeyInfo { key: "replies_total", meaning: "replies to applications (对申请的答复总数)", unit: "件" },
    KeyInfo { key: "granted", meaning: "replies 同意公开 / 同意提供", unit: "件" },
    KeyInfo { key: "partial", meaning: "replies 同意部分公开", unit: "件" },
    KeyInfo { key: "denied", meaning: "replies 不予公开 / 否决公开 / 拒绝提供", unit: "件" },
    KeyInfo {
        key: "other_replies", meaning: "replies of other kinds (信息不存在, 非本机关掌握, …)", unit: "件"
    },
    KeyInfo { key: "reviews", meaning: "行政复议 about disclosure", unit: "件" },
    KeyInfo { key: "suits", meaning: "行政诉讼 about disclosure", unit: "件" },
    KeyInfo { key: "complaints", meaning: "行政申诉 / 举报", unit: "件" },
    KeyInfo { key: "fees", meaning: "fees charged for disclosure (收费及减免)", unit: "元" },
    KeyInfo { key: "consultations", meaning: "咨询 handled", unit: "人次" },
];

/// Keys that have a 历年累计 key of their own: `(year key, cumulative key)`. The contract
/// defines one; other rows' 历年累计 cells are not kept.
pub const CUMULATIVE: &[(&str, &str)] = &[("proactive_items", "proactive_items_cumulative")];

/// The contract entry of a key (`applications_by_channel:信函` → the channel entry).
pub fn key_info(key: &str) -> Option<&'static KeyInfo> {
    KEYS.iter().find(|k| {
        if k.key.ends_with(':') {
            key.starts_with(k.key) && key.len() > k.key.len()
        } else {
            k.key == key
        }
    })
}

/// The source column of a trend row: `2021 table`, `2019 table`, `pre-2019 table` or
/// `pre-2019 prose`. `template_version` is the version of the report's table 三 (`2019`,
/// `2021`, or `2019/2021` when the table cannot tell, read then by the year the version is
/// normally used for: 2019 and 2020 → 2019). When it is None, the figure's source decides.
pub fn source_label(
    template_version: Option<&str>,
    year: Option<i32>,
    figure_source: Option<FigureSource>,
) -> Option<&'static str> {
    if let Some(v) = template_version {
        let has = |p: &str| v.split('/').any(|x| x == p);
        return match (has("2019"), has("2021")) {
            (true, false) => Some("2019 table"),
            (false, true) => Some("2021 table"),
            (true, true) if year.is_some_and(|y| y <= 2020) => Some("2019 table"),
            (true, true) => Some("2021 table"),
            (false, false) => None,
        };
    }
    match figure_source {
        Some(FigureSource::Table) => Some("pre-2019 table"),
        Some(FigureSource::Prose) => Some("pre-2019 prose"),
        None => None,
    }
}

/// The publication deadline of the report for `report_year`, by the rule of that year:
/// 31 March of the next year under the 2008 条例 (第三十一条) for reports up to 2018,
/// 31 January of the next year under the 2019 条例 (第五十条) from the 2019 report on.
pub fn publication_deadline(report_year: i32) -> Option<NaiveDate> {
    let month = if report_year <= 2018 { 3 } else { 1 };
    NaiveDate::from_ymd_opt(report_year.checked_add(1)?, month, 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_lookup() {
        assert_eq!(key_info("applications_by_channel:信函、传真").map(|k| k.unit), Some("件"));
        assert_eq!(key_info("fees").map(|k| k.unit), Some("元"));
        assert!(key_info("applications_by_channel:").is_none());
        assert!(key_info("made_up").is_none());
    }

    #[test]
    fn labels_and_deadlines() {
        assert_eq!(source_label(Some("2021"), Some(2023), None), Some("2021 table"));
        assert_eq!(source_label(Some("2019"), Some(2019), None), Some("2019 table"));
        assert_eq!(source_label(Some("2019/2021"), Some(2020), None), Some("2019 table"));
        assert_eq!(source_label(None, Some(2015), Some(FigureSource::Table)), Some("pre-2019 table"));
        assert_eq!(source_label(None, Some(2013), Some(FigureSource::Prose)), Some("pre-2019 prose"));
        assert_eq!(publication_deadline(2018), NaiveDate::from_ymd_opt(2019, 3, 31));
        assert_eq!(publication_deadline(2019), NaiveDate::from_ymd_opt(2020, 1, 31));
        assert_eq!(publication_deadline(i32::MAX), None);
    }
}
