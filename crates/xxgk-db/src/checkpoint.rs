//! Checkpointing the write-ahead log on a thread of its own during a bulk import.
//!
//! In WAL mode every commit appends pages to the `-wal` file, and a checkpoint copies them
//! into the database file. Left to SQLite, the checkpoint runs inside the commit that
//! crosses the size limit, on the writer's thread, which then stops writing until it is
//! done. Here a second connection checkpoints after each commit, while the writer goes on
//! with the next batch: a `PASSIVE` checkpoint copies what has been committed and never
//! waits for or blocks anyone.
//!
//! The log is rewritten from its start only when a write begins with every page of it
//! copied; so every [`RESTART_EVERY`] commits the writer waits for the checkpoint in flight
//! before it begins its next batch, which keeps the `-wal` file from growing with the
//! import. A checkpoint that fails only leaves more for the next one (and for the last,
//! which the writer runs itself): nothing written depends on it.

use std::path::Path;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::Connection;

/// Commits between two waits of the writer for the checkpoint to catch up.
pub const RESTART_EVERY: usize = 4;

/// A thread checkpointing one database after each commit its writer reports.
pub struct Checkpointer {
    /// Commit numbers, to the thread (closed to stop it).
    commits: Option<mpsc::Sender<u64>>,
    /// The number of the last commit whose pages the thread has checkpointed.
    done: Arc<(Mutex<u64>, Condvar)>,
    /// Commits reported so far, and since the writer last waited.
    sent: u64,
    since_wait: usize,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Start checkpointing the database at `path` (already in WAL mode) through a
    /// connection of its own. None when that connection cannot be opened: the writer then
    /// keeps SQLite's own checkpoints.
    pub fn start(path: &Path, busy_timeout: Duration) -> Option<Checkpointer> {
        let conn = Connection::open(path).ok()?;
        conn.busy_timeout(busy_timeout).ok()?;
        let (tx, rx) = mpsc::channel::<u64>();
        let done = Arc::new((Mutex::new(0u64), Condvar::new()));
        let shared = Arc::clone(&done);
        let thread = std::thread::Builder::new()
            .name("xxgk-checkpoint".into())
            .spawn(move || {
                while let Ok(mut last) = rx.recv() {
                    // Commits that came while the last checkpoint ran are covered by this one.
                    while let Ok(n) = rx.try_recv() {
                        last = n;
                    }
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                    *shared.0.lock().unwrap_or_else(|e| e.into_inner()) = last;
                    shared.1.notify_all();
                }
            })
            .ok()?;
        Some(Checkpointer { commits: Some(tx), done, sent: 0, since_wait: 0, thread: Some(thread) })
    }

    /// The writer has committed a batch: checkpoint it.
    pub fn committed(&mut self) {
        self.sent += 1;
        self.since_wait += 1;
        if let Some(tx) = &self.commits {
            let _ = tx.send(self.sent);
        }
    }

    /// Before the writer begins a batch: every [`RESTART_EVERY`] commits, wait until the
    /// last one is checkpointed, so that the batch starts the log over.
    pub fn before_batch(&mut self) {
        if self.since_wait < RESTART_EVERY {
            return;
        }
        self.since_wait = 0;
        let (lock, cv) = &*self.done;
        let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
        while *done < self.sent {
            // A thread that has ended will not catch up: do not wait for it.
            if self.thread.as_ref().is_none_or(|t| t.is_finished()) {
                return;
            }
            done = cv.wait_timeout(done, Duration::from_millis(100)).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// Stop the thread once it has checkpointed every commit reported.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.commits = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commits_are_checkpointed_while_the_writer_goes_on_and_the_log_starts_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
        conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
        conn.execute_batch("CREATE TABLE t (x BLOB)").unwrap();
        let mut c = Checkpointer::start(&path, Duration::from_secs(5)).unwrap();
        let wal = dir.path().join("c.db-wal");
        let mut sizes = Vec::new();
        for _ in 0..(RESTART_EVERY * 3) {
            c.before_batch();
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            for _ in 0..50 {
                conn.execute("INSERT INTO t VALUES (zeroblob(4000))", []).unwrap();
            }
            conn.execute_batch("COMMIT").unwrap();
            c.committed();
            sizes.push(std::fs::metadata(&wal).unwrap().len());
        }
        c.finish();
        // Without checkpoints the log would hold every page written: 600 rows of 4 KB.
        let most = *sizes.iter().max().unwrap();
        assert!(most < 600 * 4000, "the log grew to {most} bytes: {sizes:?}");
        // The database file holds the pages the checkpoints copied.
        let n: i64 = conn.query_row("SELECT count(*) FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 600);
        let copied = std::fs::metadata(&path).unwrap().len();
        assert!(copied > 100 * 4000, "the database file has {copied} bytes");
    }
}
