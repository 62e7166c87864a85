//! Questions analysts ask, answered from the store as [`Rows`].
//!
//! Every query binds its parameters; no SQL is built from user text.

use anyhow::{bail, Context, Result};
use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use std::collections::{HashMap, HashSet};

use crate::rows::{Rows, Val};
use crate::scan::Scan;
use crate::store;
use crate::together::Reading;
use xxgk_core::checks::Rule;
use xxgk_core::metrics::{self, Metric};
use xxgk_core::source::ocr::LOW_CONFIDENCE;

/// Filters shared by the listing commands.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Agency name (as printed, or canonical) contains this text (literally: quotes and
    /// `%` are not special).
    pub agency: Option<String>,
    /// The agency's name matches this regular expression.
    pub agency_regex: Option<String>,
    /// A region: a division name at any level (山东省, 山东, 淄博市, 洪泽区) or a 6-digit code
    /// (370000 for the province, 370300 for the city).
    pub region: Option<String>,
    /// An agency kind: slug (public_security) or Chinese name (公安).
    pub kind: Option<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Only these agencies (set by `--same-agencies`: those with a value in every year).
    pub agency_ids: Option<Vec<i64>>,
}

impl Filter {
    /// Does the filter keep every report?
    pub fn is_empty(&self) -> bool {
        let Filter { agency, agency_regex, region, kind, from, to, agency_ids } = self;
        agency.is_none()
            && agency_regex.is_none()
            && region.is_none()
            && kind.is_none()
            && from.is_none()
            && to.is_none()
            && agency_ids.is_none()
    }

    /// A WHERE fragment over `reports r JOIN agencies a`, and its parameters.
    fn sql(&self) -> (String, Vec<SqlValue>) {
        let mut parts = vec!["1 = 1".to_string()];
        let mut params = Vec::new();
        if let Some(a) = &self.agency {
            params.push(SqlValue::Text(a.clone()));
            // Every printed name is an alias of its agency: match the (small) alias table.
            parts.push(format!(
                "(a.agency_id IN (SELECT agency_id FROM agency_aliases WHERE instr(alias, ?{n}) > 0) OR instr(a.name, ?{n}) > 0)",
                n = params.len()
            ));
        }
        if let Some(re) = &self.agency_regex {
            params.push(SqlValue::Text(re.clone()));
            parts.push(format!(
                "(a.agency_id IN (SELECT agency_id FROM agency_aliases WHERE xxgk_regexp(?{n}, alias)) OR xxgk_regexp(?{n}, a.name))",
                n = params.len()
            ));
        }
        if let Some(region) = &self.region {
            if region.len() == 6 && region.bytes().all(|b| b.is_ascii_digit()) {
                // 370000 → every code starting 37; 370300 → 3703; 370303 → itself.
                let mut prefix = region.as_str();
                while prefix.len() > 2 && prefix.ends_with("00") {
                    prefix = &prefix[..prefix.len() - 2];
                }
                params.push(SqlValue::Text(prefix.to_string()));
                parts.push(format!("substr(a.region_code, 1, length(?{n})) = ?{n}", n = params.len()));
            } else {
                params.push(SqlValue::Text(region.clone()));
                parts.push(format!(
                    "(instr(a.province, ?{n}) = 1 OR instr(a.city, ?{n}) = 1 OR instr(a.county, ?{n}) = 1)",
                    n = params.len()
                ));
            }
        }
        if let Some(k) = &self.kind {
            params.push(SqlValue::Text(k.clone()));
            parts.push(format!("(a.kind = ?{n} OR a.kind_name = ?{n})", n = params.len()));
        }
        if let Some(y) = self.from {
            params.push(SqlValue::Integer(y.into()));
            parts.push(format!("r.year >= ?{}", params.len()));
        }
        if let Some(y) = self.to {
            params.push(SqlValue::Integer(y.into()));
            parts.push(format!("r.year <= ?{}", params.len()));
        }
        if let Some(ids) = &self.agency_ids {
            params.push(SqlValue::Text(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())));
            parts.push(format!("a.agency_id IN (SELECT value FROM json_each(?{}))", params.len()));
        }
        (parts.join(" AND "), params)
    }
}

fn val(v: SqlValue) -> Val {
    match v {
        SqlValue::Null => Val::Null,
        SqlValue::Integer(i) => Val::Int(i),
        SqlValue::Real(f) => Val::num(Some(f)),
        SqlValue::Text(s) => Val::Text(s),
        SqlValue::Blob(b) => Val::Text(format!("<{} bytes>", b.len())),
    }
}

/// Run any SQL and return its rows (the `sql` command).
///
/// Unless `write`, the statement must not change anything: besides the read-only
/// connection the command opens, a statement that SQLite says may write (including
/// `VACUUM INTO` and pragmas that set something) is refused before it runs, and so are
/// `ATTACH` and `DETACH`, which open or close other database files.
pub fn sql(conn: &Connection, sql: &str, write: bool) -> Result<Rows> {
    let mut stmt = sql_statement(conn, sql, write)?;
    collect_rows(&mut stmt, &[])
}

/// The statement of [`sql`], prepared and checked (read-only unless `write`), not yet run:
/// its rows are then handed over one at a time by [`each_row_of`].
pub fn sql_statement<'c>(conn: &'c Connection, sql: &str, write: bool) -> Result<rusqlite::Statement<'c>> {
    let stmt = conn.prepare(sql)?;
    if !write {
        let verb = leading_keyword(sql);
        if matches!(verb.as_str(), "ATTACH" | "DETACH") {
            bail!("{verb} is refused without --write (it opens or closes another database file)");
        }
        if !stmt.readonly() {
            bail!("the statement may write ({verb}), and the database is open read-only: pass --write to change it");
        }
    }
    Ok(stmt)
}

/// SQLite failed while running a statement whose rows [`each_row_of`] hands over (as opposed
/// to the receiver of the rows failing, say on writing them out).
#[derive(Debug)]
pub struct SqlFailed(pub rusqlite::Error);

impl std::fmt::Display for SqlFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for SqlFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

/// Run a prepared statement and hand each row to `emit`, in order; the number of rows. An
/// error of SQLite's is a [`SqlFailed`]; one of `emit`'s is passed on as it is.
pub fn each_row_of(
    stmt: &mut rusqlite::Statement<'_>,
    params: &[SqlValue],
    emit: &mut dyn FnMut(&[Val]) -> Result<()>,
) -> Result<usize> {
    let n = stmt.column_count();
    let mut rows = stmt.query(params_from_iter(params.iter())).map_err(SqlFailed)?;
    let (mut row, mut count) = (Vec::with_capacity(n), 0);
    while let Some(r) = rows.next().map_err(SqlFailed)? {
        row.clear();
        for i in 0..n {
            row.push(val(r.get::<_, SqlValue>(i).map_err(SqlFailed)?));
        }
        emit(&row)?;
        count += 1;
    }
    Ok(count)
}

/// The first keyword of a statement, upper-cased, after whitespace and comments.
fn leading_keyword(sql: &str) -> String {
    let mut rest = sql;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("--") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect::<String>().to_ascii_uppercase()
}

/// Run a fixed query with bound parameters.
pub fn sql_params(conn: &Connection, sql: &str, params: &[SqlValue]) -> Result<Rows> {
    query_rows(conn, sql, params)
}

fn query_rows(conn: &Connection, sql: &str, params: &[SqlValue]) -> Result<Rows> {
    let mut stmt = conn.prepare_cached(sql)?;
    collect_rows(&mut stmt, params)
}

/// Run a prepared statement and collect every row.
fn collect_rows(stmt: &mut rusqlite::Statement<'_>, params: &[SqlValue]) -> Result<Rows> {
    let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
    let mut out = Rows { columns, rows: Vec::new() };
    each_row_of(stmt, params, &mut |r| {
        out.rows.push(r.to_vec());
        Ok(())
    })?;
    Ok(out)
}

/// Every report: identity, format, template (era) and versions, cell count, figure count
/// (pre-2019 reports only) and check status.
pub fn reports(conn: &Connection, filter: &Filter) -> Result<Rows> {
    let (mut stmt, params) = reports_statement(conn, filter)?;
    collect_rows(&mut stmt, &params)
}

/// Reports in the order every listing prints them (agency name, then year): agencies
/// walked by their UNIQUE name index, each one's reports by the UNIQUE (agency_id, year)
/// index. CROSS JOIN keeps SQLite to that loop order, so `ORDER BY a.name, r.year` needs
/// no sort: rows come out as they are read, and a listing that stops early (`--limit`)
/// works out only the rows it prints.
const REPORTS_IN_ORDER: &str = "agencies a CROSS JOIN reports r ON r.agency_id = a.agency_id";

/// The filter's condition and parameters, with `extra`: the condition on `r.report_id`
/// (its parameter last) when one report is asked for, else empty.
fn narrowed(filter: &Filter, report: Option<i64>) -> (String, String, Vec<SqlValue>) {
    let (cond, mut params) = filter.sql();
    let Some(id) = report else { return (cond, String::new(), params) };
    params.push(SqlValue::Integer(id));
    let extra = format!(" AND r.report_id = ?{}", params.len());
    (cond, extra, params)
}

/// The FROM of a listing that may be narrowed to one report (`extra`, a condition on
/// `r.report_id`): one report is looked up by its id, not found by walking every agency.
fn reports_from(extra: &str) -> &'static str {
    if extra.is_empty() {
        REPORTS_IN_ORDER
    } else {
        "reports r JOIN agencies a ON a.agency_id = r.agency_id"
    }
}

/// The statement of [`reports`] and its parameters, not yet run: its rows are handed over
/// one at a time by [`each_row_of`].
pub fn reports_statement<'c>(
    conn: &'c Connection,
    filter: &Filter,
) -> Result<(rusqlite::CachedStatement<'c>, Vec<SqlValue>)> {
    let (cond, params) = filter.sql();
    Ok((conn.prepare_cached(&reports_sql(&cond))?, params))
}

/// The SQL of [`reports_statement`] under the filter's condition `cond`. The counts in it
/// are worked out only for the rows printed: see [`REPORTS_IN_ORDER`].
fn reports_sql(cond: &str) -> String {
    format!(
        "SELECT r.report_id, r.agency_id, a.name AS agency, r.year, r.source_format AS format, r.template,
                r.proactive_version, r.applications_version, r.appeals_version,
                r.completeness,
                (SELECT count(*) FROM cell_data c WHERE c.cell_key BETWEEN r.report_id * 1024 AND r.report_id * 1024 + 1023)
                + (SELECT count(*) FROM extra_cells e WHERE e.report_id = r.report_id) AS cells,
                r.cells_expected,
                CASE WHEN r.template = 'pre2019'
                     THEN (SELECT count(*) FROM figures f WHERE f.report_id = r.report_id AND f.role = 'figure') END AS figures,
                s.passed AS checks_passed, s.failed AS checks_failed, s.not_assessable AS checks_not_assessable,
                r.published_on, r.published_source,
                (SELECT value FROM report_metrics v WHERE v.report_id = r.report_id AND v.metric = 'days_late') AS days_late,
                r.ocr_pages, r.source_path, r.agency AS agency_printed
         FROM {REPORTS_IN_ORDER} JOIN check_summary s ON s.report_id = r.report_id
         WHERE {cond}
         ORDER BY a.name, r.year"
    )
}

/// What the previous year's report says of a change the prose states: the value it
/// implies for last year against last year's report (within rounding of the stated
/// percentage), `confirmed` or `contradicted`; `no previous report` without one; "" when
/// no change is stated.
fn stated_change_verdict(implied_previous: Option<f64>, previous: Option<f64>) -> &'static str {
    match (implied_previous, previous) {
        (Some(i), Some(p)) if (i - p).abs() < 0.5 => "confirmed",
        (Some(_), Some(_)) => "contradicted",
        (Some(_), None) => "no previous report",
        (None, _) => "",
    }
}

/// Find a report by id, or by agency (exact, then substring) and year.
pub fn resolve_report(conn: &Connection, what: &[String]) -> Result<i64> {
    match what {
        [id] if id.parse::<i64>().is_ok() => {
            let id: i64 = id.parse()?;
            conn.query_row("SELECT report_id FROM reports WHERE report_id = ?1", [id], |r| r.get(0))
                .optional()?
                .with_context(|| format!("no report with id {id}"))
        }
        [agency, year] => {
            let year: i32 = year.parse().with_context(|| format!("{year:?} is not a year"))?;
            let mut stmt = conn.prepare_cached(
                "SELECT report_id, agency FROM reports WHERE year = ?2 AND (agency = ?1 OR instr(agency, ?1) > 0)
                 ORDER BY agency = ?1 DESC, agency",
            )?;
            let found: Vec<(i64, String)> = stmt
                .query_map(params![agency, year], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            match found.as_slice() {
                [] => bail!("no report for {agency} {year}"),
                [(id, _)] => Ok(*id),
                [(id, name), ..] if name == agency => Ok(*id),
                many => bail!(
                    "{agency} {year} matches several reports: {}",
                    many.iter().map(|(id, n)| format!("{id} {n}")).collect::<Vec<_>>().join(", ")
                ),
            }
        }
        _ => bail!("name a report by its id, or by agency and year"),
    }
}

/// One report's row of `reports` (for `show`).
pub fn report_meta(conn: &Connection, id: i64) -> Result<Rows> {
    query_rows(
        conn,
        "SELECT r.report_id, r.agency_id, a.name AS agency, r.year, r.title, r.source_format, r.source_path, r.source_sha256, r.template,
                r.proactive_version, r.applications_version, r.appeals_version, r.published_on, r.published_source,
                (SELECT v.value FROM report_metrics v WHERE v.report_id = r.report_id AND v.metric = 'days_late') AS days_late,
                r.notes, r.imported_at, r.agency AS agency_printed, r.ocr_pages,
                (SELECT count(*) FROM cell_data c WHERE c.cell_key BETWEEN r.report_id * 1024 AND r.report_id * 1024 + 1023 AND c.ocr_confidence < ?2)
                + (SELECT count(*) FROM extra_cells e WHERE e.report_id = r.report_id AND e.ocr_confidence < ?2) AS ocr_uncertain
         FROM reports r JOIN agencies a ON a.agency_id = r.agency_id WHERE r.report_id = ?1",
        &[SqlValue::Integer(id), SqlValue::Real(f64::from(LOW_CONFIDENCE))],
    )
}

/// One stored cell, as `show` lays it out.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredCell {
    pub tbl: String,
    pub row: String,
    pub col: String,
    pub raw: String,
    pub state: String,
    /// The OCR confidence, for a cell read by OCR.
    pub confidence: Option<f64>,
}

