// Capture in the app, end to end in a browser (issue 22): `afirgen serve` with the built
// UI, the real speech server of the model harness (faster-whisper, Whisper base) and the
// mock for the language model, Debian's Chromium driven by Playwright with fake media
// devices: its microphone plays an espeak-ng complaint, its camera shows a photographed
// page of complaint text (held sideways, on a dark desk). The test records from the
// microphone (level meter, stop, play back, keep), photographs the page (turn, crop by
// dragging, keep), submits both as one case with nothing typed, and waits until the
// case reaches review; the recording's transcript must hold the spoken words and the
// photo's OCR text the page's. Review then shows the recording's position and length,
// zooms the photo (buttons and keys), and previews a scanned PDF (a second case).
// Screenshots: artifacts/browser/capture-*.png (AFIRGEN_SCREENSHOTS=DIR copies them).
//
//   node tests/e2e/capture.mjs      (scripts/e2e-browser.sh builds what it needs;
//                                    the model harness: scripts/models.sh)

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { builtBinary, launchChromium, scenario, screenshotFolders, sleep, start, startStation, until as waitUntil } from "./support.mjs";

const root = resolve(import.meta.dirname, "../..");
const cli = process.env.AFIRGEN_CLI_BIN ?? builtBinary(root, "afirgen");
const modelsHome = process.env.AFIRGEN_MODELS_HOME ?? join(root, ".afirgen/models");
const { shots, copyShots } = screenshotFolders(root, "browser");
const until = (what, check, ms = 180_000) => waitUntil(what, check, ms);

// ---- Fixtures (artifacts/e2e-fixtures, made once) ------------------------------------

const SPOKEN = "I want to report a theft. My name is Suresh Yadav. This morning my black bicycle was stolen from outside the railway station.";
const SPOKEN_WORDS = ["report", "theft", "Suresh", "bicycle", "stolen", "railway", "station"];
const WRITTEN = "To the Station House Officer.\nMy mobile phone was stolen\nin the market on Sunday\nevening. Please register\nmy complaint.\n";
const WRITTEN_WORDS = ["Station House Officer", "mobile phone", "stolen", "market", "Sunday", "register", "complaint"];
const PDF_TEXT = "Second page.\nThe phone is a blue\nSamsung worth twelve\nthousand rupees.\n";
// The camera's picture, and where the page lies in it (held sideways: turned a quarter
// to the left, so the officer must turn it right).
const FRAME = { width: 1920, height: 1080 };
const PAGE = { width: 900, height: 1150 };

const fixtures = join(root, "artifacts/e2e-fixtures");
mkdirSync(fixtures, { recursive: true });
// ImageMagick's own convert (/usr/local/bin may hold a stand-in).
const convert = existsSync("/usr/bin/convert") ? "/usr/bin/convert" : "convert";
/** Makes `name` with `make(tmpPath)` unless it exists; written whole or not at all. */
function fixture(name, make) {
  const path = join(fixtures, name);
  if (existsSync(path) && statSync(path).size > 0) return path;
  const tmp = `${path}.tmp${name.slice(name.lastIndexOf("."))}`;
  make(tmp);
  renameSync(tmp, path);
  return path;
}
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
/** A page of `text` as a clean white PNG, PAGE-sized. */
function renderPage(text, out) {
  const txt = `${out}.txt`;
  writeFileSync(txt, text);
  run("pango-view", ["--dpi=72", "--font=DejaVu Serif 38", "--width=780", "--wrap=word", "--margin=60", "--background=white", "-q", "-o", `${out}.raw.png`, txt]);
  run(convert, [`${out}.raw.png`, "-gravity", "north", "-background", "white", "-extent", `${PAGE.width}x${PAGE.height}`, out]);
}
const spokenWav = fixture("capture-complaint.wav", (tmp) => run("espeak-ng", ["-v", "en-us", "-s", "140", "-w", tmp, SPOKEN]));
const cameraY4m = fixture("capture-page.y4m", (tmp) => {
  const page = join(fixtures, "capture-page.png");
  renderPage(WRITTEN, page);
  const frame = join(fixtures, "capture-frame.png");
  run(convert, [page, "-rotate", "-90", "-background", "#2b2b2b", "-gravity", "center", "-extent", `${FRAME.width}x${FRAME.height}`, frame]);
  run("ffmpeg", ["-y", "-hide_banner", "-loglevel", "error", "-i", frame, "-pix_fmt", "yuv420p", "-frames:v", "1", "-f", "yuv4mpegpipe", tmp]);
});
// A scanned PDF as scanners make them: the page's picture with a text layer.
const scanPdf = fixture("capture-scan.pdf", (tmp) => {
  const page = join(fixtures, "capture-scan.png");
  renderPage(PDF_TEXT, page);
  run("tesseract", [page, tmp.slice(0, -4), "-l", "eng", "--dpi", "150", "pdf"]);
});
// The length of the spoken complaint, from its WAV header (espeak-ng writes a plain one).
const wav = readFileSync(spokenWav);
const spokenSeconds = (wav.length - 44) / wav.readUInt32LE(28);

