import { describe, expect, it } from "vitest";
import { acceptFailure, assistantReducer, EMPTY_ASSISTANT, NdjsonParser, proposalCard, toolLine, type AssistantState, type Proposal, type StreamEvent } from "../assistant";

const proposal = (over: Partial<Proposal> = {}): Proposal => ({
  id: "p1", kind: "newCell", afterCellId: null, cellKind: "code", source: "var y = x * 2;\ny", compiles: true,
  diagnostics: [], repairRounds: 0, status: "pending", ...over,
});

describe("NdjsonParser", () => {
  it("joins a line cut mid-way across chunks", () => {
    const p = new NdjsonParser();
    expect(p.push('{"type":"tok')).toEqual([]);
    expect(p.push('en","text":"Hel')).toEqual([]);
    expect(p.push('lo"}\n')).toEqual([{ type: "token", text: "Hello" }]);
  });

  it("returns every line of a chunk holding several", () => {
    const p = new NdjsonParser();
    const events = p.push('{"type":"message","id":"m1"}\n{"type":"token","text":"a"}\n{"type":"tool","name":"read_cell","detail":"cell 1"}\n');
    expect(events.map((e) => e.type)).toEqual(["message", "token", "tool"]);
  });

  it("keeps the final line without a newline until the end", () => {
    const p = new NdjsonParser();
    expect(p.push('{"type":"token","text":"x"}\n{"type":"done","messageId":"a1"}')).toEqual([{ type: "token", text: "x" }]);
    expect(p.end()).toEqual([{ type: "done", messageId: "a1" }]);
    expect(p.end()).toEqual([]);
  });

  it("decodes a multi-byte character split between byte chunks", () => {
    const p = new NdjsonParser();
    const bytes = new TextEncoder().encode('{"type":"token","text":"€"}\n');
    const cut = bytes.indexOf(0xe2) + 1;
    expect(p.push(bytes.slice(0, cut))).toEqual([]);
    expect(p.push(bytes.slice(cut))).toEqual([{ type: "token", text: "€" }]);
  });

  it("passes an error line through and turns garbage into an error, skipping blank lines", () => {
    const p = new NdjsonParser();
    const events = p.push('\n{"type":"error","title":"Provider down","detail":"503"}\r\nnot json\n');
    expect(events).toEqual([
      { type: "error", title: "Provider down", detail: "503" },
      { type: "error", title: "The assistant sent an unreadable line.", detail: "not json" },
    ]);
  });
});

function run(events: StreamEvent[], start: AssistantState = EMPTY_ASSISTANT): AssistantState {
  let s = assistantReducer(start, { type: "send", text: "double x", localId: "local-1" });
  for (const event of events) s = assistantReducer(s, { type: "event", event });
  return s;
}

describe("assistantReducer", () => {
  it("streams tokens, tools and proposals into one assistant message on done", () => {
    const mid = run([
      { type: "message", id: "u1" },
      { type: "token", text: "Here " },
      { type: "tool", name: "read_cell", detail: "cell 1" },
      { type: "token", text: "you go" },
      { type: "proposal", proposal: proposal() },
    ]);
    expect(mid.messages).toEqual([expect.objectContaining({ id: "u1", role: "user", text: "double x" })]);
    expect(mid.streaming).toEqual({ text: "Here you go", tools: [{ name: "read_cell", detail: "cell 1" }], proposals: [proposal()] });
    const done = assistantReducer(mid, { type: "event", event: { type: "done", messageId: "a1", usage: { inputTokens: 1, outputTokens: 2 } } });
    expect(done.streaming).toBeNull();
    expect(done.messages[1]).toEqual(expect.objectContaining({ id: "a1", role: "assistant", text: "Here you go", proposals: [proposal()] }));
  });

  it("keeps what was said so far on an error line and shows the error", () => {
    const s = run([{ type: "token", text: "Partial" }, { type: "error", title: "Provider failed.", detail: "Connection refused" }]);
    expect(s.streaming).toBeNull();
    expect(s.messages.map((m) => m.text)).toEqual(["double x", "Partial"]);
    expect(s.error).toBe("Provider failed. Connection refused");
  });

  it("keeps the partial answer when stopped, and adds nothing when nothing was said", () => {
    expect(assistantReducer(run([{ type: "token", text: "Half" }]), { type: "stopped" }).messages.map((m) => m.text)).toEqual(["double x", "Half"]);
    expect(assistantReducer(run([]), { type: "stopped" }).messages).toHaveLength(1);
  });

  it("replaces an accepted proposal in history and clears its failure", () => {
    let s = run([{ type: "proposal", proposal: proposal() }, { type: "done", messageId: "a1" }]);
    s = assistantReducer(s, { type: "proposalFailed", proposalId: "p1", message: "conflict" });
    expect(s.proposalErrors).toEqual({ p1: "conflict" });
    s = assistantReducer(s, { type: "proposalUpdated", proposal: proposal({ status: "accepted" }) });
    expect(s.messages[1]!.proposals[0]!.status).toBe("accepted");
    expect(s.proposalErrors).toEqual({});
  });

  it("a repeated proposal id replaces the earlier one", () => {
    const s = run([{ type: "proposal", proposal: proposal({ compiles: false }) }, { type: "proposal", proposal: proposal({ compiles: true }) }]);
    expect(s.streaming!.proposals).toEqual([proposal({ compiles: true })]);
  });
});

