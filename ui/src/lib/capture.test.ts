import { describe, expect, it } from "vitest";
import {
  captureName, clampMargins, deviceProblem, cropRect, extensionFor, formatClock, knownDuration, levelOf, marginsFromDrag,
  NO_MARGINS, recordingType, stepZoom, turn, turnedSize, zoomForKey, ACTIVITY_EVENT, stillBusy,
} from "./capture";

describe("hands-free work keeps the desk awake", () => {
  it("says so with the event the idle lock listens for", () => {
    const target = new EventTarget();
    let heard = 0;
    target.addEventListener(ACTIVITY_EVENT, () => heard++);
    stillBusy(target);
    stillBusy(target);
    expect(heard).toBe(2);
    // Another event name would not reach the idle lock.
    target.addEventListener("afirgen:unauthorized", () => (heard = -1));
    stillBusy(target);
    expect(heard).toBe(3);
  });
});

describe("recording format", () => {
  it("asks for the first format the core reads that the browser records", () => {
    // Chromium: WebM, not Ogg.
    expect(recordingType((t) => t.startsWith("audio/webm"))).toBe("audio/webm;codecs=opus");
    // Firefox: Ogg Opus first.
    expect(recordingType(() => true)).toBe("audio/ogg;codecs=opus");
    // WebKit: MPEG-4.
    expect(recordingType((t) => t === "audio/mp4")).toBe("audio/mp4");
    expect(recordingType(() => false)).toBe("");
  });
  it("names files from their type and time", () => {
    expect(extensionFor("audio/webm;codecs=opus")).toBe("webm");
    expect(extensionFor("audio/ogg; codecs=opus")).toBe("ogg");
    expect(extensionFor("audio/mp4")).toBe("m4a");
    expect(extensionFor("image/png")).toBe("png");
    expect(extensionFor("application/x-odd")).toBe("bin");
    expect(captureName("recording", "audio/webm;codecs=opus", new Date(2026, 11, 6, 9, 5, 7))).toBe("recording-2026-12-06-090507.webm");
    expect(captureName("page", "image/png", new Date(2026, 0, 31, 23, 59, 0))).toBe("page-2026-01-31-235900.png");
  });
});

describe("device problems", () => {
  it("say what to do, by the browser's error name, the browser's words as detail", () => {
    const denied = deviceProblem({ name: "NotAllowedError", message: "Permission denied" }, "mic");
    expect(denied.text).toContain("microphone was refused");
    expect(denied.detail).toBe("Permission denied");
    expect(deviceProblem({ name: "NotFoundError" }, "cam").text).toContain("No camera was found");
    expect(deviceProblem({ name: "NotReadableError" }, "cam").text).toContain("in use by another program");
    expect(deviceProblem(new Error("odd"), "mic")).toEqual({ text: "It could not be started.", detail: "odd" });
  });
});

describe("level meter", () => {
  it("is 0 for silence and rises with loudness, at most 1", () => {
    expect(levelOf(new Uint8Array(256).fill(128))).toBe(0);
    expect(levelOf([])).toBe(0);
    const quiet = levelOf(Array.from({ length: 256 }, (_, i) => 128 + (i % 2 ? 6 : -6)));
    const loud = levelOf(Array.from({ length: 256 }, (_, i) => 128 + (i % 2 ? 40 : -40)));
    expect(quiet).toBeGreaterThan(0);
    expect(loud).toBeGreaterThan(quiet);
    expect(levelOf(Array.from({ length: 256 }, (_, i) => (i % 2 ? 255 : 0)))).toBe(1);
  });
});

describe("audio clock", () => {
  it("shows positions and lengths as clocks", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(7.9)).toBe("0:07");
    expect(formatClock(725)).toBe("12:05");
    expect(formatClock(3723)).toBe("1:02:03");
  });
  it("says --:-- only when the length is not known", () => {
    expect(formatClock(NaN)).toBe("--:--");
    expect(formatClock(Infinity)).toBe("--:--");
  });
  it("takes the measured length when the element has none (a MediaRecorder WebM)", () => {
    expect(knownDuration(Infinity, 9.4)).toBe(9.4);
    expect(knownDuration(NaN, null)).toBeNaN();
    expect(knownDuration(12.5, 9.4)).toBe(12.5);
  });
});

describe("rotate and crop", () => {
  it("turns in quarter steps either way", () => {
    expect(turn(0, 1)).toBe(1);
    expect(turn(3, 1)).toBe(0);
    expect(turn(0, -1)).toBe(3);
    expect(turnedSize(1280, 720, 1)).toEqual({ width: 720, height: 1280 });
    expect(turnedSize(1280, 720, 2)).toEqual({ width: 1280, height: 720 });
  });
  it("keeps margins in range and always some of the page", () => {
    const wild = clampMargins({ top: -1, right: 2, bottom: NaN, left: 0.2 });
    expect([wild.top, wild.bottom]).toEqual([0, 0]);
    // Both margins give way alike when neither is being moved.
    expect(wild.left).toBeCloseTo(0.1);
    expect(wild.right).toBeCloseTo(0.8);
    // The margin being moved stops where the opposite one is.
    const m = clampMargins({ top: 0.5, right: 0, bottom: 0.6, left: 0 }, "bottom");
    expect(m.top).toBe(0.5);
    expect(m.bottom).toBeCloseTo(0.4);
  });
  it("crops whole pixels of the turned picture", () => {
    expect(cropRect(720, 1280, NO_MARGINS)).toEqual({ x: 0, y: 0, width: 720, height: 1280 });
    expect(cropRect(1000, 500, { top: 0.1, right: 0.25, bottom: 0.2, left: 0.05 })).toEqual({ x: 50, y: 50, width: 700, height: 350 });
  });
  it("reads a dragged rectangle in any direction as margins", () => {
    const m = marginsFromDrag(0.9, 0.8, 0.1, 0.2);
    expect(m.left).toBeCloseTo(0.1);
    expect(m.right).toBeCloseTo(0.1);
    expect(m.top).toBeCloseTo(0.2);
    expect(m.bottom).toBeCloseTo(0.2);
    // A click without a drag keeps at least the minimum.
    const dot = marginsFromDrag(0.5, 0.5, 0.5, 0.5);
    expect(1 - dot.left - dot.right).toBeGreaterThanOrEqual(0.1 - 1e-9);
  });
});

describe("zoom", () => {
  it("steps in and out from fit or a scale", () => {
    expect(stepZoom("fit", 1, 0.6)).toBe(1);
    expect(stepZoom("fit", -1, 0.6)).toBe(0.5);
    expect(stepZoom(1, 1)).toBe(1.5);
    expect(stepZoom(4, 1)).toBe(4);
    expect(stepZoom(0.5, -1)).toBe(0.5);
  });
  it("answers the keys, and no others", () => {
    expect(zoomForKey("+", 1)).toBe(1.5);
    expect(zoomForKey("-", 2)).toBe(1.5);
    expect(zoomForKey("0", 2)).toBe("fit");
    expect(zoomForKey("1", "fit")).toBe(1);
    expect(zoomForKey("2", "fit")).toBe(2);
    expect(zoomForKey("a", 1)).toBeNull();
  });
});
