//! Readers: bytes of one published report → a [`Document`] of paragraphs and tables.
//!
//! Every input format has one reader module, and every reader produces the same
//! [`Document`] type, so extraction never knows where a report came from. Tables are
//! grids with merged cells already expanded: a cell covered by a `colspan`/`gridSpan`
//! or a `rowspan`/`vMerge` appears in every grid position it covers, marked with the
//! [`Span`] it came from, so extraction can take either view (the grid, or the row's
//! own cells).

mod archive;
pub mod doc;
pub mod docx;
pub mod html;
pub mod image;
pub mod markup_tables;
pub mod mhtml;
pub mod ocr;
pub mod ofd;
pub mod pdf;
pub mod raw_html;
pub mod rtf;
pub mod text;

use std::path::Path;

use anyhow::{bail, Context, Result};
use compact_str::CompactString;

/// The input formats xxgk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
    /// Word 97–2003 `.doc`, and WPS Office `.wps` (the same binary format).
    Doc,
    /// Pictures (PNG, JPEG, TIFF, BMP, WebP), read by OCR.
    Image,
    /// Rich Text Format (Word's, WPS's, LibreOffice's; often under a `.doc` name).
    Rtf,
    /// OFD (GB/T 33190), China's fixed-layout document format.
    Ofd,
}

impl Format {
    /// The name stored in `reports.source_format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Doc => "doc",
            Format::Image => "image",
            Format::Rtf => "rtf",
            Format::Ofd => "ofd",
        }
    }
}

/// A report as a reader saw it: blocks in document order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// A title the format itself marks (an HTML heading, a DOCX title style), if any.
    /// Extraction still prefers what the report's own text says.
    pub title_hint: Option<String>,
    /// Paragraphs and tables, in the order they appear.
    pub blocks: Vec<Block>,
    /// Things the reader noticed but could read past (a decoding fallback, a skipped part).
    pub warnings: Vec<String>,
    /// What the format says about the document besides its text, as (name, value) pairs:
    /// an HTML page's `<meta>` dates (by `name`, `property` or `itemprop`) and dates its
    /// text labels (`text:发布日期` → `2024-01-17`, from the whole page, not only the
    /// article); a DOCX file's core properties (`dcterms:created`, `dcterms:modified`); a
    /// PDF's information dictionary (`CreationDate`, `ModDate`). Extraction reads the
    /// publication date from them ([`crate::extract::published`]).
    pub meta: Vec<(String, String)>,
    /// Set when some of the document was read by OCR: how much.
    pub ocr: Option<ocr::OcrSummary>,
    /// How many page breaks (form feeds) a text file holds: PDF-to-text converters end
    /// every page with one. Such text is a PDF's pages, with their layout's quirks.
    pub page_breaks: usize,
}

/// One block of a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A paragraph of prose (or a heading), or one line of a text file, never empty and
    /// with no trailing whitespace. A text file's lines keep their leading spaces: in text
    /// laid out by a converter (`pdftotext -layout`) they place the words in columns.
    Paragraph(String),
    /// A table as a grid.
    Table(Table),
    /// An empty line of a text file. In text copied from a web page, one table cell per
    /// line, an empty line can be an empty cell.
    Break,
}

/// A table: rows of cells, merged cells expanded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

/// Where a grid cell's content comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Span {
    /// The cell as written in the source (the top-left position of a merged cell).
    #[default]
    Own,
    /// A copy of the cell to its left, from a horizontal merge (`colspan`, `gridSpan`).
    ColCopy,
    /// A copy of the cell above, from a vertical merge (`rowspan`, `vMerge`).
    RowCopy,
}

/// One grid position of a table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// The cell's text: runs joined, line breaks as `\n`, trimmed. Kept inline up to 24
    /// bytes (most cells are short figures): no allocation of its own.
    pub text: CompactString,
    /// Whether this position holds the cell itself or a copy from a merge.
    pub span: Span,
    /// For a cell read by OCR: its readings and confidence (None for cells read from text).
    pub ocr: Option<ocr::CellOcr>,
}

impl Cell {
    /// A cell as written in the source.
    pub fn own(text: impl Into<CompactString>) -> Cell {
        Cell { text: text.into(), span: Span::Own, ocr: None }
    }
}

impl Document {
    /// All paragraphs, in order, without leading whitespace.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(crate::normalize::trim_start(p)),
            _ => None,
        })
    }

    /// All tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
}

