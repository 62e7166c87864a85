//! Analysis over several reports: trends across gap years and the template change,
//! cross-year rule R5, and stated changes confirmed or contradicted by the previous year.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub(crate) fn xxgk(db: &Path) -> Command {
    let mut c = Command::cargo_bin("xxgk").unwrap();
    c.arg("--db").arg(db).env_remove("XXGK_DB");
    c
}

pub(crate) fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

pub(crate) fn gold_value(gold: &Value, tbl: &str, row: &str, col: &str) -> Option<f64> {
    gold["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["tbl"] == tbl && c["row"] == row && c["col"] == col)
        .and_then(|c| c["value"].as_f64())
}

fn pingtan_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let real = common::corpus().join("real");
    xxgk(&db)
        .arg("import")
        .arg(real.join("pingtan-2019.html"))
        .arg(real.join("pingtan-2021.html"))
        .arg(real.join("pingtan-2023.html"))
        .arg(common::repo().join("examples/zibo-psb-2020.txt"))
        .assert()
        .success();
    (dir, db)
}

/// One trend row: (year, report, value, previous_value, change).
type TrendRow = (i64, String, Option<f64>, Option<f64>, Option<f64>);

/// The trend rows of one agency.
fn trend_rows(db: &Path, metric: &str, agency: &str) -> Vec<TrendRow> {
    let rows = json_of(xxgk(db).args(["trend", metric, "--agency", agency]));
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["report"].as_str().unwrap().to_string(),
                r["value"].as_f64(),
                r["previous_value"].as_f64(),
                r["change"].as_f64(),
            )
        })
        .collect()
}

#[test]
fn pingtan_trends_match_the_gold_files_across_gaps_and_the_template_change() {
    let (_d, db) = pingtan_db();
    let golds =
        [common::gold("pingtan-2019.json"), common::gold("pingtan-2021.json"), common::gold("pingtan-2023.json")];
    for (metric, tbl, row, col) in [
        ("applications", "applications", "new_received", "total"),
        ("permits", "proactive", "licensing", "decisions"),
        ("penalties", "proactive", "penalty", "decisions"),
    ] {
        let v: Vec<f64> = golds.iter().map(|g| gold_value(g, tbl, row, col).unwrap()).collect();
        let expected = vec![
            (2019, "present".to_string(), Some(v[0]), None, None),
            (2020, "missing".to_string(), None, None, None),
            (2021, "present".to_string(), Some(v[1]), Some(v[0]), Some(v[1] - v[0])),
            (2022, "missing".to_string(), None, None, None),
            (2023, "present".to_string(), Some(v[2]), Some(v[1]), Some(v[2] - v[1])),
        ];
        assert_eq!(trend_rows(&db, metric, "平潭"), expected, "{metric}");
    }
    // 2019 → 2021 crosses the template change: permits rest on `decisions`, printed in both.
    let r: Value = json_of(
        xxgk(&db).args(["sql", "SELECT proactive_version FROM reports WHERE agency = '平潭综合实验区' ORDER BY year"]),
    );
    assert_eq!(
        r,
        serde_json::json!([{"proactive_version": "2019"}, {"proactive_version": "2021"}, {"proactive_version": "2021"}])
    );
}

#[test]
fn compare_and_rank_on_the_corpus() {
    let (_d, db) = pingtan_db();
    let rows = json_of(xxgk(&db).args(["compare", "2019", "2021", "--metric", "permits"]));
    let p = rows.as_array().unwrap().iter().find(|r| r["agency"] == "平潭综合实验区").unwrap();
    let (a, b) = (
        gold_value(&common::gold("pingtan-2019.json"), "proactive", "licensing", "decisions").unwrap(),
        gold_value(&common::gold("pingtan-2021.json"), "proactive", "licensing", "decisions").unwrap(),
    );
    assert_eq!((p["value_a"].as_f64(), p["value_b"].as_f64(), p["present"].as_str()), (Some(a), Some(b), Some("both")));
    let rank = json_of(xxgk(&db).args(["rank", "applications", "--year", "2021"]));
    assert_eq!(rank[0]["agency"], "平潭综合实验区");
    assert_eq!(
        rank[0]["value"].as_f64(),
        gold_value(&common::gold("pingtan-2021.json"), "applications", "new_received", "total")
    );
}

