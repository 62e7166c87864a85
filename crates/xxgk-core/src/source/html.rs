//! HTML reader.
//!
//! Reports are published as pages of a government portal: the report sits in an article
//! container among menus, sidebars and footers, often as Word-export markup where one label
//! (or one number) is split over several `<span>`s. The reader:
//!
//! 1. decodes the bytes the way a browser would ([`decode`]): BOM, then a `<meta>` charset
//!    in the first bytes, then detection — with one deliberate difference: bytes that are
//!    valid UTF-8 are read as UTF-8 even when the page declares GB2312/GBK, because CMSs
//!    copy stale meta tags;
//! 2. parses as an HTML5 browser would, repairing unclosed cells and stray tags: first with
//!    the streaming reader (`stream`: its own tokenizer and tree builder, no DOM), which
//!    declines with a reason wherever it cannot be sure to build what html5ever builds
//!    (foster parenting, reopened formatting elements, ...); then, if it declined, with
//!    html5ever (through `scraper`), the reference. Both give the same nodes in the same
//!    order to the steps below (`Tree`), so they give the same document;
//! 3. picks the article body: starting from `<body>`, it descends into a child while that
//!    child holds at least 70 % of the page's text outside links, unless a sibling holds a
//!    short text reading like a report title (年度报告, 工作报告) or a table with real text;
//! 4. emits one [`Block::Paragraph`] per block element of that body and one
//!    [`Block::Table`] per table, in document order. A table nested in a cell is its own
//!    block, emitted right *after* the table that contains it; its text is not part of the
//!    outer cell.
//!
//! Text everywhere: runs across inline elements are joined; `<br>` and block elements
//! break lines; `&nbsp;` and U+3000 are spaces; spaces collapse; a source line break between
//! two CJK characters disappears (Word exports wrap lines inside a label); lines are
//! trimmed and empty lines dropped. Outside tables every line is a paragraph.
//!
//! Merged cells are expanded (see [`super::Span`]) with limits: at most [`MAX_COLS`]
//! columns, a `rowspan` never reaches past the table's last row, and the whole document
//! holds at most [`MAX_GRID_CELLS`] grid positions, so hostile input cannot exhaust memory.
//! Traversal is iterative, so deep nesting cannot overflow the stack.

use std::sync::OnceLock;

use anyhow::{bail, Result};
use encoding_rs::{Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};
use regex::bytes::Regex;
use scraper::{Html, Node as DomNode};

use super::{Block, Cell, Document, Span, Table};

mod stream;

/// Widest table grid kept; cells beyond it are dropped (with a warning).
pub const MAX_COLS: usize = 1000;
/// Most grid positions (own cells and merge copies) one document may hold.
pub const MAX_GRID_CELLS: usize = 2_000_000;
/// Most bytes of text copied into merge copies, per document; further copies are left empty.
const MAX_COPY_BYTES: usize = 64 * 1024 * 1024;
/// How many leading bytes are searched for a `<meta>` charset.
const PRESCAN_BYTES: usize = 4096;
/// Marks a line break of the HTML source inside text (collapsible, vanishes between CJK).
const SOFT_BREAK: char = '\u{1}';

/// Read an HTML page into a document.
pub fn read(bytes: &[u8]) -> Result<Document> {
    read_parts(bytes).map(|(doc, _)| doc)
}

/// Read a saved HTML page, with the pictures inside its report body read by OCR where
/// their files exist beside it (`page.html` + `page_files/…`): a table published as an
/// image reads like an HTML table, in place. Only relative `src` paths that stay inside
/// the page's directory are followed; icons (under 64×32 pixels), remote and missing
/// pictures are skipped. With `--ocr never` pictures are ignored as before.
pub fn read_with_pictures(bytes: &[u8], path: &std::path::Path, limits: &super::Limits) -> Result<Document> {
    // The page's folder, looked up on the disk at the first picture only.
    let mut base: Option<Option<std::path::PathBuf>> = None;
    read_with_picture_source(bytes, limits, |src| {
        let base = base.get_or_insert_with(|| {
            path.parent()
                .map(|p| if p.as_os_str().is_empty() { std::path::Path::new(".") } else { p })
                .and_then(|p| p.canonicalize().ok())
        });
        let file = local_picture(base.as_deref()?, src)?;
        super::read_file(&file, limits).ok()
    })
}

/// Read a page, with the pictures inside its report body read by OCR: `fetch` gives the
/// bytes of a picture by its `src` (a file beside a saved page, a part of a web archive),
/// or nothing. Icons (under 64×32 pixels) and what is not a picture are skipped.
pub fn read_with_picture_source(
    bytes: &[u8],
    limits: &super::Limits,
    mut fetch: impl FnMut(&str) -> Option<Vec<u8>>,
) -> Result<Document> {
    use super::{image, ocr::OcrMode};
    let (mut doc, pictures) = read_parts(bytes)?;
    if pictures.is_empty() || limits.ocr.mode == OcrMode::Never {
        return Ok(doc);
    }
    let mut found: Vec<(usize, Vec<u8>)> = Vec::new();
    for (at, src) in pictures {
        let Some(bytes) = data_picture(&src).or_else(|| fetch(&src)) else { continue };
        if !image::keep(&mut found, &mut doc.warnings, at, &src, image::Part::Bytes(bytes)) {
            break;
        }
    }
    image::read_into(&mut doc, found, limits)?;
    Ok(doc)
}

/// The bytes of a picture given inside its address, `data:image/png;base64,…` (what a web
/// editor keeps of a screenshot pasted into it), or nothing.
fn data_picture(src: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let src = src.trim();
    let rest = src.get(..5).filter(|scheme| scheme.eq_ignore_ascii_case("data:")).map(|_| &src[5..])?;
    let (head, data) = rest.split_once(',')?;
    if !head.to_ascii_lowercase().ends_with(";base64") {
        return None;
    }
    let data: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let data = percent_decode(&data).unwrap_or(data);
    base64::engine::general_purpose::STANDARD_NO_PAD.decode(data.trim_end_matches('=')).ok()
}

/// The local file a picture's `src` names, if it is a relative path inside `base`.
fn local_picture(base: &std::path::Path, src: &str) -> Option<std::path::PathBuf> {
    let src = src.trim();
    let lower = src.to_ascii_lowercase();
    if src.is_empty()
        || src.starts_with('/')
        || src.starts_with('\\')
        || lower.contains("://")
        || lower.starts_with("data:")
        || lower.starts_with("//")
    {
        return None;
    }
    let src = src.split(['?', '#']).next()?;
    let decoded = percent_decode(src)?;
    let file = base.join(decoded).canonicalize().ok()?;
    (file.starts_with(base) && file.is_file()).then_some(file)
}

