#![no_main]
//! The Word 97 reader (compound file + FIB + piece table + properties) on arbitrary
//! bytes, then extraction.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = xxgk_core::source::doc::read(data, &xxgk_fuzz::limits()) {
        xxgk_fuzz::downstream(&doc);
    }
});
