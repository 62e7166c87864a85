//! The SQLite store: opening (with schema versioning) and writing one report at a time.
//!
//! `schema.sql` is embedded and applied when a database is created; its version is kept
//! in `PRAGMA user_version`. A database written by a newer xxgk is refused; an older one
//! is brought forward by [`MIGRATIONS`] when it is opened. Every report is written in one
//! transaction: it is either wholly present (report, cells or pre-2019 figures, checks,
//! claims, metrics) or absent.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OpenFlags, OptionalExtension};

use crate::bulk::{Binder, Inserts};
use xxgk_core::checks::{self, pre2019::YearFigures, CheckResult, Status as CheckStatus};
use xxgk_core::figures::{Era, Figure, FigureSource, Role, CUMULATIVE};
use xxgk_core::parse::Parsed;
use xxgk_core::report::{CellValue, Claim, Completeness, Placement, Report, State, Versions};
use xxgk_core::template::{self, Rule, Table, Version};

/// The schema this build writes.
pub const SCHEMA_VERSION: i64 = 12;
/// The schema itself.
pub const SCHEMA_SQL: &str = include_str!("../../../schema.sql");

/// Forward migrations: `MIGRATIONS[i]` takes a database from version `i + 1` to `i + 2`.
/// Each leaves the database as `schema.sql` of its version creates it (same columns in the
/// same order, same indexes and views); after the last one `schema.sql` itself is applied
/// (every statement is `IF NOT EXISTS`), which creates the tables and views a migration
/// dropped or did not spell out. They run in one transaction with foreign keys off (see
/// `migrate`), so a step may rebuild a table that others reference. Two marker lines in
/// a step are expanded when it runs: `-- xxgk: schema.sql` runs `schema.sql` there (it
/// creates what the step's version adds and leaves the rest), and `-- xxgk: dimensions`
/// numbers the template's cells and the metrics ([`sync_dimensions`]); `-- xxgk: checks`
/// spells out the CHECKs of every table (`spell_out_checks`); `-- xxgk: regions` works out
/// every agency's region again from its name (`resolve_regions`); `-- xxgk: source format
/// NAME` lets `reports.source_format` hold NAME (`allow_source_format`).
pub const MIGRATIONS: &[&str] = &[
    MIGRATION_2_PRE2019,
    MIGRATION_3_COMPLETENESS,
    MIGRATION_4_DOC,
    MIGRATION_5_ANALYSTS,
    MIGRATION_6_OCR,
    MIGRATION_7_STORAGE,
    MIGRATION_8_CHECKS,
    MIGRATION_9_REGIONS,
    MIGRATION_10_AGENCY_ORDER,
    MIGRATION_11_RTF,
    MIGRATION_12_OFD,
];

/// Version 11 → 12 (OFD documents): `reports.source_format` allows `'ofd'`, rewritten in
/// place as version 11's step does.
const MIGRATION_12_OFD: &str = "
-- xxgk: source format ofd
";

/// Version 10 → 11 (RTF documents): `reports.source_format` allows `'rtf'`. Only the
/// CHECK's text changes, so the table is not rebuilt: its definition is rewritten in place
/// as version 8's step does ([`allow_source_format`]).
const MIGRATION_11_RTF: &str = "
-- xxgk: source format rtf
";

/// Version 9 → 10 (speed of `xxgk agencies`): the index `agencies_in_place_order`, which
/// holds the agencies in the order the command lists them with every column it shows, so
/// that they are read in order instead of sorted. Nothing else changes; `schema.sql`, run
/// after the steps, creates the index.
const MIGRATION_10_AGENCY_ORDER: &str = "";

/// Version 8 → 9 (data only; no table, view or index changes): every agency's region is
/// worked out again from its name. Up to version 8 a name that starts with a place's short
/// form was placed there whatever followed, so 中山大学 (in 广州市) stood under 中山市;
/// now a short form counts only in the name of an agency of a known kind
/// ([`xxgk_core::agency::resolve_region`]). Agencies whose region does not change are
/// not written.
const MIGRATION_9_REGIONS: &str = "
-- xxgk: regions
";

/// Version 7 → 8 (speed of the import): every CHECK of the form `col IN ('a', 'b', …)`
/// becomes `col = 'a' OR col = 'b' …`, which allows exactly the same values (a NULL too).
/// SQLite builds a temporary index for an IN list of more than two values each time an
/// INSERT runs: the import's writer spent about a tenth of its time on them.
///
/// Only the text of the CHECKs changes, not what the tables store or how, so the tables
/// are not rebuilt: their definitions in `sqlite_schema` are rewritten in place, as
/// SQLite's documentation describes for changing a constraint the rows already satisfy
/// (<https://sqlite.org/lang_altertable.html#otheralter>).
const MIGRATION_8_CHECKS: &str = "
-- xxgk: checks
";

/// Version 6 → 7 (storage for speed and size; every view reads as before):
///
/// - The table `cells` becomes `cell_data`, keyed by one integer, report_id × 1024 + the
///   cell's number in the new dimension table `template_cells`; the state and the
///   placement are codes (state 0 number, 1 blank, 2 na, 3 text; placement 0 exact,
///   1 aligned, 2 arithmetic, 3 assumed); `ocr_confidence` and `ocr_raw` come along. Cells
///   outside the template (`extra:` rows of table 二) move to `extra_cells`. `cells`
///   becomes a view with the old columns.
/// - `report_metrics` (keyed by metric, report_id, with an index by report) becomes
///   `metric_data`, keyed by metric_id × 2^32 + report_id, with the dimension tables
///   `metric_names` and `metric_sources`; `report_metrics` becomes a view with the old
///   columns.
/// - `check_runs` counts the passes of the runs of rules imported from now on (view
///   `check_passes`); the rows of `check_results` stay as they are (passes included), and
///   `check_summary` adds up both.
/// - Indexes for the analyses: `reports_by_year` covers the agency (year, agency_id);
///   `claims_with_change` holds the claims that state a change, by subject and report.
/// - The trigger `reports_delete` deletes a report's cells and metrics with it; the views
///   `cell_values`, `report_applications`, `report_proactive`, `report_appeals` and
///   `metric_values` read the new tables (dropped here, made again from `schema.sql`).
///
/// Cells and metrics are copied in key order and the old tables dropped (the file keeps
/// its size until `VACUUM`).
const MIGRATION_7_STORAGE: &str = "
PRAGMA legacy_alter_table = ON;
DROP VIEW IF EXISTS cell_values;
DROP VIEW IF EXISTS report_applications;
DROP VIEW IF EXISTS report_proactive;
DROP VIEW IF EXISTS report_appeals;
DROP VIEW IF EXISTS metric_values;
DROP VIEW IF EXISTS check_summary;
DROP INDEX IF EXISTS reports_by_year;
DROP INDEX IF EXISTS cells_by_report;
DROP INDEX IF EXISTS report_metrics_by_report;
ALTER TABLE cells RENAME TO cells_v6;
ALTER TABLE report_metrics RENAME TO report_metrics_v6;
PRAGMA legacy_alter_table = OFF;
-- xxgk: schema.sql
-- xxgk: dimensions
INSERT INTO cell_data (cell_key, raw, value, state, unit, placement, ocr_confidence, ocr_raw)
SELECT c.report_id * 1024 + t.cell_id, c.raw, c.value,
       CASE c.state WHEN 'number' THEN 0 WHEN 'blank' THEN 1 WHEN 'na' THEN 2 ELSE 3 END, c.unit,
       CASE c.placement WHEN 'aligned' THEN 1 WHEN 'arithmetic' THEN 2 WHEN 'assumed' THEN 3 ELSE 0 END,
       c.ocr_confidence, c.ocr_raw
FROM cells_v6 c JOIN template_cells t ON t.tbl = c.tbl AND t.row_key = c.row_key AND t.col_key = c.col_key
ORDER BY 1;
INSERT INTO extra_cells (report_id, tbl, row_key, col_key, raw, value, state, unit, placement, ocr_confidence, ocr_raw)
SELECT c.report_id, c.tbl, c.row_key, c.col_key, c.raw, c.value,
       CASE c.state WHEN 'number' THEN 0 WHEN 'blank' THEN 1 WHEN 'na' THEN 2 ELSE 3 END, c.unit,
       CASE c.placement WHEN 'aligned' THEN 1 WHEN 'arithmetic' THEN 2 WHEN 'assumed' THEN 3 ELSE 0 END,
       c.ocr_confidence, c.ocr_raw
FROM cells_v6 c
WHERE NOT EXISTS (SELECT 1 FROM template_cells t WHERE t.tbl = c.tbl AND t.row_key = c.row_key AND t.col_key = c.col_key)
ORDER BY c.rowid;
DROP TABLE cells_v6;
INSERT OR IGNORE INTO metric_names (metric) SELECT DISTINCT metric FROM report_metrics_v6 ORDER BY metric;
INSERT OR IGNORE INTO metric_sources (source) SELECT DISTINCT source FROM report_metrics_v6 WHERE source IS NOT NULL ORDER BY source;
INSERT INTO metric_data (metric_key, value, numerator, denominator, source_id, unit)
SELECT n.metric_id * 4294967296 + m.report_id, m.value, m.numerator, m.denominator, s.source_id, m.unit
FROM report_metrics_v6 m JOIN metric_names n ON n.metric = m.metric LEFT JOIN metric_sources s ON s.source = m.source
ORDER BY 1;
DROP TABLE report_metrics_v6;
";

/// Version 5 → 6 (OCR): reports may be pictures (`reports.source_format` also accepts
/// `'image'`) and say how many pages were read by OCR (`reports.ocr_pages`); cells keep
/// their OCR confidence and readings (`cells.ocr_confidence`, `cells.ocr_raw`), both NULL
/// for every cell stored before (read from text). `cell_values` shows `ocr_confidence`
/// last.
///
/// The CHECK is widened as version 4 did it: `reports` rebuilt with every column of
/// version 5's `reports` in `schema.sql`'s order plus `ocr_pages` at the end, rows copied
/// with their `report_id`s, the old table dropped (foreign keys are off: nothing cascades),
/// the new one renamed and its indexes made again. `cells` is an ordinary rowid table
/// since version 5, so its columns are added in place. The view is dropped here and made
/// again from `schema.sql` after the last step.
const MIGRATION_6_OCR: &str = "
PRAGMA legacy_alter_table = ON;
DROP VIEW IF EXISTS cell_values;
CREATE TABLE reports_v6 (
    report_id            INTEGER PRIMARY KEY,
    agency_id            INTEGER NOT NULL REFERENCES agencies (agency_id),
    agency               TEXT    NOT NULL,
    year                 INTEGER NOT NULL,
    title                TEXT,
    source_path          TEXT    NOT NULL,
    source_sha256        TEXT    NOT NULL,
    source_format        TEXT    NOT NULL CHECK (source_format IN ('text', 'html', 'docx', 'pdf', 'doc', 'image')),
    proactive_version    TEXT,
    applications_version TEXT,
    appeals_version      TEXT,
    notes                TEXT    NOT NULL DEFAULT '[]',
    imported_at          TEXT    NOT NULL,
    template             TEXT    CHECK (template IN ('pre2019', '2019', '2021', 'mixed', '2019/2021')),
    completeness         TEXT    CHECK (completeness IN ('complete', 'partial', 'no_tables', 'pre2019')),
    cells_expected       INTEGER,
    published_on         DATE,
    published_source     TEXT    CHECK (published_source IN ('page meta', 'page text', 'signature', 'document metadata')),
    ocr_pages            INTEGER,
    UNIQUE (agency_id, year)
);
INSERT INTO reports_v6 SELECT report_id, agency_id, agency, year, title, source_path, source_sha256, source_format,
       proactive_version, applications_version, appeals_version, notes, imported_at, template, completeness, cells_expected,
       published_on, published_source, NULL
FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v6 RENAME TO reports;
CREATE INDEX IF NOT EXISTS reports_by_agency_year ON reports (agency, year);
CREATE INDEX IF NOT EXISTS reports_by_year ON reports (year);
CREATE INDEX IF NOT EXISTS reports_by_sha256 ON reports (source_sha256);
PRAGMA legacy_alter_table = OFF;
ALTER TABLE cells ADD COLUMN ocr_confidence REAL;
ALTER TABLE cells ADD COLUMN ocr_raw TEXT;
";

/// Version 3 → 4: `reports.source_format` also accepts `'doc'` (Word 97 `.doc` and WPS
/// `.wps`).
///
/// SQLite cannot alter a CHECK constraint, so `reports` is rebuilt as SQLite documents
/// for changes ALTER TABLE cannot make: a new table with the new constraint, every row
/// copied (same `report_id`s), the old table dropped, the new one renamed, its indexes made
/// again. Foreign keys are off meanwhile, so the drop does not cascade to the tables that
/// reference `reports`; `legacy_alter_table` keeps the rename from re-checking the views.
/// It names every column of version 3's `reports`, in `schema.sql`'s order.
const MIGRATION_4_DOC: &str = "
PRAGMA legacy_alter_table = ON;
CREATE TABLE reports_v4 (
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
    template             TEXT    CHECK (template IN ('pre2019', '2019', '2021', 'mixed', '2019/2021')),
    completeness         TEXT    CHECK (completeness IN ('complete', 'partial', 'no_tables', 'pre2019')),
    cells_expected       INTEGER,
    UNIQUE (agency_id, year)
);
INSERT INTO reports_v4 SELECT report_id, agency_id, agency, year, title, source_path, source_sha256, source_format,
       proactive_version, applications_version, appeals_version, notes, imported_at, template, completeness, cells_expected
