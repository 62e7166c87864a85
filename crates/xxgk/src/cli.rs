//! The command line: global options, the list of commands, exit codes, and the context
//! every command runs in. Each command lives in its own file under [`crate::cmd`].

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Result;
use clap::{Parser, Subcommand};
use rusqlite::types::Value as SqlValue;
use xxgk_db::query;
use xxgk_db::store::{Access, Store};

use crate::cmd;
use crate::output::{self, OutFormat, OutOptions, Rows, Val};

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

const EXIT_CODES: &str = "Exit codes: 0 ok · 1 some input file failed or conflicts with a report already in (the rest were imported) · 2 usage error · 3 database error · 4 not found";

/// xxgk reads 政府信息公开工作年度报告 (government information-disclosure annual reports) —
/// text, HTML, DOCX, Word 97 .doc/.wps, RTF, PDF, OFD — into exact, checked rows of one SQLite file, and answers
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
    #[arg(long, global = true, env = "XXGK_BUSY_TIMEOUT_MS", value_name = "MS", default_value_t = xxgk_db::store::DEFAULT_BUSY_TIMEOUT.as_millis() as u64)]
    pub busy_timeout: u64,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import report files or directories (text, Markdown, HTML, DOCX, .doc/.wps, RTF, PDF, OFD; the reader is chosen by content).
    #[command(
        after_help = "Examples:\n  xxgk import examples/\n  xxgk import report.html --agency 某某县教育局 --year 2021\n  xxgk import downloads/ --replace"
    )]
    Import(cmd::import::Args),
    /// List imported reports with their template (pre2019, 2019, 2021, mixed), versions, cell or figure counts and check status.
    #[command(
        after_help = "Examples:\n  xxgk reports\n  xxgk reports --agency 公安 --format csv\n  xxgk reports --columns agency,year,published_on,days_late --sort -days_late"
    )]
    Reports(cmd::reports::Args),
    /// Show one report's three tables as printed (a pre-2019 report: its figures), with its checks and claims.
    #[command(
        after_help = "Examples:\n  xxgk show 1\n  xxgk show 淄博市公安局 2020 --keys\n  xxgk show 1 --format json"
    )]
    Show(cmd::show::Args),
    /// Check results (R1–R7): pass, fail or not assessable, with both sides' values.
    #[command(after_help = "Examples:\n  xxgk check\n  xxgk check --failures\n  xxgk check --report 1 --rule R4")]
    Check(cmd::check::Args),
    /// A metric per agency and year: value with its source (2021 / 2019 / pre-2019 table, pre-2019 prose), change against the previous report, the change the report states, and caveats where definitions differ across 2019.
    #[command(
        after_help = "Examples:\n  xxgk trend applications\n  xxgk trend 申请 --wide --format csv   (a column per year)\n  xxgk trend applications --by province --same-agencies --from 2021 --to 2023\n  xxgk trend days_late --by year --chart late.png --title '逾期天数'\n  xxgk trend permits --agency 平潭 --from 2019\n  xxgk trend applications --agency-regex '^平潭综合实验区$'   (2011 to 2023, across the 2019 template)\n  xxgk metrics   (lists the metric names and the eras they exist in)"
    )]
    Trend(cmd::trend::Args),
    /// Two years side by side: one row per agency and metric, with the change and whether the agency is missing in a year.
    #[command(
        after_help = "Examples:\n  xxgk compare 2019 2021\n  xxgk compare 2021 2023 --metric permits --metric penalties --format csv"
    )]
    Compare(cmd::compare::Args),
    /// Agencies ranked by a metric in one year.
    #[command(
        after_help = "Examples:\n  xxgk rank applications --year 2021 --top 10\n  xxgk rank not_held_rate --year 2023 --asc\n  xxgk rank published_late --year 2023   (equal values share a rank: 1, 1, 3)"
    )]
    Rank(cmd::rank::Args),
    /// Every agency with its canonical name, other names, region, kind, and years present and missing; `agencies alias` records another name.
    #[command(
        after_help = "Examples:\n  xxgk agencies\n  xxgk agencies --region 江苏省 --format csv\n  xxgk agencies alias 洪泽区政府 淮安市洪泽区人民政府"
    )]
    Agencies(cmd::agencies::Args),
    /// Figures the prose states, checked against the tables and the previous year.
    #[command(after_help = "Examples:\n  xxgk claims\n  xxgk claims --report 1 --format json")]
    Claims(cmd::claims::Args),
    /// The catalog of metrics that trend understands, with the eras each exists in (pre2019, 2019, 2021).
    #[command(
        after_help = "Examples:\n  xxgk metrics --format md\n  xxgk metrics --columns metric,unit,chinese_names"
    )]
    Metrics(cmd::metrics::Args),
    /// Write every public view as CSV files into DIR (with --parquet, Parquet files too; with --xlsx, one workbook with a sheet per view).
    #[command(
        after_help = "Examples:\n  xxgk export out/\n  xxgk export out/ --bom --xlsx reports.xlsx\n  xxgk export out/ --parquet   (then: duckdb -c \"SELECT * FROM 'out/metric_values.parquet'\")"
    )]
    Export(cmd::export::Args),
    /// Read one file without importing it: the cells (or pre-2019 figures) extracted, or the document as the reader saw it.
    #[command(
        after_help = "Examples:\n  xxgk inspect report.pdf\n  xxgk inspect report.html --document\n  xxgk inspect report.docx --format json"
    )]
    Inspect(cmd::inspect::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(
        after_help = "Examples:\n  xxgk completions bash > /etc/bash_completion.d/xxgk\n  xxgk completions zsh > ~/.zfunc/_xxgk\n  xxgk completions fish > ~/.config/fish/completions/xxgk.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to standard output, or write one page per command into DIR.
    #[command(after_help = "Examples:\n  xxgk man | man -l -\n  xxgk man --dir /usr/local/share/man/man1")]
    Man {
        /// Write xxgk.1 and xxgk-COMMAND.1 into this directory instead.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Run SQL against the database (read-only unless --write).
    #[command(
        after_help = "Examples:\n  xxgk sql \"SELECT agency, year, value FROM cell_values WHERE row_key = 'new_received' AND col_key = 'total'\"\n  xxgk sql \"SELECT * FROM report_applications\" --format csv\n  xxgk sql \"SELECT agency, year, value, unit, source FROM report_figures WHERE key = 'applications'\""
    )]
    Sql(cmd::sql::Args),
}

