//! The rules: what a complaint states in regular forms, found without a model. Every
//! value is cut from the statement itself (names, places, addresses keep their script
//! and spelling) or computed from what it states (dates against the day of receipt).

use super::contact::{phones, vehicles, PhoneMention, VehicleMention};
use super::lexicon::{
    BAGS, COMPLAINING, DISCOVERY, HOME, ITEMS, LEFT_THERE, NOT_OCCURRENCE, NOT_PLACE_AFTER,
    REPORTING, SAID, SPEECH, STILL_THERE, TAKING, VEHICLES, ZIP,
};
use super::money::{amounts, property_total, sentence_index, Amount};
use super::people::{named, Role};
use super::person::intro;
use super::place::places;
use super::text::{tokens, Folded, Kind, Token};
use super::when::{dates, times, DateMention, TimeMention};
use crate::fir::PropertyFacts;
use chrono::{Duration, NaiveDateTime, Timelike};
use std::ops::Range;

/// What the rules found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleFacts {
    /// The complainant's name.
    pub name: Option<String>,
    /// Father's or husband's name.
    pub relative_name: Option<String>,
    /// Age in years.
    pub age: Option<u32>,
    /// Address.
    pub address: Option<String>,
    /// Occupation.
    pub occupation: Option<String>,
    /// The complainant's phone, as written.
    pub phone: Option<String>,
    /// Day of the occurrence, `YYYY-MM-DD`.
    pub date_from: Option<String>,
    /// Time of the occurrence, `HH:MM`.
    pub time_from: Option<String>,
    /// The time as the statement puts it.
    pub time_description: Option<String>,
    /// Where it happened.
    pub place: Option<String>,
    /// Named accused.
    pub accused: Vec<String>,
    /// Named witnesses.
    pub witnesses: Vec<String>,
    /// Property with values where stated.
    pub property: Vec<PropertyFacts>,
    /// The total value of the property.
    pub property_total: Option<u64>,
    /// Every amount of money the statement states (for checking a model's values).
    pub amounts: Vec<u64>,
    /// Every date the statement states, `YYYY-MM-DD`.
    pub dates: Vec<String>,
    /// Every time of day it states, `HH:MM`.
    pub times: Vec<String>,
    /// Every phone number it states (national digits).
    pub phones: Vec<String>,
    /// Every number written in it (digits), for the size check of amounts.
    pub largest_number: Option<f64>,
}

