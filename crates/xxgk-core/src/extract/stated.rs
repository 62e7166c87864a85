//! Table 四 placed by the totals the prose states. A page text prints nothing for an empty
//! cell, so a table 四 that leaves its empty cells blank reads as one run of figures
//! without places (`1 1` for fifteen cells). Its sums (each kind's 总计 the sum of its
//! results) often allow several placements, and the layout-free reading leaves it open
//! ([`super::tables::Tables::open_appeals`]).
//!
//! The prose often states the kinds' totals (全年发生政府信息公开行政复议1件，行政诉讼0件;
//! 未发生政府信息公开行政复议). Of the placements that keep the sums and give those totals,
//! the cells they all fill alike are read, marked `assumed`, with a note quoting the
//! prose; the others stay missing. The prose's statements then are no check of the table,
//! since they placed it, and the note says so. Nothing is read when the totals fit no
//! placement, when the prose states a total twice differently, when the run prints a 0 (a
//! table that prints its 0s prints every cell, so figures were lost), or in a document read
//! by OCR (which may miss a faint figure).

use super::cell::classify;
use super::tables::Tables;
use crate::report::{CellValue, Claim, Placement, State};
use crate::source::Document;
use crate::template::{Table, Version};

/// Place an open table 四 of `tables` by the totals `claims` state. Returns nothing; the
/// cells, versions and notes of `tables` change.
pub fn fill(tables: &mut Tables, claims: &[Claim], doc: &Document) {
    if doc.ocr.is_some() || tables.cells.iter().any(|c| c.tbl == Table::Appeals) {
        return;
    }
    let Some(run) = tables.open_appeals.take() else { return };
    let review = stated(claims, "appeals.review.total");
    let suits = stated(claims, "appeals.suits.total");
    let (Ok(review), Ok(suits)) = (review, suits) else { return };
    if review.is_none() && suits.is_none() {
        return;
    }
    let Some(figures) = run.iter().map(|r| whole_number(r)).collect::<Option<Vec<u64>>>() else { return };
    if figures.contains(&0) || figures.is_empty() {
        return;
    }
    let cells: Vec<_> = crate::template::cells_in(Table::Appeals, Version::Both).collect();
    // Per kind of case, as the template lays the run out: its row, and the slots of its
    // results and of its 总计.
    let kinds: Vec<(&str, Vec<usize>, usize)> = cells
        .chunk_by(|a, b| a.0.key == b.0.key)
        .scan(0, |start, kind| {
            let slots = *start..*start + kind.len();
            *start += kind.len();
            let total = slots.clone().find(|&s| cells[s].1.key == "total")?;
            Some((kind[0].0.key, slots.filter(|&s| s != total).collect(), total))
        })
        .collect();
    // Each kind's 总计, where its results add up to it: review's, and the suits' together.
    let totals = |placed: &[Option<usize>]| -> Option<(u64, u64)> {
        let at = |slot: usize| placed[slot].map_or(0, |i| figures[i]);
        let (mut reviews, mut suits) = (0, 0);
        for (row, results, total) in &kinds {
            let total = at(*total);
            if results.iter().map(|&s| at(s)).sum::<u64>() != total {
                return None;
            }
            if *row == "review" {
                reviews += total;
            } else {
                suits += total;
            }
        }
        Some((reviews, suits))
    };
    let mut agreed: Option<Vec<Option<&str>>> = None;
    let mut found = 0usize;
    for_each_placement(cells.len(), figures.len(), &mut |placed| {
        let Some((reviews, all_suits)) = totals(placed) else { return };
        if review.is_some_and(|(r, _)| reviews != r) || suits.is_some_and(|(s, _)| all_suits != s) {
            return;
        }
        found += 1;
        let raws = placed.iter().map(|p| p.map_or("", |i| run[i].as_str()));
        match &mut agreed {
            None => agreed = Some(raws.map(Some).collect()),
            Some(a) => {
                for (slot, raw) in a.iter_mut().zip(raws) {
                    if *slot != Some(raw) {
                        *slot = None;
                    }
                }
            }
        }
    });
    let said: Vec<&str> = [review, suits].into_iter().flatten().map(|(_, text)| text).collect();
    let said = said.iter().map(|s| format!("“{s}”")).collect::<Vec<_>>().join(", ");
    let Some(agreed) = agreed.filter(|a| a.iter().any(Option::is_some)) else {
        if found == 0 {
            tables.notes.push(format!(
                "table 四: the totals the prose states ({said}) fit no placement of its figures ({}) — its cells are missing",
                run.join(" ")
            ));
        }
        return;
    };
    let before = tables.cells.len();
    for ((row, col), raw) in cells.iter().zip(&agreed) {
        let Some(raw) = raw else { continue };
        let (state, value, unit) = classify(raw);
        tables.cells.push(CellValue {
            tbl: Table::Appeals,
            row: row.key.into(),
            col: col.key,
            raw: (*raw).into(),
            state,
            value,
            unit,
            placement: Placement::Assumed,
            confidence: None,
            ocr_raw: None,
        });
    }
    let read = tables.cells.len() - before;
    tables.notes.push(format!(
        "table 四: its figures ({}) placed by its sums and the totals the prose states ({said}): {} every such placement fills alike {} read (marked assumed; the prose's totals are then no check of them), the other {} missing",
        run.join(" "),
        if read == 1 { "the 1 cell".to_string() } else { format!("the {read} cells") },
        if read == 1 { "is" } else { "are" },
        match cells.len() - read {
            1 => "1 is".to_string(),
            n => format!("{n} are"),
        }
    ));
    tables.versions.appeals = Some(Version::Both);
}

