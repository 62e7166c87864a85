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

use xxgk_core::checks::Rule;
use xxgk_core::metrics::{self as catalog, Metric};
use xxgk_db::query::{Filter, GroupBy};

/// Filters shared by the listing commands.
#[derive(Debug, clap::Args, Default)]
pub struct FilterArgs {
    /// Only agencies whose name contains this text (taken literally).
    #[arg(long)]
    pub agency: Option<String>,
    /// Only agencies whose name matches this regular expression.
    #[arg(long)]
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
    /// The query filter these arguments describe.
    pub fn filter(&self) -> Filter {
        Filter {
            agency: self.agency.clone(),
            agency_regex: self.agency_regex.clone(),
            region: self.region.clone(),
            kind: self.kind.clone(),
            from: self.from,
            to: self.to,
        }
    }
}

/// A metric name → the metric (a usage error, exit 2, lists the known names).
pub fn metric(name: &str) -> Result<&'static Metric, String> {
    catalog::find(name).ok_or_else(|| {
        format!(
            "unknown metric {name:?}; known metrics: {}",
            catalog::CATALOG.iter().map(|m| m.name).collect::<Vec<_>>().join(", ")
        )
    })
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
        format!("unknown grouping {word:?}; one of: {}", GroupBy::ALL.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", "))
    })
}
