//! The streaming HTML reader: a tokenizer and a tree builder for the part of HTML5 that
//! report pages use, giving the nodes html5ever's tree would hold, in document order,
//! without building a DOM.
//!
//! It follows the HTML5 parsing algorithm (as html5ever implements it) for what it models:
//! the implied `<html>`, `<head>` and `<body>`, `<head>` content after `</head>`, unclosed
//! `<p>`, `<li>`, `<dd>`, cells and rows, implied `<tbody>`, `<tr>` and `<colgroup>`,
//! headings closing headings, stray end tags, `</p>` without `<p>`, `</br>`, the form
//! pointer, `<select>` with options, comments, raw text (`<script>`, with its escapes,
//! `<style>`, `<title>`, `<textarea>`, ...), character references (the full table) and
//! quirks mode as far as it matters here (a `<table>` closing a `<p>`).
//!
//! Where html5ever would do something it does not model it declines with the reason
//! ([`Unsure`]) and the caller builds html5ever's DOM instead: anything html5ever would move
//! out of a table (foster parenting: text or tags directly in a table, a table directly in a
//! table), a formatting element (`<b>`, `<font>`, `<a>`, ...) closed by something else
//! than its own end tag outside a cell (html5ever reopens it later), the adoption agency,
//! `<html>` or `<body>` repeated with attributes, captions, templates, frames, SVG and
//! MathML, ruby, `<object>`, `<plaintext>`, NUL characters, a document ending inside a
//! character reference or a doctype, an unknown doctype where quirks mode would matter,
//! nesting deeper than [`MAX_DEPTH`]. The differential test (tests/readers/html_stream.rs)
//! holds both readers to the same `Document`.

use std::borrow::Cow;

use markup5ever::data::{C1_REPLACEMENTS, NAMED_ENTITIES};
use memchr::{memchr, memchr2};

use super::{El, Node, Step, Tree, Unsure};

type R<T> = Result<T, Unsure>;

fn unsure<T>(why: &'static str) -> R<T> {
    Err(Unsure(why))
}

/// Deepest nesting followed; deeper pages go to html5ever.
const MAX_DEPTH: usize = 400;

/// The attributes the reader looks at; others are not kept.
const KEPT: [&str; 10] =
    ["class", "id", "colspan", "rowspan", "src", "name", "property", "itemprop", "content", "type"];
const TYPE: u8 = 9;

type Name = Cow<'static, str>;

enum Kind {
    /// The document, a doctype, a comment.
    Other,
    Text(String),
    Element {
        name: Name,
        attrs: (u32, u32),
    },
}

/// A parsed page: its nodes and the order they open and close in.
pub(super) struct Flat {
    nodes: Vec<Kind>,
    attrs: Vec<(u8, String)>,
    order: Vec<(Step, u32)>,
}

struct FlatEl<'a> {
    name: &'a str,
    attrs: &'a [(u8, String)],
}

impl El for FlatEl<'_> {
    fn name(&self) -> &str {
        self.name
    }
    fn attr(&self, name: &str) -> Option<&str> {
        if self.attrs.is_empty() {
            return None;
        }
        let k = KEPT.iter().position(|k| *k == name)? as u8;
        self.attrs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str())
    }
}

impl Tree for Flat {
    fn each(&self, visit: &mut dyn FnMut(Step, &Node) -> bool) {
        for &(step, id) in &self.order {
            let el;
            let node = match self.nodes.get(id as usize) {
                Some(Kind::Text(t)) => Node::Text(t.as_str()),
                Some(Kind::Element { name, attrs: (a, b) }) => {
                    el = FlatEl { name, attrs: self.attrs.get(*a as usize..*b as usize).unwrap_or_default() };
                    Node::Element(&el)
                }
                _ => Node::Other,
            };
            if !visit(step, &node) {
                return;
            }
        }
    }

    fn size_hint(&self) -> usize {
        self.nodes.len()
    }
}

/// Parse decoded page text, or say why the streaming reader cannot be sure.
pub(super) fn parse(text: &str) -> R<Flat> {
    if memchr(0, text.as_bytes()).is_some() {
        return unsure("NUL characters");
    }
    // The input stream's preprocessing: CR LF and CR become LF; a leading BOM is dropped.
    let normalized;
    let mut src = text;
    if memchr(b'\r', src.as_bytes()).is_some() {
        normalized = src.replace("\r\n", "\n").replace('\r', "\n");
        src = &normalized;
    }
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let mut builder = Builder::new(src.len());
    tokenize(src, &mut builder)?;
    builder.finish()
}

// ---------------------------------------------------------------------------------------
// Tokenizer

#[derive(Default)]
struct Tag {
    name: String,
    attrs: Vec<(u8, String)>,
    /// Whether the tag has any attribute at all (kept or not).
    any_attrs: bool,
}

impl Tag {
    fn attr(&self, k: u8) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.as_str())
    }
}

/// The index in [`KEPT`] of an attribute name (in any case), if it is kept.
fn kept_attr(name: &str) -> Option<u8> {
    // Most attributes (style, width, href, ...) are rejected by their length alone.
    if !matches!(name.len(), 2..=5 | 7 | 8) {
        return None;
    }
    KEPT.iter().position(|k| k.eq_ignore_ascii_case(name)).map(|k| k as u8)
}

/// How the text after a start tag is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raw {
    No,
    Rawtext,
    Rcdata,
    Script,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b' ')
}

