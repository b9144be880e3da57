//! Facts grounded in the statement. The rules read what complaints state in regular
//! forms (the self-introduction, dates, times, amounts, phones); the model may add what
//! the rules cannot, but every value it returns must be found in the statement, and the
//! assembled facts pass consistency checks. Each value records where it came from; what
//! was left out, and why, is noted for the officer.
//!
//! A model is a witness, not a judge: its values never overrule the rules, and a value
//! it cannot show in the statement never reaches the draft.

pub mod check;
pub mod eval;
pub mod ground;
pub mod rules;

mod address;
mod contact;
#[rustfmt::skip]
mod lexicon;
mod money;
pub(crate) mod numbers;
mod people;
mod person;
mod place;
pub(crate) mod text;
mod when;

#[cfg(test)]
mod tests;

use crate::config::ModelValues;
use crate::fir::{AccusedFacts, Facts, FieldNote, PersonFacts, PropertyFacts, Source};
use chrono::NaiveDateTime;
use ground::{looks_like_name, same, Statement};
use rules::RuleFacts;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Whether a property is papers or a card by its head word, the description's last
/// ("Aadhaar card", "mera PAN card", "आधार कार्ड", "documents"): they have no value of
/// their own, so a theft's value is known without theirs. A description whose head is
/// something else ("purse with Aadhaar card", "certificates and gold coins", "licence
/// wali pistol") is not.
pub fn is_document(description: &str) -> bool {
    description
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation() || c == '।'))
        .rfind(|w| !w.is_empty())
        .is_some_and(|head| lexicon::DOCUMENTS.contains(&head.to_lowercase().as_str()))
}

/// The extract step's output: the facts the draft is built from, where each came from,
/// and what the officer should look at.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// The grounded, checked facts.
    pub facts: Facts,
    /// Item 10, the total value of the property: the total the statement states, else
    /// the items' known values added up; what decides a conditional row
    /// ([`Extracted::deciding_value`]).
    #[serde(default)]
    pub property_total: Option<u64>,
    /// Where each value came from, by draft path (`complainant.name`).
    #[serde(default)]
    pub sources: BTreeMap<String, Source>,
    /// What was left out or disagrees, and why.
    #[serde(default)]
    pub notes: Vec<FieldNote>,
    /// What the model returned, as it returned it (for review and evaluation).
    #[serde(default)]
    pub model: Option<Facts>,
}

impl Extracted {
    /// Reads a stored extract output: this type, or the bare model facts that drafts
    /// made before grounding stored.
    pub fn from_stored(value: serde_json::Value) -> Result<Extracted, serde_json::Error> {
        match serde_json::from_value::<Extracted>(value.clone()) {
            Ok(mut extracted) => {
                extracted.restore_summed_total();
                Ok(extracted)
            }
            Err(err) => match serde_json::from_value::<Facts>(value) {
                Ok(facts) => Ok(Extracted {
                    // Item 10 as `combine` makes it without a stated total.
                    property_total: sum_of_values(&facts),
                    facts,
                    ..Extracted::default()
                }),
                Err(_) => Err(err),
            },
        }
    }

    /// Before 2026-12-07 the amounts check removed a total that was the items' values
    /// added up (stated nowhere) and the draft added it back; stored that way, it is
    /// put back here, so a case drafted again keeps its item 10 and its class.
    fn restore_summed_total(&mut self) {
        if self.property_total.is_some() {
            return;
        }
        let sum = sum_of_values(&self.facts);
        let removed = self.notes.iter().any(|n| {
            n.field == "total_property_value_inr"
                && n.alternative.as_deref().and_then(|a| a.parse().ok()) == sum
        });
        if removed {
            self.property_total = sum;
        }
    }

    /// The property value that decides a conditional Schedule row (theft under
    /// ₹5,000): item 10's total, when every item's value is known
    /// ([`crate::legal::deciding_value`]). The draft, the legal step and `kb eval` all
    /// read it from here, so they cannot disagree on one statement.
    pub fn deciding_value(&self) -> Option<u64> {
        crate::legal::deciding_value(
            self.facts
                .property
                .iter()
                .map(|p| (p.description.as_str(), p.value_inr)),
            self.property_total,
        )
    }
}

