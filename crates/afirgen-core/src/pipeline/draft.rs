//! Step 4: the IIF-1 draft, built from the facts, the sections, the statement and the
//! station's context. No model call: every field traces back to an input.

use crate::config::StationConfig;
use crate::domain::{InputKind, Millis};
use crate::facts::Extracted;
use crate::fir::{
    Accused, ActionTaken, Classification, Complainant, FieldNote, FirDraft, FirHeader,
    InformationType, Occurrence, PlaceOfOccurrence, Property, SectionCitation, Witness,
};
use chrono::{Datelike, FixedOffset, NaiveDate, TimeZone};

/// What the draft is built from.
pub struct DraftInputs<'a> {
    /// The station.
    pub station: &'a StationConfig,
    /// The case's station code.
    pub station_code: &'a str,
    /// When the information was received (the case's submission time).
    pub received_at: Millis,
    /// The kinds of the case's inputs.
    pub input_kinds: &'a [InputKind],
    /// The statement in the complainant's words.
    pub statement: &'a str,
    /// The grounded facts, where each came from, and the notes for the officer.
    pub extracted: &'a Extracted,
    /// Sections from the legal step.
    pub sections: &'a [SectionCitation],
    /// FIR or non-cognizable report, from the legal step.
    pub classification: Option<&'a Classification>,
    /// What the legal step set aside, for the officer.
    pub legal_note: Option<&'a str>,
}

/// The station's clock.
pub fn station_offset(station: &StationConfig) -> FixedOffset {
    FixedOffset::east_opt(station.utc_offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset is valid"))
}

/// A moment (milliseconds since the epoch) on the station's clock.
pub fn station_time(station: &StationConfig, at: Millis) -> chrono::DateTime<FixedOffset> {
    let offset = station_offset(station);
    offset
        .timestamp_millis_opt(at)
        .single()
        .unwrap_or_else(|| offset.from_utc_datetime(&chrono::Utc::now().naive_utc()))
}

/// Builds the draft.
pub fn build(inputs: &DraftInputs<'_>) -> FirDraft {
    let extracted = inputs.extracted;
    let facts = &extracted.facts;
    let received = station_time(inputs.station, inputs.received_at);
    let day = facts
        .incident
        .date_from
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| d.format("%A").to_string());
    let information_type = if inputs.input_kinds.contains(&InputKind::Audio) {
        InformationType::Oral
    } else {
        InformationType::Written
    };
    let properties: Vec<Property> = facts
        .property
        .iter()
        .map(|p| Property {
            description: p.description.clone(),
            value_inr: p.value_inr,
        })
        .collect();
    // Item 10 as the extract step left it, the value `legal::classify` decides the rows by.
    let total = extracted.property_total;
    let person = &facts.complainant;
    FirDraft {
        header: FirHeader {
            state: inputs.station.state.clone(),
            district: inputs.station.district.clone(),
            police_station: inputs.station.name.clone(),
            station_code: inputs.station_code.to_owned(),
            year: received.year(),
            fir_number: None,
            fir_datetime: None,
        },
        acts_sections: inputs.sections.to_vec(),
        occurrence: Occurrence {
            day,
            date_from: facts.incident.date_from.clone(),
            date_to: facts.incident.date_to.clone(),
            time_period: facts.incident.time_description.clone(),
            time_from: facts.incident.time_from.clone(),
            time_to: facts.incident.time_to.clone(),
            info_received_date: Some(received.format("%Y-%m-%d").to_string()),
            info_received_time: Some(received.format("%H:%M").to_string()),
            gd_entry_no: None,
            gd_time: None,
        },
        information_type,
        place: PlaceOfOccurrence {
            address: facts.incident.place.clone(),
            ..PlaceOfOccurrence::default()
        },
        complainant: Complainant {
            name: person.name.clone(),
            relative_name: person.relative_name.clone(),
            birth: person
                .age
                .map(|age| format!("about {} (age {age})", received.year() - age as i32)),
            occupation: person.occupation.clone(),
            address: person.address.clone(),
            phone: person.phone.clone(),
            ..Complainant::default()
        },
        accused: facts
            .accused
            .iter()
            .map(|a| Accused {
                name: a.name.clone(),
                particulars: a.description.clone(),
                address: a.address.clone(),
            })
            .collect(),
        delay_reason: facts.delay_reason.clone(),
        properties,
        total_property_value_inr: total,
        inquest_report: None,
        statement: inputs.statement.to_owned(),
        witnesses: facts
            .witnesses
            .iter()
            .map(|w| Witness {
                name: w.name.clone(),
                address: w.address.clone(),
                phone: w.phone.clone(),
            })
            .collect(),
        action_taken: ActionTaken {
            officer_name: inputs.station.officer_name.clone(),
            officer_rank: inputs.station.officer_rank.clone(),
            ..ActionTaken::default()
        },
        complainant_signature: None,
        despatch_to_court: None,
        summary: facts.summary.clone(),
        classification: inputs
            .classification
            .cloned()
            .or_else(|| Some(Classification::of(inputs.sections))),
        sources: extracted.sources.clone(),
        notes: extracted
            .notes
            .iter()
            .cloned()
            .chain(inputs.legal_note.map(|note| FieldNote {
                field: "acts_sections".to_owned(),
                message: note.to_owned(),
                alternative: None,
            }))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fir::{Facts, IncidentFacts, PropertyFacts};

    #[test]
    fn draft_keeps_statement_and_the_extract_steps_total() {
        let facts = Facts {
            incident: IncidentFacts {
                date_from: Some("2026-11-20".into()),
                ..IncidentFacts::default()
            },
            property: vec![
                PropertyFacts {
                    description: "फ़ोन".into(),
                    value_inr: Some(18_000),
                },
                PropertyFacts {
                    description: "wallet".into(),
                    value_inr: None,
                },
                PropertyFacts {
                    description: "cash".into(),
                    value_inr: Some(2_000),
                },
            ],
            summary: "s".into(),
            ..Facts::default()
        };
        let station = StationConfig::default();
        let statement = "मेरा मोबाइल चोरी हो गया।\n  (typed)  ";
        let draft = build(&DraftInputs {
            station: &station,
            station_code: "PS9",
            received_at: 1_795_000_000_000,
            input_kinds: &[InputKind::Text],
            statement,
            // As `Extracted::from_stored` reads facts stored without a total.
            extracted: &Extracted::from_stored(serde_json::to_value(&facts).unwrap()).unwrap(),
            sections: &[],
            classification: None,
            legal_note: None,
        });
        assert_eq!(draft.statement, statement);
        assert_eq!(draft.total_property_value_inr, Some(20_000));
        assert_eq!(draft.occurrence.day.as_deref(), Some("Friday"));
        assert_eq!(draft.information_type, InformationType::Written);
        assert_eq!(draft.header.station_code, "PS9");
        assert!(draft.complainant.name.is_none(), "no invented names");
        // A total the extract step's checks took away stays away: the legal step
        // decided the rows without it, and item 10 must agree.
        let checked = Extracted {
            facts,
            property_total: None,
            ..Extracted::default()
        };
        let draft = build(&DraftInputs {
            extracted: &checked,
            station: &station,
            station_code: "PS9",
            received_at: 1_795_000_000_000,
            input_kinds: &[InputKind::Text],
            statement,
            sections: &[],
            classification: None,
            legal_note: None,
        });
        assert_eq!(draft.total_property_value_inr, None);
    }
}
