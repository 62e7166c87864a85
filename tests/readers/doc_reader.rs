//! The Word 97 reader (`.doc`, `.wps`): LibreOffice's `.doc` copies of the corpus reports
//! (tests/fixtures/doc, made by make_fixtures.sh) against the gold of their sources, the
//! format samples (Word and WPS Office files) against their `.docx` twins, and broken,
//! disguised or protected files.

use crate::common;

use std::path::{Path, PathBuf};

use xxgk_core::source::{doc, read_bytes, Block, Document, Format, Limits};

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/doc").join(name)
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
    let report = xxgk_core::extract::extract(&doc, &path);
    let bad = common::mismatches(&g, &report);
    let total = g["cells"].as_array().unwrap().len();
    assert!(
        bad.is_empty(),
        "{name}: {} of {total} gold cells differ:\n{}\nnotes: {:?}",
        bad.len(),
        bad.join("\n"),
        report.notes
    );
    assert_eq!(report.agency.as_deref(), g["agency"].as_str(), "{name}: agency");
    assert_eq!(report.year.map(i64::from), g["year"].as_i64(), "{name}: year");
    assert_eq!(
        report.versions.proactive.map(|v| v.as_str()),
        g["versions"]["proactive"].as_str(),
        "{name}: version of table 二"
    );
    assert_eq!(
        report.versions.applications.map(|v| v.as_str()),
        g["versions"]["applications"].as_str(),
        "{name}: version of table 三"
    );
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

/// The paragraphs of a document, tables flattened to their cells' text (own cells only).
fn texts(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => out.push(p.clone()),
            Block::Table(t) => {
                for r in &t.rows {
                    out.extend(
                        r.iter()
                            .filter(|c| c.span == xxgk_core::source::Span::Own && !c.text.is_empty())
                            .map(|c| c.text.to_string()),
                    );
                }
            }
            Block::Break => {}
        }
    }
    out
}

/// The format samples: each Word 97 file's text equals its .docx twin's, paragraph by
/// paragraph, and the title hint agrees.
#[test]
fn format_samples_equal_their_docx_twins() {
    let dir = common::corpus().join("formats");
    for (name, exts) in [("govcheck__test", &["wps"][..]), ("secret_level__master_template", &["doc", "wps"][..])] {
        let (_, twin) = read_path(&dir.join(format!("{name}.docx")));
        assert!(texts(&twin).len() > 10, "{name}.docx: {:?}", texts(&twin));
        for ext in exts {
            let path = dir.join(format!("{name}.{ext}"));
            let (format, doc) = read_path(&path);
            assert_eq!(format, Format::Doc, "{name}.{ext}");
            assert_eq!(texts(&doc), texts(&twin), "{name}.{ext}");
            assert_eq!(doc.title_hint, twin.title_hint, "{name}.{ext}");
        }
    }
}

/// govcheck__test.doc (written by Microsoft Word, code page 936) holds another revision
/// of the text than its .docx, .wps and .pdf twins: six paragraphs differ in their words
/// (the .docx's 一份公文文件 / 教育局 / 共印2份 appear nowhere in the .doc's bytes, in
/// UTF-16 or GBK). So the comparison is exact on the other paragraphs and on the
/// structure, and the differing ones are spelled out as the .doc has them.
#[test]
fn format_sample_written_by_word_reads_its_own_revision() {
    let dir = common::corpus().join("formats");
    let bytes = std::fs::read(dir.join("govcheck__test.doc")).unwrap();
    for only_in_docx in ["一份公文文件", "教育局", "共印2份", "Xxxxxxxxxxxxx"] {
        let utf16: Vec<u8> = only_in_docx.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (gbk, _, _) = encoding_rs::GBK.encode(only_in_docx);
        for needle in [&utf16[..], &gbk[..]] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{only_in_docx} is in the .doc after all");
        }
    }
    let (_, twin) = read_path(&dir.join("govcheck__test.docx"));
    let (format, doc) = read_path(&dir.join("govcheck__test.doc"));
    assert_eq!(format, Format::Doc);
    let (got, want) = (texts(&doc), texts(&twin));
    assert_eq!(got.len(), want.len(), "{got:#?}");
    let differs: Vec<(usize, &str)> =
        (0..got.len()).filter(|&i| got[i] != want[i]).map(|i| (i, got[i].as_str())).collect();
    let spaces = " ".repeat(27);
    let footer = format!("国防部{spaces}2012年12月12日印发");
    assert_eq!(
        differs,
        vec![
            (0, "国防部下发文件"),
            (1, "国防部发〔2023〕33号"),
            (2, "国防部关于教育部放假的通知"),
            (7, "国防部"),
            (9, "抄送：教育部，教育部。"),
            (10, "分送：教育部，教育部。"),
            (11, footer.as_str()),
            (12, "共印3份"),
        ]
    );
}

