//! Document → report: metadata, the three tables, and the prose's claims; for a report
//! without the national tables, the pre-2019 figures.

pub mod cell;
pub mod claims;
pub mod figures;
pub mod fold;
pub mod meta;
pub mod tables;

use std::path::Path;

use crate::figures::{Era, FigureSource};
use crate::report::Report;
use crate::source::Document;

/// Extract everything xxgk keeps from one document. `path` names the source, as a last
/// resort for the year.
pub fn extract(doc: &Document, path: &Path) -> Report {
    let meta = meta::extract(doc, path);
    let tables = tables::extract(doc);
    let mut claims = claims::extract(doc.paragraphs());
    let mut notes = meta.notes;
    // No national tables: read as template pre2019 when the report is from before 2019 or
    // prints a pre-2019 statistics table. Its prose figures replace the template claims, and
    // the missing national tables are expected, not worth a note.
    let (era, figures) = if !tables.cells.is_empty() {
        notes.extend(tables.notes);
        (Era::Template, Vec::new())
    } else {
        let (figures, figure_notes) = figures::extract_with_notes(doc);
        let has_table = figures.iter().any(|f| f.source == FigureSource::Table);
        if meta.year.is_some_and(|y| y <= 2018) || has_table {
            notes.extend(figure_notes);
            if figures.is_empty() {
                notes.push("read as a pre-2019 report, but no figures found".into());
            }
            claims.clear();
            (Era::Pre2019, figures)
        } else {
            notes.extend(tables.notes);
            (Era::Unknown, Vec::new())
        }
    };
    notes.extend(doc.warnings.iter().cloned());
    Report {
        agency: meta.agency,
        year: meta.year,
        title: meta.title,
        versions: tables.versions,
        cells: tables.cells,
        claims,
        notes,
        era,
        figures,
    }
}
