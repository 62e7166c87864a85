//! Importing many files: parsing in parallel, writing through one connection in batches.
//!
//! Files are parsed on a pool of threads, each taking the next file as it finishes one
//! (at a slightly lower scheduling priority than the writer, so that the writer is never
//! the one kept waiting for a core), and handed over a bounded channel to the one writer,
//! which stores them in file order (parsers run at most [`WINDOW`] files ahead of it, so
//! memory stays flat however many files there are), each in a savepoint of the current
//! batch's transaction (the batch's metric rows are written as it commits, in key order:
//! see [`Store::commit_batch`]). A batch is committed after [`BATCH_REPORTS`] reports or
//! [`BATCH_TIME`], whichever comes first, so other processes wait at most about a second for
//! the write lock; a thread of its own checkpoints the log after each commit
//! ([`crate::checkpoint`]). When the files turn out to come from the disk rather than the
//! page cache, a thread reads ahead of the parsers ([`crate::prefetch`]). A crash loses at
//! most the open batch, whole; files already in the database (same sha256) are skipped
//! unparsed, so running the same import again resumes it.
//!
//! What happens to each file is reported through a callback, as it happens (the command
//! line prints progress and result rows from it); the function returns the totals.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use xxgk_core::checks::Status as CheckStatus;
use xxgk_core::parse::{self, Job, Overrides, Parsed};
use xxgk_core::report::Completeness;
use xxgk_core::source::Limits;

use crate::checkpoint::Checkpointer;
use crate::prefetch::{self, Coldness, Prefetch};
use crate::store::{Access, Outcome, Store};

/// Reports written per transaction.
pub const BATCH_REPORTS: usize = 2000;
/// The longest a write transaction stays open.
pub const BATCH_TIME: Duration = Duration::from_millis(1000);
/// How far the parsers may run ahead of the writer, in files.
pub const WINDOW: usize = 64;
/// How many files the writer stores between two tellings of its progress to the threads
/// that wait for it (parsers at the end of their window, the reading ahead). Less than
/// [`WINDOW`], so that the file the writer waits for is always inside the window.
pub const PROGRESS_EVERY: usize = 16;
const _: () = assert!(PROGRESS_EVERY < WINDOW);
/// How far the reading ahead ([`crate::prefetch`]) may run ahead of the writer, in files:
/// a few megabytes of the page cache for reports, enough requests at once to keep a disk
/// busy (cold 20k import: 4.5–5.0 s at 1024, 4.8–5.7 s at 256, 5.5–6.9 s without).
pub const PREFETCH_WINDOW: usize = 1024;
/// How much lower the parser threads' scheduling priority is than the writer's (nice
/// levels, Linux only), so that the writer never waits for a core.
pub const PARSER_NICENESS: i32 = 5;

/// Where the database is and how long to wait for another writer's lock.
#[derive(Clone, Debug)]
pub struct Target {
    pub path: PathBuf,
    pub busy_timeout: Duration,
}

impl Target {
    fn open(&self) -> Result<Store> {
        Store::open_with(&self.path, Access::ReadWrite, self.busy_timeout)
    }
}

/// How to import.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub limits: Limits,
    /// Agency and year given on the command line, winning over the report's own.
    pub overrides: Overrides,
    /// Replace a report already imported for the same agency and year from another file.
    pub replace: bool,
    /// Parser threads (0: one per core).
    pub jobs: usize,
    /// Look up the stored report of each file skipped as already imported (for result
    /// rows); off for quiet runs, which need only the counts.
    pub describe_known: bool,
    /// A point at which the import stops and waits to be killed (crash tests only).
    pub hold: Option<Hold>,
    /// A report missing template cells (partial, or with no tables) is a failure, not
    /// imported: all or nothing.
    pub strict: bool,
    /// When to read ahead of the parsers ([`crate::prefetch`]).
    pub prefetch: Prefetch,
}

/// A deterministic place for a crash test to kill an import: the process prints
/// `xxgk: holding <what>` on stderr and then waits until it is killed.
///
/// Set through the `XXGK_TEST_HOLD` environment variable (`commit:N` or `savepoint:N`);
/// nothing else uses it. While a hold is set, batches end after [`BATCH_REPORTS`] reports
/// only (not after [`BATCH_TIME`]), so what a kill loses is the same on any machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Commit the batch right after the N-th report this run stores, then hold: exactly
    /// N reports of this run are in the database.
    AfterCommit(usize),
    /// Hold after writing the N-th report into its savepoint, before it is released and
    /// its batch committed: the batch is open and the report half-done from the
    /// database's point of view.
    InSavepoint(usize),
}

