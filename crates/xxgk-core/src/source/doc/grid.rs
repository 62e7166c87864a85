//! From a Word 97 table's rows (cell texts, and each row's cell boundaries and merge
//! flags) to a grid with merged cells expanded, as the DOCX reader makes it.
//!
//! A `.doc` has no table grid (DOCX's `w:tblGrid`): each row lists its own cell
//! boundaries in twips. The grid's columns are the boundaries of all rows together
//! (within [`TOLERANCE`] of each other counted as one), and a cell spans the columns
//! between its two boundaries — the binary form of `w:gridSpan`. A row starting right of
//! the table's left edge gets empty positions first (`w:gridBefore`). A cell flagged as
//! merged into the one before it repeats that cell ([`Span::ColCopy`]); a cell flagged as
//! continuing a vertical merge takes the text of the cell above ([`Span::RowCopy`]).
//! When a row's layout does not fit its cells (missing, or a different cell count), the
//! whole table is laid out by cell order instead, one position per cell.

use anyhow::{bail, Result};

use super::props::RowDef;
use crate::source::{Cell, Span, Table};

/// Boundaries this close (in twips, 1/20 pt) are one grid line: writers round widths
/// differently from row to row.
pub const TOLERANCE: i32 = 10;

/// Widest span honoured, in grid columns (Word allows 63 cells a row).
const MAX_SPAN: usize = 1_000;

/// A row as read: its cells' texts, and its layout from the row-end mark, if any.
#[derive(Clone, Debug, Default)]
pub struct RowBuild {
    /// Each cell's text: its paragraphs joined with `\n`.
    pub cells: Vec<String>,
    /// The layout from the row-end mark's properties.
    pub def: Option<RowDef>,
}

/// A table being read row by row: finished rows, the open row's finished cells, the open
/// cell's paragraphs (the Word 97 and RTF readers build tables this way).
#[derive(Default)]
pub struct TableBuild {
    pub rows: Vec<RowBuild>,
    /// Finished cells of the open row.
    pub cells: Vec<String>,
    /// Paragraphs of the open cell.
    pub paras: Vec<String>,
}

impl TableBuild {
    /// The table has ended: a row left open (no row-end mark) is kept as read, and the
    /// rows are laid out ([`build`]); None when no row has a cell. The flag says whether
    /// the rows' cell edges fitted.
    pub fn finish(mut self, budget: &mut Budget) -> Result<Option<(Table, bool)>> {
        if !self.paras.is_empty() {
            self.cells.push(std::mem::take(&mut self.paras).join("\n"));
        }
        if !self.cells.is_empty() {
            self.rows.push(RowBuild { cells: std::mem::take(&mut self.cells), def: None });
        }
        if self.rows.iter().all(|r| r.cells.is_empty()) {
            return Ok(None);
        }
        build(self.rows, budget).map(Some)
    }
}

/// What expansion may still use: grid positions, and bytes of copied text.
pub struct Budget {
    /// Grid positions made so far, in all tables of the document.
    pub cells: usize,
    /// Bytes of text copied into merge copies so far.
    pub copied_bytes: usize,
    /// Limits of the two.
    pub max_cells: usize,
    pub max_copied_bytes: usize,
}

impl Budget {
    fn spend(&mut self, cells: usize, copied: usize) -> Result<()> {
        self.cells += cells;
        self.copied_bytes += copied;
        if self.cells > self.max_cells || self.copied_bytes > self.max_copied_bytes {
            bail!(
                "merged cells expand the tables past {} grid cells or {} copied bytes; refusing the document",
                self.max_cells,
                self.max_copied_bytes
            );
        }
        Ok(())
    }
}

/// Lay out a table's rows as a grid. `geometry_ok` is false when the rows' layouts could
/// not be used (reported by the caller as a warning).
pub fn build(rows: Vec<RowBuild>, budget: &mut Budget) -> Result<(Table, bool)> {
    let lines = grid_lines(&rows);
    let geometry_ok = lines.is_some();
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<Cell> = Vec::with_capacity(row.cells.len());
        let def = row.def.as_ref();
        for (i, text) in row.cells.into_iter().enumerate() {
            let flags = def.and_then(|d| d.cells.get(i)).copied().unwrap_or_default();
            // Where this cell starts and how many positions it covers.
            let (col, span) = match (&lines, def) {
                (Some(lines), Some(d)) => {
                    let left = column_of(lines, d.edges[i]);
                    let right = column_of(lines, d.edges[i + 1]);
                    let col = left.max(cells.len());
                    (col, right.saturating_sub(col).clamp(1, MAX_SPAN))
                }
                _ => (cells.len(), 1),
            };
            if cells.len() < col {
                let pad = col - cells.len();
                budget.spend(pad, 0)?;
                cells.resize(col, Cell::own(""));
            }
            let above = out.last().and_then(|r| r.get(col));
            let (text, first, rest) = if flags.vert_merge == 1 && above.is_some() {
                let above = above.map(|c| c.text.clone()).unwrap_or_default();
                (above, Span::RowCopy, Span::RowCopy)
            } else if flags.horz_merge >= 2 && !cells.is_empty() {
                let before = cells.last().map(|c| c.text.clone()).unwrap_or_default();
                (before, Span::ColCopy, Span::ColCopy)
            } else {
                (text.into(), Span::Own, Span::ColCopy)
            };
            let copies = span - usize::from(first == Span::Own);
            budget.spend(span, text.len() * copies)?;
            for k in 0..span {
                cells.push(Cell { text: text.clone(), span: if k == 0 { first } else { rest }, ocr: None });
            }
        }
        out.push(cells);
    }
    Ok((Table { rows: out }, geometry_ok))
}

