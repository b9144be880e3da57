//! Other people the statement names, and what they did: an accused ("my neighbour
//! Jaswant Kohli came out and started abusing me", "I suspect my ex-fiancé Faizan Ahmed",
//! "भूरा सिंह और उसके भाई कल्लू ने मुझे मारा", "a boy named Karan has been following me") or
//! a witness ("my wife Harleen Kaur saw the incident", "Ritu Singh was with me", "गाँव के
//! रामवीर ने छुड़ाया"). A name is found by how the statement introduces it (a relation or
//! a role before it, "named", "one", "उसका नाम", the subject before "ने", a capitalised
//! name); its role by what follows it up to the next person. A person the statement only
//! mentions (a doctor, an advocate, a relative who was called) is neither.

use super::lexicon::{
    ACCUSED_CUES, INTRODUCERS, NAME_SECOND_WORDS, NOT_NAMES, NOT_PERSON_WORDS, WITNESS_CUES,
};
use super::text::{Kind, Token};
use std::ops::Range;

/// What a named person did, by the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Committed or is suspected of the offence.
    Accused,
    /// Saw or heard it.
    Witness,
}

/// A named person with a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Tokens of the name (its longest mention).
    pub name: Range<usize>,
    /// The role.
    pub role: Role,
}

fn cue_in(word: &str, cues: &[&str]) -> bool {
    cues.iter()
        .any(|c| word == *c || (c.chars().count() >= 4 && word.starts_with(c)))
}

/// Whether `word` (folded, lower-cased) says someone committed an offence.
pub fn is_accused_cue(word: &str) -> bool {
    cue_in(word, ACCUSED_CUES)
}

/// Whether `word` says someone saw, heard or stepped in.
pub fn is_witness_cue(word: &str) -> bool {
    cue_in(word, WITNESS_CUES)
}

/// One mention of a person.
#[derive(Debug, Clone)]
struct Mention {
    name: Range<usize>,
    /// A role the words before it give ("accused X", "I suspect X", "against X").
    label: Option<Role>,
}

fn word_at(tokens: &[Token], i: usize) -> &str {
    tokens.get(i).map_or("", |t| t.text.as_str())
}

/// Whether `t` can be part of a person's name.
fn name_word(t: &Token, capitals: bool) -> bool {
    t.kind == Kind::Word
        && !t.is(NOT_NAMES)
        && !super::person::is_stop(&t.text)
        && !t.is(INTRODUCERS)
        && !super::when::names_a_day(&t.text)
        && if t.text.is_ascii() {
            t.capitalised || !capitals
        } else {
            !t.text.ends_with("कर")
        }
}

/// A name starting at `at`: honorifics skipped, at most three words; all-capital
/// acronyms ("SBI", "DDU") and runs with organisation or place words are not persons.
fn name_at(tokens: &[Token], at: usize, capitals: bool) -> Option<Range<usize>> {
    let mut start = at;
    while tokens
        .get(start)
        .is_some_and(|t| super::person::is_honorific(&t.text))
    {
        start += 1;
        while tokens
            .get(start)
            .is_some_and(|t| t.abbreviation || t.text == ".")
        {
            start += 1;
        }
    }
    let mut end = start;
    while end < tokens.len() && end - start < 3 && name_word(&tokens[end], capitals) {
        // In Devanagari, a second word must be a family name ("कमला शर्मा").
        let devanagari = !tokens[end].text.is_ascii();
        if end > start && devanagari && !tokens[end].is(NAME_SECOND_WORDS) {
            break;
        }
        end += 1;
        while tokens.get(end).is_some_and(|t| t.abbreviation) {
            end += 1;
        }
    }
    while end > start && tokens[end - 1].kind == Kind::Punct {
        end -= 1;
    }
    if end == start {
        return None;
    }
    let run = &tokens[start..end];
    let organisation = tokens.get(end).is_some_and(|t| t.is(NOT_PERSON_WORDS))
        || run.iter().any(|t| t.is(NOT_PERSON_WORDS));
    // "SBI", "LED TV", "DLF": acronyms name things, not people.
    let acronym = run.iter().all(|t| t.upper);
    (!organisation && !acronym).then_some(start..end)
}

