//! OCR: pictures of report pages → a [`Document`] of paragraphs and ruled tables.
//!
//! Scanned PDFs, photographed or screenshotted pages and tables published as images go
//! through here. Tesseract 5 reads the pixels (as a subprocess, see [`tesseract`]); the
//! work of this module is to give it pieces it reads well, and to keep, for every table
//! cell, what was read and how sure the reading is. Per page:
//!
//! 1. **Ink.** The grey page is thresholded with Otsu's method; the text size (`unit`, the
//!    height of a character in pixels) is estimated from the ink's connected components,
//!    so nothing below depends on the resolution.
//! 2. **Skew.** The angle whose shear makes the ink's horizontal profile sharpest (rules
//!    and text lines) is found within ±10° ([`MAX_SKEW_DEGREES`]), and the page is rotated
//!    level.
//! 3. **Tables.** Ruled tables are found from their rule segments ([`grid`]): rows,
//!    columns and merged cells, which become [`Span::ColCopy`] / [`Span::RowCopy`] exactly
//!    like an HTML `colspan` / `rowspan`.
//! 4. **Cells.** Each cell is cropped inside its rules; rule slivers and specks are
//!    removed by connected components, and a cell with no character-sized ink is blank
//!    (no OCR at all: a blank is never read as 0). The other cells are cleaned (paper
//!    white around the kept ink) and read in batches: all crops of a page are stacked into
//!    one picture per pass, with white gaps between them, and each word tesseract returns
//!    goes back to the crop it lies in — one tesseract process per pass and page instead
//!    of one per cell.
//!    * Pass 1, `chi_sim`, every cell, scaled to a 40-pixel character: labels and headers.
//!    * Pass 2, digits only (`eng` with `tessedit_char_whitelist=0123456789.-/`), the cells
//!      pass 1 read as a value (no Chinese beyond a unit such as 万元), scaled so the digits
//!      are 36 pixels high. A trailing unit is cut off the picture first (its glyphs are as
//!      wide as they are high, digits are narrower) and taken from pass 1.
//!    * Pass 3, digits again at a larger scale, only for cells where passes 1 and 2 disagree.
//!
//!    A value cell's text is the digits reading; its confidence is tesseract's (the lowest
//!    word confidence, 0–100) when the Chinese and the digit pass agree, at most
//!    [`DIGITS_ONLY_CONFIDENCE`] when only the two digit passes do (under the threshold:
//!    marked), and at most [`DISAGREE_CONFIDENCE`] when none agree. Every OCR'd cell keeps
//!    all its readings ([`CellOcr::raw`]).
//! 5. **Prose.** The page with its tables painted white is read by `chi_sim` (`--psm 4`);
//!    its word boxes go through the PDF reader's line and paragraph rebuilding, so titles
//!    split over lines, headings and paragraphs come out as for a PDF with text. Tables
//!    are put between the paragraphs above and below them.
//!
//! Limits keep time and memory bounded: pictures over [`OcrOptions::max_pixels`] are
//! refused before they are decoded, reports over [`OcrOptions::max_pages`] pages needing
//! OCR are refused, and every tesseract call has a time limit. Pages are read in parallel.

pub mod grid;
pub mod pdf;
pub mod raster;
pub mod tesseract;
pub mod vocab;

use anyhow::{bail, Result};

use super::{Block, Cell, Document, Span, Table};
use grid::{Grid, GridCell};
use raster::{Bits, Comp, Gray};
use tesseract::Pass;

/// When OCR runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OcrMode {
    /// Only where there is no text: image files, PDF pages without a text layer (or whose
    /// content is a picture), the pictures of a web page's body, and those of a Word or RTF
    /// file whose text holds fewer than three tables.
    #[default]
    Auto,
    /// Every PDF page is read from its pixels, text layer or not, and every picture of a
    /// Word or RTF file is read.
    Always,
    /// Never: pictures are refused, and so is a PDF without a text layer.
    Never,
}

/// How pictures are read, and the limits that bound it.
#[derive(Clone, Debug)]
pub struct OcrOptions {
    pub mode: OcrMode,
    /// Resolution PDF pages are rendered at for OCR.
    pub dpi: u32,
    /// Seconds one tesseract or pdftoppm call may run.
    pub timeout_secs: u64,
    /// Most pages one report may need OCR for.
    pub max_pages: usize,
    /// Most pixels of one page (width × height).
    pub max_pixels: u64,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions { mode: OcrMode::Auto, dpi: 300, timeout_secs: 120, max_pages: 200, max_pixels: 60_000_000 }
    }
}

/// Confidence under which an OCR'd cell counts as uncertain (`show` marks it, the
/// `cells.ocr_confidence` column documents it).
pub const LOW_CONFIDENCE: f32 = 80.0;

/// The confidence given to a value cell whose readings all disagree.
pub const DISAGREE_CONFIDENCE: f32 = 30.0;

/// The most a value cell's confidence can be when only the two digit passes agree (the
/// Chinese pass read something else): under [`LOW_CONFIDENCE`], so it is marked.
pub const DIGITS_ONLY_CONFIDENCE: f32 = 70.0;

/// What OCR says about one table cell.
#[derive(Clone, Debug, PartialEq)]
pub struct CellOcr {
    /// 0–100: tesseract's word confidence for the kept reading, capped when readings disagree.
    pub confidence: f32,
    /// Every reading, as tesseract gave it: `digits:26 chi_sim:20 digits2:26`.
    pub raw: String,
}

/// How much of a document was read by OCR.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct OcrSummary {
    /// Pages read from pixels.
    pub pages: usize,
    /// Table cells read by OCR (blank cells included).
    pub cells: usize,
    /// Of those, cells under [`LOW_CONFIDENCE`].
    pub low_confidence: usize,
}

/// A page picture and its resolution (None when unknown: a photo, a screenshot).
pub struct PagePicture {
    pub img: Gray,
    pub dpi: Option<f32>,
}

/// Read pages (loaded on demand by `load`, in parallel) into one document.
pub fn read_pages<F>(count: usize, load: F, opts: &OcrOptions) -> Result<Document>
where
    F: Fn(usize) -> Result<PagePicture> + Sync,
{
    let mut doc = Document::default();
    let mut summary = OcrSummary::default();
    for p in read_page_list(count, load, opts)? {
        summary.add(&p);
        doc.blocks.extend(p.blocks);
        doc.warnings.extend(p.warnings);
    }
    doc.ocr = Some(summary);
    Ok(doc)
}

