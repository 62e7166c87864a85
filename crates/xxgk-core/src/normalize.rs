//! Text normalisation shared by every matcher: NFKC, then whitespace removed.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalise `s` and drop all whitespace (including U+00A0 and U+3000).
///
/// Labels are compared in this form: full-width brackets become ASCII, `１．` becomes
/// `1.`, and the spaces and line breaks that PDF wrapping and Word export put inside
/// labels disappear.
pub fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    norm_into(s, &mut out);
    out
}

/// [`norm`] of `s`, appended to `out` (for callers that gather many texts in one buffer).
pub fn norm_into(s: &str, out: &mut String) {
    // ASCII: nothing to normalise.
    if s.is_ascii() {
        out.extend(s.chars().filter(|c| !c.is_whitespace()));
        return;
    }
    // Text made only of characters whose NFKC form is known one by one (CJK ideographs
    // and punctuation, full-width ASCII, ASCII, ideographic space) is mapped in one pass;
    // anything else takes the full normalisation.
    // Characters that stay as they are are copied in runs. Printable ASCII, and the
    // characters U+4000–U+9FFF (three bytes led by E4–E9: ideographs, and the hexagram
    // symbols U+4DC0–U+4DFF), are told by their first byte.
    let bytes = s.as_bytes();
    let start = out.len();
    out.reserve(s.len());
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            0x21..=0x7e => i += 1,
            0xe4..=0xe9 => i += 3,
            // Full-width ASCII, U+FF01–U+FF3F (EF BC 81–BF) and U+FF40–U+FF5E (EF BD 80–9E):
            // the ASCII character 0xFEE0 below, from the last byte alone.
            0xef if i + 2 < bytes.len()
                && (bytes[i + 1] == 0xbc && bytes[i + 2] >= 0x81 || bytes[i + 1] == 0xbd && bytes[i + 2] <= 0x9e) =>
            {
                out.push_str(&s[run..i]);
                let ascii = if bytes[i + 1] == 0xbc { bytes[i + 2] - 0x60 } else { bytes[i + 2] - 0x20 };
                out.push(char::from(ascii));
                i += 3;
                run = i;
            }
            // CJK punctuation NFKC keeps: 、。 and the brackets U+3008–U+3011, U+3014–U+301B.
            0xe3 if i + 2 < bytes.len()
                && bytes[i + 1] == 0x80
                && matches!(bytes[i + 2], 0x81 | 0x82 | 0x88..=0x91 | 0x94..=0x9b) =>
            {
                i += 3
            }
            _ => {
                let Some(c) = s[i..].chars().next() else { break };
                match fast_nfkc(c) {
                    Some(Some(m)) if m == c => {}
                    Some(m) => {
                        out.push_str(&s[run..i]);
                        out.extend(m);
                        run = i + c.len_utf8();
                    }
                    None => {
                        out.truncate(start);
                        out.push_str(&full_norm(s));
                        return;
                    }
                }
                i += c.len_utf8();
            }
        }
    }
    out.push_str(&s[run..]);
}

/// NFKC with whitespace removed, the long way (radicals as their ideographs).
fn full_norm(s: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    if is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        return s.chars().filter(|c| !c.is_whitespace()).map(|c| radical_as_ideograph(c).unwrap_or(c)).collect();
    }
    s.nfkc().filter(|c| !c.is_whitespace()).map(|c| radical_as_ideograph(c).unwrap_or(c)).collect()
}

