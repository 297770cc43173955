import { describe, expect, it } from "vitest";
import { defaultConfig } from "../cellDefaults";
import { cell } from "../../state/__tests__/fixtures";

describe("new cell defaults", () => {
  it("gives a new input a variable name no cell uses yet", () => {
    expect(defaultConfig("input", [])).toMatchObject({ name: "x", type: "slider" });
    const cells = [cell({ id: "a", writes: ["x"] }), cell({ id: "b", kind: "input", config: { name: "x2" } })];
    expect(defaultConfig("input", cells)).toMatchObject({ name: "x3" });
  });
  it("names a SQL result and leaves code without config", () => {
    expect(defaultConfig("sql", [cell({ id: "a", writes: ["df"] })])).toEqual({ resultName: "df2" });
    expect(defaultConfig("code", [])).toBeNull();
  });
});
