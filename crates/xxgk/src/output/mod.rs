//! Rows out: a table for people, CSV / TSV / JSON / JSON lines / Markdown for scripts.
//!
//! Every command that prints rows builds a [`Rows`] and hands it here, so the output
//! flags behave the same everywhere. Machine formats carry no decoration; column names
//! are stable; JSON keeps numbers as numbers and missing values as `null`.

pub mod chart;
pub mod parquet;
pub mod png;
pub mod show;
pub mod xlsx;

use std::io::{self, Write};

use clap::ValueEnum;
use comfy_table::{presets, Cell as TCell, CellAlignment, ContentArrangement, Table};

pub use xxgk_db::rows::{Rows, Val};

/// The output formats every row-printing command takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutFormat {
    /// An aligned table for reading.
    #[default]
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A Markdown table.
    Md,
}

/// Options shared by every printing command.
#[derive(Clone, Copy, Debug, Default)]
pub struct OutOptions {
    pub format: OutFormat,
    /// Start CSV/TSV with a UTF-8 byte-order mark (Excel and WPS then read Chinese right).
    pub bom: bool,
}

/// For table output: take the `caveat` column out of `rows` and return its distinct
/// non-empty values, to print once below the table instead of on every row.
pub fn caveats_below(rows: &mut Rows) -> Vec<String> {
    let Some(i) = rows.col("caveat") else { return Vec::new() };
    rows.columns.remove(i);
    let mut out: Vec<String> = Vec::new();
    for r in &mut rows.rows {
        let c = r.remove(i).plain();
        if !c.is_empty() && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Write rows in the chosen format.
pub fn write_rows(rows: &Rows, opts: OutOptions, w: &mut dyn Write) -> io::Result<()> {
    match opts.format {
        OutFormat::Table => write_table(rows, w),
        OutFormat::Csv => write_delimited(rows, b',', opts.bom, w),
        OutFormat::Tsv => write_delimited(rows, b'\t', opts.bom, w),
        OutFormat::Json => {
            let arr: Vec<serde_json::Value> = rows.rows.iter().map(|r| object(rows, r)).collect();
            serde_json::to_writer_pretty(&mut *w, &arr)?;
            writeln!(w)
        }
        OutFormat::Jsonl => {
            for r in &rows.rows {
                serde_json::to_writer(&mut *w, &object(rows, r))?;
                writeln!(w)?;
            }
            Ok(())
        }
        OutFormat::Md => write_markdown(rows, w),
    }
}

/// Rows as JSON objects, one per row.
pub fn to_json(rows: &Rows) -> Vec<serde_json::Value> {
    rows.rows.iter().map(|r| object(rows, r)).collect()
}

fn object(rows: &Rows, r: &[Val]) -> serde_json::Value {
    object_of(&rows.columns, r)
}

/// One row as a JSON object, its fields named by `columns` in order.
fn object_of(columns: &[String], r: &[Val]) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> =
        columns.iter().cloned().zip(r.iter().map(Val::json)).collect();
    serde_json::Value::Object(map)
}

/// The width tables must fit: `$COLUMNS` when set, else the terminal's when standard
/// output is one; None (no limit) when the output goes to a file or a pipe.
pub fn table_width() -> Option<u16> {
    if let Some(n) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|n| *n >= 20) {
        return Some(n);
    }
    use std::io::IsTerminal;
    if io::stdout().is_terminal() {
        return comfy_table::Table::new().width();
    }
    None
}

fn write_table(rows: &Rows, w: &mut dyn Write) -> io::Result<()> {
    let mut header: Vec<String> = rows.columns.clone();
    let mut cells: Vec<Vec<String>> = rows.rows.iter().map(|r| r.iter().map(Val::display).collect()).collect();
    let padded = match table_width() {
        Some(width) => fit_columns(&mut header, &mut cells, rows, width as usize),
        None => true,
    };
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(header.iter().map(TCell::new));
    for (r, texts) in rows.rows.iter().zip(cells) {
        t.add_row(r.iter().zip(texts).map(|(v, text)| {
            let c = TCell::new(text);
            if v.is_number() {
                c.set_alignment(CellAlignment::Right)
            } else {
                c
            }
        }));
    }
    if !padded {
        for column in t.column_iter_mut() {
            column.set_padding((0, 0));
        }
    }
    writeln!(w, "{t}")?;
    if rows.rows.is_empty() {
        writeln!(w, "(no rows)")?;
    }
    Ok(())
}

