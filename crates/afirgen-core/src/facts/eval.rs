//! Measuring fact extraction against complaints whose facts are known: per-field
//! accuracy and the share of false facts, for the model alone, the rules alone and the
//! pipeline (rules, grounded model, checks). The format, one JSON object a line:
//! `{"id", "lang", "text", "received_at"?: "YYYY-MM-DDTHH:MM", "expected": {...}}` with
//! any of the keys in [`FIELDS`].

use super::text::{digits, words};
use super::{combine_with, contact, Extracted};
use crate::config::ModelValues;
use crate::fir::Facts;
use crate::models::ModelClient;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The fields scored, in report order.
pub const FIELDS: &[&str] = &[
    "complainant.name",
    "complainant.relative_name",
    "complainant.age",
    "complainant.phone",
    "complainant.address",
    "incident.date_from",
    "incident.time_from",
    "incident.place",
    "accused.names",
    "witnesses.names",
    "property.total_inr",
];

/// One evaluation case.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    /// An identifier.
    pub id: String,
    /// `en`, `hi`, `hinglish`.
    #[serde(default)]
    pub lang: String,
    /// The statement.
    pub text: String,
    /// When the information was received, `YYYY-MM-DDTHH:MM` (station time).
    #[serde(default)]
    pub received_at: Option<String>,
    /// The facts the statement states.
    pub expected: Map<String, Value>,
}

impl Case {
    /// When the information was received, or `default`.
    pub fn received(&self, default: NaiveDateTime) -> Result<NaiveDateTime, String> {
        match &self.received_at {
            Some(at) => NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M").map_err(|_| {
                format!(
                    "case {}: received_at {at:?} is not YYYY-MM-DDTHH:MM",
                    self.id
                )
            }),
            None => Ok(default),
        }
    }
}

/// Parses the cases of a JSON Lines file; errors name the line.
pub fn parse_cases(text: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let case: Case = serde_json::from_str(line).map_err(|err| {
            format!(
                "line {}: not a case with id, text and expected: {err}",
                i + 1
            )
        })?;
        if let Some(key) = case.expected.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(format!(
                "line {}: unknown field {key:?} (known: {})",
                i + 1,
                FIELDS.join(", ")
            ));
        }
        cases.push(case);
    }
    Ok(cases)
}

/// The scored fields of some facts, as values comparable with a case's `expected`.
pub fn values(facts: &Facts, total: Option<u64>) -> BTreeMap<&'static str, Value> {
    let mut out = BTreeMap::new();
    let mut put = |key: &'static str, value: Option<Value>| {
        if let Some(value) = value {
            out.insert(key, value);
        }
    };
    let c = &facts.complainant;
    put("complainant.name", c.name.clone().map(Value::String));
    put(
        "complainant.relative_name",
        c.relative_name.clone().map(Value::String),
    );
    put("complainant.age", c.age.map(|a| json!(a)));
    put("complainant.phone", c.phone.clone().map(Value::String));
    put("complainant.address", c.address.clone().map(Value::String));
    put(
        "incident.date_from",
        facts.incident.date_from.clone().map(Value::String),
    );
    put(
        "incident.time_from",
        facts.incident.time_from.clone().map(Value::String),
    );
    put(
        "incident.place",
        facts.incident.place.clone().map(Value::String),
    );
    let names = |list: Vec<Option<String>>| {
        let names: Vec<Value> = list.into_iter().flatten().map(Value::String).collect();
        (!names.is_empty()).then_some(Value::Array(names))
    };
    put(
        "accused.names",
        names(facts.accused.iter().map(|a| a.name.clone()).collect()),
    );
    put(
        "witnesses.names",
        names(facts.witnesses.iter().map(|w| w.name.clone()).collect()),
    );
    put("property.total_inr", total.map(|t| json!(t)));
    out
}

/// The sum of the property values the facts give.
pub fn property_sum(facts: &Facts) -> Option<u64> {
    let values: Vec<u64> = facts.property.iter().filter_map(|p| p.value_inr).collect();
    (!values.is_empty()).then(|| values.iter().sum())
}

fn fold(text: &str) -> String {
    words(text).join(" ")
}

