import type { Person, Viewer } from "../types";

/** Avatar colours: distinct hues that read on light and dark backgrounds with white initials. */
export const AVATAR_COLORS = ["#4f5bd5", "#2f8a4d", "#c2413a", "#b7791f", "#8a3fb8", "#1f6f9e", "#c0568f", "#5b7c2a", "#7a5c3e", "#0f8a8a"] as const;

/** The same person always gets the same colour, in every browser (a hash of their id). */
export function colorFor(userId: string): string {
  let h = 2166136261;
  for (let i = 0; i < userId.length; i++) h = Math.imul(h ^ userId.charCodeAt(i), 16777619);
  return AVATAR_COLORS[(h >>> 0) % AVATAR_COLORS.length]!;
}

/** "Ada Lovelace" → "AL"; "ada@x.org" → "A"; at most two letters. */
export function initials(name: string): string {
  const words = name.replace(/@.*$/, "").split(/[\s._-]+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => [...w][0]!.toUpperCase()).join("") || "?";
}

export interface PresentPerson {
  user: Person;
  color: string;
  initials: string;
  /** This browser tab's own user. */
  me: boolean;
  /** How many tabs of theirs are open on the project. */
  sessions: number;
}

/** Everyone viewing, one entry per person (several tabs count once), me first, then by name. */
export function presentPeople(viewers: Viewer[], myUserId: string | null): PresentPerson[] {
  const byUser = new Map<string, PresentPerson>();
  for (const v of viewers) {
    const held = byUser.get(v.user.id);
    if (held) held.sessions++;
    else byUser.set(v.user.id, { user: v.user, color: colorFor(v.user.id), initials: initials(v.user.name || v.user.email), me: v.user.id === myUserId, sessions: 1 });
  }
  return [...byUser.values()].sort((a, b) => Number(b.me) - Number(a.me) || a.user.name.localeCompare(b.user.name));
}

/** Which cells other sessions are editing: cellId → the people in them (my own tab left out). */
export function editorsByCell(viewers: Viewer[], mySessionId: string | null): Record<string, PresentPerson[]> {
  const cells: Record<string, PresentPerson[]> = {};
  for (const v of viewers) {
    if (!v.cellId || v.sessionId === mySessionId) continue;
    const list = (cells[v.cellId] ??= []);
    if (!list.some((p) => p.user.id === v.user.id)) list.push({ user: v.user, color: colorFor(v.user.id), initials: initials(v.user.name || v.user.email), me: false, sessions: 1 });
  }
  return cells;
}
