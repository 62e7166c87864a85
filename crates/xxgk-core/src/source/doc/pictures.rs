//! Pictures of a Word 97 document, as bytes a picture decoder reads.
//!
//! Word keeps a picture in one of two places:
//!
//! - **inline** (a picture character, U+0001, in the text): its character properties give an
//!   offset in the `Data` stream, where a `PICF` header is followed by OfficeArt records,
//!   among them the picture itself (a *BLIP* record);
//! - **floating** (a shape anchor, U+0008): the anchor's shape id leads, through the
//!   OfficeArt drawing in the table stream (`DggInfo`), to the shape's `pib` property, an
//!   index in the drawing's store of pictures (`BStore`), whose entry (`FBSE`) holds the BLIP
//!   or gives its offset in the WordDocument stream.
//!
//! A BLIP is a PNG, JPEG, TIFF or device-independent bitmap (given a BMP file header here),
//! or a metafile (EMF, WMF, PICT), which OCR cannot read. Every offset and length is checked
//! against its stream: a damaged drawing gives no picture, never a panic.

use std::collections::HashMap;

use super::{le_u16, le_u32};

/// What a picture reference leads to.
#[derive(Debug, PartialEq)]
pub enum Found {
    /// A bitmap a decoder reads (PNG, JPEG, TIFF, BMP).
    Bitmap(Vec<u8>),
    /// A vector drawing (EMF, WMF, PICT): no pixels to read.
    Metafile,
    /// Nothing readable where the reference points.
    Nothing,
}

/// OfficeArt record types.
const DGG_CONTAINER: u16 = 0xF000;
const BSTORE_CONTAINER: u16 = 0xF001;
const DG_CONTAINER: u16 = 0xF002;
const SPGR_CONTAINER: u16 = 0xF003;
const SP_CONTAINER: u16 = 0xF004;
const FBSE: u16 = 0xF007;
const FSP: u16 = 0xF00A;
const FOPT: u16 = 0xF00B;
/// The shape property naming its picture in the store (1-based), with its "is a BLIP id" flag.
const PROP_PIB: u16 = 0x0104;
/// Deepest nesting of OfficeArt containers followed (groups inside groups).
const MAX_DEPTH: usize = 16;

/// An OfficeArt record header at `at`: (instance, type, body start, body end), the end
/// clamped to `d`.
fn record(d: &[u8], at: usize) -> Option<(u16, u16, usize, usize)> {
    let ver_inst = le_u16(d, at)?;
    let kind = le_u16(d, at + 2)?;
    let len = le_u32(d, at + 4)? as usize;
    let start = at + 8;
    if start > d.len() {
        return None;
    }
    Some((ver_inst >> 4, kind, start, start.saturating_add(len).min(d.len())))
}

/// The records of `d[from..to]`, in order: (instance, type, body start, body end).
fn records(d: &[u8], from: usize, to: usize) -> impl Iterator<Item = (u16, u16, usize, usize)> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        if at + 8 > to {
            return None;
        }
        let r = record(d, at)?;
        at = r.3.max(at + 8);
        Some((r.0, r.1, r.2, r.3.min(to)))
    })
}

/// The picture of one BLIP record (its header at `at` in `d`).
pub fn blip(d: &[u8], at: usize) -> Found {
    let Some((inst, kind, start, end)) = record(d, at) else { return Found::Nothing };
    // Bitmaps: one 16-byte id (two for the odd instances), a tag byte, then the file.
    let (two_ids, bitmap) = match kind {
        0xF01A..=0xF01C => return Found::Metafile,
        0xF01D | 0xF02A => (matches!(inst, 0x46B | 0x6E3), true),
        0xF01E => (inst == 0x6E1, true),
        0xF01F => (inst == 0x7A9, true),
        0xF029 => (inst == 0x6E5, true),
        _ => (false, false),
    };
    if !bitmap {
        return Found::Nothing;
    }
    let body = start + if two_ids { 33 } else { 17 };
    let Some(bytes) = d.get(body..end) else { return Found::Nothing };
    if kind == 0xF01F {
        return dib_as_bmp(bytes).map_or(Found::Nothing, Found::Bitmap);
    }
    Found::Bitmap(bytes.to_vec())
}

/// A device-independent bitmap (a `BITMAPINFOHEADER` and its pixels) as a BMP file.
fn dib_as_bmp(dib: &[u8]) -> Option<Vec<u8>> {
    let header = le_u32(dib, 0)? as usize;
    let bits = le_u16(dib, 14)? as usize;
    let used = le_u32(dib, 32).unwrap_or(0) as usize;
    let palette = if used > 0 {
        used
    } else if bits <= 8 {
        1 << bits
    } else {
        0
    };
    if !(12..=124).contains(&header) || palette > 256 {
        return None;
    }
    let offset = 14 + header + 4 * palette;
    let size = u32::try_from(14 + dib.len()).ok()?;
    let mut out = Vec::with_capacity(14 + dib.len());
    out.extend_from_slice(b"BM");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&u32::try_from(offset).ok()?.to_le_bytes());
    out.extend_from_slice(dib);
    Some(out)
}

