// The shapes the UI reads. Those of the core are generated from its Rust types
// (bindings.ts, checked by crates/afirgen-core/tests/bindings.rs); only the desktop
// shell's own answers are written here.

export type * from "./bindings";

/**
 * The IIF-1 draft (`FirDraft`) as the review form edits it: generically, by dotted
 * paths, so a partial draft is one too.
 */
export type Draft = Record<string, any>;

/** Where the desktop saved a PDF (src-tauri's `Exported`): `path` null if cancelled. */
export interface Exported { path: string | null; number: string }
