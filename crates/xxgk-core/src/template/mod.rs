//! The national template as one typed model: tables, blocks, rows, columns, versions,
//! units, printed labels, the label patterns that recognise them, and the arithmetic that
//! ties cells together.
//!
//! Everything else reads this model: extraction finds rows and columns by their
//! patterns and decides table versions from what each row or header belongs to; the
//! checks run the [`EQUATIONS`]; `show` prints the labels in template order; metrics
//! and claims add up row families; the generator prints the labels. Adding a row, a
//! column or a version is one edit in `national.rs`.
//!
//! The reference is `../shared/spec/template.md` (beside the repository): its keys are the
//! contract that the database, the JSON output and the gold files share.
//!
//! Label patterns are matched against text that went through [`crate::normalize::norm`]
//! (NFKC, whitespace removed), so they are written in that form (ASCII brackets and
//! digits, no spaces); a test checks every one. Where several rows' patterns occur in
//! one label, the longest pattern wins (it is the most specific).

mod national;

use std::fmt;
use std::sync::LazyLock;

use serde::{Serialize, Serializer};

pub use national::{EQUATIONS, TABLES};

/// The three statistics tables of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    /// 二、主动公开政府信息情况.
    Proactive,
    /// 三、收到和处理政府信息公开申请情况.
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况.
    Appeals,
}

impl Table {
    /// The tables in printed order.
    pub const ALL: [Table; 3] = [Table::Proactive, Table::Applications, Table::Appeals];

    /// The key stored in `cells.tbl` (`proactive`, `applications`, `appeals`).
    pub fn key(self) -> &'static str {
        self.def().key
    }

    /// The table named by its key.
    pub fn parse(key: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.key() == key)
    }

    /// The table's numeral in the report (二, 三, 四).
    pub fn numeral(self) -> &'static str {
        self.def().numeral
    }

    /// The table's section heading as the template prints it.
    pub fn title(self) -> &'static str {
        self.def().title
    }

    /// The table's definition.
    pub fn def(self) -> &'static TableDef {
        &TABLES[self as usize]
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// A template version: the 2019 format (国办公开办函〔2019〕60号), the 2021 format
/// (〔2021〕30号), or both where a table (or a row, a column) is printed the same in both
/// or its version cannot be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    V2019,
    V2021,
    Both,
}

impl Version {
    /// The name stored in the database: `2019`, `2021`, `2019/2021`.
    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2019 => "2019",
            Version::V2021 => "2021",
            Version::Both => "2019/2021",
        }
    }

    /// The version a stored name means.
    pub fn parse(s: &str) -> Option<Version> {
        match s {
            "2019" => Some(Version::V2019),
            "2021" => Some(Version::V2021),
            "2019/2021" => Some(Version::Both),
            _ => None,
        }
    }

    /// Can something of version `self` appear in a table of version `table`? A table
    /// whose version is [`Version::Both`] may hold anything; a row or column of both
    /// versions appears in any table.
    pub fn fits(self, table: Version) -> bool {
        self == table || self == Version::Both || table == Version::Both
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Version {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A label pattern: a normalised substring, and the template version a label containing
/// it is evidence of ([`Version::Both`]: no evidence).
#[derive(Debug)]
pub struct Pattern {
    pub text: &'static str,
    pub version: Version,
}

/// The family a row belongs to: table 三's printed groups (（一）…（七） and the rows
/// around them), table 四's two kinds of case, or an item of table 二.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// 一、本年新收.
    NewReceived,
    /// 二、上年结转.
    CarriedOver,
    /// （一）予以公开.
    Granted,
    /// （二）部分公开.
    Partial,
    /// （三）不予公开: eight grounds.
    Denied,
    /// （四）无法提供: three grounds.
    Unable,
    /// （五）不予处理: five grounds.
    NotProcessed,
    /// （六）其他处理: one row (2019) or three (2021).
    Other,
    /// （七）总计.
    ResultsTotal,
    /// 四、结转下年度继续办理.
    CarryForward,
    /// A table 二 item.
    Item,
    /// 行政复议.
    Review,
    /// 行政诉讼.
    Suit,
}

impl Family {
    /// The name used in claim subjects and the `template_cells` table.
    pub fn key(self) -> &'static str {
        match self {
            Family::NewReceived => "new_received",
            Family::CarriedOver => "carried_over",
            Family::Granted => "granted",
            Family::Partial => "partial",
            Family::Denied => "deny",
            Family::Unable => "unable",
            Family::NotProcessed => "noproc",
            Family::Other => "other",
            Family::ResultsTotal => "results_total",
            Family::CarryForward => "carry_forward",
            Family::Item => "item",
            Family::Review => "review",
            Family::Suit => "suit",
        }
    }

    /// The family a name means.
    pub fn parse(key: &str) -> Option<Family> {
        FAMILIES.into_iter().find(|f| f.key() == key)
    }

    /// Is this one of the results of table 三 (those （七）总计 adds up)?
    pub fn is_result(self) -> bool {
        matches!(
            self,
            Family::Granted | Family::Partial | Family::Denied | Family::Unable | Family::NotProcessed | Family::Other
        )
    }

    /// The group numeral table 三 prints before the family: （一）… （七）.
    pub fn group_numeral(self) -> Option<char> {
        match self {
            Family::Granted => Some('一'),
            Family::Partial => Some('二'),
            Family::Denied => Some('三'),
            Family::Unable => Some('四'),
            Family::NotProcessed => Some('五'),
            Family::Other => Some('六'),
            Family::ResultsTotal => Some('七'),
            _ => None,
        }
    }

    /// The family a group numeral （一）…（七） introduces.
    pub fn of_group_numeral(c: char) -> Option<Family> {
        FAMILIES.into_iter().find(|f| f.group_numeral() == Some(c))
    }

    /// The heading the template prints for a family of several rows (（三）不予公开).
    pub fn heading(self) -> Option<&'static str> {
        match self {
            Family::Denied => Some("（三）不予公开"),
            Family::Unable => Some("（四）无法提供"),
            Family::NotProcessed => Some("（五）不予处理"),
            Family::Other => Some("（六）其他处理"),
            _ => None,
        }
    }
}

