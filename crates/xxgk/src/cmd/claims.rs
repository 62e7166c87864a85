//! `xxgk claims`: figures the prose states, checked against the tables and the previous year.

use anyhow::Result;
use xxgk_db::query;

use super::FilterArgs;
use crate::cli::{exit, Ctx};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this report (id).
    #[arg(long)]
    pub report: Option<i64>,
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
        ctx.stream(query::CLAIM_COLUMNS, |emit| query::claims_each(&store.conn, args.report, &filter, emit))?;
    } else {
        let rows = query::claims(&store.conn, args.report, &filter)?;
        ctx.print(&rows)?;
    }
    Ok(exit::OK)
}
