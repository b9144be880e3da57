// A minimal W3C WebDriver client for the desktop end-to-end tests (tauri-driver in front
// of WebKitWebDriver), with screenshots of the X display as a person would see it.

import { execFileSync } from "node:child_process";
import { join } from "node:path";
import assert from "node:assert/strict";
import { sleep, start, until } from "./support.mjs";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

/** A client of the driver at `port`; `shots` is where screenshots of `display` go. */
export function webdriver({ port, display, shots }) {
  const base = `http://127.0.0.1:${port}`;
  let session = null;
  async function wd(method, path, body) {
    if (process.env.AFIRGEN_E2E_TRACE) console.log("wd", method, path);
    const scoped = session && !path.startsWith("/session/") && path !== "/session" && path !== "/status";
    const response = await fetch(`${base}${scoped ? `/session/${session}` : ""}${path}`, {
      method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body),
      // A WebDriver call that never answers fails the test instead of hanging it.
      signal: AbortSignal.timeout(60_000),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value ?? json).slice(0, 400)}`);
    return json.value;
  }
  const find = async (css) => (await wd("POST", "/element", { using: "css selector", value: css }))[ELEMENT];
  const findAll = async (css) => (await wd("POST", "/elements", { using: "css selector", value: css })).map((e) => e[ELEMENT]);
  const client = {
    wd, find, findAll,
    ready: async () => (await fetch(`${base}/status`)).ok,
    /** Launches `app` in a new session. */
    async open(app) {
      session = (await wd("POST", "/session", {
        capabilities: { alwaysMatch: { "tauri:options": { application: app }, browserName: "wry" } },
      })).sessionId;
    },
    /** Ends the session (the app exits). */
    async close() {
      if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
      session = null;
    },
    click: async (css) => wd("POST", `/element/${await find(css)}/click`, {}),
    type: async (css, text) => wd("POST", `/element/${await find(css)}/value`, { text }),
    clear: async (css) => wd("POST", `/element/${await find(css)}/clear`, {}),
    /** Picks `value` in the select at `css` as Playwright's selectOption does (WebKit's
     * driver cannot click an option of a closed select): the option selected, then the
     * input and change events a person's choice fires. False when `css` is no select. */
    async choose(css, value) {
      const isSelect = await wd("POST", "/execute/sync", { script: "return document.querySelector(arguments[0])?.tagName === 'SELECT'", args: [css] });
      if (!isSelect) return false;
      await wd("POST", "/execute/sync", {
        script: `const s = document.querySelector(arguments[0]);
          const option = [...s.options].find((o) => o.value === arguments[1]);
          if (!option) throw new Error("no option " + arguments[1]);
          option.selected = true;
          s.dispatchEvent(new Event("input", { bubbles: true }));
          s.dispatchEvent(new Event("change", { bubbles: true }));`,
        args: [css, value],
      });
      const chosen = await wd("POST", "/execute/sync", { script: "return document.querySelector(arguments[0]).value", args: [css] });
      assert.equal(chosen, value, `${css} shows the option chosen`);
      return true;
    },
    script: (source, args = []) => wd("POST", "/execute/sync", { script: source, args }),
    textOf: async (css) => wd("GET", `/element/${await find(css)}/text`),
    source: () => wd("GET", "/source"),
    url: () => wd("GET", "/url"),
    screen: (id) => client.click(`nav button[data-screen="${id}"]`),
    async screenshot(name) {
      // Park the pointer in a corner so no hover tooltip covers the screen.
      await wd("POST", "/actions", { actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" },
        actions: [{ type: "pointerMove", duration: 0, x: 1, y: 1, origin: "viewport" }] }] }).catch(() => {});
      await sleep(600); // let the last update paint
      // The X display (WebKitWebDriver's own screenshot can stall under Xvfb waiting
      // for a repaint).
      execFileSync("import", ["-display", display, "-window", "root", join(shots, `${name}.png`)]);
      console.log(`screenshot ${name}.png`);
    },
  };
  return client;
}

/** Starts Xvfb on `display` and tauri-driver (with Debian's WebKitWebDriver) on `port`,
 * the app's environment `env` over this process's; returns the driver's process. */
export async function startDriver({ display, port, tauriDriver, env, shots }) {
  const xvfb = start("Xvfb", [display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"], process.env);
  await sleep(800);
  assert.equal(xvfb.exitCode, null, `Xvfb did not start: ${xvfb.log()}`);
  const driver = start(tauriDriver, ["--port", String(port), "--native-port", String(port + 1), "--native-driver", "/usr/bin/WebKitWebDriver"], { ...process.env, ...env });
  const client = webdriver({ port, display, shots });
  await until("tauri-driver", client.ready, 20_000);
  return { driver, client };
}
