//! Officer review (docs/architecture.md, section 3, step 5): edit any IIF-1 field, choose the
//! sections, regenerate a step with guidance without losing the officer's edits. Every
//! action is an audit event (who, when, field, old value, new value). A finalized record
//! is read-only.

use crate::domain::{AuditEvent, CaseId, JobId, Step};
use crate::engine::{Engine, EngineError};
use crate::fir::{FirDraft, SectionCitation, SectionSource};
use crate::pipeline::legal::cite;
use crate::store::StoreError;
use serde_json::Value;

/// One field change: a dotted path into the draft (`complainant.name`,
/// `occurrence.date_from`, `accused.0.particulars`, `statement`) and its new value.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldEdit {
    /// The path.
    pub path: String,
    /// The new value (JSON: a string, a number, null...).
    pub value: Value,
}

/// The audit action recorded when `generate --auto-approve` signs sections no model
/// judged and no officer confirmed; its new value lists them ("303(2) BNS, 314 BNS").
pub const UNREVIEWED_SECTIONS_SIGNED: &str = "fir.unreviewed_sections_signed";

/// Fields that are not edited directly: the station and the numbering are set by the
/// station and at finalisation, sections go through [`Engine::set_sections`], the
/// classification follows the sections, sources and notes record the review itself.
const NOT_EDITABLE: [&str; 8] = [
    "header.station_code",
    "header.year",
    "header.fir_number",
    "header.fir_datetime",
    "acts_sections",
    "classification",
    "sources",
    "notes",
];

/// Why an edit's path or value is refused, if it is: a field that is not edited
/// directly, anything holding one ("header" would replace the station code), or a
/// whole object or list put in place of a field.
fn refused(path: &str, value: &Value) -> Option<String> {
    // Item 2's one field an officer edits: the Schedule row of a section whose
    // classification depends on what the facts cannot show (a second conviction).
    if schedule_row(path).is_some() {
        return match value {
            Value::String(_) | Value::Null => None,
            _ => Some(format!(
                "{path}: a Schedule row is chosen by its condition, or null"
            )),
        };
    }
    let under = |p: &str, parent: &str| p == parent || p.starts_with(&format!("{parent}."));
    if let Some(fixed) = NOT_EDITABLE
        .iter()
        .find(|p| under(path, p) || under(p, path))
    {
        return Some(if under(path, fixed) {
            format!("{path} is not edited directly")
        } else {
            format!(
                "{path} holds {fixed}, which is not edited directly; edit its fields one by one"
            )
        });
    }
    if matches!(value, Value::Object(_) | Value::Array(_)) {
        return Some(format!(
            "{path}: a field takes a text or a number, not a whole object or list"
        ));
    }
    if !on_form(path) {
        return Some(format!(
            "the form has no field {path:?}: an officer edits the fields the Review form shows"
        ));
    }
    None
}

/// `acts_sections.1.row`, the officer's choice of a section's Schedule row: the
/// section's position.
fn schedule_row(path: &str) -> Option<usize> {
    let rest = path.strip_prefix("acts_sections.")?;
    rest.strip_suffix(".row")?.parse().ok()
}

/// Whether `path` is a field of the review form ([`crate::form::layout`]), a field of
/// one of its rows (`accused.1.name`), or one of its rows (`accused.1`, to remove it):
/// what an officer may edit is what the form shows, described once.
fn on_form(path: &str) -> bool {
    crate::form::layout().iter().any(|item| {
        item.fields
            .iter()
            .chain(&item.after)
            .any(|f| item.rows.is_none() && f.path == path)
            || item.after.iter().any(|f| f.path == path)
            || item.rows.is_some_and(|list| {
                let mut parts = path.splitn(3, '.');
                parts.next() == Some(list)
                    && parts.next().is_some_and(|i| i.parse::<usize>().is_ok())
                    && parts
                        .next()
                        .is_none_or(|field| item.fields.iter().any(|f| f.path == field))
            })
    })
}

