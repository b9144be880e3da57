// The one API module. Two transports behind one interface: Tauri IPC inside the desktop
// app, HTTP + server-sent events when `afirgen serve` serves this UI to a browser.
// Screens import `api` and never know which one they run on.

import type {
  AppInfo, CaseForm, CaseView, Exported, FieldEdit, FinalRecord, HealthReport, Hit, JobEvent, JobRow,
  ModelChoice, ModelRole, QueueQuery, QueueView, RecordQuery, Role, Settings, SignInState, StagedFile, Submitted, User,
  UserInfo, Verification, Draft,
} from "./types";
import { isSettled } from "./logic";
import { m } from "./paraglide/messages.js";

export type { CaseForm };
export type Unwatch = () => void;

export interface Api {
  readonly transport: "tauri" | "http";
  appInfo(): Promise<AppInfo>;
  stageFile(file: File): Promise<StagedFile>;
  discardFile(id: number): Promise<void>;
  submitCase(form: CaseForm): Promise<Submitted>;
  /** A page of the queue (no query: the first page of every job). */
  queue(query?: QueueQuery): Promise<QueueView>;
  watchJob(jobId: number, onEvent: (e: JobEvent) => void): Promise<Unwatch>;
  cancelJob(jobId: number): Promise<boolean>;
  retryJob(jobId: number): Promise<void>;
  setPriority(jobId: number, urgent: boolean): Promise<void>;
  caseView(caseId: number): Promise<CaseView>;
  inputUrl(caseId: number, inputId: number, mime: string | null): Promise<string>;
  editDraft(caseId: number, edits: FieldEdit[]): Promise<Draft>;
  setSections(caseId: number, citations: string[]): Promise<Draft>;
  regenerate(jobId: number, what: "facts" | "sections", guidance: string | null): Promise<Draft>;
  /** Seals the draft revision the officer reviewed; a newer draft is refused (409). */
  finalize(jobId: number, draftRevision: number | null): Promise<FinalRecord>;
  exportPdf(caseId: number): Promise<Exported>;
  /** Prints the record's PDF (desktop: the system's print service; browser: the PDF opened for printing). */
  printPdf(caseId: number): Promise<string>;
  verifyCase(caseId: number): Promise<Verification>;
  verifyPdf(): Promise<Verification | null>;
  verifyCode(code: string): Promise<Verification>;
  searchRecords(query: RecordQuery): Promise<JobRow[]>;
  catalogueSearch(query: string, limit: number): Promise<Hit[]>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  health(): Promise<HealthReport>;
  /** The models each role can run on this desk (desktop): the harness's and the station's own. */
  modelChoices(): Promise<ModelChoice[]>;
  /** Chooses a model for its role; it runs from the app's next start. */
  chooseModel(name: string, role: ModelRole): Promise<void>;
  restart(): Promise<void>;
  /** Desktop desk of a station server: checks the key there and opens the server's UI. */
  connectStation(): Promise<{ name: string; role: "writer" | "sho" }>;
  /** Who is signed in, and whether the station's first officer must be created. */
  signInState(): Promise<SignInState>;
  /** Signs in by name and password (desktop: the desk's session; browser: a cookie). */
  signIn(name: string, password: string): Promise<User>;
  /** The desk's first start: creates the station house officer and signs them in. */
  createFirstSho(name: string, password: string): Promise<User>;
  signOut(): Promise<void>;
  /** The officer is at the desk: the idle lock starts again (desktop). */
  stillHere(): Promise<void>;
  users(): Promise<UserInfo[]>;
  addUser(name: string, role: Role, password: string): Promise<User>;
  setPassword(name: string, password: string): Promise<void>;
  revokeUser(name: string): Promise<void>;
}

/**
 * Errors from either transport: the message for the officer, and the core's stable code
 * (`not_found`, `busy`, `draft_changed`, …) for the screens to act on. Both the desktop
 * and the station server send `{error: code, message}`, the message in English; `local`
 * marks one written here in the user's language (errors.ts shows those as they are).
 */
export class ApiError extends Error {
  constructor(message: string, readonly code: string = "internal", readonly fields: string[] = [], readonly local = false) {
    super(message);
  }
}

