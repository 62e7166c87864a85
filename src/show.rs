//! `xxgk show`: one report's three tables laid out as the report prints them.

use anyhow::Result;
use rusqlite::{params, Connection};

use crate::output::{Rows, Val};
use crate::template::{self, APPEALS, APPLICATIONS, PROACTIVE};

/// Chinese labels of the keys, for the printed layout.
fn label(key: &str) -> &str {
    match key {
        "rules" => "规章",
        "normative_docs" => "规范性文件",
        "licensing" => "行政许可",
        "other_services" => "其他对外管理服务事项",
        "penalty" => "行政处罚",
        "coercion" => "行政强制",
        "fees" => "行政事业性收费",
        "procurement" => "政府集中采购",
        "new_made" => "本年新制作数量",
        "new_published" => "本年新公开数量",
        "total_published" => "对外公开总数量",
        "prev_items" => "上一年项目数量",
        "delta_items" => "本年增/减",
        "decisions" => "处理决定数量",
        "projects" => "采购项目数量",
        "amount" => "金额",
        "issued" => "本年制发件数",
        "repealed" => "本年废止件数",
        "in_force" => "现行有效件数",
        "new_received" => "一、本年新收政府信息公开申请数量",
        "carried_over" => "二、上年结转政府信息公开申请数量",
        "granted" => "（一）予以公开",
        "partial" => "（二）部分公开",
        "deny_state_secret" => "（三）1.属于国家秘密",
        "deny_law_forbidden" => "（三）2.其他法律行政法规禁止公开",
        "deny_security_stability" => "（三）3.危及“三安全一稳定”",
        "deny_third_party" => "（三）4.保护第三方合法权益",
        "deny_internal_affairs" => "（三）5.属于三类内部事务信息",
        "deny_process_info" => "（三）6.属于四类过程性信息",
        "deny_enforcement_file" => "（三）7.属于行政执法案卷",
        "deny_admin_query" => "（三）8.属于行政查询事项",
        "unable_not_held" => "（四）1.本机关不掌握相关政府信息",
        "unable_need_creation" => "（四）2.没有现成信息需要另行制作",
        "unable_unclear" => "（四）3.补正后申请内容仍不明确",
        "noproc_petition" => "（五）1.信访举报投诉类申请",
        "noproc_repeat" => "（五）2.重复申请",
        "noproc_publication" => "（五）3.要求提供公开出版物",
        "noproc_mass_repeat" => "（五）4.无正当理由大量反复申请",
        "noproc_confirm" => "（五）5.要求行政机关确认或重新出具已获取信息",
        "other" => "（六）其他处理",
        "other_no_correction" => "（六）1.逾期不补正",
        "other_no_fee" => "（六）2.逾期未缴纳费用",
        "other_other" => "（六）3.其他",
        "results_total" => "（七）总计",
        "carry_forward" => "四、结转下年度继续办理",
        "natural_person" => "自然人",
        "commercial" => "商业企业",
        "research" => "科研机构",
        "public_welfare" => "社会公益组织",
        "legal_service" => "法律服务机构",
        "other_org" => "其他",
        "total" => "总计",
        "review" => "行政复议",
        "suit_direct" => "诉讼：未经复议直接起诉",
        "suit_after_review" => "诉讼：复议后起诉",
        "upheld" => "结果维持",
        "corrected" => "结果纠正",
        "pending" => "尚未审结",
        other => other.strip_prefix("extra:").unwrap_or(other),
    }
}

struct StoredCell {
    tbl: String,
    row: String,
    col: String,
    raw: String,
    state: String,
}

/// The three tables of one report as grids: (title, rows).
pub fn layout(conn: &Connection, report_id: i64, keys: bool) -> Result<Vec<(String, Rows)>> {
    let mut stmt = conn.prepare_cached("SELECT tbl, row_key, col_key, raw, state FROM cells WHERE report_id = ?1")?;
    let cells: Vec<StoredCell> = stmt
        .query_map(params![report_id], |r| {
            Ok(StoredCell { tbl: r.get(0)?, row: r.get(1)?, col: r.get(2)?, raw: r.get(3)?, state: r.get(4)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let name = |k: &str| if keys { format!("{} [{k}]", label(k)) } else { label(k).to_string() };
    let mut out = Vec::new();
    for (tbl, title, row_order, col_order) in [
        (PROACTIVE, "二、主动公开政府信息情况", proactive_rows(&cells), proactive_cols(&cells)),
        (
            APPLICATIONS,
            "三、收到和处理政府信息公开申请情况",
            ordered(&cells, APPLICATIONS, |c| &c.row, &all_application_rows()),
            template::APPLICATION_COLS.iter().map(|s| s.to_string()).collect(),
        ),
        (
            APPEALS,
            "四、政府信息公开行政复议、行政诉讼情况",
            template::APPEAL_ROWS.iter().map(|s| s.to_string()).collect(),
            template::APPEAL_COLS.iter().map(|s| s.to_string()).collect(),
        ),
    ] {
        if !cells.iter().any(|c| c.tbl == tbl) {
            continue;
        }
        let mut header = vec![if keys { format!("项目 [{tbl}]") } else { "项目".to_string() }];
        header.extend(col_order.iter().map(|c| match (tbl, c.as_str()) {
            (APPEALS, "other") if keys => "其他结果 [other]".to_string(),
            (APPEALS, "other") => "其他结果".to_string(),
            _ => name(c),
        }));
        let mut rows = Rows { columns: header, rows: Vec::new() };
        for r in &row_order {
            let mut line = vec![Val::text(name(r))];
            for c in &col_order {
                let cell = cells.iter().find(|x| x.tbl == tbl && &x.row == r && &x.col == c);
                line.push(match cell {
                    None => Val::Null,
                    Some(x) if x.state == "blank" => Val::Null,
                    Some(x) => Val::text(x.raw.clone()),
                });
            }
            rows.rows.push(line);
        }
        out.push((title.to_string(), rows));
    }
    Ok(out)
}

fn all_application_rows() -> Vec<String> {
    let mut keys: Vec<String> = template::application_rows("2021").iter().map(|s| s.to_string()).collect();
    let pos = keys.iter().position(|k| k == "other_no_correction").unwrap_or(keys.len());
    keys.insert(pos, "other".to_string());
    keys
}

fn ordered(cells: &[StoredCell], tbl: &str, key: impl Fn(&StoredCell) -> &String, order: &[String]) -> Vec<String> {
    order.iter().filter(|k| cells.iter().any(|c| c.tbl == tbl && key(c) == *k)).cloned().collect()
}

fn proactive_rows(cells: &[StoredCell]) -> Vec<String> {
    let mut order: Vec<String> = template::PROACTIVE_ITEMS.iter().map(|i| i.key.to_string()).collect();
    order.sort_by_key(|k| ["rules", "normative_docs", "licensing", "other_services", "penalty", "coercion", "fees", "procurement"].iter().position(|x| x == k));
    let mut rows = ordered(cells, PROACTIVE, |c| &c.row, &order);
    for c in cells.iter().filter(|c| c.tbl == PROACTIVE && c.row.starts_with("extra:")) {
        if !rows.contains(&c.row) {
            rows.push(c.row.clone());
        }
    }
    rows
}

fn proactive_cols(cells: &[StoredCell]) -> Vec<String> {
    let order: Vec<String> = [
        "new_made", "new_published", "total_published", "issued", "repealed", "in_force", "prev_items",
        "delta_items", "decisions", "projects", "amount",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    ordered(cells, PROACTIVE, |c| &c.col, &order)
}
