import { describe, expect, it } from "vitest";
import { emptyNotebook, isForProject, notebookReducer, notebookVariables, type NotebookState } from "../notebook";
import type { Cell } from "../../types";
import { cell } from "./fixtures";

const loaded = (cells = [cell({ id: "a", order: "V" }), cell({ id: "b", order: "W" })]): NotebookState =>
  notebookReducer(emptyNotebook, { type: "loaded", project: { id: "p1", name: "P", reactive: true, updatedAt: "", cells }, now: 0 });

describe("notebook reducer", () => {
  it("orders cells by their order key on load", () => {
    const s = loaded([cell({ id: "b", order: "W" }), cell({ id: "a", order: "V" }), cell({ id: "c", order: "VV" })]);
    expect(s.cells.map((c) => c.id)).toEqual(["a", "c", "b"]);
    expect(s.project?.name).toBe("P");
  });

  it("keeps my role when a realtime copy of the project (which has none) replaces it", () => {
    let s = notebookReducer(emptyNotebook, { type: "loaded", project: { id: "p1", name: "P", reactive: true, updatedAt: "", role: "viewer", workspaceId: "w1", cells: [] }, now: 0 });
    s = notebookReducer(s, { type: "projectPatched", project: { id: "p1", name: "P2", reactive: true, updatedAt: "", cells: [cell({ id: "a" })] } });
    expect(s.project).toMatchObject({ name: "P2", role: "viewer", workspaceId: "w1" });
    s = notebookReducer(s, { type: "loaded", project: { id: "p1", name: "P2", reactive: true, updatedAt: "", role: "editor", cells: [] }, now: 0 });
    expect(s.project?.role).toBe("editor");
  });

  it("shows the outputs so far of a cell read mid-run and skips the live events they already hold", () => {
    const out = (text: string) => ({ type: "stream" as const, name: "stdout" as const, text });
    const running = cell({ id: "a", state: "running", runId: "r1", outputSequence: 2, outputs: [out("1\n2\n")] });
    let s = loaded([running]);
    expect(s.cells[0]!.outputs).toEqual([out("1\n2\n")]);
    s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", sequence: 1, output: out("2\n") } });
    expect(s.cells[0]!.outputs).toEqual([out("1\n2\n")]);
    s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", sequence: 2, output: out("3\n") } });
    expect(s.cells[0]!.outputs.map((o) => (o as { text: string }).text).join("")).toBe("1\n2\n3\n");
  });

  it("keeps live outputs that are ahead of an older mid-run GET", () => {
    const out = (text: string) => ({ type: "stream" as const, name: "stdout" as const, text });
    let s = loaded([cell({ id: "a", state: "running", revision: 2, runId: "r1", outputSequence: 0, outputs: [] })]);
    for (const [i, t] of ["1\n", "2\n", "3\n"].entries())
      s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", sequence: i, output: out(t) } });
    const before = s.cells[0]!.outputs;
    s = notebookReducer(s, {
      type: "loaded", now: 1,
      project: { id: "p1", name: "P", reactive: true, updatedAt: "", cells: [cell({ id: "a", state: "running", revision: 3, runId: "r1", outputSequence: 1, outputs: [out("1\n")] })] },
    });
    expect(s.cells[0]!.outputs).toEqual(before);
    expect(s.cells[0]!.revision).toBe(3);
  });

  it("applies a newer cellUpdated and ignores an older one", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 3, state: "success" }), now: 1 });
    expect(s.cells[0]!.state).toBe("success");
    const after = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 2, state: "running" }), now: 2 });
    expect(after).toBe(s);
  });

  it("falls back to version then updatedAt when events carry no revision", () => {
    let s = loaded([cell({ id: "a", revision: undefined, version: 2 })]);
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", revision: undefined, version: 1, source: "old" }), now: 1 });
    expect(s.cells[0]!.source).toBe("");
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", revision: undefined, version: 3, source: "new" }), now: 1 });
    expect(s.cells[0]!.source).toBe("new");
  });

  it("tracks when a cell started running and forgets it when it stops", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 2, state: "running" }), now: 1000 });
    expect(s.runningSince.a).toBe(1000);
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 3, state: "running" }), now: 2000 });
    expect(s.runningSince.a).toBe(1000);
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 4, state: "success", lastRunMs: 12 }), now: 3000 });
    expect(s.runningSince.a).toBeUndefined();
  });

  it("appends streamed output of the same run and starts afresh for a new run", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", output: { type: "stream", name: "stdout", text: "1\n" } } });
    s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", output: { type: "stream", name: "stdout", text: "2\n" } } });
    expect(s.cells[0]!.outputs).toEqual([{ type: "stream", name: "stdout", text: "1\n2\n" }]);
    s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r2", output: { type: "stream", name: "stdout", text: "3\n" } } });
    expect(s.cells[0]!.outputs).toEqual([{ type: "stream", name: "stdout", text: "3\n" }]);
  });

  it("ignores output events of a run that already finished", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "runFinished", event: { runId: "r1", cellIds: ["a"], ms: 5 } });
    const after = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", output: { type: "stream", name: "stdout", text: "late" } } });
    expect(after).toBe(s);
    expect(s.lastRun.a).toEqual({ runId: "r1", ms: 5 });
  });

  it("keeps streamed outputs when a running update arrives without them", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 2, state: "running" }), now: 1 });
    s = notebookReducer(s, { type: "cellOutput", event: { cellId: "a", runId: "r1", output: { type: "stream", name: "stdout", text: "hi" } } });
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 3, state: "running" }), now: 2 });
    expect(s.cells[0]!.outputs).toHaveLength(1);
  });

  it("records the provenance reason carried by an event", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "b", order: "W", revision: 2, state: "queued" }), reason: "a.x changed", now: 1 });
    expect(s.cells[1]!.reason).toBe("a.x changed");
  });

  it("keeps a run's reason until the cell is queued again without one", () => {
    let s = loaded();
    const b = (revision: number, state: Cell["state"]) => cell({ id: "b", order: "W", revision, state });
    s = notebookReducer(s, { type: "cellUpdated", cell: b(2, "queued"), reason: "x changed in cell 1", now: 1 });
    s = notebookReducer(s, { type: "cellUpdated", cell: b(3, "running"), now: 2 });
    s = notebookReducer(s, { type: "cellUpdated", cell: b(4, "success"), now: 3 });
    expect(s.cells[1]!.reason).toBe("x changed in cell 1");
    s = notebookReducer(s, { type: "cellUpdated", cell: b(5, "queued"), now: 4 });
    expect(s.cells[1]!.reason).toBeUndefined();
  });

  it("sets dependents' reasons and clears the roots'", () => {
    let s = notebookReducer(loaded(), { type: "reasons", roots: ["a"], reasons: { b: "x changed in cell 1" } });
    expect(s.reasons).toEqual({ b: "x changed in cell 1" });
    s = notebookReducer(s, { type: "reasons", roots: ["b"], reasons: {} });
    expect(s.reasons).toEqual({});
  });

  it("adds, moves and removes cells by order key", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellAdded", cell: cell({ id: "c", order: "VV" }) });
    expect(s.cells.map((c) => c.id)).toEqual(["a", "c", "b"]);
    s = notebookReducer(s, { type: "cellMoved", cell: cell({ id: "a", order: "X", revision: 2 }) });
    expect(s.cells.map((c) => c.id)).toEqual(["c", "b", "a"]);
    s = notebookReducer(s, { type: "cellRemoved", cellId: "b" });
    expect(s.cells.map((c) => c.id)).toEqual(["c", "a"]);
  });

  it("keeps a cell held in a newer revision when a re-read returns an older copy", () => {
    let s = loaded();
    s = notebookReducer(s, { type: "cellUpdated", cell: cell({ id: "a", order: "V", revision: 5, state: "success" }), now: 1 });
    s = notebookReducer(s, { type: "loaded", project: { id: "p1", name: "P", reactive: true, updatedAt: "", cells: [cell({ id: "a", order: "V", revision: 4, state: "running" })] }, now: 2 });
    expect(s.cells).toHaveLength(1);
    expect(s.cells[0]!.state).toBe("success");
  });

  it("lists the notebook's variables from the cells' writes", () => {
    expect(notebookVariables([cell({ id: "a", writes: ["y", "x"] }), cell({ id: "b", writes: ["x", "df"] })])).toEqual(["df", "x", "y"]);
  });
});

describe("events of another project", () => {
  it("are not for this notebook, by stamp or by the project they carry", () => {
    const c = cell({ id: "c1" });
    expect(isForProject({ kind: "cellUpdated", body: { cell: c, projectId: "p2" } as never }, "p1")).toBe(false);
    expect(isForProject({ kind: "cellOutput", body: { cellId: "c1", runId: "r", sequence: 0, output: { kind: "stream", name: "stdout", text: "x" }, projectId: "p2" } as never }, "p1")).toBe(false);
    expect(isForProject({ kind: "projectChanged", body: { project: { id: "p2" } } as never }, "p1")).toBe(false);
    expect(isForProject({ kind: "cellUpdated", body: { cell: c, projectId: "p1" } as never }, "p1")).toBe(true);
  });
});