/// The picture of an inline picture character whose properties point at `offset` in the
/// Data stream: the first BLIP among the records after its `PICF` header.
pub fn inline(data: &[u8], offset: u32) -> Found {
    let at = offset as usize;
    let (Some(lcb), Some(cb_header)) = (le_u32(data, at), le_u16(data, at + 4)) else { return Found::Nothing };
    let end = at.saturating_add(lcb as usize).min(data.len());
    let mut from = at + cb_header as usize;
    // A linked picture's file name follows the header (mm = MM_SHAPEFILE).
    if le_u16(data, at + 6) == Some(0x66) {
        from += 1 + data.get(from).copied().unwrap_or(0) as usize;
    }
    first_blip(data, from, end, 0)
}

/// The first BLIP in the records of `d[from..to]`, looking inside containers and
/// store entries.
fn first_blip(d: &[u8], from: usize, to: usize, depth: usize) -> Found {
    if depth > MAX_DEPTH {
        return Found::Nothing;
    }
    for (_, kind, start, end) in records(d, from, to) {
        let found = match kind {
            0xF018..=0xF117 => blip(d, start - 8),
            // An entry of a picture store: its BLIP follows its fixed fields and name.
            FBSE => d
                .get(start + 33)
                .map_or(Found::Nothing, |&name| first_blip(d, start + 36 + name as usize, end, depth + 1)),
            _ if le_u16(d, start - 8).is_some_and(|v| v & 0xF == 0xF) => first_blip(d, start, end, depth + 1),
            _ => Found::Nothing,
        };
        if found != Found::Nothing {
            return found;
        }
    }
    Found::Nothing
}

/// The floating pictures of a document: which store entry each shape shows, and the store.
#[derive(Default)]
pub struct Shapes {
    /// Shape id → its picture's index in `store` (0-based).
    pib: HashMap<u32, usize>,
    /// Store entries: (body start, body end) of each `FBSE` in the drawing's bytes.
    store: Vec<(usize, usize)>,
}

impl Shapes {
    /// Read the OfficeArt content of the table stream (`DggInfo`, `dgg`): the store of the
    /// drawing group, then the shapes of every drawing after it.
    pub fn new(dgg: &[u8]) -> Shapes {
        let mut shapes = Shapes::default();
        let Some((_, DGG_CONTAINER, start, end)) = record(dgg, 0) else { return shapes };
        for (_, kind, s, e) in records(dgg, start, end) {
            if kind == BSTORE_CONTAINER {
                shapes.store = records(dgg, s, e).filter(|r| r.1 == FBSE).map(|r| (r.2, r.3)).collect();
            }
        }
        // Then drawings, each after a one-byte label (main text, headers).
        let mut at = end;
        while at + 9 <= dgg.len() {
            let Some((_, kind, s, e)) = record(dgg, at + 1) else { break };
            if kind != DG_CONTAINER {
                break;
            }
            shapes.walk(dgg, s, e, 0);
            at = e;
        }
        shapes
    }

