//! `afirgen kb`: search the legal catalogue, import a station's own entries, and measure
//! retrieval (and the LLM's judgement) on evaluation files.

use super::{load_config, models, operator};
use afirgen_core::store::Store;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// The sections that best match a description, best first.
    Search {
        /// What happened, in English or Hindi.
        query: String,
        /// How many sections.
        #[arg(long, default_value_t = 5)]
        limit: usize,
        /// Print JSON: [{section, title, score, cognizable, bailable, triable_by}].
        #[arg(long)]
        json: bool,
    },
    /// Add or replace the station's own entries (JSON Lines, or CSV with a header row).
    Import {
        /// The file.
        file: PathBuf,
    },
    /// Recall@5 and cognizable accuracy on cases ({text, expected_bns, cognizable} per line).
    Eval {
        /// JSON Lines file of cases.
        cases: PathBuf,
        /// Also evaluate retrieval + LLM judgement (uses the configured or local LLM).
        #[arg(long)]
        llm: bool,
        /// Also evaluate retrieval by words and meaning (uses the configured or local
        /// embedding server).
        #[arg(long)]
        embed: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

pub async fn kb(config_path: Option<&PathBuf>, command: KbCommand) -> Result<ExitCode> {
    use afirgen_core::legal::Catalogue;
    let config = load_config(config_path)?;
    let store = Store::connect(&config.database_url()?, 2).await?;
    store.migrate().await?;
    let catalogue = afirgen_core::engine::station_catalogue(&store).await?;
    let catalogue = catalogue.as_ref();
    match command {
        KbCommand::Search { query, limit, json } => {
            let hits = catalogue.search(&query, limit);
            if json {
                let rows: Vec<serde_json::Value> = hits
                    .iter()
                    .map(|h| {
                        serde_json::json!({"section": h.section, "title": h.title, "score": h.score,
                            "cognizable": h.entry.cognizable, "bailable": h.entry.bailable,
                            "triable_by": h.entry.triable_by})
                    })
                    .collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
            } else if hits.is_empty() {
                println!("no section matches");
            } else {
                for h in &hits {
                    println!(
                        "{:>7.2}  {:<26} {}  [{}, {}, {}]",
                        h.score,
                        h.section,
                        h.title,
                        if h.entry.cognizable {
                            "cognizable"
                        } else {
                            "non-cognizable"
                        },
                        if h.entry.bailable {
                            "bailable"
                        } else {
                            "non-bailable"
                        },
                        h.entry.triable_by
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let is_csv = file
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
            let parsed = if is_csv {
                afirgen_core::legal::parse_csv(&text)
            } else {
                afirgen_core::legal::parse_jsonl(&text)
            };
            let entries = match parsed {
                Ok(entries) if !entries.is_empty() => entries,
                Ok(_) => anyhow::bail!("{} holds no entries", file.display()),
                Err(errors) => {
                    for err in &errors {
                        eprintln!("{}: {err}", file.display());
                    }
                    anyhow::bail!("{} bad row(s); nothing was imported", errors.len());
                }
            };
            // Checks the file against itself (the same citation twice) before storing.
            Catalogue::with_station(entries.clone()).map_err(|err| {
                anyhow::anyhow!("{}: {err}; nothing was imported", file.display())
            })?;
            store.import_legal_entries(&entries, &operator()).await?;
            println!(
                "imported {} entries into the station catalogue",
                entries.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        KbCommand::Eval {
            cases,
            llm,
            embed,
            json,
        } => {
            let text = std::fs::read_to_string(&cases)
                .with_context(|| format!("cannot read {}", cases.display()))?;
            let mut parsed = Vec::new();
            for (i, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                let case: afirgen_core::pipeline::legal::EvalCase = serde_json::from_str(line)
                    .with_context(|| {
                        format!(
                            "{} line {}: not a case with text, expected_bns and cognizable",
                            cases.display(),
                            i + 1
                        )
                    })?;
                parsed.push(case);
            }
            let client = if llm || embed {
                let mut config = config.clone();
                models::attach_local(&mut config, config_path, true).await?;
                if embed && !models::has(&config, afirgen_core::models::Role::Embed) {
                    anyhow::bail!(
                        "--embed needs an embedding server: set AFIRGEN_EMBED_URL, or run \
                         scripts/models.sh and `afirgen models up`"
                    );
                }
                if !embed {
                    // Judged as the pipeline runs without one, unless asked.
                    config.embed.urls.clear();
                }
                Some(afirgen_core::models::ModelClient::standalone(&config)?)
            } else {
                None
            };
            let report =
                afirgen_core::pipeline::legal::evaluate(catalogue, client.as_ref(), llm, &parsed)
                    .await
                    .context("the evaluation needs its model servers")?;
            let (retrieval, meaning, judged) = (
                &report.retrieval,
                &report.retrieval_meaning,
                &report.retrieval_llm,
            );
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                println!("{} cases from {}", parsed.len(), cases.display());
                let line = |mode: &str, f: &afirgen_core::pipeline::legal::EvalFigures| {
                    let schedule = if f.classified == 0 {
                        "bail/court: no expected rows in the file".to_owned()
                    } else {
                        format!(
                            "bail {:.3}   court {:.3} (of {} sections)",
                            f.bail_accuracy, f.court_accuracy, f.classified
                        )
                    };
                    println!(
                        "{mode:<20} recall@5 {:.3}   precision@3 {:.3}   cognizable accuracy {:.3}   {schedule}",
                        f.recall_at_5, f.precision_at_3, f.cognizable_accuracy
                    );
                };
                let unjudged = |f: &afirgen_core::pipeline::legal::EvalFigures| {
                    if let Some(c) = &f.cited {
                        println!(
                            "{:<20} precision {:.3}   recall {:.3}   {:.2} sections per case   {} of {} cases cite no expected section   classified right {:.3}",
                            "unjudged item 2:", c.precision, c.recall, c.per_case, c.none_right, f.cases, c.cognizable_accuracy
                        );
                    }
                };
                line("words alone:", retrieval);
                unjudged(retrieval);
                if let Some(m) = meaning {
                    line("words + meaning:", m);
                    unjudged(m);
                }
                if let Some(j) = judged {
                    line("retrieval + LLM:", j);
                    if let Some(c) = &j.cited {
                        println!(
                            "{:<20} precision {:.3}   recall {:.3}   {:.2} sections per case   {} of {} cases cite no expected section   classified right {:.3}   the LLM's judgement used in {} of {} cases",
                            "drafts' item 2:", c.precision, c.recall, c.per_case, c.none_right, j.cases, c.cognizable_accuracy, c.judged, j.cases
                        );
                    }
                }
                for (id, section, what) in &retrieval.schedule_misses {
                    println!("  row differs: {id} {section}: {what}");
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
