//! Process-wide SQLite settings, made once at the start of `main` ([`configure`]).
//!
//! - Memory statistics off. This build of SQLite manages memory
//!   (`SQLITE_ENABLE_MEMORY_MANAGEMENT`), so by default every allocation it makes takes a
//!   global mutex to count it; xxgk never reads the count.
//! - Allocations through Rust's global allocator (mimalloc in the `xxgk` binary) instead of
//!   the C library's `malloc`. The import's one writer spent about a tenth of its time in
//!   the C allocator and those mutexes.

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::ffi::{c_int, c_void};

use rusqlite::ffi;

/// Configure SQLite for this process (see the module's documentation). Does nothing once
/// SQLite has started: it then refuses to be configured, and keeps its defaults.
///
/// # Safety
///
/// SQLite must not be in use on any other thread while this runs (`sqlite3_config` is not
/// thread-safe): call it at the start of `main`, before any thread exists.
pub unsafe fn configure() {
    let methods = ffi::sqlite3_mem_methods {
        xMalloc: Some(x_malloc),
        xFree: Some(x_free),
        xRealloc: Some(x_realloc),
        xSize: Some(x_size),
        xRoundup: Some(x_roundup),
        xInit: Some(x_init),
        xShutdown: Some(x_shutdown),
        pAppData: std::ptr::null_mut(),
    };
    // SAFETY: the caller guarantees no other thread uses SQLite. Before sqlite3_initialize
    // each call sets its option (SQLite copies the methods); after it, each only returns
    // SQLITE_MISUSE and changes nothing.
    unsafe {
        ffi::sqlite3_config(ffi::SQLITE_CONFIG_MEMSTATUS, 0 as c_int);
        ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods as *const ffi::sqlite3_mem_methods);
    }
}

/// Each block starts with a header holding the size SQLite asked for (which `xSize` must
/// tell and `dealloc` needs); the block SQLite sees follows it, aligned as the header is.
const HEADER: usize = 16;

fn layout(size: usize) -> Option<Layout> {
    Layout::from_size_align(size.checked_add(HEADER)?, HEADER).ok()
}

/// The start of the block whose part after the header SQLite holds, and its size.
///
/// # Safety
///
/// `p` was returned by [`x_malloc`] or [`x_realloc`] and not freed.
unsafe fn block(p: *mut c_void) -> (*mut u8, usize) {
    // SAFETY: `p` is HEADER bytes into a block whose first word is its size.
    unsafe {
        let base = p.cast::<u8>().sub(HEADER);
        (base, base.cast::<usize>().read())
    }
}

unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
    let Some(l) = usize::try_from(n).ok().and_then(layout) else { return std::ptr::null_mut() };
    // SAFETY: the layout's size is at least HEADER, never zero.
    unsafe {
        let base = alloc(l);
        if base.is_null() {
            return std::ptr::null_mut();
        }
        base.cast::<usize>().write(l.size() - HEADER);
        base.add(HEADER).cast()
    }
}

unsafe extern "C" fn x_free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: SQLite frees only what x_malloc or x_realloc gave it, once; the layout is the
    // one the block was made with (it was valid then).
    unsafe {
        let (base, size) = block(p);
        if let Some(l) = layout(size) {
            dealloc(base, l);
        }
    }
}

unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
    if p.is_null() {
        // SAFETY: as x_malloc.
        return unsafe { x_malloc(n) };
    }
    let Some(new) = usize::try_from(n).ok().and_then(layout) else { return std::ptr::null_mut() };
    // SAFETY: `p` came from x_malloc or x_realloc; the old layout is the block's own; the
    // new size is non-zero and valid for the alignment (checked by `layout`). On failure
    // the old block is left as it was, as SQLite expects.
    unsafe {
        let (base, size) = block(p);
        let Some(old) = layout(size) else { return std::ptr::null_mut() };
        let moved = realloc(base, old, new.size());
        if moved.is_null() {
            return std::ptr::null_mut();
        }
        moved.cast::<usize>().write(new.size() - HEADER);
        moved.add(HEADER).cast()
    }
}

unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
    if p.is_null() {
        return 0;
    }
    // SAFETY: `p` came from x_malloc or x_realloc, whose sizes fit a c_int.
    unsafe { c_int::try_from(block(p).1).unwrap_or(c_int::MAX) }
}

unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
    // Sizes as asked for, rounded to eight bytes (SQLite's own rule for its allocators).
    n.checked_add(7).map_or(n, |m| m & !7)
}

unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_shutdown(_: *mut c_void) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_size_through_reallocation() {
        // SAFETY: the functions are called as SQLite calls them: sizes above zero, each
        // block freed once.
        unsafe {
            let p = x_malloc(10);
            assert!(!p.is_null());
            assert_eq!(p as usize % 8, 0, "SQLite needs eight-byte alignment");
            assert_eq!(x_size(p), 10);
            p.cast::<u8>().write_bytes(0xab, 10);
            let q = x_realloc(p, 5000);
            assert_eq!(x_size(q), 5000);
            assert_eq!(std::slice::from_raw_parts(q.cast::<u8>(), 10), &[0xab; 10]);
            let r = x_realloc(q, 3);
            assert_eq!((x_size(r), r.cast::<u8>().read()), (3, 0xab));
            x_free(r);
            x_free(std::ptr::null_mut());
            assert!(x_malloc(-1).is_null());
            assert_eq!((x_roundup(1), x_roundup(8), x_roundup(9)), (8, 8, 16));
        }
    }
}
