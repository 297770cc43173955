import { describe, expect, it } from "vitest";
import { AVATAR_COLORS, colorFor, editorsByCell, initials, presentPeople } from "../presence";
import type { Viewer } from "../../types";

const ada = { id: "u-ada", name: "Ada Lovelace", email: "ada@x.org" };
const bob = { id: "u-bob", name: "Bob", email: "bob@x.org" };
const viewer = (sessionId: string, user: typeof ada, cellId: string | null = null): Viewer => ({ sessionId, user, cellId, lastSeen: "2026-01-01T00:00:00Z" });

describe("presence", () => {
  it("gives each person one stable colour from the palette", () => {
    expect(colorFor("u-ada")).toBe(colorFor("u-ada"));
    expect(AVATAR_COLORS).toContain(colorFor("u-ada"));
    const spread = new Set(Array.from({ length: 40 }, (_, i) => colorFor(`user-${i}`)));
    expect(spread.size).toBeGreaterThan(5);
  });

  it("makes initials from names and emails", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("Ada Byron King Lovelace")).toBe("AL");
    expect(initials("bob")).toBe("B");
    expect(initials("carol.smith@x.org")).toBe("CS");
    expect(initials("")).toBe("?");
  });

  it("lists each person once (several tabs count), me first", () => {
    const people = presentPeople([viewer("s1", bob), viewer("s2", ada), viewer("s3", bob)], "u-ada");
    expect(people.map((p) => [p.user.name, p.me, p.sessions])).toEqual([["Ada Lovelace", true, 1], ["Bob", false, 2]]);
    expect(people[1]!.initials).toBe("B");
  });

  it("maps the cells others are editing, leaving out my own tab", () => {
    const cells = editorsByCell([viewer("mine", ada, "c1"), viewer("s2", bob, "c1"), viewer("s3", bob, "c1"), viewer("s4", ada, "c2"), viewer("s5", bob)], "mine");
    expect(Object.keys(cells).sort()).toEqual(["c1", "c2"]);
    expect(cells.c1!.map((p) => p.user.id)).toEqual(["u-bob"]);
    expect(cells.c2!.map((p) => p.user.id)).toEqual(["u-ada"]); // me in another tab still shows
  });
});
