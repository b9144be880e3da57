// Pure UI logic (no DOM, no transport), unit-tested with vitest.

import { m } from "./paraglide/messages.js";
import { getLocale } from "./paraglide/runtime.js";
import type { Draft, FieldEdit, JobRow, JobState, JsonValue, MediaType, Settings } from "./types";

/** The Intl locale for the interface language: Indian English or Hindi as written in India. */
export function intlLocale(locale: string = getLocale()): string {
  return locale === "hi" ? "hi-IN" : "en-IN";
}

/** A count or amount the Indian way (en-IN / hi-IN: 1,00,000). */
export function formatNumber(n: number, digits = 0, locale = intlLocale()): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** What a file looks like before its bytes are sent; the backend checks the content. */
export interface FileLike { name: string; size: number; type: string }

const AUDIO = ["wav", "mp3", "flac", "ogg", "opus", "m4a", "aac", "oga", "webm"];
const SCANS = ["png", "jpg", "jpeg", "tif", "tiff", "webp", "bmp", "pdf"];
// A statement typed elsewhere and saved as a UTF-8 text file.
const TEXT = ["txt"];

/** Why a file cannot be a case input, judged from its name and size; null if it may be. */
export function precheckFile(file: FileLike, maxBytes: number): string | null {
  if (file.size === 0) return m.file_empty({ name: file.name });
  if (file.size > maxBytes) return m.file_too_big({ name: file.name, size: formatBytes(file.size), max: formatBytes(maxBytes) });
  const ext = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const known = AUDIO.includes(ext) || SCANS.includes(ext) || TEXT.includes(ext) ||
    file.type.startsWith("audio/") || file.type.startsWith("image/") || file.type === "application/pdf";
  if (!known) {
    return m.file_unknown({ name: file.name });
  }
  return null;
}

export function formatBytes(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return m.unit_mb({ n: formatNumber(bytes / MB, 1) });
  if (bytes >= 1024) return m.unit_kb({ n: formatNumber(bytes / 1024, 1) });
  return m.unit_bytes({ n: formatNumber(bytes) });
}

/** A file type as people name it: "WAV", "OGG OPUS"; a typed statement's in words. */
export function mediaName(type: MediaType): string {
  return type === "text" ? m.media_text() : type.replace("_", " ").toUpperCase();
}

/** Local date and time, day first and 24-hour: "26 Nov 2026, 14:05" (en-IN), "26 नव॰ 2026, 14:05" (hi-IN). */
export function formatTime(ms: number | null | undefined, locale = intlLocale(), timeZone?: string): string {
  if (!ms) return "";
  return new Intl.DateTimeFormat(locale, {
    day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone,
  }).format(new Date(ms));
}

/**
 * What each of the core's job states means for the screens. Total over the generated
 * `JobState`: a state added in Rust fails the type check (npm run check:ui) until it is
 * placed here.
 */
const PHASE: Record<JobState, "waiting" | "running" | "settled"> = {
  queued: "waiting",
  transcribing: "running", ocr: "running", extracting: "running", legal_sections: "running", drafting: "running",
  awaiting_review: "settled", finalized: "settled", exported: "settled", failed: "settled", cancelled: "settled",
};

export function isRunning(state: JobState): boolean {
  return PHASE[state] === "running";
}

/** Whether a job has stopped moving (for review, finished, failed or cancelled): the
 * queue no longer polls for it. */
export function isSettled(state: JobState): boolean {
  return PHASE[state] === "settled";
}

/** Progress of a job, 0..100. */
export function progress(row: Pick<JobRow, "steps_done" | "steps_total"> & { job: { state: JobState } }): number {
  if (row.job.state === "awaiting_review" || row.job.state === "finalized") return 100;
  if (!row.steps_total) return 0;
  // A running step counts as half done, so a bar moves as soon as work starts.
  const half = isRunning(row.job.state) ? 0.5 : 0;
  return Math.round(((row.steps_done + half) / row.steps_total) * 100);
}

/** Reads a dotted path ("complainant.name", "accused.0.name"). */
export function getPath(draft: Draft | null | undefined, path: string): unknown {
  let here: any = draft;
  for (const part of path.split(".")) {
    if (here === null || here === undefined) return undefined;
    here = here[part];
  }
  return here;
}

/** Where a draft field's value came from: "rule" (found in the statement), "model"
 * (said by the model and found in the statement), "officer", or null. A list item's
 * field falls back to its list's entry ("accused.0.name" → "accused"). */
export function sourceOf(draft: Draft | null | undefined, path: string): string | null {
  const sources = (draft?.sources ?? {}) as Record<string, string>;
  if (sources[path]) return sources[path];
  const list = path.split(".")[0];
  return /^\w+\.\d+\./.test(path) ? sources[list] ?? null : null;
}

