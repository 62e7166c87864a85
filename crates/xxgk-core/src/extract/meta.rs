//! Agency, year and title: from the report's title, the 统计期限 sentence, then the file name.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::extract::fold::fold_normalised;
use crate::normalize::norm;
use crate::source::Document;

/// What the document says about whose report it is and for which year.
#[derive(Debug, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub notes: Vec<String>,
}

/// The words a report title ends with (after the agency and year).
const TITLE_TAIL: &str = r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)";

/// `{YYYY}年{机关}…` and `{YYYY}年度{机关}…`.
static YEAR_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^((?:19|20)\d\d)年度?(.+?){TITLE_TAIL}")).expect("valid regex"));
/// `{机关}{YYYY}年…` and `{机关}{YYYY}年度…`.
static AGENCY_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(.*?)((?:19|20)\d\d)年度?{TITLE_TAIL}")).expect("valid regex"));
/// The year after the title: `{机关}政府信息公开工作年度报告（2021年度）`.
static YEAR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(.+?)(?:年度)?{TITLE_TAIL}\(((?:19|20)\d\d)年?度?\)")).expect("valid regex")
});
/// A year written in Chinese numerals: 二〇二一年, its zero often typed as a circle or a
/// letter O (二○二一, 二Ｏ二一) or a digit.
static CHINESE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([〇零○◯OＯ0０一二三四五六七八九]{4})年").expect("valid regex"));
/// A title with no year: `{机关}政府信息公开工作年度报告`.
static NO_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(.+?)(?:年度)?{TITLE_TAIL}")).expect("valid regex"));
/// 统计期限 / 统计时限: `…自2020年1月1日起至2020年12月31日止`.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d\d)年1月1日(?:起)?(?:至|到|-|—|~)(?:((?:19|20)\d\d)年)?12月31日").expect("valid regex")
});
/// The body naming the report it publishes: 现公布2021年度政府信息公开工作年度报告,
/// 编制本机关2021年政府信息公开工作年度报告.
static PUBLISHES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:公布|发布|编制|形成|撰写|制作|报送)(?:了)?(?:本(?:机关|局|单位|部门|委|办))?(?:的)?((?:19|20)\d\d)年度?(?:的)?(?:政府)?信息公开(?:工作)?年度报告")
        .expect("valid regex")
});
static FILE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)((?:19|20)\d\d)(?:\D|$)").expect("valid regex"));

/// How many leading paragraphs may hold the title.
const TITLE_WINDOW: usize = 40;
/// How many paragraphs after those may hold it, before the body of a page whose
/// navigation came first.
const FAR_TITLE_WINDOW: usize = 400;