FROM reports;
DROP TABLE reports;
ALTER TABLE reports_v4 RENAME TO reports;
CREATE INDEX IF NOT EXISTS reports_by_agency_year ON reports (agency, year);
CREATE INDEX IF NOT EXISTS reports_by_year ON reports (year);
CREATE INDEX IF NOT EXISTS reports_by_sha256 ON reports (source_sha256);
PRAGMA legacy_alter_table = OFF;
";

/// Version 2 → 3 (completeness and placement): `reports.completeness` and
/// `reports.cells_expected`, `cells.placement` (every cell stored before was placed
/// exactly: the readers then only took cells from tables), `placement` in `cell_values`.
/// Stored reports are assessed from the cell counts of their tables' versions (the
/// template's counts: table 二 22 cells in 2019, 10 in 2021; table 三 161 / 175; table 四 15);
/// their R0 results appear when they are imported again (`--replace`).
const MIGRATION_3_COMPLETENESS: &str = "
ALTER TABLE reports ADD COLUMN completeness TEXT CHECK (completeness IN ('complete', 'partial', 'no_tables', 'pre2019'));
ALTER TABLE reports ADD COLUMN cells_expected INTEGER;
ALTER TABLE cells ADD COLUMN placement TEXT NOT NULL DEFAULT 'exact' CHECK (placement IN ('exact', 'aligned', 'arithmetic', 'assumed'));
UPDATE reports SET cells_expected = CASE WHEN template = 'pre2019' THEN NULL ELSE
    (CASE proactive_version WHEN '2021' THEN 10 ELSE 22 END)
  + (CASE applications_version WHEN '2021' THEN 175 ELSE 161 END) + 15 END;
UPDATE reports SET completeness = CASE
    WHEN template = 'pre2019' THEN 'pre2019'
    WHEN NOT EXISTS (SELECT 1 FROM cells c WHERE c.report_id = reports.report_id) THEN 'no_tables'
    WHEN (SELECT count(*) FROM cells c WHERE c.report_id = reports.report_id AND substr(c.row_key, 1, 6) <> 'extra:') >= cells_expected THEN 'complete'
    ELSE 'partial' END;
DROP VIEW IF EXISTS cell_values;
CREATE VIEW cell_values AS
SELECT r.report_id, r.agency, r.year, r.source_path, r.source_sha256,
       c.tbl, c.row_key, c.col_key, c.raw, c.value, c.state, c.unit, c.placement
FROM cells c JOIN reports r USING (report_id);
";

/// Version 1 → 2 (reports before the 2019 template): `reports.template`, the `figures`
/// table, `report_metrics.source` / `unit`, the view `report_figures`. Additive: nothing
/// existing changes. Version 1 stored no figures, so a version 1 report without national
/// tables gets template NULL (re-import it with `--replace` to read its figures); the
/// others get their template and their metrics' source from the versions stored. The
/// metrics read from table 二 are listed as the version 1 catalog had them.
const MIGRATION_2_PRE2019: &str = "
ALTER TABLE reports ADD COLUMN template TEXT CHECK (template IN ('pre2019', '2019', '2021', 'mixed', '2019/2021'));
UPDATE reports SET template = CASE
    WHEN proactive_version IS NULL AND applications_version IS NULL AND appeals_version IS NULL THEN NULL
    WHEN '2019' IN (proactive_version, applications_version, appeals_version)
     AND '2021' IN (proactive_version, applications_version, appeals_version) THEN 'mixed'
    WHEN '2019' IN (proactive_version, applications_version, appeals_version) THEN '2019'
    WHEN '2021' IN (proactive_version, applications_version, appeals_version) THEN '2021'
    ELSE '2019/2021' END;
CREATE TABLE IF NOT EXISTS figures (
    report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    key       TEXT    NOT NULL,
    value     REAL    NOT NULL,
    unit      TEXT,
    raw       TEXT    NOT NULL,
    source    TEXT    NOT NULL CHECK (source IN ('table', 'prose')),
    role      TEXT    NOT NULL CHECK (role IN ('figure', 'claim')),
    PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS figures_one_per_key ON figures (report_id, key) WHERE role = 'figure';
ALTER TABLE report_metrics ADD COLUMN source TEXT;
ALTER TABLE report_metrics ADD COLUMN unit TEXT;
UPDATE report_metrics SET source = (
    SELECT CASE COALESCE(
                CASE WHEN report_metrics.metric IN ('permits', 'penalties', 'coercion', 'fees', 'fee_items', 'procurement',
                                                    'normative_docs_issued', 'normative_docs_in_force', 'normative_docs_published')
                     THEN r.proactive_version ELSE r.applications_version END,
                r.applications_version, r.proactive_version, r.appeals_version, '2019/2021')
           WHEN '2019' THEN '2019 table'
           WHEN '2021' THEN '2021 table'
           ELSE CASE WHEN r.year <= 2020 THEN '2019 table' ELSE '2021 table' END END
    FROM reports r WHERE r.report_id = report_metrics.report_id);
CREATE VIEW IF NOT EXISTS report_figures AS
SELECT r.report_id, r.agency_id, a.name AS agency, r.year, r.source_sha256,
       f.key, f.value, f.unit, f.raw, f.source, r.agency AS agency_printed
FROM figures f JOIN reports r ON r.report_id = f.report_id JOIN agencies a ON a.agency_id = r.agency_id
WHERE f.role = 'figure';
";

/// Version 4 → 5 (the analysts' tools, issue 16):
///
/// - `reports.published_on` (DATE, `YYYY-MM-DD`) and `reports.published_source` (where the
///   date was read): added, NULL for reports already in (import them again with
///   `--replace` to read their dates).
/// - `cells`, `figures` and `report_metrics` rebuilt as ordinary rowid tables (DuckDB's
///   SQLite reader counts rows through the rowid and fails on `WITHOUT ROWID` tables), rows
///   and order kept. `cells` no longer declares its key (one row per report, tbl, row_key,
///   col_key, as before; the key index would grow the file by half) and gets an index
///   `cells_by_report`; `figures` and `report_metrics` keep their primary keys.
/// - New tables `template_rows` and `metric_catalog`, filled from the template model and
///   the metric catalog (and refreshed whenever a build's model differs).
/// - Every view dropped and created again from `schema.sql`: `agency` in the per-report
///   views is now the canonical name, with `agency_id` and `agency_printed` added;
///   `report_applications` adds up row families through `template_rows` instead of
///   `LIKE … ESCAPE` (which DuckDB cannot hand to SQLite); the new view `metric_values`.
const MIGRATION_5_ANALYSTS: &str = "
ALTER TABLE reports ADD COLUMN published_on DATE;
ALTER TABLE reports ADD COLUMN published_source TEXT CHECK (published_source IN ('page meta', 'page text', 'signature', 'document metadata'));
DROP VIEW IF EXISTS cell_values;
DROP VIEW IF EXISTS report_figures;
DROP VIEW IF EXISTS report_applications;
DROP VIEW IF EXISTS report_proactive;
DROP VIEW IF EXISTS report_appeals;
DROP VIEW IF EXISTS agency_years;
DROP VIEW IF EXISTS check_summary;
CREATE TABLE cells_v3 (
    report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    tbl       TEXT    NOT NULL CHECK (tbl IN ('proactive', 'applications', 'appeals')),
    row_key   TEXT    NOT NULL,
    col_key   TEXT    NOT NULL,
    raw       TEXT    NOT NULL,
    value     REAL,
    state     TEXT    NOT NULL CHECK (state IN ('number', 'blank', 'na', 'text')),
    unit      TEXT,
    placement TEXT    NOT NULL DEFAULT 'exact' CHECK (placement IN ('exact', 'aligned', 'arithmetic', 'assumed'))
);
INSERT INTO cells_v3 SELECT report_id, tbl, row_key, col_key, raw, value, state, unit, placement FROM cells ORDER BY report_id, tbl, row_key, col_key;
DROP TABLE cells;
ALTER TABLE cells_v3 RENAME TO cells;
CREATE INDEX cells_by_report ON cells (report_id);
CREATE TABLE figures_v3 (
    report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    key       TEXT    NOT NULL,
    value     REAL    NOT NULL,
    unit      TEXT,
    raw       TEXT    NOT NULL,
    source    TEXT    NOT NULL CHECK (source IN ('table', 'prose')),
    role      TEXT    NOT NULL CHECK (role IN ('figure', 'claim')),
    PRIMARY KEY (report_id, seq)
);
INSERT INTO figures_v3 SELECT report_id, seq, key, value, unit, raw, source, role FROM figures ORDER BY report_id, seq;
DROP TABLE figures;
ALTER TABLE figures_v3 RENAME TO figures;
CREATE UNIQUE INDEX figures_one_per_key ON figures (report_id, key) WHERE role = 'figure';
CREATE TABLE report_metrics_v3 (
    report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    metric    TEXT    NOT NULL,
    value     REAL,
    numerator   REAL,
    denominator REAL,
    source      TEXT,
    unit        TEXT,
    PRIMARY KEY (metric, report_id)
);
INSERT INTO report_metrics_v3 SELECT report_id, metric, value, numerator, denominator, source, unit FROM report_metrics ORDER BY metric, report_id;
DROP TABLE report_metrics;
ALTER TABLE report_metrics_v3 RENAME TO report_metrics;
CREATE INDEX report_metrics_by_report ON report_metrics (report_id);
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
    /// The writer's prepared INSERTs. Declared before the connection, so dropped (and
    /// finalised) before it closes.
    inserts: Inserts,
    pub conn: Connection,
    /// The database's numbering of template cells and metrics.
    pub dims: Dims,
    /// The file, for messages.
    path: PathBuf,
    /// How long this connection waits for another process's lock.
    busy_timeout: Duration,
    /// The report the writer stored last, with its id ([`Store::keep_written`]): the
    /// cross-year rules of the next report read it from here instead of the database.
    last_written: Option<(i64, Box<Parsed>)>,
    /// The agencies' names per region, as the writer matches new names against them.
    names: AgencyNames,
    /// The `metric_data` rows of the reports written in the open batch, inserted in key
    /// order when it commits ([`Store::commit_batch`]). A report's metrics lie in as many
    /// key ranges as it has metrics (one per metric): inserted report by report, each
    /// report touched twenty pages of the table far apart, and each of those pages was
    /// copied into the report's savepoint journal.
    pending_metrics: Vec<MetricRow>,
    /// Whether a batch is open: begun ([`Store::begin_batch`]) and not committed.
    batch_open: bool,
}

/// One row of `metric_data`.
#[derive(Clone, Debug)]
struct MetricRow {
    key: i64,
    value: Option<f64>,
    numerator: Option<f64>,
    denominator: Option<f64>,
    source_id: i64,
    unit: Option<String>,
}

impl MetricRow {
    /// The report the row belongs to (the low 32 bits of its key).
    fn report_id(&self) -> i64 {
        self.key & 0xFFFF_FFFF
    }
}

/// Insert metric rows in key order, and empty `rows`.
fn insert_metrics(conn: &Connection, inserts: &mut Inserts, rows: &mut Vec<MetricRow>) -> Result<()> {
    rows.sort_unstable_by_key(|m| m.key);
    inserts.insert(
        conn,
        "metric_data (metric_key, value, numerator, denominator, source_id, unit)",
        6,
        rows,
        |b, at, m| {
            b.int(at, m.key)?;
            b.opt_real(at + 1, m.value)?;
            b.opt_real(at + 2, m.numerator)?;
            b.opt_real(at + 3, m.denominator)?;
            b.int(at + 4, m.source_id)?;
            b.opt_text(at + 5, m.unit.as_deref())
        },
    )?;
    rows.clear();
    Ok(())
}

/// A report already in the database, as `import` lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredReport {
    pub id: i64,
    pub agency: String,
    pub year: i32,
    pub format: String,
    pub cells: i64,
    /// Pre-2019 figures (claims not counted).
    pub figures: i64,
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
    /// Another file already holds this agency and year with the same cells (or pre-2019
    /// figures): the same report in another format. Nothing was written.
    Duplicate { id: i64, path: String },
    /// Another file already holds this agency and year and its cells differ (listed):
    /// nothing was written (`--replace` replaces it).
    Conflict { id: i64, path: String, differences: Vec<String> },
}

