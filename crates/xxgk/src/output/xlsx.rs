//! Rows out as an Excel workbook (.xlsx), one sheet per result.
//!
//! Each sheet has a bold, frozen header row; numbers are stored as numbers (so they sum
//! and sort in Excel and WPS), missing values as empty cells, text as text. Column widths
//! are fitted to the content, counting CJK characters as two.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context as _;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::{Rows, Val};

/// Excel's limit on the characters in a cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Excel's limits on rows and columns per sheet.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLS: usize = 16_384;
/// The most data rows a sheet holds under its header row.
pub const MAX_DATA_ROWS: usize = MAX_ROWS - 1;
/// Integers beyond this are not exact as Excel numbers; they are written as text.
const MAX_EXACT_INT: u64 = 1 << 53;

/// A workbook made a sheet at a time, so that a caller need hold only one sheet's rows.
pub struct Book {
    workbook: Workbook,
    header: Format,
    used: HashSet<String>,
    sheets: usize,
}

impl Book {
    pub fn new() -> Book {
        Book { workbook: Workbook::new(), header: Format::new().set_bold(), used: HashSet::new(), sheets: 0 }
    }

    /// Add a sheet of `rows`, named after `name` (made valid and unique).
    pub fn add(&mut self, name: &str, rows: &Rows) -> anyhow::Result<()> {
        self.sheets += 1;
        let name = unique_sheet_name(name, self.sheets, &mut self.used);
        let sheet = self.workbook.add_worksheet();
        sheet.set_name(name.as_str()).with_context(|| format!("sheet name {name:?}"))?;
        write_sheet(sheet, rows, &self.header).with_context(|| format!("sheet {name:?}"))
    }

    /// Write the workbook to a new file at `path`.
    pub fn save(mut self, path: &Path) -> anyhow::Result<()> {
        if self.sheets == 0 {
            // A workbook needs a sheet; an empty one says there is nothing.
            self.workbook.add_worksheet();
        }
        self.workbook.save(path).with_context(|| format!("cannot write {}", path.display()))
    }
}

fn write_sheet(sheet: &mut Worksheet, rows: &Rows, header: &Format) -> anyhow::Result<()> {
    let ncols = rows.rows.iter().map(Vec::len).fold(rows.columns.len(), usize::max);
    anyhow::ensure!(ncols <= MAX_COLS, "{ncols} columns: more than Excel's {MAX_COLS}");
    anyhow::ensure!(rows.rows.len() <= MAX_DATA_ROWS, "{} rows: more than Excel's {MAX_DATA_ROWS}", rows.rows.len());
    let mut widths: Vec<usize> = vec![0; ncols];

    for (c, name) in rows.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, cell_text(name), header)?;
        widths[c] = widths[c].max(display_width(name));
    }
    for (r, row) in rows.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let col = c as u16;
            match v {
                Val::Null => {}
                Val::Int(i) if i.unsigned_abs() <= MAX_EXACT_INT => {
                    sheet.write_number(r, col, *i as f64)?;
                }
                Val::Float(f) if f.is_finite() => {
                    sheet.write_number(r, col, *f)?;
                }
                Val::Float(_) => {}
                Val::Int(_) | Val::Text(_) => {
                    sheet.write_string(r, col, cell_text(&v.plain()))?;
                }
            }
            widths[c] = widths[c].max(display_width(&v.plain()));
        }
    }

    sheet.set_freeze_panes(1, 0)?;
    for (c, w) in widths.iter().enumerate() {
        // Character units; a little room for the bold header and the filter button.
        let width = (*w as f64 + 2.0).clamp(6.0, 60.0);
        sheet.set_column_width(c as u16, width)?;
    }
    Ok(())
}

/// Text Excel accepts in a cell: cut to its length limit.
fn cell_text(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Width in Excel character units: CJK and full-width characters count two.
fn display_width(s: &str) -> usize {
    s.lines().map(|l| l.chars().map(|c| if super::chart::is_wide(c) { 2 } else { 1 }).sum()).max().unwrap_or(0)
}

/// A valid sheet name made from `name`: without `[ ] : * ? / \` and control characters,
/// not blank, at most 31 characters, no apostrophe at either end, not Excel's reserved
/// "History", and different (ignoring case) from the names already used.
pub fn sheet_name(name: &str, number: usize) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let trimmed = cleaned.trim().trim_matches('\'').trim();
    let cut: String = trimmed.chars().take(31).collect();
    let cut = cut.trim_end().trim_end_matches('\'').trim_end().to_string();
    if cut.is_empty() || cut.eq_ignore_ascii_case("history") {
        format!("Sheet{number}")
    } else {
        cut
    }
}

