import type { Realtime, RealtimeHandlers } from "../../realtime/realtime";

/** Realtime for tests: keeps the handlers so a test can push events, resyncs and joins. */
export class FakeRealtime implements Realtime {
  handlers: RealtimeHandlers | null = null;
  subscribe(_projectId: string, handlers: RealtimeHandlers) {
    this.handlers = handlers;
    return { close: async () => undefined };
  }
}
