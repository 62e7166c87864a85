//! The OFD reader (GB/T 33190) against the gold of the real PDF reports, laid out again as
//! OFD files in the ways OFD producers write text, and on bad input.
//!
//! The OFD files are made at test time from the words and boxes `pdftotext -bbox-layout`
//! gives for a corpus PDF (poppler-utils, which CI installs): the same words at the same
//! places, so every gold cell of the PDF must come out of the OFD.

use std::io::Write;
use std::path::Path;

use xxgk_core::source::{read_bytes, Format, Limits};

use crate::common::{self, corpus};

/// A word of pdftotext's output: text and box in points.
struct Word {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// A page of pdftotext's output: size in points, lines of words.
struct Page {
    width: f64,
    height: f64,
    lines: Vec<Vec<Word>>,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).unwrap() + key.len();
    tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The pages of a PDF as pdftotext boxes them.
fn pdf_pages(pdf: &Path) -> Vec<Page> {
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let xhtml = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<Page> = Vec::new();
    for piece in xhtml.split('<').skip(1) {
        let tag = &piece[..piece.find('>').unwrap()];
        if tag.starts_with("page ") {
            pages.push(Page { width: attr(tag, "width"), height: attr(tag, "height"), lines: Vec::new() });
        } else if tag.starts_with("line ") {
            pages.last_mut().unwrap().lines.push(Vec::new());
        } else if tag.starts_with("word ") {
            let text = unescape(&piece[piece.find('>').unwrap() + 1..]);
            let w = Word {
                text,
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            };
            pages.last_mut().unwrap().lines.last_mut().unwrap().push(w);
        }
    }
    pages
}

/// How a producer writes its text objects.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Style {
    /// One object per word, in millimetres, its advances as one repeated value per
    /// character kind.
    Words,
    /// One object per character, through a CTM that scales points to millimetres, as
    /// converters from PDF write it.
    Glyphs,
    /// One object per line, its words joined by spaces whose advances reach the next word.
    Lines,
}

const MM: f64 = 25.4 / 72.0;

/// A character's width as a share of the font size (Chinese full, the rest half).
fn share(c: char) -> f64 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

/// The font size (points) a word's Chinese characters tell: their width each.
fn chinese_size(w: &Word) -> Option<f64> {
    let n = w.text.chars().count();
    (n >= 2 && w.text.chars().all(|c| !c.is_ascii())).then(|| (w.x1 - w.x0) / n as f64)
}

/// A word's font size and baseline (points), and each character's advance (points). The
/// size is the one the page's Chinese words tell (pdftotext's box height is the font's
/// ascent and descent, which differ from font to font); the baseline is set so that a box
/// of the size's height stands centred in pdftotext's box.
fn metrics(w: &Word, size: f64) -> (f64, f64, Vec<f64>) {
    let h = w.y1 - w.y0;
    let base = w.y0 + (h - size) / 2.0 + 0.86 * size;
    let total: f64 = w.text.chars().map(share).sum();
    let unit = (w.x1 - w.x0) / total.max(0.5);
    (size, base, w.text.chars().map(|c| share(c) * unit).collect())
}

