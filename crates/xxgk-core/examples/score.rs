//! Score files against gold files, cell by cell, for measuring a change on many files:
//! `cargo run --release -p xxgk-core --example score -- --gold DIR [--per] [--wrong] [--missing] FILE...`
//!
//! A file's gold is `DIR/STEM.json`, STEM its name up to the first dot (`synth-00003.pdf`
//! and `synth-00003.layout.txt` both score against `synth-00003.json`), in the format of the
//! corpus gold files. A cell is right when its state and value are the gold's, wrong when
//! either differs, missing when the report has no such cell. Prints one line per file with
//! `--per` (`wrong missing right FILE`), each wrong cell with `--wrong`, each missing one with `--missing`, and the totals last.
//! A file that does not parse counts every gold cell missing and says so on stderr.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;
use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::report::Report;
use xxgk_core::source::Limits;
use xxgk_core::template::Table;

/// One file's score.
#[derive(Default)]
struct Score {
    right: usize,
    wrong: Vec<String>,
    missing: usize,
    missed: Vec<String>,
}

fn score(gold: &Value, report: Option<&Report>) -> Score {
    let mut s = Score::default();
    for g in gold["cells"].as_array().map_or(&[][..], Vec::as_slice) {
        let (Some(tbl), Some(row), Some(col)) = (g["tbl"].as_str(), g["row"].as_str(), g["col"].as_str()) else {
            continue;
        };
        let cell = Table::parse(tbl).and_then(|t| report.and_then(|r| r.cell(t, row, col)));
        let Some(c) = cell else {
            s.missing += 1;
            s.missed.push(format!("{tbl}.{row}.{col}"));
            continue;
        };
        let value_ok = match (c.value, g["value"].as_f64()) {
            (Some(a), Some(b)) => (a - b).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        };
        if value_ok && Some(c.state.as_str()) == g["state"].as_str() {
            s.right += 1;
        } else {
            s.wrong.push(format!(
                "{tbl}.{row}.{col}: read {} {:?} (raw {:?}, {}), gold {} {}",
                c.state.as_str(),
                c.value,
                c.raw.as_str(),
                c.placement.as_str(),
                g["state"],
                g["value"]
            ));
        }
    }
    s
}

fn gold_of(dir: &Path, file: &Path) -> Option<Value> {
    let name = file.file_name()?.to_str()?;
    let stem = name.split('.').next()?;
    let text = std::fs::read_to_string(dir.join(format!("{stem}.json"))).ok()?;
    serde_json::from_str(&text).ok()
}

fn main() -> ExitCode {
    let (mut gold_dir, mut per, mut wrong, mut files) = (None, false, false, Vec::new());
    let mut missing_cells = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gold" => gold_dir = args.next().map(PathBuf::from),
            "--per" => per = true,
            "--wrong" => wrong = true,
            "--missing" => missing_cells = true,
            _ => files.push(PathBuf::from(a)),
        }
    }
    let Some(gold_dir) = gold_dir else {
        eprintln!("usage: score --gold DIR [--per] [--wrong] [--missing] FILE...");
        return ExitCode::from(2);
    };
    let (limits, overrides) = (Limits::default(), Overrides::default());
    let (mut right, mut wrong_n, mut missing, mut scored) = (0, 0, 0, 0);
    // A reader that stops early (`| head`) ends the run quietly.
    let mut out = std::io::stdout().lock();
    macro_rules! say {
        ($($arg:tt)*) => {
            if writeln!(out, $($arg)*).is_err() {
                return ExitCode::SUCCESS;
            }
        };
    }
    for file in &files {
        let Some(gold) = gold_of(&gold_dir, file) else {
            eprintln!("score: no gold for {}", file.display());
            continue;
        };
        let parsed = match parse_file(file, &limits, &overrides) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("score: {e:#}");
                None
            }
        };
        let s = score(&gold, parsed.as_ref().map(|p| &p.report));
        if per {
            say!("{} {} {} {}", s.wrong.len(), s.missing, s.right, file.display());
        }
        if wrong {
            for w in &s.wrong {
                say!("  {}: {w}", file.display());
            }
        }
        if missing_cells {
            for m in &s.missed {
                say!("  {}: missing {m}", file.display());
            }
        }
        (right, wrong_n, missing, scored) = (right + s.right, wrong_n + s.wrong.len(), missing + s.missing, scored + 1);
    }
    say!("{scored} files: {wrong_n} wrong, {missing} missing, {right} right");
    ExitCode::SUCCESS
}
