//! One file per command: its arguments (parsed into typed values once, by clap) and its
//! `run`. Shared argument groups and value parsers live here.

pub mod agencies;
pub mod check;
pub mod claims;
pub mod compare;
pub mod export;
pub mod import;
pub mod inspect;
pub mod metrics;
pub mod rank;
pub mod reports;
pub mod show;
pub mod sql;
pub mod trend;

use anyhow::{bail, Result};
use rusqlite::Connection;
use xxgk_core::checks::Rule;
use xxgk_core::metrics::{self as catalog, Metric};
use xxgk_core::source::ocr::{OcrMode, OcrOptions};
use xxgk_db::query::{Filter, GroupBy};

use crate::cli::{coded, exit};
use crate::suggest::did_you_mean;

/// When pixels are read by OCR (`--ocr`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrWhen {
    /// Pictures, PDF pages without text or whose content is a picture, the pictures of a
    /// web page's body, and those of a Word or RTF file whose text holds fewer than three
    /// tables.
    #[default]
    Auto,
    /// Every PDF page, text layer or not, and every picture of a Word or RTF file.
    Always,
    /// Never: pictures are refused, and so is a PDF without a text layer.
    Never,
}

/// How pictures are read (OCR by Tesseract): shared by `import` and `inspect`.
#[derive(Debug, clap::Args, Default, Clone)]
pub struct OcrArgs {
    /// When to read pixels by OCR: auto (pictures, PDF pages without text or whose
    /// content is a picture, pictures in web pages, and in Word or RTF files whose text
    /// holds fewer than three tables), always (every PDF page, every picture), never.
    #[arg(long, value_enum, default_value_t = OcrWhen::Auto)]
    pub ocr: OcrWhen,
    /// Resolution PDF pages are rendered at for OCR.
    #[arg(long, default_value_t = OcrOptions::default().dpi, value_parser = clap::value_parser!(u32).range(72..=1200))]
    pub ocr_dpi: u32,
    /// Seconds one OCR step (a tesseract or pdftoppm call) may run.
    #[arg(long, default_value_t = OcrOptions::default().timeout_secs)]
    pub ocr_timeout: u64,
    /// Most pages one report may need OCR for.
    #[arg(long, default_value_t = OcrOptions::default().max_pages)]
    pub ocr_max_pages: usize,
    /// Most pixels (width × height) of one page picture.
    #[arg(long, default_value_t = OcrOptions::default().max_pixels)]
    pub ocr_max_pixels: u64,
}

impl OcrArgs {
    /// The reader's OCR options.
    pub fn options(&self) -> OcrOptions {
        OcrOptions {
            mode: match self.ocr {
                OcrWhen::Auto => OcrMode::Auto,
                OcrWhen::Always => OcrMode::Always,
                OcrWhen::Never => OcrMode::Never,
            },
            dpi: self.ocr_dpi,
            timeout_secs: self.ocr_timeout,
            max_pages: self.ocr_max_pages,
            max_pixels: self.ocr_max_pixels,
        }
    }
}

