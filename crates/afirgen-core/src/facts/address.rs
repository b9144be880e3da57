//! The complainant's address as introductions and signatures give it: "resident of Z",
//! "R/o Z", "living at Z", "residing at my parents' house at Z", "निवासी Z", "पता- Z",
//! "X में रहता हूं", "X ka rehne wala hoon", and unlabelled parts of an introduction
//! ("ghar Gopalpura", "House No. 1456, Sector 44-B", ", A-73, Shastri Nagar").

use super::lexicon::{ADDRESS_STOPS, ADDRESS_WORDS};
use super::person::{is_stop, relation_at};
use super::text::{Kind, Token};
use std::ops::Range;

/// "resident of Z", "R/o Z", "living at Z", "निवासी Z", "पता: Z" within the introduction.
pub(super) fn address_in(tokens: &[Token], within: Range<usize>) -> Option<Range<usize>> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let end = within.end.min(tokens.len());
    for k in within.start..end {
        let start = match word(k) {
            "resident" | "residing" | "living" | "staying" | "live" | "lives" => {
                let mut at = k + 1;
                while matches!(word(at), "of" | "at" | "in" | ":" | "-") {
                    at += 1;
                }
                // "residing at my parents' house at 17/3, Ashok Vihar"
                if matches!(word(at), "my" | "our" | "the") {
                    match (at..(at + 6).min(end)).find(|&i| matches!(word(i), "at" | "in")) {
                        Some(i) => i + 1,
                        None => continue,
                    }
                } else {
                    at
                }
            }
            "r" if word(k + 1) == "/" && word(k + 2) == "o" => {
                if word(k + 3) == "." {
                    k + 4
                } else {
                    k + 3
                }
            }
            // "पता: X", "मेरा पता X" — not "पता चला" (came to know)
            "पता" | "address"
                if matches!(word(k + 1), ":" | "-" | "is")
                    || matches!(word(k.wrapping_sub(1)), "मेरा" | "my" | "का") =>
            {
                let mut at = k + 1;
                while matches!(word(at), ":" | "-" | "is" | "of") {
                    at += 1;
                }
                at
            }
            "निवासी" | "निवासिनी" | "nivasi" | "niwasi" => {
                let mut at = k + 1;
                while matches!(word(at), ":" | "-" | "is" | "of") {
                    at += 1;
                }
                at
            }
            "नि" if word(k + 1) == "." => k + 2,
            // In an introduction or a signature, an address may go unlabelled:
            // "ghar Gopalpura", "House No. 1456, Sector 44-B", "ग्राम व पोस्ट हरिहरपुर",
            // "Flat 7C, Nilgiri Apartments", ", A-73, Shastri Nagar".
            "ghar" | "घर" if within.len() < tokens.len() || k > 0 => k + 1,
            "house"
            | "makaan"
            | "makan"
            | "मकान"
            | "flat"
            | "h"
            | "ग्राम"
            | "गांव"
            | "village"
            | "vill"
            | "मोहल्ला"
            | "mohalla"
            | "plot"
                if opens_part(tokens, k) =>
            {
                k
            }
            _ if opens_part(tokens, k) && house_number_at(tokens, k) => k,
            _ => continue,
        };
        if let Some(span) = address_from(tokens, start) {
            return Some(span);
        }
    }
    // "X में रहता हूं", "X ka rehne wala hoon", "hum log X me rehte hain": the place
    // stands before the verb, and the verb is the complainant's own (हूं, hoon, hain).
    for k in within.start..end {
        let own = |from: usize| {
            (from..(from + 4).min(tokens.len()))
                .any(|i| tokens[i].is(&["हूं", "हू", "hoon", "hun", "hu", "hain", "हैं"]))
        };
        let lives = (tokens[k].is(&["में", "mein", "me"])
            && tokens.get(k + 1).is_some_and(|t| {
                t.is(&[
                    "रहता",
                    "रहती",
                    "रहते",
                    "rehta",
                    "rehti",
                    "rahta",
                    "rahti",
                    "rehte",
                    "rahte",
                ])
            })
            && own(k + 2))
            || (tokens[k].is(&["का", "की", "ka", "ki"])
                && tokens.get(k + 1).is_some_and(|t| {
                    t.is(&["निवासी", "rehne", "रहने", "niwasi", "nivasi", "रहनेवाला"])
                })
                && own(k + 2));
        if lives {
            let mut start = k;
            while start > within.start
                && !tokens[start - 1].ends_sentence()
                && !tokens[start - 1].is(&[
                    "मैं",
                    "main",
                    "i",
                    "hoon",
                    "हूं",
                    "और",
                    "aur",
                    "hum",
                    "हम",
                    "log",
                    "लोग",
                ])
                && k - start < 14
            {
                start -= 1;
            }
            while start < k && tokens[start].kind == Kind::Punct {
                start += 1;
            }
            if start < k {
                return Some(start..k);
            }
        }
    }
    None
}