/// Read pages (loaded on demand by `load`, in parallel), each on its own. Errors name
/// the page (1-based) when there are several.
pub fn read_page_list<F>(count: usize, load: F, opts: &OcrOptions) -> Result<Vec<PageText>>
where
    F: Fn(usize) -> Result<PagePicture> + Sync,
{
    read_page_results(count, load, opts)?
        .into_iter()
        .enumerate()
        .map(|(i, p)| p.map_err(|e| if count > 1 { e.context(format!("page {}", i + 1)) } else { e }))
        .collect()
}

/// Read pages (loaded on demand by `load`, in parallel), each on its own, and give each
/// page's result: one page's failure is the caller's to judge. Errs only when there are
/// more pages than the limit.
pub fn read_page_results<F>(count: usize, load: F, opts: &OcrOptions) -> Result<Vec<Result<PageText>>>
where
    F: Fn(usize) -> Result<PagePicture> + Sync,
{
    use rayon::prelude::*;
    if count > opts.max_pages {
        bail!("{count} pages need OCR, more than the limit of {} (raise it with --ocr-max-pages)", opts.max_pages);
    }
    Ok((0..count)
        .into_par_iter()
        .map(|i| {
            let mut page = load(i).and_then(|p| read_page(&p.img, p.dpi, opts))?;
            if let Some((quarters, confidence)) = page.turned {
                page.warnings.push(turned_warning(i + 1, quarters, confidence));
            }
            Ok(page)
        })
        .collect())
}

/// What a document says of page `page` (1-based), read after `quarters` clockwise quarter
/// turns.
fn turned_warning(page: usize, quarters: u8, confidence: f32) -> String {
    let how = match quarters {
        2 => "upside down",
        _ => "sideways",
    };
    format!(
        "page {page}: its text stood {how}, so it was read turned {}° clockwise (tesseract's orientation detection, confidence {confidence:.1}, and the turned page read far more surely): check its figures",
        u32::from(quarters) * 90
    )
}

/// How surely a page's Chinese was read: the CJK characters of the Chinese passes (prose
/// and table cells), and those in words read with confidence [`SURE_CJK`] or more. Text
/// read upright is nearly all sure; text standing sideways or upside down, which
/// tesseract still reads as characters, almost none.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Legibility {
    pub cjk: usize,
    pub sure: usize,
}

/// A CJK character read with this confidence or more counts as sure ([`Legibility`]).
pub const SURE_CJK: f32 = 80.0;

/// Below this share of sure characters (with at least [`TURN_MIN_CJK`] read), a page's
/// orientation is asked of tesseract. The OCR fixtures' upright pages and table pictures
/// read 0.90–0.97 sure; pages of a rendered corpus report turned by a quarter or half turn,
/// 0.01–0.06. A page asked about needlessly costs one more tesseract run.
pub const TURN_BELOW_SHARE: f64 = 0.4;

/// A turned page is read as turned only when its share of sure characters is at least
/// twice the share as it stood, and this much above it: a page read upright never reads
/// less surely than read turned, so a wrong answer from tesseract on a poor upright page
/// costs time, never the page.
pub const TURN_GAIN: f64 = 0.1;

/// Fewer CJK characters than this say nothing of a page's orientation.
pub const TURN_MIN_CJK: usize = 12;

impl Legibility {
    /// Count the CJK characters of `text`, read with confidence `conf`.
    pub fn add(&mut self, text: &str, conf: f32) {
        let n = text.chars().filter(|&c| is_cjk(c)).count();
        self.cjk += n;
        if conf >= SURE_CJK {
            self.sure += n;
        }
    }

    /// Count another reading's characters too.
    pub fn absorb(&mut self, other: Legibility) {
        self.cjk += other.cjk;
        self.sure += other.sure;
    }

    /// The share of sure characters (0 with none read).
    pub fn share(&self) -> f64 {
        if self.cjk == 0 {
            0.0
        } else {
            self.sure as f64 / self.cjk as f64
        }
    }

    /// Enough characters, too few of them sure: text that may not stand upright.
    pub fn doubtful(&self) -> bool {
        self.cjk >= TURN_MIN_CJK && self.share() < TURN_BELOW_SHARE
    }
}

impl OcrSummary {
    /// Count one page read.
    pub fn add(&mut self, p: &PageText) {
        self.pages += 1;
        self.cells += p.cells;
        self.low_confidence += p.low;
    }
}

/// One page read: blocks in reading order and counts.
#[derive(Debug, Default)]
pub struct PageText {
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
    pub cells: usize,
    pub low: usize,
    /// When the page's text stood sideways or upside down: the clockwise quarter turns
    /// (1–3) it was read after, and tesseract's confidence in that orientation.
    pub turned: Option<(u8, f32)>,
}

/// The largest tilt a page is levelled from, either way: a scan fed in askew or a photo
/// held at a slant.
pub const MAX_SKEW_DEGREES: f32 = 10.0;

/// Target character height for the Chinese pass, and digit height for the digit passes.
const CJK_PX: f32 = 40.0;
const DIGIT_PX: f32 = 36.0;
const DIGIT_PX_2: f32 = 54.0;
const DIGITS: &str = "0123456789.-/";

/// Read one page picture. A page whose Chinese reads too unsurely ([`Legibility::doubtful`])
/// may stand sideways or upside down (a landscape table scanned on its side): tesseract
/// is asked which way up it stands, and when it names a turn, the turned page is read
/// too and kept if it reads far more surely ([`PageText::turned`] says so).
pub fn read_page(img: &Gray, dpi: Option<f32>, opts: &OcrOptions) -> Result<PageText> {
    if (img.w as u64) * (img.h as u64) > opts.max_pixels {
        bail!(
            "a page of {}×{} pixels is over the limit of {} pixels (raise it with --ocr-max-pixels)",
            img.w,
            img.h,
            opts.max_pixels
        );
    }
    let (page, legible) = read_page_as_it_stands(img, dpi, opts)?;
    if std::env::var_os("XXGK_OCR_DEBUG").is_some() {
        eprintln!("ocr page {}×{}: {} of {} CJK characters read surely", img.w, img.h, legible.sure, legible.cjk);
    }
    if !legible.doubtful() {
        return Ok(page);
    }
    let osd_dpi = dpi.unwrap_or(300.0).round() as u32;
    let Some((quarters, confidence)) = tesseract::orientation(img, osd_dpi, opts.timeout_secs)? else {
        return Ok(page);
    };
    if quarters == 0 {
        return Ok(page);
    }
    let (mut turned, turned_legible) = read_page_as_it_stands(&img.turned(quarters), dpi, opts)?;
    let (stood, turned_share) = (legible.share(), turned_legible.share());
    if turned_share < 2.0 * stood || turned_share < stood + TURN_GAIN {
        return Ok(page);
    }
    turned.turned = Some((quarters, confidence));
    Ok(turned)
}

