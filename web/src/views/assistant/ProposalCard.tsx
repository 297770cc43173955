import { CodeEditor } from "../../editor/CodeEditor";
import type { Proposal, ProposalCardModel } from "../../state/assistant";

const OPS = { "+": "diff-add", "-": "diff-del", " ": "diff-same" } as const;

/** One proposed change: what it does, the code (highlighted) or the diff, whether it compiles, Accept / Reject. */
export function ProposalCard({ proposal, model, error, busy, onAccept, onReject }: {
  proposal: Proposal; model: ProposalCardModel; error?: string; busy: boolean; onAccept(): void; onReject(): void;
}) {
  const m = model;
  return (
    <section class={`proposal-card proposal-${proposal.status}`} aria-label={`Proposal: ${m.title}`} data-proposal={proposal.id}>
      <div class="proposal-head">
        <strong>{m.title}</strong>
        {m.badge.tone !== "none" || m.badge.text ? <span class={`pill proposal-badge badge-${m.badge.tone}`}>{m.badge.text}</span> : null}
      </div>
      {proposal.explanation && <p class="small proposal-explanation">{proposal.explanation}</p>}
      {m.highlighted && m.lines ? (
        <div class="proposal-code">
          <CodeEditor value={proposal.source} owned={false} kind={proposal.cellKind} label={`Proposed ${proposal.cellKind} source`} readOnly
            onChange={() => {}} onCommand={() => {}} />
        </div>
      ) : m.lines ? (
        <pre class="diff-lines proposal-diff" aria-label="Proposed change">
          {m.lines.map((l) => <div class={OPS[l.op]}><span class="diff-op" aria-hidden="true">{l.op === " " ? "" : l.op}</span>{l.text}</div>)}
        </pre>
      ) : null}
      {m.diagnostics.length > 0 && (
        <ul class="proposal-diagnostics small">{m.diagnostics.map((d) => <li>{d}</li>)}</ul>
      )}
      {error && <p class="notice notice-error small" role="alert">{error}</p>}
      {m.actionable ? (
        <div class="proposal-actions">
          <button type="button" class="btn btn-primary btn-small" disabled={busy || m.disabledReason !== null} title={m.disabledReason ?? undefined} onClick={onAccept}>
            {m.acceptLabel}
          </button>
          <button type="button" class="btn btn-small" disabled={busy || m.disabledReason !== null} title={m.disabledReason ?? undefined} onClick={onReject}>Reject</button>
          {m.disabledReason && <span class="muted small">{m.disabledReason}</span>}
        </div>
      ) : (
        <p class="muted small proposal-status">{m.statusText}</p>
      )}
    </section>
  );
}
