import type { Cell, CellOutputEvent, Project, RealtimeEvent, RunFinishedEvent } from "../types";
import { appendOutput } from "./outputs";

/** What the notebook view shows: the project, its cells in order, and live run bookkeeping. */
export interface NotebookState {
  project: Project | null;
  cells: Cell[];
  /** When each running cell started (client clock), for the live elapsed time. */
  runningSince: Record<string, number>;
  /** The run whose outputs each cell currently shows. */
  outputRun: Record<string, string>;
  /** How many of that run's output events the shown outputs hold (a later GET or event with fewer is older). */
  outputSeen: Record<string, number>;
  /** Runs already finished: their late output events are ignored. */
  finishedRuns: string[];
  /** The last run of each cell: which run and how long it took overall. */
  lastRun: Record<string, { runId: string; ms: number }>;
  /** Why a cell re-runs or went stale ("x changed in cell 1"), known from what this client changed or ran. */
  reasons: Record<string, string>;
}

export type NotebookAction =
  | { type: "loaded"; project: Project; now: number }
  | { type: "projectPatched"; project: Project }
  | { type: "cellUpdated"; cell: Cell; reason?: string | null; now: number }
  | { type: "cellOutput"; event: CellOutputEvent }
  | { type: "runFinished"; event: RunFinishedEvent }
  | { type: "cellAdded"; cell: Cell }
  | { type: "cellRemoved"; cellId: string }
  | { type: "cellMoved"; cell: Cell }
  /** Cells changed or run as roots: their reasons clear, their dependents' reasons are set. */
  | { type: "reasons"; roots: string[]; reasons: Record<string, string> };

export const emptyNotebook: NotebookState = {
  project: null, cells: [], runningSince: {}, outputRun: {}, outputSeen: {}, finishedRuns: [], lastRun: {}, reasons: {},
};

const FINISHED_RUNS_KEPT = 200;

/** Pure event → state function; every realtime event and local response goes through it. */
export function notebookReducer(state: NotebookState, action: NotebookAction): NotebookState {
  switch (action.type) {
    case "loaded": {
      const { cells = [], ...project } = action.project;
      // A re-read replaces everything except cells we hold in a newer revision (an event raced the GET).
      const held = new Map(state.cells.map((c) => [c.id, c]));
      const outputRun = { ...state.outputRun };
      const outputSeen = { ...state.outputSeen };
      const merged = sortCells(cells).map((c) => {
        const h = held.get(c.id);
        if (h && isNewer(h, c)) return h;
        return joinRunningOutputs(c, h, outputRun, outputSeen);
      });
      // Realtime copies of the project carry no role (they go to everyone): keep the one my own GET gave.
      const role = project.role ?? state.project?.role;
      const workspaceId = project.workspaceId ?? state.project?.workspaceId;
      const withRole = { ...project, ...(role ? { role } : {}), ...(workspaceId ? { workspaceId } : {}) };
      return {
        ...state, project: withRole, cells: merged, outputRun, outputSeen,
        runningSince: trackRunning(state.runningSince, merged, action.now),
      };
    }
    case "projectPatched": {
      const { cells, ...project } = action.project;
      if (state.project && !isNewerProject(project, state.project)) return state;
      const next = { ...state, project: { ...state.project, ...project } };
      return cells ? notebookReducer(next, { type: "loaded", project: action.project, now: Date.now() }) : next;
    }
    case "cellUpdated": {
      const incoming = action.reason ? { ...action.cell, reason: action.reason } : action.cell;
      const index = state.cells.findIndex((c) => c.id === incoming.id);
      const held = index >= 0 ? state.cells[index] : undefined;
      if (held && !isNewer(incoming, held)) return state;
      const cell = carryReason(keepStreamedOutputs(incoming, held, state), held);
      const cells = held
        ? sortCells(state.cells.map((c, i) => (i === index ? cell : c)))
        : sortCells([...state.cells, cell]);
      return { ...state, cells, runningSince: trackRunning(state.runningSince, [cell], action.now) };
    }
    case "cellOutput": {
      const { cellId, runId, output, sequence } = action.event;
      if (state.finishedRuns.includes(runId)) return state;
      const index = state.cells.findIndex((c) => c.id === cellId);
      if (index < 0) return state;
      const cell = state.cells[index]!;
      const sameRun = state.outputRun[cellId] === runId;
      const seen = sameRun ? (state.outputSeen[cellId] ?? 0) : 0;
      // Already held: it came with the outputs so far that a GET returned mid-run.
      if (sameRun && typeof sequence === "number" && sequence < seen) return state;
      const outputs = appendOutput(sameRun ? cell.outputs : [], output);
      const cells = state.cells.map((c, i) => (i === index ? { ...c, outputs } : c));
      const nextSeen = typeof sequence === "number" ? Math.max(seen, sequence + 1) : seen + 1;
      return {
        ...state, cells, outputRun: { ...state.outputRun, [cellId]: runId }, outputSeen: { ...state.outputSeen, [cellId]: nextSeen },
      };
    }
    case "runFinished": {
      const { runId, cellIds, ms } = action.event;
      const lastRun = { ...state.lastRun };
      for (const id of cellIds) lastRun[id] = { runId, ms };
      const finishedRuns = [...state.finishedRuns, runId].slice(-FINISHED_RUNS_KEPT);
      return { ...state, lastRun, finishedRuns };
    }
    case "cellAdded": {
      if (state.cells.some((c) => c.id === action.cell.id)) return state;
      return { ...state, cells: sortCells([...state.cells, action.cell]) };
    }
    case "cellRemoved":
      return { ...state, cells: state.cells.filter((c) => c.id !== action.cellId) };
    case "reasons": {
      const reasons = { ...state.reasons, ...action.reasons };
      for (const id of action.roots) delete reasons[id];
      return { ...state, reasons };
    }
    case "cellMoved": {
      const held = state.cells.find((c) => c.id === action.cell.id);
      if (held && !isNewer(action.cell, held)) return state;
      return { ...state, cells: sortCells([...state.cells.filter((c) => c.id !== action.cell.id), action.cell]) };
    }
  }
}

