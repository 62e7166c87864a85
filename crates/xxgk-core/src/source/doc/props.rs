//! Formatting the Word 97 reader needs: paragraph properties (is this paragraph in a
//! table, does it end a row, the row's cell layout), deleted-text runs, and style names.
//!
//! Properties are stored as lists of *sprms* (single property modifiers: a 2-byte code,
//! then an operand whose size the code's top three bits give). Paragraph sprms live in
//! 512-byte *FKP* pages of the WordDocument stream, each page mapping ranges of stream
//! offsets (FCs) to a property list; a *bin table* (`PlcBtePapx` / `PlcBteChpx`, in the
//! table stream) says which page covers which FCs. Every read here is bounds-checked: a
//! bad offset yields "no properties", never a panic.

use super::{le_u16, le_u32};

/// Size of an FKP page.
const PAGE: usize = 512;

/// Paragraph sprms the reader acts on.
const SPRM_P_F_IN_TABLE: u16 = 0x2416;
const SPRM_P_F_TTP: u16 = 0x2417;
const SPRM_P_ITAP: u16 = 0x6649;
const SPRM_P_DTAP: u16 = 0x664A;
const SPRM_P_F_INNER_TABLE_CELL: u16 = 0x244B;
const SPRM_P_F_INNER_TTP: u16 = 0x244C;
/// Table sprms (they sit in the property list of the paragraph that ends a row).
const SPRM_T_DEF_TABLE: u16 = 0xD608;
const SPRM_T_VERT_MERGE: u16 = 0xD62B;
const SPRM_T_MERGE: u16 = 0x5624;
const SPRM_T_SPLIT: u16 = 0x5625;
/// The paragraph's real property list is too large for its page: it is in the Data
/// stream, at the offset this sprm gives.
const SPRM_P_HUGE_PAPX: u16 = 0x6646;
/// Tab stops: the one variable-size sprm whose size byte can be 255, meaning "compute it".
const SPRM_P_CHG_TABS: u16 = 0xC615;
/// Character sprm: the text is a tracked deletion.
const SPRM_C_F_RMARK_DEL: u16 = 0x0800;
/// Character sprms of pictures: where the picture is (an offset in the Data stream), and
/// the two flags that make that operand something else.
const SPRM_C_PIC_LOCATION: u16 = 0x6A03;
const SPRM_C_F_DATA: u16 = 0x0806;
const SPRM_C_F_OLE2: u16 = 0x080A;

/// Deepest table nesting honoured (Word stops at 64).
pub const MAX_DEPTH: i32 = 64;

/// Walks a property list (`grpprl`) as `(sprm, operand)` pairs; stops at the first sprm
/// whose operand would run past the end.
pub struct Sprms<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Sprms<'a> {
    /// Walk `data` from its start.
    pub fn new(data: &'a [u8]) -> Self {
        Sprms { data, pos: 0 }
    }
}

impl<'a> Iterator for Sprms<'a> {
    type Item = (u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let d = self.data;
        let sprm = le_u16(d, self.pos)?;
        let p = self.pos + 2;
        let (start, len) = match sprm >> 13 {
            0 | 1 => (p, 1),
            2 | 4 | 5 => (p, 2),
            3 => (p, 4),
            7 => (p, 3),
            _ => match sprm {
                // A 2-byte size that counts itself as 1 byte.
                SPRM_T_DEF_TABLE | 0xD606 => (p + 2, (le_u16(d, p)? as usize).saturating_sub(1)),
                SPRM_P_CHG_TABS if *d.get(p)? == 255 => {
                    let del = *d.get(p + 1)? as usize;
                    let add = *d.get(p + 2 + del * 4)? as usize;
                    (p + 1, 1 + del * 4 + 1 + add * 3)
                }
                _ => (p + 1, *d.get(p)? as usize),
            },
        };
        let end = start.checked_add(len)?;
        let operand = d.get(start..end)?;
        self.pos = end;
        Some((sprm, operand))
    }
}

/// One cell of a row's layout (`TC80` in `sprmTDefTable`): how it merges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CellDef {
    /// 0 none, 1 first of a horizontal merge, 2 or 3 merged into the cell before.
    pub horz_merge: u8,
    /// 0 none, 1 merged into the cell above, 3 first of a vertical merge.
    pub vert_merge: u8,
}

