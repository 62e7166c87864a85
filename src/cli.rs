//! The command line: one verb per command, the same output flags everywhere.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::import::{self, Overrides};
use crate::output::{self, OutFormat, OutOptions, Rows, Val};
use crate::query::{self, Filter};
use crate::source::Limits;
use crate::store::{Access, Store};

/// Exit codes, as documented in `--help` and README.
pub mod exit {
    /// Everything worked.
    pub const OK: i32 = 0;
    /// At least one input file could not be imported (the others were).
    pub const INPUT: i32 = 1;
    /// The command line was wrong (unknown flag, unknown metric, bad value).
    pub const USAGE: i32 = 2;
    /// The database could not be opened, read or written.
    pub const DATABASE: i32 = 3;
    /// What was asked for does not exist (no such report).
    pub const NOT_FOUND: i32 = 4;
}

const EXIT_CODES: &str = "Exit codes: 0 ok · 1 some input file failed (the rest were imported) · 2 usage error · 3 database error · 4 not found";

/// xxgk reads 政府信息公开工作年度报告 (government information-disclosure annual reports) —
/// text, HTML, DOCX, Word 97 .doc/.wps, PDF — into exact, checked rows of one SQLite file, and answers
/// questions about them.
#[derive(Debug, Parser)]
#[command(name = "xxgk", version, after_help = EXIT_CODES, after_long_help = EXIT_CODES)]
pub struct Cli {
    /// The database file.
    #[arg(long, global = true, env = "XXGK_DB", default_value = "xxgk.db")]
    pub db: PathBuf,
    /// Output format for every command that prints rows.
    #[arg(long, short = 'f', global = true, value_enum, default_value_t = OutFormat::Table)]
    pub format: OutFormat,
    /// Start CSV/TSV output with a byte-order mark, so Excel and WPS show Chinese right.
    #[arg(long, global = true)]
    pub bom: bool,
    /// Print no results or summaries, only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Milliseconds to wait for another process's lock on the database before giving up
    /// (exit 3, "database is locked").
    #[arg(long, global = true, env = "XXGK_BUSY_TIMEOUT_MS", value_name = "MS", default_value_t = crate::store::DEFAULT_BUSY_TIMEOUT.as_millis() as u64)]
    pub busy_timeout: u64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import report files or directories (text, HTML, DOCX, .doc/.wps, PDF; the reader is chosen by content).
    #[command(after_help = "Examples:\n  xxgk import examples/\n  xxgk import report.html --agency 某某县教育局 --year 2021\n  xxgk import downloads/ --replace")]
    Import(ImportArgs),
    /// List imported reports with their template versions and check status.
    #[command(after_help = "Examples:\n  xxgk reports\n  xxgk reports --agency 公安 --format csv")]
    Reports(FilterArgs),
    /// Show one report's three tables as printed, with its checks and claims.
    #[command(after_help = "Examples:\n  xxgk show 1\n  xxgk show 淄博市公安局 2020 --keys\n  xxgk show 1 --format json")]
    Show(ShowArgs),
    /// Check results (R1–R7): pass, fail or not assessable, with both sides' values.
    #[command(after_help = "Examples:\n  xxgk check\n  xxgk check --failures\n  xxgk check --report 1 --rule R4")]
    Check(CheckArgs),
    /// A metric per agency and year: value, change against the previous report, and the change the report states.
    #[command(after_help = "Examples:\n  xxgk trend applications\n  xxgk trend permits --agency 平潭 --from 2019\n  xxgk metrics   (lists the metric names)")]
    Trend(TrendArgs),
    /// Two years side by side: one row per agency and metric, with the change and whether the agency is missing in a year.
    #[command(after_help = "Examples:\n  xxgk compare 2019 2021\n  xxgk compare 2021 2023 --metric permits --metric penalties --format csv")]
    Compare(CompareArgs),
    /// Agencies ranked by a metric in one year.
    #[command(after_help = "Examples:\n  xxgk rank applications --year 2021 --top 10\n  xxgk rank not_held_rate --year 2023 --asc")]
    Rank(RankArgs),
    /// Every agency with its canonical name, other names, region, kind, and years present and missing; `agencies alias` records another name.
    #[command(after_help = "Examples:\n  xxgk agencies\n  xxgk agencies --region 江苏省 --format csv\n  xxgk agencies alias 洪泽区政府 淮安市洪泽区人民政府")]
    Agencies(AgenciesArgs),
    /// Figures the prose states, checked against the tables and the previous year.
    #[command(after_help = "Examples:\n  xxgk claims\n  xxgk claims --report 1 --format json")]
    Claims(ClaimsArgs),
    /// The catalog of metrics that trend understands.
    #[command(after_help = "Example:\n  xxgk metrics --format md")]
    Metrics,
    /// Write every public view as CSV files into DIR (and, with --xlsx, one workbook with a sheet per view).
    #[command(after_help = "Examples:\n  xxgk export out/\n  xxgk export out/ --bom --xlsx reports.xlsx")]
    Export(ExportArgs),
    /// Read one file without importing it: the cells extracted, or the document as the reader saw it.
    #[command(after_help = "Examples:\n  xxgk inspect report.pdf\n  xxgk inspect report.html --document\n  xxgk inspect report.docx --format json")]
    Inspect(InspectArgs),
    /// Run SQL against the database (read-only unless --write).
    #[command(after_help = "Examples:\n  xxgk sql \"SELECT agency, year, value FROM cell_values WHERE row_key = 'new_received' AND col_key = 'total'\"\n  xxgk sql \"SELECT * FROM report_applications\" --format csv")]
    Sql(SqlArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
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
}

#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Only agencies whose name contains this text (taken literally).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only agencies whose name matches this regular expression.
    #[arg(long)]
    pub agency_regex: Option<String>,
    /// Only agencies in this region: a division name at any level (山东省, 淄博市, 洪泽区) or a 6-digit code.
    #[arg(long)]
    pub region: Option<String>,
    /// Only agencies of this kind: slug (public_security) or Chinese name (公安).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only years from this one on.
    #[arg(long)]
    pub from: Option<i32>,
    /// Only years up to this one.
    #[arg(long)]
    pub to: Option<i32>,
}

