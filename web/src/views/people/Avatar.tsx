import { colorFor, initials } from "../../state/presence";
import type { Person } from "../../types";

/** A round badge with a person's initials in their stable colour. */
export function Avatar({ person, size = 26, note }: { person: Person; size?: number; note?: string }) {
  const label = `${person.name || person.email}${note ? ` ${note}` : ""}`;
  return (
    <span class="avatar" style={{ background: colorFor(person.id), width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.42)}px` }}
      title={label} aria-label={label} role="img" data-user={person.email}>
      {initials(person.name || person.email)}
    </span>
  );
}
