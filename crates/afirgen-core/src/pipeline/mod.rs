//! The FIR pipeline (docs/architecture.md, section 3): inputs to text, extract facts, legal sections,
//! draft. Each step's output is stored as it completes; a resumed job skips every step
//! whose output is already stored.

pub mod draft;
pub mod extract;
pub mod inputs;
pub mod legal;

pub use inputs::{check_case, InputText, Transcript};

use crate::config::Config;
use crate::domain::{
    now_ms, InputKind, Job, JobError, JobErrorKind, JobId, JobState, Priority, Step,
};
use crate::facts::{self, Extracted};
use crate::fir::{FieldNote, FirDraft};
use crate::gate::{keeping_model_place, with_priority, CallPriority};
use crate::legal::Catalogue;
use crate::models::{ModelClient, ModelError};
use crate::ocr::Ocr;
use crate::store::{Claim, Store, StoreError};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tracing::Instrument;

/// Progress of one job, as streamed to the CLI, the UI and SSE clients.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JobEvent {
    /// The job.
    pub job_id: JobId,
    /// Its state now.
    pub state: JobState,
    /// The step concerned.
    pub step: Option<Step>,
    /// Whether that step has just finished (false: just started).
    pub step_done: bool,
    /// When.
    pub at: i64,
    /// Details for people (e.g. "reused stored output", an error).
    pub message: Option<String>,
}

/// Runs the steps of one job.
#[derive(Debug, Clone)]
pub struct Pipeline {
    store: Store,
    models: ModelClient,
    ocr: Ocr,
    catalogue: Arc<Catalogue>,
    config: Arc<Config>,
}

/// A failed step, before it becomes a [`JobError`].
#[derive(Debug, thiserror::Error)]
pub(crate) enum StepError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Input(String),
    #[error("{0}")]
    Ocr(String),
}

/// How a job run ended, other than settling.
#[derive(Debug)]
pub enum RunError {
    /// The job failed; the error is to be stored with it.
    Failed(JobError),
    /// Somebody cancelled it while it ran.
    Cancelled,
    /// The run lost its claim (the job was released or claimed again after its lease
    /// ran out) and stopped without writing; the job is another run's now.
    Superseded(StoreError),
    /// The database stopped answering: the job is not at fault and should run again
    /// (from its first unfinished step) once it answers.
    Interrupted(StoreError),
}

/// A store error as a run outcome: a lost claim stops the run, an outage interrupts the
/// job, anything else fails it.
fn store_failure(step: Option<Step>, err: StoreError) -> RunError {
    match err {
        StoreError::ClaimLost {
            state: JobState::Cancelled,
            ..
        } => RunError::Cancelled,
        StoreError::ClaimLost { .. } => RunError::Superseded(err),
        err if err.is_unavailable() => RunError::Interrupted(err),
        err => RunError::Failed(internal(step, &err)),
    }
}

/// The first pause between tries of a write the database did not answer.
const WRITE_RETRY_FIRST: Duration = Duration::from_millis(250);
/// The longest pause between tries.
const WRITE_RETRY_MAX: Duration = Duration::from_secs(2);

impl Pipeline {
    /// A pipeline over the given store and model client.
    pub fn new(
        store: Store,
        models: ModelClient,
        config: Arc<Config>,
        catalogue: Arc<Catalogue>,
    ) -> Self {
        let ocr = Ocr::new(&config.ocr, config.input.max_image_pixels);
        Pipeline {
            store,
            models,
            ocr,
            catalogue,
            config,
        }
    }

