//! Step 3: legal sections.
//!
//! Until the BNS catalogue lands, the LLM suggests sections which are checked only for
//! format and marked [`SectionSource::LlmUnverified`]: the officer must confirm each one.

use crate::fir::{Facts, SectionCitation, SectionSource};
use crate::models::llm::{JsonAnswer, JsonRequest};
use crate::models::{ModelClient, ModelError};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Schema name sent to the server.
pub const SCHEMA_NAME: &str = "fir_sections";

/// The Acts a suggestion may name.
pub const ACTS: [&str; 7] = [
    "BNS",
    "IT Act",
    "Dowry Prohibition Act",
    "Arms Act",
    "NDPS Act",
    "POCSO Act",
    "MV Act",
];

const SYSTEM: &str = "You are an experienced Indian police officer. From the facts of a \
complaint, list the sections of the Bharatiya Nyaya Sanhita, 2023 (BNS) that apply, and \
any special Act section, with one short reason each. Cite BNS, never the old IPC. Give \
sub-sections like 303(2) where they matter. Cite only what the facts support.";

/// What the LLM returns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestions {
    /// Suggested sections.
    pub sections: Vec<Suggestion>,
}

/// One suggestion.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestion {
    /// One of [`ACTS`].
    pub act: String,
    /// Section number, e.g. "303(2)".
    pub section: String,
    /// Why it applies.
    pub reason: String,
}

/// The stored output of the step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalOutput {
    /// The sections, in the order given.
    pub sections: Vec<SectionCitation>,
    /// How they were found; `llm_unverified` until the catalogue checks them.
    pub method: String,
}

/// The answer schema.
pub fn schema() -> Value {
    json!({
        "type": "object",
        "properties": {
            "sections": {
                "type": "array",
                "minItems": 1,
                "maxItems": 6,
                "items": {
                    "type": "object",
                    "properties": {
                        "act": {"type": "string", "enum": ACTS},
                        "section": {"type": "string", "pattern": "^[1-9][0-9]{0,2}[A-Z]?(\\([1-9][0-9]?\\))?$"},
                        "reason": {"type": "string", "maxLength": 200},
                    },
                    "required": ["act", "section", "reason"],
                    "additionalProperties": false,
                },
            },
        },
        "required": ["sections"],
        "additionalProperties": false,
    })
}

/// True for section numbers like `303`, `303(2)`, `66D`, `498A`.
pub fn is_section_number(text: &str) -> bool {
    let (main, sub) = match text.split_once('(') {
        Some((main, rest)) => match rest.strip_suffix(')') {
            Some(sub) => (main, Some(sub)),
            None => return false,
        },
        None => (text, None),
    };
    let digits = main.trim_end_matches(|c: char| c.is_ascii_uppercase());
    let letters = main.len() - digits.len();
    let number_ok = (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
        && letters <= 1;
    let sub_ok = sub.is_none_or(|s| {
        (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
    });
    number_ok && sub_ok
}

/// Checks each suggestion's Act and section format.
pub fn validate(answer: &Suggestions) -> Result<(), String> {
    if answer.sections.is_empty() {
        return Err("no section was suggested".to_owned());
    }
    for suggestion in &answer.sections {
        if !ACTS.contains(&suggestion.act.as_str()) {
            return Err(format!("unknown Act {:?}", suggestion.act));
        }
        if !is_section_number(&suggestion.section) {
            return Err(format!("{:?} is not a section number", suggestion.section));
        }
    }
    Ok(())
}

/// Asks the LLM for sections and marks them unverified.
pub async fn run(
    models: &ModelClient,
    facts: &Facts,
    statement: &str,
) -> Result<(LegalOutput, JsonAnswer<Suggestions>), ModelError> {
    let schema = schema();
    let user = format!(
        "Summary: {}\nProperty: {}\nStatement:\n<<<\n{statement}\n>>>",
        facts.summary,
        facts
            .property
            .iter()
            .map(|p| p.description.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    );
    let request = JsonRequest {
        schema_name: SCHEMA_NAME,
        schema: &schema,
        system: SYSTEM,
        user: &user,
        max_tokens: 768,
    };
    let answer = models.chat_json(&request, validate).await?;
    let mut sections: Vec<SectionCitation> = Vec::new();
    for s in &answer.value.sections {
        // The same section twice adds nothing.
        if sections
            .iter()
            .any(|c| c.act == s.act && c.section == s.section)
        {
            continue;
        }
        sections.push(SectionCitation {
            act: s.act.clone(),
            section: s.section.clone(),
            title: None,
            reason: Some(s.reason.trim().to_owned()).filter(|r| !r.is_empty()),
            source: SectionSource::LlmUnverified,
        });
    }
    Ok((
        LegalOutput {
            sections,
            method: "llm_unverified".to_owned(),
        },
        answer,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers() {
        for good in ["303", "303(2)", "66D", "498A", "1", "318(4)"] {
            assert!(is_section_number(good), "{good}");
        }
        for bad in [
            "", "0", "0303", "3033", "303(", "303()", "303(0)", "IPC 379", "66DD", "303(2)x",
        ] {
            assert!(!is_section_number(bad), "{bad}");
        }
    }
}
