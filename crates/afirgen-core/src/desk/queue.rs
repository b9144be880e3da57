//! The queue as a desk reads it: one page of jobs (filtered, searched), each with where
//! it stands and when it should be ready, the gates and the counts per state; and the
//! rows of a record search.

use super::{DeskError, Eta, StepTimes, ETA_HISTORY};
use crate::domain::{Job, JobState, Millis, Step};
use crate::engine::{Engine, EngineError};
use crate::gate::GateSnapshot;
use crate::store::{RecordHit, RecordNumber, RecordQuery};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One row of the queue or of a record search.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobRow {
    /// The job as stored.
    pub job: Job,
    /// What it is doing, for people ("Extracting facts", "Awaiting review").
    pub status: String,
    /// Steps finished, out of [`Step::ALL`], for a progress bar.
    pub steps_done: usize,
    /// Steps in all.
    pub steps_total: usize,
    /// Station code.
    pub station_code: String,
    /// Language given at submission.
    pub language: String,
    /// Complainant's name from the draft, once drafted.
    pub complainant: Option<String>,
    /// Cited sections as the form writes them ("303(2) BNS"), once drafted.
    pub sections: Vec<String>,
    /// The record number once finalized.
    pub record: Option<RecordNumber>,
    /// When a queued or running job is expected to be ready for review (the queue's rows
    /// only; None in searches, for settled jobs, and while recent jobs give no estimate).
    pub eta: Option<Eta>,
}

