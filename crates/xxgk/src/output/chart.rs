//! SVG charts of query results, written as plain SVG text.
//!
//! Three kinds: a line chart of values by year (one line per agency), a bar chart (a
//! ranking) and a grouped bar chart (a comparison of two or more years per agency).
//! Text is left to the viewer's fonts through a CJK-first `font-family` list, so Chinese
//! agency names render wherever the SVG is opened. Every chart is 900 × 500 with a
//! `viewBox`, so it scales.
//!
//! Inputs are taken as they come: missing values (`None`), NaN and infinities are drawn as
//! missing, empty inputs give an empty frame saying "no data", and no input panics.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Result;

use crate::cli::{coded, exit};
use crate::output::Rows;

/// One line of a line chart: a name for the legend and its values by year.
/// `None` marks a year without a value; the line breaks there.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(i32, Option<f64>)>,
}

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 500.0;
const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";
/// Series beyond this many are left out (and counted in the legend).
const MAX_SERIES: usize = 12;
/// Twelve colours that stay apart; series 7–12 of a line chart are also dashed.
const PALETTE: [&str; MAX_SERIES] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
    "#393b79", "#b5985a",
];
const BAR: &str = "#4e79a7";
const BAR_NEGATIVE: &str = "#e15759";
const GRID: &str = "#e6e6e6";
const AXIS: &str = "#555555";
const MUTED: &str = "#777777";
const NO_DATA: &str = "无数据 / no data";

/// Chart series from trend rows: one per agency (or group, in `group_col`), x = year.
pub fn series_of(rows: &Rows, group_col: &str) -> Vec<Series> {
    let mut series: Vec<Series> = Vec::new();
    for i in 0..rows.rows.len() {
        let name = rows.text(i, group_col).unwrap_or_default();
        let year = rows.number(i, "year").unwrap_or(0.0) as i32;
        let point = (year, rows.number(i, "value"));
        match series.iter_mut().find(|s| s.name == name) {
            Some(s) => s.points.push(point),
            None => series.push(Series { name, points: vec![point] }),
        }
    }
    series
}

/// Write a chart file: SVG, or PNG (rendered at twice the SVG's size) when the name ends
/// in `.png`. A failure is the user's path or machine, so exit 1.
pub fn write(path: &Path, svg: &str) -> Result<()> {
    let is_png = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let bytes = if is_png {
        super::png::system_fonts().and_then(|fonts| super::png::render(svg, fonts, 2.0)).map_err(coded(exit::INPUT))?
    } else {
        svg.as_bytes().to_vec()
    };
    std::fs::write(path, bytes)
        .map_err(|e| anyhow::anyhow!("cannot write chart {}: {e}", path.display()))
        .map_err(coded(exit::INPUT))
}

/// How a chart is drawn beyond its data.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    /// A logarithmic value axis (values ≤ 0 are not drawn, and a note says so).
    pub log: bool,
}

/// A line chart of values by year, one line per series.
#[cfg(test)]
pub fn line_chart(title: &str, y_label: &str, series: &[Series]) -> String {
    line_chart_with(title, y_label, series, Style::default())
}

