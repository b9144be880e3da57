// What the end-to-end scripts share: child processes that are stopped on exit, with
// their output kept for failure reports, and polling until something holds.

import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";

/** A debug binary built by cargo: under CARGO_TARGET_DIR when set (relative to the
 * repository, as cargo reads it from there), else the repository's target/. */
export function builtBinary(root, name) {
  return join(resolve(root, process.env.CARGO_TARGET_DIR ?? "target"), "debug", name);
}

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

/**
 * A station server for a browser test: `afirgen serve` with the built UI on the mock
 * model server (`latencyMs` per answer; speech too, unless `asrUrl` names a real one), in a fresh home whose station has its name and
 * officer but not yet its State and District, with a user per `[role, name]` of `users`.
 * Checks first that the CLI, the built UI, Chromium and `needs` ([what, path]) exist.
 * Returns the home, the environment, the server's URL and each user's key by name.
 */
export async function startStation({ root, cli, name, port, mockPort, latencyMs, users, needs = [], asrUrl = null }) {
  const required = [["afirgen CLI", cli], ["built UI", join(root, "ui/dist/index.html")], ["Chromium", "/usr/bin/chromium"], ...needs];
  for (const [what, path] of required) {
    assert.ok(existsSync(path), `${what} not found at ${path}; run scripts/e2e-browser.sh`);
  }
  const home = mkdtempSync(join(tmpdir(), `afirgen-${name}-`));
  writeFileSync(join(home, "config.toml"), '[station]\nname = "Lal Bagh"\nofficer_name = "R. Singh"\nofficer_rank = "Inspector"\n');
  const env = {
    PATH: process.env.PATH, HOME: home, AFIRGEN_DATA_DIR: join(home, "data"), AFIRGEN_CONFIG: join(home, "config.toml"),
    AFIRGEN_LLM_URL: `http://127.0.0.1:${mockPort}`, AFIRGEN_ASR_URL: asrUrl ?? `http://127.0.0.1:${mockPort}`,
    AFIRGEN_STATION_CODE: "WEB-01", MAX_CONCURRENT_REQUESTS: "4",
  };
  start(cli, ["dev", "mock-models", "--port", String(mockPort), "--latency-ms", String(latencyMs)], env);
  await until("the mock model server", async () => (await fetch(`${env.AFIRGEN_LLM_URL}/v1/models`)).ok, 20_000);
  const keys = {};
  for (const [role, user] of users) {
    keys[user] = execFileSync(cli, ["users", "add", user, "--role", role], { env }).toString().trim().split("\n").pop();
  }
  const server = start(cli, ["serve", "--bind", `127.0.0.1:${port}`, "--ui", join(root, "ui/dist")], env);
  const url = `http://127.0.0.1:${port}`;
  await until("the station server", async () => (await fetch(`${url}/health`)).ok, 30_000);
  return { home, env, url, keys, server };
}

/** Where a test's screenshots go (artifacts/DIR), and the folder AFIRGEN_SCREENSHOTS names. */
export function screenshotFolders(root, dir) {
  const shots = join(root, "artifacts", dir);
  const copyShots = process.env.AFIRGEN_SCREENSHOTS;
  mkdirSync(shots, { recursive: true });
  if (copyShots) mkdirSync(copyShots, { recursive: true });
  return { shots, copyShots };
}

/** Debian's Chromium, headless, as every browser test runs it (Playwright's `chromium`), with `args` added. */
export function launchChromium(chromium, args = []) {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", ...args],
  });
}
