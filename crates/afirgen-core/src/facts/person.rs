//! The complainant's self-introduction, in the forms Indian complaints use:
//! "My name is X, son of Y, aged N, resident of Z"; "I, X S/o Y, R/o Z"; "I am X W/o Y";
//! "मैं X पुत्र Y, उम्र N वर्ष, निवासी Z"; "मेरा नाम X है, मेरे पिता का नाम Y है";
//! "प्रार्थिनी X पत्नी Y"; "Mera naam X hai, main Y ka beta hoon, umar N saal"; and a
//! signature at the end ("Yours faithfully, X"). Token ranges are returned; the caller
//! cuts the values from the original text.

use super::address::{address_elsewhere, address_in};
use super::lexicon::{HONORIFICS, NAME_STOPS};
use super::numbers;
use super::text::{Kind, Token};
use std::ops::Range;

/// What the self-introduction says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Intro {
    /// The complainant's name.
    pub name: Option<Range<usize>>,
    /// Father's or husband's name.
    pub relative: Option<Range<usize>>,
    /// Age in years.
    pub age: Option<u32>,
    /// Where the complainant lives.
    pub address: Option<Range<usize>>,
    /// What the complainant does.
    pub occupation: Option<Range<usize>>,
    /// The tokens of the introduction (for telling the complainant's phone and age from
    /// other people's).
    pub window: Option<Range<usize>>,
}

/// Whether `word` (lower-cased) is a title before a name ("shri", "dr", "श्री").
pub fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word)
}

/// Whether `word` (lower-cased) ends a name.
pub fn is_stop(word: &str) -> bool {
    NAME_STOPS.contains(&word) || HONORIFICS.contains(&word)
}

/// Relation words after which a father's or husband's name follows.
pub(super) fn relation_at(tokens: &[Token], at: usize) -> Option<usize> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    // "S/o", "D/o", "W/o" (also "S/O", "s/o.")
    if matches!(word(at), "s" | "d" | "w") && word(at + 1) == "/" && word(at + 2) == "o" {
        return Some(if word(at + 3) == "." { at + 4 } else { at + 3 });
    }
    // "son of", "daughter of", "wife of"
    if matches!(word(at), "son" | "daughter" | "wife") && word(at + 1) == "of" {
        return Some(at + 2);
    }
    if matches!(
        word(at),
        "पुत्र"
            | "पुत्री"
            | "पत्नी"
            | "सुपुत्र"
            | "सुपुत्री"
            | "putra"
            | "putri"
            | "पुत्रवधू"
            | "विधवा"
    ) {
        return Some(at + 1);
    }
    if word(at) == "widow" && word(at + 1) == "of" {
        return Some(at + 2);
    }
    None
}

/// Collects a name starting at `at`: honorifics skipped, at most four words, stopping at
/// punctuation (an initial's period excepted) or a stop word. In text written with
/// capitals, a name's words are capitalised.
fn name_at(tokens: &[Token], at: usize, capitals: bool) -> Option<Range<usize>> {
    let mut i = at;
    while let Some(t) = tokens.get(i) {
        if t.is(HONORIFICS) {
            i += 1;
            if tokens.get(i).is_some_and(|t| t.text == ".") {
                i += 1;
            }
            // "Col. (Retd.) Ajay Singh"
            if tokens.get(i).is_some_and(|t| t.text == "(") {
                if let Some(close) = (i..(i + 5).min(tokens.len())).find(|&k| tokens[k].text == ")")
                {
                    i = close + 1;
                }
            }
        } else {
            break;
        }
    }
    let start = i;
    let mut words = 0;
    while let Some(t) = tokens.get(i) {
        let apostrophe = tokens.get(i + 1).is_some_and(|n| n.text == "'");
        if t.kind != Kind::Word
            || t.is(NAME_STOPS) && !(t.text.len() == 1 && (next_is_period(tokens, i) || apostrophe))
        {
            break;
        }
        let latin = t.text.is_ascii();
        if latin && capitals && !t.capitalised {
            break;
        }
        words += 1;
        i += 1;
        // "D'Souza", "O'Brien": an apostrophe between capitalised parts.
        if tokens.get(i).is_some_and(|t| t.text == "'")
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.kind == Kind::Word && t.capitalised && t.text != "s")
        {
            i += 2;
        }
        // An initial or a short form inside a name: "R. K. Sharma", "Mohd. Arif".
        if tokens.get(i).is_some_and(|d| d.abbreviation) {
            i += 1;
        }
        if words == 4 {
            break;
        }
    }
    // Trailing periods of an initial are not part of the span's end.
    let mut end = i;
    while end > start && tokens[end - 1].kind == Kind::Punct {
        end -= 1;
    }
    (words > 0 && end > start).then_some(start..end)
}

