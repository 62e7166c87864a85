//! `xxgk trend METRIC`: a metric per agency (or group) and year, with changes.

use std::path::PathBuf;

use anyhow::Result;
use xxgk_core::metrics::Metric;
use xxgk_db::query::{self, GroupBy};

use super::{FilterArgs, ListArgs};
use crate::cli::{exit, Ctx};
use crate::output::{self, chart, OutFormat, Rows, Val};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The metric (see `xxgk metrics`; a Chinese name such as 申请 works too).
    #[arg(value_parser = super::metric)]
    pub metric: &'static Metric,
    /// Aggregate per group and year: counts are summed, rates recomputed from summed parts
    /// (agency, region, province, city, kind, year).
    #[arg(long, value_parser = super::group_by)]
    pub by: Option<GroupBy>,
    /// Only agencies with a value in every year of the window (--from/--to, else the years
    /// the data covers), so that a group's years compare the same agencies.
    #[arg(long)]
    pub same_agencies: bool,
    /// One row per agency (or group), one column per year.
    #[arg(long)]
    pub wide: bool,
    /// Also draw the result as a line chart (a line per agency or group; small multiples
    /// when they are many or of different scale): FILE.svg or FILE.png.
    #[arg(long, value_name = "FILE.svg|FILE.png")]
    pub chart: Option<PathBuf>,
    /// The chart's title (default: the metric and its description).
    #[arg(long, requires = "chart")]
    pub title: Option<String>,
    /// Draw the chart's value axis on a logarithmic scale.
    #[arg(long, requires = "chart")]
    pub log: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub list: ListArgs,
}

pub fn run(ctx: &mut Ctx, args: &Args) -> Result<i32> {
    ctx.list = args.list.clone();
    let store = ctx.open_ro()?;
    let mut filter = args.filter.checked(&store.conn)?;
    let m = args.metric;
    if args.same_agencies {
        let (ids, window) = query::same_agencies(&store.conn, m, &filter)?;
        if ids.is_empty() && !ctx.cli.quiet {
            match window {
                Some((a, b)) => eprintln!("no agency has a value of {} in every year from {a} to {b}", m.name),
                None => eprintln!("no agency has a value of {}", m.name),
            }
        }
        if let Some((a, b)) = window {
            filter.from = Some(a);
            filter.to = Some(b);
        }
        filter.agency_ids = Some(ids);
    }
    if args.by.is_none() && !args.wide && args.chart.is_none() && ctx.streams() {
        // Written out as it is made: 100,000 rows are never held at once.
        ctx.stream(query::TREND_COLUMNS, |emit| query::trend_each(&store.conn, m, &filter, emit))?;
        return Ok(exit::OK);
    }
    if args.by.is_none() && !args.wide && args.chart.is_none() && ctx.streams_or_groups() {
        // A table: each agency's rows with its sparkline, printed as they come (agency
        // after agency), the caveats below.
        let mut columns = query::TREND_COLUMNS.to_vec();
        columns.push("sparkline");
        let mut groups = query::SparklineGroups::new(query::TREND_COLUMNS, "agency", "value")
            .expect("a trend has agency and value columns");
        ctx.stream_with_caveats(&columns, |emit| {
            query::trend_each(&store.conn, m, &filter, &mut |row| groups.push(row, emit))?;
            groups.finish(emit)
        })?;
        return Ok(exit::OK);
    }
    let (mut rows, group_col) = match args.by {
        None => (query::trend(&store.conn, m, &filter)?, "agency"),
        Some(by) => (query::trend_by(&store.conn, m, &filter, by)?, by.as_str()),
    };
    if let Some(path) = &args.chart {
        let title = args.title.clone().unwrap_or_else(|| format!("{} · {}", m.name, m.description));
        let style = chart::Style { log: args.log };
        chart::write(path, &chart::line_chart_with(&title, m.unit, &chart::series_of(&rows, group_col), style))?;
    }
    if args.wide {
        let keys: &[&str] = if args.by.is_none() { &["agency_id", "agency"] } else { &[group_col] };
        let mut wide = wide_by_year(&rows, keys);
        if ctx.opts.format == OutFormat::Table {
            let caveats = output::caveats_below(&mut rows);
            let lines: Vec<String> = caveats.into_iter().map(|c| format!("caveat: {c}")).collect();
            return ctx.print_then(&std::mem::take(&mut wide), &lines).map(|_| exit::OK);
        }
        ctx.print(&wide)?;
        return Ok(exit::OK);
    }
    if ctx.opts.format == OutFormat::Table {
        query::with_sparklines(&mut rows, group_col, "value");
    }
    ctx.print_with_caveats(rows)?;
    Ok(exit::OK)
}

/// Long trend rows → one row per key (agency, or group), a column per year holding the
/// value (empty where the year has no value), years in order.
pub fn wide_by_year(rows: &Rows, keys: &[&str]) -> Rows {
    let mut years: Vec<i64> = (0..rows.rows.len()).filter_map(|i| rows.number(i, "year").map(|y| y as i64)).collect();
    years.sort_unstable();
    years.dedup();
    let mut columns: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
    columns.extend(years.iter().map(|y| y.to_string()));
    let mut out = Rows { columns, rows: Vec::new() };
    let mut index: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
    for i in 0..rows.rows.len() {
        let key: Vec<Val> = keys.iter().map(|k| rows.get(i, k).cloned().unwrap_or(Val::Null)).collect();
        let id: Vec<String> = key.iter().map(Val::plain).collect();
        let at = *index.entry(id).or_insert_with(|| {
            let mut row = key.clone();
            row.resize(keys.len() + years.len(), Val::Null);
            out.rows.push(row);
            out.rows.len() - 1
        });
        if let (Some(y), Some(v)) = (rows.number(i, "year"), rows.get(i, "value")) {
            if let Ok(pos) = years.binary_search(&(y as i64)) {
                if *v != Val::Null {
                    out.rows[at][keys.len() + pos] = v.clone();
                }
            }
        }
    }
    out
}