impl FilterArgs {
    fn filter(&self) -> Filter {
        Filter {
            agency: self.agency.clone(),
            agency_regex: self.agency_regex.clone(),
            region: self.region.clone(),
            kind: self.kind.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A report id, or an agency name and a year.
    #[arg(required = true, num_args = 1..=2)]
    pub report: Vec<String>,
    /// Show the keys (row_key / col_key) beside the printed labels.
    #[arg(long)]
    pub keys: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only this report (id).
    #[arg(long)]
    pub report: Option<i64>,
    /// Only this rule (R1 … R7).
    #[arg(long)]
    pub rule: Option<String>,
    /// Only failures.
    #[arg(long)]
    pub failures: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct TrendArgs {
    /// The metric (see `xxgk metrics`).
    pub metric: String,
    /// Aggregate per group and year: counts are summed, rates recomputed from summed parts.
    #[arg(long, value_enum)]
    pub by: Option<query::GroupBy>,
    /// Also draw the result as an SVG line chart (a line per agency or group over the years).
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AgenciesArgs {
    #[command(subcommand)]
    pub action: Option<AgenciesAction>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Subcommand)]
pub enum AgenciesAction {
    /// Record NAME as another name of the agency CANONICAL (its reports, if any, move over).
    Alias {
        /// The other name.
        name: String,
        /// A name the agency already has.
        canonical: String,
    },
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The first year.
    pub year_a: i32,
    /// The second year.
    pub year_b: i32,
    /// Metrics to compare (repeatable; default: applications).
    #[arg(long = "metric", short = 'm')]
    pub metrics: Vec<String>,
    /// Also draw the first metric as an SVG bar chart (both years per agency).
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct RankArgs {
    /// The metric (see `xxgk metrics`).
    pub metric: String,
    /// The year to rank.
    #[arg(long)]
    pub year: i32,
    /// Only the first N.
    #[arg(long)]
    pub top: Option<usize>,
    /// Lowest first.
    #[arg(long)]
    pub asc: bool,
    /// Also draw the ranking as an SVG bar chart.
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Only this report (id).
    #[arg(long)]
    pub report: Option<i64>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The directory for the CSV files (created if missing).
    pub dir: PathBuf,
    /// Also write one workbook with a sheet per view.
    #[arg(long, value_name = "FILE.xlsx")]
    pub xlsx: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The report file.
    pub path: PathBuf,
    /// Print the reader's document (paragraphs and table rows) instead of the cells.
    #[arg(long)]
    pub document: bool,
}

#[derive(Debug, Args)]
pub struct SqlArgs {
    /// The SQL statement.
    pub query: String,
    /// Open the database for writing.
    #[arg(long)]
    pub write: bool,
}

/// An error with the exit code it should end the process with.
#[derive(Debug)]
pub struct Coded {
    pub code: i32,
    pub error: anyhow::Error,
}

impl std::fmt::Display for Coded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.error)
    }
}

impl std::error::Error for Coded {}

fn coded(code: i32) -> impl FnOnce(anyhow::Error) -> anyhow::Error {
    move |error| Coded { code, error }.into()
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    let opts = OutOptions { format: cli.format, bom: cli.bom };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let print = |rows: &Rows, out: &mut dyn Write| -> Result<()> {
        if !cli.quiet {
            output::write_rows(rows, opts, out)?;
        }
        Ok(())
    };
    match &cli.command {
        Command::Import(args) => return import(&cli, args, opts, &mut out),
        Command::Metrics => print(&query::metric_catalog(), &mut out)?,
        Command::Inspect(args) => print(&inspect(args)?, &mut out)?,
        Command::Export(args) => {
            let store = open_ro(&cli)?;
            let sheets = query::public_views(&store.conn)?;
            std::fs::create_dir_all(&args.dir).map_err(|e| anyhow::anyhow!("cannot create {}: {e}", args.dir.display()))?;
            let mut written = Rows::new(&["view", "rows", "file"]);
            for (name, rows) in &sheets {
                let path = args.dir.join(format!("{name}.csv"));
                let mut f = std::io::BufWriter::new(
                    std::fs::File::create(&path).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?,
                );
                output::write_rows(rows, OutOptions { format: OutFormat::Csv, bom: cli.bom }, &mut f)?;
                f.flush()?;
                written.push(vec![Val::text(name.clone()), Val::Int(rows.rows.len() as i64), Val::text(path.display().to_string())]);
            }
            if let Some(x) = &args.xlsx {
                crate::xlsx::write_workbook(x, &sheets)?;
                written.push(vec![Val::text("(workbook)"), Val::Int(sheets.len() as i64), Val::text(x.display().to_string())]);
            }
            print(&written, &mut out)?;
        }
        Command::Reports(f) => {
            let store = open_ro(&cli)?;
            print(&query::reports(&store.conn, &f.filter()).map_err(coded(exit::DATABASE))?, &mut out)?;
        }
        Command::Show(args) => {
            let store = open_ro(&cli)?;
            let id = query::resolve_report(&store.conn, &args.report).map_err(coded(exit::NOT_FOUND))?;
            show(&store, id, args.keys, &cli, opts, &mut out)?;
        }
        Command::Check(args) => {
            let store = open_ro(&cli)?;
            let rows = query::checks(&store.conn, args.report, args.rule.as_deref(), args.failures, &args.filter.filter())?;
            print(&rows, &mut out)?;
        }
        Command::Trend(args) => {
            query::metric(&args.metric).map_err(coded(exit::USAGE))?;
            let store = open_ro(&cli)?;
            let filter = args.filter.filter();
            let (mut rows, group_col) = match args.by {
                None => (query::trend(&store.conn, &args.metric, &filter)?, "agency"),
                Some(by) => (query::trend_by(&store.conn, &args.metric, &filter, by)?, by.as_str()),
            };
            if let Some(path) = &args.chart {
                let m = query::metric(&args.metric)?;
                let svg = crate::chart::line_chart(&format!("{} · {}", m.name, m.description), m.unit, &series_of(&rows, group_col));
                write_chart(path, &svg)?;
            }
            if opts.format == OutFormat::Table {
                query::with_sparklines(&mut rows, group_col, "value");
            }
            print(&rows, &mut out)?;
        }
        Command::Compare(args) => {
            let metrics = if args.metrics.is_empty() { vec!["applications".to_string()] } else { args.metrics.clone() };
            for m in &metrics {
                query::metric(m).map_err(coded(exit::USAGE))?;
            }
            let store = open_ro(&cli)?;
            let rows = query::compare(&store.conn, args.year_a, args.year_b, &metrics, &args.filter.filter())?;
            if let Some(path) = &args.chart {
                let m = query::metric(&metrics[0])?;
                let mine: Vec<&Vec<Val>> = rows.rows.iter().filter(|r| r[1].plain() == m.name).collect();
                let groups: Vec<String> = mine.iter().map(|r| r[0].plain()).collect();
                let values: Vec<Vec<Option<f64>>> = mine.iter().map(|r| vec![as_f64(&r[3]), as_f64(&r[5])]).collect();
                let svg = crate::chart::grouped_bar_chart(
                    &format!("{} · {} vs {}", m.name, args.year_a, args.year_b),
                    m.unit,
                    &groups,
                    &[args.year_a.to_string(), args.year_b.to_string()],
                    &values,
                );
                write_chart(path, &svg)?;
            }
            print(&rows, &mut out)?;
        }
        Command::Rank(args) => {
            query::metric(&args.metric).map_err(coded(exit::USAGE))?;
            let store = open_ro(&cli)?;
            let rows = query::rank(&store.conn, &args.metric, args.year, args.top, args.asc, &args.filter.filter())?;
            if let Some(path) = &args.chart {
                let m = query::metric(&args.metric)?;
                let bars: Vec<(String, Option<f64>)> = rows.rows.iter().map(|r| (r[1].plain(), as_f64(&r[4]))).collect();
                write_chart(path, &crate::chart::bar_chart(&format!("{} · {}", m.name, args.year), m.unit, &bars))?;
            }
            print(&rows, &mut out)?;
        }
        Command::Agencies(args) => match &args.action {
            None => {
                let store = open_ro(&cli)?;
                print(&query::agencies(&store.conn, &args.filter.filter())?, &mut out)?;
            }
            Some(AgenciesAction::Alias { name, canonical }) => {
                let mut store = open_rw(&cli)?;
                crate::store::record_alias(&mut store, name, canonical).map_err(coded(exit::NOT_FOUND))?;
                if !cli.quiet {
                    eprintln!("{name} is now a name of {canonical}");
                }
            }
        },
        Command::Claims(args) => {
            let store = open_ro(&cli)?;
            print(&query::claims(&store.conn, args.report, &args.filter.filter())?, &mut out)?;
        }
        Command::Sql(args) => {
            let store = if args.write { open_rw(&cli)? } else { open_ro(&cli)? };
            let rows = query::sql(&store.conn, &args.query, args.write).map_err(coded(exit::USAGE))?;
            print(&rows, &mut out)?;
        }
    }
    Ok(exit::OK)
}

fn inspect(args: &InspectArgs) -> Result<Rows> {
    let limits = Limits::default();
    if args.document {
        let (_, doc, _) = crate::source::read_path(&args.path, &limits).map_err(coded(exit::INPUT))?;
        let mut rows = Rows::new(&["block", "kind", "row", "cells"]);
        for (i, b) in doc.blocks.iter().enumerate() {
            match b {
                crate::source::Block::Paragraph(p) => rows.push(vec![Val::Int(i as i64), Val::text("paragraph"), Val::Null, Val::text(p.clone())]),
                crate::source::Block::Table(t) => {
                    for (j, r) in t.rows.iter().enumerate() {
                        let cells: Vec<String> = r
                            .iter()
                            .map(|c| match c.span {
                                crate::source::Span::Own => c.text.replace('\n', "⏎"),
                                crate::source::Span::ColCopy => "←".to_string(),
                                crate::source::Span::RowCopy => "↑".to_string(),
                            })
                            .collect();
                        rows.push(vec![Val::Int(i as i64), Val::text("table"), Val::Int(j as i64), Val::text(cells.join(" | "))]);
                    }
                }
            }
        }
        return Ok(rows);
    }
    let parsed = import::parse_file(&args.path, &limits, &Overrides::default()).map_err(coded(exit::INPUT))?;
    let r = &parsed.report;
    let mut rows = Rows::new(&["tbl", "row_key", "col_key", "raw", "value", "state", "unit"]);
    for c in &r.cells {
        rows.push(vec![
            Val::text(c.tbl),
            Val::text(c.row.clone()),
            Val::text(c.col.clone()),
            Val::text(c.raw.clone()),
            Val::num(c.value),
            Val::text(c.state.as_str()),
            Val::opt_text(c.unit.clone()),
        ]);
    }
    eprintln!(
        "{}: {} {} · versions 二 {} · 三 {} · 四 {} · {} cells",
        args.path.display(),
        r.agency.as_deref().unwrap_or("?"),
        r.year.map_or("?".to_string(), |y| y.to_string()),
        r.versions.proactive.as_deref().unwrap_or("-"),
        r.versions.applications.as_deref().unwrap_or("-"),
        r.versions.appeals.as_deref().unwrap_or("-"),
        r.cells.len()
    );
    for n in &r.notes {
        eprintln!("note: {n}");
    }
    Ok(rows)
}

fn as_f64(v: &Val) -> Option<f64> {
    match v {
        Val::Int(i) => Some(*i as f64),
        Val::Float(f) => Some(*f),
        _ => None,
    }
}

/// Chart series from trend rows: one per agency (or group), x = year.
fn series_of(rows: &Rows, group_col: &str) -> Vec<crate::chart::Series> {
    let (Some(g), Some(y), Some(v)) = (rows.col(group_col), rows.col("year"), rows.col("value")) else { return Vec::new() };
    let mut series: Vec<crate::chart::Series> = Vec::new();
    for r in &rows.rows {
        let name = r[g].plain();
        let year = as_f64(&r[y]).unwrap_or(0.0) as i32;
        match series.iter_mut().find(|s| s.name == name) {
            Some(s) => s.points.push((year, as_f64(&r[v]))),
            None => series.push(crate::chart::Series { name, points: vec![(year, as_f64(&r[v]))] }),
        }
    }
    series
}

fn write_chart(path: &std::path::Path, svg: &str) -> Result<()> {
    std::fs::write(path, svg).map_err(|e| anyhow::anyhow!("cannot write chart {}: {e}", path.display())).map_err(coded(exit::INPUT))
}

fn open_ro(cli: &Cli) -> Result<Store> {
    Store::open_with(&cli.db, Access::ReadOnly, std::time::Duration::from_millis(cli.busy_timeout)).map_err(coded(exit::DATABASE))
}

fn open_rw(cli: &Cli) -> Result<Store> {
    Store::open_with(&cli.db, Access::ReadWrite, std::time::Duration::from_millis(cli.busy_timeout)).map_err(coded(exit::DATABASE))
}

/// Reports written per transaction, and the longest a transaction stays open, so that
/// other writers and readers wait at most about a second.
const BATCH_REPORTS: usize = 500;
const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(1000);

/// Files parsed in parallel per round; the writer stores one round while the next is parsed.
const PARSE_CHUNK: usize = 64;

fn import(cli: &Cli, args: &ImportArgs, opts: OutOptions, out: &mut dyn Write) -> Result<i32> {
    use rayon::prelude::*;
    let limits = Limits {
        max_file_bytes: args.max_file_bytes,
        max_inflated_bytes: args.max_inflated_bytes,
        pdf_timeout_secs: args.pdf_timeout,
    };
    let overrides = Overrides { agency: args.agency.clone(), year: args.year };
    let (files, left_out) = import::collect_files(&args.paths).map_err(coded(exit::INPUT))?;
    // The database is opened (and created) only once there is something to write, so a
    // run in which every file fails leaves no new file behind.
    let mut store: Option<Store> = if cli.db.exists() { Some(open_rw(cli)?) } else { None };
    // Files already imported are skipped by sha256 without parsing (a resumed import).
    let known = match &store {
        Some(s) if !args.replace && overrides.agency.is_none() && overrides.year.is_none() => {
            s.known_sha256().map_err(coded(exit::DATABASE))?
        }
        _ => Default::default(),
    };
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build()?;
    let progress = Progress::new(files.len() as u64, cli.quiet);
    let mut run = ImportRun {
        rows: Rows::new(&["status", "report_id", "agency", "year", "format", "cells", "checks_failed", "path"]),
        ..ImportRun::default()
    };
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<import::Job>>(2);
        let (files, limits, overrides, known, pool) = (&files, &limits, &overrides, &known, &pool);
        scope.spawn(move || {
            for chunk in files.chunks(PARSE_CHUNK) {
                let jobs: Vec<import::Job> =
                    pool.install(|| chunk.par_iter().map(|p| import::job(p, limits, overrides, known)).collect());
                if tx.send(jobs).is_err() {
                    break;
                }
            }
        });
        for round in rx {
            for job in round {
                run.handle(job, &mut store, cli, args.replace, &progress)?;
            }
        }
        Ok(())
    })?;
    if let Some(st) = &mut store {
        st.commit_batch().map_err(coded(exit::DATABASE))?;
        st.checkpoint();
    }
    progress.finish();
    if !cli.quiet {
        output::write_rows(&run.rows, opts, out)?;
        let skipped = if left_out > 0 {
            format!(" ({left_out} other file(s) in the directories left out: not {})", import::REPORT_EXTENSIONS.join("/"))
        } else {
            String::new()
        };
        eprintln!(
            "{} file(s): {} added, {} replaced, {} unchanged, {} failed{skipped}",
            files.len(),
            run.added,
            run.replaced,
            run.unchanged,
            run.failed
        );
    }
    Ok(if run.failed > 0 { exit::INPUT } else { exit::OK })
}