/// `%XX` escapes of a URL path decoded (as UTF-8); None when they do not make text.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Read a page into a document and the pictures of its body: (block index where the
/// picture stands, its `src`). The streaming reader ([`stream`]) is tried first; where it
/// cannot be sure it builds what html5ever would, html5ever's DOM is built instead.
fn read_parts(bytes: &[u8]) -> Result<(Document, Vec<(usize, String)>)> {
    let (text, warnings) = decode_checked(bytes)?;
    match stream::parse(&text) {
        Ok(flat) => Ok(read_tree(&flat, warnings, Body::Article, &mut Spent::default())),
        Err(_) => Ok(read_tree(&Html::parse_document(&text), warnings, Body::Article, &mut Spent::default())),
    }
}

/// Read a piece of HTML that is all content (a table that Markdown kept as HTML): the
/// whole of it, without looking for a page's article body (which may be one of its
/// cells), nor a title or dates. The pieces of one document share one allowance of grid
/// cells and merged-cell copies, `spent` so far.
pub fn read_fragment(text: &str, spent: &mut Spent) -> Document {
    let mut doc = match stream::parse(text) {
        Ok(flat) => read_tree(&flat, Vec::new(), Body::Whole, spent).0,
        Err(_) => read_tree(&Html::parse_document(text), Vec::new(), Body::Whole, spent).0,
    };
    doc.title_hint = None;
    doc.meta.clear();
    doc
}

/// How much of a document's allowance of table cells ([`MAX_GRID_CELLS`]) and merged-cell
/// copies its tables have used.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spent {
    grid_cells: usize,
    copy_bytes: usize,
}

/// Which part of a page is read.
#[derive(Clone, Copy, PartialEq)]
enum Body {
    /// The article body the page's outline points to.
    Article,
    /// All of `<body>`.
    Whole,
}

/// Why the streaming reader declined a page: the construct it does not model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsure(pub &'static str);

/// Read a page with html5ever's DOM only (the reference the streaming reader is tested against).
pub fn read_dom(bytes: &[u8]) -> Result<Document> {
    let (text, warnings) = decode_checked(bytes)?;
    Ok(read_tree(&Html::parse_document(&text), warnings, Body::Article, &mut Spent::default()).0)
}

/// Read a page with the streaming reader only: `Ok(Err(reason))` where it would fall back
/// to the DOM.
pub fn read_stream(bytes: &[u8]) -> Result<std::result::Result<Document, Unsure>> {
    let (text, warnings) = decode_checked(bytes)?;
    Ok(stream::parse(&text).map(|flat| read_tree(&flat, warnings, Body::Article, &mut Spent::default()).0))
}

/// Decode, refusing binary data.
fn decode_checked(bytes: &[u8]) -> Result<(String, Vec<String>)> {
    let (text, warnings) = decode(bytes);
    let (controls, chars) = super::control_characters(&text);
    if controls * 20 > chars.max(1) {
        bail!("binary data (control characters), not an HTML page");
    }
    Ok((text, warnings))
}

/// The document and pictures of a parsed page, whichever parser built its tree.
fn read_tree(
    tree: &impl Tree,
    mut warnings: Vec<String>,
    body: Body,
    spent: &mut Spent,
) -> (Document, Vec<(usize, String)>) {
    let outline = Outline::build(tree);
    let root = if body == Body::Whole { outline.body } else { outline.article_root() };
    let mut emitter = Emitter::new(root, outline.end_of(root));
    (emitter.grid_cells, emitter.copy_bytes) = (spent.grid_cells, spent.copy_bytes);
    walk(tree, |step, idx, node| emitter.visit(step, idx, node));
    *spent = Spent { grid_cells: emitter.grid_cells, copy_bytes: emitter.copy_bytes };
    let pictures = std::mem::take(&mut emitter.pictures);
    let mut doc = emitter.finish();
    if doc.title_hint.is_none() {
        doc.title_hint = meta_article_title(tree).or_else(|| first_title_paragraph(&doc)).or_else(|| page_title(tree));
    }
    doc.meta = page_dates(tree);
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    (doc, pictures)
}

// ---------------------------------------------------------------------------------------
// Decoding

/// Decode page bytes to text, as a browser would, with warnings for anything doubtful.
///
/// Order: byte-order mark; `<meta charset>` or `http-equiv` content type in the first
/// 4 KiB; otherwise UTF-8 if the bytes are valid UTF-8, else a guess by `chardetng`.
/// GB2312 and GBK are decoded as GB18030 (their superset). A declaration that does not fit
/// the bytes is overruled: a page declaring a legacy encoding whose bytes are valid UTF-8
/// (with non-ASCII text) is read as UTF-8, and a page declaring UTF-8 whose bytes are not
/// UTF-8 but are clean GB18030 is read as GB18030. Replacement characters left in the
/// result are reported.
pub fn decode(bytes: &[u8]) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let text = text.into_owned();
        if had_errors {
            warnings.push(format!("bytes invalid in {} (from the byte-order mark) were replaced", enc.name()));
        }
        return (text, warnings);
    }
    // Validated with SIMD: the whole page, before anything else reads it.
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    let declared = prescan_charset(bytes);
    let encoding = match (declared, utf8) {
        (Some(enc), Some(s)) if enc != UTF_8 => {
            let multibyte = s.chars().filter(|c| !c.is_ascii()).count();
            let (_, declared_errors) = enc.decode_without_bom_handling(bytes);
            if multibyte > 0 && (declared_errors || multibyte >= 8) {
                warnings.push(format!("the page declares {} but its bytes are UTF-8; read as UTF-8", enc.name()));
                UTF_8
            } else {
                enc
            }
        }
        (Some(enc), None) if enc == UTF_8 => {
            let (_, gb_errors) = GB18030.decode_without_bom_handling(bytes);
            if gb_errors {
                enc
            } else {
                warnings.push("the page declares UTF-8 but its bytes are GB18030/GBK; read as GB18030".to_string());
                GB18030
            }
        }
        (Some(enc), _) => enc,
        (None, Some(_)) => UTF_8,
        (None, None) => {
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(bytes, true);
            let guess = legacy_superset(detector.guess(None, true));
            warnings.push(format!("no charset declared; detected {}", guess.name()));
            guess
        }
    };
    let (text, had_errors) = match utf8 {
        // Valid UTF-8 read as UTF-8 needs no decoding.
        Some(s) if encoding == UTF_8 => (s.to_string(), false),
        _ => {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            (text.into_owned(), had_errors)
        }
    };
    let replaced = memchr::memmem::find_iter(text.as_bytes(), "\u{FFFD}".as_bytes()).count();
    if had_errors || replaced > 0 {
        warnings.push(format!(
            "decoded as {} with {} replacement character(s): some text may be lost",
            encoding.name(),
            replaced
        ));
    }
    // A page a converter wrote after reading it as Latin-1 (pandoc's HTML of a GBK page).
    let mut text = text;
    if let Some(warning) = super::text::undo_latin1_misreading_of_page(&mut text) {
        warnings.push(warning.to_string());
    }
    (text, warnings)
}

