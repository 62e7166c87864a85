//! Web archives (`.mht`, `.mhtml`): a page saved "as a single file" by a browser (Internet
//! Explorer, 360, Edge, Chrome) or by Word ("单个文件网页"). The page and its pictures are
//! parts of one MIME message (RFC 2557), each in its own transfer encoding (quoted-printable,
//! base64) and character set. This reader takes the page out of its envelope and gives it
//! to the HTML reader, pictures included: a table printed as a picture is found among the
//! archive's parts, not on disk.

use anyhow::{bail, Result};
use base64::Engine as _;
use encoding_rs::Encoding;

use super::{html, Document, Limits};

/// At most this many parts are looked at (a page with its pictures, styles and frames).
const MAX_PARTS: usize = 2_000;

/// One part of the archive: its headers that matter here and its body, decoded from its
/// transfer encoding.
struct Part {
    /// The media type, lower case (`text/html`).
    media_type: String,
    /// The `charset` parameter of its content type, if any.
    charset: Option<String>,
    /// `Content-Location`: the address it was saved from.
    location: Option<String>,
    /// `Content-ID`, without its angle brackets.
    id: Option<String>,
    body: Vec<u8>,
}

/// Is this a web archive: a MIME message whose headers, before the first empty line, say
/// `Content-Type: multipart/related` (or a single `text/html` part) and `MIME-Version`?
pub fn is_archive(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    // A message opens with a header line, `Name: value`; a report or a page never does.
    let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let name_end = first.iter().position(|&b| b == b':').unwrap_or(0);
    if name_end == 0 || !first[..name_end].iter().all(|&b| b.is_ascii_alphanumeric() || b == b'-') {
        return false;
    }
    let Some((headers, _)) = split_head(head) else { return false };
    let headers = parse_headers(headers);
    let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
    let content_type = header(&headers, "content-type").map(|v| v.to_ascii_lowercase()).unwrap_or_default();
    has("mime-version") && (content_type.starts_with("multipart/related") || content_type.starts_with("text/html"))
}

/// Read the archive's page (and the pictures it shows) into a document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let Some((head, body)) = split_head(bytes) else { bail!("a web archive without a body") };
    let headers = parse_headers(head);
    let content_type = header(&headers, "content-type").unwrap_or_default();
    let parts = if content_type.to_ascii_lowercase().starts_with("multipart/") {
        let Some(boundary) = parameter(&content_type, "boundary") else {
            bail!("a web archive whose Content-Type names no boundary")
        };
        split_parts(body, &boundary)?
    } else {
        vec![part(&headers, body)]
    };
    // The page: the part the archive names as its start or its snapshot's address, else
    // the first HTML part (a browser saves frames as further HTML parts after it).
    let start = parameter(&content_type, "start").map(|s| s.trim_matches(['<', '>']).to_string());
    let snapshot = header(&headers, "snapshot-content-location");
    let is_html = |p: &&Part| p.media_type == "text/html" || p.media_type == "application/xhtml+xml";
    let page = parts
        .iter()
        .filter(is_html)
        .find(|p| start.is_some() && p.id == start || snapshot.is_some() && p.location == snapshot)
        .or_else(|| parts.iter().find(is_html));
    let Some(page) = page else { bail!("a web archive with no HTML page among its {} part(s)", parts.len()) };
    let mut doc = html::read_with_picture_source(&page_bytes(page), limits, |src| picture(&parts, page, src))?;
    doc.warnings.insert(0, format!("read from a web archive (MHTML): its page of {} part(s)", parts.len()));
    Ok(doc)
}

