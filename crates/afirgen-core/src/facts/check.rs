//! Consistency checks on the assembled facts. Each removes what cannot be right and says
//! why, for the officer: the complainant is not their own accused or witness; a relative
//! is not the person; an amount is not larger than every number the statement holds; a
//! time of day agrees with the statement's morning/evening/night; the occurrence is not
//! after the information was received; lists hold no repeats.

use super::ground::same;
use super::text::words;
use crate::fir::{Facts, FieldNote};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};

fn note(field: &str, message: String, alternative: Option<String>) -> FieldNote {
    FieldNote {
        field: field.to_owned(),
        message,
        alternative,
    }
}

/// The complainant is not an accused or a witness (the statement would have to say so in
/// so many words, and then the officer adds them).
pub fn complainant_is_not_accused_or_witness(facts: &mut Facts, notes: &mut Vec<FieldNote>) {
    let Some(name) = facts.complainant.name.clone() else {
        return;
    };
    let before = facts.accused.len();
    facts
        .accused
        .retain(|a| !a.name.as_deref().is_some_and(|n| same(n, &name)));
    if facts.accused.len() < before {
        notes.push(note(
            "accused",
            format!("{name} is the complainant and was removed from the accused"),
            Some(name.clone()),
        ));
    }
    let before = facts.witnesses.len();
    facts
        .witnesses
        .retain(|w| !w.name.as_deref().is_some_and(|n| same(n, &name)));
    if facts.witnesses.len() < before {
        notes.push(note(
            "witnesses",
            format!("{name} is the complainant and was removed from the witnesses"),
            Some(name),
        ));
    }
}

/// A father's or husband's name is not the complainant's own.
pub fn relative_differs(facts: &mut Facts, notes: &mut Vec<FieldNote>) {
    let person = &mut facts.complainant;
    if let (Some(name), Some(relative)) = (&person.name, &person.relative_name) {
        if same(name, relative) {
            notes.push(note(
                "complainant.relative_name",
                format!("the father's or husband's name read the same as the complainant's ({relative}); left for the officer"),
                Some(relative.clone()),
            ));
            person.relative_name = None;
        }
    }
}

/// No amount is larger than every number the statement holds (a model that turns
/// "18,000" into 1,80,00,00,000), but the total may be the items' values added up
/// ("purse 200, cash 1,850": ₹2,050, stated nowhere).
pub fn amounts_within_statement(
    facts: &mut Facts,
    total: &mut Option<u64>,
    largest: Option<f64>,
    notes: &mut Vec<FieldNote>,
) {
    let limit = largest.unwrap_or(0.0);
    for (i, item) in facts.property.iter_mut().enumerate() {
        if let Some(value) = item.value_inr.filter(|v| *v as f64 > limit) {
            notes.push(note(
                &format!("properties.{i}.value_inr"),
                format!(
                    "Rs {value} is more than any amount the statement gives; left for the officer"
                ),
                Some(value.to_string()),
            ));
            item.value_inr = None;
        }
    }
    let items = super::sum_of_values(facts);
    if let Some(value) = total.filter(|v| *v as f64 > limit && Some(*v) != items) {
        notes.push(note(
            "total_property_value_inr",
            format!("Rs {value} is more than any amount the statement gives; left for the officer"),
            Some(value.to_string()),
        ));
        *total = None;
    }
}

/// The hours a period word covers.
fn covers(word: &str, hour: u32) -> Option<bool> {
    match word {
        "am" => return Some(hour < 12),
        "pm" => return Some(hour >= 12),
        _ => {}
    }
    let period = super::when::period(word)?;
    use super::when::Period;
    Some(match period {
        Period::Morning => (3..12).contains(&hour),
        Period::Afternoon => (11..17).contains(&hour),
        Period::Evening => (15..22).contains(&hour),
        Period::Night => !(6..18).contains(&hour),
    })
}