// ---- The real speech server of the harness, on a port of its own ----------------------

const port = 19700 + (process.pid % 200);
const asrPort = port + 200;
const asrUrl = `http://127.0.0.1:${asrPort}`;
const serversToml = join(modelsHome, "servers.toml");
assert.ok(existsSync(serversToml), `the model harness is not installed at ${modelsHome}: run scripts/models.sh`);
const asrBlock = readFileSync(serversToml, "utf8").split("[[servers]]").find((b) => /\nrole = "asr"/.test(b));
assert.ok(asrBlock, `no speech server in ${serversToml}`);
const asrCommand = JSON.parse(/\ncommand = ("[^"\n]*")/.exec(asrBlock)[1]);
const asrArgs = JSON.parse(/\nargs = (\[[^\]]*\])/.exec(asrBlock)[1]);
asrArgs[asrArgs.indexOf("--port") + 1] = String(asrPort);
// Stopped with the rest by support.mjs (on failure too).
const asr = start(asrCommand, asrArgs, { PATH: process.env.PATH, HOME: process.env.HOME ?? "/tmp" });

const { home, url, keys, server } = await startStation({
  root, cli, name: "capture", port, mockPort: port + 100, latencyMs: 200, users: [["sho", "meera"]], asrUrl,
});
const key = keys.meera;
await until("the speech server", async () => (await fetch(`${asrUrl}/health`)).ok);

const browser = await launchChromium(chromium, [
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
  `--use-file-for-fake-audio-capture=${spokenWav}%noloop`,
  `--use-file-for-fake-video-capture=${cameraY4m}`,
]);
const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "en-US" });
await context.grantPermissions(["microphone", "camera"], { origin: url });
const page = await context.newPage();
const consoleErrors = [];
page.on("console", (msg) => { if (msg.type() === "error") consoleErrors.push(msg.text()); });
page.on("pageerror", (e) => consoleErrors.push(String(e)));
async function screenshot(name, fullPage = false) {
  await sleep(300);
  const file = join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  if (copyShots) copyFileSync(file, join(copyShots, `browser-${name}.png`));
  console.log(`screenshot ${name}.png`);
}
const text = async (selector) => (await page.textContent(selector).catch(() => "")) ?? "";
const seconds = (clock) => { const m = /(\d+):(\d\d)/.exec(clock); return m ? Number(m[1]) * 60 + Number(m[2]) : NaN; };
/** Share of `words` found in `actual` (case and punctuation ignored). */
const recall = (actual, words) => {
  const norm = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ");
  return words.filter((w) => norm(actual).includes(norm(w))).length / words.length;
};
const api = async (path) => {
  const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  assert.ok(res.ok, `${path}: ${res.status}`);
  return res.json();
};
/** Waits for a file entry named like `pattern` to be checked, and returns its badge. */
const checked = (pattern) => until(`${pattern} to be checked`, async () => {
  const rows = await page.$$eval('[data-testid="file-entry"]', (els) => els.map((e) => ({ state: e.className, text: e.textContent })));
  const row = rows.find((r) => pattern.test(r.text));
  assert.ok(!row?.state.includes("refused"), `refused: ${row?.text}`);
  return row?.state.includes("ready") ? row.text : null;
});
/** Waits until case `id` has reached review, failing if its job failed. */
const reviewed = (id) => until(`case ${id} to reach review`, async () => {
  const view = await api(`/cases/${id}`);
  assert.notEqual(view.job?.state, "failed", `case ${id} failed: ${JSON.stringify(view.job)}`);
  return view.job?.state === "awaiting_review" ? view : null;
}, 420_000);

