//! Word 97 reader: `.doc`, and WPS Office's `.wps` (the same format).
//!
//! A Word 97–2003 document is an OLE compound file (a little FAT file system, signature
//! `D0 CF 11 E0 A1 B1 1A E1`, opened with the `cfb` crate). Two of its streams matter:
//!
//! - `WordDocument` starts with the *FIB* (file information block): the format's magic
//!   number and version, flags (encrypted; which table stream), the character counts of
//!   the main text and of the other stories (footnotes, headers, comments, text boxes)
//!   that follow it, and offsets into the table stream. The stream also holds the text
//!   itself and the 512-byte pages of paragraph and character properties.
//! - `0Table` or `1Table` (the FIB says which) holds the *CLX*: the piece table, which
//!   maps character positions (CPs) to runs of text in `WordDocument` — each piece either
//!   UTF-16 or "compressed" (one byte a character, Windows-1252) — and the bin tables
//!   that point at the property pages, the style sheet, and the text boxes' anchors.
//! - `Data`, if present, holds paragraph property lists too large for their page (long
//!   table rows, from LibreOffice especially), and inline pictures.
//!
//! The algorithm:
//!
//! 1. Sniff and open the compound file; refuse encrypted files and other OLE documents
//!    (Excel, PowerPoint, an encrypted DOCX) with a message saying what they are. Streams
//!    are read under [`Limits::max_inflated_bytes`].
//! 2. Read the FIB; refuse Word 6/95 files and offsets that point outside their stream.
//! 3. Read the piece table, and walk the main text only (CPs `0..ccpText`: footnotes,
//!    headers, comments and text boxes are separate stories after it), piece by piece.
//!    Text marked as a tracked deletion is left out. Text boxes anchored in the main
//!    text (LibreOffice writes floating frames, floated tables included, as text boxes)
//!    are read from their story first, and their blocks put in where their anchor is,
//!    before the anchoring paragraph or table, as the DOCX reader has them.
//! 4. Characters: `0x0D` ends a paragraph, `0x07` ends a table cell (or, with the row-end
//!    property, a row), `0x0C` (page or section break) ends a paragraph, `0x0B` is a line
//!    break, a tab is a space. A field is `0x13 code 0x14 result 0x15`: the result is
//!    kept and the code dropped (fields nest). Object anchors and other control
//!    characters are dropped, so embedded objects and pictures leave no text; a picture
//!    outside tables — a picture character (`0x01`) whose character properties point
//!    into `Data`, or a shape anchor (`0x08`) whose shape shows a picture — is noted where
//!    it stands and, when the document's text holds fewer than three tables, read by OCR
//!    there (see `pictures`).
//! 5. At each paragraph end, its properties (from the paragraph FKP covering the mark's
//!    stream offset, then the piece's own modifier) give its table depth and whether it
//!    ends a cell or a row; the row-end paragraph carries the row's layout (cell
//!    boundaries and merge flags). Nested tables end cells and rows with `0x0D` marks
//!    flagged as such, and become their own blocks before the enclosing table, as in the
//!    DOCX reader.
//! 6. Each finished table is laid out as a grid (see `grid`): cell widths give
//!    `gridSpan`-like spans, merge flags give copies.
//!
//! Paragraph styles whose identifier or name marks a title (Title, heading 1, 标题)
//! give the [`Document::title_hint`], as in the DOCX reader. Nothing is trusted: every
//! offset is bounds-checked, and a bad one gives an error naming what is broken (or, for
//! formatting, just no formatting), never a panic.

pub(super) mod grid;
mod pictures;
pub(super) mod props;

use std::io::{Cursor, Read};

use anyhow::{anyhow, bail, Result};

use super::{Block, Document, Limits};
use grid::{Budget, RowBuild, TableBuild};
use props::{Papx, ParaProps};

/// The compound-file signature.
pub const OLE_SIGNATURE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Most grid positions all tables of one document may expand to (merged cells included).
const MAX_GRID_CELLS: usize = 2_000_000;

/// The FIB's magic number.
const W_IDENT: u16 = 0xA5EC;
/// The oldest FIB version read: Word 97 (Word 6 and 95 files use 101–104).
const NFIB_WORD97: u16 = 0x00C0;

/// Little-endian reads that give `None` past the end.
pub(crate) fn le_u16(d: &[u8], at: usize) -> Option<u16> {
    let b = d.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

pub(crate) fn le_u32(d: &[u8], at: usize) -> Option<u32> {
    let b = d.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Read a Word 97 file (the whole file's bytes) into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    if !bytes.starts_with(OLE_SIGNATURE) {
        bail!("not an OLE compound file, so not a Word 97 .doc/.wps (those start with D0 CF 11 E0)");
    }
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| anyhow!("not a readable OLE compound file (truncated or corrupt): {e}"))?;
    if cf.is_stream("/EncryptedPackage") || cf.is_stream("/EncryptionInfo") {
        bail!("a password-protected (encrypted) Office document; xxgk cannot read it: remove the password and save it again");
    }
    if !cf.is_stream("/WordDocument") {
        let what = if cf.is_stream("/Workbook") || cf.is_stream("/Book") {
            "an Excel workbook"
        } else if cf.is_stream("/PowerPoint Document") {
            "a PowerPoint presentation"
        } else if cf.is_stream("/CONTENTS") || cf.is_stream("/MatOST") {
            "a Microsoft Works document"
        } else {
            "an OLE compound file"
        };
        bail!("{what} without a WordDocument stream, so not a Word document");
    }
    let word = read_stream(&mut cf, "WordDocument", limits)?;
    let fib = Fib::parse(&word)?;
    let table_name = if fib.which_table { "1Table" } else { "0Table" };
    if !cf.is_stream(format!("/{table_name}")) {
        bail!("the FIB names a {table_name} stream, which the file does not have");
    }
    let table = read_stream(&mut cf, table_name, limits)?;
    // Only large paragraph property lists live in the Data stream; a file may have none.
    let data = if cf.is_stream("/Data") { read_stream(&mut cf, "Data", limits)? } else { Vec::new() };
    let (mut doc, found) = from_streams_with_pictures(&word, &table, &data, &fib, table_name, limits)?;
    if !found.is_empty() && super::image::reads_pictures_of(&doc, limits) {
        let dgg = table
            .get(fib.dgg_info.0 as usize..(fib.dgg_info.0 as usize).saturating_add(fib.dgg_info.1 as usize))
            .unwrap_or(&[]);
        read_pictures(&mut doc, found, &word, &data, dgg, limits)?;
    }
    Ok(doc)
}