/// Reads the statement with the rules. `received` is when the station received it
/// (station time), against which "yesterday" and "last Saturday" are counted.
pub fn extract(statement: &str, received: NaiveDateTime) -> RuleFacts {
    let folded = Folded::new(statement);
    let tokens = tokens(folded.text());
    let cut = |range: &Range<usize>| -> Option<String> {
        if range.is_empty() {
            return None;
        }
        let span = tokens[range.start].span.start..tokens[range.end - 1].span.end;
        let text = folded
            .original(span)
            .trim_matches(|c: char| c == ',' || c == '.' || c.is_whitespace());
        (!text.is_empty()).then(|| text.to_owned())
    };
    let sentences = sentence_index(&tokens);
    let person = intro(&tokens);
    let capitals = tokens
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.is_ascii())
        .any(|t| t.capitalised);

    let found_dates = dates(&tokens, received);
    let found_times = times(&tokens);
    let (date, time) = occurrence(&tokens, &sentences, &found_dates, &found_times);
    let date_from = date.map(|d| {
        let mut day = d.date;
        if d.last_night && time.is_some_and(|t| t.time.hour() < 5) {
            day += Duration::days(1);
        }
        day.format("%Y-%m-%d").to_string()
    });

    let found_phones = phones(folded.text(), &tokens);
    let phone = complainant_phone(&tokens, &found_phones, person.window.as_ref())
        .map(|p| cut(&p.tokens).unwrap_or_else(|| p.digits.clone()));

    let found_amounts = amounts(&tokens);
    let people = named(
        &tokens,
        capitals,
        person.name.as_ref(),
        person.relative.as_ref(),
    );
    let address_text = person.address.as_ref().and_then(&cut);
    let place_spans: Vec<Range<usize>> = places(&tokens).into_iter().map(|p| p.tokens).collect();
    let names = |role: Role| -> Vec<String> {
        people
            .iter()
            .filter(|n| n.role == role)
            // Part of a place ("Batra cinema ke paas") is no person.
            .filter(|n| {
                !place_spans
                    .iter()
                    .any(|p| p.start < n.name.end && n.name.start < p.end)
            })
            .filter_map(|n| cut(&n.name))
            // A name that is part of the address is a place ("Shastri Nagar").
            .filter(|name| {
                !address_text
                    .as_deref()
                    .is_some_and(|a| super::ground::contains_words(a, name))
            })
            .collect()
    };
    let address = person.address.as_ref().and_then(&cut);
    let occurrence_sentences: Vec<usize> = time
        .map(|t| sentences[t.tokens.start])
        .into_iter()
        .chain(date.map(|d| sentences[d.tokens.start]))
        .collect();
    let named_place = occurrence_place(
        &tokens,
        &sentences,
        address.as_deref(),
        &occurrence_sentences,
        &cut,
    );
    let place = match (named_place, address.clone()) {
        // Broken into at home, or the occurrence's own sentence is at home: the place is
        // the complainant's address.
        (named, Some(home))
            if burgled(&tokens)
                || home_scene(&tokens, &sentences, &occurrence_sentences, named.as_ref()) =>
        {
            Some(home)
        }
        (named, _) => named.map(|(_, text)| text),
    };
    let largest_number = tokens
        .iter()
        .filter(|t| t.kind == Kind::Number)
        .filter_map(|t| super::numbers::digit_value(&t.text))
        .chain(found_amounts.iter().map(|a| a.rupees as f64))
        .fold(None, |max: Option<f64>, v| {
            Some(max.map_or(v, |m| m.max(v)))
        });
    RuleFacts {
        name: person.name.as_ref().and_then(&cut),
        relative_name: person.relative.as_ref().and_then(&cut),
        age: person.age,
        address,
        occupation: person.occupation.as_ref().and_then(&cut),
        phone,
        date_from,
        time_from: time.map(|t| t.time.format("%H:%M").to_string()),
        time_description: time.and_then(|t| cut(&t.described)),
        place,
        accused: names(Role::Accused),
        witnesses: names(Role::Witness),
        property: property_items(&tokens, &found_amounts, &vehicles(&tokens), &cut),
        property_total: property_total(&tokens, &found_amounts),
        amounts: found_amounts.iter().map(|a| a.rupees).collect(),
        dates: found_dates
            .iter()
            .map(|d| d.date.format("%Y-%m-%d").to_string())
            .collect(),
        times: found_times
            .iter()
            .map(|t| t.time.format("%H:%M").to_string())
            .collect(),
        phones: found_phones
            .iter()
            .map(|p| p.national().to_owned())
            .collect(),
        largest_number,
    }
}

/// A home broken into: "the lock of the main door broken", "घर का ताला टूटा", "tala tod
/// ke", with a home named somewhere.
fn burgled(tokens: &[Token]) -> bool {
    let lock_broken = tokens.iter().enumerate().any(|(i, t)| {
        t.is(&["lock", "locks", "ताला", "tala", "taala"])
            && tokens[i.saturating_sub(6)..(i + 7).min(tokens.len())]
                .iter()
                .any(|w| {
                    [
                        "broke",
                        "broken",
                        "टूट",
                        "तोड",
                        "toot",
                        "tod",
                        "cut",
                        "कटा",
                        "kata",
                    ]
                    .iter()
                    .any(|stem| w.text.starts_with(stem))
                })
    });
    lock_broken && tokens.iter().any(|t| t.is(HOME))
}

/// The occurrence's own sentence is at the complainant's home ("the kitchen window of my
/// house", "मेरे घर में", "mere kamre pe") and names no other place.
fn home_scene(
    tokens: &[Token],
    sentences: &[usize],
    occurrence: &[usize],
    named: Option<&(usize, String)>,
) -> bool {
    if named.is_some_and(|(sentence, _)| occurrence.contains(sentence)) {
        return false;
    }
    tokens.windows(2).zip(sentences).any(|(w, s)| {
        occurrence.contains(s)
            && w[0].is(&[
                "my",
                "our",
                "mere",
                "mera",
                "hamare",
                "hamara",
                "मेरे",
                "मेरा",
                "हमारे",
                "हमारा",
            ])
            && w[1].is(HOME)
    })
}

