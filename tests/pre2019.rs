//! Reports before the 2019 template (2008–2018): the figures of every visible corpus report
//! against its gold, the fifteen phrasings of `corpus/pre2019/PHRASES.md`, and the checks
//! (R7 prose vs table, the cumulative rule across years) on the 平潭 series.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;
use xxgk_core::checks::pre2019::{cumulative, cumulative_series, prose_vs_table, YearFigures};
use xxgk_core::checks::Status;
use xxgk_core::figures::{Era, Figure, FigureSource, Role};
use xxgk_core::normalize::norm;
use xxgk_core::report::Report;
use xxgk_core::source::{Block, Cell, Document, Table};

fn pre2019() -> PathBuf {
    let dir = common::corpus().join("pre2019");
    assert!(dir.join("gold").is_dir(), "the pre-2019 corpus is missing: expected {}", dir.display());
    dir
}

fn read(path: &Path) -> (Document, Report) {
    let (_, doc, _) = xxgk_core::source::read_path(path, &Default::default()).unwrap_or_else(|e| panic!("{e:#}"));
    let report = xxgk_core::extract::extract(&doc, path);
    (doc, report)
}

/// A corpus report by its gold name (`pingtan-2013`).
fn corpus_report(name: &str) -> Report {
    read(&pre2019().join("real").join(format!("{name}.html"))).1
}

/// A report of `tests/fixtures/pre2019`.
fn fixture(name: &str) -> Report {
    read(&common::repo().join("tests/fixtures/pre2019").join(name)).1
}

fn gold(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("gold JSON")
}

/// Figures the report states that its gold file leaves out: `(gold file, key, why)`.
const NOT_IN_GOLD: &[(&str, &str, &str)] = &[(
    "pingtan-2014.json",
    "applications_by_channel:信函、传真",
    "the table row 3、信函、传真申请数 条 1 (the gold takes 信函 from the prose and skips the combined row)",
)];

/// Every gold figure of every visible pre-2019 report is right — key, value, unit and raw
/// phrase or row — and the report states no figure the gold lacks except those listed in
/// [`NOT_IN_GOLD`]. Agency and year too; the era is pre2019.
#[test]
fn every_gold_figure_of_the_visible_reports() {
    let dir = pre2019();
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(dir.join("gold")).expect("gold dir").map(|e| e.expect("entry").path()).collect();
    names.sort();
    assert!(names.len() >= 19, "expected the 19 visible pre-2019 reports, found {}", names.len());
    let (mut right, mut total, mut bad) = (0, 0, Vec::new());
    for gold_path in &names {
        let name = gold_path.file_name().and_then(|n| n.to_str()).expect("name").to_string();
        let g = gold(gold_path);
        let (_, report) = read(&dir.join(g["source"]["file"].as_str().expect("source file")));
        if report.agency.as_deref() != g["agency"].as_str() {
            bad.push(format!("{name}: agency {:?}, gold {}", report.agency, g["agency"]));
        }
        if report.year.map(i64::from) != g["year"].as_i64() {
            bad.push(format!("{name}: year {:?}, gold {}", report.year, g["year"]));
        }
        if report.era != Era::Pre2019 || !report.cells.is_empty() || !report.claims.is_empty() {
            bad.push(format!(
                "{name}: era {:?}, {} template cells, {} template claims",
                report.era,
                report.cells.len(),
                report.claims.len()
            ));
        }
        let figures: Vec<&Figure> = report.figures.iter().filter(|f| f.is_figure()).collect();
        let gold_figures = g["figures"].as_array().expect("figures");
        for gf in gold_figures {
            total += 1;
            let key = gf["key"].as_str().expect("key");
            let (value, unit, raw) = (gf["value"].as_f64(), gf["unit"].as_str(), gf["raw"].as_str().expect("raw"));
            match figures.iter().find(|f| f.key == key) {
                None => bad.push(format!("{name}: {key} missing (gold {value:?} {unit:?} from {raw:?})")),
                Some(f) if Some(f.value) != value || f.unit.as_deref() != unit => bad.push(format!(
                    "{name}: {key} = {} {:?} from {:?}, gold {value:?} {unit:?} from {raw:?}",
                    f.value, f.unit, f.raw
                )),
                Some(f) if norm(&f.raw) != norm(raw) => {
                    bad.push(format!("{name}: {key} raw {:?}, gold {raw:?}", f.raw))
                }
                Some(_) => right += 1,
            }
        }
        for f in &figures {
            let in_gold = gold_figures.iter().any(|gf| gf["key"] == f.key.as_str());
            let allowed = NOT_IN_GOLD.iter().any(|(n, k, _)| *n == name && *k == f.key);
            if !in_gold && !allowed {
                bad.push(format!("{name}: {} = {} from {:?} is not in the gold", f.key, f.value, f.raw));
            }
        }
    }
    assert!(bad.is_empty(), "{right} of {total} gold figures right; problems:\n{}", bad.join("\n"));
    assert_eq!(right, total);
}

