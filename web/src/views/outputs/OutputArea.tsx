import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { Cell } from "../../types";
import { OutputView } from "./OutputView";

/**
 * A cell's outputs with collapse/expand. While a run restarts the outputs, the area keeps its last height
 * as a minimum so the page does not jump while new output streams in.
 */
export function OutputArea({ cell, projectId }: { cell: Cell; projectId: string }) {
  const [collapsed, setCollapsed] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const lastHeight = useRef(0);
  const busy = cell.state === "running" || cell.state === "queued";

  useLayoutEffect(() => {
    if (!busy && box.current) lastHeight.current = box.current.offsetHeight;
  });

  if (cell.outputs.length === 0 && !busy) return null;
  const id = `out-${cell.id}`;
  return (
    <div class="output-area" style={busy && lastHeight.current ? { minHeight: `${lastHeight.current}px` } : undefined}>
      {cell.outputs.length > 0 && (
        <button type="button" class="output-toggle" aria-expanded={!collapsed} aria-controls={id}
          title={collapsed ? "Show output" : "Hide output"} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? "▸" : "▾"}<span class="sr-only">{collapsed ? "Show output" : "Hide output"}</span>
        </button>
      )}
      <div id={id} ref={box} class="outputs" aria-live="polite">
        {collapsed ? (
          <button type="button" class="collapsed-note" onClick={() => setCollapsed(false)}>
            {cell.outputs.length} output{cell.outputs.length === 1 ? "" : "s"} hidden — show
          </button>
        ) : (
          cell.outputs.map((o) => <OutputView output={o} projectId={projectId} cellId={cell.id} />)
        )}
      </div>
    </div>
  );
}
