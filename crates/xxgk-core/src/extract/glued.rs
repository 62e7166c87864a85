//! Tables 三 and 四 printed as running text with their rows' figures run together, as a
//! crawler's text of a web page keeps them: `…申请数量640020470二、上年结转…0000000三、…`.
//! Nothing separates one cell from the next, and often a row's last figure runs into the
//! next row's item number (`…00000002.其他法律…`).
//!
//! The rows are found by the template's labels, in the template's order, each followed by
//! its run of digits. Each run is split into the row's cells in every way that gives
//! numbers as printed (no leading zeros; a space always ends a number), and the table is
//! read only where exactly one choice of splits satisfies every sum the template ties its
//! cells with (R1–R4). Where several do, only the rows every choice splits alike are read;
//! where none does (the figures do not add up, or empty cells printed nothing), none is.
//! Table 二, which no sum ties, gives only the items whose run reads one way. Whatever is
//! left is missing and a note says why: no reading of a run is ever a guess.

use std::borrow::Cow;

use super::cell::printed_whole;
use super::place::{cell, Slot};
use crate::report::{CellValue, Placement};
use crate::source::Document;
use crate::template::{ColDef, Over, RowDef, Table, Version, EQUATIONS};

/// What reading a table as run-together figures gave.
#[derive(Debug)]
pub enum Glued {
    /// The cells read (every cell where the sums allow one reading), the table's version,
    /// and the note saying how and what is left.
    Read { cells: Vec<CellValue>, version: Version, note: String },
    /// The table stands in the text with its figures run together, but the sums allow no
    /// reading or several: the note says which. Its cells stay missing.
    Unread(String),
}

/// The most digits a number of tables 三 and 四 is read with.
const MAX_DIGITS: usize = 7;
/// The most ways one row's run may be split before the table is given up.
const MAX_SPLITS: usize = 1_000_000;
/// The most rows' splits the search over a table tries.
const SEARCH_BUDGET: usize = 200_000;
/// The most text between a row's label and its figures, or between its figures and the
/// next row's label (a heading such as （三）不予公开 may stand there).
const MAX_GAP: usize = 240;
/// How many places the first row's label is tried at (prose may name it first).
const MAX_STARTS: usize = 8;

/// Read `table` from the document's running text ([`running_text`]), if it is printed
/// there with its figures run together. `None`: the text does not hold the table so.
pub fn read(text: &str, table: Table) -> Option<Glued> {
    match table {
        Table::Applications => read_applications(text),
        Table::Appeals => read_appeals(text),
        Table::Proactive => read_proactive(text),
    }
}

/// Table 二 printed so (`规章000行政规范性文件693665…行政许可2293`). No sum ties its
/// cells, so an item is read only where its run can be read one way alone, every column
/// a figure: one figure under a block of one column (`行政许可2293`: 2021's 本年处理决定数量),
/// or digits no other split prints as numbers (`000` in three columns: `0 00` and `00 0`
/// are no numbers, and a run of two or one would leave a column empty). Any other item
/// is missing, and the note names it.
fn read_proactive(text: &str) -> Option<Glued> {
    // From the first caption to table 三 (or the end).
    let start = text.find("第二十条")?;
    let text = &text[start..];
    let text = &text
        [..["收到和处理政府信息公开申请", "本年新收"].iter().filter_map(|w| text.find(w)).min().unwrap_or(text.len())];
    let says = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let version = match (
        says(&["本年制发", "制发件数", "本年废止", "现行有效", "本年收费金额"]),
        says(&["本年新制作", "本年新公开", "对外公开总数", "上一年项目"]),
    ) {
        (true, false) => Version::V2021,
        (false, true) => Version::V2019,
        _ => return None,
    };
    let mut cells = Vec::new();
    let (mut read, mut left) = (Vec::new(), Vec::new());
    // The form shows in an item of several columns printing one run of digits (`000`).
    let mut run_together = false;
    for block in Table::Proactive.def().blocks.iter().filter(|b| b.versions.fits(version)) {
        let cols: Vec<&'static ColDef> = block.columns_in(version).collect();
        for row in block.rows_in(version) {
            let Some((label, tokens)) = item_run(text, row) else { continue };
            run_together |= cols.len() > 1 && tokens.len() == 1;
            let shown = format!("{label}{}", tokens.join(" "));
            match one_reading(&tokens, cols.len()) {
                Some(parts) => {
                    let how = if tokens.len() == cols.len() { Placement::Exact } else { Placement::Arithmetic };
                    for (col, part) in cols.iter().zip(&parts) {
                        let slot = Slot { row: Cow::Borrowed(row.key), col };
                        cells.push(cell(Table::Proactive, &slot, part, how, None));
                    }
                    read.push(shown);
                }
                None => left.push(shown),
            }
        }
    }
    if !run_together {
        return None;
    }
    let quote = |v: &[String]| v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
    let head =
        "table 二: printed as running text with each item's figures run together, and no sum ties table 二's cells";
    if read.is_empty() {
        return Some(Glued::Unread(format!(
            "{head}: where one figure ends and the next begins cannot be told ({}); its cells are missing",
            quote(&left)
        )));
    }
    let mut note = format!("{head}: items read where their run can be read one way only ({})", quote(&read));
    if !left.is_empty() {
        note += &format!(
            "; where one figure ends and the next begins cannot be told in {}, whose cells are missing",
            quote(&left)
        );
    }
    Some(Glued::Read { cells, version, note })
}

