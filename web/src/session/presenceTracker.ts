import type { ApiClient } from "../api/client";
import { Store } from "../state/store";
import type { Viewer } from "../types";

export const HEARTBEAT_MS = 10_000;
const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

export interface Clock {
  every(ms: number, fn: () => void): () => void;
}
const realClock: Clock = {
  every: (ms, fn) => {
    const t = setInterval(fn, ms);
    return () => clearInterval(t);
  },
};

/**
 * Tells the server this tab views the project (and which cell it edits): a heartbeat every 10 s and at once when
 * the edited cell changes; DELETE (keepalive) when the tab goes. The session id is the SignalR connection id, so
 * the hub also drops the entry when the connection closes.
 */
export class PresenceTracker {
  readonly viewers = new Store<Viewer[]>([]);
  private sessionId: string | null = null;
  private cellId: string | null = null;
  private stopTimer: (() => void) | null = null;
  private lastBeat: Promise<unknown> = Promise.resolve();

  constructor(private readonly api: ApiClient, private readonly projectId: string, private readonly clock: Clock = realClock) {}

  get mySessionId(): string | null {
    return this.sessionId;
  }

  /** The realtime connection joined (again): that connection id is this tab's session from now on. */
  joined(connectionId: string): void {
    const id = SESSION_ID.test(connectionId) ? connectionId : randomSessionId();
    if (id === this.sessionId) return;
    const old = this.sessionId;
    this.sessionId = id;
    // After the old session's last heartbeat has been answered, so the server can't revive it.
    if (old) void this.lastBeat.then(() => this.api.leave(this.projectId, old, false));
    this.stopTimer ??= this.clock.every(HEARTBEAT_MS, () => void this.beat());
    void this.beat();
  }

  /** The cell this tab edits now (null: none); a change is sent at once. */
  focus(cellId: string | null): void {
    if (cellId === this.cellId) return;
    this.cellId = cellId;
    void this.beat();
  }

  /** A presenceChanged event for this project. */
  apply(viewers: Viewer[]): void {
    this.viewers.set(viewers);
  }

  async beat(): Promise<void> {
    if (!this.sessionId) return;
    const sent = this.api.heartbeat(this.projectId, this.sessionId, this.cellId);
    this.lastBeat = sent;
    const r = await sent;
    if (r.ok && Array.isArray(r.value)) this.viewers.set(r.value);
  }

  /** The tab is closing or the page is left: stop and say goodbye (keepalive outlives the page). */
  leave(): void {
    this.stopTimer?.();
    this.stopTimer = null;
    if (this.sessionId) void this.api.leave(this.projectId, this.sessionId);
    this.sessionId = null;
  }
}

function randomSessionId(): string {
  return `s${crypto.randomUUID().replace(/-/g, "")}`;
}
