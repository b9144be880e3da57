//! Offences told in passing. A long statement about one offence often tells a second in
//! a clause ("…and while leaving he said *dekh lunga*"): the word and meaning rankings
//! give every place near the top to the main offence's siblings, and the threat, the
//! abuse or the slap falls below the fifth. An entry the statement tells by its elements
//! ([`super::Entry::told_by`], found by rule: [`super::Told`]) is lifted into the fourth
//! or fifth place when it is not already among the first five, and the entries it
//! displaces follow it. At most two are lifted, and never over the first three or over
//! a told entry already shown, so the first three (the principal offence and the
//! draft's class) are the rankings' own, with the principal first ([`super::principal`]).

use super::{Entry, Told};

/// The places the officer sees first: told entries are lifted into them.
pub(crate) const FIRST: usize = 5;

/// At most this many told entries are lifted, into the last places of [`FIRST`].
const LIFTED: usize = 2;

/// `ranked` (entry indices with fused scores, best first) with the entries of `told_by`
/// (indices of entries that have `told_by` elements) that `told` tells lifted into
/// the last places of the first five, the better ranked first. Each place keeps the
/// score it had, so scores stay in order; a lifted entry's score is its place's.
pub(super) fn lift(
    entries: &[Entry],
    told_by: &[usize],
    told: &Told,
    ranked: Vec<(usize, f32)>,
) -> Vec<(usize, f32)> {
    if told_by.is_empty() || ranked.is_empty() {
        return ranked;
    }
    let tells = |index: usize| entries.get(index).is_some_and(|e| e.told_in(told));
    let shown = ranked.len().min(FIRST);
    // Told entries not shown, best ranked first (one no ranking found, last).
    let mut lifted: Vec<usize> = told_by
        .iter()
        .copied()
        .filter(|i| !ranked[..shown].iter().any(|(r, _)| r == i) && tells(*i))
        .collect();
    if lifted.is_empty() {
        return ranked;
    }
    let place = |i: usize| {
        ranked
            .iter()
            .position(|(r, _)| *r == i)
            .unwrap_or(usize::MAX)
    };
    lifted.sort_by_key(|i| place(*i));
    // In a full list, the places taken: the last LIFTED of the first five that no told
    // entry holds, from the end; a short list takes the lifted after its end.
    let full = ranked.len() >= FIRST;
    let mut displaced: Vec<usize> = (FIRST - LIFTED..FIRST)
        .rev()
        .filter(|p| full && !tells(ranked[*p].0))
        .take(lifted.len())
        .collect();
    displaced.sort_unstable();
    lifted.truncate(if full { displaced.len() } else { LIFTED });
    if lifted.is_empty() {
        return ranked;
    }
    // The lifted were all below the first five, so the first five of the rest are
    // the first five of `ranked`.
    let rest: Vec<usize> = ranked
        .iter()
        .map(|(i, _)| *i)
        .filter(|i| !lifted.contains(i))
        .collect();
    let order: Vec<usize> = if full {
        let kept = (0..FIRST)
            .filter(|p| !displaced.contains(p))
            .map(|p| rest[p]);
        kept.chain(lifted)
            .chain(displaced.iter().map(|p| rest[*p]))
            .chain(rest[FIRST..].iter().copied())
            .collect()
    } else {
        rest.into_iter().chain(lifted).collect()
    };
    super::fusion::in_order(&ranked, order)
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
        let out = lift(
            entries,
            &told_by,
            &Told::new(statement),
            ranked(catalogue, citations),
        );
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
        // One already among the first five stays where it is; the other two are lifted,
        // the better ranked first.
        let out = lifted(
            catalogue,
            statement,
            &["115(2)", "303(2)", "305(a)", "306", "314", "352"],
        );
        assert_eq!(out[..5], ["115(2)", "303(2)", "305(a)", "352", "351(2)"]);
        assert_eq!(out[5..], ["306", "314"]);
        // A told entry already in the fourth place keeps it: one is lifted, into the
        // fifth.
        let out = lifted(
            catalogue,
            statement,
            &["303(2)", "305(a)", "306", "115(2)", "314", "352"],
        );
        assert_eq!(out[..5], ["303(2)", "305(a)", "306", "115(2)", "352"]);
        assert_eq!(out[5..], ["314"]);
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
        // Graver hurt is not simple hurt: the graver sibling is lifted where a blow is
        // told with the weapon or the fracture; a weapon without a blow tells neither.
        for (graver, sibling) in [
            ("he came with a lathi and stood at my door", None),
            ("usne danda se maara", Some("118(1)")),
            ("he punched me and my nose was fractured", Some("117(2)")),
        ] {
            let out = lifted(catalogue, graver, &theft);
            assert!(!out.iter().any(|s| s == "115(2)"), "{graver}: {out:?}");
            assert_eq!(out[..4], theft[..4], "{graver}");
            assert_eq!(
                out.get(4).map(String::as_str),
                sibling.or(Some("317(2)")),
                "{graver}"
            );
        }
    }
}