impl StoredCell {
    /// A cell read by OCR under [`LOW_CONFIDENCE`]: `show` marks it with `?`.
    pub fn is_uncertain(&self) -> bool {
        self.confidence.is_some_and(|k| k < f64::from(LOW_CONFIDENCE))
    }
}

/// A report's cells, for laying them out.
pub fn report_cells(conn: &Connection, id: i64) -> Result<Vec<StoredCell>> {
    let mut stmt = conn
        .prepare_cached("SELECT tbl, row_key, col_key, raw, state, ocr_confidence FROM cells WHERE report_id = ?1")?;
    let cells = stmt
        .query_map([id], |r| {
            Ok(StoredCell {
                tbl: r.get(0)?,
                row: r.get(1)?,
                col: r.get(2)?,
                raw: r.get(3)?,
                state: r.get(4)?,
                confidence: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(cells)
}

/// A report's cells as rows (`show --format json`).
pub fn report_cell_rows(conn: &Connection, id: i64) -> Result<Rows> {
    query_rows(
        conn,
        "SELECT tbl, row_key, col_key, raw, value, state, unit, ocr_confidence, ocr_raw
         FROM cells WHERE report_id = ?1 ORDER BY tbl, row_key, col_key",
        &[SqlValue::Integer(id)],
    )
}

/// A report's cells with its identity, as `cell_values` gives them (`show --format csv`).
pub fn report_cell_values(conn: &Connection, id: i64) -> Result<Rows> {
    query_rows(
        conn,
        "SELECT report_id, agency, year, tbl, row_key, col_key, raw, value, state, unit, agency_id, agency_printed
         FROM cell_values WHERE report_id = ?1 ORDER BY tbl, row_key, col_key",
        &[SqlValue::Integer(id)],
    )
}

/// A report's pre-2019 figures and claims in report order (`show`).
pub fn report_figure_rows(conn: &Connection, id: i64) -> Result<Rows> {
    query_rows(
        conn,
        "SELECT key, value, unit, source, role, raw FROM figures WHERE report_id = ?1 ORDER BY seq",
        &[SqlValue::Integer(id)],
    )
}

/// A report's figures as `report_figures` gives them (`show --format csv` of a pre-2019 report).
pub fn report_figure_values(conn: &Connection, id: i64) -> Result<Rows> {
    query_rows(
        conn,
        "SELECT v.* FROM report_figures v JOIN figures f ON f.report_id = v.report_id AND f.key = v.key AND f.role = 'figure'
         WHERE v.report_id = ?1 ORDER BY f.seq",
        &[SqlValue::Integer(id)],
    )
}

/// Fill the temporary table `counted_passes` (the columns of `check_results`) with the
/// passes counted in the runs of `check_runs` whose report matches `cond` (over `reports
/// r JOIN agencies a`, the run as `k`), rebuilt with the check ids they had. Queries then
/// read every result as `check_results UNION ALL counted_passes`.
pub fn fill_counted_passes(conn: &Connection, cond: &str, params: &[SqlValue]) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS counted_passes (
             check_id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, rule TEXT NOT NULL, scope TEXT NOT NULL,
             lhs REAL, rhs REAL, status TEXT NOT NULL, detail TEXT NOT NULL, other_report_id INTEGER);
         DELETE FROM temp.counted_passes;",
    )?;
    let runs: Vec<store::Run> = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT k.first_check_id, k.report_id, k.other_report_id, k.kind, k.results
             FROM check_runs k JOIN reports r ON r.report_id = k.report_id JOIN agencies a ON a.agency_id = r.agency_id
             WHERE {cond} ORDER BY k.first_check_id"
        ))?;
        let rows = stmt.query_map(params_from_iter(params.iter()), |r| {
            let kind: String = r.get(3)?;
            Ok(store::Run {
                first_check_id: r.get(0)?,
                report_id: r.get(1)?,
                other_report_id: r.get(2)?,
                kind: store::RunKind::parse(&kind).unwrap_or(store::RunKind::Report),
                results: r.get(4)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut insert = conn.prepare_cached(
        "INSERT INTO temp.counted_passes (check_id, report_id, rule, scope, lhs, rhs, status, detail, other_report_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut reread = store::Rereader::new(conn)?;
    for run in &runs {
        for (id, k) in reread.rebuild_passes(run)? {
            insert.execute(params![
                id,
                run.report_id,
                k.rule.as_str(),
                k.scope,
                k.lhs,
                k.rhs,
                k.status.as_str(),
                k.detail,
                run.other_report_id
            ])?;
        }
    }
    Ok(())
}

/// Every check result: the rows stored and the passes counted (after
/// [`fill_counted_passes`]), with the columns of `check_results`.
const EVERY_CHECK_RESULT: &str = "(SELECT * FROM main.check_results UNION ALL SELECT * FROM temp.counted_passes)";

/// The reports [`checks_each`] walks, in order, under the filter's condition `cond` and
/// `extra` (more conditions on `r`, each starting with AND).
fn checked_reports_sql(cond: &str, extra: &str) -> String {
    let from = reports_from(extra);
    format!(
        "SELECT r.report_id, r.agency_id, a.name, r.year, r.agency
         FROM {from}
         WHERE {cond}{extra}
         ORDER BY a.name, r.year"
    )
}

/// Check results, optionally for one report, one rule, failures only: the rows of
/// `check_results` and the passes counted in `check_runs`, rebuilt with the ids they had.
pub fn checks(
    conn: &Connection,
    report: Option<i64>,
    rule: Option<Rule>,
    failures_only: bool,
    filter: &Filter,
) -> Result<Rows> {
    collected(CHECK_COLUMNS, |emit| checks_each(conn, report, rule, failures_only, filter, emit))
}

/// The columns of [`checks`].
pub const CHECK_COLUMNS: &[&str] =
    &["report_id", "agency_id", "agency", "year", "rule", "scope", "lhs", "rhs", "status", "detail", "agency_printed"];

/// [`checks`], each row (of [`CHECK_COLUMNS`]) handed to `emit` in order: by agency name,
/// year, rule and check id, as `SELECT … FROM (check_results UNION ALL the passes rebuilt)
/// k JOIN reports r JOIN agencies a WHERE <filter> ORDER BY a.name, r.year, k.rule,
/// k.check_id` gives them. Report by report: its stored results and its passes rebuilt are
/// gathered and sorted, so that memory holds one report's results, not every report's.
pub fn checks_each(
    conn: &Connection,
    report: Option<i64>,
    rule: Option<Rule>,
    failures_only: bool,
    filter: &Filter,
    emit: &mut dyn FnMut(&[Val]) -> Result<()>,
) -> Result<()> {
    let (cond, extra, params) = narrowed(filter, report);
    let mut reports = conn.prepare(&checked_reports_sql(&cond, &extra))?;
    let mut stored =
        conn.prepare("SELECT check_id, rule, scope, lhs, rhs, status, detail FROM check_results WHERE report_id = ?1")?;
    let mut runs = conn.prepare(
        "SELECT first_check_id, other_report_id, kind, results FROM check_runs WHERE report_id = ?1 ORDER BY first_check_id",
    )?;
    let mut reread = store::Rereader::new(conn)?;
    let wanted = |r: &str| rule.is_none_or(|rule| rule.as_str() == r);
    // One report's results: (rule, check id, scope, lhs, rhs, status, detail).
    type Found = (String, i64, String, Option<f64>, Option<f64>, String, String);
    let mut results: Vec<Found> = Vec::new();
    let mut row: Vec<Val> = vec![Val::Null; CHECK_COLUMNS.len()];
    let mut q = reports.query(params_from_iter(params.iter()))?;
    while let Some(r) = q.next()? {
        let report_id: i64 = r.get(0)?;
        results.clear();
        let mut k = stored.query([report_id])?;
        while let Some(k) = k.next()? {
            let (rule, status): (String, String) = (k.get(1)?, k.get(5)?);
            if wanted(&rule) && (!failures_only || status == "fail") {
                results.push((rule, k.get(0)?, k.get(2)?, k.get(3)?, k.get(4)?, status, k.get(6)?));
            }
        }
        if !failures_only {
            let listed: Vec<store::Run> = runs
                .query_map([report_id], |k| {
                    let kind: String = k.get(2)?;
                    Ok(store::Run {
                        first_check_id: k.get(0)?,
                        report_id,
                        other_report_id: k.get(1)?,
                        kind: store::RunKind::parse(&kind).unwrap_or(store::RunKind::Report),
                        results: k.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            for run in &listed {
                for (id, k) in reread.rebuild_passes(run)? {
                    if wanted(k.rule.as_str()) {
                        // As a REAL column keeps them: NaN is NULL.
                        let real = |v: Option<f64>| v.filter(|v| !v.is_nan());
                        let (rule, status) = (k.rule.as_str().to_string(), k.status.as_str().to_string());
                        results.push((rule, id, k.scope, real(k.lhs), real(k.rhs), status, k.detail));
                    }
                }
            }
        }
        results.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        row[0] = Val::Int(report_id);
        row[1] = Val::Int(r.get(1)?);
        row[2] = Val::Text(r.get(2)?);
        row[3] = Val::Int(r.get(3)?);
        row[10] = Val::Text(r.get(4)?);
        for (rule, _, scope, lhs, rhs, status, detail) in results.drain(..) {
            row[4] = Val::Text(rule);
            row[5] = Val::Text(scope);
            row[6] = Val::num(lhs);
            row[7] = Val::num(rhs);
            row[8] = Val::Text(status);
            row[9] = Val::nonempty(detail);
            emit(&row)?;
        }
    }
    Ok(())
}

/// The metric catalog: per metric the eras it exists in (`pre2019`, `2019`, `2021`), the
/// template formula and the pre-2019 one, and what to know about each.
pub fn metric_catalog() -> Rows {
    let mut rows = Rows::new(&[
        "metric",
        "unit",
        "eras",
        "versions",
        "formula",
        "pre2019_formula",
        "aggregate",
        "chinese_names",
        "description",
        "caveat",
        "pre2019_caveat",
    ]);
    for m in metrics::CATALOG {
        let in_tables = m.in_template() && !matches!(m.formula, metrics::Formula::Publication(_));
        rows.push(vec![
            Val::text(m.name),
            Val::text(m.unit),
            Val::text(m.eras().join(", ")),
            Val::nonempty(if in_tables { m.versions.as_str() } else { "" }),
            Val::nonempty(m.formula_text()),
            Val::nonempty(m.pre2019_text()),
            Val::text(m.aggregate().as_str()),
            Val::nonempty(metrics::chinese_names(m.name)),
            Val::text(m.description),
            Val::nonempty(m.caveat),
            Val::nonempty(m.pre2019.as_ref().map_or("", |p| p.caveat)),
        ]);
    }
    rows
}

/// One (agency, year) value of a metric, with what the report itself says of its change.
#[derive(Clone, Debug)]
struct Point<'a> {
    agency_id: i64,
    agency: &'a str,
    year: i32,
    value: Option<f64>,
    source: Option<&'a str>,
    unit: Option<&'a str>,
    stated_pct: Option<f64>,
    stated_abs: Option<f64>,
    implied_previous: Option<f64>,
}

/// The rows a streaming query (`*_each`) hands its callback, gathered into [`Rows`].
fn collected(columns: &[&str], each: impl FnOnce(&mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()>) -> Result<Rows> {
    let mut rows = Rows::new(columns);
    each(&mut |row| {
        rows.push(row.to_vec());
        Ok(())
    })?;
    Ok(rows)
}

/// The trend of a metric: per agency and year, the value with its source (`2021 table`,
/// `2019 table`, `pre-2019 table`, `pre-2019 prose`) and unit, the previous report's value,
/// the change, the change the report itself states, and the caveat of a value whose
/// definition differs from the 2019+ one (a pre-2019 value, or a change from one).
///
/// Read as a few sequential scans joined in memory (agencies, reports in (agency, year)
/// order, the metric's range of `metric_data`, the claims that state a change from their
/// index) instead of several b-tree searches per report: as the SQL join
/// `reports r JOIN agencies a LEFT JOIN metric_data v LEFT JOIN metric_sources vs LEFT JOIN
/// claims c` (the report's first claim of the metric's subject stating a change)
/// `WHERE <filter> ORDER BY a.name, r.year` would give them.
pub fn trend(conn: &Connection, m: &Metric, filter: &Filter) -> Result<Rows> {
    collected(TREND_COLUMNS, |emit| trend_each(conn, m, filter, emit))
}

/// The columns of [`trend`].
pub const TREND_COLUMNS: &[&str] = &[
    "agency_id",
    "agency",
    "year",
    "report",
    "value",
    "unit",
    "source",
    "previous_year",
    "previous_value",
    "change",
    "change_pct",
    "stated_change_pct",
    "stated_change",
    "implied_previous",
    "stated_vs_tables",
    "caveat",
];

/// [`trend`], each row (of [`TREND_COLUMNS`]) handed to `emit` as it is made, in order: a
/// trend of 100,000 reports written out as it goes is never held whole.
pub fn trend_each(
    conn: &Connection,
    m: &Metric,
    filter: &Filter,
    emit: &mut dyn FnMut(&[Val]) -> Result<()>,
) -> Result<()> {
    // The reports and the changes they state read on this thread; the agencies, the
    // filter's reports and the metric's values on another (a second connection at the
    // same snapshot). The halves take about as long.
    let mut reading = Reading::begin(conn)?;
    let ((reports, stated), (agencies, selected, values)) = reading.join(
        |conn| Ok((ReportKeys::read(conn)?, StatedChanges::read(conn, m.claim_subject.unwrap_or(""))?)),
        |conn| {
            let (agencies, selected) = (agency_names(conn)?, selected_reports(conn, filter)?);
            Ok((agencies, selected, MetricValues::read(conn, m.name, Wanted::ValueAndUnit)?))
        },
    )?;
    // One row, its texts rewritten in place (not a string each per row).
    let mut row: Vec<Val> = vec![Val::Null; TREND_COLUMNS.len()];
    for (agency_id, name) in agencies.iter() {
        // The agency's previous report.
        let mut prev: Option<Point<'_>> = None;
        for &(year, report) in reports.of(agency_id) {
            if selected.as_ref().is_some_and(|s| !s.contains(&report)) {
                continue;
            }
            let v = values.get(report);
            let c = stated.get(report);
            let p = Point {
                agency_id,
                agency: name,
                year,
                value: v.and_then(MetricValue::value),
                source: v.and_then(|v| values.source(v)),
                unit: v.and_then(|v| values.unit(v)),
                stated_pct: c.and_then(|c| null_nan(c.stated_pct)),
                stated_abs: c.and_then(|c| null_nan(c.stated_abs)),
                implied_previous: c.and_then(|c| null_nan(c.implied_previous)),
            };
            let prev = prev.replace(p.clone());
            let prev = prev.as_ref();
            // Years between two reports of the agency with no report: shown as missing.
            if let Some(q) = prev {
                for gap in q.year + 1..p.year {
                    row[0] = Val::Int(p.agency_id);
                    set_text(&mut row[1], Some(p.agency));
                    row[2] = Val::Int(gap.into());
                    set_text(&mut row[3], Some("missing"));
                    row[4..].fill(Val::Null);
                    emit(&row)?;
                }
            }
            let prev_value = prev.and_then(|q| q.value);
            let change = p.value.zip(prev_value).map(|(a, b)| a - b);
            let change_pct = p.value.zip(prev_value).and_then(|(a, b)| (b != 0.0).then(|| 100.0 * (a - b) / b));
            // Only a report of the year just before can confirm what the report states.
            let verdict =
                stated_change_verdict(p.implied_previous, prev.filter(|q| q.year == p.year - 1).and_then(|q| q.value));
            // A pre-2019 value, or a change from one, carries the pre-2019 caveat.
            let caveat = [Some(&p), prev].into_iter().flatten().map(|q| m.caveat_for(q.source)).find(|c| !c.is_empty());
            row[0] = Val::Int(p.agency_id);
            set_text(&mut row[1], Some(p.agency));
            row[2] = Val::Int(p.year.into());
            set_text(&mut row[3], Some("present"));
            row[4] = Val::num(p.value);
            set_text(&mut row[5], unit_of(m, p.value, p.unit));
            set_text(&mut row[6], p.source);
            row[7] = Val::num(prev.map(|q| f64::from(q.year)));
            row[8] = Val::num(prev_value);
            row[9] = Val::num(change);
            row[10] = Val::num(change_pct);
            row[11] = Val::num(p.stated_pct);
            row[12] = Val::num(p.stated_abs);
            row[13] = Val::num(p.implied_previous);
            set_text(&mut row[14], Some(verdict).filter(|v| !v.is_empty()));
            set_text(&mut row[15], caveat);
            emit(&row)?;
        }
    }
    Ok(())
}

/// The unit of a value: what its pre-2019 figure printed, else the metric's; nothing
/// beside a missing value.
fn value_unit(m: &Metric, value: Option<f64>, unit: Option<&str>) -> Val {
    Val::opt_text(unit_of(m, value, unit))
}

/// [`value_unit`] as text.
fn unit_of<'u>(m: &Metric, value: Option<f64>, unit: Option<&'u str>) -> Option<&'u str> {
    value.map(|_| unit.unwrap_or(m.unit))
}

/// Add a sparkline column: each agency's values over its years, on every row of it.
pub fn with_sparklines(rows: &mut Rows, group_col: &str, value_col: &str) {
    let (Some(g), Some(v)) = (rows.col(group_col), rows.col(value_col)) else { return };
    let mut series: std::collections::HashMap<String, Vec<Option<f64>>> = std::collections::HashMap::new();
    for r in &rows.rows {
        series.entry(r[g].plain()).or_default().push(spark_value(&r[v]));
    }
    rows.columns.push("sparkline".to_string());
    for r in &mut rows.rows {
        let spark = sparkline(series.get(&r[g].plain()).map_or(&[][..], |s| s.as_slice()));
        r.push(Val::text(spark));
    }
}

/// A value as a sparkline draws it: a number, or a gap.
fn spark_value(v: &Val) -> Option<f64> {
    match v {
        Val::Int(i) => Some(*i as f64),
        Val::Float(f) => Some(*f),
        _ => None,
    }
}

/// [`with_sparklines`] for rows handed over one at a time whose groups come together (a
/// trend, agency after agency): a group's rows are held until the next group starts,
/// then handed on with the sparkline appended. Memory holds one group, not every row.
pub struct SparklineGroups {
    group: usize,
    value: usize,
    held: Vec<Vec<Val>>,
}

impl SparklineGroups {
    /// For rows of `columns`, grouped by `group_col`, drawing `value_col`; None when a
    /// column is not among them.
    pub fn new(columns: &[&str], group_col: &str, value_col: &str) -> Option<SparklineGroups> {
        let at = |name: &str| columns.iter().position(|c| *c == name);
        Some(SparklineGroups { group: at(group_col)?, value: at(value_col)?, held: Vec::new() })
    }

    /// Take a row; the rows of the group before it go on to `emit` when it starts another.
    pub fn push(&mut self, row: &[Val], emit: &mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()> {
        if self.held.first().is_some_and(|h| h[self.group] != row[self.group]) {
            self.finish(emit)?;
        }
        self.held.push(row.to_vec());
        Ok(())
    }

    /// Hand on the rows held, each with its group's sparkline.
    pub fn finish(&mut self, emit: &mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()> {
        let series: Vec<Option<f64>> = self.held.iter().map(|r| spark_value(&r[self.value])).collect();
        let spark = Val::text(sparkline(&series));
        for mut row in self.held.drain(..) {
            row.push(spark.clone());
            emit(&row)?;
        }
        Ok(())
    }
}

/// Every claim with the table figure it restates (R7) and, for stated changes, the
/// previous report's value and whether it agrees. A pre-2019 report's claims (prose
/// restating a key its statistics table gives) follow its template claims' shape: the
/// subject is the figure key, the text the sentence.
pub fn claims(conn: &Connection, report: Option<i64>, filter: &Filter) -> Result<Rows> {
    collected(CLAIM_COLUMNS, |emit| claims_each(conn, report, filter, emit))
}

/// The columns of [`claims`].
pub const CLAIM_COLUMNS: &[&str] = &[
    "report_id",
    "agency_id",
    "agency",
    "year",
    "subject",
    "text",
    "stated_value",
    "table_value",
    "value_check",
    "stated_change_pct",
    "stated_change",
    "implied_previous",
    "previous_value",
    "change_check",
    "agency_printed",
];

/// The SQL of [`claims_each`] under the filter's condition `cond` and `extra` (more
/// conditions on `r`, each starting with AND).
fn claims_sql(cond: &str, extra: &str) -> String {
    // A claim checked at import whose R7 result is not a row passed, and was counted: its
    // two sides were equal, so the table's value is the stated one.
    let r7_counted = "EXISTS (SELECT 1 FROM check_runs p WHERE p.report_id = cl.report_id AND p.kind = 'report' AND p.passed_r7 > 0)";
    let r7_counted_f =
        "EXISTS (SELECT 1 FROM check_runs p WHERE p.report_id = f.report_id AND p.kind = 'report' AND p.passed_r7 > 0)";
    // Both halves walk the reports in order (REPORTS_IN_ORDER) and a report's claims (or
    // figures) by id; SQLite merges the two halves in ORDER BY order instead of sorting
    // every claim first, so rows stream.
    let from = reports_from(extra);
    format!(
        "SELECT cl.report_id, a.name AS agency, r.year, cl.subject, cl.text, cl.stated_value,
                  CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = cl.report_id AND k.rule = 'R7' AND k.scope = cl.subject AND k.lhs IS cl.stated_value)
                       THEN (SELECT k.rhs FROM check_results k WHERE k.report_id = cl.report_id AND k.rule = 'R7' AND k.scope = cl.subject AND k.lhs IS cl.stated_value LIMIT 1)
                       WHEN cl.stated_value IS NOT NULL AND {r7_counted} THEN cl.stated_value END,
                  CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = cl.report_id AND k.rule = 'R7' AND k.scope = cl.subject AND k.lhs IS cl.stated_value)
                       THEN (SELECT k.status FROM check_results k WHERE k.report_id = cl.report_id AND k.rule = 'R7' AND k.scope = cl.subject AND k.lhs IS cl.stated_value LIMIT 1)
                       WHEN cl.stated_value IS NOT NULL AND {r7_counted} THEN 'pass' END,
                  cl.stated_change_pct, cl.stated_change_abs, cl.implied_previous, r.agency_id, 0 AS kind, cl.claim_id AS ord,
                  r.agency AS agency_printed
           FROM {from} CROSS JOIN claims cl ON cl.report_id = r.report_id
           WHERE {cond}{extra}
           UNION ALL
           SELECT f.report_id, a.name, r.year, f.key, f.raw, f.value,
                  CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = f.report_id AND k.rule = 'R7' AND k.scope = f.key AND k.lhs IS f.value)
                       THEN (SELECT k.rhs FROM check_results k WHERE k.report_id = f.report_id AND k.rule = 'R7' AND k.scope = f.key AND k.lhs IS f.value LIMIT 1)
                       WHEN {r7_counted_f} THEN f.value END,
                  CASE WHEN EXISTS (SELECT 1 FROM check_results k WHERE k.report_id = f.report_id AND k.rule = 'R7' AND k.scope = f.key AND k.lhs IS f.value)
                       THEN (SELECT k.status FROM check_results k WHERE k.report_id = f.report_id AND k.rule = 'R7' AND k.scope = f.key AND k.lhs IS f.value LIMIT 1)
                       WHEN {r7_counted_f} THEN 'pass' END,
                  NULL, NULL, NULL, r.agency_id, 1 AS kind, f.seq AS ord, r.agency
           FROM {from} CROSS JOIN figures f ON f.report_id = r.report_id
           WHERE f.role = 'claim' AND {cond}{extra}
         ORDER BY agency, year, kind, ord"
    )
}

/// [`claims`], each row (of [`CLAIM_COLUMNS`]) handed to `emit` in order.
pub fn claims_each(
    conn: &Connection,
    report: Option<i64>,
    filter: &Filter,
    emit: &mut dyn FnMut(&[Val]) -> Result<()>,
) -> Result<()> {
    let (cond, extra, params) = narrowed(filter, report);
    let sql = claims_sql(&cond, &extra);
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut q = stmt.query(params_from_iter(params.iter()))?;
    while let Some(r) = q.next()? {
        let subject: String = r.get(3)?;
        let year: i32 = r.get(2)?;
        let agency_id: i64 = r.get(11)?;
        let agency: String = r.get(1)?;
        let implied: Option<f64> = r.get(10)?;
        let previous = match (implied, metrics::CATALOG.iter().find(|m| m.claim_subject == Some(subject.as_str()))) {
            (Some(_), Some(m)) => previous_value(conn, agency_id, year - 1, m.name)?,
            _ => None,
        };
        let change_check = stated_change_verdict(implied, previous);
        let status: Option<String> = r.get(7)?;
        emit(&[
            Val::Int(r.get(0)?),
            Val::Int(agency_id),
            Val::text(agency.clone()),
            Val::Int(year.into()),
            Val::text(subject),
            Val::text(r.get::<_, String>(4)?),
            Val::num(r.get(5)?),
            Val::num(r.get(6)?),
            Val::opt_text(status),
            Val::num(r.get(8)?),
            Val::num(r.get(9)?),
            Val::num(implied),
            Val::num(previous),
            Val::nonempty(change_check),
            Val::text(r.get::<_, String>(14)?),
        ])?;
    }
    Ok(())
}

fn previous_value(conn: &Connection, agency_id: i64, year: i32, metric: &str) -> Result<Option<f64>> {
    Ok(conn
        .query_row(
            "SELECT v.value FROM reports r JOIN report_metrics v ON v.report_id = r.report_id AND v.metric = ?3
             WHERE r.agency_id = ?1 AND r.year = ?2",
            params![agency_id, year, metric],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

/// Compare two years: one row per agency (present in either year) and metric, each value
/// with its unit and source, and the caveat when a value's definition differs from the
/// 2019+ one (a pre-2019 value).
pub fn compare(conn: &Connection, year_a: i32, year_b: i32, metrics: &[&Metric], filter: &Filter) -> Result<Rows> {
    collected(COMPARE_COLUMNS, |emit| compare_each(conn, year_a, year_b, metrics, filter, emit))
}

/// The columns of [`compare`].
pub const COMPARE_COLUMNS: &[&str] = &[
    "agency_id",
    "agency",
    "metric",
    "year_a",
    "value_a",
    "unit_a",
    "source_a",
    "year_b",
    "value_b",
    "unit_b",
    "source_b",
    "change",
    "change_pct",
    "present",
    "caveat",
];

/// [`compare`], each row (of [`COMPARE_COLUMNS`]) handed to `emit` as it is made, in order.
pub fn compare_each(
    conn: &Connection,
    year_a: i32,
    year_b: i32,
    metrics: &[&Metric],
    filter: &Filter,
    emit: &mut dyn FnMut(&[Val]) -> Result<()>,
) -> Result<()> {
    // The SQL `reports r JOIN agencies a LEFT JOIN metric_data v LEFT JOIN metric_sources vs
    // WHERE r.year = ? AND <filter> ORDER BY a.name` per year, read without the agencies
    // (their names read once, in order, and joined in memory) or a sort. The two years of a
    // metric are read at once, on two connections at the same snapshot; the sources and
    // the filter's reports with the first year, the agencies' names with the second.
    let Some(first) = metrics.first() else { return Ok(()) };
    let mut reading = Reading::begin(conn)?;
    let ((sources, selected, first_a), (agencies, first_b)) = reading.join(
        |conn| {
            let (sources, selected) = (source_names(conn)?, selected_reports(conn, filter)?);
            Ok((sources, selected, YearValues::read(conn, year_a, first.name)?))
        },
        |conn| Ok((agency_names(conn)?, YearValues::read(conn, year_b, first.name)?)),
    )?;
    let mut first = Some((first_a, first_b));
    let agency_at = agencies.places();
    /// A report's value of the metric: the value, its source, its unit.
    type Sourced<'s> = (Option<f64>, Option<&'s str>, Option<String>);
    // A year's reports the filter keeps, by the agency's position in `agencies`.
    let by_agency = |year: YearValues| -> Vec<Option<Sourced<'_>>> {
        let mut out: Vec<Option<Sourced<'_>>> = vec![None; agencies.len()];
        for v in year.rows {
            if selected.as_ref().is_some_and(|s| !s.contains(&v.report)) {
                continue;
            }
            if let Some(i) = agency_at.get(v.agency) {
                out[i] = Some((v.value, v.source.and_then(|s| sources.get(&s)).map(String::as_str), v.unit));
            }
        }
        out
    };
    let present = ["both".to_string(), format!("only {year_a}"), format!("only {year_b}")];
    // One row, its texts rewritten in place (not a string each per row).
    let mut row: Vec<Val> = vec![Val::Null; COMPARE_COLUMNS.len()];
    for m in metrics {
        let (a, b) = match first.take() {
            Some(both) => both,
            None => reading.join(|c| YearValues::read(c, year_a, m.name), |c| YearValues::read(c, year_b, m.name))?,
        };
        let (a, b) = (by_agency(a), by_agency(b));
        for ((va, vb), (id, name)) in a.iter().zip(&b).zip(agencies.iter()) {
            if va.is_none() && vb.is_none() {
                continue;
            }
            let (va, vb) = (va.as_ref(), vb.as_ref());
            let (x, y) = (va.and_then(|v| v.0), vb.and_then(|v| v.0));
            fn source<'s>(v: Option<&Sourced<'s>>) -> Option<&'s str> {
                v.and_then(|v| v.1)
            }
            let (unit_a, unit_b) = (va.and_then(|v| v.2.as_deref()), vb.and_then(|v| v.2.as_deref()));
            let caveat =
                [source(va), source(vb)].iter().map(|s| m.caveat_for(*s)).find(|c| !c.is_empty()).unwrap_or("");
            let change = x.zip(y).map(|(x, y)| y - x);
            let pct = x.zip(y).and_then(|(x, y)| (x != 0.0).then(|| 100.0 * (y - x) / x));
            let present = match (va.is_some(), vb.is_some()) {
                (true, true) => &present[0],
                (true, false) => &present[1],
                _ => &present[2],
            };
            row[0] = Val::Int(id);
            set_text(&mut row[1], Some(name));
            set_text(&mut row[2], Some(m.name));
            row[3] = Val::Int(year_a.into());
            row[4] = Val::num(x);
            set_text(&mut row[5], unit_of(m, x, unit_a));
            set_text(&mut row[6], source(va));
            row[7] = Val::Int(year_b.into());
            row[8] = Val::num(y);
            set_text(&mut row[9], unit_of(m, y, unit_b));
            set_text(&mut row[10], source(vb));
            row[11] = Val::num(change);
            row[12] = Val::num(pct);
            set_text(&mut row[13], Some(present));
            set_text(&mut row[14], Some(caveat).filter(|c| !c.is_empty()));
            emit(&row)?;
        }
    }
    Ok(())
}

/// A year's reports and their values of one metric (NULL for a report without one), as
/// stored: `reports r LEFT JOIN metric_data v … WHERE r.year = ?`.
struct YearValues {
    rows: Vec<YearValue>,
}

/// One report of [`YearValues`].
struct YearValue {
    agency: i64,
    report: i64,
    value: Option<f64>,
    source: Option<i64>,
    unit: Option<String>,
}

impl YearValues {
    fn read(conn: &Connection, year: i32, metric: &str) -> Result<YearValues> {
        let mut q = Scan::new(
            conn,
            "SELECT r.agency_id, r.report_id, v.value, v.source_id, v.unit FROM reports r
             LEFT JOIN metric_data v ON v.metric_key = (SELECT metric_id FROM metric_names WHERE metric = ?2) * 4294967296 + r.report_id
             WHERE r.year = ?1",
            &[SqlValue::Integer(year.into()), SqlValue::Text(metric.to_string())],
        )?;
        let mut rows = Vec::new();
        while let Some(r) = q.next()? {
            rows.push(YearValue {
                agency: r.int(0)?,
                report: r.int(1)?,
                value: r.opt_real(2)?,
                source: r.opt_int(3)?,
                unit: r.opt_text(4)?.map(str::to_string),
            });
        }
        Ok(YearValues { rows })
    }
}

/// Rank agencies by a metric in one year (highest first unless `ascending`). Agencies
/// whose value is missing are left out. Equal values share a rank, and the next rank
/// skips as many places (1, 1, 3); `top` keeps the rows ranked `top` or better, so a tie
/// at the boundary is kept whole.
pub fn rank(
    conn: &Connection,
    m: &Metric,
    year: i32,
    top: Option<usize>,
    ascending: bool,
    filter: &Filter,
) -> Result<Rows> {
    // The year's values read in one join, ranked in memory: SQL's RANK() OVER (ORDER BY
    // value) then `ORDER BY place, name` (the SQL in the tests, `rank_sql`) sorts and
    // numbers every row in a window first, three times the work. A place depends on the
    // values alone, so the values are ranked first and only the agencies kept are named:
    // the agencies are joined only for a filter that speaks of them. Values and names are
    // read in one transaction, so an agency merged meanwhile cannot be missing from one.
    let reading = Reading::begin(conn)?;
    let conn = reading.conn();
    let (cond, mut params) = filter.sql();
    params.push(SqlValue::Text(m.name.to_string()));
    let mp = params.len();
    params.push(SqlValue::Integer(year.into()));
    let yp = params.len();
    let agencies = if filter.is_empty() { "" } else { "JOIN agencies a ON a.agency_id = r.agency_id" };
    let sql = format!(
        "SELECT r.agency_id, v.value, v.source_id, v.unit
         FROM reports r {agencies}
         JOIN metric_data v ON v.metric_key = (SELECT metric_id FROM metric_names WHERE metric = ?{mp}) * 4294967296 + r.report_id
         WHERE r.year = ?{yp} AND v.value IS NOT NULL AND {cond}"
    );
    /// A value ranked: its place, agency, value, source and unit as stored.
    struct Ranked {
        place: usize,
        agency_id: i64,
        value: f64,
        source: Option<i64>,
        unit: Option<String>,
    }
    let mut values: Vec<Ranked> = Vec::new();
    let mut q = Scan::new(conn, &sql, &params)?;
    while let Some(r) = q.next()? {
        let value = r.opt_real(1)?.context("rank: a NULL value where the query keeps none")?;
        let unit = r.opt_text(3)?.map(str::to_string);
        values.push(Ranked { place: 0, agency_id: r.int(0)?, value, source: r.opt_int(2)?, unit });
    }
    drop(q);
    // Best first (no NaN: SQLite keeps none); a value's place is one more than the number
    // of values better than it, so equal values share a place and the next is skipped.
    let better = |a: f64, b: f64| if ascending { a.total_cmp(&b) } else { b.total_cmp(&a) };
    values.sort_unstable_by(|x, y| better(x.value, y.value));
    for i in 0..values.len() {
        values[i].place = match i.checked_sub(1).map(|j| &values[j]) {
            Some(prev) if prev.value == values[i].value => prev.place,
            _ => i + 1,
        };
    }
    if let Some(top) = top {
        values.retain(|v| v.place <= top);
    }
    // The agencies kept, named; equal values in the order of their names.
    let names = names_of(conn, values.iter().map(|v| v.agency_id), values.len() > NAMES_LOOKED_UP)?;
    let mut named: Vec<(Ranked, &str)> = values.into_iter().zip(names.iter().map(String::as_str)).collect();
    named.sort_by(|(x, xn), (y, yn)| x.place.cmp(&y.place).then_with(|| xn.cmp(yn)));
    let sources = source_names(conn)?;
    let mut rows = Rows::new(&["rank", "agency_id", "agency", "year", "metric", "value", "unit", "source", "caveat"]);
    for (v, agency) in named {
        let source = v.source.and_then(|s| sources.get(&s)).map(String::as_str);
        rows.push(vec![
            Val::Int(v.place as i64),
            Val::Int(v.agency_id),
            Val::text(agency),
            Val::Int(year.into()),
            Val::text(m.name),
            Val::num(Some(v.value)),
            value_unit(m, Some(v.value), v.unit.as_deref()),
            Val::opt_text(source),
            Val::nonempty(m.caveat_for(source)),
        ]);
    }
    Ok(rows)
}

/// Up to this many agencies are named one lookup each; more, from one pass over all.
const NAMES_LOOKED_UP: usize = 64;

/// The names of agencies, in the order of `ids`: looked up one by one, or (`scan`) read
/// in one pass over every agency ([`agency_names`]), cheaper when many are asked for.
fn names_of(conn: &Connection, ids: impl Iterator<Item = i64>, scan: bool) -> Result<Vec<String>> {
    if !scan {
        let mut name = conn.prepare_cached("SELECT name FROM agencies WHERE agency_id = ?1")?;
        return ids.map(|id| Ok(name.query_row([id], |r| r.get(0))?)).collect();
    }
    let all = agency_names(conn)?;
    let at = all.places();
    ids.map(|id| {
        let name = at.get(id).and_then(|i| all.texts.get(all.names[i]));
        name.map(str::to_string).with_context(|| format!("agency {id} has no name"))
    })
    .collect()
}

/// A first and last year.
pub type YearWindow = (i32, i32);

/// The agencies that have a value of metric `m` in every year of the window, with the
/// window: `--from` / `--to` where given, else the first and last year with a value among
/// the agencies the filter keeps (`--same-agencies`, so that groups compare like with like).
pub fn same_agencies(conn: &Connection, m: &Metric, filter: &Filter) -> Result<(Vec<i64>, Option<YearWindow>)> {
    let (cond, mut params) = filter.sql();
    params.push(SqlValue::Text(m.name.to_string()));
    let mp = params.len();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT DISTINCT a.agency_id, r.year FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
         JOIN report_metrics v ON v.report_id = r.report_id AND v.metric = ?{mp} AND v.value IS NOT NULL
         WHERE {cond}"
    ))?;
    let pairs: Vec<(i64, i32)> = stmt
        .query_map(params_from_iter(params.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let (Some(first), Some(last)) = (
        filter.from.or_else(|| pairs.iter().map(|p| p.1).min()),
        filter.to.or_else(|| pairs.iter().map(|p| p.1).max()),
    ) else {
        return Ok((Vec::new(), None));
    };
    let mut years: std::collections::BTreeMap<i64, std::collections::BTreeSet<i32>> = std::collections::BTreeMap::new();
    for (id, year) in pairs {
        years.entry(id).or_default().insert(year);
    }
    let ids = years.into_iter().filter(|(_, ys)| (first..=last).all(|y| ys.contains(&y))).map(|(id, _)| id).collect();
    Ok((ids, Some((first, last))))
}

/// How `trend --by` groups reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    /// The canonical agency.
    Agency,
    /// The agency's full region (province, city, county).
    Region,
    Province,
    City,
    /// The agency's kind (公安, 人民政府, …).
    Kind,
    /// All reports of a year together.
    Year,
}

impl GroupBy {
    /// Every grouping, with the word that names it on the command line.
    pub const ALL: [(&'static str, GroupBy); 6] = [
        ("agency", GroupBy::Agency),
        ("region", GroupBy::Region),
        ("province", GroupBy::Province),
        ("city", GroupBy::City),
        ("kind", GroupBy::Kind),
        ("year", GroupBy::Year),
    ];

    /// The grouping a command-line word names.
    pub fn parse(word: &str) -> Option<GroupBy> {
        GroupBy::ALL.iter().find(|(w, _)| *w == word).map(|(_, g)| *g)
    }

    /// The column name of the group.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupBy::Agency => "agency",
            GroupBy::Region => "region",
            GroupBy::Province => "province",
            GroupBy::City => "city",
            GroupBy::Kind => "kind",
            GroupBy::Year => "group",
        }
    }

    /// The SQL expression of the group over `agencies a` (fixed text, never user input).
    fn sql(self) -> &'static str {
        match self {
            GroupBy::Agency => "a.name",
            GroupBy::Region => "NULLIF(trim(COALESCE(a.province, '') || ' ' || COALESCE(NULLIF(a.city, a.province), '') || ' ' || COALESCE(a.county, '')), '')",
            GroupBy::Province => "a.province",
            GroupBy::City => "COALESCE(a.city, a.province)",
            GroupBy::Kind => "a.kind_name",
            GroupBy::Year => "'all'",
        }
    }
}

/// A metric summed (counts) or recomputed from summed parts (ratios, means) per group and
/// year: never an average of rates. Agencies whose group is unknown form `(unresolved)`.
/// `agencies` counts the agencies that contributed a value: a change between two years
/// whose agencies differ compares different sets (see `--same-agencies`).
///
/// Read as sequential scans joined in memory, and summed as the SQL
/// `SELECT COALESCE(<group>, '(unresolved)') AS grp, r.year, sum(v.value) (or the ratio of
/// the sums of v.numerator and v.denominator), count(DISTINCT <agency with a value>),
/// count(<value>), count(*), group_concat(DISTINCT vs.source ORDER BY vs.source DESC) FROM
/// reports r JOIN agencies a LEFT JOIN metric_data v LEFT JOIN metric_sources vs WHERE
/// <filter> GROUP BY grp, r.year ORDER BY grp, r.year` would: SQLite's plan visits the
/// reports in (year, agency_id) order (the index `reports_by_year`) and its sorter keeps
/// that order within a group, so the sums here add the same values in the same order, the
/// way SQLite's `sum()` does (`SqlSum`).
pub fn trend_by(conn: &Connection, m: &Metric, filter: &Filter, by: GroupBy) -> Result<Rows> {
    // The agencies' groups, the filter's reports and the reports' keys read on this thread,
    // the metric's values on another (a second connection at the same snapshot).
    let wanted = if m.is_ratio() { Wanted::Parts } else { Wanted::Value };
    let mut reading = Reading::begin(conn)?;
    let (((names, group_of), selected, keys), values) = reading.join(
        |conn| {
            let groups = agency_groups(conn, by)?;
            let selected = selected_reports(conn, filter)?;
            // (year, agency_id, report_id) of every report, by year and agency.
            let mut keys: Vec<(i32, i64, i64)> = Vec::new();
            let mut q =
                Scan::new(conn, "SELECT year, agency_id, report_id FROM reports ORDER BY year, agency_id", &[])?;
            while let Some(r) = q.next()? {
                keys.push((r.int32(0)?, r.int(1)?, r.int(2)?));
            }
            Ok((groups, selected, keys))
        },
        |conn| MetricValues::read(conn, m.name, wanted),
    )?;
    #[derive(Default)]
    struct Acc {
        value: SqlSum,
        numerator: SqlSum,
        denominator: SqlSum,
        /// Agencies with a value, and the last one counted.
        agencies: i64,
        last_agency: Option<i64>,
        with: i64,
        all: i64,
        sources: Vec<u32>,
    }
    // (group, year, sums), a year's groups in the order met; `at` finds the year's groups.
    let mut accs: Vec<(usize, i32, Acc)> = Vec::new();
    let mut at: Vec<u32> = vec![0; names.len()];
    let mut year_starts = accs.len();
    let mut current_year: Option<i32> = None;
    for (year, agency, report) in keys {
        let Some(g) = group_of.get(agency) else { continue };
        if selected.as_ref().is_some_and(|s| !s.contains(&report)) {
            continue;
        }
        if current_year != Some(year) {
            current_year = Some(year);
            year_starts = accs.len();
        }
        let i = match (at[g] as usize).checked_sub(1) {
            Some(i) if i >= year_starts => i,
            _ => {
                accs.push((g, year, Acc::default()));
                at[g] = accs.len() as u32;
                accs.len() - 1
            }
        };
        let acc = &mut accs[i].2;
        acc.all += 1;
        let Some(v) = values.get(report) else { continue };
        acc.value.add(v.value());
        acc.numerator.add(v.numerator());
        acc.denominator.add(v.denominator());
        let counted = if m.is_ratio() { v.denominator() } else { v.value() };
        if counted.is_some() {
            acc.with += 1;
            if acc.last_agency != Some(agency) {
                acc.agencies += 1;
                acc.last_agency = Some(agency);
            }
        }
        if v.source > 0 && !acc.sources.contains(&v.source) {
            acc.sources.push(v.source);
        }
    }
    // ORDER BY grp, r.year.
    accs.sort_unstable_by_key(|(g, year, _)| (*g, *year));
    let mut rows = Rows::new(&[
        by.as_str(),
        "year",
        "value",
        "agencies",
        "reports_with_value",
        "reports",
        "sources",
        "change",
        "change_pct",
    ]);
    let mut prev: Option<(usize, Option<f64>)> = None;
    for (g, year, acc) in accs {
        let ratio = |scale: f64| match (acc.numerator.get(), acc.denominator.get()) {
            (Some(n), Some(d)) if d != 0.0 => Some(scale * n / d),
            _ => None,
        };
        let value = match m.aggregate() {
            metrics::Aggregate::Ratio => ratio(100.0),
            metrics::Aggregate::Mean => ratio(1.0),
            metrics::Aggregate::Sum => acc.value.get(),
        };
        // The sources of the values summed, comma-separated (`2019 table`, `pre-2019 prose`…).
        let mut sources: Vec<&str> = acc.sources.iter().filter_map(|&s| values.source_name(s)).collect();
        sources.sort_unstable_by(|a, b| b.cmp(a));
        sources.dedup();
        let before = prev.filter(|(p, _)| *p == g).and_then(|(_, v)| v);
        let change = value.zip(before).map(|(a, b)| a - b);
        let pct = value.zip(before).and_then(|(a, b)| (b != 0.0).then(|| 100.0 * (a - b) / b));
        rows.push(vec![
            Val::text(names[g].as_str()),
            Val::Int(year.into()),
            Val::num(value),
            Val::Int(acc.agencies),
            Val::Int(acc.with),
            Val::Int(acc.all),
            if sources.is_empty() { Val::Null } else { Val::text(sources.join(",")) },
            Val::num(change),
            Val::num(pct),
        ]);
        prev = Some((g, value));
    }
    Ok(rows)
}

/// Each agency's group of `by` (`(unresolved)` for none): the groups' names in their order
/// (SQL's: by bytes), and each agency's group as its place in that order.
fn agency_groups(conn: &Connection, by: GroupBy) -> Result<(Vec<String>, IdIndex)> {
    // The groups numbered as first met; a group's name is kept once, not once per agency.
    let mut met: HashMap<String, usize> = HashMap::new();
    let mut of_agency: Vec<(i64, usize)> = Vec::new();
    {
        let sql = format!("SELECT a.agency_id, COALESCE({}, '(unresolved)') FROM agencies a", by.sql());
        let mut q = Scan::new(conn, &sql, &[])?;
        while let Some(r) = q.next()? {
            let group = r.text(1)?;
            let n = match met.get(group) {
                Some(&n) => n,
                None => {
                    met.insert(group.to_string(), met.len());
                    met.len() - 1
                }
            };
            of_agency.push((r.int(0)?, n));
        }
    }
    let mut names: Vec<(&str, usize)> = met.iter().map(|(g, &n)| (g.as_str(), n)).collect();
    names.sort_unstable();
    let mut rank = vec![0; names.len()];
    for (r, (_, n)) in names.iter().enumerate() {
        rank[*n] = r;
    }
    let names: Vec<String> = names.into_iter().map(|(g, _)| g.to_string()).collect();
    let mut group_of = IdIndex::default();
    for (id, n) in of_agency {
        group_of.insert(id, rank[n]);
    }
    Ok((names, group_of))
}

/// SQLite's `sum()` of REAL values (as `metric_data` holds them): Kahan-Babuska-Neumaier
/// summation in the order the values come, the error term left out when it overflowed;
/// NULL when nothing was added. The same values in the same order give the same bits.
#[derive(Clone, Copy, Debug, Default)]
struct SqlSum {
    sum: f64,
    err: f64,
    any: bool,
}

impl SqlSum {
    fn add(&mut self, v: Option<f64>) {
        let Some(r) = v else { return };
        let s = self.sum;
        let t = s + r;
        if s.abs() > r.abs() {
            self.err += (s - t) + r;
        } else {
            self.err += (r - t) + s;
        }
        self.sum = t;
        self.any = true;
    }

    fn get(&self) -> Option<f64> {
        self.any.then(|| if self.err.is_finite() { self.sum + self.err } else { self.sum })
    }
}

/// A sparkline of values (missing as a space).
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let present: Vec<f64> = values.iter().flatten().copied().collect();
    let (lo, hi) = present.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(*v), h.max(*v)));
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if hi <= lo => BARS[3],
            Some(v) => BARS[(((v - lo) / (hi - lo)) * 7.0).round().clamp(0.0, 7.0) as usize],
        })
        .collect()
}