/// Whether an extracted string meets the expected one: the expected text contained in
/// the extracted (case, spacing and punctuation folded); phones by their national
/// digits.
fn string_right(field: &str, expected: &str, got: &str) -> bool {
    if field == "complainant.phone" {
        let (e, g) = (digits(expected), digits(got));
        return !e.is_empty() && contact::national(&e) == contact::national(&g);
    }
    let e = fold(expected);
    !e.is_empty() && format!(" {} ", fold(got)).contains(&format!(" {e} "))
}

/// Scores of one field.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FieldScore {
    /// The field.
    pub field: String,
    /// Cases that state it.
    pub expected: usize,
    /// The sum of the per-case scores (1 for right; a share for name lists).
    pub score: f64,
    /// `score / expected`.
    pub accuracy: f64,
    /// Values given where the statement states none.
    pub invented: usize,
    /// Values given that are not the stated one (names: names not stated).
    pub wrong: usize,
    /// Values given.
    pub extracted: usize,
}

/// One case's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    /// The case.
    pub id: String,
    /// Per field: expected, extracted, score (only fields with either).
    pub fields: BTreeMap<String, (Option<Value>, Option<Value>, f64)>,
}

/// The figures of one way of extracting.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Figures {
    /// Per field.
    pub fields: Vec<FieldScore>,
    /// All fields together: the sum of scores over all expected values.
    pub overall: f64,
    /// Values given.
    pub extracted: usize,
    /// Values given where none is stated.
    pub invented: usize,
    /// Values given that differ from the stated one.
    pub wrong: usize,
    /// `(invented + wrong) / extracted`: facts printed that the complainant did not state.
    pub false_fact_rate: f64,
    /// Cases.
    pub cases: usize,
    /// Per case.
    pub details: Vec<CaseResult>,
}

/// Scores outputs (one per case, in order) against the cases.
pub fn score(cases: &[Case], outputs: &[BTreeMap<&'static str, Value>]) -> Figures {
    let mut fields: BTreeMap<&str, FieldScore> = FIELDS
        .iter()
        .map(|f| {
            (
                *f,
                FieldScore {
                    field: (*f).to_owned(),
                    ..FieldScore::default()
                },
            )
        })
        .collect();
    let mut details = Vec::new();
    for (case, output) in cases.iter().zip(outputs) {
        let mut result = CaseResult {
            id: case.id.clone(),
            fields: BTreeMap::new(),
        };
        for &field in FIELDS {
            let expected = case.expected.get(field).filter(|v| !v.is_null());
            let got = output.get(field);
            let entry = fields.get_mut(field).expect("every field has an entry");
            let mut case_score = 0.0;
            match field {
                "accused.names" | "witnesses.names" => {
                    let want: Vec<&str> = expected
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let have: Vec<&str> = got
                        .and_then(Value::as_array)
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    entry.extracted += have.len();
                    if expected.is_some() {
                        entry.expected += 1;
                        case_score = if want.is_empty() {
                            // Nobody is named: right when nobody is listed.
                            f64::from(u8::from(have.is_empty()))
                        } else {
                            let found = want
                                .iter()
                                .filter(|w| have.iter().any(|h| string_right(field, w, h)))
                                .count();
                            found as f64 / want.len() as f64
                        };
                        entry.score += case_score;
                    }
                    for name in &have {
                        if want.is_empty() {
                            entry.invented += 1;
                        } else if !want.iter().any(|w| string_right(field, w, name)) {
                            entry.wrong += 1;
                        }
                    }
                }
                _ => {
                    if got.is_some() {
                        entry.extracted += 1;
                    }
                    let right = match (expected, got) {
                        (Some(e), Some(g)) => match (e, g) {
                            (Value::String(e), Value::String(g)) => string_right(field, e, g),
                            (Value::Number(e), Value::Number(g)) => e.as_f64() == g.as_f64(),
                            (e, g) => e == g,
                        },
                        _ => false,
                    };
                    if expected.is_some() {
                        entry.expected += 1;
                        case_score = f64::from(u8::from(right));
                        entry.score += case_score;
                        if got.is_some() && !right {
                            entry.wrong += 1;
                        }
                    } else if got.is_some() {
                        entry.invented += 1;
                    }
                }
            }
            if expected.is_some() || got.is_some() {
                result.fields.insert(
                    field.to_owned(),
                    (expected.cloned(), got.cloned(), case_score),
                );
            }
        }
        details.push(result);
    }
    let fields: Vec<FieldScore> = FIELDS
        .iter()
        .map(|f| {
            let mut s = fields.remove(f).unwrap_or_default();
            s.accuracy = if s.expected == 0 {
                0.0
            } else {
                s.score / s.expected as f64
            };
            s
        })
        .collect();
    let expected: usize = fields.iter().map(|f| f.expected).sum();
    let scored: f64 = fields.iter().map(|f| f.score).sum();
    let extracted: usize = fields.iter().map(|f| f.extracted).sum();
    let invented: usize = fields.iter().map(|f| f.invented).sum();
    let wrong: usize = fields.iter().map(|f| f.wrong).sum();
    Figures {
        overall: if expected == 0 {
            0.0
        } else {
            scored / expected as f64
        },
        extracted,
        invented,
        wrong,
        false_fact_rate: if extracted == 0 {
            0.0
        } else {
            (invented + wrong) as f64 / extracted as f64
        },
        cases: cases.len(),
        fields,
        details,
    }
}

/// The three ways measured on the same cases (the model is asked once per case; the
/// pipeline grounds that same answer).
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The rules alone.
    pub rules: Figures,
    /// The model alone, as it answered.
    pub model: Option<Figures>,
    /// Rules and checks, the model's grounded values offered to the officer: what
    /// reaches the draft by default (`model_values = "suggest"`).
    pub pipeline: Figures,
    /// Rules, the model's grounded values filled in, and checks: what reaches the draft
    /// with `model_values = "fill"` (with a model only).
    pub pipeline_fill: Option<Figures>,
    /// Cases whose model answer was unusable (the pipeline used the rules alone).
    pub model_failures: Vec<(String, String)>,
}

