import type { PresentPerson } from "../../state/presence";

const SHOWN = 5;

/** Who has this notebook open: one avatar per person (me first), the rest as "+N". */
export function PresenceBar({ people }: { people: PresentPerson[] }) {
  if (people.length === 0) return null;
  const rest = people.slice(SHOWN);
  return (
    <span class="presence-bar" aria-label={`Viewing now: ${people.map((p) => (p.me ? `${p.user.name} (you)` : p.user.name)).join(", ")}`} role="group">
      {people.slice(0, SHOWN).map((p) => (
        <span class={`avatar${p.me ? " avatar-me" : ""}`} style={{ background: p.color }} data-user={p.user.email}
          title={`${p.user.name}${p.me ? " (you)" : ""}${p.sessions > 1 ? ` · ${p.sessions} tabs` : ""}`}>{p.initials}</span>
      ))}
      {rest.length > 0 && <span class="avatar avatar-more" title={rest.map((p) => p.user.name).join(", ")}>+{rest.length}</span>}
    </span>
  );
}
