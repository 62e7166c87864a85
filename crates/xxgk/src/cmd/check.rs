//! `xxgk check`: check results with both sides' values.

use anyhow::Result;
use xxgk_core::checks::Rule;
use xxgk_db::query;

use super::FilterArgs;
use crate::cli::{exit, Ctx};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only this report (id).
    #[arg(long)]
    pub report: Option<i64>,
    /// Only this rule (R1 … R7).
    #[arg(long, value_parser = super::rule)]
    pub rule: Option<Rule>,
    /// Only failures.
    #[arg(long)]
    pub failures: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub list: super::ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    let store = ctx.open_ro()?;
    let filter = args.filter.checked(&store.conn)?;
    let (report, rule, failures) = (args.report, args.rule, args.failures);
    if ctx.streams_or_groups() {
        ctx.stream(query::CHECK_COLUMNS, |emit| {
            query::checks_each(&store.conn, report, rule, failures, &filter, emit)
        })?;
    } else {
        let rows = query::checks(&store.conn, report, rule, failures, &filter)?;
        ctx.print(&rows)?;
    }
    Ok(exit::OK)
}
