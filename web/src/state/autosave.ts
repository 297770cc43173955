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
  /** A save refused (400, 403, 404, 413): the user is told why. Only a 404 (the cell is gone) drops the edit;
   * any other refusal keeps it, to be sent again with the next keystroke. */
  rejected?(cellId: string, result: Extract<ApiResult<Cell>, { ok: false }>): void;
}

/** Where unsaved edits outlive the page: a 401 swaps the notebook for the sign-in screen (and Entra's redirect
 * reloads the page), so drafts are kept here and sent again when the notebook opens after signing in. */
export interface DraftStorage {
  load(): StoredDraft[];
  save(drafts: StoredDraft[]): void;
}

export interface StoredDraft {
  cellId: string;
  base: number;
  original: Pick<Cell, "source" | "config">;
  patch: CellPatch;
}

export type SaveStatus = "saved" | "unsaved" | "saving" | "offline" | "conflict" | "signedOut" | "failed";

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
  private signedOut = false;
  /** Cells whose last save was refused (400, 403, 413): their drafts stay until a later save succeeds. */
  private refused = new Set<string>();
  private listeners = new Set<(s: AutosaveSnapshot) => void>();

  constructor(private readonly target: SaveTarget, private readonly delayMs = 500, private readonly retryMs = 2000,
    private readonly storage: DraftStorage | null = null) {}

  /** Takes back the drafts a previous page left (signed out, reloaded, closed) and sends them now; one the server
   * changed meanwhile comes back as a conflict, so nothing typed is lost either way. */
  async restore(): Promise<void> {
    const stored = this.storage?.load() ?? [];
    for (const s of stored) {
      if (this.drafts.has(s.cellId) || this.conflicts.has(s.cellId)) continue;
      this.drafts.set(s.cellId, { base: s.base, original: s.original, rebases: 0, patch: s.patch, timer: null, inFlight: null });
    }
    this.emit();
    await Promise.all(stored.map((s) => this.saveNow(s.cellId)));
  }

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
    else if (this.signedOut && this.drafts.size > 0) status = "signedOut";
    else if (this.offline && this.drafts.size > 0) status = "offline";
    else if (this.refused.size > 0) status = "failed";
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
    this.refused.delete(cellId);
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
      this.signedOut = false;
      this.refused.delete(cellId);
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
    } else if (result.status === 401) {
      // The sign-in expired: keep the draft (and in storage); it goes again once signed in (restore).
      this.signedOut = true;
    } else if (result.status === 404) {
      // The cell was deleted: there is nothing left to save it to.
      this.drafts.delete(cellId);
      this.refused.delete(cellId);
      this.target.rejected?.(cellId, result);
    } else {
      // 400, 403, 413...: the server said no to this text. Keep it (the user may shorten it, copy it, or get the
      // role back); the next edit sends it again.
      this.refused.add(cellId);
      this.target.rejected?.(cellId, result);
    }
    this.emit();
  }

  private emit() {
    const s = this.snapshot();
    this.persist();
    for (const l of this.listeners) l(s);
  }

  private persist() {
    if (!this.storage) return;
    const kept: StoredDraft[] = [...this.drafts].map(([cellId, d]) => ({ cellId, base: d.base, original: d.original, patch: d.patch }));
    // A conflict's "mine" is kept too: sent again with version 0 it meets a 412 and becomes the same conflict
    // (unless the stored fields are empty, when applying mine loses nothing).
    for (const [cellId, c] of this.conflicts) kept.push({ cellId, base: 0, original: { source: "", config: null }, patch: c.mine });
    this.storage.save(kept);
  }
}

/** Whether the stored copy still has, in every field I edited, the value my edit started from. */
function untouched(original: Pick<Cell, "source" | "config">, theirs: Cell, mine: CellPatch): boolean {
  if (mine.source !== undefined && theirs.source !== original.source) return false;
  if (mine.config !== undefined && JSON.stringify(theirs.config ?? null) !== JSON.stringify(original.config ?? null)) return false;
  return true;
}