/// The sum of the items' known values; None (not ₹0) when no value is known.
fn sum_of_values(facts: &Facts) -> Option<u64> {
    let mut values = facts.property.iter().filter_map(|p| p.value_inr).peekable();
    values.peek()?;
    Some(values.fold(0, u64::saturating_add))
}

/// What a model said about one field, and how it fares against the statement.
struct Merge<'a> {
    statement: &'a Statement<'a>,
    policy: ModelValues,
    sources: BTreeMap<String, Source>,
    notes: Vec<FieldNote>,
}

/// Readings that are no value at all ("not mentioned", "unknown").
fn is_no_value(reading: &str) -> bool {
    let folded = reading.trim().to_lowercase();
    folded.is_empty()
        || lexicon::NO_VALUE
            .iter()
            .any(|n| folded == *n || folded.trim_end_matches('.') == *n)
}

impl Merge<'_> {
    /// A value only the model found, which the statement contains: filled (marked as the
    /// model's) or offered to the officer, as the station chose. Returns what is filled.
    fn model_only<T: ToString>(&mut self, field: &str, value: T) -> Option<T> {
        let shown = value.to_string();
        self.take_model(field, shown).then_some(value)
    }

    /// [`Merge::model_only`] for a value shown as `shown`: whether to fill it.
    fn take_model(&mut self, field: &str, shown: String) -> bool {
        match self.policy {
            ModelValues::Fill => {
                self.sources.insert(field.to_owned(), Source::Model);
                true
            }
            ModelValues::Suggest => {
                self.notes.push(FieldNote {
                    field: field.to_owned(),
                    message: format!(
                        "the model suggests “{shown}”; the statement contains it, but no rule confirms it belongs here; use it only if it is right"
                    ),
                    alternative: Some(shown),
                });
                false
            }
        }
    }

    /// Chooses a field's value: the rule's if it has one (the model's other reading
    /// noted when the statement contains it), else the model's if `grounded` (filled or
    /// suggested, by policy), else none (the model's noted).
    /// The end of a range (a date or time "to"): the model's only, as the statement
    /// states it, and only when it is not the range's start again.
    fn end_of_range(
        &mut self,
        field: &str,
        model: &Option<String>,
        start: &Option<String>,
        grounded: impl Fn(&String) -> bool,
    ) -> Option<String> {
        let end = model.clone().filter(|end| Some(end) != start.as_ref());
        self.pick(field, None, end, grounded, |a, b| a == b)
    }

    fn pick<T: Clone + PartialEq + ToString>(
        &mut self,
        field: &str,
        rule: Option<T>,
        model: Option<T>,
        grounded: impl Fn(&T) -> bool,
        agree: impl Fn(&T, &T) -> bool,
    ) -> Option<T> {
        match (rule, model) {
            (Some(rule), model) => {
                // A reading that only wraps the rule's value ("Ramesh Kumar, son of
                // ...") is no other reading. One the statement does not hold is shown
                // but not offered for use.
                if let Some(model) = model.filter(|m| {
                    !agree(m, &rule) && !ground::contains_words(&m.to_string(), &rule.to_string())
                }) {
                    let (shown, rule) = (model.to_string(), rule.to_string());
                    let (message, alternative) = if grounded(&model) {
                        (
                            format!(
                                "the model read “{shown}”; the statement's own words give “{rule}”"
                            ),
                            Some(shown),
                        )
                    } else {
                        (
                            format!("the model read “{shown}”, which the statement does not contain; the statement's own words give “{rule}”"),
                            None,
                        )
                    };
                    self.notes.push(FieldNote {
                        field: field.to_owned(),
                        message,
                        alternative,
                    });
                }
                self.sources.insert(field.to_owned(), Source::Rule);
                Some(rule)
            }
            (None, Some(model)) if grounded(&model) => self.model_only(field, model),
            (None, Some(model)) => {
                self.notes.push(FieldNote {
                    field: field.to_owned(),
                    message: format!(
                        "the model gave “{}”, which the statement does not support; left for the officer",
                        model.to_string()
                    ),
                    alternative: None,
                });
                None
            }
            (None, None) => None,
        }
    }

    fn text(
        &mut self,
        field: &str,
        rule: Option<String>,
        model: Option<String>,
        grounded: impl Fn(&String) -> bool,
    ) -> Option<String> {
        let model = model
            .map(|m| m.trim().to_owned())
            .filter(|m| !is_no_value(m));
        self.pick(field, rule, model, grounded, |a, b| same(a, b))
    }
}

