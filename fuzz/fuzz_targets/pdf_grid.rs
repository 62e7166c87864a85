#![no_main]
//! PDF word boxes → document: the pure half of the PDF reader (pdftotext's
//! `-bbox-layout` XHTML parsed and rebuilt into rows and columns), then extraction.
//! pdftotext itself is not run.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let xhtml = String::from_utf8_lossy(data);
    let doc = xxgk_core::source::pdf::from_bbox_xhtml(&xhtml);
    xxgk_fuzz::downstream(&doc);
});
