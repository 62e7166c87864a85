//! Reports before the 2019 template in the database: their figures stored and shown, the
//! cumulative rule and R7 stored as checks, one series from 2011 to 2023 across the template
//! change with the source of every value, compare / rank / export across eras, and the
//! upgrade of a schema version 1 database. Expected values come from the gold files of
//! `corpus/pre2019/gold` and `corpus/gold`.

use crate::analysis::{gold_value, json_of, xxgk};
use crate::common;
use crate::schema_migration::structure;

use std::path::{Path, PathBuf};

use serde_json::Value;
use xxgk_core::checks::pre2019::{cumulative_series, YearFigures};

const ZONE: &str = "平潭综合实验区";

/// The visible pre-2019 corpus reports.
fn pre2019_files() -> Vec<PathBuf> {
    let dir = common::corpus().join("pre2019/real");
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(&dir).expect("pre2019/real").map(|e| e.expect("entry").path()).collect();
    files.sort();
    assert!(files.len() >= 19, "expected the 19 visible pre-2019 reports in {}", dir.display());
    files
}

/// Every pre-2019 gold file: (file name, parsed).
fn pre2019_golds() -> Vec<(String, Value)> {
    let dir = common::corpus().join("pre2019/gold");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("pre2019/gold")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), common::pre2019_gold(&n))).collect()
}

/// The 2019, 2021 and 2023 corpus reports of 平潭综合实验区.
fn template_files() -> Vec<PathBuf> {
    let real = common::corpus().join("real");
    ["pingtan-2019.html", "pingtan-2021.html", "pingtan-2023.html"].iter().map(|f| real.join(f)).collect()
}

/// A database with the visible pre-2019 corpus and the 平潭 2019/2021/2023 reports.
fn eras_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").args(pre2019_files()).args(template_files()).assert().success();
    (dir, db)
}

/// The pre-2019 fixtures of the 平潭综合实验区 series the corpus lacks (2012, 2017).
fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/fixtures/pre2019").join(name)
}

/// Is a gold raw a statistics-table row (`label unit value`) rather than a sentence?
fn is_table_row(raw: &str, unit: &str, value: f64) -> bool {
    raw.ends_with(&format!(" {unit} {value}"))
}

/// One trend row as compared: (year, report, value, unit, source).
type Row = (i64, String, Option<f64>, Option<String>, Option<String>);

fn trend_of(db: &Path, metric: &str, agency: &str) -> (Vec<Row>, Vec<Value>) {
    let rows = json_of(xxgk(db).args(["trend", metric, "--agency", agency]));
    let mine: Vec<Value> = rows.as_array().unwrap().iter().filter(|r| r["agency"] == agency).cloned().collect();
    let got = mine
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["report"].as_str().unwrap().to_string(),
                r["value"].as_f64(),
                r["unit"].as_str().map(str::to_string),
                r["source"].as_str().map(str::to_string),
            )
        })
        .collect();
    (got, mine)
}

/// The catalog's pre-2019 caveat of a metric, as `xxgk metrics` prints it.
fn pre2019_caveat(db: &Path, metric: &str) -> String {
    let catalog = json_of(xxgk(db).arg("metrics"));
    let m = catalog.as_array().unwrap().iter().find(|m| m["metric"] == metric).unwrap_or_else(|| panic!("{metric}"));
    let c = m["pre2019_caveat"].as_str().unwrap().to_string();
    assert!(!c.is_empty(), "{metric} has no pre-2019 caveat");
    c
}

