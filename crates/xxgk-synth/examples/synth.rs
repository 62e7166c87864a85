//! Write synthetic annual reports and their gold files, for scale and speed tests.
//!
//! ```sh
//! cargo run --release -p xxgk-synth --example synth -- --reports 2000 --formats txt,html,docx --out /tmp/synth [--seed 1]
//! ```
//!
//! Reports go to `OUT/reports/NAME.{txt,html,docx}`, gold to `OUT/gold/NAME.json` (the
//! format of the corpus gold files). The same seed gives the same bytes. See
//! `xxgk_synth` for what varies.

use std::path::PathBuf;
use std::process::ExitCode;

use xxgk_synth::{self as synth, Options};

fn usage() -> ExitCode {
    eprintln!("usage: synth --reports N --out DIR [--formats txt,html,docx] [--seed S]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut opts = Options::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let Some(value) = args.next() else { return usage() };
        match flag.as_str() {
            "--reports" => match value.parse() {
                Ok(n) => opts.reports = n,
                Err(_) => return usage(),
            },
            "--seed" => match value.parse() {
                Ok(n) => opts.seed = n,
                Err(_) => return usage(),
            },
            "--formats" => match synth::parse_formats(&value) {
                Ok(f) => opts.formats = f,
                Err(e) => {
                    eprintln!("synth: {e}");
                    return usage();
                }
            },
            "--out" => out = Some(PathBuf::from(value)),
            _ => return usage(),
        }
    }
    let Some(out) = out else { return usage() };
    match synth::write(&opts, &out) {
        Ok(paths) => {
            eprintln!(
                "synth: wrote {} reports to {} (gold in {})",
                paths.len(),
                out.join("reports").display(),
                out.join("gold").display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("synth: {e:#}");
            ExitCode::FAILURE
        }
    }
}
