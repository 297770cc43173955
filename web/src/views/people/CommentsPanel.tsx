import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { people } from "../../app/backend";
import { useStore } from "../../app/useStore";
import type { NotebookSession } from "../../session/notebookSession";
import { KIND_LABELS } from "../../session/cellDefaults";
import { openCommentCounts, threadsOfCell } from "../../state/comments";
import type { Cell, Member } from "../../types";
import { CommentComposer } from "./CommentComposer";
import { ThreadView } from "./ThreadView";

interface Props {
  session: NotebookSession;
  cells: Cell[];
  cellId: string | null;
  workspaceId: string | null;
  onPick(cellId: string): void;
  onClose(): void;
}

/** The side panel with a cell's comment threads: new thread, replies, edit/delete own, resolve/reopen, @mentions. */
export function CommentsPanel({ session, cells, cellId, workspaceId, onPick, onClose }: Props) {
  const threads = useStore(session.comments.threads);
  const me = useStore(people.me);
  const [showResolved, setShowResolved] = useState(false);
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    if (!workspaceId) return;
    void api.members(workspaceId).then((r) => { if (r.ok) setMembers(r.value); });
  }, [workspaceId]);

  const index = cells.findIndex((c) => c.id === cellId);
  const cell = cells[index];
  const shown = cell ? threadsOfCell(threads, cell.id, showResolved) : [];
  const resolvedCount = cell ? threadsOfCell(threads, cell.id, true).filter((t) => t.resolved).length : 0;
  const counts = openCommentCounts(threads);
  const admin = session.state.value.project?.role === "admin" || session.state.value.project?.role === undefined;

  return (
    <aside class="graph-panel comments-panel" aria-label="Comments">
      <div class="graph-head">
        <h2>Comments</h2>
        <button type="button" class="icon-btn" aria-label="Close comments" onClick={onClose}>✕</button>
      </div>
      <label class="sr-only" for="comment-cell">Cell</label>
      <select id="comment-cell" class="input comment-cell-picker" value={cell?.id ?? ""} onChange={(e) => onPick(e.currentTarget.value)}>
        {!cell && <option value="">Choose a cell…</option>}
        {cells.map((c, i) => <option value={c.id}>Cell {i + 1} · {KIND_LABELS[c.kind]}{counts[c.id] ? ` · ${counts[c.id]} comment${counts[c.id] === 1 ? "" : "s"}` : ""}</option>)}
      </select>
      {cell && (
        <>
          <label class="check-row">
            <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.currentTarget.checked)} />
            Show resolved{resolvedCount ? ` (${resolvedCount})` : ""}
          </label>
          {shown.length === 0 && <p class="muted small">No {showResolved ? "" : "open "}comments on cell {index + 1} yet.</p>}
          {shown.map((t) => <ThreadView key={t.id} thread={t} comments={session.comments} members={members} myId={me?.id ?? null} admin={admin} />)}
          <h3 class="graph-subhead">New thread on cell {index + 1}</h3>
          <CommentComposer key={cell.id} members={members} label={`Comment on cell ${index + 1}`} submitLabel="Comment"
            onSubmit={(body, mentions) => session.comments.post(cell.id, body, mentions)} />
        </>
      )}
    </aside>
  );
}
