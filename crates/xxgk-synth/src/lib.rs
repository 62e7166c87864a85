//! Synthetic annual reports with exact gold files: a development tool for scale tests.
//!
//! [`generate`] makes realistic 政府信息公开工作年度报告 for invented-but-plausible
//! agencies (real prefecture and county names combined with agency kinds), several
//! consecutive years each, in plain text (the DOCX-to-text layout of the 淄博 seed
//! report), HTML (a portal page with merged cells) and DOCX (a minimal WordprocessingML
//! archive). Every report comes with its gold: exactly the cells it prints, in the
//! format of the corpus gold files (`../shared/corpus/gold/*.json`).
//!
//! The numbers obey the template's arithmetic (R1–R4 inside a report, R5 across years:
//! carried_over(N) = carry_forward(N−1)), and the layout varies the way published
//! reports do, chosen by a seeded RNG: blank cells, zeros printed as blanks, a 总计
//! column left blank on detail rows, n.a. marks, label typos and variants, labels split
//! over `<span>`s or runs, GBK pages with and without a charset, titles in several forms,
//! the mixed template (2021 table 二 with the 2019 single-row （六）其他处理), and prose
//! restating the figures with the change against last year.
//!
//! Output depends only on the [`Options`]: the same seed gives the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde_json::{json, Value};
use xxgk_core::template::{Table, Version};

/// A small deterministic RNG (SplitMix64): enough for test data, no crate needed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn with the given weights (the last index if all weights are 0).
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let sum: f64 = weights.iter().sum();
        let mut x = self.unit() * sum;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len().saturating_sub(1)
    }

    /// A roughly log-uniform integer in `lo..=hi` (most small, some large).
    pub fn log_range(&mut self, lo: i64, hi: i64) -> i64 {
        let (a, b) = ((lo.max(0) + 1) as f64, (hi.max(lo) + 1) as f64);
        let v = (a.ln() + self.unit() * (b.ln() - a.ln())).exp() - 1.0;
        (v.round() as i64).clamp(lo, hi)
    }
}

/// The formats the generator writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The DOCX-to-text layout: cells are lines starting with TAB, a blank line ends a row.
    Txt,
    /// A portal page with one `<table>` per statistics table.
    Html,
    /// A minimal WordprocessingML archive with `w:tbl`, `w:gridSpan` and `w:vMerge`.
    Docx,
    /// Text copied from a web page: one table cell per line, empty cells as empty lines
    /// (half the reports) or gone.
    Lines,
    /// Markdown: tables as pipe rows, merged cells left empty.
    Md,
    /// Rows of cells separated by single spaces; empty cells gone.
    Spaces,
    /// Text laid out by spaces, as `pdftotext -layout` prints a table: cells in columns.
    Layout,
    /// Rich Text Format as Word and WPS write it (GBK bytes as `\'hh` in a 宋体 font of
    /// `\fcharset134`) or as LibreOffice does (`\uN\'3f`); merged cells by wider
    /// `\cellx` edges or `\clmgf`/`\clmrg`, and `\clvmgf`/`\clvmrg`.
    Rtf,
    /// OFD (GB/T 33190): pages of text objects placed in millimetres, tables drawn as
    /// cells at their places (no grid in the file), written one object per cell or one
    /// per character through a points-to-millimetres CTM, as producers do.
    Ofd,
    /// A crawler's text of a web page: the body in one line, each table's cells one after
    /// another with nothing between them (now and then a space), empty cells gone. Not in
    /// [`Format::ALL`]: `--formats flat`.
    Flat,
}

impl Format {
    /// Every format, for `--formats all`.
    pub const ALL: [Format; 9] = [
        Format::Txt,
        Format::Html,
        Format::Docx,
        Format::Lines,
        Format::Md,
        Format::Spaces,
        Format::Layout,
        Format::Rtf,
        Format::Ofd,
    ];

    /// Parse `txt`, `html`, `docx`, `lines`, `md`, `spaces`, `layout`, `rtf` or `ofd`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "lines" => Some(Format::Lines),
            "md" | "markdown" => Some(Format::Md),
            "spaces" => Some(Format::Spaces),
            "layout" => Some(Format::Layout),
            "rtf" => Some(Format::Rtf),
            "ofd" => Some(Format::Ofd),
            "flat" => Some(Format::Flat),
            _ => None,
        }
    }

    /// Does the format keep every table cell where it stands (so every gold cell must be
    /// read), or may it lose empty cells without a trace (so a cell may stay missing, but
    /// never be wrong)?
    pub fn keeps_cells(self) -> bool {
        matches!(self, Format::Txt | Format::Html | Format::Docx | Format::Md | Format::Rtf)
    }

    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Lines => "lines.txt",
            Format::Md => "md",
            Format::Spaces => "spaces.txt",
            Format::Layout => "layout.txt",
            Format::Rtf => "rtf",
            Format::Ofd => "ofd",
            Format::Flat => "flat.txt",
        }
    }

    /// The name xxgk stores for it (`reports.source_format`).
    pub fn source_name(self) -> &'static str {
        match self {
            Format::Txt | Format::Lines | Format::Md | Format::Spaces | Format::Layout | Format::Flat => "text",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Rtf => "rtf",
            Format::Ofd => "ofd",
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// How many reports in all.
    pub reports: usize,
    /// The formats, used in turn (report `i` gets `formats[i % len]`).
    pub formats: Vec<Format>,
    /// The RNG seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { reports: 10, formats: vec![Format::Txt, Format::Html, Format::Docx], seed: 1 }
    }
}

/// One generated report: its bytes and its gold.
#[derive(Clone, Debug)]
pub struct Generated {
    /// File stem, unique within one generation (`synth-00042`).
    pub stem: String,
    pub format: Format,
    pub agency: String,
    pub year: i32,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The gold: `{source, agency, year, versions, notes, prose, cells}` as in the corpus.
    pub gold: Value,
}

impl Generated {
    /// The report's file name (`synth-00042.html`).
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.stem, self.format.ext())
    }
}

/// Generate `opts.reports` reports.
pub fn generate(opts: &Options) -> Vec<Generated> {
    let mut out = Vec::with_capacity(opts.reports);
    for_each(opts, |g| {
        out.push(g);
        Ok(())
    })
    .expect("collecting cannot fail");
    out
}

/// Generate `opts.reports` reports one at a time, handing each to `f` (memory stays flat
/// however many are made).
pub fn for_each(opts: &Options, mut f: impl FnMut(Generated) -> Result<()>) -> Result<()> {
    let formats = if opts.formats.is_empty() { vec![Format::Txt] } else { opts.formats.clone() };
    let mut rng = Rng::new(opts.seed);
    let pool = agency_pool(&mut rng);
    let mut series_no = 0usize;
    let mut made = 0usize;
    while made < opts.reports {
        let (name, kind) = match pool.get(series_no) {
            Some((n, k)) => (n.clone(), *k),
            None => {
                // More series than names: branch offices keep names unique.
                let (n, k) = &pool[series_no % pool.len()];
                (format!("{n}第{}分局", chinese_number(series_no / pool.len() + 1)), *k)
            }
        };
        series_no += 1;
        let mut series = Series::new(name, kind, &mut rng);
        for year in series.years.clone() {
            if made >= opts.reports {
                break;
            }
            let format = formats[made % formats.len()];
            let stem = format!("synth-{made:05}");
            f(series.report(year, format, stem, &mut rng))?;
            made += 1;
        }
    }
    Ok(())
}

/// Generate and write: reports to `dir/reports/NAME.ext`, gold to `dir/gold/NAME.json`.
/// Returns the report paths.
pub fn write(opts: &Options, dir: &Path) -> Result<Vec<PathBuf>> {
    let reports_dir = dir.join("reports");
    let gold_dir = dir.join("gold");
    for d in [&reports_dir, &gold_dir] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let mut paths = Vec::new();
    for_each(opts, |g| {
        let path = reports_dir.join(g.file_name());
        std::fs::write(&path, &g.bytes).with_context(|| format!("cannot write {}", path.display()))?;
        let gold_path = gold_dir.join(format!("{}.json", g.stem));
        let text = serde_json::to_string_pretty(&g.gold)?;
        std::fs::write(&gold_path, text).with_context(|| format!("cannot write {}", gold_path.display()))?;
        paths.push(path);
        Ok(())
    })?;
    Ok(paths)
}