/// What can be regenerated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Regenerate {
    /// The extracted facts (and with them the summary).
    Facts,
    /// The legal sections.
    Sections,
}

/// The form's lists of rows (item 7's accused, item 9's properties, the witnesses) and an empty row of
/// each: a row is added by editing a field of the position one past the last, and
/// removed by setting the row itself (`accused.1`) to null.
fn empty_row(list: &str) -> Option<Value> {
    match list {
        "accused" => Some(serde_json::json!({"name": null, "particulars": null, "address": null})),
        "properties" => Some(serde_json::json!({"description": "", "value_inr": null})),
        "witnesses" => Some(serde_json::json!({"name": null, "address": null, "phone": null})),
        _ => None,
    }
}

/// `accused.1` as ("accused", 1), when it names a row of one of the form's lists.
fn row_of(path: &str) -> Option<(&str, usize)> {
    let (list, index) = path.split_once('.')?;
    empty_row(list)?;
    Some((list, index.parse().ok()?))
}

/// Adds or removes a row when the edit asks to; returns the audit event if it did.
fn edit_rows(
    draft: &mut Value,
    path: &str,
    value: &Value,
    case_id: CaseId,
    actor: &str,
) -> Result<Option<AuditEvent>, String> {
    if let Some((list, index)) = row_of(path) {
        if !value.is_null() {
            return Err(format!(
                "{path} is a whole row: edit its fields one by one, or set it to null to remove it"
            ));
        }
        let rows = draft
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .ok_or_else(|| format!("the draft has no list {list:?}"))?;
        if index >= rows.len() {
            return Err(format!("{path:?}: there is no item {index}"));
        }
        let removed = rows.remove(index);
        let mut event = AuditEvent::new(case_id, None, actor, "draft.row_removed");
        event.field = Some(path.to_owned());
        event.old_value = Some(removed.to_string());
        return Ok(Some(event));
    }
    // A field of the row one past the last adds that row.
    let mut parts = path.splitn(3, '.');
    let (Some(list), Some(index), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (Some(empty), Ok(index)) = (empty_row(list), index.parse::<usize>()) else {
        return Ok(None);
    };
    let Some(rows) = draft.get_mut(list).and_then(Value::as_array_mut) else {
        return Ok(None);
    };
    if index != rows.len() {
        return Ok(None);
    }
    rows.push(empty);
    let mut event = AuditEvent::new(case_id, None, actor, "draft.row_added");
    event.field = Some(format!("{list}.{index}"));
    Ok(Some(event))
}

fn slot<'a>(root: &'a mut Value, path: &str) -> Result<&'a mut Value, String> {
    let mut here = root;
    for part in path.split('.') {
        here = match here {
            Value::Object(map) => map
                .get_mut(part)
                .ok_or_else(|| format!("the draft has no field {path:?} (no {part:?})"))?,
            Value::Array(items) => {
                let index: usize = part
                    .parse()
                    .map_err(|_| format!("{path:?}: {part:?} is not a list position"))?;
                items
                    .get_mut(index)
                    .ok_or_else(|| format!("{path:?}: there is no item {index}"))?
            }
            _ => return Err(format!("the draft has no field {path:?}")),
        };
    }
    Ok(here)
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Whether a field of the form holds a number (all other scalar fields hold text).
fn numeric_field(path: &str) -> bool {
    path == "header.year" || path == "total_property_value_inr" || path.ends_with(".value_inr")
}

