//! Real reports against their hand-checked gold files: every cell, agency, year, versions.

mod common;

#[test]
fn zibo_psb_2020_text() {
    common::assert_matches_gold("zibo-psb-2020.txt", "zibo-psb-2020.json");
}
