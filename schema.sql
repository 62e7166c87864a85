-- xxgk database schema, version 12 (PRAGMA user_version; see store.rs).
--
-- This file is the public contract: analysts query these tables and views directly.
-- Keys (tbl, row_key, col_key) and cell states are those of the national template as
-- written in the project's spec (table keys: proactive = 二, applications = 三,
-- appeals = 四). Reports from before the 2019 template (2008–2018) have no cells but
-- figures (table `figures`, view `report_figures`) under the keys of spec/pre2019.md.
-- xxgk applies this file when it creates a database and records the version in
-- PRAGMA user_version; older databases are brought forward by the migrations in
-- crates/xxgk-db/src/store.rs (version 2 added reports.template, figures,
-- report_metrics.source / unit and report_figures; version 3 the publication date,
-- the catalogs template_rows and metric_catalog, the view metric_values, agency_id /
-- canonical agency / agency_printed in every per-report view, and tables that every
-- SQLite reader can scan: no WITHOUT ROWID, no LIKE … ESCAPE in views; version 6 OCR:
-- source_format 'image', reports.ocr_pages, cells.ocr_confidence / ocr_raw; version 7 stores
-- cells and metrics under integer keys — `cell_data` keyed by report_id × 1024 + the cell's
-- number in `template_cells`, `metric_data` by metric_id × 2^32 + report_id — with `cells`
-- and `report_metrics` views of the same columns as the tables they replace — and counts
-- the checks that pass per run in `check_runs` instead of storing them); version 8 spells out
-- the allowed values of text columns as comparisons, as the next paragraph says; version 9
-- changes no table: it works out every agency's region again, a place's short form (中山 for
-- 中山市) now counting only in the name of an agency of a known kind; version 10 adds the
-- index agencies_in_place_order; version 11 lets reports.source_format be 'rtf', version 12
-- 'ofd').
--
-- The allowed values of a text column are checked as `col = 'a' OR col = 'b' …`, not as
-- `col IN ('a', 'b', …)`, which means the same: for an IN list of more than two values
-- SQLite builds a temporary index every time an INSERT statement runs, and the import
-- runs several such statements per report.
--
-- What analysts read are the views (`cells`, `cell_values`, `report_metrics`,
-- `metric_values`, `report_*`, `check_summary`) and the plain tables (`reports`,
-- `agencies`, `claims`, `figures`, `check_results`, the catalogs). The bulk lies beneath
-- the views, compactly: one row of `cell_data` per template cell, `extra_cells` for the
-- rows an agency added, one row of `metric_data` per metric. A filter on report_id of
-- `cells`, `cell_values` or `report_metrics` reads that report's rows by key range.
--
-- Readers other than SQLite itself read this file too: DuckDB (ATTACH … (TYPE sqlite)),
-- datasette, pandas. So every table has a rowid (DuckDB counts rows through it) and the
-- views use nothing but plain SQL that DuckDB can translate (tests/fixtures/analyst_tools.py
-- checks every table and view).

-- One agency, under its canonical name, with its region and kind. Names that differ
-- only by a parent division's prefix (洪泽区人民政府 / 淮安市洪泽区人民政府) are one agency;
-- `xxgk agencies alias` records others. Trends and cross-year checks follow this table.
CREATE TABLE IF NOT EXISTS agencies (
    agency_id   INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,  -- canonical: the fullest name seen
    region_code TEXT,                  -- 6-digit division code of the deepest division named
    province    TEXT,
    city        TEXT,
    county      TEXT,
    kind        TEXT,                  -- e.g. public_security, government, township
    kind_name   TEXT                   -- e.g. 公安, 人民政府, 乡镇
);
CREATE INDEX IF NOT EXISTS agencies_by_region ON agencies (region_code);
-- Agencies in the order `xxgk agencies` lists them (province, city, name), with every
-- column it shows: read in that order, nothing sorted (schema version 10).
CREATE INDEX IF NOT EXISTS agencies_in_place_order
    ON agencies (province, city, name, county, region_code, kind, kind_name);

-- Every name an agency's reports have used, and names recorded by hand.
CREATE TABLE IF NOT EXISTS agency_aliases (
    alias     TEXT    PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agencies (agency_id) ON DELETE CASCADE,
    source    TEXT    NOT NULL CHECK (source = 'report' OR source = 'prefix' OR source = 'manual')
);
CREATE INDEX IF NOT EXISTS agency_aliases_by_agency ON agency_aliases (agency_id);