await scenario({
  home,
  screenshot,
  close: () => browser.close(),
  log: () => `server log:\n${server.log().slice(-3000)}\nspeech server log:\n${asr.log().slice(-2000)}`,
  async run() {
    await page.goto(url);
    await page.fill('[data-testid="api-key"]', key);
    await page.click('[data-testid="sign-in"]');
    await page.waitForSelector('[data-testid="record-start"]');

    // ---- The microphone: record, the meter moves, stop, listen, keep. ----
    await page.click('[data-testid="record-start"]');
    await page.waitForSelector('[data-testid="level-meter"]');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "record-stop", "Stop has the focus");
    await until("sound on the level meter", async () => Number(await page.getAttribute('[data-testid="level-meter"]', "data-level")) > 0.05);
    await screenshot("capture-recording");
    // Recording goes on while another screen is open.
    await page.click('nav button[data-screen="queue"]');
    await page.waitForSelector("h1 >> text=Queue");
    await page.click('nav button[data-screen="new"]');
    assert.equal(await page.getAttribute('[data-testid="recorder"]', "data-phase"), "recording", "still recording after a look at the queue");
    await until("the whole complaint to be recorded", async () => seconds(await text('[data-testid="record-clock"]')) >= Math.ceil(spokenSeconds) + 1);
    await page.focus('[data-testid="record-stop"]');
    await page.keyboard.press("Enter"); // Stop, by the keyboard
    await page.waitForSelector('[data-testid="record-done"]');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "record-keep", "Keep has the focus");
    const recorded = seconds(await text('[data-testid="record-player"] [data-testid="audio-length"]'));
    assert.ok(recorded >= Math.floor(spokenSeconds), `the recording's length is shown (${recorded} s)`);
    await screenshot("capture-recorded");
    await page.click('[data-testid="record-keep"]');
    const recording = await checked(/recording-[\d-]+\.(webm|ogg|m4a)/);
    assert.match(recording, /Recording · (WEBM|OGG OPUS|M4A)/, "checked by the core as a recording");

    // ---- The camera: photograph the page, turn it upright, crop to it, keep. ----
    await page.click('[data-testid="camera-start"]');
    await page.waitForSelector('[data-testid="camera-take"]');
    await until("the camera's picture", async () => page.$eval('[data-testid="camera-video"]', (v) => v.videoWidth > 0 && v.readyState >= 2));
    await page.click('[data-testid="camera-take"]');
    await page.waitForSelector('[data-testid="camera-photo"]');
    assert.equal(await text('[data-testid="camera-size"]'), `${FRAME.width.toLocaleString("en-IN")} × ${FRAME.height.toLocaleString("en-IN")} pixels`);
    await page.click('[data-testid="camera-rotate-right"]');
    await until("the photo turned", async () => (await text('[data-testid="camera-size"]')) === `${FRAME.height.toLocaleString("en-IN")} × ${FRAME.width.toLocaleString("en-IN")} pixels`);
    // Turned right, the page (PAGE, upright) sits in the middle of a FRAME.height ×
    // FRAME.width picture: drag a rectangle a little outside it.
    const turned = { width: FRAME.height, height: FRAME.width };
    const pad = 12;
    const box = {
      left: ((turned.width - PAGE.width) / 2 - pad) / turned.width, right: ((turned.width + PAGE.width) / 2 + pad) / turned.width,
      top: ((turned.height - PAGE.height) / 2 - pad) / turned.height, bottom: ((turned.height + PAGE.height) / 2 + pad) / turned.height,
    };
    const canvas = await page.$('[data-testid="camera-photo"]');
    await canvas.scrollIntoViewIfNeeded();
    const shown = await canvas.boundingBox();
    await page.mouse.move(shown.x + shown.width * box.left, shown.y + shown.height * box.top);
    await page.mouse.down();
    await page.mouse.move(shown.x + shown.width * box.right, shown.y + shown.height * box.bottom, { steps: 8 });
    await page.mouse.up();
    const cropped = (await text('[data-testid="camera-size"]')).match(/([\d,]+) × ([\d,]+)/).slice(1).map((n) => Number(n.replace(/,/g, "")));
    assert.ok(Math.abs(cropped[0] - (PAGE.width + 2 * pad)) < 30 && Math.abs(cropped[1] - (PAGE.height + 2 * pad)) < 30, `cropped to the page: ${cropped}`);
    // The keyboard path: an edge slider moves by the arrow keys.
    const topCut = Number(await page.inputValue('[data-testid="camera-cut-top"]'));
    await page.focus('[data-testid="camera-cut-top"]');
    await page.keyboard.press("ArrowRight");
    await until("the top cut to move", async () => Number(await page.inputValue('[data-testid="camera-cut-top"]')) === topCut + 1);
    await page.keyboard.press("ArrowLeft");
    await until("the top cut back", async () => Number(await page.inputValue('[data-testid="camera-cut-top"]')) === topCut);
    await page.evaluate(() => { document.querySelector('[data-testid="camera"]')?.scrollIntoView(); window.scrollBy(0, -70); });
    await screenshot("capture-camera-crop");
    await page.click('[data-testid="camera-keep"]');
    await page.waitForSelector('[data-testid="camera-kept"]');
    const photo = await checked(/page-[\d-]+\.png/);
    assert.match(photo, /Scan · PNG/, "checked by the core as a scan");
    await page.click('[data-testid="camera-close"]');
    await page.waitForSelector('[data-testid="camera-start"]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot("capture-new-case", true);

    // ---- Both as one case, nothing typed. ----
    assert.equal(await page.inputValue('[data-testid="statement"]'), "", "nothing typed");
    await page.selectOption("#language", "en");
    await page.click('[data-testid="submit"]');
    await until("case 1 to be queued", async () => (await text('[data-testid="submit-message"]')).includes("Case 1 queued"));
    const view = await reviewed(1);
    const audioInput = view.inputs.find((i) => i.kind === "audio");
    const imageInput = view.inputs.find((i) => i.kind === "image");
    assert.equal(view.inputs.length, 2, "a recording and a page, nothing typed");
    assert.ok(recall(audioInput.text ?? "", SPOKEN_WORDS) >= 0.7, `the transcript holds the spoken complaint: ${audioInput.text}`);
    assert.ok(recall(imageInput.text ?? "", WRITTEN_WORDS) >= 0.85, `the OCR text holds the page: ${imageInput.text}`);
    console.log(`transcript: ${audioInput.text}\nOCR: ${imageInput.text}`);

    // ---- Review: the recording's position and length, the photo zoomed. ----
    await page.click('[data-testid="open-queue"]');
    await page.waitForSelector('[data-testid="job-row"][data-state="awaiting_review"]');
    await page.click(`[data-testid="job-row"][data-job="${view.job.id}"] [data-testid="open-review"]`);
    await page.waitForSelector('[data-testid="source-audio"]');
    await page.waitForSelector('[data-testid="source-scan"] img');
    const length = await until("the recording's length", async () => {
      const shownLength = await text('[data-testid="source-audio"] [data-testid="audio-length"]');
      return shownLength !== "--:--" && seconds(shownLength) >= Math.floor(spokenSeconds) ? shownLength : null;
    });
    assert.equal(await text('[data-testid="source-audio"] [data-testid="audio-position"]'), "0:00");
    await page.focus('[data-testid="source-audio"] [data-testid="audio-seek"]');
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await until("the position to move by the keys", async () => (await text('[data-testid="source-audio"] [data-testid="audio-position"]')) === "0:02");
    const sources = await text('[aria-label="Sources"]');
    assert.ok(recall(sources, ["bicycle", "stolen", "mobile phone", "Sunday"]) === 1, "Review shows the transcript and the OCR text");
    const zoom = () => page.getAttribute('[data-testid="source-scan"]', "data-zoom");
    const imgWidth = () => page.$eval('[data-testid="source-scan"] img', (img) => [img.clientWidth, img.naturalWidth]);
    assert.equal(await zoom(), "fit");
    const [fitted, natural] = await imgWidth();
    assert.ok(fitted < natural, "fitted to the column");
    await page.click('[data-testid="source-scan"] [data-testid="zoom-200"]');
    await until("200%", async () => (await zoom()) === "2" && (await imgWidth())[0] === natural * 2);
    await page.click('[data-testid="source-scan"] [data-testid="zoom-out"]');
    await until("a step out", async () => (await zoom()) === "1.5");
    // Keys on the picture: 1 is 100%, 0 fits, + steps in.
    await page.focus('[data-testid="source-scan"] .viewport');
    await page.keyboard.press("1");
    await until("100% by the key", async () => (await zoom()) === "1" && (await imgWidth())[0] === natural);
    await page.evaluate(() => { const list = document.querySelector(".sources"); const scan = document.querySelector('[data-testid="source-scan"]'); if (list && scan) list.scrollTo(0, scan.offsetTop - 60); });
    await screenshot("capture-review-zoom");
    await page.keyboard.press("0");
    await until("fitted by the key", async () => (await zoom()) === "fit");
    await page.keyboard.press("+");
    await until("a step in by the key", async () => (await zoom()) !== "fit");
    await page.keyboard.press("0");
    await until("fitted again", async () => (await zoom()) === "fit");
    await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector(".sources")?.scrollTo(0, 0); });
    await screenshot("capture-review");
    console.log(`Review: the recording is ${length}; the photo zooms`);

    // The controls in Hindi too (the rest of the screens: tests/e2e/i18n.mjs).
    await page.click('[data-testid="lang-hi"]');
    await until("Hindi", async () => (await page.evaluate(() => document.documentElement.lang)) === "hi");
    const words = await page.$$eval('[data-testid="source-audio"], [data-testid="source-scan"] [role="toolbar"]', (els) => els.flatMap((el) =>
      [el.innerText, ...[...el.querySelectorAll("[aria-label]")].map((x) => x.getAttribute("aria-label"))]).join(" "));
    assert.deepEqual(words.match(/[A-Za-z]{2,}/g) ?? [], [], `no English on the player and zoom in Hindi: ${words}`);
    await page.click('[data-testid="lang-en"]');

    // ---- A scanned PDF: previewed in Review by the browser's own viewer. ----
    await page.click('nav button[data-screen="new"]');
    await page.setInputFiles('[data-testid="file-input"]', [{ name: "scanned complaint.pdf", mimeType: "application/pdf", buffer: readFileSync(scanPdf) }]);
    await checked(/scanned complaint\.pdf/);
    await page.click('[data-testid="submit"]');
    await until("case 2 to be queued", async () => (await text('[data-testid="submit-message"]')).includes("Case 2 queued"));
    const pdfView = await reviewed(2);
    await page.click('nav button[data-screen="queue"]');
    await page.click(`[data-testid="job-row"][data-job="${pdfView.job.id}"] [data-testid="open-review"]`);
    const frame = await page.waitForSelector('[data-testid="source-pdf"]');
    assert.match(await frame.getAttribute("src"), /^blob:/, "the PDF is shown from the input's bytes");
    assert.match(await frame.getAttribute("title"), /Scanned PDF scanned complaint\.pdf/);
    // The PDF viewer has the frame: its document is the plugin's, not an error page.
    await until("the PDF in its frame", async () => {
      const child = await frame.contentFrame();
      return child && (await child.evaluate(() => document.contentType).catch(() => null)) === "application/pdf";
    }, 60_000);
    await sleep(1500); // the viewer draws the page; only the screenshot needs it
    await screenshot("capture-review-pdf");

    // Only the pages asked before signing in were refused (401); a CSP refusal would show here.
    assert.deepEqual(consoleErrors.filter((e) => !e.includes("401")), [], "no errors in the browser console");
    console.log("capture e2e: passed");
  },
});
