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

use super::cell::{classify, has_spaced_digits, split_figures, state_and_value_like_normalised, SEVERAL_FIGURES};
use super::fold::fold_tail;
use super::labels;
use super::place::{self, Observed, Positions, RawRow, Slot};
use crate::normalize::{group_marker, strip_numbering, WordSet};
use crate::report::{CellValue, KeyHasher, Placement, State, Versions};
use crate::source::ocr::CellOcr;
use crate::source::{Document, Span};
use crate::template::{self, ColDef, Family, Table, Version};

/// The tables' cells, their versions, and notes on what was missing or odd.
#[derive(Debug, Default)]
pub struct Tables {
    pub cells: Vec<CellValue>,
    pub versions: Versions,
    pub notes: Vec<String>,
    /// Tables 三 and 四 whose header was read with no figure, mark or cell under it, so that
    /// no cell of them was placed, with the version their rows are read in: a PDF prints
    /// nothing for a table that leaves its cells empty ([`super::unprinted`]).
    pub headed_without_figures: Vec<(Table, Version)>,
    /// Table 四 read as one run of figures (a page text prints nothing for an empty cell)
    /// that its sums, and its figures' places where it has them, left open, so that no cell
    /// of it was placed: the figures in printed order, for the totals the prose states to
    /// place ([`super::stated`]).
    pub open_appeals: Option<Vec<String>>,
}

#[derive(Debug)]
enum Context {
    None,
    Proactive {
        block: &'static str,
        cols: Option<Vec<&'static ColDef>>,
        /// The last header's cells after 信息内容, when some of them named no column: the
        /// first part of a header cut by a page break (本年新 | 本年新 | 对外公开总数量,
        /// then 制作数量 | 公开数量 on the next page).
        cut_header: Option<Vec<String>>,
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

/// One row as extraction sees it: the row's own cells (horizontal merge copies dropped),
/// each with its grid column.
struct Row<'a> {
    raw: Vec<&'a str>,
    /// Where each cell's label-key form ([`labels::key`]) ends in `joined`.
    ends: Vec<usize>,
    x: Vec<f32>,
    /// What OCR said about each cell (None for cells read from text).
    ocr: Vec<Option<&'a CellOcr>>,
    /// Per cell: a number, and a value cell ([`super::cell::is_value_like`]), decided once.
    number: Vec<bool>,
    value_like: Vec<bool>,
    /// Whether some cell holds several figures ([`has_spaced_digits`]).
    several: bool,
    /// Per cell: a copy of the cell above it (a vertical merge), not the row's own.
    copied: Vec<bool>,
    /// Every cell's label form, one after the other.
    joined: String,
}

impl<'a> Row<'a> {
    fn clear(&mut self) {
        self.raw.clear();
        self.ends.clear();
        self.x.clear();
        self.ocr.clear();
        self.number.clear();
        self.value_like.clear();
        self.joined.clear();
        self.several = false;
        self.copied.clear();
    }

    /// Index of the last label cell (a cell that is not a number, blank or n.a.).
    fn last_label(&self) -> Option<usize> {
        (0..self.raw.len()).rev().find(|&i| !self.value_like[i])
    }

    /// Cell `i` in label-key form.
    fn norm(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.joined[start..self.ends[i]]
    }

    /// Every cell in label-key form.
    fn norms(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len()).map(|i| self.norm(i))
    }

    fn has_number(&self) -> bool {
        self.number.iter().any(|n| *n)
    }
}

/// A row's cells from `start` on, as values with their grid columns (and OCR readings).
/// A cell that holds several figures (two cells run together by a conversion: `3001 53`)
/// gives each of them; the grid's columns then say nothing of where a value stands.
fn observed(row: &Row, start: usize) -> Vec<Observed> {
    let start = start.min(row.raw.len());
    if row.several {
        let mut out = Vec::new();
        for (raw, ocr) in row.raw[start..].iter().zip(&row.ocr[start..]) {
            let parts = split_figures(raw).unwrap_or_else(|| vec![raw]);
            out.extend(parts.into_iter().map(|p| Observed { raw: p.into(), x: None, ocr: ocr.cloned() }));
        }
        return out;
    }
    row.raw[start..]
        .iter()
        .zip(&row.x[start..])
        .zip(&row.ocr[start..])
        .map(|((raw, x), ocr)| Observed { raw: (*raw).into(), x: Some(*x), ocr: ocr.cloned() })
        .collect()
}

/// [`observed`] from `start` on, without the cells copied from a merged cell above (a
/// label the rows' own labels stand left of: see [`Extractor::applications_row`]).
fn observed_own(row: &Row, start: usize) -> Vec<Observed> {
    let mut all = observed(row, start);
    if row.several {
        // Each cell's figures are several values: copies are labels, never figures.
        return all;
    }
    let mut copied = row.copied[start.min(row.copied.len())..].iter();
    all.retain(|_| copied.next().is_some_and(|c| !c));
    all
}

/// A table 三 row whose figures stand in two lines of the grid: `cells`, a line of figures
/// under no label right above the row, holds figures only where the row's `values` (its
/// last cells, the line as wide as the row) are empty (a PDF setting some cells of a row a
/// line higher: `0` and `0` above `3．其他 2 ∅ 0 ∅ 0 0 2`). The row with them, if it then
/// has its seven figures and its 总计 is the sum of the others; else `None`.
fn fill_raised(cells: &[String], values: &[Observed]) -> Option<Vec<Observed>> {
    let k = values.len();
    if k != 7 || cells.len() < k || cells[..cells.len() - k].iter().any(|c| !c.trim().is_empty()) {
        return None;
    }
    let upper = &cells[cells.len() - k..];
    let mut filled = values.to_vec();
    for (v, up) in filled.iter_mut().zip(upper) {
        let up = up.trim();
        match (v.is_empty(), up.is_empty()) {
            (false, false) => return None,
            (true, false) if classify(up).0 == State::Number => v.raw = up.into(),
            (true, false) => return None,
            _ => {}
        }
    }
    let adds_up = place::sum_and_total(&filled).is_some_and(|(sum, total)| (sum - total).abs() < 1e-6);
    (filled.iter().all(|v| !v.is_empty()) && upper.iter().any(|c| !c.trim().is_empty()) && adds_up).then_some(filled)
}

