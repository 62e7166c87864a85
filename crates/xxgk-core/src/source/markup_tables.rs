//! Tables of the text markups whose rows a line-by-line reading cannot tell, found in a
//! text before its lines are read: pandoc's simple and multiline tables, Markdown pipe
//! tables without outer bars, AsciiDoc tables and MediaWiki tables. (Pipe tables with
//! their outer bars, Org tables and grid tables are read line by line by the text reader.)
//!
//! **Dashed rules** (pandoc's Markdown and plain-text writers):
//!
//! ```text
//!   ---------------------------- ---------- --------
//!   一、本年新收政府信息公开申请数量   821          859
//!   二、上年结转政府信息公开申请数量    18           18
//!   ---------------------------- ---------- --------
//! ```
//!
//! A rule of two or more runs of dashes gives the columns: each run is one column, from
//! its first dash to its last, in display columns (a CJK character is two wide, as pandoc
//! counts). A table is
//! - *headerless*: the rule opens it, the same kind of rule closes it;
//! - *simple, with a header*: one line of column names above the rule (after a blank
//!   line), the table ending at a blank line or at a closing rule;
//! - *multiline, with a header*: a single run of dashes over the header's lines, then the
//!   rule, rows separated by blank lines, a single run of dashes closing it.
//!
//! A headerless table whose rows are separated by blank lines is multiline too. Each word
//! of a line (a run without whitespace) goes to the column it overlaps most; the lines of
//! a multiline row join per column, one line under the other, as a grid table's wrapped
//! cells do. A backslash ending a cell's line is pandoc's hard line break, not text.
//!
//! **Pipe tables without outer bars** (`信息内容| 本年新制作数量`, as html2text writes
//! them) are found by their delimiter row (`---|---`): the line above it is the header,
//! the lines after it that hold a bar are the rows, their empty cells kept.
//!
//! **AsciiDoc** (`|===` … `|===`): every `|` opens a cell, so a bar ending a line opens an
//! empty last cell; the cells fill rows of as many columns as the `[cols=…]` line above
//! names (else as the first line holds), whatever lines they stand on.
//!
//! **MediaWiki** (`{|` … `|}`): `|-` starts a row, a line opening with `|` or `!` holds
//! cells separated by `||` or `!!`, and a cell's attributes end at its first single bar
//! (`align="center"| 80` is 80).

/// A table found among a text's lines.
#[derive(Debug, PartialEq)]
pub struct MarkupTable {
    /// Index of its first line (a header line or the opening rule).
    pub first: usize,
    /// Index of its last line (the closing rule, or the last row's last line).
    pub last: usize,
    /// Its rows, header first; each row one cell per column, empty cells kept.
    pub rows: Vec<Vec<String>>,
}

/// The most lines a table's body is looked through for its closing rule: past that, the
/// dashes were not a table's.
const MAX_BODY_LINES: usize = 2_000;

/// Might `text` hold one of these tables? One byte search: every table has two dashes in
/// a row (a rule, a delimiter row), `|===` or `{|`.
pub fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3_iter(b'-', b'|', b'{', b).any(|i| match b[i] {
        b'-' => b.get(i + 1) == Some(&b'-'),
        b'|' => b[i + 1..].starts_with(b"==="),
        _ => b.get(i + 1) == Some(&b'|'),
    })
}

/// A piece of a text: text as written, or a table's rows.
#[derive(Debug, PartialEq)]
pub enum Segment<'a> {
    Text(&'a str),
    Table(Vec<Vec<String>>),
}