/// The table's grid lines: every row's boundaries, sorted, near ones merged (each line
/// is the leftmost of its group). `None` when some row's layout does not fit its cells.
fn grid_lines(rows: &[RowBuild]) -> Option<Vec<i32>> {
    let mut all = Vec::new();
    for row in rows {
        let d = row.def.as_ref()?;
        if d.edges.len() != row.cells.len() + 1 || d.edges.windows(2).any(|w| w[0] > w[1]) {
            return None;
        }
        all.extend_from_slice(&d.edges);
    }
    all.sort_unstable();
    let mut lines: Vec<i32> = Vec::new();
    for x in all {
        match lines.last() {
            Some(&l) if x - l <= TOLERANCE => {}
            _ => lines.push(x),
        }
    }
    Some(lines)
}

/// The grid line a boundary falls on: the last line at or left of it.
fn column_of(lines: &[i32], x: i32) -> usize {
    lines.partition_point(|&l| l <= x).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::doc::props::CellDef;

    fn row(texts: &[&str], edges: &[i32], flags: &[(u8, u8)]) -> RowBuild {
        RowBuild {
            cells: texts.iter().map(|s| s.to_string()).collect(),
            def: Some(RowDef {
                edges: edges.to_vec(),
                cells: (0..texts.len())
                    .map(|i| {
                        flags.get(i).map_or(CellDef::default(), |&(h, v)| CellDef { horz_merge: h, vert_merge: v })
                    })
                    .collect(),
            }),
        }
    }

    fn budget() -> Budget {
        Budget { cells: 0, copied_bytes: 0, max_cells: 1000, max_copied_bytes: 1000 }
    }

    fn view(t: &Table) -> Vec<Vec<(String, Span)>> {
        t.rows.iter().map(|r| r.iter().map(|c| (c.text.to_string(), c.span)).collect()).collect()
    }

    #[test]
    fn widths_span_columns_and_vertical_merges_copy() {
        use Span::*;
        let rows = vec![
            row(&["三、本年度办理结果", "申请人"], &[0, 1000, 3001], &[(0, 3)]),
            row(&["", "1", "2"], &[3, 1000, 2000, 3000], &[(0, 1)]),
            row(&["x"], &[1000, 2000], &[]),
        ];
        let (t, ok) = build(rows, &mut budget()).unwrap();
        assert!(ok);
        let s = |x: &str| x.to_string();
        assert_eq!(
            view(&t),
            vec![
                vec![(s("三、本年度办理结果"), Own), (s("申请人"), Own), (s("申请人"), ColCopy)],
                vec![(s("三、本年度办理结果"), RowCopy), (s("1"), Own), (s("2"), Own)],
                vec![(s(""), Own), (s("x"), Own)],
            ]
        );
    }

    #[test]
    fn old_style_horizontal_merge_and_fallback() {
        let rows = vec![row(&["a", "", "b"], &[0, 10, 50, 100], &[(1, 0), (2, 0)])];
        let (t, _) = build(rows, &mut budget()).unwrap();
        assert_eq!(t.rows[0].iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["a", "a", "b"]);
        assert_eq!(t.rows[0][1].span, Span::ColCopy);
        // A layout that does not fit its cells: by order.
        let rows = vec![row(&["a", "b"], &[0, 10, 50], &[]), RowBuild { cells: vec!["c".into()], def: None }];
        let (t, ok) = build(rows, &mut budget()).unwrap();
        assert!(!ok);
        assert_eq!(t.rows, vec![vec![Cell::own("a"), Cell::own("b")], vec![Cell::own("c")]]);
    }

    #[test]
    fn budget_is_enforced() {
        let rows =
            vec![row(&["a"], &[0, 30000], &[]), row(&["b"; 20], &(0..=20).map(|i| i * 1500).collect::<Vec<_>>(), &[])];
        let mut b = Budget { cells: 0, copied_bytes: 0, max_cells: 30, max_copied_bytes: 1000 };
        assert!(build(rows, &mut b).is_err());
    }
}
