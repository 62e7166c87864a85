//! The `xxgk` command. See `xxgk --help` and README.md.

/// mimalloc: parsing allocates many small strings; the system allocator was a fifth of
/// the import profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(xxgk::cli::main());
}