/// The writer's side of an import: counts, result rows, the open batch.
#[derive(Default)]
struct ImportRun {
    rows: Rows,
    added: usize,
    replaced: usize,
    unchanged: usize,
    failed: usize,
    batch_len: usize,
    batch_started: Option<std::time::Instant>,
}

impl ImportRun {
    fn handle(&mut self, job: import::Job, store: &mut Option<Store>, cli: &Cli, replace: bool, progress: &Progress) -> Result<()> {
        progress.tick(self.failed);
        let parsed = match job {
            import::Job::Failed { error, path } => {
                self.failed += 1;
                let msg = format!("{error:#}");
                let shown = if msg.contains(&path.display().to_string()) { msg } else { format!("{}: {msg}", path.display()) };
                progress.println(&format!("error: {shown}"));
                return Ok(());
            }
            import::Job::Known { path, sha256 } => {
                self.unchanged += 1;
                if cli.quiet {
                    return Ok(());
                }
                let Some(st) = store.as_ref() else { return Ok(()) };
                if let Some(r) = st.report_by_sha256(&sha256).map_err(coded(exit::DATABASE))? {
                    self.rows.push(vec![
                        Val::text("unchanged"),
                        Val::Int(r.id),
                        Val::text(r.agency),
                        Val::Int(r.year.into()),
                        Val::text(r.format),
                        Val::Int(r.cells),
                        Val::Null,
                        Val::text(path.display().to_string()),
                    ]);
                }
                return Ok(());
            }
            import::Job::Parsed(p) => p,
        };
        let st = match store {
            Some(s) => s,
            None => store.insert(open_rw(cli)?),
        };
        if self.batch_len >= BATCH_REPORTS || self.batch_started.is_some_and(|t| t.elapsed() > BATCH_TIME) {
            st.commit_batch().map_err(coded(exit::DATABASE))?;
        }
        if st.conn.is_autocommit() {
            st.begin_batch().map_err(coded(exit::DATABASE))?;
            self.batch_started = Some(std::time::Instant::now());
            self.batch_len = 0;
        }
        self.batch_len += 1;
        let outcome = match st.import(&parsed, replace) {
            Ok(o) => o,
            Err(e) => {
                self.failed += 1;
                progress.println(&format!("error: {}: {e:#}", parsed.path.display()));
                return Ok(());
            }
        };
        match outcome {
            crate::store::Outcome::Added(_) => self.added += 1,
            crate::store::Outcome::Replaced(_) => self.replaced += 1,
            crate::store::Outcome::Unchanged(_) => self.unchanged += 1,
        }
        if cli.quiet {
            // Nothing will print the rows: keep memory flat in the number of files.
            return Ok(());
        }
        let fails = parsed.checks.iter().filter(|c| c.status == crate::checks::Status::Fail).count();
        self.rows.push(vec![
            Val::text(outcome.as_str()),
            Val::Int(outcome.id()),
            Val::opt_text(parsed.report.agency.clone()),
            Val::num(parsed.report.year.map(f64::from)),
            Val::text(parsed.format.as_str()),
            Val::Int(parsed.report.cells.len() as i64),
            Val::Int(fails as i64),
            Val::text(parsed.path.display().to_string()),
        ]);
        Ok(())
    }
}