/// Make a table fit `width` terminal columns by wrapping its text: nothing changes when it
/// fits as it is; else numbers keep their width (their header wraps), the widest text
/// columns wrap first, down to six characters a line; and when even that is too wide, the
/// cell padding goes. Returns whether cells keep their padding.
fn fit_columns(header: &mut [String], cells: &mut [Vec<String>], rows: &Rows, width: usize) -> bool {
    let n = header.len();
    if n == 0 {
        return true;
    }
    let widest = |s: &str| s.lines().map(display_width).max().unwrap_or(0);
    let values: Vec<usize> = (0..n).map(|i| cells.iter().map(|r| widest(&r[i])).max().unwrap_or(0)).collect();
    let numeric: Vec<bool> = (0..n).map(|i| rows.rows.iter().all(|r| r[i].is_number() || r[i] == Val::Null)).collect();
    let mut widths: Vec<usize> = (0..n).map(|i| values[i].max(widest(&header[i]))).collect();
    // "│ a ┆ b │": three characters a column and one more, with padding; one without.
    let framed = |widths: &[usize], pad: usize| widths.iter().sum::<usize>() + n * (1 + 2 * pad) + 1;
    if framed(&widths, 1) <= width {
        return true;
    }
    let mut floor: Vec<usize> = (0..n).map(|i| if numeric[i] { values[i].max(3) } else { widths[i].min(6) }).collect();
    for (i, w) in widths.iter_mut().enumerate() {
        if numeric[i] {
            *w = floor[i];
        }
    }
    let pad = if framed(&floor, 1) <= width { 1 } else { 0 };
    if framed(&floor, pad) > width {
        // Many columns on a narrow terminal: text goes down to three characters a line.
        for (i, f) in floor.iter_mut().enumerate() {
            if !numeric[i] {
                *f = (*f).min(3);
            }
        }
    }
    while framed(&widths, pad) > width {
        let Some(i) = (0..n).filter(|&i| widths[i] > floor[i]).max_by_key(|&i| widths[i]) else { break };
        widths[i] -= 1;
    }
    for i in 0..n {
        header[i] = wrap(&header[i], widths[i]);
        for r in cells.iter_mut() {
            r[i] = wrap(&r[i], widths[i]);
        }
    }
    pad == 1
}

/// Lines of text wrapped to the table width (notes printed below a table).
pub fn wrap_to_width(line: &str) -> String {
    match table_width() {
        Some(width) => wrap(line, width as usize),
        None => line.to_string(),
    }
}

/// Display width in terminal columns (CJK counts two).
fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Text wrapped to `width` terminal columns: at spaces where a line has one, else
/// anywhere (CJK has no spaces; `_` keys break after the underscore).
fn wrap(s: &str, width: usize) -> String {
    let width = width.max(1);
    let mut out: Vec<String> = Vec::new();
    for line in s.lines() {
        let mut cur = String::new();
        let mut cur_w = 0;
        for word in line.split_inclusive([' ', '_']) {
            let ww = display_width(word.trim_end());
            if cur_w + ww > width && !cur.is_empty() {
                out.push(cur.trim_end().to_string());
                cur.clear();
                cur_w = 0;
            }
            for c in word.chars() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if cur_w + cw > width && !(c == ' ' && cur_w == width) {
                    out.push(cur.trim_end().to_string());
                    cur.clear();
                    cur_w = 0;
                    if c == ' ' {
                        continue;
                    }
                }
                cur.push(c);
                cur_w += cw;
            }
        }
        out.push(cur.trim_end().to_string());
    }
    out.join("\n")
}

/// CSV or TSV, a line at a time into one reused buffer (no string per value: a trend of
/// 100,000 rows has 1.5 million of them).
fn write_delimited(rows: &Rows, sep: u8, bom: bool, w: &mut dyn Write) -> io::Result<()> {
    let mut out = Delimited::start(&rows.columns, sep, bom, w)?;
    for r in &rows.rows {
        out.row(r, w)?;
    }
    Ok(())
}

