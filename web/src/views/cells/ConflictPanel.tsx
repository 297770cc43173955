import type { Conflict } from "../../state/autosave";

/** Shown on a 412: the other editor's version beside ours; the user keeps one, nothing is lost silently. */
export function ConflictPanel({ conflict, onKeepMine, onTakeTheirs }: { conflict: Conflict; onKeepMine(): void; onTakeTheirs(): void }) {
  const mine = conflict.mine.source ?? JSON.stringify(conflict.mine.config, null, 2);
  const theirs = conflict.mine.source !== undefined ? conflict.theirs.source : JSON.stringify(conflict.theirs.config, null, 2);
  return (
    <div class="conflict" role="alert" aria-label="Edit conflict">
      <p class="conflict-title"><strong>Someone else changed this cell</strong> while you were editing it. Choose which version to keep.</p>
      <div class="conflict-columns">
        <div>
          <div class="conflict-label">Your version</div>
          <pre class="conflict-source" data-side="mine">{mine}</pre>
        </div>
        <div>
          <div class="conflict-label">Their version (saved)</div>
          <pre class="conflict-source" data-side="theirs">{theirs}</pre>
        </div>
      </div>
      <div class="conflict-actions">
        <button type="button" class="btn btn-primary" onClick={onKeepMine}>Keep mine</button>
        <button type="button" class="btn" onClick={onTakeTheirs}>Take theirs</button>
      </div>
    </div>
  );
}
