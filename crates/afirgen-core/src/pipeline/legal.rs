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
//! retrieval ranks below its strongest five is cited only with a reason that links the
//! statement to that section; and the top retrieval hit stays cited unless the model's
//! first choice carries a reason grounded in the statement.

use crate::fir::{Classification, Facts, SectionCitation, SectionSource};
use crate::legal::{Catalogue, Entry, Hit, WordTokenizer};
use crate::models::llm::JsonRequest;
use crate::models::ModelClient;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

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
pub const FALLBACK: usize = 3;

/// Retrieval's strongest candidates: the model may cite one ranked below these only with
/// a reason that links the statement to that section.
pub const STRONG: usize = 5;

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

/// The citation for an entry, with its schedule facts (its own row: the rows the case's
/// facts decide are applied to the draft, [`crate::legal::classify`]).
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
    format!("{} {} {statement}", facts.summary, property.join(" "))
}

fn candidate_list(candidates: &[Hit]) -> String {
    candidates
        .iter()
        .map(|h| format!("- {}: {}. {}", h.section, h.title, h.entry.description))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Retrieves candidates, asks the LLM to judge them, and classifies the result.
pub async fn run(
    models: &ModelClient,
    catalogue: &Catalogue,
    facts: &Facts,
    statement: &str,
    guidance: Option<&str>,
) -> (LegalOutput, Option<String>) {
    let candidates = catalogue
        .search_with(Some(models), &query_text(facts, statement), CANDIDATES)
        .await;
    let ranking: Vec<(String, f32)> = candidates
        .iter()
        .map(|h| (h.section.clone(), h.score))
        .collect();
    let fallback = |note: String| {
        let sections: Vec<SectionCitation> = candidates
            .iter()
            .take(FALLBACK)
            .map(|h| cite(&h.entry, None, SectionSource::RetrievalUnreviewed))
            .collect();
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
            classification: Some(Classification::of(&sections)),
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
        facts.summary,
        candidate_list(&candidates)
    );
    if let Some(guidance) = guidance.filter(|g| !g.trim().is_empty()) {
        user.push_str(&format!("\nThe officer's guidance: {guidance}"));
    }
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
    let mut first_grounded = None;
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
        // A reason of numbers only ("309(4)"), or none, says nothing: the section is
        // offered, not cited, unless it links the statement to the section.
        let wordless = reason_words(reason)
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_digit()));
        if (rank >= STRONG || wordless) && !links(reason, &hit.entry, &statement_words) {
            notes.push(if wordless {
                format!(
                    "the model chose {} ({}) without a reason (it gave “{reason}”); offered, not cited",
                    hit.section, hit.title
                )
            } else {
                format!(
                    "the model chose {} ({}), which the catalogue ranks low for this statement, without a reason that shows it in the statement; offered, not cited",
                    hit.section, hit.title
                )
            });
            set_aside.push(hit.section.clone());
            continue;
        }
        if sections.is_empty() {
            first_grounded = Some(grounded(reason, &statement_words));
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
    // The top retrieval hit stays unless the model's first choice says, in the
    // statement's own words, why something else applies instead.
    let top = &candidates[0];
    let kept = sections
        .iter()
        .any(|s| s.act == top.entry.act && s.section == top.entry.section);
    if !kept && first_grounded != Some(true) {
        notes.push(format!(
            "the model left out {} ({}), the best match in the catalogue, without a reason from the statement; kept for the officer to confirm",
            top.section, top.title
        ));
        sections.insert(
            0,
            cite(&top.entry, None, SectionSource::RetrievalUnreviewed),
        );
    }
    (
        LegalOutput {
            classification: Some(Classification::of(&sections)),
            sections,
            method: "llm_judged".to_owned(),
            candidates: ranking,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        },
        Some(answer.raw),
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

fn reason_words(reason: &str) -> Vec<String> {
    WordTokenizer::words(reason)
        .into_iter()
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

/// Whether a reason links the statement to a section: it is grounded in the statement,
/// and one of its words stands both in the statement and in the section's own title,
/// description or keywords (the fact that meets the offence).
fn links(reason: &str, entry: &Entry, statement: &[String]) -> bool {
    let vocabulary = entry_words(entry);
    grounded(reason, statement)
        && reason_words(reason)
            .iter()
            .any(|w| statement.contains(w) && vocabulary.contains(w))
}

/// One evaluation case (the format of shared/samples/complaints.jsonl).
#[derive(Debug, Clone, Deserialize)]
pub struct EvalCase {
    /// An identifier.
    #[serde(default)]
    pub id: String,
    /// The complaint.
    pub text: String,
    /// The sections a careful officer would cite ("303", "318(4)", "IT Act 66D").
    pub expected_bns: Vec<String>,
    /// Whether the case is cognizable.
    pub cognizable: bool,
    /// The First Schedule row an officer reads for this case, per expected section
    /// (bail and court), where the file gives it.
    #[serde(default)]
    pub schedule: BTreeMap<String, ExpectedRow>,
}

/// The bail and court of an expected section, as the First Schedule gives them for the
/// case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedRow {
    /// Bail is a right.
    pub bailable: bool,
    /// The court that tries it, one of [`crate::legal::COURTS`].
    pub court: String,
}

/// Figures of one evaluation mode.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EvalFigures {
    /// Expected sections found among the first five cited, over all expected.
    pub recall_at_5: f64,
    /// Of the first three cited in each case, the share that are expected: how much of
    /// what the officer reads first is right.
    pub precision_at_3: f64,
    /// Cases whose cognizable flag was predicted right.
    pub cognizable_accuracy: f64,
    /// Of the expected sections with a Schedule row in the file and found among the
    /// first five, the share whose catalogue row (as the case's property value decides
    /// it) has the expected bail.
    pub bail_accuracy: f64,
    /// The same for the court that tries it.
    pub court_accuracy: f64,
    /// How many sections the bail and court figures count.
    pub classified: usize,
    /// Per section whose catalogue row differs: case id, section, what differs.
    pub schedule_misses: Vec<(String, String, String)>,
    /// What the drafts cite in item 2 (only with the LLM, which decides it).
    pub cited: Option<CitedFigures>,
    /// Cases evaluated.
    pub cases: usize,
    /// Per case: id, expected, predicted.
    pub details: Vec<(String, Vec<String>, Vec<String>)>,
}

/// What the drafts cite in item 2, as the officer reads it before changing anything.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CitedFigures {
    /// Of the sections cited, the share that are expected.
    pub precision: f64,
    /// Of the expected sections, the share cited.
    pub recall: f64,
    /// Sections cited per case.
    pub per_case: f64,
    /// Cases whose draft cites no expected section at all.
    pub none_right: usize,
    /// Cases whose sections the LLM judged (the rest fell back to retrieval's best).
    pub judged: usize,
}