fn tokenize(src: &str, b: &mut Builder) -> R<()> {
    let bytes = src.as_bytes();
    let len = bytes.len();
    let mut pos = 0usize;
    let mut text = String::new();
    let mut tag = Tag::default();
    loop {
        let next = memchr2(b'<', b'&', bytes.get(pos..).unwrap_or_default()).map_or(len, |k| pos + k);
        text.push_str(src.get(pos..next).unwrap_or_default());
        pos = next;
        let Some(&c) = bytes.get(pos) else { break };
        if c == b'&' {
            pos = char_ref(src, pos, false, false, &mut text)?;
            continue;
        }
        match bytes.get(pos + 1) {
            Some(b'!') => {
                flush(b, &mut text)?;
                let rest = bytes.get(pos + 2..).unwrap_or_default();
                if rest.starts_with(b"--") {
                    let body = pos + 4;
                    let tail = bytes.get(body..).unwrap_or_default();
                    pos = if tail.starts_with(b">") {
                        body + 1
                    } else if tail.starts_with(b"->") {
                        body + 2
                    } else {
                        // The comment ends at the first `-->` or `--!>`. The rarer `--!>` is
                        // looked for only before the first `-->` (a `--!>` that starts
                        // earlier ends earlier too): not through the rest of the page for
                        // every comment.
                        let a = memchr::memmem::find(tail, b"-->");
                        let before_a = tail.get(..a.map_or(tail.len(), |k| k + 3)).unwrap_or_default();
                        match (memchr::memmem::find(before_a, b"--!>"), a) {
                            (Some(k), _) => body + k + 4,
                            (None, Some(k)) => body + k + 3,
                            (None, None) => len,
                        }
                    };
                    b.comment();
                } else if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
                    let Some(k) = memchr(b'>', &rest[7..]) else { return unsure("the document ends inside a doctype") };
                    b.doctype(src.get(pos + 9..pos + 9 + k).unwrap_or_default());
                    pos = pos + 9 + k + 1;
                } else {
                    pos = bogus_comment(bytes, pos + 2);
                    b.comment();
                }
            }
            Some(b'/') => match bytes.get(pos + 2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    flush(b, &mut text)?;
                    match read_tag(src, pos + 2, &mut tag)? {
                        Some(end) => {
                            pos = end;
                            b.end(&tag.name)?;
                        }
                        None => break,
                    }
                }
                Some(b'>') => pos += 3,
                None => {
                    text.push_str("</");
                    pos += 2;
                }
                Some(_) => {
                    flush(b, &mut text)?;
                    pos = bogus_comment(bytes, pos + 2);
                    b.comment();
                }
            },
            Some(b'?') => {
                flush(b, &mut text)?;
                pos = bogus_comment(bytes, pos + 1);
                b.comment();
            }
            Some(c) if c.is_ascii_alphabetic() => {
                flush(b, &mut text)?;
                let Some(end) = read_tag(src, pos + 1, &mut tag)? else { break };
                pos = end;
                let raw = b.start(&tag)?;
                if raw != Raw::No {
                    let stop = match raw {
                        Raw::Script => script_end(bytes, pos),
                        _ => raw_end(bytes, pos, &tag.name),
                    };
                    let content = src.get(pos..stop).unwrap_or_default();
                    if raw == Raw::Rcdata {
                        let mut decoded = String::with_capacity(content.len());
                        decode_refs(content, false, &mut decoded)?;
                        b.raw_text(&decoded);
                    } else {
                        b.raw_text(content);
                    }
                    if stop >= len {
                        break;
                    }
                    match read_tag(src, stop + 2, &mut tag)? {
                        Some(end) => {
                            pos = end;
                            b.end_raw()?;
                        }
                        None => break,
                    }
                }
            }
            _ => {
                text.push('<');
                pos += 1;
            }
        }
    }
    flush(b, &mut text)?;
    Ok(())
}

fn flush(b: &mut Builder, text: &mut String) -> R<()> {
    if !text.is_empty() {
        b.chars(text)?;
        text.clear();
    }
    Ok(())
}

/// A bogus comment from `from` to the next `>`: the position after it.
fn bogus_comment(bytes: &[u8], from: usize) -> usize {
    memchr(b'>', bytes.get(from..).unwrap_or_default()).map_or(bytes.len(), |k| from + k + 1)
}

/// Read a tag whose name starts at `at`: its lower-case name and kept attributes into
/// `tag`; the position after its `>`, or None where the document ends inside it (the tag
/// is then dropped, as html5ever drops it).
fn read_tag(src: &str, at: usize, tag: &mut Tag) -> R<Option<usize>> {
    let b = src.as_bytes();
    let len = b.len();
    tag.name.clear();
    tag.attrs.clear();
    tag.any_attrs = false;
    let mut p = at;
    while p < len && !matches!(b[p], b'\t' | b'\n' | 0x0C | b' ' | b'/' | b'>') {
        p += 1;
    }
    if p >= len {
        return Ok(None);
    }
    // Lower-cased as ASCII, as a character at a time did (other characters are kept).
    tag.name.push_str(src.get(at..p).unwrap_or_default());
    tag.name.make_ascii_lowercase();
    loop {
        while p < len && is_space(b[p]) {
            p += 1;
        }
        let Some(&c) = b.get(p) else { return Ok(None) };
        match c {
            b'>' => return Ok(Some(p + 1)),
            b'/' => {
                p += 1;
                match b.get(p) {
                    None => return Ok(None),
                    Some(b'>') => return Ok(Some(p + 1)),
                    Some(_) => continue,
                }
            }
            _ => {
                // An attribute: its name (a leading `=` belongs to it), then maybe a value.
                let ns = p;
                p += 1;
                while p < len && !matches!(b[p], b'\t' | b'\n' | 0x0C | b' ' | b'/' | b'>' | b'=') {
                    p += 1;
                }
                let name = src.get(ns..p).unwrap_or_default();
                while p < len && is_space(b[p]) {
                    p += 1;
                }
                if p >= len {
                    return Ok(None);
                }
                tag.any_attrs = true;
                let kept = kept_attr(name);
                let fresh = kept.filter(|k| !tag.attrs.iter().any(|(n, _)| n == k));
                let mut value = String::new();
                if b[p] == b'=' {
                    p += 1;
                    while p < len && is_space(b[p]) {
                        p += 1;
                    }
                    let Some(&q) = b.get(p) else { return Ok(None) };
                    match q {
                        b'"' | b'\'' => {
                            let Some(k) = memchr(q, &b[p + 1..]) else { return Ok(None) };
                            if fresh.is_some() {
                                decode_refs(src.get(p + 1..p + 1 + k).unwrap_or_default(), true, &mut value)?;
                            }
                            p = p + 1 + k + 1;
                        }
                        b'>' => {
                            if let Some(k) = fresh {
                                tag.attrs.push((k, value));
                            }
                            return Ok(Some(p + 1));
                        }
                        _ => {
                            let s = p;
                            while p < len && !matches!(b[p], b'\t' | b'\n' | 0x0C | b' ' | b'>') {
                                p += 1;
                            }
                            if p >= len {
                                return Ok(None);
                            }
                            if fresh.is_some() {
                                decode_refs(src.get(s..p).unwrap_or_default(), true, &mut value)?;
                            }
                        }
                    }
                }
                if let Some(k) = fresh {
                    tag.attrs.push((k, value));
                }
            }
        }
    }
}

/// Append `s` with its character references decoded.
fn decode_refs(s: &str, in_attr: bool, out: &mut String) -> R<()> {
    let bytes = s.as_bytes();
    let mut pos = 0;
    while let Some(k) = memchr(b'&', bytes.get(pos..).unwrap_or_default()) {
        out.push_str(s.get(pos..pos + k).unwrap_or_default());
        pos = char_ref(s, pos + k, in_attr, true, out)?;
    }
    out.push_str(s.get(pos..).unwrap_or_default());
    Ok(())
}

