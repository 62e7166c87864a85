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
    let dir = tempfile::tempdir().context("cannot create a temporary directory")?;
    let input = dir.path().join("in.pgm");
    let out_base = dir.path().join("out");
    let errors = dir.path().join("stderr.txt");
    File::create(&input)
        .and_then(|mut f| f.write_all(&img.to_pgm()))
        .context("cannot write a temporary picture for tesseract")?;
    let stderr_file = File::create(&errors).context("cannot create a temporary file")?;
    let mut cmd = Command::new(program);
    cmd.arg(&input)
        .arg(&out_base)
        .arg("--dpi")
        .arg(dpi.clamp(70, 2400).to_string())
        .arg("-l")
        .arg(pass.lang)
        .arg("--psm")
        .arg(pass.psm.to_string());
    if let Some(w) = pass.whitelist {
        cmd.arg("-c").arg(format!("tessedit_char_whitelist={w}"));
    }
    cmd.arg("tsv")
        .env("OMP_THREAD_LIMIT", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::from(stderr_file));
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
    if lower.contains("failed loading language") || lower.contains("error opening data file") {
        bail!(
            "tesseract has no '{}' language model: {INSTALL_HINT} (message: {})",
            pass.lang,
            stderr.lines().next().unwrap_or("").trim()
        );
    }
    if !status.success() {
        bail!(
            "tesseract failed (exit {}): {}",
            status.code().map_or_else(|| "by signal".to_string(), |c| c.to_string()),
            if stderr.trim().is_empty() { "no message" } else { stderr.trim() }
        );
    }
    let tsv = std::fs::read(out_base.with_extension("tsv")).context("tesseract wrote no output")?;
    Ok(parse_tsv(&String::from_utf8_lossy(&tsv)))
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
    fn missing_program_names_the_packages() {
        let g = Gray::new(4, 4, 255);
        let pass = Pass { lang: "chi_sim", psm: 6, whitelist: None };
        let err = run_program("tesseract-that-does-not-exist", &g, pass, 300, 5).unwrap_err().to_string();
        assert!(err.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"), "{err}");
    }
}
