import { describe, expect, it } from "vitest";
import { catalogueKey, checkSettings, citation, dateToMs, diffEdits, getPath, precheckFile, progress, readDate, readTime, shown, sourceOf } from "./logic";
import type { Settings } from "./types";

const MB = 1024 * 1024;

describe("precheckFile", () => {
  it("accepts recordings and scans by name or type", () => {
    expect(precheckFile({ name: "complaint.wav", size: 1000, type: "" }, 25 * MB)).toBeNull();
    expect(precheckFile({ name: "scan", size: 1000, type: "image/png" }, 25 * MB)).toBeNull();
    expect(precheckFile({ name: "शिकायत.pdf", size: 10, type: "" }, 25 * MB)).toBeNull();
    expect(precheckFile({ name: "statement.txt", size: 10, type: "text/plain" }, 25 * MB)).toBeNull();
  });
  it("refuses empty, oversized and other files with the reason", () => {
    expect(precheckFile({ name: "a.wav", size: 0, type: "" }, MB)).toContain("empty");
    expect(precheckFile({ name: "big.wav", size: 30 * MB, type: "" }, 25 * MB)).toContain("over the limit of 25.0 MB");
    expect(precheckFile({ name: "notes.docx", size: 5, type: "application/msword" }, MB)).toContain("not a recording or a scan");
  });
});

describe("diffEdits", () => {
  const draft = { complainant: { name: "Ravi", phone: null }, total_property_value_inr: 5000, accused: [{ name: "unknown" }] };
  const numeric = new Map([["total_property_value_inr", "rupees"]]);
  it("sends only changed fields, keeping Devanagari as typed", () => {
    const edits = diffEdits(draft, { "complainant.name": "रवि कुमार", "complainant.phone": "", "accused.0.name": "unknown" }, numeric);
    expect(edits).toEqual([{ path: "complainant.name", value: "रवि कुमार" }]);
  });
  it("clears a field with null and parses rupee amounts", () => {
    expect(diffEdits(draft, { "complainant.name": " ", total_property_value_inr: "₹ 12,500" }, numeric)).toEqual([
      { path: "complainant.name", value: null },
      { path: "total_property_value_inr", value: 12500 },
    ]);
  });
  it("refuses an amount that is not a number", () => {
    expect(() => diffEdits(draft, { total_property_value_inr: "about five" }, numeric)).toThrow("not an amount");
  });
});

describe("small helpers", () => {
  it("reads dotted paths", () => {
    expect(getPath({ a: [{ b: "x" }] }, "a.0.b")).toBe("x");
    expect(getPath(null, "a.b")).toBeUndefined();
  });
  it("formats citations both ways", () => {
    expect(citation({ act: "BNS", section: "303(2)" })).toBe("303(2) BNS");
    expect(catalogueKey({ act: "BNS", section: "303(2)" })).toBe("303(2)");
    expect(catalogueKey({ act: "IT Act", section: "66D" })).toBe("IT Act 66D");
  });
  it("moves progress as soon as a step starts", () => {
    expect(progress({ steps_done: 0, steps_total: 4, job: { state: "queued" } })).toBe(0);
    expect(progress({ steps_done: 1, steps_total: 4, job: { state: "extracting" } })).toBe(38);
    expect(progress({ steps_done: 4, steps_total: 4, job: { state: "awaiting_review" } })).toBe(100);
  });
  it("turns date inputs into an inclusive range", () => {
    const from = dateToMs("2026-11-01")!;
    const to = dateToMs("2026-11-01", true)!;
    expect(to - from).toBe(24 * 3600 * 1000);
    expect(dateToMs("")).toBeNull();
  });
});

