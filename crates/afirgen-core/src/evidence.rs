//! The record as evidence: what the station signs when it seals an FIR, and how a
//! record, its audit trail and a printed copy are checked.
//!
//! Trust comes from the station's keyring in the data folder ([`crate::signing`]), never
//! from the database: whoever can write the database can rewrite a hash, but cannot
//! make the station's signature.

use crate::domain::{AuditEvent, CaseId, Millis};
use crate::fir::canonical_json;
use crate::signing::{Keys, SignatureCheck};
use crate::store::{FinalRecord, RecordKind, Store, StoreError};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The version of the signed payload's layout.
const PAYLOAD_VERSION: u32 = 1;

/// What the station signs when it seals a record: the content and everything that makes
/// it this record (its number, who finalised it and when, and the audit chain up to
/// that moment), as canonical JSON.
#[derive(Serialize)]
struct SealedRecord<'a> {
    v: u32,
    case_id: CaseId,
    station_code: &'a str,
    year: i32,
    kind: RecordKind,
    number: i64,
    content: &'a serde_json::Value,
    finalized_by: &'a str,
    finalized_at: Millis,
    audit_head: &'a str,
}

/// The bytes a record's signature covers. Its SHA-256 is the record's seal.
pub fn record_payload(record: &FinalRecord) -> Result<Vec<u8>, serde_json::Error> {
    let payload = SealedRecord {
        v: PAYLOAD_VERSION,
        case_id: record.case_id,
        station_code: &record.station_code,
        year: record.year,
        kind: record.kind,
        number: record.number,
        content: &record.content,
        finalized_by: &record.finalized_by,
        finalized_at: record.finalized_at,
        audit_head: record.audit_head.as_deref().unwrap_or_default(),
    };
    Ok(canonical_json(&serde_json::to_value(&payload)?))
}

/// SHA-256 of bytes, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// How a record's signature stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignatureStatus {
    /// Signed by one of this station's keys, and the record is what was signed.
    Valid,
    /// Signed by this station's key, but the record changed since (or the signature did).
    Invalid,
    /// Signed by a key this computer's keyring does not hold.
    UnknownKey,
    /// Sealed before records were signed: only its content hash can be checked.
    Unsigned,
}

/// How a case's audit chain stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainCheck {
    /// Events in the trail.
    pub events: usize,
    /// Events from before the chain existed (not covered).
    pub unchained: usize,
    /// What is wrong, event by event; empty when the chain holds.
    pub problems: Vec<String>,
}

/// A case's audit trail as stored, oldest first: each event with the hash before it and
/// its own (None for events from before the chain).
type Trail = [(AuditEvent, Option<String>, Option<String>)];

/// Checks a case's whole trail as read from the store: [`check_chain`], and that the head
/// kept on the case's row is the newest event (else events at the end were deleted).
async fn check_case_chain(
    store: &Store,
    case_id: CaseId,
    trail: &Trail,
) -> Result<ChainCheck, StoreError> {
    let mut chain = check_chain(trail);
    let newest = trail.iter().rev().find_map(|(_, _, hash)| hash.clone());
    if let Some(head) = store.audit_head_of(case_id).await? {
        if newest.as_deref() != Some(head.as_str()) {
            chain.problems.push(
                "the newest audit events are missing: the case's chain ends at an event that is no longer in the trail".to_owned(),
            );
        }
    }
    Ok(chain)
}

/// Walks a case's trail, oldest first: each chained event's hash must cover the event
/// and the hash of the one before it.
pub fn check_chain(trail: &Trail) -> ChainCheck {
    let mut problems = Vec::new();
    let mut unchained = 0;
    let mut before: Option<&str> = None;
    let mut chain_started = false;
    for (event, prev, hash) in trail {
        let (Some(prev), Some(hash)) = (prev, hash) else {
            if chain_started {
                problems.push(format!(
                    "event {} ({}) has lost its chain hash",
                    event.id, event.action
                ));
            }
            unchained += 1;
            before = None;
            continue;
        };
        chain_started = true;
        let expected_prev = before.unwrap_or_default();
        if prev != expected_prev {
            problems.push(format!(
                "event {} ({}) does not follow the event before it: an event before it was deleted or changed",
                event.id, event.action
            ));
        }
        if crate::store::audit::event_hash(prev, event) != *hash {
            problems.push(format!(
                "event {} ({}) was changed after it was written",
                event.id, event.action
            ));
        }
        before = Some(hash);
    }
    ChainCheck {
        events: trail.len(),
        unchained,
        problems,
    }
}

/// The result of checking a sealed record (and, for a file, the file).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verification {
    /// True only when every check passed: the seal and signature match the record, the
    /// audit trail is whole, and (for a file) the file is one the station issued.
    pub intact: bool,
    /// FIR or NCR.
    pub kind: RecordKind,
    /// The record's number.
    pub display_number: String,
    /// The station.
    pub station_code: String,
    /// The stored seal.
    pub seal: String,
    /// The seal recomputed now.
    pub recomputed: String,
    /// The signature's standing.
    pub signature: SignatureStatus,
    /// The key that signed it.
    pub key_id: Option<String>,
    /// Who finalised it, as signed.
    pub finalized_by: String,
    /// When.
    pub finalized_at: Millis,
    /// For a file: whether it is a copy the station issued.
    pub file: Option<FileCheck>,
    /// Everything found wrong, in words; empty when intact.
    pub problems: Vec<String>,
    /// What could not be checked (a record sealed before signing existed).
    pub warnings: Vec<String>,
}