/// A picture in the main text: inline (an offset in the Data stream) or floating (the id
/// of the shape anchored there).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Picture {
    Inline(u32),
    Shape(u32),
}

/// Read the pictures of the main text (`(block index, picture)`) by OCR, in place:
/// metafiles cannot be read, and say so; icons are skipped.
fn read_pictures(
    doc: &mut Document,
    found: Vec<(usize, Picture)>,
    word: &[u8],
    data: &[u8],
    dgg: &[u8],
    limits: &Limits,
) -> Result<()> {
    use super::image;
    let shapes = if found.iter().any(|(_, p)| matches!(p, Picture::Shape(_))) {
        pictures::Shapes::new(dgg)
    } else {
        pictures::Shapes::default()
    };
    let mut bitmaps: Vec<(usize, Vec<u8>)> = Vec::new();
    for (k, (at, picture)) in found.into_iter().enumerate() {
        let part = match picture {
            Picture::Inline(offset) => pictures::inline(data, offset),
            Picture::Shape(spid) => shapes.picture(dgg, word, spid),
        };
        let part = match part {
            pictures::Found::Bitmap(bytes) => image::Part::Bytes(bytes),
            pictures::Found::Metafile => image::Part::Metafile,
            pictures::Found::Nothing => image::Part::Bytes(Vec::new()),
        };
        if !image::keep(&mut bitmaps, &mut doc.warnings, at, &(k + 1).to_string(), part) {
            break;
        }
    }
    image::read_into(doc, bitmaps, limits)
}

/// The document in the streams: the main text walked piece by piece.
#[cfg(test)]
fn from_streams(
    word: &[u8],
    table: &[u8],
    data: &[u8],
    fib: &Fib,
    table_name: &str,
    limits: &Limits,
) -> Result<Document> {
    from_streams_with_pictures(word, table, data, fib, table_name, limits).map(|(doc, _)| doc)
}

/// The document in the streams, and the pictures of its main text outside tables: the
/// index of the block each stands before, and where the picture is kept.
fn from_streams_with_pictures(
    word: &[u8],
    table: &[u8],
    data: &[u8],
    fib: &Fib,
    table_name: &str,
    limits: &Limits,
) -> Result<(Document, Vec<(usize, Picture)>)> {
    let part = |what: &str, (fc, lcb): (u32, u32)| -> Result<&[u8]> {
        let (fc, lcb) = (fc as usize, lcb as usize);
        table.get(fc..fc.saturating_add(lcb)).ok_or_else(|| {
            anyhow!(
                "the {what} at byte {fc} ({lcb} bytes) lies outside the {} bytes of the {table_name} stream",
                table.len()
            )
        })
    };
    let clx = part("piece table (CLX)", fib.clx)?;
    let (pieces, prcs) = parse_clx(clx, word)?;
    // Formatting is optional: without it, text still reads (tables as paragraphs).
    let papx = Papx::new(word, data, part("paragraph bin table", fib.bte_papx).unwrap_or(&[]));
    let chpx = part("character bin table", fib.bte_chpx).unwrap_or(&[]);
    let deleted = props::deleted_ranges(word, chpx);
    let picture_runs = props::picture_runs(word, chpx);
    let titles = props::title_styles(part("style sheet", fib.stsh).unwrap_or(&[]));
    let end = pieces.last().map_or(0, |p| p.cp_end);
    if fib.ccp_text > end {
        bail!("the FIB says the main text has {} characters, but the piece table covers only {end}", fib.ccp_text);
    }
    let text = Text { word, pieces: &pieces, prcs: &prcs, deleted: &deleted, picture_runs: &picture_runs };
    let mut walker = Walker::new(papx, titles, limits);
    let spa = part("shape anchors", fib.spa_mom).unwrap_or(&[]);
    walker.shapes = shape_anchors(spa);
    // Text boxes first: each is read on its own, and its blocks wait for its anchor.
    let boxes = text_boxes(spa, part("text box ranges", fib.txbx_txt).unwrap_or(&[]), fib);
    for (anchor, from, to) in boxes {
        let mut sub = walker.sub();
        sub.walk(&text, from, to)?;
        let blocks = walker.take_back(sub)?;
        if !blocks.is_empty() {
            walker.anchors.entry(anchor).or_default().extend(blocks);
        }
    }
    walker.walk(&text, 0, fib.ccp_text)?;
    let pictures = std::mem::take(&mut walker.pictures);
    Ok((walker.finish()?, pictures))
}

/// Shapes anchored in the main text, by the CP of their anchor: the shape's id (the first
/// field of its `FSPA`). Unreadable → none.
fn shape_anchors(spa: &[u8]) -> std::collections::HashMap<u32, u32> {
    let n = if spa.len() >= 4 && (spa.len() - 4) % 30 == 0 { (spa.len() - 4) / 30 } else { 0 };
    (0..n).filter_map(|i| Some((le_u32(spa, 4 * i)?, le_u32(spa, 4 * (n + 1) + 26 * i)?))).collect()
}

/// The text of all stories: the piece table over the WordDocument stream.
struct Text<'a> {
    word: &'a [u8],
    pieces: &'a [Piece],
    prcs: &'a [&'a [u8]],
    /// FC ranges of tracked deletions.
    deleted: &'a [(u32, u32)],
    /// FC ranges of inline pictures, with their offsets in the Data stream.
    picture_runs: &'a [(u32, u32, u32)],
}

