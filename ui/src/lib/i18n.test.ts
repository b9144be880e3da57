// The catalogues: Paraglide falls back to English for a message Hindi lacks, silently,
// so these tests are what keep the two complete. They also hold the catalogue to what
// the core sends: every error code, and every label of the review form (form.rs) and of
// the items finalisation requires (completeness.rs), read from the Rust sources.

import { afterEach, describe, expect, it } from "vitest";
import enJson from "../../messages/en.json?raw";
import hiJson from "../../messages/hi.json?raw";
import bindings from "./bindings.ts?raw";
import formRs from "../../../crates/afirgen-core/src/form.rs?raw";
import completenessRs from "../../../crates/afirgen-core/src/completeness.rs?raw";
import { ApiError } from "./api";
import { ERROR_TEXT, explain } from "./errors";
import { fieldLabel, itemTitle, jobStatus, keyOf, missingLabel, optionLabel } from "./labels";
import { formatBytes, formatTime, precheckFile } from "./logic";
import { baseLocale, getLocale, overwriteGetLocale, type Locale } from "./paraglide/runtime.js";

const catalogue = (json: string): Record<string, string> => {
  const { $schema: _, ...messages } = JSON.parse(json) as Record<string, string>;
  return messages;
};
const en = catalogue(enJson);
const hi = catalogue(hiJson);
const params = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
const DEVANAGARI = /[\u0900-\u097F]/;

// Tests switch the language the way the app does: through the locale getter.
const english = getLocale;
function speak(locale: Locale) { overwriteGetLocale(() => locale); }
afterEach(() => overwriteGetLocale(english));

describe("the catalogues", () => {
  it("have the same messages in English and Hindi", () => {
    expect(Object.keys(hi).filter((k) => !(k in en)), "in Hindi only").toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in hi)), "missing in Hindi").toEqual([]);
  });
  it("give each message the same parameters in both", () => {
    const differ = Object.keys(en).filter((k) => params(en[k]).join() !== params(hi[k] ?? "").join());
    expect(differ).toEqual([]);
  });
  it("have Hindi written in Hindi, not English copied over", () => {
    // Only units (KB, MB) are the same in both.
    const untranslated = Object.keys(hi).filter((k) => !hi[k].trim() || (!DEVANAGARI.test(hi[k]) && !/^unit_(kb|mb)$/.test(k)));
    expect(untranslated).toEqual([]);
  });
  it("keep English as the base language", () => expect(baseLocale).toBe("en"));
});

describe("errors from the core and the server", () => {
  const codes = /export type ErrorCode = ([^;]+);/.exec(bindings)![1].match(/"(\w+)"/g)!.map((c) => c.slice(1, -1));
  it("have a message for every code the core can send, in both languages", () => {
    expect(codes.length).toBeGreaterThan(5);
    expect(Object.keys(ERROR_TEXT).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(en[`error_${code}`], code).toBeTruthy();
      expect(hi[`error_${code}`], code).toMatch(DEVANAGARI);
    }
  });
  it("show the server's words in English, and the code's text in Hindi with them as detail", () => {
    const err = new ApiError("case 999999 not found", "not_found");
    expect(explain(err)).toEqual({ text: "case 999999 not found", detail: null });
    speak("hi");
    expect(explain(err)).toEqual({ text: hi.error_not_found, detail: "case 999999 not found" });
    expect(explain(new ApiError("odd", "no_such_code")).text).toBe(hi.error_internal);
    // Written here in the user's language already: shown as it is.
    expect(explain(new Error("तिथि"))).toEqual({ text: "तिथि", detail: null });
  });
});

