//! Benchmarks: parse time per corpus file and format (and per Word 97 copy in
//! tests/fixtures/doc), the rate of parsing those `.doc` copies on all cores, and the
//! end-to-end import rate of 1,000 copies of the sample report under distinct agency names.
//!
//! The two HTML readers (html5ever's DOM, the streaming reader) on corpus pages: `cargo bench
//! --bench parse -- html`. The layout-free reader, on the sample and on the corpus PDFs as
//! pdftotext prints them: `cargo bench --bench parse -- stream`.
//!
//! Run with `cargo bench`. Prints a table; numbers are medians of repeated runs (for each
//! parse, also the fastest of ten batches, the figure that holds still on a shared machine).

use std::path::{Path, PathBuf};

/// The allocator the `xxgk` binary runs with (see its `main.rs`): parse times as an import
/// sees them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
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

/// The median of `runs` single parses, and the mean parse of the fastest of ten batches of
/// about 20 ms each: on a shared machine a single parse of a small file is mostly noise
/// (caches, other processes), while the fastest batch says what the code takes.
fn time_parse(path: &Path, runs: usize) -> Option<(Duration, Duration)> {
    let limits = Limits::default();
    let overrides = Overrides::default();
    parse_file(path, &limits, &overrides).ok()?;
    let once = || {
        let t = Instant::now();
        let _ = parse_file(path, &limits, &overrides);
        t.elapsed()
    };
    let single = median((0..runs).map(|_| once()).collect());
    let per_batch = (Duration::from_millis(20).as_nanos() / single.as_nanos().max(1)).clamp(1, 100_000) as u32;
    let fastest = (0..10)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_batch {
                std::hint::black_box(parse_file(path, &limits, &overrides).ok());
            }
            t.elapsed() / per_batch
        })
        .min()
        .unwrap_or(single);
    Some((single, fastest))
}

/// A table row for [`time_parse`]'s answer on `what`.
fn print_parse(what: &str, timed: Option<(Duration, Duration)>) {
    match timed {
        Some((d, best)) => println!(
            "| parse {what} | {:.2} ms (fastest batch: {:.3} ms) | {:.0} /s |",
            d.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e3,
            1.0 / d.as_secs_f64()
        ),
        None => println!("| parse {what} | failed | |"),
    }
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    println!("| what | median | rate |");
    println!("|---|---:|---:|");
    let sample = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("examples/zibo-psb-2020.txt");
    let mut files: Vec<PathBuf> = vec![sample.clone()];
    if let Some(c) = corpus() {
        let mut real: Vec<PathBuf> =
            std::fs::read_dir(c.join("real")).unwrap().filter_map(|e| e.ok().map(|e| e.path())).collect();
        real.sort();
        files.extend(real.into_iter().filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            !name.contains("template") && !name.starts_with("zibo-psb-2020")
        }));
    }
    let docs = doc_fixtures();
    files.extend(docs.iter().cloned());
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        if filter.as_deref().is_some_and(|x| !name.contains(x)) {
            continue;
        }
        let runs = if name.ends_with(".pdf") { 10 } else { 50 };
        print_parse(&name, time_parse(f, runs));
    }
    if filter.is_none() || filter.as_deref() == Some("html") {
        html_readers();
    }
    if filter.is_none() || filter.as_deref() == Some("stream") {
        stream_sample(&sample);
        converter_texts();
    }
    if filter.is_none() || filter.as_deref() == Some("doc") {
        parse_in_parallel(&docs, 2000);
    }
    if filter.is_none() || filter.as_deref() == Some("import") {
        import_copies(&sample, 1000);
    }
}

/// The two HTML readers on the corpus pages, in process (decoding included, extraction
/// not): html5ever's DOM and the streaming reader. Median of 50 runs.
fn html_readers() {
    let Some(c) = corpus() else { return };
    for name in ["pingtan-2023.html", "pingtan-2021.html", "shanghai-office-2019.html"] {
        let bytes = std::fs::read(c.join("real").join(name)).unwrap();
        let time = |f: &dyn Fn()| {
            median(
                (0..50)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        t.elapsed()
                    })
                    .collect(),
            )
        };
        let dom = time(&|| {
            std::hint::black_box(xxgk_core::source::html::read_dom(&bytes).ok());
        });
        let stream = time(&|| {
            std::hint::black_box(xxgk_core::source::html::read_stream(&bytes).ok());
        });
        for (what, d) in [("html5ever DOM", dom), ("streaming reader", stream)] {
            println!("| read {name}, {what} | {:.3} ms | {:.0} /s |", d.as_secs_f64() * 1e3, 1.0 / d.as_secs_f64());
        }
    }
}

