//! When a report was published: from the web page, the signature, or the file.
//!
//! Evaluators check whether a report came out on time (by 31 January of the next year; up
//! to the 2018 report, 31 March: [`crate::figures::publication_deadline`]). The date is read
//! from, most trusted first ([`DateSource`]):
//!
//! 1. the page's `<meta>` publication date (`PubDate`, `article:published_time` …),
//! 2. a date the page labels 发布时间 / 发布日期 / 公开日期 (anywhere on the page),
//! 3. the date under the report's signature (落款: 2021年1月29日, 二〇二一年一月二十九日), a
//!    line of its own among the last lines of the document,
//! 4. the file's creation date (DOCX core properties, PDF information dictionary), which
//!    says when the file was made, not when it was published.
//!
//! A date is kept only when it is plausible for the report's year: from 1 January of the
//! next year, and no later than three years after (a file's metadata: the next year only —
//! a re-saved or converted file carries a later one). Times with a zone are read in China
//! time (UTC+8), so a file created 2024-01-31T17:00Z was made on 1 February.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};

use crate::report::{DateSource, Published};
use crate::source::{Block, Document};

/// The publication date of a report of `year`, if the document gives a plausible one.
pub fn extract(doc: &Document, year: Option<i32>) -> Option<Published> {
    let year = year?;
    let plausible = |d: NaiveDate, source: DateSource| {
        let last_year = if source == DateSource::DocumentMetadata { year + 1 } else { year + 3 };
        d.year() > year && d.year() <= last_year
    };
    let pick = |source: DateSource, candidates: Vec<NaiveDate>| {
        candidates.into_iter().find(|d| plausible(*d, source)).map(|on| Published { on, source })
    };
    let meta = |filter: &dyn Fn(&str) -> bool| -> Vec<NaiveDate> {
        doc.meta.iter().filter(|(k, _)| filter(k)).filter_map(|(_, v)| parse_date(v)).collect()
    };
    let page_meta = meta(&|k| !k.starts_with("text:") && !is_file_date(k));
    let page_text = meta(&|k| k.starts_with("text:"));
    let file = {
        // The creation date first, the modification date where there is none.
        let mut d = meta(&|k| k == "dcterms:created" || k == "CreationDate");
        d.extend(meta(&|k| k == "dcterms:modified" || k == "ModDate"));
        d
    };
    pick(DateSource::PageMeta, page_meta)
        .or_else(|| pick(DateSource::PageText, page_text.into_iter().chain(labelled_paragraphs(doc)).collect()))
        .or_else(|| pick(DateSource::Signature, signature_dates(doc)))
        .or_else(|| pick(DateSource::DocumentMetadata, file))
}

/// Metadata names that date the file rather than the page.
fn is_file_date(name: &str) -> bool {
    matches!(name, "dcterms:created" | "dcterms:modified" | "CreationDate" | "ModDate")
}

/// Dates the document's own paragraphs label as the publication date (a text file copied
/// from a page, a DOCX with a 发布日期 line).
fn labelled_paragraphs(doc: &Document) -> impl Iterator<Item = NaiveDate> + '_ {
    doc.paragraphs().take(400).filter_map(|p| {
        let p = p.trim();
        let label = ["发布时间", "发布日期", "公开日期"].into_iter().find(|l| p.contains(l))?;
        let rest = &p[p.find(label)? + label.len()..];
        let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':' || c == '：');
        parse_date_prefix(rest).map(|(d, _)| d)
    })
}

/// Dates standing alone on one of the document's last lines (the signature, 落款), latest
/// line first. A line may start with the agency's name (淄博市公安局 2021年1月29日).
fn signature_dates(doc: &Document) -> Vec<NaiveDate> {
    let lines: Vec<&str> = doc
        .blocks
        .iter()
        .rev()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.trim()),
            _ => None,
        })
        .filter(|p| !p.is_empty())
        .take(12)
        .collect();
    lines
        .into_iter()
        .filter_map(|line| {
            // A line with punctuation before its last 年 is a sentence, whatever the date:
            // the punctuation would be before it (told here before the line is compacted).
            let year_at = line.rfind('年')?;
            if line[..year_at].contains(SENTENCE_MARKS) {
                return None;
            }
            let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
            // The date ends the line; what comes before it is a name, not a sentence.
            let start = date_start(&compact)?;
            let before = &compact[..start];
            let sentence = before.chars().count() > 30
                || before.contains(SENTENCE_MARKS)
                || before.chars().any(|c| c.is_ascii_digit());
            if sentence {
                return None;
            }
            match parse_date_prefix(&compact[start..]) {
                Some((d, "")) => Some(d),
                _ => None,
            }
        })
        .collect()
}