fn next_is_period(tokens: &[Token], at: usize) -> bool {
    tokens.get(at + 1).is_some_and(|t| t.text == ".")
}

/// Whether the text is written with capitals (English or romanised with names
/// capitalised), so that a lower-case word ends a name.
fn uses_capitals(tokens: &[Token]) -> bool {
    let latin: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.is_ascii())
        .collect();
    let capitalised = latin.iter().filter(|t| t.capitalised).count();
    !latin.is_empty() && capitalised * 12 >= latin.len()
}

/// Reads the self-introduction.
pub fn intro(tokens: &[Token]) -> Intro {
    let capitals = uses_capitals(tokens);
    let mut found = Intro::default();
    let Some((name, window_start, signed)) = find_name(tokens, capitals) else {
        found.relative = relative_elsewhere(tokens, capitals);
        found.age = age_elsewhere(tokens);
        found.address = address_elsewhere(tokens);
        return found;
    };
    // A signature block runs to the end, line after line; an introduction to the end of
    // its sentence.
    let window_end = if signed {
        tokens.len()
    } else {
        intro_end(tokens, name.end)
    };
    found.window = Some(window_start..window_end);
    // The relative: a relation after the name ("X, 24 yrs, S/o Y", "X, pita Sh. Y"),
    // "Y ka beta", or a later sentence ("my father's name is Y").
    found.relative = relative_after(tokens, name.end..window_end, capitals)
        .or_else(|| relative_by_ka(tokens, name.end..window_end, capitals))
        .or_else(|| relative_elsewhere(tokens, capitals));
    found.name = Some(name);
    found.age = age_in(tokens, window_start..window_end).or_else(|| age_elsewhere(tokens));
    found.address =
        address_in(tokens, window_start..window_end).or_else(|| address_elsewhere(tokens));
    found.occupation = occupation_in(tokens, window_start..window_end);
    found
}

/// Where the introduction ends: the end of its sentence.
fn intro_end(tokens: &[Token], from: usize) -> usize {
    let mut i = from;
    while i < tokens.len() {
        // A signature's details run on, line after line ("X\nपुत्र Y\nनिवासी Z").
        let detail_next = tokens[i].text == "\n" && introduces_at(tokens, i + 1);
        if tokens[i].ends_sentence() && !detail_next {
            return i + 1;
        }
        i += 1;
    }
    tokens.len()
}

/// "my son", "मेरी बेटी", "अपनी पुत्री", "mera bhai": from here on the text speaks of
/// someone else. ("My father's name is..." only names a relative.)
fn other_person_at(tokens: &[Token], at: usize) -> bool {
    let possessive = tokens[at].is(&[
        "my",
        "mera",
        "meri",
        "mere",
        "मेरा",
        "मेरी",
        "मेरे",
        "अपनी",
        "अपने",
        "apni",
        "apne",
        "his",
        "her",
        "उसका",
        "उसकी",
    ]);
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let dependant = tokens.get(at + 1).is_some_and(|t| {
        t.is(&[
            "son",
            "daughter",
            "wife",
            "brother",
            "sister",
            "friend",
            "neighbour",
            "beta",
            "beti",
            "bhai",
            "behen",
            "patni",
            "पुत्र",
            "पुत्री",
            "बेटा",
            "बेटी",
            "भाई",
            "बहन",
            "पत्नी",
        ])
    });
    let elder = tokens.get(at + 1).is_some_and(|t| {
        t.is(&[
            "husband",
            "father",
            "mother",
            "pati",
            "pita",
            "पति",
            "पिता",
            "माता",
        ])
    }) && !matches!(
        word(at + 2),
        "ka" | "का" | "name" | "naam" | "'" | "ki" | "की"
    );
    possessive && (dependant || elder)
}