const FAMILIES: [Family; 13] = [
    Family::NewReceived,
    Family::CarriedOver,
    Family::Granted,
    Family::Partial,
    Family::Denied,
    Family::Unable,
    Family::NotProcessed,
    Family::Other,
    Family::ResultsTotal,
    Family::CarryForward,
    Family::Item,
    Family::Review,
    Family::Suit,
];

/// One row of a table (an item of table 二).
#[derive(Debug)]
pub struct RowDef {
    /// The key stored in `cells.row_key`.
    pub key: &'static str,
    pub family: Family,
    /// The row's own label as printed, without its numbering (属于国家秘密).
    pub label: &'static str,
    /// The prefix the template prints before the label (一、 （一） 1.), if any.
    pub number: &'static str,
    /// A shorter form of the label some reports print (逾期不补正), for display.
    pub short: Option<&'static str>,
    /// Substrings that identify the row in a normalised label. Empty: the row is told by
    /// its place alone (2021 （六）3.其他).
    pub patterns: &'static [&'static str],
    /// The template versions that print the row.
    pub versions: Version,
}

impl RowDef {
    /// The label as the template prints it, numbering included (1.属于国家秘密).
    pub fn printed(&self) -> String {
        format!("{}{}", self.number, self.label)
    }

    /// The label for display: the family heading, the numbering and the (short) label,
    /// e.g. （三）1.属于国家秘密.
    pub fn display(&self) -> String {
        let label = self.short.unwrap_or(self.label);
        match self.family.heading() {
            Some(h) if !self.number.is_empty() => {
                format!("{}{}{}", &h[..h.find('）').map_or(0, |i| i + '）'.len_utf8())], self.number, label)
            }
            _ => format!("{}{}", self.number, label),
        }
    }
}

/// One column of a table (a metric of a table 二 block).
#[derive(Debug)]
pub struct ColDef {
    /// The key stored in `cells.col_key`.
    pub key: &'static str,
    /// The header as printed.
    pub label: &'static str,
    /// Header substrings that identify the column, each with the version it is evidence of.
    pub patterns: &'static [Pattern],
    /// The template versions that print the column.
    pub versions: Version,
    /// The unit the header states (2021 本年收费金额（单位：万元）).
    pub unit: Option<&'static str>,
    /// A part of the row's total (the six applicant columns, the four case results).
    pub part: bool,
}

/// A block of rows sharing columns: a 第二十条第（X）项 block of table 二, or the whole of
/// table 三 or 四.
#[derive(Debug)]
pub struct Block {
    /// The block's numeral in its caption (一, 五, 六, 八, 九); empty for tables 三 and 四.
    pub numeral: &'static str,
    pub rows: &'static [RowDef],
    pub columns: &'static [ColDef],
    /// The template versions that print the block.
    pub versions: Version,
}

impl Block {
    /// The block's columns in a table of `version`, in printed order.
    pub fn columns_in(&self, version: Version) -> impl Iterator<Item = &'static ColDef> + '_ {
        let columns: &'static [ColDef] = self.columns;
        columns.iter().filter(move |c| c.versions.fits(version))
    }

    /// The block's rows in a table of `version`, in printed order.
    pub fn rows_in(&self, version: Version) -> impl Iterator<Item = &'static RowDef> + '_ {
        let rows: &'static [RowDef] = self.rows;
        rows.iter().filter(move |r| r.versions.fits(version))
    }

    /// The block's column with this key.
    pub fn column(&self, key: &str) -> Option<&'static ColDef> {
        let columns: &'static [ColDef] = self.columns;
        columns.iter().find(|c| c.key == key)
    }
}

