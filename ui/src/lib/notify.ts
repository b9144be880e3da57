// OS notifications, one seam for both transports: the desktop app through
// tauri-plugin-notification (the plugin's permission check and request, and `notify`),
// a browser through the Notification API. Permission is asked for only when the officer
// turns alerts on (a click), never on load.

export type Permission = "granted" | "denied" | "default" | "unsupported";

export interface Notifier {
  /** Whether notifications may be shown now, asking nobody. */
  permission(): Promise<Permission>;
  /** Asks for permission; call it from a user's click. */
  request(): Promise<Permission>;
  /** Shows one notification; `onClick` runs when the officer clicks it (browser). */
  send(title: string, body: string, onClick?: () => void): Promise<void>;
}

/** The Notification API; "unsupported" where a browser has none (or not here: insecure pages). */
export function browserNotifier(): Notifier {
  const api = (): typeof Notification | null => (typeof window !== "undefined" && "Notification" in window ? window.Notification : null);
  return {
    async permission() {
      return api()?.permission ?? "unsupported";
    },
    async request() {
      const n = api();
      if (!n) return "unsupported";
      if (n.permission !== "default") return n.permission;
      return await n.requestPermission();
    },
    async send(title, body, onClick) {
      const n = api();
      if (!n || n.permission !== "granted") return;
      // One tag per message: a repeat replaces the notification instead of piling up.
      const shown = new n(title, { body, tag: `${title}|${body}` });
      if (onClick) shown.onclick = () => { window.focus(); onClick(); shown.close(); };
    },
  };
}

/** tauri-plugin-notification: its commands `is_permission_granted`, `request_permission`
 * and `notify` are the ones the window's capability allows. */
export async function tauriNotifier(): Promise<Notifier> {
  const plugin = await import("@tauri-apps/plugin-notification");
  return {
    async permission() {
      return (await plugin.isPermissionGranted()) ? "granted" : "default";
    },
    async request() {
      if (await plugin.isPermissionGranted()) return "granted";
      return await plugin.requestPermission();
    },
    async send(title, body) {
      plugin.sendNotification({ title, body });
    },
  };
}
