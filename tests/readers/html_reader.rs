//! The HTML reader on real published pages (the shared corpus) and on fixtures of its own.

use crate::common;

use xxgk_core::source::{html, Block, Cell, Document, Span, Table};

fn read_corpus(name: &str) -> Option<(Document, serde_json::Value)> {
    let dir = common::corpus();
    let bytes = std::fs::read(dir.join("real").join(format!("{name}.html"))).expect("corpus file");
    let gold = std::fs::read_to_string(dir.join("gold").join(format!("{name}.json"))).expect("gold file");
    let doc = html::read(&bytes).expect("page reads");
    Some((doc, serde_json::from_str(&gold).expect("gold JSON")))
}

fn own(row: &[Cell]) -> Vec<&str> {
    row.iter().filter(|c| c.span == Span::Own).map(|c| c.text.as_str()).collect()
}

/// The first row, in any table, with an own cell containing `label`.
fn row_with<'a>(doc: &'a Document, label: &str) -> &'a [Cell] {
    doc.tables()
        .flat_map(|t: &Table| t.rows.iter())
        .find(|r| r.iter().any(|c| c.span == Span::Own && c.text.contains(label)))
        .unwrap_or_else(|| panic!("no row labelled {label}"))
}

const COLUMNS: [&str; 7] =
    ["natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org", "total"];

/// Gold raw values of one table-三 row, in column order.
fn gold_row(gold: &serde_json::Value, row: &str) -> Vec<String> {
    let cells = gold["cells"].as_array().expect("cells");
    COLUMNS
        .iter()
        .map(|col| {
            cells
                .iter()
                .find(|c| c["tbl"] == "applications" && c["row"] == row && c["col"] == *col)
                .and_then(|c| c["raw"].as_str())
                .unwrap_or_else(|| panic!("gold has no applications/{row}/{col}"))
                .to_string()
        })
        .collect()
}

/// Table 三 rows, by label, compared with gold: the last seven own cells of the row.
fn check_applications(name: &str) -> Option<Document> {
    let (doc, gold) = read_corpus(name)?;
    // The task's own check: the row whose first non-empty cell contains 本年新收.
    let new_row = doc
        .tables()
        .flat_map(|t| t.rows.iter())
        .find(|r| r.iter().find(|c| !c.text.is_empty()).is_some_and(|c| c.text.contains("本年新收")))
        .expect("a 本年新收 row");
    let values = own(new_row);
    assert_eq!(values[values.len() - 7..].to_vec(), gold_row(&gold, "new_received"), "{name} new_received");
    for (key, label) in [
        ("carried_over", "上年结转"),
        ("granted", "予以公开"),
        ("results_total", "（七）总计"),
        ("carry_forward", "结转下年度"),
    ] {
        let cells = own(row_with(&doc, label));
        let mut expected = gold_row(&gold, key);
        // A label cell may be the last "own" cell only when values are missing; never here.
        assert!(cells.len() >= 8, "{name} {key}: {cells:?}");
        let got: Vec<String> = cells[cells.len() - 7..].iter().map(|s| s.to_string()).collect();
        expected.truncate(7);
        assert_eq!(got, expected, "{name} {key}");
    }
    Some(doc)
}

#[test]
fn pingtan_2019() {
    let Some(doc) = check_applications("pingtan-2019") else { return };
    let row = row_with(&doc, "政府集中采购");
    assert!(row.iter().any(|c| c.span == Span::Own && c.text == "75394432.52元"), "{row:?}");
    assert!(doc.title_hint.as_deref().is_some_and(|t| t.contains("2019年度政府信息公开工作年度报告")));
}

#[test]
fn pingtan_2021_misaligned_header() {
    let Some(doc) = check_applications("pingtan-2021") else { return };
    let row = row_with(&doc, "本年新收");
    // 8 grid positions after the 3-wide label, 7 value cells: one is a horizontal copy.
    assert_eq!(row.len(), 11);
    assert_eq!(row.iter().filter(|c| c.span == Span::ColCopy).count(), 3);
}

#[test]
fn pingtan_2023() {
    check_applications("pingtan-2023");
}

#[test]
fn shanghai_office_2019_blank_totals() {
    let Some(doc) = check_applications("shanghai-office-2019") else { return };
    for label in ["予以公开", "部分公开", "1.属于国家秘密", "2.重复申请", "（六）其他处理"] {
        let cells = own(row_with(&doc, label));
        assert_eq!(cells.last().copied(), Some(""), "{label}: 总计 is blank");
    }
    assert_eq!(doc.title_hint.as_deref(), Some("2019年上海市人民政府办公厅政府信息公开工作年度报告"));
}

