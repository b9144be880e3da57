use super::*;
use serde_json::json;

fn edit(path: &str, value: Value) -> FieldEdit {
    FieldEdit {
        path: path.into(),
        value,
    }
}

#[test]
fn what_is_editable_is_what_the_form_shows() {
    for path in [
        "complainant.name",
        "accused.3.address",
        "properties.0",
        "total_property_value_inr",
    ] {
        assert!(on_form(path), "{path}");
    }
    for path in [
        "summary",
        "complainant",
        "accused.x.name",
        "accused.0.nickname",
        "properties.0.value",
    ] {
        let reason = refused(path, &json!("x")).unwrap_or_default();
        assert!(reason.contains("the form has no field"), "{path}: {reason}");
    }
}

#[test]
fn rows_are_added_one_past_the_last_and_removed_with_null() {
    let mut draft = serde_json::to_value(FirDraft::default()).unwrap();
    let events = apply_edits(
        &mut draft,
        &[
            edit("accused.0.name", json!("unknown man in a red shirt")),
            edit("properties.0.description", json!("Samsung phone")),
            edit("properties.0.value_inr", json!(18000)),
            edit("action_taken.action", json!("transferred")),
        ],
        1,
        "sho",
        1000,
    )
    .unwrap();
    let actions: Vec<_> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "draft.row_added",
            "draft.edited",
            "draft.row_added",
            "draft.edited",
            "draft.edited",
            "draft.edited"
        ]
    );
    assert_eq!(draft["accused"][0]["name"], "unknown man in a red shirt");
    assert_eq!(draft["properties"][0]["value_inr"], 18000);
    // Two past the last is no row; a whole row is not set in one edit.
    let mut again = draft.clone();
    let err = apply_edits(
        &mut again,
        &[edit("accused.2.name", json!("x"))],
        1,
        "sho",
        1000,
    )
    .unwrap_err();
    assert!(err.contains("there is no item 2"), "{err}");
    let err =
        apply_edits(&mut again, &[edit("accused.0", json!("x"))], 1, "sho", 1000).unwrap_err();
    assert!(err.contains("set it to null to remove it"), "{err}");
    let events = apply_edits(
        &mut draft,
        &[edit("accused.0", Value::Null)],
        1,
        "sho",
        1000,
    )
    .unwrap();
    assert_eq!(events[0].action, "draft.row_removed");
    assert!(events[0]
        .old_value
        .as_deref()
        .unwrap()
        .contains("red shirt"));
    assert_eq!(draft["accused"], json!([]));
}

#[test]
fn edits_record_old_and_new_values_and_keep_the_form_valid() {
    let mut draft = json!({"complainant": {"name": null, "age": 3}, "statement": "x"});
    // Not a full draft: the form check fails, and says why.
    let err = apply_edits(
        &mut draft,
        &[FieldEdit {
            path: "statement".into(),
            value: json!("y"),
        }],
        1,
        "sho",
        1000,
    )
    .unwrap_err();
    assert!(err.contains("does not fit the form"), "{err}");
    assert!(apply_edits(
        &mut draft,
        &[FieldEdit {
            path: "nope".into(),
            value: json!(1)
        }],
        1,
        "sho",
        1000
    )
    .unwrap_err()
    .contains("no field"));
    assert!(apply_edits(
        &mut draft,
        &[FieldEdit {
            path: "header.fir_number".into(),
            value: json!("1")
        }],
        1,
        "sho",
        1000
    )
    .unwrap_err()
    .contains("not edited directly"));
}

#[test]
fn the_station_its_numbers_and_what_holds_them_are_not_edited() {
    let edit = |path: &str, value: serde_json::Value| {
        let mut draft = json!({"header": {"station_code": "PS001", "police_station": null}});
        apply_edits(
            &mut draft,
            &[FieldEdit {
                path: path.into(),
                value,
            }],
            1,
            "writer",
            1000,
        )
        .unwrap_err()
    };
    // The whole header (another station's name and code) by its parent path.
    let err = edit(
        "header",
        json!({"station_code": "PS999", "police_station": "Elsewhere"}),
    );
    assert!(err.contains("header.station_code"), "{err}");
    assert!(edit("header.station_code", json!("PS999")).contains("not edited directly"));
    assert!(edit("header.year", json!(1999)).contains("not edited directly"));
    assert!(edit("sources", json!({})).contains("not edited directly"));
    // An object or a list in place of a field.
    assert!(edit("complainant", json!({"name": "X"})).contains("not a whole object"));
    assert!(edit("accused", json!([])).contains("not a whole object"));
}

#[test]
fn an_edit_is_held_to_the_length_of_a_statement() {
    let mut draft = json!({"statement": "x"});
    let err = apply_edits(
        &mut draft,
        &[FieldEdit {
            path: "statement".into(),
            value: json!("अ".repeat(1001)),
        }],
        1,
        "sho",
        1000,
    )
    .unwrap_err();
    assert!(
        err.contains("1001 characters") && err.contains("1000"),
        "{err}"
    );
    assert_eq!(draft["statement"], "x", "nothing changed");
}

#[test]
fn regeneration_keeps_edited_fields() {
    let current = json!({"complainant": {"name": "सुनीता देवी"}, "summary": "old"});
    let mut generated = json!({"complainant": {"name": "Sunita"}, "summary": "new"});
    keep_edits(&mut generated, &current, &["complainant.name".to_owned()]);
    assert_eq!(
        generated,
        json!({"complainant": {"name": "सुनीता देवी"}, "summary": "new",
               "sources": {"complainant.name": "officer"}})
    );
}