/// Extract the statistics tables of a document.
pub fn extract(doc: &Document) -> Tables {
    let mut out = Extractor::default();
    // One row's buffers, refilled for every row.
    let mut row = Row {
        raw: Vec::new(),
        ends: Vec::new(),
        x: Vec::new(),
        ocr: Vec::new(),
        number: Vec::new(),
        value_like: Vec::new(),
        several: false,
        copied: Vec::new(),
        joined: String::new(),
    };
    for table in doc.tables() {
        for grid_row in &table.rows {
            row.clear();
            for (i, c) in grid_row.iter().enumerate().filter(|(_, c)| c.span != Span::ColCopy) {
                // Each cell normalised once, into the row's buffer: classified, and folded
                // into its label key. Printable ASCII (the usual number cell) is its own
                // normal and label form. Otherwise the cell is classified in normal form,
                // before folding (無 is text; its folded form 无 would be n.a.).
                let start = row.joined.len();
                let ascii = c.text.bytes().all(|b| b.is_ascii_graphic());
                if ascii {
                    row.joined.push_str(&c.text);
                } else {
                    crate::normalize::norm_into(&c.text, &mut row.joined);
                }
                // Spaces are gone from the normal form: figures they separated (`6 0`) are
                // told on the text as printed.
                let spaced = !ascii && has_spaced_digits(&c.text);
                row.several |= spaced;
                let (state, like) =
                    if spaced { SEVERAL_FIGURES } else { state_and_value_like_normalised(&row.joined[start..]) };
                if !ascii {
                    fold_tail(&mut row.joined, start);
                }
                row.number.push(state == State::Number);
                row.value_like.push(like);
                row.ends.push(row.joined.len());
                row.x.push(i as f32);
                row.ocr.push(c.ocr.as_ref());
                row.raw.push(c.text.as_str());
                row.copied.push(c.span == Span::RowCopy);
            }
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
    /// Table 三's columns as its header names them, when it names fewer than the template
    /// has, 自然人 first (a table cut at the page's right edge, or one that prints only
    /// some of the legal persons' columns): rows with one figure for each are read under
    /// them.
    app_header: Option<Vec<&'static ColDef>>,
    /// Rows of table 三 with figures whose label names no template row.
    unlabelled: Vec<Unlabelled>,
    /// Table 二 rows read without a header of their block, by index in [`Extractor::raw`],
    /// with their block and the version their columns were taken from: the headers of the
    /// blocks after them may tell the table's version better (the first block's header
    /// lost), and their columns are then taken again ([`Extractor::finish`]).
    headerless: Vec<(usize, &'static str, Version)>,
    /// Rows seen so far (every row of the document, in order).
    rows_seen: usize,
    /// A table 四 reading whose every cell was empty, by index in [`Extractor::raw`], and the
    /// row it came from: a row of figures soon after it replaces it (the empty one was a
    /// line of the header, which some converters print as a row of empty cells).
    empty_appeals: Option<(usize, usize)>,
    /// The last table 三 row read, by index in [`Extractor::raw`], and the row it came from.
    last_applications: Option<(usize, usize)>,
    /// Table 三 rows read, by index in [`Extractor::raw`], that turned out to be one row
    /// printed at two heights ([`Extractor::figures_without_label`]): not placed.
    split_rows: Vec<usize>,
    /// The label of the last table 三 row read when that row held no cell besides it:
    /// the first line of a label wrapped onto the row of its figures
    /// ([`Extractor::label_continued`]).
    bare_label: Option<String>,
    /// A table 三 row of figures under no label that stood under no row with empty cells:
    /// the row it came from, its cells, and the index of its note. The row right under it
    /// may be the one whose cells it holds ([`fill_raised`]).
    raised: Option<(usize, Vec<String>, usize)>,
    /// Per table (by its place in [`Table::ALL`]): whether its header (or a row of its
    /// own) was read, and whether a row read in it held a figure or a mark.
    headed: [bool; 3],
    figured: [bool; 3],
}

/// How many rows after a table 四 row of empty cells a row of figures still replaces it.
const EMPTY_APPEALS_REACH: usize = 12;

/// A row of table 三 whose label matched no template row (a label a scan damaged past
/// reading: （一）予以公开 read as (“”)所以公必), with its place among the rows read.
struct Unlabelled {
    /// How many rows were read before it (its index among [`Extractor::raw`]).
    seq: usize,
    label: String,
    values: Vec<Observed>,
}

/// Words that only a header row of table 三 holds.
pub(super) const APPLICATION_HEADER_WORDS: &[&str] =
    &["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织"];

/// The words a row's joined cells are looked at for, found in one pass: these six (bits
/// 0–5, in this order), then [`APPLICATION_HEADER_WORDS`].
const ROW_WORD_LIST: [&str; 6] = ["第二十条第", "行政复议", "行政诉讼", "结果维持", "信息内容", "本年新收"];
const CAPTION_WORD: u64 = 1 << 0;
const REVIEW_WORD: u64 = 1 << 1;
const SUIT_WORD: u64 = 1 << 2;
const UPHELD_WORD: u64 = 1 << 3;
const CONTENT_WORD: u64 = 1 << 4;
const RECEIVED_WORD: u64 = 1 << 5;
/// The bits of [`APPLICATION_HEADER_WORDS`].
const APPLICATION_HEADER_BITS: u64 = ((1 << APPLICATION_HEADER_WORDS.len()) - 1) << ROW_WORD_LIST.len();
static ROW_WORDS: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(ROW_WORD_LIST.iter().chain(APPLICATION_HEADER_WORDS).copied().collect()));

impl Default for Extractor {
    fn default() -> Self {
        Extractor {
            ctx: Context::None,
            tables: Tables::default(),
            raw: Vec::new(),
            proactive_votes: Vec::new(),
            app_version: None,
            app_header: None,
            unlabelled: Vec::new(),
            headerless: Vec::new(),
            rows_seen: 0,
            empty_appeals: None,
            last_applications: None,
            bare_label: None,
            split_rows: Vec::new(),
            raised: None,
            headed: [false; 3],
            figured: [false; 3],
        }
    }
}

impl Context {
    /// The table the context reads rows of.
    fn table(&self) -> Option<Table> {
        match self {
            Context::None => None,
            Context::Proactive { .. } => Some(Table::Proactive),
            Context::Applications { .. } => Some(Table::Applications),
            Context::Appeals { .. } => Some(Table::Appeals),
        }
    }
}

impl Extractor {
    fn row(&mut self, row: &Row) {
        self.read_row(row);
        if let Some(table) = self.ctx.table() {
            self.headed[table as usize] = true;
        }
    }

    fn read_row(&mut self, row: &Row) {
        self.rows_seen += 1;
        if row.raw.is_empty() {
            return;
        }
        let joined = row.joined.as_str();
        let words = ROW_WORDS.present(joined);
        let has = |bit: u64| words & bit != 0;
        if let Some(numeral) = has(CAPTION_WORD).then(|| labels::caption_block(joined)).flatten() {
            let block = Table::Proactive.def().block(numeral).map_or("", |b| b.numeral);
            self.ctx = Context::Proactive { block, cols: None, cut_header: None };
            if block.is_empty() {
                self.tables
                    .notes
                    .push(format!("table 二: a caption names block （{numeral}）, which the template does not have"));
            }
            return;
        }
        if has(REVIEW_WORD) && (has(SUIT_WORD) || has(UPHELD_WORD)) && !row.has_number() {
            if !matches!(self.ctx, Context::Appeals { .. }) {
                self.ctx = Context::Appeals { pending: Vec::new() };
            }
            return;
        }
        // A table 二 header without a 第二十条 caption before it: items are still read, but
        // only known ones (an unknown label could be any other table's row).
        if has(CONTENT_WORD) && !row.has_number() && !matches!(self.ctx, Context::Proactive { .. }) {
            self.ctx = Context::Proactive { block: "", cols: None, cut_header: None };
        }
        if has(APPLICATION_HEADER_BITS) && !row.has_number() {
            if !matches!(self.ctx, Context::Applications { .. }) {
                self.ctx = Context::Applications { group: None };
            }
            self.application_header(row);
            return;
        }
        if has(RECEIVED_WORD) {
            self.ctx = Context::Applications { group: None };
        }
        if let Some(table) = self.ctx.table() {
            self.figured[table as usize] |=
                (0..row.raw.len()).any(|i| row.value_like[i] && !row.raw[i].trim().is_empty());
        }
        match &mut self.ctx {
            Context::None => {}
            Context::Proactive { .. } => self.proactive_row(row, has(CONTENT_WORD)),
            Context::Applications { .. } => self.applications_row(row),
            Context::Appeals { .. } => self.appeals_row(row),
        }
    }

    /// `header_word`: the row holds 信息内容.
    fn proactive_row(&mut self, row: &Row, header_word: bool) {
        let Context::Proactive { block, cols, cut_header } = &mut self.ctx else { return };
        if header_word && !row.has_number() {
            let start = row.norms().position(|n| n.contains("信息内容")).map_or(0, |i| i + 1);
            let headers: Vec<&str> = row.norms().skip(start).collect();
            let found: Vec<_> = headers.iter().filter_map(|n| template::match_proactive_header(n)).collect();
            *cut_header = (found.len() < headers.len()).then(|| headers.iter().map(|h| h.to_string()).collect());
            if !found.is_empty() {
                self.proactive_votes.extend(found.iter().map(|f| f.1).filter(|v| *v != Version::Both));
                *cols = Some(found.into_iter().map(|f| f.0).collect());
            }
            return;
        }
        // The rest of a header cut by a page break: a row without numbers or label under a
        // header some of whose cells named no column. Its cells complete the header's, in
        // order; taken when the completed header names more columns.
        if let Some(first) = cut_header.take() {
            if !row.has_number() && row.ends.len() > 1 && row.norm(0).is_empty() {
                let rest: Vec<&str> = row.norms().skip(1).collect();
                let joined: Vec<String> =
                    first.iter().enumerate().map(|(i, h)| format!("{h}{}", rest.get(i).map_or("", |r| r))).collect();
                let found: Vec<_> = joined.iter().filter_map(|n| template::match_proactive_header(n)).collect();
                if found.len() > cols.as_ref().map_or(0, Vec::len) {
                    self.proactive_votes.extend(found.iter().map(|f| f.1).filter(|v| *v != Version::Both));
                    *cols = Some(found.into_iter().map(|f| f.0).collect());
                    return;
                }
            }
        }
        let Some(label_at) = row.last_label() else { return };
        if label_at + 1 == row.raw.len() {
            return;
        }
        let label = row.norm(label_at);
        let def = Table::Proactive.def();
        let item: Cow<'static, str> = match labels::match_row(def, label) {
            Some(r) => Cow::Borrowed(r.key),
            None if block.is_empty() => return,
            // A column's name beside blanks is a header cell its row lost (信息内容 read
            // into the first item's label), not a row the agency added.
            None if !row.has_number() && template::match_proactive_header(label).is_some() => return,
            None => Cow::Owned(format!("extra:{}", row.raw[label_at].split_whitespace().collect::<String>())),
        };
        // The item tells its block: without a caption, and when it stands under another
        // block's caption (a caption lost, rows out of order), where the caption's header
        // would give it columns its block does not have. An added row (extra:…) is the
        // caption's.
        let block = def.block_of(&item).map_or(*block, |b| b.numeral);
        let Some(block_def) = def.block(block) else { return };
        // The header's columns, when they are all the block's own.
        let header =
            cols.as_ref().and_then(|c| c.iter().map(|col| block_def.column(col.key)).collect::<Option<Vec<_>>>());
        let cols: Vec<&'static ColDef> = match header {
            Some(c) => c,
            None => {
                let version = self.proactive_version().unwrap_or(Version::V2019);
                self.headerless.push((self.raw.len(), block_def.numeral, version));
                block_def.columns_in(version).collect()
            }
        };
        if block_def.versions != Version::Both {
            self.proactive_votes.push(block_def.versions);
        }
        let values = observed(row, label_at + 1);
        self.raw.push((Table::Proactive, RawRow::new(item, &cols, values, self.raw.len())));
    }

    /// A table 三 row whose label could not be read is taken as the template row missing
    /// at its place, when exactly one is (between the rows read before and after it), and
    /// only when the template's sums confirm it (see [`Extractor::place_guesses`]). This
    /// finds the row: the unreadable rows, each with the one key missing at its place.
    fn unlabelled_gaps(&mut self, version: Version) -> Vec<(Unlabelled, &'static str)> {
        if self.unlabelled.is_empty() {
            return Vec::new();
        }
        let def = Table::Applications.def();
        let checked = if version == Version::Both { Version::V2019 } else { version };
        let order: Vec<&'static str> = def.blocks[0].rows_in(checked).map(|r| r.key).collect();
        let key_of = |r: &RawRow| r.slots.first().map(|s| s.row.clone());
        let present: Vec<Cow<'static, str>> =
            self.raw.iter().filter(|(t, _)| *t == Table::Applications).filter_map(|(_, r)| key_of(r)).collect();
        let mut out = Vec::new();
        for u in std::mem::take(&mut self.unlabelled) {
            let rank = |k: &Cow<'static, str>| order.iter().position(|o| *o == k.as_ref());
            let at = u.seq.min(self.raw.len());
            let before = self.raw[..at]
                .iter()
                .rev()
                .filter(|(t, _)| *t == Table::Applications)
                .find_map(|(_, r)| key_of(r).and_then(|k| rank(&k)));
            let after = self.raw[at..]
                .iter()
                .filter(|(t, _)| *t == Table::Applications)
                .find_map(|(_, r)| key_of(r).and_then(|k| rank(&k)));
            let (Some(before), Some(after)) = (before, after) else { continue };
            let gap: Vec<&'static str> = order
                .iter()
                .take(after)
                .skip(before + 1)
                .copied()
                .filter(|k| !present.iter().any(|p| p == k) && !out.iter().any(|(_, g)| g == k))
                .collect();
            if let [key] = gap[..] {
                out.push((u, key));
            }
        }
        out
    }

    /// The rows [`Extractor::unlabelled_gaps`] found, placed and kept only when every sum
    /// holding the row holds, and at least one of them ties it to other rows (results_total
    /// = the result rows). Kept cells are marked [`Placement::Assumed`]; a note names the
    /// label as read either way.
    fn place_guesses(&mut self, guesses: Vec<(Unlabelled, &'static str)>, version: Version) {
        let def = Table::Applications.def();
        let checked = if version == Version::Both { Version::V2019 } else { version };
        for (u, key) in guesses {
            let cols: Vec<&'static ColDef> = def.blocks[0].columns.iter().collect();
            let placed = place::place_to_confirm(
                Table::Applications,
                version,
                RawRow::new(Cow::Borrowed(key), &cols, u.values, u.seq),
            );
            let guessed: Vec<CellValue> = placed.cells.into_iter().filter(|c| c.row == key).collect();
            if guessed.is_empty() {
                continue;
            }
            let mut cells: Vec<CellValue> =
                self.tables.cells.iter().filter(|c| c.tbl == Table::Applications).cloned().collect();
            cells.extend(guessed.iter().cloned());
            if !sums_confirm(&cells, checked, key) {
                self.tables.notes.push(format!(
                    "table 三: a row labelled 「{}」 is no row of the template; the one missing at its place, {key}, is not what the sums allow — its figures are left out",
                    u.label
                ));
                continue;
            }
            self.tables.notes.push(format!(
                "table 三: a row labelled 「{}」 is no row of the template; taken as {key}, the one row missing at its place, which every sum holding it confirms (cells marked assumed)",
                u.label
            ));
            self.tables.cells.extend(guessed.into_iter().map(|c| CellValue { placement: Placement::Assumed, ..c }));
        }
    }

    /// Table 二 rows read without their block's header take the block's columns of the
    /// table's version as all its headers tell it, when that is not the version they were
    /// read with (a first block whose header was lost, read before any header had told).
    fn retake_headerless_columns(&mut self) {
        let Some(version) = self.proactive_version() else { return };
        let def = Table::Proactive.def();
        for &(at, block, read_with) in &self.headerless {
            let (Some(block), Some((_, row))) = (def.block(block), self.raw.get_mut(at)) else { continue };
            if read_with == version || row.slots.is_empty() {
                continue;
            }
            let cols: Vec<&'static ColDef> = block.columns_in(version).collect();
            let key = row.slots[0].row.clone();
            let values = std::mem::take(&mut row.values);
            *row = RawRow { positions: row.positions, ..RawRow::new(key, &cols, values, row.seq) };
        }
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

    /// A table 三 header row whose cells after the label's name columns one each, in the
    /// template's order (copies of merged cells above included): when they are fewer than
    /// the template's and 自然人 is the first (the rest cut off at the page's edge, or
    /// not printed), they are the columns of rows with as many figures. A header of the
    /// full set, or of the legal persons' five alone (the second row of a two-row header
    /// whose merged cells were not copied down), changes nothing.
    fn application_header(&mut self, row: &Row) {
        /// Each column's names (its label, its patterns) in label-key form, by column.
        static NAMES: LazyLock<Vec<(usize, String)>> = LazyLock::new(|| {
            let all = &Table::Applications.def().blocks[0].columns;
            all.iter()
                .enumerate()
                .flat_map(|(i, c)| {
                    std::iter::once(c.label).chain(c.patterns.iter().map(|p| p.text)).map(move |t| (i, labels::key(t)))
                })
                .collect()
        });
        let all = &Table::Applications.def().blocks[0].columns;
        let named: Vec<Option<usize>> =
            (0..row.raw.len()).map(|i| NAMES.iter().find(|(_, n)| n == row.norm(i)).map(|(c, _)| *c)).collect();
        let Some(first) = named.iter().position(Option::is_some) else { return };
        let Some(idx) = named[first..].iter().copied().collect::<Option<Vec<usize>>>() else { return };
        if idx.len() == all.len() {
            // The full set: every row is read under the template's columns again.
            self.app_header = None;
            return;
        }
        if idx.len() < 2 || idx[0] != 0 || !idx.windows(2).all(|w| w[0] < w[1]) {
            return;
        }
        let cols: Vec<&'static ColDef> = idx.iter().map(|&i| &all[i]).collect();
        let absent: Vec<&str> = all.iter().filter(|c| !cols.iter().any(|k| k.key == c.key)).map(|c| c.label).collect();
        self.tables.notes.push(format!(
            "table 三: its header names {} of the template's {} columns; rows with {} figures are read under them, and {} are missing",
            cols.len(),
            all.len(),
            cols.len(),
            absent.join("、")
        ));
        self.app_header = Some(cols);
    }

    fn applications_row(&mut self, row: &Row) {
        let Context::Applications { group } = &mut self.ctx else { return };
        for n in row.norms() {
            if let Some(g) = group_marker(n).and_then(Family::of_group_numeral) {
                *group = Some(g);
            }
        }
        let Some(values_at) = row.last_label() else {
            self.figures_without_label(row);
            return;
        };
        let def = Table::Applications.def();
        // The label the values follow is the last, unless it is a copy of a merged cell
        // above and a label of the row's own stands before it: a group's cell whose rowspan
        // runs one row too far (a row deleted under it) lands right of the rows' labels,
        // and the row's own cells after its label are its values.
        let label_at = if row.copied[values_at] {
            (0..values_at)
                .rev()
                .find(|&i| {
                    let own = row.norm(i);
                    !row.copied[i]
                        && !row.value_like[i]
                        && (strip_numbering(own) == "其他" || labels::match_row(def, own).is_some())
                })
                .unwrap_or(values_at)
        } else {
            values_at
        };
        let label = row.norm(label_at);
        let found = if strip_numbering(label) == "其他" {
            if group_marker(label).and_then(Family::of_group_numeral) == Some(Family::Other) {
                // （六）其他 names the group itself: the one row 2019's form has for it (in
                // 2021's form its rows are numbered 1.–3.).
                def.rows().find(|r| r.family == Family::Other && r.versions == Version::V2019)
            } else if *group == Some(Family::Other) {
                // 其他 alone is a row only inside （六）: the row of that family told by place.
                def.rows().find(|r| r.family == Family::Other && r.patterns.is_empty())
            } else {
                None
            }
        } else {
            labels::match_row(def, label).map(|r| labels::numbered_like(def, r, label))
        };
        let Some(found) = found else {
            if row.has_number() && self.label_continued(row, label, values_at) {
                return;
            }
            if row.has_number() && !label.is_empty() {
                let values =
                    if label_at == values_at { observed(row, values_at + 1) } else { observed_own(row, label_at + 1) };
                self.unlabelled.push(Unlabelled { seq: self.raw.len(), label: row.raw[label_at].to_string(), values });
            }
            return;
        };
        // A recognised sub-row tells the group too (PDF readers may drop the group's
        // vertical label cell).
        *group = Some(found.family).filter(|f| f.group_numeral().is_some() && f.heading().is_some());
        match found.versions {
            Version::V2019 => self.app_version = self.app_version.or(Some(Version::V2019)),
            Version::V2021 => self.app_version = Some(Version::V2021),
            Version::Both => {}
        }
        let mut values =
            if label_at == values_at { observed(row, values_at + 1) } else { observed_own(row, label_at + 1) };
        if let Some((seen, cells, note_at)) = self.raised.take() {
            // The line as wide as the row's cells after its label, or as the whole row.
            if seen + 1 == self.rows_seen && (cells.len() == values.len() || cells.len() == row.raw.len()) {
                if let Some(filled) = fill_raised(&cells, &values) {
                    let shown = cells[cells.len() - values.len()..]
                        .iter()
                        .map(|c| if c.trim().is_empty() { "∅" } else { c.trim() })
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.tables.notes[note_at] = format!(
                        "table 三 row {}: figures ({shown}) printed a line above its label stand in its empty cells, and with them the row adds up — read as the row's",
                        found.key
                    );
                    values = filled;
                }
            }
        }
        let cols = self.app_columns(values.len());
        self.last_applications = Some((self.raw.len(), self.rows_seen));
        self.bare_label = values.is_empty().then(|| label.to_string());
        self.raw.push((Table::Applications, RawRow::new(Cow::Borrowed(found.key), &cols, values, self.raw.len())));
    }

    /// Table 三's columns for a row of `n` values: the header's, when it named as many, else
    /// the template's.
    fn app_columns(&self, n: usize) -> Vec<&'static ColDef> {
        match &self.app_header {
            Some(header) if header.len() == n => header.clone(),
            _ => Table::Applications.def().blocks[0].columns.iter().collect(),
        }
    }

    /// A row whose label names no row, right under a row that printed its label and no
    /// cell: one label wrapped over two lines of a text grid, the row's cells after its
    /// last line (catdoc's text of a Word table: `（二）部分公开（区分处理的，只计这一情形，不计`,
    /// then `其他情形）` and the seven figures). When the two lines together name the row
    /// above and the second is the end of that row's label, that row takes these figures;
    /// true. Otherwise false, and nothing changes.
    fn label_continued(&mut self, row: &Row, label: &str, values_at: usize) -> bool {
        let Some((at, seen)) = self.last_applications.filter(|&(_, seen)| seen + 1 == self.rows_seen) else {
            return false;
        };
        let Some(first) = self.bare_label.as_deref() else { return false };
        let above = &self.raw[at].1;
        let Some(key) = above.slots.first().map(|s| s.row.clone()).filter(|_| above.values.is_empty()) else {
            return false;
        };
        // The second line is the end of the row's own label (the first may name the row
        // alone: 部分公开 is in its first line).
        let tail = labels::key(label);
        let same = labels::match_row(Table::Applications.def(), &format!("{first}{label}"))
            .is_some_and(|r| key == r.key && tail.chars().count() >= 2 && labels::key(r.label).ends_with(&tail));
        if !same {
            return false;
        }
        let values = observed(row, values_at + 1);
        let cols = self.app_columns(values.len());
        self.raw[at].1 = RawRow::new(key, &cols, values, at);
        self.last_applications = Some((at, seen + 1));
        self.bare_label = None;
        true
    }

    /// A table 三 row of figures with no label: not read, with a note. Right under a row
    /// read with empty cells, the two are one row printed at two heights (a PDF's figures
    /// wrapped or set lower in their cells: `２` over `１` beside `1 0 0 0`, read as a row of
    /// ２ and blanks, then a row of figures). Which figure goes where cannot be told from
    /// the grid, so the row above is not placed either: its cells are missing, not blank.
    fn figures_without_label(&mut self, row: &Row) {
        if !row.has_number() {
            return;
        }
        let shown = row.raw.iter().map(|r| if r.is_empty() { "∅" } else { r.trim() }).collect::<Vec<_>>().join(" ");
        let above = self
            .last_applications
            .filter(|&(at, seen)| seen + 1 == self.rows_seen && !self.split_rows.contains(&at))
            .map(|(at, _)| at)
            .filter(|&at| self.raw[at].1.values.iter().any(Observed::is_empty));
        match above {
            Some(at) => {
                self.split_rows.push(at);
                self.tables.notes.push(format!(
                    "table 三 row {}: the row under it holds figures ({shown}) and no label, beside its empty cells — one row printed at two heights, whose figures cannot be put together; its cells are missing",
                    self.raw[at].1.name()
                ));
            }
            None => {
                self.tables.notes.push(format!("table 三: figures {shown} stand under no row label — not read"));
                let cells = row.raw.iter().map(|c| c.to_string()).collect();
                self.raised = Some((self.rows_seen, cells, self.tables.notes.len() - 1));
            }
        }
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
        let empty = values.iter().all(Observed::is_empty);
        if let Some((at, seen)) = self.empty_appeals.take() {
            if self.rows_seen - seen > EMPTY_APPEALS_REACH {
                // Too far from the empty reading to be the same table's figures.
                self.ctx = Context::None;
                return;
            }
            if empty {
                // Another line of the header.
                self.empty_appeals = Some((at, self.rows_seen));
                return;
            }
            self.tables
                .notes
                .push("table 四: a row of empty cells before its figures was a header line, not the figures".into());
            let seq = self.raw[at].1.seq;
            self.raw[at] = (
                Table::Appeals,
                RawRow { slots, values, seq, positions: Positions::Grid, label_at: None, label_end: None, page: None },
            );
            self.ctx = Context::None;
            return;
        }
        self.raw.push((
            Table::Appeals,
            RawRow {
                slots,
                values,
                seq: self.raw.len(),
                positions: Positions::Grid,
                label_at: None,
                label_end: None,
                page: None,
            },
        ));
        if empty {
            // Kept (a table of no cases may print its cells empty), the table still open
            // for figures that would replace it.
            self.empty_appeals = Some((self.raw.len() - 1, self.rows_seen));
        } else {
            self.ctx = Context::None;
        }
    }

    fn finish(mut self) -> Tables {
        let applications = self.app_version.or_else(|| self.proactive_version()).unwrap_or(Version::Both);
        // Cells kept so far, to tell one printed twice: template cells by position, the
        // cells of rows an agency added by key.
        let mut seen = vec![false; crate::template::cell_count()];
        let mut seen_extra: HashSet<(Table, Cow<'static, str>, &'static str), BuildHasherDefault<KeyHasher>> =
            HashSet::default();
        // Unreadable table 三 labels are matched to the rows missing around them before the
        // rows go to placing; their figures are tried after it, against the sums.
        let guesses = self.unlabelled_gaps(applications);
        self.retake_headerless_columns();
        let mut raw = std::mem::take(&mut self.raw);
        // Rows printed at two heights are not placed (none, usually: no work then).
        if !self.split_rows.is_empty() {
            let mut at = 0;
            raw.retain(|_| {
                at += 1;
                !self.split_rows.contains(&(at - 1))
            });
        }
        // Each table's rows placed first, so that the cells are moved once into a vector
        // of the size they need.
        let mut placed_tables: Vec<place::Placed> = Vec::with_capacity(Table::ALL.len());
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
            placed_tables.push(place::place(table, version, rows));
        }
        self.tables.cells.reserve(placed_tables.iter().map(|p| p.cells.len()).sum());
        for mut placed in placed_tables {
            self.tables.notes.append(&mut placed.notes);
            for row in keep_the_reading_that_adds_up(&mut placed.cells) {
                self.tables.notes.push(format!(
                    "table 三 row {row}: read twice, differently — the reading whose figures add up to its 总计 is kept, the other left out"
                ));
            }
            let notes = &mut self.tables.notes;
            placed.cells.retain(|c| {
                let first = match crate::template::position(c.tbl, &c.row, c.col).and_then(|p| seen.get_mut(p)) {
                    Some(s) => !std::mem::replace(s, true),
                    None => seen_extra.insert((c.tbl, c.row.clone(), c.col)),
                };
                if !first {
                    notes.push(format!("{}.{}.{} printed twice; the first is kept", c.tbl, c.row, c.col));
                }
                first
            });
            self.tables.cells.append(&mut placed.cells);
        }
        self.place_guesses(guesses, applications);
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
        for (table, found, version) in [(Table::Applications, a, applications), (Table::Appeals, r, Version::Both)] {
            if !found && self.headed[table as usize] && !self.figured[table as usize] {
                self.tables.headed_without_figures.push((table, version));
            }
        }
        self.tables
    }
}