/// The character reference at `at` (an `&`) appended to `out`, as html5ever reads it: the
/// position after what it consumed. In a `bounded` slice (an attribute value, RCDATA) the
/// slice's end is a delimiter, not the end of the document.
fn char_ref(src: &str, at: usize, in_attr: bool, bounded: bool, out: &mut String) -> R<usize> {
    let b = src.as_bytes();
    let start = at + 1;
    match b.get(start) {
        Some(c) if c.is_ascii_alphanumeric() => {
            // The longest name in the table; prefixes of names are in it too, as (0, 0).
            let mut end = start;
            let mut matched: Option<(usize, (u32, u32))> = None;
            loop {
                let Some(&c) = b.get(end) else {
                    if bounded {
                        break;
                    }
                    return unsure("the document ends inside a character reference");
                };
                if !c.is_ascii() {
                    break;
                }
                match NAMED_ENTITIES.get(src.get(start..end + 1).unwrap_or_default()) {
                    Some(&m) => {
                        if m.0 != 0 {
                            matched = Some((end + 1 - start, m));
                        }
                        end += 1;
                    }
                    None => break,
                }
            }
            let Some((n, (c1, c2))) = matched else {
                out.push('&');
                return Ok(start);
            };
            let last = b.get(start + n - 1).copied();
            let after = b.get(start + n).copied();
            if last != Some(b';') && in_attr && after.is_some_and(|a| a == b'=' || a.is_ascii_alphanumeric()) {
                out.push('&');
                return Ok(start);
            }
            for c in [c1, c2] {
                if c != 0 {
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                }
            }
            Ok(start + n)
        }
        Some(b'#') => {
            let mut p = start + 1;
            let base = if matches!(b.get(p), Some(b'x' | b'X')) {
                p += 1;
                16
            } else {
                10
            };
            let digits = p;
            let mut num: u32 = 0;
            let mut too_big = false;
            loop {
                let Some(&c) = b.get(p) else {
                    if bounded {
                        break;
                    }
                    return unsure("the document ends inside a character reference");
                };
                let Some(d) = (c as char).to_digit(base) else { break };
                num = num.wrapping_mul(base);
                if num > 0x10FFFF {
                    too_big = true;
                }
                num = num.wrapping_add(d);
                p += 1;
            }
            if p == digits {
                out.push('&');
                return Ok(start);
            }
            if b.get(p) == Some(&b';') {
                p += 1;
            }
            let c = match num {
                n if n > 0x10FFFF || too_big => '\u{FFFD}',
                0 | 0xD800..=0xDFFF => '\u{FFFD}',
                0x80..=0x9F => C1_REPLACEMENTS
                    .get((num - 0x80) as usize)
                    .copied()
                    .flatten()
                    .or_else(|| char::from_u32(num))
                    .unwrap_or('\u{FFFD}'),
                n => char::from_u32(n).unwrap_or('\u{FFFD}'),
            };
            out.push(c);
            Ok(p)
        }
        _ => {
            out.push('&');
            Ok(start)
        }
    }
}

/// Whether `</name` followed by a space, `/` or `>` starts at `i`.
fn is_end_tag(b: &[u8], i: usize, name: &str) -> bool {
    let n = name.len();
    b.get(i + 1) == Some(&b'/')
        && b.get(i + 2..i + 2 + n).is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
        && b.get(i + 2 + n).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
}

/// Where raw text or RCDATA from `from` ends: the `<` of its end tag, or the end of input.
fn raw_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(k) = memchr(b'<', b.get(i..).unwrap_or_default()) {
        if is_end_tag(b, i + k, name) {
            return i + k;
        }
        i += k + 1;
    }
    b.len()
}

/// Where script data from `from` ends, following the script data escape states (a
/// `</script>` inside `<!-- <script> ... -->` does not end it).
fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum S {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        Double,
        DoubleDash,
        DoubleDashDash,
    }
    // The lower-case letters from `i` on, and where they end.
    let word = |i: usize| -> (usize, bool) {
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            j += 1;
        }
        (j, b.get(i..j).is_some_and(|w| w.eq_ignore_ascii_case(b"script")))
    };
    let delim = |j: usize| b.get(j).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>');
    let mut s = S::Data;
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        match s {
            S::Data => match memchr(b'<', &b[i..]) {
                None => return b.len(),
                Some(k) => {
                    i += k;
                    if is_end_tag(b, i, "script") {
                        return i;
                    }
                    if b.get(i + 1..i + 4) == Some(b"!--") {
                        s = S::EscapedDashDash;
                        i += 4;
                    } else {
                        i += 1;
                    }
                }
            },
            S::Escaped | S::EscapedDash | S::EscapedDashDash => match c {
                b'-' => {
                    s = if s == S::Escaped { S::EscapedDash } else { S::EscapedDashDash };
                    i += 1;
                }
                b'<' => {
                    if is_end_tag(b, i, "script") {
                        return i;
                    }
                    s = S::Escaped;
                    if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                        let (j, script) = word(i + 1);
                        if script && delim(j) {
                            s = S::Double;
                            i = j + 1;
                        } else {
                            i = j;
                        }
                    } else {
                        i += 1;
                    }
                }
                b'>' if s == S::EscapedDashDash => {
                    s = S::Data;
                    i += 1;
                }
                _ => {
                    s = S::Escaped;
                    i += 1;
                }
            },
            S::Double | S::DoubleDash | S::DoubleDashDash => match c {
                b'-' => {
                    s = if s == S::Double { S::DoubleDash } else { S::DoubleDashDash };
                    i += 1;
                }
                b'<' => {
                    s = S::Double;
                    if b.get(i + 1) == Some(&b'/') {
                        let (j, script) = word(i + 2);
                        if delim(j) {
                            s = if script { S::Escaped } else { S::Double };
                            i = j + 1;
                        } else {
                            i = j;
                        }
                    } else {
                        i += 1;
                    }
                }
                b'>' if s == S::DoubleDashDash => {
                    s = S::Data;
                    i += 1;
                }
                _ => {
                    s = S::Double;
                    i += 1;
                }
            },
        }
    }
    b.len()
}

// ---------------------------------------------------------------------------------------
// Tree builder

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Initial,
    BeforeHtml,
    BeforeHead,
    InHead,
    AfterHead,
    InBody,
    InTable,
    InTableBody,
    InRow,
    InCell,
    InColumnGroup,
    InSelect,
    AfterBody,
    AfterAfterBody,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quirks {
    No,
    Yes,
    Unknown,
}

/// An open element: its node, and whether it and its children sit in `<head>`.
#[derive(Clone, Copy)]
struct Entry {
    id: u32,
    own_head: bool,
    kids_head: bool,
}

/// A marker in the list of active formatting elements.
const MARKER: u32 = u32::MAX;

struct Builder {
    nodes: Vec<Kind>,
    attrs: Vec<(u8, String)>,
    /// Open and close events outside `<head>`, and of `<head>`'s content (spliced in at the end).
    main: Vec<(Step, u32)>,
    head: Vec<(Step, u32)>,
    /// The head element and where its content goes in `main`.
    head_node: Option<u32>,
    head_at: usize,
    stack: Vec<Entry>,
    mode: Mode,
    quirks: Quirks,
    form: Option<u32>,
    /// Active formatting elements (always open: the reader declines before one would be reopened).
    afe: Vec<u32>,
    skip_lf: bool,
}

const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "isindex",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

fn is_special(name: &str) -> bool {
    SPECIAL.contains(&name)
}

fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike" | "strong" | "tt" | "u"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn is_implied_end(name: &str) -> bool {
    matches!(name, "dd" | "dt" | "li" | "option" | "optgroup" | "p" | "rb" | "rp" | "rt" | "rtc")
}

/// Boundaries of "has an element in scope".
#[derive(Clone, Copy)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
    Select,
}

