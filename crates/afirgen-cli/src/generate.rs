//! `afirgen generate`: submit one case, show each step's progress, optionally finalize,
//! and write the result as JSON.

use afirgen_core::domain::{InputKind, JobState, NewCase, NewInput, Priority, Step};
use afirgen_core::models::Role;
use afirgen_core::pipeline::JobEvent;
use afirgen_core::{Config, Engine};
use anyhow::{Context, Result};
use clap::Args;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Arguments of `afirgen generate`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("inputs").required(true).multiple(true).args(["texts", "audios", "images"])))]
pub struct GenerateArgs {
    /// A text file with the complainant's statement (UTF-8).
    #[arg(long = "text", value_name = "FILE")]
    texts: Vec<PathBuf>,
    /// A recording of the statement (WAV, MP3, FLAC, Ogg, M4A; Opus with ffmpeg).
    #[arg(long = "audio", value_name = "FILE")]
    audios: Vec<PathBuf>,
    /// A scan or photo of a written complaint (PNG, JPEG, TIFF, WebP, BMP, or a PDF).
    #[arg(long = "image", value_name = "FILE")]
    images: Vec<PathBuf>,
    /// Police station code (default: the configured station).
    #[arg(long)]
    station: Option<String>,
    /// Language of the statement (e.g. en, hi).
    #[arg(long, default_value = "auto")]
    lang: String,
    /// Put the case ahead of normal ones in the queue.
    #[arg(long)]
    urgent: bool,
    /// Finalize the draft at once (assigns the FIR number), recording item 13's action as
    /// "registered the case and took up the investigation" when the draft has none. For
    /// demos and tests: a real FIR is reviewed by an officer first.
    #[arg(long)]
    auto_approve: bool,
    /// Write the job, the inputs' text, the draft and any FIR number to this JSON file.
    #[arg(long, value_name = "OUT.json")]
    json: Option<PathBuf>,
    /// With --auto-approve, write the FIR PDF here.
    #[arg(long, value_name = "FIR.pdf", requires = "auto_approve")]
    out: Option<PathBuf>,
}

/// The positions (on the command line) of the inputs, in the order `run` lists them:
/// texts, then audios, then images. `run` sorts by them to keep the user's order.
pub fn input_order(matches: &clap::ArgMatches) -> Vec<usize> {
    ["texts", "audios", "images"]
        .iter()
        .flat_map(|id| matches.indices_of(id).into_iter().flatten())
        .collect()
}