/// Table 三 rows read twice, whose first reading's figures do not add up to its 总计 and a
/// later one's do: the later one is kept (LibreOffice's print of a page whose table it laid
/// out twice, once in a jumble where a column's name 总计 stands beside `13 246`, once in
/// order, `（七）总计 193 20 3 5 7 5 233`; the first was kept, 6 cells blank and 2 wrong,
/// marked exact). Readings are runs of cells of one row, in the order placed, a column
/// coming again starting the next; only runs of all seven cells count. Returns the keys of the rows whose first reading was left out.
fn keep_the_reading_that_adds_up(cells: &mut Vec<CellValue>) -> Vec<String> {
    // Only table 三's readings are weighed (see `adds_up`).
    if !cells.iter().any(|c| c.tbl == Table::Applications) {
        return Vec::new();
    }
    let runs: Vec<(usize, usize)> = {
        let mut runs = Vec::new();
        let mut start = 0;
        // The columns of the run so far.
        let mut cols: Vec<&str> = Vec::with_capacity(8);
        for (i, c) in cells.iter().enumerate() {
            // A run ends where the row changes, or where a column it has comes again.
            let first = &cells[start];
            if i > start && (c.tbl != first.tbl || !same(&c.row, &first.row) || cols.iter().any(|k| same(k, c.col))) {
                runs.push((start, i));
                start = i;
                cols.clear();
            }
            cols.push(c.col);
        }
        if start < cells.len() {
            runs.push((start, cells.len()));
        }
        runs
    };
    // No row read twice (the usual table): nothing to weigh.
    let whole: Vec<&CellValue> = runs.iter().filter(|(a, b)| b - a == 7).map(|&(a, _)| &cells[a]).collect();
    let twice =
        (1..whole.len()).any(|k| whole[..k].iter().any(|x| x.tbl == whole[k].tbl && same(&x.row, &whole[k].row)));
    if !twice {
        return Vec::new();
    }
    let adds_up = |(a, b): (usize, usize)| {
        let run = &cells[a..b];
        let Some(total) = run.iter().find(|c| c.col == "total").and_then(|c| c.value) else { return false };
        let sum = run.iter().filter(|c| c.col != "total").try_fold(0.0, |s, c| match c.state {
            State::Number => c.value.map(|v| s + v),
            State::Blank => Some(s),
            _ => None,
        });
        b - a == 7 && run[0].tbl == Table::Applications && sum.is_some_and(|s| (s - total).abs() < 1e-6)
    };
    let mut drop = vec![false; cells.len()];
    let mut rows = Vec::new();
    for (k, &(a, b)) in runs.iter().enumerate() {
        let same_row = |&&(c, _): &&(usize, usize)| cells[c].tbl == cells[a].tbl && cells[c].row == cells[a].row;
        // The row's first reading only.
        if b - a != 7 || runs[..k].iter().any(|r| same_row(&r)) || adds_up((a, b)) {
            continue;
        }
        // (The two readings differ: the same texts would add up alike.)
        if runs[k + 1..].iter().filter(|r| same_row(r)).any(|&r| adds_up(r)) {
            drop[a..b].iter_mut().for_each(|x| *x = true);
            rows.push(cells[a].row.to_string());
        }
    }
    if !rows.is_empty() {
        let mut i = 0;
        cells.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }
    rows
}

