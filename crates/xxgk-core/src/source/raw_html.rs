//! HTML inside a text file: Markdown as pandoc writes it from a web page (`-t markdown`,
//! `-t gfm`), where what Markdown cannot say stays HTML. A table with merged cells is a
//! raw `<table>` element, the page's containers are `<div>` lines (or `:::` fences), and
//! links and spans keep their tags inside the text.
//!
//! [`split`] cuts such text into its pieces: each `<table>` element whole, for the HTML
//! reader; and the text around them with every tag of HTML's vocabulary removed and
//! character references decoded, for the text reader. Anything else that starts with `<`
//! (`<5`, `<某某>`) is text and stays.

use std::borrow::Cow;

/// One piece of a text file holding HTML.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    /// Text, its tags removed.
    Text(Cow<'a, str>),
    /// A `<table>` element from its start tag to its end tag, nested tables inside it.
    Table(&'a str),
}

/// Does `text` hold markup that [`split`] would act on: a tag of HTML's vocabulary, a
/// character reference, or a pandoc attribute block (`[text]{style="…"}`)? Plain text
/// answers no after one byte search.
pub fn has_html(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'<', b'&', b'{', b).any(|i| match b[i] {
        b'<' => tag_at(text, i).is_some(),
        b'&' => reference_at(text, i).is_some(),
        _ => attributes_at(text, i).is_some(),
    })
}

/// Cut `text` into its tables and the text around them (see the module's documentation).
/// A `<table>` without its end tag runs to the end of the text.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut from = 0;
    while let Some(start) = next_table(text, from) {
        if start > from {
            pieces.push(Piece::Text(strip(&text[from..start])));
        }
        let end = table_end(text, start);
        pieces.push(Piece::Table(&text[start..end]));
        from = end;
    }
    if from < text.len() {
        pieces.push(Piece::Text(strip(&text[from..])));
    }
    pieces
}

/// Whether `text` holds tags only inside its tables and on lines of `<div>` tags alone,
/// and lines of its own outside them (three at least): Markdown that kept what it could
/// not say as HTML (pandoc's CommonMark of a DOCX's merged cells, GFM's containers of a
/// web page), not an HTML page or fragment, whose text stands inside tags (`<p>`,
/// `<div>`, `<h1>`).
pub(super) fn tags_only_in_tables(text: &str) -> bool {
    let tagless = |s: &str| {
        s.lines()
            .all(|l| !memchr::memchr_iter(b'<', l.as_bytes()).any(|i| tag_at(l, i).is_some()) || containers_only(l))
    };
    let lines = |s: &str| s.lines().filter(|l| !l.trim().is_empty() && !containers_only(l)).count();
    let (mut from, mut outside) = (0, 0);
    while let Some(start) = next_table(text, from) {
        if !tagless(&text[from..start]) {
            return false;
        }
        outside += lines(&text[from..start]);
        from = table_end(text, start);
    }
    tagless(&text[from..]) && outside + lines(&text[from..]) >= 3
}

/// Is `line` nothing but `<div>` tags (a container's start or end, as pandoc's Markdown
/// writers keep a page's `<div class="…">` on a line of its own)?
fn containers_only(line: &str) -> bool {
    let line = line.trim();
    let mut at = 0;
    while at < line.len() {
        match (line.as_bytes()[at] == b'<').then(|| tag_at(line, at)).flatten() {
            Some(tag) if tag.name.eq_ignore_ascii_case("div") => {
                at = tag.end + (line.len() - tag.end - line[tag.end..].trim_start().len());
            }
            _ => return false,
        }
    }
    at > 0
}

/// Where the next `<table` start tag is, at or after `from`.
fn next_table(text: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', &b[from..])
        .map(|i| from + i)
        .find(|&i| tag_at(text, i).is_some_and(|t| t.name.eq_ignore_ascii_case("table") && !t.closing))
}

/// Where the table starting at `start` ends: after the end tag matching its start tag
/// (tables nest), or the end of the text.
fn table_end(text: &str, start: usize) -> usize {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut at = start;
    while let Some(i) = memchr::memchr(b'<', &b[at..]).map(|i| at + i) {
        let Some(tag) = tag_at(text, i) else {
            at = i + 1;
            continue;
        };
        if tag.name.eq_ignore_ascii_case("table") {
            if tag.closing {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return tag.end;
                }
            } else {
                depth += 1;
            }
        }
        at = tag.end;
    }
    text.len()
}