/// A table row's layout: cell boundaries in twips (one more than cells) and merge flags.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowDef {
    /// Cell boundaries, left to right (`rgdxaCenter`).
    pub edges: Vec<i32>,
    /// Each cell's merge flags (default when the sprm lists fewer cells).
    pub cells: Vec<CellDef>,
}

/// What the reader needs of one paragraph's properties.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParaProps {
    /// Paragraph style index.
    pub istd: u16,
    /// In a table (`sprmPFInTable`).
    pub in_table: bool,
    /// Ends a row of a depth-1 table (a 0x07 mark with this flag).
    pub ttp: bool,
    /// Table depth, when given (`sprmPItap`, adjusted by `sprmPDtap`).
    pub itap: Option<i32>,
    /// Ends a cell of a nested table (its mark is 0x0D, not 0x07).
    pub inner_cell: bool,
    /// Ends a row of a nested table.
    pub inner_ttp: bool,
    /// The row's layout, on the paragraph that ends a row.
    pub row: Option<RowDef>,
    /// Where the rest of the property list is, in the Data stream (`sprmPHugePapx`).
    huge: Option<u32>,
}

impl ParaProps {
    /// Table nesting depth: 0 outside tables.
    pub fn depth(&self) -> i32 {
        match self.itap {
            Some(n) if n > 0 => n.min(MAX_DEPTH),
            _ if self.in_table => 1,
            _ => 0,
        }
    }