/// Every agency: canonical name, other names, region, kind, years present and missing.
pub fn agencies(conn: &Connection, filter: &Filter) -> Result<Rows> {
    collected(AGENCY_COLUMNS, |emit| agencies_each(conn, filter, emit))
}

/// The columns of [`agencies`].
pub const AGENCY_COLUMNS: &[&str] = &[
    "agency_id",
    "agency",
    "aliases",
    "province",
    "city",
    "county",
    "region_code",
    "kind",
    "kind_name",
    "years",
    "missing_years",
];

/// [`agencies`], each row (of [`AGENCY_COLUMNS`]) handed to `emit` in order.
pub fn agencies_each(conn: &Connection, filter: &Filter, emit: &mut dyn FnMut(&[Val]) -> Result<()>) -> Result<()> {
    // Read whole and joined in memory: three sequential scans instead of a sort of every
    // (agency, year) and a lookup per agency. The reports' years are read on this thread
    // while the agencies (in order) and their aliases are read on another (a second
    // connection at the same snapshot).
    let mut reading = Reading::begin(conn)?;
    let (years, ((texts, list), alias_rows)) =
        reading.join(AgencyYears::read, |conn| Ok((agency_records(conn)?, AliasRows::read(conn)?)))?;
    let conn = reading.conn();
    let years_of = |id: i64| years.of(id);
    // The filter speaks of reports `r`; an agency matches when any of its reports does, or
    // when it has no report at all. (Without a filter every report matches.)
    let mut list = list;
    if !filter.is_empty() {
        let (cond, params) = filter.sql();
        let selected: HashSet<i64> = conn
            .prepare_cached(&format!(
                "SELECT DISTINCT r.agency_id FROM reports r JOIN agencies a ON a.agency_id = r.agency_id WHERE {cond}"
            ))?
            .query_map(params_from_iter(params.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        list.retain(|a| years_of(a.id).is_empty() || selected.contains(&a.id));
    }
    let mut names = IdIndex::default();
    for (i, a) in list.iter().enumerate() {
        names.insert(a.id, i);
    }
    let mut aliases: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, alias) in alias_rows.iter() {
        // Most agencies' one alias is their name: compared as bytes (the name is UTF-8, so
        // an equal alias is too); only another is checked as UTF-8.
        let name = names.get(id).and_then(|i| texts.get(list[i].fields[NAME]));
        if name.map(str::as_bytes) == Some(alias) {
            continue;
        }
        let alias = std::str::from_utf8(alias).context("an agency alias in the database is not UTF-8")?;
        if name.is_some() {
            aliases.entry(id).or_default().push(alias.to_string());
        }
    }
    // One row, its texts rewritten in place for each agency.
    let mut row: Vec<Val> = vec![Val::Null; AGENCY_COLUMNS.len()];
    let mut joined = String::new();
    for a in &list {
        let list = years_of(a.id);
        row[0] = Val::Int(a.id);
        set_text(&mut row[1], texts.get(a.fields[NAME]));
        let alias = aliases.get_mut(&a.id).map(|v| {
            v.sort();
            v.join(" / ")
        });
        row[2] = Val::opt_text(alias);
        // Columns 3–8 are the texts after the name, in their order.
        for (column, field) in (3..=8).zip(1..=6) {
            set_text(&mut row[column], texts.get(a.fields[field]));
        }
        join_years(&mut joined, list.iter().copied());
        set_text(&mut row[9], (!joined.is_empty()).then_some(joined.as_str()));
        let span = list.first().zip(list.last()).into_iter().flat_map(|(a, b)| *a..=*b);
        join_years(&mut joined, span.filter(|y| list.binary_search(y).is_err()));
        set_text(&mut row[10], (!joined.is_empty()).then_some(joined.as_str()));
        emit(&row)?;
    }
    Ok(())
}

/// Every agency's id and texts (see [`AgencyRecord`]), in the order `xxgk agencies` lists
/// them: by province, city and name (unique), NULL first, then by bytes, read in that order
/// from the index `agencies_in_place_order` (schema version 10). The texts go into one
/// buffer, each agency a small fixed record of where its texts are: a few large
/// allocations, not seven small ones per agency (the memory a query touches first costs
/// its zeroing).
fn agency_records(conn: &Connection) -> Result<(Texts, Vec<AgencyRecord>)> {
    let mut texts = TextBytes::default();
    let mut list: Vec<AgencyRecord> = Vec::new();
    let mut q = Scan::new(
        conn,
        "SELECT agency_id, name, province, city, county, region_code, kind, kind_name FROM agencies
         ORDER BY province, city, name",
        &[],
    )?;
    while let Some(r) = q.next()? {
        let mut fields = [TextSpan::NULL; 7];
        for (i, f) in fields.iter_mut().enumerate() {
            *f = texts.add(r.opt_text_bytes(i + 1)?)?;
        }
        list.push(AgencyRecord { id: r.int(0)?, fields });
    }
    Ok((texts.finish()?, list))
}

/// The rows of `agency_aliases` as stored: (agency_id, alias) with the aliases' bytes end
/// to end, not yet checked as UTF-8 (most are their agency's name, compared as bytes).
#[derive(Default)]
struct AliasRows {
    bytes: Vec<u8>,
    /// (agency_id, end of the alias in `bytes`).
    rows: Vec<(i64, usize)>,
}

impl AliasRows {
    fn read(conn: &Connection) -> Result<AliasRows> {
        let mut out = AliasRows::default();
        let mut q = Scan::new(conn, "SELECT agency_id, alias FROM agency_aliases", &[])?;
        while let Some(r) = q.next()? {
            let id = r.int(0)?;
            out.bytes.extend_from_slice(r.opt_text_bytes(1)?.context("an agency alias is NULL")?);
            out.rows.push((id, out.bytes.len()));
        }
        Ok(out)
    }

    /// (agency_id, alias), in the order read.
    fn iter(&self) -> impl Iterator<Item = (i64, &[u8])> {
        let starts = std::iter::once(0).chain(self.rows.iter().map(|r| r.1));
        self.rows.iter().zip(starts).map(|(&(id, end), start)| (id, &self.bytes[start..end]))
    }
}

/// The years each agency has reports for, in order (from the (agency_id, year) key).
/// [`ReportKeys`] reads the same key with the report ids too; `agencies` needs only the
/// years, and the extra column cost its first thread 22 million more instructions at
/// 100,000 reports (184.5 against 162), which would make that half the longer one.
#[derive(Default)]
struct AgencyYears {
    years: Vec<i32>,
    /// Each agency's run of `years`, by its number in `runs`.
    runs: IdIndex,
    run_ends: Vec<(usize, usize)>,
}

impl AgencyYears {
    fn read(conn: &Connection) -> Result<AgencyYears> {
        let mut out = AgencyYears::default();
        let mut q = Scan::new(conn, "SELECT agency_id, year FROM reports ORDER BY agency_id, year", &[])?;
        let mut last: Option<i64> = None;
        while let Some(r) = q.next()? {
            let (agency, year) = (r.int(0)?, r.int32(1)?);
            if last != Some(agency) {
                last = Some(agency);
                out.runs.insert(agency, out.run_ends.len());
                out.run_ends.push((out.years.len(), out.years.len()));
            }
            let run = out.run_ends.last_mut().expect("a run was started");
            if out.years[run.0..run.1].last() != Some(&year) {
                out.years.push(year);
                run.1 = out.years.len();
            }
        }
        Ok(out)
    }

    /// An agency's years, in order (none for an agency without reports).
    fn of(&self, agency: i64) -> &[i32] {
        self.runs.get(agency).map_or(&[], |i| &self.years[self.run_ends[i].0..self.run_ends[i].1])
    }
}

/// `out` made the years, comma-separated.
fn join_years(out: &mut String, years: impl Iterator<Item = i32>) {
    out.clear();
    let mut digits = itoa::Buffer::new();
    for y in years {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(digits.format(y));
    }
}

/// Where one text of [`Texts`] is: its start and length, or NULL.
#[derive(Clone, Copy)]
struct TextSpan {
    start: u32,
    len: u32,
}

impl TextSpan {
    const NULL: TextSpan = TextSpan { start: u32::MAX, len: 0 };
}

/// Many short texts kept end to end in one string (made by [`TextBytes`]).
struct Texts(String);

/// [`Texts`] being gathered as SQLite holds them, checked as UTF-8 all at once when done
/// ([`TextBytes::finish`]): one pass over a long buffer, not a call per short text.
#[derive(Default)]
struct TextBytes {
    bytes: Vec<u8>,
    /// Where each text starts.
    starts: Vec<u32>,
}

impl TextBytes {
    fn add(&mut self, s: Option<&[u8]>) -> Result<TextSpan> {
        let Some(s) = s else { return Ok(TextSpan::NULL) };
        let start =
            u32::try_from(self.bytes.len()).ok().filter(|&n| n < u32::MAX).context("over 4 GiB of agency names")?;
        let len = u32::try_from(s.len()).context("an agency text over 4 GiB")?;
        self.bytes.extend_from_slice(s);
        self.starts.push(start);
        Ok(TextSpan { start, len })
    }

    /// The texts, if each is UTF-8: the whole buffer is, and each text starts (and so the
    /// one before it ends) at a character's first byte.
    fn finish(self) -> Result<Texts> {
        let Ok(whole) = simdutf8::basic::from_utf8(&self.bytes) else {
            bail!("an agency's text in the database is not UTF-8")
        };
        if let Some(start) = self.starts.iter().find(|&&s| !whole.is_char_boundary(s as usize)) {
            bail!("an agency's text in the database is not UTF-8 (it starts inside a character at byte {start})");
        }
        Ok(Texts(whole.to_string()))
    }
}

impl Texts {
    fn get(&self, span: TextSpan) -> Option<&str> {
        let start = (span.start != u32::MAX).then_some(span.start as usize)?;
        self.0.get(start..start + span.len as usize)
    }
}

/// An agency as [`agencies_each`] holds it: its id and its texts (name, province, city,
/// county, region_code, kind, kind_name) in [`Texts`].
struct AgencyRecord {
    id: i64,
    fields: [TextSpan; 7],
}

const NAME: usize = 0;

/// Make `v` the text `s` (reusing its string), or NULL.
fn set_text(v: &mut Val, s: Option<&str>) {
    match (v, s) {
        (Val::Text(t), Some(s)) => {
            t.clear();
            t.push_str(s);
        }
        (v, Some(s)) => *v = Val::Text(s.to_string()),
        (v, None) => *v = Val::Null,
    }
}

/// What `xxgk export` writes, in order: every public view, the tables `reports`,
/// `check_results` and `claims` with their report's agency added (`agency_id`, `agency` the
/// canonical name, `agency_printed`), and the catalogs `template_rows` and `metric_catalog`.
pub const PUBLIC_VIEWS: &[&str] = &[
    "reports",
    "agency_years",
    "cell_values",
    "report_figures",
    "report_applications",
    "report_proactive",
    "report_appeals",
    "check_results",
    "claims",
    "check_summary",
    "metric_values",
    "template_rows",
    "metric_catalog",
];

/// The SQL `xxgk export` runs for one of [`PUBLIC_VIEWS`] (fixed text, never user input).
/// A table's own columns come first, as `SELECT *` gives them (so columns other versions
/// add come along); `reports.agency` is the canonical name there, as in every view.
pub fn export_sql(conn: &Connection, name: &str) -> Result<String> {
    let order = match name {
        "cell_values" => "report_id, tbl, row_key, col_key",
        "report_figures" => "report_id, key",
        "report_proactive" => "report_id, item",
        "agency_years" => "agency_id",
        "check_results" => "check_id",
        "claims" => "claim_id",
        "metric_values" => "report_id, metric",
        "template_rows" | "metric_catalog" => "rowid",
        _ => "report_id",
    };
    let identity = "r.agency_id, a.name AS agency, r.year, r.agency AS agency_printed";
    Ok(match name {
        "reports" => {
            let columns: Vec<String> = conn
                .prepare("SELECT name FROM pragma_table_info('reports')")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let list: Vec<String> = columns
                .iter()
                .map(|c| if c == "agency" { "a.name AS agency".to_string() } else { format!("r.\"{c}\"") })
                .collect();
            format!(
                "SELECT {}, r.agency AS agency_printed FROM reports r JOIN agencies a ON a.agency_id = r.agency_id ORDER BY r.report_id",
                list.join(", ")
            )
        }
        "check_results" => {
            // Every result: the passes counted in check_runs rebuilt beside the rows.
            fill_counted_passes(conn, "1 = 1", &[])?;
            format!(
                "SELECT t.*, {identity} FROM {EVERY_CHECK_RESULT} t JOIN reports r ON r.report_id = t.report_id
                 JOIN agencies a ON a.agency_id = r.agency_id ORDER BY t.{order}"
            )
        }
        "claims" => format!(
            "SELECT t.*, {identity} FROM {name} t JOIN reports r ON r.report_id = t.report_id
             JOIN agencies a ON a.agency_id = r.agency_id ORDER BY t.{order}"
        ),
        _ => format!("SELECT * FROM {name} ORDER BY {order}"),
    })
}

/// The column names a query gives.
pub fn columns_of(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    Ok(conn.prepare(sql)?.column_names().iter().map(|c| c.to_string()).collect())
}

/// Run a query and hand each row to `emit`, one at a time, with the values
/// [`sql_params`] would collect; the number of rows.
pub fn each_row(conn: &Connection, sql: &str, emit: &mut dyn FnMut(&[Val]) -> Result<()>) -> Result<usize> {
    each_row_of(&mut conn.prepare(sql)?, &[], emit)
}

/// One public view's rows, in export order.
pub fn public_view(conn: &Connection, name: &str) -> Result<Rows> {
    query_rows(conn, &export_sql(conn, name)?, &[])
}

/// A column's type for typed exports (Parquet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    Integer,
    Real,
    Text,
    /// `YYYY-MM-DD` text, declared DATE.
    Date,
}