/// Read one page picture as it stands, and how surely its Chinese was read.
fn read_page_as_it_stands(img: &Gray, dpi: Option<f32>, opts: &OcrOptions) -> Result<(PageText, Legibility)> {
    let mut legible = Legibility::default();
    // Small text (a 150-dpi scan, a screenshot) is enlarged first, so rules are more than a
    // pixel wide and digits large enough; a speckled page is cleaned by a 3 × 3 median.
    let (unit0, specks) = ink_stats(&img.ink(img.otsu()));
    if std::env::var_os("XXGK_OCR_DEBUG").is_some() {
        eprintln!("ocr page {}×{}: unit {unit0:.1} px, specks {specks:.2}", img.w, img.h);
    }
    let mut dpi = dpi;
    let mut strict = false;
    let mut work = std::borrow::Cow::Borrowed(img);
    let f = (40.0 / unit0).min(2.5);
    if f > 1.2 && (img.w as f64 * img.h as f64 * f64::from(f * f)) <= opts.max_pixels as f64 {
        work = std::borrow::Cow::Owned(img.scale(f));
        dpi = dpi.map(|d| d * f);
        strict = true;
    }
    // The median takes hairline rules away with the specks: rules are looked for in the
    // page as it was before it (below).
    let mut unfiltered = None;
    if specks > 0.2 {
        let filtered = work.median3();
        unfiltered = Some(std::mem::replace(&mut work, std::borrow::Cow::Owned(filtered)));
    }
    if unfiltered.is_some() {
        strict = true;
    }
    let img: &Gray = &work;
    let t = img.otsu();
    let bits = img.ink(t);
    let unit = estimate_unit(&bits);
    let skew = bits.skew_degrees(MAX_SKEW_DEGREES);
    let (img, bits) = if skew.abs() >= 0.05 {
        let level = img.level(skew);
        let bits = level.ink(t);
        (level, bits)
    } else {
        (img.clone(), bits)
    };
    // Resolution for tesseract's size heuristics: the real one, or one that makes the
    // text about 10.5 points.
    let dpi = dpi.unwrap_or(unit * 72.0 / 10.5);
    // Rules are found in a lighter bitmap than the text's: a thin grey rule of a scanned
    // page (a hairline, tilted over two pixel rows, greyed by the scan) is often lighter
    // than Otsu's threshold, which sits between the text's ink and the paper. Halfway
    // from that threshold to the paper keeps such rules whole; text never makes rules
    // (runs break between strokes) and specks are too short to, so the lighter bitmap of
    // the page before its median costs nothing there.
    let rule_bits = {
        let source = match &unfiltered {
            Some(u) if skew.abs() >= 0.05 => std::borrow::Cow::Owned(u.level(skew)),
            Some(u) => std::borrow::Cow::Borrowed(u.as_ref()),
            None => std::borrow::Cow::Borrowed(&img),
        };
        let paper = source.paper();
        let rule_t = if paper > t { t + (paper - t) / 2 } else { t };
        if rule_t > t || unfiltered.is_some() {
            std::borrow::Cow::Owned(source.ink(rule_t))
        } else {
            std::borrow::Cow::Borrowed(&bits)
        }
    };
    let grids = grid::find_tables(&rule_bits, unit);
    let mut page = PageText::default();
    let mut tables: Vec<((usize, usize), Table)> = Vec::new();
    for g in &grids {
        let (table, cells, low) = read_table(&img, t, g, unit, strict, opts, &mut legible)?;
        page.cells += cells;
        page.low += low;
        let (_, y0, _, y1) = g.bounds();
        tables.push(((y0, y1), table));
    }
    // Prose: the page without its tables.
    let mut rest = img;
    for g in &grids {
        let (x0, y0, x1, y1) = g.bounds();
        let m = g.rule + 2;
        rest.blank(x0.saturating_sub(m), y0.saturating_sub(m), x1 + m, y1 + m);
    }
    let mut words = if rest.ink(t).px.iter().any(|&p| p != 0) {
        let pass = Pass { lang: "chi_sim", psm: 4, whitelist: None };
        tesseract::run(&rest, pass, dpi.round() as u32, opts.timeout_secs)?
    } else {
        Vec::new()
    };
    for w in &words {
        legible.add(&w.text, w.conf);
    }
    // Numbers outside ruled tables (prose, tables without rules): read again by the digit
    // passes, and remembered with their readings for the cells they end up in.
    let numeric: Vec<usize> = (0..words.len())
        .filter(|&i| {
            let t = &words[i].text;
            t.chars().any(|c| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || ".,-/%".contains(c))
        })
        .collect();
    let pad = (unit * 0.25) as usize + 2;
    let crops: Vec<Gray> = numeric
        .iter()
        .map(|&i| {
            let w = &words[i];
            rest.crop(w.x0.saturating_sub(pad), w.y0.saturating_sub(pad), w.x1 + pad, w.y1 + pad)
        })
        .collect();
    let items: Vec<ValueItem> = numeric
        .iter()
        .zip(&crops)
        .map(|(&i, img)| {
            let w = &words[i];
            ValueItem {
                img,
                digit_h: (w.y1 - w.y0) as f32,
                chi: Reading { text: w.text.clone(), conf: w.conf, legible: Legibility::default() },
            }
        })
        .collect();
    let mut numbers: Vec<(String, CellOcr, bool)> = Vec::new();
    for (&i, (text, o)) in numeric.iter().zip(read_values(&items, strict, opts)?) {
        if !text.is_empty() {
            words[i].text = text.clone();
        }
        numbers.push((words[i].text.clone(), o, false));
    }
    // Bands of prose between tables, each rebuilt as a page of word boxes (in points).
    let pt = 72.0 / f64::from(dpi.max(1.0));
    let mut bands: Vec<Vec<super::pdf::WordBox>> = vec![Vec::new(); tables.len() + 1];
    for w in join_words(words) {
        let yc = (w.y0 + w.y1) / 2;
        let band = tables.iter().take_while(|((y0, _), _)| yc > *y0).count();
        bands[band].push((w.text, w.x0 as f64 * pt, w.y0 as f64 * pt, w.x1 as f64 * pt, w.y1 as f64 * pt));
    }
    let height = rest.h as f64 * pt;
    let mut tables = tables.into_iter();
    for (i, band) in bands.into_iter().enumerate() {
        if !band.is_empty() {
            let mut blocks = super::pdf::from_word_boxes(height, band).blocks;
            let context: String = blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Paragraph(p) => Some(p.as_str()),
                    Block::Table(_) | Block::Break => None,
                })
                .collect();
            // Title lines: one that says 报告, and a short one just before it (a title set
            // over two lines: 淮安市人民政府 / 2024 年政府信息公开工作年度报告).
            let titles: Vec<bool> = (0..blocks.len())
                .map(|i| {
                    let says = |j: usize| matches!(blocks.get(j), Some(Block::Paragraph(p)) if p.contains("报告") && p.chars().count() <= 80);
                    says(i) || (says(i + 1) && matches!(&blocks[i], Block::Paragraph(p) if p.chars().count() <= 30))
                })
                .collect();
            for (b, title) in blocks.iter_mut().zip(titles) {
                if let Block::Paragraph(p) = b {
                    if title {
                        if let Some(fixed) = vocab::undouble_year(p) {
                            page.warnings.push(format!(
                                "OCR read the title as 「{p}」; its year's last digit read twice is taken once: 「{fixed}」"
                            ));
                            *p = fixed;
                        }
                        if let Some(fixed) = vocab::snap_places(p, &context) {
                            page.warnings.push(format!(
                                "OCR read the title as 「{p}」; its place name is taken as the known one: 「{fixed}」"
                            ));
                            *p = fixed;
                        }
                        if let Some(fixed) = vocab::snap_kinds(p, &context) {
                            page.warnings.push(format!(
                                "OCR read the title as 「{p}」; its agency kind is taken as the known one: 「{fixed}」"
                            ));
                            *p = fixed;
                        }
                    }
                }
            }
            let (cells, low) = attach_readings(&mut blocks, &mut numbers);
            page.cells += cells;
            page.low += low;
            page.blocks.extend(blocks);
        }
        if i < grids.len() {
            if let Some((_, t)) = tables.next() {
                page.blocks.push(Block::Table(t));
            }
        }
    }
    Ok((page, legible))
}