/// `text` without its tags, its character references decoded, its pandoc spans
/// (`[text]{attributes}`) as their text. The content of `<script>` and `<style>` goes
/// with them.
pub(super) fn strip(text: &str) -> Cow<'_, str> {
    if !has_html(text) {
        return Cow::Borrowed(text);
    }
    let text = strip_spans(text);
    let text = text.as_ref();
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut kept, mut at) = (0, 0);
    while let Some(i) = memchr::memchr2(b'<', b'&', &b[at..]).map(|i| at + i) {
        if b[i] == b'&' {
            match reference_at(text, i) {
                Some((c, end)) => {
                    out.push_str(&text[kept..i]);
                    out.push(c);
                    kept = end;
                    at = end;
                }
                None => at = i + 1,
            }
            continue;
        }
        let Some(tag) = tag_at(text, i) else {
            at = i + 1;
            continue;
        };
        out.push_str(&text[kept..i]);
        let mut end = tag.end;
        if !tag.closing && (tag.name.eq_ignore_ascii_case("script") || tag.name.eq_ignore_ascii_case("style")) {
            // Up to the end tag, or the end of the text.
            let close = format!("</{}", tag.name.to_ascii_lowercase());
            end = find_ignore_case(&text[end..], &close)
                .and_then(|j| memchr::memchr(b'>', &b[end + j..]).map(|k| end + j + k + 1))
                .unwrap_or(text.len());
        }
        if tag.name.eq_ignore_ascii_case("br") {
            out.push('\n');
        }
        kept = end;
        at = end;
    }
    out.push_str(&text[kept..]);
    Cow::Owned(out)
}

/// `text` with each pandoc span (`[text]{attributes}`, nested, its attributes over lines)
/// replaced by its text. A bracket that opens no span (a link, `[1]`) stays.
pub(super) fn strip_spans(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    if !memchr::memchr_iter(b'{', b).any(|i| attributes_at(text, i).is_some()) {
        return Cow::Borrowed(text);
    }
    // Where the brackets still open stand in `out`; the bytes of `out` marked dropped.
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut drop = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' => {
                open.push(out.len());
                out.push(b'[');
            }
            b']' => {
                let opened = open.pop();
                match (opened, attributes_at(text, i + 1)) {
                    (Some(at), Some(end)) => {
                        drop.push(at);
                        i = end;
                        continue;
                    }
                    _ => out.push(b']'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    drop.sort_unstable();
    let mut kept = Vec::with_capacity(out.len());
    let mut d = drop.iter().peekable();
    for (at, c) in out.into_iter().enumerate() {
        if d.peek() == Some(&&at) {
            d.next();
            continue;
        }
        kept.push(c);
    }
    // Only ASCII brackets and braces were taken out: still UTF-8.
    Cow::Owned(String::from_utf8(kept).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A pandoc attribute block at byte `i` (a `{`): `{.class}`, `{#id}`, `{style="…"}`,
/// `{align="center"}`, up to its `}` on the same line (braces inside quotes skipped, no
/// bar `|` on the way), with the byte after it.
///
/// A block that pandoc wrapped over lines is left as it stands: inside a multiline table
/// its lines are shared with the cells of the other columns, so what follows its start on
/// the text is not its own. Taking it out would move those cells between lines and
/// columns; left in, the row is not read (missing, never misplaced).
fn attributes_at(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(i) != Some(&b'{') {
        return None;
    }
    // What may start one: a class, an id, or a name followed by `=`.
    let first = *b.get(i + 1)?;
    if first == b'.' || first == b'#' {
        if !b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_') {
            return None;
        }
    } else {
        let name =
            b[i + 1..].iter().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':')).count();
        if name == 0 || b.get(i + 1 + name) != Some(&b'=') {
            return None;
        }
    }
    let mut quote = None;
    for (k, &c) in b[i + 1..].iter().enumerate().take(4096) {
        match (quote, c) {
            // A bar is a grid table's cell edge, never in pandoc's attributes: a block
            // opened in one cell and a `"}` closing another's (`{style="font-fa |  | mily:
            // 宋体;"}`, both wrapped) are not one block.
            (_, b'\n' | b'|') => return None,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(c),
            (None, b'}') => return Some(i + 1 + k + 1),
            (None, b'{') => return None,
            _ => {}
        }
    }
    None
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// A tag found in text.
struct Tag<'a> {
    name: &'a str,
    closing: bool,
    /// Just after its `>`.
    end: usize,
}

/// The names of the elements a page's body is made of. A `<` followed by anything else
/// is text.
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "o:p",
    "ol",
    "option",
    "p",
    "pre",
    "s",
    "script",
    "section",
    "select",
    "small",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "u",
    "ul",
];

/// The tag starting at byte `i` (a `<`): `<name`, `</name`, then the end of the name
/// (whitespace, `/` or `>`), then anything up to the first `>` (over lines: pandoc wraps
/// attributes). None when the name is no element of [`ELEMENTS`] or no `>` follows
/// within 4 KiB.
fn tag_at(text: &str, i: usize) -> Option<Tag<'_>> {
    let b = text.as_bytes();
    let mut at = i + 1;
    let closing = b.get(at) == Some(&b'/');
    if closing {
        at += 1;
    }
    let name_end = at + b[at..].iter().position(|c| !(c.is_ascii_alphanumeric() || *c == b':')).unwrap_or(b.len() - at);
    let name = &text[at..name_end];
    if !ELEMENTS.iter().any(|e| e.eq_ignore_ascii_case(name)) {
        return None;
    }
    match b.get(name_end) {
        Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r') => {}
        _ => return None,
    }
    let window = &b[name_end..b.len().min(name_end + 4096)];
    let close = memchr::memchr(b'>', window)?;
    // A `<` before the `>` is another tag: this one is not closed.
    if memchr::memchr(b'<', &window[..close]).is_some() {
        return None;
    }
    Some(Tag { name, closing, end: name_end + close + 1 })
}

