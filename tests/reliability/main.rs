//! Reliability: imports killed at chosen points, imports running at once, an interrupted
//! import resumed.

#[path = "../common/mod.rs"]
mod common;

mod concurrency;
mod crash;
mod resume;
