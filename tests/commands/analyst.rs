//! The analyst's side (issue 16): one agency under two names stays one in every view and
//! export, JSON rules (null not "", column order, full precision), usage errors that help,
//! every file of an import reported, another format of a report a duplicate, long metric
//! values and wide trends, comparable groups, ties, charts, the conventions of command-line
//! tools, and publication dates with the timeliness metrics. DuckDB, datasette, pandas and
//! Parquet: tests/commands/tools.rs.

use crate::analysis::{json_of, xxgk};
use crate::common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn real(name: &str) -> PathBuf {
    common::corpus().join("real").join(name)
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The sample report as another agency and year (a changed byte: another file).
fn renamed(dir: &Path, agency: &str, year: i32) -> PathBuf {
    let text = std::fs::read_to_string(common::repo().join("examples/zibo-psb-2020.txt")).unwrap();
    let path = dir.join(format!("{year}-{}.txt", agency.chars().count()));
    std::fs::write(&path, format!("{text}\n{agency} {year}\n")).unwrap();
    path
}

/// 洪泽区人民政府 2023 and 淮安市洪泽区人民政府 2024 (one agency), 沭阳 2023 and 淮安市 2024
/// from the corpus.
fn merged_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    for (agency, year) in [("洪泽区人民政府", 2023), ("淮安市洪泽区人民政府", 2024)] {
        let f = renamed(dir.path(), agency, year);
        xxgk(&db).args(["import", "--agency", agency, "--year", &year.to_string()]).arg(f).assert().success();
    }
    xxgk(&db).arg("import").arg(real("shuyang-fgj-2023.html")).arg(real("huaian-2024.pdf")).assert().success();
    (dir, db)
}

/// The fields of one CSV line (quotes as the export writes them; no line breaks inside).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

