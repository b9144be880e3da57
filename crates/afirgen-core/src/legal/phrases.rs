//! A third word ranking: the entries whose keyword phrases the statement holds whole.
//! BM25 over a long statement lets its main offence take every place (a theft's words
//! are many); a second offence told in one clause ("and said he would kill me", "jaan
//! se maar dunga") is a keyword phrase the statement holds word for word, and this
//! ranking gives it a vote of its own, whatever the statement's length.
//!
//! A phrase counts by how few entries' tellings (keywords and examples) hold it: "jaan
//! se maar" is told of a few offences, "पकड़" (grabbed) of many, and a phrase told of
//! more than a tenth of the entries ([`SHARED_BY_AT_MOST`]) says nothing about which
//! applies. The tenth was chosen on the development files among 6, 12, 25 and 40 of
//! the 250 built-in entries (docs/legal-accuracy.md, 2026-12-06).

use super::words::{phrase_words, runs};
use super::{Entry, WordTokenizer};
use std::collections::{HashMap, HashSet};

/// Phrases told of more than this share of the entries do not vote.
const SHARED_BY_AT_MOST: f32 = 0.1;

/// Each entry's keyword phrases with their weights.
#[derive(Debug)]
pub(super) struct Phrases {
    by_entry: Vec<Vec<(Vec<String>, f32)>>,
    longest: usize,
}

impl Phrases {
    /// The phrases of `entries`, in catalogue order.
    pub(super) fn new(entries: &[Entry]) -> Phrases {
        // A keyword of stop words alone ("le gaya") is no phrase.
        let keywords: Vec<Vec<Vec<String>>> = entries
            .iter()
            .map(|entry| {
                let mut phrases: Vec<Vec<String>> = entry
                    .keywords
                    .iter()
                    .filter(|k| !WordTokenizer::words(k).is_empty())
                    .map(|k| phrase_words(k))
                    .collect();
                phrases.sort();
                phrases.dedup();
                phrases
            })
            .collect();
        let all: HashSet<&[String]> = keywords.iter().flatten().map(Vec::as_slice).collect();
        let longest = all.iter().map(|p| p.len()).max().unwrap_or(0);
        // Which entries tell each phrase, in a keyword or an example.
        let mut told: HashMap<&[String], HashSet<usize>> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            for text in entry.keywords.iter().chain(&entry.examples) {
                let words = phrase_words(text);
                for run in runs(&words, longest) {
                    if let Some(phrase) = all.get(run) {
                        told.entry(phrase).or_default().insert(index);
                    }
                }
            }
        }
        let count = entries.len().max(1) as f32;
        let most = (count * SHARED_BY_AT_MOST).ceil().max(1.0) as usize;
        let by_entry = keywords
            .iter()
            .map(|phrases| {
                phrases
                    .iter()
                    .filter_map(|phrase| {
                        let shared = told.get(phrase.as_slice()).map_or(1, HashSet::len);
                        (shared <= most).then(|| (phrase.clone(), (count / shared as f32).ln()))
                    })
                    .collect()
            })
            .collect();
        Phrases { by_entry, longest }
    }

    /// Entry indices whose keyword phrases the statement holds, best first (the weights
    /// of the phrases found, summed); equal scores in catalogue order.
    pub(super) fn ranking(&self, query: &str, depth: usize) -> Vec<usize> {
        let words = phrase_words(query);
        let held: HashSet<&[String]> = runs(&words, self.longest).collect();
        let mut scored: Vec<(usize, f32)> = self
            .by_entry
            .iter()
            .enumerate()
            .filter_map(|(index, phrases)| {
                let score: f32 = phrases
                    .iter()
                    .filter(|(phrase, _)| held.contains(phrase.as_slice()))
                    .map(|(_, weight)| weight)
                    .sum();
                (score > 0.0).then_some((index, score))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.into_iter().take(depth).map(|(i, _)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Catalogue;
    use super::*;

    fn sections(phrases: &Phrases, query: &str) -> Vec<String> {
        let entries = Catalogue::builtin().entries();
        phrases
            .ranking(query, 5)
            .into_iter()
            .map(|i| entries[i].citation())
            .collect()
    }

    #[test]
    fn a_threat_told_in_one_clause_is_found_beside_the_theft() {
        let phrases = Phrases::new(Catalogue::builtin().entries());
        // Keyword phrases, held whole, in any of the three ways of writing.
        for threat in [
            "he took my phone and said jaan se maar dunga",
            "उसने मेरा फोन ले लिया और बोला जान से मार दूंगा",
        ] {
            let found = sections(&phrases, threat);
            assert!(
                found.iter().any(|s| s.starts_with("351(")),
                "{threat}: {found:?}"
            );
        }
        // A keyword of stop words alone ("nahi to", 351(2)'s "or else") is no phrase,
        // and words apart are not the phrase.
        assert!(sections(&phrases, "nahi to").is_empty());
        assert!(!sections(&phrases, "jaan bachakar bhaga, maar khayi")
            .iter()
            .any(|s| s.starts_with("351(")));
    }
}
