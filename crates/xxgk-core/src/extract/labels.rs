//! Recognising the template's labels in printed text, tolerantly.
//!
//! A label is compared in one form: NFKC with whitespace removed ([`norm`]), traditional
//! characters folded to simplified ([`super::fold::fold_normalised`]). A row is found by the longest
//! of its patterns contained in the label; failing that, by a pattern of four or more
//! characters that occurs with one character slipped (OCR reads 不子公开 for 不予公开,
//! 国家秘蜜 for 国家秘密). Numbering in any style — （一） 一、 1. 1、 ① (1) — is part of
//! the text around the pattern and never matters.

use std::sync::LazyLock;

use crate::normalize::norm;
use crate::template::{Family, RowDef, Table, TableDef};

use super::fold::fold_owned;

/// The comparable form of printed text.
pub fn key(raw: &str) -> String {
    fold_owned(norm(raw))
}

/// The row of `def` that a label (in [`key`] form) names: exactly, as it stands or without
/// the list marks inside it after its numbering (大量、反复申请, 信访、举报、投诉); then with
/// one character slipped, the same two ways. An exact reading always wins over a slipped
/// one (大量、反复申请 is no slip of 重复申请).
pub fn match_row(def: &TableDef, label: &str) -> Option<&'static RowDef> {
    if let Some(row) = def.match_row(label) {
        return Some(row);
    }
    // Made once, for both of its tries.
    let body = crate::normalize::strip_numbering(label);
    let bare = body.contains(LIST_MARKS).then(|| body.replace(LIST_MARKS, ""));
    bare.as_deref()
        .and_then(|b| def.match_row(b))
        .or_else(|| fuzzy_row(def, label))
        .or_else(|| bare.as_deref().and_then(|b| fuzzy_row(def, b)))
}

/// A row's patterns made ready once: the exact ones, and (as characters) those a slip
/// is tolerated in — patterns of four or more characters and the printed label itself.
struct Prepared {
    row: &'static RowDef,
    fuzzy: Vec<Vec<char>>,
}

static PREPARED: LazyLock<Vec<(Table, Vec<Prepared>)>> = LazyLock::new(|| {
    Table::ALL
        .into_iter()
        .map(|t| {
            let rows = t
                .def()
                .rows()
                .map(|row| {
                    let printed = key(row.label);
                    let fuzzy = row
                        .patterns
                        .iter()
                        .map(|p| p.to_string())
                        .chain((!row.patterns.is_empty()).then_some(printed))
                        .map(|p| p.chars().collect::<Vec<char>>())
                        .filter(|p| p.len() >= 4)
                        .collect();
                    Prepared { row, fuzzy }
                })
                .collect();
            (t, rows)
        })
        .collect()
});

fn prepared(def: &TableDef) -> &'static [Prepared] {
    PREPARED.iter().find(|(t, _)| *t == def.table).map_or(&[], |(_, p)| p.as_slice())
}

/// A row named by a group's label (（六）其他处理) but numbered as one of the group's rows
/// (3.其他处理, the numbering and a few words): that numbered row of the group, as 2021's
/// form numbers （六）'s rows. Any other row, and a group without a row so numbered, as
/// it was found.
pub fn numbered_like(def: &TableDef, found: &'static RowDef, label: &str) -> &'static RowDef {
    let group_row = found.number.starts_with('（') && found.family.group_numeral().is_some();
    let digit = label.chars().next().filter(char::is_ascii_digit);
    if !group_row || digit.is_none() {
        return found;
    }
    // The label is a numbering and the group's few words, nothing more (not label lines
    // run together: 2.重复申请（六）其他处理).
    let rest = crate::normalize::strip_numbering(label);
    let short = rest.len() < label.len() && rest.chars().count() <= 6;
    let numbered = match digit {
        Some(d) if group_row && short => def
            .rows()
            .find(|r| r.family == found.family && r.number.strip_suffix('.') == Some(d.encode_utf8(&mut [0; 4]))),
        _ => None,
    };
    numbered.unwrap_or(found)
}

/// Every row of `def` named in `text` (exactly or with one slipped character), nearest to
/// the end of the text first: where a line holds a group label and a row label, or label
/// lines run into each other, the last label named is the one the values follow.
///
/// Text with list marks inside it (大量、反复申请) is read without them first.
pub fn rows_in(def: &TableDef, text: &str) -> Vec<&'static RowDef> {
    let named = |text: &str| {
        let chars: Vec<char> = text.chars().collect();
        // Which characters the text holds, as a filter before the real searches: it may say
        // yes for a character the text lacks (two characters share a bit), never no for one
        // it holds, so it only spares searches that would find nothing.
        let present = CharFilter::of(&chars);
        rows_named(def, text, &chars, |c| present.may_hold(c))
    };
    if text.contains(LIST_MARKS) {
        let bare = named(&text.replace(LIST_MARKS, ""));
        if !bare.is_empty() {
            return bare;
        }
    }
    let found = named(text);
    if found.is_empty() {
        return numbered_stub(def, text).into_iter().collect();
    }
    found
}

