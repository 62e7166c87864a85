//! Parse one file N times in process, for profiling (`perf record`) and quick timing:
//! `cargo run --release -p xxgk-core --example parse_loop -- FILE [N]`.

use std::path::PathBuf;
use std::time::Instant;

use xxgk_core::parse::{parse_file, Overrides};
use xxgk_core::source::Limits;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().expect("usage: parse_loop FILE [N]"));
    let n: usize = args.next().map_or(1000, |s| s.parse().expect("N is a number"));
    let (limits, overrides) = (Limits::default(), Overrides::default());
    parse_file(&path, &limits, &overrides).expect("parses");
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(parse_file(&path, &limits, &overrides).ok());
    }
    let d = t.elapsed();
    println!("{n} parses of {}: {:.4} ms each", path.display(), d.as_secs_f64() * 1e3 / n as f64);
}
