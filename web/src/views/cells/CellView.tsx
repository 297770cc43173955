import { memo } from "preact/compat";
import { useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { CodeEditor } from "../../editor/CodeEditor";
import type { CellPatch, Conflict } from "../../state/autosave";
import type { Command } from "../../state/keys";
import { errorLine } from "../../state/outputs";
import { describeReason, isProvenance } from "../../state/provenance";
import { KIND_LABELS } from "../../session/cellDefaults";
import type { PresentPerson } from "../../state/presence";
import type { CellLanguageServices } from "../../editor/csharpServices";
import type { CellDiagnosticsEntry } from "../../session/editorServices";
import type { Cell, CellConfig, TextRange } from "../../types";
import { OutputArea } from "../outputs/OutputArea";
import { CommentIcon } from "../people/CommentIcon";
import { Markdown } from "../outputs/Markdown";
import { ChartCell } from "./ChartCell";
import { ConflictPanel } from "./ConflictPanel";
import { InputCell } from "./InputCell";
import { RunHistory } from "./RunHistory";
import { StateBadge } from "./StateBadge";

export interface CellActions {
  select(id: string, edit: boolean): void;
  command(id: string, command: Command): void;
  edit(id: string, patch: { source?: string; config?: CellConfig | null }): void;
  flush(id: string): void;
  /** A chart form change: save it and redraw on the server. */
  configureChart(id: string, config: CellConfig): void;
  run(id: string): void;
  remove(id: string): void;
  move(id: string, delta: -1 | 1): void;
  resolve(id: string, choice: "mine" | "theirs"): void;
  dragStart(id: string): void;
  dropOn(id: string, below: boolean): void;
  /** Opens the comments panel on this cell. */
  comments(id: string): void;
  /** Locks the cell to me (true) or unlocks it. */
  lock(id: string, locked: boolean): void;
}

interface Props {
  cell: Cell;
  index: number;
  /** All cells: given only to cells that need them (charts, provenance), so the others can skip re-rendering. */
  cells?: Cell[];
  projectId: string;
  /** Unsaved local edit (or my side of a conflict): shown instead of the stored source/config. */
  draft?: CellPatch;
  selected: boolean;
  editing: boolean;
  conflict?: Conflict;
  runningSince?: number;
  /** Why this cell re-runs or is stale, when known. */
  reason?: string;
  variables?: string[];
  actions: CellActions;
  /** Viewer: source read-only, no run/move/delete, input values only. */
  readOnly?: boolean;
  /** Comments in this cell's open threads. */
  commentCount?: number;
  /** Other people editing this cell now. */
  editors?: PresentPerson[];
  /** C# language services for this cell (stable per cell). */
  services?: CellLanguageServices;
  diagnostics?: CellDiagnosticsEntry;
  /** SQL cells: tables and columns to complete (JSON). */
  sqlTables?: string;
  /** A range to select (go to definition). */
  reveal?: TextRange | null;
  /** My user id, to tell my locks from others'. */
  meId?: string | null;
  /** Admins may unlock anyone's lock. */
  admin?: boolean;
}

/** One cell: gutter (state, execution count), editor or widget by kind, toolbar, outputs. Memoised: a cell
 * re-renders only when its own props change, so big notebooks stay responsive while others stream output. */
export const CellView = memo(CellViewInner);

function CellViewInner(p: Props) {
  const { cell, actions, draft } = p;
  const source = draft?.source ?? cell.source;
  const reason = p.reason ?? cell.reason ?? undefined;
  const config = useMemo<CellConfig>(() => ({ ...(cell.config ?? {}), ...(draft?.config ?? {}) }), [cell.config, draft?.config]);
  const root = useRef<HTMLDivElement>(null);
  const [history, setHistory] = useState(false);
  const kindLabel = KIND_LABELS[cell.kind];
  const lock = cell.lock ?? null;
  // A cell someone else locked is read-only here, except an input's value (the app view still sets it).
  const lockedByOther = !!lock && lock.userId !== p.meId;
  const readOnly = p.readOnly || lockedByOther;

  useLayoutEffect(() => {
    const active = document.activeElement;
    // Command mode: the cell itself takes focus, unless a control inside it (slider, select…) has it.
    // preventScroll: a click must not move the page under the pointer (it would break drag and drop).
    if (p.selected && !p.editing && root.current && (!root.current.contains(active) || active?.closest(".cm-editor"))) root.current.focus({ preventScroll: true });
  }, [p.selected, p.editing]);

  const editor = (placeholderText: string) => (
    <CodeEditor value={source} owned={draft?.source !== undefined} kind={cell.kind} services={p.services} diagnostics={p.diagnostics} reveal={p.reveal} sqlTables={p.sqlTables} label={`${kindLabel} cell ${p.index + 1} source`} placeholderText={placeholderText} readOnly={readOnly}
      errorLine={errorLine(cell.outputs) ?? cell.problems?.find((x) => x.isError && x.line)?.line ?? null} focus={p.editing && p.selected}
      onChange={(source) => actions.edit(cell.id, { source })}
      onCommand={(c) => actions.command(cell.id, c)}
      onFocus={() => actions.select(cell.id, true)} onBlur={() => actions.flush(cell.id)} />
  );

  let body;
  switch (cell.kind) {
    case "markdown":
      body = p.editing && p.selected && !readOnly ? editor("Write Markdown… (Shift+Enter to preview)") : (
        <div class="markdown-preview" onDblClick={() => !readOnly && actions.select(cell.id, true)} title={readOnly ? undefined : "Double-click to edit"}>
          {source.trim() ? <Markdown source={renderedMarkdown(cell, draft) ?? source} /> : <p class="muted">Empty Markdown cell — double-click or press Enter to edit.</p>}
        </div>
      );
      break;
    case "input":
      body = <InputCell cellId={cell.id} config={config} valueOnly={readOnly} onConfig={(config) => actions.edit(cell.id, { config: config as CellConfig })} onCommit={() => actions.flush(cell.id)} />;
      break;
    case "chart":
      body = <ChartCell cell={cell} cells={p.cells ?? []} config={config} variables={p.variables ?? []} readOnly={readOnly} onConfig={(config) => actions.configureChart(cell.id, config as CellConfig)} />;
      break;
    case "sql":
      body = (
        <>
          {editor("select * from df where …   ({name} binds a notebook variable)")}
          <div class="sql-result-name">
            <label for={`${cell.id}-result`}>Result variable</label>
            <input id={`${cell.id}-result`} class="input input-mono input-small" value={String(config.resultName ?? "")} readOnly={readOnly}
              onInput={(e) => actions.edit(cell.id, { config: { ...config, resultName: e.currentTarget.value.trim() } })}
              onBlur={() => actions.flush(cell.id)} />
          </div>
        </>
      );
      break;
    default:
      body = editor("C# — e.g. var x = 42;   (Shift+Enter runs)");
  }

  // Chart and Markdown cells draw their own display (the form's chart, the preview); other outputs still show.
  const ownDisplay = cell.kind === "chart" || cell.kind === "markdown";
  const visibleCell = ownDisplay ? { ...cell, outputs: cell.outputs.filter((o) => o.type !== "display") } : cell;
  const runnable = cell.kind !== "markdown"; // markdown runs on Shift+Enter but shows no run controls
  const editable = !readOnly;
  const canUnlock = !!lock && !p.readOnly && (!lockedByOther || !!p.admin);
  const others = p.editors ?? [];
  const counted = cell.kind === "code" || cell.kind === "sql";

  return (
    <div ref={root} id={`cell-${cell.id}`} data-cell-id={cell.id} data-kind={cell.kind} data-state={cell.state}
      class={`cell cell-${cell.kind}${p.selected ? " cell-selected" : ""}${p.editing && p.selected ? " cell-editing" : ""} state-${cell.state}${others.length ? " cell-others" : ""}`}
      style={others[0] ? { "--other-color": others[0].color } : undefined} data-readonly={p.readOnly ? "true" : undefined}
      tabIndex={0} role="group" aria-label={`${kindLabel} cell ${p.index + 1}, ${cell.state}`}
      onFocusCapture={(e) => {
        const inEditor = !!(e.target as HTMLElement).closest(".cm-editor");
        if (!p.selected || (inEditor && !p.editing)) actions.select(cell.id, inEditor);
      }}
      onMouseDown={(e) => { if (!p.selected) actions.select(cell.id, !!(e.target as HTMLElement).closest(".cm-editor")); }}
      onDragOver={(e) => { if (!editable) return; e.preventDefault(); const r = e.currentTarget.getBoundingClientRect(); e.currentTarget.dataset.drop = e.clientY > r.top + r.height / 2 ? "below" : "above"; }}
      onDragLeave={(e) => { delete e.currentTarget.dataset.drop; }}
      onDrop={(e) => { if (!editable) return; e.preventDefault(); const below = e.currentTarget.dataset.drop === "below"; delete e.currentTarget.dataset.drop; actions.dropOn(cell.id, below); }}>
      <div class="cell-gutter">
        {editable && <span class="drag-handle" draggable title="Drag to reorder" aria-hidden="true"
          onDragStart={(e) => { e.dataTransfer?.setData("text/plain", cell.id); actions.dragStart(cell.id); }}>⋮⋮</span>}
        <span class="exec-count" aria-hidden="true">{counted ? `[${cell.executionCount || " "}]` : ""}</span>
      </div>
      <div class="cell-main">
        <div class="cell-head">
          <span class="kind-tag">{kindLabel}</span>
          {cell.writes.length > 0 && <span class="writes" title="Defines">→ {cell.writes.join(", ")}</span>}
          {runnable && <StateBadge cell={cell} runningSince={p.runningSince} />}
          {p.diagnostics && p.diagnostics.errors + p.diagnostics.warnings > 0 && (
            <span class={`problem-count${p.diagnostics.errors ? " problem-count-error" : ""}`} data-testid="problem-count"
              title={p.diagnostics.items.map((d) => `Line ${d.range.line}: ${d.message}`).join("\n")}>
              {problemCount(p.diagnostics)}
            </span>
          )}
          {lock && (
            <span class="cell-lock" data-holder={lock.userId} title={`Locked by ${lock.name} since ${new Date(lock.lockedAt).toLocaleString()}`}>
              <span aria-hidden="true">🔒</span> {lockedByOther ? `Locked by ${lock.name}` : "Locked by you"}
            </span>
          )}
          {others.length > 0 && (
            <span class="cell-editors" aria-label={`Editing now: ${others.map((o) => o.user.name).join(", ")}`}>
              {others.map((o) => <span class="avatar avatar-small" style={{ background: o.color }} title={`${o.user.name} is editing this cell`} data-user={o.user.email}>{o.initials}</span>)}
            </span>
          )}
          {(p.commentCount ?? 0) > 0 && (
            <button type="button" class="comment-badge" aria-label={`${p.commentCount} comments on cell ${p.index + 1}`} title="Comments" onClick={() => actions.comments(cell.id)}>
              <CommentIcon /> {p.commentCount}
            </button>
          )}
          <span class="cell-tools">
            {!p.commentCount && <button type="button" class="icon-btn" title="Comment" aria-label={`Comment on cell ${p.index + 1}`} onClick={() => actions.comments(cell.id)}><CommentIcon /></button>}
            {runnable && <button type="button" class={`icon-btn${history ? " icon-on" : ""}`} title="Run history" aria-label={`Run history of cell ${p.index + 1}`}
              aria-pressed={history} onClick={() => setHistory(!history)}>⟲</button>}
            {canUnlock && <button type="button" class="icon-btn" title={lockedByOther ? `Unlock (${lock!.name} holds it)` : "Unlock"}
              aria-label={`Unlock cell ${p.index + 1}`} onClick={() => actions.lock(cell.id, false)}>🔓</button>}
            {!lock && !p.readOnly && <button type="button" class="icon-btn" title="Lock: only you can change this cell"
              aria-label={`Lock cell ${p.index + 1}`} onClick={() => actions.lock(cell.id, true)}>🔒</button>}
            {editable && (
              <>
                {runnable && <button type="button" class="icon-btn" title="Run (Shift+Enter)" aria-label={`Run cell ${p.index + 1}`} onClick={() => actions.run(cell.id)}>▶</button>}
                <button type="button" class="icon-btn" title="Move up (Alt+↑)" aria-label={`Move cell ${p.index + 1} up`} onClick={() => actions.move(cell.id, -1)}>↑</button>
                <button type="button" class="icon-btn" title="Move down (Alt+↓)" aria-label={`Move cell ${p.index + 1} down`} onClick={() => actions.move(cell.id, 1)}>↓</button>
                <button type="button" class="icon-btn icon-danger" title="Delete (D D)" aria-label={`Delete cell ${p.index + 1}`} onClick={() => actions.remove(cell.id)}>✕</button>
              </>
            )}
          </span>
        </div>
        {isProvenance(reason) && cell.state !== "idle" && cell.state !== "error" && (
          <p class="provenance">{cell.state === "stale" ? "Stale because" : cell.state === "success" ? "Re-ran because" : "Re-running because"} {describeReason(reason, p.cells ?? [])}</p>
        )}
        {cell.problems?.map((d) => <p class={d.isError ? "diagnostic" : "diagnostic diagnostic-warning"} role="note">{d.line ? `Line ${d.line}: ` : ""}{d.message}</p>)}
        {history && <RunHistory cell={cell} />}
        {p.conflict && <ConflictPanel conflict={p.conflict} onKeepMine={() => actions.resolve(cell.id, "mine")} onTakeTheirs={() => actions.resolve(cell.id, "theirs")} />}
        <div class="cell-body">{body}</div>
        <OutputArea cell={visibleCell} projectId={p.projectId} />
      </div>
    </div>
  );
}

/** "1 error", "2 errors, 1 warning": what the compiler says about the cell before it runs. */
export function problemCount(d: Pick<CellDiagnosticsEntry, "errors" | "warnings">): string {
  const part = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return [d.errors ? part(d.errors, "error") : "", d.warnings ? part(d.warnings, "warning") : ""].filter(Boolean).join(", ");
}

/** The server's rendering of a Markdown cell ({name} filled in), while it matches what is on screen. */
function renderedMarkdown(cell: Cell, draft: CellPatch | undefined): string | null {
  if (draft?.source !== undefined || cell.state !== "success") return null;
  for (const o of cell.outputs) {
    const md = o.type === "display" ? o.data["text/markdown"] : undefined;
    if (typeof md === "string") return md;
  }
  return null;
}
