// Generated from the Rust types of afirgen-core by crates/afirgen-core/tests/bindings.rs.
// Do not edit: change the Rust type, then run
//   AFIRGEN_WRITE_BINDINGS=1 cargo test --workspace --test bindings

/**
 * Item 7: one accused, known, suspected or unknown.
 */
export type Accused = { 
/**
 * Name, if known.
 */
name: string | null, 
/**
 * Particulars: description, relation, vehicle.
 */
particulars: string | null, 
/**
 * Address.
 */
address: string | null, };

/**
 * What the officer did with the information (item 13).
 */
export type ActionKind = "registered_and_investigating" | "directed_to_investigate" | "refused" | "transferred";

/**
 * Item 13: action taken, and the officer in charge.
 */
export type ActionTaken = { 
/**
 * The action, once the officer chooses it.
 */
action: ActionKind | null, 
/**
 * The investigating officer, when directed.
 */
investigating_officer: string | null, 
/**
 * Their rank.
 */
investigating_officer_rank: string | null, 
/**
 * Why investigation was refused (3). (Records sealed before it existed lack it.)
 */
refusal_reason: string | null, 
/**
 * Station the case went to, when transferred.
 */
transferred_to: string | null, 
/**
 * Officer in charge: name.
 */
officer_name: string | null, 
/**
 * Officer in charge: rank.
 */
officer_rank: string | null, 
/**
 * Officer in charge: number.
 */
officer_no: string | null, };

/**
 * This build, its database and the signed-in user, for the UI header.
 */
export type AppInfo = { 
/**
 * The program's version.
 */
version: string, 
/**
 * Where the desktop keeps its data; empty on a station server.
 */
data_dir: string, 
/**
 * The database in use, its password redacted.
 */
database: string | null, 
/**
 * Why the desk cannot work (its database did not open), when it cannot.
 */
error: string | null, 
/**
 * The station this desk or server registers cases for.
 */
station_code: string | null, 
/**
 * Who is working: the signed-in user (none while a desk waits for a sign-in).
 */
officer: string | null, 
/**
 * Their role: the UI offers Finalise to an SHO only (the core enforces it).
 */
role: Role | null, 
/**
 * The largest file an upload may be.
 */
max_file_bytes: number, 
/**
 * The station server a desktop desk works on (its origin), when one is set.
 */
station: string | null, };

/**
 * One traceable action on a case: who, when, what field, old and new value.
 */
export type AuditEvent = { 
/**
 * Row id (0 before it is stored).
 */
id: number, 
/**
 * The case acted on.
 */
case_id: number, 
/**
 * The job, where the action concerns one.
 */
job_id: number | null, 
/**
 * The user, or `system` for the pipeline.
 */
actor: string, 
/**
 * When.
 */
at: number, 
/**
 * What happened, e.g. `case.submitted`, `draft.edited`, `fir.finalized`.
 */
action: string, 
/**
 * The field changed, for edits.
 */
field: string | null, 
/**
 * The value before.
 */
old_value: string | null, 
/**
 * The value after.
 */
new_value: string | null, };

/**
 * Breaker state of one endpoint.
 */
export type BreakerState = "closed" | "open" | "half_open";

/**
 * A case as a desk's New case form sends it: typed text and staged files.
 */
export type CaseForm = { 
/**
 * The typed statement, if any.
 */
text: string | null, 
/**
 * Ids of files staged with [`Staging::stage`], in the order of the statement.
 */
files: Array<number>, 
/**
 * The complainant's language ("auto", "en", "hi", …).
 */
language: string, 
/**
 * Ahead of the queue.
 */
urgent: boolean, };

/**
 * A stored case.
 */
export type CaseRecord = { 
/**
 * Row id.
 */
id: number, 
/**
 * Police station code.
 */
station_code: string, 
/**
 * Language given at submission.
 */
language: string, 
/**
 * Who submitted it.
 */
submitted_by: string, 
/**
 * When.
 */
created_at: number, };

/**
 * Everything the Review screen shows about a case.
 */
