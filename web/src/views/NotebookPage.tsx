import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, exportExtension, problemMessage } from "../api/client";
import { people } from "../app/backend";
import { linkHandler } from "../app/router";
import { useStore } from "../app/useStore";
import { openCommentCounts } from "../state/comments";
import { mapKey, type ChordState, type Command } from "../state/keys";
import { notebookVariables } from "../state/notebook";
import { editorsByCell, presentPeople } from "../state/presence";
import { sqlSchemaJson } from "../state/sqlSchema";
import type { TextRange } from "../types";
import { AddCellBar } from "./cells/AddCellBar";
import { AssistantPanel, type FixRequest } from "./assistant/AssistantPanel";
import { AssistantFixContext } from "./assistant/assistantContext";
import { CellView, type CellActions } from "./cells/CellView";
import { ConfirmDialog } from "./ConfirmDialog";
import { Header } from "./Header";
import { EmptyNotebook } from "./notebook/EmptyNotebook";
import { GraphPanel } from "./notebook/GraphPanel";
import { runCommand, type Selection } from "./notebook/commands";
import { SessionContext } from "./notebook/sessionContext";
import { NotebookToolbar, type SidePanel } from "./notebook/NotebookToolbar";
import { useNotebookSession } from "./notebook/useNotebookSession";
import { CommentsPanel } from "./people/CommentsPanel";
import { HistoryPanel } from "./people/HistoryPanel";
import { PresenceBar } from "./people/PresenceBar";

/** What a viewer may still do from the keyboard: move around, never change or run. */
const VIEWER_COMMANDS: Command[] = ["selectPrevious", "selectNext", "enterCommand", "enterEdit"];

