//! `afirgen fir`, `afirgen key` and `afirgen audit`: finalised records, the station's
//! signing key, and checking the record as evidence. Each command calls the core and
//! prints what it found.

use super::{operator, Engine};
use afirgen_core::desk::DeskError;
use afirgen_core::evidence::{FileCheck, Verification};
use afirgen_core::signing::Keys;
use afirgen_core::store::RecordKind;
use afirgen_core::Config;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Subcommand)]
pub enum FirCommand {
    /// Write the PDF of a finalized case (the copy is recorded in the audit trail).
    Pdf {
        /// Case id.
        case: i64,
        /// Output file.
        #[arg(long, value_name = "FIR.pdf")]
        out: PathBuf,
    },
    /// Record a correction to a finalized case as a linked, sealed supplementary record.
    Supplement {
        /// Case id.
        case: i64,
        /// The correction and its reason.
        #[arg(long)]
        text: String,
    },
    /// Check a record (by number, e.g. 42-2026 or 0042/2026, from a PDF copy, or from the QR code of
    /// a paper copy): its seal, the
    /// station's signature, its audit trail and, for a PDF, that the file is a copy the
    /// station issued. Exit status 1 when anything is wrong.
    Verify {
        /// A record number (42-2026, 0042/2026, or 42 for this year), a PDF made by AFIRGen, or the text of the QR code
        /// on a printed copy (AFIRGEN1|…, e.g. from `zbarimg --raw photo.jpg`).
        target: String,
        /// Station code of a record number (default: the configured station).
        #[arg(long)]
        station: Option<String>,
        /// The number is in the non-cognizable report series.
        #[arg(long)]
        ncr: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// The station's public keys, to print and publish: records signed by them verify.
    Show,
    /// Write the private key and keyring to FILE (mode 0600); keep it offline.
    Backup {
        /// Where to write it.
        file: PathBuf,
    },
    /// Install a backup here: its key signs from now on, its public keys are trusted.
    Restore {
        /// A file written by `afirgen key backup`.
        file: PathBuf,
    },
    /// Make a new signing key; records signed by the old one stay verifiable.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every case's audit chain and every finalised record's signature. Exit
    /// status 1 when anything is wrong.
    Verify {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub async fn fir(config: Config, command: FirCommand) -> Result<ExitCode> {
    let engine = Engine::open(config).await?;
    match command {
        FirCommand::Pdf { case, out } => {
            let (record, pdf) = engine.record_pdf(case, &operator()).await?;
            std::fs::write(&out, pdf).with_context(|| format!("cannot write {}", out.display()))?;
            println!(
                "{} {} written to {}",
                record.kind.as_str().to_uppercase(),
                record.display_number,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        FirCommand::Supplement { case, text } => {
            let supplement = engine.supplement(case, &operator(), &text).await?;
            println!(
                "supplementary record {} added to {}; seal {}",
                supplement.id,
                supplement.content["supplements"].as_str().unwrap_or(""),
                supplement.seal
            );
            Ok(ExitCode::SUCCESS)
        }
        FirCommand::Verify {
            target,
            station,
            ncr,
        } => {
            let verification = if target.trim_start().starts_with("AFIRGEN1|") {
                engine.verify_paper_code(&target).await?
            } else if target.to_ascii_lowercase().ends_with(".pdf")
                || std::path::Path::new(&target).is_file()
            {
                let bytes =
                    std::fs::read(&target).with_context(|| format!("cannot read {target}"))?;
                engine.verify_pdf(&bytes).await?
            } else {
                let kind = if ncr {
                    RecordKind::Ncr
                } else {
                    RecordKind::Fir
                };
                let record = engine
                    .record_by_number(&target, station.as_deref(), kind)
                    .await
                    .map_err(|err| match err {
                        // Not a number either: say both readings failed.
                        DeskError::Invalid(_) => anyhow::anyhow!(
                            "{target:?} is neither a PDF file here nor a record number like 42-2026 or 0042/2026"
                        ),
                        other => other.into(),
                    })?;
                engine.verify_case(record.case_id).await?
            };
            print_verification(&verification);
            Ok(if verification.intact {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

fn print_verification(v: &Verification) {
    let what = format!(
        "{} {} of station {}",
        v.kind.as_str().to_uppercase(),
        v.display_number,
        v.station_code
    );
    if v.intact {
        let copy = match &v.file {
            Some(FileCheck::Identical) => "; the file is the station's record, byte for byte",
            Some(FileCheck::IssuedCopy { .. }) => "; the file is a copy the station issued",
            _ => "",
        };
        let signed = match (v.signature, v.key_id.as_deref()) {
            (afirgen_core::evidence::SignatureStatus::Valid, Some(key)) => {
                format!("signed by station key {key}")
            }
            _ => "not signed (sealed before signing existed)".to_owned(),
        };
        println!(
            "intact: {what}, finalised by {}, {signed}, seal {}{copy}",
            v.finalized_by, v.seal
        );
    } else {
        println!("NOT INTACT: {what} (seal {})", v.seal);
        for problem in &v.problems {
            println!("  - {problem}");
        }
        if let Some(FileCheck::Differs { lines }) = &v.file {
            for line in lines {
                println!("    {line}");
            }
        }
    }
    for warning in &v.warnings {
        println!("  note: {warning}");
    }
}

fn keys_dir(config: &Config) -> Result<PathBuf> {
    Ok(Keys::dir_in(&config.data_dir()?))
}

pub fn key(config: &Config, command: KeyCommand) -> Result<ExitCode> {
    let dir = keys_dir(config)?;
    match command {
        KeyCommand::Show => {
            let keys = Keys::open_or_create(&dir)?;
            println!("station keys in {}:", dir.display());
            for key in keys.public_keys() {
                let when = chrono::DateTime::from_timestamp_millis(key.created_at)
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default();
                let status = if key.current { "current" } else { "retired" };
                println!(
                    "{}  ed25519 {}  made {when}  {status}",
                    key.key_id, key.public_hex
                );
            }
        }
        KeyCommand::Backup { file } => {
            Keys::open(&dir)?.backup(&file)?;
            println!(
                "the station's signing key is in {}: keep it offline; whoever holds it can seal FIRs",
                file.display()
            );
        }
        KeyCommand::Restore { file } => {
            let keys = Keys::restore(&dir, &file)?;
            let signer = keys.signer()?;
            println!(
                "key {} restored into {}; it signs from now on",
                signer.key_id(),
                dir.display()
            );
        }
        KeyCommand::Rotate => {
            let mut keys = Keys::open_or_create(&dir)?;
            let new = keys.rotate()?;
            println!(
                "new signing key {} (ed25519 {}); earlier keys stay in the keyring, so their records still verify. Back it up with `afirgen key backup FILE`",
                new.key_id, new.public_hex
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn audit(config: Config, command: AuditCommand) -> Result<ExitCode> {
    let AuditCommand::Verify { json } = command;
    let engine = Engine::open(config).await?;
    let keys = engine.keys()?;
    let report = afirgen_core::evidence::verify_audit(engine.store(), &keys).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{} cases, {} audit events ({} from before the chain), {} records checked",
            report.cases, report.events, report.unchained, report.records
        );
        for case in &report.failures {
            let record = case
                .record
                .as_deref()
                .map(|n| format!(" (record {n})"))
                .unwrap_or_default();
            println!("case {}{record}:", case.case_id);
            for problem in &case.problems {
                println!("  - {problem}");
            }
        }
        if report.failures.is_empty() {
            println!("the audit trail and every record hold");
        }
    }
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