impl Outcome {
    /// The word printed for this outcome.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Added(_) => "added",
            Outcome::Unchanged(_) => "unchanged",
            Outcome::Replaced(_) => "replaced",
            Outcome::Duplicate { .. } => "duplicate",
            Outcome::Conflict { .. } => "conflict",
        }
    }

    /// The report's id (for a duplicate or a conflict, the report already in).
    pub fn id(&self) -> i64 {
        match self {
            Outcome::Added(id) | Outcome::Unchanged(id) | Outcome::Replaced(id) => *id,
            Outcome::Duplicate { id, .. } | Outcome::Conflict { id, .. } => *id,
        }
    }

    /// Did this outcome write anything?
    pub fn wrote(&self) -> bool {
        matches!(self, Outcome::Added(_) | Outcome::Replaced(_))
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
        if access == Access::ReadOnly && (1..SCHEMA_VERSION).contains(&version) {
            // An older schema is brought forward first (the queries read the new tables
            // and columns); that one step needs write access.
            drop(conn);
            Store::open_with(path, Access::ReadWrite, busy_timeout).with_context(|| {
                format!("{} has schema version {version} and must be upgraded to {SCHEMA_VERSION}, which needs write access", path.display())
            })?;
            return Store::open_with(path, Access::ReadOnly, busy_timeout);
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        if access == Access::ReadOnly {
            map_for_reading(&conn)?;
        }
        // Temporary tables (the passes `check` and `export` rebuild) in memory, not a file.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        if access == Access::ReadWrite {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(|e| locked(e, path, busy_timeout))
                .with_context(|| format!("cannot write to database {}", path.display()))?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            // Savepoint journals in memory: one per report in a batch.
            conn.pragma_update(None, "temp_store", "MEMORY")?;
            // A larger page cache for bulk imports (32 MiB).
            conn.pragma_update(None, "cache_size", -32768)?;
            // Checkpoint the write-ahead log every 40 MiB instead of SQLite's 4 MiB: the pages
            // a bulk import rewrites most (the right edges of its b-trees) are copied into the
            // database once per checkpoint, not ten times. `import` checkpoints at its end.
            conn.pragma_update(None, "wal_autocheckpoint", 10_000)?;
            migrate(&conn, version)
                .map_err(|e| match e.downcast::<rusqlite::Error>() {
                    Ok(e) => locked(e, path, busy_timeout),
                    Err(e) => e,
                })
                .with_context(|| format!("cannot set up database {}", path.display()))?;
        } else if version == 0 && !has_table(&conn, "reports")? {
            bail!("{} is not an xxgk database", path.display());
        }
        // The numbering the writer keys cells and metrics by (queries read it through SQL).
        let dims = match access {
            Access::ReadWrite => {
                Dims::load(&conn).with_context(|| format!("cannot read database {}", path.display()))?
            }
            Access::ReadOnly => Dims::default(),
        };
        Ok(Store {
            inserts: Inserts::default(),
            conn,
            dims,
            path: path.to_path_buf(),
            busy_timeout,
            last_written: None,
            names: AgencyNames::default(),
            pending_metrics: Vec::new(),
            batch_open: false,
        })
    }

    /// Write one parsed report (all or nothing). Inside a batch ([`Store::begin_batch`])
    /// the report is a savepoint of the batch's transaction, and its metrics are written
    /// with the batch's when it commits; otherwise the report is its own transaction.
    pub fn import(&mut self, parsed: &Parsed, replace: bool) -> Result<Outcome> {
        self.import_then(parsed, replace, || {})
    }

    /// [`Store::import`], calling `before_release` once the report is written into its
    /// savepoint and before the savepoint is released (crash tests stop there).
    pub fn import_then(&mut self, parsed: &Parsed, replace: bool, before_release: impl FnOnce()) -> Result<Outcome> {
        self.names.check(&self.conn)?;
        if self.batch_open && self.conn.is_autocommit() {
            self.batch_lost();
        }
        let in_batch = !self.conn.is_autocommit();
        cached_exec(&self.conn, "SAVEPOINT report", [])?;
        let previous = self.last_written.as_ref().map(|(id, p)| (*id, &p.report));
        let mut metrics = Vec::new();
        let written = write_report(
            &self.conn,
            &mut self.inserts,
            &self.dims,
            &mut self.names,
            parsed,
            replace,
            previous,
            &mut metrics,
        )
        .and_then(|(outcome, deleted)| {
            if outcome.wrote() && !in_batch {
                insert_metrics(&self.conn, &mut self.inserts, &mut metrics)?;
            }
            Ok((outcome, deleted))
        });
        match written {
            Ok((outcome, _)) if !outcome.wrote() => {
                // A duplicate or a conflict leaves the database as it was (a new alias too).
                self.names.forget();
                cached_exec(&self.conn, "ROLLBACK TO report", [])?;
                cached_exec(&self.conn, "RELEASE report", [])?;
                Ok(outcome)
            }
            Ok((outcome, deleted)) => {
                before_release();
                cached_exec(&self.conn, "RELEASE report", [])?;
                // The batch's rows of a report this one replaced went with it (its new id
                // may be the same).
                if let Some(old) = deleted {
                    self.pending_metrics.retain(|m| m.report_id() != old);
                }
                self.pending_metrics.append(&mut metrics);
                Ok(outcome)
            }
            Err(e) => {
                // Undo this report only; an open batch keeps the reports before it.
                self.names.forget();
                cached_exec(&self.conn, "ROLLBACK TO report", [])?;
                cached_exec(&self.conn, "RELEASE report", [])?;
                Err(e)
            }
        }
    }

    /// Hand back the report just stored as `id` ([`Store::import`] wrote it): the next
    /// report's cross-year rules read it from memory. A report stored in its place
    /// (`--replace`) is only ever read as the report being written, never from here.
    pub fn keep_written(&mut self, id: i64, parsed: Box<Parsed>) {
        self.last_written = Some((id, parsed));
    }

    /// Start a batch: reports written until [`Store::commit_batch`] share one transaction,
    /// which makes bulk imports many times faster. A crash loses the uncommitted batch
    /// whole, never part of a report.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock at once (waiting up to the busy timeout for
    /// another writer's batch), so a batch never fails halfway on a lock it cannot upgrade.
    pub fn begin_batch(&mut self) -> Result<()> {
        if self.batch_open && self.conn.is_autocommit() {
            self.batch_lost();
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| locked(e, &self.path, self.busy_timeout))
            .with_context(|| format!("cannot write to database {}", self.path.display()))?;
        self.batch_open = true;
        Ok(())
    }

    /// Commit the current batch, if one is open, with the metrics of its reports.
    pub fn commit_batch(&mut self) -> Result<()> {
        if self.conn.is_autocommit() {
            if self.batch_open {
                self.batch_lost();
            }
        } else {
            insert_metrics(&self.conn, &mut self.inserts, &mut self.pending_metrics)?;
            self.conn.execute_batch("COMMIT")?;
            self.batch_open = false;
        }
        Ok(())
    }

    /// The open batch's transaction ended without [`Store::commit_batch`]: SQLite rolls a
    /// transaction back by itself after some errors (a full disk, say), and the batch's
    /// reports went with it. What the writer kept of them goes too: their metric rows (the
    /// ids may be given again, so the rows must never be written), the agencies' names it
    /// learnt, and the report it wrote last.
    fn batch_lost(&mut self) {
        self.pending_metrics.clear();
        self.names.forget();
        self.last_written = None;
        self.batch_open = false;
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
                "SELECT r.report_id, r.agency, r.year, r.source_format,
                        (SELECT count(*) FROM cell_data c WHERE c.cell_key BETWEEN r.report_id * 1024 AND r.report_id * 1024 + 1023)
                        + (SELECT count(*) FROM extra_cells e WHERE e.report_id = r.report_id),
                        (SELECT count(*) FROM figures f WHERE f.report_id = r.report_id AND f.role = 'figure')
                 FROM reports r WHERE r.source_sha256 = ?1 ORDER BY r.report_id LIMIT 1",
                [sha256],
                |r| {
                    Ok(StoredReport {
                        id: r.get(0)?,
                        agency: r.get(1)?,
                        year: r.get(2)?,
                        format: r.get(3)?,
                        cells: r.get(4)?,
                        figures: r.get(5)?,
                    })
                },
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

/// Let a connection that only reads take the database's pages straight from a memory map
/// of the file (up to SQLite's limit, 2 GiB), not copy each into its page cache by a
/// system call: a query over every report touches a few thousand pages, the first time
/// each. (Writers keep SQLite's default, no map.)
pub(crate) fn map_for_reading(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "mmap_size", 2_147_418_112_i64)
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
        // A newer template or catalog than the one that numbered the database: number the
        // new cells and metrics (nothing to do, and no write, in the usual case).
        if !Dims::load(conn)?.complete() {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let r = sync_dimensions(conn);
            conn.execute_batch(if r.is_ok() { "COMMIT" } else { "ROLLBACK" })?;
            r?;
        }
        return sync_catalogs(conn, false);
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
            if has_table(conn, "sqlite_sequence")?
                || conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))? > 0
                    && !has_table(conn, "reports")?
            {
                bail!("the file is a SQLite database of something else (it has tables but no xxgk schema)");
            }
            conn.execute_batch(&format!("{SCHEMA_SQL}\nPRAGMA user_version = {SCHEMA_VERSION};"))?;
            sync_dimensions(conn)?;
            return sync_catalogs(conn, true);
        }
        for (i, step) in MIGRATIONS.iter().enumerate().skip((from - 1) as usize) {
            run_migration(conn, step)?;
            conn.execute_batch(&format!("PRAGMA user_version = {};", i + 2))?;
        }
        // What the steps dropped or left to schema.sql: views, new tables.
        conn.execute_batch(SCHEMA_SQL)?;
        let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            bail!("migrating the schema would leave {broken} rows pointing at missing rows; nothing was changed");
        }
        // What this build's template or catalog has that the database does not number yet.
        sync_dimensions(conn)?;
        sync_catalogs(conn, true)
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