/// The place of occurrence (its sentence and text): a named place that is not the
/// complainant's address, preferring one in the occurrence's own sentence (or the next);
/// else a bare kind of place stated there.
fn occurrence_place(
    tokens: &[Token],
    sentences: &[usize],
    address: Option<&str>,
    occurrence: &[usize],
    cut: &dyn Fn(&Range<usize>) -> Option<String>,
) -> Option<(usize, String)> {
    let found: Vec<(usize, bool, bool, String)> = places(tokens)
        .into_iter()
        .filter(|p| {
            let s = sentences[p.tokens.start];
            // Where the complaint is being made, an account held at a bank, or a bare
            // "hospital" inside what a message said: none is the scene.
            let complaining =
                sentence_has(tokens, sentences, s, COMPLAINING) && !occurrence.contains(&s);
            let institution = tokens
                .get(p.tokens.end)
                .is_some_and(|t| t.is(NOT_PLACE_AFTER))
                || tokens[p.tokens.start.saturating_sub(3)..p.tokens.start]
                    .iter()
                    .any(|t| t.is(&["drawn"]));
            let hearsay = !p.named && reported_speech(tokens, sentences, p.tokens.start);
            !(complaining || institution || hearsay)
        })
        .filter_map(|p| {
            let text = cut(&p.tokens)?;
            let in_address = address.is_some_and(|a| super::ground::contains_words(a, &text));
            (!in_address).then(|| (sentences[p.tokens.start], p.named, p.locative, text))
        })
        .collect();
    let near = |s: usize| occurrence.contains(&s) || occurrence.contains(&s.saturating_sub(1));
    // Elsewhere in the statement, only a named place someone is "at" or "near" ("security
    // guard at Unity One Mall"); "drawn on Punjab National Bank" or "plot Sector 37 me
    // bechne" name places that are not the scene.
    found
        .iter()
        .find(|(s, named, _, _)| *named && near(*s))
        .or_else(|| {
            found
                .iter()
                .find(|(_, named, locative, _)| *named && *locative)
        })
        .or_else(|| found.iter().find(|(s, named, _, _)| !*named && near(*s)))
        .map(|(s, _, _, text)| (*s, text.clone()))
}

/// Whether sentence `s` has one of `words`.
fn sentence_has(tokens: &[Token], sentences: &[usize], s: usize, words: &[&str]) -> bool {
    tokens
        .iter()
        .zip(sentences)
        .any(|(t, &ts)| ts == s && t.is(words))
}

/// The occurrence's date and time: the first date not about a purchase, a marriage or a
/// birth and not after the day of receipt; the first time not about reporting.
fn occurrence<'a>(
    tokens: &[Token],
    sentences: &[usize],
    found_dates: &'a [DateMention],
    found_times: &'a [TimeMention],
) -> (Option<&'a DateMention>, Option<&'a TimeMention>) {
    let sentence_has =
        |at: usize, words: &[&str]| sentence_has(tokens, sentences, sentences[at], words);
    // Near the time (six tokens either side, in its sentence): finding out afterwards.
    let near = |range: &Range<usize>, check: &dyn Fn(&[Token]) -> bool| {
        let s = sentences[range.start];
        let from = (range.start.saturating_sub(6)..range.start)
            .find(|&k| sentences[k] == s)
            .unwrap_or(range.start);
        let to = (range.end..(range.end + 6).min(tokens.len()))
            .take_while(|&k| sentences[k] == s)
            .last()
            .map_or(range.end, |k| k + 1);
        check(&tokens[from..to])
    };
    let discovered = |window: &[Token]| {
        window.iter().any(|t| t.is(DISCOVERY))
            || window
                .windows(2)
                .any(|w| w[0].is(&["came", "come", "got", "reached"]) && w[1].is(&["back", "home"]))
    };
    let police = |window: &[Token]| {
        window
            .windows(2)
            .any(|w| w[0].is(&["police"]) && w[1].is(&["station", "chowki", "post"]))
    };
    let date = found_dates.iter().find(|d| {
        let at = d.tokens.start;
        // "cheque no. 4512 dated 10.10.2026": an instrument's date ("on dated" is the
        // occurrence, in the Indian way of writing).
        let instrument =
            at > 0 && tokens[at - 1].is(&["dated"]) && !(at > 1 && tokens[at - 2].is(&["on"]));
        let learned = sentence_has(at, &["know", "pata", "पता"])
            && sentence_has(at, &["came", "chala", "चला"]);
        !(sentence_has(at, NOT_OCCURRENCE) || instrument || learned)
    });
    let time = found_times.iter().find(|t| {
        let at = t.tokens.start;
        !sentence_has(at, REPORTING)
            && !sentence_has(at, NOT_OCCURRENCE)
            && !reported_speech(tokens, sentences, at)
            && !near(&t.tokens, &discovered)
            && !near(&t.tokens, &police)
    });
    (date, time)
}

