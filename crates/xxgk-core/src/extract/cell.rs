//! The one place that decides a cell's state, value and unit.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::report::State;

/// Marks that mean "not applicable" when they are a cell's whole content.
const NA_MARKS: &[&str] =
    &["无", "空", "N/A", "n/a", "NA", "不适用", "—", "-", "–", "─", "/", "\\", "——", "--", "…", "...", "×", "_"];

/// Units a value cell may print after its number (7142.40万元, 2笔, 3项).
const UNITS: &str = "万元|亿元|元|件|个|项|条|笔|宗|起|份|户|家|次|人次|人";

/// Digits as a table prints a whole number: no leading zero unless it is `0` itself (`02`
/// is a figure and the next one, or an item number, run together).
pub(crate) fn printed_whole(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
}

/// Classify a printed cell: its state, numeric value and unit.
///
/// `7142.40万元` → number 7142.40, unit 万元; `` → blank; `/`, `—`, `无` → n.a.;
/// anything else → text. Full-width digits, `,`/`，` thousands separators and
/// surrounding spaces are normalised first. A number too large for a float is text, and so
/// is a cell of figures separated by spaces (`6 0`: see [`has_spaced_digits`]).
pub fn classify(raw: &str) -> (State, Option<f64>, Option<String>) {
    // Printable ASCII (the usual number cell) has no space: only other text is looked at.
    if !printable_ascii(raw) && has_spaced_digits(raw) {
        return (State::Text, None, None);
    }
    let t = normalised(raw);
    let (state, value, unit) = classify_normalised(&t);
    (state, value, unit.map(str::to_string))
}

/// Classify a cell and tell whether it is value-like ([`is_value_like`]) with one
/// normalisation: (state, whether it is a value cell).
pub fn state_and_value_like(raw: &str) -> (State, bool) {
    if !printable_ascii(raw) && has_spaced_digits(raw) {
        return SEVERAL_FIGURES;
    }
    state_and_value_like_normalised(&normalised(raw))
}

/// What [`state_and_value_like`] says of a cell with [`has_spaced_digits`]: text (no one
/// number), but a value cell, never a row label.
pub const SEVERAL_FIGURES: (State, bool) = (State::Text, true);

/// Does a printed cell hold digits on both sides of a space (`6 0`, `3001 53`, `１ ２`)?
/// That is two figures run together — conversions that merge neighbouring table cells
/// print them so — and never one number: thousands are separated by commas, not spaces.
/// Reading `6 0` as 60 would be a wrong number that looks right. A line break is no
/// space here: a long number wraps in a narrow cell.
pub fn has_spaced_digits(raw: &str) -> bool {
    let b = raw.as_bytes();
    let (mut after_digit, mut spaced) = (false, false);
    let mut i = 0;
    while i < b.len() {
        // Ideographs (U+4000–U+9FFF, led by E4–E9), the bulk of a label, are neither digit
        // nor space: told by their first byte, not decoded.
        let c = match b[i] {
            0xe4..=0xe9 => {
                (after_digit, spaced) = (false, false);
                i += 3;
                continue;
            }
            0x00..=0x7f => char::from(b[i]),
            _ => raw[i..].chars().next().unwrap_or('\u{fffd}'),
        };
        i += c.len_utf8();
        // A line break inside a cell is a number wrapped in a narrow column (`5949.08` /
        // `8667`): its digits join, as they always have.
        if c == '\n' || c == '\r' {
            continue;
        }
        if c.is_whitespace() {
            spaced |= after_digit;
            continue;
        }
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if digit && spaced {
            return true;
        }
        (after_digit, spaced) = (digit, false);
    }
    false
}

/// The figures of a cell that holds several ([`has_spaced_digits`]): its parts between
/// spaces, when each is a number or an n.a. mark (`3001 53` → 3001, 53; `0 0 /` → 0, 0,
/// /). `None` for any other cell.
pub fn split_figures(raw: &str) -> Option<Vec<&str>> {
    if !has_spaced_digits(raw) {
        return None;
    }
    let parts: Vec<&str> = raw.split_whitespace().collect();
    parts.iter().all(|p| matches!(classify(p).0, State::Number | State::Na)).then_some(parts)
}

/// [`state_and_value_like`] of a cell already normalised ([`crate::normalize::norm`]).
pub fn state_and_value_like_normalised(t: &str) -> (State, bool) {
    let state = classify_normalised(t).0;
    (state, state != State::Text || numeric_looking(t))
}