/// What the model answered for one case, as `afirgen eval facts --save-answers` keeps
/// it (one JSON object a line) so that later changes to the rules and checks can be
/// measured on the same answers (`--answers`) without asking the model again.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordedAnswer {
    /// The case's identifier.
    pub id: String,
    /// The model's answer, when it was usable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Facts>,
    /// Why it was not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Asks the model about every case, as the pipeline's extract step does (for what the
/// rules did not read; `default_received` as in [`evaluate`]).
pub async fn ask_model(
    models: &ModelClient,
    cases: &[Case],
    default_received: NaiveDateTime,
) -> Vec<RecordedAnswer> {
    let calls = cases.iter().map(|case| async move {
        let received = case.received(default_received).unwrap_or(default_received);
        let known = super::rules::extract(&case.text, received);
        let answer = crate::pipeline::extract::run(models, &case.text, &known, None).await;
        RecordedAnswer {
            id: case.id.clone(),
            error: answer.as_ref().err().map(|err| err.to_string()),
            answer: answer.ok().map(|a| a.value),
        }
    });
    futures::future::join_all(calls).await
}

/// Recorded answers as JSON Lines, the form [`parse_answers`] reads.
pub fn answers_to_lines(answers: &[RecordedAnswer]) -> Result<String, serde_json::Error> {
    let mut lines = String::new();
    for answer in answers {
        lines.push_str(&serde_json::to_string(answer)?);
        lines.push('\n');
    }
    Ok(lines)
}

/// Parses recorded answers (JSON Lines) and puts them in the order of `cases`; a case
/// without one is an error naming it.
pub fn parse_answers(text: &str, cases: &[Case]) -> Result<Vec<RecordedAnswer>, String> {
    let mut by_id = BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let answer: RecordedAnswer = serde_json::from_str(line)
            .map_err(|err| format!("line {}: not a recorded answer: {err}", i + 1))?;
        by_id.insert(answer.id.clone(), answer);
    }
    cases
        .iter()
        .map(|case| {
            by_id.remove(&case.id).ok_or_else(|| {
                format!(
                    "no recorded answer for case {}: record them again with --save-answers",
                    case.id
                )
            })
        })
        .collect()
}