/// How a presented file compares with the record it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum FileCheck {
    /// Byte for byte the record as this station renders it.
    Identical,
    /// Byte for byte a copy the station recorded issuing.
    IssuedCopy {
        /// Who exported it.
        by: String,
        /// When.
        at: Millis,
    },
    /// Not a copy the station issued; the lines that differ from the record, where the
    /// text could be compared.
    Differs {
        /// Lines of the file not in the record (`-`) and of the record not in the file
        /// (`+`); empty when the text could not be compared.
        lines: Vec<String>,
    },
}

/// The audit action recorded when a PDF copy of a record is issued; its new value is the
/// copy's SHA-256.
pub const PDF_ISSUED: &str = "fir.pdf_issued";

/// Checks a record against its seal, its signature and its case's audit chain.
pub async fn check_record(
    store: &Store,
    keys: &Keys,
    record: &FinalRecord,
) -> Result<Verification, StoreError> {
    let trail = store.audit_chain(record.case_id).await?;
    let chain = check_case_chain(store, record.case_id, &trail).await?;
    check_record_in(store, keys, record, &trail, chain).await
}

/// [`check_record`] on a trail already read and its chain already checked.
async fn check_record_in(
    store: &Store,
    keys: &Keys,
    record: &FinalRecord,
    trail: &Trail,
    chain: ChainCheck,
) -> Result<Verification, StoreError> {
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let (recomputed, signature) = match (&record.signature, &record.key_id) {
        (Some(signature), Some(key_id)) => {
            let payload = record_payload(record)?;
            let status = match keys.check(key_id, &payload, signature) {
                SignatureCheck::Valid => SignatureStatus::Valid,
                SignatureCheck::Invalid => SignatureStatus::Invalid,
                SignatureCheck::UnknownKey => SignatureStatus::UnknownKey,
            };
            (sha256_hex(&payload), status)
        }
        _ => (
            crate::fir::seal(&record.content)?,
            SignatureStatus::Unsigned,
        ),
    };
    if recomputed != record.seal {
        problems.push(
            "the record's content, number, or who finalised it and when, is not what was sealed"
                .to_owned(),
        );
    }
    match signature {
        SignatureStatus::Valid => {}
        SignatureStatus::Invalid => problems.push(format!(
            "the station's signature (key {}) does not match the record: it was changed after sealing",
            record.key_id.as_deref().unwrap_or_default()
        )),
        SignatureStatus::UnknownKey => problems.push(format!(
            "signed with key {}, which is not in this computer's station keyring: the record cannot be trusted until that key is shown to be the station's",
            record.key_id.as_deref().unwrap_or_default()
        )),
        SignatureStatus::Unsigned => warnings.push(
            "sealed before records were signed: only its content hash could be checked, and anyone with database access can recompute that".to_owned(),
        ),
    }
    for supplement in store.supplements(record.case_id).await? {
        let bytes = canonical_json(&supplement.content);
        if sha256_hex(&bytes) != supplement.seal || supplement.record_seal != record.seal {
            problems.push(format!(
                "supplementary record {} is not what was sealed",
                supplement.id
            ));
        }
        match (&supplement.signature, &supplement.key_id) {
            (Some(signature), Some(key_id)) => match keys.check(key_id, &bytes, signature) {
                SignatureCheck::Valid => {}
                SignatureCheck::Invalid => problems.push(format!(
                    "the station's signature on supplementary record {} does not match it: it was changed after sealing",
                    supplement.id
                )),
                SignatureCheck::UnknownKey => problems.push(format!(
                    "supplementary record {} is signed with key {key_id}, which is not in this computer's station keyring",
                    supplement.id
                )),
            },
            _ => warnings.push(format!(
                "supplementary record {} was sealed before signing existed: only its hash could be checked",
                supplement.id
            )),
        }
    }
    problems.extend(chain.problems);
    if let Some(head) = record.audit_head.as_deref() {
        let finalized = trail
            .iter()
            .find(|(event, _, _)| event.action == "fir.finalized");
        if let Some((event, _, _)) = finalized {
            if event.actor != record.finalized_by || event.at != record.finalized_at {
                problems.push(format!(
                    "the audit trail says {} finalised it, the signed record says {}",
                    event.actor, record.finalized_by
                ));
            }
        }
        match finalized {
            Some((_, Some(prev), _)) if prev == head => {}
            Some(_) => problems.push(
                "the audit trail before finalisation is not the one that was sealed: events were deleted, changed or rewritten".to_owned(),
            ),
            None => problems.push("the audit event of the finalisation is missing".to_owned()),
        }
        if !head.is_empty()
            && !trail
                .iter()
                .any(|(_, _, hash)| hash.as_deref() == Some(head))
        {
            problems.push(
                "the last audit event before finalisation is missing from the trail".to_owned(),
            );
        }
    }
    Ok(Verification {
        intact: problems.is_empty(),
        kind: record.kind,
        display_number: record.display_number.clone(),
        station_code: record.station_code.clone(),
        seal: record.seal.clone(),
        recomputed,
        signature,
        key_id: record.key_id.clone(),
        finalized_by: record.finalized_by.clone(),
        finalized_at: record.finalized_at,
        file: None,
        problems,
        warnings,
    })
}

