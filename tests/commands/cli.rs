//! The command line end to end on the sample report: every command, every format,
//! re-import, bad input, and the arithmetic checks failing on a broken copy.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn sample() -> PathBuf {
    common::repo().join("examples/zibo-psb-2020.txt")
}

fn xxgk(db: &Path) -> Command {
    let mut c = Command::cargo_bin("xxgk").unwrap();
    c.arg("--db").arg(db).env_remove("XXGK_DB");
    c
}

/// A fresh database with the sample imported.
fn imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(sample()).assert().success();
    (dir, db)
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(out)))
}

#[test]
fn trend_applications_shows_stated_growth_and_implied_previous() {
    let (_d, db) = imported();
    let out = xxgk(&db).args(["trend", "applications", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let rows = json(&out.stdout);
    let row = &rows[0];
    assert_eq!(row["agency"], "淄博市公安局");
    assert_eq!(row["year"], 2020);
    assert_eq!(row["value"], 15);
    assert_eq!(row["stated_change_pct"], 25);
    assert_eq!(row["implied_previous"], 12);
    assert_eq!(row["previous_value"], serde_json::Value::Null);
}

#[test]
fn claims_restating_the_table_pass_r7() {
    let (_d, db) = imported();
    let out = xxgk(&db).args(["claims", "--format", "json"]).output().unwrap();
    let rows = json(&out.stdout);
    let find = |s: &str| {
        rows.as_array().unwrap().iter().find(|r| r["subject"] == s).cloned().unwrap_or_else(|| panic!("no claim {s}"))
    };
    for (subject, value) in [
        ("applications.granted.total", 2),
        ("applications.partial.total", 1),
        ("applications.unable.total", 12),
        ("applications.new_received.total", 15),
    ] {
        let c = find(subject);
        assert_eq!(c["stated_value"], value, "{subject}");
        assert_eq!(c["table_value"], value, "{subject}");
        assert_eq!(c["value_check"], "pass", "{subject}");
    }
}

#[test]
fn r1_to_r4_pass_on_the_sample() {
    let (_d, db) = imported();
    let out = xxgk(&db).args(["check", "--format", "json"]).output().unwrap();
    let rows = json(&out.stdout);
    for rule in ["R1", "R2", "R3", "R4"] {
        let of_rule: Vec<_> = rows.as_array().unwrap().iter().filter(|r| r["rule"] == rule).collect();
        assert!(!of_rule.is_empty(), "{rule} did not run");
        assert!(of_rule.iter().all(|r| r["status"] == "pass"), "{rule}: {of_rule:?}");
    }
}

/// The sample with chosen value lines changed: (label line, which value after it, new text).
fn broken_copy(dir: &Path, edits: &[(&str, usize, &str)]) -> PathBuf {
    let text = std::fs::read_to_string(sample()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (label, nth, new) in edits {
        let at = lines.iter().rposition(|l| l.contains(label)).unwrap_or_else(|| panic!("no line {label}"));
        let value_lines: Vec<usize> =
            (at + 1..lines.len()).filter(|&i| lines[i].starts_with('\t') && !lines[i].trim().is_empty()).collect();
        lines[value_lines[*nth]] = format!("\t{new}");
    }
    let path = dir.join("broken-2020.txt");
    std::fs::write(&path, lines.join("\n")).unwrap();
    path
}

#[test]
fn each_rule_fails_on_a_broken_copy_with_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let broken = broken_copy(
        dir.path(),
        &[
            ("一、本年新收", 0, "16"),  // natural_person 15 → 16: R1 (natural_person) and R2 (new_received)
            ("（一）予以公开", 0, "3"), // granted natural_person 2 → 3 …
            ("（一）予以公开", 6, "3"), // … and its total 2 → 3: R2 holds, R3 fails (natural_person, total)
            ("总计", 4, "5"),           // table 四: review total 1 → 5: R4 (review)
        ],
    );
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(&broken).assert().success();
    let out = xxgk(&db).args(["check", "--failures", "--format", "json"]).output().unwrap();
    let rows = json(&out.stdout);
    let fail = |rule: &str, scope: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["rule"] == rule && r["scope"] == scope)
            .cloned()
            .unwrap_or_else(|| panic!("{rule} {scope} did not fail: {rows:#}"))
    };
    let r1 = fail("R1", "natural_person");
    assert_eq!((r1["lhs"].as_f64(), r1["rhs"].as_f64()), (Some(16.0), Some(15.0)));
    let r2 = fail("R2", "new_received");
    assert_eq!((r2["lhs"].as_f64(), r2["rhs"].as_f64()), (Some(15.0), Some(16.0)));
    let r3 = fail("R3", "total");
    assert_eq!((r3["lhs"].as_f64(), r3["rhs"].as_f64()), (Some(15.0), Some(16.0)));
    let r4 = fail("R4", "review");
    assert_eq!((r4["lhs"].as_f64(), r4["rhs"].as_f64()), (Some(5.0), Some(1.0)));
}

