//! Schema version 5 → 6 (OCR): a version 5 database (tests/fixtures/schema-v5.sql is
//! v5's `schema.sql`, verbatim) holding real imported reports upgrades in place, keeps
//! every row, gets the OCR columns (NULL for what was read from text), accepts pictures
//! ('image') and ends as `schema.sql` creates a database.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use xxgk_db::store::{Access, Store, SCHEMA_VERSION};

use crate::common;

const TABLES: [&str; 10] = [
    "agencies",
    "agency_aliases",
    "reports",
    "cells",
    "figures",
    "check_results",
    "claims",
    "report_metrics",
    "template_rows",
    "metric_catalog",
];

/// A v5 database with the bundled examples in it.
fn v5_database(dir: &Path) -> PathBuf {
    crate::schema_migration::database_of_version(dir, 5, &TABLES)
}

/// Every row of every table, as text, in the columns version 5 has.
fn v5_rows(db: &Path) -> Vec<String> {
    let conn = Connection::open(db).unwrap();
    let v5 = Connection::open_in_memory().unwrap();
    v5.execute_batch(&std::fs::read_to_string(common::repo().join("tests/fixtures/schema-v5.sql")).unwrap()).unwrap();
    let mut out = Vec::new();
    for t in TABLES {
        let cols: Vec<String> = v5
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut stmt = conn.prepare(&format!("SELECT {} FROM {t} ORDER BY 1, 2, 3", cols.join(", "))).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let vals: Vec<String> =
                (0..cols.len()).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            out.push(format!("{t}: {}", vals.join("|")));
        }
    }
    // Sorted whole: `ORDER BY 1, 2, 3` leaves ties in the order the table or view gives.
    out.sort();
    out
}

#[test]
fn a_v5_database_migrates_to_the_ocr_schema() {
    const { assert!(SCHEMA_VERSION >= 6) };
    let dir = tempfile::tempdir().unwrap();
    let db = v5_database(dir.path());
    let before = v5_rows(&db);
    assert!(
        before.iter().filter(|r| r.starts_with("cells: ")).count() > 300,
        "the v5 database holds the examples' cells"
    );
    {
        let conn = Connection::open(&db).unwrap();
        // v5 refuses pictures: the upgrade is what makes them possible.
        let err = conn
            .execute(
                "UPDATE reports SET source_format = 'image' WHERE report_id = (SELECT min(report_id) FROM reports)",
                [],
            )
            .unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{err}");
    }
    let store = Store::open(&db, Access::ReadWrite).unwrap();
    let conn = &store.conn;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
    assert_eq!(conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    assert_eq!(dangling, 0);
    // Every row as it was (the rebuild of `reports` kept its ids and cascaded nothing).
    assert_eq!(v5_rows(&db), before, "the upgrade changed version 5 data");
    // Read from text: no OCR anywhere.
    let (pages, confidences, raws): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(ocr_pages) FROM reports), count(ocr_confidence), count(ocr_raw) FROM cells",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((pages, confidences, raws), (0, 0, 0));
    // The view shows the confidence, last; the constraint takes pictures and still refuses nonsense.
    let cols: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('cell_values')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(cols.last().map(String::as_str), Some("ocr_confidence"), "{cols:?}");
    let n: i64 = conn.query_row("SELECT count(DISTINCT report_id) FROM cell_values", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 3);
    conn.execute("UPDATE reports SET source_format = 'image', ocr_pages = 2 WHERE report_id = (SELECT min(report_id) FROM reports)", []).unwrap();
    assert!(conn.execute("UPDATE reports SET source_format = 'xls'", []).is_err());
    // Cascades work again: deleting a report deletes its cells.
    conn.execute_batch("DELETE FROM reports WHERE source_format = 'image';").unwrap();
    let orphans: i64 = conn
        .query_row("SELECT count(*) FROM cells WHERE report_id NOT IN (SELECT report_id FROM reports)", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(orphans, 0);
    drop(store);
    // The same structure as a database schema.sql creates.
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh, Access::ReadWrite).unwrap());
    let (upgraded, created) = (super::schema_migration::structure(&db), super::schema_migration::structure(&fresh));
    assert!(upgraded.iter().any(|l| l.contains("'image'")), "{upgraded:#?}");
    assert_eq!(upgraded, created);
}
