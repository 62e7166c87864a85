//! Ruled tables in a page's ink: rule segments → tables → a grid of cells with merges.
//!
//! 1. **Rules.** A horizontal rule is a run of ink along a pixel row at least
//!    `min_h` long (gaps of a pixel or two, from noise or JPEG, are bridged); runs on
//!    neighbouring rows that overlap join into one segment, and a segment thicker than
//!    half a character is a filled area, not a rule. Vertical rules are the same on the
//!    transposed bitmap. Text does not make rules: a run through a line of characters
//!    breaks at every gap between strokes.
//! 2. **Tables.** Rules that touch (a vertical segment reaching a horizontal one, within
//!    a quarter character) are one table; a table needs two rules each way.
//! 3. **Grid.** Row boundaries are the horizontal rules' heights, clustered; column
//!    boundaries the vertical rules' positions. Where the outer frame is open (no rule at
//!    the left or right edge), the ends of the horizontal rules close it.
//! 4. **Merges.** Between two neighbouring grid cells, the boundary is checked: covered by
//!    rule ink over at least half its length, the cells are separate; otherwise they are
//!    one merged cell. Merged cells become rectangles of grid positions, like an HTML
//!    `colspan`/`rowspan`.

use super::raster::Bits;

/// A rule segment: `pos` across, `[a, b)` along, `t` thick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seg {
    pub pos: f32,
    pub a: usize,
    pub b: usize,
    pub t: usize,
}

/// One cell of a table: its grid positions and its box in pixels (between rule centres).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridCell {
    pub r0: usize,
    pub c0: usize,
    /// Exclusive.
    pub r1: usize,
    /// Exclusive.
    pub c1: usize,
    pub x0: usize,
    pub y0: usize,
    pub x1: usize,
    pub y1: usize,
}

/// A ruled table found on a page.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    /// Row boundaries (pixel y), top to bottom.
    pub ys: Vec<usize>,
    /// Column boundaries (pixel x), left to right.
    pub xs: Vec<usize>,
    /// The cells, merged cells once, in reading order.
    pub cells: Vec<GridCell>,
    /// The thickest rule seen, for insetting cell boxes.
    pub rule: usize,
}

impl Grid {
    pub fn rows(&self) -> usize {
        self.ys.len().saturating_sub(1)
    }
    pub fn cols(&self) -> usize {
        self.xs.len().saturating_sub(1)
    }
    /// The table's box.
    pub fn bounds(&self) -> (usize, usize, usize, usize) {
        (
            self.xs.first().copied().unwrap_or(0),
            self.ys.first().copied().unwrap_or(0),
            self.xs.last().copied().unwrap_or(0),
            self.ys.last().copied().unwrap_or(0),
        )
    }
}

/// Most tables, rows and columns kept per page (bounded work on hostile pictures).
const MAX_TABLES: usize = 50;
const MAX_LINES: usize = 400;

/// Runs of ink along each row of `bits`, at least `min_len` long, joined into segments.
pub fn segments(bits: &Bits, min_len: usize, max_gap: usize, max_thick: usize) -> Vec<Seg> {
    #[derive(Clone, Copy)]
    struct Open {
        y0: usize,
        last: usize,
        a: usize,
        b: usize,
    }
    let mut open: Vec<Open> = Vec::new();
    let mut done: Vec<Open> = Vec::new();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for y in 0..bits.h {
        runs.clear();
        let row = &bits.px[y * bits.w..(y + 1) * bits.w];
        let mut x = 0;
        while x < bits.w {
            if row[x] == 0 {
                x += 1;
                continue;
            }
            let start = x;
            let mut end = x + 1;
            let mut gap = 0;
            x += 1;
            while x < bits.w {
                if row[x] != 0 {
                    end = x + 1;
                    gap = 0;
                } else {
                    gap += 1;
                    if gap > max_gap {
                        break;
                    }
                }
                x += 1;
            }
            if end - start >= min_len {
                runs.push((start, end));
            }
            x = end;
        }
        // Close segments not continued on this row or the one before.
        let mut i = 0;
        while i < open.len() {
            if open[i].last + 2 < y {
                done.push(open.swap_remove(i));
            } else {
                i += 1;
            }
        }
        for &(a, b) in &runs {
            let joined = open.iter_mut().find(|o| {
                let overlap = b.min(o.b).saturating_sub(a.max(o.a));
                overlap * 2 >= (b - a).min(o.b - o.a)
            });
            match joined {
                Some(o) => {
                    o.last = y;
                    o.a = o.a.min(a);
                    o.b = o.b.max(b);
                }
                None => open.push(Open { y0: y, last: y, a, b }),
            }
        }
        if open.len() + done.len() > 50 * MAX_LINES {
            break;
        }
    }
    done.extend(open);
    done.into_iter()
        .filter(|o| o.last + 1 - o.y0 <= max_thick)
        .map(|o| Seg { pos: (o.y0 + o.last) as f32 / 2.0, a: o.a, b: o.b, t: o.last + 1 - o.y0 })
        .collect()
}