/// A statistics table.
#[derive(Debug)]
pub struct TableDef {
    pub table: Table,
    /// The key stored in `cells.tbl`.
    pub key: &'static str,
    pub numeral: &'static str,
    pub title: &'static str,
    pub blocks: &'static [Block],
}

impl TableDef {
    /// Every row of the table, block by block, in printed order (both versions).
    pub fn rows(&self) -> impl Iterator<Item = &'static RowDef> {
        let blocks: &'static [Block] = self.table.def().blocks;
        blocks.iter().flat_map(|b| b.rows.iter())
    }

    /// The row with this key.
    pub fn row(&self, key: &str) -> Option<&'static RowDef> {
        self.rows().find(|r| r.key == key)
    }

    /// The block a row belongs to.
    pub fn block_of(&self, row_key: &str) -> Option<&'static Block> {
        let blocks: &'static [Block] = self.table.def().blocks;
        blocks.iter().find(|b| b.rows.iter().any(|r| r.key == row_key))
    }

    /// The block with this numeral (table 二).
    pub fn block(&self, numeral: &str) -> Option<&'static Block> {
        let blocks: &'static [Block] = self.table.def().blocks;
        blocks.iter().find(|b| b.numeral == numeral)
    }

    /// Every column key of the table in printed order, each once (both versions).
    pub fn column_keys(&self) -> Vec<&'static str> {
        let mut keys: Vec<&'static str> = Vec::new();
        for b in self.blocks {
            for c in b.columns {
                if !keys.contains(&c.key) {
                    keys.push(c.key);
                }
            }
        }
        keys
    }

    /// The printed header of a column key (the first block that has it).
    pub fn column_label(&self, key: &str) -> Option<&'static str> {
        self.blocks.iter().flat_map(|b| b.columns.iter()).find(|c| c.key == key).map(|c| c.label)
    }

    /// The row whose pattern occurs in the normalised `label` (the longest match wins),
    /// among rows that have patterns.
    pub fn match_row(&self, label: &str) -> Option<&'static RowDef> {
        static ROW_PATTERNS: LazyLock<[(Table, PatternSet<&'static RowDef>); 3]> = LazyLock::new(|| {
            Table::ALL
                .map(|t| (t, PatternSet::new(t.def().rows().flat_map(|r| r.patterns.iter().map(move |p| (r, *p))))))
        });
        ROW_PATTERNS.iter().find(|(t, _)| *t == self.table).and_then(|(_, set)| set.best(label))
    }

    /// Is there a cell `row` × `col` in this table for some version?
    pub fn has_cell(&self, row: &str, col: &str) -> bool {
        self.block_of(row).is_some_and(|b| b.column(col).is_some())
    }
}

/// Items named by patterns, searched all at once: [`PatternSet::best`] is the item with the
/// longest pattern contained in a text (ties: the item listed first), in one pass over the
/// text instead of a substring search per pattern.
///
/// A pattern that starts with a three-byte character (every CJK character) is compared only
/// where such a character stands whose last two bytes are those its first character ends
/// with (a table keyed by their low six bits, as [`crate::normalize::WordSet`] does); any
/// other pattern is searched for on its own.
struct PatternSet<T> {
    /// The patterns, in order of preference, each with its item.
    texts: Vec<&'static str>,
    items: Vec<T>,
    /// Patterns by the key of their first character: those of key `k` are
    /// `by_key[starts[k]..starts[k + 1]]`, in order of preference.
    starts: Vec<u32>,
    by_key: Vec<u16>,
    /// Patterns that do not start with a three-byte character.
    others: Vec<u16>,
}

