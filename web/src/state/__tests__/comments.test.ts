import { describe, expect, it } from "vitest";
import { commentsReducer, mentionCandidates, mentionQuery, mentionsIn, openCommentCounts, threadsOfCell } from "../comments";
import type { CellComment, Member, Thread } from "../../types";

const ada = { id: "u1", name: "Ada", email: "ada@x.org" };
const comment = (id: string, threadId: string, cellId: string, minute: number, body = id): CellComment => ({
  id, threadId, cellId, author: ada, body, mentions: [], createdAt: `2026-01-01T00:${String(minute).padStart(2, "0")}:00Z`,
});
const thread = (id: string, cellId: string, comments: CellComment[], resolved = false): Thread => ({ id, cellId, resolved, comments });

describe("comment threads", () => {
  it("loads threads with their comments oldest first", () => {
    const s = commentsReducer([], { type: "loaded", threads: [thread("t2", "c1", [comment("b", "t2", "c1", 5)]), thread("t1", "c1", [comment("a2", "t1", "c1", 3), comment("a1", "t1", "c1", 1)])] });
    expect(s.map((t) => t.id)).toEqual(["t1", "t2"]);
    expect(s[0]!.comments.map((c) => c.id)).toEqual(["a1", "a2"]);
  });

  it("adds a new thread, appends a reply, and ignores the echo of my own post", () => {
    let s = commentsReducer([], { type: "added", comment: comment("a", "t1", "c1", 1) });
    s = commentsReducer(s, { type: "added", comment: comment("b", "t1", "c1", 2) });
    s = commentsReducer(s, { type: "added", comment: comment("b", "t1", "c1", 2) });
    expect(s).toHaveLength(1);
    expect(s[0]!.comments.map((c) => c.id)).toEqual(["a", "b"]);
    expect(s[0]!.cellId).toBe("c1");
  });

  it("replaces a comment on edit and a whole thread on resolve", () => {
    let s = commentsReducer([], { type: "added", comment: comment("a", "t1", "c1", 1, "old") });
    s = commentsReducer(s, { type: "added", comment: { ...comment("a", "t1", "c1", 1, "new"), editedAt: "2026-01-01T01:00:00Z" } });
    expect(s[0]!.comments[0]!.body).toBe("new");
    s = commentsReducer(s, { type: "updated", thread: { ...s[0]!, resolved: true, resolvedBy: ada } });
    expect(s[0]!.resolved).toBe(true);
    expect(threadsOfCell(s, "c1", false)).toEqual([]);
    expect(threadsOfCell(s, "c1", true)).toHaveLength(1);
  });

  it("removes a reply, and the whole thread when its first comment goes", () => {
    let s = commentsReducer([], { type: "loaded", threads: [thread("t1", "c1", [comment("a", "t1", "c1", 1), comment("b", "t1", "c1", 2)])] });
    s = commentsReducer(s, { type: "removed", threadId: "t1", commentId: "b" });
    expect(s[0]!.comments.map((c) => c.id)).toEqual(["a"]);
    s = commentsReducer(s, { type: "added", comment: comment("c", "t1", "c1", 3) });
    s = commentsReducer(s, { type: "removed", threadId: "t1", commentId: "a" });
    expect(s).toEqual([]);
    expect(commentsReducer(s, { type: "removed", threadId: "nope", commentId: "x" })).toBe(s);
  });

  it("counts comments of open threads per cell", () => {
    const s: Thread[] = [
      thread("t1", "c1", [comment("a", "t1", "c1", 1), comment("b", "t1", "c1", 2)]),
      thread("t2", "c1", [comment("c", "t2", "c1", 3)], true),
      thread("t3", "c2", [comment("d", "t3", "c2", 4)]),
    ];
    expect(openCommentCounts(s)).toEqual({ c1: 2, c2: 1 });
  });
});

describe("mentions", () => {
  const members: Member[] = [
    { email: "ada@x.org", name: "Ada Lovelace", role: "editor", addedAt: "" },
    { email: "bob@x.org", name: "Bob", role: "viewer", addedAt: "" },
  ];

  it("finds the @query being typed before the caret", () => {
    expect(mentionQuery("hi @ad", 6)).toEqual({ start: 3, query: "ad" });
    expect(mentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQuery("mail a@b", 8)).toBeNull();
    expect(mentionQuery("hi @ad and", 10)).toBeNull();
  });

  it("matches members by name or email", () => {
    expect(mentionCandidates(members, "LOVE").map((m) => m.email)).toEqual(["ada@x.org"]);
    expect(mentionCandidates(members, "bob@").map((m) => m.email)).toEqual(["bob@x.org"]);
    expect(mentionCandidates(members, "")).toHaveLength(2);
  });

  it("sends only the picked mentions still in the text", () => {
    expect(mentionsIn("@Ada Lovelace please check, cc @Bob", members)).toEqual(["ada@x.org", "bob@x.org"]);
    expect(mentionsIn("please check, cc @Bob", members)).toEqual(["bob@x.org"]);
  });
});