/// Confidence of a blank cell in a table without rules: the cell is empty because no
/// word was found there, and a lone small mark (a 0) can be missed.
pub const UNRULED_BLANK_CONFIDENCE: f32 = 50.0;

/// Give the cells of tables rebuilt from word boxes (tables without rules) their OCR
/// readings: a number takes the reading of the first unused number word with the same
/// text; a value with none gets confidence 0, a blank [`UNRULED_BLANK_CONFIDENCE`].
/// Returns the cells seen and how many are under [`LOW_CONFIDENCE`].
fn attach_readings(blocks: &mut [Block], numbers: &mut [(String, CellOcr, bool)]) -> (usize, usize) {
    let (mut cells, mut low) = (0, 0);
    for b in blocks {
        let Block::Table(t) = b else { continue };
        for cell in t.rows.iter_mut().flatten() {
            cells += 1;
            let text = cell.text.trim();
            let reading = if text.is_empty() {
                CellOcr {
                    confidence: UNRULED_BLANK_CONFIDENCE,
                    raw: "blank (no rules: a mark may be missed)".to_string(),
                }
            } else if let Some(n) = numbers.iter_mut().find(|n| !n.2 && n.0 == text) {
                n.2 = true;
                n.1.clone()
            } else if value_like(text) {
                CellOcr { confidence: 0.0, raw: format!("chi_sim:{text} (no single reading)") }
            } else {
                let raw = format!("chi_sim:{text}");
                if let Some(label) = vocab::snap_label(text) {
                    cell.text = label.into();
                }
                CellOcr { confidence: 100.0, raw }
            };
            if reading.confidence < LOW_CONFIDENCE {
                low += 1;
            }
            cell.ocr = Some(reading);
        }
    }
    (cells, low)
}

/// Join the words tesseract splits a line of Chinese into (often one per character) into
/// runs: words of one line closer than two character heights apart become one word, so
/// that the line and paragraph rebuilding sees text, not a table of characters.
fn join_words(mut words: Vec<tesseract::Word>) -> Vec<tesseract::Word> {
    words.sort_by_key(|w| (w.line, w.x0));
    let mut out: Vec<tesseract::Word> = Vec::new();
    for w in words {
        if let Some(last) = out.last_mut() {
            let h = (last.y1 - last.y0).max(w.y1 - w.y0).max(1);
            // Tesseract's boxes of Chinese words are narrower than the glyphs: allow two
            // character heights (columns of a table without rules are further apart).
            if last.line == w.line && w.x0 < last.x1 + 2 * h {
                let (l, r) = (last.text.chars().last().unwrap_or(' '), w.text.chars().next().unwrap_or(' '));
                if l.is_ascii_alphanumeric() && r.is_ascii_alphanumeric() {
                    last.text.push(' ');
                }
                last.text.push_str(&w.text);
                last.x1 = last.x1.max(w.x1);
                last.y0 = last.y0.min(w.y0);
                last.y1 = last.y1.max(w.y1);
                last.conf = last.conf.min(w.conf);
                continue;
            }
        }
        out.push(w);
    }
    out
}

/// Misreadings of label text that are never what a report prints: angle brackets for
/// the parentheses of （一）.
fn fix_label(text: &str) -> String {
    text.replace('〈', "（").replace('〉', "）")
}

/// The height of a character in pixels: a high quantile of the heights of the ink's
/// character-like components (Chinese characters break into several components, so the
/// median would be a radical's height).
pub fn estimate_unit(bits: &Bits) -> f32 {
    ink_stats(bits).0
}

