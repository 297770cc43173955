import { useState } from "preact/hooks";
import type { CommentsSession } from "../../session/commentsSession";
import { relativeTime } from "../../state/time";
import type { CellComment, Member, Thread } from "../../types";
import { Avatar } from "./Avatar";
import { CommentComposer } from "./CommentComposer";

interface Props {
  thread: Thread;
  comments: CommentsSession;
  members: Member[];
  myId: string | null;
  admin: boolean;
}

/** One thread: its comments (edit/delete my own; admins delete any), a reply box, resolve/reopen. */
export function ThreadView({ thread, comments, members, myId, admin }: Props) {
  const [editing, setEditing] = useState<string | null>(null);
  const [replying, setReplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (p: Promise<string | null>) => setError(await p);
  return (
    <article class={`thread${thread.resolved ? " thread-resolved" : ""}`} data-thread={thread.id} aria-label="Comment thread">
      {thread.comments.map((c) => editing === c.id ? (
        <CommentComposer key={c.id} members={members} label="Edit comment" submitLabel="Save" initial={c.body} autofocus
          onCancel={() => setEditing(null)}
          onSubmit={async (body, mentions) => { const e = await comments.edit(c.id, body, mentions); if (!e) setEditing(null); return e; }} />
      ) : (
        <CommentView key={c.id} comment={c} mine={c.author.id === myId}
          onEdit={() => setEditing(c.id)} canDelete={c.author.id === myId || admin}
          onDelete={() => void run(comments.remove(thread.id, c.id))} />
      ))}
      {error && <p class="error-text" role="alert">{error}</p>}
      <div class="thread-actions">
        {!thread.resolved && !replying && <button type="button" class="btn btn-ghost btn-small" onClick={() => setReplying(true)}>Reply</button>}
        <button type="button" class="btn btn-ghost btn-small" onClick={() => void run(comments.resolve(thread.id, !thread.resolved))}>
          {thread.resolved ? "Reopen" : "Resolve"}
        </button>
        {thread.resolved && <span class="muted small">Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy.name}` : ""}</span>}
      </div>
      {replying && (
        <CommentComposer members={members} label="Reply" submitLabel="Reply" autofocus onCancel={() => setReplying(false)}
          onSubmit={async (body, mentions) => { const e = await comments.post(thread.cellId, body, mentions, thread.id); if (!e) setReplying(false); return e; }} />
      )}
    </article>
  );
}

function CommentView({ comment, mine, canDelete, onEdit, onDelete }: { comment: CellComment; mine: boolean; canDelete: boolean; onEdit(): void; onDelete(): void }) {
  return (
    <div class="comment" data-comment={comment.id}>
      <Avatar person={comment.author} size={22} />
      <div class="comment-main">
        <div class="comment-head">
          <strong>{comment.author.name}</strong>
          <span class="muted small" title={comment.createdAt}>{relativeTime(comment.createdAt)}{comment.editedAt ? " · edited" : ""}</span>
          <span class="comment-tools">
            {mine && <button type="button" class="linklike small" onClick={onEdit}>Edit</button>}
            {canDelete && <button type="button" class="linklike small btn-danger-text" onClick={onDelete}>Delete</button>}
          </span>
        </div>
        <p class="comment-body">{withMentions(comment)}</p>
      </div>
    </div>
  );
}

/** The body with each "@Name" of a mentioned member highlighted. */
function withMentions(c: CellComment) {
  const names = c.mentions.map((m) => `@${m.name || m.email}`).filter((n) => c.body.includes(n));
  if (names.length === 0) return c.body;
  const pattern = new RegExp(`(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`);
  return c.body.split(pattern).map((part) => (names.includes(part) ? <span class="mention">{part}</span> : part));
}
