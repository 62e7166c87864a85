//! One read of the database by two threads: a query's independent parts (the agencies, a
//! metric's values, the reports' years) read at once on two connections that see the same
//! snapshot.
//!
//! A query that reads several tables in turn would otherwise take a new read transaction
//! per statement, and an import committing between two of them could give it agencies of
//! one moment and values of another. [`Reading`] holds one read transaction on the
//! caller's connection for the whole query. [`Reading::join`] runs a second part on
//! another thread, on a second connection opened at the same snapshot
//! (`sqlite3_snapshot_open`), so both parts read exactly the same database.
//!
//! Where SQLite has no snapshot to give (a log with no frame yet, a rollback journal), a
//! second connection is used only when it is sure to read the same (see `open_twin`). When it
//! is not — a commit came in between, the file was replaced under its name, the caller
//! reads inside its own transaction (which may hold writes no other connection sees), the
//! database is in memory, no thread can be started — both parts run one after the other
//! on the caller's connection, in the same read transaction: the same rows, more slowly.
//! Everything unsafe about the snapshot API stays in this module.

use std::ffi::{c_int, CString};
use std::sync::Mutex;

use anyhow::{anyhow, Result};
use rusqlite::{ffi, Connection, OpenFlags};

/// One read transaction on a connection, for one query (see the module's documentation).
/// Ends when dropped.
pub struct Reading<'c> {
    conn: &'c Connection,
    /// This reading began the transaction (so ends it); false when the caller was in one.
    began: bool,
    /// The second connection, at the same snapshot; `None` until first needed, and when
    /// it cannot be made.
    twin: Option<Connection>,
    /// A second connection was tried and cannot be made: run parts in turn.
    alone: bool,
}

impl<'c> Reading<'c> {
    /// Start one read transaction on `conn` (unless the caller is already in one: it is
    /// then used as it is).
    pub fn begin(conn: &'c Connection) -> Result<Reading<'c>> {
        let began = conn.is_autocommit();
        if began {
            // DEFERRED: the read transaction starts at the first read, made here so that
            // the snapshot is fixed from now on.
            conn.execute_batch("BEGIN DEFERRED")?;
            if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e.into());
            }
        }
        Ok(Reading { conn, began, twin: None, alone: false })
    }

    /// The caller's connection, in this reading's transaction.
    pub fn conn(&self) -> &'c Connection {
        self.conn
    }

    /// Run `a` on this thread and `b` on another, each given a connection in this
    /// reading's snapshot, and return both results (the first error, `a`'s if both
    /// failed). Without a second connection, `a` and then `b` on this one.
    pub fn join<A, B>(
        &mut self,
        a: impl FnOnce(&Connection) -> Result<A>,
        b: impl FnOnce(&Connection) -> Result<B> + Send,
    ) -> Result<(A, B)>
    where
        B: Send,
    {
        let Some(twin) = self.twin() else {
            let a = a(self.conn)?;
            return Ok((a, b(self.conn)?));
        };
        let conn = self.conn;
        // The second part and its connection go to the other thread and come back with the
        // result (a connection may move between threads, not be shared by two). If no
        // thread can be started, this one runs the part after its own.
        let job = Mutex::new(Some((b, twin)));
        let (ra, back) = std::thread::scope(|s| {
            let other = std::thread::Builder::new().spawn_scoped(s, || run_once(&job));
            let ra = a(conn);
            let back = match other {
                Ok(other) => other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => run_once(&job),
            };
            (ra, back)
        });
        let (twin, rb) = back.ok_or_else(|| anyhow!("the second part of a query did not run"))?;
        self.twin = Some(twin);
        let a = ra?;
        Ok((a, rb?))
    }

    /// The second connection, opened at this reading's snapshot the first time it is asked
    /// for; `None` when it cannot be.
    fn twin(&mut self) -> Option<Connection> {
        // In the caller's transaction, the connection may have written what no other
        // connection sees yet: the parts then run on it alone.
        if self.twin.is_none() && !self.alone {
            self.twin = if self.began { open_twin(self.conn) } else { None };
            self.alone = self.twin.is_none();
        }
        self.twin.take()
    }

    /// Whether [`Reading::join`] runs its parts on two connections (false: in turn on one).
    /// Opens the second connection if it is not yet open.
    pub fn is_parallel(&mut self) -> bool {
        match self.twin() {
            Some(t) => {
                self.twin = Some(t);
                true
            }
            None => false,
        }
    }
}

