//! Pre-2019 figures: a document → the [`Figure`]s of `spec/pre2019.md`.
//!
//! A report of 2008–2018 gives its headline figures in up to three places, read here in
//! this order:
//!
//! 1. **Statistics tables** (table blocks). The header row names the columns — 指标名称,
//!    (计量)单位, the year column (`2011年度`, 本年度, 数量, 年末统计, 本期实际) and 历年累计 —
//!    and every row's label is matched by meaning against [`ROW_KEYS`] (a data table of
//!    patterns, tried in order, on the label folded to simplified characters with its
//!    numbering and 其中 stripped). Only the year column makes a figure; the 历年累计 cell
//!    of a row in [`CUMULATIVE`] becomes that row's cumulative key. A table counts as a
//!    statistics table when at least two of its rows name a key.
//! 2. **A statistics table laid out as text** (a page saved as text, a PDF without ruling):
//!    after a `指标名称 计量单位 2012年度 历年累计` header, runs of `label unit number
//!    [number]`. Used only when no table block gave figures. Cells run together are split
//!    only where the split is certain: a figure the next row's item number ran into
//!    (`件102．拒绝提供`) loses the number the row's own number says comes next; a row of
//!    two columns printed as one run of digits (`条01`) is read where one split alone
//!    prints two figures (no leading zero; the 累计 no less than the year's). The rest
//!    (`条20263542`) is not read, with a note.
//! 3. **The prose**, sentence by sentence and clause by clause (a clause ends at a comma):
//!    the prose rules (`PROSE_RULES`) pair a key with a pattern around a number and its unit, and zero
//!    phrasings (未收到, 没有发生, 尚未, 暂未, 无…收费) with the figure they set to 0. Numbers are
//!    Arabic or Chinese (一件, 十二件, 两起, 一百零五条); units 条 件 起 宗 份 项 个 次 人次,
//!    元 万元 for money. Per key the first statement wins (an explicit 主动公开 statement
//!    over a verb variant such as 发布各类信息); later ones are breakdowns or sub-bodies
//!    (其中…, 县政府公开办主动公开信息数为…) and are not kept.
//!
//! Traditional characters are folded to simplified before matching ([`super::fold`]);
//! raw phrases keep the printed characters.
//!
//! Table figures are the report's figures. A prose figure whose key the table also gives
//! becomes a claim ([`Role::Claim`], checked by R7 in [`crate::checks::pre2019`]); other prose
//! figures are the report's figures for their keys.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::{Captures, Regex};
use unicode_normalization::UnicodeNormalization;

use super::about_an_earlier_year;
use super::cell;
use super::fold::{fold, fold_normalised};
use crate::figures::{key_info, Figure, FigureSource, Role, CUMULATIVE};
use crate::normalize::{norm, strip_numbering};
use crate::report::State;
use crate::source::{Document, Span, Table};

/// Read a document's pre-2019 figures: table figures first, then prose figures (each a
/// figure, or a claim where the table gives the same key).
pub fn extract(doc: &Document, year: Option<i32>) -> Vec<Figure> {
    extract_with_notes(doc, year).0
}

/// [`extract`], with notes on what could not be read (e.g. digits run together). `year`,
/// the report's, tells prose about an earlier year (2012年受理申请5件 in 2013's report).
pub fn extract_with_notes(doc: &Document, year: Option<i32>) -> (Vec<Figure>, Vec<String>) {
    let mut notes = Vec::new();
    let mut table: Vec<Figure> = doc.tables().flat_map(table_figures).collect();
    if table.is_empty() {
        table = inline_table_figures(doc, &mut notes);
    }
    let prose = prose_figures(doc.paragraphs(), year);
    (resolve(table, prose), notes)
}

/// One figure per key from the tables (the first table row wins); prose figures become
/// claims where a table figure has their key.
fn resolve(table: Vec<Figure>, prose: Vec<Figure>) -> Vec<Figure> {
    let mut seen = HashSet::new();
    let mut out: Vec<Figure> = table.into_iter().filter(|f| seen.insert(f.key.clone())).collect();
    for mut f in prose {
        f.role = if seen.contains(&f.key) { Role::Claim } else { Role::Figure };
        out.push(f);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Statistics tables
// ---------------------------------------------------------------------------------------

/// Row label → key, tried in order (the first pattern that matches the cleaned label wins).
/// Order matters where labels overlap: 接受行政诉讼、举报数 is a complaint row, 同意部分公开
/// is partial before 同意公开 is granted, the breakdown rows come before 答复总数 and the
/// channel rows before the applications total.
pub const ROW_KEYS: &[(&str, &str)] = &[
    ("complaints", r"申诉|举报"),
    ("reviews", r"行政复议"),
    ("suits", r"行政诉讼"),
    ("fees", r"收费|收取.*费|减免"),
    ("consultations", r"咨询"),
    ("partial", r"部分公开|部分提供"),
    ("granted", r"^(?:同意|予以)(?:公开|提供)|^全部公开"),
    ("denied", r"^(?:否决|不予|拒绝|免[于予])(?:公开|提供)"),
    ("other_replies", r"^其[他它](?:类型|形式)?(?:的)?答复"),
    ("replies_total", r"答复(?:总)?(?:数|量)|^已答复"),
    (CHANNEL_KEY, CHANNEL_LABEL),
    ("applications", r"申请.*(?:总数|数|总量|件数)$|^(?:正式)?受理.*申请|^(?:收到|接到)(?:的)?.*申请"),
    (
        "proactive_items",
        r"^(?:本年度?|全年|年度)?(?:新增)?主动公开(?:的)?(?:政府)?(?:信息|文件)?(?:总)?(?:数|数量|条数|件数|总数)?$",
    ),
];

/// Stand-in key of the channel row pattern: the key is `applications_by_channel:<channel>`.
const CHANNEL_KEY: &str = "applications_by_channel:";
/// A channel row: channel words (one, or several joined by 、/和/及), then 申请(数).
const CHANNEL_LABEL: &str = r"^(?P<ch>(?:当面|现场|传真|电子邮件|电子邮箱|邮件|网上|网络|在线|信函|邮寄|其[他它](?:形式|方式)?)(?:(?:、|和|及|或|/)(?:当面|现场|传真|电子邮件|电子邮箱|邮件|网上|网络|在线|信函|邮寄|其[他它](?:形式|方式)?))*)(?:方式|形式)?(?:提出|提交)?(?:的)?申请(?:数|件数|数量|总数)?$";

static ROW_RES: LazyLock<Vec<(&'static str, Regex)>> =
    LazyLock::new(|| ROW_KEYS.iter().map(|(k, p)| (*k, Regex::new(p).expect("valid row regex"))).collect());

/// The units a figure can carry (folded), longest first.
const UNITS: &[&str] = &["万元", "人次", "条", "件", "起", "宗", "份", "项", "个", "次", "元", "人", "户"];

/// The key a statistics-table row label names, if any.
pub fn row_key(label: &str) -> Option<String> {
    let clean = clean_label(label);
    if clean.is_empty() {
        return None;
    }
    for (key, re) in ROW_RES.iter() {
        if let Some(m) = re.captures(&clean) {
            if *key == CHANNEL_KEY {
                let ch = m.name("ch").map_or("", |c| c.as_str());
                return Some(format!("{CHANNEL_KEY}{}", canonical_channel(ch)));
            }
            return Some((*key).to_string());
        }
    }
    None
}

/// A single channel by its usual name (其它形式 → 其他); a combined one as printed.
fn canonical_channel(ch: &str) -> String {
    match ch {
        "其他" | "其它" | "其他形式" | "其它形式" | "其他方式" | "其它方式" => "其他".to_string(),
        other => other.to_string(),
    }
}

/// Fold a label, drop 其中 and item numbers (其中：1．当面申请数 → 当面申请数) and a
/// trailing unit in brackets (行政复议数（件） → 行政复议数).
fn clean_label(label: &str) -> String {
    let mut s = fold(label);
    loop {
        let before = s.len();
        if let Some(rest) = s.strip_prefix("其中") {
            s = rest.trim_start_matches([':', ',', '、']).to_string();
        }
        s = strip_numbering(&s).to_string();
        if s.len() == before {
            break;
        }
    }
    if let Some(open) = s.rfind('(') {
        if s.ends_with(')') && UNITS.iter().any(|u| s[open + 1..s.len() - 1].contains(u)) {
            s.truncate(open);
        }
    }
    s
}

/// The unit in a label's trailing brackets (行政复议数（件） → 件).
fn label_unit(label: &str) -> Option<String> {
    let s = fold(label);
    let open = s.rfind('(')?;
    let inner = s.get(open + 1..s.len().checked_sub(1)?)?;
    let inner = inner.trim_start_matches("单位").trim_start_matches(':');
    UNITS.contains(&inner).then(|| inner.to_string())
}

/// What a header cell names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Label,
    Unit,
    Year,
    /// 本年累计 / 本年累计数: a within-year total, used as the year column only when the
    /// table has no other.
    YearToDate,
    Cumulative,
    Code,
    /// 上年 / 去年: last year's figure, for comparison; never read.
    PrevYear,
}

static YEAR_IN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)年").expect("valid regex"));

static YEAR_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:19|20)\d\d年度?|本年度?|本期(?:实际|数)?|当年|全年|年度|数量|数值|数|年末统计|统计数|合计|本年度数|本年数|本年发生)(?:数|数量|数据|统计)?(?:\(.*\))?$")
        .expect("valid header regex")
});

