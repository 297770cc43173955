import { useEffect, useState } from "preact/hooks";
import { formatDuration } from "../../state/outputs";
import type { Cell } from "../../types";

const LABELS = { idle: "Not run", queued: "Queued", running: "Running", success: "Done", error: "Error", stale: "Stale" } as const;

/** The cell's run state, from realtime events only; a running cell shows a live elapsed time. */
export function StateBadge({ cell, runningSince }: { cell: Cell; runningSince?: number }) {
  const [now, setNow] = useState(Date.now());
  const running = cell.state === "running";
  useEffect(() => {
    if (!running) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(t);
  }, [running]);

  let detail = "";
  if (running && runningSince !== undefined) detail = formatDuration(Math.max(0, now - runningSince));
  else if ((cell.state === "success" || cell.state === "error") && typeof cell.lastRunMs === "number") detail = formatDuration(cell.lastRunMs);

  return (
    <span class={`badge badge-${cell.state}`} data-state={cell.state} role="status" aria-label={`${LABELS[cell.state]}${detail ? ` ${detail}` : ""}`}>
      <span class="badge-dot" aria-hidden="true" />
      {LABELS[cell.state]}
      {detail && <span class="badge-time">{detail}</span>}
    </span>
  );
}