/// The layout-free reading of the sample's tables (`extract::stream`), on its document as
/// the text reader gives it and as space-separated rows (the layout the stream reader exists
/// for): median of 200 runs.
fn stream_sample(sample: &Path) {
    let bytes = std::fs::read(sample).unwrap();
    let doc = xxgk_core::source::text::read(&bytes).unwrap();
    // The sample's tables as rows of space-separated cells.
    let mut spaced = String::new();
    for b in &doc.blocks {
        match b {
            xxgk_core::source::Block::Paragraph(p) => spaced.push_str(p.trim()),
            xxgk_core::source::Block::Table(t) => {
                for r in &t.rows {
                    let cells: Vec<String> = r
                        .iter()
                        .filter(|c| !c.text.trim().is_empty())
                        .map(|c| c.text.split_whitespace().collect())
                        .collect();
                    spaced.push_str(&cells.join(" "));
                    spaced.push('\n');
                }
            }
            xxgk_core::source::Block::Break => {}
        }
        spaced.push('\n');
    }
    let spaced_doc = xxgk_core::source::text::read(spaced.as_bytes()).unwrap();
    for (what, doc) in [("the sample's document", &doc), ("the sample as space-separated rows", &spaced_doc)] {
        let cells = xxgk_core::extract::stream::extract(doc).cells.len();
        let d = median(
            (0..200)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(xxgk_core::extract::stream::extract(doc));
                    t.elapsed()
                })
                .collect(),
        );
        println!(
            "| layout-free reading of {what} ({cells} cells) | {:.3} ms | {:.0} /s |",
            d.as_secs_f64() * 1e3,
            1.0 / d.as_secs_f64()
        );
    }
}

/// The corpus PDFs as converters print them, parsed whole as `xxgk import` parses a text:
/// `pdftotext -layout` (laid out by spaces) and `pdftotext` without options (a page text),
/// the reports the layout-free reader exists for. Skipped without pdftotext.
fn converter_texts() {
    let Some(c) = corpus() else { return };
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(c.join("real"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let dir = std::env::temp_dir().join(format!("xxgk-bench-texts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    'pdfs: for pdf in &pdfs {
        let stem = pdf.file_stem().unwrap().to_string_lossy();
        for (kind, options) in [("layout", &["-layout"][..]), ("page", &[][..])] {
            let text = dir.join(format!("{stem}.pdf.{kind}.txt"));
            let made = std::process::Command::new("pdftotext")
                .args(options)
                .args(["-enc", "UTF-8"])
                .arg(pdf)
                .arg(&text)
                .status()
                .is_ok_and(|s| s.success());
            if !made {
                println!("| parse converter texts | pdftotext failed or is missing | |");
                break 'pdfs;
            }
            print_parse(&format!("{stem}.pdf as pdftotext {kind} text"), time_parse(&text, 50));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The Word 97 copies of the corpus reports (tests/fixtures/doc).
fn doc_fixtures() -> Vec<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("tests/fixtures/doc");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "doc" || e == "wps"))
        // Reports only: floating.doc is a layout sample.
        .filter(|p| !p.to_string_lossy().contains("floating"))
        .collect();
    out.sort();
    out
}

/// Parse `n` files (the given ones, round robin) on all cores, as `xxgk import` parses:
/// read, sha256, read the document, extract, check.
fn parse_in_parallel(files: &[PathBuf], n: usize) {
    use rayon::prelude::*;
    if files.is_empty() {
        return;
    }
    let limits = Limits::default();
    let overrides = Overrides::default();
    let mut rates = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..5 {
        let (t, c) = (Instant::now(), cpu_time());
        let ok =
            (0..n).into_par_iter().filter(|i| parse_file(&files[i % files.len()], &limits, &overrides).is_ok()).count();
        assert_eq!(ok, n);
        rates.push(t.elapsed());
        if let (Some(a), Some(b)) = (c, cpu_time()) {
            cpu.push(b.saturating_sub(a));
        }
    }
    let d = median(rates);
    let threads = rayon::current_num_threads();
    println!(
        "| parse {n} .doc/.wps reports on {threads} threads | {:.0} ms total | {:.0} reports/s |",
        d.as_secs_f64() * 1e3,
        n as f64 / d.as_secs_f64()
    );
    // On a shared machine the wall clock also counts other processes' turns; the CPU time
    // this process used says what the cores would do if they were free.
    if !cpu.is_empty() {
        let c = median(cpu);
        println!(
            "| CPU time per .doc report (parse + extract + check) | {:.2} ms | {:.0} reports/s on {threads} free cores |",
            c.as_secs_f64() * 1e3 / n as f64,
            threads as f64 * n as f64 / c.as_secs_f64()
        );
    }
}

/// CPU time (user + system) this process has used so far, from /proc (Linux only).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime is the 12th, stime
    // the 13th, in clock ticks (100 a second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
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
    println!(
        "| store {n} parsed reports (the single writer) | {:.0} ms total | {:.0} reports/s |",
        d.as_secs_f64() * 1e3,
        n as f64 / d.as_secs_f64()
    );
}
