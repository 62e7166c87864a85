//! Two figures a converter ran together into one cell, beside the empty cell one of them
//! left, split where the table's sums say.
//!
//! A PDF with narrow columns may print a figure too wide for its cell over the cell's
//! edge, against its neighbour's: the reader then gets `1154629` under 总计 and nothing
//! under 其他 (115 and 4629). Read as printed, the row's 总计 is off by a factor the checks
//! report, but nothing says which figures are whose. Every split of the digits between the
//! number and the empty cell beside it is tried; one that makes the row's sums hold, keeps
//! every other sum of the table it touches, and is the only such split is taken, its two
//! cells marked [`Placement::Arithmetic`] with a note. Otherwise the cells stay as read (the
//! checks report the failing sum).
//!
//! The same holds for a 总计 that placing found no figure for (a row of six figures for seven
//! columns, the last of them `10303`: a converter joined 其他's 10 and the 总计's 303): the
//! missing 总计 stands in as the empty cell for the search, and is left out again when no
//! split is taken.

use std::collections::HashMap;

use super::cell::{classify, printed_whole};
use super::tables::Tables;
use crate::report::{CellValue, Placement, State};
use crate::template::{Instance, Over, Table, Version, EQUATIONS};

/// Split figures run together in tables 三 and 四 of `tables` (see the module docs).
pub fn split_run_together(tables: &mut Tables) {
    for table in [Table::Applications, Table::Appeals] {
        let lost = stand_in_for_lost_totals(tables, table);
        if suspect(tables, table) {
            split_in(tables, table, &lost);
        }
        settle_lost_totals(tables, table, &lost);
    }
}

/// Rows of `table` that the sums placed without a 总计 (one printed and lost: see
/// [`super::place`]) whose last cell is a number of two digits or more: the 总计 may be
/// run together with it (`10303`, 其他's 10 and the 总计's 303, from a converter that
/// joins words set close). Each gets an empty 总计 beside that cell, for [`split_in`] to
/// try; the rows' keys are returned.
fn stand_in_for_lost_totals(tables: &mut Tables, table: Table) -> Vec<std::borrow::Cow<'static, str>> {
    let mut rows = Vec::new();
    let mut i = 0;
    while i < tables.cells.len() {
        let c = &tables.cells[i];
        // (The cheap tests first: most cells fail them, and the row keys are not compared.)
        let lost = c.tbl == table
            && c.state == State::Number
            && column_after(table, c.col) == Some("total")
            && tables.cells.get(i + 1).is_none_or(|n| n.tbl != c.tbl || n.row != c.row)
            && !c.row.starts_with("extra:")
            && digits(&c.raw).is_some()
            && !tables.cells.iter().any(|o| o.tbl == table && o.row == c.row && o.col == "total");
        if lost {
            let mut total = c.clone();
            total.col = "total";
            total.raw = Default::default();
            total.state = State::Blank;
            total.value = None;
            total.unit = None;
            rows.push(c.row.clone());
            tables.cells.insert(i + 1, total);
            i += 1;
        }
        i += 1;
    }
    rows
}

/// The column after `col` in `table`'s template (either version: 总计 is last in both).
fn column_after(table: Table, col: &str) -> Option<&'static str> {
    let cols = &table.def().blocks[0].columns;
    cols.iter().position(|c| c.key == col).and_then(|i| cols.get(i + 1)).map(|c| c.key)
}

