// Pure UI logic (no DOM, no transport), unit-tested with vitest.

import type { Draft, FieldEdit, JobRow, JobState, JsonValue, Settings } from "./types";

/** What a file looks like before its bytes are sent; the backend checks the content. */
export interface FileLike { name: string; size: number; type: string }

const AUDIO = ["wav", "mp3", "flac", "ogg", "opus", "m4a", "aac", "oga"];
const SCANS = ["png", "jpg", "jpeg", "tif", "tiff", "webp", "bmp", "pdf"];
// A statement typed elsewhere and saved as a UTF-8 text file.
const TEXT = ["txt"];

/** Why a file cannot be a case input, judged from its name and size; null if it may be. */
export function precheckFile(file: FileLike, maxBytes: number): string | null {
  if (file.size === 0) return `${file.name} is empty (0 bytes)`;
  if (file.size > maxBytes) {
    return `${file.name} is ${formatBytes(file.size)}, over the limit of ${formatBytes(maxBytes)} per file; split the recording or scan at a lower resolution`;
  }
  const ext = file.name.includes(".") ? file.name.split(".").pop()!.toLowerCase() : "";
  const known = AUDIO.includes(ext) || SCANS.includes(ext) || TEXT.includes(ext) ||
    file.type.startsWith("audio/") || file.type.startsWith("image/") || file.type === "application/pdf";
  if (!known) {
    return `${file.name} is not a recording or a scan (audio: WAV, MP3, FLAC, Ogg, M4A, Opus; scans: PNG, JPEG, TIFF, WebP, BMP, PDF; statements: UTF-8 .txt)`;
  }
  return null;
}

export function formatBytes(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Local date and time, e.g. "26 Nov 2026, 14:05". */
export function formatTime(ms: number | null | undefined): string {
  if (!ms) return "";
  const d = new Date(ms);
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getDate()} ${months[d.getMonth()]} ${d.getFullYear()}, ${pad(d.getHours())}:${pad(d.getMinutes())}`;
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

/** Form values (as typed) → the edits to send: only changed fields, numbers as numbers. */
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
  const [y, m, d] = dmy ? [+dmy[3], +dmy[2], +dmy[1]] : ymd ? [+ymd[1], +ymd[2], +ymd[3]] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!y || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new Error(`${path}: "${typed}" is not a date; write it as DD-MM-YYYY, e.g. 25-11-2026`);
  }
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A typed time (9:15, 09.15, 21:05) as 24-hour HH:MM; throws saying how to write it. */
export function readTime(path: string, typed: string): string {
  const hm = /^(\d{1,2})[:.](\d{2})$/.exec(typed.trim());
  if (!hm || +hm[1] > 23 || +hm[2] > 59) throw new Error(`${path}: "${typed}" is not a time; write it as 24-hour HH:MM, e.g. 21:05`);
  return `${hm[1].padStart(2, "0")}:${hm[2]}`;
}

export function diffEdits(draft: Draft, values: Record<string, string>, kinds: Kinds): FieldEdit[] {
  const edits: FieldEdit[] = [];
  for (const [path, typed] of Object.entries(values)) {
    if (typed === shown(path, getPath(draft, path), kinds)) continue;
    const trimmed = typed.trim();
    let value: JsonValue = trimmed === "" ? null : typed;
    const kind = kinds.get(path);
    if (kind === "rupees" && trimmed !== "") {
      const n = Number(trimmed.replace(/[,\s₹]/g, ""));
      if (!Number.isFinite(n) || n < 0) throw new Error(`${path}: "${typed}" is not an amount in rupees`);
      value = Math.round(n);
    } else if (kind === "date" && trimmed !== "") {
      value = readDate(path, typed);
    } else if (kind === "time" && trimmed !== "") {
      value = readTime(path, typed);
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
  if (!code && !(s.station_server_url ?? "").trim()) return "Station code is required (for example DL-0123); FIR numbers run per station.";
  if (/\s/.test(code)) return "Station code cannot contain spaces.";
  for (const url of [...s.llm_urls, ...s.asr_urls]) {
    if (url.trim() && !/^https?:\/\/[^\s/]+/.test(url.trim())) return `${url} is not an http:// address of a model server`;
  }
  for (const [name, n] of [["Jobs at once", s.max_concurrent_requests], ["Model calls at once", s.max_concurrent_model_calls]] as const) {
    if (n !== null && (!Number.isInteger(n) || n < 1 || n > 1000)) return `${name} must be a whole number from 1 to 1000`;
  }
  const db = (s.database_url ?? "").trim();
  if (db && !/^(mysql|sqlite):/.test(db)) return "Database must be empty (this computer) or a mysql:// address of the station server's database";
  if (s.ocr_languages && !/^[A-Za-z0-9_]+(\+[A-Za-z0-9_]+)*$/.test(s.ocr_languages)) return "OCR languages are Tesseract codes joined by +, for example eng+hin";
  const station = (s.station_server_url ?? "").trim();
  if (station) {
    if (!/^https?:\/\/[^\s/?#@]+\/?$/.test(station)) return "Station server must be an address such as http://192.168.1.10:8787 (scheme, host and port only)";
    if (!(s.station_api_key ?? "").trim().startsWith("afg_")) return "A station server needs your API key (it starts with afg_); ask the station's administrator for one";
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
