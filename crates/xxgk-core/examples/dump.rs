//! Print everything parsing makes of each file (report, checks, derived values) in Rust's
//! debug form, one file after another: run it before and after a change that should not
//! change behaviour, and diff the two outputs.
//! `cargo run --release -p xxgk-core --example dump -- FILE... > before.txt`

use std::path::PathBuf;

use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::source::Limits;

fn main() {
    let (limits, overrides) = (Limits::default(), Overrides::default());
    for path in std::env::args().skip(1).map(PathBuf::from) {
        println!("==== {}", path.display());
        match parse_file(&path, &limits, &overrides) {
            Ok(p) => println!("{:#?}\n{:#?}\n{:#?}", p.report, p.checks, p.derived),
            Err(e) => println!("error: {e:#}"),
        }
    }
}