impl Drop for Reading<'_> {
    fn drop(&mut self) {
        if let Some(twin) = self.twin.take() {
            let _ = twin.execute_batch("COMMIT");
        }
        if self.began {
            // A read transaction: ending it changes nothing, whichever way.
            let _ = self.conn.execute_batch("COMMIT");
        }
    }
}

/// Run the part in `job` on its connection, once (`None` if it was taken already).
fn run_once<B, F: FnOnce(&Connection) -> Result<B>>(
    job: &Mutex<Option<(F, Connection)>>,
) -> Option<(Connection, Result<B>)> {
    let (part, conn) = job.lock().ok()?.take()?;
    let r = part(&conn);
    Some((conn, r))
}

/// A read-only connection to `conn`'s database file, in a read transaction that sees what
/// `conn`'s does; `None` when that cannot be made sure of (see the module's documentation).
///
/// `conn` is in a read transaction this module began (so it has written nothing). Either
/// SQLite gives its snapshot, and the new connection opens on it; or it has none to give,
/// which leaves two cases where the new connection reads the same:
///
/// - The write-ahead log has had no frame since it was made (`sqlite3_snapshot_get` needs
///   one). `conn` then reads the database file alone, under the log's read lock 0, which
///   keeps any checkpoint from writing into the file until it ends. So the file stays as
///   `conn` sees it, and the new connection reads the same if the log still has no frame
///   when it starts: if it has none to give either. A commit in between gives it one, and
///   then the parts run in turn on `conn`.
/// - No write-ahead log (rollback journal): `conn`'s shared lock keeps every writer from
///   committing until it ends. The new connection waits for no lock (a writer waiting for
///   `conn` to finish would wait for it too): busy, it is not made.
///
/// Either way the new connection is opened by the file's name, so both files must then still
/// be the one at that name: a file replaced under it in between is not taken for the same.
fn open_twin(conn: &Connection) -> Option<Connection> {
    let path = conn.path().filter(|p| !p.is_empty())?.to_string();
    let snapshot = Snapshot::of(conn);
    let twin =
        Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    twin.busy_timeout(std::time::Duration::ZERO).ok()?;
    crate::store::map_for_reading(&twin).ok()?;
    // A first read opens the connection's log (the snapshot is opened on it) and loads the
    // schema; with a snapshot, the read transaction then moves back to it.
    twin.execute_batch("BEGIN DEFERRED").ok()?;
    twin.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())).ok()?;
    match snapshot {
        Some(snapshot) => snapshot.open_on(&twin).ok()?,
        None if Snapshot::of(&twin).is_some() => return None,
        None => {}
    }
    // Opened by name, the new connection's file could be another one by now (a file
    // replaced under that name): each file must still be the one at the path, `conn`'s
    // before and after the new one's is asked.
    let stays = |c: &Connection| has_moved(c) == Some(false);
    (stays(conn) && stays(&twin) && stays(conn)).then_some(twin)
}

/// Whether the file a connection reads has been moved or removed from the path it was
/// opened at (SQLite's `SQLITE_FCNTL_HAS_MOVED`: on Unix, the path now names another file
/// or none); `None` when the file system cannot tell.
fn has_moved(conn: &Connection) -> Option<bool> {
    let main = CString::new("main").ok()?;
    let mut moved: c_int = 0;
    // SAFETY: the connection's own handle, on this thread; `main` is NUL-terminated and the
    // argument of this opcode is a pointer to an int, which SQLite sets.
    let rc = unsafe {
        ffi::sqlite3_file_control(
            conn.handle(),
            main.as_ptr(),
            ffi::SQLITE_FCNTL_HAS_MOVED,
            (&mut moved as *mut c_int).cast(),
        )
    };
    (rc == ffi::SQLITE_OK).then_some(moved != 0)
}