/// Limits that keep memory bounded whatever the input.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_bytes: u64,
    /// Largest decompressed part of an archive (DOCX `word/document.xml`), or stream of a
    /// Word 97 file (`WordDocument`, the table stream), in bytes.
    pub max_inflated_bytes: u64,
    /// Seconds an external converter (pdftotext) may run.
    pub pdf_timeout_secs: u64,
    /// When and how pictures are read by OCR, with OCR's own limits.
    pub ocr: ocr::OcrOptions,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_inflated_bytes: 64 * 1024 * 1024,
            pdf_timeout_secs: 30,
            ocr: ocr::OcrOptions::default(),
        }
    }
}

/// Guess the format from the bytes themselves, then from the file name.
///
/// Content wins over the extension: a `.htm` that is really a DOCX is read as DOCX,
/// a `.txt` holding HTML as HTML.
pub fn sniff(bytes: &[u8], path: &Path) -> Option<Format> {
    if bytes.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        // An OFD file is a zip archive too: its root part `OFD.xml` tells it from a DOCX (and
        // its name, when the archive is too damaged to tell).
        let named_ofd = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ofd"));
        let ofd = archive::has_entry(bytes, "OFD.xml") || named_ofd && !archive::has_entry(bytes, "word/document.xml");
        return Some(if ofd { Format::Ofd } else { Format::Docx });
    }
    if bytes.starts_with(doc::OLE_SIGNATURE) {
        return Some(Format::Doc);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(Format::Rtf);
    }
    if image::is_picture(bytes) {
        return Some(Format::Image);
    }
    // A web archive's page is quoted-printable, its tags perhaps past the first 4 KiB.
    if mhtml::is_archive(bytes) {
        return Some(Format::Html);
    }
    let head = &bytes[..bytes.len().min(4096)];
    // Every needle starts with `<`: look only where one stands, ignoring ASCII case.
    let has = |needle: &[u8]| {
        memchr::memchr_iter(b'<', head)
            .any(|at| head[at..].get(..needle.len()).is_some_and(|w| w.eq_ignore_ascii_case(needle)))
    };
    if has(b"<html") || has(b"<!doctype html") || has(b"<body") || has(b"<meta") {
        return Some(Format::Html);
    }
    // Markdown (and pandoc's other text markups) keeps the HTML it cannot say (pandoc's
    // `<div>`s, a merged-cell `<table>`): read as text, its HTML in place (see `raw_html`).
    if has(b"<table") || has(b"<div") || has(b"<p") && has(b"</p>") {
        let markup = is_text_markup(bytes) || raw_html::tags_only_in_tables(&String::from_utf8_lossy(bytes));
        return Some(if markup { Format::Text } else { Format::Html });
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" | "md" | "markdown" => Some(Format::Text),
        "html" | "htm" | "shtml" | "xhtml" | "mht" | "mhtml" => Some(Format::Html),
        "docx" => Some(Format::Docx),
        "pdf" => Some(Format::Pdf),
        "doc" | "wps" | "dot" | "wpt" => Some(Format::Doc),
        "rtf" => Some(Format::Rtf),
        "ofd" => Some(Format::Ofd),
        _ => None,
    }
}

/// Does text that holds HTML tags read as a text markup: at least three lines that only a
/// markup writes — Markdown's fenced `:::` block, table row between bars, image `![…` and
/// list item that is a link (`-   [`); a MediaWiki table's `{|`, `|-` and `|}`, or its
/// list item that is a link (`* [[`); an AsciiDoc table's `|===`; a reStructuredText
/// directive (`.. container::`)? An HTML page's source has none of them at the start of a
/// line.
fn is_text_markup(bytes: &[u8]) -> bool {
    let mut found = 0;
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = bytes[start..end].trim_ascii();
        let markup = line.starts_with(b":::")
            || line.len() > 2 && line.starts_with(b"|") && line.ends_with(b"|")
            || line.starts_with(b"![")
            || line.starts_with(b"-   [")
            || line.starts_with(b"{|")
            || line == b"|-"
            || line == b"|}"
            || line.starts_with(b"* [[")
            || line == b"|==="
            || line.starts_with(b".. ") && line.windows(2).any(|w| w == b"::");
        found += usize::from(markup);
        if found >= 3 {
            return true;
        }
        start = end + 1;
    }
    false
}

