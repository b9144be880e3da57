//! The legal catalogue: BNS offence sections and the special Acts commonly cited beside
//! them, each with its First Schedule facts, and BM25 retrieval over titles, plain
//! descriptions and English/Hindi keywords (docs/architecture.md, section 6).
//!
//! The catalogue is a data file of the project (`data/legal/catalogue.jsonl`) compiled
//! into the binary; a station's own entries can be imported on top.

use crate::fir::{Classification, FirDraft, ScheduleFacts, ScheduleRow, SectionCitation};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::OnceLock;

mod bundled;
mod citation;
mod elements;
mod fusion;
mod import;
mod phrases;
mod principal;
pub(crate) use principal::WITHIN as PRINCIPAL_WITHIN;
pub mod qualifiers;
mod semantic;
mod told;
pub(crate) use told::FIRST;
mod words;
pub use citation::full_act_name;
pub use elements::{Element, Told};
pub use import::{parse_csv, parse_jsonl, validate};
pub use words::WordTokenizer;

/// The `when` of a section's own row, listed among the others when a condition applies.
pub const OTHERWISE: &str = "otherwise";

/// Gives each cited section in the catalogue the First Schedule row the draft decides,
/// and classifies the draft again: the row the officer chose, else the one the total
/// property value decides (theft under ₹5,000 is non-cognizable and bailable) — only
/// when every property's value is known, as a partial total would understate it. A
/// chosen row the section does not have (the sections changed) is dropped; a section
/// not in the catalogue keeps its facts.
pub fn classify(catalogue: &Catalogue, draft: &mut FirDraft) {
    let value = deciding_value(
        draft
            .properties
            .iter()
            .map(|p| (p.description.as_str(), p.value_inr)),
        draft.total_property_value_inr,
    );
    draft.classification = Some(classify_sections(
        catalogue,
        &mut draft.acts_sections,
        value,
    ));
}

/// [`classify`] for sections alone, with the value that decides a conditional row
/// (the legal step classifies its sections so before the draft is made).
pub fn classify_sections(
    catalogue: &Catalogue,
    sections: &mut [SectionCitation],
    value: Option<u64>,
) -> Classification {
    for section in sections.iter_mut() {
        if let Some(entry) = catalogue.get(&section.catalogue_key()) {
            if section
                .row
                .as_deref()
                .is_some_and(|when| !entry.has_row(when))
            {
                section.row = None;
            }
            section.schedule = Some(entry.schedule(value, section.row.as_deref()));
        }
    }
    Classification::of(sections)
}

/// The property value that decides a conditional row: the total, only when every
/// property's value (description, value) is known (a partial total would understate
/// it); papers and cards ([`crate::facts::is_document`]) have no value to know.
pub(crate) fn deciding_value<'a>(
    mut values: impl Iterator<Item = (&'a str, Option<u64>)>,
    total: Option<u64>,
) -> Option<u64> {
    values
        .all(|(description, value)| value.is_some() || crate::facts::is_document(description))
        .then_some(total)
        .flatten()
}

/// Checks the Schedule row chosen for `section`: one of its rows, or [`OTHERWISE`].
pub fn check_row(catalogue: &Catalogue, section: &SectionCitation) -> Result<(), String> {
    let Some(when) = section.row.as_deref() else {
        return Ok(());
    };
    let citation = section.catalogue_key();
    let entry = catalogue.get(&citation);
    if entry.is_some_and(|e| e.has_row(when)) {
        return Ok(());
    }
    let rows: Vec<String> = std::iter::once(OTHERWISE)
        .chain(
            entry
                .into_iter()
                .flat_map(|e| e.conditions.iter().map(|r| r.when.as_str())),
        )
        .map(|w| format!("{w:?}"))
        .collect();
    Err(format!(
        "{citation} has no Schedule row {when:?}; its rows: {}",
        rows.join(", ")
    ))
}

/// The built-in catalogue file.
const BUILTIN: &str = include_str!("../../../../data/legal/catalogue.jsonl");

/// Who tries the offence, as the First Schedule puts it.
pub const COURTS: [&str; 4] = [
    "Any Magistrate",
    "Magistrate of the first class",
    "Court of Session",
    "Special Court",
];

