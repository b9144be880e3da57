//! Step 3: legal sections. Candidates are retrieved from the catalogue (BM25 over titles,
//! descriptions and English/Hindi keywords); one LLM call judges which apply, choosing
//! only among the candidates (the schema's enum), with a one-line reason each. If the LLM
//! is unavailable or chooses nothing usable, retrieval's first matches are cited, marked
//! as unreviewed suggestions, and the other candidates are offered to the officer (the
//! Review screen lists them, one click to add) rather than cited.
//!
//! Retrieval ranks; the model may reorder, drop and explain, but cannot corrupt: a
//! reason that describes another candidate better than the one it is given for (the
//! reason of "Theft" given for "Robbery") is rejected with its choice; a candidate
//! retrieval ranks below its strongest five is offered with the model's reason, never
//! cited (model and retrieval disagree: the officer decides); any other is cited only
//! with a reason made of the statement's own words (numbers do not count), else it is
//! offered, not cited; and when no choice stands, retrieval's first matches are cited,
//! unreviewed.

use crate::fir::{Classification, Facts, SectionCitation, SectionSource};
use crate::legal::{classify_sections, Catalogue, Element, Entry, Hit, Told, WordTokenizer};
use crate::models::llm::JsonRequest;
use crate::models::ModelClient;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// Schema name sent to the server.
pub const SCHEMA_NAME: &str = "fir_sections";

/// Candidates shown to the LLM.
pub const CANDIDATES: usize = 8;

/// Sections cited, unreviewed, when the LLM cannot judge: retrieval's first three, the
/// rest offered. Citing the first alone was measured (2026-12-04, `kb eval --embed
/// --llm`, where SmolLM2's judgement is used in 2 to 14 cases of 10 to 36): on the two
/// 36-case files (holdout-2, holdout-3) it was not consistently more precise (0.27/0.32
/// vs 0.28/0.28), found half as many expected sections (recall 0.21/0.23 vs
/// 0.41/0.44), and classified three drafts of holdout-3 as non-cognizable wrongly.
pub const FALLBACK: usize = crate::legal::PRINCIPAL_WITHIN;

mod eval;
pub use eval::{
    evaluate, section_matches, CitedFigures, EvalCase, EvalFigures, EvalReport, ExpectedRow,
};

/// Retrieval's strongest candidates: a choice of the model ranked below these is offered
/// to the officer with its reason, not cited. Citing one whose reason linked statement and
/// section was measured (2026-12-05, `kb eval --embed --llm`, SmolLM2-135M): on the blind
/// holdout-7 the model cited ranks 6 to 8 in two cases (331(1) and 331(2) beside a night
/// house-breaking, 137(2) beside a hidden camera), wrong both times, and an expected
/// section fell out of the officer's first five (recall@5 0.714 -> 0.696).
pub const STRONG: usize = crate::legal::FIRST;

const SYSTEM: &str = "You are an experienced Indian police officer. From the complaint and \
the candidate sections of the Bharatiya Nyaya Sanhita, 2023 (BNS) and special Acts, choose \
every section that the facts support and give one short reason for each. Choose only from \
the candidates, citing them exactly as listed.";

/// What the LLM returns.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// Chosen sections.
    pub sections: Vec<Choice>,
}

/// One chosen section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The citation as listed ("303(2)", "IT Act 66D").
    pub section: String,
    /// Why it applies.
    pub reason: String,
}

/// The stored output of the step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalOutput {
    /// The sections, in the order given.
    pub sections: Vec<SectionCitation>,
    /// How they were found: `llm_judged` or `retrieval_unreviewed`.
    pub method: String,
    /// The retrieved candidates, best first (citation and score).
    #[serde(default)]
    pub candidates: Vec<(String, f32)>,
    /// Why the LLM's judgement was not used, when it was not.
    #[serde(default)]
    pub note: Option<String>,
    /// FIR or non-cognizable report.
    #[serde(default)]
    pub classification: Option<Classification>,
}

