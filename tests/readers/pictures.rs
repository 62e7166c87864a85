//! Tables published as pictures inside a document that is otherwise text: a Word file
//! whose statistics tables are pasted screenshots, and a web page whose table pictures are
//! kept inside the page itself (`data:` addresses, as a web editor keeps a pasted
//! screenshot). Both are written at test time from the saved page's four table pictures
//! (`tests/fixtures/ocr/saved-pingtan-2023/page_files/`) and read by OCR against the gold.
//!
//! Needs tesseract (tesseract-ocr, tesseract-ocr-chi-sim), as CI has.

use std::io::Write as _;
use std::path::Path;

use base64::Engine as _;
use xxgk_core::source::ocr::{OcrMode, OcrOptions};
use xxgk_core::source::{self, Limits};

use crate::common;

/// Table picture `n` (1–4) of the saved page; 5 is an empty white picture (a photograph's
/// frame left empty, a blank banner).
fn picture(n: usize) -> Vec<u8> {
    if n == EMPTY_PICTURE {
        let img = image::GrayImage::from_pixel(400, 200, image::Luma([255]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        return out;
    }
    let path = common::repo().join(format!("tests/fixtures/ocr/saved-pingtan-2023/page_files/table-{n}.png"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The number of [`picture`]'s empty one.
const EMPTY_PICTURE: usize = 5;

/// Width and height of a PNG, from its header.
fn png_size(png: &[u8]) -> (u32, u32) {
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// What goes into the Word file, in order.
enum Part {
    Title(&'static str),
    Text(&'static str),
    /// A picture as Word 2007 and later insert it (DrawingML, `a:blip r:embed`).
    Drawing(usize),
    /// A picture as Word 2003's markup and WPS write it (VML, `v:imagedata r:id`).
    Vml(usize),
    /// A one-row table holding a picture: pictures inside tables are not read.
    TableWithPicture(usize),
}

/// A DOCX of `parts`; picture n is `word/media/imageN.png`, relationship `rIdN`.
fn docx(parts: &[Part], dir: &Path, name: &str) -> std::path::PathBuf {
    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:v="urn:schemas-microsoft-com:vml""#;
    let drawing = |n: usize| {
        let (w, h) = png_size(&picture(n));
        format!(
            r#"<w:p><w:r><w:drawing><wp:inline><wp:extent cx="{}" cy="{}"/><wp:docPr id="{n}" name="Picture {n}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="image{n}.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId{n}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
            u64::from(w) * 9525,
            u64::from(h) * 9525
        )
    };
    let mut body = String::new();
    let mut pictures = Vec::new();
    for part in parts {
        match *part {
            Part::Title(t) => {
                body += &format!(r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#)
            }
            Part::Text(t) => body += &format!("<w:p><w:r><w:t>{t}</w:t></w:r></w:p>"),
            Part::Drawing(n) => {
                body += &drawing(n);
                pictures.push(n);
            }
            Part::Vml(n) => {
                body += &format!(
                    r#"<w:p><w:r><w:pict><v:shape id="s{n}" style="width:400pt;height:300pt"><v:imagedata r:id="rId{n}"/></v:shape></w:pict></w:r></w:p>"#
                );
                pictures.push(n);
            }
            Part::TableWithPicture(n) => {
                body += &format!("<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>", drawing(n));
                pictures.push(n);
            }
        }
    }
    let rels: String = pictures
        .iter()
        .map(|n| format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{n}.png"/>"#))
        .collect();
    let path = dir.join(name);
    let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, bytes: &[u8]| {
        z.start_file(name, opts).unwrap();
        z.write_all(bytes).unwrap();
    };
    put("[Content_Types].xml", br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#);
    put("_rels/.rels", br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#);
    put(
        "word/document.xml",
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#).as_bytes(),
    );
    put(
        "word/_rels/document.xml.rels",
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#).as_bytes(),
    );
    for n in pictures {
        put(&format!("word/media/image{n}.png"), &picture(n));
    }
    z.finish().unwrap();
    path
}

/// The report's prose around its four table pictures.
fn report(pictures: [Part; 4]) -> Vec<Part> {
    let [two, three_a, three_b, four] = pictures;
    vec![
        Part::Title("平潭综合实验区2023年政府信息公开工作年度报告"),
        Part::Text("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"),
        Part::Text("一、总体情况"),
        Part::Text("二、主动公开政府信息情况"),
        two,
        Part::Text("三、收到和处理政府信息公开申请情况"),
        three_a,
        three_b,
        Part::Text("四、政府信息公开行政复议、行政诉讼情况"),
        four,
        Part::Text("五、存在的主要问题及改进情况"),
    ]
}

fn read(path: &Path, limits: &Limits) -> (source::Document, xxgk_core::report::Report) {
    let (_, doc, _) = source::read_path(path, limits).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, path);
    (doc, report)
}

#[test]
fn a_word_file_whose_tables_are_pictures_reads_them_by_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let path =
        docx(&report([Part::Drawing(1), Part::Drawing(2), Part::Vml(3), Part::Drawing(4)]), dir.path(), "r.docx");
    let (doc, got) = read(&path, &Limits::default());
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(4), "one OCR page per picture, DrawingML and VML alike");
    assert_eq!((got.agency.as_deref(), got.year), (Some("平潭综合实验区"), Some(2023)));
    let gold = common::gold("pingtan-2023.json");
    let bad = common::mismatches(&gold, &got);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
    assert_eq!(got.cells.len(), gold["cells"].as_array().unwrap().len());
    assert!(got.cells.iter().all(|c| c.confidence.is_some() && c.ocr_raw.is_some()), "every cell marked as OCR's");
    // The pictures stand where the file shows them: table 二's rows after its heading.
    let texts: Vec<String> = doc.blocks.iter().map(|b| format!("{b:?}")).collect();
    let heading = texts.iter().position(|t| t.contains("二、主动公开政府信息情况")).unwrap();
    let rules = texts.iter().position(|t| t.contains("规章")).unwrap();
    assert!(heading < rules, "table 二's picture read before its heading");

    // With OCR off the pictures are not read: the report has no tables, and says so.
    let never = Limits { ocr: OcrOptions { mode: OcrMode::Never, ..Default::default() }, ..Limits::default() };
    let (doc, got) = read(&path, &never);
    assert!(doc.ocr.is_none() && got.cells.is_empty());
    assert!(got.notes.iter().any(|n| n.contains("table 三 (applications) not found")), "{:?}", got.notes);
}

/// An empty picture read by OCR gives no text: it is no picture read by OCR, and the note
/// says OCR read nothing on it. Counted as one, a picture of nothing made tables of text
/// "read by OCR" too, which marks figures taken from the prose uncertain.
#[test]
fn an_empty_picture_is_no_picture_read_by_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let mut parts = report([Part::Drawing(1), Part::Drawing(2), Part::Drawing(3), Part::Drawing(4)]);
    parts.insert(1, Part::Drawing(EMPTY_PICTURE));
    let path = docx(&parts, dir.path(), "r.docx");
    let (doc, got) = read(&path, &Limits::default());
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(4), "the four table pictures only");
    assert!(doc.warnings.iter().any(|w| w == "picture 1 of 5: OCR read nothing on it"), "{:?}", doc.warnings);
    let bad = common::mismatches(&common::gold("pingtan-2023.json"), &got);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
}

/// A picture inside a table cell is not a table of its own (a logo in a letterhead table,
/// a photograph in a layout table), and a file whose tables are text does not go to OCR
/// for its pictures.
#[test]
fn pictures_inside_tables_or_beside_text_tables_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let parts =
        report([Part::TableWithPicture(1), Part::TableWithPicture(2), Part::TableWithPicture(3), Part::Drawing(4)]);
    let path = docx(&parts, dir.path(), "r.docx");
    let (doc, got) = read(&path, &Limits::default());
    // Three tables of text (each a picture's cell, empty as text): the one picture outside
    // them is not read in the default mode.
    assert!(doc.ocr.is_none(), "read by OCR: {:?}", doc.ocr);
    assert!(got.cells.iter().all(|c| c.confidence.is_none()));
    // `--ocr always` reads it, but still not the pictures inside the tables: table 四 only.
    let always = Limits { ocr: OcrOptions { mode: OcrMode::Always, ..Default::default() }, ..Limits::default() };
    let (doc, got) = read(&path, &always);
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(1));
    let tables: std::collections::BTreeSet<_> = got.cells.iter().map(|c| c.tbl.to_string()).collect();
    assert_eq!(tables.into_iter().collect::<Vec<_>>(), ["appeals"], "{:?}", got.cells);
}

#[test]
fn a_page_whose_table_pictures_are_inside_it_reads_them_by_ocr() {
    let saved = common::repo().join("tests/fixtures/ocr/saved-pingtan-2023/page.html");
    let page = std::fs::read_to_string(&saved).unwrap();
    let mut inline = page.clone();
    for n in 1..=4 {
        let from = format!("src=\"page_files/table-{n}.png\"");
        assert!(inline.contains(&from), "the saved page shows {from}");
        // Wrapped at 76 columns, as some editors write it.
        let b64 = base64::engine::general_purpose::STANDARD.encode(picture(n));
        let wrapped: Vec<&str> = b64.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect();
        inline = inline.replace(&from, &format!("src=\"data:image/png;base64,{}\"", wrapped.join("\n")));
    }
    // In a folder of its own: no picture file beside it to fall back on.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(&path, inline).unwrap();
    let (doc, got) = read(&path, &Limits::default());
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(4));
    let bad = common::mismatches(&common::gold("pingtan-2023.json"), &got);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
}
