//! Find the three statistics tables by their own labels and map them to keys.
//!
//! Rows of all tables are read as one stream in document order, so a table broken
//! across pages (or split into several HTML tables) reads as one. A small state
//! machine follows the context: a caption `第二十条第（X）项` opens a table 二 block, a
//! header with 申请人情况 / 自然人 (or the 本年新收 row itself) opens table 三, a header
//! with 行政复议 and 行政诉讼 opens table 四. Within a context, a row's most specific
//! label cell gives its key (through [`crate::template`]) and the row's own cells after
//! that label are its values, by position.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use regex::Regex;

use super::cell::{classify, state_and_value_like_normalised};
use super::labels;
use super::place::{self, Observed, Positions, RawRow, Slot};
use crate::normalize::{contains_any, group_marker, strip_numbering};
use crate::report::{CellValue, KeyHasher, State, Versions};
use crate::source::ocr::CellOcr;
use crate::source::{Document, Span};
use crate::template::{self, ColDef, Family, Table, Version};

/// The tables' cells, their versions, and notes on what was missing or odd.
#[derive(Debug, Default)]
pub struct Tables {
    pub cells: Vec<CellValue>,
    pub versions: Versions,
    pub notes: Vec<String>,
}

#[derive(Debug)]
enum Context {
    None,
    Proactive {
        block: &'static str,
        cols: Option<Vec<&'static ColDef>>,
    },
    Applications {
        group: Option<Family>,
    },
    /// Table 四; `pending` gathers value cells when a report prints its 15 numbers over
    /// several rows (one per kind of case) instead of one.
    Appeals {
        pending: Vec<Observed>,
    },
}

static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"第二十条第\(?([一二三四五六七八九十]+)\)?项").expect("valid regex"));

/// One row as extraction sees it: the row's own cells (horizontal merge copies dropped),
/// each with its grid column.
struct Row<'a> {
    raw: Vec<&'a str>,
    norm: Vec<String>,
    x: Vec<f32>,
    /// What OCR said about each cell (None for cells read from text).
    ocr: Vec<Option<&'a CellOcr>>,
    /// Per cell: a number, and a value cell ([`super::cell::is_value_like`]), decided once.
    number: Vec<bool>,
    value_like: Vec<bool>,
}

impl<'a> Row<'a> {
    fn joined(&self) -> String {
        self.norm.concat()
    }

    /// Index of the last label cell (a cell that is not a number, blank or n.a.).
    fn last_label(&self) -> Option<usize> {
        (0..self.raw.len()).rev().find(|&i| !self.value_like[i])
    }

    fn has_number(&self) -> bool {
        self.number.iter().any(|n| *n)
    }
}

/// A row's cells from `start` on, as values with their grid columns (and OCR readings).
fn observed(row: &Row, start: usize) -> Vec<Observed> {
    let start = start.min(row.raw.len());
    row.raw[start..]
        .iter()
        .zip(&row.x[start..])
        .zip(&row.ocr[start..])
        .map(|((raw, x), ocr)| Observed { raw: raw.to_string(), x: Some(*x), ocr: ocr.cloned() })
        .collect()
}

/// Extract the statistics tables of a document.
pub fn extract(doc: &Document) -> Tables {
    let mut out = Extractor::default();
    for table in doc.tables() {
        for grid_row in &table.rows {
            let own: Vec<(usize, &crate::source::Cell)> =
                grid_row.iter().enumerate().filter(|(_, c)| c.span != Span::ColCopy).collect();
            // Each cell normalised once: classified, and folded into its label key.
            let mut number = Vec::with_capacity(own.len());
            let mut value_like = Vec::with_capacity(own.len());
            let mut norm = Vec::with_capacity(own.len());
            for (_, c) in &own {
                let n = crate::normalize::norm(&c.text);
                let (state, like) = state_and_value_like_normalised(&n);
                number.push(state == State::Number);
                value_like.push(like);
                norm.push(labels::key_of_normalised(n));
            }
            let row = Row {
                number,
                value_like,
                norm,
                x: own.iter().map(|(i, _)| *i as f32).collect(),
                ocr: own.iter().map(|(_, c)| c.ocr.as_ref()).collect(),
                raw: own.into_iter().map(|(_, c)| c.text.as_str()).collect(),
            };
            out.row(&row);
        }
    }
    out.finish()
}

