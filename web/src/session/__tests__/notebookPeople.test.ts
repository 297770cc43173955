import { describe, expect, it } from "vitest";
import { ApiClient, type FetchLike } from "../../api/client";
import { cell } from "../../state/__tests__/fixtures";
import type { CellComment, Thread } from "../../types";
import { NotebookSession } from "../notebookSession";
import { FakeRealtime } from "./fakeRealtime";

const ada = { id: "u1", name: "Ada", email: "ada@x.org" };
const c1: CellComment = { id: "k1", threadId: "t1", cellId: "a", author: ada, body: "why?", mentions: [], createdAt: "2026-01-01T00:00:00Z" };

/** A server where I am a viewer: reads work, cell edits are 403 problem+json. */
function viewerServer() {
  const calls: string[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    const method = init?.method ?? "GET";
    calls.push(`${method} ${url}`);
    if (method === "GET" && url === "/api/projects/p1") return Response.json({ id: "p1", name: "P", reactive: true, updatedAt: "", role: "viewer", workspaceId: "w1", cells: [cell({ id: "a" })] });
    if (method === "GET" && url === "/api/projects/p1/comments") return Response.json([{ id: "t1", cellId: "a", resolved: false, comments: [c1] } satisfies Thread]);
    if (method === "PATCH") return Response.json({ title: "Forbidden", status: 403, detail: "Viewers can change only input values." }, { status: 403, headers: { "Content-Type": "application/problem+json" } });
    if (method === "POST" && url === "/api/projects/p1/comments") return Response.json({ ...c1, id: "k2", body: JSON.parse(String(init!.body)).body, createdAt: "2026-01-01T00:01:00Z" }, { status: 201 });
    return new Response(null, { status: 204 });
  };
  return { api: new ApiClient(fetchFn), calls };
}


describe("notebook session: people", () => {
  it("knows a viewer can't edit, and shows a refused save as a readable 403 while keeping the text", async () => {
    const { api } = viewerServer();
    const s = new NotebookSession(api, new FakeRealtime(), "p1");
    await s.start();
    expect(s.canEdit).toBe(false);
    s.edit("a", { source: "hack()" });
    await s.autosave.flush();
    expect(s.error.value).toBe("Not allowed: Viewers can change only input values.");
    expect(s.autosave.snapshot().drafts).toEqual({ a: { source: "hack()" } });
    expect(s.autosave.snapshot().status).toBe("failed");
  });

  it("loads comment threads with the project and follows comment events live", async () => {
    const { api } = viewerServer();
    const rt = new FakeRealtime();
    const s = new NotebookSession(api, rt, "p1");
    await s.start();
    expect(s.comments.threads.value.map((t) => t.comments.length)).toEqual([1]);
    expect(await s.comments.post("a", "because", [], "t1")).toBeNull();
    // The echo of my own comment changes nothing; someone else's reply is added.
    rt.handlers!.event({ kind: "commentAdded", body: { comment: { ...c1, id: "k2", body: "because", createdAt: "2026-01-01T00:01:00Z" } } });
    rt.handlers!.event({ kind: "commentAdded", body: { comment: { ...c1, id: "k3", body: "ok", createdAt: "2026-01-01T00:02:00Z" } } });
    expect(s.comments.threads.value[0]!.comments.map((c) => c.body)).toEqual(["why?", "because", "ok"]);
    rt.handlers!.event({ kind: "commentUpdated", body: { thread: { ...s.comments.threads.value[0]!, resolved: true } } });
    expect(s.comments.threads.value[0]!.resolved).toBe(true);
    rt.handlers!.event({ kind: "commentRemoved", body: { threadId: "t1", commentId: "k1" } });
    expect(s.comments.threads.value).toEqual([]);
  });

  it("takes presence of this project only, and heartbeats once the realtime connection joined", async () => {
    const { api, calls } = viewerServer();
    const rt = new FakeRealtime();
    const s = new NotebookSession(api, rt, "p1", { every: () => () => undefined });
    await s.start();
    const viewer = { sessionId: "s-other-1", user: ada, cellId: "a", lastSeen: "" };
    rt.handlers!.event({ kind: "presenceChanged", body: { projectId: "p2", viewers: [viewer] } });
    expect(s.presence.viewers.value).toEqual([]);
    rt.handlers!.event({ kind: "presenceChanged", body: { projectId: "p1", viewers: [viewer] } });
    expect(s.presence.viewers.value).toEqual([viewer]);
    // The session is the tab's own id, handed to the subscription, never the connection id (others see it).
    const session = rt.handlers!.sessionId!();
    expect(session).toMatch(/^s[0-9a-f]{32}$/);
    rt.handlers!.joined!();
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toContain(`PUT /api/projects/p1/presence/${session}`);
    await s.stop();
    expect(calls.at(-1)).toBe(`DELETE /api/projects/p1/presence/${session}`);
  });
});