/// Read agency, year and title from a document (and, last, its file name).
pub fn extract(doc: &Document, path: &Path) -> Meta {
    let mut meta = Meta::default();
    let paragraphs: Vec<&str> =
        doc.title_hint.as_deref().into_iter().chain(doc.paragraphs()).take(TITLE_WINDOW).collect();
    // Each paragraph cleaned once, for whichever of the passes below reach it.
    let cleaned: Vec<std::cell::OnceCell<String>> = vec![std::cell::OnceCell::new(); paragraphs.len()];
    // Titles with a year first; a title without one only when no paragraph has one, and
    // then one on a line of its own before one joined from two lines: a page's menu may
    // print 政务服务 above 政府信息公开年报, and its title come after.
    for (with_year, join) in [(true, true), (false, false), (false, true)] {
        let mut prev: Option<&str> = None;
        for (p, n) in paragraphs.iter().zip(&cleaned) {
            let n = n.get_or_init(|| clean_title(&norm(p))).as_str();
            if n.chars().count() > 80 {
                prev = None;
                continue;
            }
            // A title may be split over two lines anywhere (…政府信息公开 / 工作年度报告).
            let before = prev.filter(|_| join);
            let parsed = parse_title(n, before, with_year)
                .or_else(|| before.and_then(|p| parse_title(&format!("{p}{n}"), None, with_year)));
            if let Some((agency, year, title)) = parsed {
                meta.title = Some(title);
                meta.agency = agency;
                meta.year = year;
                break;
            }
            prev = Some(n);
        }
        if meta.title.is_some() {
            break;
        }
    }
    // A web page copied or converted whole may hold a long run of navigation before its
    // title: the title is then the last one before the report's body begins (its 总体情况
    // section or first 第二十条 caption). Lists of other reports after the body are never
    // reached; without a body, no title is taken this way.
    if meta.title.is_none() {
        let mut last = None;
        for p in doc.paragraphs().skip(TITLE_WINDOW).take(FAR_TITLE_WINDOW) {
            let n = clean_title(&norm(p));
            if n.contains("总体情况") || n.contains("第二十条第") {
                meta.title = last.take().map(|(agency, year, title)| {
                    meta.agency = agency;
                    meta.year = year;
                    title
                });
                break;
            }
            if n.chars().count() <= 80 {
                if let Some(found) = parse_title(&n, None, true) {
                    last = Some(found);
                }
            }
        }
    }
    // No title in the text: a file named after its report (downloads often are).
    if meta.title.is_none() {
        let stem = path.file_stem().and_then(|s| s.to_str()).map(|s| clean_title(&norm(s))).unwrap_or_default();
        if let Some((agency, year, _)) = parse_title(&stem, None, true).or_else(|| parse_title(&stem, None, false)) {
            meta.agency = agency;
            meta.year = year;
            meta.notes.push("no title in the text; agency and year taken from the file name".into());
        }
    }
    // Nor in the file's name: the body's opening sentence usually names the agency
    // (2019年，上海市人民政府办公厅坚持…). A reading of prose, not a title: said in a note.
    if meta.agency.is_none() {
        if let Some(agency) = doc.paragraphs().take(TITLE_WINDOW + 60).find_map(|p| agency_of_opening(&norm(p))) {
            meta.notes.push(format!(
                "no title in the text; the agency, {agency}, is read from the sentence that opens the report's body (check it)"
            ));
            meta.agency = Some(agency);
        }
    }
    let period_year = doc.paragraphs().take(200).find_map(|p| {
        let n = norm(p);
        // PERIOD ends with 12月31日.
        n.contains("12月31日").then(|| PERIOD.captures(&n).and_then(|m| m[1].parse::<i32>().ok())).flatten()
    });
    match (meta.year, period_year) {
        (None, Some(y)) => meta.year = Some(y),
        (Some(t), Some(s)) if t != s => {
            meta.notes.push(format!("the title says {t} but the 统计期限 sentence says {s}; the title's year is used"))
        }
        _ => {}
    }
    // Nor in a 统计期限 sentence: the body saying which year's report it publishes
    // (现公布2021年度政府信息公开工作年度报告), when it names one year only.
    if meta.year.is_none() {
        let years: Vec<i32> = doc
            .paragraphs()
            .take(TITLE_WINDOW + 60)
            .flat_map(|p| {
                let n = norm(p);
                PUBLISHES.captures_iter(&n).filter_map(|m| m[1].parse::<i32>().ok()).collect::<Vec<_>>()
            })
            .collect();
        if let Some(&y) = years.first().filter(|&&y| years.iter().all(|&o| o == y)) {
            meta.year = Some(y);
            meta.notes.push(format!(
                "no year in the title; {y} is read from the body, which says it publishes its {y} report (check it)"
            ));
        }
    }
    if meta.year.is_none() {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if let Some(m) = FILE_YEAR.captures(name) {
            meta.year = m[1].parse().ok();
            meta.notes.push("year taken from the file name".into());
        }
    }
    meta
}

/// The agency a report's body opens with, in normal form: `{YYYY}年,{机关}` followed by
/// what it did (坚持, 深入, 认真, 按照 …), the name ending as agencies' names do (局, 委员会,
/// 办公室, 人民政府 …). `我局`, `全市` and the like name no one.
fn agency_of_opening(n: &str) -> Option<String> {
    static OPENING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:19|20)\d\d年度?,(.{2,30}?)(?:坚持|深入|认真|严格|按照|全面|紧紧|紧扣|紧密|继续|持续|进一步|始终|围绕|高度|积极|立足|聚焦|不断|切实|着力|以|在)",
        )
        .expect("valid regex")
    });
    // The last words of agencies' names: 局, 委员会, 办公室, 人民政府, 支队 …, and of the
    // places whose governments report under the place's name (平潭综合实验区, 某某县).
    const ENDINGS: &[&str] = &[
        "局", "委", "会", "厅", "办", "室", "政府", "中心", "院", "署", "部", "处", "队", "站", "馆", "所", "区", "县",
        "市", "旗", "镇", "乡", "街道",
    ];
    let name = OPENING.captures(n)?.get(1)?.as_str();
    if name.starts_with(['我', '本', '全', '各', '该']) || !ENDINGS.iter().any(|e| name.ends_with(e)) {
        return None;
    }
    valid_agency(name)
}