/// The character height (see [`estimate_unit`]) and the share of the ink's components
/// that are specks (a pixel or two), which tells a noisy scan.
fn ink_stats(bits: &Bits) -> (f32, f32) {
    // On a half-size bitmap: enough for a size estimate, four times less work.
    let half = Bits {
        w: bits.w / 2,
        h: bits.h / 2,
        px: (0..(bits.w / 2) * (bits.h / 2))
            .map(|i| {
                let (x, y) = (2 * (i % (bits.w / 2).max(1)), 2 * (i / (bits.w / 2).max(1)));
                u8::from(bits.at(x, y) || bits.at(x + 1, y) || bits.at(x, y + 1) || bits.at(x + 1, y + 1))
            })
            .collect(),
    };
    let (comps, _) = half.components();
    let specks = comps.iter().filter(|c| c.w() <= 1 && c.h() <= 1).count() as f32 / comps.len().max(1) as f32;
    let mut hs: Vec<usize> = comps
        .iter()
        .filter(|c| c.h() >= 3 && c.w() >= 1 && c.w() <= 3 * c.h() && c.h() <= 4 * c.w().max(1) && c.h() < 200)
        .map(Comp::h)
        .collect();
    if hs.len() < 10 {
        return (30.0, specks);
    }
    hs.sort_unstable();
    let q = hs[hs.len() * 85 / 100] as f32 * 2.0;
    (q.clamp(8.0, 400.0), specks)
}

/// A cleaned cell picture ready for OCR.
struct Crop {
    img: Gray,
    /// Height of the ink, in the crop's pixels.
    ink_h: usize,
    /// The crop with a trailing unit (Chinese glyphs after digits) cut off, if one was found.
    digits_only: Option<Gray>,
}

/// The inner edges of a cell's rules: from each boundary, the pixel lines that are mostly
/// ink (over the middle of the cell's side) are rule; the crop starts one pixel past them.
/// Text set right against a rule stays whole this way, and a thick rule goes whole.
fn inner_box(img: &Gray, t: u8, cell: &GridCell, reach: usize) -> (usize, usize, usize, usize) {
    let ink = |x: usize, y: usize| img.get(x, y) < t;
    let (w, h) = (cell.x1.saturating_sub(cell.x0), cell.y1.saturating_sub(cell.y0));
    // Along a side, sample the middle 80 % only (corners belong to the other rules).
    let col_frac = |x: usize| {
        let (a, b) = (cell.y0 + h / 10, cell.y1 - h / 10);
        (a..b).filter(|&y| ink(x, y)).count() as f32 / (b - a).max(1) as f32
    };
    let row_frac = |y: usize| {
        let (a, b) = (cell.x0 + w / 10, cell.x1 - w / 10);
        (a..b).filter(|&x| ink(x, y)).count() as f32 / (b - a).max(1) as f32
    };
    let rule_end = |from: usize, to: usize, frac: &dyn Fn(usize) -> f32, up: bool, edge: usize| -> usize {
        // Scan from outside the boundary inwards; remember the last rule line.
        let mut last = None;
        let steps: Vec<usize> = if up { (from..=to).collect() } else { (to..=from).rev().collect() };
        for p in steps {
            if frac(p) >= 0.5 {
                last = Some(p);
            } else if last.is_some() {
                break;
            }
        }
        match (last, up) {
            (Some(p), true) => p + 1,
            (Some(p), false) => p,
            (None, true) => edge + 1,
            (None, false) => edge.saturating_sub(1),
        }
    };
    let x0 = rule_end(cell.x0.saturating_sub(reach), cell.x0 + reach, &col_frac, true, cell.x0);
    let x1 = rule_end(cell.x1 + reach, cell.x1.saturating_sub(reach), &col_frac, false, cell.x1);
    let y0 = rule_end(cell.y0.saturating_sub(reach), cell.y0 + reach, &row_frac, true, cell.y0);
    let y1 = rule_end(cell.y1 + reach, cell.y1.saturating_sub(reach), &row_frac, false, cell.y1);
    (x0, y0, x1, y1)
}

