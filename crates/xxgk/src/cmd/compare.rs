//! `xxgk compare YEAR_A YEAR_B`: two years side by side per agency and metric.

use std::path::PathBuf;

use anyhow::Result;
use xxgk_core::metrics::Metric;
use xxgk_db::query;

use super::FilterArgs;
use crate::cli::{exit, Ctx};
use crate::output::chart;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The first year.
    pub year_a: i32,
    /// The second year.
    pub year_b: i32,
    /// Metrics to compare (repeatable; default: applications).
    #[arg(long = "metric", short = 'm', value_parser = super::metric)]
    pub metrics: Vec<&'static Metric>,
    /// Also draw the first metric as an SVG bar chart (both years per agency).
    #[arg(long, value_name = "FILE.svg")]
    pub chart: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    let metrics: Vec<&'static Metric> =
        if args.metrics.is_empty() { vec![super::metric("applications").map_err(anyhow::Error::msg)?] } else { args.metrics.clone() };
    let store = ctx.open_ro()?;
    let rows = query::compare(&store.conn, args.year_a, args.year_b, &metrics, &args.filter.filter())?;
    if let Some(path) = &args.chart {
        let m = metrics[0];
        let mut groups = Vec::new();
        let mut values = Vec::new();
        for i in 0..rows.rows.len() {
            if rows.text(i, "metric").as_deref() != Some(m.name) {
                continue;
            }
            groups.push(rows.text(i, "agency").unwrap_or_default());
            values.push(vec![rows.number(i, "value_a"), rows.number(i, "value_b")]);
        }
        let svg = chart::grouped_bar_chart(
            &format!("{} · {} vs {}", m.name, args.year_a, args.year_b),
            m.unit,
            &groups,
            &[args.year_a.to_string(), args.year_b.to_string()],
            &values,
        );
        chart::write(path, &svg)?;
    }
    ctx.print_with_caveats(rows)?;
    Ok(exit::OK)
}