/// One citable section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// "BNS", or a special Act ("IT Act", "Dowry Prohibition Act", ...).
    pub act: String,
    /// Section with sub-section where the Schedule distinguishes, e.g. "303(2)".
    pub section: String,
    /// Short title.
    pub title: String,
    /// Punishment as the statute gives it.
    pub punishment: String,
    /// Police may register an FIR and arrest without warrant.
    pub cognizable: bool,
    /// Bail is a right.
    pub bailable: bool,
    /// The court that tries it.
    pub triable_by: String,
    /// Plain-language description, written for retrieval.
    pub description: String,
    /// Words and phrasings people use, in English and Hindi (Devanagari and romanised).
    pub keywords: Vec<String>,
    /// What happened, as a complainant tells it (English, Hindi, Hinglish): each is
    /// embedded on its own, so a statement in everyday words meets the section by
    /// meaning even where it shares no keyword.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
    /// Where the classification was read: "BNSS First Schedule, Part I, p. 181".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The Schedule's further rows for this section, each under a condition (theft
    /// under ₹5,000; a second conviction).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ScheduleRow>,
    /// The Indian Penal Code sections it replaced ("379" for 303(2)), for an officer who
    /// searches by the old number ("IPC 379"); BNS entries only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ipc: Vec<String>,
    /// Elements the statement must tell before the entry is cited without the officer's
    /// choice (robbery: force; the SC/ST Act: caste); until then it is offered
    /// ([`elements`]), and it takes the first place only when none of the first three
    /// needs nothing untold ([`principal`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Element>,
    /// Elements that, all told, tell this offence even in passing (a threat: 351(2));
    /// the entry is then lifted among the first five candidates where a place is free
    /// ([`told`]), and cited by a draft without a judge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub told_by: Vec<Element>,
    /// Elements any one of which, told, means `told_by` tells another offence (a blow
    /// with a weapon is not simple hurt).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless_told: Vec<Element>,
}

impl Entry {
    /// The first element it requires that `statement` does not tell, if any.
    pub fn untold(&self, statement: &str) -> Option<Element> {
        self.untold_in(&Told::new(statement))
    }

    /// The first element it requires that the statement `told` does not tell, if any.
    pub fn untold_in(&self, told: &Told) -> Option<Element> {
        self.requires.iter().copied().find(|e| !told.tells(*e))
    }

    /// Whether the statement `told` tells this offence by its elements ([`told`]).
    pub fn told_in(&self, told: &Told) -> bool {
        !self.told_by.is_empty()
            && self.told_by.iter().all(|e| told.tells(*e))
            && !self.told_against(told)
    }

    /// Whether the statement `told` tells this offence by its elements: its
    /// [`Entry::told_by`], or all it [`Entry::requires`] when each of those tells the
    /// offence ([`Element::tells_offence`]: force, caste, an abduction).
    pub fn evidenced_in(&self, told: &Told) -> bool {
        let required = !self.requires.is_empty()
            && self.requires.iter().all(|e| e.tells_offence())
            && self.untold_in(told).is_none()
            && !self.told_against(told);
        required || self.told_in(told)
    }

    /// Whether the statement `told` tells something that rules this offence out as
    /// told ([`Entry::unless_told`]: simple hurt, when a weapon is told).
    pub fn told_against(&self, told: &Told) -> bool {
        self.unless_told.iter().any(|e| told.tells(*e))
    }

    /// Whether `when` names one of its rows: [`OTHERWISE`] (its own) or a condition's.
    pub fn has_row(&self, when: &str) -> bool {
        when == OTHERWISE || self.conditions.iter().any(|r| r.when == when)
    }

    /// The First Schedule facts for a case whose property is worth `value` rupees (when
    /// known): the first conditional row the value decides, else the entry's own row.
    /// Rows the facts cannot decide (a second conviction) go with it for the officer.
    ///
    /// `chosen` is the officer's choice (a row's `when`, or [`OTHERWISE`] for the
    /// entry's own row), which the facts do not override.
    pub fn schedule(&self, value: Option<u64>, chosen: Option<&str>) -> ScheduleFacts {
        let chosen = chosen.filter(|when| self.has_row(when));
        let applied = match chosen {
            Some(when) => self.conditions.iter().find(|row| row.when == when),
            None => self.conditions.iter().find(|row| row.decided_by(value)),
        };
        let mut facts = ScheduleFacts {
            cognizable: self.cognizable,
            bailable: self.bailable,
            triable_by: self.triable_by.clone(),
            punishment: self.punishment.clone(),
            condition: None,
            chosen: chosen.is_some(),
            other_rows: self.conditions.clone(),
        };
        if let Some(row) = applied {
            // The section's own row goes with the others, so the officer sees it too.
            facts.other_rows.retain(|r| r != row);
            facts.other_rows.insert(
                0,
                ScheduleRow {
                    when: OTHERWISE.to_owned(),
                    value_below_inr: None,
                    value_at_least_inr: None,
                    punishment: self.punishment.clone(),
                    cognizable: self.cognizable,
                    bailable: self.bailable,
                    triable_by: self.triable_by.clone(),
                },
            );
            facts.cognizable = row.cognizable;
            facts.bailable = row.bailable;
            facts.triable_by = row.triable_by.clone();
            facts.punishment = row.punishment.clone();
            facts.condition = Some(row.when.clone());
        }
        facts
    }