/// Each column's type for typed exports: the declared type where the column comes straight
/// from a table, else the storage classes its values have (REAL wins over INTEGER; a pass
/// over the query tells them, holding no row), else REAL for an aggregate that is all NULL
/// and TEXT otherwise.
pub fn typed_columns(conn: &Connection, sql: &str) -> Result<Vec<(String, ColumnType)>> {
    let mut stmt = conn.prepare(sql)?;
    let declared: Vec<(String, Option<ColumnType>)> = stmt
        .columns()
        .iter()
        .map(|c| {
            let by_decl = c.decl_type().map(|t| t.to_ascii_uppercase()).and_then(|t| match t.as_str() {
                "DATE" => Some(ColumnType::Date),
                t if t.contains("INT") => Some(ColumnType::Integer),
                t if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") => Some(ColumnType::Real),
                t if t.contains("TEXT") || t.contains("CHAR") => Some(ColumnType::Text),
                _ => None,
            });
            (c.name().to_string(), by_decl)
        })
        .collect();
    // (integer, real, text) seen per column without a declared type.
    let mut seen = vec![(false, false, false); declared.len()];
    let undeclared: Vec<usize> = (0..declared.len()).filter(|&i| declared[i].1.is_none()).collect();
    if !undeclared.is_empty() {
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            for &i in &undeclared {
                match r.get_ref(i)? {
                    ValueRef::Integer(_) => seen[i].0 = true,
                    ValueRef::Real(_) => seen[i].1 = true,
                    ValueRef::Text(_) | ValueRef::Blob(_) => seen[i].2 = true,
                    ValueRef::Null => {}
                }
            }
        }
    }
    Ok(declared
        .into_iter()
        .zip(seen)
        .map(|((name, by_decl), seen)| {
            let kind = by_decl.unwrap_or(match seen {
                (_, _, true) => ColumnType::Text,
                (_, true, false) => ColumnType::Real,
                (true, false, false) => ColumnType::Integer,
                (false, false, false) if name.ends_with("_unit") || name == "years" => ColumnType::Text,
                (false, false, false) => ColumnType::Real,
            });
            (name, kind)
        })
        .collect())
}

