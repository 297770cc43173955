import { describe, expect, it } from "vitest";
import { buildChartSpec, chartData, tableRows } from "../chartSpec";
import { MIME } from "../../types";
import { cell } from "./fixtures";

const page = { columns: [{ name: "city", type: "VARCHAR" }, { name: "sales", type: "DOUBLE" }], rows: [["A", 1], ["B", 2]], totalRows: 2 };

describe("chart spec", () => {
  it("turns table rows into objects", () => {
    expect(tableRows(page)).toEqual([{ city: "A", sales: 1 }, { city: "B", sales: 2 }]);
  });

  it("builds an encoding with types from the columns and an aggregate", () => {
    const spec = buildChartSpec({ mark: "line", x: "city", y: "sales", aggregate: "sum" }, [], new Set(["sales"]))!;
    expect(spec.mark).toEqual({ type: "line", tooltip: true });
    expect(spec.encoding).toEqual({ x: { field: "city", type: "nominal" }, y: { field: "sales", type: "quantitative", aggregate: "sum" } });
  });

  it("needs x, and y unless counting", () => {
    expect(buildChartSpec({ y: "sales" }, [], new Set())).toBeNull();
    expect(buildChartSpec({ x: "city", aggregate: "count" }, [], new Set())!.encoding).toMatchObject({ y: { aggregate: "count" } });
  });

  it("draws from the table output of the nearest cell above that writes the data variable", () => {
    const writer = cell({ id: "a", writes: ["df"], outputs: [{ type: "display", data: { [MIME.table]: page } }] });
    const chart = cell({ id: "b", kind: "chart", config: { data: "df" } });
    const d = chartData(chart, [writer, chart])!;
    expect(d.fields).toEqual(["city", "sales"]);
    expect([...d.numeric]).toEqual(["sales"]);
    expect(d.rows).toHaveLength(2);
    expect(chartData(chart, [chart, writer])).toBeNull();
  });
});