/// Radicals of the CJK Radicals Supplement that stand for a whole character, with the
/// ideograph each looks like (Unicode's EquivalentUnifiedIdeograph.txt); NFKC leaves them
/// as they are, except ⺟ and ⻳.
const SUPPLEMENT_RADICALS: &[(char, char)] = &[
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺩', '王'),
    ('⺧', '牛'),
    ('⺝', '月'),
    ('⺗', '心'),
    ('⺬', '示'),
    ('⺼', '肉'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻋', '车'),
    ('⻑', '長'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻬', '齐'),
    ('⻮', '齿'),
    ('⻰', '龙'),
    ('⻳', '龟'),
];

/// The ideograph a radical character stands for, when a PDF's fonts map a glyph to the
/// radical's code point (⼀ U+2F00 for 一, ⺠ U+2EA0 for 民; text copied out of such a
/// PDF shows the same): every Kangxi radical (its NFKC form) and the radicals of the
/// supplement that stand for a whole character. None for any other character.
pub fn radical_as_ideograph(c: char) -> Option<char> {
    match c {
        '\u{2f00}'..='\u{2fd5}' => {
            let mut out = None;
            unicode_normalization::char::decompose_compatible(c, |d| out = Some(d));
            out
        }
        '\u{2e80}'..='\u{2ef3}' => SUPPLEMENT_RADICALS.iter().find(|(r, _)| *r == c).map(|(_, i)| *i),
        _ => None,
    }
}

/// `s` with every radical that stands for an ideograph ([`radical_as_ideograph`]) written
/// as that ideograph; borrowed when there is none.
pub fn radicals_as_ideographs(s: &str) -> std::borrow::Cow<'_, str> {
    // Both blocks are three bytes led by E2 BA–BF.
    if !s.as_bytes().windows(2).any(|w| w[0] == 0xe2 && (0xba..=0xbf).contains(&w[1])) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.chars().map(|c| radical_as_ideograph(c).unwrap_or(c)).collect())
}

/// What [`norm`] makes of one character, for characters that NFKC maps on their own (no
/// decomposition that composes with a neighbour, canonical combining class 0): `Some(None)`
/// for whitespace, `Some(Some(c))` for the character it becomes; None for the others.
#[inline]
fn fast_nfkc(c: char) -> Option<Option<char>> {
    Some(match c {
        ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{a0}' | '\u{3000}' => None,
        '\u{21}'..='\u{7e}' => Some(c),
        // CJK Unified Ideographs, Extension A and the hexagram symbols between them: no
        // decomposition.
        '\u{3400}'..='\u{9fff}' => Some(c),
        // Radicals that stand for an ideograph (NFKC's form of the Kangxi radicals).
        '\u{2e80}'..='\u{2fd5}' => Some(radical_as_ideograph(c).unwrap_or(c)),
        // Full-width ASCII → ASCII.
        '\u{ff01}'..='\u{ff5e}' => Some(char::from_u32(c as u32 - 0xfee0)?),
        // CJK punctuation and quotes that NFKC keeps: 、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛 — ‘ ’ “ ”
        '\u{3001}'
        | '\u{3002}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301b}'
        | '\u{2014}'
        | '\u{2018}'
        | '\u{2019}'
        | '\u{201c}'
        | '\u{201d}' => Some(c),
        _ => return None,
    })
}

/// Could `c` be a numeric character other than ASCII (as `\d` or [`char::is_numeric`] see
/// it)? Ideographs and CJK and general punctuation, blocks without numeric characters,
/// are told at once; others by their Unicode class.
pub fn may_be_digit(c: char) -> bool {
    !c.is_ascii()
        && !matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3001}'..='\u{3006}' | '\u{3008}'..='\u{301f}' | '\u{2010}'..='\u{2027}')
        && c.is_numeric()
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

/// Which of up to 64 words a text holds, found in one pass over its bytes instead of a
/// substring search per word. Every occurrence counts, overlapping ones included (信息公开申请
/// holds 申请 too).
///
/// A word that starts with a three-byte character (every CJK character) is looked for only
/// where such a character stands whose last two bytes start one of the words (a table of
/// 4,096 masks), and compared there; any other word is searched for on its own.
pub struct WordSet {
    words: Vec<&'static str>,
    /// By the low six bits of a three-byte character's second and third bytes: the words
    /// that may start with it.
    by_char: Box<[u64; 4096]>,
    /// The same keys as bits: whether any word may start with the character. Most
    /// characters start none, and this 512-byte set says so without reaching into the
    /// 32 KB table.
    starts: [u64; 64],
    /// Words that do not start with a three-byte character.
    others: u64,
}

impl WordSet {
    /// A set of distinct, non-empty words (at most 64); a word's bit is `1 << its index`.
    pub fn new(words: Vec<&'static str>) -> WordSet {
        assert!(words.len() <= 64, "a word's bit fits in a u64");
        let mut by_char = Box::new([0u64; 4096]);
        let mut starts = [0u64; 64];
        let mut others = 0;
        for (i, w) in words.iter().enumerate() {
            assert!(!w.is_empty(), "words are not empty");
            match w.as_bytes() {
                [0xe0..=0xef, b1, b2, ..] => {
                    let key = char_key(*b1, *b2);
                    by_char[key] |= 1 << i;
                    starts[key >> 6] |= 1 << (key & 63);
                }
                _ => others |= 1 << i,
            }
        }
        WordSet { words, by_char, starts, others }
    }

