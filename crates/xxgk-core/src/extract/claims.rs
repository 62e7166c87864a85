//! Narrative claims: figures the prose states that restate table values, and the changes
//! against last year it states (共收到政府信息公开申请15件，较上年上升25%).

use std::sync::LazyLock;

use regex::Regex;

use super::figures::{parse_number, JOINT_APPEALS};
use crate::normalize::{norm_into, WordSet};
use crate::report::Claim;

/// A phrase that states a figure: the subject it restates and the pattern whose first
/// group is the number. Subjects are `tbl.row.col`, or derived sums
/// (`applications.unable.total` = the sum of the `unable_*` rows; see [`crate::checks`]).
struct Phrase {
    subject: &'static str,
    pattern: &'static str,
    /// Words the pattern cannot match without: one of each list (a sentence without them
    /// is not searched).
    needs: &'static [&'static [&'static str]],
}

/// A phrase ready to search: its pattern compiled, and its lists of needed words as
/// masks of [`WORDS`] bits.
struct Compiled {
    phrase: &'static Phrase,
    re: Regex,
    needs: Vec<u64>,
}

impl Compiled {
    fn new(phrase: &'static Phrase, words: &WordSet) -> Compiled {
        let needs = phrase.needs.iter().map(|any| any.iter().fold(0, |m, w| m | words.bit(w))).collect();
        Compiled { phrase, re: Regex::new(phrase.pattern).expect("valid claim regex"), needs }
    }

    /// Does a sentence holding the words of `present` (a [`WordSet::present`] mask) have
    /// one of each of this phrase's lists?
    fn may_match(&self, present: u64) -> bool {
        self.needs.iter().all(|m| present & m != 0)
    }
}

/// Every word a phrase needs, found in a sentence in one pass.
static WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = Vec::new();
    for p in PHRASES.iter().chain(ZERO_PHRASES) {
        for w in p.needs.iter().flat_map(|any| any.iter()) {
            if !words.contains(w) {
                words.push(w);
            }
        }
    }
    WordSet::new(words)
});

/// The verbs of receiving an application.
const RECEIVED: &[&str] = &["收到", "受理", "接收", "接到", "新收"];

/// Ordered: where two patterns match at the same place, the first listed wins.
const PHRASES: &[Phrase] = &[
    Phrase {
        subject: "applications.new_received.total",
        pattern: r"(?:共|累计|全年|本年度?)?(?:收到|受理|接收|接到|新收)[^,。;，；]{0,16}?申请(?:数量|总数|数)?(?:共计|共|合计)?(?:为|达)?(\d{1,3}(?:,\d{3})+|\d+)(?:件|条|个|次)",
        needs: &[RECEIVED, &["申请"], &["件", "条", "个", "次"]],
    },
    Phrase {
        subject: "applications.new_received.total",
        pattern: r"(?:共|累计)?(?:收到|受理|接收|接到|新收)(\d{1,3}(?:,\d{3})+|\d+)(?:件|条)[^,。;，；]{0,10}?申请",
        needs: &[RECEIVED, &["件", "条"], &["申请"]],
    },
    Phrase {
        subject: "applications.granted_or_partial.total",
        pattern: r"(?:予以公开|同意公开)(?:及|和|或)部分公开(?:的)?(\d{1,3}(?:,\d{3})+|\d+)件",
        needs: &[&["部分公开"], &["件"], &["予以公开", "同意公开"]],
    },
    Phrase {
        subject: "applications.partial.total",
        pattern: r"(?:同意|予以)?部分公开(?:的)?(\d{1,3}(?:,\d{3})+|\d+)件",
        needs: &[&["部分公开"], &["件"]],
    },
    Phrase {
        subject: "applications.granted.total",
        pattern: r"(?:同意公开|予以公开)(?:的)?(\d{1,3}(?:,\d{3})+|\d+)件",
        needs: &[&["同意公开", "予以公开"], &["件"]],
    },
    Phrase {
        subject: "applications.deny.total",
        pattern: r"不予公开(?:的)?(\d{1,3}(?:,\d{3})+|\d+)件",
        needs: &[&["不予公开"], &["件"]],
    },
    Phrase {
        subject: "applications.unable.total",
        pattern: r"无法提供(?:的)?(\d{1,3}(?:,\d{3})+|\d+)件",
        needs: &[&["无法提供"], &["件"]],
    },
    Phrase {
        subject: "applications.noproc.total",
        pattern: r"不予处理(?:的)?(\d{1,3}(?:,\d{3})+|\d+)件",
        needs: &[&["不予处理"], &["件"]],
    },
    Phrase {
        subject: "applications.carry_forward.total",
        pattern: r"(\d{1,3}(?:,\d{3})+|\d+)件(?:申请)?结转(?:至)?下(?:一)?年度?",
        needs: &[&["件"], &["结转"]],
    },
    Phrase {
        subject: "appeals.review.total",
        pattern: r"行政复议(?:案件|申请)?(?:共)?(\d{1,3}(?:,\d{3})+|\d+)(?:件|起)",
        needs: &[&["行政复议"], &["件", "起"]],
    },
    Phrase {
        subject: "appeals.suits.total",
        pattern: r"行政诉讼(?:案件)?(?:共)?(\d{1,3}(?:,\d{3})+|\d+)(?:件|起)",
        needs: &[&["行政诉讼"], &["件", "起"]],
    },
];