/// The answer schema: a list of candidates (by exact citation) with reasons.
pub fn schema(candidates: &[Hit]) -> Value {
    let citations: Vec<&str> = candidates.iter().map(|h| h.section.as_str()).collect();
    json!({
        "type": "object",
        "properties": {
            "sections": {
                "type": "array",
                "maxItems": 5,
                "items": {
                    "type": "object",
                    "properties": {
                        "section": {"type": "string", "enum": citations},
                        "reason": {"type": "string", "minLength": 1, "maxLength": 160},
                    },
                    "required": ["section", "reason"],
                    "additionalProperties": false,
                },
            },
        },
        "required": ["sections"],
        "additionalProperties": false,
    })
}

/// The citation for an entry, with its schedule facts (its own row: the row the case's
/// property value decides is applied by [`crate::legal::classify_sections`]).
pub fn cite(entry: &Entry, reason: Option<String>, source: SectionSource) -> SectionCitation {
    SectionCitation {
        act: entry.act.clone(),
        section: entry.section.clone(),
        title: Some(entry.title.clone()),
        reason,
        source,
        schedule: Some(entry.schedule(None, None)),
        row: None,
    }
}

/// The text retrieval runs on: the summary, the property, and the statement.
pub fn query_text(facts: &Facts, statement: &str) -> String {
    let property: Vec<&str> = facts
        .property
        .iter()
        .map(|p| p.description.as_str())
        .collect();
    // Apart by lines, so that no phrase runs from the summary into the statement.
    format!("{}\n{}\n{statement}", facts.summary, property.join("\n"))
}