#[test]
fn one_agency_under_two_names_is_one_in_every_view_and_export() {
    let (dir, db) = merged_db();
    for view in [
        "cell_values",
        "report_applications",
        "report_proactive",
        "report_appeals",
        "check_summary",
        "metric_values",
        "report_figures",
    ] {
        let rows = json_of(xxgk(&db).args([
            "sql",
            &format!(
                "SELECT DISTINCT agency_id, agency, agency_printed FROM {view} WHERE agency_printed LIKE '%洪泽%'"
            ),
        ]));
        if view == "report_figures" {
            assert!(rows.as_array().unwrap().is_empty());
            continue;
        }
        let rows = rows.as_array().unwrap().clone();
        assert_eq!(rows.len(), 2, "{view}: {rows:?}");
        assert!(
            rows.iter().all(|r| r["agency"] == "淮安市洪泽区人民政府" && r["agency_id"] == rows[0]["agency_id"]),
            "{view}: {rows:?}"
        );
    }
    let out = dir.path().join("out");
    xxgk(&db).arg("export").arg(&out).arg("--xlsx").arg(dir.path().join("all.xlsx")).assert().success();
    for file in
        ["reports", "cell_values", "report_applications", "check_results", "claims", "check_summary", "metric_values"]
    {
        let text = std::fs::read_to_string(out.join(format!("{file}.csv"))).unwrap();
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        for col in ["agency_id", "agency", "agency_printed"] {
            assert!(header.contains(&col), "{file}.csv lacks {col}: {header:?}");
        }
        let agency = header.iter().position(|c| *c == "agency").unwrap();
        let names: std::collections::BTreeSet<String> =
            text.lines().skip(1).filter(|l| l.contains("洪泽")).map(|l| csv_fields(l)[agency].clone()).collect();
        assert_eq!(names.into_iter().collect::<Vec<_>>(), ["淮安市洪泽区人民政府"], "{file}.csv");
    }
    // The workbook has the long metric values as a sheet.
    let file = std::fs::File::open(dir.path().join("all.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut workbook = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("xl/workbook.xml").unwrap(), &mut workbook).unwrap();
    assert!(workbook.contains(r#"name="metric_values""#), "{workbook}");
}

#[test]
fn json_has_nulls_not_empty_strings_keys_in_column_order_and_full_precision() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db)
        .arg("import")
        .arg(real("pingtan-2019.html"))
        .arg(real("pingtan-2021.html"))
        .arg(real("zibo-psb-2020.txt"))
        .assert()
        .success();
    let commands: Vec<Vec<&str>> = vec![
        vec!["trend", "applications"],
        vec!["trend", "disclosure_rate", "--by", "province"],
        vec!["metrics"],
        vec!["compare", "2019", "2021", "--metric", "disclosure_rate"],
        vec!["rank", "disclosure_rate", "--year", "2021"],
        vec!["reports"],
        vec!["claims"],
        vec!["check"],
        vec!["agencies"],
    ];
    for cmd in &commands {
        let rows = json_of(xxgk(&db).args(cmd));
        for r in rows.as_array().unwrap() {
            for (k, v) in r.as_object().unwrap() {
                assert!(v != "" || k == "raw", "{cmd:?}: {k} is \"\" in {r}");
            }
        }
    }
    let show = json_of(xxgk(&db).args(["show", "1"]));
    assert!(show["report"]["notes"].is_array(), "notes: {}", show["report"]["notes"]);
    // Keys in the order of the columns.
    let out = xxgk(&db).args(["trend", "applications", "--format", "jsonl"]).output().unwrap();
    let first = String::from_utf8(out.stdout).unwrap().lines().next().unwrap().to_string();
    let keys: Vec<&str> = ["\"agency_id\"", "\"agency\"", "\"year\"", "\"report\"", "\"value\"", "\"caveat\""].to_vec();
    let at: Vec<usize> = keys.iter().map(|k| first.find(k).unwrap_or_else(|| panic!("{k} in {first}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "keys out of column order: {first}");
    // The same number, the same digits: CSV and JSON, rank and compare.
    let csv = String::from_utf8(
        xxgk(&db).args(["rank", "disclosure_rate", "--year", "2021", "--format", "csv"]).output().unwrap().stdout,
    )
    .unwrap();
    let rank = json_of(xxgk(&db).args(["rank", "disclosure_rate", "--year", "2021"]));
    let compare = json_of(xxgk(&db).args(["compare", "2019", "2021", "--metric", "disclosure_rate"]));
    let v = rank[0]["value"].as_f64().unwrap();
    assert!(v.fract() != 0.0, "a fraction to compare: {v}");
    assert!(csv.contains(&v.to_string()), "CSV has {v} at full precision:\n{csv}");
    let c = compare.as_array().unwrap().iter().find(|r| r["agency"] == rank[0]["agency"]).unwrap();
    assert_eq!(c["value_b"].as_f64(), Some(v));
    // The table rounds, for people.
    let table = String::from_utf8(
        xxgk(&db).args(["rank", "disclosure_rate", "--year", "2021", "--format", "table"]).output().unwrap().stdout,
    )
    .unwrap();
    assert!(
        table.contains(&format!("{v:.2}").trim_end_matches('0').to_string()) && !table.contains(&v.to_string()),
        "{table}"
    );
}

#[test]
fn usage_errors_say_what_is_wrong_and_suggest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db).arg("import").arg(real("pingtan-2019.html")).arg(real("zibo-psb-2020.txt")).assert().success();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["trend", "applications", "--agency-regex", "["], "not a valid regular expression"),
        (vec!["trend", "aplications"], "did you mean applications"),
        (vec!["trend", "applications", "--agency", "平谭"], "平潭综合实验区"),
        (vec!["trend", "applications", "--region", "火星省"], "regions in the database: "),
        (vec!["trend", "applications", "--kind", "polise"], "kinds: "),
        (vec!["trend", "applications", "--from", "2024", "--to", "2019"], "--from 2024 is after --to 2019"),
        (vec!["reports", "--columns", "agensy"], "did you mean agency"),
        (vec!["sql", "SELECT nope FROM reports"], "no such column: nope"),
    ];
    for (args, want) in cases {
        let out = xxgk(&db).args(&args).output().unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(!err.contains("Error code") && !err.contains("missing database"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Valid regions (at any level, or a code) and kinds work; a Chinese metric name too.
    xxgk(&db).args(["trend", "applications", "--region", "山东"]).assert().success();
    xxgk(&db).args(["trend", "applications", "--region", "320000"]).assert().success();
    xxgk(&db).args(["trend", "applications", "--kind", "公安"]).assert().success();
    let zh = json_of(xxgk(&db).args(["trend", "申请"]));
    let en = json_of(xxgk(&db).args(["trend", "applications"]));
    assert_eq!(zh, en);
    assert!(!json_of(xxgk(&db).args(["trend", "许可"])).as_array().unwrap().is_empty());
}

#[test]
fn every_file_of_an_import_gets_a_row_and_another_format_is_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    std::fs::create_dir(&src).unwrap();
    std::fs::copy(real("pingtan-2021.html"), src.join("a.html")).unwrap();
    std::fs::copy(real("pingtan-2021.pdf"), src.join("b.pdf")).unwrap();
    std::fs::write(src.join("empty.txt"), b"").unwrap();
    std::fs::write(src.join("notes.json"), b"{}").unwrap();
    let db = dir.path().join("x.db");
    let out = xxgk(&db).args(["import", "--format", "json"]).arg(&src).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "the empty file failed: {}", stderr_of(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let status = |file: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"].as_str().unwrap().ends_with(file))
            .cloned()
            .unwrap_or_else(|| panic!("no row for {file}: {rows}"))
    };
    assert_eq!(status("a.html")["status"], "added");
    let dup = status("b.pdf");
    assert_eq!(dup["status"], "duplicate", "{dup}");
    assert_eq!(dup["report_id"], status("a.html")["report_id"]);
    assert!(dup["reason"].as_str().unwrap().contains("a.html"), "{dup}");
    let failed = status("empty.txt");
    assert_eq!(failed["status"], "failed");
    assert!(failed["reason"].as_str().unwrap().contains("empty"), "{failed}");
    assert_eq!(status("notes.json")["status"], "left out");
    // A folder of one report in two formats imports with exit 0.
    std::fs::remove_file(src.join("empty.txt")).unwrap();
    let db2 = dir.path().join("y.db");
    xxgk(&db2).arg("import").arg(&src).assert().success();
    // A copy whose cells differ is a conflict, with the cells listed, and writes nothing.
    xxgk(&db2).arg("import").arg(real("zibo-psb-2020.txt")).assert().success();
    let before = common::dump(&db2);
    let changed =
        crate::analysis::variant(dir.path(), "淄博市公安局", 2020, &[("1．本机关不掌握相关政府信息", 0, "13")]);
    let out = xxgk(&db2).args(["import", "--format", "json"]).arg(&changed).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows[0]["status"], "conflict", "{rows}");
    let reason = rows[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("cell(s) differ")
            && reason.contains("applications.unable_not_held.")
            && reason.contains(": 13 here, "),
        "{reason}"
    );
    assert_eq!(common::dump(&db2), before, "a conflict changed the database");
}

#[test]
fn metric_values_wide_trends_and_comparable_groups() {
    let (dir, db) = merged_db();
    let long = json_of(
        xxgk(&db).args(["sql", "SELECT * FROM metric_values WHERE metric = 'applications' ORDER BY agency_id, year"]),
    );
    let cols: Vec<&String> = long[0].as_object().unwrap().keys().collect();
    assert_eq!(
        &cols[..8],
        ["agency_id", "agency", "year", "metric", "value", "numerator", "denominator", "source"]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .iter()
            .collect::<Vec<_>>()
    );
    // Wide: one row per agency, a column per year.
    let wide = json_of(xxgk(&db).args(["trend", "applications", "--wide"]));
    let hz = wide.as_array().unwrap().iter().find(|r| r["agency"] == "淮安市洪泽区人民政府").unwrap();
    assert_eq!((hz["2023"].as_f64(), hz["2024"].as_f64()), (Some(15.0), Some(15.0)), "{hz}");
    assert_eq!(wide.as_array().unwrap().len(), 3);
    let by = json_of(xxgk(&db).args(["trend", "applications", "--by", "province", "--wide"]));
    assert!(by[0].get("province").is_some() && by[0].get("2023").is_some(), "{by}");
    // Grouped rows say how many agencies contributed; --same-agencies keeps those in every year.
    let all = json_of(xxgk(&db).args(["trend", "applications", "--by", "province"]));
    let agencies = |rows: &Value| {
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| (r["year"].as_i64().unwrap(), r["agencies"].as_i64().unwrap()))
            .collect::<Vec<_>>()
    };
    assert_eq!(agencies(&all), [(2023, 2), (2024, 2)]);
    let same = json_of(xxgk(&db).args(["trend", "applications", "--by", "province", "--same-agencies"]));
    assert_eq!(agencies(&same), [(2023, 1), (2024, 1)]);
    assert_eq!(same[1]["change"].as_f64(), Some(0.0), "洪泽 alone: 15 and 15");
    let none = xxgk(&db)
        .args([
            "trend",
            "applications",
            "--by",
            "year",
            "--same-agencies",
            "--region",
            "宿迁",
            "--from",
            "2023",
            "--to",
            "2024",
        ])
        .output()
        .unwrap();
    assert!(stderr_of(&none).contains("no agency has a value of applications in every year from 2023 to 2024"));
    // compare draws every metric given.
    let svg = dir.path().join("c.svg");
    xxgk(&db)
        .args(["compare", "2023", "2024", "--metric", "applications", "--metric", "granted", "--chart"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.contains("applications · 2023 vs 2024") && text.contains("granted · 2023 vs 2024"),
        "both metrics drawn"
    );
}

#[test]
fn equal_values_share_a_rank() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // Published late in 2024: 平潭 (2024-03-08) and 洪泽 (its PDF's date, 2024-02-26); 沭阳 on time.
    xxgk(&db)
        .arg("import")
        .arg(real("pingtan-2023.html"))
        .arg(real("hongze-2023.pdf"))
        .arg(real("shuyang-fgj-2023.html"))
        .assert()
        .success();
    let rank = json_of(xxgk(&db).args(["rank", "published_late", "--year", "2023"]));
    let places: Vec<(i64, f64)> =
        rank.as_array().unwrap().iter().map(|r| (r["rank"].as_i64().unwrap(), r["value"].as_f64().unwrap())).collect();
    assert_eq!(places, [(1, 100.0), (1, 100.0), (3, 0.0)]);
    // --top keeps a tie at the boundary whole.
    assert_eq!(
        json_of(xxgk(&db).args(["rank", "published_late", "--year", "2023", "--top", "1"])).as_array().unwrap().len(),
        2
    );
}

#[test]
fn publication_dates_and_timeliness_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db)
        .arg("import")
        .args(
            [
                "pingtan-2019.html",
                "pingtan-2021.html",
                "pingtan-2023.html",
                "shanghai-office-2019.html",
                "shuyang-fgj-2023.html",
            ]
            .map(real),
        )
        .assert()
        .success();
    let rows = json_of(xxgk(&db).args([
        "sql",
        "SELECT r.agency, r.year, r.published_on, r.published_source,
                (SELECT value FROM report_metrics v WHERE v.report_id = r.report_id AND v.metric = 'days_late') AS days_late,
                (SELECT value FROM report_metrics v WHERE v.report_id = r.report_id AND v.metric = 'published_late') AS late
         FROM reports r ORDER BY r.agency, r.year",
    ]));
    let got: Vec<(String, i64, String, String, i64, i64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["agency"].as_str().unwrap().to_string(),
                r["year"].as_i64().unwrap(),
                r["published_on"].as_str().unwrap().to_string(),
                r["published_source"].as_str().unwrap().to_string(),
                r["days_late"].as_i64().unwrap(),
                r["late"].as_i64().unwrap(),
            )
        })
        .collect();
    let want = |a: &str, y, d: &str, s: &str, days, late| (a.to_string(), y, d.to_string(), s.to_string(), days, late);
    assert_eq!(
        got,
        [
            want("上海市人民政府办公厅", 2019, "2020-01-31", "page text", 0, 0),
            want("平潭综合实验区", 2019, "2020-01-20", "page meta", 0, 0),
            want("平潭综合实验区", 2021, "2022-02-08", "page meta", 8, 100),
            want("平潭综合实验区", 2023, "2024-03-08", "page meta", 37, 100),
            want("沭阳县发展和改革局", 2023, "2024-01-17", "page text", 0, 0),
        ]
    );
    // The reports listing and the trend show it; a group's published_late is its share late.
    let reports = json_of(xxgk(&db).args(["reports", "--agency", "平潭"]));
    assert_eq!(reports[2]["published_on"], "2024-03-08");
    let by = json_of(xxgk(&db).args(["trend", "published_late", "--by", "year"]));
    let y2023 = by.as_array().unwrap().iter().find(|r| r["year"] == 2023).unwrap();
    assert_eq!((y2023["value"].as_f64(), y2023["agencies"].as_i64()), (Some(50.0), Some(2)));
    let days = json_of(xxgk(&db).args(["trend", "days_late", "--by", "year"]));
    let y2023 = days.as_array().unwrap().iter().find(|r| r["year"] == 2023).unwrap();
    assert_eq!(y2023["value"].as_f64(), Some(18.5), "the mean of 37 and 0");
    // A PDF's own date is marked as metadata, with its caveat.
    xxgk(&db).arg("import").arg(real("hongze-2023.pdf")).assert().success();
    let t = json_of(xxgk(&db).args(["trend", "days_late", "--agency", "洪泽"]));
    assert_eq!((t[0]["source"].as_str(), t[0]["value"].as_i64()), (Some("document metadata"), Some(26)));
    assert!(t[0]["caveat"].as_str().unwrap().contains("metadata"));
}

