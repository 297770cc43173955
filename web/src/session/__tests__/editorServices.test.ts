import { describe, expect, it } from "vitest";
import { ApiClient } from "../../api/client";
import { problemCount } from "../../views/cells/CellView";
import { cell } from "../../state/__tests__/fixtures";
import { EditorServices, sameCode } from "../editorServices";

describe("editor services session", () => {
  it("refreshes diagnostics only when code changes, not when a cell runs", () => {
    const a = cell({ id: "a", source: "var n = 3;" });
    expect(sameCode([a], [{ ...a, state: "success", outputs: [] }])).toBe(true);
    expect(sameCode([a], [{ ...a, source: "var n = \"three\";" }])).toBe(false);
    const sql = cell({ id: "s", kind: "sql", config: { resultName: "df" } });
    expect(sameCode([sql], [{ ...sql, config: { resultName: "df" } }])).toBe(true);
    expect(sameCode([sql], [{ ...sql, config: { resultName: "rows" } }])).toBe(false);
  });

  it("keeps each cell's diagnostics with the source they were computed for", async () => {
    const requests: string[] = [];
    const api = new ApiClient(async (url) => {
      requests.push(url);
      const body = { cells: [{ cellId: "b", errors: 1, warnings: 0, diagnostics: [] }, { cellId: "gone", errors: 0, warnings: 0, diagnostics: [] }] };
      return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
    });
    const services = new EditorServices(api, "p1", 0);
    await services.refresh([cell({ id: "a" }), cell({ id: "b", source: "var s = n.ToString(\"D2\");" })]);
    expect(requests).toEqual(["/api/projects/p1/diagnostics"]);
    expect(Object.keys(services.diagnostics.value)).toEqual(["b"]);
    expect(services.diagnostics.value.b).toMatchObject({ source: "var s = n.ToString(\"D2\");", errors: 1 });
  });

  it("counts problems in words", () => {
    expect(problemCount({ errors: 1, warnings: 0 })).toBe("1 error");
    expect(problemCount({ errors: 2, warnings: 1 })).toBe("2 errors, 1 warning");
  });
});
