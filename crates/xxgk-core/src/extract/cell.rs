//! The one place that decides a cell's state, value and unit.

use std::sync::LazyLock;

use regex::Regex;

use crate::report::State;

/// Marks that mean "not applicable" when they are a cell's whole content.
const NA_MARKS: &[&str] =
    &["无", "空", "N/A", "n/a", "NA", "不适用", "—", "-", "–", "─", "/", "\\", "——", "--", "…", "...", "×", "_"];

/// Units a value cell may print after its number (7142.40万元, 2笔, 3项).
const UNITS: &str = "万元|亿元|元|件|个|项|条|笔|宗|起|份|户|家|次|人次|人";

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^([+-]?)(\d+(?:\.\d+)?)({UNITS})?$")).expect("valid regex"));

/// Classify a printed cell: its state, numeric value and unit.
///
/// `7142.40万元` → number 7142.40, unit 万元; `` → blank; `/`, `—`, `无` → n.a.;
/// anything else → text. Full-width digits, `,`/`，` thousands separators and
/// surrounding spaces are normalised first. A number too large for a float is text.
pub fn classify(raw: &str) -> (State, Option<f64>, Option<String>) {
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

/// Remove `,` thousands separators when they sit between digit groups of three.
fn strip_thousands(t: &str) -> String {
    if !t.contains(',') {
        return t.to_string();
    }
    let int_part = t.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.trim_start_matches(['+', '-']).split(',').collect();
    let well_formed = groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if well_formed {
        t.replace(',', "")
    } else {
        t.to_string()
    }
}

static NUMERIC_LOOKING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[+-]?\d[\d.,]*({UNITS}|%)?$")).expect("valid regex"));

/// Is this cell a value cell (number, blank or n.a.) rather than a label? A cell made
/// of digits counts as a value even when it is no usable number (400 digits), so that
/// it is kept as a text-state value and never taken for a row label.
pub fn is_value_like(raw: &str) -> bool {
    if !matches!(classify(raw).0, State::Text) {
        return true;
    }
    NUMERIC_LOOKING.is_match(&crate::normalize::norm(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