/// Crop a cell inside its rules and clean it; None when it holds no character-sized ink.
fn cell_crop(img: &Gray, t: u8, cell: &GridCell, reach: usize, unit: f32) -> Option<Crop> {
    if cell.x1 <= cell.x0 + 4 || cell.y1 <= cell.y0 + 4 {
        return None;
    }
    let (x0, y0, x1, y1) = inner_box(img, t, cell, reach);
    if x1 <= x0 + 2 || y1 <= y0 + 2 {
        return None;
    }
    let crop = img.crop(x0, y0, x1, y1);
    let bits = crop.ink(t);
    let (comps, labels) = bits.components();
    let speck = ((unit * 0.05) * (unit * 0.05)).max(2.0) as usize;
    let sliver = (unit * 0.25).max(2.0) as usize;
    let keep: Vec<bool> = comps
        .iter()
        .map(|c| {
            let border = c.x0 == 0 || c.y0 == 0 || c.x1 == crop.w || c.y1 == crop.h;
            let thin = c.w() <= sliver || c.h() <= sliver;
            let long = c.w() * 10 >= crop.w * 8 || c.h() * 10 >= crop.h * 8;
            // Rule remnants joined at corners (an L or a U): large and mostly empty.
            let sparse = (c.area as f32) < 0.1 * (c.w() * c.h()) as f32 && c.w().max(c.h()) as f32 > 1.5 * unit;
            c.area >= speck && !(border && thin) && !(thin && long && c.w().max(c.h()) as f32 > 3.0 * unit) && !sparse
        })
        .collect();
    let big = (unit * 0.3).max(3.0) as usize;
    let mut bb: Option<(usize, usize, usize, usize)> = None;
    for (c, _) in comps.iter().zip(&keep).filter(|(c, k)| **k && c.w().max(c.h()) >= big) {
        bb = Some(match bb {
            None => (c.x0, c.y0, c.x1, c.y1),
            Some(b) => (b.0.min(c.x0), b.1.min(c.y0), b.2.max(c.x1), b.3.max(c.y1)),
        });
    }
    let (bx0, by0, bx1, by1) = bb?;
    // Small pieces (a decimal point, the dots of 条 or 减) count only inside the span of
    // the characters: a speck beside them would read as a point.
    let band = by1 - by0;
    let kept: Vec<bool> = comps
        .iter()
        .zip(&keep)
        .map(|(c, &k)| {
            k && (c.w().max(c.h()) >= big
                || (c.x0 >= bx0 && c.x1 <= bx1 && c.y0 + band / 5 >= by0 && c.y1 <= by1 + band / 5))
        })
        .collect();
    let (mut kx0, mut ky0, mut kx1, mut ky1) = (bx0, by0, bx1, by1);
    for (c, _) in comps.iter().zip(&kept).filter(|(_, k)| **k) {
        kx0 = kx0.min(c.x0);
        ky0 = ky0.min(c.y0);
        kx1 = kx1.max(c.x1);
        ky1 = ky1.max(c.y1);
    }
    // Paper white except the kept components (and the pixel around them, for anti-aliasing).
    let mut clean = Gray::new(crop.w, crop.h, 255);
    for y in ky0..ky1 {
        for x in kx0..kx1 {
            let mut on = false;
            'n: for dy in [-1isize, 0, 1] {
                for dx in [-1isize, 0, 1] {
                    let (nx, ny) = (x as isize + dx, y as isize + dy);
                    if nx < 0 || ny < 0 || nx as usize >= crop.w || ny as usize >= crop.h {
                        continue;
                    }
                    let l = labels[ny as usize * crop.w + nx as usize];
                    if l != 0 && kept[l as usize - 1] {
                        on = true;
                        break 'n;
                    }
                }
            }
            if on {
                clean.px[y * crop.w + x] = crop.px[y * crop.w + x];
            }
        }
    }
    let pad = (unit * 0.3) as usize + 2;
    let out = clean.crop(kx0.saturating_sub(pad), ky0.saturating_sub(pad), kx1 + pad, ky1 + pad);
    // A unit after the digits: trailing glyph columns as wide as they are high.
    let mut columns: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut sorted: Vec<&Comp> = comps.iter().zip(&kept).filter(|(_, k)| **k).map(|(c, _)| c).collect();
    sorted.sort_by_key(|c| c.x0);
    for c in sorted {
        match columns.last_mut() {
            Some(col) if c.x0 < col.1 => {
                col.1 = col.1.max(c.x1);
                col.2 = col.2.min(c.y0);
                col.3 = col.3.max(c.y1);
            }
            _ => columns.push((c.x0, c.x1, c.y0, c.y1)),
        }
    }
    let glyph_h = (ky1 - ky0) as f32;
    let wide = |col: &(usize, usize, usize, usize)| (col.1 - col.0) as f32 >= 0.8 * glyph_h;
    let mut cut = columns.len();
    while cut > 1 && wide(&columns[cut - 1]) {
        cut -= 1;
    }
    let digits_only = (cut < columns.len() && cut > 0 && !wide(&columns[0])).then(|| {
        // Stop halfway to the unit's first glyph.
        let end = columns[cut - 1].1;
        let gap = columns[cut].0.saturating_sub(end);
        clean.crop(kx0.saturating_sub(pad), ky0.saturating_sub(pad), end + (gap / 2).min(pad), ky1 + pad)
    });
    Some(Crop { img: out, ink_h: ky1 - ky0, digits_only })
}

/// What one pass read in one crop: its lines (words joined) and the lowest confidence.
#[derive(Clone, Debug, Default, PartialEq)]
struct Reading {
    text: String,
    conf: f32,
    /// How surely its Chinese was read, word by word.
    legible: Legibility,
}

/// Stack crops into composite pictures (at most ~30,000 pixels high each), run one pass
/// per composite, and give each crop the words that fall inside it.
fn read_strips(strips: &[Gray], pass: Pass, dpi: f32, opts: &OcrOptions) -> Result<Vec<Reading>> {
    const MAX_H: usize = 30_000;
    let mut out = vec![Reading::default(); strips.len()];
    let mut start = 0;
    while start < strips.len() {
        let gap = 30usize;
        let mut end = start;
        let mut h = gap;
        while end < strips.len() && (end == start || h + strips[end].h + gap <= MAX_H) {
            h += strips[end].h + gap;
            end += 1;
        }
        let w = strips[start..end].iter().map(|s| s.w).max().unwrap_or(1) + 2 * gap;
        let mut comp = Gray::new(w, h, 255);
        let mut spans = Vec::with_capacity(end - start);
        let mut y = gap;
        for s in &strips[start..end] {
            comp.paste(s, gap, y);
            spans.push((y, y + s.h));
            y += s.h + gap;
        }
        if let Some(dir) = std::env::var_os("XXGK_OCR_DEBUG") {
            static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
            let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let _ = std::fs::write(
                std::path::Path::new(&dir).join(format!("strip-{n:04}-{}.pgm", pass.lang)),
                comp.to_pgm(),
            );
        }
        let words = tesseract::run(&comp, pass, dpi.round() as u32, opts.timeout_secs)?;
        let mut per: Vec<Vec<tesseract::Word>> = vec![Vec::new(); end - start];
        for w in words {
            let yc = (w.y0 + w.y1) / 2;
            if let Some(k) = spans.iter().position(|&(a, b)| yc + gap / 2 >= a && yc < b + gap / 2) {
                per[k].push(w);
            }
        }
        for (k, mut ws) in per.into_iter().enumerate() {
            ws.sort_by_key(|w| (w.line, w.x0));
            let mut text = String::new();
            let mut last_line = None;
            let mut conf = 100.0f32;
            let mut legible = Legibility::default();
            for w in &ws {
                legible.add(&w.text, w.conf);
                if last_line.is_some() && last_line != Some(w.line) {
                    text.push('\n');
                } else if !text.is_empty() && !text.ends_with('\n') {
                    let l = text.chars().last().unwrap_or(' ');
                    let r = w.text.chars().next().unwrap_or(' ');
                    if l.is_ascii_alphanumeric() && r.is_ascii_alphanumeric() && pass.whitelist.is_none() {
                        text.push(' ');
                    }
                }
                text.push_str(&w.text);
                last_line = Some(w.line);
                conf = conf.min(w.conf);
            }
            if pass.whitelist.is_some() {
                // Digits wrapped in a narrow cell are one number.
                text.retain(|c| c != '\n');
                text = clean_number(&text);
            }
            out[start + k] = Reading { text, conf: if ws.is_empty() { 0.0 } else { conf }, legible };
        }
        start = end;
    }
    Ok(out)
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Units a value cell may end with.
const UNITS: &[&str] = &["万元", "亿元", "元", "件", "个", "项", "条", "次", "人次", "人"];
/// Words that mean "not applicable" and are read as they are.
const NA_WORDS: &[&str] = &["无", "空", "不适用"];

/// A digit reading without the marks no number ends (or starts) with: a trailing point,
/// minus or slash is a speck or a rule read as one. A reading of marks only stays (`/`,
/// `-` mean "not applicable").
fn clean_number(s: &str) -> String {
    let t = s.trim_end_matches(['.', '-', '/', ',']).trim_start_matches(['.', ',']);
    if t.chars().any(|c| c.is_ascii_digit()) {
        t.to_string()
    } else {
        s.to_string()
    }
}

/// Does a Chinese-pass reading look like a value (a number, a mark), not a label?
fn value_like(chi: &str) -> bool {
    let t: String = chi.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || NA_WORDS.contains(&t.as_str()) {
        return false;
    }
    let mut core = t.as_str();
    for u in UNITS {
        if let Some(s) = core.strip_suffix(u) {
            core = s;
            break;
        }
    }
    core.chars().filter(|&c| is_cjk(c)).count() < 2 && core.chars().count() <= 24
}

/// The unit a Chinese-pass reading ends with, if any.
fn unit_of(chi: &str) -> Option<&'static str> {
    let t: String = chi.chars().filter(|c| !c.is_whitespace()).collect();
    UNITS.iter().find(|u| t.ends_with(*u) && t.chars().any(|c| c.is_ascii_digit())).copied()
}

