//! The corpus reports with one label reworded at a time, the ways other reports print it
//! (1、 for 1., 的 added, list marks inside a label, 其它 for 其他, 合计 for 总计, shorter
//! names…), read back against the gold of the original: every cell right, and never a
//! cell under a key the original's form does not have.

use std::collections::HashSet;
use std::path::Path;

use crate::common;

/// Rewordings of the seed report's labels (as it prints them: 1．, （一）…).
const SEED: &[(&str, &str)] = &[
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"),
    ("1．属于国家秘密", "1、属于国家秘密"),
    ("1．属于国家秘密", "1.属于国家秘密的"),
    ("2．其他法律行政法规禁止公开", "2.其他法律、行政法规禁止公开"),
    ("3．危及“三安全一稳定”", "3.危及\"三安全一稳定\""),
    ("3．危及“三安全一稳定”", "3.危及三安全一稳定"),
    ("5．属于三类内部事务信息", "5.属于“三类内部事务信息”"),
    ("5．属于三类内部事务信息", "5.属于内部事务信息"),
    ("6．属于四类过程性信息", "6.属于过程性信息"),
    ("7．属于行政执法案卷", "7.属于行政执法案卷信息"),
    ("8．属于行政查询事项", "8.属于行政查询类事项"),
    ("1．本机关不掌握相关政府信息", "1.本机关不掌握相关信息"),
    ("2．没有现成信息需要另行制作", "2.没有现成信息，需要另行制作"),
    ("3．补正后申请内容仍不明确", "3.补正后申请内容仍然不明确"),
    ("1．信访举报投诉类申请", "1.信访、举报、投诉类申请"),
    ("3．要求提供公开出版物", "3.要求提供公开出版物的"),
    ("4．无正当理由大量反复申请", "4.无正当理由大量、反复申请"),
    ("5．要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或者重新出具已获取信息"),
    ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数"),
    ("二、上年结转政府信息公开申请数量", "二、上年结转的政府信息公开申请数量"),
    ("四、结转下年度继续办理", "四、结转下一年度继续办理"),
    ("（一）予以公开", "（一）予以公开的"),
    ("（一）予以公开", "（一）同意公开"),
    ("（六）其他处理", "（六）其他"),
    ("（六）其他处理", "（六）其它处理"),
    ("（七）总计", "（七）合计"),
    ("其他对外管理服务事项", "其他对外管理服务"),
    ("行政事业性收费", "行政事业收费"),
    ("政府集中采购", "政府采购"),
    ("处理决定数量", "本年处理决定数量"),
];

/// Rewordings of the pages' labels, each applied to every page that prints it.
const PAGES: &[(&str, &str)] = &[
    ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "申请人无正当理由逾期不补正"),
    ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "申请人逾期未缴纳费用"),
    ("3.其他", "3.其他处理"),
    ("3.其他", "3.其它"),
    ("（六）其他处理", "（六）其它处理"),
    ("本年制发件数", "本年制发数量"),
    ("现行有效件数", "现行有效数量"),
    ("本年处理决定数量", "处理决定数"),
    ("本年收费金额（单位：万元）", "本年收费金额(万元)"),
    ("行政规范性文件", "规范性文件"),
    ("未经复议直接起诉", "直接起诉"),
    ("复议后起诉", "经复议后起诉"),
    ("总计", "合计"),
    ("（七）总计", "（七）合计"),
    ("自然人", "公民"),
    ("法律服务机构", "法律机构"),
    ("社会公益组织", "公益组织"),
    ("四、结转下年度继续办理", "四、结转下年度继续办理数量"),
    ("二、上年结转政府信息公开申请数量", "二、上年结转申请数量"),
    ("一、本年新收政府信息公开申请数量", "一、本年新收申请数量"),
    ("1.本机关不掌握相关政府信息", "1.本机关不掌握该政府信息"),
    ("（一）予以公开", "（一）公开"),
];

/// Read `text` as the file `name` and compare it with the gold `gold`: the failures, if any.
fn failures(name: &str, text: &str, gold: &str) -> Vec<String> {
    let path = Path::new(name);
    let (_, doc) = xxgk_core::source::read_bytes(text.as_bytes(), path, &Default::default())
        .unwrap_or_else(|e| panic!("{name}: {e:#}"));
    let report = xxgk_core::extract::extract(&doc, path);
    let gold = common::gold(gold);
    let s = common::score(&gold, &report);
    let mut out: Vec<String> = s.wrong.iter().map(|w| format!("wrong {w}")).collect();
    out.extend(s.missing.iter().map(|m| format!("missing {m}")));
    let keys: HashSet<(String, String, String)> = gold["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["tbl"].as_str().unwrap().into(), c["row"].as_str().unwrap().into(), c["col"].as_str().unwrap().into())
        })
        .collect();
    out.extend(
        report
            .cells
            .iter()
            .filter(|c| !c.row.starts_with("extra:"))
            .filter(|c| !keys.contains(&(c.tbl.key().to_string(), c.row.to_string(), c.col.to_string())))
            .map(|c| format!("a cell the original does not have: {}.{}.{} = {}", c.tbl.key(), c.row, c.col, c.raw)),
    );
    out
}

