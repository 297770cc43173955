import { describe, expect, it } from "vitest";
import { diffModel, lineDiff } from "../diff";
import type { CellDiff, VersionCell } from "../../types";

const vc = (source: string): VersionCell => ({ id: "x", kind: "code", source, config: null, order: 1 });

describe("version diff model", () => {
  it("counts changes, skips unchanged cells and colours server lines", () => {
    const cells: CellDiff[] = [
      { cellId: "a", change: "unchanged", kind: "code" },
      { cellId: "b", change: "changed", kind: "code", lines: [{ op: " ", text: "var x = 1;" }, { op: "-", text: "var y = 2;" }, { op: "+", text: "var y = 3;" }] },
      { cellId: "c", change: "added", kind: "markdown", after: vc("# Title\ntext") },
      { cellId: "d", change: "removed", kind: "code", before: vc("gone();") },
      { cellId: "e", change: "moved", kind: "code", before: vc("m"), after: vc("m"), lines: [] },
    ];
    const m = diffModel(cells);
    expect(m.counts).toEqual({ added: 1, removed: 1, changed: 1, moved: 1 });
    expect(m.unchanged).toBe(1);
    expect(m.entries.map((e) => e.cellId)).toEqual(["b", "c", "d", "e"]);
    expect(m.entries[0]!.rows.map((r) => r.tone)).toEqual(["diff-same", "diff-del", "diff-add"]);
    expect(m.entries[1]!.rows).toEqual([{ op: "+", text: "# Title", tone: "diff-add" }, { op: "+", text: "text", tone: "diff-add" }]);
    expect(m.entries[2]!.rows).toEqual([{ op: "-", text: "gone();", tone: "diff-del" }]);
    expect(m.entries[3]!.rows).toEqual([]);
  });

  it("diffs lines itself when the server sends none", () => {
    const m = diffModel([{ cellId: "b", change: "changed", kind: "code", before: vc("a\nb\nc"), after: vc("a\nB\nc\nd") }]);
    expect(m.entries[0]!.rows.map((r) => `${r.op}${r.text}`)).toEqual([" a", "-b", "+B", " c", "+d"]);
  });

  it("keeps every line of both sides in order", () => {
    const d = lineDiff("x\ny\nz", "y\nz\nx");
    expect(d.filter((l) => l.op !== "+").map((l) => l.text)).toEqual(["x", "y", "z"]);
    expect(d.filter((l) => l.op !== "-").map((l) => l.text)).toEqual(["y", "z", "x"]);
    expect(lineDiff("", "")).toEqual([]);
  });
});