/// The one figure the gold leaves out is a real row of the 2014 table.
#[test]
fn the_figure_outside_the_gold_is_a_real_table_row() {
    let r = corpus_report("pingtan-2014");
    let f = r.figures.iter().find(|f| f.key == "applications_by_channel:信函、传真").expect("the combined channel row");
    assert_eq!(
        (f.value, f.unit.as_deref(), f.source, f.raw.as_str()),
        (1.0, Some("条"), FigureSource::Table, "3、信函、传真申请数 条 1")
    );
    // The 信函 figure itself comes from the prose, the table having no row of its own for it.
    let f = r.figures.iter().find(|f| f.key == "applications_by_channel:信函").expect("信函");
    assert_eq!((f.value, f.source, f.role), (1.0, FigureSource::Prose, Role::Figure));
}

/// 平潭县人民政府 (the county, 2011–2012) and 平潭综合实验区 are different names and stay
/// different: aliases are set by hand, never guessed.
#[test]
fn county_and_zone_stay_apart() {
    assert_eq!(corpus_report("pingtan-county-2011").agency.as_deref(), Some("平潭县人民政府"));
    assert_eq!(corpus_report("pingtan-2011").agency.as_deref(), Some("平潭综合实验区"));
    assert_eq!(corpus_report("pingtan-2014").agency.as_deref(), Some("平潭综合实验区管委会"));
}

/// Reports with the national tables get no pre-2019 figures, and their cells are those of
/// their gold (the corpus test checks every cell; here only that the era split holds).
#[test]
fn template_reports_are_not_read_as_pre2019() {
    for (real, gold_name) in [
        ("pingtan-2019.html", "pingtan-2019.json"),
        ("pingtan-2021.html", "pingtan-2021.json"),
        ("zibo-psb-2020.txt", "zibo-psb-2020.json"),
    ] {
        let r = common::parse(real);
        assert_eq!((r.era, r.figures.len()), (Era::Template, 0), "{real}");
        assert!(common::mismatches(&common::gold(gold_name), &r).is_empty(), "{real}");
    }
}

// ---------------------------------------------------------------------------------------
// PHRASES.md: one test per example, the sentences written out.
// ---------------------------------------------------------------------------------------

fn paragraphs(ps: &[&str]) -> Document {
    Document { blocks: ps.iter().map(|p| Block::Paragraph(p.to_string())).collect(), ..Default::default() }
}