impl CitedFigures {
    fn of(cases: &[EvalCase], cited: &[Vec<String>], judged: usize) -> Self {
        let (mut shown, mut right, mut expected, mut found, mut none_right) = (0, 0, 0, 0, 0);
        for (case, cited) in cases.iter().zip(cited) {
            let hits = cited
                .iter()
                .filter(|c| case.expected_bns.iter().any(|e| section_matches(e, c)))
                .count();
            shown += cited.len();
            right += hits;
            none_right += usize::from(hits == 0);
            expected += case.expected_bns.len();
            found += case
                .expected_bns
                .iter()
                .filter(|e| cited.iter().any(|c| section_matches(e, c)))
                .count();
        }
        Self {
            precision: right as f64 / shown.max(1) as f64,
            recall: found as f64 / expected.max(1) as f64,
            per_case: shown as f64 / cases.len().max(1) as f64,
            none_right,
            judged,
        }
    }
}

/// Whether a cited section meets an expected one: "303" meets "303(2)", "318(4)" only
/// "318(4)", "IT Act 66D" only itself.
pub fn section_matches(expected: &str, cited: &str) -> bool {
    let expected = expected.trim().trim_start_matches("BNS ").trim();
    if expected.contains('(') || expected.contains(' ') {
        return cited == expected;
    }
    cited == expected || cited.split('(').next() == Some(expected)
}

