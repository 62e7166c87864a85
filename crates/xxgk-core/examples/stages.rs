//! Time each stage of parsing one file in process, for finding where the time goes:
//! `cargo run --release -p xxgk-core --example stages -- FILE [N]`. Each stage runs N
//! times on the output of the stage before; the fastest of ten batches is printed.

use std::path::PathBuf;
use std::time::Instant;

use xxgk_core::extract;
use xxgk_core::parse::{sha256_hex, Derived};
use xxgk_core::source::{self, Limits};

/// The allocator the `xxgk` binary runs with.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Microseconds per call of `f`: the fastest of ten batches of `n / 10` calls.
fn time<T>(n: usize, mut f: impl FnMut() -> T) -> f64 {
    let batch = n.div_ceil(10).max(1);
    (0..10)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                std::hint::black_box(f());
            }
            t.elapsed().as_secs_f64() * 1e6 / batch as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: stages FILE [N]"));
    let n: usize = args.next().map_or(20_000, |s| s.parse().expect("N is a number"));
    let limits = Limits::default();
    let bytes = source::read_file(&path, &limits).expect("readable");
    let (_, doc) = source::read_bytes(&bytes, &path, &limits).expect("a document");
    let report = extract::extract(&doc, &path);
    let index = report.index();
    let meta = extract::meta::extract(&doc, &path);
    // STAGE=tables (or reader, claims): run that stage alone, for `perf record`.
    if let Ok(stage) = std::env::var("STAGE") {
        for _ in 0..n {
            match stage.as_str() {
                "tables" => drop(std::hint::black_box(extract::read_tables(&doc))),
                "reader" => drop(std::hint::black_box(source::read_bytes(&bytes, &path, &limits).ok())),
                "claims" => drop(std::hint::black_box(extract::claims::extract(doc.paragraphs(), report.year))),
                other => panic!("no stage {other}"),
            }
        }
        return;
    }
    let stages: Vec<(&str, f64)> = vec![
        ("read the file", time(n, || source::read_file(&path, &limits).ok())),
        ("sha256", time(n, || sha256_hex(&bytes))),
        ("reader (bytes → document)", time(n, || source::read_bytes(&bytes, &path, &limits).ok())),
        ("meta", time(n, || extract::meta::extract(&doc, &path))),
        ("published", time(n, || extract::published::extract(&doc, meta.year))),
        ("tables", time(n, || extract::read_tables(&doc))),
        ("claims", time(n, || extract::claims::extract(doc.paragraphs(), report.year))),
        ("whole extraction", time(n, || extract::extract(&doc, &path))),
        ("cell index", time(n, || report.index().positions().len())),
        ("checks", time(n, || xxgk_core::checks::run_with(&report, &index))),
        ("derived (completeness, metrics)", time(n, || Derived::with(&report, &index))),
        ("drop a report", time(n, || drop(report.clone()))),
    ];
    for (what, us) in stages {
        println!("{us:8.2} µs  {what}");
    }
}
