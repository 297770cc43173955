import type { DependencyGraph } from "../types";

export interface LaidNode {
  cellId: string;
  index: number;
  y: number;
  label: string;
  writes: string[];
  reads: string[];
  inCycle: boolean;
  unbound: string[];
}

export interface LaidEdge {
  from: string;
  to: string;
  name: string;
  y1: number;
  y2: number;
  /** Horizontal lane: edges that overlap vertically get different lanes so arcs don't coincide. */
  lane: number;
  inCycle: boolean;
  mutation: boolean;
}

export interface GraphLayout {
  nodes: LaidNode[];
  edges: LaidEdge[];
  lanes: number;
  height: number;
}

/**
 * Lays the graph out vertically in cell order (cells are already topologically ordered, so every edge points
 * down unless something is wrong) with edges as arcs in non-overlapping lanes to the side.
 */
export function layoutGraph(graph: DependencyGraph, order: string[], labels: Record<string, string>, rowHeight = 44): GraphLayout {
  const position = new Map(order.map((id, i) => [id, i]));
  const inCycle = new Set(graph.cycles.flat());
  const unbound = new Map<string, string[]>();
  for (const u of graph.unbound ?? []) unbound.set(u.cellId, [...(unbound.get(u.cellId) ?? []), u.name]);

  const known = graph.nodes.filter((n) => position.has(n.cellId));
  const extra = graph.nodes.filter((n) => !position.has(n.cellId));
  const ordered = [...known.sort((a, b) => position.get(a.cellId)! - position.get(b.cellId)!), ...extra];

  const nodes: LaidNode[] = ordered.map((n, index) => ({
    cellId: n.cellId,
    index,
    y: index * rowHeight + rowHeight / 2,
    label: labels[n.cellId] ?? `cell ${index + 1}`,
    writes: n.writes,
    reads: n.reads,
    inCycle: inCycle.has(n.cellId),
    unbound: unbound.get(n.cellId) ?? [],
  }));
  const y = new Map(nodes.map((n) => [n.cellId, n.y]));

  const spans = graph.edges
    .filter((e) => y.has(e.from) && y.has(e.to))
    .map((e) => ({ ...e, y1: y.get(e.from)!, y2: y.get(e.to)! }))
    .sort((a, b) => Math.abs(a.y2 - a.y1) - Math.abs(b.y2 - b.y1));

  // Greedy interval colouring: short edges take inner lanes; an edge takes the first lane it doesn't overlap.
  const laneSpans: Array<Array<[number, number]>> = [];
  const edges: LaidEdge[] = spans.map((e) => {
    const lo = Math.min(e.y1, e.y2);
    const hi = Math.max(e.y1, e.y2);
    let lane = laneSpans.findIndex((taken) => taken.every(([a, b]) => hi <= a || lo >= b));
    if (lane < 0) {
      lane = laneSpans.length;
      laneSpans.push([]);
    }
    laneSpans[lane]!.push([lo, hi]);
    return { ...e, lane, inCycle: inCycle.has(e.from) && inCycle.has(e.to), mutation: e.kind === "mutation" };
  });

  return { nodes, edges, lanes: laneSpans.length, height: nodes.length * rowHeight };
}
