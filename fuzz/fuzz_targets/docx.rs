#![no_main]
//! The DOCX reader (zip + WordprocessingML) on arbitrary bytes, then extraction.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = xxgk_core::source::docx::read(data, &xxgk_fuzz::limits()) {
        xxgk_fuzz::downstream(&doc);
    }
});
