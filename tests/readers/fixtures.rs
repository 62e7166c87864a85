//! The repository's own fixtures, made from the official blank template, against the
//! values written down when they were made.

use crate::common;

fn fixture(rel: &str) -> std::path::PathBuf {
    common::repo().join("tests/fixtures").join(rel)
}

fn check_against(file: &str, expected: &str) {
    let path = fixture(file);
    let (_, doc, _) = xxgk_core::source::read_path(&path, &Default::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, &path);
    let want: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(fixture(expected)).unwrap()).unwrap();
    let bad = common::mismatches(&want, &report);
    assert!(bad.is_empty(), "{file}: {}\nnotes: {:?}", bad.join("\n"), report.notes);
    assert_eq!(report.agency.as_deref(), want["agency"].as_str());
    assert_eq!(report.year.map(i64::from), want["year"].as_i64());
    assert_eq!(report.versions.proactive.map(|v| v.as_str()), want["versions"]["proactive"].as_str());
    assert_eq!(report.versions.applications.map(|v| v.as_str()), want["versions"]["applications"].as_str());
}

#[test]
fn filled_2021_template_docx() {
    check_against("docx/filled-2022.docx", "docx/filled-2022.json");
}

/// PDFs made by LibreOffice from the same DOCX, with page breaks forced inside tables
/// (tests/fixtures/pdf/make_pdfs.py), read to the same cells as their source.
#[test]
fn pdfs_of_the_filled_template_match_their_docx_source() {
    for pdf in ["filled-2022", "filled-2022-break-t2", "filled-2022-break-t3", "filled-2022-break-t3-late"] {
        check_against(&format!("pdf/{pdf}.pdf"), "docx/filled-2022.json");
    }
}