/// Zero phrasings: no number, the figure is 0.
const ZERO_PHRASES: &[Phrase] = &[
    Phrase {
        subject: "applications.new_received.total",
        pattern: r"未(?:收到|受理|接到)(?:任何)?(?:政府)?信息公开申请",
        needs: &[&["未"], &["信息公开申请"]],
    },
    Phrase {
        subject: "appeals.review.total",
        pattern: r"未(?:发生|出现|收到)[^,。;，；]{0,12}?行政复议",
        needs: &[&["未"], &["行政复议"]],
    },
];

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| PHRASES.iter().map(|p| Compiled::new(p, &WORDS)).collect());
static ZERO: LazyLock<Vec<Compiled>> =
    LazyLock::new(|| ZERO_PHRASES.iter().map(|p| Compiled::new(p, &WORDS)).collect());
/// A stated change: direction word, number, and % or 件.
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:较|比|同比|与)(?:上年|去年|上一年|2\d{3}年)?(?:度)?(?:同期)?(?:的(?:\d{1,3}(?:,\d{3})+|\d+)件|[(（](?:\d{1,3}(?:,\d{3})+|\d+)件[)）])?(?:相比)?(?:度)?(?:,)?(上升|增长|增加|提高|提升|上涨|下降|减少|回落|降低|下滑)(?:了)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(%|件|个百分点)?|(?:与上年|与去年|同比)?(持平)")
        .expect("valid change regex")
});

/// Read the claims of the prose paragraphs of a report of `year`: a figure its clause says
/// is of an earlier year (去年, 2019年 in 2020's report) is none of its claims.
pub fn extract<'a>(paragraphs: impl Iterator<Item = &'a str>, year: Option<i32>) -> Vec<Claim> {
    let mut claims = Vec::new();
    // One buffer for every paragraph's normal form.
    let mut text = String::new();
    for p in paragraphs {
        text.clear();
        norm_into(p, &mut text);
        // A sentence holds no word its paragraph lacks (no word holds a sentence's end):
        // a paragraph no phrase may match is passed over whole.
        let present = WORDS.present(&text);
        if !COMPILED.iter().chain(ZERO.iter()).any(|c| c.may_match(present)) {
            continue;
        }
        for sentence in sentences(&text) {
            // A sentence that is the whole paragraph holds the paragraph's words.
            let present = if sentence.len() == text.len() { present } else { WORDS.present(sentence) };
            claims.extend(sentence_claims(sentence, present, year));
        }
    }
    claims
}