/// `text` cut into its tables and the text around them, in order (the whole text as one
/// piece when it has none).
pub fn split(text: &str) -> Vec<Segment<'_>> {
    if !may_hold(text) {
        return vec![Segment::Text(text)];
    }
    let lines: Vec<&str> = super::text::lines(text).collect();
    let found = find(&lines);
    if found.is_empty() {
        return vec![Segment::Text(text)];
    }
    let offset = |line: &str| line.as_ptr() as usize - text.as_ptr() as usize;
    let mut out = Vec::with_capacity(2 * found.len() + 1);
    let mut from = 0;
    for t in found {
        let start = offset(lines[t.first]);
        if start > from {
            out.push(Segment::Text(&text[from..start]));
        }
        // On past the end of its last line.
        let end = offset(lines[t.last]) + lines[t.last].len();
        from = memchr::memchr(b'\n', &text.as_bytes()[end..]).map_or(text.len(), |i| end + i + 1);
        out.push(Segment::Table(t.rows));
    }
    if from < text.len() {
        out.push(Segment::Text(&text[from..]));
    }
    out
}

/// The tables among `lines`, in order, none overlapping.
pub fn find(lines: &[&str]) -> Vec<MarkupTable> {
    let mut out: Vec<MarkupTable> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A header is never taken from the table before.
        let floor = out.last().map_or(0, |t| t.last + 1);
        let found = match column_rule(lines[i]) {
            Some(cols) => table_at(lines, i, &cols, floor),
            None if lines[i].trim_end() == "|===" => asciidoc_table_at(lines, i),
            None if lines[i].trim_start().starts_with("{|") => mediawiki_table_at(lines, i),
            None => bare_pipe_table_at(lines, i, floor),
        };
        match found {
            Some(t) => {
                i = t.last + 1;
                out.push(t);
            }
            None => i += 1,
        }
    }
    out
}

/// The table whose column rule is line `rule`, its header no earlier than line `floor`.
fn table_at(lines: &[&str], rule: usize, cols: &[(usize, usize)], floor: usize) -> Option<MarkupTable> {
    let blank = |i: usize| lines[i].trim().is_empty();
    // A multiline table's header: a single run of dashes, header lines, the rule.
    let multiline_top = (floor..rule)
        .rev()
        .take(5)
        .take_while(|&j| !blank(j))
        .find(|&j| single_rule(lines[j]))
        .filter(|&j| j + 1 < rule);
    // A simple table's header: one line after a blank line (or the text's start), the
    // rule right under it.
    let simple_header = (multiline_top.is_none()
        && rule > floor
        && !blank(rule - 1)
        && (rule - 1 == floor || blank(rule - 2))
        && column_rule(lines[rule - 1]).is_none())
    .then(|| rule - 1);
    let (first, header): (usize, &[&str]) = match (multiline_top, simple_header) {
        (Some(top), _) => (top, &lines[top + 1..rule]),
        (None, Some(h)) => (h, &lines[h..rule]),
        (None, None) => (rule, &[]),
    };
    // The body, up to its end.
    let body_start = rule + 1;
    let closes = |line: &str| match (multiline_top, simple_header) {
        (Some(_), _) => single_rule(line) || column_rule(line).is_some(),
        (None, Some(_)) => column_rule(line).is_some() || line.trim().is_empty(),
        (None, None) => column_rule(line).is_some(),
    };
    let last = lines[body_start..].iter().take(MAX_BODY_LINES).position(|l| closes(l)).map(|k| body_start + k);
    // Its last line: the closing rule; the line before a blank line that ends a simple
    // table; the text's last line when a simple table runs to the end.
    let (body_end, last) = match last {
        Some(l) if blank(l) => (l, l - 1),
        Some(l) => (l, l),
        None if simple_header.is_some() && lines.len() - body_start <= MAX_BODY_LINES => (lines.len(), lines.len() - 1),
        None => return None,
    };
    let body = &lines[body_start..body_end];
    if body.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let multiline = multiline_top.is_some() || simple_header.is_none() && body.iter().any(|l| l.trim().is_empty());
    let mut rows = Vec::new();
    if !header.is_empty() {
        rows.push(join_lines(header, cols));
    }
    if multiline {
        for group in body.split(|l| l.trim().is_empty()).filter(|g| !g.is_empty()) {
            rows.push(join_lines(group, cols));
        }
    } else {
        // A line a row, but for a span pandoc wrapped over lines: the row goes on while a
        // column holds a bracket or brace not yet closed (`[规章]{style="…` over three).
        let mut group: Vec<&str> = Vec::new();
        let mut open = vec![0i32; cols.len()];
        for line in body.iter().filter(|l| !l.trim().is_empty()) {
            group.push(line);
            for (o, text) in open.iter_mut().zip(line_cells(line, cols)) {
                *o += text
                    .chars()
                    .map(|c| i32::from(matches!(c, '[' | '{')) - i32::from(matches!(c, ']' | '}')))
                    .sum::<i32>();
            }
            if open.iter().all(|&o| o <= 0) {
                rows.push(join_lines(&group, cols));
                group.clear();
                open.iter_mut().for_each(|o| *o = 0);
            }
        }
        if !group.is_empty() {
            rows.push(join_lines(&group, cols));
        }
    }
    Some(MarkupTable { first, last, rows })
}