export type CaseView = { 
/**
 * The case.
 */
case: CaseRecord, 
/**
 * Its latest job.
 */
job: Job | null, 
/**
 * Its inputs with their text.
 */
inputs: Array<InputView>, 
/**
 * The assembled statement, once read.
 */
statement: string | null, 
/**
 * The current draft (IIF-1 JSON).
 */
draft: FirDraft | null, 
/**
 * Dotted paths of fields an officer edited.
 */
edited_fields: Array<string>, 
/**
 * The draft's revision: sent back with Finalise, so that only the draft the
 * officer saw is sealed.
 */
draft_revision: number | null, 
/**
 * The review form's layout (the same for every desk).
 */
form: Array<FormItem>, 
/**
 * What the draft still lacks to be finalised (the check Finalise makes), in the
 * form's order; empty once it may be finalised, and after finalisation.
 */
missing: Array<MissingItem>, 
/**
 * "Read with" provisions the draft's facts support and its sections do not cite
 * yet (3(5) for several accused...), for the officer to add; empty once finalised.
 */
qualifiers: Array<Qualifier>, 
/**
 * The other sections the catalogue found for the statement, best first, that the
 * draft does not cite: offered to the officer, one click to add, never cited by
 * themselves; empty once finalised.
 */
suggestions: Array<Suggestion>, 
/**
 * The number finalising now would give (unless another record is registered
 * first); None once finalised.
 */
next_number: RecordNumber | null, 
/**
 * The frozen record, once finalized.
 */
record: FinalRecord | null, 
/**
 * Who did what, oldest first.
 */
audit: Array<AuditEvent>, };

/**
 * Whether the case is an FIR or a non-cognizable report, and why.
 */
export type Classification = { 
/**
 * At least one cited offence is cognizable.
 */
cognizable: boolean, 
/**
 * `fir`, or `ncr` (non-cognizable report).
 */
report: string, 
/**
 * Why, in one sentence.
 */
reason: string, };

/**
 * Item 6: complainant or informant.
 */
export type Complainant = { 
/**
 * Name.
 */
name: string | null, 
/**
 * Father's or husband's name.
 */
relative_name: string | null, 
/**
 * Date or year of birth.
 */
birth: string | null, 
/**
 * Nationality.
 */
nationality: string | null, 
/**
 * Passport number.
 */
passport_no: string | null, 
/**
 * Passport date of issue.
 */
passport_issue_date: string | null, 
/**
 * Passport place of issue.
 */
passport_issue_place: string | null, 
/**
 * Occupation.
 */
occupation: string | null, 
/**
 * Address.
 */
address: string | null, 
/**
 * Phone number.
 */
phone: string | null, };

/**
 * The configured concurrency limits (the seed's `concurrency` block).
 */
export type Concurrency = { 
/**
 * `MAX_CONCURRENT_REQUESTS`.
 */
max_concurrent_requests: number, 
/**
 * `MAX_CONCURRENT_MODEL_CALLS`.
 */
max_concurrent_model_calls: number, 
/**
 * `HTTP_POOL_SIZE`.
 */
http_pool_size: number, 
/**
 * `DB_POOL_SIZE`.
 */
db_pool_size: number, };

/**
 * The database part of the report.
 */
export type DatabaseHealth = { 
/**
 * Where (password redacted).
 */
url: string, 
/**
 * Whether it answered.
 */
ok: boolean, 
/**
 * Why not, with what to do.
 */
error: string | null, };

/**
 * What kind of failure, in words a program can branch on. Stable: the UI and API
 * clients key on them.
 */
export type ErrorCode = "unauthorized" | "forbidden" | "sign_in_failed" | "not_found" | "invalid" | "rejected_file" | "busy" | "conflict" | "draft_changed" | "database_unavailable" | "unreachable" | "incomplete" | "no_signing_key" | "internal";

/**
 * An error as the UI receives it. Serialised as `{"error": code, "message": …,
 * "fields": […]}`, the station server's error body, so the UI reads one shape from
 * either transport.
 */
export type ErrorReport = { 
/**
 * The stable code.
 */
error: ErrorCode, 
/**
 * For people: what went wrong and what to do.
 */
message: string, 
/**
 * The draft fields at fault (`incomplete`: the items to fill in).
 */
fields: Array<string>, 
/**
 * Seconds after which trying again makes sense (`busy`, `database_unavailable`).
 */
retry_after_secs: number | null, };

/**
 * A queued or running job's expected finish.
 */
export type Eta = { 
/**
 * When the draft is expected to be ready for review (ms since the epoch).
 */
finish_at: number, 
/**
 * The job has taken longer than recent jobs did: `finish_at` has passed.
 */
late: boolean, 
/**
 * How many finished jobs the estimate rests on.
 */
based_on: number, };

/**
 * One field change: a dotted path into the draft (`complainant.name`,
 * `occurrence.date_from`, `accused.0.particulars`, `statement`) and its new value.
 */
