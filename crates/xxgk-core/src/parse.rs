//! One file → a parsed, checked report ready for the store; and the files of a directory.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

use crate::checks::{self, CheckResult};
use crate::report::Report;
use crate::source::{self, Format, Limits};

/// A report read, extracted and checked, not yet stored.
#[derive(Debug)]
pub struct Parsed {
    pub path: PathBuf,
    pub sha256: String,
    pub format: Format,
    pub report: Report,
    pub checks: Vec<CheckResult>,
}

/// Values given on the command line that win over what the report says.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub agency: Option<String>,
    pub year: Option<i32>,
}

/// Hex sha256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// Read, extract and check one file. Errors name the file and the reason.
pub fn parse_file(path: &Path, limits: &Limits, overrides: &Overrides) -> Result<Parsed> {
    let bytes = source::read_file(path, limits)?;
    parse_bytes(path, &bytes, sha256_hex(&bytes), limits, overrides)
}

/// Extract and check a file already read (with its sha256).
pub fn parse_bytes(path: &Path, bytes: &[u8], sha256: String, limits: &Limits, overrides: &Overrides) -> Result<Parsed> {
    let (format, doc) = source::read_bytes(bytes, path, limits)?;
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
        bail!("{}: cannot tell the report's year (not in the title, the 统计期限 sentence or the file name); pass --year", path.display());
    }
    let checks = checks::run(&report);
    Ok(Parsed { path: path.to_path_buf(), sha256, format, report, checks })
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
    let bytes = match source::read_file(path, limits) {
        Ok(b) => b,
        Err(error) => return Job::Failed { path: path.to_path_buf(), error },
    };
    let sha256 = sha256_hex(&bytes);
    if known.contains(&sha256) {
        return Job::Known { path: path.to_path_buf(), sha256 };
    }
    // A reader bug must cost one file, not the whole import (and the batch the writer
    // holds): a panic while parsing becomes this file's error.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse_bytes(path, &bytes, sha256, limits, overrides)));
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
                error: anyhow::anyhow!("{}: internal error while reading it (a bug in xxgk, please report it): {what}", path.display()),
            }
        }
    }
}

/// File name endings a report may have. Inside a directory, files with another ending
/// (`.json`, `.jpg`, `.xls`, …) are skipped; files with no ending are read, and the
/// reader is always chosen by content.
pub const REPORT_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "html", "htm", "shtml", "xhtml", "docx", "doc", "wps", "pdf"];

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
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list directory", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .collect();
    entries.sort();
    for e in entries {
        match std::fs::metadata(&e) {
            Ok(m) if m.is_dir() => walk(&e, out, seen, left_out)?,
            Ok(_) if !report_name(&e) => left_out.push(e),
            Ok(_) => out.push(e),
            // A dangling link or a loop the OS refuses: the import reports it per file.
            Err(_) => out.push(e),
        }
    }
    Ok(())
}
