import { useEffect, useState } from "preact/hooks";
import { api, problemMessage } from "../api/client";
import { people } from "../app/backend";
import { linkHandler, navigate } from "../app/router";
import { useStore } from "../app/useStore";
import { atLeast } from "../state/roles";
import type { Project } from "../types";
import { ConfirmDialog } from "./ConfirmDialog";
import { Header } from "./Header";
import { ImportButton, ImportDrop, useImport } from "./ImportDrop";
import { ProjectRow } from "./ProjectRow";
import { NewWorkspaceDialog } from "./people/NewWorkspaceDialog";

/** The home page: the current workspace's projects, newest edit first; create, rename, delete, import. */
export function ProjectList() {
  const workspace = useStore(people.current);
  const workspaceId = workspace?.id ?? null;
  const canEdit = atLeast(workspace?.role, "editor");
  const [projects, setProjects] = useState<Project[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<Project | null>(null);
  const [creatingWorkspace, setCreatingWorkspace] = useState(false);
  const me = useStore(people.me);
  const importer = useImport((p) => navigate(`/p/${p.id}`), setError, workspaceId);

  const reload = async () => {
    const r = await api.listProjects(workspaceId);
    if (r.ok) {
      setProjects([...r.value].sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)));
      setError(null);
    } else setError(problemMessage(r, "Could not load projects."));
  };
  useEffect(() => {
    document.title = workspace ? `${workspace.name} · Sept` : "Projects · Sept";
    setProjects(null);
    void reload();
  }, [workspaceId]);

  const create = async (e: Event) => {
    e.preventDefault();
    const r = await api.createProject(name.trim() || "Untitled notebook", workspaceId);
    if (r.ok) navigate(`/p/${r.value.id}`);
    else setError(problemMessage(r, "Could not create the project."));
  };

  const rename = async (p: Project, newName: string) => {
    const r = await api.patchProject(p.id, { name: newName });
    if (r.ok) await reload();
    else setError(problemMessage(r, "Could not rename."));
  };

  const remove = async (p: Project) => {
    setDeleting(null);
    const r = await api.deleteProject(p.id);
    if (!r.ok && r.status !== 404) setError(problemMessage(r, "Could not delete."));
    await reload();
  };
  const membersHref = workspace ? `/w/${workspace.id}/members` : null;

  if (people.hasWorkspaces && !workspace) {
    return (
      <>
        <Header />
        <main class="page empty-page">
          <h1>No workspace yet</h1>
          <p class="muted">You ({me?.email}) are not a member of any workspace. Create one, or ask an admin of an existing one to add you.</p>
          <button type="button" class="btn btn-primary" onClick={() => setCreatingWorkspace(true)}>New workspace</button>
        </main>
        {creatingWorkspace && <NewWorkspaceDialog onClose={() => setCreatingWorkspace(false)} />}
      </>
    );
  }

  return (
    <ImportDrop upload={canEdit ? importer.upload : () => setError("Viewers can't import projects into this workspace.")}>
      <Header />
      <main class="page projects-page">
        <div class="projects-head">
          <h1>{workspace ? workspace.name : "Projects"}</h1>
          {membersHref && <a class="btn btn-ghost" href={membersHref} onClick={linkHandler(membersHref)}>Members</a>}
          {canEdit ? (
            <>
              <form class="new-project" onSubmit={create}>
                <label class="sr-only" for="new-project-name">New project name</label>
                <input id="new-project-name" class="input" placeholder="New project name" value={name}
                  onInput={(e) => setName(e.currentTarget.value)} />
                <button class="btn btn-primary" type="submit">New project</button>
              </form>
              <ImportButton upload={importer.upload} busy={importer.busy} />
            </>
          ) : <span class="pill pill-muted" title="Viewers open and comment on projects; editors create them">View only</span>}
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
              <ProjectRow key={p.id} project={p} role={p.role ?? workspace?.role} onRename={(n) => rename(p, n)} onDelete={() => setDeleting(p)} />
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
