//! OFD reader (开放版式文档, GB/T 33190): China's own fixed-layout format, which government
//! sites publish beside or instead of PDF.
//!
//! An OFD file is a zip archive of XML. `OFD.xml` names the document's root
//! (`DocBody/DocRoot`, e.g. `Doc_0/Document.xml`), which lists the pages in order
//! (`Pages/Page BaseLoc`) and the default page box (`CommonData/PageArea/PhysicalBox`),
//! in millimetres with y downwards. Each page's content (`Content.xml`) holds layers of
//! graphic objects; a page may also draw a template page under or over itself.
//!
//! Text is `TextObject`s, each holding `TextCode`s: Unicode text with the position of its
//! first character (`X`, `Y`, the baseline) and the advances to the next characters
//! (`DeltaX`, `DeltaY`; `g 3 4.2` stands for three advances of 4.2). A character's place
//! on the page is the object's `Boundary` origin plus its position through the object's
//! `CTM` (producers that convert from PDF write points scaled by 0.3528 there). From
//! the characters this reader makes word boxes, as pdftotext does for a PDF: characters
//! on one baseline, in order, a word ending at a space or a gap. The words are then rebuilt
//! into paragraphs and tables by the PDF reader's layout code ([`super::pdf`]), so a
//! table laid out in an OFD reads as the same table laid out in a PDF.
//!
//! Characters set at an angle (a watermark across the page) or hidden (`Visible="false"`)
//! are left out, with a note. A page with no text but a picture (a scan) has its largest
//! picture read by OCR, as a picture file would be ([`super::image`]); so are the pictures
//! on pages of text when the text holds fewer than three tables (the statistics tables
//! pasted as screenshots), as a Word file's are.
//!
//! Nothing is trusted: parts are read through [`super::archive`] under the inflate limit,
//! part names are resolved inside the archive only, and counts of pages and characters
//! are bounded.

use std::collections::HashMap;

