//! Property test: generated reports (xxgk_synth) read back exactly as their gold says.
//!
//! Every cell of every report is compared (state and value, unit where the gold has one),
//! with agency, year and the template versions; then all reports are imported through
//! the CLI and the arithmetic rules must hold: R1–R5 (and R7, the prose) without failures.
//!
//! `XXGK_SYNTH_REPORTS=2000 XXGK_SYNTH_SEED=7 cargo test --release --test synth` runs a
//! larger generation the same way.

mod common;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use xxgk_core::parse::{parse_file, Overrides};
use xxgk_synth::{self as synth, Format, Options};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Parse every generated report and compare it with its gold; returns (cells checked, problems).
fn compare_all(dir: &Path, stems: &[(String, String)]) -> (usize, Vec<String>) {
    let mut cells = 0;
    let mut problems = Vec::new();
    for (stem, file) in stems {
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("gold").join(format!("{stem}.json"))).unwrap())
                .unwrap();
        let path = dir.join("reports").join(file);
        let parsed = match parse_file(&path, &Default::default(), &Overrides::default()) {
            Ok(p) => p,
            Err(e) => {
                problems.push(format!("{file}: not parsed: {e:#}"));
                continue;
            }
        };
        let r = &parsed.report;
        cells += gold["cells"].as_array().map_or(0, Vec::len);
        let quirks = gold["notes"].to_string();
        for m in common::mismatches(&gold, r) {
            problems.push(format!("{file} ({quirks}): {m}"));
        }
        let want_cells = gold["cells"].as_array().map_or(0, Vec::len);
        if r.cells.len() != want_cells {
            problems.push(format!("{file}: {} cells extracted, gold has {want_cells}", r.cells.len()));
        }
        if r.agency.as_deref() != gold["agency"].as_str() {
            problems.push(format!("{file}: agency {:?}, gold {}", r.agency, gold["agency"]));
        }
        if r.year.map(i64::from) != gold["year"].as_i64() {
            problems.push(format!("{file}: year {:?}, gold {}", r.year, gold["year"]));
        }
        for (got, key) in [
            (&r.versions.proactive, "proactive"),
            (&r.versions.applications, "applications"),
            (&r.versions.appeals, "appeals"),
        ] {
            if got.map(|v| v.as_str()) != gold["versions"][key].as_str() {
                problems.push(format!("{file}: version of {key} {got:?}, gold {}", gold["versions"][key]));
            }
        }
        // The stated change against last year, as the prose printed it.
        if let Some(pct) = gold["prose"]["change_pct"].as_f64() {
            let stated = r.claims.iter().find_map(|c| c.change_pct);
            if !stated.is_some_and(|s| (s - pct).abs() <= 1e-9) {
                problems.push(format!("{file}: stated change {stated:?}, gold {pct}"));
            }
        }
    }
    (cells, problems)
}

fn xxgk(db: &Path) -> Command {
    let mut c = Command::cargo_bin("xxgk").unwrap();
    c.env_remove("XXGK_DB").arg("--db").arg(db);
    c
}

/// Write generated reports to `dir/reports` and their gold to `dir/gold`; (stem, file name)
/// of each, for [`compare_all`].
fn write_generated(dir: &Path, generated: &[synth::Generated]) -> Vec<(String, String)> {
    std::fs::create_dir_all(dir.join("reports")).unwrap();
    std::fs::create_dir_all(dir.join("gold")).unwrap();
    let mut stems = Vec::new();
    for g in generated {
        std::fs::write(dir.join("reports").join(g.file_name()), &g.bytes).unwrap();
        std::fs::write(dir.join("gold").join(format!("{}.json", g.stem)), g.gold.to_string()).unwrap();
        stems.push((g.stem.clone(), g.file_name()));
    }
    stems
}

