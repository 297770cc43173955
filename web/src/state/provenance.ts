import type { Cell } from "../types";

// Cell ids as the API prints them (32 hex digits), or dashed Guids.
const CELL_ID = /\b(cell )?([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/gi;

/** Makes a run reason readable: cell ids become "cell N" (1-based position), e.g. "depends on cell 2 via x". */
export function describeReason(reason: string, cells: Cell[]): string {
  return reason.replace(CELL_ID, (_match, _prefix: string | undefined, id: string) => {
    const i = cells.findIndex((c) => c.id.toLowerCase() === id.toLowerCase());
    return i >= 0 ? `cell ${i + 1}` : "another cell";
  });
}

/** Whether a reason is worth a provenance line (plain user requests are not). */
export function isProvenance(reason: string | null | undefined): reason is string {
  return !!reason && reason !== "requested" && reason !== "stale";
}
