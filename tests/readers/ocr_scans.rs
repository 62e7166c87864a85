//! OCR against gold: scans made at test time from the corpus PDFs and from LibreOffice
//! renderings of its HTML and DOCX reports (tests/fixtures/ocr/lo-*.pdf), clean (300 dpi) and
//! degraded (150 or 200 dpi, tilted up to 1°, greyed, speckled, JPEG quality 50), and clean
//! but turned a quarter, half or three-quarter turn (pages scanned on their side).
//!
//! For every scan: the share of gold cells read right, the agency and year, and the
//! cells that are wrong *silently* — neither under the low-confidence threshold nor in a
//! failing check. Pages read: the first two (the title; a saved web page starts with its
//! site's menus) and those with the statistics tables (from the first such page to the last).
//!
//! **Not run by default.** The sweeps OCR about 40 pages three times (the clean and degraded
//! sweeps some 2–3 minutes each in release on 2 cores, the turned one, which reads each turned
//! page twice and asks its orientation, about 6), too long for every `cargo test`; without
//! `XXGK_OCR_SCANS=1` each test says so on stderr and returns. Run them with
//!
//! ```text
//! XXGK_OCR_SCANS=1 cargo test --release --test readers ocr_scans -- --nocapture
//! ```
//!
//! (`--nocapture` shows the per-source numbers). The default suite keeps the small OCR
//! tests of `ocr_reader.rs`, which check real cells against gold on fixtures.
//!
//! Needs tesseract (tesseract-ocr, tesseract-ocr-chi-sim) and poppler-utils, as CI has.
//! `XXGK_OCR_REPORT=1` prints every wrong cell; `XXGK_OCR_ONLY=huaian` reads only the
//! sources whose file name contains that text (while working on the reader);
//! `XXGK_OCR_DUMP=DIR` writes every scanned page there as a PNG.

use std::path::PathBuf;

use serde_json::Value;
use xxgk_core::checks::{CheckResult, Rule, Status};
use xxgk_core::report::Report;
use xxgk_core::source::ocr::pdf::PdfFile;
use xxgk_core::source::ocr::raster::Gray;
use xxgk_core::source::ocr::{self, OcrOptions, PagePicture, LOW_CONFIDENCE};
use xxgk_core::template::{Table, Version, EQUATIONS};

use crate::common;

/// The environment variable that turns the sweeps on.
const GATE: &str = "XXGK_OCR_SCANS";

/// Whether the sweeps run: `XXGK_OCR_SCANS=1`. Unset, a test says on stderr that it was
/// not run and how to run it; any other value is a mistake, and fails.
fn enabled(test: &str) -> bool {
    match std::env::var(GATE) {
        Ok(v) if v == "1" => true,
        Ok(v) => panic!("{GATE}={v:?}: set it to 1 to run the OCR scan sweeps, or leave it unset"),
        Err(_) => {
            eprintln!("{test}: not run (OCR scan sweep, minutes long): {GATE}=1 cargo test --release --test readers ocr_scans");
            false
        }
    }
}

/// A scan source: the PDF, its gold file.
struct Source {
    pdf: PathBuf,
    gold: &'static str,
    /// Whether the pages show the report's title (a fragment of a web page may not).
    titled: bool,
}

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/ocr").join(name)
}

fn sources() -> Vec<Source> {
    let real = |n: &str| common::corpus().join("real").join(n);
    let source = |pdf: PathBuf, gold: &'static str| Source { pdf, gold, titled: true };
    vec![
        source(real("huaian-2024.pdf"), "huaian-2024.json"),
        source(real("hongze-2023.pdf"), "hongze-2023.json"),
        source(real("pingtan-2021.pdf"), "pingtan-2021.pdf.json"),
        source(fixture("lo-pingtan-2019.pdf"), "pingtan-2019.json"),
        source(fixture("lo-pingtan-2021.pdf"), "pingtan-2021.json"),
        source(fixture("lo-pingtan-2023.pdf"), "pingtan-2023.json"),
        source(fixture("lo-shanghai-office-2019-docx.pdf"), "shanghai-office-2019.docx.json"),
        source(fixture("lo-shuyang-fgj-2023.pdf"), "shuyang-fgj-2023.json"),
    ]
}

/// The pages to scan: the first, and those whose text shows a statistics table.
fn pages_to_scan(pdf: &std::path::Path) -> Vec<usize> {
    let out = std::process::Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    let keys = ["第二十条", "本年新收", "行政复议", "信息内容", "自然人", "结果维持"];
    let tables: Vec<usize> =
        text.split('\u{c}').enumerate().filter(|(_, p)| keys.iter().any(|k| p.contains(k))).map(|(i, _)| i).collect();
    // Every page from the first table page to the one after the last (a table continues
    // over pages, with no keyword on the continuation).
    let count = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    let (first, last) = (tables.first().copied().unwrap_or(0), tables.last().copied().unwrap_or(0));
    let mut pages = vec![0, 1];
    pages.extend((first..=(last + 1).min(count.saturating_sub(1))).filter(|&p| p > 1));
    pages
}

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f32 {
        (self.next() % 1_000_000) as f32 / 1_000_000.0
    }
}

