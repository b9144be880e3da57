// What the end-to-end scripts share: child processes that are stopped on exit, with
// their output kept for failure reports, and polling until something holds.

import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

const children = [];

/** Starts `cmd` with exactly `env`; its stdout and stderr are kept for `child.log()`. */
export function start(cmd, args, env) {
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  // The last 256 KiB is plenty for a failure report and bounds a child that floods.
  let log = "";
  const keep = (d) => { log += d; if (log.length > 262_144) log = log.slice(-131_072); };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  child.log = () => log;
  children.push(child);
  return child;
}

/** Stops every started child, newest first. */
export function stopAll() {
  for (const child of children.reverse()) {
    try { child.kill("SIGTERM"); } catch { /* gone */ }
  }
  children.length = 0;
}
process.on("exit", stopAll);

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns something truthy; fails naming `what` (and the last error). */
export async function until(what, check, ms) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) { last = err; }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
}

/** Runs an end-to-end scenario. On failure: a "failure" screenshot and `log()` (what the
 * driver or server said), then exit 1. Always: `close()` and every child stopped; the
 * scratch folder `home` is removed only when the scenario passed (kept to look into). */
export async function scenario({ home, screenshot, log, close, run }) {
  let failed = null;
  try {
    await run();
  } catch (err) {
    failed = err;
    try { await screenshot("failure"); } catch { /* no window to photograph */ }
    console.error(log());
  } finally {
    await close();
    stopAll();
    if (!failed) rmSync(home, { recursive: true, force: true });
  }
  if (failed) {
    console.error(failed);
    process.exit(1);
  }
}

/**
 * One failure both transports must report alike (issue 20): a case that does not exist.
 * The desktop's IPC and the station server's HTTP answer carry the core's report,
 * `{error: code, message}`, so the UI reads it the same way from either.
 */
export const MISSING_CASE = 999999;
export const MISSING_CASE_ERROR = { error: "not_found", message: `case ${MISSING_CASE} not found` };
