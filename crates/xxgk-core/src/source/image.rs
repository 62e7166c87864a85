//! Picture reader: PNG, JPEG, TIFF (every page of a multi-page TIFF), BMP and WebP files,
//! read by OCR ([`super::ocr`]).
//!
//! A picture is a photographed, scanned or screenshotted report page; several pictures
//! make one report when given together ([`read_many`], `xxgk import --as-one-report`).
//! The size is checked from the header before anything is decoded: a page over
//! [`super::ocr::OcrOptions::max_pixels`] is refused, so a 20,000 × 20,000 picture costs
//! nothing but the refusal. Colour is turned to grey (ITU-R 601 luma) at decoding.

use std::io::Cursor;

use anyhow::{bail, Context, Result};

use super::ocr::{self, raster::Gray, OcrMode, PagePicture};
use super::{Document, Limits};

/// Picture file endings (for directory walks with `--as-one-report`).
pub const EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "tif", "tiff", "bmp", "webp"];

/// Does the content start like a picture xxgk reads?
pub fn is_picture(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(b"\xff\xd8\xff")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || (bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP")
        || (bytes.len() > 26
            && bytes.starts_with(b"BM")
            && u32::from_le_bytes([bytes[2], bytes[3], bytes[4], bytes[5]]) as usize == bytes.len())
}

fn is_tiff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*")
}

/// Read one picture file (all pages of a TIFF) as a report.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    read_many(&[bytes], limits)
}

/// Read several picture files as the pages of one report, in the order given.
pub fn read_many(files: &[&[u8]], limits: &Limits) -> Result<Document> {
    if limits.ocr.mode == OcrMode::Never {
        bail!("a picture can only be read by OCR, and --ocr never is set");
    }
    // (file, page within the file)
    let mut pages: Vec<(usize, usize)> = Vec::new();
    for (f, bytes) in files.iter().enumerate() {
        let n = page_count(bytes).with_context(|| {
            if files.len() > 1 {
                format!("picture {}", f + 1)
            } else {
                String::new()
            }
        })?;
        pages.extend((0..n).map(|p| (f, p)));
        if pages.len() > limits.ocr.max_pages {
            bail!("more than {} pages to read by OCR (raise the limit with --ocr-max-pages)", limits.ocr.max_pages);
        }
    }
    let max_pixels = limits.ocr.max_pixels;
    ocr::read_pages(
        pages.len(),
        |i| {
            let (f, p) = pages[i];
            Ok(PagePicture { img: decode_page(files[f], p, max_pixels)?, dpi: None })
        },
        &limits.ocr,
    )
}

/// Most pictures of one document (a web page, a Word file) read by OCR.
pub(crate) const MAX_PICTURES: usize = 200;

/// Are the pictures of a document whose text is `doc` read by OCR? Always with `--ocr
/// always`, never with `--ocr never`; otherwise when the text holds fewer than three
/// tables — the statistics tables pasted as pictures (a screenshot of a spreadsheet or of
/// another report) — so that a report whose tables are text is not slowed, nor given words
/// from its photographs. (Web pages read all the pictures of their body.)
pub(crate) fn reads_pictures_of(doc: &Document, limits: &Limits) -> bool {
    match limits.ocr.mode {
        OcrMode::Never => false,
        OcrMode::Always => true,
        OcrMode::Auto => doc.blocks.iter().filter(|b| matches!(b, super::Block::Table(_))).count() < 3,
    }
}

/// A picture part of a document, as its reader found it.
pub(crate) enum Part {
    /// Bytes that may be a picture xxgk decodes.
    Bytes(Vec<u8>),
    /// A vector drawing (EMF, WMF, PICT): no pixels to read.
    Metafile,
}

/// Collect a document's picture `name` standing before block `at` for [`read_into`]: a
/// picture big enough to hold text is kept (icons and what is not a picture are skipped), a
/// vector drawing is noted as unreadable. False, with a note, once [`MAX_PICTURES`] are
/// kept: the caller stops there.
pub(crate) fn keep(
    found: &mut Vec<(usize, Vec<u8>)>,
    warnings: &mut Vec<String>,
    at: usize,
    name: &str,
    part: Part,
) -> bool {
    if found.len() >= MAX_PICTURES {
        warnings.push(format!("more than {MAX_PICTURES} pictures: the rest were not read"));
        return false;
    }
    match part {
        Part::Bytes(bytes) if is_picture(&bytes) && big_enough(&bytes) => found.push((at, bytes)),
        Part::Bytes(_) => {}
        Part::Metafile => warnings.push(format!(
            "picture {name} is a vector drawing (EMF/WMF), which OCR cannot read: if it holds a table, its cells are missing"
        )),
    }
    true
}

/// Is this picture big enough to hold text, judged from its header without decoding it
/// (icons, bullets and rules under 64×32 pixels are not)?
pub(crate) fn big_enough(bytes: &[u8]) -> bool {
    image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_dimensions().ok())
        .is_some_and(|(w, h)| w >= 64 && h >= 32)
}

