//! The writer's many-row INSERTs, kept prepared and bound without copying their texts.
//!
//! Through rusqlite every text bound is copied by SQLite (`SQLITE_TRANSIENT`: an allocation,
//! a copy and a free per text), and a cached statement has all its parameters cleared
//! each time it is put back. A report binds about 250 texts (every cell's `raw`, the
//! check results' and claims' texts); those copies were 8% of the writer's instructions.
//! [`Inserts`] binds texts as `SQLITE_STATIC`: SQLite reads them in place while the
//! statement runs. Its statements are cleared before [`Inserts::insert`] returns, so no
//! pointer into the rows outlives the call; a parameter not bound is NULL.
//!
//! Everything unsafe about the C API for writing stays in this module.

use std::collections::HashMap;
use std::ffi::c_int;
use std::marker::PhantomData;
use std::ptr::NonNull;

use anyhow::{anyhow, bail, Result};
use rusqlite::ffi;
use rusqlite::Connection;

use crate::scan::error_message;

/// Rows per statement: the statements for 1…250 rows of a table are prepared as met.
const CHUNK: usize = 250;

/// Prepared `INSERT INTO target VALUES (?, …), …` statements, by target and row count.
/// Finalised when dropped: a [`crate::store::Store`] holds its `Inserts` in a field declared
/// before its connection, so they go first. (Were the connection closed first, SQLite
/// would refuse, and rusqlite leave it open: never a statement of a closed connection.)
#[derive(Default)]
pub struct Inserts {
    /// The connection they were prepared on.
    db: Option<NonNull<ffi::sqlite3>>,
    stmts: HashMap<(&'static str, usize), NonNull<ffi::sqlite3_stmt>>,
}

impl Inserts {
    /// Insert `rows` into `target` (a table and its columns, `width` of them), 250 rows a
    /// statement; `bind(binder, first, row)` binds one row's values to the parameters
    /// `first` … `first + width - 1`.
    pub fn insert<'r, T>(
        &mut self,
        conn: &Connection,
        target: &'static str,
        width: usize,
        rows: &'r [T],
        bind: impl Fn(&mut Binder<'r>, usize, &'r T) -> Result<()>,
    ) -> Result<()> {
        // SAFETY: the handle of the open connection; only compared and passed back to SQLite.
        let db = NonNull::new(unsafe { conn.handle() }).ok_or_else(|| anyhow!("the connection is closed"))?;
        match self.db {
            Some(d) if d != db => bail!("inserts prepared on another connection"),
            _ => self.db = Some(db),
        }
        for chunk in rows.chunks(CHUNK) {
            let stmt = self.statement(db, target, width, chunk.len())?;
            let mut binder = Binder { stmt, db, params: width * chunk.len(), _rows: PhantomData };
            let bound = chunk.iter().enumerate().try_for_each(|(i, row)| bind(&mut binder, 1 + i * width, row));
            // SAFETY: `stmt` is one of this cache's live statements on `db`. It runs with
            // every text bound still alive (they borrow `rows`), then is reset and cleared
            // so that it keeps no pointer into them.
            let stepped = bound.and_then(|()| unsafe {
                match ffi::sqlite3_step(stmt.as_ptr()) {
                    ffi::SQLITE_DONE => Ok(()),
                    _ => Err(anyhow!("INSERT INTO {target}: {}", error_message(db.as_ptr()))),
                }
            });
            // SAFETY: as above; reset's result repeats the step's error, already taken.
            unsafe {
                ffi::sqlite3_reset(stmt.as_ptr());
                ffi::sqlite3_clear_bindings(stmt.as_ptr());
            }
            stepped?;
        }
        Ok(())
    }