export type FieldEdit = { 
/**
 * The path.
 */
path: string, 
/**
 * The new value (JSON: a string, a number, null...).
 */
value: JsonValue, };

/**
 * What a field takes.
 */
export type FieldKind = "text" | "long" | "rupees" | "date" | "time" | "choice";

/**
 * Something about one field the officer should look at before signing: a value left
 * out because the statement does not support it, two readings that disagree, a check
 * that failed.
 */
export type FieldNote = { 
/**
 * The field's dotted path in the draft (`complainant.name`, `accused`).
 */
field: string, 
/**
 * What is wrong, for the officer.
 */
message: string, 
/**
 * The other reading, when there is one (e.g. the model's value).
 */
alternative: string | null, };

/**
 * How a presented file compares with the record it names.
 */
export type FileCheck = { "status": "identical" } | { "status": "issued_copy", 
/**
 * Who exported it.
 */
by: string, 
/**
 * When.
 */
at: number, } | { "status": "differs", 
/**
 * Lines of the file not in the record (`-`) and of the record not in the file
 * (`+`); empty when the text could not be compared.
 */
lines: Array<string>, };

/**
 * A finalized, sealed record.
 */
export type FinalRecord = { 
/**
 * The case.
 */
case_id: number, 
/**
 * Station code.
 */
station_code: string, 
/**
 * Year of registration.
 */
year: number, 
/**
 * FIR or NCR.
 */
kind: RecordKind, 
/**
 * Sequence number within (station, year, kind).
 */
number: number, 
/**
 * The number as printed, e.g. `0042/2026`.
 */
display_number: string, 
/**
 * The frozen content.
 */
content: FirDraft, 
/**
 * SHA-256 of the canonical content.
 */
seal: string, 
/**
 * Who finalized it.
 */
finalized_by: string, 
/**
 * When.
 */
finalized_at: number, 
/**
 * The station key's Ed25519 signature (hex) over [`crate::evidence::record_payload`];
 * None on records sealed before signing existed.
 */
signature: string | null, 
/**
 * The id of the key that signed it.
 */
key_id: string | null, 
/**
 * The head of the case's audit chain when it was finalised (signed with it).
 */
audit_head: string | null, };

/**
 * The whole IIF-1 draft. Field names follow the form's items; none is a text blob.
 */
export type FirDraft = { 
/**
 * Item 1.
 */
header: FirHeader, 
/**
 * Item 2: Acts and Sections.
 */
acts_sections: Array<SectionCitation>, 
/**
 * Item 3.
 */
occurrence: Occurrence, 
/**
 * Item 4.
 */
information_type: InformationType, 
/**
 * Item 5.
 */
place: PlaceOfOccurrence, 
/**
 * Item 6.
 */
complainant: Complainant, 
/**
 * Item 7.
 */
accused: Array<Accused>, 
/**
 * Item 8: reasons for delay in reporting.
 */
delay_reason: string | null, 
/**
 * Item 9.
 */
properties: Array<Property>, 
/**
 * Item 10: total value of property, rupees.
 */
total_property_value_inr: number | null, 
/**
 * Item 11: inquest report / U.D. case number.
 */
inquest_report: string | null, 
/**
 * Item 12: the first information itself, in the complainant's own words.
 */
statement: string, 
/**
 * Witnesses the information names (listed with item 12; drafts from before the
 * list existed have none).
 */
witnesses: Array<Witness>, 
/**
 * Item 13.
 */
action_taken: ActionTaken, 
/**
 * Item 14: note on the complainant's signature or thumb impression.
 */
complainant_signature: string | null, 
/**
 * Item 15: date and time of despatch to the court.
 */
despatch_to_court: string | null, 
/**
 * The LLM's short summary, for the officer (not a form item).
 */
summary: string, 
/**
 * FIR or non-cognizable report, from the cited sections.
 */
classification: Classification | null, 
/**
 * Where each filled field's value came from, by dotted path (`complainant.name`).
 */
sources: { [key in string]: Source }, 
/**
 * What the officer should check before signing.
 */
notes: Array<FieldNote>, };

/**
 * Item 1: district, station, year, number, date and time of FIR.
 */
export type FirHeader = { 
/**
 * State.
 */
state: string | null, 
/**
 * District.
 */
district: string | null, 
/**
 * Police station name.
 */
police_station: string | null, 
/**
 * Police station code (the number series is per code and year).
 */
station_code: string, 
/**
 * Year of registration.
 */
year: number, 
/**
 * FIR number, set at finalisation (e.g. "0042/2026").
 */
fir_number: string | null, 
/**
 * Date and time of the FIR, set at finalisation (RFC 3339, station time).
 */
fir_datetime: string | null, };