/// Run one migration step, expanding its marker lines (see [`MIGRATIONS`]).
fn run_migration(conn: &Connection, step: &str) -> Result<()> {
    let mut sql = String::new();
    for line in step.lines() {
        match line.trim() {
            "-- xxgk: schema.sql" => {
                conn.execute_batch(&std::mem::take(&mut sql))?;
                conn.execute_batch(SCHEMA_SQL)?;
            }
            "-- xxgk: dimensions" => {
                conn.execute_batch(&std::mem::take(&mut sql))?;
                sync_dimensions(conn)?;
            }
            "-- xxgk: checks" => {
                conn.execute_batch(&std::mem::take(&mut sql))?;
                spell_out_checks(conn)?;
            }
            "-- xxgk: regions" => {
                conn.execute_batch(&std::mem::take(&mut sql))?;
                resolve_regions(conn)?;
            }
            marker if marker.starts_with("-- xxgk: source format ") => {
                conn.execute_batch(&std::mem::take(&mut sql))?;
                allow_source_format(conn, marker.trim_start_matches("-- xxgk: source format ").trim())?;
            }
            _ => {
                sql.push_str(line);
                sql.push('\n');
            }
        }
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Work out every agency's region again from its name, as an import of a new agency does,
/// and write the agencies whose region differs.
fn resolve_regions(conn: &Connection) -> Result<()> {
    let agencies: Vec<(i64, String, RegionColumns)> = conn
        .prepare("SELECT agency_id, name, region_code, province, city, county FROM agencies ORDER BY agency_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn
        .prepare("UPDATE agencies SET region_code = ?2, province = ?3, city = ?4, county = ?5 WHERE agency_id = ?1")?;
    for (id, name, stored) in agencies {
        let now = region_columns(xxgk_core::agency::resolve_region(&name).as_ref());
        if now != stored {
            update.execute(params![id, now.0, now.1, now.2, now.3])?;
        }
    }
    Ok(())
}

/// An agency's `region_code`, `province`, `city` and `county`.
type RegionColumns = (Option<String>, Option<String>, Option<String>, Option<String>);

/// The columns `agencies` stores for a region (all NULL for none): the one place both a new
/// agency and [`resolve_regions`] take them from.
fn region_columns(region: Option<&xxgk_core::agency::Region>) -> RegionColumns {
    match region {
        Some(r) => (Some(r.code.clone()), Some(r.province.clone()), r.city.clone(), r.county.clone()),
        None => (None, None, None, None),
    }
}

/// Rewrite every table's CHECKs of the form `col IN ('a', 'b', …)` as `schema.sql` writes
/// them, `col = 'a' OR col = 'b' …` ([`spell_out_in_lists`]), in place: inside the
/// migration's transaction, with the schema's version raised so that SQLite reads the new
/// definitions, and each table read once after it (a definition SQLite could not parse
/// fails the migration, which then changes nothing).
fn spell_out_checks(conn: &Connection) -> Result<()> {
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL ORDER BY name")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let changed: Vec<(String, String)> = tables
        .into_iter()
        .filter_map(|(name, sql)| match spell_out_in_lists(&sql) {
            Cow::Owned(new) => Some((name, new)),
            Cow::Borrowed(_) => None,
        })
        .collect();
    rewrite_definitions(conn, &changed)
}

/// Let `reports.source_format` hold `name` as well: its CHECK, `source_format = 'a' OR …`,
/// gets `OR source_format = 'name'` after its last value (nothing to do when it is there).
fn allow_source_format(conn: &Connection, name: &str) -> Result<()> {
    let sql: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'reports'", [], |r| r.get(0))?;
    let check = "CHECK (source_format = ";
    let Some(start) = sql.find(check) else {
        bail!("reports.source_format has no CHECK of the form `source_format = '…' OR …` to widen");
    };
    let end = start + sql[start..].find("),").or_else(|| sql[start..].find(")\n")).context("an unclosed CHECK")?;
    let wanted = format!("source_format = '{name}'");
    if sql[start..end].contains(&wanted) {
        return Ok(());
    }
    let new = format!("{} OR {wanted}{}", &sql[..end], &sql[end..]);
    rewrite_definitions(conn, &[("reports".to_string(), new)])
}

/// Write new definitions of tables into `sqlite_schema`, for changes their rows already
/// satisfy (a CHECK spelled another way, or allowing more): inside the migration's
/// transaction, with the schema's version raised so that SQLite reads them, and each table
/// read once after (a definition SQLite could not parse fails the migration, which then
/// changes nothing).
fn rewrite_definitions(conn: &Connection, changed: &[(String, String)]) -> Result<()> {
    if changed.is_empty() {
        return Ok(());
    }
    let version: i64 = conn.pragma_query_value(None, "schema_version", |r| r.get(0))?;
    conn.pragma_update(None, "writable_schema", true)?;
    let written = (|| -> Result<()> {
        for (name, sql) in changed {
            conn.execute("UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1", params![name, sql])?;
        }
        conn.pragma_update(None, "schema_version", version + 1)?;
        Ok(())
    })();
    conn.pragma_update(None, "writable_schema", "RESET")?;
    written?;
    for (name, _) in changed {
        conn.prepare(&format!("SELECT * FROM \"{}\" LIMIT 0", name.replace('"', "\"\"")))
            .with_context(|| format!("the table {name} after its definition was rewritten"))?;
    }
    Ok(())
}

/// `sql` with every `CHECK (col IN ('a', 'b', …))` written as `CHECK (col = 'a' OR col =
/// 'b' …)`: the same values allowed (and NULL, which both let pass). Other CHECKs, and IN
/// lists of anything but plain quoted strings, are left as they are.
pub fn spell_out_in_lists(sql: &str) -> Cow<'_, str> {
    static IN_LIST: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = IN_LIST.get_or_init(|| {
        regex::Regex::new(r"CHECK \((\w+) IN \(('[^']*'(?:,\s*'[^']*')*)\)\)").expect("a valid pattern")
    });
    re.replace_all(sql, |c: &regex::Captures| {
        let column = &c[1];
        // Each value is one quoted string without quotes inside: its quotes pair up.
        let list = &c[2];
        let quotes: Vec<usize> = list.match_indices('\'').map(|(i, _)| i).collect();
        let values: Vec<String> = quotes.chunks(2).map(|q| format!("{column} = {}", &list[q[0]..=q[1]])).collect();
        format!("CHECK ({})", values.join(" OR "))
    })
}

/// Cell keys per report: `cell_data.cell_key` = report_id × 1024 + cell_id.
pub const CELL_KEY_SPAN: i64 = 1024;

/// The sources a metric value may have, numbered in this order in a new database (others
/// are numbered when first written).
pub const METRIC_SOURCES: &[&str] = &[
    "2021 table",
    "2019 table",
    "pre-2019 table",
    "pre-2019 prose",
    "page meta",
    "page text",
    "signature",
    "document metadata",
];

/// How a database numbers the template's cells, the metrics and the metric sources (the
/// tables `template_cells`, `metric_names`, `metric_sources`), indexed as this build's
/// template and catalog index them.
#[derive(Clone, Debug, Default)]
pub struct Dims {
    /// Template cell position ([`template::cells`]) → the database's cell_id.
    cell_ids: Vec<Option<i64>>,
    /// Catalog index ([`xxgk_core::metrics::CATALOG`]) → metric_id.
    metric_ids: Vec<Option<i64>>,
    /// Metric source → source_id.
    sources: HashMap<String, i64>,
    /// The database's cell_id → the cell as [`load_cells`] reads it from `template_cells`
    /// (None: a cell it leaves out).
    cells_by_id: Vec<Option<(Table, Cow<'static, str>, &'static str)>>,
}

impl Dims {
    /// Read the numbering of a database (empty before schema version 7).
    pub fn load(conn: &Connection) -> Result<Dims> {
        let mut d = Dims {
            cell_ids: vec![None; template::cells().count()],
            metric_ids: vec![None; xxgk_core::metrics::CATALOG.len()],
            sources: HashMap::new(),
            cells_by_id: Vec::new(),
        };
        if !has_table(conn, "template_cells")? {
            return Ok(d);
        }
        let mut stmt = conn.prepare("SELECT cell_id, tbl, row_key, col_key FROM template_cells")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, tbl, row, col): (i64, String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if let Ok(at) = usize::try_from(id) {
                if at < CELL_KEY_SPAN as usize {
                    if d.cells_by_id.len() <= at {
                        d.cells_by_id.resize(at + 1, None);
                    }
                    d.cells_by_id[at] = cell_named(&tbl, row.clone(), &col);
                }
            }
            let Some(table) = Table::parse(&tbl) else { continue };
            if let Some(n) = template::position(table, &row, &col) {
                d.cell_ids[n] = Some(id);
            }
        }
        let mut stmt = conn.prepare("SELECT metric_id, metric FROM metric_names")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (id, name): (i64, String) = (r.get(0)?, r.get(1)?);
            if let Some(i) = xxgk_core::metrics::CATALOG.iter().position(|m| m.name == name) {
                d.metric_ids[i] = Some(id);
            }
        }
        let mut stmt = conn.prepare("SELECT source_id, source FROM metric_sources")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            d.sources.insert(r.get(1)?, r.get(0)?);
        }
        Ok(d)
    }

    /// Does the database number everything this build's template and catalog have?
    pub fn complete(&self) -> bool {
        self.cell_ids.iter().all(Option::is_some)
            && self.metric_ids.iter().all(Option::is_some)
            && METRIC_SOURCES.iter().all(|s| self.sources.contains_key(*s))
    }

    /// The cell_key of a report's cell, by the cell's position in [`template::cells`]
    /// ([`template::position`]), if it is a template cell.
    fn cell_key(&self, report_id: i64, position: Option<u16>) -> Option<i64> {
        let id = (*self.cell_ids.get(usize::from(position?))?)?;
        Some(report_id * CELL_KEY_SPAN + id)
    }

    /// The metric_key of a report's metric (by catalog index).
    fn metric_key(&self, report_id: i64, metric: usize) -> Option<i64> {
        Some(((*self.metric_ids.get(metric)?)? << 32) + report_id)
    }
}

/// Number what this build's template and catalog have and the database does not: a cell,
/// metric or source keeps the number it was given; a new one gets its position in the
/// template or catalog if free, else the next free number.
pub fn sync_dimensions(conn: &Connection) -> Result<()> {
    let d = Dims::load(conn)?;
    if d.complete() {
        return Ok(());
    }
    let used: HashSet<i64> = conn
        .prepare("SELECT cell_id FROM template_cells")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut next = used.iter().max().map_or(0, |m| m + 1);
    for (n, (table, row, col)) in template::cells().enumerate() {
        if d.cell_ids[n].is_some() || template::position(table, row.key, col.key) != Some(n) {
            continue;
        }
        let id = if used.contains(&(n as i64)) {
            next += 1;
            next - 1
        } else {
            n as i64
        };
        if id >= CELL_KEY_SPAN {
            bail!("the template has more cells than a database can number ({CELL_KEY_SPAN})");
        }
        conn.execute(
            "INSERT INTO template_cells (cell_id, tbl, row_key, col_key) VALUES (?1, ?2, ?3, ?4)",
            params![id, table.key(), row.key, col.key],
        )?;
    }
    for (i, m) in xxgk_core::metrics::CATALOG.iter().enumerate() {
        if d.metric_ids[i].is_some() {
            continue;
        }
        let id = i as i64 + 1;
        let free: bool =
            conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM metric_names WHERE metric_id = ?1)", [id], |r| r.get(0))?;
        if free {
            conn.execute("INSERT INTO metric_names (metric_id, metric) VALUES (?1, ?2)", params![id, m.name])?;
        } else {
            conn.execute("INSERT INTO metric_names (metric) VALUES (?1)", [m.name])?;
        }
    }
    for s in METRIC_SOURCES {
        conn.execute("INSERT OR IGNORE INTO metric_sources (source) VALUES (?1)", [s])?;
    }
    Ok(())
}

/// The source_id of a metric source, numbered now if the database has not seen it (inside
/// the report's savepoint, so it is not remembered: a rollback would undo it).
fn source_id(conn: &Connection, dims: &Dims, source: &str) -> Result<i64> {
    if let Some(&id) = dims.sources.get(source) {
        return Ok(id);
    }
    cached_exec(conn, "INSERT OR IGNORE INTO metric_sources (source) VALUES (?1)", [source])?;
    Ok(cached_row(conn, "SELECT source_id FROM metric_sources WHERE source = ?1", [source], |r| r.get(0))?)
}

/// The rows of `template_rows` this build's template model gives: (tbl, row_key, family,
/// label, versions, position), in printed order.
pub fn template_rows() -> Vec<Vec<Value>> {
    let mut out = Vec::new();
    for table in Table::ALL {
        for (position, row) in table.def().rows().enumerate() {
            out.push(vec![
                table.key().to_string().into(),
                row.key.to_string().into(),
                row.family.key().to_string().into(),
                row.display().into(),
                row.versions.as_str().to_string().into(),
                (position as i64 + 1).into(),
            ]);
        }
    }
    out
}

/// The rows of `metric_catalog` this build's catalog gives: (metric, unit, aggregate, eras,
/// description, position).
pub fn metric_catalog_rows() -> Vec<Vec<Value>> {
    xxgk_core::metrics::CATALOG
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                m.name.to_string().into(),
                m.unit.to_string().into(),
                m.aggregate().as_str().to_string().into(),
                m.eras().join(", ").into(),
                m.description.to_string().into(),
                (i as i64 + 1).into(),
            ]
        })
        .collect()
}

/// Bring `template_rows` and `metric_catalog` in line with this build's model: read them
/// (cheap: a few dozen rows), and rewrite them only when they differ. `in_tx`: the caller
/// holds the write lock already.
fn sync_catalogs(conn: &Connection, in_tx: bool) -> Result<()> {
    let stored = |sql: &str| -> Result<Vec<Vec<Value>>> {
        let mut stmt = conn.prepare(sql)?;
        let n = stmt.column_count();
        let rows =
            stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<rusqlite::Result<Vec<Value>>>())?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let (templates, metrics) = (template_rows(), metric_catalog_rows());
    let same = stored("SELECT tbl, row_key, family, label, versions, position FROM template_rows ORDER BY rowid")?
        == templates
        && stored("SELECT metric, unit, aggregate, eras, description, position FROM metric_catalog ORDER BY rowid")?
            == metrics;
    if same {
        return Ok(());
    }
    if !in_tx {
        conn.execute_batch("BEGIN IMMEDIATE")?;
    }
    let write = || -> Result<()> {
        conn.execute_batch("DELETE FROM template_rows; DELETE FROM metric_catalog;")?;
        insert_rows(conn, "template_rows (tbl, row_key, family, label, versions, position)", &templates)?;
        insert_rows(conn, "metric_catalog (metric, unit, aggregate, eras, description, position)", &metrics)
    };
    let result = write();
    if !in_tx {
        match &result {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(_) => {
                let _ = conn.execute_batch("ROLLBACK");
            }
        }
    }
    result
}