/// The sample report re-titled for another agency and year, with chosen value lines changed.
pub(crate) fn variant(dir: &Path, agency: &str, year: i32, edits: &[(&str, usize, &str)]) -> PathBuf {
    let text = std::fs::read_to_string(common::repo().join("examples/zibo-psb-2020.txt")).unwrap();
    let text = text
        .replacen("淄博市公安局2020年", &format!("{agency}{year}年"), 1)
        .replace("2020年1月1日", &format!("{year}年1月1日"));
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (label, nth, new) in edits {
        let at = lines.iter().position(|l| l.contains(label)).unwrap();
        let values: Vec<usize> =
            (at + 1..lines.len()).filter(|&i| lines[i].starts_with('\t') && !lines[i].trim().is_empty()).collect();
        lines[values[*nth]] = format!("\t{new}");
    }
    let p = dir.join(format!("{agency}-{year}.txt"));
    std::fs::write(&p, lines.join("\n")).unwrap();
    p
}

#[test]
fn r5_passes_when_carry_over_matches_and_fails_when_it_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // 2019: 3 natural-person applications carried forward; 2020 carries 3 over: R5 passes.
    let y2019 = variant(dir.path(), "示例县示例局", 2019, &[("四、结转下年度", 0, "3"), ("四、结转下年度", 6, "3")]);
    let good = variant(dir.path(), "示例县示例局", 2020, &[("二、上年结转", 0, "3"), ("二、上年结转", 6, "3")]);
    xxgk(&db).arg("import").arg(&y2019).arg(&good).assert().success();
    let r5 = json_of(xxgk(&db).args(["check", "--rule", "R5", "--agency", "示例县示例局"]));
    let np = r5.as_array().unwrap().iter().find(|r| r["scope"] == "natural_person").unwrap();
    assert_eq!((np["status"].as_str(), np["lhs"].as_f64(), np["rhs"].as_f64()), (Some("pass"), Some(3.0), Some(3.0)));
    assert_eq!(r5.as_array().unwrap().len(), 7);

    // Replace 2020 with a report that carries over 5: R5 fails, with both values, and the
    // old results are gone.
    let bad = variant(dir.path(), "示例县示例局", 2020, &[("二、上年结转", 0, "5"), ("二、上年结转", 6, "5")]);
    xxgk(&db).args(["import", "--replace"]).arg(&bad).assert().success();
    let r5 = json_of(xxgk(&db).args(["check", "--rule", "R5", "--agency", "示例县示例局"]));
    assert_eq!(r5.as_array().unwrap().len(), 7);
    let np = r5.as_array().unwrap().iter().find(|r| r["scope"] == "natural_person").unwrap();
    assert_eq!((np["status"].as_str(), np["lhs"].as_f64(), np["rhs"].as_f64()), (Some("fail"), Some(5.0), Some(3.0)));
}

#[test]
fn a_stated_change_is_confirmed_or_contradicted_by_the_previous_report() {
    for (previous, verdict) in [("12", "confirmed"), ("14", "contradicted")] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        // The 2020 report states 15 applications, +25% on last year: 12 implied.
        let y2020 = variant(dir.path(), "示例市示例局", 2020, &[]);
        let y2019 =
            variant(dir.path(), "示例市示例局", 2019, &[("一、本年新收", 0, previous), ("一、本年新收", 6, previous)]);
        xxgk(&db).arg("import").arg(&y2019).arg(&y2020).assert().success();
        let claims = json_of(xxgk(&db).args(["claims", "--agency", "示例市示例局"]));
        let c = claims
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["year"] == 2020 && c["subject"] == "applications.new_received.total")
            .unwrap();
        assert_eq!(c["implied_previous"], 12);
        assert_eq!(c["previous_value"].as_f64(), Some(previous.parse().unwrap()));
        assert_eq!(c["change_check"], verdict);
        let trend = json_of(xxgk(&db).args(["trend", "applications", "--agency", "示例市示例局"]));
        assert_eq!(trend[1]["stated_vs_tables"], verdict);
    }
}

#[test]
fn names_differing_by_a_parent_prefix_are_one_agency_and_aliases_merge_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let hongze = common::corpus().join("real/hongze-2023.pdf");
    xxgk(&db).arg("import").arg(&hongze).assert().success();
    // The same agency under its fuller name, a year later.
    xxgk(&db).args(["import", "--agency", "淮安市洪泽区人民政府", "--year", "2024"]).arg(&hongze).assert().success();
    let agencies = json_of(xxgk(&db).args(["agencies"]));
    let all = agencies.as_array().unwrap();
    assert_eq!(all.len(), 1, "{agencies:#}");
    let a = &all[0];
    assert_eq!(a["agency"], "淮安市洪泽区人民政府");
    assert_eq!(a["aliases"], "洪泽区人民政府");
    assert_eq!(
        (a["province"].as_str(), a["city"].as_str(), a["county"].as_str()),
        (Some("江苏省"), Some("淮安市"), Some("洪泽区"))
    );
    assert_eq!(a["kind"], "government");
    assert_eq!(a["years"], "2023,2024");
    // The trend follows the canonical agency across both names.
    let trend = json_of(xxgk(&db).args(["trend", "applications"]));
    assert_eq!(trend.as_array().unwrap().len(), 2);
    assert!(trend.as_array().unwrap().iter().all(|r| r["agency"] == "淮安市洪泽区人民政府"));
    assert_eq!(trend[1]["previous_year"], 2023);
    // An unrelated name recorded by hand as an alias: its reports move over.
    let zibo = common::repo().join("examples/zibo-psb-2020.txt");
    xxgk(&db).args(["import", "--agency", "洪泽区政府"]).arg(&zibo).assert().success();
    assert_eq!(json_of(xxgk(&db).args(["agencies"])).as_array().unwrap().len(), 2);
    xxgk(&db).args(["agencies", "alias", "洪泽区政府", "洪泽区人民政府"]).assert().success();
    let agencies = json_of(xxgk(&db).args(["agencies"]));
    assert_eq!(agencies.as_array().unwrap().len(), 1);
    assert_eq!(agencies[0]["years"], "2020,2023,2024");
    assert_eq!(agencies[0]["missing_years"], "2021,2022");
    xxgk(&db).args(["agencies", "alias", "某名", "不存在的机关"]).assert().code(4);
}