/// The pipe table without outer bars whose delimiter row is line `rule`, its header the
/// line above (no earlier than line `floor`).
fn bare_pipe_table_at(lines: &[&str], rule: usize, floor: usize) -> Option<MarkupTable> {
    let t = lines[rule].trim();
    let delimiter = !t.starts_with('|')
        && t.contains('|')
        && t.bytes().filter(|&c| c == b'-').count() >= 3
        && t.bytes().all(|c| matches!(c, b'-' | b':' | b'|' | b' '));
    if !delimiter || rule == floor || rule == 0 || !lines[rule - 1].contains('|') {
        return None;
    }
    let body = lines[rule + 1..].iter().take_while(|l| l.contains('|') && !l.trim().is_empty()).count();
    let mut rows = vec![pipe_cells(lines[rule - 1])];
    rows.extend(lines[rule + 1..rule + 1 + body].iter().map(|l| pipe_cells(l)));
    Some(MarkupTable { first: rule - 1, last: rule + body, rows })
}

/// The cells of a line of a pipe table without outer bars, empty cells kept; `\|` is a bar
/// inside a cell. A bar ending the line separates an empty last cell (html2text writes
/// `258| 12|  ` for a row whose last cell is empty: no outer bar, ever), and a bar opening
/// it an empty first cell.
fn pipe_cells(line: &str) -> Vec<String> {
    split_unescaped(line.trim(), '|').iter().map(|c| crate::normalize::trim(c).to_string()).collect()
}

/// The AsciiDoc table that line `open` (`|===`) opens, up to the `|===` that closes it.
fn asciidoc_table_at(lines: &[&str], open: usize) -> Option<MarkupTable> {
    let close = open + 1 + lines[open + 1..].iter().take(MAX_BODY_LINES).position(|l| l.trim_end() == "|===")?;
    let body = &lines[open + 1..close];
    // The columns: as many as the attribute line names (`[cols=",,,"]`, `[cols="3*"]`),
    // else as many cells as the first line holds.
    let named = open.checked_sub(1).and_then(|i| asciidoc_column_count(lines[i]));
    let mut cells: Vec<String> = Vec::new();
    let mut first_line_cells = None;
    for line in body {
        let t = line.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        let mut parts = split_unescaped(t, '|').into_iter();
        // Text before a line's first bar goes on with the cell before it.
        let lead = parts.next().unwrap_or_default();
        if !lead.trim().is_empty() {
            match cells.last_mut() {
                Some(last) => {
                    // ` +` ending a line is AsciiDoc's hard line break.
                    if let Some(kept) = last.strip_suffix(" +") {
                        last.truncate(kept.len());
                    }
                    last.push('\n');
                    last.push_str(lead.trim());
                }
                None => cells.push(lead.trim().to_string()),
            }
        }
        let before = cells.len();
        // Cells keep a trailing ` +` until the next line tells whether they go on.
        cells.extend(parts.map(|p| p.trim().to_string()));
        first_line_cells.get_or_insert(cells.len() - before);
    }
    for cell in &mut cells {
        let kept = cell.strip_suffix(" +").unwrap_or(cell);
        *cell = crate::normalize::trim(kept).to_string();
    }
    let n = named.or(first_line_cells).filter(|&n| n > 0)?;
    let rows = cells.chunks(n).map(<[String]>::to_vec).collect();
    Some(MarkupTable { first: if named.is_some() { open - 1 } else { open }, last: close, rows })
}

