//! One file → a parsed, checked report ready for the store; and the files of a directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::checks::{self, CheckResult};
use crate::metrics::{self, MetricValue};
use crate::report::{CellIndex, Completeness, Report, TableCompleteness};
use crate::source::{self, Format, Limits};

/// A report read, extracted and checked, not yet stored.
#[derive(Debug)]
pub struct Parsed {
    pub path: PathBuf,
    pub sha256: String,
    pub format: Format,
    pub report: Report,
    pub checks: Vec<CheckResult>,
    /// What the store needs that follows from the report alone, worked out where the
    /// report is parsed (on a parser thread) so that the one writer only writes.
    pub derived: Derived,
}

/// What follows from a report alone: its completeness, its metrics and where each of its
/// cells is in the template. [`Derived::of`] is the one place it is worked out.
#[derive(Clone, Debug)]
pub struct Derived {
    /// How many of its template's cells each table has.
    pub tables: Vec<TableCompleteness>,
    pub completeness: Completeness,
    /// The metrics it gives, by index in [`metrics::CATALOG`].
    pub metrics: Vec<(usize, MetricValue)>,
    /// For each of `report.cells`, in order: its position in [`crate::template::cells`]
    /// (None for a row the agency added).
    pub positions: Vec<Option<u16>>,
}

impl Derived {
    /// Work out what follows from `report`.
    pub fn of(report: &Report) -> Derived {
        Derived::with(report, &report.index())
    }

    /// [`Derived::of`] through an index of the report's cells.
    pub fn with(report: &Report, index: &CellIndex) -> Derived {
        let tables = report.tables_completeness_with(index);
        let completeness = report.completeness_of(&tables);
        let positions = index.positions().to_vec();
        Derived { tables, completeness, metrics: metrics::evaluate_all(report, index), positions }
    }
}

/// Values given on the command line that win over what the report says.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub agency: Option<String>,
    pub year: Option<i32>,
}

/// Hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

/// Read, extract and check one file. Errors name the file and the reason.
pub fn parse_file(path: &Path, limits: &Limits, overrides: &Overrides) -> Result<Parsed> {
    let bytes = source::read_file(path, limits)?;
    parse_bytes(path, &bytes, sha256_hex(&bytes), limits, overrides)
}

/// Extract and check a file already read (with its sha256).
pub fn parse_bytes(
    path: &Path,
    bytes: &[u8],
    sha256: String,
    limits: &Limits,
    overrides: &Overrides,
) -> Result<Parsed> {
    let (format, doc) = source::read_bytes(bytes, path, limits)?;
    finish(path, doc, format, sha256, overrides)
}

/// Extract and check a document read from `path`.
fn finish(path: &Path, doc: source::Document, format: Format, sha256: String, overrides: &Overrides) -> Result<Parsed> {
    let mut report = crate::extract::extract(&doc, path);
    if report.cells.is_empty() && report.title.is_none() {
        bail!("{}: no annual report found in it (no title and none of the three statistics tables)", path.display());
    }
    if let Some(a) = &overrides.agency {
        report.agency = Some(a.clone());
    }
    if let Some(y) = overrides.year {
        report.year = Some(y);
    }
    if report.agency.is_none() {
        bail!("{}: cannot tell which agency the report is from (no title found); pass --agency", path.display());
    }
    if report.year.is_none() {
        bail!(
            "{}: cannot tell the report's year (not in the title, the 统计期限 sentence or the file name); pass --year",
            path.display()
        );
    }
    let index = report.index();
    let checks = checks::run_with(&report, &index);
    let derived = Derived::with(&report, &index);
    drop(index);
    Ok(Parsed { path: path.to_path_buf(), sha256, format, report, checks, derived })
}

/// What the parallel stage makes of one file.
#[derive(Debug)]
pub enum Job {
    /// Parsed and ready to store.
    Parsed(Box<Parsed>),
    /// Already in the database (same sha256): skipped without parsing.
    Known { path: PathBuf, sha256: String },
    /// Could not be read or parsed.
    Failed { path: PathBuf, error: anyhow::Error },
}

/// Read a file, skip it if its sha256 is `known`, else parse it.
pub fn job(path: &Path, limits: &Limits, overrides: &Overrides, known: &HashSet<String>) -> Job {
    job_from(path, source::read_file(path, limits), limits, overrides, known)
}