/// Parse a comma-separated format list (`txt,html,docx`).
pub fn parse_formats(s: &str) -> Result<Vec<Format>> {
    let mut out = Vec::new();
    for part in s.split(',').filter(|p| !p.trim().is_empty()) {
        match Format::parse(part) {
            Some(f) => out.push(f),
            None if part.trim() == "all" => out.extend(Format::ALL),
            None => {
                bail!("unknown format {part:?}: use txt, html, docx, lines, md, spaces, layout, rtf, ofd, flat or all")
            }
        }
    }
    if out.is_empty() {
        bail!("no format given");
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// Agencies

/// (province, place) — real prefectures, districts and counties.
const PLACES: &[(&str, &str)] = &[
    ("山东省", "淄博市"),
    ("山东省", "济南市"),
    ("山东省", "济南市历下区"),
    ("山东省", "青岛市"),
    ("山东省", "青岛市黄岛区"),
    ("山东省", "烟台市"),
    ("山东省", "潍坊市"),
    ("山东省", "临沂市"),
    ("山东省", "淄博市张店区"),
    ("山东省", "淄博市临淄区"),
    ("山东省", "曲阜市"),
    ("山东省", "寿光市"),
    ("江苏省", "南京市"),
    ("江苏省", "苏州市"),
    ("江苏省", "无锡市"),
    ("江苏省", "徐州市"),
    ("江苏省", "淮安市"),
    ("江苏省", "淮安市洪泽区"),
    ("江苏省", "宿迁市"),
    ("江苏省", "沭阳县"),
    ("江苏省", "泗阳县"),
    ("江苏省", "南京市鼓楼区"),
    ("江苏省", "盐城市"),
    ("江苏省", "扬州市"),
    ("浙江省", "杭州市"),
    ("浙江省", "宁波市"),
    ("浙江省", "温州市"),
    ("浙江省", "杭州市西湖区"),
    ("浙江省", "绍兴市"),
    ("浙江省", "金华市"),
    ("浙江省", "义乌市"),
    ("浙江省", "安吉县"),
    ("福建省", "福州市"),
    ("福建省", "厦门市"),
    ("福建省", "泉州市"),
    ("福建省", "晋江市"),
    ("广东省", "广州市"),
    ("广东省", "深圳市"),
    ("广东省", "佛山市"),
    ("广东省", "东莞市"),
    ("广东省", "广州市天河区"),
    ("广东省", "深圳市南山区"),
    ("河南省", "郑州市"),
    ("河南省", "洛阳市"),
    ("河南省", "开封市"),
    ("河南省", "郑州市金水区"),
    ("河南省", "兰考县"),
    ("四川省", "成都市"),
    ("四川省", "绵阳市"),
    ("四川省", "成都市武侯区"),
    ("四川省", "宜宾市"),
    ("湖北省", "武汉市"),
    ("湖北省", "宜昌市"),
    ("湖北省", "襄阳市"),
    ("湖北省", "武汉市洪山区"),
    ("湖南省", "长沙市"),
    ("湖南省", "株洲市"),
    ("湖南省", "长沙市岳麓区"),
    ("湖南省", "浏阳市"),
    ("安徽省", "合肥市"),
    ("安徽省", "芜湖市"),
    ("安徽省", "合肥市蜀山区"),
    ("河北省", "石家庄市"),
    ("河北省", "保定市"),
    ("河北省", "唐山市"),
    ("河北省", "正定县"),
    ("陕西省", "西安市"),
    ("陕西省", "宝鸡市"),
    ("陕西省", "西安市雁塔区"),
    ("上海市", "上海市浦东新区"),
    ("上海市", "上海市徐汇区"),
    ("北京市", "北京市海淀区"),
    ("北京市", "北京市朝阳区"),
];

/// Kinds of agency, by the suffix of their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Government,
    GovOffice,
    Police,
    Market,
    Department,
    Street,
    Town,
}

const DEPARTMENTS: &[&str] = &[
    "教育局",
    "发展和改革局",
    "财政局",
    "民政局",
    "自然资源和规划局",
    "生态环境局",
    "住房和城乡建设局",
    "交通运输局",
    "卫生健康委员会",
    "人力资源和社会保障局",
    "农业农村局",
    "应急管理局",
    "司法局",
    "文化和旅游局",
    "水利局",
    "审计局",
    "统计局",
    "医疗保障局",
    "退役军人事务局",
    "商务局",
];
const STREETS: &[&str] = &["泉城路", "解放路", "文化路", "人民路", "东关", "府前", "新华", "北苑"];
const TOWNS: &[&str] = &["钱集", "马厂", "高墟", "龙庙", "三河", "岔河", "西湖", "东城"];

/// Every agency name, shuffled: places × kinds, and streets and towns of districts and counties.
fn agency_pool(rng: &mut Rng) -> Vec<(String, Kind)> {
    let mut pool = Vec::new();
    for (i, (_, place)) in PLACES.iter().enumerate() {
        pool.push((format!("{place}人民政府"), Kind::Government));
        pool.push((format!("{place}人民政府办公室"), Kind::GovOffice));
        pool.push((format!("{place}公安局"), Kind::Police));
        pool.push((format!("{place}市场监督管理局"), Kind::Market));
        for d in DEPARTMENTS {
            pool.push((format!("{place}{d}"), Kind::Department));
        }
        if place.ends_with('区') {
            pool.push((format!("{place}{}街道办事处", STREETS[i % STREETS.len()]), Kind::Street));
        }
        if place.ends_with('县') || place.ends_with('区') {
            pool.push((format!("{place}{}镇人民政府", TOWNS[i % TOWNS.len()]), Kind::Town));
        }
    }
    for i in (1..pool.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        pool.swap(i, j);
    }
    pool
}

fn chinese_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[n - 10] }),
        20..=99 => format!("{}十{}", D[n / 10], if n % 10 == 0 { "" } else { D[n % 10] }),
        _ => n.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Numbers

/// Table 三 result rows, in printed order, with the weights they get.
const RESULTS_2021: &[(&str, f64)] = &[
    ("granted", 40.0),
    ("partial", 8.0),
    ("deny_state_secret", 0.5),
    ("deny_law_forbidden", 1.5),
    ("deny_security_stability", 0.5),
    ("deny_third_party", 1.5),
    ("deny_internal_affairs", 1.0),
    ("deny_process_info", 1.5),
    ("deny_enforcement_file", 1.0),
    ("deny_admin_query", 1.0),
    ("unable_not_held", 25.0),
    ("unable_need_creation", 4.0),
    ("unable_unclear", 2.0),
    ("noproc_petition", 4.0),
    ("noproc_repeat", 2.0),
    ("noproc_publication", 0.5),
    ("noproc_mass_repeat", 1.0),
    ("noproc_confirm", 0.5),
    ("other_no_correction", 2.0),
    ("other_no_fee", 0.3),
    ("other_other", 3.0),
];

/// Split `total` over `weights`: unit by unit when small, proportionally with jitter when large.
fn split(total: i64, weights: &[f64], rng: &mut Rng) -> Vec<i64> {
    let mut out = vec![0i64; weights.len()];
    if total <= 0 || weights.is_empty() {
        return out;
    }
    if total <= 300 {
        for _ in 0..total {
            out[rng.weighted(weights)] += 1;
        }
        return out;
    }
    let jittered: Vec<f64> = weights.iter().map(|w| w * (0.5 + rng.unit())).collect();
    let sum: f64 = jittered.iter().sum();
    let mut used = 0;
    for (o, w) in out.iter_mut().zip(&jittered) {
        *o = ((total as f64) * w / sum).floor() as i64;
        used += *o;
    }
    for _ in used..total {
        out[rng.weighted(weights)] += 1;
    }
    out
}

/// An agency followed over consecutive years.
struct Series {
    agency: String,
    kind: Kind,
    years: Vec<i32>,
    /// Typical applications per year.
    scale: i64,
    /// Typical permits / penalties per year.
    enforcement: i64,
    /// Prints the 2021 table 二 with the 2019 single-row （六） (洪泽区 2023, 2024).
    mixed: bool,
    /// Last year's carry_forward, per applicant column (the six, no total).
    carry: Option<[i64; 6]>,
    /// Last year's new_received total.
    prev_new: Option<i64>,
    /// 2021 stock of rules and normative documents in force.
    in_force: [i64; 2],
    /// 2019 item counts: licensing, other services, penalty, coercion, fees.
    items: [i64; 5],
}

impl Series {
    fn new(agency: String, kind: Kind, rng: &mut Rng) -> Series {
        let n_years = [1usize, 2, 3, 3, 4, 4, 5, 5, 6, 6, 6][rng.below(11) as usize];
        let start = 2019 + rng.below((6 - n_years + 1) as u64) as i32;
        let size = rng.weighted(&[60.0, 30.0, 10.0]);
        let scale = match (size, kind) {
            (_, Kind::Street | Kind::Town) => rng.range(0, 12),
            (0, _) => rng.log_range(0, 50),
            (1, _) => rng.log_range(40, 500),
            _ => rng.log_range(400, 5000),
        };
        let enforcement = match kind {
            Kind::Police | Kind::Market => rng.log_range(200, 40_000),
            Kind::Government | Kind::Department => rng.log_range(0, 8_000),
            _ => rng.log_range(0, 300),
        };
        Series {
            agency,
            kind,
            years: (start..start + n_years as i32).collect(),
            scale,
            enforcement,
            mixed: rng.chance(0.08),
            carry: None,
            prev_new: None,
            in_force: [rng.range(0, 30), rng.log_range(0, 400)],
            items: [rng.range(0, 300), rng.range(0, 80), rng.range(0, 200), rng.range(0, 30), rng.range(0, 20)],
        }
    }