/// The first place an item's label stands followed by its run (digits, spaces and decimal
/// points): the label as found and the run's tokens.
fn item_run<'t>(text: &'t str, row: &'static RowDef) -> Option<(&'static str, Vec<&'t str>)> {
    patterns(row).iter().find_map(|p| {
        text.match_indices(p).find_map(|(at, _)| {
            let after = &text[at + p.len()..];
            let run = after.trim_start_matches(' ');
            let end = run.find(|c: char| !c.is_ascii_digit() && c != ' ' && c != '.').unwrap_or(run.len());
            let tokens: Vec<&str> = run[..end].split_whitespace().collect();
            // A figure of prose has its unit or a punctuation mark after it (行政许可2293件，);
            // a table's run the next label or caption.
            let prose = run[end..].starts_with(|c: char| "件项条起个次宗人万元%，。、；：:,;）)".contains(c));
            (!tokens.is_empty() && !prose && run.starts_with(|c: char| c.is_ascii_digit())).then_some((*p, tokens))
        })
    })
}

/// The one way of reading `tokens` as at most `n` figures, if there is exactly one and
/// it gives all `n` (a shorter reading would mean a column printed empty, which the text
/// cannot show). A space ends a figure; a figure is digits without a leading zero (or `0`),
/// with at most one decimal point inside.
fn one_reading<'t>(tokens: &[&'t str], n: usize) -> Option<Vec<&'t str>> {
    fn go<'t>(tokens: &[&'t str], at: usize, n: usize, current: &mut Vec<&'t str>, out: &mut Vec<Vec<&'t str>>) {
        if out.len() > 1 {
            return;
        }
        let Some((first, rest)) = tokens.split_first() else {
            out.push(current.clone());
            return;
        };
        let token = &first[at..];
        for len in 1..=token.len() {
            let part = &token[..len];
            if !printed_figure(part) || current.len() == n {
                continue;
            }
            current.push(part);
            if len == token.len() {
                go(rest, 0, n, current, out);
            } else {
                go(tokens, at + len, n, current, out);
            }
            current.pop();
        }
    }
    if tokens.iter().map(|t| t.len()).sum::<usize>() > 24 {
        return None;
    }
    let mut out = Vec::new();
    go(tokens, 0, n, &mut Vec::with_capacity(n), &mut out);
    match out.as_slice() {
        [one] if one.len() == n => out.pop(),
        _ => None,
    }
}

/// Is `part` a figure as a table prints one: digits, no leading zero but `0` itself, at
/// most one decimal point with digits on both sides?
fn printed_figure(part: &str) -> bool {
    let (int, frac) = match part.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (part, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    printed_whole(int) && int.len() <= 12 && frac.is_none_or(digits)
}

/// The document's paragraphs as one text, as [`read`] takes it: full-width digits and dots
/// made ASCII, every kind of space one space, paragraphs separated by a line break.
pub fn running_text(doc: &Document) -> String {
    let mut text = String::new();
    for p in doc.paragraphs() {
        text.extend(p.chars().map(|c| match c {
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
            '．' => '.',
            c if c.is_whitespace() => ' ',
            c => c,
        }));
        text.push('\n');
    }
    text
}

/// One row's run of digits, as printed tokens (a space between tokens ends a number).
#[derive(Debug)]
struct Run<'a> {
    row: &'static RowDef,
    tokens: Vec<&'a str>,
}

fn read_applications(text: &str) -> Option<Glued> {
    let block = &Table::Applications.def().blocks[0];
    // 2021 first: its rows (（六） in three) are not found in a 2019 table, while 2019's
    // one （六）其他处理 row would find the 2021 group heading.
    for version in [Version::V2021, Version::V2019] {
        let rows: Vec<&'static RowDef> = block.rows_in(version).collect();
        let cols: Vec<&'static ColDef> = block.columns_in(version).collect();
        let Some(runs) = starts(text, rows[0]).find_map(|start| rows_from(text, start, &rows)) else {
            continue;
        };
        // Two cells or more per token on average say the table is printed so (a table
        // printing its figures apart has one per cell, or fewer cells where some are empty);
        // then a row with a space in its run (`500000 5`) is read the same way. So does
        // every row run together on its own (`0 0 0 0 0 00`: no figure is printed `00`).
        let tokens: usize = runs.iter().map(|r| r.tokens.len()).sum();
        let together =
            2 * tokens <= runs.len() * cols.len() || runs.iter().all(|r| run_together(&r.tokens, cols.len()));
        if !together || runs.iter().any(|r| digit_count(&r.tokens) < cols.len()) {
            return None;
        }
        return Some(solve(Table::Applications, version, &runs, &cols));
    }
    None
}