/// The first relation in `within` after which a name follows, before the text turns
/// to someone else.
fn relative_after(tokens: &[Token], within: Range<usize>, capitals: bool) -> Option<Range<usize>> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    for k in within.start..within.end.min(tokens.len()) {
        if other_person_at(tokens, k) {
            return None;
        }
        let at = relation_at(tokens, k).or_else(|| {
            // "pita Sh. Y", "पिता का नाम Y", "father's name: Y", "पति श्री Y"
            if !matches!(
                word(k),
                "pita" | "पिता" | "father" | "father's" | "pati" | "पति" | "husband" | "husband's"
            ) {
                return None;
            }
            let mut at = k + 1;
            while matches!(
                word(at),
                "'" | "s" | "ka" | "का" | "name" | "naam" | "नाम" | "is" | ":" | "-"
            ) {
                at += 1;
            }
            Some(at)
        });
        if let Some(name) = at.and_then(|at| name_at(tokens, at, capitals)) {
            return Some(name);
        }
    }
    None
}

/// Finds the complainant's name, where the introduction starts, and whether it was a
/// signature.
fn find_name(tokens: &[Token], capitals: bool) -> Option<(Range<usize>, usize, bool)> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    for i in 0..tokens.len() {
        let candidate = match word(i) {
            // "My name is X", "name: X", "naam X hai", "मेरा नाम X है"
            "name" | "naam" | "नाम" => {
                let mut at = i + 1;
                while matches!(word(at), "is" | ":" | "-" | "hai") {
                    at += 1;
                }
                let before = word(i.wrapping_sub(1));
                let applicant = matches!(before, "का" | "ka" | "'s")
                    && matches!(
                        word(i.wrapping_sub(2)),
                        "प्रार्थी"
                            | "प्रार्थिनी"
                            | "शिकायतकर्ता"
                            | "prarthi"
                            | "applicant"
                            | "complainant"
                    );
                let opens = i == 0 || tokens[i - 1].ends_clause();
                let own = matches!(before, "my" | "mera" | "मेरा")
                    || opens
                    || applicant
                    || word(i + 1) == ":";
                let others = matches!(
                    before,
                    "father's" | "pita" | "पिता" | "pati" | "पति" | "husband's"
                ) || (i >= 2
                    && matches!(
                        word(i - 2),
                        "father" | "husband" | "pita" | "पिता" | "pati" | "पति"
                    ));
                if own && !others {
                    name_at(tokens, at, capitals)
                } else {
                    None
                }
            }
            // "I, X S/o Y", "I X S/o Y", "I am X, ...": details of a person must follow
            // (or, after "I am", a full name and a comma).
            "i" if tokens[i].capitalised => {
                let at = if word(i + 1) == "," { i + 2 } else { i + 1 };
                if matches!(word(at), "am") {
                    name_at(tokens, at + 1, capitals).filter(|n| {
                        introduces(tokens, n.end)
                            || (n.len() >= 2 && matches!(word(n.end), "," | "." | "and"))
                    })
                } else {
                    name_at(tokens, at, capitals).filter(|n| introduces(tokens, n.end))
                }
            }
            // "Statement of X S/o Y"
            "statement" if word(i + 1) == "of" => {
                name_at(tokens, i + 2, capitals).filter(|n| introduces(tokens, n.end))
            }
            // "main bol raha hoon X" / "मैं X बोल रहा हूं"
            "hoon" | "hun" if matches!(word(i.wrapping_sub(2)), "bol") => {
                name_at(tokens, i + 1, capitals)
            }
            "myself" => name_at(tokens, i + 1, capitals)
                .filter(|n| introduces(tokens, n.end) || word(n.end) == ","),
            // "Complaint of X S/o Y"
            "complaint" if word(i + 1) == "of" => {
                name_at(tokens, i + 2, capitals).filter(|n| introduces(tokens, n.end))
            }
            // "Complaint dene wala: X s/o Y"
            "wala" | "wali" | "वाला" | "वाली" if word(i + 1) == ":" => {
                name_at(tokens, i + 2, capitals).filter(|n| introduces(tokens, n.end))
            }
            // "मैं X", "Hum X s/o Y", "Complainant: X", "बयान X पत्नी Y"
            "मैं"
            | "main"
            | "mai"
            | "hum"
            | "हम"
            | "प्रार्थी"
            | "प्रार्थिनी"
            | "prarthi"
            | "prarthini"
            | "applicant"
            | "complainant"
            | "शिकायतकर्ता"
            | "बयान" => {
                let at = if matches!(word(i + 1), ":" | "-" | "\n") {
                    i + 2
                } else {
                    i + 1
                };
                name_at(tokens, at, capitals).filter(|n| introduces(tokens, n.end))
            }
            _ => None,
        };
        if let Some(name) = candidate {
            return Some((name, i, false));
        }
    }
    signature(tokens, capitals).map(|name| (name.clone(), name.start, true))
}

