//! Several processes on one database at once: two imports (disjoint files, then
//! overlapping files) while queries run in a loop. Every process succeeds, every query
//! that runs succeeds, and every report is there exactly once.
//!
//! Nothing here depends on timing. Queries are run at a point the test controls — both
//! imports stopped (`XXGK_TEST_HOLD=commit:N`) with their first reports committed — and
//! then in a loop beside the real concurrent imports, where however many run must all
//! succeed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use rusqlite::Connection;

use crate::common;

fn xxgk(db: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("xxgk"));
    c.arg("--db").arg(db).env_remove("XXGK_DB").env_remove("XXGK_TEST_HOLD").stdin(Stdio::null());
    c
}

/// Start imports of each path list at once, each told to stop after committing `n`
/// reports; return once all of them say they hold there (the children are still alive).
fn imports_held_after(db: &Path, lists: &[Vec<PathBuf>], n: usize) -> Vec<std::process::Child> {
    let mut children: Vec<std::process::Child> = lists
        .iter()
        .map(|paths| {
            xxgk(db)
                .arg("import")
                .args(paths)
                .env("XXGK_TEST_HOLD", format!("commit:{n}"))
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, child) in children.iter_mut().enumerate() {
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut said = Vec::new();
        let held = stderr.lines().map_while(Result::ok).any(|l| {
            let hit = l.starts_with("xxgk: holding");
            said.push(l);
            hit
        });
        assert!(held, "import {i} ended without holding after commit {n}:\n{}", said.join("\n"));
    }
    children
}

/// Queries on a database that two paused imports hold open: each must succeed and see
/// exactly the reports committed so far.
fn queries_see(db: &Path, reports: usize) {
    for args in [&["reports", "--format", "csv"][..], &["trend", "applications", "--format", "csv"][..]] {
        let out = xxgk(db).args(args).output().unwrap();
        ok(&format!("xxgk {}", args[0]), &out);
        // A header line, then one line per report (each report has one applications value).
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            reports + 1,
            "xxgk {} while the imports hold",
            args[0]
        );
    }
}

/// Copies of the sample for agencies `prefix{i}`, in their own directory.
fn reports(dir: &Path, prefix: &str, n: usize) -> PathBuf {
    let sample = std::fs::read_to_string(common::repo().join("examples/zibo-psb-2020.txt")).unwrap();
    let src = dir.join(prefix);
    std::fs::create_dir(&src).unwrap();
    for i in 0..n {
        let text = sample.replacen("淄博市公安局2020年", &format!("{prefix}{i}号淄博市公安局2020年"), 1);
        std::fs::write(src.join(format!("{prefix}{i:03}.txt")), text).unwrap();
    }
    src
}

fn ok(what: &str, out: &Output) {
    assert!(out.status.success(), "{what}: exit {:?}\n{}", out.status.code(), String::from_utf8_lossy(&out.stderr));
}

/// Queries in a loop until `stop` (the database exists already); each must exit 0.
/// Returns how many ran.
fn query_loop(db: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut n = 0;
        while !stop.load(Ordering::SeqCst) {
            for args in [&["reports", "--format", "csv"][..], &["trend", "applications", "--format", "csv"][..]] {
                let out = xxgk(&db).args(args).output().unwrap();
                ok(&format!("xxgk {} during the imports", args[0]), &out);
                n += 1;
            }
        }
        n
    })
}

/// Run imports of each path list at once, with queries alongside; return their outputs.
fn imports_at_once(db: &Path, lists: &[Vec<PathBuf>]) -> (Vec<Output>, usize) {
    let stop = Arc::new(AtomicBool::new(false));
    let queries = query_loop(db.to_path_buf(), stop.clone());
    let children: Vec<_> = lists
        .iter()
        .map(|paths| xxgk(db).arg("import").args(paths).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap())
        .collect();
    let outs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
    stop.store(true, Ordering::SeqCst);
    (outs, queries.join().expect("a query failed during the imports"))
}

/// (reports, distinct agency+year pairs, every report has all its cells)
fn counts(db: &Path) -> (i64, i64, bool) {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let n: i64 = conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).unwrap();
    let distinct: i64 =
        conn.query_row("SELECT count(*) FROM (SELECT DISTINCT agency, year FROM reports)", [], |r| r.get(0)).unwrap();
    let whole: i64 = conn
        .query_row(
            "SELECT count(*) FROM reports r WHERE (SELECT count(*) FROM cells c WHERE c.report_id = r.report_id) = 198",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (n, distinct, whole == n)
}

#[test]
fn two_imports_of_disjoint_files_into_a_new_database_with_queries_alongside() {
    let dir = tempfile::tempdir().unwrap();
    let a = reports(dir.path(), "甲", 150);
    let b = reports(dir.path(), "乙", 150);
    let db = dir.path().join("x.db");
    // Both imports create the database together and stop after 40 reports each.
    let held = imports_held_after(&db, &[vec![a.clone()], vec![b.clone()]], 40);
    queries_see(&db, 80);
    for mut child in held {
        child.kill().unwrap();
        child.wait().unwrap();
    }
    assert_eq!(counts(&db), (80, 80, true));
    // Run both again at once to the end, with queries in a loop beside them.
    let (outs, queries) = imports_at_once(&db, &[vec![a], vec![b]]);
    for (i, out) in outs.iter().enumerate() {
        ok(&format!("import {i}"), out);
    }
    assert_eq!(counts(&db), (300, 300, true));
    eprintln!("{queries} queries ran beside the imports, all succeeded");
}

#[test]
fn two_imports_of_overlapping_files_store_each_report_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = reports(dir.path(), "丙", 100);
    let shared = reports(dir.path(), "丁", 100);
    let b = reports(dir.path(), "戊", 100);
    let db = dir.path().join("x.db");
    // Seed the database so the queries have something to read from the start.
    ok("seed", &xxgk(&db).arg("import").arg(common::repo().join("examples/zibo-psb-2020.txt")).output().unwrap());
    // The shared files come first for one process and last for the other, so both
    // processes write them at the same time.
    let (outs, queries) = imports_at_once(&db, &[vec![shared.clone(), a], vec![b, shared.clone()]]);
    for (i, out) in outs.iter().enumerate() {
        ok(&format!("import {i}"), out);
    }
    assert_eq!(counts(&db), (301, 301, true));
    eprintln!("{queries} queries ran beside the imports, all succeeded");
    // And the same directory twice at once.
    let (outs, _) = imports_at_once(&db, &[vec![shared.clone()], vec![shared]]);
    for (i, out) in outs.iter().enumerate() {
        ok(&format!("repeat import {i}"), out);
    }
    assert_eq!(counts(&db), (301, 301, true));
}
