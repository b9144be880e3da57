//! The FIR draft: every item of the NCRB IIF-1 form as a typed field, plus the facts the
//! LLM extracts and the seal of a finalized record.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Facts extracted from the complainant's statement (pipeline step 2).
///
/// Every field is optional except the summary: a statement rarely holds everything, and a
/// missing fact is left for the officer rather than invented. A field the model was not
/// asked for (the rules read it) is absent from its answer and reads as empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Facts {
    /// The person reporting.
    pub complainant: PersonFacts,
    /// When and where it happened.
    pub incident: IncidentFacts,
    /// Known, suspected or unknown accused.
    pub accused: Vec<AccusedFacts>,
    /// People who saw it.
    pub witnesses: Vec<PersonFacts>,
    /// Property stolen or involved.
    pub property: Vec<PropertyFacts>,
    /// Why the report comes late, if it does.
    pub delay_reason: Option<String>,
    /// A short neutral summary in the statement's language.
    pub summary: String,
}

/// A person as described in the statement.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PersonFacts {
    /// Name as given.
    pub name: Option<String>,
    /// Father's or husband's name.
    pub relative_name: Option<String>,
    /// Age in years, if stated.
    pub age: Option<u32>,
    /// Occupation.
    pub occupation: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// When and where the incident happened.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IncidentFacts {
    /// First day, `YYYY-MM-DD`.
    pub date_from: Option<String>,
    /// Last day, `YYYY-MM-DD` (same as `date_from` for a single day).
    pub date_to: Option<String>,
    /// Start time, `HH:MM` (24 h).
    pub time_from: Option<String>,
    /// End time, `HH:MM`.
    pub time_to: Option<String>,
    /// The time as the complainant put it ("yesterday evening around 7").
    pub time_description: Option<String>,
    /// Where, as an address or description.
    pub place: Option<String>,
}

/// An accused person, named or described.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccusedFacts {
    /// Name, if known.
    pub name: Option<String>,
    /// Description (appearance, vehicle, relation to the complainant).
    pub description: Option<String>,
    /// Address, if known.
    pub address: Option<String>,
}

/// A piece of property stolen or involved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertyFacts {
    /// What it is ("Samsung mobile phone").
    pub description: String,
    /// Value in rupees, if stated.
    pub value_inr: Option<u64>,
}

/// Where a draft field's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Found in the statement by the rules (dates, amounts, phones, the introduction).
    Rule,
    /// Said by the model and found in the statement.
    Model,
    /// Typed or confirmed by the officer.
    Officer,
}

/// Something about one field the officer should look at before signing: a value left
/// out because the statement does not support it, two readings that disagree, a check
/// that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldNote {
    /// The field's dotted path in the draft (`complainant.name`, `accused`).
    pub field: String,
    /// What is wrong, for the officer.
    pub message: String,
    /// The other reading, when there is one (e.g. the model's value).
    #[serde(default)]
    pub alternative: Option<String>,
}

/// Where a cited section came from, and so how far to trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionSource {
    /// Suggested by the LLM and checked only for format: the officer must verify it.
    /// (Drafts made before the catalogue; new drafts never carry it.)
    LlmUnverified,
    /// Retrieved from the catalogue and judged applicable by the LLM.
    LlmJudged,
    /// Retrieved from the catalogue only (the LLM was unavailable or chose nothing):
    /// unreviewed suggestions the officer must confirm.
    RetrievalUnreviewed,
    /// Chosen or confirmed by the officer.
    Officer,
}

/// How the catalogue names a section of an Act: "303(2)" for the BNS (the Act every FIR
/// cites, so left implicit), "IT Act 66D" for any other.
pub fn catalogue_key(act: &str, section: &str) -> String {
    if act == "BNS" {
        section.to_owned()
    } else {
        format!("{act} {section}")
    }
}

/// One entry of item 2 (Acts and Sections).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionCitation {
    /// The Act, e.g. "BNS" or "IT Act".
    pub act: String,
    /// The section with sub-section where it matters, e.g. "303(2)".
    pub section: String,
    /// The section's short title, when known.
    pub title: Option<String>,
    /// Why it applies, in one line.
    pub reason: Option<String>,
    /// Where the citation came from.
    pub source: SectionSource,
    /// First Schedule facts, from the catalogue.
    #[serde(default)]
    pub schedule: Option<ScheduleFacts>,
    /// The Schedule row the officer chose (its `when`, or "otherwise" for the section's
    /// own row) where the facts cannot decide it; None lets the facts decide.
    #[serde(default)]
    pub row: Option<String>,
}