/// Whether the token at `at` lies in what a message or a speaker said ("SMS aaya ki aaj
/// raat 9:30 baje ...", "मैसेज आया कि वह अस्पताल में है", "he said that ..."): a "ki /
/// कि / that / saying" earlier in its sentence with a speech word at most four words
/// before it.
fn reported_speech(tokens: &[Token], sentences: &[usize], at: usize) -> bool {
    let s = sentences[at];
    (0..at)
        .rev()
        .take_while(|&k| sentences[k] == s)
        .filter(|&k| tokens[k].is(SAID))
        .any(|k| {
            (k.saturating_sub(4)..k)
                .filter(|&j| sentences[j] == s)
                .any(|j| tokens[j].is(SPEECH))
        })
}

/// The complainant's own number: one introduced as theirs ("my mobile", "मेरा नंबर",
/// "Mob."), in the introduction or the signature; never one introduced as someone
/// else's ("the caller's number", "call came from", "उसका नंबर").
fn complainant_phone<'a>(
    tokens: &[Token],
    found: &'a [PhoneMention],
    intro: Option<&Range<usize>>,
) -> Option<&'a PhoneMention> {
    let score = |p: &PhoneMention| -> i32 {
        let mut from = p.tokens.start.saturating_sub(7);
        if let Some(end) = (from..p.tokens.start)
            .rev()
            .find(|&k| tokens[k].ends_sentence())
        {
            from = end + 1;
        }
        let before = &tokens[from..p.tokens.start];
        let own = before.iter().any(|t| {
            t.is(&[
                "my",
                "mera",
                "meri",
                "मेरा",
                "मेरी",
                "mob",
                "mobile",
                "contact",
                "संपर्क",
                "मो",
                "मोबाइल",
                "ph",
                "tel",
                "whatsapp",
            ])
        });
        let others = before.iter().any(|t| {
            t.is(&[
                "his",
                "her",
                "their",
                "uska",
                "uski",
                "unka",
                "unki",
                "उसका",
                "उसकी",
                "उनका",
                "उनके",
                "उसके",
                "उस",
                "us",
                "that",
                "व्यक्ति",
                "caller",
                "caller's",
                "from",
                "se",
                "से",
                "accused",
                "fraudster",
                "thug",
                "unknown",
                "anjaan",
                "अनजान",
                "अज्ञात",
                "stranger",
            ])
        });
        let in_intro =
            intro.is_some_and(|w| w.start <= p.tokens.start && p.tokens.end <= w.end + 4);
        let at_end = p.tokens.start + 25 >= tokens.len();
        i32::from(own) * 2 - i32::from(others) * 3 + i32::from(in_intro) + i32::from(at_end)
    };
    found
        .iter()
        .map(|p| (score(p), p))
        .filter(|(s, _)| *s >= 1)
        .max_by_key(|(s, p)| (*s, std::cmp::Reverse(p.tokens.start)))
        .map(|(_, p)| p)
}

/// Words that may stand before an item and belong to its description.
fn describes(t: &Token) -> bool {
    (t.kind == Kind::Word
        && t.capitalised
        && !t.is(&[
            "i", "my", "the", "a", "an", "on", "in", "his", "her", "when",
        ]))
        || t.is(&[
            "gold",
            "golden",
            "silver",
            "diamond",
            "black",
            "white",
            "red",
            "blue",
            "grey",
            "new",
            "sone",
            "chandi",
            "सोने",
            "चांदी",
            "की",
            "का",
            "ki",
            "ka",
            "mobile",
            "leather",
            "smart",
        ])
        || t.kind == Kind::Number && t.text.len() <= 3
}

