//! Tables printed without a figure: an agency that received no application, or had no
//! case of review or litigation, may print table 三 or 四 with every cell left empty. A
//! grid (HTML, DOCX) keeps those empty cells, which read as blank; a PDF, or text made from
//! one, prints nothing for them, and the table is its header and labels alone.
//!
//! Such a table reads as blank cells only when two things say so: its header was read
//! with no figure or mark anywhere under it ([`super::tables::Tables::headed_without_figures`]),
//! and the prose states that there was none (共收到政府信息公开申请0件, 未发生政府信息公开
//! 行政复议) and states no figure above 0 for the table. The cells are marked `assumed`,
//! with a note: a table whose figures were lost reads the same, and the prose is what
//! tells the two apart. A document read by OCR is left alone (OCR may miss a faint figure).

use super::tables::Tables;
use crate::report::{CellValue, Claim, Placement, State};
use crate::source::Document;
use crate::template::{self, Table, Version};

/// Read the tables of `tables` printed without a figure as blank cells, where the prose
/// (`claims`) says the table had nothing to count. Returns nothing; the cells, versions and
/// notes of `tables` change.
pub fn fill(tables: &mut Tables, claims: &[Claim], doc: &Document) {
    if doc.ocr.is_some() {
        return;
    }
    for (table, version) in std::mem::take(&mut tables.headed_without_figures) {
        if version == Version::Both && table == Table::Applications {
            // Which of table 三's two forms was printed cannot be told: its rows are not known.
            continue;
        }
        if tables.cells.iter().any(|c| c.tbl == table) {
            continue;
        }
        let Some(said) = says_none(table, claims) else { continue };
        let prefix = format!("table {}", table.numeral());
        tables.notes.retain(|n| !n.starts_with(&prefix));
        let before = tables.cells.len();
        tables.cells.extend(template::cells_in(table, version).map(|(r, c)| CellValue {
            tbl: table,
            row: r.key.into(),
            col: c.key,
            raw: Default::default(),
            state: State::Blank,
            value: None,
            unit: None,
            placement: Placement::Assumed,
            confidence: None,
            ocr_raw: None,
        }));
        tables.notes.push(format!(
            "{prefix}: its header is printed with no figure under it, and the prose says there was none (“{said}”) — its {} cells read as blank, as a table that leaves its cells empty prints them (marked assumed)",
            tables.cells.len() - before
        ));
        match table {
            Table::Applications => tables.versions.applications = Some(version),
            Table::Appeals => tables.versions.appeals = Some(version),
            Table::Proactive => {}
        }
    }
}

