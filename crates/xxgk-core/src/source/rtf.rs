//! RTF reader: Word's, WPS's and LibreOffice's Rich Text Format, and the "Word" files
//! some web sites generate (RTF under a `.doc` name).
//!
//! RTF is text: groups in braces, control words (`\par`, `\cell`, `\u21016`), hex bytes
//! (`\'d6\'d0`) and plain characters. The reader walks it once, keeping per group what
//! the group is (document text, a destination whose text is not the document's — font
//! table, style sheet, headers, field codes, shape properties — or a picture) and the
//! code page its bytes are in (the font's `\fcharset`, else the document's `\ansicpg`;
//! in a Chinese document a font that claims Latin-1 is read as the document's code page,
//! as such fonts carry Chinese text in generated files). `\uN` characters skip the
//! `\ucN` fallback characters after them.
//!
//! - `\par` ends a paragraph; in a table (`\intbl`), the paragraph belongs to the open
//!   cell. `\cell` ends a cell, `\row` a row. A row's layout — `\trleft` and the `\cellx`
//!   right edges, `\clmgf`/`\clmrg` (merged across), `\clvmgf`/`\clvmrg` (merged down) —
//!   is given by `\trowd` before (or again after) its cells; rows become a grid as in the
//!   Word 97 reader (`doc::grid`: spans from the edges, copies for merges). Nested tables
//!   (`\nestcell`) stay inside their outer cell as lines.
//! - `{\pict …}` (PNG, JPEG as hex or `\bin` bytes; metafiles noted) outside tables is a
//!   picture where its paragraph stands, read by OCR as a Word file's pictures are (when
//!   the text holds fewer than three tables); a floating shape's picture (`\shppict`,
//!   `\sv` of `\shpinst`) too, but not the metafile copy kept for old readers
//!   (`\nonshppict`, `\shprslt`).
//! - `{\info}`'s `\creatim` and `\revtim` give the document dates.
//!
//! Everything is bounded: group depth, table cells and copies (the Word 97 reader's
//! budget), pictures; a damaged file reads what it can, never panics.

use anyhow::{bail, Result};
use encoding_rs::Encoding;

use super::doc::grid::{Budget, RowBuild, TableBuild};
use super::doc::props::{CellDef, RowDef};
use super::{Block, Document, Limits};

/// Deepest group nesting read (Word writes a few dozen at most).
const MAX_DEPTH: usize = 2_000;

/// Most grid positions all tables of one document may expand to.
const MAX_GRID_CELLS: usize = 2_000_000;

/// What the text of a group is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Dest {
    /// The document's text.
    Text,
    /// Not the document's text, and nothing in it is (fonts, styles, field codes …).
    Skip,
    /// Not the document's text, but pictures in it count (a shape's properties).
    Shape,
    /// The font table: fonts and their character sets.
    Fonts,
    /// A picture's data.
    Pict,
    /// `\creatim` / `\revtim` of the information group.
    Time(TimeKind),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum TimeKind {
    Created,
    Revised,
}

/// A picture's format, from its control word.
#[derive(Clone, Copy, Debug, PartialEq)]
enum PictKind {
    Bitmap,
    Metafile,
    Unknown,
}

