//! Write seeds for the `extract_grid` target: the bundled samples encoded as grids.
//! Usage: seed-grid OUT_DIR

use xxgk_core::source::Limits;

fn main() {
    let out = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: seed-grid OUT_DIR"));
    std::fs::create_dir_all(&out).unwrap();
    let docs = [
        ("zibo", xxgk_core::source::text::read(include_bytes!("../../../examples/zibo-psb-2020.txt")).unwrap()),
        (
            "shili",
            xxgk_core::source::docx::read(include_bytes!("../../../examples/shili-2022.docx"), &Limits::default())
                .unwrap(),
        ),
    ];
    for (name, doc) in docs {
        let bytes = xxgk_fuzz::grid_to_bytes(&doc);
        assert_eq!(xxgk_fuzz::grid_from_bytes(&bytes).blocks, doc.blocks, "{name}: the encoding must round-trip");
        std::fs::write(out.join(name), bytes).unwrap();
    }
}
