//! The SQLite store: opening (with schema versioning) and writing one report at a time.
//!
//! `schema.sql` is embedded and applied when a database is created; its version is kept
//! in `PRAGMA user_version`. A database written by a newer xxgk is refused. Every report
//! is written in one transaction: it is either wholly present (report, cells, checks,
//! claims) or absent.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension};

use crate::import::Parsed;

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 2;
/// The schema itself.
pub const SCHEMA_SQL: &str = include_str!("../schema.sql");

/// Forward migrations: `MIGRATIONS[i]` takes a database from version `i + 1` to `i + 2`.
/// They run in one transaction with foreign keys off (see [`migrate`]), so a step may
/// rebuild a table that others reference.
const MIGRATIONS: &[&str] = &[MIGRATE_V1_TO_V2];

/// v1 → v2: `reports.source_format` also accepts `'doc'` (Word 97 `.doc` and WPS `.wps`).
///
/// SQLite cannot alter a CHECK constraint, so `reports` is rebuilt as SQLite documents
/// for schema changes ALTER TABLE cannot make: a new table with the new constraint, every
/// row copied (same `report_id`s), the old table dropped, the new one renamed, its indexes
/// made again. Foreign keys are off meanwhile, so the drop does not cascade to `cells`,
/// `check_results`, `claims` and `report_metrics`: their `REFERENCES reports` name the
/// table, and name the new one after the rename. `legacy_alter_table` keeps the rename
/// from re-checking the views, which refer to `reports` by name too and need no change.
/// Self-contained: it names every column of v1's `reports`, not whatever `schema.sql`
/// says today; placed after a migration that adds columns to `reports`, it must name
/// those too (tests/schema_migration.rs compares the upgraded structure with a fresh one).
const MIGRATE_V1_TO_V2: &str = "
PRAGMA legacy_alter_table = ON;
CREATE TABLE reports_v2 (
    report_id            INTEGER PRIMARY KEY,
    agency_id            INTEGER NOT NULL REFERENCES agencies (agency_id),
    agency               TEXT    NOT NULL,
    year                 INTEGER NOT NULL,
    title                TEXT,
    source_path          TEXT    NOT NULL,
    source_sha256        TEXT    NOT NULL,
    source_format        TEXT    NOT NULL CHECK (source_format IN ('text', 'html', 'docx', 'pdf', 'doc')),
    proactive_version    TEXT,
    applications_version TEXT,
    appeals_version      TEXT,
    notes                TEXT    NOT NULL DEFAULT '[]',
    imported_at          TEXT    NOT NULL,
    UNIQUE (agency_id, year)
);
INSERT INTO reports_v2 (report_id, agency_id, agency, year, title, source_path, source_sha256, source_format,
                        proactive_version, applications_version, appeals_version, notes, imported_at)
SELECT report_id, agency_id, agency, year, title, source_path, source_sha256, source_format,
       proactive_version, applications_version, appeals_version, notes, imported_at
FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v2 RENAME TO reports;
CREATE INDEX IF NOT EXISTS reports_by_agency_year ON reports (agency, year);
CREATE INDEX IF NOT EXISTS reports_by_year ON reports (year);
CREATE INDEX IF NOT EXISTS reports_by_sha256 ON reports (source_sha256);
PRAGMA legacy_alter_table = OFF;
";

/// How a database is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Queries only; the file must exist.
    ReadOnly,
    /// Imports; the file is created if missing.
    ReadWrite,
}

/// How long a connection waits for another process's lock before giving up, unless told
/// otherwise (`--busy-timeout`, `XXGK_BUSY_TIMEOUT_MS`).
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open xxgk database.
pub struct Store {
    pub conn: Connection,
    /// The file, for messages.
    path: PathBuf,
    /// How long this connection waits for another process's lock.
    busy_timeout: Duration,
}

/// A report already in the database, as `import` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredReport {
    pub id: i64,
    pub agency: String,
    pub year: i32,
    pub format: String,
    pub cells: i64,
}

/// What importing one parsed report did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A new report.
    Added(i64),
    /// The same file (same sha256) was already in for this agency and year: nothing changed.
    Unchanged(i64),
    /// Another file for the same agency and year was replaced (with `--replace`).
    Replaced(i64),
}

