//! An import of 2,000 generated reports (several batches) killed after a chosen commit
//! part-way through a batch, then run again, ends with every report in exactly once and
//! complete. `XXGK_RESUME_REPORTS` changes the count (e.g. 10000 for a longer run); the
//! kill lands after commit `n * 5 / 8`, which `XXGK_TEST_HOLD` makes the importer stop at.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use xxgk_synth::{self as synth, Format, Options};

fn xxgk(db: &Path) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("xxgk"));
    c.arg("--db")
        .arg(db)
        .env_remove("XXGK_DB")
        .env_remove("XXGK_TEST_HOLD")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn a_killed_import_of_2000_reports_resumes_to_exactly_once() {
    let n: usize = std::env::var("XXGK_RESUME_REPORTS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
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

    // Kill the import after its commit of report n·5/8 (a batch boundary forced there, past
    // the count-sized batches before it).
    let stop_at = n * 5 / 8;
    let mut child = xxgk(&db)
        .arg("import")
        .arg(&src)
        .env("XXGK_TEST_HOLD", format!("commit:{stop_at}"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let held = BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map_while(Result::ok)
        .any(|l| l.starts_with("xxgk: holding"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(held, "the import ended before committing {stop_at} reports");

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
            assert_eq!(rows.len(), stop_at, "reports after the kill");
        }
    };
    check(false);

    // Run again: the rest comes in, nothing twice.
    let status = xxgk(&db).arg("import").arg(&src).status().unwrap();
    assert!(status.success());
    check(true);
}
