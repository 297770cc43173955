import type { CellChange, CellDiff, DiffLine, VersionCell } from "../types";

export interface DiffRow {
  op: DiffLine["op"];
  text: string;
  /** CSS class: diff-add, diff-del or diff-same. */
  tone: "diff-add" | "diff-del" | "diff-same";
}
export interface DiffEntry {
  cellId: string;
  change: Exclude<CellChange, "unchanged">;
  kind: VersionCell["kind"];
  rows: DiffRow[];
}
export interface DiffModel {
  counts: Record<Exclude<CellChange, "unchanged">, number>;
  unchanged: number;
  entries: DiffEntry[];
}

const TONE: Record<DiffLine["op"], DiffRow["tone"]> = { "+": "diff-add", "-": "diff-del", " ": "diff-same" };

/** The server's snapshot → current diff as rows to draw: unchanged cells counted only, lines coloured by op. */
export function diffModel(cells: CellDiff[]): DiffModel {
  const counts = { added: 0, removed: 0, changed: 0, moved: 0 };
  const entries: DiffEntry[] = [];
  let unchanged = 0;
  for (const c of cells) {
    if (c.change === "unchanged") {
      unchanged++;
      continue;
    }
    counts[c.change]++;
    const lines = c.lines ?? linesFor(c);
    entries.push({ cellId: c.cellId, change: c.change, kind: c.kind, rows: lines.map((l) => ({ op: l.op, text: l.text, tone: TONE[l.op] })) });
  }
  return { counts, unchanged, entries };
}

/** When the server sends no lines: all "+" for an added cell, all "-" for a removed one, a line diff otherwise. */
function linesFor(c: CellDiff): DiffLine[] {
  const before = c.before?.source ?? "";
  const after = c.after?.source ?? "";
  if (c.change === "added") return split(after).map((text) => ({ op: "+", text }));
  if (c.change === "removed") return split(before).map((text) => ({ op: "-", text }));
  return lineDiff(before, after);
}

function split(text: string): string[] {
  return text === "" ? [] : text.split("\n");
}

/** A longest-common-subsequence line diff (cells are small, so the quadratic table is fine). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = split(before);
  const b = split(after);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: " ", text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: "-", text: a[i++]! });
    else out.push({ op: "+", text: b[j++]! });
  }
  while (i < a.length) out.push({ op: "-", text: a[i++]! });
  while (j < b.length) out.push({ op: "+", text: b[j++]! });
  return out;
}