impl<T: Copy> PatternSet<T> {
    /// From (item, pattern) pairs in their order of preference. A pattern listed again
    /// (by a row printed in two blocks) keeps its first item, which a tie goes to anyway.
    fn new(pairs: impl Iterator<Item = (T, &'static str)>) -> PatternSet<T> {
        let (mut texts, mut items): (Vec<&'static str>, Vec<T>) = (Vec::new(), Vec::new());
        for (item, text) in pairs {
            if !texts.contains(&text) {
                texts.push(text);
                items.push(item);
            }
        }
        assert!(texts.len() <= usize::from(u16::MAX), "a pattern's number fits in a u16");
        let mut keyed: Vec<(usize, u16)> = Vec::new();
        let mut others = Vec::new();
        for (id, text) in texts.iter().enumerate() {
            match text.as_bytes() {
                [0xe0..=0xef, b1, b2, ..] => keyed.push((crate::normalize::char_key(*b1, *b2), id as u16)),
                _ => others.push(id as u16),
            }
        }
        // Stable: a key's patterns stay in their order of preference.
        keyed.sort_by_key(|&(k, _)| k);
        let mut starts = vec![0u32; 4097];
        for &(k, _) in &keyed {
            starts[k + 1] += 1;
        }
        for k in 0..4096 {
            starts[k + 1] += starts[k];
        }
        let by_key = keyed.into_iter().map(|(_, id)| id).collect();
        PatternSet { texts, items, starts, by_key, others }
    }

    fn best(&self, hay: &str) -> Option<T> {
        // Every pattern that occurs; the longest wins, then the first listed (the lowest
        // number).
        let mut best: Option<(u16, usize)> = None;
        let mut consider = |id: u16, len: usize| {
            if best.is_none_or(|(b, blen)| len > blen || len == blen && id < b) {
                best = Some((id, len));
            }
        };
        for &id in &self.others {
            let text = self.texts[usize::from(id)];
            if hay.contains(text) {
                consider(id, text.len());
            }
        }
        let b = hay.as_bytes();
        let mut i = 0;
        while i + 2 < b.len() {
            if b[i] & 0xf0 != 0xe0 {
                // ASCII, or a byte of a character of another length: no pattern of the
                // table starts here (a continuation byte is never E0–EF).
                i += 1;
                continue;
            }
            let k = crate::normalize::char_key(b[i + 1], b[i + 2]);
            let (from, to) = (self.starts[k] as usize, self.starts[k + 1] as usize);
            for &id in &self.by_key[from..to] {
                let text = self.texts[usize::from(id)].as_bytes();
                if b[i..].starts_with(text) {
                    consider(id, text.len());
                }
            }
            i += 3;
        }
        best.map(|(id, _)| self.items[usize::from(id)])
    }

    /// The items named one after another in a text (cells run together: 本年制发件数本年废止件数):
    /// from the left, the longest pattern starting at each place, then on past it.
    fn all(&self, hay: &str) -> Vec<T> {
        let b = hay.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let keyed: &[u16] = match b[i..] {
                [0xe0..=0xef, b1, b2, ..] => {
                    let k = crate::normalize::char_key(b1, b2);
                    &self.by_key[self.starts[k] as usize..self.starts[k + 1] as usize]
                }
                _ => &[],
            };
            let longest = keyed
                .iter()
                .chain(&self.others)
                .map(|&id| (id, self.texts[usize::from(id)]))
                .filter(|(_, text)| b[i..].starts_with(text.as_bytes()))
                .max_by_key(|&(id, text)| (text.len(), std::cmp::Reverse(id)));
            match longest {
                Some((id, text)) => {
                    found.push(self.items[usize::from(id)]);
                    i += text.len();
                }
                None => i += 1,
            }
        }
        found
    }
}

/// The table 二 column a normalised header cell names, searching every block (the longest
/// pattern wins), with the version its wording is evidence of.
pub fn match_proactive_header(header: &str) -> Option<(&'static ColDef, Version)> {
    PROACTIVE_HEADERS.best(header)
}

/// Table 二's column patterns, every block's.
static PROACTIVE_HEADERS: LazyLock<PatternSet<(&'static ColDef, Version)>> = LazyLock::new(|| {
    PatternSet::new(
        Table::Proactive
            .def()
            .blocks
            .iter()
            .flat_map(|b| b.columns.iter().flat_map(|c| c.patterns.iter().map(move |p| ((c, p.version), p.text)))),
    )
});

/// The table 二 columns a normalised header text names one after another, for header cells
/// a converter ran together (本年制发件数本年废止件数现行有效件数): each with the version its
/// wording is evidence of.
pub fn match_proactive_headers(header: &str) -> Vec<(&'static ColDef, Version)> {
    PROACTIVE_HEADERS.all(header)
}

/// One rule of the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// Completeness: every cell of the template is present, per table.
    R0,
    /// Table 三 per column: new_received + carried_over = results_total + carry_forward.
    R1,
    /// Table 三 per row: total = the six applicant columns.
    R2,
    /// Table 三 per column: results_total = the result rows.
    R3,
    /// Table 四 per row: total = upheld + corrected + other + pending.
    R4,
    /// Across years: carried_over(N) = carry_forward(N−1).
    R5,
    /// Across years, 2021 table 二: in_force(N) = in_force(N−1) + issued(N) − repealed(N);
    /// before 2019, 历年累计(N) = 历年累计(N−1) + the year's figure(N).
    R6,
    /// Prose against tables (before 2019: prose against the statistics table's figures).
    R7,
}

impl Rule {
    pub const ALL: [Rule; 8] = [Rule::R0, Rule::R1, Rule::R2, Rule::R3, Rule::R4, Rule::R5, Rule::R6, Rule::R7];

    /// The name stored in `check_results.rule`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::R0 => "R0",
            Rule::R1 => "R1",
            Rule::R2 => "R2",
            Rule::R3 => "R3",
            Rule::R4 => "R4",
            Rule::R5 => "R5",
            Rule::R6 => "R6",
            Rule::R7 => "R7",
        }
    }

    /// The rule a name means (any case).
    pub fn parse(s: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Which cells one side of an equation adds up.
#[derive(Debug)]
pub enum Cells {
    /// These rows, in the column the equation is applied to.
    Rows(&'static [&'static str]),
    /// Every row of a result family (（一）…（六）) in the table's version, in the column
    /// the equation is applied to.
    ResultRows,
    /// These columns, in the row the equation is applied to.
    Cols(&'static [&'static str]),
    /// Every part column (all but the total), in the row the equation is applied to.
    PartCols,
}