/// Applies edits to a draft's JSON; returns the audit events (old and new values).
///
/// A number or yes/no typed into a text field ("birth" = 1984) is taken as text; any
/// other wrong type is refused with the reason.
pub fn apply_edits(
    draft: &mut Value,
    edits: &[FieldEdit],
    case_id: CaseId,
    actor: &str,
    max_chars: usize,
) -> Result<Vec<AuditEvent>, String> {
    let mut events = Vec::new();
    for edit in edits {
        let path = edit.path.trim();
        if let Some(reason) = refused(path, &edit.value) {
            return Err(reason);
        }
        // The same limit as a submitted statement: an edit is no way round it.
        if let Some(chars) = edit
            .value
            .as_str()
            .map(|s| s.chars().count())
            .filter(|&n| n > max_chars)
        {
            return Err(format!(
                "{path}: {chars} characters is more than the {max_chars} a statement may have"
            ));
        }
        if let Some(event) = edit_rows(draft, path, &edit.value, case_id, actor)? {
            let removed = event.action == "draft.row_removed";
            if let Some(field) = &event.field {
                mark_officer(draft, field);
            }
            events.push(event);
            if removed {
                continue;
            }
        }
        let value = match &edit.value {
            scalar @ (Value::Number(_) | Value::Bool(_)) if !numeric_field(path) => {
                Value::String(scalar.to_string())
            }
            other => other.clone(),
        };
        let field = slot(draft, path)?;
        let old = std::mem::replace(field, value.clone());
        if old == value {
            continue;
        }
        mark_officer(draft, path);
        let mut event = AuditEvent::new(case_id, None, actor, "draft.edited");
        event.field = Some(path.to_owned());
        event.old_value = text(&old);
        event.new_value = text(&value);
        events.push(event);
    }
    serde_json::from_value::<FirDraft>(draft.clone())
        .map_err(|err| format!("the edit does not fit the form: {err}"))?;
    Ok(events)
}

/// Records that the officer set a field: its source becomes `officer`, and the notes
/// about it (a value left out, a disagreement) are settled.
fn mark_officer(draft: &mut Value, path: &str) {
    if let Some(map) = draft.as_object_mut() {
        let sources = map
            .entry("sources")
            .or_insert_with(|| Value::Object(serde_json::Map::new()));
        if let Some(sources) = sources.as_object_mut() {
            sources.insert(path.to_owned(), Value::String("officer".to_owned()));
        }
        if let Some(Value::Array(notes)) = map.get_mut("notes") {
            // A note on "accused" is settled by an edit of "accused.0.name" too.
            notes.retain(|n| {
                n.get("field")
                    .and_then(Value::as_str)
                    .is_none_or(|f| f != path && !path.starts_with(&format!("{f}.")))
            });
        }
    }
}

/// Copies the officer's edited fields from `current` into a freshly generated draft.
pub fn keep_edits(generated: &mut Value, current: &Value, edited: &[String]) {
    for path in edited {
        let mut source = current.clone();
        if let (Ok(value), Ok(target)) = (slot(&mut source, path).cloned(), slot(generated, path)) {
            *target = value;
            mark_officer(generated, path);
        }
    }
}

/// An audit event when an edit turned the draft from an FIR into a non-cognizable
/// report or back.
fn classification_change(
    case_id: CaseId,
    actor: &str,
    before: Option<crate::fir::Classification>,
    after: &FirDraft,
) -> Option<AuditEvent> {
    let (old, new) = (before?, after.classification.clone()?);
    if old.report == new.report {
        return None;
    }
    let mut event = AuditEvent::new(case_id, None, actor, "draft.classification");
    event.field = Some("classification".to_owned());
    event.old_value = Some(format!("{}: {}", old.report.to_uppercase(), old.reason));
    event.new_value = Some(format!("{}: {}", new.report.to_uppercase(), new.reason));
    Some(event)
}

/// What fills a draft's missing items in tests and benchmarks, as an officer would
/// (never in the product): the sections for item 2, and an edit for each other item.
#[derive(Debug, Default, serde::Serialize)]
pub struct StandIns {
    /// Catalogue sections to set, when item 2 is missing.
    pub sections: Option<Vec<String>>,
    /// Edits for the other missing items.
    pub edits: Vec<FieldEdit>,
}