/// After [`split_in`]: a stand-in 总计 that no split filled is taken out again (the cell is
/// missing, as placing said); one that was filled replaces placing's note on it.
fn settle_lost_totals(tables: &mut Tables, table: Table, rows: &[std::borrow::Cow<'static, str>]) {
    if rows.is_empty() {
        return;
    }
    let filled: Vec<std::borrow::Cow<'static, str>> = rows
        .iter()
        .filter(|r| {
            tables.cells.iter().any(|c| c.tbl == table && c.row == **r && c.col == "total" && c.state != State::Blank)
        })
        .cloned()
        .collect();
    tables.cells.retain(|c| {
        !(c.tbl == table && c.col == "total" && c.state == State::Blank && c.raw.is_empty() && rows.contains(&c.row))
    });
    let numeral = table.numeral();
    tables.notes.retain(|n| {
        !filled.iter().any(|r| {
            n.starts_with(&format!("table {numeral} row {r}: placed by the sums"))
                && n.contains("is its 总计 — that cell is missing")
        })
    });
}

/// A cheap look first (most reports have no such cells): an empty cell next to a number of
/// two digits or more in the same row, as the cells were read (a row's cells one after
/// another).
fn suspect(tables: &Tables, table: Table) -> bool {
    tables.cells.windows(2).any(|w| {
        let (a, b) = (&w[0], &w[1]);
        a.tbl == table
            && b.tbl == table
            && (a.state == State::Blank || b.state == State::Blank)
            && a.row == b.row
            && ((a.state == State::Blank && (digits(&b.raw).is_some() || glued_groups(b)))
                || (b.state == State::Blank && (digits(&a.raw).is_some() || glued_groups(a))))
    })
}

/// The digits of a whole number of two digits or more (ASCII or full width), as ASCII.
fn digits(raw: &str) -> Option<String> {
    let out: String = raw
        .chars()
        .map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            _ => None,
        })
        .collect::<Option<String>>()?;
    (out.len() >= 2).then_some(out)
}

/// Is the cell two figures with thousands separators run together, read as a text
/// (`2065,758`: 206 and 5,758, a converter's print of two cells set close)? ASCII digits
/// and commas only, at least one comma, and not one grouped number.
fn glued_groups(cell: &CellValue) -> bool {
    let raw = cell.raw.as_str();
    cell.state == State::Text
        && raw.contains(',')
        && raw.bytes().all(|b| b.is_ascii_digit() || b == b',')
        && grouped_whole(raw).is_none()
}

/// A printed whole number, its thousands separated by commas or not at all (`5,758`,
/// `206`): no leading zero unless it is 0, and groups of three after the first's one to
/// three digits.
fn grouped_whole(s: &str) -> Option<f64> {
    let mut groups = s.split(',');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let ok = !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && (rest.is_empty() || first.len() <= 3)
        && rest.iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| whole(&s.replace(',', ""))).flatten()
}

/// A printed whole number ([`printed_whole`]).
fn whole(s: &str) -> Option<f64> {
    printed_whole(s).then(|| s.parse().ok()).flatten()
}

/// One cell's figures split over it and its empty neighbour: (cell index, text as printed,
/// value) of the left cell and of the right one.
type Split = [(usize, String, f64); 2];

