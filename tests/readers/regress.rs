//! Replays every input in `tests/fixtures/regress/` (past fuzz findings) through the
//! reader it crashed, then extraction, checks and metrics: nothing may panic. This is the
//! CI-friendly half of the fuzzing in `fuzz/`, which needs a nightly toolchain.

use std::path::{Path, PathBuf};

use crate::common;

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzzlib;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect(),
        Err(_) => Vec::new(),
    };
    out.sort();
    out
}

/// Run one input through its target; a reader's error is fine, a panic is not.
fn replay(target: &str, bytes: &[u8]) {
    let limits = fuzzlib::limits();
    let doc = match target {
        "text" => xxgk_core::source::text::read(bytes).ok(),
        "html" => xxgk_core::source::html::read(bytes).ok(),
        "docx" => xxgk_core::source::docx::read(bytes, &limits).ok(),
        "pdf_grid" => Some(xxgk_core::source::pdf::from_bbox_xhtml(&String::from_utf8_lossy(bytes))),
        "doc" => xxgk_core::source::doc::read(bytes, &limits).ok(),
        "extract_grid" => Some(fuzzlib::grid_from_bytes(bytes)),
        other => panic!("tests/fixtures/regress/{other}: no such fuzz target"),
    };
    if let Some(doc) = doc {
        fuzzlib::downstream(&doc);
    }
}

#[test]
fn every_past_fuzz_finding_reads_without_panic() {
    let root = common::repo().join("tests/fixtures/regress");
    let mut failures = Vec::new();
    let mut n = 0;
    for target in ["text", "html", "docx", "doc", "pdf_grid", "extract_grid"] {
        for f in files(&root.join(target)) {
            let bytes = std::fs::read(&f).unwrap();
            n += 1;
            if std::panic::catch_unwind(|| replay(target, &bytes)).is_err() {
                failures.push(format!("{}: panicked", f.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {n} inputs failed:\n{}", failures.len(), failures.join("\n"));
    eprintln!("{n} past findings replayed");
}

#[test]
fn the_grid_encoding_round_trips_the_samples() {
    let doc = xxgk_core::source::text::read(include_bytes!("../../examples/zibo-psb-2020.txt")).unwrap();
    assert_eq!(fuzzlib::grid_from_bytes(&fuzzlib::grid_to_bytes(&doc)).blocks, doc.blocks);
}