/// The stand-ins for the missing items at `paths` (from `missing_items`, or the
/// `missing` list of a case view), for every caller that fills them: the core's
/// [`Engine::fill_stand_ins`], and over HTTP the API tests and the load test.
pub fn stand_ins<'a>(paths: impl IntoIterator<Item = &'a str>) -> StandIns {
    use crate::completeness::{stand_in, StandIn};
    let mut plan = StandIns::default();
    for path in paths {
        match stand_in(path) {
            StandIn::Sections(sections) => {
                plan.sections = Some(sections.iter().map(|s| s.to_string()).collect());
            }
            StandIn::Value(value) => plan.edits.push(FieldEdit {
                path: path.to_owned(),
                value: Value::from(value),
            }),
        }
    }
    plan
}

fn invalid(message: String) -> EngineError {
    EngineError::Invalid(message)
}

impl Engine {
    async fn open_draft(&self, case_id: CaseId) -> Result<(Value, Vec<String>), EngineError> {
        self.own_case(case_id).await?;
        if let Some(record) = self.store().final_record(case_id).await? {
            return Err(EngineError::Store(StoreError::Conflict(format!(
                "case {case_id} is finalized as {} {}; a finalized record is read-only (corrections go in a supplementary record)",
                record.kind.as_str().to_uppercase(),
                record.display_number
            ))));
        }
        let (draft, edited) = self
            .store()
            .draft_with_edits(case_id)
            .await?
            .ok_or_else(|| invalid(format!("case {case_id} has no draft yet")))?;
        // Read through the typed draft, so a draft saved before a field was added to the
        // form has that field (empty) to edit.
        let typed: FirDraft = serde_json::from_value(draft).map_err(StoreError::from)?;
        Ok((
            serde_json::to_value(&typed).map_err(StoreError::from)?,
            edited,
        ))
    }

    /// Edits fields of a case's draft; each change is audited with old and new value.
    pub async fn edit_draft(
        &self,
        case_id: CaseId,
        actor: &str,
        edits: &[FieldEdit],
    ) -> Result<FirDraft, EngineError> {
        let (mut draft, mut edited) = self.open_draft(case_id).await?;
        let max_chars = self.config().input.max_text_chars;
        let before: Option<crate::fir::Classification> = draft
            .get("classification")
            .and_then(|c| serde_json::from_value(c.clone()).ok());
        let mut events =
            apply_edits(&mut draft, edits, case_id, actor, max_chars).map_err(invalid)?;
        let mut typed: FirDraft = serde_json::from_value(draft).map_err(StoreError::from)?;
        // A Schedule row the officer chose now must be one of its section's rows.
        for edit in edits {
            let path = edit.path.trim();
            if let Some(section) = schedule_row(path).and_then(|i| typed.acts_sections.get(i)) {
                crate::legal::check_row(self.catalogue(), section)
                    .map_err(|why| invalid(format!("{path}: {why}")))?;
            }
        }
        // The total value or a chosen row can change a section's row, and with it FIR
        // or NCR: that change is audited in its own right.
        crate::legal::classify(self.catalogue(), &mut typed);
        if let Some(event) = classification_change(case_id, actor, before, &typed) {
            events.push(event);
        }
        let draft = serde_json::to_value(&typed).map_err(StoreError::from)?;
        for event in &events {
            if let Some(field) = &event.field {
                if !edited.contains(field) {
                    edited.push(field.clone());
                }
            }
        }
        self.store()
            .save_reviewed_draft(case_id, &draft, &edited, &events)
            .await?;
        Ok(typed)
    }

