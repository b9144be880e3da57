// Pure logic of capture in the app (microphone, camera) and of the Review previews
// (audio position, image zoom): no DOM, no transport; unit-tested with vitest.

import { m } from "./paraglide/messages.js";

/** Why a microphone or camera could not be used: a sentence in the user's language, the browser's words as detail. */
export interface Problem { text: string; detail?: string }

/** What getUserMedia's refusal means for the officer, by the error's name. */
export function deviceProblem(err: unknown, device: "mic" | "cam"): Problem {
  const name = (err as { name?: unknown } | null)?.name;
  const message = (err as { message?: unknown } | null)?.message;
  const detail = typeof message === "string" && message ? message : undefined;
  const mic = device === "mic";
  switch (name) {
    case "NotAllowedError": case "SecurityError": case "PermissionDeniedError":
      return { text: mic ? m.mic_denied() : m.cam_denied(), detail };
    case "NotFoundError": case "OverconstrainedError": case "DevicesNotFoundError":
      return { text: mic ? m.mic_missing() : m.cam_missing(), detail };
    case "NotReadableError": case "AbortError": case "TrackStartError":
      return { text: mic ? m.mic_busy() : m.cam_busy(), detail };
    case "TypeError": case "NotSupportedError":
      return { text: m.capture_unsupported(), detail };
    default:
      return { text: m.capture_failed(), detail: detail ?? (err == null ? undefined : String(err)) };
  }
}

/**
 * The recording formats to ask MediaRecorder for, best first: each is one the core
 * reads (Ogg Opus, as Firefox records; WebM, as Chromium records; MPEG-4 AAC, as
 * Safari and WebKit record). Both Opus containers go through ffmpeg in the core.
 */
export const RECORDING_TYPES = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/webm", "audio/mp4;codecs=mp4a.40.2", "audio/mp4"] as const;

/** The first of `RECORDING_TYPES` this browser records; "" leaves the choice to it. */
export function recordingType(supported: (type: string) => boolean): string {
  return RECORDING_TYPES.find((t) => supported(t)) ?? "";
}

/** A file extension for what was recorded or captured, from its MIME type. */
export function extensionFor(mime: string): string {
  const base = mime.split(";")[0].trim().toLowerCase();
  const known: Record<string, string> = {
    "audio/ogg": "ogg", "audio/webm": "webm", "video/webm": "webm", "audio/mp4": "m4a",
    "audio/mpeg": "mp3", "audio/wav": "wav", "image/png": "png", "image/jpeg": "jpg",
  };
  return known[base] ?? "bin";
}

/** A recording's or photo's file name from when it was made: `recording-2026-12-06-1405.webm`. */
export function captureName(prefix: "recording" | "page", mime: string, at: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
  return `${prefix}-${stamp}.${extensionFor(mime)}`;
}

/**
 * The sound level of a block of an AnalyserNode's time-domain bytes (128 is silence),
 * 0 to 1: the RMS, scaled so that ordinary speech fills most of the meter.
 */
export function levelOf(samples: ArrayLike<number>): number {
  if (!samples.length) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = (samples[i] - 128) / 128;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / samples.length);
  return Math.min(1, rms * 3);
}

/** A position or length as a clock: "0:07", "12:05", "1:02:03"; "--:--" when not known. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const whole = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, "0");
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * A recording's length: what the media element says when it knows (a WebM that
 * MediaRecorder wrote states none, so the element says Infinity or NaN), else `known`
 * (measured while recording), else NaN.
 */
export function knownDuration(elementDuration: number, known?: number | null): number {
  if (Number.isFinite(elementDuration) && elementDuration > 0) return elementDuration;
  return known != null && Number.isFinite(known) && known > 0 ? known : NaN;
}

/** Quarter turns clockwise, kept in 0..3. */
export function turn(quarters: number, by: number): number {
  return (((quarters + by) % 4) + 4) % 4;
}

/** The size of a `width` × `height` picture after `quarters` quarter turns. */
export function turnedSize(width: number, height: number, quarters: number): { width: number; height: number } {
  return quarters % 2 ? { width: height, height: width } : { width, height };
}