use anyhow::{bail, Context, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::archive::{self, read_entry, Archive};
use super::pdf::WordBox;
use super::{Document, Limits};

/// Most pages read from one file.
const MAX_PAGES: usize = 2_000;
/// Most characters read from one file (a template's counted on every page that draws it):
/// a report of 200 pages has a few hundred thousand.
const MAX_GLYPHS: usize = 2_000_000;
/// Points per millimetre: OFD measures in millimetres, the layout code in points.
const PT_PER_MM: f64 = 72.0 / 25.4;
/// A Chinese font's ascent and descent, as shares of its size: a character's box reaches
/// this far above and below its baseline (SimSun's 0.859 and 0.141).
const ASCENT: f64 = 0.86;
const DESCENT: f64 = 0.14;

/// Read an OFD file (the whole file's bytes) into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let mut zip = archive::open(bytes)?;
    let root = part(&mut zip, "OFD.xml", limits)?;
    let (doc_root, meta) = parse_root(&root).context("OFD.xml")?;
    let doc_root = resolve("", &doc_root).with_context(|| format!("OFD.xml names its document as {doc_root:?}"))?;
    let listing = part(&mut zip, &doc_root, limits)?;
    let layout = parse_document(&listing).with_context(|| doc_root.clone())?;
    let dir = parent(&doc_root);
    if layout.pages.is_empty() {
        bail!("{doc_root} lists no pages");
    }
    if layout.pages.len() > MAX_PAGES {
        bail!("{doc_root} lists {} pages (more than {MAX_PAGES}); refusing it", layout.pages.len());
    }
    let mut budget = Budget { glyphs: MAX_GLYPHS, left_out: 0, hidden: 0 };
    let mut templates: HashMap<String, Content> = HashMap::new();
    let mut pages: Vec<PageRead> = Vec::with_capacity(layout.pages.len());
    for (n, loc) in layout.pages.iter().enumerate() {
        let name = locate(&zip, &dir, loc).with_context(|| format!("page {} is at {loc:?}", n + 1))?;
        let xml = part(&mut zip, &name, limits)?;
        let mut content = parse_content(&xml, &mut budget).with_context(|| name.clone())?;
        for id in &content.templates {
            if !templates.contains_key(id) {
                let tpl = match layout.templates.get(id).map(|loc| locate(&zip, &dir, loc)) {
                    Some(Ok(tpl_name)) => match read_entry(&mut zip, &tpl_name, limits)? {
                        Some(xml) => parse_content(&xml, &mut budget).with_context(|| tpl_name.clone())?,
                        None => Content::default(),
                    },
                    _ => Content::default(),
                };
                templates.insert(id.clone(), tpl);
            }
            if let Some(tpl) = templates.get(id) {
                budget.take(tpl.glyphs.len())?;
                content.glyphs.extend(tpl.glyphs.iter().cloned());
                content.pictures.extend(tpl.pictures.iter().cloned());
            }
        }
        let height_mm = content.height.or(layout.height).unwrap_or(297.0);
        let count = content.glyphs.len();
        let (words, overlaps) = words_and_overlaps(content.glyphs);
        // Text drawn over other text in a twentieth of a page's characters or more: the
        // producer wrote wrong positions (every run of a line at the line's start), and
        // figures read by place could land in the wrong cells. Refused, not guessed at. (A
        // few overlaps are seen in sound files: words of a stacked heading set on one line.)
        if overlaps >= 3 && overlaps * 20 >= count {
            bail!(
                "page {}: different characters are drawn over one another in {overlaps} places among its {count} characters (the file's text positions are wrong, as some converters write them), so its tables cannot be read reliably: convert the source document to OFD or PDF with another tool",
                n + 1
            );
        }
        pages.push(PageRead { height: height_mm * PT_PER_MM, words, pictures: content.pictures });
    }
    // A font written as its glyph numbers, not Unicode (against the standard, but seen in
    // PDFs converted without their fonts' maps): there is no picture of the page to read
    // instead, so the file is refused with the reason.
    if super::pdf::unreadable_texts(pages.iter().flat_map(|p| &p.words).map(|w| w.0.as_str())) {
        bail!("the OFD's text does not read as Chinese (its characters are a font's glyph numbers, not Unicode), and OFD pages cannot be read by OCR here: convert it to PDF");
    }
    let mut warnings = Vec::new();
    if budget.left_out > 0 {
        warnings.push(format!(
            "{} characters set at an angle (a watermark, a stamp's text) were left out",
            budget.left_out
        ));
    }
    if budget.hidden > 0 {
        warnings.push(format!("{} characters marked invisible were left out", budget.hidden));
    }
    let scanned = pages.iter().any(|p| p.words.is_empty());
    let pictured = limits.ocr.mode != super::ocr::OcrMode::Never && pages.iter().any(|p| !p.pictures.is_empty());
    let mut doc = if scanned {
        with_pictures(&mut zip, &dir, &layout.resources, pages, false, limits)?
    } else if pictured {
        // Pictures on pages of text are read as a Word file's are: when the text holds
        // fewer than three tables (the statistics tables pasted as screenshots).
        let doc = super::pdf::from_pages(pages.iter().map(|p| (p.height, p.words.clone())).collect());
        if super::image::reads_pictures_of(&doc, limits) {
            with_pictures(&mut zip, &dir, &layout.resources, pages, true, limits)?
        } else {
            doc
        }
    } else {
        super::pdf::from_pages(pages.into_iter().map(|p| (p.height, p.words)).collect())
    };
    doc.warnings.extend(warnings);
    doc.meta = meta;
    Ok(doc)
}

/// An entry that must be there.
fn part(zip: &mut Archive<'_>, name: &str, limits: &Limits) -> Result<Vec<u8>> {
    read_entry(zip, name, limits)?.with_context(|| {
        if name == "OFD.xml" {
            "not an OFD document: no OFD.xml in the archive".to_string()
        } else {
            format!("the archive has no part {name}, which the document names")
        }
    })
}

/// One page as read: its height in points, its words, its pictures.
struct PageRead {
    height: f64,
    words: Vec<WordBox>,
    pictures: Vec<Picture>,
}