fn candidate_list(candidates: &[Hit]) -> String {
    candidates
        .iter()
        .map(|h| format!("- {}: {}. {}", h.section, h.title, h.entry.description))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Retrieves candidates, asks the LLM to judge them, and classifies the result; `value`
/// is the property value that decides a conditional row
/// ([`crate::facts::Extracted::deciding_value`], as the draft decides it).
pub async fn run(
    models: &ModelClient,
    catalogue: &Catalogue,
    facts: &Facts,
    value: Option<u64>,
    statement: &str,
    guidance: Option<&str>,
) -> (LegalOutput, Option<String>) {
    // The statement's phrases, read once for every element asked of it: by the search
    // (the first place, offences told in passing) and by the judgement.
    let told = Told::new(statement);
    let candidates = catalogue
        .search_with_told(
            Some(models),
            &query_text(facts, statement),
            &told,
            CANDIDATES,
        )
        .await;
    judge(
        models,
        catalogue,
        &facts.summary,
        value,
        statement,
        &told,
        candidates,
        guidance,
    )
    .await
}

/// Asks the LLM to judge `candidates` (retrieval's, best first) and classifies the
/// result: [`run`] after its search; `summary` is the extract step's, `told` is
/// `statement` read ([`Told::new`]).
/// `kb eval` calls it on the candidates its line by words and meaning ranked (by words
/// alone without an embedding server), so that the two lines differ by the judgement.
#[allow(clippy::too_many_arguments)]
async fn judge(
    models: &ModelClient,
    catalogue: &Catalogue,
    summary: &str,
    value: Option<u64>,
    statement: &str,
    told: &Told,
    candidates: Vec<Hit>,
    guidance: Option<&str>,
) -> (LegalOutput, Option<String>) {
    let ranking: Vec<(String, f32)> = candidates
        .iter()
        .map(|h| (h.section.clone(), h.score))
        .collect();
    let fallback = |mut note: String| {
        let (cited, withheld) = unjudged_told(&candidates, told, value);
        let mut sections: Vec<SectionCitation> = cited
            .into_iter()
            .map(|h| {
                let reason = told_reason(&h.entry, told);
                cite(&h.entry, reason, SectionSource::RetrievalUnreviewed)
            })
            .collect();
        for (hit, why) in withheld {
            // The model's choice of it may have said so already.
            let line = withheld_note(hit, why);
            if !note.contains(&line) {
                note.push_str("; ");
                note.push_str(&line);
            }
        }
        let note = match sections.is_empty() {
            true => note,
            false => format!(
                "{note}; the catalogue's first matches ({}) are cited, unreviewed, for the officer to confirm or remove{}",
                sections
                    .iter()
                    .map(SectionCitation::display)
                    .collect::<Vec<_>>()
                    .join(", "),
                if candidates.len() > sections.len() {
                    "; its other matches are offered beside item 2"
                } else {
                    ""
                }
            ),
        };
        LegalOutput {
            classification: Some(classify_sections(catalogue, &mut sections, value)),
            sections,
            method: "retrieval_unreviewed".to_owned(),
            candidates: ranking.clone(),
            note: Some(note),
        }
    };
    if candidates.is_empty() {
        return (
            fallback("no catalogue section matched the statement".to_owned()),
            None,
        );
    }
    let schema = schema(&candidates);
    let mut user = format!(
        "Summary: {}\nStatement:\n<<<\n{statement}\n>>>\nCandidate sections:\n{}",
        summary,
        candidate_list(&candidates)
    );
    crate::pipeline::add_guidance(&mut user, guidance);
    let request = JsonRequest {
        schema_name: SCHEMA_NAME,
        schema: &schema,
        system: SYSTEM,
        user: &user,
        max_tokens: 768,
    };
    let answer = match models.chat_json::<Judgement, _>(&request, |_| Ok(())).await {
        Ok(answer) => answer,
        Err(err) => {
            tracing::warn!(error = %err, "the LLM could not judge the sections; keeping the retrieval ranking");
            return (
                fallback(format!("the LLM could not judge the sections: {err}")),
                None,
            );
        }
    };
    let statement_words: Vec<String> = WordTokenizer::words(statement);
    let mut sections: Vec<SectionCitation> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut set_aside: Vec<String> = Vec::new();
    for choice in &answer.value.sections {
        let Some((rank, hit)) = candidates
            .iter()
            .enumerate()
            .find(|(_, h)| h.section == choice.section)
        else {
            // The schema's enum prevents this; a server that ignores schemas may not.
            tracing::warn!(section = %choice.section, "the LLM cited a section that is not a candidate; dropped");
            continue;
        };
        // Each section is judged once: cited, or set aside (a second choice of one set
        // aside is the model contradicting its own reason, not new evidence).
        if sections
            .iter()
            .any(|s| s.act == hit.entry.act && s.section == hit.entry.section)
            || set_aside.contains(&hit.section)
        {
            continue;
        }
        let reason = choice.reason.trim();
        if let Some(other) = reason_belongs_elsewhere(reason, hit, &candidates) {
            notes.push(format!(
                "the model cited {} with a reason that describes {} ({}); not cited",
                hit.section, other.section, other.title
            ));
            set_aside.push(hit.section.clone());
            continue;
        }
        // A reason is evidence only in the statement's words: one of numbers alone
        // ("309(4)", a timestamp) or of words the statement does not hold, and any choice
        // retrieval ranks below its strongest five, is offered, not cited.
        if let Some(element) = hit.entry.untold_in(told) {
            notes.push(format!(
                "the model chose {}, but {}",
                hit.section,
                withheld_note(hit, Withheld::Untold(element))
            ));
            set_aside.push(hit.section.clone());
            continue;
        }
        let refusal = if reason_words(reason).is_empty() {
            Some(format!("without a reason (it gave “{reason}”)"))
        } else if rank >= STRONG {
            Some(format!(
                "because “{reason}”, but the catalogue ranks it below its first five for this statement"
            ))
        } else if !grounded(reason, &statement_words) {
            Some(format!(
                "with a reason that is not in the statement's words (“{reason}”)"
            ))
        } else {
            None
        };
        if let Some(refusal) = refusal {
            notes.push(format!(
                "the model chose {} ({}) {refusal}; offered, not cited",
                hit.section, hit.title
            ));
            set_aside.push(hit.section.clone());
            continue;
        }
        let reason = Some(reason.to_owned()).filter(|r| !r.is_empty());
        sections.push(cite(&hit.entry, reason, SectionSource::LlmJudged));
    }
    if sections.is_empty() {
        let note = match notes.is_empty() {
            true => "the LLM chose no section".to_owned(),
            false => notes.join("; "),
        };
        return (fallback(note), Some(answer.raw));
    }
    (
        LegalOutput {
            classification: Some(classify_sections(catalogue, &mut sections, value)),
            sections,
            method: "llm_judged".to_owned(),
            candidates: ranking,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        },
        Some(answer.raw),
    )
}

/// What a draft cites, unreviewed, when no judgement of the model stands, and what it
/// offers instead with a reason ([`Withheld`]); the other candidates are offered
/// beside item 2 without one. Among retrieval's first [`FALLBACK`]: the principal
/// match — the first whose elements the statement tells — always; after it, those
/// words and meaning agree on (both rank them high; found by words alone, nothing
/// tells the first three apart and all are), and those among the first five the
/// statement tells by rule (a threat or abuse told in passing, `legal/told.rs`:
/// measured 2026-12-06, item 2's recall rose on nine of ten files at equal precision),
/// unless withheld. `value` is the
/// property's value when known, which decides a conditional row (a first theft under
/// ₹5,000 is not cognizable).
pub fn unjudged<'a>(
    candidates: &'a [Hit],
    statement: &str,
    value: Option<u64>,
) -> (Vec<&'a Hit>, Vec<(&'a Hit, Withheld)>) {
    unjudged_told(candidates, &Told::new(statement), value)
}

