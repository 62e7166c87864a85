//! The storage of schema version 7 against version 6: a database made by version 6 (the
//! visible corpus and a scan read by OCR, `tests/fixtures/v6/`) upgrades in place with the
//! same `cell_values` and exports byte for byte what version 6 exported; a fresh import of
//! the same files exports the same rows; deleting a report deletes its cells and metrics.

use crate::common;
use crate::schema_migration::structure;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn xxgk(db: &Path) -> Command {
    let mut cmd = Command::cargo_bin("xxgk").unwrap();
    cmd.arg("--db").arg(db).env_remove("XXGK_DB");
    cmd
}

/// The version 6 fixture: the database and what `xxgk export` wrote from it.
fn fixture() -> PathBuf {
    common::repo().join("tests/fixtures/v6")
}

/// The CSV files of an export directory: name → bytes.
fn export(db: &Path, dir: &Path) -> Vec<(String, Vec<u8>)> {
    xxgk(db).arg("export").arg(dir).assert().success();
    read_dir(dir)
}

fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.file_name().unwrap().to_string_lossy().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The records of a CSV file (quoted fields may hold commas, quotes and line breaks).
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (mut out, mut rec, mut field, mut quoted, mut chars) =
        (Vec::new(), Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => rec.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                rec.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut rec));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        out.push(rec);
    }
    out
}

/// A file's records without the named columns.
fn without(bytes: &[u8], columns: &[&str]) -> Vec<Vec<String>> {
    let recs = records(bytes);
    let keep: Vec<usize> = (0..recs[0].len()).filter(|&i| !columns.contains(&recs[0][i].as_str())).collect();
    recs.iter().map(|r| keep.iter().map(|&i| r[i].clone()).collect()).collect()
}