/// The reader is chosen by content: a `.doc` or `.wps` that is really HTML or DOCX goes
/// to that reader, an OLE file named `.txt` to this one.
#[test]
fn disguised_files_go_to_their_reader() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = common::corpus().join("real");
    let limits = Limits::default();
    for (src, name, want) in [
        (corpus.join("pingtan-2021.html"), "report.doc", Format::Html),
        (corpus.join("shanghai-office-2019.docx"), "report.wps", Format::Docx),
        (fixture("pingtan-2021.doc"), "report.txt", Format::Doc),
        (fixture("pingtan-2021.doc"), "report", Format::Doc),
    ] {
        let path = dir.path().join(name);
        std::fs::copy(&src, &path).unwrap();
        let (format, _, _) = xxgk_core::source::read_path(&path, &limits).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(format, want, "{} as {name}", src.display());
    }
    // RTF saved as .doc: read as RTF.
    let rtf = dir.path().join("report.doc");
    std::fs::write(&rtf, "{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}\\par 2021\\'c4\\'ea\\'b1\\'a8\\'b8\\'e6\\par}")
        .unwrap();
    let (format, doc, _) = xxgk_core::source::read_path(&rtf, &limits).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(format, Format::Rtf);
    assert_eq!(doc.blocks, vec![Block::Paragraph("2021年报告".into())]);
    // Junk named .doc: the Word reader says why.
    std::fs::write(&rtf, "just some text, no signature").unwrap();
    let msg = format!("{:#}", xxgk_core::source::read_path(&rtf, &limits).unwrap_err());
    assert!(msg.contains("report.doc") && msg.contains("not an OLE compound file"), "{msg}");
}

/// An OLE compound file with the given streams, made with the `cfb` crate.
fn ole(streams: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        cf.create_stream(name).unwrap().write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// The WordDocument stream of a fixture, and where in the file its first sector is
/// (the FIB is at the start of the stream, so in the first sector).
fn fib_offset(bytes: &[u8]) -> usize {
    (1..bytes.len() / 512)
        .map(|k| k * 512)
        .find(|&at| bytes[at..at + 2] == [0xEC, 0xA5])
        .expect("a sector starting with the FIB")
}

#[test]
fn protected_and_other_ole_files_are_refused_clearly() {
    let limits = Limits::default();
    // The FIB's fEncrypted flag.
    let mut bytes = read_fixture("pingtan-2021.doc");
    let at = fib_offset(&bytes);
    bytes[at + 0x0B] |= 0x01;
    assert!(err_of(doc::read(&bytes, &limits)).contains("password-protected"));
    // An encrypted DOCX is an OLE file with EncryptionInfo and EncryptedPackage streams.
    let msg = err_of(doc::read(&ole(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]), &limits));
    assert!(msg.contains("password-protected"), "{msg}");
    let msg = err_of(doc::read(&ole(&[("Workbook", b"x")]), &limits));
    assert!(msg.contains("Excel"), "{msg}");
    let msg = err_of(doc::read(&ole(&[("WordDocument", &[0u8; 10])]), &limits));
    assert!(msg.contains("does not start with a Word FIB"), "{msg}");
    // Word 6/95.
    let mut bytes = read_fixture("pingtan-2021.doc");
    let at = fib_offset(&bytes);
    bytes[at + 2..at + 4].copy_from_slice(&104u16.to_le_bytes());
    assert!(err_of(doc::read(&bytes, &limits)).contains("Word 6.0/95"));
    // Through read_bytes, the error names the file.
    let path = Path::new("secret.doc");
    let msg = format!(
        "{:#}",
        read_bytes(&ole(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]), path, &limits).unwrap_err()
    );
    assert!(msg.starts_with("secret.doc: cannot read as doc: ") && msg.contains("password"), "{msg}");
}