/**
 * One field of the form.
 */
export type FormField = { 
/**
 * Its path in the draft (`complainant.name`); in a row, relative to the row (`name`).
 */
path: string, 
/**
 * The label.
 */
label: string, 
/**
 * What it takes.
 */
kind: FieldKind, 
/**
 * For a choice: (stored value, label), in the form's order.
 */
options: Array<[string, string]>, };

/**
 * One item (or part of one) of the form.
 */
export type FormItem = { 
/**
 * Its heading ("6. Complainant / informant").
 */
title: string, 
/**
 * A list of rows (`accused`, `properties`): `fields` are each row's, and rows are
 * added and removed.
 */
rows: string | null, 
/**
 * What one row is called ("accused", "property").
 */
row_label: string | null, 
/**
 * Its fields.
 */
fields: Array<FormField>, 
/**
 * Fields after the rows (item 10's total after item 9's properties).
 */
after: Array<FormField>, };

/**
 * Limits and live use of both gates, as reported by `/health` and the Health view.
 */
export type GateSnapshot = { 
/**
 * `MAX_CONCURRENT_REQUESTS`.
 */
max_concurrent_requests: number, 
/**
 * Jobs running now.
 */
running: number, 
/**
 * Most jobs ever running at once since start.
 */
running_peak: number, 
/**
 * Jobs waiting in the queue (as last read from the store).
 */
queued: number, 
/**
 * `MAX_CONCURRENT_MODEL_CALLS`.
 */
max_concurrent_model_calls: number, 
/**
 * Model-gate permits held now.
 */
model_calls_in_flight: number, 
/**
 * Most model calls ever in flight at once since start.
 */
model_calls_peak: number, };

/**
 * Everything a station needs to see to know whether generation will work.
 */
export type HealthReport = { 
/**
 * "ok" when every dependency answered, otherwise "degraded".
 */
status: string, 
/**
 * The database (URL with the password redacted).
 */
database: DatabaseHealth, 
/**
 * Each model endpoint.
 */
models: Array<ModelHealth>, 
/**
 * Tesseract with the configured languages.
 */
ocr: OcrHealth, 
/**
 * Configured limits.
 */
concurrency: Concurrency, 
/**
 * Live gate use, when an engine is running in this process.
 */
gates: GateSnapshot | null, };

/**
 * One search hit.
 */
export type Hit = { 
/**
 * The citation, e.g. "303(2)" or "IT Act 66D".
 */
section: string, 
/**
 * Short title.
 */
title: string, 
/**
 * The reciprocal-rank score of the rankings that found it, or for an entry lifted
 * as told in passing the score of the place it took (higher is better; compare
 * within one search only).
 */
score: number, };

/**
 * How the information reached the station (item 4).
 */
export type InformationType = "written" | "oral" | "electronic";

/**
 * What an input is. Only `Text` is processed so far; audio and images arrive with ASR/OCR.
 */
export type InputKind = "text" | "audio" | "image";

/**
 * One input with the text read from it.
 */
export type InputView = { 
/**
 * Row id.
 */
id: number, 
/**
 * Position in the case.
 */
ordinal: number, 
/**
 * Text, audio or image.
 */
kind: InputKind, 
/**
 * The user's file name (display only).
 */
display_name: string | null, 
/**
 * SHA-256 of the bytes (the key to fetch them).
 */
sha256: string, 
/**
 * Size in bytes.
 */
size: number, 
/**
 * MIME type, for players and viewers.
 */
mime: string | null, 
/**
 * Typed text, transcript or OCR text, once read.
 */
text: string | null, };

/**
 * A job as stored.
 */
export type Job = { 
/**
 * Row id.
 */
id: number, 
/**
 * The case it processes.
 */
case_id: number, 
/**
 * Where it stands.
 */
state: JobState, 
/**
 * The step running now, or the last one that ran.
 */
step: Step | null, 
/**
 * Queue priority.
 */
priority: Priority, 
/**
 * How many times a worker has claimed it.
 */
attempts: number, 
/**
 * Why it failed, when it did.
 */
error: JobError | null, 
/**
 * When it was submitted.
 */
created_at: number, 
/**
 * When it last changed.
 */
updated_at: number, };

/**
 * Why a job failed, kept with the job so nothing vanishes.
 */