/// An error with the exit code it should end the process with.
#[derive(Debug)]
pub struct Coded {
    pub code: i32,
    pub error: anyhow::Error,
}

impl std::fmt::Display for Coded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", message(&self.error))
    }
}

impl std::error::Error for Coded {}

/// Tag an error with the exit code it ends the process with (`.map_err(coded(…))`).
pub fn coded(code: i32) -> impl FnOnce(anyhow::Error) -> anyhow::Error {
    move |error| Coded { code, error }.into()
}

/// What every command runs with: the global options, and stdout.
pub struct Ctx<'a> {
    pub cli: &'a Cli,
    pub opts: OutOptions,
    pub out: &'a mut dyn Write,
    /// What a listing command asked of its rows (`--columns`, `--sort`, `--limit`, `-o`).
    pub list: cmd::ListArgs,
}

impl Ctx<'_> {
    /// The database, read-only (it must exist).
    pub fn open_ro(&self) -> Result<Store> {
        Store::open_with(&self.cli.db, Access::ReadOnly, self.busy_timeout()).map_err(coded(exit::DATABASE))
    }

    /// The database for writing (created if missing).
    pub fn open_rw(&self) -> Result<Store> {
        Store::open_with(&self.cli.db, Access::ReadWrite, self.busy_timeout()).map_err(coded(exit::DATABASE))
    }

    /// How long to wait for another process's lock.
    pub fn busy_timeout(&self) -> Duration {
        Duration::from_millis(self.cli.busy_timeout)
    }

    /// Print rows in the chosen format (nothing with `--quiet`), sorted, cut and narrowed
    /// as `--sort`, `--limit` and `--columns` ask, to `-o FILE` or standard output.
    pub fn print(&mut self, rows: &Rows) -> Result<()> {
        self.print_then(rows, &[])
    }

    /// Print rows that carry a `caveat` column. Machine formats keep it on every row; table
    /// output prints each distinct caveat once, below the table.
    pub fn print_with_caveats(&mut self, mut rows: Rows) -> Result<()> {
        if self.opts.format != OutFormat::Table {
            return self.print(&rows);
        }
        let caveats = output::caveats_below(&mut rows);
        let lines: Vec<String> = caveats.into_iter().map(|c| format!("caveat: {c}")).collect();
        self.print_then(&rows, &lines)
    }

    /// Can rows be printed one at a time as a query makes them ([`Ctx::stream`])? In CSV,
    /// TSV, JSON and JSON lines to standard output, when no `--sort` needs them all first.
    pub fn streams(&self) -> bool {
        output::streams(self.opts.format) && self.rows_as_they_come()
    }

    /// [`Ctx::streams`], or table output that can be printed as rows come, in tables of
    /// [`output::TABLE_GROUP_ROWS`] rows ([`output::RowStream::start_tables`]): for a
    /// command whose table output is its rows and nothing else (`reports`, `claims`,
    /// `check`, `agencies`, `sql`), or its rows and the caveats below them
    /// ([`Ctx::stream_with_caveats`]: `trend`, `compare`), so that millions of rows print
    /// without being held at once.
    pub fn streams_or_groups(&self) -> bool {
        self.streams() || self.opts.format == OutFormat::Table && self.rows_as_they_come()
    }

    /// Nothing asks for every row before the first is printed: no `--sort` or `--output`,
    /// and output not silenced. (`--columns` and `--limit` are applied row by row.)
    fn rows_as_they_come(&self) -> bool {
        !self.cli.quiet && self.list.sort.is_empty() && self.list.output.is_none()
    }

    /// Print the rows `produce` hands over one at a time (when [`Ctx::streams`]): the same
    /// bytes as [`Ctx::print`] of them all; in table format (when
    /// [`Ctx::streams_or_groups`]), tables of [`output::TABLE_GROUP_ROWS`] rows. `--columns`
    /// narrows each row as it comes, and `--limit N` stops the query after N rows.
    pub fn stream(
        &mut self,
        columns: &[&str],
        produce: impl FnOnce(&mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()>,
    ) -> Result<()> {
        let picked = self.list.picked(columns)?;
        let names: Vec<&str> =
            if picked.is_empty() { columns.to_vec() } else { picked.iter().map(|&i| columns[i]).collect() };
        let limit = self.list.limit.unwrap_or(usize::MAX);
        let out = &mut *self.out;
        let mut stream = match self.opts.format {
            OutFormat::Table => output::RowStream::start_tables(&names),
            _ => output::RowStream::start(&names, self.opts, out)?,
        };
        let mut printed = 0;
        let mut narrow = Vec::with_capacity(picked.len());
        let produced = produce(&mut |row| {
            if printed == limit {
                return Err(Enough.into());
            }
            printed += 1;
            if picked.is_empty() {
                return Ok(stream.row(row, out)?);
            }
            narrow.clear();
            narrow.extend(picked.iter().map(|&i| row[i].clone()));
            Ok(stream.row(&narrow, out)?)
        });
        match produced {
            Err(e) if e.is::<Enough>() => {}
            other => other?,
        }
        Ok(stream.finish(out)?)
    }

    /// [`Ctx::stream`] for rows with a `caveat` column, whose table output prints the
    /// caveats below the rows ([`Ctx::print_with_caveats`]): in table format each row is
    /// printed without the column, and the distinct caveats of every row produced follow
    /// the last table. Those are every row's, as the gathered output's are, so `--limit`
    /// stops the printing but not the reading. In other formats, [`Ctx::stream`].
    pub fn stream_with_caveats(
        &mut self,
        columns: &[&str],
        produce: impl FnOnce(&mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()>,
    ) -> Result<()> {
        let at = columns.iter().position(|c| *c == "caveat");
        let Some(at) = at.filter(|_| self.opts.format == OutFormat::Table) else {
            return self.stream(columns, produce);
        };
        let names: Vec<&str> = columns.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, c)| *c).collect();
        let mut caveats: Vec<String> = Vec::new();
        let mut without: Vec<Val> = Vec::with_capacity(names.len());
        let mut enough = false;
        self.stream(&names, |emit| {
            produce(&mut |row| {
                let caveat = row[at].plain();
                if !caveat.is_empty() && !caveats.contains(&caveat) {
                    caveats.push(caveat);
                }
                if enough {
                    return Ok(());
                }
                without.clear();
                without.extend(row.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, v)| v.clone()));
                match emit(&without) {
                    Err(e) if e.is::<Enough>() => {
                        enough = true;
                        Ok(())
                    }
                    other => other,
                }
            })
        })?;
        for caveat in caveats {
            writeln!(self.out, "{}", output::wrap_to_width(&format!("caveat: {caveat}")))?;
        }
        Ok(())
    }

    /// [`Ctx::stream`] of a prepared statement's rows, under its column names. SQLite
    /// failing while it runs is a [`query::SqlFailed`] error.
    pub fn stream_statement(&mut self, stmt: &mut rusqlite::Statement<'_>, params: &[SqlValue]) -> Result<()> {
        let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
        let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
        self.stream(&columns, |emit| query::each_row_of(stmt, params, emit).map(|_| ()))
    }

    /// Print rows, then lines of text below them (table output's notes).
    pub fn print_then(&mut self, rows: &Rows, below: &[String]) -> Result<()> {
        let rows = self.list.apply(rows)?;
        if self.cli.quiet {
            return Ok(());
        }
        let opts = self.opts;
        let write = |w: &mut dyn Write| -> io::Result<()> {
            output::write_rows(&rows, opts, w)?;
            for line in below {
                let line = if opts.format == OutFormat::Table { output::wrap_to_width(line) } else { line.clone() };
                writeln!(w, "{line}")?;
            }
            Ok(())
        };
        match &self.list.output {
            Some(path) => {
                let file = std::fs::File::create(path)
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
                    .map_err(coded(exit::INPUT))?;
                let mut w = io::BufWriter::new(file);
                write(&mut w)?;
                w.flush()?;
            }
            None => write(self.out)?,
        }
        Ok(())
    }
}