/// Assembles the facts from the rules and, when there is one, the model's answer:
/// `received` is when the station received the information (station time); `policy`
/// says whether a value only the model found is filled or offered to the officer.
pub fn combine(
    statement: &str,
    received: NaiveDateTime,
    model: Option<&Facts>,
    policy: ModelValues,
) -> Extracted {
    let rules = rules::extract(statement, received);
    combine_with(statement, received, &rules, model, policy)
}

/// [`combine`] with the rules' reading already made (`rules::extract(statement,
/// received)`): the extract step reads the statement by rule before it asks the model,
/// and need not read it twice.
pub fn combine_with(
    statement: &str,
    received: NaiveDateTime,
    rules: &RuleFacts,
    model: Option<&Facts>,
    policy: ModelValues,
) -> Extracted {
    let grounding = Statement::new(statement, rules);
    let mut merge = Merge {
        statement: &grounding,
        policy,
        sources: BTreeMap::new(),
        notes: Vec::new(),
    };
    let empty = Facts::default();
    let m = model.unwrap_or(&empty);
    let s = merge.statement;
    let name_ok = |v: &String| looks_like_name(v) && s.has_phrase(v);
    let phrase_ok = |v: &String| s.has_phrase(v) || s.overlap(v) >= 0.8;
    let mut facts = Facts::default();
    let person = &m.complainant;
    facts.complainant = PersonFacts {
        name: merge.text(
            "complainant.name",
            rules.name.clone(),
            person.name.clone(),
            name_ok,
        ),
        relative_name: merge.text(
            "complainant.relative_name",
            rules.relative_name.clone(),
            person.relative_name.clone(),
            name_ok,
        ),
        age: merge.pick(
            "complainant.birth",
            rules.age,
            person.age,
            |a| s.has_number(*a),
            |a, b| a == b,
        ),
        occupation: merge.text(
            "complainant.occupation",
            rules.occupation.clone(),
            person.occupation.clone(),
            |v| s.has_phrase(v),
        ),
        address: merge.text(
            "complainant.address",
            rules.address.clone(),
            person.address.clone(),
            phrase_ok,
        ),
        phone: merge.pick(
            "complainant.phone",
            rules.phone.clone(),
            person.phone.clone(),
            |p| s.has_phone(p),
            |a, b| contact::national(&text::digits(a)) == contact::national(&text::digits(b)),
        ),
    };
    let incident = &m.incident;
    facts.incident.date_from = merge.pick(
        "occurrence.date_from",
        rules.date_from.clone(),
        incident.date_from.clone(),
        |d| s.has_date(d),
        |a, b| a == b,
    );
    facts.incident.time_from = merge.pick(
        "occurrence.time_from",
        rules.time_from.clone(),
        incident.time_from.clone(),
        |t| s.has_time(t),
        |a, b| a == b,
    );
    facts.incident.date_to = merge.end_of_range(
        "occurrence.date_to",
        &incident.date_to,
        &facts.incident.date_from,
        |d| s.has_date(d),
    );
    facts.incident.time_to = merge.end_of_range(
        "occurrence.time_to",
        &incident.time_to,
        &facts.incident.time_from,
        |t| s.has_time(t),
    );
    facts.incident.time_description = merge.text(
        "occurrence.time_period",
        rules.time_description.clone(),
        incident.time_description.clone(),
        |v| s.overlap(v) >= 0.8,
    );
    facts.incident.place = merge.text(
        "place.address",
        rules.place.clone(),
        incident.place.clone(),
        phrase_ok,
    );
    facts.accused = people_list(&mut merge, "accused", &rules.accused, &m.accused);
    facts.witnesses = witness_list(&mut merge, &rules.witnesses, &m.witnesses);
    facts.property = property_list(&mut merge, rules, &m.property);
    facts.delay_reason = merge.text("delay_reason", None, m.delay_reason.clone(), |v| {
        s.overlap(v) >= 0.6
    });
    facts.summary = summary(&mut merge, statement, &m.summary);

    let stated = rules.property_total;
    let mut total = stated;
    let mut notes = merge.notes;
    check::complainant_is_not_accused_or_witness(&mut facts, &mut notes);
    check::relative_differs(&mut facts, &mut notes);
    check::amounts_within_statement(&mut facts, &mut total, rules.largest_number, &mut notes);
    check::time_agrees_with_period(&mut facts, statement, &mut notes);
    check::occurrence_not_after_receipt(&mut facts, received, &mut notes);
    check::no_repeats(&mut facts, &mut notes);
    // Without a stated total, item 10 is the items' values added up once the checks
    // have run: a value they dropped or an item said twice is not counted.
    if stated.is_none() {
        total = sum_of_values(&facts);
    }
    let mut sources = merge.sources;
    if total.is_some() {
        sources.insert(
            "total_property_value_inr".to_owned(),
            if stated.is_some() {
                Source::Rule
            } else {
                Source::Model
            },
        );
    }
    // A value a check removed has no source any more.
    sources.retain(|field, _| still_filled(&facts, total, field));
    Extracted {
        facts,
        property_total: total,
        sources,
        notes,
        model: model.cloned(),
    }
}

