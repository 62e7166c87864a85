//! The shapes tables arrive in, each written out: what is read, what is left missing and
//! said so, and that nothing lands in a wrong cell.

use std::path::Path;

use xxgk_core::report::{Completeness, Placement, Report, State};
use xxgk_core::template::Table;

/// Read text (or Markdown, or HTML, by the name's extension and the content) as a report.
fn read(name: &str, text: &str) -> Report {
    let path = Path::new(name);
    let (_, doc) =
        xxgk_core::source::read_bytes(text.as_bytes(), path, &Default::default()).unwrap_or_else(|e| panic!("{e:#}"));
    xxgk_core::extract::extract(&doc, path)
}

fn value(r: &Report, tbl: Table, row: &str, col: &str) -> Option<f64> {
    r.value(tbl, row, col)
}

const TITLE: &str = "某某县某某局2021年政府信息公开工作年度报告\n";

#[test]
fn a_markdown_row_that_lost_a_cell_is_missing_not_shifted() {
    // `| 规章 | 22 | 235 |`: 235 is probably 现行有效, but nothing says which cell is gone.
    let md = format!(
        "{TITLE}\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 22 | 235 |\n| 行政规范性文件 | 3 | 1 | 20 |\n"
    );
    let r = read("r.md", &md);
    assert_eq!(value(&r, Table::Proactive, "normative_docs", "in_force"), Some(20.0));
    assert!(r.cell(Table::Proactive, "rules", "repealed").is_none(), "235 stored as 本年废止件数");
    assert!(r.cell(Table::Proactive, "rules", "issued").is_none());
    assert!(r.notes.iter().any(|n| n.contains("rules") && n.contains("22 235")), "{:?}", r.notes);
    assert_eq!(r.completeness(), Completeness::Partial);
}

#[test]
fn a_laid_out_row_that_lost_a_cell_is_placed_by_its_columns() {
    // The same row laid out by spaces: the figures stand under their columns.
    let text = format!(
        "{TITLE}信息内容          本年制发件数     本年废止件数   现行有效件数\n规章                 22                          235\n行政规范性文件        3               1             20\n"
    );
    let r = read("r.txt", &text);
    let c = r.cell(Table::Proactive, "rules", "in_force").unwrap();
    assert_eq!((c.value, c.placement), (Some(235.0), Placement::Aligned));
    assert_eq!(r.cell(Table::Proactive, "rules", "repealed").unwrap().state, State::Blank);
    assert_eq!(value(&r, Table::Proactive, "rules", "issued"), Some(22.0));
}

#[test]
fn a_value_with_a_count_unit_is_a_value_not_a_row() {
    let text = "某局2019年政府信息公开工作年度报告\n第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t2笔\t35.6万元\n";
    let r = read("r.txt", text);
    let c = r.cell(Table::Proactive, "procurement", "projects").unwrap();
    assert_eq!((c.value, c.unit.as_deref()), (Some(2.0), Some("笔")));
    assert_eq!(value(&r, Table::Proactive, "procurement", "amount"), Some(35.6));
    assert!(r.cells.iter().all(|c| !c.row.starts_with("extra:")), "a row called extra:2笔");
}

#[test]
fn a_lost_fee_amount_makes_the_report_partial_and_r0_fail() {
    // Table 二 of 2021 with its 收费 amount lost (a PDF that dropped the cell).
    let text = format!(
        "{TITLE}第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t0\n行政规范性文件\t1\t0\t5\n第二十条第（五）项\n信息内容\t本年处理决定数量\n行政许可\t97\n第二十条第（六）项\n信息内容\t本年处理决定数量\n行政处罚\t5\n行政强制\t0\n第二十条第（八）项\n信息内容\t本年收费金额（单位：万元）\n行政事业性收费\n"
    );
    let r = read("r.txt", &text);
    assert!(r.cell(Table::Proactive, "fees", "amount").is_none());
    assert_eq!(r.completeness(), Completeness::Partial);
    let checks = xxgk_core::checks::run(&r);
    let r0 = checks.iter().find(|c| c.rule.as_str() == "R0" && c.scope == "proactive").unwrap();
    assert_eq!((r0.lhs, r0.rhs, r0.status.as_str()), (Some(9.0), Some(10.0), "fail"));
    assert!(r0.detail.contains("fees.amount"), "{}", r0.detail);
}

#[test]
fn a_shortened_applicant_header_never_puts_legal_persons_under_commercial() {
    // 自然人 | 法人或其他组织 | 总计: the middle figure belongs to no template cell.
    let text = format!(
        "{TITLE}三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 法人或其他组织 总计\n一、本年新收政府信息公开申请数量 5 3 8\n二、上年结转政府信息公开申请数量 0 0 0\n"
    );
    let r = read("r.txt", &text);
    assert_eq!(value(&r, Table::Applications, "new_received", "natural_person"), Some(5.0));
    assert_eq!(value(&r, Table::Applications, "new_received", "total"), Some(8.0));
    assert!(r.cell(Table::Applications, "new_received", "commercial").is_none(), "法人 figure stored as 商业企业");
    assert!(r.notes.iter().any(|n| n.contains("法人或其他组织")), "{:?}", r.notes);
}

#[test]
fn labels_with_slips_other_numbering_and_traditional_characters() {
    let text = format!(
        "{TITLE}三、收到和处理政府信息公开申请情况\n申请人情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n\
         一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5\n\
         （一）子以公开 2 0 0 0 0 0 2\n\
         ①屬於國家秘密 1 0 0 0 0 0 1\n\
         1．本机关不掌提相关政府信息\n 2 0 0 0 0 0 2\n"
    );
    let r = read("r.txt", &text);
    assert_eq!(value(&r, Table::Applications, "deny_state_secret", "total"), Some(1.0));
    assert_eq!(value(&r, Table::Applications, "granted", "natural_person"), Some(2.0));
    assert_eq!(value(&r, Table::Applications, "unable_not_held", "total"), Some(2.0));
}

#[test]
fn a_page_titled_only_in_its_head_and_a_markdown_heading() {
    let html = "<html><head><title>某某县人民政府2022年政府信息公开工作年度报告_某某县人民政府网</title></head><body><p>一、总体情况</p><p>正文。</p></body></html>";
    let r = read("page.html", html);
    assert_eq!((r.agency.as_deref(), r.year), (Some("某某县人民政府"), Some(2022)));
    let html = "<html><head><meta property=\"og:title\" content=\"某某县教育局2023年政府信息公开工作年度报告\"></head><body><p>正文。</p></body></html>";
    let r = read("page.html", html);
    assert_eq!((r.agency.as_deref(), r.year), (Some("某某县教育局"), Some(2023)));
    let r = read("r.md", "# 某某县财政局2021年政府信息公开工作年度报告\n\n正文。\n");
    assert_eq!(r.agency.as_deref(), Some("某某县财政局"));
}

#[test]
fn a_report_whose_tables_are_images_has_no_tables() {
    let r = read("r.txt", &format!("{TITLE}二、主动公开政府信息情况\n[image: table2.png]\n三、收到和处理政府信息公开申请情况\n[image: table3.png]\n"));
    assert!(r.cells.is_empty());
    assert_eq!(r.completeness(), Completeness::NoTables);
}
