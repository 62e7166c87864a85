//! Running Tesseract 5 as a subprocess and reading its TSV output.
//!
//! The picture is written as PGM into a temporary directory and tesseract writes
//! `out.tsv` beside it: no shell, no pipes to deadlock on, a time limit on every call, and
//! one thread per process (`OMP_THREAD_LIMIT=1`), since xxgk runs pages in parallel itself.
//! A missing program or language model is an error that names the Debian packages.

use std::fs::File;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use wait_timeout::ChildExt;

use super::raster::Gray;

/// The program run.
pub const TESSERACT: &str = "tesseract";

/// What to install when OCR cannot run.
pub const INSTALL_HINT: &str =
    "install Tesseract 5 with its simplified-Chinese model (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)";

/// One word of tesseract's TSV output, in the picture's pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub text: String,
    /// Tesseract's confidence, 0–100.
    pub conf: f32,
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
    /// Block, paragraph and line number: words of one line share them.
    pub line: (u32, u32, u32),
}

/// One OCR call: language, page segmentation mode, and an optional character whitelist.
#[derive(Clone, Copy, Debug)]
pub struct Pass<'a> {
    pub lang: &'a str,
    pub psm: u8,
    pub whitelist: Option<&'a str>,
}

/// Run tesseract on a picture and return its words (empty words dropped).
pub fn run(img: &Gray, pass: Pass, dpi: u32, timeout_secs: u64) -> Result<Vec<Word>> {
    run_program(TESSERACT, img, pass, dpi, timeout_secs)
}

pub(crate) fn run_program(program: &str, img: &Gray, pass: Pass, dpi: u32, timeout_secs: u64) -> Result<Vec<Word>> {
    if img.w == 0 || img.h == 0 {
        return Ok(Vec::new());
    }
    let mut args = vec!["-l".to_string(), pass.lang.to_string(), "--psm".to_string(), pass.psm.to_string()];
    if let Some(w) = pass.whitelist {
        args.extend(["-c".to_string(), format!("tessedit_char_whitelist={w}")]);
    }
    args.push("tsv".to_string());
    let dir = run_in_dir(program, img, dpi, &args, timeout_secs)?.output(pass.lang)?;
    let tsv = std::fs::read(dir.path().join("out.tsv")).context("tesseract wrote no output")?;
    Ok(parse_tsv(&String::from_utf8_lossy(&tsv)))
}

/// Which way up a page's text stands, by tesseract's orientation and script detection
/// (`--psm 0`, the `osd` model): the clockwise quarter turns that set it upright (0–3),
/// and tesseract's confidence in that. `None` when tesseract finds too little text to
/// tell, or has no `osd` model.
pub fn orientation(img: &Gray, dpi: u32, timeout_secs: u64) -> Result<Option<(u8, f32)>> {
    orientation_by(TESSERACT, img, dpi, timeout_secs)
}

pub(crate) fn orientation_by(program: &str, img: &Gray, dpi: u32, timeout_secs: u64) -> Result<Option<(u8, f32)>> {
    if img.w == 0 || img.h == 0 {
        return Ok(None);
    }
    let ran = run_in_dir(program, img, dpi, &["--psm".to_string(), "0".to_string()], timeout_secs)?;
    // No osd model, or too few characters to tell (tesseract exits with an error then):
    // the page is read as it stands.
    if ran.no_model || !ran.success {
        return Ok(None);
    }
    let osd = std::fs::read_to_string(ran.dir.path().join("out.osd")).unwrap_or_default();
    Ok(parse_osd(&osd))
}

/// The turn and confidence of tesseract's OSD output (`Rotate: 90`, `Orientation
/// confidence: 11.87`). `Rotate` is the clockwise turn, in degrees, that sets the page
/// upright.
pub fn parse_osd(osd: &str) -> Option<(u8, f32)> {
    let field = |name: &str| {
        osd.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim_start_matches(':').trim().to_string())
    };
    let quarters = match field("Rotate")?.parse::<u32>().ok()? {
        0 => 0,
        90 => 1,
        180 => 2,
        270 => 3,
        _ => return None,
    };
    let confidence = field("Orientation confidence")?.parse::<f32>().ok().filter(|c| c.is_finite())?;
    Some((quarters, confidence))
}

/// What one tesseract run left: the directory holding its output, whether it exited
/// successfully, whether it said it lacks its language model, and what it said on stderr.
struct Ran {
    dir: tempfile::TempDir,
    success: bool,
    no_model: bool,
    code: Option<i32>,
    stderr: String,
}

impl Ran {
    /// The directory of a run that read with model `lang`; a missing model or a failed run
    /// is an error that says so.
    fn output(self, lang: &str) -> Result<tempfile::TempDir> {
        if self.no_model {
            bail!(
                "tesseract has no '{lang}' language model: {INSTALL_HINT} (message: {})",
                self.stderr.lines().next().unwrap_or("").trim()
            );
        }
        if !self.success {
            bail!(
                "tesseract failed (exit {}): {}",
                self.code.map_or_else(|| "by signal".to_string(), |c| c.to_string()),
                if self.stderr.trim().is_empty() { "no message" } else { self.stderr.trim() }
            );
        }
        Ok(self.dir)
    }
}