/// The page numbers among bare figures that end (or open) pages: each candidate's figure
/// minus its page's place (`offsets`), in a document of `pages` pages with text. The most
/// common difference is the numbering's (an unnumbered cover page moves it by one), taken
/// only when it holds on two pages or more and on two thirds of the pages at least: page
/// numbers stand on most pages, and a figure in step on a page or two is a coincidence.
/// The PDF reader and the layout-free reading of page texts both decide by it.
pub(crate) fn page_numbering(offsets: impl IntoIterator<Item = i64>, pages: usize) -> Option<i64> {
    let mut offsets: Vec<i64> = offsets.into_iter().collect();
    offsets.sort_unstable();
    offsets
        .chunk_by(|a, b| a == b)
        .map(|run| (run[0], run.len()))
        .max_by_key(|&(o, n)| (n, std::cmp::Reverse(o.abs())))
        .filter(|&(_, n)| n >= 2 && n * 3 >= pages * 2)
        .map(|(o, _)| o)
}

/// How many of the text's characters are control characters other than line breaks, tabs
/// and form feeds, and how many characters it has, counted on the UTF-8 bytes: the text and
/// HTML readers refuse binary data by the share of the first. Control characters
/// (`char::is_control`) are U+0000–U+001F, U+007F and U+0080–U+009F; the last are the two
/// bytes C2 80 to C2 9F. A character starts at every byte that is not a continuation byte
/// (10xxxxxx).
pub(crate) fn control_characters(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut controls, mut chars) = (0usize, 0usize);
    // Byte-sized counts of plain comparisons, without a branch, which the compiler does
    // many bytes at once: the bytes below 0x20, less the four allowed, plus DEL. Chunks of
    // 240 bytes (fifteen vectors of sixteen) leave no byte to a scalar tail but at the end.
    for chunk in bytes.chunks(240) {
        let (mut low, mut allowed, mut del, mut starts) = (0u8, 0u8, 0u8, 0u8);
        for &b in chunk {
            low += u8::from(b < 0x20);
            allowed += u8::from(b == b'\n') + u8::from(b == b'\r') + u8::from(b == b'\t') + u8::from(b == 0x0c);
            del += u8::from(b == 0x7f);
            starts += u8::from((b as i8) >= -0x40);
        }
        controls += usize::from(low - allowed) + usize::from(del);
        chars += usize::from(starts);
    }
    controls += memchr::memchr_iter(0xc2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
        .count();
    (controls, chars)
}

/// Read one file's bytes, refusing files over the size limit and anything that is not a
/// regular file.
///
/// Opening a FIFO blocks until a writer comes, and a device such as `/dev/zero` reports
/// size 0 and never ends. On Unix the file is opened without waiting (`O_NONBLOCK`, and
/// `O_NOCTTY` so that a terminal never becomes the process's own) and its type is checked
/// on what was opened: one look, no window for the path to be swapped between a check and
/// the open. Elsewhere the type is checked before the open and again after it. The read
/// itself is bounded too (a file that grows after the check is still refused).
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_big = |len: u64| {
        anyhow::anyhow!(
            "{}: file is {} bytes, more than the limit of {} (raise it with --max-file-bytes)",
            path.display(),
            len,
            limits.max_file_bytes
        )
    };
    let not_regular = |meta: &std::fs::Metadata| {
        anyhow::anyhow!("cannot read {}: not a regular file ({})", path.display(), kind_of(meta))
    };
    #[cfg(not(unix))]
    {
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if !meta.is_file() {
            return Err(not_regular(&meta));
        }
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let opened = file.metadata().with_context(|| format!("cannot read {}", path.display()))?;
    if !opened.is_file() {
        return Err(not_regular(&opened));
    }
    if opened.len() > limits.max_file_bytes {
        return Err(too_big(opened.len()));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limits.max_file_bytes) as usize);
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// What kind of file system object a non-regular file is, for messages.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let ft = meta.file_type();
    if ft.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
    }
    "not a file"
}

/// Read one file into a document, choosing the reader by content.
pub fn read_path(path: &Path, limits: &Limits) -> Result<(Format, Document, Vec<u8>)> {
    let bytes = read_file(path, limits)?;
    let (format, doc) = read_bytes(&bytes, path, limits)?;
    Ok((format, doc, bytes))
}