fn failures(db: &Path, rule: &str) -> Vec<Value> {
    let out = xxgk(db).args(["--format", "json", "check", "--rule", rule, "--failures"]).output().unwrap();
    assert!(out.status.success(), "check {rule}: {}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check {rule}: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    v.as_array().cloned().unwrap_or_default()
}

#[test]
fn generated_reports_match_their_gold_and_the_rules() {
    let n = env_or("XXGK_SYNTH_REPORTS", 60) as usize;
    let seed = env_or("XXGK_SYNTH_SEED", 2024);
    let opts = Options { reports: n, formats: vec![Format::Txt, Format::Html, Format::Docx], seed };
    let tmp = tempfile::tempdir().unwrap();
    let generated = synth::generate(&opts);
    assert_eq!(generated.len(), n);
    let stems = write_generated(tmp.path(), &generated);
    // Every format, both template versions and the mixed case are in the sample.
    for f in ["text", "html", "docx"] {
        assert!(generated.iter().any(|g| g.gold["source"]["format"] == f), "no {f} report");
    }
    for (p, a) in [("2019", "2019"), ("2021", "2021")] {
        assert!(generated
            .iter()
            .any(|g| g.gold["versions"]["proactive"] == p && g.gold["versions"]["applications"] == a));
    }

    let (cells, problems) = compare_all(tmp.path(), &stems);
    eprintln!("synth: {n} reports, {cells} gold cells compared, {} problems", problems.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.iter().take(60).cloned().collect::<Vec<_>>().join("\n")
    );

    let db = tmp.path().join("synth.db");
    let out = xxgk(&db).arg("import").arg(tmp.path().join("reports")).output().unwrap();
    assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
    let count = xxgk(&db).args(["--format", "json", "sql", "SELECT COUNT(*) AS n FROM reports"]).output().unwrap();
    let count: Value = serde_json::from_slice(&count.stdout).unwrap();
    assert_eq!(count[0]["n"].as_i64(), Some(n as i64), "reports imported");
    for rule in ["R1", "R2", "R3", "R4", "R5", "R7"] {
        let f = failures(&db, rule);
        assert!(
            f.is_empty(),
            "{rule}: {} failures, e.g. {}",
            f.len(),
            f.iter().take(5).map(Value::to_string).collect::<Vec<_>>().join("\n")
        );
    }
    // Each report's template: its tables' version, `mixed` where table 二 and 三 differ.
    let stored =
        xxgk(&db).args(["--format", "json", "sql", "SELECT source_path, template FROM reports"]).output().unwrap();
    let stored: Value = serde_json::from_slice(&stored.stdout).unwrap();
    let mut mixed = 0;
    for g in &generated {
        let known: Vec<&str> = ["proactive", "applications", "appeals"]
            .iter()
            .filter_map(|t| g.gold["versions"][t].as_str())
            .filter(|v| *v != "2019/2021")
            .collect();
        let want = match known.first() {
            None => "2019/2021",
            Some(first) if known.iter().all(|v| v == first) => first,
            Some(_) => "mixed",
        };
        mixed += usize::from(want == "mixed");
        let row = stored
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["source_path"].as_str().is_some_and(|p| p.ends_with(&g.file_name())))
            .unwrap();
        assert_eq!(row["template"].as_str(), Some(want), "{}", g.file_name());
    }
    assert!(mixed > 0, "no report mixes the 2019 and 2021 tables");
    // R5 did run: consecutive years of one agency were compared.
    let r5 = xxgk(&db)
        .args([
            "--format",
            "json",
            "sql",
            "SELECT (SELECT COUNT(*) FROM check_results WHERE rule = 'R5' AND status = 'pass')
                    + (SELECT COALESCE(SUM(passed), 0) FROM check_passes WHERE rule = 'R5') AS n",
        ])
        .output()
        .unwrap();
    let r5: Value = serde_json::from_slice(&r5.stdout).unwrap();
    assert!(r5[0]["n"].as_i64().unwrap_or(0) > 0, "no R5 comparison passed");
}

