//! OCR inputs end to end: an image-only PDF, a PDF whose tables are pictures, a saved web
//! page whose tables are pictures, pictures given as one report, the store's OCR columns,
//! and the limits (missing tesseract, a huge picture, a 500-page scan).
//!
//! Needs tesseract (tesseract-ocr, tesseract-ocr-chi-sim) and poppler-utils, as CI has.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::prelude::*;
use xxgk_core::report::Report;
use xxgk_core::source::ocr::raster::Gray;
use xxgk_core::source::ocr::{self as ocr, OcrMode, OcrOptions, PagePicture, LOW_CONFIDENCE};
use xxgk_core::source::{self, Limits};
use xxgk_core::template::Table;

use crate::common;

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/ocr").join(name)
}

fn read(path: &Path) -> (source::Document, Report) {
    let (_, doc, _) = source::read_path(path, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, path);
    (doc, report)
}

/// Every cell of `want` is in `got` with the same state and value.
fn same_cells(got: &Report, want: &Report) -> Vec<String> {
    let mut bad = Vec::new();
    for w in &want.cells {
        match got.cell(w.tbl, &w.row, w.col) {
            None => bad.push(format!("{}.{}.{}: missing (want {:?})", w.tbl, w.row, w.col, w.raw)),
            Some(g) if g.state != w.state || g.value != w.value => bad.push(format!(
                "{}.{}.{}: {:?} (conf {:?}), want {:?}",
                w.tbl, w.row, w.col, g.raw, g.confidence, w.raw
            )),
            Some(_) => {}
        }
    }
    bad
}

#[test]
fn a_saved_page_with_picture_tables_reads_like_the_html() {
    let (doc, got) = read(&fixture("saved-pingtan-2023/page.html"));
    let want = common::parse("pingtan-2023.html");
    let ocr = doc.ocr.expect("read by OCR");
    assert_eq!(ocr.pages, 4, "one OCR page per table picture");
    let bad = same_cells(&got, &want);
    assert!(bad.is_empty(), "{} of {} cells differ:\n{}", bad.len(), want.cells.len(), bad.join("\n"));
    assert_eq!(got.cells.len(), want.cells.len());
    assert_eq!((got.agency.as_deref(), got.year), (want.agency.as_deref(), want.year));
    assert!(got.cells.iter().all(|c| c.confidence.is_some() && c.ocr_raw.is_some()));
    // And so against the gold: every cell, read from the pictures alone.
    let bad = common::mismatches(&common::gold("pingtan-2023.json"), &got);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
    // Upright pictures are read as they stand.
    assert!(!got.notes.iter().any(|n| n.contains("was read turned")), "{:?}", got.notes);
}

/// The saved page's four table pictures, each changed by `change(k, picture)` (k from 1),
/// read by OCR as one report; the report, after every gold cell of pingtan-2023 was checked
/// to come out of it right.
fn read_changed_table_pictures(change: impl Fn(usize, Gray) -> Gray) -> Report {
    let pictures: Vec<Gray> = (1..=4)
        .map(|k| {
            let path = fixture(&format!("saved-pingtan-2023/page_files/table-{k}.png"));
            let img = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).to_luma8();
            change(k, Gray { w: img.width() as usize, h: img.height() as usize, px: img.into_raw() })
        })
        .collect();
    let doc = ocr::read_pages(
        pictures.len(),
        |k| Ok(PagePicture { img: pictures[k].clone(), dpi: None }),
        &Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, Path::new("pictures.png"));
    let bad = common::mismatches(&common::gold("pingtan-2023.json"), &report);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
    report
}

/// The same four table pictures scanned sideways and upside down (a landscape table
/// scanned on its side): each is read turned upright, says so, and every gold cell comes
/// out as from the upright pictures.
#[test]
fn pictures_standing_sideways_or_upside_down_are_read_turned_upright() {
    // Clockwise quarter turns given to each picture; reading them takes the rest of a turn.
    let given = [1u8, 2, 3, 0];
    let report = read_changed_table_pictures(|k, img| img.turned(given[k - 1]));
    let turned: Vec<&String> = report.notes.iter().filter(|n| n.contains("was read turned")).collect();
    assert_eq!(turned.len(), 3, "{:?}", report.notes);
    for (page, how, degrees) in [(1, "sideways", 270), (2, "upside down", 180), (3, "sideways", 90)] {
        let want = format!("page {page}: its text stood {how}, so it was read turned {degrees}° clockwise");
        assert!(turned.iter().any(|n| n.starts_with(&want)), "no note {want:?} in {turned:?}");
    }
}

