//! Count the allocations of parsing one file, whole and stage by stage (the issue on speed
//! asks for parsing without per-cell allocation where it can be avoided):
//! `cargo run --release -p xxgk-core --example alloc_count -- FILE`. Each count is of a
//! second run, after a first has built the lazily compiled patterns and tables.

use std::alloc::{GlobalAlloc, Layout};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use xxgk_core::extract;
use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::source::{self, Limits};

/// The allocator the `xxgk` binary runs with, counting the allocations and reallocations
/// made through it.
struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);
static REALLOCS: AtomicUsize = AtomicUsize::new(0);
static INNER: mimalloc::MiMalloc = mimalloc::MiMalloc;

// SAFETY: every call is passed on unchanged to mimalloc, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        INNER.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        INNER.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        REALLOCS.fetch_add(1, Relaxed);
        INNER.realloc(ptr, layout, size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Run `f` twice and print the allocations of the second run.
fn count<T>(what: &str, mut f: impl FnMut() -> T) {
    drop(f());
    let (a, r) = (ALLOCS.load(Relaxed), REALLOCS.load(Relaxed));
    let kept = f();
    println!("{:6} allocations {:5} reallocations  {what}", ALLOCS.load(Relaxed) - a, REALLOCS.load(Relaxed) - r);
    drop(kept);
}

fn main() {
    let path = PathBuf::from(std::env::args().nth(1).expect("usage: alloc_count FILE"));
    let (limits, overrides) = (Limits::default(), Overrides::default());
    let bytes = source::read_file(&path, &limits).expect("readable");
    let (_, doc) = source::read_bytes(&bytes, &path, &limits).expect("a document");
    count("whole parse", || parse_file(&path, &limits, &overrides).expect("parses"));
    count("reader (bytes → document)", || source::read_bytes(&bytes, &path, &limits).ok());
    count("tables", || extract::read_tables(&doc));
    let year = extract::meta::extract(&doc, &path).year;
    count("claims", || extract::claims::extract(doc.paragraphs(), year));
    count("meta", || extract::meta::extract(&doc, &path));
}
