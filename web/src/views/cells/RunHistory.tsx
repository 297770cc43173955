import { useContext, useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { formatDuration } from "../../state/outputs";
import { describeReason } from "../../state/provenance";
import { relativeTime } from "../../state/time";
import type { Cell, RunHistoryEntry } from "../../types";
import { SessionContext } from "../notebook/sessionContext";

/** The cell's recent runs with why each ran (read when opened, and again after each of its runs). */
export function RunHistory({ cell }: { cell: Cell }) {
  const cells = useContext(SessionContext)?.state.value.cells ?? [];
  const [runs, setRuns] = useState<RunHistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void api.runHistory(cell.projectId, cell.id).then((r) => {
      if (!live) return;
      if (r.ok) setRuns(r.value);
      else setError(r.problem.detail ?? r.problem.title ?? "Could not read the run history.");
    });
    return () => { live = false; };
  }, [cell.id, cell.executionCount]);

  if (error) return <p class="error-text">{error}</p>;
  if (!runs) return <p class="muted small">Loading runs…</p>;
  if (runs.length === 0) return <p class="muted small">This cell has not run yet.</p>;
  return (
    <table class="run-history" aria-label="Run history">
      <tbody>
        {runs.map((r) => (
          <tr>
            <td class="muted" title={r.startedAt}>{relativeTime(r.startedAt)}</td>
            <td><span class={`badge badge-${r.status}`}><span class="badge-dot" aria-hidden="true" />{r.status}</span></td>
            <td class="num">{formatDuration(r.durationMs)}</td>
            <td>{r.reason === "requested" ? "run by hand" : describeReason(r.reason, cells)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