/// Read bytes (named by `path`, for messages and the extension fallback) into a document.
pub fn read_bytes(bytes: &[u8], path: &Path, limits: &Limits) -> Result<(Format, Document)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        bail!("{}: the file is empty", path.display());
    }
    let format = sniff(bytes, path);
    if matches!(format, None | Some(Format::Text | Format::Html)) {
        if let Some((text, encoding)) = utf16_text(bytes) {
            let (format, mut doc) = read_bytes(text.as_bytes(), path, limits)?;
            doc.warnings.insert(0, format!("decoded as {encoding} (not UTF-8)"));
            return Ok((format, doc));
        }
    }
    let format = format.with_context(|| {
        format!("{}: not a format xxgk reads (text, HTML, DOCX, DOC/WPS, RTF, PDF, OFD or a picture)", path.display())
    })?;
    let doc = match format {
        Format::Text => text::read(bytes),
        Format::Html if mhtml::is_archive(bytes) => mhtml::read(bytes, limits),
        Format::Html => html::read_with_pictures(bytes, path, limits),
        Format::Docx => docx::read(bytes, limits),
        Format::Pdf => pdf::read(bytes, limits),
        Format::Doc => doc::read(bytes, limits),
        Format::Image => image::read(bytes, limits),
        Format::Rtf => rtf::read(bytes, limits),
        Format::Ofd => ofd::read(bytes, limits),
    }
    .with_context(|| format!("{}: cannot read as {}", path.display(), format.as_str()))?;
    Ok((format, doc))
}

/// Text or a page written in UTF-16 (Notepad's and Word's "Unicode" text), as UTF-8, with
/// the encoding's name: marked by a byte-order mark, or without one when the zero bytes of
/// its ASCII characters stand on one side of the byte pairs (at least a tenth of that side,
/// a quarter as many on the other: the zeros there are characters such as 一 U+4E00 and
/// 开 U+5F00). Anything that does not decode cleanly, or decodes to text
/// holding NUL characters, is not UTF-16 text.
fn utf16_text(bytes: &[u8]) -> Option<(String, &'static str)> {
    use encoding_rs::{UTF_16BE, UTF_16LE};
    let (encoding, body) = if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        (UTF_16LE, body)
    } else if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        (UTF_16BE, body)
    } else {
        let head = &bytes[..bytes.len().min(4096) & !1];
        let pairs = head.len() / 2;
        // Text of any other encoding has no zero byte: one vectorised look tells.
        if pairs < 16 || memchr::memchr(0, head).is_none() {
            return None;
        }
        let zeros = |side: usize| head.iter().skip(side).step_by(2).filter(|&&b| b == 0).count();
        let (first, second) = (zeros(0), zeros(1));
        if second * 10 >= pairs && first * 4 <= second {
            (UTF_16LE, bytes)
        } else if first * 10 >= pairs && second * 4 <= first {
            (UTF_16BE, bytes)
        } else {
            return None;
        }
    };
    if body.len() % 2 != 0 {
        return None;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors || text.contains('\0') {
        return None;
    }
    Some((text.into_owned(), encoding.name()))
}

#[cfg(test)]
mod tests {
    use super::{control_characters, sniff, utf16_text, Format};
    use std::path::Path;

