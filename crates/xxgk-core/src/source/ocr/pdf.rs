//! PDF pages for OCR: which pages need it, and rendering them with poppler's `pdftoppm`.
//!
//! With `--ocr auto`, a page is read from its pixels when it has no text at all, or when
//! its content is a picture: `pdfimages -list` shows an image covering at least
//! [`PICTURE_SHARE`] of the page, and the page rendered at 72 dpi, with its text's word
//! boxes and long rules wiped, still holds the ink of at least [`LOOSE_GLYPHS`] characters
//! (a table printed as an image under a heading that is text). A photograph or a seal
//! beside text leaves too little ink outside the words to count.
//!
//! Rendering is grey PGM at the OCR resolution; a page so large that it would exceed the
//! pixel limit is rendered at a lower resolution (with a warning), and refused below
//! 100 dpi.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use wait_timeout::ChildExt;

use super::raster::Gray;
use super::OcrOptions;

/// Share of a page an image must cover for the page to be looked at as a picture.
pub const PICTURE_SHARE: f64 = 0.15;
/// Characters' worth of ink outside the text layer that make a page a picture.
pub const LOOSE_GLYPHS: usize = 30;

/// Size of a page in points, and whether its text layer has words.
#[derive(Clone, Copy, Debug)]
pub struct PageInfo {
    pub width: f64,
    pub height: f64,
    pub has_text: bool,
}

/// Width and height (points) of each `<page>` of `pdftotext -bbox-layout` output.
pub fn page_sizes(xhtml: &str) -> Vec<(f64, f64)> {
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let key = format!("{name}=\"");
        let start = tag.find(&key)? + key.len();
        let end = tag[start..].find('"')? + start;
        tag[start..end].parse().ok().filter(|v: &f64| v.is_finite() && *v > 0.0)
    };
    xhtml
        .match_indices("<page ")
        .filter_map(|(i, _)| {
            let tag = &xhtml[i..i + xhtml[i..].find('>')?];
            Some((attr(tag, "width").unwrap_or(595.0), attr(tag, "height").unwrap_or(842.0)))
        })
        .collect()
}

/// Run a poppler tool with arguments and a time limit; its stdout, or a clear error.
fn run_tool(program: &str, args: &[&std::ffi::OsStr], timeout_secs: u64, stdout_to: &Path) -> Result<()> {
    let out = File::create(stdout_to).context("cannot create a temporary file")?;
    let err_path = stdout_to.with_extension("err");
    let err = File::create(&err_path).context("cannot create a temporary file")?;
    let spawned =
        Command::new(program).args(args).stdin(Stdio::null()).stdout(Stdio::from(out)).stderr(Stdio::from(err)).spawn();
    let mut child = match spawned {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{program} was not found: OCR of PDF pages needs poppler's {program}; install poppler-utils (Debian: apt-get install poppler-utils)"
        ),
        Err(e) => return Err(e).with_context(|| format!("cannot run {program}")),
    };
    match child
        .wait_timeout(Duration::from_secs(timeout_secs.max(1)))
        .with_context(|| format!("waiting for {program}"))?
    {
        Some(s) if s.success() => Ok(()),
        Some(s) => {
            let msg = std::fs::read_to_string(&err_path).unwrap_or_default();
            bail!(
                "{program} failed (exit {}): {}",
                s.code().map_or("by signal".to_string(), |c| c.to_string()),
                msg.trim()
            )
        }
        None => {
            let _ = child.kill();
            let _ = child.wait();
            bail!("{program} did not finish within {timeout_secs} s (raise it with --ocr-timeout)")
        }
    }
}

/// A PDF written to a temporary directory, for the poppler tools.
pub struct PdfFile {
    dir: tempfile::TempDir,
}

impl PdfFile {
    pub fn new(bytes: &[u8]) -> Result<PdfFile> {
        let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
        File::create(dir.path().join("in.pdf"))
            .and_then(|mut f| f.write_all(bytes))
            .context("cannot write a temporary copy of the PDF")?;
        Ok(PdfFile { dir })
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("in.pdf")
    }

    /// Render page `page` (0-based) at `dpi`, grey.
    pub fn render(&self, page: usize, dpi: f64, timeout_secs: u64) -> Result<Gray> {
        let n = (page + 1).to_string();
        let base = self.dir.path().join(format!("p{page}"));
        let r = format!("{dpi:.2}");
        let input = self.path();
        let args: Vec<&std::ffi::OsStr> = vec![
            "-gray".as_ref(),
            "-r".as_ref(),
            r.as_ref(),
            "-f".as_ref(),
            n.as_ref(),
            "-l".as_ref(),
            n.as_ref(),
            "-singlefile".as_ref(),
            input.as_os_str(),
            base.as_os_str(),
        ];
        run_tool("pdftoppm", &args, timeout_secs, &self.dir.path().join(format!("p{page}.out")))?;
        let pgm = base.with_extension("pgm");
        let bytes = std::fs::read(&pgm).context("pdftoppm wrote no picture")?;
        let _ = std::fs::remove_file(&pgm);
        Gray::from_pgm(&bytes)
    }