    fn readers(&self) -> inputs::Readers<'_> {
        inputs::Readers {
            store: &self.store,
            models: &self.models,
            ocr: &self.ocr,
            config: &self.config,
        }
    }

    /// Runs every unfinished step of `job` under `claim`, then leaves it awaiting review.
    /// Every write names the claim, so a run that lost its job stops without writing.
    /// The job keeps its model-gate place from its first model call to its end.
    pub async fn run(
        &self,
        job: &Job,
        claim: &Claim,
        emit: &(dyn Fn(JobEvent) + Send + Sync),
    ) -> Result<(), RunError> {
        keeping_model_place(self.run_steps(job, claim, emit)).await
    }

    async fn run_steps(
        &self,
        job: &Job,
        claim: &Claim,
        emit: &(dyn Fn(JobEvent) + Send + Sync),
    ) -> Result<(), RunError> {
        let mut outputs = self
            .store
            .step_outputs(job.id)
            .await
            .map_err(|err| store_failure(None, err))?;
        // The step the job was moved into with the previous step's output, if any.
        let mut entered: Option<Step> = None;
        for (index, step) in Step::ALL.into_iter().enumerate() {
            if outputs.contains_key(&step) {
                tracing::info!(%step, "reusing the stored output of this step");
                emit(event(
                    job.id,
                    step.running_state(),
                    step,
                    true,
                    Some("reused stored output"),
                ));
                continue;
            }
            // The step after this one, if it still has to run: the job enters it with
            // this step's output, in one write.
            let next = Step::ALL
                .get(index + 1)
                .filter(|next| !outputs.contains_key(next))
                .map(|next| (*next, next.running_state()));
            let span = tracing::info_span!("step", step = %step);
            let result = async {
                let state = match step {
                    Step::InputsToText => inputs::running_state(&self.store, job).await?,
                    other => other.running_state(),
                };
                if entered != Some(step) {
                    self.store.enter_step(claim, step, state).await?;
                }
                emit(event(job.id, state, step, false, None));
                let started = std::time::Instant::now();
                let (output, raw) = self.run_step(job, step, &outputs, None).await?;
                self.write_durably(|| {
                    self.store
                        .put_step_output_then(claim, step, &output, raw.as_deref(), next)
                })
                .await?;
                tracing::info!(
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "step done"
                );
                Ok::<_, StepError>(output)
            }
            .instrument(span);
            let priority = CallPriority {
                urgent: job.priority == Priority::Urgent,
                stage: step.stage(),
            };
            let result = with_priority(priority, result).await;
            match result {
                Ok(output) => {
                    entered = next.map(|(next, _)| next);
                    outputs.insert(step, output);
                    emit(event(job.id, step.running_state(), step, true, None));
                }
                Err(StepError::Store(err)) => return Err(store_failure(Some(step), err)),
                Err(err) => return Err(RunError::Failed(job_error(step, err))),
            }
        }
        let draft = outputs
            .get(&Step::Draft)
            .cloned()
            .ok_or_else(|| RunError::Failed(internal(Some(Step::Draft), &"no draft was stored")))?;
        match self
            .write_durably(|| self.store.finish_run(claim, &draft))
            .await
        {
            Ok(()) => {}
            // The job already awaits review: this run's own commit whose answer was
            // lost (the retry finds it done), or a later run of the job finished it.
            // Either way its draft is stored and nothing is left to do.
            Err(StoreError::ClaimLost {
                state: JobState::AwaitingReview,
                ..
            }) => {}
            Err(err) => return Err(store_failure(Some(Step::Draft), err)),
        }
        emit(JobEvent {
            job_id: job.id,
            state: JobState::AwaitingReview,
            step: None,
            step_done: true,
            at: now_ms(),
            message: None,
        });
        Ok(())
    }

    /// Runs a write, trying again while the database does not answer, for at most one
    /// lease: a step's result can cost minutes of model time and is not thrown away for
    /// a short outage. Safe to repeat because every run write is idempotent per claim.
    /// If the outage outlasts the lease, the job may be another worker's by then and the
    /// write fails with the claim lost.
    async fn write_durably<T, F, Fut>(&self, mut write: F) -> Result<T, StoreError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, StoreError>>,
    {
        let deadline =
            tokio::time::Instant::now() + Duration::from_secs(self.config.queue.lease_secs);
        let mut pause = WRITE_RETRY_FIRST;
        loop {
            match write().await {
                // A lock another transaction won rolled this write back whole: as safe to
                // repeat as one the database did not answer.
                Err(err)
                    if (err.is_unavailable() || err.is_lock_conflict())
                        && tokio::time::Instant::now() < deadline =>
                {
                    tracing::warn!(error = %err, "the database did not answer; trying the write again");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(WRITE_RETRY_MAX);
                }
                result => return result,
            }
        }
    }

    async fn run_step(
        &self,
        job: &Job,
        step: Step,
        outputs: &HashMap<Step, serde_json::Value>,
        guidance: Option<&str>,
    ) -> Result<(serde_json::Value, Option<String>), StepError> {
        fn extracted(outputs: &HashMap<Step, serde_json::Value>) -> Result<Extracted, StepError> {
            let value = outputs.get(&Step::Extract).cloned().ok_or_else(|| {
                StepError::Store(StoreError::Corrupt(
                    "the output of step extract is missing".to_owned(),
                ))
            })?;
            Extracted::from_stored(value).map_err(|err| StepError::Store(err.into()))
        }
        fn earlier<T: serde::de::DeserializeOwned>(
            outputs: &HashMap<Step, serde_json::Value>,
            step: Step,
        ) -> Result<T, StepError> {
            let value = outputs.get(&step).cloned().ok_or_else(|| {
                StepError::Store(StoreError::Corrupt(format!(
                    "the output of step {step} is missing"
                )))
            })?;
            serde_json::from_value(value).map_err(|err| StepError::Store(err.into()))
        }
        match step {
            Step::InputsToText => {
                let transcript = inputs::run(&self.readers(), job).await?;
                Ok((to_json(&transcript)?, None))
            }
            Step::Extract => {
                let transcript: Transcript = earlier(outputs, Step::InputsToText)?;
                let case = self.store.get_case(job.case_id).await?;
                let received =
                    draft::station_time(&self.config.station, case.created_at).naive_local();
                let statement = &transcript.statement;
                let known = crate::facts::rules::extract(statement, received);
                match extract::run(&self.models, statement, &known, guidance).await {
                    Ok(answer) => {
                        let extracted = facts::combine_with(
                            statement,
                            received,
                            &known,
                            Some(&answer.value),
                            self.config.facts.model_values,
                        );
                        Ok((to_json(&extracted)?, Some(answer.raw)))
                    }
                    // A model that answers nonsense is set aside: the rules still read
                    // the statement, and the officer is told.
                    Err(err @ ModelError::BadAnswer { .. }) => {
                        let mut extracted = facts::combine_with(
                            statement,
                            received,
                            &known,
                            None,
                            self.config.facts.model_values,
                        );
                        extracted.notes.push(FieldNote {
                            field: "facts".to_owned(),
                            message: format!("the model's answer could not be used ({err}); every value comes from the statement's own words by rule"),
                            alternative: None,
                        });
                        let raw = match err {
                            ModelError::BadAnswer { raw, .. } => Some(raw),
                            _ => None,
                        };
                        Ok((to_json(&extracted)?, raw))
                    }
                    Err(err) => Err(err.into()),
                }
            }
            Step::LegalSections => {
                let transcript: Transcript = earlier(outputs, Step::InputsToText)?;
                let extracted = extracted(outputs)?;
                let (output, raw) = legal::run(
                    &self.models,
                    &self.catalogue,
                    &extracted.facts,
                    extracted.deciding_value(),
                    &transcript.statement,
                    guidance,
                )
                .await;
                Ok((to_json(&output)?, raw))
            }
            Step::Draft => {
                let transcript: Transcript = earlier(outputs, Step::InputsToText)?;
                let extracted = extracted(outputs)?;
                let legal: legal::LegalOutput = earlier(outputs, Step::LegalSections)?;
                let case = self.store.get_case(job.case_id).await?;
                let kinds: Vec<InputKind> = transcript.inputs.iter().map(|i| i.kind).collect();
                let mut draft: FirDraft = draft::build(&draft::DraftInputs {
                    station: &self.config.station,
                    station_code: &case.station_code,
                    received_at: case.created_at,
                    input_kinds: &kinds,
                    statement: &transcript.statement,
                    extracted: &extracted,
                    sections: &legal.sections,
                    classification: legal.classification.as_ref(),
                    legal_note: legal.note.as_deref(),
                });
                crate::legal::classify(&self.catalogue, &mut draft);
                Ok((to_json(&draft)?, None))
            }
        }
    }
}

