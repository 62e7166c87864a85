//! What extraction makes of one document: a report's metadata, cells, claims and notes.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use crate::figures::{Era, Figure};
use crate::template::{Table, Version};

/// The state of one printed cell (spec: "Cells").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// A number (0, negatives, decimals, a unit inside the cell).
    Number,
    /// An empty cell: not zero.
    Blank,
    /// `/`, `-`, `—`, `无` and similar marks for "not applicable".
    Na,
    /// Anything else.
    Text,
}

impl State {
    /// The name stored in `cells.state`.
    pub fn as_str(self) -> &'static str {
        match self {
            State::Number => "number",
            State::Blank => "blank",
            State::Na => "na",
            State::Text => "text",
        }
    }
}

/// How extraction knew which column a cell belongs to (`cells.placement`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Placement {
    /// The document itself says: a table cell, or a row printing exactly one value per
    /// column.
    #[default]
    Exact,
    /// A row laid out by spaces printed fewer values than columns; each was placed under
    /// the column it lines up with in the rows around it.
    Aligned,
    /// A row printed fewer values than columns (empty cells lost in a conversion); the
    /// template's arithmetic allowed exactly one placement, and the cells left over are
    /// blank. The checks hold for such a row by construction. Also a row with more cells
    /// than columns whose empty cells stand in one run between its figures (a table's row,
    /// not laid-out text), when its 总计 is the sum of the others: whichever cells of the run
    /// are the surplus, the figures go to the same columns. Also two figures run together
    /// beside an empty cell of tables 三 and 四 (a PDF's `1154629` under 总计 with 其他
    /// empty), split where the row's sums hold and the column sums do not fail. A 总计 such
    /// a placement leaves without a value is missing in one or two rows of a table (printed
    /// and lost) and blank in three or more (a 总计 column the report left empty). Also the
    /// rows of a table 三 or 四 printed as running text with their figures run together,
    /// split where exactly one reading satisfies every sum of the table, and a table 二
    /// item whose run can be read one way only (`000` under three columns)
    /// ([`crate::extract::glued`]). Also the cells of a row the sums leave open that every
    /// placement keeping them fills alike (the 总计 of `1 1`, where the sums cannot tell
    /// which column holds the other 1), in a table whose rows print their 总计; the row's
    /// other cells are missing, with a note naming the cells read.
    Arithmetic,
    /// As for `Arithmetic`, but the sums allowed several placements: the row was read
    /// the usual way (its figures under 自然人, a last figure equal to the others' sum as
    /// the 总计), which the sums allow. Also a table 三 row whose label could not be read,
    /// taken as the one template row missing at its place, which every sum holding it
    /// confirms (with a note naming the label as read). Also table 二 rows of one figure
    /// whose labels a PDF's page text printed one after another, their figures after them,
    /// given the figures in order (with a note). Also a table 三 row of three figures
    /// read as 自然人, 法人或其他组织 and 总计 under a header that names 法人或其他组织
    /// without its kinds, when other rows print seven figures that add up (its kinds were
    /// likely broken into pieces, and a row that printed nothing under 自然人 reads the
    /// same). Also every cell of a table 三 or 四 whose header was printed with no figure
    /// under it, read blank when the prose says there was nothing to count
    /// ([`crate::extract::unprinted`]). Also the 总计 alone of a table 三 row the sums leave
    /// open whose last figure is the sum of the others (`23 6 1 30`), where with such
    /// 总计s every sum of the 总计 column holds; its other cells are missing. Also the cells
    /// of a table 四 read as one run of figures without places that every placement keeping
    /// its sums and the totals the prose states (行政复议1件，行政诉讼0件) fills alike
    /// ([`crate::extract::stated`]). A reading, not a certainty: check it.
    Assumed,
}

impl Placement {
    /// The name stored in `cells.placement`.
    pub fn as_str(self) -> &'static str {
        match self {
            Placement::Exact => "exact",
            Placement::Aligned => "aligned",
            Placement::Arithmetic => "arithmetic",
            Placement::Assumed => "assumed",
        }
    }
}