fn header_col(text: &str) -> Option<Col> {
    let t = fold(text);
    if t.is_empty() {
        return None;
    }
    if t.contains("本年累计") || t.contains("今年累计") {
        return Some(Col::YearToDate);
    }
    if t.contains("累计") {
        return Some(Col::Cumulative);
    }
    if ["上年", "去年", "上一年", "同期"].iter().any(|w| t.contains(w)) {
        return Some(Col::PrevYear);
    }
    if t.contains("单位") {
        return Some(Col::Unit);
    }
    if matches!(t.as_str(), "代码" | "行次" | "序号" | "编号" | "代号") {
        return Some(Col::Code);
    }
    if YEAR_HEADER.is_match(&t) {
        return Some(Col::Year);
    }
    if ["指标", "项目", "名称", "内容", "类别", "统计"].iter().any(|w| t.contains(w)) {
        return Some(Col::Label);
    }
    None
}

/// Does a header cell name both the label's column and the unit's (`指标名称计量单位`)?
fn names_label_and_unit(text: &str) -> bool {
    let t = fold(text);
    t.contains("单位")
        && ["指标", "名称", "项目"].iter().any(|w| t.split("单位").next().is_some_and(|head| head.contains(w)))
}

/// Where a table's columns are, from its header row.
#[derive(Debug, Default)]
struct Layout {
    /// The row after the header.
    body_start: usize,
    unit: Option<usize>,
    year: Option<usize>,
    cumulative: Option<usize>,
    /// Columns that hold no label (codes).
    skip: Vec<usize>,
    /// The printed header of the cumulative column (历年累计), for raw.
    cumulative_header: String,
}

impl Layout {
    /// The first column that holds numbers (or units); cells before it are the label.
    fn first_value_col(&self) -> usize {
        [self.unit, self.year, self.cumulative].into_iter().flatten().min().unwrap_or(usize::MAX)
    }
}

/// Find the header row among the first rows: one with a year column and a label or unit
/// column.
fn layout(table: &Table) -> Option<Layout> {
    for (r, row) in table.rows.iter().enumerate().take(4) {
        let mut cols: Vec<Option<Col>> =
            row.iter().map(|c| if c.span == Span::ColCopy { None } else { header_col(&c.text) }).collect();
        let mut texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
        // The label's and the unit's header run into one cell (`指标名称计量单位`, a PDF's
        // words set close) over rows that print the two apart, a cell more than the header:
        // two columns. Read as one, the unit's column took the labels' place and no row
        // had a label.
        if let Some(i) = texts.iter().position(|t| names_label_and_unit(t)) {
            let wider = table.rows[r + 1..].iter().filter(|b| b.len() == row.len() + 1).count();
            if wider * 2 > table.rows.len() - r - 1 {
                cols[i] = Some(Col::Label);
                cols.insert(i + 1, Some(Col::Unit));
                texts.insert(i + 1, "");
            }
        }
        let find = |want: Col| cols.iter().position(|c| *c == Some(want));
        // Several year columns (2012年 | 2013年): the latest year is the report's.
        let year_of = |i: usize| YEAR_IN.captures(&fold(texts[i])).and_then(|m| m[1].parse::<i32>().ok());
        let years: Vec<usize> =
            cols.iter().enumerate().filter(|(_, c)| **c == Some(Col::Year)).map(|(i, _)| i).collect();
        let latest = years.iter().copied().filter(|&i| year_of(i).is_some()).max_by_key(|&i| year_of(i));
        let year = latest.or(years.first().copied()).or(find(Col::YearToDate));
        let has_label = find(Col::Label).is_some() || find(Col::Unit).is_some();
        if year.is_some() && has_label {
            return Some(Layout {
                body_start: r + 1,
                unit: find(Col::Unit),
                year,
                cumulative: find(Col::Cumulative),
                skip: cols.iter().enumerate().filter(|(_, c)| **c == Some(Col::Code)).map(|(i, _)| i).collect(),
                cumulative_header: find(Col::Cumulative).map(|i| texts[i].trim().to_string()).unwrap_or_default(),
            });
        }
    }
    None
}

/// The label of a row: the most specific printed text before the value columns (a
/// vertically merged group label above a sub-row is a copy, and is passed over).
fn row_label<'a>(row: &'a [crate::source::Cell], before: usize, skip: &[usize]) -> Option<&'a str> {
    let cands: Vec<&crate::source::Cell> = row
        .iter()
        .enumerate()
        .take(before.min(row.len()))
        .filter(|(i, c)| {
            !skip.contains(i) && c.span != Span::ColCopy && !c.text.trim().is_empty() && !cell::is_value_like(&c.text)
        })
        .map(|(_, c)| c)
        .collect();
    cands.iter().rev().find(|c| c.span == Span::Own).or(cands.last()).map(|c| c.text.trim())
}

/// A unit cell's unit (folded), if the text is one.
fn unit_of(text: &str) -> Option<String> {
    let t = fold(text);
    let t = t.trim_start_matches("单位").trim_start_matches(':');
    UNITS.contains(&t).then(|| t.to_string())
}