/// Every generated report in `dir` read back exactly (every gold cell, agency, year and
/// versions), and all imported with `source_format` `format`.
fn all_read_and_imported(dir: &Path, stems: &[(String, String)], format: &str) {
    let (cells, problems) = compare_all(dir, stems);
    eprintln!("synth {format}: {} reports, {cells} gold cells compared, {} problems", stems.len(), problems.len());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
    let db = dir.join(format!("{format}.db"));
    let out = xxgk(&db).arg("import").arg(dir.join("reports")).output().unwrap();
    assert!(out.status.success(), "import: {}", String::from_utf8_lossy(&out.stderr));
    let sql = format!("SELECT COUNT(*) AS n FROM reports WHERE source_format = '{format}'");
    let count = xxgk(&db).args(["--format", "json", "sql", &sql]).output().unwrap();
    let count: Value = serde_json::from_slice(&count.stdout).unwrap();
    assert_eq!(count[0]["n"].as_i64(), Some(stems.len() as i64), "reports imported as {format}");
}

/// Generated reports written as RTF — GBK bytes (`\\'hh`, as Word and WPS write) or
/// `\\uN` characters (LibreOffice), spans as wider cells or as merge flags — read back
/// exactly, and import as `source_format = 'rtf'`.
#[test]
fn generated_reports_as_rtf_match_their_gold() {
    let n = env_or("XXGK_SYNTH_RTF_REPORTS", 30) as usize;
    let seed = env_or("XXGK_SYNTH_SEED", 2024);
    let tmp = tempfile::tempdir().unwrap();
    let generated = synth::generate(&Options { reports: n, formats: vec![Format::Rtf], seed });
    let stems = write_generated(tmp.path(), &generated);
    let text = |needle: &[u8]| generated.iter().filter(|g| g.bytes.windows(needle.len()).any(|w| w == needle)).count();
    assert!(text(b"\\u") > 0 && text(b"\\'c4") > 0, "both ways of writing Chinese are in the sample");
    assert!(text(b"\\clmgf") > 0 && text(b"\\clvmgf") > 0, "both kinds of merge are in the sample");
    all_read_and_imported(tmp.path(), &stems, "rtf");
}

/// Generated reports written as OFD — pages of text objects, tables as cells placed at
/// their places with no grid in the file, one object per cell or one per character — read
/// back exactly through the layout of their pages, and import as `source_format = 'ofd'`.
#[test]
fn generated_reports_as_ofd_match_their_gold() {
    let n = env_or("XXGK_SYNTH_OFD_REPORTS", 30) as usize;
    let seed = env_or("XXGK_SYNTH_SEED", 2024);
    let tmp = tempfile::tempdir().unwrap();
    let generated = synth::generate(&Options { reports: n, formats: vec![Format::Ofd], seed });
    let stems = write_generated(tmp.path(), &generated);
    let has = |needle: &[u8]| {
        generated
            .iter()
            .filter(|g| {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&g.bytes[..])).unwrap();
                let mut page = String::new();
                std::io::Read::read_to_string(&mut zip.by_name("Doc_0/Pages/Page_0/Content.xml").unwrap(), &mut page)
                    .unwrap();
                page.as_bytes().windows(needle.len()).any(|w| w == needle)
            })
            .count()
    };
    assert!(has(b"CTM=") > 0 && has(b"DeltaX=") > 0, "both ways of writing text are in the sample");
    all_read_and_imported(tmp.path(), &stems, "ofd");
}

