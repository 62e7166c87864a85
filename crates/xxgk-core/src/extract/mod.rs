//! Document → report: metadata, the three tables, and the prose's claims.

pub mod cell;
pub mod claims;
pub mod meta;
pub mod tables;

use std::path::Path;

use crate::report::Report;
use crate::source::Document;

/// Extract everything xxgk keeps from one document. `path` names the source, as a last
/// resort for the year.
pub fn extract(doc: &Document, path: &Path) -> Report {
    let meta = meta::extract(doc, path);
    let tables = tables::extract(doc);
    let claims = claims::extract(doc.paragraphs());
    let mut notes = meta.notes;
    notes.extend(tables.notes);
    notes.extend(doc.warnings.iter().cloned());
    Report {
        agency: meta.agency,
        year: meta.year,
        title: meta.title,
        versions: tables.versions,
        cells: tables.cells,
        claims,
        notes,
    }
}
