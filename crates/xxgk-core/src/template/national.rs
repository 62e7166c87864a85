//! The national template's data: 国办公开办函〔2019〕60号 and 〔2021〕30号, as in
//! `../shared/spec/template.md`. One edit here adds a row, a column or a version.

use super::Version::{Both, V2019, V2021};
use super::{Block, Cells, ColDef, Equation, Family, Over, Pattern, RowDef, Rule, Table, TableDef};

const fn p(text: &'static str) -> Pattern {
    Pattern { text, version: Both }
}

const fn p2019(text: &'static str) -> Pattern {
    Pattern { text, version: V2019 }
}

const fn p2021(text: &'static str) -> Pattern {
    Pattern { text, version: V2021 }
}

/// An item of table 二.
const fn item(
    key: &'static str,
    label: &'static str,
    patterns: &'static [&'static str],
    versions: super::Version,
) -> RowDef {
    RowDef { key, family: Family::Item, label, number: "", short: None, patterns, versions }
}

/// A row of table 三 or 四.
const fn row(
    key: &'static str,
    family: Family,
    number: &'static str,
    label: &'static str,
    patterns: &'static [&'static str],
    versions: super::Version,
) -> RowDef {
    RowDef { key, family, label, number, short: None, patterns, versions }
}

/// A table 二 metric column.
const fn metric(
    key: &'static str,
    label: &'static str,
    patterns: &'static [Pattern],
    versions: super::Version,
) -> ColDef {
    ColDef { key, label, patterns, versions, unit: None, part: false }
}

/// A column of table 三 or 四: a part of the row's total, or the total itself.
const fn col(key: &'static str, label: &'static str, patterns: &'static [Pattern], part: bool) -> ColDef {
    ColDef { key, label, patterns, versions: Both, unit: None, part }
}

// Table 二's metric columns, shared by blocks.
const NEW_MADE: ColDef = metric("new_made", "本年新制作数量", &[p2019("本年新制作")], V2019);
const NEW_PUBLISHED: ColDef = metric("new_published", "本年新公开数量", &[p2019("本年新公开")], V2019);
const TOTAL_PUBLISHED: ColDef =
    metric("total_published", "对外公开总数量", &[p2019("对外公开总数"), p2019("公开总数量")], V2019);
const ISSUED: ColDef = metric("issued", "本年制发件数", &[p2021("本年制发"), p2021("制发件数")], V2021);
const REPEALED: ColDef = metric("repealed", "本年废止件数", &[p2021("本年废止"), p2021("废止件数")], V2021);
const IN_FORCE: ColDef = metric("in_force", "现行有效件数", &[p2021("现行有效")], V2021);
const PREV_ITEMS: ColDef =
    metric("prev_items", "上一年项目数量", &[p2019("上一年项目数量"), p2019("上一年项目")], V2019);
const DELTA_ITEMS: ColDef =
    metric("delta_items", "本年增/减", &[p2019("本年增/减"), p2019("本年增减"), p2019("增/减")], V2019);
// 处理决定数量 is printed in both versions; the 2021 wording starts with 本年.
const DECISIONS: ColDef = metric("decisions", "处理决定数量", &[p2021("本年处理决定"), p("处理决定")], Both);

