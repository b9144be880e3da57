// "Draft ready" and "job failed" alerts, and the count of cases awaiting review for the
// Review tab's badge: one watcher for the whole app, whatever screen is open. It asks
// the queue only for what changed since its last look (by the engine's clock), so a
// poll is small, and tells of each change once (Transitions in queue.ts).

import type { Api } from "./api";
import { browserNotifier, tauriNotifier, type Notifier, type Permission } from "./notify";
import { alertText, Transitions, type Alert } from "./queue";

/** How often the watcher looks, milliseconds. */
const POLL_MS = 4000;
/** How far back each look reaches before the last one's time: a change committed just
 * after that look read the clock is still found (a repeat is not told twice). */
const OVERLAP_MS = 10_000;
const CHOICE_KEY = "afirgen.alerts";

class AlertState {
  /** Cases awaiting review (every job, not one page); null until first read. */
  awaiting = $state<number | null>(null);
  /** Whether notifications may be shown (asked of the browser or the plugin). */
  permission = $state<Permission>("default");
  /** The officer wants OS alerts (and the permission is granted). */
  on = $state(false);
  private notifier: Notifier | null = null;

  async setUp(notifier: Notifier) {
    this.notifier = notifier;
    this.permission = await notifier.permission();
    this.on = this.permission === "granted" && globalThis.localStorage?.getItem(CHOICE_KEY) !== "off";
  }

  /** Turns alerts on: asks for permission (call from a click). */
  async turnOn() {
    if (!this.notifier) return;
    this.permission = await this.notifier.request();
    this.on = this.permission === "granted";
    if (this.on) globalThis.localStorage?.setItem(CHOICE_KEY, "on");
  }

  turnOff() {
    this.on = false;
    globalThis.localStorage?.setItem(CHOICE_KEY, "off");
  }

  async tell(alert: Alert, open: (caseId: number) => void) {
    if (!this.on || !this.notifier) return;
    const { title, body } = alertText(alert);
    try {
      await this.notifier.send(title, body, alert.kind === "ready" ? () => open(alert.caseId) : undefined);
    } catch (err) {
      console.warn("the notification could not be shown", err);
    }
  }
}

export const alerts = new AlertState();

/** Watches the queue through `client` until the returned function is called; `open`
 * shows a case (a click on a "draft ready" notification). The notifier is the
 * transport's own unless one is given (tests). */
export function watchAlerts(client: Api, open: (caseId: number) => void, notifier?: Notifier): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let transitions: Transitions | null = null;
  let cursor = 0;
  const look = async () => {
    try {
      if (!transitions) {
        // The first look only reads the clock and the count: what is ready now is not news.
        const view = await client.queue({ filter: null, text: null, offset: null, limit: 1, changed_since: null });
        transitions = new Transitions(view.now);
        cursor = view.now;
        alerts.awaiting = view.counts.awaiting_review ?? 0;
      } else {
        const view = await client.queue({ filter: null, text: null, offset: null, limit: 1000, changed_since: cursor - OVERLAP_MS });
        cursor = view.now;
        alerts.awaiting = view.counts.awaiting_review ?? 0;
        for (const alert of transitions.update(view.jobs)) await alerts.tell(alert, open);
      }
    } catch {
      // A desk without a database, or a moment without the server: look again later.
    }
    if (!stopped) timer = setTimeout(look, POLL_MS);
  };
  (async () => {
    const chosen = notifier ?? (client.transport === "tauri" ? await tauriNotifier() : browserNotifier());
    await alerts.setUp(chosen).catch(() => {});
    if (!stopped) look();
  })();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
