//! DOCX reader.
//!
//! A DOCX is a zip archive; the text of the report is in one entry, `word/document.xml`
//! (WordprocessingML). This reader opens that entry (and `word/styles.xml`, to tell
//! which paragraph styles are titles; the pictures' parts when they are read), inflates it under [`Limits::max_inflated_bytes`], and
//! walks the XML once with a streaming reader:
//!
//! - `w:p` → a paragraph: the `w:t` runs joined, `w:tab` as a space, `w:br`/`w:cr` as a
//!   line break. Deleted text (`w:delText`, `w:moveFrom`), field instructions
//!   (`w:instrText`), properties superseded by tracked changes (`w:tcPrChange` …) and the
//!   fallback copy of alternate content (`mc:Fallback`) are skipped.
//! - `w:tbl` → a table. `w:gridSpan` repeats a cell over the grid columns it covers
//!   ([`Span::ColCopy`]); a `w:vMerge` continuation takes the text of the cell above
//!   ([`Span::RowCopy`]); `w:gridBefore` leaves empty positions at the start of a row so
//!   that grid columns line up. A table nested in a cell becomes its own block (before the
//!   outer table, since it ends first) and its text stays out of the outer cell.
//! - `a:blip r:embed` and VML's `v:imagedata r:id` outside tables → a picture where its
//!   paragraph stands; when the text holds fewer than three tables (the statistics tables
//!   pasted as screenshots), each is looked up in `word/_rels/document.xml.rels`, read
//!   from its part under the same limits, and read by OCR in place.
//! - `w:altChunk r:id` in the body → an embedded document (HTML, a web archive, RTF or
//!   text, as web systems export a page "to Word"), read by its own reader and put in
//!   place; a Word file is not read inside another.
//!
//! Nothing in the archive is trusted: sizes are checked as declared and as inflated, entry
//! counts are bounded, DTD entities are never expanded, and merged-cell expansion has a
//! budget, so a hostile file gives an error, never a panic or an unbounded allocation.

use std::collections::HashMap;

use anyhow::{anyhow, bail, Context, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::archive::{self, read_entry, Archive};
use super::{Block, Cell, Document, Limits, Span, Table};

/// Most grid positions all tables of one document may expand to (merged cells included).
const MAX_GRID_CELLS: usize = 2_000_000;

/// Widest `w:gridSpan` / `w:gridBefore` honoured; Word itself allows 63 columns.
const MAX_SPAN: usize = 1_000;

/// The WordprocessingML namespaces (transitional and strict).
const W_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// The markup-compatibility namespace (`mc:AlternateContent`).
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
/// DrawingML's main namespace (`a:blip`, a picture's reference), transitional and strict.
const A_NS: [&[u8]; 2] =
    [b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"];
/// VML's namespace (`v:imagedata`, a picture in Word 2003's markup).
const VML_NS: &[u8] = b"urn:schemas-microsoft-com:vml";
/// The relationships namespace (`r:embed`, `r:id`), transitional and strict.
const R_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/// Read a DOCX file (the whole file's bytes) into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        bail!("an OLE compound file (an old binary .doc, or an encrypted DOCX), not a DOCX zip archive");
    }
    if !bytes.starts_with(b"PK") {
        bail!("not a zip archive, so not a DOCX");
    }
    let mut archive = archive::open(bytes)?;
    let xml = match read_entry(&mut archive, "word/document.xml", limits)? {
        Some(xml) => xml,
        None => {
            // An OpenDocument file (LibreOffice's or WPS's .odt) names its kind in its first
            // entry, `mimetype`.
            if let Ok(Some(kind)) = read_entry(&mut archive, "mimetype", limits) {
                let kind = String::from_utf8_lossy(&kind);
                if kind.starts_with("application/vnd.oasis.opendocument") {
                    bail!("an OpenDocument file ({}), which xxgk does not read: save it as DOCX or PDF", kind.trim());
                }
            }
            bail!("not a Word document: no word/document.xml")
        }
    };
    let mut warnings = Vec::new();
    // Styles only serve the title hint: a missing or unreadable styles part is not fatal.
    let styles = match read_entry(&mut archive, "word/styles.xml", limits) {
        Ok(Some(s)) => match parse_styles(&s) {
            Ok(map) => Some(map),
            Err(e) => {
                warnings.push(format!("word/styles.xml ignored: {e:#}"));
                None
            }
        },
        Ok(None) => None,
        Err(e) => {
            warnings.push(format!("word/styles.xml ignored: {e:#}"));
            None
        }
    };
    let Parts { mut doc, pictures, chunks } =
        parse_document_parts(&xml, styles.as_ref(), limits).context("word/document.xml")?;
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    let rels = if pictures.is_empty() && chunks.is_empty() {
        HashMap::new()
    } else {
        match read_entry(&mut archive, "word/_rels/document.xml.rels", limits) {
            Ok(Some(xml)) => relationships(&xml),
            Ok(None) => HashMap::new(),
            Err(e) => {
                doc.warnings.push(format!("word/_rels/document.xml.rels ignored: {e:#}"));
                HashMap::new()
            }
        }
    };
    read_embedded(&mut archive, &mut doc, &rels, pictures, chunks, limits)?;
    // The core properties only serve the publication date: a missing or odd part is ignored.
    if let Ok(Some(core)) = read_entry(&mut archive, "docProps/core.xml", limits) {
        doc.meta = core_dates(&String::from_utf8_lossy(&core));
    }
    Ok(doc)
}

