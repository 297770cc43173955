import { describe, expect, it } from "vitest";
import { ApiClient, problemMessage, type FetchLike } from "../../api/client";
import { PeopleSession, WORKSPACE_KEY, pickWorkspace } from "../../session/people";
import { DEV_TOKEN_KEY, DevAuth, tokenClaims } from "../auth";
import { startAuth } from "../startAuth";

class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, v); }
  removeItem(k: string) { this.items.delete(k); }
}

/** A fake server: answers by "METHOD path", records each request's Authorization header. */
function fakeServer(routes: Record<string, () => Response>) {
  const seen: Array<{ call: string; auth: string | null; keepalive?: boolean }> = [];
  const fetchFn: FetchLike = async (url, init) => {
    const call = `${init?.method ?? "GET"} ${url}`;
    seen.push({ call, auth: new Headers(init?.headers).get("Authorization"), keepalive: init?.keepalive });
    return routes[call]?.() ?? Response.json({ title: "Not Found" }, { status: 404 });
  };
  return { api: new ApiClient(fetchFn), seen };
}

// header.payload.signature with payload {"sub":"u1","name":"Ada"}
const TOKEN = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: "u1", name: "Ada" })).toString("base64url")}.c2ln`;

describe("auth plumbing", () => {
  it("local mode (or a server without /api/config) sends no token", async () => {
    const { api, seen } = fakeServer({ "GET /api/projects": () => Response.json([]) });
    const started = await startAuth(api, new MemoryStorage(), () => undefined);
    expect(started.kind).toBe("ready");
    await api.listProjects();
    expect(seen.at(-1)).toMatchObject({ call: "GET /api/projects", auth: null });
  });

  it("dev mode asks for a token, then signs every request with it", async () => {
    const storage = new MemoryStorage();
    const { api, seen } = fakeServer({
      "GET /api/config": () => Response.json({ auth: { mode: "dev" } }),
      "GET /api/projects?workspaceId=w1": () => Response.json([]),
    });
    const started = await startAuth(api, storage, () => undefined);
    expect(started.kind).toBe("needsToken");
    if (started.kind !== "needsToken") return;
    expect(started.auth.save("not a token")).toBe(false);
    expect(started.auth.save(`Bearer ${TOKEN}\n`)).toBe(true);
    expect(storage.getItem(DEV_TOKEN_KEY)).toBe(TOKEN);
    await api.listProjects("w1");
    expect(seen.at(-1)).toEqual({ call: "GET /api/projects?workspaceId=w1", auth: `Bearer ${TOKEN}`, keepalive: undefined });
    expect(await api.bearer()).toBe(TOKEN);
  });

  it("sends the leaving DELETE at once with the last token (keepalive: the page is unloading)", async () => {
    const storage = new MemoryStorage();
    storage.setItem(DEV_TOKEN_KEY, TOKEN);
    const { api, seen } = fakeServer({ "GET /api/config": () => Response.json({ auth: { mode: "dev" } }), "GET /api/me": () => Response.json({}) });
    await startAuth(api, storage, () => undefined);
    await api.me();
    const leaving = api.leave("p1", "conn-1234");
    expect(seen.at(-1)).toEqual({ call: "DELETE /api/projects/p1/presence/conn-1234", auth: `Bearer ${TOKEN}`, keepalive: true });
    await leaving;
  });

  it("a 401 drops the dev token and asks to sign in again", async () => {
    const storage = new MemoryStorage();
    storage.setItem(DEV_TOKEN_KEY, TOKEN);
    const signedOut: Array<string | null> = [];
    const { api } = fakeServer({
      "GET /api/config": () => Response.json({ auth: { mode: "dev" } }),
      "GET /api/me": () => Response.json({ title: "Unauthorized" }, { status: 401 }),
    });
    const started = await startAuth(api, storage, (_auth, reason) => signedOut.push(reason));
    expect(started.kind).toBe("ready");
    const r = await api.me();
    expect(r.status).toBe(401);
    expect(storage.getItem(DEV_TOKEN_KEY)).toBeNull();
    expect(signedOut).toHaveLength(1);
    expect(signedOut[0]).toMatch(/did not accept the token/);
  });

  it("reports an unreachable server instead of guessing a mode", async () => {
    const api = new ApiClient(async () => { throw new TypeError("network down"); });
    expect(await startAuth(api, new MemoryStorage(), () => undefined)).toEqual({ kind: "error", message: "The Sept server could not be reached." });
  });

  it("signing out forgets the dev token", () => {
    const storage = new MemoryStorage();
    let reason: string | null | undefined;
    const dev = new DevAuth(storage, (r) => (reason = r));
    dev.save(TOKEN);
    dev.signOut();
    expect(storage.getItem(DEV_TOKEN_KEY)).toBeNull();
    expect(reason).toBeNull();
  });

  it("reads a token's claims for display", () => {
    expect(tokenClaims(TOKEN)).toEqual({ sub: "u1", name: "Ada" });
    expect(tokenClaims("garbage")).toBeNull();
  });

  it("says what a 403 means", () => {
    expect(problemMessage({ status: 403, problem: { detail: "Needs editor; you are viewer." } }, "x")).toBe("Not allowed: Needs editor; you are viewer.");
    expect(problemMessage({ status: 409, problem: { title: "Conflict", detail: "Slug taken." } }, "x")).toBe("Slug taken.");
  });
});

describe("people session", () => {
  const ws = (id: string) => ({ id, slug: id, name: id.toUpperCase(), role: "editor" as const });

  it("keeps the remembered workspace while I'm still a member of it", () => {
    expect(pickWorkspace([ws("a"), ws("b")], "b")?.id).toBe("b");
    expect(pickWorkspace([ws("a"), ws("b")], "gone")?.id).toBe("a");
    expect(pickWorkspace([], "b")).toBeNull();
  });

  it("loads me and my workspaces, and remembers the one I switch to", async () => {
    const storage = new MemoryStorage();
    storage.setItem(WORKSPACE_KEY, "b");
    const { api } = fakeServer({ "GET /api/me": () => Response.json({ id: "u1", name: "Ada", email: "ada@x.org", workspaces: [ws("a"), ws("b")] }) });
    const people = new PeopleSession(api, storage);
    expect(await people.load()).toBeNull();
    expect(people.me.value?.name).toBe("Ada");
    expect(people.current.value?.id).toBe("b");
    people.select("a");
    expect(storage.getItem(WORKSPACE_KEY)).toBe("a");
    expect(people.current.value?.id).toBe("a");
  });

  it("falls back to the one local user on a server without /api/me", async () => {
    const { api } = fakeServer({});
    const people = new PeopleSession(api, new MemoryStorage());
    expect(await people.load()).toBeNull();
    expect(people.me.value).toMatchObject({ id: "local", workspaces: [] });
    expect(people.current.value).toBeNull();
  });

  it("creates a workspace and switches to it; a taken slug is a readable error", async () => {
    let taken = false;
    const { api } = fakeServer({
      "POST /api/workspaces": () => (taken ? Response.json({ title: "Conflict", detail: "The slug 'team' is taken." }, { status: 409 }) : Response.json({ ...ws("team"), role: "admin" }, { status: 201 })),
    });
    const people = new PeopleSession(api, new MemoryStorage());
    expect(await people.createWorkspace("Team", "team")).toBeNull();
    expect(people.current.value).toMatchObject({ id: "team", role: "admin" });
    taken = true;
    expect(await people.createWorkspace("Team", "team")).toBe("The slug 'team' is taken.");
  });
});
