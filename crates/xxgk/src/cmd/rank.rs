//! `xxgk rank METRIC --year Y`: agencies ranked by a metric in one year.

use std::path::PathBuf;

use anyhow::Result;
use xxgk_core::metrics::Metric;
use xxgk_db::query;

use super::FilterArgs;
use crate::cli::{exit, Ctx};
use crate::output::chart;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric (see `xxgk metrics`).
    #[arg(value_parser = super::metric)]
    pub metric: &'static Metric,
    /// The year to rank.
    #[arg(long)]
    pub year: i32,
    /// Only the first N.
    #[arg(long)]
    pub top: Option<usize>,
    /// Lowest first.
    #[arg(long)]
    pub asc: bool,
    /// Also draw the ranking as a bar chart: FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<PathBuf>,
    /// The chart's title (default: the metric and the year).
    #[arg(long, requires = "chart")]
    pub title: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub list: super::ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    let store = ctx.open_ro()?;
    let m = args.metric;
    let rows = query::rank(&store.conn, m, args.year, args.top, args.asc, &args.filter.checked(&store.conn)?)?;
    if let Some(path) = &args.chart {
        let bars: Vec<(String, Option<f64>)> = (0..rows.rows.len())
            .map(|i| (rows.text(i, "agency").unwrap_or_default(), rows.number(i, "value")))
            .collect();
        let title = args.title.clone().unwrap_or_else(|| format!("{} · {}", m.name, args.year));
        chart::write(path, &chart::bar_chart(&title, m.unit, &bars))?;
    }
    ctx.print_with_caveats(rows)?;
    Ok(exit::OK)
}
