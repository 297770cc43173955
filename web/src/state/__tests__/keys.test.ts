import { describe, expect, it } from "vitest";
import { CHORD_MS, mapKey } from "../keys";

describe("keyboard commands", () => {
  it("runs with Shift+Enter (advance) and Ctrl/Cmd+Enter in both modes", () => {
    for (const mode of ["edit", "command"] as const) {
      expect(mapKey(mode, { key: "Enter", shiftKey: true }, null, 0).command).toBe("runAndAdvance");
      expect(mapKey(mode, { key: "Enter", ctrlKey: true }, null, 0).command).toBe("run");
      expect(mapKey(mode, { key: "Enter", metaKey: true }, null, 0).command).toBe("run");
    }
  });

  it("switches modes with Esc and Enter", () => {
    expect(mapKey("edit", { key: "Escape" }, null, 0).command).toBe("enterCommand");
    expect(mapKey("command", { key: "Enter" }, null, 0).command).toBe("enterEdit");
  });

  it("types letters in edit mode instead of running commands", () => {
    expect(mapKey("edit", { key: "a" }, null, 0).command).toBeNull();
    expect(mapKey("edit", { key: "d" }, { key: "d", at: 0 }, 1).command).toBeNull();
  });

  it("inserts above and below with A and B in command mode", () => {
    expect(mapKey("command", { key: "a" }, null, 0).command).toBe("insertAbove");
    expect(mapKey("command", { key: "B", shiftKey: true }, null, 0).command).toBe("insertBelow");
  });

  it("deletes only on D D within the chord window", () => {
    const first = mapKey("command", { key: "d" }, null, 1000);
    expect(first.command).toBeNull();
    expect(mapKey("command", { key: "d" }, first.chord, 1000 + CHORD_MS).command).toBe("deleteCell");
    expect(mapKey("command", { key: "d" }, first.chord, 1001 + CHORD_MS).command).toBeNull();
  });

  it("leaves Ctrl+A and other modified keys to the browser", () => {
    expect(mapKey("command", { key: "a", ctrlKey: true }, null, 0).command).toBeNull();
  });

  it("selects neighbours and moves cells", () => {
    expect(mapKey("command", { key: "ArrowDown" }, null, 0).command).toBe("selectNext");
    expect(mapKey("command", { key: "k" }, null, 0).command).toBe("selectPrevious");
    expect(mapKey("command", { key: "ArrowUp", altKey: true }, null, 0).command).toBe("moveUp");
  });
});
