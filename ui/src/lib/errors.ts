// Errors as the officer reads them. The core and the station server send `{error: code,
// message}` with the message in English; the screen shows the code's text in the user's
// language and keeps the server's message beside it as the detail (what exactly went
// wrong, and what a support call needs). In English the server's message is the text.

import { ApiError } from "./api";
import { m } from "./paraglide/messages.js";
import { baseLocale, getLocale } from "./paraglide/runtime.js";
import type { ErrorCode } from "./types";

/** Total over the generated `ErrorCode`: a code added in Rust fails `npm run check:ui`
 * until it has a message here (and, by the catalogue test, in every language). */
export const ERROR_TEXT: Record<ErrorCode, () => string> = {
  unauthorized: m.error_unauthorized,
  forbidden: m.error_forbidden,
  sign_in_failed: m.error_sign_in_failed,
  not_found: m.error_not_found,
  invalid: m.error_invalid,
  rejected_file: m.error_rejected_file,
  busy: m.error_busy,
  conflict: m.error_conflict,
  draft_changed: m.error_draft_changed,
  database_unavailable: m.error_database_unavailable,
  unreachable: m.error_unreachable,
  incomplete: m.error_incomplete,
  no_signing_key: m.error_no_signing_key,
  internal: m.error_internal,
};

const isCode = (code: string): code is ErrorCode => Object.prototype.hasOwnProperty.call(ERROR_TEXT, code);

/** What to show: `text` in the user's language, `detail` the server's own words (English). */
export interface Explained { text: string; detail: string | null }

export function explain(err: unknown): Explained {
  if (err instanceof ApiError && !err.local) return fromServer(err.code, err.message);
  // Written here, in the user's language already (a date typed wrong, a file refused).
  if (err instanceof Error) return { text: err.message, detail: null };
  return fromServer("internal", String(err ?? ""));
}

/** A message the server wrote (`code` if it sent one): its code's text plus its words. */
export function fromServer(code: string, message: string): Explained {
  const said = message.trim() || null;
  const text = ERROR_TEXT[isCode(code) ? code : "internal"]();
  if (getLocale() === baseLocale) return { text: said ?? text, detail: null };
  return { text, detail: said };
}