/// [`job`] of a file already read ([`source::read_file`]'s result): a caller that times
/// or schedules the reading does it itself.
pub fn job_from(
    path: &Path,
    read: Result<Vec<u8>>,
    limits: &Limits,
    overrides: &Overrides,
    known: &HashSet<String>,
) -> Job {
    let bytes = match read {
        Ok(b) => b,
        Err(error) => return Job::Failed { path: path.to_path_buf(), error },
    };
    let sha256 = sha256_hex(&bytes);
    if known.contains(&sha256) {
        return Job::Known { path: path.to_path_buf(), sha256 };
    }
    // A reader bug must cost one file, not the whole import (and the batch the writer
    // holds): a panic while parsing becomes this file's error.
    guarded(path, || parse_bytes(path, &bytes, sha256, limits, overrides))
}

/// Run a parse as a job: a panic becomes this report's error.
fn guarded(path: &Path, parse: impl FnOnce() -> Result<Parsed>) -> Job {
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse));
    match parsed {
        Ok(Ok(p)) => Job::Parsed(Box::new(p)),
        Ok(Err(error)) => Job::Failed { path: path.to_path_buf(), error },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            Job::Failed {
                path: path.to_path_buf(),
                error: anyhow::anyhow!(
                    "{}: internal error while reading it (a bug in xxgk, please report it): {what}",
                    path.display()
                ),
            }
        }
    }
}

/// The picture files of `paths` for `--as-one-report`: files as given, directories walked
/// (recursively, hidden entries skipped) for picture endings; in natural name order
/// (`page2` before `page10`), files given one by one keeping their order. Errors name the
/// path when nothing usable is found.
pub fn collect_pictures(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("{}: cannot read", p.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk_pictures(p, &mut found, &mut HashSet::new())?;
            found.sort_by(|a, b| natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        let given: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        bail!("no pictures (png, jpg, tif, bmp, webp) found in {}", given.join(", "));
    }
    Ok(out)
}

fn walk_pictures(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) -> Result<()> {
    let canonical = std::fs::canonicalize(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    if !seen.insert(canonical) {
        return Ok(());
    }
    for e in std::fs::read_dir(dir).with_context(|| format!("{}: cannot list directory", dir.display()))?.flatten() {
        let path = e.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk_pictures(&path, out, seen)?,
            Ok(_) => {
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                if source::image::EXTENSIONS.contains(&ext.as_str()) {
                    out.push(path);
                }
            }
            Err(_) => {}
        }
    }
    Ok(())
}

/// Compare names with runs of digits compared as numbers.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let split = |s: &str| -> Vec<(bool, String)> {
        let mut parts: Vec<(bool, String)> = Vec::new();
        for c in s.chars() {
            let d = c.is_ascii_digit();
            match parts.last_mut() {
                Some((kind, text)) if *kind == d => text.push(c),
                _ => parts.push((d, c.to_string())),
            }
        }
        parts
    };
    let (pa, pb) = (split(a), split(b));
    for (x, y) in pa.iter().zip(&pb) {
        let ord = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
            }
            _ => x.1.cmp(&y.1),
        };
        if ord != std::cmp::Ordering::Equal {
            return ord;
        }
    }
    pa.len().cmp(&pb.len())
}

/// Read pictures as the pages of one report (`--as-one-report`). The report's path is
/// the directory when one was given, else the first file; its sha256 is that of all the
/// files' bytes in page order.
pub fn parse_pictures(given: &[PathBuf], files: &[PathBuf], limits: &Limits, overrides: &Overrides) -> Result<Parsed> {
    let path = match given {
        [one] if one.is_dir() => one.clone(),
        _ => files.first().cloned().unwrap_or_default(),
    };
    let mut all = Vec::with_capacity(files.len());
    let mut hasher = Sha256::new();
    for f in files {
        let bytes = source::read_file(f, limits)?;
        if !source::image::is_picture(&bytes) {
            bail!("{}: not a picture (PNG, JPEG, TIFF, BMP or WebP); --as-one-report reads pictures only", f.display());
        }
        hasher.update(&bytes);
        all.push(bytes);
    }
    let sha256: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    let slices: Vec<&[u8]> = all.iter().map(Vec::as_slice).collect();
    let mut doc = source::image::read_many(&slices, limits)
        .with_context(|| format!("{}: cannot read as pictures", path.display()))?;
    doc.warnings.push(format!("read as one report from {} picture file(s)", files.len()));
    finish(&path, doc, Format::Image, sha256, overrides)
}

/// [`parse_pictures`] as an import job (a panic is this report's error).
pub fn pictures_job(given: &[PathBuf], files: &[PathBuf], limits: &Limits, overrides: &Overrides) -> Job {
    let path = given.first().cloned().unwrap_or_default();
    guarded(&path, || parse_pictures(given, files, limits, overrides))
}

