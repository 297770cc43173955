import { describe, expect, it } from "vitest";
import { parseRoute } from "../router";

describe("routes", () => {
  it("maps paths to pages", () => {
    expect(parseRoute("/")).toEqual({ page: "list" });
    expect(parseRoute("/p/abc")).toEqual({ page: "notebook", projectId: "abc" });
    expect(parseRoute("/p/abc/")).toEqual({ page: "notebook", projectId: "abc" });
    expect(parseRoute("/p/abc/app")).toEqual({ page: "app", projectId: "abc" });
    expect(parseRoute("/w/w1/members")).toEqual({ page: "members", workspaceId: "w1" });
    expect(parseRoute("/nope")).toEqual({ page: "notFound" });
  });
});
