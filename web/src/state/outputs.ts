import { MIME, type DisplayOutput, type Output, type StreamOutput, type TablePage } from "../types";

/** Most useful representation first: the UI renders the first MIME type a bundle has. */
export const MIME_PREFERENCE = [MIME.table, MIME.vegaLite, MIME.png, MIME.html, MIME.markdown, MIME.text] as const;

export type Rendering =
  | { kind: "table"; page: TablePage }
  | { kind: "vegaLite"; spec: Record<string, unknown> }
  | { kind: "image"; src: string }
  | { kind: "html"; html: string }
  | { kind: "markdown"; markdown: string }
  | { kind: "text"; text: string }
  | { kind: "unknown"; mimes: string[] };

/** Chooses how to show a display output. */
export function pickRendering(output: DisplayOutput): Rendering {
  const data = output.data ?? {};
  for (const mime of MIME_PREFERENCE) {
    if (!(mime in data)) continue;
    const value = data[mime];
    switch (mime) {
      case MIME.table: {
        const page = asObject(value) as TablePage | null;
        if (page && Array.isArray(page.columns) && Array.isArray(page.rows)) return { kind: "table", page };
        break;
      }
      case MIME.vegaLite: {
        const spec = asObject(value);
        if (spec) return { kind: "vegaLite", spec };
        break;
      }
      case MIME.png:
        if (typeof value === "string") return { kind: "image", src: value.startsWith("data:") ? value : `data:image/png;base64,${value}` };
        break;
      case MIME.html:
        return { kind: "html", html: joinText(value) };
      case MIME.markdown:
        return { kind: "markdown", markdown: joinText(value) };
      case MIME.text:
        return { kind: "text", text: joinText(value) };
    }
  }
  return { kind: "unknown", mimes: Object.keys(data) };
}

/** Appends one streamed output; consecutive chunks of the same stream join so text does not fragment. */
export function appendOutput(outputs: readonly Output[], output: Output): Output[] {
  const last = outputs[outputs.length - 1];
  if (output.type === "stream" && last?.type === "stream" && last.name === output.name && !last.full && !output.full) {
    const merged: StreamOutput = { ...last, text: last.text + output.text };
    return [...outputs.slice(0, -1), merged];
  }
  return [...outputs, output];
}

/** The first error with a line number, for highlighting in the editor. */
export function errorLine(outputs: readonly Output[]): number | null {
  for (const o of outputs) if (o.type === "error" && typeof o.line === "number" && o.line > 0) return o.line;
  return null;
}

/** Outputs whose full text lives elsewhere (the cell shows a notice with a link). */
export function isTruncated(output: Output): boolean {
  return output.type !== "error" && !!output.full;
}

/** Formats a table cell value compactly. */
export function formatCellValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(8)));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Formats milliseconds as the state badge shows them. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${m}m ${String(s).padStart(2, "0")}s`;
}

function asObject(value: unknown): Record<string, unknown> | null {
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

function joinText(value: unknown): string {
  if (Array.isArray(value)) return value.join("");
  return typeof value === "string" ? value : JSON.stringify(value);
}
