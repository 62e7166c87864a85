//! The `xxgk` command. See `xxgk --help` and README.md.
//!
//! [`cli`] holds the global options and the list of commands; each command is one file
//! under [`cmd`]; [`output`] renders rows as tables, CSV, JSON, Markdown, charts and
//! workbooks.

mod cli;
mod cmd;
mod output;
mod suggest;

/// mimalloc: parsing allocates many small strings; the system allocator was a fifth of
/// the import profile.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // SAFETY: the first thing the process does, before any thread exists or SQLite is used.
    unsafe { xxgk_db::sqlite::configure() };
    std::process::exit(cli::main());
}
