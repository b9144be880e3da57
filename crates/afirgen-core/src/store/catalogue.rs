//! The legal catalogue's station additions, kept in the database.

use super::*;

impl Store {
    /// Adds or replaces a station's catalogue entries, all in one transaction.
    pub async fn import_legal_entries(
        &self,
        entries: &[crate::legal::Entry],
        actor: &str,
    ) -> Result<(), StoreError> {
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            for entry in entries {
                let citation = entry.citation();
                sqlx::query("DELETE FROM legal_entries WHERE citation = ?")
                    .bind(&citation)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO legal_entries (citation, entry, imported_by, imported_at) VALUES (?, ?, ?, ?)",
                )
                .bind(&citation)
                .bind(serde_json::to_string(entry)?)
                .bind(actor)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// The station's own catalogue entries.
    pub async fn legal_entries(&self) -> Result<Vec<crate::legal::Entry>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query("SELECT entry FROM legal_entries ORDER BY citation")
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| Ok(serde_json::from_str(&row.try_get::<String, _>("entry")?)?))
                .collect()
        })
    }
}
