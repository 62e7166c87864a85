//! Document → report: metadata, the three tables, and the prose's claims; for a report
//! without the national tables, the pre-2019 figures.

pub mod cell;
pub mod claims;
pub mod figures;
pub mod fold;
pub mod glued;
pub mod joined;
pub mod labels;
pub mod meta;
pub mod order;
pub mod place;
pub mod published;
pub mod stated;
pub mod stream;
pub mod tables;
pub mod unprinted;

use std::path::Path;

use crate::figures::{Era, FigureSource};
use crate::report::{CellValue, Report};
use crate::source::Document;
use crate::template::{self, Table, Version};

/// The three tables: from the document's tables (grids) first; a table they leave
/// incomplete or do not have is read again from the document as a stream of labels and
/// values ([`stream`]), and the reading with more of its cells is kept. Figures run
/// together beside an empty cell are then split where the sums say ([`joined`]).
pub fn read_tables(doc: &Document) -> tables::Tables {
    let mut read = grid_or_stream(doc);
    joined::split_run_together(&mut read);
    say_where_a_placeholder_stands(doc, &mut read);
    read
}

/// What pandoc's plain text prints for a table it cannot draw (one with merged cells).
const TABLE_PLACEHOLDER: &str = "[TABLE]";

/// A table not found whose heading is followed by pandoc's [`TABLE_PLACEHOLDER`]: the file
/// holds none of its figures, and a note says so beside "not found".
fn say_where_a_placeholder_stands(doc: &Document, read: &mut tables::Tables) {
    if !read.notes.iter().any(|n| n.ends_with("not found")) {
        return;
    }
    let mut paragraphs: Option<Vec<&str>> = None;
    for table in Table::ALL {
        let prefix = format!("table {} (", table.numeral());
        if !read.notes.iter().any(|n| n.starts_with(&prefix) && n.ends_with("not found")) {
            continue;
        }
        // The heading without its numeral (三、): the words a report keeps.
        let words = table.title().split_once('、').map_or(table.title(), |(_, w)| w);
        let paragraphs = paragraphs.get_or_insert_with(|| doc.paragraphs().map(str::trim_end).collect());
        let placeholder = paragraphs.windows(2).any(|w| w[0].contains(words) && w[1] == TABLE_PLACEHOLDER);
        if placeholder {
            read.notes.push(format!(
                "table {}: the file prints `{TABLE_PLACEHOLDER}` under its heading, where the table stood (pandoc's plain text of a table it cannot draw): none of its figures are in the file — read the original, or pandoc's Markdown of it",
                table.numeral()
            ));
        }
    }
}