/// What an equation is applied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    /// Once per column of the table.
    EachColumn,
    /// Once per row of the table.
    EachRow,
}

/// One arithmetic rule within a table: `lhs` (the printed total) = `rhs` (its parts).
#[derive(Debug)]
pub struct Equation {
    pub rule: Rule,
    pub table: Table,
    pub over: Over,
    pub lhs: Cells,
    pub rhs: Cells,
    /// The rule in words, for check details.
    pub what: &'static str,
}

/// A cell of a table: row key and column key.
pub type CellKey = (&'static str, &'static str);

/// One application of an equation: the column or row it is applied to and the cells of
/// both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Instance {
    pub scope: &'static str,
    pub lhs: Vec<CellKey>,
    pub rhs: Vec<CellKey>,
}

impl Instance {
    /// Do both sides add up to the same for the values `cell` gives (row key, column key)?
    /// `None` when a cell of either side has no value: the instance is not assessed.
    pub fn holds(&self, cell: impl Fn(&str, &str) -> Option<f64>) -> Option<bool> {
        let side = |keys: &[CellKey]| -> Option<f64> { keys.iter().map(|(r, c)| cell(r, c)).sum() };
        Some((side(&self.lhs)? - side(&self.rhs)?).abs() < 1e-6)
    }
}

impl Equation {
    /// The equation applied to every column or row of its table as printed in `version`.
    pub fn instances(&self, version: Version) -> Vec<Instance> {
        let def = self.table.def();
        // Tables 三 and 四 are one block each.
        let block = &def.blocks[0];
        let rows: Vec<&'static RowDef> = block.rows_in(version).collect();
        let cols: Vec<&'static ColDef> = block.columns_in(version).collect();
        let pick_rows = |cells: &Cells| -> Vec<&'static str> {
            match cells {
                Cells::Rows(keys) => keys.to_vec(),
                Cells::ResultRows => rows.iter().filter(|r| r.family.is_result()).map(|r| r.key).collect(),
                _ => Vec::new(),
            }
        };
        let pick_cols = |cells: &Cells| -> Vec<&'static str> {
            match cells {
                Cells::Cols(keys) => keys.to_vec(),
                Cells::PartCols => cols.iter().filter(|c| c.part).map(|c| c.key).collect(),
                _ => Vec::new(),
            }
        };
        match self.over {
            Over::EachColumn => {
                let (l, r) = (pick_rows(&self.lhs), pick_rows(&self.rhs));
                cols.iter()
                    .map(|c| Instance {
                        scope: c.key,
                        lhs: l.iter().map(|row| (*row, c.key)).collect(),
                        rhs: r.iter().map(|row| (*row, c.key)).collect(),
                    })
                    .collect()
            }
            Over::EachRow => {
                let (l, r) = (pick_cols(&self.lhs), pick_cols(&self.rhs));
                rows.iter()
                    .map(|row| Instance {
                        scope: row.key,
                        lhs: l.iter().map(|c| (row.key, *c)).collect(),
                        rhs: r.iter().map(|c| (row.key, *c)).collect(),
                    })
                    .collect()
            }
        }
    }
}

/// Every cell of the template: table, row, column, and the versions that print it, in
/// printed order. A cell's position in this list is its stable number.
pub fn cells() -> impl Iterator<Item = (Table, &'static RowDef, &'static ColDef)> {
    TABLES.iter().flat_map(|t| {
        t.blocks
            .iter()
            .flat_map(move |b| b.rows.iter().flat_map(move |r| b.columns.iter().map(move |c| (t.table, r, c))))
    })
}

/// Where the cell `table.row.col` is in [`cells`] (its first place, for a row printed in
/// two blocks), or None when the template has no such cell. A hash lookup: the store numbers
/// cells by this position, the parser works it out for every cell it reads.
///
/// Keys the extractor made from the template itself point at the template's own strings:
/// those are found by address (a hash of a few words, no string compared); any other string
/// is looked up by its bytes.
pub fn position(table: Table, row: &str, col: &str) -> Option<usize> {
    type Hasher = std::hash::BuildHasherDefault<crate::report::KeyHasher>;
    type Positions = std::collections::HashMap<(Table, &'static str, &'static str), usize, Hasher>;
    static POSITIONS: std::sync::LazyLock<(Positions, ByAddress)> = std::sync::LazyLock::new(|| {
        let mut map = Positions::default();
        for (n, (table, row, col)) in cells().enumerate() {
            map.entry((table, row.key, col.key)).or_insert(n);
        }
        let by_address = ByAddress::new(map.iter().map(|(&(table, row, col), &n)| (table, row, col, n)));
        (map, by_address)
    });
    let (positions, by_address) = &*POSITIONS;
    if let Some(n) = by_address.get(table, row, col) {
        return Some(n);
    }
    // The map is covariant in its keys' lifetimes: looked up with borrowed strings.
    let positions: &std::collections::HashMap<(Table, &str, &str), usize, _> = positions;
    positions.get(&(table, row, col)).copied()
}

