//! When a job in the queue is expected to be ready for review, from how long each step
//! took in the jobs that finished most recently.
//!
//! A step's duration is read from the stored step outputs of a finished job's run: from
//! the previous step's output to this one's, both written under the same claim. The
//! store keeps no time for a claim itself, so the first step counts from submission (a
//! first claim only): it includes the usual wait in the queue. A job's estimate is the
//! sum of the median durations of the steps it has left, counted from when its current
//! step began (the last change to a running job, submission for the first step), and
//! none at all until every one of those steps has a duration on record.

use crate::domain::{Job, JobId, JobState, Millis, Step};
use serde::Serialize;
use std::collections::HashMap;

/// How many of the most recently finished jobs the estimates rest on.
pub const ETA_HISTORY: i64 = 20;

/// A queued or running job's expected finish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eta {
    /// When the draft is expected to be ready for review (ms since the epoch).
    pub finish_at: Millis,
    /// The job has taken longer than recent jobs did: `finish_at` has passed.
    pub late: bool,
    /// How many finished jobs the estimate rests on.
    pub based_on: u32,
}

/// Median step durations over recently finished jobs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepTimes {
    median_ms: HashMap<Step, i64>,
    jobs: u32,
}

impl StepTimes {
    /// Durations from the rows of [`crate::store::Store::recent_step_times`]: (job, job
    /// submitted, step, claim, stored at), by job, then claim, then time.
    pub fn from_rows(rows: &[(JobId, Millis, Step, i64, Millis)]) -> Self {
        let mut samples: HashMap<Step, Vec<i64>> = HashMap::new();
        let mut jobs = std::collections::HashSet::new();
        // Each job's outputs by claim: (step, stored at).
        let mut runs: HashMap<(JobId, i64), Vec<(Step, Millis)>> = HashMap::new();
        let mut submitted: HashMap<JobId, Millis> = HashMap::new();
        for &(job, at, step, claim, stored) in rows {
            submitted.insert(job, at);
            runs.entry((job, claim)).or_default().push((step, stored));
        }
        for ((job, claim), outputs) in &runs {
            let stored = |step: Step| outputs.iter().find(|(s, _)| *s == step).map(|o| o.1);
            for (index, step) in Step::ALL.into_iter().enumerate() {
                let Some(end) = stored(step) else { continue };
                let start = match index {
                    // Submission is the first step's start only for the job's first claim.
                    0 if *claim == 1 => submitted.get(job).copied(),
                    0 => None,
                    _ => stored(Step::ALL[index - 1]),
                };
                if let Some(start) = start {
                    samples.entry(step).or_default().push((end - start).max(0));
                    jobs.insert(*job);
                }
            }
        }
        let median_ms = samples
            .into_iter()
            .map(|(step, mut list)| {
                list.sort_unstable();
                let mid = list.len() / 2;
                let median = if list.len() % 2 == 1 {
                    list[mid]
                } else {
                    (list[mid - 1] + list[mid]) / 2
                };
                (step, median)
            })
            .collect();
        StepTimes {
            median_ms,
            jobs: jobs.len() as u32,
        }
    }

    /// The median duration of `step`, when one is on record.
    pub fn median(&self, step: Step) -> Option<i64> {
        self.median_ms.get(&step).copied()
    }

