//! Reading ahead of an import's parsers when its files are not in memory.
//!
//! Each parser reads one file at a time, so the disk is asked for at most as many files at
//! once as there are parsers, and each parser waits out every read. When the files are not
//! in the page cache (copied from elsewhere, or a folder larger than memory read once),
//! the import then goes at the pace of the disk's latency rather than its throughput. A
//! thread of its own asks the kernel for the files the parsers will read next ([`ask`]:
//! `posix_fadvise(WILLNEED)` starts the reads and returns at once), so that many reads
//! are under way together and the parsers find their files in memory.
//!
//! When the files are already in memory, asking is only extra system calls (three per
//! file), so in [`Prefetch::Auto`] the thread starts only once the parsers' reads show
//! that the files are not in memory ([`Coldness`]).

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// When an import reads ahead of its parsers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Prefetch {
    /// Once the parsers' reads show the files are not in memory ([`Coldness`]).
    #[default]
    Auto,
    /// From the first file.
    Always,
    /// Never.
    Never,
}

/// The parsers' reads so far, to tell files that come from the disk from files already in
/// memory: the files are *cold* once at least [`Coldness::MIN_SLOW`] reads, and a quarter
/// of all, took [`Coldness::SLOW`] or longer. A read from memory takes a few microseconds;
/// now and then one is slow only because its thread lost its core, which the quarter rules
/// out. Once cold, the files stay cold for the rest of the import.
#[derive(Debug, Default)]
pub struct Coldness {
    reads: AtomicUsize,
    slow: AtomicUsize,
    cold: AtomicBool,
}

impl Coldness {
    /// A read this long went to the disk.
    pub const SLOW: Duration = Duration::from_micros(200);
    /// Slow reads needed before the files count as cold.
    pub const MIN_SLOW: usize = 8;

    /// Coldness that starts cold (for [`Prefetch::Always`]).
    pub fn cold() -> Coldness {
        Coldness { cold: AtomicBool::new(true), ..Coldness::default() }
    }

    /// Count one read that took `took`. True when this read is the one that made the
    /// files cold (once per import), so that the caller can wake the reading ahead.
    pub fn record(&self, took: Duration) -> bool {
        let reads = self.reads.fetch_add(1, Ordering::Relaxed) + 1;
        if took < Self::SLOW || self.cold.load(Ordering::Relaxed) {
            return false;
        }
        let slow = self.slow.fetch_add(1, Ordering::Relaxed) + 1;
        slow >= Self::MIN_SLOW && slow * 4 >= reads && !self.cold.swap(true, Ordering::Relaxed)
    }

    /// Have the reads shown that the files come from the disk?
    pub fn is_cold(&self) -> bool {
        self.cold.load(Ordering::Relaxed)
    }
}

/// Ask the kernel to start reading the regular file at `path` into memory, and return
/// without waiting for it. Anything else (a directory, a named pipe, a device, a path that
/// does not exist) is left alone: the parser that reads it reports the problem.
pub fn ask(path: &Path) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        use std::os::unix::io::AsRawFd;
        // Checked before opening: opening a named pipe waits for a writer, and opening a
        // device can do something.
        if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            return;
        }
        // Non-blocking all the same, should the path have become a pipe since.
        let Ok(file) = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path) else {
            return;
        };
        // SAFETY: a plain system call on a descriptor this function owns; the advice only
        // starts reads, and a failure changes nothing.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_cold_after_eight_slow_reads_that_are_a_quarter_of_all() {
        let (fast, slow) = (Duration::from_micros(5), Coldness::SLOW);
        let c = Coldness::default();
        for _ in 0..7 {
            assert!(!c.record(slow));
        }
        assert!(!c.is_cold());
        assert!(c.record(slow), "the eighth slow read of eight");
        assert!(c.is_cold());
        // Once only.
        assert!(!c.record(slow));
        assert!(c.is_cold());

        // Slow reads now and then among fast ones (a thread that lost its core) are not
        // a disk: 8 slow of 100 is less than a quarter.
        let c = Coldness::default();
        for i in 0..100 {
            assert!(!c.record(if i % 12 == 0 { slow } else { fast }));
        }
        assert!(!c.is_cold());
        // A quarter of the reads slow is.
        let c = Coldness::default();
        let turned: Vec<usize> = (0..40).filter(|i| c.record(if i % 4 == 0 { slow } else { fast })).collect();
        assert_eq!(turned, vec![28], "the eighth slow read, read 29 of 29");
        assert!(Coldness::cold().is_cold());
    }

    /// Asking returns at once for every kind of path, and never opens what is not a
    /// regular file (a named pipe would keep `open` waiting for a writer).
    #[test]
    fn asking_returns_for_any_path() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "报告").unwrap();
        let mut paths = vec![file.clone(), dir.path().to_path_buf(), dir.path().join("missing.txt")];
        #[cfg(target_os = "linux")]
        {
            let fifo = dir.path().join("pipe");
            let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
            // SAFETY: a plain system call with a valid C string.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
            paths.push(fifo);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for p in &paths {
                ask(p);
            }
            let _ = tx.send(());
        });
        // A generous bound that only a blocked `open` would reach.
        assert!(rx.recv_timeout(Duration::from_secs(30)).is_ok(), "asking blocked");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "报告");
    }
}