    /// The bit of a word of the set (0 for any other).
    pub fn bit(&self, word: &str) -> u64 {
        self.words.iter().position(|w| *w == word).map_or(0, |i| 1 << i)
    }

    /// The words `text` holds, as bits.
    pub fn present(&self, text: &str) -> u64 {
        let b = text.as_bytes();
        let mut found = 0;
        let mut others = self.others;
        while others != 0 {
            let i = others.trailing_zeros() as usize;
            others &= others - 1;
            if text.contains(self.words[i]) {
                found |= 1 << i;
            }
        }
        let mut i = 0;
        while i + 2 < b.len() {
            if b[i] & 0xf0 != 0xe0 {
                // ASCII, or a byte of a character of another length: no word starts here
                // (a continuation byte is never E0–EF).
                i += 1;
                continue;
            }
            let key = char_key(b[i + 1], b[i + 2]);
            if self.starts[key >> 6] & 1 << (key & 63) == 0 {
                i += 3;
                continue;
            }
            let mut candidates = self.by_char[key] & !found;
            while candidates != 0 {
                let w = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                if starts_with(&b[i..], self.words[w].as_bytes()) {
                    found |= 1 << w;
                }
            }
            i += 3;
        }
        found
    }
}

/// A key in 0..4096 of a three-byte character, from its second and third bytes (their low
/// six bits): the index of tables of words by the character they start with.
#[inline]
pub(crate) fn char_key(b1: u8, b2: u8) -> usize {
    usize::from(b1 & 0x3f) << 6 | usize::from(b2 & 0x3f)
}

/// `hay.starts_with(word)` for a short word, compared byte by byte in place (no call).
#[inline]
fn starts_with(hay: &[u8], word: &[u8]) -> bool {
    hay.len() >= word.len() && hay.iter().zip(word).all(|(a, b)| a == b)
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

/// Is `t` digits, ASCII or full-width (`１２`), with the characters of `extra` (separators,
/// line breaks) allowed among them?
pub(crate) fn digits_and(t: &str, extra: &[char]) -> bool {
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || extra.contains(&c))
}

/// `s.trim()`, with the usual answer (nothing to trim) told from the ends: a first byte
/// that is printable ASCII, or leads a character no whitespace starts with (whitespace
/// beyond ASCII is U+0085, U+00A0, U+1680, U+2000–U+205F and U+3000, led by C2, E1, E2 and
/// E3), and a last character that is not whitespace.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return s };
    let end_clean =
        last.is_ascii_graphic() || last >= 0x80 && s.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if starts_clean(first) && end_clean {
        s
    } else {
        s.trim()
    }
}

/// `s.trim_start()`, ASCII whitespace skipped byte by byte and the first other byte told
/// as [`trim`] tells it.
#[inline]
pub(crate) fn trim_start(s: &str) -> &str {
    let b = s.as_bytes();
    let skip = b.iter().position(|&c| !matches!(c, b' ' | b'\t'..=b'\r')).unwrap_or(b.len());
    match b.get(skip) {
        Some(&first) if !starts_clean(first) => s[skip..].trim_start(),
        _ => &s[skip..],
    }
}

