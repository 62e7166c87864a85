use std::path::PathBuf;
use xxgk_core::source::{self, Limits};
fn main() {
    let path = PathBuf::from(std::env::args().nth(1).unwrap());
    let limits = Limits::default();
    let bytes = source::read_file(&path, &limits).unwrap();
    let (_, doc) = source::read_bytes(&bytes, &path, &limits).unwrap();
    let mut rows = 0;
    let mut cells = 0;
    for t in doc.tables() {
        for r in &t.rows {
            rows += 1;
            cells += r.len();
        }
    }
    println!("tables {} rows {rows} cells {cells} paragraphs {}", doc.tables().count(), doc.paragraphs().count());
    let t = xxgk_core::extract::read_tables(&doc);
    println!("cells out {} notes {}", t.cells.len(), t.notes.len());
}