/// The encoding a `<meta>` tag in the first bytes declares, if any (mapped as browsers do).
fn prescan_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: OnceLock<Regex> = OnceLock::new();
    let re = META.get_or_init(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).unwrap_or_else(|_| unreachable!())
    });
    let head = bytes.get(..bytes.len().min(PRESCAN_BYTES)).unwrap_or(bytes);
    let label = re.captures(head)?.get(1)?.as_bytes();
    let enc = Encoding::for_label(label)?;
    // A page cannot really be UTF-16 if its meta tag is readable as ASCII.
    Some(if enc == UTF_16LE || enc == UTF_16BE { UTF_8 } else { legacy_superset(enc) })
}

/// GB2312/GBK pages routinely contain GB18030-only characters: decode them as GB18030.
fn legacy_superset(enc: &'static Encoding) -> &'static Encoding {
    if enc == GBK {
        GB18030
    } else {
        enc
    }
}

// ---------------------------------------------------------------------------------------
// Traversal

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Open,
    Close,
}

/// Elements whose content is never page text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "title"
            | "select"
            | "option"
            | "textarea"
            | "button"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
    )
}

/// Elements that start and end a line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "address"
            | "center"
            | "form"
            | "fieldset"
            | "figure"
            | "figcaption"
            | "hr"
            | "table"
            | "caption"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "body"
            | "html"
            | "legend"
            | "details"
            | "summary"
    )
}

/// A node as the reading steps see it, whichever parser built the tree.
pub(crate) enum Node<'a> {
    Element(&'a dyn El),
    Text(&'a str),
    /// The document, a doctype, a comment.
    Other,
}

/// An element: its (lower-case) name and attributes.
pub(crate) trait El {
    fn name(&self) -> &str;
    fn attr(&self, name: &str) -> Option<&str>;
}

impl El for scraper::node::Element {
    fn name(&self) -> &str {
        scraper::node::Element::name(self)
    }
    fn attr(&self, name: &str) -> Option<&str> {
        scraper::node::Element::attr(self, name)
    }
}

/// A parsed page: every node in document order, without recursion.
pub(crate) trait Tree {
    /// Visit every node (children of every element included) as it opens and closes, the
    /// document node first; stop when `visit` returns false.
    fn each(&self, visit: &mut dyn FnMut(Step, &Node) -> bool);

    /// At least as many nodes as [`Tree::each`] opens, to size what is built per node; 0
    /// when not known.
    fn size_hint(&self) -> usize {
        0
    }
}

impl Tree for Html {
    fn each(&self, visit: &mut dyn FnMut(Step, &Node) -> bool) {
        let root = self.tree.root();
        let mut node = root;
        fn view(n: &DomNode) -> Node<'_> {
            match n {
                DomNode::Element(e) => Node::Element(e),
                DomNode::Text(t) => Node::Text(t),
                _ => Node::Other,
            }
        }
        loop {
            // Borrow the node's value only for the call.
            if !visit(Step::Open, &view(node.value())) {
                return;
            }
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            // Close this node and every ancestor that has no next sibling.
            loop {
                if !visit(Step::Close, &view(node.value())) || node == root {
                    return;
                }
                if let Some(sibling) = node.next_sibling() {
                    node = sibling;
                    break;
                }
                match node.parent() {
                    Some(parent) => node = parent,
                    None => return,
                }
            }
        }
    }
}

/// Visit every node in document order without recursion. Each node gets its pre-order
/// index (the same in every walk); skipped elements are visited but not entered, so their
/// descendants get no index.
fn walk(tree: &impl Tree, mut visit: impl FnMut(Step, usize, &Node)) {
    let mut next_index = 0usize;
    // Indices of the open nodes, innermost last.
    let mut open: Vec<usize> = Vec::new();
    // Depth of the skipped element being passed over, and the depth now.
    let mut skipping: Option<usize> = None;
    let mut depth = 0usize;
    tree.each(&mut |step, node| {
        match step {
            Step::Open => {
                depth += 1;
                if skipping.is_none() {
                    let idx = next_index;
                    next_index += 1;
                    visit(Step::Open, idx, node);
                    open.push(idx);
                    if matches!(node, Node::Element(e) if is_skipped(e.name())) {
                        skipping = Some(depth);
                    }
                }
            }
            Step::Close => {
                if skipping.is_none_or(|d| d == depth) {
                    skipping = None;
                    let idx = open.pop().unwrap_or_default();
                    visit(Step::Close, idx, node);
                }
                depth = depth.saturating_sub(1);
            }
        }
        true
    });
}

// ---------------------------------------------------------------------------------------
// Finding the article body

/// No node (in [`Outline`]'s child lists).
const NONE: usize = usize::MAX;

/// What one walk learns of a node (see [`Outline`]).
#[derive(Clone, Copy)]
struct Facts {
    /// Index one past the node's last descendant.
    end: usize,
    /// Element children (pre-order indices) as linked lists: the first and last element
    /// child and the next element sibling (`NONE` where there is none).
    first_child: usize,
    last_child: usize,
    next_sibling: usize,
    /// Non-whitespace characters of text outside links.
    weight: usize,
    /// Of that, characters inside tables.
    table_weight: usize,
    /// The parent (the root is its own parent).
    parent: usize,
    /// Whether some text node below (outside links) reads like a report title.
    mentions_report: bool,
    /// Whether a short element below (at most 200 characters) reads like a report title: a title.
    has_title: bool,
    /// Whether the element's class or id names an article container.
    named: bool,
    /// Whether the node is a table, a row group or a row (not a cell).
    table_frame: bool,
}

/// Per-node facts gathered in one walk, indexed by pre-order index: one record a node
/// (eleven lists before, each grown and indexed apart).
#[derive(Default)]
struct Outline {
    nodes: Vec<Facts>,
    /// The `<body>` element (or the document root).
    body: usize,
}