fn bounds(scope: Scope, name: &str) -> bool {
    let default =
        || matches!(name, "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template");
    match scope {
        Scope::Default => default(),
        Scope::Button => default() || name == "button",
        Scope::ListItem => default() || name == "ol" || name == "ul",
        Scope::Table => matches!(name, "html" | "table" | "template"),
        Scope::Select => !matches!(name, "optgroup" | "option"),
    }
}

fn is_ws(s: &str) -> bool {
    s.bytes().all(is_space)
}

/// `s` split after its leading whitespace.
fn split_ws(s: &str) -> (&str, &str) {
    let k = s.bytes().position(|c| !is_space(c)).unwrap_or(s.len());
    s.split_at(k)
}

/// Common element names, shared rather than allocated.
fn intern(name: &str) -> Name {
    const NAMES: &[&str] = &[
        "a", "b", "body", "br", "div", "em", "font", "form", "h1", "h2", "h3", "h4", "head", "hr", "html", "i", "img",
        "input", "li", "link", "meta", "ol", "option", "p", "script", "span", "strong", "style", "table", "tbody",
        "td", "th", "title", "tr", "u", "ul",
    ];
    match NAMES.iter().find(|n| **n == name) {
        Some(n) => Cow::Borrowed(n),
        None => Cow::Owned(name.to_string()),
    }
}

impl Builder {
    /// A builder for a page of `len` bytes: room for about one node per 32 bytes (portal
    /// pages have a tag every 20–90), at most 65,536, made at once rather than grown by
    /// copies.
    fn new(len: usize) -> Builder {
        let room = (len / 32).clamp(16, 1 << 16);
        let mut nodes = Vec::with_capacity(room);
        nodes.push(Kind::Other);
        let mut main = Vec::with_capacity(2 * room);
        main.push((Step::Open, 0));
        Builder {
            nodes,
            attrs: Vec::new(),
            main,
            head: Vec::new(),
            head_node: None,
            head_at: 0,
            stack: Vec::new(),
            mode: Mode::Initial,
            quirks: Quirks::Yes,
            form: None,
            afe: Vec::new(),
            skip_lf: false,
        }
    }

    fn name(&self, id: u32) -> &str {
        match self.nodes.get(id as usize) {
            Some(Kind::Element { name, .. }) => name,
            _ => "",
        }
    }

    fn current(&self) -> &str {
        self.stack.last().map_or("", |e| self.name(e.id))
    }

    fn current_id(&self) -> Option<u32> {
        self.stack.last().map(|e| e.id)
    }

    /// Where the children of the current node go.
    fn kids_head(&self) -> bool {
        self.stack.last().is_some_and(|e| e.kids_head)
    }

    fn events(&mut self, in_head: bool) -> &mut Vec<(Step, u32)> {
        if in_head {
            &mut self.head
        } else {
            &mut self.main
        }
    }

    fn insert(&mut self, name: &str, tag: Option<&Tag>) -> R<u32> {
        if self.stack.len() >= MAX_DEPTH {
            return unsure("nesting deeper than the streaming reader follows");
        }
        let id = self.nodes.len() as u32;
        let a = self.attrs.len() as u32;
        if let Some(t) = tag {
            self.attrs.extend(t.attrs.iter().cloned());
        }
        let b = self.attrs.len() as u32;
        self.nodes.push(Kind::Element { name: intern(name), attrs: (a, b) });
        let own_head = self.kids_head();
        let is_head = name == "head" && self.head_node.is_none();
        self.events(own_head).push((Step::Open, id));
        if is_head {
            self.head_node = Some(id);
            self.head_at = self.main.len();
        }
        self.stack.push(Entry { id, own_head, kids_head: own_head || is_head });
        Ok(id)
    }

    fn insert_void(&mut self, name: &str, tag: Option<&Tag>) -> R<()> {
        self.insert(name, tag)?;
        self.pop()
    }