fn read_appeals(text: &str) -> Option<Glued> {
    let block = &Table::Appeals.def().blocks[0];
    let rows: Vec<&'static RowDef> = block.rows_in(Version::Both).collect();
    let cols: Vec<&'static ColDef> = block.columns_in(Version::Both).collect();
    // The header (行政复议 行政诉讼 结果维持 … 总计, three times), then every figure of the
    // three rows in one run, with no row label among them.
    for (at, _) in text.match_indices("行政复议").take(MAX_STARTS) {
        let rest = &text[at..];
        let Some(first_digit) = rest.find(|c: char| c.is_ascii_digit()) else { break };
        let header = rest[..first_digit].trim_end();
        if header.len() > 4 * MAX_GAP || !header.contains("尚未审结") || !header.ends_with("总计") {
            continue;
        }
        let (run, _) = digit_run(&rest[first_digit..]);
        let tokens: Vec<&str> = run.split_whitespace().collect();
        // The three rows share one run: read as one row of all their cells.
        let all_cols: Vec<&'static ColDef> = rows.iter().flat_map(|_| cols.iter().copied()).collect();
        if !run_together(&tokens, all_cols.len()) {
            return None;
        }
        let tests: Vec<_> = rows.iter().map(|r| row_sums(Table::Appeals, r, &cols)).collect();
        let holds = |s: &[u64]| s.chunks(cols.len()).zip(&tests).all(|(v, holds)| holds(v));
        let Some(keep) = splits_of(&tokens, all_cols.len(), holds) else {
            return Some(Glued::Unread(too_many(Table::Appeals)));
        };
        let exact = tokens.len() == all_cols.len();
        return Some(match keep.as_slice() {
            [one] => {
                let mut cells = Vec::new();
                for (row, values) in rows.iter().zip(one.chunks(cols.len())) {
                    push_cells(&mut cells, Table::Appeals, row, &cols, values, exact);
                }
                Glued::Read {
                    cells,
                    version: Version::Both,
                    note: format!(
                        "table 四: printed as running text, its {} figures in one run under the header ({}) — {}",
                        all_cols.len(),
                        tokens.join(" "),
                        if exact {
                            "one per column, in the template's order".to_string()
                        } else {
                            "split into cells where exactly one reading satisfies the sums of every row (cells marked arithmetic)".to_string()
                        }
                    ),
                }
            }
            [] => Glued::Unread(format!(
                "table 四: printed as running text, its figures run together ({}) — no split satisfies the sums of its rows; its cells are missing",
                tokens.join(" ")
            )),
            _ => Glued::Unread(format!(
                "table 四: printed as running text, its figures run together ({}) — {} splits satisfy the sums of its rows; its cells are missing",
                tokens.join(" "),
                keep.len()
            )),
        });
    }
    None
}

/// Where the first row's label (any of its patterns) stands in `text`.
fn starts<'t>(text: &'t str, first: &'static RowDef) -> impl Iterator<Item = usize> + 't {
    let mut at: Vec<usize> = patterns(first).iter().flat_map(|p| text.match_indices(p).map(|(i, _)| i)).collect();
    at.sort_unstable();
    at.dedup();
    at.into_iter().take(MAX_STARTS)
}

/// The texts a row's label is found by: its patterns, or its label when it has none.
fn patterns(row: &'static RowDef) -> &'static [&'static str] {
    if row.patterns.is_empty() {
        std::slice::from_ref(&row.label)
    } else {
        row.patterns
    }
}

/// The earliest place at or after `from` where a pattern of `row` stands: (start, end).
fn find_row(text: &str, from: usize, row: &'static RowDef) -> Option<(usize, usize)> {
    patterns(row).iter().filter_map(|p| text[from..].find(p).map(|i| (from + i, from + i + p.len()))).min()
}

/// Every row of `rows`, in order from `start`, each with its run of digits; `None` unless
/// every row is found with a run and nothing but label text around it.
fn rows_from<'t>(text: &'t str, start: usize, rows: &[&'static RowDef]) -> Option<Vec<Run<'t>>> {
    let mut found = Vec::with_capacity(rows.len());
    let mut from = start;
    for row in rows {
        let (s, e) = find_row(text, from, row)?;
        if !found.is_empty() && s - from > 3 * MAX_GAP {
            return None;
        }
        found.push((row, s, e));
        from = e;
    }
    let mut runs = Vec::with_capacity(rows.len());
    for (i, &(row, _, end)) in found.iter().enumerate() {
        let next = found.get(i + 1);
        let segment = &text[end..next.map_or(text.len(), |n| n.1)];
        let number = next.map(|n| n.0.number);
        runs.push(Run { row, tokens: row_run(segment, number)? });
    }
    Some(runs)
}

/// The tokens of a row's run of digits in `segment`, the text from the end of its label to
/// the next row's label (whose printed number `next_number` may stand before it, or run
/// into the digits: `00000002.` before 其他法律…). `None` if the segment holds no run, or
/// digits besides the run and that number.
fn row_run<'t>(segment: &'t str, next_number: Option<&str>) -> Option<Vec<&'t str>> {
    let first_digit = segment.find(|c: char| c.is_ascii_digit())?;
    if first_digit > MAX_GAP {
        return None;
    }
    let (mut run, rest) = digit_run(&segment[first_digit..]);
    if let Some(number) = next_number {
        let digits = number.trim_end_matches(['.', '、', ' ']);
        let numbered = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
        let mut rest = Cow::Borrowed(rest);
        if numbered && rest.starts_with(['.', '、']) {
            // The next row's number ran into this row's figures.
            run = run.strip_suffix(digits)?;
        } else if numbered {
            // The next row's number before its label (the label found by a word further
            // on: 4.无正当理由 before 大量反复).
            for mark in ['.', '、'] {
                let number = format!("{digits}{mark}");
                if let Some(at) = rest.find(&number) {
                    rest = Cow::Owned(format!("{}{}", &rest[..at], &rest[at + number.len()..]));
                    break;
                }
            }
        }
        if rest.len() > MAX_GAP || rest.contains(|c: char| c.is_ascii_digit()) {
            return None;
        }
    }
    let tokens: Vec<&str> = run.split_whitespace().collect();
    (!tokens.is_empty()).then_some(tokens)
}

/// How many digits the tokens hold.
fn digit_count(tokens: &[&str]) -> usize {
    tokens.iter().map(|t| t.len()).sum()
}