/// The number of columns an AsciiDoc attribute line names: `[cols=",,,"]` (one more than
/// its commas), `[cols="3*"]`, `[cols="1,2,1",options="header"]`.
fn asciidoc_column_count(line: &str) -> Option<usize> {
    let t = line.trim();
    let spec = t.strip_prefix('[')?.strip_suffix(']')?;
    let value = spec.split_once("cols=")?.1;
    let value = value.strip_prefix('"').and_then(|v| v.split_once('"')).map_or(value, |(v, _)| v);
    if let Some((count, _)) = value.split_once('*') {
        return count.trim().parse().ok();
    }
    Some(value.split(',').count())
}

/// The MediaWiki table that line `open` (`{|`) opens, up to the `|}` that closes it.
fn mediawiki_table_at(lines: &[&str], open: usize) -> Option<MarkupTable> {
    let close =
        open + 1 + lines[open + 1..].iter().take(MAX_BODY_LINES).position(|l| l.trim_start().starts_with("|}"))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    for line in &lines[open + 1..close] {
        let t = line.trim();
        if t.starts_with("|-") {
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            continue;
        }
        if t.starts_with("|+") {
            // The caption.
            continue;
        }
        let (cells, separator) = match (t.strip_prefix('!'), t.strip_prefix('|')) {
            (Some(h), _) => (h, "!!"),
            (None, Some(d)) => (d, "||"),
            (None, None) => {
                // Text going on from the cell before.
                if let (Some(last), false) = (row.last_mut(), t.is_empty()) {
                    last.push('\n');
                    last.push_str(t);
                }
                continue;
            }
        };
        for cell in cells.split(separator).flat_map(|c| c.split("||")) {
            // Attributes end at the first single bar.
            let content = match cell.split_once('|') {
                Some((attributes, content)) if attributes.contains('=') || attributes.trim().is_empty() => content,
                _ => cell,
            };
            row.push(crate::normalize::trim(content).to_string());
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    (!rows.is_empty()).then_some(MarkupTable { first: open, last: close, rows })
}

/// `t` split at `sep`, a `sep` after a backslash kept as text (without the backslash).
pub(super) fn split_unescaped(t: &str, sep: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == sep {
            parts.push(String::new());
            continue;
        }
        let c = if c == '\\' && chars.peek() == Some(&sep) { chars.next().unwrap_or(c) } else { c };
        if let Some(part) = parts.last_mut() {
            part.push(c);
        }
    }
    parts
}

/// A rule of two or more runs of dashes (spaces between and before them): the runs'
/// extents in display columns, end exclusive. At least one run is three dashes long, so
/// that `- -` (a list) is no rule.
fn column_rule(line: &str) -> Option<Vec<(usize, usize)>> {
    let t = line.trim_end();
    let b = t.as_bytes();
    if !b.contains(&b'-') || !b.iter().all(|&c| c == b'-' || c == b' ') {
        return None;
    }
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'-' {
            let start = i;
            while i < b.len() && b[i] == b'-' {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    (runs.len() >= 2 && runs.iter().any(|(s, e)| e - s >= 3)).then_some(runs)
}

/// A single run of three or more dashes, nothing else but spaces around it: the line over
/// and under a multiline table with a header.
fn single_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3 && t.bytes().all(|c| c == b'-')
}

/// How many display columns `c` takes: two for the wide characters of East Asian scripts
/// (CJK ideographs and punctuation, kana, hangul, full-width forms), one otherwise.
pub(super) fn width(c: char) -> usize {
    match u32::from(c) {
        0x1100..=0x115f
        | 0x2e80..=0x303e
        | 0x3041..=0x33ff
        | 0x3400..=0x4dbf
        | 0x4e00..=0x9fff
        | 0xa000..=0xa4cf
        | 0xac00..=0xd7a3
        | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f
        | 0xff00..=0xff60
        | 0xffe0..=0xffe6
        | 0x20000..=0x3fffd => 2,
        _ => 1,
    }
}

/// The cells of a row printed over `lines`: each line's words put in their columns, the
/// lines of a column joined with line breaks.
fn join_lines(lines: &[&str], cols: &[(usize, usize)]) -> Vec<String> {
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); cols.len()];
    for line in lines {
        for (i, text) in line_cells(line, cols).into_iter().enumerate() {
            if !text.is_empty() {
                cells[i].push(text);
            }
        }
    }
    cells
        .into_iter()
        .map(|parts| super::text::join_wrapped(&parts.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect()
}

/// `p` without the backslash of a pandoc hard line break at its end (`本年新\`); an
/// escaped backslash (`\\`) and a backslash alone stay.
pub(crate) fn hard_break_removed(p: &str) -> &str {
    match p.strip_suffix('\\') {
        Some(rest) if !rest.is_empty() && !rest.ends_with('\\') => rest.trim_end(),
        _ => p,
    }
}

/// One line's text per column: its words (runs without whitespace) each in the column
/// its extent overlaps most (the nearest when it overlaps none), words of one column
/// joined by a space.
fn line_cells(line: &str, cols: &[(usize, usize)]) -> Vec<String> {
    let mut out = vec![String::new(); cols.len()];
    let mut col = 0;
    let mut word_start = None;
    let mut word = String::new();
    let mut place = |word: &mut String, start: usize, end: usize| {
        let best = (0..cols.len())
            .max_by_key(|&i| {
                let (s, e) = cols[i];
                let overlap = end.min(e).saturating_sub(start.max(s));
                // Without overlap, the nearer the better.
                let distance = if end <= s { s - end } else { start.saturating_sub(e) };
                (overlap, std::cmp::Reverse(distance))
            })
            .unwrap_or(0);
        if !out[best].is_empty() {
            out[best].push(' ');
        }
        out[best].push_str(word);
        word.clear();
    };
    for c in line.chars() {
        if c.is_whitespace() {
            if let Some(s) = word_start.take() {
                place(&mut word, s, col);
            }
        } else {
            word_start.get_or_insert(col);
            word.push(c);
        }
        col += width(c);
    }
    if let Some(s) = word_start {
        place(&mut word, s, col);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(text: &str) -> Vec<MarkupTable> {
        let lines: Vec<&str> = text.lines().collect();
        find(&lines)
    }

    #[test]
    fn a_headerless_simple_table_reads_its_columns_by_display_width() {
        // The labels are CJK (two columns a character): the figures stand under their
        // rule's runs only when widths are counted so.
        let text = "前文\n\n  ---------------------------------- ------ ------ ------\n  一、本年新收政府信息公开申请数量   821           859\n  二、上年结转政府信息公开申请数量          18     18\n  ---------------------------------- ------ ------ ------\n\n后文\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (2, 5));
        assert_eq!(
            t[0].rows,
            vec![
                vec!["一、本年新收政府信息公开申请数量", "821", "", "859"],
                vec!["二、上年结转政府信息公开申请数量", "", "18", "18"],
            ]
        );
    }

    #[test]
    fn a_multiline_table_joins_the_lines_of_a_row_per_column() {
        let text = "---------------------------------\n信息内容     本年新\\    对外公开\n             制作数量   总数量\n------------ ---------- ---------\n规章         13         524\n\n规范性文件   60         368\n---------------------------------\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (0, 7));
        assert_eq!(
            t[0].rows,
            vec![
                vec!["信息内容", "本年新\n制作数量", "对外公开\n总数量"],
                vec!["规章", "13", "524"],
                vec!["规范性文件", "60", "368"],
            ]
        );
    }

    #[test]
    fn a_simple_table_with_a_header_ends_at_a_blank_line() {
        let text = "段落。\n\n信息内容     采购项目数量  采购总金额\n------------ ------------- -----------\n政府集中采购 6             25.1\n\n后文\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (2, 4));
        assert_eq!(t[0].rows[0], vec!["信息内容", "采购项目数量", "采购总金额"]);
        assert_eq!(t[0].rows[1], vec!["政府集中采购", "6", "25.1"]);
    }

    #[test]
    fn a_span_pandoc_wrapped_over_lines_keeps_its_row_whole() {
        let text = "  -------------------- ----------\n  [规章]{style=\"font:  [13]{style=\"f\n  12pt\"}               12pt\"}\n  [规范性文件]         60\n  -------------------- ----------\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].rows, vec![vec!["规章", "13"], vec!["[规范性文件]", "60"]]);
    }

    #[test]
    fn a_pipe_table_without_outer_bars_keeps_its_empty_cells() {
        let text = "前文\n\n信息内容| 本年新制作数量| 对外公开总数量  \n---|---|---  \n规章| |  524  \n规范性文件| 60|  \n|   1 |\n\n后文 | 不是表格\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (2, 6));
        assert_eq!(
            t[0].rows,
            vec![
                vec!["信息内容", "本年新制作数量", "对外公开总数量"],
                vec!["规章", "", "524"],
                vec!["规范性文件", "60", ""],
                vec!["", "1", ""],
            ]
        );
    }

    #[test]
    fn asciidoc_cells_fill_rows_of_the_columns_named() {
        // A bar ending a line opens an empty cell; a row may go on over the next line.
        let text = "前文\n\n[cols=\",,,\",]\n|===\n|信息内容 |本年新 +\n制作数量 |本年新公开数量 |对外公开总数量\n\n|规章 |13 |\n|524\n\n|规范性文件 |60 |60 |\n|===\n\n后文\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (2, 11));
        assert_eq!(
            t[0].rows,
            vec![
                vec!["信息内容", "本年新\n制作数量", "本年新公开数量", "对外公开总数量"],
                vec!["规章", "13", "", "524"],
                vec!["规范性文件", "60", "60", ""],
            ]
        );
        assert_eq!(asciidoc_column_count("[cols=\"3*\",options=\"header\"]"), Some(3));
    }

    #[test]
    fn mediawiki_rows_and_cells_without_their_attributes() {
        let text = "{| class=\"wikitable\"\n|-\n! 信息内容 !! 本年新制作数量\n|-\n| 规章\n|align=\"center\"| 13\n|-\n| 规范性文件 || \n|}\n";
        let t = tables(text);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (0, 8));
        assert_eq!(t[0].rows, vec![vec!["信息内容", "本年新制作数量"], vec!["规章", "13"], vec!["规范性文件", ""]]);
    }

    #[test]
    fn dashes_that_open_no_table_are_left_alone() {
        // A setext heading's underline, a list of dashes, a rule never closed.
        assert!(tables("标题\n----\n\n正文\n").is_empty());
        assert!(tables("- 一\n- 二\n").is_empty());
        assert!(tables("前文\n\n---- ----\n一 二\n").is_empty());
    }

    #[test]
    fn hard_breaks_lose_their_backslash() {
        assert_eq!(hard_break_removed("本年新\\"), "本年新");
        assert_eq!(hard_break_removed("\\"), "\\");
        assert_eq!(hard_break_removed("a\\\\"), "a\\\\");
        assert_eq!(hard_break_removed("3"), "3");
    }
}