impl Hold {
    /// Parse `commit:N` / `savepoint:N`.
    pub fn parse(s: &str) -> Option<Hold> {
        let (kind, n) = s.split_once(':')?;
        let n: usize = n.trim().parse().ok().filter(|&n| n > 0)?;
        match kind.trim() {
            "commit" => Some(Hold::AfterCommit(n)),
            "savepoint" => Some(Hold::InSavepoint(n)),
            _ => None,
        }
    }
}

/// What became of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// A new report.
    Added,
    /// It replaced a report from another file (`--replace`).
    Replaced,
    /// Already imported from this very file: nothing changed.
    Unchanged,
    /// The same report (same cells or figures) is already in from another file (another
    /// format of it): nothing changed; [`FileResult::reason`] names that file.
    Duplicate,
    /// Another file already holds this agency and year with different cells: nothing
    /// changed; [`FileResult::reason`] lists the cells that differ (`--replace` replaces).
    Conflict,
    /// Imported, but the report lacks some of the template's cells (reserved for the
    /// completeness check; the reason says which).
    Partial,
    /// It could not be read, parsed or stored; the reason is in [`FileResult::error`].
    Failed,
    /// Found in a directory, but its name is not one of a report
    /// ([`xxgk_core::parse::REPORT_EXTENSIONS`]): not read.
    LeftOut,
}

impl Status {
    /// The word printed in the `status` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Replaced => "replaced",
            Status::Unchanged => "unchanged",
            Status::Duplicate => "duplicate",
            Status::Conflict => "conflict",
            Status::Partial => "partial",
            Status::Failed => "failed",
            Status::LeftOut => "left out",
        }
    }
}

/// One file's result, as reported to the callback.
#[derive(Clone, Debug)]
pub struct FileResult {
    pub path: PathBuf,
    pub status: Status,
    pub report_id: Option<i64>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: Option<String>,
    pub cells: Option<i64>,
    /// Pre-2019 figures (claims not counted).
    pub figures: Option<i64>,
    pub checks_failed: Option<i64>,
    /// Whether the report has every cell of its template (`complete`, `partial`,
    /// `no_tables`, `pre2019`).
    pub completeness: Option<&'static str>,
    /// Why the file failed (the message names the file).
    pub error: Option<String>,
    /// What to know of a file that did not fail: which file holds its duplicate, which
    /// cells conflict, why it was left out.
    pub reason: Option<String>,
}

impl FileResult {
    fn failed(path: &Path, error: &anyhow::Error) -> FileResult {
        let msg = format!("{error:#}");
        let shown = if msg.contains(&path.display().to_string()) { msg } else { format!("{}: {msg}", path.display()) };
        FileResult {
            path: path.to_path_buf(),
            status: Status::Failed,
            report_id: None,
            agency: None,
            year: None,
            format: None,
            cells: None,
            figures: None,
            checks_failed: None,
            completeness: None,
            error: Some(shown),
            reason: None,
        }
    }

    /// A file of a directory whose name is not one of a report: not read.
    pub fn left_out(path: &Path) -> FileResult {
        FileResult {
            path: path.to_path_buf(),
            status: Status::LeftOut,
            report_id: None,
            agency: None,
            year: None,
            format: None,
            cells: None,
            figures: None,
            checks_failed: None,
            completeness: None,
            error: None,
            reason: Some(format!("not a report file name (read: {})", xxgk_core::parse::REPORT_EXTENSIONS.join(" "))),
        }
    }