/// Ruled tables on a page. `unit` is the height of a character in pixels.
pub fn find_tables(bits: &Bits, unit: f32) -> Vec<Grid> {
    let unit = unit.max(4.0);
    let max_gap = ((unit / 12.0) as usize).max(1);
    let max_thick = ((unit * 0.5) as usize).max(3);
    let hs = segments(bits, (unit * 2.5) as usize, max_gap, max_thick);
    let vs = segments(&bits.transpose(), (unit * 1.2) as usize, max_gap, max_thick);
    if hs.len() < 2 || vs.len() < 2 || hs.len() > 5 * MAX_LINES || vs.len() > 5 * MAX_LINES {
        return Vec::new();
    }
    let tol = (unit / 4.0).max(3.0);
    // A vertical segment v touches a horizontal h when each reaches the other's line.
    let touches = |h: &Seg, v: &Seg| {
        let reach = tol + (h.t.max(v.t) as f32);
        v.pos >= h.a as f32 - reach
            && v.pos <= h.b as f32 + reach
            && h.pos >= v.a as f32 - reach
            && h.pos <= v.b as f32 + reach
    };
    // Union-find over all segments (horizontal first).
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut a: usize) -> usize {
        while p[a] != a {
            p[a] = p[p[a]];
            a = p[a];
        }
        a
    }
    let mut touched = vec![false; vs.len()];
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if touches(h, v) {
                touched[j] = true;
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Seg>, Vec<Seg>)> = Default::default();
    for (i, h) in hs.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        if touched[j] {
            let r = find(&mut parent, hs.len() + j);
            groups.entry(r).or_default().1.push(*v);
        }
    }
    let mut grids: Vec<Grid> = groups
        .into_values()
        .filter(|(h, v)| h.len() >= 2 && v.len() >= 2)
        .filter_map(|(h, v)| build_grid(&h, &v, tol))
        .filter(|g| g.rows() * g.cols() >= 2)
        .collect();
    grids.sort_by_key(|g| g.ys.first().copied().unwrap_or(0));
    grids.truncate(MAX_TABLES);
    grids
}

/// Cluster positions closer than `tol` (sorted input); each cluster's mean.
fn cluster(mut v: Vec<f32>, tol: f32) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f32 <= tol => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}

/// How much of `[a, b)` the segments near `pos` cover, as a fraction.
fn coverage(segs: &[Seg], pos: f32, a: f32, b: f32, tol: f32) -> f32 {
    let mut spans: Vec<(f32, f32)> = segs
        .iter()
        .filter(|s| (s.pos - pos).abs() <= tol + s.t as f32 / 2.0)
        .map(|s| ((s.a as f32).max(a), (s.b as f32).min(b)))
        .filter(|(x, y)| y > x)
        .collect();
    spans.sort_by(|p, q| p.0.total_cmp(&q.0));
    let (mut covered, mut end) = (0.0f32, a);
    for (x, y) in spans {
        let x = x.max(end);
        if y > x {
            covered += y - x;
            end = y;
        }
    }
    if b > a {
        covered / (b - a)
    } else {
        0.0
    }
}

