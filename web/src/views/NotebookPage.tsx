import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { linkHandler } from "../app/router";
import { useStore } from "../app/useStore";
import { mapKey, type ChordState } from "../state/keys";
import { notebookVariables } from "../state/notebook";
import { AddCellBar } from "./cells/AddCellBar";
import { CellView, type CellActions } from "./cells/CellView";
import { ConfirmDialog } from "./ConfirmDialog";
import { Header } from "./Header";
import { EmptyNotebook } from "./notebook/EmptyNotebook";
import { GraphPanel } from "./notebook/GraphPanel";
import { runCommand, type Selection } from "./notebook/commands";
import { SessionContext } from "./notebook/sessionContext";
import { NotebookToolbar } from "./notebook/NotebookToolbar";
import { useNotebookSession } from "./notebook/useNotebookSession";

/** The notebook editor at /p/{id}. */
export function NotebookPage({ projectId }: { projectId: string }) {
  const session = useNotebookSession(projectId);
  const state = useStore(session.state);
  const saves = useStore(session.saves);
  const live = useStore(session.connection);
  const error = useStore(session.error);
  const [sel, setSel] = useState<Selection>({ id: null, editing: false });
  const [graphOpen, setGraphOpen] = useState(false);
  const [confirmRestart, setConfirmRestart] = useState(false);
  const chord = useRef<ChordState | null>(null);
  const dragging = useRef<string | null>(null);
  const { project, cells } = state;

  useEffect(() => {
    if (project) document.title = `${project.name} · Sept`;
  }, [project?.name]);

  // Stable across renders (memoised cells compare props): the variable list by content, actions once per session.
  const variablesKey = notebookVariables(cells).join("\n");
  const variables = useMemo(() => (variablesKey ? variablesKey.split("\n") : []), [variablesKey]);
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const command = (id: string, c: Parameters<typeof runCommand>[2]) => void runCommand(session, id, c, setSel);

  const actions = useMemo<CellActions>(() => ({
    select: (id, editing) => setSel({ id, editing }),
    command,
    edit: (id, patch) => session.edit(id, patch),
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

  const addAt = async (kind: Parameters<typeof session.addCell>[0], after: string | null) => {
    const added = await session.addCell(kind, after);
    if (added) setSel({ id: added.id, editing: kind === "code" || kind === "sql" || kind === "markdown" });
  };

  if (!project) {
    return (
      <>
        <Header />
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
      <Header>
        <NotebookToolbar project={project} save={saves.status} live={live} running={running} staleCount={staleIds.length}
          graphOpen={graphOpen} onToggleGraph={() => setGraphOpen(!graphOpen)}
          onRename={(name) => void session.patchProject({ name })} onReactive={(reactive) => void session.patchProject({ reactive })}
          onRunAll={() => void session.run("all")} onRunStale={() => void session.run("stale")}
          onInterrupt={() => void session.interrupt()} onRestart={() => setConfirmRestart(true)} />
      </Header>
      <SessionContext.Provider value={session}>
      <div class={`nb-layout${graphOpen ? " with-graph" : ""}`}>
        <main class="notebook" onKeyDown={onKeyDown} aria-label="Notebook cells">
          {error && <p class="notice notice-error" role="alert">{error} <button type="button" class="btn btn-ghost btn-small" onClick={() => session.error.set(null)}>Dismiss</button></p>}
          {cells.length > 0 && <AddCellBar label="Add cell at the top" onAdd={(k) => void addAt(k, null)} tabbable />}
          {cells.map((cell, index) => {
            // While in conflict the editor keeps showing my version; the panel shows both.
            const draft = saves.conflicts[cell.id]?.mine ?? saves.drafts[cell.id];
            const chart = cell.kind === "chart";
            return (
              <div key={cell.id} class="cell-slot">
                <CellView cell={cell} index={index} cells={chart || cell.reason || state.reasons[cell.id] ? cells : undefined} projectId={projectId}
                  draft={draft} selected={sel.id === cell.id} editing={sel.id === cell.id && sel.editing}
                  conflict={saves.conflicts[cell.id]} runningSince={state.runningSince[cell.id]} reason={state.reasons[cell.id]}
                  variables={chart ? variables : undefined} actions={actions} />
                <AddCellBar label={`Add cell below cell ${index + 1}`} onAdd={(k) => void addAt(k, cell.id)} always={index === cells.length - 1} />
              </div>
            );
          })}
          {cells.length === 0 && <EmptyNotebook onAdd={(k) => void addAt(k, null)} />}
          <p class="muted key-help">Shift+Enter run and advance · Ctrl/⌘+Enter run · Esc command mode · A/B insert above/below · D D delete · Alt+↑/↓ move</p>
        </main>
        {confirmRestart && (
          <ConfirmDialog title="Restart the kernel?" message="All variables are cleared; cells that ran become stale until you run them again."
            confirmLabel="Restart" onCancel={() => setConfirmRestart(false)}
            onConfirm={() => { setConfirmRestart(false); void session.restart(); }} />
        )}
        {graphOpen && <GraphPanel session={session} cells={cells} onPick={(id) => { setSel({ id, editing: false }); document.getElementById(`cell-${id}`)?.scrollIntoView({ behavior: "smooth", block: "center" }); }} onClose={() => setGraphOpen(false)} />}
      </div>
      </SessionContext.Provider>
    </>
  );
}