    /// How the section is cited: "303(2)" for BNS, "IT Act 66D" otherwise.
    pub fn citation(&self) -> String {
        crate::fir::catalogue_key(&self.act, &self.section)
    }
}

/// A catalogue that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogueError {
    /// A line is not a valid entry.
    #[error("line {line}: {message}")]
    Invalid {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One search hit.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Hit {
    /// The citation, e.g. "303(2)" or "IT Act 66D".
    pub section: String,
    /// Short title.
    pub title: String,
    /// The reciprocal-rank score of the rankings that found it, or for an entry lifted
    /// as told in passing the score of the place it took (higher is better; compare
    /// within one search only).
    pub score: f32,
    /// Found by words and meaning: whether both rankings place it among their first
    /// [`AGREE`]. None when it was found by one ranking alone (words, without an
    /// embedding server).
    #[serde(skip)]
    pub agreed: Option<bool>,
    /// The whole entry.
    #[serde(skip)]
    pub entry: Entry,
}

/// How high both rankings must place an entry for a fused hit to count as agreed on.
pub const AGREE: usize = 10;

/// The catalogue with its search index.
pub struct Catalogue {
    entries: Vec<Entry>,
    /// By an entry's title, description and keywords.
    engine: bm25::SearchEngine<u32, u32, WordTokenizer>,
    /// By how complainants tell an entry: its keywords and examples ([`told_text`]).
    tellings: bm25::SearchEngine<u32, u32, WordTokenizer>,
    /// By the keyword phrases a statement holds whole.
    phrases: phrases::Phrases,
    /// The entries with `told_by` elements, in the catalogue's order ([`told`]).
    told_by: Vec<usize>,
    vectors: semantic::VectorCache,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

/// What an entry is indexed by: the keywords (how complainants say it) count four times,
/// the title and the description once. Chosen with [`LENGTH_NORMALISATION`] on the
/// development files (docs/legal-accuracy.md, 2026-12-04): keywords twice and the title
/// twice let a statement's incidental words (a road, a shop, a phone) outrank them.
fn indexed_text(entry: &Entry) -> String {
    let keywords = entry.keywords.join(" ");
    format!(
        "{} {} {keywords} {keywords} {keywords} {keywords}",
        entry.title, entry.description
    )
}

/// What an entry is indexed by for its second word ranking: how complainants say it —
/// its keywords once and its examples. (The examples alone missed short statements whose
/// one telling word is a keyword, "लड़की को छेड़ा"; with the keywords, recall@5 by words
/// and meaning on the development files was equal and precision@3 higher:
/// docs/legal-accuracy.md.)
fn told_text(entry: &Entry) -> String {
    format!(
        "{}\n{}",
        entry.keywords.join("; "),
        entry.examples.join("\n")
    )
}

/// BM25's `b`: how much a long entry is penalised. Entries with many keywords are the
/// offences people describe in many ways; the default 0.75 pushed them down.
const LENGTH_NORMALISATION: f32 = 0.3;

impl Catalogue {
    /// Builds a catalogue; the same citation twice is an error.
    pub fn new(entries: Vec<Entry>) -> Result<Catalogue, CatalogueError> {
        let mut seen = HashSet::new();
        for (i, entry) in entries.iter().enumerate() {
            if !seen.insert(entry.citation()) {
                return Err(CatalogueError::Invalid {
                    line: i + 1,
                    message: format!("{} appears twice", entry.citation()),
                });
            }
        }
        let index = |text: fn(&Entry) -> String| {
            let documents = entries
                .iter()
                .enumerate()
                .map(|(i, entry)| bm25::Document::new(i as u32, text(entry)));
            bm25::SearchEngineBuilder::<u32, u32, WordTokenizer>::with_tokenizer_and_documents(
                WordTokenizer,
                documents,
            )
            .b(LENGTH_NORMALISATION)
            .build()
        };
        let engine = index(indexed_text);
        let tellings = index(told_text);
        let phrases = phrases::Phrases::new(&entries);
        let told_by = (0..entries.len())
            .filter(|&i| !entries[i].told_by.is_empty())
            .collect();
        Ok(Catalogue {
            entries,
            told_by,
            engine,
            tellings,
            phrases,
            vectors: semantic::VectorCache::default(),
        })
    }

    /// The built-in catalogue, loaded and indexed once.
    pub fn builtin() -> &'static Catalogue {
        Self::builtin_cell_arc()
    }

    /// The built-in catalogue as a shared handle.
    pub fn builtin_shared() -> std::sync::Arc<Catalogue> {
        std::sync::Arc::clone(Self::builtin_cell_arc())
    }

    fn builtin_cell_arc() -> &'static std::sync::Arc<Catalogue> {
        static CATALOGUE: OnceLock<std::sync::Arc<Catalogue>> = OnceLock::new();
        CATALOGUE.get_or_init(|| {
            // The file is part of the build and checked by tests; failing here is a bug.
            let entries = parse_jsonl(BUILTIN).expect("the built-in catalogue is valid");
            std::sync::Arc::new(
                Catalogue::new(entries).expect("the built-in catalogue has no duplicates"),
            )
        })
    }

    /// The built-in entries with a station's own on top (an entry with the same citation
    /// replaces the built-in one).
    pub fn with_station(station: Vec<Entry>) -> Result<Catalogue, CatalogueError> {
        let mut entries: Vec<Entry> = Catalogue::builtin()
            .entries
            .iter()
            .filter(|e| !station.iter().any(|s| s.citation() == e.citation()))
            .cloned()
            .collect();
        entries.extend(station);
        Catalogue::new(entries)
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry cited as `citation` ("303(2)", "IT Act 66D"), if any.
    pub fn get(&self, citation: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.citation() == citation)
    }

    /// The entries a typed citation names ("303(2) BNS", "u/s 138 NI Act", "66D", "303"
    /// for its sub-sections, "IPC 379" for the section that replaced it), in the
    /// catalogue's order: of the Act named, else the Sanhita's, else any Act's. Empty
    /// when `text` is not one citation or names none.
    pub fn cited(&self, text: &str) -> Vec<&Entry> {
        self.cited_indices(text)
            .into_iter()
            .filter_map(|i| self.entries.get(i))
            .collect()
    }

    fn cited_indices(&self, text: &str) -> Vec<usize> {
        let Some((act, section)) = citation::parse(text) else {
            return Vec::new();
        };
        if act.as_deref().is_some_and(citation::is_penal_code) {
            // "IPC 379": the entries that replaced it.
            return (self.entries.iter().enumerate())
                .filter(|(_, e)| e.ipc.iter().any(|s| s.eq_ignore_ascii_case(&section)))
                .map(|(i, _)| i)
                .collect();
        }
        let act = match act {
            Some(name) => {
                match citation::act_named(&name, self.entries.iter().map(|e| e.act.as_str())) {
                    Some(act) => Some(act.to_owned()),
                    // "phone worth 5000": words, not an Act.
                    None => return Vec::new(),
                }
            }
            None => None,
        };
        let of = |act: Option<&str>| -> Vec<usize> {
            self.entries
                .iter()
                .enumerate()
                .filter(|(_, e)| act.is_none_or(|a| e.act == a))
                .filter(|(_, e)| citation::names(&section, &e.section))
                .map(|(i, _)| i)
                .collect()
        };
        match act {
            Some(act) => of(Some(&act)),
            None => {
                let sanhita = of(Some("BNS"));
                if sanhita.is_empty() {
                    of(None)
                } else {
                    sanhita
                }
            }
        }
    }

    /// The entries `query` names when it is a citation ([`Catalogue::cited`]), as hits
    /// scored 1; None when it names none, and the query is searched for.
    fn hits_by_citation(&self, query: &str, limit: usize) -> Option<Vec<Hit>> {
        let cited = self.cited_indices(query);
        (!cited.is_empty()).then(|| {
            cited
                .into_iter()
                .take(limit)
                .filter_map(|i| self.hit(i, 1.0))
                .collect()
        })
    }

    /// The best `limit` entries for `query` by words alone, best first; the entries it
    /// names when it is a citation.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        if let Some(hits) = self.hits_by_citation(query, limit) {
            return hits;
        }
        self.search_words(query, &Told::new(query), limit)
    }

    /// [`Catalogue::search`] with the elements that order the first five read from
    /// `told` (the statement), not from the query.
    fn search_words(&self, query: &str, told: &Told, limit: usize) -> Vec<Hit> {
        let rankings = self.word_rankings(query);
        let rankings: Vec<&[usize]> = rankings.iter().map(Vec::as_slice).collect();
        self.order(told, fusion::fuse(&rankings))
            .into_iter()
            .take(limit)
            .filter_map(|(index, score)| self.hit(index, score))
            .collect()
    }

    /// Entry indices by words, best first, three rankings with a vote each: BM25 over
    /// the entries' own text, BM25 over their tellings, and the keyword phrases the
    /// statement holds whole ([`phrases`]: a second offence told in one clause, which
    /// BM25 over a long statement ranks below the main one's siblings). The first two
    /// are not one index of both: indexed together,
    /// nine tellings outweighed an entry's keywords and lowered recall with meaning
    /// beside them; ranked apart, each finds what the other misses (the tellings carry
    /// the words complainants use, the keywords the words officers use; recall@5 by
    /// words alone on the development files 0.58–0.79 → 0.71–0.96,
    /// docs/legal-accuracy.md).
    fn word_rankings(&self, query: &str) -> Vec<Vec<usize>> {
        // Every match, ordered here: the engine orders equal scores as a hash set
        // yields them, which differs from run to run, so the same statement got
        // different sections (measured: holdout-15's recall@5 0.831 or 0.844 from one
        // binary). Equal scores go in the catalogue's order, as in every other ranking.
        let ranking = |engine: &bm25::SearchEngine<u32, u32, WordTokenizer>| {
            let mut results: Vec<(usize, f32)> = engine
                .search(query, None)
                .into_iter()
                .map(|result| (result.document.id as usize, result.score))
                .collect();
            results.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            results
                .into_iter()
                .take(fusion::DEPTH)
                .map(|(index, _)| index)
                .collect::<Vec<usize>>()
        };
        vec![
            ranking(&self.engine),
            ranking(&self.tellings),
            self.phrases.ranking(query, fusion::DEPTH),
        ]
    }

    /// `ranked` (fused) as the officer reads it: the principal offence first
    /// ([`principal`]) and the entries the statement (`told`) tells in passing among the
    /// first five ([`told`]).
    fn order(&self, told: &Told, ranked: Vec<(usize, f32)>) -> Vec<(usize, f32)> {
        let ranked = principal::first(&self.entries, told, ranked);
        told::lift(&self.entries, &self.told_by, told, ranked)
    }

    /// The hit for the entry at `index`, scored `score`.
    fn hit(&self, index: usize, score: f32) -> Option<Hit> {
        let entry = self.entries.get(index)?.clone();
        Some(Hit {
            section: entry.citation(),
            title: entry.title.clone(),
            score,
            agreed: None,
            entry,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_station_entry_may_name_the_penal_code_sections_it_replaced() {
        let csv = "act,section,title,punishment,cognizable,bailable,triable_by,description,keywords,ipc\n\
                   BNS,303(2),Theft,Up to 3 years,true,false,Any Magistrate,Theft,chori,379\n\
                   Gambling Act,3,Gaming house,Fine,true,true,Any Magistrate,A gambling den,juaa,\n";
        let entries = parse_csv(csv).unwrap();
        assert_eq!(entries[0].ipc, ["379"]);
        assert!(entries[1].ipc.is_empty());
        let mut other = entries[1].clone();
        other.ipc = vec!["3".to_owned()];
        assert!(validate(&other).unwrap_err().contains("Sanhita"));
        let mut theft = entries[0].clone();
        theft.ipc = vec!["IPC 379".to_owned()];
        assert!(validate(&theft)
            .unwrap_err()
            .contains("not a section number"));
    }

    #[test]
    fn a_chosen_row_its_section_lacks_is_dropped() {
        let catalogue = Catalogue::builtin();
        let entry = catalogue.get("303(2)").unwrap();
        let mut section =
            crate::pipeline::legal::cite(entry, None, crate::fir::SectionSource::Officer);
        // Chosen for 78(2), left on 303(2) when the sections moved.
        section.row = Some("it is a second or subsequent conviction".into());
        let mut draft = FirDraft {
            acts_sections: vec![section],
            ..FirDraft::default()
        };
        classify(catalogue, &mut draft);
        let cited = &draft.acts_sections[0];
        assert_eq!(cited.row, None);
        assert!(!cited.schedule.as_ref().unwrap().chosen);
        assert!(check_row(catalogue, cited).is_ok());
    }

    #[test]
    fn a_stolen_card_leaves_a_small_theft_non_cognizable() {
        let catalogue = Catalogue::builtin();
        let entry = catalogue.get("303(2)").unwrap();
        let property = |description: &str, value_inr: Option<u64>| crate::fir::Property {
            description: description.to_owned(),
            value_inr,
        };
        let mut draft = FirDraft {
            acts_sections: vec![crate::pipeline::legal::cite(
                entry,
                None,
                crate::fir::SectionSource::Officer,
            )],
            properties: vec![
                property("cash", Some(1_850)),
                property("Aadhaar card", None),
            ],
            total_property_value_inr: Some(1_850),
            ..FirDraft::default()
        };
        classify(catalogue, &mut draft);
        assert!(!draft.acts_sections[0].schedule.as_ref().unwrap().cognizable);
        // A valuable without a value leaves the total partial: the entry's own row.
        draft.properties.push(property("gold chain", None));
        classify(catalogue, &mut draft);
        assert!(draft.acts_sections[0].schedule.as_ref().unwrap().cognizable);
    }

    #[test]
    fn the_same_statement_gets_the_same_word_rankings_every_time() {
        // Its words score several entries equally in a ranking; the engine yields equal
        // scores in a hash set's order, which changed from one search to the next.
        let catalogue = Catalogue::builtin();
        let statement = "हरिओम ने उसे दुकान के पीछे वाले कमरे में बुलाया, टॉफ़ी दी और उसकी फ्रॉक \
                         के अंदर हाथ डालकर गंदी जगह छुआ, और बोला किसी को बताया तो तेरी मम्मी \
                         को मार दूँगा। मेरी बेटी 8 साल की है।";
        let first = catalogue.word_rankings(statement);
        assert!(first.iter().all(|ranking| !ranking.is_empty()));
        for _ in 0..20 {
            assert_eq!(catalogue.word_rankings(statement), first);
        }
    }

    #[test]
    fn devanagari_words_stay_whole() {
        // Whole words, inflection stripped, the light verbs and auxiliaries dropped.
        assert_eq!(
            WordTokenizer::words("मोटरसाइकिल चोरी हो गई"),
            ["मोटरसाइकिल", "चोर"]
        );
        assert_eq!(WordTokenizer::words("मारते"), WordTokenizer::words("मारा"));
        assert_eq!(WordTokenizer::words("पर्स छीन लिया"), ["पर्स", "छीन"]);
        assert_eq!(
            WordTokenizer::words("चोर"),
            ["चोर"],
            "a short stem is not cut"
        );
        // Romanised Hindi is not stemmed ("chhed" was cut to "ch"), and its spellings
        // meet: long vowels, doubled letters, z for j.
        assert_eq!(
            WordTokenizer::words("ladki ko chhed raha tha"),
            ["ladki", "ched"]
        );
        assert_eq!(
            WordTokenizer::words("chaaku se maarne ki koshish, zinda nahi chhodunga"),
            WordTokenizer::words("chaku se marne ki koshish, jinda nahin chodunga")
        );
        assert_eq!(WordTokenizer::words("kheencha"), ["khincha"]);
        // Pronouns, particles and verbs of saying are not words of an offence.
        assert_eq!(
            WordTokenizer::words("usne pe bola tujhe nahi"),
            Vec::<String>::new()
        );
        assert_eq!(
            WordTokenizer::words("उसने बोला तुझे नहीं"),
            Vec::<String>::new()
        );
        // Nukta spellings meet.
        assert_eq!(WordTokenizer::words("बाज़ार"), WordTokenizer::words("बाजार"));
        assert_eq!(
            WordTokenizer::words("Stolen, SNATCHED chains"),
            ["steal", "snatch", "chain"]
        );
    }
}
