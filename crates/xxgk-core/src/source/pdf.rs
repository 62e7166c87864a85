//! PDF reader.
//!
//! A PDF has no paragraphs and no tables, only glyphs at positions. This reader asks
//! poppler's `pdftotext -bbox-layout` for the words of every page with their boxes, and
//! rebuilds the document from geometry:
//!
//! * words on the same baseline form a visual line; words closer than a fraction of the
//!   font height form a segment (the text of one cell on that line), and a unit set a
//!   little apart from its figure (`75394432.52 元`) joins it; a word of digits in both
//!   widths (`１２1028`, two cells run together) is two figures;
//! * in a table, the characters of a cell set out over its width (分散对齐: `本   年   新`)
//!   are joined back into one segment when they stand at one pitch, closer together than
//!   the value columns, so that each goes to its own cell's header or label; a group
//!   heading set out over several columns (申  请  人  情  况) is one piece too, not a
//!   column a character; and a unit left alone at the far end of a figure's cell joins
//!   the figure;
//! * a line is *tabular* when it has a wide gap between segments, holds only numbers (无
//!   among them, n.a.), or is a 第二十条 caption; runs of tabular lines (with the short label fragments between
//!   them) are table regions, everything else is prose. A label with figures in the
//!   columns of the region's figures is a row of it too, though set too close to them
//!   for a wide gap (a narrow table);
//! * inside a region, numbers anchor the rows. The value columns are the x positions of
//!   the numbers in the rows that have the most of them, so a row with a missing value
//!   gets a blank cell in the right place instead of shifting its values left;
//! * the header adds the columns numbers cannot show: its leaf words (自然人 … 其他, 总计;
//!   group headings over several columns are skipped) give column x-ranges, and when the
//!   number columns fit into them with one common offset, a column blank in every row
//!   still gets its empty cells (a wide column name on one line keeps its column when
//!   figures stand under it). Rows that a page break carries to the next page without
//!   a header take the previous page's columns, and so does a page that continues a
//!   table with no figure on it, only numbered row labels (a table that prints no 0):
//!   each is a row of blank cells;
//! * one row printed at two heights (总计 aligned to the top of a tall cell, the other
//!   values centred; a figure aligned to the top of its cell above a row whose label and
//!   other figures are centred; figures overlapping by more than half their height) is
//!   joined back, and a row label with no numbers beside it (and no
//!   labels to its right, unlike a group label) is a row of blank cells;
//! * a figure too wide for its narrow cell goes on in the cell's next line (`172` over
//!   `9`): a line of bare digits right under figures of the row above, aligned with them,
//!   without a label of its own and not the top of the row below, finishes those figures
//!   (the cell keeps both lines, `172\n9`, which reads 1729), and so does such a line that
//!   opens the next page under a row a page break cut; a figure of two lines centred in
//!   its cell (`２１` half a line above the row's other figures, `２` half a line below)
//!   is one figure too. Cells of a row cut by a page's foot that open the next page with
//!   no label of their own, filling exactly the row's empty cells, go back to the row. The
//!   document's warnings list every figure joined and every cell put back. 无 alone in a
//!   cell of the value columns is a value cell (n.a.), on a line of its own too (set lower
//!   than its row by its font);
//! * wrapped row labels are put back together: a label line that starts with an item
//!   marker (`一、`, `（三）`, `1.`, `2、`) starts a label, a line without one continues the
//!   label above it (unless it stands, even partly, beside another row's figures), and each
//!   label joins the value row it overlaps (or the nearest). A label that ends a page with no
//!   figure, starting an item, and a row that opens the next page with figures beside a label
//!   starting none are one row cut by the page break;
//! * a vertical label written one character per line (三、本年度办理结果) is dropped (item
//!   numbers such as `2.`, standing apart from their labels in a column, are not one);
//! * page numbers such as `-3-` (in one word or several: a footer's field between dashes
//!   comes out as `-`, `3`, `-`) and running heads or feet (a margin line that comes back
//!   on other pages) are dropped, and a table cut by a page break continues as
//!   a new table block (a label fragment cut off at the top of the page goes back to the
//!   row it belongs to).
//!
//! pdftotext runs as a subprocess on a temporary copy of the bytes, with a time limit.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use regex::Regex;
use wait_timeout::ChildExt;

use super::{Block, Cell, Document, Limits, Table};
use crate::normalize::digits_and;

/// The converter this reader runs.
const PDFTOTEXT: &str = "pdftotext";

/// Read a PDF report: run `pdftotext -bbox-layout` and rebuild paragraphs and tables.
///
/// Errors: not a PDF, pdftotext missing or too slow, an encrypted or broken file, or a
/// file without a text layer when OCR is off. Pages without text (or whose content is a
/// picture) are read by OCR unless `limits.ocr` says never.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        bail!("not a PDF file (no %PDF- header)");
    }
    let xhtml = run_pdftotext(PDFTOTEXT, bytes, limits.pdf_timeout_secs)?;
    let (pages, repaired, turned) = pages_of(&xhtml);
    let mut doc = if limits.ocr.mode != super::ocr::OcrMode::Never {
        with_ocr(bytes, &xhtml, pages, limits)?
    } else if pages.iter().all(|p| p.words.is_empty()) {
        bail!("the PDF has no text layer (a scanned or image-only report), and OCR is off (--ocr never)");
    } else if unreadable_text(pages.iter().flat_map(|p| &p.words)) {
        bail!("the PDF's text layer does not read as Chinese (a font without a map to Unicode), and OCR is off (--ocr never)");
    } else {
        build_document(pages)
    };
    doc.meta = info_dates(&xhtml);
    doc.warnings.extend(repaired.map(str::to_string));
    doc.warnings.extend(turned);
    Ok(doc)
}

/// Read a PDF whose pages may need OCR (see [`super::ocr::pdf`] for which): pages with
/// text are rebuilt from their word boxes as always, pages read by OCR are put between
/// them in page order. A page OCR reads nothing on (an empty page) is named in a note and
/// not counted as read by OCR: the document is "read by OCR" only when OCR gave it text.
fn with_ocr(bytes: &[u8], xhtml: &str, pages: Vec<Page>, limits: &Limits) -> Result<Document> {
    use super::ocr::{self, pdf::PageInfo, OcrMode, PagePicture};
    let sizes = ocr::pdf::page_sizes(xhtml);
    let infos: Vec<PageInfo> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| PageInfo {
            width: sizes.get(i).map_or(595.0, |s| s.0),
            height: p.height,
            has_text: !p.words.is_empty(),
        })
        .collect();
    let timeout = limits.ocr.timeout_secs;
    let mut warnings = Vec::new();
    let mut need: Vec<bool> = infos.iter().map(|i| limits.ocr.mode == OcrMode::Always || !i.has_text).collect();
    // A text layer that does not read as Chinese (a font without a map to Unicode gives its
    // glyph numbers as `!"#$%&`): the page is read by OCR instead.
    for (i, page) in pages.iter().enumerate() {
        if !need[i] && unreadable_text(&page.words) {
            need[i] = true;
            let sample: String = page.words.iter().take(4).map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            warnings.push(format!(
                "page {}: its text layer does not read as Chinese (`{}`: a font without a map to Unicode), so the page was read by OCR",
                i + 1,
                sample.chars().take(24).collect::<String>()
            ));
        }
    }
    if infos.iter().any(|i| i.has_text) && limits.ocr.mode == OcrMode::Auto && need.iter().any(|n| !n) {
        if let Ok(file) = ocr::pdf::PdfFile::new(bytes) {
            match file.picture_shares(&infos, timeout) {
                Ok(shares) => {
                    for (i, share) in shares.iter().enumerate() {
                        if need[i] || *share < ocr::pdf::PICTURE_SHARE {
                            continue;
                        }
                        let boxes: Vec<(f64, f64, f64, f64)> =
                            pages[i].words.iter().map(|w| (w.x0, w.y0, w.x1, w.y1)).collect();
                        let mut hs: Vec<f64> = pages[i].words.iter().map(Word::h).collect();
                        let font = if hs.is_empty() { 10.5 } else { median(&mut hs) };
                        match file.render(i, 72.0, timeout) {
                            Ok(low) => need[i] = ocr::pdf::loose_ink(&low, &boxes, font),
                            Err(e) => warnings.push(format!("page {}: cannot look for pictures: {e:#}", i + 1)),
                        }
                    }
                }
                Err(e) => warnings.push(format!("cannot list the PDF's pictures: {e:#}")),
            }
        }
    }
    if !need.iter().any(|&n| n) {
        let mut doc = build_document(pages);
        doc.warnings.extend(warnings);
        return Ok(doc);
    }
    let file = ocr::pdf::PdfFile::new(bytes)?;
    let idx: Vec<usize> = (0..pages.len()).filter(|&i| need[i]).collect();
    let mut dpis = Vec::with_capacity(idx.len());
    for &i in &idx {
        let (dpi, warning) = ocr::pdf::dpi_for(&infos[i], &limits.ocr).with_context(|| format!("page {}", i + 1))?;
        warnings.extend(warning);
        dpis.push(dpi);
    }
    let read = ocr::read_page_list(
        idx.len(),
        |k| {
            let img = file.render(idx[k], dpis[k], timeout).with_context(|| format!("page {}", idx[k] + 1))?;
            Ok(PagePicture { img, dpi: Some(dpis[k] as f32) })
        },
        &limits.ocr,
    )?;
    let mut doc = Document::default();
    let mut summary = ocr::OcrSummary::default();
    let mut blank = Vec::new();
    let mut run: Vec<Page> = Vec::new();
    let mut read = read.into_iter();
    let flush = |run: &mut Vec<Page>, doc: &mut Document| {
        if !run.is_empty() {
            let part = build_document(std::mem::take(run));
            doc.blocks.extend(part.blocks);
            doc.warnings.extend(part.warnings);
        }
    };
    for (i, page) in pages.into_iter().enumerate() {
        if need[i] {
            flush(&mut run, &mut doc);
            if let Some(p) = read.next() {
                if p.blocks.is_empty() {
                    // A page of no text and nothing OCR could read (a blank page): no page
                    // read by OCR, whose faint figures could have been missed.
                    blank.push(i + 1);
                } else {
                    summary.add(&p);
                }
                doc.blocks.extend(p.blocks);
                doc.warnings.extend(p.warnings);
            }
        } else {
            run.push(page);
        }
    }
    flush(&mut run, &mut doc);
    doc.warnings.extend(warnings);
    if !blank.is_empty() {
        let (it, what) = if blank.len() == 1 { ("it", "an empty page") } else { ("them", "empty pages") };
        doc.warnings.push(format!(
            "{}: no text layer, and OCR read nothing on {it}: {what}, not read by OCR",
            pages_named(&blank)
        ));
    }
    doc.ocr = (summary.pages > 0).then_some(summary);
    Ok(doc)
}

/// Pages as a note names them: `page 1`, `pages 1, 4`.
fn pages_named(pages: &[usize]) -> String {
    let list: Vec<String> = pages.iter().map(usize::to_string).collect();
    format!("{} {}", if pages.len() == 1 { "page" } else { "pages" }, list.join(", "))
}

/// Whether words of a text layer are glyph numbers, not text: at least 40 characters, under 5%
/// of them Chinese and 15% or more ASCII punctuation or letters outside ASCII (`¸‡ÃÄ`). A
/// Chinese report's page is mostly Chinese (a table page's labels too), English prose holds a
/// few percent of punctuation, and a font without a `ToUnicode` map gives its glyphs' numbers
/// as characters from `!` on: a third of the first 94 are punctuation, and the ones after
/// fall outside ASCII.
fn unreadable_text<'a>(words: impl IntoIterator<Item = &'a Word>) -> bool {
    unreadable_texts(words.into_iter().map(|w| w.text.as_str()))
}

/// [`unreadable_text`] on texts: do they read as glyph numbers, not text?
pub(crate) fn unreadable_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut total, mut cjk, mut punct) = (0usize, 0usize, 0usize);
    for c in texts.into_iter().flat_map(str::chars).filter(|c| !c.is_whitespace()) {
        total += 1;
        if matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
        {
            cjk += 1;
        } else if c.is_ascii_punctuation() || !c.is_ascii() {
            punct += 1;
        }
    }
    total >= 40 && cjk * 20 < total && punct * 100 >= total * 15
}

/// A word and its box: text, x0, y0, x1, y1 in points.
pub(crate) type WordBox = (String, f64, f64, f64, f64);

/// Rebuild one page of word boxes (on a page `height` points high) into paragraphs and
/// tables, as for a PDF page: OCR's words of prose take this road.
pub(crate) fn from_word_boxes(height: f64, words: Vec<WordBox>) -> Document {
    from_pages(vec![(height, words)])
}

/// Rebuild pages of word boxes, each with its height in points, into paragraphs and
/// tables as the pages of a PDF are: a table that goes on over a page break is one table.
/// Another fixed-layout format's reader (OFD) takes this road.
pub(crate) fn from_pages(pages: Vec<(f64, Vec<WordBox>)>) -> Document {
    let pages = pages
        .into_iter()
        .map(|(height, words)| Page {
            height,
            words: words.into_iter().map(|(text, x0, y0, x1, y1)| Word { text, x0, y0, x1, y1 }).collect(),
        })
        .collect();
    build_document(pages)
}

/// The dates of the PDF's information dictionary, as pdftotext writes them into the
/// XHTML head (`<meta name="CreationDate" content="2024-02-26T14:41:23+08:00"/>`).
fn info_dates(xhtml: &str) -> Vec<(String, String)> {
    let head = &xhtml[..xhtml.find("<body").unwrap_or(xhtml.len()).min(64 * 1024)];
    let mut out = Vec::new();
    for name in ["CreationDate", "ModDate"] {
        let key = format!("<meta name=\"{name}\" content=\"");
        if let Some(start) = head.find(&key).map(|i| i + key.len()) {
            if let Some(end) = head[start..].find('"') {
                let value = unescape(head[start..start + end].trim());
                if !value.is_empty() {
                    out.push((name.to_string(), value));
                }
            }
        }
    }
    out
}

/// Rebuild a document from `pdftotext -bbox-layout` XHTML: the pure half of [`read`],
/// after the converter has run. Public so that it can be tested and fuzzed without
/// poppler; any text is accepted (tags it does not know are skipped).
pub fn from_bbox_xhtml(xhtml: &str) -> Document {
    let (pages, repaired, turned) = pages_of(xhtml);
    let mut doc = build_document(pages);
    doc.warnings.extend(repaired.map(str::to_string));
    doc.warnings.extend(turned);
    doc
}

/// The pages of `pdftotext -bbox-layout` XHTML, their words put right when they are
/// Chinese misread as Latin-1 ([`super::text::undo_latin1_misreading_apart`]; its warning
/// then returned).
fn pages_of(xhtml: &str) -> (Vec<Page>, Option<&'static str>, Vec<String>) {
    let (mut pages, directions) = parse_bbox_xhtml(xhtml);
    let mut turned = Vec::new();
    for (i, (page, d)) in pages.iter_mut().zip(&directions).enumerate() {
        let quarters = d.turn();
        if quarters != 0 {
            turn_upright(page, quarters);
            let (how, turn) = match quarters {
                1 => ("sideways, downwards", "90° anticlockwise"),
                2 => ("upside down", "180°"),
                _ => ("sideways, upwards", "90° clockwise"),
            };
            turned.push(format!(
                "page {}: its text runs {how} (the PDF turns the page), so its words were read turned {turn}, upright",
                i + 1
            ));
        }
    }
    let mut words: Vec<&mut String> = pages.iter_mut().flat_map(|p| p.words.iter_mut().map(|w| &mut w.text)).collect();
    let repaired = super::text::undo_latin1_misreading_apart(&mut words);
    (pages, repaired, turned)
}

/// Run `program -bbox-layout` on a temporary copy of `bytes`; return its XHTML output.
fn run_pdftotext(program: &str, bytes: &[u8], timeout_secs: u64) -> Result<String> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let input = dir.path().join("in.pdf");
    let output = dir.path().join("out.html");
    let errors = dir.path().join("stderr.txt");
    File::create(&input).and_then(|mut f| f.write_all(bytes)).context("cannot write a temporary copy of the PDF")?;
    let stderr_file = File::create(&errors).context("cannot create a temporary file")?;
    let spawned = Command::new(program)
        .arg("-bbox-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&input)
        .arg(&output)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(stderr_file))
        .spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{program} was not found: reading PDF needs poppler's pdftotext; \
             install poppler-utils and poppler-data (Debian: apt-get install poppler-utils poppler-data)"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot run {program}")),
    };
    let status = match child.wait_timeout(Duration::from_secs(timeout_secs)).context("waiting for pdftotext")? {
        Some(s) => s,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            bail!("pdftotext did not finish within {timeout_secs} s");
        }
    };
    let stderr = std::fs::read_to_string(&errors).unwrap_or_default();
    let stderr = stderr.trim();
    if !status.success() {
        let lower = stderr.to_lowercase();
        if lower.contains("password") || lower.contains("encrypt") || status.code() == Some(3) {
            bail!("the PDF is encrypted (password-protected) and cannot be read: {stderr}");
        }
        bail!(
            "pdftotext cannot read the PDF (damaged or not a PDF; exit {}): {}",
            status.code().map_or_else(|| "by signal".to_string(), |c| c.to_string()),
            if stderr.is_empty() { "no message" } else { stderr }
        );
    }
    let out = read_output(&output)?;
    Ok(out)
}

fn read_output(path: &Path) -> Result<String> {
    let raw = std::fs::read(path).context("pdftotext wrote no output")?;
    Ok(String::from_utf8_lossy(&raw).into_owned())
}

// ---------------------------------------------------------------------------------------
// pdftotext output

/// A word box from pdftotext.
#[derive(Clone, Debug)]
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Word {
    fn h(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }
    /// Does the word stand in the band at a page's foot or head (of a page `height` high)
    /// where footers and headers, and their page numbers, are set?
    fn in_margin_band(&self, height: f64) -> bool {
        self.y0 > height * 0.88 || self.y1 < height * 0.08
    }
    fn yc(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// One page: its height and words.
#[derive(Debug, Default)]
struct Page {
    height: f64,
    words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> Option<f64> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    tag[start..end].parse().ok().filter(|v: &f64| v.is_finite())
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Pages and words of `pdftotext -bbox-layout` output (`<page>` and `<word>`), and per
/// page which way its text runs ([`Directions`], from the `<block>`s and `<line>`s).
fn parse_bbox_xhtml(xhtml: &str) -> (Vec<Page>, Vec<Directions>) {
    let mut pages: Vec<Page> = Vec::new();
    let mut directions: Vec<Directions> = Vec::new();
    // The last line of the block and the last word of the line: the next one's step from
    // it says which way lines follow lines and words follow words.
    let (mut last_line, mut last_word): (Option<Bounds>, Option<Bounds>) = (None, None);
    let mut rest = xhtml;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[..=gt];
        if tag.starts_with("<page ") {
            pages.push(Page { height: attr(tag, "height").unwrap_or(842.0), words: Vec::new() });
            directions.push(Directions::default());
            (last_line, last_word) = (None, None);
            rest = &rest[gt + 1..];
        } else if tag.starts_with("<block ") {
            (last_line, last_word) = (None, None);
            rest = &rest[gt + 1..];
        } else if tag.starts_with("<line ") {
            let line = bounds(tag);
            if let (Some(a), Some(b), Some(d)) = (last_line, line, directions.last_mut()) {
                d.line_follows(a, b);
            }
            (last_line, last_word) = (line, None);
            rest = &rest[gt + 1..];
        } else if tag.starts_with("<word ") {
            let body = &rest[gt + 1..];
            let end = body.find("</word>").unwrap_or(body.len());
            // Glyphs that a font maps to radicals (⼆ for 二, ⺠ for 民) read as the
            // characters they show, so that captions, item numbers and 无 are told apart.
            let text = unescape(&crate::normalize::radicals_as_ideographs(body[..end].trim()));
            if let (Some(x0), Some(y0), Some(x1), Some(y1)) =
                (attr(tag, "xMin"), attr(tag, "yMin"), attr(tag, "xMax"), attr(tag, "yMax"))
            {
                if !text.is_empty() {
                    if pages.is_empty() {
                        pages.push(Page { height: 842.0, words: Vec::new() });
                        directions.push(Directions::default());
                    }
                    let word = Bounds { x0, y0, x1, y1 };
                    if let Some(d) = directions.last_mut() {
                        if let Some(a) = last_word {
                            d.word_follows(a, word);
                        }
                        d.word_shape(&text, word);
                    }
                    if let Some(p) = pages.last_mut() {
                        p.words.push(Word { text, x0, y0, x1, y1 });
                    }
                    last_word = Some(word);
                }
            }
            rest = &body[end..];
        } else {
            rest = &rest[gt + 1..];
        }
    }
    (pages, directions)
}

/// A box in points: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// The box of a tag's `xMin`, `yMin`, `xMax` and `yMax`.
fn bounds(tag: &str) -> Option<Bounds> {
    Some(Bounds { x0: attr(tag, "xMin")?, y0: attr(tag, "yMin")?, x1: attr(tag, "xMax")?, y1: attr(tag, "yMax")? })
}

/// Which way a page's text runs, by votes: for each direction (0 rightwards, 1 down,
/// 2 leftwards, 3 up — the clockwise quarter turns from upright), how many times a word
/// followed the word before it on its line that way, or a line the line before it in its
/// block the way lines follow when text runs that way. pdftotext gives the words of a page
/// the PDF turns (`/Rotate`, or a turned text matrix) in the unturned page's frame: text
/// running down or up the page, or leftwards upside down.
///
/// Words of three characters or more also vote by their shape: a word that runs across the
/// page is wider than tall, one that runs down or up it taller than wide. A table of
/// one-figure cells gives few words on a line to follow one another, and pdftotext may set
/// the cells of a row side by side as the lines of one block, which votes for text running
/// up the page (LibreOffice's print of a narrow table 三: 7 such votes against 1 rightwards,
/// and the upright page was read a quarter turned); its labels, wider than tall, say the
/// page is upright.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Directions {
    /// Votes for each direction.
    votes: [u32; 4],
    /// Words of three characters or more wider than tall, and taller than wide.
    wide: u32,
    tall: u32,
}

impl Directions {
    /// `b` is the word after `a` on one line.
    fn word_follows(&mut self, a: Bounds, b: Bounds) {
        if let Some(d) = step(a, b) {
            self.votes[d] += 1;
        }
    }

    /// `b` is the line after `a` in one block. Lines follow one another a quarter turn
    /// clockwise from the way the text runs (text rightwards, lines downwards).
    fn line_follows(&mut self, a: Bounds, b: Bounds) {
        if let Some(d) = step(a, b) {
            self.votes[(d + 3) % 4] += 1;
        }
    }

    /// A word of the page, `text` in box `b`: its shape, when it has three characters or more.
    fn word_shape(&mut self, text: &str, b: Bounds) {
        if text.chars().nth(2).is_some() {
            let (w, h) = (b.x1 - b.x0, b.y1 - b.y0);
            self.wide += u32::from(w > h);
            self.tall += u32::from(h > w);
        }
    }

    /// The clockwise quarter turns the page's text stands at (0 upright): the direction
    /// with the most votes, when it has at least 5 and three times as many as rightwards;
    /// a quarter turn (text running down or up) only when its words are not mostly wider
    /// than tall.
    fn turn(&self) -> u8 {
        let v = self.votes;
        let (best, &n) = v.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i))).unwrap_or((0, &0));
        let across = self.wide > self.tall;
        if best != 0 && n >= 5 && n >= 3 * v[0] && !(best % 2 == 1 && across) {
            best as u8
        } else {
            0
        }
    }
}

/// The direction (as in [`Directions`]) from box `a` to box `b` when they stand side by
/// side along one axis (overlapping across it by half the smaller, apart along it), or
/// `None`.
fn step(a: Bounds, b: Bounds) -> Option<usize> {
    let overlap =
        |a0: f64, a1: f64, b0: f64, b1: f64| (a1.min(b1) - a0.max(b0)).max(0.0) / (a1 - a0).min(b1 - b0).max(1e-6);
    let (ox, oy) = (overlap(a.x0, a.x1, b.x0, b.x1), overlap(a.y0, a.y1, b.y0, b.y1));
    if oy >= 0.5 && ox <= 0.2 {
        Some(if b.x0 + b.x1 > a.x0 + a.x1 { 0 } else { 2 })
    } else if ox >= 0.5 && oy <= 0.2 {
        Some(if b.y0 + b.y1 > a.y0 + a.y1 { 1 } else { 3 })
    } else {
        None
    }
}

/// Turn a page's words whose text stands `quarters` clockwise quarter turns from upright
/// back upright: each box moved into the upright page's frame, margins kept (the page's
/// extent along each axis taken as its words' extent plus the margin before them).
fn turn_upright(page: &mut Page, quarters: u8) {
    if page.words.is_empty() || quarters % 4 == 0 {
        return;
    }
    let fold = |f: fn(&Word) -> f64, max: bool| {
        page.words.iter().map(f).fold(if max { f64::MIN } else { f64::MAX }, if max { f64::max } else { f64::min })
    };
    // Extents: the far edge plus the near margin, along x and along y.
    let ex = fold(|w| w.x1, true) + fold(|w| w.x0, false).max(0.0);
    let ey = fold(|w| w.y1, true) + fold(|w| w.y0, false).max(0.0);
    for w in &mut page.words {
        let Word { x0, y0, x1, y1, .. } = *w;
        (w.x0, w.y0, w.x1, w.y1) = match quarters % 4 {
            // Text running down: lines follow leftwards.
            1 => (y0, ex - x1, y1, ex - x0),
            // Upside down.
            2 => (ex - x1, ey - y1, ex - x0, ey - y0),
            // Text running up: lines follow rightwards.
            _ => (ey - y1, x0, ey - y0, x1),
        };
    }
    page.height = match quarters % 4 {
        2 => ey.max(page.height),
        _ => ex,
    };
}

// ---------------------------------------------------------------------------------------
// Lines and segments