#[test]
fn reimport_changes_nothing() {
    let (_d, db) = imported();
    let before = common::dump(&db);
    xxgk(&db).arg("import").arg(sample()).assert().success().stdout(predicate::str::contains("unchanged"));
    assert_eq!(before, common::dump(&db));
}

#[test]
fn garbage_and_empty_files_fail_and_leave_the_database_unchanged() {
    let (dir, db) = imported();
    let garbage = dir.path().join("garbage.txt");
    std::fs::write(&garbage, [0u8, 159, 146, 150, 1, 2, 3, 255, 254]).unwrap();
    let empty = dir.path().join("empty.html");
    std::fs::write(&empty, b"").unwrap();
    let before = common::dump(&db);
    for bad in [&garbage, &empty] {
        xxgk(&db)
            .arg("import")
            .arg(bad)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(bad.file_name().unwrap().to_str().unwrap()));
        assert_eq!(before, common::dump(&db), "{}", bad.display());
    }
}

#[test]
fn a_failed_import_into_a_new_database_creates_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    xxgk(&db).arg("import").arg(&empty).assert().code(1).stderr(predicate::str::contains("empty"));
    assert!(!db.exists());
}

#[test]
fn another_file_for_the_same_agency_and_year_needs_replace() {
    let (dir, db) = imported();
    let copy = broken_copy(dir.path(), &[("一、本年新收", 0, "16")]);
    let before = common::dump(&db);
    xxgk(&db).arg("import").arg(&copy).assert().code(1).stderr(predicate::str::contains("--replace"));
    assert_eq!(before, common::dump(&db));
    xxgk(&db).args(["import", "--replace"]).arg(&copy).assert().success().stdout(predicate::str::contains("replaced"));
}

#[test]
fn every_command_in_every_format() {
    let (_d, db) = imported();
    let commands: Vec<Vec<&str>> = vec![
        vec!["reports"],
        vec!["show", "1"],
        vec!["show", "淄博市公安局", "2020", "--keys"],
        vec!["check"],
        vec!["trend", "applications"],
        vec!["claims"],
        vec!["metrics"],
        vec!["trend", "applications", "--by", "province"],
        vec!["compare", "2019", "2020", "--metric", "applications", "--metric", "permits"],
        vec!["rank", "permits", "--year", "2020"],
        vec!["agencies"],
        vec!["inspect", "examples/zibo-psb-2020.txt"],
        vec!["sql", "SELECT agency, year, value FROM cell_values WHERE row_key = 'new_received' AND col_key = 'total'"],
    ];
    for cmd in &commands {
        for format in ["table", "csv", "tsv", "json", "jsonl", "md"] {
            let out = xxgk(&db).current_dir(common::repo()).args(cmd).args(["--format", format]).output().unwrap();
            assert!(out.status.success(), "{cmd:?} {format}: {}", String::from_utf8_lossy(&out.stderr));
            let text = String::from_utf8(out.stdout).unwrap();
            let expect = match cmd[0] {
                "metrics" => "disclosure_rate",
                "inspect" => "new_received",
                _ if cmd.get(3) == Some(&"province") => "山东省",
                _ => "淄博市公安局",
            };
            let expect = if cmd[0] == "show" && matches!(format, "csv" | "tsv") { "new_received" } else { expect };
            assert!(text.contains(expect), "{cmd:?} {format}: {text}");
            match format {
                "json" => {
                    json(text.as_bytes());
                }
                "jsonl" => text.lines().for_each(|l| {
                    json(l.as_bytes());
                }),
                "csv" | "tsv" => assert!(!text.contains('┆'), "{cmd:?} {format} is decorated"),
                _ => {}
            }
        }
    }
}

