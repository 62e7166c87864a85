//! A lean forward-only reader of a query's rows, for the queries that read a column or three
//! of every report.
//!
//! Reading a column through rusqlite (`Row::get`) takes its type and then its value, each a
//! call into SQLite that enters and leaves the connection's mutex, plus the checks and
//! conversions of two generic layers: about 180 instructions a column. A `trend` or
//! `compare` over 100,000 reports reads some 600,000 columns, so that is a fifth of the
//! query. [`Scan`] asks SQLite for a column once (`sqlite3_column_value`) and reads its
//! type and value from what it gets, which takes no lock.
//!
//! The types are as strict as rusqlite's: an integer column read as a number, a real as an
//! integer, text where a number belongs are errors naming the column and the query, never
//! a silent zero. Everything unsafe about the C API stays in this module.

use std::ffi::{c_int, CStr};
use std::marker::PhantomData;
use std::ptr::NonNull;

use anyhow::{anyhow, bail, Result};
use rusqlite::ffi;
use rusqlite::types::Value;
use rusqlite::Connection;

/// A prepared query stepped through its rows, one at a time (see the module's
/// documentation). Borrows the connection, so it is finalised before the connection can
/// close.
pub struct Scan<'c> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: *mut ffi::sqlite3,
    /// The query stepped past its last row (stepping again would start it over).
    done: bool,
    /// How many columns its rows have.
    columns: usize,
    sql: &'c str,
    _conn: PhantomData<&'c Connection>,
}

impl<'c> Scan<'c> {
    /// Prepare `sql` (one statement) on `conn` and bind `params` to `?1`, `?2`, …
    pub fn new(conn: &'c Connection, sql: &'c str, params: &[Value]) -> Result<Scan<'c>> {
        // SAFETY: the handle is the open connection's own; the `'c` borrow keeps the
        // connection open for as long as the statement made on it lives.
        let db = unsafe { conn.handle() };
        let len = c_int::try_from(sql.len()).map_err(|_| anyhow!("query too long"))?;
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        let mut tail: *const std::ffi::c_char = std::ptr::null();
        // SAFETY: `sql` is valid for `len` bytes (SQLite reads no further and needs no
        // terminating NUL when given the length); `stmt` and `tail` are valid out pointers.
        let rc = unsafe { ffi::sqlite3_prepare_v2(db, sql.as_ptr().cast(), len, &mut stmt, &mut tail) };
        if rc != ffi::SQLITE_OK {
            bail!("preparing `{sql}`: {}", error_message(db));
        }
        let Some(stmt) = NonNull::new(stmt) else { bail!("preparing `{sql}`: no statement in it") };
        // SAFETY: a live statement.
        let columns = usize::try_from(unsafe { ffi::sqlite3_column_count(stmt.as_ptr()) }).unwrap_or(0);
        // Made before the checks below, so that a statement refused is finalised (dropped).
        let scan = Scan { stmt, db, done: false, columns, sql, _conn: PhantomData };
        // What SQLite did not read: the text after the first statement (`tail` points into
        // `sql`, at or before its end).
        let read = (tail as usize).checked_sub(sql.as_ptr() as usize).unwrap_or(sql.len()).min(sql.len());
        if !sql.get(read..).unwrap_or_default().trim().trim_start_matches(';').trim().is_empty() {
            bail!("preparing `{sql}`: more than one statement");
        }
        // SAFETY: a live statement.
        let wanted = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        if usize::try_from(wanted).ok() != Some(params.len()) {
            bail!("`{sql}` takes {wanted} parameters, {} given", params.len());
        }
        for (i, value) in params.iter().enumerate() {
            scan.bind(i + 1, value)?;
        }
        Ok(scan)
    }

    /// Bind one parameter (numbered from 1).
    fn bind(&self, index: usize, value: &Value) -> Result<()> {
        let stmt = self.stmt.as_ptr();
        let i = c_int::try_from(index).map_err(|_| anyhow!("too many parameters"))?;
        // SAFETY: `stmt` is this scan's live statement. Text is copied by SQLite
        // (SQLITE_TRANSIENT) before the call returns; its length is passed, so it needs no NUL.
        let rc = unsafe {
            match value {
                Value::Null => ffi::sqlite3_bind_null(stmt, i),
                Value::Integer(n) => ffi::sqlite3_bind_int64(stmt, i, *n),
                Value::Real(f) => ffi::sqlite3_bind_double(stmt, i, *f),
                Value::Text(s) => {
                    let n = c_int::try_from(s.len()).map_err(|_| anyhow!("parameter {index} too long"))?;
                    ffi::sqlite3_bind_text(stmt, i, s.as_ptr().cast(), n, ffi::SQLITE_TRANSIENT())
                }
                Value::Blob(b) => {
                    let n = c_int::try_from(b.len()).map_err(|_| anyhow!("parameter {index} too long"))?;
                    ffi::sqlite3_bind_blob(stmt, i, b.as_ptr().cast(), n, ffi::SQLITE_TRANSIENT())
                }
            }
        };
        if rc != ffi::SQLITE_OK {
            bail!("binding parameter {index} of `{}`: {}", self.sql, error_message(self.db));
        }
        Ok(())
    }

    /// The next row, or None after the last.
    #[allow(clippy::should_implement_trait)] // a row borrows the scan: not an Iterator
    pub fn next(&mut self) -> Result<Option<ScanRow<'_>>> {
        if self.done {
            return Ok(None);
        }
        // SAFETY: the statement is live and used by this thread only (`Scan` is neither
        // Send nor Sync: it holds raw pointers).
        match unsafe { ffi::sqlite3_step(self.stmt.as_ptr()) } {
            ffi::SQLITE_ROW => Ok(Some(ScanRow { scan: self })),
            ffi::SQLITE_DONE => {
                self.done = true;
                Ok(None)
            }
            _ => {
                self.done = true;
                bail!("reading `{}`: {}", self.sql, error_message(self.db))
            }
        }
    }
}