/// `text` split at 。 ; ； ! ? (as `str::split` with those characters would), the ends
/// found by byte search: 。 is E3 80 82 and ； is EF BC 9B.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    static FULL_STOP: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("。".as_bytes()));
    let b = text.as_bytes();
    // ； is rare (normalised text has ; instead): looked for only when a byte could lead it.
    let wide_semicolon = memchr::memchr(0xef, b).is_some();
    // The next end of each kind at or after the last search: (position, width), or
    // (len, 0) when there is none. A kind is searched again only once passed.
    let search = move |kind: usize, from: usize| -> (usize, usize) {
        let rest = &b[from..];
        let found = match kind {
            0 => memchr::memchr3(b';', b'!', b'?', rest).map(|i| (i, 1)),
            1 => FULL_STOP.find(rest).map(|i| (i, 3)),
            _ if wide_semicolon => memchr::memmem::find(rest, "；".as_bytes()).map(|i| (i, 3)),
            _ => None,
        };
        found.map_or((b.len(), 0), |(i, w)| (from + i, w))
    };
    let mut next = [search(0, 0), search(1, 0), search(2, 0)];
    let mut next_end = move |from: usize| -> Option<(usize, usize)> {
        for (kind, n) in next.iter_mut().enumerate() {
            if n.1 > 0 && n.0 < from {
                *n = search(kind, from);
            }
        }
        next.iter().filter(|n| n.1 > 0).min().copied()
    };
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        match next_end(from) {
            Some((end, width)) => {
                start = Some(end + width);
                Some(&text[from..end])
            }
            None => {
                start = None;
                Some(&text[from..])
            }
        }
    })
}

/// Does `s` hold a decimal digit (a numeric character)? ASCII digits are looked for
/// without an early exit, which the compiler vectorises. Other numeric characters are
/// looked for only when `s` has a character outside ASCII and the ideographs U+4000–U+9FFF
/// (led by E4–E9; that range has no numeric character).
fn has_number(s: &str) -> bool {
    let (digit, other) = s
        .bytes()
        .fold((false, false), |(d, o), b| (d | b.is_ascii_digit(), o | (b >= 0xc0 && !(0xe4..=0xe9).contains(&b))));
    digit || other && s.chars().any(crate::normalize::may_be_digit)
}