/// Whether the draft field a source entry names still holds a value.
fn still_filled(facts: &Facts, total: Option<u64>, field: &str) -> bool {
    let c = &facts.complainant;
    let i = &facts.incident;
    match field {
        "complainant.name" => c.name.is_some(),
        "complainant.relative_name" => c.relative_name.is_some(),
        "complainant.birth" => c.age.is_some(),
        "complainant.occupation" => c.occupation.is_some(),
        "complainant.address" => c.address.is_some(),
        "complainant.phone" => c.phone.is_some(),
        "occurrence.date_from" => i.date_from.is_some(),
        "occurrence.date_to" => i.date_to.is_some(),
        "occurrence.time_from" => i.time_from.is_some(),
        "occurrence.time_to" => i.time_to.is_some(),
        "occurrence.time_period" => i.time_description.is_some(),
        "place.address" => i.place.is_some(),
        "total_property_value_inr" => total.is_some(),
        "delay_reason" => facts.delay_reason.is_some(),
        _ => true,
    }
}

/// Accused: the rules' named accused, then the model's whose name stands in the
/// statement in a sentence that says what they did (or, unnamed, whose description
/// does).
fn people_list(
    merge: &mut Merge<'_>,
    field: &str,
    rule_names: &[String],
    model: &[AccusedFacts],
) -> Vec<AccusedFacts> {
    let s = merge.statement;
    let mut out: Vec<AccusedFacts> = rule_names
        .iter()
        .map(|name| AccusedFacts {
            name: Some(name.clone()),
            ..AccusedFacts::default()
        })
        .collect();
    if !out.is_empty() {
        merge.sources.insert(field.to_owned(), Source::Rule);
    }
    for entry in model {
        let name = entry
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let description = entry.description.clone().filter(|d| s.overlap(d) >= 0.6);
        let address = entry.address.clone().filter(|a| s.has_phrase(a));
        match name {
            Some(name) if looks_like_name(name) && s.has_phrase(name) && s.says_accused(name) => {
                if let Some(known) = out.iter_mut().find(|a| a.name.as_deref().is_some_and(|n| same(n, name))) {
                    // What the model adds about a person the rules named is offered
                    // the same way as any value of its own.
                    if merge.policy == ModelValues::Fill {
                        known.description = known.description.take().or(description);
                        known.address = known.address.take().or(address);
                    }
                    continue;
                }
                if merge.take_model(field, name.to_owned()) {
                    out.push(AccusedFacts {
                        name: Some(name.to_owned()),
                        description,
                        address,
                    });
                }
            }
            Some(name) => merge.notes.push(FieldNote {
                field: field.to_owned(),
                message: format!("the model named “{name}” as an accused; the statement does not say so; left for the officer"),
                alternative: None,
            }),
            None => {
                if let Some(description) = description {
                    if !out.iter().any(|a| a.name.is_none())
                        && merge.take_model(field, description.clone())
                    {
                        out.push(AccusedFacts {
                            name: None,
                            description: Some(description),
                            address,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Witnesses: the rules' named witnesses, then the model's whose name stands in a
/// sentence that says they saw or heard it.
fn witness_list(
    merge: &mut Merge<'_>,
    rule_names: &[String],
    model: &[PersonFacts],
) -> Vec<PersonFacts> {
    let s = merge.statement;
    let mut out: Vec<PersonFacts> = rule_names
        .iter()
        .map(|name| PersonFacts {
            name: Some(name.clone()),
            ..PersonFacts::default()
        })
        .collect();
    for entry in model {
        let Some(name) = entry
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        else {
            continue;
        };
        if out
            .iter()
            .any(|w| w.name.as_deref().is_some_and(|n| same(n, name)))
        {
            continue;
        }
        if looks_like_name(name) && s.has_phrase(name) && s.says_witness(name) {
            if merge.take_model("witnesses", name.to_owned()) {
                out.push(PersonFacts {
                    name: Some(name.to_owned()),
                    ..PersonFacts::default()
                });
            }
        } else {
            merge.notes.push(FieldNote {
                field: "witnesses".to_owned(),
                message: format!("the model named “{name}” as a witness; the statement does not say so; left for the officer"),
                alternative: None,
            });
        }
    }
    out
}

/// Property: the rules' items, then the model's whose description the statement holds
/// (a value only if the statement states that amount).
fn property_list(
    merge: &mut Merge<'_>,
    rules: &RuleFacts,
    model: &[PropertyFacts],
) -> Vec<PropertyFacts> {
    let s = merge.statement;
    let mut out = rules.property.clone();
    if !out.is_empty() {
        merge.sources.insert("properties".to_owned(), Source::Rule);
    }
    for item in model {
        if s.overlap(&item.description) < 0.5 {
            merge.notes.push(FieldNote {
                field: "properties".to_owned(),
                message: format!("the model listed “{}”, which the statement does not describe; left for the officer", item.description),
                alternative: None,
            });
            continue;
        }
        let value = item.value_inr.filter(|v| s.has_amount(*v));
        if let Some(v) = item.value_inr.filter(|_| value.is_none()) {
            merge.notes.push(FieldNote {
                field: "properties".to_owned(),
                message: format!("the model valued “{}” at Rs {v}, an amount the statement does not give; left for the officer", item.description),
                alternative: None,
            });
        }
        let overlaps = |p: &PropertyFacts| {
            let a = text::words(&p.description);
            text::words(&item.description).iter().any(|w| a.contains(w))
        };
        let description = item.description.trim().to_owned();
        let shown = match value {
            Some(v) => format!("{description}, Rs {v}"),
            None => description.clone(),
        };
        if let Some(known) = out.iter_mut().find(|p| overlaps(p)) {
            // The value is what the model adds; the item itself the rules found.
            if known.value_inr.is_none() && value.is_some() && merge.take_model("properties", shown)
            {
                known.value_inr = value;
            }
            continue;
        }
        if merge.take_model("properties", shown) {
            out.push(PropertyFacts {
                description,
                value_inr: value,
            });
        }
    }
    out
}

/// The model's summary if the statement bears it out; otherwise the statement's opening
/// sentences (the complainant's own words), so no summary reads like a finding.
fn summary(merge: &mut Merge<'_>, statement: &str, model: &str) -> String {
    let model = model.trim();
    if !model.is_empty() && merge.statement.overlap(model) >= 0.5 {
        if merge.take_model("summary", model.to_owned()) {
            return model.to_owned();
        }
    } else if !model.is_empty() {
        merge.notes.push(FieldNote {
            field: "summary".to_owned(),
            message: "the model's summary does not follow the statement; the statement's opening is shown instead".to_owned(),
            alternative: None,
        });
    }
    merge.sources.insert("summary".to_owned(), Source::Rule);
    opening(statement, 300)
}

/// The first sentences of `statement`, at most `limit` characters, cut at a word.
pub fn opening(statement: &str, limit: usize) -> String {
    let flat: String = statement.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= limit {
        return flat;
    }
    let cut: String = flat.chars().take(limit).collect();
    // End at the last sentence end, else the last space.
    let end = cut
        .rfind(['.', '।', '?', '!'])
        .filter(|&i| i > limit / 3)
        .map(|i| i + cut[i..].chars().next().map_or(1, char::len_utf8))
        .or_else(|| cut.rfind(' '))
        .unwrap_or(cut.len());
    format!("{}…", cut[..end].trim_end())
}