/// The digits of a reading, for comparing readings: ASCII digits, point, minus, slash.
fn digits_of(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .filter_map(|c| match c {
            '0'..='9' | '.' | '-' | '/' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '—' | '－' | '–' | '一' => Some('-'),
            _ => None,
        })
        .collect()
}

/// A value to read with the digit passes: its cleaned picture, the height of its digits
/// in that picture, and what the Chinese pass read.
struct ValueItem<'a> {
    img: &'a Gray,
    digit_h: f32,
    chi: Reading,
}

/// Read values with the digit passes (2, and 3 where 1 and 2 disagree) and settle each
/// one's text and confidence (see the module documentation).
fn read_values(items: &[ValueItem], strict: bool, opts: &OcrOptions) -> Result<Vec<(String, CellOcr)>> {
    let dpi_of = |px: f32| px * 1.4 * 72.0 / 10.5;
    let strip = |it: &ValueItem, px: f32| it.img.scale((px / it.digit_h.max(1.0)).clamp(0.25, 8.0));
    let pass = Pass { lang: "eng", psm: 6, whitelist: Some(DIGITS) };
    let strips: Vec<Gray> = items.iter().map(|it| strip(it, DIGIT_PX)).collect();
    let digits = read_strips(&strips, pass, dpi_of(DIGIT_PX), opts)?;
    // On a poor page (enlarged or speckled) every value gets the third reading.
    let disagree: Vec<usize> = (0..items.len())
        .filter(|&k| {
            strict || clean_number(&digits_of(&items[k].chi.text)) != digits[k].text || digits[k].text.is_empty()
        })
        .collect();
    let strips: Vec<Gray> = disagree.iter().map(|&k| strip(&items[k], DIGIT_PX_2)).collect();
    let third = read_strips(&strips, pass, dpi_of(DIGIT_PX_2), opts)?;
    let mut third_of: Vec<Option<Reading>> = vec![None; items.len()];
    for (j, &k) in disagree.iter().enumerate() {
        third_of[k] = third.get(j).cloned();
    }
    let mut out = Vec::with_capacity(items.len());
    for (k, it) in items.iter().enumerate() {
        let (d, chi_r) = (&digits[k], &it.chi);
        let chi_d = clean_number(&digits_of(&chi_r.text));
        let mut raw = format!("digits:{} chi_sim:{}", d.text, chi_r.text.replace('\n', "⏎"));
        let (text, conf) = match &third_of[k] {
            None => (d.text.clone(), d.conf.max(chi_r.conf)),
            Some(c) => {
                raw.push_str(&format!(" digits2:{}", c.text));
                if strict && !c.text.is_empty() && c.text == d.text && c.text == chi_d {
                    (d.text.clone(), d.conf.min(c.conf).max(chi_r.conf.min(d.conf)))
                } else if strict && !d.text.is_empty() && d.text == chi_d {
                    // Two of three on a poor page: marked.
                    (d.text.clone(), d.conf.min(DIGITS_ONLY_CONFIDENCE))
                } else if !c.text.is_empty() && c.text == d.text {
                    // The digit passes agree, the Chinese pass does not: they share a
                    // model and can share a mistake (a 4 read as 1 at low resolution).
                    (d.text.clone(), d.conf.min(c.conf).min(DIGITS_ONLY_CONFIDENCE))
                } else if !c.text.is_empty() && c.text == chi_d {
                    (c.text.clone(), c.conf.min(chi_r.conf))
                } else if d.text.is_empty() && c.text.is_empty() && !chi_d.is_empty() {
                    // The digit passes saw nothing (a lone thin 1): the Chinese pass's
                    // digits, uncertain.
                    (chi_d.clone(), chi_r.conf.min(DISAGREE_CONFIDENCE))
                } else if d.text.is_empty() && c.text.is_empty() && lone_stroke(&chi_r.text) {
                    // Ink that every pass saw as a bar (] | l I !) is a thin 1 — never a
                    // blank, since the cell has ink; uncertain.
                    ("1".to_string(), chi_r.conf.min(DISAGREE_CONFIDENCE))
                } else {
                    let best = if d.text.is_empty() { c.text.clone() } else { d.text.clone() };
                    (best, d.conf.min(c.conf).min(DISAGREE_CONFIDENCE))
                }
            }
        };
        let text = match unit_of(&chi_r.text) {
            Some(u) if !text.is_empty() => format!("{text}{u}"),
            _ => text,
        };
        out.push((text, CellOcr { confidence: conf, raw }));
    }
    Ok(out)
}

/// A Chinese-pass reading that is one character starting a template label, read with
/// confidence: a piece of a header (结 of 结果维持 cut by a page break), not a value.
fn lone_label(r: &Reading) -> bool {
    let mut cs = r.text.trim().chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c) && vocab::starts_label(c)) && r.conf >= LOW_CONFIDENCE
}

/// A reading that is one vertical bar-like glyph, as tesseract's Chinese model reads a thin
/// 1 it cannot place.
fn lone_stroke(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() == 1 && t.chars().all(|c| "]|lI![1".contains(c))
}