    fn stored(parsed: &Parsed, completeness: Completeness, outcome: &Outcome) -> FileResult {
        let (status, reason) = match outcome {
            Outcome::Added(_) => (Status::Added, None),
            Outcome::Replaced(_) => (Status::Replaced, None),
            Outcome::Unchanged(_) => (Status::Unchanged, None),
            Outcome::Duplicate { id, path } => {
                (Status::Duplicate, Some(format!("the same report as {path} (report {id}), already in")))
            }
            Outcome::Conflict { id, path, differences } => {
                const SHOWN: usize = 12;
                let mut listed = differences.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
                if differences.len() > SHOWN {
                    listed.push_str(&format!("; and {} more", differences.len() - SHOWN));
                }
                (
                    Status::Conflict,
                    Some(format!(
                        "{} {} is already in from {path} (report {id}) and {} cell(s) differ: {listed}; pass --replace to replace it",
                        parsed.report.agency.as_deref().unwrap_or("?"),
                        parsed.report.year.map_or("?".to_string(), |y| y.to_string()),
                        differences.len()
                    )),
                )
            }
        };
        FileResult {
            path: parsed.path.clone(),
            status,
            report_id: Some(outcome.id()),
            agency: parsed.report.agency.clone(),
            year: parsed.report.year,
            format: Some(parsed.format.as_str().to_string()),
            cells: Some(parsed.report.cells.len() as i64),
            figures: Some(parsed.report.figures.iter().filter(|f| f.is_figure()).count() as i64),
            checks_failed: Some(parsed.checks.iter().filter(|c| c.status == CheckStatus::Fail).count() as i64),
            completeness: Some(completeness.as_str()),
            error: None,
            reason,
        }
    }
}

/// Totals of one import.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub duplicate: usize,
    pub conflict: usize,
    pub failed: usize,
    /// Reports stored that miss template cells (partial or with no tables).
    pub partial: usize,
}

