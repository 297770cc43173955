import type { ApiResult } from "../api/client";
import type { Cell, CellConfig } from "../types";

export interface CellPatch {
  source?: string;
  config?: CellConfig | null;
}

/** Where the saver sends edits; the app wires these to the API, tests to fakes. */
export interface SaveTarget {
  patch(cellId: string, version: number, patch: CellPatch): Promise<ApiResult<Cell>>;
  /** The stored copy after a 412 (when the problem body does not carry it). */
  current(cellId: string): Promise<Cell | null>;
  /** The copy the client holds for a cell when an edit starts (its version guards the save). */
  held(cellId: string): Cell | undefined;
  saved(cell: Cell): void;
  /** A save refused for good (403, 404, 400): the edit is dropped, the user is told why. */
  rejected?(cellId: string, result: Extract<ApiResult<Cell>, { ok: false }>): void;
}

export type SaveStatus = "saved" | "unsaved" | "saving" | "offline" | "conflict";

/** A 412: both versions, so the user can keep theirs or take the other editor's — nothing is lost. */
export interface Conflict {
  mine: CellPatch;
  theirs: Cell;
}

interface Draft {
  base: number;
  /** What the edited fields held at `base`: a 412 whose stored copy still has these didn't touch my edit. */
  original: Pick<Cell, "source" | "config">;
  /** Automatic re-bases after a 412 on an untouched field (bounded, so a busy cell ends in a conflict). */
  rebases: number;
  patch: CellPatch;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: Promise<void> | null;
}

export interface AutosaveSnapshot {
  status: SaveStatus;
  drafts: Record<string, CellPatch>;
  conflicts: Record<string, Conflict>;
}

/**
 * Debounced per-cell autosave with optimistic concurrency: saves ~delay ms after typing stops, on blur and
 * before a run (flush), sends If-Match: version, keeps edits made during a save, retries when offline.
 */
export class Autosave {
  private drafts = new Map<string, Draft>();
  private conflicts = new Map<string, Conflict>();
  private offline = false;
  private listeners = new Set<(s: AutosaveSnapshot) => void>();

  constructor(private readonly target: SaveTarget, private readonly delayMs = 500, private readonly retryMs = 2000) {}

