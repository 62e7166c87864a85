//! The PDF reader against the gold of the real PDF reports, and on bad input.
//!
//! These tests need poppler's `pdftotext` (CI installs poppler-utils): they fail, not
//! skip, when it is missing.

use std::path::{Path, PathBuf};

use xxgk_core::source::{read_bytes, read_path, Block, Document, Limits};
use xxgk_core::template::Table;

use crate::common::{self, corpus};

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/pdf").join(name)
}

fn norm(s: &str) -> String {
    xxgk_core::normalize::norm(s)
}

fn is_value(s: &str) -> bool {
    let t = norm(s);
    t.is_empty() || t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/'))
}

/// Every table row in document order, split into (label, value cells): the values are the
/// cells after the last label cell.
fn rows(doc: &Document) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let Block::Table(t) = b {
            for r in &t.rows {
                let last_label = r.iter().rposition(|c| !is_value(&c.text));
                let (labels, values) = match last_label {
                    Some(i) => r.split_at(i + 1),
                    None => r.split_at(0),
                };
                let label = labels.iter().map(|c| norm(&c.text)).collect::<String>();
                out.push((label, values.iter().map(|c| norm(&c.text)).collect()));
            }
        }
    }
    out
}

struct Gold {
    cells: Vec<(String, String, String, String)>,
}

fn gold(name: &str) -> Gold {
    let text = std::fs::read_to_string(corpus().join("gold").join(name)).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cells = v["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("tbl"), s("row"), s("col"), s("raw"))
        })
        .collect();
    Gold { cells }
}

impl Gold {
    fn row(&self, tbl: &str, row: &str, cols: &[&str]) -> Vec<String> {
        cols.iter()
            .map(|col| {
                self.cells
                    .iter()
                    .find(|c| c.0 == tbl && c.1 == row && c.2 == *col)
                    .map(|c| norm(&c.3))
                    .unwrap_or_else(|| panic!("gold has no {tbl}/{row}/{col}"))
            })
            .collect()
    }
    fn rows_of(&self, tbl: &str) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for c in self.cells.iter().filter(|c| c.0 == tbl) {
            if !v.contains(&c.1) {
                v.push(c.1.clone());
            }
        }
        v
    }
    fn cols_of(&self, tbl: &str, row: &str, order: &[&'static str]) -> Vec<&'static str> {
        order.iter().copied().filter(|o| self.cells.iter().any(|c| c.0 == tbl && c.1 == row && c.2 == *o)).collect()
    }
}

const APP_COLS: [&str; 7] =
    ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"];

/// A label pattern for each applications row (after NFKC, whitespace removed).
fn app_pattern(key: &str) -> &'static str {
    match key {
        "new_received" => "本年新收",
        "carried_over" => "上年结转",
        "granted" => "予以公开",
        "partial" => "部分公开",
        "deny_state_secret" => "国家秘密",
        "deny_law_forbidden" => "其他法律行政",
        "deny_security_stability" => "三安全",
        "deny_third_party" => "第三方",
        "deny_internal_affairs" => "内部事务",
        "deny_process_info" => "过程性",
        "deny_enforcement_file" => "执法案卷",
        "deny_admin_query" => "查询事项",
        "unable_not_held" => "不掌握",
        "unable_need_creation" => "没有现成",
        "unable_unclear" => "仍不明确",
        "noproc_petition" => "信访",
        "noproc_repeat" => "重复申请",
        "noproc_publication" => "出版物",
        "noproc_mass_repeat" => "大量反复",
        "noproc_confirm" => "确认或重新",
        "other" => "其他处理",
        "other_no_correction" => "逾期不补正",
        "other_no_fee" => "缴纳费用",
        "other_other" => "3.其他",
        "results_total" => "总计",
        "carry_forward" => "结转下年",
        other => panic!("no pattern for {other}"),
    }
}

fn proactive_pattern(key: &str) -> &'static str {
    match key {
        "rules" => "规章",
        "normative_docs" => "规范性文件",
        "licensing" => "行政许可",
        "penalty" => "行政处罚",
        "coercion" => "行政强制",
        "fees" => "行政事业性收费",
        "procurement" => "政府集中采购",
        other => panic!("no pattern for {other}"),
    }
}

