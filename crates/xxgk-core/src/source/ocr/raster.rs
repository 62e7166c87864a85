//! Grey pictures and the few operations OCR needs on them: PGM in and out, crop, resize,
//! rotate, Otsu's threshold, a bitmap of ink, connected components, and the skew angle.
//!
//! Everything works on 8-bit grey (0 black … 255 white) in plain `Vec<u8>` buffers; no
//! operation allocates more than a constant times the picture it is given, and callers
//! bound the pictures' size before anything is decoded.

use anyhow::{bail, Result};

/// An 8-bit grey picture, row-major, 0 = black.
#[derive(Clone, Debug, PartialEq)]
pub struct Gray {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

impl Gray {
    /// A picture of one colour.
    pub fn new(w: usize, h: usize, fill: u8) -> Gray {
        Gray { w, h, px: vec![fill; w * h] }
    }

    /// The pixel at (x, y); white outside the picture.
    #[inline]
    pub fn get(&self, x: usize, y: usize) -> u8 {
        if x < self.w && y < self.h {
            self.px[y * self.w + x]
        } else {
            255
        }
    }

    /// Read a binary 8-bit PGM (`P5`), as `pdftoppm -gray` writes it.
    pub fn from_pgm(bytes: &[u8]) -> Result<Gray> {
        let mut pos = 0usize;
        let mut fields: Vec<usize> = Vec::new();
        if !bytes.starts_with(b"P5") {
            bail!("not a binary PGM picture");
        }
        pos += 2;
        while fields.len() < 3 {
            // Whitespace and comments between header fields.
            while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'#') {
                if bytes[pos] == b'#' {
                    while pos < bytes.len() && bytes[pos] != b'\n' {
                        pos += 1;
                    }
                }
                pos += 1;
            }
            let start = pos;
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
            }
            let field = std::str::from_utf8(&bytes[start..pos]).ok().and_then(|s| s.parse::<usize>().ok());
            match field {
                Some(v) => fields.push(v),
                None => bail!("damaged PGM header"),
            }
        }
        pos += 1; // the single whitespace after the maximum value
        let (w, h, max) = (fields[0], fields[1], fields[2]);
        if max != 255 {
            bail!("PGM with maximum value {max}; only 8-bit grey is read");
        }
        let n = w.checked_mul(h).filter(|&n| n > 0).ok_or_else(|| anyhow::anyhow!("PGM of size {w}×{h}"))?;
        let data = bytes.get(pos..pos + n).ok_or_else(|| anyhow::anyhow!("PGM shorter than its header says"))?;
        Ok(Gray { w, h, px: data.to_vec() })
    }

    /// Write as a binary PGM (tesseract reads it without any decoding cost).
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.w, self.h).into_bytes();
        out.extend_from_slice(&self.px);
        out
    }

    /// The part of the picture in `[x0, x1) × [y0, y1)`, clamped to the picture.
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let (x1, y1) = (x1.min(self.w), y1.min(self.h));
        let (x0, y0) = (x0.min(x1), y0.min(y1));
        let (w, h) = (x1 - x0, y1 - y0);
        let mut px = Vec::with_capacity(w * h);
        for y in y0..y1 {
            px.extend_from_slice(&self.px[y * self.w + x0..y * self.w + x1]);
        }
        Gray { w, h, px }
    }

    /// Paint `[x0, x1) × [y0, y1)` white.
    pub fn blank(&mut self, x0: usize, y0: usize, x1: usize, y1: usize) {
        let (x1, y1) = (x1.min(self.w), y1.min(self.h));
        for y in y0.min(y1)..y1 {
            self.px[y * self.w + x0.min(x1)..y * self.w + x1].fill(255);
        }
    }

    /// Copy `src` into this picture with its top-left corner at (x, y), clipped.
    pub fn paste(&mut self, src: &Gray, x: usize, y: usize) {
        for sy in 0..src.h {
            let ty = y + sy;
            if ty >= self.h || x >= self.w {
                break;
            }
            let n = src.w.min(self.w - x);
            self.px[ty * self.w + x..ty * self.w + x + n].copy_from_slice(&src.px[sy * src.w..sy * src.w + n]);
        }
    }

    /// Resize by a factor: box averaging when shrinking, bilinear when enlarging.
    pub fn scale(&self, f: f32) -> Gray {
        let nw = ((self.w as f32 * f).round() as usize).max(1);
        let nh = ((self.h as f32 * f).round() as usize).max(1);
        self.resize(nw, nh)
    }

    /// Resize to `nw × nh`.
    pub fn resize(&self, nw: usize, nh: usize) -> Gray {
        if self.w == 0 || self.h == 0 || nw == 0 || nh == 0 {
            return Gray::new(nw, nh, 255);
        }
        let (fx, fy) = (self.w as f32 / nw as f32, self.h as f32 / nh as f32);
        let mut out = Gray::new(nw, nh, 255);
        if fx > 1.0 || fy > 1.0 {
            // Shrinking: average the source pixels each target pixel covers.
            for y in 0..nh {
                let sy0 = (y as f32 * fy) as usize;
                let sy1 = (((y + 1) as f32 * fy).ceil() as usize).clamp(sy0 + 1, self.h);
                for x in 0..nw {
                    let sx0 = (x as f32 * fx) as usize;
                    let sx1 = (((x + 1) as f32 * fx).ceil() as usize).clamp(sx0 + 1, self.w);
                    let mut sum = 0u32;
                    for sy in sy0..sy1 {
                        for &p in &self.px[sy * self.w + sx0..sy * self.w + sx1] {
                            sum += u32::from(p);
                        }
                    }
                    out.px[y * nw + x] = (sum / ((sy1 - sy0) * (sx1 - sx0)) as u32) as u8;
                }
            }
        } else {
            // Enlarging: bilinear, edges repeated (not blended with white).
            let (mx, my) = ((self.w - 1) as f32, (self.h - 1) as f32);
            for y in 0..nh {
                let sy = ((y as f32 + 0.5) * fy - 0.5).clamp(0.0, my);
                for x in 0..nw {
                    let sx = ((x as f32 + 0.5) * fx - 0.5).clamp(0.0, mx);
                    let (x0, y0) = (sx.floor() as usize, sy.floor() as usize);
                    let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
                    let (ax, ay) = (sx - x0 as f32, sy - y0 as f32);
                    let p = |x: usize, y: usize| f32::from(self.px[y * self.w + x]);
                    let top = p(x0, y0) * (1.0 - ax) + p(x1, y0) * ax;
                    let bottom = p(x0, y1) * (1.0 - ax) + p(x1, y1) * ax;
                    out.px[y * nw + x] = (top * (1.0 - ay) + bottom * ay).round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        out
    }

    /// The picture sampled between pixels; white outside.
    #[inline]
    fn bilinear(&self, x: f32, y: f32) -> u8 {
        if x < -1.0 || y < -1.0 || x > self.w as f32 || y > self.h as f32 {
            return 255;
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (ax, ay) = (x - x0, y - y0);
        let at = |xi: f32, yi: f32| -> f32 {
            if xi < 0.0 || yi < 0.0 {
                255.0
            } else {
                f32::from(self.get(xi as usize, yi as usize))
            }
        };
        let top = at(x0, y0) * (1.0 - ax) + at(x0 + 1.0, y0) * ax;
        let bottom = at(x0, y0 + 1.0) * (1.0 - ax) + at(x0 + 1.0, y0 + 1.0) * ax;
        (top * (1.0 - ay) + bottom * ay).round().clamp(0.0, 255.0) as u8
    }

    /// Rotate about the centre so that a line of slope `tan(deg)` becomes level; the
    /// corners brought in are white.
    pub fn level(&self, deg: f32) -> Gray {
        let a = deg.to_radians();
        let (s, c) = (a.sin(), a.cos());
        let (cx, cy) = (self.w as f32 / 2.0, self.h as f32 / 2.0);
        let mut out = Gray::new(self.w, self.h, 255);
        for y in 0..self.h {
            let dy = y as f32 - cy;
            for x in 0..self.w {
                let dx = x as f32 - cx;
                let sx = cx + dx * c - dy * s;
                let sy = cy + dx * s + dy * c;
                out.px[y * self.w + x] = self.bilinear(sx, sy);
            }
        }
        out
    }

    /// The picture turned clockwise by `quarters` quarter turns (0–3; more wrap around):
    /// every pixel moved, none resampled.
    pub fn turned(&self, quarters: u8) -> Gray {
        let (w, h) = (self.w, self.h);
        match quarters % 4 {
            0 => self.clone(),
            2 => Gray { w, h, px: self.px.iter().rev().copied().collect() },
            q => {
                // A quarter turn swaps width and height. Clockwise, the new row y is the
                // old column y read from the bottom up; anticlockwise, the old column
                // w - 1 - y read from the top down.
                let mut out = Gray::new(h, w, 255);
                for y in 0..w {
                    for x in 0..h {
                        out.px[y * h + x] =
                            if q == 1 { self.px[(h - 1 - x) * w + y] } else { self.px[x * w + (w - 1 - y)] };
                    }
                }
                out
            }
        }
    }

    /// A 3 × 3 median: removes specks a pixel or two across, keeps strokes.
    pub fn median3(&self) -> Gray {
        let mut out = self.clone();
        if self.w < 3 || self.h < 3 {
            return out;
        }
        let w = self.w;
        for y in 1..self.h - 1 {
            for x in 1..w - 1 {
                let mut v = [0u8; 9];
                let mut k = 0;
                for dy in 0..3 {
                    let row = (y + dy - 1) * w + x - 1;
                    v[k..k + 3].copy_from_slice(&self.px[row..row + 3]);
                    k += 3;
                }
                v.sort_unstable();
                out.px[y * w + x] = v[4];
            }
        }
        out
    }

    /// Otsu's threshold: the grey level that best separates ink from paper.
    pub fn otsu(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &p in &self.px {
            hist[p as usize] += 1;
        }
        otsu_of(&hist)
    }

    /// The paper's grey: the median pixel (most of a page is paper).
    pub fn paper(&self) -> u8 {
        let mut hist = [0u64; 256];
        for &p in &self.px {
            hist[p as usize] += 1;
        }
        let half = self.px.len() as u64 / 2;
        let mut seen = 0;
        for (v, &n) in hist.iter().enumerate() {
            seen += n;
            if seen > half {
                return v as u8;
            }
        }
        255
    }

    /// The ink bitmap: pixels darker than `t`.
    pub fn ink(&self, t: u8) -> Bits {
        Bits { w: self.w, h: self.h, px: self.px.iter().map(|&p| u8::from(p < t)).collect() }
    }
}

/// Otsu's threshold of a histogram.
pub fn otsu_of(hist: &[u64; 256]) -> u8 {
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return 128;
    }
    let sum_all: f64 = hist.iter().enumerate().map(|(i, &n)| i as f64 * n as f64).sum();
    let (mut w0, mut sum0, mut best, mut best_t) = (0f64, 0f64, -1f64, 128u8);
    for (t, &n) in hist.iter().enumerate() {
        w0 += n as f64;
        sum0 += t as f64 * n as f64;
        let w1 = total as f64 - w0;
        if w0 == 0.0 || w1 == 0.0 {
            continue;
        }
        let (m0, m1) = (sum0 / w0, (sum_all - sum0) / w1);
        let between = w0 * w1 * (m0 - m1) * (m0 - m1);
        if between > best {
            best = between;
            best_t = t as u8;
        }
    }
    // Pixels at the threshold itself belong to the dark class.
    best_t.saturating_add(1)
}

/// A bitmap: 1 = ink.
#[derive(Clone, Debug, PartialEq)]
pub struct Bits {
    pub w: usize,
    pub h: usize,
    pub px: Vec<u8>,
}

/// A connected component of ink (8-connected): its box and pixel count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Comp {
    pub x0: usize,
    pub y0: usize,
    /// Exclusive.
    pub x1: usize,
    /// Exclusive.
    pub y1: usize,
    pub area: usize,
}

impl Comp {
    pub fn w(&self) -> usize {
        self.x1 - self.x0
    }
    pub fn h(&self) -> usize {
        self.y1 - self.y0
    }
}

impl Bits {
    #[inline]
    pub fn at(&self, x: usize, y: usize) -> bool {
        x < self.w && y < self.h && self.px[y * self.w + x] != 0
    }

    /// The bitmap turned on its side (columns become rows).
    pub fn transpose(&self) -> Bits {
        let mut px = vec![0u8; self.w * self.h];
        for y in 0..self.h {
            for x in 0..self.w {
                px[x * self.h + y] = self.px[y * self.w + x];
            }
        }
        Bits { w: self.h, h: self.w, px }
    }

    /// Connected components and a label per pixel (0 = paper, else component index + 1).
    pub fn components(&self) -> (Vec<Comp>, Vec<u32>) {
        let (w, h) = (self.w, self.h);
        let mut labels = vec![0u32; w * h];
        let mut parent: Vec<u32> = vec![0];
        fn find(parent: &mut [u32], mut a: u32) -> u32 {
            while parent[a as usize] != a {
                parent[a as usize] = parent[parent[a as usize] as usize];
                a = parent[a as usize];
            }
            a
        }
        for y in 0..h {
            for x in 0..w {
                if self.px[y * w + x] == 0 {
                    continue;
                }
                let mut near = [0u32; 4];
                if x > 0 {
                    near[0] = labels[y * w + x - 1];
                }
                if y > 0 {
                    near[1] = labels[(y - 1) * w + x];
                    if x > 0 {
                        near[2] = labels[(y - 1) * w + x - 1];
                    }
                    if x + 1 < w {
                        near[3] = labels[(y - 1) * w + x + 1];
                    }
                }
                let mut l = 0u32;
                for &n in near.iter().filter(|&&n| n != 0) {
                    let r = find(&mut parent, n);
                    if l == 0 {
                        l = r;
                    } else if r != l {
                        let (a, b) = (l.min(r), l.max(r));
                        parent[b as usize] = a;
                        l = a;
                    }
                }
                if l == 0 {
                    l = parent.len() as u32;
                    parent.push(l);
                }
                labels[y * w + x] = l;
            }
        }
        // Flatten to dense component indices.
        let mut index = vec![0u32; parent.len()];
        let mut comps: Vec<Comp> = Vec::new();
        for y in 0..h {
            for x in 0..w {
                let l = labels[y * w + x];
                if l == 0 {
                    continue;
                }
                let root = find(&mut parent, l) as usize;
                if index[root] == 0 {
                    comps.push(Comp { x0: x, y0: y, x1: x + 1, y1: y + 1, area: 0 });
                    index[root] = comps.len() as u32;
                }
                let i = index[root];
                labels[y * w + x] = i;
                let c = &mut comps[i as usize - 1];
                c.x0 = c.x0.min(x);
                c.x1 = c.x1.max(x + 1);
                c.y0 = c.y0.min(y);
                c.y1 = c.y1.max(y + 1);
                c.area += 1;
            }
        }
        (comps, labels)
    }

    /// The page's skew in degrees: the slope (as an angle) of its text lines and rules,
    /// found as the shear under which the horizontal ink profile is sharpest. Searched
    /// within ±`max_deg`, to about 0.02°.
    pub fn skew_degrees(&self, max_deg: f32) -> f32 {
        let ink = self.px.iter().filter(|&&p| p != 0).count();
        if ink < 100 {
            return 0.0;
        }
        let stride = (ink / 300_000).max(1);
        let mut pts: Vec<(f32, f32)> = Vec::with_capacity(ink / stride + 1);
        let mut k = 0usize;
        for y in 0..self.h {
            for x in 0..self.w {
                if self.px[y * self.w + x] != 0 {
                    if k % stride == 0 {
                        pts.push((x as f32, y as f32));
                    }
                    k += 1;
                }
            }
        }
        let pad = (self.w as f32 * max_deg.to_radians().tan().abs()).ceil() as usize + 2;
        let mut hist = vec![0u32; self.h + 2 * pad];
        let mut score = |deg: f32| -> f64 {
            hist.iter_mut().for_each(|v| *v = 0);
            let t = deg.to_radians().tan();
            for &(x, y) in &pts {
                let yy = (y - x * t).round() as isize + pad as isize;
                if let Some(v) = hist.get_mut(yy.max(0) as usize) {
                    *v += 1;
                }
            }
            hist.iter().map(|&v| f64::from(v) * f64::from(v)).sum()
        };
        let search = |score: &mut dyn FnMut(f32) -> f64, from: f32, to: f32, step: f32| -> f32 {
            let (mut best, mut best_s) = (0.0f32, f64::MIN);
            let n = ((to - from) / step).round() as i32;
            for i in 0..=n {
                let a = from + i as f32 * step;
                let s = score(a);
                // Ties go to the angle nearest level.
                if s > best_s || (s == best_s && a.abs() < best.abs()) {
                    best_s = s;
                    best = a;
                }
            }
            best
        };
        let coarse = search(&mut score, -max_deg, max_deg, 0.2);
        search(&mut score, coarse - 0.2, coarse + 0.2, 0.02)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_round_trip_and_damage() {
        let mut g = Gray::new(3, 2, 200);
        g.px[4] = 7;
        assert_eq!(Gray::from_pgm(&g.to_pgm()).unwrap(), g);
        assert!(Gray::from_pgm(b"P5\n3 2\n255\n12").is_err());
        assert!(Gray::from_pgm(b"P5\n# c\n0 2\n255\n").is_err());
        assert!(Gray::from_pgm(b"P6\n1 1\n255\nabc").is_err());
        assert!(Gray::from_pgm(b"P5 99999999999999999999999 2 255 ").is_err());
    }

    #[test]
    fn quarter_turns() {
        // 1 2 3
        // 4 5 6
        let g = Gray { w: 3, h: 2, px: vec![1, 2, 3, 4, 5, 6] };
        let cw = g.turned(1);
        assert_eq!((cw.w, cw.h, cw.px.as_slice()), (2, 3, [4, 1, 5, 2, 6, 3].as_slice()));
        assert_eq!(g.turned(2).px, [6, 5, 4, 3, 2, 1]);
        let acw = g.turned(3);
        assert_eq!((acw.w, acw.h, acw.px.as_slice()), (2, 3, [3, 6, 2, 5, 1, 4].as_slice()));
        assert_eq!(g.turned(4), g);
        for q in 0..4 {
            assert_eq!(g.turned(q).turned(4 - q), g, "{q} quarter turns and back");
        }
    }

    #[test]
    fn otsu_splits_ink_from_paper() {
        let mut g = Gray::new(10, 10, 240);
        for p in g.px.iter_mut().take(20) {
            *p = 30;
        }
        let t = g.otsu();
        assert!(t > 30 && t <= 240, "{t}");
        assert_eq!(g.ink(t).px.iter().filter(|&&p| p == 1).count(), 20);
    }

    #[test]
    fn components_are_eight_connected() {
        let bits = Bits { w: 4, h: 3, px: vec![1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0] };
        let (comps, _) = bits.components();
        assert_eq!(comps.len(), 2);
        assert_eq!(comps[0], Comp { x0: 0, y0: 0, x1: 2, y1: 2, area: 2 });
    }

    #[test]
    fn skew_of_a_tilted_rule_is_found_and_levelled() {
        let mut g = Gray::new(800, 400, 255);
        let slope = 0.8f32.to_radians().tan();
        for k in 0..3 {
            for x in 50..750 {
                let y = (100.0 + 100.0 * k as f32 + x as f32 * slope) as usize;
                for t in 0..3 {
                    g.px[(y + t) * 800 + x] = 0;
                }
            }
        }
        let a = g.ink(128).skew_degrees(3.0);
        assert!((a - 0.8).abs() < 0.1, "{a}");
        let level = g.level(a);
        assert!(level.ink(128).skew_degrees(3.0).abs() < 0.1);
    }

    /// A page fed into the scanner askew by 7° (beyond the 3° searched at first) is found
    /// tilted by that much, either way, and levelled.
    #[test]
    fn a_steep_tilt_is_found_and_levelled() {
        let max = crate::source::ocr::MAX_SKEW_DEGREES;
        for deg in [7.0f32, -7.0] {
            let mut g = Gray::new(800, 600, 255);
            let slope = deg.to_radians().tan();
            for k in 0..4 {
                for x in 50..750 {
                    let y = (150.0 + 100.0 * k as f32 + (x as f32 - 400.0) * slope) as usize;
                    for t in 0..3 {
                        g.px[(y + t) * 800 + x] = 0;
                    }
                }
            }
            let a = g.ink(128).skew_degrees(max);
            assert!((a - deg).abs() < 0.1, "{deg}: {a}");
            assert!(g.level(a).ink(128).skew_degrees(max).abs() < 0.1, "{deg}");
        }
    }

    #[test]
    fn median_removes_a_speck_and_keeps_a_stroke() {
        let mut g = Gray::new(9, 9, 255);
        g.px[2 * 9 + 2] = 0;
        for y in 0..9 {
            g.px[y * 9 + 6] = 0;
            g.px[y * 9 + 7] = 0;
        }
        let m = g.median3();
        assert_eq!(m.px[2 * 9 + 2], 255);
        assert_eq!(m.px[4 * 9 + 6], 0);
    }

    #[test]
    fn resize_keeps_tone() {
        let g = Gray::new(10, 10, 100);
        assert!(g.scale(0.3).px.iter().all(|&p| p == 100));
        assert!(g.scale(2.5).px.iter().all(|&p| p == 100));
        let _ = Gray::new(0, 0, 0).scale(2.0);
    }
}
