#![no_main]
//! The text reader on arbitrary bytes, then extraction and checks on what it read.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = xxgk_core::source::text::read(data) {
        xxgk_fuzz::downstream(&doc);
    }
});
