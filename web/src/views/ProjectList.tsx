import { useEffect, useState } from "preact/hooks";
import { api } from "../api/client";
import { navigate } from "../app/router";
import type { Project } from "../types";
import { ConfirmDialog } from "./ConfirmDialog";
import { Header } from "./Header";
import { ImportButton, ImportDrop, useImport } from "./ImportDrop";
import { ProjectRow } from "./ProjectRow";

/** The home page: every project, newest edit first; create, rename, delete, import. */
export function ProjectList() {
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<Project | null>(null);
  const importer = useImport((p) => navigate(`/p/${p.id}`), setError);

  const reload = async () => {
    const r = await api.listProjects();
    if (r.ok) {
      setProjects([...r.value].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)));
      setError(null);
    } else setError(r.problem.title ?? "Could not load projects.");
  };
  useEffect(() => {
    document.title = "Projects · Sept";
    void reload();
  }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    const r = await api.createProject(name.trim() || "Untitled notebook");
    if (r.ok) navigate(`/p/${r.value.id}`);
    else setError(r.problem.detail ?? r.problem.title ?? "Could not create the project.");
  };

  const rename = async (p: Project, newName: string) => {
    const r = await api.patchProject(p.id, { name: newName });
    if (r.ok) await reload();
    else setError(r.problem.detail ?? r.problem.title ?? "Could not rename.");
  };

  const remove = async (p: Project) => {
    setDeleting(null);
    const r = await api.deleteProject(p.id);
    if (!r.ok && r.status !== 404) setError(r.problem.title ?? "Could not delete.");
    await reload();
  };

  return (
    <ImportDrop upload={importer.upload}>
      <Header />
      <main class="page projects-page">
        <div class="projects-head">
          <h1>Projects</h1>
          <form class="new-project" onSubmit={create}>
            <label class="sr-only" for="new-project-name">New project name</label>
            <input id="new-project-name" class="input" placeholder="New project name" value={name}
              onInput={(e) => setName(e.currentTarget.value)} />
            <button class="btn btn-primary" type="submit">New project</button>
          </form>
          <ImportButton upload={importer.upload} busy={importer.busy} />
        </div>
        {error && <p class="notice notice-error" role="alert">{error}</p>}
        {projects === null && !error && <p class="muted">Loading…</p>}
        {projects?.length === 0 && (
          <div class="empty-state">
            <p>No projects yet. Create one above, or drop a <code>.ipynb</code> or <code>.cs</code> file here to import it.</p>
          </div>
        )}
        {projects && projects.length > 0 && (
          <ul class="project-list" aria-label="Projects">
            {projects.map((p) => (
              <ProjectRow key={p.id} project={p} onRename={(n) => rename(p, n)} onDelete={() => setDeleting(p)} />
            ))}
          </ul>
        )}
        <p class="muted hint">
          Tip: drop a Jupyter <code>.ipynb</code> or a <code>.cs</code> notebook anywhere on this page to import it.
        </p>
      </main>
      {deleting && (
        <ConfirmDialog title="Delete project?" message={`“${deleting.name}” and all its cells will be deleted. This cannot be undone.`}
          confirmLabel="Delete" onConfirm={() => void remove(deleting)} onCancel={() => setDeleting(null)} />
      )}
    </ImportDrop>
  );
}