    /// The statement for `rows` rows of `target`, prepared the first time.
    fn statement(
        &mut self,
        db: NonNull<ffi::sqlite3>,
        target: &'static str,
        width: usize,
        rows: usize,
    ) -> Result<NonNull<ffi::sqlite3_stmt>> {
        if let Some(&s) = self.stmts.get(&(target, rows)) {
            return Ok(s);
        }
        let one = format!("({})", vec!["?"; width].join(","));
        let sql = format!("INSERT INTO {target} VALUES {}", vec![one.as_str(); rows].join(","));
        let len = c_int::try_from(sql.len()).map_err(|_| anyhow!("INSERT INTO {target}: too long"))?;
        let mut stmt: *mut ffi::sqlite3_stmt = std::ptr::null_mut();
        // SAFETY: `sql` is valid for `len` bytes; `stmt` is a valid out pointer. Prepared
        // persistent: it is kept and run many times.
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                db.as_ptr(),
                sql.as_ptr().cast(),
                len,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &mut stmt,
                std::ptr::null_mut(),
            )
        };
        if rc != ffi::SQLITE_OK {
            bail!("preparing INSERT INTO {target}: {}", error_message(db.as_ptr()));
        }
        let stmt = NonNull::new(stmt).ok_or_else(|| anyhow!("preparing INSERT INTO {target}: no statement"))?;
        self.stmts.insert((target, rows), stmt);
        Ok(stmt)
    }
}

impl Drop for Inserts {
    fn drop(&mut self) {
        for (_, stmt) in self.stmts.drain() {
            // SAFETY: each statement was prepared once on a connection that is still open
            // (see the type's documentation) and is finalised once, here.
            unsafe {
                ffi::sqlite3_finalize(stmt.as_ptr());
            }
        }
    }
}

/// Binds the values of a statement's rows; texts must live as long as the rows (`'r`),
/// as SQLite reads them in place when the statement runs.
pub struct Binder<'r> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: NonNull<ffi::sqlite3>,
    /// How many parameters the statement has.
    params: usize,
    _rows: PhantomData<&'r ()>,
}

impl<'r> Binder<'r> {
    /// Check SQLite's answer to a bind of parameter `i`.
    fn check(&self, i: usize, rc: c_int) -> Result<()> {
        if rc != ffi::SQLITE_OK {
            bail!("binding parameter {i}: {}", error_message(self.db.as_ptr()));
        }
        Ok(())
    }

    /// Parameter `i` (from 1) as a C index, if the statement has it.
    fn index(&self, i: usize) -> Result<c_int> {
        match c_int::try_from(i) {
            Ok(n) if (1..=self.params).contains(&i) => Ok(n),
            _ => bail!("no parameter {i} (the statement has {})", self.params),
        }
    }

    /// Bind an integer.
    pub fn int(&mut self, i: usize, v: i64) -> Result<()> {
        let n = self.index(i)?;
        // SAFETY: a live statement and a parameter it has.
        self.check(i, unsafe { ffi::sqlite3_bind_int64(self.stmt.as_ptr(), n, v) })
    }

    /// Bind a number (a NaN is NULL, as rusqlite binds it).
    pub fn real(&mut self, i: usize, v: f64) -> Result<()> {
        let n = self.index(i)?;
        // SAFETY: a live statement and a parameter it has. SQLite stores a NaN as NULL.
        self.check(i, unsafe { ffi::sqlite3_bind_double(self.stmt.as_ptr(), n, v) })
    }

    /// Bind a text, read in place when the statement runs.
    pub fn text(&mut self, i: usize, v: &'r str) -> Result<()> {
        let n = self.index(i)?;
        let len = c_int::try_from(v.len()).map_err(|_| anyhow!("parameter {i}: a text over 2 GiB"))?;
        // SAFETY: a live statement and a parameter it has. The text outlives the statement's
        // run (`'r`, the rows'), and the statement is cleared before `Inserts::insert`
        // returns, so SQLite never reads it after; its length is given, so no NUL is needed.
        self.check(i, unsafe {
            ffi::sqlite3_bind_text(self.stmt.as_ptr(), n, v.as_ptr().cast(), len, ffi::SQLITE_STATIC())
        })
    }