pub async fn run(
    mut config: Config,
    config_path: Option<&PathBuf>,
    args: GenerateArgs,
    order: Vec<usize>,
) -> Result<ExitCode> {
    if let Some(code) = &args.station {
        config.station.code = code.clone();
        config.validate()?;
    }
    let mut files: Vec<(InputKind, &PathBuf)> = Vec::new();
    files.extend(args.texts.iter().map(|p| (InputKind::Text, p)));
    files.extend(args.audios.iter().map(|p| (InputKind::Audio, p)));
    files.extend(args.images.iter().map(|p| (InputKind::Image, p)));
    let mut ordered: Vec<(usize, (InputKind, &PathBuf))> = files
        .into_iter()
        .enumerate()
        .map(|(i, file)| (order.get(i).copied().unwrap_or(i), file))
        .collect();
    ordered.sort_by_key(|(position, _)| *position);
    let mut inputs = Vec::with_capacity(ordered.len());
    for (_, (kind, path)) in ordered {
        let what = match kind {
            InputKind::Text => "statement file",
            InputKind::Audio => "recording",
            InputKind::Image => "scan",
        };
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read the {what} {}", path.display()))?;
        inputs.push(NewInput {
            kind,
            bytes,
            display_name: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        });
    }
    // With no servers configured, use (and if need be start) the local ones.
    super::models::attach_local(&mut config, config_path, true).await?;
    if inputs.iter().any(|i| i.kind == InputKind::Audio) && !super::models::has(&config, Role::Asr)
    {
        anyhow::bail!(
            "a recording was given but no speech server is configured: set AFIRGEN_ASR_URL, or install the local servers (scripts/models.sh) and run `afirgen models up --detach`"
        );
    }
    let engine = Engine::open(config).await?;
    let case = NewCase {
        station_code: engine.config().station.code.clone(),
        language: args.lang.clone(),
        priority: Priority::from_urgent(args.urgent),
        submitted_by: super::operator(),
        inputs,
    };
    let mut events = engine.subscribe();
    let submitted = engine.submit(case).await?;
    let job_id = submitted.job_id;
    if let Some(rejection) = &submitted.rejection {
        write_json(&engine, &args, job_id, None).await?;
        eprintln!(
            "error: {rejection}\n(the submission is kept as case {}, job {job_id})",
            submitted.case_id
        );
        return Ok(ExitCode::FAILURE);
    }
    let _dispatcher = engine.start();
    let progress = Progress::new();
    let waiting = engine.wait_settled(job_id);
    tokio::pin!(waiting);
    let job = loop {
        tokio::select! {
            job = &mut waiting => break job?,
            event = events.recv() => {
                if let Ok(event) = event {
                    if event.job_id == job_id {
                        progress.show(&event);
                    }
                }
            }
        }
    };
    progress.finish(job.state);
    let mut record = None;
    match job.state {
        JobState::AwaitingReview if args.auto_approve => {
            // Said before signing: what no model judged and no officer confirmed.
            let unreviewed = engine
                .draft(job.case_id)
                .await?
                .map(|d| d.unreviewed_sections())
                .unwrap_or_default();
            if !unreviewed.is_empty() {
                eprintln!(
                    "warning: --auto-approve signs {}, which the catalogue suggested: no model judged them and no officer confirmed them",
                    unreviewed.join(", ")
                );
            }
            let fir = engine
                .approve_unreviewed(job_id, &super::operator_user())
                .await?;
            println!(
                "{} {} finalized for station {} (case {}, job {job_id}); seal {}",
                fir.kind.as_str().to_uppercase(),
                fir.display_number,
                fir.station_code,
                fir.case_id,
                fir.seal
            );
            if let Some(path) = &args.out {
                let (_, pdf) = engine.record_pdf(fir.case_id, &super::operator()).await?;
                std::fs::write(path, pdf)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!("PDF written to {}", path.display());
            }
            record = Some(fir);
        }
        JobState::AwaitingReview => {
            let draft = engine.draft(job.case_id).await?;
            let sections = draft
                .map(|d| {
                    d.acts_sections
                        .iter()
                        .map(afirgen_core::fir::SectionCitation::display)
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            println!(
                "draft ready for review: case {}, job {job_id}; sections suggested: {}",
                job.case_id,
                if sections.is_empty() {
                    "none"
                } else {
                    &sections
                }
            );
        }
        _ => {}
    }
    write_json(&engine, &args, job_id, record.as_ref()).await?;
    match (&job.state, &job.error) {
        (JobState::AwaitingReview, _) => Ok(ExitCode::SUCCESS),
        (_, Some(error)) => {
            eprintln!("error: job {job_id} failed: {error}");
            if let Some(raw) = &error.raw_answer {
                eprintln!("the model's last answer was kept with the job:\n{raw}");
            }
            Ok(ExitCode::FAILURE)
        }
        (state, None) => {
            eprintln!("error: job {job_id} ended as {state}");
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn write_json(
    engine: &Engine,
    args: &GenerateArgs,
    job_id: i64,
    record: Option<&afirgen_core::store::FinalRecord>,
) -> Result<()> {
    let Some(path) = &args.json else {
        return Ok(());
    };
    let store = engine.store();
    let job = store.get_job(job_id).await?;
    let outputs = store.step_outputs(job_id).await?;
    let draft = engine.draft(job.case_id).await?;
    let report = serde_json::json!({
        "case_id": job.case_id,
        "job": job,
        "inputs": outputs.get(&Step::InputsToText).map(|t| t["inputs"].clone()),
        "facts": outputs.get(&Step::Extract),
        "draft": draft,
        "fir": record.map(|r| serde_json::json!({
            "number": r.display_number,
            "station_code": r.station_code,
            "year": r.year,
            "kind": r.kind,
            "seal": r.seal,
            "content": r.content,
        })),
    });
    let text = serde_json::to_string_pretty(&report)?;
    std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// One progress line per step; drawn only on a terminal.
struct Progress {
    _multi: MultiProgress,
    bars: HashMap<Step, ProgressBar>,
}

impl Progress {
    fn new() -> Self {
        let multi = MultiProgress::new();
        let running = ProgressStyle::with_template("{spinner} {prefix:<16} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner())
            // The last string is shown once a step is finished.
            .tick_strings(&["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", "✓"]);
        let mut bars = HashMap::new();
        for step in Step::ALL {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(running.clone());
            bar.set_prefix(step.label());
            bar.set_message("waiting");
            bars.insert(step, bar);
        }
        Progress {
            _multi: multi,
            bars,
        }
    }

    fn show(&self, event: &JobEvent) {
        let Some(bar) = event.step.and_then(|step| self.bars.get(&step)) else {
            return;
        };
        if event.state == JobState::Failed {
            bar.abandon_with_message(format!(
                "failed: {}",
                event.message.clone().unwrap_or_default()
            ));
        } else if event.step_done {
            let note = event.message.clone().unwrap_or_else(|| "done".to_owned());
            bar.finish_with_message(note);
        } else {
            bar.set_message("running");
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    fn finish(&self, state: JobState) {
        for bar in self.bars.values() {
            if !bar.is_finished() {
                bar.abandon_with_message(state.as_str().to_owned());
            }
        }
    }
}