/// Import `files` into the database at `target`, calling `on_file` once per file.
///
/// The database is opened (and created) only once there is something to write, so a run
/// in which every file fails leaves no new file behind. Per-file problems are results,
/// not errors; an error means the database itself could not be opened or written.
pub fn run(
    target: &Target,
    files: &[PathBuf],
    opts: &Options,
    on_file: &mut dyn FnMut(&FileResult),
) -> Result<Summary> {
    let mut store: Option<Store> = if target.path.exists() { Some(target.open()?) } else { None };
    let overrides_given = opts.overrides.agency.is_some() || opts.overrides.year.is_some();
    let known: HashSet<String> = match &store {
        Some(s) if !opts.replace && !overrides_given => s.known_sha256()?,
        _ => HashSet::new(),
    };
    let jobs = if opts.jobs == 0 { std::thread::available_parallelism().map_or(1, |n| n.get()) } else { opts.jobs };
    let mut writer = Writer {
        target,
        opts,
        summary: Summary { files: files.len(), ..Summary::default() },
        batch: None,
        stored: 0,
        checkpoints: None,
        background_checkpoints: true,
    };
    // The next file to claim, how many the writer is done with, and a stop signal.
    let next = AtomicUsize::new(0);
    let done = (Mutex::new(0usize), Condvar::new());
    let stop = AtomicBool::new(false);
    let coldness = if opts.prefetch == Prefetch::Always { Coldness::cold() } else { Coldness::default() };
    let set_done = |n: usize| {
        *done.0.lock().unwrap_or_else(|e| e.into_inner()) = n;
        done.1.notify_all();
    };
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Job)>(WINDOW);
        for _ in 0..jobs.max(1) {
            let tx = tx.clone();
            let (next, done, stop, known, coldness) = (&next, &done, &stop, &known, &coldness);
            scope.spawn(move || {
                yield_to_writer();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= files.len() || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    {
                        // At most WINDOW files ahead of the writer.
                        let mut written = done.0.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *written + WINDOW && !stop.load(Ordering::Relaxed) {
                            written = done.1.wait(written).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    let started = Instant::now();
                    let read = xxgk_core::source::read_file(&files[i], &opts.limits);
                    if coldness.record(started.elapsed()) {
                        // Wake the reading ahead, which waits on the writer's progress.
                        let _guard = done.0.lock().unwrap_or_else(|e| e.into_inner());
                        done.1.notify_all();
                    }
                    let job = parse::job_from(&files[i], read, &opts.limits, &opts.overrides, known);
                    if tx.send((i, job)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        if opts.prefetch != Prefetch::Never {
            let (next, done, stop, coldness) = (&next, &done, &stop, &coldness);
            scope.spawn(move || read_ahead(files, next, done, stop, coldness, &prefetch::ask));
        }
        // Jobs arrive in any order; they are written in file order.
        let mut pending: BTreeMap<usize, Job> = BTreeMap::new();
        let mut want = 0;
        let result = (|| -> Result<()> {
            for (i, job) in &rx {
                pending.insert(i, job);
                while let Some(job) = pending.remove(&want) {
                    writer.handle(job, &mut store, on_file)?;
                    want += 1;
                    // Progress is told a few files at a time: each telling wakes the
                    // threads waiting for it, and a parser woken for every file would
                    // sleep again after each.
                    if want % PROGRESS_EVERY == 0 {
                        set_done(want);
                    }
                }
            }
            Ok(())
        })();
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        // The last progress, which ends the waits of whoever still waits.
        set_done(want);
        drop(rx);
        result
    })?;
    if let Some(st) = &mut store {
        st.commit_batch()?;
        if let Some(c) = writer.checkpoints.take() {
            c.finish();
        }
        st.checkpoint();
    }
    Ok(writer.summary)
}

/// Store one report already parsed (the pictures of `import --as-one-report`), through
/// the same writer as [`run`].
pub fn run_one(target: &Target, job: Job, opts: &Options, on_file: &mut dyn FnMut(&FileResult)) -> Result<Summary> {
    let mut store: Option<Store> = if target.path.exists() { Some(target.open()?) } else { None };
    let mut writer = Writer {
        target,
        opts,
        summary: Summary { files: 1, ..Summary::default() },
        batch: None,
        stored: 0,
        checkpoints: None,
        background_checkpoints: false,
    };
    writer.handle(job, &mut store, on_file)?;
    if let Some(st) = &mut store {
        st.commit_batch()?;
        st.checkpoint();
    }
    Ok(writer.summary)
}

/// The writer's side: counts and the open batch.
struct Writer<'a> {
    target: &'a Target,
    opts: &'a Options,
    summary: Summary,
    /// When the open batch began and how many reports it holds.
    batch: Option<(Instant, usize)>,
    /// Reports stored by this run.
    stored: usize,
    /// Checkpoints the log on a thread of its own; None before the database is opened,
    /// and for single reports.
    checkpoints: Option<Checkpointer>,
    /// Whether to start one when the database is opened (bulk imports: [`run`]).
    background_checkpoints: bool,
}

impl Writer<'_> {
    fn handle(&mut self, job: Job, store: &mut Option<Store>, on_file: &mut dyn FnMut(&FileResult)) -> Result<()> {
        let parsed = match job {
            Job::Failed { error, path } => {
                self.summary.failed += 1;
                on_file(&FileResult::failed(&path, &error));
                return Ok(());
            }
            Job::Known { path, sha256 } => {
                self.summary.unchanged += 1;
                let stored = match store.as_ref() {
                    Some(st) if self.opts.describe_known => st.report_by_sha256(&sha256)?,
                    _ => None,
                };
                on_file(&FileResult {
                    path,
                    status: Status::Unchanged,
                    report_id: stored.as_ref().map(|r| r.id),
                    agency: stored.as_ref().map(|r| r.agency.clone()),
                    year: stored.as_ref().map(|r| r.year),
                    format: stored.as_ref().map(|r| r.format.clone()),
                    cells: stored.as_ref().map(|r| r.cells),
                    figures: stored.as_ref().map(|r| r.figures),
                    checks_failed: None,
                    completeness: None,
                    error: None,
                    reason: None,
                });
                return Ok(());
            }
            Job::Parsed(p) => p,
        };
        let (tables, completeness) = (&parsed.derived.tables, parsed.derived.completeness);
        let whole = matches!(completeness, Completeness::Complete | Completeness::Pre2019);
        if self.opts.strict && !whole {
            self.summary.failed += 1;
            let missing: Vec<String> = tables
                .iter()
                .filter(|t| !t.missing.is_empty())
                .map(|t| format!("table {} {} of {}", t.table.numeral(), t.found, t.expected))
                .collect();
            let error = anyhow::anyhow!(
                "{}: {} report ({}); not imported (--strict)",
                parsed.path.display(),
                completeness.as_str(),
                missing.join(", ")
            );
            on_file(&FileResult::failed(&parsed.path, &error));
            return Ok(());
        }
        let st = match store {
            Some(s) => s,
            None => store.insert(self.target.open()?),
        };
        if self.background_checkpoints && self.checkpoints.is_none() {
            self.background_checkpoints = false;
            self.checkpoints = Checkpointer::start(&self.target.path, self.target.busy_timeout);
            if self.checkpoints.is_some() {
                // The checkpointer's turn now, not the commits'.
                st.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
            }
        }
        // Under a test hold, batches end by count alone, so where they end never depends
        // on how fast the machine is.
        let timed_out = |started: Instant| self.opts.hold.is_none() && started.elapsed() > BATCH_TIME;
        if self.batch.is_some_and(|(started, len)| len >= BATCH_REPORTS || timed_out(started)) {
            st.commit_batch()?;
            self.batch = None;
            if let Some(c) = &mut self.checkpoints {
                c.committed();
            }
        }
        if st.conn.is_autocommit() {
            if let Some(c) = &mut self.checkpoints {
                c.before_batch();
            }
            st.begin_batch()?;
            self.batch = Some((Instant::now(), 0));
        }
        if let Some((_, len)) = &mut self.batch {
            *len += 1;
        }
        let hold_in_savepoint = self.opts.hold == Some(Hold::InSavepoint(self.stored + 1));
        let result = if hold_in_savepoint {
            st.import_then(&parsed, self.opts.replace, || {
                hold(&format!("in the savepoint of report {}", self.stored + 1))
            })
        } else {
            st.import(&parsed, self.opts.replace)
        };
        let outcome = match result {
            Ok(o) => o,
            Err(e) => {
                self.summary.failed += 1;
                on_file(&FileResult::failed(&parsed.path, &e));
                return Ok(());
            }
        };
        match outcome {
            Outcome::Added(_) => self.summary.added += 1,
            Outcome::Replaced(_) => self.summary.replaced += 1,
            Outcome::Unchanged(_) => self.summary.unchanged += 1,
            Outcome::Duplicate { .. } => self.summary.duplicate += 1,
            Outcome::Conflict { .. } => self.summary.conflict += 1,
        }
        self.stored += 1;
        if !whole {
            self.summary.partial += 1;
        }
        on_file(&FileResult::stored(&parsed, completeness, &outcome));
        if self.opts.hold == Some(Hold::AfterCommit(self.stored)) {
            st.commit_batch()?;
            hold(&format!("after commit {}", self.stored));
        }
        if outcome.wrote() {
            st.keep_written(outcome.id(), parsed);
        }
        Ok(())
    }
}

/// The reading ahead of an import ([`crate::prefetch`]): once the files are cold, `ask`
/// for each file the parsers have not claimed yet, at most [`PREFETCH_WINDOW`] files ahead
/// of the writer (`done`, which it waits on, as the parsers do). Ends when every file is
/// written or asked for, or the import stops.
fn read_ahead(
    files: &[PathBuf],
    next: &AtomicUsize,
    done: &(Mutex<usize>, Condvar),
    stop: &AtomicBool,
    coldness: &Coldness,
    ask: &dyn Fn(&Path),
) {
    let mut i = 0;
    loop {
        {
            let mut written = done.0.lock().unwrap_or_else(|e| e.into_inner());
            loop {
                if stop.load(Ordering::Relaxed) || *written >= files.len() {
                    return;
                }
                // Files the parsers have claimed are being read already.
                i = i.max(next.load(Ordering::Relaxed));
                if i >= files.len() {
                    return;
                }
                if coldness.is_cold() && i < *written + PREFETCH_WINDOW {
                    break;
                }
                written = done.1.wait(written).unwrap_or_else(|e| e.into_inner());
            }
        }
        ask(&files[i]);
        i += 1;
    }
}

/// Lower the calling (parser) thread's scheduling priority a little, so that the writer,
/// the one thread every report passes through, runs whenever it has work: with as many
/// parsers as cores, three threads share two cores and a writer given only its fair share
/// would hold everything up. The parsers take whatever time the writer leaves.
fn yield_to_writer() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: plain system calls on this thread's own id; a failure leaves the priority
        // as it was.
        unsafe {
            let tid = libc::gettid() as libc::id_t;
            let now = libc::getpriority(libc::PRIO_PROCESS, tid);
            libc::setpriority(libc::PRIO_PROCESS, tid, (now + PARSER_NICENESS).min(19));
        }
    }
}