fn check_pdf(file: &str, gold_name: &str) {
    let path = corpus().join("real").join(file);
    let (_, doc, _) = read_path(&path, &Limits::default()).unwrap_or_else(|e| panic!("{file}: {e:#}"));
    let g = gold(gold_name);
    let rows = rows(&doc);
    let mut failures = Vec::new();
    let mut checked = 0;

    // Table 三: every row key of the gold, found by label, with 7 value cells.
    for key in g.rows_of("applications") {
        let pat = norm(app_pattern(&key));
        let want = g.row("applications", &key, &APP_COLS);
        let found = rows.iter().find(|(label, values)| {
            values.len() == 7
                && values.iter().any(|v| !v.is_empty())
                && if key == "other_other" {
                    label.ends_with(&pat) || label.ends_with("3、其他")
                } else {
                    label.contains(&pat)
                }
        });
        match found {
            Some((_, values)) if *values == want => checked += 1,
            Some((label, values)) => {
                failures.push(format!("applications/{key}: row {label} has {values:?}, gold {want:?}"))
            }
            None => failures.push(format!("applications/{key}: no row with label {pat}")),
        }
    }

    // Table 二: each item row's values in metric order.
    let metric_order = [
        "new_made",
        "new_published",
        "total_published",
        "issued",
        "repealed",
        "in_force",
        "prev_items",
        "delta_items",
        "decisions",
        "projects",
        "amount",
    ];
    for key in g.rows_of("proactive") {
        let cols = g.cols_of("proactive", &key, &metric_order);
        let want = g.row("proactive", &key, &cols);
        let pat = proactive_pattern(&key);
        let found = rows.iter().find(|(label, values)| {
            !values.is_empty()
                && (label == pat
                    || (key == "normative_docs" && label.ends_with(pat))
                    || (key != "rules" && label.contains(pat)))
        });
        match found {
            Some((_, values)) if *values == want => checked += 1,
            Some((label, values)) => {
                failures.push(format!("proactive/{key}: row {label} has {values:?}, gold {want:?}"))
            }
            None => failures.push(format!("proactive/{key}: no row labelled {pat}")),
        }
    }

    // Table 四: after a header row naming 行政复议, a row of 15 numbers.
    let mut want = Vec::new();
    for row in ["review", "suit_direct", "suit_after_review"] {
        want.extend(g.row("appeals", row, &["upheld", "corrected", "other", "pending", "total"]));
    }
    let header = rows
        .iter()
        .position(|(label, values)| label.contains("行政复议") || values.iter().any(|v| v.contains("行政复议")));
    let found = header.and_then(|h| rows[h..].iter().find(|(label, values)| label.is_empty() && values.len() == 15));
    match found {
        Some((_, values)) if *values == want => checked += 1,
        Some((_, values)) => failures.push(format!("appeals: {values:?}, gold {want:?}")),
        None => failures.push("appeals: no header 行政复议 followed by a row of 15 values".to_string()),
    }

    assert!(failures.is_empty(), "{file}: {} checked, failures:\n{}", checked, failures.join("\n"));
    assert!(checked >= 30, "{file}: only {checked} rows checked");
}

#[test]
fn huaian_2024_matches_gold() {
    check_pdf("huaian-2024.pdf", "huaian-2024.json");
}

#[test]
fn hongze_2023_matches_gold() {
    check_pdf("hongze-2023.pdf", "hongze-2023.json");
}

#[test]
fn pingtan_2021_pdf_matches_gold() {
    check_pdf("pingtan-2021.pdf", "pingtan-2021.pdf.json");
}

/// LibreOffice's PDF of pingtan-2019's page (the text layer of an OCR fixture): 本年新 set
/// out over each of two header cells of table 二, and the procurement amount's 元 set a
/// little apart from its figure. Every gold cell, the amount with its unit.
#[test]
fn libreoffice_pdf_of_pingtan_2019_matches_gold() {
    let path = common::repo().join("tests/fixtures/ocr/lo-pingtan-2019.pdf");
    let mut limits = Limits::default();
    limits.ocr.mode = xxgk_core::source::ocr::OcrMode::Never;
    let (_, doc, _) = read_path(&path, &limits).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, &path);
    let gold = common::gold("pingtan-2019.json");
    let bad = common::mismatches(&gold, &report);
    assert!(
        bad.is_empty(),
        "{} of {} gold cells differ:\n{}",
        bad.len(),
        gold["cells"].as_array().map_or(0, Vec::len),
        bad.join("\n")
    );
    assert!(!report.cells.iter().any(|c| c.row.starts_with("extra:")), "no row made of a unit");
}

