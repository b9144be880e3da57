// The station server in a browser, end to end: `afirgen serve` with the built UI, the
// mock model server, and Debian's Chromium driven by Playwright (playwright-core).
// Signs in with a key (a wrong one first), submits a typed Hindi complaint and a
// recording, watches progress, reviews (an edit), finalises as the SHO, downloads the
// PDF and reads it back, finds the record; a writer sees that only the SHO finalises.
// Screenshots go to artifacts/browser/ (AFIRGEN_SCREENSHOTS=DIR copies them there too).
//
//   node tests/e2e/browser.mjs      (scripts/e2e-browser.sh builds what it needs)

import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { builtBinary, MISSING_CASE, MISSING_CASE_ERROR, launchChromium, scenario, screenshotFolders, sleep, startStation, until as waitUntil } from "./support.mjs";

const root = resolve(import.meta.dirname, "../..");
const cli = process.env.AFIRGEN_CLI_BIN ?? builtBinary(root, "afirgen");
const audio = process.env.AFIRGEN_E2E_AUDIO ?? join(root, "artifacts/e2e-fixtures/complaint.wav");
const { shots, copyShots } = screenshotFolders(root, "browser");
const timeoutMs = 120_000;

const until = (what, check, ms = timeoutMs) => waitUntil(what, check, ms);

const port = 18500 + (process.pid % 400);
// The station has set its name and officer but not yet its State and District: the
// first finalisation must ask for them.
const { home, env, url, keys, server } = await startStation({
  root, cli, name: "browser", port, mockPort: port + 400, latencyMs: 700,
  users: [["sho", "meera"], ["writer", "ravi"]], needs: [["sample recording", audio]],
});
const shoKey = keys.meera;
// The SHO can also sign in by name and password (set by the administrator, from stdin).
const shoPassword = "meera-pass-1";
execFileSync(cli, ["users", "password", "meera"], { env, input: `${shoPassword}\n` });
const writerKey = keys.ravi;

const browser = await launchChromium(chromium);
// Notifications allowed, as a station grants its own server once; every notification
// the page creates is recorded (and still shown) for the alerts' checks.
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, permissions: ["notifications"] });
await context.addInitScript(() => {
  const Real = window.Notification;
  window.__notifications = [];
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.__notifications.push({ title, body: options?.body ?? "" });
    }
    static get permission() { return Real.permission; }
    static requestPermission(...args) { return Real.requestPermission(...args); }
  };
});
const page = await context.newPage();
const consoleErrors = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", (e) => consoleErrors.push(String(e)));
// The alerts' watcher asks the queue for what changed since its last look.
let watcherLooks = 0;
page.on("requestfinished", (r) => { if (r.url().includes("changed_since=")) watcherLooks += 1; });
async function screenshot(name, fullPage = false) {
  await sleep(300);
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (copyShots) copyFileSync(file, join(copyShots, `browser-${name}.png`));
  console.log(`screenshot ${name}.png`);
}
const screen = (id) => page.click(`nav button[data-screen="${id}"]`);
const signIn = async (k) => {
  await page.fill('[data-testid="api-key"]', k);
  await page.click('[data-testid="sign-in"]');
};

