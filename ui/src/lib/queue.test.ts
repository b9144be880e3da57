import { afterEach, describe, expect, it, vi } from "vitest";
import { getLocale, overwriteGetLocale } from "./paraglide/runtime.js";
import {
  ageText, alertText, etaText, filterCount, formatAge, formatClock, pageInfo, PendingCancels, queueQuery, Transitions,
  type SeenJob,
} from "./queue";
import type { JobState } from "./types";

const english = getLocale;
afterEach(() => overwriteGetLocale(english));

const row = (id: number, state: JobState, updated_at: number, complainant: string | null = null): SeenJob => ({
  job: { id, case_id: id + 100, state, updated_at },
  complainant,
});

describe("alerts: which job changes people are told of", () => {
  it("tells of a job that becomes ready once, however often it is read again", () => {
    const seen = new Transitions(1000);
    expect(seen.update([row(1, "extracting", 1500)])).toEqual([]);
    const ready = seen.update([row(1, "awaiting_review", 2000, "Ravi Kumar")]);
    expect(ready).toEqual([{ kind: "ready", jobId: 1, caseId: 101, who: "Ravi Kumar" }]);
    // The next looks overlap the last one: the same row again is not news.
    expect(seen.update([row(1, "awaiting_review", 2000, "Ravi Kumar")])).toEqual([]);
    expect(seen.update([row(1, "awaiting_review", 2000)])).toEqual([]);
  });

  it("does not tell of what was ready or failed before the app opened", () => {
    const seen = new Transitions(5000);
    expect(seen.update([row(1, "awaiting_review", 4999), row(2, "failed", 100)])).toEqual([]);
    // Finalising one, and other changes that are not alerts, stay quiet too.
    expect(seen.update([row(1, "finalized", 6000), row(3, "queued", 6000), row(4, "cancelled", 6000)])).toEqual([]);
  });

  it("tells of a job that changed after the app opened even if never seen running", () => {
    const seen = new Transitions(5000);
    expect(seen.update([row(7, "awaiting_review", 5000), row(8, "failed", 7000)]).map((a) => [a.kind, a.jobId]))
      .toEqual([["ready", 7], ["failed", 8]]);
  });

  it("tells of each new failure of a job retried, once per change", () => {
    const seen = new Transitions(0);
    expect(seen.update([row(1, "failed", 10)])).toHaveLength(1);
    expect(seen.update([row(1, "queued", 20)])).toEqual([]);
    expect(seen.update([row(1, "failed", 30)])).toHaveLength(1);
    expect(seen.update([row(1, "failed", 30)])).toEqual([]);
  });

  it("names the case in the notification", () => {
    expect(alertText({ kind: "ready", jobId: 4, caseId: 9, who: "Ravi" })).toEqual({ title: "Draft ready for review", body: "Ravi · job #4" });
    expect(alertText({ kind: "failed", jobId: 4, caseId: 9, who: null }).body).toContain("Case 9 · job #4");
    overwriteGetLocale(() => "hi");
    expect(alertText({ kind: "ready", jobId: 4, caseId: 9, who: null })).toEqual({ title: "मसौदा समीक्षा हेतु तैयार", body: "मामला 9 · कार्य #4" });
  });
});

describe("the queue's filters and pages", () => {
  it("asks only for what differs from the defaults", () => {
    expect(queueQuery("all", "  ", 0, 50)).toEqual({ filter: null, text: null, offset: null, limit: 50, changed_since: null });
    expect(queueQuery("awaiting_review", " रवि ", 100, 50)).toEqual({ filter: "awaiting_review", text: "रवि", offset: 100, limit: 50, changed_since: null });
  });

  it("counts each filter's jobs from the counts per state", () => {
    const counts = { queued: 2, extracting: 1, drafting: 1, awaiting_review: 5, finalized: 3, exported: 1, failed: 1 };
    expect(filterCount("all", counts)).toBe(14);
    expect(filterCount("running", counts)).toBe(2);
    expect(filterCount("finalized", counts)).toBe(4);
    expect(filterCount("awaiting_review", counts)).toBe(5);
    expect(filterCount("cancelled", counts)).toBe(0);
  });

  it("places a page among the rows and finds its neighbours", () => {
    expect(pageInfo(523, 0, 200)).toEqual({ from: 1, to: 200, previous: null, next: 200 });
    expect(pageInfo(523, 200, 200)).toEqual({ from: 201, to: 400, previous: 0, next: 400 });
    expect(pageInfo(523, 400, 200)).toEqual({ from: 401, to: 523, previous: 200, next: null });
    expect(pageInfo(0, 0, 50)).toEqual({ from: 0, to: 0, previous: null, next: null });
    expect(pageInfo(60, 30, 50)).toEqual({ from: 31, to: 60, previous: 0, next: null });
  });
});

