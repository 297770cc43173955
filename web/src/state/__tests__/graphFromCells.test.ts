import { describe, expect, it } from "vitest";
import { graphFromCells } from "../graphFromCells";
import { cell } from "./fixtures";

describe("graph from cells", () => {
  it("binds each read to the nearest earlier writer and reports reads with none", () => {
    const g = graphFromCells([
      cell({ id: "a", writes: ["x"] }),
      cell({ id: "b", writes: ["x"] }),
      cell({ id: "c", reads: ["x", "y"] }),
      cell({ id: "d", writes: ["y"] }),
    ]);
    expect(g.edges).toEqual([{ from: "b", to: "c", name: "x" }]);
    expect(g.unbound).toEqual([{ cellId: "c", name: "y" }]);
    expect(g.cycles).toEqual([]);
  });
});