/// The pages rebuilt with their pictures read by OCR in place: a page without text (a
/// scan) gives its largest picture, and with `text_pages` a page of text gives its pictures
/// after its own text. Runs of text pages between them are rebuilt together, so that a table
/// going on over a page break is one table. The pictures are read in parallel
/// ([`super::image::read_into`]).
fn with_pictures(
    zip: &mut Archive<'_>,
    dir: &str,
    resources: &[String],
    pages: Vec<PageRead>,
    text_pages: bool,
    limits: &Limits,
) -> Result<Document> {
    use super::image::{keep, read_into, Part};
    let media = media_files(zip, dir, resources, limits);
    let mut doc = Document::default();
    let mut found: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut run: Vec<(f64, Vec<WordBox>)> = Vec::new();
    let flush = |run: &mut Vec<(f64, Vec<WordBox>)>, doc: &mut Document| {
        if !run.is_empty() {
            let part = super::pdf::from_pages(std::mem::take(run));
            doc.blocks.extend(part.blocks);
            doc.warnings.extend(part.warnings);
        }
    };
    for (n, page) in pages.into_iter().enumerate() {
        let mut pictures: Vec<&Picture> = page.pictures.iter().filter(|p| media.contains_key(&p.resource)).collect();
        if page.words.is_empty() {
            flush(&mut run, &mut doc);
            // A scan: its largest picture is the page.
            pictures.sort_by(|a, b| b.area.total_cmp(&a.area));
            pictures.truncate(1);
            if pictures.is_empty() {
                doc.warnings.push(format!("page {}: no text and no picture to read", n + 1));
                continue;
            }
            if limits.ocr.mode == super::ocr::OcrMode::Never {
                bail!("page {} has no text, only a picture (a scan), and OCR is off (--ocr never)", n + 1);
            }
        } else {
            run.push((page.height, page.words));
            if !text_pages || pictures.is_empty() {
                continue;
            }
            flush(&mut run, &mut doc);
        }
        for picture in pictures {
            let name = &media[&picture.resource];
            let bytes = read_entry(zip, name, limits)?
                .with_context(|| format!("page {}: its picture {name} is not in the archive", n + 1))?;
            if !keep(&mut found, &mut doc.warnings, doc.blocks.len(), name, Part::Bytes(bytes)) {
                break;
            }
        }
    }
    flush(&mut run, &mut doc);
    read_into(&mut doc, found, limits)?;
    Ok(doc)
}

/// The pictures the document's resource files declare: `MultiMedia` ID → the archive entry
/// of its `MediaFile`, resolved against its resource file's `BaseLoc`. Resource files that
/// are missing or unreadable give nothing (their pictures are then not found).
fn media_files(zip: &mut Archive<'_>, dir: &str, resources: &[String], limits: &Limits) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for loc in resources {
        let Ok(name) = locate(zip, dir, loc) else { continue };
        let Ok(Some(xml)) = read_entry(zip, &name, limits) else { continue };
        let res_dir = parent(&name);
        let mut reader = Reader::from_reader(&xml[..]);
        let mut base = res_dir.clone();
        let mut current: Option<String> = None;
        let mut in_file = false;
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf) {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    b"Res" => {
                        if let Some(b) = attr(&e, b"BaseLoc") {
                            base = resolve(&res_dir, &format!("{b}/")).unwrap_or_else(|_| res_dir.clone());
                        }
                    }
                    b"MultiMedia" => current = attr(&e, b"ID"),
                    b"MediaFile" => in_file = true,
                    _ => {}
                },
                Ok(Event::Text(t)) if in_file => {
                    if let (Some(id), Ok(file)) = (&current, t.unescape()) {
                        if let Ok(path) = locate(zip, &base, file.trim()) {
                            out.insert(id.clone(), path);
                        }
                    }
                }
                Ok(Event::End(e)) if e.local_name().as_ref() == b"MediaFile" => in_file = false,
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
    }
    out
}

/// `OFD.xml`: the first document's root part, and the dates of its `DocInfo`
/// (`CreationDate`, `ModDate`) for the publication date.
fn parse_root(xml: &[u8]) -> Result<(String, Vec<(String, String)>)> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut field: Option<&'static str> = None;
    let mut root: Option<String> = None;
    let mut meta = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| anyhow::anyhow!("not well-formed XML: {e}"))? {
            Event::Start(e) => {
                field = match e.local_name().as_ref() {
                    b"DocRoot" if root.is_none() => Some("DocRoot"),
                    b"CreationDate" => Some("CreationDate"),
                    b"ModDate" => Some("ModDate"),
                    _ => None,
                }
            }
            Event::Text(t) => {
                if let Some(name) = field {
                    let value = t.unescape()?.trim().to_string();
                    if name == "DocRoot" {
                        root = Some(value);
                    } else if !value.is_empty() && value.len() <= 64 {
                        meta.push((name.to_string(), value));
                    }
                }
            }
            Event::End(_) => field = None,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    let root = root.filter(|r| !r.is_empty()).context("no DocBody/DocRoot: not an OFD document")?;
    Ok((root, meta))
}