/// The three tables, indexed by [`Table`] (`TABLES[t as usize].table == t`).
pub static TABLES: [TableDef; 3] = [
    TableDef {
        table: Table::Proactive,
        key: "proactive",
        numeral: "二",
        title: "二、主动公开政府信息情况",
        blocks: &[
            Block {
                numeral: "一",
                rows: &[
                    item("rules", "规章", &["规章"], Both),
                    item("normative_docs", "规范性文件", &["规范性文件"], Both),
                ],
                columns: &[NEW_MADE, NEW_PUBLISHED, TOTAL_PUBLISHED, ISSUED, REPEALED, IN_FORCE],
                versions: Both,
            },
            Block {
                numeral: "五",
                rows: &[
                    item("licensing", "行政许可", &["行政许可"], Both),
                    item("other_services", "其他对外管理服务事项", &["其他对外管理服务事项", "对外管理服务"], V2019),
                ],
                columns: &[PREV_ITEMS, DELTA_ITEMS, DECISIONS],
                versions: Both,
            },
            Block {
                numeral: "六",
                rows: &[
                    item("penalty", "行政处罚", &["行政处罚"], Both),
                    item("coercion", "行政强制", &["行政强制"], Both),
                ],
                columns: &[PREV_ITEMS, DELTA_ITEMS, DECISIONS],
                versions: Both,
            },
            Block {
                numeral: "八",
                rows: &[item("fees", "行政事业性收费", &["行政事业性收费", "行政事业收费", "事业性收费"], Both)],
                columns: &[
                    PREV_ITEMS,
                    DELTA_ITEMS,
                    ColDef {
                        key: "amount",
                        label: "本年收费金额（单位：万元）",
                        patterns: &[p2021("本年收费金额"), p2021("收费金额")],
                        versions: V2021,
                        unit: Some("万元"),
                        part: false,
                    },
                ],
                versions: Both,
            },
            Block {
                numeral: "九",
                rows: &[item("procurement", "政府集中采购", &["政府集中采购", "集中采购", "政府采购"], V2019)],
                columns: &[
                    metric("projects", "采购项目数量", &[p2019("采购项目数量"), p2019("采购项目")], V2019),
                    metric("amount", "采购总金额", &[p2019("采购总金额")], V2019),
                ],
                versions: V2019,
            },
        ],
    },
    TableDef {
        table: Table::Applications,
        key: "applications",
        numeral: "三",
        title: "三、收到和处理政府信息公开申请情况",
        blocks: &[Block {
            numeral: "",
            rows: &[
                row(
                    "new_received",
                    Family::NewReceived,
                    "一、",
                    "本年新收政府信息公开申请数量",
                    &["本年新收", "新收政府信息公开申请"],
                    Both,
                ),
                row("carried_over", Family::CarriedOver, "二、", "上年结转政府信息公开申请数量", &["上年结转"], Both),
                row("granted", Family::Granted, "（一）", "予以公开", &["予以公开", "同意公开", "(一)公开"], Both),
                row(
                    "partial",
                    Family::Partial,
                    "（二）",
                    "部分公开（区分处理的，只计这一情形，不计其他情形）",
                    &["部分公开"],
                    Both,
                ),
                row("deny_state_secret", Family::Denied, "1.", "属于国家秘密", &["国家秘密"], Both),
                row(
                    "deny_law_forbidden",
                    Family::Denied,
                    "2.",
                    "其他法律行政法规禁止公开",
                    &["禁止公开", "行政止公开", "其他法律行政"],
                    Both,
                ),
                row(
                    "deny_security_stability",
                    Family::Denied,
                    "3.",
                    "危及“三安全一稳定”",
                    &["三安全一稳定", "危及"],
                    Both,
                ),
                row("deny_third_party", Family::Denied, "4.", "保护第三方合法权益", &["第三方"], Both),
                row("deny_internal_affairs", Family::Denied, "5.", "属于三类内部事务信息", &["内部事务"], Both),
                row("deny_process_info", Family::Denied, "6.", "属于四类过程性信息", &["过程性"], Both),
                row("deny_enforcement_file", Family::Denied, "7.", "属于行政执法案卷", &["执法案卷"], Both),
                row("deny_admin_query", Family::Denied, "8.", "属于行政查询事项", &["行政查询"], Both),
                row("unable_not_held", Family::Unable, "1.", "本机关不掌握相关政府信息", &["不掌握"], Both),
                row(
                    "unable_need_creation",
                    Family::Unable,
                    "2.",
                    "没有现成信息需要另行制作",
                    &["另行制作", "没有现成"],
                    Both,
                ),
                row(
                    "unable_unclear",
                    Family::Unable,
                    "3.",
                    "补正后申请内容仍不明确",
                    &["仍不明确", "补正后申请"],
                    Both,
                ),
                row("noproc_petition", Family::NotProcessed, "1.", "信访举报投诉类申请", &["信访", "举报投诉"], Both),
                row("noproc_repeat", Family::NotProcessed, "2.", "重复申请", &["重复申请"], Both),
                row("noproc_publication", Family::NotProcessed, "3.", "要求提供公开出版物", &["出版物"], Both),
                row("noproc_mass_repeat", Family::NotProcessed, "4.", "无正当理由大量反复申请", &["大量反复"], Both),
                row(
                    "noproc_confirm",
                    Family::NotProcessed,
                    "5.",
                    "要求行政机关确认或重新出具已获取信息",
                    &["重新出具", "确认或"],
                    Both,
                ),
                row("other", Family::Other, "（六）", "其他处理", &["其他处理"], V2019),
                RowDef {
                    short: Some("逾期不补正"),
                    ..row(
                        "other_no_correction",
                        Family::Other,
                        "1.",
                        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                        &["逾期不补正", "不补正"],
                        V2021,
                    )
                },
                RowDef {
                    short: Some("逾期未缴纳费用"),
                    ..row(
                        "other_no_fee",
                        Family::Other,
                        "2.",
                        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                        &["缴纳费用", "收费通知"],
                        V2021,
                    )
                },
                // 其他 alone is too common a word: the row is told by its place in （六）.
                row("other_other", Family::Other, "3.", "其他", &[], V2021),
                row("results_total", Family::ResultsTotal, "（七）", "总计", &["总计", "合计"], Both),
                row(
                    "carry_forward",
                    Family::CarryForward,
                    "四、",
                    "结转下年度继续办理",
                    &["结转下年", "下年度继续办理"],
                    Both,
                ),
            ],
            columns: &[
                col("natural_person", "自然人", &[p("自然人")], true),
                col("commercial", "商业企业", &[p("商业企业")], true),
                col("research", "科研机构", &[p("科研机构")], true),
                col("public_welfare", "社会公益组织", &[p("社会公益组织"), p("公益组织")], true),
                col("legal_service", "法律服务机构", &[p("法律服务机构")], true),
                col("other_org", "其他", &[], true),
                col("total", "总计", &[p("总计")], false),
            ],
            versions: Both,
        }],
    },
    TableDef {
        table: Table::Appeals,
        key: "appeals",
        numeral: "四",
        title: "四、政府信息公开行政复议、行政诉讼情况",
        blocks: &[Block {
            numeral: "",
            rows: &[
                row("review", Family::Review, "", "行政复议", &["行政复议"], Both),
                RowDef {
                    short: Some("诉讼：未经复议直接起诉"),
                    ..row("suit_direct", Family::Suit, "", "未经复议直接起诉", &["未经复议", "直接起诉"], Both)
                },
                RowDef {
                    short: Some("诉讼：复议后起诉"),
                    ..row("suit_after_review", Family::Suit, "", "复议后起诉", &["复议后起诉"], Both)
                },
            ],
            columns: &[
                col("upheld", "结果维持", &[p("结果维持"), p("维持")], true),
                col("corrected", "结果纠正", &[p("结果纠正"), p("纠正")], true),
                col("other", "其他结果", &[p("其他结果")], true),
                col("pending", "尚未审结", &[p("尚未审结"), p("未审结")], true),
                col("total", "总计", &[p("总计")], false),
            ],
            versions: Both,
        }],
    },
];

/// The arithmetic rules within one report (R1–R4); see [`Equation`].
pub static EQUATIONS: &[Equation] = &[
    Equation {
        rule: Rule::R1,
        table: Table::Applications,
        over: Over::EachColumn,
        lhs: Cells::Rows(&["new_received", "carried_over"]),
        rhs: Cells::Rows(&["results_total", "carry_forward"]),
        what: "new_received + carried_over vs results_total + carry_forward",
    },
    Equation {
        rule: Rule::R2,
        table: Table::Applications,
        over: Over::EachRow,
        lhs: Cells::Cols(&["total"]),
        rhs: Cells::PartCols,
        what: "total vs the six applicant columns",
    },
    Equation {
        rule: Rule::R3,
        table: Table::Applications,
        over: Over::EachColumn,
        lhs: Cells::Rows(&["results_total"]),
        rhs: Cells::ResultRows,
        what: "results_total vs the sum of the result rows",
    },
    Equation {
        rule: Rule::R4,
        table: Table::Appeals,
        over: Over::EachRow,
        lhs: Cells::Cols(&["total"]),
        rhs: Cells::PartCols,
        what: "total vs upheld + corrected + other + pending",
    },
];