/// Whether a self-introduction's details follow a name: a relation, an age, a residence,
/// "ka beta", or the verb "hoon"/"हूं" closing "मैं X हूं" — at once, or after one short
/// detail between commas ("मैं X, सेवानिवृत्त शिक्षक, उम्र 66").
fn introduces(tokens: &[Token], at: usize) -> bool {
    if introduces_at(tokens, at) {
        return true;
    }
    if tokens.get(at).is_none_or(|t| t.text != ",") {
        return false;
    }
    (at + 2..(at + 6).min(tokens.len()))
        .find(|&k| tokens[k].kind != Kind::Word)
        .is_some_and(|k| tokens[k].text == "," && introduces_at(tokens, k))
}

fn introduces_at(tokens: &[Token], at: usize) -> bool {
    let mut k = at;
    while tokens
        .get(k)
        .is_some_and(|t| matches!(t.text.as_str(), "," | "-" | "(" | "\n"))
    {
        k += 1;
    }
    let age_next = tokens.get(k).is_some_and(|t| t.kind == Kind::Number)
        && tokens
            .get(k + 1)
            .is_some_and(|t| t.is(&["years", "yrs", "year", "yr", "saal", "sal", "वर्ष", "साल"]));
    age_next
        || relation_at(tokens, k).is_some()
        || tokens.get(k).is_some_and(|t| {
            t.is(&[
                "aged",
                "age",
                "resident",
                "residing",
                "living",
                "r",
                "उम्र",
                "आयु",
                "निवासी",
                "निवासिनी",
                "umar",
                "umr",
                "nivasi",
                "niwasi",
                "हूं",
                "hoon",
                "hun",
                "pita",
                "पिता",
            ])
        })
        || (tokens.get(k).is_some_and(|t| t.is(POSSESSIVE))
            && tokens.get(k + 1).is_some_and(|t| t.is(CHILD_OR_SPOUSE)))
}

/// "ka" / "का": the relative's name stands before it ("Suresh ka beta").
const POSSESSIVE: &[&str] = &["ka", "ki", "का", "की"];

/// The relation after "X ka …": son, daughter, wife, daughter-in-law.
const CHILD_OR_SPOUSE: &[&str] = &[
    "beta",
    "beti",
    "ladka",
    "ladki",
    "patni",
    "bahu",
    "पुत्र",
    "पुत्री",
    "पत्नी",
    "बेटा",
    "बेटी",
    "बहू",
];

