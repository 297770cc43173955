import type { Cell, TablePage } from "../types";
import { MIME } from "../types";

/** What a SQL cell can query, for completion: every name a cell above defines (notebook collections, SQL results,
 * inputs), with the columns of its last table output when it has one. Returned as JSON so memoised cells compare
 * it by value. */
export function sqlSchemaJson(cells: Cell[], index: number): string {
  const tables: Record<string, string[]> = {};
  for (const cell of cells.slice(0, index)) {
    const columns = tableColumns(cell);
    for (const name of cell.writes) tables[name] = columns;
  }
  return JSON.stringify(tables);
}

function tableColumns(cell: Cell): string[] {
  for (const output of [...cell.outputs].reverse()) {
    if (output.type !== "display") continue;
    const page = output.data?.[MIME.table] as TablePage | undefined;
    if (page && Array.isArray(page.columns)) return page.columns.map((c) => c.name);
  }
  return [];
}