fn table_figures(table: &Table) -> Vec<Figure> {
    let lay = layout(table);
    let mut out = Vec::new();
    let mut keyed_rows = 0;
    let start = lay.as_ref().map_or(0, |l| l.body_start);
    for row in table.rows.iter().skip(start) {
        // Columns: from the header, or (no header) guessed from the row itself.
        let (label, unit_col, year_col, cum_col) = match &lay {
            Some(l) => (row_label(row, l.first_value_col(), &l.skip), l.unit, l.year, l.cumulative),
            None => {
                let label_at = row.iter().position(|c| {
                    !c.text.trim().is_empty() && !cell::is_value_like(&c.text) && unit_of(&c.text).is_none()
                });
                let Some(li) = label_at else { continue };
                let unit_col = (li + 1..row.len()).find(|&i| unit_of(&row[i].text).is_some());
                let year_col = (li + 1..row.len()).find(|&i| {
                    Some(i) != unit_col && row[i].span != Span::ColCopy && cell::is_value_like(&row[i].text)
                });
                (Some(row[li].text.trim()), unit_col, year_col, None)
            }
        };
        let Some(label) = label else { continue };
        let Some(key) = row_key(label) else { continue };
        keyed_rows += 1;
        let cell_at = |i: Option<usize>| i.and_then(|i| row.get(i)).map(|c| c.text.trim());
        let unit_text = cell_at(unit_col).unwrap_or("");
        let printed_unit = unit_of(unit_text).or_else(|| label_unit(label));
        let mut push = |key: String, text: &str, raw: String| {
            let (state, value, cell_unit) = cell::classify(text);
            // A count in 万 (1.2万 under 条): the number it stands for, in the row's unit.
            let (value, cell_unit) = match (state, value) {
                (State::Number, Some(v)) => (Some(v), cell_unit),
                (State::Text, _) if text.ends_with(['万', '亿']) && printed_unit.is_some() => {
                    (arabic_number(&norm(text)), None)
                }
                _ => (None, None),
            };
            if let Some(value) = value {
                let unit = printed_unit.clone().or(cell_unit);
                out.push(Figure { key, value, unit, raw, source: FigureSource::Table, role: Role::Figure });
            }
        };
        let joined = |parts: &[&str]| parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ");
        if let Some(v) = cell_at(year_col) {
            push(key.clone(), v, joined(&[label, unit_text, v]));
        }
        if let (Some(cum_key), Some(v)) =
            (CUMULATIVE.iter().find(|(k, _)| *k == key).map(|(_, c)| *c), cell_at(cum_col))
        {
            let header = lay.as_ref().map_or("", |l| l.cumulative_header.as_str());
            push(cum_key.to_string(), v, joined(&[label, unit_text, header, v]));
        }
    }
    if keyed_rows < 2 {
        return Vec::new();
    }
    out
}

// ---------------------------------------------------------------------------------------
// A statistics table laid out as text
// ---------------------------------------------------------------------------------------

/// `指标名称 计量单位 2012年度 历年累计` (folded, NFKC, whitespace kept).
static INLINE_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"指\s*标\s*名\s*称\s*(?:计\s*量\s*)?单\s*位\s*(?:代\s*码\s*)?(?P<year>(?:19|20)\d\d\s*年\s*度?|本\s*年\s*度?|年\s*末\s*统\s*计|数\s*量|本\s*期\s*(?:实\s*际)?)(?:\s*(?P<cum>历\s*年\s*累\s*计|本\s*年\s*累\s*计|累\s*计))?")
        .expect("valid inline header regex")
});
/// One row: a label, a unit, the year value and (maybe) the cumulative value.
static INLINE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<label>\S.*?)\s*(?P<unit>万元|人次|条|件|起|宗|份|项|个|次|元)\s*(?P<v>\d+(?:\.\d+)?)(?:\s+(?P<c>\d+(?:\.\d+)?)(?P<mark>[.、)])?)?")
        .expect("valid inline row regex")
});

fn inline_table_figures(doc: &Document, notes: &mut Vec<String>) -> Vec<Figure> {
    let paragraphs: Vec<&str> = doc.paragraphs().collect();
    for (i, p) in paragraphs.iter().enumerate() {
        let printed: String = p.nfkc().collect();
        let folded = fold_normalised(&printed);
        let Some(h) = INLINE_HEADER.captures(&folded) else { continue };
        let whole = h.get(0).expect("group 0");
        let two_cols = h.name("cum").is_some();
        let cum_is_history = h.name("cum").is_some_and(|c| !norm(c.as_str()).starts_with("本年"));
        let cum_header = h.name("cum").map(|c| norm(&printed[c.range()])).unwrap_or_default();
        // A header run together: so are the rows' cells (条20263542), each row's two
        // figures one run of digits ([`two_figures`]).
        let spaced = whole.as_str().chars().any(char::is_whitespace);
        // The rows: the rest of this paragraph, then following paragraphs while they hold rows.
        let mut texts: Vec<(String, String)> =
            vec![(printed[whole.end()..].to_string(), folded[whole.end()..].to_string())];
        for q in paragraphs.iter().skip(i + 1) {
            let qp: String = q.nfkc().collect();
            let qf = fold_normalised(&qp);
            if !INLINE_ROW.is_match(&qf) {
                break;
            }
            texts.push((qp, qf));
        }
        let mut out = Vec::new();
        let mut keyed = 0;
        let mut unsplit = Vec::new();
        let mut split = 0;
        let mut carried = None;
        for (printed, folded) in &texts {
            for m in INLINE_ROW.captures_iter(folded) {
                // A label whose item number the row before took (`．拒绝提供`) starts at its mark.
                let label = printed[m.name("label").map_or(0..0, |l| l.range())]
                    .trim()
                    .trim_start_matches(['.', '．', '、', ')', '）'])
                    .trim_start();
                let Some(key) = row_key(label) else { continue };
                keyed += 1;
                let unit = m.name("unit").map(|u| u.as_str().to_string());
                let mut v = m.name("v").map_or("", |v| v.as_str());
                let after = m.name("v").map_or("", |v| &folded[v.end()..]);
                let numbered_next = m.name("c").is_none() && after.starts_with(['.', '、', ')']);
                // The number the row before took from this row's label.
                let own = carried.take();
                if numbered_next {
                    // The next row's item number ran into this row's figure (件02．拒绝提供).
                    match without_next_item_number(label, v, own, two_cols) {
                        Some((value, next)) => (v, carried) = (value, Some(next)),
                        None => {
                            unsplit.push(format!("{label} {v}"));
                            continue;
                        }
                    }
                }
                // A second number followed by a numbering mark (0 2．传真…) is the next row's
                // item number; on a one-column table a second number is never a value.
                let mut c = m.name("c").filter(|_| two_cols && m.name("mark").is_none()).map(|c| c.as_str());
                // How a row read by splitting its run of digits printed it.
                let mut printed_as = String::new();
                let run_together = two_cols
                    && m.name("c").is_none()
                    && (!spaced || numbered_next || !after.starts_with(char::is_whitespace) && !after.is_empty());
                if run_together {
                    // A table of two columns whose row prints one run of digits (条4251516):
                    // read only where one split alone prints two figures.
                    match two_figures(v, cum_is_history) {
                        Some((year, cum)) => {
                            printed_as = format!(" (printed {} run together)", m.name("v").map_or("", |v| v.as_str()));
                            (v, c) = (year, Some(cum));
                            split += 1;
                        }
                        None => {
                            unsplit.push(format!("{label} {v}"));
                            continue;
                        }
                    }
                }
                let u = unit.as_deref().unwrap_or("");
                if let Ok(value) = v.parse::<f64>() {
                    out.push(Figure {
                        key: key.clone(),
                        value,
                        unit: unit.clone(),
                        raw: format!("{label} {u} {v}{printed_as}"),
                        source: FigureSource::Table,
                        role: Role::Figure,
                    });
                }
                if let (Some(c), true) = (c, cum_is_history) {
                    if let (Some((_, cum_key)), Ok(value)) =
                        (CUMULATIVE.iter().find(|(k, _)| *k == key), c.parse::<f64>())
                    {
                        out.push(Figure {
                            key: cum_key.to_string(),
                            value,
                            unit: unit.clone(),
                            raw: format!("{label} {u} {cum_header} {c}{printed_as}"),
                            source: FigureSource::Table,
                            role: Role::Figure,
                        });
                    }
                }
            }
        }
        if keyed >= 2 {
            if split > 0 {
                notes.push(format!(
                    "statistics table as text with its two columns run together: {split} row(s) read where one split alone prints two figures (no leading zero{})",
                    if cum_is_history { ", the 累计 no less than the year's" } else { "" }
                ));
            }
            if !unsplit.is_empty() {
                notes.push(format!(
                    "statistics table as text: {} row(s) whose figure ran into the next row's number or cell could not be split, and are not read: {}",
                    unsplit.len(),
                    unsplit.join(", ")
                ));
            }
            return out;
        }
    }
    Vec::new()
}

