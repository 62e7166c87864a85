//! The shapes reports take after the conversions analysts run them through, made from a
//! document the readers read: text copied from a web page one cell per line, Markdown
//! pipe tables, grid tables as pandoc draws them (and w3m, in box characters), html2text's
//! rows of `|`-separated cells, rows of space-separated cells, every line followed by an
//! empty one (lynx) — and labels with OCR-like slips.
//!
//! Conversions are deliberately plain renderings of the document's own structure (what a
//! converter would print), so a test can compare the shape's cells with the gold of the
//! original file.
#![allow(dead_code)]

use xxgk_core::source::{Block, Document, Span, Table};

/// The document's blocks in order: each paragraph trimmed and followed by
/// `after_paragraph`, each table as `table` writes it, each break as `at_break`.
fn render(doc: &Document, after_paragraph: &str, at_break: &str, mut table: impl FnMut(&Table, &mut String)) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p.trim());
                out.push_str(after_paragraph);
            }
            Block::Table(t) => table(t, &mut out),
            Block::Break => out.push_str(at_break),
        }
    }
    out
}

/// Paragraphs one per line; each table cell on its own line, merged cells once. With
/// `empty_lines`, an empty cell is an empty line; without, it leaves no trace.
pub fn one_cell_per_line(doc: &Document, empty_lines: bool) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p.trim());
                out.push('\n');
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row.iter().filter(|c| c.span == Span::Own) {
                        if c.text.trim().is_empty() {
                            if empty_lines {
                                out.push('\n');
                            }
                        } else {
                            for line in c.text.lines() {
                                out.push_str(line.trim());
                                out.push('\n');
                            }
                        }
                    }
                }
            }
            Block::Break => out.push('\n'),
        }
    }
    out
}

/// A PDF's page text as pdftotext prints it without `-layout` or `-raw`, for a table
/// whose cells it takes in row order: every cell a block of its own (its lines, then an
/// empty line), an empty cell nothing at all, and the page's end a form feed.
pub fn page_text(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p.trim());
                out.push_str("\n\n");
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for c in row.iter().filter(|c| c.span == Span::Own && !c.text.trim().is_empty()) {
                        for line in c.text.lines() {
                            out.push_str(line.trim());
                            out.push('\n');
                        }
                        out.push('\n');
                    }
                }
            }
            Block::Break => {}
        }
    }
    out.push('\u{c}');
    out
}

/// Paragraphs as lines; tables as Markdown pipe rows, merged cells left empty, a rule
/// under the first row.
pub fn markdown(doc: &Document) -> String {
    render(doc, "\n\n", "\n", |t, out| {
        for (i, row) in t.rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| if c.span == Span::Own { c.text.replace('\n', "").replace('|', "\\|") } else { String::new() })
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                out.push_str(&format!("|{}\n", "---|".repeat(row.len())));
            }
        }
        out.push('\n');
    })
}

/// Paragraphs as lines; each table row one line of its own cells separated by single
/// spaces, empty cells gone, merged cells once.
pub fn space_separated(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(p.trim());
                out.push('\n');
            }
            Block::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .filter(|c| c.span == Span::Own && !c.text.trim().is_empty())
                        .map(|c| c.text.split_whitespace().collect::<String>())
                        .collect();
                    if !cells.is_empty() {
                        out.push_str(&cells.join(" "));
                        out.push('\n');
                    }
                }
            }
            Block::Break => out.push('\n'),
        }
    }
    out
}

