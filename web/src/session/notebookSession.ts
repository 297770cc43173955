import { problemMessage, type ApiClient } from "../api/client";
import type { Realtime, RealtimeStatus, RealtimeSubscription } from "../realtime/realtime";
import { Autosave, type AutosaveSnapshot, type CellPatch, type DraftStorage } from "../state/autosave";
import { localDraftStorage } from "../state/draftStorage";
import { cascadeReasons } from "../state/cascade";
import { emptyNotebook, isForProject, notebookReducer, type NotebookAction, type NotebookState } from "../state/notebook";
import { Store } from "../state/store";
import type { Cell, CellConfig, CellKind, RealtimeEvent, RunMode } from "../types";
import { defaultConfig, defaultSource } from "./cellDefaults";
import { CommentsSession } from "./commentsSession";
import { EditorServices } from "./editorServices";
import { PresenceTracker, type Clock } from "./presenceTracker";

/**
 * One open notebook: holds its state (changed only by realtime events and API responses through the reducer),
 * its autosave, and the commands the views call. Cell states come only from SignalR events, never polling.
 */
export class NotebookSession {
  readonly state = new Store<NotebookState>(emptyNotebook);
  readonly saves: Store<AutosaveSnapshot>;
  readonly connection = new Store<RealtimeStatus>("connecting");
  readonly error = new Store<string | null>(null);
  readonly autosave: Autosave;
  readonly comments: CommentsSession;
  readonly presence: PresenceTracker;
  /** C# completion, hover and whole-notebook diagnostics for the editors. */
  readonly editor: EditorServices;
  private subscription: RealtimeSubscription | null = null;

  constructor(private readonly api: ApiClient, private readonly realtime: Realtime, readonly projectId: string, clock?: Clock,
    drafts: DraftStorage | null = typeof localStorage === "undefined" ? null : localDraftStorage(projectId)) {
    this.comments = new CommentsSession(api, projectId);
    this.presence = new PresenceTracker(api, projectId, clock);
    this.editor = new EditorServices(api, projectId);
    this.state.subscribe((s) => this.editor.cellsChanged(s.cells));
    this.autosave = new Autosave({
      patch: (cellId, version, patch) => api.patchCell(projectId, cellId, version, patch),
      current: async (cellId) => {
        const r = await api.getProject(projectId);
        return r.ok ? (r.value.cells ?? []).find((c) => c.id === cellId) ?? null : null;
      },
      held: (cellId) => this.cell(cellId),
      saved: (cell) => {
        this.dispatch({ type: "cellUpdated", cell, now: Date.now() });
        this.explain([cell.id]);
      },
      rejected: (_cellId, r) => {
        // The draft stays on screen (and in storage) unless the cell is gone; only then re-read what is stored.
        if (r.status === 404) void this.load();
        else this.fail(problemMessage(r, "The edit was not saved; your text is kept, edit it to try again."));
      },
    }, undefined, undefined, drafts);
    this.saves = new Store(this.autosave.snapshot());
    this.autosave.subscribe((s) => this.saves.set(s));
  }

  async start(): Promise<boolean> {
    const loaded = await this.load();
    if (!loaded) return false;
    void this.autosave.restore(); // edits a sign-out or reload interrupted
    this.subscription = this.realtime.subscribe(this.projectId, {
      event: (e) => this.onEvent(e),
      status: (s) => this.connection.set(s),
      resync: () => void this.load(),
      joined: () => this.presence.joined(),
      sessionId: () => this.presence.tabSessionId,
    });
    return loaded;
  }

  async stop(): Promise<void> {
    this.presence.leave();
    this.editor.stop();
    await this.autosave.flush();
    await this.subscription?.close();
  }

  /** Reads the project and its comments (after every reconnect too: events may have been missed). */
  async load(): Promise<boolean> {
    const r = await this.api.getProject(this.projectId);
    if (!r.ok) {
      this.error.set(r.status === 404 ? "This project does not exist, or you are not a member of its workspace." : problemMessage(r, "Could not load the project."));
      return false;
    }
    this.error.set(null);
    this.dispatch({ type: "loaded", project: r.value, now: Date.now() });
    await this.comments.load();
    return true;
  }

  /** Viewers read, comment and change input values; editing cells and running code needs editor. */
  get canEdit(): boolean {
    return this.state.value.project?.role !== "viewer";
  }

  dispatch(action: NotebookAction): void {
    this.state.update((s) => notebookReducer(s, action));
  }

  cell(id: string): Cell | undefined {
    return this.state.value.cells.find((c) => c.id === id);
  }