/// A section's classification in the First Schedule: the row that applies to this case,
/// and the section's other rows (theft under ₹5,000, a second conviction...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduleFacts {
    /// Cognizable (FIR, arrest without warrant) or not.
    pub cognizable: bool,
    /// Bailable or not.
    pub bailable: bool,
    /// The court that tries it.
    pub triable_by: String,
    /// The punishment.
    pub punishment: String,
    /// The condition of the row that applies, when it is not the section's first row
    /// ("the value of the property is under ₹5,000").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// Whether the officer chose the row (else the facts decided it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub chosen: bool,
    /// The section's rows that apply under a condition, as the Schedule prints them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_rows: Vec<ScheduleRow>,
}

/// A First Schedule row that applies to a section under a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ScheduleRow {
    /// The condition as an officer reads it: "the value of the property is under ₹5,000".
    pub when: String,
    /// Applies when the case's total property value is known and below this (rupees);
    /// a row without it (a second conviction) is for the officer to choose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_below_inr: Option<u64>,
    /// Applies when the case's total property value is known and at least this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_at_least_inr: Option<u64>,
    /// The punishment in this case.
    pub punishment: String,
    /// Cognizable in this case.
    pub cognizable: bool,
    /// Bailable in this case.
    pub bailable: bool,
    /// The court that tries it in this case.
    pub triable_by: String,
}

impl ScheduleRow {
    /// Whether a total property value of `value` decides that this row applies.
    pub fn decided_by(&self, value: Option<u64>) -> bool {
        match (value, self.value_below_inr, self.value_at_least_inr) {
            (_, None, None) | (None, _, _) => false,
            (Some(v), below, at_least) => {
                below.is_none_or(|b| v < b) && at_least.is_none_or(|a| v >= a)
            }
        }
    }
}

/// Whether the case is an FIR or a non-cognizable report, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Classification {
    /// At least one cited offence is cognizable.
    pub cognizable: bool,
    /// `fir`, or `ncr` (non-cognizable report).
    pub report: String,
    /// Why, in one sentence.
    pub reason: String,
}

impl Classification {
    /// Classifies by the cited sections' schedule facts.
    pub fn of(sections: &[SectionCitation]) -> Classification {
        let cited = |filter: &dyn Fn(&ScheduleFacts) -> bool| {
            sections
                .iter()
                .filter(|s| s.schedule.as_ref().is_some_and(filter))
                .map(|s| s.display())
                .collect::<Vec<_>>()
        };
        let cognizable = cited(&|f| f.cognizable);
        if !cognizable.is_empty() {
            Classification {
                cognizable: true,
                report: "fir".to_owned(),
                reason: format!("cognizable offence under {}", cognizable.join(", ")),
            }
        } else if sections.is_empty() {
            Classification {
                cognizable: false,
                report: "ncr".to_owned(),
                reason: "no offence section is cited yet; the officer must cite one".to_owned(),
            }
        } else {
            Classification {
                cognizable: false,
                report: "ncr".to_owned(),
                reason: format!(
                    "none of the cited sections ({}) is cognizable: record a non-cognizable report and refer the informant to the Magistrate",
                    sections.iter().map(|s| s.display()).collect::<Vec<_>>().join(", ")
                ),
            }
        }
    }
}

impl SectionCitation {
    /// How the catalogue names it: "303(2)" for BNS, "IT Act 66D" otherwise.
    pub fn catalogue_key(&self) -> String {
        catalogue_key(&self.act, &self.section)
    }

    /// "303(2) BNS" or "IT Act 66D".
    pub fn display(&self) -> String {
        citation_display(&self.act, &self.section)
    }
}

/// How a cited section is written on the form and every screen: "303(2) BNS" (as FIRs
/// write the Sanhita), "IT Act 66D" for a special Act.
pub fn citation_display(act: &str, section: &str) -> String {
    if act == "BNS" {
        format!("{section} BNS")
    } else {
        format!("{act} {section}")
    }
}

/// How the information reached the station (item 4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InformationType {
    /// A written complaint (typed or scanned).
    #[default]
    Written,
    /// Spoken (recorded audio).
    Oral,
    /// Received electronically (e-mail, portal).
    Electronic,
}

/// Item 1: district, station, year, number, date and time of FIR.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FirHeader {
    /// State.
    pub state: Option<String>,
    /// District.
    pub district: Option<String>,
    /// Police station name.
    pub police_station: Option<String>,
    /// Police station code (the number series is per code and year).
    pub station_code: String,
    /// Year of registration.
    pub year: i32,
    /// FIR number, set at finalisation (e.g. "0042/2026").
    pub fir_number: Option<String>,
    /// Date and time of the FIR, set at finalisation (RFC 3339, station time).
    pub fir_datetime: Option<String>,
}

