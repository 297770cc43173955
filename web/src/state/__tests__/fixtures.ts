import type { Cell } from "../../types";

/** A cell with sensible defaults; tests override what they care about. */
export function cell(over: Partial<Cell> & { id: string }): Cell {
  return {
    projectId: "p1", kind: "code", source: "", config: null, order: over.id, version: 1, revision: 1,
    reads: [], writes: [], state: "idle", outputs: [], executionCount: 0, lastRunMs: null,
    updatedAt: "2026-01-01T00:00:00Z", ...over,
  };
}