/// A picture inside a document that cannot be decoded (damaged, or over the pixel limit).
#[derive(Debug)]
struct Undecodable(anyhow::Error);

impl std::fmt::Display for Undecodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

impl std::error::Error for Undecodable {}

/// Read the pictures of a document by OCR and put what they say in place: `found` holds,
/// in document order, the index of the block before which each picture stands and its
/// bytes (already checked by [`is_picture`]). Sets the document's OCR summary. A picture
/// that cannot be decoded is left out with a warning (the document's text still counts);
/// OCR itself failing (tesseract missing, a timeout) is an error.
pub(crate) fn read_into(doc: &mut Document, found: Vec<(usize, Vec<u8>)>, limits: &Limits) -> Result<()> {
    if found.is_empty() {
        return Ok(());
    }
    let max_pixels = limits.ocr.max_pixels;
    let results = ocr::read_page_results(
        found.len(),
        |k| {
            let img = decode_page(&found[k].1, 0, max_pixels).map_err(|e| anyhow::Error::new(Undecodable(e)))?;
            Ok(PagePicture { img, dpi: None })
        },
        &limits.ocr,
    )?;
    let mut pages = Vec::with_capacity(results.len());
    for (k, result) in results.into_iter().enumerate() {
        match result {
            Ok(page) => pages.push(Some(page)),
            Err(e) if e.downcast_ref::<Undecodable>().is_some() => {
                doc.warnings.push(format!("picture {} of {} not read: {e:#}", k + 1, found.len()));
                pages.push(None);
            }
            Err(e) => return Err(e.context(format!("picture {} of {}", k + 1, found.len()))),
        }
    }
    let mut summary = ocr::OcrSummary::default();
    let mut empty = Vec::new();
    // Splice from the last picture back, so earlier positions stay valid.
    for (k, ((at, _), page)) in found.iter().zip(pages).enumerate().rev() {
        let Some(page) = page else { continue };
        if page.blocks.is_empty() {
            // A picture OCR read nothing on (a logo, a photograph, a seal): no text of the
            // document came from OCR through it.
            empty.push(k + 1);
        } else {
            summary.add(&page);
        }
        let at = (*at).min(doc.blocks.len());
        doc.blocks.splice(at..at, page.blocks);
        doc.warnings.extend(page.warnings);
    }
    if !empty.is_empty() {
        empty.reverse();
        let list: Vec<String> = empty.iter().map(usize::to_string).collect();
        let (which, it) = if empty.len() == 1 { ("picture", "it") } else { ("pictures", "them") };
        doc.warnings.push(format!("{which} {} of {}: OCR read nothing on {it}", list.join(", "), found.len()));
    }
    if summary.pages > 0 {
        doc.ocr = Some(summary);
    }
    Ok(())
}

/// Pages in a picture file: the directories of a TIFF, else one.
fn page_count(bytes: &[u8]) -> Result<usize> {
    if !is_tiff(bytes) {
        return Ok(1);
    }
    let mut dec = tiff::decoder::Decoder::new(Cursor::new(bytes)).context("damaged TIFF")?;
    let mut n = 1;
    while dec.more_images() {
        dec.next_image().context("damaged TIFF (a page directory cannot be read)")?;
        n += 1;
        if n > 100_000 {
            bail!("a TIFF with more than 100,000 pages");
        }
    }
    Ok(n)
}

fn check_size(w: u64, h: u64, max_pixels: u64) -> Result<()> {
    if w == 0 || h == 0 {
        bail!("the picture is empty ({w}×{h} pixels)");
    }
    if w.saturating_mul(h) > max_pixels {
        bail!("the picture is {w}×{h} pixels, over the limit of {max_pixels} pixels (raise it with --ocr-max-pixels)");
    }
    Ok(())
}

/// Decode page `page` of a picture to grey, checking its size first.
pub fn decode_page(bytes: &[u8], page: usize, max_pixels: u64) -> Result<Gray> {
    if is_tiff(bytes) {
        return decode_tiff_page(bytes, page, max_pixels);
    }
    let reader =
        image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().context("cannot read the picture")?;
    let (w, h) = reader.into_dimensions().context("cannot read the picture's size (damaged or not a picture)")?;
    check_size(u64::from(w), u64::from(h), max_pixels)?;
    let mut reader =
        image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().context("cannot read the picture")?;
    let mut l = image::Limits::default();
    l.max_image_width = Some(w);
    l.max_image_height = Some(h);
    l.max_alloc = Some(max_pixels.saturating_mul(8).max(1 << 20));
    reader.limits(l);
    // A photo's EXIF orientation (a phone held sideways) is applied as a viewer would: the
    // picture is read the way up its file says it stands.
    let mut decoder = reader.into_decoder().context("cannot decode the picture (damaged or unsupported)")?;
    let orientation =
        image::ImageDecoder::orientation(&mut decoder).unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img =
        image::DynamicImage::from_decoder(decoder).context("cannot decode the picture (damaged or unsupported)")?;
    img.apply_orientation(orientation);
    let luma = img.to_luma8();
    let (w, h) = luma.dimensions();
    Ok(Gray { w: w as usize, h: h as usize, px: luma.into_raw() })
}