    /// Sets item 2 to these catalogue sections, in this order ("303(2)", "IT Act 66D"),
    /// and classifies again.
    pub async fn set_sections(
        &self,
        case_id: CaseId,
        actor: &str,
        citations: &[String],
    ) -> Result<FirDraft, EngineError> {
        let (mut draft, mut edited) = self.open_draft(case_id).await?;
        let mut typed: FirDraft =
            serde_json::from_value(draft.clone()).map_err(StoreError::from)?;
        let catalogue = self.catalogue();
        let mut sections: Vec<SectionCitation> = Vec::new();
        for citation in citations {
            // "3(5)", "62": cited with an offence, with no classification of its own.
            if let Some(q) = crate::legal::qualifiers::qualifier(citation) {
                sections.push(crate::legal::qualifiers::cite(q, SectionSource::Officer));
                continue;
            }
            // As the catalogue cites it ("303(2)", "IT Act 66D"), else as typed ("303(2)
            // BNS", "NI Act 138") when that names one entry.
            let named = catalogue.cited(citation);
            let entry = catalogue.get(citation.trim()).or(match named.as_slice() {
                [one] => Some(*one),
                _ => None,
            });
            let entry = entry.ok_or_else(|| {
                invalid(format!(
                    "{citation} is not in the catalogue; search it with `afirgen kb search`, or import the station's entry"
                ))
            })?;
            // Keep the reason the pipeline gave for a section it had already cited, and
            // the Schedule row the officer chose for it.
            let before = typed
                .acts_sections
                .iter()
                .find(|s| s.act == entry.act && s.section == entry.section);
            let mut section = cite(
                entry,
                before.and_then(|s| s.reason.clone()),
                SectionSource::Officer,
            );
            section.row = before.and_then(|s| s.row.clone());
            sections.push(section);
        }
        if !sections.is_empty()
            && sections
                .iter()
                .all(|s| crate::legal::qualifiers::qualifier_of(s).is_some())
        {
            return Err(invalid(format!(
                "{} is cited with an offence (\"read with\"), not alone: add the offence's section too",
                citations.join(", ")
            )));
        }
        let old: Vec<String> = typed
            .acts_sections
            .iter()
            .map(SectionCitation::display)
            .collect();
        let new: Vec<String> = sections.iter().map(SectionCitation::display).collect();
        typed.acts_sections = sections;
        // The officer has chosen item 2: what the legal step said of its own choice
        // (refused reasons, unreviewed suggestions) no longer describes it.
        typed.notes.retain(|n| n.field != "acts_sections");
        crate::legal::classify(catalogue, &mut typed);
        draft = serde_json::to_value(&typed).map_err(StoreError::from)?;
        for field in ["acts_sections", "classification"] {
            if !edited.iter().any(|f| f == field) {
                edited.push(field.to_owned());
            }
        }
        let mut event = AuditEvent::new(case_id, None, actor, "draft.sections");
        event.field = Some("acts_sections".to_owned());
        event.old_value = Some(old.join(", "));
        event.new_value = Some(new.join(", "));
        self.store()
            .save_reviewed_draft(case_id, &draft, &edited, &[event])
            .await?;
        Ok(typed)
    }

    /// Fills in what the draft of `case_id` lacks for finalisation with the stand-ins of
    /// [`crate::completeness::stand_in`], as `actor`: for tests and benchmarks that
    /// finalise statements which do not say everything. Never for a real case.
    pub async fn fill_stand_ins(&self, case_id: CaseId, actor: &str) -> Result<(), EngineError> {
        let Some(draft) = self.draft(case_id).await? else {
            return Ok(());
        };
        let plan = stand_ins(
            crate::completeness::missing_items(&draft)
                .iter()
                .map(|item| item.path),
        );
        if let Some(sections) = &plan.sections {
            self.set_sections(case_id, actor, sections).await?;
        }
        if !plan.edits.is_empty() {
            self.edit_draft(case_id, actor, &plan.edits).await?;
        }
        Ok(())
    }

