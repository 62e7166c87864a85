//! xxgk reads 政府信息公开工作年度报告 (government information-disclosure annual reports)
//! into exact, checked rows of one SQLite database.
//!
//! The pipeline is visible in the module names:
//! [`source`] (bytes → [`source::Document`]) → [`extract`] (document → [`report::Report`]) →
//! [`checks`] → [`store`] (SQLite, `schema.sql`) → [`query`] → [`output`].

pub mod agency;
pub mod chart;
pub mod checks;
pub mod checks_pre2019;
pub mod cli;
pub mod extract;
pub mod figures;
pub mod import;
pub mod metrics;
pub mod normalize;
pub mod output;
pub mod query;
pub mod report;
pub mod show;
pub mod source;
pub mod store;
pub mod synth;
pub mod template;
pub mod xlsx;