/// Put the body's embedded documents and pictures in place. Each relationship id is looked
/// up in `rels` and its part read from the archive under the same limits as the text. An
/// embedded document (`w:altChunk`) is read by the reader its content calls for — HTML, a
/// web archive, RTF or text; nothing that could embed documents again — and its blocks go
/// where it stands. Then, when the document's text with them holds fewer than three tables
/// ([`super::image::reads_pictures_of`]), pictures are read by OCR
/// ([`super::image::read_into`]); icons are skipped; a drawing Word keeps as EMF or WMF (a
/// table pasted from Excel as a picture) cannot be read, and says so.
fn read_embedded(
    archive: &mut Archive<'_>,
    doc: &mut Document,
    rels: &HashMap<String, String>,
    pictures: Vec<(usize, String)>,
    chunks: Vec<(usize, String)>,
    limits: &Limits,
) -> Result<()> {
    use super::image;
    // The chunks' documents, by the block index they stand at.
    let mut inserted: Vec<(usize, Vec<Block>)> = Vec::new();
    for (at, id) in chunks {
        let Some(name) = rels.get(&id) else { continue };
        let Some(bytes) = related_part(archive, name, limits, "embedded document", &mut doc.warnings) else { continue };
        match read_chunk(&bytes, name, limits) {
            Ok(mut part) => {
                if doc.title_hint.is_none() {
                    doc.title_hint = part.title_hint.take();
                }
                doc.warnings.extend(part.warnings.into_iter().map(|w| format!("{name}: {w}")));
                doc.meta.extend(part.meta);
                inserted.push((at, part.blocks));
            }
            Err(e) => doc.warnings.push(format!("embedded document {name} not read: {e:#}")),
        }
    }
    // The chunks' blocks go in from the last back, so that earlier places stay valid.
    let shifts: Vec<(usize, usize)> = inserted.iter().map(|(at, b)| (*at, b.len())).collect();
    for (at, blocks) in inserted.into_iter().rev() {
        let at = at.min(doc.blocks.len());
        doc.blocks.splice(at..at, blocks);
    }
    if pictures.is_empty() || !image::reads_pictures_of(doc, limits) {
        return Ok(());
    }
    // Pictures by their place among the text's blocks, shifted past the chunks' blocks.
    let mut found: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (at, id) in pictures {
        let Some(name) = rels.get(&id) else { continue };
        // The same picture shown twice (a `v:imagedata` beside its `a:blip`) is read once.
        if !seen.insert((at, name.clone())) {
            continue;
        }
        let Some(bytes) = related_part(archive, name, limits, "picture", &mut doc.warnings) else { continue };
        let shift: usize = shifts.iter().filter(|(c, _)| *c <= at).map(|(_, n)| n).sum();
        let part = if !image::is_picture(&bytes) && is_metafile(&bytes) {
            image::Part::Metafile
        } else {
            image::Part::Bytes(bytes)
        };
        if !image::keep(&mut found, &mut doc.warnings, at + shift, name, part) {
            break;
        }
    }
    image::read_into(doc, found, limits)
}

/// The part a relationship names, read under the limits; a part that cannot be read is
/// noted as `what` and left out.
fn related_part(
    archive: &mut Archive<'_>,
    name: &str,
    limits: &Limits,
    what: &str,
    warnings: &mut Vec<String>,
) -> Option<Vec<u8>> {
    match read_entry(archive, name, limits) {
        Ok(part) => part,
        Err(e) => {
            warnings.push(format!("{what} {name} not read: {e:#}"));
            None
        }
    }
}