/// The total the prose states for `subject`, with the words it was read from: `Ok(None)`
/// when none is stated, `Err` when two statements differ.
fn stated<'a>(claims: &'a [Claim], subject: &str) -> Result<Option<(u64, &'a str)>, ()> {
    let mut found: Option<(u64, &str)> = None;
    for c in claims.iter().filter(|c| c.subject == subject) {
        let Some(v) = c.value.filter(|v| *v >= 0.0 && v.fract() == 0.0) else { continue };
        match found {
            Some((f, _)) if f != v as u64 => return Err(()),
            Some(_) => {}
            None => found = Some((v as u64, c.text.as_str())),
        }
    }
    Ok(found)
}

/// A figure of whole cases, as printed (`1`, `12`, `1,024`).
fn whole_number(raw: &str) -> Option<u64> {
    match classify(raw) {
        (State::Number, Some(v), _) if v >= 0.0 && v.fract() == 0.0 => Some(v as u64),
        _ => None,
    }
}

/// Call `f` with every placement of `count` figures, in order, into `slots` cells: per
/// cell, the index of the figure it holds, or None (blank).
fn for_each_placement(slots: usize, count: usize, f: &mut dyn FnMut(&[Option<usize>])) {
    fn go(
        placed: &mut Vec<Option<usize>>,
        slots: usize,
        count: usize,
        next: usize,
        f: &mut dyn FnMut(&[Option<usize>]),
    ) {
        let left = slots - placed.len();
        if next == count {
            let len = placed.len();
            placed.resize(slots, None);
            f(placed);
            placed.truncate(len);
            return;
        }
        if left > count - next {
            placed.push(None);
            go(placed, slots, count, next, f);
            placed.pop();
        }
        placed.push(Some(next));
        go(placed, slots, count, next + 1, f);
        placed.pop();
    }
    if count <= slots {
        go(&mut Vec::with_capacity(slots), slots, count, 0, f);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::report::Report;
    use crate::source::text;

    /// A report whose table 四 is PyMuPDF's text of it (a cell per line, nothing for an
    /// empty cell, as seed 603 synth-00001 prints it): `figures` after its header, and
    /// `prose` in its first section.
    fn report(prose: &str, figures: &str) -> Report {
        let header = "行政复议|行政诉讼|结果|维持|结果|纠正|其他|结果|尚未|审结|总计|未经复议直接起诉|复议后起诉|\
                      结果|维持|结果|纠正|其他|结果|尚未|审结|总计|结果|维持|结果|纠正|其他|结果|尚未|审结|总计";
        let src = format!(
            "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{prose}\n\
             四、政府信息公开行政复议、行政诉讼情况\n{}\n{}\n五、存在的主要问题及改进情况\n无。\n",
            header.replace('|', "\n"),
            figures.replace(' ', "\n")
        );
        crate::extract::extract(&text::read(src.as_bytes()).unwrap(), Path::new("t.txt"))
    }

    fn appeals(r: &Report) -> Vec<(String, &'static str, String, State, Placement)> {
        r.cells
            .iter()
            .filter(|c| c.tbl == Table::Appeals)
            .map(|c| (c.row.to_string(), c.col, c.raw.to_string(), c.state, c.placement))
            .collect()
    }

    /// `1 1` under fifteen columns: any kind's result and 总计. The prose's 行政复议1件，
    /// 行政诉讼0件 makes it review's: its 总计 is 1 and both kinds of suit are blank (eleven
    /// cells, assumed); which result it was stays missing.
    #[test]
    fn the_totals_the_prose_states_place_the_cells_every_placement_agrees_on() {
        let r = report("全年发生政府信息公开行政复议1件，行政诉讼0件。", "1 1");
        let got = appeals(&r);
        assert_eq!(got.len(), 11, "{got:?} {:?}", r.notes);
        assert!(got.iter().all(|c| c.4 == Placement::Assumed), "{got:?}");
        assert!(got.contains(&("review".into(), "total", "1".into(), State::Number, Placement::Assumed)), "{got:?}");
        for kind in ["suit_direct", "suit_after_review"] {
            assert_eq!(got.iter().filter(|c| c.0 == kind && c.3 == State::Blank).count(), 5, "{kind}: {got:?}");
        }
        assert!(got.iter().all(|c| c.0 != "review" || c.1 == "total"), "{got:?}");
        assert!(r.notes.iter().any(|n| n.contains("“行政复议1件”") && n.contains("the 11 cells")), "{:?}", r.notes);

        // The same table laid out in spaces (PyMuPDF's sorted text), its figures set off
        // their columns' names: the places tell nothing the sums do not, and the prose
        // places the same cells.
        let laid_out = "全年发生政府信息公开行政复议1件，行政诉讼0件。\n四、政府信息公开行政复议、行政诉讼情况\n\
                        行政复议               行政诉讼\n\
                        结果  结果  其他  尚未  总计  未经复议直接起诉           复议后起诉\n\
                        维持  纠正  结果  审结      结果  结果  其他  尚未  总计  结果  结果  其他  尚未  总计\n\
                        \x20                  维持  纠正  结果  审结      维持  纠正  结果  审结\n\
                        1                      1\n五、存在的主要问题及改进情况\n无。\n";
        let src = format!("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n{laid_out}");
        let r = crate::extract::extract(&text::read(src.as_bytes()).unwrap(), Path::new("t.txt"));
        assert_eq!(appeals(&r), got, "{:?}", r.notes);

        // 未发生行政复议 alone: review's five cells are blank, the suits' open.
        let r = report("全年未发生政府信息公开行政复议案件。", "1 1");
        let got = appeals(&r);
        assert_eq!(got.len(), 5, "{got:?} {:?}", r.notes);
        assert!(got.iter().all(|c| c.0 == "review" && c.3 == State::Blank), "{got:?}");
    }

    /// Nothing is read without a total stated, when the totals fit no placement, when the
    /// prose states one twice differently, or when the run prints a 0.
    #[test]
    fn without_totals_that_fit_nothing_is_read() {
        let none = report("本机关依法做好政府信息公开工作。", "1 1");
        assert!(appeals(&none).is_empty(), "{:?}", appeals(&none));
        let unfit = report("全年发生政府信息公开行政复议3件，行政诉讼0件。", "1 1");
        assert!(appeals(&unfit).is_empty(), "{:?}", appeals(&unfit));
        assert!(unfit.notes.iter().any(|n| n.contains("fit no placement")), "{:?}", unfit.notes);
        let twice = report("全年发生政府信息公开行政复议1件，行政诉讼0件。另有行政复议2件。", "1 1");
        assert!(appeals(&twice).is_empty(), "{:?}", appeals(&twice));
        let zero = report("全年发生政府信息公开行政复议1件，行政诉讼0件。", "1 0 1");
        assert!(appeals(&zero).iter().all(|c| c.4 != Placement::Assumed), "{:?}", appeals(&zero));
    }

    /// Every placement of 2 figures in 4 cells, once each, in order.
    #[test]
    fn placements_are_every_choice_of_cells_in_order() {
        let mut seen = Vec::new();
        for_each_placement(4, 2, &mut |p| seen.push(p.to_vec()));
        assert_eq!(seen.len(), 6);
        assert!(seen.iter().all(|p| p.iter().flatten().copied().collect::<Vec<_>>() == [0, 1]));
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 6);
        let mut none = 0;
        for_each_placement(2, 3, &mut |_| none += 1);
        assert_eq!(none, 0);
    }
}