/// Scores the cases; with the model's `answers` (in the order of `cases`), the model
/// alone and the pipeline filled as well; without, the pipeline is the rules with the
/// checks.
pub fn evaluate(
    cases: &[Case],
    answers: Option<&[RecordedAnswer]>,
    default_received: NaiveDateTime,
) -> Result<Evaluation, String> {
    let received: Vec<NaiveDateTime> = cases
        .iter()
        .map(|c| c.received(default_received))
        .collect::<Result<_, _>>()?;
    let asked = answers.is_some();
    let answers: Vec<Result<Facts, String>> = match answers {
        Some(answers) => answers
            .iter()
            .map(|a| match (&a.answer, &a.error) {
                (Some(facts), _) => Ok(facts.clone()),
                (None, error) => Err(error.clone().unwrap_or_else(|| "no answer".to_owned())),
            })
            .collect(),
        None => cases.iter().map(|_| Err("no model".to_owned())).collect(),
    };
    // Each statement read by rule once, for the rules' own figures and the pipeline's.
    let found: Vec<_> = cases
        .iter()
        .zip(&received)
        .map(|(case, at)| super::rules::extract(&case.text, *at))
        .collect();
    let rules: Vec<_> = found
        .iter()
        .map(|found| values(&found.as_facts(), found.property_total))
        .collect();
    let pipeline = |policy: ModelValues| -> Vec<_> {
        cases
            .iter()
            .zip(&received)
            .zip(&found)
            .zip(&answers)
            .map(|(((case, at), found), answer)| {
                let extracted: Extracted =
                    combine_with(&case.text, *at, found, answer.as_ref().ok(), policy);
                values(&extracted.facts, extracted.property_total)
            })
            .collect()
    };
    let model = asked.then(|| {
        let outputs: Vec<_> = answers
            .iter()
            .map(|a| match a {
                Ok(facts) => values(facts, property_sum(facts)),
                Err(_) => BTreeMap::new(),
            })
            .collect();
        score(cases, &outputs)
    });
    let model_failures = match asked {
        true => cases
            .iter()
            .zip(&answers)
            .filter_map(|(case, a)| a.as_ref().err().map(|e| (case.id.clone(), e.clone())))
            .collect(),
        false => Vec::new(),
    };
    Ok(Evaluation {
        rules: score(cases, &rules),
        model,
        pipeline: score(cases, &pipeline(ModelValues::Suggest)),
        pipeline_fill: asked.then(|| score(cases, &pipeline(ModelValues::Fill))),
        model_failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(expected: Value) -> Case {
        Case {
            id: "t".into(),
            lang: "en".into(),
            text: String::new(),
            received_at: None,
            expected: expected.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn strings_by_containment_phones_by_digits_numbers_exactly() {
        let cases = [case(json!({
            "complainant.name": "Ramesh Kumar",
            "complainant.phone": "09810012345",
            "complainant.age": 34,
            "incident.place": "Rajiv Chowk",
        }))];
        let mut got = BTreeMap::new();
        got.insert("complainant.name", json!("Shri Ramesh  Kumar"));
        got.insert("complainant.phone", json!("+91 98100-12345"));
        got.insert("complainant.age", json!(43));
        got.insert("incident.place", json!("near Rajiv Chowk stop"));
        got.insert("incident.date_from", json!("2026-11-20"));
        let figures = score(&cases, &[got]);
        let by = |f: &str| {
            figures
                .fields
                .iter()
                .find(|s| s.field == f)
                .unwrap()
                .clone()
        };
        assert_eq!(by("complainant.name").score, 1.0);
        assert_eq!(by("complainant.phone").score, 1.0);
        assert_eq!(
            (by("complainant.age").score, by("complainant.age").wrong),
            (0.0, 1)
        );
        assert_eq!(by("incident.place").score, 1.0);
        assert_eq!(by("incident.date_from").invented, 1);
        assert_eq!(figures.extracted, 5);
        assert!((figures.false_fact_rate - 0.4).abs() < 1e-9);
        assert!((figures.overall - 0.75).abs() < 1e-9);
    }

    #[test]
    fn name_lists_score_the_share_found() {
        let cases = [case(
            json!({"accused.names": ["Sonu", "Monu Yadav"], "witnesses.names": []}),
        )];
        let mut got = BTreeMap::new();
        got.insert("accused.names", json!(["Sonu", "Ramesh"]));
        got.insert("witnesses.names", json!(["Suresh"]));
        let figures = score(&cases, &[got]);
        let accused = &figures.fields[8];
        assert_eq!(
            (accused.score, accused.wrong, accused.extracted),
            (0.5, 1, 2)
        );
        let witnesses = &figures.fields[9];
        assert_eq!((witnesses.score, witnesses.invented), (0.0, 1));
    }

    #[test]
    fn unknown_fields_are_refused_by_line() {
        let err =
            parse_cases("{\"id\":\"a\",\"text\":\"x\",\"expected\":{\"colour\":1}}").unwrap_err();
        assert!(err.contains("line 1") && err.contains("colour"), "{err}");
    }
}
