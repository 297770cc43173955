import { api } from "../api/client";
import { SignalRRealtime } from "../realtime/signalr";
import { PeopleSession } from "../session/people";
import { Store } from "../state/store";

export const realtime = new SignalRRealtime(api);

/** Whether the backend answers; while it doesn't, /api/health is probed until it does. */
export const backendReachable = new Store(true);

let probe: ReturnType<typeof setTimeout> | null = null;

api.onReachability((ok) => {
  backendReachable.set(ok);
  if (!ok && !probe) scheduleProbe();
});

/** Asks /api/health now (e.g. when the live connection drops); the banner follows the answer. */
export function checkBackend(): void {
  void api.request("GET", "/api/health");
}

function scheduleProbe() {
  probe = setTimeout(async () => {
    probe = null;
    const r = await api.request("GET", "/api/health");
    if (!r.ok) scheduleProbe();
  }, 3000);
}

/** Who is signed in and the chosen workspace. */
export const people = new PeopleSession(api, localStorage);
