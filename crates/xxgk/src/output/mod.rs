//! Rows out: a table for people, CSV / TSV / JSON / JSON lines / Markdown for scripts.
//!
//! Every command that prints rows builds a [`Rows`] and hands it here, so the output
//! flags behave the same everywhere. Machine formats carry no decoration; column names
//! are stable; JSON keeps numbers as numbers and missing values as `null`.

pub mod chart;
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
    let map: serde_json::Map<String, serde_json::Value> =
        rows.columns.iter().cloned().zip(r.iter().map(Val::json)).collect();
    serde_json::Value::Object(map)
}

fn write_table(rows: &Rows, w: &mut dyn Write) -> io::Result<()> {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(rows.columns.iter().map(TCell::new));
    for r in &rows.rows {
        t.add_row(r.iter().map(|v| {
            let c = TCell::new(v.plain());
            if v.is_number() {
                c.set_alignment(CellAlignment::Right)
            } else {
                c
            }
        }));
    }
    writeln!(w, "{t}")?;
    if rows.rows.is_empty() {
        writeln!(w, "(no rows)")?;
    }
    Ok(())
}

fn write_delimited(rows: &Rows, sep: u8, bom: bool, w: &mut dyn Write) -> io::Result<()> {
    if bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let field = |s: &str| -> String {
        if sep == b'\t' {
            s.replace(['\t', '\n', '\r'], " ")
        } else if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let sep = sep as char;
    let header: Vec<String> = rows.columns.iter().map(|c| field(c)).collect();
    writeln!(w, "{}", header.join(&sep.to_string()))?;
    for r in &rows.rows {
        let line: Vec<String> = r.iter().map(|v| field(&v.plain())).collect();
        writeln!(w, "{}", line.join(&sep.to_string()))?;
    }
    Ok(())
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

    #[test]
    fn formats() {
        assert_eq!(render(OutFormat::Csv, false), "agency,value\n淄博市公安局,15\n\"a,\"\"b\"\"\",\n");
        assert!(render(OutFormat::Csv, true).starts_with('\u{feff}'));
        assert_eq!(render(OutFormat::Tsv, false), "agency\tvalue\n淄博市公安局\t15\na,\"b\"\t\n");
        assert_eq!(render(OutFormat::Jsonl, false), "{\"agency\":\"淄博市公安局\",\"value\":15}\n{\"agency\":\"a,\\\"b\\\"\",\"value\":null}\n");
        let json: serde_json::Value = serde_json::from_str(&render(OutFormat::Json, false)).unwrap();
        assert_eq!(json[0]["value"], 15);
        assert!(render(OutFormat::Md, false).contains("| 淄博市公安局 | 15 |"));
        assert!(render(OutFormat::Table, false).contains("淄博市公安局"));
    }
}