/// Words of one visual line that belong together (one cell's text on that line).
#[derive(Clone, Debug)]
struct Seg {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    numeric: bool,
}

impl Seg {
    fn h(&self) -> f64 {
        (self.y1 - self.y0).max(1.0)
    }
    fn yc(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
    fn xc(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

#[derive(Clone, Debug)]
struct Line {
    segs: Vec<Seg>,
    /// Words joined with the spaces pdftotext saw between them (for prose).
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    tabular: bool,
}

impl Line {
    /// The line's font height: the median height of its segments (a taller digit or
    /// punctuation box does not make a line look bigger).
    fn h(&self) -> f64 {
        let mut hs: Vec<f64> = self.segs.iter().map(Seg::h).collect();
        median(&mut hs).max(1.0)
    }
}

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("valid regex"))
}

/// A table value: a number (full-width digits, separators, a unit) or a not-applicable mark.
fn is_value(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:[-−－]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|元|%|％)?|[/／\-—－–]{1,2}|—{3,4})$")
        .is_match(text)
}

/// A page number line: `-3-`, `— 3 —`, `第3页`, `3/6`.
fn is_page_number(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:[-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})$")
        .is_match(text)
}

/// A label that starts a table row: `一、`, `（三）`, `(3)`, `1.`, `2、`.
fn starts_item(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}\s*[.、．])").is_match(text)
}

/// A 第二十条第（X）项 caption of table 二.
fn is_caption(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.starts_with("第二十条")
}

/// A section heading (二、主动公开政府信息情况): never part of a table.
fn is_heading(text: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    re(&R, r"^[一二三四五六七八九十]+、.{3,}(?:情况|事项|问题)$").is_match(&t)
}

fn is_ascii_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Join text pieces of one cell: no space between CJK pieces, a space between ASCII words.
fn join_cell(a: &mut String, b: &str) {
    if let (Some(l), Some(r)) = (a.chars().last(), b.chars().next()) {
        if is_ascii_word_char(l) && is_ascii_word_char(r) {
            a.push(' ');
        }
    }
    a.push_str(b);
}

/// Group a page's words into visual lines, top to bottom, and each line into segments.
fn build_lines(page: &Page) -> Vec<Line> {
    let split: Vec<Word> = page.words.iter().flat_map(split_mixed_digits).collect();
    let mut words: Vec<&Word> = split.iter().collect();
    words.sort_by(|a, b| a.yc().total_cmp(&b.yc()).then(a.x0.total_cmp(&b.x0)));
    let mut groups: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        let joins = groups
            .last()
            .and_then(|g| g.first())
            .is_some_and(|first| (w.yc() - first.yc()).abs() <= 0.4 * w.h().min(first.h()));
        if joins {
            if let Some(g) = groups.last_mut() {
                g.push(w);
            }
        } else {
            groups.push(vec![w]);
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    for mut g in groups {
        g.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // Drop page numbers standing alone near the top or bottom edge, in one word or
        // several (`- 3 -`, `第 3 页 共 8 页` as a footer's field sets them apart).
        if g.len() <= 6 && g.iter().all(|w| w.in_margin_band(page.height)) {
            let text = g.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
            if is_page_number(&text) {
                continue;
            }
        }
        let mut segs: Vec<Seg> = Vec::new();
        let mut text = String::new();
        let mut big_gap = false;
        for w in &g {
            let numeric = is_value(&w.text);
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&w.text);
            if let Some(last) = segs.last_mut() {
                let gap = w.x0 - last.x1;
                let h = w.h().min(last.h());
                if gap >= 0.9 * h {
                    big_gap = true;
                }
                // A unit set a little apart from its figure (`75394432.52 元`) is part of it.
                let unit = last.numeric && !numeric && gap < 0.35 * h && is_value(&format!("{}{}", last.text, w.text));
                // A sign set in another font than its figure (`-` then a full-width `６`, two
                // words touching): one signed figure, not a mark of none beside a figure.
                let sign = matches!(last.text.as_str(), "-" | "－" | "+" | "＋")
                    && w.text.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
                    && gap < 0.12 * h;
                if (gap < 0.12 * h && !(numeric && last.numeric)) || unit || sign {
                    join_cell(&mut last.text, &w.text);
                    last.x1 = last.x1.max(w.x1);
                    last.y0 = last.y0.min(w.y0);
                    last.y1 = last.y1.max(w.y1);
                    last.numeric = is_value(&last.text);
                    continue;
                }
            }
            segs.push(Seg { text: w.text.clone(), x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, numeric });
        }
        // Figures, and 无 among them (n.a., as [`mark_na_words`] reads it in a table): the
        // rest of a row set lower by its font (`⽆ 1` under 结转下年度继续办理's line).
        let all_numeric = segs.iter().all(|s| s.numeric || s.text == "无") && segs.iter().any(|s| s.numeric);
        let tabular = (segs.len() >= 2 && big_gap) || all_numeric || is_caption(&text);
        let x0 = segs.iter().map(|s| s.x0).fold(f64::INFINITY, f64::min);
        let x1 = segs.iter().map(|s| s.x1).fold(f64::NEG_INFINITY, f64::max);
        let y0 = segs.iter().map(|s| s.y0).fold(f64::INFINITY, f64::min);
        let y1 = segs.iter().map(|s| s.y1).fold(f64::NEG_INFINITY, f64::max);
        if segs.is_empty() {
            continue;
        }
        lines.push(Line { segs, text, x0, y0, x1, y1, tabular });
    }
    lines
}

/// A lone 0, either width.
fn is_zero(t: &str) -> bool {
    t == "0" || t == "０"
}

/// A word of digits some full-width and some not (`１２1028`): two figures in cells side by
/// side that the converter ran into one word (no one writes one number in both widths).
/// Split where the width changes, each part given its share of the box (a full-width digit
/// about 1.6 times an ASCII one).
fn split_mixed_digits(w: &Word) -> Vec<Word> {
    let full = |c: char| ('０'..='９').contains(&c);
    if !digits_and(&w.text, &[]) || w.text.chars().all(full) || !w.text.chars().any(full) {
        return vec![w.clone()];
    }
    let weight = |c: char| if full(c) { 1.6 } else { 1.0 };
    let total: f64 = w.text.chars().map(weight).sum();
    let mut parts: Vec<Word> = Vec::new();
    let mut x = w.x0;
    for c in w.text.chars() {
        let dx = (w.x1 - w.x0) * weight(c) / total;
        match parts.last_mut() {
            Some(p) if p.text.chars().last().is_some_and(|l| full(l) == full(c)) => {
                p.text.push(c);
                p.x1 = x + dx;
            }
            _ => parts.push(Word { text: c.to_string(), x0: x, y0: w.y0, x1: x + dx, y1: w.y1 }),
        }
        x += dx;
    }
    parts
}

/// `next`, the next line of figure `seg` in its cell, appended to it (`172` and `9` make
/// `172\n9`, which reads 1729), and the join noted in `wrapped` (`172 / 9`).
fn append_line(seg: &mut Seg, next: &Seg, wrapped: &mut Vec<String>) {
    wrapped.push(format!("{} / {}", seg.text, next.text));
    seg.text.push('\n');
    seg.text.push_str(&next.text);
    seg.x0 = seg.x0.min(next.x0);
    seg.x1 = seg.x1.max(next.x1);
    seg.y1 = seg.y1.max(next.y1);
}

/// Figures of two lines in one cell, set in the middle of their row: a figure too wide
/// for its narrow cell, centred vertically, has its first line half a line above the row's
/// other figures and its second half a line below (`２１` over `２` beside them: 212). Each
/// line alone would make a row of one figure: the first a row above with the rest of the
/// row read blank, the second part of the row under the wrong column's figure. Two bare
/// figures (digits alone, the upper not a lone 0) are one when they stand one right under
/// the other in one column (as close as lines of one cell; the upper up to two characters
/// right of the lower, a first-line indent, when nothing stands right under it), nothing
/// else stands beside either of them, and other figures stand beside the middle between
/// them. `numbers`
/// sorted by their middles; `wrapped` gets each join (`21 / 2`).
fn join_stacked_figures(numbers: Vec<Seg>, wrapped: &mut Vec<String>) -> Vec<Seg> {
    let bare = |t: &str| digits_and(t, &[',', '.']);
    let beside = |y: f64, h: f64, not: &[&Seg]| {
        numbers.iter().any(|o| (o.yc() - y).abs() <= 0.25 * h && not.iter().all(|n| o.x1 <= n.x0 || o.x0 >= n.x1))
    };
    let mut joined_to: Vec<Option<usize>> = vec![None; numbers.len()];
    for (i, u) in numbers.iter().enumerate() {
        if !bare(&u.text) || is_zero(&u.text) || joined_to[i].is_some() {
            continue;
        }
        let h = u.h();
        // The line right under `u`, of its height, as close as lines of one cell.
        let next_line = |l: &Seg| l.y0 > u.y0 + 0.5 * h && l.y0 - u.y1 <= 0.5 * h && (l.h() - h).abs() <= 0.2 * h;
        // Chromium sets a wrapped figure's lines a third of a line apart (`５` over `８`).
        let aligned = |l: &Seg| {
            (l.xc() - u.xc()).abs() <= 0.35 * h || (l.x0 - u.x0).abs() <= 0.25 * h || (l.x1 - u.x1).abs() <= 0.25 * h
        };
        // A cell's paragraph with a first-line indent (Word's 首行缩进) starts its first line
        // up to two characters right of the next (`3` over `0`: 30); looked for only when
        // nothing stands aligned under `u`, and only wholly below it.
        let indented = |l: &Seg| u.x0 > l.x0 && u.x0 - l.x0 <= 2.2 * h && l.y0 >= u.y1 - 0.1 * h;
        let under_by = |fits: &dyn Fn(&Seg) -> bool| -> Vec<usize> {
            (i + 1..numbers.len()).filter(|&k| next_line(&numbers[k]) && fits(&numbers[k])).collect()
        };
        let mut under = under_by(&aligned);
        if under.is_empty() {
            under = under_by(&indented);
        }
        let [k] = under[..] else { continue };
        let l = &numbers[k];
        let middle = (u.yc() + l.yc()) / 2.0;
        if bare(&l.text) && !beside(u.yc(), h, &[u, l]) && !beside(l.yc(), h, &[u, l]) && beside(middle, h, &[u, l]) {
            joined_to[k] = Some(i);
        }
    }
    let mut out: Vec<Seg> = Vec::with_capacity(numbers.len());
    let mut at: Vec<usize> = vec![usize::MAX; numbers.len()];
    for (i, s) in numbers.into_iter().enumerate() {
        match joined_to[i] {
            Some(u) => append_line(&mut out[at[u]], &s, wrapped),
            None => {
                at[i] = out.len();
                out.push(s);
            }
        }
    }
    // Joined figures stand at their middles now.
    out.sort_by(|a, b| a.yc().total_cmp(&b.yc()));
    out
}

/// Join the characters of a cell (a column's name or a row's label) set out over its
/// width (分散对齐, justified on both sides): a run of three or more one-character pieces,
/// apart (farther than pieces of one word) at one pitch, over at most one of the value
/// columns `centers` and closer together than they are, is one piece.
/// Two such cells side by side (`本  年  新 本  年  新` over 本年新制作数量 and 本年新公开数量)
/// stay two: the gap between them is not the pitch of either. Read piece by piece, the
/// last character of one cell was nearer the next cell's centre and went to its header.
/// Column names too narrow for their words, wrapped one character a line (`自  商  科` over
/// 自然人, 商业企业, 科研机构), are over several value columns and stay apart.
fn join_spread_out(segs: &mut Vec<Seg>, centers: &[f64]) {
    // The value columns' pitch: characters at it are one a column, not one cell's.
    let column_pitch = narrowest_pitch(centers);
    if !column_pitch.is_finite() {
        return;
    }
    join_runs(segs, |run| {
        let (x0, x1) = (run[0].x0, run[run.len() - 1].x1);
        let pitch = run[1].x0 - run[0].x0;
        let over = centers.iter().filter(|&&c| c >= x0 && c <= x1).count();
        over <= 1 && pitch < 0.75 * column_pitch
    });
}

/// Join a group heading set out over its cell (`申   请   人   情   况` over all seven
/// columns of table 三, `法  人  或  其  他  组  织` over five) in a table's header
/// lines: a run of three or more one-character pieces at one pitch some of whose
/// characters stand over nothing of the other header lines. Characters one per column
/// (`自  商  科`, names wrapped one character a line) each stand over or under the
/// rest of their column's name, and stay apart; so do characters at the pitch of the
/// value columns `centers` (one-character column names, one over each column).
/// Read piece by piece, the heading's characters were taken for columns of their own.
/// This needs no value columns: a table whose figures stand in one column only (the
/// others blank) has its columns from the header alone.
fn join_group_headings(header: &mut [Line], centers: &[f64]) {
    // The value columns' pitch (none with fewer than two).
    let column_pitch = narrowest_pitch(centers);
    for li in 0..header.len() {
        let (above, rest) = header.split_at_mut(li);
        let (line, below) = rest.split_first_mut().expect("li < header.len()");
        let near = |c: &Seg| (0.25 * c.h()).max(2.0);
        let stands_over_text = |c: &Seg| {
            above.iter().chain(below.iter()).any(|l| l.segs.iter().any(|t| (t.xc() - c.xc()).abs() <= near(c)))
        };
        let names_columns = |run: &[Seg]| {
            let pitch = run[1].xc() - run[0].xc();
            column_pitch.is_finite() && (pitch - column_pitch).abs() <= 0.12 * column_pitch
        };
        join_runs(&mut line.segs, |run| !run.iter().all(stands_over_text) && !names_columns(run));
    }
}

/// Join each run of three or more one-character pieces (not figures, not ASCII) set
/// apart (farther than pieces of one word, at most five font heights) at one pitch (gaps
/// equal within 8% or a point) that `accept` takes, into one piece.
fn join_runs(segs: &mut Vec<Seg>, accept: impl Fn(&[Seg]) -> bool) {
    let single = |s: &Seg| !s.numeric && s.text.chars().count() == 1 && !s.text.is_ascii();
    let mut out: Vec<Seg> = Vec::with_capacity(segs.len());
    let mut i = 0;
    while i < segs.len() {
        let mut end = i + 1;
        if single(&segs[i]) {
            let h = segs[i].h();
            let gap = |k: usize| segs[k + 1].x0 - segs[k].x1;
            let first = if i + 1 < segs.len() && single(&segs[i + 1]) { gap(i) } else { 0.0 };
            if first >= 0.12 * h && first <= 5.0 * h {
                end = i + 2;
                while end < segs.len() && single(&segs[end]) && (gap(end - 1) - first).abs() <= (0.08 * first).max(1.0)
                {
                    end += 1;
                }
                if end - i < 3 || !accept(&segs[i..end]) {
                    end = i + 1;
                }
            }
        }
        let mut seg = segs[i].clone();
        for s in &segs[i + 1..end] {
            join_cell(&mut seg.text, &s.text);
            seg.x1 = seg.x1.max(s.x1);
            seg.y0 = seg.y0.min(s.y0);
            seg.y1 = seg.y1.max(s.y1);
        }
        out.push(seg);
        i = end;
    }
    *segs = out;
}

/// Join a unit standing alone in a figure's cell to the figure: set out over its cell
/// (分散对齐), `75394432.52` stands at the cell's left edge and its `元` at the right, too
/// far apart to be one word, and the 元 would be read as a second label of the row. The
/// unit joins the figure just left of it when no value column (`centers`) is nearer to it
/// than the figure's own.
fn join_units_in_cell(segs: &mut Vec<Seg>, centers: &[f64]) {
    let column = |x: f64| (0..centers.len()).min_by(|&a, &b| (x - centers[a]).abs().total_cmp(&(x - centers[b]).abs()));
    let mut k = 1;
    while k < segs.len() {
        let unit = matches!(segs[k].text.as_str(), "元" | "万元" | "%" | "％");
        let prev = &segs[k - 1];
        if unit && prev.numeric && column(segs[k].xc()).is_some() && column(segs[k].xc()) == column(prev.xc()) {
            let joined = format!("{}{}", prev.text, segs[k].text);
            if is_value(&joined) {
                // The figure keeps its box: its column is found by where it stands.
                segs.remove(k);
                segs[k - 1].text = joined;
                continue;
            }
        }
        k += 1;
    }
}

// ---------------------------------------------------------------------------------------
// Document assembly

/// A table row while the document is built: label cells (with their left edge, so that a
/// fragment from the next page can find its cell) and value cells.
#[derive(Clone, Debug, Default)]
struct RowBuild {
    labels: Vec<(f64, String)>,
    values: Vec<String>,
}

enum Piece {
    Paragraph(String),
    Table(Vec<RowBuild>),
}

/// A paragraph being collected across lines (and pages).
struct ParaState {
    text: String,
    last_x1: f64,
    last_y1: f64,
    last_h: f64,
    big: bool,
}

fn build_document(pages: Vec<Page>) -> Document {
    let before = pages.len();
    let mut pages: Vec<Page> = pages.into_iter().flat_map(split_two_up).collect();
    let sheets_of_two = pages.len() - before;
    drop_bare_page_numbers(&mut pages);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut para: Option<ParaState> = None;
    // Body font height: the median height weighted by characters (prose outweighs tables).
    let mut heights: Vec<(f64, usize)> =
        pages.iter().flat_map(|p| p.words.iter().map(|w| (w.h(), w.text.chars().count()))).collect();
    heights.sort_by(|a, b| a.0.total_cmp(&b.0));
    let total: usize = heights.iter().map(|h| h.1).sum();
    let mut acc = 0;
    let body_h = heights
        .iter()
        .find(|h| {
            acc += h.1;
            acc * 2 >= total
        })
        .map_or(12.0, |h| h.0);

    let mut carry: Option<Layout> = None;
    // Figures wrapped onto a second line of their cells, joined back (for a warning).
    let mut wrapped: Vec<String> = Vec::new();
    // Cells of a row a page break cut that opened the next page, put back (for a warning).
    let mut moved: Vec<String> = Vec::new();
    // Labels a page break cut from their figures, joined back (for a warning).
    let mut joined_labels: Vec<String> = Vec::new();
    // Ends of labels a page break carried to the next page, joined back (for a warning).
    let mut page_cut_labels: Vec<String> = Vec::new();
    let mut page_lines: Vec<Vec<Line>> = pages.iter().map(build_lines).collect();
    drop_running_lines(&pages, &mut page_lines);
    for lines in page_lines {
        if lines.is_empty() {
            continue;
        }
        let left = lines.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        let right = lines.iter().map(|l| l.x1).fold(f64::NEG_INFINITY, f64::max);
        let text_width = (right - left).max(1.0);
        let prose = |l: &Line| !l.tabular && (is_heading(&l.text) || l.x1 - l.x0 >= 0.6 * text_width);
        let regions = find_regions(&lines, &prose);
        let mut i = 0;
        let mut first_on_page = true;
        // Label lines opening the page, left of the value columns of the table the page
        // before ended with, then a heading (or nothing): the end of that table's last row
        // label, cut by the page break (`行政事业性收` / `费`, then 三、收到和处理…).
        if let (Some(Piece::Table(prev)), Some(zone)) =
            (pieces.last_mut(), carry.as_ref().and_then(|l| l.centers.first().copied()))
        {
            let k = lines
                .iter()
                .take_while(|l| {
                    !l.tabular
                        && !is_heading(&l.text)
                        && !is_caption(&l.text)
                        && !is_page_number(l.text.trim())
                        && l.segs.iter().all(|s| !s.numeric)
                        && l.x1 < zone
                })
                .count();
            let heading_next = lines.get(k).is_none_or(|l| is_heading(&l.text));
            let row = prev.iter_mut().rev().find(|r| !r.values.is_empty());
            if let (true, true, Some(row)) = (k > 0, heading_next && regions.first().is_none_or(|r| r.0 >= k), row) {
                page_cut_labels.push(end_label(row, lines[..k].iter().map(|l| (l.x0, l.text.as_str()))));
                i = k;
            }
        }
        for (start, end) in regions.iter().copied().chain(std::iter::once((lines.len(), lines.len()))) {
            // Prose before the region.
            while i < start {
                let l = &lines[i];
                add_prose_line(&mut pieces, &mut para, l, left, right, body_h);
                first_on_page = false;
                i += 1;
            }
            if start >= lines.len() {
                break;
            }
            if let Some(p) = para.take() {
                pieces.push(Piece::Paragraph(p.text));
            }
            let continues = first_on_page;
            // Columns carry over only to a region that directly continues a table.
            if !(continues && matches!(pieces.last(), Some(Piece::Table(_)))) {
                carry = None;
            }
            // The figures of the table's last row so far, when the region may continue it.
            let last_values = match pieces.last() {
                Some(Piece::Table(prev)) if continues => prev.last().map(|r| r.values.clone()),
                _ => None,
            };
            let (mut rows, orphans, continued) =
                build_region(&lines[start..end], continues, &mut carry, last_values.as_deref(), &mut wrapped);
            if let (false, Some(Piece::Table(prev))) = (continued.is_empty(), pieces.last_mut()) {
                if let Some(row) = prev.last_mut() {
                    for (j, t) in continued {
                        match row.values.get_mut(j) {
                            Some(v) if v.is_empty() => {
                                let label = row.labels.iter().map(|(_, l)| l.as_str()).collect::<String>();
                                moved.push(format!("{label} {t}"));
                                *v = t;
                            }
                            Some(v) => {
                                wrapped.push(format!("{v} / {t} (over a page break)"));
                                v.push('\n');
                                v.push_str(&t);
                            }
                            None => {}
                        }
                    }
                }
            }
            if !orphans.is_empty() {
                let row = match pieces.last_mut() {
                    Some(Piece::Table(prev)) => prev.iter_mut().rev().find(|r| !r.values.is_empty()),
                    _ => None,
                };
                match row {
                    Some(row) => page_cut_labels.push(end_label(row, orphans.iter().map(|(x, t)| (*x, t.as_str())))),
                    // No row to end: the lines stay in the text, as a paragraph.
                    None => pieces
                        .push(Piece::Paragraph(orphans.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join("\n"))),
                }
            }
            if continues {
                if let (Some(Piece::Table(prev)), Some(first)) = (pieces.last_mut(), rows.first()) {
                    if let Some(last) = prev.last_mut().filter(|last| label_cut_from_figures(last, first)) {
                        let first = rows.remove(0);
                        let label = last.labels.last().map(|(_, t)| t.clone()).unwrap_or_default();
                        for (x, t) in &first.labels {
                            attach_label(last, *x, t);
                        }
                        joined_labels
                            .push(format!("{label} / {}", first.labels.last().map_or("", |(_, t)| t.as_str())));
                        last.values = first.values;
                    }
                }
            }
            if !rows.is_empty() {
                pieces.push(Piece::Table(rows));
            }
            first_on_page = false;
            i = end;
        }
    }
    if let Some(p) = para.take() {
        pieces.push(Piece::Paragraph(p.text));
    }
    let mut doc = Document::default();
    if sheets_of_two > 0 {
        doc.warnings.push(format!(
            "{sheets_of_two} sheet(s) held two pages side by side (printed two to a sheet) and were read as two pages each"
        ));
    }
    if !wrapped.is_empty() {
        doc.warnings.push(format!(
            "{} figure(s) too wide for their table cells went on in the cell's next line and were read whole: {}",
            wrapped.len(),
            wrapped.join(", ")
        ));
    }
    if !joined_labels.is_empty() {
        doc.warnings.push(format!(
            "{} row label(s) cut by a page break before their figures were joined to the rest of the label and the figures on the next page: {}",
            joined_labels.len(),
            joined_labels.join(", ")
        ));
    }
    if !page_cut_labels.is_empty() {
        doc.warnings.push(format!(
            "{} line(s) opening a page, left of the value columns of the table the page before ended with and above any figure, read as the end of that table's last row label: {}",
            page_cut_labels.len(),
            page_cut_labels.join(", ")
        ));
    }
    if !moved.is_empty() {
        doc.warnings.push(format!(
            "{} cell(s) of table rows cut by a page break were printed at the top of the next page and read into their rows' empty cells: {}",
            moved.len(),
            moved.join(", ")
        ));
    }
    for piece in pieces {
        match piece {
            Piece::Paragraph(t) => {
                let t = t.trim();
                if !t.is_empty() {
                    doc.blocks.push(Block::Paragraph(t.to_string()));
                }
            }
            Piece::Table(rows) => {
                let rows: Vec<Vec<Cell>> = rows
                    .into_iter()
                    .map(|r| {
                        r.labels
                            .into_iter()
                            .map(|(_, t)| Cell::own(t))
                            .chain(r.values.into_iter().map(Cell::own))
                            .collect::<Vec<Cell>>()
                    })
                    .filter(|r| !r.is_empty())
                    .collect();
                if !rows.is_empty() {
                    doc.blocks.push(Block::Table(Table { rows }));
                }
            }
        }
    }
    doc
}

/// Drop page numbers printed as a bare figure (`3`, a footer's PAGE field and nothing
/// else): a word of one to three digits alone on its line in the top or bottom band of its
/// page ([`Word::in_margin_band`]), whose figures run with the pages
/// ([`super::page_numbering`]: on two pages or more and two thirds of them at least).
/// Under a table's value columns at a page's foot, such a figure was read as a cell of the
/// row the page break cut.
fn drop_bare_page_numbers(pages: &mut [Page]) {
    // Per page, the one such word (its index) and its figure minus the page's place.
    let mut found: Vec<Option<(usize, i64)>> = Vec::with_capacity(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let mut candidates = page.words.iter().enumerate().filter(|(_, w)| {
            let digits = !w.text.is_empty() && w.text.len() <= 3 && w.text.bytes().all(|b| b.is_ascii_digit());
            digits
                && w.in_margin_band(page.height)
                && !page.words.iter().any(|o| !std::ptr::eq(o, *w) && (o.yc() - w.yc()).abs() < 0.5 * w.h().max(o.h()))
        });
        let one = match (candidates.next(), candidates.next()) {
            (Some((k, w)), None) => w.text.parse::<i64>().ok().map(|n| (k, n - i as i64)),
            _ => None,
        };
        found.push(one);
    }
    let with_words = pages.iter().filter(|p| !p.words.is_empty()).count();
    let Some(offset) = super::page_numbering(found.iter().flatten().map(|&(_, o)| o), with_words) else {
        return;
    };
    for (page, one) in pages.iter_mut().zip(found) {
        if let Some((k, _)) = one.filter(|&(_, o)| o == offset) {
            page.words.remove(k);
        }
    }
}