/// `check` prints more than 1,000 rows as tables of 1,000 rows: the first is exactly the
/// table `--limit 1000` prints (one table of every row it keeps), and together they hold
/// every row the CSV holds.
#[test]
fn check_prints_a_long_table_in_tables_of_a_thousand_rows() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let text = std::fs::read_to_string(sample()).unwrap();
    for i in 0..30 {
        let copy = text.replacen("淄博市公安局2020年", &format!("测试{i}号淄博市公安局2020年"), 1);
        std::fs::write(reports.join(format!("r{i:02}.txt")), copy).unwrap();
    }
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(&reports).assert().success();
    let out = |args: &[&str]| String::from_utf8(xxgk(&db).args(args).output().unwrap().stdout).unwrap();
    let csv_rows = out(&["check", "-f", "csv"]).lines().count() - 1;
    assert!(csv_rows > 1000 && csv_rows < 2000, "{csv_rows} results: two tables");
    let tables = out(&["check"]);
    let first = out(&["check", "--limit", "1000"]);
    assert!(tables.starts_with(&first), "the first table is the one --limit 1000 prints");
    assert_eq!(tables.matches("│ report_id ┆").count(), 2, "a header per table");
    let data_rows = tables.lines().filter(|l| l.starts_with('│') && !l.contains("report_id")).count();
    assert_eq!(data_rows, csv_rows);
}

#[test]
fn csv_with_bom() {
    let (_d, db) = imported();
    let out = xxgk(&db).args(["reports", "--format", "csv", "--bom"]).output().unwrap();
    assert!(out.stdout.starts_with(b"\xEF\xBB\xBFreport_id,agency_id,agency,year"));
}

#[test]
fn exit_codes() {
    let (dir, db) = imported();
    xxgk(&db).args(["trend", "no_such_metric"]).assert().code(2).stderr(predicate::str::contains("known metrics"));
    xxgk(&db).args(["show", "99"]).assert().code(4);
    xxgk(&db).args(["frobnicate"]).assert().code(2);
    xxgk(&dir.path().join("missing.db"))
        .arg("reports")
        .assert()
        .code(3)
        .stderr(predicate::str::contains("no database"));
    // A database from a newer xxgk is refused.
    let newer = dir.path().join("newer.db");
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    xxgk(&newer).arg("import").arg(sample()).assert().code(3).stderr(predicate::str::contains("newer xxgk"));
    // Not a SQLite file at all.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"this is not a database, just text that is long enough to be read as a header").unwrap();
    xxgk(&junk).arg("reports").assert().code(3);
}

#[test]
fn sql_is_read_only_unless_write() {
    let (_d, db) = imported();
    xxgk(&db).args(["sql", "DELETE FROM reports"]).assert().failure();
    assert!(common::dump(&db).contains("淄博市公安局"));
}