    /// One year's report, advancing the series' carried state.
    fn report(&mut self, year: i32, format: Format, stem: String, rng: &mut Rng) -> Generated {
        let v2021 = year >= 2021;
        let pro_version = if v2021 { "2021" } else { "2019" };
        let app_version = if v2021 && !self.mixed { "2021" } else { "2019" };
        let style = Style::draw(rng, format);
        let mut notes: Vec<String> = style.describe();
        if v2021 && self.mixed {
            notes.push("mixed template: 2021 table 二 with the 2019 single-row （六）其他处理".into());
        }

        // Table 三: applications.
        let new_total = ((self.scale as f64) * (0.6 + 0.8 * rng.unit())).round() as i64;
        let col_weights = [80.0, 12.0, 1.0, 2.0, 3.0, 2.0];
        let new = split(new_total, &col_weights, rng);
        let carried: [i64; 6] = match self.carry {
            Some(c) => c,
            None => {
                let n = if rng.chance(0.4) { rng.range(0, (self.scale / 10).max(1)) } else { 0 };
                let s = split(n, &col_weights, rng);
                [s[0], s[1], s[2], s[3], s[4], s[5]]
            }
        };
        let result_rows: Vec<(&str, f64)> = if app_version == "2021" {
            RESULTS_2021.to_vec()
        } else {
            let mut r: Vec<(&str, f64)> = RESULTS_2021[..18].to_vec();
            r.push(("other", 5.0));
            r
        };
        let weights: Vec<f64> = result_rows.iter().map(|r| r.1).collect();
        let mut results = vec![[0i64; 6]; result_rows.len()];
        let mut forward = [0i64; 6];
        for c in 0..6 {
            let avail = new[c] + carried[c];
            forward[c] = if avail > 0 && rng.chance(0.35) { rng.range(0, avail / 6 + 1).min(avail) } else { 0 };
            for (r, v) in split(avail - forward[c], &weights, rng).into_iter().enumerate() {
                results[r][c] = v;
            }
        }
        let prev_new = self.prev_new;
        self.carry = Some(forward);
        self.prev_new = Some(new_total);

        let mut b = Builder { style: &style, rng, cells: Vec::new() };
        let proactive = b.proactive(self, v2021);
        let applications = b.applications(app_version, &new, &carried, &result_rows, &results, &forward);
        let appeals_values = appeals_numbers(self.scale, b.rng);
        let appeals = b.appeals(&appeals_values);
        let Builder { cells, rng, .. } = b;

        // Prose.
        let title = title_lines(&self.agency, year, &style);
        let granted: i64 = results[0].iter().sum();
        let partial: i64 = results[1].iter().sum();
        let unable: i64 = result_rows
            .iter()
            .zip(&results)
            .filter(|(r, _)| {
                Table::Applications.def().row(r.0).is_some_and(|row| row.family == xxgk_core::template::Family::Unable)
            })
            .map(|(_, v)| v.iter().sum::<i64>())
            .sum();
        let reviews: i64 = appeals_values[0][..4].iter().sum();
        let suits: i64 = appeals_values[1][..4].iter().sum::<i64>() + appeals_values[2][..4].iter().sum::<i64>();
        let (applications_sentence, change_pct) =
            applications_sentence(year, new_total, prev_new, granted, partial, unable, rng);
        let doc = Doc {
            title,
            intro: vec![
                "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和国务院办公厅政府信息公开办公室有关要求编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。".to_string(),
            ]
            .into_iter()
            .chain(style.period.then(|| format!("本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。本报告的电子版可在{}门户网站下载。", site_name(&self.agency))))
            .collect(),
            overview: vec![
                "一、总体情况".to_string(),
                format!("{year}年，{}深入贯彻落实《条例》，坚持以公开为常态、不公开为例外，持续提升政府信息公开工作质量。", self.agency),
                "（一）依申请公开情况。".to_string(),
                applications_sentence,
                if reviews == 0 && rng.chance(0.5) {
                    "全年未发生政府信息公开行政复议案件。".to_string()
                } else {
                    format!("全年发生政府信息公开行政复议{reviews}件，行政诉讼{suits}件。")
                },
            ],
            proactive,
            applications,
            appeals,
        };
        let site = site_name(&self.agency);
        let bytes = match format {
            Format::Txt => render_txt(&doc).into_bytes(),
            Format::Html => render_html(&doc, &site, year, &style, rng),
            Format::Docx => render_docx(&doc, &style, rng),
            Format::Lines => render_lines(&doc, rng.chance(0.5)).into_bytes(),
            Format::Md => render_md(&doc).into_bytes(),
            Format::Spaces => render_spaces(&doc).into_bytes(),
            Format::Layout => render_layout(&doc).into_bytes(),
            Format::Rtf => render_rtf(&doc, &style, rng),
            Format::Ofd => render_ofd(&doc, rng),
            Format::Flat => render_flat(&doc, rng).into_bytes(),
        };
        let gold = json!({
            "source": {
                "file": format!("reports/{stem}.{}", format.ext()),
                "sha256": xxgk_core::parse::sha256_hex(&bytes),
                "format": format.source_name(),
            },
            "agency": self.agency,
            "year": year,
            "versions": {"proactive": pro_version, "applications": app_version, "appeals": "2019/2021"},
            "notes": notes,
            "prose": {"new_received": new_total, "change_pct": change_pct},
            "cells": cells.iter().map(Printed::to_json).collect::<Vec<_>>(),
        });
        Generated { stem, format, agency: self.agency.clone(), year, bytes, gold }
    }
}

/// Table 四 values: rows review, suit_direct, suit_after_review; columns upheld, corrected,
/// other, pending, total.
fn appeals_numbers(scale: i64, rng: &mut Rng) -> [[i64; 5]; 3] {
    let mut out = [[0i64; 5]; 3];
    for (i, row) in out.iter_mut().enumerate() {
        let base = (scale / [40, 80, 120][i]).max(1);
        let n = if rng.chance(0.5) { rng.range(0, base) } else { 0 };
        let parts = split(n, &[6.0, 1.0, 2.0, 1.0], rng);
        row[..4].copy_from_slice(&parts);
        row[4] = n;
    }
    out
}

/// The 共收到…申请N件 sentence, and the change in percent it states (if any).
fn applications_sentence(
    year: i32,
    new_total: i64,
    prev: Option<i64>,
    granted: i64,
    partial: i64,
    unable: i64,
    rng: &mut Rng,
) -> (String, Option<f64>) {
    if new_total == 0 && rng.chance(0.5) {
        return (format!("{year}年，本机关未收到政府信息公开申请。"), None);
    }
    let mut s = format!("{year}年，本机关共收到政府信息公开申请{new_total}件");
    let mut pct = None;
    if let Some(p) = prev.filter(|p| *p > 0) {
        if p == new_total {
            s.push_str("，与上年持平");
            pct = Some(0.0);
        } else {
            let change = ((new_total - p) as f64 / p as f64 * 1000.0).round() / 10.0;
            let word = if change >= 0.0 { "上升" } else { "下降" };
            let shown = trim_decimal(change.abs());
            let _ = write!(s, "，较上年{word}{shown}%");
            pct = Some(change);
        }
    }
    let _ = write!(s, "。其中，予以公开{granted}件，部分公开{partial}件，无法提供{unable}件。");
    (s, pct)
}

fn trim_decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn site_name(agency: &str) -> String {
    let place = PLACES.iter().map(|p| p.1).filter(|p| agency.starts_with(p)).max_by_key(|p| p.len()).unwrap_or("某市");
    format!("{place}人民政府")
}

// ---------------------------------------------------------------------------
// Layout quirks

/// The layout choices of one report.
#[derive(Clone, Debug)]
struct Style {
    /// Zeros of tables 三 and 四 printed as empty cells.
    zeros_blank: bool,
    /// The 总计 column of table 三 left blank on the result rows (上海 2019).
    detail_total_blank: bool,
    /// Chance that a zero of tables 三 / 四 is printed as an n.a. mark.
    na_scatter: f64,
    na_mark: &'static str,
    /// Large numbers with `,` thousands separators.
    thousands: bool,
    /// Separator after item numbers: `.`, `．` or `、`.
    num_sep: &'static str,
    /// 2.其他法律行政止公开 (a real typo).
    typo_law: bool,
    /// （二）部分公开 without its parenthesis; 1.逾期不补正 and the like.
    short_labels: bool,
    /// The vertical 三、本年度办理结果 cell one character per line.
    vertical_group: bool,
    /// 0: {机关}{Y}年…, 1: {Y}年{机关}…, 2: {Y}年度{机关}…, 3: {机关}{Y}年度…, 4: no year.
    title_form: u8,
    /// The title split over two lines (agency / year and the rest).
    title_split: bool,
    /// The 统计期限 sentence is printed.
    period: bool,
    /// HTML: labels and numbers split over `<span>`s; DOCX: over runs.
    split_runs: bool,
    /// HTML: 0 UTF-8, 1 GBK with a meta charset, 2 GBK without one.
    gbk: u8,
    /// HTML: empty cells as `&nbsp;`.
    nbsp: bool,
    /// Some numbers printed with full-width digits (１２).
    fullwidth: bool,
    /// HTML: numbers padded with `&nbsp;` and spaces inside their cell.
    padded: bool,
    /// HTML: header cells as `<th>`.
    th: bool,
    /// Table 二 as one table per 第二十条 block (HTML and DOCX).
    split_proactive: bool,
    /// An extra province row in table 二 (湖北 2020: 其他主动公开文件).
    extra_row: bool,
}