/// Text boxes anchored in the main text: `(anchor CP, first CP, end CP)` of each, CPs
/// of the whole text. A shape anchor (`FSPA`, whose first field is the shape id) and a
/// text box (`FTXBXS`, whose `lid` is the id of its shape) belong together by that id.
/// Each text box is read once, however many anchors name it; unreadable tables → none.
fn text_boxes(spa: &[u8], txbx: &[u8], fib: &Fib) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    // PLCs: n+1 CPs, then n entries of a fixed size.
    let plc = |d: &[u8], size: usize| {
        if d.len() >= 4 && (d.len() - 4) % (4 + size) == 0 {
            (d.len() - 4) / (4 + size)
        } else {
            0
        }
    };
    let (nspa, nbox) = (plc(spa, 26), plc(txbx, 22));
    if nspa == 0 || nbox < 2 {
        return out;
    }
    // Text boxes by the id of their shape. The last FTXBXS is always a spare, and spares
    // (fReusable) hold no text box.
    let mut by_shape: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for j in 0..nbox - 1 {
        let at = 4 * (nbox + 1) + 22 * j;
        if let (Some(0), Some(lid)) = (le_u16(txbx, at + 8), le_u32(txbx, at + 14)) {
            by_shape.entry(lid).or_insert(j);
        }
    }
    // Sound ranges do not overlap, so together they are at most the story's length; a
    // hostile table could make every range the whole story.
    let mut budget = fib.ccp_txbx;
    for i in 0..nspa {
        let (Some(anchor), Some(spid)) = (le_u32(spa, 4 * i), le_u32(spa, 4 * (nspa + 1) + 26 * i)) else { continue };
        let Some(j) = by_shape.remove(&spid) else { continue };
        let (Some(a), Some(b)) = (le_u32(txbx, 4 * j), le_u32(txbx, 4 * j + 4)) else { continue };
        if a < b && b <= fib.ccp_txbx && b - a <= budget {
            budget -= b - a;
            out.push((anchor, fib.txbx_start.saturating_add(a), fib.txbx_start.saturating_add(b)));
        }
    }
    out
}

/// A stream's bytes, refusing one larger than the limit before reading it.
fn read_stream(cf: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str, limits: &Limits) -> Result<Vec<u8>> {
    let limit = limits.max_inflated_bytes;
    let stream = cf.open_stream(format!("/{name}")).map_err(|e| anyhow!("cannot open the {name} stream: {e}"))?;
    let len = stream.len();
    if len > limit {
        bail!("the {name} stream is {len} bytes, more than the limit of {limit} (raise it with --max-inflated-bytes)");
    }
    let mut buf = Vec::with_capacity(len as usize);
    stream
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| anyhow!("the {name} stream is corrupt in the compound file: {e}"))?;
    if buf.len() as u64 > limit {
        bail!("the {name} stream is more than the limit of {limit} bytes (raise it with --max-inflated-bytes)");
    }
    Ok(buf)
}

/// What the reader uses of the FIB: `(fc, lcb)` pairs are offset and length in the
/// table stream.
#[derive(Debug)]
struct Fib {
    which_table: bool,
    ccp_text: u32,
    /// Where the text-box story starts (after the main text, footnotes, headers,
    /// comments and endnotes), and its length.
    txbx_start: u32,
    ccp_txbx: u32,
    stsh: (u32, u32),
    bte_chpx: (u32, u32),
    bte_papx: (u32, u32),
    clx: (u32, u32),
    /// Shapes anchored in the main text (`PlcSpaMom`) and the text boxes' ranges in
    /// their story (`PlcftxbxTxt`); (0, 0) when the FIB is too short to say.
    spa_mom: (u32, u32),
    txbx_txt: (u32, u32),
    /// The OfficeArt drawings (`DggInfo`): floating shapes and their pictures.
    dgg_info: (u32, u32),
}

impl Fib {
    fn parse(w: &[u8]) -> Result<Fib> {
        let short = || anyhow!("the WordDocument stream is too short for a Word 97 FIB ({} bytes)", w.len());
        let ident = le_u16(w, 0).ok_or_else(short)?;
        if ident != W_IDENT {
            bail!(
                "the WordDocument stream does not start with a Word FIB (magic {ident:#06x}, expected {W_IDENT:#06x})"
            );
        }
        let nfib = le_u16(w, 2).ok_or_else(short)?;
        if nfib < NFIB_WORD97 {
            bail!("a Word 6.0/95 document (format version {nfib}); xxgk reads Word 97 and later: save it again as .doc (Word 97-2003) or .docx");
        }
        let flags = le_u16(w, 0x0A).ok_or_else(short)?;
        if flags & 0x0100 != 0 {
            bail!("the document is password-protected (encrypted); xxgk cannot read it: remove the password and save it again");
        }
        // FibBase (32 bytes), then three arrays, each preceded by its length.
        let csw = le_u16(w, 32).ok_or_else(short)? as usize;
        let lw_at = 34 + 2 * csw;
        let cslw = le_u16(w, lw_at).ok_or_else(short)? as usize;
        let lw = lw_at + 2;
        let fc_at = lw + 4 * cslw;
        let pairs = le_u16(w, fc_at).ok_or_else(short)? as usize;
        let fclcb = fc_at + 2;
        if cslw < 4 || pairs < 34 {
            bail!("the FIB is too short ({cslw} longs, {pairs} offset pairs): not a Word 97 document, or damaged");
        }
        let ccp_text = le_u32(w, lw + 4 * 3).ok_or_else(short)?;
        // Character counts of the stories, in order: main text 3, footnotes 4, headers 5,
        // comments 7, endnotes 8, text boxes 9.
        let ccp = |i: usize| if i < cslw { le_u32(w, lw + 4 * i).unwrap_or(0) } else { 0 };
        let txbx_start = [3, 4, 5, 7, 8].iter().fold(0u32, |a, &i| a.saturating_add(ccp(i)));
        let pair = |i: usize| -> Result<(u32, u32)> {
            Ok((le_u32(w, fclcb + 8 * i).ok_or_else(short)?, le_u32(w, fclcb + 8 * i + 4).ok_or_else(short)?))
        };
        let optional = |i: usize| if i < pairs { pair(i).unwrap_or((0, 0)) } else { (0, 0) };
        Ok(Fib {
            which_table: flags & 0x0200 != 0,
            ccp_text,
            txbx_start,
            ccp_txbx: ccp(9),
            spa_mom: optional(40),
            dgg_info: optional(50),
            txbx_txt: optional(56),
            stsh: pair(1)?,
            bte_chpx: pair(12)?,
            bte_papx: pair(13)?,
            clx: pair(33)?,
        })
    }
}