/// A sheet that holds two pages side by side (a PDF printed two pages to a sheet), split into
/// its two pages; any other page as it is. A sheet is taken for two pages only when all of
/// these hold: its text reaches further right than the page is high (a landscape sheet); an
/// empty band at least 6% of its width, which no word crosses, runs down its whole height within the middle sixth (the sheet's width taken as
/// its text's right edge plus its left margin); each side holds five words or more (the last
/// page may be short), text down at least a third of the height, and Chinese in a third of
/// its characters or more. A gap between a landscape table's columns is narrower than that
/// band, and a side of figures fails the last test.
fn split_two_up(page: Page) -> Vec<Page> {
    let Some(at) = two_up_fold(&page) else { return vec![page] };
    let (left, right): (Vec<Word>, Vec<Word>) = page.words.into_iter().partition(|w| w.x1 <= at);
    let right = right.into_iter().map(|w| Word { x0: w.x0 - at, x1: w.x1 - at, ..w }).collect();
    vec![Page { height: page.height, words: left }, Page { height: page.height, words: right }]
}

/// Where [`split_two_up`] folds a sheet, if it does.
fn two_up_fold(page: &Page) -> Option<f64> {
    let words = &page.words;
    if words.len() < 20 {
        return None;
    }
    let x0 = words.iter().map(|w| w.x0).fold(f64::INFINITY, f64::min);
    let x1 = words.iter().map(|w| w.x1).fold(f64::NEG_INFINITY, f64::max);
    if x1 <= page.height {
        return None;
    }
    let width = x1 + x0.max(0.0);
    let (lo, hi) = (width * (0.5 - 1.0 / 12.0), width * (0.5 + 1.0 / 12.0));
    // Empty bands: the spans of x no word covers, between lo and hi.
    let mut spans: Vec<(f64, f64)> = words.iter().map(|w| (w.x0, w.x1)).filter(|s| s.1 > lo && s.0 < hi).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f64, f64)> = None;
    let mut reach = lo;
    for (a, b) in spans.iter().copied().chain(std::iter::once((hi, hi))) {
        if a > reach && best.is_none_or(|(p, q)| a - reach > q - p) {
            best = Some((reach, a.min(hi)));
        }
        reach = reach.max(b);
    }
    let (gap0, gap1) = best?;
    // The fold's band is the two pages' inner margins together (7–10% of the sheet in two-up
    // prints), where a gap between a landscape table's columns is narrower (3–4%).
    if gap1 - gap0 < 0.06 * width {
        return None;
    }
    let at = (gap0 + gap1) / 2.0;
    let side = |left: bool| words.iter().filter(move |w| (w.x1 <= at) == left);
    for left in [true, false] {
        let n = side(left).count();
        let top = side(left).map(|w| w.y0).fold(f64::INFINITY, f64::min);
        let bottom = side(left).map(|w| w.y1).fold(f64::NEG_INFINITY, f64::max);
        let chars: usize = side(left).map(|w| w.text.chars().count()).sum();
        let cjk: usize =
            side(left).map(|w| w.text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count()).sum();
        if n < 5 || bottom - top < page.height / 3.0 || cjk * 3 < chars {
            return None;
        }
    }
    Some(at)
}

/// Drop running heads and feet: a line in the top or bottom margin whose text (digits
/// aside, so page numbers match) comes back in the margin of another page; never a row
/// of numbers. Left in, it
/// would end the table a page break cuts, or become a row of it.
fn drop_running_lines(pages: &[Page], lines: &mut [Vec<Line>]) {
    if lines.len() < 2 {
        return;
    }
    let key = |l: &Line| -> String {
        l.text.chars().filter(|c| !c.is_whitespace()).map(|c| if c.is_ascii_digit() { '#' } else { c }).collect()
    };
    let edge = |p: &Page, l: &Line| {
        !l.tabular && (l.y1 < p.height * 0.09 || l.y0 > p.height * 0.91) && l.text.chars().any(char::is_alphabetic)
    };
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (p, ls) in pages.iter().zip(lines.iter()) {
        let mut seen = std::collections::HashSet::new();
        for l in ls.iter().filter(|l| edge(p, l)) {
            let k = key(l);
            if seen.insert(k.clone()) {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    for (p, ls) in pages.iter().zip(lines.iter_mut()) {
        ls.retain(|l| !(edge(p, l) && counts.get(&key(l)).is_some_and(|&c| c >= 2)));
    }
}

/// Append a label fragment to the label cell of `row` it continues (the one starting at or
/// left of `x`), or add it as a new label cell.
fn attach_label(row: &mut RowBuild, x: f64, text: &str) {
    let target = row.labels.iter_mut().filter(|(lx, _)| *lx <= x + 4.0).max_by(|a, b| a.0.total_cmp(&b.0));
    match target {
        Some((_, t)) => join_cell(t, text),
        None => {
            row.labels.push((x, text.to_string()));
            row.labels.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
    }
}

/// End `row`'s label with `pieces` (each with its left edge), text a page break carried to
/// the next page; returns `label / pieces` for the note that says so.
fn end_label<'a>(row: &mut RowBuild, pieces: impl Iterator<Item = (f64, &'a str)> + Clone) -> String {
    let label = row.labels.iter().map(|(_, l)| l.as_str()).collect::<String>();
    let rest = pieces.clone().map(|(_, t)| t).collect::<Vec<_>>().join(" ");
    for (x, t) in pieces {
        attach_label(row, x, t);
    }
    format!("{label} / {rest}")
}

/// Is `last`, a table's last row on a page, the start of a row whose label a page break
/// cut before its figures, and `first`, the next page's first row, the rest of it
/// (`（二）部分公开（区分处理` with no figure, then `的，只计这一情形…` beside the row's
/// figures)? `last` starts an item (`1.`, `（二）`) and has no figure; `first` has figures
/// in as many columns, and its label, the one nearest its figures, starts no item of its
/// own. A row of blanks at a page's foot followed by the next item stays as it is.
fn label_cut_from_figures(last: &RowBuild, first: &RowBuild) -> bool {
    last.values.iter().all(String::is_empty)
        && last.labels.last().is_some_and(|(_, t)| starts_item(t))
        && first.values.len() == last.values.len()
        && first.values.iter().any(|v| !v.is_empty())
        && first.labels.last().is_some_and(|(_, t)| !starts_item(t) && !is_heading(t))
}

/// Add one prose line, joining it to the paragraph it continues.
fn add_prose_line(pieces: &mut Vec<Piece>, para: &mut Option<ParaState>, l: &Line, left: f64, right: f64, body_h: f64) {
    let h = l.h();
    let smallest = l.segs.iter().map(Seg::h).fold(f64::INFINITY, f64::min);
    // A title line: larger than the body text and centred (淮安市人民政府 / 2024 年…报告),
    // leaving room on both sides. A paragraph's first line, indented by two characters and
    // running to the right edge, is no title, however near the middle its own middle falls
    // (in a report whose tables outweigh its prose, the body's size is larger than the
    // tables' that set `body_h`).
    let centred =
        ((l.x0 + l.x1) / 2.0 - (left + right) / 2.0).abs() < 1.5 * h && l.x0 > left + 2.0 * h && l.x1 < right - h;
    let big = smallest >= body_h * 1.15 && centred;
    let indented = l.x0 > left + 1.5 * h;
    let continues = match para.as_ref() {
        Some(p) => {
            if p.big || big {
                // Title lines: consecutive large centred lines form one paragraph.
                p.big && big && l.y0 - p.last_y1 < 2.0 * h
            } else {
                // A line set in a size half as large again, or smaller by as much, starts a
                // paragraph (a page's title, left aligned and as wide as the text, above
                // 发布日期 in the body's size). Boxes of one size differ less: a CJK font's
                // are taller than a Latin one's (`件。` wrapped under `…1251`).
                let same_size = h.max(p.last_h) < 1.5 * h.min(p.last_h);
                same_size
                    && !indented
                    && p.last_x1 >= right - 2.0 * p.last_h
                    && (l.y0 - p.last_y1 < 1.5 * h || l.y0 < p.last_y1)
            }
        }
        None => false,
    };
    if continues {
        if let Some(p) = para.as_mut() {
            join_cell(&mut p.text, &l.text);
            p.last_x1 = l.x1;
            p.last_y1 = l.y1;
            p.last_h = h;
        }
    } else {
        if let Some(p) = para.take() {
            pieces.push(Piece::Paragraph(p.text));
        }
        *para = Some(ParaState { text: l.text.clone(), last_x1: l.x1, last_y1: l.y1, last_h: h, big });
    }
}

/// Table regions of a page as line index ranges `[start, end)`.
fn find_regions(lines: &[Line], prose: &dyn Fn(&Line) -> bool) -> Vec<(usize, usize)> {
    let mut regions: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].tabular {
            i += 1;
            continue;
        }
        // Absorb short label-like lines just above.
        let floor = regions.last().map_or(0, |r| r.1);
        let mut start = i;
        while start > floor {
            let prev = &lines[start - 1];
            let gap = lines[start].y0 - prev.y1;
            if prose(prev) || gap > 3.0 * prev.h() {
                break;
            }
            start -= 1;
        }
        // Extend over tabular lines and the fragments between them.
        let mut last_tab = i;
        let mut figures: Vec<(f64, f64)> = figure_spans(&lines[i]).collect();
        let mut j = i + 1;
        while j < lines.len() {
            let l = &lines[j];
            if prose(l) {
                break;
            }
            if l.tabular || row_in_columns(l, &figures) {
                last_tab = j;
                figures.extend(figure_spans(l));
            } else if l.y0 - lines[j - 1].y1 > 3.0 * l.h() {
                break;
            }
            j += 1;
        }
        // Trailing fragments right after the last tabular line (a wrapped last label).
        let value_left = lines[start..=last_tab]
            .iter()
            .flat_map(|l| l.segs.iter().filter(|s| s.numeric).map(|s| s.x0))
            .fold(f64::INFINITY, f64::min);
        let mut end = last_tab + 1;
        while end < lines.len() {
            let l = &lines[end];
            let gap = l.y0 - lines[end - 1].y1;
            if l.tabular || prose(l) || gap > 1.2 * l.h() || l.x1 > value_left {
                break;
            }
            end += 1;
        }
        regions.push((start, end));
        i = end;
    }
    regions
}

/// The x-ranges of a line's figures.
fn figure_spans(l: &Line) -> impl Iterator<Item = (f64, f64)> + '_ {
    l.segs.iter().filter(|s| s.numeric).map(|s| (s.x0, s.x1))
}

/// A line that is a table row though no wide gap sets its figures apart: a label, and
/// figures each standing in a column of the figures of the region's tabular lines so far
/// (`figures`), left of none of them. In a narrow table a label ends closer to its figure
/// than a wide gap (`2．重` 12 points before `3`, in a font 14 high), and such a row
/// after the region's last tabular line ended the region: the rows below it were read as
/// prose.
fn row_in_columns(l: &Line, figures: &[(f64, f64)]) -> bool {
    let left = figures.iter().map(|f| f.0).fold(f64::INFINITY, f64::min);
    l.segs.iter().any(|s| !s.numeric)
        && l.segs.iter().any(|s| s.numeric)
        && l.segs.iter().all(
            |s| {
                if s.numeric {
                    figures.iter().any(|f| s.x0 < f.1 && s.x1 > f.0)
                } else {
                    s.x1 <= left
                }
            },
        )
}

/// How far, in points, a label may reach into figures' height and not stand beside them: a
/// CJK font's box reaches that far into a Latin one's on the same line or the next.
const BESIDE_OVERLAP: f64 = 1.0;

/// A row of numbers in a band: its vertical extent and its value segments, left to right.
struct Anchor {
    y0: f64,
    y1: f64,
    values: Vec<Seg>,
}

impl Anchor {
    fn yc(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

fn overlaps(a0: f64, a1: f64, b0: f64, b1: f64) -> bool {
    let ov = a1.min(b1) - a0.max(b0);
    ov > 0.5 * (a1 - a0).min(b1 - b0).max(0.1)
}

/// Label fragments above a table region's first row, which belong to the previous
/// table's last row: (x, text).
type Orphans = Vec<(f64, String)>;

/// Ends of figures of the previous table's last row that open a page: (column, text).
type Continued = Vec<(usize, String)>;

/// Turn the lines of one table region into rows. `continues` is true when the region opens
/// its page, so that a label fragment above the first row belongs to the previous table;
/// such fragments are returned separately, and so are the ends of figures of the previous
/// table's last row (`last_values`) that a page break carried over, by column.
fn build_region(
    lines: &[Line],
    continues: bool,
    carry: &mut Option<Layout>,
    last_values: Option<&[String]>,
    wrapped: &mut Vec<String>,
) -> (Vec<RowBuild>, Orphans, Continued) {
    // Split into bands: a caption, or header text over the value columns after some value
    // rows, starts a new band. 无 in the value columns is a value there, as in
    // [`mark_na_words`]: a line of it alone (set lower than its row by its font) is its
    // row's, not a header.
    let mut bands: Vec<&[Line]> = Vec::new();
    let mut band_start = 0;
    let mut value_left = f64::INFINITY;
    let mut seen_values = false;
    for (k, l) in lines.iter().enumerate() {
        let has_values = l.segs.iter().any(|s| s.numeric || na_in_value_columns(s, value_left));
        if !has_values && seen_values {
            let header_like = is_caption(&l.text) || l.segs.iter().any(|s| s.xc() > value_left);
            if header_like {
                bands.push(&lines[band_start..k]);
                band_start = k;
                seen_values = false;
                value_left = f64::INFINITY;
            }
        }
        if has_values {
            seen_values = true;
            value_left = l.segs.iter().filter(|s| s.numeric).map(|s| s.x0).fold(value_left, f64::min);
        }
    }
    bands.push(&lines[band_start..]);

    let mut rows = Vec::new();
    let mut orphans = Vec::new();
    let mut continued = Vec::new();
    for (bi, band) in bands.into_iter().enumerate() {
        let first = continues && bi == 0;
        let before = if first { carry.as_ref().zip(last_values) } else { None };
        // Whether cells set their text at the top holds for the table's later blocks.
        let set_at_top = carry.as_ref().and_then(|l| l.set_at_top);
        let (mut r, o, layout, c) = build_band(band, first, before, wrapped);
        *carry = layout.map(|l| Layout { set_at_top: l.set_at_top.or(set_at_top), ..l });
        rows.append(&mut r);
        orphans.extend(o);
        continued.extend(c);
    }
    (rows, orphans, continued)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        0.0
    } else {
        v[v.len() / 2]
    }
}

/// Assign `xs` (increasing) to columns `centers` (increasing), keeping order, minimising
/// the total distance. Returns the column index of each x.
fn assign_columns(xs: &[f64], centers: &[f64]) -> Vec<usize> {
    let (k, n) = (xs.len(), centers.len());
    if k == 0 || n == 0 || k > n {
        return (0..k).collect();
    }
    // cost[i][j]: best cost placing xs[..=i] with xs[i] in column j.
    let inf = f64::INFINITY;
    let mut cost = vec![vec![inf; n]; k];
    let mut from = vec![vec![0usize; n]; k];
    for j in 0..n {
        cost[0][j] = (xs[0] - centers[j]).abs();
    }
    for i in 1..k {
        let mut best = inf;
        let mut best_j = 0;
        for j in 1..n {
            if cost[i - 1][j - 1] < best {
                best = cost[i - 1][j - 1];
                best_j = j - 1;
            }
            if best < inf {
                cost[i][j] = best + (xs[i] - centers[j]).abs();
                from[i][j] = best_j;
            }
        }
    }
    let mut j = (0..n).min_by(|&a, &b| cost[k - 1][a].total_cmp(&cost[k - 1][b])).unwrap_or(0);
    let mut out = vec![0; k];
    for i in (0..k).rev() {
        out[i] = j;
        j = from[i][j];
    }
    out
}

/// The value columns of a table band, kept so that the rows a page break carries to the
/// next page (without a repeated header) get the same columns.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    /// Column centres, left to right, where value cells of each column sit.
    centers: Vec<f64>,
    /// Taken from a header with no rows under it (they are on the next page).
    header_only: bool,
    /// Whether the table's cells set their text at the top ([`labels_set_at_top`]); None
    /// when no label told.
    set_at_top: Option<bool>,
}

/// Leaf column x-ranges from header segments. Pieces are taken narrowest first: a piece
/// over no known column starts one, a piece over one column (and not much wider) joins
/// it, a piece over two or more columns, or much wider than the one column below it, is
/// a group heading (法人或其他组织, 行政复议) and says nothing about columns. A leading
/// range much wider than the others is the row-label header, not a value column, unless
/// figures stand under it (`num`, the figures' column centres): beside names wrapped a
/// character a line (`商业企` over `业`), whose last lines make the narrow ranges, a
/// column name on one line (自然人) is wide too.
fn header_columns(segs: &[&Seg], num: &[f64]) -> Vec<(f64, f64)> {
    let mut order: Vec<&Seg> = segs.to_vec();
    order.sort_by(|a, b| (a.x1 - a.x0).total_cmp(&(b.x1 - b.x0)));
    let mut cols: Vec<(f64, f64)> = Vec::new();
    for s in order {
        let w = (s.x1 - s.x0).max(1.0);
        let hits: Vec<usize> = (0..cols.len())
            .filter(|&i| {
                let (c0, c1) = cols[i];
                s.x1.min(c1) - s.x0.max(c0) > 0.3 * w.min(c1 - c0).max(1.0)
            })
            .collect();
        match hits.as_slice() {
            [] => cols.push((s.x0, s.x1)),
            [i] => {
                // A piece that also reaches into another column (a group heading over two
                // columns, 法人或其他组织 over 商业企业 and the edge of 科研机构) widens none.
                let touches_another =
                    (0..cols.len()).any(|j| j != *i && s.x1.min(cols[j].1) - s.x0.max(cols[j].0) > 1.0);
                let c = &mut cols[*i];
                if w <= 1.8 * (c.1 - c.0).max(1.0) && !touches_another {
                    c.0 = c.0.min(s.x0);
                    c.1 = c.1.max(s.x1);
                }
            }
            _ => {}
        }
    }
    cols.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut widths: Vec<f64> = cols.iter().map(|c| c.1 - c.0).collect();
    let typical = median(&mut widths);
    while cols.len() > 2
        && cols[0].1 - cols[0].0 > 2.5 * typical
        && !num.iter().any(|x| (cols[0].0..=cols[0].1).contains(x))
    {
        cols.remove(0);
    }
    cols
}

/// Fit the value columns found from numbers (`num`, centres) into a richer column set
/// (`cols`, centres from a header or carried from the previous page). Every number column
/// must match its own candidate column, all shifted by about the same offset (numbers
/// may be aligned left while header words are centred). Returns the candidate columns
/// with the numbers' own centres where they matched, or None when they do not fit.
fn fit_columns(num: &[f64], cols: &[f64]) -> Option<Vec<f64>> {
    fit_columns_checked(num, cols, true)
}

/// [`fit_columns`], with or without its check that blank columns have room between
/// figures (`room_for_blanks`). Without it for the columns of a table a page break cut
/// whose previous page's figures stood in them ([`build_band`]): columns, not candidates,
/// so blank columns between two figures need no room of their own beyond their places.
/// (Table 三's narrow kinds, 科研机构 to 其他, blank on the next page, stand closer together
/// than 自然人 and 商业企业: `1 1` under 自然人 and 总计 did not fit, and the page's rows were
/// read in three columns.) The columns of a header alone, with no figure under it on its
/// page, are still candidates (a name's characters set out over its cell, each taken for
/// one).
fn fit_columns_checked(num: &[f64], cols: &[f64], room_for_blanks: bool) -> Option<Vec<f64>> {
    if cols.len() <= num.len() {
        return None;
    }
    let pitch = narrowest_pitch(cols);
    if pitch.is_nan() || pitch <= 0.0 {
        return None;
    }
    if num.is_empty() {
        return Some(cols.to_vec());
    }
    let idx = assign_columns(num, cols);
    let mut offsets: Vec<f64> = num.iter().zip(&idx).map(|(x, &j)| x - cols[j]).collect();
    let offset = median(&mut offsets);
    if num.iter().zip(&idx).any(|(x, &j)| (x - cols[j] - offset).abs() > 0.35 * pitch) {
        return None;
    }
    // Blank columns between two number columns widen the gap between them: k of them
    // need room for k more columns. Without it, the candidates are not columns (the
    // characters of names set out over their cells, each taken for a column) and the
    // numbers' own columns stand.
    let plain = num.windows(2).zip(idx.windows(2)).filter(|(_, j)| j[1] == j[0] + 1).map(|(x, _)| x[1] - x[0]);
    let narrowest = plain.fold(f64::INFINITY, f64::min);
    if room_for_blanks
        && narrowest.is_finite()
        && num.windows(2).zip(idx.windows(2)).any(|(x, j)| {
            let blank = (j[1] - j[0] - 1) as f64;
            blank > 0.0 && x[1] - x[0] < (blank + 0.5) * narrowest
        })
    {
        return None;
    }
    let mut out: Vec<f64> = cols.iter().map(|c| c + offset).collect();
    for (x, &j) in num.iter().zip(&idx) {
        out[j] = *x;
    }
    // Keep the centres increasing even if an offset pushed one past its neighbour.
    if out.windows(2).any(|w| w[1] <= w[0]) {
        return None;
    }
    Some(out)
}

/// Join value rows that are one table row printed at two heights: in a row of wrapped
/// labels, a cell aligned to the top (总计) and cells centred vertically come out as two
/// rows of numbers. They are joined when their columns do not overlap, they touch, and
/// either they overlap by more than half their height (a figure a few points higher than
/// the rest of its row, in a row a page break cut), or the upper one is beside an item label (`1.…`) and the lower one starts no item
/// of its own, or the upper one is beside no label at all and the lower one is (a figure
/// aligned to the top of its cell above a row whose label and other figures are centred:
/// read apart, the row's own cell under that figure was a blank).
///
/// A row of figures that continues figures of the row above it (a number too wide for its
/// narrow cell goes on in the cell's next line: `172` over `9` is 1729, see
/// [`wrapped_ends`]) is joined to it first, each piece to the figure it continues, and
/// `wrapped` gets each join (`172 / 9`).
fn merge_split_rows(
    anchors: Vec<Anchor>,
    centers: &[f64],
    lines: &[Line],
    continues: bool,
    wrapped: &mut Vec<String>,
) -> Vec<Anchor> {
    // Item labels (`1.…`, `（二）…`) beside a height, none beside `except`, ending right of `from`.
    let items_beside = move |y0: f64, y1: f64, except: Option<(f64, f64)>, from: f64| {
        lines.iter().flat_map(|l| l.segs.iter()).filter(move |s| {
            !s.numeric
                && s.x1 > from
                && starts_item(&s.text)
                && overlaps(s.y0, s.y1, y0, y1)
                && except.is_none_or(|(e0, e1)| !overlaps(s.y0, s.y1, e0, e1))
        })
    };
    let item_beside_from =
        |y0: f64, y1: f64, except: Option<(f64, f64)>, from: f64| items_beside(y0, y1, except, from).next().is_some();
    let item_beside =
        |y0: f64, y1: f64, except: Option<(f64, f64)>| item_beside_from(y0, y1, except, f64::NEG_INFINITY);
    // Where the leftmost item label beside a height starts.
    let item_x0 = |y0: f64, y1: f64| items_beside(y0, y1, None, f64::NEG_INFINITY).map(|s| s.x0).min_by(f64::total_cmp);
    // Left of the value columns: where a row's label starts.
    let labels_end = match centers {
        [first, second, ..] => first - (second - first) / 2.0,
        [first] => *first - 10.0,
        [] => f64::NEG_INFINITY,
    };
    let label_centred_in = |y0: f64, y1: f64| {
        lines.iter().flat_map(|l| l.segs.iter()).any(|s| {
            let yc = (s.y0 + s.y1) / 2.0;
            !s.numeric && s.x0 < labels_end && yc >= y0 && yc <= y1
        })
    };
    // Whether the table numbers its rows (1.…, （二）…): a label without a number is then
    // the rest of another, never a row's own.
    let numbered = lines.iter().flat_map(|l| &l.segs).any(|s| !s.numeric && starts_item(&s.text));
    let mut out: Vec<(Anchor, Vec<usize>)> = Vec::new();
    // A row whose figures stand at the first line of its longer label sets its cells to
    // their tops: a figure a line above them, beside no label, is not one of its cells'
    // tops (LibreOffice's `１５` over `９`, 159 in a narrow cell, right above such a row).
    let set_at_top = |b: &Anchor| {
        let h = b.y1 - b.y0;
        let label = |s: &&Seg| !s.numeric && s.x0 < labels_end;
        let segs = || lines.iter().flat_map(|l| l.segs.iter()).filter(label);
        segs().filter(|s| (s.y0 - b.y0).abs() <= 0.3 * h).any(|first| {
            segs().any(|s| {
                s.y0 >= first.y1 - BESIDE_OVERLAP
                    && s.y0 <= first.y1 + 0.5 * h
                    && s.y0 > b.y1 - BESIDE_OVERLAP
                    && !starts_item(&s.text)
            })
        })
    };
    let tops: Vec<bool> = (0..anchors.len())
        .map(|i| {
            let a = &anchors[i];
            tops_the_next(&anchors, i, centers)
                && (label_centred_in(a.y0, a.y1) || !anchors.get(i + 1).is_some_and(set_at_top))
        })
        .collect();
    for (a, top) in anchors.into_iter().zip(tops) {
        let xs: Vec<f64> = a.values.iter().map(Seg::xc).collect();
        let cols = if xs.len() <= centers.len() { assign_columns(&xs, centers) } else { Vec::new() };
        // The first row of a page that continues a table may itself be the middle of
        // figures a page break cut (1 | 0 | 2): a lone 0 there may go on.
        let middle = continues && out.len() == 1;
        if let Some((p, _)) = out.last_mut() {
            // The rest of figures too wide for their cells, on the cells' next line: part
            // of the row above, unless the line has a label of its own (in a table whose
            // rows start with item numbers, one that starts an item; else any label beside
            // it) or may be the top of the row below.
            let own_label =
                if numbered { item_beside(a.y0, a.y1, Some((p.y0, p.y1))) } else { label_centred_in(a.y0, a.y1) };
            // In a table that does not number its rows, a label beside the line may be the
            // rest of the row's label wrapped in its narrow cell (行政 / 规范 / 性文 / 件 beside
            // `１１` over `２`): the line still finishes the figures above it when each of
            // those fills its cell, as a figure that went on must.
            // Or the figure is as wide as the widest line of a name wrapped in its column,
            // set from the same left edge (`３１` under 采购 / 项目 / 数量, each two
            // characters wide: 318 in a cell narrower than its neighbour's pitch says).
            let fills = |k: &usize| {
                let u = &p.values[*k];
                u.x1 - u.x0 + 0.5 * (u.y1 - u.y0) > 0.6 * narrowest_pitch(centers)
                    || wrapped_name_width(lines, u.x0).is_some_and(|w| u.x1 - u.x0 >= w - 0.5)
            };
            // In a table that numbers its rows, a label without a number beside the line
            // is the rest of the row's label, or a row of its own where numbered rows and
            // others mix (before 2019: 受理依申请公开信息总数 under 2.政府公报公开, rows set
            // close without rules: `7` over `0` read 70). Only figures that fill their
            // cells went on there.
            let unnumbered_label = numbered && !own_label && label_centred_in(a.y0, a.y1);
            let ends = match (top, own_label) {
                (true, _) => None,
                (false, false) if unnumbered_label => wrapped_ends(p, &a, middle).filter(|ends| ends.iter().all(fills)),
                (false, false) => wrapped_ends(p, &a, middle),
                (false, true) if !numbered => wrapped_ends(p, &a, middle).filter(|ends| ends.iter().all(fills)),
                (false, true) => None,
            };
            if let Some(ends) = ends {
                for (v, k) in a.values.iter().zip(ends) {
                    append_line(&mut p.values[k], v, wrapped);
                }
                p.y1 = p.y1.max(a.y1);
                continue;
            }
        }
        if let Some((p, pcols)) = out.last_mut() {
            let h = (p.y1 - p.y0).min(a.y1 - a.y0);
            let apart = !cols.is_empty()
                && !pcols.is_empty()
                && cols.iter().all(|c| !pcols.contains(c))
                && a.y0 - p.y1 < 0.6 * h;
            // Figures standing more than half their height side by side are one row
            // whatever the labels say: rows of a table do not overlap. Beside an item label
            // of the upper row, the lower starts no row unless an item label of its own
            // stands beside it; one wholly left of the upper row's own is a group label set
            // down the table's side over many rows (三、本年度办理结果 beside a 总计 set lower
            // in its cell than the row's other figures), not the lower row's.
            let joins = apart
                && (overlaps(p.y0, p.y1, a.y0, a.y1)
                    || item_x0(p.y0, p.y1).is_some_and(|x0| !item_beside_from(a.y0, a.y1, Some((p.y0, p.y1)), x0))
                    || !label_centred_in(p.y0, p.y1) && label_centred_in(a.y0, a.y1));
            if joins {
                p.y0 = p.y0.min(a.y0);
                p.y1 = p.y1.max(a.y1);
                p.values.extend(a.values);
                p.values.sort_by(|x, y| x.x0.total_cmp(&y.x0));
                pcols.extend(cols);
                continue;
            }
        }
        out.push((a, cols));
    }
    out.into_iter().map(|(a, _)| a).collect()
}

