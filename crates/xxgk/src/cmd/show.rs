//! `xxgk show REPORT`: one report laid out as printed (a pre-2019 report: its figures),
//! with its checks and claims.

use anyhow::Result;
use xxgk_db::query::{self, Filter};

use crate::cli::{coded, exit, Ctx};
use crate::output::{self, show, OutFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A report id, or an agency name and a year.
    #[arg(required = true, num_args = 1..=2)]
    pub report: Vec<String>,
    /// Show the keys (row_key / col_key) beside the printed labels.
    #[arg(long)]
    pub keys: bool,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    let store = ctx.open_ro()?;
    let conn = &store.conn;
    let id = query::resolve_report(conn, &args.report).map_err(coded(exit::NOT_FOUND))?;
    let meta = query::report_meta(conn, id)?;
    let checks = query::checks(conn, Some(id), None, false, &Filter::default())?;
    let claims = query::claims(conn, Some(id), &Filter::default())?;
    let figures = query::report_figure_rows(conn, id)?;
    let pre2019 = meta.text(0, "template").as_deref() == Some("pre2019");
    if ctx.cli.quiet {
        return Ok(exit::OK);
    }
    let (opts, out) = (ctx.opts, &mut *ctx.out);
    match opts.format {
        OutFormat::Table | OutFormat::Md => {
            let text = |c: &str| meta.get(0, c).map(|v| v.plain()).unwrap_or_default();
            writeln!(out, "{} {} — report {}", text("agency"), text("year"), text("report_id"))?;
            writeln!(out, "title:    {}", text("title"))?;
            writeln!(
                out,
                "source:   {} ({}, sha256 {})",
                text("source_path"),
                text("source_format"),
                text("source_sha256")
            )?;
            if text("agency_printed") != text("agency") {
                writeln!(out, "printed:  {}", text("agency_printed"))?;
            }
            let published = meta.number(0, "days_late");
            if let (Some(on), Some(source)) = (meta.text(0, "published_on"), meta.text(0, "published_source")) {
                let late = match published {
                    Some(0.0) => "on time".to_string(),
                    Some(d) => format!("{d} days late"),
                    None => String::new(),
                };
                writeln!(out, "published: {on} ({source}) {late}")?;
            }
            if pre2019 {
                let claims =
                    (0..figures.rows.len()).filter(|&i| figures.text(i, "role").as_deref() == Some("claim")).count();
                writeln!(
                    out,
                    "template: pre2019 (no national tables: {} figures, {claims} prose claims)",
                    figures.rows.len() - claims
                )?;
            } else {
                writeln!(
                    out,
                    "versions: 二 {} · 三 {} · 四 {}",
                    text("proactive_version"),
                    text("applications_version"),
                    text("appeals_version")
                )?;
            }
            if let Some(pages) = meta.number(0, "ocr_pages") {
                writeln!(
                    out,
                    "ocr:      {pages} page(s) read by OCR; {} cell(s) under confidence {} (marked ?)",
                    text("ocr_uncertain"),
                    xxgk_core::source::ocr::LOW_CONFIDENCE
                )?;
            }
            let notes: Vec<String> = serde_json::from_str(&text("notes")).unwrap_or_default();
            for n in notes {
                writeln!(out, "note:     {n}")?;
            }
            let cells = query::report_cells(conn, id)?;
            for (title, rows) in show::layout(&cells, args.keys) {
                writeln!(out, "\n{title}")?;
                output::write_rows(&rows, opts, out)?;
            }
            if !figures.rows.is_empty() {
                writeln!(out, "\nfigures (the statistics table's value is the figure; prose restating a key it gives is a claim, checked by R7)")?;
                output::write_rows(&figures, opts, out)?;
            }
            writeln!(out, "\nchecks")?;
            output::write_rows(&checks, opts, out)?;
            writeln!(out, "\nclaims")?;
            output::write_rows(&claims, opts, out)?;
        }
        OutFormat::Json | OutFormat::Jsonl => {
            let cells = query::report_cell_rows(conn, id)?;
            let mut report = output::to_json(&meta).first().cloned().unwrap_or_default();
            // The notes are a JSON array in the database: an array here too, not its text.
            if let Some(notes) = report.get_mut("notes") {
                if let Some(parsed) = notes.as_str().and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok()) {
                    *notes = parsed;
                }
            }
            let doc = serde_json::json!({
                "report": report,
                "cells": output::to_json(&cells),
                "figures": output::to_json(&figures),
                "checks": output::to_json(&checks),
                "claims": output::to_json(&claims),
            });
            if opts.format == OutFormat::Json {
                serde_json::to_writer_pretty(&mut *out, &doc)?;
            } else {
                serde_json::to_writer(&mut *out, &doc)?;
            }
            writeln!(out)?;
        }
        OutFormat::Csv | OutFormat::Tsv => {
            // The report's rows as the public views give them: cells, or figures before 2019.
            let rows =
                if pre2019 { query::report_figure_values(conn, id)? } else { query::report_cell_values(conn, id)? };
            output::write_rows(&rows, opts, out)?;
        }
    }
    Ok(exit::OK)
}