/// The two figures of a row of a two-column table printed as one run of digits (`01`: 0
/// and 1), where exactly one split prints both as figures are printed (no leading zero but
/// `0` itself) and, in a table whose second column counts the years so far (`history`),
/// the second is no less than the first (`111`: 1 and 11, not 11 and 1). `None` when no
/// split or several do (`294981916`).
fn two_figures(run: &str, history: bool) -> Option<(&str, &str)> {
    if !run.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut splits = (1..run.len()).map(|i| run.split_at(i)).filter(|(year, cum)| {
        super::cell::printed_whole(year)
            && super::cell::printed_whole(cum)
            && (!history || cum.parse::<u64>().ok() >= year.parse::<u64>().ok())
    });
    let only = splits.next()?;
    splits.next().is_none().then_some(only)
}

/// A row's figure `v` that the next row's item number ran into (`02` of 1．同意提供件02．
/// 拒绝提供): the figure without that number, which is the row's own number plus one (the
/// label's `1．`, or `own`: the number the row before took from this row's label), or — the
/// row's number unknown — without all but a leading zero (no figure is printed `02`). With
/// the number taken off. `None` when neither tells.
///
/// In a table of two columns (`two_cols`) what is left is the row's two figures run
/// together, for [`two_figures`] to split (`012、`: 01, then 0 and 1).
fn without_next_item_number<'v>(label: &str, v: &'v str, own: Option<u32>, two_cols: bool) -> Option<(&'v str, u32)> {
    static OWN_NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:其中[:：]?)?\s*(\d{1,2})\s*[.．、)）]").expect("valid regex"));
    let own = OWN_NUMBER.captures(label).and_then(|c| c[1].parse::<u32>().ok()).or(own);
    let (figure, next) = match own {
        Some(own) => (v.strip_suffix(&(own + 1).to_string())?, own + 1),
        None if !two_cols && v.len() > 1 && v.starts_with('0') => (&v[..1], v[1..].parse().ok()?),
        None => return None,
    };
    let readable = if two_cols {
        !figure.is_empty() && figure.bytes().all(|b| b.is_ascii_digit())
    } else {
        super::cell::printed_whole(figure)
    };
    readable.then_some((figure, next))
}

// ---------------------------------------------------------------------------------------
// Prose
// ---------------------------------------------------------------------------------------

/// What a prose rule's match is a figure of.
#[derive(Clone, Copy, Debug)]
enum Target {
    /// A fixed key.
    Key(&'static str),
    /// `applications_by_channel:<ch>`, the channel from the match.
    Channel,
    /// `proactive_items`, or `proactive_items_cumulative` when the clause says 累计 before it.
    Proactive,
}

/// A prose pattern. `{N}` is a count with its unit (条 件 起 宗 份 项 个 次 人次), `{M}` an
/// amount of money (元 万元), `{C}` a number of consultations (人次 次 件 人); a rule
/// without a placeholder is a zero phrasing.
struct ProseRule {
    target: Target,
    pattern: &'static str,
    /// Lower ranks win over higher ones for the same key, whatever their order in the text.
    rank: u8,
    /// A clause containing any of these words is not about this key.
    unless: &'static [&'static str],
}

impl ProseRule {
    /// A zero phrasing: no number placeholder.
    fn is_zero(&self) -> bool {
        !["{N}", "{M}", "{C}"].iter().any(|p| self.pattern.contains(p))
    }
}