/// Whether two keys are the same text: the same template string (the usual case, told by
/// its address), or equal bytes.
#[inline]
fn same(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Do the template's sums hold for `row` among `cells` (table 三, `version`)? Every instance
/// with a cell of `row` in it must have all its cells present (a blank counts as 0) and
/// hold; at least one such instance must also hold cells of other rows.
fn sums_confirm(cells: &[CellValue], version: Version, row: &str) -> bool {
    let value = |r: &str, c: &str| -> Option<f64> {
        cells.iter().find(|x| x.row == r && x.col == c).map(|x| x.value.unwrap_or(0.0))
    };
    let mut tied = false;
    for eq in template::EQUATIONS.iter().filter(|e| e.table == Table::Applications) {
        for inst in eq.instances(version) {
            let terms = || inst.lhs.iter().chain(&inst.rhs);
            if !terms().any(|(r, _)| *r == row) {
                continue;
            }
            if inst.holds(value) != Some(true) {
                return false;
            }
            tied |= terms().any(|(r, _)| *r != row);
        }
    }
    tied
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

    /// A label wrapped over two rows of a text grid, its cells after its second line, as
    /// catdoc prints a Word table: the row named by both lines takes the cells. Before,
    /// （二）部分公开 was read as seven blank cells marked arithmetic (its first line a row
    /// of no cells) and its figures, under 其他情形）, were dropped.
    #[test]
    fn a_label_wrapped_onto_the_row_of_its_cells_names_that_row() {
        let t = extract(&doc(&[
            &["", "申请人情况"],
            &["一、本年新收政府信息公开申请数量", "30", "2", "0", "0", "0", "0", "32"],
            &["二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"],
            &["三、本年度办理结果", "（一）予以公开", "12", "1", "0", "0", "0", "1", "14"],
            &["（二）部分公开（区分处理的，只计这一情形，不计"],
            &["其他情形）", "4", "1", "0", "0", "0", "0", "5"],
            &["（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"],
        ]));
        let row = |key: &str| -> Vec<Option<f64>> {
            t.cells.iter().filter(|c| c.tbl == Table::Applications && c.row == key).map(|c| c.value).collect()
        };
        assert_eq!(
            row("partial"),
            [Some(4.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0), Some(0.0), Some(5.0)],
            "{:?}",
            t.notes
        );
        assert!(t.cells.iter().filter(|c| c.row == "partial").all(|c| c.placement == Placement::Exact));
        assert_eq!(row("granted")[6], Some(14.0));
        assert_eq!(row("deny_state_secret")[0], Some(0.0));
        // A second line that does not complete the label: the label's row printed no cell,
        // and is missing, not blank.
        let t = extract(&doc(&[
            &["", "申请人情况"],
            &["三、本年度办理结果", "（一）予以公开", "12", "1", "0", "0", "0", "1", "14"],
            &["（二）部分公开（区分处理的，只计这一情形，不计"],
            &["另一行", "4", "1", "0", "0", "0", "0", "5"],
        ]));
        assert!(t.cells.iter().all(|c| c.row != "partial"), "{:?}", t.cells);
        assert!(
            t.notes.iter().any(|n| n.contains("row partial: its label stands in a row of no cells")),
            "{:?}",
            t.notes
        );
    }

    /// Neighbouring cells run together by a converter (`3001 53`): each figure is read, in
    /// order, and `6 0` is never read as 60.
    #[test]
    fn cells_of_several_figures_give_each_figure() {
        let t = extract(&doc(&[
            &["", "申请人情况"],
            &["一、本年新收政府信息公开申请数量", "", "3001 53", "0 0", "61 4", "3119"],
            &["（一）予以公开", "6 0", "0 0", "1 0", "7"],
        ]));
        let row = |key: &str| -> Vec<Option<f64>> {
            t.cells.iter().filter(|c| c.tbl == Table::Applications && c.row == key).map(|c| c.value).collect()
        };
        assert_eq!(
            row("new_received"),
            [Some(3001.0), Some(53.0), Some(0.0), Some(0.0), Some(61.0), Some(4.0), Some(3119.0)]
        );
        assert_eq!(row("granted"), [Some(6.0), Some(0.0), Some(0.0), Some(0.0), Some(1.0), Some(0.0), Some(7.0)]);
        assert!(t.cells.iter().all(|c| c.value != Some(60.0)));
    }

    #[test]
    fn row_word_bits_name_their_words() {
        let bit = |w: &str| ROW_WORDS.present(w);
        assert_eq!(bit("第二十条第"), CAPTION_WORD);
        assert_eq!(bit("行政复议"), REVIEW_WORD);
        assert_eq!(bit("行政诉讼"), SUIT_WORD);
        assert_eq!(bit("结果维持"), UPHELD_WORD);
        assert_eq!(bit("信息内容"), CONTENT_WORD);
        assert_eq!(bit("本年新收"), RECEIVED_WORD);
        let header = APPLICATION_HEADER_WORDS.iter().fold(0, |m, w| m | bit(w));
        assert_eq!(header, APPLICATION_HEADER_BITS);
        assert_eq!(header.count_ones() as usize, APPLICATION_HEADER_WORDS.len());
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

    /// Org and reStructuredText tables written by pandoc print the lines of a header cell
    /// wrapped a character a line as rows, some of them all empty: such a row is not the
    /// figures when figures follow. A table 四 of empty cells alone stays blank.
    #[test]
    fn a_row_of_empty_cells_in_table_four_gives_way_to_the_figures_after_it() {
        let empty = [""; 15];
        let figures = ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"];
        let mut header = vec!["结"; 15];
        header[0] = "行政复议";
        header[5] = "行政诉讼";
        let t = extract(&doc(&[
            &header,
            &["结", "结", "其", "尚", "总"],
            &empty,
            &["果", "果", "他", "未", "计"],
            &empty,
            &figures,
        ]));
        assert_eq!(value(&t, Table::Appeals, "review", "upheld"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "review", "other"), Some(2.0));
        assert_eq!(value(&t, Table::Appeals, "suit_direct", "total"), Some(12.0));
        assert_eq!(t.cells.iter().filter(|c| c.tbl == Table::Appeals).count(), 15);
        assert!(t.notes.iter().any(|n| n.contains("row of empty cells")), "{:?}", t.notes);
        let t = extract(&doc(&[&header, &empty]));
        let appeals: Vec<_> = t.cells.iter().filter(|c| c.tbl == Table::Appeals).collect();
        assert_eq!(appeals.len(), 15);
        assert!(appeals.iter().all(|c| c.state == State::Blank));
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

    /// A row printed under the caption of a block it is not in (its own caption lost, or
    /// the rows out of order) is its own block's row, under its own block's columns: never
    /// a cell the template does not have (行政强制 with 本年收费金额).
    #[test]
    fn an_item_under_another_blocks_caption_keeps_its_own_columns() {
        let t = extract(&doc(&[
            &["第二十条第（六）项"],
            &["信息内容", "本年处理决定数量"],
            &["行政处罚", "1282"],
            &["第二十条第（八）项"],
            &["信息内容", "本年收费金额（单位：万元）"],
            &["行政强制", "42"],
            &["行政事业性收费", "24252.311082"],
        ]));
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(42.0));
        assert_eq!(value(&t, Table::Proactive, "fees", "amount"), Some(24252.311082));
        assert!(t.cells.iter().all(|c| crate::template::position(c.tbl, &c.row, c.col).is_some()), "{:?}", t.cells);
        // In 2019's form, 行政事业性收费 under （六）'s three columns: its block （八） has two
        // of them, so its three figures are not given the header's columns.
        let t = extract(&doc(&[
            &["第二十条第（六）项"],
            &["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            &["行政处罚", "10", "-1", "300"],
            &["行政事业性收费", "5", "0", "7"],
        ]));
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(300.0));
        assert!(!t.cells.iter().any(|c| c.row == "fees" && c.col == "decisions"), "{:?}", t.cells);
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

    /// A header that lost its first cell to the first item's label (信息内容行政许可, as
    /// a browser's PDF of a web page reads): the column's name beside a blank is no row.
    #[test]
    fn a_column_name_beside_blanks_is_no_added_row() {
        let t = extract(&doc(&[
            &["第二十条第（一）项"],
            &["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            &["规章", "0", "0", "0"],
            &["第二十条第（五）项"],
            &["本年处理决定数量", ""],
            &["信息内容行政许可", "2293"],
        ]));
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(2293.0));
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:")), "{:?}", t.cells);
    }

    /// A first block whose header named no column (its three names run into one cell,
    /// as a browser's PDF of a narrow table prints them) is read before any header told
    /// the version; the later blocks' headers tell 2021, and its rows take 2021's columns.
    #[test]
    fn a_block_without_its_header_takes_the_version_the_other_headers_tell() {
        let t = extract(&doc(&[
            &["第二十条第（一）项"],
            &["本年制发件数本年废止件数现行有效件数"],
            &["信息内容", "", "", ""],
            &["规章", "0", "0", "0"],
            &["行政规范性文件", "4", "1", "39"],
            &["第二十条第（五）项"],
            &["信息内容", "本年处理决定数量"],
            &["行政许可", "5"],
            &["第二十条第（六）项"],
            &["信息内容", "本年处理决定数量"],
            &["行政处罚", "7"],
        ]));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(39.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "repealed"), Some(1.0));
        assert_eq!(value(&t, Table::Proactive, "rules", "issued"), Some(0.0));
        assert!(t.cells.iter().all(|c| c.col != "total_published"), "{:?}", t.cells);
        assert_eq!(t.versions.proactive, Some(Version::V2021));
    }

    #[test]
    fn a_header_cut_by_a_page_break_is_completed_by_the_next_row() {
        // 上海's table 二 scanned: the header's cells end at the page's foot (本年新 …) and
        // go on at the top of the next page, in a table of their own.
        let mut d = doc(&[&["第二十条第（一）项"], &["信息内容", "本年新", "本年新", "对外公开总数量"]]);
        let Block::Table(next) =
            doc(&[&["", "制作数量", "公开数量", ""], &["规章", "13", "13", "524"]]).blocks.remove(0)
        else {
            unreachable!()
        };
        d.blocks.push(Block::Paragraph("- 2 -".into()));
        d.blocks.push(Block::Table(next));
        let t = extract(&d);
        assert_eq!(value(&t, Table::Proactive, "rules", "new_made"), Some(13.0));
        assert_eq!(value(&t, Table::Proactive, "rules", "new_published"), Some(13.0));
        assert_eq!(value(&t, Table::Proactive, "rules", "total_published"), Some(524.0));
    }

    /// Table 三 (2019) with every row printed, 1 in each applicant column of each result
    /// row (so each result row's total is 7), and the label of `damaged` replaced.
    fn applications_table(damaged: &str, label: &str, tweak: f64) -> Document {
        let block = &Table::Applications.def().blocks[0];
        let rows: Vec<&crate::template::RowDef> = block.rows_in(Version::V2019).collect();
        let results = rows.iter().filter(|r| r.family.is_result()).count() as f64;
        let mut table: Vec<Vec<String>> = vec![
            ["申请人情况"].iter().map(|s| s.to_string()).collect(),
            ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        ];
        for r in &rows {
            let each = match r.key {
                "new_received" | "results_total" => results,
                "carried_over" | "carry_forward" => 0.0,
                k if k == damaged => 1.0 + tweak,
                _ => 1.0,
            };
            let text = if r.key == damaged { label.to_string() } else { r.printed() };
            let mut row = vec![text];
            row.extend((0..6).map(|_| crate::checks::fmt(each)));
            row.push(crate::checks::fmt(6.0 * each));
            table.push(row);
        }
        let rows: Vec<Vec<Cell>> = table.iter().map(|r| r.iter().map(|t| Cell::own(t.as_str())).collect()).collect();
        Document { blocks: vec![Block::Table(crate::source::Table { rows })], ..Default::default() }
    }

    /// LibreOffice's print of a page (seed 501 synth-00013) laid table 三 out twice: once in
    /// a jumble, where the column name 总计 stood as a row label beside `13 246`, and once in
    /// order. The first reading of （七）总计 was kept: six cells blank and two wrong, marked
    /// exact. The reading whose figures add up to its 总计 is kept now, with a note; where
    /// neither adds up, the first, as before.
    #[test]
    fn of_a_row_read_twice_the_reading_that_adds_up_is_kept() {
        let mut doc = applications_table("", "", 0.0);
        let Block::Table(t) = &mut doc.blocks[0] else { unreachable!() };
        let at = t.rows.iter().position(|r| r[0].text.contains("（七）")).expect("a 总计 row");
        let jumbled: Vec<Cell> = ["总计", "", "", "", "", "", "13", "246"].iter().map(|c| Cell::own(*c)).collect();
        t.rows.insert(at, jumbled.clone());
        let read = extract(&doc);
        let total = |col: &str| value(&read, Table::Applications, "results_total", col);
        let results = applications_table("", "", 0.0);
        let want = value(&extract(&results), Table::Applications, "results_total", "natural_person");
        assert!(want.is_some());
        assert_eq!(total("natural_person"), want, "{:?}", read.notes);
        assert_eq!(total("total"), want.map(|w| w * 6.0), "{:?}", read.notes);
        assert!(read.notes.iter().any(|n| n.contains("the reading whose figures add up")), "{:?}", read.notes);

        // Neither adds up: the first is kept, as before.
        let mut doc = applications_table("", "", 0.0);
        let Block::Table(t) = &mut doc.blocks[0] else { unreachable!() };
        let at = t.rows.iter().position(|r| r[0].text.contains("（七）")).expect("a 总计 row");
        t.rows[at].last_mut().expect("cells").text = "999".into();
        t.rows.insert(at, jumbled);
        let read = extract(&doc);
        assert_eq!(value(&read, Table::Applications, "results_total", "total"), Some(246.0), "{:?}", read.notes);
    }

    /// wkhtmltopdf's print of seed 137 synth-00048: two of 3．其他's cells, `0` and `0`, set a
    /// line above the row, the grid a line of figures under no label (`∅ 0 ∅ 0 ∅ ∅ ∅`) over
    /// `3．其他 2 ∅ 0 ∅ 0 0 2`. Before, the line was not read and the row's two cells were
    /// blank, exact: wrong. The line's figures stand just where the row is empty, and with
    /// them the row adds up (2 = 2+0+0+0+0+0): they are the row's, with a note. A line that
    /// fills a cell the row has, or leaves the row not adding up, is not read, as before.
    #[test]
    fn figures_a_line_above_a_rows_empty_cells_are_its_own() {
        let header: &[&str] = &["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
        let mut fee_row = vec!["2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"];
        fee_row.extend(["0"; 7]);
        let read = |above: &[&str], own: &[&str]| {
            extract(&doc(&[
                &["申请人情况"],
                header,
                &["一、本年新收政府信息公开申请数量", "3", "0", "0", "0", "0", "0", "3"],
                &fee_row,
                above,
                own,
            ]))
        };
        let t = read(&["", "0", "", "0", "", "", ""], &["3．其他", "2", "", "0", "", "0", "0", "2"]);
        assert_eq!(value(&t, Table::Applications, "other_other", "commercial"), Some(0.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "other_other", "public_welfare"), Some(0.0), "{:?}", t.notes);
        assert!(
            t.notes.iter().any(|n| n.contains("row other_other: figures (∅ 0 ∅ 0 ∅ ∅ ∅) printed a line above")),
            "{:?}",
            t.notes
        );
        // The sum does not hold with them (a 1 above): not the row's.
        let t = read(&["", "1", "", "0", "", "", ""], &["3．其他", "2", "", "0", "", "0", "0", "2"]);
        assert_eq!(value(&t, Table::Applications, "other_other", "commercial"), None, "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("stand under no row label")), "{:?}", t.notes);
        // A figure where the row has one: not the row's.
        let t = read(&["0", "0", "", "0", "", "", ""], &["3．其他", "2", "", "0", "", "0", "0", "2"]);
        assert_eq!(value(&t, Table::Applications, "other_other", "natural_person"), Some(2.0), "{:?}", t.cells);
        assert_eq!(value(&t, Table::Applications, "other_other", "commercial"), None, "{:?}", t.cells);
    }

    /// A PDF's row printed at two heights (Chromium set `２１` and `２２` over two lines each in
    /// their narrow cells, and a full-width `０` lower than the row's other figures): the
    /// grid made it a row of ２, five empty cells and ２, then a row of figures with no
    /// label. Read as it stood, 予以公开's cells were 2, blank … 2, exact and wrong. Now they
    /// are missing, with a note; a row of figures without a label under a full row leaves
    /// that row as read, and is noted.
    #[test]
    fn a_row_at_two_heights_is_not_read_as_its_upper_half() {
        let header: &[&str] = &["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
        let t = extract(&doc(&[
            &["申请人情况"],
            header,
            &["一、本年新收政府信息公开申请数量", "56", "6", "0", "０", "2", "1", "65"],
            &["（一）予以公开", "２", "", "", "", "", "", "２"],
            &["１", "1", "0", "0", "0", "０", "２"],
            &["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "5", "0", "0", "0", "0", "0", "5"],
            &["4", "0", "0", "0", "0", "0", "4"],
        ]));
        assert!(t.cells.iter().all(|c| c.row != "granted"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("row granted") && n.contains("two heights")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "partial", "total"), Some(5.0), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("figures 4 0 0 0 0 0 4 stand under no row label")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "new_received", "total"), Some(65.0));
    }

    /// A group's cell whose rowspan runs a row too far (a row deleted under it, the merge
    /// left as it was): below, each row's own label stands left of the copied group label,
    /// and its figures on both sides of the copies. The row's own label names it, and its
    /// own cells are its figures.
    #[test]
    fn a_rowspan_one_row_too_long_leaves_the_rows_their_own_labels() {
        let cell = |t: &str, span: Span| Cell { text: t.into(), span, ocr: None };
        let own = |t: &str| cell(t, Span::Own);
        let up = |t: &str| cell(t, Span::RowCopy);
        let head = ["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
        let mut rows: Vec<Vec<Cell>> = vec![vec![own("申请人情况")], head.iter().map(|t| own(t)).collect()];
        // （四）无法提供 spans its three rows and, wrongly, the first of （五）; the rows below
        // it are pushed right by the copy.
        let mut r = vec![own("（四）无法提供"), own("1.本机关不掌握相关政府信息")];
        r.extend(["7", "0", "0", "0", "0", "0", "7"].map(own));
        rows.push(r);
        let mut r = vec![own("2.没有现成信息需要另行制作"), up("（四）无法提供")];
        r.extend(["0", "0", "0", "0", "0", "0", "0"].map(own));
        rows.push(r);
        let mut r = vec![own("3.补正后申请内容仍不明确"), own("5"), up("（四）无法提供")];
        r.extend(["0", "0", "0", "0", "0", "5"].map(own));
        rows.push(r);
        let mut r = vec![own("（五）不予处理"), own("1.信访举报投诉类申请"), up("（四）无法提供")];
        r.extend(["2", "0", "0", "0", "0", "0", "2"].map(own));
        rows.push(r);
        let t = extract(&Document { blocks: vec![Block::Table(crate::source::Table { rows })], ..Default::default() });
        assert_eq!(value(&t, Table::Applications, "unable_need_creation", "total"), Some(0.0));
        assert_eq!(value(&t, Table::Applications, "unable_unclear", "natural_person"), Some(5.0));
        assert_eq!(value(&t, Table::Applications, "unable_unclear", "total"), Some(5.0));
        assert_eq!(value(&t, Table::Applications, "noproc_petition", "natural_person"), Some(2.0));
        assert!(t.cells.iter().all(|c| c.placement == Placement::Exact), "{:?}", t.cells);
    }

    /// 2021's third （六） row printed as 3.其他处理 (the group's wording, numbered as its
    /// third row) is that row, not 2019's one （六） row.
    /// Table 三's header and 2021's first （六） row, then `rows`.
    /// Table 三 cut at the page's right edge after 法律服务机构: its rows' five figures are
    /// those five columns', and 其他 and 总计 are missing, with a note. Without the header's
    /// word, the sums could not tell which five of seven columns the figures are.
    #[test]
    fn a_header_cut_at_the_pages_edge_names_the_columns_read() {
        let header: &[&str] =
            &["（本列数据的勾稽关系）", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构"];
        let rows: &[&[&str]] = &[
            &["一、本年新收政府信息公开申请数量", "26", "", "1", "", ""],
            &["二、上年结转政府信息公开申请数量", "0", "", "", "", ""],
            &["（一）予以公开", "20", "", "1", "", ""],
        ];
        let mut all = vec![&["申请人情况"][..], header];
        all.extend_from_slice(rows);
        let t = extract(&doc(&all));
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(26.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "new_received", "research"), Some(1.0));
        assert_eq!(value(&t, Table::Applications, "granted", "natural_person"), Some(20.0));
        let blank = t.cells.iter().find(|c| c.row == "carried_over" && c.col == "commercial").map(|c| c.state);
        assert_eq!(blank, Some(State::Blank));
        assert!(t.cells.iter().all(|c| c.col != "total" && c.col != "other_org"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("names 5 of the template's 7 columns") && n.contains("其他、总计")));
        // The same rows under the legal persons' five names alone (the second row of a
        // two-row header, 自然人 and 总计 spanning both rows above): not read as theirs.
        let second: &[&str] = &["", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
        let mut all = vec![&["申请人情况"][..], second];
        all.extend_from_slice(rows);
        let t = extract(&doc(&all));
        assert_eq!(value(&t, Table::Applications, "new_received", "commercial"), None, "{:?}", t.cells);
        assert!(!t.notes.iter().any(|n| n.contains("its header names")), "{:?}", t.notes);
    }

    fn sixth_group_2021(rows: &[&[&str]]) -> Document {
        let mut all: Vec<&[&str]> = vec![
            &["申请人情况"],
            &["", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"],
            &[
                "（六）其他处理",
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
                "0",
            ],
        ];
        all.extend_from_slice(rows);
        doc(&all)
    }

    #[test]
    fn a_numbered_row_in_the_groups_words_is_the_groups_numbered_row() {
        let t = extract(&sixth_group_2021(&[
            &["（六）其他处理", "3.其他处理", "2", "0", "0", "0", "0", "0", "2"],
            &["（一）予以公开", "5", "0", "0", "0", "0", "0", "5"],
        ]));
        assert_eq!(value(&t, Table::Applications, "other_other", "total"), Some(2.0));
        assert!(!t.cells.iter().any(|c| c.row == "other"), "{:?}", t.cells);
        assert_eq!(value(&t, Table::Applications, "granted", "total"), Some(5.0));
    }

    /// 2019's one （六） row printed shorter, （六）其他: the group's own row, not 2021's
    /// 3.其他 (a cell the 2019 table does not have).
    #[test]
    fn the_sixth_group_named_alone_is_its_one_row() {
        let t = extract(&applications_table("other", "（六）其他", 0.0));
        assert_eq!(value(&t, Table::Applications, "other", "total"), Some(6.0));
        assert!(!t.cells.iter().any(|c| c.row == "other_other"), "{:?}", t.notes);
        assert_eq!(t.versions.applications, Some(Version::V2019));
        // Inside 2021's （六）, 其他 alone is still its third row.
        let t = extract(&sixth_group_2021(&[&["（六）其他处理", "其他", "2", "0", "0", "0", "0", "0", "2"]]));
        assert_eq!(value(&t, Table::Applications, "other_other", "total"), Some(2.0));
    }

    #[test]
    fn an_unreadable_row_label_is_the_row_missing_at_its_place_when_the_sums_confirm_it() {
        let t = extract(&applications_table("granted", "(“”)所以公必", 0.0));
        let cell = t.cells.iter().find(|c| c.row == "granted" && c.col == "total").expect("granted.total placed");
        assert_eq!(cell.value, Some(6.0));
        assert_eq!(cell.placement, Placement::Assumed);
        assert!(t.notes.iter().any(|n| n.contains("所以公必") && n.contains("granted")), "{:?}", t.notes);
        // Figures the sums do not allow for that row are left out, with a note.
        let t = extract(&applications_table("granted", "(“”)所以公必", 1.0));
        assert!(!t.cells.iter().any(|c| c.row == "granted"));
        assert!(t.notes.iter().any(|n| n.contains("所以公必") && n.contains("left out")), "{:?}", t.notes);
        // Read as printed, the same table needs no guess.
        let t = extract(&applications_table("granted", "（一）予以公开", 0.0));
        let cell = t.cells.iter().find(|c| c.row == "granted" && c.col == "total").expect("granted.total");
        assert_eq!(cell.placement, Placement::Exact);
    }
}
