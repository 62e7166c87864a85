//! Crash safety: an import killed with SIGKILL at any moment leaves a sound database in
//! which every report present is complete (all its cells, checks, claims and metrics),
//! and running the same import again finishes the job with each report exactly once.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;

const REPORTS: usize = 300;

fn xxgk(db: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("xxgk"));
    c.arg("--db").arg(db).env_remove("XXGK_DB").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

/// `REPORTS` copies of the sample, each for its own agency (测试{i}号淄博市公安局).
fn reports(dir: &Path) -> PathBuf {
    let sample = std::fs::read_to_string(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join("examples/zibo-psb-2020.txt")).unwrap();
    let src = dir.join("in");
    std::fs::create_dir(&src).unwrap();
    for i in 0..REPORTS {
        let text = sample.replacen("淄博市公安局2020年", &format!("测试{i}号淄博市公安局2020年"), 1);
        assert_ne!(text, sample);
        std::fs::write(src.join(format!("r{i:03}.txt")), text).unwrap();
    }
    src
}

/// Reports committed so far, seen through a read-only connection (0 when unreadable).
fn committed(db: &Path) -> usize {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM reports", [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| n as usize)
}

/// Per report: agency, cells, check results, claims, metrics.
fn contents(db: &Path) -> Vec<(String, i64, i64, i64, i64)> {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).unwrap();
    if tables == 0 {
        // Killed before the schema was committed: an empty file, which the next import sets up.
        return Vec::new();
    }
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "dangling rows");
    let mut stmt = conn
        .prepare(
            "SELECT r.agency,
                (SELECT count(*) FROM cells c WHERE c.report_id = r.report_id),
                (SELECT count(*) FROM check_results k WHERE k.report_id = r.report_id),
                (SELECT count(*) FROM claims c WHERE c.report_id = r.report_id),
                (SELECT count(*) FROM report_metrics m WHERE m.report_id = r.report_id)
             FROM reports r ORDER BY r.agency",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).unwrap();
    let out: Vec<_> = rows.collect::<rusqlite::Result<_>>().unwrap();
    // Nothing belongs to no report.
    for table in ["cells", "check_results", "claims", "report_metrics"] {
        let orphans: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table} WHERE report_id NOT IN (SELECT report_id FROM reports)"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(orphans, 0, "orphan rows in {table}");
    }
    out
}

#[test]
fn an_import_killed_at_any_moment_leaves_whole_reports_and_resumes() {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let src = reports(dir.path());

    // What one complete report holds, from a full parse of one file.
    let parsed = xxgk_core::parse::parse_file(&src.join("r000.txt"), &Default::default(), &Default::default()).unwrap();
    assert_eq!(parsed.report.cells.len(), 198);
    let (cells, checks, claims) = (parsed.report.cells.len() as i64, parsed.checks.len() as i64, parsed.report.claims.len() as i64);
    assert!(checks > 0 && claims > 0);

    // Every report present after a kill must hold exactly this much; the metrics count
    // is taken from the finished import at the end and compared then.
    let mut seen_metrics: Vec<i64> = Vec::new();
    let mut check = |db: &Path, what: &str| -> usize {
        if !db.exists() {
            return 0;
        }
        let got = contents(db);
        for r in &got {
            assert_eq!((r.1, r.2, r.3), (cells, checks, claims), "{what}: {} is incomplete", r.0);
            assert!(r.4 > 0, "{what}: {} has no metrics", r.0);
            seen_metrics.push(r.4);
        }
        got.len()
    };
    let kill_after = |db: &Path, delay: Duration| {
        // A fixed delay, then SIGKILL.
        let mut child = xxgk(db).arg("import").arg(&src).spawn().unwrap();
        std::thread::sleep(delay);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    };

    // Kills early in a fresh database: while it is created, and in the first batch.
    for ms in [20, 45, 80, 130, 200, 300] {
        let db = dir.path().join(format!("early{ms}.db"));
        kill_after(&db, Duration::from_millis(ms));
        check(&db, &format!("killed after {ms} ms"));
    }
    // Kills in the middle: the same import restarted (known files are skipped by sha256)
    // and killed again a little after each batch it commits, then run to completion.
    let db = dir.path().join("x.db");
    let mut progress = vec![0];
    for (round, extra_ms) in [0u64, 35, 90, 160].into_iter().enumerate() {
        let before = *progress.last().unwrap();
        let mut child = xxgk(&db).arg("import").arg(&src).spawn().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        while child.try_wait().unwrap().is_none() && committed(&db) <= before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        std::thread::sleep(Duration::from_millis(extra_ms));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let n = check(&db, &format!("restart {round}"));
        assert!(n >= before, "reports went missing: {progress:?} then {n}");
        progress.push(n);
    }
    let out = xxgk(&db).arg("import").arg(&src).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = contents(&db);
    assert_eq!(got.len(), REPORTS);
    let mut agencies: Vec<&str> = got.iter().map(|r| r.0.as_str()).collect();
    agencies.dedup();
    assert_eq!(agencies.len(), REPORTS, "a report twice");
    let metrics = got[0].4;
    for r in &got {
        assert_eq!((r.1, r.2, r.3, r.4), (cells, checks, claims, metrics), "{}", r.0);
    }
    assert!(seen_metrics.iter().all(|&m| m == metrics), "a report present after a kill lacked metrics rows");
    // At least one kill must have landed mid-import for the test to mean anything.
    assert!(
        progress.iter().any(|&n| n > 0 && n < REPORTS),
        "no kill landed in the middle of an import: {progress:?}"
    );
    eprintln!("reports present after each restart-and-kill: {progress:?}; total {:?}", started.elapsed());
}
