import { useEffect, useMemo } from "preact/hooks";
import { linkHandler } from "../app/router";
import { useStore } from "../app/useStore";
import { notebookVariables } from "../state/notebook";
import type { Cell, CellConfig } from "../types";
import { ChartCell } from "./cells/ChartCell";
import { InputControl } from "./cells/InputControl";
import { Header } from "./Header";
import { Markdown } from "./outputs/Markdown";
import { OutputView } from "./outputs/OutputView";
import { useNotebookSession } from "./notebook/useNotebookSession";

/** /p/{id}/app: the notebook as an app — inputs, charts, tables and Markdown; code hidden; live and reactive. */
export function AppViewPage({ projectId }: { projectId: string }) {
  const session = useNotebookSession(projectId);
  const state = useStore(session.state);
  const saves = useStore(session.saves);
  const error = useStore(session.error);
  const { project, cells } = state;
  const variables = useMemo(() => notebookVariables(cells), [cells]);
  useEffect(() => {
    if (project) document.title = `${project.name} · App · Sept`;
  }, [project?.name]);

  const notebookHref = `/p/${projectId}`;
  return (
    <>
      <Header>
        <div class="app-head">
          <span class="app-title">{project?.name ?? "…"}</span>
          <a class="btn btn-ghost" href={notebookHref} onClick={linkHandler(notebookHref)}>Open notebook</a>
        </div>
      </Header>
      <main class="page app-page" aria-label="App">
        {error && <p class="notice notice-error" role="alert">{error}</p>}
        {cells.map((cell) => {
          const config: CellConfig = { ...(cell.config ?? {}), ...(saves.drafts[cell.id]?.config ?? {}) };
          return <AppBlock key={cell.id} cell={cell} cells={cells} config={config} variables={variables}
            onInput={(c) => session.edit(cell.id, { config: c })} onCommit={() => void session.autosave.flush(cell.id)} projectId={projectId} />;
        })}
      </main>
    </>
  );
}

interface BlockProps {
  cell: Cell;
  cells: Cell[];
  config: CellConfig;
  variables: string[];
  projectId: string;
  onInput(config: CellConfig): void;
  onCommit(): void;
}

function AppBlock({ cell, cells, config, variables, projectId, onInput, onCommit }: BlockProps) {
  switch (cell.kind) {
    case "markdown":
      return cell.source.trim() ? <section class="app-block"><Markdown source={cell.source} /></section> : null;
    case "input":
      return (
        <section class="app-block app-input">
          <InputControl id={`app-${cell.id}`} config={config} onInput={(value) => onInput({ ...config, value })} onCommit={onCommit} />
        </section>
      );
    case "chart":
      return <section class="app-block"><ChartCell cell={cell} cells={cells} config={config} variables={variables} readOnly onConfig={() => undefined} /></section>;
    default: {
      // Code and SQL: only their visual outputs (tables, charts, images, Markdown), never the code.
      const visual = cell.outputs.filter((o) => o.type === "display" || o.type === "error");
      if (visual.length === 0) return null;
      return (
        <section class={`app-block${cell.state === "running" || cell.state === "queued" ? " app-busy" : ""}`}>
          {visual.map((o) => <OutputView output={o} projectId={projectId} cellId={cell.id} />)}
        </section>
      );
    }
  }
}