-- One imported annual report: one agency, one statistics year.
CREATE TABLE IF NOT EXISTS reports (
    report_id            INTEGER PRIMARY KEY,
    agency_id            INTEGER NOT NULL REFERENCES agencies (agency_id),
    agency               TEXT    NOT NULL,            -- as the report's own title gives it
    year                 INTEGER NOT NULL,            -- the statistics year (统计期限)
    title                TEXT,
    source_path          TEXT    NOT NULL,            -- the file as given to `xxgk import`
    source_sha256        TEXT    NOT NULL,            -- hex digest of the file's bytes
    source_format        TEXT    NOT NULL CHECK (source_format = 'text' OR source_format = 'html' OR source_format = 'docx' OR source_format = 'pdf' OR source_format = 'doc' OR source_format = 'image' OR source_format = 'rtf' OR source_format = 'ofd'),
                                                      -- image: PNG/JPEG/TIFF/BMP/WebP pictures of pages, read by OCR;
                                                      -- ofd: GB/T 33190 fixed-layout documents
    proactive_version    TEXT,                        -- template version of table 二: 2019 | 2021
    applications_version TEXT,                        -- table 三: 2019 | 2021 | 2019/2021 (no （六） row seen)
    appeals_version      TEXT,                        -- table 四: 2019/2021 (identical in both)
    notes                TEXT    NOT NULL DEFAULT '[]', -- JSON array: what extraction missed or found odd
    imported_at          TEXT    NOT NULL,            -- RFC 3339, UTC
    -- How the report was read: 'pre2019' (no national tables: figures, see `figures`);
    -- '2019' / '2021' (every table whose version is known has it); 'mixed' (tables of
    -- both versions); '2019/2021' (national tables whose version none tells); NULL when
    -- neither was found (and for reports imported by schema version 1 without tables:
    -- re-import them with --replace to read their figures).
    template             TEXT    CHECK (template = 'pre2019' OR template = '2019' OR template = '2021' OR template = 'mixed' OR template = '2019/2021'),
    -- Whether the report has every cell of its template: 'complete'; 'partial' (cells
    -- missing — the rule R0 in check_results says which, per table); 'no_tables' (none of
    -- the three tables: printed as images, say); 'pre2019' (read for figures, not cells).
    completeness         TEXT    CHECK (completeness = 'complete' OR completeness = 'partial' OR completeness = 'no_tables' OR completeness = 'pre2019'),
    cells_expected       INTEGER,                     -- the template's cell count for the report's versions
    -- When the report was published (YYYY-MM-DD), and where that date was read:
    -- 'page meta' (a <meta> of the web page: PubDate, article:published_time …),
    -- 'page text' (a 发布时间 / 发布日期 / 公开日期 line of the page), 'signature' (the
    -- date under the report's signature, 落款), 'document metadata' (the DOCX or PDF
    -- file's creation date: when the file was made, which may differ). NULL: not found.
    published_on         DATE,
    published_source     TEXT    CHECK (published_source = 'page meta' OR published_source = 'page text' OR published_source = 'signature' OR published_source = 'document metadata'),
    -- Pages read by OCR (a scan, a picture, a table printed as an image); NULL: none.
    ocr_pages            INTEGER,
    UNIQUE (agency_id, year)
);
CREATE INDEX IF NOT EXISTS reports_by_agency_year ON reports (agency, year);
CREATE INDEX IF NOT EXISTS reports_by_year ON reports (year, agency_id);
CREATE INDEX IF NOT EXISTS reports_by_sha256 ON reports (source_sha256);

-- The cells of the national template, numbered: the dimension of `cell_data`. A database
-- numbers the template's cells once, in the template's printed order (table, block, row,
-- column), and keeps the numbers; a cell the template gains later gets the next free
-- number. Written by xxgk from its template model; read-only data.
CREATE TABLE IF NOT EXISTS template_cells (
    cell_id   INTEGER PRIMARY KEY CHECK (cell_id BETWEEN 0 AND 1023),
    tbl       TEXT    NOT NULL CHECK (tbl = 'proactive' OR tbl = 'applications' OR tbl = 'appeals'),
    row_key   TEXT    NOT NULL,
    col_key   TEXT    NOT NULL,
    UNIQUE (tbl, row_key, col_key)
);

-- Every statistics cell of the template exactly as printed: one row per report and cell,
-- keyed by report_id × 1024 + template_cells.cell_id (read them through the views `cells`
-- and `cell_values`). Deleting a report deletes its cells (trigger `reports_delete`).
CREATE TABLE IF NOT EXISTS cell_data (
    cell_key  INTEGER PRIMARY KEY,  -- report_id * 1024 + cell_id
    raw       TEXT    NOT NULL,     -- the text as printed, trimmed
    value     REAL,                 -- the number when the state is number, else NULL
    state     INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),  -- 0 number, 1 blank, 2 na, 3 text
    unit      TEXT,                 -- 万元 / 元 where the cell or its header states one
    -- How its column was known: 0 exact (a table cell, or one value per column printed);
    -- 1 aligned (a row laid out by spaces printed fewer values than columns: placed under
    -- the column it lines up with); 2 arithmetic (empty cells lost in a conversion,
    -- surplus empty cells in one run between the figures, or two figures run together
    -- beside an empty cell and split: the template's sums allowed exactly one placement;
    -- the checks hold for it by construction);
    -- 3 assumed (the sums allowed several: the row was read the usual way — its figures
    -- under 自然人, a last figure equal to the others' sum as 总计 — a reading to check;
    -- also the blank cells of a table 三 or 四 printed with no figure under its header,
    -- where the prose says there was none: 未收到政府信息公开申请, 行政复议0件).
    placement INTEGER NOT NULL DEFAULT 0 CHECK (placement BETWEEN 0 AND 3),
    -- Cells read by OCR (NULL for cells read from text): the confidence, 0–100, of the
    -- reading kept (tesseract's lowest word confidence; at most 70 when only the two digit
    -- readings agree, at most 30 when none agree or when the row's cells did not fit its
    -- columns; 50 for a blank in a table without rules). Under 80 the cell is uncertain:
    -- `xxgk show` marks it with ?. `raw` above is the reading kept; `ocr_raw` lists every
    -- reading, e.g. 'digits:26 chi_sim:20 digits2:26'.
    ocr_confidence REAL,
    ocr_raw        TEXT
);