/// What a document's root part says: its pages' parts in order, its templates' parts by
/// ID, its resource files, and the default page height in millimetres.
#[derive(Debug, Default)]
struct Layout {
    pages: Vec<String>,
    templates: HashMap<String, String>,
    resources: Vec<String>,
    height: Option<f64>,
}

fn parse_document(xml: &[u8]) -> Result<Layout> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Layout::default();
    // Inside CommonData's PageArea's PhysicalBox, or a PublicRes/DocumentRes element.
    let (mut in_area, mut in_box, mut in_res) = (false, false, false);
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| anyhow::anyhow!("not well-formed XML: {e}"))? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"PageArea" => in_area = true,
                b"PhysicalBox" if in_area => in_box = true,
                b"PublicRes" | b"DocumentRes" => in_res = true,
                b"Page" | b"TemplatePage" => page_entry(&e, &mut out),
                _ => {}
            },
            Event::Empty(e) => page_entry(&e, &mut out),
            Event::Text(t) => {
                let text = t.unescape()?;
                if in_box && out.height.is_none() {
                    out.height = page_box_height(&text);
                } else if in_res && !text.trim().is_empty() {
                    out.resources.push(text.trim().to_string());
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"PageArea" => in_area = false,
                b"PhysicalBox" => in_box = false,
                b"PublicRes" | b"DocumentRes" => in_res = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A `Page` or `TemplatePage` entry of the document's root part.
fn page_entry(e: &BytesStart, out: &mut Layout) {
    let Some(loc) = attr(e, b"BaseLoc") else { return };
    match e.local_name().as_ref() {
        b"Page" => out.pages.push(loc),
        b"TemplatePage" => {
            if let Some(id) = attr(e, b"ID") {
                out.templates.insert(id, loc);
            }
        }
        _ => {}
    }
}

/// The height of a `PhysicalBox` (`x y width height`).
fn page_box_height(text: &str) -> Option<f64> {
    let v = numbers(text);
    (v.len() == 4 && v[3] > 0.0).then(|| v[3])
}

/// Counts that bound what one file may make the reader hold, and what was left out.
struct Budget {
    glyphs: usize,
    left_out: usize,
    hidden: usize,
}

impl Budget {
    /// Count `n` more characters against the file's bound.
    fn take(&mut self, n: usize) -> Result<()> {
        if n > self.glyphs {
            bail!("more than {MAX_GLYPHS} characters; refusing the file");
        }
        self.glyphs -= n;
        Ok(())
    }
}

/// One character placed on the page, in millimetres: its left edge, its right edge, its
/// baseline, its size; whether a space; and which text code it came from.
#[derive(Clone, Debug)]
struct Glyph {
    ch: char,
    x0: f64,
    x1: f64,
    base: f64,
    size: f64,
    run: usize,
}

/// A picture drawn on the page: its resource and the area it covers.
#[derive(Clone, Debug)]
struct Picture {
    resource: String,
    area: f64,
}

/// What one page's (or template's) content holds.
#[derive(Debug, Default)]
struct Content {
    glyphs: Vec<Glyph>,
    pictures: Vec<Picture>,
    templates: Vec<String>,
    height: Option<f64>,
}

/// A text object's placement: its `Boundary` origin, its `CTM`, and its font size.
#[derive(Clone, Copy, Debug)]
struct Placement {
    x: f64,
    y: f64,
    /// The right edge of the boundary on the page.
    right: f64,
    ctm: [f64; 6],
    size: f64,
    hidden: bool,
    angled: bool,
}

impl Placement {
    /// A point of the object's space on the page.
    fn at(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.ctm;
        (self.x + a * x + c * y + e, self.y + b * x + d * y + f)
    }
    /// How much the CTM scales lengths.
    fn scale(&self) -> f64 {
        let [a, b, c, d, ..] = self.ctm;
        (a * d - b * c).abs().sqrt()
    }
}

/// One page's content part: its text as characters on the page, its pictures, its
/// templates and its own page box.
fn parse_content(xml: &[u8], budget: &mut Budget) -> Result<Content> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Content::default();
    let mut object: Option<Placement> = None;
    // The text code being read (its text so far in `text`).
    let mut code: Option<Code> = None;
    let mut text = String::new();
    // Where the last text code of the object ended (a code without X or Y goes on there).
    let mut pen: (f64, f64) = (0.0, 0.0);
    let (mut in_area, mut in_box) = (false, false);
    let mut run = 0usize;
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| anyhow::anyhow!("not well-formed XML: {e}"))?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => match e.local_name().as_ref() {
                b"TextObject" => {
                    object = Some(placement(e));
                    pen = (0.0, 0.0);
                    if empty {
                        object = None;
                    }
                }
                b"TextCode" if object.is_some() => {
                    let x = attr(e, b"X").and_then(|v| v.trim().parse().ok());
                    let y = attr(e, b"Y").and_then(|v| v.trim().parse().ok());
                    let dx = attr(e, b"DeltaX").map(|v| deltas(&v)).unwrap_or_default();
                    let dy = attr(e, b"DeltaY").map(|v| deltas(&v)).unwrap_or_default();
                    code = Some(Code { x, y, dx, dy });
                    text.clear();
                    if empty {
                        code = None;
                    }
                }
                b"ImageObject" => {
                    if let Some(resource) = attr(e, b"ResourceID") {
                        let p = placement(e);
                        let v = attr(e, b"Boundary").map(|b| numbers(&b)).unwrap_or_default();
                        let area = if v.len() == 4 { v[2].abs() * v[3].abs() } else { 0.0 };
                        if !p.hidden {
                            out.pictures.push(Picture { resource, area });
                        }
                    }
                }
                b"Template" => {
                    if let Some(id) = attr(e, b"TemplateID") {
                        out.templates.push(id);
                    }
                }
                b"Area" => in_area = true,
                b"PhysicalBox" if in_area && !empty => in_box = true,
                _ => {}
            },
            Event::Text(t) => {
                if code.is_some() {
                    text.push_str(&t.unescape()?);
                } else if in_box && out.height.is_none() {
                    out.height = page_box_height(&t.unescape()?);
                }
            }
            Event::CData(t) if code.is_some() => text.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => match e.local_name().as_ref() {
                b"TextCode" => {
                    if let (Some(Code { x, y, dx, dy }), Some(p)) = (code.take(), object) {
                        let start = (x.unwrap_or(pen.0), y.unwrap_or(pen.1));
                        budget.take(text.chars().count())?;
                        if p.hidden {
                            budget.hidden += text.chars().filter(|c| !c.is_whitespace()).count();
                        } else if p.angled {
                            budget.left_out += text.chars().filter(|c| !c.is_whitespace()).count();
                        }
                        pen = place_code(&text, start, &dx, &dy, &p, run, &mut out.glyphs);
                        run += 1;
                    }
                }
                b"TextObject" => object = None,
                b"Area" => in_area = false,
                b"PhysicalBox" => in_box = false,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// A text code's attributes: the first character's position (None: where the last code
/// ended) and the advances.
struct Code {
    x: Option<f64>,
    y: Option<f64>,
    dx: Vec<f64>,
    dy: Vec<f64>,
}

/// A text object's placement from its attributes.
fn placement(e: &BytesStart) -> Placement {
    let boundary = attr(e, b"Boundary").map(|b| numbers(&b)).unwrap_or_default();
    let (x, y) = if boundary.len() >= 2 { (boundary[0], boundary[1]) } else { (0.0, 0.0) };
    let right = if boundary.len() == 4 { boundary[0] + boundary[2] } else { f64::NAN };
    let ctm = attr(e, b"CTM")
        .map(|c| numbers(&c))
        .filter(|v| v.len() == 6)
        .map_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], |v| [v[0], v[1], v[2], v[3], v[4], v[5]]);
    let size = attr(e, b"Size").and_then(|s| s.trim().parse::<f64>().ok()).filter(|s| *s > 0.0).unwrap_or(3.5);
    let hidden = attr(e, b"Visible").is_some_and(|v| v.trim() == "false");
    // Turned or slanted (the CTM's off-diagonal terms), mirrored, or written in another
    // direction than left to right.
    let [a, b, c, d, ..] = ctm;
    let turned = b.abs() + c.abs() > 0.02 * (a.abs() + d.abs()) || a <= 0.0 || d <= 0.0;
    let direction = ["ReadDirection", "CharDirection"]
        .iter()
        .any(|n| attr(e, n.as_bytes()).is_some_and(|v| v.trim().parse::<f64>().is_ok_and(|deg| deg != 0.0)));
    Placement { x, y, right, ctm, size, hidden, angled: turned || direction }
}