/// The four table pictures fed in askew, by 5° to 7° either way (each set on a white margin
/// first, so that the tilt cuts nothing off): each is levelled, and every gold cell comes out
/// as from the upright pictures.
#[test]
fn pictures_tilted_steeply_are_levelled() {
    let tilts = [5.0f32, -6.0, 7.0, -5.5];
    read_changed_table_pictures(|k, img| {
        let margin = img.w.max(img.h) / 6;
        let mut page = Gray::new(img.w + 2 * margin, img.h + 2 * margin, 255);
        page.paste(&img, margin, margin);
        page.level(tilts[k - 1])
    });
}

#[test]
fn an_image_only_pdf_is_read_by_ocr() {
    // Pages 1 and 3 of huaian-2024.pdf, scanned at 150 dpi into JPEG.
    let (doc, report) = read(&fixture("huaian-scan.pdf"));
    assert_eq!(doc.ocr.as_ref().map(|o| o.pages), Some(2));
    assert_eq!(report.agency.as_deref(), Some("淮安市人民政府"));
    assert_eq!(report.year, Some(2024));
    let gold = common::gold("huaian-2024.json");
    let mut compared = 0;
    for g in gold["cells"].as_array().unwrap() {
        let (tbl, row, col) = (g["tbl"].as_str().unwrap(), g["row"].as_str().unwrap(), g["col"].as_str().unwrap());
        if let Some(c) = report.cell(Table::parse(tbl).unwrap(), row, col) {
            compared += 1;
            let ok = c.value == g["value"].as_f64();
            let flagged = c.confidence.is_some_and(|k| k < LOW_CONFIDENCE);
            assert!(ok || flagged, "{tbl}.{row}.{col}: read {:?} silently, gold {}", c.raw, g["value"]);
        }
    }
    assert!(compared >= 4, "the table on page 3 was read ({compared} cells)");
    // Without OCR, the same file is refused.
    let limits = Limits { ocr: OcrOptions { mode: OcrMode::Never, ..Default::default() }, ..Limits::default() };
    let err = format!("{:#}", source::read_path(&fixture("huaian-scan.pdf"), &limits).unwrap_err());
    assert!(err.contains("no text layer") && err.contains("--ocr never"), "{err}");
}

/// The saved page printed by LibreOffice: headings and prose are text, the tables are
/// pictures on pages 4, 6, 7 and 8 (printed wider than the page, so their right-hand
/// columns are cut off: cells there are missing, never invented). Tables 三 and 四 show
/// 3 of 7 and 10 of 15 columns: their rows hold fewer values than columns, and
/// [`xxgk_core::extract::place`] does not place a grid row's values by position, so
/// those cells are missing, each row with a note; table 二 is read whole.
#[test]
fn a_pdf_whose_tables_are_pictures_reads_only_those_pages_by_ocr() {
    let path = fixture("pingtan-2023-mixed.pdf");
    let (doc, got) = read(&path);
    let ocr = doc.ocr.expect("some pages read by OCR");
    assert_eq!(ocr.pages, 4, "the four pages with table pictures, and only those");
    let want = common::parse("pingtan-2023.html");
    assert_eq!((got.agency.as_deref(), got.year), (want.agency.as_deref(), want.year));
    let mut right = 0;
    for g in &got.cells {
        // The cut table 三 shows no header, so its first row reads as an extra row of
        // table 二 (extraction's way with unknown rows inside a block).
        let Some(w) = want.cell(g.tbl, &g.row, g.col) else {
            assert!(g.row.starts_with("extra:"), "{}.{}.{} is no cell of the report", g.tbl, g.row, g.col);
            continue;
        };
        let flagged = g.confidence.is_some_and(|k| k < LOW_CONFIDENCE);
        assert!(
            (g.state == w.state && g.value == w.value) || flagged,
            "{}.{}.{}: read {:?} silently, want {:?}",
            g.tbl,
            g.row,
            g.col,
            g.raw,
            w.raw
        );
        right += usize::from(g.state == w.state && g.value == w.value);
    }
    assert!(right >= 8, "{right} cells read right");
    let cut = got.notes.iter().filter(|n| n.starts_with("table 三 row") && n.contains("its cells are missing")).count();
    assert!(cut >= 17, "the cut rows of table 三 are noted as missing: {:?}", got.notes);
}