#[test]
fn shuyang_fgj_2023() {
    let Some(doc) = check_applications("shuyang-fgj-2023") else { return };
    assert_eq!(doc.title_hint.as_deref(), Some("沭阳县发展和改革局2023年政府信息公开年度报告"));
    // The portal's menus are not part of the article.
    assert!(!doc.paragraphs().any(|p| p == "走进沭阳"));
}

#[test]
fn corpus_paragraphs_are_blocks_not_the_page() {
    for name in ["pingtan-2019", "pingtan-2021", "pingtan-2023", "shanghai-office-2019", "shuyang-fgj-2023"] {
        let Some((doc, _)) = read_corpus(name) else { return };
        assert!(doc.warnings.is_empty(), "{name}: {:?}", doc.warnings);
        assert!(doc.paragraphs().any(|p| p.starts_with("一、总体情况")), "{name}");
        assert!(doc.paragraphs().any(|p| p.contains("统计期限") || p.contains("2")), "{name}");
        assert!(doc.paragraphs().all(|p| p.chars().count() < 3000), "{name}: a run-on paragraph");
        assert!(doc.tables().count() >= 3, "{name}");
    }
}

fn fixture(name: &str) -> Document {
    let path = common::repo().join("tests/fixtures/html").join(name);
    html::read(&std::fs::read(path).expect("fixture")).expect("fixture reads")
}

#[test]
fn fixture_reads_as_written() {
    let doc = fixture("report-utf8.html");
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert_eq!(doc.title_hint.as_deref(), Some("示例县人民政府2022年政府信息公开工作年度报告"));
    let paragraphs: Vec<&str> = doc.paragraphs().collect();
    assert_eq!(
        paragraphs,
        [
            "示例县人民政府2022年政府信息公开工作年度报告",
            "本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
            "一、总体情况",
            "全年共收到政府信息公开申请12件。",
            "三、收到和处理政府信息公开申请情况",
            "六、其他需要报告的事项",
            "无。",
        ]
    );
    // Order: the table sits between its heading and the next section.
    assert!(matches!(&doc.blocks[5], Block::Table(_)));
    let table = doc.tables().next().expect("a table");
    let texts: Vec<Vec<(&str, Span)>> =
        table.rows.iter().map(|r| r.iter().map(|c| (c.text.as_str(), c.span)).collect()).collect();
    use Span::{ColCopy as C, Own as O, RowCopy as R};
    assert_eq!(
        texts,
        vec![
            vec![
                ("申请人情况", O),
                ("申请人情况", C),
                ("申请人情况", C),
                ("自然人", O),
                ("法人或其他组织", O),
                ("法人或其他组织", C),
                ("总计", O)
            ],
            vec![
                ("申请人情况", R),
                ("申请人情况", R),
                ("申请人情况", R),
                ("自然人", R),
                ("商业企业", O),
                ("科研机构", O),
                ("总计", R)
            ],
            vec![
                ("一、本年新收政府信息公开申请数量", O),
                ("一、本年新收政府信息公开申请数量", C),
                ("一、本年新收政府信息公开申请数量", C),
                ("10", O),
                ("2", O),
                ("", O),
                ("12", O)
            ],
            vec![
                ("三、本年度\n办理结果", O),
                ("（一）予以公开", O),
                ("（一）予以公开", C),
                ("8", O),
                ("1", O),
                ("0", O),
                ("9", O)
            ],
            vec![
                ("三、本年度\n办理结果", R),
                ("（二）部分公开", O),
                ("（二）部分公开", C),
                ("2", O),
                ("1", O),
                ("0", O),
                ("3", O)
            ],
        ]
    );
}

#[test]
fn fixture_encodings_give_the_same_document() {
    let utf8 = fixture("report-utf8.html");
    for name in ["report-gbk-meta.html", "report-gbk-nometa.html", "report-utf8-claims-gb2312.html"] {
        let doc = fixture(name);
        assert_eq!(doc.blocks, utf8.blocks, "{name}");
        assert_eq!(doc.title_hint, utf8.title_hint, "{name}");
    }
    assert!(fixture("report-gbk-meta.html").warnings.is_empty());
    assert!(fixture("report-utf8-claims-gb2312.html").warnings.iter().any(|w| w.contains("UTF-8")));
    assert!(!fixture("report-gbk-nometa.html").warnings.is_empty());
}
