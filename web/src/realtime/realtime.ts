import type { RealtimeEvent } from "../types";

export type RealtimeStatus = "connecting" | "connected" | "reconnecting" | "disconnected";

export interface RealtimeHandlers {
  event(e: RealtimeEvent): void;
  status(s: RealtimeStatus): void;
  /** After a reconnect events may have been missed: re-read the project. */
  resync(): void;
  /** Joined the project's group (again after every reconnect). */
  joined?(): void;
  /** The tab's presence session, sent with the subscription so the server drops it when the connection closes. */
  sessionId?(): string;
}

export interface RealtimeSubscription {
  close(): Promise<void>;
}

/** Realtime events of one project; SignalR in the app, a fake in tests. */
export interface Realtime {
  subscribe(projectId: string, handlers: RealtimeHandlers): RealtimeSubscription;
}

export const EVENT_NAMES = [
  "cellUpdated", "cellOutput", "runFinished", "projectChanged", "commentAdded", "commentUpdated", "commentRemoved", "presenceChanged",
] as const;

/** Turns a hub invocation into a typed event (null for names we don't know). */
export function toEvent(name: string, body: unknown): RealtimeEvent | null {
  const known = EVENT_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!known || typeof body !== "object" || body === null) return null;
  return { kind: known, body } as RealtimeEvent;
}
