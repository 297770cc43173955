import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import type { ApiClient } from "../api/client";
import { EVENT_NAMES, toEvent, type Realtime, type RealtimeHandlers, type RealtimeSubscription } from "./realtime";

/** Delays between reconnect attempts; the last repeats forever. */
const RETRY_MS = [0, 1000, 2000, 5000, 10000];

/**
 * SignalR transport: POST /api/negotiate?projectId= gives the hub url (+ token), then the connection joins the
 * project's group with POST /api/projects/{id}/subscriptions {connectionId}. Reconnects by itself and asks for a
 * resync after every reconnect, since events may have been missed.
 */
export class SignalRRealtime implements Realtime {
  constructor(private readonly api: ApiClient) {}

  subscribe(projectId: string, handlers: RealtimeHandlers): RealtimeSubscription {
    let closed = false;
    let connection: HubConnection | null = null;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const join = async (c: HubConnection) => {
      if (!c.connectionId) return false;
      const r = await this.api.subscribe(projectId, c.connectionId, handlers.sessionId?.());
      if (r.ok) handlers.joined?.();
      return r.ok;
    };

    const retry = () => {
      if (closed) return;
      handlers.status("reconnecting");
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
      attempt++;
      timer = setTimeout(() => void start(), delay);
    };

    const start = async () => {
      if (closed) return;
      handlers.status(attempt === 0 ? "connecting" : "reconnecting");
      const info = await this.api.negotiate(projectId);
      if (!info.ok) return retry();
      // Azure's negotiate hands out a SignalR Service token; locally the hub takes the user's own bearer token.
      const serviceToken = info.value.accessToken ?? undefined;
      const userToken = await this.api.bearer();
      const c = new HubConnectionBuilder()
        .withUrl(info.value.url, serviceToken ? { accessTokenFactory: () => serviceToken }
          : userToken ? { accessTokenFactory: async () => (await this.api.bearer()) ?? "" } : {})
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => (ctx.elapsedMilliseconds > 60_000 ? null : 1000) })
        .configureLogging(LogLevel.Warning)
        .build();
      for (const name of EVENT_NAMES) {
        c.on(name, (body: unknown) => {
          const e = toEvent(name, body);
          if (e) handlers.event(e);
        });
      }
      c.onreconnecting(() => handlers.status("reconnecting"));
      c.onreconnected(async () => {
        if (await join(c)) {
          handlers.status("connected");
          handlers.resync();
        }
      });
      c.onclose(() => {
        if (!closed) retry();
      });
      connection = c;
      try {
        await c.start();
      } catch {
        return retry();
      }
      if (closed) return void c.stop();
      if (!(await join(c))) {
        await c.stop();
        return;
      }
      attempt = 0;
      handlers.status("connected");
      handlers.resync(); // events between the first read and the join may have been missed
    };

    void start();
    return {
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        if (connection && connection.state !== HubConnectionState.Disconnected) await connection.stop();
        handlers.status("disconnected");
      },
    };
  }
}
