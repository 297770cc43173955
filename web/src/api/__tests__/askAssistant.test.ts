import { describe, expect, it } from "vitest";
import type { StreamEvent } from "../../state/assistant";
import { ApiClient } from "../client";

/** A real fetch Response whose body arrives in the given byte chunks. */
function streamed(chunks: string[], status = 200, type = "application/x-ndjson"): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(enc.encode(chunk));
      c.close();
    },
  });
  return new Response(body, { status, headers: { "Content-Type": type } });
}

describe("ApiClient.askAssistant", () => {
  it("posts the question and hands over every line however the body is chunked", async () => {
    let sent: { url: string; init?: RequestInit } | null = null;
    const client = new ApiClient(async (url, init) => {
      sent = { url, init };
      return streamed(['{"type":"message","id":"u1"}\n{"type":"tok', 'en","text":"Hi"}\n{"type":"done","messageId":"a1"}']);
    });
    client.useToken(async () => "t0k");
    const events: StreamEvent[] = [];
    const r = await client.askAssistant("p1", { text: "hello", selectedCellId: "c1" }, (e) => events.push(e), new AbortController().signal);
    expect(r.ok).toBe(true);
    expect(events.map((e) => e.type)).toEqual(["message", "token", "done"]);
    expect(sent!.url).toBe("/api/projects/p1/assistant/messages");
    expect(JSON.parse(sent!.init!.body as string)).toEqual({ text: "hello", selectedCellId: "c1" });
    expect((sent!.init!.headers as Record<string, string>).Authorization).toBe("Bearer t0k");
  });

  it("returns the problem of a refused request (503 not configured) without events", async () => {
    const client = new ApiClient(async () => new Response(JSON.stringify({ type: "https://sept.dev/problems/assistant-not-configured", title: "Not configured", detail: "Set Sept__Assistant__Provider" }), { status: 503, headers: { "Content-Type": "application/problem+json" } }));
    const events: StreamEvent[] = [];
    const r = await client.askAssistant("p1", { text: "x" }, (e) => events.push(e), new AbortController().signal);
    expect(r.ok).toBe(false);
    expect(!r.ok && [r.status, r.problem.detail]).toEqual([503, "Set Sept__Assistant__Provider"]);
    expect(events).toEqual([]);
  });

  it("an aborted request is not an error and not an offline signal", async () => {
    const controller = new AbortController();
    const client = new ApiClient(async () => {
      controller.abort();
      throw new DOMException("aborted", "AbortError");
    });
    const reach: boolean[] = [];
    client.onReachability((ok) => reach.push(ok));
    const r = await client.askAssistant("p1", { text: "x" }, () => {}, controller.signal);
    expect(r.ok).toBe(true);
    expect(reach).toEqual([]);
  });
});