/// CSV or TSV being written: the header is out, rows follow one at a time.
struct Delimited {
    sep: u8,
    line: Vec<u8>,
    text: String,
}

impl Delimited {
    /// Write the byte-order mark (if asked) and the header.
    fn start(columns: &[String], sep: u8, bom: bool, w: &mut dyn Write) -> io::Result<Delimited> {
        if bom {
            w.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut out = Delimited { sep, line: Vec::with_capacity(256), text: String::new() };
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                out.line.push(sep);
            }
            field(&mut out.line, sep, c);
        }
        out.line.push(b'\n');
        w.write_all(&out.line)?;
        Ok(out)
    }

    /// Write one row.
    fn row(&mut self, r: &[Val], w: &mut dyn Write) -> io::Result<()> {
        let Delimited { sep, line, text } = self;
        line.clear();
        for (i, v) in r.iter().enumerate() {
            if i > 0 {
                line.push(*sep);
            }
            match v {
                Val::Text(s) => field(line, *sep, s),
                Val::Null => {}
                // As `Val::plain` writes them.
                Val::Int(n) => push_int(line, *n),
                Val::Float(f) => push_float(line, text, *sep, *f),
            }
        }
        line.push(b'\n');
        w.write_all(line)
    }
}

/// `n` as `{n}` writes it.
fn push_int(line: &mut Vec<u8>, n: i64) {
    line.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `f` as a field of `{f}` (Rust's shortest digits that read back as `f`, never an
/// exponent): a whole number under 10^15 as the integer it is, which has those very
/// digits (every whole number that size is a float, one apart from its neighbours); a
/// fraction as [`shortest_fraction`] writes it when it can; any other through the
/// formatter. -0 keeps its sign.
fn push_float(line: &mut Vec<u8>, text: &mut String, sep: u8, f: f64) {
    use std::fmt::Write as _;
    if f.fract() == 0.0 && f.abs() < 1e15 && !(f == 0.0 && f.is_sign_negative()) {
        return push_int(line, f as i64);
    }
    let mut digits = zmij::Buffer::new();
    if let Some(s) = shortest_fraction(&mut digits, f) {
        return field(line, sep, s);
    }
    text.clear();
    let _ = write!(text, "{f}");
    field(line, sep, text);
}

/// `f`'s digits by `zmij` (several times faster than the formatter) where they are sure to
/// be the formatter's: both write the fewest digits that read back as `f`, and of those the
/// string nearest to `f`. They differ only where two such strings are equally near, and
/// may then pick either (-26829767983277.3125 is …312 to one and …313 to the other). That
/// takes a float whose exact decimal value has at most 18 significant digits, one more
/// than the 17 a float ever needs. A float with 27 or more binary digits after the point
/// (a mantissa M, odd, times 2^-k) has the exact value M × 5^k / 10^k, with as many
/// significant digits as the odd M × 5^k ≥ 5^27 > 10^18 has: 19 or more, so no two
/// strings are ever equally near. Fractions with fewer binary digits (0.5, 94.75) and
/// numbers `zmij` writes with an exponent are left to the formatter (None).
fn shortest_fraction(digits: &mut zmij::Buffer, f: f64) -> Option<&str> {
    if !f.is_finite() || f == 0.0 {
        return None;
    }
    let bits = f.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // f = mantissa × 2^exponent.
    let (mantissa, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    let binary_places = -(exponent + mantissa.trailing_zeros() as i32);
    if binary_places < 27 {
        return None;
    }
    let s = digits.format_finite(f);
    (!s.contains(['e', 'E'])).then_some(s)
}

/// One CSV or TSV field: quoted as CSV needs; tabs and line breaks made spaces in TSV.
fn field(line: &mut Vec<u8>, sep: u8, s: &str) {
    // Every byte a field may need quoted or replaced for (tab, line breaks, '"', ',') is
    // below '-': most fields (digits, Chinese text) have none, which their smallest byte
    // tells (a minimum without an early exit, which the compiler vectorises).
    if s.bytes().fold(u8::MAX, u8::min) > b',' {
        line.extend_from_slice(s.as_bytes());
        return;
    }
    // Looked for byte by byte: ASCII never occurs inside another UTF-8 character.
    let has = |set: &[u8]| s.bytes().any(|b| set.contains(&b));
    if sep == b'\t' {
        if has(b"\t\n\r") {
            line.extend_from_slice(s.replace(['\t', '\n', '\r'], " ").as_bytes());
        } else {
            line.extend_from_slice(s.as_bytes());
        }
    } else if has(b",\"\n\r") {
        line.push(b'"');
        line.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        line.push(b'"');
    } else {
        line.extend_from_slice(s.as_bytes());
    }
}

/// Can rows in this format be written one at a time as they are made (CSV, TSV, JSON and
/// JSON lines), with the same bytes as [`write_rows`] writes for them all?
pub fn streams(format: OutFormat) -> bool {
    matches!(format, OutFormat::Csv | OutFormat::Tsv | OutFormat::Json | OutFormat::Jsonl)
}

/// How many rows a table printed as rows come holds ([`RowStream::start_tables`]): a
/// longer output is printed as one table of this many rows after another.
pub const TABLE_GROUP_ROWS: usize = 1000;

/// Rows written one at a time: in a format that [`streams`], exactly what [`write_rows`]
/// writes for the same rows, once [`RowStream::finish`] has closed it; in table format
/// ([`RowStream::start_tables`]), tables of [`TABLE_GROUP_ROWS`] rows.
pub struct RowStream {
    columns: Vec<String>,
    kind: StreamKind,
}

enum StreamKind {
    Delimited(Delimited),
    /// JSON lines: an object per line.
    Lines,
    /// A JSON array, pretty-printed as `serde_json` prints a whole one: how many objects
    /// are out so far.
    Array(usize),
    /// Tables of up to [`TABLE_GROUP_ROWS`] rows: the rows of the one being gathered, and
    /// whether one was printed already.
    Tables(Rows, bool),
}

impl RowStream {
    /// Start: the byte-order mark and header of CSV and TSV.
    pub fn start(columns: &[&str], opts: OutOptions, w: &mut dyn Write) -> io::Result<RowStream> {
        let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        let kind = match opts.format {
            OutFormat::Csv => StreamKind::Delimited(Delimited::start(&columns, b',', opts.bom, w)?),
            OutFormat::Tsv => StreamKind::Delimited(Delimited::start(&columns, b'\t', opts.bom, w)?),
            OutFormat::Jsonl => StreamKind::Lines,
            OutFormat::Json => StreamKind::Array(0),
            f => return Err(io::Error::other(format!("{f:?} output cannot be written row by row"))),
        };
        Ok(RowStream { columns, kind })
    }

    /// Start table output that holds at most [`TABLE_GROUP_ROWS`] rows at a time: an
    /// output of that many rows or fewer is the one table [`write_rows`] prints for them; a
    /// longer one is printed as one such table after another, each with the header and
    /// its own column widths (as `psql` prints with `FETCH_COUNT` set).
    pub fn start_tables(columns: &[&str]) -> RowStream {
        let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
        let rows = Rows { columns: columns.clone(), rows: Vec::new() };
        RowStream { columns, kind: StreamKind::Tables(rows, false) }
    }

    /// Write one row.
    pub fn row(&mut self, r: &[Val], w: &mut dyn Write) -> io::Result<()> {
        match &mut self.kind {
            StreamKind::Delimited(d) => d.row(r, w),
            StreamKind::Lines => {
                serde_json::to_writer(&mut *w, &object_of(&self.columns, r))?;
                writeln!(w)
            }
            StreamKind::Array(n) => {
                // The object as the whole array's pretty printer puts it: one level in (no
                // string holds a raw line break: JSON escapes it).
                let text = serde_json::to_string_pretty(&object_of(&self.columns, r))?;
                w.write_all(if *n == 0 { b"[\n  " } else { b",\n  " })?;
                w.write_all(text.replace('\n', "\n  ").as_bytes())?;
                *n += 1;
                Ok(())
            }
            StreamKind::Tables(rows, printed) => {
                rows.rows.push(r.to_vec());
                if rows.rows.len() == TABLE_GROUP_ROWS {
                    write_table(rows, w)?;
                    rows.rows.clear();
                    *printed = true;
                }
                Ok(())
            }
        }
    }

    /// End the output: close a JSON array (`[]` when no row came).
    pub fn finish(self, w: &mut dyn Write) -> io::Result<()> {
        match self.kind {
            StreamKind::Array(0) => writeln!(w, "[]"),
            StreamKind::Array(_) => writeln!(w, "\n]"),
            // The last rows; or the empty table ("(no rows)") when none came at all.
            StreamKind::Tables(rows, printed) if !printed || !rows.rows.is_empty() => write_table(&rows, w),
            _ => Ok(()),
        }
    }
}

fn write_markdown(rows: &Rows, w: &mut dyn Write) -> io::Result<()> {
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    writeln!(w, "| {} |", rows.columns.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | "))?;
    let align: Vec<&str> = (0..rows.columns.len())
        .map(|i| if rows.rows.iter().any(|r| r[i].is_number()) { "---:" } else { "---" })
        .collect();
    writeln!(w, "|{}|", align.join("|"))?;
    for r in &rows.rows {
        writeln!(w, "| {} |", r.iter().map(|v| esc(&v.plain())).collect::<Vec<_>>().join(" | "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CSV numbers are written as `{n}` and `{f}` write them, whatever path they take.
    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        let mut floats: Vec<f64> = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            -0.5,
            15.0,
            25.0,
            28.57,
            1e14,
            1e15,
            -1e15,
            1e15 - 1.0,
            1e15 + 1.0,
            9007199254740991.0,
            9007199254740992.0,
            1e16,
            1e21,
            1e300,
            1e-7,
            123456789012345.0,
            -123456789012345.6,
            0.1 + 0.2,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            10991.58,
            94.74,
        ];
        // Whole numbers and fractions of every size, and their neighbours.
        let mut x = 0.7f64;
        for _ in 0..400 {
            x *= -3.3;
            floats.extend([x, x.trunc(), x.trunc() + 1.0, f64::from_bits(x.trunc().to_bits() + 1)]);
        }
        // Floats of every kind, from bit patterns spread over the whole range.
        let mut bits = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..200_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            floats.push(f64::from_bits(bits));
        }
        // Dense where the fast paths are: every exponent from 2^-20 to 2^52.
        for e in -20i32..=52 {
            for _ in 0..4000 {
                bits ^= bits << 13;
                bits ^= bits >> 7;
                bits ^= bits << 17;
                let sign = if bits & 1 == 0 { 1.0 } else { -1.0 };
                floats.push(sign * 2f64.powi(e) * (1.0 + (bits >> 12) as f64 / (1u64 << 52) as f64));
            }
        }
        // Fractions of few and of many binary places, around 27, where two shortest
        // strings can be equally near (k / 2^j with k odd).
        for j in 1..=60 {
            for k in [1u64, 3, 5, 7, 9, 11, 101, 12345, 999_999, 1 << 20 | 1, (1 << 40) + 1, (1 << 52) - 1] {
                let v = k as f64 / 2f64.powi(j);
                floats.extend([v, -v, v * 1e6, v * 1e12, 26829767983277.0 + v, f64::from_bits(v.to_bits() + 1)]);
            }
        }
        floats.push(-(26829767983277.0 + 0.3125)); // -26829767983277.3125, exactly
                                                   // Percentages and shares as the queries make them.
        for a in 1..300i32 {
            for b in [3i32, 7, 9, 11, 13, 17, 1000, 4096] {
                floats.extend([100.0 * f64::from(a) / f64::from(b), f64::from(a - b) / f64::from(b)]);
            }
        }
        let mut ints: Vec<i64> = vec![0, 1, -1, 9, 10, -10, i64::MAX, i64::MIN, 1_000_000_007];
        ints.extend(floats.iter().filter(|f| f.is_finite() && f.abs() < 9e18).map(|f| *f as i64));
        let (mut line, mut text) = (Vec::new(), String::new());
        for f in floats {
            for sep in [b',', b'\t'] {
                line.clear();
                push_float(&mut line, &mut text, sep, f);
                assert_eq!(String::from_utf8(line.clone()).unwrap(), format!("{f}"), "{f:e}");
            }
        }
        for n in ints {
            line.clear();
            push_int(&mut line, n);
            assert_eq!(String::from_utf8(line.clone()).unwrap(), n.to_string());
        }
    }

    fn sample() -> Rows {
        let mut r = Rows::new(&["agency", "value"]);
        r.push(vec![Val::text("淄博市公安局"), Val::num(Some(15.0))]);
        r.push(vec![Val::text("a,\"b\""), Val::Null]);
        r
    }

    fn render(f: OutFormat, bom: bool) -> String {
        let mut out = Vec::new();
        write_rows(&sample(), OutOptions { format: f, bom }, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Streamed rows are the bytes of the whole rows written at once, in every format that
    /// streams, for no rows, one and several.
    #[test]
    fn streamed_rows_are_what_write_rows_writes() {
        let mut full = sample();
        full.push(vec![Val::text("行一\n行二\t{}"), Val::num(Some(-0.5))]);
        for n in 0..=full.rows.len() {
            let mut rows = Rows::new(&["agency", "value"]);
            for r in &full.rows[..n] {
                rows.push(r.clone());
            }
            for format in [OutFormat::Csv, OutFormat::Tsv, OutFormat::Json, OutFormat::Jsonl] {
                let opts = OutOptions { format, bom: false };
                let mut whole = Vec::new();
                write_rows(&rows, opts, &mut whole).unwrap();
                let mut streamed = Vec::new();
                let mut stream = RowStream::start(&["agency", "value"], opts, &mut streamed).unwrap();
                for r in &rows.rows {
                    stream.row(r, &mut streamed).unwrap();
                }
                stream.finish(&mut streamed).unwrap();
                assert_eq!(
                    String::from_utf8(streamed).unwrap(),
                    String::from_utf8(whole).unwrap(),
                    "{format:?}, {n} rows"
                );
            }
        }
    }

    #[test]
    fn tables_printed_as_rows_come_are_the_whole_table_up_to_a_group_then_groups() {
        let row = |i: usize| vec![Val::text(format!("机关{i}")), Val::num(Some(i as f64))];
        for n in [0, 1, 2, TABLE_GROUP_ROWS - 1, TABLE_GROUP_ROWS, TABLE_GROUP_ROWS + 1, 2 * TABLE_GROUP_ROWS + 7] {
            let mut all = Rows::new(&["agency", "value"]);
            let mut streamed = Vec::new();
            let mut stream = RowStream::start_tables(&["agency", "value"]);
            for i in 0..n {
                all.push(row(i));
                stream.row(&row(i), &mut streamed).unwrap();
            }
            stream.finish(&mut streamed).unwrap();
            // Each group of rows, printed as a whole table, one after another.
            let mut want = Vec::new();
            let groups: Vec<&[Vec<Val>]> = all.rows.chunks(TABLE_GROUP_ROWS).collect();
            if groups.is_empty() {
                write_rows(&all, OutOptions { format: OutFormat::Table, bom: false }, &mut want).unwrap();
            }
            for g in groups {
                let part = Rows { columns: all.columns.clone(), rows: g.to_vec() };
                write_rows(&part, OutOptions { format: OutFormat::Table, bom: false }, &mut want).unwrap();
            }
            let (got, want) = (String::from_utf8(streamed).unwrap(), String::from_utf8(want).unwrap());
            assert_eq!(got, want, "{n} rows");
            let headers = got.matches("agency").count();
            assert_eq!(headers, n.div_ceil(TABLE_GROUP_ROWS).max(1), "{n} rows: a header per table");
            assert_eq!(got.contains("(no rows)"), n == 0);
        }
    }

    #[test]
    fn formats() {
        assert_eq!(render(OutFormat::Csv, false), "agency,value\n淄博市公安局,15\n\"a,\"\"b\"\"\",\n");
        assert!(render(OutFormat::Csv, true).starts_with('\u{feff}'));
        assert_eq!(render(OutFormat::Tsv, false), "agency\tvalue\n淄博市公安局\t15\na,\"b\"\t\n");
        assert_eq!(
            render(OutFormat::Jsonl, false),
            "{\"agency\":\"淄博市公安局\",\"value\":15}\n{\"agency\":\"a,\\\"b\\\"\",\"value\":null}\n"
        );
        let json: serde_json::Value = serde_json::from_str(&render(OutFormat::Json, false)).unwrap();
        assert_eq!(json[0]["value"], 15);
        assert!(render(OutFormat::Md, false).contains("| 淄博市公安局 | 15 |"));
        assert!(render(OutFormat::Table, false).contains("淄博市公安局"));
    }
}
