//! An import of 10,000 generated reports killed half-way, then run again, ends with every
//! report in exactly once and complete (issue: scale and speed). `XXGK_RESUME_REPORTS`
//! changes the count for a quicker local run.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use xxgk_synth::{self as synth, Format, Options};

fn xxgk(db: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("xxgk"));
    c.arg("--db").arg(db).env_remove("XXGK_DB").stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    c
}

fn committed(db: &Path) -> usize {
    rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT count(*) FROM reports", [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| n as usize)
}

#[test]
fn a_killed_import_of_10000_reports_resumes_to_exactly_once() {
    let n: usize = std::env::var("XXGK_RESUME_REPORTS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let generated = synth::generate(&Options { reports: n, formats: vec![Format::Txt], seed: 5 });
    let src = dir.path().join("reports");
    std::fs::create_dir(&src).unwrap();
    // Expected cells per (agency, year).
    let mut expected: HashMap<(String, i64), i64> = HashMap::new();
    for g in &generated {
        std::fs::write(src.join(g.file_name()), &g.bytes).unwrap();
        expected.insert((g.agency.clone(), i64::from(g.year)), g.gold["cells"].as_array().unwrap().len() as i64);
    }
    assert_eq!(expected.len(), n, "generated agency-years are distinct");
    let db = dir.path().join("x.db");

    // Kill the import once about half the reports are committed.
    let mut child = xxgk(&db).arg("import").arg(&src).spawn().unwrap();
    let started = Instant::now();
    while committed(&db) < n / 2 {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the import finished ({status}) before it could be killed");
        }
        assert!(started.elapsed() < Duration::from_secs(600), "the import is too slow to reach half-way");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let check = |complete: bool| {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        let mut stmt = conn
            .prepare("SELECT r.agency, r.year, (SELECT count(*) FROM cells c WHERE c.report_id = r.report_id) FROM reports r")
            .unwrap();
        let rows: Vec<(String, i64, i64)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
        for (agency, year, cells) in &rows {
            assert_eq!(Some(cells), expected.get(&(agency.clone(), *year)), "{agency} {year} is incomplete");
        }
        let distinct: std::collections::HashSet<_> = rows.iter().map(|(a, y, _)| (a.clone(), *y)).collect();
        assert_eq!(distinct.len(), rows.len(), "a report is in twice");
        if complete {
            assert_eq!(rows.len(), n);
        } else {
            assert!(rows.len() >= n / 2 && rows.len() < n, "{} reports after the kill", rows.len());
        }
    };
    check(false);

    // Run again: the rest comes in, nothing twice.
    let status = xxgk(&db).arg("import").arg(&src).status().unwrap();
    assert!(status.success());
    check(true);
}
