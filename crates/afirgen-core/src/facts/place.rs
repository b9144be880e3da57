//! The place of occurrence as complaints put it: "near the Rajiv Chowk stop", "at the
//! Yamuna Vihar bus stop", "outside Sector 18 market", "near the canal bridge", "गांधी
//! चौक के पास", "दून अस्पताल की पार्किंग में", "Sector 15 market ke paas".

use super::lexicon::{BEFORE, NAME_ENDINGS, PLACE_NOUNS, STOP_BEFORE_PLACE};
use super::text::{Kind, Token};
use std::ops::Range;

fn is_place_noun(t: &Token) -> bool {
    t.is(PLACE_NOUNS)
        || (t.capitalised && t.text.len() > 5 && NAME_ENDINGS.iter().any(|e| t.text.ends_with(e)))
}

/// A place found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Tokens it spans.
    pub tokens: Range<usize>,
    /// Whether it is named ("Rajiv Chowk", "दून अस्पताल") rather than a bare kind of place
    /// ("the canal bridge", "chaupal").
    pub named: bool,
    /// Introduced by a word that locates ("at", "near", "outside", "के पास", "ke samne")
    /// rather than one that may not ("in", "on", "में", "me", "par").
    pub locative: bool,
}

/// Postpositions that close a place after it (Hindi and romanised).
fn after_at(tokens: &[Token], at: usize) -> Option<usize> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    match word(at) {
        "के" | "ke"
            if matches!(
                word(at + 1),
                "पास"
                    | "paas"
                    | "pas"
                    | "सामने"
                    | "samne"
                    | "saamne"
                    | "बाहर"
                    | "bahar"
                    | "andar"
                    | "अंदर"
                    | "नजदीक"
                    | "najdeek"
                    | "पीछे"
                    | "peeche"
            ) =>
        {
            Some(at + 2)
        }
        "में" | "mein" | "me" | "par" | "पर" | "pe" => Some(at + 1),
        _ => None,
    }
}

/// A run of words (and numbers) ending at `end` (exclusive), at most `max` long.
fn run_before(tokens: &[Token], end: usize, max: usize) -> usize {
    let mut start = end;
    while start > 0 && end - start < max {
        let t = &tokens[start - 1];
        // A conjunctive verb ("फाँदकर", "lekar") ends a place's name.
        let verb = t.text.ends_with("कर") || t.text.ends_with("kar");
        let fits =
            (t.kind == Kind::Word || t.kind == Kind::Number) && !t.is(STOP_BEFORE_PLACE) && !verb;
        if !fits {
            break;
        }
        start -= 1;
    }
    start
}

