//! The command line end to end: every command and format, the analyst's questions on the
//! corpus, and bad or hostile input refused cleanly with the database unchanged.

#[path = "../common/mod.rs"]
mod common;

mod analysis;
mod analyst;
mod bad_input;
mod cli;
mod eras;
mod hostile;
mod ocr_migration;
mod schema_migration;
mod storage;
mod tools;