/// [`crate::normalize::norm`] of a cell, borrowed when it changes nothing (printable
/// ASCII without spaces, the usual number cell).
fn normalised(raw: &str) -> Cow<'_, str> {
    if printable_ascii(raw) {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(crate::normalize::norm(raw))
    }
}

/// Is the cell printable ASCII without spaces (a plain number, usually)?
#[inline]
fn printable_ascii(raw: &str) -> bool {
    raw.bytes().all(|b| b.is_ascii_graphic())
}

/// [`classify`] of a cell already normalised; the unit borrowed from [`UNIT_LIST`].
fn classify_normalised(t: &str) -> (State, Option<f64>, Option<&'static str>) {
    // The usual cell: a whole number of ASCII digits, which the long way below reads as
    // this same number (no n.a. mark or unit has a digit; 15 digits are exact in a float).
    if let Some(v) = plain_integer(t) {
        return (State::Number, Some(v), None);
    }
    classify_long(t)
}

/// [`classify_normalised`] without its shortcut for plain integers.
fn classify_long(t: &str) -> (State, Option<f64>, Option<&'static str>) {
    if t.is_empty() {
        return (State::Blank, None, None);
    }
    if NA_MARKS.contains(&t) || t.chars().all(|c| matches!(c, '-' | '—' | '–' | '─' | '/' | '\\' | '_' | '－')) {
        return (State::Na, None, None);
    }
    let digits = strip_thousands(t);
    if let Some((number, unit)) = number_and_unit(&digits) {
        if let Ok(v) = number.parse::<f64>() {
            // The digits (and point) after the sign, at most 18 of them.
            let magnitude = number.len() - usize::from(number.starts_with(['+', '-']));
            if v.is_finite() && magnitude <= 18 {
                let v = if v == 0.0 { 0.0 } else { v };
                return (State::Number, Some(v), unit);
            }
        }
    }
    (State::Text, None, None)
}

/// `t` as a number when it is 1 to 15 ASCII digits and nothing else.
#[inline]
fn plain_integer(t: &str) -> Option<f64> {
    let b = t.as_bytes();
    if b.is_empty() || b.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + u64::from(d);
    }
    Some(n as f64)
}

/// The units of [`UNITS`], one by one.
const UNIT_LIST: &[&str] =
    &["万元", "亿元", "元", "件", "个", "项", "条", "笔", "宗", "起", "份", "户", "家", "次", "人次", "人"];

/// `^([+-]?)(\d+(?:\.\d+)?)(UNITS)?$` by hand: the signed number and the unit. ASCII digits
/// only: a string the pattern matches with other decimal digits is no number Rust parses
/// (and so text either way).
fn number_and_unit(t: &str) -> Option<(&str, Option<&'static str>)> {
    let b = t.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int = digits(i);
    if int == 0 {
        return None;
    }
    i += int;
    if b.get(i) == Some(&b'.') {
        let frac = digits(i + 1);
        if frac > 0 {
            i += 1 + frac;
        }
    }
    let rest = &t[i..];
    if rest.is_empty() {
        return Some((&t[..i], None));
    }
    let unit = UNIT_LIST.iter().find(|u| **u == rest)?;
    Some((&t[..i], Some(unit)))
}

/// Remove `,` thousands separators when they sit between digit groups of three.
fn strip_thousands(t: &str) -> Cow<'_, str> {
    if !t.contains(',') {
        return Cow::Borrowed(t);
    }
    let int_part = t.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.trim_start_matches(['+', '-']).split(',').collect();
    let well_formed = groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if well_formed {
        Cow::Owned(t.replace(',', ""))
    } else {
        Cow::Borrowed(t)
    }
}

static NUMERIC_LOOKING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[+-]?\d[\d.,]*({UNITS}|%)?$")).expect("valid regex"));

/// A figure printed with a word or brackets around it (减3, 增加2件, 约5, (3)): text, no
/// number, but a value cell (kept as a text-state value, never a row's label).
fn decorated_figure(t: &str) -> bool {
    const BEFORE: [&str; 8] = ["增加", "减少", "新增", "净增", "净减", "增", "减", "约"];
    // Most text (every label) fails on its first character.
    if !matches!(t.chars().next(), Some('增' | '减' | '新' | '净' | '约' | '(')) {
        return false;
    }
    let inner = BEFORE.iter().find_map(|w| t.strip_prefix(w)).unwrap_or(t);
    let inner = inner.strip_prefix('(').and_then(|i| i.strip_suffix(')')).unwrap_or(inner);
    inner.len() < t.len() && !inner.is_empty() && plain_numeric_looking(inner)
}

