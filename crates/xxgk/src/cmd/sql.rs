//! `xxgk sql "SELECT …"`: any SQL, read-only unless `--write`.

use anyhow::Result;
use xxgk_db::query;

use crate::cli::{coded, exit, Ctx};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The SQL statement.
    pub query: String,
    /// Open the database for writing.
    #[arg(long)]
    pub write: bool,
    #[command(flatten)]
    pub list: super::ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    let store = if args.write { ctx.open_rw()? } else { ctx.open_ro()? };
    if ctx.streams_or_groups() {
        // Rows written out as SQLite makes them (tables of 1,000 rows in table format):
        // `SELECT * FROM cell_values` of 100,000 reports is never held at once.
        let mut stmt = query::sql_statement(&store.conn, &args.query, args.write).map_err(coded(exit::USAGE))?;
        // SQL that fails while it runs is a usage error, as before it printed anything.
        return match ctx.stream_statement(&mut stmt, &[]) {
            Ok(()) => Ok(exit::OK),
            Err(e) if e.downcast_ref::<query::SqlFailed>().is_some() => Err(coded(exit::USAGE)(e)),
            Err(e) => Err(e),
        };
    }
    let rows = query::sql(&store.conn, &args.query, args.write).map_err(coded(exit::USAGE))?;
    ctx.print(&rows)?;
    Ok(exit::OK)
}