/// What a group keeps: set inside it, undone at its end.
#[derive(Clone, Copy, Debug)]
struct State {
    dest: Dest,
    /// Fallback characters after `\uN`.
    uc: usize,
    /// The current font (`\fN`).
    font: Option<i32>,
    /// The next control word opens an ignorable destination (`\*`).
    star: bool,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    doc: Document,
    stack: Vec<State>,
    state: State,
    /// The document's code page (`\ansicpg`), and each font's (`\fcharset`, `\cpg`).
    codepage: &'static Encoding,
    fonts: std::collections::HashMap<i32, &'static Encoding>,
    /// The font being defined in the font table.
    defining: Option<i32>,
    /// Bytes waiting to be decoded, in this code page.
    raw: Vec<u8>,
    /// Bytes written as they are (not `\\'hh`) are UTF-8: the whole file is valid UTF-8 and
    /// has some (an RTF writer keeps to ASCII; a hand-made or generated one may not).
    raw_utf8: bool,
    raw_encoding: &'static Encoding,
    /// Fallback characters still to skip after a `\uN`.
    skip_chars: usize,
    /// A high surrogate waiting for its low half.
    surrogate: Option<u16>,
    /// The paragraph being read.
    text: String,
    in_table: bool,
    /// Nesting level of the paragraph (`\itap`): text of a nested table stays in its cell.
    itap: i32,
    table: Option<TableBuild>,
    /// The latest row layout (`\trowd` … `\cellx`), and the flags of the cell being defined.
    row_def: RowDef,
    cell_def: CellDef,
    budget: Budget,
    /// The picture being read: kind and hex (or `\bin`) bytes.
    pict: Option<(PictKind, Vec<u8>, Option<u8>)>,
    /// Pictures of the paragraph being read, and of the document (block index, bytes or
    /// None for a metafile).
    para_pictures: Vec<Option<Vec<u8>>>,
    pictures: Vec<(usize, Option<Vec<u8>>)>,
    /// Date parts of `\creatim` / `\revtim`: year, month, day.
    time: [i32; 3],
}