/// How a page is scanned.
#[derive(Clone, Copy, Debug)]
enum Scan {
    Clean300,
    Degraded {
        seed: u64,
    },
    /// Clean, 300 dpi, turned clockwise by `quarters` quarter turns: a page scanned on its
    /// side or upside down.
    Turned {
        quarters: u8,
    },
}

/// Render one page as the scan says.
fn scan_page(file: &PdfFile, page: usize, scan: Scan) -> Gray {
    match scan {
        Scan::Clean300 => file.render(page, 300.0, 60).expect("render"),
        Scan::Turned { quarters } => file.render(page, 300.0, 60).expect("render").turned(quarters),
        Scan::Degraded { seed } => {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let dpi = if rng.next() % 2 == 0 { 150.0 } else { 200.0 };
            let page_img = file.render(page, dpi, 60).expect("render");
            // Tilt: 0.3°–1°, either way.
            let angle = (0.3 + 0.7 * rng.unit()) * if rng.next() % 2 == 0 { 1.0 } else { -1.0 };
            let mut img = page_img.level(angle);
            // Grey paper and ink, noise, speckles.
            let area = img.px.len();
            for p in img.px.iter_mut() {
                let noise = (rng.next() % 25) as f32 - 12.0;
                *p = (40.0 + f32::from(*p) * 0.75 + noise).clamp(0.0, 255.0) as u8;
            }
            for _ in 0..area / 2000 {
                let i = (rng.next() as usize) % area;
                let size = 1 + (rng.next() % 2) as usize;
                for dy in 0..size {
                    for dx in 0..size {
                        if let Some(p) = img.px.get_mut(i + dy * img.w + dx) {
                            *p = 30;
                        }
                    }
                }
            }
            jpeg(&img, 50)
        }
    }
}

/// Round-trip through JPEG at `quality`.
fn jpeg(img: &Gray, quality: u8) -> Gray {
    let mut bytes = Vec::new();
    let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality);
    let buf = image::GrayImage::from_raw(img.w as u32, img.h as u32, img.px.clone()).unwrap();
    buf.write_with_encoder(enc).unwrap();
    let back = image::load_from_memory(&bytes).unwrap().to_luma8();
    Gray { w: back.width() as usize, h: back.height() as usize, px: back.into_raw() }
}

/// Per-scan outcome.
#[derive(Default, Debug)]
struct Outcome {
    gold: usize,
    right: usize,
    wrong: Vec<String>,
    silent: Vec<String>,
    agency_ok: bool,
    year_ok: bool,
}

/// Is the cell `tbl.row.col` part of a check that fails: an equation of the template
/// (R1–R4) whose failing instance names the cell, or a prose claim about it (R7)?
fn in_failing_check(report: &Report, checks: &[CheckResult], tbl: Table, row: &str, col: &str) -> bool {
    let version = report.versions.of(tbl).unwrap_or(Version::Both);
    // Checked as the checks do: an unknown version of table 三 as the 2019 form.
    let version = if version == Version::Both && tbl == Table::Applications { Version::V2019 } else { version };
    checks.iter().filter(|c| c.status == Status::Fail).any(|c| {
        if c.rule == Rule::R7 {
            return c.scope == format!("{}.{row}.{col}", tbl.key());
        }
        EQUATIONS.iter().filter(|e| e.rule == c.rule && e.table == tbl).any(|e| {
            e.instances(version)
                .iter()
                .any(|i| i.scope == c.scope && i.lhs.iter().chain(&i.rhs).any(|(r, k)| *r == row && *k == col))
        })
    })
}

fn evaluate(gold: &Value, report: &Report) -> Outcome {
    let checks = xxgk_core::checks::run(report);
    let mut out = Outcome {
        agency_ok: report.agency.as_deref() == gold["agency"].as_str(),
        year_ok: report.year.map(i64::from) == gold["year"].as_i64(),
        ..Outcome::default()
    };
    for g in gold["cells"].as_array().expect("cells") {
        let (tbl, row, col) = (g["tbl"].as_str().unwrap(), g["row"].as_str().unwrap(), g["col"].as_str().unwrap());
        let table = Table::parse(tbl).unwrap_or_else(|| panic!("gold names an unknown table {tbl:?}"));
        out.gold += 1;
        let want_state = g["state"].as_str().unwrap();
        let want = g["value"].as_f64();
        match report.cell(table, row, col) {
            None => out.wrong.push(format!("{tbl}.{row}.{col}: missing (gold {want_state} {want:?})")),
            Some(c) => {
                let value_ok = match (c.value, want) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (None, None) => true,
                    _ => false,
                };
                if c.state.as_str() == want_state && value_ok {
                    out.right += 1;
                    continue;
                }
                let line = format!(
                    "{tbl}.{row}.{col}: read {:?} {:?} (conf {:?}, {:?}), gold {want_state} {want:?}",
                    c.raw,
                    c.state.as_str(),
                    c.confidence,
                    c.ocr_raw
                );
                let flagged = c.confidence.is_some_and(|k| k < LOW_CONFIDENCE);
                if !flagged && !in_failing_check(report, &checks, table, row, col) {
                    out.silent.push(line.clone());
                }
                out.wrong.push(line);
            }
        }
    }
    out
}