/// Candidate places, in order of appearance.
pub fn places(tokens: &[Token]) -> Vec<Place> {
    let mut out: Vec<Place> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // English: "near the Rajiv Chowk stop", "at Sector 18 market", "DLF Mall of India"
        if tokens[i].is(BEFORE) {
            let mut start = i + 1;
            while tokens
                .get(start)
                .is_some_and(|t| t.is(&["the", "a", "an", "main", "front", "of", "my", "our"]))
            {
                start += 1;
            }
            let mut end = start;
            let (mut named, mut noun) = (false, false);
            while end < tokens.len() && end - start < 7 {
                let t = &tokens[end];
                let name_like = t.kind == Kind::Word
                    && t.capitalised
                    && t.text.is_ascii()
                    && !super::when::names_a_day(&t.text);
                let number = t.kind == Kind::Number && end > start;
                // "Phase-1", "DLF Mall of India"
                let joiner = (t.text == "-"
                    && tokens.get(end + 1).is_some_and(|n| n.kind == Kind::Number))
                    || (t.is(&["of"])
                        && named
                        && tokens.get(end + 1).is_some_and(|n| n.capitalised));
                if !(name_like || number || is_place_noun(t) || joiner) {
                    break;
                }
                named |= (name_like && !t.is(PLACE_NOUNS)) || number;
                noun |= is_place_noun(t);
                end += 1;
            }
            let close_by = tokens[i].is(&[
                "near", "outside", "opposite", "at", "behind", "beside", "between",
            ]);
            // Named: "at Ballupur", "in Model Town". Unnamed only after "near"-like
            // words and with two words at least ("near the canal bridge", not "near the
            // stop"); "in the evening" or "at 9" never qualify.
            if end > start && named && (noun || close_by) {
                out.push(Place {
                    tokens: start..end,
                    named: true,
                    locative: close_by,
                });
                i = end;
                continue;
            }
            if end > start + 1 && noun && !named && close_by && tokens[end - 1].is(PLACE_NOUNS) {
                out.push(Place {
                    tokens: start..end,
                    named: false,
                    locative: close_by,
                });
                i = end;
                continue;
            }
        }
        // Hindi / romanised: "गांधी चौक के पास", "sadar bazaar mein", "दून अस्पताल की
        // पार्किंग में" (the place is the one the genitive names).
        if let Some(next) = after_at(tokens, i) {
            let locative = next == i + 2;
            let start = run_before(tokens, i, 4);
            let run = &tokens[start..i];
            let has_noun = run.iter().any(is_place_noun);
            let has_name = run
                .iter()
                .any(|t| t.kind == Kind::Number || (t.kind == Kind::Word && !is_place_noun(t)));
            if has_noun && has_name {
                out.push(Place {
                    tokens: start..i,
                    named: true,
                    locative,
                });
                i = next;
                continue;
            }
            if has_noun && start > 0 && tokens[start - 1].is(&["का", "की", "के", "ka", "ki", "ke"])
            {
                let owner = run_before(tokens, start - 1, 4);
                let named_owner = tokens[owner..start - 1].iter().any(is_place_noun)
                    && tokens[owner..start - 1].iter().any(|t| !is_place_noun(t));
                if named_owner {
                    out.push(Place {
                        tokens: owner..start - 1,
                        named: true,
                        locative,
                    });
                    i = next;
                    continue;
                }
            }
            if has_noun && run.len() == 1 {
                out.push(Place {
                    tokens: start..i,
                    named: false,
                    locative,
                });
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::text::{tokens, Folded};

    fn first_named(text: &str) -> Option<String> {
        let folded = Folded::new(text);
        let tokens = tokens(folded.text());
        places(&tokens).into_iter().find(|p| p.named).map(|p| {
            let span = tokens[p.tokens.start].span.start..tokens[p.tokens.end - 1].span.end;
            folded.original(span).to_owned()
        })
    }

    #[test]
    fn places_in_three_languages() {
        for (text, place) in [
            (
                "when the bus was crowded near the Rajiv Chowk stop, somebody",
                "Rajiv Chowk stop",
            ),
            (
                "I was standing at the Yamuna Vihar bus stop waiting",
                "Yamuna Vihar bus stop",
            ),
            ("outside Sector 18 market my bag", "Sector 18 market"),
            ("at the main gate of City Hospital", "City Hospital"),
            (
                "from the basement parking of DLF Mall of India, Sector 18",
                "DLF Mall of India",
            ),
            (
                "when I got down at Mayur Vihar Phase-1 metro station, he",
                "Mayur Vihar Phase-1 metro station",
            ),
            (
                "at my matrimonial home in Model Town, my husband",
                "Model Town",
            ),
            ("मैं गांधी चौक के पास खड़ा था", "गांधी चौक"),
            ("सदर बाजार में मेरी जेब", "सदर बाजार"),
            ("दून अस्पताल की पार्किंग में खड़ी की थी", "दून अस्पताल"),
            ("Lal Kuan market ke paas", "Lal Kuan market"),
            (
                "main mandir ja rahi thi Sector 15 market ke paas peeche se",
                "Sector 15 market",
            ),
            ("walking on MG Road towards", "MG Road"),
            ("between Rajiv Chowk and Kashmere Gate", "Rajiv Chowk"),
        ] {
            assert_eq!(first_named(text).as_deref(), Some(place), "{text}");
        }
    }

    #[test]
    fn not_places() {
        for text in [
            "in the evening",
            "at 9:15",
            "at home",
            "near the stop",
            "on Monday",
            "towards Ashram Chowk",
            "हमारी दीवार फाँदकर गली में भागते",
        ] {
            assert_eq!(first_named(text), None, "{text}");
        }
    }
}