/// Item 3: occurrence of offence and receipt at the station.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Occurrence {
    /// Day of the week of the occurrence.
    pub day: Option<String>,
    /// Date from, `YYYY-MM-DD`.
    pub date_from: Option<String>,
    /// Date to, `YYYY-MM-DD`.
    pub date_to: Option<String>,
    /// Time period as described.
    pub time_period: Option<String>,
    /// Time from, `HH:MM`.
    pub time_from: Option<String>,
    /// Time to, `HH:MM`.
    pub time_to: Option<String>,
    /// Date information was received at the station.
    pub info_received_date: Option<String>,
    /// Time information was received at the station.
    pub info_received_time: Option<String>,
    /// General Diary entry number.
    pub gd_entry_no: Option<String>,
    /// General Diary entry time.
    pub gd_time: Option<String>,
}

/// Item 5: place of occurrence.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlaceOfOccurrence {
    /// Direction and distance from the station.
    pub direction_distance: Option<String>,
    /// Beat number.
    pub beat_no: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// If outside this station's limits: that station's name.
    pub outside_ps_name: Option<String>,
    /// If outside this station's limits: that district.
    pub outside_district: Option<String>,
}

/// Item 6: complainant or informant.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Complainant {
    /// Name.
    pub name: Option<String>,
    /// Father's or husband's name.
    pub relative_name: Option<String>,
    /// Date or year of birth.
    pub birth: Option<String>,
    /// Nationality.
    pub nationality: Option<String>,
    /// Passport number.
    pub passport_no: Option<String>,
    /// Passport date of issue.
    pub passport_issue_date: Option<String>,
    /// Passport place of issue.
    pub passport_issue_place: Option<String>,
    /// Occupation.
    pub occupation: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// Item 7: one accused, known, suspected or unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Accused {
    /// Name, if known.
    pub name: Option<String>,
    /// Particulars: description, relation, vehicle.
    pub particulars: Option<String>,
    /// Address.
    pub address: Option<String>,
}

/// A witness named in the information. The IIF-1 has no item of its own for them: they
/// are listed with item 12, where the statement names them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Witness {
    /// Name.
    pub name: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// Item 9: one property stolen or involved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Property {
    /// What it is.
    pub description: String,
    /// Value in rupees.
    pub value_inr: Option<u64>,
}

/// What the officer did with the information (item 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Registered the case and took up the investigation.
    RegisteredAndInvestigating,
    /// Registered and directed another officer to investigate.
    DirectedToInvestigate,
    /// Refused to investigate.
    Refused,
    /// Transferred to another station on point of jurisdiction.
    Transferred,
}

/// Item 13: action taken, and the officer in charge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionTaken {
    /// The action, once the officer chooses it.
    pub action: Option<ActionKind>,
    /// The investigating officer, when directed.
    pub investigating_officer: Option<String>,
    /// Their rank.
    pub investigating_officer_rank: Option<String>,
    /// Why investigation was refused (3). (Records sealed before it existed lack it.)
    #[serde(default)]
    pub refusal_reason: Option<String>,
    /// Station the case went to, when transferred.
    pub transferred_to: Option<String>,
    /// Officer in charge: name.
    pub officer_name: Option<String>,
    /// Officer in charge: rank.
    pub officer_rank: Option<String>,
    /// Officer in charge: number.
    pub officer_no: Option<String>,
}

/// The whole IIF-1 draft. Field names follow the form's items; none is a text blob.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FirDraft {
    /// Item 1.
    pub header: FirHeader,
    /// Item 2: Acts and Sections.
    pub acts_sections: Vec<SectionCitation>,
    /// Item 3.
    pub occurrence: Occurrence,
    /// Item 4.
    pub information_type: InformationType,
    /// Item 5.
    pub place: PlaceOfOccurrence,
    /// Item 6.
    pub complainant: Complainant,
    /// Item 7.
    pub accused: Vec<Accused>,
    /// Item 8: reasons for delay in reporting.
    pub delay_reason: Option<String>,
    /// Item 9.
    pub properties: Vec<Property>,
    /// Item 10: total value of property, rupees.
    pub total_property_value_inr: Option<u64>,
    /// Item 11: inquest report / U.D. case number.
    pub inquest_report: Option<String>,
    /// Item 12: the first information itself, in the complainant's own words.
    pub statement: String,
    /// Witnesses the information names (listed with item 12; drafts from before the
    /// list existed have none).
    #[serde(default)]
    pub witnesses: Vec<Witness>,
    /// Item 13.
    pub action_taken: ActionTaken,
    /// Item 14: note on the complainant's signature or thumb impression.
    pub complainant_signature: Option<String>,
    /// Item 15: date and time of despatch to the court.
    pub despatch_to_court: Option<String>,
    /// The LLM's short summary, for the officer (not a form item).
    pub summary: String,
    /// FIR or non-cognizable report, from the cited sections.
    #[serde(default)]
    pub classification: Option<Classification>,
    /// Where each filled field's value came from, by dotted path (`complainant.name`).
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, Source>,
    /// What the officer should check before signing.
    #[serde(default)]
    pub notes: Vec<FieldNote>,
}