/// A progress bar on stderr when it is a terminal; nothing otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    fn new(total: u64, quiet: bool) -> Progress {
        use std::io::IsTerminal;
        if quiet || !io::stderr().is_terminal() || total < 2 {
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

fn show(store: &Store, id: i64, keys: bool, cli: &Cli, opts: OutOptions, out: &mut dyn Write) -> Result<()> {
    let conn = &store.conn;
    let meta = query::sql_params(
        conn,
        "SELECT report_id, agency, year, title, source_format, source_path, source_sha256,
                proactive_version, applications_version, appeals_version, notes, imported_at
         FROM reports WHERE report_id = ?1",
        &[rusqlite::types::Value::Integer(id)],
    )?;
    let checks = query::checks(conn, Some(id), None, false, &Filter::default())?;
    let claims = query::claims(conn, Some(id), &Filter::default())?;
    if cli.quiet {
        return Ok(());
    }
    match opts.format {
        OutFormat::Table | OutFormat::Md => {
            let r = &meta.rows[0];
            writeln!(out, "{} {} — report {}", r[1].plain(), r[2].plain(), r[0].plain())?;
            writeln!(out, "title:    {}", r[3].plain())?;
            writeln!(out, "source:   {} ({}, sha256 {})", r[5].plain(), r[4].plain(), r[6].plain())?;
            writeln!(out, "versions: 二 {} · 三 {} · 四 {}", r[7].plain(), r[8].plain(), r[9].plain())?;
            let notes: Vec<String> = serde_json::from_str(&r[10].plain()).unwrap_or_default();
            for n in notes {
                writeln!(out, "note:     {n}")?;
            }
            for (title, rows) in crate::show::layout(conn, id, keys)? {
                writeln!(out, "\n{title}")?;
                output::write_rows(&rows, opts, out)?;
            }
            writeln!(out, "\nchecks")?;
            output::write_rows(&checks, opts, out)?;
            writeln!(out, "\nclaims")?;
            output::write_rows(&claims, opts, out)?;
        }
        OutFormat::Json | OutFormat::Jsonl => {
            let cells = query::sql_params(
                conn,
                "SELECT tbl, row_key, col_key, raw, value, state, unit FROM cells WHERE report_id = ?1 ORDER BY tbl, row_key, col_key",
                &[rusqlite::types::Value::Integer(id)],
            )?;
            let doc = serde_json::json!({
                "report": output::to_json(&meta).first().cloned().unwrap_or_default(),
                "cells": output::to_json(&cells),
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
            let cells = query::sql_params(
                conn,
                "SELECT report_id, agency, year, tbl, row_key, col_key, raw, value, state, unit FROM cell_values WHERE report_id = ?1 ORDER BY tbl, row_key, col_key",
                &[rusqlite::types::Value::Integer(id)],
            )?;
            output::write_rows(&cells, opts, out)?;
        }
    }
    Ok(())
}

/// Entry point used by `main`: parse, run, print errors, return the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { exit::USAGE } else { exit::OK };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // A reader that went away (`xxgk … | head`) is not an error.
            let broken_pipe = e.chain().any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe));
            if broken_pipe {
                return exit::OK;
            }
            let code = e.downcast_ref::<Coded>().map_or(exit::DATABASE, |c| c.code);
            eprintln!("error: {e:#}");
            code
        }
    }
}