/// `tests/fixtures/pdf/lo-pingtan-2019-distributed.pdf`: pingtan-2019's page saved as DOCX
/// by LibreOffice 7.4, every table cell's paragraphs then set to 分散对齐
/// (`<w:jc w:val="distribute"/>` in each `w:tc`), and printed to PDF by LibreOffice. Labels
/// and headers come out one character at a time, item numbers (`2.`) apart from their
/// labels, 采购总金额 set out over a cell wider than the others, and the amount's 元 at the
/// far end of its cell. Every gold cell, the amount with its unit.
#[test]
fn cells_set_out_over_their_width_read_right() {
    let (report, bad) = against_gold("lo-pingtan-2019-distributed.pdf", "pingtan-2019.json");
    assert!(bad.is_empty(), "{} gold cells differ:\n{}\nnotes: {:?}", bad.len(), bad.join("\n"), report.notes);
}

/// Read a PDF of `tests/fixtures/pdf` and compare it with a gold file: the report, and the
/// gold cells it differs on ([`common::mismatches`]).
/// pingtan-2021.pdf with its pages after the first turned as PDFs turn them: the page's
/// `/Rotate` set to a quarter, half and three-quarter turn, or its content drawn through a
/// turned matrix. pdftotext gives such pages' words in the unturned frame, text running down,
/// up or leftwards; they had been read as a jumble, nine of table 三's cells wrong. Each is
/// read upright, every gold cell right, each turned page named in a note. The copies are
/// made at test time by tests/fixtures/pdf/alter_pdf.py (pypdf, which .ci/run installs).
#[test]
fn pages_the_pdf_turns_read_upright() {
    let dir = tempfile::tempdir().unwrap();
    let src = corpus().join("real/pingtan-2021.pdf");
    for (how, says) in [
        ("rotate-90", "sideways, downwards"),
        ("rotate-180", "upside down"),
        ("rotate-270", "sideways, upwards"),
        ("matrix-90", "sideways, upwards"),
    ] {
        let out = altered_pdf(&src, how, dir.path());
        let (_, doc, _) = read_path(&out, &Limits::default()).unwrap_or_else(|e| panic!("{how}: {e:#}"));
        let report = xxgk_core::extract::extract(&doc, &src);
        let bad = common::mismatches(&common::gold("pingtan-2021.pdf.json"), &report);
        assert!(bad.is_empty(), "{how}: {} gold cells differ:\n{}", bad.len(), bad.join("\n"));
        let turned: Vec<&String> = doc.warnings.iter().filter(|w| w.contains("(the PDF turns the page)")).collect();
        assert!(turned.len() >= 5 && turned.iter().all(|w| w.contains(says)), "{how}: {turned:?}");
        assert!(turned.iter().all(|w| !w.starts_with("page 1:")), "{how}: the first page stands upright: {turned:?}");
    }
    // The file as published turns nothing.
    let (_, doc, _) = read_path(&src, &Limits::default()).unwrap();
    assert!(!doc.warnings.iter().any(|w| w.contains("turns the page")), "{:?}", doc.warnings);
}

/// The real PDF reports printed two pages to a sheet (side by side on landscape sheets): each
/// sheet is read as its two pages, and every gold cell comes out right, the last sheet's
/// short last page too. Before, pingtan-2021's sheets read as a jumble: no title found, and
/// with the agency and year given, 4 wrong cells. The copies are made at test time by
/// tests/fixtures/pdf/alter_pdf.py.
#[test]
fn pages_printed_two_to_a_sheet_read_as_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    for (pdf, gold) in [
        ("pingtan-2021.pdf", "pingtan-2021.pdf.json"),
        ("hongze-2023.pdf", "hongze-2023.json"),
        ("huaian-2024.pdf", "huaian-2024.json"),
    ] {
        let src = corpus().join("real").join(pdf);
        let out = altered_pdf(&src, "two-up", dir.path());
        let (_, doc, _) = read_path(&out, &Limits::default()).unwrap_or_else(|e| panic!("{pdf}: {e:#}"));
        let report = xxgk_core::extract::extract(&doc, &src);
        let bad = common::mismatches(&common::gold(gold), &report);
        assert!(bad.is_empty(), "{pdf}: {} gold cells differ:\n{}", bad.len(), bad.join("\n"));
        assert!(doc.warnings.iter().any(|w| w.contains("held two pages side by side")), "{pdf}: {:?}", doc.warnings);
        // The file as published holds no such sheet.
        let (_, plain, _) = read_path(&src, &Limits::default()).unwrap();
        assert!(!plain.warnings.iter().any(|w| w.contains("side by side")), "{pdf}: {:?}", plain.warnings);
    }
}