    /// For each page (1-based in pdfimages' list), the share of the page its images cover.
    pub fn picture_shares(&self, pages: &[PageInfo], timeout_secs: u64) -> Result<Vec<f64>> {
        let out = self.dir.path().join("images.txt");
        let p = self.path();
        run_tool("pdfimages", &["-list".as_ref(), p.as_os_str()], timeout_secs, &out)?;
        let text = std::fs::read_to_string(&out).unwrap_or_default();
        let mut shares = vec![0.0; pages.len()];
        for line in text.lines().skip(2) {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 14 || f[2] == "smask" || f[2] == "mask" {
                continue;
            }
            let num = |i: usize| f[i].parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0);
            let (Some(page), Some(w), Some(h), Some(xppi), Some(yppi)) = (num(0), num(3), num(4), num(12), num(13))
            else {
                continue;
            };
            let i = page as usize;
            if i == 0 || i > pages.len() {
                continue;
            }
            let info = pages[i - 1];
            let area = (w / xppi * 72.0) * (h / yppi * 72.0);
            shares[i - 1] += area / (info.width * info.height).max(1.0);
        }
        Ok(shares)
    }
}

/// The resolution a page can be rendered at within the pixel limit, and a warning when
/// it is lower than asked.
pub fn dpi_for(info: &PageInfo, opts: &OcrOptions) -> Result<(f64, Option<String>)> {
    let dpi = f64::from(opts.dpi.clamp(72, 1200));
    let px = (info.width / 72.0 * dpi) * (info.height / 72.0 * dpi);
    if px <= opts.max_pixels as f64 {
        return Ok((dpi, None));
    }
    let lower = dpi * (opts.max_pixels as f64 / px).sqrt();
    if lower < 100.0 {
        bail!(
            "a page of {:.0}×{:.0} points is too large to read by OCR within {} pixels (raise it with --ocr-max-pixels)",
            info.width,
            info.height,
            opts.max_pixels
        );
    }
    Ok((
        lower.floor(),
        Some(format!(
            "a page of {:.0}×{:.0} points was read by OCR at {:.0} dpi (pixel limit)",
            info.width,
            info.height,
            lower.floor()
        )),
    ))
}

/// Is this page (rendered at 72 dpi, so pixels are points) mostly a picture: ink outside
/// its word boxes and rules worth at least [`LOOSE_GLYPHS`] characters?
pub fn loose_ink(page: &Gray, words: &[(f64, f64, f64, f64)], font_pt: f64) -> bool {
    let t = page.otsu().min(160);
    let mut bits = page.ink(t);
    for &(x0, y0, x1, y1) in words {
        let (x0, y0) = ((x0 - 2.0).max(0.0) as usize, (y0 - 2.0).max(0.0) as usize);
        let (x1, y1) = (((x1 + 2.0).max(0.0) as usize).min(bits.w), ((y1 + 2.0).max(0.0) as usize).min(bits.h));
        for y in y0.min(y1)..y1 {
            for x in x0.min(x1)..x1 {
                bits.px[y * bits.w + x] = 0;
            }
        }
    }
    // Wipe rules: long runs either way.
    let long = (font_pt * 2.5).max(12.0) as usize;
    for s in super::grid::segments(&bits, long, 1, 4) {
        let y0 = (s.pos - s.t as f32 / 2.0).floor().max(0.0) as usize;
        for y in y0..(y0 + s.t + 1).min(bits.h) {
            bits.px[y * bits.w + s.a.min(bits.w)..y * bits.w + s.b.min(bits.w)].fill(0);
        }
    }
    let tr = bits.transpose();
    let mut keep = bits.clone();
    for s in super::grid::segments(&tr, long, 1, 4) {
        let x0 = (s.pos - s.t as f32 / 2.0).floor().max(0.0) as usize;
        for x in x0..(x0 + s.t + 1).min(keep.w) {
            for y in s.a.min(keep.h)..s.b.min(keep.h) {
                keep.px[y * keep.w + x] = 0;
            }
        }
    }
    let ink = keep.px.iter().filter(|&&p| p != 0).count();
    // A character at 72 dpi: about a fifth of its square is ink.
    let per_glyph = (font_pt * font_pt * 0.2).max(4.0);
    ink as f64 >= LOOSE_GLYPHS as f64 * per_glyph
}
