import { StreamLanguage } from "@codemirror/language";
import { csharp } from "@codemirror/legacy-modes/mode/clike";
import { markdown } from "@codemirror/lang-markdown";
import { PostgreSQL, sql } from "@codemirror/lang-sql";
import type { Extension } from "@codemirror/state";
import type { CellKind } from "../types";

const csharpLanguage = StreamLanguage.define(csharp);

/** The CodeMirror language of a cell kind (SQL runs on DuckDB, whose dialect is closest to PostgreSQL). */
export function languageFor(kind: CellKind): Extension {
  switch (kind) {
    case "sql":
      return sql({ dialect: PostgreSQL, upperCaseKeywords: false });
    case "markdown":
      return markdown();
    default:
      return csharpLanguage;
  }
}
