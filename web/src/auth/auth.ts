import type { AuthSettings } from "../types";

/** How this browser proves who it is to the API. */
export interface Auth {
  readonly mode: AuthSettings["mode"];
  /** The bearer token for the API (null: none needed, or none held). */
  token(): Promise<string | null>;
  /** Whether there is anything to sign out of (local mode has one implicit user). */
  readonly canSignOut: boolean;
  signOut(): void;
  /** The API said 401: get a fresh sign-in. */
  signInAgain(): void;
}

/** Where dev mode keeps the pasted token. */
export const DEV_TOKEN_KEY = "sept.devToken";

/** Local mode: one local user, no sign-in. */
export const localAuth: Auth = {
  mode: "local",
  token: async () => null,
  canSignOut: false,
  signOut: () => undefined,
  signInAgain: () => undefined,
};

/** Dev mode (Jwt with a development signing key): the token is pasted once and kept in localStorage. */
export class DevAuth implements Auth {
  readonly mode = "dev" as const;
  readonly canSignOut = true;

  constructor(private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem">, private readonly onSignedOut: (reason: string | null) => void) {}

  async token(): Promise<string | null> {
    return this.storage.getItem(DEV_TOKEN_KEY)?.trim() || null;
  }

  /** Keeps a pasted token; a "Bearer " prefix and whitespace are dropped. */
  save(token: string): boolean {
    const clean = token.trim().replace(/^Bearer\s+/i, "");
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(clean)) return false;
    this.storage.setItem(DEV_TOKEN_KEY, clean);
    return true;
  }

  signOut(): void {
    this.storage.removeItem(DEV_TOKEN_KEY);
    this.onSignedOut(null);
  }

  signInAgain(): void {
    this.storage.removeItem(DEV_TOKEN_KEY);
    this.onSignedOut("The server did not accept the token (expired or signed with another key). Paste a new one.");
  }
}

/** The claims of a JWT, for showing who a dev token belongs to (not verified: the server does that). */
export function tokenClaims(token: string): Record<string, unknown> | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const binary = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