fn sentence_end(tokens: &[Token], from: usize) -> usize {
    (from..tokens.len())
        .find(|&k| tokens[k].ends_sentence())
        .unwrap_or(tokens.len())
}

/// Every mention of a person, in order.
fn mentions(tokens: &[Token], capitals: bool) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let push = |name: Range<usize>, label: Option<Role>, out: &mut Vec<Mention>| {
        if !out
            .iter()
            .any(|m| m.name.start < name.end && name.start < m.name.end)
        {
            out.push(Mention { name, label });
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let w = word_at(tokens, i);
        let label = match w {
            "accused" | "आरोपी" | "मुलजिम" | "mulzim" | "aaropi" | "suspect" | "against" => {
                Some(Role::Accused)
            }
            "witness" | "witnesses" | "गवाह" | "gawah" | "eyewitness" => {
                Some(Role::Witness)
            }
            "presence" if word_at(tokens, i + 1) == "of" => Some(Role::Witness),
            _ => None,
        };
        // After a label, a relation or a role ("I suspect my ex-fiancé X", "one X",
        // "a boy named X", "मेरी पड़ोसन X"), or "his name is X" / "उसका नाम X".
        let introduced = label.is_some()
            || tokens[i].is(INTRODUCERS)
            || (w == "one" && tokens.get(i + 1).is_some_and(|t| t.capitalised))
            || (matches!(w, "name" | "naam" | "नाम")
                && matches!(
                    word_at(tokens, i.wrapping_sub(1)),
                    "his" | "her" | "uska" | "uski" | "उसका" | "उसकी" | "अपना" | "apna"
                ));
        if introduced {
            let mut at = i + 1;
            while matches!(
                word_at(tokens, at),
                "of" | "is"
                    | "was"
                    | ":"
                    | "-"
                    | ","
                    | "named"
                    | "name"
                    | "the"
                    | "that"
                    | "a"
                    | "my"
                    | "our"
                    | "his"
                    | "her"
                    | "ex"
                    | "former"
                    | "domestic"
                    | "help"
                    | "other"
                    | "by"
                    | "in"
            ) || tokens.get(at).is_some_and(|t| t.is(INTRODUCERS))
            {
                at += 1;
            }
            // "I suspect that a boy named X": the suspicion labels the name that follows.
            let label = label.or_else(|| {
                (i.saturating_sub(6)..i)
                    .take_while(|&k| !tokens[k].ends_sentence())
                    .any(|k| tokens[k].is(&["suspect", "against"]))
                    .then_some(Role::Accused)
            });
            let label =
                label.or_else(|| matches!(w, "name" | "naam" | "नाम").then_some(Role::Accused));
            // "I called my brother X": someone who came afterwards, not a witness.
            let sent_for = (i.saturating_sub(3)..i).any(|k| {
                tokens[k].is(&["called", "informed", "phoned", "bulaya", "बुलाया", "rang"])
            });
            if let Some(name) = name_at(tokens, at, capitals) {
                let end = name.end;
                if !sent_for {
                    push(name, label, &mut out);
                }
                i = end;
                continue;
            }
        }
        // "X naam ka", "Pappu naam ka aadmi": the name stands before.
        if matches!(w, "naam" | "नाम")
            && matches!(word_at(tokens, i + 1), "ka" | "का" | "ki" | "की")
            && i > 0
        {
            let mut start = i;
            while start > 0 && i - start < 2 && name_word(&tokens[start - 1], capitals) {
                start -= 1;
            }
            if start < i {
                push(start..i, None, &mut out);
            }
        }
        // "I recognised him as X"
        if w == "as"
            && matches!(word_at(tokens, i.wrapping_sub(1)), "him" | "her")
            && matches!(
                word_at(tokens, i.wrapping_sub(2)),
                "recognised" | "recognized" | "identified"
            )
        {
            if let Some(name) = name_at(tokens, i + 1, capitals) {
                let end = name.end;
                push(name, Some(Role::Accused), &mut out);
                i = end;
                continue;
            }
        }
        // The subjects before "ने"/"ne": "भूरा सिंह और उसके भाई कल्लू ने", "Mukesh ne".
        if matches!(w, "ने" | "ne") && i > 0 {
            let mut k = i;
            let mut names: Vec<Range<usize>> = Vec::new();
            loop {
                // "रामवीर और प्रधान जी ने": a title with "जी" is nobody's name.
                if k >= 2 && tokens[k - 1].is(&["जी", "ji"]) {
                    k -= 2;
                    while k > 0 && tokens[k - 1].is(&["और", "aur", "and", ","]) {
                        k -= 1;
                    }
                }
                let mut start = k;
                while start > 0 && k - start < 3 && name_word(&tokens[start - 1], capitals) {
                    // "भूरा सिंह ने": walk back over a family name only.
                    let devanagari = !tokens[start - 1].text.is_ascii();
                    if start < k && devanagari && !tokens[start].is(NAME_SECOND_WORDS) {
                        break;
                    }
                    start -= 1;
                }
                if start == k {
                    break;
                }
                names.push(start..k);
                // Over "और उसके भाई" / "aur uski biwi" / ", " to an earlier name.
                let mut j = start;
                while j > 0
                    && (tokens[j - 1].is(&[
                        "और",
                        "aur",
                        "and",
                        "उसके",
                        "उसकी",
                        "uska",
                        "uski",
                        "uske",
                        "his",
                        "her",
                        ",",
                    ]) || tokens[j - 1].is(INTRODUCERS))
                {
                    j -= 1;
                }
                if j == start || j == 0 {
                    break;
                }
                k = j;
            }
            for name in names.into_iter().rev() {
                push(name, None, &mut out);
            }
        }
        // A capitalised name in text written with capitals, not opening a sentence
        // (unless written so elsewhere too).
        if capitals
            && tokens[i].capitalised
            && tokens[i].text.is_ascii()
            && tokens[i].kind == Kind::Word
        {
            let starts = i == 0 || !(tokens[i - 1].capitalised && tokens[i - 1].kind == Kind::Word);
            if starts {
                if let Some(name) = name_at(tokens, i, capitals) {
                    let opens = i == 0 || tokens[i - 1].ends_sentence();
                    let seen_inside = tokens.iter().enumerate().any(|(k, t)| {
                        t.text == tokens[i].text && k > 0 && !tokens[k - 1].ends_sentence()
                    });
                    // Objects ("from X", "to X"), places ("in Noida") and things ("a red
                    // Pulsar", "the Innova") are not actors.
                    let object = matches!(
                        word_at(tokens, i.wrapping_sub(1)),
                        "from"
                            | "to"
                            | "called"
                            | "with"
                            | "in"
                            | "at"
                            | "near"
                            | "towards"
                            | "of"
                            | "on"
                            | "a"
                            | "an"
                            | "the"
                            | "red"
                            | "black"
                            | "white"
                            | "grey"
                            | "blue"
                            | "green"
                            | "silver"
                            | "ek"
                            | "apni"
                            | "meri"
                            | "mera"
                    );
                    if (!opens || seen_inside || name.len() >= 2) && !object {
                        let end = name.end;
                        push(name, None, &mut out);
                        i = end;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
    out.sort_by_key(|m| m.name.start);
    out
}

/// The role the words after a group of mentions give, up to the next person or the
/// sentence's end: a witness's words ("saw", "with me", "देखा") first, then an accused's.
fn role_after(tokens: &[Token], from: usize, to: usize) -> Option<Role> {
    let scope = &tokens[from..to.max(from)];
    let with_me = scope.windows(2).any(|w| {
        (w[0].is(&["with"]) && w[1].is(&["me", "us"]))
            || (w[0].is(&["mere", "मेरे", "hamare", "हमारे"])
                && w[1].is(&["saath", "साथ", "saamne", "सामने"]))
            || (w[0].is(&["ke", "के"]) && w[1].is(&["saamne", "सामने"]))
    });
    if with_me
        || scope
            .iter()
            .any(|t| t.kind == Kind::Word && is_witness_cue(&t.text))
    {
        return Some(Role::Witness);
    }
    scope
        .iter()
        .any(|t| t.kind == Kind::Word && is_accused_cue(&t.text))
        .then_some(Role::Accused)
}

/// Named people with a role, in order of appearance. The complainant is never listed;
/// their father or husband (named as such in the introduction) only as an accused.
pub fn named(
    tokens: &[Token],
    capitals: bool,
    complainant: Option<&Range<usize>>,
    relative: Option<&Range<usize>>,
) -> Vec<Named> {
    let found = mentions(tokens, capitals);
    let text = |r: &Range<usize>| {
        tokens[r.clone()]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let complainant_text = complainant.map(&text);
    let relative_text = relative.map(&text);
    let mut people: Vec<(Range<usize>, Option<Role>)> = Vec::new();
    let mut g = 0;
    while g < found.len() {
        // A group: mentions joined only by "and", commas, possessives and relations
        // ("my husband X, my mother-in-law Y and my sister-in-law Z have been...").
        let mut h = g + 1;
        while h < found.len() {
            let between = &tokens[found[h - 1].name.end..found[h].name.start];
            let joined = between.iter().all(|t| {
                t.is(&[
                    "and",
                    "aur",
                    "और",
                    "his",
                    "her",
                    "their",
                    "my",
                    "our",
                    "uska",
                    "uski",
                    "uske",
                    "उसके",
                    "उसकी",
                    "also",
                    "alias",
                    "urf",
                    "उर्फ",
                    "mr",
                    "mrs",
                    "sh",
                    "shri",
                    "श्री",
                    "in",
                    "mother",
                    "father",
                ]) || t.is(INTRODUCERS)
                    || matches!(t.text.as_str(), "," | "-" | ".")
            }) && between.len() <= 8;
            if !joined {
                break;
            }
            h += 1;
        }
        let group_end = found[h - 1].name.end;
        let next = found.get(h).map_or(tokens.len(), |m| m.name.start);
        let stop = next.min(sentence_end(tokens, group_end));
        let role = role_after(tokens, group_end, stop);
        for mention in &found[g..h] {
            people.push((mention.name.clone(), mention.label.or(role)));
        }
        g = h;
    }
    // One person, several mentions ("Mukesh Jatav ... Mukesh ne"): the longest name; an
    // accused if any mention makes them one, else a witness if any does.
    let mut persons: Vec<(Range<usize>, Option<Role>)> = Vec::new();
    for (name, role) in people {
        let this = text(&name);
        if complainant_text
            .as_deref()
            .is_some_and(|c| c == this || c.split(' ').any(|w| w == this))
        {
            continue;
        }
        let same = persons.iter().position(|(n, _)| {
            let other = text(n);
            other == this
                || other.starts_with(&format!("{this} "))
                || this.starts_with(&format!("{other} "))
        });
        match same {
            Some(k) => {
                if this.len() > text(&persons[k].0).len() {
                    persons[k].0 = name;
                }
                persons[k].1 = match (persons[k].1, role) {
                    (Some(Role::Accused), _) | (_, Some(Role::Accused)) => Some(Role::Accused),
                    (Some(Role::Witness), _) | (_, Some(Role::Witness)) => Some(Role::Witness),
                    _ => None,
                };
            }
            None => persons.push((name, role)),
        }
    }
    persons
        .into_iter()
        .filter(|(name, role)| {
            let is_relative = relative_text.as_deref().is_some_and(|r| {
                let this = text(name);
                r == this
                    || r.starts_with(&format!("{this} "))
                    || this.starts_with(&format!("{r} "))
            });
            !(is_relative && *role == Some(Role::Witness))
        })
        .filter_map(|(name, role)| role.map(|role| Named { name, role }))
        .collect()
}
