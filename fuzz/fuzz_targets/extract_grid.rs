#![no_main]
//! Extraction from an arbitrary grid: paragraphs and tables of real labels and numbers
//! (see `xxgk_fuzz::grid_from_bytes`), then the checks and metrics.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = xxgk_fuzz::grid_from_bytes(data);
    xxgk_fuzz::downstream(&doc);
});
