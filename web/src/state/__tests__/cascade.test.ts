import { describe, expect, it } from "vitest";
import { cascadeReasons } from "../cascade";
import { cell } from "./fixtures";

describe("cascade reasons", () => {
  const cells = [
    cell({ id: "a", writes: ["x"] }),
    cell({ id: "b", reads: ["x"], writes: ["y"] }),
    cell({ id: "c", reads: ["y"] }),
    cell({ id: "d", reads: ["z"] }),
  ];
  it("names the upstream change for each transitive dependent", () => {
    expect(cascadeReasons(cells, ["a"])).toEqual({ b: "x changed in cell 1", c: "y changed in cell 2" });
  });
  it("gives roots and unrelated cells no reason", () => {
    expect(cascadeReasons(cells, ["b"])).toEqual({ c: "y changed in cell 2" });
    expect(cascadeReasons(cells, ["d"])).toEqual({});
  });
});