fn score(
    catalogue: &Catalogue,
    cases: &[EvalCase],
    values: &[Option<u64>],
    predictions: &[(Vec<String>, bool)],
) -> EvalFigures {
    let (mut found, mut expected, mut right) = (0usize, 0usize, 0usize);
    let (mut first_right, mut first_shown) = (0usize, 0usize);
    let (mut classified, mut bail_right, mut court_right) = (0usize, 0usize, 0usize);
    let mut schedule_misses = Vec::new();
    let mut details = Vec::new();
    for ((case, value), (cited, cognizable)) in cases.iter().zip(values).zip(predictions) {
        let top: Vec<&String> = cited.iter().take(5).collect();
        expected += case.expected_bns.len();
        found += case
            .expected_bns
            .iter()
            .filter(|e| top.iter().any(|c| section_matches(e, c)))
            .count();
        for (section, want) in &case.schedule {
            let Some(entry) = top
                .iter()
                .find(|c| section_matches(section, c))
                .and_then(|c| catalogue.get(c))
            else {
                continue;
            };
            let row = entry.schedule(*value, None);
            classified += 1;
            let bail = row.bailable == want.bailable;
            let court = row.triable_by.eq_ignore_ascii_case(&want.court);
            bail_right += usize::from(bail);
            court_right += usize::from(court);
            if !(bail && court) {
                schedule_misses.push((
                    case.id.clone(),
                    entry.citation(),
                    format!(
                        "catalogue {} / {}, expected {} / {}",
                        bail_word(row.bailable),
                        row.triable_by,
                        bail_word(want.bailable),
                        want.court
                    ),
                ));
            }
        }
        right += usize::from(*cognizable == case.cognizable);
        for c in cited.iter().take(3) {
            first_shown += 1;
            first_right += usize::from(case.expected_bns.iter().any(|e| section_matches(e, c)));
        }
        details.push((case.id.clone(), case.expected_bns.clone(), cited.clone()));
    }
    EvalFigures {
        recall_at_5: found as f64 / expected.max(1) as f64,
        precision_at_3: first_right as f64 / first_shown.max(1) as f64,
        cognizable_accuracy: right as f64 / cases.len().max(1) as f64,
        bail_accuracy: bail_right as f64 / classified.max(1) as f64,
        court_accuracy: court_right as f64 / classified.max(1) as f64,
        classified,
        schedule_misses,
        cited: None,
        cases: cases.len(),
        details,
    }
}

fn bail_word(bailable: bool) -> &'static str {
    if bailable {
        "bailable"
    } else {
        "non-bailable"
    }
}

/// The total property value the rules read in a statement, when every item's value is
/// stated (as [`crate::legal::classify`] takes it).
fn property_value(text: &str) -> Option<u64> {
    let received = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap_or_default();
    let rules = crate::facts::rules::extract(text, received);
    crate::legal::deciding_value(
        rules.property.iter().map(|p| p.value_inr),
        rules.property_total,
    )
}

/// What `kb eval` reports: each mode's figures on the same cases.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    /// Retrieval by words alone (BM25).
    pub retrieval: EvalFigures,
    /// Retrieval by words and meaning (with an embedding server).
    pub retrieval_meaning: Option<EvalFigures>,
    /// Retrieval + LLM judgement, as the pipeline runs it (`judge`).
    pub retrieval_llm: Option<EvalFigures>,
}

fn retrieved(hits: Vec<Hit>) -> (Vec<String>, bool) {
    let cognizable = hits.first().is_some_and(|h| h.entry.cognizable);
    (hits.into_iter().map(|h| h.section).collect(), cognizable)
}

