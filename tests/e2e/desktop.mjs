// End-to-end test of the real desktop binary: Xvfb + tauri-driver + WebKitWebDriver.
//
// The first start creates the station house officer, who adds a writer; the writer signs
// in and submits a typed complaint and a dropped recording, and cannot finalise (the UI
// does not offer it and the core refuses the command); the SHO signs in, edits a field,
// finalises, exports the PDF, and the audit trail names both. The app is started again
// with a short idle lock, which locks the desk. Every screen is photographed into
// artifacts/e2e/. Against the mock model server by default; with AFIRGEN_E2E_REAL=1 the
// app starts the real local models itself (`start_local_models`).
//
//   node tests/e2e/desktop.mjs            (scripts/e2e-desktop.sh sets everything up)

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { builtBinary, MISSING_CASE, MISSING_CASE_ERROR, scenario, start as startChild, sleep, until as waitUntil } from "./support.mjs";
import { startDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const real = process.env.AFIRGEN_E2E_REAL === "1";
const app = process.env.AFIRGEN_DESKTOP_BIN ?? builtBinary(root, "afirgen-desktop");
const cli = process.env.AFIRGEN_CLI_BIN ?? builtBinary(root, "afirgen");
const tauriDriver = process.env.TAURI_DRIVER ?? join(root, ".afirgen/tools/bin/tauri-driver");
const shots = join(root, "artifacts", real ? "e2e-real" : "e2e");
const audio = process.env.AFIRGEN_E2E_AUDIO ?? join(root, "artifacts/e2e-fixtures/complaint.wav");
const display = process.env.AFIRGEN_E2E_DISPLAY ?? ":97";
const driverPort = 4444;
const timeoutMs = real ? 420_000 : 120_000;

// Children inherit this process's environment, with `env` over it.
const start = (cmd, args, env = {}) => startChild(cmd, args, { ...process.env, ...env });
const until = (what, check, ms = timeoutMs) => waitUntil(what, check, ms);

// ---- setup --------------------------------------------------------------------------------
mkdirSync(shots, { recursive: true });
for (const [what, path] of [["desktop binary", app], ["afirgen CLI", cli], ["tauri-driver", tauriDriver], ["sample recording", audio]]) {
  assert.ok(existsSync(path), `${what} not found at ${path}; run scripts/e2e-desktop.sh`);
}
const home = mkdtempSync(join(tmpdir(), "afirgen-e2e-"));
const exportDir = join(home, "exports");
mkdirSync(exportDir);
const dataHome = join(home, "xdg-data");
// The app's saved settings (tauri-plugin-store's file in the app data dir).
const appData = join(dataHome, "in.afirgen.desktop");
mkdirSync(appData, { recursive: true });
const saveSettings = (extra = {}) => writeFileSync(join(appData, "settings.json"), JSON.stringify({
  settings: {
    // State and District not set yet: the first finalisation must ask for them.
    station_code: "E2E-01", station_name: "Kotwali",
    officer_name: "Insp. Meera Singh", officer_rank: "Inspector", export_dir: exportDir,
    start_local_models: real, ...extra,
  },
}));
saveSettings();
// The station's two officers (the SHO is created at the first start, the writer by her).
const SHO = { name: "insp.meera", password: "meera-2026" };
// The desktop's own screens (first start, Users) in Hindi: the interface's words on screen
// (text, placeholders, titles, labels; not content, marked data-content) may hold no
// English but names, codes and units, as tests/e2e/i18n.mjs checks the shared screens.
const ALLOWED = new Set(["AFIRGen", "E2E", "API", "PDF", "OCR", "http", "https", "mysql", "afg_", "eng", "hin", "Ctrl", "Alt", "Enter", "P"]);
const englishLeft = (words) => words.flatMap((text) =>
  (text.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((w) => !ALLOWED.has(w) && !/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(w)).map((w) => `"${w}" in ${JSON.stringify(text)}`));
const WORDS_ON_SCREEN = `
  const content = (el) => el.closest('[data-content], [lang]:not([lang="hi"])');
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest("script, style") || content(el) || !shown(el) || !node.textContent.trim()) continue;
    out.push(node.textContent.trim());
  }
  for (const el of document.querySelectorAll("[placeholder], [title], [aria-label], [alt]")) {
    if (content(el) || !shown(el)) continue;
    for (const name of ["placeholder", "title", "aria-label", "alt"]) if (el.hasAttribute(name)) out.push(el.getAttribute(name));
  }
  return out;`;
const WRITER = { name: "const.asha", password: "asha-2026" };

// A stand-in for CUPS's lp on the app's PATH: keeps what it is asked to print.
const bin = join(home, "bin");
mkdirSync(bin);
writeFileSync(join(bin, "lp"), '#!/bin/sh\nfor last; do :; done\ncp "$last" "$HOME/printed.pdf"\necho "$@" > "$HOME/printed.args"\necho "request id is e2e-1 (1 file(s))"\n', { mode: 0o755 });
const env = {
  PATH: `${bin}:${process.env.PATH}`,
  DISPLAY: display, HOME: home, XDG_DATA_HOME: dataHome, XDG_CONFIG_HOME: join(home, "xdg-config"),
  AFIRGEN_DATA_DIR: join(home, "data"), WEBKIT_DISABLE_COMPOSITING_MODE: "1", LIBGL_ALWAYS_SOFTWARE: "1",
  NO_AT_BRIDGE: "1",
};
if (!real) {
  const port = 18000 + (process.pid % 1000);
  // Latency long enough that several jobs are visibly in flight at once.
  start(cli, ["dev", "mock-models", "--port", String(port), "--latency-ms", "1500"]);
  env.AFIRGEN_LLM_URL = `http://127.0.0.1:${port}`;
  env.AFIRGEN_ASR_URL = `http://127.0.0.1:${port}`;
  env.MAX_CONCURRENT_REQUESTS = "4";
  await until("the mock model server", async () => (await fetch(`${env.AFIRGEN_LLM_URL}/v1/models`)).ok, 20_000);
} else {
  env.AFIRGEN_MODELS_HOME = process.env.AFIRGEN_MODELS_HOME ?? join(root, ".afirgen/models");
}

// A session bus of the test's own, watched: the app's OS notifications (through
// tauri-plugin-notification) are Notify calls to org.freedesktop.Notifications on it,
// seen whether or not a notification daemon is there to show them.
const bus = join(home, "bus");
const busConfig = join(home, "bus.conf");
writeFileSync(busConfig, `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=${bus}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`);
start("dbus-daemon", ["--config-file", busConfig, "--nofork"]);
await until("the session bus", async () => existsSync(bus), 10_000);
env.DBUS_SESSION_BUS_ADDRESS = `unix:path=${bus}`;
const busWatch = start("dbus-monitor", ["--address", env.DBUS_SESSION_BUS_ADDRESS, "interface='org.freedesktop.Notifications'"]);
await until("the bus watch", async () => busWatch.log().includes("NameAcquired"), 10_000);
const notifications = (title) => busWatch.log().split("\nmethod call").filter((call) => call.includes("member=Notify") && call.includes(`string "${title}"`));

const { driver, client: browser } = await startDriver({ display, port: driverPort, tauriDriver, env, shots });
const { wd, find, findAll, click, type, clear, choose, script, textOf, screenshot, screen } = browser;

await scenario({
  home,
  screenshot,
  close: () => browser.close(),
  log: () => `driver log:\n${driver.log().slice(-4000)}`,
  async run() {
    const launched = Date.now();
    await browser.open(app);
    const signIn = async ({ name, password }) => {
      await until("the sign-in", () => find('[data-testid="sign-in-form"]'));
      await type('[data-testid="user-name"]', name);
      await type('[data-testid="password"]', password);
      await click('[data-testid="sign-in-password"]');
      await until(`${name} signed in`, async () => (await textOf('[data-testid="who"]').catch(() => "")).includes(name));
    };
    // 0. The first start asks for the station house officer's account.
    await until("the first start", () => find('[data-testid="first-start"]'), 60_000);
    console.log(`window usable after ${Date.now() - launched} ms (session start included)`);
    assert.equal((await findAll("nav button[data-screen]")).length, 0, "no screens before anyone signs in");
    // Before anyone signs in, the core answers nothing.
    const early = await script(`return window.__TAURI_INTERNALS__.invoke("queue").then(() => null, (e) => e)`);
    assert.equal(early?.error, "unauthorized", JSON.stringify(early));
    // The first start in Hindi, then back to English for the rest.
    await click('[data-testid="lang-hi"]');
    await until("the first start in Hindi", async () => (await script("return document.documentElement.lang")) === "hi");
    assert.deepEqual(englishLeft(await script(WORDS_ON_SCREEN)), [], "the first start in Hindi");
    await screenshot("hi-first-start");
    await click('[data-testid="lang-en"]');
    await type('[data-testid="user-name"]', SHO.name);
    await type('[data-testid="password"]', SHO.password);
    await type('[data-testid="password-again"]', SHO.password);
    await screenshot("first-start");
    await click('[data-testid="sign-in-password"]');
    await until("the first window", async () => (await findAll("nav button[data-screen]")).length === 6, 60_000);
    assert.match(await textOf('[data-testid="who"]'), /insp\.meera · SHO/);
    // The SHO adds a writer in Settings.
    await screen("settings");
    await until("the users", () => find('[data-testid="add-user"]'));
    await type('[data-testid="new-user-name"]', WRITER.name);
    await type('[data-testid="new-user-password"]', WRITER.password);
    await click('[data-testid="add-user"]');
    await until("the writer added", async () => (await findAll('[data-testid="user-row"]')).length === 2);
    await script(`document.querySelector('[data-testid="users"]').scrollIntoView()`);
    await screenshot("settings-users");
    // The SHO signs out; the writer signs in (a wrong password first).
    await click('[data-testid="sign-out"]');
    await until("the sign-in", () => find('[data-testid="sign-in-form"]'));
    await type('[data-testid="user-name"]', WRITER.name);
    await type('[data-testid="password"]', "not-her-pin");
    await click('[data-testid="sign-in-password"]');
    await until("the refusal", async () => (await textOf('[data-testid="sign-in-note"]').catch(() => "")).includes("not right"));
    await screenshot("sign-in-refused");
    await clear('[data-testid="user-name"]');
    await signIn(WRITER);
    assert.match(await textOf('[data-testid="who"]'), /const\.asha · writer/);
    // A failure reaches the UI as the core's report, as the station server sends it.
    const refusal = await script(
      `return window.__TAURI_INTERNALS__.invoke("case_view", { caseId: arguments[0] }).then(() => null, (e) => e)`,
      [MISSING_CASE],
    );
    assert.deepEqual(refusal, MISSING_CASE_ERROR, "the desktop's error for a missing case");

    // 1. A typed complaint (Hindi, to prove the script survives), submitted from New case.
    const statement = "मेरा नाम रवि कुमार है। कल रात 9 बजे लाल बाग के पास दो लड़कों ने मोटरसाइकिल पर आकर मेरी सोने की चेन छीन ली।";
    await until("the New case form", () => find('[data-testid="statement"]'));
    await type('[data-testid="statement"]', statement);
    await screenshot("new-case-typed");
    const submitted = (n) => until(`case ${n} to be queued`, async () =>
      (await textOf('[data-testid="submit-message"]').catch(() => "")).includes(`Case ${n} queued`));
    await click('[data-testid="submit"]');
    // The form stays for the next complaint and says which case was queued.
    await submitted(1);

    // 2. A recording dropped on the drop zone (a real DataTransfer drop event in the page).
    await until("the drop zone", () => find('[data-testid="dropzone"]'));
    const wav = readFileSync(audio).toString("base64");
    await script(`
      const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "complaint recording.wav", { type: "audio/wav" }));
      const zone = document.querySelector('[data-testid="dropzone"]');
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    `, [wav]);
    await until("the recording to be checked", async () => (await textOf('[data-testid="file-entry"]')).includes("Recording"));
    // A refused file shows its reason and is not submitted.
    await script(`
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([1,2,3])], "notes.docx", { type: "application/msword" }));
      document.querySelector('[data-testid="dropzone"]').dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true }));
    `);
    await until("the refusal", async () => (await wd("GET", "/source")).includes("not a recording or a scan"));
    await screenshot("new-case");
    await click('[data-testid="submit"]');
    await submitted(2);

    // 3. More typed cases so the queue shows several jobs running at once (mock tier).
    if (!real) {
      for (let i = 0; i < 4; i++) {
        await type('[data-testid="statement"]', `Complaint ${i + 1}: my mobile phone was stolen from my pocket at the bus stand on ${20 + i} November.`);
        await click('[data-testid="submit"]');
        await submitted(3 + i);
      }
    }
    await click('[data-testid="open-queue"]');
    await until("the Queue", () => find('[data-testid="queue-table"]'));
    if (!real) {
      await until("several jobs running at once", async () => {
        const rows = await script(`return [...document.querySelectorAll('[data-testid="job-row"]')].map(r => r.dataset.state)`);
        return rows.filter((s) => !["queued", "awaiting_review", "finalized", "failed", "cancelled"].includes(s)).length >= 2;
      });
      await screenshot("queue");
    }
    await until("every job to reach review", async () => {
      const states = await script(`return [...document.querySelectorAll('[data-testid="job-row"]')].map(r => r.dataset.state)`);
      assert.ok(!states.includes("failed"), `a job failed: ${await wd("GET", "/source")}`);
      return states.length >= 2 && states.every((s) => s === "awaiting_review");
    });
    if (real) await screenshot("queue");

    // Each draft that became ready was an OS notification through the plugin, once (the
    // app's watcher keeps looking; nothing is told twice), and the Review tab counts them.
    const ready = (await findAll('[data-testid="job-row"]')).length;
    await until("an OS notification per draft", async () => notifications("Draft ready for review").length >= ready);
    await until("the Review badge", async () => (await textOf('[data-testid="review-badge"]').catch(() => "")) === String(ready));
    await sleep(9000); // two more looks of the watcher
    const notes = notifications("Draft ready for review");
    assert.equal(notes.length, ready, `one notification per draft:\n${notes.join("\n")}`);
    assert.ok(notes.every((call) => /string ".* · job #\d+"/.test(call)), notes.join("\n"));
    console.log(`${notes.length} OS notifications (Notify on the session bus), one per draft`);

    // 4. The writer opens the recorded case (the newest of the first two): Finalise is
    // not offered, and the core refuses the command the button would send.
    const rows = await script(`return [...document.querySelectorAll('[data-testid="job-row"]')].map(r => Number(r.dataset.job))`);
    const recorded = Math.min(...rows) + 1;
    await click(`[data-testid="job-row"][data-job="${recorded}"] [data-testid="open-review"]`);
    await until("the writer's review", () => find('[data-testid="finalize-sho-only"]'));
    assert.equal((await findAll('[data-testid="finalize"]')).length, 0, "no Finalise for a writer");
    const forbidden = await script(
      `return window.__TAURI_INTERNALS__.invoke("finalize", { jobId: arguments[0], draftRevision: null }).then(() => null, (e) => e)`,
      [recorded],
    );
    assert.equal(forbidden?.error, "forbidden", JSON.stringify(forbidden));
    assert.match(forbidden.message, /const\.asha is a writer/);
    await screenshot("review-writer");
    await click('[data-testid="sign-out"]');

    // 5. The SHO signs in (fresh screens: another officer), types half a statement that
    // must survive a look at other screens, reviews, edits a field, saves, finalises.
    await signIn(SHO);
    await until("the New case form", () => find('[data-testid="statement"]'));
    assert.equal(await script(`return document.querySelector('[data-testid="statement"]').value`), "", "the writer's screens are not the SHO's");
    await type('[data-testid="statement"]', "Half a statement");
    await screen("queue");
    await until("the Queue", () => find('[data-testid="queue-table"]'));
    await click(`[data-testid="job-row"][data-job="${recorded}"] [data-testid="open-review"]`);
    await until("the review form", () => find('[data-field="complainant.name"]'));
    assert.ok((await wd("GET", "/source")).includes("audio"), "the review shows the recording");
    // State and District are empty: listed before the click, and Finalise will not seal.
    const missing = await textOf('[data-testid="missing"]');
    assert.ok(missing.includes("State (item 1)") && missing.includes("District (item 1)"), missing);
    await click('[data-testid="finalize"]');
    await until("the confirmation", () => find('[data-testid="confirm-dialog"]'));
    assert.ok((await textOf('[data-testid="confirm-missing"]')).includes("State (item 1), District (item 1)"));
    assert.equal(await script(`return document.querySelector('[data-testid="confirm-finalize"]').disabled`), true, "nothing can be sealed yet");
    await screenshot("finalize-refused");
    await script(`[...document.querySelectorAll('[data-testid="confirm-dialog"] button')].find(b => b.textContent.trim() === "Cancel").click()`);

    // The officer types what is missing and a correction, and does not save.
    const fillIn = { "header.state": "Uttar Pradesh", "header.district": "Lucknow", "occurrence.date_from": "25-11-2026",
      "place.address": "Lal Bagh market", "complainant.name": "Ravi Kumar Verma", "action_taken.action": "registered_and_investigating" };
    const listed = await script(`return [...document.querySelectorAll('[data-testid="missing"] [data-path]')].map(b => b.dataset.path)`);
    for (const path of new Set([...listed, "complainant.name"])) {
      assert.ok(fillIn[path], `a value for ${path}`);
      if (await choose(`[data-field="${path}"]`, fillIn[path])) continue;
      await clear(`[data-field="${path}"]`);
      await type(`[data-field="${path}"]`, fillIn[path]);
    }
    await until("the form to hold everything needed", async () => (await findAll('[data-testid="missing"]')).length === 0);
    await script("window.scrollTo(0, 0)");
    await screenshot("review");
    // Finalise without saving: the confirmation says the changes are saved first.
    await click('[data-testid="finalize"]');
    await until("the confirmation", () => find('[data-testid="confirm-unsaved"]'));
    assert.equal(await textOf('[data-testid="confirm-complainant"]'), "Ravi Kumar Verma");
    await screenshot("finalize-confirm");
    await click('[data-testid="confirm-finalize"]');
    const number = await until("the FIR number", async () => (await textOf('[data-testid="record-number"]').catch(() => "")).match(/(FIR|NCR) \d{4}\/\d{4}/)?.[0]);
    console.log(`finalised as ${number}`);
    const audit = await textOf('[data-testid="audit"]');
    assert.ok(audit.includes("Ravi Kumar Verma"), "the audit trail records the correction");
    for (const who of [WRITER.name, SHO.name]) assert.ok(audit.includes(who), `the audit trail names ${who}: ${audit}`);

    // 6. Export the PDF (into the export folder from Settings) and read it back.
    await click('[data-testid="export-pdf"]');
    const saved = await until("the PDF", async () => (await textOf('[data-testid="review-notice"]')).match(/PDF saved: (.+\.pdf)/)?.[1]);
    assert.ok(existsSync(saved), `${saved} exists`);
    const pdfText = execFileSync("pdftotext", ["-layout", saved, "-"]).toString();
    assert.ok(pdfText.includes("Ravi Kumar Verma"), "the correction typed but not saved is in the PDF");
    for (const typed of ["Uttar Pradesh", "Lucknow"]) assert.ok(pdfText.includes(typed), `${typed}, typed before finalising, is in the PDF`);
    assert.ok(pdfText.includes(number.split(" ")[1]), "the FIR number is in the PDF");
    // Print: the complainant's free copy goes to the system's print service.
    await click('[data-testid="print-pdf"]');
    await until("the print notice", async () => (await textOf('[data-testid="review-notice"]').catch(() => "")).includes("sent to the printer"));
    const printed = join(home, "printed.pdf");
    assert.ok(existsSync(printed), "lp was given the PDF");
    assert.ok(execFileSync("pdftotext", [printed, "-"]).toString().includes(number.split(" ")[1]), "the printed PDF is this FIR");
    assert.ok(readFileSync(join(home, "printed.args"), "utf8").includes(`-t ${number}`), "the print job is titled with the number");
    await script("window.scrollTo(0, document.body.scrollHeight)");
    await screenshot("review-finalized");

    // 7. Records: find it by number, then the other screens.
    await screen("records");
    await until("the records table", () => find('[data-testid="records-table"]'));
    await type('[data-testid="records-query"]', number.split(" ")[1]);
    await click('form[aria-label="Search records"] button[type="submit"]');
    await until("the record found by number", async () => (await findAll('[data-testid="record-row"]')).length === 1);
    // clear() fires no input event; typing does, so the form sees an empty query.
    await clear('[data-testid="records-query"]');
    await type('[data-testid="records-query"]', " ");
    await click('form[aria-label="Search records"] button[type="submit"]');
    await until("all records", async () => (await findAll('[data-testid="record-row"]')).length >= 2);
    await screenshot("records");
    // The half-typed statement is still on New case after all that.
    await screen("new");
    assert.equal(await script(`return document.querySelector('[data-testid="statement"]').value`), "Half a statement");
    await screen("settings");
    await until("settings", () => find("#code"));
    await screenshot("settings");
    await screen("health");
    await until("health", async () => (await wd("GET", "/source")).includes("Tesseract"));
    await screenshot("health");

    // 8. The idle lock: started again with a lock of 6 seconds, the desk locks when
    // nobody touches it, and the core then answers nothing until someone signs in.
    await browser.close();
    saveSettings({ idle_lock_seconds: 6 });
    await browser.open(app);
    await signIn(SHO);
    await until("the idle lock", async () => (await textOf('[data-testid="sign-in-note"]').catch(() => "")).includes("locked after 6 seconds"), 60_000);
    assert.equal((await findAll("nav button[data-screen]")).length, 0, "no screens while locked");
    const locked = await script(`return window.__TAURI_INTERNALS__.invoke("queue").then(() => null, (e) => e)`);
    assert.equal(locked?.error, "unauthorized", JSON.stringify(locked));
    await screenshot("idle-locked");
    await signIn(SHO);
    // Settings with its Users, in Hindi.
    await click('[data-testid="lang-hi"]');
    await screen("settings");
    await until("the users in Hindi", async () => (await findAll('[data-testid="user-row"]')).length === 2);
    await until("Hindi", async () => (await script("return document.documentElement.lang")) === "hi");
    assert.deepEqual(englishLeft(await script(WORDS_ON_SCREEN)), [], "Settings and Users in Hindi");
    await script(`document.querySelector('[data-testid="users"]').scrollIntoView()`);
    await screenshot("hi-settings-users");
    console.log(`desktop e2e (${real ? "real models" : "mock models"}): passed`);
  },
});
