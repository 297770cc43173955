import type { ApiClient } from "../api/client";
import type { AuthSettings } from "../types";
import { DevAuth, localAuth, type Auth } from "./auth";

export type AuthStart =
  | { kind: "ready"; auth: Auth }
  /** Dev mode without a token: show the paste screen. */
  | { kind: "needsToken"; auth: DevAuth; reason: string | null }
  | { kind: "error"; message: string };

/**
 * GET /api/config decides the sign-in: local (none), dev (pasted token) or entra (MSAL). The chosen source then
 * signs every API request, and a 401 asks it to sign in again.
 */
export async function startAuth(api: ApiClient, storage: Pick<Storage, "getItem" | "setItem" | "removeItem">,
  onDevSignedOut: (auth: DevAuth, reason: string | null) => void): Promise<AuthStart> {
  const r = await api.config();
  if (!r.ok && r.status !== 404) return { kind: "error", message: r.status === 0 ? "The Sept server could not be reached." : `Could not read the server's settings (HTTP ${r.status}).` };
  const settings: AuthSettings = r.ok && r.value?.auth ? r.value.auth : { mode: "local" };
  let auth: Auth;
  switch (settings.mode) {
    case "dev": {
      const dev: DevAuth = new DevAuth(storage, (reason) => onDevSignedOut(dev, reason));
      auth = dev;
      break;
    }
    case "entra":
      auth = await (await import("./entra")).entraAuth(settings);
      break;
    default:
      auth = localAuth;
  }
  api.useToken(() => auth.token());
  api.onUnauthorized(() => auth.signInAgain());
  if (auth instanceof DevAuth && !(await auth.token())) return { kind: "needsToken", auth, reason: null };
  return { kind: "ready", auth };
}
