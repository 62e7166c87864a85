//! What OCR reads of the template's own words, put right.
//!
//! The labels of tables 二–四 and the place names of titles come from closed lists, and
//! Tesseract's slips on them (三 read as 二, 潭 as 漂) would make a row or an agency
//! unrecognisable. A label cell's reading is compared with the template's labels: it takes
//! the label whose characters it shares most, in order (longest common subsequence over
//! the longer length, lengths within 30 % of each other), when that share is at least one
//! half (three characters at least) and clearly ahead of the next label's. A title's place name is compared with the division names (one substituted
//! character, one candidate). Only labels and names: numbers are never changed here, and
//! the reading itself is kept in the cell's OCR record.

use std::sync::LazyLock;

/// The template's labels and headers, as printed (numbering and group prefixes apart).
const LABELS: &[&str] = &[
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "本年度办理结果",
    "予以公开",
    "部分公开（区分处理的，只计这一情形，不计其他情形）",
    "不予公开",
    "属于国家秘密",
    "其他法律行政法规禁止公开",
    "危及“三安全一稳定”",
    "保护第三方合法权益",
    "属于三类内部事务信息",
    "属于四类过程性信息",
    "属于行政执法案卷",
    "属于行政查询事项",
    "无法提供",
    "本机关不掌握相关政府信息",
    "没有现成信息需要另行制作",
    "补正后申请内容仍不明确",
    "不予处理",
    "信访举报投诉类申请",
    "重复申请",
    "要求提供公开出版物",
    "无正当理由大量反复申请",
    "要求行政机关确认或重新出具已获取信息",
    "其他处理",
    "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "结转下年度继续办理",
    "申请人情况",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "信息内容",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "上一年项目数量",
    "本年增/减",
    "处理决定数量",
    "本年处理决定数量",
    "本年收费金额（单位：万元）",
    "采购项目数量",
    "采购总金额",
    "规范性文件",
    "行政规范性文件",
    "行政许可",
    "其他对外管理服务事项",
    "行政处罚",
    "行政强制",
    "行政事业性收费",
    "政府集中采购",
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "未经复议直接起诉",
    "复议后起诉",
];

/// Is this one character, read alone in a table cell, the start of a header or label of
/// the template (结 of 结果维持 over a page break, 总 of 总计, a header printed one
/// character per line)? Characters a digit is misread as (一 口 〇 …) never start a label,
/// so a lone digit read as one of them is not taken for a header.
pub fn starts_label(c: char) -> bool {
    static INITIALS: LazyLock<Vec<char>> = LazyLock::new(|| {
        let mut v: Vec<char> = LABELS.iter().filter_map(|l| l.chars().next()).collect();
        v.push('总');
        v.sort_unstable();
        v.dedup();
        v
    });
    INITIALS.binary_search(&c).is_ok()
}

/// Characters compared: no whitespace, ASCII and full-width brackets alike.
fn chars_of(s: &str) -> Vec<char> {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            ':' => '：',
            ',' => '，',
            c => c,
        })
        .collect()
}

/// Length of the longest common subsequence.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for ca in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb { prev[j] + 1 } else { prev[j + 1].max(cur[j]) };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The prefix of a label that numbers it: `一、` `（三）` `(3)` `1.` `2、`, possibly two.
fn split_numbering(s: &str) -> (String, String) {
    static R: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:\s*(?:[一二三四五六七八九十]+[、.．]|[（(《〔][一二三四五六七八九十\d]+[）)]|\d{1,2}\s*[.、．]?))*",
        )
        .expect("valid regex")
    });
    let end = R.find(s).map_or(0, |m| m.end());
    (s[..end].to_string(), s[end..].to_string())
}