/// The prose's statement that `table` counted nothing: for table 三, that no application
/// was received; for table 四, that there was no review or no suit. None when there is no
/// such statement, or when a figure above 0 is stated for the table.
fn says_none(table: Table, claims: &[Claim]) -> Option<&str> {
    let of_table = |c: &&Claim| c.subject.split('.').next() == Some(table.key());
    if claims.iter().filter(of_table).any(|c| c.value.is_some_and(|v| v != 0.0)) {
        return None;
    }
    claims
        .iter()
        .filter(of_table)
        .find(|c| {
            c.value == Some(0.0)
                && match table {
                    Table::Applications => c.subject == "applications.new_received.total",
                    _ => true,
                }
        })
        .map(|c| c.text.as_str())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::report::{Placement, Report, State};
    use crate::source::{Block, Cell, Document};
    use crate::template::{Table, Version};

    /// Table 二's one block and table 四's header as a PDF's reader gives them (no row of
    /// cells under the header), then `prose`, and `after` rows under the header.
    fn report(prose: &str, after: &[&[&str]]) -> Report {
        report_with(prose, after, None)
    }

    /// [`report`], with a line of text right under table 四's header.
    fn report_with(prose: &str, after: &[&[&str]], line: Option<&str>) -> Report {
        let grid = |rows: &[&[&str]]| {
            Block::Table(crate::source::Table {
                rows: rows.iter().map(|r| r.iter().map(|t| Cell::own(*t)).collect()).collect(),
            })
        };
        let mut appeals: Vec<&[&str]> =
            vec![&["行政复议", "行政诉讼"], &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]];
        appeals.extend_from_slice(after);
        let doc = Document {
            blocks: vec![
                Block::Paragraph("示例市示例局2020年政府信息公开工作年度报告".into()),
                Block::Paragraph(prose.into()),
                grid(&[
                    &["第二十条第（一）项"],
                    &["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                    &["规章", "0", "0", "0"],
                ]),
                Block::Paragraph("四、政府信息公开行政复议、行政诉讼情况".into()),
                grid(&appeals),
            ]
            .into_iter()
            .chain(line.map(|l| Block::Paragraph(l.into())))
            .chain([Block::Paragraph("五、存在的主要问题及改进情况".into())])
            .collect(),
            ..Default::default()
        };
        super::super::extract(&doc, Path::new("x.pdf"))
    }

    fn appeals(r: &Report) -> Vec<&crate::report::CellValue> {
        r.cells.iter().filter(|c| c.tbl == Table::Appeals).collect()
    }

    #[test]
    fn a_header_without_figures_reads_blank_when_the_prose_says_there_was_no_case() {
        let r = report("全年未发生政府信息公开行政复议案件。", &[]);
        let cells = appeals(&r);
        assert_eq!(cells.len(), 15, "{:?}", r.notes);
        assert!(cells.iter().all(|c| c.state == State::Blank && c.placement == Placement::Assumed));
        assert!(
            r.notes.iter().any(|n| n.starts_with("table 四: its header is printed with no figure")),
            "{:?}",
            r.notes
        );
        assert!(!r.notes.iter().any(|n| n.contains("not found") && n.starts_with("table 四")), "{:?}", r.notes);
        assert_eq!(r.versions.appeals, Some(crate::template::Version::Both));
    }

    #[test]
    fn without_the_prose_saying_so_such_a_table_stays_missing() {
        for prose in ["本年度政府信息公开工作有序开展。", "全年发生政府信息公开行政复议案件2件。"]
        {
            let r = report(prose, &[]);
            assert!(appeals(&r).is_empty(), "{prose}: {:?}", r.cells);
            assert!(r.notes.iter().any(|n| n.starts_with("table 四") && n.ends_with("not found")), "{:?}", r.notes);
        }
    }

    #[test]
    fn figures_under_the_header_that_could_not_be_placed_are_no_table_without_figures() {
        // Two figures for fifteen columns: not placed, but printed — the table is not blank.
        // (The prose's 未发生行政复议 still makes review's five cells blank, by the totals it
        // states: [`super::super::stated`]; the suits' stay missing.)
        let r = report("全年未发生政府信息公开行政复议案件。", &[&["1", "1"]]);
        assert!(
            !r.notes.iter().any(|n| n.starts_with("table 四: its header is printed with no figure")),
            "{:?}",
            r.notes
        );
        assert!(appeals(&r).iter().all(|c| c.row == "review" && c.state == State::Blank), "{:?}", r.cells);
    }

    #[test]
    fn figures_under_the_header_as_a_line_of_text_are_no_table_without_figures() {
        // The grid saw no figure under the header; the layout-free reading saw these.
        let r = report_with("全年未发生政府信息公开行政复议案件。", &[], Some("1 0 0 0 1"));
        assert!(appeals(&r).iter().all(|c| c.placement != Placement::Assumed), "{:?}", r.cells);
    }

    /// `pdftotext -layout` of a PDF whose table 四 left every cell empty: the header's
    /// lines and nothing under them. The text holds no grid, so only the layout-free reading
    /// sees the header; it says so, and the prose's 行政复议0件 makes the cells blank.
    #[test]
    fn a_laid_out_header_without_figures_reads_blank_when_the_prose_says_there_was_no_case() {
        let text = |prose: &str, under: &str| {
            format!(
                "示例市示例局2020年政府信息公开工作年度报告\n{prose}\n二、主动公开政府信息情况\n      第二十条第（一）项\n  信息内容      本年新制作数量   本年新公开数量   对外公开总数量\n  规章              0              0              0\n四、政府信息公开行政复议、行政诉讼情况\n行政复议               行政诉讼\n结果  结果  其他  尚未  总计 未经复议直接起诉                   复议后起诉\n维持  纠正  结果  审结     结果  结果  其他       尚未   总计   结果  结果    其他   尚未   总计\n                   维持  纠正  结果       审结        维持  纠正    结果   审结\n{under}\n五、存在的主要问题及改进情况\n"
            )
        };
        let read = |prose: &str, under: &str| {
            let doc = crate::source::text::read(text(prose, under).as_bytes()).unwrap();
            super::super::extract(&doc, Path::new("x.txt"))
        };
        let r = read("全年发生政府信息公开行政复议0件，行政诉讼0件。", "");
        let cells = appeals(&r);
        assert_eq!(cells.len(), 15, "{:?}", r.notes);
        assert!(cells.iter().all(|c| c.state == State::Blank && c.placement == Placement::Assumed));
        // Without the prose saying so, or with a figure under the header, it is no table
        // left empty.
        let r = read("全年发生政府信息公开行政复议2件。", "");
        assert!(appeals(&r).is_empty(), "{:?}", r.cells);
        let r = read("全年发生政府信息公开行政复议0件，行政诉讼0件。", "  1    0     0     0     1");
        assert!(appeals(&r).iter().all(|c| c.placement != Placement::Assumed), "{:?}", r.cells);
    }

    #[test]
    fn table_three_of_labels_alone_reads_blank_when_no_application_was_received() {
        let doc = |prose: &str| Document {
            blocks: vec![
                Block::Paragraph(prose.into()),
                Block::Table(crate::source::Table {
                    rows: [
                        &["第二十条第（一）项"][..],
                        &["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
                        &["规章", "0", "0", "0"],
                        &["申请人情况", "自然人", "法人或其他组织", "总计"],
                        &["一、本年新收政府信息公开申请数量"],
                        &["四、结转下年度继续办理"],
                    ]
                    .iter()
                    .map(|r| r.iter().map(|t| Cell::own(*t)).collect())
                    .collect(),
                }),
            ],
            ..Default::default()
        };
        let read = |prose: &str| super::super::extract(&doc(prose), Path::new("x.pdf"));
        let r = read("2020年，本机关未收到政府信息公开申请。");
        let cells: Vec<_> = r.cells.iter().filter(|c| c.tbl == Table::Applications).collect();
        // Table 二's header is 2019's: so is table 三's form, with its 161 cells.
        assert_eq!(cells.len(), 161, "{:?}", r.notes);
        assert!(cells.iter().all(|c| c.state == State::Blank && c.placement == Placement::Assumed));
        // An application received: the figures were lost, not left empty.
        let r = read("2020年，本机关共收到政府信息公开申请3件。");
        assert!(r.cells.iter().all(|c| c.tbl != Table::Applications), "{:?}", r.notes);
    }

    /// Table 三 laid out in spaces with no figure under it, its labels broken over the
    /// lines of narrow cells (`（六` / `）其` / `他处` / `理` beside `1、逾` / `期不` …): its
    /// form is told by its labels' characters, and it reads blank where the prose says no
    /// application came.
    #[test]
    fn a_laid_out_table_three_without_figures_reads_blank_in_the_form_its_labels_tell() {
        let other_2021 = "      （六  1、逾\n      ）其  期不\n      他处  补正\n      理   2、逾\n          期未\n          缴纳\n          费用\n          3、其\n          他\n";
        let other_2019 = "      （六）其他\n      处理\n";
        let text = |prose: &str, other: &str, under: &str| {
            format!(
                "示例市示例局2022年政府信息公开工作年度报告\n{prose}\n二、主动公开政府信息情况\n      第二十条第（一）项\n  信息内容      本年制发件数   本年废止件数   现行有效件数\n  规章              0              0              0\n三、收到和处理政府信息公开申请情况\n                  申请人情况\n                  自然  法人或其他组织                  总计\n                  人   商业   科研   社会   法律   其他\n                       企业   机构   公益   服务\n                                     组织   机构\n一、本年新收政府信息\n公开申请数量\n二、上年结转政府信息\n公开申请数量\n三、  （一）予以公\n本年  开\n度办  （二）部分公\n理结  开\n果   （三）不予\n      公开\n      （四）无法\n      提供\n      （五  5、要\n      ）不  求行\n      予处  政机\n      理   关确\n          认或\n          重新\n          出具\n          已获\n          取信\n          息\n{other}      （七）总计\n{under}四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n"
            )
        };
        let read = |prose: &str, other: &str, under: &str| {
            let doc = crate::source::text::read(text(prose, other, under).as_bytes()).unwrap();
            super::super::extract(&doc, Path::new("x.txt"))
        };
        let applications = |r: &Report| r.cells.iter().filter(|c| c.tbl == Table::Applications).count();
        let none = "2022年，本机关共收到政府信息公开申请0件。";
        for (other, version, count) in [(other_2021, Version::V2021, 175), (other_2019, Version::V2019, 161)] {
            let r = read(none, other, "");
            assert_eq!(applications(&r), count, "{:?}", r.notes);
            assert!(r
                .cells
                .iter()
                .filter(|c| c.tbl == Table::Applications)
                .all(|c| c.state == State::Blank && c.placement == Placement::Assumed));
            assert_eq!(r.versions.applications, Some(version));
        }
        // An application received, a figure under the header, or labels that do not tell
        // the form (a 逾 without a 缴): no table left empty.
        let r = read("2022年，本机关共收到政府信息公开申请2件。", other_2021, "");
        assert_eq!(applications(&r), 0, "{:?}", r.notes);
        let r = read(none, other_2021, "                   1                         1\n");
        assert!(r.cells.iter().all(|c| c.tbl != Table::Applications || c.placement != Placement::Assumed));
        let r = read(none, &other_2021.replace("缴纳", "交纳"), "");
        assert_eq!(applications(&r), 0, "{:?}", r.notes);
    }
}