    /// Apply a property list on top of what is set.
    pub fn apply(&mut self, grpprl: &[u8]) {
        for (sprm, op) in Sprms::new(grpprl) {
            let byte = op.first().copied().unwrap_or(0);
            match sprm {
                SPRM_P_F_IN_TABLE => self.in_table = byte != 0,
                SPRM_P_F_TTP => self.ttp = byte != 0,
                SPRM_P_F_INNER_TABLE_CELL => self.inner_cell = byte != 0,
                SPRM_P_F_INNER_TTP => self.inner_ttp = byte != 0,
                SPRM_P_HUGE_PAPX => self.huge = le_u32(op, 0),
                SPRM_P_ITAP => self.itap = le_u32(op, 0).map(|v| v as i32),
                SPRM_P_DTAP => {
                    let d = le_u32(op, 0).map_or(0, |v| v as i32);
                    self.itap = Some(self.itap.unwrap_or(i32::from(self.in_table)).saturating_add(d));
                }
                SPRM_T_DEF_TABLE => self.row = parse_tdef(op),
                SPRM_T_VERT_MERGE => {
                    // Operand: itc, vertMerge (the size byte is already stripped).
                    if let (Some(row), [itc, flag, ..]) = (self.row.as_mut(), op) {
                        if let Some(c) = row.cells.get_mut(*itc as usize) {
                            c.vert_merge = *flag & 3;
                        }
                    }
                }
                SPRM_T_MERGE | SPRM_T_SPLIT => {
                    if let (Some(row), [first, lim]) = (self.row.as_mut(), op) {
                        let (first, lim) = (*first as usize, (*lim as usize).min(row.cells.len()));
                        for i in first..lim {
                            row.cells[i].horz_merge = match (sprm, i == first) {
                                (SPRM_T_SPLIT, _) => 0,
                                (_, true) => 1,
                                _ => 2,
                            };
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// `sprmTDefTable`'s operand (after its size): the cell count, the cell boundaries, then
/// one 20-byte `TC80` per cell (possibly fewer than the cells).
fn parse_tdef(op: &[u8]) -> Option<RowDef> {
    let n = *op.first()? as usize;
    let mut edges = Vec::with_capacity(n + 1);
    for i in 0..=n {
        edges.push(i32::from(le_u16(op, 1 + 2 * i)? as i16));
    }
    let tcs = 1 + 2 * (n + 1);
    let cells = (0..n)
        .map(|i| {
            let grf = le_u16(op, tcs + 20 * i).unwrap_or(0);
            CellDef { horz_merge: (grf & 3) as u8, vert_merge: ((grf >> 5) & 3) as u8 }
        })
        .collect();
    Some(RowDef { edges, cells })
}

/// One bin table: FC ranges → FKP page numbers.
struct BinTable {
    /// `(first FC, end FC, page number)`, in file order.
    entries: Vec<(u32, u32, u32)>,
}

impl BinTable {
    /// Parse a `PlcBte*` (n+1 FCs, then n page numbers). Malformed → empty.
    fn parse(plc: &[u8]) -> BinTable {
        let mut entries = Vec::new();
        if plc.len() >= 8 && (plc.len() - 4) % 8 == 0 {
            let n = (plc.len() - 4) / 8;
            for i in 0..n {
                let (Some(a), Some(b), Some(pn)) =
                    (le_u32(plc, 4 * i), le_u32(plc, 4 * i + 4), le_u32(plc, 4 * (n + 1) + 4 * i))
                else {
                    break;
                };
                entries.push((a, b, pn & 0x003F_FFFF));
            }
        }
        BinTable { entries }
    }

    /// The entry whose FC range holds `fc` (entries are in FC order in a sound file; in
    /// another, a lookup may miss, never fail).
    fn entry_for(&self, fc: u32) -> Option<usize> {
        let i = self.entries.partition_point(|e| e.0 <= fc).checked_sub(1)?;
        let (a, b, _) = self.entries[i];
        (a <= fc && fc < b).then_some(i)
    }
}

/// A 512-byte FKP page of the WordDocument stream, if it lies inside it.
fn page(word: &[u8], pn: u32) -> Option<&[u8]> {
    let start = (pn as usize).checked_mul(PAGE)?;
    word.get(start..start.checked_add(PAGE)?)
}

/// The runs of an FKP page: `(first FC, end FC, index)` for its `crun` entries.
fn runs(page: &[u8], max_crun: usize) -> impl Iterator<Item = (u32, u32, usize)> + '_ {
    let crun = (page[PAGE - 1] as usize).min(max_crun);
    (0..crun).filter_map(move |i| Some((le_u32(page, 4 * i)?, le_u32(page, 4 * i + 4)?, i)))
}

/// The runs of one paragraph FKP page: `(first FC, end FC, GrpPrlAndIstd)`.
type PapxRuns<'a> = Vec<(u32, u32, &'a [u8])>;

/// Paragraph properties by FC: the bin table, and a cache of parsed pages.
pub struct Papx<'a> {
    word: &'a [u8],
    /// The Data stream (empty when the file has none), for property lists too large for
    /// their page.
    data: &'a [u8],
    bins: BinTable,
    /// Per bin entry: the page's runs, once read.
    cache: Vec<Option<PapxRuns<'a>>>,
}

impl<'a> Papx<'a> {
    /// `plc` is the `PlcBtePapx` from the table stream; pages are read from `word`.
    pub fn new(word: &'a [u8], data: &'a [u8], plc: &[u8]) -> Self {
        let bins = BinTable::parse(plc);
        let cache = vec![None; bins.entries.len()];
        Papx { word, data, bins, cache }
    }

    /// The properties of the paragraph holding the character at stream offset `fc`
    /// (Word's defaults when nothing covers it).
    pub fn props_at(&mut self, fc: u32) -> ParaProps {
        let mut props = ParaProps::default();
        if let Some(raw) = self.raw_at(fc) {
            props.istd = le_u16(raw, 0).unwrap_or(0);
            props.apply(raw.get(2..).unwrap_or(&[]));
            // A large list continues in the Data stream: a 2-byte size, then the sprms.
            if let Some(at) = props.huge.take() {
                let at = at as usize;
                if let Some(cb) = le_u16(self.data, at) {
                    props.apply(self.data.get(at + 2..(at + 2).saturating_add(cb as usize)).unwrap_or(&[]));
                    props.huge = None;
                }
            }
        }
        props
    }

    /// The `GrpPrlAndIstd` bytes covering `fc`.
    fn raw_at(&mut self, fc: u32) -> Option<&'a [u8]> {
        let i = self.bins.entry_for(fc)?;
        if self.cache[i].is_none() {
            let pn = self.bins.entries[i].2;
            let parsed = page(self.word, pn).map(parse_papx_page).unwrap_or_default();
            self.cache[i] = Some(parsed);
        }
        let runs = self.cache[i].as_ref()?;
        let j = runs.partition_point(|r| r.0 <= fc).checked_sub(1)?;
        let (a, b, raw) = runs[j];
        (a <= fc && fc < b).then_some(raw)
    }
}

/// The runs of a paragraph FKP: each run's FC range and its `GrpPrlAndIstd`.
fn parse_papx_page(page: &[u8]) -> PapxRuns<'_> {
    // At most 29 runs fit: 4 bytes of FC and 13 of BxPap each.
    let crun = (page[PAGE - 1] as usize).min(29);
    let mut out: PapxRuns = runs(page, 29)
        .map(|(a, b, i)| {
            let bx = 4 * (crun + 1) + 13 * i;
            let raw = page
                .get(bx)
                .map(|&off| off as usize * 2)
                .filter(|&o| o != 0)
                .and_then(|o| {
                    let cb = *page.get(o)? as usize;
                    let (start, len) =
                        if cb != 0 { (o + 1, 2 * cb - 1) } else { (o + 2, 2 * *page.get(o + 1)? as usize) };
                    page.get(start..(start + len).min(PAGE - 1))
                })
                .unwrap_or(&[]);
            (a, b, raw)
        })
        .collect();
    // Runs are in FC order in a sound file; sort so lookups stay correct in any file.
    out.sort_by_key(|r| r.0);
    out
}

/// FC ranges of text marked as deleted (tracked changes), sorted, from every character
/// FKP. Text in them is left out, as Word shows the document with changes accepted.
pub fn deleted_ranges(word: &[u8], plc: &[u8]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    chpx_runs(word, plc, |a, b, grpprl| {
        if is_deleted(grpprl) && a < b {
            out.push((a, b));
        }
    });
    out.sort_unstable();
    out
}

/// Runs of inline pictures: `(first FC, end FC, offset in the Data stream)` of every
/// character run whose properties place a picture (`sprmCPicLocation`) that is a picture —
/// not form-field data (`sprmCFData`) nor an embedded object (`sprmCFOle2`, whose operand
/// names an object, not an offset) — sorted by FC.
pub fn picture_runs(word: &[u8], plc: &[u8]) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    chpx_runs(word, plc, |a, b, grpprl| {
        let mut location = None;
        let mut other = false;
        for (sprm, op) in Sprms::new(grpprl) {
            match sprm {
                SPRM_C_PIC_LOCATION => location = le_u32(op, 0),
                SPRM_C_F_DATA | SPRM_C_F_OLE2 => other |= matches!(op.first(), Some(1 | 0x81)),
                _ => {}
            }
        }
        if let (Some(at), false, true) = (location, other, a < b) {
            out.push((a, b, at));
        }
    });
    out.sort_unstable();
    out
}

/// The value of sorted `runs` covering `fc`.
pub fn run_at(runs: &[(u32, u32, u32)], fc: u32) -> Option<u32> {
    let i = runs.partition_point(|r| r.0 <= fc);
    (i > 0 && fc < runs[i - 1].1).then(|| runs[i - 1].2)
}

/// Every character run of the CHPX pages the bin table names, as `(first FC, end FC,
/// property list)`.
fn chpx_runs(word: &[u8], plc: &[u8], mut f: impl FnMut(u32, u32, &[u8])) {
    let bins = BinTable::parse(plc);
    // A page is listed once per bin entry; a hostile table could list one page many
    // times, so each page is read at most once.
    let mut seen = std::collections::HashSet::new();
    for &(_, _, pn) in &bins.entries {
        if !seen.insert(pn) {
            continue;
        }
        let Some(page) = page(word, pn) else { continue };
        // At most 101 runs fit (4 bytes of FC and 1 of offset each).
        let crun = (page[PAGE - 1] as usize).min(101);
        for (a, b, i) in runs(page, 101) {
            let off = page.get(4 * (crun + 1) + i).map_or(0, |&o| o as usize * 2);
            if off == 0 {
                continue;
            }
            let Some(&cb) = page.get(off) else { continue };
            let grpprl = page.get(off + 1..(off + 1 + cb as usize).min(PAGE)).unwrap_or(&[]);
            f(a, b, grpprl);
        }
    }
}

/// Whether a character property list marks its text as deleted.
pub fn is_deleted(grpprl: &[u8]) -> bool {
    Sprms::new(grpprl).any(|(sprm, op)| sprm == SPRM_C_F_RMARK_DEL && matches!(op.first(), Some(1 | 0x81)))
}

/// Whether `fc` falls in one of the sorted `ranges`.
pub fn in_ranges(ranges: &[(u32, u32)], fc: u32) -> bool {
    let i = ranges.partition_point(|r| r.0 <= fc);
    i > 0 && fc < ranges[i - 1].1
}

/// Which paragraph styles are titles, by style index, from the style sheet (`STSH`):
/// built-in styles by their identifier (heading 1, Title), others by name, as the DOCX
/// reader judges names. Unreadable → empty (no title hint).
pub fn title_styles(stsh: &[u8]) -> Vec<bool> {
    let mut out = Vec::new();
    let Some(cb_stshi) = le_u16(stsh, 0) else { return out };
    let stshi = 2 + cb_stshi as usize;
    let (Some(cstd), Some(cb_base)) = (le_u16(stsh, 2), le_u16(stsh, 4)) else { return out };
    let mut pos = stshi;
    for _ in 0..cstd {
        let Some(cb) = le_u16(stsh, pos) else { break };
        let std = stsh.get(pos + 2..pos + 2 + cb as usize).unwrap_or(&[]);
        pos += 2 + cb as usize;
        let title = match le_u16(std, 0).map(|v| v & 0x0FFF) {
            None => false,
            // sti: 1 = heading 1, 62 = Title.
            Some(1 | 62) => true,
            Some(_) => {
                let at = cb_base as usize;
                le_u16(std, at).is_some_and(|cch| {
                    let units: Vec<u16> = (0..cch as usize).map_while(|k| le_u16(std, at + 2 + 2 * k)).collect();
                    super::super::docx::is_title_name(&String::from_utf16_lossy(&units))
                })
            }
        };
        out.push(title);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprm_sizes_and_truncation() {
        // fInTable=1, itap=2 (4-byte operand), a variable-size sprm of 3 bytes, then a
        // truncated 2-byte sprm.
        let data = [0x16, 0x24, 1, 0x49, 0x66, 2, 0, 0, 0, 0x00, 0xC6, 3, 9, 9, 9, 0x00, 0x40, 7];
        let got: Vec<(u16, Vec<u8>)> = Sprms::new(&data).map(|(s, o)| (s, o.to_vec())).collect();
        assert_eq!(got, vec![(0x2416, vec![1]), (0x6649, vec![2, 0, 0, 0]), (0xC600, vec![9, 9, 9])]);
        let mut p = ParaProps::default();
        p.apply(&data);
        assert_eq!(p.depth(), 2);
        assert!(p.in_table);
    }

    #[test]
    fn table_definition_and_merges() {
        // Two cells at 0..100..300; the second is the first of a vertical merge.
        let mut op = vec![2u8];
        for x in [0i16, 100, 300] {
            op.extend(x.to_le_bytes());
        }
        op.extend([0u8; 20]);
        let mut tc = [0u8; 20];
        tc[0] = 3 << 5;
        op.extend(tc);
        let mut grpprl = vec![0x08, 0xD6];
        grpprl.extend(((op.len() + 1) as u16).to_le_bytes());
        grpprl.extend(&op);
        // sprmTVertMerge: cell 0 continues the cell above.
        grpprl.extend([0x2B, 0xD6, 2, 0, 1]);
        let mut p = ParaProps::default();
        p.apply(&grpprl);
        let row = p.row.unwrap();
        assert_eq!(row.edges, vec![0, 100, 300]);
        assert_eq!(row.cells[0].vert_merge, 1);
        assert_eq!(row.cells[1].vert_merge, 3);
    }

    #[test]
    fn ranges_lookup() {
        let r = [(10, 20), (30, 31)];
        assert!(!in_ranges(&r, 9));
        assert!(in_ranges(&r, 10) && in_ranges(&r, 19));
        assert!(!in_ranges(&r, 20) && in_ranges(&r, 30) && !in_ranges(&r, 31));
        assert!(!in_ranges(&[], 0));
    }

    #[test]
    fn hostile_pages_do_not_panic() {
        let word = vec![0xFFu8; 4 * PAGE];
        let mut plc = Vec::new();
        for x in [0u32, 100, 0xFFFF_FFFF, 1, 2, 3] {
            plc.extend(x.to_le_bytes());
        }
        let mut papx = Papx::new(&word, &word, &plc[..20]);
        for fc in [0, 50, 99, 100, 5000, u32::MAX] {
            let _ = papx.props_at(fc);
        }
        let _ = deleted_ranges(&word, &plc[..20]);
        let _ = title_styles(&word);
    }
}