/// One statistics cell of a report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellValue {
    pub tbl: Table,
    /// The row key: a template row, or `extra:<label>` for a row an agency added.
    pub row: Cow<'static, str>,
    pub col: &'static str,
    /// The text as printed (trimmed). Up to 24 bytes (a figure, a mark) it is held inline,
    /// without an allocation of its own.
    pub raw: compact_str::CompactString,
    pub state: State,
    pub value: Option<f64>,
    pub unit: Option<String>,
    /// How its column was known.
    pub placement: Placement,
    /// For a cell read by OCR: the confidence (0–100) of the reading kept; None when read
    /// from text.
    pub confidence: Option<f32>,
    /// For a cell read by OCR: every reading tesseract gave (see
    /// [`crate::source::ocr::CellOcr`]).
    pub ocr_raw: Option<String>,
}

/// Template version per table ([`Version::Both`] where the two are identical or the
/// table does not tell); `None` for a table the report does not have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Versions {
    pub proactive: Option<Version>,
    pub applications: Option<Version>,
    pub appeals: Option<Version>,
}

impl Versions {
    /// The version of one table.
    pub fn of(&self, table: Table) -> Option<Version> {
        match table {
            Table::Proactive => self.proactive,
            Table::Applications => self.applications,
            Table::Appeals => self.appeals,
        }
    }

    /// Set the version of one table.
    pub fn set(&mut self, table: Table, version: Option<Version>) {
        match table {
            Table::Proactive => self.proactive = version,
            Table::Applications => self.applications = version,
            Table::Appeals => self.appeals = version,
        }
    }
}

/// A figure the prose states: a restated table value and/or a change against last year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The sentence fragment it was read from.
    pub text: String,
    /// What it is about: `tbl.row.col`, or a derived sum such as `applications.unable.total`.
    pub subject: String,
    /// The number stated for this year, when one is stated.
    pub value: Option<f64>,
    /// A stated change in percent (negative for 下降/减少).
    pub change_pct: Option<f64>,
    /// A stated absolute change (negative for 减少).
    pub change_abs: Option<f64>,
    /// The previous year's value the stated change implies.
    pub implied_previous: Option<f64>,
}

/// Where a report's publication date was read, most trusted first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum DateSource {
    /// A `<meta>` of the web page that names the publication date (PubDate,
    /// article:published_time, …).
    PageMeta,
    /// A line of the page labelled 发布时间 / 发布日期 / 公开日期 (or a table cell so labelled).
    PageText,
    /// The date under the report's signature (落款), at its end.
    Signature,
    /// The DOCX or PDF file's own creation date: when the file was made, which may be
    /// before or after publication.
    DocumentMetadata,
}

impl DateSource {
    /// The name stored in `reports.published_source` and `report_metrics.source`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::PageMeta => "page meta",
            DateSource::PageText => "page text",
            DateSource::Signature => "signature",
            DateSource::DocumentMetadata => "document metadata",
        }
    }

    /// The source a stored name means.
    pub fn parse(s: &str) -> Option<DateSource> {
        [DateSource::PageMeta, DateSource::PageText, DateSource::Signature, DateSource::DocumentMetadata]
            .into_iter()
            .find(|d| d.as_str() == s)
    }
}

/// When a report was published, and where that was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Published {
    #[serde(serialize_with = "iso_date")]
    pub on: chrono::NaiveDate,
    pub source: DateSource,
}

fn iso_date<S: serde::Serializer>(d: &chrono::NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%d").to_string())
}

impl Published {
    /// Days after the deadline of the report of `year` (31 March of the next year up to
    /// the 2018 report, 31 January from 2019: [`crate::figures::publication_deadline`]);
    /// 0 when published on time.
    pub fn days_late(&self, year: i32) -> Option<i64> {
        let deadline = crate::figures::publication_deadline(year)?;
        Some((self.on - deadline).num_days().max(0))
    }
}

/// A report as extracted from one document.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub title: Option<String>,
    pub versions: Versions,
    pub cells: Vec<CellValue>,
    pub claims: Vec<Claim>,
    /// What extraction could not find or found odd, e.g. "table 四 (appeals) not found".
    pub notes: Vec<String>,
    /// Which reading the report got: the national tables, or `pre2019` figures.
    pub era: Era,
    /// Pre-2019 figures (empty for a report with the national tables); see [`crate::figures`].
    /// A report read as pre-2019 keeps its prose statements here (as figures or claims), and
    /// its `claims` (which name template cells) stay empty.
    pub figures: Vec<Figure>,
    /// When the report was published, where the document says ([`crate::extract::published`]).
    pub published: Option<Published>,
    /// Set when the report was read (in part) by OCR.
    pub ocr: Option<crate::source::ocr::OcrSummary>,
}

