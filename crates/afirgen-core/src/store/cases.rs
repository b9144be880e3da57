//! Cases as submitted: the case row, its inputs and their content-addressed blobs.

use super::*;

/// A stored case.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseRecord {
    /// Row id.
    pub id: CaseId,
    /// Police station code.
    pub station_code: String,
    /// Language given at submission.
    pub language: String,
    /// Who submitted it.
    pub submitted_by: String,
    /// When.
    pub created_at: Millis,
}

impl Store {
    /// Persists a case, its inputs (content-addressed) and its job in one transaction.
    ///
    /// With `rejection`, the job is stored as failed with that error, so a complaint
    /// that cannot be processed is still kept and visible rather than lost.
    pub async fn submit_case(
        &self,
        case: &NewCase,
        rejection: Option<&JobError>,
    ) -> Result<(CaseId, JobId), StoreError> {
        let now = now_ms();
        let (state, error) = match rejection {
            Some(err) => (JobState::Failed, Some(serde_json::to_string(err)?)),
            None => (JobState::Queued, None),
        };
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let case_id = sqlx::query(
                "INSERT INTO cases (station_code, language, submitted_by, created_at) VALUES (?, ?, ?, ?)",
            )
            .bind(&case.station_code)
            .bind(&case.language)
            .bind(&case.submitted_by)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .insert_id();
            for (ordinal, input) in case.inputs.iter().enumerate() {
                let sha = hex::encode(Sha256::digest(&input.bytes));
                let fresh = sqlx::query(dialect.insert_ignore_blob)
                    .bind(&sha)
                    .bind(input.bytes.len() as i64)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    == 1;
                if fresh {
                    for (seq, chunk) in input.bytes.chunks(CHUNK_BYTES).enumerate() {
                        sqlx::query("INSERT INTO blob_chunks (sha256, seq, data) VALUES (?, ?, ?)")
                            .bind(&sha)
                            .bind(seq as i64)
                            .bind(chunk)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                sqlx::query(
                    "INSERT INTO inputs (case_id, ordinal, kind, sha256, size, display_name) \
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(case_id)
                .bind(ordinal as i64)
                .bind(input.kind.as_str())
                .bind(&sha)
                .bind(input.bytes.len() as i64)
                .bind(&input.display_name)
                .execute(&mut *tx)
                .await?;
            }
            let job_id = sqlx::query(
                "INSERT INTO jobs (case_id, state, priority, attempts, error, created_at, updated_at) \
                 VALUES (?, ?, ?, 0, ?, ?, ?)",
            )
            .bind(case_id)
            .bind(state.as_str())
            .bind(case.priority.as_i64())
            .bind(&error)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .insert_id();
            let mut event =
                AuditEvent::new(case_id, Some(job_id), &case.submitted_by, "case.submitted");
            event.at = now;
            // The case was created above: its chain starts here, with no head to read.
            insert_audit!(tx, dialect, &event, after String::new())?;
            if let Some(err) = rejection {
                let mut event = AuditEvent::new(case_id, Some(job_id), "system", "job.rejected");
                event.new_value = Some(err.message.clone());
                insert_audit!(tx, dialect, &event)?;
            }
            tx.commit().await?;
            Ok((case_id, job_id))
        })
    }

    /// The case's row.
    pub async fn get_case(&self, case_id: CaseId) -> Result<CaseRecord, StoreError> {
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(
                "SELECT id, station_code, language, submitted_by, created_at FROM cases WHERE id = ?",
            )
            .bind(case_id)
            .fetch_optional(pool)
            .await?
            .ok_or(StoreError::NotFound { what: "case", id: case_id })?;
            Ok(CaseRecord {
                id: row.try_get("id")?,
                station_code: row.try_get("station_code")?,
                language: row.try_get("language")?,
                submitted_by: row.try_get("submitted_by")?,
                created_at: row.try_get("created_at")?,
            })
        })
    }

    /// The case's inputs, in order.
    pub async fn case_inputs(&self, case_id: CaseId) -> Result<Vec<InputRecord>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT id, case_id, ordinal, kind, sha256, size, display_name FROM inputs \
                 WHERE case_id = ? ORDER BY ordinal",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    Ok(InputRecord {
                        id: row.try_get("id")?,
                        case_id: row.try_get("case_id")?,
                        ordinal: row.try_get("ordinal")?,
                        kind: InputKind::from_str(&row.try_get::<String, _>("kind")?)?,
                        sha256: row.try_get("sha256")?,
                        size: row.try_get("size")?,
                        display_name: row.try_get("display_name")?,
                    })
                })
                .collect()
        })
    }

    /// The bytes stored under a SHA-256, checked against it.
    pub async fn blob(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let chunks: Vec<Vec<u8>> = with_pool!(self, |pool, dialect| {
            let rows = sqlx::query("SELECT data FROM blob_chunks WHERE sha256 = ? ORDER BY seq")
                .bind(sha256)
                .fetch_all(pool)
                .await?;
            rows.iter()
                .map(|row| row.try_get::<Vec<u8>, _>("data"))
                .collect::<Result<_, _>>()?
        });
        let bytes = chunks.concat();
        if hex::encode(Sha256::digest(&bytes)) != sha256 {
            return Err(StoreError::Corrupt(format!(
                "blob {sha256} does not match its hash"
            )));
        }
        Ok(bytes)
    }

    /// How many distinct blobs are stored (inputs are content-addressed).
    pub async fn count_blobs(&self) -> Result<i64, StoreError> {
        with_pool!(self, |pool, dialect| {
            Ok(sqlx::query("SELECT COUNT(*) AS n FROM blobs")
                .fetch_one(pool)
                .await?
                .try_get("n")?)
        })
    }
}