/// Place one text code's characters on the page (unless its object is hidden or set at
/// an angle) and return where the pen stands after its last character, in the object's
/// space.
fn place_code(
    text: &str,
    start: (f64, f64),
    dx: &[f64],
    dy: &[f64],
    p: &Placement,
    run: usize,
    glyphs: &mut Vec<Glyph>,
) -> (f64, f64) {
    let scale = p.scale();
    let size = p.size * scale;
    let (mut x, mut y) = start;
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let nominal = nominal_width(ch) * p.size;
        // The advance to the next character: as given, else the character's usual width.
        let advance = dx.get(i).copied().unwrap_or(nominal);
        if !(p.hidden || p.angled) {
            let (px, py) = p.at(x, y);
            // The box ends at the next character or at the character's usual width,
            // whichever comes first (spread-out letters keep their gaps). The last
            // character ends where the object's boundary does when that is near: fonts'
            // figures and letters are wider or narrower than half a character, and a
            // producer that writes each character as an object of its own bounds it
            // tightly (a boundary far off is a line's or the page's, and tells nothing).
            let x1 = if i + 1 < chars.len() && advance > 0.0 {
                px + advance.min(nominal) * scale
            } else {
                let edge = p.right;
                if edge > px + 0.25 * size && edge <= px + 1.2 * size {
                    edge
                } else {
                    px + nominal * scale
                }
            };
            glyphs.push(Glyph { ch, x0: px, x1, base: py, size, run });
        }
        x += advance;
        y += dy.get(i).copied().unwrap_or(0.0);
    }
    (x, y)
}