impl Outline {
    fn build(tree: &impl Tree) -> Outline {
        // A record per node, made room for at once (not grown by copies).
        let mut nodes: Vec<Facts> = Vec::with_capacity(tree.size_hint());
        let mut stack: Vec<usize> = Vec::new();
        let mut links = 0usize;
        let mut tables = 0usize;
        let mut body = None;
        walk(tree, |step, idx, node| match step {
            Step::Open => {
                let mut facts = Facts {
                    end: idx + 1,
                    first_child: NONE,
                    last_child: NONE,
                    next_sibling: NONE,
                    weight: 0,
                    table_weight: 0,
                    parent: stack.last().copied().unwrap_or(idx),
                    mentions_report: false,
                    has_title: false,
                    named: false,
                    table_frame: false,
                };
                match node {
                    Node::Element(e) => {
                        let name = e.name();
                        facts.table_frame =
                            matches!(name, "table" | "tbody" | "thead" | "tfoot" | "tr" | "caption" | "colgroup");
                        facts.named = names_article(e.attr("class")) || names_article(e.attr("id"));
                        if let Some(&parent) = stack.last() {
                            match nodes.get(parent).map(|p| p.last_child) {
                                Some(NONE) => {
                                    if let Some(p) = nodes.get_mut(parent) {
                                        p.first_child = idx;
                                    }
                                }
                                Some(last) => {
                                    if let Some(l) = nodes.get_mut(last) {
                                        l.next_sibling = idx;
                                    }
                                }
                                None => {}
                            }
                            if let Some(p) = nodes.get_mut(parent) {
                                p.last_child = idx;
                            }
                        }
                        match name {
                            "a" => links += 1,
                            "table" => tables += 1,
                            "body" if body.is_none() => body = Some(idx),
                            _ => {}
                        }
                    }
                    Node::Text(t) if links == 0 => {
                        let n = t.chars().filter(|c| !c.is_whitespace()).count();
                        facts.weight = n;
                        if tables > 0 {
                            facts.table_weight = n;
                        }
                        facts.mentions_report = is_title_like(t);
                    }
                    _ => {}
                }
                nodes.push(facts);
                stack.push(idx);
            }
            Step::Close => {
                stack.pop();
                if let Node::Element(e) = node {
                    match e.name() {
                        "a" => links = links.saturating_sub(1),
                        "table" => tables = tables.saturating_sub(1),
                        _ => {}
                    }
                }
                let end = nodes.len();
                let Some(own) = nodes.get_mut(idx) else { return };
                own.end = end;
                let titled =
                    matches!(node, Node::Element(_)) && own.weight > 0 && own.weight <= 200 && own.mentions_report;
                own.has_title |= titled;
                let own = *own;
                if let Some(p) = stack.last().and_then(|&parent| nodes.get_mut(parent)) {
                    p.has_title |= own.has_title;
                    p.weight += own.weight;
                    p.table_weight += own.table_weight;
                    p.mentions_report |= own.mentions_report;
                }
            }
        });
        Outline { nodes, body: body.unwrap_or(0) }
    }

    /// The facts of node `idx`; none past the last.
    fn at(&self, idx: usize) -> Option<&Facts> {
        self.nodes.get(idx)
    }

    fn weight(&self, idx: usize) -> usize {
        self.at(idx).map_or(0, |f| f.weight)
    }

    fn end_of(&self, idx: usize) -> usize {
        self.at(idx).map_or(usize::MAX, |f| f.end)
    }

    /// The element holding the article: descend from `<body>` into the child holding most
    /// of the text, as long as no sibling left behind holds the title or a table; then, if
    /// a container named like an article body (`content`, `article`, `TRS_Editor`, `zoom`,
    /// `Custom_UnionStyle`) lies below and still holds most of the text, the tables and a
    /// title (a short text reading like a report title), take the outermost such container.
    fn article_root(&self) -> usize {
        let found = self.best_container();
        // A table, row group or row cannot be the body: its table would be cut in pieces.
        let mut node = found;
        let mut guard = 0;
        while self.at(node).is_some_and(|f| f.table_frame) && guard < 100_000 {
            match self.at(node).map(|f| f.parent) {
                Some(p) if p != node => node = p,
                _ => break,
            }
            guard += 1;
        }
        node
    }

    fn best_container(&self) -> usize {
        let top = self.descend();
        let total = self.weight(self.body);
        let tables = self.at(top).map_or(0, |f| f.table_weight);
        let end = self.end_of(top).min(self.nodes.len());
        (top + 1..end)
            .find(|&i| {
                self.at(i).is_some_and(|f| {
                    f.named && f.weight * 10 >= total * 7 && f.table_weight * 10 >= tables * 9 && f.has_title
                })
            })
            .unwrap_or(top)
    }

    fn descend(&self) -> usize {
        let total = self.weight(self.body);
        let mut node = self.body;
        if total == 0 {
            return node;
        }
        loop {
            if node >= self.nodes.len() {
                return node;
            }
            let mut children = Vec::new();
            let mut kid = self.at(node).map_or(NONE, |f| f.first_child);
            while kid != NONE {
                children.push(kid);
                kid = self.at(kid).map_or(NONE, |f| f.next_sibling);
            }
            let w = |i: usize| self.weight(i);
            let Some(&dominant) = children.iter().find(|&&c| w(c) * 10 >= total * 7) else { return node };
            let keeps_something = children.iter().filter(|&&c| c != dominant).any(|&c| {
                let title = w(c) > 0 && w(c) <= 200 && self.at(c).is_some_and(|f| f.mentions_report);
                let table = self.at(c).map_or(0, |f| f.table_weight) >= 100;
                title || table
            });
            if keeps_something {
                return node;
            }
            node = dominant;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Emitting blocks

/// A cell as written: raw text (with line-break marks) and its spans.
struct RawCell {
    text: String,
    colspan: usize,
    rowspan: usize,
}

/// A table being read.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<RawCell>>,
    cell: Option<RawCell>,
    /// Text inside the table but outside any cell (a caption), emitted before the table.
    loose: String,
    /// Blocks of tables nested in this one, emitted after it.
    nested: Vec<Block>,
}

impl TableBuilder {
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            if self.rows.is_empty() {
                self.rows.push(Vec::new());
            }
            if let Some(row) = self.rows.last_mut() {
                row.push(cell);
            }
        }
    }
}

/// A heading-like element whose text is being collected for the title hint.
struct TitleCandidate {
    idx: usize,
    text: String,
}

struct Emitter {
    /// Pre-order range of the article body.
    start: usize,
    end: usize,
    blocks: Vec<Block>,
    paragraph: String,
    tables: Vec<TableBuilder>,
    titles: Vec<TitleCandidate>,
    title_hint: Option<String>,
    grid_cells: usize,
    copy_bytes: usize,
    warnings: Vec<String>,
    /// `<img>` of the body outside tables: (index of the block it stands before, `src`).
    pictures: Vec<(usize, String)>,
}

impl Emitter {
    fn new(start: usize, end: usize) -> Emitter {
        Emitter {
            start,
            end,
            blocks: Vec::new(),
            paragraph: String::new(),
            tables: Vec::new(),
            titles: Vec::new(),
            title_hint: None,
            grid_cells: 0,
            copy_bytes: 0,
            warnings: Vec::new(),
            pictures: Vec::new(),
        }
    }