/// A line chart of values by year: one panel with a line per series when the series are
/// few and of like scale, else small multiples (a panel per series, each with its own
/// axis), so that no series is left out and a small one is not flattened by a large one.
pub fn line_chart_with(title: &str, y_label: &str, series: &[Series], style: Style) -> String {
    let drawn: Vec<Series> = series.iter().map(|s| plottable(s, style)).collect();
    if drawn.len() > MAX_SERIES || (!style.log && scales_differ(&drawn)) {
        return small_multiples(title, y_label, series, style);
    }
    let mut svg = Svg::new(title);
    let shown = &drawn[..];
    let tables: Vec<BTreeMap<i32, Option<f64>>> = shown.iter().map(year_table).collect();
    let years: Vec<i32> = tables.iter().flat_map(|m| m.keys().copied()).collect::<BTreeSet<_>>().into_iter().collect();
    let values: Vec<f64> = tables.iter().flat_map(|m| m.values().flatten().copied()).collect();
    let Some((lo, hi)) = min_max(&values) else {
        empty_chart(&mut svg, y_label, Some("年份"));
        return svg.finish();
    };

    // Start the axis at zero unless that would squash the lines into a band.
    let include_zero = !style.log && ((lo >= 0.0 && lo <= hi * 0.5) || (hi <= 0.0 && hi >= lo * 0.5));
    let ticks = if style.log { log_ticks(lo, hi) } else { nice_ticks(lo, hi, include_zero) };
    let legend_w = 200.0;
    let frame = Frame { left: y_axis_left(&ticks), top: 60.0, right: WIDTH - legend_w - 10.0, bottom: HEIGHT - 60.0 };
    draw_y_axis(&mut svg, &frame, &ticks, y_label);
    let x_of = year_axis(&mut svg, &frame, &years, 24.0, 12.0);
    svg.text((frame.left + frame.right) / 2.0, frame.bottom + 44.0, 13.0, "middle", "", "年份");

    let mut any_gap = false;
    for (i, (s, table)) in series.iter().zip(&tables).enumerate() {
        any_gap |= draw_line(
            &mut svg,
            &s.name,
            table,
            &|y| x_of(y),
            &|v| ticks.y(&frame, v),
            PALETTE[i % PALETTE.len()],
            i >= 6,
            style,
            3.5,
        );
    }

    // The legend, right of the plot.
    let lx = frame.right + 22.0;
    let mut ly = frame.top + 6.0;
    for (i, s) in shown.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let fill = if i >= 6 { "white" } else { color };
        svg.raw(&format!(
            r#"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{color}" stroke-width="2"/><circle cx="{:.1}" cy="{ly:.1}" r="3.5" fill="{fill}" stroke="{color}" stroke-width="1.5"/>"#,
            lx + 22.0,
            lx + 11.0,
        ));
        svg.text(lx + 30.0, ly + 4.0, 12.0, "start", "", &fit(&s.name, WIDTH - lx - 38.0, 12.0));
        ly += 21.0;
    }
    if any_gap {
        svg.raw(&format!(
            r#"<line x1="{lx:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="4 4"/>"#,
            ly + 6.0,
            lx + 22.0,
            ly + 6.0
        ));
        svg.text(lx + 30.0, ly + 10.0, 11.0, "start", &format!(r#"fill="{MUTED}""#), "虚线：中间年份无数据");
        ly += 21.0;
    }
    log_note(&mut svg, series, style, lx, ly + 10.0);
    svg.finish()
}

/// The values a series can show on the axis: on a log axis, only those above zero.
fn plottable(s: &Series, style: Style) -> Series {
    Series {
        name: s.name.clone(),
        points: s
            .points
            .iter()
            .map(|&(y, v)| (y, if style.log { clean(v).filter(|v| *v > 0.0).map(f64::log10) } else { clean(v) }))
            .collect(),
    }
}

/// Year → value (a year given twice keeps its first real value).
fn year_table(s: &Series) -> BTreeMap<i32, Option<f64>> {
    let mut m: BTreeMap<i32, Option<f64>> = BTreeMap::new();
    for &(year, v) in &s.points {
        let slot = m.entry(year).or_insert(None);
        if slot.is_none() {
            *slot = clean(v);
        }
    }
    m
}

/// Do the series differ so much in scale that on one axis the small ones would lie flat
/// (the largest peak over 20 times the smallest)?
fn scales_differ(series: &[Series]) -> bool {
    let peaks: Vec<f64> = series
        .iter()
        .filter_map(|s| {
            s.points
                .iter()
                .filter_map(|p| p.1)
                .map(f64::abs)
                .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
        })
        .filter(|p| *p > 0.0)
        .collect();
    match min_max(&peaks) {
        Some((lo, hi)) => series.len() > 1 && hi > 20.0 * lo,
        None => false,
    }
}

/// The x axis of years (in proportion, a tick each, labels where they fit); returns the
/// year → x mapping.
fn year_axis(svg: &mut Svg, frame: &Frame, years: &[i32], pad: f64, font: f64) -> impl Fn(i32) -> f64 {
    let (first, last) = (years.first().copied().unwrap_or(0) as f64, years.last().copied().unwrap_or(0) as f64);
    let (left, right) = (frame.left, frame.right);
    let w = frame.w();
    let x_of = move |year: i32| -> f64 {
        if last > first {
            left + pad + (year as f64 - first) / (last - first) * (w - 2.0 * pad)
        } else {
            (left + right) / 2.0
        }
    };
    svg.line(frame.left, frame.bottom, frame.right, frame.bottom, AXIS, 1.0);
    let mut last_label = f64::NEG_INFINITY;
    for &year in years {
        let x = x_of(year);
        svg.line(x, frame.bottom, x, frame.bottom + 5.0, AXIS, 1.0);
        if x - last_label >= font * 3.2 {
            svg.text(x, frame.bottom + font + 7.0, font, "middle", "", &year.to_string());
            last_label = x;
        }
    }
    x_of
}

/// One series' line: solid between values of consecutive years, dashed across years
/// without a value (so a gap reads as a gap, not as a dot on its own), a marker per value
/// (hollow for series 7 on). Returns whether a gap was bridged.
#[allow(clippy::too_many_arguments)]
fn draw_line(
    svg: &mut Svg,
    name: &str,
    table: &BTreeMap<i32, Option<f64>>,
    x_of: &dyn Fn(i32) -> f64,
    y_of: &dyn Fn(f64) -> f64,
    color: &str,
    hollow: bool,
    style: Style,
    radius: f64,
) -> bool {
    let points: Vec<(i32, f64)> = table.iter().filter_map(|(y, v)| v.map(|v| (*y, v))).collect();
    let mut gap = false;
    let mut solid = String::new();
    for pair in points.windows(2) {
        let ((y0, v0), (y1, v1)) = (pair[0], pair[1]);
        let (xa, ya, xb, yb) = (x_of(y0), y_of(v0), x_of(y1), y_of(v1));
        if y1 == y0 + 1 {
            let _ = write!(solid, "M{xa:.1} {ya:.1} L{xb:.1} {yb:.1} ");
        } else {
            gap = true;
            svg.raw(&format!(
                r#"<path d="M{xa:.1} {ya:.1} L{xb:.1} {yb:.1}" fill="none" stroke="{color}" stroke-width="1.5" stroke-dasharray="4 4" stroke-opacity="0.7"/>"#
            ));
        }
    }
    if !solid.is_empty() {
        svg.raw(&format!(
            r#"<path d="{}" fill="none" stroke="{color}" stroke-width="2" stroke-linejoin="round"/>"#,
            solid.trim_end()
        ));
    }
    let fill = if hollow { "white" } else { color };
    for (year, v) in points {
        let shown = if style.log { 10f64.powf(v) } else { v };
        let tip = format!("{name} {year}: {}", fmt_value(shown));
        svg.raw(&format!(
            r#"<circle cx="{:.1}" cy="{:.1}" r="{radius}" fill="{fill}" stroke="{color}" stroke-width="1.5"><title>{}</title></circle>"#,
            x_of(year),
            y_of(v),
            esc(&tip)
        ));
    }
    gap
}

/// On a log axis, say how many values ≤ 0 could not be drawn.
fn log_note(svg: &mut Svg, series: &[Series], style: Style, x: f64, y: f64) {
    if !style.log {
        return;
    }
    let hidden = series.iter().flat_map(|s| &s.points).filter(|p| clean(p.1).is_some_and(|v| v <= 0.0)).count();
    let text =
        if hidden > 0 { format!("对数轴；{hidden} 个 ≤0 的值未画出") } else { "对数轴".to_string() };
    svg.text(x, y, 11.0, "start", &format!(r#"fill="{MUTED}""#), &text);
}

/// Ticks of a log axis over the log10 values `lo..=hi`: a tick per power of ten (labelled
/// with the value, not the exponent).
fn log_ticks(lo: f64, hi: f64) -> Ticks {
    let (a, b) = (lo.floor(), hi.ceil().max(lo.floor() + 1.0));
    let step = ((b - a) / 6.0).ceil().max(1.0);
    let values: Vec<f64> = (0..).map(|i| a + i as f64 * step).take_while(|v| *v <= b + 1e-9).collect();
    let hi = *values.last().unwrap_or(&b);
    Ticks { lo: a, hi: hi.max(a + 1.0), values, decimals: 0, log: true }
}

/// Small multiples: a panel per series in a grid (three across), each with its own value
/// axis and the years of all panels, every series drawn.
fn small_multiples(title: &str, y_label: &str, series: &[Series], style: Style) -> String {
    const COLS: usize = 3;
    const PANEL_W: f64 = WIDTH / COLS as f64;
    const PANEL_H: f64 = 210.0;
    let rows = series.len().div_ceil(COLS).max(1);
    let height = 70.0 + PANEL_H * rows as f64 + 20.0;
    let mut svg = Svg::sized(title, WIDTH, height);
    svg.text(
        WIDTH / 2.0,
        52.0,
        12.0,
        "middle",
        &format!(r#"fill="{MUTED}""#),
        &format!("{} · {} 个分图，各自纵轴", fit(y_label, 300.0, 12.0), series.len()),
    );
    let drawn: Vec<Series> = series.iter().map(|s| plottable(s, style)).collect();
    let tables: Vec<BTreeMap<i32, Option<f64>>> = drawn.iter().map(year_table).collect();
    let years: Vec<i32> = tables.iter().flat_map(|m| m.keys().copied()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut any_gap = false;
    for (i, (s, table)) in series.iter().zip(&tables).enumerate() {
        let (col, row) = (i % COLS, i / COLS);
        let (x0, y0) = (col as f64 * PANEL_W, 70.0 + row as f64 * PANEL_H);
        svg.text(
            x0 + PANEL_W / 2.0,
            y0 + 14.0,
            12.0,
            "middle",
            r#"font-weight="bold""#,
            &fit(&s.name, PANEL_W - 16.0, 12.0),
        );
        let values: Vec<f64> = table.values().flatten().copied().collect();
        let Some((lo, hi)) = min_max(&values) else {
            svg.text(x0 + PANEL_W / 2.0, y0 + PANEL_H / 2.0, 12.0, "middle", &format!(r#"fill="{MUTED}""#), NO_DATA);
            continue;
        };
        let include_zero = !style.log && lo >= 0.0 && lo <= hi * 0.5;
        let mut ticks = if style.log { log_ticks(lo, hi) } else { nice_ticks(lo, hi, include_zero) };
        // Three or four ticks are enough in a small panel.
        if ticks.values.len() > 4 {
            let keep: Vec<f64> = ticks.values.iter().copied().step_by(2).collect();
            ticks.values = keep;
        }
        let widest = ticks.values.iter().map(|&v| text_width(&tick_label(&ticks, v), 10.0)).fold(0.0, f64::max);
        let frame =
            Frame { left: x0 + widest + 14.0, top: y0 + 26.0, right: x0 + PANEL_W - 12.0, bottom: y0 + PANEL_H - 30.0 };
        for &v in &ticks.values {
            let y = ticks.y(&frame, v);
            svg.line(frame.left, y, frame.right, y, GRID, 1.0);
            svg.text(frame.left - 5.0, y + 3.5, 10.0, "end", "", &tick_label(&ticks, v));
        }
        svg.line(frame.left, frame.top, frame.left, frame.bottom, AXIS, 1.0);
        let x_of = year_axis(&mut svg, &frame, &years, 10.0, 10.0);
        any_gap |= draw_line(&mut svg, &s.name, table, &x_of, &|v| ticks.y(&frame, v), PALETTE[0], false, style, 2.5);
    }
    let note_y = height - 8.0;
    if any_gap {
        svg.text(12.0, note_y, 11.0, "start", &format!(r#"fill="{MUTED}""#), "虚线：中间年份无数据");
    }
    log_note(&mut svg, series, style, WIDTH / 2.0, note_y);
    svg.finish()
}

/// Several charts one above the other in one SVG (each keeps its own size and text), e.g.
/// a comparison per metric.
pub fn stacked(charts: &[String]) -> String {
    if charts.len() == 1 {
        return charts[0].clone();
    }
    let height = HEIGHT * charts.len().max(1) as f64;
    let mut out = format!(
        r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" font-size="12" fill="#333333">
<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>
"##
    );
    for (i, chart) in charts.iter().enumerate() {
        // The inner chart's own <svg> element, placed at its row.
        let body = chart.find("<svg").map_or(chart.as_str(), |at| &chart[at..]);
        let _ = writeln!(out, "{}", body.replacen("<svg ", &format!(r#"<svg x="0" y="{}" "#, HEIGHT * i as f64), 1));
    }
    out.push_str("</svg>\n");
    out
}

/// A bar chart, one bar per label in the given order (a ranking). Negative values hang
/// below the zero line; `None` shows as a dash.
pub fn bar_chart(title: &str, y_label: &str, bars: &[(String, Option<f64>)]) -> String {
    let mut svg = Svg::new(title);
    let values: Vec<Option<f64>> = bars.iter().map(|(_, v)| clean(*v)).collect();
    let finite: Vec<f64> = values.iter().flatten().copied().collect();
    let Some((lo, hi)) = min_max(&finite) else {
        empty_chart(&mut svg, y_label, None);
        return svg.finish();
    };
    let ticks = nice_ticks(lo, hi, true);
    let left = y_axis_left(&ticks);
    let labels: Vec<&str> = bars.iter().map(|(l, _)| l.as_str()).collect();
    let cats = Categories::layout(&labels, left, WIDTH - 20.0);
    let frame = Frame { left, top: 60.0, right: WIDTH - 20.0, bottom: HEIGHT - cats.margin };
    draw_y_axis(&mut svg, &frame, &ticks, y_label);
    let zero = ticks.y(&frame, 0.0);

    let slot = frame.w() / bars.len() as f64;
    let bw = (slot * 0.7).min(60.0);
    let value_font = 11.0;
    for (i, ((label, _), v)) in bars.iter().zip(&values).enumerate() {
        let cx = frame.left + slot * (i as f64 + 0.5);
        match *v {
            Some(v) => {
                let y = ticks.y(&frame, v);
                let color = if v < 0.0 { BAR_NEGATIVE } else { BAR };
                svg.raw(&format!(
                    r#"<rect x="{:.1}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{color}"><title>{}</title></rect>"#,
                    cx - bw / 2.0,
                    y.min(zero),
                    (y - zero).abs(),
                    esc(&format!("{label}: {}", fmt_value(v)))
                ));
                let text = fmt_value(v);
                if bars.len() <= 60 && text_width(&text, value_font) <= slot + 2.0 {
                    let ty = if v < 0.0 { y + value_font + 2.0 } else { y - 4.0 };
                    svg.text(cx, ty, value_font, "middle", "", &text);
                }
            }
            None => missing_mark(&mut svg, cx, zero, slot, label),
        }
    }
    svg.line(frame.left, zero, frame.right, zero, AXIS, 1.0);
    cats.draw(&mut svg, &labels, &frame);
    svg.finish()
}

/// A grouped bar chart: for each group (an agency) one bar per series (a year).
/// `values[g][s]` is the value of series `s` in group `g`; short or missing rows count
/// as missing values. At most 12 series are drawn.
pub fn grouped_bar_chart(
    title: &str,
    y_label: &str,
    groups: &[String],
    series_names: &[String],
    values: &[Vec<Option<f64>>],
) -> String {
    let mut svg = Svg::new(title);
    let widest_row = values.iter().take(groups.len()).map(Vec::len).max().unwrap_or(0);
    let total_series = series_names.len().max(widest_row);
    let ns = total_series.min(MAX_SERIES);
    let cell = |g: usize, s: usize| clean(values.get(g).and_then(|r| r.get(s)).copied().flatten());
    let finite: Vec<f64> = (0..groups.len()).flat_map(|g| (0..ns).filter_map(move |s| cell(g, s))).collect();
    let Some((lo, hi)) = min_max(&finite) else {
        empty_chart(&mut svg, y_label, None);
        return svg.finish();
    };

    // The legend: a row (or rows) of swatches under the title.
    let names: Vec<String> =
        (0..ns).map(|s| series_names.get(s).cloned().unwrap_or_else(|| format!("#{}", s + 1))).collect();
    let (mut lx, mut ly) = (40.0, 52.0);
    let mut entries: Vec<(String, &str)> =
        names.iter().enumerate().map(|(s, n)| (fit(n, 170.0, 12.0), PALETTE[s])).collect();
    if total_series > ns {
        entries.push((format!("+{} more", total_series - ns), ""));
    }
    for (name, color) in &entries {
        let w = 18.0 + text_width(name, 12.0) + 18.0;
        if lx + w > WIDTH - 20.0 && lx > 40.0 {
            lx = 40.0;
            ly += 18.0;
        }
        if color.is_empty() {
            svg.text(lx, ly, 12.0, "start", &format!(r#"fill="{MUTED}""#), name);
        } else {
            svg.raw(&format!(r#"<rect x="{lx:.1}" y="{:.1}" width="12" height="12" fill="{color}"/>"#, ly - 10.0));
            svg.text(lx + 17.0, ly, 12.0, "start", "", name);
        }
        lx += w;
    }

    let ticks = nice_ticks(lo, hi, true);
    let left = y_axis_left(&ticks);
    let labels: Vec<&str> = groups.iter().map(String::as_str).collect();
    let cats = Categories::layout(&labels, left, WIDTH - 20.0);
    let frame = Frame { left, top: ly + 22.0, right: WIDTH - 20.0, bottom: HEIGHT - cats.margin };
    draw_y_axis(&mut svg, &frame, &ticks, y_label);
    let zero = ticks.y(&frame, 0.0);

    let slot = frame.w() / groups.len() as f64;
    let bw = (slot * 0.8 / ns as f64).min(40.0);
    let value_font = 10.0;
    for (g, group) in groups.iter().enumerate() {
        let x0 = frame.left + slot * (g as f64 + 0.5) - bw * ns as f64 / 2.0;
        for (s, name) in names.iter().enumerate() {
            let cx = x0 + bw * (s as f64 + 0.5);
            match cell(g, s) {
                Some(v) => {
                    let y = ticks.y(&frame, v);
                    svg.raw(&format!(
                        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
                        cx - bw / 2.0 + 0.5,
                        y.min(zero),
                        (bw - 1.0).max(0.5),
                        (y - zero).abs(),
                        PALETTE[s],
                        esc(&format!("{group} {name}: {}", fmt_value(v)))
                    ));
                    let text = fmt_value(v);
                    if text_width(&text, value_font) <= bw + 2.0 {
                        let ty = if v < 0.0 { y + value_font + 2.0 } else { y - 3.0 };
                        svg.text(cx, ty, value_font, "middle", "", &text);
                    }
                }
                None => missing_mark(&mut svg, cx, zero, bw, &format!("{group} {name}")),
            }
        }
    }
    svg.line(frame.left, zero, frame.right, zero, AXIS, 1.0);
    cats.draw(&mut svg, &labels, &frame);
    svg.finish()
}

// ---------------------------------------------------------------------------------------
// Building blocks

/// SVG text being written.
struct Svg(String);

impl Svg {
    fn new(title: &str) -> Svg {
        Svg::sized(title, WIDTH, HEIGHT)
    }

    fn sized(title: &str, width: f64, height: f64) -> Svg {
        let mut s = String::with_capacity(16 * 1024);
        let _ = write!(
            s,
            r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="12" fill="#333333">
<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>
"##
        );
        let mut svg = Svg(s);
        svg.text(width / 2.0, 32.0, 18.0, "middle", r#"font-weight="bold""#, &fit(title, width - 40.0, 18.0));
        svg
    }

    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
        self.0.push('\n');
    }

    /// Text at (x, y); `s` is escaped here.
    fn text(&mut self, x: f64, y: f64, size: f64, anchor: &str, attrs: &str, s: &str) {
        let _ = writeln!(
            self.0,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}" text-anchor="{anchor}" {attrs}>{}</text>"#,
            esc(s)
        );
    }

    fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, stroke: &str, width: f64) {
        let _ = writeln!(
            self.0,
            r#"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="{stroke}" stroke-width="{width}"/>"#
        );
    }

    fn finish(mut self) -> String {
        self.0.push_str("</svg>\n");
        self.0
    }
}

/// The plot area.
struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Frame {
    fn w(&self) -> f64 {
        (self.right - self.left).max(1.0)
    }
    fn h(&self) -> f64 {
        (self.bottom - self.top).max(1.0)
    }
}

/// Round tick values for a value axis.
#[derive(Debug)]
struct Ticks {
    lo: f64,
    hi: f64,
    values: Vec<f64>,
    decimals: usize,
    /// The values are log10 of what the labels show.
    log: bool,
}

/// A tick's label: the value, or on a log axis the power of ten it stands for.
fn tick_label(ticks: &Ticks, v: f64) -> String {
    if ticks.log {
        fmt_value(10f64.powf(v))
    } else {
        fmt_num(v, ticks.decimals)
    }
}

impl Ticks {
    fn y(&self, f: &Frame, v: f64) -> f64 {
        f.bottom - (v - self.lo) / (self.hi - self.lo) * f.h()
    }
}

/// About five round ticks (steps of 1, 2 or 5 × 10ⁿ) covering `min..=max`.
fn nice_ticks(min: f64, max: f64, include_zero: bool) -> Ticks {
    let (mut min, mut max) = if min.is_finite() && max.is_finite() && min <= max { (min, max) } else { (0.0, 1.0) };
    if include_zero {
        min = min.min(0.0);
        max = max.max(0.0);
    }
    if max - min <= max.abs().max(min.abs()) * 1e-12 {
        // One value: make room around it.
        if min == 0.0 {
            max = 1.0;
        } else {
            let pad = min.abs() * 0.1;
            min -= pad;
            max += pad;
        }
    }
    let raw = (max - min) / 5.0;
    let base = 10f64.powf(raw.log10().floor());
    let f = raw / base;
    let step = base
        * if f <= 1.0 {
            1.0
        } else if f <= 2.0 {
            2.0
        } else if f <= 5.0 {
            5.0
        } else {
            10.0
        };
    if !(step.is_finite() && step > 0.0) {
        return Ticks { lo: 0.0, hi: 1.0, values: vec![0.0, 0.5, 1.0], decimals: 1, log: false };
    }
    let lo = (min / step).floor() * step;
    let hi = (max / step).ceil() * step;
    let count = ((hi - lo) / step).round().clamp(1.0, 20.0) as usize;
    let values = (0..=count)
        .map(|i| {
            let v = lo + i as f64 * step;
            if v.abs() < step * 1e-9 {
                0.0
            } else {
                v
            }
        })
        .collect();
    let decimals = if step >= 1.0 { 0 } else { (-step.log10() - 1e-9).ceil().clamp(0.0, 12.0) as usize };
    let hi = lo + count as f64 * step;
    if hi > lo {
        Ticks { lo, hi, values, decimals, log: false }
    } else {
        Ticks { lo: 0.0, hi: 1.0, values: vec![0.0, 0.5, 1.0], decimals: 1, log: false }
    }
}

/// Where the plot starts: room for the rotated y label and the widest tick label.
fn y_axis_left(ticks: &Ticks) -> f64 {
    let widest = ticks.values.iter().map(|&v| text_width(&tick_label(ticks, v), 11.0)).fold(0.0, f64::max);
    (36.0 + widest + 10.0).min(260.0)
}

/// Grid lines, tick labels, the y label and the zero line.
fn draw_y_axis(svg: &mut Svg, f: &Frame, ticks: &Ticks, y_label: &str) {
    for &v in &ticks.values {
        let y = ticks.y(f, v);
        svg.line(f.left, y, f.right, y, if v == 0.0 { "#aaaaaa" } else { GRID }, 1.0);
        svg.text(f.left - 8.0, y + 4.0, 11.0, "end", "", &tick_label(ticks, v));
    }
    svg.line(f.left, f.top, f.left, f.bottom, AXIS, 1.0);
    let (x, y) = (18.0, (f.top + f.bottom) / 2.0);
    svg.text(x, y, 13.0, "middle", &format!(r#"transform="rotate(-90 {x:.1} {y:.1})""#), &fit(y_label, f.h(), 13.0));
}

/// A frame with "no data" in it.
fn empty_chart(svg: &mut Svg, y_label: &str, x_label: Option<&str>) {
    let f = Frame { left: 70.0, top: 60.0, right: WIDTH - 30.0, bottom: HEIGHT - 60.0 };
    svg.raw(&format!(
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{GRID}"/>"#,
        f.left,
        f.top,
        f.w(),
        f.h()
    ));
    svg.line(f.left, f.top, f.left, f.bottom, AXIS, 1.0);
    svg.line(f.left, f.bottom, f.right, f.bottom, AXIS, 1.0);
    let (x, y) = (18.0, (f.top + f.bottom) / 2.0);
    svg.text(x, y, 13.0, "middle", &format!(r#"transform="rotate(-90 {x:.1} {y:.1})""#), &fit(y_label, f.h(), 13.0));
    if let Some(xl) = x_label {
        svg.text((f.left + f.right) / 2.0, f.bottom + 44.0, 13.0, "middle", "", xl);
    }
    svg.text(
        (f.left + f.right) / 2.0,
        (f.top + f.bottom) / 2.0,
        16.0,
        "middle",
        &format!(r#"fill="{MUTED}""#),
        NO_DATA,
    );
}

/// "无数据" (or a dash, where that does not fit) on the zero line where a bar has no value.
fn missing_mark(svg: &mut Svg, cx: f64, zero: f64, width: f64, what: &str) {
    let (mark, size) = if text_width("无数据", 10.0) <= width + 4.0 { ("无数据", 10.0) } else { ("–", 12.0) };
    svg.raw(&format!(
        r#"<text x="{cx:.1}" y="{:.1}" font-size="{size}" text-anchor="middle" fill="{MUTED}">{mark}<title>{}</title></text>"#,
        zero - 4.0,
        esc(&format!("{what}: {NO_DATA}"))
    ));
}

/// How category labels under bars are set: size, one or two lines or rotated, which
/// ones are shown, and the room they need below the plot.
struct Categories {
    font: f64,
    rotate: bool,
    two_lines: bool,
    every: usize,
    /// Label widths allowed, one per label (rotated labels must not run off the left edge).
    max_w: Vec<f64>,
    /// Height below the plot.
    margin: f64,
}

impl Categories {
    fn layout(labels: &[&str], left: f64, right: f64) -> Categories {
        let n = labels.len().max(1);
        let slot = (right - left).max(1.0) / n as f64;
        let font = (slot * 0.8).clamp(8.0, 12.0);
        let every = ((font * 1.3) / slot).ceil().clamp(1.0, n as f64) as usize;
        let room = slot * every as f64 * 0.92;
        let widest = labels.iter().map(|l| text_width(l, font)).fold(0.0, f64::max);
        // Flat when the labels fit, flat on two lines when there is room for six
        // characters a line, else turned 45°.
        let two_lines = widest > room && room >= font * 6.0;
        let rotate = widest > room && !two_lines;
        // Turned labels sit slot·sin 45° apart: size and thin them for that pitch.
        let (font, every) = if rotate {
            let pitch = slot * std::f64::consts::FRAC_1_SQRT_2;
            let font = (pitch / 1.3).clamp(8.0, 12.0);
            (font, ((font * 1.2) / pitch).ceil().clamp(1.0, n as f64) as usize)
        } else {
            (font, every)
        };
        let max_w: Vec<f64> = (0..labels.len())
            .map(|i| {
                if rotate {
                    let x = left + slot * (i as f64 + 0.5);
                    (x / std::f64::consts::FRAC_1_SQRT_2 - 8.0).clamp(20.0, 150.0)
                } else {
                    room
                }
            })
            .collect();
        let margin = if rotate {
            let longest =
                labels.iter().zip(&max_w).map(|(l, &w)| text_width(&fit(l, w, font), font)).fold(0.0, f64::max);
            22.0 + (longest + font) * std::f64::consts::FRAC_1_SQRT_2
        } else if two_lines {
            40.0 + font * 1.3
        } else {
            40.0
        };
        Categories { font, rotate, two_lines, every, max_w, margin }
    }

    fn draw(&self, svg: &mut Svg, labels: &[&str], f: &Frame) {
        svg.line(f.left, f.bottom, f.right, f.bottom, AXIS, 1.0);
        let slot = f.w() / labels.len().max(1) as f64;
        for (i, label) in labels.iter().enumerate() {
            if i % self.every != 0 {
                continue;
            }
            let x = f.left + slot * (i as f64 + 0.5);
            svg.line(x, f.bottom, x, f.bottom + 4.0, AXIS, 1.0);
            let y = f.bottom + 12.0 + self.font * 0.5;
            if self.rotate {
                let y = f.bottom + 12.0;
                let text = fit(label, self.max_w[i], self.font);
                svg.text(x, y, self.font, "end", &format!(r#"transform="rotate(-45 {x:.1} {y:.1})""#), &text);
            } else if self.two_lines {
                let (first, rest) = split_at_width(label, self.max_w[i], self.font);
                svg.text(x, y, self.font, "middle", "", &first);
                if !rest.is_empty() {
                    svg.text(x, y + self.font * 1.3, self.font, "middle", "", &fit(&rest, self.max_w[i], self.font));
                }
            } else {
                svg.text(x, y, self.font, "middle", "", &fit(label, self.max_w[i], self.font));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Numbers and text

/// A value worth drawing: finite, and small enough that the scale arithmetic stays finite.
fn clean(v: Option<f64>) -> Option<f64> {
    v.filter(|f| f.is_finite()).map(|f| f.clamp(-1e300, 1e300))
}

fn min_max(values: &[f64]) -> Option<(f64, f64)> {
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo <= hi).then_some((lo, hi))
}

/// A number with thousands separators and a fixed number of decimals.
fn fmt_num(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.abs() >= 1e15 {
        return format!("{v:.2e}");
    }
    let s = format!("{v:.decimals$}");
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = body.split_at(body.find('.').unwrap_or(body.len()));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    if neg && out.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.insert(0, '-');
    }
    out
}

/// A value as a label: whole numbers plain, others to at most two decimals.
fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 {
        return fmt_num(v, 0);
    }
    let s = fmt_num(v, 2);
    if s.contains('.') && !s.contains('e') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Whether a character takes a full em (CJK ideographs, kana, hangul, full-width forms).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Estimated width of text in pixels.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| if is_wide(c) { size } else { size * 0.6 }).sum()
}

/// The text cut to fit `max` pixels, ending in "…" when cut; line breaks become spaces.
fn fit(s: &str, max: f64, size: f64) -> String {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let s = s.trim();
    if text_width(s, size) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = size; // room for the ellipsis
    for c in s.chars() {
        let cw = if is_wide(c) { size } else { size * 0.6 };
        if w + cw > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// The text split where it passes `max` pixels: the part that fits and the rest.
fn split_at_width(s: &str, max: f64, size: f64) -> (String, String) {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let s = s.trim();
    let mut w = 0.0;
    let cut = s
        .char_indices()
        .find(|&(_, c)| {
            w += if is_wide(c) { size } else { size * 0.6 };
            w > max
        })
        .map_or(s.len(), |(i, _)| i);
    (s[..cut].trim_end().to_string(), s[cut..].trim_start().to_string())
}

/// Text made safe for XML: the five special characters escaped, characters XML 1.0
/// forbids dropped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::events::Event;
    use quick_xml::Reader;

    /// Parse the SVG as XML (failing on any error) and return its text content.
    fn xml_text(svg: &str) -> String {
        let mut reader = Reader::from_str(svg);
        let mut text = String::new();
        let mut depth = 0i32;
        let mut root_seen = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => {
                    if depth == 0 {
                        assert_eq!(e.name().as_ref(), b"svg", "root element");
                        assert!(!root_seen, "one root element");
                        root_seen = true;
                    }
                    for a in e.attributes() {
                        a.unwrap_or_else(|err| panic!("bad attribute: {err}\n{svg}"));
                    }
                    depth += 1;
                }
                Ok(Event::Empty(e)) => {
                    for a in e.attributes() {
                        a.unwrap_or_else(|err| panic!("bad attribute: {err}\n{svg}"));
                    }
                }
                Ok(Event::End(_)) => depth -= 1,
                Ok(Event::Text(t)) => {
                    text.push_str(&t.unescape().unwrap_or_else(|err| panic!("bad text: {err}\n{svg}")));
                    text.push('\n');
                }
                Ok(Event::Eof) => break,
                Ok(_) => {}
                Err(err) => panic!("SVG is not well-formed XML: {err}\n{svg}"),
            }
        }
        assert_eq!(depth, 0, "unclosed elements");
        assert!(root_seen, "no <svg> root");
        assert!(svg.contains(r#"viewBox="0 0 900 "#), "900 wide, any height");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "non-finite coordinate in\n{svg}");
        text
    }

    fn agencies() -> Vec<Series> {
        vec![
            Series {
                name: "北京市人民政府办公厅".into(),
                points: vec![
                    (2019, Some(120.0)),
                    (2020, Some(180.0)),
                    (2021, None),
                    (2022, Some(260.0)),
                    (2023, Some(240.0)),
                ],
            },
            Series {
                name: "上海市规划和自然资源局".into(),
                points: vec![
                    (2019, Some(310.0)),
                    (2020, Some(295.0)),
                    (2021, Some(330.0)),
                    (2022, Some(402.0)),
                    (2023, Some(388.0)),
                ],
            },
            Series {
                name: "广州市住房和城乡建设局".into(),
                points: vec![(2020, Some(55.0)), (2021, Some(70.0)), (2022, Some(f64::NAN)), (2023, Some(91.0))],
            },
        ]
    }

    #[test]
    fn line_chart_is_xml_with_title_legend_and_axes() {
        let svg = line_chart("依申请公开 收到申请数", "件", &agencies());
        let text = xml_text(&svg);
        for want in [
            "依申请公开 收到申请数",
            "件",
            "年份",
            "北京市人民政府办公厅",
            "上海市规划和自然资源局",
            "广州市住房和城乡建设局",
            "2019",
            "2023",
            "虚线",
        ] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
        assert!(svg.contains(FONT));
        // The Beijing line is solid from year to year and dashed across 2021, which has no value.
        assert_eq!(svg.matches(&format!(r#"stroke="{}" stroke-width="2" stroke-linejoin"#, PALETTE[0])).count(), 1);
        assert_eq!(
            svg.matches(&format!(r#"stroke="{}" stroke-width="1.5" stroke-dasharray="4 4""#, PALETTE[0])).count(),
            1
        );
    }

    #[test]
    fn many_series_or_scales_apart_draw_small_multiples_leaving_none_out() {
        let series: Vec<Series> = (0..15)
            .map(|i| Series {
                name: format!("机关{i}"),
                points: vec![(2020, Some(i as f64 + 1.0)), (2021, Some(i as f64 * 2.0 + 1.0))],
            })
            .collect();
        let svg = line_chart("t", "y", &series);
        let text = xml_text(&svg);
        assert!((0..15).all(|i| text.contains(&format!("机关{i}"))), "every series drawn");
        assert!(!text.contains("more") && text.contains("15 个分图"));
        // Two series, one a thousand times the other: a panel each.
        let apart = vec![
            Series { name: "大".into(), points: vec![(2020, Some(5000.0)), (2021, Some(6000.0))] },
            Series { name: "小".into(), points: vec![(2020, Some(3.0)), (2021, Some(4.0))] },
        ];
        assert!(xml_text(&line_chart("t", "y", &apart)).contains("2 个分图"));
        // On a log axis they share one panel, ticks at powers of ten, values ≤ 0 noted.
        let mut with_zero = apart.clone();
        with_zero[1].points.push((2022, Some(0.0)));
        let log = xml_text(&line_chart_with("t", "y", &with_zero, Style { log: true }));
        assert!(!log.contains("分图") && log.contains("1,000") && log.contains("1 个 ≤0 的值未画出"), "{log}");
    }

    #[test]
    fn escapes_and_strips_bad_characters() {
        let evil = "A&B <公司> \"引号\" 'x' \u{1}\u{0}\u{FFFF}end]]>";
        let series = vec![Series { name: evil.into(), points: vec![(2021, Some(1.0)), (2022, Some(2.0))] }];
        for svg in [
            line_chart(evil, evil, &series),
            bar_chart(evil, evil, &[(evil.to_string(), Some(3.0))]),
            grouped_bar_chart(evil, evil, &[evil.to_string()], &[evil.to_string()], &[vec![Some(1.0)]]),
        ] {
            let text = xml_text(&svg);
            assert!(text.contains("A&B <公司> \"引号\" 'x' end]]>"), "{text}");
        }
    }

    #[test]
    fn empty_and_hostile_inputs_do_not_panic() {
        let weird = vec![
            Series { name: String::new(), points: vec![] },
            Series {
                name: "inf".into(),
                points: vec![(i32::MIN, Some(f64::INFINITY)), (i32::MAX, Some(f64::NEG_INFINITY))],
            },
        ];
        for svg in [
            line_chart("", "", &[]),
            line_chart("空", "件", &weird),
            bar_chart("", "", &[]),
            bar_chart("空", "件", &[("a".into(), None), ("b".into(), Some(f64::NAN))]),
            grouped_bar_chart("", "", &[], &[], &[]),
            grouped_bar_chart("空", "件", &["a".into()], &[], &[]),
            grouped_bar_chart("g", "件", &["a".into(), "b".into()], &["2022".into()], &[vec![None, Some(f64::NAN)]]),
        ] {
            assert!(xml_text(&svg).contains(NO_DATA), "{svg}");
        }
        // Extreme but finite values and years.
        let big = vec![Series {
            name: "x".into(),
            points: vec![(i32::MIN, Some(f64::MAX)), (0, Some(-f64::MAX)), (i32::MAX, Some(1e-300))],
        }];
        xml_text(&line_chart("big", "y", &big));
        xml_text(&bar_chart("big", "y", &[("a".into(), Some(f64::MAX)), ("b".into(), Some(f64::MIN_POSITIVE))]));
        xml_text(&bar_chart("same", "y", &[("a".into(), Some(7.0)), ("b".into(), Some(7.0))]));
        xml_text(&line_chart("one", "y", &[Series { name: "x".into(), points: vec![(2022, Some(-3.0))] }]));
    }

    #[test]
    fn bars_handle_negatives_long_labels_and_many_bars() {
        let bars: Vec<(String, Option<f64>)> = vec![
            ("国家税务总局深圳市税务局第一稽查局".into(), Some(-12.5)),
            ("某某自治州人民政府办公室".into(), Some(40.0)),
            ("无数据单位".into(), None),
        ];
        let svg = bar_chart("变化", "件", &bars);
        let text = xml_text(&svg);
        assert!(text.contains("-12.5") && text.contains("40") && text.contains("无数据"));
        // Wide slots wrap long names onto a second line instead of cutting them.
        assert!(text.contains("国家税务总局深圳市税务局") && text.contains("第一稽查局"), "{text}");
        assert!(svg.contains(BAR_NEGATIVE));
        let many: Vec<(String, Option<f64>)> =
            (0..400).map(|i| (format!("第{i}个行政机关的很长很长的名称"), Some(i as f64 - 200.0))).collect();
        let text = xml_text(&bar_chart("多", "件", &many));
        assert!(text.contains('…'));
    }

    #[test]
    fn grouped_bars_show_series_in_legend() {
        let groups = vec!["北京市".to_string(), "上海市".to_string(), "重庆市人民政府办公厅".to_string()];
        let names = vec!["2022年".to_string(), "2023年".to_string()];
        let values = vec![vec![Some(100.0), Some(120.0)], vec![Some(-5.0), None], vec![Some(30.5)]];
        let text = xml_text(&grouped_bar_chart("比较", "件", &groups, &names, &values));
        for want in ["比较", "件", "2022年", "2023年", "北京市", "上海市", "120", "-5"] {
            assert!(text.contains(want), "missing {want:?} in\n{text}");
        }
    }

    #[test]
    fn ticks_are_round() {
        let t = nice_ticks(0.0, 97.0, true);
        assert_eq!(t.values, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        let t = nice_ticks(-35.0, 120.0, true);
        assert_eq!((t.lo, t.hi), (-50.0, 150.0));
        let t = nice_ticks(0.91, 0.99, false);
        assert_eq!(t.decimals, 2);
        assert!(t.lo <= 0.91 && t.hi >= 0.99);
        assert_eq!(fmt_num(1234567.0, 0), "1,234,567");
        assert_eq!(fmt_num(-0.0001, 2), "0.00");
        assert_eq!(fmt_num(-1234.5, 1), "-1,234.5");
        assert_eq!(fmt_value(12.50), "12.5");
        assert_eq!(fit("国家税务总局深圳市税务局", 60.0, 12.0), "国家税务…");
    }

    /// Render with rsvg-convert to prove the charts draw. CI installs it
    /// (`apt-get install librsvg2-bin fonts-noto-cjk`). Set XXGK_CHART_DIR to keep the
    /// SVG and PNG files for a look.
    #[test]
    fn charts_render_to_png() {
        // The test font (a subset of Noto Sans CJK SC, tests/fixtures/fonts/) is the only
        // font: the pixels do not depend on what the machine has installed.
        let font = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/fonts/xxgk-test-sans.otf");
        let fonts = || {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_font_file(font).unwrap_or_else(|e| panic!("{font}: {e}"));
            db.set_sans_serif_family("XXGK Test Sans");
            db
        };
        let tmp = tempfile::tempdir().unwrap();
        let dir = std::env::var_os("XXGK_CHART_DIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| tmp.path().to_path_buf());
        std::fs::create_dir_all(&dir).unwrap();
        let ranks: Vec<(String, Option<f64>)> = [
            ("上海市规划和自然资源局", Some(402.0)),
            ("北京市人民政府办公厅", Some(260.0)),
            ("广州市住房和城乡建设局", Some(91.0)),
            ("国家税务总局深圳市税务局第一稽查局", Some(-12.0)),
            ("某某县人民政府", None),
        ]
        .into_iter()
        .map(|(n, v)| (n.to_string(), v))
        .collect();
        let charts = [
            ("line", line_chart("依申请公开：本年新收政府信息公开申请数量", "件", &agencies())),
            ("bar", bar_chart("2023年 收到申请数 排名", "件", &ranks)),
            (
                "grouped",
                grouped_bar_chart(
                    "2022年与2023年比较",
                    "件",
                    &ranks.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>(),
                    &["2022年".into(), "2023年".into()],
                    &[
                        vec![Some(388.0), Some(402.0)],
                        vec![Some(240.0), Some(260.0)],
                        vec![Some(70.0), Some(91.0)],
                        vec![Some(3.0), Some(-12.0)],
                        vec![None, Some(5.0)],
                    ],
                ),
            ),
        ];
        // Crowded cases: many ranked agencies, many lines over many years.
        let crowd: Vec<(String, Option<f64>)> =
            (0..40).map(|i| (format!("第{i}区人民政府办公室信息公开科"), Some(1000.0 - i as f64 * 30.0))).collect();
        let lines: Vec<Series> = (0..14)
            .map(|i| Series {
                name: format!(
                    "{}市人民政府",
                    [
                        "北京", "天津", "上海", "重庆", "广州", "深圳", "成都", "武汉", "西安", "南京", "杭州", "长沙",
                        "郑州", "济南"
                    ][i]
                ),
                points: (2008..=2023)
                    .map(|y| (y, (y % 7 != i as i32 % 7).then(|| 0.05 * i as f64 + (y - 2008) as f64 * 0.01)))
                    .collect(),
            })
            .collect();
        let charts = charts.into_iter().chain([
            ("crowded-bar", bar_chart("排名（40 个机关）", "件", &crowd)),
            ("crowded-line", line_chart("复议纠错率", "比例", &lines)),
        ]);
        for (name, svg) in charts {
            let png = super::super::png::render(&svg, fonts(), 1.0).unwrap_or_else(|e| panic!("{name}: {e:#}"));
            std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
            let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
            assert!(pixmap.width() == WIDTH as u32 && pixmap.height() >= HEIGHT as u32, "{name}");
            // The title is drawn: dark pixels in the band at the top, where nothing else is.
            let title = dark_pixels(&pixmap, 0, 40);
            assert!(title > 150, "{name}: the title band has only {title} dark pixels");
            // And the plot is drawn below it (axes, bars or lines, labels).
            let body = dark_pixels(&pixmap, 40, HEIGHT as u32);
            assert!(body > 2000, "{name}: the body has only {body} dark pixels");
        }
    }

    /// Pixels darker than light grey in rows `from..to`.
    fn dark_pixels(p: &resvg::tiny_skia::Pixmap, from: u32, to: u32) -> usize {
        (from..to.min(p.height()))
            .flat_map(|y| (0..p.width()).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                p.pixel(x, y).is_some_and(|c| u32::from(c.red()) + u32::from(c.green()) + u32::from(c.blue()) < 3 * 160)
            })
            .count()
    }

    #[test]
    fn chinese_text_needs_a_font_with_its_glyphs() {
        // The pixel check above can fail: the same Chinese title with no font draws nothing.
        let svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="40" font-family="{FONT}"><text x="10" y="30" font-size="24">依申请公开</text></svg>"#
        );
        let font = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/fonts/xxgk-test-sans.otf");
        let mut with = resvg::usvg::fontdb::Database::new();
        with.load_font_file(font).unwrap();
        with.set_sans_serif_family("XXGK Test Sans");
        let drawn = resvg::tiny_skia::Pixmap::decode_png(&super::super::png::render(&svg, with, 1.0).unwrap()).unwrap();
        let blank =
            resvg::tiny_skia::Pixmap::decode_png(&super::super::png::render(&svg, Default::default(), 1.0).unwrap())
                .unwrap();
        assert!(dark_pixels(&drawn, 0, 40) > 150, "{}", dark_pixels(&drawn, 0, 40));
        assert_eq!(dark_pixels(&blank, 0, 40), 0);
    }
}