/// `(key, value, unit)` of every figure, sorted, for exact comparison.
fn triples(figs: &[Figure]) -> Vec<(String, f64, String)> {
    let mut v: Vec<_> = figs.iter().map(|f| (f.key.clone(), f.value, f.unit.clone().unwrap_or_default())).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// The exact figures of some prose: nothing missing, nothing invented.
fn assert_prose(ps: &[&str], want: &[(&str, f64, &str)]) {
    let figs = xxgk_core::extract::figures::extract(&paragraphs(ps), None);
    assert!(figs.iter().all(|f| f.source == FigureSource::Prose && f.role == Role::Figure), "{figs:#?}");
    let want: Vec<(&str, f64, &str)> = want.to_vec();
    let mut want: Vec<(String, f64, String)> =
        want.iter().map(|(k, v, u)| (k.to_string(), *v, u.to_string())).collect();
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(triples(&figs), want, "{figs:#?}");
}

/// #1 北京市文化局 2009. 依申请公开信息12条 and 不予公开信息27条 count catalogue items (the
/// information an agency lists as open on request / not open), not applications or replies:
/// only the 1 application received is an application figure.
#[test]
fn phrase_01_beijing_culture_2009() {
    assert_prose(
        &[
            "2009年1月1日至2009年12月31日,我局主动公开信息734条,依申请公开信息12 条,不予公开信息27 条。2009年,我局收到政府信息公开申请1条。",
            "本局2009年共主动公开政府信息734条,其中全文电子化率达100%。",
        ],
        &[("proactive_items", 734.0, "条"), ("applications", 1.0, "条")],
    );
}

/// #2 a city 地震局 2010, a 繁体 mirror: 主動公開, 申請, 複議, 訴訟, 谘詢 read as simplified;
/// one sentence sets both 行政复议 and 行政诉讼 to 0; 未產生…檢索、複印、郵遞等成本費用 = no fees.
#[test]
fn phrase_02_earthquake_bureau_2010_traditional() {
    assert_prose(
        &[
            "我局2010年共主動公開政府信息175條,其中全文電子化率達100%。",
            "我局2010年度未收到政府信息公開申請。",
            "2010年我局未收到政府信息公開申請,因此未產生依申請信息檢索、複印、郵遞等成本費用。",
            "2010年,我局共接受…谘詢2070人次",
            "2010年,未產生針對我局政府信息公開的行政複議與行政訴訟。",
        ],
        &[
            ("proactive_items", 175.0, "条"),
            ("applications", 0.0, "件"),
            ("fees", 0.0, "元"),
            ("consultations", 2070.0, "人次"),
            ("reviews", 0.0, "件"),
            ("suits", 0.0, "件"),
        ],
    );
}

/// #3 乐山市 2010, 繁体: 未接到…申請, 未發生…行政複議案件和行政訴訟案件, 未涉及…收費及減免.
#[test]
fn phrase_03_leshan_2010_traditional() {
    assert_prose(
        &[
            "主動公開信息27條",
            "全年未接到公民、法人和其他組織提出的政府信息公開申請。",
            "我辦2010年度未發生針對本部門有關政府信息公開事務的行政複議案件和行政訴訟案件。",
            "全年未涉及政府信息公開的收費及減免情況。",
        ],
        &[
            ("proactive_items", 27.0, "条"),
            ("applications", 0.0, "件"),
            ("reviews", 0.0, "件"),
            ("suits", 0.0, "件"),
            ("fees", 0.0, "元"),
        ],
    );
}

/// #4 北京市大兴区发改委 2013: the total, not the categories after 其中.
#[test]
fn phrase_04_daxing_2013_breakdown_not_added() {
    assert_prose(
        &["2013年主动公开政府信息数303条。其中,机构职能类信息107条,占总数的38.8%;规划计划类信息17条…"],
        &[("proactive_items", 303.0, "条")],
    );
}

/// #5 道县文广新局 2013: 主动公开信息的有5条; 没有依申请公开信息的情况 = 0 applications;
/// 不予公开信息有10条 is information withheld from proactive disclosure, not denied replies.
#[test]
fn phrase_05_daoxian_2013_withheld_items_are_not_denials() {
    assert_prose(
        &[
            "2013年度主动公开信息的有5条;",
            "2013年度没有依申请公开信息的情况。不予公开信息有10条",
            "2013年度没有关于信息公开的收费及减免情况。",
            "2013年所有信息公开都没有发生行政复议、行政诉讼的情况。",
        ],
        &[
            ("proactive_items", 5.0, "条"),
            ("applications", 0.0, "件"),
            ("fees", 0.0, "元"),
            ("reviews", 0.0, "件"),
            ("suits", 0.0, "件"),
        ],
    );
}

/// #6 海南省食药监局 2014: 信息发布量 (a verb variant of 主动公开) is read for the report
/// year (由2013年的1128条增加到2014年的1887条 → 1887); the website column's 514 is kept apart;
/// 12起 applications; 未向申请人收取费用 is about fees, not applications.
#[test]
fn phrase_06_hainan_fda_2014() {
    assert_prose(
        &[
            "信息发布量由2013年的1128 条增加到2014年的1887条,在省政府网站政府信息公开专栏发布信息514条,总计2401条",
            "2014年,我局收到12起政府信息依申请公开,均严格按程序和时限办理。",
            "未向申请人收取费用",
            "全年未发生因政府信息公开产生申请行政复议或者提起行政诉讼的情况。",
        ],
        &[
            ("proactive_items", 1887.0, "条"),
            ("applications", 12.0, "起"),
            ("fees", 0.0, "元"),
            ("reviews", 0.0, "件"),
            ("suits", 0.0, "件"),
        ],
    );
}

/// #7 开平市沙塘镇 2016, 繁体: 發布各類信息247條 (verb variant), 共收到1宗, 沒有…收費, 行政復議.
#[test]
fn phrase_07_shatang_2016_traditional() {
    assert_prose(
        &[
            "2016年鎮政府信息公開全年發布各類信息247條",
            "政府信息依申請公開系統共收到1宗信息。",
            "2016年,沒有向政府信息公開申請人收費的情況",
            "2016年未發生申請行政復議和提起行政訴訟情況。",
        ],
        &[
            ("proactive_items", 247.0, "条"),
            ("applications", 1.0, "宗"),
            ("fees", 0.0, "元"),
            ("reviews", 0.0, "件"),
            ("suits", 0.0, "件"),
        ],
    );
}

/// #8 泰顺县包垟乡 2017: the 主动公开 total (166), not the 重点领域 subset (32) nor the
/// website part (74); 依申请公开数0件.
#[test]
fn phrase_08_baoyang_2017() {
    assert_prose(
        &[
            "全年共公开重点领域信息32条。",
            "截至2017年12月31日,主动公开166条,其中在政府网站公开74条,通过微信及其他方式公开92条。",
            "全年依申请公开数0件。",
            "2017年未收取任何费用。",
        ],
        &[("proactive_items", 166.0, "条"), ("applications", 0.0, "件"), ("fees", 0.0, "元")],
    );
}

/// #9 永嘉县溪下乡 2017: 新增主动公开, 没有收到…申请件, 没有向…收取…任何费用.
#[test]
fn phrase_09_xixia_2017() {
    assert_prose(
        &[
            "2017年度共新增主动公开政府信息226条,其中通过政府网站公开政府信息数131条,通过“溪下发布”微信公众号公开95条。",
            "本单位2017年没有收到政府信息公开申请件。",
            "没有向依申请公开对象收取复印、传真、递送等任何费用",
        ],
        &[("proactive_items", 226.0, "条"), ("applications", 0.0, "件"), ("fees", 0.0, "元")],
    );
}

/// #10 a 乡 of 铜陵市郊区 2017: 755多条 (raw keeps 多), 尚未收到, 行政复议申请0件 (not an
/// application count), 免费提供.
#[test]
fn phrase_10_tongling_township_2017() {
    let ps = [
        "2017年,主动公开政府工作信息、动态755多条。",
        "目前我乡尚未收到政府信息公开申请。",
        "我乡收到有关政府信息公开行政复议申请0件。",
        "2017年我办对信息公开免费提供,未收取任何费用。",
    ];
    assert_prose(
        &ps,
        &[("proactive_items", 755.0, "条"), ("applications", 0.0, "件"), ("reviews", 0.0, "件"), ("fees", 0.0, "元")],
    );
    let figs = xxgk_core::extract::figures::extract(&paragraphs(&ps), None);
    assert!(figs[0].raw.contains("755多条"), "{}", figs[0].raw);
}

/// #11 a 招投标局, year masked as 201x: 暂未收到, 未受理依申请公开信息, 未收费, 未出现…复议和…诉讼.
#[test]
fn phrase_11_bidding_bureau_masked_year() {
    assert_prose(
        &[
            "201x年全年主动公开政府信息302条",
            "一年来,我局暂未收到公开申请。",
            "201x年度未受理依申请公开信息,未收费。",
            "201x年度我局未出现政府信息公开行政复议和行政诉讼情况。",
        ],
        &[
            ("proactive_items", 302.0, "条"),
            ("applications", 0.0, "件"),
            ("fees", 0.0, "元"),
            ("reviews", 0.0, "件"),
            ("suits", 0.0, "件"),
        ],
    );
}

/// #12 a Shanghai-style 区 范文: 累计 is the cumulative key, 本年度新增 the year figure.
#[test]
fn phrase_12_cumulative_and_year() {
    assert_prose(
        &["本区到年底累计主动公开政府信息5928条,全文电子化率达90.3%,其中,本年度新增主动公开政府信息2110条。"],
        &[("proactive_items_cumulative", 5928.0, "条"), ("proactive_items", 2110.0, "条")],
    );
}

/// #13 贵州省人民政府 2020 (a press restatement): 共办理…申请147件.
#[test]
fn phrase_13_guizhou_press() {
    assert_prose(
        &["全年共办理公众向省政府及省政府办公厅提交的政府信息公开申请147件。"],
        &[("applications", 147.0, "件")],
    );
}

fn table(rows: &[&[&str]]) -> Document {
    let rows = rows.iter().map(|r| r.iter().map(|c| Cell::own(*c)).collect()).collect();
    Document { blocks: vec![Block::Table(Table { rows })], ..Default::default() }
}

/// #14 莆田市 2009 notice: the table's labels are given, its numbers are not. Empty cells
/// invent nothing.
#[test]
fn phrase_14_putian_table_without_numbers() {
    let labels = [
        ("主动公开信息数", "条"),
        ("其中：1.政府网站", "条"),
        ("2.政府公报", "条"),
        ("受理依申请公开信息总数", "条"),
        ("其中：1.当面申请数", "条"),
        ("2.传真申请数", "条"),
        ("3.电子邮件申请数", "条"),
        ("4.网上申请数", "条"),
        ("5.信函申请数", "条"),
        ("6.其它形式申请数", "条"),
        ("本年度对申请的答复总数", "条"),
        ("其中：1.同意公开答复总数", "条"),
        ("2.同意部分公开答复总数", "条"),
        ("3.否决公开答复总数", "条"),
        ("行政复议数", "件"),
        ("行政诉讼数", "件"),
        ("行政申诉数", "件"),
    ];
    let header: &[&str] = &["指标名称", "计量单位", "2009年度", "历年累计"];
    let empty: Vec<Vec<&str>> = labels.iter().map(|(l, u)| vec![*l, *u, "", ""]).collect();
    let mut rows: Vec<&[&str]> = vec![header];
    rows.extend(empty.iter().map(|r| r.as_slice()));
    assert_eq!(xxgk_core::extract::figures::extract(&table(&rows), None), Vec::new());
}

/// #15 定西市 统计报表: coded rows (01–35) and columns 本期实际 / 本年累计. Without numbers
/// nothing is invented; the code column is never read as a value.
#[test]
fn phrase_15_dingxi_coded_table_without_numbers() {
    let rows: &[&[&str]] = &[
        &["指标名称", "代码", "计量单位", "本期实际", "本年累计"],
        &["申请总数", "10", "条", "", ""],
        &["行政复议数", "32", "件", "", ""],
        &["行政诉讼数", "33", "件", "", ""],
        &["行政申诉数", "34", "件", "", ""],
    ];
    assert_eq!(xxgk_core::extract::figures::extract(&table(rows), None), Vec::new());
}

/// The same two layouts with numbers filled in (test values, not from a report): labels map
/// to keys, units as printed, the 本年度/本期 column is the figure, 历年累计 only for the
/// proactive row's cumulative key, and neither the code nor 本年累计 is taken.
#[test]
fn phrases_14_15_layouts_with_numbers() {
    let putian: &[&[&str]] = &[
        &["指标名称", "计量单位", "2009年度", "历年累计"],
        &["主动公开信息数", "条", "120", "300"],
        &["其中：1.政府网站", "条", "100", "280"],
        &["受理依申请公开信息总数", "条", "5", "9"],
        &["其中：1.当面申请数", "条", "3", "6"],
        &["6.其它形式申请数", "条", "2", "3"],
        &["本年度对申请的答复总数", "条", "5", "9"],
        &["3.否决公开答复总数", "条", "1", "1"],
        &["行政申诉数", "件", "0", "0"],
    ];
    let got = triples(&xxgk_core::extract::figures::extract(&table(putian), None));
    let want: Vec<(String, f64, String)> = [
        ("applications", 5.0, "条"),
        ("applications_by_channel:其他", 2.0, "条"),
        ("applications_by_channel:当面", 3.0, "条"),
        ("complaints", 0.0, "件"),
        ("denied", 1.0, "条"),
        ("proactive_items", 120.0, "条"),
        ("proactive_items_cumulative", 300.0, "条"),
        ("replies_total", 5.0, "条"),
    ]
    .iter()
    .map(|(k, v, u)| (k.to_string(), *v, u.to_string()))
    .collect();
    assert_eq!(got, want);
    let dingxi: &[&[&str]] = &[
        &["指标名称", "代码", "计量单位", "本期实际", "本年累计"],
        &["申请总数", "10", "条", "7", "7"],
        &["行政复议数", "32", "件", "1", "1"],
        &["行政诉讼数", "33", "件", "0", "0"],
    ];
    let got = triples(&xxgk_core::extract::figures::extract(&table(dingxi), None));
    assert_eq!(
        got,
        vec![
            ("applications".into(), 7.0, "条".into()),
            ("reviews".into(), 1.0, "件".into()),
            ("suits".into(), 0.0, "件".into())
        ]
    );
}

/// Chinese numerals (一件, 十二件, 两起, 一百零五条) and an amount of money.
#[test]
fn chinese_numerals_and_money() {
    assert_prose(
        &[
            "共受理政府信息公开申请十二件,其中同意公开一件。",
            "收到行政复议申请一件,行政诉讼两起。",
            "主动公开政府信息一百零五条。",
            "收取检索费、复制费共计350元。",
        ],
        &[
            ("applications", 12.0, "件"),
            ("granted", 1.0, "件"),
            ("reviews", 1.0, "件"),
            ("suits", 2.0, "起"),
            ("proactive_items", 105.0, "条"),
            ("fees", 350.0, "元"),
        ],
    );
}

/// A 繁体 statistics table reads like a simplified one.
#[test]
fn traditional_table() {
    let rows: &[&[&str]] = &[
        &["指標名稱", "計量單位", "本年度", "歷年累計"],
        &["主動公開信息數", "條", "42", "420"],
        &["受理依申請公開信息總數", "條", "3", "8"],
        &["行政複議數", "件", "1", "1"],
        &["行政訴訟數", "件", "0", "0"],
    ];
    let got = triples(&xxgk_core::extract::figures::extract(&table(rows), None));
    assert_eq!(
        got,
        vec![
            ("applications".into(), 3.0, "条".into()),
            ("proactive_items".into(), 42.0, "条".into()),
            ("proactive_items_cumulative".into(), 420.0, "条".into()),
            ("reviews".into(), 1.0, "件".into()),
            ("suits".into(), 0.0, "件".into()),
        ]
    );
}

/// A count printed in 万 (1.2万 under 条) is the number it stands for; a mark of none
/// (—) is no figure.
#[test]
fn table_counts_in_ten_thousands() {
    let rows: &[&[&str]] = &[
        &["指标名称", "计量单位", "2012年度", "历年累计"],
        &["主动公开信息数", "条", "1.2万", "5万"],
        &["受理依申请公开信息总数", "件", "—", "3"],
        &["行政复议数", "件", "0", "0"],
    ];
    let got = triples(&xxgk_core::extract::figures::extract(&table(rows), None));
    assert_eq!(
        got,
        vec![
            ("proactive_items".into(), 12_000.0, "条".into()),
            ("proactive_items_cumulative".into(), 50_000.0, "条".into()),
            ("reviews".into(), 0.0, "件".into()),
        ]
    );
}

/// A table that compares with last year: the report year's column is read, never last
/// year's, whichever comes first.
#[test]
fn comparison_columns() {
    for rows in [
        &[
            &["指标名称", "计量单位", "2012年", "2013年"][..],
            &["主动公开信息数", "条", "80", "95"],
            &["受理依申请公开信息总数", "件", "4", "6"],
        ][..],
        &[
            &["项目", "单位", "上年数", "本年数"][..],
            &["主动公开信息数", "条", "80", "95"],
            &["受理依申请公开信息总数", "件", "4", "6"],
        ][..],
    ] {
        let got = triples(&xxgk_core::extract::figures::extract(&table(rows), None));
        assert_eq!(
            got,
            vec![("applications".into(), 6.0, "件".into()), ("proactive_items".into(), 95.0, "条".into())],
            "{rows:?}"
        );
    }
}

/// Hostile or odd input never panics and never yields a figure from nothing.
#[test]
fn odd_input_is_harmless() {
    let long_numeral = format!("主动公开信息{}条", "九".repeat(400));
    let digits = format!("主动公开信息{}条", "9".repeat(400));
    let doc =
        paragraphs(&["", "。。，，；", &long_numeral, &digits, "第一条 主动公开", "行政复议", "未", "条件元万元"]);
    for f in xxgk_core::extract::figures::extract(&doc, None) {
        assert!(f.value.is_finite(), "{f:?}");
    }
    let rows: &[&[&str]] = &[&["指标名称"], &[], &["主动公开信息数"], &["", "", "", "", ""]];
    assert!(xxgk_core::extract::figures::extract(&table(rows), None).is_empty());
}

// ---------------------------------------------------------------------------------------
// Checks on the 平潭综合实验区 series
// ---------------------------------------------------------------------------------------

/// The 平潭综合实验区 series: visible corpus reports, plus 2012 and 2017 from the fixtures.
fn zone_series() -> Vec<(i32, Report)> {
    let mut v: Vec<(i32, Report)> =
        ["pingtan-2011", "pingtan-2013", "pingtan-2014", "pingtan-2015", "pingtan-2016", "pingtan-2018"]
            .iter()
            .map(|n| corpus_report(n))
            .chain([fixture("pingtan-2012.txt"), fixture("pingtan-2017.html")])
            .map(|r| (r.year.expect("year"), r))
            .collect();
    v.sort_by_key(|(y, _)| *y);
    v
}

/// This year's 历年累计 = last year's + this year's figure, along 2011–2018. The series
/// breaks in 2017 (85376 in 2016, 10037 in 2017: the count restarted), and 2013's table is
/// suspicious (76424 − 4359 = 72065, 2012's 专栏访问量, not the 72804 the table states). The
/// step from 2011 to 2012 fails too (1516 + 739 ≠ 4359): 2011's figures are the county's.
#[test]
fn cumulative_rule_finds_the_2017_break_and_the_2013_value() {
    let series = zone_series();
    let years: Vec<YearFigures> = series.iter().map(|(y, r)| YearFigures { year: *y, figures: &r.figures }).collect();
    let results = cumulative_series(&years);
    type Step = (i32, i32, Status, Option<f64>, Option<f64>);
    let outcome: Vec<Step> = results.iter().map(|(a, b, r)| (*a, *b, r.status, r.lhs, r.rhs)).collect();
    assert_eq!(
        outcome,
        vec![
            (2011, 2012, Status::Fail, Some(4359.0), Some(1516.0 + 739.0)),
            (2012, 2013, Status::Fail, Some(76424.0), Some(4359.0 + 72804.0)),
            (2013, 2014, Status::Pass, Some(78967.0), Some(76424.0 + 2543.0)),
            (2014, 2015, Status::Pass, Some(81916.0), Some(78967.0 + 2949.0)),
            (2015, 2016, Status::Pass, Some(85376.0), Some(81916.0 + 3460.0)),
            (2016, 2017, Status::Fail, Some(10037.0), Some(85376.0 + 2122.0)),
            (2017, 2018, Status::Pass, Some(12106.0), Some(10037.0 + 2069.0)),
        ]
    );
    assert!(results.iter().all(|(_, _, r)| r.rule.as_str() == "R6" && r.scope == "proactive_items_cumulative"));
}

/// With the visible corpus alone (no 2017 report) the break still shows: a cumulative can
/// never fall, so 2018's 12106 below 2016's 85376 + 2069 fails the lower bound.
#[test]
fn cumulative_rule_across_a_missing_year() {
    let (r2016, r2018) = (corpus_report("pingtan-2016"), corpus_report("pingtan-2018"));
    let r = cumulative(
        YearFigures { year: 2016, figures: &r2016.figures },
        YearFigures { year: 2018, figures: &r2018.figures },
    );
    assert_eq!((r[0].status, r[0].lhs, r[0].rhs), (Status::Fail, Some(12106.0), Some(85376.0 + 2069.0)));
    // 2011 → 2013 with 2012 unseen: the bound holds, which proves nothing.
    let (r2011, r2013) = (corpus_report("pingtan-2011"), corpus_report("pingtan-2013"));
    let r = cumulative(
        YearFigures { year: 2011, figures: &r2011.figures },
        YearFigures { year: 2013, figures: &r2013.figures },
    );
    assert_eq!(r[0].status, Status::NotAssessable);
}

/// R7, 2012: the prose says 1913 items were disclosed, the table 739. Both are kept; the
/// table's is the figure, the prose's a claim that fails.
#[test]
fn r7_2012_prose_1913_against_table_739() {
    let r = fixture("pingtan-2012.txt");
    let figure = r.figures.iter().find(|f| f.key == "proactive_items" && f.is_figure()).expect("figure");
    assert_eq!((figure.value, figure.source), (739.0, FigureSource::Table));
    let claim = r.figures.iter().find(|f| f.key == "proactive_items" && f.role == Role::Claim).expect("claim");
    assert_eq!((claim.value, claim.source), (1913.0, FigureSource::Prose));
    let checks = prose_vs_table(&r.figures);
    let c = checks.iter().find(|c| c.scope == "proactive_items").expect("R7 on proactive_items");
    assert_eq!((c.rule.as_str(), c.status, c.lhs, c.rhs), ("R7", Status::Fail, Some(1913.0), Some(739.0)));
    // The sub-counts stated later (1397, 534, 121 items; 3636 on the portal) are not claims.
    assert_eq!(r.figures.iter().filter(|f| f.key == "proactive_items").count(), 2);
    // The zero statements agree with the table.
    for key in ["applications", "reviews"] {
        let c = checks.iter().find(|c| c.scope == key).unwrap_or_else(|| panic!("R7 on {key}"));
        assert_eq!(c.status, Status::Pass, "{key}: {}", c.detail);
    }
}

/// R7, 2013: the published page's prose (quoted from the archive; the corpus page keeps
/// only the table) states 1 行政复议 and 4970 items; the table says 0 and 72804.
#[test]
fn r7_2013_prose_one_review_against_table_zero() {
    let (mut doc, _) = read(&pre2019().join("real/pingtan-2013.html"));
    for p in [
        "区管委会办公室、区直各部门、各乡镇、县直各单位对政府信息进行了梳理和编目，2013年主动公开政府信息4970条。其中，区直、县直各单位主动公开政府信息3933条，占79%。各乡镇主动公开政府信息1037条，占21%。",
        "在互联网上，2013年区管委会、县政府公开办主动公开信息数为222条，其他主动公开信息量较大部门是区交建局、区经发局、教育局、公安局等。",
        "2013年政府信息公开专栏访问量达196022人次。",
        "2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。",
    ] {
        doc.blocks.push(Block::Paragraph(p.to_string()));
    }
    let r = xxgk_core::extract::extract(&doc, Path::new("pingtan-2013.html"));
    let checks = prose_vs_table(&r.figures);
    let find = |key: &str| checks.iter().find(|c| c.scope == key).unwrap_or_else(|| panic!("R7 on {key}: {checks:#?}"));
    let reviews = find("reviews");
    assert_eq!((reviews.status, reviews.lhs, reviews.rhs), (Status::Fail, Some(1.0), Some(0.0)));
    let proactive = find("proactive_items");
    assert_eq!((proactive.status, proactive.lhs, proactive.rhs), (Status::Fail, Some(4970.0), Some(72804.0)));
    assert_eq!(find("applications").status, Status::Pass);
    assert_eq!(checks.len(), 3, "{checks:#?}");
    // The page views (人次) are not consultations.
    assert!(r.figures.iter().all(|f| f.key != "consultations"));
}

/// The 2017 page's prose repeats its table (2122 items, no applications, no appeals): R7
/// passes on every claim, and the breakdowns (1509, 613, 166, 25…) are not read.
#[test]
fn r7_2017_prose_agrees() {
    let r = fixture("pingtan-2017.html");
    let checks = prose_vs_table(&r.figures);
    assert_eq!(
        checks.iter().map(|c| (c.scope.as_str(), c.status)).collect::<Vec<_>>(),
        vec![
            ("proactive_items", Status::Pass),
            ("applications", Status::Pass),
            ("reviews", Status::Pass),
            ("suits", Status::Pass),
        ]
    );
}