    fn insert_text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let in_head = self.kids_head();
        let last = self.events(in_head).last().copied();
        if let Some((Step::Close, id)) = last {
            if let Some(Kind::Text(t)) = self.nodes.get_mut(id as usize) {
                t.push_str(s);
                return;
            }
        }
        let id = self.nodes.len() as u32;
        self.nodes.push(Kind::Text(s.to_string()));
        let ev = self.events(in_head);
        ev.push((Step::Open, id));
        ev.push((Step::Close, id));
    }

    fn insert_other(&mut self) {
        let id = self.nodes.len() as u32;
        self.nodes.push(Kind::Other);
        let ev = self.events(self.kids_head());
        ev.push((Step::Open, id));
        ev.push((Step::Close, id));
    }

    /// Pop the current node. A formatting element still in the list would be reopened by
    /// html5ever: the reader declines.
    fn pop(&mut self) -> R<()> {
        let Some(e) = self.stack.pop() else { return Ok(()) };
        if self.afe.contains(&e.id) {
            return unsure("a formatting element closed by another tag (html5ever reopens it)");
        }
        if Some(e.id) != self.head_node {
            self.events(e.own_head).push((Step::Close, e.id));
        }
        Ok(())
    }

    fn pop_until(&mut self, pred: impl Fn(&str) -> bool) -> R<()> {
        while let Some(e) = self.stack.last().copied() {
            let done = pred(self.name(e.id));
            self.pop()?;
            if done {
                break;
            }
        }
        Ok(())
    }

    fn in_scope(&self, scope: Scope, pred: impl Fn(&str) -> bool) -> bool {
        for e in self.stack.iter().rev() {
            let n = self.name(e.id);
            if pred(n) {
                return true;
            }
            if bounds(scope, n) {
                return false;
            }
        }
        false
    }

    fn has(&self, scope: Scope, name: &str) -> bool {
        self.in_scope(scope, |n| n == name)
    }

    fn generate_implied(&mut self, except: &str) -> R<()> {
        while is_implied_end(self.current()) && self.current() != except {
            self.pop()?;
        }
        Ok(())
    }

    fn close_p(&mut self) -> R<()> {
        self.generate_implied("p")?;
        self.pop_until(|n| n == "p")
    }

    fn close_p_in_button_scope(&mut self) -> R<()> {
        if self.has(Scope::Button, "p") {
            self.close_p()?;
        }
        Ok(())
    }

    fn clear_to(&mut self, context: &[&str]) -> R<()> {
        while !self.stack.is_empty() && !context.contains(&self.current()) {
            self.pop()?;
        }
        Ok(())
    }

    fn close_cell(&mut self) -> R<()> {
        self.generate_implied("")?;
        if let Some(k) = self.afe.iter().rposition(|&x| x == MARKER) {
            self.afe.truncate(k);
        } else {
            self.afe.clear();
        }
        self.pop_until(|n| n == "td" || n == "th")?;
        self.mode = Mode::InRow;
        Ok(())
    }

    fn reset_mode(&mut self) -> R<()> {
        for (i, e) in self.stack.iter().enumerate().rev() {
            let last = i == 0;
            self.mode = match self.name(e.id) {
                "select" | "caption" | "template" | "frameset" => {
                    return unsure("a table closed inside a select or caption")
                }
                "td" | "th" if !last => Mode::InCell,
                "tr" => Mode::InRow,
                "tbody" | "thead" | "tfoot" => Mode::InTableBody,
                "colgroup" => Mode::InColumnGroup,
                "table" => Mode::InTable,
                "head" if !last => Mode::InHead,
                "body" => Mode::InBody,
                "html" => {
                    if self.head_node.is_none() {
                        Mode::BeforeHead
                    } else {
                        Mode::AfterHead
                    }
                }
                _ if last => Mode::InBody,
                _ => continue,
            };
            return Ok(());
        }
        self.mode = Mode::InBody;
        Ok(())
    }

    // --- tokens -------------------------------------------------------------------------

    fn doctype(&mut self, content: &str) {
        if self.mode != Mode::Initial {
            return;
        }
        self.quirks = quirks_of(content);
        self.insert_other();
        self.mode = Mode::BeforeHtml;
    }

    fn comment(&mut self) {
        self.skip_lf = false;
        if !matches!(self.mode, Mode::AfterBody | Mode::AfterAfterBody) {
            // Before `<html>` the stack is empty and the comment is the document's child.
            self.insert_other();
        }
    }

    fn chars(&mut self, s: &str) -> R<()> {
        let mut s = s;
        if std::mem::take(&mut self.skip_lf) {
            s = s.strip_prefix('\n').unwrap_or(s);
        }
        loop {
            if s.is_empty() {
                return Ok(());
            }
            match self.mode {
                Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead => {
                    s = split_ws(s).1;
                    if !s.is_empty() {
                        self.anything_else_before_body()?;
                    }
                }
                Mode::InHead | Mode::AfterHead | Mode::InColumnGroup => {
                    let (ws, rest) = split_ws(s);
                    self.insert_text(ws);
                    s = rest;
                    if !s.is_empty() {
                        if self.mode == Mode::InColumnGroup {
                            if self.current() != "colgroup" {
                                return Ok(());
                            }
                            self.pop()?;
                            self.mode = Mode::InTable;
                        } else {
                            self.anything_else_before_body()?;
                        }
                    }
                }
                Mode::InBody | Mode::InCell | Mode::InSelect => {
                    self.insert_text(s);
                    return Ok(());
                }
                Mode::InTable | Mode::InTableBody | Mode::InRow => {
                    if matches!(self.current(), "table" | "tbody" | "tfoot" | "thead" | "tr") && is_ws(s) {
                        self.insert_text(s);
                        return Ok(());
                    }
                    return unsure("text directly inside a table (html5ever moves it before the table)");
                }
                Mode::AfterBody | Mode::AfterAfterBody => {
                    let (ws, rest) = split_ws(s);
                    self.insert_text(ws);
                    s = rest;
                    if !s.is_empty() {
                        self.mode = Mode::InBody;
                    }
                }
            }
        }
    }

    /// Text inside a raw-text element: into it, whatever the mode.
    fn raw_text(&mut self, s: &str) {
        let mut s = s;
        if std::mem::take(&mut self.skip_lf) {
            s = s.strip_prefix('\n').unwrap_or(s);
        }
        self.insert_text(s);
    }

    /// The end tag of a raw-text element: it closes.
    fn end_raw(&mut self) -> R<()> {
        self.skip_lf = false;
        self.pop()
    }

    /// The implied step before `<body>` for anything that is not whitespace or head content.
    fn anything_else_before_body(&mut self) -> R<()> {
        match self.mode {
            Mode::Initial => self.mode = Mode::BeforeHtml,
            Mode::BeforeHtml => {
                self.insert("html", None)?;
                self.mode = Mode::BeforeHead;
            }
            Mode::BeforeHead => {
                self.insert("head", None)?;
                self.mode = Mode::InHead;
            }
            Mode::InHead => {
                self.pop()?;
                self.mode = Mode::AfterHead;
            }
            Mode::AfterHead => {
                self.insert("body", None)?;
                self.mode = Mode::InBody;
            }
            _ => {}
        }
        Ok(())
    }

    fn finish(mut self) -> R<Flat> {
        while matches!(self.mode, Mode::Initial | Mode::BeforeHtml | Mode::BeforeHead | Mode::InHead | Mode::AfterHead)
        {
            self.anything_else_before_body()?;
        }
        while let Some(e) = self.stack.pop() {
            if Some(e.id) != self.head_node {
                self.events(e.own_head).push((Step::Close, e.id));
            }
        }
        let mut order = Vec::with_capacity(self.main.len() + self.head.len() + 2);
        let at = self.head_at.min(self.main.len());
        order.extend_from_slice(&self.main[..at]);
        if let Some(h) = self.head_node {
            order.append(&mut self.head);
            order.push((Step::Close, h));
        }
        order.extend_from_slice(&self.main[at..]);
        order.push((Step::Close, 0));
        Ok(Flat { nodes: self.nodes, attrs: self.attrs, order })
    }

    fn start(&mut self, t: &Tag) -> R<Raw> {
        self.skip_lf = false;
        let name = t.name.as_str();
        loop {
            match self.mode {
                Mode::Initial => self.mode = Mode::BeforeHtml,
                Mode::BeforeHtml => {
                    if name == "html" {
                        self.insert("html", Some(t))?;
                        self.mode = Mode::BeforeHead;
                        return Ok(Raw::No);
                    }
                    self.anything_else_before_body()?;
                }
                Mode::BeforeHead => match name {
                    "html" => return self.html_again(t),
                    "head" => {
                        self.insert("head", Some(t))?;
                        self.mode = Mode::InHead;
                        return Ok(Raw::No);
                    }
                    _ => self.anything_else_before_body()?,
                },
                Mode::InHead => match name {
                    "html" => return self.html_again(t),
                    "head" => return Ok(Raw::No),
                    _ => match self.head_content(t)? {
                        Some(raw) => return Ok(raw),
                        None => self.anything_else_before_body()?,
                    },
                },
                Mode::AfterHead => match name {
                    "html" => return self.html_again(t),
                    "body" => {
                        self.insert("body", Some(t))?;
                        self.mode = Mode::InBody;
                        return Ok(Raw::No);
                    }
                    "head" => return Ok(Raw::No),
                    "frameset" => return unsure("frames"),
                    _ => {
                        // Head content after `</head>` goes into the head.
                        if let Some(h) = self.head_node {
                            if matches!(
                                name,
                                "base"
                                    | "basefont"
                                    | "bgsound"
                                    | "link"
                                    | "meta"
                                    | "noframes"
                                    | "script"
                                    | "style"
                                    | "template"
                                    | "title"
                            ) {
                                self.stack.push(Entry { id: h, own_head: false, kids_head: true });
                                let raw = self.head_content(t)?.unwrap_or(Raw::No);
                                if let Some(k) = self.stack.iter().rposition(|e| e.id == h) {
                                    self.stack.remove(k);
                                }
                                return Ok(raw);
                            }
                        }
                        self.anything_else_before_body()?;
                    }
                },
                Mode::InBody => return self.in_body_start(t),
                Mode::InTable => match self.in_table_start(t)? {
                    Some(raw) => return Ok(raw),
                    None => continue,
                },
                Mode::InTableBody => match name {
                    "tr" => {
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.insert("tr", Some(t))?;
                        self.mode = Mode::InRow;
                        return Ok(Raw::No);
                    }
                    "th" | "td" => {
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.insert("tr", None)?;
                        self.mode = Mode::InRow;
                    }
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" => {
                        if !self.in_scope(Scope::Table, |n| matches!(n, "tbody" | "thead" | "tfoot")) {
                            return Ok(Raw::No);
                        }
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.pop()?;
                        self.mode = Mode::InTable;
                    }
                    _ => match self.in_table_start(t)? {
                        Some(raw) => return Ok(raw),
                        None => continue,
                    },
                },
                Mode::InRow => match name {
                    "th" | "td" => {
                        self.clear_to(&["tr", "template", "html"])?;
                        self.insert(name, Some(t))?;
                        self.mode = Mode::InCell;
                        self.afe.push(MARKER);
                        return Ok(Raw::No);
                    }
                    "caption" | "col" | "colgroup" | "tbody" | "tfoot" | "thead" | "tr" => {
                        if !self.has(Scope::Table, "tr") {
                            return Ok(Raw::No);
                        }
                        self.clear_to(&["tr", "template", "html"])?;
                        self.pop()?;
                        self.mode = Mode::InTableBody;
                    }
                    _ => match self.in_table_start(t)? {
                        Some(raw) => return Ok(raw),
                        None => continue,
                    },
                },
                Mode::InCell => match name {
                    "caption" | "col" | "colgroup" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" => {
                        if !self.in_scope(Scope::Table, |n| n == "td" || n == "th") {
                            return Ok(Raw::No);
                        }
                        self.close_cell()?;
                    }
                    _ => return self.in_body_start(t),
                },
                Mode::InColumnGroup => match name {
                    "html" => return self.html_again(t),
                    "col" => {
                        self.insert_void("col", Some(t))?;
                        return Ok(Raw::No);
                    }
                    "template" => return unsure("templates"),
                    _ => {
                        if self.current() != "colgroup" {
                            return Ok(Raw::No);
                        }
                        self.pop()?;
                        self.mode = Mode::InTable;
                    }
                },
                Mode::InSelect => match name {
                    "html" => return self.html_again(t),
                    "option" => {
                        if self.current() == "option" {
                            self.pop()?;
                        }
                        self.insert(name, Some(t))?;
                        return Ok(Raw::No);
                    }
                    "optgroup" => {
                        if self.current() == "option" {
                            self.pop()?;
                        }
                        if self.current() == "optgroup" {
                            self.pop()?;
                        }
                        self.insert(name, Some(t))?;
                        return Ok(Raw::No);
                    }
                    "script" => {
                        self.insert(name, Some(t))?;
                        return Ok(Raw::Script);
                    }
                    _ => return unsure("markup inside a select"),
                },
                Mode::AfterBody | Mode::AfterAfterBody => {
                    if name == "html" {
                        return self.html_again(t);
                    }
                    self.mode = Mode::InBody;
                }
            }
        }
    }

    /// A second `<html>`: html5ever adds its attributes to the first.
    fn html_again(&mut self, t: &Tag) -> R<Raw> {
        if t.any_attrs {
            return unsure("a repeated <html> or <body> with attributes");
        }
        Ok(Raw::No)
    }

    /// Head content (in `<head>`, or in the body where it stays in place): None for other tags.
    fn head_content(&mut self, t: &Tag) -> R<Option<Raw>> {
        let name = t.name.as_str();
        let raw = match name {
            "base" | "basefont" | "bgsound" | "link" | "meta" => {
                self.insert_void(name, Some(t))?;
                Raw::No
            }
            "title" => Raw::Rcdata,
            "noscript" | "noframes" | "style" => Raw::Rawtext,
            "script" => Raw::Script,
            "template" => return unsure("templates"),
            _ => return Ok(None),
        };
        if raw != Raw::No {
            self.insert(name, Some(t))?;
        }
        Ok(Some(raw))
    }

    fn in_table_start(&mut self, t: &Tag) -> R<Option<Raw>> {
        let name = t.name.as_str();
        match name {
            "caption" => unsure("table captions"),
            "colgroup" => {
                self.clear_to(&["table", "template", "html"])?;
                self.insert(name, Some(t))?;
                self.mode = Mode::InColumnGroup;
                Ok(Some(Raw::No))
            }
            "col" => {
                self.clear_to(&["table", "template", "html"])?;
                self.insert("colgroup", None)?;
                self.mode = Mode::InColumnGroup;
                Ok(None)
            }
            "tbody" | "tfoot" | "thead" => {
                self.clear_to(&["table", "template", "html"])?;
                self.insert(name, Some(t))?;
                self.mode = Mode::InTableBody;
                Ok(Some(Raw::No))
            }
            "td" | "th" | "tr" => {
                self.clear_to(&["table", "template", "html"])?;
                self.insert("tbody", None)?;
                self.mode = Mode::InTableBody;
                Ok(None)
            }
            "table" => unsure("a table directly inside a table"),
            "style" | "script" | "template" => Ok(Some(self.head_content(t)?.unwrap_or(Raw::No))),
            "input" if t.attr(TYPE).is_some_and(|v| v.eq_ignore_ascii_case("hidden")) => {
                self.insert_void(name, Some(t))?;
                Ok(Some(Raw::No))
            }
            "form" => {
                if self.form.is_none() {
                    let id = self.insert(name, Some(t))?;
                    self.form = Some(id);
                    self.pop()?;
                }
                Ok(Some(Raw::No))
            }
            _ => unsure("an element directly inside a table (html5ever moves it before the table)"),
        }
    }

    fn in_body_start(&mut self, t: &Tag) -> R<Raw> {
        let name = t.name.as_str();
        match name {
            "html" | "body" => return self.html_again(t),
            "base" | "basefont" | "bgsound" | "link" | "meta" | "noframes" | "script" | "style" | "template"
            | "title" => return Ok(self.head_content(t)?.unwrap_or(Raw::No)),
            "frameset" => return unsure("frames"),
            "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog" | "dir" | "div" | "dl"
            | "fieldset" | "figcaption" | "figure" | "footer" | "header" | "hgroup" | "main" | "menu" | "nav"
            | "ol" | "p" | "search" | "section" | "summary" | "ul" => {
                self.close_p_in_button_scope()?;
                self.insert(name, Some(t))?;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_p_in_button_scope()?;
                if is_heading(self.current()) {
                    self.pop()?;
                }
                self.insert(name, Some(t))?;
            }
            "pre" | "listing" => {
                self.close_p_in_button_scope()?;
                self.insert(name, Some(t))?;
                self.skip_lf = true;
            }
            "form" => {
                if self.form.is_none() {
                    self.close_p_in_button_scope()?;
                    let id = self.insert(name, Some(t))?;
                    self.form = Some(id);
                }
            }
            "li" | "dd" | "dt" => {
                let targets: &[&str] = if name == "li" { &["li"] } else { &["dd", "dt"] };
                for i in (0..self.stack.len()).rev() {
                    let n = self.name(self.stack[i].id).to_string();
                    if targets.contains(&n.as_str()) {
                        self.generate_implied(&n)?;
                        self.pop_until(|x| x == n)?;
                        break;
                    }
                    if is_special(&n) && !matches!(n.as_str(), "address" | "div" | "p") {
                        break;
                    }
                }
                self.close_p_in_button_scope()?;
                self.insert(name, Some(t))?;
            }
            "plaintext" => return unsure("<plaintext>"),
            "button" => {
                if self.has(Scope::Default, "button") {
                    self.generate_implied("")?;
                    self.pop_until(|n| n == "button")?;
                }
                self.insert(name, Some(t))?;
            }
            "a" | "nobr" => {
                let open = self.afe.iter().rev().take_while(|&&x| x != MARKER).any(|&x| self.name(x) == name);
                if open || (name == "nobr" && self.has(Scope::Default, "nobr")) {
                    return unsure("a formatting element opened inside itself (the adoption agency)");
                }
                self.insert_formatting(t)?;
            }
            "b" | "big" | "code" | "em" | "font" | "i" | "s" | "small" | "strike" | "strong" | "tt" | "u" => {
                self.insert_formatting(t)?;
            }
            "applet" | "marquee" | "object" => return unsure("<applet>, <marquee> or <object>"),
            "table" => {
                if self.has(Scope::Button, "p") {
                    match self.quirks {
                        Quirks::No => self.close_p()?,
                        Quirks::Yes => {}
                        Quirks::Unknown => return unsure("a table in a paragraph under a doctype not modelled"),
                    }
                }
                self.insert(name, Some(t))?;
                self.mode = Mode::InTable;
            }
            "area" | "br" | "embed" | "img" | "keygen" | "wbr" | "input" | "param" | "source" | "track" => {
                self.insert_void(name, Some(t))?;
            }
            "image" => self.insert_void("img", Some(t))?,
            "hr" => {
                self.close_p_in_button_scope()?;
                self.insert_void(name, Some(t))?;
            }
            "textarea" => {
                self.insert(name, Some(t))?;
                self.skip_lf = true;
                return Ok(Raw::Rcdata);
            }
            "xmp" => {
                self.close_p_in_button_scope()?;
                self.insert(name, Some(t))?;
                return Ok(Raw::Rawtext);
            }
            "iframe" | "noembed" | "noscript" => {
                self.insert(name, Some(t))?;
                return Ok(Raw::Rawtext);
            }
            "select" => {
                self.insert(name, Some(t))?;
                self.mode = Mode::InSelect;
            }
            "optgroup" | "option" => {
                if self.current() == "option" {
                    self.pop()?;
                }
                self.insert(name, Some(t))?;
            }
            "rb" | "rtc" | "rp" | "rt" => return unsure("ruby"),
            "math" | "svg" => return unsure("SVG or MathML"),
            "caption" | "col" | "colgroup" | "frame" | "head" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" => {}
            _ => {
                self.insert(name, Some(t))?;
            }
        }
        Ok(Raw::No)
    }

    fn insert_formatting(&mut self, t: &Tag) -> R<()> {
        let same = self.afe.iter().rev().take_while(|&&x| x != MARKER).filter(|&&x| self.name(x) == t.name).count();
        if same >= 3 {
            return unsure("a formatting element repeated more than three times");
        }
        let id = self.insert(&t.name, Some(t))?;
        self.afe.push(id);
        Ok(())
    }

    fn end(&mut self, name: &str) -> R<()> {
        self.skip_lf = false;
        loop {
            match self.mode {
                Mode::Initial => self.mode = Mode::BeforeHtml,
                Mode::BeforeHtml | Mode::BeforeHead => {
                    if !matches!(name, "head" | "body" | "html" | "br") {
                        return Ok(());
                    }
                    self.anything_else_before_body()?;
                }
                Mode::InHead => match name {
                    "head" => {
                        self.pop()?;
                        self.mode = Mode::AfterHead;
                        return Ok(());
                    }
                    "body" | "html" | "br" => self.anything_else_before_body()?,
                    "template" => return unsure("templates"),
                    _ => return Ok(()),
                },
                Mode::AfterHead => match name {
                    "body" | "html" | "br" => self.anything_else_before_body()?,
                    "template" => return unsure("templates"),
                    _ => return Ok(()),
                },
                Mode::InBody => return self.in_body_end(name),
                Mode::InTable => return self.in_table_end(name),
                Mode::InTableBody => match name {
                    "tbody" | "tfoot" | "thead" => {
                        if !self.has(Scope::Table, name) {
                            return Ok(());
                        }
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.pop()?;
                        self.mode = Mode::InTable;
                        return Ok(());
                    }
                    "table" => {
                        if !self.in_scope(Scope::Table, |n| matches!(n, "tbody" | "thead" | "tfoot")) {
                            return Ok(());
                        }
                        self.clear_to(&["tbody", "tfoot", "thead", "template", "html"])?;
                        self.pop()?;
                        self.mode = Mode::InTable;
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" | "tr" => return Ok(()),
                    _ => return self.in_table_end(name),
                },
                Mode::InRow => match name {
                    "tr" => {
                        if !self.has(Scope::Table, "tr") {
                            return Ok(());
                        }
                        self.clear_to(&["tr", "template", "html"])?;
                        self.pop()?;
                        self.mode = Mode::InTableBody;
                        return Ok(());
                    }
                    "table" | "tbody" | "tfoot" | "thead" => {
                        if name != "table" && !self.has(Scope::Table, name) {
                            return Ok(());
                        }
                        if !self.has(Scope::Table, "tr") {
                            return Ok(());
                        }
                        self.clear_to(&["tr", "template", "html"])?;
                        self.pop()?;
                        self.mode = Mode::InTableBody;
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" | "td" | "th" => return Ok(()),
                    _ => return self.in_table_end(name),
                },
                Mode::InCell => match name {
                    "td" | "th" => {
                        if !self.has(Scope::Table, name) {
                            return Ok(());
                        }
                        self.close_cell()?;
                        return Ok(());
                    }
                    "body" | "caption" | "col" | "colgroup" | "html" => return Ok(()),
                    "table" | "tbody" | "tfoot" | "thead" | "tr" => {
                        if !self.has(Scope::Table, name) {
                            return Ok(());
                        }
                        self.close_cell()?;
                    }
                    _ => return self.in_body_end(name),
                },
                Mode::InColumnGroup => match name {
                    "colgroup" => {
                        if self.current() == "colgroup" {
                            self.pop()?;
                            self.mode = Mode::InTable;
                        }
                        return Ok(());
                    }
                    "col" => return Ok(()),
                    "template" => return unsure("templates"),
                    _ => {
                        if self.current() != "colgroup" {
                            return Ok(());
                        }
                        self.pop()?;
                        self.mode = Mode::InTable;
                    }
                },
                Mode::InSelect => {
                    match name {
                        "optgroup" => {
                            let n = self.stack.len();
                            if self.current() == "option" && n >= 2 && self.name(self.stack[n - 2].id) == "optgroup" {
                                self.pop()?;
                            }
                            if self.current() == "optgroup" {
                                self.pop()?;
                            }
                        }
                        "option" => {
                            if self.current() == "option" {
                                self.pop()?;
                            }
                        }
                        "select" => {
                            if self.has(Scope::Select, "select") {
                                self.pop_until(|n| n == "select")?;
                                self.reset_mode()?;
                            }
                        }
                        _ => return unsure("markup inside a select"),
                    }
                    return Ok(());
                }
                Mode::AfterBody => {
                    if name == "html" {
                        self.mode = Mode::AfterAfterBody;
                        return Ok(());
                    }
                    self.mode = Mode::InBody;
                }
                Mode::AfterAfterBody => self.mode = Mode::InBody,
            }
        }
    }

    fn in_table_end(&mut self, name: &str) -> R<()> {
        match name {
            "table" => {
                if self.has(Scope::Table, "table") {
                    self.pop_until(|n| n == "table")?;
                    self.reset_mode()?;
                }
                Ok(())
            }
            "body" | "caption" | "col" | "colgroup" | "html" | "tbody" | "td" | "tfoot" | "th" | "thead" | "tr" => {
                Ok(())
            }
            _ => unsure("an end tag directly inside a table"),
        }
    }

    fn in_body_end(&mut self, name: &str) -> R<()> {
        match name {
            "template" => unsure("templates"),
            "body" | "html" => {
                if self.has(Scope::Default, "body") {
                    self.mode = if name == "html" { Mode::AfterAfterBody } else { Mode::AfterBody };
                }
                Ok(())
            }
            "address" | "article" | "aside" | "blockquote" | "button" | "center" | "details" | "dialog" | "dir"
            | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "header" | "hgroup" | "listing"
            | "main" | "menu" | "nav" | "ol" | "pre" | "search" | "section" | "summary" | "ul" => {
                if self.has(Scope::Default, name) {
                    self.generate_implied("")?;
                    self.pop_until(|n| n == name)?;
                }
                Ok(())
            }
            "form" => {
                let Some(node) = self.form.take() else { return Ok(()) };
                let in_scope = {
                    let mut found = false;
                    for e in self.stack.iter().rev() {
                        if e.id == node {
                            found = true;
                            break;
                        }
                        if bounds(Scope::Default, self.name(e.id)) {
                            break;
                        }
                    }
                    found
                };
                if !in_scope {
                    return Ok(());
                }
                self.generate_implied("")?;
                if self.current_id() != Some(node) {
                    return unsure("a form closed around open elements");
                }
                self.pop()
            }
            "p" => {
                if !self.has(Scope::Button, "p") {
                    self.insert("p", None)?;
                }
                self.close_p()
            }
            "li" => {
                if self.has(Scope::ListItem, "li") {
                    self.generate_implied("li")?;
                    self.pop_until(|n| n == "li")?;
                }
                Ok(())
            }
            "dd" | "dt" => {
                if self.has(Scope::Default, name) {
                    self.generate_implied(name)?;
                    self.pop_until(|n| n == name)?;
                }
                Ok(())
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                if self.in_scope(Scope::Default, is_heading) {
                    self.generate_implied("")?;
                    self.pop_until(is_heading)?;
                }
                Ok(())
            }
            "applet" | "marquee" | "object" => {
                if self.has(Scope::Default, name) {
                    return unsure("<applet>, <marquee> or <object>");
                }
                Ok(())
            }
            "br" => self.insert_void("br", None),
            _ if is_formatting(name) => self.adoption(name),
            _ => self.any_other_end(name),
        }
    }

    /// The adoption agency for `</name>` of a formatting element, in the cases that need no
    /// adoption: the element is the current node, or only ordinary elements are above it.
    fn adoption(&mut self, name: &str) -> R<()> {
        if self.current() == name && !self.current_id().is_some_and(|id| self.afe.contains(&id)) {
            return self.pop();
        }
        let entry = self.afe.iter().rposition(|&x| x == MARKER).map_or(0, |k| k + 1);
        let Some(k) = self.afe.get(entry..).and_then(|l| l.iter().rposition(|&x| self.name(x) == name)) else {
            return self.any_other_end(name);
        };
        let fe = self.afe[entry + k];
        let Some(at) = self.stack.iter().rposition(|e| e.id == fe) else {
            return unsure("a formatting element closed after it was closed");
        };
        let mut in_scope = false;
        for e in self.stack.iter().rev() {
            if e.id == fe {
                in_scope = true;
                break;
            }
            if bounds(Scope::Default, self.name(e.id)) {
                break;
            }
        }
        if !in_scope {
            return Ok(());
        }
        if self.stack[at + 1..].iter().any(|e| is_special(self.name(e.id))) {
            return unsure("misnested formatting elements (the adoption agency)");
        }
        self.afe.remove(entry + k);
        while self.stack.len() > at {
            self.pop()?;
        }
        Ok(())
    }

    fn any_other_end(&mut self, name: &str) -> R<()> {
        for i in (0..self.stack.len()).rev() {
            let n = self.name(self.stack[i].id);
            if n == name {
                self.generate_implied(name)?;
                while self.stack.len() > i {
                    self.pop()?;
                }
                return Ok(());
            }
            if is_special(n) {
                return Ok(());
            }
        }
        Ok(())
    }
}

/// Quirks mode from a doctype's content (after `<!DOCTYPE`), where it can be told.
fn quirks_of(content: &str) -> Quirks {
    let lower = content.trim_matches(|c: char| c.is_ascii_whitespace()).to_ascii_lowercase();
    if lower == "html" {
        return Quirks::No;
    }
    let Some(rest) = lower.strip_prefix("html") else { return Quirks::Unknown };
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let Some(rest) = rest.strip_prefix("public") else { return Quirks::Unknown };
    // Quoted identifiers: the public one, then perhaps a system one.
    let mut ids = Vec::new();
    let mut r = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
    while let Some(q) = r.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let Some(end) = r[1..].find(q) else { return Quirks::Unknown };
        ids.push(r[1..1 + end].to_string());
        r = r[end + 2..].trim_start_matches(|c: char| c.is_ascii_whitespace());
    }
    if !r.is_empty() || ids.is_empty() || ids.len() > 2 {
        return Quirks::Unknown;
    }
    let public = ids[0].as_str();
    let system = ids.len() == 2;
    if public.starts_with("-//w3c//dtd xhtml 1.0 transitional//")
        || public.starts_with("-//w3c//dtd xhtml 1.0 frameset//")
    {
        return Quirks::No;
    }
    if public.starts_with("-//w3c//dtd html 4.01 transitional//")
        || public.starts_with("-//w3c//dtd html 4.01 frameset//")
    {
        return if system { Quirks::No } else { Quirks::Yes };
    }
    if matches!(public, "-//w3c//dtd html 4.01//en" | "-//w3c//dtd xhtml 1.0 strict//en" | "-//w3c//dtd xhtml 1.1//en")
    {
        return Quirks::No;
    }
    Quirks::Unknown
}