/// `sql`, `reports`, `claims`, `check`, `agencies`, `trend` and `compare` write rows out as
/// they come, `--columns` and `--limit` applied row by row: the same bytes as when every
/// row is gathered first (`-o FILE` gathers them), in every format; SQL that fails while it
/// runs exits 2 with SQLite's reason, after the rows before the failure.
#[test]
fn listings_stream_what_they_would_gather() {
    let (d, db) = imported();
    let query = "SELECT * FROM cell_values ORDER BY tbl, row_key, col_key";
    let commands: [&[&str]; 7] = [
        &["sql", query],
        &["reports"],
        &["claims"],
        &["check"],
        &["agencies"],
        &["trend", "applications"],
        &["compare", "2019", "2020"],
    ];
    let asks: [&[&str]; 4] = [&[], &["--limit", "3"], &["--columns", "agency"], &["--limit", "0"]];
    let gathered_file = d.path().join("gathered.out");
    for command in commands {
        for ask in asks {
            if command[0] == "sql" && ask.contains(&"--columns") {
                continue;
            }
            for format in ["table", "csv", "tsv", "json", "jsonl", "md"] {
                let what = format!("{command:?} {ask:?} {format}");
                let streamed = xxgk(&db).args(command).args(ask).args(["-f", format]).output().unwrap();
                let gathered =
                    xxgk(&db).args(command).args(ask).args(["-f", format, "-o"]).arg(&gathered_file).output().unwrap();
                assert!(streamed.status.success() && gathered.status.success(), "{what}");
                let gathered = std::fs::read_to_string(&gathered_file).unwrap();
                assert_eq!(String::from_utf8_lossy(&streamed.stdout), gathered, "{what}");
                if ask.is_empty() {
                    assert!(gathered.len() > 100, "{what}: rows");
                }
            }
        }
    }
    let bad = "SELECT json_extract(CASE WHEN n < 2 THEN '{}' ELSE 'not json' END, '$.a') AS v \
               FROM (SELECT 1 AS n UNION ALL SELECT 2)";
    let out = xxgk(&db).args(["sql", bad, "-f", "csv"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "v\n\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("malformed JSON"));
}

#[test]
fn agency_filter_is_literal() {
    let (_d, db) = imported();
    // Taken literally, the text matches no agency: a usage error, nothing printed.
    let out = xxgk(&db).args(["reports", "--agency", "%' OR 1=1 --", "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty() && String::from_utf8_lossy(&out.stderr).contains("no agency name contains"));
    let out = xxgk(&db).args(["reports", "--agency", "公安", "--format", "json"]).output().unwrap();
    assert_eq!(json(&out.stdout)[0]["agency"], "淄博市公安局");
}

#[test]
fn charts_render_with_title_and_labels() {
    let (dir, db) = imported();
    let real = common::corpus().join("real");
    xxgk(&db).arg("import").arg(real.join("pingtan-2019.html")).arg(real.join("pingtan-2021.html")).assert().success();
    for (cmd, file, words) in [
        (vec!["trend", "applications"], "trend.svg", vec!["applications", "平潭综合实验区", "淄博市公安局", "2020"]),
        (
            vec!["compare", "2019", "2021", "--metric", "permits"],
            "compare.svg",
            vec!["permits", "平潭综合实验区", "2019", "2021"],
        ),
        (vec!["rank", "penalties", "--year", "2021"], "rank.svg", vec!["penalties", "平潭综合实验区"]),
    ] {
        let svg = dir.path().join(file);
        xxgk(&db).args(&cmd).arg("--chart").arg(&svg).assert().success();
        let text = std::fs::read_to_string(&svg).unwrap();
        for w in words {
            assert!(text.contains(w), "{file} lacks {w}");
        }
        let png = dir.path().join(format!("{file}.png"));
        let status = std::process::Command::new("rsvg-convert")
            .arg(&svg)
            .arg("-o")
            .arg(&png)
            .status()
            .expect("rsvg-convert is needed for chart tests (apt-get install librsvg2-bin)");
        assert!(status.success(), "{file} does not render");
        assert!(std::fs::metadata(&png).unwrap().len() > 1024, "{file} renders empty");
    }
}

#[test]
fn export_writes_every_view_as_csv_and_a_workbook() {
    let (dir, db) = imported();
    let out = dir.path().join("out");
    let xlsx = dir.path().join("all.xlsx");
    xxgk(&db).arg("export").arg(&out).arg("--xlsx").arg(&xlsx).arg("--bom").assert().success();
    let cells = std::fs::read_to_string(out.join("cell_values.csv")).unwrap();
    assert!(cells.starts_with(
        "\u{feff}report_id,agency,year,source_path,source_sha256,tbl,row_key,col_key,raw,value,state,unit"
    ));
    assert_eq!(cells.lines().count(), 199);
    let apps = std::fs::read_to_string(out.join("report_applications.csv")).unwrap();
    assert!(apps.contains("淄博市公安局,2020,15,0,2,1,0,12,0,0,15,0"), "{apps}");
    for v in
        ["reports", "agency_years", "report_proactive", "report_appeals", "check_results", "claims", "check_summary"]
    {
        assert!(out.join(format!("{v}.csv")).exists(), "{v}");
    }
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn a_workbook_export_of_a_view_longer_than_a_sheet_is_refused() {
    let (dir, db) = imported();
    // One more claim row than a sheet holds under its header, with the report's own.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let own: i64 = conn.query_row("SELECT count(*) FROM claims", [], |r| r.get(0)).unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1048576)
         INSERT INTO claims (report_id, text, subject) SELECT (SELECT min(report_id) FROM reports), 'x', 's' FROM n",
        [],
    )
    .unwrap();
    drop(conn);
    let out = dir.path().join("out");
    let xlsx = dir.path().join("all.xlsx");
    let run = xxgk(&db).arg("export").arg(&out).arg("--xlsx").arg(&xlsx).assert().code(2);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    let rows = 1048576 + own;
    assert!(
        stderr.contains(&format!("the view claims has {rows} rows, more than an Excel sheet holds (1048575)")),
        "{stderr}"
    );
    assert!(stderr.contains("all.xlsx"), "the message names the workbook: {stderr}");
    assert!(!xlsx.exists(), "no workbook is written");
    // The CSV files were written whole before.
    let claims = std::fs::read_to_string(out.join("claims.csv")).unwrap();
    assert_eq!(claims.lines().count() as i64, rows + 1);
}
