//! Finalised records: numbering, sealing (finalisation), lookup, and supplements.

use super::*;

/// What kind of record a finalized case is, each with its own number series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// First Information Report (cognizable offence).
    Fir,
    /// Non-cognizable report.
    Ncr,
}

impl RecordKind {
    /// Stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Fir => "fir",
            RecordKind::Ncr => "ncr",
        }
    }
}

/// A finalized, sealed record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FinalRecord {
    /// The case.
    pub case_id: CaseId,
    /// Station code.
    pub station_code: String,
    /// Year of registration.
    pub year: i32,
    /// FIR or NCR.
    pub kind: RecordKind,
    /// Sequence number within (station, year, kind).
    pub number: i64,
    /// The number as printed, e.g. `0042/2026`.
    pub display_number: String,
    /// The frozen content.
    #[ts(as = "crate::fir::FirDraft")]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::fir::FirDraft))]
    pub content: serde_json::Value,
    /// SHA-256 of the canonical content.
    pub seal: String,
    /// Who finalized it.
    pub finalized_by: String,
    /// When.
    pub finalized_at: Millis,
    /// The station key's Ed25519 signature (hex) over [`crate::evidence::record_payload`];
    /// None on records sealed before signing existed.
    #[serde(default)]
    pub signature: Option<String>,
    /// The id of the key that signed it.
    #[serde(default)]
    pub key_id: Option<String>,
    /// The head of the case's audit chain when it was finalised (signed with it).
    #[serde(default)]
    pub audit_head: Option<String>,
}

/// What a finalisation seals with: the record's series and year, who finalises, the
/// station's key, and the draft revision that was reviewed.
#[derive(Debug, Clone, Copy)]
pub struct Sealing<'a> {
    /// FIR or NCR series.
    pub kind: RecordKind,
    /// Year of registration.
    pub year: i32,
    /// Who finalises (recorded and signed).
    pub actor: &'a str,
    /// The station's key.
    pub signer: &'a crate::signing::Signer,
    /// The draft revision that was reviewed; a newer draft is refused.
    pub revision: i64,
    /// Events recorded with the finalisation, in its transaction and under its seal
    /// (what `--auto-approve` signed unjudged): a finalisation that fails leaves none.
    pub noted: &'a [AuditEvent],
}

/// A correction to a finalized record: its own sealed record, linked by the seal of the
/// record it corrects.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Supplement {
    /// Row id.
    pub id: i64,
    /// The case.
    pub case_id: CaseId,
    /// The seal of the finalized record it supplements.
    pub record_seal: String,
    /// What it says (the correction and its reason).
    pub content: serde_json::Value,
    /// SHA-256 of its canonical content.
    pub seal: String,
    /// Who made it.
    pub created_by: String,
    /// When.
    pub created_at: Millis,
    /// The station key's signature (hex) over the canonical content, which names the
    /// record, the correction, who made it and when; None before signing existed.
    #[serde(default)]
    pub signature: Option<String>,
    /// The id of the key that signed it.
    #[serde(default)]
    pub key_id: Option<String>,
}

/// How a finalized record is looked up.
pub(super) enum RecordKey {
    Case(CaseId),
    Seal(String),
    Number(String, i32, RecordKind, i64),
}

/// Formats a record number the way it is printed: `0042/2026`.
pub fn display_number(number: i64, year: i32) -> String {
    format!("{number:04}/{year}")
}

impl Store {
    /// The number the next record of this kind will receive at `station` in `year`
    /// (unless another is registered first): for the confirmation a desk shows.
    pub async fn next_number(
        &self,
        station: &str,
        year: i32,
        kind: RecordKind,
    ) -> Result<i64, StoreError> {
        with_pool!(self, |pool, dialect| {
            let last: Option<i64> = sqlx::query(
                "SELECT last_no FROM fir_sequences WHERE station_code = ? AND year = ? AND kind = ?",
            )
            .bind(station)
            .bind(year)
            .bind(kind.as_str())
            .fetch_optional(pool)
            .await?
            .map(|row| row.try_get("last_no"))
            .transpose()?;
            Ok(last.unwrap_or(0) + 1)
        })
    }

    /// Finalizes a case in one transaction: allocates the next number of
    /// (station, year, kind), lets `freeze` build the content with that number, seals it,
    /// stores the record, marks the job finalized and audits it.
    ///
    /// Numbers are gap-free: a transaction that fails rolls its increment back.
    pub async fn finalize(
        &self,
        job_id: JobId,
        sealing: &Sealing<'_>,
        freeze: impl Fn(i64) -> Result<serde_json::Value, StoreError>,
    ) -> Result<FinalRecord, StoreError> {
        let job = self.get_job(job_id).await?;
        let case = self.get_case(job.case_id).await?;
        // InnoDB may pick this transaction as a deadlock victim under heavy concurrent
        // numbering: tried again, up to 20 times in all.
        match super::retrying_lock_conflicts(20, || {
            self.finalize_once(&job, &case, sealing, &freeze)
        })
        .await
        {
            Err(StoreError::DraftChanged {
                case_id,
                seen,
                current,
                ..
            }) => {
                let changes = match (
                    self.draft_at(case_id, seen).await?,
                    self.draft_at(case_id, current).await?,
                ) {
                    (Some(before), Some(now)) => crate::fir::draft_differences(&before, &now),
                    _ => vec!["an earlier revision is not kept to compare".to_owned()],
                };
                Err(StoreError::DraftChanged {
                    case_id,
                    seen,
                    current,
                    changes,
                })
            }
            other => other,
        }
    }

