//! Offences told in passing. A long statement about one offence often tells a second in
//! a clause ("…and while leaving he said *dekh lunga*"): the word and meaning rankings
//! give every place near the top to the main offence's siblings, and the threat, the
//! abuse or the slap falls below the fifth. An entry the statement tells by its elements
//! ([`super::Entry::told_by`], found by rule: [`super::Told`]) is lifted into the fourth
//! or fifth place when it is not already among the first five; what it displaces moves
//! down one. At most two are lifted, so the first three — what item 2 is drawn from —
//! are the rankings' own.

use super::{Entry, Told};

/// The places the officer sees first: told entries are lifted into them.
const FIRST: usize = 5;

/// At most this many told entries are lifted, into the last places of [`FIRST`].
const LIFTED: usize = 2;

/// `ranked` (entry indices with fused scores, best first) with the entries of `told_by`
/// (indices of entries that have `told_by` elements, in the catalogue's order) that
/// `statement` tells lifted into the last places of the first five. A lifted entry takes
/// the score of the place it takes, so scores stay in order.
pub(super) fn lift(
    entries: &[Entry],
    told_by: &[usize],
    statement: &str,
    mut ranked: Vec<(usize, f32)>,
) -> Vec<(usize, f32)> {
    if told_by.is_empty() || ranked.is_empty() {
        return ranked;
    }
    let told = Told::new(statement);
    let first: Vec<usize> = ranked.iter().take(FIRST).map(|(i, _)| *i).collect();
    let lifted: Vec<usize> = told_by
        .iter()
        .copied()
        .filter(|i| !first.contains(i) && entries.get(*i).is_some_and(|e| e.told_in(&told)))
        .take(LIFTED)
        .collect();
    if lifted.is_empty() {
        return ranked;
    }
    ranked.retain(|(i, _)| !lifted.contains(i));
    let start = FIRST.saturating_sub(lifted.len()).min(ranked.len());
    for (offset, index) in lifted.into_iter().enumerate() {
        let place = start + offset;
        let score = ranked
            .get(place)
            .or(ranked.last())
            .map_or(0.0, |(_, score)| *score);
        ranked.insert(place, (index, score));
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal::Catalogue;

    fn index(catalogue: &Catalogue, citation: &str) -> usize {
        catalogue
            .entries()
            .iter()
            .position(|e| e.citation() == citation)
            .unwrap()
    }

    fn ranked(catalogue: &Catalogue, citations: &[&str]) -> Vec<(usize, f32)> {
        citations
            .iter()
            .enumerate()
            .map(|(rank, c)| (index(catalogue, c), 1.0 / (rank as f32 + 1.0)))
            .collect()
    }

    fn lifted(catalogue: &Catalogue, statement: &str, citations: &[&str]) -> Vec<String> {
        let entries = catalogue.entries();
        let told_by: Vec<usize> = (0..entries.len())
            .filter(|&i| !entries[i].told_by.is_empty())
            .collect();
        let out = lift(entries, &told_by, statement, ranked(catalogue, citations));
        assert!(
            out.windows(2).all(|w| w[0].1 >= w[1].1),
            "scores stay in order: {out:?}"
        );
        out.iter().map(|(i, _)| entries[*i].citation()).collect()
    }

    #[test]
    fn a_threat_told_in_passing_takes_the_fifth_place_and_the_first_four_stay() {
        let catalogue = Catalogue::builtin();
        let theft = ["303(2)", "305(a)", "306", "314", "317(2)", "331(3)"];
        let out = lifted(
            catalogue,
            "he took my phone from the counter and while leaving said he will see me",
            &theft,
        );
        assert_eq!(out[..5], ["303(2)", "305(a)", "306", "314", "351(2)"]);
        assert_eq!(out[5..], ["317(2)", "331(3)"]);
        // A threat to kill is 351(3), not 351(2).
        let out = lifted(catalogue, "usne kaha jaan se maar dunga", &theft);
        assert_eq!(out[4], "351(3)");
        assert!(!out.contains(&"351(2)".to_owned()));
        // Nothing told, nothing moves.
        let quiet = lifted(catalogue, "he took my phone from the counter", &theft);
        assert_eq!(quiet, theft);
    }

    #[test]
    fn at_most_two_are_lifted_and_one_already_shown_is_left_where_it_is() {
        let catalogue = Catalogue::builtin();
        let statement = "उसने मुझे थप्पड़ मारा, गालियाँ दीं और कहा कि देख लूँगा";
        let out = lifted(
            catalogue,
            statement,
            &["303(2)", "305(a)", "306", "314", "317(2)", "331(3)"],
        );
        // Three are told (115(2), 351(2), 352); the first two in the catalogue's order
        // take the fourth and fifth places.
        assert_eq!(out[..5], ["303(2)", "305(a)", "306", "115(2)", "351(2)"]);
        assert_eq!(out.len(), 8);
        // One already among the first five stays where it is; the other two are lifted.
        let out = lifted(
            catalogue,
            statement,
            &["115(2)", "303(2)", "305(a)", "306", "314", "352"],
        );
        assert_eq!(out[..5], ["115(2)", "303(2)", "305(a)", "351(2)", "352"]);
        assert_eq!(out[5..], ["306", "314"]);
        // A short list gets them at its end.
        let out = lifted(catalogue, "he slapped me", &["74"]);
        assert_eq!(out, ["74", "115(2)"]);
    }

    #[test]
    fn a_blow_with_a_weapon_or_a_fracture_is_not_simple_hurt() {
        let catalogue = Catalogue::builtin();
        let theft = ["303(2)", "305(a)", "306", "314", "317(2)"];
        assert_eq!(
            lifted(catalogue, "he punched me twice", &theft)[4],
            "115(2)"
        );
        for graver in [
            "he hit me with a lathi",
            "usne danda se maara",
            "he punched me and my nose was fractured",
        ] {
            assert_eq!(lifted(catalogue, graver, &theft), theft, "{graver}");
        }
    }
}
