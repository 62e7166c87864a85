//! `xxgk reports`: every imported report with its versions, cell count and checks.

use anyhow::Result;
use xxgk_db::query;

use super::FilterArgs;
use crate::cli::{coded, exit, Ctx};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub list: super::ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    let store = ctx.open_ro()?;
    let filter = args.filter.checked(&store.conn)?;
    if ctx.streams_or_groups() {
        let (mut stmt, params) = query::reports_statement(&store.conn, &filter).map_err(coded(exit::DATABASE))?;
        ctx.stream_statement(&mut stmt, &params)?;
    } else {
        let rows = query::reports(&store.conn, &filter).map_err(coded(exit::DATABASE))?;
        ctx.print(&rows)?;
    }
    Ok(exit::OK)
}
