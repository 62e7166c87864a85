use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::source::Limits;
struct Counting;
static N: AtomicUsize = AtomicUsize::new(0);
static R: AtomicUsize = AtomicUsize::new(0);
static M: mimalloc::MiMalloc = mimalloc::MiMalloc;
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        N.fetch_add(1, Relaxed);
        M.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        M.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        R.fetch_add(1, Relaxed);
        M.realloc(p, l, n)
    }
}
#[global_allocator]
static G: Counting = Counting;
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let (l, o) = (Limits::default(), Overrides::default());
    parse_file(&path, &l, &o).unwrap();
    let (n0, r0) = (N.load(Relaxed), R.load(Relaxed));
    let p = parse_file(&path, &l, &o).unwrap();
    println!("allocs {} reallocs {}", N.load(Relaxed) - n0, R.load(Relaxed) - r0);
    let d = xxgk_core::source::read_bytes(&std::fs::read(&path).unwrap(), &path, &l).unwrap().1;
    let (n0, r0) = (N.load(Relaxed), R.load(Relaxed));
    let d2 = xxgk_core::source::read_bytes(&std::fs::read(&path).unwrap(), &path, &l).unwrap().1;
    println!("reader allocs {} reallocs {}", N.load(Relaxed) - n0, R.load(Relaxed) - r0);
    let (n0, r0) = (N.load(Relaxed), R.load(Relaxed));
    let t = xxgk_core::extract::read_tables(&d);
    println!("tables allocs {} reallocs {}", N.load(Relaxed) - n0, R.load(Relaxed) - r0);
    let (n0, r0) = (N.load(Relaxed), R.load(Relaxed));
    let c = xxgk_core::extract::claims::extract(d.paragraphs());
    println!("claims allocs {} reallocs {}", N.load(Relaxed) - n0, R.load(Relaxed) - r0);
    let (n0, r0) = (N.load(Relaxed), R.load(Relaxed));
    let m = xxgk_core::extract::meta::extract(&d, &path);
    println!("meta allocs {} reallocs {}", N.load(Relaxed) - n0, R.load(Relaxed) - r0);
    std::hint::black_box((p, d2, t, c, m));
}
