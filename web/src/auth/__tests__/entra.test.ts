import { beforeEach, describe, expect, it, vi } from "vitest";

// A stand-in for MSAL that records what the sign-in asks of it.
const msal = vi.hoisted(() => {
  class InteractionRequiredAuthError extends Error {}
  const state = {
    accounts: [] as Array<{ username: string }>,
    redirectResult: null as null | { account: { username: string } },
    silent: async (_req: unknown): Promise<{ accessToken: string }> => ({ accessToken: "token-1" }),
    calls: [] as string[],
    config: null as unknown,
  };
  class PublicClientApplication {
    private active: { username: string } | null = null;
    constructor(config: unknown) { state.config = config; }
    async initialize() { state.calls.push("initialize"); }
    async handleRedirectPromise() { return state.redirectResult; }
    getActiveAccount() { return this.active; }
    getAllAccounts() { return state.accounts; }
    setActiveAccount(a: { username: string }) { this.active = a; }
    async loginRedirect(req: { scopes: string[] }) { state.calls.push(`loginRedirect ${req.scopes.join(" ")}`); }
    async acquireTokenSilent(req: { scopes: string[] }) { state.calls.push(`silent ${req.scopes.join(" ")}`); return state.silent(req); }
    async acquireTokenRedirect(req: { scopes: string[] }) { state.calls.push(`tokenRedirect ${req.scopes.join(" ")}`); }
    async logoutRedirect() { state.calls.push("logoutRedirect"); }
  }
  return { state, PublicClientApplication, InteractionRequiredAuthError };
});
vi.mock("@azure/msal-browser", () => ({ PublicClientApplication: msal.PublicClientApplication, InteractionRequiredAuthError: msal.InteractionRequiredAuthError }));

const { entraAuth } = await import("../entra");
const settings = { mode: "entra" as const, clientId: "spa-id", authority: "https://login.microsoftonline.com/t1/v2.0", scopes: ["api://sept/Notebooks.ReadWrite"] };

describe("entra sign-in (MSAL)", () => {
  beforeEach(() => {
    msal.state.accounts = [];
    msal.state.redirectResult = null;
    msal.state.calls = [];
    msal.state.silent = async () => ({ accessToken: "token-1" });
    const store = new Map<string, string>();
    vi.stubGlobal("location", { origin: "https://sept.example", href: "https://sept.example/p/1" });
    vi.stubGlobal("sessionStorage", { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
  });

  it("redirects to the login when no account is signed in", async () => {
    const pending = entraAuth(settings);
    await vi.waitFor(() => expect(msal.state.calls).toContain("loginRedirect api://sept/Notebooks.ReadWrite"));
    expect(msal.state.config).toMatchObject({ auth: { clientId: "spa-id", authority: settings.authority, redirectUri: "https://sept.example" } });
    void pending; // never resolves: the page leaves for the login
  });

  it("gets API tokens silently for the configured scopes once signed in", async () => {
    msal.state.redirectResult = { account: { username: "ada@x.org" } };
    const auth = await entraAuth(settings);
    expect(await auth.token()).toBe("token-1");
    expect(msal.state.calls).toEqual(["initialize", "silent api://sept/Notebooks.ReadWrite"]);
  });

  it("falls back to a redirect when MSAL needs interaction", async () => {
    msal.state.accounts = [{ username: "ada@x.org" }];
    msal.state.silent = async () => { throw new msal.InteractionRequiredAuthError("consent"); };
    const auth = await entraAuth(settings);
    expect(await auth.token()).toBeNull();
    expect(msal.state.calls.at(-1)).toBe("tokenRedirect api://sept/Notebooks.ReadWrite");
  });

  it("signs in again on a 401 at most once a minute, and signs out through MSAL", async () => {
    msal.state.accounts = [{ username: "ada@x.org" }];
    const auth = await entraAuth(settings);
    auth.signInAgain();
    auth.signInAgain();
    expect(msal.state.calls.filter((c) => c.startsWith("loginRedirect"))).toHaveLength(1);
    auth.signOut();
    expect(msal.state.calls.at(-1)).toBe("logoutRedirect");
  });

  it("refuses settings without a client id", async () => {
    await expect(entraAuth({ mode: "entra" })).rejects.toThrow(/clientId/);
  });
});
