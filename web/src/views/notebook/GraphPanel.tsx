import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { NotebookSession } from "../../session/notebookSession";
import { graphFromCells } from "../../state/graphFromCells";
import { layoutGraph } from "../../state/graphLayout";
import { KIND_LABELS } from "../../session/cellDefaults";
import { FilesSection } from "./FilesSection";
import type { Cell, DependencyGraph } from "../../types";

const ROW = 44;
const NODE_X = 14;
const NODE_W = 128;
const LANE_W = 24;

/** The dependency graph (GET .../graph) drawn top to bottom in cell order; edges arc to the right. */
export function GraphPanel({ session, cells, onPick, onClose }: { session: NotebookSession; cells: Cell[]; onPick(id: string): void; onClose(): void }) {
  const [graph, setGraph] = useState<DependencyGraph | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  // Refetch only when what the graph depends on changes: cell order and each cell's reads/writes.
  const shape = cells.map((c) => `${c.id}:${c.reads.join(",")}>${c.writes.join(",")}`).join("|");

  useEffect(() => {
    let live = true;
    void api.graph(session.projectId).then((r) => {
      if (!live) return;
      if (r.ok) { setGraph(r.value); setError(null); }
      // A server without the graph endpoint: draw what the cells' reads and writes say.
      else if (r.status === 404 || r.status === 405) { setGraph(graphFromCells(cellsRef.current)); setError(null); }
      else setError(r.problem.title ?? "Could not load the graph.");
    });
    return () => { live = false; };
  }, [shape]);

  const labels = useMemo(() => Object.fromEntries(cells.map((c, i) => [c.id, `${i + 1} · ${c.writes.slice(0, 2).join(", ") || KIND_LABELS[c.kind]}`])), [cells]);
  const layout = graph ? layoutGraph(graph, cells.map((c) => c.id), labels, ROW) : null;
  const width = NODE_X + NODE_W + 20 + (layout?.lanes ?? 0) * LANE_W + 40;

  return (
    <aside class="graph-panel" aria-label="Dependency graph">
      <div class="graph-head">
        <h2>Dependencies</h2>
        <button type="button" class="icon-btn" aria-label="Close graph" onClick={onClose}>✕</button>
      </div>
      {error && <p class="notice notice-error">{error}</p>}
      {layout && layout.nodes.length === 0 && <p class="muted">No cells yet.</p>}
      {layout && layout.nodes.length > 0 && (
        <svg class="graph-svg" width={width} height={layout.height + 8} role="list">
          <defs>
            <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="6" markerHeight="6" orient="auto">
              <path d="M0,0 L8,4 L0,8 z" class="graph-arrow" />
            </marker>
          </defs>
          {layout.edges.map((e) => {
            const x0 = NODE_X + NODE_W;
            const apex = x0 + 16 + e.lane * LANE_W; // where the curve turns: control points sit a third further out
            const control = x0 + (apex - x0) * 4 / 3;
            return (
              <g class={`graph-edge${e.inCycle ? " graph-cycle" : ""}${e.mutation ? " graph-mutation" : ""}`}>
                <title>{`${e.name}${e.mutation ? " (changed by the later cell)" : ""}: ${labels[e.from] ?? e.from} → ${labels[e.to] ?? e.to}`}</title>
                <path d={`M${x0},${e.y1 - 4} C${control},${e.y1 - 4} ${control},${e.y2 + 4} ${x0 + 2},${e.y2 + 4}`} marker-end="url(#arrow)" />
                <text x={apex + 3} y={(e.y1 + e.y2) / 2 + 3} class="graph-edge-label">{truncate(e.name, 10)}</text>
              </g>
            );
          })}
          {layout.nodes.map((n) => {
            const cell = cells.find((c) => c.id === n.cellId);
            const cls = `graph-node state-${cell?.state ?? "idle"}${n.inCycle ? " graph-cycle" : ""}${n.unbound.length ? " graph-unbound" : ""}`;
            const title = `${n.label}\nwrites: ${n.writes.join(", ") || "—"}\nreads: ${n.reads.join(", ") || "—"}${n.unbound.length ? `\nnot defined above: ${n.unbound.join(", ")}` : ""}`;
            return (
              <g class={cls} role="listitem" tabIndex={0} aria-label={title.replace(/\n/g, "; ")}
                onClick={() => onPick(n.cellId)} onKeyDown={(e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onPick(n.cellId); } }}>
                <title>{title}</title>
                <rect x={NODE_X} y={n.y - 15} width={NODE_W} height={30} rx={7} />
                <text x={NODE_X + 10} y={n.y + 4} class="graph-node-label">{truncate(n.label, 17)}</text>
                {n.unbound.length > 0 && <text x={NODE_X + NODE_W - 12} y={n.y + 4} class="graph-warn">!</text>}
              </g>
            );
          })}
        </svg>
      )}
      {graph && graph.cycles.length > 0 && <p class="notice notice-error">Cycle between cells: {graph.cycles.map((c) => c.map((id) => labels[id] ?? id).join(" → ")).join("; ")}</p>}
      <h2 class="graph-subhead">Variables</h2>
      <ul class="variable-list" aria-label="Variables defined by cells">
        {cells.flatMap((c, i) => c.writes.map((name) => (
          <li><button type="button" class="linklike" onClick={() => onPick(c.id)}><code>{name}</code></button><span class="muted">cell {i + 1}</span></li>
        )))}
      </ul>
      {graph?.unbound && graph.unbound.length > 0 && (
        <ul class="unbound-list">
          {graph.unbound.map((u) => <li><button type="button" class="linklike" onClick={() => onPick(u.cellId)}>{u.message ?? <><code>{u.name}</code> is not defined by any cell above {labels[u.cellId] ?? ""}</>}</button></li>)}
        </ul>
      )}
      <FilesSection projectId={session.projectId} />
    </aside>
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
