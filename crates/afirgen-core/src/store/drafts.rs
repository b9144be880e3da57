//! Drafts under review: the current draft, its revisions, and the officer's saved edits.

use super::*;

impl Store {
    /// The current draft of a case, if one was made.
    pub async fn draft(&self, case_id: CaseId) -> Result<Option<serde_json::Value>, StoreError> {
        let text: Option<String> = with_pool!(self, |pool, dialect| {
            let row = sqlx::query("SELECT content FROM drafts WHERE case_id = ?")
                .bind(case_id)
                .fetch_optional(pool)
                .await?;
            match row {
                Some(row) => Some(row.try_get("content")?),
                None => None,
            }
        });
        Ok(text.as_deref().map(serde_json::from_str).transpose()?)
    }

    /// The current draft of a case with the paths of the fields an officer edited.
    pub async fn draft_with_edits(
        &self,
        case_id: CaseId,
    ) -> Result<Option<(serde_json::Value, Vec<String>)>, StoreError> {
        Ok(self
            .draft_revision(case_id)
            .await?
            .map(|(content, edited, _)| (content, edited)))
    }

    /// The current draft of a case, the paths of the fields an officer edited, and its
    /// revision (1 for the first draft, one more for every change since).
    pub async fn draft_revision(
        &self,
        case_id: CaseId,
    ) -> Result<Option<(serde_json::Value, Vec<String>, i64)>, StoreError> {
        let row: Option<(String, Option<String>, i64)> = with_pool!(self, |pool, dialect| {
            let row = sqlx::query(
                "SELECT content, edited_fields, revision FROM drafts WHERE case_id = ?",
            )
            .bind(case_id)
            .fetch_optional(pool)
            .await?;
            match row {
                Some(row) => Some((
                    row.try_get("content")?,
                    row.try_get("edited_fields")?,
                    row.try_get("revision")?,
                )),
                None => None,
            }
        });
        let Some((content, edited, revision)) = row else {
            return Ok(None);
        };
        let edited: Vec<String> = match edited.as_deref() {
            Some(text) if !text.is_empty() => serde_json::from_str(text)?,
            _ => Vec::new(),
        };
        Ok(Some((serde_json::from_str(&content)?, edited, revision)))
    }

    /// A past revision of a case's draft, if kept.
    pub async fn draft_at(
        &self,
        case_id: CaseId,
        revision: i64,
    ) -> Result<Option<serde_json::Value>, StoreError> {
        let text: Option<String> = with_pool!(self, |pool, dialect| {
            sqlx::query("SELECT content FROM draft_revisions WHERE case_id = ? AND revision = ?")
                .bind(case_id)
                .bind(revision)
                .fetch_optional(pool)
                .await?
                .map(|row| row.try_get("content"))
                .transpose()?
        });
        Ok(text.as_deref().map(serde_json::from_str).transpose()?)
    }

    /// Saves an officer's change to a draft and its audit events in one transaction,
    /// refusing if the case was finalized meanwhile.
    pub async fn save_reviewed_draft(
        &self,
        case_id: CaseId,
        content: &serde_json::Value,
        edited_fields: &[String],
        events: &[AuditEvent],
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(content)?;
        let edited = serde_json::to_string(edited_fields)?;
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let changed = sqlx::query(
                "UPDATE drafts SET content = ?, edited_fields = ?, updated_at = ?, revision = revision + 1 \
                 WHERE case_id = ? \
                 AND NOT EXISTS (SELECT 1 FROM fir_records WHERE fir_records.case_id = drafts.case_id)",
            )
            .bind(&text)
            .bind(&edited)
            .bind(now_ms())
            .bind(case_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed != 1 {
                return Err(StoreError::Conflict(format!(
                    "case {case_id} has no open draft (it is finalized, or was never drafted); a finalized record is read-only"
                )));
            }
            let actor = events.first().map_or("officer", |e| e.actor.as_str());
            keep_revision!(tx, case_id, actor)?;
            for event in events {
                insert_audit!(tx, dialect, event)?;
            }
            tx.commit().await?;
        });
        Ok(())
    }
}
