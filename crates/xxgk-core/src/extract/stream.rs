//! The three tables read from the document as a stream of labels and values, whatever
//! its layout — the second way to read them, for documents whose tables did not arrive as
//! tables: text laid out by spaces (`pdftotext -layout`), a web page copied one cell per
//! line, rows separated by single spaces, plain lines such as `行政许可 97`, OCR output.
//!
//! Every block becomes lines of tokens: a paragraph is split at whitespace into label
//! runs and value runs (numbers, with a unit or not, and n.a. marks), each with its
//! character column; a table row gives one token per cell, with its grid column; an empty
//! line of a text file is an empty value (a lost table cell, in text copied one cell per
//! line) — except in a PDF's page text printed a cell per line, where empty lines only part
//! blocks and a row is read only when its figures are certain to be its own.
//!
//! The lines are then read in order, anchored on the template's labels
//! ([`super::labels`]): a caption 第二十条第（X）项 or a 信息内容 header opens a table 二
//! block, the applicant headers or 本年新收 open table 三, the 行政复议/行政诉讼 headers or
//! the section heading open table 四. A line whose label names a template row starts that
//! row; the values on the line, and on the value-only lines that follow, are its values
//! until the next label. A label wrapped over several lines is read whole (the words
//! before the values join the next line's). Table 四 is read as three rows when each
//! kind of case has its own label and five values, otherwise as one run of fifteen.
//!
//! Which value goes in which column is decided by [`super::place`]: exactly when a row
//! has one value per column, by alignment or by the template's arithmetic when it has
//! fewer, and not at all (the cells stay missing, with a note) when nothing decides.

use compact_str::CompactString;
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

use regex::Regex;

use super::cell::{classify, is_value_like, split_figures, state_and_value_like};
use super::labels::{self, group_heading};
use super::order;
use super::place::{self, Observed, Positions, RawRow, Slot};
use super::tables::{Tables, APPLICATION_HEADER_WORDS};
use crate::normalize::digits_and;
use crate::report::{KeyHasher, Placement, State, Versions};
use crate::source::ocr::CellOcr;
use crate::source::{Block, Document, Span};
use crate::template::{self, ColDef, Family, RowDef, Table, TableDef, Version};

/// One run of a line.
#[derive(Clone, Debug)]
struct Tok {
    raw: String,
    /// [`labels::key`] form of a label; empty for values.
    key: String,
    kind: Kind,
    x: Option<f32>,
    /// What OCR said of the table cell the token is (None for text).
    ocr: Option<CellOcr>,
}

impl Tok {
    /// The token as a value of a row (an empty cell's text is empty).
    fn observed(&self) -> Observed {
        let raw = if self.kind == Kind::Empty { CompactString::default() } else { self.raw.as_str().into() };
        Observed { raw, x: self.x, ocr: self.ocr.clone() }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Label,
    Value,
    /// An empty table cell, or an empty line of text.
    Empty,
}

/// A line of the document as tokens.
#[derive(Debug)]
struct Line {
    toks: Vec<Tok>,
    /// The page the line is on: the form feeds before it (0 in a text without any). A
    /// converter lays out each page's columns on their own (`pdftotext -layout`).
    page: u32,
}

impl Line {
    /// An empty line (of a text, or one made for it) on page `page`.
    fn empty(page: u32) -> Line {
        Line::on(page, vec![Tok { raw: String::new(), key: String::new(), kind: Kind::Empty, x: None, ocr: None }])
    }

    /// A line of `toks` on page `page`.
    fn on(page: u32, toks: Vec<Tok>) -> Line {
        Line { toks, page }
    }

    /// The label of the line: its label runs joined (in [`labels::key`] form).
    fn label(&self) -> String {
        self.toks.iter().filter(|t| t.kind == Kind::Label).map(|t| t.key.as_str()).collect()
    }

    /// The last label run alone (the most specific, after group labels).
    fn last_label(&self) -> Option<&str> {
        self.toks.iter().rev().find(|t| t.kind == Kind::Label).map(|t| t.key.as_str())
    }

    /// The values after the last label run (all runs when there is no label).
    fn values(&self) -> Vec<Observed> {
        let start = self.toks.iter().rposition(|t| t.kind == Kind::Label).map_or(0, |i| i + 1);
        self.toks[start..].iter().map(Tok::observed).collect()
    }

    fn has_label(&self) -> bool {
        self.toks.iter().any(|t| t.kind == Kind::Label)
    }

    /// A line of label runs, then figures, then one label run more (`行政 52 17 0 处罚`):
    /// the figures, the labels before them and the last run (in [`labels::key`] form).
    fn figures_before_last_piece(&self) -> Option<(Vec<Observed>, String, &Tok)> {
        let (last, rest) = self.toks.split_last()?;
        let first_value = rest.iter().position(|t| t.kind != Kind::Label)?;
        let (before, figures) = rest.split_at(first_value);
        let shape = last.kind == Kind::Label
            && !before.is_empty()
            && figures.iter().all(|t| t.kind == Kind::Value && !t.raw.is_empty());
        shape.then(|| {
            (figures.iter().map(Tok::observed).collect(), before.iter().map(|t| t.key.as_str()).collect(), last)
        })
    }
}

/// Add the values of a value-only line to the row above it. In laid-out text, a row whose
/// cells centre their figures at two heights (自然人 and 总计 a line below the others, beside
/// a label of two lines) prints some figures on the next line. Where both lines hold two
/// figures or more, each at its character column, and the new ones stand before or between
/// the row's own, clear of them, they go in by column, not after the row's last figure:
/// the row's sum is the same either way, so the template's arithmetic could not tell.
///
/// A line of one figure says nothing of columns in text that is not laid out (it starts
/// every line at its left edge): its figure goes after the row's. In laid-out text a
/// figure alone on its line (a `——` set a little lower by its font) stands under its
/// column: it goes in by column when it stands among the row's figures, clear of each, and
/// no further left of the first than twice the closest two are apart — where no line's
/// start could put it, since the row's label stands before its figures. The same holds the
/// other way round, a row line of one figure continued by a line of several.
///
/// Returns whether the new figures went in by column.
fn continue_values(row: &mut Vec<Observed>, more: Vec<Observed>) -> bool {
    if by_columns(row, &more) {
        row.extend(more);
        row.sort_by(|a, b| a.x.unwrap_or(0.0).total_cmp(&b.x.unwrap_or(0.0)));
        return true;
    }
    row.extend(more);
    false
}

/// Whether the figures `more`, on the line after the row's `have`, go in by their columns
/// (see [`continue_values`]).
fn by_columns(have: &[Observed], more: &[Observed]) -> bool {
    let columns = |v: &[Observed]| v.iter().map(|o| o.x).collect::<Option<Vec<f32>>>().filter(|x| !x.is_empty());
    let (Some(have), Some(new)) = (columns(have), columns(more)) else { return false };
    let clear = new.iter().all(|a| have.iter().all(|b| (a - b).abs() >= CLEAR));
    if !clear {
        return false;
    }
    let last = have.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    match (have.len(), new.len()) {
        (1, 1) => false,
        (_, 1) => among(new[0], &have),
        (1, _) => among(have[0], &new),
        // Figures at columns of their own on each line (a row printed a figure per line
        // has them all at one column, which says nothing of where they stand).
        _ => distinct(&have) && distinct(&new) && new.iter().any(|&a| a < last),
    }
}

/// Whether `more`, two or more figures on the line after a row's figures `have`, each
/// stand at a column `have` already fills, in laid-out text: they are a line of another
/// row (one printed at two heights, its label on the line after), not more of this one.
fn under_filled_columns(have: &[Observed], more: &[Observed]) -> bool {
    let columns = |v: &[Observed]| v.iter().filter(|o| !o.raw.is_empty()).map(|o| o.x).collect::<Option<Vec<f32>>>();
    let (Some(have), Some(new)) = (columns(have), columns(more)) else { return false };
    have.len() >= 2
        && new.len() >= 2
        && distinct(&have)
        && distinct(&new)
        && new.iter().all(|&a| a >= LINE_START && have.iter().any(|b| (a - b).abs() < CLEAR))
}

/// Whether each of these figures stands two spaces or more from the one before it, by
/// their character columns: text laid out by spaces, cells left empty between them (a
/// converter that does not lay out its text puts one space after each).
fn spaced_apart(values: &[&Observed]) -> bool {
    values.len() >= 2
        && values.windows(2).all(|w| {
            let half = |v: &Observed| v.raw.chars().count() as f32 / 2.0;
            match (w[0].x, w[1].x) {
                (Some(a), Some(b)) => b - a - half(w[0]) - half(w[1]) >= 2.0,
                _ => false,
            }
        })
}

/// Whether a figure at character column `x`, in a row at `seq`, stands in a column other
/// than the first by the two complete rows nearest it (`full`: each row's `seq` and its
/// figures' columns): one of them puts it within half a column's gap of another column's
/// figure, and neither within that of the first's (a converter may set a run of rows some
/// characters off the others, where the figure stands in no column). False with fewer
/// than two complete rows.
fn off_first_column(x: f32, seq: usize, full: &[(usize, Vec<f32>)]) -> bool {
    let mut near: Vec<&(usize, Vec<f32>)> = full.iter().collect();
    near.sort_by_key(|(s, _)| s.abs_diff(seq));
    if near.len() < 2 {
        return false;
    }
    // Per row: Some(true) in another column, Some(false) in the first, None in none.
    let column = |xs: &[f32]| {
        let half = xs.windows(2).map(|w| w[1] - w[0]).fold(f32::INFINITY, f32::min) / 2.0;
        let (&first, others) = xs.split_first()?;
        if half.is_nan() || half <= 0.0 {
            None
        } else if (x - first).abs() < half {
            Some(false)
        } else {
            others.iter().any(|c| (x - c).abs() < half).then_some(true)
        }
    };
    let said: Vec<Option<bool>> = near[..2].iter().map(|(_, xs)| column(xs)).collect();
    said.contains(&Some(true)) && !said.contains(&Some(false))
}

/// Whether the column names of a header's next line (`more`) go in among those of the
/// lines before (`have`) by their character columns rather than after them: in laid-out
/// text a header cell of two lines may print its name a line below its neighbours' and
/// left of them (`本年增/减` on the first line, `上一年项目数量` under and before it). Only
/// when every name stands at a column no line's start could put it (a header copied one
/// cell per line starts each at the left edge), clear of the others.
fn header_by_columns(have: &[(&ColDef, Option<f32>)], more: &[(&ColDef, Option<f32>)]) -> bool {
    let at = |v: &[(&ColDef, Option<f32>)]| v.iter().map(|c| c.1).collect::<Option<Vec<f32>>>();
    let (Some(have), Some(new)) = (at(have), at(more)) else { return false };
    !have.is_empty()
        && have.iter().chain(&new).all(|&x| x >= LINE_START)
        && new.iter().all(|a| have.iter().all(|b| (a - b).abs() >= CLEAR))
}

/// Whether `more` is one figure or more standing right of the row's figures `have` (two or
/// more), clear of them and of each other, at character columns no line's start could put
/// them: the row's next columns, in laid-out text (a 总计 beside the next words of a
/// wrapped label; a row's last two `——`, which a web page's font set a little lower than
/// its figures, beside the label's last characters: `权益` … `—— ——`).
fn after_columns(have: &[Observed], more: &[Observed]) -> bool {
    let at = |v: &[Observed]| v.iter().map(|o| o.x).collect::<Option<Vec<f32>>>();
    let (Some(have), Some(new)) = (at(have), at(more)) else { return false };
    let last = have.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    have.len() >= 2 && !new.is_empty() && distinct(&new) && new.iter().all(|&x| x >= LINE_START && x >= last + CLEAR)
}

/// A figure of digits alone, in either width (`１５`, `15`): a piece of a wrapped figure may
/// be one, a mark or a unit never is.
fn bare_digits(raw: &str) -> bool {
    digits_and(raw, &[])
}

/// How many of `values` printed something (an empty cell is a value that printed nothing).
fn figure_count(values: &[Observed]) -> usize {
    values.iter().filter(|v| !v.raw.is_empty()).count()
}

/// Whether figures at these character columns stand each at a column of its own.
fn distinct(xs: &[f32]) -> bool {
    let mut xs = xs.to_vec();
    xs.sort_by(f32::total_cmp);
    xs.windows(2).all(|w| w[1] - w[0] >= CLEAR)
}

/// Where a line's first run may stand in text that is not laid out (an indent).
pub(super) const LINE_START: f32 = 8.0;
/// How far apart two figures' middles must be to be in two columns.
const CLEAR: f32 = 2.0;

/// Whether a lone figure at `x` stands among the figures at `others` (two or more): before
/// the last, no further left of the first than twice the closest two are apart, and not at
/// a line's start (a row's label stands before its figures in laid-out text).
fn among(x: f32, others: &[f32]) -> bool {
    let mut others = others.to_vec();
    others.sort_by(f32::total_cmp);
    let gap = others.windows(2).map(|w| w[1] - w[0]).fold(f32::INFINITY, f32::min);
    let (first, last) = (others[0], others[others.len() - 1]);
    gap.is_finite() && gap > 0.0 && x >= LINE_START && x < last && x > first - 2.0 * gap
}

/// Page numbers and running marks that sit inside tables (-3-, 第3页, 3/12).
static PAGE_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—－]\s*\d+\s*[-—－]|第\d+页(?:共\d+页)?|\d+/\d+|- \d+ -)$").expect("valid regex")
});
/// A label that starts with its own numbering: （三） 三、 1. 1、 (1) ①.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\([一二三四五六七八九十]+\)?|[一二三四五六七八九十]+、|\d+[.、．]|\(\d+\)|[①-⑳])")
        .expect("valid regex")
});
/// An item number of the lowest level (`3.`, `2、`), starting a label run.
static ITEM_NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+[.、．]").expect("valid regex"));
/// Is `raw` an item number and nothing else (`3.`)?
fn is_item_number(raw: &str) -> bool {
    ITEM_NUMBER.find(raw).is_some_and(|m| m.end() == raw.len())
}

/// A section heading of the report body (一、总体情况 … 六、其他需要报告的事项) — not the
/// numbered rows of table 三 (一、本年新收 …, 四、结转下年度继续办理).
static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[一二三四五六七八]、.*(?:总体情况|概述|主动公开|收到和处理|依申请|行政复议|行政诉讼|存在|问题|改进|其他需要报告|其他事项)").expect("valid regex")
});

/// The names table 三's header prints besides [`APPLICATION_HEADER_WORDS`], which row
/// labels hold too (其他, 总计), or which a wrapped 申请人情况 leaves (`申请人情` / `况`).
const MORE_APPLICATION_HEADER_NAMES: [&str; 3] = ["其他", "总计", "申请人"];

/// Break a document into lines of tokens.
fn lines(doc: &Document) -> Vec<Line> {
    let mut out = Vec::new();
    let mut page = 0;
    for (i, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Paragraph(p) => {
                // A page break ends a line: pdfplumber joins its pages with a form feed
                // alone, the first line of a page on the last of the one before
                // (`4.无 0 0 0 0 0 0 0\f正当`: the label's next line on the next page).
                for (k, line) in p.lines().flat_map(|l| l.split('\x0c').enumerate()) {
                    page += u32::from(k > 0);
                    let toks = text_tokens(line);
                    if !toks.is_empty() {
                        out.push(Line::on(page, toks));
                        group_label_wu(&mut out);
                        wrapped_unit(&mut out);
                    }
                }
            }
            Block::Break => out.push(Line::empty(page)),
            // A page text's figures set between tabs (pdfminer prints `\t\t0\t` and an
            // empty line after each): the text's reader made them rows of one printed cell
            // each, parted by the empty lines it dropped. Each is a line of its figure and
            // the empty line after it, as printed — the tabs' empty cells are no cells.
            // Only when all of a row's figures are so printed, between two labels: pdfminer
            // prints a figure not set between tabs in a text box of its own, and may print
            // that box out of the columns' order (自然人's 454 after 法律服务机构's 16), an
            // order the row's sum cannot tell.
            Block::Table(t)
                if doc.page_breaks > 0
                    && t.rows.iter().all(|r| one_printed(r).is_some())
                    && !figure_beside(doc.blocks[..i].iter().rev())
                    && !figure_beside(doc.blocks[i + 1..].iter()) =>
            {
                for row in &t.rows {
                    let toks = one_printed(row).map(text_tokens).unwrap_or_default();
                    if !toks.is_empty() {
                        out.push(Line::on(page, toks));
                        out.push(Line::empty(page));
                    }
                }
            }
            Block::Table(t) => {
                for row in &t.rows {
                    // A page's number cut into cells (`- 3` | `-`) is no row: at most three
                    // cells print anything.
                    let printed: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
                    if (1..=3).contains(&printed.len()) && PAGE_MARK.is_match(&printed.join(" ")) {
                        continue;
                    }
                    let mut toks: Vec<Tok> = Vec::with_capacity(row.len());
                    for c in row.iter().filter(|c| c.span != Span::ColCopy) {
                        // A cell of several figures (two cells run together: `3001 53`) is
                        // a value for each.
                        if let Some(parts) = split_figures(&c.text) {
                            toks.extend(parts.into_iter().map(|p| Tok {
                                raw: p.to_string(),
                                key: String::new(),
                                kind: Kind::Value,
                                x: None,
                                ocr: c.ocr.clone(),
                            }));
                            continue;
                        }
                        let kind = if c.text.trim().is_empty() {
                            Kind::Empty
                        } else if is_value_like(&c.text) {
                            Kind::Value
                        } else {
                            Kind::Label
                        };
                        let key = if kind == Kind::Label { labels::key(&c.text) } else { String::new() };
                        // A grid's column says nothing of where a value stands once a cell
                        // is lost from its row: no position.
                        toks.push(Tok { raw: c.text.to_string(), key, kind, x: None, ocr: c.ocr.clone() });
                    }
                    if !toks.is_empty() {
                        out.push(Line::on(page, toks));
                    }
                }
            }
        }
    }
    if doc.page_breaks > 0 {
        drop_bare_page_numbers(&mut out);
    }
    join_cut_groups(&mut out);
    join_cut_decimals(&mut out);
    join_cut_item_numbers(&mut out);
    words_of_none_in_labels(&mut out);
    labels_a_character_a_line(&mut out);
    out
}

/// Drop the page numbers of a page text printed as a bare figure (Word's plain PAGE field
/// in the footer, `3`, as `pdftotext` prints it last on its page): a line of one figure of
/// one to three digits that ends its page (or, for a header, opens it), whose figures run
/// with the pages ([`crate::source::page_numbering`]: on two pages or more and two thirds
/// of them at least). A text printed a cell a line ends many a page with a figure: only a
/// run that holds on most pages is taken for their numbers. Left in, such a figure is a
/// value of the row the page break cut.
fn drop_bare_page_numbers(lines: &mut Vec<Line>) {
    let bare = |l: &Line| match l.toks.as_slice() {
        [t] if t.kind == Kind::Value && (1..=3).contains(&t.raw.trim().len()) => t.raw.trim().parse::<i64>().ok(),
        _ => None,
    };
    let printed = |l: &Line| l.toks.iter().any(|t| t.kind != Kind::Empty);
    // Each page's last and first printed line, when a bare figure: (line, figure − page).
    let mut last: Vec<(usize, i64)> = Vec::new();
    let mut first: Vec<(usize, i64)> = Vec::new();
    let mut pages = 0;
    let mut i = 0;
    while i < lines.len() {
        let page = lines[i].page;
        let end = lines[i..].iter().position(|l| l.page != page).map_or(lines.len(), |k| i + k);
        let mut on_page = (i..end).filter(|&k| printed(&lines[k]));
        let top = on_page.next();
        let foot = on_page.next_back().or(top);
        pages += usize::from(top.is_some());
        for (k, side) in [(foot, &mut last), (top, &mut first)] {
            if let Some((k, n)) = k.and_then(|k| bare(&lines[k]).map(|n| (k, n))) {
                side.push((k, n - i64::from(page)));
            }
        }
        i = end;
    }
    let mut drop = Vec::new();
    for side in [last, first] {
        if let Some(offset) = crate::source::page_numbering(side.iter().map(|&(_, o)| o), pages) {
            drop.extend(side.iter().filter(|&&(_, o)| o == offset).map(|&(k, _)| k));
        }
    }
    if drop.is_empty() {
        return;
    }
    let mut k = 0;
    lines.retain(|_| {
        k += 1;
        !drop.contains(&(k - 1))
    });
}

/// A row label printed a character a line right before its figures (PDFium's text of a
/// narrow label cell: `（` `七` `）` `总` `计`, then `1` `0` …): one label line. Read as it
/// stands, its lines were taken for a group label set beside the rows, which names none,
/// and the figures went to the label after them: （七）总计 read （六）其他处理's figures.
/// A run of three lines or more of one label character each (with the item number line
/// before it, `4.`), followed by a line opening with a figure, is joined; so is a run of
/// two or more followed by the label's last character on the figures' line (`理 13`).
fn labels_a_character_a_line(lines: &mut Vec<Line>) {
    let one_char = |l: &Line| matches!(l.toks.as_slice(), [t] if t.kind == Kind::Label && t.raw.chars().count() == 1);
    let item_number = |l: &Line| matches!(l.toks.as_slice(), [t] if is_item_number(&t.raw));
    let figures_next = |l: &Line| l.toks.first().is_some_and(|t| t.kind == Kind::Value);
    // The label's last character on the figures' line (`理 13`).
    let ends_on_figures_line = |l: &Line| {
        l.toks.len() >= 2
            && l.toks[0].kind == Kind::Label
            && l.toks[0].raw.chars().count() == 1
            && l.toks[1].kind == Kind::Value
    };
    let mut i = 0;
    while i < lines.len() {
        let run = lines[i..].iter().take_while(|l| one_char(l)).count();
        let onto_figures = run >= 2 && lines.get(i + run).is_some_and(ends_on_figures_line);
        let before_figures = run >= 3 && lines.get(i + run).is_some_and(figures_next);
        if !(onto_figures || before_figures) {
            i += run.max(1);
            continue;
        }
        let start = if i > 0 && item_number(&lines[i - 1]) { i - 1 } else { i };
        // The label's pieces, with its last character on the figures' line if it is there;
        // the line holding the last piece keeps the whole label.
        let end = if onto_figures { i + run + 1 } else { i + run };
        let raw: String = lines[start..end].iter().map(|l| l.toks[0].raw.as_str()).collect();
        lines.drain(start..end - 1);
        let t = &mut lines[start].toks[0];
        t.kind = Kind::Label;
        t.key = labels::key(&raw);
        t.raw = raw;
        i = start + 1;
    }
}

/// A row label printed a character or a few a line (PDFium's text of a narrow label
/// cell: `1.` `申` `请` `人` `无` `正` `当` …, or `4.` `无` `正当理` `由` …) holds 无, a mark of
/// none when a cell prints it alone. Between a line of one label (or item number) and a
/// line of one character of a label, or right after an item number alone (no cell
/// follows one) and before a label line or the row's figures, it is a character of the
/// label: read as a mark,
/// the row took it for its first cell (无 under 自然人, exact) and its seven figures lost
/// their places.
fn words_of_none_in_labels(lines: &mut [Line]) {
    let item_number = |l: &Line| matches!(l.toks.as_slice(), [t] if is_item_number(&t.raw));
    let label_alone = |l: &Line| matches!(l.toks.as_slice(), [t] if t.kind == Kind::Label) || item_number(l);
    let one_char_label =
        |l: &Line| matches!(l.toks.as_slice(), [t] if t.kind == Kind::Label && t.raw.chars().count() == 1);
    let label_line = |l: &Line| !l.toks.is_empty() && l.toks.iter().all(|t| t.kind == Kind::Label);
    // The row's figures right after its label's first characters (PDFium's text of a label
    // wrapped around its figures: `4.` `无` `2 0 0 1 1 0` `正当` `理由` …).
    let figures_line = |l: &Line| !l.toks.is_empty() && l.toks.iter().all(|t| t.kind == Kind::Value);
    for i in 1..lines.len().saturating_sub(1) {
        let none = matches!(lines[i].toks.as_slice(), [t] if t.kind == Kind::Value && t.raw == "无");
        let (before, after) = (&lines[i - 1], &lines[i + 1]);
        if none
            && (label_alone(before) && one_char_label(after)
                || item_number(before) && (label_line(after) || figures_line(after)))
        {
            let t = &mut lines[i].toks[0];
            t.kind = Kind::Label;
            t.key = labels::key(&t.raw);
        }
    }
}

/// A row label's item number cut from its label, a line each (`3` over `、危及“三安全一稳定”`,
/// or over `、` with the label a character per line), as PDFium's text of a narrow label
/// cell prints it. Read apart, the number was a figure, and a row took it for its own
/// (`4` over `、保护第三方合法权益`: 4 under a column of the row above). A line of one number
/// of one or two digits (no leading 0) followed by a line opening with 、 ． or `.` and
/// no digit after it (a `.` alone: no line of figures after it) is one label.
fn join_cut_item_numbers(lines: &mut Vec<Line>) {
    let number = |l: &Line| {
        matches!(l.toks.as_slice(), [t] if t.kind == Kind::Value
            && (1..=2).contains(&t.raw.len())
            && !t.raw.starts_with('0')
            && t.raw.bytes().all(|b| b.is_ascii_digit()))
    };
    // (A point before a digit, or alone before a line of figures, may be a decimal point:
    // `14` `.` `49`.)
    let rest_of_label = |l: &Line, next: Option<&Line>| {
        l.toks.first().is_some_and(|t| {
            let mut chars = t.raw.chars();
            let (first, second) = (chars.next(), chars.next());
            let figures_next = next.is_some_and(|n| n.toks.first().is_some_and(|t| t.kind == Kind::Value));
            t.kind == Kind::Label
                && match (first, second) {
                    (Some('.'), None) => !figures_next,
                    (Some('、' | '．' | '.'), second) => !second.is_some_and(|c| c.is_ascii_digit()),
                    _ => false,
                }
        })
    };
    let mut i = 0;
    while i + 1 < lines.len() {
        if number(&lines[i]) && rest_of_label(&lines[i + 1], lines.get(i + 2)) {
            let digits = lines.remove(i).toks.remove(0).raw;
            let label = &mut lines[i].toks[0];
            label.raw.insert_str(0, &digits);
            label.key = labels::key(&label.raw);
        }
        i += 1;
    }
}

/// A figure cut at its decimal point or at a thousands separator, a line each (`1139`
/// over `.9`: 1139.9; `6` over `,826`: 6,826), as a converter that writes a line per tag
/// prints a figure set in two runs. A line of a decimal point and digits alone, or of
/// comma-led groups of three digits, is no cell of any table: read apart, the figure's
/// first part was taken for the cell and the rest lost (1139 or 6 read, exact). Only a
/// line of one whole number followed by a line of one such tail joins, and a tail of
/// groups only after one to three digits that do not open with a 0.
fn join_cut_decimals(lines: &mut Vec<Line>) {
    let whole = |l: &Line| matches!(l.toks.as_slice(), [t] if t.kind == Kind::Value && !t.raw.is_empty() && t.raw.bytes().all(|b| b.is_ascii_digit()));
    let fraction = |t: &str| t.len() >= 2 && t.starts_with('.') && t[1..].bytes().all(|b| b.is_ascii_digit());
    // `,826`, `,826,000`, `,826.5`.
    let groups = |t: &str| {
        let (int, frac) = t.split_once('.').map_or((t, None), |(i, f)| (i, Some(f)));
        let mut parts = int.split(',');
        parts.next() == Some("")
            && int.len() >= 4
            && parts.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
            && frac.is_none_or(|f| fraction(&t[int.len()..]) && !f.is_empty())
    };
    let lead = |l: &Line| matches!(l.toks.as_slice(), [t] if t.raw.len() <= 3 && !t.raw.starts_with('0'));
    let tail = |head: &Line, l: &Line| match l.toks.as_slice() {
        [t] => fraction(&t.raw) || groups(&t.raw) && lead(head),
        _ => false,
    };
    let mut i = 0;
    while i + 1 < lines.len() {
        if whole(&lines[i]) && tail(&lines[i], &lines[i + 1]) {
            let tail = lines.remove(i + 1).toks.remove(0).raw;
            lines[i].toks[0].raw.push_str(&tail);
        }
        i += 1;
    }
}

/// A figure with thousands separators that its cell wrapped (`1,03` over `5`: 1,035),
/// as text not laid out prints it: its last group short of three digits, and the next
/// line opening with the digits that make it whole. Read apart, the
/// first was text and the second a figure astray. Only an exact completion joins: a group
/// of three digits after each comma. Where a line holds several such figures (a row's
/// 自然人 and 总计 both wrapped: `1,64 222 … 1,97` over `1 5`), the next line's figures
/// finish them in order, each exactly, or none does.
fn join_cut_groups(lines: &mut Vec<Line>) {
    fn short_group(t: &str) -> Option<usize> {
        let (head, last) = t.rsplit_once(',')?;
        let groups_ok = head.split(',').enumerate().all(|(i, g)| {
            !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()) && (if i == 0 { g.len() <= 3 } else { g.len() == 3 })
        });
        (groups_ok && !last.is_empty() && last.len() < 3 && last.bytes().all(|b| b.is_ascii_digit()))
            .then(|| 3 - last.len())
    }
    let completes = |t: &Tok, want: usize| {
        t.kind == Kind::Value && t.raw.len() == want && t.raw.bytes().all(|b| b.is_ascii_digit())
    };
    for i in 0..lines.len().saturating_sub(1) {
        let cuts: Vec<(usize, usize)> = (0..lines[i].toks.len())
            .filter(|&k| lines[i].toks[k].kind != Kind::Label)
            .filter_map(|k| short_group(&lines[i].toks[k].raw).map(|want| (k, want)))
            .collect();
        if cuts.is_empty() {
            continue;
        }
        let next = &lines[i + 1].toks;
        let ends: Vec<usize> = (0..next.len()).filter(|&k| next[k].kind == Kind::Value).collect();
        let pairs: Vec<(usize, usize)> = if cuts.len() > 1 {
            if ends.len() != cuts.len() || !cuts.iter().zip(&ends).all(|(&(_, want), &e)| completes(&next[e], want)) {
                continue;
            }
            cuts.iter().map(|&(k, _)| k).zip(ends).collect()
        } else {
            // One: the line's last figure, finished by the next line's first token; or, in
            // laid-out text, by the next line's one figure standing under it, beside words
            // that name no row (`1,10` over `本年  开  3`: a group label's piece and the
            // rest of 予以公开, beside 1,103's last digit).
            let (k, want) = cuts[0];
            if k + 1 != lines[i].toks.len() {
                continue;
            }
            if next.first().is_some_and(|t| completes(t, want)) {
                vec![(k, 0)]
            } else {
                let cut = &lines[i].toks[k];
                let under = |t: &Tok| {
                    let half = cut.raw.chars().count() as f32 / 2.0 + 1.0;
                    matches!((cut.x, t.x), (Some(a), Some(b)) if (a - b).abs() <= half)
                };
                let names_row =
                    |t: &Tok| Table::ALL.iter().any(|table| labels::match_row(table.def(), &t.key).is_some());
                match ends.as_slice() {
                    [e] if completes(&next[*e], want)
                        && under(&next[*e])
                        && next.iter().all(|t| t.kind == Kind::Value || !names_row(t)) =>
                    {
                        vec![(k, *e)]
                    }
                    _ => continue,
                }
            }
        };
        let (head, tail) = lines.split_at_mut(i + 1);
        for &(k, e) in &pairs {
            let cut = &mut head[i].toks[k];
            cut.raw.push_str(&tail[0].toks[e].raw);
            cut.kind = Kind::Value;
            cut.key.clear();
        }
        for &(_, e) in pairs.iter().rev() {
            tail[0].toks.remove(e);
        }
    }
    // A line that held only the figure's end is gone (an empty line would be an empty cell).
    lines.retain(|l| !l.toks.is_empty());
}

/// Is the first block (past empty lines) a paragraph of figures only?
fn figure_beside<'a>(mut blocks: impl Iterator<Item = &'a Block>) -> bool {
    blocks.find(|b| !matches!(b, Block::Break)).is_some_and(|b| match b {
        Block::Paragraph(p) => {
            let toks = text_tokens(p);
            !toks.is_empty() && toks.iter().all(|t| t.kind != Kind::Label)
        }
        _ => false,
    })
}

/// The text of a table row's one printed cell, when exactly one prints anything.
fn one_printed(row: &[crate::source::Cell]) -> Option<&str> {
    let mut printed = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty());
    let first = printed.next()?;
    printed.next().is_none().then_some(first)
}

/// A unit wrapped in a narrow cell (`11780.60 万`, then `元` on the next line: MuPDF's text
/// of table 二's 采购总金额): when the last line pushed is the unit's end alone, right
/// after a line ending in a figure and the unit's beginning, the two make one figure with
/// its unit, and the unit's end is no line. Left apart, the figure was a label and the
/// figure's cell was read from the empty line after it, blank.
fn wrapped_unit(out: &mut Vec<Line>) {
    let [.., above, last] = &out[..] else { return };
    let end = match &last.toks[..] {
        [t] if t.kind == Kind::Label && t.raw == "元" => "元",
        _ => return,
    };
    // The figure and the unit's beginning: one token (`11780.60万`), or two a space apart.
    let (at, joined) = match &above.toks[..] {
        [.., v, u] if v.kind == Kind::Value && u.kind == Kind::Label && matches!(u.raw.as_str(), "万" | "亿") => {
            (above.toks.len() - 2, format!("{}{}{end}", v.raw, u.raw))
        }
        [.., v] if v.kind != Kind::Empty && (v.raw.ends_with('万') || v.raw.ends_with('亿')) => {
            (above.toks.len() - 1, format!("{}{end}", v.raw))
        }
        _ => return,
    };
    if state_and_value_like(&joined).0 != State::Number {
        return;
    }
    out.pop();
    let above = out.last_mut().expect("the line above is there");
    above.toks.truncate(at + 1);
    let figure = &mut above.toks[at];
    figure.raw = joined;
    figure.kind = Kind::Value;
    figure.key.clear();
}

/// 无 of the group label （四）无法提供 printed a character a line (`）`, `无`, `法`) is a piece
/// of that label, not a cell saying "none": the line before the last one pushed, when it
/// is 无 alone between `）` (or `四`) and `法`, becomes a label piece.
fn group_label_wu(out: &mut [Line]) {
    let n = out.len();
    if n < 3 {
        return;
    }
    fn lone(l: &Line) -> Option<&Tok> {
        match l.toks.as_slice() {
            [t] => Some(t),
            _ => None,
        }
    }
    let piece = |l: &Line, ok: &dyn Fn(&str) -> bool| {
        lone(l).is_some_and(|t| t.kind == Kind::Label && is_group_piece(&t.key) && ok(&t.key))
    };
    let wu = lone(&out[n - 2]).is_some_and(|t| t.kind == Kind::Value && t.raw == "无");
    if wu && piece(&out[n - 3], &|k| k.ends_with([')', '四'])) && piece(&out[n - 1], &|k| k.starts_with('法')) {
        let t = &mut out[n - 2].toks[0];
        t.kind = Kind::Label;
        t.key = labels::key(&t.raw);
    }
}

/// The runs of a line of text: split at whitespace, each with the character column of its
/// middle; label runs separated by a single space are one label (行政 规范性文件).
fn text_tokens(line: &str) -> Vec<Tok> {
    let trimmed = line.trim();
    if trimmed.is_empty() || PAGE_MARK.is_match(trimmed) || is_rule(trimmed) {
        return Vec::new();
    }
    // A line of prose (long, with full stops) holds no table row: one label, not read
    // further (it still ends a wrapped label; it names no row).
    if trimmed.chars().count() > 80 && trimmed.contains('。') {
        return vec![Tok { raw: trimmed.to_string(), key: "。".to_string(), kind: Kind::Label, x: None, ocr: None }];
    }
    // Runs with their start column (in characters) and the gap before them.
    let mut runs: Vec<(usize, String, usize)> = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut gap = 0;
    let mut spaces = 0;
    for (col, ch) in line.chars().enumerate() {
        // A bar separates cells as a space does (rows such as `行政许可| 0| 0| 3`, html2text's
        // tables without outer bars).
        if ch.is_whitespace() || ch == '|' || ch == '｜' {
            if !current.is_empty() {
                runs.push((start, std::mem::take(&mut current), gap));
                spaces = 0;
            }
            spaces += if ch == '\u{3000}' { 2 } else { 1 };
        } else {
            if current.is_empty() {
                start = col;
                gap = spaces;
            }
            current.push(ch);
        }
    }
    if !current.is_empty() {
        runs.push((start, current, gap));
    }
    let mut toks: Vec<Tok> = Vec::new();
    for (start, run, gap) in runs {
        // A unit a space after its figure is the figure's (MuPDF prints `3298 元` where
        // the page has 3298元): read apart, the unit was a label that hid the figure.
        if matches!(run.as_str(), "元" | "万元" | "亿元" | "%" | "％") && gap == 1 {
            if let Some(last) = toks.last_mut().filter(|t| t.kind == Kind::Value) {
                let joined = format!("{}{run}", last.raw);
                if state_and_value_like(&joined).0 == State::Number {
                    last.raw = joined;
                    continue;
                }
            }
        }
        let width = run.chars().count();
        let x = Some(start as f32 + width as f32 / 2.0);
        // One normalisation tells both: the state is the one `classify` gives.
        let (state, value_like) = state_and_value_like(&run);
        let value =
            value_like && (!matches!(state, State::Text | State::Blank) || run.chars().any(|c| c.is_ascii_digit()));
        if !value {
            // Pieces of a group label printed a character or two per line down the left of
            // table 三 (三、本年度办理结果, （三）不予公开 …) stay runs of their own, so the
            // row label beside them is the line's last run.
            let group_pieces = toks.iter().all(|t| t.kind == Kind::Label && is_group_piece(&t.key));
            if let Some(last) = toks
                .last_mut()
                .filter(|t| t.kind == Kind::Label && gap <= 1 && !(group_pieces && is_group_piece(&t.key)))
            {
                last.raw.push(' ');
                last.raw.push_str(&run);
                last.key.push_str(&labels::key(&run));
                continue;
            }
        }
        let kind = if value { Kind::Value } else { Kind::Label };
        let key = if value { String::new() } else { labels::key(&run) };
        toks.push(Tok { raw: run, key, kind, x, ocr: None });
    }
    // Positions mean columns only in text laid out by spaces: where values are separated by
    // single spaces (rows of space-separated cells), where a value stands says nothing.
    let values: Vec<usize> = (0..toks.len()).filter(|&i| toks[i].kind == Kind::Value).collect();
    let apart = |w: &[usize]| {
        let (a, b) = (&toks[w[0]], &toks[w[1]]);
        match (a.x, b.x) {
            (Some(xa), Some(xb)) => xb - xa - (a.raw.chars().count() + b.raw.chars().count()) as f32 / 2.0 >= 2.0,
            _ => false,
        }
    };
    // A line of figures alone that sets any two of them apart is laid out too: two narrow
    // cells side by side may stand a single space apart (`454        12 556`).
    let figures_alone = toks.iter().all(|t| t.kind == Kind::Value);
    // So is a line whose label stands four spaces or more before its first value: a label
    // padded to its column. Its values may still stand a single space apart (two marks of
    // narrow cells side by side, `息` … `—— ——`, set a line lower than their row's figures).
    let label_apart = values.first().is_some_and(|&i| {
        i > 0 && toks[i - 1].kind == Kind::Label && {
            let (label, first) = (&toks[i - 1], &toks[i]);
            match (label.x, first.x) {
                (Some(a), Some(b)) => {
                    b - a - (label.raw.chars().count() + first.raw.chars().count()) as f32 / 2.0 >= 4.0
                }
                _ => false,
            }
        }
    });
    let laid_out = if label_apart {
        true
    } else if figures_alone {
        values.len() < 2 || values.windows(2).any(apart)
    } else {
        values.windows(2).all(apart)
    };
    // Cells separated by bars stand where their texts' lengths put them, not in columns.
    if !laid_out || line.contains(['|', '｜']) {
        for t in &mut toks {
            t.x = None;
        }
    }
    toks
}

/// A page text's row with more values than columns, empty ones before its first figure
/// and between its figures. A PDF prints nothing for an empty cell, and a converter's
/// empty lines stand where a text run ended (MuPDF prints a line of a space before a
/// fullwidth 总计: `∅ 1 ∅ ∅ ∅ ∅ ∅ １`), so which of them is the surplus cannot be told.
/// (Dropping the leading ones, as for the empty parts of merged label cells in a grid, read
/// the 1 under 自然人, exact, where the report printed it under 商业企业.)
fn surplus_unknown(values: &[Observed], columns: usize) -> bool {
    let lead = values.iter().take_while(|v| v.raw.is_empty()).count();
    let filled = values.iter().rposition(|v| !v.raw.is_empty()).map_or(0, |i| i + 1);
    values.len() > columns && lead > 0 && lead < filled && values[lead..filled].iter().any(|v| v.raw.is_empty())
}

/// A table 二 line of a row's label, its figures, then a text that names no row, and what
/// follows it (`政府集中采购  10  见附件`): the text is a cell of the row, after its figures.
/// Read as a label, it hid them (only the values after a line's last label are its
/// cells) and left the row named by the labels joined, with the cells after it alone: 10
/// and 见附件 read as two blanks, exact. A numbered text (a heading run into the line) is
/// no cell. Returns the row's cells, or None for any other line.
fn text_after_figures(def: &TableDef, line: &Line) -> Option<Vec<Observed>> {
    let labels: Vec<usize> = (0..line.toks.len()).filter(|&i| line.toks[i].kind == Kind::Label).collect();
    let (&last, _) = labels.split_last()?;
    let first_value = line.toks.iter().position(|t| t.kind != Kind::Label).filter(|&v| v < last)?;
    let (before, figures) = (&line.toks[..first_value], &line.toks[first_value..last]);
    let whole = |ts: &[Tok]| ts.iter().map(|t| t.key.as_str()).collect::<String>();
    let shape = !before.is_empty()
        && !figures.is_empty()
        && figures.iter().all(|t| t.kind == Kind::Value)
        && figures.iter().any(|t| !t.raw.is_empty());
    if !shape
        || labels::match_row(def, &whole(before)).is_none()
        || labels::match_row(def, &line.toks[last].key).is_some()
        || line.toks[last].key.contains('。')
        || crate::normalize::strip_numbering(&line.toks[last].key).len() < line.toks[last].key.len()
    {
        return None;
    }
    Some(line.toks[first_value..].iter().map(Tok::observed).collect())
}

/// Table 三's anchors with their empty cells taken out (empty lines found to be no cells),
/// and anchors left with nothing gone.
fn without_empty_cells(anchors: &mut Vec<Anchor>) {
    for a in anchors.iter_mut() {
        a.values.retain(|v| !v.is_empty());
    }
    anchors.retain(|a| !a.values.is_empty());
}

/// A table 三 line that starts with figures and ends with words, none before the figures
/// (`5 0 0 0 0 0 5 理 结 只计这一情形，`): a converter that orders a page's text by
/// height put a row's figures and the label pieces printed a little lower on one line.
/// Read whole, only the values after a line's last label are its cells, and the figures
/// were lost without a word. Returns the figures and the words as two lines, in that
/// order; None for any other line.
fn figures_then_words(line: &Line) -> Option<(Line, Line)> {
    let first_label = line.toks.iter().position(|t| t.kind == Kind::Label)?;
    let (figures, words) = line.toks.split_at(first_label);
    let shape = figures.iter().filter(|t| t.kind == Kind::Value && !t.raw.is_empty()).count() >= 2
        && figures.iter().all(|t| t.kind == Kind::Value)
        && words.iter().all(|t| t.kind == Kind::Label && !t.key.contains('。'));
    shape.then(|| (Line::on(line.page, figures.to_vec()), Line::on(line.page, words.to_vec())))
}

/// A table 三 row line ending in a piece of a group label printed down the table's left
/// (`4.保护第三方合法权益 6 0 0 0 0 0 6 （三）不`, or glued to the last figure: `… 0 8结`):
/// a converter that orders a page's text by height put the piece after the row it stands
/// beside. Read whole, only the values after a line's last label are its cells, and the
/// row's figures were lost without a word. Returns the row (with a figure the piece was
/// glued to) and the piece as two lines, in that order; None for any other line.
fn group_piece_after_figures(line: &Line) -> Option<(Line, Line)> {
    let first_value = line.toks.iter().position(|t| t.kind == Kind::Value)?;
    let piece_at = first_value + line.toks[first_value..].iter().position(|t| t.kind == Kind::Label)?;
    let (row, piece) = line.toks.split_at(piece_at);
    let figures = &row[first_value..];
    if first_value == 0
        || figures.iter().filter(|t| !t.raw.is_empty()).count() < 2
        || !figures.iter().all(|t| t.kind == Kind::Value)
        || !piece.iter().all(|t| t.kind == Kind::Label)
    {
        return None;
    }
    // A figure run into the piece (`8结`) is the row's last.
    let lead = &piece[0];
    let digits = &lead.raw[..lead.raw.len() - lead.raw.trim_start_matches(|c: char| c.is_ascii_digit()).len()];
    let key_of = |t: &Tok| if t.key.starts_with(digits) { t.key[digits.len()..].to_string() } else { t.key.clone() };
    let keys: Vec<String> = std::iter::once(key_of(lead)).chain(piece[1..].iter().map(|t| t.key.clone())).collect();
    let chars: usize = keys.iter().map(|k| k.chars().count()).sum();
    if !(1..=6).contains(&chars) || !keys.iter().all(|k| k.chars().all(|c| GROUP_CHARS.contains(c))) {
        return None;
    }
    let mut row = row.to_vec();
    let mut piece = piece.to_vec();
    if !digits.is_empty() {
        let width = lead.raw.chars().count() as f32;
        let n = digits.len() as f32;
        row.push(Tok {
            raw: digits.to_string(),
            key: String::new(),
            kind: Kind::Value,
            x: lead.x.map(|x| x - width / 2.0 + n / 2.0),
            ocr: None,
        });
        let rest = &mut piece[0];
        rest.raw = rest.raw[digits.len()..].to_string();
        rest.key = keys[0].clone();
        rest.x = rest.x.map(|x| x + n / 2.0);
    }
    Some((Line::on(line.page, row), Line::on(line.page, piece)))
}

/// A table 三 line whose label ends in digits, followed by six figures (`3.危及“三0  0  0
/// 0  0  0  0`, `（一）予以公开27  0  0  2  0  1  30`), on its line or, in text of a cell per
/// line, on the six lines after it: a converter ran the row's first figure into the label
/// before it. Read as it stands, the row was one figure short and its cells missing. The
/// digits are the row's first figure when, with them, the row's seven figures are whole
/// numbers whose last (总计) is the sum of the other six. Returns the line with the figure
/// apart, and a note saying so.
fn first_figure_glued_to_label(line: &Line, next: &[Line], cell_per_line: bool) -> Option<(Line, String)> {
    const COLUMNS: usize = 7;
    let last_label = line.toks.iter().rposition(|t| t.kind == Kind::Label)?;
    let (label, on_line) = (&line.toks[last_label], &line.toks[last_label + 1..]);
    let whole = |raw: &str| !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit());
    let figure = |t: &Tok| t.kind == Kind::Value && whole(&t.raw);
    let lone_figure = |l: &Line| matches!(l.toks.as_slice(), [t] if figure(t));
    let figures: Vec<&Tok> = if on_line.is_empty() && cell_per_line {
        // Exactly six lines of one figure each, then no seventh.
        let run = next.iter().take_while(|l| lone_figure(l)).count();
        if run + 1 != COLUMNS {
            return None;
        }
        next[..run].iter().map(|l| &l.toks[0]).collect()
    } else {
        on_line.iter().collect()
    };
    if figures.len() + 1 != COLUMNS || !figures.iter().all(|t| figure(t)) {
        return None;
    }
    let words = label.raw.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &label.raw[words.len()..];
    // The label itself ends in a character that is no digit or Latin letter (a figure
    // after `第2` or `A1` may be part of the label), and the digits are a figure as
    // printed (no leading 0).
    let before = words.chars().next_back()?;
    if !whole(digits) || before.is_ascii_alphanumeric() || (digits.len() > 1 && digits.starts_with('0')) {
        return None;
    }
    let key_words = label.key.strip_suffix(digits)?;
    let numbers: Vec<u64> = std::iter::once(digits)
        .chain(figures.iter().map(|t| t.raw.as_str()))
        .map(|d| d.parse().ok())
        .collect::<Option<_>>()?;
    let (total, parts) = numbers.split_last()?;
    if parts.iter().sum::<u64>() != *total {
        return None;
    }
    let width = label.raw.chars().count() as f32;
    let n = digits.len() as f32;
    let glued = Tok {
        raw: digits.to_string(),
        key: String::new(),
        kind: Kind::Value,
        x: label.x.map(|x| x + width / 2.0 - n / 2.0),
        ocr: None,
    };
    let label_tok = Tok {
        raw: words.trim_end().to_string(),
        key: key_words.to_string(),
        kind: Kind::Label,
        x: label.x.map(|x| x - n / 2.0),
        ocr: None,
    };
    let mut toks = line.toks[..last_label].to_vec();
    toks.push(label_tok);
    toks.push(glued);
    toks.extend(on_line.iter().cloned());
    let note = format!(
        "table 三: the figure {digits} ran into the label before it ({}) — read apart, as the row's 总计 confirms",
        label.raw
    );
    Some((Line::on(line.page, toks), note))
}

/// A rule of a table drawn in text, no cell: under a header row, with bars (`---|---`,
/// `|:--|--:|`), or above and below a table, runs of dashes separated by spaces
/// (`------  --------`, pandoc's simple tables). A lone `-` (or `--`) is a mark for "not
/// applicable", never a rule.
fn is_rule(line: &str) -> bool {
    line.contains("---")
        && line.bytes().all(|b| matches!(b, b'-' | b'|' | b':' | b' ' | b'='))
        && (line.contains('|') || line.split(' ').all(|run| run.is_empty() || run.len() >= 3))
}

/// The characters of table 三's group labels (三、本年度办理结果, （三）不予公开 …), in
/// [`labels::key`] form.
const GROUP_CHARS: &str = "三、本年度办理结果()不予公开四无法提供五处六其他";

/// A run of one or two characters that can only be a piece of table 三's group labels
/// printed down its left side (in [`labels::key`] form).
fn is_group_piece(key: &str) -> bool {
    let n = key.chars().count();
    (1..=2).contains(&n) && key.chars().all(|c| GROUP_CHARS.contains(c))
}

/// Where the reader is.
#[derive(Clone, Debug)]
enum Ctx {
    None,
    /// Table 二: the block (a caption or an item told it) and the columns its header named.
    Proactive {
        block: &'static str,
        cols: Option<Vec<&'static ColDef>>,
        in_header: bool,
    },
    Applications {
        family: Option<Family>,
    },
    Appeals,
}

/// A row being read: which row, the columns its header named (table 二), its values.
#[derive(Debug)]
struct Pending {
    table: Table,
    key: Cow<'static, str>,
    block: &'static str,
    cols: Option<Vec<&'static ColDef>>,
    values: Vec<Observed>,
    seq: usize,
    /// In laid-out text, the character column of the middle of the row's label on its
    /// figures' line (table 三; see [`RawRow::label_at`]), and where it ends.
    label_at: Option<f32>,
    label_end: Option<f32>,
}

impl Pending {
    /// Did anything print after its label (an empty cell of a grid or of text copied a cell
    /// per line is no figure)?
    fn printed(&self) -> bool {
        self.values.iter().any(|v| !v.raw.is_empty())
    }

    /// How many figures (or marks) the row printed: a page text's empty lines are no cells.
    fn figures(&self) -> usize {
        self.values.iter().filter(|v| !v.raw.is_empty()).count()
    }

    /// How many columns a table 二 row has: its header's, else its block's in `version`.
    fn width(&self, version: Option<Version>) -> Option<usize> {
        self.cols
            .as_ref()
            .map(Vec::len)
            .or_else(|| Some(Table::Proactive.def().block(self.block)?.columns_in(version?).count()))
    }
}

/// How many of a row's texts are a mark of none printed twice (`————`) whose half
/// (`——`) the table prints alone in a cell too: two cells' marks a converter glued into
/// one word (see [`place`]'s `unglue_marks`, which splits them).
fn glued_marks(values: &[Observed], anchors: &[Anchor]) -> usize {
    values
        .iter()
        .filter_map(|v| place::doubled_mark(&v.raw))
        .filter(|half| anchors.iter().flat_map(|a| &a.values).any(|v| v.raw.trim() == half))
        .count()
}

/// A line of table 三 values and the label text around it.
#[derive(Debug)]
struct Anchor {
    seq: usize,
    values: Vec<Observed>,
    /// The label on the values' own line (its last run).
    own: String,
    /// The label lines since the previous anchor, and the own label: `.0` their last runs
    /// only (leaving out a group label printed one character per line beside them), `.1`
    /// whole.
    lead: (String, String),
    /// The label lines since the previous anchor, one by one (without the own label).
    above_lines: Vec<(String, String)>,
    /// The label lines after it, up to the next anchor (as `lead`).
    trail: (String, String),
    /// The label nearest above its values (its own, or the last line before it).
    nearest: String,
    /// The group (（三）…（六）) it stands in.
    family: Option<Family>,
    /// How many lines its values came from (more than one: figures continued a line or a
    /// cell at a time).
    lines: usize,
    /// In text of a cell per line that is no page text, figures that came right under it
    /// once it had its seven, no label between: more figures than a row has cells under
    /// one label (a figure cut in two by a converter that writes a line per tag), so which
    /// are the row's cannot be told.
    beyond: Vec<String>,
    /// In text of a cell per line, an empty line came right after its seven cells.
    then_empty: bool,
    /// In laid-out text, the character column of the middle of the label on the values'
    /// own line (its last run).
    own_at: Option<f32>,
    /// In laid-out text, the character column where that label ends.
    own_end: Option<f32>,
}

/// The table 三 rows the labels told that took the figures the template's order gives the
/// row next to them in the template, whose label the text prints after their own, with
/// those rows: the converter printed rows
/// in another order than the template's, each label above its own figures (pdfminer
/// printed 2．没有现成信息 and its figures above 1．本机关不掌握 and its), and the order's
/// reading would give the two rows each other's figures, which no sum tells. (A label told
/// figures of a row whose label stands before it in a run of labels is the usual slip of
/// the label reading, not this.) Empty when there are none.
fn rows_moved(
    told: &[Pending],
    in_order: &[(&'static RowDef, &[Observed])],
    anchors: &[Anchor],
    after_last: &[(String, String)],
    memo: &LabelMemo,
) -> Vec<&'static str> {
    let printed = |values: &[Observed]| -> Vec<String> {
        values.iter().filter(|v| !v.raw.is_empty()).map(|v| v.raw.to_string()).collect()
    };
    // Where each row's label is first printed, by line.
    let lines = anchors
        .iter()
        .flat_map(|a| a.above_lines.iter().map(|l| l.1.as_str()).chain([a.own.as_str()]))
        .chain(after_last.iter().map(|l| l.1.as_str()));
    let mut first_at: Vec<(&'static str, usize)> = Vec::new();
    for (n, line) in lines.enumerate() {
        if let [row] = memo.rows_in(line)[..] {
            if !first_at.iter().any(|(k, _)| *k == row.key) {
                first_at.push((row.key, n));
            }
        }
    }
    let at = |key: &str| first_at.iter().find(|(k, _)| *k == key).map(|(_, n)| *n);
    let def = Table::Applications.def();
    let index = |key: &str| def.rows().position(|r| r.key == key);
    let mut moved: Vec<&'static str> = Vec::new();
    for p in told {
        let figures = printed(&p.values);
        let Some((own, _)) = in_order.iter().find(|(r, f)| r.key == p.key && printed(f) != figures) else {
            continue;
        };
        // The row next to it in the template whose figures in that reading these are.
        let other = in_order.iter().filter(|(q, f)| q.key != own.key && printed(f) == figures).find(|(q, _)| {
            let next_to = index(q.key).zip(index(own.key)).is_some_and(|(a, b)| a.abs_diff(b) == 1);
            next_to && at(q.key).zip(at(own.key)).is_some_and(|(q_at, p_at)| q_at > p_at)
        });
        if let Some((q, _)) = other {
            moved.extend([own.key, q.key]);
        }
    }
    moved.sort_unstable();
    moved.dedup();
    moved
}

/// The rows a label's two forms name (its last runs first, then the whole lines), each
/// row once; each text is searched once (`memo`).
fn rows_named(memo: &LabelMemo, last_runs: &str, whole: &str) -> Vec<&'static RowDef> {
    let mut found = memo.rows_in(last_runs);
    for r in memo.rows_in(whole) {
        if !found.iter().any(|f| f.key == r.key) {
            found.push(r);
        }
    }
    found
}

/// The rows of one table named in label texts ([`labels::rows_in`]), each text matched once
/// however often it is asked about: the label lines after one anchor are often the lines
/// before the next (its trail, its lead), a label's two forms are often the same, and the
/// checks before the rows are told ask about the same lines again.
struct LabelMemo {
    def: &'static TableDef,
    found: std::cell::RefCell<HashMap<String, Vec<&'static RowDef>, BuildHasherDefault<KeyHasher>>>,
}

impl LabelMemo {
    fn new(def: &'static TableDef) -> LabelMemo {
        LabelMemo { def, found: Default::default() }
    }

    /// [`labels::rows_in`] of the memo's table.
    fn rows_in(&self, text: &str) -> Vec<&'static RowDef> {
        if let Some(found) = self.found.borrow().get(text) {
            return found.clone();
        }
        let found = labels::rows_in(self.def, text);
        self.found.borrow_mut().insert(text.to_string(), found.clone());
        found
    }
}

/// Table 三 rows whose label a converter printed around their figures: its first lines
/// above them, naming no row, and its last after them (PDFium's text of a label cut by a
/// page break: `6．属于` / `四类过程`, the figures, then `性` / `信` / `息`). Read as figures
/// under no label, they took the next row's label, and every row after them the figures
/// of the row before (41 cells wrong, marked exact). The lines above and the fewest lines
/// after that together name a row the lines after do not name alone are the row's label,
/// and those lines are taken from above the next figures. Returns each label so joined
/// (its two parts), for a note.
fn labels_wrapped_around_values(
    anchors: &mut [Anchor],
    after_last: &[(String, String)],
    memo: &LabelMemo,
) -> Vec<String> {
    let names_row = |label: &(String, String)| !memo.rows_in(&label.0).is_empty() || !memo.rows_in(&label.1).is_empty();
    let mut joined_labels = Vec::new();
    for i in 0..anchors.len() {
        let a = &anchors[i];
        // A group's marker alone beside the figures (`（五）`, its group's name printed down
        // the left, a piece a line) is no label of the row: the lines above are (`3．要求提供
        // 公开出`, then `（五）` and the figures, then `版物`).
        let marker_beside =
            !a.own.is_empty() && crate::normalize::group_marker(&a.own).is_some() && a.own.chars().count() == 3;
        let lead = if marker_beside {
            match (a.lead.0.strip_suffix(a.own.as_str()), a.lead.1.strip_suffix(a.own.as_str())) {
                (Some(run), Some(whole)) => (run.to_string(), whole.to_string()),
                _ => continue,
            }
        } else {
            a.lead.clone()
        };
        if !a.own.is_empty() && !marker_beside || lead.1.is_empty() || names_row(&lead) || a.values.len() < 7 {
            continue;
        }
        let numbered_head = ITEM_NUMBER.is_match(&lead.0) || ITEM_NUMBER.is_match(&lead.1);
        // The label lines after the figures: their own trail, then the lines above the
        // next figures (or after the table's last).
        let mut after: Vec<(String, String)> = Vec::new();
        if !a.trail.1.is_empty() {
            after.push(a.trail.clone());
        }
        match anchors.get(i + 1) {
            Some(next) => after.extend(next.above_lines.iter().cloned()),
            None => after.extend(after_last.iter().cloned()),
        }
        let from_trail = usize::from(!a.trail.1.is_empty());
        // The fewest lines after the figures that, after the lines above them, name a row
        // which those lines alone do not — or, being the figures' own trail, may name one
        // alone, after lines above that start with an item number: the head of a label,
        // not the tail of the one before (`4、无正当理由大量`, the figures, `反复申请`,
        // which alone reads as 重复申请).
        let mut joined = lead.clone();
        let mut alone = (String::new(), String::new());
        let mut used = None;
        for (k, line) in after.iter().enumerate() {
            joined.0.push_str(&line.0);
            joined.1.push_str(&line.1);
            alone.0.push_str(&line.0);
            alone.1.push_str(&line.1);
            if names_row(&joined) {
                if !names_row(&alone) || numbered_head && k < from_trail {
                    used = Some(k + 1);
                }
                break;
            }
        }
        let Some(used) = used else { continue };
        let a = &mut anchors[i];
        a.nearest = joined.0.clone();
        joined_labels.push(format!("{} / {}", lead.1, &joined.1[lead.1.len()..]));
        if marker_beside {
            a.own.clear();
        }
        a.lead = joined;
        a.trail = (String::new(), String::new());
        if let Some(next) = anchors.get_mut(i + 1).filter(|_| used > from_trail) {
            // The lines taken from above the next figures are no longer theirs.
            let taken: Vec<(String, String)> = next.above_lines.drain(..used - from_trail).collect();
            let (runs, whole) = taken.iter().fold((0, 0), |(r, w), l| (r + l.0.len(), w + l.1.len()));
            next.lead = (next.lead.0[runs..].to_string(), next.lead.1[whole..].to_string());
        }
    }
    joined_labels
}

/// Lines after a row's figures that hold the end of its label and the next row's whole
/// label, run together, where the next row's figures,
/// printed a figure a line, have no label line above them (PDFium's text: `6．属于` /
/// `四类过`, the figures, `程性` / `信息7．属` / `于行政执法案卷`, then 7's figures). Read so,
/// the lines after named row 7 alone, so 6's label stayed cut, its figures went to row 7,
/// and every row after took the figures of the row before (32 cells wrong, marked exact).
/// The lines are split before an item number inside them when the part before it ends the
/// row's label (the lines above and it name a row, which it names alone only if it is that
/// same row: `4．无` / `正当理由大量反复申请`) and the part from it names a row, alone or with
/// the label lines after the next figures (a label wrapped around them: `4、保护第三方合法`,
/// its figures, `权益`, `不予公 5、属于三类内部事`, 5's figures, `开 务信息`): that part is the
/// next row's label. Returns the joined label for a note (see
/// [`labels_wrapped_around_values`], the same reading where the lines run on into no label).
fn split_trail_of_two_labels(anchors: &mut [Anchor], i: usize, memo: &LabelMemo) -> Option<String> {
    let names_row = |t: &str| !memo.rows_in(t).is_empty();
    let first_named = |t: &str| memo.rows_in(t).first().map(|r| r.key);
    let (a, next) = (anchors.get(i)?, anchors.get(i + 1)?);
    let trail = &a.trail.1;
    if trail.is_empty() || a.trail.0 != *trail || !next.lead.1.is_empty() || !next.above_lines.is_empty() {
        return None;
    }
    if !next.own.is_empty() || next.values.is_empty() {
        return None;
    }
    let at = item_numbers_inside(trail).find(|&p| {
        let (end, label) = trail.split_at(p);
        let whole = first_named(&format!("{}{end}", a.lead.1));
        item_numbers_inside(end).next().is_none()
            && (!names_row(end) || first_named(end) == whole)
            && (!names_row(&a.lead.1) || first_named(&a.lead.1) == whole)
            && whole.is_some()
            && names_row(&format!("{}{end}", a.lead.0))
            && (names_row(label) || names_row(&format!("{label}{}", next.trail.0)))
    })?;
    let (end, label) = (trail[..at].to_string(), trail[at..].to_string());
    let a = &mut anchors[i];
    let joined = format!("{} / {end}", a.lead.1);
    a.lead.0.push_str(&end);
    a.lead.1.push_str(&end);
    a.nearest = a.lead.0.clone();
    a.trail = (String::new(), String::new());
    let next = &mut anchors[i + 1];
    next.lead = (label.clone(), label.clone());
    next.above_lines = vec![(label.clone(), label.clone())];
    next.nearest = label;
    Some(joined)
}

/// A table 二 row of a block whose first columns are 上一年项目数量 and 本年增/减, its two
/// figures printed with no space between (`行政    14-2`: 14 and −2, a narrow layout's
/// columns side by side): the last run of the line, after its label, is digits, a minus and
/// digits, and no other figure follows the label. It can be no one cell (no cell of the
/// table is a range), and only 本年增/减 carries a sign; a decrease is never more than the
/// items there were (which leaves out `12-31` and a phone number's `0533-2134139`). Returns
/// the line with the run as two figures, and the run.
fn split_glued_change(block: &template::Block, line: &Line) -> Option<(Line, String)> {
    let (last, before) = line.toks.split_last()?;
    let (prev, delta) = last.raw.split_once('-').filter(|_| last.kind == Kind::Label)?;
    let counts_and_changes = matches!(block.columns, [a, b, ..] if a.key == "prev_items" && b.key == "delta_items");
    if !counts_and_changes
        || !before.iter().any(|t| t.kind == Kind::Label)
        || before.iter().any(|t| t.kind == Kind::Value)
    {
        return None;
    }
    let digits = |t: &str| !t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(prev) || !digits(delta) || prev.len() > 1 && prev.starts_with('0') || delta.starts_with('0') {
        return None;
    }
    let (p, d): (u64, u64) = (prev.parse().ok()?, delta.parse().ok()?);
    if d > p {
        return None;
    }
    let minus = format!("-{delta}");
    // Each figure's middle, from the run's (the run's start, then the two side by side).
    let start = last.x.map(|x| x - last.raw.chars().count() as f32 / 2.0);
    let figure = |raw: &str, from: usize| Tok {
        raw: raw.to_string(),
        key: String::new(),
        kind: Kind::Value,
        x: start.map(|s| s + from as f32 + raw.len() as f32 / 2.0),
        ocr: None,
    };
    let mut toks = before.to_vec();
    toks.push(figure(prev, 0));
    toks.push(figure(&minus, prev.len()));
    Some((Line { toks, page: line.page }, last.raw.clone()))
}

/// Where item numbers (`7.`, `7、`, `(三)`) start inside a label's normal form, after its
/// first character.
fn item_numbers_inside(t: &str) -> impl Iterator<Item = usize> + '_ {
    t.char_indices().skip(1).filter_map(move |(p, c)| {
        let rest = &t[p..];
        let before = t[..p].chars().next_back();
        let numbered = c.is_ascii_digit()
            && !before.is_some_and(|b| b.is_ascii_digit())
            && rest.trim_start_matches(|d: char| d.is_ascii_digit()).starts_with(['.', '、']);
        let group = crate::normalize::group_marker(rest).is_some();
        (numbered || group).then_some(p)
    })
}

/// Table 三 printed with each row's figures above its label: a converter that cuts a PDF's
/// table into lines puts a tall label cell's text (centred on its row) after the row's
/// figures. It shows as a full line of figures under no label at all, followed by label
/// lines, figures, label lines… and finally label lines that no figures follow (before a
/// row labelled on its own line, or at the table's end). Read the usual way, the first
/// figures stand under no label, every other row takes the figures of the row above it,
/// and the last label gets none — sums cannot tell, since each column only moves by a
/// row. Such a run is read the other way: every line of figures takes the label lines
/// after it. Nothing changes unless the run starts with a full row (seven cells, figures
/// among them) under no label that names a row, and ends with label lines that name one.
/// Returns how many lines of figures were read so.
fn labels_after_values(anchors: &mut [Anchor], after_last: &[(String, String)], memo: &LabelMemo) -> usize {
    let mut shifted = 0;
    let names_row = |label: &(String, String)| !memo.rows_in(&label.0).is_empty() || !memo.rows_in(&label.1).is_empty();
    // No label at all, or lines above that name no row (the table's header).
    let no_label = |a: &Anchor| a.own.is_empty() && (a.lead.1.is_empty() || !names_row(&a.lead));
    let mut i = 0;
    while i < anchors.len() {
        let figures = anchors[i].values.iter().filter(|v| !v.raw.trim().is_empty()).count();
        if !no_label(&anchors[i]) || figures == 0 || anchors[i].values.len() < 7 {
            i += 1;
            continue;
        }
        // The run: the following anchors labelled by the lines above them only.
        let mut j = i;
        while j + 1 < anchors.len() && anchors[j + 1].own.is_empty() && !anchors[j + 1].above_lines.is_empty() {
            j += 1;
        }
        // The label lines after the run's last figures: its own trail, then the lines above
        // the next anchor's own label, or those after the table's last figures.
        let mut last: Vec<(String, String)> = Vec::new();
        if !anchors[j].trail.1.is_empty() {
            last.push(anchors[j].trail.clone());
        }
        match anchors.get(j + 1) {
            Some(next) => last.extend(next.above_lines.iter().cloned()),
            None => last.extend(after_last.iter().cloned()),
        }
        let Some(last) = first_named(&last, &names_row) else {
            i = j + 1;
            continue;
        };
        for m in i..j {
            // The first lines after the figures that name a row are theirs; the lines after
            // those are rows that printed nothing (a converter drops their empty cells).
            let lead = first_named(&anchors[m + 1].above_lines, &names_row).unwrap_or_default();
            anchors[m].nearest = lead.0.clone();
            anchors[m].lead = lead;
            anchors[m + 1].lead = (String::new(), String::new());
        }
        anchors[j].trail = (String::new(), String::new());
        anchors[j].nearest = last.0.clone();
        anchors[j].lead = last;
        shifted += j + 1 - i;
        if let Some(next) = anchors.get_mut(j + 1) {
            // Its lead was the lines above it and then its own label: the label alone now.
            let above = std::mem::take(&mut next.above_lines);
            let (runs, whole) = above.iter().fold((0, 0), |(r, w), l| (r + l.0.len(), w + l.1.len()));
            next.lead = (next.lead.0[runs..].to_string(), next.lead.1[whole..].to_string());
        }
        i = j + 1;
    }
    shifted
}

/// The fewest first label lines that together name a row (a label wrapped over lines is
/// read whole), joined; `None` when all of them name none. A group's heading (（六）其他处理)
/// with lines after it is passed over: in the 2021 template it heads rows of its own, and in
/// the 2019 one, where it is a row, nothing follows it.
fn first_named(lines: &[(String, String)], names_row: &impl Fn(&(String, String)) -> bool) -> Option<(String, String)> {
    let mut joined = (String::new(), String::new());
    for (i, (run, whole)) in lines.iter().enumerate() {
        if joined.1.is_empty() && i + 1 < lines.len() && group_heading(run).is_some() {
            continue;
        }
        joined.0.push_str(run);
        joined.1.push_str(whole);
        if names_row(&joined) {
            return Some(joined);
        }
    }
    None
}

/// What table 四 printed: the row labels met, and values.
#[derive(Clone, Debug)]
enum AppealItem {
    Row(&'static str),
    Value(Observed),
}

/// Text whose every line is followed by an empty one (lynx prints each cell of a table
/// as a paragraph of its own): the first empty line after a line only separates, and is
/// dropped; the ones after it are empty cells. Elsewhere an empty line may be an empty
/// cell (text copied one cell per line), so nothing changes unless 19 in 20 lines of
/// figures (20 at least) are followed by one. Not for a PDF's page text (its page breaks
/// tell): there the lines of a table are not its cells in order, and closing their gaps
/// would join figures of different rows.
fn single_spaced(lines: Vec<Line>) -> Vec<Line> {
    if !double_spaced(&lines, 19, 20) && !double_spaced_throughout(&lines) {
        return lines;
    }
    let empty = |l: &Line| l.toks.iter().all(|t| t.kind == Kind::Empty);
    let mut out = Vec::with_capacity(lines.len());
    let mut after_filled = false;
    for l in lines {
        let e = empty(&l);
        if !(e && after_filled) {
            out.push(l);
        }
        after_filled = !e;
    }
    out
}

/// Table 三 (or 四) in text of a cell per line, its every figure (nine in ten of `few` lines
/// of one figure at least) between two empty lines: a converter that writes a line per piece of text
/// of a page whose cells pad their figures with spaces (`&nbsp; <span>7</span>&nbsp;`:
/// BeautifulSoup's `get_text("\n")`), and prints nothing for an empty cell. Its empty
/// lines are then no cells: taken for them, a row of three figures read as seven cells,
/// exact (`7 ∅ ∅ 2 ∅ ∅ 9`, where the page has 7 under 自然人 and 2 under 其他). In text
/// copied a cell per line, a row's last figure (its 总计) is followed by the next row's
/// label, not by an empty line.
fn figures_padded(lines: &[Line], few: usize) -> bool {
    let (empty, figure) = (empty_line, figure_line);
    // (A row's first figure may follow its label: [`single_spaced`] took the empty line
    // after the label for a separator.)
    let label = |l: &Line| !l.toks.is_empty() && l.toks.iter().all(|t| t.kind == Kind::Label);
    let figures = lines.iter().filter(|l| figure(l)).count();
    let flanked = lines.windows(3).filter(|w| (empty(&w[0]) || label(&w[0])) && figure(&w[1]) && empty(&w[2])).count();
    figures >= few && flanked * 10 >= figures * 9
}

/// Is `l` a line of one figure? (An item number cut from its label, `1.`, is none.)
fn figure_line(l: &Line) -> bool {
    matches!(l.toks.as_slice(), [t] if t.kind == Kind::Value && !t.raw.is_empty() && !is_item_number(&t.raw))
}

/// Is `l` an empty line (or one of empty cells only)?
fn empty_line(l: &Line) -> bool {
    l.toks.iter().all(|t| t.kind == Kind::Empty)
}

/// The lines of table 三 (from its caption to table 四's, or the end) or of table 四 (from
/// its caption to the end); none without the caption. (Table 二 is not asked for.)
fn table_lines(lines: &[Line], table: Table) -> &[Line] {
    &lines[table_range(lines, table)]
}

/// Where [`table_lines`] are in `lines`.
fn table_range(lines: &[Line], table: Table) -> std::ops::Range<usize> {
    // (What a heading cut after its first characters, `三、收` over `到和处理…`, still holds.)
    const APPLICATIONS: &str = "处理政府信息公开申请";
    const APPEALS: &str = "政府信息公开行政复议";
    // (A heading, not the report's opening sentence that names every section. Cut into
    // lines, `三、收` `到和处理` `政府信息公开申请情况`: the line ending with the words' first
    // characters, with up to two lines after it, none of them a sentence: `全年发生政府信息公开`
    // over `行政复议1件，行政诉讼1件。` is prose.)
    let short = |l: &Line| -> Option<String> {
        let key: String = l.toks.iter().filter(|t| t.kind == Kind::Label).map(|t| t.key.as_str()).collect();
        (!key.is_empty() && key.chars().count() <= 40 && !key.contains(['，', '。'])).then_some(key)
    };
    let caption = |i: usize, words: &str| {
        let keys = || lines[i].toks.iter().filter(|t| t.kind == Kind::Label).map(|t| t.key.as_str());
        let chars: usize = keys().map(|k| k.chars().count()).sum();
        if chars == 0 || chars > 40 {
            return false;
        }
        if keys().any(|k| k.contains(words)) {
            return true;
        }
        // Only a line ending with the words' first characters goes on into the next.
        let last = keys().next_back().unwrap_or_default();
        let ends_in_words = last.chars().next_back().is_some_and(|c| words.contains(c));
        if !ends_in_words || !words.char_indices().skip(1).any(|(at, _)| last.ends_with(&words[..at])) {
            return false;
        }
        let mut joined = String::new();
        for l in lines[i..].iter().take(3) {
            let Some(key) = short(l) else { break };
            joined.push_str(&key);
            if joined.contains(words) {
                return true;
            }
        }
        false
    };
    let at = |words: &str| (0..lines.len()).find(|&i| caption(i, words));
    match table {
        Table::Applications => {
            let Some(start) = at(APPLICATIONS) else { return 0..0 };
            let end = (start..lines.len()).find(|&i| caption(i, APPEALS)).unwrap_or(lines.len());
            start..end
        }
        Table::Appeals => at(APPEALS).map_or(0..0, |start| start..lines.len()),
        Table::Proactive => 0..0,
    }
}

/// Text of a cell per line whose cells pad their figures with a line of space before and
/// after (BeautifulSoup's `get_text("\n")` of `&nbsp; <span>7</span>&nbsp;`) and print an
/// empty cell as a line of space too (`&nbsp;`): nine in ten of table 三's figures (ten at
/// least) stand between two empty lines, and a row of empty cells prints seven empty lines
/// or more. The two lines around each such figure are its cell's padding, no cells: taken
/// for cells, they moved a row's figures right (`7 ∅ ∅ 2 ∅ ∅ 9` read 2 under 社会公益组织
/// where the page has it under 商业企业). They are dropped from table 三's lines and table
/// 四's; the empty lines left are the empty cells. Returns the lines, and how many figures
/// lost their padding. (A text whose empty cells print nothing is [`figures_padded`]'s.)
fn without_cell_padding(mut lines: Vec<Line>) -> (Vec<Line>, usize) {
    let (empty, figure) = (empty_line, figure_line);
    let label = |l: &Line| !l.toks.is_empty() && l.toks.iter().all(|t| t.kind == Kind::Label);
    let range = table_range(&lines, Table::Applications);
    let table = &lines[range.clone()];
    let figures = table.iter().filter(|l| figure(l)).count();
    let flanked = table.windows(3).filter(|w| empty(&w[0]) && figure(&w[1]) && empty(&w[2])).count();
    // Runs of seven empty lines or more between two labels: rows of empty cells, printed.
    let mut printed_empty_rows = 0;
    let mut run: Option<usize> = None;
    for l in table {
        if empty(l) {
            run = run.map(|n| n + 1);
        } else {
            if label(l) && run.is_some_and(|n| n >= 7) {
                printed_empty_rows += 1;
            }
            run = label(l).then_some(0);
        }
    }
    if figures < 10 || flanked * 10 < figures * 9 || printed_empty_rows == 0 {
        return (lines, 0);
    }
    // Table 三's lines and table 四's after them.
    let start = range.start;
    let mut pad = vec![false; lines.len()];
    let mut unpadded = 0;
    for i in start + 1..lines.len().saturating_sub(1) {
        if figure(&lines[i]) && empty(&lines[i - 1]) && empty(&lines[i + 1]) && !pad[i - 1] {
            pad[i - 1] = true;
            pad[i + 1] = true;
            unpadded += 1;
        }
    }
    let mut at = 0;
    lines.retain(|_| {
        at += 1;
        !pad[at - 1]
    });
    (lines, unpadded)
}

/// Is every line of figures alone (a few at least) followed by an empty one?
fn every_figure_line_spaced(lines: &[Line]) -> bool {
    let (filled, followed) = figure_lines_followed(lines);
    filled >= FEW_FIGURE_LINES && followed == filled
}

/// Is every line of figures alone followed by an empty one ([`every_figure_line_spaced`]),
/// and most lines too (3 in 4 of 40 at least, labels and prose)? A report of few figures
/// (its tables' cells mostly empty) has too few lines of figures for [`double_spaced`] to
/// tell; text copied a cell per line puts a cell's figure right after its row's label.
fn double_spaced_throughout(lines: &[Line]) -> bool {
    let empty = |l: &Line| l.toks.iter().all(|t| t.kind == Kind::Empty);
    let filled = lines.iter().filter(|l| !empty(l)).count();
    let followed = lines.windows(2).filter(|w| !empty(&w[0]) && empty(&w[1])).count();
    filled >= 40 && followed * 4 >= filled * 3 && every_figure_line_spaced(lines)
}

/// The lines that are not empty (a page text's empty lines part its blocks).
fn without_empty_lines(mut lines: Vec<Line>) -> Vec<Line> {
    lines.retain(|l| !l.toks.iter().all(|t| t.kind == Kind::Empty));
    lines
}

/// Are lines of figures (at least `part` in `whole`, of 20 at least) followed by an empty
/// line?
fn double_spaced(lines: &[Line], part: usize, whole: usize) -> bool {
    // Counted on the lines holding figures only: labels wrap, prose wraps, menus list.
    let (filled, followed) = figure_lines_followed(lines);
    filled >= 20 && followed * whole >= filled * part
}

/// How many lines hold figures alone, and how many of them an empty line follows.
fn figure_lines_followed(lines: &[Line]) -> (usize, usize) {
    let empty = |l: &Line| l.toks.iter().all(|t| t.kind == Kind::Empty);
    let figures = |l: &Line| !empty(l) && l.toks.iter().all(|t| t.kind == Kind::Value);
    let filled = lines.iter().filter(|l| figures(l)).count();
    let followed = lines.windows(2).filter(|w| figures(&w[0]) && empty(&w[1])).count();
    (filled, followed)
}

/// How many lines of one figure each, and none of more, say a text that is not a page
/// text was copied a cell per line.
const FEW_FIGURE_LINES: usize = 8;

/// Read the three tables from the document's lines.
pub fn extract(doc: &Document) -> Tables {
    let page_text = doc.page_breaks > 0;
    let (lines, unpadded) = if page_text { (lines(doc), 0) } else { without_cell_padding(single_spaced(lines(doc))) };
    // Four in five: the figures of a row's cells wrapped over lines stand together.
    let spaced_page_text = page_text && double_spaced(&lines, 4, 5);
    // Text copied one cell per line: nearly every line with values holds one.
    let with_values: Vec<usize> =
        lines.iter().map(|l| l.toks.iter().filter(|t| t.kind == Kind::Value).count()).filter(|&n| n > 0).collect();
    let single = with_values.iter().filter(|&&n| n == 1).count();
    // A report of few figures (a table of empty cells) has fewer such lines: then every
    // one of them, in no page text (whose lines of one figure are a column's), and not
    // each followed by an empty line (double spacing [`single_spaced`] did not undo).
    let cell_per_line = with_values.len() >= 20 && single * 10 >= with_values.len() * 9
        || !page_text
            && with_values.len() >= FEW_FIGURE_LINES
            && single == with_values.len()
            && !every_figure_line_spaced(&lines);
    // A PDF's page text printed a cell per line with empty lines between blocks (pdftotext
    // without `-layout` or `-raw`: an empty line after half the lines of figures at least;
    // MuPDF prints none) prints nothing for an empty cell: its empty lines part blocks of
    // text, and taken for cells they would give a row blanks where it printed figures
    // (`规章`, ``, `0`, ``, `0` read as blank, 0, blank).
    let page_cells = page_text && cell_per_line && double_spaced(&lines, 1, 2);
    let lines = if page_cells { without_empty_lines(lines) } else { lines };
    let padded =
        |table: Table, few: usize| cell_per_line && !page_text && figures_padded(table_lines(&lines, table), few);
    // Table 四 of a text whose table 三 is so: any number of figures, every one padded.
    let padded_applications = padded(Table::Applications, 10);
    let padding_note = (unpadded > 0).then(|| {
        format!("table 三: {unpadded} figure(s) of tables 三 and 四 stand each between two empty lines, and rows of empty cells print an empty line a cell (a converter's padding around figures): the two lines around each figure are no cells")
    });
    let padded_appeals = padded(Table::Appeals, if padded_applications { 1 } else { 10 });
    let mut r = Reader {
        cell_per_line,
        // Only a page text's lines are on pages of their own.
        pages: if page_text { lines.iter().map(|l| l.page).collect() } else { Vec::new() },
        page_text,
        spaced_page_text,
        page_cells,
        padded_applications,
        padded_appeals,
        ..Reader::default()
    };
    r.notes.extend(padding_note);
    for (seq, line) in lines.iter().enumerate() {
        let in_applications = matches!(r.ctx(), Ctx::Applications { .. });
        match in_applications.then(|| first_figure_glued_to_label(line, &lines[seq + 1..], cell_per_line)).flatten() {
            Some((unglued, note)) => {
                r.notes.push(note);
                r.line(&unglued, seq);
            }
            None => r.line(line, seq),
        }
    }
    r.finish()
}

#[derive(Default)]
struct Reader {
    ctx: Option<Ctx>,
    /// The page of each line, by its place in the lines read (a page text's; empty in any
    /// other).
    pages: Vec<u32>,
    pending: Option<Pending>,
    /// Label text since the last row got values (a wrapped label's first lines).
    loose: Vec<String>,
    /// After a table 二 row of the agency's own with figures: the label lines after it so
    /// far, all of them, when nothing else came (see [`Reader::finish_wrapped_extra_label`]);
    /// None once anything else came, or when the row being read is no such row.
    extra_tail: Option<Vec<String>>,
    /// Table 二: the label lines since the last line of figures, up to twelve, as printed
    /// without spaces (see [`Reader::row_of_pieces_before_figures`]).
    pieces: Vec<String>,
    /// The row [`Reader::row_of_pieces_before_figures`] started, by its line, while it is
    /// the one being read.
    from_pieces: Option<usize>,
    rows: Vec<Pending>,
    /// Table 三's value lines, waiting for the labels around them.
    anchors: Vec<Anchor>,
    /// Table 三's label lines since the last anchor: (last run, whole line).
    text_since: Vec<(String, String)>,
    /// Table 三, and table 四, in text of a cell per line whose empty lines pad its figures
    /// ([`figures_padded`]): no empty line in it is a cell.
    padded_applications: bool,
    padded_appeals: bool,
    /// Table 三, text of a cell per line: empty lines since the last line that was not.
    empty_run: usize,
    /// Table 三, text of a cell per line: how many times more than seven empty lines (a
    /// row's cells) stood between two lines of figures with no label line between them.
    /// In text copied a cell per line a row's label comes before its cells, so no row can
    /// hold such a run: the empty lines are a converter's layout (BeautifulSoup's text of
    /// a page whose cells nest paragraphs and spans: a line per tag), not cells, and none
    /// of them is read as one.
    layout_gaps: usize,
    /// Table 三, text of a cell per line: rows short of cells whose empty lines right
    /// after their figures came before the rest of their label (see
    /// [`Reader::applications_line`]), and were taken for no cells.
    empties_before_label_tail: usize,
    /// Text copied one cell per line: an empty line is an empty cell.
    cell_per_line: bool,
    /// A PDF's page text (it has page breaks): a table's labels and figures may come in
    /// another order than the table's rows (a converter reading it column by column).
    page_text: bool,
    /// A page text whose every line is followed by an empty one (pdftotext without
    /// `-layout`): its lines come in blocks, a numbered label's pieces among other cells'.
    spaced_page_text: bool,
    /// A page text printed a cell per line, its blocks parted by empty lines (pdftotext
    /// without `-layout` or `-raw`): no line is a row and an empty cell prints nothing, so a
    /// row is read only when its figures are certain to be its own (see [`one_per_column`]).
    page_cells: bool,
    appeals: Vec<AppealItem>,
    /// Table 四: the last line read when it was of two figures or more, each at its
    /// character column, by its line number and where its figures start in
    /// [`Reader::appeals`] (they run to its end), for a line of figures set lower in the
    /// same row ([`Reader::appeals_line`]).
    appeal_figures_line: Option<(usize, usize)>,
    /// Table 四: empty lines since its last label line, before its first value; frozen at
    /// the first value. In text of a cell per line they may be its first empty cells.
    appeal_blanks: usize,
    /// Table 四: a line naming its columns came after its first figure. In a page text the
    /// figures then come in no order the table tells (a converter reading its header and
    /// figures block by block).
    appeal_columns_amid_figures: bool,
    /// Table 四: a line naming its columns (and no row) was read in it.
    appeal_columns_read: bool,
    /// Table 四's header lines in laid-out text, before its first figure: the pieces of
    /// their names (wrapped in narrow cells: `结果` over `维持`), up to
    /// [`MOST_HEADER_PIECES`], for [`appeal_columns`]; and the page they are on.
    appeal_header_pieces: Vec<Piece>,
    appeal_header_page: Option<u32>,
    /// The page of table 四's first figure (a page text's).
    appeal_figures_page: Option<u32>,
    /// Table 三's header and labels as printed, while no figure or mark stood under them
    /// (up to [`MOST_BARE_LABEL_BYTES`]): what tells a table 三 printed without a figure,
    /// and its form ([`bare_applications`]).
    app_bare_labels: String,
    /// A figure or mark was read in table 三.
    app_figured: bool,
    /// Evidence of table 二's version.
    votes: Vec<Version>,
    app_version: Option<Version>,
    /// Table 三's header named 法人或其他组织 but none of the five kinds: three columns.
    short_applicants: bool,
    applicant_kinds: usize,
    /// The short lines read while [`Reader::short_applicants`] holds, one after another: a
    /// kind's name wrapped a few characters a line (`商业` over `企业`, in MuPDF's text of a
    /// narrow header) is told on them joined.
    header_fragments: String,
    /// Table 三's header in laid-out text: the character column of each column's name, by
    /// column (the last found for each).
    app_header_at: Vec<Option<f32>>,
    /// The page of the line that named them last (a page text's; see [`Line::page`]).
    app_header_page: Option<u32>,
    /// Names of table 三's header begun on a header line and wrapped in their narrow cells
    /// (`社会公益` over `组织`), for the line below to complete
    /// ([`Reader::header_names_completed`]).
    app_header_open: Vec<OpenName>,
    /// The pieces of names on table 三's header lines in laid-out text, from its first
    /// header line to its first line of figures: for names wrapped in narrow cells over
    /// several lines, whichever line each began on (`自然` over `人`, `社会` over `公益`
    /// over `组织`), told by their pieces standing one under the other
    /// ([`stacked_names`]).
    app_header_pieces: Vec<Piece>,
    /// Whether table 三's header is being read (pieces are gathered), and the last line
    /// whose pieces were.
    app_header_reading: bool,
    app_header_last_seq: Option<usize>,
    /// Table 二 figures that stood under no row label (a page-text converter may print an
    /// item's figure before its label), by block: not read, and they make a row of their
    /// block that got no figure of its own missing rather than blank.
    stray: Vec<(&'static str, String, usize)>,
    /// Table 二 rows (by `seq`) under which more figures came than their columns, outside
    /// a page text, with the figures beyond: their cells are missing.
    overfull: Vec<(usize, Vec<String>)>,
    /// Table 二 rows (by `seq`) whose line held figures between pieces of its label that no
    /// reading took (`政府集中采购 3 0 8.23万 元`: a figure run into its unit, read as text),
    /// with those figures: their cells are missing.
    figures_amid_label: Vec<(usize, Vec<String>)>,
    /// Table 三 rows given their figures in the template's order ([`order`]): their cells
    /// are assumed.
    in_order: Vec<&'static str>,
    /// Table 三 lines of figures continued on a line of figures alone that says nothing of
    /// its columns: (the first line's `seq`, how many figures it held).
    split_at: Vec<(usize, usize)>,
    /// The character column of each column the current table 二 header names (None where
    /// the text gives none), in the order of its `cols`.
    header_at: Vec<Option<f32>>,
    /// Table 二 blocks whose header ended with cells that no line completed into a column
    /// name: a row's figures there are not given the block's columns in the template's
    /// order when the header named fewer.
    headers_left_open: Vec<&'static str>,
    /// The current table 二 header's cells that name no column yet (a header cell wrapped
    /// over two lines, 本年新 above 制作数量), in printed order, with their character
    /// columns: the next header line's cells complete them.
    header_open: Vec<(String, Option<f32>)>,
    notes: Vec<String>,
}

impl Reader {
    fn ctx(&self) -> Ctx {
        self.ctx.clone().unwrap_or(Ctx::None)
    }

    fn close_pending(&mut self) {
        self.pieces.clear();
        if let Some(p) = self.pending.take() {
            if self.from_pieces.take() == Some(p.seq) && label_begins_a_row(&p) {
                // A label's first piece that no line completed (`行政`, then its figures,
                // and no `处罚` after them): which row the figures are cannot be told.
                self.stray
                    .extend(p.values.iter().filter(|v| !v.raw.is_empty()).map(|v| (p.block, v.raw.to_string(), p.seq)));
            } else {
                self.rows.push(p);
            }
        }
        self.resolve_anchors();
    }

    fn start(
        &mut self,
        table: Table,
        key: Cow<'static, str>,
        block: &'static str,
        cols: Option<Vec<&'static ColDef>>,
        values: Vec<Observed>,
        seq: usize,
    ) {
        self.close_pending();
        self.loose.clear();
        self.from_pieces = None;
        let extra = table == Table::Proactive && key.starts_with("extra:") && values.iter().any(|v| !v.raw.is_empty());
        self.extra_tail = extra.then(Vec::new);
        self.pending = Some(Pending { table, key, block, cols, values, seq, label_at: None, label_end: None });
    }

    /// A table 二 row of the agency's own whose label wrapped in its narrow cell below its
    /// figures (`其他 231 231 885`, then `主动` / `公开` / `文件`), at the caption or heading
    /// that ends its block: the label lines after it, when nothing else came between, are
    /// the rest of its label. Only short lines (a narrow cell's, up to four characters) that
    /// name no template row and start no numbered label; the row is renamed, with a note.
    fn finish_wrapped_extra_label(&mut self) {
        let Some(tail) = self.extra_tail.take().filter(|t| !t.is_empty()) else { return };
        let Some(p) = self.pending.as_mut().filter(|p| p.key.starts_with("extra:")) else { return };
        let def = Table::Proactive.def();
        let narrow = |t: &String| {
            (1..=4).contains(&t.chars().count()) && labels::match_row(def, t).is_none() && !NUMBERED.is_match(t)
        };
        if !tail.iter().all(narrow) {
            return;
        }
        let first = p.key.trim_start_matches("extra:").to_string();
        let name = format!("{first}{}", tail.concat());
        if name.chars().count() > 20 {
            return;
        }
        self.notes.push(format!(
            "table 二 row extra:{name}: its label's lines after its figures ({first} / {}) joined, up to the block's end",
            tail.join(" / ")
        ));
        p.key = Cow::Owned(format!("extra:{name}"));
    }

    fn line(&mut self, line: &Line, seq: usize) {
        if let Some((split, run)) = self.proactive_block().and_then(|b| split_glued_change(b, line)) {
            let n = split.toks.len();
            self.notes.push(format!(
                "table 二: `{run}` beside {} read as two figures, {} and {} (上一年项目数量 and 本年增/减 printed with no space between)",
                split.last_label().unwrap_or(""),
                split.toks[n - 2].raw,
                split.toks[n - 1].raw
            ));
            return self.line(&split, seq);
        }
        let label = line.label();
        let values = line.values();
        let has_values = !values.is_empty();
        // An empty line: an empty cell of the row being read (one cell per line).
        if !line.has_label() && line.toks.iter().all(|t| t.kind == Kind::Empty) {
            let applications = matches!(self.ctx(), Ctx::Applications { .. });
            let appeals = matches!(self.ctx(), Ctx::Appeals);
            if applications && self.padded_applications || appeals && self.padded_appeals {
                // Padding around figures, no cell (see [`figures_padded`]).
            } else if applications {
                self.applications_break(seq);
            } else if self.spaced_page_text {
                // Every line is followed by an empty one (pdftotext, pdfminer): the empty
                // lines part lines, and are no cells. (MuPDF prints an empty cell as a line
                // of one space, an empty line here, and no empty line between lines.)
            } else if let Some(p) = &mut self.pending {
                p.values.push(Observed::empty());
            } else if matches!(self.ctx(), Ctx::Appeals) {
                // (In laid-out text, after a line of figures at their columns, an empty
                // line parts lines: the figures' places tell the empty cells.)
                let laid_out = self.appeal_figures_line.is_some();
                let figured = self.appeals.iter().any(|i| matches!(i, AppealItem::Value(_)));
                if figured && !laid_out {
                    self.appeals.push(AppealItem::Value(Observed::empty()));
                } else if !figured {
                    self.appeal_blanks += 1;
                }
            }
            return;
        }
        if label.is_empty() {
            // Figures: no line below table 三's header ends its names any more.
            self.app_header_open.clear();
        }
        if matches!(self.ctx(), Ctx::Applications { .. }) || APPLICATION_HEADER_WORDS.iter().any(|w| label.contains(w))
        {
            if has_values {
                self.app_figured = true;
            } else if self.app_bare_labels.len() < MOST_BARE_LABEL_BYTES {
                self.app_bare_labels.push_str(&label);
            }
        }
        if self.app_header_reading {
            if has_values || !matches!(self.ctx(), Ctx::Applications { .. }) {
                self.app_header_reading = false;
            } else {
                self.header_pieces(line, seq);
            }
        }
        if !label.is_empty() && self.context_switch(line, &label, seq) {
            return;
        }
        // A label line alone goes on the label of a row of the agency's own just read;
        // anything else ends it.
        let goes_on = !has_values && !label.is_empty() && matches!(self.ctx(), Ctx::Proactive { .. });
        if let Some(tail) = &mut self.extra_tail {
            if goes_on {
                tail.push(label.clone());
            } else {
                self.extra_tail = None;
            }
        }
        match self.ctx() {
            Ctx::Appeals => self.appeals_line(line, &label, values, seq),
            Ctx::Proactive { .. } => self.proactive_line(line, &label, values, seq),
            Ctx::Applications { .. } => self.applications_line(line, &label, values, seq),
            Ctx::None => {
                // Table 二 items printed with no caption or header (`行政许可 97`): short
                // labels with values only, so that prose is never read as a row.
                if has_values && label.chars().count() <= 16 {
                    if let Some(row) = labels::match_row(Table::Proactive.def(), line.last_label().unwrap_or(&label)) {
                        let block = Table::Proactive.def().block_of(row.key).map_or("", |b| b.numeral);
                        self.ctx = Some(Ctx::Proactive { block, cols: None, in_header: false });
                        self.start(Table::Proactive, Cow::Borrowed(row.key), block, None, values, seq);
                    }
                }
            }
        }
    }

    /// Captions, headers and section headings that change the table being read. Returns
    /// whether the line was consumed.
    fn context_switch(&mut self, line: &Line, label: &str, seq: usize) -> bool {
        let has_values = line.toks.iter().any(|t| t.kind == Kind::Value);
        if let Some(numeral) = labels::caption_block(label) {
            self.finish_wrapped_extra_label();
            self.close_pending();
            let block = Table::Proactive.def().block(numeral).map_or("", |b| b.numeral);
            self.ctx = Some(Ctx::Proactive { block, cols: None, in_header: false });
            return true;
        }
        if has_values {
            return false;
        }
        // A table 二 header: 信息内容 as a cell (or run) of its own, or beside column names —
        // not inside a sentence (确保网上发布信息内容准确完整).
        let header_word = line
            .toks
            .iter()
            .any(|t| t.kind == Kind::Label && t.key.contains("信息内容") && t.key.chars().count() <= 10);
        if label.contains("信息内容") && (header_word || !header_cols(line).is_empty()) {
            self.finish_wrapped_extra_label();
            self.close_pending();
            let block = match self.ctx() {
                Ctx::Proactive { block, .. } => block,
                _ => "",
            };
            let (cols, at): (Vec<_>, Vec<_>) = self.header(line).into_iter().unzip();
            self.header_at = at;
            self.header_open = unnamed_header_cells(line);
            let in_header = true;
            self.ctx = Some(Ctx::Proactive { block, cols: (!cols.is_empty()).then_some(cols), in_header });
            return true;
        }
        // The header of table 二 continued one cell per line, or its wrapped cells
        // completed on the next line.
        if let Ctx::Proactive { block, cols, in_header: true } = self.ctx() {
            let completed = self.complete_header(line);
            let found = if completed.is_empty() { self.header(line) } else { completed };
            if !found.is_empty() && labels::match_row(Table::Proactive.def(), label).is_none() {
                let mut all: Vec<_> =
                    cols.unwrap_or_default().into_iter().zip(self.header_at.iter().copied()).collect();
                let by_column = header_by_columns(&all, &found);
                all.extend(found);
                if by_column {
                    all.sort_by(|a, b| a.1.unwrap_or(0.0).total_cmp(&b.1.unwrap_or(0.0)));
                } else if let Some(block) = self.proactive_block() {
                    // Without positions, the lines of a header say nothing of its columns'
                    // order (pdfplumber prints a cell set half a line higher first: 本年增/减,
                    // then 上一年项目数量 处理决定数量): the template's order is theirs.
                    all.sort_by_key(|(c, _)| block.columns.iter().position(|b| b.key == c.key).unwrap_or(usize::MAX));
                }
                let (all, at): (Vec<_>, Vec<_>) = all.into_iter().unzip();
                self.header_at = at;
                self.ctx = Some(Ctx::Proactive { block, cols: Some(all), in_header: true });
                return true;
            }
            // The upper half of the header's next cell, on a line of its own (pdftotext
            // `-raw` prints a wrapped header cell by cell: `本年新制` / `作数量` / `本年新公` /
            // `开数量`): open, for the line below to complete.
            if found.is_empty() && labels::match_row(Table::Proactive.def(), label).is_none() {
                // A piece that goes on the one open (`本年` / `废` / `止件数`) joins it.
                let open = match (self.header_open.as_slice(), unnamed_header_cells(line).as_slice()) {
                    ([], cells) => cells.to_vec(),
                    ([(above, x)], [(cell, _)]) => vec![(format!("{above}{cell}"), *x)],
                    _ => Vec::new(),
                };
                let named: Vec<&str> = cols.iter().flatten().map(|c| c.key).collect();
                let begins_a_column = |piece: &String| {
                    self.proactive_block().is_some_and(|b| {
                        b.columns.iter().filter(|c| !named.contains(&c.key)).any(|c| {
                            let label = labels::key(c.label);
                            label.len() > piece.len() && label.starts_with(piece.as_str())
                        })
                    })
                };
                if !open.is_empty() && open.iter().all(|(piece, _)| begins_a_column(piece)) {
                    self.header_open = open;
                    return true;
                }
            }
            // Header cells left that no line completed: the header names columns the
            // template does not have (or cut ones), and says so for its block.
            if !self.header_open.is_empty() {
                self.headers_left_open.push(block);
            }
            self.ctx = Some(Ctx::Proactive { block, cols, in_header: false });
        }
        // (Not a sentence naming the section: the opening paragraph names every section,
        // and prose may name both, `全年发生政府信息公开行政复议2件，行政诉讼0件`.)
        let appeals_heading = label.contains("行政复议")
            && (label.contains("行政诉讼") || label.contains("结果维持"))
            && label.chars().count() <= 40
            && !label.contains(['，', '。']);
        if appeals_heading || SECTION.is_match(label) && label.contains("行政复议") {
            if !matches!(self.ctx(), Ctx::Appeals) {
                self.close_pending();
                self.ctx = Some(Ctx::Appeals);
            }
            return true;
        }
        if SECTION.is_match(label) && !label.contains("行政复议") {
            // Another section of the report: tables 二 and 三 headings open their table.
            self.finish_wrapped_extra_label();
            self.close_pending();
            self.ctx = if label.contains("收到和处理") || label.contains("依申请") {
                Some(Ctx::Applications { family: None })
            } else if label.contains("主动公开") {
                Some(Ctx::Proactive { block: "", cols: None, in_header: false })
            } else {
                Some(Ctx::None)
            };
            return true;
        }
        if matches!(self.ctx(), Ctx::Applications { .. }) && self.header_names_completed(line) {
            return true;
        }
        let applicant_words = APPLICATION_HEADER_WORDS;
        // What a header cell too narrow for a kind's name prints on its first line (`商业企`
        // over `业`, `社会公益组` over `织`): a header line too, on a short line of table
        // 三's header, before its first row.
        let kind_starts = ["商业企", "科研机", "社会公益", "法律服务"];
        let wrapped_kind = matches!(self.ctx(), Ctx::Applications { .. })
            && self.anchors.is_empty()
            && label.chars().count() <= 8
            && kind_starts.iter().any(|w| label.contains(w));
        // While the header seems to name 法人或其他组织 without its kinds, a line naming one
        // (`人 商业企 科研机 社会公益 法律服务`, any length, once rows were seen) shows it does;
        // so do short lines that name one joined (a kind's name wrapped two characters a line).
        if self.short_applicants && matches!(self.ctx(), Ctx::Applications { .. }) {
            let kinds = |t: &str| kind_starts.iter().filter(|w| t.contains(**w)).count();
            if label.chars().count() <= 3 {
                self.header_fragments.push_str(label);
            }
            let found = kinds(label).max(kinds(&self.header_fragments));
            if found > 0 {
                self.applicant_kinds += found;
                self.short_applicants = false;
            }
        }
        // No row label holds these words; a header line may end with 总计.
        if wrapped_kind || applicant_words.iter().any(|w| label.contains(w)) {
            if !matches!(self.ctx(), Ctx::Applications { .. }) {
                self.close_pending();
                self.ctx = Some(Ctx::Applications { family: None });
                self.applicant_kinds = 0;
                self.short_applicants = false;
            }
            self.header_names_at(line, seq);
            self.applicant_kinds += kind_starts.iter().filter(|w| label.contains(**w)).count();
            if label.contains("法人或其他组织") && self.applicant_kinds == 0 {
                self.short_applicants = true;
                self.header_fragments.clear();
            } else if self.applicant_kinds > 0 {
                self.short_applicants = false;
            }
            return true;
        }
        if label.contains("本年新收") && !matches!(self.ctx(), Ctx::Applications { .. }) {
            self.close_pending();
            self.ctx = Some(Ctx::Applications { family: None });
        }
        let _ = seq;
        false
    }

    /// Table 三's column names on a header line of laid-out text, each with the character
    /// column of its middle: remembered for placing rows by ([`Reader::app_header`]). On a
    /// line of names set apart, names run together a single space apart (`商业企业 科研机构`,
    /// two narrow cells) are a name each; the start of a name wrapped in its cell
    /// (`社会公益`) is left open for the line below. (A line of names all a single space
    /// apart is not laid out: its places are no columns.)
    fn header_names_at(&mut self, line: &Line, seq: usize) {
        let keys: Vec<String> =
            Table::Applications.def().blocks[0].columns.iter().map(|c| labels::key(c.label)).collect();
        self.app_header_at.resize(keys.len(), None);
        self.app_header_open.clear();
        if !self.app_header_reading {
            self.app_header_pieces.clear();
            self.app_header_reading = true;
        }
        self.header_pieces(line, seq);
        let column_named = |key: &str| keys.iter().position(|k| k == key);
        let set_apart = line.toks.iter().filter(|t| t.kind == Kind::Label && t.x.is_some()).count() > 1;
        for tok in line.toks.iter().filter(|t| t.kind == Kind::Label) {
            let Some(x) = tok.x else { continue };
            if let Some(c) = column_named(&tok.key) {
                self.app_header_at[c] = Some(x);
                self.app_header_page = self.page_text.then_some(line.page);
                continue;
            }
            if !set_apart {
                continue;
            }
            for (run, start) in runs_of(tok, x) {
                let key = labels::key(run);
                let mid = start + run.chars().count() as f32 / 2.0;
                if let Some(c) = column_named(&key) {
                    self.app_header_at[c] = Some(mid);
                    self.app_header_page = self.page_text.then_some(line.page);
                } else if key.chars().count() >= 2 {
                    let begun = keys.iter().enumerate().find_map(|(column, label)| {
                        label.strip_prefix(key.as_str()).filter(|rest| !rest.is_empty()).map(|rest| (column, rest))
                    });
                    if let Some((column, rest)) = begun {
                        self.app_header_open.push(OpenName { column, start, mid, rest: rest.to_string() });
                    }
                }
            }
        }
    }

    /// A line right under table 三's header line that ends the names it left open (`组织`
    /// and `机构` under `社会公益` and `法律服务`), each piece starting where its open one
    /// does: those columns named, at the places of the open pieces. Every run of the line
    /// must end one; anything else closes them (false).
    fn header_names_completed(&mut self, line: &Line) -> bool {
        let open = std::mem::take(&mut self.app_header_open);
        if open.is_empty() || line.toks.iter().any(|t| t.kind != Kind::Label) {
            return false;
        }
        let mut ended = Vec::new();
        for tok in &line.toks {
            let Some(x) = tok.x else { return false };
            for (run, start) in runs_of(tok, x) {
                let key = labels::key(run);
                match open.iter().find(|o| (o.start - start).abs() <= 1.0 && o.rest == key) {
                    Some(o) => ended.push((o.column, o.mid)),
                    None => return false,
                }
            }
        }
        for &(c, mid) in &ended {
            self.app_header_at[c] = Some(mid);
        }
        !ended.is_empty()
    }

    /// Table 三's header as column positions, when it named every column (whether they
    /// stand left to right is [`place::place_with_header`]'s to check). Names wrapped over
    /// several lines ([`stacked_names`]) fill the places the header's lines left; the
    /// second part says whether any did (see [`place::Header::narrow`]).
    fn app_header(&self) -> (Option<Vec<f32>>, bool) {
        let mut at = self.app_header_at.clone();
        let mut stacked = false;
        if at.iter().any(Option::is_none) {
            for (column, mid) in stacked_names(&self.app_header_pieces) {
                if let Some(slot @ None) = at.get_mut(column) {
                    *slot = Some(mid);
                    stacked = true;
                }
            }
        }
        (at.into_iter().collect(), stacked)
    }

    /// Gather the pieces of a table 三 header line of laid-out text (once per line), up
    /// to [`MOST_HEADER_PIECES`].
    fn header_pieces(&mut self, line: &Line, seq: usize) {
        if self.app_header_last_seq == Some(seq) {
            return;
        }
        self.app_header_last_seq = Some(seq);
        gather_pieces(line, seq, &mut self.app_header_pieces);
    }

    /// The columns of a table 二 header line, its wording counted as version evidence.
    /// The table 二 columns a header line names. In a block known by its caption, a column
    /// of another block is left out: a page text may print a header cell of the block
    /// before among this one's (`现行有效件数` under 第二十条第（六）项).
    fn header(&mut self, line: &Line) -> Vec<(&'static ColDef, Option<f32>)> {
        let found = header_cols_at(line);
        self.votes.extend(found.iter().map(|(_, v, _)| *v).filter(|v| *v != Version::Both));
        let block = self.proactive_block();
        found
            .into_iter()
            .map(|(c, _, x)| (c, x))
            .filter(|(c, _)| block.is_none_or(|b| b.column(c.key).is_some()))
            .collect()
    }

    /// The block of table 二 being read, if one is.
    fn proactive_block(&self) -> Option<&'static template::Block> {
        match self.ctx() {
            Ctx::Proactive { block, .. } => Table::Proactive.def().block(block),
            _ => None,
        }
    }

    /// The table 二 columns a header line under a header completes: as many cells as the
    /// header left naming no column, each joined in printed order to the one above it
    /// (本年新 + 制作数量), every join naming a column of the block. The line may also hold
    /// the last pieces of columns already named (`上一年项 本年增/减 处理决定` over `目数量
    /// 数量`): then the one choice of its cells whose joins all name columns, the others
    /// each the end of a named column's label. Their character columns are those of the
    /// cells above, which stand in one line with the columns already named. Anything else
    /// completes nothing (empty).
    fn complete_header(&mut self, line: &Line) -> Vec<(&'static ColDef, Option<f32>)> {
        let below: Vec<String> = header_cells(line).map(|(cell, _)| labels::key(cell)).collect();
        let named: Vec<(&ColDef, Option<f32>)> = match self.ctx() {
            Ctx::Proactive { cols: Some(cols), .. } => cols.into_iter().zip(self.header_at.iter().copied()).collect(),
            _ => Vec::new(),
        };
        let open = self.header_open.len();
        if open == 0 || below.len() < open || below.len() > open + named.len() {
            return Vec::new();
        }
        let block = self.proactive_block();
        // The cells (by index) that complete the open ones, in order: each choice of `open`
        // of them whose every join names a column of the block.
        let joins = |chosen: &[usize]| -> Option<Vec<(&'static ColDef, Version, Option<f32>)>> {
            let mut found = Vec::new();
            for ((above, x), &i) in self.header_open.iter().zip(chosen) {
                match template::match_proactive_header(&format!("{above}{}", below[i])) {
                    Some((c, v)) if block.is_none_or(|b| b.column(c.key).is_some()) => found.push((c, v, *x)),
                    _ => return None,
                }
            }
            // A cell left over ends the label of a column already named (数量 of 处理决定数量).
            let ends_a_named = |cell: &String| {
                named.iter().any(|(c, _)| {
                    let label = labels::key(c.label);
                    label.len() > cell.len() && label.ends_with(cell.as_str())
                })
            };
            let left_over_ends_named =
                (0..below.len()).filter(|i| !chosen.contains(i)).all(|i| ends_a_named(&below[i]));
            left_over_ends_named.then_some(found)
        };
        let mut choices = Vec::new();
        for chosen in ordered_choices(below.len(), open) {
            if let Some(found) = joins(&chosen) {
                choices.push(found);
            }
        }
        if choices.len() != 1 {
            return Vec::new();
        }
        // The caller puts the columns in order by where they stand when their places tell
        // it (the completed ones clear of the named ones and of each other), else in the
        // template's order: a cell above may share its place with 信息内容, run into it.
        let found = choices.pop().unwrap_or_default();
        self.header_open.clear();
        self.votes.extend(found.iter().map(|(_, v, _)| *v).filter(|v| *v != Version::Both));
        found.into_iter().map(|(c, _, x)| (c, x)).collect()
    }

    /// A label line inside a table: the row it names, or a continuation of a wrapped label.
    fn row_of(&self, def: &template::TableDef, line: &Line, label: &str) -> Option<&'static RowDef> {
        let last = line.last_label().unwrap_or(label);
        labels::match_row(def, last).or_else(|| labels::match_row(def, label)).or_else(|| {
            let joined: String = self.loose.iter().map(String::as_str).chain([label]).collect();
            labels::match_row(def, &joined)
        })
    }

    /// Add values to the row being read, up to `limit` values. In laid-out text, values of a
    /// later line that stand left of the row's (`２６` a line below `行政强制 18 0`, under
    /// 上一年项目数量) go where they stand: when the row's own line laid out two values or
    /// more, and every value has its own character column, they are put in that order. (A
    /// line of one value says nothing of columns: pdfplumber's text has none.)
    fn add_values(&mut self, values: Vec<Observed>, limit: usize) -> bool {
        match &mut self.pending {
            Some(p) if p.values.iter().filter(|v| !v.raw.is_empty()).count() < limit => {
                let laid_out = p.values.len() >= 2 && p.values.iter().all(|v| v.x.is_some());
                p.values.extend(values);
                let xs: Option<Vec<f32>> = p.values.iter().map(|v| v.x).collect();
                if laid_out && xs.is_some_and(|xs| distinct(&xs)) {
                    p.values.sort_by(|a, b| a.x.partial_cmp(&b.x).unwrap_or(std::cmp::Ordering::Equal));
                }
                true
            }
            _ => false,
        }
    }

    fn label_line_without_row(&mut self, label: &str, has_values: bool) {
        if has_values {
            self.loose.clear();
            self.pieces.clear();
        } else if label.chars().count() <= 40 {
            self.pieces.push(label.split_whitespace().collect());
            if self.pieces.len() > 12 {
                self.pieces.remove(0);
            }
            self.loose.push(label.to_string());
            if self.loose.len() > 3 {
                self.loose.remove(0);
            }
        }
    }

    /// Table 三: lines with values are anchors; label lines around them say which row each
    /// is. The label of an anchor is its own text, else the label lines before it
    /// (`lead`), else those after it (`trail`: a label wrapped around its values) —
    /// decided when the table ends ([`Reader::resolve_anchors`]).
    fn applications_line(&mut self, line: &Line, label: &str, values: Vec<Observed>, seq: usize) {
        // More empty lines in a row than a row has cells, between figures with no label
        // between them: the text's empty lines are its layout (see [`Reader::layout_gaps`]).
        let figures_alone = label.is_empty() && !values.is_empty() && self.text_since.is_empty();
        if self.cell_per_line && figures_alone && self.empty_run > 7 {
            self.layout_gaps += 1;
        }
        self.empty_run = 0;
        if let Some((figures, words)) = figures_then_words(line).or_else(|| group_piece_after_figures(line)) {
            self.applications_line(&figures, &figures.label(), figures.values(), seq);
            self.applications_line(&words, &words.label(), Vec::new(), seq);
            return;
        }
        if !label.is_empty() {
            if let Some(f) = group_heading(label)
                .or_else(|| line.toks.iter().filter(|t| t.kind == Kind::Label).find_map(|t| group_heading(&t.key)))
            {
                self.ctx = Some(Ctx::Applications { family: Some(f) });
            }
        }
        let family = match self.ctx() {
            Ctx::Applications { family } => family,
            _ => None,
        };
        // Two numbered labels on one line (`2.申请人逾期… | 3. | 他`, the first wrapped
        // down beside the second's figures): the figures are the last one's, and the
        // label is read from it on. An item number standing alone before a label (`3.`)
        // reads as a figure.
        let toks = &line.toks;
        let numbered: Vec<usize> = (0..toks.len())
            .filter(|&i| match toks[i].kind {
                Kind::Label => ITEM_NUMBER.is_match(&toks[i].key),
                Kind::Value => is_item_number(&toks[i].raw) && toks.get(i + 1).is_some_and(|t| t.kind == Kind::Label),
                Kind::Empty => false,
            })
            .collect();
        let from_last_number: String;
        let label = match numbered.as_slice() {
            [_, .., last] if !values.is_empty() => {
                from_last_number = toks[*last..]
                    .iter()
                    .filter(|t| t.kind == Kind::Label || t.kind == Kind::Value && is_item_number(&t.raw))
                    .map(|t| if t.kind == Kind::Label { t.key.as_str() } else { t.raw.as_str() })
                    .collect();
                from_last_number.as_str()
            }
            _ => label,
        };
        // An item number alone on its line (`1.`, its label on the next): a numbered label
        // begins, no figure.
        if label.is_empty() {
            if let [v] = values.as_slice() {
                if is_item_number(&v.raw) {
                    self.text_since.push((v.raw.to_string(), v.raw.to_string()));
                    return;
                }
            }
        }
        let prose = label.contains('。') || label.chars().count() > 60;
        let last_run = line.last_label().unwrap_or(label).to_string();
        if values.is_empty() {
            if !label.is_empty() && !prose {
                // A label line that does not start a numbered label continues the label
                // above it: it belongs to the values before it while no numbered line has
                // come since.
                // An item number read as a figure before the label (`1. 属于`) numbers it too
                // (not in a page text printed in blocks, where the label's pieces and the
                // figures of other rows come mixed).
                let continues = self.text_since.is_empty()
                    && (numbered.is_empty() || self.spaced_page_text)
                    && !NUMBERED.is_match(&last_run);
                match self.anchors.last_mut() {
                    Some(last) if continues => {
                        // Text of a cell per line of a PDF (PyMuPDF's) that breaks a row's
                        // label around its figures puts an empty line between them and the
                        // label's rest (`6.属` / `于四` / `类过` / `4 1 1 1 7` / `` / `程性`):
                        // in a row short of cells (a text that prints nothing for an empty
                        // cell), that line is no cell. (Text of a grid's cells prints a
                        // row's label before its cells, never after them.)
                        let short = last.values.len() < 7 && figure_count(&last.values) > 0;
                        if self.cell_per_line && !self.page_text && short && last.trail.1.is_empty() {
                            let before = last.values.len();
                            while last.values.last().is_some_and(|v| v.raw.is_empty()) {
                                last.values.pop();
                            }
                            self.empties_before_label_tail += usize::from(last.values.len() < before);
                        }
                        last.trail.0.push_str(&last_run);
                        last.trail.1.push_str(label);
                    }
                    _ => self.text_since.push((last_run.clone(), label.to_string())),
                }
            }
            return;
        }
        // Words that name no row beside figures that fill gaps among the figures of the row
        // just above (laid-out text: the tail of that row's wrapped label, or a piece of a
        // group label printed down the left, beside a figure its font set a little lower
        // than the rest of its row): the figures are that row's, by column, and the words
        // are the label lines after it, as they would be without the figures.
        if !label.is_empty() && !prose && numbered.is_empty() && self.text_since.is_empty() {
            let def = Table::Applications.def();
            // (Words that name the row the figures above have their label from continue
            // it: `（四` / `）无 2.没有现成信息需要另` over the row's figures, then `法提 行制作`
            // and a `——` its font set lower, all of 无法提供's 2.没有现成信息需要另行制作.)
            let named = |text: &str| labels::match_row(def, text).map(|r| r.key);
            let names_row = |last: &Anchor| {
                let own_row = named(&last.lead.1);
                [named(&last_run), named(label)].into_iter().flatten().any(|row| own_row != Some(row))
            };
            if let Some(last) = self.anchors.last_mut() {
                let fits = by_columns(&last.values, &values) || after_columns(&last.values, &values);
                if figure_count(&last.values) + figure_count(&values) <= 7 && fits && !names_row(last) {
                    continue_values(&mut last.values, values);
                    last.lines += 1;
                    last.trail.0.push_str(&last_run);
                    last.trail.1.push_str(label);
                    return;
                }
            }
        }
        // Values with no label of their own right after an anchor's values: the same row
        // (a cell per line), up to its seven columns.
        // (Not after label lines that start the next numbered label inside them, `一稳定”4、保`
        // …: the figures are that row's.)
        let mut values = values;
        let next_label_begun = self.anchors.last().is_some_and(|a| item_numbers_inside(&a.trail.1).next().is_some());
        if label.is_empty() && self.text_since.is_empty() && !next_label_begun {
            values = self.figure_around_its_row(values, seq);
            if let Some(last) = self.anchors.last_mut() {
                let printed = figure_count(&last.values);
                if printed >= 7 && self.cell_per_line && !self.page_text {
                    last.beyond.extend(values.iter().filter(|v| !v.raw.is_empty()).map(|v| v.raw.to_string()));
                }
                if printed < 7 && !under_filled_columns(&last.values, &values) {
                    let at_columns = last.values.iter().any(|v| v.x.is_some());
                    // In laid-out text, a figure of the new line at a column the row's line
                    // already fills says nothing of where it goes either (MuPDF sets a cell
                    // a line lower at its neighbour's column: `2 3 - 0 0 5` over `0`, the 0
                    // 其他's, which read after the 5 had made the 总计 0).
                    let at_a_taken_column = at_columns
                        && values.iter().any(|v| {
                            // (A figure at a line's start stands in no column.)
                            v.x.is_some_and(|x| {
                                x >= LINE_START
                                    && last.values.iter().any(|h| h.x.is_some_and(|y| (x - y).abs() < CLEAR))
                            })
                        });
                    last.lines += 1;
                    let by_column = continue_values(&mut last.values, values);
                    // Figures on two lines and nothing to say which columns the second
                    // line's stand in: remembered, for the sums to tell (see
                    // [`Reader::order_split_rows`]).
                    // (Only after a line holding its label and figures, none at a column:
                    // figures alone under a label line are a row printed a cell or a few per
                    // line, in order; in text laid out by spaces the line's columns say
                    // where its figures stand, read by [`continue_values`].)
                    let own_line = !last.own.is_empty() && printed > 0 && (!at_columns || at_a_taken_column);
                    if !by_column && !self.cell_per_line && own_line && !self.split_at.iter().any(|s| s.0 == last.seq) {
                        self.split_at.push((last.seq, printed));
                    }
                    return;
                }
            }
        }
        // A label line with figures right after a line of figures under no label (which the
        // row above did not take: it was full): in laid-out text, one row whose cells centre
        // their figures at two heights (the figures a line above the label, a figure of a
        // two-line cell on the label's line). The two go together by column, when their
        // columns say so.
        if !label.is_empty() && self.text_since.is_empty() {
            if let Some(last) = self.anchors.last() {
                let unlabelled = last.own.is_empty() && last.lead.1.is_empty() && last.trail.1.is_empty();
                let fits = figure_count(&last.values) + figure_count(&values) <= 7;
                if unlabelled && fits && by_columns(&last.values, &values) {
                    let above = self.anchors.pop().map(|a| a.values).unwrap_or_default();
                    let below = std::mem::replace(&mut values, above);
                    continue_values(&mut values, below);
                    self.notes.push(format!(
                        "table 三: the figures of {last_run} printed on the line above its label, read with it by their columns"
                    ));
                }
            }
        }
        self.new_anchor(
            if label.is_empty() { String::new() } else { last_run },
            label.to_string(),
            values,
            seq,
            family,
        );
        if let Some(a) = self.anchors.last_mut() {
            let own = line.toks.iter().rev().find(|t| t.kind == Kind::Label);
            a.own_at = own.and_then(|t| t.x);
            a.own_end =
                own.and_then(|t| runs_of(t, t.x?).last().map(|(run, start)| start + run.chars().count() as f32));
        }
    }

    /// A figure printed over two lines around its row's line: in laid-out text, a figure
    /// too wide for its narrow cell wraps, and the cell centres its two lines on a row of
    /// one line (`３` a line above 一、本年新收…'s line, `２` a line below: 32). `below`, a
    /// line of one figure right under the last anchor's line, and the anchor right above
    /// that line, of one figure alone under no label, at the same column where the row has
    /// none: the two are one figure, top line first, and the upper anchor goes. (A row
    /// printed at two heights prints each column's figure on one line only.)
    ///
    /// Returns the values to go on with: the one joined figure (a note says so), or
    /// `below` unchanged when the lines are not such. A row that does not add up with it
    /// is for the checks to show, as any other.
    fn figure_around_its_row(&mut self, below: Vec<Observed>, seq: usize) -> Vec<Observed> {
        let n = self.anchors.len();
        let [lower] = below.as_slice() else { return below };
        let (Some(x), true) = (lower.x, n >= 2) else { return below };
        let (upper, row) = (&self.anchors[n - 2], &self.anchors[n - 1]);
        // Under no label: none beside or after it, and the lines above it (the header, for
        // a table's first row) name no row.
        let def = Table::Applications.def();
        let unlabelled = upper.own.is_empty()
            && upper.trail.1.is_empty()
            && (upper.lead.1.is_empty() || labels::match_row(def, &upper.lead.1).is_none());
        let fits = unlabelled
            && upper.seq + 1 == row.seq
            && row.seq + 1 == seq
            && row.lines == 1
            && bare_digits(&lower.raw)
            && matches!(upper.values.as_slice(), [u] if bare_digits(&u.raw) && u.x.is_some_and(|ux| (ux - x).abs() < CLEAR))
            && row.values.iter().all(|v| v.x.is_some_and(|vx| (vx - x).abs() >= CLEAR));
        if !fits {
            return below;
        }
        let joined = Observed {
            raw: compact_str::format_compact!("{}{}", upper.values[0].raw, lower.raw),
            x: Some(x),
            ocr: None,
        };
        self.notes.push(format!(
            "table 三: {}: `{}` above its line and `{}` below read as one figure printed over two lines, {}",
            if row.own.is_empty() { &row.nearest } else { &row.own },
            upper.values[0].raw,
            lower.raw,
            joined.raw
        ));
        self.anchors.remove(n - 2);
        vec![joined]
    }

    fn new_anchor(
        &mut self,
        own: String,
        own_whole: String,
        values: Vec<Observed>,
        seq: usize,
        family: Option<Family>,
    ) {
        let nearest =
            if own.is_empty() { self.text_since.last().map(|t| t.0.clone()).unwrap_or_default() } else { own.clone() };
        let lines: Vec<(String, String)> = self.text_since.drain(..).collect();
        let lead = (
            lines.iter().map(|t| t.0.as_str()).chain([own.as_str()]).collect(),
            lines.iter().map(|t| t.1.as_str()).chain([own_whole.as_str()]).collect(),
        );
        let trail = (String::new(), String::new());
        self.anchors.push(Anchor {
            seq,
            values,
            own,
            lead,
            above_lines: lines,
            trail,
            nearest,
            family,
            lines: 1,
            beyond: Vec::new(),
            then_empty: false,
            own_at: None,
            own_end: None,
        });
    }

    /// An empty line inside table 三, in text copied one cell per line: an empty cell —
    /// of the anchor being read, or the first of a new one under the labels just read.
    fn applications_break(&mut self, seq: usize) {
        if !self.cell_per_line {
            return;
        }
        self.empty_run += 1;
        let empty = Observed::empty();
        if self.text_since.is_empty() {
            // A row has seven cells: an empty line after them is none of its own (the next
            // row's merged group cell, printed before its label). Taken as an eighth, the
            // row's first empty cell would be dropped as the surplus, and its figures read
            // a column off. (Not in a PDF's page text: MuPDF's lines of a space stand where
            // a text run ended, not where a cell is, and a row with one too many is missing.)
            // Nor after six texts one of which is a mark of none printed twice (`————`)
            // that the table prints alone too (`——`): two cells' marks glued, the row's
            // seven cells all printed; the line parts it from the next (MuPDF of seed 127
            // synth-00104: `0 0 0 0 0 ————`, then an empty line). [`place`] splits the mark.
            let glued = |a: &Anchor| a.values.len() == 6 && glued_marks(&a.values, &self.anchors) > 0;
            let take = self.anchors.last().is_some_and(|a| (self.page_text || a.values.len() < 7) && !glued(a));
            if let Some(last) = self.anchors.last_mut() {
                if take {
                    last.values.push(empty);
                } else if last.values.len() >= 7 {
                    last.then_empty = true;
                }
            }
        } else {
            // Before table 三's first row, an empty line after lines that name no row is the
            // header's (a header cell's name wrapped a line per piece, `申请人情` / `况`, then
            // the empty lines of its layout): no cell. Taken for one, it opened a row of empty
            // cells that took the first row's figures, and every row after read the figures
            // of the row above it.
            // (The header's names of columns, 总计 among them, name no row here.)
            if self.anchors.is_empty() {
                let mut since: String = self.text_since.iter().map(|t| t.1.as_str()).collect();
                // (The longer names first: 申请人情况 before 申请人, 法人或其他组织 before 其他.)
                for word in APPLICATION_HEADER_WORDS.iter().chain(&MORE_APPLICATION_HEADER_NAMES) {
                    since = since.replace(word, "");
                }
                if labels::rows_in(Table::Applications.def(), &since).is_empty() {
                    return;
                }
            }
            let family = match self.ctx() {
                Ctx::Applications { family } => family,
                _ => None,
            };
            self.new_anchor(String::new(), String::new(), vec![empty], seq, family);
        }
    }

    /// The row read from the anchor before `i` (its index in `self.rows`), when that anchor
    /// printed empty cells only under a label of its own line, and anchor `i`'s own label,
    /// which names no row, finishes it: the two labels joined name the row read.
    fn cut_row_goes_on(&self, anchors: &[Anchor], i: usize, memo: &LabelMemo) -> Option<usize> {
        let (prev, a) = (anchors.get(i.checked_sub(1)?)?, &anchors[i]);
        if prev.own.is_empty() || a.own.is_empty() || prev.values.iter().any(|v| !v.raw.is_empty()) {
            return None;
        }
        if !memo.rows_in(&a.own).is_empty() {
            return None;
        }
        let at = self.rows.iter().rposition(|p| p.table == Table::Applications)?;
        let row = &self.rows[at];
        let joined = format!("{}{}", prev.own, a.own);
        (row.seq == prev.seq && memo.rows_in(&joined).iter().any(|r| r.key == row.key)).then_some(at)
    }

    /// Text of a cell per line in which every row of seven figures (two at least) holds an
    /// empty line at the same places among its figures: those lines are no cells but where
    /// the converter's text runs broke (PyMuPDF's text of a table that prints a row's first
    /// five cells as one run and the last two as another: `2 3 - 0 0 ␠ 0 5`). Taken for a
    /// cell in a shorter row, it moved the figures after it a column right: `2 1 0 0 0 ␠ 0`
    /// read 0 as the 总计 and the 其他 blank, exact, where the report printed 0 under 其他 and
    /// left the 总计 blank.
    ///
    /// Each row that holds an empty line at those places, after figures only, loses it; the
    /// empty line that closed it (not taken, the row had seven cells with it) is then its
    /// last cell, as it would have been had the break not been there. A shorter row is left
    /// as read when its last figure is a 总计, not 0, that its other figures add up to: the
    /// sum says its empty line is a cell. A note says how many lines were dropped.
    fn layout_empty_places(&mut self, anchors: &mut [Anchor]) {
        // The places of empty lines between a row's figures.
        let inner_empties = |values: &[Observed]| -> Vec<usize> {
            let end = values.iter().rposition(|v| !v.raw.is_empty()).unwrap_or(0);
            (0..end).filter(|&i| values[i].raw.is_empty()).collect()
        };
        let full: Vec<Vec<usize>> =
            anchors.iter().filter(|a| figure_count(&a.values) == 7).map(|a| inner_empties(&a.values)).collect();
        let Some(places) = full.first().filter(|p| !p.is_empty()).cloned() else { return };
        if full.len() < 2 || full.iter().any(|p| *p != places) {
            return;
        }
        let last = places[places.len() - 1];
        let mut dropped = 0;
        for a in anchors.iter_mut() {
            let at_places = places.iter().all(|&p| a.values.get(p).is_some_and(|v| v.raw.is_empty()));
            let figures_before = (0..last).all(|i| places.contains(&i) || !a.values[i].raw.is_empty());
            if !at_places || !figures_before || last + 1 >= a.values.len() {
                continue;
            }
            let full_row = figure_count(&a.values) == 7;
            let sum_says_cell = a.values.len() == 7 && place::ends_in_its_total(&a.values);
            if !full_row && sum_says_cell {
                continue;
            }
            for &p in places.iter().rev() {
                a.values.remove(p);
            }
            dropped += places.len();
            if a.then_empty && a.values.len() < 7 {
                a.values.push(Observed::empty());
                a.then_empty = false;
            }
        }
        if dropped > 0 {
            self.notes.push(format!(
                "table 三: each of its {} rows of seven figures holds an empty line at the same place among them (where a converter's text runs broke, not a cell): {dropped} such empty line(s) are no cells",
                full.len()
            ));
        }
    }

    /// A page text printed a cell per line in which table 三's rows print fewer than their
    /// seven cells (three rows or more) prints nothing for an empty cell. An empty line
    /// among its figures is then no cell (MuPDF's line of one space, set where a text run
    /// ended rather than where the empty cell stands): taken for one, it puts the figures
    /// after it under the wrong columns (`84 14 1 6 3 ␠ 108`, whose empty cell is the
    /// third, read with nothing as the sixth). Such empty lines are dropped, with a note;
    /// the rows are then short, and placed by the sums or left missing.
    fn unprinted_empty_cells(&mut self, anchors: &mut Vec<Anchor>) {
        // (A row whose glued marks of none make up its seven prints them all.)
        let short = anchors
            .iter()
            .filter(|a| {
                a.values.len() < 7
                    && a.values.iter().any(|v| !v.is_empty())
                    && a.values.len() + glued_marks(&a.values, anchors) < 7
            })
            .count();
        let empties = anchors.iter().flat_map(|a| &a.values).filter(|v| v.is_empty()).count();
        if short < 3 || empties == 0 {
            return;
        }
        without_empty_cells(anchors);
        self.notes.push(format!(
            "table 三: {short} rows print fewer cells than the table's seven (a page text that prints nothing for an empty cell): its {empties} empty line(s) among the figures are no cells"
        ));
    }

    /// Text of a cell per line whose empty cells print nothing and whose rows are parted
    /// by the same number of empty lines (BeautifulSoup's text of a page that sets its
    /// rows two empty lines apart: `15 1 1 1 18 ␠ ␠`, where the report left 社会公益组织
    /// and 其他 blank). Read as cells, the two lines made that row seven cells, exact, its
    /// 总计 blank and 18 under 其他.
    ///
    /// Told by the rows: no empty line stands between a row's figures, and every row with
    /// figures whose empty lines all went to it (fewer than seven values) ends with the
    /// same number of them, however many figures it has (three such rows at least, of two
    /// counts of figures at least); a row of seven values ends with as many, or with fewer
    /// and more empty lines after. Cells of a row would fill it to seven, a count that
    /// changes with its figures. The closing empty lines of the rows with figures are then
    /// dropped, with a note, and the rows placed by the sums.
    fn parting_empties(&mut self, anchors: &mut [Anchor]) {
        let trailing = |a: &Anchor| a.values.iter().rev().take_while(|v| v.is_empty()).count();
        let with_figures: Vec<&Anchor> = anchors.iter().filter(|a| figure_count(&a.values) > 0).collect();
        let inner = with_figures.iter().any(|a| {
            let end = a.values.iter().rposition(|v| !v.is_empty()).unwrap_or(0);
            a.values[..end].iter().any(Observed::is_empty)
        });
        let taken_all: Vec<&&Anchor> = with_figures.iter().filter(|a| a.values.len() < 7).collect();
        let Some(k) = taken_all.first().map(|a| trailing(a)) else { return };
        let mut counts: Vec<usize> = taken_all.iter().map(|a| figure_count(&a.values)).collect();
        counts.sort_unstable();
        counts.dedup();
        let same = taken_all.iter().all(|a| trailing(a) == k);
        let sevens_agree = with_figures.iter().filter(|a| a.values.len() >= 7).all(|a| {
            let t = trailing(a);
            t == k || (t < k && a.then_empty)
        });
        if inner || k == 0 || taken_all.len() < 3 || counts.len() < 2 || !same || !sevens_agree {
            return;
        }
        let mut dropped = 0;
        for a in anchors.iter_mut().filter(|a| figure_count(&a.values) > 0 && figure_count(&a.values) < 7) {
            let t = trailing(a);
            a.values.truncate(a.values.len() - t);
            dropped += t;
        }
        if dropped > 0 {
            self.notes.push(format!(
                "table 三: every row with figures ends with {k} empty line(s) however many figures it has, and none stands between figures (a text that parts its rows so and prints nothing for an empty cell): the {dropped} empty line(s) closing its rows are no cells"
            ));
        }
    }

    /// Give every table 三 anchor its row: in template order, each row once.
    fn resolve_anchors(&mut self) {
        let mut anchors = std::mem::take(&mut self.anchors);
        let after_last = std::mem::take(&mut self.text_since);
        if anchors.is_empty() {
            return;
        }
        if self.page_text && self.cell_per_line {
            self.unprinted_empty_cells(&mut anchors);
        }
        if self.cell_per_line {
            self.layout_empty_places(&mut anchors);
        }
        // Every row of seven figures (three at least) followed by an empty line, in text of a
        // cell per line that is no page text: the text parts its rows by empty lines
        // (BeautifulSoup's text of a page, whose empty cells print nothing at all), so the
        // empty lines closing a shorter row are no cells of it either. Taken for its last
        // cells, they made a row of five figures a row of seven, exact, its 总计 blank.
        let full = anchors.iter().filter(|a| figure_count(&a.values) >= 7).count();
        let parted = anchors.iter().filter(|a| figure_count(&a.values) >= 7 && a.then_empty).count();
        if self.cell_per_line && !self.page_text && full >= 3 && parted == full {
            let mut closing = 0;
            for a in anchors.iter_mut().filter(|a| figure_count(&a.values) < 7) {
                while a.values.last().is_some_and(Observed::is_empty) && a.values.len() > 1 {
                    a.values.pop();
                    closing += 1;
                }
            }
            if closing > 0 {
                self.notes.push(format!(
                    "table 三: each of its {full} rows of seven figures is followed by an empty line (a text that parts its rows so): the {closing} empty line(s) closing its shorter rows are no cells"
                ));
            }
        }
        if self.cell_per_line && !self.page_text {
            self.parting_empties(&mut anchors);
        }
        if self.padded_applications {
            self.notes.push(
                "table 三: every figure stands between empty lines and no empty cell prints (a converter's padding around figures): its empty lines are no cells".to_string(),
            );
        }
        if self.empties_before_label_tail > 0 {
            self.notes.push(format!(
                "table 三: {} row(s) short of cells print an empty line between their figures and the rest of their label (a label broken around its figures): those lines are no cells",
                self.empties_before_label_tail
            ));
        }
        if self.layout_gaps > 0 {
            let empties = anchors.iter().flat_map(|a| &a.values).filter(|v| v.is_empty()).count();
            without_empty_cells(&mut anchors);
            self.notes.push(format!(
                "table 三: {} time(s) more empty lines than a row has cells stand between two lines of figures with no label between them (a converter's empty lines, not cells): its {empties} empty line(s) among the figures are no cells",
                self.layout_gaps
            ));
        }
        let def = Table::Applications.def();
        let memo = LabelMemo::new(def);
        // A page text's figures given to the rows in the template's order, when every sum
        // of the table holds for them so (see [`order`]): the reading taken when the labels
        // leave rows untold.
        let (figures, seqs): (Vec<Observed>, Vec<usize>) = anchors
            .iter()
            .flat_map(|a| a.values.iter().filter(|v| !v.raw.is_empty()).map(|v| (v.clone(), a.seq)))
            .unzip();
        // (A header read as 法人或其他组织 alone may be one whose five kinds the page text
        // broke into pieces: seven figures a row say which.)
        let in_order =
            self.page_text.then(|| order::rows_in_order(Table::Applications, &figures, self.app_version)).flatten();
        let (rows_before, notes_before) = (self.rows.len(), self.notes.len());
        // A PDF's page text whose converter read table 三 by columns (pdfminer): the labels
        // of several rows one after another (three rows or more named before one line of
        // figures, twice), then figures of several rows. Rows told by the labels before
        // their figures would take other rows' figures; none is read.
        if self.page_text {
            // Figures laid out beside a label of their own line that names a row are that
            // row's: the labels above them are rows that printed none (`pdftotext -layout`
            // of a table of empty cells), not labels whose figures stand elsewhere.
            let beside_own_label = |a: &Anchor| {
                a.own_at.is_some() && a.values.iter().all(|v| v.x.is_some()) && !memo.rows_in(&a.own).is_empty()
            };
            // Laid-out figures under no label, whose label was printed around them: its head
            // (an item number) the last line above them, its tail the line after them
            // (`6．属于四类过程性`, the figures, `信息`). A page text read by columns prints
            // its figures after every label, not between a label's two parts.
            let wrapped_around = |a: &Anchor| {
                a.own.is_empty()
                    && !a.values.is_empty()
                    && a.values.iter().all(|v| v.x.is_some())
                    && !a.trail.1.is_empty()
                    && a.above_lines.last().is_some_and(|(_, head)| {
                        ITEM_NUMBER.is_match(head) && !memo.rows_in(&format!("{head}{}", a.trail.1)).is_empty()
                    })
            };
            let stacked = anchors
                .iter()
                .filter(|a| !beside_own_label(a) && !wrapped_around(a))
                .filter(|a| {
                    let mut keys: Vec<&str> = memo.rows_in(&a.lead.1).into_iter().map(|r| r.key).collect();
                    keys.sort_unstable();
                    keys.dedup();
                    keys.len() >= 3
                })
                .count();
            if stacked >= 2 {
                if let Some((version, rows)) = &in_order {
                    self.give_in_order(*version, rows, &seqs);
                    return;
                }
                self.notes.push(format!(
                    "table 三: {stacked} runs of row labels printed one after another, their figures elsewhere (a page text read by columns) — its rows cannot be told, its cells are missing"
                ));
                return;
            }
        }
        // In a page text, figures printed before their labels may be any rows' (a
        // converter reading the table by blocks): they are not given the labels after them.
        if !self.page_cells {
            let split = (0..anchors.len())
                .filter_map(|i| split_trail_of_two_labels(&mut anchors, i, &memo))
                .collect::<Vec<_>>();
            for joined in split.into_iter().chain(labels_wrapped_around_values(&mut anchors, &after_last, &memo)) {
                self.notes.push(format!(
                    "table 三: a row's label printed around its figures ({joined}) — read whole, with those figures"
                ));
            }
        }
        let shifted = if self.page_cells { 0 } else { labels_after_values(&mut anchors, &after_last, &memo) };
        if shifted > 0 {
            self.notes.push(format!(
                "table 三: {shifted} line(s) of figures under no label that names a row (figures printed above their labels, or a label wrapped around them) — each read with the label lines after it"
            ));
        }

        let order: Vec<&'static RowDef> = def.rows().collect();
        let index = |r: &RowDef| order.iter().position(|o| o.key == r.key).unwrap_or(usize::MAX);
        let mut used: Vec<&'static str> = Vec::new();
        let mut last: Option<usize> = None;
        // 其他 alone is a row only inside （六）: the row of that family told by place —
        // inside its heading, or right after another row of （六） (a heading printed one
        // character per line is never read as one).
        // (Its label may be broken over lines too, `3.其` / `他`, under no label of its own:
        // then the lead's last item is it.)
        let other_other = |anchor: &Anchor, previous: Option<usize>| -> Option<&'static RowDef> {
            let in_other =
                anchor.family == Some(Family::Other) || previous.is_some_and(|p| order[p].family == Family::Other);
            let lead = anchor.lead.0.as_str();
            let last_item = item_numbers_inside(lead).last().map_or(lead, |p| &lead[p..]);
            let named = crate::normalize::strip_numbering(&anchor.nearest) == "其他"
                || anchor.own.is_empty() && crate::normalize::strip_numbering(last_item) == "其他";
            (named && in_other)
                .then(|| order.iter().copied().find(|r| r.family == Family::Other && r.patterns.is_empty()))
                .flatten()
        };
        // A label broken across the values' line: the lines before and after it, joined.
        let arounds: Vec<(String, String)> = anchors
            .iter()
            .map(|a| (format!("{}{}", a.lead.0, a.trail.0), format!("{}{}", a.lead.1, a.trail.1)))
            .collect();
        struct Named<'t> {
            own: Vec<&'static RowDef>,
            lead: Vec<&'static RowDef>,
            trail: Vec<&'static RowDef>,
            /// A label broken across the values' line (属于国家 / 秘密), and its whole lines.
            around: Vec<&'static RowDef>,
            around_whole: &'t str,
        }
        let named: Vec<Named> = anchors
            .iter()
            .zip(&arounds)
            .map(|(a, around)| Named {
                own: rows_named(&memo, &a.own, &a.own)
                    .into_iter()
                    .map(|r| labels::numbered_like(def, r, &a.own))
                    .collect(),
                lead: rows_named(&memo, &a.lead.0, &a.lead.1)
                    .into_iter()
                    .map(|r| labels::numbered_like(def, r, &a.lead.0))
                    .collect(),
                trail: rows_named(&memo, &a.trail.0, &a.trail.1),
                around: rows_named(&memo, &around.0, &around.1),
                around_whole: &around.1,
            })
            .collect();
        // 总计 before any row is the header's last column, not （七）总计.
        let kept = |found: &[&'static RowDef], whole: &str, first_row: bool| -> Vec<&'static RowDef> {
            found
                .iter()
                .copied()
                .filter(|r| !(first_row && r.key == "results_total" && !whole.contains("(七)")))
                .collect()
        };
        // The figures of the anchor before, when they stood under no label (not read).
        let mut unread_above: Option<(String, usize)> = None;
        for (i, (a, n)) in anchors.iter().zip(&named).enumerate() {
            let above = unread_above.take();
            // In a PDF's page text, more empty cells than a row has and nothing else: empty
            // lines between lines of text (pdfminer parts every block so), no row's cells.
            // Taken for a row, they would make it blank where the report prints figures.
            if self.page_text && a.values.len() > 7 && a.values.iter().all(Observed::is_empty) {
                continue;
            }
            // A page text printed a figure per line: figures that run on past a row's seven
            // with no label line between leave where this row ends unknown (a cell that
            // printed nothing, or figures of a row whose label comes later). So do figures
            // gathered from several lines of any page text.
            let runs_on = anchors.get(i + 1).is_some_and(|b| b.own.is_empty() && b.lead.1.is_empty());
            if (self.page_cells || self.page_text && a.lines > 1) && runs_on {
                let shown = place::printed(&a.values);
                self.notes.push(format!(
                    "table 三: figures {shown} run on into more figures with no label between (a page text): where the row ends cannot be told — not read"
                ));
                continue;
            }
            let fits = |r: &&&'static RowDef| !used.contains(&r.key) && last.is_none_or(|l| index(r) > l);
            let first_row = used.is_empty();
            let own: Vec<&'static RowDef> =
                other_other(a, last).into_iter().chain(kept(&n.own, &a.own, first_row)).collect();
            // A numbered label begins on the values' own line (`（六  1.逾  2  1  3`, the
            // rest of 1.逾期不补正 below it): the label lines above are an earlier item's,
            // not this row's, whole or with the lines below.
            let starts_item = ITEM_NUMBER.is_match(&a.own) && !is_item_number(&a.own);
            let lead = if starts_item { Vec::new() } else { kept(&n.lead, &a.lead.1, first_row) };
            if self.page_cells && a.own.is_empty() {
                let several = rows_one_after_another(&lead);
                if several.len() >= 2 {
                    self.notes.push(format!(
                        "table 三: figures {} stand under the labels of {} printed one after another (a page text): which row they are cannot be told — not read",
                        place::printed(&a.values),
                        several.join(", ")
                    ));
                    continue;
                }
            }
            // The label lines after the values are this row's only when the next anchor has
            // no claim on them (its own label or the lines before it), and when this row
            // printed something.
            let next_claims: Vec<&'static str> = anchors
                .get(i + 1)
                .zip(named.get(i + 1))
                .map(|(next, next_named)| {
                    other_other(next, None)
                        .into_iter()
                        .chain(next_named.own.iter().copied())
                        .chain(next_named.lead.iter().copied())
                        .map(|r| r.key)
                        .collect()
                })
                .unwrap_or_default();
            let printed_something = a.values.iter().any(|v| !v.raw.is_empty());
            let trail: Vec<&'static RowDef> = kept(&n.trail, &a.trail.1, first_row)
                .into_iter()
                .filter(|r| printed_something && !next_claims.contains(&r.key))
                .collect();
            let around = if starts_item { Vec::new() } else { kept(&n.around, n.around_whole, first_row) };
            // The label lines before the values may name several rows, each numbered: in a
            // table that leaves its zeros empty, the rows before the last printed nothing, and
            // the figures are the last item's (`3.要求提供公开出版物` `4.无`, then `1` `1`). An item
            // begun but naming no row yet (a page text breaking a narrow label around its
            // figures) is named with the lines after them (`正当理由大量反复申请`).
            // (An item that starts the lines is their last item when none follows it.)
            let lead_text = a.lead.0.as_str();
            let last_item = (!starts_item)
                .then(|| match item_numbers_inside(lead_text).last() {
                    Some(p) => Some(&lead_text[p..]),
                    None => ITEM_NUMBER.is_match(lead_text).then_some(lead_text),
                })
                .flatten();
            // (Of the rows the item and the lines after it name, the item's is the first.)
            let mut in_item: Vec<&'static RowDef> = last_item
                .map(|item| match memo.rows_in(item) {
                    named if named.is_empty() => {
                        let whole = format!("{item}{}", a.trail.0);
                        rows_named(&memo, &whole, &whole)
                    }
                    named => named,
                })
                .unwrap_or_default();
            in_item.sort_by_key(|r| index(r));
            let lead = if in_item.iter().any(|r| fits(&r)) { Vec::new() } else { lead };
            let Some(row) = own
                .iter()
                .find(&fits)
                .or_else(|| in_item.iter().find(&fits))
                .or_else(|| lead.iter().find(&fits))
                .or_else(|| around.iter().find(&fits))
                .or_else(|| trail.iter().find(&fits))
                .copied()
                .or_else(|| other_other(a, last).filter(|r| fits(&r)))
            else {
                let shown: Vec<&str> = a.values.iter().map(|v| v.raw.as_str()).filter(|r| !r.is_empty()).collect();
                if shown.is_empty() {
                    // Empty cells under no label: nothing was printed, nothing is lost.
                    continue;
                }
                // The rest of the label of the row just read, which printed only empty
                // cells: a row cut by a page break, its label's first line and empty cells
                // on one page, the rest of its label and its figures on the next
                // (pymupdf4llm: `4.保护第三 ∅ ∅ ∅ ∅ ∅ ∅ ∅`, then `方合法权益 0 0 0 0 0 0 0`). The
                // figures are that row's; read apart, its cells were blank, exact, and the
                // figures lost.
                if let Some(prev) = self.cut_row_goes_on(&anchors, i, &memo) {
                    self.notes.push(format!(
                        "table 三 row {}: its label goes on (`{}`) in the next line of the table, which holds its figures ({}), its own line only empty cells (a row cut by a page break) — read with those figures",
                        self.rows[prev].key,
                        a.own,
                        shown.join(" ")
                    ));
                    self.rows[prev].values = a.values.clone();
                    continue;
                }
                self.notes.push(format!(
                    "table 三: values {} stand under no label that names a row — not read",
                    shown.join(" ")
                ));
                unread_above = Some((shown.join(" "), shown.len()));
                continue;
            };
            used.push(row.key);
            last = Some(index(row));
            // Several figures under no label right above a row that printed fewer than its
            // seven, the two together no more than seven (one of them perhaps wrapped in two):
            // one row's figures set over two lines (`４９ 73 6 17 １１ ８ 610` above the label,
            // `５` below it; or six figures above and the 总计 beside the label). Aligned
            // alone, the row's few figures would stand in the wrong cells, the others blank.
            // (One figure above is a wrapped figure's first line, which the row joins.)
            if !a.beyond.is_empty() {
                self.notes.push(format!(
                    "table 三 row {}: more figures under its label than its seven columns ({} and then {}) — which are its own cannot be told, so its cells are missing",
                    row.key,
                    place::printed(&a.values),
                    a.beyond.join(" ")
                ));
                continue;
            }
            let printed = a.values.iter().filter(|v| !v.raw.is_empty()).count();
            if let Some((above, _)) = above.filter(|(_, n)| *n >= 2 && printed < 7 && printed + n <= 8) {
                self.notes.push(format!(
                    "table 三 row {}: figures ({above}) stand under no label right above it, and it prints {printed} of its 7 ({}): one row's figures set over two lines, which cannot be put together — its cells are missing",
                    row.key,
                    place::printed(&a.values)
                ));
                continue;
            }
            match row.versions {
                Version::V2019 => self.app_version = self.app_version.or(Some(Version::V2019)),
                Version::V2021 => self.app_version = Some(Version::V2021),
                Version::Both => {}
            }
            self.rows.push(Pending {
                table: Table::Applications,
                key: Cow::Borrowed(row.key),
                block: "",
                cols: None,
                values: a.values.clone(),
                seq: a.seq,
                label_at: a.own_at,
                label_end: a.own_end,
            });
        }
        // The labels left rows untold: the order's reading tells every row, and every sum
        // of the table holds for it. A row the labels told otherwise (a label just above
        // figures that are not its own: in a page text, the last of a run of labels above
        // the first row's figures) is named in the note.
        if let Some((version, rows)) = &in_order {
            let told = &self.rows[rows_before..];
            if told.len() < rows.len() {
                let moved = rows_moved(told, rows, &anchors, &after_last, &memo);
                let otherwise: Vec<&str> = told
                    .iter()
                    .filter(|p| {
                        !rows.iter().find(|(r, _)| r.key == p.key).is_some_and(|(_, figures)| {
                            p.values
                                .iter()
                                .filter(|v| !v.raw.is_empty())
                                .map(|v| &v.raw)
                                .eq(figures.iter().map(|f| &f.raw))
                        })
                    })
                    .map(|p| p.key.as_ref())
                    .collect();
                let otherwise = if otherwise.is_empty() {
                    String::new()
                } else {
                    format!(" (the labels alone gave {} other figures)", otherwise.join(", "))
                };
                self.rows.truncate(rows_before);
                self.notes.truncate(notes_before);
                self.give_in_order(*version, rows, &seqs);
                if let Some(note) = self.notes.last_mut() {
                    note.push_str(&otherwise);
                }
                // Rows the converter printed in another order: which of the two takes which
                // figures the order cannot say.
                if !moved.is_empty() {
                    let before = self.rows.len();
                    self.rows.retain(|p| p.table != Table::Applications || !moved.contains(&p.key.as_ref()));
                    self.in_order.retain(|k| !moved.contains(k));
                    if self.rows.len() < before {
                        self.notes.push(format!(
                            "table 三 rows {}: their labels are printed in another order than the template's, each above figures the template's order gives the other — which figures are whose cannot be told; their cells are missing",
                            moved.join(", ")
                        ));
                    }
                }
            }
        }
        // Rows with more figures under their label than their cells: in text of a cell per
        // line, a converter that cut figures in two (`1` and `0` for 10). Where two rows or
        // more show it, any other row may hold a figure so cut beside a cell that printed
        // nothing, and still count seven lines: no row of the table is read. (One such row
        // alone is missing itself: a row running on into figures no label names.)
        let overfull = anchors.iter().filter(|a| !a.beyond.is_empty()).count();
        if overfull >= 2 {
            let dropped = self.rows.len() - rows_before;
            self.rows.truncate(rows_before);
            let rows = &self.rows;
            self.in_order.retain(|k| rows.iter().any(|p| p.table == Table::Applications && p.key == *k));
            self.notes.push(format!(
                "table 三: {overfull} row(s) print more figures under a label than a row has cells, as where a converter cut figures in two (a line per tag) — the table's other {dropped} row(s) may hold such figures too, so none is read"
            ));
        }
    }

    /// Table 三's rows given their figures in the template's order ([`order`]), marked to be
    /// read as assumed, with a note.
    fn give_in_order(&mut self, version: Version, rows: &[(&'static RowDef, &[Observed])], seqs: &[usize]) {
        self.app_version = Some(version);
        self.short_applicants = false;
        let mut at = 0;
        for (row, figures) in rows {
            self.rows.push(Pending {
                table: Table::Applications,
                key: Cow::Borrowed(row.key),
                block: "",
                cols: None,
                values: figures.to_vec(),
                seq: seqs.get(at).copied().unwrap_or_default(),
                label_at: None,
                label_end: None,
            });
            self.in_order.push(row.key);
            at += figures.len();
        }
        self.notes.push(format!(
            "table 三: its labels do not tell which figures are whose (a page text printed them apart); its {at} figures, a full {} table, were given to its rows in the template's order, which every sum of the table confirms — cells marked assumed (the sums cannot tell two result rows apart)",
            version.as_str()
        ));
    }

    fn proactive_line(&mut self, line: &Line, label: &str, mut values: Vec<Observed>, seq: usize) {
        let Ctx::Proactive { block, cols, .. } = self.ctx() else { return };
        let def = Table::Proactive.def();
        // Figures before the line's last label piece: read only by the readings below that
        // take them, else lost from the row.
        let last_label = line.toks.iter().rposition(|t| t.kind == Kind::Label);
        let mut amid: Vec<String> = line.toks[..last_label.unwrap_or(0)]
            .iter()
            .filter(|t| t.kind == Kind::Value && !t.raw.trim().is_empty())
            .map(|t| t.raw.trim().to_string())
            .collect();
        if let Some(cells) = text_after_figures(def, line) {
            values = cells;
            amid.clear();
        }
        if self.page_text {
            // A PDF prints nothing for an empty cell: empty cells in a page text's line are a
            // converter's tabs around a figure (pdfminer prints `\t\t0\t`), not cells.
            values.retain(|v| !v.raw.is_empty());
        }
        let has_values = !values.is_empty();
        // A figure and a piece of its unit, alone on a line (`6932.00 万` over `政府集中采购
        // 11`, then `元`: a cell of two lines set around the row's line): a figure whose cell
        // cannot be told, and whose unit is cut, is not read; it makes its block's rows that
        // are short of figures missing rather than blank.
        let unit_piece =
            !label.is_empty() && label.chars().count() <= 2 && label.chars().all(|c| "万元亿千百".contains(c));
        if unit_piece && !has_values && line.toks.first().is_some_and(|t| t.kind == Kind::Value) {
            let block = self.pending.as_ref().map_or(block, |p| p.block);
            let printed =
                line.toks.iter().filter(|t| t.kind == Kind::Value).map(|t| format!("{}{label}", t.raw.trim()));
            self.stray.extend(printed.map(|raw| (block, raw, seq)));
            return;
        }
        if label.is_empty() {
            let limit = self.pending.as_ref().map_or(0, |p| proactive_width(p.block));
            if self.pending.as_ref().is_none_or(|p| p.figures() >= limit)
                && self.row_of_pieces_before_figures(def, block, &cols, &values, seq)
            {
                return;
            }
            if values.iter().any(|v| !v.raw.is_empty()) {
                self.pieces.clear();
            }
            let printed: Vec<String> = values.iter().filter(|v| !v.raw.is_empty()).map(|v| v.raw.to_string()).collect();
            if !self.add_values(values, limit) {
                let block = self.pending.as_ref().map_or(block, |p| p.block);
                // Outside a page text, figures right under a row that has all its columns
                // are more figures than its columns under one label: a figure cut in two
                // by the converter (`1` and `0` for 10, a line per tag) would look so, and
                // which of them are the row's cannot be told.
                if let Some(p) = self.pending.as_ref().filter(|p| !self.page_text && p.printed() && !printed.is_empty())
                {
                    match self.overfull.iter_mut().find(|(seq, _)| *seq == p.seq) {
                        Some((_, more)) => more.extend(printed.iter().cloned()),
                        None => self.overfull.push((p.seq, printed.clone())),
                    }
                }
                self.stray.extend(printed.into_iter().map(|raw| (block, raw, seq)));
            }
            return;
        }
        let prose = label.contains('。') || label.chars().count() > 40;
        // Label lines after a row's figures that finish its label (行政 0, then 事业 / 性收 /
        // 费: a label wrapped in a narrow cell, its figures beside the first line): the row
        // read so far as one the template does not have is the one the whole label names.
        if !has_values && !prose && self.rename_by_pieces(def, label) {
            return;
        }
        if !has_values && !prose {
            if let Some(figures) = self.figures_before_their_labels_last_piece(def, line, label) {
                values = figures;
                amid.clear();
            }
        }
        if let Some(row) = (!prose).then(|| self.row_of(def, line, label)).flatten() {
            let row_block = def.block_of(row.key).map_or("", |b| b.numeral);
            // An item of another block than the caption says: the item tells (a caption lost).
            let (block, cols) = if block.is_empty() || block != row_block {
                (row_block, if block == row_block { cols } else { None })
            } else {
                (block, cols)
            };
            self.ctx = Some(Ctx::Proactive { block, cols: cols.clone(), in_header: false });
            if !amid.is_empty() {
                self.figures_amid_label.push((seq, amid));
            }
            self.start(Table::Proactive, Cow::Borrowed(row.key), block, cols, values, seq);
            return;
        }
        if has_values && !prose && self.figures_go_on(def, label, &values) {
            return;
        }
        if values.iter().any(|v| !v.raw.is_empty())
            && !prose
            && self.pending.as_ref().is_some_and(|p| p.values.iter().any(|v| !v.raw.is_empty()))
            && self.label_goes_on(def, label)
            && !self.label_runs_past_a_row(def, label)
        {
            // The figures beside the label's next piece continue the row's: where they
            // stand does not tell which figures above (fullwidth digits shift a layout's
            // columns), so the row gets them all — more than its columns, it is missing.
            if let Some(p) = self.pending.as_mut() {
                self.notes.push(format!(
                    "table 二: {} beside `{label}`, the next piece of a label whose figures ({}) stand a line above — which figures they continue cannot be told",
                    place::printed(&values),
                    place::printed(&p.values)
                ));
                p.values.extend(values);
            }
            self.loose.push(labels::key(label));
            // The pieces so far name the row: it is that row (its figures still too many).
            self.rename_by_pieces(def, "");
            return;
        }
        // A row the template does not have, inside a captioned block: kept as extra.
        if has_values && !prose && !block.is_empty() && label.chars().count() <= 20 {
            let name = line
                .toks
                .iter()
                .rev()
                .find(|t| t.kind == Kind::Label)
                .map_or(label.to_string(), |t| t.raw.split_whitespace().collect());
            self.start(Table::Proactive, Cow::Owned(format!("extra:{name}")), block, cols, values, seq);
            return;
        }
        self.label_line_without_row(label, has_values);
    }

    /// Table 二 in text that sets a label's lines and its figures' lines apart (PyMuPDF's
    /// text, a cell per line; PDFium's, a row's figures on a line of their own): label
    /// lines that named no row (`其他` / `主动` / `公开` / `文件`, or
    /// `行政` alone), then figures no row takes (the row before has all its figures, or
    /// none is open). The pieces are the label of the figures' row: a row of the block they
    /// name, else one the agency added — which the label lines after the figures may still
    /// complete (`行政`, `122 6 30`, `处罚`: [`Reader::rename_by_pieces`]). A first piece no
    /// line completes leaves its figures unread ([`Reader::close_pending`]). Not in a page
    /// text, whose converters may print a block's labels and figures in other orders.
    /// Returns whether the figures started a row.
    fn row_of_pieces_before_figures(
        &mut self,
        def: &TableDef,
        block: &'static str,
        cols: &Option<Vec<&'static ColDef>>,
        values: &[Observed],
        seq: usize,
    ) -> bool {
        if self.page_text || block.is_empty() || values.iter().all(|v| v.raw.is_empty()) {
            return false;
        }
        // The pieces that begin a row of the block (`行政`), or name one, after a header's
        // lines (`处理` / `决定` / `数量`) a converter printed a cell per line too: the
        // fewest last ones that do. Else all of them name a row the agency added, when no
        // header's word is among them.
        let Some(block_def) = def.block(block) else { return false };
        let of_block = |whole: &str| {
            labels::match_row(def, whole).filter(|r| def.block_of(r.key).is_some_and(|b| b.numeral == block))
        };
        let mut found: Option<(usize, Cow<'static, str>)> = None;
        for from in (0..self.pieces.len()).rev() {
            let whole: String = self.pieces[from..].concat();
            if let Some(row) = of_block(&whole) {
                found = Some((from, Cow::Borrowed(row.key)));
                break;
            }
            if begins_a_row(block_def, &labels::key(&whole)) {
                found = Some((from, Cow::Owned(format!("extra:{whole}"))));
                break;
            }
        }
        let header_word = |p: &String| {
            ["信息", "内容", "数量", "件数", "增/减", "金额", "本年", "上一"].iter().any(|w| p.contains(w))
                || template::match_proactive_header(p).is_some()
        };
        let found = found.or_else(|| {
            let whole: String = self.pieces.concat();
            (!self.pieces.iter().any(header_word) && labels::match_row(def, &whole).is_none())
                .then(|| (0, Cow::Owned(format!("extra:{whole}"))))
        });
        let Some((from, key)) = found else { return false };
        let pieces = &self.pieces[from..];
        let count: usize = pieces.iter().map(|p| p.chars().count()).sum();
        if !(2..=20).contains(&count)
            || pieces.iter().any(|p| p.contains(['。', '，', '：', ':']) || NUMBERED.is_match(p))
        {
            return false;
        }
        let pieces = pieces.join(" / ");
        self.notes.push(format!(
            "table 二: the label lines {pieces} stand before figures no row above takes, each on a line of its own — read as their row's label"
        ));
        self.start(Table::Proactive, key, block, cols.clone(), values.to_vec(), seq);
        self.from_pieces = Some(seq);
        true
    }

    /// The label of the row being read, one the template does not have as it began: its
    /// first piece, the label lines after it, and `next` (all in [`labels::key`] form).
    /// None when the row being read is a template row.
    fn label_so_far(&self, next: &str) -> Option<String> {
        let first = self.pending.as_ref()?.key.strip_prefix("extra:")?;
        Some([labels::key(first)].into_iter().chain(self.loose.iter().cloned()).chain([next.to_string()]).collect())
    }

    /// The row of the current block that a label's pieces joined name.
    fn row_of_pieces(&self, def: &TableDef, whole: &str) -> Option<&'static RowDef> {
        let block = self.pending.as_ref()?.block;
        labels::match_row(def, whole).filter(|r| def.block_of(r.key).is_some_and(|b| b.numeral == block))
    }

    /// When the pieces of the label of the row being read, with `next`, name a row of its
    /// block ([`Reader::row_of_pieces`]), the row is that one, its pieces spent. Returns
    /// whether it was renamed.
    fn rename_by_pieces(&mut self, def: &TableDef, next: &str) -> bool {
        let Some(row) = self.label_so_far(next).and_then(|whole| self.row_of_pieces(def, &whole)) else {
            return false;
        };
        if let Some(p) = self.pending.as_mut() {
            p.key = Cow::Borrowed(row.key);
        }
        self.loose.clear();
        true
    }

    /// Do the pieces of the label of the row being read, with `label`, hold a row's whole
    /// label and more after it (`处罚行政`: 行政处罚's last piece run into 行政强制's first)?
    fn label_runs_past_a_row(&self, def: &TableDef, label: &str) -> bool {
        let Some(so_far) = self.label_so_far(&labels::key(label)) else { return false };
        labels::match_row(def, &so_far)
            .is_some_and(|r| !r.patterns.iter().any(|pat| so_far.ends_with(labels::key(pat).as_str())))
    }

    /// Is `label` the next piece of the label of the row being read, one the template does
    /// not have so far, on its way to a row of the row's block: the pieces so far hold what
    /// tells that row (规范性文件 in 行政规范性文件), or end with its first two characters or
    /// more?
    fn label_goes_on(&self, def: &TableDef, label: &str) -> bool {
        let (Some(p), Some(so_far)) = (self.pending.as_ref(), self.label_so_far(&labels::key(label))) else {
            return false;
        };
        def.rows().filter(|r| def.block_of(r.key).is_some_and(|b| b.numeral == p.block)).any(|r| {
            r.patterns.iter().map(|pat| labels::key(pat)).any(|pat| {
                let starts: Vec<usize> = pat.char_indices().map(|(i, _)| i).skip(2).chain([pat.len()]).collect();
                so_far.contains(&pat) || starts.iter().any(|&end| so_far.ends_with(&pat[..end]))
            })
        })
    }

    /// Table 二 in a page text, a label's second line set after its row's figures on the
    /// row's line (`行政 52 17 0 处罚`): the figures are the row's when the whole label names
    /// a row and neither its pieces before them nor the one after does. Returns them, with a
    /// note. (pdfplumber prints so a row that runs over a page break, with a form feed
    /// between: since a form feed ends a line, that row reads as any row of a label wrapped
    /// below its figures.)
    fn figures_before_their_labels_last_piece(
        &mut self,
        def: &TableDef,
        line: &Line,
        label: &str,
    ) -> Option<Vec<Observed>> {
        let (figures, before, last) = line.figures_before_last_piece()?;
        if labels::match_row(def, &last.key).is_some() || labels::match_row(def, &before).is_some() {
            return None;
        }
        let row = labels::match_row(def, label)?;
        self.notes.push(format!(
            "table 二 row {}: its label's last piece `{}` printed after its figures ({}) — read as the row's",
            row.label,
            last.raw,
            place::printed(&figures)
        ));
        Some(figures)
    }

    /// Table 二 in laid-out text, a row's label wrapped in its narrow cell beside a figure
    /// too wide for its own (行政 / 规范 / 性文 / 件 beside `１５` over `１`, 151): a label
    /// line whose figures each stand within one of the row's figures above it (starting
    /// where it starts), all of bare digits, goes on that row when the row's label so far
    /// is one the template does not have, and with this line's label it may be on its way
    /// to a row of the row's block (it holds what tells that row, or ends with its start).
    /// Its figures finish those above them (with a note), and its label is the next piece
    /// of the row's, which the lines after it may complete ([`Reader::proactive_line`]'s
    /// wrapped labels). Returns whether it went on.
    fn figures_go_on(&mut self, def: &TableDef, label: &str, values: &[Observed]) -> bool {
        let Some(p) = self.pending.as_ref().filter(|p| p.key.starts_with("extra:")) else { return false };
        // The figure above each new one: its text stands over the new one's middle.
        let over = |v: &Observed| {
            let x = v.x?;
            p.values.iter().position(|u| {
                let half = u.raw.chars().count() as f32 / 2.0;
                bare_digits(&u.raw) && u.x.is_some_and(|ux| x >= ux - half && x <= ux + half)
            })
        };
        let above: Option<Vec<usize>> = values.iter().map(over).collect();
        let Some(above) = above.filter(|a| {
            !a.is_empty() && values.iter().all(|v| bare_digits(&v.raw)) && a.windows(2).all(|w| w[0] < w[1])
        }) else {
            return false;
        };
        if !self.label_goes_on(def, label) {
            return false;
        }
        let Some(p) = self.pending.as_mut() else { return false };
        let Some(first) = p.key.strip_prefix("extra:") else { return false };
        for (v, k) in values.iter().zip(above) {
            let u = &mut p.values[k];
            self.notes.push(format!(
                "table 二: {first}…: `{}` over `{}` read as one figure, {}{}",
                u.raw, v.raw, u.raw, v.raw
            ));
            u.raw.push_str(&v.raw);
        }
        self.loose.push(labels::key(label));
        // The pieces so far name the row (行政 / 许可): it is that row, and a label piece
        // after it begins another (其他, with its own figures).
        self.rename_by_pieces(def, "");
        true
    }

    fn appeals_line(&mut self, line: &Line, label: &str, values: Vec<Observed>, seq: usize) {
        let def = Table::Appeals.def();
        let figured = self.appeals.iter().any(|i| matches!(i, AppealItem::Value(v) if !v.raw.is_empty()));
        if !figured {
            if values.is_empty() {
                if !label.is_empty() {
                    gather_pieces(line, seq, &mut self.appeal_header_pieces);
                    self.appeal_header_page = self.page_text.then_some(line.page);
                }
            } else if values.iter().any(|v| !v.raw.is_empty()) {
                self.appeal_figures_page = self.page_text.then_some(line.page);
            }
        }
        if !label.is_empty() && !self.appeals.iter().any(|i| matches!(i, AppealItem::Value(_))) {
            self.appeal_blanks = 0;
        }
        if !label.is_empty() {
            let columns_only = def.blocks[0].columns.iter().any(|c| c.patterns.iter().any(|p| label.contains(p.text)));
            let row = labels::match_row(def, line.last_label().unwrap_or(label));
            if columns_only
                && row.is_none()
                && self.appeals.iter().any(|i| matches!(i, AppealItem::Value(v) if !v.raw.is_empty()))
            {
                self.appeal_columns_amid_figures = true;
            }
            self.appeal_columns_read |= columns_only && row.is_none();
            if let Some(row) = row {
                if !columns_only || !values.is_empty() {
                    self.appeals.push(AppealItem::Row(row.key));
                }
            } else if !columns_only && label.chars().count() > 30 {
                // Prose after the table: table 四 is over.
                self.ctx = Some(Ctx::None);
                return;
            }
        }
        // A line of figures alone right under a line of figures, each clear of the figures
        // above and standing among them: the same row, some of its cells set lower (an
        // HTML page printed to PDF centres its 总计s, or a font sets its `——` lower, and
        // `pdftotext -layout` prints them on a line of their own). They go in by their
        // columns; read after the line above, every figure after the first of them would
        // stand a column or more off.
        if label.is_empty() && !values.is_empty() {
            if let Some((above, start)) = self.appeal_figures_line.take() {
                let upper: Vec<Observed> = self.appeals[start..]
                    .iter()
                    .filter_map(|i| if let AppealItem::Value(v) = i { Some(v.clone()) } else { None })
                    .collect();
                if seq == above + 1 && upper.len() == self.appeals.len() - start && by_columns(&upper, &values) {
                    let mut row = upper;
                    continue_values(&mut row, values);
                    self.appeals.truncate(start);
                    self.appeals.extend(row.into_iter().map(AppealItem::Value));
                    self.appeal_figures_line = Some((seq, start));
                    return;
                }
            }
        }
        let start = self.appeals.len();
        let laid_out = values.len() >= 2 && values.iter().all(|v| v.x.is_some());
        for v in values {
            self.appeals.push(AppealItem::Value(v));
        }
        self.appeal_figures_line = laid_out.then_some((seq, start));
    }

    /// Table 二 labels printed apart from their figures, in a PDF's page text: a converter
    /// that reads the table column by column prints a run of labels with nothing after
    /// them, then the figures (`行政处罚`, `行政强制`, `4119`, `195`). Read row by row, the
    /// first labels are blank and the last takes every figure. A run of one-figure labels
    /// of one block followed by a row with as many figures as there are labels gets them in
    /// order (with a note); one label alone before a row with its own figures is blank, as
    /// printed, unless a figure of that block stands astray; otherwise the run's rows and
    /// the row after it are missing, not blank. Returns the rows (by `seq`) left missing,
    /// and those given figures in order (their cells are marked assumed: a reading).
    /// Table 三 rows whose seven figures came on two lines, the second of figures alone
    /// that say nothing of their columns: a PDF converter that groups words into lines by
    /// height puts a cell set a few points lower on a line of its own (pdfplumber on
    /// `46 2 7 9 5` / `303 372`, where 303 is 自然人's and 372 the 总计), and the figures
    /// of such a line may belong anywhere in the row — after the first line's (a row that
    /// wrapped) or among them. The row's own sum holds either way; the table's column sums
    /// (R1, R3) can tell. Every way of placing the second lines' figures among the first
    /// lines' (the same way in every such row: the same columns stand lower) is tried
    /// against every sum whose cells are all read; when one way alone holds (or all that
    /// hold give the same figures) the rows take it, otherwise they are missing, with a
    /// note. Rows read otherwise than in printed order are returned: their cells are
    /// `arithmetic` (the sums placed them).
    fn order_split_rows(&mut self, version: Version) -> Vec<&'static str> {
        let width = Table::Applications.def().blocks[0].columns_in(version).count();
        let split: Vec<(usize, usize)> = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, p)| p.table == Table::Applications)
            .filter_map(|(i, p)| self.split_at.iter().find(|s| s.0 == p.seq).map(|s| (i, s.1)))
            .collect();
        if split.is_empty() || width != 7 {
            return Vec::new();
        }
        let figures = |p: &Pending| -> Option<Vec<f64>> {
            let printed: Vec<&Observed> = p.values.iter().filter(|v| !v.raw.is_empty()).collect();
            (printed.len() == width)
                .then(|| printed.iter().map(|v| classify(&v.raw).1).collect::<Option<Vec<f64>>>())
                .flatten()
        };
        let first = split[0].1;
        let all_full = split.iter().all(|&(i, k)| k == first && figures(&self.rows[i]).is_some());
        let mut orders: Vec<Vec<usize>> = Vec::new();
        if all_full {
            // Which of the seven columns the second line's 7 − k figures fill, in order.
            let m = width - first;
            for chosen in 0u32..(1 << width) {
                if chosen.count_ones() as usize != m {
                    continue;
                }
                let (mut a, mut b) = (0, first);
                orders.push(
                    (0..width)
                        .map(|c| {
                            let from = if chosen & 1 << c != 0 { &mut b } else { &mut a };
                            *from += 1;
                            *from - 1
                        })
                        .collect(),
                );
            }
        }
        let cols: Vec<&'static str> = Table::Applications.def().blocks[0].columns_in(version).map(|c| c.key).collect();
        // The figures of every row of seven, read once for all the ways tried: by row key,
        // whether the row is one of the split ones, and its seven figures as printed. Of
        // two rows with one key, the later is the row's.
        let mut read: Vec<(&str, bool, Vec<f64>)> = Vec::new();
        for (i, p) in self.rows.iter().enumerate().filter(|(_, p)| p.table == Table::Applications) {
            let Some(v) = figures(p) else { continue };
            let row = (p.key.as_ref(), split.iter().any(|s| s.0 == i), v);
            match read.iter_mut().find(|r| r.0 == row.0) {
                Some(earlier) => *earlier = row,
                None => read.push(row),
            }
        }
        let holds = |order: &[usize]| -> bool {
            order::sums_hold(Table::Applications, version, |r, c| {
                let (_, reorder, v) = read.iter().find(|x| x.0 == r)?;
                let c = cols.iter().position(|k| *k == c)?;
                Some(if *reorder { v[order[c]] } else { v[c] })
            })
        };
        let holding: Vec<&Vec<usize>> = orders.iter().filter(|o| holds(o)).collect();
        let readings = |order: &[usize]| -> Vec<Vec<f64>> {
            split
                .iter()
                .map(|&(i, _)| figures(&self.rows[i]).unwrap_or_default())
                .map(|v| order.iter().map(|&j| v[j]).collect())
                .collect()
        };
        let same = holding.windows(2).all(|w| readings(w[0]) == readings(w[1]));
        let keys: Vec<&'static str> = split
            .iter()
            .filter_map(|&(i, _)| Table::Applications.def().row(&self.rows[i].key).map(|r| r.key))
            .collect();
        match holding.first() {
            Some(order) if same => {
                let order = (*order).clone();
                let printed_order = order.iter().enumerate().all(|(c, &j)| c == j);
                for &(i, _) in &split {
                    let values: Vec<Observed> =
                        self.rows[i].values.iter().filter(|v| !v.raw.is_empty()).cloned().collect();
                    self.rows[i].values = order.iter().map(|&j| values[j].clone()).collect();
                }
                if printed_order {
                    return Vec::new();
                }
                self.notes.push(format!(
                    "table 三: the figures of {} came on two lines, the second saying nothing of its columns; the table's sums place them one way only — cells marked arithmetic",
                    keys.join(", ")
                ));
                keys
            }
            _ => {
                self.notes.push(format!(
                    "table 三: the figures of {} came on two lines, the second saying nothing of its columns, and the table's sums do not tell where they go — their cells are missing",
                    keys.join(", ")
                ));
                let drop: Vec<usize> = split.iter().map(|s| s.0).collect();
                let mut i = 0;
                self.rows.retain(|_| {
                    i += 1;
                    !drop.contains(&(i - 1))
                });
                Vec::new()
            }
        }
    }

    /// Table 二 blocks (in order) whose first label stands after a figure of the block
    /// under no label: a page text that printed the block's figures before its labels.
    fn blocks_led_by_figures(&self) -> Vec<&'static str> {
        let mut blocks: Vec<&'static str> = Vec::new();
        for (block, _, seq) in &self.stray {
            let first_label =
                self.rows.iter().filter(|p| p.table == Table::Proactive && p.block == *block).map(|p| p.seq).min();
            if !block.is_empty() && first_label.is_some_and(|l| l > *seq) && !blocks.contains(block) {
                blocks.push(block);
            }
        }
        blocks
    }

    /// Table 二 blocks of a page text whose figures stand before their labels, or among
    /// them: a label wrapped in its cell prints below the figure beside it (`0`, `行政`,
    /// `许可`), so the figure stands under the caption, astray, and the next label takes
    /// the figure of the row after it. In a block of one column whose rows (as the template
    /// has them in `version`, each named once, in order) are as many as the figures the
    /// block printed, the figures are given to the rows in order: a single column reads the
    /// same top to bottom whichever way the converter went. (Not a block of several
    /// columns: a page text may print a row's cells right to left, `1` before `１７`.) The
    /// stray figures are then read. Returns the rows of several-row blocks so given, whose
    /// cells are assumed (a note says which); a block of one row has one cell, certain.
    fn figures_beside_labels(&mut self, version: Option<Version>) -> Vec<Cow<'static, str>> {
        let Some(version) = version else { return Vec::new() };
        let mut given = Vec::new();
        let mut blocks: Vec<&'static str> = self.stray.iter().map(|(b, ..)| *b).filter(|b| !b.is_empty()).collect();
        blocks.sort_unstable();
        blocks.dedup();
        for name in blocks {
            let Some(block) = Table::Proactive.def().block(name) else { continue };
            let width = block.columns_in(version).count();
            let template: Vec<&'static str> = block.rows_in(version).map(|r| r.key).collect();
            let rows: Vec<usize> = (0..self.rows.len())
                .filter(|&i| self.rows[i].table == Table::Proactive && self.rows[i].block == name)
                .collect();
            let keys: Vec<Cow<'static, str>> = rows.iter().map(|&i| self.rows[i].key.clone()).collect();
            let places: Option<Vec<usize>> = keys.iter().map(|k| template.iter().position(|t| t == k)).collect();
            let in_order = places.is_some_and(|p| !p.is_empty() && p.windows(2).all(|w| w[0] < w[1]));
            let own_width = rows.iter().all(|&i| self.rows[i].cols.as_ref().is_none_or(|c| c.len() == width));
            if !in_order || !own_width || width != 1 {
                continue;
            }
            // Every figure of the block in printed order: a stray one before the row whose
            // label came after it.
            let mut figures: Vec<(usize, usize, Observed)> = self
                .stray
                .iter()
                .filter(|(b, ..)| *b == name)
                .map(|(_, raw, seq)| (*seq, 0, Observed { raw: raw.as_str().into(), x: None, ocr: None }))
                .collect();
            for &i in &rows {
                let p = &self.rows[i];
                figures.extend(p.values.iter().filter(|v| !v.raw.is_empty()).map(|v| (p.seq, 1, v.clone())));
            }
            if figures.len() != rows.len() * width {
                continue;
            }
            figures.sort_by_key(|(seq, after, _)| (*seq, *after));
            let mut figures = figures.into_iter().map(|(.., v)| v);
            for &i in &rows {
                self.rows[i].values = figures.by_ref().take(width).collect();
            }
            self.stray.retain(|(b, ..)| *b != name);
            if rows.len() > 1 {
                given.extend(keys.iter().cloned());
                self.notes.push(format!(
                    "table 二: block （{name}）'s figures stand before or among its labels (a page text printing a wrapped label below its figure): given to {} in order",
                    keys.join(", ")
                ));
            }
        }
        given
    }

    fn labels_apart_from_figures(&mut self, version: Option<Version>) -> (Vec<usize>, Vec<usize>) {
        let width = |p: &Pending| p.width(version);
        let printed = Pending::figures;
        let rows: Vec<usize> = (0..self.rows.len()).filter(|&i| self.rows[i].table == Table::Proactive).collect();
        let mut missing = Vec::new();
        let mut given = Vec::new();
        let mut k = 0;
        while k < rows.len() {
            let start = k;
            while k < rows.len() && printed(&self.rows[rows[k]]) == 0 {
                k += 1;
            }
            if k == start {
                k += 1;
                continue;
            }
            let run = &rows[start..k];
            let Some(&next) = rows.get(k) else { break };
            let same_block = run.iter().all(|&i| self.rows[i].block == self.rows[next].block);
            let widths: Option<Vec<usize>> = run.iter().chain([&next]).map(|&i| width(&self.rows[i])).collect();
            let figures = printed(&self.rows[next]);
            let stray_in_block = self.stray.iter().any(|(b, ..)| b.is_empty() || *b == self.rows[next].block);
            match widths {
                // Rows of one figure each: the figures' order is the labels' whichever way
                // the converter read the table. Rows of several columns are not given any:
                // a converter reading by columns prints 规章's and 规范性文件's 本年制发件数
                // first (`0 69 0 3 0 665`), one reading by rows the rows' figures in turn.
                Some(w) if same_block && w.iter().all(|&n| n == 1) && w.len() == figures => {
                    // The empty lines of a page text are no cells.
                    let mut values =
                        std::mem::take(&mut self.rows[next].values).into_iter().filter(|v| !v.raw.is_empty());
                    let mut names = Vec::new();
                    for (&i, &n) in run.iter().chain([&next]).zip(&w) {
                        self.rows[i].values = values.by_ref().take(n).collect();
                        names.push(self.rows[i].key.to_string());
                        given.push(self.rows[i].seq);
                    }
                    self.notes.push(format!(
                        "table 二: the labels {} are printed one after another and their figures after them — given in order",
                        names.join(", ")
                    ));
                }
                Some(w) if w.len() == 2 && w[1] == figures && !stray_in_block => {
                    // One label alone, then a row with its own figures and no figure
                    // astray: a blank cell, as printed.
                }
                _ => {
                    for &i in run.iter().chain([&next]) {
                        missing.push(self.rows[i].seq);
                        self.notes.push(format!(
                            "table 二 row {}: its label stands among labels printed apart from their figures — its cells are missing",
                            self.rows[i].key
                        ));
                    }
                }
            }
            k += 1;
        }
        (missing, given)
    }

    fn finish(mut self) -> Tables {
        self.close_pending();
        let mut out = Tables::default();
        // Table 二's version: headers and block 九 say; else how many values the
        // 第（五）（六）项 items printed (one in 2021, three in 2019).
        let mut votes = std::mem::take(&mut self.votes);
        for p in self.rows.iter().filter(|p| p.table == Table::Proactive) {
            if let Some(cols) = &p.cols {
                for c in cols {
                    if c.versions != Version::Both {
                        votes.push(c.versions);
                    }
                }
            }
            if p.block == "九" {
                votes.push(Version::V2019);
            }
        }
        let by_counts = votes.is_empty();
        if by_counts {
            for p in self.rows.iter().filter(|p| p.table == Table::Proactive && matches!(p.block, "五" | "六")) {
                match p.values.iter().filter(|v| !v.raw.is_empty()).count() {
                    1 => votes.push(Version::V2021),
                    3 => votes.push(Version::V2019),
                    _ => {}
                }
            }
        }
        let n2021 = votes.iter().filter(|v| **v == Version::V2021).count();
        let n2019 = votes.iter().filter(|v| **v == Version::V2019).count();
        let proactive = match (n2019, n2021) {
            (0, 0) => None,
            // Counts of figures alone, as many rows for either form: nothing tells.
            (a, b) if by_counts && a == b => {
                self.notes.push(
                    "table 二: no header names its columns, and as many of its 第（五）（六）项 rows print one figure (the 2021 form) as print three (the 2019 form): its form cannot be told"
                        .to_string(),
                );
                None
            }
            (a, b) if b > a => Some(Version::V2021),
            _ => Some(Version::V2019),
        };
        let applications = self.app_version.or(proactive).unwrap_or(Version::Both);
        let mut versions = Versions::default();

        // Table 二.
        let figures_first = if self.page_text { self.blocks_led_by_figures() } else { Vec::new() };
        let regrouped = if self.page_text { self.figures_beside_labels(proactive) } else { Vec::new() };
        let mut raw: Vec<RawRow> = Vec::new();
        // One note per run of figures of one block.
        let mut runs: Vec<(&'static str, Vec<&str>)> = Vec::new();
        for (block, value, _) in &self.stray {
            match runs.last_mut() {
                Some((b, values)) if b == block => values.push(value),
                _ => runs.push((block, vec![value])),
            }
        }
        for (block, values) in runs {
            let block = if block.is_empty() { String::new() } else { format!(" in block （{block}）") };
            let (figures, stand) = if values.len() == 1 { ("figure", "stands") } else { ("figures", "stand") };
            self.notes.push(format!(
                "table 二: the {figures} {}{block} {stand} under no label that names a row — not read",
                values.join(" ")
            ));
        }
        let (apart, given) =
            if self.page_text { self.labels_apart_from_figures(proactive) } else { (Vec::new(), Vec::new()) };
        let given: Vec<Cow<'static, str>> =
            self.rows.iter().filter(|p| given.contains(&p.seq)).map(|p| p.key.clone()).chain(regrouped).collect();
        // In a page text, a row whose figures come right before a label of its block with
        // none after it: an empty cell prints nothing there, and pdftotext drops a lone `-`
        // (规章 - - - read as `规章`), so the figures may be the next row's (`规章 9 0 23
        // 行政规范性文件`, where 9 0 23 are 规范性文件's).
        let proactive_rows: Vec<&Pending> = self.rows.iter().filter(|p| p.table == Table::Proactive).collect();
        // So too, in a page text that printed the figures of two other blocks or more
        // before their first label, before a label with fewer figures after it than its
        // columns (`规章 5 5 177 规范性文件 0 0`, 规章's `- - -` dropped: 5 5 177 are
        // 规范性文件's, and 0 0 the next row's).
        let short = |p: &Pending| p.width(proactive).is_some_and(|w| p.figures() < w);
        // (A block with a figure astray has its own note below.)
        let led_elsewhere = |block: &str| {
            figures_first.iter().filter(|b| **b != block).count() >= 2
                && !self.stray.iter().any(|(b, ..)| b.is_empty() || *b == block)
        };
        // (The row, and whether the next label has figures after it, too few.)
        let before_bare: Vec<(usize, bool)> = if self.page_text {
            proactive_rows
                .windows(2)
                .filter(|w| {
                    w[0].block == w[1].block
                        && w[0].printed()
                        && (!w[1].printed() || short(w[1]) && led_elsewhere(w[1].block))
                })
                .map(|w| (w[0].seq, w[1].printed()))
                .collect()
        } else {
            Vec::new()
        };
        let mut overfull_others = 0;
        for p in self.rows.iter().filter(|p| p.table == Table::Proactive) {
            if apart.contains(&p.seq) {
                continue;
            }
            if let Some(&(_, next_short)) = before_bare.iter().find(|(seq, _)| *seq == p.seq) {
                let next = if next_short {
                    format!(
                        "with fewer figures after it than its columns, in a text that printed the figures of blocks {} before their labels",
                        figures_first.iter().filter(|b| **b != p.block).map(|b| format!("（{b}）")).collect::<String>()
                    )
                } else {
                    "with none after it".to_string()
                };
                self.notes.push(format!(
                    "table 二 row {}: in a page text, which prints nothing for an empty cell, its figures ({}) come right before a label of its block {next}, and may be that row's — its cells are missing",
                    p.key,
                    place::printed(&p.values)
                ));
                continue;
            }
            if let Some((_, amid)) = self.figures_amid_label.iter().find(|(seq, _)| *seq == p.seq) {
                self.notes.push(format!(
                    "table 二 row {}: figures ({}) stand between pieces of its label's line that read as text (a figure run into its unit, or cut) — which cells they are cannot be told, so its cells are missing",
                    p.key,
                    amid.join(" ")
                ));
                continue;
            }
            if let Some((_, more)) = self.overfull.iter().find(|(seq, _)| *seq == p.seq) {
                self.notes.push(format!(
                    "table 二 row {}: more figures under its label than its columns ({} and then {}) — which are its own cannot be told, so its cells are missing",
                    p.key,
                    place::printed(&p.values),
                    more.join(" ")
                ));
                continue;
            }
            // Any other row may hold a figure so cut beside a cell that printed nothing
            // (where two rows or more show such figures: see [`Reader::resolve_anchors`]).
            if self.overfull.len() >= 2 {
                overfull_others += 1;
                continue;
            }
            let Some(block) = Table::Proactive.def().block(p.block) else { continue };
            // Nothing printed after its label, and a figure of its block stood under no
            // label: that figure may be its own, so its cells are not blank but unknown.
            if !p.printed() && self.stray.iter().any(|(b, ..)| b.is_empty() || *b == p.block) {
                self.notes.push(format!(
                    "table 二 row {}: no figure after its label, and a figure of its block stands under no label — its cells are missing",
                    p.key
                ));
                continue;
            }
            // In a page text, a figure of its block under no label shows the block's figures
            // came out of their rows' order (a converter reading it by columns or cells):
            // the figures after this label may be other rows'.
            if self.page_text && p.printed() && self.stray.iter().any(|(b, ..)| b.is_empty() || *b == p.block) {
                self.notes.push(format!(
                    "table 二 row {}: figures of its block stand under no label (a page text that printed the block out of order), so the figures after its label ({}) may be other rows' — its cells are missing",
                    p.key,
                    place::printed(&p.values)
                ));
                continue;
            }
            // Fewer figures after its label than its columns, and a figure of its block
            // under no label: that figure may be one of its cells (a cell of two lines whose
            // figure stands above the row's line, its unit below: `375548` / `政府集中采购
            // 23` / `元`), so the cells it left are not blank, and which of its cells the
            // figures it has are cannot be told either.
            if p.printed() && short(p) && self.stray.iter().any(|(b, ..)| b.is_empty() || *b == p.block) {
                self.notes.push(format!(
                    "table 二 row {}: fewer figures after its label ({}) than its columns, and a figure of its block stands under no label, which may be one of its cells — its cells are missing",
                    p.key,
                    p.values.iter().filter(|v| !v.is_empty()).map(|v| v.raw.trim()).collect::<Vec<_>>().join(" ")
                ));
                continue;
            }
            // A label with nothing printed after it (a sentence naming the item, say) gives
            // way to a later row of the same item that printed figures.
            if !p.printed()
                && self
                    .rows
                    .iter()
                    .any(|q| q.table == Table::Proactive && q.seq > p.seq && q.key == p.key && q.printed())
            {
                continue;
            }
            // Cells up to the last one printed (empty lines after it are no cells of it).
            let printed_cells =
                |values: &[Observed]| values.iter().rposition(|v| !v.raw.is_empty()).map_or(0, |i| i + 1);
            // A header that named some of the block's columns only, in the block's order (a
            // header cut into pieces, `本年制` / `发` / `件数` / `本` / `年废` …, whose other
            // cells no line completed), says nothing against the block's columns for a row
            // that printed a cell for each: they are its columns, as under no header.
            let in_block: Option<Vec<&'static ColDef>> = proactive.map(|v| block.columns_in(v).collect());
            let part_of_block = |c: &[&'static ColDef], all: &[&'static ColDef]| {
                c.len() < all.len() && {
                    let mut rest = all.iter();
                    c.iter().all(|c| rest.any(|a| a.key == c.key))
                }
            };
            let cols: Vec<&'static ColDef> = match (&p.cols, proactive) {
                (Some(c), Some(_))
                    if !self.headers_left_open.contains(&p.block)
                        && in_block
                            .as_ref()
                            .is_some_and(|all| part_of_block(c, all) && printed_cells(&p.values) == all.len()) =>
                {
                    let all = in_block.clone().unwrap_or_default();
                    self.notes.push(format!(
                        "table 二 row {}: its header named {} of its block's {} columns ({}); its {} cells are given the block's columns in the template's order",
                        p.key,
                        c.len(),
                        all.len(),
                        c.iter().map(|c| c.label).collect::<Vec<_>>().join("、"),
                        all.len()
                    ));
                    all
                }
                (Some(c), _) => c.clone(),
                (None, Some(_)) => in_block.clone().unwrap_or_default(),
                (None, None) => {
                    self.notes.push(format!(
                        "table 二 row {}: the values {} cannot be given columns: nothing tells whether the table is the 2019 or the 2021 form — its cells are missing",
                        p.key,
                        p.values.iter().map(|v| v.raw.as_str()).collect::<Vec<_>>().join(" ")
                    ));
                    continue;
                }
            };
            // The header may name fewer columns than the block has (a header cut into
            // pieces): the block's own width in the version tells too.
            let width = proactive.map_or(cols.len(), |v| block.columns_in(v).count());
            let figures = p.values.iter().filter(|v| !v.raw.is_empty()).count();
            if self.page_cells
                && figures != cols.len()
                && !one_per_column(&mut self.notes, Table::Proactive, &p.key, &p.values, width)
            {
                continue;
            }
            if self.page_text && order_may_be_the_fonts(&p.values) {
                self.notes.push(format!(
                    "table 二 row {}: its figures ({}) are printed in two kinds of characters (full-width and ASCII, two fonts), which a PDF's page text may give in either font's order rather than the columns' — its cells are missing",
                    p.key,
                    place::printed(&p.values)
                ));
                continue;
            }
            raw.push(RawRow::new(p.key.clone(), &cols, p.values.clone(), p.seq).laid_out());
        }
        if self.overfull.len() >= 2 {
            self.notes.push(format!(
                "table 二: {} row(s) print more figures under a label than the row has columns, as where a converter cut figures in two (a line per tag) — the table's other {overfull_others} row(s) may hold such figures too, so none is read",
                self.overfull.len()
            ));
        }
        if !raw.is_empty() {
            let mut placed = place::place(Table::Proactive, proactive.unwrap_or(Version::Both), raw);
            versions.proactive = proactive;
            for c in placed.cells.iter_mut().filter(|c| given.contains(&c.row)) {
                c.placement = Placement::Assumed;
            }
            out.cells.extend(placed.cells);
            out.notes.extend(placed.notes);
        }

        // Table 三.
        let reordered = self.order_split_rows(applications);
        let app_cols: Vec<&'static ColDef> = Table::Applications.def().blocks[0].columns.iter().collect();
        let mut raw: Vec<RawRow> = Vec::new();
        // A header read as 法人或其他组织 without its five kinds may be one whose kinds a
        // conversion broke into pieces (商业企 | 业): two rows or more that print a figure
        // for each of the seven columns, six adding up to the seventh, say so. Three figures
        // that add up are then no sure 自然人, 法人或其他组织 and 总计 (a row that printed
        // nothing under 自然人 reads the same): still read so, marked assumed.
        // Rows of four to six figures that add up say the same of a table whose columns the
        // reading lost (a PDF's header broken, one column gone: `35 12 1 2 4 54`).
        // Each row that adds up: its seq and its printed figures.
        let adding_up: Vec<(usize, Vec<Observed>)> = if self.short_applicants {
            self.rows
                .iter()
                .filter(|p| p.table == Table::Applications)
                .map(|p| (p.seq, p.values.iter().filter(|v| !v.raw.is_empty()).cloned().collect::<Vec<_>>()))
                .filter(|(_, printed)| {
                    place::sum_and_total(printed).is_some_and(|(parts, total)| (parts - total).abs() < 1e-6)
                })
                .collect()
        } else {
            Vec::new()
        };
        // Where those of seven figures print them, by their lines' character columns.
        let full_at: Vec<(usize, Vec<f32>)> = adding_up
            .iter()
            .filter(|(_, printed)| printed.len() == app_cols.len())
            .filter_map(|(seq, printed)| printed.iter().map(|v| v.x).collect::<Option<Vec<f32>>>().map(|xs| (*seq, xs)))
            .collect();
        let full_rows = adding_up.iter().filter(|(_, printed)| printed.len() == app_cols.len()).count();
        let wider_rows =
            adding_up.iter().filter(|(_, printed)| printed.len() > 3 && printed.len() < app_cols.len()).count();
        let seven_columns = full_rows >= 2 || wider_rows >= 2;
        let evidence = if full_rows >= 2 {
            format!("{full_rows} rows print seven figures")
        } else {
            format!("{wider_rows} rows print four to six figures that add up")
        };
        let mut assumed: Vec<Cow<'static, str>> = Vec::new();
        for p in self.rows.iter().filter(|p| p.table == Table::Applications) {
            if let Some((parts, total)) = unbalanced_full_row(&p.values, app_cols.len()) {
                self.notes.push(format!(
                    "table 三 row {}: its figures ({}) do not add up to their 总计 ({parts} ≠ {total}): read without the table's layout, they may belong to more than one row — its cells are missing",
                    p.key,
                    place::printed(&p.values[..app_cols.len()])
                ));
                continue;
            }
            if self.short_applicants {
                // 自然人 | 法人或其他组织 | 总计: the middle figure belongs to no template cell.
                let vals: Vec<&Observed> = p.values.iter().filter(|v| !v.raw.is_empty()).collect();
                // Laid out with columns skipped between them, the first clear of 自然人's
                // column in the rows of seven figures nearest: not 自然人, 法人或其他组织 and
                // 总计, but figures placed by those rows' columns, as any short row.
                let elsewhere =
                    || spaced_apart(&vals) && vals[0].x.is_some_and(|x| off_first_column(x, p.seq, &full_at));
                if vals.len() == 3 && !elsewhere() {
                    let np = app_cols.iter().find(|c| c.key == "natural_person").copied();
                    let total = app_cols.iter().find(|c| c.key == "total").copied();
                    // The three are the row only when they add up (自然人 + 法人或其他组织 =
                    // 总计): in text whose columns a converter scattered, a row's label may
                    // stand beside three figures of other rows.
                    let numbers: Vec<Option<f64>> = vals.iter().map(|v| classify(&v.raw).1).collect();
                    if seven_columns {
                        self.notes.push(format!(
                            "table 三 row {}: three figures ({} {} {}) read as 自然人, 法人或其他组织 and 总计, as its header names them, though {evidence}: a reading (assumed) — a row that printed nothing under 自然人 reads the same",
                            p.key, vals[0].raw, vals[1].raw, vals[2].raw
                        ));
                        assumed.push(p.key.clone());
                    }
                    if let [Some(a), Some(b), Some(t)] = numbers[..] {
                        if (a + b - t).abs() > 1e-9 {
                            self.notes.push(format!(
                                "table 三 row {}: the figures beside its label ({} {} {}) are not 自然人, 法人或其他组织 and 总计 ({a} + {b} ≠ {t}): which belong to it cannot be told — its cells are missing",
                                p.key, vals[0].raw, vals[1].raw, vals[2].raw
                            ));
                            continue;
                        }
                    }
                    if let (Some(np), Some(total)) = (np, total) {
                        raw.push(RawRow::new(
                            p.key.clone(),
                            &[np, total],
                            vec![vals[0].clone(), vals[2].clone()],
                            p.seq,
                        ));
                        self.notes.push(format!(
                            "table 三 row {}: 法人或其他组织 printed as one column ({}); its five kinds are missing",
                            p.key, vals[1].raw
                        ));
                        continue;
                    }
                }
            }
            if self.page_cells {
                if !one_per_column(&mut self.notes, Table::Applications, &p.key, &p.values, app_cols.len()) {
                    continue;
                }
                // A line per figure: the figures after a label run on into the next row's
                // when a row printed fewer. Only a row whose 总计 is a number its six other
                // figures add up to is known to be one row.
                let printed: Vec<Observed> = p.values.iter().filter(|v| !v.raw.is_empty()).cloned().collect();
                if !place::sum_and_total(&printed).is_some_and(|(parts, total)| (parts - total).abs() < 1e-6) {
                    self.notes.push(format!(
                        "table 三 row {}: its figures ({}) in a page text printed a figure per line are not six that add up to a 总计: they may run on from another row — its cells are missing",
                        p.key,
                        place::printed(&printed)
                    ));
                    continue;
                }
            }
            if self.page_text && surplus_unknown(&p.values, app_cols.len()) {
                self.notes.push(format!(
                    "table 三 row {}: {} values for {} columns ({}), empty ones before and between its figures: which is the surplus cannot be told (a page text) — its cells are missing",
                    p.key,
                    p.values.len(),
                    app_cols.len(),
                    place::printed(&p.values)
                ));
                continue;
            }
            let mut row = RawRow::new(p.key.clone(), &app_cols, p.values.clone(), p.seq).laid_out();
            row.label_at = p.label_at;
            row.label_end = p.label_end;
            row.page = self.pages.get(p.seq).copied();
            raw.push(row);
        }
        if !raw.is_empty() {
            let (centres, narrow) = self.app_header();
            let header =
                centres.as_deref().map(|centres| place::Header { centres, page: self.app_header_page, narrow });
            let mut placed = place::place_with_header(Table::Applications, applications, raw.clone(), header);
            if let Some(better) = self.rows_unprinted_blank(applications, raw, header, &placed) {
                placed = better;
            }
            for c in placed.cells.iter_mut() {
                if self.in_order.contains(&c.row.as_ref()) || assumed.contains(&c.row) {
                    c.placement = Placement::Assumed;
                } else if reordered.contains(&c.row.as_ref()) && c.placement == Placement::Exact {
                    c.placement = Placement::Arithmetic;
                }
            }
            versions.applications = Some(applications);
            out.cells.extend(placed.cells);
            out.notes.extend(placed.notes);
        }

        // Table 四. Its header read with no figure or mark under it: a PDF's text of a
        // table that left every cell empty ([`super::unprinted`]).
        if self.appeal_columns_read
            && self
                .appeals
                .iter()
                .all(|i| matches!(i, AppealItem::Row(_)) || matches!(i, AppealItem::Value(v) if v.raw.is_empty()))
        {
            out.headed_without_figures.push((Table::Appeals, Version::Both));
        }
        // Table 三 the same way, where its labels tell which form it has.
        if !self.app_figured && !out.cells.iter().any(|c| c.tbl == Table::Applications) {
            if let Some(version) = bare_applications(&self.app_bare_labels) {
                out.headed_without_figures.push((Table::Applications, version));
            }
        }
        let mut notes = Vec::new();
        let appeal_rows = self.appeal_rows().filter(|(raw, _)| {
            // One run of fifteen figures (no row label before each kind's), among which a
            // line named columns: a page text's blocks, in no order the table tells.
            if self.page_text && self.appeal_columns_amid_figures && raw.len() == 1 {
                notes.push(
                    "table 四: a line naming its columns stands among its figures, and no row label leads each kind of case — in a page text its figures may have come out of their order, so its cells are missing"
                        .to_string(),
                );
                return false;
            }
            let values: Vec<Observed> = raw.iter().flat_map(|r| r.values.iter().cloned()).collect();
            let slots = raw.iter().map(|r| r.slots.len()).sum();
            !self.page_cells
                || one_per_column(&mut notes, Table::Appeals, "review+suit_direct+suit_after_review", &values, slots)
        });
        self.notes.extend(notes);
        if let Some((raw, shifted)) = appeal_rows {
            // One run of its cells in laid-out text: its figures' places under the header's
            // names, on the header's page, tell their columns where the run is short.
            let centres = appeal_columns(&self.appeal_header_pieces)
                .filter(|_| raw.len() == 1 && self.appeal_header_page == self.appeal_figures_page);
            let header = centres.as_deref().map(|centres| place::Header { centres, page: None, narrow: false });
            // (An empty line there is no cell: the figures' places say which are empty.)
            let mut raw = raw;
            if header.is_some() {
                raw[0].values.retain(|v| !v.raw.is_empty() || v.x.is_some());
            }
            // One run of figures, in printed order (an empty line is no cell of a run short
            // of cells). Where the sums and the places under the header leave it open, the
            // placements by the sums alone hold every one the places allow, so the cells
            // those all fill alike are filled alike by these too.
            let run: Option<Vec<String>> = (raw.len() == 1)
                .then(|| raw[0].values.iter().map(|v| v.raw.trim().to_string()).filter(|r| !r.is_empty()).collect());
            let mut placed = place::place_with_header(Table::Appeals, Version::Both, raw, header);
            if placed.cells.is_empty() {
                out.open_appeals = run;
            }
            if let Some(note) = shifted {
                for c in placed.cells.iter_mut().filter(|c| c.placement == Placement::Exact) {
                    c.placement = Placement::Arithmetic;
                }
                self.notes.push(note);
            }
            if self.page_cells {
                if let Some(why) = appeals_unbalanced(&placed.cells) {
                    self.notes.push(format!(
                        "table 四: {why}: in a page text its figures may have come out of their order — its cells are missing"
                    ));
                    placed.cells.clear();
                }
            }
            if !placed.cells.is_empty() {
                versions.appeals = Some(Version::Both);
            }
            out.cells.extend(placed.cells);
            out.notes.extend(placed.notes);
        }
        // A cell printed twice (a row read twice): the first is kept. Template cells are
        // told apart by their position, the few others by their keys.
        let mut seen = [0u64; 16];
        let mut seen_outside: Vec<(Table, Cow<'static, str>, &'static str)> = Vec::new();
        out.cells.retain(|c| match template::position(c.tbl, &c.row, c.col).filter(|&p| p < 64 * seen.len()) {
            Some(p) => {
                let bit = 1u64 << (p % 64);
                let fresh = seen[p / 64] & bit == 0;
                seen[p / 64] |= bit;
                fresh
            }
            None => {
                let fresh = !seen_outside.iter().any(|(t, r, col)| *t == c.tbl && *r == c.row && *col == c.col);
                if fresh {
                    seen_outside.push((c.tbl, c.row.clone(), c.col));
                }
                fresh
            }
        });
        out.versions = versions;
        out.notes.extend(self.notes);
        out
    }

    /// Table 三 of a text that prints its zeros as nothing (no figure 0 anywhere in it, rows
    /// of fewer figures than columns), read with rows the sums could not place: a row of
    /// the template the text gave no figure to printed none, as the table's empty cells
    /// print nothing. Where every such row read blank lets the sums place rows they left
    /// open, and changes no cell placed without them, that reading is kept: the blank rows
    /// and the rows it placed marked assumed, with a note. `placed` is `raw` as placed
    /// without them; None when the reading is not taken.
    fn rows_unprinted_blank(
        &self,
        version: Version,
        raw: Vec<RawRow>,
        header: Option<place::Header>,
        placed: &place::Placed,
    ) -> Option<place::Placed> {
        let table = Table::Applications;
        let read: Vec<String> = raw.iter().map(RawRow::name).collect();
        let printed = || raw.iter().flat_map(|r| r.values.iter()).filter(|v| !v.raw.is_empty());
        // (Of the rows read: the sums may have read rows not read blank already.)
        let open = placed.cells.iter().filter(|c| c.tbl == table && read.iter().any(|k| *k == c.row)).count()
            < raw.iter().map(|r| r.slots.len()).sum();
        let zeros_as_nothing = printed().all(|v| classify(&v.raw).1 != Some(0.0))
            && raw.iter().any(|r| r.values.iter().filter(|v| !v.raw.is_empty()).count() < r.slots.len());
        // The table read to its last row, so that rows with no figure are rows that printed
        // none; and its rows of totals read (a table with figures prints them: one unread
        // lost them).
        let to_its_end = read.iter().any(|k| k == "carry_forward") || self.app_bare_labels.contains("结转下年度");
        let totals_read = ["new_received", "results_total"].iter().all(|t| read.iter().any(|k| k == t));
        if version == Version::Both || !open || !zeros_as_nothing || !to_its_end || !totals_read || self.page_cells {
            return None;
        }
        let blank_keys: Vec<&'static str> = table
            .def()
            .rows()
            .filter(|d| d.versions.fits(version) && !read.iter().any(|k| k == d.key))
            .map(|d| d.key)
            .collect();
        if blank_keys.is_empty() {
            return None;
        }
        // Rows placed whole before: a row the sums left open may have had some cells read
        // (those every placement fills alike), which a reading on an assumption does not
        // give; it is judged by its whole rows.
        let whole: Vec<String> = raw
            .iter()
            .filter(|r| {
                let name = r.name();
                placed.cells.iter().filter(|c| c.tbl == table && c.row == name).count() == r.slots.len()
            })
            .map(RawRow::name)
            .collect();
        let cols: Vec<&'static ColDef> = table.def().blocks[0].columns.iter().collect();
        let mut rows = raw;
        rows.extend(blank_keys.iter().map(|&key| {
            RawRow::new(Cow::Borrowed(key), &cols, vec![Observed::empty(); cols.len()], usize::MAX).laid_out()
        }));
        let mut with = place::place_on_assumption(table, version, rows, header);
        let of_read = |c: &crate::report::CellValue| c.tbl == table && !blank_keys.contains(&c.row.as_ref());
        let before: Vec<&crate::report::CellValue> =
            placed.cells.iter().filter(|c| of_read(c) && whole.iter().any(|w| *w == c.row)).collect();
        let after = with.cells.iter().filter(|c| of_read(c)).count();
        // Every cell of a row placed whole before is placed the same, and more are.
        let same = before.iter().all(|b| {
            with.cells
                .iter()
                .any(|c| c.tbl == b.tbl && c.row == b.row && c.col == b.col && c.raw == b.raw && c.state == b.state)
        });
        if after <= before.len() || !same {
            return None;
        }
        let newly: Vec<String> = with
            .cells
            .iter()
            .filter(|c| of_read(c) && !before.iter().any(|b| b.row == c.row && b.col == c.col))
            .map(|c| c.row.to_string())
            .fold(Vec::new(), |mut rows, r| {
                if !rows.contains(&r) {
                    rows.push(r);
                }
                rows
            });
        for c in with.cells.iter_mut() {
            if c.tbl == table && (blank_keys.contains(&c.row.as_ref()) || newly.iter().any(|r| *r == c.row)) {
                c.placement = Placement::Assumed;
            }
        }
        with.notes.push(format!(
            "table 三: it prints no 0 (its zeros left empty), and {} of its rows gave no figure ({}): read as rows that printed none (blank, marked assumed), the sums place {} more row(s) ({}, marked assumed)",
            blank_keys.len(),
            blank_keys.join(", "),
            newly.len(),
            newly.join(", ")
        ));
        Some(with)
    }

    /// Table 四 as rows: three rows when each kind of case has its own label followed by
    /// its values, else one run of all fifteen cells (with a note when its first cells
    /// were found empty by its sums: [`Reader::first_cells_empty`]).
    fn appeal_rows(&self) -> Option<(Vec<RawRow>, Option<String>)> {
        let values: Vec<&Observed> =
            self.appeals.iter().filter_map(|i| if let AppealItem::Value(v) = i { Some(v) } else { None }).collect();
        if values.iter().all(|v| v.raw.is_empty()) {
            return None;
        }
        let block = &Table::Appeals.def().blocks[0];
        let cols: Vec<&'static ColDef> = block.columns.iter().collect();
        // Per kind of case: the values right after its label.
        let mut segments: Vec<(&'static str, Vec<Observed>)> = Vec::new();
        for item in &self.appeals {
            match item {
                AppealItem::Row(k) => segments.push((k, Vec::new())),
                AppealItem::Value(v) => {
                    if let Some(last) = segments.last_mut() {
                        last.1.push(v.clone());
                    } else {
                        segments.push(("", vec![v.clone()]));
                    }
                }
            }
        }
        let with_values: Vec<&(&'static str, Vec<Observed>)> =
            segments.iter().filter(|(_, v)| v.iter().any(|o| !o.raw.is_empty())).collect();
        let per_row = with_values.len() == block.rows.len()
            && with_values
                .iter()
                .zip(block.rows)
                .all(|((k, v), r)| *k == r.key && v.iter().filter(|o| !o.raw.is_empty()).count() <= cols.len());
        if per_row {
            return Some((
                with_values
                    .iter()
                    .enumerate()
                    .map(|(i, (k, v))| RawRow::new(Cow::Borrowed(k), &cols, v.clone(), i).laid_out())
                    .collect(),
                None,
            ));
        }
        let slots: Vec<Slot> = block
            .rows
            .iter()
            .flat_map(|r| block.columns.iter().map(move |c| Slot { row: Cow::Borrowed(r.key), col: c }))
            .collect();
        // Empty lines before the first value or after the fifteenth belong to no cell.
        let mut vals: Vec<Observed> = values.into_iter().cloned().collect();
        while vals.first().is_some_and(|v| v.raw.is_empty()) {
            vals.remove(0);
        }
        let whole = vals.len() == slots.len();
        let shifted = self.first_cells_empty(&vals, slots.len());
        let note = shifted.as_ref().map(|(k, last, _)| {
            if whole {
                format!(
                    "table 四: read from its first figure, its sums do not hold; with the {k} empty line(s) before that figure as its first cells (and as many after its last left out) they do — read so, cells marked arithmetic"
                )
            } else {
                format!(
                    "table 四: {} value(s) from its first figure for 15 cells; with the {k} empty line(s) before that figure as its first cells and {last} after its last as its last, its sums hold, and for no other count — read so, cells marked arithmetic",
                    vals.len()
                )
            }
        });
        let values = shifted.map_or(vals, |(_, _, v)| v);
        Some((
            vec![RawRow {
                slots,
                values,
                seq: 0,
                positions: Positions::Layout,
                label_at: None,
                label_end: None,
                page: None,
            }],
            note,
        ))
    }

    /// Table 四 as one run of fifteen values read from its first figure, in text of a cell
    /// per line: the empty lines just before that figure (after the header's last label)
    /// may be its first cells, and the empty lines after its last figure its last cells or
    /// none (the line that parts the table from the text after it). A run of fifteen is
    /// shifted only when its three sums (维持 + 纠正 + 其他 + 尚未审结 = 总计) fail as read; a
    /// shorter run, which cannot be read as it stands, takes as many empty lines from
    /// before and after its figures as make fifteen. Either only when the sums hold for one
    /// count of the empty lines before alone. Returns how many empty cells were put first
    /// and last, and the values.
    fn first_cells_empty(&self, vals: &[Observed], width: usize) -> Option<(usize, usize, Vec<Observed>)> {
        if !self.cell_per_line || self.appeal_blanks == 0 || vals.len() > width {
            return None;
        }
        // Up to the last figure; the empty lines after it.
        let printed = vals.iter().rposition(|o| !o.raw.is_empty()).map_or(0, |i| i + 1);
        let after = vals.len() - printed;
        let holds = |v: &[Observed]| -> Option<bool> {
            let n: Vec<f64> = v
                .iter()
                .map(|o| match super::cell::classify(&o.raw) {
                    (_, Some(x), _) => Some(x),
                    (State::Blank, None, _) => Some(0.0),
                    _ => None,
                })
                .collect::<Option<_>>()?;
            Some(n.chunks(5).all(|k| k.len() == 5 && (k[..4].iter().sum::<f64>() - k[4]).abs() < 1e-9))
        };
        if vals.len() == width && holds(vals) != Some(false) {
            return None;
        }
        // k empty cells first, the figures, and the rest of the fifteen from the empty
        // lines after them.
        let shifts: Vec<(usize, usize, Vec<Observed>)> = (1..=self.appeal_blanks.min(width - printed))
            .map(|k| (k, width - printed - k))
            .filter(|&(_, last)| last <= after)
            .map(|(k, last)| {
                let empty = || std::iter::repeat_with(Observed::empty);
                (k, last, empty().take(k).chain(vals[..printed].iter().cloned()).chain(empty().take(last)).collect())
            })
            .filter(|(_, _, v): &(usize, usize, Vec<Observed>)| holds(v) == Some(true))
            .collect();
        match <[_; 1]>::try_from(shifts) {
            Ok([one]) => Some(one),
            Err(_) => None,
        }
    }
}

/// The table 二 columns a header line names, one per header cell (cells split at spaces),
/// with the template version each header's wording is evidence of.
fn header_cols(line: &Line) -> Vec<(&'static ColDef, Version)> {
    header_cols_at(line).into_iter().map(|(c, v, _)| (c, v)).collect()
}

/// The cells of a header line (its label runs split at spaces), each with the character
/// column of its run.
fn header_cells(line: &Line) -> impl Iterator<Item = (&str, Option<f32>)> {
    line.toks.iter().filter(|t| t.kind == Kind::Label).flat_map(|t| t.raw.split_whitespace().map(move |c| (c, t.x)))
}

/// How many pieces of table 三's header lines are gathered at most: a header has a few
/// dozen; more is text that is no header (and [`stacked_names`] compares them pairwise).
const MOST_HEADER_PIECES: usize = 400;

/// A run of a table 三 header line of laid-out text: its line, its text (in
/// [`labels::key`] form), the character column it starts at and its width.
/// How much of table 三's labels [`Reader::app_bare_labels`] keeps: a table's labels are
/// under 1 KB, even with every character on a line of its own.
const MOST_BARE_LABEL_BYTES: usize = 8 * 1024;

/// The form of a table 三 whose header and row labels (`labels`, as printed, in any order:
/// laid-out text interleaves the lines of its label columns) came with no figure under
/// them, when the labels tell it; None when they are not table 三's or do not tell.
///
/// Its header and first two rows must be there (申请人情况 or 法人或其他组织, 本年新收,
/// 上年结转, 总计). Only 2021's （六） rows hold 逾 (逾期不补正) and 缴 (未按收费通知要求缴纳费用),
/// so a table with both is the 2021 form; one with neither whose labels reach the last
/// row before （六） (确认或重新出具已获取信息) is the 2019 form. Characters, not words, so
/// that labels broken over lines still tell.
fn bare_applications(labels: &str) -> Option<Version> {
    let headed = labels.contains("申请人情况") || labels.contains("法人或其他组织");
    if !headed || !labels.contains("本年新收") || !labels.contains("上年结转") || !labels.contains("总计") {
        return None;
    }
    match (labels.contains('逾'), labels.contains('缴')) {
        (true, true) => Some(Version::V2021),
        (false, false) if labels.contains("出具") => Some(Version::V2019),
        _ => None,
    }
}

/// Gather the pieces of a header line of laid-out text (each run of its labels, at the
/// character column it starts at) into `pieces`, up to [`MOST_HEADER_PIECES`].
fn gather_pieces(line: &Line, seq: usize, pieces: &mut Vec<Piece>) {
    for tok in line.toks.iter().filter(|t| t.kind == Kind::Label) {
        let Some(x) = tok.x else { continue };
        for (run, start) in runs_of(tok, x) {
            let key = labels::key(run);
            if !key.is_empty() && pieces.len() < MOST_HEADER_PIECES {
                let width = run.chars().count() as f32;
                pieces.push(Piece { seq, key, start, width });
            }
        }
    }
}

/// Table 四's fifteen columns, as the character columns of their names' middles, from the
/// pieces of its header lines in laid-out text: each name printed whole on a line
/// (`结果维持`) or wrapped in its narrow cell, its pieces on lines one after another, each
/// under the one before it (`结果` over `维持`, a group's name such as 复议后起诉 above
/// them). The names must be the five of a kind of case (结果维持, 结果纠正, 其他结果, 尚未审结,
/// 总计) three times over, left to right; None otherwise.
fn appeal_columns(pieces: &[Piece]) -> Option<Vec<f32>> {
    let cols = &Table::Appeals.def().blocks[0].columns;
    let keys: Vec<String> = cols.iter().map(|c| labels::key(c.label)).collect();
    let longest = keys.iter().map(String::len).max().unwrap_or(0);
    // From each piece up through the pieces above it, until the pieces spell a name.
    let mut found: Vec<(f32, usize)> = Vec::new();
    for last in pieces {
        let mut name = last.key.clone();
        let (mut left, mut right) = (last.start, last.start + last.width);
        let mut top = last;
        loop {
            if let Some(column) = keys.iter().position(|k| *k == name) {
                found.push(((left + right) / 2.0, column));
                break;
            }
            let Some(above) = pieces.iter().find(|p| top.stands_under(p)) else { break };
            if name.len() + above.key.len() > longest {
                break;
            }
            name.insert_str(0, &above.key);
            left = left.min(above.start);
            right = right.max(above.start + above.width);
            top = above;
        }
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    let kinds = cols.len();
    let in_order = found.len() == 3 * kinds
        && found.iter().enumerate().all(|(i, (_, column))| *column == i % kinds)
        && found.windows(2).all(|w| w[0].0 < w[1].0);
    in_order.then(|| found.into_iter().map(|(at, _)| at).collect())
}

#[derive(Debug)]
struct Piece {
    seq: usize,
    key: String,
    start: f32,
    width: f32,
}

impl Piece {
    /// Does this piece stand right under `above`: on the next line, starting or centred
    /// within a character of it (a name wrapped in its narrow cell)?
    fn stands_under(&self, above: &Piece) -> bool {
        self.seq == above.seq + 1
            && ((above.start - self.start).abs() <= 1.0
                || (above.start + above.width / 2.0 - self.start - self.width / 2.0).abs() <= 1.0)
    }
}

/// Table 三's column names wrapped in narrow cells over header lines of laid-out text, as
/// (column, character column of its middle): pieces on lines one after another, each
/// standing under the one before it (starting or centred within a character of it), that
/// joined spell a column's name, a name no other such chain spells at another place.
fn stacked_names(pieces: &[Piece]) -> Vec<(usize, f32)> {
    let keys: Vec<String> = Table::Applications.def().blocks[0].columns.iter().map(|c| labels::key(c.label)).collect();
    let mut found: Vec<(usize, f32)> = Vec::new();
    let mut twice: Vec<usize> = Vec::new();
    for first in pieces {
        let mut name = first.key.clone();
        let (mut left, mut right) = (first.start, first.start + first.width);
        let mut last = first;
        let mut next = Some(first);
        while let Some(piece) = next {
            if !std::ptr::eq(piece, first) {
                name.push_str(&piece.key);
                left = left.min(piece.start);
                right = right.max(piece.start + piece.width);
                last = piece;
            }
            next = pieces.iter().find(|p| p.stands_under(last));
            if let Some(column) = keys.iter().position(|k| *k == name) {
                let mid = (left + right) / 2.0;
                match found.iter().find(|(c, _)| *c == column) {
                    Some((_, at)) if (at - mid).abs() > 1.0 => twice.push(column),
                    Some(_) => {}
                    None => found.push((column, mid)),
                }
                break;
            }
            if name.len() >= keys.iter().map(String::len).max().unwrap_or(0) {
                break;
            }
        }
    }
    found.retain(|(c, _)| !twice.contains(c));
    found
}

/// The start of a table 三 header name wrapped in its narrow cell (`社会公益`, of
/// 社会公益组织), on a header line of laid-out text.
#[derive(Debug)]
struct OpenName {
    /// The column it names.
    column: usize,
    /// The character columns where the piece starts and of its middle.
    start: f32,
    mid: f32,
    /// What the name still lacks (in [`labels::key`] form): `组织`.
    rest: String,
}

/// The runs of a label token at character column `x` (the middle of its first run), each
/// with the character column it starts at: a label's runs are a single space apart.
fn runs_of(tok: &Tok, x: f32) -> Vec<(&str, f32)> {
    let mut out = Vec::new();
    let mut start = None;
    for run in tok.raw.split(' ') {
        let width = run.chars().count() as f32;
        let at = start.unwrap_or(x - width / 2.0);
        out.push((run, at));
        start = Some(at + width + 1.0);
    }
    out
}

/// Every choice of `k` of the indices `0..n`, each in increasing order (none when `n` is
/// more than 8: a header line has a handful of cells).
fn ordered_choices(n: usize, k: usize) -> Vec<Vec<usize>> {
    if n > 8 || k > n {
        return Vec::new();
    }
    (0u32..1 << n)
        .filter(|mask| mask.count_ones() as usize == k)
        .map(|mask| (0..n).filter(|i| mask & 1 << i != 0).collect())
        .collect()
}

/// [`header_cols`], each column with the character column of the run that names it.
fn header_cols_at(line: &Line) -> Vec<(&'static ColDef, Version, Option<f32>)> {
    let mut found = Vec::new();
    for (cell, x) in header_cells(line) {
        let key = labels::key(cell);
        // Header cells run together (a page text prints a row of short cells as one line
        // without spaces): each column they name, in order.
        let mut several = template::match_proactive_headers(&key);
        several.dedup_by(|a, b| std::ptr::eq(a.0, b.0));
        if several.windows(2).any(|w| !std::ptr::eq(w[0].0, w[1].0)) {
            found.extend(several.into_iter().map(|(c, v)| (c, v, x)));
        } else {
            found.extend(template::match_proactive_header(&key).map(|(c, v)| (c, v, x)));
        }
    }
    found
}

/// The cells of a table 二 header line that name no column (信息内容 aside), as
/// [`labels::key`] forms with their character columns: the upper halves of wrapped header
/// cells, if the next line completes them.
fn unnamed_header_cells(line: &Line) -> Vec<(String, Option<f32>)> {
    header_cells(line)
        .map(|(cell, x)| (labels::key(cell), x))
        .filter(|(key, _)| {
            let names_one =
                template::match_proactive_header(key).is_some() || !template::match_proactive_headers(key).is_empty();
            !names_one && !key.contains("信息内容")
        })
        .collect()
}

/// A table 三 row of one figure per column (trailing empty cells aside) with its 总计
/// printed, whose other figures do not add up to it (blanks as 0): (their sum, the 总计).
/// A layout-free reading guesses where a row's figures end; figures that do not add up
/// were more likely gathered from two rows than printed so.
fn unbalanced_full_row(values: &[Observed], columns: usize) -> Option<(f64, f64)> {
    let end = values.iter().rposition(|v| !v.raw.is_empty())? + 1;
    if end != columns {
        return None;
    }
    let (parts, total) = place::sum_and_total(&values[..end])?;
    ((parts - total).abs() > 1e-6).then_some((parts, total))
}

/// In a page text printed a cell per line, blocks parted by empty lines (pdftotext without
/// `-layout` or `-raw`), a row is read only when it printed one figure per column: a cell
/// that printed nothing leaves no trace there (no empty line, no gap), and a figure fewer
/// may as well be one printed elsewhere, so which cells are blank cannot be told.
/// Otherwise a note, and false.
fn one_per_column(notes: &mut Vec<String>, table: Table, row: &str, values: &[Observed], columns: usize) -> bool {
    let printed = values.iter().filter(|v| !v.raw.is_empty()).count();
    if printed == columns {
        return true;
    }
    notes.push(format!(
        "table {} row {row}: {printed} figure(s) for {columns} columns ({}) in a page text, which prints nothing for an empty cell: which cells are blank cannot be told — its cells are missing",
        table.numeral(),
        place::printed(values)
    ));
    false
}

/// Whether a row's figures, as a PDF's page text gives them, may stand in another order
/// than their columns: some printed in full-width characters (`３７`, `无`: the CJK font)
/// and some in ASCII (`1`: the Latin font), not all one value. pdftotext without `-layout`
/// orders the words of a line by font as much as by place (`４ ３７ 1` for 4, 1, 37), so
/// only one kind of character a row keeps the columns' order. (Not figures laid out in
/// columns left to right, as `-layout` prints them by where they stand.)
fn order_may_be_the_fonts(values: &[Observed]) -> bool {
    let xs: Option<Vec<f32>> = values.iter().filter(|v| !v.raw.is_empty()).map(|v| v.x).collect();
    if xs.is_some_and(|xs| xs.windows(2).all(|w| w[1] - w[0] >= CLEAR)) {
        return false;
    }
    let printed: Vec<&str> = values.iter().map(|v| v.raw.trim()).filter(|r| !r.is_empty()).collect();
    let wide = |r: &&str| r.chars().next().is_some_and(|c| !c.is_ascii());
    if !printed.iter().any(wide) || printed.iter().all(wide) {
        return false;
    }
    // `０ ０ 0` reads the same in any order.
    let first = crate::normalize::norm(printed[0]);
    printed.iter().any(|r| crate::normalize::norm(r) != first)
}

/// Table 四 read from a page text printed a cell per line, checked against the template's
/// sums of table 四 (R4: for each kind of case whose 总计 is a number, 维持 + 纠正 + 其他 +
/// 尚未审结, blanks as 0, must make it). Says which does not.
fn appeals_unbalanced(cells: &[crate::report::CellValue]) -> Option<String> {
    let of = |(row, col): template::CellKey| cells.iter().find(|c| c.row == row && c.col == col);
    let equations = template::EQUATIONS.iter().filter(|e| e.table == Table::Appeals);
    for instance in equations.flat_map(|e| e.instances(Version::Both)) {
        let Some(total) = instance.lhs.iter().map(|k| of(*k).and_then(|c| c.value)).sum::<Option<f64>>() else {
            continue;
        };
        let mut sum = 0.0;
        for key in &instance.rhs {
            match of(*key) {
                Some(c) if c.state == State::Number => sum += c.value.unwrap_or(0.0),
                Some(c) if c.state == State::Blank => {}
                _ => return Some(format!("row {}: a part of its 总计 is missing", instance.scope)),
            }
        }
        if (sum - total).abs() > 1e-6 {
            return Some(format!("row {}: its figures add up to {sum}, not to its 总计 {total}", instance.scope));
        }
    }
    None
}

/// The rows label lines name, one after another (a heading that is a row in 2019 only
/// — （六）其他处理 — and heads a named 2021 row of its family counts as that heading).
fn rows_one_after_another(named: &[&'static RowDef]) -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = named
        .iter()
        .filter(|r| {
            !(r.versions == Version::V2019
                && named.iter().any(|o| o.family == r.family && o.versions == Version::V2021))
        })
        .map(|r| r.key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The most columns a table 二 block has in either version.
/// Is a table 二 row one the agency added whose label is only the start of a row of its
/// block's (`行政`, of 行政处罚 and 行政强制)?
fn label_begins_a_row(p: &Pending) -> bool {
    let (Some(label), Some(block)) = (p.key.strip_prefix("extra:"), Table::Proactive.def().block(p.block)) else {
        return false;
    };
    begins_a_row(block, &labels::key(label))
}

/// Does `label` (in [`labels::key`] form) begin, and not end, a label of a row of `block`?
fn begins_a_row(block: &template::Block, label: &str) -> bool {
    block.rows.iter().flat_map(|r| r.patterns.iter()).any(|pat| {
        let pat = labels::key(pat);
        pat.len() > label.len() && pat.starts_with(label)
    })
}

fn proactive_width(block: &str) -> usize {
    Table::Proactive
        .def()
        .block(block)
        .map_or(3, |b| b.columns_in(Version::V2019).count().max(b.columns_in(Version::V2021).count()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::text;

    fn read(src: &str) -> Tables {
        extract(&text::read(src.as_bytes()).unwrap())
    }

    fn value(t: &Tables, tbl: Table, row: &str, col: &str) -> Option<f64> {
        t.cells.iter().find(|c| c.tbl == tbl && c.row == row && c.col == col).and_then(|c| c.value)
    }

    /// A table 三 row's seven values, 自然人 to 总计 (None for a cell not read).
    fn applications_row(t: &Tables, row: &str) -> Vec<Option<f64>> {
        ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]
            .iter()
            .map(|c| value(t, Table::Applications, row, c))
            .collect()
    }

    /// Seven figures as [`applications_row`] gives them.
    fn figures_of(xs: [f64; 7]) -> Vec<Option<f64>> {
        xs.map(Some).to_vec()
    }

    /// PyMuPDF's text of a PDF sorted by height (`get_text(sort=True)`) puts a row's
    /// figures and the label pieces a little lower on one line (`5 … 5 理 结 只计这一情形，`)
    /// and runs a row's first figure into its label (`（一）予以公开27`). Before, the first
    /// line's figures were lost without a word and 部分公开 took the next row's, all 0,
    /// exact; 予以公开 was one figure short, missing.
    #[test]
    fn figures_before_words_on_a_line_and_a_figure_run_into_its_label_are_read() {
        let lines = [
            "某局2021年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "",
            "                申请人情况",
            " （本列数据的勾稽关系",
            "            自然人  法人或其他组织",
            " 为：第一项加第二项之",
            " 和，等于第三项加第四        社会                             总计               商业 科研   法律服务",
            " 项之和）              公益     其他",
            "               企业 机构   机构",
            "                    组织",
            "",
            " 一、本年新收政府信息",
            "                   64    0  0   2   0      4   70",
            " 公开申请数量",
            "",
            "   二、上年结转政府信",
            "                   0     0  0   0   0      0   0",
            " 息公开申请数量",
            "",
            " 三 、 （一）予以公开27   0   0   2   0      1    30",
            " 本 年    （二）部分公开",
            " 度 办    （区分处理的，",
            "                   5    0   0   0   0      0   5 理 结    只计这一情形，",
            " 果    不计其他情形）",
            "",
            "    （三 1.属于国家",
            "                   0    0   0   0   0      0   0",
            "    ）不 秘密",
            "",
            "    予公        2.其他法律",
            "    开      行政法规禁 0    0   0   0   0      0   0",
            "      止公开",
            "四、政府信息公开行政复议、行政诉讼情况",
        ];
        let t = read(&lines.join("\n"));
        let row = |r: &str| applications_row(&t, r);
        assert_eq!(row("partial"), figures_of([5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0]), "{:?}", t.notes);
        assert_eq!(row("deny_state_secret"), figures_of([0.0; 7]), "{:?}", t.notes);
        assert_eq!(row("granted"), figures_of([27.0, 0.0, 0.0, 2.0, 0.0, 1.0, 30.0]), "{:?}", t.notes);
        assert_eq!(row("deny_law_forbidden"), figures_of([0.0; 7]), "{:?}", t.notes);
        assert!(
            t.notes.iter().any(|n| n.contains("the figure 27 ran into the label before it (（一）予以公开27)")),
            "{:?}",
            t.notes
        );
    }

    /// PyMuPDF's text sorted by height puts a piece of table 三's group labels, printed
    /// down its left, after the figures of the row it stands beside (`… 6 （三）不`), or
    /// glued to the row's last figure (`… 0 8结`). Before, those rows' figures were lost
    /// without a word (huaian-2024: 21 cells missing, no note).
    #[test]
    fn a_group_label_piece_after_a_rows_figures_leaves_them_the_rows() {
        let lines = [
            "某局2024年政府信息公开工作年度报告",
            "  三、收到和处理政府信息公开申请情况",
            "",
            "",
            "",
            "                                       申请人情况",
            "",
            "",
            "（本列数据的勾稽关系为：第一项加第二项之和，      法人或其他组织",
            "",
            "等于第三项加第四项之和）",
            "                        自然人                             总计",
            "                        商业企 科研机 社会公益 法律服务",
            "                                                   其他",
            "                             业    构    组织    机构",
            "",
            "",
            "一、本年新收政府信息公开申请数量                 3001       53        0          0           61          4       3119",
            "",
            "二、上年结转政府信息公开申请数量                  34        0         0          0           0          0        34",
            "",
            "    （一）予以公开                             1288       21        0          0           50          3       1362",
            "",
            "",
            "    （二）部分公开（区分处理的，只计这一情",
            "                                                  447        7         0          0           0          0        454",
            "    形，不计其他情形）",
            "",
            "",
            "          1.属于国家秘密                   2         0         0          0           0          0         2",
            "三、",
            "本        2.其他法律行政法规禁止公开      30        1         0          0           0          0        31",
            "",
            "年",
            "          3.危及“三安全一稳定”           5         0         0          0           0          0         5",
            "度",
            "",
            "办          4.保护第三方合法权益             6         0         0          0           0          0         6   （三）不",
            "理",
            "    予公开",
            "          5.属于三类内部事务信息           7         1         0          0           0          0         8结",
            "",
            "果         6.属于四类过程性信息            12        0         0          0           0          0        12",
            "",
            "          7.属于行政执法案卷               9         0         0          0           0          0         9",
            "",
            "          8.属于行政查询事项              105        0         0          0           0          0        105",
            "",
            "          1.本机关不掌握相关政府信息      746       12        0          0           10          1        769   （四）无",
            "",
            "    法提供   2.没有现成信息需要另行制作      11        0         0          0           0          0        11",
            "四、政府信息公开行政复议、行政诉讼情况",
        ];
        let t = read(&lines.join("\n"));
        let row = |r: &str| applications_row(&t, r);
        assert_eq!(row("deny_third_party"), figures_of([6.0, 0.0, 0.0, 0.0, 0.0, 0.0, 6.0]), "{:?}", t.notes);
        assert_eq!(row("deny_internal_affairs"), figures_of([7.0, 1.0, 0.0, 0.0, 0.0, 0.0, 8.0]), "{:?}", t.notes);
        assert_eq!(row("unable_not_held"), figures_of([746.0, 12.0, 0.0, 0.0, 10.0, 1.0, 769.0]), "{:?}", t.notes);
        assert_eq!(row("deny_process_info"), figures_of([12.0, 0.0, 0.0, 0.0, 0.0, 0.0, 12.0]), "{:?}", t.notes);
        assert_eq!(row("unable_need_creation"), figures_of([11.0, 0.0, 0.0, 0.0, 0.0, 0.0, 11.0]), "{:?}", t.notes);
    }

    /// BeautifulSoup's text of a page (`get_text("\n")`) whose cells nest paragraphs and
    /// spans: a line per tag, so each cell is its text and six empty lines, an empty cell
    /// seven, and more where the markup nests deeper. Taken for cells, the empty lines put
    /// figures under the wrong columns, exact (shuyang-fgj-2023: 29 cells wrong). No row
    /// of a text copied a cell per line holds more than seven empty lines between two of
    /// its figures: such a text's empty lines are no cells, and its rows of two figures
    /// are missing, with a note, not wrong.
    #[test]
    fn empty_lines_of_a_converters_layout_are_no_cells() {
        let mut t = String::from("某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n");
        for h in [
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "总计",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ] {
            t.push_str(h);
            t.push_str(&"\n".repeat(7));
        }
        let rows = [
            ("一、本年新收政府信息公开申请数量", "26"),
            ("二、上年结转政府信息公开申请数量", "0"),
            ("（一）予以公开", "26"),
            ("（二）部分公开", "0"),
            ("1.属于国家秘密", "0"),
            ("2.其他法律行政法规禁止公开", "0"),
            ("3.危及“三安全一稳定”", "0"),
            ("4.保护第三方合法权益", "0"),
            ("5.属于三类内部事务信息", "0"),
            ("6.属于四类过程性信息", "0"),
            ("7.属于行政执法案卷", "0"),
            ("8.属于行政查询事项", "0"),
        ];
        for (label, figure) in rows {
            t.push_str(&format!("{label}{}{figure}{}{figure}\n", "\n".repeat(7), "\n".repeat(42)));
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let read = read(&t);
        for c in read.cells.iter().filter(|c| c.tbl == Table::Applications) {
            let figure = rows.iter().find(|(l, _)| {
                template::Table::Applications.def().match_row(&labels::key(l)).is_some_and(|r| r.key == c.row)
            });
            let want = match (figure, c.col) {
                (Some((_, f)), "natural_person" | "total") => f.parse::<f64>().ok(),
                _ => None,
            };
            assert_eq!(c.value, want, "{} {}: {:?}", c.row, c.col, read.notes);
        }
        assert!(read.notes.iter().any(|n| n.contains("a converter's empty lines, not cells")), "{:?}", read.notes);
    }

    /// Table 二 and 三 as BeautifulSoup's text of a page writes them when a cell's figure is
    /// set in two runs (`<span>1</span><span>0</span>`): a line each, `1` and `0` for 10.
    /// A row then has more figures under its label than its columns; before, it took the
    /// first ones (规范性文件 1 0 2 for 10 2 17, exact). Where two rows show it, any row of
    /// the table may hold a figure so cut beside a cell that printed nothing, so none of the
    /// table is read. (One row alone is missing itself: see the page-text test's row that
    /// runs on, read without its page break.)
    #[test]
    fn a_figure_cut_in_two_leaves_its_table_unread() {
        let mut t = String::from("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n");
        for (label, figures) in
            [("规章", ["0", "0", "1", "3"].as_slice()), ("行政规范性文件", ["1", "0", "2", "17"].as_slice())]
        {
            t.push_str(label);
            t.push('\n');
            for f in figures {
                t.push_str(f);
                t.push('\n');
            }
        }
        t.push_str("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n");
        let rows: [(&str, &[&str]); 3] = [
            ("一、本年新收政府信息公开申请数量", &["4", "6", "7", "0", "3", "1", "0", "5", "7"]),
            ("二、上年结转政府信息公开申请数量", &["0", "0", "0", "0", "0", "0", "0"]),
            ("（一）予以公开", &["2", "1", "0", "0", "0", "0", "1", "3"]),
        ];
        for (label, figures) in rows {
            t.push_str(label);
            t.push('\n');
            for f in figures {
                t.push_str(f);
                t.push('\n');
            }
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let read = read(&t);
        assert!(read.cells.iter().all(|c| c.tbl != Table::Proactive), "{:?}", read.cells);
        assert!(read.cells.iter().all(|c| c.tbl != Table::Applications), "{:?}", read.cells);
        for words in [
            "table 二 row normative_docs: more figures under its label than its columns (1 0 2 and then 17)",
            "table 二: 2 row(s) print more figures under a label than the row has columns",
            "table 三 row new_received: more figures under its label than its seven columns",
            "table 三: 2 row(s) print more figures under a label than a row has cells",
        ] {
            assert!(read.notes.iter().any(|n| n.contains(words)), "{words}: {:?}", read.notes);
        }
    }

    /// A figure cut at its decimal point, a line each (`1139` over `.9`), is one figure.
    /// Cut around it (`14` `.` `49`), it is no item number cut from its label: read so,
    /// 14. joined the label and 49 was read.
    #[test]
    fn a_figure_cut_at_its_decimal_point_is_one_figure() {
        let fees = |figure: &str| {
            let t = format!("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n{figure}\n三、收到和处理政府信息公开申请情况\n");
            let read = read(&t);
            (value(&read, Table::Proactive, "fees", "amount"), read.notes)
        };
        let (amount, notes) = fees("1139\n.9");
        assert_eq!(amount, Some(1139.9), "{notes:?}");
        let (amount, notes) = fees("14\n.\n49");
        assert_ne!(amount, Some(49.0), "{notes:?}");
    }

    /// Table 三 as PDFium's text of a PDF prints narrow label cells: an item number on a
    /// line of its own before the rest of its label (`4` over `、保护第三方合法权益`), a
    /// label a character per line (无 among them: `4.` `无` `正` `当` …), and its last
    /// character on its figures' line (`理 1 0 …`). Before, the item number was a figure
    /// (保护第三方合法权益 read 4 under 自然人), 无 a mark of none (无正当理由大量反复申请
    /// read 无 under 自然人 and its figures a column right), and （七）总计 read the figures
    /// of （六）其他处理.
    #[test]
    fn labels_cut_a_character_a_line_are_one_label() {
        let chars: Vec<String> = "无正当理由大量反复申请".chars().map(String::from).collect();
        labels_cut_read_whole(&chars);
        // A few characters a line, as PDFium printed pingtan-2021.pdf: 无 after `4.`.
        labels_cut_read_whole(&["无", "正当理", "由", "大量反", "复", "申请"].map(String::from));
    }

    fn labels_cut_read_whole(mass_repeat: &[String]) {
        let mut lines: Vec<String> = "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n一、本年新收政府信息公开申请数量 5 1 0 0 0 0 6\n二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n三、本年度办理结果\n（一）予以公开 2 0 0 0 0 0 2\n（二）部分公开 1 0 0 0 0 0 1\n（三）不予公开\n1.属于国家秘密 0 0 0 0 0 0 0\n2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n3.危及“三安全一稳定” 0 0 0 0 0 0 0\n4\n、保护第三方合法权益"
            .lines()
            .map(str::to_string)
            .collect();
        let zeros = |n| std::iter::repeat_n("0".to_string(), n);
        lines.extend(zeros(7));
        lines.extend(
            "5.属于三类内部事务信息 0 0 0 0 0 0 0\n6.属于四类过程性信息 0 0 0 0 0 0 0\n7.属于行政执法案卷 0 0 0 0 0 0 0\n8.属于行政查询事项 0 0 0 0 0 0 0\n（四）无法提供\n1.本机关不掌握相关政府信息 1 1 0 0 0 0 2\n2.没有现成信息需要另行制作 0 0 0 0 0 0 0\n3.补正后申请内容仍不明确 0 0 0 0 0 0 0\n（五）不予处理\n1.信访举报投诉类申请 0 0 0 0 0 0 0\n2.重复申请 0 0 0 0 0 0 0\n3.要求提供公开出版物 0 0 0 0 0 0 0\n4."
                .lines()
                .map(str::to_string),
        );
        lines.extend(mass_repeat.iter().cloned());
        lines.push("1".to_string());
        lines.extend(zeros(5));
        lines.push("1".to_string());
        lines.push("5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0".to_string());
        lines.extend("（六）其他处".chars().map(String::from));
        lines.push("理 1 0 0 0 0 0 1".to_string());
        lines.extend("（七）总计".chars().map(String::from));
        lines.extend(["6", "1", "0", "0", "0", "0", "7"].map(String::from));
        lines.push("四、结转下年度继续办理 0 0 0 0 0 0 0".to_string());
        lines.push("四、政府信息公开行政复议、行政诉讼情况".to_string());
        let read = read(&(lines.join("\n") + "\n"));
        let row = |key: &str| applications_row(&read, key);
        let zero = vec![Some(0.0); 7];
        assert_eq!(row("deny_third_party"), zero, "{:?}", read.notes);
        let one = vec![Some(1.0), Some(0.0), Some(0.0), Some(0.0), Some(0.0), Some(0.0), Some(1.0)];
        assert_eq!(row("noproc_mass_repeat"), one, "{:?}", read.notes);
        assert_eq!(row("other"), one, "{:?}", read.notes);
        let total = vec![Some(6.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0), Some(0.0), Some(7.0)];
        assert_eq!(row("results_total"), total, "{:?}", read.notes);
    }

    /// A figure cut at its thousands separator, a line each (`6` over `,826`), as
    /// BeautifulSoup prints a figure set in two runs: one figure. Before, 行政许可 read 6,
    /// exact, and `,826` was lost. A tail after more than three digits, or after a figure
    /// that opens with 0, is no such cut.
    #[test]
    fn a_figure_cut_at_its_thousands_separator_is_one_figure() {
        let t = |first: &str, tail: &str| {
            read(&format!("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n{first}\n{tail}\n第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n9\n"))
        };
        for (first, tail, whole) in [("6", ",826", 6826.0), ("12", ",826,000", 12826000.0), ("1", ",204.5", 1204.5)] {
            let read = t(first, tail);
            assert_eq!(value(&read, Table::Proactive, "licensing", "decisions"), Some(whole), "{:?}", read.notes);
        }
        for (first, tail) in [("6826", ",826"), ("0", ",826"), ("6", ",82")] {
            let read = t(first, tail);
            assert_ne!(
                value(&read, Table::Proactive, "licensing", "decisions"),
                Some(format!("{first}{tail}").replace(',', "").parse().unwrap_or(-1.0))
            );
        }
    }

    /// Text of a cell per line whose rows are parted by an empty line and whose empty cells
    /// print nothing (BeautifulSoup's text of a page with `<td><p></p></td>`): the empty line
    /// after a row of five figures is no cell of it. Before, the row's two last cells were
    /// read from it (`20 3 1 1 25 ∅ ∅`, exact, its 总计 blank). Now its figures are placed
    /// by the sums, or the row is missing; none is put in a wrong cell.
    #[test]
    fn the_empty_line_parting_rows_is_no_cell_of_a_short_row() {
        let mut t = String::from("某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n\n");
        let rows: [(&str, &[&str]); 5] = [
            ("一、本年新收政府信息公开申请数量", &["196", "28", "2", "1", "4", "4", "235"]),
            ("二、上年结转政府信息公开申请数量", &["21", "21"]),
            ("（一）予以公开", &["172", "25", "1", "1", "3", "4", "206"]),
            ("（二）部分公开", &["20", "3", "1", "1", "25"]),
            ("（三）不予公开 1.属于国家秘密", &["4", "0", "1", "0", "1", "0", "6"]),
        ];
        for (label, figures) in rows {
            t.push_str(label);
            t.push('\n');
            for f in figures {
                t.push_str(f);
                t.push('\n');
            }
            t.push('\n');
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let read = read(&t);
        // 部分公开 prints 20 3 1 1 25: 自然人, 商业企业, 科研机构 (or another), … and 总计.
        for c in read.cells.iter().filter(|c| c.row == "partial") {
            assert!(c.col != "total" || c.value == Some(25.0), "{c:?}: {:?}", read.notes);
            assert!(c.col != "natural_person" || c.value == Some(20.0), "{c:?}: {:?}", read.notes);
        }
        assert!(read.notes.iter().any(|n| n.contains("closing its shorter rows are no cells")), "{:?}", read.notes);
    }

    /// The same text parting its rows by two empty lines, with one row of seven figures
    /// only (too few to tell by): the rows with fewer figures all end with two empty lines
    /// however many figures they have, which cells would not. Before, `15 1 1 1 18 ␠ ␠`
    /// read 18 under 其他 and 总计 blank, exact. With a row printing an empty cell between
    /// its figures, the empty lines are cells.
    #[test]
    fn the_same_number_of_empty_lines_closing_every_row_is_no_cells() {
        let text = |partial: &[&str]| {
            let mut t = String::from("某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n\n");
            let rows: [(&str, &[&str]); 7] = [
                ("一、本年新收政府信息公开申请数量", &["143", "28", "1", "2", "7", "2", "183"]),
                ("二、上年结转政府信息公开申请数量", &["3", "3"]),
                ("（一）予以公开", &["59", "13", "2", "2", "76"]),
                ("（二）部分公开", partial),
                ("（三）不予公开 1.属于国家秘密", &["1", "1"]),
                ("2.其他法律行政法规禁止公开", &["2", "1", "3"]),
                ("3.危及“三安全一稳定”", &["1", "1"]),
            ];
            for (label, figures) in rows {
                t.push_str(label);
                t.push('\n');
                for f in figures {
                    t.push_str(f);
                    t.push('\n');
                }
                t.push_str("\n\n");
            }
            t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
            read(&t)
        };
        let read = text(&["15", "1", "1", "1", "18"]);
        for c in read.cells.iter().filter(|c| c.row == "partial") {
            assert!(c.col != "total" || c.value == Some(18.0), "{c:?}: {:?}", read.notes);
            assert!(c.col != "other_org" || c.value.is_none(), "{c:?}: {:?}", read.notes);
        }
        assert!(read.notes.iter().any(|n| n.contains("ends with 2 empty line(s)")), "{:?}", read.notes);
        // An empty line between figures: the text prints empty cells.
        let read = text(&["15", "1", "1", "", "1", "18"]);
        assert!(!read.notes.iter().any(|n| n.contains("ends with 2 empty line(s)")), "{:?}", read.notes);
    }

    /// A row cut by a page break, as pymupdf4llm writes it in Markdown: the first line of its
    /// label with seven empty cells at the end of one table, the rest of its label with its
    /// figures in the next. Before, the row read seven blank cells, exact, and its figures
    /// were not read (pingtan-2021.pdf: 4.保护第三方合法权益 prints seven 0s).
    #[test]
    fn a_row_cut_by_a_page_break_reads_the_figures_under_its_labels_rest() {
        let t = "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\n|申请人情况|自然人|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|\n|---|---|---|---|---|---|---|---|\n|一、本年新收政府信息公开申请数量|64|0|0|2|0|4|70|\n|3.危及“三安全一稳定”|0|0|0|0|0|0|0|\n\n|4.保护第三||||||||\n|---|---|---|---|---|---|---|---|\n|方合法权益|0|0|0|0|0|0|0|\n|5.属于三类内部事务信息|1|0|0|0|0|0|1|\n\n四、政府信息公开行政复议、行政诉讼情况\n";
        let read = read(t);
        assert_eq!(applications_row(&read, "deny_third_party"), figures_of([0.0; 7]), "{:?}", read.notes);
        assert_eq!(applications_row(&read, "deny_internal_affairs"), figures_of([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]));
        assert!(read.notes.iter().any(|n| n.contains("its label goes on (`方合法权益`)")), "{:?}", read.notes);
    }

    /// BeautifulSoup's text of a page whose cells pad their figures (`&nbsp; <span>7</span>
    /// &nbsp;`: a line of space, the figure, a line of space) and print an empty cell as a
    /// line of space (`&nbsp;`). Before, each figure's padding was taken for cells: the row
    /// `7 2 ∅ ∅ ∅ ∅ 9` read 7 ∅ ∅ 2 …, exact, 2 under 社会公益组织.
    #[test]
    fn padding_around_figures_is_no_cell_where_empty_cells_print_a_line() {
        // The heading cut after `三、收`, and cut again after `到和处理`.
        for heading in ["三、收\n到和处理政府信息公开申请情况", "三、收\n到和处理\n政府信息公开申请情况"]
        {
            padding_is_no_cell_under(heading);
        }
    }

    fn padding_is_no_cell_under(heading: &str) {
        let mut t = format!("某局2022年政府信息公开工作年度报告\n{heading}\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n\n\n");
        let rows: [(&str, [&str; 7]); 6] = [
            ("一、本年新收政府信息公开申请数量", ["7", "2", "", "", "", "", "9"]),
            ("二、上年结转政府信息公开申请数量", [""; 7]),
            ("（一）予以公开", ["2", "", "", "", "", "", "2"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["1", "1", "", "", "", "", "2"]),
            ("（三）不予公开 1.属于国家秘密", [""; 7]),
            ("2.其他法律行政法规禁止公开", ["3", "", "", "", "", "", "3"]),
        ];
        for (label, cells) in rows {
            t.push_str(label);
            t.push('\n');
            for c in cells {
                if c.is_empty() {
                    t.push_str("\u{a0}\n");
                } else {
                    t.push_str(&format!("\u{a0} \n{c}\n\u{a0}\n"));
                }
            }
            t.push_str("\n\n");
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let read = read(&t);
        assert_eq!(applications_row(&read, "new_received")[..2], figures_of([7.0, 2.0, 0.0, 0.0, 0.0, 0.0, 0.0])[..2]);
        assert_eq!(applications_row(&read, "new_received")[6], Some(9.0), "{:?}", read.notes);
        assert_eq!(applications_row(&read, "partial")[..2], figures_of([1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0])[..2]);
        assert_eq!(applications_row(&read, "deny_law_forbidden")[6], Some(3.0), "{:?}", read.notes);
        let blank = read.cells.iter().filter(|c| c.row == "new_received" && c.state == State::Blank).count();
        assert_eq!(blank, 4, "{:?}", read.notes);
        assert!(
            read.notes.iter().any(|n| n.contains("the two lines around each figure are no cells")),
            "{:?}",
            read.notes
        );
    }

    /// A table 二 cell of two lines set around its row's line (PyMuPDF sorted: `6932.00 万`
    /// above `政府集中采购 11`, `元` below; or the figure alone above). Before, the row read
    /// 11 and its 采购总金额 blank, exact, and the figure was lost without a word (with its
    /// unit piece, it read as a label). Now the figure is astray, with a note, and the row
    /// short of figures beside it is missing.
    #[test]
    fn a_short_table_two_row_beside_a_figure_astray_is_missing() {
        for above in ["              6932.00 万", "              375548"] {
            let t = format!("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n      第二十条第（九）项\n\n\n 信息内容  采购项目数量   采购总金额\n\n\n{above}\n政府集中采购   11\n                  元\n\n\n三、收到和处理政府信息公开申请情况\n");
            let read = read(&t);
            let procurement: Vec<_> = read.cells.iter().filter(|c| c.row == "procurement").collect();
            assert!(procurement.is_empty(), "{above}: {procurement:?} {:?}", read.notes);
            assert!(read.notes.iter().any(|n| n.contains("stands under no label")), "{above}: {:?}", read.notes);
            assert!(
                read.notes.iter().any(|n| n.contains("row procurement: fewer figures")),
                "{above}: {:?}",
                read.notes
            );
        }
    }

    /// inscriptis's text of a page whose cells set figures a character a span: `政府集中采购
    /// 3 0 8.23万 元`. The figure with its unit cut reads as a label piece, and the figures
    /// before it were dropped without a word: the row read 采购项目数量 blank, exact, where
    /// the page printed 30. Figures between pieces of a row's line that no reading takes
    /// make the row missing, with a note; the same row printed whole is read.
    #[test]
    fn figures_between_pieces_of_a_table_two_line_make_the_row_missing() {
        let page = |header: &str, row: &str| {
            format!("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n        第二十条 第（九）项\n        信息内容        {header}\n{row}\n\n三、收到和处理政府信息公开申请情况\n")
        };
        let cut = read(&page("采购项目 数 量  采 购总金 额", "        政府集中采购      3 0       8.23万 元"));
        assert!(cut.cells.iter().all(|c| c.row != "procurement"), "{:?} {:?}", cut.cells, cut.notes);
        assert!(cut.notes.iter().any(|n| n.contains("figures (3 0) stand between pieces")), "{:?}", cut.notes);
        let whole = read(&page("采购项目数量  采购总金额", "        政府集中采购      30       8.23万元"));
        assert_eq!(value(&whole, Table::Proactive, "procurement", "projects"), Some(30.0), "{:?}", whole.notes);
        assert_eq!(value(&whole, Table::Proactive, "procurement", "amount"), Some(8.23), "{:?}", whole.notes);
    }

    /// PyMuPDF's text of a table that prints a row's first five cells as one run of text and
    /// its last two as another: an empty line stands between them in every row, a cell of
    /// none. Before, the rows of seven figures were missing (eight values for seven
    /// columns), and a row of six figures whose 总计 is blank (`0 0 0 0 0 ␠ 0 ␠`) read its
    /// 其他 blank and its 总计 0, exact. A row whose 总计 its figures add up to keeps its
    /// empty line as its blank 其他.
    #[test]
    fn an_empty_line_every_full_row_holds_at_one_place_is_no_cell() {
        let mut t = String::from("某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n商业企业科研机\n构\n社会公益组\n织\n法律服务机\n构\n其他\n");
        let rows: [(&str, &[&str]); 5] = [
            ("一、本年新收政府信息公开申请数量", &["  3 ", "  1 ", "  0 ", "  0 ", "  0 ", " ", "1    5 "]),
            ("二、上年结转政府信息公开申请数量", &["  0 ", "  0 ", "  0 ", "  0 ", "  0 ", " ", "0    0 "]),
            ("三、本年度办理结果", &[]),
            ("（一）予以公开", &["  0 ", "  0 ", "  0 ", "  0 ", "  0 ", " ", "0 ", " "]),
            (
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                &["  2 ", "  1 ", "  0 ", "  0 ", "  0 ", " ", "3 ", " "],
            ),
        ];
        for (label, lines) in rows {
            t.push_str(label);
            t.push('\n');
            for l in lines {
                t.push_str(l);
                t.push('\n');
            }
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let read = read(&t);
        let state = |row: &str, col: &str| {
            read.cells.iter().find(|c| c.tbl == Table::Applications && c.row == row && c.col == col).map(|c| c.state)
        };
        assert_eq!(applications_row(&read, "granted")[..6], figures_of([0.0; 7])[..6], "{:?}", read.notes);
        assert_eq!(state("granted", "total"), Some(State::Blank), "{:?}", read.notes);
        assert_eq!(
            applications_row(&read, "new_received"),
            figures_of([3.0, 1.0, 0.0, 0.0, 0.0, 1.0, 5.0]),
            "{:?}",
            read.notes
        );
        assert_eq!(applications_row(&read, "carried_over"), figures_of([0.0; 7]), "{:?}", read.notes);
        assert_eq!(applications_row(&read, "partial")[..5], figures_of([2.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0])[..5]);
        assert_eq!(state("partial", "other_org"), Some(State::Blank), "{:?}", read.notes);
        assert_eq!(applications_row(&read, "partial")[6], Some(3.0), "{:?}", read.notes);
        assert!(read.notes.iter().any(|n| n.contains("holds an empty line at the same place")), "{:?}", read.notes);
    }

    /// Text of a cell per line whose every figure stands between empty lines and whose
    /// empty cells print nothing (BeautifulSoup's text of cells `&nbsp; <span>7</span>&nbsp;`):
    /// its empty lines are no cells. Before, `∅ 7 ∅ ∅ 2 ∅ ∅ 9 ∅` read as seven cells, 2
    /// under 社会公益组织 where the page has it under 其他. (Table 二 here prints its figures
    /// a line each, unpadded, as the page's other cells did: the text is one of a cell per
    /// line.)
    #[test]
    fn empty_lines_padding_every_figure_are_no_cells() {
        let mut t = String::from("某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n0\n0\n3\n行政规范性文件\n1\n0\n5\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n\n");
        let rows: [(&str, &[&str]); 6] = [
            ("一、本年新收政府信息公开申请数量", &["7", "2", "9"]),
            ("二、上年结转政府信息公开申请数量", &["1", "1"]),
            ("（一）予以公开", &["2", "1", "3"]),
            ("（二）部分公开", &["3", "3"]),
            ("（三）不予公开 1.属于国家秘密", &["2", "1", "3"]),
            ("2.其他法律行政法规禁止公开", &["1", "1"]),
        ];
        for (label, figures) in rows {
            t.push_str(label);
            t.push('\n');
            for f in figures {
                t.push_str(&format!("\u{a0} \n{f}\n\u{a0}\n"));
            }
            t.push_str("\n\n");
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let read = read(&t);
        // The rows of two figures are 自然人 and 总计 or another column and 总计; those of
        // three cannot be told apart by the sums: nothing stands under 社会公益组织 from 2.
        assert_eq!(value(&read, Table::Applications, "new_received", "public_welfare"), None, "{:?}", read.cells);
        assert!(
            read.cells.iter().all(|c| c.row != "carried_over"
                || c.col == "total"
                || c.value != Some(1.0)
                || c.placement != Placement::Exact),
            "{:?}",
            read.cells
        );
        assert!(read.notes.iter().any(|n| n.contains("its empty lines are no cells")), "{:?}", read.notes);
        for c in read.cells.iter().filter(|c| c.tbl == Table::Applications && c.col == "total") {
            let want = rows.iter().find(|(l, _)| {
                labels::match_row(Table::Applications.def(), &labels::key(l)).is_some_and(|r| r.key == c.row)
            });
            assert_eq!(c.raw.as_str(), want.map_or("", |(_, f)| f.last().copied().unwrap_or("")), "{c:?}");
        }
    }

    /// Text laid out by spaces in which a converter set one row's figures a column to the
    /// right (inscriptis, beside a label cell spanning rows): at the places of 商业企业 … 总计,
    /// the row's six figures `1 2 0 1 0 0` read as aligned, 0 under 总计 beside figures
    /// making 4. A reading by places whose 总计 the figures beside it do not make does not
    /// stand: the row is placed by the sums (its 总计 missing), as a row with nothing to
    /// align by.
    #[test]
    fn figures_aligned_under_a_total_they_do_not_make_are_not_placed_so() {
        let lines = [
            "某局2022年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "                                        自然人        商业企业       科研机构       社会公益       法律服务   其他     总计",
            "一、本年新收政府信息公开申请数量                        2          2          0          0          0      0      4",
            "二、上年结转政府信息公开申请数量                        0          1          0          1          0      0      2",
            "（一）予以公开                                            1          2          0          1      0      0",
            "（二）部分公开                                 0          0          0          0          0      0      0",
            "四、政府信息公开行政复议、行政诉讼情况",
        ];
        let t = read(&lines.join("\n"));
        let cell = |col: &str| t.cells.iter().find(|c| c.row == "granted" && c.col == col);
        assert_eq!(cell("natural_person").and_then(|c| c.value), Some(1.0), "{:?}", t.notes);
        assert_eq!(cell("commercial").and_then(|c| c.value), Some(2.0), "{:?}", t.notes);
        assert!(cell("total").is_none(), "{:?}", cell("total"));
        assert!(t.cells.iter().all(|c| c.placement != Placement::Aligned), "{:?}", t.cells);
    }

    /// Laid-out text in which a row's cell is set a line lower at its neighbour's column
    /// (PyMuPDF sorted: `2 3 - 0 0 5` over a `0` under the last 0). The lower figure says
    /// nothing of where it goes; appended after the row's, it made the 总计 0 and 其他 5,
    /// exact. It is now left to the sums, which here cannot tell: the row is missing, with
    /// a note.
    #[test]
    fn a_figure_set_lower_at_a_taken_column_is_left_to_the_sums() {
        let lines = [
            "某局2022年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "                                        自然人   商业     科研   公益   法律  其他 总计",
            "一、本年新收政府信息公开申请数量                        2     3      -    0    0      5",
            "                                                              0",
            "二、上年结转政府信息公开申请数量                        0     0      0    0    0   0  0",
            "四、政府信息公开行政复议、行政诉讼情况",
        ];
        let t = read(&lines.join("\n"));
        assert!(t.cells.iter().all(|c| c.row != "new_received"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("new_received came on two lines")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "carried_over", "total"), Some(0.0), "{:?}", t.notes);
    }

    /// The same in text of a cell per line (PyMuPDF unsorted): the label line ends in the
    /// first figure, the other six follow a line each. The digits are read apart only when
    /// the row's 总计 is the sum of the others with them: else the row stays short, its
    /// cells missing.
    #[test]
    fn a_first_figure_run_into_its_label_in_text_of_a_cell_per_line_needs_its_total() {
        let text = |last: &str| {
            let mut t = String::from(
                "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n",
            );
            for (label, figures) in [
                ("一、本年新收政府信息公开申请数量", ["64", "0", "0", "2", "0", "4", "70"]),
                ("二、上年结转政府信息公开申请数量", ["0"; 7]),
            ] {
                t.push_str(label);
                t.push('\n');
                for f in figures {
                    t.push_str(f);
                    t.push('\n');
                }
            }
            t.push_str("（一）予以公开27\n");
            for f in ["0", "0", "2", "0", "1", last] {
                t.push_str(f);
                t.push('\n');
            }
            t.push_str("（二）部分公开\n5\n0\n0\n0\n0\n0\n5\n四、政府信息公开行政复议、行政诉讼情况\n");
            t
        };
        let t = read(&text("30"));
        assert_eq!(value(&t, Table::Applications, "granted", "natural_person"), Some(27.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "granted", "other_org"), Some(1.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "granted", "total"), Some(30.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "partial", "total"), Some(5.0), "{:?}", t.notes);
        // A 总计 the digits do not make: they may be the label's, and nothing is placed.
        let t = read(&text("31"));
        assert_eq!(value(&t, Table::Applications, "granted", "natural_person"), None, "{:?}", t.notes);
        assert!(t.notes.iter().all(|n| !n.contains("ran into the label")), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.row != "granted" || c.value.is_none()), "{:?}", t.cells);
    }

    /// PyMuPDF's text of a PDF's table 三 that prints nothing for an empty cell, a label
    /// broken around its row's figures (seed 608 synth-00007): `6.属` / `于四` / `类过`, the
    /// figures a line each, an empty line, then `程性` / `信息`. The empty line was read as a
    /// cell (`4 1 5 ∅`): no placement kept the sums, and every short row of the table was
    /// missing. It is no cell now, and the rows read as far as the sums allow.
    #[test]
    fn an_empty_line_between_figures_and_the_rest_of_their_label_is_no_cell() {
        let text = |gap: &str| {
            let mut t = String::from(
                "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n",
            );
            t.push_str(
                "一、本年新收政府信息\n公开申请数量\n4\n1\n5\n二、上年结转政府信息\n公开申请数量\n三、本年度办理结果\n",
            );
            t.push_str(&format!("（三）不予公开\n6.属\n于四\n类过\n4\n1\n5\n{gap}程性\n信息\n"));
            t.push_str("（七）总计\n4\n1\n5\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n");
            t
        };
        let t = read(&text("\n"));
        assert_eq!(value(&t, Table::Applications, "deny_process_info", "total"), Some(5.0), "{:?}", t.notes);
        assert!(
            t.notes.iter().any(|n| n.contains("an empty line between their figures and the rest")),
            "{:?}",
            t.notes
        );
        assert!(t.notes.iter().all(|n| !n.contains("no placement keeps")), "{:?}", t.notes);
        // Without the empty line, the same.
        let t = read(&text(""));
        assert_eq!(value(&t, Table::Applications, "deny_process_info", "total"), Some(5.0), "{:?}", t.notes);
    }

    /// A PDF's page text as MuPDF prints a table 三 whose labels wrap in narrow cells: a
    /// line per cell piece, the group labels a character a line (`（`, `四`, `）`, `无` …),
    /// and an item number set apart from its label by a space (`1. 属于`). Before, the
    /// numbered labels were taken for the rest of the label above them, so the figures
    /// after them went on the row above until it had seven (a row of 0 0 0 无 1 1 read as
    /// exact), and 无 of （四）无法提供 was read as a cell saying "none". Every row prints its
    /// seven figures (a row that printed fewer is missing there: see the test after).
    #[test]
    fn page_text_rows_whose_item_numbers_stand_apart_keep_their_own_figures() {
        let lines = [
            "某某县某某局2023年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            "申请人情况",
            "自然人",
            "法人或其他组织",
            "总计",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "一、本年新收政府信息公开",
            "申请数量",
            "12",
            "0",
            "0",
            "0",
            "0",
            "0",
            "12",
            "二、上年结转政府信息公开",
            "申请数量",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "（一）予以公开",
            "10",
            "0",
            "0",
            "0",
            "0",
            "0",
            "10",
            "（二）部分公开",
            "（区分处理的，",
            "只计这一情形，",
            "不计其他情形）",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "（",
            "三",
            "）",
            "不",
            "予",
            "公",
            "开",
            "1. 属于",
            "国家秘",
            "密",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "2. 其他",
            "法律行",
            "政法规",
            "禁止公",
            "开",
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "1",
            "3. 危及",
            "“三安全",
            "一稳定”",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "（",
            "四",
            "）",
            "无",
            "法",
            "提",
            "供",
            "1. 本机",
            "关不掌",
            "握相关",
            "政府信",
            "息",
            "1",
            "0",
            "0",
            "0",
            "0",
            "0",
            "1",
        ];
        let t = read(&format!("{}\n\u{c}", lines.join("\n")));
        for (row, figure) in [("partial", 0.0), ("deny_state_secret", 0.0), ("deny_law_forbidden", 1.0)] {
            assert_eq!(value(&t, Table::Applications, row, "natural_person"), Some(figure), "{row}: {:?}", t.notes);
            assert_eq!(value(&t, Table::Applications, row, "total"), Some(figure), "{row}");
            assert_eq!(value(&t, Table::Applications, row, "commercial"), Some(0.0), "{row}");
        }
        assert!(t.cells.iter().all(|c| c.raw != "无"), "{:?}", t.cells);
    }

    /// pdftotext's page text (no `-layout`, no `-raw`): a line per cell, an empty line after
    /// most, nothing for an empty cell. The empty lines part blocks and are no cells (before,
    /// `规章`, ``, `0`, ``, `0` read as blank, 0, blank … and a row of table 三 printing
    /// `1 ∅ 0 ∅ …` had fourteen values for seven columns). A row is read when it printed one
    /// figure per column (table 三: adding up to its 总计); one that printed fewer, figures
    /// that run on into the next row's with no label between, and figures under two rows'
    /// labels are missing, with notes.
    #[test]
    fn page_text_a_cell_per_line_reads_rows_that_are_certain() {
        let mut text = String::from("某局2024年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\n\n信息内容\n\n本年制发件数\n\n本年废止件数\n\n现行有效件数\n\n");
        let mut row = |label: &str, figures: &[&str]| {
            if !label.is_empty() {
                text.push_str(label);
                text.push_str("\n\n");
            }
            for f in figures {
                text.push_str(f);
                text.push_str("\n\n");
            }
        };
        row("规章", &["1", "0", "11"]);
        row("行政规范性文件", &["8", "26", "66"]);
        row("三、收到和处理政府信息公开申请情况", &[]);
        row("申请人情况", &[]);
        row("自然人", &[]);
        row("总计", &[]);
        row("一、本年新收政府信息公开申请数量", &["30", "5", "0", "0", "6", "4", "45"]);
        row("二、上年结转政府信息公开申请数量", &["3", "0", "0", "0", "0", "0", "3"]);
        // Six figures: the 总计 printed nothing, or was printed elsewhere.
        row("（一）予以公开", &["12", "1", "0", "0", "0", "0"]);
        // Labels of two rows, then figures: which row's cannot be told.
        row("1.属于国家秘密", &[]);
        row("2.其他法律行政法规禁止公开", &["2", "0", "0", "0", "0", "0", "2"]);
        // Figures that run on: 3.'s seven and six more with no label between.
        row("3.危及“三安全一稳定”", &["1", "0", "0", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0"]);
        // Seven figures that do not add up, or whose 总计 is no number: perhaps two rows'.
        row("4.保护第三方合法权益", &["5", "0", "0", "0", "0", "0", "6"]);
        row("5.属于三类内部事务信息", &["0", "0", "0", "0", "0", "0", "—"]);
        text.push('\u{c}');
        let t = read(&text);
        let cells = |row: &str| t.cells.iter().filter(|c| c.row == row).count();
        assert_eq!(value(&t, Table::Proactive, "rules", "issued"), Some(1.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(11.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "repealed"), Some(26.0));
        assert_eq!(value(&t, Table::Applications, "new_received", "legal_service"), Some(6.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "new_received", "total"), Some(45.0));
        assert_eq!(value(&t, Table::Applications, "carried_over", "total"), Some(3.0));
        for missing in [
            "granted",
            "deny_state_secret",
            "deny_law_forbidden",
            "deny_security_stability",
            "deny_third_party",
            "deny_internal_affairs",
        ] {
            assert_eq!(cells(missing), 0, "{missing}: {:?}", t.cells);
        }
        for said in [
            "6 figure(s) for 7 columns",
            "printed one after another",
            "run on into more figures",
            "do not add up to their 总计",
            "not six that add up",
        ] {
            assert!(t.notes.iter().any(|n| n.contains(said)), "{said}: {:?}", t.notes);
        }
        // Without the page break it is no page text but double-spaced text (lynx): read as
        // before, the row of six figures placed by the sums and marked so.
        let t = read(text.trim_end_matches('\u{c}'));
        let granted = t.cells.iter().find(|c| c.row == "granted" && c.col == "natural_person");
        assert_eq!(granted.map(|c| c.placement), Some(Placement::Arithmetic), "{:?}", t.notes);
    }

    /// pdftotext's page text of a LibreOffice print orders a line's words by font as much as
    /// by place: 4, 1 and 37 printed `４`, `1`, `３７` come out `４ ３７ 1`, and 1, 1, 3 as
    /// `1 ３ 1`. A row of table 二 whose figures mix full-width and ASCII characters is
    /// missing, with a note; one of a single kind, or of one value in both (`０ ０ 0`), is
    /// read. Without the page break (no page text) the row is read as printed, and so is a
    /// row that `-layout` set out in columns.
    #[test]
    fn page_text_rows_printed_in_two_fonts_are_not_read() {
        let text = "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发 本年废止 现行有效\n件数\n件数\n件数\n规章\n０\n０\n0\n行政规范性文件 ４\n３７\n1\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 4\n第二十条第（六）项\n信息内容 本年处理决定数量\n行政处罚 637\n\u{c}";
        let t = read(text);
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(0.0), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.row != "normative_docs"), "{:?}", t.cells);
        assert!(
            t.notes.iter().any(|n| n.contains("normative_docs") && n.contains("two kinds of characters")),
            "{:?}",
            t.notes
        );
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(4.0));
        let t = read(text.trim_end_matches('\u{c}'));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "repealed"), Some(37.0), "{:?}", t.notes);
        // `-layout` sets the figures where they stand, left to right: read.
        let t = read(
            "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n                第二十条第（一）项\n                信息内容 本年制发 本年废止 现行有效\n                       件数      件数     件数\n                规章     0       0      0\n                行政规范 6         ０      56\n                性文件\n\u{c}",
        );
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "repealed"), Some(0.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(56.0), "{:?}", t.notes);
    }

    /// A label cut in its narrow cell with its figures beside the first piece, under a row
    /// that printed nothing (pdftotext's page text: `规章`, then `行政规范 11` / `3` / `314`
    /// / `性文件`): the figures are the cut label's, not the empty row's above. Before,
    /// 规章 read 11, 3 and 314.
    #[test]
    fn figures_beside_a_cut_label_are_not_the_empty_row_aboves() {
        for (first, last) in [("行政规范", "性文件"), ("规范性文", "件")] {
            let text = format!("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发 本年废止 现行有效\n件数\n件数\n件数\n规章\n{first} 11\n3\n314\n{last}\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 3\n\u{c}");
            let t = read(&text);
            assert!(t.cells.iter().all(|c| c.row != "rules" || c.value.is_none()), "{first}: {:?}", t.cells);
            assert_eq!(value(&t, Table::Proactive, "normative_docs", "issued"), Some(11.0), "{first}: {:?}", t.notes);
            assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(314.0), "{first}");
        }
    }

    /// Table 二 in a page text read column by column (pdfminer): labels one after another,
    /// then their figures. Rows of one figure get them in order; rows of several columns
    /// do not (by columns `0 69 0 3 0 665` are 规章's and 规范性文件's 本年制发件数, then
    /// 本年废止件数 …, read by rows they would be 规章's three): missing, not 0 0 0.
    #[test]
    fn page_text_labels_printed_apart_from_their_figures() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数 本年废止件数 现行有效件数\n\
             规章\n行政规范性文件\n0\n69\n0\n3\n0\n665\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n550\n\
             第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n行政强制\n4119\n195\n\u{c}",
        );
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(550.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(4119.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(195.0));
        let penalty = t.cells.iter().find(|c| c.row == "penalty").unwrap();
        assert_eq!(penalty.placement, Placement::Assumed, "a reading, marked");
        assert!(
            t.notes.iter().any(|n| n.contains("penalty, coercion") && n.contains("given in order")),
            "{:?}",
            t.notes
        );
        assert!(t.cells.iter().all(|c| c.row != "rules" && c.row != "normative_docs"), "{:?}", t.cells);
        // The same lines in text that is no page text (no page break) read as before: the
        // first label blank, the second taking what follows.
        let t = read("某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（六）项\n行政处罚\n行政强制\n4119\n");
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(4119.0), "{:?}", t.notes);
    }

    /// Header cells a page text ran together on one line with no space
    /// (`本年制发件数本年废止件数现行有效件数`, wkhtmltopdf's short cells): each column they
    /// name. Before, the line named one column and each row's three figures were missing.
    #[test]
    fn header_cells_run_together_name_each_column() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数本年废止件数现行有效件数\n\
             规章\n0\n1\n2\n行政规范性文件\n5\n3\n255\n第二十条第（五）项\n\u{c}",
        );
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(2.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "issued"), Some(5.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "repealed"), Some(3.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(255.0));
    }

    /// Header cells wrapped over two lines in laid-out text, as w3m prints a page's table
    /// 二 (`本年新` above `制作数量`): each column is the two halves joined, in the order
    /// the upper line prints them, beside a column the upper line named whole. Before, the
    /// header named 对外公开总数量 alone and each row's three figures were missing.
    #[test]
    fn header_cells_wrapped_over_two_lines_are_joined() {
        let t = read(
            "二、主动公开政府信息情况\n\n第二十条第（一）项\n\n\
             信息内容                   本年新               本年新         对外公开总数量\n\
             \x20                          制作数量             公开数量\n\n\
             规章                       0                    1              5\n\n\
             规范性文件                 89                   88             120\n\n第二十条第（五）项\n",
        );
        assert_eq!(value(&t, Table::Proactive, "rules", "new_made"), Some(0.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "rules", "new_published"), Some(1.0));
        assert_eq!(value(&t, Table::Proactive, "rules", "total_published"), Some(5.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "new_made"), Some(89.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "new_published"), Some(88.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "total_published"), Some(120.0));
        // Every header cell wrapped: the columns in the upper line's order.
        let t = read(
            "二、主动公开政府信息情况\n\n第二十条第（一）项\n\n\
             信息内容        本年制发      本年废止      现行有效\n\
             \x20               件数          件数          件数\n\n\
             规章            2             0             7\n\n第二十条第（五）项\n",
        );
        assert_eq!(value(&t, Table::Proactive, "rules", "issued"), Some(2.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "rules", "repealed"), Some(0.0));
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(7.0));
        // Lower halves that do not complete the upper ones into column names join nothing.
        let t = read(
            "二、主动公开政府信息情况\n\n第二十条第（一）项\n\n\
             信息内容                   本年新               本年新         对外公开总数量\n\
             \x20                          处理数量             公开数量\n\n\
             规章                       0                    1              5\n\n第二十条第（五）项\n",
        );
        assert!(t.cells.iter().all(|c| c.row != "rules"), "{:?}", t.cells);
    }

    /// pdftotext's `-layout` text of a LibreOffice print of the 2019 table 二: the header's
    /// first cell wraps under 信息内容 and the last's too (`上一年项 本年增/减 处理决定` over
    /// `目数量 数量`), or the first alone (`上一年项 本年增/减` over `目数量`), the line
    /// starting at the page's left edge. The lower line completes 上一年项目数量; 数量 ends
    /// 处理决定数量, named already. Before, the header named two columns (one), and every
    /// row's three (two) figures were missing.
    #[test]
    fn header_cells_wrapped_beside_named_ones_are_joined() {
        let t = read(
            "某局2019年政府信息公开工作年度报告\n第二十条第（五）项\n信息内容 上一年项    本年增/减    处理决定\n      目数量             数量\n行政许可 311     10       31\n\n\
             第二十条第（八）项\n信息内容 上一年项    本年增/减\n      目数量\n行政事业 18      -2\n性收费\n\u{c}",
        );
        assert_eq!(value(&t, Table::Proactive, "licensing", "prev_items"), Some(311.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "licensing", "delta_items"), Some(10.0));
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(31.0));
        assert_eq!(value(&t, Table::Proactive, "fees", "prev_items"), Some(18.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "fees", "delta_items"), Some(-2.0));
        // A lower line whose other cells end no column named above completes nothing.
        let t = read(
            "某局2019年政府信息公开工作年度报告\n第二十条第（五）项\n信息内容 上一年项    本年增/减    处理决定\n      目数量             目数量\n行政许可 311     10       31\n\u{c}",
        );
        assert!(t.cells.iter().all(|c| c.row != "licensing"), "{:?}", t.cells);
    }

    /// pdftotext's `-raw` text prints a wrapped header cell by cell, each cell's pieces one
    /// after another (`本年新制` / `作数量` / `本年新公` / `开数量` / `对外公开` / `总数量`),
    /// and a page's text by tags may cut one in three (`本年` / `废` / `止件数`). A piece
    /// alone on its line that begins a column the header has not named stays open for the
    /// lines below. Before, the header named its first column only, and every row's three
    /// figures were missing.
    #[test]
    fn header_cells_printed_piece_by_piece_are_joined() {
        let t = read(
            "某局2019年政府信息公开工作年度报告\n第二十条第（一）项\n信息内容 本年新制\n作数量\n本年新公\n开数量\n对外公开\n总数量\n规章 — — —\n规范性文件 15 15 132\n第二十条第（五）项\n",
        );
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "new_made"), Some(15.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "total_published"), Some(132.0));
        let t = read(
            "某局2021年政府信息公开工作年度报告\n第二十条第（一）项\n信息内容\n本年制\n发件数\n本\n年废\n止件数\n现行有效件数\n规章\n1\n2\n3\n第二十条第（五）项\n",
        );
        assert_eq!(value(&t, Table::Proactive, "rules", "issued"), Some(1.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "rules", "repealed"), Some(2.0));
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(3.0));
    }

    /// A header cut into pieces no line completes names some of its block's columns only
    /// (`本年制` / `发` completes 本年制发件数; `件数`, `本`, `年废` … complete nothing): a row
    /// that prints a cell for each of the block's columns takes the block's columns, in
    /// the template's order, as under no header, and a note says so. Before, its three figures were more than
    /// the one column named, and missing. A row of fewer figures than the block's columns
    /// is still missing, and so is any row under a header that ended with cells no line
    /// completed (`本年新` over `处理数量`, as in `header_cells_wrapped_over_two_lines_are_joined`).
    #[test]
    fn a_header_naming_some_of_its_blocks_columns_gives_way_to_the_block() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n第二十条第（一）项\n信息内容\n本年制\n发\n件数\n本\n年\n废\n止件数\n现行有效\n件\n数\n规章\n/\n/\n/\n规范性文件\n2\n27\n第二十条第（五）项\n",
        );
        assert_eq!(t.cells.iter().filter(|c| c.row == "rules").count(), 3, "{:?} {:?}", t.cells, t.notes);
        assert!(
            t.notes.iter().any(|n| n.contains("row rules: its header named 1 of its block's 3 columns")),
            "{:?}",
            t.notes
        );
        assert!(t.cells.iter().all(|c| c.row != "normative_docs"), "{:?}", t.cells);
    }

    /// pdftotext's page text of table 二 printed with labels wrapped in narrow cells
    /// (LibreOffice): each figure comes before its label's pieces (`550`, `行政`, `许可`).
    /// A block of one cell reads its figure as certain; （六）'s two rows of one column take
    /// their figures in order, marked assumed. Before, every one of these rows was missing.
    /// Block （一）, three columns, stays missing: its rows' figures may come in any order.
    #[test]
    fn page_text_figures_before_their_wrapped_labels_in_one_column_blocks() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n\
             1\n2\n3\n规章\n4\n5\n6\n行政\n规范\n性文\n件\n\
             第二十条第（五）项\n信息内容\n本年处理决定数量\n550\n行政\n许可\n\
             第二十条第（六）项\n信息内容\n本年处理决定数量\n0\n行政\n处罚\n4\n行政\n强制\n\
             第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n19.86\n行政\n事业\n性收\n费\n\u{c}",
        );
        let cell = |row: &str| t.cells.iter().find(|c| c.tbl == Table::Proactive && c.row == row);
        assert_eq!(cell("licensing").and_then(|c| c.value), Some(550.0), "{:?}", t.notes);
        assert_eq!(cell("licensing").unwrap().placement, Placement::Exact, "the block's one cell");
        assert_eq!(cell("fees").and_then(|c| c.value), Some(19.86), "{:?}", t.notes);
        assert_eq!(cell("penalty").and_then(|c| c.value), Some(0.0));
        assert_eq!(cell("coercion").and_then(|c| c.value), Some(4.0));
        assert_eq!(cell("coercion").unwrap().placement, Placement::Assumed);
        assert!(
            t.notes.iter().any(|n| n.contains("（六）") && n.contains("penalty, coercion in order")),
            "{:?}",
            t.notes
        );
        assert!(cell("rules").is_none() && cell("normative_docs").is_none(), "{:?}", t.cells);
    }

    /// pdfplumber joins a PDF's pages with a form feed alone: the first line of a page
    /// stands on the last of the page before. Before, 3.其他's figures and the next page's
    /// （七）总计 were one line, whose last label named the row: 3.其他 was lost.
    #[test]
    fn a_page_break_inside_a_line_ends_it() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n\
             三、收到和处理政府信息公开申请情况\n\
             申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
             一、本年新收政府信息公开申请数量 8 1 0 0 0 0 9\n\
             二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n\
             三、本年度办理结果 （一）予以公开 5 1 0 0 0 0 6\n\
             （二）部分公开（区分处理的，只计这一情形，不计其他情形） 0 0 0 0 0 0 0\n\
             （三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n\
             2.其他法律行政法规禁止公开 0 0 0 0 0 0 0\n\
             3.危及“三安全一稳定” 0 0 0 0 0 0 0\n\
             4.保护第三方合法权益 0 0 0 0 0 0 0\n\
             5.属于三类内部事务信息 0 0 0 0 0 0 0\n\
             6.属于四类过程性信息 0 0 0 0 0 0 0\n\
             7.属于行政执法案卷 0 0 0 0 0 0 0\n\
             8.属于行政查询事项 0 0 0 0 0 0 0\n\
             （四）无法提供 1.本机关不掌握相关政府信息 2 0 0 0 0 0 2\n\
             2.没有现成信息需要另行制作 0 0 0 0 0 0 0\n\
             3.补正后申请内容仍不明确 0 0 0 0 0 0 0\n\
             （五）不予处理 1.信访举报投诉类申请 0 0 0 0 0 0 0\n\
             2.重复申请 0 0 0 0 0 0 0\n\
             3.要求提供公开出版物 0 0 0 0 0 0 0\n\
             4.无正当理由大量反复申请 0 0 0 0 0 0 0\n\
             5.要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0\n\
             （六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n\
             2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n\
             3.其他 1 0 0 0 0 0 1\x0c（七）总计 8 1 0 0 0 0 9\n\
             四、结转下年度继续办理 0 0 0 0 0 0 0\n\
             四、政府信息公开行政复议、行政诉讼情况\n",
        );
        let apps = t.cells.iter().filter(|c| c.tbl == Table::Applications).count();
        assert_eq!(apps, 175, "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "other_other", "natural_person"), Some(1.0));
        assert_eq!(value(&t, Table::Applications, "other_other", "total"), Some(1.0));
        assert_eq!(value(&t, Table::Applications, "results_total", "total"), Some(9.0));
    }

    /// A page text whose footer prints the page's number alone (`pdftotext -layout` of a
    /// Word file's plain PAGE field): the figure ends each page, under the table's columns.
    /// Read as it stood, it was a fourth value of the row above it. Figures that end pages
    /// without running with them (one page only, or not in step) stay values.
    #[test]
    fn bare_page_numbers_ending_the_pages_are_no_values() {
        let text = |n: [&str; 3]| {
            format!(
                "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n\
                 信息内容  本年新制作数量  本年新公开数量  对外公开总数量\n\
                 规章         0          0          0\n\
                 规范性文件   5          5          12\n\n                      {}\n\
                 \x0c第二十条第（五）项\n信息内容  上一年项目数量  本年增/减  处理决定数量\n\
                 行政许可     3          1          2\n\n                      {}\n\
                 \x0c第二十条第（六）项\n信息内容  上一年项目数量  本年增/减  处理决定数量\n\
                 行政处罚     7          0          4\n\n                      {}\n",
                n[0], n[1], n[2]
            )
        };
        let t = read(&text(["1", "2", "3"]));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "total_published"), Some(12.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(2.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(4.0), "{:?}", t.notes);
        assert!(t.notes.iter().all(|n| !n.contains("value(s)")), "{:?}", t.notes);
        // Not in step with the pages: no page numbers. The figures stay, under no label,
        // and the blocks' cells are missing, with a note, as before.
        let t = read(&text(["1", "5", "7"]));
        assert!(t.notes.iter().any(|n| n.contains("the figure 5 in block （五）")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "total_published"), None);
    }

    /// A row of the agency's own whose label wraps in its narrow cell below its figures
    /// (laid-out text of seed 127 synth-00101): before, it was read as `extra:其他`, the first
    /// line alone. Label lines after it up to the next caption are its label's rest; a label
    /// line that names a template row, or a row with figures, ends it.
    #[test]
    fn an_own_rows_label_wrapped_below_its_figures_is_read_whole() {
        let table = |after: &str| {
            format!(
                "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n\
                 信息内容  本年新制作数量  本年新公开数量  对外公开总数量\n\
                 规章  0    0   0\n\
                 其他  231 231   885\n{after}第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n\
                 行政许可 3 1 2\n"
            )
        };
        let rows = |t: &Tables| -> Vec<String> {
            let mut r: Vec<String> =
                t.cells.iter().filter(|c| c.row.starts_with("extra:")).map(|c| c.row.to_string()).collect();
            r.dedup();
            r
        };
        let t = read(&table("主动\n公开\n文件\n"));
        assert_eq!(rows(&t), ["extra:其他主动公开文件"], "{:?} {:?}", t.cells, t.notes);
        assert_eq!(value(&t, Table::Proactive, "extra:其他主动公开文件", "total_published"), Some(885.0));
        assert!(t.notes.iter().any(|n| n.contains("(其他 / 主动 / 公开 / 文件) joined")), "{:?}", t.notes);
        // Nothing after it: the name as printed.
        let t = read(&table(""));
        assert_eq!(rows(&t), ["extra:其他"], "{:?}", t.notes);
        // A line that names a template row is no piece of this one's label.
        let t = read(&table("主动\n行政许可\n"));
        assert_eq!(rows(&t), ["extra:其他"], "{:?}", t.notes);
    }

    /// pdfplumber prints table 四's figures on the line of the heading after it, a form feed
    /// between when the heading starts a page (`… 1 1\f五、存在的主要问题…`). Before, the
    /// heading took the line and the figures were lost: table 四 read as not found. The form
    /// feed ends the line.
    #[test]
    fn figures_on_the_line_of_the_next_heading_are_table_fours() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n\
             结果 结果 其他 尚未 总计 未经复议直接起诉 复议后起诉\n\
             维持 纠正 结果 审结 结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计\n\
             维持 纠正 结果 审结 维持 纠正 结果 审结\n\
             0 0 0 0 0 1 0 0 0 1 0 0 0 1 1\x0c五、存在的主要问题及改进情况\n\
             一是公开内容的全面性还需提高；二是政策解读形式较为单一。下一步将进一步完善工作机制。\n",
        );
        assert_eq!(t.cells.iter().filter(|c| c.tbl == Table::Appeals).count(), 15, "{:?}", t.notes);
        assert_eq!(value(&t, Table::Appeals, "suit_direct", "upheld"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "suit_direct", "total"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "suit_after_review", "pending"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "suit_after_review", "total"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "review", "total"), Some(0.0));
    }

    /// A page text that printed block （一）'s last header cell (现行有效件数) under block
    /// （六）'s caption: it is no column of （六）, whose rows print one figure each. Before,
    /// （六） took two columns and its rows' one figure each could not be placed.
    #[test]
    fn a_header_cell_of_another_block_is_no_column_of_this_one() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（六）项\n信息内容\n现行有效件数\n本年处理决定数量\n\
             行政处罚\n1282\n行政强制\n42\n\u{c}",
        );
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(1282.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(42.0), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.col != "in_force"), "{:?}", t.cells);
    }

    /// pdftotext's page text of a table set in one-width columns (LibreOffice): 规章's cells
    /// print `-`, which pdftotext drops as a hyphen, and 行政规范性文件's label, wrapped
    /// over four lines, comes after its figures. 规章 took 9 0 23 as exact and 规范性文件
    /// was missing. Figures followed by a label of their block with none after it may be
    /// that label's: both rows are missing, with a note; a block whose rows all print
    /// their figures is read.
    #[test]
    fn page_text_figures_before_a_bare_label_of_their_block_are_not_read() {
        let t = read(
            "第二十条第（一）项\n信息\n本年\n本年\n现行\n内容\n制发\n废止\n有效\n件数\n件数\n件数\n规章\n9\n0\n23\n行政\n规范\n性文\n件\n\
             第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n28\n\u{c}",
        );
        assert!(t.cells.iter().all(|c| c.row != "rules" && c.row != "normative_docs"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.starts_with("table 二 row rules") && n.contains("9 0 23")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(28.0), "{:?}", t.notes);
        // Each row with its figures: read.
        let t = read("第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n1\n0\n4\n行政规范性文件\n9\n0\n23\n\u{c}");
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(4.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(23.0), "{:?}", t.notes);
    }

    /// pdftotext's page text of a LibreOffice print whose labels wrap below the figures
    /// beside them: blocks （五） and （六） print figures before their first label.
    /// 规章's `- - -` were dropped, so 规范性文件's 5 5 177 came right after 规章, and
    /// were read as 规章's, exact. With a label of fewer figures than its columns after
    /// them (规范性文件's `0 0`, the next row's), the row is missing with a note; without
    /// the other blocks printed figures first, it is read.
    #[test]
    fn page_text_figures_before_a_short_label_in_a_text_printing_figures_first_are_not_read() {
        let block_one =
            "第二十条第（一）项\n信息\n本年\n本年\n对外\n内容\n新制\n新公\n公开\n作数\n开数\n总数\n量\n量\n量\n\
                         规章\n5\n5\n177\n规范\n性文\n件\n0\n0\n其他\n主动\n公开\n文件\n";
        let header = |n: &str| format!("第二十条第（{n}）项\n信息\n上一\n本年\n内容\n年项\n增/减\n目数\n量\n");
        // Block （九） tells the 2019 form.
        let nine = "第二十条第（九）项\n信息内容\n采购项目数量\n采购总金额\n政府集中采购\n14\n4518236元\n\x0c";
        let first = format!(
            "{block_one}{}84\n10\n行政\n许可\n69\n15\n其他\n对外\n管理\n服务\n事项\n{}111\n-8\n行政\n处罚\n8\n11\n行政\n强制\n{nine}",
            header("五"),
            header("六")
        );
        let t = read(&first);
        assert!(t.cells.iter().all(|c| c.row != "rules"), "{:?}", t.cells);
        assert!(
            t.notes.iter().any(|n| n.starts_with("table 二 row rules")
                && n.contains("(5 5 177)")
                && n.contains("fewer figures after it than its columns")
                && n.contains("blocks （五）（六）")),
            "{:?}",
            t.notes
        );
        // The same block in a text whose other blocks print each label before its figures.
        let after = format!(
            "{block_one}{}行政许可\n84\n10\n其他对外管理服务事项\n69\n15\n{}行政处罚\n111\n-8\n行政强制\n8\n11\n{nine}",
            header("五"),
            header("六")
        );
        let t = read(&after);
        assert_eq!(value(&t, Table::Proactive, "rules", "total_published"), Some(177.0), "{:?}", t.notes);
    }

    /// pdfminer's page text of block （一）, read down its columns: 规章's one figure, then
    /// 行政规范性文件's label and the five other figures (`15 0 0 0 270` for rules 0 0 0 and
    /// normative documents 15 0 270), each line followed by an empty one and, in some
    /// prints, set between tabs (`\t\t0\t`). The tabs' empty cells made 规章 blank, 0,
    /// blank, read as exact; the first three figures after 行政规范性文件 made it 15, 0, 0.
    /// Figures of the block under no label show it printed out of its rows' order: both
    /// rows are missing, with notes, and the next block is read. A block printed row by
    /// row is read, the tabs no cells (a PDF prints nothing for an empty cell).
    #[test]
    fn page_text_figures_astray_and_tabs_around_figures() {
        for tab in ["", "\t\t"] {
            let end = if tab.is_empty() { "" } else { "\t" };
            let figures = |f: &[&str]| f.iter().map(|x| format!("{tab}{x}{end}\n\n")).collect::<String>();
            // Table 四's fifteen figures after, as the print has them.
            let appeals = format!(
                "四、政府信息公开行政复议、行政诉讼情况\n\n行政复议 行政诉讼\n\n结果维持 结果纠正 其他结果 尚未审结 总计\n\n{}",
                figures(&["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"])
            );
            let text = format!(
                "某局2023年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n第二十条第（一）项\n\n\
                 信息内容 本年制发件数本年废止件数现行有效件数\n\n规章\n\n{}行政规范性文件\n\n{}\
                 第二十条第（五）项\n\n信息内容\n\n本年处理决定数量\n\n行政许可\n\n{}{appeals}\u{c}",
                figures(&["0"]),
                figures(&["15", "0", "0", "0", "270"]),
                figures(&["86"]),
            );
            let t = read(&text);
            let rows = |row: &str| t.cells.iter().filter(|c| c.row == row).count();
            assert_eq!(rows("rules"), 0, "tabs {tab:?}: {:?}", t.cells);
            assert_eq!(rows("normative_docs"), 0, "tabs {tab:?}: {:?}", t.cells);
            assert!(t.notes.iter().any(|n| n.starts_with("table 二 row rules")), "{:?}", t.notes);
            assert!(t.notes.iter().any(|n| n.starts_with("table 二 row normative_docs")), "{:?}", t.notes);
            assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(86.0), "{:?}", t.notes);
            // Each row's figures after its label: read, the tabs no cells.
            let text = format!(
                "某局2023年政府信息公开工作年度报告\n\n第二十条第（一）项\n信息内容\n\n本年制发件数本年废止件数现行有效件数\n\n\
                 规章\n\n{}行政规范性文件\n\n{}{appeals}\u{c}",
                figures(&["1", "0", "4"]),
                figures(&["15", "0", "270"]),
            );
            let t = read(&text);
            assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(4.0), "tabs {tab:?}: {:?}", t.notes);
            assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(270.0), "{:?}", t.notes);
            // Fifteen figures for fifteen columns, the empty lines between them no cells (and,
            // set between tabs, the tabs' empty cells none either).
            assert_eq!(value(&t, Table::Appeals, "review", "upheld"), Some(1.0), "tabs {tab:?}: {:?}", t.notes);
            assert_eq!(value(&t, Table::Appeals, "review", "total"), Some(1.0), "tabs {tab:?}: {:?}", t.notes);
        }
    }

    /// pdfminer's page text of table 三 sets each figure between tabs (`\t\t14\t`) and
    /// prints an empty line after it; an empty cell prints nothing. The tabs' empty cells
    /// and the empty line after a label were taken for cells: 属于国家秘密's 14 and 1 (自然人
    /// and 社会公益组织) read as exact 科研机构 14 and 其他 1. A row whose figures are all
    /// so printed is read as the page text without tabs is; a row with a figure printed
    /// apart (`454\t`, a text box pdfminer may print out of the columns' order) is not
    /// read from those tabs' cells at all.
    #[test]
    fn page_text_figures_between_tabs_are_lines_of_their_own() {
        let figures = |f: &[&str]| f.iter().map(|x| format!("\t\t{x}\t\n\n")).collect::<String>();
        let mut text = String::from(
            "某局2022年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n\n\
             申请人情况\n\n自然人\n\n法人或其他组织\n\n商业企业\n\n科研机构\n\n社会公益组织\n\n法律服务机构\n\n其他\n\n总计\n\n",
        );
        text.push_str(&format!(
            "一、本年新收政府信息公开申请数量\n\n{}",
            figures(&["3", "1", "0", "0", "0", "0", "4"])
        ));
        // Printed apart from the rest: the first figure after the others.
        text.push_str(&format!(
            "二、上年结转政府信息公开申请数量\n\n{}454\t\n\n12\t\n\n556\t\n\n",
            figures(&["59", "4", "11", "16"])
        ));
        text.push_str(&format!("（一）予以公开\n\n{}", figures(&["2", "1", "0", "0", "0", "0", "3"])));
        text.push_str(&format!("（二）部分公开\n\n{}", figures(&["1", "0", "0", "0", "0", "0", "1"])));
        text.push_str(&format!("1.属于国家秘密\n\n{}", figures(&["14", "1"])));
        for i in 0..20 {
            text.push_str(&format!("第{i}段。\n\n"));
        }
        text.push('\u{c}');
        let t = read(&text);
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(3.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "new_received", "total"), Some(4.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "granted", "commercial"), Some(1.0), "{:?}", t.notes);
        // Two figures for seven columns: never the exact reading of the tabs' cells.
        for c in t.cells.iter().filter(|c| c.row == "deny_state_secret") {
            assert!(c.placement != Placement::Exact, "{c:?}");
        }
        assert!(value(&t, Table::Applications, "deny_state_secret", "research").is_none(), "{:?}", t.cells);
        // The row printed apart is not read in the order printed (its sum holds in any
        // order of its first six figures).
        assert!(value(&t, Table::Applications, "carried_over", "natural_person") != Some(59.0), "{:?}", t.cells);
    }

    /// A figure with thousands separators wrapped in its narrow cell, as MuPDF, pypdf and
    /// pdfplumber print a LibreOffice PDF (s31-synth-00020): `1,03` over `5` is 1,035. Read
    /// apart, 行政处罚's figure was the text `1,03` and `5` a figure under no label. Only a
    /// completion to groups of three joins: `1,03` over `50` does not.
    #[test]
    fn a_grouped_figure_wrapped_in_its_cell_is_one_figure() {
        let report = |end: &str| {
            format!(
                "某局2023年政府信息公开工作年度报告\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n86\n\
                 第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n1,03\n{end}\n行政强制\n12\n\u{c}"
            )
        };
        let t = read(&report("5"));
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(1035.0), "{:?} {:?}", t.cells, t.notes);
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(12.0), "{:?}", t.notes);
        let t = read(&report("50"));
        assert_ne!(value(&t, Table::Proactive, "penalty", "decisions"), Some(10350.0), "{:?}", t.cells);
        assert_ne!(value(&t, Table::Proactive, "penalty", "decisions"), Some(1035.0), "{:?}", t.cells);
    }

    /// pdfplumber's text of table 二 (seed 139 synth-00024): the header of block （六） over
    /// two lines, the cell set half a line higher first (`信息内容 本年增/减`, then
    /// `上一年项目数量 处理决定数量`), single-spaced, so no position tells the columns apart.
    /// Read in the lines' order, 上一年项目数量 and 本年增/减 swapped (行政处罚 12 5 read as
    /// 5 and 12, exact). Without positions the template's order is the columns'.
    #[test]
    fn a_header_over_two_lines_without_positions_keeps_the_templates_order() {
        let t = read(
            "第二十条第（六）项\n信息内容 本年增/减\n上一年项目数量 处理决定数量\n行政处罚 12 5 6\n行政强制 10 20 0\n\
             第二十条第（八）项\n信息内容 上一年项目数量 本年增/减\n行政事业性收费 17 2\n",
        );
        let row = |key: &str| -> Vec<Option<f64>> {
            ["prev_items", "delta_items", "decisions"].iter().map(|c| value(&t, Table::Proactive, key, c)).collect()
        };
        assert_eq!(row("penalty"), [Some(12.0), Some(5.0), Some(6.0)], "{:?} {:?}", t.cells, t.notes);
        assert_eq!(row("coercion"), [Some(10.0), Some(20.0), Some(0.0)], "{:?} {:?}", t.cells, t.notes);
    }

    /// Two grouped figures of one row wrapped in their cells (`pdftotext -layout` and
    /// pdfplumber of seed 131 synth-00058: 自然人 `1,64` and 总计 `1,97` over `1` and `4`).
    /// Before, the row's last figure took the next line's first end: 1,971, exact, and
    /// 1,64 a text. The ends finish the figures in order, each exactly, or none does.
    #[test]
    fn grouped_figures_of_one_row_wrapped_in_their_cells_are_finished_in_order() {
        let report = |ends: &str| {
            read(&format!(
                "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
                 （七）总计 1,64 222 14 28 27 42 1,97\n{ends}\n四、结转下年度继续办理 0 0 0 0 1 0 1\n"
            ))
        };
        let t = report("1 4");
        let v = |col: &str| value(&t, Table::Applications, "results_total", col);
        assert_eq!((v("natural_person"), v("total")), (Some(1641.0), Some(1974.0)), "{:?} {:?}", t.cells, t.notes);
        // Ends that do not each complete a group join none: no figure is made of them.
        for ends in ["1 40", "1"] {
            let t = report(ends);
            let v = |col: &str| value(&t, Table::Applications, "results_total", col);
            assert!(v("total").is_none_or(|x| x != 1971.0 && x != 19740.0), "{ends}: {:?}", t.cells);
            assert_eq!(v("natural_person"), None, "{ends}: {:?}", t.cells);
        }
    }

    /// `pdftotext -layout` of a LibreOffice print (seed 163 synth-00093): 予以公开's 总计
    /// 1,103 wrapped in its cell, `1,10` over `3`, and the line of the `3` begins with a
    /// piece of the group label down the left and the rest of the row's label (`本年  开`).
    /// Read apart, the 总计 was the text `1,10` and the `3` stood under no label. The next
    /// line's one figure, under the cut figure and beside words that name no row, ends it;
    /// one that stands elsewhere does not.
    #[test]
    fn a_grouped_figure_wrapped_beside_label_pieces_is_one_figure() {
        let report = |end: &str| {
            read(&format!(
                "三、收到和处理政府信息公开申请情况\n\
                 （本列数据的勾稽关系    申请人情况\n\
                 为：第一项加第二项之    自然   法人或其他组织                   总计\n\
                 和，等于第三项加第四    人    商业  科研  社会      法律   其他\n\
                 项之和）               企业  机构  公益      服务\n\
                 \x20                          组织      机构\n\
                 三、  （一）予以公    878   90   12   57   34   32   1,10\n\
                 本年  开{end}\n\
                 度办  （二）部分公    153   46   1    11   3    10   224\n"
            ))
        };
        let t = report(&format!("{}3", " ".repeat(40)));
        assert_eq!(value(&t, Table::Applications, "granted", "total"), Some(1103.0), "{:?} {:?}", t.cells, t.notes);
        assert_eq!(value(&t, Table::Applications, "granted", "natural_person"), Some(878.0), "{:?}", t.notes);
        // Under 自然人, far from the cut figure: not its end.
        let t = report(&format!("{}3", " ".repeat(16)));
        assert_ne!(value(&t, Table::Applications, "granted", "total"), Some(1103.0), "{:?}", t.cells);
    }

    /// Table 二 with no header that names its columns (pdfminer printed them before the
    /// blocks' captions): its form is told by how many figures its 第（五）（六）项 rows
    /// print, one in 2021, three in 2019. When as many print one as three, nothing tells
    /// (s31-synth-00002: 行政强制 took the 29 and 1 of 行政处罚 and 行政强制, printed after
    /// both labels, and the next block's 1.67, read as the 2019 form's three columns).
    #[test]
    fn table_two_whose_rows_vote_for_both_forms_is_of_no_form() {
        let report = |coercion: &str| {
            format!(
                "某局2022年政府信息公开工作年度报告\n第二十条第（五）项\n行政许可\n28\n\
                 第二十条第（六）项\n行政处罚\n行政强制\n{coercion}\n第二十条第（八）项\n行政事业性收费\n5\n\u{c}"
            )
        };
        let t = read(&report("29\n1\n1.67"));
        assert!(t.cells.iter().all(|c| c.row != "coercion"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("its form cannot be told")), "{:?}", t.notes);
        // One figure in each of 行政许可 and 行政强制: the 2021 form.
        let t = read(&report("29"));
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(29.0), "{:?}", t.notes);
    }

    /// In a double-spaced page text (pdftotext, pdfminer: every line followed by an empty
    /// one) the empty lines are no cells: 规章 `0`, ``, `0`, ``, `0`, `` is 0 0 0. Read as
    /// cells they made six values for three columns, and the rows were missing. (The
    /// reader is told the text is double-spaced, which [`extract`] finds from twenty lines
    /// of figures or more.)
    #[test]
    fn empty_lines_of_a_double_spaced_page_text_are_no_cells() {
        let doc = text::read(
            "某局2023年政府信息公开工作年度报告\n\n第二十条第（一）项\n信息内容\n\n本年制发件数本年废止件数现行有效件数\n\n\
             规章\n\n0\n\n0\n\n0\n\n行政规范性文件\n\n0\n\n0\n\n38\n\n第二十条第（五）项\n\u{c}"
                .as_bytes(),
        )
        .unwrap();
        let read = |spaced: bool| {
            let mut r = Reader { page_text: true, spaced_page_text: spaced, ..Reader::default() };
            for (seq, line) in lines(&doc).iter().enumerate() {
                r.line(line, seq);
            }
            r.finish()
        };
        let t = read(true);
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(0.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(38.0), "{:?}", t.notes);
        // Not known to be double-spaced: an empty line may be an empty cell.
        let t = read(false);
        assert!(t.cells.iter().all(|c| c.row != "rules"), "{:?}", t.cells);
    }

    /// LibreOffice's text of a DOCX's table 四 (seed 113 synth-00101): a cell per line, an
    /// empty cell an empty line, and one empty line after the table. The row's first cell
    /// is empty: read from the first figure, `1` (复议 结果纠正) went to 结果维持 and the 总计
    /// `1` to 尚未审结, exact, and the sums failed. With the empty line before the figure as
    /// the first cell (and the parting line left out) the sums hold: read so, marked
    /// arithmetic. Where the sums hold as read, or no line stands before the first figure,
    /// nothing moves.
    #[test]
    fn table_four_cell_per_line_whose_first_cells_are_empty_is_read_by_its_sums() {
        let header = "四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n结果维持\n结果纠正\n其他结果\n\
                      尚未审结\n总计\n未经复议直接起诉\n复议后起诉\n\n\n\n\n\n";
        let sub = "结果维持\n结果纠正\n其他结果\n尚未审结\n总计\n".repeat(2);
        let read = |cells: &[&str], per_line: bool| {
            let src = format!("{header}{sub}{}\n\n五、存在的主要问题及改进情况\n", cells.join("\n"));
            let doc = text::read(src.as_bytes()).unwrap();
            let mut r = Reader { cell_per_line: per_line, ..Reader::default() };
            for (seq, line) in lines(&doc).iter().enumerate() {
                r.line(line, seq);
            }
            r.finish()
        };
        let row = |t: &Tables, row: &str| -> Vec<(String, Placement)> {
            ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .filter_map(|c| t.cells.iter().find(|x| x.row == row && x.col == *c))
                .map(|c| (c.raw.to_string(), c.placement))
                .collect()
        };
        let mut cells = vec!["", "1", "", "", "1"];
        cells.extend([""; 10]);
        let t = read(&cells, true);
        let arith = |raw: &str| (raw.to_string(), Placement::Arithmetic);
        assert_eq!(row(&t, "review"), vec![arith(""), arith("1"), arith(""), arith(""), arith("1")], "{:?}", t.notes);
        assert_eq!(row(&t, "suit_direct"), vec![arith(""); 5], "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("with the 1 empty line(s) before that figure")), "{:?}", t.notes);
        // Not a text of a cell per line: read from the first figure, as before.
        let t = read(&cells, false);
        assert_eq!(row(&t, "review")[0].0, "1", "{:?}", t.notes);
        // The sums hold as read from the first figure: nothing moves.
        let mut cells = vec!["", "1", "", "", "", "1"];
        cells.extend([""; 9]);
        let t = read(&cells, true);
        let exact = |raw: &str| (raw.to_string(), Placement::Exact);
        assert_eq!(row(&t, "review"), vec![exact("1"), exact(""), exact(""), exact(""), exact("1")], "{:?}", t.notes);
        // Fewer than fifteen lines from the first figure on (LibreOffice's text, seed 127
        // synth-00027: 1 ∅ ∅ ∅ 1 1 ∅ ∅ ∅ 1, then the line before the next heading): the
        // five empty lines before it are the first row's cells, for no other count do the
        // sums hold. Before, its cells were missing.
        let mut cells = vec![""; 5];
        cells.extend(["1", "", "", "", "1", "1", "", "", "", "1"]);
        let t = read(&cells, true);
        assert_eq!(row(&t, "review"), vec![arith(""); 5], "{:?}", t.notes);
        assert_eq!(
            row(&t, "suit_direct"),
            vec![arith("1"), arith(""), arith(""), arith(""), arith("1")],
            "{:?}",
            t.notes
        );
        assert_eq!(row(&t, "suit_after_review")[4], arith("1"), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("11 value(s) from its first figure")), "{:?}", t.notes);
        // Four empty lines before: the sums hold for no count, and the cells stay missing.
        let t = read(&cells[1..], true);
        assert!(t.cells.iter().all(|c| c.tbl != Table::Appeals), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of a table set in one-width columns: 行政事业性收费 wraps two
    /// characters a line, its figure beside the first (`行政  0`, then 事业 / 性收 / 费).
    /// 行政 was read as a row the template does not have, and 事业性收费 as the fees row
    /// with no figure: blank, where the page says 0.
    #[test]
    fn a_label_finished_after_its_figures_names_the_row() {
        let t = read("第二十条第（五）项\n信息内容  本年处理决定数量\n行政许可  3\n第二十条第（八）项\n信息  本年收费金额（单位：\n内容  万元）\n行政  0\n事业\n性收\n费\n\n三、收到和处理政府信息公开申请情况\n");
        let fees = t.cells.iter().find(|c| c.row == "fees").expect("the fees row");
        assert_eq!((fees.raw.as_str(), fees.value), ("0", Some(0.0)), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:")), "{:?}", t.cells);
        // A row of its own after a row the template does not have stays its own.
        let t = read("第二十条第（五）项\n信息内容  本年处理决定数量\n行政许可  3\n第二十条第（八）项\n信息内容  本年收费金额\n其他收费  5\n行政事业性收费  0\n");
        assert_eq!(value(&t, Table::Proactive, "fees", "amount"), Some(0.0), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a narrow table 二 (seed 141 synth-00001, and six more of 960):
    /// 行政事业性收费's 上一年项目数量 and 本年增/减 stand with no space between (`行政    14-2`),
    /// read as one word of the label, and the row had no figure: both cells missing. A run
    /// of digits, a minus and digits after the label, in a block whose first columns those
    /// are, is the two figures. Not where it cannot be (`12-31`: a decrease of more items
    /// than there were), nor in a block without 本年增/减.
    #[test]
    fn a_count_and_its_change_printed_together_are_two_figures() {
        let table = |run: &str| {
            read(&format!(
                "第二十条第（五）项\n信息内容  上一年项目数量  本年增/减  处理决定数量\n行政许可  5  1  3\n\
                 第二十条第（八）项\n信息    上一   本年增/减\n内容    年项\n      目数\n      量\n行政    {run}\n事业\n性收\n费\n\n三、收到和处理政府信息公开申请情况\n"
            ))
        };
        let t = table("14-2");
        assert_eq!(value(&t, Table::Proactive, "fees", "prev_items"), Some(14.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "fees", "delta_items"), Some(-2.0), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("`14-2`")), "{:?}", t.notes);
        let t = table("12-31");
        assert_eq!(value(&t, Table::Proactive, "fees", "delta_items"), None, "{:?}", t.notes);
        // (一) has no 本年增/减: nothing is split there.
        let t = read("第二十条第（一）项\n信息内容  本年制发件数  本年废止件数  现行有效件数\n规章  3-1\n");
        assert!(t.cells.iter().all(|c| c.value != Some(-1.0)), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of table 二 in narrow cells (seed 101 synth-00122): 行政规范性文件
    /// wraps two characters a line, and its 现行有效件数 too wide for its cell goes on under
    /// itself (`１５` beside 行政, `１` beside 规范: 151). Before, 规范 and its `１` were read as
    /// the row, 151 as 1 and the other two figures as blanks (aligned). A line whose label
    /// is on its way to no row of the block stays its own.
    #[test]
    fn figures_too_wide_for_their_cells_go_on_beside_the_labels_next_piece() {
        let table = |second: &str| {
            format!(
                "第二十条第（一）项\n信息  本年   本年  现行\n内容  制发   废止  有效\n    件数   件数  件数\n\
                 规章  0    0   0\n行政  18   3   １５\n{second}\n性文\n件\n第二十条第（五）项\n信息内容  本年处理决定数量\n行政许可  3\n"
            )
        };
        let t = read(&table("规范           １"));
        let v =
            |col: &str| t.cells.iter().find(|c| c.row == "normative_docs" && c.col == col).map(|c| c.raw.to_string());
        assert_eq!(
            (v("issued"), v("repealed"), v("in_force")),
            (Some("18".into()), Some("3".into()), Some("１５１".into())),
            "{:?} {:?}",
            t.cells,
            t.notes
        );
        assert!(t.notes.iter().any(|n| n.contains("`１５` over `１`")), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:")), "{:?}", t.cells);
        // 其他 begins no row of the block: the figure is not joined.
        let t = read(&table("其他           １"));
        assert!(t.cells.iter().all(|c| c.raw != "１５１"), "{:?}", t.cells);
        assert!(t.notes.iter().all(|n| !n.contains("read as one figure")), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of table 二 (seed 131 synth-00037): 行政许可 wraps, its `２６８`
    /// too (`行政 ２６ 17 ０`, `许可 ８`), and the next row's first piece comes with its
    /// figures (`其他 73 １４ 0`, then 对外 / 管理 / 服务 / 事项). Before, 其他 was taken for
    /// one more piece of 行政许可's label: its figures went on those above (２６８73, 17１４,
    /// ０0, exact). Once the pieces name a row whole, the next line's are another row's;
    /// the row joined so far is the one its pieces name.
    #[test]
    fn figures_beside_the_next_rows_first_piece_do_not_go_on_a_named_row() {
        let t = read(
            "第二十条第（五）项\n信息  上一   本年   处理\n内容  年项   增/减 决定\n      目数          数量\n      量\n\
             行政  ２６     17   ０\n许可  ８\n其他  73     １４   0\n对外\n管理\n服务\n事项\n\
             第二十条第（六）项\n信息内容  上一年项目数量  本年增/减  处理决定数量\n行政处罚  81  17  0\n",
        );
        let row = |key: &str| -> Vec<String> {
            ["prev_items", "delta_items", "decisions"]
                .iter()
                .filter_map(|col| t.cells.iter().find(|c| c.row == key && c.col == *col).map(|c| c.raw.to_string()))
                .collect()
        };
        assert_eq!(row("licensing"), ["２６８", "17", "０"], "{:?} {:?}", t.cells, t.notes);
        assert_eq!(row("other_services"), ["73", "１４", "0"], "{:?} {:?}", t.cells, t.notes);
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:")), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of table 二 whose 行政事业性收费 ran its two figures together
    /// (seed 606 synth-00011: 16 and 1 printed `161`). Before, that row, one figure short,
    /// was aligned by the complete row of block （九）, whose two columns are others and
    /// stand elsewhere: `161` read as 本年增/减, marked aligned, and 上一年项目数量 blank.
    /// Rows are aligned only by rows of the same columns; this one stays missing.
    #[test]
    fn a_row_is_aligned_only_by_rows_of_its_own_columns() {
        let t = read(
            "2021年度某县人民政府政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             \x20                第二十条第（八）项\n\
             \x20                信息    上一    本年增/减\n\
             \x20                内容    年项\n\
             \x20                      目数\n\
             \x20                      量\n\
             \x20                行政    161\n\
             \x20                事业\n\
             \x20                性收\n\
             \x20                费\n\
             \x20                第二十条第（九）项\n\
             \x20                信息  采购  采购总金额\n\
             \x20                内容  项目\n\
             \x20                    数量\n\
             \x20                政府  7   31.5\n\
             \x20                集中\n\
             \x20                采购\n\
             三、收到和处理政府信息公开申请情况\n",
        );
        assert!(t.cells.iter().all(|c| c.row != "fees"), "{:?} {:?}", t.cells, t.notes);
        assert_eq!(value(&t, Table::Proactive, "procurement", "projects"), Some(7.0), "{:?}", t.notes);
    }

    /// PyMuPDF's text of table 二, a cell per line (seeds 602 synth-00007, 606 synth-00004,
    /// 612 synth-00014): a label's lines come before its figures, and a narrow cell's label
    /// may wrap around them (`行政`, `42` `3` `1`, an empty cell, `处罚`). Before, figures
    /// after label lines that named no row went to no row: the row above (all its figures
    /// read) was missing for more figures than its columns, and the row the lines named
    /// missing for a figure of its block under no label. The lines now label the figures.
    /// PDFium's text of the same prints a row's figures on one line (`其他` / `主动` / `公开`
    /// / `文件` / `11 11 860`), and reads the same.
    #[test]
    fn label_lines_before_figures_no_row_takes_are_their_rows_label() {
        let table_with = |one: &str, six: &str| {
            let lines = format!(
                "二、主动公开政府信息情况|第二十条第（一）项|信息|内容|本年|新制|作数|量|本年|新公|开数|量|对外|公开|总数|量|\
                 {one}|\
                 第二十条第（五）项|信息|内容|上一|年项|目数|量|本年|增/减|处理|决定|数量|行政|许可|44|16|3|\
                 其他|对外|管理|服务|事项|20|-19|10|\
                 第二十条第（六）项|信息|内容|上一|年项|目数|量|本年|增/减|处理|决定|数量|{six}|\
                 第二十条第（八）项|信息|内容|上一|年项|目数|量|本年增/减|行政|事业|性收|费|3|3|\
                 第二十条第（九）项|信息|内容|采购|项目|数量|采购总金额|政府|集中|采购|53|10.63|\
                 三、收到和处理政府信息公开申请情况"
            );
            read(&format!("2022年度某县人民政府政府信息公开工作年度报告\n{}\n", lines.replace('|', "\n")))
        };
        let table = |six: &str| table_with("规章|0|0|0|规范|性文|件|1|1|216|其他|主动|公开|文件|11|11|860", six);
        let cells = |t: &Tables, row: &str| -> Vec<String> {
            t.cells.iter().filter(|c| c.tbl == Table::Proactive && c.row == row).map(|c| c.raw.to_string()).collect()
        };
        let pdfium = |six: &str| table_with("规章 0 0 0|规范|性文|件|1 1 216|其他|主动|公开|文件|11 11 860", six);
        let texts = [
            table("行政|42|3|1||处罚|行政|强制|17|-15|0"),
            table("行政|处罚|42|3|1|行政|17|-15|0||强制"),
            pdfium("行政|42 3 1|处罚|行政|强制|17 -15 0"),
        ];
        for (what, t) in ["cell per line, 行政 first", "cell per line, 行政处罚 first", "PDFium"].iter().zip(texts)
        {
            assert_eq!(cells(&t, "normative_docs"), ["1", "1", "216"], "{what}: {:?}", t.notes);
            assert_eq!(cells(&t, "extra:其他主动公开文件"), ["11", "11", "860"], "{what}: {:?}", t.notes);
            assert_eq!(cells(&t, "penalty"), ["42", "3", "1"], "{what}: {:?}", t.notes);
            assert_eq!(cells(&t, "coercion"), ["17", "-15", "0"], "{what}: {:?}", t.notes);
            assert!(t.cells.iter().all(|c| c.row != "extra:行政"), "{what}: {:?}", t.cells);
        }
        // A first piece that no line completes: its figures are no row's (not an added
        // row `行政`), and the row above keeps its own.
        let t = table("行政|处罚|42|3|1|行政|17|-15|0");
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:") || c.row.contains("文件")), "{:?}", t.cells);
        assert_eq!(cells(&t, "penalty"), ["42", "3", "1"], "{:?}", t.notes);
        assert!(cells(&t, "coercion").is_empty(), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("17 -15 0 in block （六）")), "{:?}", t.notes);
    }

    /// pdfplumber's text of table 二 in narrow cells (seed 101 synth-00338): 行政处罚 runs
    /// over a page break, its label's second line after the figures on the row's line
    /// (`行政 52 17 0` `\f` `处罚`), then the next row's first piece with its figures (`行政
    /// 9 12 1`, `强制`). Before, the line was taken for 行政处罚 with no figures, and the
    /// next line's went to it: 9 12 1 read as 行政处罚's, exact, and 行政强制 missing. The
    /// form feed now ends the line, and the row reads as 行政强制 does; the same line with a
    /// space instead is read by the label's last piece, with a note.
    #[test]
    fn figures_before_their_labels_last_piece_are_the_rows() {
        let table = |line: &str| {
            format!(
                "2020年度某市人民政府政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
                 第二十条第（五）项\n信息 上一 本年 处理\n内容 年项 增/减 决定\n目数 数量\n量\n\
                 行政 170 17 23\n许可\n第二十条第（六）项\n信息 上一 本年 处理\n\
                 内容 年项 增/减 决定\n目数 数量\n量\n{line}\n行政 9 12 1\n强制\n第二十条第（八）项\n\
                 信息 上一 本年增/减\n内容 年项\n目数\n量\n行政 16 -2\n事业\n性收\n费\n"
            )
        };
        let cols = ["prev_items", "delta_items", "decisions"];
        let row = |t: &Tables, row: &str| {
            cols.map(|c| t.cells.iter().find(|x| x.row == row && x.col == c).map(|x| x.raw.to_string()))
        };
        let some = |xs: [&str; 3]| xs.map(|s| Some(s.to_string()));
        for line in ["行政 52 17 0\u{c}处罚", "行政 52 17 0 处罚"] {
            let t = read(&table(line));
            assert_eq!(row(&t, "penalty"), some(["52", "17", "0"]), "{line}: {:?} {:?}", t.cells, t.notes);
            assert_eq!(row(&t, "coercion"), some(["9", "12", "1"]), "{line}: {:?} {:?}", t.cells, t.notes);
            let by_last_piece = t.notes.iter().any(|n| n.contains("`处罚` printed after its figures"));
            assert_eq!(by_last_piece, !line.contains('\u{c}'), "{line}: {:?}", t.notes);
        }
        // The last piece names a row by itself: the figures before it are not that row's.
        let t = read(&table("行政 52 17 0 行政处罚"));
        assert_ne!(row(&t, "penalty"), some(["52", "17", "0"]), "{:?}", t.cells);
    }

    /// pdfplumber's (and `pdftotext -layout`'s) text of table 三 in narrow cells (seed 113
    /// synth-00049): 5.要求行政机关确认或重新出具已获取信息 wraps two characters a line and
    /// prints no figure; the next row's figures stand on the line where its own label
    /// begins, beside the group label's first piece (`（六 1.逾 2 1 3`), the rest of
    /// 1.逾期不补正 below. Before, the label lines above named the row: 2 and 3 were read
    /// as 要求确认's, exact. A numbered label beginning on the figures' line is the row's.
    #[test]
    fn a_numbered_label_beginning_on_the_figures_line_is_the_rows_not_the_lines_above() {
        let t = read(
            "2020年度某市人民政府政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
             申请人情况\n自然 法人或其他组织 总计\n人 商业 科研 社会 法律 其他\n企业 机构 公益 服务\n组织 机构\n\
             一、本年新收政府信息 25 6 1 1 33\n公开申请数量\n\
             5.要\n求行\n政机\n关确\n认或\n重新\n出具\n已获\n取信\n息\n\
             （六 1.逾 2 1 3\n）其 期不\n他处 补正\n理 2.逾\n期未\n缴纳\n费用\n3.其 1 1\n他\n\
             （七）总计 25 6 1 1 33\n",
        );
        assert!(t.cells.iter().all(|c| c.row != "noproc_confirm"), "{:?} {:?}", t.cells, t.notes);
        let v = |col: &str| value(&t, Table::Applications, "other_no_correction", col);
        assert_eq!((v("natural_person"), v("total")), (Some(2.0), Some(3.0)), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of table 二 in narrow cells with fullwidth figures (seed 113
    /// synth-00079): 行政规范性文件 wraps two characters a line and its 现行有效件数 `１４４`
    /// goes on under itself, but the wide digits shift the layout's columns, so the `４`
    /// stands under no figure of the row. Before, 规范 began a row of its own with that `４`,
    /// which 性文 / 件 completed: 行政规范性文件 read as blank, 4, blank (aligned), and the
    /// figures above as a row 行政 the template does not have. The figures beside the
    /// label's next piece go on the row; which figures they continue cannot be told, so the
    /// row is missing, with a note.
    #[test]
    fn figures_beside_a_labels_next_piece_that_stand_under_no_figure_leave_the_row_missing() {
        let t = read(
            "二、主动公开政府信息情况\n                  第二十条第（一）项\n                  信息  本年     本年   现行\n\
             \x20                 内容  制发     废止   有效\n                      件数     件数   件数\n\
             \x20                 规章  -      -    -\n                  行政  7      1    １４\n\
             \x20                  规范          ４\n                   性文\n                   件\n\
             \x20                  第二十条第（五）项\n                   信息  本年处理决定数量\n\
             \x20                  行政许可  ２\n",
        );
        assert!(t.cells.iter().all(|c| c.row != "normative_docs" && !c.row.starts_with("extra:")), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("which figures they continue cannot be told")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(2.0), "{:?}", t.notes);
        // A label its piece completes (行政 / 处罚) names its row, which takes no more: the
        // next row's first piece and figures (行政 24 7 108, then 强制) stay that row's (seed
        // 31 synth-00020). The `5` beside 处罚, under `1,03`, ends it: 1,035 (until a8dd973,
        // the row was missing, its four values for three columns).
        let t = read(
            "二、主动公开政府信息情况\n                第二十条第（六）项\n                信息  上一  本年    处理\n\
             \x20               内容  年项  增/减   决定\n                    目数        数量\n\
             \x20               行政  7   -7    1,03\n                处罚            5\n\
             \x20               行政  24  7     108\n                强制\n",
        );
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:")), "{:?}", t.cells);
        let penalty: Vec<Option<f64>> = ["prev_items", "delta_items", "decisions"]
            .iter()
            .map(|c| value(&t, Table::Proactive, "penalty", c))
            .collect();
        assert_eq!(penalty, [Some(7.0), Some(-7.0), Some(1035.0)], "{:?} {:?}", t.cells, t.notes);
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(108.0), "{:?}", t.notes);
        // A piece that runs past the row's whole label into the next's (`处罚行政`, seed 71
        // synth-00024): its figures are the next row's (行政强制), not more of this one's.
        let block = |lines: &str| {
            read(&format!(
                "二、主动公开政府信息情况\n第二十条第（六）项\n信息 上一 本年 处理\n内容 年项 增/减 决定\n目数 数量\n{lines}"
            ))
        };
        let t = block("行政 42 -9 34\n处罚行政 0 3 1\n强制\n");
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(1.0), "{:?}", t.notes);
        assert!(t.notes.iter().all(|n| !n.contains("which figures they continue")), "{:?}", t.notes);
        // A row whose pieces stand beside empty cells (antiword's bars, seed 71 synth-00002):
        // a piece beside no figure does not take the next row's.
        let t = block("|行政 |139 |\n|处罚 |    |\n|行政 |4   |\n|强制 |    |\n");
        assert!(t.cells.iter().all(|c| c.row != "coercion" || c.raw == "4"), "{:?}", t.cells);
        assert!(t.notes.iter().all(|n| !n.contains("which figures they continue")), "{:?}", t.notes);
        // A label that names a row by itself begins it.
        let t = read(
            "二、主动公开政府信息情况\n第二十条第（一）项\n信息  本年     本年   现行\n内容  制发     废止   有效\n\
             \x20     件数     件数   件数\n行政  7      1    １４\n规章  0      0    3\n第二十条第（五）项\n\
             信息  本年处理决定数量\n行政许可  ２\n",
        );
        assert_eq!(value(&t, Table::Proactive, "rules", "in_force"), Some(3.0), "{:?} {:?}", t.cells, t.notes);
    }

    /// MuPDF's text of table 二 (seeds 131, 137 and 139: 28 files), a unit a space after its
    /// figure (`3298 元`, where the page has 3298元). Read apart, 元 was a label that hid
    /// the figure: 采购总金额 read blank, exact. The unit is the figure's, in a cell per
    /// line and in a laid-out line alike; a unit two spaces off stays apart.
    #[test]
    fn a_unit_a_space_after_its_figure_is_the_figures() {
        let head = "二、主动公开政府信息情况\n第二十条第（九）项\n信息\n内容\n\n采购\n项目\n数量\n\n采购总金额\n\n";
        for (rows, amount) in
            [("政府\n集中\n采购\n\n288\n3298 元\n", 3298.0), ("政府\n集中\n采购\n\n288\n20.76 万元\n", 20.76)]
        {
            let t = read(&format!("{head}{rows}\n三、收到和处理政府信息公开申请情况\n"));
            assert_eq!(
                value(&t, Table::Proactive, "procurement", "amount"),
                Some(amount),
                "{:?} {:?}",
                t.cells,
                t.notes
            );
            assert_eq!(value(&t, Table::Proactive, "procurement", "projects"), Some(288.0), "{:?}", t.cells);
        }
        let laid = |amount: &str| {
            read(&format!(
                "第二十条第（九）项\n信息内容       采购项目数量     采购总金额\n政府集中采购   288              {amount}\n"
            ))
        };
        let t = laid("3298 元");
        let cell = t.cells.iter().find(|c| c.row == "procurement" && c.col == "amount");
        assert_eq!(cell.map(|c| (c.raw.as_str(), c.value)), Some(("3298元", Some(3298.0))), "{:?}", t.cells);
        assert_eq!(cell.and_then(|c| c.unit.as_deref()), Some("元"), "{:?}", t.cells);
        let t = laid("3298  元");
        assert!(t.cells.iter().all(|c| c.raw != "3298元"), "{:?}", t.cells);
    }

    /// pandoc's plain text of table 二 (a simple table, seed 127 synth-00000): the
    /// procurement row's 采购总金额 a text, not a figure (`见附件`, or a 元 a converter
    /// garbled). Read as a label it hid the figure before it: the row was named by its
    /// labels joined, with the empty cell after the text alone, and 10 and 见附件 read as
    /// two blanks, exact. The text is the row's cell, read as printed. A text that names a
    /// row of its own stays a label; a label alone is still a label.
    #[test]
    fn a_text_after_a_rows_figures_is_its_cell() {
        let table = |amount: &str| {
            format!(
                "二、主动公开政府信息情况\n  第二十条第（九）项\n  信息内容               采购项目数量     采购总金额\n\
                 \x20 政府集中采购             10               {amount}\n"
            )
        };
        for amount in ["见附件", "6495291Ԫ"] {
            let t = read(&table(amount));
            let cell = |col: &str| {
                t.cells.iter().find(|c| c.row == "procurement" && c.col == col).map(|c| (c.raw.to_string(), c.state))
            };
            assert_eq!(cell("projects"), Some(("10".to_string(), State::Number)), "{:?} {:?}", t.cells, t.notes);
            assert_eq!(cell("amount"), Some((amount.to_string(), State::Text)), "{:?} {:?}", t.cells, t.notes);
        }
        let t = read(&table("6495291元"));
        assert_eq!(value(&t, Table::Proactive, "procurement", "amount"), Some(6495291.0), "{:?}", t.notes);
        // A text that names a row (another row's label run into this line): not a cell.
        let t = read(&table("行政许可"));
        assert!(t.cells.iter().all(|c| c.raw != "行政许可"), "{:?}", t.cells);
        // A heading run into the line is no cell.
        let def = Table::Proactive.def();
        let line = Line::on(0, text_tokens("政府集中采购 10 三、收到和处理政府信息公开申请情况"));
        assert!(text_after_figures(def, &line).is_none());
        // No figure before the text: nothing changes, and nothing panics.
        assert!(text_after_figures(Table::Proactive.def(), &Line::on(0, text_tokens("政府集中采购 见附件"))).is_none());
    }

    /// MuPDF's text of a table 三 row, a cell per line (seed 113 synth-00074): eight lines
    /// for seven cells, `∅ 1 ∅ ∅ ∅ ∅ ∅ １`. The leading empty line was dropped as the
    /// surplus and the 1 read under 自然人, exact, where the report printed it under 商业企业.
    /// In a page text which is the surplus cannot be told: the row is missing. A row with
    /// no empty line between its figures, or one not in a page text, is read as before.
    #[test]
    fn a_page_texts_row_with_empty_lines_before_and_between_its_figures_is_missing() {
        let v = |xs: &[&str]| xs.iter().map(|x| Observed::text(*x)).collect::<Vec<_>>();
        assert!(surplus_unknown(&v(&["", "1", "", "", "", "", "", "１"]), 7));
        assert!(!surplus_unknown(&v(&["", "1", "1", "1", "1", "1", "1", "6"]), 7));
        assert!(!surplus_unknown(&v(&["", "1", "", "", "", "", "１"]), 7));
        let mut r = Reader { page_text: true, ..Reader::default() };
        r.rows.push(Pending {
            table: Table::Applications,
            key: Cow::Borrowed("carry_forward"),
            block: "",
            cols: None,
            values: v(&["", "1", "", "", "", "", "", "１"]),
            seq: 0,
            label_at: None,
            label_end: None,
        });
        let t = r.finish();
        assert!(t.cells.iter().all(|c| c.row != "carry_forward"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("which is the surplus cannot be told")), "{:?}", t.notes);
    }

    /// Table 三 in a page text read column by column: the labels of many rows, then lines
    /// of figures of several rows. No row is read (before, the labels just above each line
    /// of figures took them).
    #[test]
    fn page_text_rows_read_by_columns_are_not_read() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n\
             一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n（一）予以公开\n26\n0\n26\n\
             （二）部分公开\n0\n1.属于国家秘密\n2.其他法律行政法规禁止公开\n3.危及“三安全一稳定”\n0\n0\n0\n0\n0\n0\n0\n\
             4.保护第三方合法权益\n0\n（七）总计\n26\n\u{c}",
        );
        assert!(t.cells.iter().all(|c| c.tbl != Table::Applications), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("read by columns")), "{:?}", t.notes);
    }

    /// Table 三 in a page text that printed its labels apart from its figures, the labels
    /// of many rows one after another, then the figures a row at a time (pdftotext on
    /// huaian-2024 and pingtan-2021). The labels tell no row's figures; the 175 figures, in
    /// the template's row order, satisfy every sum of the table and are read so, marked
    /// assumed. The same figures by columns, or one lost, leave the table missing.
    #[test]
    fn page_text_figures_apart_from_their_labels_are_read_in_the_templates_order_when_every_sum_holds() {
        let def = Table::Applications.def();
        let rows: Vec<&RowDef> = def.blocks[0].rows_in(Version::V2021).collect();
        let mut figures = vec![[0u32; 7]; rows.len()];
        figures[0] = [64, 0, 0, 2, 0, 4, 70];
        figures[2] = [27, 0, 0, 2, 0, 1, 30];
        figures[3] = [5, 0, 0, 0, 0, 0, 5];
        figures[9] = [6, 0, 0, 0, 0, 0, 6];
        figures[12] = [22, 0, 0, 0, 0, 3, 25];
        figures[22] = [3, 0, 0, 0, 0, 0, 3];
        figures[23] = [63, 0, 0, 2, 0, 4, 69];
        figures[24] = [1, 0, 0, 0, 0, 0, 1];
        let page = |order: Vec<u32>| {
            let mut text = String::from(
                "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n\
                 商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n",
            );
            for r in &rows {
                text.push_str(&format!("{}\n", r.display()));
            }
            for f in order {
                text.push_str(&format!("{f}\n"));
            }
            text.push_str("四、政府信息公开行政复议、行政诉讼情况\n\u{c}");
            text
        };
        let t = read(&page(figures.concat()));
        let cells: Vec<_> = t.cells.iter().filter(|c| c.tbl == Table::Applications).collect();
        assert_eq!(cells.len(), 175, "{:?}", t.notes);
        assert!(cells.iter().all(|c| c.placement == Placement::Assumed), "a reading, marked");
        assert_eq!(value(&t, Table::Applications, "unable_not_held", "total"), Some(25.0));
        assert_eq!(value(&t, Table::Applications, "other_other", "natural_person"), Some(3.0));
        assert_eq!(value(&t, Table::Applications, "carry_forward", "total"), Some(1.0));
        assert_eq!(t.versions.applications, Some(Version::V2021));
        assert!(t.notes.iter().any(|n| n.contains("template's order")), "{:?}", t.notes);
        // Column by column: no row adds up, nothing is read.
        let by_columns: Vec<u32> = (0..7).flat_map(|c| figures.iter().map(move |r| r[c])).collect();
        let t = read(&page(by_columns));
        assert!(t.cells.iter().all(|c| c.tbl != Table::Applications), "{:?}", t.cells);
        // A figure lost: the rows no longer fill the table.
        let mut short = figures.concat();
        short.remove(40);
        let t = read(&page(short));
        assert!(t.cells.iter().all(|c| c.tbl != Table::Applications || c.placement != Placement::Assumed));
        assert!(t.notes.iter().all(|n| !n.contains("template's order")), "{:?}", t.notes);
    }

    /// A page text whose converter printed two rows of table 三 in the other order, each
    /// label above its own figures (pdfminer printed `2．没有现成信息需要另行制作` and its
    /// figures above `1．本机关不掌握相关政府信息` and its, in a generated report). Given the
    /// figures in the template's order, the two rows would take each other's figures, and
    /// every sum still holds: those two rows are missing, with a note; the others are read
    /// in that order (assumed). Before, the two rows were read swapped, six cells wrong.
    #[test]
    fn rows_a_page_text_printed_in_another_order_are_not_given_each_others_figures() {
        let def = Table::Applications.def();
        let rows: Vec<&RowDef> = def.blocks[0].rows_in(Version::V2021).collect();
        let mut figures: Vec<[u32; 7]> = vec![[0u32; 7]; rows.len()];
        let mut set = |key: &str, f: [u32; 7]| {
            let i = rows.iter().position(|r| r.key == key).expect("a row");
            figures[i] = f;
        };
        set("new_received", [64, 0, 0, 2, 0, 4, 70]);
        set("granted", [27, 0, 0, 2, 0, 1, 30]);
        set("partial", [5, 0, 0, 0, 0, 0, 5]);
        set("deny_process_info", [6, 0, 0, 0, 0, 0, 6]);
        set("unable_not_held", [22, 0, 0, 0, 0, 3, 25]);
        set("unable_need_creation", [1, 0, 0, 0, 0, 0, 1]);
        set("other_other", [3, 0, 0, 0, 0, 0, 3]);
        set("results_total", [64, 0, 0, 2, 0, 4, 70]);
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let held = rows.iter().position(|r| r.key == "unable_not_held").expect("a row");
        assert_eq!(rows[held + 1].key, "unable_need_creation");
        order.swap(held, held + 1);
        let mut text = String::from(
            "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n\
             商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n",
        );
        for i in order {
            text.push_str(&format!("{}\n", rows[i].display()));
            for f in figures[i] {
                text.push_str(&format!("{f}\n"));
            }
        }
        text.push_str("四、政府信息公开行政复议、行政诉讼情况\n\u{c}");
        let t = read(&text);
        for key in ["unable_not_held", "unable_need_creation"] {
            assert!(t.cells.iter().all(|c| c.row != key), "{key}: {:?}", t.notes);
        }
        assert!(t.notes.iter().any(|n| n.contains("printed in another order")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "granted", "total"), Some(30.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "other_other", "natural_person"), Some(3.0));
    }

    /// Text from a PDF converter that groups words into lines by height (pdfplumber): the
    /// cells of 自然人 and 总计 set a few points lower come on a line of their own, after the
    /// rest of the row (`46 2 7 9 5` / `303 372`). Read in printed order each such row still
    /// adds up, with every figure a column off. The column sums tell where the second
    /// line's figures go when rows printed on one line pin them down; when nothing does,
    /// the rows are missing.
    #[test]
    fn figures_continued_on_a_line_that_says_nothing_of_columns_are_placed_by_the_sums() {
        let def = Table::Applications.def();
        let rows: Vec<&RowDef> = def.blocks[0].rows_in(Version::V2021).collect();
        let text = |split: &dyn Fn(&str) -> bool| {
            let mut t = String::from(
                "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
                 申请人情况 自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n",
            );
            for r in &rows {
                let v: [u32; 7] = match r.key {
                    "new_received" | "results_total" => [303, 46, 2, 7, 9, 5, 372],
                    "granted" => [123, 14, 1, 5, 4, 3, 150],
                    "partial" => [180, 32, 1, 2, 5, 2, 222],
                    _ => [0; 7],
                };
                let f = |s: &[u32]| s.iter().map(u32::to_string).collect::<Vec<_>>().join(" ");
                // A group's heading on a line of its own before its first numbered row.
                if let (Some(h), true) = (r.family.heading(), r.number.starts_with('1')) {
                    t.push_str(&format!("{h}\n"));
                }
                if split(r.key) {
                    t.push_str(&format!("{} {}\n{} {}\n", r.printed(), f(&v[1..6]), v[0], v[6]));
                } else {
                    t.push_str(&format!("{} {}\n", r.printed(), f(&v)));
                }
            }
            t + "四、政府信息公开行政复议、行政诉讼情况\n"
        };
        let t = read(&text(&|k| matches!(k, "new_received" | "granted" | "results_total")));
        let cell = |t: &Tables, row: &str, col: &str| {
            t.cells.iter().find(|c| c.tbl == Table::Applications && c.row == row && c.col == col).cloned()
        };
        let np = cell(&t, "granted", "natural_person").unwrap_or_else(|| panic!("not placed: {:?}", t.notes));
        assert_eq!(np.value, Some(123.0), "{:?}", t.notes);
        assert_eq!(np.placement, Placement::Arithmetic, "the sums placed it");
        assert_eq!(cell(&t, "results_total", "commercial").and_then(|c| c.value), Some(46.0));
        assert_eq!(cell(&t, "new_received", "total").and_then(|c| c.value), Some(372.0));
        assert_eq!(cell(&t, "partial", "natural_person").map(|c| c.placement), Some(Placement::Exact));
        // Every row with figures split the same way: the sums hold whichever way they go.
        let t = read(&text(&|k| matches!(k, "new_received" | "granted" | "partial" | "results_total")));
        assert!(cell(&t, "granted", "natural_person").is_none(), "{:?}", t.cells);
        assert!(cell(&t, "partial", "commercial").is_none());
        assert!(t.notes.iter().any(|n| n.contains("two lines") && n.contains("missing")), "{:?}", t.notes);
    }

    /// A page text (pdftotext without `-layout`) that prints a row's figures over lines of a
    /// few each: figures gathered up to a row's seven that run on into more figures with no
    /// label between may be two rows' (the row's first five and the next row's, whose label
    /// comes later, as the converter printed the table in blocks). Where the row ends cannot
    /// be told, and its seven were taken as exact (一 `⽆` read as its 总计). Not read; in
    /// laid-out text (no page break) and when the next line has a label, read as before.
    #[test]
    fn page_text_figures_gathered_from_lines_that_run_on_are_not_read() {
        let text = |tail: &str, page_break: bool| {
            let mut t = String::from(
                "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
                 申请人情况 自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n\
                 一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n\
                 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n\
                 三、本年度办理结果\n（一）予以公开 2 0 0 0 0 0 2\n\
                 （二）部分公开（区分处理的，只计这一情形，不计其他情形）\n0 0 无\n0 0 0 无\n",
            );
            t.push_str(tail);
            t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
            if page_break {
                t.push('\u{c}');
            }
            t
        };
        let partial =
            |t: &Tables| t.cells.iter().filter(|c| c.row == "partial").map(|c| c.raw.to_string()).collect::<Vec<_>>();
        let t = read(&text("0 无 0\n（三）不予公开\n", true));
        assert!(partial(&t).is_empty(), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("run on into more figures")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "granted", "total"), Some(2.0));
        // A label before the next figures: the row ends there.
        let t = read(&text("（三）不予公开\n1.属于国家秘密 0 0 0 0 0 0 0\n", true));
        assert_eq!(partial(&t), ["0", "0", "无", "0", "0", "0", "无"], "{:?}", t.notes);
        // No page break: laid-out text, read as before.
        let t = read(&text("0 无 0\n（三）不予公开\n", false));
        assert_eq!(partial(&t).len(), 7, "{:?}", t.notes);
    }

    /// A page text's title and table 三 header, a cell per line, and the page break after it.
    const PAGE_TEXT_APPLICATIONS_HEADER: &str =
        "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
        申请人情况\n自然人\n法人或其他组织\n总计\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n\u{c}";

    /// MuPDF's page text of a table whose empty cells print nothing, a cell per line: one
    /// line of a space among a row's figures, after its fifth figure where its empty cell is
    /// the third. Taken for that empty cell, it put 1 under 社会公益组织's neighbour 科研机构
    /// and left 其他组织 blank, every cell exact and wrong. Rows printing fewer than seven
    /// cells say the text prints no empty cell: the line is no cell, and the row of six
    /// figures is not read as certain.
    #[test]
    fn a_line_of_a_space_is_no_cell_where_rows_print_no_empty_cells() {
        let mut t = String::from(PAGE_TEXT_APPLICATIONS_HEADER);
        for (label, figures) in [
            ("一、本年新收政府信息公开申请数量", "84 14 1 6 3 _ 108"),
            ("二、上年结转政府信息公开申请数量", "8 1 1 10"),
            ("三、本年度办理结果", ""),
            ("（一）予以公开", "33 4 1 4 2 44"),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "6 6"),
            ("（三）不予公开", ""),
            ("1.属于国家秘密", ""),
            ("2.其他法律行政法规禁止公开", "4 1 5"),
            ("3.危及“三安全一稳定”", ""),
            ("4.保护第三方合法权益", "1 1"),
        ] {
            t.push_str(label);
            t.push('\n');
            for f in figures.split_whitespace() {
                t.push_str(if f == "_" { " " } else { f });
                t.push('\n');
            }
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let t = read(&t);
        let exact = |col: &str| {
            t.cells
                .iter()
                .find(|c| c.row == "new_received" && c.col == col && c.placement == Placement::Exact)
                .map(|c| c.raw.to_string())
        };
        assert_eq!(exact("research"), None, "{:?}", t.cells);
        assert_eq!(exact("other_org"), None, "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("empty line(s) among the figures are no cells")), "{:?}", t.notes);
    }

    /// MuPDF's page text of a table 三 whose cells print `——` for none, a cell per line and
    /// an empty line after each row: two such cells side by side came out as one word,
    /// `0 0 0 0 0 ————`, and the empty line after that row was taken for its 总计 (blank,
    /// exact: a wrong cell that looked right). The row's seven cells are all printed; the
    /// empty line parts it from the next, and the doubled mark is two cells' marks.
    #[test]
    fn an_empty_line_after_a_row_whose_marks_of_none_are_glued_is_no_cell() {
        let mut t = String::from(PAGE_TEXT_APPLICATIONS_HEADER);
        for (label, cells) in [
            ("一、本年新收政府信息公开申请数量", "5 1 —— 0 0 0 6"),
            ("二、上年结转政府信息公开申请数量", "0 0 —— 0 0 0 0"),
            ("（一）予以公开", "3 1 —— 0 0 0 4"),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1 0 —— 0 0 0 1"),
            ("（三）不予公开\n1.属于国家秘密", "0 0 0 0 0 ————"),
            ("2.其他法律行政法规禁止公开", "0 0 —— 0 0 0 0"),
            ("3.危及“三安全一稳定”", "1 0 —— 0 0 0 1"),
            ("4.保护第三方合法权益", "0 0 0 0 0 ————"),
        ] {
            t.push_str(label);
            t.push('\n');
            for c in cells.split(' ') {
                t.push_str(c);
                t.push('\n');
            }
            t.push('\n');
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let t = read(&t);
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "deny_state_secret"), s(&["0", "0", "0", "0", "0", "——", "——"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "deny_third_party"), s(&["0", "0", "0", "0", "0", "——", "——"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "granted"), s(&["3", "1", "——", "0", "0", "0", "4"]), "{:?}", t.notes);
        let placement = |row: &str| t.cells.iter().find(|c| c.row == row && c.col == "total").map(|c| c.placement);
        assert_eq!(placement("deny_state_secret"), Some(Placement::Arithmetic));
        assert!(t.notes.iter().any(|n| n.contains("two cells glued together")), "{:?}", t.notes);
    }

    /// MuPDF's page text of table 二's block （九）, a cell per line: 采购总金额's unit wrapped
    /// in its narrow cell, `11780.60 万` over `元`. Read apart, the figure was a label, and
    /// the empty line after it was taken for the cell: blank, exact and wrong.
    #[test]
    fn a_unit_wrapped_onto_the_next_line_is_the_figures() {
        for figure in ["11780.60 万", "11780.60万"] {
            let src = format!(
                "某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（九）项\n信息\n内容\n\n\
                 采购\n项目\n数量\n\n采购总金额\n\n政府\n集中\n采购\n\n5\n{figure}\n元\n\n\
                 三、收到和处理政府信息公开申请情况\n"
            );
            let t = read(&src);
            let amount = t.cells.iter().find(|c| c.row == "procurement" && c.col == "amount");
            assert_eq!(
                amount.map(|c| (c.raw.as_str(), c.value, c.unit.as_deref())),
                Some(("11780.60万元", Some(11780.6), Some("万元"))),
                "{figure}: {:?}",
                t.notes
            );
        }
    }

    /// `pdftotext -layout` of table 二's 行政强制 row whose first figure a narrow cell set a
    /// line lower: `２６` under 上一年项目数量, below `行政强制 18 0`. Taken in line order, the
    /// three read 18, 0, 26, exact and each in the wrong column (seed 151 synth-00072).
    #[test]
    fn a_figure_a_line_below_and_left_of_its_rows_goes_first() {
        let src = "二、主动公开政府信息情况\n第二十条第（六）项\n\
                   信息内容     上一年项目数量      本年增/减       处理决定数量\n\
                   行政处罚          185               15               5\n\
                   行政强制                            18               0\n\
                                 ２６\n\
                   第二十条第（八）项\n";
        let t = read(src);
        let v = |col: &str| t.cells.iter().find(|c| c.row == "coercion" && c.col == col).and_then(|c| c.value);
        assert_eq!(
            (v("prev_items"), v("delta_items"), v("decisions")),
            (Some(26.0), Some(18.0), Some(0.0)),
            "{:?}",
            t.notes
        );
    }

    /// MuPDF's page text of a narrow table 三 header: each kind's name wrapped two characters
    /// a line (`商业` / `企业`), after 法人或其他组织 and 总计. Told on its lines one by one,
    /// the header named 法人或其他组织 without its kinds, and a row of three figures, `2 1 3`
    /// (商业企业 2, 社会公益组织 1, 总计 3: its blank cells print nothing), was read as 自然人,
    /// 法人或其他组织 and 总计 — 自然人 2, exact and wrong. Joined, the lines name the kinds.
    #[test]
    fn kinds_wrapped_two_characters_a_line_are_named_by_the_header() {
        // Also pdfminer's page text of such a header: 法人或其他组织 first, then the kinds cut
        // on one line (`人 商业企 科研机 社会公益 法律服务`), their ends on the lines after it.
        for header in [
            "自然\n人\n法人或其他组织\n总计\n商业\n企业\n科研\n机构\n社会\n公益\n组织\n法律\n服务\n机构\n其他\n",
            "法人或其他组织\n\n自然\n人 商业企 科研机 社会公益 法律服务\n业\n\n构\n\n组织\n\n机构\n\n总计\n其他\n\n",
        ] {
            let t = read(&applications_of(header));
            let natural = t.cells.iter().find(|c| c.row == "new_received" && c.col == "natural_person");
            assert!(natural.is_none_or(|c| c.raw != "2"), "{header}: {:?} {:?}", t.cells, t.notes);
            assert!(!t.notes.iter().any(|n| n.contains("printed as one column")), "{header}: {:?}", t.notes);
        }
    }

    /// A page text of table 三 under `header`, a figure per line: `2 1 3` for 本年新收 (its
    /// blank cells printing nothing), and two rows of two figures.
    fn applications_of(header: &str) -> String {
        let mut t =
            format!("某局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n{header}");
        for (label, figures) in [
            ("一、本年新收政府信息\n公开申请数量", "2 1 3"),
            ("二、上年结转政府信息\n公开申请数量", "1 1"),
            ("（一）予以公开", "2 2"),
        ] {
            t.push_str(label);
            t.push_str("\n\n");
            for f in figures.split(' ') {
                t.push_str(f);
                t.push('\n');
            }
            t.push('\n');
        }
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        t
    }

    /// LibreOffice's text of a DOCX table, a cell per line and an empty cell an empty line:
    /// after 结转下年度继续办理's seven cells (`∅ 1 ∅ ∅ ∅ ∅ 1`) comes the empty line of the
    /// next row's merged cell. Eight cells: the first was dropped as the surplus, and the
    /// row read `1 ∅ ∅ ∅ ∅ 1 ∅`, exact, its 1s under 自然人 and 其他 and its 总计 blank. A
    /// row takes no empty line after its seven cells.
    #[test]
    fn a_cell_per_line_row_takes_no_empty_line_after_its_seven_cells() {
        let mut t = String::from("某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n");
        let mut row = |label: &str, cells: [&str; 7], after: usize| {
            t.push_str(label);
            t.push('\n');
            for c in cells {
                t.push_str(c);
                t.push('\n');
            }
            t.push_str(&"\n".repeat(after));
        };
        row("一、本年新收政府信息公开申请数量", ["30", "5", "", "", "6", "4", "45"], 0);
        row("二、上年结转政府信息公开申请数量", ["3", "", "", "", "", "", "3"], 0);
        row("（一）予以公开", ["12", "1", "", "", "", "", "13"], 1);
        row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["6", "", "", "", "", "", "6"], 1);
        row("（四）无法提供\n1.本机关不掌握相关政府信息", ["2", "1", "", "", "", "", "3"], 1);
        row("2.没有现成信息需要另行制作", ["1", "", "", "", "", "", "1"], 1);
        row("（五）不予处理\n1.信访举报投诉类申请", ["1", "", "", "", "", "", "1"], 1);
        row("2.重复申请", ["1", "", "", "", "", "", "1"], 1);
        row("（七）总计", ["23", "2", "", "", "", "", "25"], 0);
        row("四、结转下年度继续办理", ["", "1", "", "", "", "", "1"], 1);
        t.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        let t = read(&t);
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "carry_forward"), s(&["", "1", "", "", "", "", "1"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "granted"), s(&["12", "1", "", "", "", "", "13"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "new_received"), s(&["30", "5", "", "", "6", "4", "45"]));
    }

    /// A report of few figures, its table 三 mostly empty cells, copied a cell per line:
    /// `few_figures(false)` as LibreOffice's text prints it (an empty cell an empty line),
    /// `few_figures(true)` as lynx does (each cell a paragraph, an empty line after it).
    fn few_figures(lynx: bool) -> String {
        few_figures_with(lynx, if lynx { 30 } else { 0 })
    }

    /// [`few_figures`] with `prose` lines of prose before the tables.
    fn few_figures_with(lynx: bool, prose: usize) -> String {
        let mut lines: Vec<&str> = vec!["某局2021年政府信息公开工作年度报告"];
        lines.extend(std::iter::repeat_n("本机关认真落实政府信息公开工作要求。", prose));
        lines.extend([
            "二、主动公开政府信息情况",
            "第二十条第（一）项",
            "信息内容",
            "本年制发件数",
            "本年废止件数",
            "现行有效件数",
            "规章",
            "0",
            "0",
            "0",
            "行政规范性文件",
            "6",
            "0",
            "43",
        ]);
        lines.push("三、收到和处理政府信息公开申请情况");
        let rows: [(&str, [&str; 7]); 6] = [
            ("一、本年新收政府信息公开申请数量", ["1", "1", "", "", "", "", "2"]),
            ("二、上年结转政府信息公开申请数量", ["", "", "", "", "", "", ""]),
            ("（一）予以公开", ["1", "", "", "", "", "", "1"]),
            ("（四）无法提供\n1.本机关不掌握相关政府信息", ["", "1", "", "", "", "", "1"]),
            ("（七）总计", ["1", "1", "", "", "", "", "2"]),
            ("四、结转下年度继续办理", ["", "", "", "", "", "", ""]),
        ];
        for (label, cells) in &rows {
            lines.extend(label.split('\n'));
            lines.extend(cells);
        }
        lines.push("四、政府信息公开行政复议、行政诉讼情况");
        let mut t = String::new();
        for l in lines {
            t.push_str(l);
            t.push('\n');
            if lynx && !l.is_empty() {
                t.push('\n');
            }
        }
        t
    }

    /// Text copied a cell per line with 16 lines of figures: too few for the usual test of
    /// twenty (seed 173 synth-00069, through LibreOffice and through lynx). Its empty lines
    /// were not read as empty cells, and table 三 read three rows, assumed, and no other.
    /// Every line of figures holding one, the text is read a cell per line; lynx's, whose
    /// every line is followed by an empty one, is made single-spaced first.
    #[test]
    fn few_lines_of_one_figure_each_are_a_text_copied_a_cell_per_line() {
        for lynx in [false, true] {
            let t = read(&few_figures(lynx));
            let s = |v: [&str; 7]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
            let blank = s(["", "", "", "", "", "", ""]);
            assert_eq!(app_values(&t, "carried_over"), blank, "lynx {lynx}: {:?}", t.notes);
            assert_eq!(app_values(&t, "granted"), s(["1", "", "", "", "", "", "1"]), "lynx {lynx}");
            assert_eq!(app_values(&t, "unable_not_held"), s(["", "1", "", "", "", "", "1"]), "lynx {lynx}");
            assert_eq!(app_values(&t, "carry_forward"), blank, "lynx {lynx}");
            assert!(t.cells.iter().all(|c| c.placement != Placement::Assumed), "lynx {lynx}: {:?}", t.cells);
            assert_eq!(
                value(&t, Table::Proactive, "normative_docs", "in_force"),
                Some(43.0),
                "lynx {lynx}: {:?}",
                t.notes
            );
            assert_eq!(value(&t, Table::Proactive, "rules", "issued"), Some(0.0), "lynx {lynx}");
        }
        // Lynx's text with too little prose to say it is double-spaced throughout: its
        // lines of figures, each followed by an empty one, are not read as a text copied a
        // cell per line, where each figure would have an empty cell after it (本年新收's
        // 商业企业 1 read as 科研机构's, and 商业企业 blank, exact).
        let t = read(&few_figures_with(true, 0));
        let received = app_values(&t, "new_received");
        assert_ne!(received[2].as_deref(), Some("1"), "{:?}", t.cells);
        assert_ne!(received[1].as_deref(), Some(""), "{:?}", t.cells);
    }

    /// Labels wrapped two characters a line in narrow cells, as pdfplumber prints them: each
    /// row's figures beside the label's first line (`5.要 2 2 0 0 0 0 4`), the rest of the
    /// label after them. The first lines name no row whole; the lines after
    /// a row's figures read as the next row's label, so 4.'s label took 5.'s figures and 5.
    /// was missing. A label cut to its item number and first character names the one row
    /// that has both.
    #[test]
    fn a_label_cut_to_its_number_and_first_character_names_its_row() {
        let t = read(
            "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
             （五 1.信 10 1 0 0 0 0 11\n）不 访举\n予处 报投\n理 诉类\n申请\n2.重 5 1 0 0 1 0 7\n复申\n请\n\
             3.要 4 0 0 0 0 0 4\n求提\n供公\n开出\n版物\n4.无 0 1 1 1 0 0 3正当\n理由\n大量\n反复\n申请\n\
             5.要 2 2 0 0 0 0 4\n求行\n政机\n关确\n认或\n重新\n出具\n已获\n取信\n息\n\u{c}",
        );
        assert_eq!(value(&t, Table::Applications, "noproc_confirm", "total"), Some(4.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "noproc_confirm", "natural_person"), Some(2.0));
        // 4.'s 总计 ran into its label's next piece (`3正当`): six figures, not 5.'s seven.
        assert_ne!(value(&t, Table::Applications, "noproc_mass_repeat", "natural_person"), Some(2.0));
        assert_eq!(value(&t, Table::Applications, "noproc_publication", "natural_person"), Some(4.0));
    }

    #[test]
    fn plain_lines_and_rows_without_headers() {
        let t = read("某局2021年政府信息公开工作年度报告\n规章 0 0 0\n行政规范性文件 3 1 20\n行政许可 97\n行政处罚 5\n行政强制 0\n行政事业性收费 0\n");
        assert_eq!(t.versions.proactive, Some(Version::V2021));
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(97.0));
        assert_eq!(value(&t, Table::Proactive, "normative_docs", "in_force"), Some(20.0));
        assert_eq!(value(&t, Table::Proactive, "fees", "amount"), Some(0.0));
    }

    /// A label wrapped down beside the next row's figures, with that row's item number and
    /// what is left of its label (`2.申请人逾期… | 3. | 他 | 1 … 1`): the figures are
    /// 3.其他's, not 2.'s, and with the label 3.他 naming no row they are not read.
    #[test]
    fn figures_beside_two_numbered_labels_are_the_last_ones() {
        let table = |row: &str| {
            format!(
                "三、收到和处理政府信息公开申请情况\n| | 自然人 | 法人或其他组织 | 总计 |\n\
                 | 一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n\
                 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n\
                 {row}\n"
            )
        };
        let two = read(&table(
            "| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请其 | 3. | 他 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        ));
        assert_eq!(value(&two, Table::Applications, "other_no_correction", "total"), Some(0.0), "{:?}", two.notes);
        assert!(two.cells.iter().all(|c| c.row != "other_no_fee"), "{:?}", two.cells);
        assert!(two.notes.iter().any(|n| n.contains("1 0 0 0 0 0 1 stand under no label")), "{:?}", two.notes);
        // The same figures beside 2.'s label alone are 2.'s.
        let one = read(&table(
            "| 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |",
        ));
        assert_eq!(value(&one, Table::Applications, "other_no_fee", "total"), Some(1.0), "{:?}", one.notes);
    }

    /// Table 三 as a PDF table extractor prints it when label cells are taller than a line:
    /// each row's figures, then its label outside the table. Every row gets the figures
    /// above its label, not those of the row below; rows with nothing printed stay missing.
    #[test]
    fn figures_printed_above_their_labels_are_read_with_the_labels_after_them() {
        let src = "三、收到和处理政府信息公开申请情况\n| | 自然人 | 法人或其他组织 | 总计 |\n\
            | | 9 | 0 | 0 | 0 | 0 | 1 | 10 |\n一、本年新收政府信息公开申请数量\n\
            | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n二、上年结转政府信息公开申请数量\n\
            | | 5 | 0 | 0 | 0 | 0 | 1 | 6 |\n三、本年度办理结果\n（一）予以公开\n\
            | | | | | | | | |\n（二）部分公开\n\
            | | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n（三）不予公开\n1.属于国家秘密\n2.其他法律行政法规禁止公开\n\
            | | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n\
            | | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n四、结转下年度继续办理\n\n四、政府信息公开行政复议、行政诉讼情况\n";
        let t = read(src);
        let natural = |row: &str| value(&t, Table::Applications, row, "natural_person");
        assert_eq!(natural("new_received"), Some(9.0), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("read with the label lines after it")), "{:?}", t.notes);
        assert_eq!(natural("carried_over"), Some(2.0));
        assert_eq!(natural("granted"), Some(5.0));
        assert_eq!(natural("deny_state_secret"), Some(3.0));
        assert_eq!(natural("carry_forward"), Some(3.0));
        assert_eq!(value(&t, Table::Applications, "granted", "total"), Some(6.0));
        // The heading of （六） with a row under it names that row (2021), not （六） itself
        // (the 2019 template's row).
        assert_eq!(natural("other_no_correction"), Some(4.0), "{:?}", t.cells);
        assert!(!t.cells.iter().any(|c| c.row == "other"), "{:?}", t.cells);
        // Printed with nothing: not read, not blank.
        for row in ["partial", "deny_law_forbidden"] {
            assert!(!t.cells.iter().any(|c| c.row == row), "{row}: {:?}", t.cells);
        }
    }

    /// The same lines, labels before their figures, are read the usual way.
    #[test]
    fn labels_before_their_figures_are_read_as_before() {
        let src = "三、收到和处理政府信息公开申请情况\n| | 自然人 | 法人或其他组织 | 总计 |\n\
            一、本年新收政府信息公开申请数量\n| | 9 | 0 | 0 | 0 | 0 | 1 | 10 |\n\
            二、上年结转政府信息公开申请数量\n| | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n\
            四、结转下年度继续办理\n| | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n";
        let t = read(src);
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(9.0), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "carried_over", "total"), Some(2.0));
        assert_eq!(value(&t, Table::Applications, "carry_forward", "total"), Some(3.0));
        assert!(!t.notes.iter().any(|n| n.contains("read with the label lines after it")), "{:?}", t.notes);
    }

    /// Figures run together in one cell (`3001 53`) are each a figure; a page number cut
    /// into cells is no row.
    #[test]
    fn cells_of_several_figures_are_split_and_page_numbers_skipped() {
        let src = "三、收到和处理政府信息公开申请情况\n| | 自然人 | 法人或其他组织 | 总计 |\n\
            一、本年新收政府信息公开申请数量\n| | 6 0 | 0 0 | 1 0 | 7 |\n| | - 3 | - |\n\
            二、上年结转政府信息公开申请数量\n| | 2 0 | 0 0 | 0 0 | 2 |\n";
        let t = read(src);
        let row: Vec<Option<f64>> = t.cells.iter().filter(|c| c.row == "new_received").map(|c| c.value).collect();
        assert_eq!(row, [Some(6.0), Some(0.0), Some(0.0), Some(0.0), Some(1.0), Some(0.0), Some(7.0)], "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "carried_over", "natural_person"), Some(2.0));
        assert!(!t.notes.iter().any(|n| n.contains("- 3")), "{:?}", t.notes);
    }

    #[test]
    fn a_row_printed_twice_keeps_its_first_values() {
        let t =
            read("某局2021年政府信息公开工作年度报告\n规章 0 0 0\n行政许可 97\n行政处罚 5\n行政许可 12\n行政强制 0\n");
        let licensing: Vec<Option<f64>> = t
            .cells
            .iter()
            .filter(|c| c.tbl == Table::Proactive && c.row == "licensing" && c.col == "decisions")
            .map(|c| c.value)
            .collect();
        assert_eq!(licensing, [Some(97.0)]);
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(5.0));
    }

    /// `pdftotext` without `-layout` may print an item's figure before its label: the figure
    /// is not read, and the label with nothing after it is not a blank cell.
    #[test]
    fn a_figure_before_its_label_is_not_read_and_the_row_is_not_blank() {
        let t = read("二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\n本年处理决定数量\n550\n\n行政许可\n\n第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n4119\n行政强制\n195\n");
        assert!(!t.cells.iter().any(|c| c.row == "licensing"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("550") && n.contains("（五）")), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("row licensing") && n.contains("missing")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(4119.0));
        assert_eq!(value(&t, Table::Proactive, "coercion", "decisions"), Some(195.0));
    }

    /// A sentence holding 信息内容 opens no table 二 header, and a label with nothing after
    /// it gives way to the same item's row with figures.
    #[test]
    fn prose_naming_an_item_does_not_hide_its_row() {
        let src = "确保网上发布信息内容准确完整，便于公众阅读和查询，今年累计公开政府采购\n事故调查处理、安全生产标准化公告、行政许可等信息，向社会及时发\n\n\n\n行政许可   396    0    181\n";
        let t = read(src);
        assert_eq!(value(&t, Table::Proactive, "licensing", "decisions"), Some(181.0));
        // Without the row: the sentence naming 行政许可 is no row of blank cells.
        let other = src.replace("行政许可   396    0    181", "行政处罚   2648    0    430");
        let t = read(&other);
        assert_eq!(value(&t, Table::Proactive, "penalty", "decisions"), Some(430.0));
        assert!(!t.cells.iter().any(|c| c.row == "licensing"), "{:?}", t.cells);
        let t = read(
            "第二十条第（五）项\n信息内容 上一年项目数量 本年增/减 处理决定数量\n行政许可\n\n\n\n行政许可 396 0 181\n",
        );
        assert_eq!(value(&t, Table::Proactive, "licensing", "prev_items"), Some(396.0));
    }

    /// Seven figures that do not add up to their 总计 are not taken as one row.
    #[test]
    fn a_full_row_of_table_three_must_add_up() {
        let t = read("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 10 2 0 1 1 0 15\n二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2\n");
        assert!(!t.cells.iter().any(|c| c.row == "new_received"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("row new_received") && n.contains("14 ≠ 15")), "{:?}", t.notes);
        assert_eq!(value(&t, Table::Applications, "carried_over", "total"), Some(2.0));
    }

    /// A line of laid-out text: `label` from character column 2, each figure starting at
    /// its character column.
    fn laid(label: &str, cells: &[(usize, &str)]) -> String {
        let mut line = format!("  {label}");
        for (col, text) in cells {
            let at = line.chars().count();
            line.push_str(&" ".repeat(col.saturating_sub(at).max(1)));
            line.push_str(text);
        }
        line.push('\n');
        line
    }

    /// The character columns of table 三's seven figures in [`laid`] lines.
    const APP_COLS: [usize; 7] = [40, 46, 52, 58, 64, 70, 76];

    /// A row of figures at [`APP_COLS`], `None` for a cell that printed nothing.
    fn app_row(label: &str, cells: [Option<&'static str>; 7]) -> String {
        let placed: Vec<(usize, &str)> = APP_COLS.iter().zip(cells).filter_map(|(c, v)| v.map(|v| (*c, v))).collect();
        laid(label, &placed)
    }

    fn app_values(t: &Tables, row: &str) -> Vec<Option<String>> {
        ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]
            .iter()
            .map(|c| t.cells.iter().find(|x| x.row == row && x.col == *c).map(|x| x.raw.to_string()))
            .collect()
    }

    fn laid_out_applications(rows: &[String]) -> Tables {
        let mut src = String::from(
            "三、收到和处理政府信息公开申请情况\n                                        自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n",
        );
        src.push_str(&app_row(
            "一、本年新收政府信息公开申请数量",
            [Some("20"), Some("1"), Some("0"), Some("0"), Some("1"), Some("0"), Some("22")],
        ));
        src.push_str(&app_row(
            "二、上年结转政府信息公开申请数量",
            [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("1")],
        ));
        for r in rows {
            src.push_str(r);
        }
        read(&src)
    }

    fn some(cells: [&str; 7]) -> Vec<Option<String>> {
        cells.iter().map(|c| Some(c.to_string())).collect()
    }

    /// Laid-out text of a table 三 whose every row leaves some cell empty: no complete row
    /// says where the columns are, and every row was missing (a synthetic layout text, seed
    /// 67, 10 of 200 cells read). The header's names stand over the columns: a row aligns
    /// by them when its figures add up to its 总计 so placed (marked aligned); a row that does
    /// not add up is left to the sums. With the names run together, nothing to align by.
    #[test]
    fn rows_that_all_leave_a_cell_empty_align_by_the_headers_names() {
        const COLS: [usize; 7] = [40, 50, 60, 70, 80, 90, 100];
        let names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
        let row = |label: &str, cells: [&str; 7]| {
            let placed: Vec<(usize, &str)> =
                COLS.iter().zip(cells).filter(|(_, v)| !v.is_empty()).map(|(c, v)| (*c, v)).collect();
            laid(label, &placed)
        };
        let rows = [
            row("一、本年新收政府信息公开申请数量", ["31", "6", "", "", "", "1", "38"]),
            row("二、上年结转政府信息公开申请数量", ["4", "", "", "", "", "", "4"]),
            row("（一）予以公开", ["15", "3", "", "", "", "", "18"]),
            row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["2", "", "", "1", "", "", "4"]),
        ];
        let src = |header: &str| format!("三、收到和处理政府信息公开申请情况\n{header}{}", rows.concat());
        let apart: Vec<(usize, &str)> = COLS.iter().zip(names).map(|(c, n)| (c - n.chars().count() / 2, n)).collect();
        let t = read(&src(&laid("申请人情况", &apart)));
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "new_received"), s(&["31", "6", "", "", "", "1", "38"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "carried_over"), s(&["4", "", "", "", "", "", "4"]));
        assert_eq!(app_values(&t, "granted"), s(&["15", "3", "", "", "", "", "18"]));
        let aligned = |row: &str| t.cells.iter().filter(|c| c.row == row).all(|c| c.placement == Placement::Aligned);
        assert!(aligned("new_received") && aligned("granted"), "{:?}", t.cells);
        // 2 + 1 is not 4: not placed by the names.
        assert!(t.cells.iter().all(|c| c.row != "partial" || c.placement != Placement::Aligned), "{:?}", t.cells);
        // The names in one run: no columns to go by.
        let t = read(&src(&format!("{}{}\n", " ".repeat(38), names.join(" "))));
        assert!(app_values(&t, "new_received").iter().all(Option::is_none), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of table 三's header in narrow cells (seed 502 synth-00014): two
    /// kinds' names a single space apart (`商业企业 科研机构`), and two wrapped over two lines
    /// (`社会公益` over `组织`, `法律服务` over `机构`). Every row left a cell empty, so only the
    /// header could say where the columns are, and it named four of the seven: the whole
    /// table was missing. Each name is read apart, the wrapped ones completed by the line
    /// below, and rows whose figures add up align by them.
    #[test]
    fn header_names_set_close_or_wrapped_in_narrow_cells_name_their_columns() {
        let header = [
            laid("", &[(39, "自然人"), (44, "法人或其他组织"), (75, "总计")]),
            laid("", &[(44, "商业企业 科研机构"), (56, "社会公益"), (62, "法律服务"), (69, "其他")]),
            laid("", &[(56, "组织"), (62, "机构")]),
        ];
        let cols = [40, 46, 52, 58, 64, 70, 76];
        let row = |label: &str, cells: [&str; 7]| {
            let placed: Vec<(usize, &str)> =
                cols.iter().zip(cells).filter(|(_, v)| !v.is_empty()).map(|(c, v)| (*c, v)).collect();
            laid(label, &placed)
        };
        let rows = [
            row("一、本年新收政府信息公开申请数量", ["31", "6", "", "1", "", "1", "39"]),
            row("二、上年结转政府信息公开申请数量", ["4", "", "", "", "", "", "4"]),
            row("（一）予以公开", ["15", "3", "2", "", "", "", "20"]),
        ];
        let src =
            |header: &[String]| format!("三、收到和处理政府信息公开申请情况\n{}{}", header.concat(), rows.concat());
        let t = read(&src(&header));
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "new_received"), s(&["31", "6", "", "1", "", "1", "39"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "carried_over"), s(&["4", "", "", "", "", "", "4"]));
        assert_eq!(app_values(&t, "granted"), s(&["15", "3", "2", "", "", "", "20"]));
        assert!(
            t.cells.iter().filter(|c| c.row == "granted").all(|c| c.placement == Placement::Aligned),
            "{:?}",
            t.cells
        );
        // Without the line that ends the wrapped names, two columns are unnamed: nothing
        // to align by.
        let t = read(&src(&header[..2]));
        assert!(app_values(&t, "granted").iter().all(Option::is_none), "{:?}", t.cells);
        // A line under the header that ends no name where one starts completes nothing.
        let t = read(&src(&[header[0].clone(), header[1].clone(), laid("", &[(59, "组织"), (62, "机构")])]));
        assert!(app_values(&t, "granted").iter().all(Option::is_none), "{:?}", t.cells);
        // The header's places hold on its own page: a row after a page break is not
        // aligned by them, though it stands in the same columns and adds up.
        let t = read(&format!("{}\u{c}{}", src(&header), row("（二）部分公开", ["7", "", "1", "", "", "", "8"])));
        assert_eq!(app_values(&t, "granted"), s(&["15", "3", "2", "", "", "", "20"]), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.row != "partial" || c.placement != Placement::Aligned), "{:?}", t.cells);
    }

    /// Table 三's header laid out in cells two characters wide, every kind's name wrapped
    /// (`自然` over `人`, `社会` over `公益` over `组织`), at [`APP_COLS`].
    fn narrow_header() -> [String; 5] {
        [
            laid("（本列数据的勾稽关系", &[(40, "申请人情况")]),
            laid("为：第一项加第二项之", &[(40, "自然"), (46, "法人或其他组织"), (76, "总计")]),
            laid(
                "和，等于第三项加第四",
                &[(40, "人"), (46, "商业"), (52, "科研"), (58, "社会"), (64, "法律"), (70, "其他")],
            ),
            laid("项之和）", &[(46, "企业"), (52, "机构"), (58, "公益"), (64, "服务")]),
            laid("", &[(58, "组织"), (64, "机构")]),
        ]
    }

    /// `pdftotext -layout` of table 三's header in cells two characters wide (generated
    /// reports of seeds 602–612): every kind's name wrapped over two or three lines, the
    /// lines each beginning some of them (`自然` over `人`, `社会` over `公益` over `组织`),
    /// so that no line names the columns and every row that left a cell empty was missing.
    /// Pieces standing one under the other spell the names, and rows whose figures add up
    /// align by them. A row of one figure beside its 总计, which adds up under any name, is
    /// placed by such narrow names only where a sum of its column confirms it.
    #[test]
    fn names_wrapped_over_several_lines_of_narrow_cells_name_their_columns() {
        let header = narrow_header();
        let rows =
            |rows: &[(&str, [Option<&'static str>; 7])]| rows.iter().map(|(l, c)| app_row(l, *c)).collect::<String>();
        let src =
            |header: &[String], rows: &str| format!("三、收到和处理政府信息公开申请情况\n{}{rows}", header.concat());
        let (n, s) = (None, Some);
        let some_rows = rows(&[
            ("一、本年新收政府信息公开申请数量", [s("10"), s("2"), n, s("1"), n, n, s("13")]),
            ("二、上年结转政府信息公开申请数量", [n, n, n, s("4"), n, n, s("4")]),
            ("（一）予以公开", [s("9"), s("2"), n, s("5"), n, n, s("16")]),
        ]);
        let t = read(&src(&header, &some_rows));
        let v = |x: &[&str]| x.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "new_received"), v(&["10", "2", "", "1", "", "", "13"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "granted"), v(&["9", "2", "", "5", "", "", "16"]));
        assert!(t.cells.iter().all(|c| c.row != "new_received" || c.placement == Placement::Aligned), "{:?}", t.cells);
        // One figure beside its 总计, and no sum of its column to confirm where it stands:
        // only its 总计, the 4 every placement ends with, is read.
        let carried = app_values(&t, "carried_over");
        assert!(carried[..6].iter().all(Option::is_none), "{:?}", t.cells);
        assert_eq!(carried[6].as_deref(), Some("4"));
        // The rows of results and carried forward make the columns' sums (一 + 二 = 三 + 四)
        // hold with it under 社会公益组织, and fail elsewhere.
        let all_rows = rows(&[
            ("一、本年新收政府信息公开申请数量", [s("10"), s("2"), n, s("1"), n, n, s("13")]),
            ("二、上年结转政府信息公开申请数量", [n, n, n, s("4"), n, n, s("4")]),
            ("（七）总计", [s("9"), s("2"), n, s("5"), n, n, s("16")]),
            ("四、结转下年度继续办理", [s("1"), n, n, n, n, n, s("1")]),
        ]);
        let t = read(&src(&header, &all_rows));
        assert_eq!(app_values(&t, "carried_over"), v(&["", "", "", "4", "", "", "4"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "carry_forward"), v(&["1", "", "", "", "", "", "1"]), "{:?}", t.notes);
        // Without the last line, two names stay unfinished: no header to align by.
        let t = read(&src(&header[..4], &some_rows));
        assert!(app_values(&t, "granted").iter().all(Option::is_none), "{:?}", t.cells);
        // The pieces of one name must stand one under the other: `公益` moved off `社会`.
        let moved = laid("项之和）", &[(46, "企业"), (52, "机构"), (61, "公益"), (64, "服务")]);
        let t = read(&src(
            &[header[0].clone(), header[1].clone(), header[2].clone(), moved, header[4].clone()],
            &some_rows,
        ));
        assert!(app_values(&t, "granted").iter().all(Option::is_none), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of a web page's table 三 whose labels wrap around their figures
    /// (seed 159 synth-00001): a label line, the figures, the label's last characters. Row
    /// 4's last two `——` come a line lower, beside `权益`; then 5's label starts on the line
    /// of a piece of the group label printed down the left (`不予公 5、属于三类内部事`), and
    /// its last characters follow its figures (`开     务信息`). The two marks were read as a
    /// row of their own, `不予公5、属于三类内部事` as that row's trail, and 5's figures as
    /// under no label: from there every row took the figures of the row above (18 cells
    /// wrong, marked exact). Marks right of the row's figures go in as its next columns;
    /// the trail is split before 5's item number, since it names row 5 with the lines after
    /// 5's figures.
    #[test]
    fn a_rows_marks_beside_its_labels_tail_and_the_next_label_after_them() {
        let t = laid_out_applications(&[
            laid(
                "（三）1、属于国家秘密",
                &[(40, "——"), (46, "0"), (52, "——"), (58, "0"), (64, "0"), (70, "0"), (76, "0")],
            ),
            laid("3、危及“三安全一", &[]),
            app_row("", [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("1")]),
            laid("稳定”", &[]),
            laid("4、保护第三方合法", &[]),
            laid("", &[(40, "2"), (46, "——"), (52, "0"), (58, "0"), (64, "0")]),
            laid("权益", &[(70, "——"), (73, "——")]),
            laid("不予公 5、属于三类内部事", &[]),
            app_row("", [Some("——"), Some("——"), Some("0"), Some("3"), Some("0"), Some("0"), Some("3")]),
            laid("开     务信息", &[]),
            laid("6、属于四类过程性", &[]),
            app_row("", [Some("4"), Some("0"), Some("——"), Some("0"), Some("——"), Some("0"), Some("4")]),
            laid("信息", &[]),
        ]);
        assert_eq!(app_values(&t, "deny_third_party"), some(["2", "——", "0", "0", "0", "——", "——"]), "{:?}", t.notes);
        assert_eq!(
            app_values(&t, "deny_internal_affairs"),
            some(["——", "——", "0", "3", "0", "0", "3"]),
            "{:?}",
            t.notes
        );
        assert_eq!(app_values(&t, "deny_process_info"), some(["4", "0", "——", "0", "——", "0", "4"]), "{:?}", t.notes);
    }

    /// A row whose label wraps around its figures (`4、无正当理由大量`, the figures, `反复申请`),
    /// the label's tail alone reading as another row (重复申请): the tail is still the end of
    /// the label above, whose item number says it is a label's head, not a tail. It was left
    /// to the label lines after it, and the row went missing (seed 159 synth-00001).
    #[test]
    fn a_wrapped_labels_tail_that_alone_names_another_row_ends_its_label() {
        let t = laid_out_applications(&[
            app_row(
                "（五）不予处理 1、信访举报投诉类申请",
                [Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0")],
            ),
            app_row("2、重复申请", [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("1")]),
            app_row(
                "3、要求提供公开出版物",
                [Some("0"), Some("2"), Some("0"), Some("0"), Some("0"), Some("0"), Some("2")],
            ),
            laid("4、无正当理由大量", &[]),
            app_row("", [Some("3"), Some("0"), Some("0"), Some("0"), Some("——"), Some("0"), Some("3")]),
            laid("反复申请", &[]),
            app_row(
                "5、要求行政机关确认或重新出具已获取信息",
                [Some("0"), Some("0"), Some("0"), Some("4"), Some("0"), Some("0"), Some("4")],
            ),
        ]);
        assert_eq!(app_values(&t, "noproc_mass_repeat"), some(["3", "0", "0", "0", "——", "0", "3"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "noproc_repeat"), some(["1", "0", "0", "0", "0", "0", "1"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "noproc_confirm"), some(["0", "0", "0", "4", "0", "0", "4"]), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a web page's table 三 whose group names are printed down the
    /// left a piece a line (seed 140 synth-00011 and eleven more of 800): `（五）` stands on the
    /// line of 3．要求提供公开出版物's figures, the label wrapped around them (`3．要求提供公开出`,
    /// `（五）` and the figures, `版物`). The marker was taken for the row's own label, so the
    /// label was not joined and the row was missing. A group's marker alone beside the
    /// figures is no label of the row.
    #[test]
    fn a_group_marker_beside_the_figures_of_a_wrapped_label_is_no_label_of_the_row() {
        let t = laid_out_applications(&[
            app_row(
                "1．信访举报投诉类申请",
                [Some("0"), Some("0"), Some("——"), Some("0"), Some("0"), Some("0"), Some("0")],
            ),
            app_row("2．重复申请", [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("1")]),
            laid("3．要求提供公开出", &[]),
            app_row("（五）", [Some("——"), Some("2"), Some("0"), Some("0"), Some("0"), Some("——"), Some("2")]),
            laid("版物", &[]),
            laid("不予处", &[]),
            laid("理", &[]),
            laid("4．无正当理由大量", &[]),
            app_row("", [Some("3"), Some("0"), Some("——"), Some("0"), Some("0"), Some("0"), Some("3")]),
            laid("反复申请", &[]),
        ]);
        assert_eq!(app_values(&t, "noproc_publication"), some(["——", "2", "0", "0", "0", "——", "2"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "noproc_mass_repeat"), some(["3", "0", "——", "0", "0", "0", "3"]), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a web page's table 三 whose font sets `——` a little lower than
    /// figures (seed 148 synth-00018): the marks of a row come out on the line after its
    /// figures, beside the last words of its wrapped label. Two marks of narrow cells side by
    /// side stand a single space apart (`息` … `—— ——`): the line was taken for one of
    /// space-separated cells, its places said nothing, and the marks were read as no row's
    /// (the row's cells under them blank). A label set four spaces or more before its
    /// figures is laid out: the marks go in by their columns. So do words that name the very
    /// row the figures above have their label from (`法提 行制作`, of （四）无法提供's
    /// 2.没有现成信息需要另行制作), which were taken for a row of their own.
    #[test]
    fn marks_set_lower_beside_the_end_of_their_rows_label_go_in_by_columns() {
        let t = laid_out_applications(&[
            laid("（三）不予公开", &[]),
            laid("5.属于三类内部事务信", &[]),
            laid("", &[(40, "9"), (46, "3"), (64, "——"), (70, "0"), (76, "12")]),
            laid("息", &[(51, "——"), (54, "——")]),
            laid("（四", &[]),
            laid("）无   2.没有现成信息需要另", &[]),
            laid("", &[(40, "43"), (46, "10"), (58, "0"), (64, "4"), (70, "3"), (76, "60")]),
            laid("法提        行制作", &[(52, "——")]),
        ]);
        let v = |x: [&str; 7]| x.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(
            app_values(&t, "deny_internal_affairs"),
            v(["9", "3", "——", "——", "——", "0", "12"]),
            "{:?}",
            t.notes
        );
        assert_eq!(app_values(&t, "unable_need_creation"), v(["43", "10", "——", "0", "4", "3", "60"]), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of table 四 printed from a web page, whose 总计 cells (and a
    /// font's `——`) sit lower than the other figures: the row comes out as two lines of
    /// figures, the second's standing among the first's (seed 148 synth-00018, seed 145
    /// synth-00013). Read one line after the other, with the empty line after them taken
    /// for a cell, every figure from the first lower one on stood a column or more off,
    /// exact: 行政复议's 总计 read 5 for 28. The lower figures go in by their columns, and
    /// the empty line after laid-out figures is no cell.
    #[test]
    fn table_four_figures_set_a_line_lower_go_in_by_their_columns() {
        let src = |upper: &[(usize, &str)], lower: &[(usize, &str)]| {
            format!(
                "四、政府信息公开行政复议、行政诉讼情况\n           行政复议                    行政诉讼\n{}{}\n五、存在的主要问题及改进情况\n",
                laid("", upper),
                laid("", lower)
            )
        };
        let read_row = |t: &Tables, row: &str| -> Vec<Option<String>> {
            ["upheld", "corrected", "other", "pending", "total"]
                .iter()
                .map(|c| {
                    t.cells
                        .iter()
                        .find(|x| x.tbl == Table::Appeals && x.row == row && x.col == *c)
                        .map(|x| x.raw.to_string())
                })
                .collect()
        };
        let v = |x: [&str; 5]| x.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        let upper = [
            (1, "15"),
            (7, "2"),
            (12, "10"),
            (19, "1"),
            (30, "5"),
            (35, "0"),
            (45, "1"),
            (50, "2"),
            (55, "8"),
            (66, "0"),
            (75, "1"),
            (83, "1"),
            (89, "2"),
        ];
        let t = read(&src(&upper, &[(23, "28"), (60, "——")]));
        assert_eq!(read_row(&t, "review"), v(["15", "2", "10", "1", "28"]), "{:?}", t.notes);
        assert_eq!(read_row(&t, "suit_direct"), v(["5", "0", "1", "2", "8"]));
        assert_eq!(read_row(&t, "suit_after_review"), v(["——", "0", "1", "1", "2"]));
        // One cell empty (复议后起诉's 尚未审结): fourteen figures. Where the sums cannot
        // say which cell is empty (here, with no prose stating a kind's 总计), the cells
        // are missing, never read a column off.
        let upper = [
            (1, "53"),
            (7, "9"),
            (12, "16"),
            (19, "8"),
            (29, "7"),
            (34, "1"),
            (40, "3"),
            (49, "5"),
            (58, "6"),
            (64, "1"),
            (74, "4"),
            (84, "11"),
        ];
        let gold = [["53", "9", "16", "8", "86"], ["7", "1", "3", "5", "16"], ["6", "1", "4", "", "11"]];
        let none_off = |t: &Tables| {
            for (row, want) in ["review", "suit_direct", "suit_after_review"].iter().zip(gold) {
                for (got, want) in read_row(t, row).iter().zip(want) {
                    assert!(got.as_deref().is_none_or(|g| g == want), "{row}: {:?}", t.cells);
                }
            }
        };
        let t = read(&src(&upper, &[(23, "86"), (53, "16")]));
        none_off(&t);
    }

    /// Table 四 laid out in spaces under names wrapped in narrow cells (`结果` over `维持`,
    /// under a group's name 未经复议直接起诉), a few figures on one line, the rest of its
    /// cells left empty: each figure takes the column whose name it stands under, where
    /// every kind of case then adds up to its 总计.
    #[test]
    fn table_four_laid_out_under_wrapped_names_is_read_by_their_places() {
        // The header's last line, its first 维持 at `first` (30 stands under 结果).
        let bottom = |first: usize| {
            laid(
                "",
                &[
                    (first, "维持"),
                    (34, "纠正"),
                    (38, "结果"),
                    (42, "审结"),
                    (50, "维持"),
                    (54, "纠正"),
                    (58, "结果"),
                    (62, "审结"),
                ],
            )
        };
        let header = [
            laid(
                "",
                &[
                    (10, "结果"),
                    (14, "结果"),
                    (18, "其他"),
                    (22, "尚未"),
                    (26, "总计"),
                    (30, "未经复议直接起诉"),
                    (50, "复议后起诉"),
                ],
            ),
            laid(
                "",
                &[
                    (10, "维持"),
                    (14, "纠正"),
                    (18, "结果"),
                    (22, "审结"),
                    (30, "结果"),
                    (34, "结果"),
                    (38, "其他"),
                    (42, "尚未"),
                    (46, "总计"),
                    (50, "结果"),
                    (54, "结果"),
                    (58, "其他"),
                    (62, "尚未"),
                    (66, "总计"),
                ],
            ),
            bottom(30),
        ];
        let src = |header: &[String], figures: &[(usize, &str)]| {
            format!(
                "四、政府信息公开行政复议、行政诉讼情况\n          行政复议                    行政诉讼\n{}{}\n五、存在的主要问题及改进情况\n",
                header.concat(),
                laid("", figures)
            )
        };
        let appeal = |t: &Tables, row: &str, col: &str| value(t, Table::Appeals, row, col);
        let t = read(&src(&header, &[(30, "1"), (46, "1"), (58, "2"), (66, "2")]));
        assert_eq!(t.cells.iter().filter(|c| c.tbl == Table::Appeals).count(), 15, "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.tbl != Table::Appeals || c.placement == Placement::Aligned));
        assert_eq!(appeal(&t, "suit_direct", "upheld"), Some(1.0));
        assert_eq!(appeal(&t, "suit_direct", "total"), Some(1.0));
        assert_eq!(appeal(&t, "suit_after_review", "other"), Some(2.0));
        assert_eq!(appeal(&t, "suit_after_review", "total"), Some(2.0));
        assert_eq!(appeal(&t, "review", "total"), None, "blank: {:?}", t.cells);
        // The last kind printing nothing: its empty 总计 is no sign of figures set a column off.
        let t = read(&src(&header, &[(30, "1"), (46, "1")]));
        assert_eq!(appeal(&t, "suit_direct", "upheld"), Some(1.0), "{:?}", t.notes);
        assert_eq!(t.cells.iter().filter(|c| c.tbl == Table::Appeals).count(), 15);
        // Laid out flush with the line's start (no label column before 行政复议): a figure
        // there is 结果维持's, as the name above it is.
        let flush: Vec<String> = header.iter().map(|l| l[7..].to_string()).collect();
        let t = read(&src(&flush, &[]).replace("\n\n五", &format!("\n{}五", &laid("", &[(10, "1"), (26, "1")])[7..])));
        assert_eq!(appeal(&t, "review", "upheld"), Some(1.0), "{:?}", t.notes);
        assert_eq!(appeal(&t, "review", "total"), Some(1.0));
        let missing = |t: &Tables| t.cells.iter().all(|c| c.tbl != Table::Appeals);
        // A figure midway between two names, a kind that does not add up, or names that do not
        // spell the fifteen columns (维持 moved off 结果): not read.
        for figures in [&[(32, "10"), (46, "10")][..], &[(30, "1"), (46, "2")]] {
            let t = read(&src(&header, figures));
            assert!(missing(&t), "{figures:?}: {:?}", t.cells);
        }
        let moved = bottom(33);
        let t = read(&src(&[header[0].clone(), header[1].clone(), moved], &[(30, "1"), (46, "1")]));
        assert!(missing(&t), "{:?}", t.cells);
    }

    /// Table 三 of a text that prints no 0 (its zeros left empty), laid out under narrow
    /// names: `二、上年结转… 4 4` (one figure beside its 总计) fits under any name, and no
    /// sum of its column tells where it stands while rows that gave no figure (结转下年度,
    /// the other result rows) are unknown. Read as rows that printed none, they are blank,
    /// and the column's sums place it (under 社会公益组织: 1 + 4 = 5): all marked assumed.
    #[test]
    fn rows_that_gave_no_figure_in_a_table_that_prints_no_zero_read_blank_where_the_sums_then_place_rows() {
        let header = narrow_header();
        let (n, s) = (None, Some);
        let src = |granted: [Option<&'static str>; 7]| {
            format!(
                "二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n三、收到和处理政府信息公开申请情况\n{}{}{}{}{}四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n",
                header.concat(),
                app_row("一、本年新收政府信息公开申请数量", [s("10"), s("2"), n, s("1"), n, n, s("13")]),
                app_row("二、上年结转政府信息公开申请数量", [n, n, n, s("4"), n, n, s("4")]),
                app_row("（一）予以公开", granted),
                app_row("（七）总计", [s("10"), s("2"), n, s("5"), n, n, s("17")]),
            )
        };
        let t = read(&src([s("10"), s("2"), n, s("5"), n, n, s("17")]));
        let v = |x: &[&str]| x.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "carried_over"), v(&["", "", "", "4", "", "", "4"]), "{:?}", t.notes);
        let placement = |row: &str| t.cells.iter().find(|c| c.row == row).map(|c| c.placement);
        assert_eq!(placement("carried_over"), Some(Placement::Assumed));
        assert_eq!(app_values(&t, "carry_forward"), v(&["", "", "", "", "", "", ""]));
        assert_eq!(placement("deny_state_secret"), Some(Placement::Assumed));
        assert_eq!(placement("granted"), Some(Placement::Aligned));
        assert!(t.notes.iter().any(|n| n.starts_with("table 三: it prints no 0")), "{:?}", t.notes);
        // A 0 printed in the table: its empty cells are no zeros left empty, and a row
        // with no figure may have lost them.
        let t = read(&src([s("10"), s("2"), s("0"), s("5"), n, n, s("17")]));
        assert!(app_values(&t, "carried_over")[..6].iter().all(Option::is_none), "{:?}", t.cells);
        assert!(t.cells.iter().all(|c| c.row != "deny_state_secret"));
    }

    /// 3.其他 broken over two lines (`3.其` / `他`, PDFium's text of a narrow label cell) under
    /// （六）'s heading broken too, after 2.申请人逾期… which printed no figure: the figures
    /// after it are 3.其他's, the lead's last item, not the row named before it.
    #[test]
    fn other_broken_over_lines_after_a_row_that_printed_nothing_takes_its_figures() {
        let src = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n（六\n）其\n他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\n1\n1\n2.申\n请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\n3.其\n他\n2 2\n";
        let t = read(src);
        assert!(t.notes.iter().any(|n| n.starts_with("table 三 row other_other:")), "{:?}", t.notes);
        assert!(!t.notes.iter().any(|n| n.starts_with("table 三 row other_no_fee:")), "{:?}", t.notes);
    }

    /// PDFium's text of （五） in a table that prints no 0 (seed 609 synth-00020, seed 610
    /// synth-00013): 3.要求提供公开出版物 printed no figure, and 4.无正当理由… breaks around
    /// its own (`4.` `无` `1` `1` `正当` …). The figures are the last item's, begun before
    /// them: before, the row the lines above named whole (3) took them, or, with the item
    /// alone above them, the later row the lines after them name (5).
    #[test]
    fn figures_inside_a_broken_label_are_the_last_items_not_a_row_above_it() {
        let head = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n（五\n）不\n予处理\n";
        let row_of_ones = |t: &Tables| -> Vec<String> {
            let mut rows: Vec<String> = t.cells.iter().map(|c| c.row.to_string()).collect();
            rows.dedup();
            rows
        };
        let rows_read = |src: &str| {
            let t = read(src);
            let named: Vec<String> = t
                .notes
                .iter()
                .filter_map(|n| n.strip_prefix("table 三 row "))
                .filter_map(|n| n.split(':').next())
                .map(str::to_string)
                .chain(row_of_ones(&t))
                .collect();
            named
        };
        // The item begun names its row with the lines after the figures.
        let src = format!(
            "{head}1.信访举报投诉类申请\n1\n1\n2.重复申请\n1\n1\n3.要\n求提供公\n开出版物\n4.\n无\n1\n1\n正当\n理由大量反复申请\n5.要求行政机关确认或重新出具已获取信息\n"
        );
        let named = rows_read(&src);
        assert!(named.iter().any(|r| r == "noproc_mass_repeat"), "{named:?}");
        assert!(!named.iter().any(|r| r == "noproc_publication"), "{named:?}");
        // The item begins the lines (3 printed its figures): the same (seed 604 synth-00023).
        let src = format!(
            "{head}3.要求提供公开出版物\n1\n1\n4.无\n正当\n理由\n1\n1\n大量反复申请5.要求行政机关确认或重新出具已获取信息\n"
        );
        let named = rows_read(&src);
        assert!(named.iter().any(|r| r == "noproc_mass_repeat"), "{named:?}");
        assert!(!named.iter().any(|r| r == "noproc_confirm"), "{named:?}");
        // The item begun names no row before the figures, and the lines after them name
        // two (`程性信息7.属于行政执法案卷`): the first is the item's.
        let src = format!(
            "{head}（三）不予公开\n5.属于三类内部事务信息\n6.属\n于四\n类过\n1 1\n程性\n信息7.属\n于行政执法案卷8.属于行政查询事项\n"
        )
        .replace("（五\n）不\n予处理\n", "");
        let named = rows_read(&src);
        assert!(named.iter().any(|r| r == "deny_process_info"), "{named:?}");
        assert!(!named.iter().any(|r| r == "deny_internal_affairs" || r == "deny_admin_query"), "{named:?}");
    }

    /// Text that keeps table 三's header open for hundreds of lines (no figure after the
    /// names) gathers no more than [`MOST_HEADER_PIECES`] of their pieces: the names are
    /// compared pairwise, and such text is no header.
    #[test]
    fn a_header_that_runs_on_gathers_a_bounded_number_of_pieces() {
        let mut src = String::from("三、收到和处理政府信息公开申请情况\n");
        src.push_str(&laid("为：第一项加第二项之", &[(40, "自然"), (46, "法人或其他组织"), (76, "总计")]));
        for _ in 0..500 {
            src.push_str(&laid("和，等于第三项加第四", &[(40, "人"), (46, "商业"), (52, "科研"), (58, "社会")]));
        }
        let doc = text::read(src.as_bytes()).unwrap();
        let mut r = Reader::default();
        for (seq, line) in lines(&doc).iter().enumerate() {
            r.line(line, seq);
        }
        assert_eq!(r.app_header_pieces.len(), MOST_HEADER_PIECES);
    }

    /// `pdftotext -layout` keeps a line's text from overlapping: a row's label that reaches
    /// into the first column's place pushes the figures after it right, off the header's
    /// names (seed 603 synth-00000: `（二）部分公开` ending where 自然人 starts, its `2` then
    /// under 商业企业). Such a row is not aligned by the names.
    #[test]
    fn a_label_reaching_into_the_first_column_aligns_by_no_names() {
        const COLS: [usize; 7] = [30, 38, 46, 54, 62, 70, 78];
        let names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
        let apart: Vec<(usize, &str)> = COLS.iter().zip(names).map(|(c, n)| (c - n.chars().count() / 2, n)).collect();
        let header = laid("申请人情况", &apart);
        // `2` and `1` under 商业企业 and 科研机构, after a label ending before 自然人's
        // place, or reaching into it (ending at 30).
        let row = |label: &str| laid(label, &[(38, "2"), (46, "1"), (78, "3")]);
        let src = format!(
            "三、收到和处理政府信息公开申请情况\n{header}{}{}",
            row("（一）予以公开"),
            row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        );
        let t = read(&src);
        let v = |x: &[&str]| x.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "granted"), v(&["", "2", "1", "", "", "", "3"]), "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.row != "partial" || c.placement != Placement::Aligned), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of a table 三 that leaves most rows empty (seed 302 synth-00002):
    /// runs of labels with no figure beside them, then a row's label with its figures. Taken
    /// for a page text read by columns (labels stacked, figures elsewhere), the whole table
    /// was missing. Figures laid out beside a label of their own line that names a row are
    /// that row's; the empty rows above stay missing (nothing says they are blank).
    #[test]
    fn figures_beside_their_own_label_after_rows_of_empty_cells_are_that_rows() {
        let mut src = String::from(
            "三、收到和处理政府信息公开申请情况\n                                        自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n",
        );
        src.push_str(&app_row(
            "一、本年新收政府信息公开申请数量",
            [Some("20"), Some("1"), Some("2"), Some("3"), Some("1"), Some("4"), Some("31")],
        ));
        for label in ["二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开"]
        {
            src.push_str(&laid(label, &[]));
        }
        src.push_str(&app_row("1．属于国家秘密", [Some("1"), None, None, None, None, None, Some("1")]));
        for label in ["2．其他法律行政法规禁止公开", "3．危及“三安全一稳定”", "4．保护第三方合法权益"]
        {
            src.push_str(&laid(label, &[]));
        }
        src.push_str(&app_row("5．属于三类内部事务信息", [Some("2"), None, None, None, None, None, Some("2")]));
        src.push('\u{c}');
        let t = read(&src);
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "deny_state_secret"), s(&["1", "", "", "", "", "", "1"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "deny_internal_affairs"), s(&["2", "", "", "", "", "", "2"]), "{:?}", t.notes);
        assert!(app_values(&t, "granted").iter().all(Option::is_none), "{:?}", t.cells);
        assert!(!t.notes.iter().any(|n| n.contains("runs of row labels")), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a table 三 that prints nothing in its empty cells, some labels
    /// wrapped around their row's figures (seed 140 synth-00004): runs of labels of rows
    /// with no figure, then `6．属于四类过程性`, the figures on a line of their own, `信息`.
    /// Taken for a page text read by columns (labels stacked, figures elsewhere), the whole
    /// table was missing (161 cells). A label's head above laid-out figures and its tail
    /// right after them are no labels printed apart from their figures.
    #[test]
    fn laid_out_figures_between_a_labels_head_and_tail_after_empty_rows_are_that_rows() {
        let mut src = String::from(
            "三、收到和处理政府信息公开申请情况\n                                        自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n",
        );
        src.push_str(&app_row(
            "一、本年新收政府信息公开申请数量",
            [Some("20"), Some("1"), Some("2"), Some("3"), Some("1"), Some("4"), Some("31")],
        ));
        let empty = [
            "二、上年结转政府信息公开申请数量",
            "1．属于国家秘密",
            "2．其他法律行政法规禁止公开",
            "3．危及“三安全一稳定”",
            "4．保护第三方合法权益",
            "5．属于三类内部事务信息",
            "6．属于四类过程性",
        ];
        for label in empty {
            src.push_str(&laid(label, &[]));
        }
        src.push_str(&app_row("", [Some("2"), None, None, None, None, None, Some("2")]));
        src.push_str(&laid("信息", &[]));
        for label in ["7．属于行政执法案卷", "8．属于行政查询事项", "1．本机关不掌握相"] {
            src.push_str(&laid(label, &[]));
        }
        src.push_str(&app_row("", [None, Some("3"), None, None, None, None, Some("3")]));
        src.push_str(&laid("关政府信息", &[]));
        src.push('\u{c}');
        let t = read(&src);
        assert!(!t.notes.iter().any(|n| n.contains("runs of row labels")), "{:?}", t.notes);
        assert_eq!(app_values(&t, "deny_process_info"), some(["2", "", "", "", "", "", "2"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "unable_not_held"), some(["", "3", "", "", "", "", "3"]), "{:?}", t.notes);
    }

    /// PDFium's text of a row label cut by a page break (seed 505 synth-00002): `6．属于` /
    /// `四类过程` above the row's figures, `性信息` after them. The figures stood under no
    /// label that names a row and were read with the label after them, 7．属于行政执法案卷;
    /// each row after took the figures of the row before (41 cells wrong, marked exact).
    /// The label's two parts name the row together: read whole, every row keeps its own.
    #[test]
    fn a_label_printed_around_its_figures_is_read_whole() {
        let text = "三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
                    一、本年新收政府信息公开申请数量\n30 1 0 1 0 0 32\n\
                    （三）不予公开\n5．属于三类内部事务信息\n4 1 0 0 0 0 5\n\
                    6．属于\n四类过程\n5 0 0 1 0 0 6\n性信息\n\
                    7．属于行政执法案卷\n4 0 0 0 0 0 4\n\
                    8．属于行政查询事项\n5 0 0 0 0 0 5\n\
                    （四）无法提供\n1．本机关不掌握相关政府信息\n9 1 0 0 0 0 10\n";
        let t = read(text);
        let row = |r: &str| applications_row(&t, r);
        let ones = |v: [f64; 7]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        assert_eq!(row("deny_process_info"), ones([5.0, 0.0, 0.0, 1.0, 0.0, 0.0, 6.0]), "{:?}", t.notes);
        assert_eq!(row("deny_enforcement_file"), ones([4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0]), "{:?}", t.notes);
        assert_eq!(row("deny_admin_query"), ones([5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0]), "{:?}", t.notes);
        assert_eq!(row("unable_not_held"), ones([9.0, 1.0, 0.0, 0.0, 0.0, 0.0, 10.0]), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("6.属于四类过程 / 性信息")), "{:?}", t.notes);
    }

    /// PDFium's text of a table whose 总计 column is empty (seed 603 synth-00004): `3、危` /
    /// `及` / `“三` / `安全`, six figures, `一稳` / `定”4、保` / … / `合法` / `权益`, then row 4's
    /// six figures a figure a line. The first of those joined row 3 as its seventh figure
    /// (its 总计 read 0, exact, where the report printed nothing), and the other five stood
    /// under no label. The label lines between had begun row 4's label: the figures are row
    /// 4's, and the lines are split between the two rows.
    #[test]
    fn figures_after_lines_that_begin_the_next_numbered_label_are_that_rows() {
        let text = "三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
                    一、本年新收政府信息公开申请数量\n30 1 0 1 0 0\n\
                    （三）不予公开\n2、其他法律行政法规禁止公开\n1 0 0 0 0 0\n\
                    3、危\n及\n“三\n安全\n2 0 0 1 0 0\n一稳\n定”4、保\n护第\n三方\n合法\n权益\n3\n0\n0\n0\n1\n0\n\
                    5、属于三类内部事务信息\n4 0 0 0 0 0\n";
        let t = read(text);
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        // Every row leaves its 总计 empty: read blank, as the note says.
        assert_eq!(app_values(&t, "deny_security_stability"), s(&["2", "0", "0", "1", "0", "0", ""]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "deny_third_party"), s(&["3", "0", "0", "0", "1", "0", ""]), "{:?}", t.notes);
    }

    /// PDFium's text of a label wrapped around its figures, after an item number alone:
    /// `4.` / `无` / `2 0 0 1 1 0` / `正当` / `理由` … (seed 602 synth-00009, a table whose
    /// 总计 column is empty). 无 was a mark of none and the row's first cell, its six
    /// figures moved a column right (5 cells wrong, marked exact); it is the label's.
    #[test]
    fn none_after_an_item_number_alone_and_before_figures_is_a_labels_character() {
        let text = "三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
                    一、本年新收政府信息公开申请数量\n30 1 0 1 0 0 32\n\
                    （五）不予处理\n3.要求提供公开出版物\n2 0 0 0 0 0 2\n\
                    4.\n无\n2 0 0 1 1 0\n正当\n理由\n大量\n反复\n申请\n\
                    5.要求行政机关确认或重新出具已获取信息\n1 0 0 0 0 0 1\n";
        let t = read(text);
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        // Its 总计 printed nothing: missing, as the note says.
        let mut want = s(&["2", "0", "0", "1", "1", "0"]);
        want.push(None);
        assert_eq!(app_values(&t, "noproc_mass_repeat"), want, "{:?}", t.notes);
        assert!(t.cells.iter().all(|c| c.raw != "无"), "{:?}", t.cells);
    }

    /// PDFium's text of narrow label cells (seed 601 synth-00023): `6．属` / `于四` / `类过`,
    /// the row's figures, then `程性` / `信息7．属` / `于行` / `政执` / `法案卷` — the end of
    /// row 6's label and row 7's whole label run together — then row 7's figures a figure a
    /// line, with no label above them. The lines after 6's figures named row 7 alone, so 6's
    /// figures went to row 7 and every row after took the figures of the row before (32
    /// cells wrong, marked exact). Split before `7．`, each row keeps its own; so for
    /// `4．无` / `正当理由大量反复申请5．要求…`, whose first part names its row already.
    #[test]
    fn the_end_of_a_label_run_into_the_next_rows_label_is_split_off() {
        let text = "三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
                    一、本年新收政府信息公开申请数量\n30 1 0 1 0 0 32\n\
                    （三）不予公开\n5．属\n于三类内\n部事务信息\n4 1 0 0 0 0 5\n\
                    6．属\n于四\n类过\n5 0 0 1 0 0 6\n程性\n信息7．属\n于行\n政执\n法案卷\n4\n0\n0\n0\n0\n0\n4\n\
                    8．属于行政查询事项\n5 0 0 0 0 0 5\n\
                    （五）不予处理\n3．要求提供公开出版物\n2 0 0 0 0 0 2\n\
                    4．无\n3 0 0 0 0 0 3\n正当\n理由\n大量\n反复\n申请5．要\n求行政机关确认或重新出具已获取信息\n1\n0\n0\n0\n0\n0\n1\n\
                    （六）其他处理\n3．其他\n7 0 0 0 0 0 7\n";
        let t = read(text);
        let row = |r: &str| applications_row(&t, r);
        let ones = |v: [f64; 7]| v.iter().map(|&x| Some(x)).collect::<Vec<_>>();
        assert_eq!(row("deny_process_info"), ones([5.0, 0.0, 0.0, 1.0, 0.0, 0.0, 6.0]), "{:?}", t.notes);
        assert_eq!(row("deny_enforcement_file"), ones([4.0, 0.0, 0.0, 0.0, 0.0, 0.0, 4.0]), "{:?}", t.notes);
        assert_eq!(row("deny_admin_query"), ones([5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0]), "{:?}", t.notes);
        assert_eq!(row("noproc_mass_repeat"), ones([3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0]), "{:?}", t.notes);
        assert_eq!(row("noproc_confirm"), ones([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("6.属于四类过 / 程性信息")), "{:?}", t.notes);
    }

    /// `pdftotext -layout` lays out each page on its own: a table 三 cut by a page break
    /// sets the rows of the next page in other columns (seed 501 synth-00017). Rows that
    /// leave cells empty align by the nearest complete rows; the nearest two, one of each
    /// page, disagreed, and the rows were missing. The complete rows of a row's own page
    /// now say where its columns are; a row on a page without one is left to the sums.
    #[test]
    fn rows_align_by_the_complete_rows_of_their_own_page() {
        let shifted = |cells: [Option<&'static str>; 7]| -> Vec<(usize, &'static str)> {
            APP_COLS.iter().zip(cells).filter_map(|(c, v)| v.map(|v| (*c - 12, v))).collect()
        };
        let mut src = String::from(
            "三、收到和处理政府信息公开申请情况\n                                        自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n",
        );
        src.push_str(&app_row(
            "一、本年新收政府信息公开申请数量",
            [Some("20"), Some("1"), Some("2"), Some("3"), Some("1"), Some("4"), Some("31")],
        ));
        src.push_str(&app_row(
            "二、上年结转政府信息公开申请数量",
            [Some("1"), None, None, None, None, None, Some("1")],
        ));
        src.push_str(&app_row("（一）予以公开", [Some("9"), None, Some("2"), None, None, None, Some("11")]));
        src.push('\u{c}');
        let full = [Some("5"), Some("1"), Some("1"), Some("1"), Some("1"), Some("1"), Some("10")];
        src.push_str(&laid("（二）部分公开", &shifted(full)));
        src.push_str(&laid(
            "（三）不予公开 1．属于国家秘密",
            &shifted([Some("3"), None, None, None, None, None, Some("3")]),
        ));
        let t = read(&src);
        let s = |v: &[&str]| v.iter().map(|x| Some(x.to_string())).collect::<Vec<_>>();
        assert_eq!(app_values(&t, "carried_over"), s(&["1", "", "", "", "", "", "1"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "granted"), s(&["9", "", "2", "", "", "", "11"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "partial"), s(&["5", "1", "1", "1", "1", "1", "10"]), "{:?}", t.notes);
        // The next page's row aligns by the complete row of its own page.
        assert_eq!(app_values(&t, "deny_state_secret"), s(&["3", "", "", "", "", "", "3"]), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a row whose figures a narrow cell set over two lines: six
    /// figures a line above its label, and its 总计 beside it (seed 149 synth-00018: `0 0 0 0
    /// 0 0`, then `1.本机关不掌握相关政府信息 … 0`). The line above stood under no label and
    /// was not read; the row's one figure was aligned alone, under 总计, and its other cells
    /// read blank where the report printed 0 (aligned, and wrong). The row is missing now. A
    /// row of its seven figures under such a line is read as before.
    #[test]
    fn a_rows_figures_over_two_lines_leave_it_missing_not_half_blank() {
        let above: Vec<(usize, &str)> = APP_COLS[..6].iter().map(|c| (*c, "3")).collect();
        let own = [None, None, None, None, None, None, Some("18")];
        let t = laid_out_applications(&[laid("", &above), app_row("（一）予以公开", own)]);
        assert!(app_values(&t, "granted").iter().all(Option::is_none), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("granted") && n.contains("set over two lines")), "{:?}", t.notes);
        let seven = [Some("3"), Some("3"), Some("3"), Some("3"), Some("3"), Some("3"), Some("18")];
        let t = laid_out_applications(&[laid("", &above), app_row("（一）予以公开", seven)]);
        assert_eq!(app_values(&t, "granted"), some(["3", "3", "3", "3", "3", "3", "18"]), "{:?}", t.notes);
    }

    /// A figure too wide for its narrow cell wraps, and the cell centres its two lines on
    /// its row's line: `1` a line above （一）予以公开's line and `0` a line below, under 总计
    /// (seed 101 synth-00185 through `pdftotext -layout`: `３` over `２`, 32). One figure,
    /// 10, with a note. Before, the `0` went in as the 总计 (exact, and wrong) and the `1` was
    /// figures under no label. Lines above and below in two columns, or under a column the
    /// row fills, are not one figure.
    #[test]
    fn a_figure_over_two_lines_around_its_rows_line_is_one_figure() {
        let row = |cells| app_row("（一）予以公开", cells);
        let six = [Some("9"), Some("0"), Some("0"), Some("0"), Some("—"), Some("1"), None];
        let t = laid_out_applications(&[laid("", &[(76, "1")]), row(six), laid("", &[(76, "0")])]);
        assert_eq!(app_values(&t, "granted"), some(["9", "0", "0", "0", "—", "1", "10"]), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("`1` above its line and `0` below")), "{:?}", t.notes);
        // Above under 其他, below under 总计: not one figure, and 总计 is not `10`.
        let five = [Some("9"), Some("0"), Some("0"), Some("0"), Some("—"), None, None];
        let t = laid_out_applications(&[laid("", &[(70, "1")]), row(five), laid("", &[(76, "0")])]);
        assert_ne!(app_values(&t, "granted")[6].as_deref(), Some("10"), "{:?}", t.cells);
        assert!(t.notes.iter().all(|n| !n.contains("over two lines")), "{:?}", t.notes);
        // The row prints its 总计: the line below is no part of it.
        let seven = [Some("9"), Some("0"), Some("0"), Some("0"), Some("—"), Some("1"), Some("10")];
        let t = laid_out_applications(&[laid("", &[(76, "1")]), row(seven), laid("", &[(76, "0")])]);
        assert_eq!(app_values(&t, "granted")[6].as_deref(), Some("10"), "{:?}", t.cells);
        assert!(t.notes.iter().all(|n| !n.contains("over two lines")), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a web page printed to PDF, a `——` in a cell of table 三 set a
    /// little lower by its font: it stands alone on the line below its row, under its
    /// column. Appended after the row's figures, it made the row seven values in the wrong
    /// order, read as exact: 其他 took the 总计's 1, and the 总计 the `——`. Now it goes in
    /// by column, before the row's first figure too. In text that is not laid out, a figure
    /// alone at a line's start still goes after the row's.
    #[test]
    fn a_lone_figure_a_line_below_its_row_goes_in_by_column() {
        let t = laid_out_applications(&[
            app_row("1.属于国家秘密", [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("1")]),
            app_row(
                "2.其他法律行政法规禁止公开",
                [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), None, Some("1")],
            ),
            laid("", &[(APP_COLS[5], "——")]),
            app_row("7.属于行政执法案卷", [None, Some("0"), Some("0"), Some("0"), Some("——"), Some("0"), Some("0")]),
            laid("", &[(APP_COLS[0], "——")]),
        ]);
        assert_eq!(app_values(&t, "deny_law_forbidden"), some(["1", "0", "0", "0", "0", "——", "1"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "deny_enforcement_file"), some(["——", "0", "0", "0", "——", "0", "0"]));
        // Not laid out: the lone line's figure starts at the left edge, after the row's six.
        let t = read("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n一、本年新收政府信息公开申请数量 1 0 0 0 0 0\n1\n");
        assert_eq!(value(&t, Table::Applications, "new_received", "total"), Some(1.0), "{:?}", t.cells);
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(1.0));
    }

    /// `pdftotext -layout` of a row printed at two heights under a row that left its 总计
    /// empty (seed 173 synth-00048): `0 0 0 ∅ 0 0` under no label, then `1．逾期不补正` with
    /// its `0` under 社会公益组织 alone. The line under no label went on the row above (it had
    /// six figures of seven), which then held eleven and was missing; 逾期不补正 read its
    /// `0` and five blanks where the report printed 0 (aligned, and wrong). Figures standing
    /// at columns the row above already fills are no more of that row: they go with the
    /// label after them, by column.
    #[test]
    fn figures_under_a_rows_filled_columns_are_not_more_of_that_row() {
        let six = [Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), None];
        let t = laid_out_applications(&[
            app_row("5．要求行政机关确认或重新出具已获取信息", six),
            app_row("", [Some("0"), Some("0"), Some("0"), None, Some("0"), Some("0"), None]),
            app_row("1．逾期不补正", [None, None, None, Some("0"), None, None, None]),
        ]);
        let blank_total = some(["0", "0", "0", "0", "0", "0", ""]);
        assert_eq!(app_values(&t, "noproc_confirm"), blank_total, "{:?}", t.notes);
        assert_eq!(app_values(&t, "other_no_correction"), blank_total, "{:?}", t.notes);
        // A figure under the column the row above left empty still goes on that row.
        let t = laid_out_applications(&[
            app_row("5．要求行政机关确认或重新出具已获取信息", six),
            laid("", &[(APP_COLS[6], "0")]),
        ]);
        assert_eq!(app_values(&t, "noproc_confirm"), some(["0", "0", "0", "0", "0", "0", "0"]), "{:?}", t.notes);
    }

    /// The same print, figures of a row at two heights the other way: six on the line above
    /// the label, the seventh on the label's line (under 其他); and a figure on the line
    /// of the next words of a label (`提供`, a piece of （四）无法提供 printed down the left).
    /// Before, the six were a line of figures under no row's label, given the label after
    /// them, and the row's own 0 a row of its own: the row was read as six blanks around the
    /// 0, by alignment. The figure beside `提供` stood under no label and was dropped, its
    /// row read short and aligned with 其他 blank; so was a 总计 beside `三、本年度办理结`,
    /// right of its row's figures. Now each goes in by column.
    #[test]
    fn figures_above_a_label_and_beside_a_labels_piece_go_in_by_column() {
        let t = laid_out_applications(&[
            app_row(
                "5.属于三类内部事务信息",
                [Some("1"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), Some("1")],
            ),
            app_row("", [Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), None, Some("0")]),
            app_row("6.属于四类过程性信息", [None, None, None, None, None, Some("0"), None]),
            app_row(
                "1.本机关不掌握相关政府信息",
                [Some("3"), Some("0"), Some("0"), Some("0"), Some("0"), Some("0"), None],
            ),
            app_row("三、本年度办理结", [None, None, None, None, None, None, Some("3")]),
            app_row(
                "2.没有现成信息需要另行制作",
                [Some("2"), Some("0"), Some("0"), Some("0"), Some("0"), None, Some("2")],
            ),
            app_row("提供", [None, None, None, None, None, Some("0"), None]),
        ]);
        assert_eq!(app_values(&t, "deny_process_info"), some(["0"; 7]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "unable_need_creation"), some(["2", "0", "0", "0", "0", "0", "2"]), "{:?}", t.notes);
        assert_eq!(app_values(&t, "unable_not_held"), some(["3", "0", "0", "0", "0", "0", "3"]), "{:?}", t.notes);
    }

    /// A table 三 whose header names 法人或其他组织 without its five kinds prints three
    /// figures a row: 自然人, 法人或其他组织 (no template cell) and 总计. A header whose kinds a
    /// conversion broke into pieces (商业企 | 业) names them all the same: a row of three
    /// there may have printed nothing under 自然人 (`1 1 2` under 社会公益组织, 法律服务机构
    /// and 总计), and is not read as those three columns. (Until 2026-12-05 it was, marked
    /// assumed when other rows printed seven figures, and exact when none did: seed 149's
    /// page text synth-00118 read `0 0 0` so, its 自然人 0 where the report printed ——.)
    #[test]
    fn three_figures_under_a_header_of_legal_persons_alone_are_read_only_where_it_names_no_kind() {
        let head = "三、收到和处理政府信息公开申请情况\n自然人 法人或其他组织 总计\n";
        let received = "一、本年新收政府信息公开申请数量";
        let carried = "二、上年结转政府信息公开申请数量";
        let t = read(&format!("{head}{received} 3 1 4\n{carried} 1 1 2\n"));
        let cell = |t: &Tables, row: &str, col: &str| {
            t.cells.iter().find(|c| c.row == row && c.col == col).map(|c| (c.value, c.placement))
        };
        assert_eq!(cell(&t, "carried_over", "natural_person"), Some((Some(1.0), Placement::Exact)), "{:?}", t.notes);
        assert_eq!(cell(&t, "carried_over", "total"), Some((Some(2.0), Placement::Exact)));
        let t = read(&format!(
            "{head}商业企 科研机 社会公益组 法律服务机 其\n业 构 织 构 他\n{received} 3 1 0 0 0 0 4\n{carried} 1 0 0 0 0 1 2\n四、结转下年度继续办理 1 1 2\n"
        ));
        assert_eq!(cell(&t, "new_received", "commercial"), Some((Some(1.0), Placement::Exact)), "{:?}", t.notes);
        assert_eq!(cell(&t, "carry_forward", "natural_person"), None, "{:?}", t.notes);
        // (Its 总计 is the 2 every placement ends with.)
        assert_eq!(cell(&t, "carry_forward", "total"), Some((Some(2.0), Placement::Arithmetic)));
        assert!(!t.notes.iter().any(|n| n.contains("printed as one column")), "{:?}", t.notes);
    }

    /// MuPDF's text of a web page printed to PDF: a figure per line, each two spaces in,
    /// and the last two cells of a row on one line (`0   8`). Taken for a laid-out line
    /// below its row, its 0 stood left of the row's figures and went first: every figure of
    /// the row one column right, still adding up, read as exact. Figures that all stand at
    /// one column are no columns: the line's figures go after them.
    #[test]
    fn figures_a_line_each_are_no_columns_for_the_line_after_them() {
        let t = read(
            "三、收到和处理政府信息公开申请情况\n自然人\n商业企业\n科研机构\n社会公益组织\n法律服务机构\n其他\n总计\n（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n  6 \n  0 \n  2 \n  0 \n  0 \n0   8 \n",
        );
        assert_eq!(app_values(&t, "partial"), some(["6", "0", "2", "0", "0", "0", "8"]), "{:?}", t.notes);
    }

    /// `pdftotext -layout` of a web page printed to PDF, a header of table 二 whose
    /// 上一年项目数量 takes two lines in a narrow cell: it prints a line below 本年增/减 and
    /// left of it. Taken in line order, the header named 本年增/减 first, and the row's 10
    /// and 1 went each to the other's column. By character column they are right; a header
    /// copied one cell per line (each name at the left edge) keeps its lines' order.
    #[test]
    fn a_header_name_a_line_below_and_left_of_another_goes_first() {
        let caption = "    第二十条第（八）项\n";
        let t = read(&format!(
            "{caption}  信息内容                      本年增/减\n           上一年项目数量\n行政事业性收费      10          1\n"
        ));
        assert_eq!(value(&t, Table::Proactive, "fees", "prev_items"), Some(10.0), "{:?}", t.cells);
        assert_eq!(value(&t, Table::Proactive, "fees", "delta_items"), Some(1.0));
        let t = read(&format!("{caption}信息内容\n上一年项目数量\n本年增/减\n行政事业性收费 10 1\n"));
        assert_eq!(value(&t, Table::Proactive, "fees", "prev_items"), Some(10.0), "{:?}", t.cells);
        assert_eq!(value(&t, Table::Proactive, "fees", "delta_items"), Some(1.0));
    }

    /// `pdftotext -layout` of a web page printed to PDF: in rows whose label takes two lines,
    /// 自然人's and 总计's figures are centred a line below the others. Appended after the
    /// row's other figures, 454 went to 其他 and every figure one column left; the row's sum
    /// was the same, so nothing said so. By column they are right; two figures one space
    /// apart (`12 556`, narrow cells) keep their columns. Lines of one figure say nothing of
    /// columns and go after the row's figures, as before.
    #[test]
    fn layout_figures_a_line_below_their_row_go_in_by_column() {
        let head = "三、收到和处理政府信息公开申请情况\n                    自然   商业   科研   社会   法律   其\n                    人     企业   机构   公益   服务   他     总计\n";
        let t = read(&format!(
            "{head}  一、本年新收政府信息公开申请数量            59   4   11     16\n                        454                         12 556\n  二、上年结转政府信息公开申请数量   1   0   0   0   0   0   1\n"
        ));
        let row: Vec<Option<f64>> =
            ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"]
                .iter()
                .map(|c| value(&t, Table::Applications, "new_received", c))
                .collect();
        assert_eq!(row, [454.0, 59.0, 4.0, 11.0, 16.0, 12.0, 556.0].map(Some), "{:?}", t.notes);
        // Text not laid out: every line of one figure starts at its left edge.
        let t = read(&format!("{head}一、本年新收政府信息公开申请数量 5\n3\n1\n1\n0\n0\n10\n"));
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(5.0), "{:?}", t.cells);
        assert_eq!(value(&t, Table::Applications, "new_received", "commercial"), Some(3.0));
    }

    /// Text in which every line is followed by an empty one: the first empty line only
    /// separates — unless the text is a PDF's pages (form feeds), whose lines are not its
    /// table's cells in order.
    #[test]
    fn double_spaced_text_and_page_text() {
        let mut src = String::from("三、收到和处理政府信息公开申请情况\n\n");
        // Seven rows of three figures: one cell per line, as a copy of the page would be.
        let rows = [
            ("一、本年新收政府信息公开申请数量", ["3", "1", "", "", "", "", "4"]),
            ("二、上年结转政府信息公开申请数量", ["1", "1", "", "", "", "", "2"]),
            ("（一）予以公开", ["3", "", "", "", "1", "", "4"]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ["1", "1", "", "", "", "", "2"]),
            ("1.属于国家秘密", ["1", "1", "", "", "", "", "2"]),
            ("2.其他法律行政法规禁止公开", ["1", "1", "", "", "", "", "2"]),
            ("3.危及“三安全一稳定”", ["1", "1", "", "", "", "", "2"]),
        ];
        for (label, cells) in rows {
            src.push_str(&format!("{label}\n\n"));
            for c in cells {
                if !c.is_empty() {
                    src.push_str(&format!("{c}\n"));
                }
                src.push('\n');
            }
        }
        // Prose after the table, double-spaced too.
        for i in 0..20 {
            src.push_str(&format!("第{i}段\n\n"));
        }
        let t = read(&src);
        assert_eq!(value(&t, Table::Applications, "new_received", "commercial"), Some(1.0));
        assert_eq!(value(&t, Table::Applications, "granted", "legal_service"), Some(1.0));
        assert_eq!(
            t.cells.iter().find(|c| c.row == "granted" && c.col == "commercial").map(|c| c.state),
            Some(State::Blank)
        );
        // The same text with a page break: each empty line stays an empty cell.
        let paged = read(&src.replacen("第0段", "第0段\x0c", 1));
        assert_ne!(value(&paged, Table::Applications, "granted", "legal_service"), Some(1.0), "{:?}", paged.cells);
    }

    /// A table 三 printing 自然人 | 法人或其他组织 | 总计: three figures are the row only
    /// when the first two add up to the third.
    #[test]
    fn three_figures_under_a_short_header_must_add_up() {
        let t = read("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n一、本年新收政府信息公开申请数量 10 2 12\n（一）予以公开 5 0 9\n");
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(10.0));
        assert_eq!(value(&t, Table::Applications, "new_received", "total"), Some(12.0));
        assert!(!t.cells.iter().any(|c| c.row == "granted"), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("row granted") && n.contains("5 + 0 ≠ 9")), "{:?}", t.notes);
    }

    /// A header read as 自然人 | 法人或其他组织 | 总计 over rows of four to six figures
    /// that add up (seed 101 synth-00069 printed by LibreOffice, through the PDF reader:
    /// the header broken, one column lost, `35 12 1 2 4 54`): the table has the five kinds,
    /// and a row of three figures (部分公开's `1 1 2`: 商业企业 1, 社会公益组织 1, 自然人
    /// blank) is a guess: still read as 自然人 and 总计 (most such rows are 自然人 and one
    /// kind), marked assumed, not exact, as under seven-figure rows.
    #[test]
    fn three_figures_under_a_short_header_over_wider_rows_are_assumed() {
        let header = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n";
        let t = read(&format!("{header}一、本年新收政府信息公开申请数量 35 12 1 2 4 54\n（一）予以公开 17 4 1 3 25\n（二）部分公开 1 1 2\n"));
        let partial: Vec<_> = t.cells.iter().filter(|c| c.row == "partial").collect();
        assert!(!partial.is_empty() && partial.iter().all(|c| c.placement == Placement::Assumed), "{:?}", t.cells);
        assert!(
            t.notes.iter().any(|n| n.contains("row partial") && n.contains("2 rows print four to six figures")),
            "{:?}",
            t.notes
        );
        // One such row is not enough to say so.
        let t = read(&format!("{header}一、本年新收政府信息公开申请数量 35 12 1 2 4 54\n（二）部分公开 1 1 2\n"));
        let np = t.cells.iter().find(|c| c.row == "partial" && c.col == "natural_person");
        assert!(np.is_some_and(|c| c.value == Some(1.0) && c.placement != Placement::Assumed), "{:?}", t.cells);
    }

    /// `pdftotext -layout` of a header whose kinds broke into pieces (`商业` over `企业`: read
    /// as 自然人 | 法人或其他组织 | 总计), over rows of seven figures (seed 173 synth-00011).
    /// 上年结转's `3 1 4` stand under 商业企业, 社会公益组织 and 总计, spaces for the cells
    /// between; they were read as 自然人 3 (assumed, and wrong). A first figure clear of
    /// 自然人's column in the complete rows around it is placed by their columns, as any
    /// short row (where those rows disagree and the sums allow more than one placement,
    /// missing). Under 自然人, the three are still read as the header names them, assumed.
    #[test]
    fn three_figures_clear_of_the_first_column_are_no_short_headers_row() {
        let header = concat!(
            "三、收到和处理政府信息公开申请情况\n",
            "   （本列数据的勾稽关系 申请人情况\n",
            "   为：第一项加第二项之 自然  法人或其他组织                    总计\n",
            "   和，等于第三项加第四 人   商业  科研  社会       法律   其他\n",
            "   项之和）           企业  机构  公益       服务\n",
            "                          组织       机构\n",
        );
        let full = |label: &str| {
            app_row(label, [Some("93"), Some("18"), Some("1"), Some("3"), Some("4"), Some("3"), Some("122")])
        };
        let table = |row: String| {
            let mut src = header.to_string();
            src.push_str(&full("一、本年新收政府信息公开申请数量"));
            src.push_str(&row);
            src.push_str(&full("（一）予以公开"));
            src.push_str(&full("（二）部分公开"));
            read(&src)
        };
        let t = table(app_row(
            "二、上年结转政府信息公开申请数量",
            [None, Some("3"), None, Some("1"), None, None, Some("4")],
        ));
        assert_eq!(app_values(&t, "carried_over"), some(["", "3", "", "1", "", "", "4"]), "{:?}", t.notes);
        assert!(t.notes.iter().all(|n| !(n.contains("row carried_over") && n.contains("assumed"))), "{:?}", t.notes);
        // Under 自然人: read as the header names them, assumed.
        let t = table(app_row(
            "二、上年结转政府信息公开申请数量",
            [Some("3"), None, None, Some("1"), None, None, Some("4")],
        ));
        let np = t.cells.iter().find(|c| c.row == "carried_over" && c.col == "natural_person");
        assert!(np.is_some_and(|c| c.raw == "3" && c.placement == Placement::Assumed), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.contains("printed as one column")), "a short header: {:?}", t.notes);
    }

    /// The full header in cells too narrow for the kinds' names, a cell a line (MuPDF's text
    /// of seed 101 synth-00217: `商业企` over `业`, `社会公益组` over `织`): it names the five
    /// kinds, so three figures are not 自然人, 法人或其他组织 and 总计. Before, the header was
    /// taken for the short one, and 结转下年度继续办理's `1 1 2` (科研机构 1, 法律服务机构 1,
    /// the rest blank) read as 自然人 1, exact. Outside table 三's header the pieces are
    /// words like any other.
    #[test]
    fn kinds_names_wrapped_in_the_header_are_the_full_header() {
        let header = "三、收到和处理政府信息公开申请情况\n申请人情况\n自然\n人\n法人或其他组织\n总\n计\n商业企\n业\n科研机\n构\n社会公益组\n织\n法律服务机\n构\n其\n他\n";
        let t = read(&format!("{header}一、本年新收政府信息公开申请数量 10 2 12\n"));
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), None, "{:?}", t.cells);
        assert!(t.notes.iter().all(|n| !n.contains("printed as one column")), "{:?}", t.notes);
        // The short header still reads so.
        let t = read("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n一、本年新收政府信息公开申请数量 10 2 12\n");
        assert_eq!(value(&t, Table::Applications, "new_received", "natural_person"), Some(10.0));
        // 法律服务 in prose before table 三 opens no table.
        let t = read("本机关为法律服务\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n一、本年新收政府信息公开申请数量 10 2 12\n");
        assert_eq!(value(&t, Table::Applications, "new_received", "total"), Some(12.0), "{:?}", t.notes);
    }

    /// html2text's tables: cells separated by bars, no bars at the ends, a rule of dashes.
    #[test]
    fn bars_separate_cells_and_the_rule_is_no_cell() {
        let t = read(
            "第二十条第（九）项\n---\n信息内容| 采购项目数量| 采购总金额\n---|---|---\n政府集中采购| 6| 251000元\n",
        );
        assert_eq!(value(&t, Table::Proactive, "procurement", "projects"), Some(6.0));
        assert_eq!(value(&t, Table::Proactive, "procurement", "amount"), Some(251000.0));
    }

    /// pandoc's simple tables (`pandoc -t plain`): a rule of dash runs above and below the
    /// rows. The rule under the last row is no row of values; a lone dash still is a value.
    #[test]
    fn a_rule_of_dash_runs_is_no_row() {
        let t = read(
            "第二十条第（八）项\n  ----------  ------------------\n  信息内容     本年收费金额（单位：万元）\n  行政事业性收费   24252.311082\n  ----------  ------------------\n",
        );
        assert_eq!(value(&t, Table::Proactive, "fees", "amount"), Some(24252.311082));
        assert!(is_rule("---------------------- ------------------------------ --------------"));
        assert!(is_rule("---|:--:|---"));
        assert!(!is_rule("-   -   -"));
        assert!(!is_rule("---  -  ---"));
        assert!(!is_rule("行政许可 --- ---"));
    }

    /// 2021's third （六） row in the group's words, 3.其他处理: that row, not 2019's one.
    #[test]
    fn a_numbered_row_in_the_groups_words() {
        let t = read("三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n3.其他处理 2 0 0 0 0 0 2\n（七）总计 2 0 0 0 0 0 2\n");
        assert_eq!(value(&t, Table::Applications, "other_other", "total"), Some(2.0));
        assert!(!t.cells.iter().any(|c| c.row == "other"), "{:?}", t.cells);
    }

    #[test]
    fn table_four_as_one_bare_row_of_fifteen() {
        let t = read(
            "四、政府信息公开行政复议、行政诉讼情况\n1 0 0 0 1 0 0 0 0 0 2 1 0 0 3\n五、存在的主要问题及改进情况\n",
        );
        assert_eq!(value(&t, Table::Appeals, "review", "upheld"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "suit_after_review", "total"), Some(3.0));
        assert_eq!(t.cells.iter().filter(|c| c.tbl == Table::Appeals).count(), 15);
    }

    /// The opening paragraph names every section, 行政复议 and 行政诉讼 with them; prose
    /// names both too. Neither opens table 四 (BeautifulSoup's text of a page whose
    /// headings were cut into pieces read table 二's figures, `/ / / 6 6 18`, into it).
    #[test]
    fn a_sentence_naming_table_fours_section_opens_no_table() {
        for prose in [
            "本报告根据《中华人民共和国政府信息公开条例》编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况。",
            "全年发生政府信息公开行政复议2件，行政诉讼0件。",
        ] {
            let t = read(&format!("某局2021年政府信息公开工作年度报告\n{prose}\n1 0 0 0 1 0 0 0 0 0 2 1 0 0 3\n"));
            assert!(t.cells.iter().all(|c| c.tbl != Table::Appeals), "{prose}: {:?}", t.cells);
        }
    }

    #[test]
    fn table_four_as_three_sub_tables() {
        let t = read("四、政府信息公开行政复议、行政诉讼情况\n行政复议\n结果维持 结果纠正 其他结果 尚未审结 总计\n2 1 0 0 3\n行政诉讼（未经复议直接起诉）\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 0 0 1 2\n复议后起诉\n结果维持 结果纠正 其他结果 尚未审结 总计\n0 0 0 0 0\n");
        assert_eq!(value(&t, Table::Appeals, "review", "total"), Some(3.0));
        assert_eq!(value(&t, Table::Appeals, "suit_direct", "pending"), Some(1.0));
        assert_eq!(value(&t, Table::Appeals, "suit_after_review", "upheld"), Some(0.0));
    }

    /// pdftotext's page text of a LibreOffice print read table 四 in blocks: 行政复议's
    /// header and seven figures, then 行政诉讼's header pieces among more figures, the rest
    /// after the next sections. Its first fifteen figures, all 0, fit every sum, and were
    /// read in the template's order (复议后起诉's 1s lost, marked exact). A line naming
    /// columns among the figures, with no row label before each kind of case, now leaves
    /// the table missing in a page text.
    #[test]
    fn table_four_in_a_page_text_with_columns_named_amid_its_figures_is_missing() {
        let four = "四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\n结果维持\n\n结果纠正\n\n其他结果\n\n尚未审结\n\n总计\n\n\
                    0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n0\n\n行政诉讼\n未经复议直接起诉\n结果维持 结果纠正\n0\n0\n\n0\n\n\
                    其他结果\n0\n\n0\n\n尚未审结\n0\n\n0\n\n总计\n0\n\n五、存在的主要问题及改进情况\n\
                    一是公开内容的全面性还需提高；二是政策解读形式较为单一。下一步将进一步完善工作机制，加强业务培训。\n\
                    六、其他需要报告的事项\n本机关无其他需要报告的事项。\n\n0\n\n0\n\n复议后起诉\n结果维持 结果纠正\n1\n0\n\n\
                    其他结果\n0\n\n尚未审结\n0\n\n总计\n1\n\n\x0c";
        let t = read(&format!("某局2021年政府信息公开工作年度报告\n\n\x0c{four}"));
        assert!(t.cells.iter().all(|c| c.tbl != Table::Appeals), "{:?}", t.cells);
        assert!(
            t.notes.iter().any(|n| n.contains("a line naming its columns stands among its figures")),
            "{:?}",
            t.notes
        );
    }

    #[test]
    fn a_value_with_a_count_unit_is_a_value() {
        let t = read("第二十条第（九）项\n信息内容 采购项目数量 采购总金额\n政府集中采购 2笔 7142.40万元\n");
        let c = t.cells.iter().find(|c| c.row == "procurement" && c.col == "projects").unwrap();
        assert_eq!((c.value, c.unit.as_deref()), (Some(2.0), Some("笔")));
        assert!(t.cells.iter().all(|c| !c.row.starts_with("extra:")));
    }
}