fn build_grid(hs: &[Seg], vs: &[Seg], tol: f32) -> Option<Grid> {
    let mut ys = cluster(hs.iter().map(|s| s.pos).collect(), tol);
    let mut xs = cluster(vs.iter().map(|s| s.pos).collect(), tol);
    // Close an open frame with the ends of the rules.
    let left = hs.iter().map(|s| s.a as f32).fold(f32::INFINITY, f32::min);
    let right = hs.iter().map(|s| s.b as f32).fold(f32::NEG_INFINITY, f32::max);
    let top = vs.iter().map(|s| s.a as f32).fold(f32::INFINITY, f32::min);
    let bottom = vs.iter().map(|s| s.b as f32).fold(f32::NEG_INFINITY, f32::max);
    if xs.first().is_some_and(|&x| x - left > 4.0 * tol) {
        xs.insert(0, left);
    }
    if xs.last().is_some_and(|&x| right - x > 4.0 * tol) {
        xs.push(right);
    }
    if ys.first().is_some_and(|&y| y - top > 4.0 * tol) {
        ys.insert(0, top);
    }
    if ys.last().is_some_and(|&y| bottom - y > 4.0 * tol) {
        ys.push(bottom);
    }
    if ys.len() < 2 || xs.len() < 2 || ys.len() > MAX_LINES || xs.len() > MAX_LINES {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    // Which neighbours are one merged cell: union-find over grid positions.
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn find(p: &mut [usize], mut a: usize) -> usize {
        while p[a] != a {
            p[a] = p[p[a]];
            a = p[a];
        }
        a
    }
    let union = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        p[ra.max(rb)] = ra.min(rb);
    };
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && coverage(vs, xs[c + 1], ys[r], ys[r + 1], tol) < 0.5 {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && coverage(hs, ys[r + 1], xs[c], xs[c + 1], tol) < 0.5 {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    // Each group's bounding rectangle; a position already taken by an earlier rectangle
    // stays with it.
    let mut rect: std::collections::HashMap<usize, (usize, usize, usize, usize)> = Default::default();
    for r in 0..nr {
        for c in 0..nc {
            let g = find(&mut parent, r * nc + c);
            let e = rect.entry(g).or_insert((r, c, r + 1, c + 1));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r + 1);
            e.3 = e.3.max(c + 1);
        }
    }
    let mut taken = vec![false; nr * nc];
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if taken[r * nc + c] {
                continue;
            }
            let g = find(&mut parent, r * nc + c);
            let (r0, c0, mut r1, mut c1) = rect[&g];
            if (r0, c0) != (r, c) {
                // Not a rectangle: this position becomes a cell of its own.
                r1 = r + 1;
                c1 = c + 1;
            }
            let (r0, c0) = (r, c);
            for rr in r0..r1 {
                for cc in c0..c1 {
                    taken[rr * nc + cc] = true;
                }
            }
            cells.push(GridCell {
                r0,
                c0,
                r1,
                c1,
                x0: xs[c0].round() as usize,
                y0: ys[r0].round() as usize,
                x1: xs[c1].round() as usize,
                y1: ys[r1].round() as usize,
            });
        }
    }
    let rule = hs.iter().chain(vs).map(|s| s.t).max().unwrap_or(1);
    Some(Grid {
        ys: ys.iter().map(|y| y.round().max(0.0) as usize).collect(),
        xs: xs.iter().map(|x| x.round().max(0.0) as usize).collect(),
        cells,
        rule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bitmap with rules drawn: horizontal (y, x0, x1) and vertical (x, y0, y1), 2 px.
    fn draw(w: usize, h: usize, hs: &[(usize, usize, usize)], vs: &[(usize, usize, usize)]) -> Bits {
        let mut b = Bits { w, h, px: vec![0; w * h] };
        for &(y, x0, x1) in hs {
            for x in x0..x1 {
                b.px[y * w + x] = 1;
                b.px[(y + 1) * w + x] = 1;
            }
        }
        for &(x, y0, y1) in vs {
            for y in y0..y1 {
                b.px[y * w + x] = 1;
                b.px[y * w + x + 1] = 1;
            }
        }
        b
    }

    #[test]
    fn a_grid_with_a_column_merge_and_a_row_merge() {
        // 3 rows × 3 columns; row 0 is one cell across; column 0 of rows 1–2 is one cell.
        let hs = [(10, 10, 310), (50, 10, 310), (90, 110, 310), (130, 10, 310)];
        let vs = [(10, 10, 132), (110, 50, 132), (210, 50, 132), (308, 10, 132)];
        let grids = find_tables(&draw(330, 150, &hs, &vs), 20.0);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.rows(), g.cols()), (3, 3));
        let spans: Vec<(usize, usize, usize, usize)> = g.cells.iter().map(|c| (c.r0, c.c0, c.r1, c.c1)).collect();
        assert_eq!(spans, vec![(0, 0, 1, 3), (1, 0, 3, 1), (1, 1, 2, 2), (1, 2, 2, 3), (2, 1, 3, 2), (2, 2, 3, 3)]);
    }

    #[test]
    fn an_open_frame_is_closed_by_the_rules_ends() {
        // No outer vertical rules: only one rule in the middle.
        let hs = [(10, 10, 310), (50, 10, 310), (90, 10, 310)];
        let vs = [(150, 10, 92), (250, 10, 92)];
        let g = &find_tables(&draw(330, 120, &hs, &vs), 20.0)[0];
        assert_eq!(g.cols(), 3);
        assert_eq!(g.xs[0], 10);
    }

    #[test]
    fn text_like_ink_is_no_table() {
        let mut b = Bits { w: 200, h: 100, px: vec![0; 20000] };
        for (i, p) in b.px.iter_mut().enumerate() {
            *p = u8::from((i * 7919) % 13 < 3);
        }
        assert!(find_tables(&b, 20.0).is_empty());
        assert!(find_tables(&Bits { w: 0, h: 0, px: vec![] }, 20.0).is_empty());
    }
}