/// Run a query and hand its rows, as SQLite stored the values, to `emit` in chunks of at
/// most `chunk` rows; the number of rows.
pub fn typed_each(
    conn: &Connection,
    sql: &str,
    chunk: usize,
    emit: &mut dyn FnMut(&[Vec<SqlValue>]) -> Result<()>,
) -> Result<usize> {
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let (mut rows, mut count) = (Vec::new(), 0);
    let mut q = stmt.query([])?;
    while let Some(r) = q.next()? {
        rows.push((0..n).map(|i| r.get::<_, SqlValue>(i)).collect::<rusqlite::Result<Vec<_>>>()?);
        count += 1;
        if rows.len() >= chunk {
            emit(&rows)?;
            rows.clear();
        }
    }
    if !rows.is_empty() {
        emit(&rows)?;
    }
    Ok(count)
}

// Whole-table reads: `trend`, `trend --by`, `compare` and `agencies` read a few tables or
// index ranges from end to end and join them in memory, instead of searching b-trees
// several times per report. Each says which SQL it stands for.

/// Positions by id (a report's): a slot per id where the ids are dense, as SQLite assigns
/// them, and a hash map for the others.
#[derive(Default)]
struct IdIndex {
    /// Position + 1 by id; 0: none.
    dense: Vec<u32>,
    sparse: HashMap<i64, u32>,
    len: usize,
}

