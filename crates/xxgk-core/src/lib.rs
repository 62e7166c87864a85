//! xxgk-core reads 政府信息公开工作年度报告 (government information-disclosure annual
//! reports) into checked [`report::Report`]s. It knows nothing of SQLite or the command
//! line, so a binding or a service can reuse it.
//!
//! The pipeline is visible in the module names:
//! [`source`] (bytes → [`source::Document`]) → [`extract`] (document → [`report::Report`],
//! by the [`template`]'s labels and arithmetic) → [`checks`]; [`parse`] runs the three on
//! one file. [`metrics`] names the figures analysts ask for; [`agency`] resolves an
//! agency's region and kind.

pub mod agency;
pub mod checks;
pub mod extract;
pub mod figures;
pub mod metrics;
pub mod normalize;
pub mod parse;
pub mod report;
pub mod source;
pub mod template;