/// The character reference at byte `i` (a `&`): `&nbsp;`, `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, `&#x3000;`…, with the byte after it. `&nbsp;` is a space.
fn reference_at(text: &str, i: usize) -> Option<(char, usize)> {
    let rest = &text[i + 1..];
    let semi = rest.as_bytes().iter().take(10).position(|&c| c == b';')?;
    let body = &rest[..semi];
    let c = match body {
        "nbsp" | "ensp" | "emsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = body.strip_prefix('#')?;
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(n).filter(|c| *c != '\0')?
        }
    };
    Some((c, i + 1 + semi + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A span's attributes pandoc wrapped in a grid table's cell may close in another cell of
    /// the same line (`{style="font-fa` here, `mily: 宋体;"}` there): no block runs over a
    /// bar, so the cells between stay, with their bars.
    #[test]
    fn an_attribute_block_does_not_run_over_a_grid_tables_bars() {
        let line = "| 勾稽关系]{style=\"font-fa |        | 12 | mily: 宋体;\"} |";
        assert_eq!(attributes_at(line, line.find('{').unwrap()), None);
        assert_eq!(strip(line), line);
        // One cell's own block still goes.
        assert_eq!(strip("| [12]{style=\"font-family: 宋体;\"} | 3 |"), "| 12 | 3 |");
    }

    fn texts<'a>(pieces: &'a [Piece<'a>]) -> Vec<&'a str> {
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.as_ref(),
                Piece::Table(t) => t,
            })
            .collect()
    }

    #[test]
    fn tables_are_cut_out_whole_and_tags_leave_the_text() {
        let text = "<div class=\"a\">\n\n标题\n\n</div>\n<table data-border=\"1\">\n<tr><td><table><tr><td>x</td></tr></table></td></tr>\n</table>\n| <span style=\"FONT-SIZE: 12pt\">规章</span> | 0 |\n";
        let pieces = split(text);
        assert_eq!(
            texts(&pieces),
            vec![
                "\n\n标题\n\n\n",
                "<table data-border=\"1\">\n<tr><td><table><tr><td>x</td></tr></table></td></tr>\n</table>",
                "\n| 规章 | 0 |\n",
            ]
        );
        assert!(matches!(pieces[1], Piece::Table(_)));
    }

    #[test]
    fn what_is_no_tag_stays() {
        for text in ["收到申请<5件", "a < b > c", "《条例》<某某>", "R&D", "&unknown;", "<table", "<tablex>"]
        {
            assert!(!has_html(text), "{text}");
            assert_eq!(texts(&split(text)), vec![text]);
        }
    }

    #[test]
    fn tags_over_lines_references_and_scripts() {
        let text =
            "<a href=\"x\"\nclass=\"b\">国务院</a>&nbsp;1&amp;2&#12288;&#x4E00;<br>下<script>var a = '<p>';</script>行";
        assert_eq!(texts(&split(text)), vec!["国务院 1&2\u{3000}一\n下行"]);
    }

    /// pandoc's Markdown keeps a page's styles as attribute blocks of bracketed spans,
    /// nested and over lines; a link's or a note's brackets are no span.
    #[test]
    fn pandoc_spans_are_their_text() {
        let text = "[[（]{style=\"font-family:仿宋_GB2312\"}4）]{style=\"FONT-SIZE: 16pt\"}推进\n[规章]{style=\"a:b;c:d\"} [0]{.x} [首页](/) [1] {x} {a=1 [b]{#id}";
        assert!(has_html(text));
        assert_eq!(texts(&split(text)), vec!["（4）推进\n规章 0 [首页](/) [1] {x} {a=1 b"]);
        // Wrapped over lines (in a multiline table, the lines of other columns' cells too).
        let wrapped = "[信息内容]{style=\"a:b;\n c:d\"}   [本年制发件数]{style=\"a;\n b\"}";
        assert_eq!(texts(&split(wrapped)), vec![wrapped]);
        assert!(!has_html("a {b} [c] {.} {=1}"));
    }

    #[test]
    fn an_unclosed_table_runs_to_the_end() {
        let text = "前\n<table><tr><td>1</td></tr>\n后";
        assert_eq!(texts(&split(text)), vec!["前\n", "<table><tr><td>1</td></tr>\n后"]);
    }
}
