import { problemMessage, type ApiClient } from "../api/client";
import { commentsReducer, type CommentsAction } from "../state/comments";
import { Store } from "../state/store";
import type { Thread } from "../types";

/** A project's comment threads and the commands on them; each command returns null or a readable error. */
export class CommentsSession {
  readonly threads = new Store<Thread[]>([]);

  constructor(private readonly api: ApiClient, private readonly projectId: string) {}

  dispatch(action: CommentsAction): void {
    this.threads.update((t) => commentsReducer(t, action));
  }

  async load(): Promise<void> {
    const r = await this.api.comments(this.projectId);
    if (r.ok && Array.isArray(r.value)) this.dispatch({ type: "loaded", threads: r.value });
  }

  /** A new thread on a cell (no threadId) or a reply. */
  async post(cellId: string, body: string, mentions: string[], threadId?: string): Promise<string | null> {
    const r = await this.api.addComment(this.projectId, { cellId, body, mentions, ...(threadId ? { threadId } : {}) });
    if (!r.ok) return problemMessage(r, "Could not post the comment.");
    this.dispatch({ type: "added", comment: r.value });
    return null;
  }

  async edit(commentId: string, body: string, mentions: string[]): Promise<string | null> {
    const r = await this.api.editComment(this.projectId, commentId, body, mentions);
    if (!r.ok) return problemMessage(r, "Could not edit the comment.");
    this.dispatch({ type: "added", comment: r.value });
    return null;
  }

  async remove(threadId: string, commentId: string): Promise<string | null> {
    const r = await this.api.deleteComment(this.projectId, commentId);
    if (!r.ok && r.status !== 404) return problemMessage(r, "Could not delete the comment.");
    this.dispatch({ type: "removed", threadId, commentId });
    return null;
  }

  async resolve(threadId: string, resolved: boolean): Promise<string | null> {
    const r = await this.api.resolveThread(this.projectId, threadId, resolved);
    if (!r.ok) return problemMessage(r, resolved ? "Could not resolve the thread." : "Could not reopen the thread.");
    this.dispatch({ type: "updated", thread: r.value });
    return null;
  }
}
