//! `xxgk trend METRIC`: a metric per agency (or group) and year, with changes.

use std::path::PathBuf;

use anyhow::Result;
use xxgk_core::metrics::Metric;
use xxgk_db::query::{self, GroupBy};

use super::FilterArgs;
use crate::cli::{exit, Ctx};
use crate::output::{chart, OutFormat};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric (see `xxgk metrics`).
    #[arg(value_parser = super::metric)]
    pub metric: &'static Metric,
    /// Aggregate per group and year: counts are summed, rates recomputed from summed parts
    /// (agency, region, province, city, kind, year).
    #[arg(long, value_parser = super::group_by)]
    pub by: Option<GroupBy>,
    /// Also draw the result as an SVG line chart (a line per agency or group over the years).
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    let store = ctx.open_ro()?;
    let filter = args.filter.filter();
    let m = args.metric;
    let (mut rows, group_col) = match args.by {
        None => (query::trend(&store.conn, m, &filter)?, "agency"),
        Some(by) => (query::trend_by(&store.conn, m, &filter, by)?, by.as_str()),
    };
    if let Some(path) = &args.chart {
        let svg = chart::line_chart(&format!("{} · {}", m.name, m.description), m.unit, &chart::series_of(&rows, group_col));
        chart::write(path, &svg)?;
    }
    if ctx.opts.format == OutFormat::Table {
        query::with_sparklines(&mut rows, group_col, "value");
    }
    ctx.print_with_caveats(rows)?;
    Ok(exit::OK)
}