struct Extractor {
    ctx: Context,
    tables: Tables,
    /// Rows read, per table, for [`place`] to fill in.
    raw: Vec<(Table, RawRow)>,
    /// Evidence of table 二's version: one vote per header or block that tells.
    proactive_votes: Vec<Version>,
    app_version: Option<Version>,
}

/// Words that only a header row of table 三 holds.
const APPLICATION_HEADER_WORDS: &[&str] =
    &["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织"];

impl Default for Extractor {
    fn default() -> Self {
        Extractor {
            ctx: Context::None,
            tables: Tables::default(),
            raw: Vec::new(),
            proactive_votes: Vec::new(),
            app_version: None,
        }
    }
}

impl Extractor {
    fn row(&mut self, row: &Row) {
        if row.raw.is_empty() {
            return;
        }
        let joined = row.joined();
        if let Some(m) = joined.contains("第二十条第").then(|| CAPTION.captures(&joined)).flatten() {
            let block = Table::Proactive.def().block(&m[1]).map_or("", |b| b.numeral);
            self.ctx = Context::Proactive { block, cols: None };
            if block.is_empty() {
                self.tables
                    .notes
                    .push(format!("table 二: a caption names block （{}）, which the template does not have", &m[1]));
            }
            return;
        }
        if joined.contains("行政复议")
            && (joined.contains("行政诉讼") || joined.contains("结果维持"))
            && !row.has_number()
        {
            if !matches!(self.ctx, Context::Appeals { .. }) {
                self.ctx = Context::Appeals { pending: Vec::new() };
            }
            return;
        }
        // A table 二 header without a 第二十条 caption before it: items are still read, but
        // only known ones (an unknown label could be any other table's row).
        if joined.contains("信息内容") && !row.has_number() && !matches!(self.ctx, Context::Proactive { .. }) {
            self.ctx = Context::Proactive { block: "", cols: None };
        }
        if contains_any(&joined, APPLICATION_HEADER_WORDS) && !row.has_number() {
            if !matches!(self.ctx, Context::Applications { .. }) {
                self.ctx = Context::Applications { group: None };
            }
            return;
        }
        if joined.contains("本年新收") {
            self.ctx = Context::Applications { group: None };
        }
        match &mut self.ctx {
            Context::None => {}
            Context::Proactive { .. } => self.proactive_row(row, &joined),
            Context::Applications { .. } => self.applications_row(row),
            Context::Appeals { .. } => self.appeals_row(row),
        }
    }