/// The template label a label cell's reading stands for, when the reading is not one
/// already (see the module notes): the numbering as read, then the label. Line breaks
/// are dropped in a corrected reading.
pub fn snap_label(text: &str) -> Option<String> {
    let (prefix, rest) = split_numbering(text);
    let rest_c = chars_of(&rest);
    if rest_c.len() < 4 || rest_c.len() > 60 {
        return None;
    }
    let mut scored: Vec<(f32, usize, &str)> = Vec::new();
    for label in LABELS {
        let l = chars_of(label);
        if l == rest_c {
            return None;
        }
        // A fragment (a label cut by a page break) is no reading of a whole label.
        let (short, long) = (rest_c.len().min(l.len()), rest_c.len().max(l.len()));
        let common = if short * 10 >= long * 7 { lcs(&rest_c, &l) } else { 0 };
        scored.push((common as f32 / long as f32, common, label));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, common, label) = scored[0];
    let next = scored.get(1).map_or(0.0, |s| s.0);
    let prefix = prefix.trim();
    let prefix = prefix.replace(['《', '〔'], "（");
    (best >= 0.5 && common >= 3 && best - next >= 0.1).then(|| format!("{prefix}{label}"))
}

/// A title-like line with its place name put right, when it names no known division: a
/// run of the text one substituted character (not the last) away from exactly one known
/// division name of three characters or more (平漂综合实验区 → 平潭综合实验区), or from
/// exactly one of those the rest of the page's text names (准安市 → 淮安市).
pub fn snap_places(text: &str, context: &str) -> Option<String> {
    static NAMES: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
        crate::agency::division_names().filter(|n| n.chars().count() >= 3).map(|n| n.chars().collect()).collect()
    });
    if let Some(s) = snap_names(text, &NAMES, false) {
        return Some(s);
    }
    // Several near names (准安市: 淮安市, 六安市, 吉安市 …): the one the page's text uses.
    let used: Vec<Vec<char>> =
        NAMES.iter().filter(|n| n.len() >= 3 && context.contains(&n.iter().collect::<String>())).cloned().collect();
    snap_names(text, &used, false)
}

/// A title-like line with its agency's kind put right: a run one substituted character
/// away from exactly one kind word of four characters or more (公安分打 → 公安分局); when
/// several are that near (办公打: 办公厅, 办公室), the one the rest of the page's text
/// uses, if only one is.
pub fn snap_kinds(text: &str, context: &str) -> Option<String> {
    static NAMES: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
        crate::agency::kind_names().filter(|n| n.chars().count() >= 4).map(|n| n.chars().collect()).collect()
    });
    if let Some(s) = snap_names(text, &NAMES, true) {
        return Some(s);
    }
    let used: Vec<Vec<char>> =
        NAMES.iter().filter(|n| context.contains(&n.iter().collect::<String>())).cloned().collect();
    snap_names(text, &used, true)
}

/// A title's year with its last digit read twice (`2023 3年度`, `20233年`): the year once.
pub fn undouble_year(text: &str) -> Option<String> {
    static DOUBLED: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"((?:19|20)\d(\d))\s*(\d)(\s*年)").expect("valid regex"));
    let caps = DOUBLED.captures(text)?;
    (caps[2] == caps[3]).then(|| DOUBLED.replace(text, "$1$4").into_owned())
}