// The form as form.rs lays it out, read from its source (comments dropped).
const layout = formRs.split("#[cfg(test)]")[0].replace(/\/\/.*$/gm, "");
const FIELD = /field\(\s*"([^"]+)",\s*"([^"]+)",\s*\w+,?\s*\)/g;
const rowBlocks = [...layout.matchAll(/rows\(\s*"([^"]+)",\s*"([^"]+)",\s*"([^"]+)",\s*vec!\[([^\]]*)\]/g)];

describe("the review form, as the core describes it", () => {
  it("has every field's label in both languages, the English as the core's", () => {
    const expected: [string, string][] = [];
    let top = layout;
    for (const [block, , list, , fields] of rowBlocks) {
      for (const [, path, label] of fields.matchAll(FIELD)) expected.push([`${list}.${path}`, label]);
      top = top.replace(block, "");
    }
    for (const [, path, label] of top.matchAll(FIELD)) expected.push([path, label]);
    expect(expected.length).toBeGreaterThan(45);
    for (const [path, label] of expected) {
      expect(en[`field_${keyOf(path)}`], path).toBe(label);
      expect(hi[`field_${keyOf(path)}`], path).toMatch(DEVANAGARI);
    }
    speak("hi");
    expect(fieldLabel("complainant.name", "Name")).toBe("नाम");
    expect(fieldLabel("action_taken.investigating_officer", "?")).toBe("विवेचक (2)");
  });
  it("has every item's heading and every row's name", () => {
    const items = [...layout.matchAll(/\bitem\(\s*"([^"]+)",\s*vec!\[\s*(?:FormField \{[\s\S]*?\.\.)?field\(\s*"([^"]+)"/g)]
      .map(([, title, path]) => [path.split(".")[0], title]);
    const lists = rowBlocks.map(([, title, list, row]) => [list, title, row]);
    expect(items.length + lists.length).toBe(13);
    for (const [part, title] of items) expect(en[`item_${keyOf(part)}`], part).toBe(title);
    for (const [list, title, row] of lists) {
      expect(en[`item_${keyOf(list)}`], list).toBe(title);
      expect(en[`row_${keyOf(list)}`], list).toBe(row);
    }
    speak("hi");
    expect(itemTitle({ title: "6. Complainant / informant", rows: null, row_label: null, fields: [{ path: "complainant.name", label: "Name", kind: "text", options: [] }], after: [] }))
      .toBe("6. शिकायतकर्ता / सूचनाकर्ता");
  });
  it("has every choice's label", () => {
    const choices = [...layout.matchAll(/\(\s*"([a-z_]+)",\s*"([^"]+)",?\s*\)/g)].map(([, value, label]) => [value, label]);
    expect(choices.length).toBe(7);
    for (const [value, label] of choices) {
      const key = Object.keys(en).find((k) => k.startsWith("option_") && k.endsWith(`_${keyOf(value)}`));
      expect(key && en[key], value).toBe(label);
    }
    speak("hi");
    expect(optionLabel("information_type", "oral", "Oral")).toBe("मौखिक");
  });
  it("names every item finalisation requires, as completeness.rs does", () => {
    const required = [...completenessRs.matchAll(/\(\s*"([a-z_.]+)",\s*"([^"]+)",\s*(?:blank|draft|action|chosen)/g)];
    expect(required.length).toBe(16);
    for (const [, path, label] of required) {
      expect(missingLabel({ path, label }), path).toBe(label);
      expect(hi[`missing_${keyOf(path)}`], path).toMatch(DEVANAGARI);
    }
    speak("hi");
    expect(missingLabel({ path: "header.state", label: "State (item 1)" })).toBe("राज्य (मद 1)");
  });
  it("falls back to the core's English for a field the catalogue does not know yet", () => {
    speak("hi");
    expect(fieldLabel("complainant.shoe_size", "Shoe size")).toBe("Shoe size");
  });
});

describe("dates, numbers and states in the user's language", () => {
  const at = Date.UTC(2026, 10, 26, 8, 35); // 26 Nov 2026, 14:05 in India
  it("writes dates day first, 24-hour, in en-IN and hi-IN", () => {
    expect(formatTime(at, "en-IN", "Asia/Kolkata")).toBe("26 Nov 2026, 14:05");
    expect(formatTime(at, "hi-IN", "Asia/Kolkata")).toMatch(/^26 नव॰? 2026, 14:05$/);
    expect(formatTime(null)).toBe("");
  });
  it("writes sizes with Indian grouping and the units in Hindi too", () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe("25.0 MB");
    expect(formatBytes(512)).toBe("512 bytes");
    speak("hi");
    expect(formatBytes(512)).toBe("512 बाइट");
    expect(precheckFile({ name: "a.wav", size: 0, type: "" }, 10)).toBe("a.wav खाली है (0 बाइट)");
  });
  it("names job states and steps, with a failure's reason kept apart", () => {
    expect(jobStatus({ state: "extracting", step: "extract", error: null })).toEqual({ text: "Extracting facts", detail: null });
    expect(jobStatus({ state: "failed", step: "extract", error: { kind: "model", step: "extract", message: "model down" } }))
      .toEqual({ text: "Failed:", detail: "model down" });
    speak("hi");
    expect(jobStatus({ state: "awaiting_review", step: "draft", error: null }).text).toBe("समीक्षा बाकी");
  });
});