/// A time of day agrees with the statement's words for the time of day: "9:15 in the
/// morning" is not 21:15. When the statement names periods and the time fits none of
/// them, the time is left for the officer.
pub fn time_agrees_with_period(facts: &mut Facts, statement: &str, notes: &mut Vec<FieldNote>) {
    let Some(time) = facts.incident.time_from.clone() else {
        return;
    };
    let Ok(parsed) = NaiveTime::parse_from_str(&time, "%H:%M") else {
        return;
    };
    let folded = super::text::Folded::new(statement);
    let tokens = super::text::tokens(folded.text());
    // "am"/"pm" count only after a number ("I am" is no time of day).
    let fits: Vec<bool> = tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| {
            !t.is(&["am", "pm"]) || (*i > 0 && tokens[i - 1].kind == super::text::Kind::Number)
        })
        .filter_map(|(_, t)| covers(&t.text, parsed.hour()))
        .collect();
    if !fits.is_empty() && !fits.iter().any(|f| *f) {
        notes.push(note(
            "occurrence.time_from",
            format!(
                "{time} does not fit the time of day the statement gives; left for the officer"
            ),
            Some(time),
        ));
        facts.incident.time_from = None;
    }
}

/// The occurrence is not after the information was received.
pub fn occurrence_not_after_receipt(
    facts: &mut Facts,
    received: NaiveDateTime,
    notes: &mut Vec<FieldNote>,
) {
    let incident = &mut facts.incident;
    let Some(date) = incident
        .date_from
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return;
    };
    if date > received.date() {
        notes.push(note(
            "occurrence.date_from",
            format!(
                "{date} is after the information was received ({}); left for the officer",
                received.date()
            ),
            Some(date.to_string()),
        ));
        incident.date_from = None;
        incident.date_to = None;
        return;
    }
    if date == received.date() {
        let later = incident
            .time_from
            .as_deref()
            .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
            .is_some_and(|t| t > received.time());
        if later {
            let time = incident.time_from.take().unwrap_or_default();
            notes.push(note(
                "occurrence.time_from",
                format!("{time} today is after the information was received; left for the officer"),
                Some(time),
            ));
        }
    }
    let to = incident
        .date_to
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    if to.is_some_and(|to| to < date || to > received.date()) {
        incident.date_to = None;
    }
}

