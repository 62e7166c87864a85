//! Narrative claims: figures the prose states that restate table values, and the changes
//! against last year it states (共收到政府信息公开申请15件，较上年上升25%).

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::norm;
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

impl Phrase {
    fn may_match(&self, s: &str) -> bool {
        self.needs.iter().all(|any| any.iter().any(|w| s.contains(w)))
    }
}

/// The verbs of receiving an application.
const RECEIVED: &[&str] = &["收到", "受理", "接收", "接到", "新收"];

/// Ordered: where two patterns match at the same place, the first listed wins.
const PHRASES: &[Phrase] = &[
    Phrase {
        subject: "applications.new_received.total",
        pattern: r"(?:共|累计|全年|本年度?)?(?:收到|受理|接收|接到|新收)[^,。;，；]{0,16}?申请(?:共计|共|合计)?(\d+)(?:件|条|个|次)",
        needs: &[RECEIVED, &["申请"], &["件", "条", "个", "次"]],
    },
    Phrase {
        subject: "applications.new_received.total",
        pattern: r"(?:共|累计)?(?:收到|受理|接收|接到|新收)(\d+)(?:件|条)[^,。;，；]{0,10}?申请",
        needs: &[RECEIVED, &["件", "条"], &["申请"]],
    },
    Phrase {
        subject: "applications.granted_or_partial.total",
        pattern: r"(?:予以公开|同意公开)(?:及|和|或)部分公开(?:的)?(\d+)件",
        needs: &[&["部分公开"], &["件"], &["予以公开", "同意公开"]],
    },
    Phrase {
        subject: "applications.partial.total",
        pattern: r"(?:同意|予以)?部分公开(?:的)?(\d+)件",
        needs: &[&["部分公开"], &["件"]],
    },
    Phrase {
        subject: "applications.granted.total",
        pattern: r"(?:同意公开|予以公开)(?:的)?(\d+)件",
        needs: &[&["同意公开", "予以公开"], &["件"]],
    },
    Phrase {
        subject: "applications.deny.total", pattern: r"不予公开(?:的)?(\d+)件", needs: &[&["不予公开"], &["件"]]
    },
    Phrase {
        subject: "applications.unable.total",
        pattern: r"无法提供(?:的)?(\d+)件",
        needs: &[&["无法提供"], &["件"]],
    },
    Phrase {
        subject: "applications.noproc.total",
        pattern: r"不予处理(?:的)?(\d+)件",
        needs: &[&["不予处理"], &["件"]],
    },
    Phrase {
        subject: "applications.carry_forward.total",
        pattern: r"(\d+)件(?:申请)?结转(?:至)?下(?:一)?年度?",
        needs: &[&["件"], &["结转"]],
    },
    Phrase {
        subject: "appeals.review.total",
        pattern: r"行政复议(?:案件|申请)?(?:共)?(\d+)(?:件|起)",
        needs: &[&["行政复议"], &["件", "起"]],
    },
    Phrase {
        subject: "appeals.suits.total",
        pattern: r"行政诉讼(?:案件)?(?:共)?(\d+)(?:件|起)",
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

static COMPILED: LazyLock<Vec<(&'static Phrase, Regex)>> =
    LazyLock::new(|| PHRASES.iter().map(|p| (p, Regex::new(p.pattern).expect("valid claim regex"))).collect());
static ZERO: LazyLock<Vec<(&'static Phrase, Regex)>> =
    LazyLock::new(|| ZERO_PHRASES.iter().map(|p| (p, Regex::new(p.pattern).expect("valid claim regex"))).collect());
/// A stated change: direction word, number, and % or 件.
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:较|比|同比|与)(?:上年|去年|上一年|2\d{3}年)?(?:同期)?(?:相比)?(?:度)?(?:,)?(上升|增长|增加|提高|提升|上涨|下降|减少|回落|降低|下滑)(?:了)?(\d+(?:\.\d+)?)(%|件|个百分点)?|(?:与上年|与去年|同比)?(持平)")
        .expect("valid change regex")
});

/// Read the claims of the prose paragraphs.
pub fn extract<'a>(paragraphs: impl Iterator<Item = &'a str>) -> Vec<Claim> {
    let mut claims = Vec::new();
    for p in paragraphs {
        let text = norm(p);
        for sentence in text.split(['。', ';', '；', '!', '?']) {
            claims.extend(sentence_claims(sentence));
        }
    }
    claims
}

fn sentence_claims(s: &str) -> Vec<Claim> {
    // (start, end, subject, value)
    let mut found: Vec<(usize, usize, &'static str, Option<f64>)> = Vec::new();
    // Every figure phrase holds a number (a decimal digit, which is numeric). ASCII digits
    // are looked for without an early exit, which the compiler vectorises.
    let has_number =
        s.bytes().fold(false, |any, b| any | b.is_ascii_digit()) || s.chars().any(crate::normalize::may_be_digit);
    for (phrase, re) in COMPILED.iter() {
        if !has_number || !phrase.may_match(s) {
            continue;
        }
        let subject = phrase.subject;
        for m in re.captures_iter(s) {
            let whole = m.get(0).expect("group 0");
            if found.iter().any(|f| whole.start() < f.1 && f.0 < whole.end()) {
                continue;
            }
            let value = m.get(1).and_then(|v| v.as_str().parse::<f64>().ok());
            found.push((whole.start(), whole.end(), subject, value));
        }
    }
    for (phrase, re) in ZERO.iter() {
        if !phrase.may_match(s) {
            continue;
        }
        let subject = phrase.subject;
        if let Some(m) = re.find(s) {
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
        // A change stated right after the figure (within a few characters), before the next figure.
        if let Some(c) = CHANGE.captures(tail).filter(|c| c.get(0).is_some_and(|m| m.start() <= 24)) {
            let whole = c.get(0).expect("group 0");
            claim.text.push_str(&tail[..whole.end()]);
            if c.get(4).is_some() {
                claim.change_pct = Some(0.0);
            } else {
                let sign =
                    if matches!(&c[1], "下降" | "减少" | "回落" | "降低" | "下滑") { -1.0 } else { 1.0 };
                let n: f64 = c[2].parse().unwrap_or(0.0);
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
    fn seed_sentences() {
        let claims = extract(
            [
                "2020年，淄博市公安局共收到政府信息公开申请15件，较上年上升25%，全部按时办结。",
                "其中，同意公开2件，同意部分公开1件，无法提供12件（本机关不掌握相关政府信息）。",
            ]
            .into_iter(),
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
    fn decline_and_zero() {
        let c = extract(["共受理政府信息公开申请859件，申请数量较去年回落12.3%。"].into_iter());
        assert_eq!(c[0].change_pct, Some(-12.3));
        assert_eq!(c[0].implied_previous, Some(979.48));
        let c = extract(["本年度未收到政府信息公开申请。"].into_iter());
        assert_eq!((c[0].subject.as_str(), c[0].value), ("applications.new_received.total", Some(0.0)));
        // A negation of corrections is not a count of cases.
        assert!(extract(["本年度未发生因政府信息公开被行政复议纠错的情况。"].into_iter()).is_empty());
        let c = extract(["本年度未发生行政复议。"].into_iter());
        assert_eq!((c[0].subject.as_str(), c[0].value), ("appeals.review.total", Some(0.0)));
    }
}