const fn rule(target: Target, pattern: &'static str, unless: &'static [&'static str]) -> ProseRule {
    ProseRule { target, pattern, rank: 0, unless }
}

const APPEALS_OR_FEES: &[&str] = &["复议", "诉讼", "收费", "费用", "收取"];
const SITE: &[&str] = &["网站", "网页", "微博", "微信", "公众号", "专栏"];
/// Words of a sentence about a service hall or approvals: its 受理申请 are no requests for
/// information unless the phrase itself says 公开 or 信息.
const SERVICE_HALL: &[&str] = &["审批", "窗口", "服务大厅", "服务中心", "办件", "行政许可", "便民服务"];

/// The prose rules, in the order they claim text: where two rules match overlapping text
/// of a clause, the earlier one keeps it (the channel phrase 信函申请1条 is not also read as
/// the applications total; 同意公开答复数 is not also 答复数).
static PROSE_RULES: LazyLock<Vec<ProseRule>> = LazyLock::new(|| {
    use Target::*;
    vec![
        rule(
            Channel,
            r"(?P<ch>当面|现场|传真|电子邮件|电子邮箱|网上|网络|在线|信函|邮寄|其[他它]形式|其[他它]方式)(?:方式)?(?:提交|提出)?(?:的)?申请(?:数|件数)?(?:为|共|有)?{N}",
            &["复议", "诉讼"],
        ),
        // Replies: the breakdown before the total.
        rule(Key("partial"), r"(?:同意)?部分公开(?:答复|的申请)?(?:数)?(?:的)?(?:为|有|共)?{N}", &[]),
        rule(
            Key("granted"),
            r"(?:同意公开|予以公开|同意提供|全部公开)(?:答复|的申请)?(?:数)?(?:的)?(?:为|有|共)?{N}",
            &[],
        ),
        rule(
            Key("denied"),
            r"(?:不予公开|否决公开|拒绝提供|不予提供|免于公开|免予公开)(?:答复|的申请)?(?:数)?(?:的)?(?:为|有|共)?{N}",
            &[],
        ),
        rule(Key("other_replies"), r"其[他它]类型(?:的)?答复(?:数)?(?:为|有|共)?{N}", &[]),
        rule(Key("replies_total"), r"答复(?:总数|数|申请)?(?:为|共计|共|总计|合计)?{N}", &["复议", "诉讼"]),
        // Appeals.
        rule(Key("complaints"), r"(?:行政申诉|申诉|举报)(?:案件|申请)?(?:数)?(?:共|为|有)?{N}", &[]),
        rule(Key("reviews"), r"行政复议(?:案件|申请)?(?:数)?(?:共计|共|为|有)?{N}", &[]),
        rule(Key("reviews"), r"{N}[^,。;]{0,20}?行政复议", &[]),
        rule(Key("suits"), r"行政诉讼(?:案件)?(?:数)?(?:共计|共|为|有)?{N}", &["举报"]),
        rule(Key("suits"), r"{N}[^,。;]{0,20}?行政诉讼", &["举报"]),
        // Fees and consultations.
        rule(Key("fees"), r"(?:收取|收费|减免)[^,。;]{0,10}?(?:费用|金额)?(?:共计|共|为|合计|计)?{M}", &[]),
        rule(Key("consultations"), r"咨询[^,。;]{0,10}?(?:共计|共|达|为)?{C}", &["访问"]),
        rule(Key("consultations"), r"{C}[^,。;]{0,30}?咨询", &["访问"]),
        // Applications: 收到…申请N件, 收到N起…申请, 依申请公开系统共收到N宗, 依申请公开数N件.
        rule(
            Key("applications"),
            r"(?:收到|受理|接到|接收|办理)[^,。;]{0,30}?申请件?(?:共计|共|合计|总数|数量)?(?:为|达|有)?{N}",
            APPEALS_OR_FEES,
        ),
        rule(Key("applications"), r"(?:收到|受理|接到|接收)[^,。;]{0,6}?{N}[^,。;]{0,20}?申请", APPEALS_OR_FEES),
        rule(Key("applications"), r"依申请公开[^,。;]{0,10}?(?:收到|受理)(?:了)?{N}", APPEALS_OR_FEES),
        rule(
            Key("applications"),
            r"(?:依申请公开|公开申请)(?:申请)?(?:总数|总量|件数|数)(?:为|共|达)?{N}",
            APPEALS_OR_FEES,
        ),
        // Proactive disclosure; verb variants rank below an explicit 主动公开.
        rule(
            Proactive,
            r"主动公开(?:了)?(?:政府|工作|各类)*(?:信息|文件)?(?:、动态)?(?:数|总数|数量)?(?:的)?(?:有|为|共|达|共计|合计)?{N}",
            &[],
        ),
        ProseRule {
            target: Proactive,
            pattern: r"(?:政府信息公开|信息公开)[^,。;]{0,8}?发布(?:各类|各种)?信息(?:共)?{N}",
            rank: 1,
            unless: SITE,
        },
        ProseRule {
            target: Proactive,
            pattern: r"信息发布量(?:由[^,。;]{0,16}?(?:增加|增长|上升|提高|下降|减少)(?:到|至))?(?:(?:19|20)\d\d年)?(?:的)?(?:为|达|共)?{N}",
            rank: 1,
            unless: SITE,
        },
        // 公开/发布 without 主动 (全年共计公开政府信息523条): proactive disclosure, below any
        // statement that names it; never a clause of applications, of what was withheld, of
        // one channel, or a breakdown.
        ProseRule {
            target: Proactive,
            pattern: r"(?:公开|发布)(?:了)?(?:政府|各类|各种)*信息(?:共计|共|合计)?{N}",
            rank: 2,
            unless: &[
                "申请",
                "不予",
                "免予",
                "免于",
                "部分",
                "其中",
                "网站",
                "网页",
                "微博",
                "微信",
                "公众号",
                "专栏",
                "公报",
            ],
        },
        // Zero phrasings: the figure is 0, stated in words.
        rule(
            Key("applications"),
            r"(?:未|没有|尚未|暂未|并未|从未|未曾)(?:收到|受理|接到|接收|有)[^,。;]{0,30}?申请",
            APPEALS_OR_FEES,
        ),
        rule(
            Key("applications"),
            r"(?:没有|未有|无)(?:依申请公开|政府信息公开申请|信息公开申请|公开申请)",
            APPEALS_OR_FEES,
        ),
        rule(Key("reviews"), r"(?:未|没有|尚未|暂未|并未|无|未曾)[^,。;]{0,30}?行政复议", &[]),
        rule(Key("suits"), r"(?:未|没有|尚未|暂未|并未|无|未曾)[^,。;]{0,40}?行政诉讼", &["举报"]),
        rule(Key("complaints"), r"(?:未|没有|尚未|暂未|并未|无|未曾)[^,。;]{0,30}?(?:行政申诉|举报)", &[]),
        rule(Key("fees"), r"(?:未|没有|从未|未曾)[^,。;]{0,24}?(?:收费|收取[^,。;]{0,24}?费)", &[]),
        rule(Key("fees"), r"(?:不|暂不|均不|无)(?:收取|收费)|无[^,。;]{0,4}?收费", &[]),
        rule(Key("fees"), r"未(?:产生|发生)[^,。;]{0,30}?(?:检索|复制|复印|邮寄|邮递|递送)[^,。;]{0,10}?费", &[]),
        rule(Key("fees"), r"免费(?:提供|公开|查阅)", &[]),
    ]
});

/// A number in prose: Arabic (with `,` between groups of three: 2,315), or Chinese; then
/// 多 or 余 (755多条 is read as 755). `{multiplier}` may follow the Arabic digits.
fn number(multiplier: &str) -> String {
    format!(
        r"约?(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?{multiplier}|[零〇一二两三四五六七八九十百千万亿]+?)(?P<more>多|余)?"
    )
}

static PROSE_RES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    // A count may be in 万 or 亿 (1.2万件, 125.6万余条); an amount of money keeps 万元 as
    // its unit, as printed.
    let count = number("(?:万|亿)?");
    let money = number("");
    PROSE_RULES
        .iter()
        .map(|r| {
            let p = r
                .pattern
                .replace("{N}", &format!("{count}(?P<u>人次|条|件|起|宗|份|项|个|次)"))
                .replace("{M}", &format!("{money}(?P<u>万元|元)"))
                .replace("{C}", &format!("{count}(?P<u>人次|次|件|人)"));
            Regex::new(&p).expect("valid prose regex")
        })
        .collect()
});

/// A prose match before choosing one per key.
struct Candidate {
    figure: Figure,
    rank: u8,
    /// (paragraph, byte offset): document order.
    at: (usize, usize),
}

fn prose_figures<'a>(paragraphs: impl Iterator<Item = &'a str>, year: Option<i32>) -> Vec<Figure> {
    let mut cands: Vec<Candidate> = Vec::new();
    for (pi, p) in paragraphs.enumerate() {
        let printed = norm(p);
        let folded = fold_normalised(&printed);
        for (s_start, s_end) in pieces(&folded, &['。', ';', '!', '?'], 0, folded.len()) {
            let sentence = &printed[s_start..s_end];
            for (c_start, c_end) in pieces(&folded, &[','], s_start, s_end) {
                clause_candidates(
                    &folded[c_start..c_end],
                    &printed[c_start..c_end],
                    sentence,
                    (pi, c_start),
                    year,
                    &mut cands,
                );
            }
        }
    }
    // One per key: the lowest rank, then the first in the document.
    let mut best: Vec<Candidate> = Vec::new();
    for c in cands {
        match best.iter_mut().find(|b| b.figure.key == c.figure.key) {
            Some(b) if (c.rank, c.at) < (b.rank, b.at) => *b = c,
            Some(_) => {}
            None => best.push(c),
        }
    }
    best.sort_by_key(|c| c.at);
    best.into_iter().map(|c| c.figure).collect()
}

/// Split `s[start..end]` at any of `seps` (kept out of the pieces); empty pieces dropped.
/// A comma between groups of digits (2,315) separates thousands, not clauses.
fn pieces(s: &str, seps: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = start;
    for (i, c) in s[start..end].char_indices() {
        if seps.contains(&c) && !(c == ',' && separates_thousands(&s[..end], start + i)) {
            if start + i > from {
                out.push((from, start + i));
            }
            from = start + i + c.len_utf8();
        }
    }
    if end > from {
        out.push((from, end));
    }
    out
}