export function asError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (typeof err === "string") return new ApiError(err);
  if (err && typeof err === "object" && "message" in err) {
    const report = err as { message: unknown; error?: unknown; fields?: unknown };
    return new ApiError(
      String(report.message),
      typeof report.error === "string" ? report.error : "internal",
      Array.isArray(report.fields) ? report.fields.map(String) : [],
    );
  }
  return new ApiError(String(err));
}

// ---- Tauri IPC ----------------------------------------------------------------------

async function tauriApi(): Promise<Api> {
  const { invoke, Channel } = await import("@tauri-apps/api/core");
  const call = async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await invoke<T>(cmd, args);
    } catch (err) {
      const error = asError(err);
      // Signed out or locked by the core (idle): back to the sign-in screen.
      if (error.code === "unauthorized") {
        window.dispatchEvent(new CustomEvent("afirgen:unauthorized", { detail: error.message }));
      }
      throw error;
    }
  };
  return {
    transport: "tauri",
    appInfo: () => call("app_info"),
    async stageFile(file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      try {
        // Raw body: the bytes travel once, not as a JSON array of numbers.
        return await invoke<StagedFile>("stage_file", bytes, {
          headers: { "x-file-name": encodeURIComponent(file.name) },
        });
      } catch (err) {
        throw asError(err);
      }
    },
    discardFile: (id) => call("discard_file", { id }),
    submitCase: (form) => call("submit_case", { form }),
    queue: (query) => call("queue", { query: query ?? null }),
    async watchJob(jobId, onEvent) {
      let live = true;
      const channel = new Channel<JobEvent>();
      channel.onmessage = (event) => { if (live) onEvent(event); };
      const watch = await call<number>("watch_job", { jobId, onEvent: channel });
      return () => {
        live = false;
        invoke("unwatch_job", { watch }).catch(() => {});
      };
    },
    cancelJob: (jobId) => call("cancel_job", { jobId }),
    retryJob: (jobId) => call("retry_job", { jobId }),
    setPriority: (jobId, urgent) => call("set_priority", { jobId, urgent }),
    caseView: (caseId) => call("case_view", { caseId }),
    async inputUrl(caseId, inputId, mime) {
      const buffer = await call<ArrayBuffer>("input_bytes", { caseId, inputId });
      return URL.createObjectURL(new Blob([buffer], { type: mime ?? "application/octet-stream" }));
    },
    editDraft: (caseId, edits) => call("edit_draft", { caseId, edits }),
    setSections: (caseId, citations) => call("set_sections", { caseId, citations }),
    regenerate: (jobId, what, guidance) => call("regenerate", { jobId, what, guidance }),
    finalize: (jobId, draftRevision) => call("finalize", { jobId, draftRevision }),
    exportPdf: (caseId) => call("export_pdf", { caseId }),
    printPdf: (caseId) => call("print_pdf", { caseId }),
    verifyCase: (caseId) => call("verify_case", { caseId }),
    verifyPdf: () => call("verify_pdf"),
    verifyCode: (code) => call("verify_code", { code }),
    searchRecords: (query) => call("search_records", { query }),
    catalogueSearch: (query, limit) => call("catalogue_search", { query, limit }),
    getSettings: () => call("get_settings"),
    saveSettings: (settings) => call("save_settings", { settings }),
    health: () => call("health"),
    modelChoices: () => call("model_choices"),
    chooseModel: (name, role) => call("choose_model", { name, role }),
    restart: () => call("restart"),
    connectStation: () => call("connect_station"),
    signInState: () => call("sign_in_state"),
    signIn: (name, password) => call("sign_in", { name, password }),
    createFirstSho: (name, password) => call("create_first_sho", { name, password }),
    signOut: () => call("sign_out"),
    stillHere: () => call("still_here"),
    users: () => call("list_users"),
    addUser: (name, role, password) => call("add_user", { name, role, password }),
    setPassword: (name, password) => call("set_password", { name, password }),
    revokeUser: (name) => call("revoke_user", { name }),
  };
}

// ---- HTTP + SSE (station server, `afirgen serve`) ------------------------------------

const KEY_STORE = "afirgen.apiKey";

/** The signed-in user's key for the station server. Kept for this browser tab only, so
 * a shared desk computer forgets it when the tab closes. */
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY_STORE),
  set: (key: string) => sessionStorage.setItem(KEY_STORE, key.trim()),
  clear: () => sessionStorage.removeItem(KEY_STORE),
};