    fn proactive_row(&mut self, row: &Row, joined: &str) {
        let Context::Proactive { block, cols } = &mut self.ctx else { return };
        if joined.contains("信息内容") && !row.has_number() {
            let start = row.norm.iter().position(|n| n.contains("信息内容")).map_or(0, |i| i + 1);
            let mut found = Vec::new();
            for n in &row.norm[start..] {
                if let Some((col, evidence)) = template::match_proactive_header(n) {
                    if evidence != Version::Both {
                        self.proactive_votes.push(evidence);
                    }
                    found.push(col);
                }
            }
            if !found.is_empty() {
                *cols = Some(found);
            }
            return;
        }
        let Some(label_at) = row.last_label() else { return };
        if label_at + 1 == row.raw.len() {
            return;
        }
        let label = &row.norm[label_at];
        let def = Table::Proactive.def();
        let item: Cow<'static, str> = match labels::match_row(def, label) {
            Some(r) => Cow::Borrowed(r.key),
            None if block.is_empty() => return,
            None => Cow::Owned(format!("extra:{}", row.raw[label_at].split_whitespace().collect::<String>())),
        };
        // Without a caption, the item tells the block.
        let block = if block.is_empty() { def.block_of(&item).map_or("", |b| b.numeral) } else { *block };
        let Some(block_def) = def.block(block) else { return };
        let cols: Vec<&'static ColDef> = match cols {
            Some(c) => c.clone(),
            None => {
                let version = self.proactive_version().unwrap_or(Version::V2019);
                block_def.columns_in(version).collect()
            }
        };
        if block_def.versions != Version::Both {
            self.proactive_votes.push(block_def.versions);
        }
        let values = observed(row, label_at + 1);
        self.raw.push((Table::Proactive, RawRow::new(item, &cols, values, self.raw.len())));
    }

    fn proactive_version(&self) -> Option<Version> {
        let n2021 = self.proactive_votes.iter().filter(|v| **v == Version::V2021).count();
        let n2019 = self.proactive_votes.iter().filter(|v| **v == Version::V2019).count();
        match (n2019, n2021) {
            (0, 0) => None,
            (a, b) if b > a => Some(Version::V2021),
            _ => Some(Version::V2019),
        }
    }

    fn applications_row(&mut self, row: &Row) {
        let Context::Applications { group } = &mut self.ctx else { return };
        for n in &row.norm {
            if let Some(g) = group_marker(n).and_then(Family::of_group_numeral) {
                *group = Some(g);
            }
        }
        let Some(label_at) = row.last_label() else { return };
        let label = row.norm[label_at].as_str();
        let def = Table::Applications.def();
        let found = if strip_numbering(label) == "其他" {
            // 其他 alone is a row only inside （六）: the row of that family told by place.
            if *group == Some(Family::Other) {
                def.rows().find(|r| r.family == Family::Other && r.patterns.is_empty())
            } else {
                None
            }
        } else {
            labels::match_row(def, label)
        };
        let Some(found) = found else { return };
        // A recognised sub-row tells the group too (PDF readers may drop the group's
        // vertical label cell).
        *group = Some(found.family).filter(|f| f.group_numeral().is_some() && f.heading().is_some());
        match found.versions {
            Version::V2019 => self.app_version = self.app_version.or(Some(Version::V2019)),
            Version::V2021 => self.app_version = Some(Version::V2021),
            Version::Both => {}
        }
        let cols: Vec<&'static ColDef> = def.blocks[0].columns.iter().collect();
        let values = observed(row, label_at + 1);
        self.raw.push((Table::Applications, RawRow::new(Cow::Borrowed(found.key), &cols, values, self.raw.len())));
    }

    fn appeals_row(&mut self, row: &Row) {
        let Context::Appeals { pending } = &mut self.ctx else { return };
        let block = &Table::Appeals.def().blocks[0];
        let n = block.rows.len() * block.columns.len();
        let per_row = block.columns.len();
        let start = row.last_label().map_or(0, |i| i + 1);
        let mut values = observed(row, start);
        let numbers = values.iter().filter(|v| classify(&v.raw).0 == State::Number).count();
        if values.len() < 2 * per_row || numbers == 0 && values.len() < n {
            // One kind of case per row: gather until all of them are in (positions are
            // per row then, so they are dropped).
            if values.len() == per_row && numbers > 0 {
                pending.extend(values.into_iter().map(|v| Observed { x: None, ..v }));
            }
            if pending.len() < n {
                return;
            }
            values = std::mem::take(pending);
        }
        let slots: Vec<Slot> = block
            .rows
            .iter()
            .flat_map(|r| block.columns.iter().map(move |c| Slot { row: Cow::Borrowed(r.key), col: c }))
            .collect();
        self.raw.push((Table::Appeals, RawRow { slots, values, seq: self.raw.len(), positions: Positions::Grid }));
        self.ctx = Context::None;
    }

    fn finish(mut self) -> Tables {
        let applications = self.app_version.or_else(|| self.proactive_version()).unwrap_or(Version::Both);
        // Cells kept so far, to tell one printed twice.
        let mut seen: HashSet<(Table, Cow<'static, str>, &'static str), BuildHasherDefault<KeyHasher>> =
            HashSet::default();
        let mut raw = std::mem::take(&mut self.raw);
        for table in Table::ALL {
            let (rows, rest): (Vec<_>, Vec<_>) = raw.into_iter().partition(|(t, _)| *t == table);
            raw = rest;
            let rows: Vec<RawRow> = rows.into_iter().map(|(_, r)| r).collect();
            if rows.is_empty() {
                continue;
            }
            let version = match table {
                Table::Proactive => self.proactive_version().unwrap_or(Version::Both),
                Table::Applications => applications,
                Table::Appeals => Version::Both,
            };
            let placed = place::place(table, version, rows);
            self.tables.notes.extend(placed.notes);
            for c in placed.cells {
                if !seen.insert((c.tbl, c.row.clone(), c.col)) {
                    self.tables.notes.push(format!("{}.{}.{} printed twice; the first is kept", c.tbl, c.row, c.col));
                } else {
                    self.tables.cells.push(c);
                }
            }
        }
        let has = |t: Table| self.tables.cells.iter().any(|c| c.tbl == t);
        let (p, a, r) = (has(Table::Proactive), has(Table::Applications), has(Table::Appeals));
        if p {
            self.tables.versions.proactive = self.proactive_version();
        } else {
            self.tables.notes.push("table 二 (proactive disclosure) not found".into());
        }
        if a {
            // Only the （六） rows tell table 三's version; without them, the version of
            // table 二 is the best evidence, else both remain possible.
            self.tables.versions.applications = Some(applications);
        } else {
            self.tables.notes.push("table 三 (applications) not found".into());
        }
        if r {
            self.tables.versions.appeals = Some(Version::Both);
        } else {
            self.tables.notes.push("table 四 (administrative review and litigation) not found".into());
        }
        self.tables
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Block, Cell};
    use crate::template::Table;

    fn doc(rows: &[&[&str]]) -> Document {
        let table =
            crate::source::Table { rows: rows.iter().map(|r| r.iter().map(|t| Cell::own(*t)).collect()).collect() };
        Document { blocks: vec![Block::Table(table)], ..Default::default() }
    }

    fn value(t: &Tables, tbl: Table, row: &str, col: &str) -> Option<f64> {
        t.cells.iter().find(|c| c.tbl == tbl && c.row == row && c.col == col).and_then(|c| c.value)
    }

    #[test]
    fn table_four_printed_as_one_row_per_kind_of_case() {
        let t = extract(&doc(&[
            &["行政复议", "行政诉讼"],
            &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            &["行政复议", "3", "1", "0", "0", "4"],
            &["未经复议直接起诉", "2", "0", "0", "1", "3"],
            &["复议后起诉", "0", "0", "1", "0", "1"],
        ]));
        assert_eq!(value(&t, Table::Appeals, "review", "total"), Some(4.0));
        assert_eq!(value(&t, Table::Appeals, "suit_direct", "pending"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "suit_after_review", "other"), Some(1.0));
        assert_eq!(t.cells.iter().filter(|c| c.tbl == Table::Appeals).count(), 15);
    }

    #[test]
    fn table_two_without_captions_and_captions_without_brackets() {
        let t = extract(&doc(&[
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "0", "0", "2"],
            &["行政规范性文件", "3", "1", "20"],
            &["第二十条第五项"],
            &["信息内容", "本年处理决定数量"],
            &["行政许可", "120"],
            &["其他无关的行", "9"],
        ]));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(20.0));
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(120.0));
        assert_eq!(t.versions.proactive, Some(Version::V2021));
    }

    #[test]
    fn an_unknown_row_is_kept_as_extra_inside_a_captioned_block() {
        let t = extract(&doc(&[
            &["第二十条第（一）项"],
            &["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            &["规章", "0", "0", "0"],
            &["其他主动公开文件", "5", "5", "9"],
        ]));
        assert_eq!(value(&t, Table::Proactive, "extra:其他主动公开文件", "total_published"), Some(9.0));
    }
}