/// A copy of `src` in `dir` altered by tests/fixtures/pdf/alter_pdf.py as `how` says.
fn altered_pdf(src: &Path, how: &str, dir: &Path) -> PathBuf {
    let python = std::env::var("XXGK_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let out = dir.join(format!("{how}.pdf"));
    let run = std::process::Command::new(&python)
        .arg(common::repo().join("tests/fixtures/pdf/alter_pdf.py"))
        .arg(src)
        .arg(&out)
        .arg(how)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} ({e}): install Python 3 and pypdf"));
    match run.status.code() {
        Some(0) => out,
        Some(2) => panic!("pypdf is missing: run `python3 -m pip install pypdf` (.ci/run does)"),
        _ => panic!("alter_pdf.py {how}: {}", String::from_utf8_lossy(&run.stderr)),
    }
}

/// pingtan-2021.pdf with every font's ToUnicode map taken out: its text layer gives glyph
/// numbers (`!"# $%&`), which had made it "no annual report found". Each page is read by
/// OCR instead, with a note, and every gold cell comes out right; with OCR off the file is
/// refused with the reason.
#[test]
fn a_text_layer_that_is_no_text_is_read_by_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let src = corpus().join("real/pingtan-2021.pdf");
    let out = altered_pdf(&src, "no-tounicode", dir.path());
    let (_, doc, _) = read_path(&out, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, &src);
    let bad = common::mismatches(&common::gold("pingtan-2021.pdf.json"), &report);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
    let noted = doc.warnings.iter().filter(|w| w.contains("its text layer does not read as Chinese")).count();
    assert_eq!(noted, 8, "every page noted: {:?}", doc.warnings);
    let never = Limits {
        ocr: xxgk_core::source::ocr::OcrOptions { mode: xxgk_core::source::ocr::OcrMode::Never, ..Default::default() },
        ..Limits::default()
    };
    let err = format!("{:#}", read_path(&out, &never).unwrap_err());
    assert!(err.contains("does not read as Chinese") && err.contains("--ocr never"), "{err}");
}

/// pingtan-2021.pdf with an empty page before its first and another after its second, as
/// Word prints a section that starts on an odd page. A page with no text layer goes to OCR,
/// which reads nothing on an empty one: that page is no page read by OCR. Counted as one,
/// it had made the whole report "read by OCR", which marks the figures the layout-free
/// reading takes from its prose as uncertain and keeps tables printed without a figure
/// from reading as blank. The note names the empty pages; every gold cell reads right.
#[test]
fn empty_pages_are_no_pages_read_by_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let src = corpus().join("real/pingtan-2021.pdf");
    let out = altered_pdf(&src, "blank-pages", dir.path());
    let (_, doc, _) = read_path(&out, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(doc.ocr, None, "no page read by OCR");
    let noted: Vec<&String> = doc.warnings.iter().filter(|w| w.contains("OCR read nothing")).collect();
    assert_eq!(noted.len(), 1, "{:?}", doc.warnings);
    assert!(noted[0].starts_with("pages 1, 4:"), "{}", noted[0]);
    let report = xxgk_core::extract::extract(&doc, &src);
    let bad = common::mismatches(&common::gold("pingtan-2021.pdf.json"), &report);
    assert!(bad.is_empty(), "{} gold cells differ:\n{}", bad.len(), bad.join("\n"));
}

