import { useState } from "preact/hooks";
import { linkHandler } from "../app/router";
import { atLeast, ROLE_LABELS } from "../state/roles";
import type { Project, Role } from "../types";
import { relativeTime } from "../state/time";

interface Props {
  project: Project;
  /** My role on it: renaming needs editor, deleting admin. */
  role?: Role;
  onRename(name: string): void;
  onDelete(): void;
}

export function ProjectRow({ project, role, onRename, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(project.name);
  const href = `/p/${project.id}`;

  const commit = (e?: Event) => {
    e?.preventDefault();
    setEditing(false);
    const trimmed = name.trim();
    if (trimmed && trimmed !== project.name) onRename(trimmed);
    else setName(project.name);
  };

  return (
    <li class="project-row">
      {editing ? (
        <form class="rename-form" onSubmit={commit}>
          <label class="sr-only" for={`rename-${project.id}`}>Project name</label>
          <input id={`rename-${project.id}`} class="input" value={name} autofocus
            onInput={(e) => setName(e.currentTarget.value)} onBlur={() => commit()}
            onKeyDown={(e) => { if (e.key === "Escape") { setName(project.name); setEditing(false); } }} />
        </form>
      ) : (
        <a class="project-link" href={href} onClick={linkHandler(href)}>
          <span class="project-name">{project.name}</span>
          {project.reactive && <span class="pill" title="Reactive: dependents re-run automatically">reactive</span>}
          {role === "viewer" && <span class="pill pill-muted" title={`Your role: ${ROLE_LABELS[role]}`}>view only</span>}
        </a>
      )}
      <span class="muted project-time" title={project.updatedAt}>edited {relativeTime(project.updatedAt)}</span>
      <span class="row-actions">
        <a class="btn btn-ghost btn-small" href={`${href}/app`} onClick={linkHandler(`${href}/app`)}>App</a>
        {atLeast(role, "editor") && <button type="button" class="btn btn-ghost btn-small" onClick={() => setEditing(true)} aria-label={`Rename ${project.name}`}>Rename</button>}
        {atLeast(role, "admin") && <button type="button" class="btn btn-ghost btn-small btn-danger-text" onClick={onDelete} aria-label={`Delete ${project.name}`}>Delete</button>}
      </span>
    </li>
  );
}