/// `trend applications --agency 平潭综合实验区`: 2011–2018 from the pre-2019 reports (figures,
/// in 条, from their statistics tables) and 2019/2021/2023 from the template tables (件), in
/// one table with the source of every value; years without a report `missing`. The county
/// government 平潭县人民政府 stays a separate agency, and 2014 (printed 平潭综合实验区管委会)
/// joins the series only once the alias is recorded by hand.
#[test]
fn pingtan_applications_from_2011_to_2023_in_one_series() {
    let (_d, db) = eras_db();
    // Expected from the gold files.
    let mut expected: Vec<(i64, f64, String, String)> = Vec::new();
    for (name, g) in pre2019_golds() {
        if g["agency"] != ZONE {
            continue;
        }
        let (value, unit, raw) =
            common::gold_figure(&g, "applications").unwrap_or_else(|| panic!("{name}: applications"));
        let source = if is_table_row(&raw, &unit, value) { "pre-2019 table" } else { "pre-2019 prose" };
        expected.push((g["year"].as_i64().unwrap(), value, unit, source.to_string()));
    }
    assert_eq!(
        expected.iter().map(|e| e.0).collect::<Vec<_>>(),
        vec![2011, 2013, 2015, 2016, 2018],
        "the zone's visible pre-2019 years"
    );
    for (name, source) in
        [("pingtan-2019.json", "2019 table"), ("pingtan-2021.json", "2021 table"), ("pingtan-2023.json", "2021 table")]
    {
        let g = common::gold(name);
        let v = gold_value(&g, "applications", "new_received", "total").unwrap();
        expected.push((g["year"].as_i64().unwrap(), v, "件".into(), source.into()));
    }
    let series = |expected: &[(i64, f64, String, String)]| -> Vec<Row> {
        let mut out = Vec::new();
        for (i, (year, value, unit, source)) in expected.iter().enumerate() {
            if let Some((prev, ..)) = i.checked_sub(1).map(|j| &expected[j]) {
                out.extend((prev + 1..*year).map(|y| (y, "missing".to_string(), None, None, None)));
            }
            out.push((*year, "present".to_string(), Some(*value), Some(unit.clone()), Some(source.clone())));
        }
        out
    };
    let (got, rows) = trend_of(&db, "applications", ZONE);
    assert_eq!(got, series(&expected));
    assert_eq!((got.first().unwrap().0, got.last().unwrap().0), (2011, 2023));
    // Pre-2019 values and the change from 2018 to 2019 carry the caveat; later rows do not.
    let caveat = pre2019_caveat(&db, "applications");
    for r in &rows {
        // No caveat is null, never "".
        let want = match r["year"].as_i64().unwrap() {
            y if y <= 2019 && r["report"] == "present" => Some(caveat.as_str()),
            _ => None,
        };
        assert_eq!(r["caveat"].as_str(), want, "{r}");
    }
    let y2019 = rows.iter().find(|r| r["year"] == 2019).unwrap();
    assert_eq!(y2019["previous_year"], 2018);

    // Other names are other agencies: nothing is merged by guess.
    let agencies = json_of(xxgk(&db).arg("agencies"));
    let names: Vec<&str> = agencies.as_array().unwrap().iter().map(|a| a["agency"].as_str().unwrap()).collect();
    for name in ["平潭县人民政府", "平潭综合实验区管委会", ZONE] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    let county = json_of(xxgk(&db).args(["trend", "applications", "--agency", "平潭县人民政府"]));
    let county_years: Vec<i64> = county.as_array().unwrap().iter().map(|r| r["year"].as_i64().unwrap()).collect();
    assert_eq!(county_years, vec![2011, 2012]);

    // Recorded by hand, 平潭综合实验区管委会 joins: 2014 is present, with its gold value.
    xxgk(&db).args(["agencies", "alias", "平潭综合实验区管委会", ZONE]).assert().success();
    let g2014 = common::pre2019_gold("pingtan-2014.json");
    let (v, unit, _) = common::gold_figure(&g2014, "applications").unwrap();
    let pos = expected.iter().position(|e| e.0 > 2014).unwrap();
    expected.insert(pos, (2014, v, unit, "pre-2019 table".into()));
    let (got, _) = trend_of(&db, "applications", ZONE);
    assert_eq!(got, series(&expected));
}

