import { describe, expect, it } from "vitest";
import { toEvent } from "../realtime";

describe("realtime events", () => {
  it("maps hub method names case-insensitively to typed events", () => {
    expect(toEvent("cellupdated", { cell: { id: "a" } })).toEqual({ kind: "cellUpdated", body: { cell: { id: "a" } } });
    expect(toEvent("RunFinished", { runId: "r" })?.kind).toBe("runFinished");
    expect(toEvent("commentAdded", { comment: {} })?.kind).toBe("commentAdded");
    expect(toEvent("presencechanged", { viewers: [] })?.kind).toBe("presenceChanged");
  });

  it("drops unknown names and bodies that are not objects", () => {
    expect(toEvent("somethingElse", {})).toBeNull();
    expect(toEvent("cellOutput", null)).toBeNull();
  });
});