impl FirDraft {
    /// Item 2's sections that no model judged and no officer confirmed ("303(2) BNS").
    pub fn unreviewed_sections(&self) -> Vec<String> {
        self.acts_sections
            .iter()
            .filter(|s| s.source == SectionSource::RetrievalUnreviewed)
            .map(SectionCitation::display)
            .collect()
    }
}

/// The most differences [`draft_differences`] lists.
const MAX_DIFFERENCES: usize = 20;

/// What changed between two versions of a draft, one line per changed value:
/// `complainant.name: "Ramesh" → "Mahesh"` (long values shortened).
pub fn draft_differences(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    fn short(value: Option<&serde_json::Value>) -> String {
        let text = match value {
            None | Some(serde_json::Value::Null) => "(empty)".to_owned(),
            Some(value) => value.to_string(),
        };
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text
        }
    }
    fn walk(
        path: &str,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
        out: &mut Vec<String>,
    ) {
        use serde_json::Value;
        match (before, after) {
            (Some(Value::Object(a)), Some(Value::Object(b))) => {
                let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
                keys.sort();
                keys.dedup();
                for key in keys {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    walk(&child, a.get(key.as_str()), b.get(key.as_str()), out);
                }
            }
            (Some(Value::Array(a)), Some(Value::Array(b))) => {
                for i in 0..a.len().max(b.len()) {
                    walk(&format!("{path}.{i}"), a.get(i), b.get(i), out);
                }
            }
            (a, b) if a != b => out.push(format!("{path}: {} → {}", short(a), short(b))),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", Some(before), Some(after), &mut out);
    // The draft's bookkeeping (where values came from) follows the values themselves.
    out.retain(|line| !line.starts_with("sources.") && !line.starts_with("notes."));
    let more = out.len().saturating_sub(MAX_DIFFERENCES);
    out.truncate(MAX_DIFFERENCES);
    if more > 0 {
        out.push(format!("and {more} more"));
    }
    out
}

/// SHA-256 over the canonical JSON of a value, hex-encoded.
pub fn seal<T: Serialize>(content: &T) -> Result<String, serde_json::Error> {
    let bytes = canonical_json(&serde_json::to_value(content)?);
    Ok(hex::encode(Sha256::digest(&bytes)))
}

/// Canonical JSON: object keys sorted by their UTF-8 bytes, no insignificant whitespace.
///
/// Written out by hand rather than relying on serde_json's map type, whose key order
/// changes if any crate in the build turns on `preserve_order`.
pub fn canonical_json(value: &serde_json::Value) -> Vec<u8> {
    fn write(value: &serde_json::Value, out: &mut Vec<u8>) {
        match value {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                out.push(b'{');
                for (i, (key, item)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write(&serde_json::Value::String(key.clone()), out);
                    out.push(b':');
                    write(item, out);
                }
                out.push(b'}');
            }
            serde_json::Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write(item, out);
                }
                out.push(b']');
            }
            // Scalars have one serde_json spelling; writing to a Vec cannot fail.
            scalar => out.extend_from_slice(scalar.to_string().as_bytes()),
        }
    }
    let mut out = Vec::new();
    write(value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seal_is_stable_and_content_sensitive() {
        let a = serde_json::json!({"b": 1, "a": "चोरी"});
        let b = serde_json::json!({"a": "चोरी", "b": 1});
        assert_eq!(seal(&a).unwrap(), seal(&b).unwrap());
        let c = serde_json::json!({"a": "चोरि", "b": 1});
        assert_ne!(seal(&a).unwrap(), seal(&c).unwrap());
        assert_eq!(seal(&a).unwrap().len(), 64);
    }

    #[test]
    fn differences_name_each_changed_value() {
        let before = serde_json::json!({"complainant": {"name": "रमेश", "age": 34}, "accused": [], "sources": {"x": 1}});
        let after = serde_json::json!({"complainant": {"name": "महेश", "age": 34}, "accused": [{"name": "Vijay"}], "sources": {"x": 2}});
        assert_eq!(
            draft_differences(&before, &after),
            vec![
                "accused.0: (empty) → {\"name\":\"Vijay\"}".to_owned(),
                "complainant.name: \"रमेश\" → \"महेश\"".to_owned(),
            ]
        );
        assert!(draft_differences(&before, &before).is_empty());
    }

    #[test]
    fn facts_reject_unknown_fields() {
        let bad = serde_json::json!({"complainant": {}, "incident": {}, "accused": [],
            "witnesses": [], "property": [], "delay_reason": null, "summary": "x", "extra": 1});
        assert!(serde_json::from_value::<Facts>(bad).is_err());
    }
}
