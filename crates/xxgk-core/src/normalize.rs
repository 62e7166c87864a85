//! Text normalisation shared by every matcher: NFKC, then whitespace removed.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalise `s` and drop all whitespace (including U+00A0 and U+3000).
///
/// Labels are compared in this form: full-width brackets become ASCII, `１．` becomes
/// `1.`, and the spaces and line breaks that PDF wrapping and Word export put inside
/// labels disappear.
pub fn norm(s: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    // Most text is already NFKC (plain CJK, ASCII): skip the full normalisation then.
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return s.chars().filter(|c| !c.is_whitespace()).collect();
    }
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Does the normalised text `hay` contain any of the patterns? Patterns must already be
/// in normalised form (the template's tables are; a test checks it).
pub fn contains_any(hay: &str, patterns: &[&str]) -> bool {
    patterns.iter().any(|p| hay.contains(p))
}

/// Strip a leading item number: `1.`, `1、`, `(一)`, `一、`, `三、` and the like.
pub fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start();
    // (一) / (1)
    if let Some(rest) = t.strip_prefix('(') {
        if let Some(close) = rest.find(')') {
            let inner = &rest[..close];
            if !inner.is_empty() && inner.chars().all(is_numeral) {
                return &rest[close + 1..];
            }
        }
    }
    let digits: usize = t.chars().take_while(|c| is_numeral(*c)).map(char::len_utf8).sum();
    if digits > 0 {
        let rest = &t[digits..];
        for sep in ['.', '、', ',', ':', ')'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    t
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

/// The group marker `(一)`…`(七)` a normalised label starts with, as the numeral.
pub fn group_marker(s: &str) -> Option<char> {
    let rest = s.strip_prefix('(')?;
    let mut chars = rest.chars();
    let c = chars.next()?;
    ("一二三四五六七".contains(c) && chars.next() == Some(')')).then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_width_and_space() {
        assert_eq!(norm("（一）予以 公开\n"), "(一)予以公开");
        assert_eq!(norm("１．属于\u{3000}国家秘密"), "1.属于国家秘密");
    }

    #[test]
    fn numbering_is_stripped() {
        assert_eq!(strip_numbering("3.其他"), "其他");
        assert_eq!(strip_numbering("3、其他"), "其他");
        assert_eq!(strip_numbering("(六)其他处理"), "其他处理");
        assert_eq!(strip_numbering("三、本年度办理结果"), "本年度办理结果");
        assert_eq!(strip_numbering("其他"), "其他");
        assert_eq!(group_marker("(六)其他处理"), Some('六'));
        assert_eq!(group_marker("1.其他"), None);
    }
}