fn decode_tiff_page(bytes: &[u8], page: usize, max_pixels: u64) -> Result<Gray> {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::ColorType;
    let mut dec = Decoder::new(Cursor::new(bytes)).context("damaged TIFF")?;
    if page > 0 {
        dec.seek_to_image(page).context("damaged TIFF (a page cannot be found)")?;
    }
    let (w, h) = dec.dimensions().context("damaged TIFF (no size)")?;
    check_size(u64::from(w), u64::from(h), max_pixels)?;
    let mut lim = tiff::decoder::Limits::default();
    lim.decoding_buffer_size = (max_pixels as usize).saturating_mul(8);
    lim.intermediate_buffer_size = (max_pixels as usize).saturating_mul(8);
    dec = dec.with_limits(lim);
    let color = dec.colortype().context("damaged TIFF (no colour type)")?;
    let data = dec.read_image().context("cannot decode the TIFF page (damaged or an unsupported compression)")?;
    let n = (w as usize) * (h as usize);
    let luma = |r: u32, g: u32, b: u32| ((299 * r + 587 * g + 114 * b) / 1000) as u8;
    let px: Vec<u8> = match (color, data) {
        (ColorType::Gray(8), DecodingResult::U8(v)) => v,
        (ColorType::Gray(16), DecodingResult::U16(v)) => v.iter().map(|&p| (p >> 8) as u8).collect(),
        (ColorType::Gray(1), DecodingResult::U8(v)) => {
            // Rows of packed bits, 1 = white (BlackIsZero).
            let stride = (w as usize).div_ceil(8);
            (0..n)
                .map(|i| {
                    let (x, y) = (i % w as usize, i / w as usize);
                    let byte = v.get(y * stride + x / 8).copied().unwrap_or(255);
                    if byte & (0x80 >> (x % 8)) != 0 {
                        255
                    } else {
                        0
                    }
                })
                .collect()
        }
        (ColorType::RGB(8), DecodingResult::U8(v)) => {
            v.chunks_exact(3).map(|p| luma(u32::from(p[0]), u32::from(p[1]), u32::from(p[2]))).collect()
        }
        (ColorType::RGBA(8), DecodingResult::U8(v)) => {
            v.chunks_exact(4).map(|p| luma(u32::from(p[0]), u32::from(p[1]), u32::from(p[2]))).collect()
        }
        (c, _) => bail!("TIFF colour type {c:?} is not supported (grey, bilevel, RGB and RGBA are)"),
    };
    if px.len() != n {
        bail!("damaged TIFF (page data of the wrong size)");
    }
    Ok(Gray { w: w as usize, h: h as usize, px })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo whose EXIF says "turn 90° clockwise to view" (orientation 6, a phone held
    /// sideways) is decoded turned: its left half, dark, becomes the top half.
    #[test]
    fn exif_orientation_is_applied() {
        let img = image::GrayImage::from_fn(32, 16, |x, _| image::Luma([if x < 16 { 0 } else { 255 }]));
        let mut jpeg = Vec::new();
        img.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).unwrap();
        let plain = decode_page(&jpeg, 0, 1 << 20).unwrap();
        assert_eq!((plain.w, plain.h), (32, 16));
        // APP1 Exif: a big-endian TIFF header and one IFD entry, Orientation (0x0112) = 6.
        let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
        let len = (exif.len() + 2) as u16;
        exif.splice(0..0, [0xff, 0xe1, (len >> 8) as u8, len as u8]);
        jpeg.splice(2..2, exif);
        let turned = decode_page(&jpeg, 0, 1 << 20).unwrap();
        assert_eq!((turned.w, turned.h), (16, 32));
        assert!(turned.get(8, 4) < 64 && turned.get(8, 28) > 192, "dark top, light bottom");
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::GrayImage::from_pixel(w, h, image::Luma([255]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn sniffing() {
        assert!(is_picture(&png(2, 2)));
        assert!(!is_picture(b"BM is not a bitmap, just text"));
        assert!(!is_picture(b"<html>"));
    }

    #[test]
    fn size_is_checked_before_decoding() {
        let bytes = png(300, 200);
        assert_eq!(decode_page(&bytes, 0, 1_000_000).unwrap().w, 300);
        let err = decode_page(&bytes, 0, 50_000).unwrap_err().to_string();
        assert!(err.contains("over the limit") && err.contains("--ocr-max-pixels"), "{err}");
        assert!(decode_page(&bytes[..40], 0, 1_000_000).is_err());
    }

    #[test]
    fn never_means_no_pictures() {
        let mut limits = Limits::default();
        limits.ocr.mode = OcrMode::Never;
        assert!(read(&png(2, 2), &limits).unwrap_err().to_string().contains("--ocr never"));
    }
}