impl Outcome {
    /// The word printed for this outcome.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Added(_) => "added",
            Outcome::Unchanged(_) => "unchanged",
            Outcome::Replaced(_) => "replaced",
        }
    }

    /// The report's id.
    pub fn id(&self) -> i64 {
        match self {
            Outcome::Added(id) | Outcome::Unchanged(id) | Outcome::Replaced(id) => *id,
        }
    }
}

impl Store {
    /// Open (or, for [`Access::ReadWrite`], create) the database at `path`, waiting up to
    /// [`DEFAULT_BUSY_TIMEOUT`] for other processes' locks.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        Store::open_with(path, access, DEFAULT_BUSY_TIMEOUT)
    }

    /// Open the database at `path`, waiting up to `busy_timeout` whenever another process
    /// holds a lock this connection needs.
    pub fn open_with(path: &Path, access: Access, busy_timeout: Duration) -> Result<Store> {
        let conn = match access {
            Access::ReadOnly => {
                if !path.exists() {
                    bail!("no database at {} (import reports first, or pass --db)", path.display());
                }
                Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            }
            Access::ReadWrite => Connection::open(path),
        }
        .with_context(|| format!("cannot open database {}", path.display()))?;
        conn.busy_timeout(busy_timeout)?;
        register_functions(&conn)?;
        // Multi-row inserts prepare one statement per row count; keep them all.
        conn.set_prepared_statement_cache_capacity(128);
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .with_context(|| format!("{} is not an xxgk database (not SQLite, or damaged)", path.display()))?;
        if version > SCHEMA_VERSION {
            bail!(
                "{} was written by a newer xxgk (schema version {version}; this build knows {SCHEMA_VERSION}); upgrade xxgk",
                path.display()
            );
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if access == Access::ReadWrite {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| locked(e, path, busy_timeout))
                .with_context(|| format!("cannot write to database {}", path.display()))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // Savepoint journals in memory: one per report in a batch.
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            // A larger page cache for bulk imports (32 MiB).
            conn.pragma_update(None, "cache_size", -32768)?;
            migrate(&conn, version)
                .map_err(|e| match e.downcast::<rusqlite::Error>() {
                    Ok(e) => locked(e, path, busy_timeout),
                    Err(e) => e,
                })
                .with_context(|| format!("cannot set up database {}", path.display()))?;
        } else if version == 0 && !has_table(&conn, "reports")? {
            bail!("{} is not an xxgk database", path.display());
        }
        Ok(Store { conn, path: path.to_path_buf(), busy_timeout })
    }

    /// Write one parsed report (all or nothing). Inside a batch ([`Store::begin_batch`])
    /// the report is a savepoint of the batch's transaction; otherwise its own transaction.
    pub fn import(&mut self, parsed: &Parsed, replace: bool) -> Result<Outcome> {
        cached_exec(&self.conn, "SAVEPOINT report", [])?;
        match write_report(&self.conn, parsed, replace) {
            Ok(outcome) => {
                cached_exec(&self.conn, "RELEASE report", [])?;
                Ok(outcome)
            }
            Err(e) => {
                // Undo this report only; an open batch keeps the reports before it.
                cached_exec(&self.conn, "ROLLBACK TO report", [])?;
                cached_exec(&self.conn, "RELEASE report", [])?;
                Err(e)
            }
        }
    }

    /// Start a batch: reports written until [`Store::commit_batch`] share one transaction,
    /// which makes bulk imports many times faster. A crash loses the uncommitted batch
    /// whole, never part of a report.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock at once (waiting up to the busy timeout for
    /// another writer's batch), so a batch never fails halfway on a lock it cannot upgrade.
    pub fn begin_batch(&mut self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| locked(e, &self.path, self.busy_timeout))
            .with_context(|| format!("cannot write to database {}", self.path.display()))
    }

    /// Commit the current batch, if one is open.
    pub fn commit_batch(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("COMMIT")?;
        }
        Ok(())
    }

    /// Fold the write-ahead log back into the database file after a bulk import, so the
    /// directory holds one file of the database's real size. Best effort: a reader
    /// holding the log open just leaves it for later.
    pub fn checkpoint(&mut self) {
        let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// The sha256 of every imported file, for skipping known files without parsing them.
    pub fn known_sha256(&self) -> Result<std::collections::HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT source_sha256 FROM reports")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The report imported from a file with this sha256, if any.
    pub fn report_by_sha256(&self, sha256: &str) -> Result<Option<StoredReport>> {
        Ok(self
            .conn
            .query_row(
                "SELECT r.report_id, r.agency, r.year, r.source_format, (SELECT count(*) FROM cells c WHERE c.report_id = r.report_id)
                 FROM reports r WHERE r.source_sha256 = ?1 ORDER BY r.report_id LIMIT 1",
                [sha256],
                |r| Ok(StoredReport { id: r.get(0)?, agency: r.get(1)?, year: r.get(2)?, format: r.get(3)?, cells: r.get(4)? }),
            )
            .optional()?)
    }
}