/// A generated report printed by LibreOffice 7.4 (`soffice --headless --convert-to pdf`;
/// made from `synth-00008.html`, seed 144, `--reports 20 --formats html`): its first page
/// is empty, and its tables 三 and 四 print no figure (no application, no case; the table
/// leaves 0 blank), which the prose says (本机关未收到政府信息公开申请, 全年未发生政府信息
/// 公开行政复议案件). The empty page made the report "read by OCR", and such a table is
/// then not read as blank (OCR may have missed a faint figure): 176 of 198 cells were
/// missing. They read as blank now, marked assumed, as in the page the PDF was printed from.
#[test]
fn tables_printed_without_a_figure_read_as_blank_beside_an_empty_page() {
    let (doc, report, bad) = against_own_gold("lo-synth-blank-page");
    assert!(bad.is_empty(), "{} of 198 gold cells not read right:\n{bad:#?}\nnotes: {:?}", bad.len(), report.notes);
    assert_eq!(doc.ocr, None);
    let assumed = report.cells.iter().filter(|c| c.placement == xxgk_core::report::Placement::Assumed).count();
    assert_eq!(assumed, 161 + 15, "tables 三 and 四 read as blank by the prose, and marked so");
    assert!(report.notes.iter().any(|n| n.starts_with("page 1: no text layer")), "{:?}", report.notes);
}

fn against_gold(name: &str, gold: &str) -> (xxgk_core::report::Report, Vec<String>) {
    let path = fixture(name);
    let (_, doc, _) = read_path(&path, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, &path);
    let bad = common::mismatches(&common::gold(gold), &report);
    (report, bad)
}

/// Read `tests/fixtures/pdf/{name}.pdf` and compare it with the gold written beside it
/// (`{name}.json`, from the generated report it was printed from): the document, the
/// report, and the gold cells it differs on.
fn against_own_gold(name: &str) -> (Document, xxgk_core::report::Report, Vec<String>) {
    let path = fixture(&format!("{name}.pdf"));
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture(&format!("{name}.json"))).expect("the fixture's gold"))
            .expect("gold JSON");
    let (_, doc, _) = read_path(&path, &Limits::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, &path);
    let bad = common::mismatches(&gold, &report);
    (doc, report, bad)
}

/// shuyang-fgj-2023's page made the same way (every cell set out over its width, printed
/// by LibreOffice): table 三 is wider than the page, and its last columns (其他, 总计) are
/// cut off at the right edge; the group headings 申请人情况 and 法人或其他组织 are set out
/// over their cells one character at a time. Read as columns of their own, those
/// characters gave every row columns enough to reach 总计, and 总计 read blank in every
/// row where the page says 26 or 0. No gold cell may be read wrong: what the page does not
/// show is missing, and the report says why.
#[test]
fn a_table_cut_at_the_pages_edge_reads_no_cell_wrong() {
    let (report, bad) = against_gold("lo-shuyang-2023-distributed.pdf", "shuyang-fgj-2023.json");
    let wrong: Vec<&String> = bad.iter().filter(|m| !m.contains(": missing")).collect();
    assert!(wrong.is_empty(), "gold cells read wrong:\n{wrong:?}\nnotes: {:?}", report.notes);
    for c in report.cells.iter().filter(|c| c.tbl == Table::Applications && c.col == "total") {
        assert_ne!(c.state.as_str(), "blank", "{}: the cut-off 总计 read blank", c.row);
    }
    assert!(report.notes.iter().any(|n| n.starts_with("table 三")), "{:?}", report.notes);
}

/// Web pages as a browser engine prints them (wkhtmltopdf 0.12.6, Qt WebKit, Noto CJK:
/// `wkhtmltopdf pingtan-2019.html wk-pingtan-2019.pdf`, and shuyang-fgj-2023's page with
/// `--no-images`). pingtan-2019: a page break cuts table 二's first row, whose first 0
/// comes out a few points above the rest of the row, in a smaller size; read as a row of
/// its own, 规章's other two cells were read blank where the page says 0. shuyang: table
/// 三's legal persons' names, wrapped a character or two a line, give the grid ten columns
/// for seven, and the legal persons' cells are all blank; its rows (`26 ∅ … ∅ 26`) were
/// left missing, 49 cells. pingtan-2021 on other paper (`--no-images -s Letter`, and `-s B5
/// --zoom 0.9`): on Letter, 行政规范性文件 is set 8 points above its figures and was read
/// as the rest of 规章's label (69 3 665 unlabelled, 规章 0 0 0 kept: 3 cells wrong); on B5,
/// a page break cuts （二）部分公开's label before its figures, and the row read blank (7
/// wrong). Every gold cell is read right now, and no row is added.
#[test]
fn web_pages_printed_by_a_browser_read_right() {
    for (name, gold) in [
        ("wk-pingtan-2019.pdf", "pingtan-2019.json"),
        ("wk-shuyang-fgj-2023.pdf", "shuyang-fgj-2023.json"),
        ("wk-pingtan-2021-letter.pdf", "pingtan-2021.json"),
        ("wk-pingtan-2021-b5.pdf", "pingtan-2021.json"),
    ] {
        let (report, bad) = against_gold(name, gold);
        assert!(
            bad.is_empty(),
            "{name}: {} gold cells not read right:\n{bad:#?}\nnotes: {:?}",
            bad.len(),
            report.notes
        );
        let added: Vec<&str> =
            report.cells.iter().filter(|c| c.row.starts_with("extra:")).map(|c| c.row.as_ref()).collect();
        assert!(added.is_empty(), "{name}: {added:?}");
    }
    // The rows placed past their surplus cells say how.
    let (report, _) = against_gold("wk-shuyang-fgj-2023.pdf", "shuyang-fgj-2023.json");
    let received = report.cells.iter().find(|c| c.row == "new_received" && c.col == "commercial").expect("a cell");
    assert_eq!(received.placement.as_str(), "arithmetic");
}

