import type { ApiClient } from "../api/client";
import { Store } from "../state/store";
import type { Viewer } from "../types";

export const HEARTBEAT_MS = 10_000;

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
 * the edited cell changes; DELETE (keepalive) when the tab goes. The session id is the tab's own random id, never
 * the SignalR connection id (everyone viewing sees session ids; a connection id would let them subscribe this tab to
 * another project). The subscription names it, so the hub still drops the entry when the connection closes.
 */
export class PresenceTracker {
  readonly viewers = new Store<Viewer[]>([]);
  /** Sent with every subscription of this tab's connection. */
  readonly tabSessionId = randomSessionId();
  private sessionId: string | null = null;
  private cellId: string | null = null;
  private stopTimer: (() => void) | null = null;

  constructor(private readonly api: ApiClient, private readonly projectId: string, private readonly clock: Clock = realClock) {}

  get mySessionId(): string | null {
    return this.sessionId;
  }

  /** The realtime connection joined (again, after a reconnect): the tab is present from now on. */
  joined(): void {
    if (this.sessionId === this.tabSessionId) return;
    this.sessionId = this.tabSessionId;
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
