//! Schema migrations: a version 1 database (tests/fixtures/schema-v1.sql is v1's
//! `schema.sql`, verbatim) holding real imported reports upgrades in place, keeps every
//! row, and then accepts a `.doc` report.

use std::path::{Path, PathBuf};

use crate::common;

use assert_cmd::Command;
use rusqlite::Connection;

fn repo(rel: &str) -> PathBuf {
    common::repo().join(rel)
}

fn xxgk(db: &Path) -> Command {
    let mut c = Command::cargo_bin("xxgk").unwrap();
    c.arg("--db").arg(db).env_remove("XXGK_DB");
    c
}

const TABLES: [&str; 7] =
    ["agencies", "agency_aliases", "reports", "cells", "check_results", "claims", "report_metrics"];

/// A database of schema `version` (tests/fixtures/schema-v{version}.sql, that version's
/// `schema.sql` verbatim) with the bundled examples in it: imported by today's code into a
/// scratch database, then copied row for row, in that version's columns of `tables`, into a
/// database made from the old schema.
pub(crate) fn database_of_version(dir: &Path, version: u32, tables: &[&str]) -> PathBuf {
    let scratch = dir.join("scratch.db");
    xxgk(&scratch).arg("import").arg(repo("examples")).assert().success();
    let db = dir.join(format!("v{version}.db"));
    let conn = Connection::open(&db).unwrap();
    let schema = std::fs::read_to_string(repo(&format!("tests/fixtures/schema-v{version}.sql"))).unwrap();
    conn.execute_batch(&format!("{schema}\nPRAGMA user_version = {version};")).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS s", [scratch.to_str().unwrap()]).unwrap();
    for t in tables {
        // The old version's columns of the table (later versions added some).
        let cols: Vec<String> = conn
            .prepare(&format!("SELECT name FROM main.pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let cols = cols.join(", ");
        conn.execute_batch(&format!("INSERT INTO main.{t} ({cols}) SELECT {cols} FROM s.{t}")).unwrap();
    }
    conn.execute_batch("DETACH DATABASE s").unwrap();
    db
}

/// A v1 database with the bundled examples in it.
fn v1_database(dir: &Path) -> PathBuf {
    database_of_version(dir, 1, &TABLES)
}

#[test]
fn a_v1_database_upgrades_and_then_imports_a_doc() {
    let dir = tempfile::tempdir().unwrap();
    let db = v1_database(dir.path());
    {
        let conn = Connection::open(&db).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 3, "the three bundled examples");
        // v1 refuses the new format: the upgrade below is what makes the import work.
        let err = conn
            .execute(
                "UPDATE reports SET source_format = 'doc' WHERE report_id = (SELECT min(report_id) FROM reports)",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{err}");
    }
    // Rows per table, and cells per report: all must still be there after the upgrade.
    let counts = |db: &Path| -> Vec<(String, i64)> {
        let conn = Connection::open(db).unwrap();
        let mut out: Vec<(String, i64)> = TABLES
            .iter()
            .map(|t| (t.to_string(), conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap()))
            .collect();
        let mut stmt =
            conn.prepare("SELECT report_id, count(*) FROM cells GROUP BY report_id ORDER BY report_id").unwrap();
        out.extend(
            stmt.query_map([], |r| Ok((format!("cells of report {}", r.get::<_, i64>(0)?), r.get(1)?)))
                .unwrap()
                .map(Result::unwrap),
        );
        out
    };
    let before = counts(&db);

    let doc = repo("tests/fixtures/doc/shanghai-office-2019.docx.doc");
    xxgk(&db).arg("import").arg(&doc).assert().success();

    let conn = Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, xxgk_db::store::SCHEMA_VERSION);
    assert_eq!(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(dangling, 0);
    // Every row of before is still there (the rebuild did not cascade), plus the new report.
    let after = counts(&db);
    for (what, n) in &before {
        let now = after.iter().find(|(w, _)| w == what).map_or(0, |(_, n)| *n);
        assert!(now >= *n, "{what}: {n} rows before the upgrade, {now} after");
    }
    let (format, cells): (String, i64) = conn
        .query_row(
            "SELECT r.source_format, (SELECT count(*) FROM cells c WHERE c.report_id = r.report_id)
             FROM reports r WHERE r.agency = '上海市人民政府办公厅'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((format.as_str(), cells > 150), ("doc", true));
    // The views still read the rebuilt table, and the constraint still refuses nonsense.
    let n: i64 = conn.query_row("SELECT count(DISTINCT report_id) FROM cell_values", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 4);
    assert!(conn.execute("UPDATE reports SET source_format = 'xls'", []).is_err());
    // Cascades work again after the upgrade: deleting a report deletes its cells.
    conn.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM reports WHERE source_format = 'doc';").unwrap();
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM cells WHERE report_id NOT IN (SELECT report_id FROM reports)", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0);
}

/// Every table's and view's columns (name, type, not null, key), every index's columns,
/// and every table's CHECKs as written: what a migration must leave as `schema.sql`
/// creates it.
pub(crate) fn structure(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let objects: Vec<(String, String, String)> = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = Vec::new();
    for (kind, name, sql) in objects {
        let pragma = if kind == "index" { "index_info" } else { "table_xinfo" };
        let cols: Vec<String> = conn
            .prepare(&format!("PRAGMA {pragma}('{name}')"))
            .unwrap()
            .query_map([], |r| {
                Ok(if kind == "index" {
                    r.get::<_, String>(2)?
                } else {
                    format!(
                        "{} {} notnull={} pk={}",
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, i64>(5)?
                    )
                })
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        out.push(format!("{kind} {name}: {}", cols.join(", ")));
        out.extend(checks(&sql).into_iter().map(|c| format!("{name}: {c}")));
    }
    out
}

/// The CHECK clauses of a table's definition, as written (up to their closing parenthesis).
pub(crate) fn checks(sql: &str) -> Vec<&str> {
    sql.match_indices("CHECK (")
        .map(|(at, _)| {
            let mut depth = 0;
            let end = sql[at..]
                .char_indices()
                .find(|&(_, c)| {
                    depth += i32::from(c == '(') - i32::from(c == ')');
                    c == ')' && depth == 0
                })
                .map_or(sql.len(), |(i, _)| at + i + 1);
            &sql[at..end]
        })
        .collect()
}

#[test]
fn the_upgraded_schema_is_the_one_schema_sql_creates() {
    let dir = tempfile::tempdir().unwrap();
    let db = v1_database(dir.path());
    xxgk(&db).arg("import").arg(repo("tests/fixtures/doc/shanghai-office-2019.docx.doc")).assert().success();
    let fresh = dir.path().join("fresh.db");
    xxgk(&fresh).arg("import").arg(repo("tests/fixtures/doc/shanghai-office-2019.docx.doc")).assert().success();
    let (upgraded, created) = (structure(&db), structure(&fresh));
    assert!(upgraded.iter().any(|l| l.contains("'doc'")), "{upgraded:#?}");
    assert_eq!(upgraded, created);
}

#[test]
fn a_new_database_is_created_at_the_current_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    xxgk(&db).arg("import").arg(repo("tests/fixtures/doc/shanghai-office-2019.wps")).assert().success();
    let conn = Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, xxgk_db::store::SCHEMA_VERSION);
    let format: String = conn.query_row("SELECT source_format FROM reports", [], |r| r.get(0)).unwrap();
    assert_eq!(format, "doc");
}
