//! Reading jobs: one by id, a case's latest, the newest, counts by state, and when
//! they became ready. (Claims, leases and a run's writes are in `queue`.)

use super::*;

impl Store {
    /// One job.
    pub async fn get_job(&self, job_id: JobId) -> Result<Job, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?");
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(&sql)
                .bind(job_id)
                .fetch_optional(pool)
                .await?
                .ok_or(StoreError::NotFound {
                    what: "job",
                    id: job_id,
                })?;
            Ok(job_from_row!(&row))
        })
    }

    /// The latest job of a case, if it has one.
    pub async fn latest_job_of_case(&self, case_id: CaseId) -> Result<Option<Job>, StoreError> {
        let sql =
            format!("SELECT {JOB_COLUMNS} FROM jobs WHERE case_id = ? ORDER BY id DESC LIMIT 1");
        with_pool!(self, |pool, dialect| {
            let row = sqlx::query(&sql).bind(case_id).fetch_optional(pool).await?;
            Ok(match row {
                Some(row) => Some(job_from_row!(&row)),
                None => None,
            })
        })
    }

    /// The most recent jobs, newest first.
    pub async fn list_jobs(&self, limit: i64) -> Result<Vec<Job>, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs ORDER BY id DESC LIMIT ?");
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(&sql).bind(limit).fetch_all(pool).await?;
            let mut jobs = Vec::with_capacity(rows.len());
            for row in &rows {
                jobs.push(job_from_row!(row));
            }
            Ok(jobs)
        })
    }

    /// Jobs per state (of `station`'s cases, when given).
    pub async fn count_jobs_by_state(
        &self,
        station: Option<&str>,
    ) -> Result<HashMap<JobState, i64>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT j.state, COUNT(*) AS n FROM jobs j JOIN cases c ON c.id = j.case_id \
                 WHERE (? IS NULL OR c.station_code = ?) GROUP BY j.state",
            )
            .bind(station)
            .bind(station)
            .fetch_all(pool)
            .await?;
            let mut counts = HashMap::new();
            for row in &rows {
                let state = JobState::from_str(&row.try_get::<String, _>("state")?)?;
                counts.insert(state, row.try_get::<i64, _>("n")?);
            }
            Ok(counts)
        })
    }

    /// How the last `limit` jobs that became ready for review (of `station`'s cases, when
    /// given) went, for estimating how long steps take: each stored step output of their
    /// runs as (job, job submitted, step, the claim that wrote it, stored at), by job,
    /// then claim, then time. An officer's regeneration (written under no claim) is left
    /// out.
    pub async fn recent_step_times(
        &self,
        limit: i64,
        station: Option<&str>,
    ) -> Result<Vec<(JobId, Millis, Step, i64, Millis)>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT r.id AS job_id, r.created_at AS submitted_at, s.step, s.run_attempt, \
                 s.created_at AS stored_at \
                 FROM (SELECT j.id, j.created_at FROM jobs j JOIN cases c ON c.id = j.case_id \
                       WHERE j.ready_at IS NOT NULL AND (? IS NULL OR c.station_code = ?) \
                       ORDER BY j.ready_at DESC LIMIT ?) r \
                 JOIN step_outputs s ON s.job_id = r.id \
                 WHERE s.run_attempt IS NOT NULL \
                 ORDER BY r.id, s.run_attempt, s.created_at",
            )
            .bind(station)
            .bind(station)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| {
                    Ok((
                        row.try_get("job_id")?,
                        row.try_get("submitted_at")?,
                        Step::from_str(&row.try_get::<String, _>("step")?)?,
                        row.try_get("run_attempt")?,
                        row.try_get("stored_at")?,
                    ))
                })
                .collect()
        })
    }

    /// Jobs that became ready for review since `since`: (created, ready) times, newest
    /// first, at most `limit`.
    pub async fn ready_times_since(
        &self,
        since: Millis,
        limit: i64,
    ) -> Result<Vec<(Millis, Millis)>, StoreError> {
        with_pool!(self, |pool, dialect| {
            let rows = sqlx::query(
                "SELECT created_at, ready_at FROM jobs WHERE ready_at >= ? ORDER BY ready_at DESC LIMIT ?",
            )
            .bind(since)
            .bind(limit)
            .fetch_all(pool)
            .await?;
            rows.iter()
                .map(|row| Ok((row.try_get("created_at")?, row.try_get("ready_at")?)))
                .collect()
        })
    }
}