/// Are `tokens` a row's figures as this reader knows them: one per cell, or run
/// together, which a token says by a leading zero (`00`, `000121`: no number is printed
/// so) or by holding the whole run? Fewer digits than cells, or a few figures too few with
/// none of those marks (`12 2 4 1 19 …`), are cells left empty, which the other readers
/// explain.
fn run_together(tokens: &[&str], cells: usize) -> bool {
    digit_count(tokens) >= cells
        && (tokens.len() == cells || tokens.len() == 1 || tokens.iter().any(|t| !printed_whole(t)))
}

/// The run of digits and spaces `s` starts with, and the text after it.
fn digit_run(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_ascii_digit() && c != ' ').unwrap_or(s.len());
    (&s[..end], &s[end..])
}

/// Every way of reading `tokens` as `n` numbers, each token giving one or more of them, in
/// order, that `keep` takes. `None`: more than [`MAX_SPLITS`] ways tried.
fn splits_of(tokens: &[&str], n: usize, keep: impl Fn(&[u64]) -> bool) -> Option<Vec<Vec<u64>>> {
    struct Splits<'a, K> {
        n: usize,
        keep: K,
        tried: usize,
        out: Vec<Vec<u64>>,
        current: Vec<u64>,
        /// Digits in the tokens from each token on.
        left: Vec<usize>,
        tokens: &'a [&'a str],
    }
    impl<K: Fn(&[u64]) -> bool> Splits<'_, K> {
        /// Read on from token `t`, byte `at`; false when out of tries.
        fn go(&mut self, t: usize, at: usize) -> bool {
            let Some(token) = self.tokens.get(t).map(|s| &s[at..]) else {
                if self.current.len() == self.n {
                    self.tried += 1;
                    if self.tried > MAX_SPLITS {
                        return false;
                    }
                    if (self.keep)(&self.current) {
                        self.out.push(self.current.clone());
                    }
                }
                return true;
            };
            for len in 1..=token.len().min(MAX_DIGITS) {
                let part = &token[..len];
                if !printed_whole(part) {
                    break;
                }
                let Ok(value) = part.parse::<u64>() else { break };
                // Numbers still wanted after this one, and digits left for them.
                let wanted = self.n.saturating_sub(self.current.len() + 1);
                let (next, next_at) = if len == token.len() { (t + 1, 0) } else { (t, at + len) };
                let digits = self.left.get(next).copied().unwrap_or(0) - next_at;
                let tokens_left = self.tokens.len() - next;
                if self.current.len() == self.n || digits < wanted || tokens_left > wanted {
                    continue;
                }
                self.current.push(value);
                let ok = self.go(next, next_at);
                self.current.pop();
                if !ok {
                    return false;
                }
            }
            true
        }
    }
    let mut left: Vec<usize> = tokens
        .iter()
        .rev()
        .scan(0, |sum, t| {
            *sum += t.len();
            Some(*sum)
        })
        .collect();
    left.reverse();
    left.push(0);
    let mut s = Splits { n, keep, tried: 0, out: Vec::new(), current: Vec::with_capacity(n), left, tokens };
    s.go(0, 0).then_some(s.out)
}