/// Remove suffixes such as （图片版） （超链版） and surrounding quotes.
fn clean_title(n: &str) -> String {
    // Icon-font glyphs (private use area) from portal menus are not text.
    let n: String = n.chars().filter(|c| !('\u{e000}'..='\u{f8ff}').contains(c)).collect();
    // 二〇二一年 → 2021年.
    let n = CHINESE_YEAR
        .replace_all(&n, |m: &regex::Captures| {
            let digits: String = m[1]
                .chars()
                .map(|c| match c {
                    '〇' | '零' | '○' | '◯' | 'O' | 'Ｏ' | '0' | '０' => '0',
                    other => char::from_digit(
                        "一二三四五六七八九".chars().position(|d| d == other).map_or(0, |i| i as u32 + 1),
                        10,
                    )
                    .unwrap_or('0'),
                })
                .collect();
            format!("{digits}年")
        })
        .into_owned();
    // A heading's marks (Markdown's # 标题, MediaWiki's and AsciiDoc's = 标题 =), emphasis
    // (**标题**, MediaWiki's '''标题'''), reStructuredText's escaped space (\ 标题) and
    // rubric, quotes.
    let marks = |c: char| matches!(c, '"' | '“' | '”' | '《' | '》' | '*' | '_' | '\'' | '\\' | '=');
    let n = n.trim_start_matches('#');
    let n = without_heading_markup(n);
    let n = n.strip_prefix("..rubric::").unwrap_or(n);
    let mut t = n.trim_matches(marks).to_string();
    // A saved page's field label: 标题: {title}, or 名称 in a table of the page's fields
    // (its separator gone with the spaces). No agency's name starts with one. The label
    // may have emphasis of its own (**标题：**…).
    for label in ["标题:", "题目:", "文章标题:", "名称:", "名称"] {
        if let Some(s) = t.strip_prefix(label) {
            t = s.trim_start_matches(|c| marks(c) || c == '|').to_string();
            break;
        }
    }
    // 关于{机关}{YYYY}年…报告: no agency's name starts with 关于.
    if let Some(s) = t.strip_prefix("关于") {
        t = s.to_string();
    }
    for suffix in ["(图片版)", "(超链版)", "(文字版)", "(全文)", "(简版)"] {
        if let Some(s) = t.strip_suffix(suffix) {
            t = s.to_string();
        }
    }
    t
}

/// A heading of Textile or Jira markup without its marks: `h1(title#id). 标题` (Textile's
/// level and attributes), `h1. {anchor:id}标题` (Jira's level and the anchor pandoc writes
/// for the page's element id, itself text that looks like a title). Other text as it is.
fn without_heading_markup(n: &str) -> &str {
    let b = n.as_bytes();
    if !(b.len() > 3 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1])) {
        return n;
    }
    // Textile's attributes: (class#id), {style}, [lang], alignment marks.
    let mut at = 2;
    while let Some(&c) = b.get(at) {
        let close = match c {
            b'(' => b')',
            b'{' => b'}',
            b'[' => b']',
            b'<' | b'>' | b'=' => {
                at += 1;
                continue;
            }
            _ => break,
        };
        match memchr::memchr(close, &b[at..]) {
            Some(end) => at += end + 1,
            None => return n,
        }
    }
    let Some(mut rest) = n[at..].strip_prefix(". ").or_else(|| n[at..].strip_prefix('.')) else { return n };
    rest = rest.trim_start();
    while let Some(after) = rest.strip_prefix("{anchor:") {
        match after.find('}') {
            Some(end) => rest = &after[end + 1..],
            None => break,
        }
    }
    rest.trim_start()
}

