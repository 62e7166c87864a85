//! xxgk-db keeps checked reports in one SQLite file whose schema (`schema.sql`, at the
//! top of the repository) is the public contract, and answers the analysts' questions.
//!
//! [`store`] opens, migrates and writes; [`import`] runs the whole import of many files
//! (parallel parsing, one writer, batches), with [`prefetch`] reading ahead of the parsers
//! when the files come from the disk; [`query`] reads; [`rows`] is the result type every
//! query returns; [`scan`] reads the rows of the queries over every report; [`sqlite`]
//! sets SQLite up for the process.

pub mod bulk;
pub mod checkpoint;
pub mod import;
pub mod prefetch;
pub mod query;
pub mod rows;
pub mod scan;
pub mod sqlite;
pub mod store;
pub mod together;