/// The template's cells by the addresses of their keys ([`position`]'s first look): the
/// same bytes wherever the address and length match, and the template's strings are
/// distinct, so no string is compared. Open addressing with linear probing in a table of
/// at least twice as many slots as cells, so that most lookups read one slot of a few
/// kilobytes that stay in cache.
struct ByAddress {
    slots: Box<[AddressSlot]>,
    /// How far to shift a hash to get a slot (64 less the table's bits).
    shift: u32,
}

/// One cell of [`ByAddress`]: its key's addresses and lengths, its table, and its position
/// plus one (0: an empty slot).
#[derive(Clone, Copy, Default)]
struct AddressSlot {
    row: usize,
    col: usize,
    row_len: u32,
    col_len: u32,
    table: u8,
    position: u32,
}

impl ByAddress {
    fn new(cells: impl Iterator<Item = (Table, &'static str, &'static str, usize)>) -> ByAddress {
        let cells: Vec<_> = cells.collect();
        let bits = (cells.len() * 2).max(16).next_power_of_two().trailing_zeros();
        let mut slots = vec![AddressSlot::default(); 1 << bits].into_boxed_slice();
        let shift = 64 - bits;
        for (table, row, col, n) in cells {
            let (Ok(row_len), Ok(col_len), Ok(position)) =
                (row.len().try_into(), col.len().try_into(), u32::try_from(n + 1))
            else {
                continue; // never for the template's keys; looked up by bytes if ever
            };
            let mut at = Self::slot(shift, table, row.as_ptr() as usize, col.as_ptr() as usize);
            while slots[at].position != 0 {
                at = (at + 1) & (slots.len() - 1);
            }
            slots[at] = AddressSlot {
                row: row.as_ptr() as usize,
                col: col.as_ptr() as usize,
                row_len,
                col_len,
                table: table as u8,
                position,
            };
        }
        ByAddress { slots, shift }
    }

    /// The first slot to look at for a key: its addresses mixed by multiplication, the
    /// top bits taken (they depend on every bit of both addresses).
    #[inline]
    fn slot(shift: u32, table: Table, row: usize, col: usize) -> usize {
        let h = (row.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ col ^ table as usize).wrapping_mul(0x517c_c1b7_2722_0a95);
        (h as u64 >> shift) as usize
    }