fn unique_sheet_name(name: &str, number: usize, used: &mut HashSet<String>) -> String {
    let base = sheet_name(name, number);
    let mut candidate = base.clone();
    let mut k = 2;
    while used.contains(&candidate.to_lowercase()) {
        let suffix = format!(" ({k})");
        let keep = 31usize.saturating_sub(suffix.chars().count());
        let stem: String = base.chars().take(keep).collect();
        candidate = format!("{}{suffix}", stem.trim_end().trim_end_matches('\''));
        k += 1;
    }
    used.insert(candidate.to_lowercase());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    /// Write `sheets` (name, rows) to a new workbook at `path`.
    fn write_workbook(path: &Path, sheets: &[(String, Rows)]) -> anyhow::Result<()> {
        let mut book = Book::new();
        for (name, rows) in sheets {
            book.add(name, rows)?;
        }
        book.save(path)
    }

    fn read_entry(path: &Path, name: &str) -> String {
        let file = std::fs::File::open(path).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut entry = zip.by_name(name).unwrap_or_else(|e| panic!("{name} missing: {e}"));
        let mut s = String::new();
        entry.read_to_string(&mut s).unwrap();
        s
    }

    /// The XML of cell `r` (e.g. "B2") in a sheet.
    fn cell<'a>(sheet: &'a str, r: &str) -> &'a str {
        let start = sheet.find(&format!(r#"<c r="{r}""#)).unwrap_or_else(|| panic!("no cell {r} in {sheet}"));
        let rest = &sheet[start..];
        let end = rest.find("</c>").map(|e| e + 4).or_else(|| rest.find("/>").map(|e| e + 2)).unwrap();
        &rest[..end]
    }

    #[test]
    fn writes_two_sheets_with_numbers_text_and_blanks() {
        let mut a = Rows::new(&["机关", "年份", "收到申请数", "纠错率"]);
        a.push(vec![Val::text("北京市人民政府办公厅"), Val::Int(2023), Val::Int(42), Val::Float(0.125)]);
        a.push(vec![Val::text("上海市"), Val::Int(2023), Val::Null, Val::Float(f64::NAN)]);
        let mut b = Rows::new(&["name"]);
        b.push(vec![Val::text("x")]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.xlsx");
        write_workbook(&path, &[("排名 2023/2024 [草稿]".into(), a), ("比较".into(), b)]).unwrap();

        let workbook = read_entry(&path, "xl/workbook.xml");
        assert!(workbook.contains(r#"name="排名 2023_2024 _草稿_""#), "{workbook}");
        assert!(workbook.contains(r#"name="比较""#), "{workbook}");

        let sheet = read_entry(&path, "xl/worksheets/sheet1.xml");
        let number = cell(&sheet, "C2");
        assert!(number.contains("<v>42</v>") && !number.contains(r#"t=""#), "C2 is not a number cell: {number}");
        assert!(cell(&sheet, "D2").contains("<v>0.125</v>"));
        assert!(!sheet.contains(r#"<c r="C3""#) && !sheet.contains(r#"<c r="D3""#), "null and NaN leave cells empty");
        assert!(cell(&sheet, "A2").contains(r#"t="s""#), "text is a string cell");
        assert!(sheet.contains(r#"<pane ySplit="1""#) && sheet.contains(r#"state="frozen""#), "header frozen: {sheet}");
        // The agency column is wide enough for ten CJK characters.
        assert!(sheet.contains(r#"<col min="1" max="1" width="22"#), "{sheet}");
        let styles = read_entry(&path, "xl/styles.xml");
        assert!(styles.contains("<b/>"), "bold header font");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        assert_eq!(sheet_name("a[b]c:d*e?f/g\\h", 1), "a_b_c_d_e_f_g_h");
        assert_eq!(sheet_name("", 3), "Sheet3");
        assert_eq!(sheet_name("History", 2), "Sheet2");
        assert_eq!(sheet_name("'quoted'", 1), "quoted");
        let long = "国家税务总局深圳市税务局第一稽查局政府信息公开工作年度报告统计";
        assert_eq!(sheet_name(long, 1).chars().count(), 31);
        let mut used = HashSet::new();
        let names: Vec<String> = (0..3).map(|i| unique_sheet_name(long, i + 1, &mut used)).collect();
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), 3);
        assert!(names.iter().all(|n| n.chars().count() <= 31));
        assert!(names[1].ends_with(" (2)"));

        // Clashing, odd and empty input still makes a workbook.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("odd.xlsx");
        let mut r = Rows::new(&["v"]);
        r.rows.push(vec![Val::Int(i64::MIN), Val::text("extra \u{1} column")]);
        let sheets = vec![("Data".into(), r.clone()), ("data".into(), r), ("???".into(), Rows::default())];
        write_workbook(&path, &sheets).unwrap();
        let workbook = read_entry(&path, "xl/workbook.xml");
        assert!(
            workbook.contains(r#"name="Data""#)
                && workbook.contains(r#"name="data (2)""#)
                && workbook.contains(r#"name="___""#)
        );
        write_workbook(&dir.path().join("none.xlsx"), &[]).unwrap();
    }
}