/// The row a label cut to its numbering and first characters names (`4.无`, `5.要`,
/// `(一)予以公`: the first line of a label wrapped in a narrow cell, the rest printed after
/// the row's figures), when one row alone has that numbering and starts so. In table 三 a
/// numbering and the first character tell every numbered row apart.
fn numbered_stub(def: &TableDef, text: &str) -> Option<&'static RowDef> {
    let rest = crate::normalize::strip_numbering(text);
    let number = text[..text.len() - rest.len()].trim().trim_end_matches(['.', '、', ',', ':']);
    if number.is_empty() || !(1..=4).contains(&rest.chars().count()) {
        return None;
    }
    let mut rows = def.rows().filter(|r| {
        let own = key(r.number);
        own.trim_end_matches(['.', '、', ',', ':']) == number && key(r.label).starts_with(rest)
    });
    let row = rows.next()?;
    rows.next().is_none().then_some(row)
}

/// Marks that separate the items of a list inside a label, in [`key`] form.
const LIST_MARKS: [char; 4] = ['、', ',', ';', '·'];

/// [`rows_in`] of `text` (its characters `chars`), with `has` telling whether the text may
/// hold a character: exactly, or with false positives (the result is the same).
fn rows_named(def: &TableDef, text: &str, chars: &[char], has: impl Fn(char) -> bool) -> Vec<&'static RowDef> {
    let has = |c: &char| has(*c);
    let byte_at = |char_at: usize| -> usize { chars[..char_at].iter().map(|c| c.len_utf8()).sum() };
    // Per row: where its last naming starts and ends (bytes), and whether it is exact.
    let found: Vec<(&'static RowDef, usize, usize, bool)> = prepared(def)
        .iter()
        .filter_map(|p| {
            let exact = p
                .row
                .patterns
                .iter()
                .filter(|pat| pat.chars().all(|c| has(&c)))
                .filter_map(|pat| text.rfind(pat).map(|at| (at, at + pat.len())))
                .max_by_key(|&(_, end)| end);
            // A pattern with one character slipped still has all its other characters.
            let slipped = || {
                p.fuzzy
                    .iter()
                    .filter(|pat| pat.iter().filter(|c| !has(c)).count() <= 1)
                    .filter_map(|pat| slipped_end(chars, pat).map(|end| (end - pat.len(), end)))
                    .max_by_key(|&(_, end)| end)
                    .map(|(start, end)| (byte_at(start), byte_at(end)))
            };
            match exact {
                Some((start, end)) => Some((p.row, start, end, true)),
                None => slipped().map(|(start, end)| (p.row, start, end, false)),
            }
        })
        .collect();
    // A slipped naming over characters another row names exactly is that row's text, not
    // a slip (大量反复申请 holds 大量反复 exactly, and 反复申请 is no slipped 重复申请).
    let mut kept: Vec<(&'static RowDef, usize)> = found
        .iter()
        .filter(|&&(_, start, end, exact)| {
            exact || !found.iter().any(|&(_, s, e, other_exact)| other_exact && s < end && start < e)
        })
        .map(|&(row, _, end, _)| (row, end))
        .collect();
    kept.sort_by_key(|f| std::cmp::Reverse(f.1));
    kept.into_iter().map(|(r, _)| r).collect()
}

/// A set of characters with false positives: a bit per character's low twelve bits.
struct CharFilter([u64; 64]);

impl CharFilter {
    fn of(chars: &[char]) -> CharFilter {
        let mut bits = [0u64; 64];
        for &c in chars {
            let k = c as usize & 0xfff;
            bits[k >> 6] |= 1 << (k & 63);
        }
        CharFilter(bits)
    }

    /// False only for a character not in the set.
    fn may_hold(&self, c: char) -> bool {
        let k = c as usize & 0xfff;
        self.0[k >> 6] & (1 << (k & 63)) != 0
    }
}

/// Where (in characters) the last occurrence of `pat` with one slipped character ends.
fn slipped_end(text: &[char], pat: &[char]) -> Option<usize> {
    if text.len() < pat.len() {
        return None;
    }
    (0..=text.len() - pat.len()).rev().find(|&i| slipped_at(&text[i..i + pat.len()], pat)).map(|i| i + pat.len())
}

/// Does window `w` differ from `pat` in exactly one character, an ideograph for another?
fn slipped_at(w: &[char], pat: &[char]) -> bool {
    let mut slip = None;
    for (i, (a, b)) in w.iter().zip(pat).enumerate() {
        if a != b {
            if slip.is_some() {
                return false;
            }
            slip = Some(i);
        }
    }
    slip.is_some_and(|i| is_ideograph(w[i]) && is_ideograph(pat[i]))
}

/// A row whose pattern of four or more characters occurs in the label with one character
/// different; the longest such pattern wins, and a tie between rows is no match.
fn fuzzy_row(def: &TableDef, label: &str) -> Option<&'static RowDef> {
    let chars: Vec<char> = label.chars().collect();
    let mut best: Option<(&'static RowDef, usize)> = None;
    let mut tie = false;
    for p in prepared(def) {
        for pat in &p.fuzzy {
            if !slipped_in(&chars, pat) {
                continue;
            }
            match best {
                Some((r, len)) if pat.len() == len && r.key != p.row.key => tie = true,
                Some((_, len)) if pat.len() <= len => {}
                _ => {
                    best = Some((p.row, pat.len()));
                    tie = false;
                }
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(r, _)| r)
    }
}

/// Does `pat` occur in `text` with exactly one character replaced by another ideograph?
fn slipped_in(text: &[char], pat: &[char]) -> bool {
    if text.len() < pat.len() {
        return false;
    }
    text.windows(pat.len()).any(|w| slipped_at(w, pat))
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// The table 三 group a heading names (（三）不予公开 …): by its numeral in brackets, or by
/// its words (tolerating one slipped character).
pub fn group_heading(label: &str) -> Option<Family> {
    if let Some(f) = crate::normalize::group_marker(label).and_then(Family::of_group_numeral) {
        return Some(f);
    }
    let chars: Vec<char> = label.chars().collect();
    [
        (Family::Denied, "不予公开"),
        (Family::Unable, "无法提供"),
        (Family::NotProcessed, "不予处理"),
        (Family::Other, "其他处理"),
    ]
    .into_iter()
    .find(|(_, words)| {
        let pat: Vec<char> = words.chars().collect();
        // A slip is tolerated only in a heading alone (（三）不子公开), not in a row label
        // that happens to hold similar words (行政机关不再处理…).
        label.contains(words) || chars.len() <= 10 && slipped_in(&chars, &pat)
    })
    .map(|(f, _)| f)
}

/// The block numeral of the first `第二十条第（X）项` caption in `text` (in [`key`] form, its
/// brackets ASCII): `一` of `第二十条第(一)项`, `五` of `…第二十条第五项…`; as the regex
/// `第二十条第\(?([一二三四五六七八九十]+)\)?项` finds it, without running one. Table 二's
/// blocks are captioned so.
pub fn caption_block(text: &str) -> Option<&str> {
    const CLAUSE: &str = "第二十条第";
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut from = 0;
    while let Some(i) = text[from..].find(CLAUSE) {
        let at = from + i;
        // The clause ends with the 第 it starts with: a caption may begin at that one.
        from = at + CLAUSE.len() - '第'.len_utf8();
        let rest = &text[at + CLAUSE.len()..];
        let rest = rest.strip_prefix('(').unwrap_or(rest);
        let n = rest.char_indices().find(|(_, c)| !NUMERALS.contains(*c)).map_or(rest.len(), |(i, _)| i);
        let after = &rest[n..];
        if n > 0 && after.strip_prefix(')').unwrap_or(after).starts_with('项') {
            return Some(&rest[..n]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_cut_to_its_number_and_first_character_names_the_one_row_with_both() {
        let def = Table::Applications.def();
        let named = |t: &str| rows_in(def, t).iter().map(|r| r.key).collect::<Vec<_>>();
        assert_eq!(named("4.无"), ["noproc_mass_repeat"]);
        assert_eq!(named("5.要"), ["noproc_confirm"]);
        assert_eq!(named("3.要求"), ["noproc_publication"]);
        // 1.申 and 2.申: the number tells （六）'s rows apart.
        assert_eq!(named("2.申"), ["other_no_fee"]);
        // 5.属 and 6.属: (三)'s rows start alike; the number tells them apart too.
        assert_eq!(named("6.属"), ["deny_process_info"]);
        assert_eq!(named("(一)予以公"), ["granted"]);
        // No row numbered 9, and a number alone names nothing.
        assert!(named("9.属").is_empty());
        assert!(named("4.").is_empty());
    }
    use crate::template::Table;

    /// The caption finder says what the regex it replaces says, on every string of up to
    /// five pieces that captions are made of and broken in (overlapping clauses, brackets
    /// unbalanced, numerals missing, other text).
    #[test]
    fn caption_block_is_what_the_regex_finds() {
        let re = regex::Regex::new(r"第二十条第\(?([一二三四五六七八九十]+)\)?项").unwrap();
        let pieces = ["第二十条第", "(", ")", "一", "十", "项", "第", "二十条", "x"];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..5 {
            last = last.iter().flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}"))).collect();
            strings.extend(last.iter().cloned());
        }
        let mut found = 0;
        for s in &strings {
            let want = re.captures(s).map(|m| m.get(1).map_or("", |g| g.as_str()));
            assert_eq!(caption_block(s), want, "{s}");
            found += usize::from(want.is_some());
        }
        assert!(found > 500, "{found} captions among {} strings", strings.len());
        assert_eq!(caption_block("第二十条第二十条第(一)项"), Some("一"));
        assert_eq!(caption_block("(二)第二十条第(五)项:行政许可"), Some("五"));
        assert_eq!(caption_block("依据第二十条第项"), None);
    }

    fn row(s: &str) -> Option<&'static str> {
        match_row(Table::Applications.def(), &key(s)).map(|r| r.key)
    }

    /// The character filter only spares searches: the rows found are those an exact set
    /// of the text's characters finds, on texts made of the template's labels and
    /// patterns, with slips, noise and characters that share the filter's bits with them.
    #[test]
    fn the_character_filter_finds_what_an_exact_set_finds() {
        let mut pieces: Vec<String> = Vec::new();
        for t in Table::ALL {
            for r in t.def().rows() {
                pieces.push(key(r.label));
                pieces.extend(r.patterns.iter().map(|p| p.to_string()));
            }
        }
        // A character sharing the filter's bit with another: 4096 code points away.
        let twin = |c: char| char::from_u32(c as u32 ^ 0x1000).filter(|t| is_ideograph(*t)).unwrap_or(c);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut twins_met = 0;
        for _ in 0..4000 {
            let mut text = String::new();
            for _ in 0..1 + next() % 4 {
                let piece = &pieces[(next() % pieces.len() as u64) as usize];
                let mut chars: Vec<char> = piece.chars().collect();
                match next() % 4 {
                    // One character slipped to its twin, or to another ideograph.
                    0 if !chars.is_empty() => {
                        let i = (next() % chars.len() as u64) as usize;
                        chars[i] = twin(chars[i]);
                    }
                    1 if !chars.is_empty() => {
                        let i = (next() % chars.len() as u64) as usize;
                        chars[i] = char::from_u32(0x4e00 + (next() % 0x5000) as u32).unwrap_or('一');
                    }
                    2 => chars.insert(0, char::from_u32(0x4e00 + (next() % 0x5000) as u32).unwrap_or('一')),
                    _ => {}
                }
                text.extend(chars);
            }
            let chars: Vec<char> = text.chars().collect();
            let mut exact = chars.clone();
            exact.sort_unstable();
            exact.dedup();
            let filter = CharFilter::of(&chars);
            for t in Table::ALL {
                let def = t.def();
                for r in def.rows() {
                    for p in r.patterns.iter().flat_map(|p| p.chars()) {
                        if filter.may_hold(p) && exact.binary_search(&p).is_err() {
                            twins_met += 1;
                        }
                    }
                }
                let want = rows_named(def, &text, &chars, |c| exact.binary_search(&c).is_ok());
                let got = rows_in(def, &text);
                let keys = |v: &[&RowDef]| v.iter().map(|r| r.key).collect::<Vec<_>>();
                assert_eq!(keys(&got), keys(&want), "{text}");
            }
        }
        // The filter did say yes for characters the text lacked.
        assert!(twins_met > 100, "{twins_met}");
    }

    #[test]
    fn numbering_traditional_and_slips() {
        assert_eq!(row("①属于国家秘密"), Some("deny_state_secret"));
        assert_eq!(row("（1）屬於國家祕密"), Some("deny_state_secret"));
        assert_eq!(row("1.属于国家秘蜜"), Some("deny_state_secret"));
        assert_eq!(row("（一）子以公开"), Some("granted"));
        assert_eq!(row("3．补正后申请内容仍不明確"), Some("unable_unclear"));
        assert_eq!(row("其他"), None);
        assert_eq!(row("1.本机关不掌提相关政府信息"), Some("unable_not_held"));
        assert_eq!(group_heading(&key("（三）不子公开")), Some(Family::Denied));
        assert_eq!(group_heading(&key("不予處理")), Some(Family::NotProcessed));
        assert_eq!(match_row(Table::Proactive.def(), &key("行政許可")).map(|r| r.key), Some("licensing"));
    }

    /// Items of a label set apart by list marks (、，) name their row, exactly: 大量、反复申请
    /// is 大量反复申请, never 重复申请 with one character slipped (反复申请). Names the
    /// template prints otherwise are taken too (政府采购, 行政事业收费, 合计).
    #[test]
    fn list_marks_inside_a_label() {
        let def = Table::Applications.def();
        for (label, want) in [
            ("4.无正当理由大量、反复申请", "noproc_mass_repeat"),
            ("4、无正当理由大量，反复申请", "noproc_mass_repeat"),
            ("1.信访、举报、投诉类申请", "noproc_petition"),
            ("2.其他法律、行政法规禁止公开", "deny_law_forbidden"),
            ("2.重复申请", "noproc_repeat"),
            ("（七）合计", "results_total"),
        ] {
            assert_eq!(row(label), Some(want), "{label}");
            let keys: Vec<&str> = rows_in(def, &key(label)).iter().map(|r| r.key).collect();
            assert_eq!(keys.first().copied(), Some(want), "{label}: {keys:?}");
            assert!(!keys.contains(&"noproc_repeat") || want == "noproc_repeat", "{label}: {keys:?}");
        }
        // A slip elsewhere in the text still counts (label lines run together).
        let keys: Vec<&str> =
            rows_in(def, &key("1.本机关不掌握相关政府信息2.没有现成信息需要另行制佐")).iter().map(|r| r.key).collect();
        assert_eq!(keys, vec!["unable_need_creation", "unable_not_held"]);
        let proactive = Table::Proactive.def();
        assert_eq!(match_row(proactive, &key("行政事业收费")).map(|r| r.key), Some("fees"));
        assert_eq!(match_row(proactive, &key("政府采购")).map(|r| r.key), Some("procurement"));
    }
}