    #[inline]
    fn get(&self, table: Table, row: &str, col: &str) -> Option<usize> {
        let (r, c) = (row.as_ptr() as usize, col.as_ptr() as usize);
        let mut at = Self::slot(self.shift, table, r, c);
        loop {
            let s = &self.slots[at];
            if s.position == 0 {
                return None;
            }
            if s.row == r
                && s.col == c
                && s.table == table as u8
                && s.row_len as usize == row.len()
                && s.col_len as usize == col.len()
            {
                return Some(s.position as usize - 1);
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }
}

/// The cells a table of `version` has (rows and columns both printed in that version).
pub fn cells_in(table: Table, version: Version) -> impl Iterator<Item = (&'static RowDef, &'static ColDef)> {
    table
        .def()
        .blocks
        .iter()
        .filter(move |b| b.versions.fits(version))
        .flat_map(move |b| b.rows_in(version).flat_map(move |r| b.columns_in(version).map(move |c| (r, c))))
}

/// The cell at a [`position`]: its table, row and column (for a row printed in two blocks,
/// the block [`position`] numbers it by). An array index, for passes that meet cells by
/// their position and need their rows' facts without looking the keys up.
pub fn cell_at(position: usize) -> Option<(Table, &'static RowDef, &'static ColDef)> {
    type Listed = Vec<(Table, &'static RowDef, &'static ColDef)>;
    static LISTED: std::sync::LazyLock<Listed> = std::sync::LazyLock::new(|| cells().collect());
    LISTED.get(position).copied()
}

/// How many cells [`cells`] gives: one past the highest [`position`].
pub fn cell_count() -> usize {
    static COUNT: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| cells().count());
    *COUNT
}

/// [`cells_in`] with each cell's [`position`], worked out once per table and version.
pub fn cells_in_positioned(table: Table, version: Version) -> &'static [(usize, &'static RowDef, &'static ColDef)] {
    type Listed = Vec<((Table, Version), Vec<(usize, &'static RowDef, &'static ColDef)>)>;
    static LISTED: std::sync::LazyLock<Listed> = std::sync::LazyLock::new(|| {
        let mut all = Vec::new();
        for t in Table::ALL {
            for v in [Version::V2019, Version::V2021, Version::Both] {
                let cells = cells_in(t, v).filter_map(|(r, c)| Some((position(t, r.key, c.key)?, r, c))).collect();
                all.push(((t, v), cells));
            }
        }
        all
    });
    LISTED.iter().find(|(k, _)| *k == (table, version)).map_or(&[], |(_, cells)| cells.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::norm;

    /// The rule [`PatternSet::best`] keeps, the slow way: every pattern searched for in turn;
    /// the longest found wins, the first listed on a tie.
    fn best_by_search<T: Copy>(pairs: impl Iterator<Item = (T, &'static str)>, hay: &str) -> Option<T> {
        let mut best: Option<(T, usize)> = None;
        for (item, p) in pairs {
            if hay.contains(p) && best.is_none_or(|(_, len)| p.len() > len) {
                best = Some((item, p.len()));
            }
        }
        best.map(|(item, _)| item)
    }

    #[test]
    fn one_pass_over_every_pattern_finds_what_a_search_per_pattern_finds() {
        // Every label and pattern of the template, alone, run together, inside other
        // text, and every pair of them: the texts a label cell can hold, and harder.
        let mut texts: Vec<String> = Vec::new();
        for t in Table::ALL {
            for r in t.def().rows() {
                texts.push(norm(r.label));
                texts.extend(r.patterns.iter().map(|p| p.to_string()));
            }
            for b in t.def().blocks {
                for c in b.columns {
                    texts.push(norm(c.label));
                    texts.extend(c.patterns.iter().map(|p| p.text.to_string()));
                }
            }
        }
        let singles = texts.clone();
        for (i, a) in singles.iter().enumerate() {
            texts.push(format!("(一){a}其他"));
            for b in singles.iter().skip(i % 7).step_by(7) {
                texts.push(format!("{a}{b}"));
            }
        }
        texts.extend(["", "其他", "合计", "信息内容"].map(String::from));
        let mut matched = 0;
        for t in Table::ALL {
            let def = t.def();
            for text in &texts {
                let slow = best_by_search(def.rows().flat_map(|r| r.patterns.iter().map(move |p| (r, *p))), text);
                let fast = def.match_row(text);
                assert_eq!(fast.map(|r| r as *const RowDef), slow.map(|r| r as *const RowDef), "{t:?} {text}");
                matched += usize::from(fast.is_some());
            }
        }
        for text in &texts {
            let pairs =
                Table::Proactive.def().blocks.iter().flat_map(|b| {
                    b.columns.iter().flat_map(|c| c.patterns.iter().map(move |p| ((c, p.version), p.text)))
                });
            let slow = best_by_search(pairs, text);
            let fast = match_proactive_header(text);
            assert_eq!(
                fast.map(|(c, v)| (c as *const ColDef, v)),
                slow.map(|(c, v)| (c as *const ColDef, v)),
                "{text}"
            );
        }
        // Not vacuous: every row pattern, alone, names a row of its own table.
        let patterns: usize = Table::ALL.iter().map(|t| t.def().rows().map(|r| r.patterns.len()).sum::<usize>()).sum();
        for t in Table::ALL {
            for r in t.def().rows() {
                assert!(r.patterns.iter().all(|p| t.def().match_row(p).is_some()), "{}", r.key);
            }
        }
        assert!(matched >= patterns, "{matched} texts matched, fewer than the {patterns} patterns");
    }

    #[test]
    fn a_cells_position_is_its_first_place_in_the_template() {
        let all: Vec<_> = cells().collect();
        for (n, (table, row, col)) in all.iter().enumerate() {
            let p = position(*table, row.key, col.key).unwrap();
            assert!(p <= n);
            // The same strings elsewhere in memory are found by their bytes; the same
            // template strings under another table are not its cells.
            let (row_copy, col_copy): (String, String) = (row.key.chars().collect(), col.key.chars().collect());
            assert_eq!(position(*table, &row_copy, &col_copy), Some(p));
            for other in Table::ALL.into_iter().filter(|o| o != table) {
                if let Some(q) = position(other, row.key, col.key) {
                    assert_eq!((all[q].0, all[q].1.key, all[q].2.key), (other, row.key, col.key));
                }
            }
            let (t, r, c) = all[p];
            assert_eq!((t, r.key, c.key), (*table, row.key, col.key));
            assert_eq!(cell_at(p).map(|(t, r, c)| (t, r.key, c.key)), Some((*table, row.key, col.key)));
        }
        assert!(cell_at(all.len()).is_none());
        assert_eq!(
            position(Table::Applications, "granted", "natural"),
            all.iter().position(|(t, r, c)| { *t == Table::Applications && r.key == "granted" && c.key == "natural" })
        );
        assert_eq!(position(Table::Applications, "extra:其他", "natural"), None);
        assert_eq!(position(Table::Appeals, "granted", "natural"), None);
        assert_eq!(cell_count(), all.len());
        for t in Table::ALL {
            for v in [Version::V2019, Version::V2021, Version::Both] {
                let listed: Vec<_> = cells_in_positioned(t, v).iter().map(|(p, r, c)| (*p, r.key, c.key)).collect();
                let direct: Vec<_> =
                    cells_in(t, v).map(|(r, c)| (position(t, r.key, c.key).unwrap(), r.key, c.key)).collect();
                assert_eq!(listed, direct);
            }
        }
    }

    #[test]
    fn every_pattern_is_already_normalised() {
        for t in &TABLES {
            for r in t.rows() {
                for p in r.patterns {
                    assert_eq!(norm(p), *p, "row pattern {p:?} is not in normalised form");
                }
            }
            for b in t.blocks {
                for c in b.columns {
                    for p in c.patterns {
                        assert_eq!(norm(p.text), p.text, "column pattern {:?} is not in normalised form", p.text);
                    }
                }
            }
        }
    }

    #[test]
    fn tables_are_indexed_by_their_enum() {
        for t in Table::ALL {
            assert_eq!(t.def().table, t);
            assert_eq!(Table::parse(t.key()), Some(t));
        }
    }

    #[test]
    fn cell_counts_per_version_are_the_templates() {
        // 2019: 二 has 7 + 6 + 6 + 2 + 2 = 23 … counted from the spec's tables.
        let count = |t, v| cells_in(t, v).count();
        assert_eq!(count(Table::Applications, Version::V2019), 23 * 7);
        assert_eq!(count(Table::Applications, Version::V2021), 25 * 7);
        assert_eq!(count(Table::Appeals, Version::Both), 15);
        assert_eq!(count(Table::Proactive, Version::V2019), 2 * 3 + 2 * 3 + 2 * 3 + 2 + 2);
        assert_eq!(count(Table::Proactive, Version::V2021), 2 * 3 + 1 + 2 + 1);
        // Every stored key is unique per table.
        let mut seen = std::collections::HashSet::new();
        for (t, r, c) in cells() {
            assert!(seen.insert((t, r.key, c.key)), "{t}.{}.{} twice", r.key, c.key);
        }
    }

    #[test]
    fn rows_are_matched_by_their_most_specific_pattern() {
        let t = Table::Applications.def();
        let key = |s: &str| t.match_row(&norm(s)).map(|r| r.key);
        assert_eq!(key("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), Some("partial"));
        assert_eq!(key("4.无正当理由大量反复申请"), Some("noproc_mass_repeat"));
        assert_eq!(key("2.其他法律行政止公开"), Some("deny_law_forbidden"));
        assert_eq!(key("3.其他"), None);
        assert_eq!(
            match_proactive_header(&norm("本年处理决定数量")).map(|(c, v)| (c.key, v)),
            Some(("decisions", Version::V2021))
        );
        assert_eq!(
            match_proactive_header(&norm("处理决定数量")).map(|(c, v)| (c.key, v)),
            Some(("decisions", Version::Both))
        );
    }

    #[test]
    fn header_cells_run_together_name_each_column_in_order() {
        let keys = |h: &str| match_proactive_headers(h).iter().map(|(c, _)| c.key).collect::<Vec<_>>();
        assert_eq!(keys("本年制发件数本年废止件数现行有效件数"), ["issued", "repealed", "in_force"]);
        assert_eq!(keys("上一年项目数量本年增/减本年处理决定数量"), ["prev_items", "delta_items", "decisions"]);
        // One cell: one column (its longest pattern, as `match_proactive_header` finds).
        assert_eq!(keys("对外公开总数量"), ["total_published"]);
        assert!(keys("信息内容").is_empty());
    }

    #[test]
    fn equations_expand_per_version() {
        let r3 = EQUATIONS.iter().find(|e| e.rule == Rule::R3).unwrap();
        let v2019 = r3.instances(Version::V2019);
        assert_eq!(v2019.len(), 7);
        assert_eq!(v2019[0].rhs.len(), 19); // granted, partial, 8 + 3 + 5 grounds, other
        assert_eq!(r3.instances(Version::V2021)[0].rhs.len(), 21);
        let r4 = EQUATIONS.iter().find(|e| e.rule == Rule::R4).unwrap();
        let i = &r4.instances(Version::Both)[0];
        assert_eq!((i.scope, i.lhs.clone(), i.rhs.len()), ("review", vec![("review", "total")], 4));
    }

    #[test]
    fn display_labels() {
        let t = Table::Applications.def();
        assert_eq!(t.row("deny_state_secret").unwrap().display(), "（三）1.属于国家秘密");
        assert_eq!(t.row("granted").unwrap().display(), "（一）予以公开");
        assert_eq!(t.row("other_no_fee").unwrap().display(), "（六）2.逾期未缴纳费用");
    }
}
