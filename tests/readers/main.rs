//! Readers and extraction: every corpus report against its gold, the HTML, DOCX and PDF
//! readers on fixtures of our own, and replays of past fuzz findings.

#[path = "../common/mod.rs"]
mod common;

mod corpus;
mod doc_reader;
mod docx_reader;
mod fixtures;
mod html_reader;
mod html_stream;
mod layouts;
mod markups;
mod ocr_reader;
mod ocr_scans;
mod ofd_reader;
mod pdf_reader;
mod pictures;
mod regress;
mod shapes;
mod web_archives;
mod wordings;
