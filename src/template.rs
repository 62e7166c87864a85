//! The national template as data: printed labels → the keys of `spec/template.md`.
//!
//! Every table here is matched against text that went through [`crate::normalize::norm`]
//! (NFKC, whitespace removed), so the patterns are written in that form too (ASCII
//! brackets and digits, no spaces); a test checks every one.
//!
//! Order matters in each list: the first entry whose pattern occurs in a label wins, so
//! specific labels stand before general ones.

/// Table keys, as in `cell_values.tbl`.
pub const PROACTIVE: &str = "proactive";
pub const APPLICATIONS: &str = "applications";
pub const APPEALS: &str = "appeals";

/// A label pattern: the key it gives, and substrings any of which identifies it.
#[derive(Debug)]
pub struct Label {
    pub key: &'static str,
    pub any: &'static [&'static str],
}

const fn l(key: &'static str, any: &'static [&'static str]) -> Label {
    Label { key, any }
}

/// Table 三 row labels, matched against the row's most specific label cell.
///
/// `other_other` (2021 （六）3.其他) and `other` (2019 （六）其他处理, one row) are decided
/// in extraction from the group context, since their text alone is too common.
pub static APPLICATION_ROWS: &[Label] = &[
    l("new_received", &["本年新收", "新收政府信息公开申请"]),
    l("carried_over", &["上年结转"]),
    l("carry_forward", &["结转下年", "下年度继续办理"]),
    l("partial", &["部分公开"]),
    l("deny_state_secret", &["国家秘密"]),
    l("deny_law_forbidden", &["禁止公开", "行政止公开", "其他法律行政"]),
    l("deny_security_stability", &["三安全一稳定", "危及"]),
    l("deny_third_party", &["第三方"]),
    l("deny_internal_affairs", &["内部事务"]),
    l("deny_process_info", &["过程性"]),
    l("deny_enforcement_file", &["执法案卷"]),
    l("deny_admin_query", &["行政查询"]),
    l("unable_not_held", &["不掌握"]),
    l("unable_need_creation", &["另行制作", "没有现成"]),
    l("unable_unclear", &["仍不明确", "补正后申请"]),
    l("noproc_petition", &["信访", "举报投诉"]),
    l("noproc_mass_repeat", &["大量反复"]),
    l("noproc_repeat", &["重复申请"]),
    l("noproc_publication", &["出版物"]),
    l("noproc_confirm", &["重新出具", "确认或"]),
    l("other_no_correction", &["逾期不补正", "不补正"]),
    l("other_no_fee", &["缴纳费用", "收费通知"]),
    l("granted", &["予以公开", "同意公开"]),
    l("results_total", &["总计"]),
];

/// Table 三 row keys in the order the template prints them, per version.
pub fn application_rows(version: &str) -> &'static [&'static str] {
    if version == "2021" {
        &APPLICATION_ROWS_2021
    } else {
        &APPLICATION_ROWS_2019
    }
}

static APPLICATION_ROWS_2019: [&str; 23] = [
    "new_received", "carried_over", "granted", "partial", "deny_state_secret",
    "deny_law_forbidden", "deny_security_stability", "deny_third_party",
    "deny_internal_affairs", "deny_process_info", "deny_enforcement_file", "deny_admin_query",
    "unable_not_held", "unable_need_creation", "unable_unclear", "noproc_petition",
    "noproc_repeat", "noproc_publication", "noproc_mass_repeat", "noproc_confirm", "other",
    "results_total", "carry_forward",
];
static APPLICATION_ROWS_2021: [&str; 25] = [
    "new_received", "carried_over", "granted", "partial", "deny_state_secret",
    "deny_law_forbidden", "deny_security_stability", "deny_third_party",
    "deny_internal_affairs", "deny_process_info", "deny_enforcement_file", "deny_admin_query",
    "unable_not_held", "unable_need_creation", "unable_unclear", "noproc_petition",
    "noproc_repeat", "noproc_publication", "noproc_mass_repeat", "noproc_confirm",
    "other_no_correction", "other_no_fee", "other_other", "results_total", "carry_forward",
];

/// The result rows of table 三 (those R3 adds up to `results_total`).
pub fn is_result_row(key: &str) -> bool {
    !matches!(key, "new_received" | "carried_over" | "results_total" | "carry_forward")
}

