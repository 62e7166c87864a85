//! Real reports against their hand-checked gold files: every cell, agency, year, versions.

mod common;

#[test]
fn zibo_psb_2020_text() {
    common::assert_matches_gold("zibo-psb-2020.txt", "zibo-psb-2020.json");
}

#[test]
fn shanghai_office_2019_docx() {
    common::assert_matches_gold("shanghai-office-2019.docx", "shanghai-office-2019.docx.json");
}

#[test]
fn huaian_2024_pdf() {
    common::assert_matches_gold("huaian-2024.pdf", "huaian-2024.json");
}

#[test]
fn hongze_2023_pdf() {
    common::assert_matches_gold("hongze-2023.pdf", "hongze-2023.json");
}

#[test]
fn pingtan_2021_pdf() {
    common::assert_matches_gold("pingtan-2021.pdf", "pingtan-2021.pdf.json");
}

#[test]
fn pingtan_2019_html() {
    common::assert_matches_gold("pingtan-2019.html", "pingtan-2019.json");
}

#[test]
fn pingtan_2021_html() {
    common::assert_matches_gold("pingtan-2021.html", "pingtan-2021.json");
}

#[test]
fn pingtan_2023_html() {
    common::assert_matches_gold("pingtan-2023.html", "pingtan-2023.json");
}

#[test]
fn shanghai_office_2019_html() {
    common::assert_matches_gold("shanghai-office-2019.html", "shanghai-office-2019.json");
}

#[test]
fn shuyang_fgj_2023_html() {
    common::assert_matches_gold("shuyang-fgj-2023.html", "shuyang-fgj-2023.json");
}
