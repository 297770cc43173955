import { describe, expect, it } from "vitest";
import { describeReason, isProvenance } from "../provenance";
import { cell } from "./fixtures";

describe("provenance", () => {
  const a = "3f2b6a1e-0000-4000-8000-000000000001";
  const b = "3f2b6a1e-0000-4000-8000-000000000002";
  it("names upstream cells by position", () => {
    expect(describeReason(`x changed in cell ${b}`, [cell({ id: a }), cell({ id: b })])).toBe("x changed in cell 2");
    expect(describeReason(`x changed in cell ${b}`, [cell({ id: a })])).toBe("x changed in another cell");
    expect(describeReason(`depends on ${a} via x`, [cell({ id: a })])).toBe("depends on cell 1 via x");
    const n = "e2af4fc365dc4202bdc3ed2fe332be36";
    expect(describeReason(`minAmount changed in cell ${n}`, [cell({ id: "x" }), cell({ id: n })])).toBe("minAmount changed in cell 2");
  });
  it("shows only reasons that explain a re-run", () => {
    expect(isProvenance("requested")).toBe(false);
    expect(isProvenance(null)).toBe(false);
    expect(isProvenance("x changed in cell 1")).toBe(true);
  });
});
