//! The Word 97 reader (`.doc`, `.wps`): LibreOffice's `.doc` copies of the corpus reports
//! (tests/fixtures/doc, made by make_fixtures.sh) against the gold of their sources, the
//! format samples (Word and WPS Office files) against their `.docx` twins, and broken,
//! disguised or protected files.

mod common;

use std::path::{Path, PathBuf};

use xxgk::source::{doc, read_bytes, Block, Document, Format, Limits};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doc").join(name)
}

fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{}: {e}", fixture(name).display()))
}

fn read_path(path: &Path) -> (Format, Document) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_bytes(&bytes, path, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"))
}

fn err_of(r: anyhow::Result<Document>) -> String {
    format!("{:#}", r.expect_err("expected an error"))
}

/// A fixture against a gold file: every cell, agency, year, versions of 二 and 三.
fn assert_fixture_matches_gold(name: &str, gold_name: &str) {
    let g = common::gold(gold_name);
    let path = fixture(name);
    let (format, doc) = read_path(&path);
    assert_eq!(format, Format::Doc, "{name}");
    let report = xxgk::extract::extract(&doc, &path);
    let bad = common::mismatches(&g, &report);
    let total = g["cells"].as_array().unwrap().len();
    assert!(bad.is_empty(), "{name}: {} of {total} gold cells differ:\n{}\nnotes: {:?}", bad.len(), bad.join("\n"), report.notes);
    assert_eq!(report.agency.as_deref(), g["agency"].as_str(), "{name}: agency");
    assert_eq!(report.year.map(i64::from), g["year"].as_i64(), "{name}: year");
    assert_eq!(report.versions.proactive.as_deref(), g["versions"]["proactive"].as_str(), "{name}: version of table 二");
    assert_eq!(report.versions.applications.as_deref(), g["versions"]["applications"].as_str(), "{name}: version of table 三");
    eprintln!("{name}: {total} of {total} gold cells match");
}

#[test]
fn pingtan_2019_doc() {
    assert_fixture_matches_gold("pingtan-2019.doc", "pingtan-2019.json");
}

#[test]
fn pingtan_2021_doc() {
    assert_fixture_matches_gold("pingtan-2021.doc", "pingtan-2021.json");
}

#[test]
fn pingtan_2023_doc() {
    assert_fixture_matches_gold("pingtan-2023.doc", "pingtan-2023.json");
}

#[test]
fn shanghai_office_2019_doc_from_html() {
    assert_fixture_matches_gold("shanghai-office-2019.doc", "shanghai-office-2019.json");
}

#[test]
fn shanghai_office_2019_doc_from_docx() {
    assert_fixture_matches_gold("shanghai-office-2019.docx.doc", "shanghai-office-2019.docx.json");
}

#[test]
fn shanghai_office_2019_wps() {
    assert_fixture_matches_gold("shanghai-office-2019.wps", "shanghai-office-2019.docx.json");
}

#[test]
fn shuyang_fgj_2023_doc() {
    assert_fixture_matches_gold("shuyang-fgj-2023.doc", "shuyang-fgj-2023.json");
}
