import type { Cell } from "../types";

const ID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** Makes a run reason readable: cell ids become "cell N" (1-based position), e.g. "x changed in cell 2". */
export function describeReason(reason: string, cells: Cell[]): string {
  return reason.replace(ID, (id) => {
    const i = cells.findIndex((c) => c.id.toLowerCase() === id.toLowerCase());
    return i >= 0 ? `${i + 1}` : "another cell";
  }).replace(/\bin cell another cell\b/, "in another cell");
}

/** Whether a reason is worth a provenance line (plain user requests are not). */
export function isProvenance(reason: string | null | undefined): reason is string {
  return !!reason && reason !== "requested" && reason !== "stale";
}
