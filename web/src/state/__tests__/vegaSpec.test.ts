import { describe, expect, it } from "vitest";
import { safeVegaSpec, VEGA_EMBED_OPTIONS } from "../vegaSpec";

const hostile = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  usermeta: { embedOptions: { actions: true, sourceFooter: "<img src=x onerror=alert(1)>", loader: { baseURL: "https://evil.example/" } } },
  data: { values: [{ a: 1 }] },
  mark: "bar",
  encoding: { x: { field: "a", type: "quantitative" } },
  layer: [{ usermeta: { embedOptions: { actions: true } }, mark: "point" }],
};

describe("vega spec", () => {
  it("drops usermeta at every level and keeps the chart", () => {
    const safe = safeVegaSpec(hostile);
    expect(JSON.stringify(safe)).not.toContain("usermeta");
    expect(JSON.stringify(safe)).not.toContain("onerror");
    expect(safe.mark).toBe("bar");
    expect(safe.data).toEqual({ values: [{ a: 1 }] });
    expect(safe.layer).toEqual([{ mark: "point" }]);
    // the input is not changed (it is the cell's output in the store)
    expect(hostile.usermeta.embedOptions.actions).toBe(true);
  });

  it("turns a non-object into an empty spec", () => {
    expect(safeVegaSpec(null)).toEqual({});
    expect(safeVegaSpec([1])).toEqual({});
  });

  it("embeds without source/editor actions and without compiled expressions", () => {
    expect(VEGA_EMBED_OPTIONS.actions).toEqual({ export: true, source: false, compiled: false, editor: false });
    expect(VEGA_EMBED_OPTIONS.ast).toBe(true);
  });
});