    /// When `job` is expected to be ready for review, judged at `now`; None for a job
    /// that is not queued or running, and while a step it has left has no duration on
    /// record.
    pub fn estimate(&self, job: &Job, now: Millis) -> Option<Eta> {
        if job.state.is_settled() {
            return None;
        }
        // The step it is in, or resumes from; a new job starts at the first.
        let first = job
            .step
            .and_then(|step| Step::ALL.iter().position(|s| *s == step))
            .unwrap_or(0);
        let left: i64 = Step::ALL[first..]
            .iter()
            .map(|step| self.median(*step))
            .sum::<Option<i64>>()?;
        // Where the remaining time counts from: a job waiting to resume, from now; the
        // first step of a first claim from submission, as its durations were measured;
        // a later step from when the job entered it (its last change).
        let since = if job.state == JobState::Queued && job.attempts > 0 {
            now
        } else if first == 0 && job.attempts <= 1 {
            job.created_at
        } else {
            job.updated_at
        };
        let finish_at = since + left;
        Some(Eta {
            finish_at,
            late: finish_at < now,
            based_on: self.jobs,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Priority;

    fn job(
        state: JobState,
        step: Option<Step>,
        attempts: i64,
        created: Millis,
        updated: Millis,
    ) -> Job {
        Job {
            id: 99,
            case_id: 99,
            state,
            step,
            priority: Priority::Normal,
            attempts,
            error: None,
            created_at: created,
            updated_at: updated,
        }
    }

    /// One finished job's run: submitted at `at`, each step's output `gaps` later than the
    /// one before.
    fn run(
        id: JobId,
        at: Millis,
        claim: i64,
        gaps: [i64; 4],
    ) -> Vec<(JobId, Millis, Step, i64, Millis)> {
        let mut stored = at;
        Step::ALL
            .into_iter()
            .zip(gaps)
            .map(|(step, gap)| {
                stored += gap;
                (id, at, step, claim, stored)
            })
            .collect()
    }

    #[test]
    fn medians_per_step_from_stored_runs() {
        let mut rows = run(1, 1_000, 1, [100, 2_000, 3_000, 10]);
        rows.extend(run(2, 50_000, 1, [300, 4_000, 1_000, 30]));
        rows.extend(run(3, 90_000, 1, [200, 6_000, 2_000, 20]));
        let times = StepTimes::from_rows(&rows);
        assert_eq!(times.median(Step::InputsToText), Some(200));
        assert_eq!(times.median(Step::Extract), Some(4_000));
        assert_eq!(times.median(Step::LegalSections), Some(2_000));
        assert_eq!(times.median(Step::Draft), Some(20));
        assert_eq!(times.jobs, 3);
        // Two samples: the mean of the middle two.
        let two = StepTimes::from_rows(
            &[run(1, 0, 1, [100, 1, 1, 1]), run(2, 0, 1, [300, 1, 1, 1])].concat(),
        );
        assert_eq!(two.median(Step::InputsToText), Some(200));
    }

    #[test]
    fn a_resumed_run_gives_no_first_step_and_no_step_across_claims() {
        // The first claim stored inputs and extract; the second legal and draft.
        let rows = vec![
            (7, 0, Step::InputsToText, 1, 100),
            (7, 0, Step::Extract, 1, 1_100),
            (7, 0, Step::LegalSections, 2, 90_000),
            (7, 0, Step::Draft, 2, 90_050),
        ];
        let times = StepTimes::from_rows(&rows);
        assert_eq!(times.median(Step::InputsToText), Some(100));
        assert_eq!(times.median(Step::Extract), Some(1_000));
        assert_eq!(
            times.median(Step::LegalSections),
            None,
            "no start under the same claim"
        );
        assert_eq!(times.median(Step::Draft), Some(50));
        // A second claim's first step has no known start.
        let times = StepTimes::from_rows(&[(8, 0, Step::InputsToText, 2, 5_000)]);
        assert_eq!(times.median(Step::InputsToText), None);
    }

    #[test]
    fn estimates_count_the_steps_left_from_the_current_one() {
        let times = StepTimes::from_rows(&run(1, 0, 1, [1_000, 10_000, 5_000, 100]));
        let now = 100_000;
        // New and waiting: every step, from submission.
        let queued = job(JobState::Queued, None, 0, 95_000, 95_000);
        assert_eq!(
            times.estimate(&queued, now),
            Some(Eta {
                finish_at: 95_000 + 16_100,
                late: false,
                based_on: 1
            })
        );
        // In the first step of its first claim: still from submission.
        let first = job(
            JobState::Transcribing,
            Some(Step::InputsToText),
            1,
            95_000,
            96_000,
        );
        assert_eq!(times.estimate(&first, now).unwrap().finish_at, 111_100);
        // In legal sections: that step and the draft, from when it entered the step.
        let legal = job(
            JobState::LegalSections,
            Some(Step::LegalSections),
            1,
            10_000,
            99_000,
        );
        assert_eq!(
            times.estimate(&legal, now).unwrap().finish_at,
            99_000 + 5_100
        );
        // Taking longer than recent jobs: late, the expected time kept.
        let slow = job(JobState::Extracting, Some(Step::Extract), 1, 0, 50_000);
        assert_eq!(
            times.estimate(&slow, now),
            Some(Eta {
                finish_at: 65_100,
                late: true,
                based_on: 1
            })
        );
        // Waiting to resume at extract: from now.
        let requeued = job(JobState::Queued, Some(Step::Extract), 1, 0, 40_000);
        assert_eq!(
            times.estimate(&requeued, now).unwrap().finish_at,
            now + 15_100
        );
        // Settled jobs have none.
        for state in [
            JobState::AwaitingReview,
            JobState::Failed,
            JobState::Cancelled,
            JobState::Finalized,
        ] {
            assert_eq!(
                times.estimate(&job(state, Some(Step::Draft), 1, 0, 0), now),
                None
            );
        }
    }

    #[test]
    fn no_estimate_without_history_for_every_step_left() {
        let empty = StepTimes::default();
        assert_eq!(
            empty.estimate(&job(JobState::Queued, None, 0, 0, 0), 1),
            None
        );
        // Only the last two steps on record: a job in legal sections has an estimate, a new
        // one none.
        let rows = vec![
            (7, 0, Step::Extract, 2, 1_000),
            (7, 0, Step::LegalSections, 2, 3_000),
            (7, 0, Step::Draft, 2, 3_010),
        ];
        let times = StepTimes::from_rows(&rows);
        assert_eq!(
            times.estimate(&job(JobState::Queued, None, 0, 0, 0), 1),
            None
        );
        let legal = job(
            JobState::LegalSections,
            Some(Step::LegalSections),
            2,
            0,
            500,
        );
        assert_eq!(
            times.estimate(&legal, 1_000).unwrap().finish_at,
            500 + 2_010
        );
    }
}
