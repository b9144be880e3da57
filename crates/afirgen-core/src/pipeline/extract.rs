//! Step 2: the LLM extracts structured facts from the statement under a JSON schema.
//!
//! The model is asked only for what the rules did not read (a complainant's name, age
//! or phone, the date and time the rules found are left out of the schema), and the
//! schema's lists and strings are bounded: every token the model writes costs time on a
//! station's CPU (docs/benchmarks.md, "Tokens per complaint").

use crate::facts::rules::RuleFacts;
use crate::fir::Facts;
use crate::models::llm::{JsonAnswer, JsonRequest};
use crate::models::{ModelClient, ModelError};
use serde_json::{json, Value};

/// Schema name sent to the server.
pub const SCHEMA_NAME: &str = "fir_facts";

const SYSTEM: &str = "You help a police officer in India prepare a First Information Report. \
Read the complainant's statement and extract only facts it states. Use null where the \
statement does not say. Keep names, places and words in the statement's own language and \
script. Dates are YYYY-MM-DD, times HH:MM (24-hour). Values are whole rupees. The summary \
is two or three neutral sentences. Answer with compact JSON on one line.";

fn nullable(kind: &str, max_length: Option<u32>) -> Value {
    let mut schema = json!({"type": [kind, "null"]});
    if let Some(max) = max_length {
        schema["maxLength"] = json!(max);
    }
    schema
}

fn object(properties: Value) -> Value {
    let required: Vec<&String> = properties
        .as_object()
        .map(|map| map.keys().collect())
        .unwrap_or_default();
    json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false})
}

fn person() -> Value {
    object(json!({
        "name": nullable("string", Some(60)),
        "relative_name": nullable("string", Some(60)),
        "age": {"type": ["integer", "null"], "minimum": 0, "maximum": 120},
        "occupation": nullable("string", Some(40)),
        "address": nullable("string", Some(100)),
        "phone": nullable("string", Some(16)),
    }))
}

/// The JSON schema of [`Facts`]. Every property is required (strict mode) and nullable
/// where the type is optional; lists are short and strings bounded so a small model
/// cannot ramble (before these bounds, four of ten sample answers ran into the 2,048-token
/// cap and were asked again).
pub fn schema() -> Value {
    object(json!({
        "complainant": person(),
        "incident": object(json!({
            "date_from": {"type": ["string", "null"], "format": "date"},
            "date_to": {"type": ["string", "null"], "format": "date"},
            "time_from": {"type": ["string", "null"], "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "time_to": {"type": ["string", "null"], "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            "time_description": nullable("string", Some(60)),
            "place": nullable("string", Some(120)),
        })),
        // Small arrays: a statement rarely names more, and a small model left free to
        // fill a long array repeats itself until it runs out of tokens.
        "accused": {"type": "array", "maxItems": 3, "items": object(json!({
            "name": nullable("string", Some(60)),
            "description": nullable("string", Some(120)),
            "address": nullable("string", Some(100)),
        }))},
        "witnesses": {"type": "array", "maxItems": 2, "items": person()},
        "property": {"type": "array", "maxItems": 4, "items": object(json!({
            "description": {"type": "string", "minLength": 1, "maxLength": 80},
            "value_inr": {"type": ["integer", "null"], "minimum": 0, "maximum": 10_000_000_000u64},
        }))},
        "delay_reason": nullable("string", Some(120)),
        "summary": {"type": "string", "minLength": 1, "maxLength": 300},
    }))
}

/// The schema the model is given for a statement: [`schema`] without the fields the
/// rules already read from it. The rules' values are kept over the model's anyway
/// ([`crate::facts::combine`]); asking for them again only costs tokens.
pub fn schema_for(known: &RuleFacts) -> Value {
    let mut schema = schema();
    let read = [
        ("complainant", "name", known.name.is_some()),
        (
            "complainant",
            "relative_name",
            known.relative_name.is_some(),
        ),
        ("complainant", "age", known.age.is_some()),
        ("complainant", "occupation", known.occupation.is_some()),
        ("complainant", "address", known.address.is_some()),
        ("complainant", "phone", known.phone.is_some()),
        ("incident", "date_from", known.date_from.is_some()),
        ("incident", "time_from", known.time_from.is_some()),
        (
            "incident",
            "time_description",
            known.time_description.is_some(),
        ),
    ];
    for (object, field, _) in read.iter().filter(|(_, _, found)| *found) {
        drop_property(&mut schema["properties"][*object], field);
    }
    for object in ["complainant", "incident"] {
        if schema["properties"][object]["properties"]
            .as_object()
            .is_some_and(|p| p.is_empty())
        {
            drop_property(&mut schema, object);
        }
    }
    schema
}

/// Removes `field` from an object schema's properties and required list.
fn drop_property(object: &mut Value, field: &str) {
    if let Some(properties) = object["properties"].as_object_mut() {
        properties.remove(field);
    }
    if let Some(required) = object["required"].as_array_mut() {
        required.retain(|r| r != field);
    }
}

/// Checks what the schema's types cannot: dates that exist, times of day, a summary.
pub fn validate(facts: &Facts) -> Result<(), String> {
    if facts.summary.trim().is_empty() {
        return Err("the summary is empty".to_owned());
    }
    let incident = &facts.incident;
    let date: fn(&str) -> bool = |v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok();
    let time: fn(&str) -> bool = |v| chrono::NaiveTime::parse_from_str(v, "%H:%M").is_ok();
    for (field, value, fits, form) in [
        (
            "date_from",
            &incident.date_from,
            date,
            "a date (YYYY-MM-DD)",
        ),
        ("date_to", &incident.date_to, date, "a date (YYYY-MM-DD)"),
        ("time_from", &incident.time_from, time, "a time (HH:MM)"),
        ("time_to", &incident.time_to, time, "a time (HH:MM)"),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !fits(v)) {
            return Err(format!("incident.{field} {value:?} is not {form}"));
        }
    }
    if let (Some(from), Some(to)) = (&incident.date_from, &incident.date_to) {
        // Both parsed above; ISO dates compare correctly as text.
        if to < from {
            return Err(format!("incident date_to {to} is before date_from {from}"));
        }
    }
    Ok(())
}