    /// Collect `pib` of the shapes in `d[from..to]` (groups followed).
    fn walk(&mut self, d: &[u8], from: usize, to: usize, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for (_, kind, s, e) in records(d, from, to) {
            match kind {
                SPGR_CONTAINER => self.walk(d, s, e, depth + 1),
                SP_CONTAINER => {
                    let mut spid = None;
                    let mut pib = None;
                    for (inst, kind, s, e) in records(d, s, e) {
                        match kind {
                            FSP => spid = le_u32(d, s),
                            // Properties: `inst` of them, 6 bytes each (id, value).
                            FOPT => {
                                pib = (0..inst as usize)
                                    .map(|k| s + 6 * k)
                                    .take_while(|&p| p + 6 <= e)
                                    .find(|&p| le_u16(d, p).is_some_and(|id| id & 0x3FFF == PROP_PIB))
                                    .and_then(|p| le_u32(d, p + 2))
                            }
                            _ => {}
                        }
                    }
                    if let (Some(spid), Some(pib)) = (spid, pib) {
                        if pib >= 1 {
                            self.pib.insert(spid, pib as usize - 1);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The picture shape `spid` shows: its store entry's BLIP, inside the entry or at the
    /// entry's offset in the WordDocument stream (`word`).
    pub fn picture(&self, dgg: &[u8], word: &[u8], spid: u32) -> Found {
        let Some(&(start, end)) = self.pib.get(&spid).and_then(|&i| self.store.get(i)) else { return Found::Nothing };
        let Some(&name) = dgg.get(start + 33) else { return Found::Nothing };
        let embedded = start + 36 + name as usize;
        if embedded + 8 <= end {
            return first_blip(dgg, embedded, end, 0);
        }
        match le_u32(dgg, start + 28) {
            Some(delay) if (delay as usize) < word.len() => blip(word, delay as usize),
            _ => Found::Nothing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(ver_inst: u16, kind: u16, body: &[u8]) -> Vec<u8> {
        let mut out = ver_inst.to_le_bytes().to_vec();
        out.extend(kind.to_le_bytes());
        out.extend((body.len() as u32).to_le_bytes());
        out.extend(body);
        out
    }

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\nrest of it";

    /// A PNG BLIP record with one id and the tag byte.
    fn png_blip() -> Vec<u8> {
        let mut body = vec![7u8; 16];
        body.push(0xFF);
        body.extend(PNG);
        rec(0x6E0 << 4, 0xF01E, &body)
    }

    /// A store entry: fixed fields (foDelay at 28), no name, then `blip` (may be empty).
    fn fbse(delay: u32, blip: &[u8]) -> Vec<u8> {
        let mut body = vec![0u8; 36];
        body[28..32].copy_from_slice(&delay.to_le_bytes());
        body.extend(blip);
        rec(0x2 | (6 << 4), FBSE, &body)
    }

    #[test]
    fn an_inline_picture_is_found_after_its_header() {
        let mut data = vec![0u8; 10];
        let at = data.len();
        let mut picf = vec![0u8; 0x44];
        picf[6..8].copy_from_slice(&0x64u16.to_le_bytes());
        let sp = rec(0xF, SP_CONTAINER, &rec(0x2, FSP, &[1, 4, 0, 0, 0, 0, 0, 0]));
        let mut records = sp;
        records.extend(fbse(0, &png_blip()));
        let lcb = (picf.len() + records.len()) as u32;
        picf[0..4].copy_from_slice(&lcb.to_le_bytes());
        picf[4..6].copy_from_slice(&0x44u16.to_le_bytes());
        data.extend(&picf);
        data.extend(&records);
        assert_eq!(inline(&data, at as u32), Found::Bitmap(PNG.to_vec()));
        // Damaged: cut short, pointing past the end, a lying length.
        assert_eq!(inline(&data[..at + 0x50], at as u32), Found::Nothing);
        assert_eq!(inline(&data, 1 << 30), Found::Nothing);
        let mut lying = data.clone();
        lying[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(inline(&lying, at as u32), Found::Bitmap(PNG.to_vec()));
    }

    #[test]
    fn a_floating_picture_is_found_through_its_shape() {
        // Store: entry 1 embedded, entry 2 in the WordDocument stream (delay) at 5.
        let mut word = vec![0u8; 5];
        word.extend(png_blip());
        let mut store = fbse(0, &png_blip());
        store.extend(fbse(5, &[]));
        let dgg = rec(0xF, DGG_CONTAINER, &rec(0xF | (2 << 4), BSTORE_CONTAINER, &store));
        let shape = |spid: u32, pib: u32| {
            let mut fsp = spid.to_le_bytes().to_vec();
            fsp.extend([0; 4]);
            let mut opt = (0x4000 | PROP_PIB).to_le_bytes().to_vec();
            opt.extend(pib.to_le_bytes());
            let mut body = rec(0x2, FSP, &fsp);
            body.extend(rec(0x3 | (1 << 4), FOPT, &opt));
            rec(0xF, SP_CONTAINER, &body)
        };
        let mut group = shape(1025, 1);
        group.extend(rec(0xF, SPGR_CONTAINER, &shape(1026, 2)));
        let mut content = dgg;
        content.push(0);
        content.extend(rec(0xF, DG_CONTAINER, &rec(0xF, SPGR_CONTAINER, &group)));
        let shapes = Shapes::new(&content);
        assert_eq!(shapes.picture(&content, &word, 1025), Found::Bitmap(PNG.to_vec()));
        assert_eq!(shapes.picture(&content, &word, 1026), Found::Bitmap(PNG.to_vec()));
        assert_eq!(shapes.picture(&content, &word, 9), Found::Nothing);
        assert_eq!(shapes.picture(&content, &word[..8], 1026), Found::Nothing);
        // Every cut of the content: no panic.
        for n in 0..content.len() {
            let s = Shapes::new(&content[..n]);
            let _ = s.picture(&content[..n], &word, 1025);
        }
    }

    #[test]
    fn metafiles_and_bitmaps_are_told_apart() {
        let emf = rec(0x3D4 << 4, 0xF01A, &[0; 60]);
        assert_eq!(blip(&emf, 0), Found::Metafile);
        // A bitmap: a BMP header is put before it.
        let mut dib = vec![0u8; 40];
        dib[0..4].copy_from_slice(&40u32.to_le_bytes());
        dib[14..16].copy_from_slice(&24u16.to_le_bytes());
        dib.extend([0xFF; 12]);
        let mut body = vec![0u8; 17];
        body.extend(&dib);
        let Found::Bitmap(bmp) = blip(&rec(0x7A8 << 4, 0xF01F, &body), 0) else { panic!("no bitmap") };
        assert!(bmp.starts_with(b"BM"));
        assert_eq!(u32::from_le_bytes(bmp[10..14].try_into().unwrap()), 54);
        assert_eq!(&bmp[14..], &dib[..]);
    }
}