/// `NUMERIC_LOOKING` on a normalised cell, or a figure with a word or brackets around it
/// ([`decorated_figure`]).
fn numeric_looking(t: &str) -> bool {
    plain_numeric_looking(t) || decorated_figure(t)
}

/// `NUMERIC_LOOKING` on a normalised cell: by hand for ASCII digits, through the regex
/// when the cell holds other characters that may be digits.
fn plain_numeric_looking(t: &str) -> bool {
    let b = t.as_bytes();
    let start = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    if b.get(start).is_some_and(u8::is_ascii_digit) {
        let run = b[start..].iter().take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b',').count();
        let rest = &t[start + run..];
        if rest.is_empty() || rest == "%" || UNIT_LIST.contains(&rest) {
            return true;
        }
    }
    // Decimal digits other than ASCII (\d is Unicode): the pattern decides. A cell of
    // ASCII and the ideographs U+4000–U+9FFF (led by E4–E9), which have no digit, is
    // told by its bytes (the usual label).
    let other = b.iter().fold(false, |o, &x| o | (x >= 0xc0 && !(0xe4..=0xe9).contains(&x)));
    if other && t.chars().any(crate::normalize::may_be_digit) {
        return NUMERIC_LOOKING.is_match(t);
    }
    false
}

/// Is this cell a value cell (number, blank or n.a.) rather than a label? A cell made
/// of digits counts as a value even when it is no usable number (400 digits), so that
/// it is kept as a text-state value and never taken for a row label.
pub fn is_value_like(raw: &str) -> bool {
    state_and_value_like(raw).1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_integers_read_as_the_long_way_reads_them() {
        let cases = [
            "0",
            "7",
            "00",
            "007",
            "15",
            "123456789012345",
            "1234567890123456",
            "999999999999999",
            "-3",
            "+3",
            "3.0",
            "1,234",
            "12件",
            "",
            "a1",
            "1a",
            "٣",
            "１２",
        ];
        for t in cases {
            assert_eq!(classify_normalised(t), classify_long(t), "{t:?}");
            assert_eq!(state_and_value_like_normalised(t).0, classify_long(t).0, "{t:?}");
        }
        assert_eq!(plain_integer("123456789012345"), Some(123456789012345.0));
        assert_eq!(plain_integer("1234567890123456"), None);
    }

    /// Figures separated by spaces: text, but a value cell.
    static SPACED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[0-9０-９]\s*[^\S\r\n]\s*[0-9０-９]").expect("valid regex"));

    /// The classification as it was written with regexes, for comparison.
    fn classify_by_regex(raw: &str) -> (State, Option<f64>, Option<String>) {
        static NUMBER: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(&format!(r"^([+-]?)(\d+(?:\.\d+)?)({UNITS})?$")).expect("valid regex"));
        if SPACED.is_match(raw) {
            return (State::Text, None, None);
        }
        let t = crate::normalize::norm(raw);
        if t.is_empty() {
            return (State::Blank, None, None);
        }
        if NA_MARKS.contains(&t.as_str()) || t.chars().all(|c| "-—–─/\\_－".contains(c)) {
            return (State::Na, None, None);
        }
        let digits = strip_thousands(&t);
        if let Some(m) = NUMBER.captures(&digits) {
            let text = format!("{}{}", &m[1], &m[2]);
            if let Ok(v) = text.parse::<f64>() {
                if v.is_finite() && m[2].len() <= 18 {
                    let v = if v == 0.0 { 0.0 } else { v };
                    return (State::Number, Some(v), m.get(3).map(|u| u.as_str().to_string()));
                }
            }
        }
        (State::Text, None, None)
    }

    #[test]
    fn hand_scanning_is_the_regexes() {
        let parts = [
            "",
            "0",
            "1",
            "12",
            "-",
            "+",
            ".",
            ",",
            "1,234",
            "12,34",
            "1.5",
            "1.",
            ".5",
            "007",
            "万元",
            "元",
            "人次",
            "人",
            "%",
            "１２",
            "，",
            " ",
            "\u{3000}",
            "\u{a0}",
            "١٢",
            "٣",
            "a",
            "无",
            "/",
            "—",
            "－",
            "e5",
            "1e5",
            "inf",
            "NaN",
            "9999999999999999999",
            "123456789012345678",
            "12345678901234567.8",
            "（",
            "）",
            "x",
            "项",
            "次",
            "9.9.9",
        ];
        let mut cases: Vec<String> = Vec::new();
        for a in parts {
            for b in parts {
                for c in ["", "1", "元", ",000", ".0", "%", " ", " 3", "\u{3000}０", "\n4", "\n 5"] {
                    cases.push(format!("{a}{b}{c}"));
                }
            }
        }
        cases.push("9".repeat(400));
        for raw in &cases {
            let mine = classify(raw);
            let theirs = classify_by_regex(raw);
            assert_eq!(format!("{mine:?}"), format!("{theirs:?}"), "{raw:?}");
            let looks = SPACED.is_match(raw)
                || !matches!(theirs.0, State::Text)
                || NUMERIC_LOOKING.is_match(&crate::normalize::norm(raw));
            assert_eq!(is_value_like(raw), looks, "{raw:?}");
        }
    }

    #[test]
    fn states() {
        assert_eq!(classify("15"), (State::Number, Some(15.0), None));
        assert_eq!(classify("-14"), (State::Number, Some(-14.0), None));
        assert_eq!(classify("7142.40万元"), (State::Number, Some(7142.40), Some("万元".into())));
        assert_eq!(classify("75394432.52元"), (State::Number, Some(75394432.52), Some("元".into())));
        assert_eq!(classify("\u{a0}0\u{a0}\u{a0}"), (State::Number, Some(0.0), None));
        assert_eq!(classify("１２"), (State::Number, Some(12.0), None));
        assert_eq!(classify("1,234"), (State::Number, Some(1234.0), None));
        assert_eq!(classify("1，234"), (State::Number, Some(1234.0), None));
        assert_eq!(classify(""), (State::Blank, None, None));
        assert_eq!(classify("\u{3000}"), (State::Blank, None, None));
        for na in ["/", "-", "—", "－", "无", "——"] {
            assert_eq!(classify(na).0, State::Na, "{na}");
        }
        assert_eq!(classify("见附件").0, State::Text);
        assert_eq!(classify(&"9".repeat(400)).0, State::Text);
        assert_eq!(classify("1,2").0, State::Text);
        assert_eq!(classify("2笔"), (State::Number, Some(2.0), Some("笔".into())));
        assert!(is_value_like("3项") && is_value_like("5个") && is_value_like("12.5%"));
        assert!(!is_value_like("1.属于国家秘密") && !is_value_like("-3-") && !is_value_like("第二十条"));
    }

    /// A figure with a word or brackets around it, as 本年增/减 is sometimes filled (减3,
    /// 增加2件) or a figure in brackets: a value cell of state text, no number, so the row
    /// keeps its label and its other figures. Labels stay labels.
    #[test]
    fn decorated_figures_are_text_values() {
        for raw in ["减3", "增2", "增加2件", "减少1", "新增5个", "约3", "（3）", "(12)", "增（3）"] {
            assert_eq!(classify(raw), (State::Text, None, None), "{raw:?}");
            assert!(is_value_like(raw), "{raw:?}");
        }
        for raw in
            ["减", "增加", "()", "（一）", "(三)予以公开", "1.信访举报投诉类申请", "减少3处", "约三件", "增强公开"]
        {
            assert!(!is_value_like(raw), "{raw:?}");
        }
    }

    /// Two cells run together by a conversion (`6 0`) are never read as one number (60).
    #[test]
    fn figures_separated_by_spaces_are_no_one_number() {
        for raw in ["6 0", "3001 53", " 0\u{a0}0 ", "１ ２", "1\t2", "1 \n2"] {
            assert_eq!(classify(raw), (State::Text, None, None), "{raw:?}");
            assert!(is_value_like(raw), "{raw:?} is a value cell, not a label");
        }
        assert_eq!(split_figures("3001 53"), Some(vec!["3001", "53"]));
        assert_eq!(split_figures(" 0  0 / "), Some(vec!["0", "0", "/"]));
        assert_eq!(split_figures("１２ ３"), Some(vec!["１２", "３"]));
        // A number wrapped in its cell is one number.
        assert_eq!(classify("5949.08\n8667"), (State::Number, Some(5949.088667), None));
        assert_eq!(split_figures("7539443\n2.52元"), None);
        // A number and its unit, a page mark, a label: one cell each, as before.
        assert_eq!(classify("7142.40 万元"), (State::Number, Some(7142.40), Some("万元".into())));
        for raw in ["7142.40 万元", "- 3 -", "2020 年 共 5", "15"] {
            assert_eq!(split_figures(raw), None, "{raw:?}");
        }
    }
}