/// The tables as read from the document's grids, or as a stream where that reads more.
fn grid_or_stream(doc: &Document) -> tables::Tables {
    let mut grid = tables::extract(doc);
    let short = |t: &tables::Tables, table: Table| {
        let version = t.versions.of(table).unwrap_or(Version::Both);
        let found = t.cells.iter().filter(|c| c.tbl == table && !c.row.starts_with("extra:")).count();
        found < expected_cells(table, version)
    };
    if !Table::ALL.iter().any(|&t| short(&grid, t)) {
        return grid;
    }
    let streamed = stream::extract(doc);
    // A table the grid saw with no figure under it, whose rows the layout-free reading found
    // something to say of (figures it could not place), is not one printed without figures.
    grid.headed_without_figures.retain(|(table, _)| {
        let prefix = format!("table {}", table.numeral());
        !streamed.notes.iter().any(|n| n.starts_with(&prefix) && !n.ends_with("not found"))
    });
    // A table the layout-free reading saw headed with no figure under it (the grid saw no
    // such header: text whose tables are laid out in spaces) is one too, if neither
    // reading placed a cell of it.
    for &(table, version) in &streamed.headed_without_figures {
        let placed = |t: &tables::Tables| t.cells.iter().any(|c| c.tbl == table);
        if !placed(&grid) && !placed(&streamed) && !grid.headed_without_figures.iter().any(|(t, _)| *t == table) {
            grid.headed_without_figures.push((table, version));
        }
    }
    for table in Table::ALL {
        if !short(&grid, table) {
            continue;
        }
        let count = |t: &tables::Tables| t.cells.iter().filter(|c| c.tbl == table).count();
        let prefix = format!("table {}", table.numeral());
        if count(&streamed) == 0 && count(&grid) == 0 {
            if table == Table::Appeals {
                grid.open_appeals.clone_from(&streamed.open_appeals);
            }
            // Neither reading placed a cell, but the layout-free one saw the table's rows
            // and says why their figures could not be placed: that replaces "not found".
            if streamed.notes.iter().any(|n| n.starts_with(&prefix)) {
                grid.notes.retain(|n| !n.starts_with(&prefix));
                grid.notes.extend(streamed.notes.iter().filter(|n| n.starts_with(&prefix)).cloned());
            }
            continue;
        }
        if count(&streamed) > count(&grid) {
            grid.cells.retain(|c| c.tbl != table);
            grid.cells.extend(streamed.cells.iter().filter(|c| c.tbl == table).cloned().map(|c| unread_by_ocr(doc, c)));
            grid.notes.retain(|n| !n.starts_with(&format!("table {}", table.numeral())));
            grid.notes.extend(
                streamed.notes.iter().filter(|n| n.starts_with(&format!("table {}", table.numeral()))).cloned(),
            );
            grid.versions.set(table, streamed.versions.of(table));
        }
    }
    read_run_together(doc, &mut grid);
    grid
}

/// Tables 三 and 四 that neither reading placed a cell of, read again as running text
/// with their figures run together ([`glued`]): every cell when the sums allow exactly one
/// reading, else a note why not in place of "not found" (always for table 二, whose cells
/// no sum ties). A table read in part (a row
/// printing its figures apart, the others run together) gives way to that reading only
/// when it reads every cell and agrees with each cell placed before.
fn read_run_together(doc: &Document, read: &mut tables::Tables) {
    // A word of each table's running text, looked for before the text is built (a report
    // from before 2019 has none of them).
    if !doc.paragraphs().any(|p| ["第二十条", "本年新收", "尚未审结"].iter().any(|w| p.contains(w))) {
        return;
    }
    let mut text = None;
    for table in Table::ALL {
        let placed: Vec<&CellValue> =
            read.cells.iter().filter(|c| c.tbl == table && !c.row.starts_with("extra:")).collect();
        let version = read.versions.of(table).unwrap_or(Version::Both);
        if placed.len() >= expected_cells(table, version) {
            continue;
        }
        if table == Table::Proactive && !placed.is_empty() {
            continue;
        }
        let text = text.get_or_insert_with(|| glued::running_text(doc));
        let Some(glued) = glued::read(text, table) else { continue };
        if !placed.is_empty() {
            let glued::Glued::Read { cells, version, .. } = &glued else { continue };
            let agrees = |p: &CellValue| {
                cells.iter().any(|c| c.row == p.row && c.col == p.col && c.state == p.state && c.value == p.value)
            };
            if cells.len() < expected_cells(table, *version) || !placed.iter().all(|p| agrees(p)) {
                continue;
            }
        }
        let prefix = format!("table {}", table.numeral());
        read.notes.retain(|n| !n.starts_with(&prefix));
        match glued {
            glued::Glued::Read { cells, version, note } => {
                read.cells.retain(|c| c.tbl != table);
                read.cells.extend(cells);
                read.notes.push(note);
                read.headed_without_figures.retain(|(t, _)| *t != table);
                read.versions.set(table, Some(version));
            }
            glued::Glued::Unread(note) => read.notes.push(note),
        }
    }
}