/// Every figure of every visible pre-2019 report is stored and readable through
/// `report_figures` with the gold's key, value, unit and raw row or sentence; the reports
/// listing names the template and counts the figures.
#[test]
fn report_figures_hold_every_gold_figure() {
    let (_d, db) = eras_db();
    let figures = json_of(xxgk(&db).args(["sql", "SELECT * FROM report_figures ORDER BY report_id, key"]));
    let figures = figures.as_array().unwrap();
    let columns: Vec<&String> = figures[0].as_object().unwrap().keys().collect();
    for c in ["report_id", "agency_id", "agency", "year", "source_sha256", "key", "value", "unit", "raw", "source"] {
        assert!(columns.iter().any(|k| *k == c), "report_figures lacks {c}");
    }
    let reports = json_of(xxgk(&db).arg("reports"));
    let reports = reports.as_array().unwrap();
    let mut checked = 0;
    for (name, g) in pre2019_golds() {
        let sha = g["source"]["sha256"].as_str().unwrap();
        let mine: Vec<&Value> = figures.iter().filter(|f| f["source_sha256"] == sha).collect();
        assert!(!mine.is_empty(), "{name}: no figures stored");
        for gf in g["figures"].as_array().unwrap() {
            let f = mine
                .iter()
                .find(|f| f["key"] == gf["key"])
                .unwrap_or_else(|| panic!("{name}: {} not stored", gf["key"]));
            assert_eq!(
                (f["value"].as_f64(), f["unit"].as_str()),
                (gf["value"].as_f64(), gf["unit"].as_str()),
                "{name}: {}",
                gf["key"]
            );
            assert_eq!(f["year"].as_i64(), g["year"].as_i64(), "{name}");
            checked += 1;
        }
        // The one figure the gold leaves out (tests/pre2019.rs, NOT_IN_GOLD) is 2014's combined channel row.
        let extra = if name == "pingtan-2014.json" { 1 } else { 0 };
        assert_eq!(mine.len(), g["figures"].as_array().unwrap().len() + extra, "{name}");
        let r = reports.iter().find(|r| r["report_id"] == mine[0]["report_id"]).unwrap();
        assert_eq!(
            (r["template"].as_str(), r["figures"].as_u64()),
            (Some("pre2019"), Some(mine.len() as u64)),
            "{name}"
        );
        assert_eq!(r["cells"], 0, "{name}");
    }
    assert!(checked > 200, "{checked} gold figures");
    for (name, template) in
        [("pingtan-2019.json", "2019"), ("pingtan-2021.json", "2021"), ("pingtan-2023.json", "2021")]
    {
        let g = common::gold(name);
        assert_eq!(g["versions"]["applications"], template, "{name}");
        let r = reports.iter().find(|r| r["agency"] == ZONE && r["year"] == g["year"]).unwrap();
        assert_eq!((r["template"].as_str(), r["figures"].is_null()), (Some(template), true), "{name}");
    }
    // cell_values stays template cells only.
    let cells = json_of(xxgk(&db).args(["sql", "SELECT count(DISTINCT report_id) AS n FROM cell_values"]));
    assert_eq!(cells[0]["n"], 3);
}

/// Stored cross-year results for one agency's cumulative rule: (earlier year, later year,
/// status, lhs, rhs).
type Step = (i64, i64, String, Option<f64>, Option<f64>);

