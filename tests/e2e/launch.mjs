// Launch-time benchmark of the desktop app: from asking tauri-driver for a session (which
// starts the binary) to the first usable window — the screens' buttons present and the
// backend answered (the station code shown in the header). Runs N launches and prints
// the median. Not a test: timings go in docs/benchmarks.md.
//
//   node tests/e2e/launch.mjs [N]      (after scripts/e2e-desktop.sh has built everything)

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { builtBinary } from "./support.mjs";

const root = resolve(import.meta.dirname, "../..");
const app = process.env.AFIRGEN_DESKTOP_BIN ?? builtBinary(root, "afirgen-desktop");
const tauriDriver = process.env.TAURI_DRIVER ?? join(root, ".afirgen/tools/bin/tauri-driver");
const runs = Number(process.argv[2] ?? 7);
const display = ":96";
const port = 4446;
const base = `http://127.0.0.1:${port}`;
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const home = mkdtempSync(join(tmpdir(), "afirgen-launch-"));
const appData = join(home, "xdg-data", "in.afirgen.desktop");
mkdirSync(appData, { recursive: true });
writeFileSync(join(appData, "settings.json"), JSON.stringify({ settings: { station_code: "BENCH-01" } }));
const env = {
  ...process.env, DISPLAY: display, HOME: home, XDG_DATA_HOME: join(home, "xdg-data"),
  AFIRGEN_DATA_DIR: join(home, "data"), AFIRGEN_LLM_URL: "http://127.0.0.1:9", WEBKIT_DISABLE_COMPOSITING_MODE: "1",
};
const xvfb = spawn("Xvfb", [display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"], { stdio: "ignore" });
await sleep(800);
const driver = spawn(tauriDriver, ["--port", String(port), "--native-driver", "/usr/bin/WebKitWebDriver", "--native-port", "4447"], { env, stdio: "ignore" });
try {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/status`)).ok) break; } catch { /* not yet */ }
    await sleep(100);
  }
  const wd = async (method, path, body) => {
    const r = await fetch(base + path, { method, headers: { "Content-Type": "application/json" }, body: body && JSON.stringify(body) });
    const json = await r.json();
    if (!r.ok) throw new Error(JSON.stringify(json));
    return json.value;
  };
  const times = [];
  for (let run = 0; run < runs + 1; run++) {
    const started = performance.now();
    const { sessionId } = await wd("POST", "/session", { capabilities: { alwaysMatch: { "tauri:options": { application: app } } } });
    for (;;) {
      const ready = await wd("POST", `/session/${sessionId}/execute/sync`, {
        script: "return document.querySelectorAll('nav button[data-screen]').length === 6 && document.querySelector('.who span')?.textContent === 'BENCH-01'",
        args: [],
      });
      if (ready) break;
      await sleep(10);
    }
    const ms = performance.now() - started;
    await wd("DELETE", `/session/${sessionId}`);
    if (run > 0) times.push(ms); // the first launch warms the page cache
    console.log(`launch ${run === 0 ? "warm-up" : run}: ${ms.toFixed(0)} ms`);
    await sleep(300);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms over ${times.length} launches (${app})`);
} finally {
  driver.kill();
  xvfb.kill();
  rmSync(home, { recursive: true, force: true });
}
