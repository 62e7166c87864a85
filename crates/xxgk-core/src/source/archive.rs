//! Zip archives (DOCX, OFD): opened and read without trusting what they declare.
//!
//! Entry counts are bounded before the zip library indexes the archive, and an entry is
//! inflated under [`Limits::max_inflated_bytes`] whatever size it declares.

use std::io::{Cursor, Read};

use anyhow::{anyhow, bail, Result};

use super::Limits;

/// Archives with more entries than this are refused (a Word file has a few dozen, an OFD
/// file a few per page).
pub const MAX_ENTRIES: u64 = 10_000;

/// An archive read from memory.
pub(crate) type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Open a zip archive held in `bytes`, refusing one that declares or holds more than
/// [`MAX_ENTRIES`] entries.
pub(crate) fn open(bytes: &[u8]) -> Result<Archive<'_>> {
    if let Some(n) = declared_entry_count(bytes) {
        if n > MAX_ENTRIES {
            bail!("the zip archive declares {n} entries (more than {MAX_ENTRIES}); refusing it");
        }
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| anyhow!("not a readable zip archive (truncated or corrupt): {e}"))?;
    if archive.len() as u64 > MAX_ENTRIES {
        bail!("the zip archive has {} entries (more than {MAX_ENTRIES}); refusing it", archive.len());
    }
    Ok(archive)
}

/// Does the zip archive in `bytes` hold an entry of this name (case as written)? False for
/// anything that does not open as an archive.
pub(crate) fn has_entry(bytes: &[u8], name: &str) -> bool {
    open(bytes).is_ok_and(|a| a.index_for_name(name).is_some())
}

/// The entry count from the end-of-central-directory record (zip64 aware), read before
/// the zip library builds its index of every entry. `None` when no record is found (the
/// zip library then reports the damage).
fn declared_entry_count(bytes: &[u8]) -> Option<u64> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[start..];
    let pos = start + tail.windows(4).rposition(|w| w == EOCD)?;
    let le16 = |at: usize| bytes.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
    let le64 = |at: usize| bytes.get(at..at + 8).map(|b| u64::from_le_bytes(b.try_into().unwrap_or([0; 8])));
    let total = le16(pos + 10)?;
    if total != 0xFFFF {
        return Some(total);
    }
    // Zip64: a locator sits just before the record and points at the zip64 record.
    let loc = pos.checked_sub(20)?;
    if bytes.get(loc..loc + 4)? != b"PK\x06\x07" {
        return Some(total);
    }
    let rec = usize::try_from(le64(loc + 8)?).ok()?;
    if bytes.get(rec..rec.checked_add(4)?)? != b"PK\x06\x06" {
        return Some(total);
    }
    le64(rec + 32)
}

/// One entry's bytes, inflated under the size limit; `Ok(None)` if the entry is absent.
pub(crate) fn read_entry(archive: &mut Archive<'_>, name: &str, limits: &Limits) -> Result<Option<Vec<u8>>> {
    let limit = limits.max_inflated_bytes;
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => bail!("cannot open {name} in the zip archive: {e}"),
    };
    let declared = file.size();
    if declared > limit {
        bail!(
            "{name} inflates to {declared} bytes, more than the limit of {limit} (raise it with --max-inflated-bytes)"
        );
    }
    // The declared size may lie: read at most one byte past the limit, whatever it says.
    let buf = read_bounded(file, declared, limit).map_err(|e| anyhow!("{name} is corrupt in the zip archive: {e}"))?;
    if buf.len() as u64 > limit {
        bail!("{name} inflates to more than the limit of {limit} bytes (raise it with --max-inflated-bytes)");
    }
    Ok(Some(buf))
}

/// Read up to `limit + 1` bytes, never holding more than that: the buffer starts at the
/// declared size and grows by doubling, capped at `limit + 1` (a plain `read_to_end` could
/// double past it).
fn read_bounded(mut r: impl Read, declared: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let cap_max = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    let mut buf: Vec<u8> = Vec::with_capacity((declared as usize).saturating_add(1).min(cap_max));
    let mut chunk = vec![0u8; 64 * 1024];
    while buf.len() < cap_max {
        let n = match r.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n.min(cap_max - buf.len()),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.capacity() - buf.len() < n {
            let want = (buf.capacity().saturating_mul(2)).max(buf.len() + n).min(cap_max);
            buf.reserve_exact(want - buf.len());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::read_bounded;

    #[test]
    fn bounded_read_stops_one_past_the_limit() {
        let data = vec![b' '; 300_000];
        let buf = read_bounded(&data[..], 10, 100_000).unwrap();
        assert_eq!(buf.len(), 100_001);
        assert!(buf.capacity() <= 100_001);
        assert_eq!(read_bounded(&data[..5], 1_000_000, 100).unwrap().len(), 5);
        assert_eq!(read_bounded(&data[..], 0, 0).unwrap().len(), 1);
    }
}