/// Paragraphs as lines; tables as grid tables (`+----+----+` borders between rows, as pandoc
/// prints them), every cell's text wrapped at `width` characters so a row runs over several
/// lines, merged cells left empty.
pub fn grid(doc: &Document, width: usize) -> String {
    render(doc, "\n\n", "\n", |t, out| {
        let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        let border = format!("+{}\n", format!("{}+", "-".repeat(width + 2)).repeat(columns));
        out.push_str(&border);
        for row in &t.rows {
            // Each cell's text, whitespace dropped, cut into pieces of `width` characters.
            let pieces: Vec<Vec<String>> = (0..columns)
                .map(|i| match row.get(i) {
                    Some(c) if c.span == Span::Own => {
                        let chars: Vec<char> = c.text.chars().filter(|ch| !ch.is_whitespace()).collect();
                        chars.chunks(width).map(|p| p.iter().collect()).collect()
                    }
                    _ => Vec::new(),
                })
                .collect();
            let lines = pieces.iter().map(Vec::len).max().unwrap_or(0).max(1);
            for l in 0..lines {
                let cells: Vec<&str> = pieces.iter().map(|p| p.get(l).map_or("", String::as_str)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.push_str(&border);
        }
        out.push('\n');
    })
}

/// Paragraphs as lines; tables drawn in box characters as w3m draws them (`┌──┬──┐`,
/// `│a │b │`, `├──┼──┤`), every cell's text wrapped at `width` characters, merged cells
/// left empty.
pub fn boxes(doc: &Document, width: usize) -> String {
    let ascii = grid(doc, width);
    let mut out = String::new();
    let mut first = true;
    for line in ascii.lines() {
        if line.starts_with('+') {
            let (left, mid, right) = if first { ('┌', '┬', '┐') } else { ('├', '┼', '┤') };
            first = false;
            let inner: String = line[1..line.len() - 1].chars().map(|c| if c == '+' { mid } else { '─' }).collect();
            out.push_str(&format!("{left}{inner}{right}\n"));
        } else if line.starts_with('|') {
            out.push_str(&line.replace('|', "│"));
            out.push('\n');
        } else {
            first = true;
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Paragraphs and table cells each a line followed by an empty line, an empty cell an
/// empty line alone, merged cells once: lynx's `-dump` of a page whose tables are too
/// wide for it.
pub fn double_spaced(doc: &Document) -> String {
    render(doc, "\n\n", "", |t, out| {
        for c in t.rows.iter().flatten().filter(|c| c.span == Span::Own) {
            let text: String = c.text.split_whitespace().collect();
            if !text.is_empty() {
                out.push_str(&text);
                out.push('\n');
            }
            out.push('\n');
        }
    })
}

/// Paragraphs as lines; tables as html2text prints them: cells separated by `| ` with no
/// bars at the ends, a `---|---` rule under the first row, a merged cell once (the page's
/// markup has no cell where a span covers), a blank line after the table.
pub fn bars(doc: &Document) -> String {
    render(doc, "\n\n", "\n", |t, out| {
        for (i, row) in t.rows.iter().enumerate() {
            let cells: Vec<String> =
                row.iter().filter(|c| c.span == Span::Own).map(|c| c.text.split_whitespace().collect()).collect();
            out.push_str(&cells.join("| "));
            out.push_str("  \n");
            if i == 0 {
                out.push_str(&vec!["---"; row.len()].join("|"));
                out.push_str("  \n");
            }
        }
        out.push('\n');
    })
}

/// A row's own cells (merged copies left out, as a converter that works from the page's
/// drawing prints them), and where its figures start: after its last label cell.
fn own_cells(row: &[xxgk_core::source::Cell]) -> (Vec<String>, usize) {
    let cells: Vec<String> =
        row.iter().filter(|c| c.span == Span::Own).map(|c| c.text.split_whitespace().collect()).collect();
    let start = cells.iter().rposition(|c| !xxgk_core::extract::cell::is_value_like(c)).map_or(0, |i| i + 1);
    (cells, start)
}

fn pipe_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// Markdown as a PDF table extractor prints narrow columns: a row's figures run together
/// two by two in one cell, separated by a space (`| 3001 53 | 0 0 | 61 4 | 3119 |`).
pub fn paired_figures(doc: &Document) -> String {
    render(doc, "\n\n", "\n", |t, out| {
        for row in &t.rows {
            let (cells, start) = own_cells(row);
            let mut merged: Vec<String> = cells[..start].to_vec();
            for pair in cells[start..].chunks(2) {
                merged.push(pair.join(" "));
            }
            out.push_str(&pipe_row(&merged));
        }
        out.push('\n');
    })
}

/// Markdown as a PDF table extractor prints a table whose label cells are taller than a
/// line: each row of seven figures (table 三's) first, as a row of its own with its label
/// cells empty, and the label cells' text after it as lines outside the table.
pub fn figures_above_labels(doc: &Document) -> String {
    render(doc, "\n\n", "\n", |t, out| {
        for row in &t.rows {
            let (cells, start) = own_cells(row);
            if cells.len() - start != 7 || start == 0 {
                out.push_str(&pipe_row(&cells));
                continue;
            }
            let mut figures = vec![String::new()];
            figures.extend(cells[start..].iter().cloned());
            out.push_str(&pipe_row(&figures));
            for label in cells[..start].iter().filter(|c| !c.is_empty()) {
                out.push_str(label);
                out.push('\n');
            }
        }
        out.push('\n');
    })
}

/// Markdown as an HTML converter prints a table it does not lay out: the cells a merged
/// label covers left out (each row shifted by its own amount), and an empty cell of no
/// column after every row's second figure (where the page's markup has an empty cell).
pub fn dead_column(doc: &Document) -> String {
    render(doc, "\n\n", "\n", |t, out| {
        for row in &t.rows {
            let (mut cells, start) = own_cells(row);
            if cells.len() >= start + 3 && start > 0 {
                cells.insert(start + 2, String::new());
            }
            out.push_str(&pipe_row(&cells));
        }
        out.push('\n');
    })
}

/// A table as HTML the way pandoc keeps a table Markdown cannot hold: merged cells as
/// `rowspan` / `colspan` (rebuilt from the copies the reader made), attributes wrapped over
/// lines, each cell's text in a styled `<span>` inside a `<p>`.
fn html_table(t: &Table, out: &mut String) {
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "<br />");
    out.push_str("<table data-border=\"1\"\ndata-cellspacing=\"0\" width=\"100%\">\n<tbody>\n");
    for (r, row) in t.rows.iter().enumerate() {
        out.push_str(if r % 2 == 0 { "<tr class=\"odd\">\n" } else { "<tr class=\"even\">\n" });
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| cell.span == Span::Own) {
            let colspan = row[c + 1..].iter().take_while(|x| x.span == Span::ColCopy).count() + 1;
            let rowspan = t.rows[r + 1..]
                .iter()
                .take_while(|below| below.get(c).is_some_and(|x| x.span == Span::RowCopy))
                .count()
                + 1;
            out.push_str("<td");
            if rowspan > 1 {
                out.push_str(&format!(" rowspan=\"{rowspan}\""));
            }
            if colspan > 1 {
                out.push_str(&format!(" colspan=\"{colspan}\""));
            }
            out.push_str("\nstyle=\"padding: 0px 4px; border-width: medium 1px 1px;\"\ndata-valign=\"center\">");
            out.push_str(&format!("<p><span style=\"FONT-SIZE: 12pt\">{}</span></p></td>\n", escape(c_text(cell))));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n\n");
}

fn c_text(c: &xxgk_core::source::Cell) -> &str {
    c.text.trim()
}

/// A page as `pandoc -t gfm` writes it: the page's containers as `<div>` lines, its menu as
/// a list of links, the title in bold, paragraphs as they are; a table without merged cells
/// as a pipe table (each cell's text in a styled `<span>`), one with them as HTML.
pub fn pandoc_gfm(doc: &Document) -> String {
    let mut out = String::from("<div class=\"warp info_public_bg\">\n\n<div class=\"menu_base\">\n\n");
    out.push_str("-   [首页](/)\n-   [政务公开](https://example.gov.cn/zwgk/)\n-   [互动交流](https://example.gov.cn/hdjl/)\n\n</div>\n\n<div class=\"article_content\">\n\n");
    let mut first = true;
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) if first => {
                out.push_str(&format!("**{}**\n\n", p.trim()));
                first = false;
            }
            Block::Paragraph(p) => out.push_str(&format!("{}\n\n", p.trim())),
            Block::Table(t) if t.rows.iter().flatten().any(|c| c.span != Span::Own) => html_table(t, &mut out),
            Block::Table(t) => {
                for (i, row) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| match c_text(c) {
                            "" => String::new(),
                            text => format!(
                                "<span style=\"FONT-FAMILY: 仿宋_GB2312; FONT-SIZE: 12pt\">{}</span>",
                                text.replace('\n', "")
                            ),
                        })
                        .collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if i == 0 {
                        out.push_str(&format!("|{}\n", "---|".repeat(row.len())));
                    }
                }
                out.push('\n');
            }
            Block::Break => {}
        }
    }
    out.push_str("</div>\n\n</div>\n");
    out
}