/** Margins to crop away, each a share of the turned picture's side (0 to 1). */
export interface Margins { top: number; right: number; bottom: number; left: number }

export const NO_MARGINS: Margins = { top: 0, right: 0, bottom: 0, left: 0 };

/** The least of the picture that is always kept, as a share of each side. */
export const MIN_KEPT = 0.1;

/**
 * Margins held in range: none negative, and at least `MIN_KEPT` of each side kept
 * (a margin that would leave less is cut back; the one being moved is `moving`).
 */
export function clampMargins(m: Margins, moving?: keyof Margins): Margins {
  const c = (v: number) => Math.min(1 - MIN_KEPT, Math.max(0, Number.isFinite(v) ? v : 0));
  const out = { top: c(m.top), right: c(m.right), bottom: c(m.bottom), left: c(m.left) };
  const fit = (a: "top" | "left", b: "bottom" | "right") => {
    const over = out[a] + out[b] - (1 - MIN_KEPT);
    if (over <= 0) return;
    // The margin moved last gives way, so a slider stops where the other one is.
    if (moving === b) out[b] -= over;
    else if (moving === a) out[a] -= over;
    else { out[a] -= over / 2; out[b] -= over / 2; }
  };
  fit("top", "bottom");
  fit("left", "right");
  return out;
}

/** The margins that a rectangle dragged between two points (shares of each side, 0 to 1) keeps. */
export function marginsFromDrag(x0: number, y0: number, x1: number, y1: number): Margins {
  const c = (v: number) => Math.min(1, Math.max(0, v));
  const [left, right] = [c(Math.min(x0, x1)), c(Math.max(x0, x1))];
  const [top, bottom] = [c(Math.min(y0, y1)), c(Math.max(y0, y1))];
  return clampMargins({ top, left, right: 1 - right, bottom: 1 - bottom });
}

/** The pixels of a `width` × `height` (turned) picture that `margins` keep, whole pixels, at least one. */
export function cropRect(width: number, height: number, m: Margins): { x: number; y: number; width: number; height: number } {
  const k = clampMargins(m);
  const x = Math.round(width * k.left);
  const y = Math.round(height * k.top);
  return {
    x, y,
    width: Math.max(1, Math.round(width * (1 - k.right)) - x),
    height: Math.max(1, Math.round(height * (1 - k.bottom)) - y),
  };
}

/** How a scan is shown in Review: fitted to the column, or at a scale (1 = its own pixels). */
export type Zoom = "fit" | number;

export const ZOOM_STEPS = [0.5, 1, 1.5, 2, 3, 4] as const;

/**
 * The next zoom in (`by` 1) or out (-1) from `zoom`; from "fit", `fitScale` (the scale
 * the fitted picture is shown at) is where the steps start.
 */
export function stepZoom(zoom: Zoom, by: 1 | -1, fitScale = 1): Zoom {
  const now = zoom === "fit" ? fitScale : zoom;
  if (by > 0) return ZOOM_STEPS.find((s) => s > now + 1e-6) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1];
  const lower = [...ZOOM_STEPS].reverse().find((s) => s < now - 1e-6);
  return lower ?? ZOOM_STEPS[0];
}

/** What a key does to a scan's zoom: + and - step, 0 fits, 1 and 2 are 100% and 200%. */
export function zoomForKey(key: string, zoom: Zoom, fitScale = 1): Zoom | null {
  switch (key) {
    case "+": case "=": return stepZoom(zoom, 1, fitScale);
    case "-": case "_": return stepZoom(zoom, -1, fitScale);
    case "0": return "fit";
    case "1": return 1;
    case "2": return 2;
    default: return null;
  }
}

/** The window event by which recording and playback keep the desk awake. */
export const ACTIVITY_EVENT = "afirgen:activity";

/**
 * Says the officer is still at the desk though no key or pointer moved: a hands-free
 * recording or a statement played back must not let the idle lock sign them out. The
 * page's idle timer and its "still here" call to the core listen for it.
 */
export function stillBusy(target: EventTarget = window): void {
  target.dispatchEvent(new Event(ACTIVITY_EVENT));
}