    pub(super) async fn finalize_once(
        &self,
        job: &Job,
        case: &CaseRecord,
        sealing: &Sealing<'_>,
        freeze: &impl Fn(i64) -> Result<serde_json::Value, StoreError>,
    ) -> Result<FinalRecord, StoreError> {
        let Sealing {
            kind,
            year,
            actor,
            signer,
            revision,
            noted,
        } = *sealing;
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            // Claim the job first: this write takes SQLite's lock before any read, and
            // refuses a second finalisation of the same case.
            let claimed = sqlx::query(
                "UPDATE jobs SET state = 'finalized', updated_at = ? WHERE id = ? AND state = 'awaiting_review'",
            )
            .bind(now)
            .bind(job.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed != 1 {
                let state: String = sqlx::query("SELECT state FROM jobs WHERE id = ?")
                    .bind(job.id)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("state")?;
                return Err(StoreError::Conflict(format!(
                    "job {} is {state}; only a draft awaiting review can be finalized",
                    job.id
                )));
            }
            // What is sealed is the revision the officer reviewed, or nothing.
            let current: Option<i64> = sqlx::query(dialect.draft_revision)
                .bind(case.id)
                .fetch_optional(&mut *tx)
                .await?
                .map(|row| row.try_get("revision"))
                .transpose()?;
            let current = current.ok_or_else(|| {
                StoreError::Conflict(format!("case {} has no draft to finalize", case.id))
            })?;
            if current != revision {
                return Err(StoreError::DraftChanged {
                    case_id: case.id,
                    seen: revision,
                    current,
                    changes: Vec::new(),
                });
            }
            sqlx::query(dialect.bump_sequence)
                .bind(&case.station_code)
                .bind(year)
                .bind(kind.as_str())
                .execute(&mut *tx)
                .await?;
            let number: i64 = sqlx::query(
                "SELECT last_no FROM fir_sequences WHERE station_code = ? AND year = ? AND kind = ?",
            )
            .bind(&case.station_code)
            .bind(year)
            .bind(kind.as_str())
            .fetch_one(&mut *tx)
            .await?
            .try_get("last_no")?;
            let content = freeze(number)?;
            for event in noted {
                insert_audit!(tx, dialect, event)?;
            }
            // Signed with the audit chain's head as it stands, so a trail rewritten
            // afterwards no longer matches the record.
            let head = audit_head!(tx, dialect, case.id)?;
            let mut record = FinalRecord {
                case_id: case.id,
                station_code: case.station_code.clone(),
                year,
                kind,
                number,
                display_number: display_number(number, year),
                content,
                seal: String::new(),
                finalized_by: actor.to_owned(),
                finalized_at: now,
                signature: None,
                key_id: Some(signer.key_id().to_owned()),
                audit_head: Some(head),
            };
            let payload = crate::evidence::record_payload(&record)?;
            record.seal = crate::evidence::sha256_hex(&payload);
            record.signature = Some(signer.sign(&payload));
            sqlx::query(
                "INSERT INTO fir_records (case_id, station_code, year, kind, fir_no, content, seal, status, \
                 finalized_by, finalized_at, signature, key_id, audit_head) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, 'finalized', ?, ?, ?, ?, ?)",
            )
            .bind(case.id)
            .bind(&case.station_code)
            .bind(year)
            .bind(kind.as_str())
            .bind(number)
            .bind(serde_json::to_string(&record.content)?)
            .bind(&record.seal)
            .bind(actor)
            .bind(now)
            .bind(&record.signature)
            .bind(&record.key_id)
            .bind(&record.audit_head)
            .execute(&mut *tx)
            .await?;
            let mut event = AuditEvent::new(case.id, Some(job.id), actor, "fir.finalized");
            event.at = now;
            event.new_value = Some(format!(
                "{} {}",
                kind.as_str(),
                display_number(number, year)
            ));
            insert_audit!(tx, dialect, &event)?;
            tx.commit().await?;
            Ok(record)
        })
    }

    /// The finalized record of a case, if any.
    pub async fn final_record(&self, case_id: CaseId) -> Result<Option<FinalRecord>, StoreError> {
        self.final_record_where("case_id = ?", RecordKey::Case(case_id))
            .await
    }

    /// The record with this seal, if any.
    pub async fn final_record_by_seal(
        &self,
        seal: &str,
    ) -> Result<Option<FinalRecord>, StoreError> {
        self.final_record_where("seal = ?", RecordKey::Seal(seal.to_owned()))
            .await
    }

    /// The record numbered `number` in (station, year, kind), if any.
    pub async fn final_record_by_number(
        &self,
        station_code: &str,
        year: i32,
        kind: RecordKind,
        number: i64,
    ) -> Result<Option<FinalRecord>, StoreError> {
        self.final_record_where(
            "station_code = ? AND year = ? AND kind = ? AND fir_no = ?",
            RecordKey::Number(station_code.to_owned(), year, kind, number),
        )
        .await
    }

    pub(super) async fn final_record_where(
        &self,
        condition: &str,
        key: RecordKey,
    ) -> Result<Option<FinalRecord>, StoreError> {
        let sql = format!(
            "SELECT case_id, station_code, year, kind, fir_no, content, seal, finalized_by, finalized_at, \
             signature, key_id, audit_head FROM fir_records WHERE {condition}"
        );
        with_pool!(self, |pool, dialect| {
            let query = sqlx::query(&sql);
            let query = match &key {
                RecordKey::Case(id) => query.bind(*id),
                RecordKey::Seal(seal) => query.bind(seal.clone()),
                RecordKey::Number(station, year, kind, number) => query
                    .bind(station.clone())
                    .bind(*year)
                    .bind(kind.as_str())
                    .bind(*number),
            };
            let row = query.fetch_optional(pool).await?;
            let Some(row) = row else { return Ok(None) };
            let year: i64 = row.try_get("year")?;
            let year =
                i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("year {year}")))?;
            let number: i64 = row.try_get("fir_no")?;
            let kind = match row.try_get::<String, _>("kind")?.as_str() {
                "fir" => RecordKind::Fir,
                "ncr" => RecordKind::Ncr,
                other => return Err(StoreError::Corrupt(format!("record kind {other:?}"))),
            };
            Ok(Some(FinalRecord {
                case_id: row.try_get("case_id")?,
                station_code: row.try_get("station_code")?,
                year,
                kind,
                number,
                display_number: display_number(number, year),
                content: serde_json::from_str(&row.try_get::<String, _>("content")?)?,
                seal: row.try_get("seal")?,
                finalized_by: row.try_get("finalized_by")?,
                finalized_at: row.try_get("finalized_at")?,
                signature: row.try_get("signature")?,
                key_id: row.try_get("key_id")?,
                audit_head: row.try_get("audit_head")?,
            }))
        })
    }

    /// Adds a sealed supplementary record linked to a finalized one, with its audit event.
    pub async fn add_supplement(
        &self,
        record: &FinalRecord,
        content: &serde_json::Value,
        actor: &str,
        signer: &crate::signing::Signer,
    ) -> Result<Supplement, StoreError> {
        let seal = crate::fir::seal(content)?;
        let signature = signer.sign(&crate::fir::canonical_json(content));
        let now = now_ms();
        let text = serde_json::to_string(content)?;
        let id = with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let id = sqlx::query(
                "INSERT INTO supplements (case_id, record_seal, content, seal, created_by, created_at, \
                 signature, key_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(record.case_id)
            .bind(&record.seal)
            .bind(&text)
            .bind(&seal)
            .bind(actor)
            .bind(now)
            .bind(&signature)
            .bind(signer.key_id())
            .execute(&mut *tx)
            .await?
            .insert_id();
            let mut event = AuditEvent::new(record.case_id, None, actor, "fir.supplemented");
            event.at = now;
            event.new_value = Some(format!(
                "supplement {id} to {} {}",
                record.kind.as_str(),
                record.display_number
            ));
            insert_audit!(tx, dialect, &event)?;
            tx.commit().await?;
            id
        });
        Ok(Supplement {
            id,
            case_id: record.case_id,
            record_seal: record.seal.clone(),
            content: content.clone(),
            seal,
            created_by: actor.to_owned(),
            created_at: now,
            signature: Some(signature),
            key_id: Some(signer.key_id().to_owned()),
        })
    }

    /// The supplementary records of a case, oldest first.
    pub async fn supplements(&self, case_id: CaseId) -> Result<Vec<Supplement>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT id, case_id, record_seal, content, seal, created_by, created_at, signature, \
                 key_id FROM supplements WHERE case_id = ? ORDER BY id",
            )
            .bind(case_id)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    Ok(Supplement {
                        id: row.try_get("id")?,
                        case_id: row.try_get("case_id")?,
                        record_seal: row.try_get("record_seal")?,
                        content: serde_json::from_str(&row.try_get::<String, _>("content")?)?,
                        seal: row.try_get("seal")?,
                        created_by: row.try_get("created_by")?,
                        created_at: row.try_get("created_at")?,
                        signature: row.try_get("signature")?,
                        key_id: row.try_get("key_id")?,
                    })
                })
                .collect()
        })
    }
}