/// Write one report into the open savepoint: its row, cells, figures, checks and claims;
/// its metrics are put in `metrics` for the caller to write. Returns what happened, and the
/// id of the report it replaced (deleted), if any.
// The connection, its prepared INSERTs, the numbering, the names, the report and what
// the writer holds of the batch: each its own borrow.
#[allow(clippy::too_many_arguments)]
fn write_report(
    tx: &Connection,
    inserts: &mut Inserts,
    dims: &Dims,
    names: &mut AgencyNames,
    parsed: &Parsed,
    replace: bool,
    previous: Option<(i64, &Report)>,
    metrics: &mut Vec<MetricRow>,
) -> Result<(Outcome, Option<i64>)> {
    let report = &parsed.report;
    let agency = report.agency.as_deref().context("the report has no agency")?;
    let year = report.year.context("the report has no year")?;
    let agency_id = agency_id(tx, names, agency)?;
    let existing: Option<(i64, String, String)> = cached_row(
        tx,
        "SELECT report_id, source_sha256, source_path FROM reports WHERE agency_id = ?1 AND year = ?2",
        params![agency_id, year],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?;
    let replaced = match existing {
        Some((id, sha, _)) if sha == parsed.sha256 && !replace => return Ok((Outcome::Unchanged(id), None)),
        Some((id, _, path)) if !replace => {
            let differences = differences(tx, id, report)?;
            let outcome = if differences.is_empty() {
                Outcome::Duplicate { id, path }
            } else {
                Outcome::Conflict { id, path, differences }
            };
            return Ok((outcome, None));
        }
        Some((id, _, _)) => {
            cached_exec(tx, "DELETE FROM reports WHERE report_id = ?1", [id])?;
            Some(id)
        }
        None => None,
    };
    let notes = serde_json::to_string(&report.notes)?;
    let (tables, completeness) = (&parsed.derived.tables, parsed.derived.completeness);
    cached_exec(
        tx,
        "INSERT INTO reports (agency, year, title, source_path, source_sha256, source_format,
            proactive_version, applications_version, appeals_version, notes, imported_at, agency_id, template,
            completeness, cells_expected, published_on, published_source, ocr_pages)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        params![
            agency,
            year,
            report.title,
            parsed.path.display().to_string(),
            parsed.sha256,
            parsed.format.as_str(),
            report.versions.proactive.map(|v| v.as_str()),
            report.versions.applications.map(|v| v.as_str()),
            report.versions.appeals.map(|v| v.as_str()),
            notes,
            chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            agency_id,
            report.template(),
            completeness.as_str(),
            (completeness != Completeness::Pre2019).then(|| tables.iter().map(|t| t.expected as i64).sum::<i64>()),
            report.published.map(|p| p.on.format("%Y-%m-%d").to_string()),
            report.published.map(|p| p.source.as_str()),
            report.ocr.as_ref().map(|o| o.pages as i64),
        ],
    )?;
    let id = tx.last_insert_rowid();
    // Template cells in key order (they append at the right edge of the b-tree); the rest
    // to extra_cells.
    let mut keyed: Vec<(i64, &CellValue)> = Vec::with_capacity(report.cells.len());
    let mut extra: Vec<&CellValue> = Vec::new();
    for (n, c) in report.cells.iter().enumerate() {
        let position = match parsed.derived.positions.get(n) {
            Some(&p) => p,
            None => template::position(c.tbl, &c.row, c.col).and_then(|p| u16::try_from(p).ok()),
        };
        match dims.cell_key(id, position) {
            Some(key) => keyed.push((key, c)),
            None => extra.push(c),
        }
    }
    keyed.sort_unstable_by_key(|(k, _)| *k);
    if let Some(w) = keyed.windows(2).find(|w| w[0].0 == w[1].0) {
        let c = w[0].1;
        bail!("the cell {}.{}.{} is read twice", c.tbl.key(), c.row, c.col);
    }
    // The cells go in by key order. When they all lie beyond every key stored, a cell
    // whose key follows the previous cell's is given no key: SQLite gives a row without a
    // rowid the largest rowid plus one, which is then exactly its key, and finds it at
    // the b-tree's right edge, where an explicit rowid costs a search from the root (a
    // quarter of the writer's instructions). The last key is checked after the insert.
    let append = match keyed.first() {
        Some(&(first, _)) => {
            let last: Option<i64> = cached_row(tx, "SELECT max(cell_key) FROM cell_data", [], |r| r.get(0))?;
            last.is_none_or(|last| last < first)
        }
        None => false,
    };
    let rows: Vec<(Option<i64>, &CellValue)> = keyed
        .iter()
        .enumerate()
        .map(|(i, &(key, c))| {
            let follows = append && i > 0 && keyed[i - 1].0 + 1 == key;
            (if follows { None } else { Some(key) }, c)
        })
        .collect();
    inserts.insert(
        tx,
        "cell_data (cell_key, raw, value, state, unit, placement, ocr_confidence, ocr_raw)",
        8,
        &rows,
        |b, at, (key, c)| {
            // A parameter left unbound is NULL: only values are bound.
            b.opt_int(at, *key)?;
            bind_cell(b, at + 1, c)
        },
    )?;
    if let Some(&(last, _)) = keyed.last() {
        if append && tx.last_insert_rowid() != last {
            bail!(
                "the cells were stored under other keys than their own (ending at {} for {last})",
                tx.last_insert_rowid()
            );
        }
    }
    inserts.insert(
        tx,
        "extra_cells (report_id, tbl, row_key, col_key, raw, value, state, unit, placement, ocr_confidence, ocr_raw)",
        11,
        &extra,
        |b, at, c| {
            b.int(at, id)?;
            b.text(at + 1, c.tbl.key())?;
            b.text(at + 2, &c.row)?;
            b.text(at + 3, c.col)?;
            bind_cell(b, at + 4, c)
        },
    )?;
    let figures: Vec<(i64, &Figure)> = report.figures.iter().enumerate().map(|(seq, f)| (seq as i64, f)).collect();
    inserts.insert(
        tx,
        "figures (report_id, seq, key, value, unit, raw, source, role)",
        8,
        &figures,
        |b, at, (seq, f)| {
            b.int(at, id)?;
            b.int(at + 1, *seq)?;
            b.text(at + 2, f.key.as_str())?;
            b.real(at + 3, f.value)?;
            b.opt_text(at + 4, f.unit.as_deref())?;
            b.text(at + 5, f.raw.as_str())?;
            b.text(at + 6, f.source.as_str())?;
            b.text(at + 7, f.role.as_str())
        },
    )?;
    write_run(tx, inserts, id, None, RunKind::Report, &parsed.checks)?;
    inserts.insert(
        tx,
        "claims (report_id, text, subject, stated_value, stated_change_pct, stated_change_abs, implied_previous)",
        7,
        &report.claims,
        |b, at, c| {
            b.int(at, id)?;
            b.text(at + 1, c.text.as_str())?;
            b.text(at + 2, c.subject.as_str())?;
            b.opt_real(at + 3, c.value)?;
            b.opt_real(at + 4, c.change_pct)?;
            b.opt_real(at + 5, c.change_abs)?;
            b.opt_real(at + 6, c.implied_previous)
        },
    )?;
    // After a replacement the report kept from before may be the one deleted: not used.
    let previous = previous.filter(|_| replaced.is_none());
    cross_year_checks(tx, inserts, Some(Writing { dims, report_id: id, report, previous }), agency_id, year)?;
    metrics.reserve(parsed.derived.metrics.len());
    for (i, v) in &parsed.derived.metrics {
        let key = dims.metric_key(id, *i).with_context(|| {
            format!("the database does not number the metric {}", xxgk_core::metrics::CATALOG[*i].name)
        })?;
        metrics.push(MetricRow {
            key,
            value: v.value,
            numerator: v.numerator,
            denominator: v.denominator,
            source_id: source_id(tx, dims, v.source)?,
            unit: v.unit.clone(),
        });
    }
    let outcome = if replaced.is_some() { Outcome::Replaced(id) } else { Outcome::Added(id) };
    Ok((outcome, replaced))
}

/// The code of a cell state in `cell_data.state`.
/// Bind what `cell_data` and `extra_cells` both store of a cell, in their column order:
/// raw, value, state, unit, placement, ocr_confidence, ocr_raw, from parameter `at` on.
fn bind_cell<'r>(b: &mut Binder<'r>, at: usize, c: &'r CellValue) -> Result<()> {
    b.text(at, c.raw.as_str())?;
    b.opt_real(at + 1, c.value)?;
    b.int(at + 2, state_code(c.state))?;
    b.opt_text(at + 3, c.unit.as_deref())?;
    b.int(at + 4, placement_code(c.placement))?;
    b.opt_real(at + 5, c.confidence.map(f64::from))?;
    b.opt_text(at + 6, c.ocr_raw.as_deref())
}

fn state_code(state: State) -> i64 {
    match state {
        State::Number => 0,
        State::Blank => 1,
        State::Na => 2,
        State::Text => 3,
    }
}

/// The code of a placement in `cell_data.placement`.
fn placement_code(placement: Placement) -> i64 {
    match placement {
        Placement::Exact => 0,
        Placement::Aligned => 1,
        Placement::Arithmetic => 2,
        Placement::Assumed => 3,
    }
}

/// How a parsed report differs from the stored report `id` of the same agency and year:
/// each cell (state and value; the printed text may differ between formats) and each
/// pre-2019 figure that is not the same, as `key: here vs stored`.
fn differences(conn: &Connection, id: i64, report: &Report) -> Result<Vec<String>> {
    use std::collections::BTreeMap;
    let show = |state: &str, value: Option<f64>| match value {
        Some(v) => format!("{v}"),
        None => state.to_string(),
    };
    let mut stored: BTreeMap<String, String> = BTreeMap::new();
    let mut stmt = conn.prepare_cached("SELECT tbl, row_key, col_key, state, value FROM cells WHERE report_id = ?1")?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let key = format!("{}.{}.{}", r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?);
        stored.insert(key, show(&r.get::<_, String>(3)?, r.get(4)?));
    }
    for f in load_figures(conn, id)?.into_iter().filter(Figure::is_figure) {
        stored.insert(format!("figure {}", f.key), format!("{}", f.value));
    }
    let mut here: BTreeMap<String, String> = BTreeMap::new();
    for c in &report.cells {
        here.insert(format!("{}.{}.{}", c.tbl.key(), c.row, c.col), show(c.state.as_str(), c.value));
    }
    for f in report.figures.iter().filter(|f| f.is_figure()) {
        here.insert(format!("figure {}", f.key), format!("{}", f.value));
    }
    let keys: std::collections::BTreeSet<&String> = stored.keys().chain(here.keys()).collect();
    Ok(keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (here.get(k), stored.get(k));
            (a != b).then(|| {
                format!(
                    "{k}: {} here, {} stored",
                    a.map_or("absent", String::as_str),
                    b.map_or("absent", String::as_str)
                )
            })
        })
        .collect())
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

/// What the writer knows when it runs the cross-year rules: the database's numbering and
/// the report it has just written.
#[derive(Clone, Copy)]
pub struct Writing<'a> {
    pub dims: &'a Dims,
    pub report_id: i64,
    pub report: &'a Report,
    /// The report stored before it, as it was stored, with its id.
    pub previous: Option<(i64, &'a Report)>,
}

/// Run the cross-year rules between this agency's report of `year` and its neighbours;
/// results are stored on the later report, with the earlier one as `other_report_id`, and
/// replaced whenever either report is imported again (or moves with an alias).
///
/// - The template rules ([`checks::across_years`]: R5, R6 of the 2021 table 二) between
///   consecutive years whose reports both have national tables (a pre-2019 report has no
///   carry-over or stock to compare).
/// - The cumulative rule of pre-2019 figures ([`checks::pre2019::cumulative`], an R6 with
///   scope `proactive_items_cumulative`) between each report and the latest earlier one,
///   years missing between them or not.
pub fn cross_year_checks(
    conn: &Connection,
    inserts: &mut Inserts,
    writer: Option<Writing>,
    agency_id: i64,
    year: i32,
) -> Result<()> {
    let load = |id: i64| -> Result<Cow<Report>> {
        match writer {
            // The report just written, as it is in memory: the rules read its versions and
            // cell values, which the database gives back unchanged.
            Some(w) if w.report_id == id => Ok(Cow::Borrowed(w.report)),
            Some(Writing { previous: Some((previous, report)), .. }) if previous == id => Ok(Cow::Borrowed(report)),
            Some(w) if !w.dims.cells_by_id.is_empty() => Ok(Cow::Owned(load_cells_numbered(conn, w.dims, id)?)),
            _ => Ok(Cow::Owned(load_cells(conn, id)?)),
        }
    };
    // The agency's reports of the year before, this year and the year after.
    let mut near: [Option<(i64, Option<String>)>; 3] = [None, None, None];
    {
        let mut stmt = conn.prepare_cached(
            "SELECT year, report_id, template FROM reports WHERE agency_id = ?1 AND year BETWEEN ?2 - 1 AND ?2 + 1",
        )?;
        let mut rows = stmt.query(params![agency_id, year])?;
        while let Some(r) = rows.next()? {
            let y: i32 = r.get(0)?;
            if let Some(slot) = usize::try_from(y - year + 1).ok().and_then(|i| near.get_mut(i)) {
                *slot = Some((r.get(1)?, r.get(2)?));
            }
        }
    }
    let written = writer.map(|w| w.report_id);
    for (at, (earlier, later)) in [(year - 1, year), (year, year + 1)].into_iter().enumerate() {
        let (Some((prev, prev_template)), Some((next, next_template))) = (&near[at], &near[at + 1]) else {
            continue;
        };
        let (prev, next) = (*prev, *next);
        // A report just written has no results yet, and none name it (a report's results
        // go with it when it is deleted, so a reused id starts clean).
        if written != Some(prev) && written != Some(next) {
            cached_exec(
                conn,
                "DELETE FROM check_results WHERE report_id = ?1 AND other_report_id = ?2
                   AND (rule = 'R5' OR rule = 'R6' AND scope NOT IN (SELECT value FROM json_each(?3)))",
                params![next, prev, cumulative_scopes()],
            )?;
            cached_exec(
                conn,
                "DELETE FROM check_runs WHERE report_id = ?1 AND other_report_id = ?2 AND kind = 'years'",
                params![next, prev],
            )?;
        }
        if prev_template.as_deref() == Some("pre2019") || next_template.as_deref() == Some("pre2019") {
            continue;
        }
        let results = checks::across_years(&*load(prev)?, &*load(next)?, (earlier, later));
        write_run(conn, inserts, next, Some(prev), RunKind::Years, &results)?;
    }
    type Neighbour = (i64, i32, Option<String>);
    let neighbour = |sql: &str| -> Result<Option<Neighbour>> {
        Ok(conn
            .prepare_cached(sql)?
            .query_row(params![agency_id, year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    };
    let this: Option<Neighbour> = near[1].as_ref().map(|(id, template)| (*id, year, template.clone()));
    // The report before matters only when this one is pre-2019 (the rule checks the later).
    let before = if this.as_ref().is_some_and(|t| t.2.as_deref() == Some("pre2019")) {
        neighbour(
            "SELECT report_id, year, template FROM reports WHERE agency_id = ?1 AND year < ?2 ORDER BY year DESC LIMIT 1",
        )?
    } else {
        None
    };
    let after = neighbour(
        "SELECT report_id, year, template FROM reports WHERE agency_id = ?1 AND year > ?2 ORDER BY year LIMIT 1",
    )?;
    for (earlier, later) in [(before, this.clone()), (this, after)] {
        let (Some((prev, prev_year, _)), Some((next, next_year, next_template))) = (earlier, later) else { continue };
        // Only a pre-2019 report has a 历年累计 figure to check (and results to replace).
        if next_template.as_deref() != Some("pre2019") {
            continue;
        }
        // Whatever report the later one was compared with before, it is this one now.
        cached_exec(
            conn,
            "DELETE FROM check_results WHERE report_id = ?1 AND rule = 'R6' AND scope IN (SELECT value FROM json_each(?2))",
            params![next, cumulative_scopes()],
        )?;
        cached_exec(conn, "DELETE FROM check_runs WHERE report_id = ?1 AND kind = 'cumulative'", [next])?;
        let (a, b) = (load_figures(conn, prev)?, load_figures(conn, next)?);
        let results = checks::pre2019::cumulative(
            YearFigures { year: prev_year, figures: &a },
            YearFigures { year: next_year, figures: &b },
        );
        write_run(conn, inserts, next, Some(prev), RunKind::Cumulative, &results)?;
    }
    Ok(())
}

/// The scopes of the cumulative rule (a JSON array, for `json_each`).
fn cumulative_scopes() -> &'static str {
    static SCOPES: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        serde_json::to_string(&CUMULATIVE.iter().map(|(_, c)| *c).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
    });
    &SCOPES
}

/// Which rules a run of checks applied (`check_runs.kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    /// A report's own rules: R0–R4 and R7 ([`checks::run`]).
    Report,
    /// Between two years' reports: R5 and the table 二 R6 ([`checks::across_years`]).
    Years,
    /// The pre-2019 cumulative rule ([`checks::pre2019::cumulative`]).
    Cumulative,
}