/// Read an RTF document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    if !bytes.starts_with(b"{\\rtf") {
        bail!("not an RTF document (no {{\\rtf header)");
    }
    let mut r = Reader::new(bytes, limits);
    r.run()?;
    r.end_paragraph()?;
    r.close_table()?;
    if !r.stack.is_empty() {
        r.doc.warnings.push(format!("the RTF ends inside {} open group(s) (truncated?)", r.stack.len()));
    }
    let pictures = std::mem::take(&mut r.pictures);
    let mut doc = r.doc;
    if !pictures.is_empty() && super::image::reads_pictures_of(&doc, limits) {
        let mut found = Vec::new();
        for (k, (at, bytes)) in pictures.into_iter().enumerate() {
            let part = bytes.map_or(super::image::Part::Metafile, super::image::Part::Bytes);
            if !super::image::keep(&mut found, &mut doc.warnings, at, &(k + 1).to_string(), part) {
                break;
            }
        }
        super::image::read_into(&mut doc, found, limits)?;
    }
    Ok(doc)
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], limits: &Limits) -> Reader<'a> {
        Reader {
            bytes,
            at: 0,
            doc: Document::default(),
            stack: Vec::new(),
            state: State { dest: Dest::Text, uc: 1, font: None, star: false },
            codepage: encoding_rs::WINDOWS_1252,
            fonts: Default::default(),
            defining: None,
            raw: Vec::new(),
            raw_utf8: !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok(),
            raw_encoding: encoding_rs::WINDOWS_1252,
            skip_chars: 0,
            surrogate: None,
            text: String::new(),
            in_table: false,
            itap: 1,
            table: None,
            row_def: RowDef::default(),
            cell_def: CellDef::default(),
            budget: Budget {
                cells: 0,
                copied_bytes: 0,
                max_cells: MAX_GRID_CELLS,
                max_copied_bytes: limits.max_inflated_bytes.min(usize::MAX as u64) as usize,
            },
            pict: None,
            para_pictures: Vec::new(),
            pictures: Vec::new(),
            time: [0; 3],
        }
    }

    fn run(&mut self) -> Result<()> {
        while self.at < self.bytes.len() {
            let b = self.bytes[self.at];
            self.at += 1;
            match b {
                b'{' => {
                    if self.stack.len() >= MAX_DEPTH {
                        bail!("groups nested more than {MAX_DEPTH} deep; refusing the document");
                    }
                    self.flush();
                    self.stack.push(self.state);
                    self.state.star = false;
                }
                b'}' => {
                    self.flush();
                    self.end_group()?;
                    let Some(s) = self.stack.pop() else { break };
                    self.state = s;
                }
                b'\\' => self.control()?,
                b'\r' | b'\n' => {}
                _ => self.byte(b),
            }
        }
        self.flush();
        Ok(())
    }

    /// A group ends: finish what it held (a picture, a date, a font).
    fn end_group(&mut self) -> Result<()> {
        match self.state.dest {
            Dest::Pict => {
                // A copy for old readers (`\nonshppict`, `\shprslt`) was skipped with its
                // group and never started; pictures in tables are not read.
                if let Some((kind, data, _)) = self.pict.take() {
                    if !self.in_table {
                        match kind {
                            PictKind::Bitmap if !data.is_empty() => self.para_pictures.push(Some(data)),
                            PictKind::Metafile => self.para_pictures.push(None),
                            _ => {}
                        }
                    }
                }
            }
            Dest::Time(kind) => {
                let [y, m, d] = self.time;
                if (1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
                    let key = match kind {
                        TimeKind::Created => "dcterms:created",
                        TimeKind::Revised => "dcterms:modified",
                    };
                    self.doc.meta.push((key.to_string(), format!("{y:04}-{m:02}-{d:02}")));
                }
                self.time = [0; 3];
            }
            Dest::Fonts => self.defining = None,
            _ => {}
        }
        Ok(())
    }

    /// A byte of text (or of a picture's hex).
    fn byte(&mut self, b: u8) {
        match self.state.dest {
            Dest::Pict => self.pict_byte(b),
            Dest::Text => {
                if self.skip_chars > 0 {
                    self.skip_chars -= 1;
                    return;
                }
                if b < 0x80 {
                    self.flush();
                    if b == b'\t' {
                        self.text.push(' ');
                    } else if b >= 0x20 {
                        self.text.push(b as char);
                    }
                } else if self.raw_utf8 {
                    self.byte_in(b, encoding_rs::UTF_8);
                } else {
                    self.raw_byte(b);
                }
            }
            _ => {}
        }
    }

    /// A byte in the current code page.
    fn raw_byte(&mut self, b: u8) {
        self.byte_in(b, self.encoding());
    }

    /// A byte of text in `enc`.
    fn byte_in(&mut self, b: u8, enc: &'static Encoding) {
        if enc != self.raw_encoding {
            self.flush();
            self.raw_encoding = enc;
        }
        self.raw.push(b);
    }

    /// The code page of the current font.
    fn encoding(&self) -> &'static Encoding {
        let cjk = [encoding_rs::GBK, encoding_rs::BIG5, encoding_rs::SHIFT_JIS, encoding_rs::EUC_KR];
        match self.state.font.and_then(|f| self.fonts.get(&f)) {
            Some(&e) if e == encoding_rs::WINDOWS_1252 && cjk.contains(&self.codepage) => self.codepage,
            Some(&e) => e,
            None => self.codepage,
        }
    }

    /// Decode the bytes waiting.
    fn flush(&mut self) {
        if self.raw.is_empty() {
            return;
        }
        let (text, _) = self.raw_encoding.decode_without_bom_handling(&self.raw);
        self.text.push_str(&text);
        self.raw.clear();
    }

    fn pict_byte(&mut self, b: u8) {
        let Some((_, data, half)) = self.pict.as_mut() else { return };
        let v = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => return,
        };
        match half.take() {
            Some(h) => data.push(h << 4 | v),
            None => *half = Some(v),
        }
    }

    /// After a backslash.
    fn control(&mut self) -> Result<()> {
        let Some(&c) = self.bytes.get(self.at) else { return Ok(()) };
        if c.is_ascii_alphabetic() {
            let start = self.at;
            while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_alphabetic() && self.at - start < 32 {
                self.at += 1;
            }
            let word = &self.bytes[start..self.at];
            let num_start = self.at;
            if self.bytes.get(self.at) == Some(&b'-') {
                self.at += 1;
            }
            while self.at < self.bytes.len() && self.bytes[self.at].is_ascii_digit() && self.at - num_start < 11 {
                self.at += 1;
            }
            let param = std::str::from_utf8(&self.bytes[num_start..self.at]).ok().and_then(|s| s.parse::<i64>().ok());
            if self.bytes.get(self.at) == Some(&b' ') {
                self.at += 1;
            }
            return self.word(word, param);
        }
        self.at += 1;
        match c {
            b'\'' => {
                let hex = self.bytes.get(self.at..self.at + 2).and_then(|h| std::str::from_utf8(h).ok());
                let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) else { return Ok(()) };
                self.at += 2;
                if self.state.dest == Dest::Text {
                    if self.skip_chars > 0 {
                        self.skip_chars -= 1;
                    } else {
                        self.raw_byte(v);
                    }
                }
            }
            b'*' => self.state.star = true,
            b'\\' | b'{' | b'}' => self.byte(c),
            b'~' => self.symbol(' '),
            b'_' => self.symbol('-'),
            b'-' => {}
            b'\r' | b'\n' => self.word(b"par", None)?,
            _ => {}
        }
        Ok(())
    }

    /// A control symbol standing for a character.
    fn symbol(&mut self, ch: char) {
        if self.state.dest != Dest::Text {
            return;
        }
        if self.skip_chars > 0 {
            self.skip_chars -= 1;
            return;
        }
        self.flush();
        self.text.push(ch);
    }

    fn push_char(&mut self, ch: char) {
        if self.state.dest == Dest::Text {
            self.flush();
            self.text.push(ch);
        }
    }

    fn word(&mut self, word: &[u8], param: Option<i64>) -> Result<()> {
        let star = std::mem::replace(&mut self.state.star, false);
        let n = param.unwrap_or(0);
        let int = n.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
        // Destinations.
        let dest = match word {
            b"fonttbl" => Some(Dest::Fonts),
            b"pict" => {
                self.flush();
                if self.state.dest != Dest::Skip {
                    self.pict = Some((PictKind::Unknown, Vec::new(), None));
                }
                Some(Dest::Pict)
            }
            b"creatim" => Some(Dest::Time(TimeKind::Created)),
            b"revtim" => Some(Dest::Time(TimeKind::Revised)),
            b"shpinst" => Some(Dest::Shape),
            b"shptxt" => Some(Dest::Text),
            b"fldrslt" | b"shppict" | b"listtext" | b"pntext" | b"sv" => None,
            b"colortbl"
            | b"stylesheet"
            | b"info"
            | b"header"
            | b"headerl"
            | b"headerr"
            | b"headerf"
            | b"footer"
            | b"footerl"
            | b"footerr"
            | b"footerf"
            | b"footnote"
            | b"annotation"
            | b"atnid"
            | b"atnauthor"
            | b"fldinst"
            | b"xe"
            | b"tc"
            | b"txe"
            | b"rxe"
            | b"bkmkstart"
            | b"bkmkend"
            | b"nonshppict"
            | b"shprslt"
            | b"sn"
            | b"objdata"
            | b"objclass"
            | b"themedata"
            | b"colorschememapping"
            | b"datastore"
            | b"latentstyles"
            | b"listtable"
            | b"listoverridetable"
            | b"rsidtbl"
            | b"generator"
            | b"xmlnstbl"
            | b"mmathPr"
            | b"filetbl"
            | b"revtbl"
            | b"pgdsctbl"
            | b"author"
            | b"operator"
            | b"title"
            | b"subject"
            | b"keywords"
            | b"comment"
            | b"doccomm"
            | b"company"
            | b"category"
            | b"userprops"
            | b"template"
            | b"pnseclvl"
            | b"nesttableprops"
            | b"datafield"
            | b"formfield"
            | b"picprop"
            | b"blipuid"
            | b"passwordhash"
            | b"pn" => Some(Dest::Skip),
            _ if star => Some(Dest::Skip),
            _ => None,
        };
        if let Some(dest) = dest {
            // `\creatim` and friends live inside `\info`, which is skipped as text but read
            // for its dates: the time groups are read even there.
            let inside_info = matches!(dest, Dest::Time(_)) && self.state.dest == Dest::Skip;
            if self.state.dest != Dest::Skip || inside_info {
                self.state.dest = dest;
            }
            return Ok(());
        }
        match self.state.dest {
            Dest::Fonts => {
                match word {
                    b"f" => self.defining = Some(int),
                    b"fcharset" => {
                        if let (Some(f), Some(e)) = (self.defining, charset_encoding(int, self.codepage)) {
                            self.fonts.insert(f, e);
                        }
                    }
                    b"cpg" => {
                        if let (Some(f), Some(e)) = (self.defining, codepage_encoding(int)) {
                            self.fonts.insert(f, e);
                        }
                    }
                    _ => {}
                }
                return Ok(());
            }
            Dest::Pict => {
                if let Some((kind, data, _)) = self.pict.as_mut() {
                    match word {
                        b"pngblip" | b"jpegblip" | b"dibitmap" | b"wbitmap" => *kind = PictKind::Bitmap,
                        b"emfblip" | b"wmetafile" | b"macpict" | b"pmmetafile" => *kind = PictKind::Metafile,
                        b"bin" => {
                            // Binary picture data: `n` raw bytes follow.
                            let len = usize::try_from(n).unwrap_or(0).min(self.bytes.len() - self.at);
                            data.extend_from_slice(&self.bytes[self.at..self.at + len]);
                            self.at += len;
                        }
                        _ => {}
                    }
                }
                return Ok(());
            }
            Dest::Time(_) => {
                match word {
                    b"yr" => self.time[0] = int,
                    b"mo" => self.time[1] = int,
                    b"dy" => self.time[2] = int,
                    _ => {}
                }
                return Ok(());
            }
            Dest::Skip | Dest::Shape => {
                if word == b"bin" {
                    self.at += usize::try_from(n).unwrap_or(0).min(self.bytes.len() - self.at);
                }
                return Ok(());
            }
            Dest::Text => {}
        }
        match word {
            b"ansicpg" => {
                if let Some(e) = codepage_encoding(int) {
                    self.codepage = e;
                }
            }
            b"f" => {
                self.flush();
                self.state.font = Some(int);
            }
            b"uc" => self.state.uc = usize::try_from(n).unwrap_or(0).min(8),
            b"u" => {
                let unit = (int as i64).rem_euclid(65536) as u16;
                self.unicode(unit);
                self.skip_chars = self.state.uc;
            }
            b"par" | b"sect" => self.end_paragraph()?,
            b"page" if !self.in_table => self.end_paragraph()?,
            b"line" => self.push_char('\n'),
            b"tab" => self.push_char(' '),
            b"emdash" => self.push_char('—'),
            b"endash" => self.push_char('–'),
            b"bullet" => self.push_char('•'),
            b"lquote" => self.push_char('‘'),
            b"rquote" => self.push_char('’'),
            b"ldblquote" => self.push_char('“'),
            b"rdblquote" => self.push_char('”'),
            b"emspace" | b"enspace" | b"qmspace" => self.push_char(' '),
            b"pard" => {
                self.in_table = false;
                self.itap = 1;
            }
            b"intbl" => self.in_table = true,
            b"itap" => {
                self.itap = int;
                self.in_table = int > 0;
            }
            b"cell" => self.end_cell()?,
            b"nestcell" => self.push_char('\n'),
            b"row" => self.end_row()?,
            b"trowd" => {
                self.row_def = RowDef { edges: vec![0], cells: Vec::new() };
                self.cell_def = CellDef::default();
            }
            b"trleft" => {
                if let Some(first) = self.row_def.edges.first_mut() {
                    *first = int;
                }
            }
            b"clmgf" => self.cell_def.horz_merge = 1,
            b"clmrg" => self.cell_def.horz_merge = 2,
            b"clvmgf" => self.cell_def.vert_merge = 3,
            b"clvmrg" => self.cell_def.vert_merge = 1,
            b"cellx" => {
                if self.row_def.edges.is_empty() {
                    self.row_def.edges.push(0);
                }
                if self.row_def.cells.len() < 1_000 {
                    self.row_def.edges.push(int);
                    self.row_def.cells.push(std::mem::take(&mut self.cell_def));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// A UTF-16 unit from `\uN`: surrogates paired.
    fn unicode(&mut self, unit: u16) {
        match unit {
            0xD800..=0xDBFF => self.surrogate = Some(unit),
            0xDC00..=0xDFFF => {
                if let Some(hi) = self.surrogate.take() {
                    if let Some(Ok(c)) = char::decode_utf16([hi, unit]).next() {
                        self.push_char(c);
                    }
                }
            }
            _ => {
                self.surrogate = None;
                if let Some(c) = char::from_u32(unit as u32).filter(|c| !c.is_control() || *c == '\t') {
                    self.push_char(if c == '\t' { ' ' } else { c });
                }
            }
        }
    }

    /// The paragraph ends (`\par`): into the open cell when in a table, else a paragraph
    /// of its own (after closing a table that ended before it).
    fn end_paragraph(&mut self) -> Result<()> {
        self.flush();
        let text = std::mem::take(&mut self.text);
        let text = text.trim();
        if self.in_table {
            let t = self.table.get_or_insert_with(TableBuild::default);
            if !text.is_empty() {
                t.paras.push(text.to_string());
            }
            self.para_pictures.clear();
            return Ok(());
        }
        self.close_table()?;
        if !text.is_empty() {
            self.doc.blocks.push(Block::Paragraph(text.to_string()));
        }
        let at = self.doc.blocks.len();
        self.pictures.extend(self.para_pictures.drain(..).map(|p| (at, p)));
        Ok(())
    }

    /// The open table, with the text read since the last mark as a paragraph of its open cell.
    fn table_with_text(&mut self) -> &mut TableBuild {
        self.flush();
        let text = std::mem::take(&mut self.text);
        let t = self.table.get_or_insert_with(TableBuild::default);
        if !text.trim().is_empty() {
            t.paras.push(text.trim().to_string());
        }
        t
    }

    fn end_cell(&mut self) -> Result<()> {
        if self.itap > 1 {
            // A cell of a nested table that writes `\cell` (older writers): a line break.
            self.push_char('\n');
            return Ok(());
        }
        let t = self.table_with_text();
        let cell = std::mem::take(&mut t.paras).join("\n");
        t.cells.push(cell);
        self.para_pictures.clear();
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        if self.itap > 1 {
            return Ok(());
        }
        let def = (!self.row_def.cells.is_empty()).then(|| self.row_def.clone());
        // Text left after the last cell mark is a cell of its own.
        let t = self.table_with_text();
        if !t.paras.is_empty() {
            t.cells.push(std::mem::take(&mut t.paras).join("\n"));
        }
        let cells = std::mem::take(&mut t.cells);
        t.rows.push(RowBuild { cells, def });
        Ok(())
    }

    /// The open table ends: lay it out as a grid.
    fn close_table(&mut self) -> Result<()> {
        let Some(t) = self.table.take() else { return Ok(()) };
        if let Some((table, geometry_ok)) = t.finish(&mut self.budget)? {
            if !geometry_ok {
                self.doc
                    .warnings
                    .push("a table's cell edges did not fit its cells; laid out by cell order".to_string());
            }
            self.doc.blocks.push(Block::Table(table));
        }
        Ok(())
    }
}

/// The code page of a font character set (`\fcharset`); `default` for 1 (the default).
fn charset_encoding(charset: i32, default: &'static Encoding) -> Option<&'static Encoding> {
    Some(match charset {
        0 | 2 | 77 => encoding_rs::WINDOWS_1252,
        1 => default,
        128 => encoding_rs::SHIFT_JIS,
        129 => encoding_rs::EUC_KR,
        134 => encoding_rs::GBK,
        136 => encoding_rs::BIG5,
        161 => encoding_rs::WINDOWS_1253,
        162 => encoding_rs::WINDOWS_1254,
        177 => encoding_rs::WINDOWS_1255,
        178 => encoding_rs::WINDOWS_1256,
        186 => encoding_rs::WINDOWS_1257,
        204 => encoding_rs::WINDOWS_1251,
        222 => encoding_rs::WINDOWS_874,
        238 => encoding_rs::WINDOWS_1250,
        _ => return None,
    })
}

/// The encoding of a Windows code page number (`\ansicpg`, `\cpg`).
fn codepage_encoding(cp: i32) -> Option<&'static Encoding> {
    Some(match cp {
        936 | 54936 => encoding_rs::GBK,
        950 => encoding_rs::BIG5,
        932 => encoding_rs::SHIFT_JIS,
        949 => encoding_rs::EUC_KR,
        65001 => encoding_rs::UTF_8,
        874 => encoding_rs::WINDOWS_874,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1252 | 437 | 850 => encoding_rs::WINDOWS_1252,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Cell, Span, Table};

    fn doc(body: &str) -> Document {
        read(format!("{{\\rtf1\\ansi\\ansicpg936{{\\fonttbl{{\\f0\\fcharset0 Times;}}{{\\f1\\fcharset134 \\'cb\\'ce\\'cc\\'e5;}}}}{body}}}").as_bytes(), &Limits::default())
            .unwrap()
    }

    fn paragraphs(d: &Document) -> Vec<&str> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                _ => None,
            })
            .collect()
    }

    fn table(d: &Document) -> Vec<Vec<(String, Span)>> {
        let t = d.blocks.iter().find_map(|b| match b {
            Block::Table(Table { rows }) => Some(rows),
            _ => None,
        });
        t.expect("a table").iter().map(|r| r.iter().map(|c: &Cell| (c.text.to_string(), c.span)).collect()).collect()
    }

    #[test]
    fn text_in_code_pages_and_unicode() {
        // GBK bytes in a 宋体 font; a Latin font in a Chinese document read as GBK too;
        // \u with its fallback skipped (one character by default, two after \uc2); a pair of
        // surrogates; escaped braces and backslash.
        let d = doc("\\f1 \\'d6\\'d0\\'ce\\'c4\\par \\f0 \\'b1\\'a8\\'b8\\'e6\\par \\u20013\\'3f\\u25991?\\par {\\uc2\\u21016\\'b1\\'a8 x}\\par \\u-10179\\'3f\\u-8704\\'3f\\par a\\{b\\}c\\\\\\par");
        assert_eq!(paragraphs(&d), ["中文", "报告", "中文", "刘 x", "😀", "a{b}c\\"]);
    }

    #[test]
    fn destinations_that_are_not_text_are_skipped() {
        let d = doc("{\\stylesheet{\\s1 heading 1;}}{\\info{\\title 标题}{\\author 某}{\\creatim\\yr2024\\mo2\\dy26\\hr14\\min41}{\\revtim\\yr2024\\mo3\\dy1}}{\\header 页眉\\par}{\\*\\unknowndest 不要}{\\field{\\*\\fldinst HYPERLINK \"x\"}{\\fldrslt 链接}}正文{\\footnote 脚注}\\par{\\listtext （一）\\tab}予以公开\\par");
        assert_eq!(paragraphs(&d), ["链接正文", "（一） 予以公开"]);
        assert_eq!(
            d.meta,
            [
                ("dcterms:created".to_string(), "2024-02-26".to_string()),
                ("dcterms:modified".to_string(), "2024-03-01".to_string())
            ]
        );
    }

    #[test]
    fn rows_become_a_grid_with_spans_and_merges() {
        // Row 1: a cell two columns wide (by its edges), then one; row 2: three cells, the
        // first continuing a vertical merge; row 3: merge flags across two cells.
        let d = doc(concat!(
            "前\\par",
            "\\trowd\\trleft0\\clvmgf\\cellx1000\\cellx3000\\cellx4000\\pard\\intbl 项目\\cell 本年\\cell 总计\\cell\\row",
            "\\trowd\\trleft0\\clvmrg\\cellx1000\\cellx2000\\cellx3000\\cellx4000\\pard\\intbl\\cell 1\\cell 2\\cell 3\\cell\\row",
            "\\trowd\\trleft0\\clmgf\\cellx1000\\clmrg\\cellx2000\\cellx3000\\cellx4000\\pard\\intbl 合\\cell\\cell 5\\cell 6\\cell\\row",
            "\\pard 后\\par"
        ));
        assert_eq!(paragraphs(&d), ["前", "后"]);
        let own = |t: &str| (t.to_string(), Span::Own);
        let t = table(&d);
        assert_eq!(t[0], [own("项目"), own("本年"), ("本年".to_string(), Span::ColCopy), own("总计")]);
        assert_eq!(t[1], [("项目".to_string(), Span::RowCopy), own("1"), own("2"), own("3")]);
        assert_eq!(t[2], [own("合"), ("合".to_string(), Span::ColCopy), own("5"), own("6")]);
    }

    #[test]
    fn a_nested_table_stays_in_its_cell() {
        let d = doc("\\trowd\\cellx1000\\cellx2000\\pard\\intbl a\\par\\itap2 b\\nestcell c\\nestcell{\\*\\nesttableprops\\trowd\\cellx500\\nestrow}\\pard\\intbl\\itap1\\cell d\\cell\\row\\pard\\par");
        assert_eq!(table(&d), [[("a\nb\nc".to_string(), Span::Own), ("d".to_string(), Span::Own)]]);
    }

    #[test]
    fn pictures_are_found_where_they_stand() {
        // A PNG in hex and one in \bin bytes; the WMF copy for old readers is not read.
        let png = b"\x89PNG\r\n\x1a\n";
        let hex: String = png.iter().map(|b| format!("{b:02x}")).collect();
        let mut body = format!("甲\\par{{\\*\\shppict{{\\pict\\pngblip\\picw10 {hex}}}}}{{\\nonshppict{{\\pict\\wmetafile8 0102}}}}\\par乙\\par").into_bytes();
        body.extend_from_slice(b"{\\pict\\pngblip\\bin8 ");
        body.extend_from_slice(png);
        body.extend_from_slice(b"}\\par");
        let mut r = Reader::new(&body, &Limits::default());
        r.run().unwrap();
        r.end_paragraph().unwrap();
        assert_eq!(r.pictures, [(1, Some(png.to_vec())), (2, Some(png.to_vec()))]);
    }

    #[test]
    fn damaged_documents_read_what_they_can() {
        let full = "{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f1\\fcharset134 x;}}\\f1 \\'d6\\'d0\\par\\trowd\\clvmgf\\cellx100\\cellx-5\\pard\\intbl a\\cell b\\cell\\row{\\pict\\pngblip 89504e\\bin99999}\\u99999999999999\\uc9999 \\'zz\\'";
        for n in 0..=full.len() {
            let Some(prefix) = full.get(..n) else { continue };
            let _ = read(prefix.as_bytes(), &Limits::default());
        }
        assert!(read(b"not rtf", &Limits::default()).is_err());
        let deep = format!("{{\\rtf1 {}", "{".repeat(MAX_DEPTH + 5));
        let err = read(deep.as_bytes(), &Limits::default()).unwrap_err().to_string();
        assert!(err.contains("nested"), "{err}");
        let d = read(b"{\\rtf1 \\par text", &Limits::default()).unwrap();
        assert_eq!(paragraphs(&d), ["text"]);
        assert_eq!(d.warnings, ["the RTF ends inside 1 open group(s) (truncated?)"]);
        assert!(doc("x\\par").warnings.is_empty(), "a whole document has no warning");
    }
}