    /// Bind an integer, or leave NULL.
    pub fn opt_int(&mut self, i: usize, v: Option<i64>) -> Result<()> {
        self.index(i)?;
        v.map_or(Ok(()), |v| self.int(i, v))
    }

    /// Bind a number, or leave NULL.
    pub fn opt_real(&mut self, i: usize, v: Option<f64>) -> Result<()> {
        self.index(i)?;
        v.map_or(Ok(()), |v| self.real(i, v))
    }

    /// Bind a text, or leave NULL.
    pub fn opt_text(&mut self, i: usize, v: Option<&'r str>) -> Result<()> {
        self.index(i)?;
        v.map_or(Ok(()), |v| self.text(i, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (i64, Option<f64>, Option<String>);

    fn table() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t (k INTEGER PRIMARY KEY, v REAL, s TEXT CHECK (s <> 'bad'))").unwrap();
        c
    }

    fn read(c: &Connection) -> Vec<Row> {
        c.prepare("SELECT k, v, s FROM t ORDER BY k")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn bind<'r>(b: &mut Binder<'r>, at: usize, row: &'r Row) -> Result<()> {
        b.int(at, row.0)?;
        b.opt_real(at + 1, row.1)?;
        b.opt_text(at + 2, row.2.as_deref())
    }

    fn rows(keys: std::ops::Range<i64>, text: bool) -> Vec<Row> {
        keys.map(|k| (k, (k % 3 != 0).then(|| k as f64 / 8.0), (text && k % 5 != 0).then(|| format!("行{k}"))))
            .collect()
    }

    #[test]
    fn rows_go_in_as_bound_in_statements_of_every_size() {
        let c = table();
        let mut inserts = Inserts::default();
        // 601 rows: statements of 250, 250 and 101.
        inserts.insert(&c, "t (k, v, s)", 3, &rows(0..601, true), bind).unwrap();
        // Three rows with texts, then three without through the same statement: the texts
        // bound before (dropped since) are not read again, the parameters are NULL.
        inserts.insert(&c, "t (k, v, s)", 3, &rows(601..604, true), bind).unwrap();
        inserts.insert(&c, "t (k, v, s)", 3, &rows(604..607, false), bind).unwrap();
        assert_eq!(inserts.stmts.len(), 3, "one statement per row count, kept: 250, 101, 3");
        let mut want = rows(0..604, true);
        want.extend(rows(604..607, false));
        assert_eq!(read(&c), want);
    }

    #[test]
    fn errors_name_the_table_and_leave_the_statement_clean() {
        let c = table();
        let mut inserts = Inserts::default();
        let bad: Vec<Row> = vec![(1, Some(1.0), Some("bad".into()))];
        let e = inserts.insert(&c, "t (k, v, s)", 3, &bad, bind).unwrap_err().to_string();
        assert!(e.contains("INSERT INTO t (k, v, s)") && e.contains("CHECK"), "{e}");
        // The same statement runs again, its parameters unbound until bound.
        let good: Vec<Row> = vec![(2, None, None)];
        inserts.insert(&c, "t (k, v, s)", 3, &good, bind).unwrap();
        assert_eq!(read(&c), good);
        // A parameter beyond the row's is refused before anything runs.
        let e = inserts
            .insert(&c, "t (k, v, s)", 3, &[(3, None, None)], |b, at, r: &Row| {
                bind(b, at, r)?;
                b.int(at + 3, 0)
            })
            .unwrap_err()
            .to_string();
        assert!(e.contains("no parameter 4"), "{e}");
        assert_eq!(read(&c), good);
        // Bad SQL.
        assert!(inserts.insert(&c, "nope (a)", 1, &[1i64], |b, at, r| b.int(at, *r)).is_err());
        // Another connection.
        let other = table();
        let e = inserts.insert(&other, "t (k, v, s)", 3, &good, bind).unwrap_err().to_string();
        assert!(e.contains("another connection"), "{e}");
    }
}