impl RunKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Report => "report",
            RunKind::Years => "years",
            RunKind::Cumulative => "cumulative",
        }
    }

    pub fn parse(s: &str) -> Option<RunKind> {
        [RunKind::Report, RunKind::Years, RunKind::Cumulative].into_iter().find(|k| k.as_str() == s)
    }
}

/// Is a result counted in `check_runs` rather than stored? Every pass, except an R7 pass
/// whose two sides differ in their last bits (`claims` reads R7's table value from the
/// stored row, or, for a counted pass, from the claim's own stated value).
fn counted(k: &CheckResult) -> bool {
    k.status == CheckStatus::Pass && (k.rule != Rule::R7 || k.lhs == k.rhs)
}

/// Store one run of checks: the results that are not counted as rows of `check_results`,
/// numbered in order from the next free check id, and the passes counted in `check_runs`.
fn write_run(
    tx: &Connection,
    inserts: &mut Inserts,
    report_id: i64,
    other: Option<i64>,
    kind: RunKind,
    results: &[CheckResult],
) -> Result<()> {
    if results.is_empty() {
        return Ok(());
    }
    let first = next_check_id(tx)?;
    let mut passed = [0i64; 8];
    let mut rows: Vec<(i64, &CheckResult)> = Vec::new();
    for (i, k) in results.iter().enumerate() {
        if counted(k) {
            if let Some(n) = Rule::ALL.iter().position(|r| *r == k.rule) {
                passed[n] += 1;
                continue;
            }
        }
        rows.push((first + i as i64, k));
    }
    inserts.insert(
        tx,
        "check_results (check_id, report_id, rule, scope, lhs, rhs, status, detail, other_report_id)",
        9,
        &rows,
        |b, at, &(check_id, k)| {
            b.int(at, check_id)?;
            b.int(at + 1, report_id)?;
            b.text(at + 2, k.rule.as_str())?;
            b.text(at + 3, k.scope.as_str())?;
            b.opt_real(at + 4, k.lhs)?;
            b.opt_real(at + 5, k.rhs)?;
            b.text(at + 6, k.status.as_str())?;
            b.text(at + 7, k.detail.as_str())?;
            b.opt_int(at + 8, other)
        },
    )?;
    if passed.iter().any(|&n| n > 0) {
        cached_exec(
            tx,
            "INSERT INTO check_runs (first_check_id, report_id, other_report_id, kind, results,
                passed_r0, passed_r1, passed_r2, passed_r3, passed_r4, passed_r5, passed_r6, passed_r7)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                first,
                report_id,
                other,
                kind.as_str(),
                results.len() as i64,
                passed[0],
                passed[1],
                passed[2],
                passed[3],
                passed[4],
                passed[5],
                passed[6],
                passed[7]
            ],
        )?;
    }
    Ok(())
}

/// The check id the next result gets: one past the highest in use, stored or counted (as
/// a rowid table numbers its rows, so a run's ids are those its rows had when every
/// result was a row).
fn next_check_id(conn: &Connection) -> Result<i64> {
    Ok(cached_row(
        conn,
        "SELECT max(coalesce((SELECT max(check_id) FROM check_results), 0),
                    coalesce((SELECT first_check_id + results - 1 FROM check_runs ORDER BY first_check_id DESC LIMIT 1), 0)) + 1",
        [],
        |r| r.get(0),
    )?)
}

/// One stored run of checks whose passes are counted (a row of `check_runs`).
#[derive(Clone, Debug)]
pub struct Run {
    pub first_check_id: i64,
    pub report_id: i64,
    pub other_report_id: Option<i64>,
    pub kind: RunKind,
    pub results: i64,
}