    /// HTML tags make a page, unless the text is Markdown keeping some HTML (pandoc's
    /// `<div>` lines and merged-cell tables).
    #[test]
    fn markdown_holding_html_is_text() {
        let md = "<div class=\"a\">\n\n![](/logo.png)\n\n</div>\n\n| 规章 | 0 |\n|---|---|\n| 规范性文件 | 3 |\n<table><tr><td>1</td></tr></table>\n";
        let fenced = "::: {.header}\n::: row\n<div>\n\n</div>\n:::\n";
        for (text, name, want) in [
            (md, "a.md", Format::Text),
            (md, "a.html", Format::Text),
            (fenced, "a.txt", Format::Text),
            ("<div>\n<p>标题</p>\n<table><tr><td>1</td></tr></table>\n</div>\n", "a.txt", Format::Html),
            ("| a |\n| b |\n| c |\n<html><body><div>x</div></body></html>", "a.txt", Format::Html),
            ("<meta charset=\"utf-8\">\n::: a\n::: b\n::: c\n", "a.md", Format::Html),
            ("| a |\n| b |\n| c |\n", "a.md", Format::Text),
            // pandoc's CommonMark of a DOCX: lines of prose and HTML tables, no other tag.
            // Read as a page, its lines ran into one paragraph and the title was lost.
            (
                "宁波市水利局\n\n2020年度政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n\n<table>\n<tr><td>规章</td><td>0</td></tr>\n</table>\n",
                "a.txt",
                Format::Text,
            ),
            // A fragment whose text stands in tags is a page's.
            ("<h1>标题</h1>\n<p>一</p>\n<p>二</p>\n<table><tr><td>1</td></tr></table>\n", "a.txt", Format::Html),
            // pandoc's GFM of a page: its containers kept as `<div>` lines, no other tag.
            // Read as a page, its paragraphs ran into one.
            (
                "<div class=\"title\">\n\n某局2013年信息公开年度报告\n\n</div>\n\n<div class=\"TRS_Editor\">\n\n新增主动公开政府信息45条\n\n未收到政府信息公开申请\n\n</div>\n",
                "a.txt",
                Format::Text,
            ),
            // A `<div>` line holding text is a page's.
            ("<div>标题</div>\n一\n\n二\n\n三\n<div>\n", "a.txt", Format::Html),
            // Too few lines around the table to be prose.
            ("标题\n<table><tr><td>1</td></tr></table>\n", "a.txt", Format::Html),
        ] {
            assert_eq!(sniff(text.as_bytes(), Path::new(name)), Some(want), "{text}");
        }
    }

    /// Notepad's and Word's "Unicode" text is UTF-16: read as the same document as its UTF-8,
    /// with a warning, with or without a byte-order mark, and a page likewise. Before, every
    /// such file was refused as binary data (NUL bytes).
    #[test]
    fn utf16_text_and_pages_read_as_their_utf8() {
        let text = "淄博市公安局2020年政府信息公开工作年度报告\n\t规章\t0\t1\t2\n\t规范性文件\t3\t4\t5\n";
        let page = "<html><body><h1>某某局2021年政府信息公开工作年度报告</h1><table><tr><td>规章</td><td>1</td></tr></table></body></html>";
        let le = |s: &str| s.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
        let be = |s: &str| s.encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>();
        let limits = super::Limits::default();
        for (utf8, name) in [(text, "a.txt"), (page, "a.html")] {
            let (format, want) = super::read_bytes(utf8.as_bytes(), Path::new(name), &limits).unwrap();
            for (bytes, encoding) in [
                ([&b"\xFF\xFE"[..], &le(utf8)].concat(), "UTF-16LE"),
                ([&b"\xFE\xFF"[..], &be(utf8)].concat(), "UTF-16BE"),
                (le(utf8), "UTF-16LE"),
                (be(utf8), "UTF-16BE"),
            ] {
                let (f, got) = super::read_bytes(&bytes, Path::new(name), &limits)
                    .unwrap_or_else(|e| panic!("{encoding} {name}: {e:#}"));
                assert_eq!(f, format, "{encoding} {name}");
                assert_eq!(got.blocks, want.blocks, "{encoding} {name}");
                assert_eq!(got.warnings[0], format!("decoded as {encoding} (not UTF-8)"));
            }
        }
        // Not UTF-16: UTF-8 text, a lone surrogate, zeros on both sides of the pairs.
        assert_eq!(utf16_text(text.as_bytes()), None);
        assert_eq!(utf16_text(b"\xFF\xFE\x00\xD8a\x00"), None);
        assert_eq!(utf16_text(&[0u8; 64]), None);
        let mut binary = le(text);
        binary.extend([0, 0, 0, 0]);
        assert_eq!(utf16_text(&binary), None);
    }

    #[test]
    fn control_characters_are_counted_as_char_is_control_tells() {
        let text = "a\u{0}\n\r\t\u{c}\u{7f}\u{80}\u{9f}\u{a0}\u{1f}é信息\u{85}";
        let controls = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
        assert_eq!(control_characters(text), (controls, text.chars().count()));
        assert_eq!(control_characters(text), (6, 15));
        assert_eq!(control_characters(""), (0, 0));
        // Longer than one counting chunk.
        let long = text.repeat(100);
        assert_eq!(control_characters(&long), (600, 1500));
        // Every character, alone and among others.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let t = format!("信{c}a");
            let controls = t.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')).count();
            assert_eq!(control_characters(&t), (controls, 3), "U+{:04X}", c as u32);
        }
    }
}