/// Whether the item word at `i` is a bag's zip ("bag ki chain khuli thi", "पर्स की चेन"),
/// the way a pickpocketing is found out, not a gold chain taken.
fn bags_zip(tokens: &[Token], i: usize) -> bool {
    tokens[i].is(ZIP)
        && i >= 2
        && tokens[i - 1].is(&["ki", "की", "ka", "का", "ke", "के"])
        && tokens[i - 2].is(BAGS)
}

/// Where a statement says things it named were left untouched, and how many words
/// back it reaches: "baaki cheezein, wallet, chabi sab wahi pe tha" (the sentence), "my
/// bag was still there", "पर्स सही सलामत था" (the few words before it).
fn left_untouched(tokens: &[Token]) -> Vec<(usize, usize)> {
    let at = |k: usize, words: &[&str]| tokens.get(k).is_some_and(|t| t.is(words));
    (0..tokens.len())
        .filter_map(|k| {
            if at(k, &["sab", "सब"]) && at(k + 1, STILL_THERE) && at(k + 2, LEFT_THERE) {
                Some((k, usize::MAX))
            } else if at(k, &["still"]) && at(k + 1, &["there"])
                || at(k, &["सही"]) && at(k + 1, &["सलामत"])
                || at(k, &["सुरक्षित"]) && at(k + 1, &["था", "थे", "थी"])
            {
                Some((k, 4))
            } else {
                None
            }
        })
        .collect()
}

/// Items with the value stated for each, in order.
fn property_items(
    tokens: &[Token],
    found: &[Amount],
    registrations: &[VehicleMention],
    cut: &dyn Fn(&Range<usize>) -> Option<String>,
) -> Vec<PropertyFacts> {
    let sentences = sentence_index(tokens);
    let mut items: Vec<(Range<usize>, Option<u64>)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !tokens[i].is(ITEMS) || bags_zip(tokens, i) {
            i += 1;
            continue;
        }
        let mut start = i;
        while start > 0 && i - start < 3 && describes(&tokens[start - 1]) {
            start -= 1;
        }
        // "की"/"ka" cannot open a description.
        while start < i && tokens[start].is(&["की", "का", "ki", "ka"]) {
            start += 1;
        }
        let mut end = i + 1;
        // "mobile phone", "debit card", "gold chain set"
        while end < tokens.len() && end - i < 2 && tokens[end].is(ITEMS) {
            end += 1;
        }
        items.push((start..end, None));
        i = end;
    }
    // Things said to be left where they were are not the property taken.
    let left = left_untouched(tokens);
    items.retain(|(range, _)| {
        !left.iter().any(|&(k, reach)| {
            k >= range.end
                && k - range.end <= reach
                && sentences[k] == sentences[range.start]
                && !tokens[range.end..k].iter().any(|t| t.is(TAKING))
        })
    });
    pair_values(tokens, &sentences, found, &mut items);
    let mut out: Vec<PropertyFacts> = Vec::new();
    let mut heads: Vec<String> = Vec::new();
    for (range, value) in items {
        let head_word = tokens[range.end - 1].text.clone();
        // "the phone" said again later is the phone described before: its value joins it.
        if range.len() == 1 {
            if let Some(k) = heads.iter().position(|h| *h == head_word) {
                if out[k].value_inr.is_none() {
                    out[k].value_inr = value;
                }
                continue;
            }
        }
        let Some(mut description) = cut(&range) else {
            continue;
        };
        let head = &tokens[range.end - 1];
        if head.is(VEHICLES) {
            let registration = registrations
                .iter()
                .find(|r| sentences[r.tokens.start] == sentences[range.start])
                .and_then(|r| cut(&r.tokens));
            if let Some(registration) = registration.filter(|r| !description.contains(r.as_str())) {
                description = format!("{description} ({registration})");
            }
        }
        if let Some(same) = out
            .iter_mut()
            .find(|p| p.description.to_lowercase() == description.to_lowercase())
        {
            same.value_inr = same.value_inr.or(value);
            continue;
        }
        heads.push(head_word);
        out.push(PropertyFacts {
            description,
            value_inr: value,
        });
    }
    out
}