/// The page's bytes for the HTML reader: decoded from the part's character set and marked
/// UTF-8 by a byte-order mark, so that the page's own `<meta charset>` (which a browser
/// may leave saying GB2312 over text it saved as UTF-8) does not overrule it. A part
/// without a character set, whose bytes do not fit it, or that names a one-byte set (Word
/// may write `us-ascii` over a page whose text is GB2312: any bytes fit a one-byte set, so
/// it tells nothing) goes as it is, for the HTML reader's own detection.
fn page_bytes(page: &Part) -> Vec<u8> {
    let encoding = page
        .charset
        .as_deref()
        .and_then(|c| Encoding::for_label(c.as_bytes()))
        .filter(|e| !e.is_single_byte() || page.body.is_ascii());
    if let Some(encoding) = encoding {
        let encoding =
            if encoding == encoding_rs::GBK || encoding.name() == "gb18030" { encoding_rs::GB18030 } else { encoding };
        let (text, had_errors) = encoding.decode_without_bom_handling(&page.body);
        if !had_errors {
            let mut out = Vec::with_capacity(text.len() + 3);
            out.extend_from_slice(b"\xEF\xBB\xBF");
            out.extend_from_slice(text.as_bytes());
            return out;
        }
    }
    page.body.clone()
}

/// The bytes of the picture `src` (as the page names it) among the parts: by `cid:`, by
/// the address it was saved from, or by a relative address against the page's.
fn picture(parts: &[Part], page: &Part, src: &str) -> Option<Vec<u8>> {
    let src = src.trim();
    let found = if let Some(id) = src.strip_prefix("cid:") {
        parts.iter().find(|p| p.id.as_deref() == Some(id))
    } else {
        let absolute = resolve(page.location.as_deref(), src);
        parts.iter().find(|p| {
            p.location.as_deref().is_some_and(|l| l == src || absolute.as_deref() == Some(l) || ends_with_path(l, src))
        })
    };
    found.filter(|p| p.media_type.starts_with("image/")).map(|p| p.body.clone())
}

/// Does location `l` end with the relative address `src` (`image001.png` of
/// `file:///C:/x.files/image001.png`, `./x.files/image001.png`)?
fn ends_with_path(l: &str, src: &str) -> bool {
    let src = src.trim_start_matches("./");
    !src.is_empty() && !src.contains("://") && l.ends_with(src) && l[..l.len() - src.len()].ends_with(['/', '\\'])
}

/// `src` made absolute against the page's address `base` (`http://a/b/c.html` + `d.png` →
/// `http://a/b/d.png`; `/d.png` → `http://a/d.png`).
fn resolve(base: Option<&str>, src: &str) -> Option<String> {
    let base = base?;
    if src.contains("://") {
        return Some(src.to_string());
    }
    let scheme_end = base.find("://")? + 3;
    if let Some(rooted) = src.strip_prefix('/') {
        let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
        return Some(format!("{}/{rooted}", &base[..host_end]));
    }
    let dir_end = base.rfind('/').filter(|&i| i >= scheme_end).map_or(base.len(), |i| i + 1);
    let mut out = base[..dir_end].to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    out.push_str(src.trim_start_matches("./"));
    Some(out)
}

/// Split a message (or a part) at its first empty line: (headers, body).
fn split_head(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let mut at = 0;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let line = &bytes[at..end];
        if line.is_empty() || line == b"\r" {
            return Some((&bytes[..at], bytes.get(end + 1..).unwrap_or_default()));
        }
        at = end + 1;
    }
    None
}

/// Header lines as (name, value), folded lines joined; values decoded as UTF-8 (lossily:
/// only ASCII matters here).
fn parse_headers(head: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = out.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            out.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    out
}

/// The value of header `name` (case-insensitive), the first one.
fn header(headers: &[(String, String)], name: &str) -> Option<String> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
}