/// Run a parsed command line; returns the exit code.
pub fn run(cli: &Cli) -> Result<i32> {
    use std::io::IsTerminal;
    let stdout = io::stdout();
    let lock = stdout.lock();
    // A terminal gets every line as it is written; a pipe or a file, full buffers (one
    // write per 64 KiB, not one per line: a trend of 100,000 rows).
    let (mut line, mut buffered);
    let out: &mut dyn Write = if lock.is_terminal() {
        line = lock;
        &mut line
    } else {
        buffered = io::BufWriter::with_capacity(1 << 16, lock);
        &mut buffered
    };
    let mut ctx =
        Ctx { cli, opts: OutOptions { format: cli.format, bom: cli.bom }, out, list: cmd::ListArgs::default() };
    let code = run_command(cli, &mut ctx);
    let flushed = ctx.out.flush();
    let code = code?;
    flushed?;
    Ok(code)
}

fn run_command(cli: &Cli, ctx: &mut Ctx) -> Result<i32> {
    match &cli.command {
        Command::Import(args) => cmd::import::run(ctx, args),
        Command::Reports(args) => cmd::reports::run(ctx, args),
        Command::Show(args) => cmd::show::run(ctx, args),
        Command::Check(args) => cmd::check::run(ctx, args),
        Command::Trend(args) => cmd::trend::run(ctx, args),
        Command::Compare(args) => cmd::compare::run(ctx, args),
        Command::Rank(args) => cmd::rank::run(ctx, args),
        Command::Agencies(args) => cmd::agencies::run(ctx, args),
        Command::Claims(args) => cmd::claims::run(ctx, args),
        Command::Metrics(args) => cmd::metrics::run(ctx, args),
        Command::Export(args) => cmd::export::run(ctx, args),
        Command::Inspect(args) => cmd::inspect::run(ctx, args),
        Command::Sql(args) => cmd::sql::run(ctx, args),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(*shell, &mut command, "xxgk", ctx.out);
            Ok(exit::OK)
        }
        Command::Man { dir } => man(dir.as_deref(), ctx.out),
    }
}

