// End to end: the real desktop binary as a desk of a station server. `afirgen serve`
// (SQLite, mock models) holds the cases; the desktop app's settings name the server and
// a key. A refused key is explained on the desk's own page and fixed in Settings; with
// a good key the window opens the server's UI signed in as that user, a Hindi complaint
// goes through review to finalisation, the PDF lands in the export folder, the case is
// found on the server; "This computer" leads back to the desk's own Settings.
//
//   node tests/e2e/desktop-station.mjs      (scripts/e2e-desktop.sh sets everything up)

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { builtBinary, scenario, start, until as waitUntil } from "./support.mjs";
import { startDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const app = process.env.AFIRGEN_DESKTOP_BIN ?? builtBinary(root, "afirgen-desktop");
const cli = process.env.AFIRGEN_CLI_BIN ?? builtBinary(root, "afirgen");
const tauriDriver = process.env.TAURI_DRIVER ?? join(root, ".afirgen/tools/bin/tauri-driver");
const shots = join(root, "artifacts", "e2e-station");
const display = process.env.AFIRGEN_E2E_DISPLAY ?? ":96";
const driverPort = 4446;
const until = (what, check, ms = 120_000) => waitUntil(what, check, ms);

for (const [what, path] of [["desktop binary", app], ["afirgen CLI", cli], ["tauri-driver", tauriDriver], ["built UI", join(root, "ui/dist/index.html")]]) {
  assert.ok(existsSync(path), `${what} not found at ${path}; run scripts/e2e-desktop.sh`);
}
mkdirSync(shots, { recursive: true });
const home = mkdtempSync(join(tmpdir(), "afirgen-station-"));

// ---- the station server ---------------------------------------------------------------
const port = 18900 + (process.pid % 300);
const mockPort = port + 300;
// The station's own details (item 1 and item 13), as a station sets them once.
writeFileSync(join(home, "config.toml"), '[station]\nname = "Chowk"\ndistrict = "Lucknow"\nstate = "Uttar Pradesh"\nofficer_name = "R. Singh"\nofficer_rank = "Inspector"\n');
const serverEnv = {
  PATH: process.env.PATH, HOME: home, AFIRGEN_DATA_DIR: join(home, "server"), AFIRGEN_CONFIG: join(home, "config.toml"),
  AFIRGEN_LLM_URL: `http://127.0.0.1:${mockPort}`, AFIRGEN_ASR_URL: `http://127.0.0.1:${mockPort}`,
  AFIRGEN_STATION_CODE: "STN-07", MAX_CONCURRENT_REQUESTS: "4",
};
start(cli, ["dev", "mock-models", "--port", String(mockPort), "--latency-ms", "500"], serverEnv);
await until("the mock model server", async () => (await fetch(`${serverEnv.AFIRGEN_LLM_URL}/v1/models`)).ok, 20_000);
const issue = (name, role) => execFileSync(cli, ["users", "add", name, "--role", role], { env: serverEnv }).toString().trim().split("\n").pop();
const deskKey = issue("desk3", "sho");
const oldKey = issue("former", "writer");
execFileSync(cli, ["users", "revoke", "former"], { env: serverEnv });
start(cli, ["serve", "--bind", `127.0.0.1:${port}`, "--ui", join(root, "ui/dist")], serverEnv);
const server = `http://127.0.0.1:${port}`;
await until("the station server", async () => (await fetch(`${server}/health`)).ok, 30_000);

// ---- the desk: its settings name the server, first with a revoked key ------------------
const exportDir = join(home, "exports");
mkdirSync(exportDir);
const dataHome = join(home, "xdg-data");
const appData = join(dataHome, "in.afirgen.desktop");
mkdirSync(appData, { recursive: true });
const settingsFile = join(appData, "settings.json");
writeFileSync(settingsFile, JSON.stringify({
  settings: { station_code: "DESK-LOCAL", export_dir: exportDir, station_server_url: `${server}/`, station_api_key: oldKey },
}));
const env = {
  DISPLAY: display, HOME: home, XDG_DATA_HOME: dataHome, XDG_CONFIG_HOME: join(home, "xdg-config"),
  // The desk's own data dir: it must stay without cases.
  AFIRGEN_DATA_DIR: join(home, "desk"), WEBKIT_DISABLE_COMPOSITING_MODE: "1", LIBGL_ALWAYS_SOFTWARE: "1",
  NO_AT_BRIDGE: "1",
};

const { driver, client: browser } = await startDriver({ display, port: driverPort, tauriDriver, env, shots });
const { find, findAll, click, type, clear, choose, script, textOf, screenshot, screen } = browser;
const onServer = async () => (await browser.url()).startsWith(server);

await scenario({
  home,
  screenshot,
  close: () => browser.close(),
  log: () => `driver log:\n${driver.log().slice(-4000)}`,
  async run() {
    // 1. A revoked key: the desk's own page says so and offers Settings; nothing opens.
    await browser.open(app);
    const refusal = await until("the refusal", () => textOf('[data-testid="station-error"]'), 60_000);
    assert.match(refusal, /refused this desk's key/, refusal);
    assert.match(refusal, /revoked/, refusal);
    assert.ok(!refusal.includes(oldKey.split("_")[2]), "the secret is never shown");
    assert.ok(!(await onServer()), "the window stays on the desk's own page");
    assert.equal((await findAll("nav button[data-screen]")).length, 2, "only Station server and Settings");
    await screenshot("station-refused");

    // 2. Settings: the saved key is shown hidden; a new one is typed and saved.
    await screen("settings");
    await until("the station fields", () => find('[data-testid="station-api-key"]'));
    const shown = await script(`return document.querySelector('[data-testid="station-api-key"]').value`);
    assert.equal(shown, `${oldKey.split("_").slice(0, 2).join("_")}_…`, "the form gets the key id only");
    await clear('[data-testid="station-api-key"]');
    await type('[data-testid="station-api-key"]', deskKey);
    await click('form[aria-label="Settings"] button[type="submit"]');
    await until("the settings to be saved", async () => (await textOf('[role="status"]')).includes("Saved"));
    const saved = JSON.parse(readFileSync(settingsFile, "utf8")).settings;
    assert.equal(saved.station_api_key, deskKey, "the new key is saved whole");
    assert.equal(statSync(settingsFile).mode & 0o777, 0o600, "the settings file is the user's alone");
    assert.equal(saved.station_server_url, `${server}/`);
    await script("window.scrollTo(0, 0)");
    await screenshot("station-settings");
    await browser.close();

    // 3. Restarted with the good key: the window opens the server's UI, signed in.
    await browser.open(app);
    await until("the station server's UI", onServer, 60_000);
    await until("the server's screens", async () => (await findAll("nav button[data-screen]")).length === 6, 60_000);
    assert.equal(await textOf('[data-testid="who"]'), "desk3 · SHO");

    // 4. A Hindi complaint through review to finalisation, on the server.
    const statement = "मेरा नाम सुनीता देवी है। कल शाम 7 बजे चौक बाज़ार में एक आदमी मेरा पर्स छीनकर भाग गया।";
    await screen("new");
    await until("the New case form", () => find('[data-testid="statement"]'));
    await type('[data-testid="statement"]', statement);
    await screenshot("station-new-case");
    await click('[data-testid="submit"]');
    await until("the case to be queued", async () => (await textOf('[data-testid="submit-message"]').catch(() => "")).includes("Case 1 queued"));
    await click('[data-testid="open-queue"]');
    await until("the job to reach review", async () => {
      const states = await script(`return [...document.querySelectorAll('[data-testid="job-row"]')].map(r => r.dataset.state)`);
      assert.ok(!states.includes("failed"), `the job failed: ${await browser.source()}`);
      return states.length === 1 && states[0] === "awaiting_review";
    });
    await screenshot("station-queue");
    await click('[data-testid="open-review"]');
    await until("the review form", () => find('[data-field="complainant.name"]'));
    assert.ok((await browser.source()).includes(statement), "the Hindi statement arrives unchanged");
    // Whatever the statement did not say is filled in, as the officer would.
    const fillIn = { "occurrence.date_from": "25-11-2026", "place.address": "Chowk bazaar", "action_taken.action": "registered_and_investigating" };
    const listed = await script(`return [...document.querySelectorAll('[data-testid="missing"] [data-path]')].map(b => b.dataset.path)`);
    for (const path of listed) {
      assert.ok(fillIn[path], `a value for ${path}`);
      if (await choose(`[data-field="${path}"]`, fillIn[path])) continue;
      await type(`[data-field="${path}"]`, fillIn[path]);
    }
    await click('[data-testid="finalize"]');
    await until("the confirmation", () => find('[data-testid="confirm-finalize"]'));
    await click('[data-testid="confirm-finalize"]');
    const number = await until("the FIR number", async () => (await textOf('[data-testid="record-number"]').catch(() => "")).match(/(FIR|NCR) (\d{4}\/\d{4})/));
    console.log(`finalised on the server as ${number[0]}`);

    // 5. The PDF is downloaded through the window into the desk's export folder.
    await click('[data-testid="export-pdf"]');
    const notice = await until("the download notice", async () => {
      const text = await textOf('[data-testid="review-notice"]');
      return text.includes("PDF saved") && text;
    });
    assert.ok(notice.includes(exportDir), `the notice names the export folder: ${notice}`);
    const pdf = await until("the PDF in the export folder", () => {
      const files = readdirSync(exportDir).filter((f) => f.endsWith(".pdf"));
      return files.length === 1 && join(exportDir, files[0]);
    }, 30_000);
    const text = await until("the whole PDF", () => {
      try { return execFileSync("pdftotext", ["-layout", pdf, "-"]).toString(); } catch { return null; }
    }, 30_000);
    assert.ok(text.includes(number[2]), "the FIR number is in the PDF");
    await script("window.scrollTo(0, 0)");
    await screenshot("station-review-finalized");

    // 6. The case lives on the server; the desk's own data dir holds no database.
    const found = await fetch(`${server}/fir/${number[2].replace("/", "-")}`, { headers: { Authorization: `Bearer ${deskKey}` } });
    assert.equal(found.status, 200, "the server finds the FIR by number");
    assert.ok(!existsSync(join(env.AFIRGEN_DATA_DIR, "afirgen.db")), "no local database was opened");

    // 7. "This computer" leads back to the desk's own page, which stays until asked.
    await click('[data-testid="this-computer"]');
    await until("the desk's own page", async () => !(await onServer()) && (await findAll('[data-testid="station-panel"]')).length === 1, 30_000);
    assert.equal(await textOf('[data-testid="station-url"]'), server);
    assert.equal((await findAll('[data-testid="station-error"]')).length, 0);
    await screenshot("station-this-computer");
    console.log("desktop e2e (station server): passed");
  },
});
