import { describe, expect, it } from "vitest";
import { MIME } from "../../types";
import { sqlSchemaJson } from "../sqlSchema";
import { cell } from "./fixtures";

describe("SQL completion schema", () => {
  it("offers the names defined above, with the columns of their last table output", () => {
    const table = { columns: [{ name: "region", type: "VARCHAR" }, { name: "amount", type: "DOUBLE" }], rows: [], totalRows: 0 };
    const cells = [
      cell({ id: "a", writes: ["sales"], outputs: [{ type: "display", data: { [MIME.table]: table } } as never] }),
      cell({ id: "b", writes: ["limit"] }),
      cell({ id: "q", kind: "sql" }),
      cell({ id: "later", writes: ["below"] }),
    ];
    expect(JSON.parse(sqlSchemaJson(cells, 2))).toEqual({ sales: ["region", "amount"], limit: [] });
  });
});