/// The width of the widest line of a name wrapped in a column whose text starts at `x0`:
/// two lines of text or more starting there, each right under another. None when no name
/// starting there wrapped (a cell's width is then not known from its text).
fn wrapped_name_width(lines: &[Line], x0: f64) -> Option<f64> {
    let names: Vec<&Seg> =
        lines.iter().flat_map(|l| &l.segs).filter(|s| !s.numeric && (s.x0 - x0).abs() < 1.0).collect();
    let wrapped = names.iter().any(|a| names.iter().any(|b| b.y0 > a.y0 && b.y0 - a.y1 < 0.5 * a.h()));
    wrapped.then(|| names.iter().map(|s| s.x1 - s.x0).fold(0.0, f64::max))
}

/// May row `i` of `anchors` be figures aligned to the top of their cells over the rest of
/// the row below (the next row touches it and has figures in other columns only)? Such a
/// row is never taken for the wrapped ends of the figures above it.
fn tops_the_next(anchors: &[Anchor], i: usize, centers: &[f64]) -> bool {
    let (Some(a), Some(b)) = (anchors.get(i), anchors.get(i + 1)) else { return false };
    let cols = |r: &Anchor| {
        let xs: Vec<f64> = r.values.iter().map(Seg::xc).collect();
        if xs.len() <= centers.len() {
            assign_columns(&xs, centers)
        } else {
            Vec::new()
        }
    };
    let (ca, cb) = (cols(a), cols(b));
    let h = (a.y1 - a.y0).min(b.y1 - b.y0);
    !ca.is_empty() && !cb.is_empty() && ca.iter().all(|c| !cb.contains(c)) && b.y0 - a.y1 < 0.6 * h
}

/// Could a figure of `chars` digits, each `digit` wide, have been too wide for its cell,
/// in a table whose value columns stand `pitch` apart (the narrowest)? Text goes on in a
/// cell's next line only when one more character would not fit: the figure and one more
/// digit must take more than the part of the pitch a cell leaves to its text (about 0.6 of
/// it, once the padding is off, in the narrowest tables Word and LibreOffice print). A
/// figure far narrower than its cell is whole, and the figures opening the next page under
/// it are a row of their own (LibreOffice's PDF of shanghai-office-2019: 规章 `13 13 524`
/// ends a page, 规范性文件 `60 60 368` opens the next, and read as their ends they made
/// 1360 and 524368). Without two columns to measure, nothing is known to be too wide.
/// Within a page the lines of one cell are told by their nearness instead (a narrow 总计
/// column beside wide ones is far narrower than the pitch says).
fn too_wide_for_cell(chars: f64, digit: f64, pitch: f64) -> bool {
    pitch.is_finite() && (chars + 1.0) * digit > 0.6 * pitch
}

/// The narrowest distance between neighbouring value columns (infinite with fewer than
/// two).
fn narrowest_pitch(centers: &[f64]) -> f64 {
    centers.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min)
}

/// A cell's longest line, in digits' widths (a separator, `,` or `.`, as half a digit).
fn longest_line(t: &str) -> f64 {
    t.split('\n')
        .map(|l| l.chars().map(|c| if matches!(c, ',' | '.') { 0.5 } else { 1.0 }).sum::<f64>())
        .fold(0.0, f64::max)
}

/// Did figure `t` (its lines so far) go on in its cell's next line? A line that ends in a
/// thousands separator (`1,` of 1,081: a figure breaks after its separator) always does;
/// otherwise the figure must have been too wide for its cell ([`too_wide_for_cell`]), each
/// digit `digit` wide, in columns `pitch` apart.
fn goes_on_below(t: &str, digit: f64, pitch: f64) -> bool {
    t.ends_with(',') || too_wide_for_cell(longest_line(t), digit, pitch)
}

/// `lower`'s figures as the rest of `upper`'s, wrapped onto the next line of their cells:
/// for each, the index of the figure of `upper` it continues. Each must be digits alone
/// (thousands separators allowed) on the line right under a figure of `upper` that is a
/// bare number (no unit, no n.a. mark, not 0; already wrapped once, for a figure over three
/// lines), or dashes under dashes; no wider than it and aligned with it the way its cell
/// sets text (left edges, centres or right edges together); no two under the same figure.
/// `middle`: `upper` may be the middle of figures a page break cut, where a 0 may go on.
fn wrapped_ends(upper: &Anchor, lower: &Anchor, middle: bool) -> Option<Vec<usize>> {
    let h = lower.y1 - lower.y0;
    if lower.values.is_empty() || lower.y0 - upper.y1 > 0.3 * h || lower.y0 <= upper.y0 {
        return None;
    }
    fn bare(t: &str) -> bool {
        // A figure 0 is whole: no number goes on after a leading 0 but its decimals.
        !is_zero(t) && digits_and(t, &['.', ',', '\n'])
    }
    fn is_dashes(t: &str) -> bool {
        !t.is_empty() && t.chars().all(|c| matches!(c, '—' | '-' | '–' | '－' | '\n'))
    }
    let mut ends = Vec::with_capacity(lower.values.len());
    for v in &lower.values {
        // Digits go on a figure; a dash goes on a dash (an n.a. mark —— over two lines).
        let goes_on: fn(&str) -> bool = if is_dashes(&v.text) {
            is_dashes
        } else if digits_and(&v.text, &[',']) {
            if middle {
                |t: &str| is_zero(t) || bare(t)
            } else {
                bare
            }
        } else {
            return None;
        };
        let tol = 0.25 * v.h();
        let k = upper.values.iter().position(|u| {
            goes_on(&u.text)
                && v.x1 - v.x0 <= u.x1 - u.x0 + tol
                && ((u.x0 - v.x0).abs() <= tol || (u.xc() - v.xc()).abs() <= tol || (u.x1 - v.x1).abs() <= tol)
        })?;
        if ends.contains(&k) {
            return None;
        }
        ends.push(k);
    }
    Some(ends)
}

/// The first row of figures of a page that continues a table as the ends of figures of the
/// previous page's last row (`last`, by column of `centers`), which a page break cut after
/// their first lines: by column, the pieces to add. Each piece must be digits alone, in a
/// column where `last` has a bare number other than 0, with no item label starting above
/// the row's middle (a row of its own), and gone on below ([`goes_on_below`], a digit
/// taken as half the height of the figures here). A last row without figures (a
/// label whose figures went over to this page) takes nothing.
fn page_wrapped_ends(first: &Anchor, centers: &[f64], last: &[String], lines: &[Line]) -> Option<Vec<(usize, String)>> {
    if first.values.is_empty() || first.values.len() > centers.len() {
        return None;
    }
    // Digits, or digits over digits (a figure over three lines, its last two here).
    if !first.values.iter().all(|v| digits_and(&v.text, &['\n'])) {
        return None;
    }
    // An item label that starts above the figures' middle is their row's own (its label
    // set higher than its figures): a row of its own.
    let own_item = lines.iter().flat_map(|l| &l.segs).any(|s| !s.numeric && starts_item(&s.text) && s.y0 < first.yc());
    if own_item {
        return None;
    }
    let xs: Vec<f64> = first.values.iter().map(Seg::xc).collect();
    let cols = assign_columns(&xs, centers);
    let bare = |t: &str| !is_zero(t) && digits_and(t, &['.', '\n']);
    let (digit, pitch) = (0.5 * (first.y1 - first.y0), narrowest_pitch(centers));
    let full = |t: &str| goes_on_below(t, digit, pitch);
    if !cols.iter().all(|&j| last.get(j).is_some_and(|t| bare(t) && full(t))) {
        return None;
    }
    Some(cols.into_iter().zip(first.values.iter().map(|v| v.text.clone())).collect())
}

/// The first row of figures of a page that continues a table as the cells of the previous
/// page's last row (`last`, by column of `centers`) that a page break pushed over to this
/// page: a browser prints a row cut by the page's foot with some of its cells' text on the
/// next page. Taken when the row has no label of its own (none beside it, no item label
/// starting above its middle) and its figures fill exactly the cells `last` left empty,
/// `last` having figures of its own. By column, the cells to fill.
fn page_cut_cells(first: &Anchor, centers: &[f64], last: &[String], lines: &[Line]) -> Option<Vec<(usize, String)>> {
    if first.values.is_empty() || first.values.len() > centers.len() || last.len() != centers.len() {
        return None;
    }
    let labelled = lines
        .iter()
        .flat_map(|l| &l.segs)
        .any(|s| !s.numeric && (overlaps(s.y0, s.y1, first.y0, first.y1) || starts_item(&s.text) && s.y0 < first.yc()));
    if labelled || last.iter().all(|t| t.is_empty()) {
        return None;
    }
    let xs: Vec<f64> = first.values.iter().map(Seg::xc).collect();
    let cols = assign_columns(&xs, centers);
    let empty: Vec<usize> = (0..last.len()).filter(|&j| last[j].is_empty()).collect();
    if cols != empty {
        return None;
    }
    Some(cols.into_iter().zip(first.values.iter().map(|v| v.text.clone())).collect())
}

/// A label being put together from segments on successive lines.
struct Unit {
    x0: f64,
    x1: f64,
    y0: f64,
    last_y1: f64,
    last_x1: f64,
    last_line: usize,
    text: String,
    marker: bool,
    anchor: Option<usize>,
    /// How many lines it is printed on.
    lines: usize,
    /// Whether its first piece stands beside figures.
    starts_beside: bool,
}

/// Row labels from the body's label pieces: an item number starts one, other pieces
/// continue the label above or beside them. With `cut_at` (the top of the first figures on a
/// page that continues a table), a piece beside figures does not continue a label that ends
/// above them.
fn label_units(label_segs: &[(usize, &Seg)], dropped: &[bool], anchors: &[Anchor], cut_at: Option<f64>) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let anchor_of = |s: &Seg| anchors.iter().position(|a| overlaps(s.y0, s.y1, a.y0, a.y1));
    for (k, (li, s)) in label_segs.iter().enumerate() {
        if dropped[k] {
            continue;
        }
        let own_anchor = anchor_of(s);
        // The row whose figures it stands beside, if only partly (a label set a little
        // higher than its figures): not the rest of another row's label.
        let beside = own_anchor
            .or_else(|| anchors.iter().position(|a| a.y1.min(s.y1) - a.y0.max(s.y0) > 0.25 * s.h().min(a.y1 - a.y0)));
        let marker = starts_item(&s.text);
        let mut target = None;
        if !marker {
            // Below: overlapping columns, a small gap, and not the label of another row.
            let below = |u: &Unit| {
                u.last_line < *li
                    && s.x0 < u.x1
                    && s.x1 > u.x0
                    && s.y0 - u.last_y1 <= 1.3 * s.h()
                    && !(beside.is_some() && u.anchor.is_some() && beside != u.anchor)
                    && !(beside.is_some()
                        && u.anchor.is_none()
                        && cut_at.is_some_and(|y| u.last_y1 <= y + BESIDE_OVERLAP))
            };
            // A piece starting exactly under a label's left edge is that label wrapped,
            // even when another cell's text ends just left of it.
            target = units.iter().rposition(|u| below(u) && (s.x0 - u.x0).abs() <= 1.5);
            if target.is_none() {
                // Beside: same line, just right of a label's last piece.
                target = units
                    .iter()
                    .rposition(|u| u.last_line == *li && s.x0 - u.last_x1 < 0.6 * s.h() && s.x0 >= u.last_x1 - 1.0);
            }
            if target.is_none() {
                target = units.iter().rposition(below);
            }
        }
        match target {
            Some(t) => {
                let u = &mut units[t];
                join_cell(&mut u.text, &s.text);
                u.x1 = u.x1.max(s.x1);
                u.x0 = u.x0.min(s.x0);
                u.last_y1 = s.y1;
                u.last_x1 = s.x1;
                u.lines += usize::from(u.last_line != *li);
                u.last_line = *li;
                if u.anchor.is_none() {
                    u.anchor = beside;
                }
            }
            None => units.push(Unit {
                x0: s.x0,
                x1: s.x1,
                y0: s.y0,
                last_y1: s.y1,
                last_x1: s.x1,
                last_line: *li,
                text: s.text.clone(),
                marker,
                anchor: beside,
                lines: 1,
                starts_beside: beside.is_some(),
            }),
        }
    }
    units
}

/// Whether a band's cells set their text at the top: every label of three lines or more
/// beside figures has its first line beside them (a label set in the middle of its cell
/// starts above its figures). None when no label is that tall.
fn labels_set_at_top(units: &[Unit]) -> Option<bool> {
    let mut tall = units.iter().filter(|u| u.anchor.is_some() && u.lines >= 3).peekable();
    tall.peek()?;
    Some(tall.all(|u| u.starts_beside))
}

/// `lines` with 无 alone in a cell taken for what it is among figures, a not-applicable
/// mark (a value cell), where it stands in the value columns: at or right of the left edge
/// of the band's leftmost figure. Left of it, 无 is a character of a label (set out over
/// its cell, 4. 无 正 当 理 由, or written down it, （四）无法提供).
fn mark_na_words(lines: &[Line]) -> Vec<Line> {
    let mut lines = lines.to_vec();
    let value_x0 = lines.iter().flat_map(|l| &l.segs).filter(|s| s.numeric).map(|s| s.x0).fold(f64::INFINITY, f64::min);
    for s in lines.iter_mut().flat_map(|l| l.segs.iter_mut()) {
        if na_in_value_columns(s, value_x0) {
            s.numeric = true;
        }
    }
    lines
}

/// 无 standing in the value columns, whose leftmost figure starts at `value_x0` (see
/// [`mark_na_words`]).
fn na_in_value_columns(s: &Seg, value_x0: f64) -> bool {
    s.text == "无" && s.x0 >= value_x0 - 0.5 * s.h()
}

/// Two n.a. marks of neighbouring cells set close enough to be one word (`————`, a `——`
/// under 其他 and one under 总计): a mark for each of the two value columns whose centres
/// the word covers, split at its middle. A long mark within one cell (covering one centre)
/// stays whole.
fn split_run_together_marks(values: &mut Vec<Seg>, centers: &[f64]) {
    let mut i = 0;
    while i < values.len() {
        let v = &values[i];
        let chars = v.text.chars().count();
        let marks = chars >= 3 && v.text.chars().all(|c| c == '—');
        let covered = centers.iter().filter(|&&c| c > v.x0 && c < v.x1).count();
        if marks && covered == 2 {
            let mid = (v.x0 + v.x1) / 2.0;
            let half = chars.div_ceil(2);
            let mut right = v.clone();
            right.text = "—".repeat(chars - half);
            right.x0 = mid;
            let left = &mut values[i];
            left.text = "—".repeat(half);
            left.x1 = mid;
            values.insert(i + 1, right);
            i += 1;
        }
        i += 1;
    }
}