/// Replace the one run of `text` one substitution away from exactly one of `names`
/// (anywhere in the name when `any_position`, else not its last character and only when
/// the text holds none of the names already).
fn snap_names(text: &str, names: &[Vec<char>], any_position: bool) -> Option<String> {
    let t: Vec<char> = text.chars().collect();
    if t.len() > 200 {
        return None;
    }
    // Text that already names a division is left alone.
    // A place named rightly stays. (Kind words nest — 人民政府 in 人民政府办公厅 — so for
    // them only the uniqueness of the near miss counts.)
    if !any_position && names.iter().any(|n| t.windows(n.len()).any(|w| w == n.as_slice())) {
        return None;
    }
    // Every near miss, as the text it would give: one text, or no guess.
    let mut results: Vec<String> = Vec::new();
    for n in names {
        // A glyph read twice (平潭综合合实验区): the name with one character doubled.
        for (i, w) in t.windows(n.len() + 1).enumerate() {
            let doubled = (1..w.len()).find(|&k| w[k] == w[k - 1] && w[..k].iter().chain(&w[k + 1..]).eq(n.iter()));
            if doubled.is_some() {
                let mut out = t.clone();
                out.splice(i..i + n.len() + 1, n.iter().copied());
                let out: String = out.into_iter().collect();
                if !results.contains(&out) {
                    results.push(out);
                }
            }
        }
        for (i, w) in t.windows(n.len()).enumerate() {
            let diff: Vec<usize> = (0..n.len()).filter(|&k| w[k] != n[k]).collect();
            if diff.len() == 1 && (any_position || diff[0] + 1 < n.len()) {
                let mut out = t.clone();
                out.splice(i..i + n.len(), n.iter().copied());
                let out: String = out.into_iter().collect();
                if !results.contains(&out) {
                    results.push(out);
                }
                if results.len() > 1 {
                    return None;
                }
            }
        }
    }
    if results.len() == 1 {
        results.pop()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_snap_to_the_template() {
        assert_eq!(snap_label("1曲于国家私密").as_deref(), Some("1属于国家秘密"));
        assert_eq!(snap_label("4保护第三万合十权关").as_deref(), Some("4保护第三方合法权益"));
        assert_eq!(snap_label("B敬于打政查询事项").as_deref(), Some("属于行政查询事项"));
        assert_eq!(snap_label("（三）不⏎子公开，".replace('⏎', "\n").as_str()).as_deref(), Some("（三）不予公开"));
        assert_eq!(snap_label("4.保护第二方合法权益").as_deref(), Some("4.保护第三方合法权益"));
        assert_eq!(snap_label("（二）不了公开").as_deref(), Some("（二）不予公开"));
        assert_eq!(snap_label("4.保护第三方合法权益"), None);
        assert_eq!(snap_label("规章"), None);
        // A fragment cut off by a page break is not a header.
        assert_eq!(snap_label("获取信息"), None);
        assert_eq!(snap_label("第二十条第（一）项"), None);
        assert_eq!(snap_label("某某市某某局"), None);
    }

    #[test]
    fn place_names_snap_to_divisions() {
        assert_eq!(
            snap_places("平漂综合实验区2019年度政府信息公开工作年度报告", "").as_deref(),
            Some("平潭综合实验区2019年度政府信息公开工作年度报告")
        );
        assert_eq!(snap_places("平潭综合实验区2019年度政府信息公开工作年度报告", ""), None);
        assert_eq!(
            snap_places("准安市人民政府", "本报告由淮安市人民政府办公室编制").as_deref(),
            Some("淮安市人民政府")
        );
        assert_eq!(snap_places("准安市人民政府", ""), None);
        // 沐阳县 is one character from both 沭阳县 and 汝阳县: no guess.
        assert_eq!(snap_places("沐阳县发展和改革局2023年政府信息公开年度报告", ""), None);
        assert_eq!(
            snap_kinds("2019年某某市公安分打政府信息公开工作年度报告", "").as_deref(),
            Some("2019年某某市公安分局政府信息公开工作年度报告")
        );
        // 办公打 is one character from both 办公厅 and 办公室: the one the page uses, or none.
        let title = "2019年上海市人民政府办公打政府信息公开工作年度报告";
        assert_eq!(snap_kinds(title, ""), None);
        assert_eq!(
            snap_kinds(title, "海市人民政府办公厅…").as_deref(),
            Some("2019年上海市人民政府办公厅政府信息公开工作年度报告")
        );
        assert_eq!(snap_kinds("2019年上海市人民政府办公厅政府信息公开工作年度报告", ""), None);
        // A glyph read twice.
        assert_eq!(
            snap_places("平潭综合合实验区2023年度政府信息公开工作年度报告", "").as_deref(),
            Some("平潭综合实验区2023年度政府信息公开工作年度报告")
        );
    }

    #[test]
    fn a_year_with_its_last_digit_read_twice() {
        assert_eq!(undouble_year("平潭综合实验区2023 3年度报告").as_deref(), Some("平潭综合实验区2023年度报告"));
        assert_eq!(undouble_year("20233年").as_deref(), Some("2023年"));
        // Another digit is not a doubled one; a year read once is left alone.
        assert_eq!(undouble_year("2023 4年度"), None);
        assert_eq!(undouble_year("2023年度"), None);
    }
}
