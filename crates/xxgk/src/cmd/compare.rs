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
    /// Also draw a bar chart (both years per agency), one panel per metric: FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<PathBuf>,
    /// The chart's title (default: the metric and the two years; with several metrics,
    /// it heads each panel before the metric's name).
    #[arg(long, requires = "chart")]
    pub title: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub list: super::ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    let metrics: Vec<&'static Metric> = if args.metrics.is_empty() {
        vec![super::metric("applications").map_err(anyhow::Error::msg)?]
    } else {
        args.metrics.clone()
    };
    let store = ctx.open_ro()?;
    let filter = args.filter.checked(&store.conn)?;
    if args.chart.is_none() && ctx.streams_or_groups() {
        // Written out as it is made (a table: tables of a thousand rows, the caveats below).
        ctx.stream_with_caveats(query::COMPARE_COLUMNS, |emit| {
            query::compare_each(&store.conn, args.year_a, args.year_b, &metrics, &filter, emit)
        })?;
        return Ok(exit::OK);
    }
    let rows = query::compare(&store.conn, args.year_a, args.year_b, &metrics, &filter)?;
    if let Some(path) = &args.chart {
        // One panel per metric, every metric given.
        let mut panels = Vec::new();
        for m in &metrics {
            let mut groups = Vec::new();
            let mut values = Vec::new();
            for i in 0..rows.rows.len() {
                if rows.text(i, "metric").as_deref() != Some(m.name) {
                    continue;
                }
                groups.push(rows.text(i, "agency").unwrap_or_default());
                values.push(vec![rows.number(i, "value_a"), rows.number(i, "value_b")]);
            }
            let title = match (&args.title, metrics.len()) {
                (Some(t), 1) => t.clone(),
                (Some(t), _) => format!("{t} · {}", m.name),
                (None, _) => format!("{} · {} vs {}", m.name, args.year_a, args.year_b),
            };
            panels.push(chart::grouped_bar_chart(
                &title,
                m.unit,
                &groups,
                &[args.year_a.to_string(), args.year_b.to_string()],
                &values,
            ));
        }
        chart::write(path, &chart::stacked(&panels))?;
    }
    ctx.print_with_caveats(rows)?;
    Ok(exit::OK)
}
