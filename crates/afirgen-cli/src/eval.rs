//! `afirgen eval facts FILE`: per-field accuracy and false facts of the model alone, the
//! rules alone and the pipeline, on complaints whose facts are known.

use crate::models;
use afirgen_core::facts::eval::{
    answers_to_lines, ask_model, evaluate, parse_answers, parse_cases, Evaluation, Figures, FIELDS,
};
use afirgen_core::models::ModelClient;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Fact extraction: one JSON object a line, {"id", "text", "received_at"?,
    /// "expected": {"complainant.name": ..., "incident.date_from": ..., ...}}.
    Facts {
        /// The cases.
        file: PathBuf,
        /// Print JSON (with every case's fields).
        #[arg(long)]
        json: bool,
        /// Skip the model: rules and checks only (no model server needed).
        #[arg(long, conflicts_with = "answers")]
        rules_only: bool,
        /// Keep the model's answers in this file (JSON Lines), to measure later changes
        /// to the rules on the same answers.
        #[arg(long, value_name = "FILE", conflicts_with = "rules_only")]
        save_answers: Option<PathBuf>,
        /// Use answers kept with --save-answers instead of asking the model.
        #[arg(long, value_name = "FILE", conflicts_with = "save_answers")]
        answers: Option<PathBuf>,
    },
}

pub async fn run(config_path: Option<&PathBuf>, command: EvalCommand) -> Result<ExitCode> {
    let EvalCommand::Facts {
        file,
        json,
        rules_only,
        save_answers,
        answers,
    } = command;
    let mut config = afirgen_core::Config::load(config_path.map(PathBuf::as_path))?;
    let text = std::fs::read_to_string(&file)
        .with_context(|| format!("cannot read {}", file.display()))?;
    let cases = parse_cases(&text).map_err(|err| anyhow::anyhow!("{}: {err}", file.display()))?;
    let now = afirgen_core::pipeline::draft::station_time(
        &config.station,
        afirgen_core::domain::now_ms(),
    )
    .naive_local();
    let answers = if rules_only {
        None
    } else if let Some(path) = &answers {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        Some(
            parse_answers(&text, &cases)
                .map_err(|err| anyhow::anyhow!("{}: {err}", path.display()))?,
        )
    } else {
        models::attach_local(&mut config, config_path, true).await?;
        anyhow::ensure!(
            models::has(&config, afirgen_core::models::Role::Llm),
            "no language model server: start one (`afirgen models up`), set AFIRGEN_LLM_URL, or pass --rules-only"
        );
        let client = ModelClient::standalone(&config)?;
        let answers = ask_model(&client, &cases, now).await;
        if let Some(path) = &save_answers {
            std::fs::write(path, answers_to_lines(&answers)?)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        Some(answers)
    };
    let result = evaluate(&cases, answers.as_deref(), now)
        .map_err(|err| anyhow::anyhow!("{}: {err}", file.display()))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&result)?);
    } else {
        print_table(&result, cases.len(), &file);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_table(result: &Evaluation, cases: usize, file: &std::path::Path) {
    println!("{cases} cases from {}", file.display());
    let mut columns: Vec<(&str, &Figures)> = Vec::new();
    if let Some(model) = &result.model {
        columns.push(("model alone", model));
    }
    columns.push(("rules alone", &result.rules));
    columns.push(("pipeline", &result.pipeline));
    if let Some(fill) = &result.pipeline_fill {
        columns.push(("pipeline+fill", fill));
    }
    print!("{:<32}", "field (cases stating it)");
    for (name, _) in &columns {
        print!("{name:>14}");
    }
    println!();
    for (i, field) in FIELDS.iter().enumerate() {
        let expected = columns[0].1.fields[i].expected;
        print!("{:<32}", format!("{field} ({expected})"));
        for (_, figures) in &columns {
            print!("{:>14.3}", figures.fields[i].accuracy);
        }
        println!();
    }
    print!("{:<32}", "overall accuracy");
    for (_, figures) in &columns {
        print!("{:>14.3}", figures.overall);
    }
    println!();
    print!("{:<32}", "false facts / extracted");
    for (_, figures) in &columns {
        print!(
            "{:>14}",
            format!(
                "{}/{} {:.1}%",
                figures.invented + figures.wrong,
                figures.extracted,
                figures.false_fact_rate * 100.0
            )
        );
    }
    println!();
    print!("{:<32}", "  of which invented");
    for (_, figures) in &columns {
        print!("{:>14}", figures.invented);
    }
    println!();
    if result.pipeline_fill.is_some() {
        println!(
            "pipeline: the model's grounded values offered to the officer (model_values = \"suggest\", the default); pipeline+fill: filled in (model_values = \"fill\")"
        );
    }
    if !result.model_failures.is_empty() {
        println!(
            "the model's answer was unusable for {} cases (the pipeline used the rules alone): {}",
            result.model_failures.len(),
            result
                .model_failures
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}