    fn visit(&mut self, step: Step, idx: usize, node: &Node) {
        self.track_title(step, idx, node);
        if idx < self.start || idx >= self.end {
            return;
        }
        match (step, node) {
            (Step::Open, Node::Text(t)) => {
                let sink = self.sink();
                if has_control(t) {
                    for c in t.chars() {
                        sink.push(match c {
                            '\n' | '\r' => SOFT_BREAK,
                            c if c.is_control() => ' ',
                            c => c,
                        });
                    }
                } else {
                    // Most text: copied whole.
                    sink.push_str(t);
                }
            }
            (Step::Open, Node::Element(e)) => {
                let name = e.name();
                match name {
                    "table" => {
                        if self.tables.is_empty() {
                            self.flush_paragraph();
                        } else {
                            self.sink().push('\n');
                        }
                        self.tables.push(TableBuilder::default());
                    }
                    "tr" => {
                        if let Some(t) = self.tables.last_mut() {
                            t.close_cell();
                            t.rows.push(Vec::new());
                        } else {
                            self.line_break();
                        }
                    }
                    "td" | "th" => {
                        if let Some(t) = self.tables.last_mut() {
                            t.close_cell();
                            let colspan = span_attr(e.attr("colspan")).unwrap_or(1).clamp(1, MAX_COLS);
                            let rowspan = span_attr(e.attr("rowspan")).unwrap_or(1).min(65534);
                            t.cell = Some(RawCell { text: String::new(), colspan, rowspan });
                        } else {
                            self.line_break();
                        }
                    }
                    "br" => self.sink().push('\n'),
                    "img" if self.tables.is_empty() && self.pictures.len() < 10 * super::image::MAX_PICTURES => {
                        if let Some(src) = e.attr("src") {
                            self.flush_paragraph();
                            self.pictures.push((self.blocks.len(), src.to_string()));
                        }
                    }
                    _ if is_block(name) => self.line_break(),
                    _ => {}
                }
            }
            (Step::Close, Node::Element(e)) => {
                let name = e.name();
                match name {
                    "table" => self.close_table(),
                    "td" | "th" | "tr" => match self.tables.last_mut() {
                        Some(t) => t.close_cell(),
                        None => self.line_break(),
                    },
                    _ if is_block(name) => self.line_break(),
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// Where text goes now: the open cell, the open table's loose text, or the paragraph.
    fn sink(&mut self) -> &mut String {
        match self.tables.last_mut() {
            Some(t) => match t.cell.as_mut() {
                Some(cell) => &mut cell.text,
                None => &mut t.loose,
            },
            None => &mut self.paragraph,
        }
    }

    /// A block boundary: a new line inside a table, the end of a paragraph outside.
    fn line_break(&mut self) {
        if self.tables.is_empty() {
            self.flush_paragraph();
        } else {
            self.sink().push('\n');
        }
    }

    fn flush_paragraph(&mut self) {
        let raw = std::mem::take(&mut self.paragraph);
        push_paragraphs(&mut self.blocks, raw);
    }

    fn close_table(&mut self) {
        let Some(mut builder) = self.tables.pop() else { return };
        builder.close_cell();
        let mut out: Vec<Block> = Vec::new();
        push_paragraphs(&mut out, std::mem::take(&mut builder.loose));
        let table = self.build_grid(builder.rows);
        if !table.rows.is_empty() {
            out.push(Block::Table(table));
        }
        out.append(&mut builder.nested);
        match self.tables.last_mut() {
            Some(outer) => outer.nested.append(&mut out),
            None => self.blocks.append(&mut out),
        }
    }

    /// Expand merged cells into a grid (see the module documentation for the limits).
    fn build_grid(&mut self, rows: Vec<Vec<RawCell>>) -> Table {
        let n = rows.len();
        let mut grid: Vec<Vec<Option<Cell>>> = Vec::with_capacity(n);
        grid.resize_with(n, Vec::new);
        let mut clipped = false;
        'rows: for (r, row) in rows.into_iter().enumerate() {
            let mut c = 0usize;
            for raw in row {
                while grid.get(r).and_then(|g| g.get(c)).is_some_and(|x| x.is_some()) {
                    c += 1;
                }
                if c >= MAX_COLS {
                    clipped = true;
                    break;
                }
                let colspan = raw.colspan.min(MAX_COLS - c);
                let rowspan = if raw.rowspan == 0 { n - r } else { raw.rowspan.min(n - r) };
                let mut text = normalize_owned(raw.text);
                // A cell of one slot (most) keeps its text; a merged one copies it.
                let single = rowspan == 1 && colspan == 1;
                for dr in 0..rowspan {
                    for dc in 0..colspan {
                        if self.grid_cells >= MAX_GRID_CELLS {
                            self.warnings.push(format!(
                                "a table was cut short: the document exceeds {MAX_GRID_CELLS} table cells"
                            ));
                            break 'rows;
                        }
                        let span = match (dr, dc) {
                            (0, 0) => Span::Own,
                            (0, _) => Span::ColCopy,
                            _ => Span::RowCopy,
                        };
                        let copy = if span == Span::Own && single {
                            std::mem::take(&mut text)
                        } else if span == Span::Own {
                            text.clone()
                        } else if self.copy_bytes + text.len() <= MAX_COPY_BYTES {
                            self.copy_bytes += text.len();
                            text.clone()
                        } else {
                            clipped = true;
                            String::new()
                        };
                        let Some(line) = grid.get_mut(r + dr) else { continue };
                        let col = c + dc;
                        if line.len() <= col {
                            line.resize_with(col + 1, || None);
                        }
                        if let Some(slot) = line.get_mut(col) {
                            if slot.is_none() {
                                *slot = Some(Cell { text: copy.into(), span, ocr: None });
                                self.grid_cells += 1;
                            }
                        }
                    }
                }
                c += colspan;
            }
        }
        if clipped {
            self.warnings.push(format!(
                "a table exceeded the limits ({MAX_COLS} columns, {MAX_COPY_BYTES} bytes of merged-cell copies) and was clipped"
            ));
        }
        let rows = grid
            .into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| r.into_iter().map(Option::unwrap_or_default).collect())
            .collect();
        Table { rows }
    }

    /// Collect the text of headings and `*title*` elements anywhere in the body; the first
    /// one (innermost first) whose text reads like a report title becomes the title hint.
    fn track_title(&mut self, step: Step, idx: usize, node: &Node) {
        if self.title_hint.is_some() {
            return;
        }
        match (step, node) {
            (Step::Open, Node::Element(e)) => {
                let name = e.name();
                let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                let titled = || {
                    let has = |v: Option<&str>| v.is_some_and(|v| contains_ignore_case(v, "title"));
                    has(e.attr("class")) || has(e.attr("id"))
                };
                if self.titles.len() < 8 && (heading || titled()) {
                    self.titles.push(TitleCandidate { idx, text: String::new() });
                }
            }
            (Step::Open, Node::Text(t)) => {
                for cand in &mut self.titles {
                    if cand.text.len() < 1000 {
                        cand.text.push_str(t);
                    }
                }
            }
            (Step::Close, Node::Element(_)) => {
                let closing = match self.titles.last() {
                    Some(c) if c.idx == idx => self.titles.pop(),
                    _ => None,
                };
                if let Some(cand) = closing {
                    let text = normalize(&cand.text).replace('\n', "");
                    if is_title_like(&text) && text.chars().count() <= 100 {
                        self.title_hint = Some(text);
                    }
                }
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Document {
        while !self.tables.is_empty() {
            self.close_table();
        }
        self.flush_paragraph();
        Document {
            title_hint: self.title_hint,
            blocks: self.blocks,
            warnings: self.warnings,
            meta: Vec::new(),
            ocr: None,
            page_breaks: 0,
        }
    }
}

/// Whether text reads like (part of) a report title: 年度报告, 工作报告, 公开年报 — not merely
/// 报告, which section headings such as 六、其他需要报告的事项 contain too.
fn is_title_like(text: &str) -> bool {
    // Each word has 报: most text is rejected by one fast search.
    static BAO: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("报".as_bytes()));
    BAO.find(text.as_bytes()).is_some() && ["年度报告", "工作报告", "公开年报"].iter().any(|w| text.contains(w))
}

/// Whether `t` holds a control character (`char::is_control`: U+0000–U+001F, U+007F–U+009F,
/// line breaks among them), looked for on bytes: below 0x20, 0x7F, or C2 80–C2 9F.
fn has_control(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().any(|&c| c < 0x20 || c == 0x7F)
        || memchr::memchr_iter(0xC2, b).any(|i| b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
}

/// Whether a class or id value names a typical article container of a government CMS.
fn names_article(value: Option<&str>) -> bool {
    const NAMES: [&[u8]; 5] = [b"content", b"article", b"trs_editor", b"zoom", b"custom_unionstyle"];
    let Some(v) = value else { return false };
    // One pass: the names are compared only where a letter one of them starts with stands
    // (two thousand elements a page ask, most of them with short class names).
    let b = v.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i] | 0x20, b'c' | b'a' | b't' | b'z')
            && NAMES.iter().any(|n| b.get(i..i + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)))
    })
}

