//! Development aid: `cargo test --test pdf_dump -- --ignored --nocapture` prints what the
//! PDF reader makes of the file named by XXGK_PDF.
use std::path::Path;

#[test]
#[ignore]
fn dump() {
    let path = std::env::var("XXGK_PDF").expect("set XXGK_PDF");
    let (_, doc, _) = xxgk::source::read_path(Path::new(&path), &Default::default()).unwrap();
    for b in &doc.blocks {
        match b {
            xxgk::source::Block::Paragraph(p) => println!("P: {p}"),
            xxgk::source::Block::Table(t) => {
                println!("TABLE");
                for r in &t.rows {
                    println!("  | {}", r.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "));
                }
            }
        }
    }
}
