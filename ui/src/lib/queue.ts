// The queue for people: which job changes to tell the officer about, the Queue screen's
// filters and pages, ages and expected times in words, and Cancel's undo window. Pure
// logic (timers only in PendingCancels), unit-tested with vitest.

import { formatNumber, formatTime, intlLocale } from "./logic";
import { m } from "./paraglide/messages.js";
import type { Eta, JobState, QueueFilter, QueueQuery } from "./types";

/** Something people are told of: a draft ready for review, or a job that failed. */
export interface Alert {
  kind: "ready" | "failed";
  jobId: number;
  caseId: number;
  /** The complainant's name once drafted. */
  who: string | null;
}

/** A job as a queue view lists it (only what the alerts read). */
export interface SeenJob {
  job: { id: number; case_id: number; state: JobState; updated_at: number };
  complainant?: string | null;
}

const ALERT_OF: Partial<Record<JobState, Alert["kind"]>> = { awaiting_review: "ready", failed: "failed" };

/**
 * Remembers each job's last known state and says which changes to tell people of: a job
 * that became ready for review or failed, once per change however often it is read
 * again. A job first seen already so is told of only if it changed after `since` (when
 * the app began watching, by the engine's clock): what was ready when the app opened is
 * not news.
 */
export class Transitions {
  private readonly known = new Map<number, JobState>();
  constructor(private readonly since: number) {}

  update(rows: readonly SeenJob[]): Alert[] {
    const alerts: Alert[] = [];
    for (const row of rows) {
      const { id, case_id, state, updated_at } = row.job;
      const before = this.known.get(id);
      this.known.set(id, state);
      const kind = ALERT_OF[state];
      if (!kind || before === state) continue;
      if (before === undefined && updated_at < this.since) continue;
      alerts.push({ kind, jobId: id, caseId: case_id, who: row.complainant ?? null });
    }
    return alerts;
  }
}

/** An alert's words: a title and a line naming the case. */
export function alertText(alert: Alert): { title: string; body: string } {
  const name = alert.who ?? m.common_case_n({ id: alert.caseId });
  return alert.kind === "ready"
    ? { title: m.alert_ready_title(), body: m.alert_ready_body({ name, job: alert.jobId }) }
    : { title: m.alert_failed_title(), body: m.alert_failed_body({ name, job: alert.jobId }) };
}

/** The Queue's filters, in the order the screen offers them. */
export const FILTERS: readonly QueueFilter[] = ["all", "queued", "running", "awaiting_review", "failed", "finalized", "cancelled"];

/** A filter's label. */
export function filterLabel(filter: QueueFilter): string {
  const labels: Record<QueueFilter, () => string> = {
    all: m.queue_filter_all, queued: m.queue_filter_queued, running: m.queue_filter_running,
    awaiting_review: m.queue_filter_review, failed: m.queue_filter_failed,
    finalized: m.queue_filter_finalized, cancelled: m.queue_filter_cancelled,
  };
  return labels[filter]();
}

/** How many jobs a filter lists, from the view's counts per state (every job). */
export function filterCount(filter: QueueFilter, counts: Record<string, number | undefined>): number {
  const n = (...states: JobState[]) => states.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  switch (filter) {
    case "all": return Object.values(counts).reduce<number>((sum, c) => sum + (c ?? 0), 0);
    case "running": return n("transcribing", "ocr", "extracting", "legal_sections", "drafting");
    case "finalized": return n("finalized", "exported");
    default: return n(filter);
  }
}

/** The query for a filter, words to find and a page: only what differs from the defaults. */
export function queueQuery(filter: QueueFilter, text: string, offset: number, limit: number): QueueQuery {
  const words = text.trim();
  return {
    filter: filter === "all" ? null : filter,
    text: words ? words : null,
    offset: offset > 0 ? offset : null,
    limit,
    changed_since: null,
  };
}

/** A page's place among `total` rows: "51–100 of 523", and where the pages around it start. */
export function pageInfo(total: number, offset: number, limit: number) {
  const from = total === 0 ? 0 : Math.min(offset + 1, total);
  const to = Math.min(offset + limit, total);
  return {
    from, to,
    previous: offset > 0 ? Math.max(0, offset - limit) : null,
    next: offset + limit < total ? offset + limit : null,
  };
}

/** How long ago, in words: "just now", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return m.age_now();
  if (minutes < 60) return m.age_minutes({ n: formatNumber(minutes) });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return m.age_hours({ h: formatNumber(hours), n: formatNumber(minutes % 60) });
  return m.age_days({ d: formatNumber(Math.floor(hours / 24)), h: formatNumber(hours % 24) });
}

/** A job's age as the Queue shows it: "just now", "12 min ago". */
export function ageText(ms: number): string {
  return ms < 60_000 ? m.age_now() : m.queue_age({ age: formatAge(ms) });
}

/** A time of day ("14:05"), with the date when it is not `now`'s day. */
export function formatClock(ms: number, now: number, locale = intlLocale(), timeZone?: string): string {
  const day = (t: number) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(t));
  if (day(ms) !== day(now)) return formatTime(ms, locale, timeZone);
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(new Date(ms));
}

/** A queued or running job's expected finish in words; null for a settled job. */
export function etaText(eta: Eta | null, state: JobState, now: number, locale = intlLocale(), timeZone?: string): { text: string; late: boolean } | null {
  if (!["queued", "transcribing", "ocr", "extracting", "legal_sections", "drafting"].includes(state)) return null;
  if (!eta) return { text: m.queue_eta_none(), late: false };
  if (eta.late) return { text: m.queue_eta_late({ time: formatClock(eta.finish_at, now, locale, timeZone) }), late: true };
  const left = Math.max(0, eta.finish_at - now);
  const inWords = left < 60_000 ? m.queue_eta_soon() : m.age_minutes({ n: formatNumber(Math.ceil(left / 60_000)) });
  return { text: m.queue_eta({ time: formatClock(eta.finish_at, now, locale, timeZone), left: inWords }), late: false };
}

/**
 * Cancels held back for an undo window. The core cannot un-cancel (retry requeues a
 * cancelled job, but a running job would lose its step and the audit trail would show a
 * cancel that never was), so Cancel is sent only once the window passes; Undo within it
 * means nothing was ever sent. `flush` sends every held cancel at once (the screen
 * goes away: what the officer confirmed still happens).
 */
export class PendingCancels {
  private readonly held = new Map<number, { timer: ReturnType<typeof setTimeout>; send: () => void }>();
  constructor(private readonly onChange: () => void = () => {}) {}

  hold(jobId: number, send: () => void, windowMs: number): void {
    if (this.held.has(jobId)) return;
    const timer = setTimeout(() => this.fire(jobId), windowMs);
    this.held.set(jobId, { timer, send });
    this.onChange();
  }

  /** True when the job's cancel was still held (and now never will be sent). */
  undo(jobId: number): boolean {
    const entry = this.held.get(jobId);
    if (!entry) return false;
    clearTimeout(entry.timer);
    this.held.delete(jobId);
    this.onChange();
    return true;
  }

  has(jobId: number): boolean {
    return this.held.has(jobId);
  }

  flush(): void {
    for (const jobId of [...this.held.keys()]) this.fire(jobId);
  }

  private fire(jobId: number): void {
    const entry = this.held.get(jobId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.held.delete(jobId);
    this.onChange();
    entry.send();
  }
}