/// Drops exact repeats from the lists (a small model's habit; never a real second thief
/// with identical particulars).
pub fn dedupe(facts: &mut Facts) {
    fn unique<T: PartialEq + Clone>(items: &mut Vec<T>) {
        let mut kept: Vec<T> = Vec::with_capacity(items.len());
        for item in items.drain(..) {
            if !kept.contains(&item) {
                kept.push(item);
            }
        }
        *items = kept;
    }
    unique(&mut facts.accused);
    unique(&mut facts.witnesses);
    unique(&mut facts.property);
}

/// Runs the extraction.
pub async fn run(
    models: &ModelClient,
    statement: &str,
    known: &RuleFacts,
    guidance: Option<&str>,
) -> Result<JsonAnswer<Facts>, ModelError> {
    let schema = schema_for(known);
    let mut user = format!("Complainant's statement:\n<<<\n{statement}\n>>>");
    super::add_guidance(&mut user, guidance);
    let request = JsonRequest {
        schema_name: SCHEMA_NAME,
        schema: &schema,
        system: SYSTEM,
        user: &user,
        max_tokens: 2048,
    };
    let mut answer = models.chat_json(&request, validate).await?;
    dedupe(&mut answer.value);
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_lists_every_field_of_facts() {
        let schema = schema();
        let facts = serde_json::to_value(Facts::default()).unwrap();
        let keys: Vec<&String> = facts.as_object().unwrap().keys().collect();
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        for key in keys {
            assert!(
                required.contains(&key.as_str()),
                "{key} missing from schema"
            );
        }
    }

    #[test]
    fn the_model_is_not_asked_what_the_rules_read() {
        let received = chrono::NaiveDate::from_ymd_opt(2026, 11, 21)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .expect("a valid time");
        let statement = include_str!("../../../../samples/complaint-en.txt");
        let known = crate::facts::rules::extract(statement, received);
        let schema = schema_for(&known);
        let incident = &schema["properties"]["incident"]["properties"];
        for field in ["date_from", "time_from"] {
            assert!(incident.get(field).is_none(), "{field} is read by rule");
        }
        for field in ["date_to", "place"] {
            assert!(incident.get(field).is_some(), "{field} is still asked");
        }
        // Name, father's name, age, occupation, address and phone: all read by rule.
        assert!(
            schema["properties"].get("complainant").is_none(),
            "{schema:#}"
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(!required.contains(&"complainant"));
        // An answer to that schema reads as facts, the unasked fields empty.
        let answer: Facts = serde_json::from_value(serde_json::json!({
            "incident": {"date_to": null, "time_to": null, "place": "Rajiv Chowk"},
            "accused": [], "witnesses": [], "property": [], "delay_reason": null,
            "summary": "A phone was stolen on a bus."
        }))
        .unwrap();
        assert_eq!(answer.complainant, crate::fir::PersonFacts::default());
        assert!(validate(&answer).is_ok());
        // A statement the rules read nothing from asks for everything.
        let nothing = crate::facts::rules::extract("Help.", received);
        assert_eq!(schema_for(&nothing), super::schema());
    }

    #[test]
    fn validation_catches_impossible_values() {
        let mut facts = Facts {
            summary: "ok".into(),
            ..Facts::default()
        };
        assert!(validate(&facts).is_ok());
        facts.incident.date_from = Some("2026-02-30".into());
        assert!(validate(&facts).unwrap_err().contains("date_from"));
        facts.incident.date_from = Some("2026-02-03".into());
        facts.incident.date_to = Some("2026-02-01".into());
        assert!(validate(&facts).is_err());
        facts.incident.date_to = None;
        facts.incident.time_from = Some("25:00".into());
        assert!(validate(&facts).is_err());
        facts.incident.time_from = None;
        facts.summary = "  ".into();
        assert!(validate(&facts).is_err());
    }
}