fn cumulative_steps(db: &Path, agency: &str) -> Vec<Step> {
    // Every result, the passes counted in check_runs rebuilt beside the rows, as `xxgk
    // check` and `xxgk export` list them.
    let store = xxgk_db::store::Store::open(db, xxgk_db::store::Access::ReadOnly).unwrap();
    xxgk_db::query::fill_counted_passes(&store.conn, "1 = 1", &[]).unwrap();
    let mut stmt = store
        .conn
        .prepare(
            "SELECT o.year, r.year, k.status, k.lhs, k.rhs
             FROM (SELECT * FROM main.check_results UNION ALL SELECT * FROM temp.counted_passes) k
             JOIN reports r ON r.report_id = k.report_id JOIN reports o ON o.report_id = k.other_report_id
             JOIN agencies a ON a.agency_id = r.agency_id
             WHERE k.rule = 'R6' AND k.scope = 'proactive_items_cumulative' AND a.name = ?1 ORDER BY r.year",
        )
        .unwrap();
    let rows = stmt.query_map([agency], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// The cumulative rule is stored like R6, on the later report, and recomputed when either
/// year is imported. The visible corpus alone shows the 2017 break (2018's 12106 below
/// 2016's 85376 + 2018's figure); with the 2012 and 2017 reports the 2013 value fails too.
#[test]
fn the_cumulative_rule_is_stored_and_recomputed_across_years() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let real = common::corpus().join("pre2019/real");
    let gold = |y: i32| common::pre2019_gold(&format!("pingtan-{y}.json"));
    let fig = |y: i32, key: &str| common::gold_figure(&gold(y), key).unwrap().0;
    // 2018 first, then 2016: the result appears on 2018 when its earlier year comes in.
    xxgk(&db).arg("import").arg(real.join("pingtan-2018.html")).assert().success();
    assert_eq!(cumulative_steps(&db, ZONE), vec![]);
    xxgk(&db).arg("import").arg(real.join("pingtan-2016.html")).assert().success();
    let bound = fig(2016, "proactive_items_cumulative") + fig(2018, "proactive_items");
    assert_eq!(
        cumulative_steps(&db, ZONE),
        vec![(2016, 2018, "fail".into(), Some(fig(2018, "proactive_items_cumulative")), Some(bound))]
    );
    let failures = json_of(xxgk(&db).args(["check", "--failures", "--rule", "R6"]));
    assert_eq!(failures.as_array().unwrap().len(), 1);
    assert!(failures[0]["detail"].as_str().unwrap().contains("1 year(s) between them not seen"), "{failures}");

    // 2017 in between: 2018 is now checked against 2017 (and passes), 2017 against 2016 (the break).
    xxgk(&db).arg("import").arg(fixture("pingtan-2017.html")).assert().success();
    let steps = cumulative_steps(&db, ZONE);
    assert_eq!(
        steps.iter().map(|s| (s.0, s.1, s.2.as_str())).collect::<Vec<_>>(),
        vec![(2016, 2017, "fail"), (2017, 2018, "pass")]
    );
    assert_eq!(steps[1].3, Some(fig(2018, "proactive_items_cumulative")));

    // The rest of the series: every stored step is what the rule gives on the reports.
    let mut files: Vec<PathBuf> = [2011, 2013, 2015].iter().map(|y| real.join(format!("pingtan-{y}.html"))).collect();
    files.push(fixture("pingtan-2012.txt"));
    xxgk(&db).arg("import").args(&files).assert().success();
    let mut paths: Vec<PathBuf> =
        [2011, 2013, 2015, 2016, 2018].iter().map(|y| real.join(format!("pingtan-{y}.html"))).collect();
    paths.extend([fixture("pingtan-2012.txt"), fixture("pingtan-2017.html")]);
    let reports: Vec<xxgk_core::report::Report> = paths
        .iter()
        .map(|p| {
            let (_, doc, _) = xxgk_core::source::read_path(p, &Default::default()).unwrap();
            xxgk_core::extract::extract(&doc, p)
        })
        .collect();
    let years: Vec<YearFigures> =
        reports.iter().map(|r| YearFigures { year: r.year.unwrap(), figures: &r.figures }).collect();
    let want: Vec<Step> = cumulative_series(&years)
        .into_iter()
        .map(|(a, b, r)| (a.into(), b.into(), r.status.as_str().to_string(), r.lhs, r.rhs))
        .collect();
    let got = cumulative_steps(&db, ZONE);
    assert_eq!(got, want);
    // The 2013 value: 2013's 历年累计 is not 2012's plus 2013's figure.
    let s2013 = got.iter().find(|s| s.1 == 2013).unwrap();
    assert_eq!((s2013.0, s2013.2.as_str(), s2013.3), (2012, "fail", Some(fig(2013, "proactive_items_cumulative"))));
    assert_eq!(
        s2013.4.map(|r| r - fig(2013, "proactive_items")),
        Some(got.iter().find(|s| s.1 == 2012).unwrap().3.unwrap())
    );
    // With 2014 unseen (another name), 2015 against 2013 only bounds the cumulative.
    assert_eq!(got.iter().find(|s| s.1 == 2015).map(|s| (s.0, s.2.as_str())), Some((2013, "not_assessable")));

    // Re-importing a year recomputes its neighbours' results, never duplicates them.
    xxgk(&db).args(["import", "--replace"]).arg(real.join("pingtan-2016.html")).assert().success();
    assert_eq!(cumulative_steps(&db, ZONE), want);
    // An alias moves 2014 in: 2014 and 2015 pass.
    xxgk(&db).arg("import").arg(real.join("pingtan-2014.html")).assert().success();
    xxgk(&db).args(["agencies", "alias", "平潭综合实验区管委会", ZONE]).assert().success();
    let got = cumulative_steps(&db, ZONE);
    let around: Vec<(i64, i64, &str)> =
        got.iter().filter(|s| (2014..=2015).contains(&s.1)).map(|s| (s.0, s.1, s.2.as_str())).collect();
    assert_eq!(around, vec![(2013, 2014, "pass"), (2014, 2015, "pass")]);
    assert_eq!(got.len(), 7, "{got:?}");
}

/// R7 of pre-2019 reports is stored with the report's checks and shown by `check`,
/// `claims` and `show`: 2012 states 1913 items in prose against the table's 739; a 2013 page
/// whose prose states 1 行政复议 against the table's 0 (the gold's figure).
#[test]
fn r7_of_pre2019_reports_is_stored_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // The 2013 page with the prose sentence the published report had (the corpus page keeps
    // only sentences that state figures of the table; this one contradicts it).
    let page = std::fs::read_to_string(common::corpus().join("pre2019/real/pingtan-2013.html")).unwrap();
    let sentence = "<p>2013年全区未收到有关政府信息公开的申请，收到1份有关政府信息公开行政复议申请已及时处理。</p>";
    let at = page.rfind("</body>").expect("</body>");
    let p2013 = dir.path().join("pingtan-2013.html");
    std::fs::write(&p2013, format!("{}{sentence}{}", &page[..at], &page[at..])).unwrap();
    xxgk(&db).arg("import").arg(fixture("pingtan-2012.txt")).arg(&p2013).assert().success();

    let r7 = json_of(xxgk(&db).args(["check", "--rule", "R7", "--failures"]));
    let find = |year: i64, scope: &str| {
        r7.as_array()
            .unwrap()
            .iter()
            .find(|r| r["year"] == year && r["scope"] == scope)
            .cloned()
            .unwrap_or_else(|| panic!("{year} {scope}: {r7:#}"))
    };
    let (reviews, _, _) = common::gold_figure(&common::pre2019_gold("pingtan-2013.json"), "reviews").unwrap();
    let c = find(2013, "reviews");
    assert_eq!((c["lhs"].as_f64(), c["rhs"].as_f64()), (Some(1.0), Some(reviews)));
    let c = find(2012, "proactive_items");
    assert_eq!((c["lhs"].as_f64(), c["rhs"].as_f64()), (Some(1913.0), Some(739.0)));
    assert_eq!(r7.as_array().unwrap().len(), 2, "{r7:#}");

    // `claims` lists the prose claims with the table's figure and the verdict.
    let claims = json_of(xxgk(&db).args(["claims", "--agency", ZONE]));
    let c = claims.as_array().unwrap().iter().find(|c| c["year"] == 2013 && c["subject"] == "reviews").unwrap();
    assert_eq!(
        (c["stated_value"].as_f64(), c["table_value"].as_f64(), c["value_check"].as_str()),
        (Some(1.0), Some(reviews), Some("fail"))
    );
    assert!(c["text"].as_str().unwrap().contains("行政复议"));

    // `show`: the figures (claims marked), the checks, in table output and in JSON; CSV as report_figures.
    let out = xxgk(&db).args(["show", ZONE, "2012"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("template: pre2019")
            && text.contains("\nfigures")
            && text.contains("1913")
            && text.contains("claim"),
        "{text}"
    );
    let doc = json_of(xxgk(&db).args(["show", ZONE, "2013"]));
    assert_eq!(doc["report"]["template"], "pre2019");
    assert_eq!(doc["cells"], serde_json::json!([]));
    let figures = doc["figures"].as_array().unwrap();
    let g = common::pre2019_gold("pingtan-2013.json");
    for gf in g["figures"].as_array().unwrap() {
        let f = figures
            .iter()
            .find(|f| f["key"] == gf["key"] && f["role"] == "figure")
            .unwrap_or_else(|| panic!("{}", gf["key"]));
        assert_eq!(
            (f["value"].as_f64(), f["unit"].as_str(), f["source"].as_str()),
            (gf["value"].as_f64(), gf["unit"].as_str(), Some("table"))
        );
    }
    assert!(figures
        .iter()
        .any(|f| f["key"] == "reviews" && f["role"] == "claim" && f["value"] == 1 && f["source"] == "prose"));
    assert!(doc["checks"].as_array().unwrap().iter().any(|k| k["rule"] == "R7" && k["status"] == "fail"));
    let csv = xxgk(&db).args(["show", ZONE, "2013", "--format", "csv"]).output().unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("report_id,agency_id,agency,year,source_sha256,key,value,unit,raw,source"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + g["figures"].as_array().unwrap().len());
}

/// compare and rank across eras: values with their unit and source, and the caveat of a
/// pre-2019 value; pre-2019-only metrics rank pre-2019 reports.
#[test]
fn compare_and_rank_across_eras() {
    let (_d, db) = eras_db();
    let rows = json_of(xxgk(&db).args(["compare", "2018", "2019", "--metric", "applications", "--agency", ZONE]));
    let r = rows.as_array().unwrap().iter().find(|r| r["agency"] == ZONE).unwrap();
    let (v2018, unit2018, _) = common::gold_figure(&common::pre2019_gold("pingtan-2018.json"), "applications").unwrap();
    let v2019 = gold_value(&common::gold("pingtan-2019.json"), "applications", "new_received", "total").unwrap();
    assert_eq!(
        (r["value_a"].as_f64(), r["unit_a"].as_str(), r["source_a"].as_str()),
        (Some(v2018), Some(unit2018.as_str()), Some("pre-2019 table"))
    );
    assert_eq!(
        (r["value_b"].as_f64(), r["unit_b"].as_str(), r["source_b"].as_str()),
        (Some(v2019), Some("件"), Some("2019 table"))
    );
    assert_eq!(r["change"].as_f64(), Some(v2019 - v2018));
    assert_eq!(r["caveat"].as_str(), Some(pre2019_caveat(&db, "applications").as_str()));
    // Between two template years there is no caveat.
    let rows = json_of(xxgk(&db).args(["compare", "2019", "2021", "--metric", "applications", "--agency", ZONE]));
    assert_eq!((rows[0]["source_b"].as_str(), rows[0]["caveat"].as_str()), (Some("2021 table"), None));

    // proactive_items exists only before 2019: the 2015 reports ranked by their gold figures.
    let rank = json_of(xxgk(&db).args(["rank", "proactive_items", "--year", "2015"]));
    let mut want: Vec<(String, f64)> = pre2019_golds()
        .into_iter()
        .filter(|(_, g)| g["year"] == 2015)
        .filter_map(|(_, g)| Some((g["agency"].as_str()?.to_string(), common::gold_figure(&g, "proactive_items")?.0)))
        .collect();
    want.sort_by(|a, b| b.1.total_cmp(&a.1));
    assert!(want.len() >= 2, "{want:?}");
    let got: Vec<(String, f64)> = rank
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["agency"].as_str().unwrap().to_string(), r["value"].as_f64().unwrap()))
        .collect();
    assert_eq!(got, want);
    assert!(rank
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["source"] == "pre-2019 table" && r["unit"] == "条" && r["caveat"] != ""));
    // … and nothing after 2018.
    assert_eq!(json_of(xxgk(&db).args(["rank", "proactive_items", "--year", "2019"])), serde_json::json!([]));
    // A template metric has no pre-2019 value.
    assert_eq!(json_of(xxgk(&db).args(["rank", "permits", "--year", "2015"])), serde_json::json!([]));
    // Grouped trends name the sources they summed.
    let by = json_of(xxgk(&db).args(["trend", "applications", "--by", "year", "--from", "2018", "--to", "2019"]));
    let sources: Vec<(i64, &str)> =
        by.as_array().unwrap().iter().map(|r| (r["year"].as_i64().unwrap(), r["sources"].as_str().unwrap())).collect();
    assert_eq!(sources, vec![(2018, "pre-2019 table"), (2019, "2019 table")]);
}

