//! Reciprocal-rank fusion (Cormack et al., 2009): several rankings of the catalogue's
//! entries, each with an equal vote, made into one. Used for the two word indexes
//! (an entry's own text, and its tellings) and, with an embedding server, for meaning
//! beside them.

use std::collections::HashMap;

/// The reciprocal-rank constant: small, so a ranking's first few count for much more
/// than its tail. Chosen on the development files among 5, 10, 20 and the published
/// 60 once entries were embedded with their examples (recall@5 by words and meaning:
/// project 0.875 -> 0.958, holdout-2 0.741 -> 0.793, holdout-3 0.742 -> 0.774 from 60
/// to 5; docs/legal-accuracy.md), then measured on the blind files.
const RRF_K: f32 = 5.0;

/// How deep each ranking is read before fusing.
pub(super) const DEPTH: usize = 40;

/// `order` (entry indices, best first, a reordering of `ranked`'s) with the scores of
/// `ranked`'s places: each place keeps the score it had, so a reordered list stays in
/// score order (a place past `ranked`'s end takes its last score).
pub(super) fn in_order(
    ranked: &[(usize, f32)],
    order: impl IntoIterator<Item = usize>,
) -> Vec<(usize, f32)> {
    let last = ranked.last().map_or(0.0, |(_, score)| *score);
    order
        .into_iter()
        .enumerate()
        .map(|(place, index)| (index, ranked.get(place).map_or(last, |(_, s)| *s)))
        .collect()
}

/// Entry indices with their fused scores, best first; equal scores in the catalogue's
/// order, so the same statement always gives the same list. Each ranking is read to
/// [`DEPTH`].
pub(super) fn fuse(rankings: &[&[usize]]) -> Vec<(usize, f32)> {
    let mut fused: HashMap<usize, f32> = HashMap::new();
    for ranking in rankings {
        for (rank, index) in ranking.iter().take(DEPTH).enumerate() {
            *fused.entry(*index).or_default() += 1.0 / (RRF_K + rank as f32 + 1.0);
        }
    }
    let mut ranked: Vec<(usize, f32)> = fused.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_rankings_agree_on_comes_first_and_ties_keep_the_catalogue_order() {
        // 2 is second in both: it beats each ranking's first, found once.
        let fused = fuse(&[&[1, 2], &[3, 2]]);
        let order: Vec<usize> = fused.iter().map(|(i, _)| *i).collect();
        assert_eq!(order, vec![2, 1, 3]);
        assert!((fused[0].1 - 2.0 / 7.0).abs() < 1e-6);
        // Only the first DEPTH of a ranking count.
        let long: Vec<usize> = (0..DEPTH + 5).collect();
        assert_eq!(fuse(&[&long]).len(), DEPTH);
        assert!(fuse(&[&[], &[]]).is_empty());
    }
}