/// A generated web page printed by wkhtmltopdf with Noto Sans CJK JP, whose fonts map many
/// glyphs to radicals: pdftotext gives ⼆ (U+2F06) for 二, ⾏ for 行, ⽆ for 无 and ⺠
/// (U+2EA0) for 民. Table 二's captions (第⼆⼗条第（五）项) and its section heading went
/// unseen: the heading was read into the table, each 2021 block (a narrow table of one
/// figure column) was read under the first block's three columns, 行政强制's 2 was read as
/// 上一年项目数量 with blanks beside it, nine cells were missing, and the agency was
/// 芜湖市人⺠政府, a different name from the same agency's web page. The radicals are
/// read as the characters they show, and every cell is right.
#[test]
fn glyphs_a_font_maps_to_radicals_read_as_their_characters() {
    let (doc, report, bad) = against_own_gold("wk-synth-radicals");
    assert_eq!(report.agency.as_deref(), Some("芜湖市人民政府"));
    assert_eq!(report.versions.proactive, Some(xxgk_core::template::Version::V2021), "{:?}", report.versions);
    assert!(bad.is_empty(), "{} of 200 gold cells not read right:\n{bad:#?}\nnotes: {:?}", bad.len(), report.notes);
    let licensing = report.cell(Table::Proactive, "licensing", "decisions").expect("licensing.decisions");
    assert_eq!((licensing.raw.as_str(), licensing.state.as_str()), ("48", "number"));
    // The document reads as the page shows, with no radical left in it.
    let radicals = |t: &str| t.chars().any(|c| ('\u{2e80}'..='\u{2fd5}').contains(&c));
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => assert!(!radicals(p), "{p}"),
            Block::Table(t) => {
                for c in t.rows.iter().flatten() {
                    assert!(!radicals(&c.text), "{}", c.text);
                }
            }
            Block::Break => {}
        }
    }
}

/// shanghai-office-2019's web page printed by LibreOffice (squeezed to the page's width).
/// Its title is in the page's banner, not in the text, and its file name names no agency:
/// the body's opening sentence (2019 年，上海市人民政府办公厅坚持…) names it, with a note.
/// Table 二's 规章 row (`13 13 524`) ends a page and 规范性文件 (`60 60 368`) opens the
/// next: the figures opening the page were once read as the ends of 规章's, cut by the
/// page break (1360, 524368). Figures that fill less than half their cells are whole.
#[test]
fn a_row_opening_a_page_is_no_end_of_the_figures_above_it() {
    let (report, bad) = against_gold("lo-shanghai-office-2019.pdf", "shanghai-office-2019.json");
    assert_eq!(report.agency.as_deref(), Some("上海市人民政府办公厅"));
    assert!(report.notes.iter().any(|n| n.contains("opens the report's body")), "{:?}", report.notes);
    let wrong: Vec<&String> = bad.iter().filter(|m| !m.contains(": missing")).collect();
    assert!(wrong.is_empty(), "gold cells read wrong:\n{wrong:?}\nnotes: {:?}", report.notes);
    let cell = |row: &str, col: &str| report.cells.iter().find(|c| c.row == row && c.col == col).and_then(|c| c.value);
    assert_eq!(cell("rules", "total_published"), Some(524.0));
    assert_eq!(cell("normative_docs", "new_made"), Some(60.0));
    assert_eq!(cell("normative_docs", "total_published"), Some(368.0));
}