/// Render pages of a corpus PDF to PNG files in `dir`, named p-N.png.
fn render_pngs(pdf: &Path, pages: &[usize], dpi: u32, dir: &Path) {
    for &p in pages {
        let base = dir.join(format!("p-{p}"));
        let ok = Command::new("pdftoppm")
            .args(["-gray", "-png", "-singlefile", "-r", &dpi.to_string(), "-f", &p.to_string(), "-l", &p.to_string()])
            .arg(pdf)
            .arg(&base)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
}

fn xxgk() -> Command {
    Command::cargo_bin("xxgk").unwrap()
}

#[test]
fn pictures_given_as_one_report_are_imported_with_their_ocr_columns() {
    let dir = tempfile::tempdir().unwrap();
    let pics = dir.path().join("scan");
    std::fs::create_dir(&pics).unwrap();
    render_pngs(&common::corpus().join("real/huaian-2024.pdf"), &[1, 3], 200, &pics);
    std::fs::write(pics.join("notes.txt"), "not a picture").unwrap();
    let db = dir.path().join("x.db");
    let out =
        xxgk().arg("--db").arg(&db).args(["import", "--as-one-report", "-f", "json"]).arg(&pics).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["status"], "added");
    assert_eq!(rows[0]["format"], "image");
    assert_eq!(rows[0]["agency"], "淮安市人民政府");
    let out = xxgk().arg("--db").arg(&db).args(["reports", "-f", "json"]).output().unwrap();
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["ocr_pages"], 2);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (n, with_conf): (i64, i64) = conn
        .query_row("SELECT count(*), count(ocr_confidence) FROM cells", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert!(n > 0 && n == with_conf, "{n} cells, {with_conf} with a confidence");
    let show = xxgk().arg("--db").arg(&db).args(["show", "1"]).output().unwrap();
    let text = String::from_utf8_lossy(&show.stdout);
    assert!(text.contains("ocr:") && text.contains("read by OCR"), "{text}");
    // The same pictures again: unchanged (one sha256 over the pages).
    let again =
        xxgk().arg("--db").arg(&db).args(["import", "--as-one-report", "-f", "json"]).arg(&pics).output().unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(rows[0]["status"], "unchanged");
}

#[test]
fn text_cells_have_no_ocr_confidence() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk()
        .arg("--db")
        .arg(&db)
        .args(["import", "-q"])
        .arg(common::corpus().join("real/pingtan-2023.html"))
        .assert()
        .success();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (n, with_conf, ocr_pages): (i64, i64, Option<i64>) = conn
        .query_row("SELECT count(*), count(ocr_confidence), (SELECT ocr_pages FROM reports) FROM cells", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert!(n > 0);
    assert_eq!((with_conf, ocr_pages), (0, None));
}

#[test]
fn missing_tesseract_is_explained_with_the_install_line() {
    let dir = tempfile::tempdir().unwrap();
    render_pngs(&common::corpus().join("real/huaian-2024.pdf"), &[3], 72, dir.path());
    let out = xxgk().env("PATH", dir.path()).arg("inspect").arg(dir.path().join("p-3.png")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"), "{err}");
}

/// A PNG whose header claims `w × h` pixels (its data is a few bytes).
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc32(&body).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[test]
fn a_huge_picture_is_refused_before_decoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.png");
    std::fs::write(&path, png_claiming(20_000, 20_000)).unwrap();
    let err = format!("{:#}", source::read_path(&path, &Limits::default()).unwrap_err());
    assert!(err.contains("20000×20000") && err.contains("--ocr-max-pixels"), "{err}");
}

#[test]
fn a_500_page_scan_is_refused_by_the_page_limit() {
    use tiff::encoder::{colortype, TiffEncoder};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.tif");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut enc = TiffEncoder::new(std::io::BufWriter::new(file)).unwrap();
        let page = vec![255u8; 16 * 16];
        for _ in 0..500 {
            enc.write_image::<colortype::Gray8>(16, 16, &page).unwrap();
        }
    }
    let err = format!("{:#}", source::read_path(&path, &Limits::default()).unwrap_err());
    assert!(err.contains("more than 200 pages") && err.contains("--ocr-max-pages"), "{err}");
}

#[test]
fn pictures_are_refused_when_ocr_is_off() {
    let dir = tempfile::tempdir().unwrap();
    render_pngs(&common::corpus().join("real/huaian-2024.pdf"), &[3], 72, dir.path());
    let out = xxgk().args(["inspect", "--ocr", "never"]).arg(dir.path().join("p-3.png")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ocr never"));
}