/// Read a table's cells: returns the table, the cells read and how many are uncertain.
fn read_table(
    img: &Gray,
    t: u8,
    g: &Grid,
    unit: f32,
    strict: bool,
    opts: &OcrOptions,
    legible: &mut Legibility,
) -> Result<(Table, usize, usize)> {
    let reach = g.rule + 2 + (unit * 0.1) as usize;
    let crops: Vec<Option<Crop>> = g.cells.iter().map(|c| cell_crop(img, t, c, reach, unit)).collect();
    let present: Vec<usize> = (0..crops.len()).filter(|&i| crops[i].is_some()).collect();
    // Pass 1: Chinese, every cell with ink.
    let s1 = CJK_PX / unit;
    let strips: Vec<Gray> = present.iter().filter_map(|&i| crops[i].as_ref()).map(|c| c.img.scale(s1)).collect();
    let chi_pass = Pass { lang: "chi_sim", psm: 6, whitelist: None };
    let mut chi = read_strips(&strips, chi_pass, CJK_PX * 72.0 / 10.5, opts)?;
    // Cells the Chinese pass read as nothing (tesseract's line finding can skip a line of
    // a composite: 行政诉讼 between two other headers) are read again, on their own
    // composite. A lone small digit it missed stays empty, and goes to the digit passes.
    let empty: Vec<usize> = (0..chi.len()).filter(|&k| chi[k].text.trim().is_empty()).collect();
    if !empty.is_empty() {
        let again: Vec<Gray> = empty.iter().map(|&k| strips[k].clone()).collect();
        for (&k, r) in empty.iter().zip(read_strips(&again, chi_pass, CJK_PX * 72.0 / 10.5, opts)?) {
            if !r.text.trim().is_empty() {
                chi[k] = r;
            }
        }
    }
    for r in &chi {
        legible.absorb(r.legible);
    }
    let mut texts: Vec<String> = vec![String::new(); crops.len()];
    let mut ocr: Vec<Option<CellOcr>> = vec![None; crops.len()];
    let mut values: Vec<(usize, Reading)> = Vec::new();
    for (k, &i) in present.iter().enumerate() {
        let r = &chi[k];
        // Ink the Chinese pass read as nothing (a lone small digit) goes to the digit passes.
        if (value_like(&r.text) || r.text.trim().is_empty()) && !lone_label(r) {
            values.push((i, r.clone()));
        } else {
            let read = fix_label(&r.text);
            texts[i] = vocab::snap_label(&read).unwrap_or(read);
            ocr[i] = Some(CellOcr { confidence: r.conf, raw: format!("chi_sim:{}", r.text.replace('\n', "⏎")) });
        }
    }
    // Passes 2 and 3: digits, value cells.
    let items: Vec<ValueItem> = values
        .iter()
        .map(|(i, chi_r)| {
            let c = crops[*i].as_ref().expect("present");
            // Digits wrapped over lines in a narrow cell: scale by one line's height.
            let digit_h = if c.ink_h as f32 > 1.3 * unit { 0.72 * unit } else { c.ink_h as f32 };
            ValueItem { img: c.digits_only.as_ref().unwrap_or(&c.img), digit_h, chi: chi_r.clone() }
        })
        .collect();
    for ((i, _), (text, o)) in values.iter().zip(read_values(&items, strict, opts)?) {
        texts[*i] = text;
        ocr[*i] = Some(o);
    }
    // Blank cells: certain when the cell holds no ink at all; on a poor page, ink thrown
    // away as specks or rule remnants may have been a small character.
    let mut low = 0;
    for (i, c) in crops.iter().enumerate() {
        if c.is_none() {
            let gc = &g.cells[i];
            let (x0, y0, x1, y1) = inner_box(img, t, gc, reach);
            let ink = (y0..y1).flat_map(|y| (x0..x1).map(move |x| (x, y))).filter(|&(x, y)| img.get(x, y) < t).count();
            let (confidence, raw) = if strict && ink > 0 {
                (UNRULED_BLANK_CONFIDENCE, format!("blank ({ink} pixels of ink thrown away as specks)"))
            } else {
                (100.0, String::new())
            };
            if confidence < LOW_CONFIDENCE {
                low += 1;
            }
            ocr[i] = Some(CellOcr { confidence, raw });
        } else if values.iter().any(|(j, _)| *j == i) && ocr[i].as_ref().is_some_and(|o| o.confidence < LOW_CONFIDENCE)
        {
            low += 1;
        }
    }
    // The grid, merged cells expanded. Below a merged cell's first row, the positions
    // right of its first column are horizontal copies (of the copy to their left), so a
    // row holds one copy of a cell merged over rows and columns, as it holds one of a
    // cell merged over columns only: a header 本年增/减 over two grid columns and two rows
    // is one header in each row, not two.
    let (nr, nc) = (g.rows(), g.cols());
    let mut rows: Vec<Vec<Cell>> = vec![vec![Cell::default(); nc]; nr];
    for (i, gc) in g.cells.iter().enumerate() {
        for (r, row) in rows.iter_mut().enumerate().take(gc.r1.min(nr)).skip(gc.r0) {
            for (c, slot) in row.iter_mut().enumerate().take(gc.c1.min(nc)).skip(gc.c0) {
                let span = match (r - gc.r0, c - gc.c0) {
                    (0, 0) => Span::Own,
                    (_, 0) => Span::RowCopy,
                    _ => Span::ColCopy,
                };
                *slot = Cell { text: texts[i].as_str().into(), span, ocr: ocr[i].clone() };
            }
        }
    }
    Ok((Table { rows }, g.cells.len(), low))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_like_readings() {
        for v in ["12", "0", "7142.40万元", "/", "—", "1 2", "26"] {
            assert!(value_like(v), "{v}");
        }
        for v in ["规章", "行政规范性文件", "无", "本年制发件数", ""] {
            assert!(!value_like(v), "{v}");
        }
        assert_eq!(unit_of("7142.40万元"), Some("万元"));
        assert_eq!(unit_of("万元"), None);
        assert_eq!(digits_of("１２"), "12");
    }

    #[test]
    fn a_lone_bar_is_a_thin_one_and_nothing_else_is() {
        for v in ["]", "|", " l ", "I"] {
            assert!(lone_stroke(v), "{v:?}");
        }
        for v in ["", "]]", "7", "口", "|1"] {
            assert!(!lone_stroke(v), "{v:?}");
        }
    }
}