/// The claims of one sentence `s`, which holds the words of `present` ([`WordSet::present`]).
fn sentence_claims(s: &str, present: u64, year: Option<i32>) -> Vec<Claim> {
    // (start, end, subject, value)
    let mut found: Vec<(usize, usize, &'static str, Option<f64>)> = Vec::new();
    if present == 0 {
        return Vec::new();
    }
    // Every figure phrase holds a number (a decimal digit, which is numeric).
    let has_number = has_number(s);
    for c in COMPILED.iter() {
        if !has_number || !c.may_match(present) {
            continue;
        }
        let subject = c.phrase.subject;
        for m in c.re.captures_iter(s) {
            let whole = m.get(0).expect("group 0");
            if found.iter().any(|f| whole.start() < f.1 && f.0 < whole.end()) {
                continue;
            }
            // A number right after a digit (or a digit and a comma) is the tail of a longer
            // one no pattern reads (1234,567): no figure.
            if m.get(1).is_some_and(|v| super::continues_a_number(&s[..v.start()])) {
                continue;
            }
            if subject == "applications.new_received.total"
                && super::NOT_AN_INFORMATION_REQUEST.iter().any(|w| whole.as_str().contains(w))
            {
                continue;
            }
            // 行政复议、行政诉讼案件5件 counts both together: no figure of suits alone.
            if subject == "appeals.suits.total" && after_review_and(s, whole.start()) {
                continue;
            }
            let value = m.get(1).and_then(|v| parse_number(v.as_str()));
            found.push((whole.start(), whole.end(), subject, value));
        }
    }
    for c in ZERO.iter() {
        if !c.may_match(present) {
            continue;
        }
        let subject = c.phrase.subject;
        if let Some(m) = c.re.find(s) {
            // 未发生…被行政复议纠错: no case was corrected, which says nothing of how many
            // there were.
            let after = &s[m.end()..];
            if ["纠错", "纠正", "败诉", "撤销", "确认违法", "案件被"].iter().any(|w| after.starts_with(w))
            {
                continue;
            }
            if !found.iter().any(|f| f.2 == subject) {
                found.push((m.start(), m.end(), subject, Some(0.0)));
            }
        }
    }
    found.sort_by_key(|f| f.0);
    let mut out = Vec::new();
    for (i, &(start, end, subject, value)) in found.iter().enumerate() {
        // A figure its clause says is of an earlier year is not this report's.
        let clause_start = s[..start].rfind([',', '，']).map_or(0, |i| i + 1);
        if super::about_an_earlier_year(&s[clause_start..start], year) {
            continue;
        }
        let next = found.get(i + 1).map_or(s.len(), |f| f.0);
        let tail = &s[end..next.max(end)];
        let mut claim = Claim {
            text: s[start..end].to_string(),
            subject: subject.to_string(),
            value,
            change_pct: None,
            change_abs: None,
            implied_previous: None,
        };
        // A change stated right after the figure (within a few characters, after any
        // bracket that follows it: （其中网上申请10件）), before the next figure.
        let lead = bracket_len(tail);
        if let Some(c) = CHANGE.captures(&tail[lead..]).filter(|c| c.get(0).is_some_and(|m| m.start() <= 24)) {
            let whole = c.get(0).expect("group 0");
            claim.text.push_str(&tail[..lead + whole.end()]);
            if c.get(4).is_some() {
                claim.change_pct = Some(0.0);
            } else {
                let sign =
                    if matches!(&c[1], "下降" | "减少" | "回落" | "降低" | "下滑") { -1.0 } else { 1.0 };
                let n = parse_number(&c[2]).unwrap_or(0.0);
                match c.get(3).map(|m| m.as_str()) {
                    Some("%") => claim.change_pct = Some(sign * n),
                    Some("件") => claim.change_abs = Some(sign * n),
                    _ => {}
                }
            }
            claim.implied_previous = implied_previous(value, claim.change_pct, claim.change_abs);
        }
        out.push(claim);
    }
    out
}

/// Does the 行政诉讼 at byte `at` of `s` close a naming of both together (行政复议、行政诉讼,
/// 行政复议和行政诉讼: [`JOINT_APPEALS`])?
fn after_review_and(s: &str, at: usize) -> bool {
    let end = at + "行政诉讼".len();
    s.get(..end).is_some_and(|head| JOINT_APPEALS.find_iter(head).any(|j| j.end() == end))
}

/// The length of a bracketed aside `text` starts with (（…） or (…), closing bracket
/// included; 0 when it starts with none or the bracket is not closed.
fn bracket_len(text: &str) -> usize {
    let close = match text.chars().next() {
        Some('(') => ')',
        Some('（') => '）',
        _ => return 0,
    };
    text.find(close).map_or(0, |i| i + close.len_utf8())
}

/// The previous year's value a stated change implies (15 after +25% → 12), rounded to
/// two decimals.
pub fn implied_previous(value: Option<f64>, pct: Option<f64>, abs: Option<f64>) -> Option<f64> {
    let v = value?;
    let prev = match (pct, abs) {
        (Some(p), _) if p > -100.0 => v / (1.0 + p / 100.0),
        (_, Some(a)) => v - a,
        _ => return None,
    };
    Some((prev * 100.0).round() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_as_str_split_does() {
        for t in ["", "。", "a。b;c；d!e?f", "共15件。较上年上升25%", "；；", "x。", "信息。公开；申请!?", "ｘ；y"]
        {
            let expected: Vec<&str> = t.split(['。', ';', '；', '!', '?']).collect();
            assert_eq!(sentences(t).collect::<Vec<_>>(), expected, "{t}");
        }
    }

    #[test]
    fn seed_sentences() {
        let claims = extract(
            [
                "2020年，淄博市公安局共收到政府信息公开申请15件，较上年上升25%，全部按时办结。",
                "其中，同意公开2件，同意部分公开1件，无法提供12件（本机关不掌握相关政府信息）。",
            ]
            .into_iter(),
            Some(2020),
        );
        let by = |s: &str| claims.iter().find(|c| c.subject == s).unwrap_or_else(|| panic!("no {s}: {claims:?}"));
        let apps = by("applications.new_received.total");
        assert_eq!((apps.value, apps.change_pct, apps.implied_previous), (Some(15.0), Some(25.0), Some(12.0)));
        assert_eq!(by("applications.granted.total").value, Some(2.0));
        assert_eq!(by("applications.partial.total").value, Some(1.0));
        assert_eq!(by("applications.unable.total").value, Some(12.0));
        assert_eq!(claims.len(), 4);
    }

    #[test]
    fn figures_with_thousands_separators() {
        let c = extract(["全年共收到政府信息公开申请1,234件，较上年增加1,034件；同意公开1，000件。"].into_iter(), None);
        let got: Vec<_> = c.iter().map(|c| (c.subject.as_str(), c.value, c.change_abs)).collect();
        assert_eq!(
            got,
            [
                ("applications.new_received.total", Some(1234.0), Some(1034.0)),
                ("applications.granted.total", Some(1000.0), None)
            ]
        );
        assert_eq!(c[0].implied_previous, Some(200.0));
        // Digits before a comma that no group of three follows: not a figure.
        assert!(extract(["共收到申请1234,567件。"].into_iter(), None).is_empty());
    }

    #[test]
    fn figures_of_an_earlier_year_are_no_claims() {
        let claims =
            |p: &str| -> Vec<Option<f64>> { extract([p].into_iter(), Some(2020)).iter().map(|c| c.value).collect() };
        assert_eq!(
            claims("2019年共收到政府信息公开申请12件，2020年共收到政府信息公开申请15件，较上年上升25%。"),
            [Some(15.0)]
        );
        assert_eq!(claims("上年共收到政府信息公开申请12件。"), []);
        assert_eq!(claims("今年比去年多收到申请3件。"), []);
        // The year the report is of, or a later one, is no earlier year.
        assert_eq!(claims("截至2021年1月，2020年共收到政府信息公开申请15件。"), [Some(15.0)]);
        let c = extract(["2020年共收到政府信息公开申请15件，较上年上升25%。"].into_iter(), Some(2020));
        assert_eq!((c[0].value, c[0].change_pct), (Some(15.0), Some(25.0)));
    }

    #[test]
    fn changes_stated_after_an_aside_or_with_last_years_figure() {
        let first = |p: &str| {
            let c = extract([p].into_iter(), Some(2020));
            (c[0].value, c[0].change_pct, c[0].change_abs, c[0].implied_previous)
        };
        let up = (Some(15.0), Some(25.0), None, Some(12.0));
        assert_eq!(first("全年共收到政府信息公开申请15件，较2019年的12件增长25%。"), up);
        assert_eq!(first("今年共收到申请15件，较去年同期（12件）增长25%。"), up);
        assert_eq!(first("本年度新收政府信息公开申请数量为15件，较上一年度增长25%。"), up);
        assert_eq!(
            first("2020年收到政府信息公开申请15件（其中网上申请10件），较上年增加3件。"),
            (Some(15.0), None, Some(3.0), Some(12.0))
        );
    }

    #[test]
    fn applications_of_other_kinds_are_no_claim_of_information_requests() {
        for p in [
            "本年度收到行政复议申请1件。",
            "全年共收到群众来信来访申请3件。",
            "本年度接到政府信息公开相关咨询申请20件。",
            "全年收到申请人撤回申请2件。",
        ] {
            let claims = extract([p].into_iter(), Some(2020));
            assert!(claims.iter().all(|c| c.subject != "applications.new_received.total"), "{p}: {claims:?}");
        }
    }

    #[test]
    fn one_number_for_reviews_and_suits_together_is_no_claim_of_suits() {
        for p in ["全年共发生政府信息公开行政复议、行政诉讼案件5件。", "行政复议和行政诉讼案件3件。"]
        {
            assert!(extract([p].into_iter(), Some(2020)).is_empty(), "{p}");
        }
        let c = extract(["未发生行政复议，行政诉讼1件。"].into_iter(), Some(2020));
        let got: Vec<_> = c.iter().map(|c| (c.subject.as_str(), c.value)).collect();
        assert_eq!(got, [("appeals.review.total", Some(0.0)), ("appeals.suits.total", Some(1.0))]);
    }

    #[test]
    fn decline_and_zero() {
        let c = extract(["共受理政府信息公开申请859件，申请数量较去年回落12.3%。"].into_iter(), None);
        assert_eq!(c[0].change_pct, Some(-12.3));
        assert_eq!(c[0].implied_previous, Some(979.48));
        let c = extract(["本年度未收到政府信息公开申请。"].into_iter(), None);
        assert_eq!((c[0].subject.as_str(), c[0].value), ("applications.new_received.total", Some(0.0)));
        // A negation of corrections is not a count of cases.
        assert!(extract(["本年度未发生因政府信息公开被行政复议纠错的情况。"].into_iter(), None).is_empty());
        let c = extract(["本年度未发生行政复议。"].into_iter(), None);
        assert_eq!((c[0].subject.as_str(), c[0].value), ("appeals.review.total", Some(0.0)));
    }
}
