import { useState } from "preact/hooks";
import { people } from "../../app/backend";
import { navigate } from "../../app/router";
import { useStore } from "../../app/useStore";
import { NewWorkspaceDialog } from "./NewWorkspaceDialog";

const NEW = "__new__";

/** Picks the current workspace (remembered in this browser); the last option creates one. */
export function WorkspaceSwitcher() {
  const workspaces = useStore(people.workspaces);
  const current = useStore(people.current);
  const [creating, setCreating] = useState(false);
  if (workspaces.length === 0) return null;
  return (
    <>
      <label class="sr-only" for="workspace-switcher">Workspace</label>
      <select id="workspace-switcher" class="input workspace-switcher" value={current?.id ?? ""}
        onChange={(e) => {
          const id = e.currentTarget.value;
          if (id === NEW) { e.currentTarget.value = current?.id ?? ""; return setCreating(true); }
          people.select(id);
          if (location.pathname !== "/") navigate("/");
        }}>
        {workspaces.map((w) => <option value={w.id}>{w.name}</option>)}
        <option value={NEW}>+ New workspace…</option>
      </select>
      {creating && <NewWorkspaceDialog onClose={(created) => { setCreating(false); if (created && location.pathname !== "/") navigate("/"); }} />}
    </>
  );
}
