// Shapes of what the core returns (serde JSON of afirgen-core types).

export type JobState =
  | "queued" | "transcribing" | "ocr" | "extracting" | "legal_sections" | "drafting"
  | "awaiting_review" | "finalized" | "failed" | "cancelled";

export interface JobError { kind: string; step: string | null; message: string }

export interface Job {
  id: number; case_id: number; state: JobState; step: string | null;
  priority: "normal" | "urgent" | string; attempts: number; error: JobError | null;
  created_at: number; updated_at: number;
}

export interface RecordNumber { kind: "fir" | "ncr"; display: string }

export interface JobRow {
  job: Job; status: string; steps_done: number; steps_total: number;
  station_code: string; language: string; complainant: string | null;
  sections: string[]; record: RecordNumber | null;
}

export interface Gates {
  max_concurrent_requests: number; running: number; running_peak: number; queued: number;
  max_concurrent_model_calls: number; model_calls_in_flight: number; model_calls_peak: number;
}

export interface QueueView { jobs: JobRow[]; gates: Gates; counts: Record<string, number> }

export interface JobEvent {
  job_id: number; state: JobState; step: string | null; step_done: boolean;
  at: number; message: string | null;
}

export interface StagedFile {
  id: number; name: string; kind: "audio" | "image" | "text";
  media_type: string; mime: string; size: number;
}

export interface Submitted { case_id: number; job_id: number; [k: string]: unknown }

export interface InputView {
  id: number; ordinal: number; kind: "text" | "audio" | "image";
  display_name: string | null; sha256: string; size: number;
  mime: string | null; text: string | null;
}

export interface ScheduleRow {
  when: string; value_below_inr?: number; value_at_least_inr?: number;
  punishment: string; cognizable: boolean; bailable: boolean; triable_by: string;
}
export interface ScheduleFacts {
  cognizable: boolean; bailable: boolean; triable_by: string; punishment: string;
  condition?: string; chosen?: boolean; other_rows?: ScheduleRow[];
}
export interface SectionCitation {
  act: string; section: string; title: string | null; reason: string | null;
  source: string; schedule: ScheduleFacts | null;
  /** The Schedule row the officer chose (its condition, or "otherwise"); null: the facts decide. */
  row?: string | null;
}

export interface AuditEvent {
  id: number; case_id: number; job_id: number | null; actor: string; at: number;
  action: string; field: string | null; old_value: string | null; new_value: string | null;
}

export interface FinalRecord {
  case_id: number; station_code: string; year: number; kind: "fir" | "ncr"; number: number;
  display_number: string; content: Draft; seal: string; finalized_by: string; finalized_at: number;
}

// The IIF-1 draft is edited generically by dotted paths; only what screens read is typed.
export type Draft = Record<string, any>;

export interface CaseView {
  case: { id: number; station_code: string; language: string; submitted_by: string; created_at: number };
  job: Job | null; inputs: InputView[]; statement: string | null; draft: Draft | null;
  edited_fields: string[]; draft_revision: number | null; record: FinalRecord | null; audit: AuditEvent[];
  /** The review form's layout, from the core. */
  form: FormItem[];
  /** What the saved draft lacks for finalisation (the core's check), in the form's order. */
  missing: MissingItem[];
  /** The number finalising now would give (unless another is registered first). */
  next_number: { kind: "fir" | "ncr"; display: string } | null;
  /** "Read with" provisions the facts support and the sections do not cite yet. */
  qualifiers: Qualifier[];
  /** Other sections the catalogue found for the statement, not cited: one click to add. */
  suggestions: Suggestion[];
}

/** A catalogue section offered for the draft, best first. */
export interface Suggestion { act: string; section: string; title: string }

/** A provision cited with an offence ("3(5)"), never alone. */
export interface Qualifier { section: string; title: string; when: string }

export interface MissingItem { path: string; label: string }

/** The review form as the core describes it (form.rs). */
export interface FormField { path: string; label: string; kind: "text" | "long" | "rupees" | "date" | "time" | "choice"; options?: [string, string][] }
export interface FormItem { title: string; rows?: string; row_label?: string; fields: FormField[]; after?: FormField[] }

export interface Verification {
  intact: boolean; kind: "fir" | "ncr"; display_number: string; station_code: string;
  seal: string; recomputed: string;
  signature: "valid" | "invalid" | "unknown_key" | "unsigned"; key_id: string | null;
  finalized_by: string; finalized_at: number;
  file: { status: "identical" } | { status: "issued_copy"; by: string; at: number } | { status: "differs"; lines: string[] } | null;
  problems: string[]; warnings: string[];
}

export interface Hit { section: string; title: string; score: number; [k: string]: unknown }

export interface RecordQuery {
  text?: string | null; state?: JobState | null; from_ms?: number | null; to_ms?: number | null; limit?: number | null;
}

export interface Settings {
  station_code: string | null; station_name: string | null; district: string | null; state: string | null;
  officer_name: string | null; officer_rank: string | null; llm_urls: string[]; asr_urls: string[];
  max_concurrent_requests: number | null; max_concurrent_model_calls: number | null;
  database_url: string | null; ocr_languages: string | null; start_local_models: boolean; export_dir: string | null;
  /** A station server this desk works on instead of its own database and models. */
  station_server_url: string | null;
  /** This desk's key there; the form receives it hidden (afg_<id>_…). */
  station_api_key: string | null;
}

export interface Check { ok: boolean; error: string | null }
export interface HealthReport {
  status: "ok" | "degraded";
  database: { url: string } & Check;
  models: ({ role: string; url: string; limit: number; in_flight: number; breaker: string; requests: number; failures: number } & Check)[];
  ocr: { languages: string } & Check;
  concurrency: { max_concurrent_requests: number; max_concurrent_model_calls: number; http_pool_size: number; db_pool_size: number };
  gates: Gates | null;
}

export interface AppInfo {
  version: string; data_dir: string; database: string | null; error: string | null;
  station_code: string | null; officer: string; max_file_bytes: number;
  /** Station server only: writer or sho. */
  role?: "writer" | "sho";
  /** Desktop only: the station server this desk works on (its origin), if one is set. */
  station?: string | null;
}

export interface Exported { path: string | null; number: string }
export interface FieldEdit { path: string; value: unknown }
