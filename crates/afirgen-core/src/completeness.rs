//! What an FIR cannot be registered without: the IIF-1 items checked by the core when a
//! draft is finalised, whichever desk asks, and shown by every desk before the officer
//! clicks Finalise.

use crate::fir::FirDraft;
use serde::Serialize;

/// An item the draft lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingItem {
    /// The draft field to fill (`header.state`), as an edit names it.
    pub path: &'static str,
    /// The item as the form names it ("State (item 1)").
    pub label: &'static str,
}

fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

/// The required items `draft` lacks, in the form's order; empty when it may be
/// finalised.
pub fn missing_items(draft: &FirDraft) -> Vec<MissingItem> {
    let checks: [(&'static str, &'static str, bool); 12] = [
        ("header.state", "State (item 1)", blank(&draft.header.state)),
        (
            "header.district",
            "District (item 1)",
            blank(&draft.header.district),
        ),
        (
            "header.police_station",
            "Police station (item 1)",
            blank(&draft.header.police_station),
        ),
        (
            "acts_sections",
            "At least one Act and section (item 2)",
            draft.acts_sections.is_empty(),
        ),
        (
            "occurrence.date_from",
            "Date of occurrence, or the first day of the period (item 3)",
            blank(&draft.occurrence.date_from),
        ),
        (
            "occurrence.info_received_date",
            "Date information was received at the station (item 3)",
            blank(&draft.occurrence.info_received_date),
        ),
        (
            "occurrence.info_received_time",
            "Time information was received at the station (item 3)",
            blank(&draft.occurrence.info_received_time),
        ),
        (
            "place.address",
            "Place of occurrence (item 5)",
            blank(&draft.place.address) && blank(&draft.place.direction_distance),
        ),
        (
            "complainant.name",
            "Complainant's name (item 6)",
            blank(&draft.complainant.name),
        ),
        (
            "statement",
            "The first information itself (item 12)",
            draft.statement.trim().is_empty(),
        ),
        (
            "action_taken.officer_name",
            "Officer in charge: name (item 13)",
            blank(&draft.action_taken.officer_name),
        ),
        (
            "action_taken.officer_rank",
            "Officer in charge: rank (item 13)",
            blank(&draft.action_taken.officer_rank),
        ),
    ];
    checks
        .into_iter()
        .filter(|(_, _, missing)| *missing)
        .map(|(path, label, _)| MissingItem { path, label })
        .collect()
}

/// "State (item 1), District (item 1)": the list in a sentence.
pub fn describe(missing: &[MissingItem]) -> String {
    missing
        .iter()
        .map(|m| m.label)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> FirDraft {
        let mut draft = FirDraft::default();
        draft.header.state = Some("Delhi".into());
        draft.header.district = Some("New Delhi".into());
        draft.header.police_station = Some("Connaught Place".into());
        draft.acts_sections.push(crate::fir::SectionCitation {
            act: "BNS".into(),
            section: "303(2)".into(),
            title: None,
            reason: None,
            source: crate::fir::SectionSource::Officer,
            schedule: None,
        });
        draft.occurrence.date_from = Some("2026-11-25".into());
        draft.occurrence.info_received_date = Some("2026-11-26".into());
        draft.occurrence.info_received_time = Some("10:30".into());
        draft.place.address = Some("Janpath market".into());
        draft.complainant.name = Some("सुनीता देवी".into());
        draft.statement = "मेरा मोबाइल फ़ोन छीन लिया गया।".into();
        draft.action_taken.officer_name = Some("R. Singh".into());
        draft.action_taken.officer_rank = Some("Inspector".into());
        draft
    }

    #[test]
    fn a_complete_draft_lacks_nothing() {
        assert_eq!(missing_items(&complete()), []);
    }

    #[test]
    fn each_required_item_is_named_when_blank() {
        let mut draft = complete();
        draft.header.state = Some("  ".into());
        draft.header.district = None;
        assert_eq!(
            describe(&missing_items(&draft)),
            "State (item 1), District (item 1)"
        );
        let mut draft = complete();
        draft.acts_sections.clear();
        draft.statement = String::new();
        draft.place.address = None;
        let paths: Vec<_> = missing_items(&draft).iter().map(|m| m.path).collect();
        assert_eq!(paths, ["acts_sections", "place.address", "statement"]);
        // A place given only as direction and distance from the station is a place.
        draft.place.direction_distance = Some("2 km east".into());
        assert!(!missing_items(&draft)
            .iter()
            .any(|m| m.path == "place.address"));
    }
}