/// A generated report printed to PDF from a Word file whose value columns are narrow
/// (`tests/fixtures/pdf/make_narrow.py`): figures of three and four digits go on in their
/// cells' next line (1729 printed as 172 over 9), two of them across a page break. Read
/// line by line, 172 looked like a whole figure and 9 like nothing: 22 cells were wrong.
/// Every cell is read whole now, and the report says which figures were joined.
#[test]
fn figures_wrapped_in_narrow_cells_are_read_whole() {
    let (_, report, bad) = against_own_gold("lo-synth-narrow-figures");
    assert!(bad.is_empty(), "{} of 200 gold cells not read right:\n{bad:#?}", bad.len());
    let wrapped = report.notes.iter().find(|n| n.contains("went on in the cell's next line")).expect("a note");
    assert!(wrapped.starts_with("22 figure(s)"), "{wrapped}");
    assert!(wrapped.contains("(over a page break)"), "{wrapped}");
    // The cell keeps the figure as printed, over its two lines.
    let c = report.cell(Table::Applications, "new_received", "total").expect("new_received.total");
    assert_eq!((c.raw.as_str(), c.value), ("25\n25", Some(2525.0)));
}

/// A generated report's DOCX printed by LibreOffice 7.4 (`soffice --headless --convert-to
/// pdf`; `synth-00017.docx` of `synth --reports 24 --formats txt,html,docx --seed 301`), whose
/// table 三 prints nothing under 社会公益组织 in any row. The header's 法人或其他组织 covers
/// 商业企业 and the edge of 科研机构; taken into 商业企业's column, it moved that column's
/// middle too far from its figures for the header's seven columns to fit the six of
/// figures, so 社会公益组织 and 法律服务机构 became one column and every row was one
/// cell short: 175 of 200 cells were missing. All are read now.
#[test]
fn a_column_blank_in_every_row_keeps_its_place_from_the_header() {
    let (_, report, bad) = against_own_gold("lo-synth-blank-column");
    assert!(bad.is_empty(), "{} of 200 gold cells not read right:\n{bad:#?}\nnotes: {:?}", bad.len(), report.notes);
}

/// A generated report's DOCX printed by LibreOffice 7.4 (`soffice --headless --convert-to
/// pdf`; made from `synth-00049.docx`, seed 31), whose tables have no column widths: every
/// column is one width, so the row labels wrap two characters a line (行政 / 规范 / 性文 /
/// 件) and full-width figures too (`１１２` as `１１` over `２`). Stacks of two-character
/// pieces were taken for a group label set down the table's side (三、本年度办理结果) and
/// dropped: 143 of 200 cells were missing, here and in every report of that set (3,492 of
/// 11,967 read). Only a stack with row labels right of it is a group label now, and the
/// line `规范  ２` finishes `１１` above it though a label piece stands beside it.
#[test]
fn row_labels_wrapped_two_characters_a_line_are_read() {
    let (_, report, bad) = against_own_gold("lo-synth-narrow-labels");
    assert!(bad.is_empty(), "{} of 200 gold cells not read right:\n{bad:#?}\nnotes: {:?}", bad.len(), report.notes);
    let c = report.cell(Table::Proactive, "normative_docs", "in_force").expect("normative_docs.in_force");
    assert_eq!((c.raw.as_str(), c.value), ("１１\n２", Some(112.0)));
    let wrapped = report.notes.iter().find(|n| n.contains("went on in the cell's next line")).expect("a note");
    assert!(wrapped.contains("１１ / ２"), "{wrapped}");
    // The group labels down table 三's side still give no rows of their own.
    let added: Vec<&str> =
        report.cells.iter().filter(|c| c.row.starts_with("extra:")).map(|c| c.row.as_ref()).collect();
    assert!(added.is_empty(), "{added:?}");
}

/// A generated report printed by LibreOffice from a Word file whose footer numbers its
/// pages with a field between dashes (`tests/fixtures/pdf/make_footers.py`): the PDF sets
/// `- 3 -` as three words, its `3` under a value column of table 三, right where a page
/// break cuts the label of 4．无正当理由大量反复申请 from its last characters. Read as the
/// row's figures (`-`, `3`, `-`), they made seven of its cells wrong. The page number is
/// dropped now, and every cell reads right.
#[test]
fn a_page_number_set_as_several_words_is_no_row_of_the_table() {
    let (_, report, bad) = against_own_gold("lo-synth-page-footer");
    assert!(bad.is_empty(), "{} of 200 gold cells not read right:\n{bad:#?}\nnotes: {:?}", bad.len(), report.notes);
}