/// A lock error said plainly: which file, and how long xxgk waited. Other errors pass.
fn locked(e: rusqlite::Error, path: &Path, waited: Duration) -> anyhow::Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => anyhow::anyhow!(
            "database is locked: another process held {} for more than {} ms (wait longer with --busy-timeout)",
            path.display(),
            waited.as_millis()
        ),
        _ => e.into(),
    }
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [name], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Bring the schema to [`SCHEMA_VERSION`]. Another process may be creating or migrating
/// the same file at this moment (two imports into a new database), so the version seen at
/// open is only a hint: the write lock is taken first and the version read again under it.
fn migrate(conn: &Connection, seen: i64) -> Result<()> {
    if seen == SCHEMA_VERSION {
        return Ok(());
    }
    // Foreign keys off while migrating (SQLite ignores the pragma inside a transaction,
    // so before BEGIN): a step may rebuild a referenced table without cascading deletes.
    // `foreign_key_check` below verifies the result before it is committed.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<()> {
        let from: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if from == SCHEMA_VERSION {
            return Ok(());
        }
        if from > SCHEMA_VERSION {
            bail!("written by a newer xxgk (schema version {from}; this build knows {SCHEMA_VERSION}); upgrade xxgk");
        }
        if from == 0 {
            if has_table(conn, "sqlite_sequence")? || conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))? > 0 && !has_table(conn, "reports")? {
                bail!("the file is a SQLite database of something else (it has tables but no xxgk schema)");
            }
            conn.execute_batch(&format!("{SCHEMA_SQL}\nPRAGMA user_version = {SCHEMA_VERSION};"))?;
            return Ok(());
        }
        for (i, step) in MIGRATIONS.iter().enumerate().skip((from - 1) as usize) {
            conn.execute_batch(&format!("{step}\nPRAGMA user_version = {};", i + 2))?;
        }
        let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            bail!("migrating the schema would leave {broken} rows pointing at missing rows; nothing was changed");
        }
        Ok(())
    })();
    let result = match result {
        Ok(()) => conn.execute_batch("COMMIT").map_err(anyhow::Error::from),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    };
    conn.pragma_update(None, "foreign_keys", "ON")?;
    result
}

