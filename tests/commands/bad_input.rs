//! Bad and hostile input: each gives a clear error naming the file and the reason, exit
//! code 1, and the database exactly as it was. Also the reader chosen by content.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn repo(rel: &str) -> PathBuf {
    common::repo().join(rel)
}

fn xxgk(db: &Path) -> Command {
    let mut c = Command::cargo_bin("xxgk").unwrap();
    c.arg("--db").arg(db).env_remove("XXGK_DB");
    c
}

/// A database holding the sample report, in a temporary directory.
fn seeded() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(repo("examples/zibo-psb-2020.txt")).assert().success();
    (dir, db)
}

/// Import `path`; expect exit 1, the file named with `reason` on stderr, the database unchanged.
fn refused(db: &Path, path: &Path, reason: &str) {
    let before = common::dump(db);
    let name = path.file_name().unwrap().to_str().unwrap();
    xxgk(db)
        .arg("import")
        .arg(path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(name).and(predicate::str::contains(reason)));
    assert_eq!(before, common::dump(db), "{name} changed the database");
}

#[test]
fn each_bad_input_is_refused_cleanly() {
    let (dir, db) = seeded();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let sample_docx = std::fs::read(repo("tests/fixtures/docx/filled-2022.docx")).unwrap();
    let sample_doc = std::fs::read(repo("tests/fixtures/doc/pingtan-2021.doc")).unwrap();
    // The same .doc with the FIB's "encrypted" flag set (the FIB opens a 512-byte sector).
    let mut protected_doc = sample_doc.clone();
    let fib = (512..protected_doc.len()).step_by(512).find(|&at| protected_doc[at..at + 2] == [0xEC, 0xA5]).unwrap();
    protected_doc[fib + 0x0B] |= 0x01;
    let cases: Vec<(PathBuf, &str)> = vec![
        (write("empty.txt", b""), "empty"),
        (write("blank.html", b"   \n\t  "), "empty"),
        (write("junk.txt", &junk), "binary"),
        (write("junk.html", &junk), "binary"),
        (write("junk.docx", &junk), "not a zip"),
        (write("junk.pdf", &junk), "not a PDF"),
        (write("junk.bin", &junk), "not a format xxgk reads"),
        (write("junk.doc", &junk), "not an OLE compound file"),
        (write("half.doc", &sample_doc[..sample_doc.len() / 2]), "compound file"),
        (write("protected.doc", &protected_doc), "password-protected"),
        // An RTF document is read (under a .doc name too); this one holds no report.
        (write("rtf.doc", b"{\\rtf1\\ansi \\par 2021}"), "no annual report found"),
        (repo("tests/fixtures/docx/truncated.docx"), "truncated or corrupt"),
        (write("half.docx", &sample_docx[..sample_docx.len() / 2]), "zip"),
        (repo("tests/fixtures/docx/bomb.docx"), "limit"),
        (repo("tests/fixtures/docx/not-a-zip.docx"), "not a zip"),
        (repo("tests/fixtures/docx/no-document.docx"), "no word/document.xml"),
        (
            write("portal.html", "<html><body><h1>欢迎访问</h1><p>网站首页 新闻 联系我们</p></body></html>".as_bytes()),
            "no annual report",
        ),
        (write("prose.txt", "今天天气很好。\n我们去公园散步。\n".as_bytes()), "no annual report"),
        // A scan of a blank page: OCR reads nothing in it.
        (repo("tests/fixtures/pdf/image-only.pdf"), "no annual report"),
        (repo("tests/fixtures/pdf/encrypted.pdf"), "encrypted"),
        (write("truncated.pdf", &std::fs::read(common::corpus().join("real/hongze-2023.pdf")).unwrap()[..3000]), "PDF"),
        (d.join("does-not-exist.txt"), "cannot read"),
    ];
    for (path, reason) in &cases {
        refused(&db, path, reason);
    }
    assert!(cases.len() >= 18);
}

#[test]
fn a_directory_with_good_and_bad_files_imports_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(repo("examples/zibo-psb-2020.txt"), src.join("a.txt")).unwrap();
    std::fs::write(src.join("b.docx"), b"not a zip at all").unwrap();
    // A symlink loop must not make the walk go round forever.
    #[cfg(unix)]
    std::os::unix::fs::symlink(&src, src.join("loop")).unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db)
        .arg("import")
        .arg(&src)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("淄博市公安局"))
        .stderr(predicate::str::contains("b.docx"));
    let out = xxgk(&db).args(["reports", "--format", "csv"]).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[test]
fn the_same_file_twice_in_one_run_is_imported_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let sample = repo("examples/zibo-psb-2020.txt");
    xxgk(&db).arg("import").arg(&sample).arg(&sample).assert().success().stdout(predicate::str::contains("unchanged"));
}

#[test]
fn the_reader_is_chosen_by_content_not_extension() {
    let dir = tempfile::tempdir().unwrap();
    let docx_as_htm = dir.path().join("report.htm");
    std::fs::copy(repo("tests/fixtures/docx/filled-2022.docx"), &docx_as_htm).unwrap();
    let html_as_txt = dir.path().join("page.txt");
    std::fs::copy(common::corpus().join("real/pingtan-2023.html"), &html_as_txt).unwrap();
    let db = dir.path().join("x.db");
    let out = xxgk(&db).args(["import", "--format", "json"]).arg(&docx_as_htm).arg(&html_as_txt).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["format"], "docx");
    assert_eq!(rows[0]["agency"], "示例市示例局");
    assert_eq!(rows[1]["format"], "html");
    assert_eq!(rows[1]["agency"], "平潭综合实验区");
    assert_eq!(rows[1]["cells"], 200);
}

#[test]
fn a_report_without_tables_keeps_its_metadata_and_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("short.txt");
    std::fs::write(&p, "某某县教育局2022年政府信息公开工作年度报告\n本年度共收到政府信息公开申请3件。\n").unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(&p).assert().success();
    let out = xxgk(&db).args(["sql", "SELECT agency, year, notes FROM reports", "--format", "json"]).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["agency"], "某某县教育局");
    assert_eq!(rows[0]["year"], 2022);
    let notes = rows[0]["notes"].as_str().unwrap();
    for t in ["table 二", "table 三", "table 四"] {
        assert!(notes.contains(t), "{notes}");
    }
}

#[test]
fn huge_numbers_and_odd_cells_do_not_break_import() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("examples/zibo-psb-2020.txt")).unwrap();
    let huge = "9".repeat(400);
    let p = dir.path().join("odd.txt");
    std::fs::write(&p, text.replacen("\t7323", &format!("\t{huge}"), 1)).unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(&p).assert().success();
    let out = xxgk(&db)
        .args([
            "sql",
            "SELECT state, value FROM cells WHERE row_key = 'licensing' AND col_key = 'decisions'",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["state"], "text");
    assert_eq!(rows[0]["value"], serde_json::Value::Null);
}

#[test]
fn other_file_types_in_a_directory_are_left_out_not_failed() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("downloads");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(repo("examples/zibo-psb-2020.txt"), src.join("report.txt")).unwrap();
    std::fs::write(src.join("notes.json"), b"{}").unwrap();
    std::fs::write(src.join("photo.jpg"), [0xFFu8, 0xD8, 0xFF, 0xE0]).unwrap();
    // A portal download with no extension is read, its reader chosen by content.
    std::fs::copy(common::corpus().join("real/pingtan-2023.html"), src.join("content_1234")).unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db)
        .arg("import")
        .arg(&src)
        .assert()
        .success()
        .stderr(predicate::str::contains("2 added").and(predicate::str::contains("2 left out")));
}