/// The same with Word's plainest footer, the page's number alone (`lo-synth-page-number`,
/// made by the same script): the bare number at a page's foot stood under a value column
/// of table 三 and was read as a figure of the row the page break cut (seven cells wrong
/// in that report, 596 in the 100 such prints of seeds 155–159). A bare figure in the foot
/// band of each page that runs with the pages is a page number now.
#[test]
fn a_bare_page_number_is_no_figure_of_the_table() {
    let (_, report, bad) = against_own_gold("lo-synth-page-number");
    assert!(bad.is_empty(), "{} of 198 gold cells not read right:\n{bad:#?}\nnotes: {:?}", bad.len(), report.notes);
}

#[test]
fn title_lines_and_page_numbers() {
    let (_, doc, _) = read_path(&corpus().join("real/huaian-2024.pdf"), &Limits::default()).unwrap();
    let first = doc.paragraphs().next().unwrap();
    assert_eq!(norm(first), "淮安市人民政府2024年政府信息公开工作年度报告");
    let all: Vec<String> = doc
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph(p) => vec![p.clone()],
            Block::Table(t) => t.rows.iter().flatten().map(|c| c.text.to_string()).collect(),
            Block::Break => Vec::new(),
        })
        .collect();
    for page_number in ["-3-", "-4-", "-5-"] {
        assert!(!all.iter().any(|t| t.contains(page_number)), "page number {page_number} kept");
    }
    // The vertical 三、本年度办理结果 label leaves no rows of its own.
    for b in &doc.blocks {
        if let Block::Table(t) = b {
            for r in &t.rows {
                assert!(!(r.len() == 1 && r[0].text.chars().count() == 1), "one-character row {:?}", r[0].text);
            }
        }
    }
}

fn read_err(bytes: &[u8]) -> String {
    match read_bytes(bytes, Path::new("report.pdf"), &Limits::default()) {
        Ok((_, doc)) => panic!("expected an error, read {} blocks", doc.blocks.len()),
        Err(e) => format!("{e:#}"),
    }
}

#[test]
fn not_a_pdf_with_pdf_name() {
    let err = read_err(b"this is not a PDF at all, just some words\n");
    assert!(err.contains("PDF"), "{err}");
}

#[test]
fn truncated_pdf() {
    let bytes = std::fs::read(corpus().join("real/huaian-2024.pdf")).unwrap();
    for len in [3000, bytes.len() / 2] {
        let err = read_err(&bytes[..len]);
        assert!(err.contains("pdftotext cannot read") || err.contains("pdftoppm failed"), "{err}");
    }
}

#[test]
fn image_only_pdf_without_ocr_has_no_text_layer() {
    let bytes = std::fs::read(fixture("image-only.pdf")).unwrap();
    let mut limits = Limits::default();
    limits.ocr.mode = xxgk_core::source::ocr::OcrMode::Never;
    let err = format!("{:#}", xxgk_core::source::pdf::read(&bytes, &limits).unwrap_err());
    assert!(err.contains("no text layer") && err.contains("--ocr never"), "{err}");
}

#[test]
fn image_only_pdf_is_read_by_ocr() {
    // The fixture's one page is blank: OCR reads it, and finds nothing. An empty page is
    // no page read by OCR; the note says OCR read nothing on it.
    let bytes = std::fs::read(fixture("image-only.pdf")).unwrap();
    let doc = xxgk_core::source::pdf::read(&bytes, &Limits::default()).unwrap();
    assert_eq!(doc.ocr, None);
    assert!(doc.blocks.is_empty());
    assert_eq!(doc.warnings, ["page 1: no text layer, and OCR read nothing on it: an empty page, not read by OCR"]);
}

#[test]
fn encrypted_pdf() {
    let bytes = std::fs::read(fixture("encrypted.pdf")).unwrap();
    let err = read_err(&bytes);
    assert!(err.contains("encrypted"), "{err}");
}

#[test]
fn pdftotext_is_installed() {
    let out = std::process::Command::new("pdftotext").arg("-v").output();
    assert!(out.is_ok(), "pdftotext is missing: install poppler-utils and poppler-data");
}
