//! The persisted job queue: claims with leases, and the writes a pipeline run makes.
//!
//! A worker that claims a job gets a [`Claim`]: the job, the worker (`owner`) and the
//! claim's number (`attempt`, one more on every claim). Every write a run makes names
//! its claim, and the check and the write are one transaction: a run whose job was
//! cancelled, released, or claimed again (by another process, or by this one after the
//! lease ran out) writes nothing. A step output is stored at most once per claim, so a
//! write retried after its commit's acknowledgement was lost adds no second version.

use super::{DbPool, Store, StoreError, JOB_COLUMNS, MYSQL, RUNNING_STATES, SQLITE};
use crate::domain::{
    now_ms, AuditEvent, CaseId, Job, JobError, JobErrorKind, JobId, JobState, Priority, Step,
};
use sqlx::Row;
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

/// A worker's hold on a running job, and the right to write its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The job.
    pub job_id: JobId,
    /// Its case.
    pub case_id: CaseId,
    /// The worker holding it (`host-pid-random`).
    pub owner: String,
    /// Which claim of the job this is: 1 for the first, one more for each after.
    pub attempt: i64,
}

/// A job just taken from the queue, with the claim its run writes under.
#[derive(Debug, Clone)]
pub struct Claimed {
    /// The job as it stands after the claim.
    pub job: Job,
    /// The claim.
    pub claim: Claim,
}

/// The condition "this claim still holds the job"; binds job id, owner, attempt.
fn held() -> String {
    format!("id = ? AND claimed_by = ? AND attempts = ? AND state IN {RUNNING_STATES}")
}

/// Binds a claim's three values to the placeholders of [`held`].
macro_rules! bind_claim {
    ($query:expr, $claim:expr) => {{
        let claim: &Claim = $claim;
        $query
            .bind(claim.job_id)
            .bind(&claim.owner)
            .bind(claim.attempt)
    }};
}

/// The error for a claim that no longer holds its job, naming the job's state now.
macro_rules! claim_lost {
    ($executor:expr, $claim:expr) => {{
        let claim: &Claim = $claim;
        let state: Option<String> = sqlx::query("SELECT state FROM jobs WHERE id = ?")
            .bind(claim.job_id)
            .fetch_optional($executor)
            .await?
            .map(|row| row.try_get("state"))
            .transpose()?;
        match state {
            Some(state) => StoreError::ClaimLost {
                job_id: claim.job_id,
                attempt: claim.attempt,
                state: JobState::from_str(&state)?,
            },
            None => StoreError::NotFound {
                what: "job",
                id: claim.job_id,
            },
        }
    }};
}