/// The template's sums over one row (R2, R4), as a test of the row's values in `cols`'
/// order: each sum's two sides as column places, worked out once for the many splits
/// tried.
fn row_sums(table: Table, row: &RowDef, cols: &[&'static ColDef]) -> impl Fn(&[u64]) -> bool {
    let place = |c: &str| cols.iter().position(|col| col.key == c);
    let sums: Vec<(Vec<usize>, Vec<usize>)> = EQUATIONS
        .iter()
        .filter(|e| e.table == table && e.over == Over::EachRow)
        .flat_map(|e| e.instances(Version::Both))
        .filter(|i| i.scope == row.key)
        .filter_map(|i| {
            let side = |keys: &[(&str, &str)]| keys.iter().map(|(_, c)| place(c)).collect::<Option<Vec<_>>>();
            Some((side(&i.lhs)?, side(&i.rhs)?))
        })
        .collect();
    move |values: &[u64]| {
        let side = |at: &[usize]| at.iter().map(|&i| values[i]).sum::<u64>();
        sums.iter().all(|(l, r)| side(l) == side(r))
    }
}

/// Table 三 from its rows' runs: every split of each row whose row sums hold, then every
/// combination of them against the column sums (R1, R3).
fn solve(table: Table, version: Version, runs: &[Run], cols: &[&'static ColDef]) -> Glued {
    let mut options: Vec<Vec<Vec<u64>>> = Vec::with_capacity(runs.len());
    for run in runs {
        let Some(splits) = splits_of(&run.tokens, cols.len(), row_sums(table, run.row, cols)) else {
            return Glued::Unread(too_many(table));
        };
        options.push(splits);
    }
    let example = runs.iter().find(|r| r.tokens.len() != cols.len()).unwrap_or(&runs[0]);
    let shown = format!("`{}` for {}", example.tokens.join(" "), example.row.display());
    let head =
        format!("table {}: printed as running text with each row's figures run together ({shown})", table.numeral());
    let unsplit = runs.iter().zip(&options).find(|(_, o)| o.is_empty()).map(|(r, _)| r);
    let solutions = match unsplit {
        Some(_) => Vec::new(),
        None => match search(table, version, runs, cols, &options) {
            Some(s) => s,
            None => return Glued::Unread(too_many(table)),
        },
    };
    if let [one] = solutions.as_slice() {
        let mut cells = Vec::new();
        for ((run, opts), &pick) in runs.iter().zip(&options).zip(one) {
            push_cells(&mut cells, table, run.row, cols, &opts[pick], run.tokens.len() == cols.len());
        }
        let note = format!(
            "{head} — split into cells where exactly one reading satisfies every sum of the table (cells marked arithmetic, except rows printing one figure per column)"
        );
        return Glued::Read { cells, version, note };
    }
    let why = match unsplit {
        Some(run) => {
            format!("no split of row {} (`{}`) satisfies its own sum", run.row.display(), run.tokens.join(" "))
        }
        None if solutions.is_empty() => {
            "no reading satisfies the column sums (R1, R3): the figures do not add up, or some cells are empty"
                .to_string()
        }
        None => "several readings satisfy every sum of the table".to_string(),
    };
    // With several readings, the rows their own sum reads one way only are read: every
    // reading of the table holds them so. Where no reading holds, nothing is: a row's own
    // sum alone is too weak a check (an empty cell, printing nothing, lets a wrong split
    // add up: `260350 3 64` as 2 6 0 3 50 3 64).
    let alone: Vec<usize> =
        if solutions.len() > 1 { (0..runs.len()).filter(|&i| options[i].len() == 1).collect() } else { Vec::new() };
    if alone.is_empty() {
        return Glued::Unread(format!("{head} — {why}; its cells are missing"));
    }
    let mut cells = Vec::new();
    for &i in &alone {
        push_cells(&mut cells, table, runs[i].row, cols, &options[i][0], runs[i].tokens.len() == cols.len());
    }
    let left: Vec<String> = (0..runs.len())
        .filter(|i| !alone.contains(i))
        .map(|i| format!("{} (`{}`)", runs[i].row.display(), runs[i].tokens.join(" ")))
        .collect();
    let note = format!(
        "{head} — {why}; the {} rows read the same way in each are read (cells marked arithmetic, except rows printing one figure per column), the cells of {} are missing",
        alone.len(),
        left.join(", ")
    );
    Glued::Read { cells, version, note }
}

/// A sum's two sides, as the (row, column) places of their cells.
type Sum = (Vec<(usize, usize)>, Vec<(usize, usize)>);

/// Every combination of the rows' splits (`options`, each row's in turn) that satisfies
/// the column sums (R1, R3), up to two. `None`: more than [`SEARCH_BUDGET`] steps.
///
/// Rows are chosen depth first, the rows the sums name as totals (left-hand sides) first;
/// a branch ends as soon as a sum whose one side is complete is passed by the other side's
/// figures so far (counts are never negative) or, both sides complete, differs.
fn search(
    table: Table,
    version: Version,
    runs: &[Run],
    cols: &[&'static ColDef],
    options: &[Vec<Vec<u64>>],
) -> Option<Vec<Vec<usize>>> {
    let at = |r: &str, c: &str| -> Option<(usize, usize)> {
        Some((runs.iter().position(|run| run.row.key == r)?, cols.iter().position(|col| col.key == c)?))
    };
    // Each sum as the (row, column) places of its two sides.
    let mut sums: Vec<Sum> = Vec::new();
    for instance in
        EQUATIONS.iter().filter(|e| e.table == table && e.over == Over::EachColumn).flat_map(|e| e.instances(version))
    {
        let side = |keys: &[(&str, &str)]| keys.iter().map(|(r, c)| at(r, c)).collect::<Option<Vec<_>>>();
        if let (Some(l), Some(r)) = (side(&instance.lhs), side(&instance.rhs)) {
            sums.push((l, r));
        }
    }
    let totals: Vec<usize> =
        (0..runs.len()).filter(|&i| sums.iter().any(|(l, _)| l.iter().any(|p| p.0 == i))).collect();
    let order: Vec<usize> = totals.iter().copied().chain((0..runs.len()).filter(|i| !totals.contains(i))).collect();

    struct Search<'a> {
        options: &'a [Vec<Vec<u64>>],
        sums: &'a [Sum],
        order: &'a [usize],
        chosen: Vec<Option<usize>>,
        solutions: Vec<Vec<usize>>,
        steps: usize,
    }
    impl Search<'_> {
        /// Does no sum fail yet?
        fn open(&self) -> bool {
            let side = |cells: &[(usize, usize)]| -> (u64, bool) {
                let mut sum = 0;
                let mut complete = true;
                for &(r, c) in cells {
                    match self.chosen[r] {
                        Some(k) => sum += self.options[r][k][c],
                        None => complete = false,
                    }
                }
                (sum, complete)
            };
            self.sums.iter().all(|(l, r)| {
                let ((ls, lc), (rs, rc)) = (side(l), side(r));
                match (lc, rc) {
                    (true, true) => ls == rs,
                    (true, false) => rs <= ls,
                    (false, true) => ls <= rs,
                    (false, false) => true,
                }
            })
        }

        /// Choose the row at `depth` of the order; false when out of steps.
        fn go(&mut self, depth: usize) -> bool {
            if self.solutions.len() > 1 {
                return true;
            }
            let Some(&row) = self.order.get(depth) else {
                self.solutions.push(self.chosen.iter().map(|c| c.unwrap_or(0)).collect());
                return true;
            };
            for k in 0..self.options[row].len() {
                self.steps += 1;
                if self.steps > SEARCH_BUDGET {
                    return false;
                }
                self.chosen[row] = Some(k);
                if self.open() && !self.go(depth + 1) {
                    return false;
                }
            }
            self.chosen[row] = None;
            true
        }
    }
    let mut search =
        Search { options, sums: &sums, order: &order, chosen: vec![None; runs.len()], solutions: Vec::new(), steps: 0 };
    search.go(0).then_some(search.solutions)
}

fn too_many(table: Table) -> String {
    format!(
        "table {}: printed as running text with its figures run together — too many ways to split them to search; its cells are missing",
        table.numeral()
    )
}

/// One row's cells: `exact` when the row printed one figure per column.
fn push_cells(
    cells: &mut Vec<CellValue>,
    table: Table,
    row: &'static RowDef,
    cols: &[&'static ColDef],
    values: &[u64],
    exact: bool,
) {
    let how = if exact { Placement::Exact } else { Placement::Arithmetic };
    for (col, value) in cols.iter().zip(values) {
        let slot = Slot { row: Cow::Borrowed(row.key), col };
        cells.push(cell(table, &slot, &value.to_string(), how, None));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::State;
    use crate::source::text;

    fn text_of(s: &str) -> String {
        running_text(&text::read(s.as_bytes()).unwrap())
    }

    fn value(cells: &[CellValue], row: &str, col: &str) -> Option<f64> {
        cells.iter().find(|c| c.row == row && c.col == col).and_then(|c| c.value)
    }

    /// A table 三 as running text, rows from 新收 to 结转下年: `new`, `granted` and `total`
    /// are the runs of 本年新收, 予以公开 and （七）总计; 部分公开 prints `3000003` and
    /// 不掌握 `120000012`, the next row's number after a space; 上年结转 `0 0 0 0 0 0 0`;
    /// every other row zeros.
    /// `sixth`: the （六） rows of 2021 (three) or of 2019 (one).
    fn applications(new: &str, granted: &str, total: &str, sixth_2021: bool) -> String {
        let mut s = String::from("三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他");
        s += &format!("一、本年新收政府信息公开申请数量{new}二、上年结转政府信息公开申请数量0 0 0 0 0 0 0");
        s += &format!(
            "三、本年度办理结果（一）予以公开{granted}（二）部分公开（区分处理的，只计这一情形，不计其他情形）3000003"
        );
        s += "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开00000003.危及“三安全一稳定”00000004.保护第三方合法权益00000005.属于三类内部事务信息00000006.属于四类过程性信息00000007.属于行政执法案卷00000008.属于行政查询事项0000000";
        s += "（四）无法提供1.本机关不掌握相关政府信息120000012 2.没有现成信息需要另行制作00000003.补正后申请内容仍不明确0000000";
        s += "（五）不予处理1.信访举报投诉类申请00000002.重复申请00000003.要求提供公开出版物00000004.无正当理由大量反复申请00000005.要求行政机关确认或重新出具已获取信息0000000";
        if sixth_2021 {
            s += "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请00000002.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请00000003.其他0000000";
        } else {
            s += "（六）其他处理0 0 0 0 0 00";
        }
        s += &format!("（七）总计{total}四、结转下年度继续办理0000000 四、政府信息公开行政复议、行政诉讼情况");
        s
    }

    #[test]
    fn a_table_three_run_together_is_split_where_the_sums_allow_one_reading() {
        // 新收 41 0 0 3 0 1 45 = 予以公开 26 0 0 3 0 1 30 + 部分公开 3 + 不掌握 12.
        let s = applications("410030145", "260030130", "410030145", true);
        let Some(Glued::Read { cells, version, note }) = read(&text_of(&s), Table::Applications) else {
            panic!("not read: {:?}", read(&text_of(&s), Table::Applications))
        };
        assert_eq!(version, Version::V2021);
        assert_eq!(cells.len(), crate::extract::expected_cells(Table::Applications, Version::V2021));
        assert_eq!(value(&cells, "new_received", "natural_person"), Some(41.0));
        assert_eq!(value(&cells, "new_received", "public_welfare"), Some(3.0));
        assert_eq!(value(&cells, "new_received", "other_org"), Some(1.0));
        assert_eq!(value(&cells, "new_received", "total"), Some(45.0));
        assert_eq!(value(&cells, "granted", "natural_person"), Some(26.0));
        assert_eq!(value(&cells, "granted", "total"), Some(30.0));
        // 不掌握's run is `120000012 2`: the 2 is the next row's number, not a figure.
        assert_eq!(value(&cells, "unable_not_held", "natural_person"), Some(12.0));
        assert_eq!(value(&cells, "unable_not_held", "total"), Some(12.0));
        assert_eq!(value(&cells, "other_other", "total"), Some(0.0));
        assert_eq!(value(&cells, "results_total", "total"), Some(45.0));
        assert!(cells.iter().all(|c| c.state == State::Number));
        // A run split by the sums says so; a row of one figure per column is exact.
        assert_eq!(cells.iter().find(|c| c.row == "granted").unwrap().placement, Placement::Arithmetic);
        assert_eq!(cells.iter().find(|c| c.row == "partial").unwrap().placement, Placement::Arithmetic);
        assert_eq!(cells.iter().find(|c| c.row == "carried_over").unwrap().placement, Placement::Exact);
        assert!(note.starts_with("table 三: printed as running text"), "{note}");
    }

    #[test]
    fn the_one_row_of_the_sixth_group_tells_a_2019_table() {
        // 新收 15 0 0 0 0 1 16 = 予以公开 0 0 0 0 0 1 1 + 部分公开 3 + 不掌握 12.
        let s = applications("150000116", "0000011", "150000116", false);
        match read(&text_of(&s), Table::Applications) {
            Some(Glued::Read { version, cells, .. }) => {
                assert_eq!(version, Version::V2019);
                assert_eq!(value(&cells, "new_received", "natural_person"), Some(15.0));
                assert_eq!(value(&cells, "new_received", "other_org"), Some(1.0));
                // `0 0 0 0 0 00`: the last token is two cells.
                assert_eq!(value(&cells, "other", "total"), Some(0.0));
                assert_eq!(cells.iter().find(|c| c.row == "other").unwrap().placement, Placement::Arithmetic);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_row_no_split_of_which_adds_up_leaves_the_table_missing() {
        // `21000003`: one of its eight digits pairs with another, and no pairing gives a
        // 总计 equal to the others' sum (21, 12, … against 3).
        let s = applications("21000003", "260030130", "410030145", true);
        match read(&text_of(&s), Table::Applications) {
            Some(Glued::Unread(note)) => {
                assert!(note.contains("no split of row 一、本年新收政府信息公开申请数量 (`21000003`)"), "{note}");
                assert!(note.ends_with("its cells are missing"), "{note}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rows_that_two_readings_of_the_table_split_differently_are_missing() {
        // `101000011` holds as 10 1 0 0 0 0 11 and as 1 0 10 0 0 0 11; 新收, 予以公开 and
        // 总计 print it alike, so both readings satisfy every sum (部分公开 and 不掌握 are
        // zero here). Those three rows are missing; the rows of zeros are read.
        let s = applications("101000011", "101000011", "101000011", true)
            .replace("3000003", "0000000")
            .replace("120000012 2", "0000000 2");
        match read(&text_of(&s), Table::Applications) {
            Some(Glued::Read { cells, note, .. }) => {
                assert!(note.contains("several readings satisfy every sum"), "{note}");
                for row in ["new_received", "granted", "results_total"] {
                    assert!(cells.iter().all(|c| c.row != row), "{row}: {note}");
                }
                assert_eq!(value(&cells, "carried_over", "total"), Some(0.0));
                assert_eq!(value(&cells, "partial", "total"), Some(0.0));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_table_whose_figures_do_not_add_up_is_missing() {
        // 新收 41 … 45 against results that add up to 46 (予以公开 27 0 0 3 0 1 31): each
        // row reads one way by its own sum, but a row's own sum is no check of its split.
        let s = applications("410030145", "270030131", "410030145", true);
        match read(&text_of(&s), Table::Applications) {
            Some(Glued::Unread(note)) => assert!(note.contains("no reading satisfies the column sums"), "{note}"),
            other => panic!("{other:?}"),
        }
        // An empty 总计 on the result rows, printing nothing: `260350364` (260 35 0 3 6 4,
        // no 总计) would add up as 2 6 0 3 50 3 64, but not with the column sums.
        let s = applications("5247756137632", "260350364", "5578646147674", true);
        assert!(matches!(read(&text_of(&s), Table::Applications), Some(Glued::Unread(_))));
    }

    #[test]
    fn rows_each_run_together_by_a_doubled_zero_are_read() {
        // Every row `0 0 0 0 0 00`: three tokens in four are one figure, but `00` is two.
        let s = applications("0 0 0 0 0 00", "0 0 0 0 0 00", "0 0 0 0 0 00", true)
            .replace("0000000", "0 0 0 0 0 00")
            .replace("3000003", "0 0 0 0 0 00")
            .replace("120000012 2", "0 0 0 0 0 00 2");
        let Some(Glued::Read { cells, .. }) = read(&text_of(&s), Table::Applications) else {
            panic!("{:?}", read(&text_of(&s), Table::Applications))
        };
        assert_eq!(cells.len(), crate::extract::expected_cells(Table::Applications, Version::V2021));
        assert!(cells.iter().all(|c| c.value == Some(0.0)));
    }

    #[test]
    fn table_four_run_together_under_its_header_is_split_by_its_row_sums() {
        let s = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计20103120001200000五、存在的主要问题";
        let Some(Glued::Read { cells, .. }) = read(&text_of(s), Table::Appeals) else {
            panic!("{:?}", read(&text_of(s), Table::Appeals))
        };
        assert_eq!(cells.len(), 15);
        assert_eq!(value(&cells, "review", "upheld"), Some(2.0));
        assert_eq!(value(&cells, "review", "other"), Some(1.0));
        assert_eq!(value(&cells, "review", "total"), Some(3.0));
        assert_eq!(value(&cells, "suit_direct", "upheld"), Some(12.0));
        assert_eq!(value(&cells, "suit_direct", "total"), Some(12.0));
        assert_eq!(value(&cells, "suit_after_review", "total"), Some(0.0));
        assert!(cells.iter().all(|c| c.placement == Placement::Arithmetic));
    }

    #[test]
    fn fewer_digits_than_cells_are_no_figures_run_together() {
        // Seven figures for fifteen cells: cells left empty, which the other readers
        // explain; this reader leaves the table to them.
        let s = "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计4 3 1 8 5 1 6五、";
        assert!(read(&text_of(s), Table::Appeals).is_none());
        let s = s.replace("4 3 1 8 5 1 6", "12 2 4 1 19 4 2 3 9 2 1 1 4");
        assert!(read(&text_of(&s), Table::Appeals).is_none());
        let s = applications("41 3 1 45", "260030130", "410030145", true);
        assert!(read(&text_of(&s), Table::Applications).is_none());
        // A table printing its figures apart, one row six figures for seven cells: no
        // figures run together (`41` is not 4 and 1).
        let spaced = applications("41 3 1 0 0 45", "26 0 0 3 0 1 30", "41 0 0 3 0 1 45", true)
            .replace("0000000", "0 0 0 0 0 0 0")
            .replace("3000003", "3 0 0 0 0 0 3")
            .replace("120000012 2", "12 0 0 0 0 0 12 2");
        assert!(read(&text_of(&spaced), Table::Applications).is_none());
        // In a table run together, that row is one no split of which adds up: the table
        // is missing, and the note names the row.
        let s = applications("41 3 1 0 0 45", "260030130", "410030145", true);
        let Some(Glued::Unread(note)) = read(&text_of(&s), Table::Applications) else { panic!() };
        assert!(note.contains("(`41 3 1 0 0 45`)"), "{note}");
    }

    #[test]
    fn table_two_run_together_reads_the_items_one_reading_allows() {
        let s = "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章 000行政规范性文件1212140第二十条第（五）项信息内容本年处理决定数量行政许可2054 第二十条第（六）项信息内容本年处理决定数量行政处罚310行政强制7第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费1830.5 三、";
        let Some(Glued::Read { cells, version, note }) = read(&text_of(s), Table::Proactive) else {
            panic!("{:?}", read(&text_of(s), Table::Proactive))
        };
        assert_eq!(version, Version::V2021);
        // `000` in three columns: 0 0 0 is the one way to print it.
        assert_eq!(value(&cells, "rules", "in_force"), Some(0.0));
        // One column: the run is its figure.
        assert_eq!(value(&cells, "licensing", "decisions"), Some(2054.0));
        assert_eq!(value(&cells, "penalty", "decisions"), Some(310.0));
        assert_eq!(value(&cells, "coercion", "decisions"), Some(7.0));
        assert_eq!(value(&cells, "fees", "amount"), Some(1830.5));
        assert_eq!(cells.iter().find(|c| c.row == "fees").unwrap().unit.as_deref(), Some("万元"));
        // A figure alone under its one column is as printed; `000` is split.
        assert_eq!(cells.iter().find(|c| c.row == "licensing").unwrap().placement, Placement::Exact);
        assert_eq!(cells.iter().find(|c| c.row == "rules").unwrap().placement, Placement::Arithmetic);
        // `1212140` could be 12 12 140, 1 21 2140, …: missing, and the note names it.
        assert!(cells.iter().all(|c| c.row != "normative_docs"));
        assert!(note.contains("cannot be told in `规范性文件1212140`"), "{note}");
        // The 2019 columns: three under （五）, so 行政许可2054 has several readings.
        let s2019 = s
            .replace("本年制发件数本年废止件数现行有效件数", "本年新制作数量本年新公开数量对外公开总数量")
            .replace("本年处理决定数量", "上一年项目数量本年增/减处理决定数量")
            .replace("本年收费金额（单位：万元）", "上一年项目数量本年增/减");
        let Some(Glued::Read { cells, version, .. }) = read(&text_of(&s2019), Table::Proactive) else { panic!() };
        assert_eq!(version, Version::V2019);
        assert_eq!(value(&cells, "rules", "total_published"), Some(0.0));
        assert!(cells.iter().all(|c| c.row == "rules"), "{cells:?}");
        // A figure of prose is no item's run.
        let prose = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000全年办理行政许可2054件。";
        let Some(Glued::Read { cells, .. }) = read(&text_of(prose), Table::Proactive) else { panic!() };
        assert!(cells.iter().all(|c| c.row == "rules"), "{cells:?}");
        // Items with their figures apart are not this reader's.
        let s = "第二十条第（一）项 本年制发件数 规章 0 0 3 规范性文件 12 12 140";
        assert!(read(&text_of(s), Table::Proactive).is_none());
    }

    #[test]
    fn one_reading_of_a_run_is_the_only_split_that_fills_every_column() {
        assert_eq!(one_reading(&["000"], 3), Some(vec!["0", "0", "0"]));
        assert_eq!(one_reading(&["007"], 3), Some(vec!["0", "0", "7"]));
        // 1 0 0, 10 0 and 100: several.
        assert_eq!(one_reading(&["100"], 3), None);
        assert_eq!(one_reading(&["2293"], 1), Some(vec!["2293"]));
        assert_eq!(one_reading(&["5949.088667"], 1), Some(vec!["5949.088667"]));
        assert_eq!(one_reading(&["0123"], 1), None);
        // Two figures where three columns are: a column printed empty, which cannot be placed.
        assert_eq!(one_reading(&["0", "7"], 3), None);
    }

    #[test]
    fn prose_naming_a_rows_label_is_no_table() {
        let s = "本年新收政府信息公开申请数量45件，较上年上升25%。";
        assert!(read(&text_of(s), Table::Applications).is_none());
        let s = "全年未发生行政复议和行政诉讼，行政复议0件。";
        assert!(read(&text_of(s), Table::Appeals).is_none());
    }

    #[test]
    fn splits_keep_numbers_as_printed() {
        // 1|00 has a leading zero: 10|0 is the one reading.
        assert_eq!(splits_of(&["100"], 2, |_| true).unwrap(), vec![vec![10, 0]]);
        // A space ends a number.
        assert_eq!(splits_of(&["1", "00"], 3, |_| true).unwrap(), vec![vec![1, 0, 0]]);
        assert!(splits_of(&["1", "00"], 2, |_| true).unwrap().is_empty());
        assert!(splits_of(&["12"], 3, |_| true).unwrap().is_empty());
        assert_eq!(splits_of(&["0", "0", "0"], 3, |_| true).unwrap(), vec![vec![0, 0, 0]]);
        assert_eq!(splits_of(&["12", "3"], 3, |_| true).unwrap(), vec![vec![1, 2, 3]]);
        // `keep` chooses.
        assert_eq!(splits_of(&["1234"], 3, |v| v[2] == 34).unwrap(), vec![vec![1, 2, 34]]);
    }
}