/// What the listing commands print, and where: shared by every command that prints rows.
#[derive(Debug, clap::Args, Default, Clone)]
pub struct ListArgs {
    /// Print only these columns, in this order (comma-separated names; see the header).
    #[arg(long, value_delimiter = ',', value_name = "COL,…")]
    pub columns: Vec<String>,
    /// Sort by these columns (comma-separated; `-col` for descending; numbers by value,
    /// missing values last).
    #[arg(long, value_delimiter = ',', value_name = "COL,…", allow_hyphen_values = true)]
    pub sort: Vec<String>,
    /// Print at most N rows (after sorting).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Write the rows to FILE instead of standard output (in the --format chosen).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

impl ListArgs {
    /// The rows sorted, cut and narrowed as asked (borrowed as they are when nothing is
    /// asked: a trend of 100,000 rows is not copied); an unknown column is a usage error
    /// naming the columns there are.
    pub fn apply<'r>(&self, rows: &'r xxgk_db::rows::Rows) -> Result<std::borrow::Cow<'r, xxgk_db::rows::Rows>> {
        use xxgk_db::rows::{Rows, Val};
        let names: Vec<&str> = rows.columns.iter().map(String::as_str).collect();
        let col = |name: &str| column_index(&names, name);
        let mut keys = Vec::new();
        for s in &self.sort {
            let (name, desc) = match s.strip_prefix('-') {
                Some(n) => (n, true),
                None => (s.as_str(), false),
            };
            keys.push((col(name)?, desc));
        }
        let picked = self.picked(&names)?;
        if keys.is_empty() && self.limit.is_none() && picked.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(rows));
        }
        let mut out = rows.clone();
        if !keys.is_empty() {
            let order = |a: &Val, b: &Val| -> std::cmp::Ordering {
                match (a, b) {
                    (Val::Null, Val::Null) => std::cmp::Ordering::Equal,
                    (Val::Null, _) => std::cmp::Ordering::Greater,
                    (_, Val::Null) => std::cmp::Ordering::Less,
                    _ => match (a.as_f64(), b.as_f64()) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        _ => a.plain().cmp(&b.plain()),
                    },
                }
            };
            out.rows.sort_by(|a, b| {
                keys.iter()
                    .map(|&(i, desc)| {
                        let o = order(&a[i], &b[i]);
                        // Missing values stay last either way.
                        if desc && a[i] != Val::Null && b[i] != Val::Null {
                            o.reverse()
                        } else {
                            o
                        }
                    })
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
        }
        if let Some(n) = self.limit {
            out.rows.truncate(n);
        }
        if !picked.is_empty() {
            out = Rows {
                columns: picked.iter().map(|&i| rows.columns[i].clone()).collect(),
                rows: out.rows.iter().map(|r| picked.iter().map(|&i| r[i].clone()).collect()).collect(),
            };
        }
        Ok(std::borrow::Cow::Owned(out))
    }

    /// Where each column `--columns` names stands among `columns` (empty without
    /// `--columns`); an unknown one is a usage error naming the columns there are.
    pub fn picked(&self, columns: &[&str]) -> Result<Vec<usize>> {
        self.columns.iter().map(|c| column_index(columns, c)).collect()
    }
}

/// Where the column `name` stands among `columns`; a usage error naming the columns there
/// are (and the closest) when it is none of them.
fn column_index(columns: &[&str], name: &str) -> Result<usize> {
    columns.iter().position(|c| *c == name).ok_or_else(|| {
        coded(exit::USAGE)(anyhow::anyhow!(
            "no column {name:?}{}; columns: {}",
            did_you_mean(name, columns.iter().copied()),
            columns.join(", ")
        ))
    })
}

/// Filters shared by the listing commands.
#[derive(Debug, clap::Args, Default)]
pub struct FilterArgs {
    /// Only agencies whose name contains this text (taken literally).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only agencies whose name matches this regular expression.
    #[arg(long, value_parser = regex_arg)]
    pub agency_regex: Option<String>,
    /// Only agencies in this region: a division name at any level (山东省, 淄博市, 洪泽区) or a 6-digit code.
    #[arg(long)]
    pub region: Option<String>,
    /// Only agencies of this kind: slug (public_security) or Chinese name (公安).
    #[arg(long)]
    pub kind: Option<String>,
    /// Only years from this one on.
    #[arg(long)]
    pub from: Option<i32>,
    /// Only years up to this one.
    #[arg(long)]
    pub to: Option<i32>,
}

impl FilterArgs {
    /// The query filter, checked against the database: a usage error (exit 2) says what is
    /// wrong when `--from` is after `--to`, or when `--agency`, `--region` or `--kind`
    /// names nothing there is (with the closest names, and the valid values).
    pub fn checked(&self, conn: &Connection) -> Result<Filter> {
        self.check(conn).map_err(coded(exit::USAGE))?;
        Ok(self.filter())
    }

