//! "Did you mean …": the names closest to a mistyped one.
//!
//! Closeness is an edit distance in characters (so one CJK character counts one), taken
//! against the whole candidate and against its best-matching stretch of the same length,
//! so a short Chinese query finds the long name it abbreviates with a typo (平谭 →
//! 平潭综合实验区) and a Latin one its misspelling (aplications → applications).

/// Up to three candidates close to `query`, closest first.
pub fn closest<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let q: Vec<char> = query.trim().to_lowercase().chars().collect();
    if q.is_empty() {
        return Vec::new();
    }
    let allowed = (q.len() / 3).max(1);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let chars: Vec<char> = c.to_lowercase().chars().collect();
            let whole = distance(&q, &chars);
            let part = if chars.len() > q.len() {
                chars.windows(q.len()).map(|w| distance(&q, w)).min().unwrap_or(usize::MAX)
            } else {
                usize::MAX
            };
            // A stretch must share most of the query (平谭 vs 平潭: one of two), and a
            // stretch match ranks after a whole-name match of the same distance.
            let best = whole.min(part);
            (best <= allowed && best < q.len()).then_some((best, usize::from(whole > part), c))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.2 == b.2);
    // A whole name as close as any stretch: the stretches are noise (applications_handled
    // for aplications).
    if let Some(&(best, 0, _)) = scored.first() {
        scored.retain(|&(d, part, _)| part == 0 || d < best);
    }
    scored.into_iter().take(3).map(|(_, _, c)| c).collect()
}

/// " (did you mean A or B?)", or "" when nothing is close.
pub fn did_you_mean<'a>(query: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let found = closest(query, candidates);
    match found.as_slice() {
        [] => String::new(),
        [one] => format!("; did you mean {one}?"),
        many => format!("; did you mean {}?", many.join(" or ")),
    }
}

/// Levenshtein distance between two character slices.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_names() {
        let metrics = ["applications", "applications_handled", "granted", "permits"];
        assert_eq!(closest("aplications", metrics), vec!["applications"]);
        assert_eq!(closest("grnted", metrics), vec!["granted"]);
        assert!(closest("zzz", metrics).is_empty());
        let agencies = ["平潭综合实验区", "平潭县人民政府", "淄博市公安局"];
        assert!(closest("平谭", agencies).contains(&"平潭综合实验区"));
        assert_eq!(did_you_mean("淄博公安局", agencies), "; did you mean 淄博市公安局?");
        assert_eq!(did_you_mean("x", agencies), "");
    }
}