#[test]
fn broken_files_give_errors_not_panics() {
    let limits = Limits::default();
    let good = read_fixture("shanghai-office-2019.docx.doc");
    // Truncated anywhere.
    for cut in [8, 100, 512, 1536, good.len() / 3, good.len() / 2, good.len() - 512] {
        let _ = doc::read(&good[..cut], &limits);
    }
    let msg = err_of(doc::read(&good[..good.len() / 2], &limits));
    assert!(msg.contains("compound file") || msg.contains("stream"), "{msg}");
    // Bad offsets in the FIB: the piece table past the table stream's end.
    let mut bytes = good.clone();
    let at = fib_offset(&bytes);
    let csw = u16::from_le_bytes([bytes[at + 32], bytes[at + 33]]) as usize;
    let lw = at + 34 + 2 * csw;
    let cslw = u16::from_le_bytes([bytes[lw], bytes[lw + 1]]) as usize;
    let clx = lw + 2 + 4 * cslw + 2 + 8 * 33;
    bytes[clx..clx + 4].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes());
    let msg = err_of(doc::read(&bytes, &limits));
    assert!(msg.contains("piece table (CLX)") && msg.contains("outside"), "{msg}");
    // Every byte of the FIB's first 1,024 flipped in turn: errors or documents, no panic.
    for i in 0..1024 {
        let mut b = good.clone();
        b[at + i] ^= 0xFF;
        let _ = doc::read(&b, &limits);
    }
}

#[test]
fn stream_sizes_are_bounded() {
    let limits = Limits { max_inflated_bytes: 20_000, ..Limits::default() };
    let msg = err_of(doc::read(&read_fixture("pingtan-2021.doc"), &limits));
    assert!(msg.contains("stream is") && msg.contains("--max-inflated-bytes"), "{msg}");
}

