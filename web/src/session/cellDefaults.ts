import type { Cell, CellConfig, CellKind } from "../types";

export const KIND_LABELS: Record<CellKind, string> = {
  code: "C#",
  sql: "SQL",
  markdown: "Markdown",
  input: "Input",
  chart: "Chart",
};

export function defaultSource(kind: CellKind): string {
  return kind === "sql" ? "select 42 as answer" : "";
}

/** A fresh input gets a name no other cell writes yet (x, x2, …); a SQL cell its result name. */
export function defaultConfig(kind: CellKind, cells: Cell[]): CellConfig | null {
  const taken = new Set(cells.flatMap((c) => [...c.writes, ...(typeof c.config?.name === "string" ? [c.config.name] : [])]));
  const fresh = (stem: string) => {
    if (!taken.has(stem)) return stem;
    for (let i = 2; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
  };
  switch (kind) {
    case "input":
      return { name: fresh("x"), type: "slider", value: 50, min: 0, max: 100, step: 1, integer: true };
    case "chart":
      return { mark: "bar" };
    case "sql":
      return { resultName: fresh("df") };
    default:
      return null;
  }
}
