//! Crash safety: an import killed with SIGKILL leaves a sound database in which every
//! report present is complete (all its cells, checks, claims and metrics), and running the
//! same import again finishes the job with each report exactly once.
//!
//! The kills land at points the test chooses, never after a delay: `XXGK_TEST_HOLD`
//! makes the importer stop after committing its N-th report (`commit:N`) or inside the
//! savepoint of its N-th report with the batch open (`savepoint:N`), say so on stderr,
//! and wait. The test reads that line, then kills.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rusqlite::Connection;

const REPORTS: usize = 300;

fn xxgk(db: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("xxgk"));
    c.arg("--db").arg(db).env_remove("XXGK_DB").env_remove("XXGK_TEST_HOLD").stdin(Stdio::null()).stdout(Stdio::null());
    c
}

/// `REPORTS` copies of the sample, each for its own agency (测试{i}号淄博市公安局).
fn reports(dir: &Path) -> PathBuf {
    let sample = std::fs::read_to_string(common::repo().join("examples/zibo-psb-2020.txt")).unwrap();
    let src = dir.join("in");
    std::fs::create_dir(&src).unwrap();
    for i in 0..REPORTS {
        let text = sample.replacen("淄博市公安局2020年", &format!("测试{i}号淄博市公安局2020年"), 1);
        assert_ne!(text, sample);
        std::fs::write(src.join(format!("r{i:03}.txt")), text).unwrap();
    }
    src
}

/// Run `xxgk import src` until it reports holding at `hold`, then SIGKILL it.
fn import_and_kill_at(db: &Path, src: &Path, hold: &str) {
    let mut child = xxgk(db).arg("import").arg(src).env("XXGK_TEST_HOLD", hold).stderr(Stdio::piped()).spawn().unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut said = Vec::new();
    let held = BufReader::new(stderr).lines().map_while(Result::ok).any(|line| {
        let hit = line.starts_with("xxgk: holding");
        said.push(line);
        hit
    });
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(held, "the import ended ({status}) without reaching {hold}; it said:\n{}", said.join("\n"));
}

/// Per report: agency, cells, check results, claims, metrics; after checking that the
/// file is sound and nothing belongs to no report.
fn contents(db: &Path) -> Vec<(String, i64, i64, i64, i64)> {
    let conn = Connection::open(db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(fk, 0, "dangling rows");
    let mut stmt = conn
        .prepare(
            "SELECT r.agency,
                (SELECT count(*) FROM cell_data c WHERE c.cell_key BETWEEN r.report_id * 1024 AND r.report_id * 1024 + 1023),
                (SELECT count(*) FROM check_results k WHERE k.report_id = r.report_id)
                  + (SELECT coalesce(sum(results), 0) FROM check_runs k WHERE k.report_id = r.report_id),
                (SELECT count(*) FROM claims c WHERE c.report_id = r.report_id),
                (SELECT count(*) FROM report_metrics m WHERE m.report_id = r.report_id)
             FROM reports r ORDER BY r.agency",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).unwrap();
    let out: Vec<_> = rows.collect::<rusqlite::Result<_>>().unwrap();
    for table in ["cells", "check_results", "check_runs", "claims", "report_metrics"] {
        let orphans: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE report_id NOT IN (SELECT report_id FROM reports)"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "orphan rows in {table}");
    }
    // The key ranges of cell_data and metric_data, which no foreign key guards.
    for sql in [
        "SELECT count(*) FROM cell_data WHERE (cell_key >> 10) NOT IN (SELECT report_id FROM reports)",
        "SELECT count(*) FROM metric_data WHERE (metric_key & 4294967295) NOT IN (SELECT report_id FROM reports)",
    ] {
        let orphans: i64 = conn.query_row(sql, [], |r| r.get(0)).unwrap();
        assert_eq!(orphans, 0, "{sql}");
    }
    out
}

#[test]
fn an_import_killed_at_chosen_points_leaves_whole_reports_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let src = reports(dir.path());

    // What one complete report holds: from the finished import at the end, every report
    // must hold the same; reports seen after a kill must too.
    let parsed = xxgk_core::parse::parse_file(&src.join("r000.txt"), &Default::default(), &Default::default()).unwrap();
    let (cells, checks, claims) =
        (parsed.report.cells.len() as i64, parsed.checks.len() as i64, parsed.report.claims.len() as i64);
    assert_eq!(cells, 198);
    assert!(checks > 0 && claims > 0);
    let whole = |db: &Path, what: &str| -> Vec<i64> {
        let got = contents(db);
        for r in &got {
            assert_eq!((r.1, r.2, r.3), (cells, checks, claims), "{what}: {} is incomplete", r.0);
            assert!(r.4 > 0, "{what}: {} has no metrics", r.0);
        }
        got.iter().map(|r| r.4).collect()
    };
    let mut metrics_seen = Vec::new();

    // A new database, killed inside the first report's savepoint: the schema is there,
    // no report is.
    let db = dir.path().join("first.db");
    import_and_kill_at(&db, &src, "savepoint:1");
    assert_eq!(whole(&db, "killed in report 1's savepoint").len(), 0);

    // One database, killed after chosen commits, then in the middle of a batch, then run
    // to the end. Files already in are skipped by sha256, so each run goes on where the
    // last one stopped.
    let db = dir.path().join("x.db");
    let mut present = 0;
    for (hold, adds) in [("commit:1", 1), ("commit:37", 37), ("commit:150", 150)] {
        import_and_kill_at(&db, &src, hold);
        present += adds;
        let m = whole(&db, &format!("killed at {hold}"));
        assert_eq!(m.len(), present, "killed at {hold}");
        metrics_seen.extend(m);
    }
    // The 20th report of this run is written into its savepoint, its batch (reports 1–20
    // of this run) open: the kill loses the whole batch and nothing else.
    import_and_kill_at(&db, &src, "savepoint:20");
    let m = whole(&db, "killed in a batch");
    assert_eq!(m.len(), present, "a kill inside a batch kept part of it");
    metrics_seen.extend(m);

    let out = xxgk(&db).arg("import").arg(&src).stderr(Stdio::piped()).output().unwrap();
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
    assert!(metrics_seen.iter().all(|&m| m == metrics), "a report present after a kill lacked metrics rows");
}
