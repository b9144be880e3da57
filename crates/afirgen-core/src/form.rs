//! The IIF-1 form as a desk shows it for review: its items in order, each field's label,
//! what kind of value it takes, and the lists of rows. Described once here and sent with
//! every case view, so the desktop, the browser and any other desk render the same form.

use serde::Serialize;

/// What a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// A line of text.
    Text,
    /// Several lines (addresses, the statement).
    Long,
    /// Rupees, a whole number.
    Rupees,
    /// A date: stored YYYY-MM-DD, shown and typed DD-MM-YYYY.
    Date,
    /// A time of day, 24-hour HH:MM in station time.
    Time,
    /// One of [`FormField::options`].
    Choice,
}

/// One field of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    /// Its path in the draft (`complainant.name`); in a row, relative to the row (`name`).
    pub path: &'static str,
    /// The label.
    pub label: &'static str,
    /// What it takes.
    pub kind: FieldKind,
    /// For a choice: (stored value, label), in the form's order.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub options: &'static [(&'static str, &'static str)],
}

/// One item (or part of one) of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormItem {
    /// Its heading ("6. Complainant / informant").
    pub title: &'static str,
    /// A list of rows (`accused`, `properties`): `fields` are each row's, and rows are
    /// added and removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<&'static str>,
    /// What one row is called ("accused", "property").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row_label: Option<&'static str>,
    /// Its fields.
    pub fields: Vec<FormField>,
    /// Fields after the rows (item 10's total after item 9's properties).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<FormField>,
}

const fn field(path: &'static str, label: &'static str, kind: FieldKind) -> FormField {
    FormField {
        path,
        label,
        kind,
        options: &[],
    }
}

fn item(title: &'static str, fields: Vec<FormField>) -> FormItem {
    FormItem {
        title,
        rows: None,
        row_label: None,
        fields,
        after: Vec::new(),
    }
}

/// A list of rows (`list`, each row called `label`), with each row's `fields`.
fn rows(
    title: &'static str,
    list: &'static str,
    label: &'static str,
    fields: Vec<FormField>,
) -> FormItem {
    FormItem {
        rows: Some(list),
        row_label: Some(label),
        ..item(title, fields)
    }
}

use FieldKind::{Choice, Date, Long, Rupees, Text, Time};

/// Item 13's four actions, as the printed form lists them.
pub const ACTIONS: &[(&str, &str)] = &[
    (
        "registered_and_investigating",
        "(1) Registered the case and took up the investigation",
    ),
    (
        "directed_to_investigate",
        "(2) Directed an officer to take up the investigation",
    ),
    ("refused", "(3) Refused investigation"),
    (
        "transferred",
        "(4) Transferred to another PS on point of jurisdiction",
    ),
];

/// The review form, item by item. (Item 2, the sections, has its own controls.) Built
/// once: every case view sends it and every edit is checked against it.
pub fn layout() -> &'static [FormItem] {
    static LAYOUT: std::sync::LazyLock<Vec<FormItem>> = std::sync::LazyLock::new(build);
    &LAYOUT
}