/// A parameter of a header value (`boundary="----=_NextPart_000"`), quotes taken off.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The parts of a multipart body between lines `--boundary`, up to `--boundary--`.
fn split_parts(body: &[u8], boundary: &str) -> Result<Vec<Part>> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut parts = Vec::new();
    let mut current: Option<usize> = None;
    let mut at = 0;
    let mut closed = false;
    while at < body.len() {
        let end = memchr::memchr(b'\n', &body[at..]).map_or(body.len(), |i| at + i);
        let line = body[at..end].strip_suffix(b"\r").unwrap_or(&body[at..end]);
        if let Some(rest) = line.strip_prefix(delimiter) {
            let rest = rest.trim_ascii_end();
            if rest.is_empty() || rest == b"--" {
                if let Some(start) = current.take() {
                    // The line break before a delimiter belongs to the delimiter.
                    let content = &body[start..at.max(start)];
                    let content = content.strip_suffix(b"\n").unwrap_or(content);
                    let content = content.strip_suffix(b"\r").unwrap_or(content);
                    if let Some((head, part_body)) = split_head(content) {
                        parts.push(part(&parse_headers(head), part_body));
                    }
                    if parts.len() >= MAX_PARTS {
                        break;
                    }
                }
                if rest == b"--" {
                    closed = true;
                    break;
                }
                current = Some(end + 1);
            }
        }
        at = end + 1;
    }
    if !closed {
        // A last part without its closing delimiter (a file cut short): kept as it is.
        if let Some(start) = current.filter(|&s| s < body.len()) {
            if let Some((head, part_body)) = split_head(&body[start..]) {
                parts.push(part(&parse_headers(head), part_body));
            }
        }
    }
    if parts.is_empty() {
        bail!("a web archive with no parts between its boundaries");
    }
    Ok(parts)
}

/// A part from its headers and its body as written.
fn part(headers: &[(String, String)], body: &[u8]) -> Part {
    let content_type = header(headers, "content-type").unwrap_or_else(|| "text/plain".to_string());
    let media_type = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let encoding = header(headers, "content-transfer-encoding").unwrap_or_default().to_ascii_lowercase();
    let body = match encoding.trim() {
        "quoted-printable" => quoted_printable(body),
        "base64" => {
            let clean: Vec<u8> = body.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
            base64::engine::general_purpose::STANDARD
                .decode(&clean)
                .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(clean.trim_ascii_end()))
                .unwrap_or_default()
        }
        _ => body.to_vec(),
    };
    Part {
        media_type,
        charset: parameter(&content_type, "charset"),
        location: header(headers, "content-location"),
        id: header(headers, "content-id").map(|v| v.trim_matches(['<', '>']).to_string()),
        body,
    }
}