/// `xxgk metrics` says which metrics exist in which era.
#[test]
fn metrics_document_their_eras() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = json_of(xxgk(&dir.path().join("none.db")).arg("metrics"));
    let eras = |name: &str| {
        catalog
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["metric"] == name)
            .map(|m| m["eras"].as_str().unwrap().to_string())
    };
    for (metric, want) in [
        ("applications", "pre2019, 2019, 2021"),
        ("granted", "pre2019, 2019, 2021"),
        ("partial", "pre2019, 2019, 2021"),
        ("denied", "pre2019, 2019, 2021"),
        ("reviews", "pre2019, 2019, 2021"),
        ("suits", "pre2019, 2019, 2021"),
        ("proactive_items", "pre2019"),
        ("disclosure_fees", "pre2019"),
        ("fees", "2021"),
        ("fee_items", "2019"),
        ("disclosure_rate", "2019, 2021"),
    ] {
        assert_eq!(eras(metric).as_deref(), Some(want), "{metric}");
    }
}

/// `xxgk export` writes report_figures (CSV and a workbook sheet) beside the other views.
#[test]
fn export_includes_report_figures() {
    let (dir, db) = eras_db();
    let out = dir.path().join("out");
    let xlsx = dir.path().join("all.xlsx");
    xxgk(&db).arg("export").arg(&out).arg("--xlsx").arg(&xlsx).assert().success();
    let csv = std::fs::read_to_string(out.join("report_figures.csv")).unwrap();
    assert!(csv.starts_with("report_id,agency_id,agency,year,source_sha256,key,value,unit,raw,source"), "{csv}");
    let n = json_of(xxgk(&db).args(["sql", "SELECT count(*) AS n FROM figures WHERE role = 'figure'"]))[0]["n"]
        .as_u64()
        .unwrap();
    assert_eq!(csv.lines().count() as u64, n + 1);
    let g = common::pre2019_gold("pingtan-2016.json");
    let (v, unit, raw) = common::gold_figure(&g, "proactive_items").unwrap();
    assert!(
        csv.contains(&format!(
            "{ZONE},2016,{},proactive_items,{v},{unit},{raw},table",
            g["source"]["sha256"].as_str().unwrap()
        )),
        "{csv}"
    );
    let reports = std::fs::read_to_string(out.join("reports.csv")).unwrap();
    assert!(reports.lines().next().unwrap().split(',').any(|c| c == "template"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
    let mut book = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut book).unwrap();
    assert!(book.contains("name=\"report_figures\""), "{book}");
}

// ---------------------------------------------------------------------------------------
// Schema version 1 → 2
// ---------------------------------------------------------------------------------------

/// The rows of a version 1 table, in the version 1 columns.
fn v1_rows(conn: &rusqlite::Connection, table: &str, cols: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("SELECT {cols} FROM {table} ORDER BY 1, 2, 3")).unwrap();
    let n = stmt.column_count();
    let rows = stmt
        .query_map([], |r| {
            Ok((0..n)
                .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap();
    // Sorted whole: `ORDER BY 1, 2, 3` leaves ties (a report's cells of one row) in the
    // order the table or view gives them, which a change of storage may change.
    let mut rows: Vec<String> = rows.collect::<rusqlite::Result<_>>().unwrap();
    rows.sort();
    rows
}

/// The version 1 tables and their columns (`git show 92c1837:schema.sql`, kept as
/// tests/fixtures/schema-v1.sql).
const V1_TABLES: &[(&str, &str)] = &[
    ("agencies", "agency_id, name, region_code, province, city, county, kind, kind_name"),
    ("agency_aliases", "alias, agency_id, source"),
    (
        "reports",
        "report_id, agency_id, agency, year, title, source_path, source_sha256, source_format, proactive_version, applications_version, appeals_version, notes, imported_at",
    ),
    ("cells", "report_id, tbl, row_key, col_key, raw, value, state, unit"),
    ("check_results", "check_id, report_id, rule, scope, lhs, rhs, status, detail, other_report_id"),
    ("claims", "claim_id, report_id, text, subject, stated_value, stated_change_pct, stated_change_abs, implied_previous"),
    ("report_metrics", "report_id, metric, value, numerator, denominator"),
];

/// A database of schema version 1 upgrades in place when opened: its data stays, the
/// template and the metrics' sources are filled in as an import would, and it ends with the
/// structure of a new database. A version 1 report without tables (figures were not stored
/// then) reads its figures when imported again with --replace.
#[test]
fn a_version_1_database_upgrades_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    let zibo = common::corpus().join("real/zibo-psb-2020.txt");
    let p2013 = common::corpus().join("pre2019/real/pingtan-2013.html");
    xxgk(&fresh).arg("import").args(template_files()).arg(&zibo).arg(&p2013).assert().success();

    // The same data in a version 1 database: the version 1 schema, the version 1 columns.
    let old = dir.path().join("old.db");
    let v1 = std::fs::read_to_string(common::repo().join("tests/fixtures/schema-v1.sql")).unwrap();
    assert!(v1.starts_with("-- xxgk database schema, version 1."));
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(&format!("{v1}\nPRAGMA user_version = 1;")).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS f", [fresh.display().to_string()]).unwrap();
        for (table, cols) in V1_TABLES {
            conn.execute(&format!("INSERT INTO {table} ({cols}) SELECT {cols} FROM f.{table}"), []).unwrap();
        }
        conn.execute_batch("DETACH DATABASE f").unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    let before: Vec<Vec<String>> = {
        let conn = rusqlite::Connection::open(&old).unwrap();
        V1_TABLES.iter().map(|(t, c)| v1_rows(&conn, t, c)).collect()
    };
    assert!(before[3].len() > 500, "the version 1 database holds the cells");

    // A read-only command upgrades it, and reads the upgraded database.
    let reports = json_of(xxgk(&old).arg("reports"));
    assert_eq!(reports.as_array().unwrap().len(), 5);
    let conn = rusqlite::Connection::open(&old).unwrap();
    assert_eq!(
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).unwrap(),
        xxgk_db::store::SCHEMA_VERSION
    );
    let after: Vec<Vec<String>> = V1_TABLES.iter().map(|(t, c)| v1_rows(&conn, t, c)).collect();
    assert_eq!(before, after, "the upgrade changed version 1 data");
    drop(conn);
    assert_eq!(structure(&old), structure(&fresh), "an upgraded database differs from a new one");

    // What the upgrade fills in is what an import writes (the pre-2019 report aside).
    let compare = |sql: &str| {
        let a = json_of(xxgk(&old).args(["sql", sql]));
        let b = json_of(xxgk(&fresh).args(["sql", sql]));
        (a, b)
    };
    let (a, b) = compare("SELECT agency, year, template FROM reports WHERE year >= 2019 ORDER BY agency, year");
    assert_eq!(a, b);
    assert_eq!(a.as_array().unwrap().len(), 4);
    let (a, b) = compare(
        // Versions 1 and 2 stored no publication date: the timeliness metrics come with a new import.
        "SELECT r.agency, r.year, m.metric, m.value, m.source, m.unit FROM report_metrics m JOIN reports r USING (report_id)
         WHERE r.year >= 2019 AND m.metric NOT IN ('days_late', 'published_late') ORDER BY 1, 2, 3",
    );
    assert_eq!(a, b);
    assert!(a.as_array().unwrap().iter().all(|r| r["source"].as_str().is_some_and(|s| s.ends_with(" table"))), "{a:#}");
    let (a, _) = compare("SELECT template, (SELECT count(*) FROM figures) AS figures FROM reports WHERE year = 2013");
    assert_eq!(a, serde_json::json!([{"template": null, "figures": 0}]));

    // Imported again, the version 1 pre-2019 report gets its figures, metrics and checks.
    xxgk(&old).args(["import", "--replace"]).arg(&p2013).assert().success();
    let (a, b) = compare("SELECT key, value, unit, raw, source FROM report_figures ORDER BY key");
    assert_eq!(a, b);
    let g = common::pre2019_gold("pingtan-2013.json");
    assert_eq!(a.as_array().unwrap().len(), g["figures"].as_array().unwrap().len());
    let (got, _) = trend_of(&old, "applications", ZONE);
    assert_eq!(got.first().map(|r| (r.0, r.4.clone())), Some((2013, Some("pre-2019 table".to_string()))));
    assert_eq!(got.last().map(|r| r.0), Some(2023));
}
