import { boot } from "../../app/boot";
import { people } from "../../app/backend";
import { useStore } from "../../app/useStore";
import { Avatar } from "./Avatar";

/** The signed-in person (initials and name) with sign-out. */
export function UserMenu() {
  const me = useStore(people.me);
  const state = useStore(boot);
  if (!me) return null;
  const auth = state.stage === "ready" ? state.auth : null;
  return (
    <details class="menu user-menu">
      <summary class="btn btn-ghost user-button" aria-label={`Signed in as ${me.name}`}>
        <Avatar person={me} size={24} /><span class="user-name">{me.name}</span>
      </summary>
      <div class="menu-list" role="menu">
        <p class="menu-note"><strong>{me.name}</strong><br /><span class="muted">{me.email}</span></p>
        {auth?.canSignOut ? <button type="button" role="menuitem" class="menu-item" onClick={() => auth.signOut()}>Sign out</button>
          : <p class="menu-note muted">Local mode: one local user, no sign-in.</p>}
      </div>
    </details>
  );
}