/// Quoted-printable decoded: `=XX` is a byte, `=` ending a line joins it to the next, and
/// anything else (a stray `=`) stands as written.
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let b = body[i];
        if b == b'=' {
            match (body.get(i + 1), body.get(i + 2)) {
                (Some(b'\n'), _) => {
                    i += 2;
                    continue;
                }
                (Some(b'\r'), Some(b'\n')) => {
                    i += 3;
                    continue;
                }
                (Some(&h), Some(&l)) => {
                    if let (Some(h), Some(l)) = (hex(h), hex(l)) {
                        out.push(h << 4 | l);
                        i += 3;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_bytes_and_soft_breaks() {
        assert_eq!(quoted_printable(b"a=3Db=\r\nc=E5=B9=\n=B3 =ZZ="), "a=bc平 =ZZ=".as_bytes());
    }

    #[test]
    fn relative_addresses_resolve_against_the_page() {
        let base = Some("http://www.a.gov.cn/x/y/page.html");
        assert_eq!(resolve(base, "p.png").as_deref(), Some("http://www.a.gov.cn/x/y/p.png"));
        assert_eq!(resolve(base, "./p.png").as_deref(), Some("http://www.a.gov.cn/x/y/p.png"));
        assert_eq!(resolve(base, "/img/p.png").as_deref(), Some("http://www.a.gov.cn/img/p.png"));
        assert_eq!(resolve(Some("http://a.cn"), "p.png").as_deref(), Some("http://a.cn/p.png"));
        assert!(ends_with_path("file:///C:/报告.files/image001.png", "报告.files/image001.png"));
        assert!(!ends_with_path("file:///C:/x/myimage001.png", "image001.png"));
    }

    #[test]
    fn headers_fold_and_parameters_unquote() {
        let h = parse_headers(b"Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----=_NextPart_000\"\r\nMIME-Version: 1.0\r\n");
        let ct = header(&h, "content-type").unwrap();
        assert_eq!(parameter(&ct, "boundary").as_deref(), Some("----=_NextPart_000"));
        assert_eq!(parameter(&ct, "type").as_deref(), Some("text/html"));
        assert!(header(&h, "Mime-Version").is_some());
    }

    /// An archive as Internet Explorer writes it (GB2312, quoted-printable, CRLF), and one
    /// as Chrome writes it (no charset on the part, the page's own meta saying UTF-8): the
    /// page reads as the same document as the page itself.
    #[test]
    fn archives_give_their_page() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><h1>某某局2021年政府信息公开工作年度报告</h1><table><tr><td>规章</td><td>1</td><td>0</td><td>12</td></tr></table></body></html>";
        let (gbk, _, _) = encoding_rs::GBK.encode(page);
        let qp = |bytes: &[u8]| {
            let mut out = String::new();
            for (i, &b) in bytes.iter().enumerate() {
                if i > 0 && i % 60 == 0 {
                    out.push_str("=\r\n");
                }
                if b == b'=' || !b.is_ascii() {
                    out.push_str(&format!("={b:02X}"));
                } else {
                    out.push(b as char);
                }
            }
            out
        };
        let ie = format!(
            "From: <Saved by Windows Internet Explorer 8>\r\nSubject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----=_NextPart_000_0000_01D\"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0000_01D\r\nContent-Type: text/html;\r\n\tcharset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.a.gov.cn/x.html\r\n\r\n{}\r\n\r\n------=_NextPart_000_0000_01D\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\nContent-Location: http://www.a.gov.cn/logo.gif\r\n\r\nR0lGODlhAQABAAAAACw=\r\n\r\n------=_NextPart_000_0000_01D--\r\n",
            qp(&gbk)
        );
        let utf8_page = page.replace("gb2312", "UTF-8");
        let chrome = format!(
            "From: <Saved by Blink>\nSnapshot-Content-Location: http://www.a.gov.cn/x.html\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/related;\n\ttype=\"text/html\";\n\tboundary=\"----MultipartBoundary--abc----\"\n\n\n------MultipartBoundary--abc----\nContent-Type: text/html\nContent-ID: <frame-1@mhtml.blink>\nContent-Transfer-Encoding: quoted-printable\nContent-Location: http://www.a.gov.cn/x.html\n\n{}\n------MultipartBoundary--abc------\n",
            qp(utf8_page.as_bytes())
        );
        let limits = Limits::default();
        let want = html::read(utf8_page.as_bytes()).unwrap();
        for archive in [ie, chrome] {
            assert!(is_archive(archive.as_bytes()));
            let doc = read(archive.as_bytes(), &limits).unwrap();
            assert_eq!(doc.blocks, want.blocks);
            assert_eq!(doc.title_hint, want.title_hint);
            assert!(doc.warnings[0].starts_with("read from a web archive"), "{:?}", doc.warnings);
        }
        // A one-byte charset on the part says nothing of GB2312 text (the page's meta does).
        let word = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01D5\"\r\n\r\n------=_NextPart_01D5\r\nContent-Location: file:///C:/x.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"us-ascii\"\r\n\r\n{}\r\n\r\n------=_NextPart_01D5--\r\n",
            qp(&gbk)
        );
        assert_eq!(read(word.as_bytes(), &limits).unwrap().blocks, want.blocks);
        assert!(!is_archive(page.as_bytes()));
        assert!(!is_archive(b"MIME-Version: 1.0\nContent-Type: text/plain\n\nhello"));
        assert!(read(b"MIME-Version: 1.0\nContent-Type: multipart/related\n\nx", &limits).is_err());
    }
}