/// An embedded document's part: a web archive, HTML, RTF or text (by content, then by the
/// part's name); never a Word file, which could embed documents in turn.
fn read_chunk(bytes: &[u8], name: &str, limits: &Limits) -> Result<Document> {
    use super::Format;
    let path = std::path::Path::new(name);
    if super::mhtml::is_archive(bytes) {
        return super::mhtml::read(bytes, limits);
    }
    match super::sniff(bytes, path) {
        Some(Format::Html) => super::html::read(bytes),
        Some(Format::Rtf) => super::rtf::read(bytes, limits),
        Some(Format::Text) => super::text::read(bytes),
        None if std::str::from_utf8(bytes).is_ok() => super::text::read(bytes),
        other => bail!("a {} part, which an embedded document may not be", other.map_or("binary", |f| f.as_str())),
    }
}

/// Does a part start like a Windows metafile (EMF, or WMF with or without its placeable
/// header)?
fn is_metafile(bytes: &[u8]) -> bool {
    (bytes.len() >= 44 && bytes.starts_with(&[1, 0, 0, 0]) && &bytes[40..44] == b" EMF")
        || bytes.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A])
        || bytes.starts_with(&[1, 0, 9, 0])
        || bytes.starts_with(&[2, 0, 9, 0])
}

/// The parts that `word/document.xml`'s relationships name, by id, as archive entry names
/// (targets are relative to `word/`; external targets, such as linked pictures, are left
/// out). An unreadable part gives what was read before the fault.
fn relationships(xml: &[u8]) -> HashMap<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let get = |k: &[u8]| attr(&e, k).ok().flatten();
                let (Some(id), Some(target)) = (get(b"Id"), get(b"Target")) else { continue };
                if get(b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external")) {
                    continue;
                }
                if let Some(name) = part_name(&target) {
                    out.insert(id, name);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A relationship target as an archive entry name: `media/image1.png` → `word/media/image1.png`,
/// `/word/media/x.png` → `word/media/x.png`, `../media/x.png` → `media/x.png`; None for a target
/// that climbs out of the archive.
fn part_name(target: &str) -> Option<String> {
    let target = target.replace('\\', "/");
    let (mut parts, rest): (Vec<&str>, &str) = match target.strip_prefix('/') {
        Some(abs) => (Vec::new(), abs),
        None => (vec!["word"], target.as_str()),
    };
    for piece in rest.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// `dcterms:created` and `dcterms:modified` of `docProps/core.xml`, as written (W3CDTF).
fn core_dates(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ["dcterms:created", "dcterms:modified"] {
        let Some(open) = xml.find(&format!("<{name}")) else { continue };
        let Some(gt) = xml[open..].find('>').map(|i| open + i + 1) else { continue };
        let Some(close) = xml[gt..].find(&format!("</{name}>")).map(|i| gt + i) else { continue };
        let value = xml[gt..close].trim();
        if !value.is_empty() && value.len() <= 64 {
            out.push((name.to_string(), value.to_string()));
        }
    }
    out
}

/// Paragraph style ids → whether the style is a title or a first-level heading, from
/// `word/styles.xml` (style ids are arbitrary: "1" is Normal in some files and
/// heading 1 in others, so the style's name decides).
fn parse_styles(xml: &[u8]) -> Result<HashMap<String, bool>> {
    let mut reader = NsReader::from_reader(xml);
    let mut map = HashMap::new();
    let mut current: Option<String> = None;
    loop {
        let (ns, ev) = reader.read_resolved_event()?;
        let w = is_ns(&ns, &W_NS);
        match ev {
            Event::Start(e) if w && e.local_name().as_ref() == b"style" => {
                current = attr(&e, b"styleId")?;
            }
            Event::Empty(e) if w && e.local_name().as_ref() == b"name" => {
                if let (Some(id), Some(name)) = (current.as_ref(), attr(&e, b"val")?) {
                    map.insert(id.clone(), is_title_name(&name));
                }
            }
            Event::End(e) if w && e.local_name().as_ref() == b"style" => current = None,
            Event::DocType(_) => bail!("a DOCTYPE, which Word never writes; refused"),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

/// Whether a style name (or, without a styles part, a style id) marks a title.
pub(super) fn is_title_name(name: &str) -> bool {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    matches!(n.as_str(), "title" | "heading1" | "标题" | "标题1")
}

/// Whether a resolved element namespace is one of `wanted`.
fn is_ns(ns: &ResolveResult, wanted: &[&[u8]]) -> bool {
    matches!(ns, ResolveResult::Bound(n) if wanted.contains(&n.as_ref()))
}

/// The value of the attribute with this local name (`w:val`, `w:styleId`), unescaped.
fn attr(e: &BytesStart, local: &[u8]) -> Result<Option<String>> {
    for a in e.attributes() {
        let a = a?;
        if a.key.local_name().as_ref() == local {
            return Ok(Some(a.unescape_value()?.into_owned()));
        }
    }
    Ok(None)
}

/// How a cell takes part in a vertical merge.
#[derive(Clone, Copy, PartialEq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

/// A table cell being read.
struct CellBuild {
    paragraphs: Vec<String>,
    grid_span: usize,
    vmerge: VMerge,
}

/// A table being read: finished rows, the open row (with its `w:gridBefore`), the open cell.
#[derive(Default)]
struct TableBuild {
    rows: Vec<Vec<Cell>>,
    row: Option<(Vec<Cell>, usize)>,
    cell: Option<CellBuild>,
}

/// What merged-cell expansion has used so far: grid positions, and bytes of copied text
/// (a large cell spread over many positions could otherwise multiply memory).
struct Budget {
    cells: usize,
    copied_bytes: usize,
    max_copied_bytes: usize,
}

/// A paragraph being read.
struct ParaBuild {
    text: String,
    style: Option<String>,
}

/// What is open, innermost last. Paragraphs can hold text boxes that hold paragraphs and
/// tables, and cells can hold tables, so both kinds nest.
enum Frame {
    Para(ParaBuild),
    Table(TableBuild),
}

/// Parse `word/document.xml`. `styles` maps style ids to "is a title" (see
/// [`parse_styles`]); without it, style ids are judged by themselves.
#[cfg(test)]
fn parse_document_xml(xml: &[u8], styles: Option<&HashMap<String, bool>>, limits: &Limits) -> Result<Document> {
    parse_document_parts(xml, styles, limits).map(|p| p.doc)
}

/// What `word/document.xml` gives: the document, and where its pictures and embedded
/// documents stand (the index of the block each stands before, and its relationship id).
struct Parts {
    doc: Document,
    pictures: Vec<(usize, String)>,
    /// `w:altChunk`: a document of another format (HTML, a web archive, RTF, text) that
    /// Word shows in place — what many web systems write when they export a page "to Word".
    chunks: Vec<(usize, String)>,
}

/// Parse `word/document.xml` into a document, the pictures of its body (the relationship
/// id of their part: `a:blip r:embed`, VML's `v:imagedata r:id`; not those inside table
/// cells) and its embedded documents (`w:altChunk r:id`).
fn parse_document_parts(xml: &[u8], styles: Option<&HashMap<String, bool>>, limits: &Limits) -> Result<Parts> {
    let mut reader = NsReader::from_reader(xml);
    let mut doc = Document::default();
    let mut pictures: Vec<(usize, String)> = Vec::new();
    let mut chunks: Vec<(usize, String)> = Vec::new();
    // Pictures of the paragraph being read, placed when it ends.
    let mut pending: Vec<String> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Depth inside elements whose content is skipped (deleted text, instructions, fallbacks).
    let mut skip = 0usize;
    // Depth inside `w:t`, and inside `w:r` (a `w:tab` outside a run is a tab stop).
    let mut in_text = 0usize;
    let mut in_run = 0usize;
    let mut budget = Budget {
        cells: 0,
        copied_bytes: 0,
        max_copied_bytes: limits.max_inflated_bytes.min(usize::MAX as u64) as usize,
    };
    let is_title = |id: &str| match styles.and_then(|m| m.get(id)) {
        Some(&t) => t,
        None => is_title_name(id) || (styles.is_none() && id == "1"),
    };

    loop {
        let pos = reader.buffer_position();
        let (ns, ev) = reader.read_resolved_event().map_err(|e| anyhow!("malformed XML near byte {pos}: {e}"))?;
        let w = is_ns(&ns, &W_NS);
        let mc = is_ns(&ns, &[MC_NS]);
        let drawing = is_ns(&ns, &A_NS) || is_ns(&ns, &[VML_NS]);
        if let Event::Start(ref e) | Event::Empty(ref e) = ev {
            if skip == 0 && drawing {
                if let Some(id) = picture_id(&reader, e) {
                    pending.push(id);
                }
            }
            if skip == 0 && w && e.local_name().as_ref() == b"altChunk" && stack.is_empty() {
                if let Some(id) = relationship_id(&reader, e, b"id") {
                    chunks.push((doc.blocks.len(), id));
                }
            }
        }
        match ev {
            Event::Start(ref e) => {
                let local = e.local_name();
                let local = local.as_ref();
                if skip > 0 || (w && skipped(local)) || (mc && local == b"Fallback") {
                    skip += 1;
                    continue;
                }
                if !w {
                    continue;
                }
                match local {
                    b"p" => stack.push(Frame::Para(ParaBuild { text: String::new(), style: None })),
                    b"tbl" => stack.push(Frame::Table(TableBuild::default())),
                    b"tr" => {
                        if let Some(Frame::Table(t)) = stack.last_mut() {
                            t.row = Some((Vec::new(), 0));
                        }
                    }
                    b"tc" => {
                        if let Some(Frame::Table(t)) = stack.last_mut() {
                            t.cell = Some(CellBuild { paragraphs: Vec::new(), grid_span: 1, vmerge: VMerge::None });
                        }
                    }
                    b"vMerge" | b"gridSpan" | b"gridBefore" | b"pStyle" => {
                        properties(local, e, &mut stack, &mut doc.warnings)?
                    }
                    b"t" => in_text += 1,
                    b"r" => in_run += 1,
                    _ => {}
                }
            }
            Event::Empty(ref e) => {
                if skip > 0 || !w {
                    continue;
                }
                let local = e.local_name();
                match local.as_ref() {
                    b"tab" | b"ptab" if in_run > 0 => push_text(&mut stack, " "),
                    b"br" | b"cr" if in_run > 0 => push_text(&mut stack, "\n"),
                    b"noBreakHyphen" if in_run > 0 => push_text(&mut stack, "-"),
                    b"vMerge" | b"gridSpan" | b"gridBefore" | b"pStyle" => {
                        properties(local.as_ref(), e, &mut stack, &mut doc.warnings)?
                    }
                    b"tc" => {
                        // An empty cell element: a blank cell.
                        if let Some(Frame::Table(t)) = stack.last_mut() {
                            let c = CellBuild { paragraphs: Vec::new(), grid_span: 1, vmerge: VMerge::None };
                            place_cell(t, c, &mut budget)?;
                        }
                    }
                    b"tr" => {
                        if let Some(Frame::Table(t)) = stack.last_mut() {
                            t.rows.push(Vec::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref e) if skip == 0 && in_text > 0 => {
                let text = e
                    .unescape()
                    .map_err(|err| anyhow!("bad text near byte {pos} (only XML's own entities are read): {err}"))?;
                push_text(&mut stack, &text);
            }
            Event::CData(ref e) if skip == 0 && in_text > 0 => {
                push_text(&mut stack, &String::from_utf8_lossy(e));
            }
            Event::End(ref e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                if !w {
                    continue;
                }
                match e.local_name().as_ref() {
                    b"t" => in_text = in_text.saturating_sub(1),
                    b"r" => in_run = in_run.saturating_sub(1),
                    b"p" => {
                        if matches!(stack.last(), Some(Frame::Para(_))) {
                            if let Some(Frame::Para(p)) = stack.pop() {
                                finish_paragraph(p, &mut stack, &mut doc, &is_title);
                            }
                        }
                        if stack.iter().any(|f| matches!(f, Frame::Table(_))) {
                            pending.clear();
                        } else {
                            let at = doc.blocks.len();
                            pictures.extend(pending.drain(..).map(|id| (at, id)));
                        }
                    }
                    b"tc" => {
                        if let Some(Frame::Table(t)) = stack.last_mut() {
                            if let Some(c) = t.cell.take() {
                                place_cell(t, c, &mut budget)?;
                            }
                        }
                    }
                    b"tr" => {
                        if let Some(Frame::Table(t)) = stack.last_mut() {
                            if let Some((row, _)) = t.row.take() {
                                t.rows.push(row);
                            }
                        }
                    }
                    b"tbl" => {
                        if matches!(stack.last(), Some(Frame::Table(_))) {
                            if let Some(Frame::Table(t)) = stack.pop() {
                                if t.rows.iter().any(|r| !r.is_empty()) {
                                    doc.blocks.push(Block::Table(Table { rows: t.rows }));
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::DocType(_) => {
                // Word never writes one. Its entities are never expanded: a reference to
                // one fails in `unescape` above.
                doc.warnings.push("word/document.xml has a DOCTYPE; ignored".to_string());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        bail!("word/document.xml ends inside an open paragraph or table (truncated?)");
    }
    Ok(Parts { doc, pictures, chunks })
}

/// The relationship id of a picture element: DrawingML's `a:blip r:embed` or VML's
/// `v:imagedata r:id` (a linked picture, `r:link`, is not in the file). `e` is an
/// element of DrawingML's or VML's namespace.
fn picture_id(reader: &NsReader<&[u8]>, e: &BytesStart) -> Option<String> {
    let wanted: &[u8] = match e.local_name().as_ref() {
        b"blip" => b"embed",
        b"imagedata" => b"id",
        _ => return None,
    };
    relationship_id(reader, e, wanted)
}

/// The value of the relationship attribute `r:wanted` of `e`, trimmed, if not empty.
fn relationship_id(reader: &NsReader<&[u8]>, e: &BytesStart, wanted: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let (ans, local) = reader.resolve_attribute(a.key);
        (local.as_ref() == wanted && is_ns(&ans, &R_NS))
            .then(|| a.unescape_value().ok().map(|v| v.trim().to_string()))
            .flatten()
            .filter(|v| !v.is_empty())
    })
}

/// WordprocessingML elements whose content is not the document's current text: deleted
/// and moved-away text, field instructions, and the previous properties recorded by
/// tracked changes (an old `w:gridSpan` inside `w:tcPrChange` must not count).
fn skipped(local: &[u8]) -> bool {
    matches!(
        local,
        b"delText"
            | b"instrText"
            | b"del"
            | b"moveFrom"
            | b"pPrChange"
            | b"rPrChange"
            | b"tcPrChange"
            | b"trPrChange"
            | b"tblPrChange"
            | b"tblPrExChange"
            | b"sectPrChange"
    )
}

/// Apply a paragraph or cell property element to what is open.
fn properties(local: &[u8], e: &BytesStart, stack: &mut [Frame], warnings: &mut Vec<String>) -> Result<()> {
    let val = attr(e, b"val")?;
    let number =
        |v: &Option<String>| -> usize { v.as_deref().and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(1) };
    match (local, stack.last_mut()) {
        (b"pStyle", Some(Frame::Para(p))) => p.style = val,
        (b"gridSpan", Some(Frame::Table(TableBuild { cell: Some(c), .. }))) => {
            let n = number(&val);
            if n > MAX_SPAN {
                warnings.push(format!("w:gridSpan {n} capped at {MAX_SPAN}"));
            }
            c.grid_span = n.clamp(1, MAX_SPAN);
        }
        (b"vMerge", Some(Frame::Table(TableBuild { cell: Some(c), .. }))) => {
            c.vmerge = match val.as_deref() {
                Some("restart") => VMerge::Restart,
                _ => VMerge::Continue,
            };
        }
        (b"gridBefore", Some(Frame::Table(TableBuild { row: Some((cells, before)), cell: None, .. })))
            if cells.is_empty() =>
        {
            let n = val.as_deref().and_then(|s| s.trim().parse::<usize>().ok()).unwrap_or(0);
            *before = n.min(MAX_SPAN);
        }
        _ => {}
    }
    Ok(())
}

/// Append text to the innermost open paragraph (text outside any paragraph is dropped).
fn push_text(stack: &mut [Frame], text: &str) {
    if let Some(Frame::Para(p)) = stack.last_mut() {
        p.text.push_str(text);
    }
}

/// A finished paragraph goes into the open cell of the enclosing table, or else into the
/// document's blocks.
fn finish_paragraph(p: ParaBuild, stack: &mut [Frame], doc: &mut Document, is_title: &dyn Fn(&str) -> bool) {
    let text = p.text.trim();
    if text.is_empty() {
        return;
    }
    match stack.last_mut() {
        Some(Frame::Table(TableBuild { cell: Some(c), .. })) => c.paragraphs.push(text.to_string()),
        _ => {
            if doc.title_hint.is_none() && p.style.as_deref().is_some_and(is_title) {
                doc.title_hint = Some(text.to_string());
            }
            doc.blocks.push(Block::Paragraph(text.to_string()));
        }
    }
}

/// Put a finished cell into the open row at its grid position: spans repeat it, a
/// vertical-merge continuation copies the cell above.
fn place_cell(t: &mut TableBuild, c: CellBuild, budget: &mut Budget) -> Result<()> {
    let TableBuild { rows, row, .. } = t;
    let Some((cells, before)) = row.as_mut() else {
        return Ok(());
    };
    // Leave the `w:gridBefore` positions empty, so the first cell lands on its grid column.
    while cells.len() < *before {
        cells.push(Cell::own(""));
        budget.cells += 1;
    }
    let pos = cells.len();
    let (text, first, rest) = match rows.last().and_then(|r| r.get(pos)) {
        Some(above) if c.vmerge == VMerge::Continue => (above.text.clone(), Span::RowCopy, Span::RowCopy),
        // A continuation with nothing above it is read as it stands.
        _ => (c.paragraphs.join("\n").trim().into(), Span::Own, Span::ColCopy),
    };
    budget.cells += c.grid_span;
    budget.copied_bytes += text.len() * (c.grid_span - usize::from(first == Span::Own));
    if budget.cells > MAX_GRID_CELLS || budget.copied_bytes > budget.max_copied_bytes {
        bail!(
            "merged cells expand the tables past {MAX_GRID_CELLS} grid cells or {} copied bytes; refusing the document",
            budget.max_copied_bytes
        );
    }
    for i in 0..c.grid_span {
        let span = if i == 0 { first } else { rest };
        cells.push(Cell { text: text.clone(), span, ocr: None });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>"#;
    const TAIL: &str = "</w:body></w:document>";

    /// The pictures of the body, where they stand, by relationship id: DrawingML's and
    /// VML's, not those in table cells, not the fallback copy of alternate content.
    #[test]
    fn pictures_of_the_body_are_found_with_their_places() {
        let ns = r#" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml""#;
        let head = HEAD.replace("<w:document ", &format!("<w:document{ns} "));
        let blip = |id: &str| {
            format!(r#"<w:p><w:r><w:drawing><a:blip r:embed="{id}"><a:extLst/></a:blip></w:drawing></w:r></w:p>"#)
        };
        let body = [
            p("标题"),
            blip("rId7"),
            p("二、主动公开政府信息情况"),
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><a:blip r:embed="rId8"/></w:drawing></mc:Choice><mc:Fallback><w:pict><v:imagedata r:id="rId8"/></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#.to_string(),
            format!("<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>", blip("rId9")),
            r#"<w:p><w:r><w:pict><v:imagedata r:id="rId10" o:title="" xmlns:o="urn:schemas-microsoft-com:office:office"/></w:pict></w:r></w:p>"#.to_string(),
            r#"<w:p><w:r><w:drawing><a:blip r:link="rId11"/></w:drawing></w:r></w:p>"#.to_string(),
        ]
        .concat();
        let xml = format!("{head}{body}{TAIL}");
        let Parts { doc, pictures, .. } = parse_document_parts(xml.as_bytes(), None, &Limits::default()).unwrap();
        assert_eq!(doc.blocks.len(), 3, "{:?}", doc.blocks);
        // rId7 after the title, rId8 once (its fallback skipped) and rId10 after the
        // heading and the table; rId9 (in a cell) and the linked rId11 not at all.
        assert_eq!(pictures, [(1, "rId7".to_string()), (2, "rId8".to_string()), (3, "rId10".to_string())]);
    }

    #[test]
    fn relationship_targets_name_archive_parts() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="t" Target="media/image1.png"/><Relationship Id="rId2" Type="t" Target="/word/media/a.jpeg"/><Relationship Id="rId3" Type="t" Target="../media/b.png"/><Relationship Id="rId4" Type="t" Target="http://x/y.png" TargetMode="External"/><Relationship Id="rId5" Type="t" Target="../../etc/passwd"/></Relationships>"#;
        let map = relationships(rels);
        assert_eq!(map.get("rId1").map(String::as_str), Some("word/media/image1.png"));
        assert_eq!(map.get("rId2").map(String::as_str), Some("word/media/a.jpeg"));
        assert_eq!(map.get("rId3").map(String::as_str), Some("media/b.png"));
        assert_eq!(map.get("rId4"), None);
        assert_eq!(map.get("rId5"), None);
        // A damaged part gives what came before the damage.
        assert_eq!(relationships(b"<Relationships><Relationship Id=\"a\" Target=\"x.png\"/><Rel").len(), 1);
    }

    #[test]
    fn metafiles_are_told_from_pictures() {
        let mut emf = vec![1, 0, 0, 0];
        emf.resize(40, 0);
        emf.extend_from_slice(b" EMF");
        assert!(is_metafile(&emf));
        assert!(is_metafile(&[0xD7, 0xCD, 0xC6, 0x9A, 0, 0]));
        assert!(!is_metafile(b"\x89PNG\r\n\x1a\n"));
        assert!(!is_metafile(&emf[..30]));
    }

    fn parse(body: &str) -> Result<Document> {
        let xml = format!("{HEAD}{body}{TAIL}");
        parse_document_xml(xml.as_bytes(), None, &Limits::default())
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn runs_tabs_breaks_and_skipped_text() {
        let doc = parse(concat!(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>"#,
            r#"<w:r><w:t xml:space="preserve">共收到 </w:t></w:r><w:del><w:r><w:delText>99</w:delText></w:r></w:del>"#,
            r#"<w:r><w:t>15</w:t><w:tab/><w:t>件</w:t><w:br/><w:t>第二行&amp;</w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>  </w:t></w:r></w:p><w:p/>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>乙</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        ))
        .unwrap();
        assert_eq!(doc.blocks, vec![Block::Paragraph("共收到 15 件\n第二行&3".into()), Block::Paragraph("甲".into())]);
        assert_eq!(doc.title_hint, None);
    }

    #[test]
    fn title_hint_from_style() {
        let doc = parse(&format!(
            r#"{}<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>某局2022年报告</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>"#,
            p("正文")
        ))
        .unwrap();
        assert_eq!(doc.title_hint.as_deref(), Some("某局2022年报告"));
        // With a styles part, the style's name decides, not its id.
        let styles = parse_styles(
            br#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/></w:style></w:styles>"#,
        )
        .unwrap();
        let xml = format!(
            r#"{HEAD}<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>正文</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>{TAIL}"#
        );
        let doc = parse_document_xml(xml.as_bytes(), Some(&styles), &Limits::default()).unwrap();
        assert_eq!(doc.title_hint.as_deref(), Some("标题"));
    }

    fn tc(props: &str, text: &str) -> String {
        let body = if text.is_empty() { "<w:p/>".to_string() } else { text.split('|').map(p).collect() };
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    }

    fn texts(t: &Table) -> Vec<Vec<(String, Span)>> {
        t.rows.iter().map(|r| r.iter().map(|c| (c.text.to_string(), c.span)).collect()).collect()
    }

    #[test]
    fn grid_span_vmerge_grid_before() {
        let doc = parse(&format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr></w:tbl>",
            tc(r#"<w:vMerge w:val="restart"/>"#, "三、本年度|办理结果"),
            tc(r#"<w:gridSpan w:val="2"/>"#, "申请人"),
            tc("<w:vMerge/>", ""),
            tc("", "1"),
            tc("", ""),
            tc("", "x"),
            tc("", "y"),
        ))
        .unwrap();
        let t = doc.tables().next().unwrap();
        use Span::*;
        let s = |x: &str| x.to_string();
        assert_eq!(
            texts(t),
            vec![
                vec![(s("三、本年度\n办理结果"), Own), (s("申请人"), Own), (s("申请人"), ColCopy)],
                vec![(s("三、本年度\n办理结果"), RowCopy), (s("1"), Own), (s(""), Own)],
                vec![(s(""), Own), (s("x"), Own), (s("y"), Own)],
            ]
        );
    }

    #[test]
    fn tracked_property_changes_are_ignored() {
        let old = r#"<w:gridSpan w:val="3"/><w:tcPrChange w:id="9" w:author="x"><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr></w:tcPrChange>"#;
        let doc = parse(&format!(
            r#"<w:tbl><w:tr>{}</w:tr></w:tbl><w:p><w:pPr><w:pStyle w:val="Normal"/><w:pPrChange w:id="8"><w:pPr><w:pStyle w:val="Title"/></w:pPr></w:pPrChange></w:pPr><w:r><w:t>正文</w:t></w:r></w:p>"#,
            tc(old, "a")
        ))
        .unwrap();
        let t = doc.tables().next().unwrap();
        assert_eq!(t.rows[0].iter().map(|c| c.span).collect::<Vec<_>>(), [Span::Own, Span::ColCopy, Span::ColCopy]);
        assert_eq!(doc.title_hint, None);
    }

    #[test]
    fn nested_table_is_its_own_block() {
        let inner = format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", tc("", "内"));
        let doc = parse(&format!(
            "{}<w:tbl><w:tr><w:tc>{}{}</w:tc>{}</w:tr></w:tbl>{}",
            p("前"),
            p("外"),
            inner,
            tc("", "2"),
            p("后")
        ))
        .unwrap();
        assert_eq!(doc.blocks.len(), 4);
        assert_eq!(doc.blocks[0], Block::Paragraph("前".into()));
        assert_eq!(doc.blocks[1], Block::Table(Table { rows: vec![vec![Cell::own("内")]] }));
        assert_eq!(doc.blocks[2], Block::Table(Table { rows: vec![vec![Cell::own("外"), Cell::own("2")]] }));
        assert_eq!(doc.blocks[3], Block::Paragraph("后".into()));
    }

    #[test]
    fn entities_are_never_expanded() {
        let xml = concat!(
            r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let err = parse_document_xml(xml.as_bytes(), None, &Limits::default()).unwrap_err();
        assert!(format!("{err:#}").contains("entities"), "{err:#}");
    }

    #[test]
    fn malformed_and_huge_spans_do_not_panic() {
        assert!(parse("<w:p><w:r><w:t>a</w:r></w:p>").is_err());
        assert!(parse_document_xml(b"<w:document", None, &Limits::default()).is_err());
        let doc =
            parse(&format!("<w:tbl><w:tr>{}</w:tr></w:tbl>", tc(r#"<w:gridSpan w:val="99999999999"/>"#, "a"))).unwrap();
        assert_eq!(doc.tables().next().unwrap().rows[0].len(), MAX_SPAN);
        let many: String = (0..3000).map(|_| tc(r#"<w:gridSpan w:val="1000"/>"#, "")).collect();
        let err = parse(&format!("<w:tbl><w:tr>{many}</w:tr></w:tbl>")).unwrap_err();
        assert!(format!("{err:#}").contains("grid cells"), "{err:#}");
    }
}