#[test]
fn reworded_labels_read_right() {
    let mut failed = Vec::new();
    let mut files = 0;
    let seed = std::fs::read_to_string(common::corpus().join("real/zibo-psb-2020.txt")).unwrap();
    for (from, to) in SEED {
        assert!(seed.contains(from), "the seed report prints {from}");
        files += 1;
        for f in failures("zibo-psb-2020.txt", &seed.replace(from, to), "zibo-psb-2020.json") {
            failed.push(format!("zibo-psb-2020 {from} → {to}: {f}"));
        }
    }
    for page in ["pingtan-2019", "pingtan-2021", "pingtan-2023", "shanghai-office-2019", "shuyang-fgj-2023"] {
        let html = std::fs::read_to_string(common::corpus().join(format!("real/{page}.html"))).unwrap();
        for (from, to) in PAGES.iter().filter(|(from, _)| html.contains(from)) {
            files += 1;
            let name = format!("{page}.html");
            for f in failures(&name, &html.replace(from, to), &format!("{page}.json")) {
                failed.push(format!("{page} {from} → {to}: {f}"));
            }
        }
    }
    assert!(files >= 100, "{files} files");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The pages with one table row deleted at a time (rows without a merged cell of their
/// own), as an editor deletes a row and leaves the merges above it as they were: a group
/// cell's rowspan then runs into the next group. Every other cell still reads right, and
/// nothing stands under a key the original lacks.
#[test]
fn a_deleted_row_costs_only_its_own_cells() {
    let mut failed = Vec::new();
    let mut files = 0;
    for page in ["pingtan-2019", "pingtan-2021", "pingtan-2023", "shanghai-office-2019", "shuyang-fgj-2023"] {
        let html = std::fs::read_to_string(common::corpus().join(format!("real/{page}.html"))).unwrap();
        let lower = html.to_ascii_lowercase();
        let starts: Vec<usize> = lower.match_indices("<tr").map(|(i, _)| i).collect();
        for &start in &starts {
            let Some(end) = lower[start..].find("</tr>").map(|e| start + e + "</tr>".len()) else { continue };
            let row = &lower[start..end];
            // Rows of figures only, none holding a nested row or a merge of its own.
            if row[3..].contains("<tr") || row.contains("rowspan") || !row.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let text: String = row.split('<').filter_map(|p| p.split_once('>').map(|(_, t)| t)).collect();
            if !text.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            files += 1;
            let edited = format!("{}{}", &html[..start], &html[end..]);
            let name = format!("{page}.html");
            let path = Path::new(&name);
            let (_, doc) = xxgk_core::source::read_bytes(edited.as_bytes(), path, &Default::default()).unwrap();
            let report = xxgk_core::extract::extract(&doc, path);
            let gold = common::gold(&format!("{page}.json"));
            let s = common::score(&gold, &report);
            // Table 四 prints its three rows as one row of fifteen figures.
            let rows: HashSet<&str> = s
                .missing
                .iter()
                .filter_map(|m| m.rsplit_once('.').map(|(r, _)| if r.starts_with("appeals.") { "appeals" } else { r }))
                .collect();
            let keys: HashSet<String> = gold["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    format!(
                        "{}.{}.{}",
                        c["tbl"].as_str().unwrap(),
                        c["row"].as_str().unwrap(),
                        c["col"].as_str().unwrap()
                    )
                })
                .collect();
            let foreign: Vec<String> = report
                .cells
                .iter()
                .filter(|c| !c.row.starts_with("extra:"))
                .map(|c| format!("{}.{}.{}", c.tbl.key(), c.row, c.col))
                .filter(|k| !keys.contains(k))
                .collect();
            if !s.wrong.is_empty() || rows.len() > 1 || !foreign.is_empty() {
                failed.push(format!(
                    "{page} without {:?}: wrong {:?}, missing rows {rows:?}, foreign {foreign:?}",
                    text.chars().take(30).collect::<String>(),
                    s.wrong
                ));
            }
        }
    }
    assert!(files >= 120, "{files} rows deleted");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
