import type { Cell } from "../types";
import { graphFromCells } from "./graphFromCells";

/**
 * Why each downstream cell of `roots` re-runs (or goes stale): "{name} changed in cell N", naming the upstream cell
 * it reads from. Follows edges transitively in cell order, so a chain a → b → c gives c "y changed in cell 2".
 */
export function cascadeReasons(cells: Cell[], roots: string[]): Record<string, string> {
  const { edges } = graphFromCells(cells);
  const position = new Map(cells.map((c, i) => [c.id, i + 1]));
  const changed = new Set(roots);
  const reasons: Record<string, string> = {};
  for (const cell of cells) {
    if (changed.has(cell.id)) continue;
    const edge = edges.find((e) => e.to === cell.id && changed.has(e.from));
    if (!edge) continue;
    changed.add(cell.id);
    reasons[cell.id] = `${edge.name} changed in cell ${position.get(edge.from)}`;
  }
  return reasons;
}