impl Pipeline {
    /// Runs `step` (facts or sections) again with the officer's guidance, stores it as a
    /// new version (earlier versions stay), then drafts again from the latest outputs.
    /// Returns the new generated draft; the caller keeps the officer's edited fields.
    pub async fn regenerate(
        &self,
        job: &Job,
        step: Step,
        guidance: Option<&str>,
    ) -> Result<serde_json::Value, JobError> {
        let mut outputs = self
            .store
            .step_outputs(job.id)
            .await
            .map_err(|err| internal(Some(step), &err))?;
        // An officer waits at the desk for this: its model calls go first.
        let priority = CallPriority {
            urgent: true,
            stage: step.stage(),
        };
        for step in [step, Step::Draft] {
            let (output, raw) =
                with_priority(priority, self.run_step(job, step, &outputs, guidance))
                    .await
                    .map_err(|err| job_error(step, err))?;
            self.store
                .add_step_version(job.id, step, &output, raw.as_deref())
                .await
                .map_err(|err| internal(Some(step), &err))?;
            outputs.insert(step, output);
        }
        outputs
            .remove(&Step::Draft)
            .ok_or_else(|| internal(Some(Step::Draft), &"no draft was made"))
    }

    /// The catalogue the legal step uses.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value, StepError> {
    serde_json::to_value(value).map_err(|err| StepError::Store(err.into()))
}

fn event(
    job_id: JobId,
    state: JobState,
    step: Step,
    done: bool,
    message: Option<&str>,
) -> JobEvent {
    JobEvent {
        job_id,
        state,
        step: Some(step),
        step_done: done,
        at: now_ms(),
        message: message.map(str::to_owned),
    }
}

fn internal(step: Option<Step>, err: &dyn std::fmt::Display) -> JobError {
    JobError {
        kind: JobErrorKind::Internal,
        step,
        message: err.to_string(),
        raw_answer: None,
    }
}

fn job_error(step: Step, err: StepError) -> JobError {
    match err {
        StepError::Model(err) => {
            let raw_answer = match &err {
                ModelError::BadAnswer { raw, .. } => Some(raw.clone()),
                _ => None,
            };
            JobError {
                kind: JobErrorKind::Model,
                step: Some(step),
                message: err.to_string(),
                raw_answer,
            }
        }
        StepError::Input(message) => JobError {
            kind: JobErrorKind::Input,
            step: Some(step),
            message,
            raw_answer: None,
        },
        StepError::Ocr(message) => JobError {
            kind: JobErrorKind::Model,
            step: Some(step),
            message,
            raw_answer: None,
        },
        StepError::Store(err) => internal(Some(step), &err),
    }
}

/// Appends the officer's guidance for a regeneration to a model prompt, when there is
/// any: the same words in every step, so the model reads it the same way.
pub(crate) fn add_guidance(user: &mut String, guidance: Option<&str>) {
    if let Some(guidance) = guidance.filter(|g| !g.trim().is_empty()) {
        user.push_str(&format!("\nThe officer's guidance: {guidance}"));
    }
}