/// Whether `hay` contains `needle` (lower-case ASCII) in any ASCII case, without allocating.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty() && hay.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Push each non-empty normalized line of `raw` as a paragraph.
fn push_paragraphs(blocks: &mut Vec<Block>, raw: String) {
    let text = normalize_owned(raw);
    if memchr::memchr(b'\n', text.as_bytes()).is_none() {
        // One line (normalize leaves no empty one): the paragraph is the text.
        if !text.is_empty() {
            blocks.push(Block::Paragraph(text));
        }
        return;
    }
    for line in text.lines() {
        blocks.push(Block::Paragraph(line.to_string()));
    }
}

/// A `colspan`/`rowspan` value as browsers read it: leading digits, else none.
fn span_attr(value: Option<&str>) -> Option<usize> {
    let v = value?.trim();
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).take(6).collect();
    digits.parse().ok()
}

/// CJK characters and full-width punctuation, between which a source line break vanishes.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// [`normalize`] of a text owned: the text itself when nothing changes.
fn normalize_owned(raw: String) -> String {
    if normalizes_to_itself(&raw) {
        raw
    } else {
        normalize(&raw)
    }
}

/// Normalize collected text: lines split at `\n`; in each line `&nbsp;`, U+3000 and other
/// spaces become one space per run (none for a source line break between CJK characters);
/// zero-width characters are removed; lines are trimmed and empty ones dropped.
fn normalize(raw: &str) -> String {
    if normalizes_to_itself(raw) {
        // Most cells ("12", "（一）予以公开"): nothing to change.
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let mut cleaned = String::with_capacity(line.len());
        let mut pending: Option<bool> = None; // Some(only soft breaks) while in a space run
        let mut prev: Option<char> = None;
        for c in line.chars() {
            match c {
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{00AD}' => {}
                // A run of spaces counts as a source line break if it contains one.
                SOFT_BREAK => pending = Some(true),
                c if c.is_whitespace() => pending = Some(pending.unwrap_or(false)),
                c => {
                    if let (Some(soft), Some(p)) = (pending, prev) {
                        if !(soft && is_cjk(p) && is_cjk(c)) {
                            cleaned.push(' ');
                        }
                    }
                    pending = None;
                    cleaned.push(c);
                    prev = Some(c);
                }
            }
        }
        if !cleaned.is_empty() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&cleaned);
        }
    }
    out
}

/// Whether [`normalize`] leaves `s` as it is: it holds no whitespace (`char::is_whitespace`),
/// no source line break and no zero-width character. Looked for on bytes: each of those
/// is an ASCII byte or starts with C2, E1, E2, E3 or EF.
fn normalizes_to_itself(s: &str) -> bool {
    let b = s.as_bytes();
    !b.iter().enumerate().any(|(i, &c)| match c {
        // SOFT_BREAK, TAB to CR, space.
        0x01 | 0x09..=0x0D | 0x20 => true,
        0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => matches!(
            &b[i..],
            // U+0085, U+00A0 (no-break space), U+00AD (soft hyphen); U+1680; U+2000–U+200A
            // (spaces), U+200B–U+200D (zero-width), U+2028, U+2029, U+202F; U+205F;
            // U+3000 (ideographic space); U+FEFF.
            [0xC2, 0x85 | 0xA0 | 0xAD, ..]
                | [0xE1, 0x9A, 0x80, ..]
                | [0xE2, 0x80, 0x80..=0x8D | 0xA8 | 0xA9 | 0xAF, ..]
                | [0xE2, 0x81, 0x9F, ..]
                | [0xE3, 0x80, 0x80, ..]
                | [0xEF, 0xBB, 0xBF, ..]
        ),
        _ => false,
    })
}

/// The `<meta name="ArticleTitle">` many government CMSs write, if it reads like a report title.
fn meta_article_title(tree: &impl Tree) -> Option<String> {
    let mut found = None;
    walk_head_meta(tree, |name, content| {
        let named = ["articletitle", "og:title", "title"].iter().any(|n| name.eq_ignore_ascii_case(n));
        if found.is_none() && named && is_title_like(content) {
            let t = normalize(content);
            if !t.is_empty() {
                found = Some(t);
            }
        }
    });
    found
}

/// The page's `<title>`, when it reads like a report title: a portal's `_网站名` or
/// ` - 网站名` tail is cut.
fn page_title(tree: &impl Tree) -> Option<String> {
    // The first `<title>` among the first 10,000 nodes: the text nodes directly in it.
    let mut seen = 0usize;
    let mut depth = 0usize;
    let mut inside: Option<usize> = None;
    let mut title: Option<String> = None;
    tree.each(&mut |step, node| match step {
        Step::Open => {
            depth += 1;
            match (inside, node) {
                (Some(d), Node::Text(t)) if depth == d + 1 => {
                    if let Some(title) = title.as_mut() {
                        title.push_str(t);
                    }
                    true
                }
                (Some(_), _) => true,
                (None, _) if seen >= 10_000 => false,
                (None, node) => {
                    seen += 1;
                    if matches!(node, Node::Element(e) if e.name() == "title") {
                        inside = Some(depth);
                        title = Some(String::new());
                    }
                    true
                }
            }
        }
        Step::Close => {
            depth = depth.saturating_sub(1);
            // Stop once the title closes.
            inside.is_none_or(|d| d <= depth)
        }
    });
    let title = title?;
    let t = normalize(&title);
    let t = t.split(['_', '|']).next().unwrap_or(&t);
    let t = t.split(" - ").next().unwrap_or(t).trim();
    (is_title_like(t) && !t.is_empty()).then(|| t.to_string())
}