/// Evaluates retrieval by words alone (the first five hits; cognizable if the first
/// is); with an embedding server in `models`, by words and meaning; and with `judge`,
/// retrieval + LLM judgement as the pipeline runs it (the cited sections, then the
/// remaining candidates the officer is offered, in retrieval order).
pub async fn evaluate(
    catalogue: &Catalogue,
    models: Option<&ModelClient>,
    judge: bool,
    cases: &[EvalCase],
) -> Result<EvalReport, crate::models::ModelError> {
    let words: Vec<(Vec<String>, bool)> = cases
        .iter()
        .map(|case| retrieved(catalogue.search(&case.text, 5)))
        .collect();
    // The property value the rules read decides a conditional row, as in a draft.
    let values: Vec<Option<u64>> = cases.iter().map(|c| property_value(&c.text)).collect();
    let mut report = EvalReport {
        retrieval: score(catalogue, cases, &values, &words),
        retrieval_meaning: None,
        retrieval_llm: None,
    };
    let Some(models) = models else {
        return Ok(report);
    };
    if models.has_role(crate::models::Role::Embed) {
        let mut meaning = Vec::new();
        for case in cases {
            // An embedding failure is an error here: words alone measured as meaning
            // would hide a broken server.
            meaning.push(retrieved(
                catalogue.search_by_meaning(models, &case.text, 5).await?,
            ));
        }
        // The catalogue is embedded now: judged on the fused candidates, as the
        // pipeline runs once it is.
        report.retrieval_meaning = Some(score(catalogue, cases, &values, &meaning));
    }
    if !judge {
        return Ok(report);
    }
    let runs = cases.iter().map(|case| async move {
        let facts = Facts {
            summary: String::new(),
            ..Facts::default()
        };
        let (output, _) = run(models, catalogue, &facts, &case.text, None).await;
        // What the officer is offered: the cited sections, then the other candidates in
        // retrieval order (one click to add).
        let cited: Vec<String> = output
            .sections
            .iter()
            .map(|s| crate::fir::catalogue_key(&s.act, &s.section))
            .collect();
        let mut offered = cited.clone();
        for (candidate, _) in &output.candidates {
            if !offered.contains(candidate) {
                offered.push(candidate.clone());
            }
        }
        (
            (offered, output.classification.is_some_and(|c| c.cognizable)),
            (cited, output.method == "llm_judged"),
        )
    });
    let (offered, cited): (Vec<_>, Vec<(Vec<String>, bool)>) =
        futures::future::join_all(runs).await.into_iter().unzip();
    let judged = cited.iter().filter(|(_, judged)| *judged).count();
    let cited: Vec<Vec<String>> = cited.into_iter().map(|(c, _)| c).collect();
    let mut figures = score(catalogue, cases, &values, &offered);
    figures.cited = Some(CitedFigures::of(cases, &cited, judged));
    report.retrieval_llm = Some(figures);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PICKPOCKET: &str = "When the bus was crowded near the Rajiv Chowk stop, somebody took my Samsung mobile phone from my trouser pocket. I noticed it only when I got down.";

    #[test]
    fn a_reason_copied_from_another_section_is_caught() {
        let catalogue = Catalogue::builtin_shared();
        let hits = catalogue.search(PICKPOCKET, CANDIDATES);
        let robbery = hits
            .iter()
            .find(|h| h.section == "309(4)")
            .expect("robbery is a candidate");
        let theft_reason = "Dishonestly taking movable property out of someone's possession without consent: stolen mobile phone, pickpocketing.";
        let other = reason_belongs_elsewhere(theft_reason, robbery, &hits).expect("caught");
        assert_eq!(other.section, "303(2)");
        // A reason about robbery itself stands.
        let own = "Forcibly taking the phone while threatening with a knife on the spot.";
        assert!(reason_belongs_elsewhere(own, robbery, &hits).is_none());
        // A "reason" that is another candidate's citation (SmolLM2 gave robbery the
        // reason "304(2)" for this statement) is that candidate's.
        for other in hits.iter().filter(|h| h.section != "309(4)") {
            let caught = reason_belongs_elsewhere(&other.section, robbery, &hits);
            assert_eq!(
                caught.map(|h| h.section.as_str()),
                Some(other.section.as_str())
            );
        }
        assert!(reason_belongs_elsewhere("309(4): knife at the throat", robbery, &hits).is_none());
        // A number that merely contains a candidate's citation is not a citation of it
        // (BNS citations: a special Act's is words, which may well describe it).
        for other in hits
            .iter()
            .filter(|h| h.section != "309(4)" && h.entry.act == "BNS")
        {
            let inside = format!("called from 9{}9 at 1{}", other.section, other.section);
            assert!(
                reason_belongs_elsewhere(&inside, robbery, &hits)
                    .is_none_or(|h| h.section != other.section),
                "{inside}"
            );
        }
    }

    #[test]
    fn cited_figures_read_item_2_as_the_officer_does() {
        let case = |expected: &[&str]| EvalCase {
            id: String::new(),
            text: String::new(),
            expected_bns: expected.iter().map(|s| s.to_string()).collect(),
            cognizable: true,
            schedule: BTreeMap::new(),
        };
        let cases = [case(&["303", "IT Act 66D"]), case(&["318(4)"])];
        let cited = [
            vec!["303(2)".to_owned(), "314".to_owned()],
            vec!["318(2)".to_owned()],
        ];
        let figures = CitedFigures::of(&cases, &cited, 1);
        assert_eq!(figures.precision, 1.0 / 3.0);
        assert_eq!(figures.recall, 1.0 / 3.0);
        assert_eq!(figures.per_case, 1.5);
        assert_eq!(figures.none_right, 1);
        assert_eq!(figures.judged, 1);
    }

    #[test]
    fn a_low_ranked_choice_needs_a_reason_linking_statement_and_section() {
        let catalogue = Catalogue::builtin_shared();
        let statement = WordTokenizer::words(PICKPOCKET);
        let hits = catalogue.search(PICKPOCKET, CANDIDATES);
        let theft = &hits
            .iter()
            .find(|h| h.section == "303(2)")
            .expect("theft is a candidate")
            .entry;
        assert!(links(
            "His mobile phone was taken from his trouser pocket in the bus",
            theft,
            &statement
        ));
        // The statement's words, but nothing that meets the offence.
        assert!(!links(
            "I noticed it only when I got down",
            theft,
            &statement
        ));
        // The section's words, but not the statement's.
        assert!(!links(
            "Dishonestly taking movable property without consent",
            theft,
            &statement
        ));
    }

    #[test]
    fn a_reason_is_grounded_only_in_the_statements_words() {
        let statement = WordTokenizer::words(PICKPOCKET);
        assert!(grounded(
            "The phone was taken from his trouser pocket in a crowded bus",
            &statement
        ));
        assert!(!grounded(
            "The accused used a knife to threaten the complainant",
            &statement
        ));
        assert!(!grounded("Section applies", &statement));
    }
}