/// Every row of a query, as text.
fn rows(db: &Path, sql: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    let mut q = stmt.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(r) = q.next().unwrap() {
        out.push(
            (0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"),
        );
    }
    out
}

fn scalar(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A copy of the version 6 fixture database in `dir`.
fn v6_copy(dir: &Path) -> PathBuf {
    let db = dir.join("v6.db");
    std::fs::copy(fixture().join("corpus.sqlite"), &db).unwrap();
    db
}

/// The sample report as of 2021 (its year changed), written to `path`: a report the
/// fixtures do not hold.
fn zibo_2021(path: &Path) -> PathBuf {
    let text = std::fs::read_to_string(common::repo().join("examples/zibo-psb-2020.txt")).unwrap();
    std::fs::write(path, text.replace("2020年", "2021年")).unwrap();
    path.to_path_buf()
}

const CELL_VALUES: &str = "SELECT * FROM cell_values ORDER BY report_id, tbl, row_key, col_key";

/// The version 6 database upgrades in place the first time it is opened: `cell_values`
/// holds the very rows it held (the OCR columns and the placement included), `xxgk export`
/// writes every file as version 6 did, byte for byte, and the file ends with the structure
/// of a new database.
#[test]
fn a_version_6_database_upgrades_in_place_and_exports_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = v6_copy(dir.path());
    assert_eq!(scalar(&db, "PRAGMA user_version"), 6);
    let cells_before = rows(&db, CELL_VALUES);
    assert_eq!(cells_before.len(), 1987);
    let ocr_before = scalar(&db, "SELECT count(*) FROM cells WHERE ocr_confidence IS NOT NULL AND ocr_raw IS NOT NULL");
    assert_eq!(ocr_before, 7, "the fixture holds cells read by OCR");
    let metrics_before = rows(&db, "SELECT * FROM report_metrics ORDER BY report_id, metric");

    let got = export(&db, &dir.path().join("out"));
    let want = read_dir(&fixture().join("export"));
    assert_eq!(got.iter().map(|f| &f.0).collect::<Vec<_>>(), want.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, got), (_, want)) in got.iter().zip(&want) {
        assert!(got == want, "{name} differs from what version 6 exported");
    }

    assert_eq!(scalar(&db, "PRAGMA user_version"), xxgk_db::store::SCHEMA_VERSION);
    assert_eq!(rows(&db, CELL_VALUES), cells_before);
    assert_eq!(rows(&db, "SELECT * FROM report_metrics ORDER BY report_id, metric"), metrics_before);
    assert_eq!(scalar(&db, "SELECT count(*) FROM cells WHERE ocr_confidence IS NOT NULL AND ocr_raw IS NOT NULL"), 7);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    drop(conn);
    assert_eq!(scalar(&db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    // The cells and metrics moved whole into the new tables, the old ones are gone.
    assert_eq!(scalar(&db, "SELECT (SELECT count(*) FROM cell_data) + (SELECT count(*) FROM extra_cells)"), 1987);
    assert_eq!(scalar(&db, "SELECT count(*) FROM metric_data"), metrics_before.len() as i64);
    assert_eq!(scalar(&db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '%_v6'"), 0);
    let fresh = dir.path().join("fresh.db");
    xxgk(&fresh).args(["sql", "--write", "SELECT 1"]).assert().success();
    assert_eq!(structure(&db), structure(&fresh));

    // Another import into the upgraded database stores beside the rows of version 6.
    let more = zibo_2021(&dir.path().join("more.txt"));
    xxgk(&db).arg("import").arg(&more).assert().success();
    let added = scalar(&db, "SELECT max(report_id) FROM reports");
    // Its passes are counted in check_runs, its failures rows, and `xxgk check` lists all.
    assert_eq!(
        scalar(&db, &format!("SELECT count(*) FROM check_runs WHERE report_id = {added} AND kind = 'report'")),
        1
    );
    let passed = scalar(&db, &format!("SELECT passed FROM check_summary WHERE report_id = {added}"));
    assert!(passed > 30, "{passed}");
    let listed = xxgk(&db).args(["-f", "csv", "check", "--report", &added.to_string()]).output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(listed.lines().filter(|l| l.contains(",pass,")).count() as i64, passed, "{listed}");
    assert_eq!(scalar(&db, &format!("SELECT count(*) FROM cells WHERE report_id = {added}")), 198);
    assert_eq!(
        scalar(&db, &format!("SELECT CAST(value AS INTEGER) FROM cell_values WHERE report_id = {added} AND row_key = 'new_received' AND col_key = 'total'")),
        15
    );
}

/// A database of schema version 7 (`tests/fixtures/v7/`, made from the repository's own
/// files) upgrades in place the first time it is opened: every CHECK becomes the one
/// `schema.sql` writes (comparisons, no IN list) and still refuses what it refused,
/// `cell_values` holds the very rows it held, `xxgk export` writes every file as version 7
/// did, byte for byte, and an import afterwards stores beside the old rows.
#[test]
fn a_version_7_database_upgrades_in_place_with_its_checks_spelled_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v7.db");
    let v7 = common::repo().join("tests/fixtures/v7");
    std::fs::copy(v7.join("examples.sqlite"), &db).unwrap();
    assert_eq!(scalar(&db, "PRAGMA user_version"), 7);
    let in_lists = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK (% IN (%'";
    assert_eq!(scalar(&db, in_lists), 8, "version 7 checks eight tables' columns against IN lists");
    let cells_before = rows(&db, CELL_VALUES);
    assert_eq!(cells_before.len(), 605);

    let got = export(&db, &dir.path().join("out"));
    let want = read_dir(&v7.join("export"));
    assert_eq!(got.iter().map(|f| &f.0).collect::<Vec<_>>(), want.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, got), (_, want)) in got.iter().zip(&want) {
        assert!(got == want, "{name} differs from what version 7 exported");
    }
    assert_eq!(scalar(&db, "PRAGMA user_version"), xxgk_db::store::SCHEMA_VERSION);
    assert_eq!(rows(&db, CELL_VALUES), cells_before);
    assert_eq!(scalar(&db, in_lists), 0);
    let fresh = dir.path().join("fresh.db");
    xxgk(&fresh).args(["sql", "--write", "SELECT 1"]).assert().success();
    let upgraded = structure(&db);
    assert_eq!(upgraded.iter().filter(|l| l.contains("CHECK (") && l.contains(" OR ")).count(), 12, "{upgraded:#?}");
    assert_eq!(upgraded, structure(&fresh));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
    // The spelled-out CHECKs refuse what the IN lists refused, and allow what they allowed
    // (tried in a transaction rolled back after).
    conn.execute_batch("BEGIN").unwrap();
    let run = |kind: &str| {
        conn.execute(
            "INSERT INTO check_runs (first_check_id, report_id, kind, results) VALUES (1000000, 1, ?1, 0)",
            [kind],
        )
    };
    let refused = run("yearly").unwrap_err().to_string();
    assert!(refused.contains("CHECK constraint failed"), "{refused}");
    assert_eq!(run("years").unwrap(), 1);
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);

    // An import afterwards stores beside the rows of version 7.
    let more = zibo_2021(&dir.path().join("more.txt"));
    xxgk(&db).arg("import").arg(&more).assert().success();
    assert_eq!(scalar(&db, "SELECT count(*) FROM reports"), 8);
    assert_eq!(rows(&db, CELL_VALUES).len(), 605 + 198);
    // And so does an RTF document, a format version 11 allows.
    let g = xxgk_synth::generate(&xxgk_synth::Options { reports: 1, formats: vec![xxgk_synth::Format::Rtf], seed: 9 });
    let rtf = dir.path().join(g[0].file_name());
    std::fs::write(&rtf, &g[0].bytes).unwrap();
    xxgk(&db).arg("import").arg(&rtf).assert().success();
    assert_eq!(scalar(&db, "SELECT count(*) FROM reports WHERE source_format = 'rtf'"), 1);
    // And an OFD document, a format version 12 allows.
    let g = xxgk_synth::generate(&xxgk_synth::Options { reports: 1, formats: vec![xxgk_synth::Format::Ofd], seed: 31 });
    let ofd = dir.path().join(g[0].file_name());
    std::fs::write(&ofd, &g[0].bytes).unwrap();
    xxgk(&db).arg("import").arg(&ofd).assert().success();
    assert_eq!(scalar(&db, "SELECT count(*) FROM reports WHERE source_format = 'ofd'"), 1);
}

/// Version 9 works out every agency's region again from its name. In a version 8 database
/// 中山大学 stood under 中山市 (a place's short form counted whatever followed it); after
/// the upgrade it has no region, while 中山市公安局 keeps 中山市 and nothing else changes.
#[test]
fn a_version_8_database_has_its_agencies_regions_worked_out_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v8.db");
    let sample = common::repo().join("examples/zibo-psb-2020.txt");
    xxgk(&db).args(["import", "--agency", "中山大学"]).arg(&sample).assert().success();
    let other = zibo_2021(&dir.path().join("other.txt"));
    xxgk(&db).args(["import", "--agency", "中山市公安局"]).arg(&other).assert().success();
    let regions = "SELECT name || ' ' || coalesce(region_code, '-') || ' ' || coalesce(province, '-') || ' ' || \
                   coalesce(city, '-') || ' ' || coalesce(county, '-') FROM agencies ORDER BY name";
    let now = rows(&db, regions);
    assert_eq!(now, [r#"Text("中山大学 - - - -")"#, r#"Text("中山市公安局 442000 广东省 中山市 -")"#]);
    // The database as version 8 left it: same tables, the old region.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE agencies SET region_code = '442000', province = '广东省', city = '中山市' WHERE name = '中山大学';
         PRAGMA user_version = 8;",
    )
    .unwrap();
    drop(conn);
    let cells_before = rows(&db, CELL_VALUES);
    assert_eq!(rows(&db, regions)[0], r#"Text("中山大学 442000 广东省 中山市 -")"#);

    xxgk(&db).args(["sql", "--write", "SELECT 1"]).assert().success();
    assert_eq!(scalar(&db, "PRAGMA user_version"), xxgk_db::store::SCHEMA_VERSION);
    assert_eq!(rows(&db, regions), now);
    assert_eq!(rows(&db, CELL_VALUES), cells_before);
    let fresh = dir.path().join("fresh.db");
    xxgk(&fresh).args(["sql", "--write", "SELECT 1"]).assert().success();
    assert_eq!(structure(&db), structure(&fresh));
}

/// Version 10 adds the index `agencies_in_place_order`, from which `xxgk agencies` reads the
/// agencies in its order. A version 9 database (the same tables, no such index) gains it on
/// its first open, read-only included, and lists the same agencies in the same order.
#[test]
fn a_version_9_database_gains_the_agencies_order_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v9.db");
    let sample = common::repo().join("examples");
    xxgk(&db).arg("import").arg(&sample).assert().success();
    // Agencies in three places, one with no region (NULL sorts first), to be ordered.
    for (agency, year) in [("中山市公安局", "2021"), ("淄博市公安局", "2021"), ("中山大学", "2022")] {
        let file = zibo_2021(&dir.path().join(format!("{agency}.txt")));
        xxgk(&db).args(["import", "--agency", agency, "--year", year]).arg(&file).assert().success();
    }
    let listing = |db: &Path| -> String {
        String::from_utf8(xxgk(db).args(["-f", "csv", "agencies"]).assert().success().get_output().stdout.clone())
            .unwrap()
    };
    let before = listing(&db);
    let cells_before = rows(&db, CELL_VALUES);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP INDEX agencies_in_place_order; PRAGMA user_version = 9;").unwrap();
    drop(conn);
    // Read-only commands upgrade first; without the index SQLite would sort, so the
    // listing alone does not tell: the index and the plan are checked too.
    assert_eq!(listing(&db), before);
    assert_eq!(scalar(&db, "PRAGMA user_version"), xxgk_db::store::SCHEMA_VERSION);
    assert_eq!(scalar(&db, "SELECT count(*) FROM sqlite_master WHERE name = 'agencies_in_place_order'"), 1);
    let plan = rows(
        &db,
        "EXPLAIN QUERY PLAN SELECT agency_id, name, province, city, county, region_code, kind, kind_name \
         FROM agencies ORDER BY province, city, name",
    );
    assert!(plan.iter().any(|r| r.contains("COVERING INDEX agencies_in_place_order")), "{plan:?}");
    assert!(!plan.iter().any(|r| r.contains("TEMP B-TREE")), "nothing sorted: {plan:?}");
    assert_eq!(rows(&db, CELL_VALUES), cells_before);
    let fresh = dir.path().join("fresh.db");
    xxgk(&fresh).args(["sql", "--write", "SELECT 1"]).assert().success();
    assert_eq!(structure(&db), structure(&fresh));
    // The order itself: no region first, then by province, city and name in bytes.
    let names: Vec<String> = before.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().to_string()).collect();
    assert_eq!(names.first().map(String::as_str), Some("中山大学"), "{names:?}");
    let places = rows(&db, "SELECT coalesce(province, '') || '/' || coalesce(city, '') || '/' || name FROM agencies");
    let mut sorted: Vec<String> = places.clone();
    sorted.sort();
    let listed: Vec<String> =
        names.iter().map(|n| places.iter().find(|p| p.ends_with(&format!("/{n}\")"))).unwrap().clone()).collect();
    assert_eq!(listed, sorted);
}

/// A fresh import of the same files exports what version 6 exported from them: every file
/// byte for byte but for the columns that differ by nature (when and from where a file was
/// imported).
#[test]
fn the_fixture_files_import_afresh_as_version_6_stored_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let corpus = common::corpus();
    xxgk(&db)
        .arg("import")
        .arg(corpus.join("pre2019/real"))
        .arg(corpus.join("real"))
        .arg(common::repo().join("examples"))
        .assert()
        .code(1);
    xxgk(&db)
        .arg("import")
        .arg(common::repo().join("tests/fixtures/ocr/huaian-scan.pdf"))
        .args(["--year", "2018"])
        .assert()
        .success();
    let got = export(&db, &dir.path().join("out"));
    let want = read_dir(&fixture().join("export"));
    assert_eq!(got.len(), want.len());
    for ((name, got), (wname, want)) in got.iter().zip(&want) {
        assert_eq!(name, wname);
        match name.as_str() {
            "reports.csv" => assert_eq!(
                without(got, &["source_path", "imported_at"]),
                without(want, &["source_path", "imported_at"]),
                "{name}"
            ),
            "cell_values.csv" => {
                assert_eq!(without(got, &["source_path"]), without(want, &["source_path"]), "{name}")
            }
            _ => assert!(got == want, "{name} differs from what version 6 exported"),
        }
    }
}

/// Deleting a report (by hand, or by `--replace`) deletes its cells and metrics: the
/// trigger `reports_delete` clears the key ranges that are not foreign keys.
#[test]
fn deleting_a_report_deletes_its_cells_and_metrics() {
    let dir = tempfile::tempdir().unwrap();
    let db = v6_copy(dir.path());
    xxgk(&db).args(["sql", "--write", "SELECT 1"]).assert().success();
    let id = scalar(&db, "SELECT report_id FROM reports WHERE source_path LIKE '%zibo-psb-2020.txt'");
    assert_eq!(scalar(&db, &format!("SELECT count(*) FROM cells WHERE report_id = {id}")), 198);
    let metrics = scalar(&db, &format!("SELECT count(*) FROM report_metrics WHERE report_id = {id}"));
    assert!(metrics > 10, "{metrics}");
    let (cells, all_metrics) =
        (scalar(&db, "SELECT count(*) FROM cell_data"), scalar(&db, "SELECT count(*) FROM metric_data"));
    xxgk(&db).args(["sql", "--write", &format!("DELETE FROM reports WHERE report_id = {id}")]).assert().success();
    assert_eq!(scalar(&db, "SELECT count(*) FROM cell_data"), cells - 198);
    assert_eq!(scalar(&db, "SELECT count(*) FROM metric_data"), all_metrics - metrics);
    assert_eq!(scalar(&db, &format!("SELECT count(*) FROM cell_values WHERE report_id = {id}")), 0);
    // Imported again, it is stored afresh under a new id, with its cells.
    xxgk(&db).arg("import").arg(common::repo().join("examples/zibo-psb-2020.txt")).assert().success();
    assert_eq!(scalar(&db, "SELECT count(*) FROM cell_data"), cells);
    assert_eq!(scalar(&db, "SELECT count(*) FROM metric_data"), all_metrics);
}

/// `xxgk check` lists, report by report, every result `export` writes to
/// check_results.csv (the stored rows and the passes counted in check_runs, rebuilt), in
/// the order agency, year, rule, check id; streamed (CSV) and collected (`--limit`) alike.
#[test]
fn check_lists_every_exported_result_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // Two years of one agency (the cross-year rules), the corpus (prose against tables).
    let later = zibo_2021(&dir.path().join("zibo-2021.txt"));
    let corpus = common::corpus().join("real");
    let files = ["pingtan-2019.html", "pingtan-2021.html", "pingtan-2023.html", "shuyang-fgj-2023.html"];
    xxgk(&db)
        .arg("import")
        .arg(common::repo().join("examples"))
        .arg(&later)
        .args(files.iter().map(|f| corpus.join(f)))
        .assert()
        .success();
    let out = dir.path().join("out");
    xxgk(&db).arg("export").arg(&out).assert().success();
    let column = |recs: &[Vec<String>], name: &str| recs[0].iter().position(|c| c == name).unwrap();
    let reports = records(&std::fs::read(out.join("reports.csv")).unwrap());
    let year_of: std::collections::HashMap<String, i64> = reports[1..]
        .iter()
        .map(|r| (r[column(&reports, "report_id")].clone(), r[column(&reports, "year")].parse().unwrap()))
        .collect();
    let exported = records(&std::fs::read(out.join("check_results.csv")).unwrap());
    let at = |name: &str| column(&exported, name);
    let mut expected: Vec<(String, i64, String, i64, Vec<String>)> = exported[1..]
        .iter()
        .map(|r| {
            let report = r[at("report_id")].clone();
            let fields = ["report_id", "agency", "rule", "scope", "status"].iter().map(|c| r[at(c)].clone()).collect();
            (
                r[at("agency")].clone(),
                year_of[&report],
                r[at("rule")].clone(),
                r[at("check_id")].parse().unwrap(),
                fields,
            )
        })
        .collect();
    expected.sort_by(|a, b| (&a.0, a.1, &a.2, a.3).cmp(&(&b.0, b.1, &b.2, b.3)));
    let expected: Vec<Vec<String>> = expected.into_iter().map(|e| e.4).collect();

    let streamed = xxgk(&db).args(["-f", "csv", "check"]).output().unwrap();
    let collected = xxgk(&db).args(["-f", "csv", "check", "--limit", "100000000"]).output().unwrap();
    assert!(streamed.status.success() && collected.status.success());
    assert_eq!(streamed.stdout, collected.stdout);
    let listed = records(&streamed.stdout);
    let listed: Vec<Vec<String>> = listed[1..]
        .iter()
        .map(|r| {
            ["report_id", "agency", "rule", "scope", "status"].iter().map(|c| r[column(&listed, c)].clone()).collect()
        })
        .collect();
    assert_eq!(listed, expected);
    // Not vacuous: passes and other results, rules within reports and across years.
    let statuses: std::collections::HashSet<&str> = listed.iter().map(|r| r[4].as_str()).collect();
    assert!(listed.len() > 200 && statuses.contains("pass") && statuses.len() > 1, "{statuses:?}");
    assert!(listed.iter().any(|r| r[2] == "R5") && listed.iter().any(|r| r[2] == "R7"));
}