export type JobError = { 
/**
 * What kind of failure.
 */
kind: JobErrorKind, 
/**
 * The step that failed, if any.
 */
step: Step | null, 
/**
 * A message for people: what went wrong and what to do.
 */
message: string, 
/**
 * The model's raw answer when it could not be used.
 */
raw_answer?: string | null, };

/**
 * The families of job failure.
 */
export type JobErrorKind = "input" | "model" | "internal";

/**
 * Progress of one job, as streamed to the CLI, the UI and SSE clients.
 */
export type JobEvent = { 
/**
 * The job.
 */
job_id: number, 
/**
 * Its state now.
 */
state: JobState, 
/**
 * The step concerned.
 */
step: Step | null, 
/**
 * Whether that step has just finished (false: just started).
 */
step_done: boolean, 
/**
 * When.
 */
at: number, 
/**
 * Details for people (e.g. "reused stored output", an error).
 */
message: string | null, };

/**
 * One row of the queue or of a record search.
 */
export type JobRow = { 
/**
 * The job as stored.
 */
job: Job, 
/**
 * What it is doing, for people ("Extracting facts", "Awaiting review").
 */
status: string, 
/**
 * Steps finished, out of [`Step::ALL`], for a progress bar.
 */
steps_done: number, 
/**
 * Steps in all.
 */
steps_total: number, 
/**
 * Station code.
 */
station_code: string, 
/**
 * Language given at submission.
 */
language: string, 
/**
 * Complainant's name from the draft, once drafted.
 */
complainant: string | null, 
/**
 * Cited sections as the form writes them ("303(2) BNS"), once drafted.
 */
sections: Array<string>, 
/**
 * The record number once finalized.
 */
record: RecordNumber | null, 
/**
 * When a queued or running job is expected to be ready for review (the queue's rows
 * only; None in searches, for settled jobs, and while recent jobs give no estimate).
 */
eta: Eta | null, };

/**
 * Where a job stands. docs/architecture.md, section 3, has the transitions.
 */
export type JobState = "queued" | "transcribing" | "ocr" | "extracting" | "legal_sections" | "drafting" | "awaiting_review" | "finalized" | "exported" | "failed" | "cancelled";

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * A file type AFIRGen can read.
 */
export type MediaType = "wav" | "mp3" | "flac" | "ogg_vorbis" | "ogg_opus" | "m4a" | "webm" | "aac" | "png" | "jpeg" | "tiff" | "webp" | "bmp" | "pdf" | "text";

/**
 * An item the draft lacks.
 */
export type MissingItem = { 
/**
 * The draft field to fill (`header.state`), as an edit names it.
 */
path: string, 
/**
 * The item as the form names it ("State (item 1)").
 */
label: string, };

/**
 * One model a role can run, as `afirgen models list` and the desktop's Settings show it.
 */
export type ModelChoice = { 
/**
 * What it serves.
 */
role: ModelRole, 
/**
 * Its name ("SmolLM2-135M-Instruct" for a bundled one).
 */
name: string, 
/**
 * Bundled with the harness (or configured), or registered by the station.
 */
bundled: boolean, 
/**
 * The file or folder, for a registered one.
 */
path: string | null, 
/**
 * Its size, for a registered one.
 */
bytes: number | null, 
/**
 * Whether its role runs it.
 */
chosen: boolean, };

/**
 * A model endpoint: its live counters and whether it answered a probe.
 */
export type ModelHealth = { 
/**
 * What it serves.
 */
role: ModelRole, 
/**
 * Base URL.
 */
url: string, 
/**
 * Calls allowed in flight at once (now, if adaptive).
 */
limit: number, 
/**
 * Whether the limit adapts to the server's latency and overload answers.
 */
adaptive: boolean, 
/**
 * HTTP calls in flight now.
 */
in_flight: number, 
/**
 * Most calls in flight at once since start.
 */
in_flight_peak: number, 
/**
 * Calls sent.
 */
requests: number, 
/**
 * Calls that failed.
 */
failures: number, 
/**
 * Circuit breaker state.
 */
breaker: BreakerState, 
/**
 * Whether it answered.
 */
ok: boolean, 
/**
 * Why not, with what to do.
 */
error: string | null, };

/**
 * What a model server is for (`models::Role` in the model client).
 */
export type ModelRole = "llm" | "asr" | "embed";

/**
 * Item 3: occurrence of offence and receipt at the station.
 */
