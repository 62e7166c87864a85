//! The `xxgk` command. See `xxgk --help` and README.md.

fn main() {
    std::process::exit(xxgk::cli::main());
}