/// A character's usual width as a share of the font size: a full square for Chinese and
/// full-width forms, half for the rest.
fn nominal_width(c: char) -> f64 {
    if c.is_ascii() || matches!(c, '\u{2000}'..='\u{206f}') && !matches!(c, '\u{2014}' | '\u{2026}') {
        0.5
    } else {
        1.0
    }
}

/// [`words_and_overlaps`]' words alone.
#[cfg(test)]
fn words(glyphs: Vec<Glyph>) -> Vec<WordBox> {
    words_and_overlaps(glyphs).0
}

/// Characters into words, as pdftotext makes them: characters on one baseline in order of
/// their left edges, a word ending at a space or where the gap to the next character is
/// wider than a quarter of the font size, or, within one text code, wider
/// than half a character (producers that stretch a justified line write its letters
/// apart); a character drawn again over itself (a bold faked by drawing twice) is kept once.
/// Boxes are in points, y downwards.
///
/// Also counts how many times two different characters of one line start at (nearly) the
/// same place: text drawn over other text, which no sound layout does (a producer that
/// writes every run of a line at the line's start does).
fn words_and_overlaps(mut glyphs: Vec<Glyph>) -> (Vec<WordBox>, usize) {
    let mut overlaps = 0;
    glyphs.sort_by(|a, b| a.base.total_cmp(&b.base));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.base - line[0].base).abs() <= 0.25 * g.size.max(line[0].size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    let mut out = Vec::new();
    for mut line in lines {
        line.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let ink: Vec<&Glyph> = line.iter().filter(|g| !g.ch.is_whitespace()).collect();
        overlaps += ink
            .windows(2)
            .filter(|p| p[0].ch != p[1].ch && p[1].x0 - p[0].x0 < 0.25 * p[0].size.min(p[1].size))
            .count();
        let mut word: Option<(String, f64, f64, f64, f64)> = None;
        let mut last: Option<&Glyph> = None;
        let flush = |word: &mut Option<(String, f64, f64, f64, f64)>, out: &mut Vec<WordBox>| {
            if let Some((text, x0, y0, x1, y1)) = word.take() {
                out.push((text, x0 * PT_PER_MM, y0 * PT_PER_MM, x1 * PT_PER_MM, y1 * PT_PER_MM));
            }
        };
        for g in &line {
            if g.ch.is_whitespace() {
                flush(&mut word, &mut out);
                last = Some(g);
                continue;
            }
            if let Some(prev) = last {
                if prev.ch == g.ch && (g.x0 - prev.x0).abs() < 0.15 * g.size {
                    continue;
                }
                let gap = g.x0 - prev.x1;
                let reach = if prev.run == g.run { 0.5 } else { 0.25 } * g.size.max(prev.size);
                if prev.ch.is_whitespace() || gap > reach {
                    flush(&mut word, &mut out);
                }
            }
            let (y0, y1) = (g.base - ASCENT * g.size, g.base + DESCENT * g.size);
            match &mut word {
                Some((text, wx0, wy0, wx1, wy1)) => {
                    text.push(g.ch);
                    *wx0 = wx0.min(g.x0);
                    *wy0 = wy0.min(y0);
                    *wx1 = wx1.max(g.x1);
                    *wy1 = wy1.max(y1);
                }
                None => word = Some((g.ch.to_string(), g.x0, y0, g.x1, y1)),
            }
            last = Some(g);
        }
        flush(&mut word, &mut out);
    }
    (out, overlaps)
}