#[test]
fn listing_options_completions_man_page_and_terminal_width() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    xxgk(&db)
        .arg("import")
        .arg(real("pingtan-2019.html"))
        .arg(real("pingtan-2021.html"))
        .arg(real("zibo-psb-2020.txt"))
        .assert()
        .success();
    let rows = json_of(xxgk(&db).args([
        "trend",
        "applications",
        "--columns",
        "agency,year,value",
        "--sort",
        "-value",
        "--limit",
        "2",
    ]));
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].as_object().unwrap().keys().collect::<Vec<_>>(), ["agency", "year", "value"]);
    assert!(rows[0]["value"].as_f64() >= rows[1]["value"].as_f64());
    let file = dir.path().join("out.csv");
    let out = xxgk(&db).args(["reports", "--format", "csv", "-o"]).arg(&file).output().unwrap();
    assert!(out.status.success() && out.stdout.is_empty());
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("report_id,agency_id,agency,year"));
    // Completions and the man page.
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = xxgk(&db).args(["completions", shell]).output().unwrap();
        assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("trend"), "{shell}");
    }
    let man = String::from_utf8(xxgk(&db).arg("man").output().unwrap().stdout).unwrap();
    assert!(man.starts_with(".ie") || man.contains(".TH xxgk"), "{}", &man[..200.min(man.len())]);
    let mandir = dir.path().join("man");
    xxgk(&db).args(["man", "--dir"]).arg(&mandir).assert().success();
    assert!(mandir.join("xxgk-trend.1").exists() && mandir.join("xxgk.1").exists());
    // Tables fit the terminal: every line within $COLUMNS (CJK counted double).
    for cmd in [vec!["metrics"], vec!["reports"], vec!["trend", "applications"], vec!["check"], vec!["claims"]] {
        let out = xxgk(&db).args(&cmd).args(["--format", "table"]).env("COLUMNS", "100").output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let widest = text
            .lines()
            .map(|l| {
                l.chars()
                    .map(|c| {
                        if (c as u32) >= 0x1100 && !"─│┆┌┐└┘├┤┬┴┼╞╡╪═▁▂▃▄▅▆▇█…".contains(c)
                        {
                            2
                        } else {
                            1
                        }
                    })
                    .sum::<usize>()
            })
            .max()
            .unwrap();
        assert!(widest <= 100, "{cmd:?} is {widest} wide:\n{text}");
    }
    // --help has examples, and piping into a closed reader is not an error.
    let help = String::from_utf8(xxgk(&db).args(["trend", "--help"]).output().unwrap().stdout).unwrap();
    assert!(help.contains("Examples:") && help.contains("--wide") && help.contains("--same-agencies"));
}

