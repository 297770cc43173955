import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient, type FetchLike } from "../../api/client";
import { Autosave } from "../autosave";
import { localDraftStorage } from "../draftStorage";
import type { Cell } from "../../types";
import { cell } from "./fixtures";

/** A fake server behind a fake fetch: one cell with a version, If-Match honoured like the app does. */
function fakeServer(initial: Cell) {
  let stored = initial;
  const requests: Array<{ method: string; url: string; ifMatch: string | null; body: unknown }> = [];
  let reachable = true;
  const fetchFn: FetchLike = async (url, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method: init?.method ?? "GET", url, ifMatch: headers["If-Match"] ?? null, body });
    if (!reachable) throw new TypeError("Failed to fetch");
    if (init?.method === "PATCH") {
      if (headers["If-Match"] !== String(stored.version)) {
        return new Response(JSON.stringify({ title: "Stale version", status: 412 }), { status: 412, headers: { "Content-Type": "application/problem+json" } });
      }
      stored = { ...stored, ...body, version: stored.version + 1 };
      return Response.json(stored);
    }
    return Response.json({ id: "p1", name: "P", reactive: false, updatedAt: "", cells: [stored] });
  };
  return {
    fetchFn, requests,
    get stored() { return stored; },
    otherEditorSaves(source: string) { stored = { ...stored, source, version: stored.version + 1 }; },
    otherEditorMoves() { stored = { ...stored, order: "Z", version: stored.version + 1 }; },
    setReachable(r: boolean) { reachable = r; },
  };
}

function setup(initial = cell({ id: "a", version: 3, source: "x" })) {
  const server = fakeServer(initial);
  const api = new ApiClient(server.fetchFn);
  let held: Cell = initial;
  const saved: Cell[] = [];
  const autosave = new Autosave({
    patch: (id, version, patch) => api.patchCell("p1", id, version, patch),
    current: async (id) => { const r = await api.getProject("p1"); return r.ok ? r.value.cells!.find((c) => c.id === id)! : null; },
    held: () => held,
    saved: (c) => { held = c; saved.push(c); },
  }, 500, 2000);
  return { server, autosave, saved, held: () => held };
}

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once, 500 ms after typing stops, with If-Match of the held version", async () => {
    const { server, autosave } = setup();
    autosave.edit("a", { source: "x1" });
    await vi.advanceTimersByTimeAsync(300);
    autosave.edit("a", { source: "x12" });
    await vi.advanceTimersByTimeAsync(499);
    expect(server.requests).toHaveLength(0);
    expect(autosave.snapshot().status).toBe("unsaved");
    await vi.advanceTimersByTimeAsync(1);
    await vi.runAllTimersAsync();
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "PATCH", ifMatch: "3", body: { source: "x12" } });
    expect(server.stored.source).toBe("x12");
    expect(autosave.snapshot().status).toBe("saved");
  });

  it("flush saves immediately (blur, before run)", async () => {
    const { server, autosave, held } = setup();
    autosave.edit("a", { source: "now" });
    await autosave.flush();
    expect(server.requests).toHaveLength(1);
    expect(held().version).toBe(4);
    expect(autosave.hasDraft("a")).toBe(false);
  });

  it("uses the new version for the next save", async () => {
    const { server, autosave } = setup();
    autosave.edit("a", { source: "one" });
    await autosave.flush();
    autosave.edit("a", { source: "two" });
    await autosave.flush();
    expect(server.requests.map((r) => r.ifMatch)).toEqual(["3", "4"]);
    expect(server.stored.source).toBe("two");
  });

  it("on 412 keeps both versions and lets the user keep theirs", async () => {
    const { server, autosave } = setup();
    server.otherEditorSaves("theirs");
    autosave.edit("a", { source: "mine" });
    await autosave.flush();
    const snap = autosave.snapshot();
    expect(snap.status).toBe("conflict");
    expect(snap.conflicts.a!.mine.source).toBe("mine");
    expect(snap.conflicts.a!.theirs.source).toBe("theirs");
    await autosave.resolve("a", "mine");
    expect(server.stored.source).toBe("mine");
    expect(autosave.snapshot().status).toBe("saved");
  });

  it("while in conflict, further typing updates my version without saving", async () => {
    const { server, autosave } = setup();
    server.otherEditorSaves("theirs");
    autosave.edit("a", { source: "mine" });
    await autosave.flush();
    const patches = server.requests.filter((r) => r.method === "PATCH").length;
    autosave.edit("a", { source: "mine, refined" });
    await vi.runAllTimersAsync();
    expect(server.requests.filter((r) => r.method === "PATCH")).toHaveLength(patches);
    expect(autosave.snapshot().conflicts.a!.mine.source).toBe("mine, refined");
    await autosave.resolve("a", "mine");
    expect(server.stored.source).toBe("mine, refined");
  });

  it("on 412 from a change that didn't touch my field, re-bases and saves without a conflict", async () => {
    const { server, autosave } = setup();
    server.otherEditorMoves();
    autosave.edit("a", { source: "mine" });
    await autosave.flush();
    expect(server.requests.filter((r) => r.method === "PATCH").map((r) => r.ifMatch)).toEqual(["3", "4"]);
    expect(server.stored).toMatchObject({ source: "mine", order: "Z" });
    expect(autosave.snapshot()).toMatchObject({ status: "saved", conflicts: {} });
  });

  it("on 412 taking theirs drops the local edit without writing", async () => {
    const { server, autosave, held } = setup();
    server.otherEditorSaves("theirs");
    autosave.edit("a", { source: "mine" });
    await autosave.flush();
    const writes = server.requests.filter((r) => r.method === "PATCH").length;
    await autosave.resolve("a", "theirs");
    expect(server.requests.filter((r) => r.method === "PATCH")).toHaveLength(writes);
    expect(held().source).toBe("theirs");
    expect(autosave.snapshot()).toMatchObject({ status: "saved", drafts: {}, conflicts: {} });
  });

  it("keeps the edit while offline and retries until the server is back", async () => {
    const { server, autosave } = setup();
    server.setReachable(false);
    autosave.edit("a", { source: "kept" });
    await autosave.flush();
    expect(autosave.snapshot().status).toBe("offline");
    expect(autosave.snapshot().drafts.a!.source).toBe("kept");
    server.setReachable(true);
    await vi.advanceTimersByTimeAsync(2000);
    await vi.runAllTimersAsync();
    expect(server.stored.source).toBe("kept");
    expect(autosave.snapshot().status).toBe("saved");
  });

  it("saves edits typed while a save was in flight", async () => {
    const { server, autosave } = setup();
    autosave.edit("a", { source: "first" });
    const pending = autosave.flush();
    autosave.edit("a", { source: "second" });
    await pending;
    await vi.runAllTimersAsync();
    expect(server.stored.source).toBe("second");
    expect(server.requests.map((r) => r.ifMatch)).toEqual(["3", "4"]);
  });
});