impl Drop for Scan<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement was made by sqlite3_prepare_v2 and is finalised once, here.
        // The result repeats the last step's error, already reported.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// SQLite's message for the connection's last error.
pub(crate) fn error_message(db: *mut ffi::sqlite3) -> String {
    // SAFETY: `db` is an open connection; sqlite3_errmsg returns a NUL-terminated string
    // that stays valid until the next call on the connection, and is copied at once.
    unsafe {
        let msg = ffi::sqlite3_errmsg(db);
        if msg.is_null() {
            return "unknown error".to_string();
        }
        CStr::from_ptr(msg).to_string_lossy().into_owned()
    }
}

/// The row a [`Scan`] stands on; its columns are numbered from 0.
pub struct ScanRow<'s> {
    scan: &'s Scan<'s>,
}

/// A column's value as SQLite holds it in the current row.
enum Col<'s> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'s [u8]),
    Blob,
}

impl<'s> ScanRow<'s> {
    /// Column `i` as SQLite holds it (inlined into each typed getter, which then keeps only
    /// its own cases).
    #[inline(always)]
    fn col(&self, i: usize) -> Result<Col<'s>> {
        let stmt = self.scan.stmt.as_ptr();
        // SAFETY: `stmt` stands on a row (ScanRow exists only between a step that gave
        // SQLITE_ROW and the next step, which needs `&mut Scan`). The column index is
        // checked against the count first (which fits a c_int). The value sqlite3_column_value returns is
        // "unprotected": it may be read by this thread, which is the only one using the
        // connection, and is valid until the next step; the text slice, read as its type
        // says, lives as long, and the borrow of the scan keeps the step from happening.
        unsafe {
            if i >= self.scan.columns {
                bail!("`{}` has no column {i}", self.scan.sql);
            }
            let v = ffi::sqlite3_column_value(stmt, i as c_int);
            Ok(match ffi::sqlite3_value_type(v) {
                ffi::SQLITE_INTEGER => Col::Int(ffi::sqlite3_value_int64(v)),
                ffi::SQLITE_FLOAT => Col::Real(ffi::sqlite3_value_double(v)),
                ffi::SQLITE_TEXT => {
                    let p = ffi::sqlite3_value_text(v);
                    let n = ffi::sqlite3_value_bytes(v);
                    if p.is_null() {
                        bail!("reading column {i} of `{}`: {}", self.scan.sql, error_message(self.scan.db));
                    }
                    Col::Text(std::slice::from_raw_parts(p, usize::try_from(n).unwrap_or(0)))
                }
                ffi::SQLITE_BLOB => Col::Blob,
                _ => Col::Null,
            })
        }
    }

    fn wrong(&self, i: usize, wanted: &str, found: &Col<'_>) -> anyhow::Error {
        let found = match found {
            Col::Null => "NULL",
            Col::Int(_) => "an integer",
            Col::Real(_) => "a real",
            Col::Text(_) => "text",
            Col::Blob => "a blob",
        };
        anyhow!("column {i} of `{}`: {wanted} wanted, {found} found", self.scan.sql)
    }

    /// Column `i`, an integer (NULL or another type is an error).
    pub fn int(&self, i: usize) -> Result<i64> {
        match self.col(i)? {
            Col::Int(n) => Ok(n),
            other => Err(self.wrong(i, "an integer", &other)),
        }
    }

    /// Column `i`, an integer that fits an `i32` (a year).
    pub fn int32(&self, i: usize) -> Result<i32> {
        let n = self.int(i)?;
        i32::try_from(n).map_err(|_| anyhow!("column {i} of `{}`: {n} is out of range", self.scan.sql))
    }

    /// Column `i`, an integer or NULL.
    pub fn opt_int(&self, i: usize) -> Result<Option<i64>> {
        match self.col(i)? {
            Col::Int(n) => Ok(Some(n)),
            Col::Null => Ok(None),
            other => Err(self.wrong(i, "an integer or NULL", &other)),
        }
    }

    /// Column `i`, a number (an integer is converted, as rusqlite does) or NULL.
    pub fn opt_real(&self, i: usize) -> Result<Option<f64>> {
        match self.col(i)? {
            Col::Real(f) => Ok(Some(f)),
            Col::Int(n) => Ok(Some(n as f64)),
            Col::Null => Ok(None),
            other => Err(self.wrong(i, "a number or NULL", &other)),
        }
    }

    /// Column `i`, text (valid UTF-8) or NULL.
    pub fn opt_text(&self, i: usize) -> Result<Option<&'s str>> {
        match self.col(i)? {
            Col::Text(bytes) => std::str::from_utf8(bytes)
                .map(Some)
                .map_err(|e| anyhow!("column {i} of `{}`: not UTF-8 ({e})", self.scan.sql)),
            Col::Null => Ok(None),
            other => Err(self.wrong(i, "text or NULL", &other)),
        }
    }

    /// Column `i`, text or NULL, as bytes not yet checked as UTF-8: for a caller that
    /// gathers many texts and checks them at once ([`crate::query`]'s agency texts).
    pub fn opt_text_bytes(&self, i: usize) -> Result<Option<&'s [u8]>> {
        match self.col(i)? {
            Col::Text(bytes) => Ok(Some(bytes)),
            Col::Null => Ok(None),
            other => Err(self.wrong(i, "text or NULL", &other)),
        }
    }

    /// Column `i`, text (NULL or another type is an error).
    pub fn text(&self, i: usize) -> Result<&'s str> {
        match self.opt_text(i)? {
            Some(s) => Ok(s),
            None => Err(self.wrong(i, "text", &Col::Null)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, r REAL, s TEXT, b BLOB);
             INSERT INTO t VALUES (1, 7, 1.5, '淄博', x'00');
             INSERT INTO t VALUES (2, NULL, NULL, NULL, NULL);
             INSERT INTO t VALUES (3, -9007199254740993, 2, '', NULL);",
        )
        .unwrap();
        c
    }

    #[test]
    fn reads_every_type_as_rusqlite_does() {
        let c = conn();
        let sql = "SELECT id, n, r, s FROM t WHERE id >= ?1 ORDER BY id";
        let mut scan = Scan::new(&c, sql, &[Value::Integer(1)]).unwrap();
        let mut got = Vec::new();
        while let Some(r) = scan.next().unwrap() {
            got.push((
                r.int(0).unwrap(),
                r.opt_int(1).unwrap(),
                r.opt_real(2).unwrap(),
                r.opt_text(3).unwrap().map(String::from),
            ));
        }
        // The same rows through rusqlite.
        type Row = (i64, Option<i64>, Option<f64>, Option<String>);
        let want: Vec<Row> = c
            .prepare(sql)
            .unwrap()
            .query_map([1], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(got, want);
        assert_eq!(got[0], (1, Some(7), Some(1.5), Some("淄博".to_string())));
        assert_eq!(got[2].1, Some(-9007199254740993), "integers are read whole, not through a double");
        assert_eq!(got[2].2, Some(2.0), "an integer in a REAL column reads as a number");
        // Stepping past the end stays at the end (SQLite would start the query over).
        assert!(scan.next().unwrap().is_none());
        assert!(scan.next().unwrap().is_none());
    }

    #[test]
    fn a_wrong_type_is_an_error_naming_the_column_and_query() {
        let c = conn();
        let mut scan = Scan::new(&c, "SELECT n, r, s, b FROM t ORDER BY id", &[]).unwrap();
        let first = scan.next().unwrap().unwrap();
        assert!(first.int(1).unwrap_err().to_string().contains("column 1 of `SELECT n, r, s, b"));
        assert!(first.opt_real(2).is_err(), "text is not a number");
        assert!(first.opt_text(3).is_err(), "a blob is not text");
        assert!(first.opt_int(9).unwrap_err().to_string().contains("no column 9"));
        assert!(first.int32(0).is_ok() && scan_i32_overflow(&c));
        let second = scan.next().unwrap().unwrap();
        assert!(second.int(0).unwrap_err().to_string().contains("NULL found"));
        assert!(second.text(2).is_err());
        assert_eq!(second.opt_text(2).unwrap(), None);
        // Bytes that are not UTF-8 stored as text.
        let mut scan = Scan::new(&c, "SELECT CAST(x'e6b7c0' AS TEXT)", &[]).unwrap();
        let row = scan.next().unwrap().unwrap();
        let e = row.opt_text(0).unwrap_err().to_string();
        assert!(e.contains("not UTF-8"), "{e}");
        assert_eq!(row.opt_text_bytes(0).unwrap(), Some(&[0xe6, 0xb7, 0xc0][..]));
    }

    /// An integer beyond i32 read as one is an error, not a wrapped number.
    fn scan_i32_overflow(c: &Connection) -> bool {
        let mut scan = Scan::new(c, "SELECT 2147483648", &[]).unwrap();
        let row = scan.next().unwrap().unwrap();
        row.int32(0).unwrap_err().to_string().contains("out of range")
    }

    #[test]
    fn parameters_of_every_type_bind() {
        let c = conn();
        let params = [Value::Text("淄博".into()), Value::Real(1.5), Value::Null, Value::Blob(vec![0])];
        let mut scan =
            Scan::new(&c, "SELECT id FROM t WHERE s = ?1 AND r = ?2 AND ?3 IS NULL AND b = ?4", &params).unwrap();
        assert_eq!(scan.next().unwrap().unwrap().int(0).unwrap(), 1);
        assert!(scan.next().unwrap().is_none());
    }

    #[test]
    fn bad_sql_and_failing_steps_are_errors() {
        let c = conn();
        let e = Scan::new(&c, "SELECT nope FROM t", &[]).err().unwrap().to_string();
        assert!(e.contains("SELECT nope FROM t") && e.contains("no such column"), "{e}");
        assert!(Scan::new(&c, "  ", &[]).is_err(), "no statement");
        let e = Scan::new(&c, "SELECT ?1", &[Value::Integer(1), Value::Integer(2)]).err().unwrap().to_string();
        assert!(e.contains("takes 1 parameters, 2 given"), "{e}");
        assert!(Scan::new(&c, "SELECT ?1, ?2", &[Value::Integer(1)]).is_err(), "a parameter left unbound");
        let e = Scan::new(&c, "SELECT 1; SELECT 2", &[]).err().unwrap().to_string();
        assert!(e.contains("more than one statement"), "{e}");
        assert!(Scan::new(&c, "SELECT 1; ", &[]).is_ok(), "a trailing semicolon is no statement");
        // A runtime error surfaces from the step that meets it.
        let mut scan = Scan::new(&c, "SELECT json_extract(s, '$') FROM t ORDER BY id", &[]).unwrap();
        let e = scan.next().err().unwrap().to_string();
        assert!(e.contains("json"), "{e}");
        assert!(scan.next().unwrap().is_none());
    }
}