impl JobRow {
    fn from_hit(hit: RecordHit) -> Self {
        let draft = hit.draft.as_ref();
        let complainant = draft
            .and_then(|d| d.pointer("/complainant/name"))
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        let sections = draft
            .and_then(|d| d.get("acts_sections"))
            .and_then(|v| v.as_array())
            .map(|list| {
                list.iter()
                    .filter_map(|c| {
                        Some(crate::fir::citation_display(
                            c.get("act")?.as_str()?,
                            c.get("section")?.as_str()?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let steps_done = steps_done(&hit.job);
        JobRow {
            status: status_label(&hit.job),
            steps_done,
            steps_total: Step::ALL.len(),
            station_code: hit.station_code,
            language: hit.language,
            complainant,
            sections,
            record: hit.record,
            job: hit.job,
            eta: None,
        }
    }
}

/// How many steps a job has finished, judged from its state and step.
fn steps_done(job: &Job) -> usize {
    use crate::domain::JobState;
    match job.state {
        JobState::Queued => 0,
        JobState::AwaitingReview | JobState::Finalized => Step::ALL.len(),
        _ => job
            .step
            .and_then(|step| Step::ALL.iter().position(|s| *s == step))
            .unwrap_or(0),
    }
}

/// A state in words, with the step when one is running.
fn status_label(job: &Job) -> String {
    use crate::domain::JobState;
    match (job.state, job.step) {
        (JobState::Queued, _) => "Queued".into(),
        (JobState::AwaitingReview, _) => "Awaiting review".into(),
        (JobState::Finalized, _) => "Finalized".into(),
        (JobState::Cancelled, _) => "Cancelled".into(),
        (JobState::Failed, _) => match &job.error {
            Some(error) => format!("Failed: {}", error.message),
            None => "Failed".into(),
        },
        (_, Some(step)) => step.label().to_owned(),
        (state, None) => state.as_str().to_owned(),
    }
}

/// The live queue: one page of jobs newest first, the gates and counts per state.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueView {
    /// This page of the jobs the query matches, newest first.
    pub jobs: Vec<JobRow>,
    /// How many jobs the query matches in all (every page).
    pub total: i64,
    /// Rows skipped before this page.
    pub offset: i64,
    /// The page's size.
    pub limit: i64,
    /// The engine's clock when the view was read (ms since the epoch): ages and
    /// expected times are judged against it, not against the desk's own clock.
    pub now: Millis,
    /// Gate limits and live use.
    pub gates: GateSnapshot,
    /// Jobs per state (all of them, not only those listed).
    pub counts: BTreeMap<String, i64>,
}

/// Which jobs the Queue lists, by where they stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueFilter {
    /// Every job.
    #[default]
    All,
    /// Waiting for a worker.
    Queued,
    /// A step is running.
    Running,
    /// The draft waits for an officer.
    AwaitingReview,
    /// A step failed.
    Failed,
    /// Numbered and sealed (exported ones too).
    Finalized,
    /// Stopped by a user.
    Cancelled,
}

impl QueueFilter {
    /// The job states it lists; None for all.
    pub fn states(self) -> Option<&'static [JobState]> {
        Some(match self {
            QueueFilter::All => return None,
            QueueFilter::Queued => &[JobState::Queued],
            QueueFilter::Running => &[
                JobState::Transcribing,
                JobState::Ocr,
                JobState::Extracting,
                JobState::LegalSections,
                JobState::Drafting,
            ],
            QueueFilter::AwaitingReview => &[JobState::AwaitingReview],
            QueueFilter::Failed => &[JobState::Failed],
            QueueFilter::Finalized => &[JobState::Finalized, JobState::Exported],
            QueueFilter::Cancelled => &[JobState::Cancelled],
        })
    }
}

/// What a desk asks of the queue: a filter, words to find, a page; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[ts(optional_fields = nullable)]
pub struct QueueQuery {
    /// Only jobs that stand so (default: all).
    pub filter: Option<QueueFilter>,
    /// A case or job number (`12`, `#12`), a record number, a section, the
    /// complainant's name or any words of the draft.
    pub text: Option<String>,
    /// Rows to skip, newest first (default 0).
    pub offset: Option<i64>,
    /// Rows in the page: 1 to 1000 (default [`QUEUE_ROWS`]).
    pub limit: Option<i64>,
    /// Only jobs changed at or after this time (ms since the epoch, the engine's clock):
    /// what a desk polling for news asks.
    pub changed_since: Option<Millis>,
}

/// Jobs the Queue screen lists on a page (newest first) on every desk.
pub const QUEUE_ROWS: i64 = 200;

impl Engine {
    /// The queue as the Queue screen shows it: one page of the jobs `query` matches,
    /// each queued or running one with its expected finish (from the step durations of
    /// the [`ETA_HISTORY`] jobs that finished last).
    pub async fn queue_view(&self, query: &QueueQuery) -> Result<QueueView, DeskError> {
        let store = self.store();
        let offset = query.offset.unwrap_or(0).max(0);
        let limit = query.limit.unwrap_or(QUEUE_ROWS).clamp(1, 1000);
        let now = crate::domain::now_ms();
        let (hits, total) = store
            .queue_page(
                query.filter.unwrap_or_default().states(),
                query.text.as_deref(),
                query.changed_since,
                (offset, limit),
                self.scope(),
            )
            .await
            .map_err(EngineError::from)?;
        let mut jobs: Vec<JobRow> = hits.into_iter().map(JobRow::from_hit).collect();
        if jobs.iter().any(|row| !row.job.state.is_settled()) {
            let times = store
                .recent_step_times(ETA_HISTORY, self.scope())
                .await
                .map_err(EngineError::from)?;
            let times = StepTimes::from_rows(&times);
            for row in &mut jobs {
                row.eta = times.estimate(&row.job, now);
            }
        }
        let counts = store
            .count_jobs_by_state(self.scope())
            .await
            .map_err(EngineError::from)?
            .into_iter()
            .map(|(state, n)| (state.as_str().to_owned(), n))
            .collect();
        Ok(QueueView {
            jobs,
            total,
            offset,
            limit,
            now,
            gates: self.gates(),
            counts,
        })
    }

    /// Cases matching `query`, newest first.
    pub async fn search(&self, query: &RecordQuery) -> Result<Vec<JobRow>, DeskError> {
        let hits = self
            .store()
            .search_records(query, self.scope())
            .await
            .map_err(EngineError::from)?;
        Ok(hits.into_iter().map(JobRow::from_hit).collect())
    }
}
