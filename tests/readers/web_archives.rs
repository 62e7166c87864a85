//! Web archives (`.mht`, `.mhtml`): the corpus pages put in the envelopes browsers write
//! when a page is saved "as a single file", read like the pages themselves; and a saved
//! page whose tables are pictures, its pictures inside the archive, read by OCR.
//!
//! The archives are written here, at test time, the way the browsers write them (checked
//! against Chromium's `Page.captureSnapshot` and Internet Explorer's saved files):
//! Chromium's (UTF-8, quoted-printable, no charset on the page's part, LF line ends, the
//! page's address in `Snapshot-Content-Location`) and Internet Explorer's (the page in
//! GB2312/GBK, quoted-printable, CRLF, a preamble, a picture after the page in base64).

use std::path::Path;

use base64::Engine as _;
use xxgk_core::source::{self, Format, Limits};

use crate::common;

/// Quoted-printable, lines of at most 76 characters ended by soft breaks.
fn quoted_printable(bytes: &[u8], eol: &str) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    let mut line = 0;
    for &b in bytes {
        if b == b'\n' {
            out.push_str(eol);
            line = 0;
            continue;
        }
        let piece = if b == b'=' || !(b == b'\t' || (0x20..0x7f).contains(&b)) {
            format!("={b:02X}")
        } else {
            (b as char).to_string()
        };
        if line + piece.len() > 75 {
            out.push('=');
            out.push_str(eol);
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

fn base64_lines(bytes: &[u8], eol: &str) -> String {
    let text = base64::engine::general_purpose::STANDARD.encode(bytes);
    text.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect::<Vec<_>>().join(eol)
}

/// The archive Chromium writes for a page saved from `address`.
fn chromium_archive(page: &str, address: &str) -> Vec<u8> {
    let b = "----MultipartBoundary--hNcXwGs1ke9mqTcKcIlIDVmRZQWXJyEenVv0PqRnNz----";
    format!(
        "From: <Saved by Blink>\nSnapshot-Content-Location: {address}\nSubject: =?utf-8?Q?x?=\nDate: Thu, 03 Dec 2026 09:31:44 GMT\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\ttype=\"text/html\";\n\tboundary=\"{b}\"\n\n\n--{b}\nContent-Type: text/html\nContent-ID: <frame-1C5F@mhtml.blink>\nContent-Transfer-Encoding: quoted-printable\nContent-Location: {address}\n\n{}\n--{b}--\n",
        quoted_printable(page.as_bytes(), "\n")
    )
    .into_bytes()
}

/// The archive Internet Explorer writes: the page in GBK (declared GB2312), CRLF, and
/// pictures (`(address, PNG bytes)`) after it.
fn explorer_archive(page: &str, address: &str, pictures: &[(String, Vec<u8>)]) -> Vec<u8> {
    let b = "----=_NextPart_000_0000_01DB4A3C.7F2E1A40";
    let (gbk, _, _) = encoding_rs::GB18030.encode(page);
    let mut out = format!(
        "From: <Saved by Windows Internet Explorer 8>\r\nSubject: x\r\nDate: Thu, 3 Dec 2026 17:31:44 +0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"{b}\"\r\nX-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.24000\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n--{b}\r\nContent-Type: text/html;\r\n\tcharset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: {address}\r\n\r\n{}\r\n\r\n",
        quoted_printable(&gbk, "\r\n")
    );
    for (at, png) in pictures {
        out.push_str(&format!(
            "--{b}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: {at}\r\n\r\n{}\r\n\r\n",
            base64_lines(png, "\r\n")
        ));
    }
    out.push_str(&format!("--{b}--\r\n"));
    out.into_bytes()
}

/// Read archive bytes as a file named `name` would be.
fn read(bytes: &[u8], name: &str) -> (source::Document, xxgk_core::report::Report) {
    let path = Path::new(name);
    let (format, doc) = source::read_bytes(bytes, path, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(format, Format::Html, "{name}");
    let report = xxgk_core::extract::extract(&doc, path);
    (doc, report)
}

#[test]
fn corpus_pages_in_web_archives_read_every_gold_cell() {
    let pages = [
        ("pingtan-2019.html", "pingtan-2019.json"),
        ("pingtan-2021.html", "pingtan-2021.json"),
        ("pingtan-2023.html", "pingtan-2023.json"),
        ("shanghai-office-2019.html", "shanghai-office-2019.json"),
        ("shuyang-fgj-2023.html", "shuyang-fgj-2023.json"),
    ];
    let mut cells = 0;
    for (page, gold) in pages {
        let path = common::corpus().join("real").join(page);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let direct = common::parse(page);
        let gold = common::gold(gold);
        let address = format!("http://www.example.gov.cn/xxgk/{page}");
        for (archive, kind) in [
            (chromium_archive(&text, &address), "Chromium"),
            (explorer_archive(&text, &address, &[]), "Internet Explorer"),
        ] {
            let name = page.replace(".html", ".mht");
            let (doc, report) = read(&archive, &name);
            let bad = common::mismatches(&gold, &report);
            assert!(bad.is_empty(), "{page} in {kind}'s archive: {} cells differ:\n{}", bad.len(), bad.join("\n"));
            assert_eq!((&report.agency, report.year), (&direct.agency, direct.year), "{page} ({kind})");
            assert!(doc.warnings.iter().any(|w| w.starts_with("read from a web archive")), "{:?}", doc.warnings);
            cells += gold["cells"].as_array().map_or(0, Vec::len);
        }
    }
    assert_eq!(cells, 2 * (198 + 200 + 200 + 198 + 200));
}

/// The saved page whose four tables are pictures (`tests/fixtures/ocr/saved-pingtan-2023`),
/// its pictures inside the archive under their addresses: read by OCR as from the folder.
#[test]
fn pictures_inside_a_web_archive_are_read_by_ocr() {
    let dir = common::repo().join("tests/fixtures/ocr/saved-pingtan-2023");
    let page = std::fs::read_to_string(dir.join("page.html")).unwrap();
    let address = "http://www.pingtan.gov.cn/zfxxgk/2024/page.html";
    let pictures: Vec<(String, Vec<u8>)> = (1..=4)
        .map(|k| {
            let png = std::fs::read(dir.join(format!("page_files/table-{k}.png"))).unwrap();
            (format!("http://www.pingtan.gov.cn/zfxxgk/2024/page_files/table-{k}.png"), png)
        })
        .collect();
    let (doc, report) = read(&explorer_archive(&page, address, &pictures), "page.mht");
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(4), "one OCR page per table picture");
    let bad = common::mismatches(&common::gold("pingtan-2023.json"), &report);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
    assert_eq!((report.agency.as_deref(), report.year), (Some("平潭综合实验区"), Some(2023)));
}