/// No person or item twice.
pub fn no_repeats(facts: &mut Facts, notes: &mut Vec<FieldNote>) {
    fn dedupe<T>(items: &mut Vec<T>, key: impl Fn(&T) -> Option<String>) -> usize {
        let before = items.len();
        let mut seen: Vec<String> = Vec::new();
        items.retain(|item| match key(item) {
            Some(k) if seen.contains(&k) => false,
            Some(k) => {
                seen.push(k);
                true
            }
            None => true,
        });
        before - items.len()
    }
    let key = |s: &Option<String>| s.as_deref().map(|n| words(n).join(" "));
    let repeats = [
        (
            "accused",
            dedupe(&mut facts.accused, |a| {
                key(&a.name).or_else(|| key(&a.description))
            }),
        ),
        ("witnesses", dedupe(&mut facts.witnesses, |w| key(&w.name))),
        (
            "properties",
            dedupe(&mut facts.property, |p| {
                Some(words(&p.description).join(" "))
            }),
        ),
    ];
    for (field, removed) in repeats {
        if removed > 0 {
            notes.push(note(
                field,
                format!("{removed} repeated entries removed"),
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fir::{AccusedFacts, PersonFacts, PropertyFacts};

    use crate::facts::tests::received;

    fn ramesh() -> Facts {
        let mut facts = Facts::default();
        facts.complainant.name = Some("Ramesh Kumar".into());
        facts
    }

    #[test]
    fn the_complainant_is_removed_from_accused_and_witnesses() {
        let mut facts = ramesh();
        facts.accused = vec![
            AccusedFacts {
                name: Some("Shri Ramesh Kumar".into()),
                ..AccusedFacts::default()
            },
            AccusedFacts {
                name: Some("Sonu".into()),
                ..AccusedFacts::default()
            },
        ];
        facts.witnesses = vec![PersonFacts {
            name: Some("ramesh kumar".into()),
            ..PersonFacts::default()
        }];
        let mut notes = Vec::new();
        complainant_is_not_accused_or_witness(&mut facts, &mut notes);
        assert_eq!(facts.accused.len(), 1);
        assert_eq!(facts.accused[0].name.as_deref(), Some("Sonu"));
        assert!(facts.witnesses.is_empty());
        assert_eq!(notes.len(), 2);
    }

    #[test]
    fn a_relative_with_the_complainants_name_is_dropped() {
        let mut facts = ramesh();
        facts.complainant.relative_name = Some("Ramesh  Kumar".into());
        let mut notes = Vec::new();
        relative_differs(&mut facts, &mut notes);
        assert!(facts.complainant.relative_name.is_none());
        assert_eq!(notes[0].field, "complainant.relative_name");
        facts.complainant.relative_name = Some("Suresh Kumar".into());
        relative_differs(&mut facts, &mut notes);
        assert_eq!(
            facts.complainant.relative_name.as_deref(),
            Some("Suresh Kumar")
        );
    }

    #[test]
    fn an_amount_larger_than_the_statement_is_dropped() {
        let mut facts = Facts {
            property: vec![PropertyFacts {
                description: "phone".into(),
                value_inr: Some(1_800_000_000),
            }],
            ..Facts::default()
        };
        let mut total = Some(1_800_000_000);
        let mut notes = Vec::new();
        amounts_within_statement(&mut facts, &mut total, Some(18_000.0), &mut notes);
        assert_eq!((facts.property[0].value_inr, total), (None, None));
        assert_eq!(notes.len(), 2);
        facts.property[0].value_inr = Some(18_000);
        let mut total = Some(18_000);
        amounts_within_statement(&mut facts, &mut total, Some(18_000.0), &mut notes);
        assert_eq!(total, Some(18_000));
        // The items' values added up is no invention; more than that is.
        facts.property.push(PropertyFacts {
            description: "cash".into(),
            value_inr: Some(1_850),
        });
        let mut total = Some(19_850);
        amounts_within_statement(&mut facts, &mut total, Some(18_000.0), &mut notes);
        assert_eq!(total, Some(19_850));
        let mut total = Some(19_851);
        amounts_within_statement(&mut facts, &mut total, Some(18_000.0), &mut notes);
        assert_eq!(total, None);
    }

    #[test]
    fn a_time_against_the_statements_time_of_day_is_dropped() {
        let mut facts = Facts::default();
        facts.incident.time_from = Some("21:15".into());
        let mut notes = Vec::new();
        time_agrees_with_period(&mut facts, "at about 9:15 in the morning", &mut notes);
        assert!(facts.incident.time_from.is_none());
        facts.incident.time_from = Some("02:00".into());
        time_agrees_with_period(&mut facts, "रात करीब 2 बजे", &mut notes);
        assert_eq!(facts.incident.time_from.as_deref(), Some("02:00"));
        facts.incident.time_from = Some("19:00".into());
        time_agrees_with_period(&mut facts, "I am sure it was at 7 pm", &mut notes);
        assert_eq!(facts.incident.time_from.as_deref(), Some("19:00"));
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn an_occurrence_after_receipt_is_dropped() {
        let mut facts = Facts::default();
        facts.incident.date_from = Some("2026-11-25".into());
        let mut notes = Vec::new();
        occurrence_not_after_receipt(&mut facts, received(), &mut notes);
        assert!(facts.incident.date_from.is_none());
        facts.incident.date_from = Some("2026-11-24".into());
        facts.incident.time_from = Some("23:00".into());
        occurrence_not_after_receipt(&mut facts, received(), &mut notes);
        assert_eq!(facts.incident.date_from.as_deref(), Some("2026-11-24"));
        assert!(facts.incident.time_from.is_none());
        facts.incident.date_from = Some("2026-11-20".into());
        facts.incident.date_to = Some("2026-11-19".into());
        occurrence_not_after_receipt(&mut facts, received(), &mut notes);
        assert!(facts.incident.date_to.is_none());
        assert_eq!(notes.len(), 2);
    }

    #[test]
    fn repeats_are_removed() {
        let mut facts = Facts::default();
        let sonu = AccusedFacts {
            name: Some("Sonu".into()),
            ..AccusedFacts::default()
        };
        facts.accused = vec![sonu.clone(), sonu, AccusedFacts::default()];
        facts.property = vec![
            PropertyFacts {
                description: "Phone".into(),
                value_inr: None,
            },
            PropertyFacts {
                description: "phone".into(),
                value_inr: Some(5),
            },
        ];
        let mut notes = Vec::new();
        no_repeats(&mut facts, &mut notes);
        assert_eq!((facts.accused.len(), facts.property.len()), (2, 1));
        assert_eq!(notes.len(), 2);
    }
}