/// File name endings a report may have. Inside a directory, files with another ending
/// (`.json`, `.jpg`, `.xls`, …) are skipped; files with no ending are read, and the
/// reader is always chosen by content.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "shtml", "xhtml", "mht", "mhtml", "docx", "doc", "wps", "rtf",
    "pdf", "ofd",
];

/// Could a file found in a directory be a report, judging by its name?
fn report_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(ext) => REPORT_EXTENSIONS.iter().any(|r| r.eq_ignore_ascii_case(ext)),
    }
}

/// The files to import from the given paths: files as given, directories walked
/// (recursively, sorted, hidden entries skipped, other file types left out and
/// listed). Symlink loops are not followed twice. Returns the files and the files left
/// out.
pub fn collect_files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut out = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut left_out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).with_context(|| format!("{}: cannot read", p.display()))?;
        if meta.is_dir() {
            walk(p, &mut out, &mut seen_dirs, &mut left_out)?;
        } else {
            out.push(p.clone());
        }
    }
    Ok((out, left_out))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>, left_out: &mut Vec<PathBuf>) -> Result<()> {
    let canonical = std::fs::canonicalize(dir).with_context(|| format!("{}: cannot read", dir.display()))?;
    if !seen.insert(canonical) {
        return Ok(());
    }
    // Each entry with the type the listing gives (no call per file to ask the system).
    let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list directory", dir.display()))?
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .filter(|(p, _)| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (e, kind) in entries {
        // A directory or a plain file as listed; a link is followed (and anything else
        // asked about) as the system's metadata tells.
        let is_dir = match kind {
            Some(t) if t.is_dir() => Ok(true),
            Some(t) if t.is_file() => Ok(false),
            _ => std::fs::metadata(&e).map(|m| m.is_dir()),
        };
        match is_dir {
            Ok(true) => walk(&e, out, seen, left_out)?,
            Ok(false) if !report_name(&e) => left_out.push(e),
            Ok(false) => out.push(e),
            // A dangling link or a loop the OS refuses: the import reports it per file.
            Err(_) => out.push(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_folder_is_walked_in_order_links_followed_hidden_and_other_files_left() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let (a, sub, elsewhere) = (root.join("a"), root.join("a/sub"), root.join("elsewhere"));
        for d in [&sub, &elsewhere] {
            std::fs::create_dir_all(d).unwrap();
        }
        for f in ["a/2.txt", "a/10.html", "a/sub/x.docx", "a/.hidden.txt", "a/notes.xlsx", "elsewhere/y.pdf"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let link = |to: &str, at: &str| std::os::unix::fs::symlink(root.join(to), root.join(at)).unwrap();
        link("elsewhere", "a/linked-dir");
        link("elsewhere/y.pdf", "a/linked.pdf");
        link("nowhere.txt", "a/dangling.txt");
        let (files, left_out) = collect_files(std::slice::from_ref(&a)).unwrap();
        let names = |v: &[PathBuf]| -> Vec<String> {
            v.iter().map(|p| p.strip_prefix(&a).unwrap().to_string_lossy().into_owned()).collect()
        };
        assert_eq!(names(&files), ["10.html", "2.txt", "dangling.txt", "linked-dir/y.pdf", "linked.pdf", "sub/x.docx"]);
        assert_eq!(names(&left_out), ["notes.xlsx"]);
    }

    #[test]
    fn sha256_is_written_as_lowercase_hex() {
        // The standard's own test vectors.
        assert_eq!(sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn what_is_derived_is_what_the_report_gives() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/zibo-psb-2020.txt");
        let bytes = std::fs::read(&path).unwrap();
        let p = parse_bytes(&path, &bytes, sha256_hex(&bytes), &Limits::default(), &Overrides::default()).unwrap();
        let d = &p.derived;
        assert_eq!(d.tables, p.report.tables_completeness());
        assert_eq!(d.completeness, Completeness::Complete);
        assert_eq!(d.positions.len(), p.report.cells.len());
        let cells: Vec<_> = crate::template::cells().collect();
        for (c, at) in p.report.cells.iter().zip(&d.positions) {
            let (t, r, col) = cells[usize::from(at.unwrap())];
            assert_eq!((t, r.key, col.key), (c.tbl, c.row.as_ref(), c.col));
        }
        let each: Vec<(usize, MetricValue)> =
            metrics::CATALOG.iter().enumerate().filter_map(|(i, m)| Some((i, m.evaluate(&p.report)?))).collect();
        assert_eq!(d.metrics, each);
        let applications = metrics::CATALOG.iter().position(|m| m.name == "applications").unwrap();
        let v = d.metrics.iter().find(|(i, _)| *i == applications).map(|(_, v)| v.value);
        assert_eq!(v, Some(Some(15.0)), "淄博 2020 received 15 applications");
    }
}