export type Occurrence = { 
/**
 * Day of the week of the occurrence.
 */
day: string | null, 
/**
 * Date from, `YYYY-MM-DD`.
 */
date_from: string | null, 
/**
 * Date to, `YYYY-MM-DD`.
 */
date_to: string | null, 
/**
 * Time period as described.
 */
time_period: string | null, 
/**
 * Time from, `HH:MM`.
 */
time_from: string | null, 
/**
 * Time to, `HH:MM`.
 */
time_to: string | null, 
/**
 * Date information was received at the station.
 */
info_received_date: string | null, 
/**
 * Time information was received at the station.
 */
info_received_time: string | null, 
/**
 * General Diary entry number.
 */
gd_entry_no: string | null, 
/**
 * General Diary entry time.
 */
gd_time: string | null, };

/**
 * The OCR part of the report.
 */
export type OcrHealth = { 
/**
 * Tesseract languages, e.g. `eng+hin`.
 */
languages: string, 
/**
 * Whether it answered.
 */
ok: boolean, 
/**
 * Why not, with what to do.
 */
error: string | null, };

/**
 * Item 5: place of occurrence.
 */
export type PlaceOfOccurrence = { 
/**
 * Direction and distance from the station.
 */
direction_distance: string | null, 
/**
 * Beat number.
 */
beat_no: string | null, 
/**
 * Address.
 */
address: string | null, 
/**
 * If outside this station's limits: that station's name.
 */
outside_ps_name: string | null, 
/**
 * If outside this station's limits: that district.
 */
outside_district: string | null, };

/**
 * Queue priority: urgent cases are taken before normal ones, FIFO within each.
 */
export type Priority = "normal" | "urgent";

/**
 * Item 9: one property stolen or involved.
 */
export type Property = { 
/**
 * What it is.
 */
description: string, 
/**
 * Value in rupees.
 */
value_inr: number | null, };

/**
 * A provision cited with an offence.
 */
export type Qualifier = { 
/**
 * The BNS section, as cited ("3(5)").
 */
section: string, 
/**
 * Its title.
 */
title: string, 
/**
 * When it is cited, as an officer reads it.
 */
when: string, };

/**
 * Which jobs the Queue lists, by where they stand.
 */
export type QueueFilter = "all" | "queued" | "running" | "awaiting_review" | "failed" | "finalized" | "cancelled";

/**
 * What a desk asks of the queue: a filter, words to find, a page; all optional.
 */
export type QueueQuery = { 
/**
 * Only jobs that stand so (default: all).
 */
filter?: QueueFilter | null, 
/**
 * A case or job number (`12`, `#12`), a record number, a section, the
 * complainant's name or any words of the draft.
 */
text?: string | null, 
/**
 * Rows to skip, newest first (default 0).
 */
offset?: number | null, 
/**
 * Rows in the page: 1 to 1000 (default [`QUEUE_ROWS`]).
 */
limit?: number | null, 
/**
 * Only jobs changed at or after this time (ms since the epoch, the engine's clock):
 * what a desk polling for news asks.
 */
changed_since?: number | null, };

/**
 * The live queue: one page of jobs newest first, the gates and counts per state.
 */
export type QueueView = { 
/**
 * This page of the jobs the query matches, newest first.
 */
jobs: Array<JobRow>, 
/**
 * How many jobs the query matches in all (every page).
 */
total: number, 
/**
 * Rows skipped before this page.
 */
offset: number, 
/**
 * The page's size.
 */
limit: number, 
/**
 * The engine's clock when the view was read (ms since the epoch): ages and
 * expected times are judged against it, not against the desk's own clock.
 */
now: number, 
/**
 * Gate limits and live use.
 */
gates: GateSnapshot, 
/**
 * Jobs per state (all of them, not only those listed).
 */
counts: { [key in string]: number }, };

/**
 * What kind of record a finalized case is, each with its own number series.
 */
export type RecordKind = "fir" | "ncr";

/**
 * A record's number as printed.
 */
export type RecordNumber = { 
/**
 * FIR or NCR.
 */
kind: RecordKind, 
/**
 * E.g. `0042/2026`.
 */
display: string, };

/**
 * Filters for [`Store::search_records`]; all optional.
 */
export type RecordQuery = { 
/**
 * A record number, a name, a section or any words of the draft.
 */
text?: string | null, 
/**
 * Only jobs in this state.
 */
state?: JobState | null, 
/**
 * Submitted at or after (ms since the epoch).
 */
from_ms?: number | null, 
/**
 * Submitted before (ms since the epoch).
 */
to_ms?: number | null, 
/**
 * At most this many (default 200).
 */
limit?: number | null, };

