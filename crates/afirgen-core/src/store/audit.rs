//! The audit trail: events appended to each case's hash chain, and read back with the
//! chain's links so [`crate::evidence`] can check them.

use super::{DbPool, Store, StoreError, MYSQL, SQLITE};
use crate::domain::{AuditEvent, CaseId};
use crate::fir::canonical_json;
use sha2::{Digest, Sha256};
use sqlx::Row;

/// An event's link in its case's chain: SHA-256 over the hash of the case's event before
/// it (`prev`, "" for the first) and every field of the event but its row id.
pub(crate) fn event_hash(prev: &str, event: &AuditEvent) -> String {
    let linked = serde_json::json!({
        "prev": prev,
        "case_id": event.case_id,
        "job_id": event.job_id,
        "actor": event.actor,
        "at": event.at,
        "action": event.action,
        "field": event.field,
        "old_value": event.old_value,
        "new_value": event.new_value,
    });
    hex::encode(Sha256::digest(canonical_json(&linked)))
}

const TRAIL: &str = "SELECT id, case_id, job_id, actor, at, action, field, old_value, new_value, \
                     prev_hash, hash FROM audit_events WHERE case_id = ? ORDER BY id";

impl Store {
    /// Appends an audit event to its case's chain.
    pub async fn append_audit(&self, event: &AuditEvent) -> Result<(), StoreError> {
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            insert_audit!(tx, dialect, event)?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// The audit trail of a case, oldest first.
    pub async fn audit_trail(&self, case_id: CaseId) -> Result<Vec<AuditEvent>, StoreError> {
        Ok(self
            .audit_chain(case_id)
            .await?
            .into_iter()
            .map(|(event, _, _)| event)
            .collect())
    }

    /// The audit trail of a case, oldest first, each event with its chain link (the
    /// hash before it and its own; None for events from before the chain).
    pub async fn audit_chain(
        &self,
        case_id: CaseId,
    ) -> Result<Vec<(AuditEvent, Option<String>, Option<String>)>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(TRAIL).bind(case_id).fetch_all(pool).await?;
            rows.iter()
                .map(|row| {
                    let event = AuditEvent {
                        id: row.try_get("id")?,
                        case_id: row.try_get("case_id")?,
                        job_id: row.try_get("job_id")?,
                        actor: row.try_get("actor")?,
                        at: row.try_get("at")?,
                        action: row.try_get("action")?,
                        field: row.try_get("field")?,
                        old_value: row.try_get("old_value")?,
                        new_value: row.try_get("new_value")?,
                    };
                    Ok((event, row.try_get("prev_hash")?, row.try_get("hash")?))
                })
                .collect()
        })
    }

    /// The chain head kept on the case's row: the hash of its newest audit event.
    pub async fn audit_head_of(&self, case_id: CaseId) -> Result<Option<String>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let head: Option<Option<String>> =
                sqlx::query("SELECT audit_head FROM cases WHERE id = ?")
                    .bind(case_id)
                    .fetch_optional(pool)
                    .await?
                    .map(|row| row.try_get("audit_head"))
                    .transpose()?;
            Ok(head.flatten())
        })
    }

    /// Every case's id, in order.
    pub async fn case_ids(&self) -> Result<Vec<CaseId>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query("SELECT id FROM cases ORDER BY id")
                .fetch_all(pool)
                .await?;
            rows.iter().map(|row| Ok(row.try_get("id")?)).collect()
        })
    }
}