    fn check(&self, conn: &Connection) -> Result<()> {
        if let (Some(from), Some(to)) = (self.from, self.to) {
            if from > to {
                bail!("--from {from} is after --to {to}");
            }
        }
        let strings = |sql: &str| -> Result<Vec<String>> {
            Ok(conn.prepare(sql)?.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?)
        };
        if let Some(a) = &self.agency {
            let names = strings("SELECT alias FROM agency_aliases UNION SELECT name FROM agencies ORDER BY 1")?;
            if !names.is_empty() && !names.iter().any(|n| n.contains(a.as_str())) {
                bail!("no agency name contains {a:?}{}", did_you_mean(a, names.iter().map(String::as_str)));
            }
        }
        if let Some(r) = &self.region {
            let in_db = strings(
                "SELECT DISTINCT x FROM (SELECT province AS x FROM agencies UNION SELECT city FROM agencies UNION SELECT county FROM agencies
                                          UNION SELECT region_code FROM agencies) WHERE x IS NOT NULL ORDER BY 1",
            )?;
            let matches_db = in_db.iter().any(|x| x.starts_with(r.as_str()));
            if !matches_db && !xxgk_core::agency::is_region(r) {
                let names: Vec<&str> =
                    in_db.iter().map(String::as_str).filter(|x| !x.starts_with(|c: char| c.is_ascii_digit())).collect();
                bail!(
                    "unknown region {r:?}{}; regions in the database: {}",
                    did_you_mean(r, names.iter().copied()),
                    if names.is_empty() { "none".to_string() } else { names.join(", ") }
                );
            }
        }
        if let Some(k) = &self.kind {
            let kinds = xxgk_core::agency::kinds();
            if !kinds.iter().any(|x| x.slug == k || x.name == k) {
                let words: Vec<&str> = kinds.iter().flat_map(|x| [x.slug, x.name]).collect();
                bail!(
                    "unknown kind {k:?}{}; kinds: {}",
                    did_you_mean(k, words.iter().copied()),
                    kinds.iter().map(|x| format!("{} ({})", x.slug, x.name)).collect::<Vec<_>>().join(", ")
                );
            }
        }
        Ok(())
    }

    /// The query filter these arguments describe (unchecked).
    pub fn filter(&self) -> Filter {
        Filter {
            agency: self.agency.clone(),
            agency_regex: self.agency_regex.clone(),
            region: self.region.clone(),
            kind: self.kind.clone(),
            from: self.from,
            to: self.to,
            agency_ids: None,
        }
    }
}

/// A metric name, English or Chinese (申请, 许可 …) → the metric (a usage error, exit 2,
/// suggests the closest names and lists the known ones).
pub fn metric(name: &str) -> Result<&'static Metric, String> {
    catalog::find(name).ok_or_else(|| {
        let names = catalog::CATALOG.iter().map(|m| m.name).chain(catalog::CHINESE_NAMES.iter().map(|(zh, _)| *zh));
        format!(
            "unknown metric {name:?}{}; known metrics: {} (or a Chinese name: xxgk metrics)",
            did_you_mean(name, names),
            catalog::CATALOG.iter().map(|m| m.name).collect::<Vec<_>>().join(", ")
        )
    })
}

/// A regular expression that compiles (a usage error, exit 2, says why not).
pub fn regex_arg(re: &str) -> Result<String, String> {
    regex::Regex::new(re).map(|_| re.to_string()).map_err(|e| format!("not a valid regular expression: {e}"))
}

/// A rule name (R1 … R7, any case) → the rule.
pub fn rule(name: &str) -> Result<Rule, String> {
    Rule::parse(name).ok_or_else(|| {
        format!("unknown rule {name:?}; rules: {}", Rule::ALL.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "))
    })
}

/// A grouping word → how `trend --by` groups reports.
pub fn group_by(word: &str) -> Result<GroupBy, String> {
    GroupBy::parse(word).ok_or_else(|| {
        format!(
            "unknown grouping {word:?}; one of: {}",
            GroupBy::ALL.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ")
        )
    })
}