/// Punctuation that makes the text before a date a sentence, not a name.
const SENTENCE_MARKS: [char; 5] = ['。', '，', ',', '：', ':'];

/// Where a date that runs to the end of `s` starts (Arabic or Chinese numerals).
fn date_start(s: &str) -> Option<usize> {
    let year_at = s.rfind('年')?;
    let digits = s[..year_at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || chinese_digit(*c).is_some())
        .last()?;
    Some(digits.0)
}

/// Parse a date with whatever follows it: `2020-01-20 15:22`, `2020/1/20`, `2020.01.20`,
/// `2020年1月20日`, `二〇二〇年一月二十日`, RFC 3339 times (read in China time). Returns the
/// date and the text after it (after a time, when one follows).
pub fn parse_date_prefix(s: &str) -> Option<(NaiveDate, &str)> {
    let s = s.trim_start();
    // A full RFC 3339 time with a zone: the day in China.
    if let Some(d) = rfc3339_day(s) {
        return Some(d);
    }
    let mut nums = [0u32; 3];
    let mut rest = s;
    for (i, n) in nums.iter_mut().enumerate() {
        rest = rest.trim_start();
        let (value, after) = number(rest)?;
        *n = value;
        rest = after.trim_start();
        let sep = rest.chars().next();
        let expected: &[char] = match i {
            0 => &['-', '/', '.', '年'],
            1 => &['-', '/', '.', '月'],
            _ => &['日', '号'],
        };
        match sep {
            Some(c) if expected.contains(&c) => rest = &rest[c.len_utf8()..],
            _ if i == 2 => {}
            _ => return None,
        }
    }
    if !(1900..=2200).contains(&nums[0]) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(nums[0] as i32, nums[1], nums[2])?;
    // A time of day after the date (15:22, 15:22:00, T15:22:00): skipped.
    let trimmed = rest.trim_start_matches(['T', ' ']);
    let time_len = trimmed.chars().take_while(|c| c.is_ascii_digit() || *c == ':').count();
    let rest = if time_len >= 4 && trimmed[..time_len].contains(':') { &trimmed[time_len..] } else { rest };
    Some((date, rest.trim()))
}

/// A whole string as a date (see [`parse_date_prefix`]); anything after the date and
/// its time must be a zone or nothing.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(d) = rfc3339_day(s) {
        return Some(d.0);
    }
    let (d, rest) = parse_date_prefix(s)?;
    let rest = rest.trim();
    let zone_only =
        rest.is_empty() || rest == "Z" || rest.starts_with(['+', '-']) && rest.len() <= 6 || rest.starts_with('.');
    zone_only.then_some(d)
}

/// The day in China (UTC+8) of an RFC 3339 time with a zone (`2024-01-31T17:00:00Z`).
fn rfc3339_day(s: &str) -> Option<(NaiveDate, &str)> {
    let end = s.find(|c: char| c.is_whitespace()).unwrap_or(s.len());
    let t: DateTime<FixedOffset> = DateTime::parse_from_rfc3339(&s[..end]).ok()?;
    let china = FixedOffset::east_opt(8 * 3600)?;
    Some((t.with_timezone(&china).date_naive(), &s[end..]))
}

