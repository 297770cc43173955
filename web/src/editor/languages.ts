import { StreamLanguage } from "@codemirror/language";
import { csharp } from "@codemirror/legacy-modes/mode/clike";
import { markdown } from "@codemirror/lang-markdown";
import { PostgreSQL, sql } from "@codemirror/lang-sql";
import type { Extension } from "@codemirror/state";
import type { CellKind } from "../types";

const csharpLanguage = StreamLanguage.define(csharp);

/** The CodeMirror language of a cell kind (SQL runs on DuckDB, whose dialect is closest to PostgreSQL).
 * `sqlTables`: JSON of table name → columns that SQL completion offers (sqlSchemaJson). */
export function languageFor(kind: CellKind, sqlTables?: string): Extension {
  switch (kind) {
    case "sql":
      return sql({ dialect: PostgreSQL, upperCaseKeywords: false, schema: sqlTables ? (JSON.parse(sqlTables) as Record<string, string[]>) : undefined });
    case "markdown":
      return markdown();
    default:
      return csharpLanguage;
  }
}