/// One band of a table region → its rows, the label fragments above its first row (when it
/// `continues` a table), its layout, and the ends of figures of the previous page's last row
/// it opens with ([`page_wrapped_ends`]). `before`: the continued table's layout and its last
/// row's figures.
fn build_band(
    lines: &[Line],
    continues: bool,
    before: Option<(&Layout, &[String])>,
    wrapped: &mut Vec<String>,
) -> (Vec<RowBuild>, Orphans, Option<Layout>, Continued) {
    let carried = before.map(|b| b.0);
    // A page that continues a table and opens with label lines right before a caption
    // (第二十条第（八）项): they end the last row's label on the page before (`行政` / `强制`,
    // cut by the page break), not the next block's header.
    // (Only lines left of the table's first value column: a row label's place.)
    let label_zone = before.and_then(|b| b.0.centers.first().copied()).unwrap_or(f64::NEG_INFINITY);
    let lead = if continues && before.is_some() {
        let k = lines
            .iter()
            .take_while(|l| {
                !l.tabular && !is_caption(&l.text) && l.segs.iter().all(|s| !s.numeric) && l.x1 < label_zone
            })
            .count();
        if lines.get(k).is_some_and(|l| is_caption(&l.text)) {
            k
        } else {
            0
        }
    } else {
        0
    };
    let mut orphans: Orphans = lines[..lead].iter().map(|l| (l.x0, l.text.clone())).collect();
    let marked = mark_na_words(&lines[lead..]);
    let lines = &marked[..];
    let mut rows = Vec::new();
    // Value rows: numeric segments grouped by height.
    let mut numbers: Vec<Seg> = lines.iter().flat_map(|l| l.segs.iter().filter(|s| s.numeric)).cloned().collect();
    numbers.sort_by(|a, b| a.yc().total_cmp(&b.yc()));
    let numbers = join_stacked_figures(numbers, wrapped);
    let mut anchors: Vec<Anchor> = Vec::new();
    for s in &numbers {
        match anchors.last_mut() {
            Some(a) if (s.yc() - a.yc()).abs() <= 0.5 * s.h().min(a.y1 - a.y0) => {
                a.y0 = a.y0.min(s.y0);
                a.y1 = a.y1.max(s.y1);
                a.values.push(s.clone());
            }
            _ => anchors.push(Anchor { y0: s.y0, y1: s.y1, values: vec![s.clone()] }),
        }
    }
    for a in &mut anchors {
        a.values.sort_by(|p, q| p.x0.total_cmp(&q.x0));
    }
    // Value columns from the numbers: the x positions in the rows that have the most.
    let n_num = anchors.iter().map(|a| a.values.len()).max().unwrap_or(0);
    let mut num_centers: Vec<f64> = (0..n_num)
        .map(|j| {
            let mut xs: Vec<f64> =
                anchors.iter().filter(|a| a.values.len() == n_num).map(|a| a.values[j].xc()).collect();
            median(&mut xs)
        })
        .collect();
    num_centers.sort_by(f64::total_cmp);
    let value_x0 = anchors.iter().flat_map(|a| a.values.iter().map(|s| s.x0)).fold(f64::INFINITY, f64::min);
    // A band of no figures that opens a page, continuing a table whose lines here name
    // fewer columns than it has: no header but the table's rows whose cells are all blank
    // (a table that prints no 0, its rows' labels wrapped a few characters a line down a
    // page with no figure on it). Its lines are read as rows, in the table's columns.
    let rows_of_labels = carried.filter(|l| {
        anchors.is_empty() && continues && !l.header_only && {
            let mut head = lines.to_vec();
            join_group_headings(&mut head, &[]);
            let segs: Vec<&Seg> = head.iter().filter(|l| !is_caption(&l.text)).flat_map(|l| &l.segs).collect();
            l.centers.len() > header_columns(&segs, &[]).len()
                && lines.iter().any(|l| l.segs.iter().any(|s| starts_item(&s.text)))
        }
    });
    let labels_only = rows_of_labels.is_some();
    if let Some(l) = rows_of_labels {
        num_centers.clone_from(&l.centers);
    }

    // Header lines: those above the first value row, except label-only lines that lead
    // straight into it (the first label, wrapped above its values). A band of labels alone
    // has none.
    let first_anchor_y = anchors.first().map_or(f64::INFINITY, |a| a.y0);
    let mut header_end = lines
        .iter()
        .position(|l| (l.y1 > first_anchor_y && l.segs.iter().any(|s| s.numeric)) || l.y0 >= first_anchor_y)
        .unwrap_or(if labels_only { 0 } else { lines.len() });
    while header_end > 0 {
        let l = &lines[header_end - 1];
        let below_y0 = lines.get(header_end).map_or(f64::INFINITY, |b| b.y0);
        let label_only = l.segs.iter().all(|s| s.x1 <= value_x0 + 1.0);
        if label_only && !is_caption(&l.text) && below_y0 - l.y1 <= 1.2 * l.h() && !anchors.is_empty() {
            header_end -= 1;
        } else {
            break;
        }
    }
    // Header cells and row labels whose characters are set out over the cell's width.
    let mut spread: Vec<Line> = lines
        .iter()
        .map(|l| {
            let mut l = l.clone();
            join_spread_out(&mut l.segs, &num_centers);
            join_units_in_cell(&mut l.segs, &num_centers);
            l
        })
        .collect();
    join_group_headings(&mut spread[..header_end], &num_centers);
    let (header, body) = spread.split_at(header_end);
    // A figure that took its unit (join_units_in_cell) shows it in its value cell too; a
    // figure of two lines (join_stacked_figures) has none.
    for v in anchors.iter_mut().flat_map(|a| a.values.iter_mut()).filter(|v| !v.text.contains('\n')) {
        if let Some(s) = spread.iter().flat_map(|l| &l.segs).find(|s| s.numeric && s.x0 == v.x0 && s.y0 == v.y0) {
            v.text.clone_from(&s.text);
        }
    }
    for a in &mut anchors {
        split_run_together_marks(&mut a.values, &num_centers);
    }

    // Label segments of the body, without vertical one-character-per-line labels.
    let mut label_segs: Vec<(usize, &Seg)> = Vec::new();
    for (li, l) in body.iter().enumerate() {
        for s in &l.segs {
            if !s.numeric {
                label_segs.push((li, s));
            }
        }
    }
    // An item number standing apart from its label (`2.` before a label set out over its
    // cell) is no character of a vertical label, though a column of them stacks the same way:
    // dropped, the rows' labels lose their numbers and run into each other.
    let narrow = |s: &Seg| {
        let chars = s.text.chars().count().max(1) as f64;
        let item_number = s.text.starts_with(|c: char| c.is_ascii_digit()) && starts_item(&s.text);
        chars <= 2.0 && (s.x1 - s.x0) / chars <= 1.4 * s.h().min(20.0) && !item_number
    };
    let mut dropped = vec![false; label_segs.len()];
    for a in 0..label_segs.len() {
        if dropped[a] || !narrow(label_segs[a].1) {
            continue;
        }
        let mut stack = vec![a];
        for b in a + 1..label_segs.len() {
            let (lb, sb) = label_segs[b];
            let (la, sa) = label_segs[*stack.last().unwrap_or(&a)];
            if lb > la && (sb.x0 - sa.x0).abs() <= 3.0 && narrow(sb) && sb.y0 - sa.y1 <= 2.5 * sa.h() {
                stack.push(b);
            }
        }
        // A group label stands left of the row labels of the rows it groups; a stack with
        // no label right of it on most of its lines is the row labels' own column, so
        // narrow that they wrap two characters a line (规章, 行政 / 规范 / 性文 / 件, in a
        // table whose columns are all one width): kept, its pieces join their rows' labels.
        let beside_labels = stack
            .iter()
            .filter(|&&k| {
                let (lk, sk) = label_segs[k];
                label_segs.iter().any(|&(l, s)| l == lk && s.x0 >= sk.x1)
            })
            .count();
        if stack.len() >= 3 && beside_labels * 2 >= stack.len() {
            for k in stack {
                dropped[k] = true;
            }
        }
    }

    // Header text label zone boundary.
    let label_right =
        label_segs.iter().zip(&dropped).filter(|(_, d)| !**d).map(|((_, s), _)| s.x1).fold(f64::NEG_INFINITY, f64::max);
    let boundary = |centers: &[f64]| {
        let n = centers.len();
        if n >= 2 {
            centers[0] - (centers[n - 1] - centers[0]) / (n - 1) as f64 / 2.0
        } else if label_right.is_finite() && value_x0.is_finite() {
            (label_right + value_x0) / 2.0
        } else {
            value_x0 - 10.0
        }
    };

    // Value columns from the header: a column that is blank in every row has no number
    // to show where it is, but it has a header word. Without a header of its own, a band
    // that continues a table from the previous page takes that table's columns; so does
    // one whose header began on the previous page, when the lines of it here name too few
    // columns (`项之和）` and the kinds' wrapped ends, 企业 机构 …, in a table that prints
    // blanks for 0, with figures under some columns only).
    // Rows without labels (table 四's one row) have no label column: every header word
    // may name a value column, those over columns blank in every row too (the first ones,
    // left of the first figure).
    let zone_left =
        if anchors.is_empty() || !label_right.is_finite() { f64::NEG_INFINITY } else { boundary(&num_centers) };
    let header_segs: Vec<&Seg> = header
        .iter()
        .filter(|l| !is_caption(&l.text))
        .flat_map(|l| l.segs.iter().filter(|s| !s.numeric && s.xc() >= zone_left))
        .collect();
    let header_cols: Vec<f64> = header_columns(&header_segs, &num_centers).iter().map(|c| (c.0 + c.1) / 2.0).collect();
    let mut centers = num_centers.clone();
    let mut layout = None;
    if anchors.is_empty() {
        // A header with no rows under it (the rows are on the next page): its text stays
        // as it was read, and its columns go to the rows that continue the table. Lines
        // without figures in a table continued from the page before that name fewer
        // columns than it has are no header but labels (a tall row's label wrapped two
        // characters a line, its figures in the next band): the table keeps its columns.
        match carried.filter(|l| continues && l.centers.len() > header_cols.len()) {
            Some(l) => layout = Some(l.clone()),
            None if header_cols.len() >= 2 => {
                layout = Some(Layout { centers: header_cols, header_only: true, set_at_top: None })
            }
            None => {}
        }
    } else if let Some(c) = fit_columns(&num_centers, &header_cols) {
        centers = c;
    } else if continues && (header_segs.is_empty() || carried.is_some_and(|l| l.header_only)) {
        if let Some(c) = carried.and_then(|l| fit_columns_checked(&num_centers, &l.centers, l.header_only)) {
            centers = c;
        }
    }
    let n = centers.len();
    let spacing = if n >= 2 { (centers[n - 1] - centers[0]) / (n - 1) as f64 } else { f64::INFINITY };
    let left_boundary = boundary(&centers);
    if n > 0 {
        layout = Some(Layout { centers: centers.clone(), header_only: false, set_at_top: None });
    }
    let mut anchors = merge_split_rows(anchors, &centers, lines, continues, wrapped);
    // Ends of figures the page break carried over from the previous page's last row.
    let mut continued = Vec::new();
    if let (Some((layout, last)), true) = (before, header.is_empty()) {
        let ends = anchors.first().filter(|_| !tops_the_next(&anchors, 0, &centers)).and_then(|a| {
            page_wrapped_ends(a, &layout.centers, last, lines)
                .or_else(|| page_cut_cells(a, &layout.centers, last, lines))
        });
        if let Some(ends) = ends {
            continued = ends;
            anchors.remove(0);
        }
    }

    // Header rows.
    if !header.is_empty() {
        let mut label_text = String::new();
        let mut cols = vec![String::new(); n];
        let densest =
            header.iter().map(|l| l.segs.iter().filter(|s| s.xc() >= left_boundary).count()).max().unwrap_or(0);
        for l in header {
            if is_caption(&l.text) {
                let t: String = l.segs.iter().map(|s| s.text.as_str()).collect();
                rows.push(RowBuild { labels: vec![(l.x0, t)], values: Vec::new() });
                continue;
            }
            let mut wide: Vec<String> = Vec::new();
            // A line with far fewer pieces over the value columns than the densest header
            // line holds group headings (行政复议 over five columns), not column names.
            let in_values = l.segs.iter().filter(|s| s.xc() >= left_boundary).count();
            // A piece with no header text under it is a column name all the same (总计
            // spanning the header's rows, printed on a line of its own).
            let sparse = n >= 4 && in_values * 3 < densest;
            // A piece over exactly one value column names it, however wide (a wide last
            // column's name set out over the cell: 采  购  总  金  额).
            let over_columns = |s: &Seg| centers.iter().filter(|&&c| c >= s.x0 && c <= s.x1).count();
            // Text under it, narrower than it: a heading over its columns' names, not the
            // next character of a name wrapped one character a line.
            let over_others = |s: &Seg| {
                header.iter().any(|b| {
                    b.y0 >= s.y1 - 0.3 * s.h()
                        && b.segs.iter().any(|t| {
                            t.xc() >= left_boundary && t.x0 < s.x1 && t.x1 > s.x0 && t.x1 - t.x0 < 0.8 * (s.x1 - s.x0)
                        })
                })
            };
            for s in &l.segs {
                if s.xc() < left_boundary || n == 0 {
                    join_cell(&mut label_text, &s.text);
                } else if (sparse && over_others(s)) || s.x1 - s.x0 > 1.2 * spacing && over_columns(s) != 1 {
                    wide.push(s.text.clone());
                } else {
                    let j = (0..n)
                        .min_by(|&a, &b| (s.xc() - centers[a]).abs().total_cmp(&(s.xc() - centers[b]).abs()))
                        .unwrap_or(0);
                    join_cell(&mut cols[j], &s.text);
                }
            }
            if !wide.is_empty() {
                rows.push(RowBuild { labels: wide.into_iter().map(|t| (0.0, t)).collect(), values: Vec::new() });
            }
        }
        if !label_text.is_empty() || cols.iter().any(|c| !c.is_empty()) {
            let labels = if label_text.is_empty() { Vec::new() } else { vec![(0.0, label_text)] };
            rows.push(RowBuild { labels, values: cols });
        }
    }

    // Labels: a marker starts one, other segments continue the label above or beside them.
    // On a page that continues a table whose cells set their text at the top, the label
    // lines above the page's first figures end the last row of the page before (`行政` /
    // `处罚`, cut by the page break): the label beside those figures starts on its own line.
    let mut first_y0 = anchors.first().map_or(f64::INFINITY, |a| a.y0);
    let cut_at =
        (continues && header.is_empty() && carried.and_then(|l| l.set_at_top) == Some(true)).then_some(first_y0);
    let units = label_units(&label_segs, &dropped, &anchors, cut_at);
    let set_at_top = labels_set_at_top(&units).or_else(|| carried.and_then(|l| l.set_at_top));
    if let Some(l) = layout.as_mut() {
        l.set_at_top = set_at_top;
    }

    // A row has one item number: a numbered label that reaches only a little into the
    // figures of a row whose own numbered label stands squarely beside them is the next
    // row's, set tight under it (LibreOffice's lines of one cell touching: 二、上年结转…
    // reaching 1.4 points into the figures of 一、本年新收…), not a second label of that row
    // nor beside its figures.
    let reach = |u: &Unit, a: &Anchor| a.y1.min(u.last_y1) - a.y0.max(u.y0);
    let next_rows: Vec<bool> = (0..units.len())
        .map(|ui| {
            let u = &units[ui];
            let mut touched = anchors.iter().enumerate().filter(|(_, a)| reach(u, a) > BESIDE_OVERLAP).peekable();
            u.marker
                && u.anchor.is_none()
                && touched.peek().is_some()
                && touched.all(|(ai, a)| {
                    reach(u, a) < 0.25 * (a.y1 - a.y0)
                        && units.iter().any(|o| o.marker && o.anchor == Some(ai) && reach(o, a) >= 0.5 * (a.y1 - a.y0))
                })
        })
        .collect();

    // Value rows.
    let mut data: Vec<(f64, RowBuild)> = anchors
        .iter()
        .map(|a| {
            let xs: Vec<f64> = a.values.iter().map(|s| s.xc()).collect();
            let mut values = vec![String::new(); n];
            for (v, j) in a.values.iter().zip(assign_columns(&xs, &centers)) {
                if let Some(cell) = values.get_mut(j) {
                    join_cell(cell, &v.text);
                }
            }
            (a.y0, RowBuild { labels: Vec::new(), values })
        })
        .collect();
    // A label beside no numbers is a row whose values are all blank when it is a row label:
    // it starts an item (or the table numbers no items), and no label sits to its right
    // (a group label such as （三）不予公开 has its sub-rows there).
    let has_markers = units.iter().any(|u| u.marker);
    let spans: Vec<(f64, f64, f64, f64)> = units.iter().map(|u| (u.x0, u.x1, u.y0, u.last_y1)).collect();
    // In a band of labels alone, the first numbered label starts the page's rows: what
    // stands above it ends the last row of the page before; a label beside the rows (a
    // group label, （四）无法提供) joins the row it stands beside, once the rows are known.
    if labels_only {
        first_y0 = units.iter().filter(|u| u.marker).map(|u| u.y0).fold(f64::INFINITY, f64::min) - BESIDE_OVERLAP;
    }
    let mut beside_rows: Vec<(f64, f64, String)> = Vec::new();
    for (ui, u) in units.into_iter().enumerate() {
        // A label that ends above the page's first figures is the rest of the last row's
        // label on the page before; ending [`BESIDE_OVERLAP`] into them is not beside them.
        let orphan = continues && header.is_empty() && !u.marker && u.last_y1 <= first_y0 + BESIDE_OVERLAP;
        let beside_values = !next_rows[ui] && anchors.iter().any(|a| reach(&u, a) > BESIDE_OVERLAP);
        let labels_right = spans
            .iter()
            .enumerate()
            .any(|(vi, v)| vi != ui && v.0 >= u.x1 - 1.0 && v.3.min(u.last_y1) - v.2.max(u.y0) > 0.0);
        if u.anchor.is_none() && !orphan && n > 0 && !beside_values && !labels_right && (u.marker || !has_markers) {
            data.push((u.y0, RowBuild { labels: vec![(u.x0, u.text)], values: vec![String::new(); n] }));
            continue;
        }
        let anchor = u.anchor.or_else(|| {
            if orphan {
                return None;
            }
            let yc = (u.y0 + u.last_y1) / 2.0;
            (0..anchors.len()).min_by(|&a, &b| (anchors[a].yc() - yc).abs().total_cmp(&(anchors[b].yc() - yc).abs()))
        });
        match anchor {
            Some(a) => {
                if let Some((_, row)) = data.get_mut(a) {
                    row.labels.push((u.x0, u.text));
                }
            }
            None if anchors.is_empty() && !continues => {
                rows.push(RowBuild { labels: vec![(u.x0, u.text)], values: Vec::new() })
            }
            None if labels_only && !orphan => beside_rows.push(((u.y0 + u.last_y1) / 2.0, u.x0, u.text)),
            None => orphans.push((u.x0, u.text)),
        }
    }
    for (yc, x0, text) in beside_rows {
        // The rows' tops: the one just above or at the label's middle is its row.
        match data.iter_mut().filter(|(y0, _)| *y0 <= yc).max_by(|a, b| a.0.total_cmp(&b.0)) {
            Some((_, row)) => row.labels.push((x0, text)),
            None => orphans.push((x0, text)),
        }
    }
    data.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, row) in &mut data {
        row.labels.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    rows.extend(data.into_iter().map(|(_, r)| r));
    (rows, orphans, layout, continued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_markers() {
        for v in ["0", "12", "96171.6", "-14", "7142.40万元", "1,234", "/", "—", "１２"] {
            assert!(is_value(v), "{v}");
        }
        for v in ["1.属于国家秘密", "2024年", "规章", "-3-"] {
            assert!(!is_value(v), "{v}");
        }
        assert!(is_page_number("-3-") && is_page_number("— 12 —") && is_page_number("第2页"));
        assert!(
            starts_item("1.本机关") && starts_item("（三）不") && starts_item("3、其他") && starts_item("一、本年")
        );
        assert!(!starts_item("具已获取信息") && !starts_item("2024年"));
        assert!(is_heading("三、收到和处理政府信息公开申请情况"));
        assert!(!is_heading("一、本年新收政府信息公开申请数量"));
    }

    #[test]
    fn order_preserving_assignment_leaves_gaps() {
        assert_eq!(assign_columns(&[10.0, 52.0], &[10.0, 30.0, 50.0]), vec![0, 2]);
        assert_eq!(assign_columns(&[29.0, 33.0], &[10.0, 30.0, 50.0]), vec![1, 2]);
    }

    #[test]
    fn missing_converter_is_explained() {
        let err = run_pdftotext("pdftotext-that-does-not-exist", b"%PDF-1.4", 5).unwrap_err().to_string();
        assert!(err.contains("install poppler-utils and poppler-data"), "{err}");
    }

    /// A word box: CJK text 10 wide per character, digits 5, all 10 high.
    fn word(text: &str, x0: f64, y0: f64) -> Word {
        let w: f64 = text.chars().map(|c| if c.is_ascii() { 5.0 } else { 10.0 }).sum();
        Word { text: text.to_string(), x0, y0, x1: x0 + w, y1: y0 + 10.0 }
    }

    fn seg(text: &str, x0: f64, x1: f64) -> Seg {
        Seg { text: text.to_string(), x0, y0: 0.0, x1, y1: 10.0, numeric: is_value(text) }
    }

    /// Column x of the synthetic table: headers 甲 乙 丙 总计 centred over cells whose
    /// numbers are set left-aligned 5 points left of the header word.
    const HEAD_X: [f64; 4] = [200.0, 250.0, 300.0, 350.0];

    /// Words of one row: a label and a value (or nothing) per column.
    fn row_words(label: &str, values: [&str; 4], y: f64) -> Vec<Word> {
        let mut ws = vec![word(label, 20.0, y)];
        for (v, x) in values.iter().zip(HEAD_X) {
            if !v.is_empty() {
                ws.push(word(v, x - 5.0, y));
            }
        }
        ws
    }

    fn header_words(y: f64) -> Vec<Word> {
        let mut ws = vec![word("项目", 20.0, y)];
        for (t, x) in ["甲", "乙", "丙", "总计"].iter().zip(HEAD_X) {
            ws.push(word(t, x, y));
        }
        ws
    }

    fn table_rows(doc: &Document) -> Vec<Vec<String>> {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => {
                    Some(t.rows.iter().map(|r| r.iter().map(|c| c.text.to_string()).collect::<Vec<_>>()))
                }
                _ => None,
            })
            .flatten()
            .collect()
    }

    fn strs(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    /// A landscape sheet of two pages side by side is folded between them; a landscape table
    /// whose label column stands apart from its figures, or whose figure columns leave a gap
    /// at the middle, is not.
    #[test]
    fn a_sheet_of_two_pages_is_folded_and_a_wide_table_is_not() {
        let line = |text: &str, x0: f64, y0: f64| word(text, x0, y0);
        // Two pages of prose, each 480 points wide with margins of 57, on a 1190-point sheet.
        let mut words = Vec::new();
        for r in 0..30 {
            let y = 60.0 + 24.0 * f64::from(r);
            words.push(line(&"政".repeat(24), 57.0, y));
            // The last page is short: six lines, and one at its foot.
            words.push(line(&"府".repeat(if r < 6 { 24 } else { 0 }), 652.0, y));
        }
        words.retain(|w| !w.text.is_empty());
        words.push(line(&"信".repeat(10), 652.0, 700.0));
        let sheet = Page { height: 842.0, words };
        let at = two_up_fold(&sheet).expect("folded");
        assert!(297.0 < at && at < 652.0, "{at}");
        let pages = split_two_up(sheet);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].words.iter().all(|w| w.text.starts_with('政')));
        assert!(pages[1].words.iter().all(|w| w.text.starts_with('府') || w.text.starts_with('信')));
        assert_eq!(pages[1].words[0].x0, 652.0 - at);
        // A wide table: labels at the left, seven columns of figures across the sheet, the
        // middle one missing (a gap of a tenth of the sheet at the middle).
        let mut words = Vec::new();
        for r in 0..25 {
            let y = 60.0 + 28.0 * f64::from(r);
            words.push(line("（一）予以公开本年度", 40.0, y));
            for c in [0, 1, 2, 4, 5, 6] {
                words.push(line("12", 350.0 + 120.0 * f64::from(c), y));
            }
        }
        let table = Page { height: 842.0, words };
        assert_eq!(two_up_fold(&table), None);
        // A portrait page is never folded.
        let mut portrait = table;
        portrait.height = 1200.0;
        assert_eq!(two_up_fold(&portrait), None);
    }

    /// A short report whose tables outweigh its prose: the body's size (15 points, boxes as
    /// tall) is larger than the tables' that set the body height. A paragraph's first line,
    /// indented by two characters and running to the right edge, has its middle near the
    /// page's middle; it is still the paragraph's first line, not a title line of its own.
    /// A centred title above it stays a paragraph of its own.
    #[test]
    fn an_indented_first_line_in_a_larger_size_is_no_title() {
        let big = |text: &str, x0: f64, y0: f64| {
            let w: f64 = text.chars().map(|c| if c.is_ascii() { 7.5 } else { 15.0 }).sum();
            Word { text: text.to_string(), x0, y0, x1: x0 + w, y1: y0 + 15.0 }
        };
        // Lines of 30 characters (450 points) from x 70; the first indented by two, and a
        // point more (a justified line spreads its characters).
        let mut words = vec![big("某某局政府信息公开工作年度报告", 182.5, 40.0)];
        words.push(big(&"本".repeat(28), 101.0, 80.0));
        words.push(big(&"报".repeat(30), 70.0, 104.0));
        words.push(big(&"告".repeat(20), 70.0, 128.0));
        // A table in 8-point boxes, whose characters outnumber the prose's.
        for r in 0..12 {
            let y = 170.0 + 12.0 * f64::from(r);
            words.push(Word {
                text: "行政许可处理决定数量".repeat(2), x0: 70.0, y0: y, x1: 230.0, y1: y + 8.0
            });
            words.push(Word { text: format!("{r}"), x0: 400.0, y0: y, x1: 404.0, y1: y + 8.0 });
        }
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let paragraphs: Vec<&str> = doc.paragraphs().collect();
        assert_eq!(paragraphs[0], "某某局政府信息公开工作年度报告");
        assert_eq!(paragraphs[1], format!("{}{}{}", "本".repeat(28), "报".repeat(30), "告".repeat(20)));
    }

    #[test]
    fn a_group_heading_at_the_edge_of_a_second_column_widens_neither() {
        // A LibreOffice print of table 三, names set left in their cells (x of the PDF):
        // 法人或其他组织 covers 商业企业 and reaches 4 points into 科研机构, too little to
        // count as over it. Before, it widened 商业企业's column to 263–307, whose centre
        // then sat too far from the figures' for the header's seven columns to fit the
        // six columns of figures (社会公益组织 blank in every row), and 社会公益组织's header
        // went into 法律服务机构's cell.
        let segs = [
            seg("自然人", 223.0, 242.0),
            seg("法人或其他组织", 263.0, 307.0),
            seg("总计", 463.0, 475.0),
            seg("商业企业", 263.0, 288.0),
            seg("科研机构", 303.0, 328.0),
            seg("社会公益", 343.0, 368.0),
            seg("法律服务", 383.0, 408.0),
            seg("其他", 423.0, 435.0),
        ];
        let refs: Vec<&Seg> = segs.iter().collect();
        let num = [230.1, 270.1, 306.6, 386.6, 426.6, 473.6];
        let cols = header_columns(&refs, &num);
        assert_eq!(cols[1], (263.0, 288.0), "{cols:?}");
        let centres: Vec<f64> = cols.iter().map(|c| (c.0 + c.1) / 2.0).collect();
        assert_eq!(fit_columns(&num, &centres).map(|c| c.len()), Some(7), "{centres:?}");
    }

    #[test]
    fn header_columns_skip_group_headings_and_the_label_header() {
        // 法人或其他组织 spans 商业 and 科研; 申请人情况 sits over one column but is much wider;
        // the row-label header on the left is far wider than any value column.
        let segs = [
            seg("（本列数据的勾稽关系为）", 20.0, 250.0),
            seg("申请人情况", 395.0, 445.0),
            seg("法人或其他组织", 340.0, 410.0),
            seg("自然人", 300.0, 330.0),
            seg("商业", 345.0, 365.0),
            seg("科研", 380.0, 400.0),
            seg("其他", 415.0, 435.0),
            seg("企业", 345.0, 365.0),
        ];
        let refs: Vec<&Seg> = segs.iter().collect();
        let want = vec![(300.0, 330.0), (345.0, 365.0), (380.0, 400.0), (415.0, 435.0)];
        assert_eq!(header_columns(&refs, &[315.0, 355.0]), want);
        assert_eq!(header_columns(&refs, &[]), want);
    }

    /// Names wrapped a character or two a line (`商业企` over `业`): their last lines are the
    /// narrowest pieces, and 自然人, on one line, is as wide as a row-label header beside
    /// them. With figures under it, it is a column (s7-synth-00085 printed by wkhtmltopdf:
    /// figures in 自然人, 商业企业 and 总计 only).
    #[test]
    fn a_wide_column_name_over_figures_beside_wrapped_names_is_a_column() {
        let segs = [
            seg("自然人", 338.2, 365.8),
            seg("商业企", 369.9, 397.6),
            seg("科研机", 405.1, 432.8),
            seg("社会公益组", 439.7, 485.8),
            seg("法律服务机", 492.2, 538.3),
            seg("其他", 541.7, 560.1),
            seg("业", 379.1, 388.3),
            seg("构", 414.4, 423.6),
            seg("织", 458.2, 467.4),
            seg("构", 510.6, 519.8),
            seg("总计", 562.0, 580.4),
        ];
        let refs: Vec<&Seg> = segs.iter().collect();
        let cols = header_columns(&refs, &[352.0, 383.7, 571.0]);
        assert_eq!(cols.len(), 7, "{cols:?}");
        assert_eq!(cols[0], (338.2, 365.8));
        // No figure under it: the row-label header's place, as before.
        assert_eq!(header_columns(&refs, &[383.7, 571.0]).len(), 6);
    }

    #[test]
    fn number_columns_fit_into_header_columns_with_an_offset() {
        // Numbers sit 8 left of their header's centre; the third column has none.
        let got = fit_columns(&[92.0, 142.0, 242.0], &[100.0, 150.0, 200.0, 250.0]).unwrap();
        assert_eq!(got, vec![92.0, 142.0, 192.0, 242.0]);
        // Too few candidates, or numbers between candidate columns: no fit.
        assert_eq!(fit_columns(&[92.0, 142.0], &[100.0, 150.0]), None);
        assert_eq!(fit_columns(&[100.0, 125.0, 150.0], &[100.0, 150.0, 200.0, 250.0]), None);
        assert_eq!(fit_columns(&[], &[100.0, 150.0]), Some(vec![100.0, 150.0]));
        // Candidates between the numbers' columns with no room for a column of their own
        // (characters of names set out over their cells): the numbers' columns stand.
        assert_eq!(fit_columns(&[252.0, 303.0, 370.0, 411.0], &[256.0, 286.0, 307.0, 374.0, 394.0, 415.0]), None);
    }

    /// LibreOffice sets the rows of a table tight: 二、上年结转's label (a Chinese font's box)
    /// reaches 1.4 points into the figures of 一、本年新收 above it (a Latin font's taller
    /// box). It had joined that row as a second label, and the row was read as 二's, its
    /// figures in the wrong row. It is its own row, beside no figures.
    #[test]
    fn a_numbered_label_set_tight_under_a_row_is_the_next_row() {
        let mut words = header_words(100.0);
        let label = |text: &str, y0: f64| Word { text: text.to_string(), x0: 20.0, y0, x1: 120.0, y1: y0 + 13.65 };
        let figure =
            |text: &str, x: f64, y0: f64| Word { text: text.to_string(), x0: x - 5.0, y0, x1: x + 2.0, y1: y0 + 14.3 };
        words.push(label("一、本年新收", 120.0));
        words.extend([("4", HEAD_X[0]), ("2", HEAD_X[1]), ("6", HEAD_X[3])].map(|(t, x)| figure(t, x, 119.93)));
        words.push(label("二、上年结转", 132.8));
        words.push(label("三、予以公开", 145.6));
        words.extend([("3", HEAD_X[0]), ("1", HEAD_X[1]), ("4", HEAD_X[3])].map(|(t, x)| figure(t, x, 145.53)));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc),
            strs(&[
                &["项目", "甲", "乙", "丙", "总计"],
                &["一、本年新收", "4", "2", "", "6"],
                &["二、上年结转", "", "", "", ""],
                &["三、予以公开", "3", "1", "", "4"],
            ])
        );
    }

    /// wkhtmltopdf sets a `——` under 其他 and one under 总计 close enough that pdftotext
    /// gives one word, `————`, over both cells: it was no figure (a mark of three or four
    /// dashes was not one), so it stood as a second label cell before the row's figures and
    /// was read as the row's first value, every figure a column off. It is a mark for each
    /// column whose centre it covers; a long mark inside one cell stays one.
    #[test]
    fn two_marks_run_together_over_two_cells_are_one_each() {
        let mut words = header_words(100.0);
        words.extend(row_words("一、收到", ["1", "2", "3", "6"], 115.0));
        words.extend(row_words("二、办结", ["1", "0", "", ""], 130.0));
        words.push(Word { text: "————".to_string(), x0: 292.0, x1: 352.0, y0: 130.0, y1: 140.0 });
        words.extend(row_words("三、其他", ["2", "0", "", "2"], 145.0));
        words.push(Word { text: "————".to_string(), x0: 285.0, x1: 310.0, y0: 145.0, y1: 155.0 });
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc),
            strs(&[
                &["项目", "甲", "乙", "丙", "总计"],
                &["一、收到", "1", "2", "3", "6"],
                &["二、办结", "1", "0", "——", "——"],
                &["三、其他", "2", "0", "————", "2"],
            ])
        );
    }

    #[test]
    fn blank_column_and_blank_row_keep_their_cells() {
        let mut words = header_words(100.0);
        words.extend(row_words("一、收到", ["1", "2", "", "3"], 115.0));
        words.extend(row_words("二、办结", ["4", "5", "", "9"], 130.0));
        words.extend(row_words("三、其他", ["", "", "", ""], 145.0));
        words.extend(row_words("四、结转", ["0", "0", "", "0"], 160.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc),
            strs(&[
                &["项目", "甲", "乙", "丙", "总计"],
                &["一、收到", "1", "2", "", "3"],
                &["二、办结", "4", "5", "", "9"],
                &["三、其他", "", "", "", ""],
                &["四、结转", "0", "0", "", "0"],
            ])
        );
    }

    /// A web page's title, left aligned and as wide as the text, set twice the body's size,
    /// ends its paragraph: the date under it is a paragraph of its own (it was read into the
    /// title). A paragraph's last characters wrapped to the next line stay in it, though a
    /// CJK font's box is a fifth taller than the Latin one's before it (boxes as
    /// wkhtmltopdf's PDFs give them).
    #[test]
    fn a_line_in_another_size_starts_a_paragraph() {
        let page = |words| build_document(vec![Page { height: 842.0, words }]);
        let w = |text: &str, x0, x1, y0, y1| Word { text: text.to_string(), x0, y0, x1, y1 };
        let title = "佛山市人力资源和社会保障局2021年政府信息公开工作年度报告";
        let doc = page(vec![
            w("当前位置：首页", 14.4, 120.0, 90.0, 103.4),
            w(title, 14.4, 545.2, 118.0, 144.7),
            w("发布日期：2022-01-22", 14.4, 113.6, 154.7, 168.0),
            w(
                "本报告根据《条例》编制，全文包括总体情况、主动公开政府信息情况和其他需要报告的事项。",
                14.4,
                569.9,
                190.0,
                203.4,
            ),
        ]);
        let paragraphs: Vec<&str> = doc.paragraphs().collect();
        assert_eq!(paragraphs[1..3], [title, "发布日期：2022-01-22"], "{paragraphs:?}");
        let doc = page(vec![
            w("2020年，本机关共收到政府信息公开申请3615件，无法提供1251", 32.8, 569.9, 299.7, 310.4),
            w("件。", 14.4, 32.8, 308.5, 321.9),
        ]);
        assert_eq!(
            doc.paragraphs().collect::<Vec<_>>(),
            ["2020年，本机关共收到政府信息公开申请3615件，无法提供1251件。"]
        );
    }

    /// A word box as pdftotext gives it, 15.6 high.
    fn boxed(text: &str, x0: f64, x1: f64, y0: f64) -> Word {
        Word { text: text.to_string(), x0, y0, x1, y1: y0 + 15.6 }
    }

    #[test]
    fn cells_spread_over_their_width_keep_their_characters() {
        // As LibreOffice sets pingtan-2019's table 二: 本年新 spread over each of two header
        // cells, the last 新 of the first cell nearer the second cell's centre; the
        // procurement amount's unit a little apart from its figure.
        let mut words = vec![
            boxed("信息内容", 62.2, 110.2, 141.1),
            boxed("本", 194.6, 206.6, 128.6),
            boxed("年", 241.3, 253.3, 128.6),
            boxed("新", 288.0, 300.0, 128.6),
            boxed("本", 305.4, 317.4, 128.6),
            boxed("年", 335.2, 347.2, 128.6),
            boxed("新", 365.1, 377.1, 128.6),
            boxed("对外公开总数量", 382.5, 466.5, 141.1),
            boxed("制作数量", 194.6, 242.6, 153.6),
            boxed("公开数量", 305.4, 353.4, 153.6),
        ];
        for (label, y) in [("规章", 183.3), ("规范性文件", 212.3)] {
            words.push(boxed(label, 62.2, 122.2, y));
            for x in [194.6, 305.4, 382.5] {
                words.push(boxed("0", x, x + 7.6, y));
            }
        }
        words.extend([
            boxed("第二十条第（九）项", 62.2, 170.2, 547.7),
            boxed("信息内容", 62.2, 110.2, 576.5),
            boxed("采购项目数量", 194.6, 266.6, 576.5),
            boxed("采购总金额", 305.4, 365.4, 576.5),
            boxed("政府集中采购", 62.2, 134.2, 603.9),
            boxed("135", 194.6, 217.4, 603.9),
            boxed("75394432.52", 305.4, 385.5, 603.9),
            boxed("元", 388.0, 400.0, 603.9),
        ]);
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[0], vec!["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]);
        assert_eq!(rows[1], vec!["规章", "0", "0", "0"]);
        assert!(
            rows.contains(&vec!["政府集中采购".to_string(), "135".to_string(), "75394432.52元".to_string()]),
            "{rows:?}"
        );
    }

    #[test]
    fn item_numbers_apart_from_spread_out_labels_are_kept() {
        // Table 三's rows with every label set out over its cell: each item number stands
        // apart from its label, and the numbers stack in a column like the characters of a
        // vertical label. They are the rows' numbers all the same.
        let mut words = Vec::new();
        for (k, (number, label, value)) in
            [("1.", "本机关不掌握", "7"), ("2.", "没有现成信", "0"), ("3.", "补正后申请", "5")].into_iter().enumerate()
        {
            let y = 100.0 + 30.0 * k as f64;
            words.push(boxed(number, 160.5, 171.9, y));
            for (i, c) in label.chars().enumerate() {
                let x = 174.1 + 14.2 * i as f64;
                words.push(boxed(&c.to_string(), x, x + 12.0, y));
            }
            words.push(boxed(value, 268.3, 275.9, y));
            words.push(boxed("0", 319.4, 327.0, y));
        }
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc),
            strs(&[&["1.本机关不掌握", "7", "0"], &["2.没有现成信", "0", "0"], &["3.补正后申请", "5", "0"]])
        );
    }

    #[test]
    fn a_unit_alone_in_its_figures_cell_joins_the_figure() {
        let at =
            |t: &str, x0: f64| Seg { text: t.to_string(), x0, y0: 0.0, x1: x0 + 12.0, y1: 15.6, numeric: is_value(t) };
        let texts = |segs: &[Seg]| segs.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
        // 元 at the far end of the amount's cell: nearer the amount's column than any other.
        let mut segs = vec![at("政府集中采购", 60.0), at("135", 200.0), at("75394432.52", 305.0), at("元", 470.0)];
        join_units_in_cell(&mut segs, &[206.0, 345.0]);
        assert_eq!(texts(&segs), ["政府集中采购", "135", "75394432.52元"]);
        assert_eq!(segs[2].x1, 317.0, "the figure keeps its box");
        // Nearer another column, or after no figure, or not a unit: left alone.
        let mut apart = vec![at("135", 200.0), at("元", 330.0)];
        join_units_in_cell(&mut apart, &[206.0, 345.0]);
        assert_eq!(texts(&apart), ["135", "元"]);
        let mut label = vec![at("规章", 60.0), at("元", 200.0), at("135", 300.0), at("件", 320.0)];
        join_units_in_cell(&mut label, &[206.0, 306.0]);
        assert_eq!(texts(&label), ["规章", "元", "135", "件"]);
    }

    #[test]
    fn group_headings_set_out_over_their_cells_are_no_columns() {
        // Table 三 as a page sets it when every cell is set out over its width (分散对齐):
        // 申请人情况 over all seven columns at a pitch wider than theirs, 法人或其他组织
        // over five at a narrower one, the column names wrapped one character a line.
        // Figures stand only in the first column; the others are blank (no value column
        // but the first tells the pitch of the columns).
        let columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];
        let xs = [344.0, 402.0, 448.0, 494.0, 540.0, 586.0, 632.0];
        let mut words = vec![boxed("三、收到和处理政府信息公开申请情况", 76.0, 280.0, 78.0)];
        for (k, c) in "申请人情况".chars().enumerate() {
            words.push(boxed(&c.to_string(), 344.0 + 77.0 * k as f64, 356.0 + 77.0 * k as f64, 126.7));
        }
        for (k, c) in "法人或其他组织".chars().enumerate() {
            words.push(boxed(&c.to_string(), 402.0 + 34.0 * k as f64, 414.0 + 34.0 * k as f64, 174.1));
        }
        words.push(boxed("（本列数据的勾稽关系）", 76.0, 305.0, 246.5));
        for (name, x) in columns.iter().zip(xs) {
            for (k, c) in name.chars().enumerate() {
                words.push(boxed(&c.to_string(), x, x + 12.0, 221.5 + 16.0 * k as f64));
            }
        }
        for (label, figure, y) in
            [("一、本年新收政府信息公开申请数量", "26", 340.0), ("二、上年结转政府信息公开申请数量", "0", 370.0)]
        {
            words.push(boxed(label, 76.0, 300.0, y));
            words.push(boxed(figure, 345.0, 345.0 + 6.0 * figure.len() as f64, y));
        }
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        let header =
            rows.iter().find(|r| r.iter().any(|c| c == "自然人")).unwrap_or_else(|| panic!("no header: {rows:?}"));
        assert_eq!(header[1..], columns.map(String::from), "{rows:?}");
        assert!(rows.iter().any(|r| r.iter().any(|c| c == "申请人情况")), "{rows:?}");
        assert!(rows.iter().any(|r| r.iter().any(|c| c == "法人或其他组织")), "{rows:?}");
        let first = rows.iter().find(|r| r[0].starts_with("一、")).expect("the first row");
        assert_eq!(first[1..], ["26", "", "", "", "", "", ""].map(String::from), "{rows:?}");
    }

    #[test]
    fn letter_spaced_characters_at_one_pitch_are_one_piece() {
        let seg_at =
            |t: &str, x0: f64| Seg { text: t.to_string(), x0, y0: 0.0, x1: x0 + 12.0, y1: 15.6, numeric: false };
        let texts = |segs: &[Seg]| segs.iter().map(|s| s.text.clone()).collect::<Vec<_>>();
        // Two runs at their own pitches, and a two-character pair that says nothing.
        let mut segs = vec![
            seg_at("本", 0.0),
            seg_at("年", 40.0),
            seg_at("新", 80.0),
            seg_at("总", 100.0),
            seg_at("数", 125.0),
            seg_at("量", 150.0),
        ];
        join_spread_out(&mut segs, &[5.0, 105.0, 205.0]);
        assert_eq!(texts(&segs), ["本年新", "总数量"]);
        assert_eq!((segs[0].x0, segs[0].x1, segs[1].x0, segs[1].x1), (0.0, 92.0, 100.0, 162.0));
        let mut pair = vec![seg_at("总", 0.0), seg_at("计", 40.0), seg_at("甲", 200.0)];
        join_spread_out(&mut pair, &[5.0, 205.0]);
        assert_eq!(texts(&pair), ["总", "计", "甲"]);
        // Figures and words of several characters are never joined this way.
        let mut mixed = vec![seg_at("1", 0.0), seg_at("2", 40.0), seg_at("3", 80.0), seg_at("自然人", 120.0)];
        for s in &mut mixed {
            s.numeric = is_value(&s.text);
        }
        join_spread_out(&mut mixed, &[5.0, 205.0]);
        assert_eq!(texts(&mixed), ["1", "2", "3", "自然人"]);
        // One character of each of three column names, over three value columns.
        let mut stacked = vec![seg_at("自", 0.0), seg_at("商", 40.0), seg_at("科", 80.0)];
        join_spread_out(&mut stacked, &[6.0, 46.0, 86.0]);
        assert_eq!(texts(&stacked), ["自", "商", "科"]);
        // The same with the first column blank in every row (over one value column): at
        // the columns' pitch all the same, so one character a column.
        join_spread_out(&mut stacked, &[46.0, 86.0]);
        assert_eq!(texts(&stacked), ["自", "商", "科"]);
        // Without two value columns nothing tells a cell's width: nothing is joined.
        let mut alone = vec![seg_at("本", 0.0), seg_at("年", 40.0), seg_at("新", 80.0)];
        join_spread_out(&mut alone, &[5.0]);
        assert_eq!(texts(&alone), ["本", "年", "新"]);
    }

    #[test]
    fn continued_table_keeps_the_columns_of_its_first_page() {
        let mut first = header_words(700.0);
        first.extend(row_words("一、收到", ["1", "2", "", "3"], 715.0));
        first.extend(row_words("二、办结", ["4", "5", "", "9"], 730.0));
        let mut second = row_words("三、其他", ["7", "8", "", "15"], 80.0);
        second.extend(row_words("四、结转", ["0", "0", "", "0"], 95.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[3], vec!["三、其他", "7", "8", "", "15"]);
        assert_eq!(rows[4], vec!["四、结转", "0", "0", "", "0"]);
    }

    /// A table whose narrow middle columns are blank on its next page (LibreOffice's print
    /// of seed 140 synth-00004: table 三's 科研机构 to 其他, narrower than 自然人 and 商业企业,
    /// with figures under 自然人, 商业企业 and 总计 only after the page break). The figures
    /// there stand at the first page's columns, but four blank columns had less room
    /// between 商业企业 and 总计 than the widest two figures' gap asks of columns that are
    /// candidates only: the page's rows were read in three columns and their cells went
    /// missing. A continued table's columns are no candidates: they are kept.
    #[test]
    fn narrow_blank_columns_of_a_continued_table_are_kept() {
        const XS: [f64; 7] = [300.0, 350.0, 390.0, 430.0, 470.0, 510.0, 550.0];
        let row = |label: &str, values: [&str; 7], y: f64| -> Vec<Word> {
            let mut ws = vec![word(label, 20.0, y)];
            ws.extend(values.iter().zip(XS).filter(|(v, _)| !v.is_empty()).map(|(v, x)| word(v, x - 5.0, y)));
            ws
        };
        let mut first = vec![word("项目", 20.0, 700.0)];
        first.extend(["甲", "乙", "丙", "丁", "戊", "己", "总计"].iter().zip(XS).map(|(t, x)| word(t, x, 700.0)));
        first.extend(row("一、收到", ["9", "8", "7", "6", "5", "4", "39"], 715.0));
        first.extend(row("二、办结", ["1", "2", "3", "4", "5", "6", "21"], 730.0));
        let mut second = row("三、其他", ["1", "1", "", "", "", "", "2"], 80.0);
        second.extend(row("四、结转", ["3", "", "", "", "", "", "3"], 95.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[3], vec!["三、其他", "1", "1", "", "", "", "", "2"], "{rows:?}");
        assert_eq!(rows[4], vec!["四、结转", "3", "", "", "", "", "", "3"], "{rows:?}");
    }

    /// Table 四's one row has no label, and in a table that prints blanks for 0 its first
    /// columns may be blank: their header words stood left of the first figure, were taken
    /// for the label column's header, and the row was read with too few columns
    /// (LibreOffice's print of seed 113 synth-00015: `1 ∅ ∅ ∅ 1 1 ∅ ∅ ∅ 1` for fifteen). A
    /// row without a label has no label column: every header word may name a column.
    #[test]
    fn a_row_without_a_label_takes_the_header_words_left_of_its_first_figure() {
        let mut words: Vec<Word> =
            ["甲", "乙", "丙", "总计"].iter().zip(HEAD_X).map(|(t, x)| word(t, x, 100.0)).collect();
        words.extend([word("5", HEAD_X[2] - 5.0, 115.0), word("5", HEAD_X[3] - 5.0, 115.0)]);
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows.last(), Some(&strs(&[&["", "", "5", "5"]])[0]), "{rows:?}");
    }

    /// A minus sign set in another font than its full-width figure (`-` and `６`, two words
    /// touching): one signed figure. Read apart, the row had four values for three
    /// columns and its cells were missing (LibreOffice's print of seed 139 synth-00010).
    /// A mark of none in a cell of its own stands apart from the next cell's figure.
    #[test]
    fn a_sign_touching_its_figure_is_one_figure() {
        let minus = Word { text: "-".into(), x0: 152.1, y0: 524.4, x1: 156.06, y1: 538.6 };
        let six = Word { text: "６".into(), x0: 156.1, y0: 524.8, x1: 166.6, y1: 538.5 };
        let words =
            vec![word("行政", 72.0, 525.0), word("202", 112.0, 524.5), minus.clone(), six, word("49", 192.0, 524.5)];
        let lines = build_lines(&Page { height: 842.0, words });
        let texts: Vec<&str> = lines[0].segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["行政", "202", "-６", "49"]);
        let apart = vec![word("行政", 72.0, 525.0), word("202", 112.0, 524.5), minus, word("6", 172.0, 524.5)];
        let lines = build_lines(&Page { height: 842.0, words: apart });
        let texts: Vec<&str> = lines[0].segs.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["行政", "202", "-", "6"]);
    }

    /// A table continued on a new page whose first lines are a tall row's label wrapped two
    /// characters a line, in two columns (`（六` beside `1、申`), with no figure beside them:
    /// they were taken for a header of two columns, which replaced the table's columns, and
    /// the rows after them, figures under some columns only, were read with too few
    /// (LibreOffice's print of seed 137 synth-00013: 其他处理's rows and 总计 missing). Lines
    /// that name fewer columns than the continued table has keep its columns.
    #[test]
    fn label_lines_without_figures_keep_a_continued_tables_columns() {
        let mut words = Vec::new();
        for (k, (group, item)) in
            [("（六", "1、申"), ("）其", "请人"), ("他处", "逾期"), ("理", "不补")].iter().enumerate()
        {
            let y = 80.0 + 12.0 * k as f64;
            words.extend([word(group, 60.0, y), word(item, 100.0, y)]);
        }
        let lines = build_lines(&Page { height: 842.0, words });
        let table = Layout { centers: HEAD_X.iter().map(|x| x + 5.0).collect(), header_only: false, set_at_top: None };
        let (_, _, layout, _) = build_band(&lines, true, Some((&table, &[])), &mut Vec::new());
        assert_eq!(layout, Some(table.clone()));
        // A band of its own, not continuing a table: its columns are its own.
        let (_, _, layout, _) = build_band(&lines, false, None, &mut Vec::new());
        assert!(layout.is_some_and(|l| l.header_only && l.centers.len() == 2));
    }

    /// A header at a page's foot with its rows on the next page, which opens with the
    /// header's last line (the kinds' wrapped ends, over some columns only): in a table
    /// that prints blanks for 0, the figures stand under some columns only, and that line
    /// names too few columns to place them. The header's columns from the page before
    /// place them (LibreOffice's print of seed 113 synth-00049: `25 6 1 1 33` was read as
    /// five columns of seven, and table 三 was missing).
    #[test]
    fn a_header_continued_over_a_page_break_gives_its_columns_to_the_rows_under_it() {
        // The header's label cell holds a long note, wider than any column.
        let mut first = vec![word("三、收到和处理申请情况", 20.0, 740.0), word("（本列数据的勾稽关系）", 20.0, 760.0)];
        first.extend(["甲", "乙", "丙", "总计"].iter().zip(HEAD_X).map(|(t, x)| word(t, x, 760.0)));
        first.extend(HEAD_X.iter().map(|&x| word("数量", x, 775.0)));
        let mut second = vec![word("项目", 20.0, 80.0), word("件", HEAD_X[0], 80.0), word("件", HEAD_X[3], 80.0)];
        second.extend(row_words("一、收到", ["1", "2", "", "3"], 95.0));
        second.extend(row_words("二、办结", ["4", "", "", "4"], 110.0));
        second.extend(row_words("三、其他", ["7", "8", "", "15"], 125.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        let row = |label: &str| rows.iter().find(|r| r[0] == label).cloned();
        assert_eq!(row("一、收到"), Some(strs(&[&["一、收到", "1", "2", "", "3"]]).remove(0)), "{rows:?}");
        assert_eq!(row("二、办结"), Some(strs(&[&["二、办结", "4", "", "", "4"]]).remove(0)), "{rows:?}");
    }

    /// A block's last row whose label a page break cut (`行政` / `强制`), its end opening the
    /// next page right above the next block's caption: the end goes back to its row. It
    /// was read into the next block's header (`强制信息内容`), and 行政强制 was missing
    /// (LibreOffice's prints of 16 reports of seeds 101–139).
    #[test]
    fn the_end_of_a_label_cut_above_the_next_blocks_caption_goes_back_to_its_row() {
        // Two pages: a block whose last row is 行政, then `top` above the next caption.
        let read = |top: Word| {
            let mut first = header_words(700.0);
            first.extend(row_words("行政处罚", ["1", "2", "", "3"], 715.0));
            first.extend(row_words("行政", ["4", "5", "", "9"], 730.0));
            let mut second = vec![top, word("第二十条第（八）项", 20.0, 100.0)];
            second.extend(header_words(115.0));
            second.extend(row_words("行政事业性收费", ["7", "8", "", "15"], 130.0));
            table_rows(&build_document(vec![
                Page { height: 842.0, words: first },
                Page { height: 842.0, words: second },
            ]))
        };
        let rows = read(word("强制", 20.0, 80.0));
        assert!(rows.contains(&strs(&[&["行政强制", "4", "5", "", "9"]])[0]), "{rows:?}");
        assert!(rows.iter().all(|r| !r.iter().skip(1).any(|c| c.contains("强制"))), "{rows:?}");
        assert!(rows.iter().any(|r| r[0] == "第二十条第（八）项"), "{rows:?}");
        // A line over the value columns is no label's end.
        let rows = read(word("（续表）", 250.0, 80.0));
        assert!(rows.contains(&strs(&[&["行政", "4", "5", "", "9"]])[0]), "{rows:?}");
    }

    /// A numbered row's label that a page break cuts, its end opening the next page above
    /// the next row: the end goes back to its row. The label's CJK box reaches a point into
    /// the next row's figures (LibreOffice's boxes): that is not beside them, and the end
    /// is no prefix of the next row's label (`程性信息7.属于…`, no row of the template).
    #[test]
    fn the_end_of_a_label_a_page_break_cut_goes_back_to_its_row() {
        let mut first = header_words(700.0);
        first.extend(row_words("1.收到", ["1", "2", "", "3"], 715.0));
        first.extend(row_words("2.属于四类过", ["4", "5", "", "9"], 730.0));
        let mut second =
            vec![word("程性", 20.0, 80.0), Word { text: "信息".into(), x0: 20.0, y0: 91.0, x1: 40.0, y1: 101.9 }];
        second.extend(row_words("3.其他", ["7", "8", "", "15"], 101.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[2], vec!["2.属于四类过程性信息", "4", "5", "", "9"], "{rows:?}");
        assert_eq!(rows[3], vec!["3.其他", "7", "8", "", "15"], "{rows:?}");
    }

    /// A table that prints no 0, continued on a page with no figure on it: its rows' labels
    /// wrapped two characters a line down the page, numbered. They were read as the
    /// table's header, all of it one cell (`程性信息7、属于行政执法案卷8、属于…`), and the
    /// rows were not read (LibreOffice's print of seed 611 synth-00004: 13 rows of table
    /// 三). They are the table's rows, their cells blank in its columns; the lines above the
    /// first numbered label end the last row of the page before.
    #[test]
    fn a_page_of_labels_alone_continuing_a_table_is_its_rows_with_blank_cells() {
        let mut first = header_words(700.0);
        first.extend(row_words("1、收到", ["2", "1", "3", "6"], 715.0));
        first.push(word("2、属于四类过", 20.0, 730.0));
        // The rows' labels, and beside some of them a group's label written down its cell.
        let second = |third: &str, fourth: &str| {
            let mut words = Vec::new();
            let pieces = ["程性", "信息", third, "于行", "政执", fourth, "于行", "政查"];
            for (k, t) in pieces.iter().enumerate() {
                words.push(word(t, 60.0, 80.0 + 12.0 * k as f64));
            }
            for (k, t) in ["（四", "）无", "法提", "供"].iter().enumerate() {
                words.push(word(t, 20.0, 104.0 + 12.0 * k as f64));
            }
            words
        };
        let read = |first: Vec<Word>, second: Vec<Word>| {
            table_rows(&build_document(vec![
                Page { height: 842.0, words: first },
                Page { height: 842.0, words: second },
            ]))
        };
        let rows = read(first.clone(), second("3、属", "4、属"));
        assert_eq!(
            rows[1..],
            strs(&[
                &["1、收到", "2", "1", "3", "6"],
                &["2、属于四类过程性信息", "", "", "", ""],
                &["3、属于行政执", "", "", "", ""],
                &["4、属于行政查", "", "", "", ""]
            ]),
            "{rows:?}"
        );
        // A group's label on one line beside its rows is their group's: it joins the row it
        // stands beside, not the end of the last row of the page before.
        let mut grouped = second("3、属", "4、属");
        grouped.retain(|w| w.x0 > 30.0);
        grouped.push(word("（四）", 20.0, 116.0));
        let rows = read(first.clone(), grouped);
        assert_eq!(rows[2], strs(&[&["2、属于四类过程性信息", "", "", "", ""]])[0], "{rows:?}");
        assert_eq!(rows[3], strs(&[&["（四）", "3、属于行政执", "", "", "", ""]])[0], "{rows:?}");
        // No numbered label on the page: nothing tells where its rows start, and its lines
        // are not read as rows, nor as the end of the last row's label.
        let rows = read(first, second("3属", "4属"));
        assert!(rows.iter().any(|r| r[0] == "2、属于四类过"), "{rows:?}");
        assert!(rows.iter().all(|r| r.len() != 5 || !r[0].contains("3属")), "{rows:?}");
        // A header alone on the page before (its rows all on the next) gives no columns to
        // trust for rows of labels alone: the lines are not read as rows.
        let rows = read(header_words(700.0), second("3、属", "4、属"));
        assert!(rows.iter().all(|r| r[0] != "3、属于行政执"), "{rows:?}");
    }

    /// A narrow table sets a row's figure closer to its label than a wide gap (`2．重` 12
    /// points before `3`, in a font 14 high): only the rows with a figure further right were
    /// tabular, and the region ended at the last of them, so the rows below read as prose
    /// (LibreOffice's print of seed 605 synth-00004: 不予处理's rows and those after them,
    /// 63 cells). A label with figures in the columns of the region's figures is a row.
    #[test]
    fn a_row_whose_figure_stands_close_to_its_label_stays_in_the_table() {
        let row = |label: &str, figures: &[(&str, f64)], y: f64| {
            let mut words = vec![word(label, 20.0, y)];
            words.extend(figures.iter().map(|(t, x)| word(t, *x, y)));
            words
        };
        let mut words = row("1、甲", &[("5", 52.0), ("1", 100.0)], 100.0);
        words.extend(row("2、乙", &[("3", 52.0)], 115.0));
        words.extend(row("3、丙", &[("4", 52.0)], 130.0));
        // A figure in no column of the table's, as close to its label: no row of it.
        words.extend([word("4、丁", 25.0, 145.0), word("7", 58.0, 145.0)]);
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc),
            strs(&[&["1、甲", "5", "1"], &["2、乙", "3", ""], &["3、丙", "4", ""]]),
            "{:?}",
            doc.blocks
        );
    }

    /// The rows of the table the page-break tests cut after 一、收到: its header, then
    /// 一、收到 on the first page and 二、办结 on the second.
    fn received_then_done() -> Vec<Vec<String>> {
        strs(&[&["项目", "甲", "乙", "丙", "总计"], &["一、收到", "1", "2", "", "3"], &["二、办结", "4", "5", "", "9"]])
    }

    #[test]
    fn running_heads_and_feet_do_not_break_a_continued_table() {
        let mut first = vec![word("示例局年度报告", 20.0, 30.0), word("示例局第1页", 20.0, 800.0)];
        first.extend(header_words(700.0));
        first.extend(row_words("一、收到", ["1", "2", "", "3"], 715.0));
        let mut second = vec![word("示例局年度报告", 20.0, 30.0), word("示例局第2页", 20.0, 800.0)];
        second.extend(row_words("二、办结", ["4", "5", "", "9"], 80.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        assert_eq!(table_rows(&doc), received_then_done());
        assert!(doc.blocks.iter().all(|b| !matches!(b, Block::Paragraph(t) if t.contains("示例局"))));
    }

    /// A footer's page number set as a field between dashes (`- 1 -`) comes out as three
    /// words, the figure under a value column: it is no row of the table a page break cuts.
    /// Read as one, its `1` went to the row whose label the page break cut (seven cells
    /// wrong in LibreOffice prints of Word files with such a footer).
    #[test]
    fn a_page_number_of_several_words_is_no_row() {
        for foot in [&["-", "1", "-"][..], &["第", "1", "页", "共", "2", "页"]] {
            let mut first = header_words(700.0);
            first.extend(row_words("一、收到", ["1", "2", "", "3"], 715.0));
            first.push(word("二、办", 20.0, 730.0));
            let mut x = 190.0;
            for w in foot {
                first.push(word(w, x, 800.0));
                x += 12.0;
            }
            let mut second = vec![word("结", 20.0, 80.0)];
            second.extend(row_words("三、结转", ["4", "5", "", "9"], 95.0));
            let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
            let rows = table_rows(&doc);
            assert!(rows.iter().flatten().all(|c| !c.contains('-') && !c.contains('页')), "{foot:?}: {rows:?}");
            assert_eq!(rows.iter().flatten().filter(|c| c.as_str() == "1").count(), 1, "{foot:?}: {rows:?}");
        }
    }

    /// A footer of the page's number alone (`2`, Word's plain PAGE field), standing under a
    /// value column at a page's foot: dropped as a page number, since the figures of two
    /// pages run with the pages. Left in, it was a figure of the row the page break cut.
    /// A lone figure in the foot band of one page only stays what it is.
    #[test]
    fn a_bare_page_number_running_with_the_pages_is_no_figure() {
        let page = |n: &str, rows: &[(&str, [&str; 4], f64)], top: Vec<Word>| {
            let mut words = top;
            for (label, values, y) in rows {
                words.extend(row_words(label, *values, *y));
            }
            if !n.is_empty() {
                words.push(word(n, 298.0, 800.0));
            }
            Page { height: 842.0, words }
        };
        let pages = |n1: &str, n2: &str| {
            vec![
                page(n1, &[("一、收到", ["1", "2", "", "3"], 715.0)], header_words(700.0)),
                page(n2, &[("二、办结", ["4", "5", "", "9"], 80.0)], Vec::new()),
            ]
        };
        let doc = build_document(pages("2", "3"));
        assert_eq!(table_rows(&doc), received_then_done());
        // Figures that do not run with the pages are kept.
        let doc = build_document(pages("7", "6"));
        let all: Vec<String> = table_rows(&doc).into_iter().flatten().collect();
        assert!(all.iter().any(|c| c == "7") && all.iter().any(|c| c == "6"), "{all:?}");
        // So are figures in step on two of four pages: page numbers stand on most pages.
        let mut four = pages("2", "3");
        four.push(page("", &[("三、结转", ["6", "", "", "6"], 80.0)], Vec::new()));
        four.push(page("", &[("四、其他", ["7", "", "", "7"], 80.0)], Vec::new()));
        let all: Vec<String> = table_rows(&build_document(four)).into_iter().flatten().collect();
        assert_eq!(all.iter().filter(|c| c.as_str() == "2").count(), 2, "{all:?}");
    }

    #[test]
    fn a_row_printed_at_two_heights_is_one_row() {
        // A wrapped label: 总计 aligned to the cell top, the other values centred.
        let mut words = header_words(100.0);
        words.extend(row_words("1.甲乙丙丁", ["", "", "", "3"], 115.0));
        words.push(word("戊己", 20.0, 127.0));
        words.extend(row_words("", ["1", "2", "", ""], 122.0).into_iter().skip(1));
        words.extend(row_words("2.庚辛", ["4", "5", "", "9"], 142.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1], vec!["1.甲乙丙丁戊己", "1", "2", "", "3"]);
        assert_eq!(rows[2], vec!["2.庚辛", "4", "5", "", "9"]);
    }

    /// A figure set a few points above the rest of its row, in a smaller size (the first
    /// row of a page in a table a page break cut, as wkhtmltopdf prints pingtan-2019's web
    /// page; word boxes copied from that PDF) overlaps its row by more than half its
    /// height: one row, though the label is centred beside both parts.
    #[test]
    fn a_figure_a_little_above_its_row_is_in_its_row() {
        let w = |text: &str, x0: f64, y0: f64, x1: f64, y1: f64| Word { text: text.to_string(), x0, y0, x1, y1 };
        let first = vec![
            w("第二十条第（一）项", 19.08, 759.27, 102.06, 770.88),
            w("信息内容", 19.08, 792.12, 55.96, 803.73),
            w("本年新", 117.80, 781.74, 145.47, 793.36),
            w("本年新", 200.76, 781.74, 228.42, 793.36),
            w("制作数量", 117.80, 801.91, 154.69, 813.53),
            w("公开数量", 200.76, 801.91, 237.65, 813.53),
            w("对外公开总数量", 261.29, 792.12, 325.84, 803.73),
        ];
        let second = vec![
            w("0", 117.80, 10.86, 122.57, 19.58),
            w("规章", 19.08, 14.70, 37.52, 26.32),
            w("0", 200.76, 15.02, 206.63, 25.76),
            w("0", 261.29, 15.02, 267.16, 25.76),
            w("89", 117.80, 35.77, 129.53, 46.50),
            w("89", 200.76, 35.77, 212.49, 46.50),
            w("89", 261.29, 35.77, 273.02, 46.50),
            w("规范性文件", 19.08, 35.45, 65.18, 47.06),
        ];
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows: Vec<Vec<String>> = table_rows(&doc).into_iter().filter(|r| r.len() > 1).collect();
        let figures = |r: &Vec<String>| r.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>();
        assert_eq!(figures(&rows[rows.len() - 2]), ["规章", "0", "0", "0"], "{rows:?}");
        assert_eq!(figures(&rows[rows.len() - 1]), ["规范性文件", "89", "89", "89"], "{rows:?}");
    }

    /// 无 (n.a.) set lower than the rest of its row by its font (wkhtmltopdf sets the
    /// radical ⽆ of a fallback font half a line down): a line of it alone among the rows is
    /// the row's, not a header over the value columns starting a table of its own. Before,
    /// the row above read its cell blank (seed 101 synth-00353, three cells).
    #[test]
    fn na_set_lower_than_its_row_is_in_its_row() {
        let mut words = header_words(100.0);
        words.extend(row_words("一、收到", ["1", "2", "无", ""], 115.0));
        words.push(word("无", HEAD_X[3] - 5.0, 119.5));
        words.extend(row_words("二、办结", ["4", "5", "6", "15"], 140.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1], vec!["一、收到", "1", "2", "无", "无"], "{rows:?}");
        assert_eq!(rows[2], vec!["二、办结", "4", "5", "6", "15"], "{rows:?}");
    }

    /// The same under a table's last row, with a figure beside it in a narrow column (`⽆ 1`
    /// closer together than the columns' gap elsewhere): a line of figures and 无 is a line
    /// of the table, not prose. Before, the table ended above it and its 其他 and 总计 were
    /// read blank (seed 53 synth-00022).
    #[test]
    fn figures_and_na_set_lower_under_the_last_row_end_the_table() {
        const X: [f64; 4] = [200.0, 225.0, 250.0, 267.0];
        let row = |label: &str, values: [&str; 4], y: f64| {
            let mut ws = vec![word(label, 20.0, y)];
            ws.extend(values.iter().zip(X).filter(|(v, _)| !v.is_empty()).map(|(v, x)| word(v, x, y)));
            ws
        };
        let mut words = row("一、收到", ["1", "2", "3", "6"], 100.0);
        words.extend(row("二、转入", ["2", "0", "0", "2"], 125.0));
        words.extend(row("三、结转", ["4", "5", "", ""], 150.0));
        // 7 points apart, less than 0.9 of a line: no wide gap makes the line a table's.
        words.extend([word("无", X[2] - 3.0, 155.0), word("1", X[3] - 3.0, 155.0)]);
        words.push(word("四、政府信息公开行政复议、行政诉讼情况", 20.0, 190.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows.last().unwrap(), &vec!["三、结转", "4", "5", "无", "1"], "{rows:?}");
    }

    /// A figure of two lines centred in its cell: its first line half a line above the
    /// row's other figures, its second half a line below (s11-synth-00197 printed by
    /// wkhtmltopdf: `２１` over `２`, 212). One figure of its row; before, `２１` made a row
    /// of its own (the label's, the rest blank) and `２` went to the figures' row.
    #[test]
    fn a_figure_of_two_lines_centred_in_its_cell_is_one_figure() {
        // 一、收到 with `figures` and the two lines of its 总计, then 二、办结 in full.
        let read = |figures: [&str; 4], upper: Word, lower: Word| {
            let mut words = header_words(100.0);
            words.extend(row_words("一、收到", figures, 115.0));
            words.extend([upper, lower]);
            words.extend(row_words("二、办结", ["4", "5", "6", "15"], 140.0));
            let doc = build_document(vec![Page { height: 842.0, words }]);
            (table_rows(&doc), doc)
        };
        let (rows, doc) =
            read(["1", "2", "3", ""], word("21", HEAD_X[3] - 5.0, 109.5), word("2", HEAD_X[3] - 2.5, 120.0));
        assert_eq!(rows[1], vec!["一、收到", "1", "2", "3", "21\n2"], "{rows:?}");
        assert_eq!(rows[2], vec!["二、办结", "4", "5", "6", "15"], "{rows:?}");
        assert!(doc.warnings.iter().any(|w| w.contains("21 / 2")), "{:?}", doc.warnings);
        // Chromium's print (a generated page, synth-00295 of seed 41): `５８` over two lines
        // whose middles stand a third of a line apart. Before, 8 was read and ５ lost.
        let (rows, _) =
            read(["1", "2", "3", ""], word("５", HEAD_X[3] - 3.5, 109.5), word("８", HEAD_X[3] - 6.5, 120.0));
        assert_eq!(rows[1], vec!["一、收到", "1", "2", "3", "５\n８"], "{rows:?}");
        // A paragraph with a first-line indent in a narrow cell, set in the middle of its
        // row (Chromium's A5 print of pingtan-2021: `3` a line above the row and nearly a
        // character right of `0` a line below it, 0.4 of a line between them). Before, the
        // 0 was read as the total and the 3 as a row of its own.
        let (rows, _) =
            read(["27", "2", "1", ""], word("3", HEAD_X[3] + 4.2, 108.1), word("0", HEAD_X[3] - 5.0, 121.9));
        assert_eq!(rows[1], vec!["一、收到", "27", "2", "1", "3\n0"], "{rows:?}");
        assert_eq!(rows[2], vec!["二、办结", "4", "5", "6", "15"], "{rows:?}");
        // Figures one under the other in rows of their own (other figures beside each) stay apart.
        let mut words = header_words(100.0);
        words.extend(row_words("一、收到", ["1", "2", "3", "21"], 115.0));
        words.extend(row_words("二、办结", ["4", "5", "6", "2"], 126.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1][4], "21", "{rows:?}");
        assert_eq!(rows[2][4], "2", "{rows:?}");
    }

    /// A row cut by a page's foot, some of its cells printed at the top of the next page
    /// (a browser's print of a web page; s11-synth-00141: `1.信访… － － 0 0 0` on one page,
    /// `０ ０` opening the next): the cells go back to the row's empty cells. Before, the
    /// row's last two cells were read blank where the report says 0.
    #[test]
    fn cells_a_page_break_pushed_to_the_next_page_go_back_to_their_row() {
        // The table's rows: 1.信访举报 printed with `last` ending one page, `0 1` (no
        // label) and 2.重复申请 opening the next.
        let read = |last: [&str; 4]| {
            let mut first = header_words(700.0);
            first.extend(row_words("一、收到", ["1", "2", "3", "6"], 715.0));
            first.extend(row_words("1.信访举报", last, 800.0));
            let mut second: Vec<Word> = row_words("", ["", "", "0", "1"], 12.0).into_iter().skip(1).collect();
            second.extend(row_words("2.重复申请", ["7", "8", "0", "15"], 40.0));
            let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
            (table_rows(&doc), doc.warnings)
        };
        let (rows, warnings) = read(["1", "0", "", ""]);
        let at = rows.iter().position(|r| r[0] == "1.信访举报").expect("the row");
        assert_eq!(rows[at], vec!["1.信访举报", "1", "0", "0", "1"], "{rows:?}");
        assert_eq!(rows[at + 1], vec!["2.重复申请", "7", "8", "0", "15"], "{rows:?}");
        assert!(warnings.iter().any(|w| w.contains("cut by a page break")), "{warnings:?}");
        // Figures that would fill a cell the row has: a row of their own, not put back.
        let (rows, _) = read(["1", "0", "5", ""]);
        let at = rows.iter().position(|r| r[0] == "1.信访举报").expect("the row");
        assert_eq!(rows[at], vec!["1.信访举报", "1", "0", "5", ""], "{rows:?}");
    }

    /// Two figures in cells side by side that pdftotext ran into one word, one written in
    /// full-width digits and the other not (`１２1028`: s7-synth-00036 printed by
    /// wkhtmltopdf; read whole, 121028 went to 总计 and 其他 read blank): two words, each
    /// with its share of the box. A word of one width stays whole.
    #[test]
    fn figures_of_two_widths_run_together_are_two_figures() {
        let w = Word { text: "１２1028".into(), x0: 536.7, y0: 98.8, x1: 579.2, y1: 110.5 };
        let parts = split_mixed_digits(&w);
        let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["１２", "1028"]);
        assert!((parts[0].x1 - 554.6).abs() < 1.0 && parts[1].x0 == parts[0].x1, "{parts:?}");
        assert!((parts[1].x1 - 579.2).abs() < 1e-9);
        for whole in ["１２", "1028", "12万元", "２０２０年"] {
            let w = Word { text: whole.into(), x0: 0.0, y0: 0.0, x1: 10.0, y1: 10.0 };
            assert_eq!(split_mixed_digits(&w).len(), 1, "{whole}");
        }
        // A full-width figure wrapped in its cell is read whole like any other.
        let mut words = header_words(100.0);
        words.extend(row_words("1.甲", ["１０", "5", "", "１０"], 115.0));
        words.extend(row_words("", ["８６", "", "", "８６"], 124.0).into_iter().skip(1));
        words.extend(row_words("2.乙", ["7", "8", "", "15"], 140.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        let row = rows.iter().find(|r| r[0] == "1.甲").unwrap_or_else(|| panic!("{rows:?}"));
        let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
        assert_eq!(filled, ["1.甲", "１０\n８６", "5", "１０\n８６"], "{rows:?}");
    }

    /// A row a page break cut between its label and its figures (a browser's print of
    /// pingtan-2021's page on B5 paper: `（二）部分公开（区分处理` ends a page with no
    /// figure, `的，只计这一情形…` and `5 0 … 5` open the next): one row, its label joined.
    /// Before, the label's row read blank where the report says 5, and the figures went
    /// to a label that names no row. A row of blanks at a page's foot followed by the next
    /// item stays a row of its own.
    #[test]
    fn a_label_cut_from_its_figures_by_a_page_break_gets_them_back() {
        let mut first = header_words(700.0);
        first.extend(row_words("（一）予以公开", ["27", "0", "1", "28"], 715.0));
        first.push(word("（二）部分公开（区分处理", 20.0, 728.0));
        let mut second = row_words("的，只计这一情形）", ["5", "0", "0", "5"], 12.0);
        second.extend(row_words("1.属于国家秘密", ["0", "0", "0", "0"], 30.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        let cut = rows.iter().find(|r| r[0].starts_with("（二）")).unwrap_or_else(|| panic!("{rows:?}"));
        assert_eq!(
            cut[..],
            ["（二）部分公开（区分处理的，只计这一情形）", "5", "0", "0", "5"].map(String::from),
            "{rows:?}"
        );
        assert!(rows.iter().all(|r| !r[0].starts_with("的")), "{rows:?}");
        assert!(
            doc.warnings.iter().any(|w| w.contains("cut by a page break before their figures")),
            "{:?}",
            doc.warnings
        );

        let mut first = header_words(700.0);
        first.extend(row_words("（一）予以公开", ["27", "0", "1", "28"], 715.0));
        first.push(word("（二）部分公开", 20.0, 728.0));
        let mut second = row_words("1.属于国家秘密", ["5", "0", "0", "5"], 12.0);
        second.extend(row_words("2.其他", ["0", "0", "0", "0"], 30.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert!(rows.iter().any(|r| r[0] == "（二）部分公开" && r[1..].iter().all(String::is_empty)), "{rows:?}");
        assert!(rows.iter().any(|r| r[0] == "1.属于国家秘密" && r[1] == "5"), "{rows:?}");
    }

    /// A row label wrapped in a narrow cell, cut by a page break after its first line, in a
    /// table whose cells set their text at the top (a tall label's first line stands beside
    /// its figures): the next page opens with the label's end (`处罚`), right above the
    /// next row (`行政` beside its figures, `强制`). Before, the end was read as the first
    /// line of that row's label (`处罚行政强制`), and `行政`'s figures named no row.
    #[test]
    fn the_end_of_a_label_a_page_break_cut_is_the_row_above_in_cells_set_at_the_top() {
        let mut first = header_words(660.0);
        first.extend(row_words("其他对", ["4", "0", "1", "5"], 695.0));
        first.push(word("外管理", 20.0, 706.0));
        first.push(word("服务事项", 20.0, 717.0));
        first.extend(row_words("行政", ["42", "3", "1", "46"], 735.0));
        let mut second = vec![word("处罚", 20.0, 12.0)];
        second.extend(row_words("行政", ["17", "1", "0", "18"], 24.0));
        second.push(word("强制", 20.0, 35.0));
        let pages = |first: &Vec<Word>, second: &Vec<Word>| {
            vec![Page { height: 842.0, words: first.clone() }, Page { height: 842.0, words: second.clone() }]
        };
        let doc = build_document(pages(&first, &second));
        let rows = table_rows(&doc);
        assert!(rows.iter().any(|r| r[..] == ["行政处罚", "42", "3", "1", "46"].map(String::from)), "{rows:?}");
        assert!(rows.iter().any(|r| r[..] == ["行政强制", "17", "1", "0", "18"].map(String::from)), "{rows:?}");
        assert!(
            doc.warnings.iter().any(|w| w.contains("opening a page") && w.contains("行政 / 处罚")),
            "{:?}",
            doc.warnings
        );

        // Cells set in the middle (the tall label starts above its figures): nothing tells
        // where `处罚` belongs, and it is not moved up.
        first.iter_mut().filter(|w| ["其他对", "外管理", "服务事项"].contains(&w.text.as_str())).for_each(|w| {
            w.y0 -= 11.0;
            w.y1 -= 11.0;
        });
        let doc = build_document(pages(&first, &second));
        let rows = table_rows(&doc);
        assert!(!rows.iter().any(|r| r[0] == "行政处罚"), "{rows:?}");
    }

    /// The end of a table's last row label, cut by a page break and opening the next page
    /// right above the next heading (`行政事业性收` / `费`, then 三、收到和处理…): joined back,
    /// with a note. Before, `费` was a paragraph, and the row's label named no row. A line
    /// followed by prose stays prose.
    #[test]
    fn the_end_of_a_tables_last_label_opening_a_page_before_a_heading_is_that_rows() {
        let mut first = header_words(700.0);
        first.extend(row_words("行政许可", ["1", "2", "3", "6"], 715.0));
        first.extend(row_words("行政事业性收", ["0", "0", "0", "0"], 735.0));
        let second = |after: &str| {
            vec![
                word("费", 20.0, 12.0),
                word(after, 20.0, 40.0),
                word("下一页的正文继续说明本年度的工作情况。", 20.0, 55.0),
            ]
        };
        let pages = |second: Vec<Word>| {
            vec![Page { height: 842.0, words: first.clone() }, Page { height: 842.0, words: second }]
        };
        let doc = build_document(pages(second("三、收到和处理政府信息公开申请情况")));
        let rows = table_rows(&doc);
        assert!(rows.iter().any(|r| r[0] == "行政事业性收费" && r[1] == "0"), "{rows:?}");
        assert!(!doc.paragraphs().any(|p| p == "费"), "{:?}", doc.blocks);
        assert!(doc.warnings.iter().any(|w| w.contains("行政事业性收 / 费")), "{:?}", doc.warnings);

        let doc = build_document(pages(second("本机关全年未收到政府信息公开申请。")));
        assert!(table_rows(&doc).iter().any(|r| r[0] == "行政事业性收"), "{:?}", doc.blocks);
    }

    /// Label lines opening a page above its first figures, when no table ends the page
    /// before (its last row read as prose), stay in the text as a paragraph; before, they
    /// were dropped.
    #[test]
    fn label_lines_opening_a_page_with_no_table_before_them_are_kept() {
        let first = vec![word("全年共收到政府信息公开申请十件，均已按期答复，无逾期情况。", 20.0, 700.0)];
        let mut second = vec![word("正当理由大量反复申请", 20.0, 12.0)];
        second.extend(row_words("5．要求确认", ["1", "0", "0", "1"], 24.0));
        second.extend(row_words("6．其他", ["0", "1", "0", "1"], 40.0));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        assert!(doc.paragraphs().any(|p| p.contains("正当理由大量反复申请")), "{:?}", doc.blocks);
        assert!(table_rows(&doc).iter().any(|r| r[0] == "5．要求确认" && r[1] == "1"), "{:?}", doc.blocks);
    }

    /// A label set a little higher than its figures (overlapping them by less than half its
    /// height; a browser's print of pingtan-2021 on Letter paper: 行政规范性文件 8 points
    /// above 69 3 665) is that row's label, not the rest of the label above it (规章's row
    /// once read 规章行政规范性文件, and 69 3 665 went unlabelled).
    #[test]
    fn a_label_a_little_above_its_figures_is_their_rows() {
        let mut words = header_words(100.0);
        words.extend(row_words("规章", ["0", "0", "1", "0"], 115.0));
        words.push(word("行政规范性文件", 20.0, 127.0));
        words.extend(row_words("", ["69", "3", "1", "665"], 133.0).into_iter().skip(1));
        words.extend(row_words("其他", ["1", "2", "1", "3"], 150.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1], vec!["规章", "0", "0", "1", "0"], "{rows:?}");
        assert_eq!(rows[2], vec!["行政规范性文件", "69", "3", "1", "665"], "{rows:?}");
    }

    /// A figure aligned to the top of its cell, above a row whose label and other figures
    /// are centred (a Word table exported to PDF): one row, not a row of its own above a
    /// row with a blank in its place. A row of figures beside a label of its own stays
    /// apart.
    #[test]
    fn a_figure_at_the_top_of_its_cell_joins_its_centred_row() {
        let mut words = header_words(100.0);
        words.extend(row_words("行政许可", ["396", "0", "", "181"], 115.0));
        words.extend(row_words("", ["10", "", "", ""], 126.0).into_iter().skip(1));
        words.extend(row_words("其他对外管理服务事项", ["", "0", "", "153"], 133.0));
        words.extend(row_words("行政处罚", ["", "", "7", ""], 150.0));
        words.extend(row_words("行政强制", ["5", "6", "", "11"], 161.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc),
            strs(&[
                &["项目", "甲", "乙", "丙", "总计"],
                &["行政许可", "396", "0", "", "181"],
                &["其他对外管理服务事项", "10", "0", "", "153"],
                &["行政处罚", "", "", "7", ""],
                &["行政强制", "5", "6", "", "11"],
            ])
        );
    }

    /// A 总计 set lower in its cell than the row's other figures (by a little more than half
    /// its height: s11-synth-00004 printed by wkhtmltopdf, `127` 5.8 points under `99 19 3`)
    /// beside a group label set down the table's side over many rows (三、本年度办理结果,
    /// centred on its rows, happens to stand at the 总计's height). That label, wholly left
    /// of the row's own item label, starts no row: the 总计 is the row's. Before, it made a
    /// row of its own under the group label, and the row's 总计 read blank.
    #[test]
    fn a_total_set_lower_beside_a_group_label_is_its_rows() {
        let mut words = header_words(100.0);
        words.push(word("1、本机关不掌握", 100.0, 115.0));
        for (v, x) in ["99", "19", "3"].iter().zip(HEAD_X) {
            words.push(word(v, x - 5.0, 115.0));
        }
        words.push(word("127", HEAD_X[3] - 5.0, 120.8));
        words.push(word("三、本年度办", 0.0, 123.3));
        words.push(word("2、没有现成信息", 100.0, 150.0));
        for (v, x) in ["12", "5", "0", "17"].iter().zip(HEAD_X) {
            words.push(word(v, x - 5.0, 150.0));
        }
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        let figures = |r: &Vec<String>| r[r.len().saturating_sub(4)..].to_vec();
        let row = rows.iter().find(|r| r.iter().any(|c| c.contains("不掌握"))).unwrap_or_else(|| panic!("{rows:?}"));
        assert_eq!(figures(row), ["99", "19", "3", "127"], "{rows:?}");
        let next = rows.iter().find(|r| r.iter().any(|c| c.contains("没有现成"))).unwrap_or_else(|| panic!("{rows:?}"));
        assert_eq!(figures(next), ["12", "5", "0", "17"], "{rows:?}");
    }

    /// A figure too wide for its cell goes on in the cell's next line, which sits closer
    /// than the next row (lines of one cell overlap their boxes; a row's own figures are
    /// beside its own label): one figure, its two lines kept in the cell's text.
    #[test]
    fn a_figure_wrapped_in_its_cell_is_one_figure() {
        let mut words = header_words(100.0);
        words.extend(row_words("一、收到", ["172", "5", "", "177"], 115.0));
        words.extend(row_words("", ["9", "", "", "9"], 124.0).into_iter().skip(1));
        words.extend(row_words("二、办结", ["18", "0", "", "18"], 136.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(
            table_rows(&doc)[1..],
            strs(&[&["一、收到", "172\n9", "5", "", "177\n9"], &["二、办结", "18", "0", "", "18"]])[..]
        );
        assert!(doc.warnings.iter().any(|w| w.contains("172 / 9, 177 / 9")), "{:?}", doc.warnings);
    }

    /// A pre-2019 table (LibreOffice's print of pandoc's DOCX of a page) sets its rows
    /// 17.6 points apart without rules, and numbers some rows but not others: 受理依申请
    /// 公开信息总数 right under 2.政府公报公开. In a table that numbers its rows, a label
    /// without a number was taken for the rest of the row above, and its figures for that
    /// row's figures wrapped in their cells: `7` over `0` read 70 (applications 700, marked
    /// exact, for 0). Figures that do not fill their cells did not go on: each row keeps its
    /// own.
    #[test]
    fn an_unnumbered_row_set_tight_under_a_numbered_one_keeps_its_figures() {
        let at = |text: &str, x0: f64, y0: f64| {
            let w: f64 = text.chars().map(|c| if c.is_ascii_digit() { 7.6 } else { 7.2 }).sum();
            Word { text: text.to_string(), x0, y0, x1: x0 + w, y1: y0 + 15.6 }
        };
        let mut words = vec![at("指标名称", 72.1, 174.5), at("计量单位", 171.1, 174.5), at("2011年度", 270.1, 174.5)];
        words.push(at("历年累计", 370.1, 174.5));
        let rows = [
            ("主动公开信息数", "425", "1516"),
            ("其中：1.网站公开", "418", "1509"),
            ("2.政府公报公开", "7", "7"),
            ("受理依申请公开信息总数", "0", "0"),
            ("其中：1.当面申请数", "0", "0"),
            ("2.传真申请数", "0", "0"),
        ];
        for (i, (label, this_year, all_years)) in rows.iter().enumerate() {
            let y0 = 192.1 + 17.6 * i as f64;
            words.extend([
                at(label, 72.1, y0),
                at("条", 171.1, y0),
                at(this_year, 270.1, y0),
                at(all_years, 370.1, y0),
            ]);
        }
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let got = table_rows(&doc);
        let want: Vec<Vec<String>> =
            rows.iter().map(|(l, a, b)| vec![l.to_string(), "条".into(), a.to_string(), b.to_string()]).collect();
        assert_eq!(got[got.len() - rows.len()..], want[..], "{got:?}");
        assert!(doc.warnings.iter().all(|w| !w.contains("too wide")), "{:?}", doc.warnings);
    }

    /// A figure wrapped in a column whose name wrapped too, in a table whose columns stand
    /// wide apart (block 九: 采购项目数量 two characters a line beside the wide 采购总金额).
    /// LibreOffice set 318 as `３１` over `８`, beside a label wrapped over three lines
    /// (政府 / 集中 / 采购). Measured by the columns' pitch the figure did not fill its cell,
    /// and `８` was taken for a row of its own: 集中采购 8, exact, its 2744114元 under 政府.
    /// As wide as the widest line of its column's wrapped name, the figure fills the cell.
    #[test]
    fn a_figure_as_wide_as_its_columns_wrapped_name_goes_on_below() {
        let words = vec![
            word("第二十条第（九）项", 150.0, 186.0),
            word("信息", 223.0, 210.0),
            word("采购", 263.0, 210.0),
            word("采购总金额", 303.0, 210.0),
            word("内容", 223.0, 222.0),
            word("项目", 263.0, 222.0),
            word("数量", 263.0, 234.0),
            word("政府", 223.0, 246.0),
            word("３１", 263.0, 246.0),
            word("2744114元", 303.0, 246.0),
            word("集中", 223.0, 258.0),
            word("８", 263.0, 258.0),
            word("采购", 223.0, 270.0),
        ];
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert!(rows.iter().any(|r| r.iter().any(|c| c == "３１\n８")), "{rows:?}");
        assert!(!rows.iter().any(|r| r.iter().any(|c| c == "８")), "{rows:?}");
        assert!(doc.warnings.iter().any(|w| w.contains("３１ / ８")), "{:?}", doc.warnings);
    }

    /// A figure wrapped in its narrow cell right above a row that sets its cells to their
    /// tops (its figures beside the first line of its two-line label): the line under the
    /// figure is the figure's end, not that row's first cell, which could only stand on its
    /// figures' line. Seed 127's LibreOffice print: `１５` over `９` (159) under 自然人,
    /// read as 15 and as 结转下年度继续办理's 9, where that row printed a blank.
    #[test]
    fn a_figure_wrapped_above_a_row_set_at_its_cells_tops_is_one_figure() {
        let mut words = header_words(100.0);
        words.extend(row_words("（七）总计", ["15", "32", "3", "204"], 115.0));
        words.extend(row_words("", ["9", "", "", ""], 126.0).into_iter().skip(1));
        words.extend(row_words("", ["", "1", "", "2"], 135.0).into_iter().skip(1));
        words.push(word("四、结转下年度", 20.0, 137.0));
        words.push(word("继续办理", 20.0, 148.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1], vec!["（七）总计", "15\n9", "32", "3", "204"], "{rows:?}");
        assert_eq!(rows[2][1..], ["", "1", "", "2"], "{rows:?}");
        assert!(rows[2][0].starts_with("四、结转下年度"), "{rows:?}");
        assert!(doc.warnings.iter().any(|w| w.contains("15 / 9")), "{:?}", doc.warnings);
    }

    /// What is not a wrapped figure stays apart: a line with a label that starts an item
    /// of its own, a figure under a 0 (no number goes on after a lone 0), and a figure
    /// set at the top of its cell over the rest of the row below it.
    #[test]
    fn figures_under_figures_that_are_rows_of_their_own_stay_apart() {
        let mut words = header_words(100.0);
        words.extend(row_words("1.甲", ["12", "5", "", "17"], 115.0));
        words.extend(row_words("2.乙", ["3", "", "", "3"], 124.0));
        words.extend(row_words("3.丙", ["0", "1", "", "1"], 140.0));
        words.extend(row_words("", ["4", "", "", ""], 149.0).into_iter().skip(1));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1], vec!["1.甲", "12", "5", "", "17"], "{rows:?}");
        assert_eq!(rows[2], vec!["2.乙", "3", "", "", "3"], "{rows:?}");
        assert_eq!(rows[3][1], "0", "{rows:?}");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

        let mut words = header_words(100.0);
        words.extend(row_words("行政许可", ["396", "0", "", "181"], 115.0));
        words.extend(row_words("", ["10", "", "", ""], 126.0).into_iter().skip(1));
        words.extend(row_words("其他对外管理服务事项", ["", "0", "", "153"], 133.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        assert_eq!(table_rows(&doc)[2], vec!["其他对外管理服务事项", "10", "0", "", "153"]);
    }

    /// A row cut by a page break after the first lines of its figures: their ends open
    /// the next page, above the next row, and go back to the figures they finish. A row
    /// whose item label starts above its figures is a row of its own, and so is one under
    /// a last row of zeros.
    #[test]
    fn figures_a_page_break_cut_are_read_whole() {
        // Columns as narrow as cells that wrap such figures: 25 apart for 172 over 9 (three
        // digits fit, four do not), 16 apart for 1 over 0 over 2.
        let header = |y: f64, xs: [f64; 4]| {
            let mut ws = vec![word("项目", 20.0, y)];
            ws.extend(["甲", "乙", "丙", "丁"].iter().zip(xs).map(|(t, x)| word(t, x, y)));
            ws
        };
        let row = |label: &str, values: [&str; 4], y: f64, xs: [f64; 4]| {
            let mut ws = if label.is_empty() { Vec::new() } else { vec![word(label, 20.0, y)] };
            ws.extend(values.iter().zip(xs).filter(|(v, _)| !v.is_empty()).map(|(v, x)| word(v, x, y)));
            ws
        };
        // A row by its label: its cells that hold something.
        let filled = |rows: &[Vec<String>], label: &str| -> Vec<String> {
            let r = rows.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{label}: {rows:?}"));
            r.iter().filter(|c| !c.is_empty()).cloned().collect()
        };
        let xs = [200.0, 225.0, 250.0, 275.0];
        let mut first = header(700.0, xs);
        first.extend(row("一、收到", ["1", "2", "", "3"], 715.0, xs));
        first.extend(row("二、办结", ["172", "5", "", "177"], 800.0, xs));
        let mut second = row("", ["9", "", "", "9"], 60.0, xs);
        second.extend(row("三、其他", ["7", "8", "", "15"], 72.0, xs));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert_eq!(filled(&rows, "二、办结"), ["二、办结", "172\n9", "5", "177\n9"], "{rows:?}");
        assert_eq!(filled(&rows, "三、其他"), ["三、其他", "7", "8", "15"], "{rows:?}");
        assert!(doc.warnings.iter().any(|w| w.contains("172 / 9 (over a page break)")), "{:?}", doc.warnings);

        // The same figures in columns twice as wide: 172 fills less than half its cell and
        // is whole, and the figures opening the next page are a row of their own (its label
        // lost here), not its end.
        let wide = [200.0, 250.0, 300.0, 350.0];
        let mut first = header(700.0, wide);
        first.extend(row("一、收到", ["1", "2", "", "3"], 715.0, wide));
        first.extend(row("二、办结", ["172", "5", "", "177"], 800.0, wide));
        let mut second = row("", ["9", "", "", "9"], 60.0, wide);
        second.extend(row("三、其他", ["7", "8", "", "15"], 72.0, wide));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert_eq!(filled(&rows, "二、办结"), ["二、办结", "172", "5", "177"], "{rows:?}");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

        // A figure over three lines, the page break after its first: its middle line opens
        // the page beside the rest of a group's label (no item number), and may be a 0.
        let xs = [200.0, 216.0, 232.0, 248.0];
        let mut first = header(700.0, xs);
        first.extend(row("一、收到", ["1", "2", "", "3"], 715.0, xs));
        first.extend(row("（二）办结", ["1", "5", "", "1"], 800.0, xs));
        let mut second = vec![word("理结", 20.0, 60.0), word("果", 20.0, 69.0)];
        second.extend(row("", ["0", "", "", "2"], 60.0, xs));
        second.extend(row("", ["2", "", "", "3"], 69.0, xs));
        second.extend(row("（三）其他", ["7", "8", "", "15"], 84.0, xs));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        let cut = rows.iter().find(|r| r[0].starts_with("（二）办结")).expect("the cut row");
        let cut: Vec<&String> = cut.iter().skip(1).filter(|c| !c.is_empty()).collect();
        assert_eq!(cut, ["1\n0\n2", "5", "1\n2\n3"], "{rows:?}");
        assert_eq!(filled(&rows, "（三）其他"), ["（三）其他", "7", "8", "15"], "{rows:?}");

        // The next row's label set higher than its figures, at the top of the page.
        let xs = [200.0, 225.0, 250.0, 275.0];
        let mut first = header(700.0, xs);
        first.extend(row("一、收到", ["12", "2", "", "14"], 800.0, xs));
        let mut second = vec![word("二、办结", 20.0, 56.0)];
        second.extend(row("", ["3", "", "", "3"], 62.0, xs));
        second.extend(row("三、其他", ["7", "8", "", "15"], 80.0, xs));
        let doc = build_document(vec![Page { height: 842.0, words: first }, Page { height: 842.0, words: second }]);
        let rows = table_rows(&doc);
        assert_eq!(filled(&rows, "一、收到"), ["一、收到", "12", "2", "14"], "{rows:?}");
        assert!(rows.iter().any(|r| r[0] == "二、办结" && r[1] == "3"), "{rows:?}");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    /// 无 in a value cell is the cell's not-applicable mark, in its own column (read as a
    /// label, it took no column and the figures after it moved left); 无 left of the
    /// figures is a label's character (（四）无法提供 written down its cell).
    #[test]
    fn wu_among_the_figures_is_a_value_cell() {
        let mut words = header_words(100.0);
        words.extend(row_words("1.甲", ["无", "5", "无", "5"], 115.0));
        words.extend(row_words("规章", ["无", "无", "无", "无"], 130.0));
        words.push(word("无", 5.0, 145.0));
        words.extend(row_words("2.乙", ["1", "2", "", "3"], 145.0));
        let doc = build_document(vec![Page { height: 842.0, words }]);
        let rows = table_rows(&doc);
        assert_eq!(rows[1], vec!["1.甲", "无", "5", "无", "5"], "{rows:?}");
        assert_eq!(rows[2], vec!["规章", "无", "无", "无", "无"], "{rows:?}");
        let last = rows.last().expect("rows");
        assert_eq!(last[last.len() - 4..], ["1", "2", "", "3"].map(String::from), "{rows:?}");
        assert!(last[..last.len() - 4].iter().any(|c| c.contains('无')), "{rows:?}");
    }

    #[test]
    fn random_word_boxes_do_not_panic() {
        // A small linear congruential generator: the same boxes on every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |m: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % m
        };
        let texts =
            ["0", "12", "/", "一、收到", "（二）部分", "1.属于", "总计", "其他", "第二十条第（一）项", "-3-", "申请"];
        for _ in 0..200 {
            let pages: Vec<Page> = (0..1 + next(3))
                .map(|_| {
                    let words = (0..next(60))
                        .map(|_| {
                            let t = texts[next(texts.len() as u64) as usize];
                            let mut w = word(t, next(560) as f64, next(830) as f64);
                            if next(10) == 0 {
                                w.y1 = w.y0 + next(3) as f64; // degenerate heights
                                w.x1 = w.x0;
                            }
                            w
                        })
                        .collect();
                    Page { height: 842.0, words }
                })
                .collect();
            let _ = build_document(pages);
        }
    }

    /// wkhtmltopdf printing a GBK page it read as Latin-1 draws each byte as a character:
    /// the PDF's words are `ÐÐÕþÐí¿É` for 行政许可, and nothing was read. The words are
    /// taken back to bytes and decoded, with a warning; their boxes stay. Latin text with
    /// accents, whose bytes leave characters undecoded as GBK, is left as it was.
    #[test]
    fn words_misread_as_latin1_before_printing_are_put_right() {
        let word_tag = |x: f64, y: f64, t: &str| {
            format!(r#"<word xMin="{x}" yMin="{y}" xMax="{}" yMax="{}">{t}</word>"#, x + 40.0, y + 10.0)
        };
        let page = |words: &[String]| {
            format!(
                r#"<page width="595" height="842"><flow><block><line>{}</line></block></flow></page>"#,
                words.concat()
            )
        };
        let x = page(&[
            word_tag(100.0, 50.0, "2023Äê¶ÈÕþ¸®ÐÅÏ¢¹«¿ª¹¤×÷Äê¶È±¨¸æ"),
            word_tag(60.0, 100.0, "ÐÐÕþÐí¿É"),
            word_tag(300.0, 100.0, "21"),
        ]);
        let doc = from_bbox_xhtml(&x);
        let text: String = doc
            .paragraphs()
            .chain(doc.tables().flat_map(|t| t.rows.iter().flatten().map(|c| c.text.as_str())))
            .collect();
        assert!(text.contains("2023年度政府信息公开工作年度报告"), "{text}");
        assert!(text.contains("行政许可") && text.contains("21"), "{text}");
        assert!(doc.warnings.iter().any(|w| w.contains("misread as Latin-1")), "{:?}", doc.warnings);
        // French is no mojibake (`é` at a word's end is half a GBK character): kept.
        let french = "Le député a présenté à l'assemblée générale élue très régulièrement ".repeat(3);
        let words: Vec<String> =
            french.split(' ').enumerate().map(|(i, w)| word_tag(60.0 + 45.0 * i as f64, 100.0, w)).collect();
        let doc = from_bbox_xhtml(&page(&words));
        let text: String = doc.paragraphs().collect::<Vec<_>>().join(" ");
        assert!(text.contains("député") && text.contains("régulièrement"), "{text}");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    /// One page of `pdftotext -bbox-layout` XHTML, `w` × `h` points: each line its own block,
    /// its words `(text, box)` in reading order.
    fn xhtml_page(w: f64, h: f64, lines: &[Vec<(&str, Bounds)>]) -> String {
        let b = |b: &Bounds| format!(r#"xMin="{}" yMin="{}" xMax="{}" yMax="{}""#, b.x0, b.y0, b.x1, b.y1);
        let mut out = format!(r#"<page width="{w}" height="{h}"><flow>"#);
        for line in lines {
            let lb = line.iter().skip(1).fold(line[0].1, |a, (_, c)| Bounds {
                x0: a.x0.min(c.x0),
                y0: a.y0.min(c.y0),
                x1: a.x1.max(c.x1),
                y1: a.y1.max(c.y1),
            });
            out += &format!("<block {}><line {}>", b(&lb), b(&lb));
            for (text, wb) in line {
                out += &format!("<word {}>{text}</word>", b(wb));
            }
            out += "</line></block>";
        }
        out + "</flow></page>"
    }

    /// A page the PDF turns a quarter, half or three-quarter turn reads as the same page
    /// upright, and says so; the upright page says nothing.
    #[test]
    fn turned_pages_read_upright() {
        let (w, h) = (595.0, 842.0);
        let word = |text, x0: f64, x1: f64, y0: f64| (text, Bounds { x0, y0, x1, y1: y0 + 12.0 });
        let lines = vec![
            vec![word("二、主动公开政府信息情况", 72.0, 300.0, 100.0)],
            vec![
                word("信息内容", 72.0, 120.0, 130.0),
                word("本年新制作数量", 250.0, 334.0, 130.0),
                word("对外公开总数量", 400.0, 484.0, 130.0),
            ],
            vec![word("规章", 72.0, 96.0, 150.0), word("5", 290.0, 296.0, 150.0), word("12", 440.0, 452.0, 150.0)],
            vec![
                word("规范性文件", 72.0, 132.0, 170.0),
                word("7", 290.0, 296.0, 170.0),
                word("30", 440.0, 452.0, 170.0),
            ],
            vec![word("行政许可", 72.0, 120.0, 190.0), word("0", 290.0, 296.0, 190.0), word("8", 440.0, 446.0, 190.0)],
        ];
        let upright = from_bbox_xhtml(&xhtml_page(w, h, &lines));
        assert!(upright.warnings.is_empty(), "{:?}", upright.warnings);
        assert_eq!(upright.tables().count(), 1, "{:?}", upright.blocks);
        // The page turned clockwise by k quarter turns, in the frame pdftotext gives it.
        for (k, says) in [(1, "90° anticlockwise"), (2, "180°"), (3, "90° clockwise")] {
            let turn = |b: Bounds| match k {
                1 => Bounds { x0: h - b.y1, y0: b.x0, x1: h - b.y0, y1: b.x1 },
                2 => Bounds { x0: w - b.x1, y0: h - b.y1, x1: w - b.x0, y1: h - b.y0 },
                _ => Bounds { x0: b.y0, y0: w - b.x1, x1: b.y1, y1: w - b.x0 },
            };
            let turned: Vec<Vec<(&str, Bounds)>> =
                lines.iter().map(|l| l.iter().map(|(t, b)| (*t, turn(*b))).collect()).collect();
            let (pw, ph) = if k == 2 { (w, h) } else { (h, w) };
            let doc = from_bbox_xhtml(&xhtml_page(pw, ph, &turned));
            assert_eq!(format!("{:?}", doc.blocks), format!("{:?}", upright.blocks), "{k} quarter turns");
            assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
            assert!(
                doc.warnings[0].starts_with("page 1: its text runs") && doc.warnings[0].contains(says),
                "{:?}",
                doc.warnings
            );
        }
    }

    /// An upright page of a table of one-figure cells, where pdftotext sets a row's cells
    /// side by side as the lines of one block: the lines vote for text running up the page,
    /// and the page was read a quarter turned, its table transposed (LibreOffice's print of
    /// seed 147 synth-00004: table 三 read as rows of table 二). Its labels, wider than
    /// tall, say it is upright; turned, the same words are taller than wide.
    #[test]
    fn a_page_whose_words_run_across_it_is_not_turned_by_cells_side_by_side() {
        let (w, h) = (595.0, 842.0);
        let b = |b: &Bounds| format!(r#"xMin="{}" yMin="{}" xMax="{}" yMax="{}""#, b.x0, b.y0, b.x1, b.y1);
        let page = || {
            let mut out = format!(r#"<page width="{w}" height="{h}"><flow>"#);
            for (k, label) in ["一、本年新收申请数量", "二、上年结转申请数量"].iter().enumerate() {
                let y0 = 100.0 + 20.0 * k as f64;
                let lb = Bounds { x0: 72.0, y0, x1: 192.0, y1: y0 + 12.0 };
                out += &format!("<block {}><line {}><word {}>{label}</word></line></block>", b(&lb), b(&lb), b(&lb));
                let cells: Vec<Bounds> = (0..6)
                    .map(|j| Bounds { x0: 300.0 + 40.0 * j as f64, y0, x1: 306.0 + 40.0 * j as f64, y1: y0 + 12.0 })
                    .collect();
                out += &format!("<block {}>", b(&cells[0]));
                for c in &cells {
                    out += &format!("<line {}><word {}>{}</word></line>", b(c), b(c), k + 1);
                }
                out += "</block>";
            }
            out + "</flow></page>"
        };
        let doc = from_bbox_xhtml(&page());
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let rows: Vec<Vec<String>> = table_rows(&doc);
        assert_eq!(rows[0], ["一、本年新收申请数量", "1", "1", "1", "1", "1", "1"], "{:?}", doc.blocks);
        // (A page the PDF turns, its words taller than wide, is still read upright:
        // `turned_pages_read_upright`.)
    }

    /// Glyph numbers read as text are told from Chinese, from English prose and from a
    /// page of figures.
    #[test]
    fn a_text_layer_of_glyph_numbers_is_no_text() {
        // Words separated by spaces.
        let words = |texts: &str| -> Vec<Word> {
            texts.split(' ').map(|t| Word { text: t.to_string(), x0: 0.0, y0: 0.0, x1: 1.0, y1: 1.0 }).collect()
        };
        let glyphs = words("!\"#$ $%&$ ' ()$ *+,-$ ./ 0123 45 67 89 :;<= ><=? F./ %./ GH./ IJ K LM0N./");
        assert!(unreadable_text(&glyphs));
        let chinese = words("二、主动公开政府信息情况 信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规章 0 0 3 规范性文件 12 12 45");
        assert!(!unreadable_text(&chinese));
        let english = words("The report covers requests received in 2021, how they were answered, and the reviews and suits that followed.");
        assert!(!unreadable_text(&english));
        let figures = words("1 2 3 15 0 0 4 7 12 1,234 5 6 7 8 9 10 11 12 13 14 2.5");
        assert!(!unreadable_text(&figures));
        // Glyph numbers past 0x7e (Latin-1), with the figures of a font that kept its map.
        let latin1 = words("¸‡ÃÄ6jIí îã 2293 ¡Ãï 1282 2® 42 ¡%+·Á} 24252.31 ÅÆ¾¿ ÅÆIí 64 0 0 2 0 4 70");
        assert!(unreadable_text(&latin1));
        // Too little to tell.
        assert!(!unreadable_text(&words("!\"#$ %&")));
    }

    #[test]
    fn parses_words() {
        let x = r#"<page width="595" height="842"><flow><block><line><word xMin="1" yMin="2" xMax="3" yMax="4">a&amp;b</word></line></block></flow></page>"#;
        let (pages, _) = parse_bbox_xhtml(x);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].words[0].text, "a&b");
    }
}