fn write_report(tx: &Connection, parsed: &Parsed, replace: bool) -> Result<Outcome> {
    let report = &parsed.report;
    let agency = report.agency.as_deref().context("the report has no agency")?;
    let year = report.year.context("the report has no year")?;
    let agency_id = agency_id(tx, agency)?;
    let existing: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT report_id, source_sha256, source_path FROM reports WHERE agency_id = ?1 AND year = ?2",
            params![agency_id, year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let replaced = match existing {
        Some((id, sha, _)) if sha == parsed.sha256 && !replace => return Ok(Outcome::Unchanged(id)),
        Some((_, _, path)) if !replace => bail!(
            "{agency} {year} is already in the database from another file ({path}); pass --replace to replace it"
        ),
        Some((id, _, _)) => {
            cached_exec(tx, "DELETE FROM reports WHERE report_id = ?1", [id])?;
            true
        }
        None => false,
    };
    let notes = serde_json::to_string(&report.notes)?;
    cached_exec(tx, 
        "INSERT INTO reports (agency, year, title, source_path, source_sha256, source_format,
            proactive_version, applications_version, appeals_version, notes, imported_at, agency_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            agency,
            year,
            report.title,
            parsed.path.display().to_string(),
            parsed.sha256,
            parsed.format.as_str(),
            report.versions.proactive,
            report.versions.applications,
            report.versions.appeals,
            notes,
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            agency_id,
        ],
    )?;
    let id = tx.last_insert_rowid();
    // In key order: the rows then append at the right edge of the cells b-tree.
    let mut sorted: Vec<&crate::report::CellValue> = report.cells.iter().collect();
    sorted.sort_by(|a, b| (a.tbl, &a.row, &a.col).cmp(&(b.tbl, &b.row, &b.col)));
    let cells: Vec<Vec<Value>> = sorted
        .into_iter()
        .map(|c| {
            vec![
                id.into(),
                c.tbl.to_string().into(),
                c.row.clone().into(),
                c.col.clone().into(),
                c.raw.clone().into(),
                c.value.into(),
                c.state.as_str().to_string().into(),
                c.unit.clone().into(),
            ]
        })
        .collect();
    insert_rows(tx, "cells (report_id, tbl, row_key, col_key, raw, value, state, unit)", &cells)?;
    let checks: Vec<Vec<Value>> = parsed
        .checks
        .iter()
        .map(|k| {
            vec![
                id.into(),
                k.rule.to_string().into(),
                k.scope.clone().into(),
                k.lhs.into(),
                k.rhs.into(),
                k.status.as_str().to_string().into(),
                k.detail.clone().into(),
            ]
        })
        .collect();
    insert_rows(tx, "check_results (report_id, rule, scope, lhs, rhs, status, detail)", &checks)?;
    let claims: Vec<Vec<Value>> = report
        .claims
        .iter()
        .map(|c| {
            vec![
                id.into(),
                c.text.clone().into(),
                c.subject.clone().into(),
                c.value.into(),
                c.change_pct.into(),
                c.change_abs.into(),
                c.implied_previous.into(),
            ]
        })
        .collect();
    insert_rows(
        tx,
        "claims (report_id, text, subject, stated_value, stated_change_pct, stated_change_abs, implied_previous)",
        &claims,
    )?;
    cross_year_checks(tx, agency_id, year)?;
    let mut metrics = Vec::new();
    for m in crate::metrics::CATALOG {
        let value = m.compute(report);
        let (num, den) = match (value, m.parts(report)) {
            (Some(_), Some((n, d))) => (Some(n), d),
            _ => (None, None),
        };
        if value.is_some() || m.is_ratio() && num.is_some() {
            metrics.push(vec![id.into(), m.name.to_string().into(), value.into(), num.into(), den.into()]);
        }
    }
    insert_rows(tx, "report_metrics (report_id, metric, value, numerator, denominator)", &metrics)?;
    Ok(if replaced { Outcome::Replaced(id) } else { Outcome::Added(id) })
}

/// Insert rows with multi-row `INSERT … VALUES (…), (…)` statements: one statement per
/// 250 rows instead of one per row.
fn insert_rows(conn: &Connection, target: &str, rows: &[Vec<Value>]) -> Result<()> {
    const CHUNK: usize = 250;
    for chunk in rows.chunks(CHUNK) {
        let width = chunk[0].len();
        let one = format!("({})", vec!["?"; width].join(","));
        let sql = format!("INSERT INTO {target} VALUES {}", vec![one.as_str(); chunk.len()].join(","));
        let mut stmt = conn.prepare_cached(&sql)?;
        stmt.execute(params_from_iter(chunk.iter().flatten()))?;
    }
    Ok(())
}

