//! Real reports against their hand-checked gold files: every cell, agency, year, versions.

use crate::common;

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

/// 洪泽区 2023 prints table 四 totals of 0 where the parts add up to 11 and 5: R4 reports
/// both as failures of the source, with both values, exactly as the gold file records.
#[test]
fn hongze_2023_wrong_printed_totals_fail_r4() {
    let report = common::parse("hongze-2023.pdf");
    let checks = xxgk_core::checks::run(&report);
    let gold = common::gold("hongze-2023.json");
    let scope = |gold_scope: &str| {
        match gold_scope {
            "lit_after_review" => "suit_after_review",
            "lit_direct" => "suit_direct",
            other => other,
        }
        .to_string()
    };
    let expected: Vec<(String, f64, f64)> = gold["checks"]["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["rule"] == "R4")
        .map(|v| (scope(v["scope"].as_str().unwrap()), v["lhs"].as_f64().unwrap(), v["rhs"].as_f64().unwrap()))
        .collect();
    let failed: Vec<(String, f64, f64)> = checks
        .iter()
        .filter(|c| c.rule.as_str() == "R4" && c.status == xxgk_core::checks::Status::Fail)
        .map(|c| (c.scope.clone(), c.lhs.unwrap(), c.rhs.unwrap()))
        .collect();
    assert_eq!(failed, expected);
    assert_eq!(failed.len(), 2);
}

/// Every other corpus report passes R1–R4 where the gold lists no violation.
#[test]
fn corpus_reports_without_violations_pass_r1_to_r4() {
    for (real, gold) in [
        ("zibo-psb-2020.txt", "zibo-psb-2020.json"),
        ("huaian-2024.pdf", "huaian-2024.json"),
        ("pingtan-2019.html", "pingtan-2019.json"),
        ("pingtan-2021.html", "pingtan-2021.json"),
        ("pingtan-2023.html", "pingtan-2023.json"),
        ("shanghai-office-2019.html", "shanghai-office-2019.json"),
        ("shuyang-fgj-2023.html", "shuyang-fgj-2023.json"),
    ] {
        let g = common::gold(gold);
        let violations = g["checks"].get("violations").and_then(|v| v.as_array()).map_or(0, |v| v.len());
        assert_eq!(violations, 0, "{gold}");
        let report = common::parse(real);
        let fails: Vec<_> = xxgk_core::checks::run(&report)
            .into_iter()
            .filter(|c| {
                ["R1", "R2", "R3", "R4"].contains(&c.rule.as_str()) && c.status == xxgk_core::checks::Status::Fail
            })
            .collect();
        assert!(fails.is_empty(), "{real}: {fails:#?}");
    }
}