impl IdIndex {
    /// For ids up to `max` (a slot each, made at once: untouched slots take no memory).
    fn up_to(max: Option<i64>) -> IdIndex {
        match max.and_then(|m| usize::try_from(m).ok()).filter(|&m| m < 1 << 24) {
            Some(m) => IdIndex { dense: vec![0; m + 1], ..IdIndex::default() },
            None => IdIndex::default(),
        }
    }

    /// Record `id` at `pos`; a later position of the same id wins.
    fn insert(&mut self, id: i64, pos: usize) {
        let slot = u32::try_from(pos + 1).unwrap_or(0);
        self.len += 1;
        match usize::try_from(id) {
            Ok(i) if i < self.dense.len() => self.dense[i] = slot,
            // Dense enough: grow the slots, at most a few per id recorded.
            Ok(i) if i <= 8 * self.len + 65_536 => {
                self.dense.resize(i + 1, 0);
                self.dense[i] = slot;
            }
            _ => {
                self.sparse.insert(id, slot);
            }
        }
    }

    fn get(&self, id: i64) -> Option<usize> {
        let slot = match usize::try_from(id).ok().and_then(|i| self.dense.get(i)) {
            Some(&s) if s > 0 => s,
            _ => *self.sparse.get(&id)?,
        };
        (slot as usize).checked_sub(1)
    }
}

/// A REAL column's value held as f64, NaN for NULL (SQLite stores no NaN: it reads back
/// as NULL).
fn nan_null(v: Option<f64>) -> f64 {
    v.unwrap_or(f64::NAN)
}

