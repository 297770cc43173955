import type { CellKind, DiffLine, Role } from "../types";
import { lineDiff } from "./diff";
import { atLeast } from "./roles";

// The wire shapes of /work/wt/ASSISTANT_API.md (docs/api.md, "Assistant").

export interface AssistantStatus {
  enabled: boolean;
  model: string | null;
  howToEnable: string | null;
}

export interface ProposalDiagnostic {
  message: string;
  line?: number | null;
  severity: "error" | "warning";
}

export interface Proposal {
  id: string;
  kind: "newCell" | "editCell" | "runCell";
  cellId?: string | null;
  afterCellId?: string | null;
  cellKind: CellKind;
  source: string;
  previousSource?: string | null;
  explanation?: string | null;
  compiles: boolean | null;
  diagnostics: ProposalDiagnostic[];
  repairRounds: number;
  status: "pending" | "accepted" | "rejected";
}

export interface AssistantMessage {
  id: string;
  role: "user" | "assistant";
  text: string;
  createdAt: string;
  proposals: Proposal[];
}

export type StreamEvent =
  | { type: "message"; id: string }
  | { type: "token"; text: string }
  | { type: "tool"; name: string; detail?: string | null }
  | { type: "proposal"; proposal: Proposal }
  | { type: "done"; messageId: string; usage?: { inputTokens: number; outputTokens: number } }
  | { type: "error"; title: string; detail?: string | null };

/**
 * Splits an application/x-ndjson body into events however the network chunks it: a line may be cut anywhere
 * (even inside a multi-byte character, hence the streaming decoder), a chunk may hold several lines, and the
 * last line may lack its newline. A line that is not JSON becomes an `error` event rather than a thrown exception.
 */
export class NdjsonParser {
  private buffer = "";
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array | string): StreamEvent[] {
    this.buffer += typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    const lines = this.buffer.split("\n");
    this.buffer = lines.pop() ?? "";
    return lines.flatMap(parseLine);
  }

  /** The stream ended: whatever is left is the final line. */
  end(): StreamEvent[] {
    const rest = this.buffer + this.decoder.decode();
    this.buffer = "";
    return parseLine(rest);
  }
}

function parseLine(line: string): StreamEvent[] {
  const text = line.trim();
  if (!text) return [];
  try {
    const value = JSON.parse(text) as StreamEvent;
    return value && typeof value === "object" && typeof value.type === "string" ? [value] : [];
  } catch {
    return [{ type: "error", title: "The assistant sent an unreadable line.", detail: text.slice(0, 200) }];
  }
}

/** One line of what the model did (a tool call), shown under the answer while it streams. */
export interface ToolActivity {
  name: string;
  detail: string | null;
}

export interface AssistantState {
  messages: AssistantMessage[];
  /** The answer being streamed, or null when idle. */
  streaming: { text: string; tools: ToolActivity[]; proposals: Proposal[] } | null;
  error: string | null;
  /** Per proposal: why the last accept failed (a 409 keeps the card). */
  proposalErrors: Record<string, string>;
}

export const EMPTY_ASSISTANT: AssistantState = { messages: [], streaming: null, error: null, proposalErrors: {} };

export type AssistantAction =
  | { type: "loaded"; messages: AssistantMessage[] }
  | { type: "send"; text: string; localId: string }
  | { type: "event"; event: StreamEvent }
  | { type: "stopped" }
  | { type: "failed"; message: string }
  | { type: "proposalUpdated"; proposal: Proposal }
  | { type: "proposalFailed"; proposalId: string; message: string }
  | { type: "cleared" }
  | { type: "dismissError" };

const TOOL_LABELS: Record<string, string> = {
  read_cell: "Read",
  list_variables: "Listed variables",
  describe_table: "Described",
  sample_rows: "Sampled rows of",
  search_cells: "Searched cells for",
  propose_cell: "Proposed a new cell:",
  propose_edit: "Proposed an edit of",
  propose_run: "Proposed running",
};

/** "Read cell 3" from {name: read_cell, detail: cell 3}; unknown tools show their name. */
export function toolLine(t: ToolActivity): string {
  const label = TOOL_LABELS[t.name] ?? t.name.replace(/_/g, " ");
  return t.detail ? `${label} ${t.detail}` : label;
}

/** The panel's state machine: history, the streamed answer, and what accept/reject did to proposals. */
export function assistantReducer(s: AssistantState, a: AssistantAction): AssistantState {
  switch (a.type) {
    case "loaded":
      return { ...s, messages: a.messages, error: null };
    case "send": {
      const mine: AssistantMessage = { id: a.localId, role: "user", text: a.text, createdAt: new Date().toISOString(), proposals: [] };
      return { ...s, messages: [...s.messages, mine], streaming: { text: "", tools: [], proposals: [] }, error: null };
    }
    case "event":
      return applyEvent(s, a.event);
    case "stopped":
      return finish(s, `local-stopped-${s.messages.length}`);
    case "failed":
      return { ...finish(s, `local-failed-${s.messages.length}`), error: a.message };
    case "proposalUpdated": {
      const swap = (ps: Proposal[]) => ps.map((p) => (p.id === a.proposal.id ? a.proposal : p));
      const { [a.proposal.id]: _, ...proposalErrors } = s.proposalErrors;
      return {
        ...s,
        messages: s.messages.map((m) => (m.proposals.some((p) => p.id === a.proposal.id) ? { ...m, proposals: swap(m.proposals) } : m)),
        streaming: s.streaming && { ...s.streaming, proposals: swap(s.streaming.proposals) },
        proposalErrors,
      };
    }
    case "proposalFailed":
      return { ...s, proposalErrors: { ...s.proposalErrors, [a.proposalId]: a.message } };
    case "cleared":
      return { ...EMPTY_ASSISTANT };
    case "dismissError":
      return { ...s, error: null };
  }
}