/// Visit `<meta name content>` pairs (they sit in `<head>`, which [`walk`] does not enter);
/// a `property` or `itemprop` attribute names the pair where `name` is missing.
fn walk_head_meta(tree: &impl Tree, mut visit: impl FnMut(&str, &str)) {
    let mut seen = 0usize;
    tree.each(&mut |step, node| {
        if step == Step::Close {
            return true;
        }
        seen += 1;
        if let Node::Element(e) = node {
            if e.name() == "meta" {
                let name = e.attr("name").or_else(|| e.attr("property")).or_else(|| e.attr("itemprop"));
                if let (Some(n), Some(c)) = (name, e.attr("content")) {
                    visit(n, c);
                }
            }
            if e.name() == "body" {
                return false;
            }
        }
        seen < 10_000
    });
}

/// `<meta>` names whose content is the page's publication date (compared in lower case).
const DATE_META: &[&str] = &[
    "pubdate",
    "publishdate",
    "publish_date",
    "publishtime",
    "published_time",
    "firstpublishedtime",
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "releasedate",
];

/// Labels a page prints before its publication date (发布时间：2020-01-20 15:22).
const DATE_LABELS: &[&str] = &["发布时间", "发布日期", "公开日期", "公开时间", "发表时间", "发文日期"];

/// The page's publication dates as metadata pairs: `<meta>` dates (by their name), then
/// dates the page's text labels (`text:<label>`), from anywhere in the body — the article
/// root leaves out the information box above it where portals print 发布日期.
fn page_dates(tree: &impl Tree) -> Vec<(String, String)> {
    let mut out = Vec::new();
    walk_head_meta(tree, |name, content| {
        let lower = name.trim().to_ascii_lowercase();
        if DATE_META.contains(&lower.as_str()) && !content.trim().is_empty() && out.len() < 20 {
            out.push((lower, content.trim().to_string()));
        }
    });
    // The body's text, a line per text node (a label and its value often sit in two cells).
    let mut text = String::new();
    let mut seen = 0usize;
    tree.each(&mut |step, node| {
        if step == Step::Close {
            return true;
        }
        seen += 1;
        if let Node::Text(t) = node {
            let t = t.trim();
            if !t.is_empty() {
                text.push_str(t);
                text.push('\n');
            }
        }
        seen < 200_000 && text.len() <= 4_000_000
    });
    static LABELLED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"({})\s*[:：]?\s*(\d{{4}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)",
            DATE_LABELS.join("|")
        ))
        .unwrap_or_else(|_| unreachable!())
    });
    for c in LABELLED.captures_iter(&text).take(20) {
        out.push((format!("text:{}", &c[1]), c[2].to_string()));
    }
    out
}

