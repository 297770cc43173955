import { describe, expect, it } from "vitest";
import { relativeTime } from "../time";

describe("last-edited time", () => {
  const now = Date.parse("2026-11-23T12:00:00Z");
  it("reads like a person would say it", () => {
    expect(relativeTime("2026-11-23T11:59:50Z", now)).toBe("just now");
    expect(relativeTime("2026-11-23T11:55:00Z", now)).toBe("5 min ago");
    expect(relativeTime("2026-11-23T09:00:00Z", now)).toBe("3 h ago");
    expect(relativeTime("2026-11-22T10:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("2026-11-20T12:00:00Z", now)).toBe("3 days ago");
    expect(relativeTime("not a date", now)).toBe("");
  });
});
