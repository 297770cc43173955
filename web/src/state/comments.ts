import type { CellComment, Member, Thread } from "../types";

/** Comment threads of one project, oldest first; changed by API responses and realtime events alike. */
export type CommentsAction =
  | { type: "loaded"; threads: Thread[] }
  | { type: "added"; comment: CellComment }
  | { type: "updated"; thread: Thread }
  | { type: "removed"; threadId: string; commentId: string };

/** Pure: the same event applied twice (my response, then its echo) changes nothing the second time. */
export function commentsReducer(threads: Thread[], action: CommentsAction): Thread[] {
  switch (action.type) {
    case "loaded":
      return sortThreads(action.threads.map((t) => ({ ...t, comments: sortComments(t.comments) })));
    case "added": {
      const c = action.comment;
      const held = threads.find((t) => t.id === c.threadId);
      if (!held) return sortThreads([...threads, { id: c.threadId, cellId: c.cellId, resolved: false, comments: [c] }]);
      const comments = held.comments.some((x) => x.id === c.id) ? held.comments.map((x) => (x.id === c.id ? c : x)) : [...held.comments, c];
      return threads.map((t) => (t === held ? { ...held, comments: sortComments(comments) } : t));
    }
    case "updated": {
      const thread = { ...action.thread, comments: sortComments(action.thread.comments) };
      return threads.some((t) => t.id === thread.id) ? threads.map((t) => (t.id === thread.id ? thread : t)) : sortThreads([...threads, thread]);
    }
    case "removed": {
      const held = threads.find((t) => t.id === action.threadId);
      if (!held) return threads;
      // Deleting a thread's first comment deletes the thread (as the server does).
      if (held.comments[0]?.id === action.commentId) return threads.filter((t) => t !== held);
      const comments = held.comments.filter((c) => c.id !== action.commentId);
      return comments.length === 0 ? threads.filter((t) => t !== held) : threads.map((t) => (t === held ? { ...held, comments } : t));
    }
  }
}

/** Comments in open (unresolved) threads per cell: the count on each cell's badge. */
export function openCommentCounts(threads: Thread[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of threads) if (!t.resolved) counts[t.cellId] = (counts[t.cellId] ?? 0) + t.comments.length;
  return counts;
}

export function threadsOfCell(threads: Thread[], cellId: string, showResolved: boolean): Thread[] {
  return threads.filter((t) => t.cellId === cellId && (showResolved || !t.resolved));
}

/** The "@que" being typed just before the caret, if any: where it starts and what is typed after the @. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2]!.length - 1, query: m[2]! } : null;
}

/** Members matching a typed query by name or email (case-insensitive), at most `limit`. */
export function mentionCandidates(members: Member[], query: string, limit = 6): Member[] {
  const q = query.toLowerCase();
  return members.filter((m) => m.name.toLowerCase().includes(q) || m.email.includes(q)).slice(0, limit);
}

/** The text for a mention of a member: "@Name" (or the email when they have no name). */
export function mentionText(member: Pick<Member, "name" | "email">): string {
  return `@${member.name || member.email}`;
}

/** Emails of the picked members whose "@Name" is still in the body (a deleted mention is not sent). */
export function mentionsIn(body: string, picked: Array<Pick<Member, "name" | "email">>): string[] {
  const emails = picked.filter((m) => body.includes(mentionText(m))).map((m) => m.email);
  return [...new Set(emails)];
}

function sortComments(comments: CellComment[]): CellComment[] {
  return [...comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

function sortThreads(threads: Thread[]): Thread[] {
  const started = (t: Thread) => (t.comments[0] ? Date.parse(t.comments[0].createdAt) : 0);
  return [...threads].sort((a, b) => started(a) - started(b));
}