/// `lost`: rows whose empty 总计 stands in for one placing found no figure for.
fn split_in(tables: &mut Tables, table: Table, lost: &[std::borrow::Cow<'static, str>]) {
    let version = match tables.versions.of(table) {
        Some(Version::Both) | None if table == Table::Applications => Version::V2019,
        Some(v) => v,
        None => Version::V2021,
    };
    let block = &table.def().blocks[0];
    let cols: Vec<&'static str> = block.columns_in(version).map(|c| c.key).collect();
    let at: HashMap<(&str, &str), usize> = tables
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.tbl == table)
        .map(|(i, c)| ((c.row.as_ref(), c.col), i))
        .collect();
    let instances: Vec<(Over, Instance)> = EQUATIONS
        .iter()
        .filter(|e| e.table == table)
        .flat_map(|e| e.instances(version).into_iter().map(move |i| (e.over, i)))
        .collect();
    let value = |cells: &[CellValue], i: usize| -> Option<f64> {
        match cells[i].state {
            State::Number => cells[i].value,
            State::Blank => Some(0.0),
            _ => None,
        }
    };
    // Does an instance hold with `changed` cells given new values? None: not assessable.
    let holds = |cells: &[CellValue], inst: &Instance, changed: &[(usize, f64)]| {
        inst.holds(|r, c| {
            let i = *at.get(&(r, c))?;
            changed.iter().find(|(j, _)| *j == i).map(|(_, v)| *v).or_else(|| value(cells, i))
        })
    };
    let rows: Vec<&'static str> = block.rows_in(version).map(|r| r.key).collect();
    let mut splits: Vec<Split> = Vec::new();
    for row in rows {
        let row_instances: Vec<&Instance> =
            instances.iter().filter(|(o, i)| *o == Over::EachRow && i.scope == row).map(|(_, i)| i).collect();
        // A row whose sums fail, or that holds two grouped figures run together (no sum
        // can be asked of a text).
        let glued = cols.iter().any(|c| at.get(&(row, *c)).is_some_and(|&i| glued_groups(&tables.cells[i])));
        if !glued && !row_instances.iter().any(|i| holds(&tables.cells, i, &[]) == Some(false)) {
            continue;
        }
        let mut found: Vec<Split> = Vec::new();
        for pair in cols.windows(2) {
            let (Some(&left), Some(&right)) = (at.get(&(row, pair[0])), at.get(&(row, pair[1]))) else { continue };
            let cells = &tables.cells;
            let number = match (cells[left].state, cells[right].state) {
                (State::Blank, State::Number) => right,
                (State::Number, State::Blank) => left,
                (State::Blank, State::Text) if glued_groups(&cells[right]) => right,
                (State::Text, State::Blank) if glued_groups(&cells[left]) => left,
                _ => continue,
            };
            let grouped = glued_groups(&cells[number]);
            // In a row with two grouped figures run together, only that cell is split: the
            // row's sum cannot be asked of the others while it is a text.
            if glued && !grouped {
                continue;
            }
            let d = if grouped { Some(cells[number].raw.to_string()) } else { digits(&cells[number].raw) };
            let Some(d) = d else { continue };
            for k in 1..d.len() {
                let (a, b) = d.split_at(k);
                let (lv, rv) = if grouped { (grouped_whole(a), grouped_whole(b)) } else { (whole(a), whole(b)) };
                let (Some(lv), Some(rv)) = (lv, rv) else { continue };
                let changed = [(left, lv), (right, rv)];
                // Every sum over the row holds (the column sums are asked below, with the
                // other rows' splits: a column's two run-together rows balance together).
                if row_instances.iter().all(|i| holds(cells, i, &changed) != Some(false)) {
                    // The text as printed (full-width digits stay full width), cut at the
                    // same digit.
                    let raw = &cells[number].raw;
                    found.push([(left, raw.chars().take(k).collect(), lv), (right, raw.chars().skip(k).collect(), rv)]);
                }
            }
        }
        if found.len() == 1 {
            splits.extend(found);
        } else if found.len() > 1 {
            tables.notes.push(format!(
                "table {} row {row}: its figures do not add up, and a figure beside an empty cell could be two run together in more than one way — left as read",
                table.numeral()
            ));
        }
    }
    // No column sum through a split cell may fail: with every row's split made, or else
    // with this split alone.
    let values_of =
        |chosen: &[Split]| -> Vec<(usize, f64)> { chosen.iter().flatten().map(|(i, _, v)| (*i, *v)).collect() };
    let columns_keep = |changed: &[(usize, f64)]| {
        instances.iter().filter(|(o, _)| *o == Over::EachColumn).all(|(_, inst)| {
            let touched = inst
                .lhs
                .iter()
                .chain(&inst.rhs)
                .any(|k| at.get(k).is_some_and(|i| changed.iter().any(|(j, _)| j == i)));
            !touched || holds(&tables.cells, inst, changed) != Some(false)
        })
    };
    let splits: Vec<Split> = if columns_keep(&values_of(&splits)) {
        splits
    } else {
        splits.iter().filter(|s| columns_keep(&values_of(std::slice::from_ref(*s)))).cloned().collect()
    };
    for split in splits {
        let [(left, ..), (right, ..)] = split;
        let printed = format!("{}{}", tables.cells[left].raw, tables.cells[right].raw);
        let (row, lcol, rcol) = (tables.cells[left].row.clone(), tables.cells[left].col, tables.cells[right].col);
        for (i, text, _) in split {
            let (state, value, _) = classify(&text);
            let c = &mut tables.cells[i];
            c.raw = text.into();
            c.state = state;
            c.value = value;
            c.unit = None;
            c.placement = Placement::Arithmetic;
        }
        let how = if rcol == "total" && lost.contains(&row) {
            format!("under {lcol}, with no figure read as the 总计,")
        } else {
            format!("across {lcol} and {rcol}, one of them empty,")
        };
        tables.notes.push(format!(
            "table {} row {row}: {printed} {how} is two figures run together ({} and {}), split where the row's sums hold — cells marked arithmetic",
            table.numeral(),
            tables.cells[left].raw,
            tables.cells[right].raw
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Versions;
    use std::borrow::Cow;

    /// Table 三 (2019 form) with the given rows, each its seven cells as printed.
    fn tables(rows: &[(&'static str, [&str; 7])]) -> Tables {
        let cols: Vec<&'static str> =
            Table::Applications.def().blocks[0].columns_in(Version::V2019).map(|c| c.key).collect();
        let cells = rows
            .iter()
            .flat_map(|(row, raws)| {
                cols.iter().zip(raws).map(|(col, raw)| {
                    let (state, value, unit) = classify(raw);
                    CellValue {
                        tbl: Table::Applications,
                        row: Cow::Borrowed(*row),
                        col,
                        raw: (*raw).into(),
                        state,
                        value,
                        unit,
                        placement: Placement::Exact,
                        confidence: None,
                        ocr_raw: None,
                    }
                })
            })
            .collect();
        Tables {
            cells,
            versions: Versions { applications: Some(Version::V2019), ..Versions::default() },
            ..Tables::default()
        }
    }

    fn cell<'t>(t: &'t Tables, row: &str, col: &str) -> &'t CellValue {
        t.cells.iter().find(|c| c.row == row && c.col == col).expect("cell")
    }

    /// Two figures with thousands separators run together (seed 163 synth-00094: MuPDF's
    /// text and wkhtmltopdf's PDF print 其他's 206 against 总计's 5,758 as `2065,758`):
    /// read as a text, under 其他 or under 总计, beside an empty cell. Split where each part
    /// is a grouped number and the row adds up (20 | 65,758 does not), marked arithmetic;
    /// the row's other figures are not split. A text that is one grouped number, or that
    /// no split makes add up, is left as read.
    #[test]
    fn grouped_figures_run_together_are_split_where_the_row_adds_up() {
        let row = |other: &str, total: &str| {
            let mut t = tables(&[("new_received", ["4,404", "536", "101", "157", "354", other, total])]);
            split_run_together(&mut t);
            t
        };
        for (other, total) in [("2065,758", ""), ("", "2065,758")] {
            let t = row(other, total);
            let (o, s) = (cell(&t, "new_received", "other_org"), cell(&t, "new_received", "total"));
            assert_eq!(
                (o.raw.as_str(), o.value, o.placement),
                ("206", Some(206.0), Placement::Arithmetic),
                "{:?}",
                t.notes
            );
            assert_eq!((s.raw.as_str(), s.value), ("5,758", Some(5758.0)), "{:?}", t.notes);
            assert_eq!(cell(&t, "new_received", "legal_service").raw.as_str(), "354");
            assert!(t.notes.iter().any(|n| n.contains("2065,758") && n.contains("206 and 5,758")), "{:?}", t.notes);
        }
        // No split that adds up: left as read.
        let t = row("2065,759", "");
        assert_eq!(cell(&t, "new_received", "other_org").state, State::Text, "{:?}", t.notes);
        assert_eq!(cell(&t, "new_received", "total").state, State::Blank, "{:?}", t.notes);
    }

    /// A PDF whose 其他 figures ran over into 总计 (wkhtmltopdf's narrow cells): 1154629
    /// under 总计 and nothing under 其他, in the new applications' row and in the results'
    /// total. Split 115 | 4629 and 102 | 4772, each row adds up, and so does 其他's column
    /// (115 + 0 = 102 + 13).
    #[test]
    fn figures_run_together_beside_an_empty_cell_are_split_where_the_sums_hold() {
        let mut t = tables(&[
            ("new_received", ["3989", "243", "21", "112", "149", "", "1154629"]),
            ("carried_over", ["209", "40", "0", "0", "0", "0", "249"]),
            ("results_total", ["4109", "283", "21", "112", "145", "", "1024772"]),
            ("carry_forward", ["89", "0", "0", "0", "4", "13", "106"]),
        ]);
        split_run_together(&mut t);
        let c = cell(&t, "new_received", "other_org");
        assert_eq!(
            (c.raw.as_str(), c.value, c.placement),
            ("115", Some(115.0), Placement::Arithmetic),
            "{:?}",
            t.notes
        );
        assert_eq!(cell(&t, "new_received", "total").value, Some(4629.0));
        assert_eq!(cell(&t, "results_total", "other_org").value, Some(102.0));
        assert_eq!(cell(&t, "results_total", "total").value, Some(4772.0));
        assert_eq!(cell(&t, "results_total", "total").placement, Placement::Arithmetic);
        assert!(t.notes.iter().any(|n| n.contains("1154629") && n.contains("115 and 4629")), "{:?}", t.notes);
        // The rows that added up are as read.
        assert_eq!(cell(&t, "carried_over", "total").placement, Placement::Exact);
    }

    /// pdfplumber's text joins words set close: 其他's 10 and the 总计's 303 print as
    /// `10303`, six figures for seven columns, and placing left the 总计 missing (a note) with
    /// 10303 under 其他. Split 10 | 303, the row adds up: both cells arithmetic, placing's
    /// note replaced. A row no split adds up keeps its 总计 missing, with no empty cell added.
    #[test]
    fn a_lost_total_run_together_with_the_figure_before_it_is_split_where_the_sums_hold() {
        let mut t = tables(&[
            ("new_received", ["193", "76", "3", "5", "16", "10303", ""]),
            ("granted", ["5", "0", "0", "0", "0", "12", ""]),
        ]);
        t.cells.retain(|c| c.col != "total");
        for row in ["new_received", "granted"] {
            t.notes.push(format!("table 三 row {row}: placed by the sums among 7 columns, none of its 6 values (…) is its 总计 — that cell is missing"));
        }
        split_run_together(&mut t);
        let other = cell(&t, "new_received", "other_org");
        assert_eq!((other.raw.as_str(), other.placement), ("10", Placement::Arithmetic), "{:?}", t.notes);
        let total = cell(&t, "new_received", "total");
        assert_eq!((total.value, total.placement), (Some(303.0), Placement::Arithmetic));
        assert!(!t.notes.iter().any(|n| n.contains("row new_received: placed by the sums")), "{:?}", t.notes);
        assert!(t.notes.iter().any(|n| n.contains("10303 under other_org")), "{:?}", t.notes);
        assert!(!t.cells.iter().any(|c| c.row == "granted" && c.col == "total"), "{:?}", t.cells);
        assert_eq!(cell(&t, "granted", "other_org").raw, "12");
        assert!(t.notes.iter().any(|n| n.contains("row granted: placed by the sums")));
    }

    /// Full-width digits keep their printed form; the figure may also have run over to
    /// the left (总计 empty, its figures under 其他).
    #[test]
    fn full_width_figures_split_either_way_keep_their_text() {
        let mut t = tables(&[("granted", ["１２", "１", "０", "０", "０", "２１５", ""])]);
        split_run_together(&mut t);
        assert_eq!(cell(&t, "granted", "other_org").raw, "２", "{:?}", t.notes);
        assert_eq!(cell(&t, "granted", "total").raw, "１５");
        assert_eq!(cell(&t, "granted", "total").value, Some(15.0));
    }

    /// Nothing is split when no split adds up, when a column's sum fails with it, or in a
    /// row that adds up as read.
    #[test]
    fn a_split_the_sums_do_not_confirm_is_not_made() {
        // 12 | 34: 5 + 12 ≠ 34; 1 | 234: 5 + 1 ≠ 234; 123 | 4: no.
        let mut t = tables(&[("granted", ["5", "0", "0", "0", "0", "", "1234"])]);
        split_run_together(&mut t);
        assert_eq!(cell(&t, "granted", "total").raw, "1234");
        assert!(t.cells.iter().all(|c| c.placement == Placement::Exact));
        // 12 | 17 adds up in its row, but 其他's column would read 12 new against 0 answered
        // and 0 carried forward.
        let mut t = tables(&[
            ("new_received", ["5", "0", "0", "0", "0", "", "1217"]),
            ("carried_over", ["0", "0", "0", "0", "0", "0", "0"]),
            ("results_total", ["5", "0", "0", "0", "0", "0", "5"]),
            ("carry_forward", ["0", "0", "0", "0", "0", "0", "0"]),
        ]);
        split_run_together(&mut t);
        assert_eq!(cell(&t, "new_received", "total").raw, "1217", "{:?}", t.notes);
        // A row that adds up: an empty cell beside 10 is left alone.
        let mut t = tables(&[("granted", ["10", "", "0", "0", "0", "0", "10"])]);
        split_run_together(&mut t);
        assert_eq!(cell(&t, "granted", "natural_person").raw, "10");
        assert!(t.notes.is_empty(), "{:?}", t.notes);
    }
}