/// `xxgk inspect --document` shows a .doc as it shows the .docx it was made from.
#[test]
fn inspect_document_shows_a_doc_like_its_docx() {
    let show = |path: &Path| {
        let out = assert_cmd::Command::cargo_bin("xxgk")
            .unwrap()
            .args(["inspect", "--document", "--format", "tsv"])
            .arg(path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let doc = show(&fixture("shanghai-office-2019.docx.doc"));
    let docx = show(&common::corpus().join("real/shanghai-office-2019.docx"));
    assert!(doc.lines().filter(|l| l.contains("\ttable\t")).count() > 40, "{doc}");
    assert_eq!(doc, docx);
}

/// A directory import picks up .doc and .wps files and stores them as format doc.
#[test]
fn directory_import_reads_doc_and_wps() {
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    std::fs::copy(fixture("pingtan-2021.doc"), reports.join("平潭2021.doc")).unwrap();
    std::fs::copy(fixture("shanghai-office-2019.wps"), reports.join("上海2019.WPS")).unwrap();
    let db = dir.path().join("x.db");
    let out = assert_cmd::Command::cargo_bin("xxgk")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(&reports)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let rows: Vec<(String, i64, String)> = conn
        .prepare("SELECT agency, year, source_format FROM reports ORDER BY year")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        vec![
            ("上海市人民政府办公厅".to_string(), 2019, "doc".to_string()),
            ("平潭综合实验区".to_string(), 2021, "doc".to_string())
        ]
    );
}

/// Tables pasted as pictures: two inline (in the Data stream, found by the picture
/// character's properties) and two floating (shapes whose pictures are in the drawing's
/// store), read by OCR in place, every cell against the gold (needs tesseract, as CI has).
/// With OCR off, the same file reads its text and has no tables.
#[test]
fn pictures_inline_and_floating_are_read_by_ocr() {
    let path = fixture("pictures.doc");
    let (format, doc) = read_path(&path);
    assert_eq!(format, Format::Doc);
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(4), "{:?}", doc.warnings);
    let report = xxgk_core::extract::extract(&doc, &path);
    assert_eq!((report.agency.as_deref(), report.year), (Some("平潭综合实验区"), Some(2023)));
    let gold = common::gold("pingtan-2023.json");
    let bad = common::mismatches(&gold, &report);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
    assert_eq!(report.cells.len(), gold["cells"].as_array().unwrap().len());
    // Each picture stands after the heading of its table.
    let at = |needle: &str| doc.blocks.iter().position(|b| format!("{b:?}").contains(needle)).unwrap();
    assert!(at("二、主动公开") < at("规章") && at("规章") < at("三、收到和处理"));
    assert!(at("四、政府信息公开行政复议") < at("维持") && at("维持") < at("五、存在的主要问题"));

    let never = Limits {
        ocr: xxgk_core::source::ocr::OcrOptions { mode: xxgk_core::source::ocr::OcrMode::Never, ..Default::default() },
        ..Limits::default()
    };
    let doc = doc::read(&read_fixture("pictures.doc"), &never).unwrap();
    assert!(doc.ocr.is_none() && !doc.blocks.iter().any(|b| matches!(b, Block::Table(_))));
}

/// Tables in floating frames: LibreOffice writes them as text boxes, whose text is a
/// story of its own; each comes back where its anchor is, as in the DOCX reader.
#[test]
fn text_boxes_come_back_at_their_anchors() {
    let (_, doc) = read_path(&fixture("floating.doc"));
    let table = |a: &str, b: &str| {
        Block::Table(xxgk_core::source::Table {
            rows: vec![vec![xxgk_core::source::Cell::own(a), xxgk_core::source::Cell::own(b)]],
        })
    };
    assert_eq!(
        doc.blocks,
        vec![
            Block::Paragraph("开头".into()),
            table("浮动表", "1"),
            table("右对齐表", "2"),
            Block::Paragraph("绝对定位".into()),
            Block::Paragraph("最后一段".into()),
        ]
    );
}

/// Generated reports (both template versions, the mixed case, merged cells, blank and
/// n.a. cells, labels split over runs), written as DOCX and HTML and saved as `.doc` by
/// LibreOffice, against the gold the generator wrote (tests/fixtures/doc/synth).
#[test]
fn generated_reports_as_doc_match_their_gold() {
    let dir = fixture("synth");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".doc").map(str::to_string))
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    let mut checked = 0;
    for name in &names {
        let path = dir.join(format!("{name}.doc"));
        let gold: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{name}.json"))).unwrap()).unwrap();
        let (format, doc) = read_path(&path);
        assert_eq!(format, Format::Doc);
        let report = xxgk_core::extract::extract(&doc, &path);
        let bad = common::mismatches(&gold, &report);
        assert!(bad.is_empty(), "{name}: {} cells differ:\n{}", bad.len(), bad.join("\n"));
        assert_eq!(report.agency.as_deref(), gold["agency"].as_str(), "{name}: agency");
        assert_eq!(report.year.map(i64::from), gold["year"].as_i64(), "{name}: year");
        checked += gold["cells"].as_array().unwrap().len();
    }
    eprintln!("{} generated .doc reports: {checked} gold cells match", names.len());
}
