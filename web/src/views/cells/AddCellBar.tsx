import { KIND_LABELS } from "../../session/cellDefaults";
import type { CellKind } from "../../types";

const KINDS: CellKind[] = ["code", "sql", "markdown", "input", "chart"];

/** A thin bar between cells: add a cell of any kind at this position. Bars between cells are left out of the Tab
 * order (keyboard users insert with A/B and move with Alt+↑/↓); the first and last bars stay reachable. */
export function AddCellBar({ onAdd, label, always = false, tabbable = always }: { onAdd(kind: CellKind): void; label: string; always?: boolean; tabbable?: boolean }) {
  return (
    <div class={`add-bar${always ? " add-bar-always" : ""}`} role="group" aria-label={label}>
      <span class="add-bar-line" aria-hidden="true" />
      {KINDS.map((k) => (
        <button type="button" class="add-btn" tabIndex={tabbable ? 0 : -1} onClick={() => onAdd(k)} aria-label={`${label}: ${KIND_LABELS[k]}`}>
          + {KIND_LABELS[k]}
        </button>
      ))}
      <span class="add-bar-line" aria-hidden="true" />
    </div>
  );
}
