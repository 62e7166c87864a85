//! `xxgk metrics`: the catalog of metrics.

use anyhow::Result;
use xxgk_db::query;

use crate::cli::{exit, Ctx};

pub fn run(ctx: &mut Ctx) -> Result<i32> {
    ctx.print(&query::metric_catalog())?;
    Ok(exit::OK)
}