/// A cell the layout-free reading took from the prose of a document read (in part) by
/// OCR has no reading of its own (only table cells keep theirs): it is never certain.
/// In a PDF whose other pages have text, such a cell may come from text, and is marked
/// all the same.
fn unread_by_ocr(doc: &Document, mut c: crate::report::CellValue) -> crate::report::CellValue {
    if doc.ocr.is_some() && c.confidence.is_none() {
        c.confidence = Some(crate::source::ocr::DISAGREE_CONFIDENCE);
        c.ocr_raw = Some(format!("text:{} (read from OCR'd prose, not a table cell: no reading of its own)", c.raw));
    }
    c
}

/// Does a number that starts right after `before` continue a longer one (after a digit, or
/// a digit and a comma: the `567` of `1234,567`)? Then it is no figure of its own.
pub(crate) fn continues_a_number(before: &str) -> bool {
    before.trim_end_matches(',').ends_with(|c: char| c.is_ascii_digit())
}

/// Words that make an application something other than one for information (收到行政复议
/// 申请1件, 来信来访申请, 撤回申请): a figure of applications whose phrase holds one is none.
pub(crate) const NOT_AN_INFORMATION_REQUEST: &[&str] =
    &["复议", "诉讼", "信访", "来信", "来访", "咨询", "撤回", "举报", "投诉", "听证", "赔偿"];

/// Does a clause, up to its figure, say the figure is of an earlier year: 去年, 上年, or a
/// year before the report's `year` (2012年受理申请5件 in a report of 2013)? 上年 also opens
/// a difference (比上年多收到申请3件), which is no year's figure either. A later year (the
/// date a report was written) says nothing.
pub(crate) fn about_an_earlier_year(before: &str, year: Option<i32>) -> bool {
    if ["去年", "上年", "上一年", "前一年"].iter().any(|w| before.contains(w)) {
        return true;
    }
    let Some(year) = year else { return false };
    // Every 19xx年 or 20xx年: four ASCII digits right before 年.
    before.match_indices('年').any(|(at, _)| {
        let digits =
            before.as_bytes()[..at].rchunks(4).next().filter(|d| d.len() == 4 && d.iter().all(u8::is_ascii_digit));
        let printed = digits.and_then(|d| std::str::from_utf8(d).ok()).and_then(|d| d.parse::<i32>().ok());
        printed.is_some_and(|y| (1900..year).contains(&y))
    })
}

/// How many cells the template gives a table of `version` (2019 where table 三's version
/// is unknown: its one （六） row).
pub fn expected_cells(table: Table, version: Version) -> usize {
    let version = if version == Version::Both && table == Table::Applications { Version::V2019 } else { version };
    template::cells_in(table, version).count()
}