/// Checks a presented PDF: the record whose seal it carries, and the file itself —
/// intact only if the file is byte for byte the record as rendered here, or a copy the
/// audit trail records issuing. Otherwise says which lines differ.
pub async fn check_pdf(
    store: &Store,
    keys: &Keys,
    record: &FinalRecord,
    file: &[u8],
    ocr: &crate::config::OcrConfig,
) -> Result<Verification, crate::desk::DeskError> {
    let trail = store
        .audit_chain(record.case_id)
        .await
        .map_err(crate::EngineError::from)?;
    let chain = check_case_chain(store, record.case_id, &trail)
        .await
        .map_err(crate::EngineError::from)?;
    let mut verification = check_record_in(store, keys, record, &trail, chain)
        .await
        .map_err(crate::EngineError::from)?;
    let rendered = crate::pdf::render_off_thread(record.clone()).await?;
    let file_hash = sha256_hex(file);
    let check = if rendered == file {
        FileCheck::Identical
    } else if let Some((event, _, _)) = trail.iter().find(|(e, _, _)| {
        e.action == PDF_ISSUED && e.new_value.as_deref() == Some(file_hash.as_str())
    }) {
        FileCheck::IssuedCopy {
            by: event.actor.clone(),
            at: event.at,
        }
    } else {
        let lines = text_differences(ocr, file, &rendered).await;
        verification.problems.push(if lines.is_empty() {
            "this file is not a copy the station issued, and its text could not be compared with the record".to_owned()
        } else {
            format!(
                "this file is not a copy the station issued: its text differs from the record in {} lines",
                lines.len()
            )
        });
        FileCheck::Differs { lines }
    };
    verification.file = Some(check);
    verification.intact = verification.problems.is_empty();
    Ok(verification)
}

/// The most differing lines reported.
const MAX_DIFF_LINES: usize = 40;

/// Lines of `file`'s text absent from `record`'s (`- …`) and the other way (`+ …`), by
/// `pdftotext`; empty if the text of either cannot be had.
async fn text_differences(
    ocr: &crate::config::OcrConfig,
    file: &[u8],
    record: &[u8],
) -> Vec<String> {
    let (Some(file_text), Some(record_text)) = (
        crate::ocr::pdf_text(ocr, file).await,
        crate::ocr::pdf_text(ocr, record).await,
    ) else {
        return Vec::new();
    };
    let normal = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let (file_lines, record_lines) = (normal(&file_text), normal(&record_text));
    let mut out = Vec::new();
    for line in &file_lines {
        if !record_lines.contains(line) {
            out.push(format!("- {line}"));
        }
    }
    for line in &record_lines {
        if !file_lines.contains(line) {
            out.push(format!("+ {line}"));
        }
    }
    out.truncate(MAX_DIFF_LINES);
    out
}

/// One case's findings from [`verify_audit`].
#[derive(Debug, Clone, Serialize)]
pub struct CaseAudit {
    /// The case.
    pub case_id: CaseId,
    /// Its record's number, if finalised.
    pub record: Option<String>,
    /// What is wrong; empty when all holds.
    pub problems: Vec<String>,
}

/// The result of `afirgen audit verify`.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// Cases checked.
    pub cases: usize,
    /// Audit events checked.
    pub events: usize,
    /// Events from before the chain existed.
    pub unchained: usize,
    /// Finalised records checked.
    pub records: usize,
    /// The cases with a problem.
    pub failures: Vec<CaseAudit>,
}

/// Checks every case's audit chain and every finalised record's signature.
pub async fn verify_audit(store: &Store, keys: &Keys) -> Result<AuditReport, StoreError> {
    let mut report = AuditReport {
        cases: 0,
        events: 0,
        unchained: 0,
        records: 0,
        failures: Vec::new(),
    };
    for case_id in store.case_ids().await? {
        report.cases += 1;
        let trail = store.audit_chain(case_id).await?;
        let chain = check_case_chain(store, case_id, &trail).await?;
        report.events += chain.events;
        report.unchained += chain.unchained;
        let mut number = None;
        // A record's check includes its case's chain.
        let problems = match store.final_record(case_id).await? {
            Some(record) => {
                report.records += 1;
                number = Some(record.display_number.clone());
                check_record_in(store, keys, &record, &trail, chain)
                    .await?
                    .problems
            }
            None => chain.problems,
        };
        if !problems.is_empty() {
            report.failures.push(CaseAudit {
                case_id,
                record: number,
                problems,
            });
        }
    }
    Ok(report)
}