-- Cells outside the template: rows an agency added to table 二 (row_key extra:<label>), in
-- the columns of their block. Few; the same columns and codes as `cell_data`.
CREATE TABLE IF NOT EXISTS extra_cells (
    report_id      INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    tbl            TEXT    NOT NULL CHECK (tbl = 'proactive' OR tbl = 'applications' OR tbl = 'appeals'),
    row_key        TEXT    NOT NULL,
    col_key        TEXT    NOT NULL,
    raw            TEXT    NOT NULL,
    value          REAL,
    state          INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
    unit           TEXT,
    placement      INTEGER NOT NULL DEFAULT 0 CHECK (placement BETWEEN 0 AND 3),
    ocr_confidence REAL,
    ocr_raw        TEXT
);
CREATE INDEX IF NOT EXISTS extra_cells_by_report ON extra_cells (report_id);

-- The template's rows: what each row_key of `cells` is, the family it belongs to (the
-- eight 不予公开 grounds are family 'deny', …), its label as printed and the template
-- versions that print it. Written by xxgk from its template model; read-only data.
CREATE TABLE IF NOT EXISTS template_rows (
    tbl      TEXT    NOT NULL,
    row_key  TEXT    NOT NULL,
    family   TEXT    NOT NULL,   -- new_received, carried_over, granted, partial, deny, unable, noproc, other, results_total, carry_forward, item, review, suit
    label    TEXT    NOT NULL,   -- as the template prints it, with its numbering (（三）1.属于国家秘密)
    versions TEXT    NOT NULL,   -- 2019, 2021 or 2019/2021
    position INTEGER NOT NULL,   -- printed order within the table
    PRIMARY KEY (tbl, row_key)
);