/// An attribute's value by local name, unescaped.
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The numbers of a space-separated list; anything else in it is skipped.
fn numbers(text: &str) -> Vec<f64> {
    text.split_ascii_whitespace().filter_map(|t| t.parse().ok()).collect()
}

/// A `DeltaX`/`DeltaY` list, `g N v` expanded to N copies of v (at most 100,000 in all).
fn deltas(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let mut tokens = text.split_ascii_whitespace();
    while let Some(t) = tokens.next() {
        if t == "g" {
            let n = tokens.next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0);
            let v = tokens.next().and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(v, n.min(100_000 - out.len().min(100_000))));
        } else if let Ok(v) = t.parse() {
            out.push(v);
        }
        if out.len() >= 100_000 {
            break;
        }
    }
    out
}

/// The directory part of an entry name, with its trailing slash (`Doc_0/` for
/// `Doc_0/Document.xml`; empty at the top).
fn parent(name: &str) -> String {
    name.rfind('/').map_or(String::new(), |i| name[..=i].to_string())
}

/// The entry a location names: resolved against `dir` ([`resolve`]), or, when no entry has
/// that name, from the archive's top (some producers write locations from the top without
/// the leading `/`: `Doc_0/Pages/Page_0/Content.xml` in `Doc_0/Document.xml`).
fn locate(zip: &Archive<'_>, dir: &str, loc: &str) -> Result<String> {
    let name = resolve(dir, loc)?;
    if zip.index_for_name(&name).is_none() {
        if let Ok(top) = resolve("", loc) {
            if zip.index_for_name(&top).is_some() {
                return Ok(top);
            }
        }
    }
    Ok(name)
}