impl Style {
    fn draw(rng: &mut Rng, format: Format) -> Style {
        let title_form = rng.weighted(&[40.0, 25.0, 10.0, 15.0, 10.0]) as u8;
        Style {
            zeros_blank: rng.chance(0.1),
            detail_total_blank: rng.chance(0.08),
            na_scatter: if rng.chance(0.12) { 0.3 } else { 0.0 },
            na_mark: ["/", "—", "－", "-", "——", "无"][rng.below(6) as usize],
            thousands: rng.chance(0.15),
            num_sep: [".", ".", "．", "、"][rng.below(4) as usize],
            typo_law: rng.chance(0.15),
            short_labels: rng.chance(0.2),
            vertical_group: rng.chance(0.2),
            title_form,
            title_split: rng.chance(0.15),
            period: title_form == 4 || rng.chance(0.7),
            split_runs: format != Format::Txt && rng.chance(0.5),
            gbk: if format == Format::Html { rng.weighted(&[60.0, 25.0, 15.0]) as u8 } else { 0 },
            nbsp: rng.chance(0.5),
            fullwidth: rng.chance(0.05),
            padded: format == Format::Html && rng.chance(0.2),
            th: format == Format::Html && rng.chance(0.3),
            split_proactive: format != Format::Txt && rng.chance(0.25),
            extra_row: rng.chance(0.05),
        }
    }

    fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        let flags = [
            (self.zeros_blank, "zeros of tables 三 and 四 printed as blanks"),
            (self.detail_total_blank, "table 三 总计 column blank on the result rows"),
            (self.na_scatter > 0.0, "some zeros printed as n.a. marks"),
            (self.thousands, "thousands separators"),
            (self.typo_law, "label typo 2.其他法律行政止公开"),
            (self.short_labels, "shortened labels"),
            (self.vertical_group, "vertical group label one character per line"),
            (self.title_split, "title split over two lines"),
            (self.split_runs, "labels and numbers split over spans / runs"),
            (self.fullwidth, "some full-width digits"),
            (self.padded, "numbers padded with spaces in their cells"),
            (self.th, "header cells as <th>"),
            (self.split_proactive, "table 二 as one table per block"),
            (self.extra_row, "extra table 二 row 其他主动公开文件"),
        ];
        for (on, what) in flags {
            if on {
                out.push(what.to_string());
            }
        }
        match self.gbk {
            1 => out.push("GBK page with a meta charset".into()),
            2 => out.push("GBK page without a charset".into()),
            _ => {}
        }
        out
    }
}

fn title_lines(agency: &str, year: i32, style: &Style) -> Vec<String> {
    const TAIL: &str = "政府信息公开工作年度报告";
    let (a, b) = match style.title_form {
        0 => (agency.to_string(), format!("{year}年{TAIL}")),
        1 => (format!("{year}年{agency}"), TAIL.to_string()),
        2 => (format!("{year}年度{agency}"), TAIL.to_string()),
        3 => (agency.to_string(), format!("{year}年度{TAIL}")),
        _ => (agency.to_string(), TAIL.to_string()),
    };
    // Only the agency-first forms split where real titles do (淮安市人民政府 / 2024 年…).
    if style.title_split && matches!(style.title_form, 0 | 3) {
        vec![a, b]
    } else {
        vec![format!("{a}{b}")]
    }
}

// ---------------------------------------------------------------------------
// Cells and grids

/// One printed statistics cell and its gold.
#[derive(Clone, Debug)]
struct Printed {
    tbl: Table,
    row: &'static str,
    col: &'static str,
    raw: String,
    state: &'static str,
    value: Option<f64>,
    unit: Option<&'static str>,
}

impl Printed {
    fn to_json(&self) -> Value {
        let mut v = json!({
            "tbl": self.tbl.key(), "row": self.row, "col": self.col,
            "raw": self.raw, "state": self.state, "value": self.value,
        });
        if let Some(u) = self.unit {
            v["unit"] = json!(u);
        }
        v
    }
}

/// A grid position of a layout table.
#[derive(Clone, Debug)]
enum G {
    /// A cell as written: text (`\n` = line break), spans.
    /// `value`: a statistics cell rather than a label.
    Own { text: String, colspan: usize, rowspan: usize, value: bool },
    /// A position covered by a `rowspan` from above (a `vMerge` continuation).
    Cont { colspan: usize },
}

fn own(text: impl Into<String>) -> G {
    G::Own { text: text.into(), colspan: 1, rowspan: 1, value: false }
}
fn span(text: impl Into<String>, colspan: usize, rowspan: usize) -> G {
    G::Own { text: text.into(), colspan, rowspan, value: false }
}
fn val(text: impl Into<String>, colspan: usize) -> G {
    G::Own { text: text.into(), colspan, rowspan: 1, value: true }
}
fn cont(colspan: usize) -> G {
    G::Cont { colspan }
}

/// A layout table: rows of grid positions, and its grid width.
#[derive(Clone, Debug, Default)]
struct Grid {
    width: usize,
    rows: Vec<Vec<G>>,
    /// Rows that may start a table of their own (the 第二十条 captions).
    breaks: Vec<usize>,
}

/// Builds the three tables and collects their gold cells.
struct Builder<'a> {
    style: &'a Style,
    rng: &'a mut Rng,
    cells: Vec<Printed>,
}