/// [`unjudged`] for a statement already read.
fn unjudged_told<'a>(
    candidates: &'a [Hit],
    told: &Told,
    value: Option<u64>,
) -> (Vec<&'a Hit>, Vec<(&'a Hit, Withheld)>) {
    // The first FALLBACK, and after them the entries the statement tells by rule among
    // the first five (a threat told in passing: legal/told.rs), with their ranks.
    let window: Vec<(usize, &Hit)> = candidates
        .iter()
        .take(STRONG)
        .enumerate()
        .filter(|(rank, hit)| *rank < FALLBACK || hit.entry.told_in(told))
        .collect();
    let untold: Vec<Option<Element>> = window
        .iter()
        .map(|(_, h)| h.entry.untold_in(told))
        .collect();
    // The principal match is among the first FALLBACK: a told entry is a second offence.
    let principal = window
        .iter()
        .zip(&untold)
        .position(|((rank, _), untold)| *rank < FALLBACK && untold.is_none());
    let cognizable = |hit: &Hit| hit.entry.schedule(value, None).cognizable;
    let principal_cognizable = principal.is_some_and(|i| cognizable(window[i].1));
    let (mut cited, mut withheld) = (Vec::new(), Vec::new());
    for (i, &(rank, hit)) in window.iter().enumerate() {
        if Some(i) == principal {
            cited.push(hit);
        } else if rank > 0 && hit.agreed == Some(false) && !hit.entry.told_in(told) {
            // Not agreed on: offered with the other candidates.
        } else if let Some(element) = untold[i] {
            withheld.push((hit, Withheld::Untold(element)));
        } else if cognizable(hit) && !principal_cognizable {
            withheld.push((hit, Withheld::WouldMakeFir));
        } else {
            cited.push(hit);
        }
    }
    (cited, withheld)
}

/// The reason for citing an entry the statement tells by rule: what it tells.
fn told_reason(entry: &Entry, told: &Told) -> Option<String> {
    entry.told_in(told).then(|| {
        let elements: Vec<&str> = entry.told_by.iter().map(|e| e.label()).collect();
        format!("the statement tells {}", elements.join(" and "))
    })
}