/// A snapshot of the main database of a connection in a read transaction.
struct Snapshot(*mut ffi::sqlite3_snapshot);

impl Snapshot {
    /// What `conn` reads now; `None` unless it is in a read transaction on a database with a
    /// write-ahead log, and writes nothing.
    fn of(conn: &Connection) -> Option<Snapshot> {
        let main = CString::new("main").ok()?;
        let mut p: *mut ffi::sqlite3_snapshot = std::ptr::null_mut();
        // SAFETY: the connection's own handle, on this thread; `main` is NUL-terminated and
        // `p` a valid out pointer. SQLite refuses (an error code, `p` untouched) when the
        // connection is not in a suitable transaction.
        let rc = unsafe { ffi::sqlite3_snapshot_get(conn.handle(), main.as_ptr(), &mut p) };
        (rc == ffi::SQLITE_OK && !p.is_null()).then_some(Snapshot(p))
    }

    /// Move `twin`'s read transaction (with no statement running) to this snapshot.
    fn open_on(&self, twin: &Connection) -> Result<()> {
        let main = CString::new("main")?;
        // SAFETY: `twin`'s own handle, on this thread; the snapshot is live (freed on drop).
        let rc = unsafe { ffi::sqlite3_snapshot_open(twin.handle(), main.as_ptr(), self.0) };
        if rc == ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(anyhow!("cannot read the same snapshot on a second connection (SQLite code {})", rc as c_int))
        }
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        // SAFETY: a snapshot from sqlite3_snapshot_get, freed once.
        unsafe { ffi::sqlite3_snapshot_free(self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn count(c: &Connection) -> Result<i64> {
        Ok(c.query_row("SELECT count(*) FROM t", [], |r| r.get(0))?)
    }

    /// A database file with rows 1..=3 in `journal` mode, and a connection that writes to
    /// it (kept open: closing the last connection would checkpoint and delete the log).
    fn database(dir: &Path, journal: &str) -> (std::path::PathBuf, Connection) {
        let path = dir.join("t.db");
        let w = Connection::open(&path).unwrap();
        w.pragma_update(None, "journal_mode", journal).unwrap();
        w.execute_batch("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3);").unwrap();
        (path, w)
    }

    fn reader(path: &Path) -> Connection {
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).unwrap()
    }

    #[test]
    fn a_commit_after_the_reading_began_is_seen_by_neither_part() {
        // The log with frames (SQLite gives a snapshot), and the log never written since it
        // was made (no snapshot to give): the second connection must not see the new row.
        for frames_first in [true, false] {
            let dir = tempfile::tempdir().unwrap();
            let (path, mut w) = database(dir.path(), "wal");
            if !frames_first {
                // Everything into the file and the log deleted (the last connection
                // closed); a new connection then makes a new log index, with no frame.
                drop(w);
                w = Connection::open(&path).unwrap();
            }
            let r = reader(&path);
            let mut reading = Reading::begin(&r).unwrap();
            w.execute_batch("INSERT INTO t VALUES (4)").unwrap();
            let (a, b) = reading.join(count, count).unwrap();
            assert_eq!((a, b), (3, 3), "frames first: {frames_first}");
            // With frames the second connection opens on the snapshot; without, it would
            // read the new row, so the parts run on the first connection in turn.
            assert_eq!(reading.is_parallel(), frames_first, "frames first: {frames_first}");
            drop(reading);
            assert!(r.is_autocommit(), "the reading's transaction ended");
            assert_eq!(count(&r).unwrap(), 4, "a new reading sees the commit");
        }
    }

    #[test]
    fn an_unchanged_database_is_read_on_two_threads() {
        for journal in ["wal", "delete"] {
            let dir = tempfile::tempdir().unwrap();
            let (path, w) = database(dir.path(), journal);
            if journal == "wal" {
                w.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
            }
            let r = reader(&path);
            let mut reading = Reading::begin(&r).unwrap();
            assert!(reading.is_parallel(), "{journal}");
            let main = std::thread::current().id();
            let (a, b) = reading
                .join(
                    |c| Ok((count(c)?, std::thread::current().id())),
                    |c| {
                        Ok((
                            c.query_row("SELECT sum(n) FROM t", [], |r| r.get::<_, i64>(0))?,
                            std::thread::current().id(),
                        ))
                    },
                )
                .unwrap();
            assert_eq!((a.0, b.0), (3, 6), "{journal}");
            assert_eq!(a.1, main, "{journal}");
            assert_ne!(b.1, main, "{journal}: the second part runs on another thread");
            // The second connection is kept for the next part.
            assert_eq!(reading.join(count, count).unwrap(), (3, 3), "{journal}");
            if journal == "delete" {
                // In rollback-journal mode the reading's shared lock holds every writer off.
                w.busy_timeout(std::time::Duration::ZERO).unwrap();
                assert!(w.execute_batch("INSERT INTO t VALUES (4)").is_err());
            }
        }
    }

    #[test]
    fn a_connection_in_its_own_transaction_reads_alone() {
        // The caller's uncommitted row is seen by both parts: no second connection could.
        let dir = tempfile::tempdir().unwrap();
        let (_path, w) = database(dir.path(), "wal");
        w.execute_batch("BEGIN; INSERT INTO t VALUES (4);").unwrap();
        let mut reading = Reading::begin(&w).unwrap();
        assert_eq!(reading.join(count, count).unwrap(), (4, 4));
        assert!(!reading.is_parallel());
        drop(reading);
        assert!(!w.is_autocommit(), "the caller's transaction is the caller's to end");
        w.execute_batch("ROLLBACK").unwrap();
        assert_eq!(count(&w).unwrap(), 3);
        // In memory: no file for a second connection.
        let m = Connection::open_in_memory().unwrap();
        m.execute_batch("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);").unwrap();
        let mut reading = Reading::begin(&m).unwrap();
        assert_eq!(reading.join(count, count).unwrap(), (1, 1));
        assert!(!reading.is_parallel());
    }

    #[test]
    fn a_file_replaced_under_the_same_name_is_not_read_as_the_same() {
        // The database renamed away and another, smaller one put in its place after the
        // reading began: the second connection would open the new file.
        let dir = tempfile::tempdir().unwrap();
        let (path, w) = database(dir.path(), "wal");
        drop(w);
        let r = reader(&path);
        let mut reading = Reading::begin(&r).unwrap();
        std::fs::rename(&path, dir.path().join("old.db")).unwrap();
        let other = Connection::open(&path).unwrap();
        other.execute_batch("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (9);").unwrap();
        drop(other);
        assert!(!reading.is_parallel(), "the replaced file is not taken for the same");
        assert_eq!(reading.join(count, count).unwrap(), (3, 3));
    }

    #[test]
    fn either_part_failing_is_the_join_failing() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _w) = database(dir.path(), "wal");
        let r = reader(&path);
        let mut reading = Reading::begin(&r).unwrap();
        let bad = |c: &Connection| -> Result<i64> { Ok(c.query_row("SELECT n FROM missing", [], |r| r.get(0))?) };
        let e = reading.join(bad, count).unwrap_err();
        assert!(e.to_string().contains("missing"), "{e}");
        let e = reading.join(count, bad).unwrap_err();
        assert!(e.to_string().contains("missing"), "{e}");
        // Both failing: the first part's error.
        let e = reading.join(|_| -> Result<()> { Err(anyhow!("first")) }, |_| -> Result<()> { Err(anyhow!("second")) });
        assert_eq!(e.unwrap_err().to_string(), "first");
        // And the reading goes on.
        assert_eq!(reading.join(count, count).unwrap(), (3, 3));
    }
}