/// A report's cells found by key: what [`Report::cell`] finds, without a scan per lookup.
/// Built once for a pass that looks up many cells (the checks, completeness, metrics).
/// Template cells are held by their place in the template ([`crate::template::position`]),
/// so a lookup by place is an array index; cells of rows an agency added, by key.
pub struct CellIndex<'a> {
    /// Template position → the report's first cell there.
    by_position: Vec<Option<&'a CellValue>>,
    /// Each of the report's cells, in order: its template position (None outside it).
    positions: Vec<Option<u16>>,
    /// Cells outside the template, by key.
    extra: HashMap<(Table, &'a str, &'a str), &'a CellValue, BuildHasherDefault<KeyHasher>>,
}

impl<'a> CellIndex<'a> {
    /// The cell at `tbl.row.col` (the first such, as [`Report::cell`]).
    pub fn cell(&self, tbl: Table, row: &str, col: &str) -> Option<&'a CellValue> {
        match crate::template::position(tbl, row, col) {
            Some(p) => self.at(p),
            None => self.extra.get(&(tbl, row, col)).copied(),
        }
    }

    /// The cell at a template position ([`crate::template::position`]).
    pub fn at(&self, position: usize) -> Option<&'a CellValue> {
        self.by_position.get(position).copied().flatten()
    }

    /// The numeric value at `tbl.row.col`, as [`Report::value`].
    pub fn value(&self, tbl: Table, row: &str, col: &str) -> Option<f64> {
        self.cell(tbl, row, col).and_then(|c| c.value)
    }

    /// The template position of each of the report's cells, in the report's order.
    pub fn positions(&self) -> &[Option<u16>] {
        &self.positions
    }
}

/// A fast hash for short keys that no one outside chooses (the multiply-and-rotate of
/// rustc's FxHash, eight bytes at a time).
#[derive(Default)]
pub struct KeyHasher(u64);

impl KeyHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 56));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn write_isize(&mut self, i: isize) {
        self.add(i as u64);
    }
}

impl Report {
    /// An index of the cells, for many lookups.
    pub fn index(&self) -> CellIndex<'_> {
        let mut by_position = vec![None; crate::template::cell_count()];
        let mut positions = Vec::with_capacity(self.cells.len());
        let mut extra = HashMap::default();
        for c in &self.cells {
            let at = crate::template::position(c.tbl, &c.row, c.col);
            match at.and_then(|p| by_position.get_mut(p)) {
                Some(slot) => {
                    if slot.is_none() {
                        *slot = Some(c);
                    }
                }
                None => {
                    extra.entry((c.tbl, c.row.as_ref(), c.col)).or_insert(c);
                }
            }
            positions.push(at.and_then(|p| u16::try_from(p).ok()));
        }
        CellIndex { by_position, positions, extra }
    }

    /// The cell at `tbl.row.col`, if the report printed it.
    pub fn cell(&self, tbl: Table, row: &str, col: &str) -> Option<&CellValue> {
        self.cells.iter().find(|c| c.tbl == tbl && c.row == row && c.col == col)
    }

    /// Does the report have any cell of this table?
    pub fn has_table(&self, tbl: Table) -> bool {
        self.cells.iter().any(|c| c.tbl == tbl)
    }

    /// The numeric value at `tbl.row.col` (None for blank, n.a., text or missing).
    pub fn value(&self, tbl: Table, row: &str, col: &str) -> Option<f64> {
        self.cell(tbl, row, col).and_then(|c| c.value)
    }

    /// The template the report was read as, as `reports.template` stores it: `pre2019`;
    /// `2019` or `2021` when every table whose version is known has that version; `mixed`
    /// when they differ (table 二 of 2021, table 三 of 2019); `2019/2021` when no table tells;
    /// None when neither the national tables nor pre-2019 figures were found.
    pub fn template(&self) -> Option<&'static str> {
        match self.era {
            Era::Pre2019 => Some("pre2019"),
            Era::Unknown => None,
            Era::Template => {
                let v = &self.versions;
                let known: Vec<Version> = [v.proactive, v.applications, v.appeals]
                    .into_iter()
                    .flatten()
                    .filter(|v| *v != Version::Both)
                    .collect();
                Some(match known.first() {
                    None => Version::Both.as_str(),
                    Some(first) if known.iter().all(|v| v == first) => first.as_str(),
                    Some(_) => "mixed",
                })
            }
        }
    }
}

