import { useEffect, useReducer, useRef, useState } from "preact/hooks";
import { api, problemMessage } from "../../api/client";
import { acceptFailure, assistantReducer, EMPTY_ASSISTANT, proposalCard, toolLine, type AskAssistant, type AssistantStatus, type Proposal } from "../../state/assistant";
import type { Cell, Role } from "../../types";
import { Markdown } from "../outputs/Markdown";
import { ProposalCard } from "./ProposalCard";

export interface FixRequest {
  cellId: string;
  /** Bumped on every click, so fixing the same cell twice sends twice. */
  n: number;
}

interface Props {
  projectId: string;
  cells: Cell[];
  role: Role | null | undefined;
  selectedCellId: string | null;
  fix: FixRequest | null;
  onClose(): void;
  /** Scrolls to a cell an accepted proposal made or changed. */
  onReveal(cellId: string): void;
}

/** The notebook assistant: the caller's chat in this project, streamed answers, and proposals to accept or reject. */
export function AssistantPanel(p: Props) {
  const [state, dispatch] = useReducer(assistantReducer, EMPTY_ASSISTANT);
  const [status, setStatus] = useState<AssistantStatus | null>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  /** The history has arrived: only then may a question be added (a late history would replace it). */
  const [ready, setReady] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const log = useRef<HTMLDivElement>(null);
  const cellsRef = useRef(p.cells);
  cellsRef.current = p.cells;

  useEffect(() => {
    let live = true;
    void (async () => {
      const s = await api.assistantStatus();
      if (!live) return;
      // A server from before the assistant has no such route: the same as one with it switched off.
      if (!s.ok && s.status === 404) return setStatus({ enabled: false, model: null, howToEnable: null });
      if (!s.ok) return dispatch({ type: "failed", message: problemMessage(s, "Could not reach the assistant.") });
      setStatus(s.value);
      if (!s.value.enabled) return;
      const m = await api.assistantMessages(p.projectId);
      if (!live) return;
      if (m.ok) dispatch({ type: "loaded", messages: m.value });
      else dispatch({ type: "failed", message: problemMessage(m, "Could not load the conversation.") });
      setReady(true);
    })();
    return () => { live = false; abort.current?.abort(); };
  }, [p.projectId]);

  useEffect(() => { log.current?.scrollTo({ top: log.current.scrollHeight }); }, [state.messages.length, state.streaming?.text, state.streaming?.proposals.length]);

  const send = async (body: AskAssistant) => {
    if (state.streaming || !body.text.trim()) return;
    const controller = new AbortController();
    abort.current = controller;
    dispatch({ type: "send", text: body.text, localId: `local-${Date.now()}` });
    const r = await api.askAssistant(p.projectId, body, (event) => dispatch({ type: "event", event }), controller.signal);
    abort.current = null;
    if (!r.ok) {
      const message = r.status === 429 ? "Too many questions in a minute; wait a moment and ask again."
        : r.status === 503 ? (r.problem.detail ?? "The assistant is not configured.") : problemMessage(r, "The assistant could not answer.");
      dispatch({ type: "failed", message });
    } else if (controller.signal.aborted) dispatch({ type: "stopped" });
    // A stream that ended without done or error (connection dropped) still leaves what was said.
    else dispatch({ type: "stopped" });
  };

  // The "Fix" button on a failed cell: sent once per click, after the status says the assistant is on.
  const lastFix = useRef(0);
  useEffect(() => {
    if (!p.fix || !ready || p.fix.n === lastFix.current || state.streaming) return;
    lastFix.current = p.fix.n;
    const index = cellsRef.current.findIndex((c) => c.id === p.fix!.cellId);
    void send({ text: `Fix the error in cell ${index + 1}.`, fixCellId: p.fix.cellId, selectedCellId: p.fix.cellId });
  }, [p.fix?.n, ready, state.streaming === null]);

  const submit = () => {
    const t = text.trim();
    // While an answer streams the question stays in the box, to send when it is done.
    if (!t || state.streaming || !ready) return;
    setText("");
    void send({ text: t, ...(p.selectedCellId ? { selectedCellId: p.selectedCellId } : {}) });
  };

  const decide = async (proposal: Proposal, accept: boolean) => {
    setBusy(proposal.id);
    const r = accept ? await api.acceptProposal(p.projectId, proposal.id) : await api.rejectProposal(p.projectId, proposal.id);
    setBusy(null);
    if (r.ok) {
      dispatch({ type: "proposalUpdated", proposal: r.value.proposal });
      const cellId = (r.value as { cellId?: string }).cellId;
      if (cellId) p.onReveal(cellId);
    } else dispatch({ type: "proposalFailed", proposalId: proposal.id, message: accept ? acceptFailure(r.status, r.problem.detail, proposal) : problemMessage(r, "Could not reject the proposal.") });
  };

  const clear = async () => {
    abort.current?.abort();
    const r = await api.clearAssistant(p.projectId);
    if (r.ok) dispatch({ type: "cleared" });
    else dispatch({ type: "failed", message: problemMessage(r, "Could not clear the history.") });
  };

  const cellLabel = (id: string | null | undefined) => {
    const i = p.cells.findIndex((c) => c.id === id);
    return i >= 0 ? `cell ${i + 1}` : "a cell no longer in the notebook";
  };
  const cards = (proposals: Proposal[]) => proposals.map((proposal) => (
    <ProposalCard key={proposal.id} proposal={proposal} model={proposalCard(proposal, p.role, cellLabel)} error={state.proposalErrors[proposal.id]}
      busy={busy === proposal.id} onAccept={() => void decide(proposal, true)} onReject={() => void decide(proposal, false)} />
  ));
  const selectedIndex = p.cells.findIndex((c) => c.id === p.selectedCellId);

  return (
    <aside class="graph-panel assistant-panel" aria-label="Assistant">
      <div class="graph-head">
        <h2>Assistant</h2>
        {status?.enabled && state.messages.length > 0 && (
          <button type="button" class="btn btn-ghost btn-small" onClick={() => void clear()} disabled={state.streaming !== null}>Clear history</button>
        )}
        <button type="button" class="icon-btn" aria-label="Close assistant" onClick={p.onClose}>✕</button>
      </div>
      {status && !status.enabled && (
        <div class="assistant-disabled">
          <p>The assistant is not configured on this server.</p>
          {status.howToEnable && <pre class="assistant-howto">{status.howToEnable}</pre>}
        </div>
      )}
      {status?.enabled && (
        <>
          {status.model && <p class="muted small">Model: {status.model}</p>}
          <div class="assistant-log" ref={log} aria-live="polite">
            {state.messages.length === 0 && !state.streaming && (
              <p class="muted small">Ask about this notebook, or ask for a cell. Nothing changes until you accept a proposal.</p>
            )}
            {state.messages.map((m) => (
              <div key={m.id} class={`assistant-msg msg-${m.role}`}>
                {m.role === "user" ? <p class="msg-text">{m.text}</p> : m.text && <Markdown source={m.text} />}
                {cards(m.proposals)}
              </div>
            ))}
            {state.streaming && (
              <div class="assistant-msg msg-assistant msg-streaming">
                {state.streaming.tools.map((t) => <p class="assistant-tool muted small">{toolLine(t)}</p>)}
                {state.streaming.text ? <p class="msg-text">{state.streaming.text}</p> : <p class="muted small">Thinking…</p>}
                {cards(state.streaming.proposals)}
              </div>
            )}
          </div>
          {state.error && (
            <p class="notice notice-error small" role="alert">{state.error} <button type="button" class="btn btn-ghost btn-small" onClick={() => dispatch({ type: "dismissError" })}>Dismiss</button></p>
          )}
          <form class="assistant-form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
            <label class="sr-only" for="assistant-input">Ask the assistant</label>
            <textarea id="assistant-input" class="input assistant-input" rows={3} value={text} placeholder={selectedIndex >= 0 ? `Ask about cell ${selectedIndex + 1} or the notebook…` : "Ask about the notebook…"}
              onInput={(e) => setText(e.currentTarget.value)}
              onKeyDown={(e) => { if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); } }} />
            <div class="assistant-actions">
              <span class="muted small">Enter sends · Shift+Enter new line</span>
              {state.streaming
                ? <button type="button" class="btn btn-small" onClick={() => abort.current?.abort()}>■ Stop</button>
                : <button type="submit" class="btn btn-primary btn-small" disabled={!text.trim()}>Send</button>}
            </div>
          </form>
        </>
      )}
      {!status && !state.error && <p class="muted small">Connecting…</p>}
      {!status && state.error && <p class="notice notice-error small" role="alert">{state.error}</p>}
    </aside>
  );
}