/**
 * What can be regenerated.
 */
export type Regenerate = "facts" | "sections";

/**
 * What a user may do.
 */
export type Role = "writer" | "sho";

/**
 * A section's classification in the First Schedule: the row that applies to this case,
 * and the section's other rows (theft under ₹5,000, a second conviction...).
 */
export type ScheduleFacts = { 
/**
 * Cognizable (FIR, arrest without warrant) or not.
 */
cognizable: boolean, 
/**
 * Bailable or not.
 */
bailable: boolean, 
/**
 * The court that tries it.
 */
triable_by: string, 
/**
 * The punishment.
 */
punishment: string, 
/**
 * The condition of the row that applies, when it is not the section's first row
 * ("the value of the property is under ₹5,000").
 */
condition?: string | null, 
/**
 * Whether the officer chose the row (else the facts decided it).
 */
chosen?: boolean, 
/**
 * The section's rows that apply under a condition, as the Schedule prints them.
 */
other_rows?: Array<ScheduleRow>, };

/**
 * A First Schedule row that applies to a section under a condition.
 */
export type ScheduleRow = { 
/**
 * The condition as an officer reads it: "the value of the property is under ₹5,000".
 */
when: string, 
/**
 * Applies when the case's total property value is known and below this (rupees);
 * a row without it (a second conviction) is for the officer to choose.
 */
value_below_inr?: number | null, 
/**
 * Applies when the case's total property value is known and at least this.
 */
value_at_least_inr?: number | null, 
/**
 * The punishment in this case.
 */
punishment: string, 
/**
 * Cognizable in this case.
 */
cognizable: boolean, 
/**
 * Bailable in this case.
 */
bailable: boolean, 
/**
 * The court that tries it in this case.
 */
triable_by: string, };

/**
 * One entry of item 2 (Acts and Sections).
 */
export type SectionCitation = { 
/**
 * The Act, e.g. "BNS" or "IT Act".
 */
act: string, 
/**
 * The section with sub-section where it matters, e.g. "303(2)".
 */
section: string, 
/**
 * The section's short title, when known.
 */
title: string | null, 
/**
 * Why it applies, in one line.
 */
reason: string | null, 
/**
 * Where the citation came from.
 */
source: SectionSource, 
/**
 * First Schedule facts, from the catalogue.
 */
schedule: ScheduleFacts | null, 
/**
 * The Schedule row the officer chose (its `when`, or "otherwise" for the section's
 * own row) where the facts cannot decide it; None lets the facts decide.
 */
row: string | null, };

/**
 * Where a cited section came from, and so how far to trust it.
 */
export type SectionSource = "llm_unverified" | "llm_judged" | "retrieval_unreviewed" | "officer";

/**
 * What a desk's Settings screen edits. Stored by the app; applied over the config file
 * and under the environment (an environment variable still wins, as everywhere). Its
 * Debug output hides the database password and the station key.
 */
export type Settings = { 
/**
 * Police station code (numbering is per station and year).
 */
station_code: string | null, 
/**
 * Police station name as printed.
 */
station_name: string | null, 
/**
 * District.
 */
district: string | null, 
/**
 * State.
 */
state: string | null, 
/**
 * Officer in charge, printed in item 13.
 */
officer_name: string | null, 
/**
 * The officer's rank.
 */
officer_rank: string | null, 
/**
 * Language model servers (OpenAI-compatible base URLs).
 */
llm_urls: Array<string>, 
/**
 * Speech-recognition servers.
 */
asr_urls: Array<string>, 
/**
 * `MAX_CONCURRENT_REQUESTS`.
 */
max_concurrent_requests: number | null, 
/**
 * `MAX_CONCURRENT_MODEL_CALLS`.
 */
max_concurrent_model_calls: number | null, 
/**
 * `mysql://…` for a shared station database; empty for the local SQLite file.
 */
database_url: string | null, 
/**
 * Tesseract languages, e.g. `eng+hin`.
 */
ocr_languages: string | null, 
/**
 * Start the local model servers (`afirgen models up`) with the app.
 */
start_local_models: boolean, 
/**
 * Save exported PDFs straight into this folder instead of asking each time.
 */
export_dir: string | null, 
/**
 * A station server (`http://host:port`) this desk works on instead of its own
 * database and models; empty to work on this computer alone.
 */
station_server_url: string | null, 
/**
 * This desk's API key on the station server (a secret: the form shows it hidden).
 */
station_api_key: string | null, 
/**
 * Seconds without use after which the desk locks and the officer signs in again
 * (unset: [`DEFAULT_IDLE_LOCK`]).
 */
idle_lock_seconds: number | null, };