/// Run the cross-year rules between this agency's report of `year` and its neighbours
/// (R5: carried_over(N) = carry_forward(N−1) per column; R6: 2021 table 二 in_force(N) =
/// in_force(N−1) + issued(N) − repealed(N), a warning since reorganisations break it).
/// Results are stored on the later report, with the earlier one as `other_report_id`,
/// and replaced whenever either report is imported again.
pub fn cross_year_checks(conn: &Connection, agency_id: i64, year: i32) -> Result<()> {
    let id_of = |y: i32| -> Result<Option<i64>> {
        Ok(conn
            .query_row("SELECT report_id FROM reports WHERE agency_id = ?1 AND year = ?2", params![agency_id, y], |r| r.get(0))
            .optional()?)
    };
    for (earlier, later) in [(year - 1, year), (year, year + 1)] {
        let (Some(prev), Some(next)) = (id_of(earlier)?, id_of(later)?) else { continue };
        cached_exec(conn, 
            "DELETE FROM check_results WHERE report_id = ?1 AND other_report_id = ?2 AND rule IN ('R5', 'R6')",
            params![next, prev],
        )?;
        let value = |id: i64, tbl: &str, row: &str, col: &str| -> Result<Option<f64>> {
            Ok(conn
                .query_row(
                    "SELECT value FROM cells WHERE report_id = ?1 AND tbl = ?2 AND row_key = ?3 AND col_key = ?4",
                    params![id, tbl, row, col],
                    |r| r.get::<_, Option<f64>>(0),
                )
                .optional()?
                .flatten())
        };
        let mut results = Vec::new();
        for col in crate::template::APPLICATION_COLS {
            let lhs = value(next, "applications", "carried_over", col)?;
            let rhs = value(prev, "applications", "carry_forward", col)?;
            let (status, detail) = match (lhs, rhs) {
                (Some(a), Some(b)) if (a - b).abs() < 1e-6 => ("pass", format!("carried_over {later} = carry_forward {earlier} = {}", crate::checks::fmt(a))),
                (Some(a), Some(b)) => ("fail", format!("carried_over {later} is {}, carry_forward {earlier} was {}", crate::checks::fmt(a), crate::checks::fmt(b))),
                _ => ("not_assessable", format!("carried_over {later} or carry_forward {earlier} is blank or missing")),
            };
            results.push(("R5", col.to_string(), lhs, rhs, status, detail));
        }
        let versions: (Option<String>, Option<String>) = cached_row(conn, 
            "SELECT (SELECT proactive_version FROM reports WHERE report_id = ?1), (SELECT proactive_version FROM reports WHERE report_id = ?2)",
            params![prev, next],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if versions.0.as_deref() == Some("2021") && versions.1.as_deref() == Some("2021") {
            for row in ["rules", "normative_docs"] {
                let lhs = value(next, "proactive", row, "in_force")?;
                let parts = (value(prev, "proactive", row, "in_force")?, value(next, "proactive", row, "issued")?, value(next, "proactive", row, "repealed")?);
                let rhs = match parts {
                    (Some(a), Some(b), Some(c)) => Some(a + b - c),
                    _ => None,
                };
                let (status, detail) = match (lhs, rhs) {
                    (Some(a), Some(b)) if (a - b).abs() < 1e-6 => ("pass", format!("{row}: in_force {later} = {}", crate::checks::fmt(a))),
                    (Some(a), Some(b)) => ("fail", format!("warning, {row}: in_force {later} is {}, {earlier}'s stock + issued − repealed gives {} (a reorganisation can explain it)", crate::checks::fmt(a), crate::checks::fmt(b))),
                    _ => ("not_assessable", format!("{row}: a cell is blank or missing")),
                };
                results.push(("R6", row.to_string(), lhs, rhs, status, detail));
            }
        }
        let rows: Vec<Vec<Value>> = results
            .into_iter()
            .map(|(rule, scope, lhs, rhs, status, detail)| {
                vec![next.into(), rule.to_string().into(), scope.into(), lhs.into(), rhs.into(), status.to_string().into(), detail.into(), prev.into()]
            })
            .collect();
        insert_rows(conn, "check_results (report_id, rule, scope, lhs, rhs, status, detail, other_report_id)", &rows)?;
    }
    Ok(())
}

/// The agency a printed name belongs to, created if new.
///
/// A known name (any alias) is its agency. Otherwise a name that resolves to the same
/// region as an existing agency and differs from one of its names only by a parent
/// division's prefix joins that agency (and the fuller name becomes canonical).
fn agency_id(conn: &Connection, name: &str) -> Result<i64> {
    if let Some(id) = conn
        .query_row("SELECT agency_id FROM agency_aliases WHERE alias = ?1", [name], |r| r.get(0))
        .optional()?
    {
        return Ok(id);
    }
    let region = crate::agency::resolve_region(name);
    if let Some(region) = &region {
        // Only names of which one ends with the other can differ by a prefix alone.
        let mut stmt = conn.prepare_cached(
            "SELECT l.agency_id, l.alias, a.name FROM agency_aliases l JOIN agencies a USING (agency_id)
             WHERE a.region_code = ?1 AND (substr(?2, -length(l.alias)) = l.alias OR substr(l.alias, -length(?2)) = ?2)",
        )?;
        let candidates: Vec<(i64, String, String)> = stmt
            .query_map(params![region.code, name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some((id, _, canonical)) = candidates.into_iter().find(|(_, alias, _)| crate::agency::same_agency(name, alias)) {
            cached_exec(conn, "INSERT INTO agency_aliases (alias, agency_id, source) VALUES (?1, ?2, 'prefix')", params![name, id])?;
            if name.chars().count() > canonical.chars().count() {
                cached_exec(conn, "UPDATE agencies SET name = ?1 WHERE agency_id = ?2", params![name, id])?;
            }
            return Ok(id);
        }
    }
    let kind = crate::agency::resolve_kind(name);
    cached_exec(conn, 
        "INSERT INTO agencies (name, region_code, province, city, county, kind, kind_name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            name,
            region.as_ref().map(|r| r.code.clone()),
            region.as_ref().map(|r| r.province.clone()),
            region.as_ref().and_then(|r| r.city.clone()),
            region.as_ref().and_then(|r| r.county.clone()),
            kind.map(|k| k.slug),
            kind.map(|k| k.name),
        ],
    )?;
    let id = conn.last_insert_rowid();
    cached_exec(conn, "INSERT INTO agency_aliases (alias, agency_id, source) VALUES (?1, ?2, 'report')", params![name, id])?;
    Ok(id)
}

/// Record `alias` as a name of the agency called `canonical` (an alias or canonical
/// name). If `alias` is already an agency with reports of its own, they move over;
/// a year both have is an error and nothing changes.
pub fn record_alias(store: &mut Store, alias: &str, canonical: &str) -> Result<()> {
    let tx = store.conn.transaction()?;
    let target: i64 = tx
        .query_row("SELECT agency_id FROM agency_aliases WHERE alias = ?1", [canonical], |r| r.get(0))
        .optional()?
        .with_context(|| format!("no agency called {canonical}"))?;
    let source: Option<i64> =
        tx.query_row("SELECT agency_id FROM agency_aliases WHERE alias = ?1", [alias], |r| r.get(0)).optional()?;
    match source {
        Some(id) if id == target => {}
        Some(id) => {
            let clash: Vec<i32> = tx
                .prepare("SELECT a.year FROM reports a JOIN reports b ON a.year = b.year WHERE a.agency_id = ?1 AND b.agency_id = ?2")?
                .query_map(params![id, target], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if !clash.is_empty() {
                bail!("both {alias} and {canonical} have reports for {clash:?}; remove one first (xxgk import --replace)");
            }
            tx.execute("UPDATE reports SET agency_id = ?1 WHERE agency_id = ?2", params![target, id])?;
            tx.execute("UPDATE agency_aliases SET agency_id = ?1, source = 'manual' WHERE agency_id = ?2", params![target, id])?;
            tx.execute("DELETE FROM agencies WHERE agency_id = ?1", [id])?;
            let years: Vec<i32> = tx
                .prepare("SELECT year FROM reports WHERE agency_id = ?1")?
                .query_map([target], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for y in years {
                cross_year_checks(&tx, target, y)?;
            }
        }
        None => {
            tx.execute("INSERT INTO agency_aliases (alias, agency_id, source) VALUES (?1, ?2, 'manual')", params![alias, target])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// SQL functions xxgk's queries use: `xxgk_regexp(pattern, text)`, true when the regular
/// expression matches (the compiled pattern is cached per statement).
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function("xxgk_regexp", 2, FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        let re: std::sync::Arc<regex::Regex> = ctx.get_or_create_aux(0, |v| -> Result<regex::Regex, Box<dyn std::error::Error + Send + Sync>> {
            Ok(regex::Regex::new(v.as_str()?)?)
        })?;
        let text = ctx.get_raw(1).as_str().unwrap_or("");
        Ok(re.is_match(text))
    })?;
    Ok(())
}

/// `query_row` through the statement cache (the write path runs these per report).
fn cached_row<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(params, f)
}

/// `execute` through the statement cache.
fn cached_exec<P: rusqlite::Params>(conn: &Connection, sql: &str, params: P) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}