describe("checkSettings", () => {
  const base: Settings = {
    station_code: "DL-0123", station_name: null, district: null, state: null, officer_name: null, officer_rank: null,
    llm_urls: ["http://127.0.0.1:8080"], asr_urls: [], max_concurrent_requests: 15, max_concurrent_model_calls: 10,
    database_url: null, ocr_languages: "eng+hin", start_local_models: false, export_dir: null,
    station_server_url: null, station_api_key: null, idle_lock_seconds: null,
  };
  it("accepts a sound configuration", () => expect(checkSettings(base)).toBeNull());
  it("names what is wrong", () => {
    expect(checkSettings({ ...base, station_code: "" })).toContain("Station code is required");
    expect(checkSettings({ ...base, llm_urls: ["localhost:8080"] })).toContain("not an http://");
    expect(checkSettings({ ...base, max_concurrent_requests: 0 })).toContain("Jobs at once");
    expect(checkSettings({ ...base, database_url: "postgres://x" })).toContain("mysql://");
    expect(checkSettings({ ...base, ocr_languages: "eng hin" })).toContain("OCR languages");
    expect(checkSettings({ ...base, station_server_url: "192.168.1.10:8787", station_api_key: "afg_1_2" })).toContain("Station server must be");
    expect(checkSettings({ ...base, station_server_url: "http://192.168.1.10:8787/afirgen", station_api_key: "afg_1_2" })).toContain("host and port only");
    expect(checkSettings({ ...base, station_server_url: "http://192.168.1.10:8787" })).toContain("API key");
  });
  it("accepts a station server with a key", () =>
    expect(checkSettings({ ...base, station_server_url: "http://192.168.1.10:8787/", station_api_key: "afg_ab_…" })).toBeNull());
});

describe("sourceOf", () => {
  const draft = { sources: { "complainant.name": "rule", accused: "model", "accused.0.name": "officer", properties: "rule" } };
  it("names where a field's value came from", () => {
    expect(sourceOf(draft, "complainant.name")).toBe("rule");
    expect(sourceOf(draft, "accused.0.name")).toBe("officer");
    expect(sourceOf(draft, "accused.1.particulars")).toBe("model");
    expect(sourceOf(draft, "properties.0.value_inr")).toBe("rule");
  });
  it("is null for fields nobody filled and for older drafts", () => {
    expect(sourceOf(draft, "complainant.phone")).toBeNull();
    expect(sourceOf({}, "complainant.name")).toBeNull();
    expect(sourceOf(null, "complainant.name")).toBeNull();
  });
});

describe("dates and times on the form", () => {
  it("shows stored dates the Indian way and reads them back", () => {
    const kinds = new Map([["occurrence.date_from", "date"]]);
    expect(shown("occurrence.date_from", "2026-11-25", kinds)).toBe("25-11-2026");
    expect(shown("complainant.name", "2026-11-25", kinds)).toBe("2026-11-25");
    for (const typed of ["25-11-2026", "25/11/2026", "25.11.2026", "2026-11-25", " 5-1-2026 "]) {
      expect(readDate("d", typed)).toBe(typed.trim() === "5-1-2026" ? "2026-01-05" : "2026-11-25");
    }
    expect(() => readDate("occurrence.date_from", "31-02-2026")).toThrow("write it as DD-MM-YYYY");
    expect(() => readDate("d", "11/25/2026")).toThrow("not a date");
    expect(() => readDate("d", "yesterday")).toThrow("not a date");
  });
  it("reads 24-hour times", () => {
    expect(readTime("t", "9:15")).toBe("09:15");
    expect(readTime("t", "21.05")).toBe("21:05");
    expect(() => readTime("occurrence.time_from", "9:15 pm")).toThrow("24-hour HH:MM");
    expect(() => readTime("t", "24:00")).toThrow("not a time");
  });
  it("sends dates stored and leaves an unchanged one alone", () => {
    const draft = { occurrence: { date_from: "2026-11-25", time_from: null } };
    const kinds = new Map([["occurrence.date_from", "date"], ["occurrence.time_from", "time"]]);
    expect(diffEdits(draft, { "occurrence.date_from": "25-11-2026" }, kinds)).toEqual([]);
    expect(diffEdits(draft, { "occurrence.date_from": "26/11/2026", "occurrence.time_from": "7:30" }, kinds)).toEqual([
      { path: "occurrence.date_from", value: "2026-11-26" },
      { path: "occurrence.time_from", value: "07:30" },
    ]);
  });
});