/// The man page: xxgk(1) to `out`, or a page per command into `dir`.
fn man(dir: Option<&std::path::Path>, out: &mut dyn Write) -> Result<i32> {
    let command = <Cli as clap::CommandFactory>::command();
    let Some(dir) = dir else {
        clap_mangen::Man::new(command).render(out)?;
        return Ok(exit::OK);
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))
        .map_err(coded(exit::INPUT))?;
    let mut pages = vec![("xxgk.1".to_string(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("xxgk-{}", sub.get_name());
        pages.push((format!("{name}.1"), sub.clone().name(&*Box::leak(name.into_boxed_str()))));
    }
    for (file, page) in pages {
        let mut bytes = Vec::new();
        clap_mangen::Man::new(page).render(&mut bytes)?;
        let path = dir.join(&file);
        std::fs::write(&path, bytes)
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))
            .map_err(coded(exit::INPUT))?;
    }
    Ok(exit::OK)
}

/// What [`Ctx::stream`] stops a query with once `--limit` rows are out.
#[derive(Debug)]
struct Enough;

impl std::fmt::Display for Enough {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("enough rows")
    }
}

impl std::error::Error for Enough {}

/// An error's chain as one line, `a: b: c`, leaving out what says nothing: SQLite's generic
/// text for a code ("Error code 1: SQL error or missing database") after its own message,
/// and repeats.
pub fn message(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        if cause.downcast_ref::<rusqlite::ffi::Error>().is_some() && !parts.is_empty() {
            continue;
        }
        let text = cause.to_string();
        if parts.last().is_some_and(|p| p.ends_with(&text)) || text.is_empty() {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
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
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            // A reader that went away (`xxgk … | head`) is not an error.
            let broken_pipe = e
                .chain()
                .any(|c| c.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe));
            if broken_pipe {
                return exit::OK;
            }
            let code = e.downcast_ref::<Coded>().map_or(exit::DATABASE, |c| c.code);
            eprintln!("error: {}", message(&e));
            code
        }
    }
}