/// Whether `tokens[at]` opens a comma-separated part: after a comma, a line break, or a
/// dash/colon label.
fn opens_part(tokens: &[Token], at: usize) -> bool {
    at == 0 || matches!(tokens[at - 1].text.as_str(), "," | "\n" | "-" | ":")
}

/// A house number: "A-73", "17/3", "112/45", "C-3/24", "45", "7C".
fn house_number_at(tokens: &[Token], at: usize) -> bool {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let t = &tokens[at];
    let next_is_place = |i: usize| {
        tokens.get(i).is_some_and(|n| n.text == ",")
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.kind == Kind::Word && (n.capitalised || !n.text.is_ascii()))
    };
    match t.kind {
        // "17/3, Ashok Vihar", "112/45 Gwaltoli"
        Kind::Number
            if word(at + 1) == "/"
                && tokens.get(at + 2).is_some_and(|n| n.kind == Kind::Number) =>
        {
            true
        }
        // "A-73, Shastri Nagar"
        Kind::Word if t.text.chars().count() <= 2 && t.text.is_ascii() && word(at + 1) == "-" => {
            tokens.get(at + 2).is_some_and(|n| n.kind == Kind::Number)
        }
        Kind::Number => {
            next_is_place(at + 1)
                && !tokens
                    .get(at + 1)
                    .is_some_and(|n| n.is(&["years", "yrs", "saal", "वर्ष", "साल"]))
        }
        _ => false,
    }
}

/// An address running from `start`: across commas while the next part still looks like
/// an address, at most 14 tokens.
fn address_from(tokens: &[Token], start: usize) -> Option<Range<usize>> {
    let mut i = start;
    let mut end = start;
    while i < tokens.len() && i - start < 14 {
        let t = &tokens[i];
        if t.ends_sentence() {
            break;
        }
        if t.is(ADDRESS_STOPS) || relation_at(tokens, i).is_some() {
            break;
        }
        if t.text == "," {
            // Go on only into another address part: a number or an address word soon, or
            // a short run of capitalised names closed by a comma or the sentence's end
            // ("12 Gandhi Nagar, Meerut.").
            let part: Vec<usize> = (i + 1..(i + 5).min(tokens.len()))
                .take_while(|&k| tokens[k].text != "," && !tokens[k].ends_sentence())
                .collect();
            let marked = part
                .iter()
                .any(|&k| tokens[k].kind == Kind::Number || tokens[k].is(ADDRESS_WORDS));
            // A part closes at a comma, the sentence's end, or "X me rehta hoon" / "X का".
            let closer = |n: &Token| {
                n.text == ","
                    || n.ends_sentence()
                    || n.is(&["me", "mein", "में", "ka", "ki", "का", "की"])
            };
            let part: Vec<usize> = match part.iter().position(|&k| closer(&tokens[k])) {
                Some(p) => part[..p].to_vec(),
                None => part,
            };
            let closed = part
                .last()
                .is_some_and(|&k| tokens.get(k + 1).is_none_or(closer));
            // Names of places: capitalised Latin words, or words of an Indic script.
            let named = !part.is_empty()
                && closed
                && part.iter().all(|&k| {
                    let t = &tokens[k];
                    t.kind == Kind::Word
                        && (t.capitalised || !t.text.is_ascii())
                        && !t.is(ADDRESS_STOPS)
                        && !is_stop(&t.text)
                });
            if !(marked || named) {
                break;
            }
        } else if t.kind != Kind::Punct {
            end = i + 1;
        }
        i += 1;
    }
    (end > start).then_some(start..end)
}

/// "I live at Z", "मेरा पता Z", "address: Z" anywhere in the text.
pub(super) fn address_elsewhere(tokens: &[Token]) -> Option<Range<usize>> {
    address_in(tokens, 0..tokens.len())
}