function applyEvent(s: AssistantState, e: StreamEvent): AssistantState {
  const st = s.streaming ?? { text: "", tools: [], proposals: [] };
  switch (e.type) {
    case "message": {
      // The server's id replaces the optimistic one of the last user message.
      const messages = s.messages.slice();
      const last = messages.length - 1;
      if (last >= 0 && messages[last]!.role === "user") messages[last] = { ...messages[last]!, id: e.id };
      return { ...s, messages, streaming: st };
    }
    case "token":
      return { ...s, streaming: { ...st, text: st.text + e.text } };
    case "tool":
      return { ...s, streaming: { ...st, tools: [...st.tools, { name: e.name, detail: e.detail ?? null }] } };
    case "proposal":
      return { ...s, streaming: { ...st, proposals: [...st.proposals.filter((p) => p.id !== e.proposal.id), e.proposal] } };
    case "done":
      return finish({ ...s, streaming: st }, e.messageId);
    case "error":
      return { ...finish({ ...s, streaming: st }, `local-error-${s.messages.length}`), error: e.detail ? `${e.title} ${e.detail}` : e.title };
  }
}

/** Ends the stream: what was said so far becomes an assistant message (the server keeps it too). */
function finish(s: AssistantState, id: string): AssistantState {
  const st = s.streaming;
  if (!st) return s;
  if (!st.text && st.proposals.length === 0) return { ...s, streaming: null };
  const answer: AssistantMessage = { id, role: "assistant", text: st.text, createdAt: new Date().toISOString(), proposals: st.proposals };
  return { ...s, messages: [...s.messages, answer], streaming: null };
}

export interface ProposalCardModel {
  title: string;
  /** newCell: the whole source; editCell: a line diff of previousSource → source; runCell: nothing to show. */
  lines: DiffLine[] | null;
  /** Whether the code is shown highlighted (new cell) rather than as a diff. */
  highlighted: boolean;
  badge: { tone: "ok" | "error" | "none"; text: string };
  diagnostics: string[];
  acceptLabel: string;
  /** Accept/Reject are offered: the proposal is pending and the caller may change the notebook. */
  actionable: boolean;
  /** Why the buttons are disabled for this caller, or null. */
  disabledReason: string | null;
  statusText: string | null;
}

const KIND_NAMES: Record<CellKind, string> = { code: "C#", sql: "SQL", markdown: "Markdown", chart: "chart", input: "input" };

/** What a proposal card shows, decided once here so the view stays a template. */
export function proposalCard(p: Proposal, role: Role | null | undefined, cellLabel: (cellId: string | null | undefined) => string): ProposalCardModel {
  const kind = KIND_NAMES[p.cellKind] ?? p.cellKind;
  const canChange = atLeast(role, "editor");
  const title =
    p.kind === "newCell" ? `New ${kind} cell ${p.afterCellId ? `after ${cellLabel(p.afterCellId)}` : "at the end"}`
    : p.kind === "editCell" ? `Edit ${cellLabel(p.cellId)}`
    : `Run ${cellLabel(p.cellId)}`;
  const lines: DiffLine[] | null =
    p.kind === "editCell" ? lineDiff(p.previousSource ?? "", p.source)
    : p.kind === "newCell" ? (p.source === "" ? [] : p.source.split("\n").map((text) => ({ op: "+" as const, text })))
    : null;
  const errors = p.diagnostics.filter((d) => d.severity === "error").length;
  const badge: ProposalCardModel["badge"] =
    p.kind === "runCell" || p.compiles === null ? { tone: "none", text: p.kind === "runCell" ? "" : "Not checked" }
    : p.compiles ? { tone: "ok", text: p.repairRounds > 0 ? `Compiles (after ${p.repairRounds} repair${p.repairRounds === 1 ? "" : "s"})` : "Compiles" }
    : { tone: "error", text: `Does not compile (${errors || p.diagnostics.length} error${(errors || p.diagnostics.length) === 1 ? "" : "s"})` };
  const pending = p.status === "pending";
  return {
    title,
    lines,
    highlighted: p.kind === "newCell",
    badge,
    diagnostics: p.diagnostics.map((d) => (d.line != null ? `Line ${d.line}: ${d.message}` : d.message)),
    acceptLabel: p.kind === "newCell" ? "Insert cell" : p.kind === "editCell" ? "Apply edit" : "Run cell",
    actionable: pending,
    disabledReason: pending && !canChange ? "Viewers can ask the assistant but not change the notebook." : null,
    statusText: p.status === "accepted" ? "Accepted" : p.status === "rejected" ? "Rejected" : null,
  };
}

/** The message for a failed accept: a 409 means the cell changed since the proposal, or it was already decided. */
export function acceptFailure(status: number, detail: string | undefined, p: Proposal): string {
  if (status === 409)
    return p.kind === "editCell"
      ? "The cell was changed after this proposal was made, so it was not applied (your edits are kept). Ask again for a fresh proposal."
      : `This proposal could not be applied: ${detail ?? "it was already accepted or rejected."}`;
  if (status === 403) return "Not allowed: viewers can ask the assistant but not change the notebook.";
  if (status === 0) return "The server could not be reached.";
  return detail ?? "Could not apply the proposal.";
}

/** The body of POST …/assistant/messages. */
export interface AskAssistant {
  text: string;
  selectedCellId?: string;
  fixCellId?: string;
}