/// One piece of the piece table: characters `cp_start..cp_end` stored at byte `fc` of
/// the WordDocument stream, one byte (Windows-1252) or two (UTF-16) a character.
#[derive(Debug)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    fc: usize,
    compressed: bool,
    prm: u16,
}

impl Piece {
    /// The property list this piece's modifier points at (only the `Prm1` form: an index
    /// into the CLX's lists; the one-sprm `Prm0` form carries nothing the reader uses).
    fn prm_grpprl<'a>(&self, prcs: &[&'a [u8]]) -> Option<&'a [u8]> {
        if self.prm & 1 == 1 {
            prcs.get((self.prm >> 1) as usize).copied()
        } else {
            None
        }
    }
}

/// Parse the CLX: property lists (`Prc`) then the piece table (`Pcdt`).
fn parse_clx<'a>(clx: &'a [u8], word: &[u8]) -> Result<(Vec<Piece>, Vec<&'a [u8]>)> {
    let mut prcs = Vec::new();
    let mut pos = 0;
    loop {
        match clx.get(pos) {
            Some(1) => {
                let cb = le_u16(clx, pos + 1).ok_or_else(|| anyhow!("the piece table (CLX) is truncated"))? as usize;
                let grpprl =
                    clx.get(pos + 3..pos + 3 + cb).ok_or_else(|| anyhow!("the piece table (CLX) is truncated"))?;
                prcs.push(grpprl);
                pos += 3 + cb;
            }
            Some(2) => break,
            Some(b) => bail!("malformed piece table (CLX): unexpected byte {b:#04x} at offset {pos}"),
            None => bail!("malformed piece table (CLX): no piece descriptors"),
        }
    }
    let lcb = le_u32(clx, pos + 1).ok_or_else(|| anyhow!("the piece table (CLX) is truncated"))? as usize;
    let plc = clx
        .get(pos + 5..(pos + 5).saturating_add(lcb))
        .ok_or_else(|| anyhow!("the piece table (CLX) says {lcb} bytes of pieces, more than it holds"))?;
    if plc.len() < 16 || (plc.len() - 4) % 12 != 0 {
        bail!("malformed piece table: {} bytes is not a whole number of pieces", plc.len());
    }
    let n = (plc.len() - 4) / 12;
    let cp = |i: usize| le_u32(plc, 4 * i).unwrap_or(0);
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let (cp_start, cp_end) = (cp(i), cp(i + 1));
        if cp_end < cp_start || (i == 0 && cp_start != 0) {
            bail!("malformed piece table: piece {i} covers characters {cp_start}..{cp_end}");
        }
        let pcd = 4 * (n + 1) + 8 * i;
        let raw_fc = le_u32(plc, pcd + 2).unwrap_or(0);
        let prm = le_u16(plc, pcd + 6).unwrap_or(0);
        let compressed = raw_fc & 0x4000_0000 != 0;
        let fc = (raw_fc & 0x3FFF_FFFF) as usize;
        let fc = if compressed { fc / 2 } else { fc };
        let bytes = (cp_end - cp_start) as usize * if compressed { 1 } else { 2 };
        if fc.checked_add(bytes).is_none_or(|e| e > word.len()) {
            bail!(
                "malformed piece table: piece {i} (text at byte {fc}, {bytes} bytes) lies outside the {} bytes of the WordDocument stream",
                word.len()
            );
        }
        pieces.push(Piece { cp_start, cp_end, fc, compressed, prm });
    }
    Ok((pieces, prcs))
}

/// Walks the main text, character by character, into blocks.
struct Walker<'a> {
    papx: Papx<'a>,
    titles: Vec<bool>,
    doc: Document,
    /// The paragraph being read.
    text: String,
    /// Open tables, outermost first (index = depth − 1).
    tables: Vec<TableBuild>,
    /// Open fields: whether each is past its separator (showing its result).
    fields: Vec<bool>,
    /// How many open fields are still in their code.
    in_code: usize,
    budget: Budget,
    /// Tables laid out by cell order because their widths did not fit.
    fallback_tables: usize,
    /// Text boxes' blocks, by the CP of their anchor in the main text.
    anchors: std::collections::HashMap<u32, Vec<Block>>,
    /// Blocks of text boxes anchored in the paragraph being read: they go in when its
    /// mark shows whether a table ended before it.
    pending: Vec<Block>,
    /// Shape ids by the CP of their anchor.
    shapes: std::collections::HashMap<u32, u32>,
    /// Pictures of the paragraph being read, and of the text read so far (outside
    /// tables), with the index of the block each stands before.
    para_pictures: Vec<Picture>,
    pictures: Vec<(usize, Picture)>,
}

impl<'a> Walker<'a> {
    fn new(papx: Papx<'a>, titles: Vec<bool>, limits: &Limits) -> Self {
        Walker {
            papx,
            titles,
            doc: Document::default(),
            text: String::new(),
            tables: Vec::new(),
            fields: Vec::new(),
            in_code: 0,
            budget: Budget {
                cells: 0,
                copied_bytes: 0,
                max_cells: MAX_GRID_CELLS,
                max_copied_bytes: limits.max_inflated_bytes.min(usize::MAX as u64) as usize,
            },
            fallback_tables: 0,
            anchors: Default::default(),
            pending: Vec::new(),
            shapes: Default::default(),
            para_pictures: Vec::new(),
            pictures: Vec::new(),
        }
    }