/** A server that refuses every PATCH with one status until told otherwise, then saves like fakeServer. */
function refusingSetup(status: number, storage = memoryStorage()) {
  let refusing: number | null = status;
  let stored = cell({ id: "a", version: 3, source: "x" });
  const patches: unknown[] = [];
  const fetchFn: FetchLike = async (_url, init) => {
    const body = JSON.parse(String(init!.body));
    patches.push(body);
    if (refusing !== null) return new Response(JSON.stringify({ title: "No", detail: `refused ${refusing}`, status: refusing }), { status: refusing, headers: { "Content-Type": "application/problem+json" } });
    stored = { ...stored, ...body, version: stored.version + 1 };
    return Response.json(stored);
  };
  const api = new ApiClient(fetchFn);
  const rejected: number[] = [];
  const make = () => new Autosave({
    patch: (id, version, patch) => api.patchCell("p1", id, version, patch),
    current: async () => stored,
    held: () => stored,
    saved: (c) => { stored = c; },
    rejected: (_id, r) => rejected.push(r.status),
  }, 500, 2000, localDraftStorage("p1", storage));
  return { make, patches, rejected, storage, get stored() { return stored; }, accept() { refusing = null; } };
}

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k), items };
}

describe("autosave keeps the draft when a save fails", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("on 401 keeps the draft in memory and storage, and a new page sends it after signing in", async () => {
    const s = refusingSetup(401);
    const before = s.make();
    before.edit("a", { source: "typed before the token expired" });
    await before.flush();
    expect(before.snapshot().status).toBe("signedOut");
    expect(before.snapshot().drafts["a"]).toEqual({ source: "typed before the token expired" });
    expect(s.rejected).toEqual([]);
    // Signed in again: the notebook opens anew (new Autosave) and sends the stored draft.
    s.accept();
    const after = s.make();
    await after.restore();
    expect(s.stored.source).toBe("typed before the token expired");
    expect(after.snapshot().status).toBe("saved");
    expect(s.storage.items.size).toBe(0);
  });

  for (const status of [400, 403, 413]) {
    it(`on ${status} keeps the draft and sends it again with the next edit`, async () => {
      const s = refusingSetup(status);
      const autosave = s.make();
      autosave.edit("a", { source: "mine" });
      await autosave.flush();
      expect(s.rejected).toEqual([status]);
      expect(autosave.snapshot().status).toBe("failed");
      expect(autosave.snapshot().drafts["a"]).toEqual({ source: "mine" });
      expect(s.storage.items.get("sept.drafts.p1")).toContain("mine");
      s.accept();
      autosave.edit("a", { source: "mine, shorter" });
      await vi.advanceTimersByTimeAsync(500);
      expect(s.stored.source).toBe("mine, shorter");
      expect(autosave.snapshot().status).toBe("saved");
    });
  }

  it("drops the draft only when the cell is gone (404)", async () => {
    const s = refusingSetup(404);
    const autosave = s.make();
    autosave.edit("a", { source: "mine" });
    await autosave.flush();
    expect(autosave.snapshot().drafts).toEqual({});
    expect(s.rejected).toEqual([404]);
  });
});
