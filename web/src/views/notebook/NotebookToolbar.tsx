import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "../../api/client";
import { linkHandler } from "../../app/router";
import type { RealtimeStatus } from "../../realtime/realtime";
import type { SaveStatus } from "../../state/autosave";
import type { Project } from "../../types";
import { SaveIndicator } from "./SaveIndicator";
import type { ExportFormat } from "../../api/client";

/** Shareable exports: one self-contained HTML file (sanitised, charts drawn) or its PDF. */
const EXPORTS: Array<[ExportFormat, string]> = [
  ["html", "HTML page with code (.html)"],
  ["html-nocode", "HTML page, code hidden (.html)"],
  ["html-app", "App view as HTML (.html)"],
  ["pdf", "PDF, code hidden (.pdf)"],
  ["pdf-app", "App view as PDF (.pdf)"],
];

export type SidePanel = "graph" | "comments" | "history" | "assistant";

interface Props {
  project: Project;
  save: SaveStatus;
  live: RealtimeStatus;
  running: boolean;
  staleCount: number;
  /** Viewers get no run, kernel or edit controls. */
  canEdit: boolean;
  panel: SidePanel | null;
  /** Presence avatars of everyone viewing. */
  people?: ComponentChildren;
  onRename(name: string): void;
  onReactive(reactive: boolean): void;
  onRunAll(): void;
  onRunStale(): void;
  onInterrupt(): void;
  onRestart(): void;
  onPanel(panel: SidePanel): void;
  onExport(format: ExportFormat): void;
}

const PANEL_LABELS: Record<SidePanel, string> = { graph: "Graph", comments: "Comments", history: "History", assistant: "Assistant" };

/** Project name, run controls, reactive switch, side panels, export menu, status, who is here. */
export function NotebookToolbar(p: Props) {
  const [name, setName] = useState(p.project.name);
  useEffect(() => setName(p.project.name), [p.project.name]);
  const commitName = () => {
    const n = name.trim();
    if (n && n !== p.project.name) p.onRename(n);
    else setName(p.project.name);
  };
  const appHref = `/p/${p.project.id}/app`;
  return (
    <div class="nb-toolbar">
      <div class="nb-title">
        <label class="sr-only" for="project-name">Project name</label>
        <input id="project-name" class="title-input" value={name} readOnly={!p.canEdit} onInput={(e) => setName(e.currentTarget.value)}
          onBlur={commitName} onKeyDown={(e) => { if (e.key === "Enter") e.currentTarget.blur(); if (e.key === "Escape") { setName(p.project.name); } }} />
        {!p.canEdit && <span class="pill view-only" title="Your role in this workspace is viewer: you can read, comment and use the app view's inputs">View only</span>}
        <SaveIndicator save={p.save} live={p.live} />
        {p.people}
      </div>
      <div class="nb-actions" role="toolbar" aria-label="Notebook actions">
        {p.canEdit && (
          <>
            <button type="button" class="btn btn-primary" onClick={p.onRunAll} title="Run all (Ctrl+Shift+Enter)">▶ Run all</button>
            <button type="button" class="btn" onClick={p.onRunStale} disabled={p.staleCount === 0}>Run stale{p.staleCount ? ` (${p.staleCount})` : ""}</button>
            <button type="button" class="btn" onClick={p.onInterrupt} disabled={!p.running} aria-label="Stop: interrupt the running cell">■ Stop</button>
            <button type="button" class="btn" onClick={p.onRestart}>Restart</button>
            <label class="switch" title="Reactive: running or changing a cell re-runs its dependents">
              <input type="checkbox" role="switch" checked={p.project.reactive} onChange={(e) => p.onReactive(e.currentTarget.checked)} />
              <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
              Reactive
            </label>
            <span class="toolbar-sep" aria-hidden="true" />
          </>
        )}
        {(["graph", "comments", "history", "assistant"] as const).map((panel) => (
          <button type="button" class={`btn btn-ghost${p.panel === panel ? " btn-on" : ""}`} aria-pressed={p.panel === panel} onClick={() => p.onPanel(panel)}>
            {PANEL_LABELS[panel]}
          </button>
        ))}
        <a class="btn btn-ghost" href={appHref} onClick={linkHandler(appHref)}>App view</a>
        <details class="menu">
          <summary class="btn btn-ghost">Export ▾</summary>
          <div class="menu-list" role="menu">
            <a role="menuitem" href={api.exportUrl(p.project.id, "ipynb")} download onClick={(e) => { e.preventDefault(); p.onExport("ipynb"); }}>Jupyter notebook (.ipynb)</a>
            <a role="menuitem" href={api.exportUrl(p.project.id, "cs")} download onClick={(e) => { e.preventDefault(); p.onExport("cs"); }}>C# file (.cs)</a>
            {EXPORTS.map(([format, label]) => (
              <a role="menuitem" href={api.exportUrl(p.project.id, format)} download onClick={(e) => { e.preventDefault(); p.onExport(format); }}>{label}</a>
            ))}
          </div>
        </details>
      </div>
    </div>
  );
}
