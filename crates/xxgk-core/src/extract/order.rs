//! A table's figures given to its rows in the template's order, when nothing else can tell
//! which row they are.
//!
//! A PDF's page text may print a table's row labels apart from its figures (pdftotext
//! reading the label column as one block and the figures as another): the labels then say
//! nothing about which figures are whose. The figures still come a row at a time, top to
//! bottom, in many such texts. Taken in the template's row order, a full table of them is a
//! reading the template's arithmetic can test: every row's 总计 must be its parts' sum, and
//! every column must balance (R1, R3). A table read the other way (by columns), a figure lost
//! or added, or a row cut in two fails those sums unless its figures are nearly all zero —
//! and then most readings are the same.
//!
//! The sums cannot tell two result rows apart (swapping them changes no sum), so the
//! reading stays a reading: its cells are marked [`crate::report::Placement::Assumed`] by the
//! caller, with a note.

use super::cell::classify;
use super::place::Observed;
use crate::report::State;
use crate::template::{RowDef, Table, Version, EQUATIONS};

/// A table read in the template's order: its version, and each row with its figures.
pub type InOrder<'f> = (Version, Vec<(&'static RowDef, &'f [Observed])>);

/// The rows of `table` (a one-block table: 三 or 四), each with its figures, when `figures`
/// (every figure the table printed, in order, no empty cells) are exactly one per cell of the
/// template in one version — which must fit `version` when that is known — and every
/// arithmetic rule of the table holds for them in the template's row order. `None`
/// otherwise.
pub fn rows_in_order(table: Table, figures: &[Observed], version: Option<Version>) -> Option<InOrder<'_>> {
    let block = &table.def().blocks[0];
    let values: Vec<f64> = figures
        .iter()
        .map(|f| match classify(&f.raw) {
            (State::Number, Some(v), None) if v.fract() == 0.0 && v >= 0.0 => Some(v),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let candidates = [Version::V2021, Version::V2019];
    let (version, rows, width) =
        candidates.into_iter().filter(|v| version.is_none_or(|k| k.fits(*v))).find_map(|v| {
            let rows: Vec<&'static RowDef> = block.rows_in(v).collect();
            let width = block.columns_in(v).count();
            (width > 0 && rows.len() * width == values.len()).then_some((v, rows, width))
        })?;
    let cols: Vec<&'static str> = block.columns_in(version).map(|c| c.key).collect();
    let at = |row: &str, col: &str| -> Option<f64> {
        let r = rows.iter().position(|d| d.key == row)?;
        let c = cols.iter().position(|k| *k == col)?;
        Some(values[r * width + c])
    };
    // Every cell of the version is read here, so every sum is assessed.
    if !sums_hold(table, version, at) {
        return None;
    }
    let rows = rows.into_iter().zip(figures.chunks(width)).collect();
    Some((version, rows))
}

/// Does every arithmetic rule of `table` in `version` hold for a reading that gives each
/// cell's value (`None`: not read)? A rule instance with a cell not read is not assessed.
pub fn sums_hold(table: Table, version: Version, cell: impl Fn(&str, &str) -> Option<f64>) -> bool {
    EQUATIONS
        .iter()
        .filter(|e| e.table == table)
        .all(|e| e.instances(version).iter().all(|inst| inst.holds(&cell) != Some(false)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use compact_str::ToCompactString;

    fn figures(v: &[u32]) -> Vec<Observed> {
        v.iter().map(|n| Observed { raw: n.to_compact_string(), x: None, ocr: None }).collect()
    }

    /// A 2021 table 三 as rows of seven: new 9 (8 natural persons, 1 other), 9 results
    /// (6 granted, 2 unable_not_held, 1 other_other), nothing carried.
    fn table_2021() -> Vec<[u32; 7]> {
        let mut rows = vec![[0u32; 7]; 25];
        rows[0] = [8, 0, 0, 0, 0, 1, 9];
        rows[2] = [5, 0, 0, 0, 0, 1, 6];
        rows[12] = [2, 0, 0, 0, 0, 0, 2];
        rows[22] = [1, 0, 0, 0, 0, 0, 1];
        rows[23] = [8, 0, 0, 0, 0, 1, 9];
        rows
    }

    #[test]
    fn a_full_table_that_adds_up_is_read_in_the_templates_order() {
        let flat: Vec<u32> = table_2021().concat();
        let f = figures(&flat);
        let (version, rows) = rows_in_order(Table::Applications, &f, None).expect("every sum holds");
        assert_eq!(version, Version::V2021);
        assert_eq!(rows.len(), 25);
        assert_eq!(rows[0].0.key, "new_received");
        assert_eq!(rows[12].0.key, "unable_not_held");
        assert_eq!(rows[12].1[0].raw, "2");
        assert_eq!(rows[24].0.key, "carry_forward");
        // The 2019 form has 23 rows: 175 figures are no 2019 table.
        assert!(rows_in_order(Table::Applications, &f, Some(Version::V2019)).is_none());
    }

    #[test]
    fn figures_read_by_columns_or_one_figure_off_are_not_read() {
        let table = table_2021();
        // The same figures column by column.
        let by_columns: Vec<u32> = (0..7).flat_map(|c| table.iter().map(move |r| r[c])).collect();
        assert!(rows_in_order(Table::Applications, &figures(&by_columns), None).is_none());
        // One figure lost and one added elsewhere: the count still fits.
        let mut flat: Vec<u32> = table.concat();
        flat.remove(3);
        flat.insert(20, 0);
        assert!(rows_in_order(Table::Applications, &figures(&flat), None).is_none());
        // One figure too many.
        let mut flat: Vec<u32> = table.concat();
        flat.push(1);
        assert!(rows_in_order(Table::Applications, &figures(&flat), None).is_none());
        // A mark that is no figure.
        let mut f = figures(&table.concat());
        f[10].raw = "-".into();
        assert!(rows_in_order(Table::Applications, &f, None).is_none());
    }
}