fn null_nan(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

/// Every agency: (agency_id, canonical name), by name as SQL orders it (in bytes; names
/// are unique), from the index on the name; the names in one buffer.
fn agency_names(conn: &Connection) -> Result<AgencyNames> {
    let (mut ids, mut names, mut texts) = (Vec::new(), Vec::new(), TextBytes::default());
    let mut q = Scan::new(conn, "SELECT agency_id, name FROM agencies ORDER BY name", &[])?;
    while let Some(r) = q.next()? {
        ids.push(r.int(0)?);
        names.push(texts.add(Some(r.opt_text_bytes(1)?.context("an agency without a name")?))?);
    }
    Ok(AgencyNames { ids, names, texts: texts.finish()? })
}

/// Agencies' ids and names, in order.
struct AgencyNames {
    ids: Vec<i64>,
    /// Each name, in `texts`.
    names: Vec<TextSpan>,
    texts: Texts,
}

impl AgencyNames {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// (agency_id, name), in order.
    fn iter(&self) -> impl Iterator<Item = (i64, &str)> {
        self.ids.iter().zip(&self.names).map(|(&id, &name)| (id, self.texts.get(name).unwrap_or_default()))
    }

    /// Each agency's place in the order, by id.
    fn places(&self) -> IdIndex {
        let mut at = IdIndex::default();
        for (i, &id) in self.ids.iter().enumerate() {
            at.insert(id, i);
        }
        at
    }
}

/// The names of `metric_sources`, by id.
fn source_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    Ok(conn
        .prepare_cached("SELECT source_id, source FROM metric_sources")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Every report's (year, report_id), by agency, in year order (the (agency_id, year) index).
struct ReportKeys {
    /// (year, report_id), agency after agency.
    keys: Vec<(i32, i64)>,
    /// Each agency's range of `keys`, at its place in `agencies`.
    ranges: Vec<(usize, usize)>,
    agencies: IdIndex,
}

impl ReportKeys {
    fn read(conn: &Connection) -> Result<ReportKeys> {
        let mut out = ReportKeys { keys: Vec::new(), ranges: Vec::new(), agencies: IdIndex::default() };
        let mut q = Scan::new(conn, "SELECT agency_id, year, report_id FROM reports ORDER BY agency_id, year", &[])?;
        let mut last: Option<i64> = None;
        while let Some(r) = q.next()? {
            let agency = r.int(0)?;
            // An agency's reports come together (the order is by agency).
            if last != Some(agency) {
                last = Some(agency);
                out.agencies.insert(agency, out.ranges.len());
                out.ranges.push((out.keys.len(), out.keys.len()));
            }
            out.keys.push((r.int32(1)?, r.int(2)?));
            if let Some(range) = out.ranges.last_mut() {
                range.1 = out.keys.len();
            }
        }
        Ok(out)
    }

    /// An agency's reports, (year, report_id) in year order.
    fn of(&self, agency: i64) -> &[(i32, i64)] {
        self.agencies.get(agency).and_then(|i| self.ranges.get(i)).map_or(&[], |&(a, b)| &self.keys[a..b])
    }
}

/// The reports the filter keeps (`reports r JOIN agencies a WHERE <filter>`); None when it
/// keeps every report.
fn selected_reports(conn: &Connection, filter: &Filter) -> Result<Option<HashSet<i64>>> {
    if filter.is_empty() {
        return Ok(None);
    }
    let (cond, params) = filter.sql();
    let sql = format!("SELECT r.report_id FROM reports r JOIN agencies a ON a.agency_id = r.agency_id WHERE {cond}");
    let mut q = Scan::new(conn, &sql, &params)?;
    let mut ids = HashSet::new();
    while let Some(r) = q.next()? {
        ids.insert(r.int(0)?);
    }
    Ok(Some(ids))
}

/// One report's stored value of a metric (a row of `metric_data`), compactly: NULLs as
/// NaN, the source and the unit as numbers in [`MetricValues`]' lists.
struct MetricValue {
    value: f64,
    numerator: f64,
    denominator: f64,
    /// Index + 1 into `MetricValues::sources`; 0: none.
    source: u32,
    /// Index + 1 into `MetricValues::units`; 0: NULL.
    unit: u32,
}

impl MetricValue {
    fn value(&self) -> Option<f64> {
        null_nan(self.value)
    }

    fn numerator(&self) -> Option<f64> {
        null_nan(self.numerator)
    }

    fn denominator(&self) -> Option<f64> {
        null_nan(self.denominator)
    }
}

/// Every stored value of one metric, by report: the metric's key range of `metric_data`,
/// read in key order, as `LEFT JOIN metric_data v ON v.metric_key = (SELECT metric_id FROM
/// metric_names WHERE metric = ?) * 4294967296 + r.report_id LEFT JOIN metric_sources vs
/// ON vs.source_id = v.source_id` finds them.
struct MetricValues {
    rows: Vec<MetricValue>,
    by_report: IdIndex,
    /// The names of `metric_sources`, by number.
    sources: Vec<String>,
    /// The units met, by number.
    units: Vec<String>,
}

/// The columns of `metric_data` a query needs besides the source (the others are read as
/// NULL: fewer columns decoded).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// The value and the unit (`trend`).
    ValueAndUnit,
    /// The value (sums).
    Value,
    /// The numerator and the denominator (ratios and means).
    Parts,
}

impl MetricValues {
    fn read(conn: &Connection, metric: &str, wanted: Wanted) -> Result<MetricValues> {
        let mut sources = Vec::new();
        // (source_id, number): a handful, looked up per row without hashing.
        let mut source_number: Vec<(i64, u32)> = Vec::new();
        let mut stmt = conn.prepare_cached("SELECT source_id, source FROM metric_sources")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            sources.push(r.get(1)?);
            source_number.push((r.get(0)?, sources.len() as u32));
        }
        // Room for a value per report at once (not grown by copies).
        let max_report: Option<i64> = conn.query_row("SELECT max(report_id) FROM reports", [], |r| r.get(0))?;
        let room = max_report.and_then(|m| usize::try_from(m).ok()).filter(|&m| m < 1 << 24).map_or(0, |m| m + 1);
        let mut out = MetricValues {
            rows: Vec::with_capacity(room),
            by_report: IdIndex::up_to(max_report),
            sources,
            units: Vec::new(),
        };
        let id: Option<i64> = conn
            .prepare_cached("SELECT metric_id FROM metric_names WHERE metric = ?1")?
            .query_row([metric], |r| r.get(0))
            .optional()?;
        let Some(id) = id else { return Ok(out) };
        let base = id.wrapping_mul(1 << 32);
        // Only the columns wanted are selected and read (each column read is a few calls
        // into SQLite per row).
        let columns = match wanted {
            Wanted::ValueAndUnit => "source_id, value, unit",
            Wanted::Value => "source_id, value",
            Wanted::Parts => "source_id, numerator, denominator",
        };
        let sql = format!(
            "SELECT metric_key, {columns} FROM metric_data WHERE metric_key BETWEEN ?1 AND ?2 ORDER BY metric_key"
        );
        let mut q =
            Scan::new(conn, &sql, &[SqlValue::Integer(base), SqlValue::Integer(base.wrapping_add(0xffff_ffff))])?;
        while let Some(r) = q.next()? {
            let key = r.int(0)?;
            let source = r.opt_int(1)?;
            let (value, numerator, denominator) = match wanted {
                Wanted::Parts => (None, r.opt_real(2)?, r.opt_real(3)?),
                Wanted::Value | Wanted::ValueAndUnit => (r.opt_real(2)?, None, None),
            };
            let unit = match wanted {
                Wanted::ValueAndUnit => match r.opt_text(3)? {
                    None => 0,
                    Some(u) => match out.units.iter().position(|x| x == u) {
                        Some(i) => i as u32 + 1,
                        None => {
                            out.units.push(u.to_string());
                            out.units.len() as u32
                        }
                    },
                },
                Wanted::Value | Wanted::Parts => 0,
            };
            out.by_report.insert(key - base, out.rows.len());
            out.rows.push(MetricValue {
                value: nan_null(value),
                numerator: nan_null(numerator),
                denominator: nan_null(denominator),
                source: source.and_then(|s| source_number.iter().find(|n| n.0 == s)).map_or(0, |n| n.1),
                unit,
            });
        }
        Ok(out)
    }

    /// The report's value, if one is stored.
    fn get(&self, report: i64) -> Option<&MetricValue> {
        self.by_report.get(report).map(|i| &self.rows[i])
    }

    /// The name of the value's source (`2021 table` …).
    fn source(&self, v: &MetricValue) -> Option<&str> {
        self.source_name(v.source)
    }

    /// The name of a source by its number.
    fn source_name(&self, number: u32) -> Option<&str> {
        (number as usize).checked_sub(1).map(|i| self.sources[i].as_str())
    }

    /// The unit the value's row gives.
    fn unit(&self, v: &MetricValue) -> Option<&str> {
        (v.unit as usize).checked_sub(1).map(|i| self.units[i].as_str())
    }
}

/// The change a report's prose states of a metric (NULLs as NaN).
struct StatedChange {
    claim_id: i64,
    stated_pct: f64,
    stated_abs: f64,
    implied_previous: f64,
}

/// Per report, its first claim (lowest claim_id) of `subject` that states a change: what
/// `SELECT claim_id FROM claims x WHERE x.report_id = r.report_id AND x.subject = ? AND
/// (x.stated_change_pct IS NOT NULL OR x.stated_change_abs IS NOT NULL) ORDER BY claim_id
/// LIMIT 1` finds (read from the index `claims_with_change`).
struct StatedChanges {
    rows: Vec<StatedChange>,
    by_report: IdIndex,
}

impl StatedChanges {
    fn read(conn: &Connection, subject: &str) -> Result<StatedChanges> {
        let mut out = StatedChanges { rows: Vec::new(), by_report: IdIndex::default() };
        let mut q = Scan::new(
            conn,
            "SELECT report_id, claim_id, stated_change_pct, stated_change_abs, implied_previous FROM claims
             WHERE subject = ?1 AND (stated_change_pct IS NOT NULL OR stated_change_abs IS NOT NULL)",
            &[SqlValue::Text(subject.to_string())],
        )?;
        while let Some(r) = q.next()? {
            let (report, claim_id) = (r.int(0)?, r.int(1)?);
            let change = StatedChange {
                claim_id,
                stated_pct: nan_null(r.opt_real(2)?),
                stated_abs: nan_null(r.opt_real(3)?),
                implied_previous: nan_null(r.opt_real(4)?),
            };
            match out.by_report.get(report) {
                Some(i) if out.rows[i].claim_id <= claim_id => {}
                Some(i) => out.rows[i] = change,
                None => {
                    out.by_report.insert(report, out.rows.len());
                    out.rows.push(change);
                }
            }
        }
        Ok(out)
    }

