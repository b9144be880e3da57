//! What an FIR cannot be registered without: the IIF-1 items checked by the core when a
//! draft is finalised, whichever desk asks, and shown by every desk before the officer
//! clicks Finalise.

use crate::fir::{ActionKind, FirDraft};
use serde::Serialize;

/// An item the draft lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    let action = draft.action_taken.action;
    let chosen = |kind: ActionKind| action == Some(kind);
    let checks: [(&'static str, &'static str, bool); 16] = [
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
            "action_taken.action",
            "Action taken: one of the four (item 13)",
            action.is_none(),
        ),
        (
            "action_taken.investigating_officer",
            "Officer directed to investigate (item 13)",
            chosen(ActionKind::DirectedToInvestigate)
                && blank(&draft.action_taken.investigating_officer),
        ),
        (
            "action_taken.refusal_reason",
            "Reason investigation was refused (item 13)",
            chosen(ActionKind::Refused) && blank(&draft.action_taken.refusal_reason),
        ),
        (
            "action_taken.transferred_to",
            "Police station the case is transferred to (item 13)",
            chosen(ActionKind::Transferred) && blank(&draft.action_taken.transferred_to),
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

/// What a test, a load test or the command line's `--auto-approve` fills in for a
/// missing item, so a draft from a statement that does not say everything can be
/// finalised. Never offered to an officer: on a real case the officer fills these in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandIn {
    /// Item 2 is empty: set these catalogue sections.
    Sections(&'static [&'static str]),
    /// Any other item: set the field to this value.
    Value(&'static str),
}

/// The stand-in for the missing item at `path` (see [`StandIn`]).
pub fn stand_in(path: &str) -> StandIn {
    StandIn::Value(match path {
        "acts_sections" => return StandIn::Sections(&["303(2)"]),
        "occurrence.date_from" | "occurrence.info_received_date" => "2026-11-25",
        "occurrence.info_received_time" => "10:30",
        "action_taken.action" => "registered_and_investigating",
        _ => "Filled in for a test",
    })
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
            row: None,
        });
        draft.occurrence.date_from = Some("2026-11-25".into());
        draft.occurrence.info_received_date = Some("2026-11-26".into());
        draft.occurrence.info_received_time = Some("10:30".into());
        draft.place.address = Some("Janpath market".into());
        draft.complainant.name = Some("सुनीता देवी".into());
        draft.statement = "मेरा मोबाइल फ़ोन छीन लिया गया।".into();
        draft.action_taken.officer_name = Some("R. Singh".into());
        draft.action_taken.officer_rank = Some("Inspector".into());
        draft.action_taken.action = Some(ActionKind::RegisteredAndInvestigating);
        draft
    }

    #[test]
    fn item_13_needs_an_action_and_what_that_action_names() {
        let mut draft = complete();
        draft.action_taken.action = None;
        let paths = |d: &FirDraft| -> Vec<_> { missing_items(d).iter().map(|m| m.path).collect() };
        assert_eq!(paths(&draft), ["action_taken.action"]);
        draft.action_taken.action = Some(ActionKind::Transferred);
        assert_eq!(paths(&draft), ["action_taken.transferred_to"]);
        draft.action_taken.transferred_to = Some("Hazratganj".into());
        assert_eq!(paths(&draft), [""; 0]);
        draft.action_taken.action = Some(ActionKind::Refused);
        assert_eq!(paths(&draft), ["action_taken.refusal_reason"]);
        draft.action_taken.action = Some(ActionKind::DirectedToInvestigate);
        assert_eq!(paths(&draft), ["action_taken.investigating_officer"]);
    }

    #[test]
    fn every_stand_in_value_is_accepted_by_the_form() {
        // A stand-in the form refuses (an action that is not one of the four, a date
        // the wrong way round) would fail every test that leans on it, far from here.
        let mut draft = serde_json::to_value(FirDraft::default()).unwrap();
        for item in missing_items(&FirDraft::default()) {
            if let StandIn::Value(value) = stand_in(item.path) {
                crate::review::apply_edits(
                    &mut draft,
                    &[crate::review::FieldEdit {
                        path: item.path.to_owned(),
                        value: value.into(),
                    }],
                    1,
                    "test",
                    10_000,
                )
                .unwrap();
            }
        }
        let draft: FirDraft = serde_json::from_value(draft).unwrap();
        let left: Vec<_> = missing_items(&draft).iter().map(|m| m.path).collect();
        assert_eq!(left, ["acts_sections"]);
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