/// Read every source as `scan` and evaluate it; returns (name, outcome) per source.
fn run_scans(scan_of: impl Fn(usize) -> Scan + Sync) -> Vec<(String, Outcome)> {
    let opts = OcrOptions::default();
    let mut results = Vec::new();
    let only = std::env::var("XXGK_OCR_ONLY").ok();
    for (si, src) in sources().into_iter().enumerate() {
        if only.as_ref().is_some_and(|o| !src.pdf.to_string_lossy().contains(o.as_str())) {
            continue;
        }
        let bytes = std::fs::read(&src.pdf).unwrap_or_else(|e| panic!("{}: {e}", src.pdf.display()));
        let file = PdfFile::new(&bytes).unwrap();
        let pages = pages_to_scan(&src.pdf);
        let doc = ocr::read_pages(
            pages.len(),
            |k| {
                let img = scan_page(&file, pages[k], scan_of(si * 100 + pages[k]));
                if let Some(dir) = std::env::var_os("XXGK_OCR_DUMP") {
                    let name = src.pdf.file_stem().unwrap().to_string_lossy().to_string();
                    let path = PathBuf::from(dir).join(format!("{name}-{}.png", pages[k]));
                    image::GrayImage::from_raw(img.w as u32, img.h as u32, img.px.clone()).unwrap().save(path).unwrap();
                }
                Ok(PagePicture { img, dpi: None })
            },
            &opts,
        )
        .unwrap_or_else(|e| panic!("{}: {e:#}", src.pdf.display()));
        let report = xxgk_core::extract::extract(&doc, &src.pdf);
        let gold = common::gold(src.gold);
        let mut outcome = evaluate(&gold, &report);
        if !src.titled {
            outcome.agency_ok = true;
        }
        let name = src.pdf.file_name().unwrap().to_string_lossy().to_string();
        if std::env::var_os("XXGK_OCR_REPORT").is_some() {
            eprintln!(
                "{name}: {}/{} right, agency {:?} year {:?}, notes {:?}",
                outcome.right, outcome.gold, report.agency, report.year, report.notes
            );
            for w in &outcome.wrong {
                eprintln!("  {w}");
            }
        }
        results.push((name, outcome));
    }
    results
}

fn summarise(
    label: &str,
    results: &[(String, Outcome)],
    min_share: f64,
    known_silent: usize,
    known_meta_misses: usize,
) {
    let gold: usize = results.iter().map(|r| r.1.gold).sum();
    let right: usize = results.iter().map(|r| r.1.right).sum();
    let silent: Vec<String> =
        results.iter().flat_map(|(n, o)| o.silent.iter().map(move |s| format!("{n}: {s}"))).collect();
    let share = right as f64 / gold.max(1) as f64;
    eprintln!("{label}: {right}/{gold} gold cells right ({:.2}%), {} silently wrong", 100.0 * share, silent.len());
    for (n, o) in results {
        eprintln!("  {n}: {}/{} right, agency {}, year {}", o.right, o.gold, o.agency_ok, o.year_ok);
    }
    let bad_meta: Vec<&String> = results.iter().filter(|r| !(r.1.agency_ok && r.1.year_ok)).map(|r| &r.0).collect();
    assert!(silent.len() <= known_silent, "{label}: silently wrong cells:\n{}", silent.join("\n"));
    assert!(bad_meta.len() <= known_meta_misses, "{label}: agency or year not found on {bad_meta:?}");
    assert!(share >= min_share, "{label}: {:.2}% of gold cells right, under {:.1}%", 100.0 * share, 100.0 * min_share);
}

#[test]
fn clean_300_dpi_scans() {
    if !enabled("clean_300_dpi_scans") {
        return;
    }
    // The issue's target is 99.5 %; this reader reaches 99.9 %. The one miss: 上海's 524,
    // read as 24 by two passes of three and marked under the threshold.
    summarise("clean 300 dpi", &run_scans(|_| Scan::Clean300), 0.998, 0, 0);
}

#[test]
fn turned_scans() {
    if !enabled("turned_scans") {
        return;
    }
    // The clean scans again, each page turned by a quarter, a half or three quarters (one
    // in four left upright): every turned page is read turned back, so the share is the
    // clean scans' (99.9 %).
    summarise("turned 300 dpi", &run_scans(|seed| Scan::Turned { quarters: (seed % 4) as u8 }), 0.998, 0, 0);
}

#[test]
fn degraded_scans() {
    if !enabled("degraded_scans") {
        return;
    }
    // The issue's targets are 98 % and no silent cell; this reader reaches 98.9 % with no
    // silent cell and every title (the misses: digits the 150-dpi blur took — each under the
    // confidence threshold or in a failing sum —, and 洪泽's 规章 read as 规).
    summarise("degraded 150–200 dpi", &run_scans(|seed| Scan::Degraded { seed: seed as u64 + 1 }), 0.98, 0, 0);
}
