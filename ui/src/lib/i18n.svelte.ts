// The interface language. Messages are Paraglide's compiled functions (ui/messages/*.json,
// compiled into ./paraglide); each call reads the locale through the getter set here, a
// Svelte state, so every label on screen re-renders when the officer switches, without a
// reload that would lose a half-typed statement.

import { baseLocale, isLocale, overwriteGetLocale, overwriteSetLocale, type Locale } from "./paraglide/runtime.js";

export type { Locale };

const STORE = "afirgen.lang";

/**
 * Where a choice is kept. One for this browser or desk (what the sign-in screen shows),
 * and one per signed-in user. The station server signs users in already; when the
 * desktop signs officers in (issue 22), it calls `language.signedIn(name)` the same way.
 */
export function storageKey(user: string | null = null): string {
  return user ? `${STORE}.${user}` : STORE;
}

function read(key: string): Locale | null {
  try {
    const value = localStorage.getItem(key);
    return isLocale(value) ? value : null;
  } catch {
    return null; // no storage (tests, a locked-down browser): English
  }
}

function write(key: string, locale: Locale) {
  try { localStorage.setItem(key, locale); } catch { /* not kept; still switched */ }
}

let current = $state<Locale>(read(storageKey()) ?? baseLocale);
let user: string | null = null;

function apply() {
  // Screen readers and the browser's font choice follow the document's language.
  if (typeof document !== "undefined") document.documentElement.lang = current;
}

overwriteGetLocale(() => current);
overwriteSetLocale((next) => language.set(next));
apply();

export const language = {
  get current(): Locale {
    return current;
  },
  set(next: Locale) {
    current = next;
    write(storageKey(), next);
    if (user) write(storageKey(user), next);
    apply();
  },
  /** A user signed in: their own choice if they made one, else they keep what is shown. */
  signedIn(name: string | null) {
    user = name || null;
    if (!user) return;
    const own = read(storageKey(user));
    if (own) {
      current = own;
      apply();
    } else {
      write(storageKey(user), current);
    }
  },
  /** Signed out: the desk's choice stays on screen for the next person. */
  signedOut() {
    user = null;
  },
};
