import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local OpenAI-compatible chat server for the browser tests: POST /v1/chat/completions, streamed as SSE
 * (`data: {chat.completion.chunk}` … `data: [DONE]`) when the request asks for `stream`, a plain chat.completion
 * otherwise, with tool_calls in either. What it answers comes from the test's script, given the request.
 */
export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content?: unknown; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools?: Array<{ type: string; function: { name: string; description?: string; parameters?: JsonSchema } }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
}
export interface ScriptedReply {
  content?: string;
  toolCalls?: Array<{ name: string; arguments: Record<string, unknown> }>;
}
export interface RecordedRequest {
  authorization: string | undefined;
  body: ChatRequest;
}

export class ScriptedOpenAI {
  readonly requests: RecordedRequest[] = [];
  /** Streams whose client went away before the last chunk (the app cancelled the provider call). */
  cancelled = 0;
  private server: Server | null = null;
  private calls = 0;

  constructor(public script: (request: ChatRequest, index: number) => ScriptedReply) {}

  async listen(port: number): Promise<number> {
    this.server = createServer((req, res) => {
      void (async () => {
        if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
          res.writeHead(404, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
          return;
        }
        const body = JSON.parse(await readBody(req)) as ChatRequest;
        this.requests.push({ authorization: req.headers.authorization, body });
        const reply = this.script(body, this.calls++);
        const id = `chatcmpl-${this.calls}`;
        const created = Math.floor(Date.now() / 1000);
        const toolCalls = (reply.toolCalls ?? []).map((t, i) => ({ id: `call_${this.calls}_${i}`, type: "function", function: { name: t.name, arguments: JSON.stringify(t.arguments) } }));
        const finish = toolCalls.length ? "tool_calls" : "stop";
        const usage = { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 };
        if (!body.stream) {
          res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({
            id, object: "chat.completion", created, model: body.model,
            choices: [{ index: 0, message: { role: "assistant", content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) }, finish_reason: finish }],
            usage,
          }));
          return;
        }
        res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
        let finished = false;
        res.on("error", () => {});
        res.on("close", () => { if (!finished) this.cancelled++; });
        const chunk = (delta: unknown, finishReason: string | null = null) =>
          res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
        chunk({ role: "assistant", content: "" });
        // Text in small pieces, so the panel shows it arriving.
        for (const piece of (reply.content ?? "").match(/.{1,6}/gs) ?? []) {
          if (res.destroyed) return;
          chunk({ content: piece });
          await new Promise((r) => setTimeout(r, 15));
        }
        toolCalls.forEach((t, index) => {
          chunk({ tool_calls: [{ index, id: t.id, type: "function", function: { name: t.function.name, arguments: "" } }] });
          // Arguments split mid-JSON, as real providers do.
          const args = t.function.arguments;
          const half = Math.floor(args.length / 2);
          chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] });
          chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] });
        });
        chunk({}, finish);
        if (body.stream_options?.include_usage) res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage })}\n\n`);
        finished = true;
        res.end("data: [DONE]\n\n");
      })().catch((error: unknown) => {
        res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: String(error) } }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", resolve);
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (text += c));
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}

/** The text of every message of a request, to assert what context the app sent. */
export function requestText(r: ChatRequest): string {
  return r.messages.map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content ?? ""))).join("\n");
}

/**
 * The app's proposing tool, found by its name (the backend names its tools; see docs/assistant.md), and
 * arguments for it built from its JSON schema: each property is filled from `values` by what its name means.
 */
export function proposeCall(r: ChatRequest, intent: "newCell" | "editCell", values: { source: string; cellKind: string; cellId?: string; afterCellId?: string | null; explanation: string }) {
  const tools = r.tools ?? [];
  const proposing = tools.filter((t) => /propose/i.test(t.function.name));
  const tool = (intent === "editCell"
    ? proposing.find((t) => /edit|change|update/i.test(t.function.name))
    : proposing.find((t) => /new|cell|add|insert/i.test(t.function.name) && !/edit/i.test(t.function.name))) ?? proposing[0];
  if (!tool) throw new Error(`no proposing tool among ${tools.map((t) => t.function.name).join(", ")}`);
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(tool.function.parameters?.properties ?? {})) {
    const value = argumentFor(name, schema, intent, values);
    if (value !== undefined) args[name] = value;
  }
  return { name: tool.function.name, arguments: args };
}

function argumentFor(name: string, schema: JsonSchema, intent: string, v: Parameters<typeof proposeCall>[2]): unknown {
  if (schema.enum) {
    const wanted = [intent, v.cellKind].find((w) => schema.enum!.includes(w));
    if (wanted !== undefined) return wanted;
  }
  const n = name.toLowerCase();
  if (/source|code|content/.test(n)) return v.source;
  if (/after/.test(n)) return v.afterCellId ?? null;
  if (/kind|type|language/.test(n)) return v.cellKind;
  if (/cell/.test(n)) return v.cellId;
  if (/explanation|reason|summary|description|title/.test(n)) return v.explanation;
  return undefined;
}