fn with_commas(v: i64) -> String {
    let s = v.abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        tbl: Table,
        row: &'static str,
        col: &'static str,
        raw: String,
        state: &'static str,
        value: Option<f64>,
        unit: Option<&'static str>,
    ) -> String {
        self.cells.push(Printed { tbl, row, col, raw: raw.clone(), state, value, unit });
        raw
    }

    /// An integer cell. `quirks`: zeros may print blank or n.a. (tables 三 and 四).
    fn int(&mut self, tbl: Table, row: &'static str, col: &'static str, v: i64, quirks: bool) -> String {
        if v == 0 && quirks && self.style.zeros_blank {
            return self.record(tbl, row, col, String::new(), "blank", None, None);
        }
        if v == 0 && quirks && self.style.na_scatter > 0.0 && self.rng.chance(self.style.na_scatter) {
            return self.record(tbl, row, col, self.style.na_mark.to_string(), "na", None, None);
        }
        let mut raw = if self.style.thousands && v.abs() >= 1000 { with_commas(v) } else { v.to_string() };
        if self.style.fullwidth && self.rng.chance(0.3) {
            raw =
                raw.chars()
                    .map(|c| {
                        if c.is_ascii_digit() {
                            char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c)
                        } else {
                            c
                        }
                    })
                    .collect();
        }
        self.record(tbl, row, col, raw, "number", Some(v as f64), None)
    }

    fn blank(&mut self, tbl: Table, row: &'static str, col: &'static str) -> String {
        self.record(tbl, row, col, String::new(), "blank", None, None)
    }

    fn na(&mut self, tbl: Table, row: &'static str, col: &'static str, mark: &str) -> String {
        self.record(tbl, row, col, mark.to_string(), "na", None, None)
    }

    /// A decimal amount in hundredths, printed with two decimals or fewer, and `suffix`.
    fn amount(
        &mut self,
        row: &'static str,
        col: &'static str,
        cents: i64,
        suffix: &'static str,
        unit: Option<&'static str>,
    ) -> String {
        let mut text = format!("{}.{:02}", cents / 100, cents % 100);
        if self.rng.chance(0.3) {
            text = text.trim_end_matches('0').trim_end_matches('.').to_string();
        }
        let value: f64 = text.parse().unwrap_or(0.0);
        let raw = format!("{text}{suffix}");
        let unit = if suffix.is_empty() { unit } else { Some(suffix) };
        self.record(Table::Proactive, row, col, raw, "number", Some(value), unit)
    }

    fn proactive(&mut self, s: &mut Series, v2021: bool) -> Grid {
        const T: Table = Table::Proactive;
        let mut g = Grid { width: 4, rows: Vec::new(), breaks: Vec::new() };
        let header = |g: &mut Grid, caption: &str, heads: &[&str]| {
            if !g.rows.is_empty() {
                g.breaks.push(g.rows.len());
            }
            g.rows.push(vec![span(caption, 4, 1)]);
            let mut r = vec![own("信息内容")];
            let last = heads.len().saturating_sub(1);
            for (i, h) in heads.iter().enumerate() {
                r.push(span(*h, if i == last { 4 - heads.len() } else { 1 }, 1));
            }
            g.rows.push(r);
        };
        let item = |g: &mut Grid, label: &str, vals: Vec<String>| {
            let n = vals.len();
            let mut r = vec![own(label)];
            for (i, v) in vals.into_iter().enumerate() {
                r.push(val(v, if i + 1 == n { 4 - n } else { 1 }));
            }
            g.rows.push(r);
        };
        let makes_rules = matches!(s.kind, Kind::Government);
        let rules_na = !makes_rules && self.rng.chance(0.4);
        let na_mark = self.style.na_mark;
        let e = s.enforcement;
        if v2021 {
            header(&mut g, "第二十条第（一）项", &heads("一", Version::V2021));
            for (i, (row, label)) in [("rules", "规章"), ("normative_docs", "行政规范性文件")].into_iter().enumerate()
            {
                let can = i == 1 || makes_rules;
                let issued = if can { self.rng.log_range(0, if i == 0 { 3 } else { 25 }) } else { 0 };
                let repealed = if can { self.rng.range(0, s.in_force[i].min(3)) } else { 0 };
                if can {
                    s.in_force[i] += issued - repealed;
                }
                let stock = if can { s.in_force[i] } else { 0 };
                let vals = if i == 0 && rules_na {
                    vec![
                        self.na(T, row, "issued", na_mark),
                        self.na(T, row, "repealed", na_mark),
                        self.na(T, row, "in_force", na_mark),
                    ]
                } else {
                    vec![
                        self.int(T, row, "issued", issued, false),
                        self.int(T, row, "repealed", repealed, false),
                        self.int(T, row, "in_force", stock, false),
                    ]
                };
                item(&mut g, label, vals);
            }
            header(&mut g, "第二十条第（五）项", &["本年处理决定数量"]); // the 2021 wording of 处理决定数量
            let v = self.rng.log_range(0, e);
            let c = self.int(T, "licensing", "decisions", v, false);
            item(&mut g, "行政许可", vec![c]);
            header(&mut g, "第二十条第（六）项", &["本年处理决定数量"]);
            let v = self.rng.log_range(0, e);
            let c = self.int(T, "penalty", "decisions", v, false);
            item(&mut g, "行政处罚", vec![c]);
            let v = self.rng.log_range(0, e / 10);
            let c = self.int(T, "coercion", "decisions", v, false);
            item(&mut g, "行政强制", vec![c]);
            header(&mut g, "第二十条第（八）项", &heads("八", Version::V2021));
            let c = if self.rng.chance(0.5) {
                self.int(T, "fees", "amount", 0, false)
            } else {
                let cents = self.rng.log_range(1, 5_000_000);
                self.amount("fees", "amount", cents, "", Some("万元"))
            };
            item(&mut g, "行政事业性收费", vec![c]);
        } else {
            header(&mut g, "第二十条第（一）项", &heads("一", Version::V2019));
            for (i, (row, label)) in [("rules", "规章"), ("normative_docs", "规范性文件")].into_iter().enumerate()
            {
                let can = i == 1 || makes_rules;
                let made = if can { self.rng.log_range(0, if i == 0 { 3 } else { 25 }) } else { 0 };
                if can {
                    s.in_force[i] += made;
                }
                let total = if can { s.in_force[i] } else { 0 };
                let vals = if i == 0 && rules_na {
                    vec![
                        self.na(T, row, "new_made", na_mark),
                        self.na(T, row, "new_published", na_mark),
                        self.na(T, row, "total_published", na_mark),
                    ]
                } else {
                    vec![
                        self.int(T, row, "new_made", made, false),
                        self.int(T, row, "new_published", made, false),
                        self.int(T, row, "total_published", total, false),
                    ]
                };
                item(&mut g, label, vals);
            }
            if self.style.extra_row {
                const EXTRA: &str = "extra:其他主动公开文件";
                let made = self.rng.log_range(0, 300);
                let stock = made + self.rng.log_range(0, 3000);
                let vals = vec![
                    self.int(T, EXTRA, "new_made", made, false),
                    self.int(T, EXTRA, "new_published", made, false),
                    self.int(T, EXTRA, "total_published", stock, false),
                ];
                item(&mut g, "其他主动公开文件", vals);
            }
            type Block<'a> = (&'a str, [(usize, &'static str, &'a str); 2]);
            let blocks: [Block; 2] = [
                ("第二十条第（五）项", [(0, "licensing", "行政许可"), (1, "other_services", "其他对外管理服务事项")]),
                ("第二十条第（六）项", [(2, "penalty", "行政处罚"), (3, "coercion", "行政强制")]),
            ];
            for (caption, rows) in blocks {
                header(&mut g, caption, &heads("五", Version::V2019));
                for (k, row, label) in rows {
                    let prev = s.items[k];
                    let delta = self.rng.range(-(prev.min(20)), 20);
                    s.items[k] = prev + delta;
                    let decisions = self.rng.log_range(0, if k == 3 { e / 10 } else { e });
                    let vals = vec![
                        self.int(T, row, "prev_items", prev, false),
                        self.int(T, row, "delta_items", delta, false),
                        self.int(T, row, "decisions", decisions, false),
                    ];
                    item(&mut g, label, vals);
                }
            }
            header(&mut g, "第二十条第（八）项", &heads("八", Version::V2019));
            let prev = s.items[4];
            let delta = self.rng.range(-(prev.min(3)), 3);
            s.items[4] = prev + delta;
            let vals =
                vec![self.int(T, "fees", "prev_items", prev, false), self.int(T, "fees", "delta_items", delta, false)];
            item(&mut g, "行政事业性收费", vals);
            header(&mut g, "第二十条第（九）项", &heads("九", Version::V2019));
            let projects = self.rng.log_range(0, 400);
            let p = self.int(T, "procurement", "projects", projects, false);
            let a = if projects == 0 {
                self.int(T, "procurement", "amount", 0, false)
            } else {
                match self.rng.below(3) {
                    0 => {
                        let yuan = self.rng.log_range(1000, 9_000_000);
                        self.record(
                            T,
                            "procurement",
                            "amount",
                            format!("{yuan}元"),
                            "number",
                            Some(yuan as f64),
                            Some("元"),
                        )
                    }
                    1 => {
                        let cents = self.rng.log_range(100, 2_000_000);
                        self.amount("procurement", "amount", cents, "", None)
                    }
                    _ => {
                        let cents = self.rng.log_range(100, 2_000_000);
                        self.amount("procurement", "amount", cents, "万元", None)
                    }
                }
            };
            item(&mut g, "政府集中采购", vec![p, a]);
        }
        g
    }

    /// A table 三 row label as this report prints it: the template's label and numbering,
    /// with the report's numbering separator, its short forms and its typo.
    fn app_label(&self, key: &str) -> String {
        let Some(row) = Table::Applications.def().row(key) else { return key.to_string() };
        let label = match key {
            "deny_law_forbidden" if self.style.typo_law => "其他法律行政止公开",
            _ if self.style.short_labels => row.short.unwrap_or(row.label),
            _ => row.label,
        };
        match row.number.strip_suffix('.') {
            // A sub-item: 1. / 1、 / 1．
            Some(digit) => format!("{digit}{}{label}", self.style.num_sep),
            None => format!("{}{label}", row.number),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn applications(
        &mut self,
        version: &str,
        new: &[i64],
        carried: &[i64; 6],
        result_rows: &[(&'static str, f64)],
        results: &[[i64; 6]],
        forward: &[i64; 6],
    ) -> Grid {
        let _ = version;
        let mut g = Grid { width: 10, rows: Vec::new(), breaks: Vec::new() };
        g.rows.push(vec![
            span("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
            span("申请人情况", 7, 1),
        ]);
        g.rows.push(vec![cont(3), span("自然人", 1, 2), span("法人或其他组织", 5, 1), span("总计", 1, 2)]);
        let mut r = vec![cont(3), cont(1)];
        for h in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"] {
            r.push(own(h));
        }
        r.push(cont(1));
        g.rows.push(r);

        let lead = vec![span(self.app_label("new_received"), 3, 1)];
        self.app_row(&mut g, lead, "new_received", new, false);
        let lead = vec![span(self.app_label("carried_over"), 3, 1)];
        self.app_row(&mut g, lead, "carried_over", carried, false);
        let group_label = if self.style.vertical_group {
            "三、本年度办理结果".chars().map(String::from).collect::<Vec<_>>().join("\n")
        } else {
            "三、本年度办理结果".to_string()
        };
        let n_rows = result_rows.len() + 1;
        // A family of several rows (（三）不予公开 …) prints its heading in a cell spanning
        // them; a row that is a family of its own spans both label columns.
        let def = Table::Applications.def();
        let family = |key: &str| def.row(key).map(|r| r.family);
        let heading = |key: &str| def.row(key).filter(|r| !r.number.starts_with('（')).and_then(|r| r.family.heading());
        for (i, ((key, _), v)) in result_rows.iter().zip(results).enumerate() {
            let mut lead = vec![if i == 0 { span(group_label.clone(), 1, n_rows) } else { cont(1) }];
            match heading(key) {
                Some(glabel) => {
                    let first = i == 0 || family(result_rows[i - 1].0) != family(key);
                    let size = result_rows.iter().filter(|r| family(r.0) == family(key)).count();
                    lead.push(if first { span(glabel, 1, size) } else { cont(1) });
                    lead.push(own(self.app_label(key)));
                }
                None => lead.push(span(self.app_label(key), 2, 1)),
            }
            self.app_row(&mut g, lead, key, v, true);
        }
        let mut totals = [0i64; 6];
        for v in results {
            for c in 0..6 {
                totals[c] += v[c];
            }
        }
        let lead = vec![cont(1), span(self.app_label("results_total"), 2, 1)];
        self.app_row(&mut g, lead, "results_total", &totals, false);
        let lead = vec![span(self.app_label("carry_forward"), 3, 1)];
        self.app_row(&mut g, lead, "carry_forward", forward, false);
        g
    }

    /// A table 三 row: its label cells, then the six applicant columns and 总计.
    /// `detail`: a result row, whose 总计 may be left blank.
    fn app_row(&mut self, g: &mut Grid, mut lead: Vec<G>, key: &'static str, v: &[i64], detail: bool) {
        const T: Table = Table::Applications;
        for (c, col) in Table::Applications.def().blocks[0].columns.iter().map(|c| c.key).enumerate() {
            let x = if c < 6 { v[c] } else { v.iter().sum() };
            let text = if c == 6 && detail && self.style.detail_total_blank {
                self.blank(T, key, col)
            } else {
                self.int(T, key, col, x, true)
            };
            lead.push(val(text, 1));
        }
        g.rows.push(lead);
    }

    fn appeals(&mut self, v: &[[i64; 5]; 3]) -> Grid {
        const T: Table = Table::Appeals;
        let block = &Table::Appeals.def().blocks[0];
        let heads: Vec<&str> = block.columns.iter().map(|c| c.label).collect();
        let mut g = Grid { width: 15, rows: Vec::new(), breaks: Vec::new() };
        g.rows.push(vec![span("行政复议", 5, 1), span("行政诉讼", 10, 1)]);
        let mut r: Vec<G> = heads.iter().map(|h| span(*h, 1, 2)).collect();
        r.push(span("未经复议直接起诉", 5, 1));
        r.push(span("复议后起诉", 5, 1));
        g.rows.push(r);
        let mut r: Vec<G> = (0..5).map(|_| cont(1)).collect();
        for _ in 0..2 {
            r.extend(heads.iter().map(|h| own(*h)));
        }
        g.rows.push(r);
        let mut r = Vec::new();
        for (ri, row) in block.rows.iter().map(|r| r.key).enumerate() {
            for (ci, col) in block.columns.iter().map(|c| c.key).enumerate() {
                let text = self.int(T, row, col, v[ri][ci], true);
                r.push(val(text, 1));
            }
        }
        g.rows.push(r);
        g
    }
}

/// A table 二 block's column headers in one version, from the template.
fn heads(block: &str, version: Version) -> Vec<&'static str> {
    Table::Proactive.def().block(block).map(|b| b.columns_in(version).map(|c| c.label).collect()).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Rendering

/// A report's content, ready for any format.
struct Doc {
    title: Vec<String>,
    intro: Vec<String>,
    overview: Vec<String>,
    proactive: Grid,
    applications: Grid,
    appeals: Grid,
}

impl Doc {
    /// Paragraphs and tables in order.
    fn blocks(&self) -> Vec<Result<&str, &Grid>> {
        let mut out: Vec<Result<&str, &Grid>> = Vec::new();
        out.extend(self.title.iter().map(|s| Ok(s.as_str())));
        out.extend(self.intro.iter().map(|s| Ok(s.as_str())));
        out.extend(self.overview.iter().map(|s| Ok(s.as_str())));
        out.push(Ok("二、主动公开政府信息情况"));
        out.push(Err(&self.proactive));
        out.push(Ok("三、收到和处理政府信息公开申请情况"));
        out.push(Err(&self.applications));
        out.push(Ok("四、政府信息公开行政复议、行政诉讼情况"));
        out.push(Err(&self.appeals));
        out.push(Ok("五、存在的主要问题及改进情况"));
        out.push(Ok(
            "一是公开内容的全面性还需提高；二是政策解读形式较为单一。下一步将进一步完善工作机制，加强业务培训。",
        ));
        out.push(Ok("六、其他需要报告的事项"));
        out.push(Ok("本机关无其他需要报告的事项。"));
        out
    }
}

/// The 淄博 layout: paragraphs as lines; a cell is a line starting with TAB (further lines
/// of the cell follow without TAB); a blank line ends a row.
fn render_txt(doc: &Doc) -> String {
    let mut s = String::new();
    for b in doc.blocks() {
        match b {
            Ok(p) => {
                s.push_str(p);
                s.push('\n');
            }
            Err(g) => {
                for row in &g.rows {
                    for cell in row {
                        match cell {
                            G::Own { text, .. } => {
                                let mut lines = text.split('\n');
                                s.push('\t');
                                s.push_str(lines.next().unwrap_or(""));
                                s.push('\n');
                                for l in lines {
                                    s.push_str(l);
                                    s.push('\n');
                                }
                            }
                            G::Cont { .. } => s.push_str("\t\n"),
                        }
                    }
                    s.push('\n');
                }
                s.push('\n');
            }
        }
    }
    s
}

/// A grid as rows of grid positions: each own cell's text at its first position, the
/// positions it spans (and those a row span from above covers) empty.
fn positions(g: &Grid) -> Vec<Vec<Option<String>>> {
    let mut out = Vec::new();
    for row in &g.rows {
        let mut line: Vec<Option<String>> = Vec::new();
        for cell in row {
            match cell {
                G::Own { text, colspan, .. } => {
                    line.push(Some(text.clone()));
                    line.extend((1..*colspan).map(|_| None));
                }
                G::Cont { colspan } => line.extend((0..*colspan).map(|_| None)),
            }
        }
        out.push(line);
    }
    out
}

/// Text copied from a web page: paragraphs as lines, each table cell on a line of its
/// own (merged cells once); an empty cell an empty line when `empty_lines`.
fn render_lines(doc: &Doc, empty_lines: bool) -> String {
    let mut s = String::new();
    for b in doc.blocks() {
        match b {
            Ok(p) => {
                s.push_str(p);
                s.push('\n');
            }
            Err(g) => {
                for row in &g.rows {
                    for cell in row {
                        if let G::Own { text, .. } = cell {
                            if text.trim().is_empty() {
                                if empty_lines {
                                    s.push('\n');
                                }
                            } else {
                                for l in text.split('\n') {
                                    s.push_str(l.trim());
                                    s.push('\n');
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    s
}

/// Markdown: paragraphs, and tables as pipe rows with merged positions left empty.
fn render_md(doc: &Doc) -> String {
    let mut s = String::new();
    for b in doc.blocks() {
        match b {
            Ok(p) => {
                s.push_str(p);
                s.push_str("\n\n");
            }
            Err(g) => {
                for (i, row) in positions(g).iter().enumerate() {
                    let cells: Vec<String> =
                        row.iter().map(|c| c.as_deref().unwrap_or("").replace('\n', "").replace('|', "\\|")).collect();
                    s.push_str(&format!("| {} |\n", cells.join(" | ")));
                    if i == 0 {
                        s.push_str(&format!("|{}\n", "---|".repeat(row.len())));
                    }
                }
                s.push('\n');
            }
        }
    }
    s
}

/// A crawler's text of a page: the title on a line, then paragraphs and table cells in one
/// line, one after another; a cell's text without its spaces, empty cells gone, and a
/// space after one cell in ten.
fn render_flat(doc: &Doc, rng: &mut Rng) -> String {
    let mut s = String::new();
    for (i, b) in doc.blocks().into_iter().enumerate() {
        match b {
            Ok(p) if i == 0 => {
                s.push_str(p.trim());
                s.push('\n');
            }
            Ok(p) => s.push_str(p.trim()),
            Err(g) => {
                for row in &g.rows {
                    for cell in row {
                        if let G::Own { text, .. } = cell {
                            s.extend(text.split_whitespace());
                            if !text.trim().is_empty() && rng.chance(0.1) {
                                s.push(' ');
                            }
                        }
                    }
                }
            }
        }
    }
    s.push('\n');
    s
}

/// Rows of cells separated by single spaces, empty cells gone.
fn render_spaces(doc: &Doc) -> String {
    let mut s = String::new();
    for b in doc.blocks() {
        match b {
            Ok(p) => {
                s.push_str(p);
                s.push('\n');
            }
            Err(g) => {
                for row in &g.rows {
                    let cells: Vec<String> = row
                        .iter()
                        .filter_map(|c| match c {
                            G::Own { text, .. } if !text.trim().is_empty() => {
                                Some(text.split_whitespace().collect::<String>())
                            }
                            _ => None,
                        })
                        .collect();
                    if !cells.is_empty() {
                        s.push_str(&cells.join(" "));
                        s.push('\n');
                    }
                }
            }
        }
    }
    s
}

/// Text laid out in columns by spaces, as `pdftotext -layout` prints a table: every grid
/// position as wide as its widest text plus two spaces (in characters), a cell's text
/// at its first position, the positions it spans left blank.
fn render_layout(doc: &Doc) -> String {
    let mut s = String::new();
    for b in doc.blocks() {
        match b {
            Ok(p) => {
                s.push_str(p);
                s.push('\n');
            }
            Err(g) => {
                let grid = positions(g);
                let width = grid.iter().map(Vec::len).max().unwrap_or(0);
                let mut cols = vec![3usize; width];
                for row in &grid {
                    for (i, c) in row.iter().enumerate() {
                        if let Some(t) = c {
                            let n = t.replace('\n', "").chars().count() + 2;
                            cols[i] = cols[i].max(n.min(40));
                        }
                    }
                }
                for row in &grid {
                    let mut line = String::new();
                    for (i, c) in row.iter().enumerate() {
                        let text = c.as_deref().unwrap_or("").replace('\n', "");
                        let at = cols[..i].iter().sum::<usize>();
                        let len = line.chars().count();
                        if len < at {
                            line.push_str(&" ".repeat(at - len));
                        } else if !line.is_empty() && !text.is_empty() {
                            line.push_str("  ");
                        }
                        line.push_str(&text);
                    }
                    let line = line.trim_end();
                    if !line.trim().is_empty() {
                        s.push_str(line);
                        s.push('\n');
                    }
                }
                s.push('\n');
            }
        }
    }
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Cut a text into 1–3 pieces at character boundaries (labels split over runs).
fn pieces(text: &str, rng: &mut Rng, on: bool) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    if !on || chars.len() < 2 || rng.chance(0.4) {
        return vec![text.to_string()];
    }
    let n = 1 + rng.below(2) as usize;
    let mut cuts: Vec<usize> = (0..n).map(|_| 1 + rng.below(chars.len() as u64 - 1) as usize).collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::new();
    let mut start = 0;
    for c in cuts.into_iter().chain(std::iter::once(chars.len())) {
        out.push(chars[start..c].iter().collect());
        start = c;
    }
    out
}

fn html_text(text: &str, style: &Style, rng: &mut Rng) -> String {
    if text.is_empty() {
        return if style.nbsp { "&nbsp;".into() } else { String::new() };
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            pieces(line, rng, style.split_runs)
                .iter()
                .map(|p| format!("<span style=\"font-family: 仿宋_GB2312; font-size: 12pt\">{}</span>", escape(p)))
                .collect::<String>()
        })
        .collect();
    lines.join("<br/>")
}

fn render_html(doc: &Doc, site: &str, year: i32, style: &Style, rng: &mut Rng) -> Vec<u8> {
    let title = doc.title.concat();
    let charset = if style.gbk == 0 { "utf-8" } else { "gbk" };
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html>\n<head>\n");
    if style.gbk != 2 {
        if rng.chance(0.5) {
            let _ = writeln!(h, "<meta charset=\"{charset}\" />");
        } else {
            let _ = writeln!(h, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\" />");
        }
    }
    let _ = writeln!(h, "<title>{}_{}</title>\n</head>\n<body>", escape(&title), escape(site));
    let _ = writeln!(
        h,
        "<div class=\"header\"><div class=\"logo\">{site}</div><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li><li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/zwfw/\">政务服务</a></li><li><a href=\"/xxgk/ndbg/\">政府信息公开年报</a></li></ul></div>"
    );
    h.push_str("<div class=\"main\">\n<div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a> &gt; <a href=\"/xxgk/ndbg/\">年报</a></div>\n<div class=\"article\">\n");
    let _ = writeln!(
        h,
        "<h1 class=\"title\">{}</h1>",
        doc.title.iter().map(|t| escape(t)).collect::<Vec<_>>().join("<br/>")
    );
    let _ = writeln!(h, "<div class=\"info\"><span>发布日期：{}-01-{:02}</span></div>", year + 1, 10 + rng.below(18));
    h.push_str("<div class=\"content\" id=\"zoom\">\n");
    for b in doc.blocks().into_iter().skip(doc.title.len()) {
        match b {
            Ok(p) => {
                let _ = writeln!(h, "<p style=\"text-indent: 2em\">{}</p>", html_text(p, style, rng));
            }
            Err(g) => {
                h.push_str("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse: collapse\"><tbody>\n");
                for (ri, row) in g.rows.iter().enumerate() {
                    if style.split_proactive && g.breaks.contains(&ri) {
                        h.push_str(
                            "</tbody></table>\n<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\"><tbody>\n",
                        );
                    }
                    h.push_str("<tr>");
                    let header_row = row.iter().all(|c| matches!(c, G::Cont { .. } | G::Own { value: false, .. }));
                    let tag = if style.th && header_row { "th" } else { "td" };
                    for cell in row {
                        if let G::Own { text, colspan, rowspan, value } = cell {
                            let _ = write!(h, "<{tag}");
                            if *colspan > 1 {
                                let _ = write!(h, " colspan=\"{colspan}\"");
                            }
                            if *rowspan > 1 {
                                let _ = write!(h, " rowspan=\"{rowspan}\"");
                            }
                            let inner = html_text(text, style, rng);
                            let inner = if *value && style.padded && !text.is_empty() {
                                format!("&nbsp; {inner}&nbsp;")
                            } else {
                                inner
                            };
                            let _ = write!(h, "><p style=\"text-align: center\">{inner}</p></{tag}>");
                        }
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody></table>\n");
            }
        }
    }
    h.push_str("</div>\n</div>\n</div>\n");
    let _ = writeln!(
        h,
        "<div class=\"footer\"><p>主办单位：{site}办公室　网站标识码：{}</p><p>ICP备05012345号　公网安备 37030302000123号</p></div>\n</body>\n</html>",
        3700000000u64 + rng.below(99_999)
    );
    if style.gbk == 0 {
        h.into_bytes()
    } else {
        let (bytes, _, _) = encoding_rs::GBK.encode(&h);
        bytes.into_owned()
    }
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn docx_runs(text: &str, style: &Style, rng: &mut Rng) -> String {
    let mut s = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            s.push_str("<w:r><w:br/></w:r>");
        }
        for p in pieces(line, rng, style.split_runs) {
            let _ = write!(
                s,
                "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(&p)
            );
        }
    }
    s
}

fn render_docx(doc: &Doc, style: &Style, rng: &mut Rng) -> Vec<u8> {
    let mut body = String::new();
    for b in doc.blocks() {
        match b {
            Ok(p) => {
                let _ = write!(body, "<w:p>{}</w:p>", docx_runs(p, style, rng));
            }
            Err(g) => {
                body.push_str(
                    "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/></w:tblPr><w:tblGrid>",
                );
                for _ in 0..g.width {
                    body.push_str("<w:gridCol w:w=\"800\"/>");
                }
                body.push_str("</w:tblGrid>");
                for (ri, row) in g.rows.iter().enumerate() {
                    if style.split_proactive && g.breaks.contains(&ri) {
                        body.push_str(
                            "</w:tbl><w:p/><w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>",
                        );
                        for _ in 0..g.width {
                            body.push_str("<w:gridCol w:w=\"800\"/>");
                        }
                        body.push_str("</w:tblGrid>");
                    }
                    body.push_str("<w:tr>");
                    for cell in row {
                        let (colspan, restart, text) = match cell {
                            G::Own { text, colspan, rowspan, .. } => (*colspan, Some(*rowspan > 1), text.as_str()),
                            G::Cont { colspan } => (*colspan, None, ""),
                        };
                        body.push_str("<w:tc><w:tcPr>");
                        if colspan > 1 {
                            let _ = write!(body, "<w:gridSpan w:val=\"{colspan}\"/>");
                        }
                        match restart {
                            Some(true) => body.push_str("<w:vMerge w:val=\"restart\"/>"),
                            None => body.push_str("<w:vMerge/>"),
                            Some(false) => {}
                        }
                        body.push_str("</w:tcPr>");
                        let _ = write!(
                            body,
                            "<w:p>{}</w:p></w:tc>",
                            if text.is_empty() { String::new() } else { docx_runs(text, style, rng) }
                        );
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl><w:p/>");
            }
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    zip_parts(&[("[Content_Types].xml", content_types), ("_rels/.rels", rels), ("word/document.xml", &document)])
        .unwrap_or_default()
}

/// Text as RTF: ASCII as it is (`\\`, `{`, `}` escaped), other characters as GBK bytes
/// `\'hh` (Word's and WPS's way) or, with `unicode`, `\uN\'3f` (LibreOffice's). Line
/// breaks are `\line`.
fn rtf_text(text: &str, unicode: bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\line "),
            c if c.is_ascii() => out.push(c),
            c if unicode => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{}\\'3f", *u as i16);
                }
            }
            c => {
                let mut buf = [0u8; 4];
                let (bytes, _, _) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
                for b in bytes.iter() {
                    let _ = write!(out, "\\'{b:02x}");
                }
            }
        }
    }
    out
}

fn render_rtf(doc: &Doc, style: &Style, rng: &mut Rng) -> Vec<u8> {
    let unicode = rng.chance(0.5);
    // Spans as wider cells (Word) or as merge flags over grid-wide cells (older writers).
    let merge_flags = rng.chance(0.3);
    let mut out = String::from(
        "{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052{\\fonttbl{\\f0\\froman\\fcharset0\\fprq2 Times New Roman;}{\\f1\\fnil\\fcharset134\\fprq2 \\'cb\\'ce\\'cc\\'e5;}}\n{\\colortbl;\\red0\\green0\\blue0;}\n{\\stylesheet{\\ql \\f1\\fs21 Normal;}{\\s1\\ql \\f1\\fs32 heading 1;}}\n{\\info{\\author \\'d0\\'c5\\'cf\\'a2}}\n\\paperw11906\\paperh16838\\uc1\\pard\\plain\n",
    );
    let para = |out: &mut String, text: &str, rng: &mut Rng| {
        out.push_str("\\pard\\plain\\ql\\f1\\fs21 ");
        for p in pieces(text, rng, style.split_runs) {
            let _ = write!(out, "{{\\f1\\lang2052 {}}}", rtf_text(&p, unicode));
        }
        out.push_str("\\par\n");
    };
    for b in doc.blocks() {
        match b {
            Ok(p) => para(&mut out, p, rng),
            Err(g) => {
                let unit = 1200;
                for (ri, row) in g.rows.iter().enumerate() {
                    if style.split_proactive && g.breaks.contains(&ri) && ri > 0 {
                        out.push_str("\\pard\\plain\\par\n");
                    }
                    out.push_str("\\trowd\\trgaph108\\trleft-108");
                    let mut edge = -108;
                    let mut cells: Vec<&str> = Vec::new();
                    for cell in row {
                        let (colspan, vert, text) = match cell {
                            G::Own { text, colspan, rowspan, .. } => {
                                (*colspan, if *rowspan > 1 { "\\clvmgf" } else { "" }, text.as_str())
                            }
                            G::Cont { colspan } => (*colspan, "\\clvmrg", ""),
                        };
                        if merge_flags && colspan > 1 {
                            for k in 0..colspan {
                                edge += unit;
                                let flag = if k == 0 { "\\clmgf" } else { "\\clmrg" };
                                let _ = write!(out, "{vert}{flag}\\cellx{edge}");
                                cells.push(if k == 0 { text } else { "" });
                            }
                        } else {
                            edge += unit * colspan as i32;
                            let _ = write!(out, "{vert}\\cellx{edge}");
                            cells.push(text);
                        }
                    }
                    out.push('\n');
                    for text in cells {
                        out.push_str("\\pard\\plain\\intbl\\qc\\f1\\fs21 ");
                        if !text.is_empty() {
                            let _ = write!(out, "{{\\f1 {}}}", rtf_text(text, unicode));
                        }
                        out.push_str("\\cell\n");
                    }
                    out.push_str("\\pard\\plain\\intbl{\\row}\n");
                }
                out.push_str("\\pard\\plain\\par\n");
            }
        }
    }
    out.push('}');
    out.into_bytes()
}

/// A zip archive of the given parts (deflated, fixed timestamps: same input, same bytes).
/// A character's width as a share of the font size: Chinese and full-width forms a full
/// square, the rest half.
fn em(c: char) -> f64 {
    if c.is_ascii() {
        0.5
    } else {
        1.0
    }
}

/// Pages of text objects being written into OFD content parts.
struct OfdPages {
    /// Content parts' layers so far, one per page.
    pages: Vec<String>,
    /// Where the next line's top stands on the current page (mm).
    y: f64,
    next_id: usize,
    /// One object per character through a points-to-millimetres CTM (else one per text).
    glyphs: bool,
}

impl OfdPages {
    const TOP: f64 = 25.0;
    const BOTTOM: f64 = 272.0;
    const LEFT: f64 = 25.0;
    const WIDTH: f64 = 160.0;

    /// Room for a line `h` mm high: a new page when the current one is full.
    fn room(&mut self, h: f64) {
        if self.pages.is_empty() || self.y + h > Self::BOTTOM {
            self.pages.push(String::new());
            self.y = Self::TOP;
        }
    }

    /// Write `text` with its left edge at `x` and its baseline at `base` (mm), in a font
    /// of `size` mm.
    fn text(&mut self, text: &str, x: f64, base: f64, size: f64) {
        let page = self.pages.last_mut().expect("a page");
        let width: f64 = text.chars().map(em).sum::<f64>() * size;
        if self.glyphs {
            let k = 25.4 / 72.0;
            let mut at = x;
            for c in text.chars() {
                self.next_id += 1;
                let w = em(c) * size;
                let _ = write!(
                    page,
                    r#"<ofd:TextObject ID="{}" CTM="{k:.4} 0 0 {k:.4} {:.3} {:.3}" Boundary="{:.3} {:.3} {:.3} {:.3}" Font="2" Size="{:.3}"><ofd:TextCode X="{:.3}" Y="{:.3}">{}</ofd:TextCode></ofd:TextObject>"#,
                    self.next_id,
                    -at,
                    -(base - size),
                    at,
                    base - size,
                    w,
                    size * 1.2,
                    size / k,
                    at / k,
                    base / k,
                    escape(&c.to_string())
                );
                at += w;
            }
        } else {
            self.next_id += 1;
            let deltas: Vec<String> = text.chars().map(|c| format!("{:.3}", em(c) * size)).collect();
            let _ = write!(
                page,
                r#"<ofd:TextObject ID="{}" Boundary="{:.3} {:.3} {:.3} {:.3}" Font="2" Size="{:.3}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{:.3}" DeltaX="{}">{}</ofd:TextCode></ofd:TextObject>"#,
                self.next_id,
                x,
                base - size,
                width,
                size * 1.2,
                size,
                size,
                deltas[..deltas.len().saturating_sub(1)].join(" "),
                escape(text)
            );
        }
    }

    /// A paragraph wrapped to the text width, in a font of `size` mm: centred (a title,
    /// with space after it), or with its first line indented by two characters, as
    /// official documents set their paragraphs and headings.
    fn paragraph(&mut self, text: &str, size: f64, centred: bool) {
        let per_line = Self::WIDTH / size;
        let mut lines: Vec<String> = vec![String::new()];
        let indent = if centred { 0.0 } else { 2.0 };
        let mut used = indent;
        for c in text.chars() {
            if used + em(c) > per_line {
                lines.push(String::new());
                used = 0.0;
            }
            lines.last_mut().expect("a line").push(c);
            used += em(c);
        }
        for (k, line) in lines.iter().enumerate() {
            self.room(size * 1.6);
            let width: f64 = line.chars().map(em).sum::<f64>() * size;
            let x = if centred {
                Self::LEFT + (Self::WIDTH - width) / 2.0
            } else if k == 0 {
                Self::LEFT + indent * size
            } else {
                Self::LEFT
            };
            let base = self.y + size;
            self.text(line, x, base, size);
            self.y += size * 1.6;
        }
        if centred {
            self.y += size;
        }
    }

    /// A table: its columns as wide as their widest single cell, the font made smaller
    /// until the table fits the text width; each cell's text centred in the columns it
    /// covers, on the row it starts in; rows going on over page breaks.
    fn table(&mut self, g: &Grid) {
        let grid = positions(g);
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        // Column widths in characters (a spanning cell widens nothing).
        let mut cols = vec![2.0f64; width];
        for row in &g.rows {
            let mut i = 0;
            for cell in row {
                match cell {
                    G::Own { text, colspan, .. } => {
                        if *colspan == 1 {
                            let w: f64 = text.replace('\n', "").chars().map(em).sum();
                            cols[i] = cols[i].max(w + 1.5);
                        }
                        i += colspan;
                    }
                    G::Cont { colspan } => i += colspan,
                }
            }
        }
        let total: f64 = cols.iter().sum();
        let size = (Self::WIDTH / total).min(3.7);
        let pitch = size * 2.0;
        for row in &g.rows {
            self.room(pitch);
            let base = self.y + size * 1.4;
            let mut i = 0;
            for cell in row {
                match cell {
                    G::Own { text, colspan, .. } => {
                        let text = text.replace('\n', "");
                        let left = Self::LEFT + cols[..i].iter().sum::<f64>() * size;
                        let span = cols[i..(i + colspan).min(width)].iter().sum::<f64>() * size;
                        let w: f64 = text.chars().map(em).sum::<f64>() * size;
                        if !text.trim().is_empty() {
                            self.text(text.trim(), left + (span - w).max(0.0) / 2.0, base, size);
                        }
                        i += colspan;
                    }
                    G::Cont { colspan } => i += colspan,
                }
            }
            self.y += pitch;
        }
        self.y += size;
    }
}

/// An OFD file of the document: A4 pages, the title centred, paragraphs wrapped, tables
/// placed cell by cell.
fn render_ofd(doc: &Doc, rng: &mut Rng) -> Vec<u8> {
    let mut pages = OfdPages { pages: Vec::new(), y: 0.0, next_id: 10, glyphs: rng.chance(0.5) };
    for (i, b) in doc.blocks().into_iter().enumerate() {
        match b {
            Ok(p) if i < doc.title.len() => pages.paragraph(p, 7.0, true),
            Ok(p) => pages.paragraph(p, 5.6, false),
            Err(g) => pages.table(g),
        }
    }
    let ns = r#"xmlns:ofd="http://www.ofdspec.org/2016""#;
    let mut parts: Vec<(String, String)> = vec![(
        "OFD.xml".to_string(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>synth</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#
        ),
    )];
    let mut listing = String::new();
    for (i, layer) in pages.pages.iter().enumerate() {
        let _ = write!(listing, r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_{i}/Content.xml"/>"#, i + 1);
        parts.push((
            format!("Doc_0/Pages/Page_{i}/Content.xml"),
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="{}">{layer}</ofd:Layer></ofd:Content></ofd:Page>"#, 5 + i),
        ));
    }
    parts.push((
        "Doc_0/Document.xml".to_string(),
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>"#, pages.next_id),
    ));
    zip_parts(&parts.iter().map(|(n, x)| (n.as_str(), x.as_str())).collect::<Vec<_>>()).expect("a zip in memory")
}

fn zip_parts(parts: &[(&str, &str)]) -> Result<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        w.start_file(*name, opts)?;
        w.write_all(text.as_bytes())?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_bytes() {
        let opts = Options { reports: 12, seed: 7, ..Options::default() };
        let a = generate(&opts);
        let b = generate(&opts);
        assert_eq!(a.len(), 12);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.bytes, y.bytes);
            assert_eq!(x.gold, y.gold);
        }
        let c = generate(&Options { seed: 8, ..opts });
        assert_ne!(a[0].bytes, c[0].bytes);
    }

    #[test]
    fn split_keeps_the_total() {
        let mut rng = Rng::new(1);
        for total in [0, 1, 17, 299, 301, 12345] {
            assert_eq!(split(total, &[3.0, 1.0, 0.5], &mut rng).iter().sum::<i64>(), total);
        }
    }

    #[test]
    fn commas() {
        assert_eq!(with_commas(1234567), "1,234,567");
        assert_eq!(with_commas(-1000), "-1,000");
        assert_eq!(with_commas(999), "999");
    }
}