/// Generated reports as a crawler keeps a page's text — the body in one line, each table's
/// cells one after another with nothing between them — read back by the template's sums:
/// no cell is ever wrong, and tables 三 and 四 are read in most reports (those whose empty
/// cells or marks of none leave their digits too few, or their sums open, stay missing).
#[test]
fn generated_reports_as_crawled_text_are_never_read_wrong() {
    let n = env_or("XXGK_SYNTH_FLAT_REPORTS", 120) as usize;
    let seed = env_or("XXGK_SYNTH_SEED", 2024);
    let (mut cells, mut right) = (std::collections::BTreeMap::<&str, (usize, usize)>::new(), 0);
    let mut wrong = Vec::new();
    synth::for_each(&Options { reports: n, formats: vec![Format::Flat], seed }, |g| {
        let path = std::path::PathBuf::from(g.file_name());
        let (_, doc) = xxgk_core::source::read_bytes(&g.bytes, &path, &Default::default())
            .map_err(|e| anyhow::anyhow!("{}: {e:#}", g.file_name()))?;
        let report = xxgk_core::extract::extract(&doc, &path);
        let s = common::score(&g.gold, &report);
        right += s.right;
        for c in g.gold["cells"].as_array().unwrap() {
            let tbl = c["tbl"].as_str().unwrap();
            let key = format!("{tbl}.{}.{}", c["row"].as_str().unwrap(), c["col"].as_str().unwrap());
            let entry = cells
                .entry(if tbl == "applications" {
                    "三"
                } else if tbl == "appeals" {
                    "四"
                } else {
                    "二"
                })
                .or_default();
            entry.0 += 1;
            entry.1 +=
                usize::from(!s.missing.contains(&key) && !s.wrong.iter().any(|w| w.starts_with(&format!("{key}:"))));
        }
        wrong.extend(s.wrong.into_iter().map(|w| format!("{}: {w}", g.file_name())));
        Ok(())
    })
    .unwrap();
    for (table, (all, read)) in &cells {
        eprintln!("table {table}: {read} of {all} gold cells right ({:.1}%)", 100.0 * *read as f64 / *all as f64);
    }
    eprintln!("{right} gold cells right in all");
    assert!(
        wrong.is_empty(),
        "{} cells wrong:\n{}",
        wrong.len(),
        wrong.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
    let share = |t: &str| cells[t].1 as f64 / cells[t].0 as f64;
    assert!(share("三") > 0.5 && share("四") > 0.5, "tables 三 and 四 mostly read");
}

/// The same generated reports in the shapes conversions give — one cell per line,
/// Markdown, space-separated rows, text laid out in columns — read back: no cell is ever
/// wrong (each is right, or missing and said so); shapes that keep every cell (Markdown)
/// give every cell. `XXGK_SYNTH_LAYOUT_REPORTS=10000 cargo test --release --test synth
/// every_layout` runs the large property test.
#[test]
fn generated_reports_in_every_layout_are_never_read_wrong() {
    let n = env_or("XXGK_SYNTH_LAYOUT_REPORTS", 80) as usize;
    let seed = env_or("XXGK_SYNTH_SEED", 2024);
    let formats = vec![Format::Lines, Format::Md, Format::Spaces, Format::Layout];
    let mut per_format: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
    let mut wrong = Vec::new();
    let mut marked = 0;
    synth::for_each(&Options { reports: n, formats, seed }, |g| {
        let path = std::path::PathBuf::from(g.file_name());
        let (_, doc) = xxgk_core::source::read_bytes(&g.bytes, &path, &Default::default())
            .map_err(|e| anyhow::anyhow!("{}: {e:#}", g.file_name()))?;
        let report = xxgk_core::extract::extract(&doc, &path);
        let s = common::score(&g.gold, &report);
        let cells = g.gold["cells"].as_array().map_or(0, Vec::len);
        let entry = per_format.entry(g.format.ext()).or_default();
        entry.0 += cells;
        entry.1 += s.right;
        entry.2 += s.missing.len();
        for w in s.wrong {
            // A cell whose placement says it was read the usual way where the sums left a
            // choice (`assumed`) is marked as a reading to check: counted, not silent.
            if w.contains(", assumed)") {
                marked += 1;
            } else {
                wrong.push(format!("{}: {w}", g.file_name()));
            }
        }
        if g.format.keeps_cells() && !s.missing.is_empty() {
            wrong.push(format!(
                "{}: {} cells missing from a shape that keeps them: {:?}",
                g.file_name(),
                s.missing.len(),
                &s.missing[..s.missing.len().min(5)]
            ));
        }
        Ok(())
    })
    .unwrap();
    for (f, (cells, right, missing)) in &per_format {
        eprintln!(
            "{f}: {right} of {cells} gold cells right ({:.2}%), {missing} missing",
            100.0 * *right as f64 / *cells as f64
        );
    }
    eprintln!("{marked} cells differ from the gold where their placement says `assumed`");
    assert!(
        wrong.is_empty(),
        "{} cells silently wrong:\n{}",
        wrong.len(),
        wrong.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}