/// A page as `pandoc -t markdown` writes it: the page's containers as `:::` fences with
/// attributes, links with classes, every paragraph's text a span with its style
/// (`[text]{style="…"}`), every table as HTML.
pub fn pandoc_markdown(doc: &Document) -> String {
    let mut out = String::from("::: {.warp .info_public_bg}\n::: {.header .menu_hov}\n[首页](/ \"首页\"){.CurrChnlCls}\n:::\n\n::: {.article_content .font_family_cn}\n");
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => {
                out.push_str(&format!("[{}]{{style=\"font-family:仿宋_GB2312;font-size:16pt\"}}\n\n", p.trim()))
            }
            Block::Table(t) => {
                out.push_str("::: {align=\"center\"}\n");
                html_table(t, &mut out);
                out.push_str(":::\n\n");
            }
            Block::Break => {}
        }
    }
    out.push_str(":::\n:::\n");
    out
}

/// Slips an OCR pass or a careless retyping makes in labels: one character each, in a row
/// label of every table (one or two per table).
pub const SLIPS: &[(&str, &str)] = &[
    ("予以公开", "子以公开"),
    ("国家秘密", "国家秘蜜"),
    ("本机关不掌握", "本机关不掌提"),
    ("规范性文件", "规范姓文件"),
    ("行政处罚", "行政处刑"),
];

/// The text with the label slips applied (each at most once).
pub fn with_slips(text: &str) -> String {
    let mut out = text.to_string();
    for (from, to) in SLIPS {
        out = out.replacen(from, to, 1);
    }
    out
}