/// Gives each item the value it has now ([`super::money::values_now`]) stated nearest
/// it in its sentence, the nearest pairs first: "1,700 rupaye cash the, ek chandi ki payal, kareeb 1,500 ki" is cash 1,700
/// and the anklet 1,500, not the first amount to the first item named. Papers and
/// cards ([`super::is_document`]) take none: what is said beside them is another
/// item's.
fn pair_values(
    tokens: &[Token],
    sentences: &[usize],
    found: &[Amount],
    items: &mut [(Range<usize>, Option<u64>)],
) {
    let gap = |item: &Range<usize>, amount: &Range<usize>| {
        if amount.start >= item.end {
            amount.start - item.end
        } else {
            item.start.saturating_sub(amount.end)
        }
    };
    // Papers and cards take no value: what is said beside them is another item's.
    let document = |range: &Range<usize>| super::is_document(&tokens[range.end - 1].text);
    let now = super::money::values_now(tokens, found);
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for &k in &now {
        let amount = &found[k];
        for (n, (range, _)) in items.iter().enumerate() {
            if sentences[range.start] == amount.sentence && !document(range) {
                pairs.push((gap(range, &amount.tokens), n, k));
            }
        }
    }
    // Nearest first; at equal distance, the earlier item and amount.
    pairs.sort_unstable();
    let mut used = vec![false; found.len()];
    for (_, n, k) in pairs {
        if !used[k] && items[n].1.is_none() {
            used[k] = true;
            items[n].1 = Some(found[k].rupees);
        }
    }
    // A worth said in a sentence that names no item ("आज के हिसाब से उसकी कीमत 4,000
    // होगी") is the one item's left without one (named once or again: "मोटर ...
    // मोटर"), when one item and one such value are left; not money itself taken ("TV
    // chori hua. Almari se 10,000 rupaye bhi gaye").
    let head = |range: &Range<usize>| tokens[range.end - 1].text.to_lowercase();
    let unvalued: Vec<usize> = (0..items.len())
        .filter(|&n| items[n].1.is_none() && !document(&items[n].0))
        .collect();
    let one_item = unvalued.first().filter(|&&n| {
        unvalued
            .iter()
            .all(|&m| head(&items[m].0) == head(&items[n].0))
    });
    let names_item = |sentence: usize| {
        items
            .iter()
            .any(|(range, _)| sentences[range.start] == sentence)
    };
    let unused: Vec<&Amount> = now
        .iter()
        .filter(|&&k| !used[k])
        .map(|&k| &found[k])
        .filter(|a| !names_item(a.sentence) && super::money::states_worth(tokens, a))
        .collect();
    if let (Some(&n), [amount]) = (one_item, unused.as_slice()) {
        items[n].1 = Some(amount.rupees);
    }
}

impl RuleFacts {
    /// The rules' findings in the shape of the model's facts (no summary).
    pub fn as_facts(&self) -> crate::fir::Facts {
        use crate::fir::{AccusedFacts, Facts, IncidentFacts, PersonFacts};
        Facts {
            complainant: PersonFacts {
                name: self.name.clone(),
                relative_name: self.relative_name.clone(),
                age: self.age,
                occupation: self.occupation.clone(),
                address: self.address.clone(),
                phone: self.phone.clone(),
            },
            incident: IncidentFacts {
                date_from: self.date_from.clone(),
                date_to: None,
                time_from: self.time_from.clone(),
                time_to: None,
                time_description: self.time_description.clone(),
                place: self.place.clone(),
            },
            accused: self
                .accused
                .iter()
                .map(|name| AccusedFacts {
                    name: Some(name.clone()),
                    ..AccusedFacts::default()
                })
                .collect(),
            witnesses: self
                .witnesses
                .iter()
                .map(|name| PersonFacts {
                    name: Some(name.clone()),
                    ..PersonFacts::default()
                })
                .collect(),
            property: self.property.clone(),
            delay_reason: None,
            summary: String::new(),
        }
    }
}