  subscribe(listener: (s: AutosaveSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): AutosaveSnapshot {
    const drafts: Record<string, CellPatch> = {};
    for (const [id, d] of this.drafts) drafts[id] = d.patch;
    const conflicts = Object.fromEntries(this.conflicts);
    let status: SaveStatus = "saved";
    if (this.conflicts.size > 0) status = "conflict";
    else if (this.offline && this.drafts.size > 0) status = "offline";
    else if ([...this.drafts.values()].some((d) => d.inFlight)) status = "saving";
    else if (this.drafts.size > 0) status = "unsaved";
    return { status, drafts, conflicts };
  }

  /** Records an edit and restarts the cell's debounce timer. */
  edit(cellId: string, patch: CellPatch): void {
    const conflict = this.conflicts.get(cellId);
    if (conflict) {
      // Until the user chooses, further typing refines "mine" and nothing is sent.
      this.conflicts.set(cellId, { ...conflict, mine: { ...conflict.mine, ...patch } });
      this.emit();
      return;
    }
    const existing = this.drafts.get(cellId);
    const held = this.target.held(cellId);
    const draft: Draft = existing ?? {
      base: held?.version ?? 0, original: { source: held?.source ?? "", config: held?.config ?? null }, rebases: 0,
      patch: {}, timer: null, inFlight: null,
    };
    draft.patch = { ...draft.patch, ...patch };
    this.drafts.set(cellId, draft);
    this.arm(cellId, draft, this.delayMs);
    this.emit();
  }

  /** Saves now (blur, before run). Resolves once the cell has no unsaved edit or is in conflict/offline. */
  async flush(cellId?: string): Promise<void> {
    const ids = cellId ? [cellId] : [...this.drafts.keys()];
    await Promise.all(ids.map((id) => this.saveNow(id)));
  }

  hasDraft(cellId: string): boolean {
    return this.drafts.has(cellId);
  }

  /** Resolves a conflict: "mine" overwrites the stored copy, "theirs" drops the local edit. */
  async resolve(cellId: string, choice: "mine" | "theirs"): Promise<void> {
    const conflict = this.conflicts.get(cellId);
    if (!conflict) return;
    this.conflicts.delete(cellId);
    if (choice === "theirs") {
      this.target.saved(conflict.theirs);
      this.emit();
      return;
    }
    const { theirs } = conflict;
    this.drafts.set(cellId, {
      base: theirs.version, original: theirs, rebases: 0, patch: conflict.mine, timer: null, inFlight: null,
    });
    await this.saveNow(cellId);
  }

  /** Forgets a cell (deleted). */
  drop(cellId: string): void {
    const d = this.drafts.get(cellId);
    if (d?.timer) clearTimeout(d.timer);
    this.drafts.delete(cellId);
    this.conflicts.delete(cellId);
    this.emit();
  }

  private arm(cellId: string, draft: Draft, ms: number) {
    if (draft.timer) clearTimeout(draft.timer);
    draft.timer = setTimeout(() => {
      draft.timer = null;
      void this.saveNow(cellId);
    }, ms);
  }

  private async saveNow(cellId: string): Promise<void> {
    const draft = this.drafts.get(cellId);
    if (!draft) return;
    if (draft.timer) {
      clearTimeout(draft.timer);
      draft.timer = null;
    }
    if (draft.inFlight) {
      await draft.inFlight;
      // Edits made while that save ran are still pending: save them too.
      if (this.drafts.get(cellId) && !this.conflicts.has(cellId) && !this.offline) return this.saveNow(cellId);
      return;
    }
    const sent = draft.patch;
    draft.inFlight = this.send(cellId, draft, sent);
    this.emit();
    await draft.inFlight;
  }

  private async send(cellId: string, draft: Draft, sent: CellPatch): Promise<void> {
    const result = await this.target.patch(cellId, draft.base, sent);
    draft.inFlight = null;
    if (result.ok) {
      this.offline = false;
      draft.base = result.value.version;
      draft.original = result.value;
      draft.rebases = 0;
      if (draft.patch === sent) this.drafts.delete(cellId);
      else this.arm(cellId, draft, this.delayMs); // typed during the save
      this.target.saved(result.value);
    } else if (result.status === 412) {
      const theirs = result.problem.current ?? (await this.target.current(cellId));
      if (theirs && draft.rebases < 3 && untouched(draft.original, theirs, draft.patch)) {
        // The other change was elsewhere (position, another field): apply mine on top of it, no conflict.
        draft.base = theirs.version;
        draft.original = theirs;
        draft.rebases++;
        this.target.saved(theirs);
        draft.inFlight = this.send(cellId, draft, draft.patch);
        return draft.inFlight; // flush() (and so a run) waits for this save too
      } else {
        this.drafts.delete(cellId);
        if (theirs) this.conflicts.set(cellId, { mine: draft.patch, theirs });
      }
    } else if (result.status === 0 || result.status >= 500) {
      this.offline = true;
      this.arm(cellId, draft, this.retryMs);
    } else {
      // A 4xx other than 412 (e.g. the cell was deleted, or my role may not change it): nothing to retry.
      this.drafts.delete(cellId);
      this.target.rejected?.(cellId, result);
    }
    this.emit();
  }

  private emit() {
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }
}

/** Whether the stored copy still has, in every field I edited, the value my edit started from. */
function untouched(original: Pick<Cell, "source" | "config">, theirs: Cell, mine: CellPatch): boolean {
  if (mine.source !== undefined && theirs.source !== original.source) return false;
  if (mine.config !== undefined && JSON.stringify(theirs.config ?? null) !== JSON.stringify(original.config ?? null)) return false;
  return true;
}