/// Is the comma at byte `at` of `s` a thousands separator: a digit before it, and three
/// digits after it that no fourth follows?
fn separates_thousands(s: &str, at: usize) -> bool {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    at > 0 && digit(at - 1) && (1..=3).all(|k| digit(at + k)) && !digit(at + 4)
}

/// The words that make a clause's figure cumulative (累计 before it), unless they mean
/// this year's total (今年累计, 本年累计).
fn says_cumulative(before: &str) -> bool {
    (before.contains("累计") || before.contains("历年"))
        && !["今年累计", "本年累计", "全年累计", "本年度累计"].iter().any(|w| before.contains(w))
}

/// 行政复议 and 行政诉讼 named together, so that a number after them counts both.
pub(super) static JOINT_APPEALS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"复议(?:案件|申请)?(?:和|及|与|、|或|以及)(?:行政)?诉讼").expect("valid regex"));

/// The same, with the number each of them had: 行政复议、行政诉讼案件各1件.
static EACH_APPEAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"复议(?:案件|申请)?(?:和|及|与|、|或|以及)(?:行政)?诉讼(?:案件)?(?:数)?(?:均为|均|各为|各|都是|都为){}(?P<u>件|起|宗|个|次)",
        number("")
    ))
    .expect("valid regex")
});

fn clause_candidates(
    folded: &str,
    printed: &str,
    sentence: &str,
    at: (usize, usize),
    year: Option<i32>,
    out: &mut Vec<Candidate>,
) {
    // Text a number rule has read is not read again by a later rule. Zero phrasings share
    // their negation (未发生行政复议和行政诉讼 is 0 for both), so they take no text; they only
    // give way to a number for the same key in the clause.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut keys_with_numbers: Vec<String> = Vec::new();
    // 行政复议和行政诉讼案件共3件 counts both together: no figure of either. 各1件 is each's.
    let joint = JOINT_APPEALS.is_match(folded);
    if let Some(m) = joint.then(|| EACH_APPEAL.captures(folded)).flatten() {
        let whole = m.get(0).expect("group 0");
        for key in ["reviews", "suits"] {
            let each = rule(Target::Key(key), "", &[]);
            if let Some(c) = candidate(&each, &m, folded, printed, sentence, year) {
                keys_with_numbers.push(c.key.clone());
                out.push(Candidate { figure: c, rank: 0, at: (at.0, at.1 + whole.start()) });
            }
        }
        taken.push((whole.start(), whole.end()));
    }
    for (rule, re) in PROSE_RULES.iter().zip(PROSE_RES.iter()) {
        if rule.unless.iter().any(|w| folded.contains(w)) {
            continue;
        }
        let is_zero = rule.is_zero();
        if joint && !is_zero && matches!(rule.target, Target::Key("reviews" | "suits")) {
            continue;
        }
        for m in re.captures_iter(folded) {
            let whole = m.get(0).expect("group 0");
            if !is_zero && taken.iter().any(|&(s, e)| whole.start() < e && s < whole.end()) {
                continue;
            }
            let Some(c) = candidate(rule, &m, folded, printed, sentence, year) else { continue };
            if is_zero {
                if keys_with_numbers.contains(&c.key) {
                    continue;
                }
            } else {
                taken.push((whole.start(), whole.end()));
                keys_with_numbers.push(c.key.clone());
            }
            out.push(Candidate { figure: c, rank: rule.rank, at: (at.0, at.1 + whole.start()) });
        }
    }
}

fn candidate(
    rule: &ProseRule,
    m: &Captures,
    folded: &str,
    printed: &str,
    sentence: &str,
    year: Option<i32>,
) -> Option<Figure> {
    let whole = m.get(0)?;
    let before = &folded[..whole.start()];
    if matches!(rule.target, Target::Key("applications"))
        && !rule.is_zero()
        && !["公开", "信息"].iter().any(|w| whole.as_str().contains(w))
        && SERVICE_HALL.iter().any(|w| sentence.contains(w))
    {
        // 受理申请 in a sentence of a service hall or approvals (开设窗口24个，共受理申请
        // 136437件) counts applications for permits and services, not for information.
        return None;
    }
    // (A cumulative figure counts from an earlier year: 自2008年…以来累计.)
    let cumulative = says_cumulative(before);
    if about_an_earlier_year(before, year) && !(matches!(rule.target, Target::Proactive) && cumulative) {
        return None;
    }
    let (value, unit) = match m.name("n") {
        Some(n) => {
            // 第一条 is an article, not a count. A number right after a digit, or after a
            // digit and a comma, is the tail of a longer one the pattern could not read
            // (1234,567): not a figure.
            if folded[..n.start()].ends_with('第') || super::continues_a_number(&folded[..n.start()]) {
                return None;
            }
            (parse_number(n.as_str())?, m.name("u").map(|u| u.as_str().to_string()))
        }
        None => (0.0, None),
    };
    let key = match rule.target {
        Target::Proactive if cumulative => "proactive_items_cumulative".to_string(),
        Target::Proactive => "proactive_items".to_string(),
        Target::Channel => format!("{CHANNEL_KEY}{}", canonical_channel(m.name("ch").map_or("", |c| c.as_str()))),
        Target::Key(k) => k.to_string(),
    };
    if key == "applications" && super::NOT_AN_INFORMATION_REQUEST.iter().any(|w| whole.as_str().contains(w)) {
        return None;
    }
    // A cumulative statement of any other key has no key of its own: not kept.
    if !matches!(rule.target, Target::Proactive) && cumulative {
        return None;
    }
    let unit = unit.or_else(|| key_info(&key).map(|k| k.unit.to_string()));
    let raw = if sentence.chars().count() <= 100 { sentence } else { printed };
    Some(Figure { key, value, unit, raw: raw.to_string(), source: FigureSource::Prose, role: Role::Figure })
}

/// An Arabic or Chinese number: `12`, `12.5`, `2,315`, `1.2万`, `十二`, `两`, `一百零五`,
/// `三万`, `二〇一三`.
pub fn parse_number(s: &str) -> Option<f64> {
    if let Ok(v) = s.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return arabic_number(s);
    }
    // total: whole 亿 and 万 groups; section: 十/百/千 within a group; number: the last digits.
    let (mut total, mut section, mut number) = (0u64, 0u64, 0u64);
    let mut any = false;
    for c in s.chars() {
        any = true;
        let digit = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        if let Some(d) = digit {
            number = number.checked_mul(10)?.checked_add(d)?;
            continue;
        }
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                section = section.checked_add(number.max(1).checked_mul(unit)?)?;
            }
            '万' => total = total.checked_add(section.checked_add(number)?.checked_mul(10_000)?)?,
            '亿' => total = total.checked_add(section)?.checked_add(number)?.checked_mul(100_000_000)?,
            _ => return None,
        }
        if c == '万' || c == '亿' {
            section = 0;
        }
        number = 0;
    }
    any.then(|| total.saturating_add(section).saturating_add(number) as f64)
}

