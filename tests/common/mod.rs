//! Helpers shared by the integration tests: where the corpus is, and gold comparison.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The repository's top directory.
pub fn repo() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    here.canonicalize().unwrap_or(here)
}

/// The shared corpus: `../shared/corpus` beside the repository (as in CI). A test that
/// needs it fails, naming the path, when it is not there: no silent skip.
pub fn corpus() -> PathBuf {
    let expected = repo().join("../shared/corpus");
    for candidate in [expected.clone(), PathBuf::from("/work/shared/corpus")] {
        if candidate.join("gold").is_dir() {
            return candidate;
        }
    }
    panic!(
        "the shared corpus is missing: expected it at {} (../shared/corpus beside the repository, with gold/ and real/)",
        expected.display()
    );
}

/// A gold file, parsed.
pub fn gold(name: &str) -> Value {
    let path = corpus().join("gold").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("gold JSON")
}

/// A gold file of the pre-2019 corpus (`pingtan-2013.json`), parsed.
pub fn pre2019_gold(name: &str) -> Value {
    let path = corpus().join("pre2019/gold").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("gold JSON")
}

/// A pre-2019 gold figure: `(value, unit, raw)` of `key`.
pub fn gold_figure(gold: &Value, key: &str) -> Option<(f64, String, String)> {
    let f = gold["figures"].as_array()?.iter().find(|f| f["key"] == key)?;
    Some((f["value"].as_f64()?, f["unit"].as_str().unwrap_or_default().to_string(), f["raw"].as_str()?.to_string()))
}

/// Compare every gold cell with a report; returns the mismatches, one line each.
pub fn mismatches(gold: &Value, report: &xxgk_core::report::Report) -> Vec<String> {
    let mut out = Vec::new();
    for g in gold["cells"].as_array().expect("cells") {
        let (tbl, row, col) = (g["tbl"].as_str().unwrap(), g["row"].as_str().unwrap(), g["col"].as_str().unwrap());
        let want_state = g["state"].as_str().unwrap();
        let want_value = g["value"].as_f64();
        let table =
            xxgk_core::template::Table::parse(tbl).unwrap_or_else(|| panic!("gold names an unknown table {tbl:?}"));
        match report.cell(table, row, col) {
            None => out.push(format!("{tbl}.{row}.{col}: missing (gold {want_state} {want_value:?})")),
            Some(c) => {
                let value_ok = match (c.value, want_value) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (None, None) => true,
                    _ => false,
                };
                if c.state.as_str() != want_state || !value_ok {
                    out.push(format!(
                        "{tbl}.{row}.{col}: got {} {:?} (raw {:?}), gold {want_state} {want_value:?}",
                        c.state.as_str(),
                        c.value,
                        c.raw
                    ));
                }
                if let Some(unit) = g.get("unit").and_then(Value::as_str) {
                    if c.unit.as_deref() != Some(unit) {
                        out.push(format!("{tbl}.{row}.{col}: unit {:?}, gold {unit}", c.unit));
                    }
                }
            }
        }
    }
    out
}

/// Read and extract one corpus file.
pub fn parse(real: &str) -> xxgk_core::report::Report {
    let path = corpus().join("real").join(real);
    let (_, doc, _) = xxgk_core::source::read_path(&path, &Default::default()).unwrap_or_else(|e| panic!("{e:#}"));
    xxgk_core::extract::extract(&doc, &path)
}

/// Assert a corpus file matches its gold: every cell, agency, year, versions of 二 and 三.
pub fn assert_matches_gold(real: &str, gold_name: &str) {
    let g = gold(gold_name);
    let report = parse(real);
    let bad = mismatches(&g, &report);
    assert!(
        bad.is_empty(),
        "{real}: {} of {} gold cells differ:\n{}\nnotes: {:?}",
        bad.len(),
        g["cells"].as_array().unwrap().len(),
        bad.join("\n"),
        report.notes
    );
    assert_eq!(report.agency.as_deref(), g["agency"].as_str(), "{real}: agency");
    assert_eq!(report.year.map(i64::from), g["year"].as_i64(), "{real}: year");
    assert_eq!(
        report.versions.proactive.map(|v| v.as_str()),
        g["versions"]["proactive"].as_str(),
        "{real}: version of table 二"
    );
    assert_eq!(
        report.versions.applications.map(|v| v.as_str()),
        g["versions"]["applications"].as_str(),
        "{real}: version of table 三"
    );
}

/// Everything an xxgk database holds, as text, for before/after comparisons.
pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut out = String::new();
    for table in [
        "agencies",
        "agency_aliases",
        "reports",
        "cells",
        "figures",
        "check_results",
        "claims",
        "report_metrics",
        "template_cells",
        "cell_data",
        "extra_cells",
        "metric_names",
        "metric_sources",
        "metric_data",
        "check_runs",
    ] {
        let exists: bool = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1",
                [table],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
            > 0;
        if !exists {
            continue;
        }
        // Ordered by every column: views have no order of their own.
        let n = conn.prepare(&format!("SELECT * FROM {table}")).unwrap().column_count();
        let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
        let mut stmt = conn.prepare(&format!("SELECT * FROM {table} ORDER BY {}", order.join(", "))).unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let vals: Vec<String> =
                (0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect();
            out.push_str(&format!("{table}: {}\n", vals.join("|")));
        }
    }
    out
}

pub mod shapes;

/// How a report's cells compare with its gold: right, missing, and wrong (a cell the
/// report has whose state or value differs), with the wrong ones' descriptions.
#[derive(Debug, Default)]
pub struct Score {
    pub right: usize,
    pub missing: Vec<String>,
    pub wrong: Vec<String>,
}

/// Score a report against a gold file's cells.
pub fn score(gold: &Value, report: &xxgk_core::report::Report) -> Score {
    let mut s = Score::default();
    for g in gold["cells"].as_array().expect("cells") {
        let (tbl, row, col) = (g["tbl"].as_str().unwrap(), g["row"].as_str().unwrap(), g["col"].as_str().unwrap());
        let table = xxgk_core::template::Table::parse(tbl).unwrap();
        match report.cell(table, row, col) {
            None => s.missing.push(format!("{tbl}.{row}.{col}")),
            Some(c) => {
                let value_ok = match (c.value, g["value"].as_f64()) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-9,
                    (None, None) => true,
                    _ => false,
                };
                if c.state.as_str() == g["state"].as_str().unwrap() && value_ok {
                    s.right += 1;
                } else {
                    s.wrong.push(format!(
                        "{tbl}.{row}.{col}: got {} {:?} (raw {:?}, {}), gold {} {:?}",
                        c.state.as_str(),
                        c.value,
                        c.raw,
                        c.placement.as_str(),
                        g["state"],
                        g["value"]
                    ));
                }
            }
        }
    }
    s
}