/// The font size of a page's text: the median its Chinese words tell.
fn page_size(page: &Page) -> f64 {
    let mut sizes: Vec<f64> = page.lines.iter().flatten().filter_map(chinese_size).collect();
    sizes.sort_by(f64::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.5)
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One page's `Content.xml` in a style, with what every page may carry besides: a
/// watermark set at an angle and a hidden figure, which the reader must leave out.
fn content(page: &Page, style: Style, next_id: &mut usize, extras: bool) -> String {
    let mut objects = String::new();
    let usual = page_size(page);
    let size_of = |w: &Word| chinese_size(w).unwrap_or(usual).min(w.y1 - w.y0);
    let mut id = || {
        *next_id += 1;
        *next_id
    };
    for line in &page.lines {
        match style {
            Style::Words => {
                for w in line {
                    let (size, base, adv) = metrics(w, size_of(w));
                    let deltas: Vec<String> = adv[..adv.len() - 1].iter().map(|a| fmt(a * MM)).collect();
                    objects += &format!(
                        r#"<ofd:TextObject ID="{}" Boundary="{} {} {} {}" Font="3" Size="{}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{}" DeltaX="{}">{}</ofd:TextCode></ofd:TextObject>"#,
                        id(),
                        fmt(w.x0 * MM),
                        fmt(w.y0 * MM),
                        fmt((w.x1 - w.x0) * MM),
                        fmt((w.y1 - w.y0) * MM),
                        fmt(size * MM),
                        fmt((base - w.y0) * MM),
                        deltas.join(" "),
                        escape(&w.text)
                    );
                }
            }
            Style::Glyphs => {
                for w in line {
                    let (size, base, adv) = metrics(w, size_of(w));
                    let mut x = w.x0;
                    for (c, a) in w.text.chars().zip(adv) {
                        let (bx, by) = (x * MM, w.y0 * MM);
                        objects += &format!(
                            r#"<ofd:TextObject ID="{}" CTM="0.3528 0 0 0.3528 {} {}" Boundary="{} {} {} {}" Font="16" Size="{}"><ofd:FillColor Value="0"/><ofd:CGTransform CodePosition="0" CodeCount="1" GlyphCount="1"><ofd:Glyphs>4460</ofd:Glyphs></ofd:CGTransform><ofd:TextCode X="{}" Y="{}">{}</ofd:TextCode></ofd:TextObject>"#,
                            id(),
                            fmt(-bx),
                            fmt(-by),
                            fmt(bx),
                            fmt(by),
                            fmt(a * MM),
                            fmt((w.y1 - w.y0) * MM),
                            fmt(size),
                            fmt(x / 0.3528 * MM),
                            fmt(base / 0.3528 * MM),
                            escape(&c.to_string())
                        );
                        x += a;
                    }
                }
            }
            Style::Lines => {
                let Some(first) = line.first() else { continue };
                let (size, base, _) = metrics(first, size_of(first));
                let mut text = String::new();
                let mut deltas: Vec<String> = Vec::new();
                for (k, w) in line.iter().enumerate() {
                    let adv = metrics(w, size_of(w)).2;
                    for (j, (c, a)) in w.text.chars().zip(&adv).enumerate() {
                        text.push(c);
                        if j + 1 < adv.len() {
                            deltas.push(fmt(a * MM));
                        } else if let Some(next) = line.get(k + 1) {
                            // The last character's advance reaches a space at the word's end,
                            // the space's the next word.
                            deltas.push(fmt(a * MM));
                            text.push(' ');
                            deltas.push(fmt((next.x0 - w.x1) * MM));
                        }
                    }
                }
                objects += &format!(
                    r#"<ofd:TextObject ID="{}" Boundary="0 0 {} {}" Font="3" Size="{}"><ofd:TextCode X="{}" Y="{}" DeltaX="{}">{}</ofd:TextCode></ofd:TextObject>"#,
                    id(),
                    fmt(page.width * MM),
                    fmt(page.height * MM),
                    fmt(size * MM),
                    fmt(first.x0 * MM),
                    fmt(base * MM),
                    deltas.join(" "),
                    escape(&text)
                );
            }
        }
    }
    if extras {
        // A watermark across the page, and a figure marked invisible.
        objects += &format!(
            r#"<ofd:TextObject ID="{}" CTM="0.7071 -0.7071 0.7071 0.7071 0 0" Boundary="40 200 150 40" Font="3" Size="12"><ofd:FillColor Value="200 200 200" Alpha="60"/><ofd:TextCode X="0" Y="10" DeltaX="g 7 12">内部资料仅供参考</ofd:TextCode></ofd:TextObject>"#,
            id()
        );
        objects += &format!(
            r#"<ofd:TextObject ID="{}" Boundary="100 5 20 5" Font="3" Size="3.5" Visible="false"><ofd:TextCode X="0" Y="3" DeltaX="g 3 1.75">9999</ofd:TextCode></ofd:TextObject>"#,
            id()
        );
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Template TemplateID="1" ZOrder="Background"/><ofd:Area><ofd:PhysicalBox>0 0 {} {}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="{}" Type="Body">{objects}</ofd:Layer></ofd:Content></ofd:Page>"#,
        fmt(page.width * MM),
        fmt(page.height * MM),
        id()
    )
}

/// An OFD file of these pages in a style: root, document, a template page (a line at the
/// head of every page), and one content part per page.
fn ofd(pages: &[Page], style: Style, extras: bool) -> Vec<u8> {
    let mut next_id = 10;
    let mut parts: Vec<(String, String)> = vec![
        (
            "OFD.xml".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>a1</ofd:DocID><ofd:Creator>test</ofd:Creator><ofd:CreationDate>2022-01-20</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#.into(),
        ),
        (
            "Doc_0/Tpls/Tpl_0/Content.xml".into(),
            r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2"><ofd:PathObject ID="3" Boundary="20 15 170 1"><ofd:AbbreviatedData>M 0 0 L 170 0</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>"#.into(),
        ),
    ];
    let mut listing = String::new();
    for (i, page) in pages.iter().enumerate() {
        // Relative and absolute locations, and locations from the top without the leading
        // `/`, as producers write each.
        let loc = match i % 3 {
            0 => format!("Pages/Page_{i}/Content.xml"),
            1 => format!("/Doc_0/Pages/Page_{i}/Content.xml"),
            _ => format!("Doc_0/Pages/Page_{i}/Content.xml"),
        };
        listing += &format!(r#"<ofd:Page ID="{}" BaseLoc="{loc}"/>"#, 100 + i);
        parts.push((format!("Doc_0/Pages/Page_{i}/Content.xml"), content(page, style, &mut next_id, extras)));
    }
    parts.push((
        "Doc_0/Document.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>{next_id}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="1" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>"#
        ),
    ));
    zip(&parts.iter().map(|(n, x)| (n.as_str(), x.as_bytes())).collect::<Vec<_>>())
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        out.start_file(*name, opts).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The real PDF reports, each laid out again as OFD in the three ways producers write
/// text: every gold cell of the PDF comes out of each, the title and year with them; the
/// watermark set at an angle and the figure marked invisible are left out, each with a
/// note.
#[test]
fn real_reports_laid_out_as_ofd_read_as_their_pdfs() {
    for (pdf, gold) in [
        ("pingtan-2021.pdf", "pingtan-2021.pdf.json"),
        ("hongze-2023.pdf", "hongze-2023.json"),
        ("huaian-2024.pdf", "huaian-2024.json"),
    ] {
        let pages = pdf_pages(&corpus().join("real").join(pdf));
        let gold = common::gold(gold);
        for style in [Style::Words, Style::Glyphs, Style::Lines] {
            let extras = style == Style::Words;
            let bytes = ofd(&pages, style, extras);
            let name = Path::new(pdf).with_extension("ofd");
            let (format, doc) =
                read_bytes(&bytes, &name, &Limits::default()).unwrap_or_else(|e| panic!("{pdf} {style:?}: {e:#}"));
            assert_eq!(format, Format::Ofd);
            let report = xxgk_core::extract::extract(&doc, &name);
            let bad = common::mismatches(&gold, &report);
            assert!(bad.is_empty(), "{pdf} {style:?}: {} gold cells differ:\n{}", bad.len(), bad.join("\n"));
            assert_eq!(report.year, gold["year"].as_i64().map(|y| y as i32), "{pdf} {style:?}");
            assert!(doc.meta.contains(&("CreationDate".to_string(), "2022-01-20".to_string())), "{:?}", doc.meta);
            let noted = |what: &str| doc.warnings.iter().any(|w| w.contains(what));
            assert_eq!(noted("characters set at an angle"), extras, "{pdf} {style:?}: {:?}", doc.warnings);
            assert_eq!(noted("characters marked invisible"), extras, "{pdf} {style:?}: {:?}", doc.warnings);
            let text: String = doc.paragraphs().collect();
            assert!(!text.contains("内部资料") && !text.contains("9999"), "{pdf} {style:?}");
        }
    }
}

/// Files that are not OFD documents, or broken ones: an error naming the reason, never a
/// panic; a DOCX is still a DOCX.
#[test]
fn broken_ofd_files_are_refused_with_the_reason() {
    let limits = Limits::default();
    let err =
        |parts: &[(&str, &[u8])]| format!("{:#}", read_bytes(&zip(parts), Path::new("a.ofd"), &limits).unwrap_err());
    let root = |loc: &str| {
        format!(
            r#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>{loc}</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
        )
    };
    let e = err(&[("OFD.xml", root("Doc_0/Document.xml").as_bytes())]);
    assert!(e.contains("the archive has no part Doc_0/Document.xml"), "{e}");
    let e = err(&[("OFD.xml", root("../../x.xml").as_bytes())]);
    assert!(e.contains("above the archive's top"), "{e}");
    let e = err(&[("OFD.xml", b"<ofd:OFD><ofd:DocBody></ofd:DocBody></ofd:OFD>")]);
    assert!(e.contains("no DocBody/DocRoot"), "{e}");
    let e = err(&[
        ("OFD.xml", root("D.xml").as_bytes()),
        ("D.xml", b"<ofd:Document><ofd:Pages></ofd:Pages></ofd:Document>"),
    ]);
    assert!(e.contains("lists no pages"), "{e}");
    let e = err(&[
        ("OFD.xml", root("D.xml").as_bytes()),
        ("D.xml", br#"<ofd:Document><ofd:Pages><ofd:Page ID="1" BaseLoc="P.xml"/></ofd:Pages></ofd:Document>"#),
        ("P.xml", b"<ofd:Page><ofd:Content><ofd:Layer><ofd:TextObject"),
    ]);
    assert!(e.contains("P.xml") && e.contains("XML"), "{e}");
    // Text that is a font's glyph numbers, not Unicode: refused with the reason.
    let glyphs: String = (0..60).map(|i| char::from(b'!' + (i * 7 % 90) as u8)).collect();
    let page = format!(
        r#"<ofd:Page><ofd:Content><ofd:Layer><ofd:TextObject Boundary="10 10 190 5" Size="3"><ofd:TextCode X="0" Y="3" DeltaX="g 59 3">{}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"#,
        escape(&glyphs)
    );
    let e = err(&[
        ("OFD.xml", root("D.xml").as_bytes()),
        ("D.xml", br#"<ofd:Document><ofd:Pages><ofd:Page ID="1" BaseLoc="P.xml"/></ofd:Pages></ofd:Document>"#),
        ("P.xml", page.as_bytes()),
    ]);
    assert!(e.contains("does not read as Chinese"), "{e}");
    // Every run of a line written at the line's start (as one converter writes them): text
    // drawn over other text, refused rather than read into the wrong cells.
    let runs: String = (0..6)
        .map(|line| {
            ["行政许可", "2021", "年度", "39"]
                .iter()
                .map(|t| format!(r#"<ofd:TextObject Boundary="10 {} 150 5" Size="3"><ofd:TextCode X="0" Y="3">{t}</ofd:TextCode></ofd:TextObject>"#, 10 + 6 * line))
                .collect::<String>()
        })
        .collect();
    let page = format!("<ofd:Page><ofd:Content><ofd:Layer>{runs}</ofd:Layer></ofd:Content></ofd:Page>");
    let e = err(&[
        ("OFD.xml", root("D.xml").as_bytes()),
        ("D.xml", br#"<ofd:Document><ofd:Pages><ofd:Page ID="1" BaseLoc="P.xml"/></ofd:Pages></ofd:Document>"#),
        ("P.xml", page.as_bytes()),
    ]);
    assert!(
        e.contains("page 1: different characters are drawn over one another in 36 places among its 72 characters"),
        "{e}"
    );
    assert!(e.starts_with("a.ofd: cannot read as ofd"), "{e}");
    // Cut short anywhere: an error or a document, never a panic.
    let good = ofd(&pdf_pages(&corpus().join("real/pingtan-2021.pdf"))[..1], Style::Words, false);
    for len in (0..good.len()).step_by(good.len() / 50 + 1) {
        let _ = read_bytes(&good[..len], Path::new("a.ofd"), &limits);
    }
}

/// An OFD file of a first page of text (the title), then the four table pictures of the
/// saved pingtan-2023 page, one per page, declared as multimedia resources of the document:
/// each picture alone on its page (a scan), or under a heading line of text (a screenshot
/// pasted under the section's heading).
fn picture_ofd(headings: bool) -> Vec<u8> {
    let ns = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;
    let line = |text: &str, y: f64| {
        let n = text.chars().count();
        format!(
            r#"<ofd:TextObject ID="3" Boundary="25 {y} 160 8" Font="1" Size="5.6"><ofd:TextCode X="0" Y="6" DeltaX="g {} 5.6">{text}</ofd:TextCode></ofd:TextObject>"#,
            n - 1
        )
    };
    let title = "平潭综合实验区2023年政府信息公开工作年度报告";
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (
            "OFD.xml".into(),
            format!(
                r#"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
            )
            .into_bytes(),
        ),
        (
            "Doc_0/Pages/Page_0/Content.xml".into(),
            format!(
                r#"<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{}</ofd:Layer></ofd:Content></ofd:Page>"#,
                line(title, 30.0)
            )
            .into_bytes(),
        ),
    ];
    let headings_text = [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "（续表）",
        "四、政府信息公开行政复议、行政诉讼情况",
    ];
    let mut listing = r#"<ofd:Page ID="10" BaseLoc="Pages/Page_0/Content.xml"/>"#.to_string();
    let mut media = String::new();
    for (k, heading_text) in headings_text.iter().enumerate() {
        let path = common::repo().join(format!("tests/fixtures/ocr/saved-pingtan-2023/page_files/table-{}.png", k + 1));
        let png = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        listing += &format!(r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_{}/Content.xml"/>"#, 11 + k, k + 1);
        media += &format!(
            r#"<ofd:MultiMedia ID="{}" Type="Image" Format="PNG"><ofd:MediaFile>Image_{k}.png</ofd:MediaFile></ofd:MultiMedia>"#,
            20 + k
        );
        let heading = if headings { line(heading_text, 20.0) } else { String::new() };
        parts.push((
            format!("Doc_0/Pages/Page_{}/Content.xml", k + 1),
            format!(
                r#"<ofd:Page {ns}><ofd:Content><ofd:Layer ID="5">{heading}<ofd:ImageObject ID="6" CTM="180 0 0 120 0 0" Boundary="15 32 180 120" ResourceID="{}"/></ofd:Layer></ofd:Content></ofd:Page>"#,
                20 + k
            )
            .into_bytes(),
        ));
        parts.push((format!("Doc_0/Res/Image_{k}.png"), png));
    }
    parts.push((
        "Doc_0/DocumentRes.xml".into(),
        format!(r#"<ofd:Res {ns} BaseLoc="Res"><ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>"#).into_bytes(),
    ));
    parts.push((
        "Doc_0/Document.xml".into(),
        format!(
            r#"<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>"#
        )
        .into_bytes(),
    ));
    zip(&parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect::<Vec<_>>())
}

/// The table pictures of [`picture_ofd`], as scans and under headings, are read by OCR
/// where they stand, and every gold cell of pingtan-2023 comes out right. With OCR off, the
/// scans are refused with the reason, and the pictures under headings are not read (their
/// cells missing, no error).
#[test]
fn pictures_in_an_ofd_are_read_by_ocr() {
    let name = Path::new("pictures.ofd");
    for headings in [false, true] {
        let bytes = picture_ofd(headings);
        let (_, doc) = read_bytes(&bytes, name, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(4), "headings {headings}: the four pictures read by OCR");
        let report = xxgk_core::extract::extract(&doc, name);
        let bad = common::mismatches(&common::gold("pingtan-2023.json"), &report);
        assert!(bad.is_empty(), "headings {headings}: {} gold cells differ:\n{}", bad.len(), bad.join("\n"));
        assert_eq!((report.agency.as_deref(), report.year), (Some("平潭综合实验区"), Some(2023)));
    }
    let never = Limits {
        ocr: xxgk_core::source::ocr::OcrOptions { mode: xxgk_core::source::ocr::OcrMode::Never, ..Default::default() },
        ..Limits::default()
    };
    let err = format!("{:#}", read_bytes(&picture_ofd(false), name, &never).unwrap_err());
    assert!(err.contains("page 2 has no text, only a picture (a scan), and OCR is off (--ocr never)"), "{err}");
    let (_, doc) = read_bytes(&picture_ofd(true), name, &never).unwrap();
    assert!(doc.ocr.is_none() && doc.tables().next().is_none());
}

/// A cut-short OFD file named `.ofd` is refused as a damaged OFD, not as a DOCX; a DOCX
/// named `.ofd` is still read as the DOCX it is.
#[test]
fn a_damaged_ofd_is_named_as_one() {
    let good = ofd(&pdf_pages(&corpus().join("real/pingtan-2021.pdf"))[..1], Style::Words, false);
    let err = format!("{:#}", read_bytes(&good[..good.len() / 2], Path::new("a.ofd"), &Limits::default()).unwrap_err());
    assert!(err.starts_with("a.ofd: cannot read as ofd: not a readable zip archive"), "{err}");
    let docx = std::fs::read(corpus().join("real/shanghai-office-2019.docx")).unwrap();
    let (format, _) = read_bytes(&docx, Path::new("a.ofd"), &Limits::default()).unwrap();
    assert_eq!(format, Format::Docx);
}