/// Parse a normalised title line; `prev` is the line before it, for titles split in two
/// (`淮安市人民政府` / `2024年政府信息公开工作年度报告`).
fn parse_title(n: &str, prev: Option<&str>, with_year: bool) -> Option<(Option<String>, Option<i32>, String)> {
    if !with_year {
        return parse_title_without_year(n);
    }
    if !may_be_title(n) {
        return None;
    }
    // Patterns match the title folded to simplified characters (政府信息公開…報告); the fold
    // keeps byte offsets, so names are sliced from the title as printed.
    let f = fold_normalised(n);
    // Every title pattern ends with TITLE_TAIL, which holds 信息公开.
    if !f.contains("信息公开") {
        return None;
    }
    let at = |m: &regex::Captures, i: usize| m.get(i).map_or("", |g| &n[g.range()]);
    // A sentence that names a report (现公布2021年度政府信息公开工作年度报告，…。) is no title.
    let sentence = |m: &regex::Captures| m.get(0).is_some_and(|g| goes_on_as_a_sentence(&f[g.end()..]));
    if let Some(m) = YEAR_FIRST.captures(&f).filter(|m| !sentence(m)) {
        let agency = valid_agency(at(&m, 2));
        if agency.is_some() {
            return Some((agency, m[1].parse().ok(), n.to_string()));
        }
    }
    if let Some(m) = YEAR_AFTER.captures(&f).filter(|m| !sentence(m)) {
        if let Some(agency) = valid_agency(at(&m, 1)) {
            return Some((Some(agency), m[2].parse().ok(), n.to_string()));
        }
    }
    if let Some(m) = AGENCY_FIRST.captures(&f).filter(|m| !sentence(m)) {
        let year = m[2].parse().ok();
        if let Some(agency) = valid_agency(at(&m, 1)) {
            return Some((Some(agency), year, n.to_string()));
        }
        // The agency stands on the line before.
        if m[1].is_empty() {
            if let Some(agency) = prev.and_then(valid_agency) {
                return Some((Some(agency.clone()), year, format!("{agency}{n}")));
            }
        }
    }
    None
}

fn parse_title_without_year(n: &str) -> Option<(Option<String>, Option<i32>, String)> {
    if !may_be_title(n) {
        return None;
    }
    let f = fold_normalised(n);
    // NO_YEAR ends with TITLE_TAIL, which holds 信息公开.
    if f.contains("本报告") || !f.contains("信息公开") {
        return None;
    }
    let m = NO_YEAR.captures(&f)?;
    if goes_on_as_a_sentence(&f[m.get(0)?.end()..]) {
        return None;
    }
    valid_agency(&n[m.get(1)?.range()]).map(|agency| (Some(agency), None, n.to_string()))
}

/// Does the text after a title's words go on as a sentence (a clause or sentence mark
/// before its end: `，2020年度报告见附件。`)? One 。 closing the line is not that.
fn goes_on_as_a_sentence(after: &str) -> bool {
    after.trim_end_matches('。').contains(['。', ',', ';'])
}

/// Every title pattern ends with TITLE_TAIL, which holds 信息公开 (信息公開 folded): a text
/// without 信息公 is no title, told before it is folded. No other character folds to 信, 息
/// or 公 (a test checks [`super::fold::TRAD`]).
fn may_be_title(n: &str) -> bool {
    n.contains("信息公")
}