/// A number at the start of `s`: Arabic digits, or Chinese numerals (二〇二一, 十二, 二十九).
fn number(s: &str) -> Option<(u32, &str)> {
    let arabic: String = s.chars().take_while(|c| c.is_ascii_digit()).take(4).collect();
    if !arabic.is_empty() {
        return Some((arabic.parse().ok()?, &s[arabic.len()..]));
    }
    let chinese: Vec<char> = s.chars().take_while(|c| chinese_digit(*c).is_some() || *c == '十').collect();
    if chinese.is_empty() {
        return None;
    }
    let len: usize = chinese.iter().map(|c| c.len_utf8()).sum();
    let value = if chinese.contains(&'十') {
        // 十 → 10, 十二 → 12, 二十 → 20, 二十九 → 29.
        let pos = chinese.iter().position(|c| *c == '十')?;
        let tens = if pos == 0 { 1 } else { chinese_digit(chinese[pos - 1])? };
        let ones = match chinese.get(pos + 1) {
            Some(c) => chinese_digit(*c)?,
            None => 0,
        };
        if pos > 1 || chinese.len() > pos + 2 {
            return None;
        }
        tens * 10 + ones
    } else {
        // 二〇二一: digit by digit.
        chinese.iter().try_fold(0u32, |acc, c| Some(acc * 10 + chinese_digit(*c)?))?
    };
    Some((value, &s[len..]))
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'Ｏ' | 'O' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn doc(paras: &[&str], meta: &[(&str, &str)]) -> Document {
        Document {
            blocks: paras.iter().map(|p| Block::Paragraph(p.to_string())).collect(),
            meta: meta.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn dates_in_the_forms_reports_print() {
        assert_eq!(parse_date("2020-01-20 15:22"), Some(d(2020, 1, 20)));
        assert_eq!(parse_date("2024-01-17"), Some(d(2024, 1, 17)));
        assert_eq!(parse_date("2020/1/31"), Some(d(2020, 1, 31)));
        assert_eq!(parse_date("2021年1月29日"), Some(d(2021, 1, 29)));
        assert_eq!(parse_date("2021 年 1 月 29 日"), Some(d(2021, 1, 29)));
        assert_eq!(parse_date("二〇二一年一月二十九日"), Some(d(2021, 1, 29)));
        assert_eq!(parse_date("二〇二二年十二月十日"), Some(d(2022, 12, 10)));
        assert_eq!(parse_date("2024-02-26T14:56:45Z"), Some(d(2024, 2, 26)));
        // 17:00 UTC is 01:00 the next day in China.
        assert_eq!(parse_date("2024-01-31T17:00:00Z"), Some(d(2024, 2, 1)));
        assert_eq!(parse_date("2024-02-26T14:41:23+08:00"), Some(d(2024, 2, 26)));
        assert_eq!(parse_date("2020-13-01"), None);
        assert_eq!(parse_date("页面生成时间 2024-05-28"), None);
        assert_eq!(parse_date("2019年度"), None);
    }

    #[test]
    fn the_most_trusted_plausible_source_wins() {
        // The page's meta beats its text, the signature and the file.
        let both = doc(
            &["平潭综合实验区管委会", "2022年1月25日"],
            &[("pubdate", "2022-02-08 16:34"), ("text:发布时间", "2022-02-09")],
        );
        assert_eq!(extract(&both, Some(2021)), Some(Published { on: d(2022, 2, 8), source: DateSource::PageMeta }));
        // Without a page date, the signature.
        let signed = doc(
            &[
                "（二）本报告所列数据可能因四舍五入原因与数据直接相加之和存在尾数差异。",
                "淄博市公安局",
                "2021年1月29日",
            ],
            &[("CreationDate", "2021-01-20T10:00:00+08:00")],
        );
        assert_eq!(extract(&signed, Some(2020)), Some(Published { on: d(2021, 1, 29), source: DateSource::Signature }));
        // A signature with the agency on the same line, in Chinese numerals.
        let one_line = doc(&["示例市示例局 二〇二三年二月十五日"], &[]);
        assert_eq!(
            extract(&one_line, Some(2022)),
            Some(Published { on: d(2023, 2, 15), source: DateSource::Signature })
        );
        // A labelled paragraph is page text.
        let labelled = doc(&["发布日期：2020-01-31", "本年度报告根据……"], &[]);
        assert_eq!(
            extract(&labelled, Some(2019)),
            Some(Published { on: d(2020, 1, 31), source: DateSource::PageText })
        );
        // Only the file's date: marked as metadata.
        let file = doc(&["正文"], &[("dcterms:created", "2024-01-10T01:00:00Z")]);
        assert_eq!(
            extract(&file, Some(2023)),
            Some(Published { on: d(2024, 1, 10), source: DateSource::DocumentMetadata })
        );
    }

    #[test]
    fn implausible_dates_are_not_taken() {
        // A file rebuilt years later, a date inside the statistics year, the 统计期限 sentence.
        let late_file = doc(
            &["本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。"],
            &[("CreationDate", "2026-11-26T20:40:42Z")],
        );
        assert_eq!(extract(&late_file, Some(2021)), None);
        let early = doc(&["2021年12月31日"], &[]);
        assert_eq!(extract(&early, Some(2021)), None);
        assert_eq!(extract(&doc(&["2022年1月5日"], &[]), None), None, "no year, no deadline");
        // A dated sentence at the end is not a signature.
        let sentence = doc(&["截至2022年1月5日，共收到申请12件"], &[]);
        assert_eq!(extract(&sentence, Some(2021)), None);
    }
}