    /// A walker for a text box: a fresh document, the same formatting, and what is left
    /// of the expansion budget (handed back by [`Walker::take_back`]).
    fn sub(&mut self) -> Walker<'a> {
        let papx = std::mem::replace(&mut self.papx, Papx::new(&[], &[], &[]));
        let budget = Budget { cells: self.budget.cells, copied_bytes: self.budget.copied_bytes, ..self.budget };
        let mut sub = Walker {
            papx,
            titles: Vec::new(),
            doc: Document::default(),
            text: String::new(),
            tables: Vec::new(),
            fields: Vec::new(),
            in_code: 0,
            budget,
            fallback_tables: 0,
            anchors: Default::default(),
            pending: Vec::new(),
            shapes: Default::default(),
            para_pictures: Vec::new(),
            pictures: Vec::new(),
        };
        sub.titles = std::mem::take(&mut self.titles);
        sub
    }

    /// Finish a text box's walker: its blocks; its warnings, the formatting and the
    /// budget use come back to this walker.
    fn take_back(&mut self, sub: Walker<'a>) -> Result<Vec<Block>> {
        let mut sub = sub;
        self.papx = std::mem::replace(&mut sub.papx, Papx::new(&[], &[], &[]));
        self.titles = std::mem::take(&mut sub.titles);
        let budget = (sub.budget.cells, sub.budget.copied_bytes);
        let doc = sub.finish()?;
        (self.budget.cells, self.budget.copied_bytes) = budget;
        // A title style inside a text box gives no title hint: boxes are read before the
        // main text, so it could win over an earlier title; extraction reads titles from
        // the text anyway.
        self.doc.warnings.extend(doc.warnings);
        Ok(doc.blocks)
    }

    /// Read the characters `from..to` (CPs of the whole text), piece by piece.
    fn walk(&mut self, text: &Text, from: u32, to: u32) -> Result<()> {
        let start = text.pieces.partition_point(|p| p.cp_end <= from);
        for p in &text.pieces[start..] {
            if p.cp_start >= to {
                break;
            }
            let (a, b) = (from.max(p.cp_start), to.min(p.cp_end));
            if a >= b {
                continue;
            }
            let extra = p.prm_grpprl(text.prcs);
            let piece_del = extra.is_some_and(props::is_deleted);
            self.piece(text, p, (a - p.cp_start) as usize, (b - p.cp_start) as usize, piece_del, extra)?;
        }
        Ok(())
    }

    /// Characters `k..n` of one piece. `piece_del`: the whole piece is a deletion;
    /// `extra`: the piece's own property list, applied to its paragraphs.
    fn piece(
        &mut self,
        text: &Text,
        p: &Piece,
        k: usize,
        n: usize,
        piece_del: bool,
        extra: Option<&[u8]>,
    ) -> Result<()> {
        let (word, deleted) = (text.word, text.deleted);
        let width = if p.compressed { 1 } else { 2 };
        let bytes = &word[p.fc..p.fc + n * width];
        let mut k = k;
        while k < n {
            let cp = p.cp_start + k as u32;
            let fc = (p.fc + k * width) as u32;
            let (ch, used) = if p.compressed {
                (cp1252(bytes[k]), 1)
            } else {
                let u = u16::from_le_bytes([bytes[2 * k], bytes[2 * k + 1]]);
                match u {
                    0xD800..=0xDBFF if k + 1 < n => {
                        let lo = u16::from_le_bytes([bytes[2 * k + 2], bytes[2 * k + 3]]);
                        match char::decode_utf16([u, lo]).next() {
                            Some(Ok(c)) => (c, 2),
                            _ => ('\u{FFFD}', 1),
                        }
                    }
                    _ => (char::from_u32(u as u32).unwrap_or('\u{FFFD}'), 1),
                }
            };
            k += used;
            match ch {
                '\r' | '\u{7}' | '\u{C}' => self.mark(ch, fc, extra)?,
                '\u{13}' => {
                    self.fields.push(false);
                    self.in_code += 1;
                }
                '\u{14}' => {
                    if let Some(f) = self.fields.last_mut() {
                        if !*f {
                            *f = true;
                            self.in_code -= 1;
                        }
                    }
                }
                '\u{15}' => {
                    if let Some(f) = self.fields.pop() {
                        if !f {
                            self.in_code -= 1;
                        }
                    }
                }
                _ if self.in_code > 0 || piece_del || props::in_ranges(deleted, fc) => {}
                '\u{8}' => {
                    // A drawn object's anchor: a text box's blocks come here, before the
                    // paragraph (or table) that anchors it, as the DOCX reader has them.
                    if let Some(blocks) = self.anchors.remove(&cp) {
                        self.pending.extend(blocks);
                    } else if let Some(&spid) = self.shapes.get(&cp) {
                        self.para_pictures.push(Picture::Shape(spid));
                    }
                }
                '\u{1}' => {
                    if let Some(offset) = props::run_at(text.picture_runs, fc) {
                        self.para_pictures.push(Picture::Inline(offset));
                    }
                }
                '\t' => self.text.push(' '),
                '\u{B}' => self.text.push('\n'),
                '\u{1E}' => self.text.push('-'),
                c if (c as u32) < 0x20 => {}
                c => self.text.push(c),
            }
        }
        Ok(())
    }

    /// A paragraph, cell or row ends (or a break that ends a paragraph).
    fn mark(&mut self, ch: char, fc: u32, extra: Option<&[u8]>) -> Result<()> {
        // The paragraph's buffer is lent out and comes back empty, keeping its capacity.
        let mut buf = std::mem::take(&mut self.text);
        let result = self.end_paragraph(&buf, ch, fc, extra);
        buf.clear();
        self.text = buf;
        result
    }

    /// What a mark does with the paragraph `text` it ends.
    fn end_paragraph(&mut self, text: &str, ch: char, fc: u32, extra: Option<&[u8]>) -> Result<()> {
        let mut props: ParaProps = self.papx.props_at(fc);
        if let Some(g) = extra {
            props.apply(g);
        }
        let depth = props.depth().max(0) as usize;
        // Tables deeper than this paragraph have ended; open the ones it is inside.
        while self.tables.len() > depth {
            self.close_table()?;
        }
        self.doc.blocks.append(&mut self.pending);
        while self.tables.len() < depth {
            self.tables.push(TableBuild::default());
        }
        let text = text.trim();
        let Some(t) = self.tables.last_mut() else {
            if !text.is_empty() {
                if self.doc.title_hint.is_none() && self.titles.get(props.istd as usize) == Some(&true) {
                    self.doc.title_hint = Some(text.to_string());
                }
                self.doc.blocks.push(Block::Paragraph(text.to_string()));
            }
            let at = self.doc.blocks.len();
            self.pictures.extend(self.para_pictures.drain(..).map(|p| (at, p)));
            return Ok(());
        };
        // Pictures inside a table's cells are not read.
        self.para_pictures.clear();
        let (cell_end, row_end) = match (depth, ch) {
            (_, '\u{C}') => (false, false),
            (1, '\u{7}') => (!props.ttp, props.ttp),
            (1, _) => (false, false),
            _ => (props.inner_cell && !props.inner_ttp, props.inner_ttp),
        };
        if row_end {
            // The row-end mark holds no text of its own; anything left open is a cell.
            if !text.is_empty() || !t.paras.is_empty() {
                if !text.is_empty() {
                    t.paras.push(text.to_string());
                }
                let cell = std::mem::take(&mut t.paras).join("\n");
                t.cells.push(cell);
            }
            let cells = std::mem::take(&mut t.cells);
            t.rows.push(RowBuild { cells, def: props.row });
            return Ok(());
        }
        if !text.is_empty() {
            t.paras.push(text.to_string());
        }
        if cell_end {
            let cell = std::mem::take(&mut t.paras).join("\n");
            t.cells.push(cell);
        }
        Ok(())
    }

    /// The innermost open table has ended: lay it out and add it to the blocks.
    fn close_table(&mut self) -> Result<()> {
        let Some(t) = self.tables.pop() else { return Ok(()) };
        if let Some((table, geometry_ok)) = t.finish(&mut self.budget)? {
            if !geometry_ok {
                self.fallback_tables += 1;
            }
            self.doc.blocks.push(Block::Table(table));
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Document> {
        // Text after the last mark (a damaged file) still counts as a paragraph.
        self.doc.blocks.append(&mut self.pending);
        if !self.text.trim().is_empty() {
            let text = std::mem::take(&mut self.text);
            self.doc.blocks.push(Block::Paragraph(text.trim().to_string()));
        }
        while !self.tables.is_empty() {
            self.close_table()?;
        }
        if !self.fields.is_empty() {
            self.doc
                .warnings
                .push(format!("{} field(s) never closed; their text after the code was left out", self.fields.len()));
        }
        if self.fallback_tables > 0 {
            self.doc.warnings.push(format!(
                "{} table(s) had cell widths that did not fit their cells; laid out by cell order",
                self.fallback_tables
            ));
        }
        Ok(self.doc)
    }
}

/// A byte of a compressed piece: Windows-1252 (the five unassigned bytes map to
/// themselves, as in Word).
fn cp1252(b: u8) -> char {
    const HIGH: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
        0x0153, 0x9D, 0x017E, 0x0178,
    ];
    match b {
        0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}'),
        _ => b as char,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Cell, Span, Table};

    /// A paragraph of a synthetic document: its text (ending in its mark: `\r`, `\u{7}`),
    /// its property list, and whether its text is a tracked deletion.
    struct Para {
        text: String,
        grpprl: Vec<u8>,
        deleted: bool,
    }

    fn para(text: &str) -> Para {
        Para { text: format!("{text}\r"), grpprl: Vec::new(), deleted: false }
    }

    /// sprm helpers: in-table at a depth, row end with cell edges and merge flags.
    fn in_table(depth: u32) -> Vec<u8> {
        let mut g = vec![0x16, 0x24, 1];
        g.extend([0x49, 0x66]);
        g.extend(depth.to_le_bytes());
        g
    }

    fn row_def(edges: &[i16], vert: &[u8]) -> Vec<u8> {
        let mut op = vec![(edges.len() - 1) as u8];
        for e in edges {
            op.extend(e.to_le_bytes());
        }
        for i in 0..edges.len() - 1 {
            let mut tc = [0u8; 20];
            tc[0] = vert.get(i).copied().unwrap_or(0) << 5;
            op.extend(tc);
        }
        let mut g = vec![0x08, 0xD6];
        g.extend(((op.len() + 1) as u16).to_le_bytes());
        g.extend(op);
        g
    }

    /// Cells of one depth-1 row, then its row-end mark.
    fn row(cells: &[&str], edges: &[i16], vert: &[u8]) -> Vec<Para> {
        let mut out: Vec<Para> =
            cells.iter().map(|c| Para { text: format!("{c}\u{7}"), grpprl: in_table(1), deleted: false }).collect();
        let mut g = in_table(1);
        g.extend([0x17, 0x24, 1]);
        g.extend(row_def(edges, vert));
        out.push(Para { text: "\u{7}".into(), grpprl: g, deleted: false });
        out
    }

    /// Build WordDocument and 1Table streams: one UTF-16 piece for all the text, one
    /// paragraph FKP page per 8 paragraphs, one character FKP page for deletions.
    fn build(paras: &[Para]) -> (Vec<u8>, Vec<u8>) {
        let text: Vec<u16> = paras.iter().flat_map(|p| p.text.encode_utf16()).collect();
        let text_fc = 0x800usize;
        let mut word = vec![0u8; text_fc];
        for u in &text {
            word.extend(u.to_le_bytes());
        }
        // Paragraph runs in FC space.
        let mut runs = Vec::new();
        let mut fc = text_fc as u32;
        for p in paras {
            let end = fc + 2 * p.text.encode_utf16().count() as u32;
            runs.push((fc, end, p));
            fc = end;
        }
        let mut table = Vec::new();
        // PlcBtePapx: one FKP page per chunk of runs.
        let mut bte_fcs = Vec::new();
        let mut bte_pns = Vec::new();
        for chunk in runs.chunks(8) {
            while word.len() % 512 != 0 {
                word.push(0);
            }
            let pn = (word.len() / 512) as u32;
            let mut page = vec![0u8; 512];
            let crun = chunk.len();
            page[511] = crun as u8;
            let mut top = 511usize;
            for (i, (a, b, p)) in chunk.iter().enumerate() {
                page[4 * i..4 * i + 4].copy_from_slice(&a.to_le_bytes());
                page[4 * i + 4..4 * i + 8].copy_from_slice(&b.to_le_bytes());
                // GrpPrlAndIstd: istd 0 then the sprms, padded to an even length.
                let mut body = vec![0u8, 0];
                body.extend(&p.grpprl);
                if body.len() % 2 == 1 {
                    body.push(0);
                }
                let len = 2 + body.len();
                top = (top - len) & !1;
                page[top] = 0;
                page[top + 1] = (body.len() / 2) as u8;
                page[top + 2..top + 2 + body.len()].copy_from_slice(&body);
                page[4 * (crun + 1) + 13 * i] = (top / 2) as u8;
            }
            bte_fcs.push(chunk[0].0);
            bte_pns.push(pn);
            word.extend(page);
        }
        let papx_fc = table.len() as u32;
        for f in &bte_fcs {
            table.extend(f.to_le_bytes());
        }
        table.extend(fc.to_le_bytes());
        for pn in &bte_pns {
            table.extend(pn.to_le_bytes());
        }
        let papx_lcb = table.len() as u32 - papx_fc;
        // One character FKP: a run per paragraph, deleted ones marked.
        while word.len() % 512 != 0 {
            word.push(0);
        }
        let chpx_pn = (word.len() / 512) as u32;
        let mut page = vec![0u8; 512];
        page[511] = runs.len() as u8;
        for (i, (a, b, p)) in runs.iter().enumerate() {
            page[4 * i..4 * i + 4].copy_from_slice(&a.to_le_bytes());
            page[4 * i + 4..4 * i + 8].copy_from_slice(&b.to_le_bytes());
            if p.deleted {
                page[4 * (runs.len() + 1) + i] = 250;
            }
        }
        page[500..504].copy_from_slice(&[3, 0x00, 0x08, 1]);
        word.extend(page);
        let chpx_fc = table.len() as u32;
        table.extend((text_fc as u32).to_le_bytes());
        table.extend(fc.to_le_bytes());
        table.extend(chpx_pn.to_le_bytes());
        let chpx_lcb = table.len() as u32 - chpx_fc;
        // The CLX: one piece.
        let clx_fc = table.len() as u32;
        table.push(2);
        table.extend(16u32.to_le_bytes());
        table.extend(0u32.to_le_bytes());
        table.extend((text.len() as u32).to_le_bytes());
        table.extend([0, 0]);
        table.extend((text_fc as u32).to_le_bytes());
        table.extend([0, 0]);
        let clx_lcb = table.len() as u32 - clx_fc;
        // The FIB.
        word[0..2].copy_from_slice(&W_IDENT.to_le_bytes());
        word[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&0x0200u16.to_le_bytes());
        word[32..34].copy_from_slice(&14u16.to_le_bytes());
        let lw = 34 + 28;
        word[lw..lw + 2].copy_from_slice(&22u16.to_le_bytes());
        word[lw + 2 + 12..lw + 2 + 16].copy_from_slice(&(text.len() as u32).to_le_bytes());
        let fc_at = lw + 2 + 88;
        word[fc_at..fc_at + 2].copy_from_slice(&93u16.to_le_bytes());
        let pair = |word: &mut Vec<u8>, i: usize, fc: u32, lcb: u32| {
            let at = fc_at + 2 + 8 * i;
            word[at..at + 4].copy_from_slice(&fc.to_le_bytes());
            word[at + 4..at + 8].copy_from_slice(&lcb.to_le_bytes());
        };
        pair(&mut word, 12, chpx_fc, chpx_lcb);
        pair(&mut word, 13, papx_fc, papx_lcb);
        pair(&mut word, 33, clx_fc, clx_lcb);
        (word, table)
    }

    fn parse(paras: &[Para]) -> Result<Document> {
        let (word, table) = build(paras);
        let fib = Fib::parse(&word)?;
        assert!(fib.which_table);
        from_streams(&word, &table, &[], &fib, "1Table", &Limits::default())
    }

    fn texts(t: &Table) -> Vec<Vec<(String, Span)>> {
        t.rows.iter().map(|r| r.iter().map(|c| (c.text.to_string(), c.span)).collect()).collect()
    }

    #[test]
    fn paragraphs_fields_breaks_and_deletions() {
        let mut deleted = para("删掉的段落");
        deleted.deleted = true;
        let doc = parse(&[
            para("共收到\t15件\u{b}第二行"),
            para("页码\u{13} PAGE \u{14}3\u{15}，链接\u{13} HYPERLINK \"x\" \u{13}嵌套\u{14}\u{15}\u{14}文字\u{15}。"),
            para("对象\u{13} EMBED Word \u{14}\u{1}\u{15}\u{8}之后\u{1e}号"),
            deleted,
            para("   "),
            para("分页前\u{c}分页后"),
        ])
        .unwrap();
        assert_eq!(
            doc.blocks,
            vec![
                Block::Paragraph("共收到 15件\n第二行".into()),
                Block::Paragraph("页码3，链接文字。".into()),
                Block::Paragraph("对象之后-号".into()),
                Block::Paragraph("分页前".into()),
                Block::Paragraph("分页后".into()),
            ]
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        // A field left open hides the rest of its code, and says so.
        let doc = parse(&[para("前\u{13} PAGE "), para("后")]).unwrap();
        assert_eq!(doc.blocks, vec![Block::Paragraph("前".into())]);
        assert!(doc.warnings[0].contains("never closed"), "{:?}", doc.warnings);
    }

    #[test]
    fn tables_with_spans_merges_and_nesting() {
        let mut paras = vec![para("表前")];
        paras.extend(row(&["三、本年度办理结果", "申请人"], &[0, 1000, 3000], &[3]));
        paras.extend(row(&["", "1", "2"], &[0, 1000, 2000, 3000], &[1]));
        // A cell holding two paragraphs and a nested table.
        paras.push(Para { text: "第一段\r".into(), grpprl: in_table(1), deleted: false });
        paras.push(Para { text: "内\r".into(), grpprl: [in_table(2), vec![0x4B, 0x24, 1]].concat(), deleted: false });
        let mut inner_end = in_table(2);
        inner_end.extend([0x4B, 0x24, 1, 0x4C, 0x24, 1]);
        inner_end.extend(row_def(&[0, 500], &[]));
        paras.push(Para { text: "\r".into(), grpprl: inner_end, deleted: false });
        paras.push(Para { text: "第二段\u{7}".into(), grpprl: in_table(1), deleted: false });
        let mut end = in_table(1);
        end.extend([0x17, 0x24, 1]);
        end.extend(row_def(&[0, 3000], &[]));
        paras.push(Para { text: "\u{7}".into(), grpprl: end, deleted: false });
        paras.push(para("表后"));
        let doc = parse(&paras).unwrap();
        use Span::*;
        let s = |x: &str| x.to_string();
        assert_eq!(doc.blocks.len(), 4, "{:#?}", doc.blocks);
        assert_eq!(doc.blocks[0], Block::Paragraph("表前".into()));
        assert_eq!(doc.blocks[1], Block::Table(Table { rows: vec![vec![Cell::own("内")]] }));
        let Block::Table(t) = &doc.blocks[2] else { panic!("{:?}", doc.blocks[2]) };
        assert_eq!(
            texts(t),
            vec![
                vec![(s("三、本年度办理结果"), Own), (s("申请人"), Own), (s("申请人"), ColCopy)],
                vec![(s("三、本年度办理结果"), RowCopy), (s("1"), Own), (s("2"), Own)],
                vec![(s("第一段\n第二段"), Own), (s("第一段\n第二段"), ColCopy), (s("第一段\n第二段"), ColCopy)],
            ]
        );
        assert_eq!(doc.blocks[3], Block::Paragraph("表后".into()));
    }

    #[test]
    fn main_text_only_and_bad_counts() {
        // Characters past ccpText (footnotes, headers) are not read.
        let (mut word, table) = build(&[para("正文"), para("脚注")]);
        let fib_lw = 34 + 28 + 2;
        word[fib_lw + 12..fib_lw + 16].copy_from_slice(&3u32.to_le_bytes());
        let fib = Fib::parse(&word).unwrap();
        let doc = from_streams(&word, &table, &[], &fib, "1Table", &Limits::default()).unwrap();
        assert_eq!(doc.blocks, vec![Block::Paragraph("正文".into())]);
        // More main text than pieces: an error naming both counts.
        word[fib_lw + 12..fib_lw + 16].copy_from_slice(&99u32.to_le_bytes());
        let fib = Fib::parse(&word).unwrap();
        let msg = format!("{:#}", from_streams(&word, &table, &[], &fib, "1Table", &Limits::default()).unwrap_err());
        assert!(msg.contains("99") && msg.contains("covers only 6"), "{msg}");
        // A CLX offset past the table stream.
        let fc_at = 34 + 28 + 2 + 88 + 2 + 8 * 33;
        word[fib_lw + 12..fib_lw + 16].copy_from_slice(&6u32.to_le_bytes());
        word[fc_at..fc_at + 4].copy_from_slice(&0x7FFF_FFF0u32.to_le_bytes());
        let fib = Fib::parse(&word).unwrap();
        let msg = format!("{:#}", from_streams(&word, &table, &[], &fib, "1Table", &Limits::default()).unwrap_err());
        assert!(msg.contains("piece table (CLX)") && msg.contains("outside"), "{msg}");
    }

    #[test]
    fn cp1252_high_bytes() {
        assert_eq!(cp1252(b'A'), 'A');
        assert_eq!(cp1252(0x93), '\u{201C}');
        assert_eq!(cp1252(0xA0), '\u{A0}');
        assert_eq!(cp1252(0xE9), 'é');
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let limits = Limits::default();
        assert!(read(b"hello", &limits).is_err());
        let mut junk = OLE_SIGNATURE.to_vec();
        junk.extend([0u8; 600]);
        let msg = format!("{:#}", read(&junk, &limits).unwrap_err());
        assert!(msg.contains("OLE compound file"), "{msg}");
    }

    #[test]
    fn fib_checks() {
        let mut w = vec![0u8; 1024];
        assert!(format!("{:#}", Fib::parse(&w).unwrap_err()).contains("magic"));
        w[0..2].copy_from_slice(&W_IDENT.to_le_bytes());
        w[2..4].copy_from_slice(&104u16.to_le_bytes());
        assert!(format!("{:#}", Fib::parse(&w).unwrap_err()).contains("Word 6.0/95"));
        w[2..4].copy_from_slice(&0xC1u16.to_le_bytes());
        w[0x0A] = 0x00;
        w[0x0B] = 0x01;
        assert!(format!("{:#}", Fib::parse(&w).unwrap_err()).contains("password"));
        w[0x0B] = 0x02;
        assert!(format!("{:#}", Fib::parse(&w).unwrap_err()).contains("too short"));
        assert!(Fib::parse(&w[..40]).is_err());
    }

    #[test]
    fn clx_checks() {
        let word = vec![0u8; 100];
        assert!(parse_clx(&[], &word).is_err());
        assert!(parse_clx(&[7], &word).is_err());
        // One compressed piece of 10 characters at byte 20 (fc 40 | compressed).
        let mut clx = vec![1, 2, 0, 0x16, 0x24, 2];
        clx.extend(16u32.to_le_bytes());
        clx.extend(0u32.to_le_bytes());
        clx.extend(10u32.to_le_bytes());
        clx.extend([0, 0]);
        clx.extend((40u32 | 0x4000_0000).to_le_bytes());
        clx.extend(1u16.to_le_bytes());
        let (pieces, prcs) = parse_clx(&clx, &word).unwrap();
        assert_eq!(pieces.len(), 1);
        assert_eq!((pieces[0].fc, pieces[0].compressed), (20, true));
        assert_eq!(pieces[0].prm_grpprl(&prcs), Some(&[0x16, 0x24][..]));
        // The same piece past the stream's end.
        let msg = format!("{:#}", parse_clx(&clx, &word[..25]).unwrap_err());
        assert!(msg.contains("outside"), "{msg}");
    }
}