/** Whether an incoming copy of a cell is at least as new as the held one (equal is a harmless repeat). */
export function isNewer(incoming: Cell, held: Cell): boolean {
  if (typeof incoming.revision === "number" && typeof held.revision === "number") return incoming.revision >= held.revision;
  if (incoming.version !== held.version) return incoming.version > held.version;
  return Date.parse(incoming.updatedAt) >= Date.parse(held.updatedAt);
}

function isNewerProject(incoming: Project, held: Project): boolean {
  if (typeof incoming.version === "number" && typeof held.version === "number") return incoming.version >= held.version;
  return true;
}

/** A running cell read by GET carries its outputs so far: show them and follow its run, unless this client already
 * holds more of that run from the live stream. Updates `outputRun` and `outputSeen` in place. */
function joinRunningOutputs(
  cell: Cell, held: Cell | undefined, outputRun: Record<string, string>, outputSeen: Record<string, number>,
): Cell {
  if (cell.state !== "running" || !cell.runId) return cell;
  const fromServer = cell.outputSequence ?? 0;
  if (held && outputRun[cell.id] === cell.runId && (outputSeen[cell.id] ?? 0) >= fromServer) {
    return { ...cell, outputs: held.outputs };
  }
  outputRun[cell.id] = cell.runId;
  outputSeen[cell.id] = fromServer;
  return cell;
}

/** While a cell runs, the server's copy may not list outputs streamed so far; keep ours. */
function keepStreamedOutputs(incoming: Cell, held: Cell | undefined, state: NotebookState): Cell {
  if (!held) return incoming;
  const streaming = incoming.state === "running" && incoming.outputs.length === 0 && state.outputRun[incoming.id] !== undefined
    && held.state === "running";
  return streaming ? { ...incoming, outputs: held.outputs } : incoming;
}

/** A run's reason arrives once (when queued); it stays on the cell while that run goes on and after it succeeds. */
function carryReason(incoming: Cell, held: Cell | undefined): Cell {
  if (incoming.reason !== undefined || !held?.reason) return incoming;
  const sameRun = (held.state === "queued" || held.state === "running") && (incoming.state === "running" || incoming.state === "success");
  const stillShown = held.state === "success" && incoming.state === "success";
  return sameRun || stillShown ? { ...incoming, reason: held.reason } : incoming;
}

function trackRunning(since: Record<string, number>, cells: Cell[], now: number): Record<string, number> {
  const next = { ...since };
  for (const c of cells) {
    if (c.state === "running") next[c.id] ??= now;
    else delete next[c.id];
  }
  return next;
}

export function sortCells(cells: Cell[]): Cell[] {
  return [...cells].sort((a, b) => compareOrder(a.order, b.order));
}

function compareOrder(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Variables the notebook defines (writes of all cells), for the chart cell's data picker. */
export function notebookVariables(cells: Cell[]): string[] {
  return [...new Set(cells.flatMap((c) => c.writes))].sort();
}

/** Whether a realtime event belongs to this notebook: the server stamps every event with its project (a project
 * snapshot also carries its id). Another project's event is dropped, whoever put this connection in its group. */
export function isForProject(e: RealtimeEvent, projectId: string): boolean {
  const body = e.body as { projectId?: unknown; project?: { id?: unknown } };
  if (typeof body.projectId === "string" && body.projectId !== projectId) return false;
  if (e.kind === "projectChanged" && typeof body.project?.id === "string" && body.project.id !== projectId) return false;
  return true;
}