/// An agency name is short, has no sentence punctuation, and is not a heading number.
fn valid_agency(s: &str) -> Option<String> {
    let s = s.trim_matches(|c: char| c == '-' || c == '_' || c == ':' || c == '|');
    // {机关}关于{YYYY}年…报告: the agency ends before 关于 (關於: same length folded).
    let s = if fold_normalised(s).ends_with("关于") { &s[..s.len() - "关于".len()] } else { s };
    let printed = s;
    // The word checks below read the name folded to simplified characters.
    let folded = fold_normalised(s);
    let s = folded.as_str();
    let len = s.chars().count();
    if !(2..=40).contains(&len) {
        return None;
    }
    if s.chars().any(|c| "。,;:!?、()《》".contains(c))
        || ["关于", "根据", "信息公开", "年报", "报告", "当前位置"].iter().any(|w| s.contains(w))
    {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) || matches!(s, "政府" | "政务" | "年度" | "本机关") {
        return None;
    }
    // A sentence's opening words (现公布…报告, 特此发布…) name no agency.
    let verbs = ["现公布", "现将", "现予", "现发布", "特此", "兹将", "以下", "下面", "已发布", "发布", "公布", "编制"];
    if verbs.iter().any(|v| s.starts_with(v)) {
        return None;
    }
    Some(printed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Block;

    /// [`may_be_title`] looks for 信息公 before folding: no other character may fold to one
    /// of those three.
    #[test]
    fn nothing_else_folds_to_the_characters_a_title_is_told_by() {
        for &(traditional, simplified) in super::super::fold::TRAD {
            assert!(!"信息公".contains(simplified), "{traditional} folds to {simplified}");
        }
        // And a traditional title is still told.
        assert!(parse_title("平潭縣2013年政府信息公開工作年度報告", None, true).is_some());
    }

    fn doc(paras: &[&str]) -> Document {
        Document { blocks: paras.iter().map(|p| Block::Paragraph(p.to_string())).collect(), ..Default::default() }
    }

    /// A title without a year: the body saying which year's report it publishes gives it,
    /// with a note; a mention of another report (a link) does not, nor two years.
    #[test]
    fn a_year_from_the_body_naming_the_report_it_publishes() {
        let title = "某某市生态环境局政府信息公开工作年度报告";
        let m =
            extract(&doc(&[title, "根据《条例》要求，现公布2021年度政府信息公开工作年度报告。"]), Path::new("x.txt"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("某某市生态环境局"), Some(2021)));
        assert!(m.notes.iter().any(|n| n.contains("2021 report")), "{:?}", m.notes);
        for body in [
            &["本机关2020年政府信息公开工作年度报告见附件。"][..],
            &["现公布2021年度政府信息公开工作年度报告，2020年度报告见附件。", "已发布2020年政府信息公开工作年度报告。"],
        ] {
            let paras: Vec<&str> = std::iter::once(title).chain(body.iter().copied()).collect();
            assert_eq!(extract(&doc(&paras), Path::new("x.txt")).year, None, "{body:?}");
        }
    }

    /// A page converted whole: navigation first, then the title, then the body. The title
    /// is the last one before the body; one after the body (a list of other reports) is not.
    #[test]
    fn a_title_after_a_page_of_navigation() {
        let nav: Vec<String> = (0..60).map(|i| format!("栏目{i}")).collect();
        let mut paras: Vec<&str> = nav.iter().map(String::as_str).collect();
        paras.extend(["某某市2021年度政府信息公开工作年度报告", "一、总体情况", "正文。"]);
        let m = extract(&doc(&paras), Path::new("x.txt"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("某某市"), Some(2021)));

        let mut paras: Vec<&str> = nav.iter().map(String::as_str).collect();
        paras.extend(["一、总体情况", "正文。", "相关链接", "某某县2020年政府信息公开工作年度报告"]);
        let m = extract(&doc(&paras), Path::new("x.txt"));
        assert_eq!((m.title.as_deref(), m.agency.as_deref()), (None, None));
    }

    #[test]
    fn title_forms() {
        let cases = [
            ("淄博市公安局2020年政府信息公开工作年度报告", "淄博市公安局", 2020),
            ("平潭综合实验区2019年度政府信息公开工作年度报告", "平潭综合实验区", 2019),
            ("2023年沭阳县发展和改革局政府信息公开工作年度报告", "沭阳县发展和改革局", 2023),
            ("2019年度上海市人民政府办公厅政府信息公开工作年度报告（图片版）", "上海市人民政府办公厅", 2019),
            ("某某县教育局 2016 年政府信息公开年度报告", "某某县教育局", 2016),
            ("某某县人民政府办公室关于2022年政府信息公开工作年度报告", "某某县人民政府办公室", 2022),
            ("某某市生态环境局政府信息公开工作年度报告（2021年度）", "某某市生态环境局", 2021),
            ("某某镇人民政府二〇二三年政府信息公开工作年度报告", "某某镇人民政府", 2023),
            ("某某镇人民政府二○二三年度政府信息公开工作年度报告", "某某镇人民政府", 2023),
            ("某某镇人民政府二Ｏ二三年政府信息公开工作年度报告", "某某镇人民政府", 2023),
            ("关于某某市生态环境局2021年政府信息公开工作年度报告", "某某市生态环境局", 2021),
            // Markdown's emphasis (pandoc from a DOCX); a page's field table (名称 | 标题).
            ("**2019年上海市人民政府办公厅政府信息公开工作年度报告**", "上海市人民政府办公厅", 2019),
            ("# __某某市统计局2022年政府信息公开工作年度报告__", "某某市统计局", 2022),
            ("     名称    沭阳县发展和改革局2023年政府信息公开年度报告", "沭阳县发展和改革局", 2023),
            ("名称：某某县民政局2021年政府信息公开工作年度报告", "某某县民政局", 2021),
            ("**标题：**沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局", "沭阳县发展和改革局", 2023),
            ("名称 |  某某县水利局2022年政府信息公开年度报告", "某某县水利局", 2022),
            // pandoc's other writers: MediaWiki's heading and bold, reStructuredText's
            // escaped space and rubric, AsciiDoc's heading.
            ("= 沭阳县发展和改革局2023年政府信息公开年度报告 =", "沭阳县发展和改革局", 2023),
            ("'''标题：'''某某县商务局2023年政府信息公开年度报告", "某某县商务局", 2023),
            ("**标题：**\\ 某某县商务局2023年政府信息公开年度报告-某某县商务局", "某某县商务局", 2023),
            (".. rubric:: 某某县商务局2023年政府信息公开年度报告", "某某县商务局", 2023),
            ("== 某某县商务局2023年政府信息公开年度报告", "某某县商务局", 2023),
            // Textile's heading with the page element's id, Jira's with its anchor (pandoc
            // writes the id, here without the year, as a title-like text of its own).
            ("h1(title#年郑州市发展和改革局政府信息公开工作年度报告). 2022年郑州市发展和改革局政府信息公开工作年度报告", "郑州市发展和改革局", 2022),
            ("h1. {anchor:年郑州市发展和改革局政府信息公开工作年度报告}2022年郑州市发展和改革局政府信息公开工作年度报告", "郑州市发展和改革局", 2022),
            ("h2. 某某县商务局2023年政府信息公开年度报告", "某某县商务局", 2023),
        ];
        for (title, agency, year) in cases {
            let m = extract(&doc(&[title]), Path::new("x.txt"));
            assert_eq!(m.agency.as_deref(), Some(agency), "{title}");
            assert_eq!(m.year, Some(year), "{title}");
        }
    }

    /// A sentence that names a report is no title, and its opening verb is no agency; a
    /// title closed by one 。 still is one.
    #[test]
    fn a_sentence_naming_a_report_is_no_title() {
        for first in [
            "现公布2021年度政府信息公开工作年度报告，2020年度报告见附件。",
            "现公布2021年度政府信息公开工作年度报告",
            "某某县2020年政府信息公开工作年度报告，详见链接。",
        ] {
            let m = extract(&doc(&[first, "某某市生态环境局2021年政府信息公开工作年度报告"]), Path::new("x.txt"));
            assert_eq!((m.agency.as_deref(), m.year), (Some("某某市生态环境局"), Some(2021)), "{first}");
        }
        let m = extract(&doc(&["某某市生态环境局2021年政府信息公开工作年度报告。"]), Path::new("x.txt"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("某某市生态环境局"), Some(2021)));
    }

    #[test]
    fn pre2019_and_traditional_titles() {
        let cases = [
            ("平潭县财政局2009年度政府信息公开年度报告", "平潭县财政局", 2009),
            ("平潭综合实验区地方税务局2013年信息公开年度报告", "平潭综合实验区地方税务局", 2013),
            ("某某县统计局2012年政务信息公开年度报告", "某某县统计局", 2012),
            ("平潭综合实验区财政金融局2017 年政府信息公开工作年度报告", "平潭综合实验区财政金融局", 2017),
            // 繁体 mirrors: matched folded, the name kept as printed.
            ("開平市沙塘鎮2016年政府信息公開工作年度報告", "開平市沙塘鎮", 2016),
            ("某某區財政局關於2015年度政府信息公開工作年度報告", "某某區財政局", 2015),
            ("标题: 平潭综合实验区2013年政府信息公开工作年度报告", "平潭综合实验区", 2013),
        ];
        for (title, agency, year) in cases {
            let m = extract(&doc(&[title]), Path::new("x.html"));
            assert_eq!((m.agency.as_deref(), m.year), (Some(agency), Some(year)), "{title}");
        }
    }

    #[test]
    fn split_title_and_period_sentence() {
        let m = extract(&doc(&["淮安市人民政府", "2024 年政府信息公开工作年度报告"]), Path::new("x.pdf"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("淮安市人民政府"), Some(2024)));
        let m = extract(&doc(&["淄博市公安局2020年政府信息公开", "工作年度报告", "本报告是…"]), Path::new("x.txt"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("淄博市公安局"), Some(2020)));
        let m = extract(
            &doc(&["某局政府信息公开工作年度报告", "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"]),
            Path::new("x.txt"),
        );
        assert_eq!((m.agency.as_deref(), m.year), (Some("某局"), Some(2022)));
    }

    /// A web page printed to PDF: its menu (政务服务 above 政府信息公开年报) joined reads as a
    /// title without a year, and came before the page's own, which has none either.
    #[test]
    fn a_title_on_its_own_line_before_one_joined_from_a_menu() {
        let page = [
            "宝鸡市人民政府",
            "首页",
            "政务服务",
            "政府信息公开年报",
            "宝鸡市审计局政府信息公开工作年度报告",
            "发布日期：2022-01-25",
        ];
        let m = extract(&doc(&page), Path::new("x.pdf"));
        assert_eq!(
            (m.agency.as_deref(), m.title.as_deref()),
            (Some("宝鸡市审计局"), Some("宝鸡市审计局政府信息公开工作年度报告"))
        );
        // With no title on a line of its own, a split one is still read.
        let m = extract(&doc(&["某某县审计局政府信息", "公开工作年度报告"]), Path::new("x.pdf"));
        assert_eq!(m.agency.as_deref(), Some("某某县审计局"));
    }

    #[test]
    fn a_file_named_after_its_report() {
        let m = extract(
            &doc(&["一、总体情况", "本年度……"]),
            Path::new("/d/2022年某某县市场监督管理局政府信息公开工作年度报告.docx"),
        );
        assert_eq!((m.agency.as_deref(), m.year), (Some("某某县市场监督管理局"), Some(2022)));
        assert!(m.title.is_none());
    }

    #[test]
    fn file_name_is_the_last_resort() {
        let m = extract(&doc(&["没有标题的一段话。"]), Path::new("/d/agency-2021.txt"));
        assert_eq!((m.agency, m.year), (None, Some(2021)));
    }

    /// No title in the text (a PDF printed from a page whose title was in its banner) and
    /// none in the file's name: the agency the body's opening sentence names, with a note.
    #[test]
    fn an_agency_named_by_the_opening_sentence_when_there_is_no_title() {
        let body = [
            "发布日期：2020-01-31",
            "一、总体情况",
            "2019 年，上海市人民政府办公厅坚持以习近平新时代中国特色社会主义思想为指导。",
        ];
        let m = extract(&doc(&body), Path::new("/d/shanghai-office-2019.pdf"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("上海市人民政府办公厅"), Some(2019)));
        assert!(m.notes.iter().any(|n| n.contains("opens the report's body")), "{:?}", m.notes);
        // A zone or county named alone (text a page extractor kept without its title).
        let zone = "2023年，平潭综合实验区坚持以习近平新时代中国特色社会主义思想为指导。";
        let m = extract(&doc(&["一、总体情况", zone]), Path::new("/d/x-2023.txt"));
        assert_eq!((m.agency.as_deref(), m.year), (Some("平潭综合实验区"), Some(2023)));
        for opening in [
            "2019年，我局坚持以人民为中心。",
            "2019年，全市深入推进政务公开。",
            "2019年，各级各部门认真落实条例。",
            "2021年，我区以习近平新时代中国特色社会主义思想为指导。",
            "2021年，本县持续推进政务公开。",
        ] {
            let m = extract(&doc(&["一、总体情况", opening]), Path::new("/d/x-2019.pdf"));
            assert_eq!(m.agency, None, "{opening}");
        }
        // A title, when there is one, is what names the agency.
        let m = extract(&doc(&["淄博市公安局2020年政府信息公开工作年度报告", body[2]]), Path::new("/d/x.txt"));
        assert_eq!(m.agency.as_deref(), Some("淄博市公安局"));
    }
}
