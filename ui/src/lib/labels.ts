// Words for what the core sends as codes or as its own English labels: job states and
// steps, the review form (described by the core's form.rs), missing items, courts, audit
// actions. The catalogues hold the words; the core's English stays the fallback, so a
// field added in Rust still shows (and labels.test.ts fails until it is translated).

import { m } from "./paraglide/messages.js";
import type { BreakerState, FormItem, Job, JobState, MissingItem, ModelRole, Step } from "./types";

/** Total over the core's job states: a state added in Rust fails `npm run check:ui`. */
export const STATE_LABEL: Record<JobState, () => string> = {
  queued: m.state_queued,
  transcribing: m.state_transcribing,
  ocr: m.state_ocr,
  extracting: m.state_extracting,
  legal_sections: m.state_legal_sections,
  drafting: m.state_drafting,
  awaiting_review: m.state_awaiting_review,
  finalized: m.state_finalized,
  exported: m.state_exported,
  failed: m.state_failed,
  cancelled: m.state_cancelled,
};

/** Total over the core's steps, as for states. */
export const STEP_LABEL: Record<Step, () => string> = {
  inputs_to_text: m.step_inputs_to_text,
  extract: m.step_extract,
  legal_sections: m.step_legal_sections,
  draft: m.step_draft,
};

export const BREAKER_LABEL: Record<BreakerState, () => string> = {
  closed: m.health_breaker_closed,
  open: m.health_breaker_open,
  half_open: m.health_breaker_half_open,
};

export const ROLE_LABEL: Record<ModelRole, () => string> = {
  llm: m.health_llm,
  asr: m.health_asr,
  embed: m.health_embed,
};

const RUNNING: ReadonlySet<JobState> = new Set(["transcribing", "ocr", "extracting", "legal_sections", "drafting"]);

/**
 * What a job is doing, for people: its step while it runs, else its state. A failure's
 * reason is the core's own words (English), returned apart as `detail`.
 */
export function jobStatus(job: Pick<Job, "state" | "step" | "error">): { text: string; detail: string | null } {
  if (job.state === "failed" && job.error?.message) return { text: m.state_failed_because(), detail: job.error.message };
  if (RUNNING.has(job.state) && job.step) return { text: STEP_LABEL[job.step](), detail: null };
  return { text: STATE_LABEL[job.state](), detail: null };
}

/** "header.state" → "header_state": how a path or code is spelled in a message key. */
export const keyOf = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");

// Message functions by name, for the labels named by the core's paths and codes.
const byName = m as unknown as Record<string, (() => string) | undefined>;
/** The message called `name`, or `fallback` (the core's English) when there is none. */
export function named(name: string, fallback: string): string {
  const message = byName[name];
  return typeof message === "function" ? message() : fallback;
}

/** A form item's heading, by the draft part it edits ("complainant", a row list). */
export const itemTitle = (item: FormItem): string =>
  named(`item_${keyOf(item.rows ?? item.fields[0]?.path.split(".")[0] ?? "")}`, item.title);
/** A field's label: `path` is the draft path, or `list.field` for a field of a row. */
export const fieldLabel = (path: string, fallback: string): string => named(`field_${keyOf(path)}`, fallback);
/** What one row of a list is called ("accused", "property", "witness"). */
export const rowName = (list: string, fallback: string): string => named(`row_${keyOf(list)}`, fallback);
/** A choice's label ("written", item 13's four actions). */
export const optionLabel = (path: string, value: string, fallback: string): string =>
  named(`option_${keyOf(path)}_${keyOf(value)}`, fallback);
/** An item the draft still lacks ("State (item 1)"). */
export const missingLabel = (item: MissingItem): string => named(`missing_${keyOf(item.path)}`, item.label);
/** An audit action code ("draft.edited"); in English the code itself. */
export const auditAction = (code: string): string => named(`audit_${keyOf(code)}`, code);

const COURTS: Record<string, () => string> = {
  "Any Magistrate": m.court_any_magistrate,
  "Magistrate of the first class": m.court_first_class,
  "Court of Session": m.court_session,
  "Special Court": m.court_special,
};
/** The court that tries an offence, as the catalogue names it; null for one not listed. */
export const courtLabel = (triableBy: string): string | null => COURTS[triableBy]?.() ?? null;