/// A stored report as the rules of one run read it: versions and cells, claims, figures.
/// Its template cells are read through the database's numbering (`dims`) when it has one.
fn load_report(conn: &Connection, dims: &Dims, report_id: i64) -> Result<Report> {
    let mut report = if dims.cells_by_id.is_empty() {
        load_cells(conn, report_id)?
    } else {
        load_cells_numbered(conn, dims, report_id)?
    };
    let template: Option<String> =
        cached_row(conn, "SELECT template FROM reports WHERE report_id = ?1", [report_id], |r| r.get(0))?;
    report.era = match template.as_deref() {
        Some("pre2019") => Era::Pre2019,
        Some(_) => Era::Template,
        None => Era::Unknown,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT text, subject, stated_value, stated_change_pct, stated_change_abs, implied_previous
         FROM claims WHERE report_id = ?1 ORDER BY claim_id",
    )?;
    report.claims = stmt
        .query_map([report_id], |r| {
            Ok(Claim {
                text: r.get(0)?,
                subject: r.get(1)?,
                value: r.get(2)?,
                change_pct: r.get(3)?,
                change_abs: r.get(4)?,
                implied_previous: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    report.figures = load_figures(conn, report_id)?;
    Ok(report)
}

/// Stored reports read again for the rules, run after run: what listing every report's
/// checks needs. A report's cells are read through the database's numbering of template
/// cells (by key range, as the writer reads them), and the last few reports read are
/// kept, since runs come report by report in (agency, year) order and a cross-year run
/// reads the report of the year before, read just before. Before, each run read its
/// reports afresh through the view `cells`: three readings of most reports.
pub struct Rereader<'c> {
    conn: &'c Connection,
    dims: Dims,
    /// The reports read last, newest at the back.
    recent: VecDeque<(i64, Rc<Report>)>,
}

/// How many reports a [`Rereader`] keeps: a run reads at most two.
const REREAD_KEPT: usize = 4;

impl<'c> Rereader<'c> {
    /// A reader of `conn`'s reports (its numbering read once).
    pub fn new(conn: &'c Connection) -> Result<Rereader<'c>> {
        Ok(Rereader { conn, dims: Dims::load(conn)?, recent: VecDeque::new() })
    }

    /// A stored report, as [`load_report`] gives it.
    fn report(&mut self, report_id: i64) -> Result<Rc<Report>> {
        if let Some((_, r)) = self.recent.iter().find(|(id, _)| *id == report_id) {
            return Ok(r.clone());
        }
        let report = Rc::new(load_report(self.conn, &self.dims, report_id)?);
        if self.recent.len() == REREAD_KEPT {
            self.recent.pop_front();
        }
        self.recent.push_back((report_id, report.clone()));
        Ok(report)
    }

    /// The results of a run as the rules give them again from the stored reports, each
    /// with its check id (the run's first plus its place).
    pub fn rebuild_run(&mut self, run: &Run) -> Result<Vec<(i64, CheckResult)>> {
        let conn = self.conn;
        let year = |id: i64| -> Result<i32> {
            Ok(cached_row(conn, "SELECT year FROM reports WHERE report_id = ?1", [id], |r| r.get(0))?)
        };
        let results = match (run.kind, run.other_report_id) {
            (RunKind::Report, _) => checks::run(&*self.report(run.report_id)?),
            (RunKind::Years, Some(other)) => {
                let (a, b) = (self.report(other)?, self.report(run.report_id)?);
                checks::across_years(&a, &b, (year(other)?, year(run.report_id)?))
            }
            (RunKind::Cumulative, Some(other)) => {
                let (a, b) = (self.report(other)?, self.report(run.report_id)?);
                checks::pre2019::cumulative(
                    YearFigures { year: year(other)?, figures: &a.figures },
                    YearFigures { year: year(run.report_id)?, figures: &b.figures },
                )
            }
            _ => Vec::new(),
        };
        if results.len() as i64 != run.results {
            bail!(
                "the checks of report {} cannot be listed as they were stored: this xxgk gives {} results where the import gave {} (import it again with --replace)",
                run.report_id,
                results.len(),
                run.results
            );
        }
        Ok(results.into_iter().enumerate().map(|(i, k)| (run.first_check_id + i as i64, k)).collect())
    }

    /// The passes counted in a run, rebuilt with their check ids (the results the run
    /// stored as rows are left out).
    pub fn rebuild_passes(&mut self, run: &Run) -> Result<Vec<(i64, CheckResult)>> {
        Ok(self.rebuild_run(run)?.into_iter().filter(|(_, k)| counted(k)).collect())
    }
}

/// A stored report's pre-2019 figures and claims, in report order.
pub fn load_figures(conn: &Connection, report_id: i64) -> Result<Vec<Figure>> {
    let mut stmt = conn
        .prepare_cached("SELECT key, value, unit, raw, source, role FROM figures WHERE report_id = ?1 ORDER BY seq")?;
    let rows = stmt.query_map([report_id], |r| {
        Ok(Figure {
            key: r.get(0)?,
            value: r.get(1)?,
            unit: r.get(2)?,
            raw: r.get(3)?,
            source: if r.get::<_, String>(4)? == "table" { FigureSource::Table } else { FigureSource::Prose },
            role: if r.get::<_, String>(5)? == "figure" { Role::Figure } else { Role::Claim },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A stored report's template versions, per table.
fn stored_versions(conn: &Connection, report_id: i64) -> Result<Versions> {
    let (p, a, r): (Option<String>, Option<String>, Option<String>) = cached_row(
        conn,
        "SELECT proactive_version, applications_version, appeals_version FROM reports WHERE report_id = ?1",
        [report_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let version = |v: Option<String>| v.as_deref().and_then(Version::parse);
    Ok(Versions { proactive: version(p), applications: version(a), appeals: version(r) })
}

/// A stored report's versions and cells, as the checks read them. Keys the template does
/// not know are left out (an `extra:` row of table 二 keeps its row key).
pub fn load_cells(conn: &Connection, report_id: i64) -> Result<Report> {
    let mut report = Report { versions: stored_versions(conn, report_id)?, ..Report::default() };
    let mut stmt = conn
        .prepare_cached("SELECT tbl, row_key, col_key, raw, value, state, unit, ocr_confidence, ocr_raw FROM cells WHERE report_id = ?1")?;
    let mut rows = stmt.query([report_id])?;
    while let Some(row) = rows.next()? {
        let (tbl, row_key, col_key): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let Some((tbl, row_key, col)) = cell_named(&tbl, row_key, &col_key) else { continue };
        let state = match row.get::<_, String>(5)?.as_str() {
            "number" => State::Number,
            "blank" => State::Blank,
            "na" => State::Na,
            _ => State::Text,
        };
        report.cells.push(stored_cell(row, 3, (tbl, row_key, col), state)?);
    }
    Ok(report)
}

/// A stored cell from a row whose columns from `at` on are raw, value, state, unit,
/// ocr_confidence, ocr_raw (the state decoded by the caller: text or code).
fn stored_cell(
    row: &rusqlite::Row,
    at: usize,
    (tbl, row_key, col): (Table, Cow<'static, str>, &'static str),
    state: State,
) -> rusqlite::Result<CellValue> {
    Ok(CellValue {
        tbl,
        row: row_key,
        col,
        raw: row.get::<_, String>(at)?.into(),
        value: row.get(at + 1)?,
        state,
        unit: row.get(at + 3)?,
        placement: Default::default(),
        confidence: row.get::<_, Option<f64>>(at + 4)?.map(|k| k as f32),
        ocr_raw: row.get(at + 5)?,
    })
}

/// A cell's table, row and column as [`load_cells`] keeps them: a known table and column,
/// the template's row key or the row key as stored (an `extra:` row); None for others.
fn cell_named(tbl: &str, row_key: String, col_key: &str) -> Option<(Table, Cow<'static, str>, &'static str)> {
    let tbl = Table::parse(tbl)?;
    let def = tbl.def();
    let col = def.blocks.iter().flat_map(|b| b.columns.iter()).map(|c| c.key).find(|c| *c == col_key)?;
    let row_key: Cow<'static, str> = match def.row(&row_key) {
        Some(r) => Cow::Borrowed(r.key),
        None => Cow::Owned(row_key),
    };
    Some((tbl, row_key, col))
}

/// [`load_cells`] for the writer, which knows the database's numbering of template cells:
/// the template cells read from `cell_data` by key range and named through `dims`, the
/// added rows from `extra_cells`, in the order the view `cells` gives them.
fn load_cells_numbered(conn: &Connection, dims: &Dims, report_id: i64) -> Result<Report> {
    let mut report = Report { versions: stored_versions(conn, report_id)?, ..Report::default() };
    let state = |code: i64| -> Result<State> {
        Ok(match code {
            0 => State::Number,
            1 => State::Blank,
            2 => State::Na,
            3 => State::Text,
            _ => bail!("report {report_id}: a cell has the unknown state code {code}"),
        })
    };
    let mut stmt = conn.prepare_cached(
        "SELECT cell_key, raw, value, state, unit, ocr_confidence, ocr_raw FROM cell_data
         WHERE cell_key BETWEEN ?1 * 1024 AND ?1 * 1024 + 1023",
    )?;
    let mut rows = stmt.query([report_id])?;
    while let Some(row) = rows.next()? {
        let key: i64 = row.get(0)?;
        let at = usize::try_from(key - report_id * CELL_KEY_SPAN).unwrap_or(usize::MAX);
        let Some(Some((tbl, row_key, col))) = dims.cells_by_id.get(at) else {
            continue;
        };
        report.cells.push(stored_cell(row, 1, (*tbl, row_key.clone(), col), state(row.get(3)?)?)?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT tbl, row_key, col_key, raw, value, state, unit, ocr_confidence, ocr_raw FROM extra_cells e
         WHERE e.report_id = ?1",
    )?;
    let mut rows = stmt.query([report_id])?;
    while let Some(row) = rows.next()? {
        let (tbl, row_key, col_key): (String, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let Some((tbl, row_key, col)) = cell_named(&tbl, row_key, &col_key) else { continue };
        report.cells.push(stored_cell(row, 3, (tbl, row_key, col), state(row.get(5)?)?)?);
    }
    Ok(report)
}

/// The agency a printed name belongs to, created if new.
///
/// A known name (any alias) is its agency. Otherwise a name that resolves to the same
/// region as an existing agency and differs from one of its names only by a parent
/// division's prefix joins that agency (and the fuller name becomes canonical).
/// The agencies' names of each region, as [`agency_id`] matches a new name against them:
/// a name that ends with another name of its region, or with which one ends, may be the
/// same agency. Read from the database a region at a time, the first time a new name of
/// that region comes, then kept in step with what the writer adds, so that a new agency
/// costs no scan of its region. Forgotten whenever the database may have changed behind
/// it: another connection's commit (`PRAGMA data_version`), a rollback, an alias recorded.
#[derive(Debug, Default)]
struct AgencyNames {
    /// Region code → (agency_id, alias) of every name its agencies are known by.
    regions: HashMap<String, Vec<(i64, String)>>,
    /// agency_id → canonical name, for the agencies of the regions read.
    canonical: HashMap<i64, String>,
    /// The connection's `PRAGMA data_version` when the names were read.
    data_version: Option<i64>,
}

impl AgencyNames {
    /// Forget everything if another connection has committed since the names were read.
    fn check(&mut self, conn: &Connection) -> Result<()> {
        if self.regions.is_empty() {
            return Ok(());
        }
        let version: i64 = cached_row(conn, "PRAGMA data_version", [], |r| r.get(0))?;
        if self.data_version != Some(version) {
            self.forget();
        }
        Ok(())
    }

    fn forget(&mut self) {
        self.regions.clear();
        self.canonical.clear();
        self.data_version = None;
    }

    /// The names of `region`'s agencies, read from the database the first time.
    fn region(&mut self, conn: &Connection, region: &str) -> Result<&mut Vec<(i64, String)>> {
        if self.data_version.is_none() {
            self.data_version = Some(cached_row(conn, "PRAGMA data_version", [], |r| r.get(0))?);
        }
        if !self.regions.contains_key(region) {
            let mut stmt = conn.prepare_cached(
                "SELECT l.agency_id, l.alias, a.name FROM agency_aliases l JOIN agencies a USING (agency_id)
                 WHERE a.region_code = ?1",
            )?;
            let mut rows = stmt.query([region])?;
            let mut names = Vec::new();
            while let Some(r) = rows.next()? {
                let (id, alias, canonical): (i64, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
                self.canonical.insert(id, canonical);
                names.push((id, alias));
            }
            self.regions.insert(region.to_string(), names);
        }
        Ok(self.regions.entry(region.to_string()).or_default())
    }
}

/// The agency a report's name belongs to, added if new: a name already seen; else one of
/// its region that differs from it by a parent division's prefix (the lowest agency_id of
/// those [`xxgk_core::agency::same_agency`] accepts), the name becoming its alias; else a
/// new agency.
fn agency_id(conn: &Connection, names: &mut AgencyNames, name: &str) -> Result<i64> {
    if let Some(id) =
        cached_row(conn, "SELECT agency_id FROM agency_aliases WHERE alias = ?1", [name], |r| r.get(0)).optional()?
    {
        return Ok(id);
    }
    let region = xxgk_core::agency::resolve_region(name);
    if let Some(region) = &region {
        // Only names of which one ends with the other can differ by a prefix alone.
        let known = names.region(conn, &region.code)?;
        let found = known
            .iter()
            .filter(|(_, alias)| {
                (name.ends_with(alias.as_str()) || alias.ends_with(name)) && xxgk_core::agency::same_agency(name, alias)
            })
            .min()
            .map(|(id, _)| *id);
        if let Some(id) = found {
            known.push((id, name.to_string()));
            cached_exec(
                conn,
                "INSERT INTO agency_aliases (alias, agency_id, source) VALUES (?1, ?2, 'prefix')",
                params![name, id],
            )?;
            let canonical = names.canonical.get(&id).map_or(0, |c| c.chars().count());
            if name.chars().count() > canonical {
                cached_exec(conn, "UPDATE agencies SET name = ?1 WHERE agency_id = ?2", params![name, id])?;
                names.canonical.insert(id, name.to_string());
            }
            return Ok(id);
        }
    }
    let kind = xxgk_core::agency::resolve_kind(name);
    let (code, province, city, county) = region_columns(region.as_ref());
    cached_exec(
        conn,
        "INSERT INTO agencies (name, region_code, province, city, county, kind, kind_name) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![name, code, province, city, county, kind.map(|k| k.slug), kind.map(|k| k.name)],
    )?;
    let id = conn.last_insert_rowid();
    cached_exec(
        conn,
        "INSERT INTO agency_aliases (alias, agency_id, source) VALUES (?1, ?2, 'report')",
        params![name, id],
    )?;
    if let Some(region) = &region {
        names.region(conn, &region.code)?.push((id, name.to_string()));
        names.canonical.insert(id, name.to_string());
    }
    Ok(id)
}

/// Record `alias` as a name of the agency called `canonical` (an alias or canonical
/// name). If `alias` is already an agency with reports of its own, they move over;
/// a year both have is an error and nothing changes.
pub fn record_alias(store: &mut Store, alias: &str, canonical: &str) -> Result<()> {
    store.names.forget();
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
                bail!(
                    "both {alias} and {canonical} have reports for {clash:?}; remove one first (xxgk import --replace)"
                );
            }
            tx.execute("UPDATE reports SET agency_id = ?1 WHERE agency_id = ?2", params![target, id])?;
            tx.execute(
                "UPDATE agency_aliases SET agency_id = ?1, source = 'manual' WHERE agency_id = ?2",
                params![target, id],
            )?;
            tx.execute("DELETE FROM agencies WHERE agency_id = ?1", [id])?;
            let years: Vec<i32> = tx
                .prepare("SELECT year FROM reports WHERE agency_id = ?1")?
                .query_map([target], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for y in years {
                cross_year_checks(&tx, &mut Inserts::default(), None, target, y)?;
            }
        }
        None => {
            tx.execute(
                "INSERT INTO agency_aliases (alias, agency_id, source) VALUES (?1, ?2, 'manual')",
                params![alias, target],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// SQL functions xxgk's queries use: `xxgk_regexp(pattern, text)`, true when the regular
/// expression matches (the compiled pattern is cached per statement).
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "xxgk_regexp",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let re: std::sync::Arc<regex::Regex> =
                ctx.get_or_create_aux(0, |v| -> Result<regex::Regex, Box<dyn std::error::Error + Send + Sync>> {
                    Ok(regex::Regex::new(v.as_str()?)?)
                })?;
            let text = ctx.get_raw(1).as_str().unwrap_or("");
            Ok(re.is_match(text))
        },
    )?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use xxgk_core::parse::{self, Overrides};
    use xxgk_core::source::Limits;

    /// The sample report, parsed from `text` (its own sha256).
    fn sample(text: &str) -> Parsed {
        let sha = parse::sha256_hex(text.as_bytes());
        parse::parse_bytes(Path::new("zibo.txt"), text.as_bytes(), sha, &Limits::default(), &Overrides::default())
            .unwrap()
    }

    /// The repository's top folder.
    const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

    /// The text of the sample report (examples/).
    fn sample_text() -> String {
        std::fs::read_to_string(format!("{REPO}/examples/zibo-psb-2020.txt")).unwrap()
    }

    /// A new database in a folder of its own (removed when the folder is dropped).
    fn new_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("x.db"), Access::ReadWrite).unwrap();
        (dir, store)
    }

    /// A row of `metric_data`: key, value, numerator, denominator, source_id, unit.
    type MetricTuple = (i64, Option<f64>, Option<f64>, Option<f64>, i64, Option<String>);

    fn metric_rows(conn: &Connection) -> Vec<MetricTuple> {
        conn.prepare("SELECT * FROM metric_data ORDER BY metric_key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_batch_writes_its_metrics_when_it_commits_and_a_replaced_reports_go_with_it() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/zibo-psb-2020.txt")).unwrap();
        let (first, again) = (sample(&text), sample(&format!("{text}\n（本报告重新发布。）\n")));
        let metrics = first.derived.metrics.len();
        assert!(metrics > 10, "{metrics}");
        let dir = tempfile::tempdir().unwrap();

        // Alone (its own transaction), the report's metrics are written with it.
        let mut alone = Store::open(&dir.path().join("alone.db"), Access::ReadWrite).unwrap();
        let id = alone.import(&first, false).unwrap().id();
        let want = metric_rows(&alone.conn);
        assert_eq!(want.len(), metrics);
        assert!(want.iter().all(|m| m.0 & 0xFFFF_FFFF == id));

        // In a batch: nothing in metric_data until the commit; a report imported again
        // without --replace (a duplicate) adds nothing; replaced, its rows go with it,
        // though the new report takes the same id.
        let mut batch = Store::open(&dir.path().join("batch.db"), Access::ReadWrite).unwrap();
        batch.begin_batch().unwrap();
        let old = batch.import(&first, false).unwrap().id();
        assert_eq!(metric_rows(&batch.conn).len(), 0);
        assert!(matches!(batch.import(&again, false).unwrap(), Outcome::Duplicate { .. }));
        let new = match batch.import(&again, true).unwrap() {
            Outcome::Replaced(new) => new,
            other => panic!("{other:?}"),
        };
        assert_eq!(new, old, "the replacing report reuses the deleted one's id");
        batch.commit_batch().unwrap();
        assert_eq!(metric_rows(&batch.conn), want);
        let cells: i64 = batch.conn.query_row("SELECT count(*) FROM cell_data", [], |r| r.get(0)).unwrap();
        assert_eq!(cells, 198);
    }

    /// `check` rebuilds counted passes through a [`Rereader`]: cells read by key range
    /// and named through the numbering, reports kept from run to run. Every run of a
    /// database with a report, a cross-year and a cumulative run gives what the rules
    /// give on reports read through the view `cells`, as the import counted them.
    #[test]
    fn reports_read_again_by_number_are_the_reports_read_through_the_view() {
        let zibo = sample_text();
        let (_dir, mut store) = new_store();
        store.import(&sample(&zibo), false).unwrap();
        store.import(&sample(&zibo.replace("2020年", "2021年")), false).unwrap();
        // A pre-2019 report and the next year's, whose 历年累计 (4,359 + 739) passes.
        let pingtan = std::fs::read_to_string(format!("{REPO}/tests/fixtures/pre2019/pingtan-2012.txt")).unwrap();
        for text in [pingtan.clone(), pingtan.replace("2012", "2013").replace("4359", "5098")] {
            let sha = parse::sha256_hex(text.as_bytes());
            let parsed = parse::parse_bytes(
                Path::new("pingtan.txt"),
                text.as_bytes(),
                sha,
                &Limits::default(),
                &Overrides::default(),
            )
            .unwrap();
            store.import(&parsed, false).unwrap();
        }
        let conn = &store.conn;
        let runs: Vec<Run> = conn
            .prepare("SELECT first_check_id, report_id, other_report_id, kind, results FROM check_runs ORDER BY first_check_id")
            .unwrap()
            .query_map([], |r| {
                Ok(Run {
                    first_check_id: r.get(0)?,
                    report_id: r.get(1)?,
                    other_report_id: r.get(2)?,
                    kind: RunKind::parse(&r.get::<_, String>(3)?).unwrap(),
                    results: r.get(4)?,
                })
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let kinds: HashSet<&str> = runs.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, HashSet::from(["report", "years", "cumulative"]), "{runs:?}");
        let dims = Dims::load(conn).unwrap();
        assert!(!dims.cells_by_id.is_empty());
        let ids: Vec<i64> = conn
            .prepare("SELECT report_id FROM reports")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(ids.len(), 4);
        for id in ids {
            let (by_number, by_view) =
                (load_report(conn, &dims, id).unwrap(), load_report(conn, &Dims::default(), id).unwrap());
            assert_eq!(format!("{by_number:?}"), format!("{by_view:?}"), "report {id}");
        }
        // Each run once in order, as `check` reads them, then in reverse, so that reports
        // come both from what the reader kept and afresh.
        let mut reread = Rereader::new(conn).unwrap();
        for run in runs.iter().chain(runs.iter().rev()) {
            let again: Vec<(i64, CheckResult)> = reread.rebuild_run(run).unwrap();
            let report = |id: i64| load_report(conn, &Dims::default(), id).unwrap();
            let year = |id: i64| -> i32 {
                conn.query_row("SELECT year FROM reports WHERE report_id = ?1", [id], |r| r.get(0)).unwrap()
            };
            let fresh = match (run.kind, run.other_report_id) {
                (RunKind::Report, _) => checks::run(&report(run.report_id)),
                (RunKind::Years, Some(o)) => {
                    checks::across_years(&report(o), &report(run.report_id), (year(o), year(run.report_id)))
                }
                (RunKind::Cumulative, Some(o)) => checks::pre2019::cumulative(
                    YearFigures { year: year(o), figures: &report(o).figures },
                    YearFigures { year: year(run.report_id), figures: &report(run.report_id).figures },
                ),
                other => panic!("{other:?}"),
            };
            assert_eq!(again.len() as i64, run.results);
            let ids: Vec<i64> = (run.first_check_id..).take(fresh.len()).collect();
            assert_eq!(format!("{again:?}"), format!("{:?}", ids.into_iter().zip(fresh).collect::<Vec<_>>()));
        }
    }

    /// The cells of a report as the view `cells` gives them, in key order.
    fn stored_cells(conn: &Connection, id: i64) -> Vec<String> {
        conn.prepare("SELECT tbl, row_key, col_key, raw, value, state FROM cells WHERE report_id = ?1 ORDER BY tbl, row_key, col_key")
            .unwrap()
            .query_map([id], |r| {
                Ok(format!(
                    "{}|{}|{}|{}|{:?}|{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<f64>>(4)?,
                    r.get::<_, String>(5)?
                ))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    /// The cells of a parsed report, as [`stored_cells`] writes them.
    fn parsed_cells(parsed: &Parsed) -> Vec<String> {
        let mut cells: Vec<String> = parsed
            .report
            .cells
            .iter()
            .map(|c| format!("{}|{}|{}|{}|{:?}|{}", c.tbl.key(), c.row, c.col, c.raw, c.value, c.state.as_str()))
            .collect();
        cells.sort();
        cells
    }

    #[test]
    fn cells_written_without_a_key_are_stored_under_their_own_keys() {
        let zibo = sample_text();
        let (_dir, mut store) = new_store();
        // A whole report; one with cells missing here and there (keys that do not follow
        // each other); a whole one again; a whole one after a stray row with a higher key
        // than any report's, which must not move it; and the first one replaced.
        let whole = sample(&zibo);
        let mut gaps = sample(&zibo.replace("2020年", "2021年"));
        for at in [150, 97, 40, 39, 1, 0] {
            gaps.report.cells.remove(at);
            gaps.derived.positions.remove(at);
        }
        let later = sample(&zibo.replace("2020年", "2022年"));
        let stray = sample(&zibo.replace("2020年", "2023年"));
        let mut written = Vec::new();
        for parsed in [&whole, &gaps, &later] {
            written.push((store.import(parsed, false).unwrap().id(), parsed));
        }
        store
            .conn
            .execute("INSERT INTO cell_data (cell_key, raw, state) VALUES (?1, 'x', 3)", [1000 * CELL_KEY_SPAN])
            .unwrap();
        written.push((store.import(&stray, false).unwrap().id(), &stray));
        store.conn.execute("DELETE FROM cell_data WHERE cell_key = ?1", [1000 * CELL_KEY_SPAN]).unwrap();
        let replaced = store.import(&whole, true).unwrap();
        assert!(matches!(replaced, Outcome::Replaced(_)), "{replaced:?}");
        written.remove(0);
        written.push((replaced.id(), &whole));
        assert_eq!(written.len(), 4);
        for (id, parsed) in written {
            let stored = stored_cells(&store.conn, id);
            assert_eq!(stored.len(), parsed.report.cells.len(), "report {id}");
            assert_eq!(stored, parsed_cells(parsed), "report {id}");
        }
        let total: i64 = store.conn.query_row("SELECT count(*) FROM cell_data", [], |r| r.get(0)).unwrap();
        assert_eq!(total as usize, 3 * whole.report.cells.len() + gaps.report.cells.len());
    }

    #[test]
    fn a_row_an_agency_added_is_stored_with_every_field() {
        let mut parsed = sample(&sample_text());
        let mut added = parsed.report.cells.iter().find(|c| c.tbl == Table::Applications).unwrap().clone();
        added.row = "extra:其他情形".into();
        added.raw = "7万元".into();
        added.value = Some(7.0);
        added.unit = Some("万元".into());
        added.placement = Placement::Aligned;
        added.confidence = Some(64.5);
        added.ocr_raw = Some("digits:7 chi_sim:7".into());
        parsed.report.cells.push(added.clone());
        parsed.derived.positions.push(None);
        let (_dir, mut store) = new_store();
        let id = store.import(&parsed, false).unwrap().id();
        assert_eq!(stored_cells(&store.conn, id), parsed_cells(&parsed));
        let row: (String, String, String, String, f64, i64, String, i64, f64, String) = store
            .conn
            .query_row(
                "SELECT tbl, row_key, col_key, raw, value, state, unit, placement, ocr_confidence, ocr_raw
                 FROM extra_cells WHERE report_id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                    ))
                },
            )
            .unwrap();
        let want = (
            "applications".to_string(),
            "extra:其他情形".to_string(),
            added.col.to_string(),
            "7万元".to_string(),
            7.0,
            state_code(added.state),
            "万元".to_string(),
            placement_code(Placement::Aligned),
            64.5,
            "digits:7 chi_sim:7".to_string(),
        );
        assert_eq!(row, want);
    }

    #[test]
    fn nothing_kept_for_a_batch_rolled_back_behind_the_writer_is_written() {
        let text = sample_text();
        let (first, other) = (sample(&text), sample(&text.replace("2020年", "2021年")));
        let (_dir, mut st) = new_store();
        st.begin_batch().unwrap();
        let id = st.import(&first, false).unwrap().id();
        // SQLite ends the transaction by itself (as it does after a full disk, say).
        st.conn.execute_batch("ROLLBACK").unwrap();
        st.begin_batch().unwrap();
        assert_eq!(st.import(&other, false).unwrap().id(), id, "the id is given again");
        st.commit_batch().unwrap();
        let rows = metric_rows(&st.conn);
        assert_eq!(rows.len(), other.derived.metrics.len());
        let year: i64 = st.conn.query_row("SELECT year FROM reports WHERE report_id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(year, 2021);
        // A batch that ends by itself before its commit leaves nothing to write either.
        st.begin_batch().unwrap();
        st.import(&first, false).unwrap();
        st.conn.execute_batch("ROLLBACK").unwrap();
        st.commit_batch().unwrap();
        assert_eq!(metric_rows(&st.conn), rows);
    }

    #[test]
    fn in_lists_are_spelled_out_as_comparisons_allowing_the_same_values() {
        let sql = "CREATE TABLE t (a TEXT CHECK (a IN ('x', 'y,z', 'w')), b INTEGER CHECK (b BETWEEN 0 AND 3), \
                   c TEXT NOT NULL CHECK (c IN ('p','q')))";
        let spelled = spell_out_in_lists(sql);
        assert_eq!(
            spelled,
            "CREATE TABLE t (a TEXT CHECK (a = 'x' OR a = 'y,z' OR a = 'w'), b INTEGER CHECK (b BETWEEN 0 AND 3), \
             c TEXT NOT NULL CHECK (c = 'p' OR c = 'q'))"
        );
        // Both forms accept and refuse the same values, NULL included.
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!("{sql}; {};", spelled.replace("TABLE t", "TABLE u"))).unwrap();
        for (a, c) in
            [(Some("x"), "p"), (Some("y,z"), "q"), (None, "p"), (Some("v"), "p"), (Some("x"), "r"), (Some("y"), "q")]
        {
            let t = conn.execute("INSERT INTO t (a, c) VALUES (?1, ?2)", params![a, c]).is_ok();
            let u = conn.execute("INSERT INTO u (a, c) VALUES (?1, ?2)", params![a, c]).is_ok();
            assert_eq!(t, u, "{a:?} {c}");
            assert_eq!(t, a.is_none_or(|a| ["x", "y,z", "w"].contains(&a)) && ["p", "q"].contains(&c), "{a:?} {c}");
        }
        // What has no IN list of strings is borrowed unchanged.
        assert!(matches!(spell_out_in_lists("CHECK (n IN (1, 2, 3))"), Cow::Borrowed(_)));
    }

    #[test]
    fn schema_sql_checks_no_column_against_an_in_list() {
        assert!(matches!(spell_out_in_lists(SCHEMA_SQL), Cow::Borrowed(_)), "schema.sql has a CHECK (col IN (…))");
        assert!(!SCHEMA_SQL
            .lines()
            .any(|l| !l.trim_start().starts_with("--") && l.contains("CHECK (") && l.contains(" IN (")));
    }

    /// A report of `agency` for `year` with a title and no tables.
    fn titled(agency: &str, year: i32) -> Parsed {
        let text = format!("{agency}{year}年政府信息公开工作年度报告\n本年度未收到政府信息公开申请。\n");
        let overrides = Overrides { agency: Some(agency.to_string()), year: Some(year) };
        let sha = parse::sha256_hex(format!("{agency}{year}").as_bytes());
        parse::parse_bytes(Path::new("t.txt"), text.as_bytes(), sha, &Limits::default(), &overrides).unwrap()
    }

    fn agencies(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT a.name, l.alias FROM agency_aliases l JOIN agencies a USING (agency_id) ORDER BY l.alias")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn names_differing_by_a_prefix_meet_within_one_writer_and_across_writers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.db");
        let mut a = Store::open(&path, Access::ReadWrite).unwrap();
        a.import(&titled("洪泽区人民政府", 2021), false).unwrap();
        // The writer has read the region's names; the fuller name joins the agency and
        // becomes its canonical name.
        a.import(&titled("淮安市洪泽区人民政府", 2022), false).unwrap();
        let both = vec![
            ("淮安市洪泽区人民政府".to_string(), "洪泽区人民政府".to_string()),
            ("淮安市洪泽区人民政府".to_string(), "淮安市洪泽区人民政府".to_string()),
        ];
        assert_eq!(agencies(&a), both);
        // Another connection adds an agency of the same region: the first writer's names
        // of that region are stale and must be read again.
        let mut b = Store::open(&path, Access::ReadWrite).unwrap();
        b.import(&titled("淮安市洪泽区教育局", 2021), false).unwrap();
        a.import(&titled("洪泽区教育局", 2022), false).unwrap();
        let names = agencies(&a);
        assert!(names.contains(&("淮安市洪泽区教育局".to_string(), "洪泽区教育局".to_string())), "{names:?}");
        let distinct: HashSet<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(distinct.len(), 2, "{names:?}");
    }
}
