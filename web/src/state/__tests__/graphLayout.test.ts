import { describe, expect, it } from "vitest";
import { layoutGraph } from "../graphLayout";

describe("graph layout", () => {
  const graph = {
    nodes: [{ cellId: "c", reads: ["x", "y"], writes: [] }, { cellId: "a", reads: [], writes: ["x"] }, { cellId: "b", reads: ["x"], writes: ["y"] }],
    edges: [{ from: "a", to: "b", name: "x" }, { from: "b", to: "c", name: "y" }, { from: "a", to: "c", name: "x" }],
    cycles: [],
    unbound: [{ cellId: "c", name: "z" }],
  };

  it("places nodes in cell order, one row each", () => {
    const l = layoutGraph(graph, ["a", "b", "c"], {}, 40);
    expect(l.nodes.map((n) => [n.cellId, n.y])).toEqual([["a", 20], ["b", 60], ["c", 100]]);
    expect(l.height).toBe(120);
    expect(l.nodes[2]!.unbound).toEqual(["z"]);
  });

  it("puts overlapping edges in different lanes and adjacent ones in the same lane", () => {
    const l = layoutGraph(graph, ["a", "b", "c"], {}, 40);
    const lane = (from: string, to: string) => l.edges.find((e) => e.from === from && e.to === to)!.lane;
    expect(lane("a", "b")).toBe(0);
    expect(lane("b", "c")).toBe(0);
    expect(lane("a", "c")).toBe(1);
    expect(l.lanes).toBe(2);
  });

  it("flags nodes and edges in a cycle", () => {
    const l = layoutGraph({ ...graph, cycles: [["b", "c"]] }, ["a", "b", "c"], {});
    expect(l.nodes.filter((n) => n.inCycle).map((n) => n.cellId)).toEqual(["b", "c"]);
    expect(l.edges.filter((e) => e.inCycle).map((e) => e.name)).toEqual(["y"]);
  });
});
