import type { ApiClient, ApiResult } from "../api/client";
import type { CellLanguageServices } from "../editor/csharpServices";
import { Store } from "../state/store";
import type { Cell, EditorDiagnostic, TextRange } from "../types";

/** A cell's compiler diagnostics and the source they were computed for (they apply to that text only). */
export interface CellDiagnosticsEntry {
  source: string;
  errors: number;
  warnings: number;
  items: EditorDiagnostic[];
}

const value = <T>(r: ApiResult<T | undefined>): T | null => (r.ok && r.value ? r.value : null);

/** Whether two cell lists hold the same code in the same places (runs and outputs do not change diagnostics). */
export function sameCode(a: Cell[], b: Cell[]): boolean {
  return a.length === b.length && a.every((c, i) => {
    const other = b[i]!;
    return c.id === other.id && c.kind === other.kind && c.source === other.source && sameDefinition(c, other);
  });
}

// SQL and input cells define a name from their config (a result name; an input's name, type and value).
function sameDefinition(a: Cell, b: Cell): boolean {
  return (a.kind !== "sql" && a.kind !== "input") || a.config === b.config || JSON.stringify(a.config) === JSON.stringify(b.config);
}

/**
 * The editor's C# services for one open notebook: per-cell completion/hover/signature/definition calls, and the
 * whole notebook's diagnostics, refreshed (debounced) whenever the saved code changes. The server re-checks only
 * the edited cells and their dependents, so refreshing the whole notebook stays cheap.
 */
export class EditorServices {
  readonly diagnostics = new Store<Record<string, CellDiagnosticsEntry>>({});
  /** Set by the page: shows a cell and selects a range in it. */
  onGoTo: (cellId: string, range?: TextRange) => void = () => {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: AbortController | null = null;
  private last: Cell[] | null = null;
  private readonly cells = new Map<string, CellLanguageServices>();

  constructor(private readonly api: ApiClient, private readonly projectId: string, private readonly delayMs = 300) {}

  forCell(cellId: string): CellLanguageServices {
    let services = this.cells.get(cellId);
    if (!services) {
      const { api, projectId } = this;
      services = {
        completions: async (p, s, signal) => value(await api.completions(projectId, cellId, p, s, signal)),
        hover: async (p, s, signal) => value(await api.hover(projectId, cellId, p, s, signal)),
        signature: async (p, s, signal) => value(await api.signature(projectId, cellId, p, s, signal)),
        definition: async (p, s, signal) => value(await api.definition(projectId, cellId, p, s, signal)),
        goTo: (id, range) => this.onGoTo(id, range),
      };
      this.cells.set(cellId, services);
    }
    return services;
  }

  /** Schedules a diagnostics refresh when the cells' code changed since the last one. */
  cellsChanged(cells: Cell[]): void {
    if (this.last && sameCode(this.last, cells)) return;
    this.last = cells;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(cells), this.delayMs);
  }

  async refresh(cells: Cell[]): Promise<void> {
    this.timer = null;
    this.inFlight?.abort();
    const controller = (this.inFlight = new AbortController());
    const sources = new Map(cells.map((c) => [c.id, c.source]));
    const r = await this.api.diagnostics(this.projectId, controller.signal);
    if (controller.signal.aborted || !r.ok) return;
    const next: Record<string, CellDiagnosticsEntry> = {};
    for (const c of r.value.cells) {
      const source = sources.get(c.cellId);
      if (source !== undefined) next[c.cellId] = { source, errors: c.errors, warnings: c.warnings, items: c.diagnostics };
    }
    this.diagnostics.set(next);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.inFlight?.abort();
  }
}
