//! `xxgk metrics`: the catalog of metrics.

use anyhow::Result;
use xxgk_db::query;

use super::ListArgs;
use crate::cli::{exit, Ctx};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub list: ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    ctx.print(&query::metric_catalog())?;
    Ok(exit::OK)
}
