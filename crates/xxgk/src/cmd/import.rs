//! `xxgk import PATH…`: read report files into the database.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use xxgk_core::parse::{self, Overrides};
use xxgk_core::source::Limits;
use xxgk_db::import::{self as pipeline, FileResult, Hold, Status, Target};

use crate::cli::{coded, exit, Ctx};
use crate::output::{Rows, Val};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Use this agency name instead of the one in the report.
    #[arg(long)]
    pub agency: Option<String>,
    /// Use this statistics year instead of the one in the report.
    #[arg(long)]
    pub year: Option<i32>,
    /// Replace a report already imported for the same agency and year from another file.
    #[arg(long)]
    pub replace: bool,
    /// Largest file read, in bytes.
    #[arg(long, default_value_t = Limits::default().max_file_bytes)]
    pub max_file_bytes: u64,
    /// Largest decompressed DOCX part (or .doc stream), in bytes.
    #[arg(long, default_value_t = Limits::default().max_inflated_bytes)]
    pub max_inflated_bytes: u64,
    /// Seconds pdftotext may run on one PDF.
    #[arg(long, default_value_t = Limits::default().pdf_timeout_secs)]
    pub pdf_timeout: u64,
    /// Files parsed at once (default: the number of cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Refuse reports that miss template cells (partial, or no tables found): all or
    /// nothing. Without it such reports are imported and marked partial.
    #[arg(long)]
    pub strict: bool,
    /// The pictures given (files, or the PNG/JPEG/TIFF/BMP/WebP files of the directories
    /// given, in natural name order) are the pages of one report.
    #[arg(long)]
    pub as_one_report: bool,
    #[command(flatten)]
    pub ocr: super::OcrArgs,
}

/// The environment variable through which crash tests make an import stop at a chosen
/// point (`commit:N`, `savepoint:N`); see [`Hold`].
const TEST_HOLD: &str = "XXGK_TEST_HOLD";

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    let hold = match std::env::var(TEST_HOLD) {
        Ok(v) => Some(
            Hold::parse(&v)
                .ok_or_else(|| anyhow::anyhow!("{TEST_HOLD}={v:?}: expected commit:N or savepoint:N"))
                .map_err(coded(exit::USAGE))?,
        ),
        Err(_) => None,
    };
    let opts = pipeline::Options {
        limits: Limits {
            max_file_bytes: args.max_file_bytes,
            max_inflated_bytes: args.max_inflated_bytes,
            pdf_timeout_secs: args.pdf_timeout,
            ocr: args.ocr.options(),
        },
        overrides: Overrides { agency: args.agency.clone(), year: args.year },
        replace: args.replace,
        jobs: args.jobs.unwrap_or(0),
        describe_known: !ctx.cli.quiet,
        hold,
        strict: args.strict,
        prefetch: Default::default(),
    };
    let target = Target { path: ctx.cli.db.clone(), busy_timeout: ctx.busy_timeout() };
    // --as-one-report: the pictures are one report, read as one job.
    let (files, left_out, pictures) = if args.as_one_report {
        let pictures = parse::collect_pictures(&args.paths).map_err(coded(exit::INPUT))?;
        (Vec::new(), Vec::new(), Some(pictures))
    } else {
        let (files, left_out) = parse::collect_files(&args.paths).map_err(coded(exit::INPUT))?;
        (files, left_out, None)
    };
    let progress = Progress::new(files.len() as u64, ctx.cli.quiet);
    // One row per file, failed and left out ones included, so a script can collect them.
    let mut rows = Rows::new(&[
        "status",
        "report_id",
        "agency",
        "year",
        "format",
        "completeness",
        "cells",
        "figures",
        "checks_failed",
        "path",
        "reason",
    ]);
    let quiet = ctx.cli.quiet;
    let mut failed = 0;
    let mut on_file = |r: &FileResult| {
        match r.status {
            Status::Failed => {
                failed += 1;
                progress.println(&format!("error: {}", r.error.as_deref().unwrap_or("failed")));
            }
            Status::Conflict => {
                failed += 1;
                progress.println(&format!(
                    "error: {}: {}",
                    r.path.display(),
                    r.reason.as_deref().unwrap_or("conflict")
                ));
            }
            _ => {}
        }
        // Nothing prints the rows of a quiet run: keep memory flat in the number of files.
        if !quiet {
            rows.push(vec![
                Val::text(r.status.as_str()),
                Val::opt_int(r.report_id),
                Val::opt_text(r.agency.clone()),
                Val::opt_int(r.year.map(i64::from)),
                Val::opt_text(r.format.clone()),
                Val::opt_text(r.completeness),
                Val::opt_int(r.cells),
                Val::opt_int(r.figures),
                Val::opt_int(r.checks_failed),
                Val::text(r.path.display().to_string()),
                Val::opt_text(r.error.clone().or_else(|| r.reason.clone())),
            ]);
        }
        progress.tick(failed);
    };
    for path in &left_out {
        on_file(&FileResult::left_out(path));
    }
    let summary = match &pictures {
        Some(pictures) => {
            let job = parse::pictures_job(&args.paths, pictures, &opts.limits, &opts.overrides);
            pipeline::run_one(&target, job, &opts, &mut on_file)
        }
        None => pipeline::run(&target, &files, &opts, &mut on_file),
    }
    .map_err(coded(exit::DATABASE))?;
    progress.finish();
    if !quiet {
        ctx.print(&rows)?;
        if let Some(pictures) = &pictures {
            eprintln!("{} picture(s) read as one report", pictures.len());
        }
        let skipped = if !left_out.is_empty() {
            format!(", {} left out (not {})", left_out.len(), parse::REPORT_EXTENSIONS.join("/"))
        } else {
            String::new()
        };
        let partial = if summary.partial > 0 {
            format!(
                "; {} of the reports stored are partial (template cells missing: `xxgk check --rule R0`)",
                summary.partial
            )
        } else {
            String::new()
        };
        eprintln!(
            "{} file(s): {} added, {} replaced, {} unchanged, {} duplicate, {} conflict, {} failed{skipped}{partial}",
            summary.files,
            summary.added,
            summary.replaced,
            summary.unchanged,
            summary.duplicate,
            summary.conflict,
            summary.failed
        );
    }
    Ok(if summary.failed > 0 || summary.conflict > 0 { exit::INPUT } else { exit::OK })
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Progress {
        if quiet || !std::io::stderr().is_terminal() || total < 2 {
            return Progress { bar: None };
        }
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files · {per_sec} · ETA {eta} · {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        Progress { bar: Some(bar) }
    }

    fn tick(&self, failed: usize) {
        if let Some(b) = &self.bar {
            b.inc(1);
            b.set_message(format!("{failed} failed"));
        }
    }

    fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