#[test]
fn charts_draw_gaps_log_axes_small_multiples_and_titles() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    // 平潭 2019, 2021, 2023: gaps in 2020 and 2022; 淄博 2020 alone.
    xxgk(&db)
        .arg("import")
        .args(["pingtan-2019.html", "pingtan-2021.html", "pingtan-2023.html", "zibo-psb-2020.txt"].map(real))
        .assert()
        .success();
    let svg = dir.path().join("t.svg");
    xxgk(&db)
        .args(["trend", "applications", "--title", "申请数：平潭与淄博", "--log", "--chart"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("申请数：平潭与淄博"), "the title");
    assert!(text.contains(r#"stroke-dasharray="4 4""#), "a gap drawn dashed");
    assert!(text.contains("对数轴"), "the log axis said");
    // Fifteen agencies: every one drawn, in small multiples, none dropped.
    let many = dir.path().join("many.db");
    let src = dir.path().join("many");
    std::fs::create_dir(&src).unwrap();
    for i in 0..15 {
        let agency = format!("示例第{i}局");
        let f = renamed(&src, &agency, 2020);
        xxgk(&many).args(["import", "-q", "--agency", &agency]).arg(f).assert().success();
    }
    let svg = dir.path().join("many.svg");
    xxgk(&many).args(["trend", "applications", "--chart"]).arg(&svg).assert().success();
    let text = std::fs::read_to_string(&svg).unwrap();
    for i in 0..15 {
        assert!(text.contains(&format!("示例第{i}局")), "series {i} drawn");
    }
    assert!(!text.contains("more"), "no series left out");
}