fn build() -> Vec<FormItem> {
    vec![
        item(
            "1. District and police station",
            vec![
                field("header.state", "State", Text),
                field("header.district", "District", Text),
                field("header.police_station", "Police station", Text),
            ],
        ),
        item(
            "3. Occurrence of offence",
            vec![
                field("occurrence.day", "Day", Text),
                field("occurrence.date_from", "Date from", Date),
                field("occurrence.date_to", "Date to", Date),
                field("occurrence.time_from", "Time from", Time),
                field("occurrence.time_to", "Time to", Time),
                field("occurrence.time_period", "Time period", Text),
                field(
                    "occurrence.info_received_date",
                    "Information received at PS: date",
                    Date,
                ),
                field(
                    "occurrence.info_received_time",
                    "Information received at PS: time",
                    Time,
                ),
                field("occurrence.gd_entry_no", "General Diary entry no.", Text),
                field("occurrence.gd_time", "GD time", Time),
            ],
        ),
        item(
            "4. Type of information",
            vec![FormField {
                options: &[
                    ("written", "Written"),
                    ("oral", "Oral"),
                    ("electronic", "Electronic"),
                ],
                ..field("information_type", "Type of information", Choice)
            }],
        ),
        item(
            "5. Place of occurrence",
            vec![
                field("place.address", "Address", Long),
                field(
                    "place.direction_distance",
                    "Direction and distance from PS",
                    Text,
                ),
                field("place.beat_no", "Beat no.", Text),
                field("place.outside_ps_name", "If outside the limits: PS", Text),
                field(
                    "place.outside_district",
                    "If outside the limits: district",
                    Text,
                ),
            ],
        ),
        item(
            "6. Complainant / informant",
            vec![
                field("complainant.name", "Name", Text),
                field(
                    "complainant.relative_name",
                    "Father's / husband's name",
                    Text,
                ),
                field("complainant.birth", "Date / year of birth", Text),
                field("complainant.nationality", "Nationality", Text),
                field("complainant.occupation", "Occupation", Text),
                field("complainant.phone", "Phone", Text),
                field("complainant.passport_no", "Passport no.", Text),
                field(
                    "complainant.passport_issue_date",
                    "Passport: date of issue",
                    Date,
                ),
                field(
                    "complainant.passport_issue_place",
                    "Passport: place of issue",
                    Text,
                ),
                field("complainant.address", "Address", Long),
            ],
        ),
        rows(
            "7. Details of known / suspected / unknown accused",
            "accused",
            "accused",
            vec![
                field("name", "name", Text),
                field("particulars", "description", Text),
                field("address", "address", Text),
            ],
        ),
        item(
            "8. Reasons for delay in reporting",
            vec![field("delay_reason", "Reason for delay", Long)],
        ),
        FormItem {
            after: vec![field(
                "total_property_value_inr",
                "10. Total value (₹)",
                Rupees,
            )],
            ..rows(
                "9–10. Properties stolen / involved",
                "properties",
                "property",
                vec![
                    field("description", "description", Text),
                    field("value_inr", "value (₹)", Rupees),
                ],
            )
        },
        item(
            "11. Inquest report / U.D. case no.",
            vec![field(
                "inquest_report",
                "Inquest report / U.D. case no., if any",
                Text,
            )],
        ),
        item(
            "12. First information contents",
            vec![field("statement", "Statement", Long)],
        ),
        rows(
            "12. Witnesses named in the information",
            "witnesses",
            "witness",
            vec![
                field("name", "name", Text),
                field("address", "address", Text),
                field("phone", "phone", Text),
            ],
        ),
        item(
            "13. Action taken",
            vec![
                FormField {
                    options: ACTIONS,
                    ..field("action_taken.action", "Action", Choice)
                },
                field(
                    "action_taken.investigating_officer",
                    "Investigating officer (2)",
                    Text,
                ),
                field(
                    "action_taken.investigating_officer_rank",
                    "IO rank (2)",
                    Text,
                ),
                field(
                    "action_taken.refusal_reason",
                    "Reason for refusal (3)",
                    Text,
                ),
                field("action_taken.transferred_to", "Transferred to PS (4)", Text),
                field("action_taken.officer_name", "Officer in charge", Text),
                field("action_taken.officer_rank", "Rank", Text),
                field("action_taken.officer_no", "No.", Text),
            ],
        ),
        item(
            "14–15. Signature and despatch",
            vec![
                field(
                    "complainant_signature",
                    "14. Complainant's signature / thumb impression (note)",
                    Text,
                ),
                field(
                    "despatch_to_court",
                    "15. Date and time of despatch to the court",
                    Text,
                ),
            ],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fir::FirDraft;

    /// Every field of the form is a field of the draft, and every field the core
    /// requires before finalisation is on the form.
    #[test]
    fn the_form_names_fields_of_the_draft() {
        let mut draft = serde_json::to_value(FirDraft::default()).unwrap();
        draft["accused"] =
            serde_json::json!([{"name": null, "particulars": null, "address": null}]);
        draft["properties"] = serde_json::json!([{"description": "", "value_inr": null}]);
        draft["witnesses"] = serde_json::json!([{"name": null, "address": null, "phone": null}]);
        let mut paths = Vec::new();
        for item in layout() {
            for f in item.fields.iter().chain(&item.after) {
                let path = match (item.rows, item.after.contains(f)) {
                    (Some(list), false) => format!("{list}.0.{}", f.path),
                    _ => f.path.to_owned(),
                };
                let pointer = format!("/{}", path.replace('.', "/"));
                assert!(
                    draft.pointer(&pointer).is_some(),
                    "{path} is not in the draft"
                );
                paths.push(path);
            }
        }
        for required in crate::completeness::missing_items(&FirDraft::default()) {
            assert!(
                required.path == "acts_sections" || paths.iter().any(|p| p == required.path),
                "{} is required but not on the form",
                required.path
            );
        }
    }
}