describe("proposalCard", () => {
  const label = (id: string | null | undefined) => (id ? `cell ${id}` : "?");

  it("shows a new cell's source as added lines with a compiles badge", () => {
    const m = proposalCard(proposal({ repairRounds: 1 }), "editor", label);
    expect(m.title).toBe("New C# cell at the end");
    expect(m.lines).toEqual([{ op: "+", text: "var y = x * 2;" }, { op: "+", text: "y" }]);
    expect(m.badge).toEqual({ tone: "ok", text: "Compiles (after 1 repair)" });
    expect(m.actionable && m.disabledReason === null).toBe(true);
  });

  it("diffs an edit against the source it was made for", () => {
    const m = proposalCard(proposal({ kind: "editCell", cellId: "c1", previousSource: "var x = 1;\nx", source: "var x = 2;\nx" }), null, label);
    expect(m.title).toBe("Edit cell c1");
    expect(m.lines).toEqual([{ op: "-", text: "var x = 1;" }, { op: "+", text: "var x = 2;" }, { op: " ", text: "x" }]);
    expect(m.acceptLabel).toBe("Apply edit");
  });

  it("lists diagnostics with lines and says it does not compile", () => {
    const m = proposalCard(proposal({ compiles: false, diagnostics: [{ message: "CS0103: z", line: 2, severity: "error" }, { message: "unused", severity: "warning" }] }), "admin", label);
    expect(m.badge).toEqual({ tone: "error", text: "Does not compile (1 error)" });
    expect(m.diagnostics).toEqual(["Line 2: CS0103: z", "unused"]);
  });

  it("gives viewers a reason instead of working buttons, and decided proposals no buttons", () => {
    expect(proposalCard(proposal(), "viewer", label).disabledReason).toMatch(/Viewers/);
    const done = proposalCard(proposal({ status: "rejected" }), "editor", label);
    expect([done.actionable, done.statusText]).toEqual([false, "Rejected"]);
    expect(proposalCard(proposal({ cellKind: "markdown", compiles: null }), "editor", label).badge.text).toBe("Not checked");
  });

  it("a run proposal has no code and no badge", () => {
    const m = proposalCard(proposal({ kind: "runCell", cellId: "c2" }), "editor", label);
    expect([m.title, m.lines, m.badge.tone]).toEqual(["Run cell c2", null, "none"]);
  });
});

describe("messages", () => {
  it("explains a 409 on an edit as a changed cell, keeping the user's work", () => {
    expect(acceptFailure(409, "x", proposal({ kind: "editCell" }))).toMatch(/changed after this proposal/);
    expect(acceptFailure(409, "Already accepted.", proposal())).toMatch(/Already accepted/);
    expect(acceptFailure(403, undefined, proposal())).toMatch(/Not allowed/);
  });

  it("names tool calls", () => {
    expect(toolLine({ name: "read_cell", detail: "cell 3" })).toBe("Read cell 3");
    expect(toolLine({ name: "some_new_tool", detail: null })).toBe("some new tool");
  });
});