/// "Yours faithfully, X" / "भवदीय X" / "प्रार्थी X" near the end.
fn signature(tokens: &[Token], capitals: bool) -> Option<Range<usize>> {
    let tail = tokens.len().saturating_sub(tokens.len() / 4 + 12);
    for i in tail..tokens.len() {
        let t = &tokens[i];
        let closing = t.is(&[
            "faithfully",
            "sincerely",
            "truly",
            "भवदीय",
            "भवदीया",
            "प्रार्थी",
            "प्रार्थिनी",
            "regards",
            "thanks",
        ]) && tokens.get(i + 1).is_some_and(|t| t.kind == Kind::Punct);
        // "... - Meenakshi Iyer, 9876501234"
        let dash =
            t.text == "-" && i + 8 >= tokens.len() && (i == 0 || tokens[i - 1].ends_sentence());
        if !(closing || dash) {
            continue;
        }
        let at = i + 1;
        let mut k = at;
        while tokens.get(k).is_some_and(|t| t.kind == Kind::Punct) {
            k += 1;
        }
        if let Some(name) = name_at(tokens, k, capitals) {
            return Some(name);
        }
    }
    None
}

/// "main Suresh ka beta hoon", "मैं सुरेश का पुत्र हूं": the relative stands before "ka".
fn relative_by_ka(tokens: &[Token], within: Range<usize>, capitals: bool) -> Option<Range<usize>> {
    for k in within.clone() {
        let is_ka = tokens[k].is(POSSESSIVE);
        let relation = tokens.get(k + 1).is_some_and(|t| t.is(CHILD_OR_SPOUSE));
        if is_ka && relation {
            // Walk back over the name's words.
            let mut start = k;
            while start > within.start
                && tokens[start - 1].kind == Kind::Word
                && !tokens[start - 1].is(NAME_STOPS)
                && k - start < 4
            {
                start -= 1;
            }
            if start < k {
                return name_at(tokens, start, capitals).filter(|n| n.end == k);
            }
        }
    }
    None
}

/// "My father's name is Y", "mere pita ka naam Y hai", "मेरे पति का नाम Y है", "my
/// husband Y", "mere pati Y".
fn relative_elsewhere(tokens: &[Token], capitals: bool) -> Option<Range<usize>> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    for i in 0..tokens.len() {
        let relation = matches!(
            word(i),
            "father" | "husband" | "pita" | "pati" | "पिता" | "पति" | "father's" | "husband's"
        );
        if !relation {
            continue;
        }
        // "father's name is Y" / "pita ka naam Y" / "father name: Y"
        let mut at = i + 1;
        while matches!(word(at), "'" | "s" | "ka" | "का" | "ji" | "जी") {
            at += 1;
        }
        if matches!(word(at), "name" | "naam" | "नाम") {
            at += 1;
            while matches!(word(at), "is" | ":" | "-") {
                at += 1;
            }
            if let Some(name) = name_at(tokens, at, capitals) {
                return Some(name);
            }
        }
        // "my husband Sunil", "mere pati Ramesh": a name right after.
        let own = i > 0 && matches!(word(i - 1), "my" | "mere" | "मेरे");
        if own && matches!(word(i), "husband" | "pati" | "पति") {
            let at = if word(i + 1) == "," { i + 2 } else { i + 1 };
            if let Some(name) = name_at(tokens, at, capitals) {
                if capitals && !tokens[name.start].capitalised {
                    continue;
                }
                return Some(name);
            }
        }
    }
    None
}