/**
 * What a desk's sign-in screen needs to know.
 */
export type SignInState = { 
/**
 * Who is signed in now, if anyone.
 */
user: User | null, 
/**
 * The station has no user yet: the desk asks for its station house officer.
 */
first_start: boolean, 
/**
 * Seconds without use before the desk locks.
 */
idle_lock_seconds: number, };

/**
 * How a record's signature stands.
 */
export type SignatureStatus = "valid" | "invalid" | "unknown_key" | "unsigned";

/**
 * Where a draft field's value came from.
 */
export type Source = "rule" | "model" | "officer";

/**
 * A file checked and held by [`Staging`] until its case is submitted.
 */
export type StagedFile = { 
/**
 * The key to submit it with.
 */
id: number, 
/**
 * The user's name for it (display only).
 */
name: string, 
/**
 * Audio or image (scans and PDFs are images).
 */
kind: InputKind, 
/**
 * The real type, from the content.
 */
media_type: MediaType, 
/**
 * MIME type.
 */
mime: string, 
/**
 * Size in bytes.
 */
size: number, };

/**
 * One pipeline step. Each step's output is stored as it completes.
 */
export type Step = "inputs_to_text" | "extract" | "legal_sections" | "draft";

/**
 * What `submit` did.
 */
export type Submitted = { 
/**
 * The case.
 */
case_id: number, 
/**
 * Its job.
 */
job_id: number, 
/**
 * `queued`, or `failed` when the input was rejected (the case is kept).
 */
state: JobState, 
/**
 * Why it was rejected.
 */
rejection: JobError | null, };

/**
 * A catalogue section offered for a draft (see [`CaseView::suggestions`]).
 */
export type Suggestion = { 
/**
 * The Act ("BNS", "IT Act"), as in a cited section.
 */
act: string, 
/**
 * The section within it ("303(2)", "66D").
 */
section: string, 
/**
 * Its title.
 */
title: string, };

/**
 * A signed-in user.
 */
export type User = { 
/**
 * Login name; the audit trail records it.
 */
name: string, 
/**
 * What they may do.
 */
role: Role, };

/**
 * A user as listed by `afirgen users list` and a desk's Settings (never the key or
 * password).
 */
export type UserInfo = { 
/**
 * Login name.
 */
name: string, 
/**
 * Role.
 */
role: Role, 
/**
 * When the current key was issued.
 */
created_at: number, 
/**
 * When the key was revoked, if it was.
 */
revoked_at: number | null, 
/**
 * Their station (None: added before stations were recorded, not yet adopted).
 */
station_code: string | null, 
/**
 * Whether they can sign in with a password (at a desk or in a browser).
 */
has_password: boolean, 
/**
 * Whether they hold an API key (programs, or a browser signed in with the key).
 */
has_key: boolean, };

/**
 * The result of checking a sealed record (and, for a file, the file).
 */
export type Verification = { 
/**
 * True only when every check passed: the seal and signature match the record, the
 * audit trail is whole, and (for a file) the file is one the station issued.
 */
intact: boolean, 
/**
 * FIR or NCR.
 */
kind: RecordKind, 
/**
 * The record's number.
 */
display_number: string, 
/**
 * The station.
 */
station_code: string, 
/**
 * The stored seal.
 */
seal: string, 
/**
 * The seal recomputed now.
 */
recomputed: string, 
/**
 * The signature's standing.
 */
signature: SignatureStatus, 
/**
 * The key that signed it.
 */
key_id: string | null, 
/**
 * Who finalised it, as signed.
 */
finalized_by: string, 
/**
 * When.
 */
finalized_at: number, 
/**
 * For a file: whether it is a copy the station issued.
 */
file: FileCheck | null, 
/**
 * Everything found wrong, in words; empty when intact.
 */
problems: Array<string>, 
/**
 * What could not be checked (a record sealed before signing existed).
 */
warnings: Array<string>, };

/**
 * A witness named in the information. The IIF-1 has no item of its own for them: they
 * are listed with item 12, where the statement names them.
 */
export type Witness = { 
/**
 * Name.
 */
name: string | null, 
/**
 * Address.
 */
address: string | null, 
/**
 * Phone number.
 */
phone: string | null, };