describe("ages and expected times", () => {
  it("says how long ago in minutes, hours and days", () => {
    expect(formatAge(59_000)).toBe("just now");
    expect(formatAge(12 * 60_000 + 59_000)).toBe("12 min");
    expect(formatAge((3 * 60 + 5) * 60_000)).toBe("3 h 5 min");
    expect(formatAge((50 * 60 + 10) * 60_000)).toBe("2 d 2 h");
    expect(ageText(30_000)).toBe("just now");
    expect(ageText(5 * 60_000)).toBe("5 min ago");
    overwriteGetLocale(() => "hi");
    expect(ageText((3 * 60 + 5) * 60_000)).toBe("3 घंटे 5 मिनट पहले");
    expect(ageText(0)).toBe("अभी-अभी");
  });

  it("gives a time of day, with the date on another day", () => {
    const now = Date.UTC(2026, 10, 26, 8, 0);
    expect(formatClock(Date.UTC(2026, 10, 26, 8, 35), now, "en-IN", "UTC")).toBe("08:35");
    expect(formatClock(Date.UTC(2026, 10, 27, 1, 0), now, "en-IN", "UTC")).toMatch(/27 Nov 2026/);
  });

  it("says when a waiting or running job should be ready, or that there is no estimate yet", () => {
    const now = Date.UTC(2026, 10, 26, 8, 0);
    const eta = (finish_at: number, late = false) => ({ finish_at, late, based_on: 20 });
    expect(etaText(null, "queued", now)).toEqual({ text: "No estimate yet", late: false });
    expect(etaText(eta(now + 4 * 60_000 + 1), "extracting", now, "en-IN", "UTC")).toEqual({ text: "Expected by 08:04 (in 5 min)", late: false });
    expect(etaText(eta(now + 20_000), "drafting", now, "en-IN", "UTC")?.text).toBe("Expected by 08:00 (in under a minute)");
    expect(etaText(eta(now - 60_000, true), "extracting", now, "en-IN", "UTC")).toEqual({ text: "Expected by 07:59: taking longer than usual", late: true });
    // Settled jobs say nothing.
    expect(etaText(null, "awaiting_review", now)).toBeNull();
    expect(etaText(eta(now), "failed", now)).toBeNull();
    overwriteGetLocale(() => "hi");
    expect(etaText(null, "queued", now)?.text).toBe("अभी कोई अनुमान नहीं");
    expect(etaText(eta(now + 3 * 60_000), "queued", now, "hi-IN", "UTC")?.text).toBe("अनुमानित समय 08:03 (3 मिनट में)");
  });
});

describe("Cancel with an undo window", () => {
  afterEach(() => vi.useRealTimers());

  it("sends a cancel only once the window has passed", () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const cancels = new PendingCancels();
    cancels.hold(5, () => sent.push(5), 6000);
    vi.advanceTimersByTime(5999);
    expect(sent).toEqual([]);
    expect(cancels.has(5)).toBe(true);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([5]);
    expect(cancels.has(5)).toBe(false);
    vi.runAllTimers();
    expect(sent).toEqual([5]);
  });

  it("sends nothing ever when undone in the window", () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    let changes = 0;
    const cancels = new PendingCancels(() => (changes += 1));
    cancels.hold(5, () => sent.push(5), 6000);
    cancels.hold(5, () => sent.push(55), 6000);
    expect(cancels.undo(5)).toBe(true);
    expect(cancels.undo(5)).toBe(false);
    vi.runAllTimers();
    expect(sent).toEqual([]);
    expect(changes).toBe(2);
  });

  it("sends what is held at once when the screen goes away", () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const cancels = new PendingCancels();
    cancels.hold(1, () => sent.push(1), 6000);
    cancels.hold(2, () => sent.push(2), 6000);
    cancels.undo(1);
    cancels.flush();
    expect(sent).toEqual([2]);
    vi.runAllTimers();
    expect(sent).toEqual([2]);
  });
});

describe("the app's watcher", () => {
  afterEach(() => vi.useRealTimers());

  it("notifies once when a draft becomes ready, and keeps the Review count", async () => {
    vi.useFakeTimers();
    const { alerts, watchAlerts } = await import("./alerts.svelte");
    const view = (now: number, awaiting: number, jobs: SeenJob[]) =>
      ({ jobs, total: jobs.length, offset: 0, limit: 1000, now, gates: {}, counts: { awaiting_review: awaiting } });
    // Ready before the app opened (job 1), then job 2 runs and becomes ready; every look
    // after that reads job 2 again (the looks overlap).
    const answers = [
      view(1000, 1, []),
      view(5000, 1, [row(1, "awaiting_review", 900), row(2, "extracting", 4000)]),
      view(9000, 2, [row(2, "awaiting_review", 8000, "Ravi Kumar")]),
      view(13000, 2, [row(2, "awaiting_review", 8000, "Ravi Kumar")]),
      view(17000, 2, [row(2, "awaiting_review", 8000, "Ravi Kumar")]),
    ];
    const asked: unknown[] = [];
    const client = {
      transport: "http",
      queue: async (query: unknown) => { asked.push(query); return answers[Math.min(asked.length - 1, answers.length - 1)]; },
    } as any;
    const sent: [string, string][] = [];
    const notifier = {
      permission: async () => "granted" as const,
      request: async () => "granted" as const,
      send: async (title: string, body: string) => { sent.push([title, body]); },
    };
    const stop = watchAlerts(client, () => {}, notifier);
    for (let i = 0; i < answers.length; i++) await vi.advanceTimersByTimeAsync(4000);
    stop();
    expect(sent).toEqual([["Draft ready for review", "Ravi Kumar · job #2"]]);
    expect(alerts.awaiting).toBe(2);
    // The first look reads the clock; the next ask only for what changed since the last,
    // reaching back a little.
    expect(asked[0]).toMatchObject({ limit: 1, changed_since: null });
    expect(asked[1]).toMatchObject({ changed_since: 1000 - 10_000 });
    expect(asked[2]).toMatchObject({ changed_since: 5000 - 10_000 });
  });
});