/** Each form field's kind, from the core's form layout (form.rs): "date", "time", "rupees"... */
export type Kinds = Map<string, string>;

/** A stored value as the form shows it: dates as DD-MM-YYYY, anything else as it is. */
export function shown(path: string, stored: unknown, kinds: Kinds): string {
  if (stored === null || stored === undefined) return "";
  const text = String(stored);
  const iso = kinds.get(path) === "date" ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text) : null;
  return iso ? `${iso[3]}-${iso[2]}-${iso[1]}` : text;
}

/** A typed date (25-11-2026, 25/11/2026, 25.11.2026; or 2026-11-25) as stored; throws saying how to write it. */
export function readDate(path: string, typed: string): string {
  const t = typed.trim();
  const dmy = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const [y, mo, d] = dmy ? [+dmy[3], +dmy[2], +dmy[1]] : ymd ? [+ymd[1], +ymd[2], +ymd[3]] : [0, 0, 0];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (!y || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new Error(m.check_date({ field: path, typed }));
  }
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A typed time (9:15, 09.15, 21:05) as 24-hour HH:MM; throws saying how to write it. */
export function readTime(path: string, typed: string): string {
  const hm = /^(\d{1,2})[:.](\d{2})$/.exec(typed.trim());
  if (!hm || +hm[1] > 23 || +hm[2] > 59) throw new Error(m.check_time({ field: path, typed }));
  return `${hm[1].padStart(2, "0")}:${hm[2]}`;
}

/** Form values (as typed) → the edits to send: only changed fields, numbers as numbers.
 * `labels` name the fields in a refusal as the form shows them (else by their path). */
export function diffEdits(draft: Draft, values: Record<string, string>, kinds: Kinds, labels?: Map<string, string>): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const [path, typed] of Object.entries(values)) {
    if (typed === shown(path, getPath(draft, path), kinds)) continue;
    const trimmed = typed.trim();
    let value: JsonValue = trimmed === "" ? null : typed;
    const kind = kinds.get(path);
    const name = labels?.get(path) ?? path;
    if (kind === "rupees" && trimmed !== "") {
      const n = Number(trimmed.replace(/[,\s₹]/g, ""));
      if (!Number.isFinite(n) || n < 0) throw new Error(m.check_rupees({ field: name, typed }));
      value = Math.round(n);
    } else if (kind === "date" && trimmed !== "") {
      value = readDate(name, typed);
    } else if (kind === "time" && trimmed !== "") {
      value = readTime(name, typed);
    }
    edits.push({ path, value });
  }
  return edits;
}

/** "303(2) BNS" or "IT Act 66D", as the core writes it (`SectionCitation::display`). */
export function citation(c: { act: string; section: string }): string {
  return c.act === "BNS" ? `${c.section} BNS` : `${c.act} ${c.section}`;
}

/** The catalogue's citation key ("303(2)", "IT Act 66D") for set_sections. */
export function catalogueKey(c: { act: string; section: string }): string {
  return c.act === "BNS" ? c.section : `${c.act} ${c.section}`;
}

/** Settings checked before they are sent; the backend checks again. Null if fine. */
export function checkSettings(s: Settings): string | null {
  const code = (s.station_code ?? "").trim();
  // A desk of a station server numbers nothing itself.
  if (!code && !(s.station_server_url ?? "").trim()) return m.check_code_required();
  if (/\s/.test(code)) return m.check_code_spaces();
  for (const url of [...s.llm_urls, ...s.asr_urls]) {
    if (url.trim() && !/^https?:\/\/[^\s/]+/.test(url.trim())) return m.check_model_url({ url });
  }
  for (const [name, n] of [[m.settings_jobs, s.max_concurrent_requests], [m.settings_calls, s.max_concurrent_model_calls]] as const) {
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 1000)) return m.check_whole_number({ name: name() });
  }
  const db = (s.database_url ?? "").trim();
  if (db && !/^(mysql|sqlite):/.test(db)) return m.check_database();
  if (s.ocr_languages && !/^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$/.test(s.ocr_languages)) return m.check_ocr();
  const station = (s.station_server_url ?? "").trim();
  if (station) {
    if (!/^https?:\/\/[^\s/?#@]+\/?$/.test(station)) return m.check_station_url();
    if (!(s.station_api_key ?? "").trim().startsWith("afg_")) return m.check_station_key();
  }
  return null;
}

/** "2026-11-01" (a date input's value) → ms at local midnight; "" → null. `end` adds a day. */
export function dateToMs(value: string, end = false): number | null {
  if (!value) return null;
  const [y, m, d] = value.split("-").map(Number);
  if (!y || !m || !d) return null;
  return new Date(y, m - 1, d + (end ? 1 : 0)).getTime();
}