-- Arithmetic rules per report (R1–R4 within tables, R5/R6 across years, R7 prose vs tables).
-- Before 2019: R7 per figure key (scope the key: the prose's claim against the table's
-- figure) and R6 with scope proactive_items_cumulative (this year's 历年累计 = the earlier
-- report's 历年累计 + this year's figure; with years missing between them, a lower bound).
-- Since version 7 the table holds the results that fail or cannot be assessed (and an R7
-- pass whose two sides differ in their last bits); the passes are counted in `check_runs`
-- (view `check_passes`). `xxgk check` and `xxgk export` list every result, passes
-- included, each with the check_id it had: the rules are pure functions of the stored
-- cells, claims and figures, and a run's results are numbered in order. Rows stored
-- before version 7 (passes included) stay as they are.
CREATE TABLE IF NOT EXISTS check_results (
    check_id        INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    rule            TEXT    NOT NULL,   -- R0 (completeness) … R7
    scope           TEXT    NOT NULL,   -- the column, row or claim subject checked
    lhs             REAL,               -- the figure as printed (a total, a stated number)
    rhs             REAL,               -- what the parts add up to (or the table's figure)
    status          TEXT    NOT NULL CHECK (status = 'pass' OR status = 'fail' OR status = 'not_assessable'),
    detail          TEXT    NOT NULL,
    other_report_id INTEGER REFERENCES reports (report_id) ON DELETE CASCADE  -- the other (earlier) year, for R5/R6
);
CREATE INDEX IF NOT EXISTS check_results_by_report ON check_results (report_id, rule);
CREATE INDEX IF NOT EXISTS check_results_by_other ON check_results (other_report_id);

-- One run of the rules whose passes are counted, not stored: a report's own rules at
-- import (kind 'report': R0–R4, R7), or the rules between it and an earlier report (kind
-- 'years': R5, R6; 'cumulative': the pre-2019 R6). The run's results are the check ids
-- first_check_id … first_check_id + results − 1, in the order the rules give them: those
-- in `check_results` are there, the others passed. A run with no pass counted has no row.
CREATE TABLE IF NOT EXISTS check_runs (
    first_check_id  INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    other_report_id INTEGER REFERENCES reports (report_id) ON DELETE CASCADE,  -- the earlier report (years, cumulative)
    kind            TEXT    NOT NULL CHECK (kind = 'report' OR kind = 'years' OR kind = 'cumulative'),
    results         INTEGER NOT NULL,  -- every result of the run, whatever its status
    passed_r0       INTEGER NOT NULL DEFAULT 0,
    passed_r1       INTEGER NOT NULL DEFAULT 0,
    passed_r2       INTEGER NOT NULL DEFAULT 0,
    passed_r3       INTEGER NOT NULL DEFAULT 0,
    passed_r4       INTEGER NOT NULL DEFAULT 0,
    passed_r5       INTEGER NOT NULL DEFAULT 0,
    passed_r6       INTEGER NOT NULL DEFAULT 0,
    passed_r7       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS check_runs_by_report ON check_runs (report_id);
CREATE INDEX IF NOT EXISTS check_runs_by_other ON check_runs (other_report_id);

-- Figures the report's prose states (共收到政府信息公开申请15件，较上年上升25%).
CREATE TABLE IF NOT EXISTS claims (
    claim_id          INTEGER PRIMARY KEY,
    report_id         INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    text              TEXT    NOT NULL,  -- the phrase, normalised
    subject           TEXT    NOT NULL,  -- tbl.row.col, or a derived sum (applications.unable.total)
    stated_value      REAL,              -- the number stated for this year
    stated_change_pct REAL,              -- a stated change in percent (negative for 下降)
    stated_change_abs REAL,              -- a stated absolute change
    implied_previous  REAL               -- the previous year's value the change implies
);
CREATE INDEX IF NOT EXISTS claims_by_report ON claims (report_id);
-- The claims that state a change, by subject and report, with the change (what `trend`
-- reads, from the index alone).
CREATE INDEX IF NOT EXISTS claims_with_change ON claims (subject, report_id, stated_change_pct, stated_change_abs, implied_previous)
    WHERE stated_change_pct IS NOT NULL OR stated_change_abs IS NOT NULL;

-- Figures of a report before the 2019 template (reports.template = 'pre2019'): what its
-- statistics table (指标名称 · 计量单位 · 本年度 · 历年累计) and prose state, under the keys of
-- spec/pre2019.md. The table's value is the figure (role 'figure', at most one per report
-- and key); a prose statement of a key the table also gives is a claim (role 'claim',
-- checked by R7), kept whether it agrees or not. The year column only: a 历年累计 value is
-- its own key (proactive_items_cumulative). Query the figures through `report_figures`.
CREATE TABLE IF NOT EXISTS figures (
    report_id INTEGER NOT NULL REFERENCES reports (report_id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,   -- order in the report: table figures first, then prose
    key       TEXT    NOT NULL,   -- e.g. proactive_items, applications, applications_by_channel:当面, reviews
    value     REAL    NOT NULL,   -- the number; 0 for a figure stated in words (未收到…申请)
    unit      TEXT,               -- as printed (条 件 起 宗 人次 元 …); for a zero in words the key's usual unit
    raw       TEXT    NOT NULL,   -- the table row ("受理依申请公开信息总数 条 0") or the sentence
    source    TEXT    NOT NULL CHECK (source = 'table' OR source = 'prose'),
    role      TEXT    NOT NULL CHECK (role = 'figure' OR role = 'claim'),
    PRIMARY KEY (report_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS figures_one_per_key ON figures (report_id, key) WHERE role = 'figure';

-- Named metrics (see `xxgk metrics`) computed at import, so that trends, comparisons and
-- rankings read one narrow table: from a report's cells, or, before 2019, from its figures
-- (for the metrics that exist then: `xxgk metrics`, column eras). Stored in `metric_data`,
-- keyed by metric_id × 2^32 + report_id (a metric's values lie together); read them
-- through the views `report_metrics` and `metric_values`.
CREATE TABLE IF NOT EXISTS metric_names (
    metric_id INTEGER PRIMARY KEY,
    metric    TEXT    NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS metric_sources (
    source_id INTEGER PRIMARY KEY,
    source    TEXT    NOT NULL UNIQUE  -- '2021 table' | '2019 table' (template cells) | 'pre-2019 table' | 'pre-2019 prose' (figures);
                                       -- for days_late / published_late, where the publication date was read (reports.published_source)
);
CREATE TABLE IF NOT EXISTS metric_data (
    metric_key  INTEGER PRIMARY KEY,  -- metric_id * 4294967296 + report_id
    value       REAL,                 -- NULL when a cell it needs is blank, n.a. or missing
    numerator   REAL,                 -- for ratios: the parts, so that groups recompute the ratio
    denominator REAL,
    source_id   INTEGER,              -- metric_sources.source_id
    unit        TEXT                  -- before 2019, the unit the figure printed (条, 件, 起 …); NULL: the metric's own unit
);

-- Deleting a report deletes its cells and metrics (the other tables cascade).
CREATE TRIGGER IF NOT EXISTS reports_delete AFTER DELETE ON reports BEGIN
    DELETE FROM cell_data WHERE cell_key BETWEEN old.report_id * 1024 AND old.report_id * 1024 + 1023;
    DELETE FROM metric_data WHERE metric_key IN (SELECT metric_id * 4294967296 + old.report_id FROM metric_names);
END;

-- The metric catalog (`xxgk metrics`): name, unit, and how values of it are combined
-- over several reports ('sum'; 'ratio': 100 × sum(numerator) / sum(denominator); 'mean':
-- sum(numerator) / sum(denominator)). Written by xxgk from its catalog; read-only data.
CREATE TABLE IF NOT EXISTS metric_catalog (
    metric      TEXT    PRIMARY KEY,
    unit        TEXT    NOT NULL,
    aggregate   TEXT    NOT NULL CHECK (aggregate = 'sum' OR aggregate = 'ratio' OR aggregate = 'mean'),
    eras        TEXT    NOT NULL,   -- pre2019, 2019, 2021 (comma-separated)
    description TEXT    NOT NULL,
    position    INTEGER NOT NULL
);

-- Views for direct queries, in SQL that DuckDB binds itself (every column that is not
-- aggregated is grouped by, no SQLite-only functions), so that DuckDB gives every column
-- its type. Every view of per-report rows carries the report's agency
-- three ways: `agency` the canonical name (it follows `xxgk agencies alias`, so a pivot on
-- it keeps one agency whole), `agency_id`, and `agency_printed` the name as the report
-- printed it. The columns of cell_values, report_applications, report_proactive,
-- report_appeals and check_summary before agency_id are fixed (version 3 turned their
-- `agency` from the printed to the canonical name and added the last two columns).

-- Every cell, with the columns of the table `cells` of version 6: the template's cells
-- (`cell_data`, found by key range from the report) and the rows agencies added
-- (`extra_cells`). A filter on report_id reads that report's cells only.
CREATE VIEW IF NOT EXISTS cells AS
SELECT r.report_id, t.tbl, t.row_key, t.col_key, c.raw, c.value,
       CASE c.state WHEN 0 THEN 'number' WHEN 1 THEN 'blank' WHEN 2 THEN 'na' WHEN 3 THEN 'text' END AS state,
       c.unit,
       CASE c.placement WHEN 0 THEN 'exact' WHEN 1 THEN 'aligned' WHEN 2 THEN 'arithmetic' WHEN 3 THEN 'assumed' END AS placement,
       c.ocr_confidence, c.ocr_raw
FROM reports r
JOIN cell_data c ON c.cell_key BETWEEN r.report_id * 1024 AND r.report_id * 1024 + 1023
JOIN template_cells t ON t.cell_id = c.cell_key - r.report_id * 1024
UNION ALL
SELECT e.report_id, e.tbl, e.row_key, e.col_key, e.raw, e.value,
       CASE e.state WHEN 0 THEN 'number' WHEN 1 THEN 'blank' WHEN 2 THEN 'na' WHEN 3 THEN 'text' END AS state,
       e.unit,
       CASE e.placement WHEN 0 THEN 'exact' WHEN 1 THEN 'aligned' WHEN 2 THEN 'arithmetic' WHEN 3 THEN 'assumed' END AS placement,
       e.ocr_confidence, e.ocr_raw
FROM extra_cells e;

-- Every metric value per report, with the columns of the table `report_metrics` of
-- version 6. A filter on report_id and metric reads one row.
CREATE VIEW IF NOT EXISTS report_metrics AS
SELECT r.report_id, n.metric, d.value, d.numerator, d.denominator, s.source, d.unit
FROM metric_names n
CROSS JOIN reports r
JOIN metric_data d ON d.metric_key = n.metric_id * 4294967296 + r.report_id
LEFT JOIN metric_sources s ON s.source_id = d.source_id;

-- One row per cell, with its report's identity.
CREATE VIEW IF NOT EXISTS cell_values AS
SELECT r.report_id, a.name AS agency, r.year, r.source_path, r.source_sha256,
       t.tbl, t.row_key, t.col_key, c.raw, c.value,
       CASE c.state WHEN 0 THEN 'number' WHEN 1 THEN 'blank' WHEN 2 THEN 'na' WHEN 3 THEN 'text' END AS state,
       c.unit, r.agency_id, r.agency AS agency_printed,
       CASE c.placement WHEN 0 THEN 'exact' WHEN 1 THEN 'aligned' WHEN 2 THEN 'arithmetic' WHEN 3 THEN 'assumed' END AS placement,
       c.ocr_confidence
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
JOIN cell_data c ON c.cell_key BETWEEN r.report_id * 1024 AND r.report_id * 1024 + 1023
JOIN template_cells t ON t.cell_id = c.cell_key - r.report_id * 1024
UNION ALL
SELECT r.report_id, a.name AS agency, r.year, r.source_path, r.source_sha256,
       e.tbl, e.row_key, e.col_key, e.raw, e.value,
       CASE e.state WHEN 0 THEN 'number' WHEN 1 THEN 'blank' WHEN 2 THEN 'na' WHEN 3 THEN 'text' END AS state,
       e.unit, r.agency_id, r.agency AS agency_printed,
       CASE e.placement WHEN 0 THEN 'exact' WHEN 1 THEN 'aligned' WHEN 2 THEN 'arithmetic' WHEN 3 THEN 'assumed' END AS placement,
       e.ocr_confidence
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
JOIN extra_cells e ON e.report_id = r.report_id;

-- One row per figure of a pre-2019 report (claims left out: see `xxgk claims`), with the
-- report's identity. Name and first ten columns are fixed.
CREATE VIEW IF NOT EXISTS report_figures AS
SELECT r.report_id, r.agency_id, a.name AS agency, r.year, r.source_sha256,
       f.key, f.value, f.unit, f.raw, f.source, r.agency AS agency_printed
FROM figures f JOIN reports r ON r.report_id = f.report_id JOIN agencies a ON a.agency_id = r.agency_id
WHERE f.role = 'figure';

-- Table 三's headline per report (the 总计 column). Sums over a family of rows (the eight
-- 不予公开 grounds …, families of `template_rows`) are NULL only when every row in them
-- is blank.
CREATE VIEW IF NOT EXISTS report_applications AS
SELECT r.report_id, a.name AS agency, r.year,
       MAX(CASE WHEN t.family = 'new_received'  THEN c.value END) AS new_received,
       MAX(CASE WHEN t.family = 'carried_over'  THEN c.value END) AS carried_over,
       MAX(CASE WHEN t.family = 'granted'       THEN c.value END) AS granted,
       MAX(CASE WHEN t.family = 'partial'       THEN c.value END) AS partial,
       SUM(CASE WHEN t.family = 'deny'          THEN c.value END) AS denied,
       SUM(CASE WHEN t.family = 'unable'        THEN c.value END) AS unable,
       SUM(CASE WHEN t.family = 'noproc'        THEN c.value END) AS not_processed,
       SUM(CASE WHEN t.family = 'other'         THEN c.value END) AS other,
       MAX(CASE WHEN t.family = 'results_total' THEN c.value END) AS results_total,
       MAX(CASE WHEN t.family = 'carry_forward' THEN c.value END) AS carry_forward,
       r.agency_id, r.agency AS agency_printed
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
LEFT JOIN template_cells k ON k.tbl = 'applications' AND k.col_key = 'total'
LEFT JOIN cell_data c ON c.cell_key = r.report_id * 1024 + k.cell_id
LEFT JOIN template_rows t ON t.tbl = k.tbl AND t.row_key = k.row_key
GROUP BY r.report_id, a.name, r.year, r.agency_id, r.agency;

-- Table 二, one row per report and item (rows an agency added too), a column per metric of
-- either version.
CREATE VIEW IF NOT EXISTS report_proactive AS
SELECT r.report_id, a.name AS agency, r.year, r.proactive_version AS version, t.row_key AS item,
       MAX(CASE WHEN t.col_key = 'new_made'        THEN c.value END) AS new_made,
       MAX(CASE WHEN t.col_key = 'new_published'   THEN c.value END) AS new_published,
       MAX(CASE WHEN t.col_key = 'total_published' THEN c.value END) AS total_published,
       MAX(CASE WHEN t.col_key = 'issued'          THEN c.value END) AS issued,
       MAX(CASE WHEN t.col_key = 'repealed'        THEN c.value END) AS repealed,
       MAX(CASE WHEN t.col_key = 'in_force'        THEN c.value END) AS in_force,
       MAX(CASE WHEN t.col_key = 'prev_items'      THEN c.value END) AS prev_items,
       MAX(CASE WHEN t.col_key = 'delta_items'     THEN c.value END) AS delta_items,
       MAX(CASE WHEN t.col_key = 'decisions'       THEN c.value END) AS decisions,
       MAX(CASE WHEN t.col_key = 'projects'        THEN c.value END) AS projects,
       MAX(CASE WHEN t.col_key = 'amount'          THEN c.value END) AS amount,
       MAX(CASE WHEN t.col_key = 'amount'          THEN c.unit  END) AS amount_unit,
       r.agency_id, r.agency AS agency_printed
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
JOIN template_cells t ON t.tbl = 'proactive'
JOIN cell_data c ON c.cell_key = r.report_id * 1024 + t.cell_id
GROUP BY r.report_id, a.name, r.year, r.proactive_version, t.row_key, r.agency_id, r.agency
UNION ALL
SELECT r.report_id, a.name AS agency, r.year, r.proactive_version AS version, c.row_key AS item,
       MAX(CASE WHEN c.col_key = 'new_made'        THEN c.value END) AS new_made,
       MAX(CASE WHEN c.col_key = 'new_published'   THEN c.value END) AS new_published,
       MAX(CASE WHEN c.col_key = 'total_published' THEN c.value END) AS total_published,
       MAX(CASE WHEN c.col_key = 'issued'          THEN c.value END) AS issued,
       MAX(CASE WHEN c.col_key = 'repealed'        THEN c.value END) AS repealed,
       MAX(CASE WHEN c.col_key = 'in_force'        THEN c.value END) AS in_force,
       MAX(CASE WHEN c.col_key = 'prev_items'      THEN c.value END) AS prev_items,
       MAX(CASE WHEN c.col_key = 'delta_items'     THEN c.value END) AS delta_items,
       MAX(CASE WHEN c.col_key = 'decisions'       THEN c.value END) AS decisions,
       MAX(CASE WHEN c.col_key = 'projects'        THEN c.value END) AS projects,
       MAX(CASE WHEN c.col_key = 'amount'          THEN c.value END) AS amount,
       MAX(CASE WHEN c.col_key = 'amount'          THEN c.unit  END) AS amount_unit,
       r.agency_id, r.agency AS agency_printed
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
JOIN extra_cells c ON c.report_id = r.report_id AND c.tbl = 'proactive'
GROUP BY r.report_id, a.name, r.year, r.proactive_version, c.row_key, r.agency_id, r.agency;

-- Table 四, one row per report: the 15 numbers.
CREATE VIEW IF NOT EXISTS report_appeals AS
SELECT r.report_id, a.name AS agency, r.year,
       MAX(CASE WHEN t.row_key = 'review' AND t.col_key = 'upheld'    THEN c.value END) AS review_upheld,
       MAX(CASE WHEN t.row_key = 'review' AND t.col_key = 'corrected' THEN c.value END) AS review_corrected,
       MAX(CASE WHEN t.row_key = 'review' AND t.col_key = 'other'     THEN c.value END) AS review_other,
       MAX(CASE WHEN t.row_key = 'review' AND t.col_key = 'pending'   THEN c.value END) AS review_pending,
       MAX(CASE WHEN t.row_key = 'review' AND t.col_key = 'total'     THEN c.value END) AS review_total,
       MAX(CASE WHEN t.row_key = 'suit_direct' AND t.col_key = 'upheld'    THEN c.value END) AS suit_direct_upheld,
       MAX(CASE WHEN t.row_key = 'suit_direct' AND t.col_key = 'corrected' THEN c.value END) AS suit_direct_corrected,
       MAX(CASE WHEN t.row_key = 'suit_direct' AND t.col_key = 'other'     THEN c.value END) AS suit_direct_other,
       MAX(CASE WHEN t.row_key = 'suit_direct' AND t.col_key = 'pending'   THEN c.value END) AS suit_direct_pending,
       MAX(CASE WHEN t.row_key = 'suit_direct' AND t.col_key = 'total'     THEN c.value END) AS suit_direct_total,
       MAX(CASE WHEN t.row_key = 'suit_after_review' AND t.col_key = 'upheld'    THEN c.value END) AS suit_after_review_upheld,
       MAX(CASE WHEN t.row_key = 'suit_after_review' AND t.col_key = 'corrected' THEN c.value END) AS suit_after_review_corrected,
       MAX(CASE WHEN t.row_key = 'suit_after_review' AND t.col_key = 'other'     THEN c.value END) AS suit_after_review_other,
       MAX(CASE WHEN t.row_key = 'suit_after_review' AND t.col_key = 'pending'   THEN c.value END) AS suit_after_review_pending,
       MAX(CASE WHEN t.row_key = 'suit_after_review' AND t.col_key = 'total'     THEN c.value END) AS suit_after_review_total,
       r.agency_id, r.agency AS agency_printed
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
JOIN template_cells t ON t.tbl = 'appeals'
JOIN cell_data c ON c.cell_key = r.report_id * 1024 + t.cell_id
GROUP BY r.report_id, a.name, r.year, r.agency_id, r.agency;

-- Every agency with the years it has reports for.
CREATE VIEW IF NOT EXISTS agency_years AS
SELECT a.agency_id, a.name AS agency, a.province, a.city, a.county, a.region_code, a.kind,
       count(r.report_id) AS reports, min(r.year) AS first_year, max(r.year) AS last_year,
       group_concat(CAST(r.year AS TEXT), ',') AS years
FROM agencies a LEFT JOIN (SELECT * FROM reports ORDER BY year) r ON r.agency_id = a.agency_id
GROUP BY a.agency_id, a.name, a.province, a.city, a.county, a.region_code, a.kind;

-- Check outcomes per report, with the report's identity: the results stored and the
-- passes counted (NULL for a report no rule ran on).
CREATE VIEW IF NOT EXISTS check_summary AS
SELECT r.report_id, a.name AS agency, r.year,
       CAST(CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = r.report_id) OR EXISTS (SELECT 1 FROM check_runs p WHERE p.report_id = r.report_id)
            THEN (SELECT count(*) FROM check_results k WHERE k.report_id = r.report_id AND k.status = 'pass')
                 + (SELECT coalesce(sum(p.passed_r0 + p.passed_r1 + p.passed_r2 + p.passed_r3 + p.passed_r4 + p.passed_r5 + p.passed_r6 + p.passed_r7), 0) FROM check_runs p WHERE p.report_id = r.report_id) END AS INTEGER) AS passed,
       CAST(CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = r.report_id) OR EXISTS (SELECT 1 FROM check_runs p WHERE p.report_id = r.report_id)
            THEN (SELECT count(*) FROM check_results k WHERE k.report_id = r.report_id AND k.status = 'fail') END AS INTEGER) AS failed,
       CAST(CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = r.report_id) OR EXISTS (SELECT 1 FROM check_runs p WHERE p.report_id = r.report_id)
            THEN (SELECT count(*) FROM check_results k WHERE k.report_id = r.report_id AND k.status = 'not_assessable') END AS INTEGER) AS not_assessable,
       r.agency_id, r.agency AS agency_printed
FROM reports r JOIN agencies a ON a.agency_id = r.agency_id;

-- The passes counted in `check_runs`, one row per run and rule that passed (the results
-- themselves: `xxgk check`, `xxgk export`).
CREATE VIEW IF NOT EXISTS check_passes AS
SELECT report_id, other_report_id, kind, 'R0' AS rule, passed_r0 AS passed FROM check_runs WHERE passed_r0 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R1', passed_r1 FROM check_runs WHERE passed_r1 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R2', passed_r2 FROM check_runs WHERE passed_r2 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R3', passed_r3 FROM check_runs WHERE passed_r3 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R4', passed_r4 FROM check_runs WHERE passed_r4 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R5', passed_r5 FROM check_runs WHERE passed_r5 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R6', passed_r6 FROM check_runs WHERE passed_r6 > 0
UNION ALL SELECT report_id, other_report_id, kind, 'R7', passed_r7 FROM check_runs WHERE passed_r7 > 0;

-- Every metric value of every report, long: one row per report and metric (`xxgk
-- metrics` lists them), with the agency, the year, the parts a group recomputes a ratio
-- from, where the value comes from, and its unit.
CREATE VIEW IF NOT EXISTS metric_values AS
SELECT r.agency_id, a.name AS agency, r.year, n.metric, d.value, d.numerator, d.denominator, s.source,
       CASE WHEN d.value IS NOT NULL THEN COALESCE(d.unit, m.unit) END AS unit,
       r.report_id, r.agency AS agency_printed
FROM metric_names n
CROSS JOIN reports r
JOIN metric_data d ON d.metric_key = n.metric_id * 4294967296 + r.report_id
JOIN agencies a ON a.agency_id = r.agency_id
LEFT JOIN metric_sources s ON s.source_id = d.source_id
LEFT JOIN metric_catalog m ON m.metric = n.metric;