/// How many of its template's cells a table of a report has.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TableCompleteness {
    pub table: Table,
    /// The version counted against (the table's, else the report's other tables').
    pub version: Version,
    pub found: usize,
    pub expected: usize,
    /// The template cells not found, as `row.col`.
    pub missing: Vec<String>,
}

/// Whether a report has every cell of its template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Completeness {
    /// Every cell of all three tables.
    Complete,
    /// Some cells missing: the cells it has are real, but it is not whole.
    Partial,
    /// None of the three tables (they may be printed as images).
    NoTables,
    /// A report before the 2019 template: read for figures, not cells.
    Pre2019,
}

impl Completeness {
    /// The name stored in `reports.completeness`.
    pub fn as_str(self) -> &'static str {
        match self {
            Completeness::Complete => "complete",
            Completeness::Partial => "partial",
            Completeness::NoTables => "no_tables",
            Completeness::Pre2019 => "pre2019",
        }
    }
}

impl Report {
    /// Per table, the template cells found and expected.
    pub fn tables_completeness(&self) -> Vec<TableCompleteness> {
        self.tables_completeness_with(&self.index())
    }

    /// [`Report::tables_completeness`] through an index of the report's cells.
    pub fn tables_completeness_with(&self, index: &CellIndex) -> Vec<TableCompleteness> {
        // A table not found is counted in the version the others have (else 2021, the
        // template in force).
        let known = [self.versions.proactive, self.versions.applications, self.versions.appeals]
            .into_iter()
            .flatten()
            .find(|v| *v != Version::Both)
            .unwrap_or(Version::V2021);
        Table::ALL
            .into_iter()
            .map(|table| {
                let version = match self.versions.of(table) {
                    Some(Version::Both) if table == Table::Applications => Version::V2019,
                    Some(v) => v,
                    None if table == Table::Appeals => Version::Both,
                    None => known,
                };
                let mut missing = Vec::new();
                let mut found = 0;
                for &(at, row, col) in crate::template::cells_in_positioned(table, version) {
                    if index.at(at).is_some() {
                        found += 1;
                    } else {
                        missing.push(format!("{}.{}", row.key, col.key));
                    }
                }
                TableCompleteness { table, version, found, expected: found + missing.len(), missing }
            })
            .collect()
    }

    /// Whether the report is whole.
    pub fn completeness(&self) -> Completeness {
        if self.era == Era::Pre2019 {
            return Completeness::Pre2019;
        }
        if self.cells.is_empty() {
            return Completeness::NoTables;
        }
        self.completeness_of(&self.tables_completeness())
    }

    /// [`Report::completeness`] from the report's [`Report::tables_completeness`], already
    /// at hand.
    pub fn completeness_of(&self, tables: &[TableCompleteness]) -> Completeness {
        if self.era == Era::Pre2019 {
            return Completeness::Pre2019;
        }
        if self.cells.is_empty() {
            return Completeness::NoTables;
        }
        if tables.iter().all(|t| t.missing.is_empty()) {
            Completeness::Complete
        } else {
            Completeness::Partial
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_names() {
        let mut r = Report { era: Era::Template, ..Default::default() };
        r.versions = Versions {
            proactive: Some(Version::V2021),
            applications: Some(Version::Both),
            appeals: Some(Version::Both),
        };
        assert_eq!(r.template(), Some("2021"));
        r.versions.applications = Some(Version::V2019);
        assert_eq!(r.template(), Some("mixed"));
        r.versions = Versions { proactive: None, applications: Some(Version::Both), appeals: Some(Version::Both) };
        assert_eq!(r.template(), Some("2019/2021"));
        r.era = Era::Pre2019;
        assert_eq!(r.template(), Some("pre2019"));
        r.era = Era::Unknown;
        assert_eq!(r.template(), None);
    }
}