/// Inserts a step output as the next version; `run_attempt` is the writing claim's
/// number, or None for an officer's regeneration. Evaluates to the version.
macro_rules! insert_step_output {
    ($tx:expr, $job_id:expr, $step:expr, $run_attempt:expr, $text:expr, $raw:expr) => {{
        let (job_id, step): (JobId, Step) = ($job_id, $step);
        let version: i64 = sqlx::query(
            "SELECT COALESCE(MAX(version), 0) + 1 AS v FROM step_outputs WHERE job_id = ? AND step = ?",
        )
        .bind(job_id)
        .bind(step.as_str())
        .fetch_one(&mut *$tx)
        .await?
        .try_get("v")?;
        sqlx::query(
            "INSERT INTO step_outputs (job_id, step, version, run_attempt, output, raw_answer, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(job_id)
        .bind(step.as_str())
        .bind(version)
        .bind($run_attempt)
        .bind($text)
        .bind($raw)
        .bind(now_ms())
        .execute(&mut *$tx)
        .await?;
        version
    }};
}

impl Store {
    /// Takes the next queued job (urgent first, then FIFO) for `owner`, with a lease.
    ///
    /// Safe against other workers and other processes: the claim is a compare-and-set on
    /// the job's state and claim count, so exactly one claimer wins, and the winner knows
    /// exactly which claim it holds.
    pub async fn claim_next_job(
        &self,
        owner: &str,
        lease: Duration,
    ) -> Result<Option<Claimed>, StoreError> {
        // The whole row is read with the candidate, so a won claim needs no second read.
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE state = 'queued' \
             ORDER BY priority DESC, id ASC LIMIT 1"
        );
        loop {
            let candidate: Option<Job> = with_pool!(self, |pool, dialect| {
                match sqlx::query(&sql).fetch_optional(pool).await? {
                    Some(row) => Some(job_from_row!(&row)),
                    None => None,
                }
            });
            let Some(mut job) = candidate else {
                return Ok(None);
            };
            let (id, attempts) = (job.id, job.attempts);
            // A resumed job shows the step it stopped in; a new one starts with inputs.
            let step = job.step.unwrap_or(Step::InputsToText);
            let attempt = attempts + 1;
            let now = now_ms();
            let claimed = with_writer!(self, |pool, dialect| {
                sqlx::query(
                    "UPDATE jobs SET state = ?, claimed_by = ?, lease_until = ?, attempts = ?, \
                     updated_at = ? WHERE id = ? AND state = 'queued' AND attempts = ?",
                )
                .bind(step.running_state().as_str())
                .bind(owner)
                .bind(now + lease.as_millis() as i64)
                .bind(attempt)
                .bind(now)
                .bind(id)
                .bind(attempts)
                .execute(pool)
                .await?
                .rows_affected()
                    == 1
            });
            if claimed {
                // As the update left the row.
                job.state = step.running_state();
                job.attempts = attempt;
                job.updated_at = now;
                let claim = Claim {
                    job_id: id,
                    case_id: job.case_id,
                    owner: owner.to_owned(),
                    attempt,
                };
                return Ok(Some(Claimed { job, claim }));
            }
        }
    }

    /// Extends the leases of the given claims that still hold their jobs.
    pub async fn renew_leases(&self, claims: &[Claim], lease: Duration) -> Result<u64, StoreError> {
        if claims.is_empty() {
            return Ok(0);
        }
        // Only the runs the caller has now: a job it gave up on (say, when the database
        // stopped answering) must let its lease run out and be taken again.
        let held = vec!["(id = ? AND claimed_by = ? AND attempts = ?)"; claims.len()].join(" OR ");
        let sql =
            format!("UPDATE jobs SET lease_until = ? WHERE state IN {RUNNING_STATES} AND ({held})");
        with_writer!(self, |pool, dialect| {
            let mut query = sqlx::query(&sql).bind(now_ms() + lease.as_millis() as i64);
            for claim in claims {
                query = bind_claim!(query, claim);
            }
            Ok(query.execute(pool).await?.rows_affected())
        })
    }

    /// Gives a job back to the queue at once (its stored step outputs stay). Returns
    /// false if the claim no longer held it: a later claim's run is never disturbed.
    pub async fn release_job(&self, claim: &Claim) -> Result<bool, StoreError> {
        let sql = format!(
            "UPDATE jobs SET state = 'queued', claimed_by = NULL, lease_until = NULL, updated_at = ? \
             WHERE {}",
            held()
        );
        with_writer!(self, |pool, dialect| {
            Ok(bind_claim!(sqlx::query(&sql).bind(now_ms()), claim)
                .execute(pool)
                .await?
                .rows_affected()
                == 1)
        })
    }

    /// Records that a claimed job entered a step. Fails with [`StoreError::ClaimLost`]
    /// (changing nothing) if the claim no longer holds the job, e.g. it was cancelled.
    pub async fn enter_step(
        &self,
        claim: &Claim,
        step: Step,
        state: JobState,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "UPDATE jobs SET state = ?, step = ?, updated_at = ? WHERE {}",
            held()
        );
        with_writer!(self, |pool, dialect| {
            let entered = bind_claim!(
                sqlx::query(&sql)
                    .bind(state.as_str())
                    .bind(step.as_str())
                    .bind(now_ms()),
                claim
            )
            .execute(pool)
            .await?
            .rows_affected()
                == 1;
            if entered {
                Ok(())
            } else {
                Err(claim_lost!(pool, claim))
            }
        })
    }

    /// Stores a run's output of a step, once: if this claim already stored the step (a
    /// retry after a lost acknowledgement), nothing is added and the stored version is
    /// returned. Fails with [`StoreError::ClaimLost`], storing nothing, if the claim no
    /// longer holds the job.
    pub async fn put_step_output(
        &self,
        claim: &Claim,
        step: Step,
        output: &serde_json::Value,
        raw_answer: Option<&str>,
    ) -> Result<i64, StoreError> {
        self.put_step_output_then(claim, step, output, raw_answer, None)
            .await
    }

    /// [`Store::put_step_output`], and in the same transaction the job enters the `next`
    /// step in the given state, as [`Store::enter_step`] would: one write between two
    /// steps instead of two.
    pub async fn put_step_output_then(
        &self,
        claim: &Claim,
        step: Step,
        output: &serde_json::Value,
        raw_answer: Option<&str>,
        next: Option<(Step, JobState)>,
    ) -> Result<i64, StoreError> {
        let text = serde_json::to_string(output)?;
        let fence = match next {
            None => format!("UPDATE jobs SET updated_at = ? WHERE {}", held()),
            Some(_) => format!(
                "UPDATE jobs SET updated_at = ?, state = ?, step = ? WHERE {}",
                held()
            ),
        };
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            // The check takes the job's row lock until commit: a release, requeue or
            // cancel of the job waits for this write or makes it fail.
            let mut query = sqlx::query(&fence).bind(now_ms());
            if let Some((next, state)) = next {
                query = query.bind(state.as_str()).bind(next.as_str());
            }
            let holds = bind_claim!(query, claim)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if !holds {
                return Err(claim_lost!(&mut *tx, claim));
            }
            let stored: Option<i64> = sqlx::query(
                "SELECT version FROM step_outputs WHERE job_id = ? AND step = ? AND run_attempt = ?",
            )
            .bind(claim.job_id)
            .bind(step.as_str())
            .bind(claim.attempt)
            .fetch_optional(&mut *tx)
            .await?
            .map(|row| row.try_get("version"))
            .transpose()?;
            let version = match stored {
                Some(version) => version,
                None => insert_step_output!(
                    tx,
                    claim.job_id,
                    step,
                    Some(claim.attempt),
                    &text,
                    raw_answer
                ),
            };
            tx.commit().await?;
            Ok(version)
        })
    }

    /// Stores an officer's regeneration of a step as a new version (earlier versions
    /// stay).
    pub async fn add_step_version(
        &self,
        job_id: JobId,
        step: Step,
        output: &serde_json::Value,
        raw_answer: Option<&str>,
    ) -> Result<i64, StoreError> {
        let text = serde_json::to_string(output)?;
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let version = insert_step_output!(tx, job_id, step, None::<i64>, &text, raw_answer);
            tx.commit().await?;
            Ok(version)
        })
    }

    /// Ends a run with its draft: saves the draft, leaves the job awaiting review and
    /// records it, in one transaction. Fails with [`StoreError::ClaimLost`], changing
    /// nothing, if the claim no longer holds the job.
    pub async fn finish_run(
        &self,
        claim: &Claim,
        draft: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(draft)?;
        let settle = format!(
            "UPDATE jobs SET state = 'awaiting_review', error = NULL, claimed_by = NULL, \
             lease_until = NULL, updated_at = ?, ready_at = ? WHERE {}",
            held()
        );
        let now = now_ms();
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let settled = bind_claim!(sqlx::query(&settle).bind(now).bind(now), claim)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if !settled {
                return Err(claim_lost!(&mut *tx, claim));
            }
            sqlx::query(dialect.upsert_draft)
                .bind(claim.case_id)
                .bind(claim.job_id)
                .bind(&text)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            keep_revision!(tx, claim.case_id, "system")?;
            insert_audit!(
                tx,
                dialect,
                &AuditEvent::new(
                    claim.case_id,
                    Some(claim.job_id),
                    "system",
                    "draft.generated"
                )
            )?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Marks a claimed job failed, keeping the error (and any raw model answer) with it.
    /// Fails with [`StoreError::ClaimLost`], changing nothing, if the claim no longer
    /// holds the job.
    pub async fn fail_run(&self, claim: &Claim, error: &JobError) -> Result<(), StoreError> {
        let text = serde_json::to_string(error)?;
        let fail = format!(
            "UPDATE jobs SET state = 'failed', error = ?, claimed_by = NULL, lease_until = NULL, \
             updated_at = ? WHERE {}",
            held()
        );
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let failed = bind_claim!(sqlx::query(&fail).bind(&text).bind(now_ms()), claim)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                == 1;
            if !failed {
                return Err(claim_lost!(&mut *tx, claim));
            }
            let mut event =
                AuditEvent::new(claim.case_id, Some(claim.job_id), "system", "job.failed");
            event.new_value = Some(error.to_string());
            insert_audit!(tx, dialect, &event)?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Puts running jobs whose worker is gone back in the queue, keeping their place
    /// (id order) and their stored step outputs — unless this is the job's
    /// `max_interruptions`-th interrupted run: then it is failed, with a message saying
    /// why, so that an input that crashes the process cannot stop the station after
    /// every restart.
    ///
    /// A worker is gone when its lease has expired, or when it is `dead_owner` (this
    /// process's previous incarnation, known to be dead).
    pub async fn requeue_orphans(
        &self,
        dead_owner: Option<&str>,
        max_interruptions: u32,
    ) -> Result<Orphans, StoreError> {
        let orphan = format!(
            "state IN {RUNNING_STATES} AND (lease_until IS NULL OR lease_until < ? OR claimed_by = ?)"
        );
        let spent = format!(
            "SELECT id, case_id, step, interruptions FROM jobs WHERE {orphan} AND interruptions >= ?"
        );
        let fail = format!(
            "UPDATE jobs SET state = 'failed', error = ?, claimed_by = NULL, lease_until = NULL, \
             updated_at = ? WHERE id = ? AND {orphan}"
        );
        let resume = format!(
            "UPDATE jobs SET state = 'queued', claimed_by = NULL, lease_until = NULL, \
             interruptions = interruptions + 1, updated_at = ? WHERE {orphan} AND interruptions < ?"
        );
        let now = now_ms();
        let owner = dead_owner.unwrap_or("");
        // Runs interrupted before this one.
        let max = i64::from(max_interruptions.max(1) - 1);
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let rows = sqlx::query(&spent)
                .bind(now)
                .bind(owner)
                .bind(max)
                .fetch_all(&mut *tx)
                .await?;
            let mut failed = Vec::new();
            for row in rows {
                let job_id: JobId = row.try_get("id")?;
                let case_id: CaseId = row.try_get("case_id")?;
                let step: Option<String> = row.try_get("step")?;
                let stops: i64 = row.try_get::<i64, _>("interruptions")? + 1;
                let error = JobError {
                    kind: JobErrorKind::Internal,
                    step: step.as_deref().and_then(|s| s.parse().ok()),
                    message: format!(
                        "the process running this job stopped {stops} times before it finished{}; \
                         it was set aside so that it cannot stop the station again. The input is kept: \
                         check it (a very long or damaged recording or scan can do this), then retry \
                         the job or submit a corrected case",
                        step.as_deref().map(|s| format!(" (last during {s})")).unwrap_or_default()
                    ),
                    raw_answer: None,
                };
                let text = serde_json::to_string(&error)?;
                let changed = sqlx::query(&fail)
                    .bind(&text)
                    .bind(now)
                    .bind(job_id)
                    .bind(now)
                    .bind(owner)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if changed == 1 {
                    let mut event = AuditEvent::new(case_id, Some(job_id), "system", "job.failed");
                    event.new_value = Some(error.message.clone());
                    insert_audit!(tx, dialect, &event)?;
                    failed.push(job_id);
                }
            }
            let resumed = sqlx::query(&resume)
                .bind(now)
                .bind(now)
                .bind(owner)
                .bind(max)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok(Orphans { resumed, failed })
        })
    }

    /// The owners holding running jobs.
    pub async fn running_owners(&self) -> Result<Vec<String>, StoreError> {
        let sql = format!(
            "SELECT DISTINCT claimed_by FROM jobs WHERE state IN {RUNNING_STATES} AND claimed_by IS NOT NULL"
        );
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(&sql).fetch_all(pool).await?;
            rows.iter()
                .map(|row| Ok(row.try_get::<String, _>("claimed_by")?))
                .collect()
        })
    }

    /// Jobs waiting in the queue.
    pub async fn count_queued(&self) -> Result<i64, StoreError> {
        with_pool!(self, |pool, dialect| {
            Ok(
                sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'")
                    .fetch_one(pool)
                    .await?
                    .try_get("n")?,
            )
        })
    }

    /// Puts a failed or cancelled job back in the queue (its finished steps are kept).
    pub async fn retry_job(&self, job_id: JobId, actor: &str) -> Result<(), StoreError> {
        let job = self.get_job(job_id).await?;
        if let Some(err) = &job.error {
            if err.kind == JobErrorKind::Input {
                return Err(StoreError::Conflict(format!(
                    "job {job_id} was rejected for its input ({}); submit a corrected case instead",
                    err.message
                )));
            }
        }
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let changed = sqlx::query(
                "UPDATE jobs SET state = 'queued', error = NULL, interruptions = 0, updated_at = ? \
                 WHERE id = ? AND state IN ('failed', 'cancelled')",
            )
            .bind(now_ms())
            .bind(job_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed != 1 {
                return Err(StoreError::Conflict(format!(
                    "job {job_id} is {}, only failed or cancelled jobs can be retried",
                    job.state
                )));
            }
            insert_audit!(
                tx,
                dialect,
                &AuditEvent::new(job.case_id, Some(job_id), actor, "job.retried")
            )?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// Cancels a job that has not settled. Returns false if it had already settled.
    pub async fn cancel_job(&self, job_id: JobId, actor: &str) -> Result<bool, StoreError> {
        let job = self.get_job(job_id).await?;
        let sql = format!(
            "UPDATE jobs SET state = 'cancelled', claimed_by = NULL, lease_until = NULL, updated_at = ? \
             WHERE id = ? AND (state = 'queued' OR state IN {RUNNING_STATES})"
        );
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let changed = sqlx::query(&sql)
                .bind(now_ms())
                .bind(job_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if changed == 1 {
                insert_audit!(
                    tx,
                    dialect,
                    &AuditEvent::new(job.case_id, Some(job_id), actor, "job.cancelled")
                )?;
            }
            tx.commit().await?;
            Ok(changed == 1)
        })
    }

    /// Raises or lowers a queued job's priority.
    /// Only a job still waiting or running can move; the change is audited.
    pub async fn set_priority(
        &self,
        job_id: JobId,
        priority: Priority,
        actor: &str,
    ) -> Result<(), StoreError> {
        let job = self.get_job(job_id).await?;
        let sql = format!(
            "UPDATE jobs SET priority = ?, updated_at = ? \
             WHERE id = ? AND (state = 'queued' OR state IN {RUNNING_STATES})"
        );
        with_writer!(self, |pool, dialect| {
            let mut tx = pool.begin_with(dialect.begin).await?;
            let changed = sqlx::query(&sql)
                .bind(priority.as_i64())
                .bind(now_ms())
                .bind(job_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if changed == 1 {
                let mut event = AuditEvent::new(job.case_id, Some(job_id), actor, "job.priority");
                event.old_value = Some(job.priority.as_str().to_owned());
                event.new_value = Some(priority.as_str().to_owned());
                insert_audit!(tx, dialect, &event)?;
                tx.commit().await?;
            } else {
                // Nothing changed: end the write transaction before reading why.
                tx.rollback().await?;
                let state = self.get_job(job_id).await?.state;
                return Err(StoreError::Conflict(format!(
                    "job {job_id} is {state}; only a waiting or running job can change priority"
                )));
            }
        });
        Ok(())
    }

    /// The latest stored output of each finished step of a job.
    pub async fn step_outputs(
        &self,
        job_id: JobId,
    ) -> Result<HashMap<Step, serde_json::Value>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT step, output FROM step_outputs WHERE job_id = ? ORDER BY version",
            )
            .bind(job_id)
            .fetch_all(pool)
            .await?;
            let mut outputs = HashMap::new();
            for row in &rows {
                let step = Step::from_str(&row.try_get::<String, _>("step")?)?;
                let output: String = row.try_get("output")?;
                // Later versions replace earlier ones.
                outputs.insert(step, serde_json::from_str(&output)?);
            }
            Ok(outputs)
        })
    }
}

/// What [`Store::requeue_orphans`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orphans {
    /// Jobs put back in the queue.
    pub resumed: u64,
    /// Jobs failed because their runs were interrupted too often.
    pub failed: Vec<JobId>,
}