/** The notebook editor at /p/{id}. */
export function NotebookPage({ projectId }: { projectId: string }) {
  const session = useNotebookSession(projectId);
  const state = useStore(session.state);
  const saves = useStore(session.saves);
  const live = useStore(session.connection);
  const error = useStore(session.error);
  const [sel, setSel] = useState<Selection>({ id: null, editing: false });
  const [panel, setPanel] = useState<SidePanel | null>(null);
  const [commentCell, setCommentCell] = useState<string | null>(null);
  const [fix, setFix] = useState<FixRequest | null>(null);
  const askFix = useMemo(() => (cellId: string) => { setPanel("assistant"); setFix((f) => ({ cellId, n: (f?.n ?? 0) + 1 })); }, []);
  const threads = useStore(session.comments.threads);
  const viewers = useStore(session.presence.viewers);
  const me = useStore(people.me);
  const diagnostics = useStore(session.editor.diagnostics);
  const [landing, setLanding] = useState<{ cellId: string; range: TextRange } | null>(null);
  session.editor.onGoTo = (cellId, range) => {
    setSel({ id: cellId, editing: true });
    document.getElementById(`cell-${cellId}`)?.scrollIntoView({ block: "center" });
    if (range) setLanding({ cellId, range: { ...range } });
  };
  const [confirmRestart, setConfirmRestart] = useState(false);
  const chord = useRef<ChordState | null>(null);
  const dragging = useRef<string | null>(null);
  const { project, cells } = state;
  const canEdit = project?.role !== "viewer";
  const canEditRef = useRef(canEdit);
  canEditRef.current = canEdit;
  const counts = useMemo(() => openCommentCounts(threads), [threads]);
  const editing = useMemo(() => editorsByCell(viewers, session.presence.mySessionId), [viewers]);
  const present = useMemo(() => presentPeople(viewers, me?.id ?? null), [viewers, me?.id]);

  // Presence: which cell this tab edits, sent at once when it changes.
  useEffect(() => session.presence.focus(sel.editing ? sel.id : null), [sel.id, sel.editing]);

  useEffect(() => {
    if (project) document.title = `${project.name} · Sept`;
  }, [project?.name]);

  // Stable across renders (memoised cells compare props): the variable list by content, actions once per session.
  const variablesKey = notebookVariables(cells).join("\n");
  const variables = useMemo(() => (variablesKey ? variablesKey.split("\n") : []), [variablesKey]);
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const command = (id: string, c: Command) => {
    if (!canEditRef.current && !VIEWER_COMMANDS.includes(c)) return;
    void runCommand(session, id, c, setSel);
  };
  const openComments = (id: string) => {
    setCommentCell(id);
    setPanel("comments");
  };

  const actions = useMemo<CellActions>(() => ({
    select: (id, editing) => setSel({ id, editing }),
    command,
    edit: (id, patch) => session.edit(id, patch),
    comments: (id) => openComments(id),
    lock: (id, locked) => void session.setLock(id, locked),
    flush: (id) => void session.autosave.flush(id),
    configureChart: (id, config) => {
      session.edit(id, { config });
      // The form already redraws locally; a complete form also runs the cell so the saved output matches.
      if (config.data && config.x && config.y) void session.run("cell", [id]);
      else void session.autosave.flush(id);
    },
    run: (id) => command(id, "run"),
    remove: (id) => command(id, "deleteCell"),
    move: (id, delta) => void session.moveBy(id, delta),
    resolve: (id, choice) => void session.autosave.resolve(id, choice),
    dragStart: (id) => { dragging.current = id; },
    dropOn: (targetId, below) => {
      const id = dragging.current;
      dragging.current = null;
      if (!id || id === targetId) return;
      const rest = cellsRef.current.filter((c) => c.id !== id);
      const t = rest.findIndex((c) => c.id === targetId);
      const after = below ? targetId : t > 0 ? rest[t - 1]!.id : null;
      void session.moveCell(id, after);
    },
  }), [session]);

  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (target.closest(".cm-editor, input, select, textarea, button, a, summary, dialog")) return;
    if (!sel.id) return;
    const r = mapKey("command", e, chord.current, Date.now());
    chord.current = r.chord;
    if (r.command) {
      e.preventDefault();
      command(sel.id, r.command);
    }
  };

  const reveal = (id: string) => {
    setSel({ id, editing: false });
    document.getElementById(`cell-${id}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
  };

  const addAt = async (kind: Parameters<typeof session.addCell>[0], after: string | null) => {
    const added = await session.addCell(kind, after);
    if (added) setSel({ id: added.id, editing: kind === "code" || kind === "sql" || kind === "markdown" });
  };

  if (!project) {
    return (
      <>
        <Header switcher={false} />
        <main class="page empty-page">
          {error ? <><p class="notice notice-error" role="alert">{error}</p><a href="/" onClick={linkHandler("/")}>Back to projects</a></> : <p class="muted">Opening notebook…</p>}
        </main>
      </>
    );
  }

  const running = cells.some((c) => c.state === "running" || c.state === "queued");
  const staleIds = cells.filter((c) => c.state === "stale").map((c) => c.id);

  return (
    <>
      <Header switcher={false}>
        <NotebookToolbar project={project} save={saves.status} live={live} running={running} staleCount={staleIds.length}
          canEdit={canEdit} panel={panel} onPanel={(p) => setPanel(panel === p ? null : p)} people={<PresenceBar people={present} />}
          onExport={(format) => void api.download(api.exportUrl(project.id, format), `${project.name}.${exportExtension(format)}`).then((r) => { if (!r.ok) session.fail(problemMessage(r, "Export failed.")); })}
          onRename={(name) => void session.patchProject({ name })} onReactive={(reactive) => void session.patchProject({ reactive })}
          onRunAll={() => void session.run("all")} onRunStale={() => void session.run("stale")}
          onInterrupt={() => void session.interrupt()} onRestart={() => setConfirmRestart(true)} />
      </Header>
      <SessionContext.Provider value={session}>
      <AssistantFixContext.Provider value={askFix}>
      <div class={`nb-layout${panel ? " with-graph" : ""}`}>
        <main class="notebook" onKeyDown={onKeyDown} aria-label="Notebook cells">
          {error && <p class="notice notice-error" role="alert">{error} <button type="button" class="btn btn-ghost btn-small" onClick={() => session.error.set(null)}>Dismiss</button></p>}
          {cells.length > 0 && canEdit && <AddCellBar label="Add cell at the top" onAdd={(k) => void addAt(k, null)} tabbable />}
          {cells.map((cell, index) => {
            // While in conflict the editor keeps showing my version; the panel shows both.
            const draft = saves.conflicts[cell.id]?.mine ?? saves.drafts[cell.id];
            const chart = cell.kind === "chart";
            return (
              <div key={cell.id} class="cell-slot">
                <CellView cell={cell} index={index} cells={chart || cell.reason || state.reasons[cell.id] ? cells : undefined} projectId={projectId}
                  draft={draft} selected={sel.id === cell.id} editing={sel.id === cell.id && sel.editing}
                  conflict={saves.conflicts[cell.id]} runningSince={state.runningSince[cell.id]} reason={state.reasons[cell.id]}
                  variables={chart ? variables : undefined} actions={actions}
                  readOnly={!canEdit} commentCount={counts[cell.id] ?? 0} editors={editing[cell.id]}
                  services={cell.kind === "code" ? session.editor.forCell(cell.id) : undefined} diagnostics={diagnostics[cell.id]}
                  reveal={landing?.cellId === cell.id ? landing.range : null} sqlTables={cell.kind === "sql" ? sqlSchemaJson(cells, index) : undefined}
                  meId={me?.id ?? null} admin={project?.role === "admin"} />
                {canEdit && <AddCellBar label={`Add cell below cell ${index + 1}`} onAdd={(k) => void addAt(k, cell.id)} always={index === cells.length - 1} />}
              </div>
            );
          })}
          {cells.length === 0 && (canEdit ? <EmptyNotebook onAdd={(k) => void addAt(k, null)} /> : <p class="muted empty-hint">This notebook has no cells yet.</p>)}
          <p class="muted key-help">{canEdit ? "Shift+Enter run and advance · Ctrl/⌘+Enter run · Esc command mode · A/B insert above/below · D D delete · Alt+↑/↓ move"
            : "View only: you can read, comment (the speech bubble on a cell) and change inputs in the app view. J/K or ↑/↓ select a cell."}</p>
        </main>
        {confirmRestart && (
          <ConfirmDialog title="Restart the kernel?" message="All variables are cleared; cells that ran become stale until you run them again."
            confirmLabel="Restart" onCancel={() => setConfirmRestart(false)}
            onConfirm={() => { setConfirmRestart(false); void session.restart(); }} />
        )}
        {panel === "graph" && <GraphPanel session={session} cells={cells} onPick={(id) => reveal(id)} onClose={() => setPanel(null)} />}
        {panel === "comments" && <CommentsPanel session={session} cells={cells} cellId={commentCell ?? sel.id ?? threads[0]?.cellId ?? cells[0]?.id ?? null} workspaceId={project.workspaceId ?? null}
          onPick={(id) => { setCommentCell(id); reveal(id); }} onClose={() => setPanel(null)} />}
        {panel === "assistant" && <AssistantPanel projectId={projectId} cells={cells} role={project.role} selectedCellId={sel.id} fix={fix}
          onClose={() => setPanel(null)} onReveal={(id) => reveal(id)} />}
        {panel === "history" && <HistoryPanel session={session} canEdit={canEdit} onClose={() => setPanel(null)} />}
      </div>
      </AssistantFixContext.Provider>
      </SessionContext.Provider>
    </>
  );
}