/// Arabic digits with `,` between groups of three and a point, then maybe 万 or 亿: the
/// value computed on whole numbers, so that 1.2万 is exactly 12000 (and 0.15万, 1500).
fn arabic_number(s: &str) -> Option<f64> {
    let (digits, scale) = match s.strip_suffix('万') {
        Some(d) => (d, 4),
        None => s.strip_suffix('亿').map_or((s, 0), |d| (d, 8)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int: String = int.chars().filter(|&c| c != ',').collect();
    if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > scale {
        // Not a whole number of units: the point moved by the multiplier's digits, then
        // read (1.23456万 is 12345.6, the float nearest the printed decimal).
        return format!("{int}{}.{}", &frac[..scale], &frac[scale..]).parse::<f64>().ok();
    }
    let whole: u64 = format!("{int}{frac:0<scale$}").parse().ok()?;
    (whole < 1 << 53).then_some(whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Cell;

    /// A PDF reader set `指标名称` and `计量单位` close enough to give one header cell over
    /// rows that print label, unit and figure apart (LibreOffice's print of a 2009 table).
    /// Before, that cell was the unit's column, no row had a label, and the table gave no
    /// figure. It heads two columns when most rows have a cell more than the header.
    #[test]
    fn a_header_cell_naming_label_and_unit_heads_two_columns() {
        let table = |header: &[&str], rows: &[[&str; 3]]| Table {
            rows: std::iter::once(header.iter().map(|c| Cell::own(*c)).collect())
                .chain(rows.iter().map(|r| r.iter().map(|c| Cell::own(*c)).collect()))
                .collect(),
        };
        let rows =
            [["主动公开信息数", "条", "6"], ["受理依申请公开信息总数", "条", "2"], ["其中：1．当面申请数", "条", "1"]];
        let figures = table_figures(&table(&["指标名称计量单位", "年末统计"], &rows));
        let got: Vec<(&str, f64, Option<&str>)> =
            figures.iter().map(|f| (f.key.as_str(), f.value, f.unit.as_deref())).collect();
        assert_eq!(
            got,
            [
                ("proactive_items", 6.0, Some("条")),
                ("applications", 2.0, Some("条")),
                ("applications_by_channel:当面", 1.0, Some("条"))
            ]
        );
        // The header as printed, in three cells, reads the same.
        assert_eq!(table_figures(&table(&["指标名称", "计量单位", "年末统计"], &rows)), figures);
    }

    /// A table as text whose rows run into the next row's item number (a crawler's text of
    /// a page: `同意提供件02．拒绝提供件0`): the number is the next row's, not the figure's.
    #[test]
    fn a_figure_the_next_rows_number_ran_into_is_read_without_it() {
        let text = "七、需要说明的事项与附表指 标 名 称单位数量主动公开信息数条32正式受理政府信息公开申请数件3其中：1．在办件12．办结件2其中：1．同意提供件102．拒绝提供件0受理政府信息公开工作行政复议数件0\n";
        let doc = crate::source::text::read(text.as_bytes()).unwrap();
        let (figures, notes) = extract_with_notes(&doc, Some(2013));
        let got = |key: &str| figures.iter().find(|f| f.key == key && f.is_figure()).map(|f| f.value);
        assert_eq!(got("proactive_items"), Some(32.0));
        assert_eq!(got("applications"), Some(3.0));
        // `102．` after 1．同意提供: 10 and the next row's 2, not 102.
        assert_eq!(got("granted"), Some(10.0));
        assert_eq!(got("denied"), Some(0.0));
        assert!(notes.iter().all(|n| !n.contains("could not be split")), "{notes:?}");
        // The header run together too, in a table of one column (年末统计).
        let text = "指标名称计量单位年末统计主动公开信息数条138其中：1、网站公开条1382、政府公报公开条0受理依申请公开信息总数条0\n";
        let doc = crate::source::text::read(text.as_bytes()).unwrap();
        let (figures, _) = extract_with_notes(&doc, Some(2018));
        let got = |key: &str| figures.iter().find(|f| f.key == key && f.is_figure()).map(|f| f.value);
        assert_eq!(got("proactive_items"), Some(138.0));
        assert_eq!(got("applications"), Some(0.0));
        assert_eq!(without_next_item_number("其中：1．同意提供", "02", None, false), Some(("0", 2)));
        assert_eq!(without_next_item_number("同意提供", "02", None, false), Some(("0", 2)));
        // Unnumbered, and no leading zero: which digits are the number cannot be told.
        assert_eq!(without_next_item_number("同意提供", "12", None, false), None);
        // Unless the row before took the label's number: 2, so the next is 3.
        assert_eq!(without_next_item_number("同意提供", "123", Some(2), false), Some(("12", 3)));
        // Numbered 3, but the figure does not end with 4.
        assert_eq!(without_next_item_number("3．信函申请数", "12", None, false), None);
        // Two columns: the row's two figures, run together.
        assert_eq!(without_next_item_number("1、当面申请数", "012", None, true), Some(("01", 2)));
    }

    /// A table of two columns (the year's, the years' so far) as a crawler's text of a page
    /// prints it: header and rows run together, each row's two figures one run of digits
    /// (`当面申请数条012、`: 0 and 1, then the next row's number). A row is read where one
    /// split alone prints two figures; the others are missing, with a note.
    #[test]
    fn a_two_column_table_run_together_is_read_where_one_split_alone_fits() {
        let text = "七、政府信息公开情况统计表 指标名称计量单位2016年度历年累计主动公开文件数条31245210其中：1、政府网站公开数条3124521022、政府公报公开数条00受理依申请公开信息总数条13其中：1、当面申请数条012、网上申请数条123、信函申请数条00对申请的答复总数条13其中：1、同意公开答复数条122、不予公开答复数条01行政复议数件00\n";
        let doc = crate::source::text::read(text.as_bytes()).unwrap();
        let (figures, notes) = extract_with_notes(&doc, Some(2016));
        let got = |key: &str| figures.iter().find(|f| f.key == key && f.is_figure()).map(|f| f.value);
        assert_eq!(got("applications"), Some(1.0), "{figures:?} {notes:?}");
        assert_eq!(got("applications_by_channel:当面"), Some(0.0));
        assert_eq!(got("applications_by_channel:网上"), Some(1.0));
        assert_eq!(got("granted"), Some(1.0));
        assert_eq!(got("denied"), Some(0.0));
        // 31245210: 3124 and 5210, or 312 and 45210, …: not read.
        assert_eq!(got("proactive_items"), None);
        assert!(notes.iter().any(|n| n.contains("could not be split") && n.contains("31245210")), "{notes:?}");
        assert!(notes.iter().any(|n| n.contains("two columns run together")), "{notes:?}");
        assert_eq!(two_figures("01", true), Some(("0", "1")));
        assert_eq!(two_figures("00", false), Some(("0", "0")));
        assert_eq!(two_figures("111", true), Some(("1", "11")));
        // Without the years so far, 11 and 1 fit too.
        assert_eq!(two_figures("111", false), None);
        assert_eq!(two_figures("294981916", true), None);
        assert_eq!(two_figures("5", true), None);
        assert_eq!(two_figures("1.5", true), None);
    }

    /// 受理申请 in a sentence about a service hall counts applications for permits: no
    /// figure of information requests, unless the phrase names them.
    #[test]
    fn applications_of_a_service_hall_are_no_information_requests() {
        let figures = |s: &str| prose_figures(std::iter::once(s), Some(2015));
        let s = "建立窗口服务大厅，区县已入驻审批服务部门和单位13个，开设窗口24个，共受理申请136437件。";
        assert!(figures(s).iter().all(|f| f.key != "applications"), "{:?}", figures(s));
        let s = "行政服务中心窗口全年共受理政府信息公开申请12件。";
        assert_eq!(figures(s).iter().find(|f| f.key == "applications").map(|f| f.value), Some(12.0));
        // Without such words, 受理申请 is read as before.
        let s = "2015年共受理申请7件。";
        assert_eq!(figures(s).iter().find(|f| f.key == "applications").map(|f| f.value), Some(7.0));
    }

    #[test]
    fn chinese_numbers() {
        for (s, v) in [
            ("一", 1.0),
            ("十二", 12.0),
            ("两", 2.0),
            ("一百零五", 105.0),
            ("二十", 20.0),
            ("三千零二十", 3020.0),
            ("一万二千", 12000.0),
            ("12", 12.0),
            ("7.5", 7.5),
            ("2,315", 2315.0),
            ("12,345,678", 12_345_678.0),
            ("1.2万", 12_000.0),
            ("125.6万", 1_256_000.0),
            ("0.15万", 1_500.0),
            ("2万", 20_000.0),
            ("3亿", 300_000_000.0),
            ("1.23456万", 12_345.6),
            ("2,315.5", 2_315.5),
        ] {
            assert_eq!(parse_number(s), Some(v), "{s}");
        }
        assert_eq!(parse_number("x"), None);
    }

    /// The prose figures of one paragraph, as (key, value, unit).
    fn prose(p: &str) -> Vec<(String, f64, Option<String>)> {
        prose_figures(std::iter::once(p), None).into_iter().map(|f| (f.key, f.value, f.unit)).collect()
    }

    #[test]
    fn prose_numbers_with_thousands_and_ten_thousands() {
        let one = |key: &str, v: f64, unit: &str| vec![(key.to_string(), v, Some(unit.to_string()))];
        // The comma between groups of three is no clause's end.
        assert_eq!(prose("全年主动公开各类政府信息共计2,315条。"), one("proactive_items", 2315.0, "条"));
        assert_eq!(prose("全年共收到政府信息公开申请12，345件。"), one("applications", 12345.0, "件"));
        assert_eq!(prose("全年共受理政府信息公开申请1.2万件。"), one("applications", 12_000.0, "件"));
        assert_eq!(prose("全年累计主动公开政府信息125.6万余条。"), one("proactive_items", 1_256_000.0, "条"));
        // Money keeps 万元 as its unit.
        assert_eq!(prose("全年收取检索、复制费用1.2万元。"), one("fees", 1.2, "万元"));
        // A comma before a fourth digit is no thousands separator; the digits after it are
        // the tail of a number, not a figure.
        assert_eq!(prose("全年共收到申请1234,567件。"), vec![]);
        // 申请件: the applications counted as pieces.
        assert_eq!(
            prose("全年共受理依申请公开申请件15件,其中当面申请3件。")[0],
            ("applications".to_string(), 15.0, Some("件".to_string()))
        );
        // A comma after a unit still ends a clause.
        assert_eq!(prose("主动公开政府信息120条,100条通过网站公开。"), one("proactive_items", 120.0, "条"));
    }

    #[test]
    fn disclosure_without_the_word_proactive() {
        let one = |v: f64| vec![("proactive_items".to_string(), v, Some("条".to_string()))];
        assert_eq!(prose("全年共计公开政府信息523条。"), one(523.0));
        assert_eq!(prose("本年度共发布政府信息342条。"), one(342.0));
        // A statement that names 主动公开 wins wherever it stands.
        assert_eq!(prose("全年共发布信息400条。主动公开政府信息342条。"), one(342.0));
        // Not proactive disclosure: what was granted on application, withheld, or one
        // channel's share.
        for p in [
            "依申请公开信息12条。",
            "不予公开信息有10条。",
            "免予公开信息3条。",
            "在政府网站公开信息100条。",
            "通过政府公报公开政府信息12条。",
        ] {
            assert_eq!(prose(p), vec![], "{p}");
        }
    }

    #[test]
    fn appeals_counted_together_and_each() {
        // One number for both is no figure of either.
        assert_eq!(prose("全年因政府信息公开引起的行政复议和行政诉讼案件共3件。"), vec![]);
        assert_eq!(prose("共3件行政复议、行政诉讼案件。"), vec![]);
        let both = |v: f64| {
            vec![("reviews".to_string(), v, Some("件".to_string())), ("suits".to_string(), v, Some("件".to_string()))]
        };
        assert_eq!(prose("发生行政复议、行政诉讼案件各1件。"), both(1.0));
        assert_eq!(prose("行政复议和行政诉讼案件均为0件。"), both(0.0));
        // Zero in words still covers both, and separate counts stay each one's.
        assert_eq!(prose("未发生行政复议和行政诉讼。"), both(0.0));
        assert_eq!(
            prose("行政复议1件,行政诉讼2件。"),
            vec![
                ("reviews".to_string(), 1.0, Some("件".to_string())),
                ("suits".to_string(), 2.0, Some("件".to_string()))
            ]
        );
    }

    #[test]
    fn figures_of_an_earlier_year_are_not_the_reports() {
        let read = |p: &str| -> Vec<(String, f64)> {
            prose_figures(std::iter::once(p), Some(2013)).into_iter().map(|f| (f.key, f.value)).collect()
        };
        let apps = |v: f64| vec![("applications".to_string(), v)];
        assert_eq!(read("去年受理申请8件,今年受理申请10件。"), apps(10.0));
        assert_eq!(read("2012年受理申请5件,2013年受理申请7件。"), apps(7.0));
        assert_eq!(read("2013年共受理申请7件,比上年多收到申请3件。"), apps(7.0));
        // A later year (the date the report was written) says nothing against it.
        assert_eq!(read("截至2014年1月,共受理申请7件。"), apps(7.0));
        // A cumulative figure counts from an earlier year.
        assert_eq!(
            read("自2008年条例实施以来累计主动公开政府信息5000条。"),
            vec![("proactive_items_cumulative".to_string(), 5000.0)]
        );
    }

    #[test]
    fn applications_of_other_kinds_are_not_information_requests() {
        for p in ["全年共收到群众来信来访申请3件。", "接到政府信息公开相关咨询申请20件。", "收到申请人撤回申请2件。"]
        {
            let figures = prose(p);
            assert!(figures.iter().all(|f| f.0 != "applications"), "{p}: {figures:?}");
        }
        assert_eq!(prose("收到政府信息公开申请4件。")[0].1, 4.0);
    }

    #[test]
    fn row_labels() {
        for (label, key) in [
            ("主动公开信息数", "proactive_items"),
            ("主动公开文件数", "proactive_items"),
            ("受理依申请公开信息总数", "applications"),
            ("正式受理政府信息公开申请数", "applications"),
            ("受理政府信息依申请公开总数", "applications"),
            ("其中：1．当面申请数", "applications_by_channel:当面"),
            ("6.其它形式申请数", "applications_by_channel:其他"),
            ("3、信函、传真申请数", "applications_by_channel:信函、传真"),
            ("對申請的答覆總數", "replies_total"),
            ("2．同意部分公开答复数", "partial"),
            ("其中：1．同意提供", "granted"),
            ("3．否决公开答复总数", "denied"),
            ("4、其他类型答复数", "other_replies"),
            ("政府信息公开收费减免金额", "fees"),
            ("接受行政诉讼、举报数", "complaints"),
            ("行政申诉、举报数", "complaints"),
            ("受理政府信息公开工作行政复议数", "reviews"),
            ("收到政府信息公开工作行政诉讼数", "suits"),
            ("政府信息咨询数", "consultations"),
        ] {
            assert_eq!(row_key(label).as_deref(), Some(key), "{label}");
        }
        for label in ["其中：1.网站公开", "2、政府公报公开", "其中：1．在办", "2．办结", "1.不属于政府信息", "指标名称"]
        {
            assert_eq!(row_key(label), None, "{label}");
        }
    }
}