/** Raised when the server refuses the key (401): the app asks for one again. */
export class Unauthorized extends ApiError {}

export function httpApi(base = "", key: () => string | null = apiKey.get): Api {
  // Signed in by name and password, the browser holds an HttpOnly session cookie; the
  // server lets a cookie change something only with this header, which another site's
  // page cannot send (cross-site request forgery).
  const headers = (extra: Record<string, string> = {}) => {
    const k = key();
    const all = { ...extra, "X-Requested-With": "afirgen" };
    return k ? { ...all, Authorization: `Bearer ${k}` } : all;
  };
  const fail = async (response: Response): Promise<never> => {
    let message = `${response.status} ${response.statusText}`;
    let code = response.status >= 500 ? "internal" : "bad_request";
    let fields: string[] = [];
    try {
      const problem = await response.json();
      message = problem.message ?? problem.error ?? message;
      if (typeof problem.error === "string") code = problem.error;
      if (Array.isArray(problem.fields)) fields = problem.fields.map(String);
    } catch { /* not JSON */ }
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent("afirgen:unauthorized", { detail: message }));
      // Refused sign-ins keep their own code (sign_in_failed); anything else is unauthorized.
      throw new Unauthorized(message, code === "bad_request" ? "unauthorized" : code);
    }
    throw new ApiError(message, code, fields);
  };
  const send = async (method: string, path: string, body?: BodyInit, type?: string): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(base + path, {
        method,
        headers: headers(type ? { "Content-Type": type } : {}),
        body,
      });
    } catch (err) {
      throw new ApiError(m.net_no_answer({ reason: (err as Error).message }), "unreachable", [], true);
    }
    if (!response.ok) await fail(response);
    return response;
  };
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await send(method, path, body === undefined ? undefined : JSON.stringify(body),
      body === undefined ? undefined : "application/json");
    const type = response.headers.get("content-type") ?? "";
    return (type.includes("json") ? response.json() : undefined) as Promise<T>;
  };
  const blob = async (path: string): Promise<{ blob: Blob; name: string | null }> => {
    const response = await send("GET", path);
    const disposition = response.headers.get("content-disposition") ?? "";
    const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? null;
    return { blob: await response.blob(), name };
  };
  // Named when refused, so the words are in the language on screen then.
  const unsupported = (what: () => string) => () => Promise.reject(new ApiError(
    desktopStation() ? m.net_only_here({ what: what() }) : m.net_only_desktop({ what: what() }), "internal", [], true));
  return {
    transport: "http",
    appInfo: () => request("GET", "/app-info"),
    async stageFile(file) {
      const form = new FormData();
      form.append("file", file, file.name);
      return (await send("POST", "/uploads", form)).json();
    },
    discardFile: (id) => request("DELETE", `/uploads/${id}`),
    submitCase: (form) => request("POST", "/process", form),
    queue: (query) => request("GET", `/queue${queryString(query ?? {})}`),
    async watchJob(jobId, onEvent) {
      // fetch, not EventSource: EventSource cannot send the Authorization header.
      const abort = new AbortController();
      const follow = async () => {
        while (!abort.signal.aborted) {
          let settled = false;
          try {
            const response = await fetch(`${base}/jobs/${jobId}/events`, { headers: headers(), signal: abort.signal });
            if (!response.ok || !response.body) { await fail(response); return; }
            const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
            let buffer = "";
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              buffer += value;
              let end;
              while ((end = buffer.indexOf("\n\n")) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                for (const line of block.split("\n")) {
                  if (!line.startsWith("data:")) continue;
                  const event = JSON.parse(line.slice(5)) as JobEvent;
                  settled = isSettled(event.state);
                  onEvent(event);
                }
              }
            }
          } catch (err) {
            if (abort.signal.aborted || err instanceof Unauthorized) return;
          }
          if (settled) return;
          // The stream ended early (server restart, network): follow again shortly.
          await new Promise((r) => setTimeout(r, 2000));
        }
      };
      follow();
      return () => abort.abort();
    },
    cancelJob: (jobId) => request("POST", `/jobs/${jobId}/cancel`),
    retryJob: (jobId) => request("POST", `/jobs/${jobId}/retry`),
    setPriority: (jobId, urgent) => request("POST", `/jobs/${jobId}/priority`, { urgent }),
    caseView: (caseId) => request("GET", `/cases/${caseId}`),
    inputUrl: async (caseId, inputId) => URL.createObjectURL((await blob(`/cases/${caseId}/inputs/${inputId}`)).blob),
    editDraft: (caseId, edits) => request("PATCH", `/cases/${caseId}/draft`, edits),
    setSections: (caseId, citations) => request("PUT", `/cases/${caseId}/sections`, citations),
    regenerate: (jobId, what, guidance) => request("POST", `/regenerate/${jobId}`, { what, guidance }),
    finalize: (jobId, draftRevision) => request("POST", `/firs/${jobId}/finalize`, { draft_revision: draftRevision }),
    printPdf: async (caseId) => {
      // Opened in a tab of its own, where the browser's PDF viewer prints it.
      const opened = window.open("", "_blank");
      const { blob: pdf } = await blob(`/cases/${caseId}/pdf`).catch((err) => { opened?.close(); throw err; });
      const url = URL.createObjectURL(pdf);
      if (!opened) throw new ApiError(m.net_popup_blocked(), "internal", [], true);
      opened.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 600_000);
      return m.net_print_tab();
    },
    exportPdf: async (caseId) => {
      const { blob: pdf, name } = await blob(`/cases/${caseId}/pdf`);
      const url = URL.createObjectURL(pdf);
      const link = document.createElement("a");
      link.href = url;
      link.download = name ?? `case-${caseId}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      const desk = desktopStation();
      const where = desk ? m.net_saved_in({ dir: desk.exportDir ?? m.net_downloads_folder() }) : m.net_downloaded();
      return { path: `${link.download} (${where})`, number: "" };
    },
    verifyCase: (caseId) => request("GET", `/cases/${caseId}/verify`),
    verifyPdf: unsupported(m.net_what_verify_pdf),
    verifyCode: (code) => request("GET", `/verify/code?code=${encodeURIComponent(code)}`),
    searchRecords: (query) => request("GET", `/firs${queryString(query)}`),
    catalogueSearch: (query, limit) => request("GET", `/catalogue?query=${encodeURIComponent(query)}&limit=${limit}`),
    getSettings: () => request("GET", "/settings"),
    saveSettings: unsupported(m.net_what_settings),
    health: () => request("GET", "/health/details"),
    modelChoices: unsupported(m.net_what_models),
    chooseModel: unsupported(m.net_what_models),
    restart: unsupported(m.net_what_restart),
    connectStation: unsupported(m.net_what_connect),
    async signInState() {
      // The cookie cannot be read from here: asking who we are tells.
      try {
        const user = await request<User>("GET", "/me");
        return { user, first_start: false, idle_lock_seconds: 0 };
      } catch (err) {
        if (err instanceof Unauthorized) return { user: null, first_start: false, idle_lock_seconds: 0 };
        throw err;
      }
    },
    signIn: (name, password) => request("POST", "/session", { name, password }),
    createFirstSho: unsupported(m.net_what_users),
    signOut: () => request("DELETE", "/session"),
    stillHere: () => Promise.resolve(),
    users: unsupported(m.net_what_users),
    addUser: unsupported(m.net_what_users),
    setPassword: unsupported(m.net_what_users),
    revokeUser: unsupported(m.net_what_users),
  };
}

/** A query's set fields as a URL query string ("" when none is set). */
export function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** What the desktop app tells a station server's page it shows: the way back to the
 * app's own screens and where downloaded PDFs go. Null in a plain browser. */
export interface DesktopStation { home: string; exportDir: string | null }

export function desktopStation(): DesktopStation | null {
  return typeof window !== "undefined" ? ((window as any).__AFIRGEN_DESKTOP__ ?? null) : null;
}

/** True on the desktop app's own pages, where its commands are. (The app's IPC script is
 * present on a station server's pages too, with no commands allowed: those use HTTP.) */
export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window && !desktopStation();
}

let chosen: Promise<Api> | null = null;

/** The transport for where this UI runs. */
export function api(): Promise<Api> {
  chosen ??= inTauri() ? tauriApi() : Promise.resolve(httpApi());
  return chosen;
}