/// A short paragraph near the top that reads like a report title (a title set as a bold centred line).
fn first_title_paragraph(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .take(10)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .find(|p| is_title_like(p) && p.chars().count() <= 60)
        .cloned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn pictures_given_inside_their_address_are_decoded() {
        let png = b"\x89PNG\r\n\x1a\nrest";
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD.encode(png);
        assert_eq!(super::data_picture(&format!("data:image/png;base64,{b64}")).as_deref(), Some(&png[..]));
        // Wrapped over lines, upper case, unpadded, padding escaped.
        let wrapped = format!(" DATA:image/png;BASE64,{}\n{} ", &b64[..8], b64[8..].trim_end_matches('='));
        assert_eq!(super::data_picture(&wrapped).as_deref(), Some(&png[..]));
        let escaped = b64.replace('=', "%3D");
        assert_eq!(super::data_picture(&format!("data:image/png;base64,{escaped}")).as_deref(), Some(&png[..]));
        // Not base64, not data, not decodable: nothing.
        assert_eq!(super::data_picture("data:image/svg+xml,<svg/>"), None);
        assert_eq!(super::data_picture("page_files/table-1.png"), None);
        assert_eq!(super::data_picture("data:image/png;base64,@@@"), None);
        assert_eq!(super::data_picture("data"), None);
    }

    #[test]
    fn text_said_to_normalize_to_itself_does() {
        // Every character: alone it is kept exactly when the byte test says so.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let t = c.to_string();
            assert_eq!(super::normalizes_to_itself(&t), super::normalize(&t) == t, "U+{:04X}", c as u32);
        }
        // Mixed texts from characters of every kind, in a fixed pseudo-random order.
        let palette: Vec<char> = "年度报告，。、（一）12a.Zx\u{1}\n\t \u{a0}\u{3000}\u{200b}\u{feff}\u{ad}\u{2028}\u{205f}\u{ff0c}\u{3001}\u{e9}"
            .chars()
            .collect();
        let mut seed = 0x2545_f491_u64;
        for _ in 0..20_000 {
            let len = (seed % 12) as usize;
            let t: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    palette[(seed % palette.len() as u64) as usize]
                })
                .collect();
            if super::normalizes_to_itself(&t) {
                assert_eq!(super::normalize(&t), t);
            } else {
                assert!(t.chars().any(|c| c.is_whitespace() || "\u{1}\u{200b}\u{feff}\u{ad}".contains(c)), "{t:?}");
            }
        }
    }

    #[test]
    fn control_characters_are_found_on_bytes_as_char_is_control_tells() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for t in [c.to_string(), format!("年度{c}报告"), format!("a{c}")] {
                assert_eq!(super::has_control(&t), t.chars().any(char::is_control), "U+{:04X}", c as u32);
            }
        }
    }

    use super::*;

    fn doc(src: &str) -> Document {
        read(src.as_bytes()).expect("reads")
    }

    fn grid(t: &Table) -> Vec<Vec<(&str, Span)>> {
        t.rows.iter().map(|r| r.iter().map(|c| (c.text.as_str(), c.span)).collect()).collect()
    }

    #[test]
    fn article_names_are_found_in_any_case_anywhere() {
        // The plain definition: one of the names, ignoring ASCII case, anywhere in the value.
        let plain = |v: &str| {
            ["content", "article", "trs_editor", "zoom", "custom_unionstyle"].iter().any(|n| contains_ignore_case(v, n))
        };
        let values = [
            "",
            "c",
            "content",
            "Content",
            "main-CONTENT clearfix",
            "contenT",
            "conten",
            "xcontentx",
            "article",
            "ARTICLE_body",
            "articl",
            "trs_editor",
            "TRS_Editor",
            "trs-editor",
            "zoom",
            "ZOOMx",
            "zoo",
            "custom_unionstyle",
            "Custom_UnionStyle",
            "custom_union",
            "新闻content",
            "内容",
            "ccontent",
            "zzoom",
            "aarticle",
            "ttrs_editor",
            "\u{e9}zoom",
            "con\u{e9}tent",
        ];
        for v in values {
            assert_eq!(names_article(Some(v)), plain(v), "{v:?}");
        }
        // Every two-letter prefix before each name, and each name cut short.
        for n in ["content", "article", "trs_editor", "zoom", "custom_unionstyle"] {
            for p in ["", "ab", "Cz", "tt", "a-", "中"] {
                let v = format!("{p}{n}");
                assert!(names_article(Some(&v)) && plain(&v), "{v}");
                let cut = format!("{p}{}", &n[..n.len() - 1]);
                assert_eq!(names_article(Some(&cut)), plain(&cut), "{cut}");
            }
        }
        assert!(!names_article(None));
    }

    #[test]
    fn text_normalization() {
        assert_eq!(normalize("  a\u{a0}\u{a0} b\u{3000}c \n\n  d  "), "a b c\nd");
        // A source line break vanishes between CJK characters, not between Latin words.
        assert_eq!(normalize("政府\u{1}  信息"), "政府信息");
        assert_eq!(normalize("open\u{1}data"), "open data");
        assert_eq!(normalize("1\u{200B}2"), "12");
    }

    #[test]
    fn spans_split_text_and_skipped_content() {
        let d = doc("<body><p><span>一、本年</span><font>新收</font>\n<b>申请</b></p>\
                     <script>var x = '报告';</script><style>p{}</style><!-- 注释 -->\
                     <p>第二段<br>第三段</p></body>");
        assert_eq!(d.paragraphs().collect::<Vec<_>>(), ["一、本年新收申请", "第二段", "第三段"]);
    }

    #[test]
    fn unclosed_cells_and_nested_tables() {
        let d =
            doc("<p>前</p><table><tr><td>a<td>b<table><tr><td>内</td></tr></table>c<tr><td>d<td>e</table><p>后</p>");
        assert_eq!(d.blocks.len(), 4);
        let tables: Vec<&Table> = d.tables().collect();
        // The outer table first, then the nested one; the inner text stays out of the cell.
        assert_eq!(
            grid(tables[0]),
            vec![vec![("a", Span::Own), ("b\nc", Span::Own)], vec![("d", Span::Own), ("e", Span::Own)]]
        );
        assert_eq!(grid(tables[1]), vec![vec![("内", Span::Own)]]);
        assert_eq!(d.blocks[0], Block::Paragraph("前".into()));
        assert_eq!(d.blocks[3], Block::Paragraph("后".into()));
    }

    #[test]
    fn hostile_spans_are_clamped() {
        let d = doc("<table><tr><td colspan=99999999 rowspan=99999999>x</td></tr><tr><td>y</td></tr></table>");
        let t = d.tables().next().expect("table");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].len(), MAX_COLS);
        // The second row is all copies; its own cell falls past the widest grid and is dropped.
        assert!(t.rows[1].iter().all(|c| c.span == Span::RowCopy && c.text == "x"));
        assert_eq!(t.rows[1].len(), MAX_COLS);
        assert!(!d.warnings.is_empty());
        // rowspan=0 reaches the last row; a bad value counts as 1.
        let d = doc(
            "<table><tr><td rowspan=0>a</td><td colspan=x>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>",
        );
        let t = d.tables().next().expect("table");
        assert_eq!(grid(t)[2], vec![("a", Span::RowCopy), ("d", Span::Own)]);
    }

    #[test]
    fn many_merged_cells_hit_the_document_limit() {
        let mut src = String::from("<table>");
        for _ in 0..3000 {
            src.push_str("<tr><td colspan=1000>x</td></tr>");
        }
        let d = doc(&src);
        let cells: usize = d.tables().map(|t| t.rows.iter().map(Vec::len).sum::<usize>()).sum();
        assert!(cells <= MAX_GRID_CELLS);
        assert!(!d.warnings.is_empty());
    }

    #[test]
    fn empty_and_binary_input_do_not_panic() {
        assert!(doc("<html><body></body></html>").blocks.is_empty());
        assert!(doc("").blocks.is_empty());
        let binary: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
        let _ = read(&binary);
        let _ = read(b"\xFF\xFE<\x00p\x00>\x00");
        let deep = "<div>".repeat(5_000) + "深" + &"</div>".repeat(5_000);
        assert_eq!(doc(&deep).paragraphs().collect::<Vec<_>>(), ["深"]);
    }

    #[test]
    fn decoding_follows_bom_meta_and_bytes() {
        let (gbk, _, _) = GBK.encode("<meta charset=\"gb2312\"><p>政府信息公开工作年度报告</p>");
        let (text, warnings) = decode(&gbk);
        assert!(text.contains("年度报告") && warnings.is_empty());
        let (text, warnings) = decode("<meta charset=\"gb2312\"><p>政府信息公开工作年度报告</p>".as_bytes());
        assert!(text.contains("年度报告") && warnings.len() == 1);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("<p>报告</p>".as_bytes());
        assert_eq!(decode(&bom).0, "<p>报告</p>");
        // Undecodable bytes are reported, not silently replaced.
        let (_, warnings) = decode(b"<meta charset=utf-8><p>\xFF\xFE\xFD</p>");
        assert!(warnings.iter().any(|w| w.contains("replacement")));
    }

    /// pandoc reads a GBK page whose charset only its `<meta>` names as Latin-1, and its
    /// HTML writer writes each byte as a character (`ÖêÖÞÊÐ` for 株洲市) in a page that
    /// declares UTF-8. Before, no title or table label was found and the page was refused;
    /// its characters are now taken back to bytes and decoded again, with a warning.
    #[test]
    fn a_page_written_from_gbk_read_as_latin1_is_decoded_again() {
        let page =
            "<p>株洲市交通运输局2020年政府信息公开工作年度报告</p><table><tr><td>规章</td><td>3</td></tr></table>";
        let (gbk, _, _) = GBK.encode(page);
        let misread: String = gbk.iter().map(|&b| char::from(b)).collect();
        let bytes = format!("<meta charset=\"utf-8\">{misread}");
        let (text, warnings) = decode(bytes.as_bytes());
        assert!(text.trim_end().ends_with(page), "{text}");
        assert!(warnings.iter().any(|w| w.contains("misread as Latin-1")), "{warnings:?}");
        let d = doc(&bytes);
        assert_eq!(d.paragraphs().next(), Some("株洲市交通运输局2020年政府信息公开工作年度报告"));
        // A page in Latin-1 that is no Chinese misread stays as it is.
        let (text, warnings) =
            decode("<p>Übersicht: Größe, Maße, Öffnungszeiten, Qualität, Geschäftsführer</p>".as_bytes());
        assert!(text.contains("Größe") && warnings.is_empty(), "{text} {warnings:?}");
    }

    #[test]
    fn title_hint_prefers_report_headings() {
        let d = doc("<body><h3>新媒体矩阵</h3><h4>六、其他需要报告的事项</h4>\
                     <div class=\"article_title\"><span>某局2020年政府信息公开工作年度报告</span></div><p>正文</p></body>");
        assert_eq!(d.title_hint.as_deref(), Some("某局2020年政府信息公开工作年度报告"));
    }
}