#[test]
fn region_and_kind_resolve_for_every_corpus_agency() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let real = common::corpus().join("real");
    let files = [
        "zibo-psb-2020.txt",
        "pingtan-2019.html",
        "shanghai-office-2019.html",
        "shuyang-fgj-2023.html",
        "huaian-2024.pdf",
        "hongze-2023.pdf",
    ];
    let mut cmd = xxgk(&db);
    cmd.arg("import");
    for f in files {
        cmd.arg(real.join(f));
    }
    cmd.assert().success();
    let agencies = json_of(xxgk(&db).args(["agencies"]));
    let get = |name: &str| {
        agencies.as_array().unwrap().iter().find(|a| a["agency"] == name).cloned().unwrap_or_else(|| panic!("{name}"))
    };
    for (name, code, kind) in [
        ("淄博市公安局", "370300", "public_security"),
        ("平潭综合实验区", "350128", "special_zone"),
        ("上海市人民政府办公厅", "310000", "government_office"),
        ("沭阳县发展和改革局", "321322", "development_reform"),
        ("淮安市人民政府", "320800", "government"),
        ("洪泽区人民政府", "320813", "government"),
    ] {
        let a = get(name);
        assert_eq!((a["region_code"].as_str(), a["kind"].as_str()), (Some(code), Some(kind)), "{name}");
    }
    // Region filters take names at any level and codes.
    let jiangsu = json_of(xxgk(&db).args(["reports", "--region", "江苏省"]));
    assert_eq!(jiangsu.as_array().unwrap().len(), 3);
    let huaian = json_of(xxgk(&db).args(["reports", "--region", "320800"]));
    assert_eq!(huaian.as_array().unwrap().len(), 2);
    let police = json_of(xxgk(&db).args(["reports", "--kind", "公安"]));
    assert_eq!(police[0]["agency"], "淄博市公安局");
    let by_province = json_of(xxgk(&db).args(["trend", "applications", "--by", "province"]));
    let js2023 =
        by_province.as_array().unwrap().iter().find(|r| r["province"] == "江苏省" && r["year"] == 2023).unwrap();
    let sum = gold_value(&common::gold("hongze-2023.json"), "applications", "new_received", "total").unwrap()
        + gold_value(&common::gold("shuyang-fgj-2023.json"), "applications", "new_received", "total").unwrap();
    assert_eq!(js2023["value"].as_f64(), Some(sum));
    assert_eq!(js2023["reports"], 2);
}

#[test]
fn r6_checks_the_2021_stock_across_years() {
    // The same 2021-template report imported as 2022 and (re-dated) 2023: for 规章,
    // in_force 12 ≠ 12 + issued 1 − repealed 0, so R6 warns; for 规范性文件 the repealed
    // cell is blank, so R6 cannot be assessed.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let docx = common::repo().join("tests/fixtures/docx/filled-2022.docx");
    xxgk(&db).arg("import").arg(&docx).assert().success();
    xxgk(&db).args(["import", "--year", "2023"]).arg(&docx).assert().success();
    let r6 = json_of(xxgk(&db).args(["check", "--rule", "R6"]));
    let rules = r6.as_array().unwrap().iter().find(|r| r["scope"] == "rules").unwrap();
    assert_eq!(
        (rules["status"].as_str(), rules["lhs"].as_f64(), rules["rhs"].as_f64()),
        (Some("fail"), Some(12.0), Some(13.0))
    );
    assert!(rules["detail"].as_str().unwrap().starts_with("warning"));
    let docs = r6.as_array().unwrap().iter().find(|r| r["scope"] == "normative_docs").unwrap();
    assert_eq!(docs["status"], "not_assessable");
}