/// Does a text whose first byte is `first` start with a character that is not whitespace,
/// as far as that byte tells?
#[inline]
fn starts_clean(first: u8) -> bool {
    first.is_ascii_graphic() || first >= 0xc0 && !matches!(first, 0xc2 | 0xe1 | 0xe2 | 0xe3)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcuts trim as `str::trim` and `str::trim_start` do, whatever character stands
    /// at either end.
    #[test]
    fn trim_is_str_trim() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for t in [format!("{c}"), format!("{c}信"), format!("信{c}"), format!("{c}a{c}"), format!(" {c}1")] {
                assert_eq!(trim(&t), t.trim(), "U+{:04X}", c as u32);
                assert_eq!(trim_start(&t), t.trim_start(), "U+{:04X}", c as u32);
                let indented = format!(" \t\u{b}{t}");
                assert_eq!(trim_start(&indented), indented.trim_start(), "U+{:04X}", c as u32);
            }
        }
        assert_eq!((trim(""), trim_start("")), ("", ""));
    }

    #[test]
    fn the_fast_path_is_nfkc() {
        // Every character the fast path maps, alone and beside others, as NFKC maps it.
        let mut all = String::new();
        for c in (0u32..0x10000).filter_map(char::from_u32) {
            if let Some(m) = fast_nfkc(c) {
                let one = c.to_string();
                assert_eq!(norm(&one), full_norm(&one), "U+{:04X}", c as u32);
                assert_eq!(m.map(String::from).unwrap_or_default(), full_norm(&one), "U+{:04X}", c as u32);
                all.push(c);
            }
        }
        assert_eq!(norm(&all), full_norm(&all));
        // Text with a character outside the fast set takes the long way.
        for s in ["（一）予以 公开\n", "第1…3项", "ｅ\u{301}", "Ａ\u{30a}"] {
            assert_eq!(norm(s), full_norm(s), "{s}");
        }
    }

    #[test]
    fn characters_passed_over_by_their_first_byte_are_their_own_nfkc() {
        // norm copies a character led by E4–E9 (U+4000–U+9FFF) unseen: each is one the
        // fast path keeps as it is, which the test above holds to NFKC.
        for c in ('\u{4000}'..='\u{9fff}').filter(|c| (0xe4..=0xe9).contains(&c.to_string().as_bytes()[0])) {
            assert_eq!(fast_nfkc(c), Some(Some(c)), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn characters_told_at_once_are_not_numeric() {
        for c in ('\u{80}'..='\u{ffff}').filter(|c| !may_be_digit(*c)) {
            assert!(!c.is_numeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_word_set_finds_what_a_search_per_word_finds() {
        let words = vec!["申请", "信息公开申请", "件", "收到", "接收", "未", "a1", "行政复议", "é"];
        let set = WordSet::new(words.clone());
        let texts = [
            "",
            "件",
            "共收到政府信息公开申请15件",
            "接收到申请",
            "未发生行政复议",
            "a1件",
            "xa1",
            "café",
            "申",
            "行政复",
            "，件。",
            "信息公开申",
            "𠀀件",
            "é未",
        ];
        for t in texts {
            let naive = words.iter().enumerate().fold(0u64, |m, (i, w)| if t.contains(w) { m | 1 << i } else { m });
            assert_eq!(set.present(t), naive, "{t}");
        }
        assert_eq!(set.bit("未"), 1 << 5);
        assert_eq!(set.bit("不在"), 0);
    }

    #[test]
    fn norm_folds_width_and_space() {
        assert_eq!(norm("（一）予以 公开\n"), "(一)予以公开");
        assert_eq!(norm("１．属于\u{3000}国家秘密"), "1.属于国家秘密");
        // Runs copied as they are between characters mapped or dropped, at either end.
        assert_eq!(norm(" 信息 公开（一）ａ１件\n"), "信息公开(一)a1件");
        assert_eq!(norm("（二）\u{a0}不予公开x"), "(二)不予公开x");
    }

    /// Radicals a PDF's fonts give for ideographs read as those ideographs, in the fast path
    /// and the long one; every radical mapped is a unified ideograph, and nothing else moves.
    #[test]
    fn radicals_read_as_the_ideographs_they_show() {
        assert_eq!(norm("芜湖市⼈⺠政府"), "芜湖市人民政府");
        assert_eq!(norm("第⼆⼗条第（五）项 ⾏政许可"), "第二十条第(五)项行政许可");
        // With a character outside the fast set (a combining accent), the same.
        assert_eq!(norm("⻓沙市⼈⺠政府ｅ\u{301}"), "长沙市人民政府é");
        assert_eq!(radicals_as_ideographs("⽆ ⾸⻚"), "无 首页");
        assert!(matches!(radicals_as_ideographs("无法提供 12"), std::borrow::Cow::Borrowed(_)));
        for c in ('\u{2e80}'..='\u{2fff}').chain(['一', '民', 'A', '⿰']) {
            match radical_as_ideograph(c) {
                Some(i) => {
                    assert!(('\u{2e80}'..='\u{2fd5}').contains(&c), "U+{:04X}", c as u32);
                    assert!(('\u{4e00}'..='\u{9fff}').contains(&i), "U+{:04X} → U+{:04X}", c as u32, i as u32)
                }
                None => assert!(!('\u{2f00}'..='\u{2fd5}').contains(&c), "U+{:04X}", c as u32),
            }
        }
        assert_eq!(SUPPLEMENT_RADICALS.iter().filter(|(r, _)| radical_as_ideograph(*r).is_some()).count(), 37);
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
