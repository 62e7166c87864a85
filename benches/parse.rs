//! Benchmarks: parse time per corpus file and format, and the end-to-end import rate of
//! 1,000 copies of the sample report under distinct agency names.
//!
//! Run with `cargo bench`. Prints a table; numbers are medians of repeated runs.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::source::Limits;
use xxgk_db::store::{Access, Store};

fn corpus() -> Option<PathBuf> {
    let here = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    [here.join("../shared/corpus"), PathBuf::from("/work/shared/corpus")].into_iter().find(|p| p.join("real").is_dir())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_parse(path: &Path, runs: usize) -> Option<Duration> {
    let limits = Limits::default();
    let overrides = Overrides::default();
    parse_file(path, &limits, &overrides).ok()?;
    Some(median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                let _ = parse_file(path, &limits, &overrides);
                t.elapsed()
            })
            .collect(),
    ))
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!("| what | median | rate |");
    println!("|---|---:|---:|");
    let sample = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("examples/zibo-psb-2020.txt");
    let mut files: Vec<PathBuf> = vec![sample.clone()];
    if let Some(c) = corpus() {
        let mut real: Vec<PathBuf> = std::fs::read_dir(c.join("real")).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        real.sort();
        files.extend(real.into_iter().filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            !name.contains("template") && !name.starts_with("zibo-psb-2020")
        }));
    }
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if filter.as_deref().is_some_and(|x| !name.contains(x)) {
            continue;
        }
        let runs = if name.ends_with(".pdf") { 10 } else { 50 };
        match time_parse(f, runs) {
            Some(d) => println!("| parse {name} | {:.2} ms | {:.0} /s |", d.as_secs_f64() * 1e3, 1.0 / d.as_secs_f64()),
            None => println!("| parse {name} | failed | |"),
        }
    }
    if filter.is_none() || filter.as_deref() == Some("import") {
        import_copies(&sample, 1000);
    }
}

/// Import `n` copies of the sample, each under its own agency name, into a new database.
fn import_copies(sample: &Path, n: usize) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample).unwrap();
    let mut paths = Vec::with_capacity(n);
    for i in 0..n {
        let p = dir.path().join(format!("copy-{i:05}.txt"));
        std::fs::write(&p, text.replacen("淄博市公安局2020年", &format!("测试{i}号淄博市公安局2020年"), 1)).unwrap();
        paths.push(p);
    }
    let db = dir.path().join("bench.db");
    let limits = Limits::default();
    let overrides = Overrides::default();
    let t = Instant::now();
    let mut store = Store::open(&db, Access::ReadWrite).unwrap();
    // As `xxgk import` does: batched transactions, a savepoint per report.
    store.begin_batch().unwrap();
    for p in &paths {
        let parsed = parse_file(p, &limits, &overrides).unwrap();
        store.import(&parsed, false).unwrap();
    }
    store.commit_batch().unwrap();
    drop(store);
    let d = t.elapsed();
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(db.with_extension("db-wal")).map(|m| m.len()).unwrap_or(0);
    println!(
        "| import {n} copies of the sample (parse + check + store) | {:.0} ms total | {:.0} reports/s |",
        d.as_secs_f64() * 1e3,
        n as f64 / d.as_secs_f64()
    );
    println!("| database size per report | {:.1} KB | |", size as f64 / n as f64 / 1024.0);

    // The writer alone: everything parsed first, then stored.
    let parsed: Vec<_> = paths.iter().map(|p| parse_file(p, &limits, &overrides).unwrap()).collect();
    let db2 = dir.path().join("bench-store.db");
    let t = Instant::now();
    let mut store = Store::open(&db2, Access::ReadWrite).unwrap();
    store.begin_batch().unwrap();
    for p in &parsed {
        store.import(p, false).unwrap();
    }
    store.commit_batch().unwrap();
    drop(store);
    let d = t.elapsed();
    println!("| store {n} parsed reports (the single writer) | {:.0} ms total | {:.0} reports/s |", d.as_secs_f64() * 1e3, n as f64 / d.as_secs_f64());
}
