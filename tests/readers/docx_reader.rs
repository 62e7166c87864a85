//! The DOCX reader on a real report (from the shared corpus), on the filled 2021 template
//! (tests/fixtures/docx, made by make_fixtures.py), and on broken or hostile files.

use std::path::{Path, PathBuf};

use crate::common;

use xxgk_core::source::{docx, read_bytes, Block, Cell, Document, Format, Limits, Span, Table};

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/docx").join(name)
}

fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn gold(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Raw texts of the gold cells of one table row, in the order the gold lists them.
fn gold_row(gold: &serde_json::Value, tbl: &str, row: &str) -> Vec<String> {
    gold["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["tbl"] == tbl && c["row"] == row)
        .map(|c| c["raw"].as_str().unwrap().to_string())
        .collect()
}

fn own_texts(row: &[Cell]) -> Vec<&str> {
    row.iter().filter(|c| c.span == Span::Own).map(|c| c.text.as_str()).collect()
}

fn row_index(t: &Table, first_cell_contains: &str) -> Option<usize> {
    t.rows.iter().position(|r| r.first().is_some_and(|c| c.text.contains(first_cell_contains)))
}

const APP_COLS: [&str; 7] =
    ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"];

#[test]
fn shanghai_office_2019_docx() {
    let corpus = common::corpus();
    let path = corpus.join("real/shanghai-office-2019.docx");
    let bytes = std::fs::read(&path).unwrap();
    let (format, doc) = read_bytes(&bytes, &path, &Limits::default()).unwrap();
    assert_eq!(format, Format::Docx);
    assert!(
        doc.paragraphs().any(|p| p.contains("上海市人民政府办公厅")),
        "{:?}",
        doc.paragraphs().take(5).collect::<Vec<_>>()
    );

    let gold = gold(&corpus.join("gold/shanghai-office-2019.docx.json"));
    let table = doc.tables().find(|t| row_index(t, "本年新收").is_some()).expect("table 三");
    let r = row_index(table, "本年新收").unwrap();
    let own = own_texts(&table.rows[r]);
    let expected = gold_row(&gold, "applications", "new_received");
    assert_eq!(expected.len(), 7);
    assert_eq!(own[1..], expected.iter().map(String::as_str).collect::<Vec<_>>()[..]);
    // A label merged over three grid columns is repeated as column copies.
    assert_eq!(table.rows[r][1].span, Span::ColCopy);
    assert_eq!(table.rows[r][1].text, table.rows[r][0].text);

    // Every row of table 三 has the whole grid, so values line up by grid column.
    let width = table.rows[r].len();
    assert!(table.rows.iter().all(|row| row.len() == width), "ragged grid");

    // The vertical group label: its own cell, then a row copy on every following result row.
    let g = row_index(table, "三、本年度办理结果").unwrap();
    assert_eq!(table.rows[g][0].span, Span::Own);
    let copies = table.rows[g + 1..]
        .iter()
        .take_while(|row| row[0].span == Span::RowCopy && row[0].text == "三、本年度办理结果")
        .count();
    assert!(copies >= 15, "only {copies} rows continue 三、本年度办理结果");
    // （七）总计 is the last row of the group; 四、结转… is not part of it.
    assert!(table.rows[g + copies].iter().any(|c| c.text.contains("总计")));
    assert!(table.rows[g + copies + 1][0].text.starts_with("四、"));

    // The result rows leave the 总计 column blank: an empty string, not a missing cell.
    let granted = &table.rows[g];
    assert_eq!(granted.last().unwrap().text, "");
    assert_eq!(gold_row(&gold, "applications", "granted").last().unwrap(), "");
}

#[test]
fn filled_template_grid() {
    let gold = gold(&fixture("filled-2022.json"));
    let doc = docx::read(&read_fixture("filled-2022.docx"), &Limits::default()).unwrap();
    let title = gold["title"].as_str().unwrap();
    assert_eq!(doc.title_hint.as_deref(), Some(title));
    assert_eq!(doc.paragraphs().next(), Some(title));
    assert!(doc.paragraphs().any(|p| p == "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"));
    // A deletion skipped, a tab as a space, a line break as \n, an entity decoded.
    assert!(doc.paragraphs().any(|p| p == "一是公开 及时。\n二是解读&回应。"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    // Tables come between the right section headings.
    let kinds: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.chars().take(2).collect(),
            Block::Table(_) => "T".to_string(),
            Block::Break => String::new(),
        })
        .collect();
    let pos = |s: &str| kinds.iter().position(|k| k == s).unwrap();
    assert_eq!(kinds[pos("二、") + 1], "T");
    assert_eq!(kinds[pos("三、") + 1], "T");
    assert_eq!(kinds[pos("四、") + 1], "T");
    let tables: Vec<&Table> = doc.tables().collect();
    assert_eq!(tables.len(), 3);

    // Table 二: four grid columns; a value merged over three columns is copied.
    let t = tables[0];
    assert!(t.rows.iter().all(|r| r.len() == 4));
    let row = |label: &str| &t.rows[row_index(t, label).unwrap_or_else(|| panic!("{label}"))];
    for (label, key) in [("规章", "rules"), ("行政规范性文件", "normative_docs")] {
        let texts: Vec<&str> = row(label)[1..].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, gold_row(&gold, "proactive", key), "{label}");
    }
    for (label, key) in
        [("行政许可", "licensing"), ("行政处罚", "penalty"), ("行政强制", "coercion"), ("行政事业性收费", "fees")]
    {
        let r = row(label);
        assert_eq!(own_texts(r)[1..], gold_row(&gold, "proactive", key)[..], "{label}");
        assert_eq!((r[2].span, r[3].span), (Span::ColCopy, Span::ColCopy));
        assert_eq!(r[3].text, r[1].text);
    }
    assert_eq!(
        t.rows[0].iter().map(|c| c.span).collect::<Vec<_>>(),
        [Span::Own, Span::ColCopy, Span::ColCopy, Span::ColCopy]
    );

    // Table 三: ten grid columns (three for labels, seven for values) on every row.
    let t = tables[1];
    assert_eq!(t.rows.len(), 3 + 25);
    assert!(t.rows.iter().all(|r| r.len() == 10), "{:?}", t.rows.iter().map(Vec::len).collect::<Vec<_>>());
    let keys: Vec<String> = {
        let mut seen = Vec::new();
        for c in gold["cells"].as_array().unwrap() {
            let k = c["row"].as_str().unwrap().to_string();
            if c["tbl"] == "applications" && !seen.contains(&k) {
                seen.push(k);
            }
        }
        seen
    };
    for (i, key) in keys.iter().enumerate() {
        let r = &t.rows[3 + i];
        let values: Vec<&str> = r[3..].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(values, gold_row(&gold, "applications", key), "{key}");
        assert!(r[3..].iter().all(|c| c.span == Span::Own), "{key}");
        assert_eq!(gold_row(&gold, "applications", key).len(), APP_COLS.len());
    }
    // Header: 申请人情况 over seven columns; 自然人 and 总计 merged down; the note merged down.
    assert_eq!(t.rows[0][3].text, "申请人情况");
    assert!(t.rows[0][4..].iter().all(|c| c.span == Span::ColCopy && c.text == "申请人情况"));
    assert_eq!((t.rows[2][3].text.as_str(), t.rows[2][3].span), ("自然人", Span::RowCopy));
    assert_eq!((t.rows[2][9].text.as_str(), t.rows[2][9].span), ("总计", Span::RowCopy));
    assert!(t.rows[1][..3].iter().all(|c| c.span == Span::RowCopy && c.text == t.rows[0][0].text));
    // The group labels: 三、本年度办理结果 down column 0, （三）不予公开 down column 1.
    let g = row_index(t, "三、本年度办理结果").unwrap();
    assert_eq!(g, 5);
    assert!(t.rows[g + 1..g + 22].iter().all(|r| r[0].span == Span::RowCopy && r[0].text == "三、本年度办理结果"));
    assert_eq!(t.rows[g + 22][0].text, "四、结转下年度继续办理");
    let deny = t.rows.iter().position(|r| r[1].text == "（三）不予公开").unwrap();
    assert_eq!(t.rows[deny][1].span, Span::Own);
    assert!(t.rows[deny + 1..deny + 8].iter().all(|r| r[1].span == Span::RowCopy && r[1].text == "（三）不予公开"));
    assert_eq!(t.rows[deny + 8][1].text, "（四）无法提供");

    // Table 四: fifteen columns; the value row holds the three rows' five numbers each.
    let t = tables[2];
    assert!(t.rows.iter().all(|r| r.len() == 15));
    let values: Vec<&str> = t.rows[3].iter().map(|c| c.text.as_str()).collect();
    let expected: Vec<String> =
        ["review", "suit_direct", "suit_after_review"].iter().flat_map(|k| gold_row(&gold, "appeals", k)).collect();
    assert_eq!(values, expected);
    assert!(t.rows[2][..5]
        .iter()
        .zip(&t.rows[1][..5])
        .all(|(c, above)| c.span == Span::RowCopy && c.text == above.text));
}

fn err_of(result: anyhow::Result<Document>) -> String {
    format!("{:#}", result.expect_err("should be refused"))
}

#[test]
fn truncated_docx_is_refused() {
    let msg = err_of(docx::read(&read_fixture("truncated.docx"), &Limits::default()));
    assert!(msg.contains("truncated or corrupt"), "{msg}");
}

#[test]
fn non_zip_is_refused_with_the_file_name() {
    let path = fixture("not-a-zip.docx");
    let err = read_bytes(&read_fixture("not-a-zip.docx"), &path, &Limits::default()).unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("not-a-zip.docx") && msg.contains("not a zip archive"), "{msg}");
    let msg = err_of(docx::read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old doc", &Limits::default()));
    assert!(msg.contains("old binary .doc"), "{msg}");
}

#[test]
fn zip_without_document_is_refused() {
    let msg = err_of(docx::read(&read_fixture("no-document.docx"), &Limits::default()));
    assert_eq!(msg, "not a Word document: no word/document.xml");
}

/// An OpenDocument text (`.odt`, as LibreOffice or WPS saves it) is a zip too: refused by
/// what it is, with what to do, not as a Word document that lacks its part.
#[test]
fn an_opendocument_file_is_refused_by_its_kind() {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text").unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(b"<office:document-content/>").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let path = Path::new("report.odt");
    let err = read_bytes(&bytes, path, &Limits::default()).unwrap_err();
    let msg = format!("{err:#}");
    assert!(
        msg.contains("report.odt") && msg.contains("an OpenDocument file (application/vnd.oasis.opendocument.text)"),
        "{msg}"
    );
    assert!(msg.contains("save it as DOCX or PDF"), "{msg}");
}

#[test]
fn zip_bomb_is_refused_by_its_declared_size() {
    let bytes = read_fixture("bomb.docx");
    // Refused by the size its headers declare, before anything is inflated.
    let msg = err_of(docx::read(&bytes, &Limits::default()));
    assert!(msg.contains("more than the limit"), "{msg}");
}

/// Overwrite the uncompressed size in every local and central header of a small zip.
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= bytes.len() {
        let at = match &bytes[i..i + 4] {
            b"PK\x03\x04" => Some(i + 22),
            b"PK\x01\x02" => Some(i + 24),
            _ => None,
        };
        if let Some(at) = at {
            bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn zip_bomb_with_a_lying_header_stops_at_the_limit() {
    let mut bytes = read_fixture("bomb.docx");
    lie_about_sizes(&mut bytes, 1000);
    let limits = Limits { max_inflated_bytes: 1024 * 1024, ..Limits::default() };
    let msg = err_of(docx::read(&bytes, &limits));
    assert!(msg.contains("limit") || msg.contains("corrupt"), "{msg}");
}

#[test]
fn too_many_entries_are_refused() {
    // An end-of-central-directory record that claims 60,000 entries.
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(b"PK\x05\x06\0\0\0\0");
    bytes.extend_from_slice(&60_000u16.to_le_bytes());
    bytes.extend_from_slice(&60_000u16.to_le_bytes());
    bytes.extend_from_slice(&[0; 10]);
    let msg = err_of(docx::read(&bytes, &Limits::default()));
    assert!(msg.contains("60000 entries"), "{msg}");
}

#[test]
fn damaged_copies_never_panic() {
    let good = read_fixture("filled-2022.docx");
    // Truncations at many lengths, and bytes changed at pseudo-random places.
    for len in (0..good.len()).step_by(97) {
        let _ = docx::read(&good[..len], &Limits::default());
    }
    let mut seed = 0x2022_u64;
    for _ in 0..300 {
        let mut bad = good.clone();
        for _ in 0..4 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let at = (seed >> 33) as usize % bad.len();
            bad[at] ^= (seed >> 17) as u8 | 1;
        }
        let _ = docx::read(&bad, &Limits::default());
    }
}

/// A DOCX whose body is `before`, an embedded document (`w:altChunk`) of `chunk` stored as
/// `word/{name}`, then `after` — what web systems write when they export a page "to Word".
fn docx_with_chunk(before: &str, name: &str, chunk: &[u8], after: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut put = |n: &str, b: &[u8]| {
        z.start_file(n, opts).unwrap();
        z.write_all(b).unwrap();
    };
    put("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#);
    put("_rels/.rels", br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#);
    let p = |t: &str| if t.is_empty() { String::new() } else { format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>") };
    put(
        "word/document.xml",
        format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}<w:altChunk r:id="htmlChunk"/>{}<w:sectPr/></w:body></w:document>"#,
            p(before),
            p(after)
        )
        .as_bytes(),
    );
    put(
        "word/_rels/document.xml.rels",
        format!(r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="htmlChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="/word/{name}"/></Relationships>"#).as_bytes(),
    );
    put(&format!("word/{name}"), chunk);
    z.finish().unwrap().into_inner()
}

/// Embedded documents (`w:altChunk`) are read where they stand, by the reader their content
/// calls for: a corpus page as HTML and as a web archive, a generated report as RTF —
/// every gold cell, the Word file's own paragraphs around them.
#[test]
fn embedded_documents_are_read_in_place() {
    let page = std::fs::read(common::corpus().join("real/pingtan-2023.html")).unwrap();
    let mut mht = b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\nContent-Location: file:///C:/export.htm\r\n\r\n".to_vec();
    mht.extend_from_slice(&page);
    mht.extend_from_slice(b"\r\n--b1--\r\n");
    let rtf =
        xxgk_synth::generate(&xxgk_synth::Options { reports: 1, formats: vec![xxgk_synth::Format::Rtf], seed: 4 });
    let cases: [(&str, &[u8], serde_json::Value); 3] = [
        ("afchunk.htm", &page, common::gold("pingtan-2023.json")),
        ("afchunk.mht", &mht, common::gold("pingtan-2023.json")),
        ("afchunk.rtf", &rtf[0].bytes, rtf[0].gold.clone()),
    ];
    for (name, chunk, gold) in cases {
        let bytes = docx_with_chunk("导出说明", name, chunk, "（完）");
        let path = Path::new("export.docx");
        let (format, doc) = read_bytes(&bytes, path, &Limits::default()).unwrap_or_else(|e| panic!("{name}: {e:#}"));
        assert_eq!(format, Format::Docx);
        assert_eq!(doc.blocks.first(), Some(&Block::Paragraph("导出说明".into())), "{name}");
        assert_eq!(doc.blocks.last(), Some(&Block::Paragraph("（完）".into())), "{name}");
        let report = xxgk_core::extract::extract(&doc, path);
        let bad = common::mismatches(&gold, &report);
        assert!(bad.is_empty(), "{name}: {} gold cells differ:\n{}", bad.len(), bad.join("\n"));
        assert_eq!(report.cells.len(), gold["cells"].as_array().unwrap().len(), "{name}");
        assert_eq!(
            (report.agency.as_deref(), report.year.map(i64::from)),
            (gold["agency"].as_str(), gold["year"].as_i64()),
            "{name}"
        );
    }
    // A Word file embedded in a Word file is not read (it could embed another in turn): said.
    let inner = docx_with_chunk("甲", "afchunk.htm", b"<p>x</p>", "");
    let bytes = docx_with_chunk("外", "inner.docx", &inner, "");
    let (_, doc) = read_bytes(&bytes, Path::new("outer.docx"), &Limits::default()).unwrap();
    assert_eq!(doc.blocks, vec![Block::Paragraph("外".into())]);
    assert!(doc.warnings.iter().any(|w| w.contains("inner.docx") && w.contains("not read")), "{:?}", doc.warnings);
}
