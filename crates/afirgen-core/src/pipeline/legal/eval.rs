//! `afirgen kb eval`: the catalogue's retrieval, and the legal step as the pipeline runs
//! it, scored against complaints with the sections a careful officer would cite.

use super::{judge as judge_candidates, unjudged, CANDIDATES};
use crate::legal::{Catalogue, Hit, Told};
use crate::models::ModelClient;
use futures::StreamExt;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
    /// Cases whose cognizable flag was predicted right: the first section's row, as
    /// the case's property value decides it (as a draft classifies).
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
    /// What the drafts cite in item 2: unjudged (by words, or words and meaning), or as
    /// the LLM's judgement leaves it.
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
    /// Cases the draft classifies right from item 2 as cited: cognizable when a cited
    /// section's row (as the case's property value decides it) is, as the draft
    /// decides FIR or non-cognizable report. The retrieval figure `cognizable_accuracy`
    /// reads the first section alone.
    pub cognizable_accuracy: f64,
}

impl CitedFigures {
    fn of(
        catalogue: &Catalogue,
        cases: &[EvalCase],
        values: &[Option<u64>],
        cited: &[Vec<String>],
        judged: usize,
    ) -> Self {
        let (mut shown, mut right, mut expected, mut found, mut none_right) = (0, 0, 0, 0, 0);
        let mut classified_right = 0;
        for ((case, value), cited) in cases.iter().zip(values).zip(cited) {
            let cognizable = cited
                .iter()
                .filter_map(|c| catalogue.get(c))
                .any(|entry| entry.schedule(*value, None).cognizable);
            // A draft that cites nothing classifies nothing: not right.
            classified_right += usize::from(!cited.is_empty() && cognizable == case.cognizable);
            let hits = case.right_in(cited);
            shown += cited.len();
            right += hits;
            none_right += usize::from(hits == 0);
            expected += case.expected_bns.len();
            found += case.found_in(cited);
        }
        Self {
            precision: right as f64 / shown.max(1) as f64,
            recall: found as f64 / expected.max(1) as f64,
            per_case: shown as f64 / cases.len().max(1) as f64,
            none_right,
            judged,
            cognizable_accuracy: classified_right as f64 / cases.len().max(1) as f64,
        }
    }
}

impl EvalCase {
    /// How many of the expected sections `cited` meets.
    fn found_in<S: AsRef<str>>(&self, cited: &[S]) -> usize {
        self.expected_bns
            .iter()
            .filter(|e| cited.iter().any(|c| section_matches(e, c.as_ref())))
            .count()
    }

    /// How many of `cited` meet an expected section.
    fn right_in<S: AsRef<str>>(&self, cited: &[S]) -> usize {
        cited
            .iter()
            .filter(|c| {
                self.expected_bns
                    .iter()
                    .any(|e| section_matches(e, c.as_ref()))
            })
            .count()
    }
}