/// An entry name from a location in a part: absolute (`/Doc_0/Pages/…`) from the archive's
/// top, else relative to `dir`; `.` and `..` resolved, never above the top.
fn resolve(dir: &str, loc: &str) -> Result<String> {
    let loc = loc.trim().replace('\\', "/");
    let (mut parts, rest): (Vec<&str>, &str) = match loc.strip_prefix('/') {
        Some(abs) => (Vec::new(), abs),
        None => (dir.split('/').filter(|p| !p.is_empty()).collect(), loc.as_str()),
    };
    for piece in rest.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    bail!("a location above the archive's top");
                }
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        bail!("an empty location");
    }
    let mut name = parts.join("/");
    if loc.ends_with('/') {
        name.push('/');
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(objects: &str) -> Content {
        let xml = format!(
            r#"<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>{objects}</ofd:Layer></ofd:Content></ofd:Page>"#
        );
        parse_content(xml.as_bytes(), &mut Budget { glyphs: MAX_GLYPHS, left_out: 0, hidden: 0 }).unwrap()
    }

    fn texts(objects: &str) -> Vec<String> {
        words(content(objects).glyphs).into_iter().map(|w| w.0).collect()
    }

    /// A character's place is the boundary's origin plus its position through the CTM (here
    /// points scaled to millimetres, as converters from PDF write it), and its size scales
    /// with the CTM too.
    #[test]
    fn characters_are_placed_through_the_boundary_and_the_ctm() {
        let c = content(
            r#"<ofd:TextObject ID="1" CTM="0.3528 0 0 0.3528 -114.8 111.35" Boundary="114.8 185.23 4.08 4.73" Size="14.749"><ofd:TextCode X="324.419" Y="-303.723">局</ofd:TextCode></ofd:TextObject>"#,
        );
        let g = &c.glyphs[0];
        assert!((g.x0 - 114.456).abs() < 0.01 && (g.base - 189.43).abs() < 0.01, "{g:?}");
        assert!((g.size - 5.2034).abs() < 0.001, "{g:?}");
        // Its box ends at the boundary's right edge, the object bounding its one character.
        assert!((g.x1 - 118.88).abs() < 0.01, "{g:?}");
    }

    /// Words as pdftotext makes them: a figure written one object per character is one word;
    /// figures in cells far apart are two; a space ends a word; a character drawn twice a
    /// hair apart (a bold faked so) is kept once, while a figure's repeated digits stay.
    #[test]
    fn characters_make_words_as_pdftotext_makes_them() {
        let glyph = |c: char, x: f64| {
            format!(
                r#"<ofd:TextObject Boundary="{x} 10 2 5" Size="4"><ofd:TextCode X="0" Y="4">{c}</ofd:TextCode></ofd:TextObject>"#
            )
        };
        let objects: String = [('1', 10.0), ('0', 12.0), ('0', 14.0), ('7', 40.0), ('7', 40.2), ('5', 42.0)]
            .iter()
            .map(|&(c, x)| glyph(c, x))
            .collect();
        assert_eq!(texts(&objects), vec!["100", "75"]);
        assert_eq!(
            texts(
                r#"<ofd:TextObject Boundary="10 10 100 5" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 4 4 2 2 2">行政许可 12</ofd:TextCode></ofd:TextObject>"#
            ),
            vec!["行政许可", "12"]
        );
        // A justified line spreads its characters: still one word.
        assert_eq!(
            texts(
                r#"<ofd:TextObject Boundary="10 10 100 5" Size="4"><ofd:TextCode X="0" Y="4" DeltaX="g 3 5.2">主动公开</ofd:TextCode></ofd:TextObject>"#
            ),
            vec!["主动公开"]
        );
    }

    /// Text set at an angle, mirrored, written in another direction or marked invisible is
    /// left out and counted; a code without X or Y goes on where the last one ended.
    #[test]
    fn angled_and_hidden_text_is_left_out() {
        let mut budget = Budget { glyphs: MAX_GLYPHS, left_out: 0, hidden: 0 };
        let xml = r#"<ofd:Page><ofd:Content><ofd:Layer>
            <ofd:TextObject Boundary="0 0 100 100" Size="4" CTM="0.7071 -0.7071 0.7071 0.7071 0 0"><ofd:TextCode X="0" Y="4">水印</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="0 0 100 100" Size="4" CTM="-1 0 0 1 0 0"><ofd:TextCode X="0" Y="4">镜</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="0 0 100 100" Size="4" ReadDirection="90"><ofd:TextCode X="0" Y="4">竖</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="0 0 100 100" Size="4" Visible="false"><ofd:TextCode X="0" Y="4">9 9</ofd:TextCode></ofd:TextObject>
            <ofd:TextObject Boundary="10 10 100 10" Size="4"><ofd:TextCode X="0" Y="4">规章</ofd:TextCode><ofd:TextCode>制发</ofd:TextCode></ofd:TextObject>
        </ofd:Layer></ofd:Content></ofd:Page>"#;
        let c = parse_content(xml.as_bytes(), &mut budget).unwrap();
        assert_eq!((budget.left_out, budget.hidden), (4, 2));
        let w = words(c.glyphs);
        assert_eq!(w.iter().map(|w| w.0.as_str()).collect::<Vec<_>>(), vec!["规章制发"]);
        // In points: x from 10 mm, the baseline at 14 mm.
        assert!((w[0].1 - 10.0 * PT_PER_MM).abs() < 1e-9 && (w[0].4 - (14.0 + 0.14 * 4.0) * PT_PER_MM).abs() < 1e-9);
    }

    #[test]
    fn delta_lists_expand_their_repeats() {
        assert_eq!(deltas("g 3 4.2 1 g 2 0.5"), vec![4.2, 4.2, 4.2, 1.0, 0.5, 0.5]);
        assert_eq!(deltas(""), Vec::<f64>::new());
        assert_eq!(deltas("g 99999999999 1").len(), 100_000);
        assert_eq!(deltas("g x 1 2"), vec![2.0]);
    }

    #[test]
    fn locations_resolve_inside_the_archive() {
        assert_eq!(resolve("Doc_0/", "Pages/Page_0/Content.xml").unwrap(), "Doc_0/Pages/Page_0/Content.xml");
        assert_eq!(resolve("Doc_0/", "/Doc_0/Res/a.png").unwrap(), "Doc_0/Res/a.png");
        assert_eq!(resolve("Doc_0/Res/", "../Tpls/t.xml").unwrap(), "Doc_0/Tpls/t.xml");
        assert_eq!(resolve("", "Doc_0\\Document.xml").unwrap(), "Doc_0/Document.xml");
        assert!(resolve("Doc_0/", "../../etc/passwd").is_err());
        assert!(resolve("", "").is_err());
        assert_eq!(parent("Doc_0/Document.xml"), "Doc_0/");
        assert_eq!(parent("OFD.xml"), "");
    }
}