/// Extract everything xxgk keeps from one document. `path` names the source, as a last
/// resort for the year.
pub fn extract(doc: &Document, path: &Path) -> Report {
    let meta = meta::extract(doc, path);
    let published = published::extract(doc, meta.year);
    let mut tables = read_tables(doc);
    let mut claims = claims::extract(doc.paragraphs(), meta.year);
    if !tables.headed_without_figures.is_empty() {
        unprinted::fill(&mut tables, &claims, doc);
    }
    if tables.open_appeals.is_some() {
        stated::fill(&mut tables, &claims, doc);
    }
    let mut notes = meta.notes;
    // No national tables: read as template pre2019 when the report is from before 2019 or
    // prints a pre-2019 statistics table. Its prose figures replace the template claims, and
    // the missing national tables are expected, not worth a note.
    let (era, figures) = if !tables.cells.is_empty() {
        notes.extend(tables.notes);
        (Era::Template, Vec::new())
    } else {
        let (figures, figure_notes) = figures::extract_with_notes(doc, meta.year);
        let has_table = figures.iter().any(|f| f.source == FigureSource::Table);
        if meta.year.is_some_and(|y| y <= 2018) || has_table {
            notes.extend(figure_notes);
            if figures.is_empty() {
                notes.push("read as a pre-2019 report, but no figures found".into());
            }
            claims.clear();
            (Era::Pre2019, figures)
        } else {
            notes.extend(tables.notes);
            (Era::Unknown, Vec::new())
        }
    };
    notes.extend(doc.warnings.iter().cloned());
    Report {
        agency: meta.agency,
        year: meta.year,
        title: meta.title,
        versions: tables.versions,
        cells: tables.cells,
        claims,
        notes,
        era,
        figures,
        published,
        ocr: doc.ocr.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::text;

    /// pandoc's plain text of a table with merged cells is `[TABLE]` under its heading: the
    /// note says the file holds none of the table's figures, beside "not found".
    #[test]
    fn a_tables_placeholder_says_its_figures_are_not_in_the_file() {
        let src = "二、主动公开政府信息情况\n\n[TABLE]\n\n三、收到和处理政府信息公开申请情况\n\n[TABLE]\n\n四、政府信息公开行政复议、行政诉讼情况\n\n行政复议 0件\n";
        let t = read_tables(&text::read(src.as_bytes()).unwrap());
        for numeral in ["二", "三"] {
            assert!(t.notes.iter().any(|n| n.starts_with(&format!("table {numeral} (")) && n.ends_with("not found")));
            assert!(
                t.notes.iter().any(|n| n.starts_with(&format!("table {numeral}: the file prints `[TABLE]`"))),
                "{:?}",
                t.notes
            );
        }
        // Table 四 is not found either, but no placeholder stands under its heading.
        assert!(t.notes.iter().all(|n| !n.starts_with("table 四: the file prints")), "{:?}", t.notes);
    }

    /// Tables printed as running text with their figures run together: read by
    /// [`glued`], each with its version, in place of "not found".
    #[test]
    fn tables_run_together_are_read_with_their_versions() {
        let src = "示例市示例局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件1212140第二十条第（五）项信息内容本年处理决定数量行政许可2054四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计20103120001200000五、\n";
        let t = read_tables(&text::read(src.as_bytes()).unwrap());
        assert_eq!(t.versions.proactive, Some(Version::V2021));
        assert_eq!(t.versions.appeals, Some(Version::Both));
        let cell = |tbl: Table, row: &str, col: &str| {
            t.cells.iter().find(|c| c.tbl == tbl && c.row == row && c.col == col).and_then(|c| c.value)
        };
        assert_eq!(cell(Table::Proactive, "licensing", "decisions"), Some(2054.0));
        assert_eq!(cell(Table::Appeals, "suit_direct", "total"), Some(12.0));
        assert!(t.notes.iter().any(|n| n.starts_with("table 四: printed as running text")), "{:?}", t.notes);
        assert!(!t.notes.iter().any(|n| n.starts_with("table 四 (")), "{:?}", t.notes);
        // Table 三 is not in the text at all: still "not found".
        assert!(t.notes.iter().any(|n| n.starts_with("table 三 (") && n.ends_with("not found")), "{:?}", t.notes);
    }

    /// Table 三 seen, but none of its figures could be placed: the notes say why, not that
    /// the table is not there.
    #[test]
    fn a_table_seen_but_not_placed_says_why() {
        let doc = text::read(
            "三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n法人或其他组织\n总计\n（一）予以公开 5 0 9\n"
                .as_bytes(),
        )
        .unwrap();
        let t = read_tables(&doc);
        assert!(t.cells.iter().all(|c| c.tbl != Table::Applications), "{:?}", t.cells);
        assert!(t.notes.iter().any(|n| n.starts_with("table 三 row granted")), "{:?}", t.notes);
        assert!(!t.notes.iter().any(|n| n.contains("table 三 (applications) not found")), "{:?}", t.notes);
        // The tables it never saw are still said to be missing.
        assert!(t.notes.iter().any(|n| n.contains("table 四 (administrative review and litigation) not found")));
    }
}