/// "aged 34", "age 34", "34 years old", "उम्र 34 वर्ष", "umar 34 saal", "34 वर्षीय".
fn age_in(tokens: &[Token], within: Range<usize>) -> Option<u32> {
    let end = within.end.min(tokens.len());
    for k in within.start..end {
        if other_person_at(tokens, k) {
            return None;
        }
        let t = &tokens[k];
        if t.is(&["aged", "age", "उम्र", "आयु", "umar", "umr", "umra", "ayu"]) {
            let mut at = k + 1;
            while tokens.get(at).is_some_and(|t| {
                t.is(&[
                    "about",
                    "approx",
                    "approximately",
                    "around",
                    "करीब",
                    "लगभग",
                    "lagbhag",
                    "karib",
                    "is",
                    "of",
                ]) || matches!(t.text.as_str(), ":" | "-" | "." | "~")
            }) {
                at += 1;
            }
            if let Some(age) = age_value(tokens, at) {
                return Some(age);
            }
        }
        if t.kind == Kind::Number {
            let next = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
            let years = matches!(
                next(k + 1),
                "years" | "year" | "yrs" | "yr" | "saal" | "sal" | "वर्ष" | "वर्षीय" | "साल"
            );
            let old = matches!(next(k + 2), "old" | "ka" | "ki" | "का" | "की" | "आयु");
            // ", 24 yrs," in an introduction
            let listed =
                k > 0 && tokens[k - 1].text == "," && matches!(next(k + 2), "," | "." | "");
            if years && (old || listed || next(k + 1) == "वर्षीय") {
                if let Some(age) = age_value(tokens, k) {
                    return Some(age);
                }
            }
        }
    }
    None
}

fn age_value(tokens: &[Token], at: usize) -> Option<u32> {
    let read = numbers::read(tokens, at)?;
    (!read.scaled && read.value.fract() == 0.0 && (1.0..=110.0).contains(&read.value))
        .then_some(read.value as u32)
}

/// "my age is 34", "meri umar 34 saal", "मेरी उम्र 34 वर्ष", "I am 34 years old",
/// "main 34 saal ka hoon", "मैं 34 वर्ष का हूं".
fn age_elsewhere(tokens: &[Token]) -> Option<u32> {
    for i in 1..tokens.len() {
        if tokens[i - 1].is(&["my", "meri", "मेरी"])
            && tokens[i].is(&["age", "umar", "umr", "उम्र", "आयु"])
        {
            if let Some(age) = age_in(tokens, i..(i + 6).min(tokens.len())) {
                return Some(age);
            }
        }
        let i_am = (tokens[i - 1].is(&["i"]) && tokens[i].is(&["am"]))
            || tokens[i - 1].is(&["main", "मैं"]) && tokens[i].kind == Kind::Number;
        if i_am {
            let from = if tokens[i].kind == Kind::Number {
                i
            } else {
                i + 1
            };
            if let Some(age) = age_in(tokens, from..(from + 4).min(tokens.len())) {
                return Some(age);
            }
        }
    }
    None
}

/// "a shopkeeper living at", "by profession a teacher", "पेशे से दुकानदार".
fn occupation_in(tokens: &[Token], within: Range<usize>) -> Option<Range<usize>> {
    let word = |i: usize| tokens.get(i).map_or("", |t| t.text.as_str());
    let end = within.end.min(tokens.len());
    for k in within.start..end {
        // ", a shopkeeper living at" / ", a teacher by profession"
        if word(k) == "," && matches!(word(k + 1), "a" | "an") {
            let start = k + 2;
            let mut i = start;
            while i < end
                && i - start < 3
                && tokens[i].kind == Kind::Word
                && !tokens[i].capitalised
                && !tokens[i].is(NAME_STOPS)
            {
                i += 1;
            }
            let follows = matches!(
                word(i),
                "living" | "residing" | "resident" | "by" | "," | "working"
            );
            if i > start && follows {
                return Some(start..i);
            }
        }
        // "by profession a teacher" / "occupation: driver" / "पेशे से दुकानदार"
        let at = match word(k) {
            "profession" if word(k.wrapping_sub(1)) == "by" => k + 1,
            "occupation" | "पेशा" | "व्यवसाय" => k + 1,
            "पेशे" if word(k + 1) == "से" => k + 2,
            _ => continue,
        };
        let mut start = at;
        while matches!(word(start), ":" | "-" | "a" | "an" | "is") {
            start += 1;
        }
        let mut i = start;
        while i < end && i - start < 3 && tokens[i].kind == Kind::Word && !tokens[i].is(NAME_STOPS)
        {
            i += 1;
        }
        if i > start {
            return Some(start..i);
        }
    }
    None
}
