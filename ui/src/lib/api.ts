// The one API module. Two transports behind one interface: Tauri IPC inside the desktop
// app, HTTP + server-sent events when `afirgen serve` serves this UI to a browser.
// Screens import `api` and never know which one they run on.

import type {
  AppInfo, CaseView, Exported, FieldEdit, FinalRecord, HealthReport, Hit, JobEvent, JobRow,
  QueueView, RecordQuery, Settings, StagedFile, Submitted, Verification, Draft,
} from "./types";

export interface CaseForm { text: string | null; files: number[]; language: string; urgent: boolean }
export type Unwatch = () => void;

export interface Api {
  readonly transport: "tauri" | "http";
  appInfo(): Promise<AppInfo>;
  stageFile(file: File): Promise<StagedFile>;
  discardFile(id: number): Promise<void>;
  submitCase(form: CaseForm): Promise<Submitted>;
  queue(): Promise<QueueView>;
  watchJob(jobId: number, onEvent: (e: JobEvent) => void): Promise<Unwatch>;
  cancelJob(jobId: number): Promise<boolean>;
  retryJob(jobId: number): Promise<void>;
  setPriority(jobId: number, urgent: boolean): Promise<void>;
  caseView(caseId: number): Promise<CaseView>;
  inputUrl(caseId: number, inputId: number, mime: string | null): Promise<string>;
  editDraft(caseId: number, edits: FieldEdit[]): Promise<Draft>;
  setSections(caseId: number, citations: string[]): Promise<Draft>;
  regenerate(jobId: number, what: "facts" | "sections", guidance: string | null): Promise<Draft>;
  finalize(jobId: number): Promise<FinalRecord>;
  exportPdf(caseId: number): Promise<Exported>;
  verifyCase(caseId: number): Promise<Verification>;
  verifyPdf(): Promise<Verification | null>;
  searchRecords(query: RecordQuery): Promise<JobRow[]>;
  catalogueSearch(query: string, limit: number): Promise<Hit[]>;
  getSettings(): Promise<Settings>;
  saveSettings(settings: Settings): Promise<void>;
  health(): Promise<HealthReport>;
  restart(): Promise<void>;
}

/** Errors from either transport, as a message for the officer. */
export class ApiError extends Error {}

function asError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (typeof err === "string") return new ApiError(err);
  if (err && typeof err === "object" && "message" in err) return new ApiError(String((err as any).message));
  return new ApiError(String(err));
}

// ---- Tauri IPC ----------------------------------------------------------------------

async function tauriApi(): Promise<Api> {
  const { invoke, Channel } = await import("@tauri-apps/api/core");
  const call = async <T>(cmd: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await invoke<T>(cmd, args);
    } catch (err) {
      throw asError(err);
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
    queue: () => call("queue"),
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
    finalize: (jobId) => call("finalize", { jobId }),
    exportPdf: (caseId) => call("export_pdf", { caseId }),
    verifyCase: (caseId) => call("verify_case", { caseId }),
    verifyPdf: () => call("verify_pdf"),
    searchRecords: (query) => call("search_records", { query }),
    catalogueSearch: (query, limit) => call("catalogue_search", { query, limit }),
    getSettings: () => call("get_settings"),
    saveSettings: (settings) => call("save_settings", { settings }),
    health: () => call("health"),
    restart: () => call("restart"),
  };
}

// ---- HTTP + SSE (station server, `afirgen serve`) ------------------------------------

export function httpApi(base = "", key: () => string | null = () => localStorage.getItem("afirgen.apiKey")): Api {
  const headers = (extra: Record<string, string> = {}) => {
    const k = key();
    return k ? { ...extra, Authorization: `Bearer ${k}` } : extra;
  };
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(base + path, {
      method,
      headers: headers(body === undefined ? {} : { "Content-Type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        const problem = await response.json();
        message = problem.message ?? problem.error ?? message;
      } catch { /* not JSON */ }
      throw new ApiError(message);
    }
    const type = response.headers.get("content-type") ?? "";
    return (type.includes("json") ? response.json() : undefined) as Promise<T>;
  };
  const unsupported = (what: string) => () => Promise.reject(new ApiError(`${what} is only available in the desktop app`));
  return {
    transport: "http",
    appInfo: () => request("GET", "/app-info"),
    async stageFile(file) {
      const form = new FormData();
      form.append("file", file, file.name);
      const response = await fetch(base + "/uploads", { method: "POST", headers: headers(), body: form });
      if (!response.ok) throw new ApiError((await response.json().catch(() => ({}))).message ?? response.statusText);
      return response.json();
    },
    discardFile: (id) => request("DELETE", `/uploads/${id}`),
    submitCase: (form) => request("POST", "/process", form),
    queue: () => request("GET", "/queue"),
    async watchJob(jobId, onEvent) {
      const source = new EventSource(`${base}/jobs/${jobId}/events`);
      source.onmessage = (message) => onEvent(JSON.parse(message.data));
      return () => source.close();
    },
    cancelJob: (jobId) => request("POST", `/jobs/${jobId}/cancel`),
    retryJob: (jobId) => request("POST", `/jobs/${jobId}/retry`),
    setPriority: (jobId, urgent) => request("POST", `/jobs/${jobId}/priority`, { urgent }),
    caseView: (caseId) => request("GET", `/cases/${caseId}`),
    inputUrl: async (caseId, inputId) => `${base}/cases/${caseId}/inputs/${inputId}`,
    editDraft: (caseId, edits) => request("PATCH", `/cases/${caseId}/draft`, edits),
    setSections: (caseId, citations) => request("PUT", `/cases/${caseId}/sections`, citations),
    regenerate: (jobId, what, guidance) => request("POST", `/regenerate/${jobId}`, { what, guidance }),
    finalize: (jobId) => request("POST", `/firs/${jobId}/finalize`),
    exportPdf: async (caseId) => {
      window.open(`${base}/cases/${caseId}/pdf`, "_blank");
      return { path: null, number: "" };
    },
    verifyCase: (caseId) => request("GET", `/cases/${caseId}/verify`),
    verifyPdf: unsupported("Checking a PDF file"),
    searchRecords: (query) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== "") params.set(k, String(v));
      return request("GET", `/firs?${params}`);
    },
    catalogueSearch: (query, limit) => request("GET", `/catalogue?query=${encodeURIComponent(query)}&limit=${limit}`),
    getSettings: () => request("GET", "/settings"),
    saveSettings: unsupported("Changing the station server's settings"),
    health: () => request("GET", "/health"),
    restart: unsupported("Restarting"),
  };
}

/** True inside the desktop app. */
export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

let chosen: Promise<Api> | null = null;

/** The transport for where this UI runs. */
export function api(): Promise<Api> {
  chosen ??= inTauri() ? tauriApi() : Promise.resolve(httpApi());
  return chosen;
}