/// Whether a cited section meets an expected one: "303" meets "303(2)", "318(4)" only
/// "318(4)", "IT Act 66D" only itself, "NI Act 138" the catalogue's "Negotiable
/// Instruments Act 138" (Acts written short: [`crate::legal::full_act_name`]).
pub fn section_matches(expected: &str, cited: &str) -> bool {
    let expected = expected.trim().trim_start_matches("BNS ").trim();
    if let Some((act, section)) = expected.rsplit_once(' ') {
        return cited == format!("{} {section}", crate::legal::full_act_name(act));
    }
    if expected.contains('(') {
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
        found += case.found_in(&top);
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
        let first: Vec<&String> = cited.iter().take(3).collect();
        first_shown += first.len();
        first_right += case.right_in(&first);
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

/// The property value that decides a case's conditional rows: the statement read by
/// rule, as a draft made without a model reads it ([`crate::facts::Extracted::deciding_value`]).
fn property_value(text: &str) -> Option<u64> {
    let received = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap_or_default();
    crate::facts::combine(text, received, None, crate::config::ModelValues::default())
        .deciding_value()
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

/// What a draft's item 2 cites for `case` when no judgement of the model stands.
fn item_2(hits: &[Hit], case: &EvalCase, value: Option<u64>) -> Vec<String> {
    unjudged(hits, &case.text, value)
        .0
        .into_iter()
        .map(|h| h.section.clone())
        .collect()
}

/// The hits' sections, and whether the first is cognizable in the row the property
/// value decides (a first theft under ₹5,000 is not), as a draft classifies it.
fn retrieved(hits: Vec<Hit>, value: Option<u64>) -> (Vec<String>, bool) {
    let cognizable = hits
        .first()
        .is_some_and(|h| h.entry.schedule(value, None).cognizable);
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
    // The property value the rules read decides a conditional row, as in a draft.
    let values: Vec<Option<u64>> = cases.iter().map(|c| property_value(&c.text)).collect();
    let searched: Vec<Vec<Hit>> = cases
        .iter()
        .map(|case| catalogue.search(&case.text, 5))
        .collect();
    // What a draft made by words alone cites in item 2 (no judge, no meaning).
    let words_cited: Vec<Vec<String>> = searched
        .iter()
        .zip(cases.iter().zip(&values))
        .map(|(hits, (case, value))| item_2(hits, case, *value))
        .collect();
    let words: Vec<(Vec<String>, bool)> = searched
        .into_iter()
        .zip(&values)
        .map(|(hits, value)| retrieved(hits, *value))
        .collect();
    let mut retrieval = score(catalogue, cases, &values, &words);
    retrieval.cited = Some(CitedFigures::of(catalogue, cases, &values, &words_cited, 0));
    let mut report = EvalReport {
        retrieval,
        retrieval_meaning: None,
        retrieval_llm: None,
    };
    let Some(models) = models else {
        return Ok(report);
    };
    // The candidates the LLM line judges: those of the line by meaning when there is
    // one, else by words, so that the lines differ by the judgement alone (a second
    // search, the pipeline's own, falls back to words when an embedding waits past its
    // timeout, as it may behind the LLM's calls, and would measure the load).
    let mut candidates: Vec<Vec<Hit>> = Vec::new();
    if models.has_role(crate::models::Role::Embed) {
        let (mut meaning, mut cited) = (Vec::new(), Vec::new());
        for (case, value) in cases.iter().zip(&values) {
            // An embedding failure is an error here: words alone measured as meaning
            // would hide a broken server.
            let hits = catalogue
                .search_by_meaning(models, &case.text, CANDIDATES)
                .await?;
            // What a draft's item 2 cites when the model's judgement does not stand.
            cited.push(item_2(&hits, case, *value));
            if judge {
                candidates.push(hits.clone());
            }
            meaning.push(retrieved(hits, *value));
        }
        // The catalogue is embedded now: judged on the fused candidates, as the
        // pipeline runs once it is.
        let mut figures = score(catalogue, cases, &values, &meaning);
        figures.cited = Some(CitedFigures::of(catalogue, cases, &values, &cited, 0));
        report.retrieval_meaning = Some(figures);
    }
    if !judge {
        return Ok(report);
    }
    if !models.has_role(crate::models::Role::Embed) {
        candidates = cases
            .iter()
            .map(|case| catalogue.search(&case.text, CANDIDATES))
            .collect();
    }
    let runs = cases
        .iter()
        .zip(&values)
        .zip(candidates)
        .map(|((case, value), hits)| async move {
            // No summary in the prompt: retrieval's line read the statement alone. The
            // value decides the rows as it does for that line.
            let told = Told::new(&case.text);
            let (output, _) =
                judge_candidates(models, catalogue, "", *value, &case.text, &told, hits, None)
                    .await;
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
    // As many cases at once as the model gate passes calls: more would only queue
    // behind it.
    let at_once = models.gates().snapshot().max_concurrent_model_calls.max(1);
    let (offered, cited): (Vec<_>, Vec<(Vec<String>, bool)>) = futures::stream::iter(runs)
        .buffered(at_once)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .unzip();
    let judged = cited.iter().filter(|(_, judged)| *judged).count();
    let cited: Vec<Vec<String>> = cited.into_iter().map(|(c, _)| c).collect();
    let mut figures = score(catalogue, cases, &values, &offered);
    figures.cited = Some(CitedFigures::of(catalogue, cases, &values, &cited, judged));
    report.retrieval_llm = Some(figures);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_sections_meet_their_citations() {
        assert!(section_matches("303", "303(2)"));
        assert!(section_matches("BNS 303(2)", "303(2)"));
        assert!(!section_matches("318(4)", "318(2)"));
        assert!(section_matches("IT Act 66D", "IT Act 66D"));
        assert!(!section_matches("IT Act 66", "IT Act 66D"));
        assert!(section_matches(
            "NI Act 138",
            "Negotiable Instruments Act 138"
        ));
        assert!(!section_matches("NI Act 138", "NI Act 13"));
        assert!(!section_matches(
            "NI Act 13",
            "Negotiable Instruments Act 138"
        ));
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
        let catalogue = Catalogue::builtin();
        let figures = CitedFigures::of(catalogue, &cases, &[None, None], &cited, 1);
        assert_eq!(figures.precision, 1.0 / 3.0);
        assert_eq!(figures.recall, 1.0 / 3.0);
        assert_eq!(figures.per_case, 1.5);
        assert_eq!(figures.none_right, 1);
        assert_eq!(figures.judged, 1);
        // Theft is cognizable, simple cheating (318(2)) is not: one case classified right.
        assert_eq!(figures.cognizable_accuracy, 0.5);
        // A first theft under ₹5,000 is not cognizable, nor is 314: neither right.
        let small = CitedFigures::of(catalogue, &cases, &[Some(3_000), None], &cited, 1);
        assert_eq!(small.cognizable_accuracy, 0.0);
    }

    #[test]
    fn retrieval_classifies_its_first_section_by_the_property_value() {
        let hits = Catalogue::builtin().search("someone stole my bicycle from outside the shop", 5);
        assert_eq!(hits[0].section, "303(2)");
        assert!(retrieved(hits.clone(), None).1);
        // A first theft under ₹5,000: the non-cognizable row.
        assert!(!retrieved(hits, Some(3_000)).1);
    }

    #[tokio::test]
    async fn the_llm_line_judges_the_candidates_the_meaning_line_ranked() {
        // The model cites 303(2) wherever retrieval ranked it: it may reorder item 2,
        // and what the officer is offered beside it is the same first five.
        let server = afirgen_mock::MockServer::start(
            "127.0.0.1:0".parse().expect("an address"),
            afirgen_mock::MockConfig {
                canned: [(
                    super::super::SCHEMA_NAME.to_owned(),
                    serde_json::json!({"sections": [
                        {"section": "303(2)", "reason": "took my phone from my pocket"},
                    ]}),
                )]
                .into(),
                ..afirgen_mock::MockConfig::default()
            },
        )
        .await
        .expect("the mock starts");
        let mut config = crate::config::Config::default();
        config.llm.urls = vec![server.url()];
        config.embed.urls = vec![server.url()];
        let models = ModelClient::standalone(&config).expect("a client");
        let case = |id: &str, text: &str, expected: &[&str]| EvalCase {
            id: id.to_owned(),
            text: text.to_owned(),
            expected_bns: expected.iter().map(|s| s.to_string()).collect(),
            cognizable: true,
            schedule: BTreeMap::new(),
        };
        let cases = [
            case(
                "a",
                "In the crowded bus somebody took my phone from my pocket.",
                &["303(2)"],
            ),
            case(
                "b",
                "My neighbour hit me with a rod and said he would kill me.",
                &["118(1)", "351(2)"],
            ),
            case("c", "मेरा पर्स छीन लिया और भाग गया", &["304(2)"]),
        ];
        let catalogue = Catalogue::builtin();
        let embedded = || server.stats().by_schema.get("embeddings").copied();
        // Without the judge: the catalogue embedded once, then one query per case.
        evaluate(catalogue, Some(&models), false, &cases)
            .await
            .expect("the evaluation runs");
        let before = embedded().expect("the line by meaning embedded");
        let report = evaluate(catalogue, Some(&models), true, &cases)
            .await
            .expect("the evaluation runs");
        // With it, still one query per case: the LLM line searches no second time.
        assert_eq!(embedded(), Some(before + cases.len() as u64));
        let (meaning, llm) = (
            report.retrieval_meaning.expect("a line by meaning"),
            report.retrieval_llm.expect("a line with the LLM"),
        );
        for ((id, _, ranked), (_, _, offered)) in meaning.details.iter().zip(&llm.details) {
            let first_five = |list: &[String]| {
                let mut five: Vec<String> = list.iter().take(5).cloned().collect();
                five.sort();
                five
            };
            assert_eq!(first_five(offered), first_five(ranked), "case {id}");
        }
        assert_eq!(llm.recall_at_5, meaning.recall_at_5);
        assert!(llm.cited.expect("item 2").judged > 0);
    }
}
