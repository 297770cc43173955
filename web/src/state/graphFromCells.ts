import type { Cell, DependencyGraph } from "../types";

/**
 * The dependency graph as the cells describe it (each read binds to the nearest earlier writer), for when the
 * server has no graph endpoint. Reads with no earlier writer are unbound; binding only backwards means no cycles.
 */
export function graphFromCells(cells: Cell[]): DependencyGraph {
  const edges: DependencyGraph["edges"] = [];
  const unbound: NonNullable<DependencyGraph["unbound"]> = [];
  cells.forEach((cell, i) => {
    for (const name of cell.reads) {
      const writer = cells.slice(0, i).reverse().find((c) => c.writes.includes(name));
      if (writer) edges.push({ from: writer.id, to: cell.id, name });
      else unbound.push({ cellId: cell.id, name });
    }
  });
  return { nodes: cells.map((c) => ({ cellId: c.id, reads: c.reads, writes: c.writes })), edges, cycles: [], unbound };
}
