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
    let rows = query::sql(&store.conn, &args.query, args.write).map_err(coded(exit::USAGE))?;
    ctx.print(&rows)?;
    Ok(exit::OK)
}