  onEvent(e: RealtimeEvent): void {
    // Every event names its project; one of another project is not for this notebook, whoever subscribed us to it.
    if (!isForProject(e, this.projectId)) return;
    const now = Date.now();
    switch (e.kind) {
      case "cellUpdated":
        return this.dispatch({ type: "cellUpdated", cell: e.body.cell, reason: e.body.reason, now });
      case "cellOutput":
        return this.dispatch({ type: "cellOutput", event: e.body });
      case "runFinished":
        return this.dispatch({ type: "runFinished", event: e.body });
      case "projectChanged":
        this.dispatch({ type: "projectPatched", project: e.body.project });
        // Without cells the event only says something structural changed: re-read.
        if (!e.body.project.cells) void this.load();
        return;
      case "commentAdded":
        return this.comments.dispatch({ type: "added", comment: e.body.comment });
      case "commentUpdated":
        return this.comments.dispatch({ type: "updated", thread: e.body.thread });
      case "commentRemoved":
        return this.comments.dispatch({ type: "removed", threadId: e.body.threadId, commentId: e.body.commentId });
      case "presenceChanged":
        return this.presence.apply(e.body.viewers);
    }
  }

  edit(cellId: string, patch: CellPatch): void {
    this.autosave.edit(cellId, patch);
  }

  async addCell(kind: CellKind, afterCellId: string | null): Promise<Cell | null> {
    const cells = this.state.value.cells;
    const config: CellConfig | null = defaultConfig(kind, cells);
    const r = await this.api.addCell(this.projectId, { kind, source: defaultSource(kind), afterCellId, config });
    if (!r.ok) return this.fail(problemMessage(r, "Could not add the cell."));
    this.dispatch({ type: "cellAdded", cell: r.value });
    return r.value;
  }

  /** Inserts above a cell: after the one before it (null = at the top). */
  addCellAbove(kind: CellKind, cellId: string): Promise<Cell | null> {
    const cells = this.state.value.cells;
    const i = cells.findIndex((c) => c.id === cellId);
    return this.addCell(kind, i > 0 ? cells[i - 1]!.id : null);
  }

  async deleteCell(cellId: string): Promise<void> {
    this.autosave.drop(cellId);
    const r = await this.api.deleteCell(this.projectId, cellId);
    if (r.ok || r.status === 404) this.dispatch({ type: "cellRemoved", cellId });
    else this.fail(problemMessage(r, "Could not delete the cell."));
  }

  /** Locks the cell to me, or unlocks it (mine, or anyone's as an admin). */
  async setLock(cellId: string, locked: boolean): Promise<void> {
    if (locked) await this.autosave.flush(cellId);
    const r = await this.api.lockCell(this.projectId, cellId, locked);
    if (r.ok) this.dispatch({ type: "cellUpdated", cell: r.value, now: Date.now() });
    else this.fail(problemMessage(r, locked ? "Could not lock the cell." : "Could not unlock the cell."));
  }

  async moveCell(cellId: string, afterCellId: string | null): Promise<void> {
    if (cellId === afterCellId) return;
    const r = await this.api.moveCell(this.projectId, cellId, afterCellId);
    if (r.ok) this.dispatch({ type: "cellMoved", cell: r.value });
    else this.fail(problemMessage(r, "Could not move the cell."));
  }

  /** Moves a cell one place up (-1) or down (+1). */
  moveBy(cellId: string, delta: -1 | 1): Promise<void> {
    const ids = this.state.value.cells.map((c) => c.id);
    const i = ids.indexOf(cellId);
    const target = i + delta;
    if (i < 0 || target < 0 || target >= ids.length) return Promise.resolve();
    const rest = ids.filter((id) => id !== cellId);
    const after = target === 0 ? null : rest[target - 1]!;
    return this.moveCell(cellId, after);
  }

  /** Saves pending edits first so the run sees what is on screen. */
  async run(mode: RunMode, cellIds?: string[]): Promise<void> {
    await this.autosave.flush();
    const conflicted = Object.keys(this.autosave.snapshot().conflicts);
    if (cellIds?.some((id) => conflicted.includes(id))) {
      this.fail("Resolve the edit conflict before running this cell.");
      return;
    }
    const r = await this.api.run(this.projectId, mode, cellIds);
    if (!r.ok) this.fail(problemMessage(r, "Could not start the run."));
    else if (cellIds) this.explain(cellIds);
  }

  async interrupt(): Promise<void> {
    const r = await this.api.interrupt(this.projectId);
    if (!r.ok) this.fail(problemMessage(r, "Could not interrupt."));
  }

  async restart(): Promise<void> {
    const r = await this.api.restart(this.projectId);
    if (!r.ok) this.fail(problemMessage(r, "Could not restart the kernel."));
  }

  async patchProject(patch: { name?: string; reactive?: boolean }): Promise<void> {
    const r = await this.api.patchProject(this.projectId, patch);
    if (r.ok) this.dispatch({ type: "projectPatched", project: r.value });
    else this.fail(problemMessage(r, "Could not update the project."));
  }

  /** Records why the dependents of changed or re-run cells run again (shown as the provenance line). */
  private explain(roots: string[]) {
    this.dispatch({ type: "reasons", roots, reasons: cascadeReasons(this.state.value.cells, roots) });
  }

  fail(message: string): null {
    this.error.set(message);
    return null;
  }
}