await scenario({
  home,
  screenshot,
  close: () => browser.close(),
  log: () => `server log:\n${server.log().slice(-3000)}`,
  async run() {
    await page.goto(url);
    await page.waitForSelector('[data-testid="api-key"]');
    await signIn("afg_000000000000_" + "0".repeat(64));
    await page.waitForSelector('.signin [role="alert"]');
    assert.match(await page.textContent('.signin [role="alert"]'), /not valid/);
    await screenshot("sign-in");
    await signIn(shoKey);
    await page.waitForSelector('[data-testid="statement"]');
    assert.match(await page.textContent('[data-testid="who"]'), /meera · SHO/);
    // The same failure as the desktop's test, over HTTP: the same code and message.
    const refusal = await fetch(`${url}/cases/${MISSING_CASE}`, { headers: { Authorization: `Bearer ${shoKey}` } });
    assert.equal(refusal.status, 404);
    assert.deepEqual(await refusal.json(), MISSING_CASE_ERROR, "the server's error for a missing case");

    // A typed Hindi complaint, then a recording with a refused file beside it.
    const statement = "मेरा नाम रवि कुमार है। कल रात 9 बजे लाल बाग के पास दो लड़कों ने मोटरसाइकिल पर आकर मेरी सोने की चेन छीन ली।";
    // A half-typed statement survives a look at another screen.
    await page.fill('[data-testid="statement"]', statement);
    await screen("queue");
    await page.waitForSelector("h1 >> text=Queue");
    await screen("new");
    assert.equal(await page.inputValue('[data-testid="statement"]'), statement, "the statement is kept across screens");
    await screenshot("new-case");
    const submitted = async (n) => until(`case ${n} to be queued`, async () =>
      ((await page.textContent('[data-testid="submit-message"]').catch(() => "")) ?? "").includes(`Case ${n} queued`));
    await page.click('[data-testid="submit"]');
    // It stays on the form, says which case was queued, and links to the queue.
    await submitted(1);
    assert.equal(await page.inputValue('[data-testid="statement"]'), "", "ready for the next complaint");
    await page.setInputFiles('[data-testid="file-input"]', [
      { name: "complaint recording.wav", mimeType: "audio/wav", buffer: readFileSync(audio) },
      { name: "notes.docx", mimeType: "application/msword", buffer: Buffer.from([1, 2, 3]) },
    ]);
    await until("the recording to be checked", async () => (await page.textContent("ul.files")).includes("Recording"));
    await until("the refusal", async () => (await page.content()).includes("not a recording or a scan"));
    await page.click('[data-testid="submit"]');
    await submitted(2);
    for (let i = 0; i < 3; i++) {
      await page.fill('[data-testid="statement"]', `Complaint ${i + 1}: my mobile phone was stolen at the bus stand on ${20 + i} November.`);
      await page.click('[data-testid="submit"]');
      await submitted(3 + i);
    }
    await page.click('[data-testid="open-queue"]');
    const states = () => page.$$eval('[data-testid="job-row"]', (rows) => rows.map((r) => r.dataset.state));
    await until("jobs running at once", async () => (await states()).filter((s) => !["queued", "awaiting_review"].includes(s)).length >= 2);
    await screenshot("queue");
    await until("every job to reach review", async () => {
      const s = await states();
      assert.ok(!s.includes("failed"), "a job failed");
      return s.length === 5 && s.every((x) => x === "awaiting_review");
    });

    // Review the typed complaint: the statement is byte for byte, an edit is saved.
    const jobs = await page.$$eval('[data-testid="job-row"]', (rows) => rows.map((r) => Number(r.dataset.job)));
    const first = Math.min(...jobs);

    // A notification for each draft that became ready, once: however often the watcher
    // looks again (its looks overlap), nothing is told twice.
    const notified = () => page.evaluate(() => window.__notifications);
    await until("a notification for each draft", async () => (await notified()).length >= jobs.length);
    const looked = watcherLooks;
    await until("two more looks of the watcher", async () => watcherLooks >= looked + 2);
    const notes = await notified();
    assert.equal(notes.length, jobs.length, `one notification per draft: ${JSON.stringify(notes)}`);
    assert.ok(notes.every((n) => n.title === "Draft ready for review"), JSON.stringify(notes));
    assert.deepEqual(notes.map((n) => Number(/job #(\d+)/.exec(n.body)?.[1])).sort((a, b) => a - b), [...jobs].sort((a, b) => a - b));
    assert.ok(notes.some((n) => n.body.startsWith("रवि कुमार · job #")), "a notification names the complainant");
    console.log(`${notes.length} notifications, one per draft`);
    assert.equal(await page.getAttribute('[data-testid="alerts-toggle"]', "aria-pressed"), "true", "alerts are on where the browser allows them");
    // The Review tab counts the cases awaiting review, for eyes and for screen readers.
    await until("the Review badge", async () => (await page.textContent('[data-testid="review-badge"]').catch(() => "")) === "5");
    assert.equal(await page.getAttribute('nav button[data-screen="review"]', "aria-label"), "Review: 5 awaiting review");

    // Filters and search: by state, by words of the draft, by case number.
    const rowIds = () => page.$$eval('[data-testid="job-row"]', (rows) => rows.map((r) => Number(r.dataset.job)));
    const byAge = [...jobs].sort((a, b) => a - b);
    await page.click('[data-testid="queue-filters"] [data-filter="failed"]');
    await until("no failed job", async () => ((await page.textContent('[data-testid="queue-empty"]').catch(() => "")) ?? "").includes("No job matches"));
    await page.click('[data-testid="queue-filters"] [data-filter="awaiting_review"]');
    await until("the five awaiting review", async () => (await rowIds()).length === 5);
    assert.equal(await page.getAttribute('[data-filter="awaiting_review"]', "aria-pressed"), "true");
    await page.fill('[data-testid="queue-search"]', "Complaint 2:");
    await until("the case found by its words", async () => (await rowIds()).join() === String(byAge[3]));
    await page.fill('[data-testid="queue-search"]', `#${first}`);
    await until("the case found by its number", async () => (await rowIds()).includes(first));
    await page.fill('[data-testid="queue-search"]', "");
    await page.click('[data-testid="queue-filters"] [data-filter="all"]');
    await until("every job listed again", async () => (await rowIds()).length === 5);
    assert.equal(await page.textContent('[data-testid="page-info"]'), "1–5 of 5");
    // Pages over HTTP, as the Queue's Next and Previous ask for them; a wrong filter is
    // refused in the one error shape.
    const queuePage = async (query) => (await fetch(`${url}/queue?${query}`, { headers: { Authorization: `Bearer ${shoKey}` } })).json();
    const all = await queuePage("limit=5");
    const middle = await queuePage("limit=2&offset=2");
    assert.deepEqual([all.total, middle.total, middle.offset, middle.limit], [5, 5, 2, 2]);
    assert.deepEqual(middle.jobs.map((r) => r.job.id), all.jobs.slice(2, 4).map((r) => r.job.id));
    const refused = await fetch(`${url}/queue?filter=nonsense`, { headers: { Authorization: `Bearer ${shoKey}` } });
    assert.equal(refused.status, 400);
    assert.equal((await refused.json()).error, "bad_request");

    // Cancel asks first and can be undone for a few seconds: nothing is sent until the
    // window has passed. A slow model keeps the new job running meanwhile.
    const mockConfig = (config) => fetch(`http://127.0.0.1:${port + 400}/mock/config`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(config),
    });
    await mockConfig({ latency_ms: 120_000 });
    const cancelsSent = [];
    const countCancels = (r) => { if (r.method() === "POST" && /\/jobs\/\d+\/cancel$/.test(r.url())) cancelsSent.push(r.url()); };
    page.on("request", countCancels);
    await screen("new");
    await page.fill('[data-testid="statement"]', "Complaint 4: my bicycle was stolen outside the library on 24 November.");
    await page.click('[data-testid="submit"]');
    await submitted(6);
    await screen("queue");
    const sixth = await until("the new job", async () => (await rowIds()).find((id) => !jobs.includes(id)));
    const row = `[data-testid="job-row"][data-job="${sixth}"]`;
    // Its age, and when it should be ready from the five before it.
    await until("its expected time", async () => ((await page.textContent(`${row} [data-testid="eta"]`).catch(() => "")) ?? "").startsWith("Expected by"));
    assert.match(await page.textContent(`${row} [data-testid="age"]`), /just now|min ago/);
    await screenshot("queue-eta");
    await page.click(`${row} [data-testid="cancel-job"]`);
    await page.waitForSelector('[data-testid="cancel-confirm"]');
    await page.click('[data-testid="keep-job"]');
    assert.equal(await page.$('[data-testid="cancel-confirm"]'), null, "kept: the question is gone");
    await page.click(`${row} [data-testid="cancel-job"]`);
    await page.click('[data-testid="confirm-cancel"]');
    await page.click(`${row} [data-testid="undo-cancel"]`);
    await page.waitForSelector(`${row} [data-testid="cancel-job"]`);
    await page.click(`${row} [data-testid="cancel-job"]`);
    await page.click('[data-testid="confirm-cancel"]');
    await page.waitForSelector(`${row} [data-testid="undo-cancel"]`);
    await screenshot("queue-undo");
    assert.deepEqual(cancelsSent, [], "nothing is sent while Undo is offered");
    await until("the job cancelled once the window passed", async () => (await page.getAttribute(row, "data-state")) === "cancelled");
    // The first, undone, was never sent (its window ended before the second's).
    assert.equal(cancelsSent.length, 1, `one cancel sent: ${cancelsSent}`);
    page.off("request", countCancels);
    await mockConfig({ latency_ms: 700 });
    await page.click(`[data-testid="job-row"][data-job="${first}"] [data-testid="open-review"]`);
    await page.waitForSelector('[data-field="complainant.name"]');
    assert.ok((await page.content()).includes(statement), "the Hindi statement arrives unchanged");
    // An open case is loaded once, not again and again while it sits on the screen.
    let caseLoads = 0;
    const countLoads = (request) => { if (/\/cases\/\d+$/.test(new URL(request.url()).pathname)) caseLoads += 1; };
    page.on("request", countLoads);
    await sleep(3000);
    page.off("request", countLoads);
    assert.equal(caseLoads, 0, "the case is not reloaded while nothing changes");
    // Each field says where its value came from: the name is the rules' reading of "मेरा
    // नाम रवि कुमार है", and becomes the officer's once edited.
    const origin = (path) => page.getAttribute(`label[for="${path}"] [data-origin]`, "data-origin");
    assert.equal(await origin("complainant.name"), "rule", "the name is read from the statement");
    assert.equal(await page.inputValue('[data-field="complainant.name"]'), "रवि कुमार");
    // What only the model found is offered for the officer to check, not printed.
    assert.ok((await page.textContent('[data-testid="draft-notes"]')).includes("the model suggests"), "the model's summary is a suggestion");
    // "दो लड़कों ने": two people acted together, so 3(5) is offered "read with" the offence.
    assert.ok((await page.textContent('[data-testid="qualifiers"]')).includes("3(5) BNS"), "3(5) offered");
    await screenshot("review-fields", true);
    await page.click('[data-testid="qualifiers"] >> text=Add 3(5)');
    await until("3(5) to be cited", async () => (await page.textContent('.panel table')).includes("3(5)"));
    assert.equal(await page.$('[data-testid="qualifiers"]'), null, "no longer offered once cited");
    // The catalogue's other matches for the statement are offered, not cited: one click
    // cites one, and it is no longer offered; the officer removes it again.
    const offered = () => page.$$eval('[data-testid="suggestions"] li strong', (els) => els.map((e) => e.textContent));
    const suggestion = (await offered()).find((s) => s.endsWith(" BNS"));
    assert.ok(suggestion, "a BNS section is offered");
    await page.evaluate(() => document.querySelector('[data-testid="suggestions"]')?.scrollIntoView({ block: "center" }));
    await screenshot("review-suggestions");
    await page.click(`[data-testid="suggestions"] [aria-label="Add ${suggestion}"]`);
    await until(`${suggestion} to be cited`, async () => (await page.textContent('.panel table')).includes(suggestion));
    assert.ok(!(await offered()).includes(suggestion), "no longer offered once cited");
    await page.click(`[aria-label="Remove ${suggestion}"]`);
    await until(`${suggestion} to be removed`, async () => !(await page.textContent('.panel table')).includes(suggestion));
    assert.ok((await offered()).includes(suggestion), "offered again once removed");
    // A section whose Schedule row depends on the case: theft (under ₹5,000 it is
    // non-cognizable). The officer may choose the row; then removes the section again.
    // Searched by the old Penal Code number, the section that replaced it comes first.
    await page.fill("#catalogue", "u/s 379 IPC");
    await until("the search by number", async () => (await page.$$eval("#catalogue-hits li strong", (els) => els.map((e) => e.textContent)))[0] === "303(2)");
    await screenshot("review-search-by-number");
    await page.fill("#catalogue", "theft");
    await page.click('.hits li:has(strong:text-is("303(2)")) button');
    await until("303(2) to be cited", async () => (await page.textContent('.panel table')).includes("303(2)"));
    await page.selectOption('[aria-label="Schedule row of 303(2) BNS"]', "the value of the property is under ₹5,000");
    await until("the row to be chosen", async () => (await page.textContent('.panel table')).includes("Chosen: the value of the property is under ₹5,000"));
    await page.evaluate(() => document.querySelector('[data-testid="schedule-row-choice"]')?.scrollIntoView({ block: "center" }));
    await screenshot("review-schedule-row");
    await page.click('[aria-label="Remove 303(2) BNS"]');
    await until("303(2) to be removed", async () => !(await page.textContent('.panel table')).includes("303(2)"));
    await page.fill('[data-field="complainant.occupation"]', "दुकानदार");
    await page.click('[data-testid="save-fields"]');
    await until("the edit to be saved", async () => (await page.textContent('[data-testid="review-notice"]')).includes("Saved"));
    await until("the occupation to be the officer's", async () => (await origin("complainant.occupation")) === "officer");
    assert.ok((await page.textContent('[data-testid="audit"]')).includes("meera"), "the audit names the user");

    // State and District are empty: the form lists them, and Finalise will not seal.
    const missing = await page.textContent('[data-testid="missing"]');
    assert.ok(missing.includes("State (item 1)") && missing.includes("District (item 1)"), missing);
    await page.click('[data-testid="finalize"]');
    await page.waitForSelector('[data-testid="confirm-dialog"]');
    assert.ok((await page.textContent('[data-testid="confirm-missing"]')).includes("State (item 1), District (item 1)"));
    assert.ok(await page.isDisabled('[data-testid="confirm-finalize"]'), "nothing can be sealed yet");
    await page.click('[data-testid="confirm-dialog"] >> text=Cancel');

    // The officer types the missing items and a correction, and finalises without
    // saving: the confirmation says the changes are saved first, and they are sealed.
    const fillIn = { "header.state": "Delhi", "header.district": "Central", "occurrence.date_from": "25-11-2026",
      "place.address": "Lal Bagh", "complainant.name": "Ravi Kumar Verma", "action_taken.action": "registered_and_investigating" };
    const listed = await page.$$eval('[data-testid="missing"] [data-path]', (items) => items.map((b) => b.dataset.path));
    assert.ok(listed.includes("action_taken.action"), "item 13's action is the officer's to choose");
    for (const path of new Set([...listed, "complainant.name"])) {
      assert.ok(fillIn[path], `a value for ${path}`);
      const field = `[data-field="${path}"]`;
      if (await page.$eval(field, (el) => el.tagName === "SELECT")) await page.selectOption(field, fillIn[path]);
      else await page.fill(field, fillIn[path]);
    }
    assert.equal(await page.$('[data-testid="missing"]'), null, "the form holds everything needed");
    // An accused and a property the drafting did not list, and item 13: transferred.
    const last = async (selector) => page.$$eval(selector, (els) => els.at(-1).dataset.field);
    await page.click('[data-testid="add-accused"]');
    await page.fill(`[data-field="${await last('[data-field^="accused."][data-field$=".name"]')}"]`, "Unknown rider in a red helmet");
    await page.click('[data-testid="add-properties"]');
    await page.fill(`[data-field="${await last('[data-field^="properties."][data-field$=".description"]')}"]`, "Gold chain, 20 grams");
    await page.click('[data-testid="add-witnesses"]');
    await page.fill(`[data-field="${await last('[data-field^="witnesses."][data-field$=".name"]')}"]`, "मोहन लाल");
    await page.fill(`[data-field="${await last('[data-field^="properties."][data-field$=".value_inr"]')}"]`, "60000");
    await page.selectOption('[data-field="action_taken.action"]', "transferred");
    await page.fill('[data-field="action_taken.transferred_to"]', "Hazratganj");
    assert.equal(await page.getAttribute('label[for="complainant.name"] [data-unsaved]', "data-unsaved"), "", "marked unsaved");
    // Each field's mark: from the statement, the model's, the officer's, or unsaved.
    await page.evaluate(() => document.getElementById("complainant.name")?.closest("fieldset")?.scrollIntoView());
    await screenshot("review");
    await page.click('[data-testid="finalize"]');
    await page.waitForSelector('[data-testid="confirm-dialog"]');
    assert.match(await page.textContent('[data-testid="confirm-unsaved"]'), /\d unsaved changes \(.*Name.*\) will be saved first/);
    assert.equal(await page.textContent('[data-testid="confirm-complainant"]'), "Ravi Kumar Verma");
    assert.match(await page.textContent('[data-testid="confirm-number"]'), /FIR 0001\//, "the first number: the refusal took none");
    await screenshot("finalize-confirm");
    await page.click('[data-testid="confirm-finalize"]');
    const number = await until("the FIR number", async () => (await page.textContent('[data-testid="record-number"]').catch(() => ""))?.match(/(FIR|NCR) (\d{4}\/\d{4})/)?.[2]);
    assert.match(number, /^0001\//);
    const audit = await page.textContent('[data-testid="audit"]');
    assert.ok(audit.includes("Ravi Kumar Verma") && audit.includes("Delhi"), "the corrections are in the audit trail");
    const downloading = page.waitForEvent("download");
    await page.click('[data-testid="export-pdf"]');
    const download = await downloading;
    const pdfPath = join(home, download.suggestedFilename());
    await download.saveAs(pdfPath);
    assert.ok(readFileSync(pdfPath).subarray(0, 4).equals(Buffer.from("%PDF")), "a PDF was downloaded");
    const pdfText = execFileSync("pdftotext", ["-layout", pdfPath, "-"]).toString();
    assert.ok(pdfText.includes(number), `the FIR number ${number} is in the PDF`);
    assert.ok(pdfText.includes("Ravi Kumar Verma"), "the correction typed but not saved is in the PDF");
    // A date typed the Indian way, if the form asked for one, is printed the same way.
    if (listed.includes("occurrence.date_from")) assert.ok(pdfText.includes("25-11-2026"), "the typed date is in the PDF");
    for (const typed of ["Delhi", "Central", "Unknown rider in a red helmet", "Gold chain, 20 grams", "Rs. 60,000", "मोहन लाल", "3(5)"]) {
      assert.ok(pdfText.includes(typed), `${typed}, typed before finalising, is in the PDF`);
    }
    assert.match(pdfText, /☒ \(4\) Transferred to PS Hazratganj/, "item 13 as chosen");
    // Print: the PDF opens in a tab of its own, for the browser's print dialog.
    const printTab = context.waitForEvent("page");
    await page.click('[data-testid="print-pdf"]');
    const tab = await printTab;
    await until("the PDF in its tab", async () => tab.url().startsWith("blob:"));
    await tab.close();
    await until("the print notice", async () => (await page.textContent('[data-testid="review-notice"]')).includes("print it from there"));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await screenshot("review-finalized");
    // One case fewer awaits review.
    await until("the Review badge to count 4", async () => (await page.textContent('[data-testid="review-badge"]').catch(() => "")) === "4");

    await screen("records");
    await page.waitForSelector('[data-testid="records-table"]');
    await page.fill('[data-testid="records-query"]', number);
    await page.click('form[aria-label="Search records"] button[type="submit"]');
    await until("the record by number", async () => (await page.$$('[data-testid="record-row"]')).length === 1);
    // A paper copy checked by its QR code, read from the page image as from a photo.
    execFileSync("pdftoppm", ["-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", pdfPath, join(home, "page")]);
    const code = execFileSync("zbarimg", ["--quiet", "--raw", join(home, "page.png")]).toString().trim();
    assert.ok(code.startsWith("AFIRGEN1|WEB-01|FIR|"), code);
    await page.fill('[data-testid="paper-code"]', code);
    await page.click('form[aria-label="Check a paper copy"] button[type="submit"]');
    await until("the paper copy's check", async () => (await page.content()).includes("only the printed code was checked"));
    assert.ok((await page.content()).includes(`FIR ${number} of WEB-01: intact`), "the paper copy's record is intact");
    await screenshot("records");
    await screen("health");
    await until("health", async () => (await page.content()).includes("Tesseract"));
    await screenshot("health");

    // A writer reviews but cannot finalise; the UI says so instead of offering it.
    await page.click("text=Sign out");
    await signIn(writerKey);
    await page.waitForSelector('[data-testid="statement"]');
    await screen("queue");
    const second = jobs.filter((j) => j !== first)[0];
    await page.click(`[data-testid="job-row"][data-job="${second}"] [data-testid="open-review"]`);
    await page.waitForSelector('[data-testid="finalize-sho-only"]');
    assert.equal(await page.$('[data-testid="finalize"]'), null);

    // By name and password: an HttpOnly, SameSite=Strict session cookie the page cannot
    // read, and a change sent with the cookie but without the page's header is refused.
    await page.click("text=Sign out");
    await page.waitForSelector('[data-testid="sign-in-form"]');
    await page.fill('[data-testid="user-name"]', "meera");
    await page.fill('[data-testid="password"]', "not-her-password");
    await page.click('[data-testid="sign-in-password"]');
    await until("the refusal", async () => ((await page.textContent('[data-testid="sign-in-note"]').catch(() => "")) ?? "").includes("not right"));
    await page.fill('[data-testid="password"]', shoPassword);
    await page.click('[data-testid="sign-in-password"]');
    await page.waitForSelector('[data-testid="statement"]');
    assert.match(await page.textContent('[data-testid="who"]'), /meera · SHO/);
    const [cookie] = (await context.cookies()).filter((c) => c.name === "afirgen_session");
    assert.ok(cookie?.httpOnly && cookie.sameSite === "Strict", JSON.stringify(cookie));
    assert.equal(await page.evaluate(() => document.cookie.includes("afirgen_session")), false, "scripts cannot read the session");
    const forged = await page.evaluate(async (job) => (await fetch(`/jobs/${job}/cancel`, { method: "POST" })).status, second);
    assert.equal(forged, 403, "a change by cookie without the page's header is refused");
    await screen("queue");
    await page.waitForSelector(`[data-testid="job-row"][data-job="${second}"]`);
    await page.click("text=Sign out");
    await page.waitForSelector('[data-testid="sign-in-form"]');
    assert.equal((await context.cookies()).some((c) => c.name === "afirgen_session" && c.value), false, "signing out clears the cookie");
    assert.deepEqual(consoleErrors.filter((e) => !e.includes("401") && !e.includes("403")), [], "no errors in the browser console");
    console.log("browser e2e: passed");
  },
});
