//! The database and its exports as analysts read them: DuckDB (1.4, through its sqlite
//! extension), datasette and pandas read every table and view, every number typed; the
//! Parquet export reads back in DuckDB with typed columns; the CSV exports carry the
//! agency three ways. Python runs tests/fixtures/analyst_tools.py; when it or a package is
//! missing the test fails with the command that installs them (no silent skip).

use crate::analysis::xxgk;
use crate::common;

use std::path::Path;
use std::process::Command;

const INSTALL: &str = "python3 -m pip install duckdb==1.4.4 duckdb-ext-sqlite datasette pandas";

/// Run the Python script on a database and an export directory; returns its output.
fn analyst_tools(db: &Path, export: &Path, expected_types: &serde_json::Value) -> String {
    let python = std::env::var("XXGK_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let script = common::repo().join("tests/fixtures/analyst_tools.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(db)
        .arg(export)
        .env("XXGK_EXPECT_PARQUET_TYPES", expected_types.to_string())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} ({e}): install Python 3 and then `{INSTALL}`"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => stdout,
        Some(2) => panic!("{}: run `{INSTALL}` (.ci/run does)", stderr.trim()),
        _ => panic!(
            "the analysts' tools could not read everything:\n{}\n{stderr}",
            stdout.lines().filter(|l| !l.starts_with("ok")).collect::<Vec<_>>().join("\n")
        ),
    }
}

#[test]
fn duckdb_datasette_and_pandas_read_every_table_view_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let corpus = common::corpus();
    // Every corpus report of both eras; the duplicates and the blank template make exit 1.
    xxgk(&db).arg("import").arg(corpus.join("real")).arg(corpus.join("pre2019/real")).assert().code(1);
    let export = dir.path().join("export");
    xxgk(&db).args(["export", "--parquet"]).arg(&export).assert().success();
    let types = serde_json::json!({
        "reports": {"report_id": "BIGINT", "agency": "VARCHAR", "year": "BIGINT", "published_on": "DATE", "agency_printed": "VARCHAR"},
        "cell_values": {"report_id": "BIGINT", "value": "DOUBLE", "raw": "VARCHAR", "agency_id": "BIGINT"},
        "report_applications": {"new_received": "DOUBLE", "denied": "DOUBLE", "agency_id": "BIGINT"},
        "check_summary": {"passed": "BIGINT", "failed": "BIGINT"},
        "metric_values": {"agency_id": "BIGINT", "year": "BIGINT", "metric": "VARCHAR", "value": "DOUBLE", "numerator": "DOUBLE",
                          "denominator": "DOUBLE", "source": "VARCHAR"},
    });
    let out = analyst_tools(&db, &export, &types);
    for want in [
        "duckdb: view cells",
        "duckdb: table cell_data",
        "duckdb: view report_applications",
        "duckdb: view metric_values",
        "datasette: view cell_values",
        "pandas: view report_metrics",
        "parquet: metric_values",
        "parquet: reports",
    ] {
        assert!(out.lines().any(|l| l.starts_with("ok") && l.contains(want)), "no passing line for {want}:\n{out}");
    }
}