    /// Finalises a draft no officer reviewed (`afirgen generate --auto-approve`, for
    /// demos and tests): item 13's action, which only an officer can choose, is recorded
    /// as "registered the case and took up the investigation" in `actor`'s name (audited)
    /// when the draft has none; everything else is checked as for any finalisation.
    pub async fn approve_unreviewed(
        &self,
        job_id: crate::domain::JobId,
        actor: &crate::auth::User,
    ) -> Result<crate::store::FinalRecord, EngineError> {
        let case_id = self.job(job_id).await?.case_id;
        let draft = self.draft(case_id).await?;
        // The trail says what was signed without anyone's judgement, so a reader of the
        // record need not reconstruct it from the draft's sources; it is written with the
        // finalisation, so a refused one leaves no such event behind.
        let unreviewed = draft
            .as_ref()
            .map(FirDraft::unreviewed_sections)
            .unwrap_or_default();
        let mut noted = Vec::new();
        if !unreviewed.is_empty() {
            let mut event = AuditEvent::new(
                case_id,
                Some(job_id),
                &actor.name,
                UNREVIEWED_SECTIONS_SIGNED,
            );
            event.field = Some("acts_sections".to_owned());
            event.new_value = Some(unreviewed.join(", "));
            noted.push(event);
        }
        let chosen = draft.is_some_and(|d| d.action_taken.action.is_some());
        if !chosen {
            let action = crate::fir::ActionKind::RegisteredAndInvestigating;
            let edit = FieldEdit {
                path: "action_taken.action".to_owned(),
                value: serde_json::to_value(action).map_err(StoreError::from)?,
            };
            self.edit_draft(case_id, &actor.name, &[edit]).await?;
        }
        self.finalize_noting(job_id, actor, None, &noted).await
    }

    /// Runs the facts or the sections step again with the officer's guidance (the
    /// previous outputs stay stored as earlier versions) and drafts again, keeping every
    /// field the officer edited.
    pub async fn regenerate(
        &self,
        job_id: JobId,
        what: Regenerate,
        guidance: Option<&str>,
        actor: &str,
    ) -> Result<FirDraft, EngineError> {
        let job = self.job(job_id).await?;
        let (current, edited) = self.open_draft(job.case_id).await?;
        let step = match what {
            Regenerate::Facts => Step::Extract,
            Regenerate::Sections => Step::LegalSections,
        };
        let mut generated = self
            .pipeline()
            .regenerate(&job, step, guidance)
            .await
            .map_err(|err| invalid(format!("regenerating {step} failed: {err}")))?;
        keep_edits(&mut generated, &current, &edited);
        // The officer's edits kept (a value, a chosen row) decide the Schedule rows and
        // the classification again; a chosen row its new section lacks is dropped.
        let mut typed: FirDraft = serde_json::from_value(generated).map_err(StoreError::from)?;
        crate::legal::classify(self.catalogue(), &mut typed);
        let generated = serde_json::to_value(&typed).map_err(StoreError::from)?;
        let mut event = AuditEvent::new(job.case_id, Some(job_id), actor, "draft.regenerated");
        event.field = Some(step.as_str().to_owned());
        event.new_value = guidance.map(str::to_owned);
        self.store()
            .save_reviewed_draft(job.case_id, &generated, &edited, &[event])
            .await?;
        Ok(serde_json::from_value(generated).map_err(StoreError::from)?)
    }
}

impl Engine {
    /// Records a correction to a finalized case as a new, sealed, linked supplementary
    /// record; the finalized record itself never changes.
    pub async fn supplement(
        &self,
        case_id: CaseId,
        actor: &str,
        correction: &str,
    ) -> Result<crate::store::Supplement, EngineError> {
        if correction.trim().is_empty() {
            return Err(invalid(
                "a supplementary record needs the correction's text".to_owned(),
            ));
        }
        self.own_case(case_id).await?;
        let record = self.store().final_record(case_id).await?.ok_or_else(|| {
            invalid(format!(
                "case {case_id} is not finalized: correct the draft itself (`afirgen draft edit`)"
            ))
        })?;
        let signer = self.keys()?.signer()?;
        let content = serde_json::json!({
            "supplements": format!("{} {}", record.kind.as_str().to_uppercase(), record.display_number),
            "record_seal": record.seal,
            "station_code": record.station_code,
            "correction": correction,
            "made_by": actor,
            "made_at": chrono::Utc::now().to_rfc3339(),
        });
        Ok(self
            .store()
            .add_supplement(&record, &content, actor, &signer)
            .await?)
    }
}

#[cfg(test)]
mod tests;
