//! `xxgk inspect FILE`: read one file without importing it.

use std::path::PathBuf;

use anyhow::Result;
use xxgk_core::parse::{self, Overrides};
use xxgk_core::source::{self, Block, Limits, Span};

use crate::cli::{coded, exit, Ctx};
use crate::output::{Rows, Val};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The report file.
    pub path: PathBuf,
    /// Print the reader's document (paragraphs and table rows) instead of the cells.
    #[arg(long)]
    pub document: bool,
    #[command(flatten)]
    pub ocr: super::OcrArgs,
}

impl Args {
    fn limits(&self) -> Limits {
        Limits { ocr: self.ocr.options(), ..Limits::default() }
    }
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    let rows = if args.document { document(args)? } else { cells(args)? };
    ctx.print(&rows)?;
    Ok(exit::OK)
}

/// The document as the reader saw it: a row per paragraph and per table row; merged-cell
/// copies shown as `←` (from the left) and `↑` (from above).
fn document(args: &Args) -> Result<Rows> {
    let (_, doc, _) = source::read_path(&args.path, &args.limits()).map_err(coded(exit::INPUT))?;
    let mut rows = Rows::new(&["block", "kind", "row", "cells"]);
    for (i, b) in doc.blocks.iter().enumerate() {
        match b {
            Block::Paragraph(p) => {
                rows.push(vec![Val::Int(i as i64), Val::text("paragraph"), Val::Null, Val::text(p.clone())])
            }
            Block::Break => rows.push(vec![Val::Int(i as i64), Val::text("break"), Val::Null, Val::Null]),
            Block::Table(t) => {
                for (j, r) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|c| match c.span {
                            Span::Own => c.text.replace('\n', "⏎"),
                            Span::ColCopy => "←".to_string(),
                            Span::RowCopy => "↑".to_string(),
                        })
                        .collect();
                    rows.push(vec![
                        Val::Int(i as i64),
                        Val::text("table"),
                        Val::Int(j as i64),
                        Val::text(cells.join(" | ")),
                    ]);
                }
            }
        }
    }
    Ok(rows)
}

/// The cells extracted (for a pre-2019 report its figures); agency, year, versions and
/// notes on stderr.
fn cells(args: &Args) -> Result<Rows> {
    let parsed = parse::parse_file(&args.path, &args.limits(), &Overrides::default()).map_err(coded(exit::INPUT))?;
    let r = &parsed.report;
    if r.era == xxgk_core::figures::Era::Pre2019 {
        eprintln!(
            "{}: {} {} · template pre2019 · {} figures",
            args.path.display(),
            r.agency.as_deref().unwrap_or("?"),
            r.year.map_or("?".to_string(), |y| y.to_string()),
            r.figures.iter().filter(|f| f.is_figure()).count()
        );
        for n in &r.notes {
            eprintln!("note: {n}");
        }
        let mut rows = Rows::new(&["key", "value", "unit", "source", "role", "raw"]);
        for f in &r.figures {
            rows.push(vec![
                Val::text(f.key.clone()),
                Val::num(Some(f.value)),
                Val::opt_text(f.unit.clone()),
                Val::text(f.source.as_str()),
                Val::text(f.role.as_str()),
                Val::text(f.raw.clone()),
            ]);
        }
        return Ok(rows);
    }
    // The columns `cell_values` has for them, in its order: how a cell was placed (a
    // reading that is not the document's own says so) and, for OCR, how sure it is.
    let mut rows =
        Rows::new(&["tbl", "row_key", "col_key", "raw", "value", "state", "unit", "placement", "ocr_confidence"]);
    for c in &r.cells {
        rows.push(vec![
            Val::text(c.tbl.key()),
            Val::text(c.row.to_string()),
            Val::text(c.col),
            Val::text(c.raw.clone()),
            Val::num(c.value),
            Val::text(c.state.as_str()),
            Val::opt_text(c.unit.clone()),
            Val::text(c.placement.as_str()),
            Val::num(c.confidence.map(f64::from)),
        ]);
    }
    let version = |v: Option<xxgk_core::template::Version>| v.map_or("-", |v| v.as_str());
    eprintln!(
        "{}: {} {} · versions 二 {} · 三 {} · 四 {} · {} cells",
        args.path.display(),
        r.agency.as_deref().unwrap_or("?"),
        r.year.map_or("?".to_string(), |y| y.to_string()),
        version(r.versions.proactive),
        version(r.versions.applications),
        version(r.versions.appeals),
        r.cells.len()
    );
    for n in &r.notes {
        eprintln!("note: {n}");
    }
    Ok(rows)
}