/// Table 三 columns, in printed order.
pub static APPLICATION_COLS: [&str; 7] = [
    "natural_person", "commercial", "research", "public_welfare", "legal_service", "other_org",
    "total",
];

/// Words that only a header row of table 三 holds.
pub static APPLICATION_HEADER_WORDS: &[&str] =
    &["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "法人或其他组织"];

/// Table 四 rows and columns; its one data row holds the 15 numbers in this order.
pub static APPEAL_ROWS: [&str; 3] = ["review", "suit_direct", "suit_after_review"];
pub static APPEAL_COLS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// Table 二 items (row labels).
pub static PROACTIVE_ITEMS: &[Label] = &[
    l("normative_docs", &["规范性文件"]),
    l("rules", &["规章"]),
    l("other_services", &["其他对外管理服务事项", "对外管理服务"]),
    l("licensing", &["行政许可"]),
    l("penalty", &["行政处罚"]),
    l("coercion", &["行政强制"]),
    l("fees", &["行政事业性收费"]),
    l("procurement", &["政府集中采购"]),
];

/// Table 二 metric headers; the version each belongs to tells the table's version.
pub struct Metric {
    pub key: &'static str,
    pub version: &'static str,
    pub any: &'static [&'static str],
    /// The unit the header itself states.
    pub unit: Option<&'static str>,
}

pub static PROACTIVE_METRICS: &[Metric] = &[
    Metric { key: "new_made", version: "2019", any: &["本年新制作"], unit: None },
    Metric { key: "new_published", version: "2019", any: &["本年新公开"], unit: None },
    Metric { key: "total_published", version: "2019", any: &["对外公开总数", "公开总数量"], unit: None },
    Metric { key: "prev_items", version: "2019", any: &["上一年项目数量", "上一年项目"], unit: None },
    Metric { key: "delta_items", version: "2019", any: &["本年增/减", "本年增减", "增/减"], unit: None },
    Metric { key: "projects", version: "2019", any: &["采购项目数量", "采购项目"], unit: None },
    Metric { key: "amount", version: "2019", any: &["采购总金额"], unit: None },
    Metric { key: "issued", version: "2021", any: &["本年制发", "制发件数"], unit: None },
    Metric { key: "repealed", version: "2021", any: &["本年废止", "废止件数"], unit: None },
    Metric { key: "in_force", version: "2021", any: &["现行有效"], unit: None },
    Metric { key: "amount", version: "2021", any: &["本年收费金额", "收费金额"], unit: Some("万元") },
    // 处理决定数量 is printed in both versions; the 2021 form starts with 本年.
    Metric { key: "decisions", version: "2021", any: &["本年处理决定"], unit: None },
    Metric { key: "decisions", version: "", any: &["处理决定"], unit: None },
];

/// The table 二 block (第二十条第（X）项) an item belongs to.
pub fn proactive_block_of(item: &str) -> &'static str {
    match item {
        "rules" | "normative_docs" => "一",
        "licensing" | "other_services" => "五",
        "penalty" | "coercion" => "六",
        "fees" => "八",
        "procurement" => "九",
        _ => "",
    }
}

/// The columns of a table 二 block when its header row could not be read.
pub fn default_proactive_cols(block: &str, version: &str) -> &'static [&'static str] {
    match (block, version) {
        ("一", "2021") => &["issued", "repealed", "in_force"],
        ("一", _) => &["new_made", "new_published", "total_published"],
        ("五" | "六", "2021") => &["decisions"],
        ("五" | "六", _) => &["prev_items", "delta_items", "decisions"],
        ("八", "2021") => &["amount"],
        ("八", _) => &["prev_items", "delta_items"],
        ("九", _) => &["projects", "amount"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::norm;

    #[test]
    fn every_pattern_is_already_normalised() {
        let all = APPLICATION_ROWS
            .iter()
            .chain(PROACTIVE_ITEMS)
            .flat_map(|l| l.any.iter())
            .chain(PROACTIVE_METRICS.iter().flat_map(|m| m.any.iter()))
            .chain(APPLICATION_HEADER_WORDS);
        for p in all {
            assert_eq!(norm(p), *p, "pattern {p:?} is not in normalised form");
        }
    }
}