/// Say where the import stopped, then wait to be killed.
fn hold(what: &str) -> ! {
    eprintln!("xxgk: holding {what}");
    loop {
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file's result, and the cells stored, of an import with `prefetch`.
    fn import_with(prefetch: Prefetch, files: &[PathBuf], db: &Path) -> (Vec<String>, Vec<String>) {
        let target = Target { path: db.to_path_buf(), busy_timeout: Duration::from_secs(5) };
        let opts = Options { prefetch, jobs: 2, ..Options::default() };
        let mut results = Vec::new();
        let summary = run(&target, files, &opts, &mut |r: &FileResult| {
            let name = r.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            results.push(format!(
                "{name} {} {:?} {:?} {:?} {:?} {:?}",
                r.status.as_str(),
                r.report_id,
                r.agency,
                r.cells,
                r.checks_failed,
                r.error.as_ref().map(|e| e.contains(&name))
            ));
        })
        .unwrap();
        assert_eq!(summary.files, files.len());
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare("SELECT report_id, tbl, row_key, col_key, raw, value FROM cell_values ORDER BY 1, 2, 3, 4")
            .unwrap();
        let cells = stmt
            .query_map([], |r| {
                Ok(format!(
                    "{} {} {} {} {:?} {:?}",
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<f64>>(5)?
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<Vec<_>>>()
            .unwrap();
        (results, cells)
    }

    /// Reading ahead changes when files are read, never what is stored: the same results
    /// and cells with it from the first file as without it, failures included. More files
    /// than the parsers' window, and a count that is no multiple of [`PROGRESS_EVERY`],
    /// so that the parsers wait for the writer's progress and the last of it is told.
    #[test]
    fn reading_ahead_stores_the_same() {
        let sample =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zibo-psb-2020.txt")).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for i in 0..150 {
            let p = dir.path().join(format!("r{i:03}.txt"));
            std::fs::write(&p, sample.replacen("淄博市公安局2020年", &format!("测试{i}号淄博市公安局2020年"), 1))
                .unwrap();
            files.push(p);
        }
        // A file that is gone by the time it is read, a directory, and a copy.
        files.insert(7, dir.path().join("gone.txt"));
        files.insert(20, dir.path().to_path_buf());
        files.push(files[3].clone());
        let never = import_with(Prefetch::Never, &files, &dir.path().join("never.db"));
        let always = import_with(Prefetch::Always, &files, &dir.path().join("always.db"));
        assert_eq!(never.0.len(), files.len());
        assert!(files.len() > WINDOW + PROGRESS_EVERY && files.len() % PROGRESS_EVERY != 0);
        assert_eq!(never.0.iter().filter(|r| r.contains(" added ")).count(), 150, "{:?}", never.0);
        assert_eq!(never.0.iter().filter(|r| r.contains(" failed ")).count(), 2, "{:?}", never.0);
        assert!(never.1.len() > 150 * 150, "{} cells", never.1.len());
        assert_eq!(always, never);
    }

    /// What the reading ahead asks for: nothing once every file is written or the import
    /// has stopped; else, once cold, each file from the parsers' next one on, in order.
    #[test]
    fn reading_ahead_asks_for_the_files_not_yet_claimed() {
        let files: Vec<PathBuf> = (0..40).map(|i| PathBuf::from(format!("r{i}.txt"))).collect();
        let asked = |written: usize, claimed: usize, stopped: bool| {
            let got = std::cell::RefCell::new(Vec::new());
            let (next, done, stop) =
                (AtomicUsize::new(claimed), (Mutex::new(written), Condvar::new()), AtomicBool::new(stopped));
            read_ahead(&files, &next, &done, &stop, &Coldness::cold(), &|p: &Path| {
                got.borrow_mut().push(p.to_string_lossy().to_string())
            });
            got.into_inner()
        };
        let names = |r: std::ops::Range<usize>| r.map(|i| format!("r{i}.txt")).collect::<Vec<_>>();
        assert_eq!(asked(0, 0, false), names(0..40));
        assert_eq!(asked(3, 7, false), names(7..40));
        assert_eq!(asked(40, 0, false), names(0..0));
        assert_eq!(asked(0, 0, true), names(0..0));
        assert_eq!(asked(0, 40, false), names(0..0));
    }
}
