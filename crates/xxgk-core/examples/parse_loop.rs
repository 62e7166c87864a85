//! Parse one file N times in process, for profiling (`perf record`) and quick timing:
//! `cargo run --release -p xxgk-core --example parse_loop -- FILE [N]`.

use std::path::PathBuf;
use std::time::Instant;

use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::source::Limits;

/// The allocator the `xxgk` binary runs with: parse times as an import sees them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: parse_loop FILE [N]"));
    let n: usize = args.next().map_or(1000, |s| s.parse().expect("N is a number"));
    let (limits, overrides) = (Limits::default(), Overrides::default());
    parse_file(&path, &limits, &overrides).expect("parses");
    // Ten batches: on a shared machine the fastest says most about the code.
    let batch = n.div_ceil(10);
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        for _ in 0..batch {
            std::hint::black_box(parse_file(&path, &limits, &overrides).ok());
        }
        times.push(t.elapsed().as_secs_f64() * 1e3 / batch as f64);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{} parses of {}: {:.4} ms each (fastest batch), {:.4} ms (median)",
        batch * 10,
        path.display(),
        times[0],
        times[5]
    );
}