/// Why a first match is offered rather than cited unreviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withheld {
    /// The statement does not tell an element the entry requires (robbery, force).
    Untold(Element),
    /// Cognizable where the principal match is not: cited unreviewed it would make
    /// the complaint an FIR that nobody judged to be one. (Measured 2026-12-06: with
    /// such strays the drafts' classification was right less often than the first
    /// match's on seven of nine files, docs/legal-accuracy.md.)
    WouldMakeFir,
}

/// Why `hit` is offered, not cited.
fn withheld_note(hit: &Hit, why: Withheld) -> String {
    let because = match why {
        Withheld::Untold(element) => format!(
            "the statement does not tell {}, which it needs",
            element.label()
        ),
        Withheld::WouldMakeFir => "it is cognizable where the principal match is not, and unreviewed it would make the complaint an FIR".to_owned(),
    };
    format!(
        "{} ({}) is offered, not cited: {because}",
        hit.section, hit.title
    )
}

/// Words of a catalogue entry a reason may echo: its title, description and keywords.
fn entry_words(entry: &Entry) -> Vec<String> {
    let text = format!(
        "{} {} {}",
        entry.title,
        entry.description,
        entry.keywords.join(" ")
    );
    WordTokenizer::words(&text)
}

/// Words of reasons that say nothing about which section applies.
const REASON_FILLER: &[&str] = &[
    "section",
    "bns",
    "offenc",
    "offens",
    "appli",
    "appl",
    "complain",
    "accus",
    "becaus",
    "case",
    "fact",
    "statement",
    "act",
    "punish",
    "under",
    "person",
    "said",
];

/// A reason's words that can say something: not filler, and not numbers (a date, a
/// time or an amount that the statement also holds grounds nothing; SmolLM2 once gave
/// "2026-11-20 22:11:52.143" as the reason for four sections of a statement dated
/// 20 November 2026).
fn reason_words(reason: &str) -> Vec<String> {
    WordTokenizer::words(reason)
        .into_iter()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !REASON_FILLER.iter().any(|f| w.starts_with(f)))
        .collect()
}

/// The candidate a reason describes better than the one it was given for, if any: the
/// reason's words match another entry's title and description clearly more (a reason
/// copied from "Theft" and put on "Robbery").
fn reason_belongs_elsewhere<'a>(
    reason: &str,
    chosen: &Hit,
    candidates: &'a [Hit],
) -> Option<&'a Hit> {
    // A "reason" that cites another candidate ("304(2)") is about that one: the citation
    // standing on its own, not inside another number ("87" in "287" or a phone number).
    let cites = |hit: &Hit| {
        reason
            .match_indices(hit.section.as_str())
            .any(|(at, found)| {
                let before = reason[..at].chars().next_back();
                let after = reason[at + found.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
    };
    if !cites(chosen) {
        if let Some(other) = candidates
            .iter()
            .find(|h| h.section != chosen.section && cites(h))
        {
            return Some(other);
        }
    }
    let words = reason_words(reason);
    if words.is_empty() {
        return None;
    }
    let score = |entry: &Entry| {
        let vocabulary = entry_words(entry);
        words.iter().filter(|w| vocabulary.contains(w)).count()
    };
    let own = score(&chosen.entry);
    candidates
        .iter()
        .filter(|h| h.section != chosen.section)
        .map(|h| (score(&h.entry), h))
        .filter(|(other, _)| *other >= 2 && *other >= own + 2)
        .max_by_key(|(other, _)| *other)
        .map(|(_, h)| h)
}

/// Whether a reason is made of the statement's words: at least two of its own words,
/// and a third of them, stand in the statement.
fn grounded(reason: &str, statement: &[String]) -> bool {
    let words = reason_words(reason);
    let found = words.iter().filter(|w| statement.contains(w)).count();
    found >= 2 && found * 3 >= words.len()
}

#[cfg(test)]
mod tests;