    fn get(&self, report: i64) -> Option<&StatedChange> {
        self.by_report.get(report).map(|i| &self.rows[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Access, Store};

    /// `trend --by` as one SQL statement, as it ran before it was read in memory: what the
    /// in-memory one must give to the bit.
    fn trend_by_sql(conn: &Connection, m: &Metric, filter: &Filter, by: GroupBy) -> Vec<Vec<Val>> {
        let (cond, mut params) = filter.sql();
        params.push(SqlValue::Text(m.name.to_string()));
        let mp = params.len();
        let sum = match m.aggregate() {
            metrics::Aggregate::Ratio => {
                "CASE WHEN sum(v.denominator) <> 0 THEN 100.0 * sum(v.numerator) / sum(v.denominator) END"
            }
            metrics::Aggregate::Mean => {
                "CASE WHEN sum(v.denominator) <> 0 THEN 1.0 * sum(v.numerator) / sum(v.denominator) END"
            }
            metrics::Aggregate::Sum => "sum(v.value)",
        };
        let counted = if m.is_ratio() { "v.denominator" } else { "v.value" };
        let sql = format!(
            "SELECT COALESCE({group}, '(unresolved)') AS grp, r.year, {sum}, count(DISTINCT CASE WHEN {counted} IS NOT NULL THEN a.agency_id END),
                    count({counted}), count(*), group_concat(DISTINCT vs.source ORDER BY vs.source DESC)
             FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
             LEFT JOIN metric_data v ON v.metric_key = (SELECT metric_id FROM metric_names WHERE metric = ?{mp}) * 4294967296 + r.report_id
             LEFT JOIN metric_sources vs ON vs.source_id = v.source_id
             WHERE {cond}
             GROUP BY grp, r.year ORDER BY grp, r.year",
            group = by.sql()
        );
        let mut out: Vec<Vec<Val>> = Vec::new();
        let mut prev: Option<(String, Option<f64>)> = None;
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut q = stmt.query(params_from_iter(params.iter())).unwrap();
        while let Some(r) = q.next().unwrap() {
            let (group, year, value): (String, i32, Option<f64>) =
                (r.get(0).unwrap(), r.get(1).unwrap(), r.get(2).unwrap());
            let before = prev.as_ref().filter(|(g, _)| *g == group).and_then(|(_, v)| *v);
            let change = value.zip(before).map(|(a, b)| a - b);
            let pct = value.zip(before).and_then(|(a, b)| (b != 0.0).then(|| 100.0 * (a - b) / b));
            out.push(vec![
                Val::text(group.clone()),
                Val::Int(year.into()),
                Val::num(value),
                Val::Int(r.get(3).unwrap()),
                Val::Int(r.get(4).unwrap()),
                Val::Int(r.get(5).unwrap()),
                Val::opt_text(r.get::<_, Option<String>>(6).unwrap()),
                Val::num(change),
                Val::num(pct),
            ]);
            prev = Some((group, value));
        }
        out
    }

    /// Agencies 1–9 in two provinces and none, reports of 2021–2023 numbered against the
    /// agencies' order, and values whose float sum depends on the order they are added.
    /// The integers of the first column of `sql`'s rows.
    fn ids(c: &Connection, sql: &str) -> Vec<i64> {
        c.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    fn awkward_database() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("awkward.db"), Access::ReadWrite).unwrap();
        let c = &store.conn;
        for a in 1..=9i64 {
            let (province, city) = match a {
                1..=4 => (Some("山东省"), Some("淄博市")),
                5 | 6 => (Some("江苏省"), None),
                _ => (None, None),
            };
            c.execute(
                "INSERT INTO agencies (agency_id, name, province, city, kind_name) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![a, format!("机构{a}"), province, city, if a % 2 == 0 { Some("公安") } else { None }],
            )
            .unwrap();
        }
        c.execute_batch(
            "INSERT OR IGNORE INTO metric_sources (source) VALUES ('2021 table'), ('2019 table'), ('pre-2019 prose')",
        )
        .unwrap();
        let metric = |name: &str| -> i64 {
            c.query_row("SELECT metric_id FROM metric_names WHERE metric = ?1", [name], |r| r.get(0)).unwrap()
        };
        let source = |name: &str| -> i64 {
            c.query_row("SELECT source_id FROM metric_sources WHERE source = ?1", [name], |r| r.get(0)).unwrap()
        };
        // In agency order: 1e32 to the bit; in report order (the reverse) 9.999999999999999e31.
        let awkward = [0.7, -0.001, -9007199254740992.0, 1e32];
        for year in 2021..=2023i64 {
            for a in 1..=9i64 {
                if (a + year) % 5 == 0 {
                    continue; // a year missing
                }
                let report = 1000 - 10 * a - (year - 2020);
                c.execute(
                    "INSERT INTO reports (report_id, agency_id, agency, year, source_path, source_sha256, source_format, imported_at)
                     VALUES (?1, ?2, ?3, ?4, 'x', ?5, 'text', 'now')",
                    params![report, a, format!("机构{a}"), year, format!("{report}")],
                )
                .unwrap();
                let x = if year == 2022 && a <= 4 { awkward[a as usize - 1] } else { (a * year) as f64 / 7.0 };
                let src =
                    if a % 3 == 0 { None } else { Some(source(if a % 3 == 1 { "2021 table" } else { "2019 table" })) };
                let put = |name: &str, value: Option<f64>, num: Option<f64>, den: Option<f64>| {
                    c.execute(
                        "INSERT INTO metric_data (metric_key, value, numerator, denominator, source_id) VALUES (?1, ?2, ?3, ?4, ?5)",
                        params![metric(name) * 4294967296 + report, value, num, den, src],
                    )
                    .unwrap();
                };
                put("fees", (a != 8).then_some(x), (a != 8).then_some(x), None);
                put("disclosure_rate", Some(x), Some(x * 3.0), (a != 5).then_some(if a == 6 { 0.0 } else { x + 1e16 }));
                if a != 2 {
                    put("days_late", Some(x), Some(x), Some(1.0 / 3.0));
                }
            }
        }
        (dir, store)
    }

    #[test]
    fn trend_by_in_memory_is_the_sql_to_the_bit() {
        let (_dir, store) = awkward_database();
        let c = &store.conn;
        // The data is such that the order of the sum matters.
        let awkward = [0.7, -0.001, -9007199254740992.0, 1e32];
        let sum = |values: &mut dyn Iterator<Item = f64>| {
            let mut s = SqlSum::default();
            values.for_each(|v| s.add(Some(v)));
            s.get().unwrap()
        };
        assert_ne!(sum(&mut awkward.iter().copied()).to_bits(), sum(&mut awkward.iter().rev().copied()).to_bits());
        let filters = [
            Filter::default(),
            Filter { from: Some(2022), ..Filter::default() },
            Filter { region: Some("山东省".into()), ..Filter::default() },
            Filter { agency_ids: Some(vec![4, 2, 3, 1, 7]), ..Filter::default() },
        ];
        for name in ["fees", "disclosure_rate", "days_late", "applications"] {
            let m = metrics::find(name).unwrap();
            for (_, by) in GroupBy::ALL {
                for filter in &filters {
                    let memory = trend_by(c, m, filter, by).unwrap();
                    let sql = trend_by_sql(c, m, filter, by);
                    assert_eq!(format!("{:?}", memory.rows), format!("{sql:?}"), "{name} by {by:?}, {filter:?}");
                }
            }
        }
        // Shandong's 2022 fees: SQLite's sum, in the agencies' order.
        let by = trend_by(c, metrics::find("fees").unwrap(), &Filter::default(), GroupBy::Province).unwrap();
        let row = by.rows.iter().find(|r| r[0] == Val::text("山东省") && r[1] == Val::Int(2022)).unwrap();
        assert_eq!(row[2], Val::num(Some(sum(&mut awkward.iter().copied()))));
    }

    /// The listings that print reports in (agency, year) order (`reports`, `claims`,
    /// `check`) read them in that order, under every kind of filter: SQLite sorts nothing,
    /// so rows come as they are read and `--limit 3` works out three rows, not every one.
    /// Narrowed to one report (`--report`, and `show`), they look it up by its id.
    #[test]
    fn listings_read_reports_in_order_without_sorting() {
        let (_dir, store) = awkward_database();
        let filters = [
            Filter::default(),
            Filter { agency: Some("机构".into()), ..Filter::default() },
            Filter { agency_regex: Some("机构[12]".into()), ..Filter::default() },
            Filter { region: Some("山东省".into()), ..Filter::default() },
            Filter { region: Some("370300".into()), ..Filter::default() },
            Filter { kind: Some("公安".into()), ..Filter::default() },
            Filter { from: Some(2022), to: Some(2022), ..Filter::default() },
        ];
        // (A list of agency ids, which only `--same-agencies` of trend and compare sets,
        // is looked up by id and its few reports sorted: as it should be.)
        for filter in &filters {
            let (cond, mut params) = filter.sql();
            params.push(SqlValue::Integer(1000));
            let one = format!(" AND r.report_id = ?{}", params.len());
            for (what, sql) in [
                ("reports", reports_sql(&cond)),
                ("claims", claims_sql(&cond, "")),
                ("claims --report", claims_sql(&cond, &one)),
                ("check", checked_reports_sql(&cond, "")),
                ("check --report", checked_reports_sql(&cond, &one)),
            ] {
                let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
                let n = stmt.parameter_count();
                let plan: Vec<String> = stmt
                    .query_map(params_from_iter(params.iter().take(n)), |r| r.get::<_, String>(3))
                    .unwrap()
                    .collect::<rusqlite::Result<_>>()
                    .unwrap();
                if what.ends_with("--report") {
                    // One report: found by its id (its one row sorted, if at all), no
                    // agency walked.
                    assert!(
                        plan.iter().any(|p| p == "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)"),
                        "{what}: {plan:?}"
                    );
                    assert!(!plan.iter().any(|p| p.starts_with("SCAN a ")), "{what}, {filter:?}: {plan:?}");
                } else {
                    assert!(
                        plan.iter().any(|p| p.contains("sqlite_autoindex_agencies_1")),
                        "{what}, {filter:?}: {plan:?}"
                    );
                    assert!(!plan.iter().any(|p| p.contains("TEMP B-TREE")), "{what}, {filter:?} sorts: {plan:?}");
                }
            }
        }
    }

    /// Rows handed over a group at a time get the sparklines all rows at once get.
    #[test]
    fn sparklines_drawn_group_by_group_are_those_drawn_over_every_row() {
        let columns = ["agency", "year", "value"];
        let values: [(&str, i64, Val); 8] = [
            ("甲", 2020, Val::Int(3)),
            ("甲", 2021, Val::Null),
            ("甲", 2022, Val::Float(7.5)),
            ("乙", 2021, Val::Int(0)),
            ("丙", 2019, Val::Null),
            ("丁", 2020, Val::Int(10)),
            ("丁", 2021, Val::Int(1)),
            ("丁", 2022, Val::text("n/a")),
        ];
        let mut all = Rows::new(&columns);
        for (agency, year, value) in &values {
            all.push(vec![Val::text(*agency), Val::Int(*year), value.clone()]);
        }
        let mut streamed: Vec<Vec<Val>> = Vec::new();
        let mut groups = SparklineGroups::new(&columns, "agency", "value").unwrap();
        let mut emit = |row: &[Val]| -> Result<()> {
            streamed.push(row.to_vec());
            Ok(())
        };
        for row in &all.rows {
            groups.push(row, &mut emit).unwrap();
        }
        groups.finish(&mut emit).unwrap();
        with_sparklines(&mut all, "agency", "value");
        assert_eq!(all.columns.last().map(String::as_str), Some("sparkline"));
        assert_eq!(streamed, all.rows);
        // Each group has its own line: 甲's gap, 乙 and 丙 alone, 丁 falling.
        let spark = |i: usize| streamed[i][3].plain();
        assert_eq!(spark(0), spark(2));
        assert_ne!(spark(0), spark(3));
        assert_ne!(spark(5), spark(0));
        assert!(SparklineGroups::new(&columns, "agency", "missing").is_none());
    }

    /// `agencies` lists agencies in the order of SQL's `ORDER BY province, city, name`
    /// (NULL first, then by bytes), which it works out in memory from ranks.
    #[test]
    fn agencies_come_in_the_order_sql_sorts_them() {
        let (_dir, store) = awkward_database();
        let c = &store.conn;
        let more: [(i64, &str, Option<&str>, Option<&str>); 7] = [
            (20, "青岛市公安局", Some("山东省"), Some("青岛市")),
            (21, "淄博市财政局", Some("山东省"), Some("淄博市")),
            (22, "山东省财政厅", Some("山东省"), None),
            (23, "南京市公安局", Some("江苏省"), Some("南京市")),
            (24, "Z agency", None, Some("淄博市")),
            (25, "a agency", Some("山东省"), Some("淄博市")),
            (26, "另一个淄博市", Some("江苏省"), Some("淄博市")),
        ];
        for (id, name, province, city) in more {
            c.execute(
                "INSERT INTO agencies (agency_id, name, province, city) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, province, city],
            )
            .unwrap();
        }
        let want = ids(c, "SELECT agency_id FROM agencies ORDER BY province, city, name");
        assert_eq!(want.len(), 16);
        let got: Vec<i64> = agencies(c, &Filter::default())
            .unwrap()
            .rows
            .iter()
            .map(|r| match r[0] {
                Val::Int(id) => id,
                ref other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, want);
    }

    /// `rank` as one SQL statement, as it ran before it ranked in memory: the places,
    /// agencies, values, sources and units the in-memory one must give.
    type RankedRow = (i64, i64, String, f64, Option<String>, Option<String>);

    fn rank_sql(
        conn: &Connection,
        m: &Metric,
        year: i32,
        top: Option<usize>,
        asc: bool,
        filter: &Filter,
    ) -> Vec<RankedRow> {
        let (cond, mut params) = filter.sql();
        params.push(SqlValue::Text(m.name.to_string()));
        let mp = params.len();
        params.push(SqlValue::Integer(year.into()));
        let yp = params.len();
        params.push(SqlValue::Integer(top.map_or(-1, |t| t as i64)));
        let lp = params.len();
        let order = if asc { "ASC" } else { "DESC" };
        let mut stmt = conn
            .prepare(&format!(
                "SELECT * FROM (
                    SELECT RANK() OVER (ORDER BY v.value {order}) AS place, a.agency_id, a.name, v.value, vs.source, v.unit
                    FROM reports r JOIN agencies a ON a.agency_id = r.agency_id
                    JOIN metric_data v ON v.metric_key = (SELECT metric_id FROM metric_names WHERE metric = ?{mp}) * 4294967296 + r.report_id
                    LEFT JOIN metric_sources vs ON vs.source_id = v.source_id
                    WHERE r.year = ?{yp} AND v.value IS NOT NULL AND {cond})
                 WHERE ?{lp} < 0 OR place <= ?{lp}
                 ORDER BY place, name"
            ))
            .unwrap();
        let rows: Vec<RankedRow> = stmt
            .query_map(params_from_iter(params.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows
    }

    #[test]
    fn agencies_are_named_alike_one_by_one_and_in_one_pass() {
        let (_dir, store) = awkward_database();
        let c = &store.conn;
        let mut ids = ids(c, "SELECT agency_id FROM agencies");
        assert!(ids.len() > 3);
        ids.reverse();
        ids.push(ids[0]);
        let one_by_one = names_of(c, ids.iter().copied(), false).unwrap();
        let one_pass = names_of(c, ids.iter().copied(), true).unwrap();
        assert_eq!(one_by_one, one_pass);
        let first: String =
            c.query_row("SELECT name FROM agencies WHERE agency_id = ?1", [ids[0]], |r| r.get(0)).unwrap();
        assert_eq!((&one_pass[0], one_pass.last().unwrap()), (&first, &first));
        // An id with no agency is an error either way, never a blank name.
        for scan in [false, true] {
            assert!(names_of(c, [ids[0], 987_654].into_iter(), scan).is_err());
        }
    }

    /// The queries that read their parts on two connections (`together`) give what they give
    /// read in turn on one: run on the awkward database as it is (two threads), then inside
    /// a transaction of the caller's (one connection, the parts in turn).
    #[test]
    fn queries_read_on_two_threads_as_in_turn_on_one() {
        let (_dir, store) = awkward_database();
        let c = &store.conn;
        // Aliases to list, one of an agency that is filtered out.
        c.execute_batch(
            "INSERT INTO agency_aliases (alias, agency_id, source) VALUES ('机构1', 1, 'report'), ('别名一', 1, 'manual'), ('别名七', 7, 'manual');",
        )
        .unwrap();
        let filters = [
            Filter::default(),
            Filter { region: Some("山东省".into()), ..Filter::default() },
            Filter { kind: Some("公安".into()), from: Some(2022), ..Filter::default() },
        ];
        let all = |c: &Connection| -> Vec<Rows> {
            let mut out = Vec::new();
            for filter in &filters {
                out.push(agencies(c, filter).unwrap());
                for name in ["fees", "disclosure_rate", "days_late"] {
                    let m = metrics::find(name).unwrap();
                    out.push(trend(c, m, filter).unwrap());
                    for (_, by) in GroupBy::ALL {
                        out.push(trend_by(c, m, filter, by).unwrap());
                    }
                    out.push(rank(c, m, 2022, Some(3), false, filter).unwrap());
                }
                let both = [metrics::find("fees").unwrap(), metrics::find("disclosure_rate").unwrap()];
                out.push(compare(c, 2021, 2023, &both, filter).unwrap());
            }
            out
        };
        assert!(Reading::begin(c).unwrap().is_parallel(), "the database is read on two connections");
        let two = all(c);
        c.execute_batch("BEGIN").unwrap();
        assert!(!Reading::begin(c).unwrap().is_parallel(), "in the caller's transaction, on one");
        let one = all(c);
        c.execute_batch("ROLLBACK").unwrap();
        assert_eq!(two.len(), one.len());
        for (a, b) in two.iter().zip(&one) {
            assert_eq!(format!("{a:?}"), format!("{b:?}"));
        }
        assert!(two.iter().map(|r| r.rows.len()).sum::<usize>() > 500, "rows to compare");
        // What they list is there: agency 1's other name, and its years.
        let listed = &two[0];
        let one_row = listed.rows.iter().find(|r| r[1] == Val::text("机构1")).unwrap();
        assert_eq!(one_row[2], Val::text("别名一"));
        assert_eq!(one_row[9], Val::text("2021,2022,2023"));
    }

    #[test]
    fn rank_in_memory_is_the_sql_window() {
        let (_dir, store) = awkward_database();
        let c = &store.conn;
        // Ties: agencies 1–3 share a value in 2021, 0 and -0 are one value in 2023.
        let metric: i64 =
            c.query_row("SELECT metric_id FROM metric_names WHERE metric = 'fees'", [], |r| r.get(0)).unwrap();
        for (a, year, value) in [(1i64, 2021i64, 1e6), (2, 2021, 1e6), (3, 2021, 1e6), (4, 2023, 0.0), (5, 2023, -0.0)]
        {
            let report = 1000 - 10 * a - (year - 2020);
            c.execute(
                "UPDATE metric_data SET value = ?1 WHERE metric_key = ?2",
                params![value, metric * 4294967296 + report],
            )
            .unwrap();
        }
        let filters = [
            Filter::default(),
            Filter { region: Some("山东省".into()), ..Filter::default() },
            Filter { kind: Some("公安".into()), ..Filter::default() },
        ];
        // The listing's rows as the SQL's: its unit is the stored one or the metric's.
        let as_sql = |rows: &Rows| -> Vec<RankedRow> {
            rows.rows
                .iter()
                .map(|r| {
                    let int = |v: &Val| match v {
                        Val::Int(i) => *i,
                        other => panic!("{other:?}"),
                    };
                    let text = |v: &Val| match v {
                        Val::Text(t) => Some(t.clone()),
                        _ => None,
                    };
                    (int(&r[0]), int(&r[1]), text(&r[2]).unwrap(), r[5].as_f64().unwrap(), text(&r[7]), text(&r[6]))
                })
                .collect()
        };
        let mut compared = 0;
        for name in ["fees", "disclosure_rate", "days_late", "applications"] {
            let m = metrics::find(name).unwrap();
            for year in 2021..=2023 {
                for top in [None, Some(0), Some(1), Some(3), Some(100)] {
                    for asc in [false, true] {
                        for filter in &filters {
                            let memory = as_sql(&rank(c, m, year, top, asc, filter).unwrap());
                            let sql: Vec<_> = rank_sql(c, m, year, top, asc, filter)
                                .into_iter()
                                .map(|(p, id, n, v, s, u)| (p, id, n, v, s, u.or(Some(m.unit.to_string()))))
                                .collect();
                            assert_eq!(
                                format!("{memory:?}"),
                                format!("{sql:?}"),
                                "{name} {year} {top:?} asc {asc} {filter:?}"
                            );
                            compared += usize::from(!sql.is_empty());
                        }
                    }
                }
            }
        }
        // Every case but the cut to 0 and the metrics with no value compared some rows.
        assert!(compared >= 3 * 4 * 2 * 3, "{compared}");
        // The tie: three agencies share first place, the next is fourth.
        let fees = rank(c, metrics::find("fees").unwrap(), 2021, None, false, &Filter::default()).unwrap();
        let places: Vec<&Val> = fees.rows.iter().map(|r| &r[0]).collect();
        assert_eq!(&places[..4], &[&Val::Int(1), &Val::Int(1), &Val::Int(1), &Val::Int(4)]);
    }
}
