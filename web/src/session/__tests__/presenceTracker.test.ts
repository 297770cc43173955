import { describe, expect, it } from "vitest";
import { ApiClient, type FetchLike } from "../../api/client";
import { HEARTBEAT_MS, PresenceTracker, type Clock } from "../presenceTracker";

/** A clock whose interval ticks only when the test says so. */
class ManualClock implements Clock {
  ticks: Array<() => void> = [];
  period = 0;
  every(ms: number, fn: () => void) {
    this.period = ms;
    this.ticks.push(fn);
    return () => { this.ticks = this.ticks.filter((t) => t !== fn); };
  }
  tick() { for (const t of this.ticks) t(); }
}

function recorder() {
  const calls: string[] = [];
  const keepalive: boolean[] = [];
  const fetchFn: FetchLike = async (url, init) => {
    calls.push(`${init?.method} ${url.replace("/api/projects/p1/presence/", "")}${init?.body ? ` ${String(init.body)}` : ""}`);
    keepalive.push(init?.keepalive === true);
    if (init?.method === "PUT") return Response.json([{ sessionId: "conn-1234", user: { id: "u1", name: "Ada", email: "a@x" }, cellId: null, lastSeen: "" }]);
    return new Response(null, { status: 204 });
  };
  return { api: new ApiClient(fetchFn), calls, keepalive };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("presence heartbeat", () => {
  it("starts beating with the tab's own session id once joined, every 10 s and at once when the edited cell changes", async () => {
    const { api, calls } = recorder();
    const clock = new ManualClock();
    const p = new PresenceTracker(api, "p1", clock);
    const id = p.tabSessionId;
    expect(id).toMatch(/^s[0-9a-f]{32}$/);
    await p.beat();
    expect(calls).toEqual([]); // no session before the realtime connection joined
    p.joined();
    await flush();
    expect(clock.period).toBe(HEARTBEAT_MS);
    expect(calls).toEqual([`PUT ${id} {}`]);
    expect(p.viewers.value.map((v) => v.user.name)).toEqual(["Ada"]);
    p.focus("c1");
    p.focus("c1");
    await flush();
    clock.tick();
    await flush();
    expect(calls.slice(1)).toEqual([`PUT ${id} {"cellId":"c1"}`, `PUT ${id} {"cellId":"c1"}`]);
  });

  it("keeps its session across reconnects and leaves with a keepalive DELETE", async () => {
    const { api, calls, keepalive } = recorder();
    const clock = new ManualClock();
    const p = new PresenceTracker(api, "p1", clock);
    const id = p.tabSessionId;
    p.joined();
    p.joined();
    await flush();
    expect(calls).toEqual([`PUT ${id} {}`]);
    p.leave();
    await flush();
    expect(calls.at(-1)).toBe(`DELETE ${id}`);
    expect(keepalive.at(-1)).toBe(true);
    expect(clock.ticks).toHaveLength(0);
  });

  it("takes presenceChanged events as the viewer list", () => {
    const p = new PresenceTracker(recorder().api, "p1", new ManualClock());
    p.apply([{ sessionId: "s1", user: { id: "u2", name: "Bob", email: "b@x" }, cellId: "c9", lastSeen: "" }]);
    expect(p.viewers.value[0]!.cellId).toBe("c9");
  });

  it("gives two tabs different sessions", () => {
    const { api } = recorder();
    expect(new PresenceTracker(api, "p1").tabSessionId).not.toBe(new PresenceTracker(api, "p1").tabSessionId);
  });
});
