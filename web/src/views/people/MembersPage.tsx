import { useEffect, useState } from "preact/hooks";
import { api, problemMessage, type ApiResult } from "../../api/client";
import { people } from "../../app/backend";
import { linkHandler } from "../../app/router";
import { useStore } from "../../app/useStore";
import { ROLE_LABELS, ROLES } from "../../state/roles";
import { relativeTime } from "../../state/time";
import type { Member, Role, Workspace } from "../../types";
import { Header } from "../Header";
import { Avatar } from "./Avatar";

/** /w/{id}/members: admins add people by email, change roles and remove them; everyone else sees the list. */
export function MembersPage({ workspaceId }: { workspaceId: string }) {
  const me = useStore(people.me);
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const admin = workspace?.role === "admin";

  const reload = async () => {
    const [w, m] = await Promise.all([api.getWorkspace(workspaceId), api.members(workspaceId)]);
    if (w.ok) setWorkspace(w.value);
    if (m.ok) setMembers(m.value);
    if (!w.ok) setError(problemMessage(w, "Could not load the workspace."));
    else if (!m.ok) setError(problemMessage(m, "Could not load the members."));
  };
  useEffect(() => void reload(), [workspaceId]);
  useEffect(() => { document.title = `Members · ${workspace?.name ?? "Workspace"} · Sept`; }, [workspace?.name]);

  const act = async (r: ApiResult<unknown>, fallback: string) => {
    if (!r.ok) return setError(problemMessage(r, fallback));
    setError(null);
    await reload();
  };
  const add = async (e: Event) => {
    e.preventDefault();
    const r = await api.addMember(workspaceId, { email: email.trim().toLowerCase(), role, ...(name.trim() ? { name: name.trim() } : {}) });
    if (r.ok) { setEmail(""); setName(""); }
    await act(r, "Could not add the member.");
  };

  return (
    <>
      <Header />
      <main class="page members-page">
        <div class="projects-head">
          <h1>Members{workspace ? ` of ${workspace.name}` : ""}</h1>
          <a class="btn btn-ghost" href="/" onClick={linkHandler("/")}>Back to projects</a>
        </div>
        {error && <p class="notice notice-error" role="alert">{error}</p>}
        {workspace && !admin && <p class="muted">Only admins of this workspace change its members. Your role: {ROLE_LABELS[workspace.role]}.</p>}
        {admin && (
          <form class="member-add" onSubmit={add} aria-label="Add a member">
            <label class="sr-only" for="member-email">Email</label>
            <input id="member-email" class="input" type="email" required placeholder="name@example.com" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
            <label class="sr-only" for="member-name">Name (optional)</label>
            <input id="member-name" class="input" placeholder="Name (optional)" value={name} onInput={(e) => setName(e.currentTarget.value)} />
            <label class="sr-only" for="member-role">Role</label>
            <select id="member-role" class="input" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {ROLES.map((r) => <option value={r}>{ROLE_LABELS[r]}</option>)}
            </select>
            <button type="submit" class="btn btn-primary">Add member</button>
          </form>
        )}
        {members && (
          <ul class="project-list member-list" aria-label="Members">
            {members.map((m) => (
              <li class="project-row" data-email={m.email}>
                <Avatar person={{ id: m.userId ?? m.email, name: m.name || m.email, email: m.email }} />
                <span class="member-who"><strong>{m.name || m.email}</strong>{m.email === me?.email && <span class="muted"> (you)</span>}<br /><span class="muted small">{m.email}{m.userId ? "" : " · not signed in yet"}</span></span>
                <span class="muted project-time">added {relativeTime(m.addedAt)}</span>
                {admin ? (
                  <>
                    <label class="sr-only" for={`role-${m.email}`}>Role of {m.email}</label>
                    <select id={`role-${m.email}`} class="input input-small" value={m.role}
                      onChange={(e) => void api.setMemberRole(workspaceId, m.email, e.currentTarget.value as Role).then((r) => act(r, "Could not change the role."))}>
                      {ROLES.map((r) => <option value={r}>{ROLE_LABELS[r]}</option>)}
                    </select>
                    <button type="button" class="btn btn-ghost btn-small btn-danger-text" aria-label={`Remove ${m.email}`}
                      onClick={() => void api.removeMember(workspaceId, m.email).then((r) => act(r, "Could not remove the member."))}>Remove</button>
                  </>
                ) : <span class="pill">{ROLE_LABELS[m.role]}</span>}
              </li>
            ))}
          </ul>
        )}
      </main>
    </>
  );
}
