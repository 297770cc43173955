import { describe, expect, it } from "vitest";
import { ApiClient, type FetchLike } from "../../api/client";
import { cell } from "../../state/__tests__/fixtures";
import type { Cell } from "../../types";
import { NotebookSession } from "../notebookSession";
import { FakeRealtime } from "./fakeRealtime";

/** A recording fake server: answers GET project and PATCH/POST runs, keeps the order of requests. */
function fakeApi(cells: Cell[]) {
  const log: string[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    const method = init?.method ?? "GET";
    log.push(`${method} ${url.replace("/api/projects/p1", "")}`);
    if (method === "GET") return Response.json({ id: "p1", name: "P", reactive: true, updatedAt: "", cells });
    if (method === "PATCH") {
      const body = JSON.parse(String(init!.body));
      const c = cells.find((x) => url.endsWith(x.id))!;
      Object.assign(c, body, { version: c.version + 1, revision: (c.revision ?? 0) + 1 });
      return Response.json(c);
    }
    if (url.endsWith("/runs")) return Response.json({ runId: "r1", cellIds: ["a"] }, { status: 202 });
    return new Response(null, { status: 204 });
  };
  return { api: new ApiClient(fetchFn), log };
}


describe("notebook session", () => {
  it("ignores events stamped with another project (a foreign subscription cannot change this notebook)", async () => {
    const { api } = fakeApi([cell({ id: "a", revision: 1, source: "mine" })]);
    const rt = new FakeRealtime();
    const s = new NotebookSession(api, rt, "p1");
    await s.start();
    rt.handlers!.event({ kind: "cellUpdated", body: { cell: cell({ id: "a", revision: 9, source: "theirs" }), projectId: "p2" } as never });
    rt.handlers!.event({ kind: "cellOutput", body: { cellId: "a", runId: "r9", output: { type: "stream", name: "stdout", text: "x" }, projectId: "p2" } as never });
    expect(s.state.value.cells[0]!.source).toBe("mine");
    expect(s.state.value.cells[0]!.outputs).toEqual([]);
    rt.handlers!.event({ kind: "cellUpdated", body: { cell: cell({ id: "a", revision: 9, source: "new" }), projectId: "p1" } as never });
    expect(s.state.value.cells[0]!.source).toBe("new");
  });

  it("applies pushed events and drops ones older than what it holds", async () => {
    const { api } = fakeApi([cell({ id: "a", revision: 1 })]);
    const rt = new FakeRealtime();
    const s = new NotebookSession(api, rt, "p1");
    await s.start();
    rt.handlers!.event({ kind: "cellUpdated", body: { cell: cell({ id: "a", revision: 3, state: "running" }) } });
    rt.handlers!.event({ kind: "cellUpdated", body: { cell: cell({ id: "a", revision: 2, state: "queued" }) } });
    expect(s.state.value.cells[0]!.state).toBe("running");
    rt.handlers!.event({ kind: "cellOutput", body: { cellId: "a", runId: "r1", output: { type: "stream", name: "stdout", text: "hi" } } });
    expect(s.state.value.cells[0]!.outputs).toEqual([{ type: "stream", name: "stdout", text: "hi" }]);
  });

  it("re-reads the project when realtime asks for a resync (after a reconnect)", async () => {
    const { api, log } = fakeApi([cell({ id: "a" })]);
    const rt = new FakeRealtime();
    const s = new NotebookSession(api, rt, "p1");
    await s.start();
    const reads = log.filter((l) => l === "GET ").length;
    rt.handlers!.resync();
    await new Promise((r) => setTimeout(r, 0));
    expect(log.filter((l) => l === "GET ").length).toBe(reads + 1);
  });

  it("saves pending edits before asking for a run", async () => {
    const { api, log } = fakeApi([cell({ id: "a", version: 1 })]);
    const s = new NotebookSession(api, new FakeRealtime(), "p1");
    await s.start();
    s.edit("a", { source: "var x = 1;" });
    await s.run("cell", ["a"]);
    expect(log.slice(-2)).toEqual(["PATCH /cells/a", "POST /runs"]);
    expect(s.cell("a")!.source).toBe("var x = 1;");
  });

  it("re-reads the cell list when a projectChanged event carries no cells", async () => {
    const cells = [cell({ id: "a" })];
    const { api } = fakeApi(cells);
    const rt = new FakeRealtime();
    const s = new NotebookSession(api, rt, "p1");
    await s.start();
    cells.push(cell({ id: "b", order: "b" }));
    rt.handlers!.event({ kind: "projectChanged", body: { project: { id: "p1", name: "Renamed", reactive: true, updatedAt: "" } } });
    expect(s.state.value.project!.name).toBe("Renamed");
    await new Promise((r) => setTimeout(r, 0));
    expect(s.state.value.cells.map((c) => c.id)).toEqual(["a", "b"]);
  });
});