/// Write `img` into a new temporary directory as `in.pgm` and run `program` on it with
/// output base `out` and the arguments `args` after the resolution. A missing program and
/// a run over the time limit are errors; how the run ended is the caller's to judge.
fn run_in_dir(program: &str, img: &Gray, dpi: u32, args: &[String], timeout_secs: u64) -> Result<Ran> {
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let input = dir.path().join("in.pgm");
    let out_base = dir.path().join("out");
    let errors = dir.path().join("stderr.txt");
    File::create(&input)
        .and_then(|mut f| f.write_all(&img.to_pgm()))
        .context("cannot write a temporary picture for tesseract")?;
    let stderr_file = File::create(&errors).context("cannot create a temporary file")?;
    let mut cmd = Command::new(program);
    cmd.arg(&input).arg(&out_base).arg("--dpi").arg(dpi.clamp(70, 2400).to_string()).args(args);
    cmd.env("OMP_THREAD_LIMIT", "1").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::from(stderr_file));
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{program} was not found: reading scanned reports and pictures needs OCR; {INSTALL_HINT}")
        }
        Err(e) => return Err(e).with_context(|| format!("cannot run {program}")),
    };
    let status = match child.wait_timeout(Duration::from_secs(timeout_secs.max(1))).context("waiting for tesseract")? {
        Some(s) => s,
        None => {
            let _ = child.kill();
            let _ = child.wait();
            bail!("tesseract did not finish within {timeout_secs} s (raise it with --ocr-timeout)");
        }
    };
    let stderr = std::fs::read_to_string(&errors).unwrap_or_default();
    let lower = stderr.to_lowercase();
    let no_model = lower.contains("failed loading language") || lower.contains("error opening data file");
    Ok(Ran { dir, success: status.success(), no_model, code: status.code(), stderr })
}

/// Words of tesseract's TSV output (level 5 rows with text).
pub fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 12 || f[0] != "5" {
            continue;
        }
        let num = |i: usize| f[i].trim().parse::<i64>().unwrap_or(0).max(0) as usize;
        let text = f[11..].join("\t").trim().to_string();
        if text.is_empty() {
            continue;
        }
        let conf = f[10].trim().parse::<f32>().unwrap_or(0.0);
        let (x0, y0) = (num(6), num(7));
        out.push(Word {
            text,
            conf: if conf.is_finite() { conf.clamp(0.0, 100.0) } else { 0.0 },
            x0,
            y0,
            x1: x0 + num(8),
            y1: y0 + num(9),
            line: (num(2) as u32, num(3) as u32, num(4) as u32),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   4\t1\t1\t1\t1\t0\t10\t20\t100\t30\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t40\t30\t96.5\t规章\n\
                   5\t1\t1\t1\t1\t2\t60\t20\t10\t30\t91\t 1 \n\
                   5\t1\t1\t1\t1\t3\t60\t20\t10\t30\t-1\t\n\
                   5\tbad\n";
        let w = parse_tsv(tsv);
        assert_eq!(w.len(), 2);
        assert_eq!(w[0].text, "规章");
        assert_eq!((w[0].x0, w[0].y0, w[0].x1, w[0].y1), (10, 20, 50, 50));
        assert_eq!(w[1].text, "1");
        assert_eq!(w[1].conf, 91.0);
    }

    #[test]
    fn osd_output() {
        let osd = "Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 11.87\n\
                   Script: Han\nScript confidence: 0.96\n";
        assert_eq!(parse_osd(osd), Some((1, 11.87)));
        assert_eq!(parse_osd("Rotate: 0\nOrientation confidence: 16.6\n"), Some((0, 16.6)));
        assert_eq!(parse_osd("Rotate: 270\nOrientation confidence: 2\n"), Some((3, 2.0)));
        assert_eq!(parse_osd("Rotate: 45\nOrientation confidence: 2\n"), None);
        assert_eq!(parse_osd("Rotate: 90\n"), None);
        assert_eq!(parse_osd(""), None);
    }

    #[test]
    fn orientation_without_the_program_is_an_error() {
        let g = Gray::new(4, 4, 255);
        let err = orientation_by("tesseract-that-does-not-exist", &g, 300, 5).unwrap_err().to_string();
        assert!(err.contains("apt-get install tesseract-ocr"), "{err}");
    }

    #[test]
    fn missing_program_names_the_packages() {
        let g = Gray::new(4, 4, 255);
        let pass = Pass { lang: "chi_sim", psm: 6, whitelist: None };
        let err = run_program("tesseract-that-does-not-exist", &g, pass, 300, 5).unwrap_err().to_string();
        assert!(err.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"), "{err}");
    }
}
