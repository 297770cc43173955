import type { Cell, ChartConfig, TablePage } from "../types";
import { pickRendering } from "./outputs";

export type Row = Record<string, unknown>;

/** Rows of a table page as objects (Vega-Lite's inline data shape). */
export function tableRows(page: TablePage): Row[] {
  return page.rows.map((r) => Object.fromEntries(page.columns.map((c, i) => [c.name, r[i]])));
}

/** The data the chart form can draw: the chart cell's own last Vega-Lite output, else the data variable's table. */
export function chartData(chartCell: Cell, cells: Cell[]): { rows: Row[]; fields: string[]; numeric: Set<string> } | null {
  const own = firstRendering(chartCell, "vegaLite");
  const ownValues = own && own.kind === "vegaLite" ? inlineValues(own.spec) : null;
  if (ownValues) return describe(ownValues);
  const name = chartCell.config?.data;
  if (!name) return null;
  const above = cells.slice(0, Math.max(0, cells.findIndex((c) => c.id === chartCell.id)));
  const writer = above.reverse().find((c) => c.writes.includes(name));
  const table = writer ? firstRendering(writer, "table") : null;
  if (table?.kind === "table") {
    const numeric = new Set(table.page.columns.filter((c) => isNumericType(c.type)).map((c) => c.name));
    return { rows: tableRows(table.page), fields: table.page.columns.map((c) => c.name), numeric };
  }
  return null;
}

/** A Vega-Lite spec from the chart form: mark, x, y, colour and an optional aggregate of y. */
export function buildChartSpec(config: ChartConfig, rows: Row[], numeric: Set<string>): Record<string, unknown> | null {
  if (!config.x || (!config.y && config.aggregate !== "count")) return null;
  const type = (field: string) => (numeric.has(field) ? "quantitative" : "nominal");
  const encoding: Record<string, unknown> = { x: { field: config.x, type: type(config.x) } };
  if (config.aggregate === "count") encoding.y = { aggregate: "count", type: "quantitative" };
  else if (config.y) encoding.y = { field: config.y, type: type(config.y), ...(config.aggregate ? { aggregate: config.aggregate } : {}) };
  if (config.color) encoding.color = { field: config.color, type: type(config.color) };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    data: { values: rows },
    mark: { type: config.mark ?? "bar", tooltip: true },
    encoding,
    width: "container",
    height: 220,
  };
}

function describe(rows: Row[]) {
  const fields = [...new Set(rows.slice(0, 50).flatMap((r) => Object.keys(r)))];
  const numeric = new Set(fields.filter((f) => rows.slice(0, 50).every((r) => r[f] === null || typeof r[f] === "number")));
  return { rows, fields, numeric };
}

function inlineValues(spec: Record<string, unknown>): Row[] | null {
  const data = spec.data as { values?: unknown } | undefined;
  return Array.isArray(data?.values) ? (data.values as Row[]) : null;
}

function firstRendering(cell: Cell, kind: "vegaLite" | "table") {
  for (const o of cell.outputs) {
    if (o.type !== "display") continue;
    const r = pickRendering(o);
    if (r.kind === kind) return r;
  }
  return null;
}

function isNumericType(type: string): boolean {
  return /^(u?int|tinyint|smallint|bigint|hugeint|integer|double|float|real|decimal|numeric|single|int16|int32|int64|byte)/i.test(type)
    || /^(System\.)?(Int|Double|Single|Decimal|Byte|UInt)/.test(type);
}
