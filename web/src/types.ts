// The HTTP + realtime contract of the Sept app, mirrored once (docs/api.md in the app is the truth).

export type CellKind = "code" | "sql" | "markdown" | "input" | "chart";
export type CellState = "idle" | "queued" | "running" | "success" | "error" | "stale";
export type RunMode = "cell" | "downstream" | "all" | "stale";

export interface StreamOutput {
  type: "stream";
  name: "stdout" | "stderr";
  text: string;
  full?: FullOutput | null;
}
export interface DisplayOutput {
  type: "display";
  data: Record<string, unknown>;
  full?: FullOutput | null;
}
export interface ErrorOutput {
  type: "error";
  ename: string;
  message: string;
  line?: number | null;
  column?: number | null;
}
/** Where an output too large to keep inline lives. */
export interface FullOutput {
  url: string;
  size: number;
}
export type Output = StreamOutput | DisplayOutput | ErrorOutput;

export interface Cell {
  id: string;
  projectId: string;
  kind: CellKind;
  source: string;
  config: CellConfig | null;
  order: string | number;
  /** Counts content changes (source, config, order); guards edits via If-Match. */
  version: number;
  /** Counts every change including run state; newer events win. Absent on older servers. */
  revision?: number;
  reads: string[];
  writes: string[];
  state: CellState;
  outputs: Output[];
  executionCount: number;
  lastRunMs: number | null;
  updatedAt: string;
  /** Why the cell last ran or went stale, e.g. "A.x changed". */
  reason?: string | null;
  /** Analysis messages: unbound reads ("name not defined by any cell above"), compile diagnostics, cycles. */
  problems?: CellProblem[];
  /** Set while someone holds the cell's lock: only they may change it; admins may unlock. */
  lock?: CellLock | null;
  /** While the cell runs: the run its outputs so far come from, and how many of that run's output events they hold. */
  runId?: string | null;
  outputSequence?: number | null;
}

export interface CellLock {
  userId: string;
  name: string;
  lockedAt: string;
}

/** Line and column are 1-based inside the cell when known. */
export interface CellProblem {
  code: string;
  message: string;
  isError: boolean;
  line?: number | null;
  column?: number | null;
}

export interface Project {
  id: string;
  name: string;
  reactive: boolean;
  /** The workspace holding the project and the caller's role in it (absent on servers without workspaces). */
  workspaceId?: string;
  role?: Role;
  version?: number;
  createdAt?: string;
  updatedAt: string;
  cells?: Cell[];
}

export type InputWidget = "slider" | "number" | "text" | "dropdown" | "date" | "checkbox";
export type InputValue = string | number | boolean;

export interface InputConfig {
  name?: string;
  /** The widget (the kernel's name for it is "type"). */
  type?: InputWidget;
  /** Slider/number values become a long instead of a double. */
  integer?: boolean;
  value?: InputValue;
  label?: string;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
}

export type ChartMark = "bar" | "line" | "point" | "area" | "tick" | "arc";
export type ChartAggregate = "" | "sum" | "mean" | "count" | "min" | "max" | "median";

export interface ChartConfig {
  data?: string;
  mark?: ChartMark;
  x?: string;
  y?: string;
  color?: string;
  aggregate?: ChartAggregate;
}

export interface SqlConfig {
  resultName?: string;
}

export type CellConfig = InputConfig & ChartConfig & SqlConfig & Record<string, unknown>;

export interface RunAccepted {
  runId: string;
  cellIds: string[];
}

export interface GraphNode {
  cellId: string;
  reads: string[];
  writes: string[];
}
export interface GraphEdge {
  from: string;
  to: string;
  name: string;
  /** "mutation": the later cell changes a value the earlier one declared (a warning, drawn dashed).
   *  "package": the earlier cell's #r "nuget: …" directive loads a package the later cell uses (name: the package id). */
  kind?: "definition" | "mutation" | "package";
}
export interface UnboundRead {
  cellId: string;
  name: string;
  /** A cell below that defines the name (moving the reader under it would bind it). */
  definedBelowBy?: string | null;
  message?: string;
}
export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  cycles: string[][];
  unbound?: UnboundRead[];
}

/** One past run of a cell (the newest 20 are kept), with why it ran. */
export interface RunHistoryEntry {
  runId: string;
  cellId: string;
  reason: string;
  status: string;
  startedAt: string;
  durationMs: number;
  source: string;
  outputs: Output[];
}

export interface TableColumn {
  name: string;
  type: string;
}
export interface TablePage {
  columns: TableColumn[];
  rows: unknown[][];
  totalRows: number;
  cellId?: string;
  offset?: number;
}

/** A data file uploaded to a project; cells open it by name. */
export interface UploadedFile {
  name: string;
  size: number;
  contentType: string;
}

export interface NegotiateInfo {
  url: string;
  accessToken?: string | null;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** On 412: what is stored now. */
  current?: Cell;
}

// Realtime events pushed to the project's group.
export interface CellUpdatedEvent {
  cell: Cell;
  reason?: string | null;
}
export interface CellOutputEvent {
  cellId: string;
  runId: string;
  /** Orders outputs within the run. */
  sequence?: number;
  output: Output;
}
export interface RunFinishedEvent {
  runId: string;
  cellIds: string[];
  ms: number;
  /** Set when a newer run of the same cells replaced this queued one. */
  supersededBy?: string | null;
}
export interface ProjectChangedEvent {
  project: Project;
}

export type RealtimeEvent =
  | { kind: "cellUpdated"; body: CellUpdatedEvent }
  | { kind: "cellOutput"; body: CellOutputEvent }
  | { kind: "runFinished"; body: RunFinishedEvent }
  | { kind: "projectChanged"; body: ProjectChangedEvent }
  | { kind: "commentAdded"; body: { comment: CellComment } }
  | { kind: "commentUpdated"; body: { thread: Thread } }
  | { kind: "commentRemoved"; body: { threadId: string; commentId: string } }
  | { kind: "presenceChanged"; body: { projectId: string; viewers: Viewer[] } };

export const MIME = {
  text: "text/plain",
  html: "text/html",
  markdown: "text/markdown",
  png: "image/png",
  vegaLite: "application/vnd.vegalite.v5+json",
  table: "application/vnd.sept.table+json",
} as const;

// People (issue 8): identity, workspaces, comments, presence, version history.
export type Role = "admin" | "editor" | "viewer";

export interface AuthSettings {
  mode: "local" | "entra" | "dev";
  clientId?: string;
  authority?: string;
  scopes?: string[];
}
export interface PublicConfig {
  auth: AuthSettings;
}

export interface Person {
  id: string;
  name: string;
  email: string;
}
export interface Workspace {
  id: string;
  slug: string;
  name: string;
  role: Role;
  createdAt?: string;
  version?: number;
}
export interface Me extends Person {
  workspaces: Workspace[];
}
export interface Member {
  email: string;
  userId?: string | null;
  name: string;
  role: Role;
  addedAt: string;
}

export interface CellComment {
  id: string;
  threadId: string;
  cellId: string;
  author: Person;
  body: string;
  mentions: Array<{ email: string; name: string }>;
  createdAt: string;
  editedAt?: string | null;
}
export interface Thread {
  id: string;
  cellId: string;
  resolved: boolean;
  resolvedBy?: Person | null;
  resolvedAt?: string | null;
  comments: CellComment[];
}

export interface Viewer {
  sessionId: string;
  user: Person;
  cellId?: string | null;
  lastSeen: string;
}

export type VersionKind = "manual" | "auto" | "restore";
export interface VersionSummary {
  id: string;
  name?: string | null;
  kind: VersionKind;
  author: Person;
  createdAt: string;
  cellCount: number;
}
export interface VersionCell {
  id: string;
  kind: CellKind;
  source: string;
  config: CellConfig | null;
  order: string | number;
}
export interface Version extends VersionSummary {
  projectName: string;
  reactive: boolean;
  cells: VersionCell[];
}
export type CellChange = "added" | "removed" | "changed" | "moved" | "unchanged";
export interface DiffLine {
  op: " " | "+" | "-";
  text: string;
}
export interface CellDiff {
  cellId: string;
  change: CellChange;
  kind: CellKind;
  before?: VersionCell | null;
  after?: VersionCell | null;
  lines?: DiffLine[] | null;
}
export interface VersionDiff {
  cells: CellDiff[];
}
export interface RestoreResult {
  project: Project;
  undoVersionId: string;
}

/** Editor language services (docs/api.md, "Editor"). Offsets are UTF-16; lines and columns 1-based. */
export interface TextRange { from: number; to: number; line: number; column: number; endLine: number; endColumn: number }
export interface DefiningCell { cellId: string; number: number }
export interface CompletionEntry { label: string; insert: string; kind: string; detail?: string | null; sortText: string; filterText: string; cell?: DefiningCell | null }
export interface CompletionList { from: number; to: number; items: CompletionEntry[] }
export interface HoverInfo { range: TextRange; signature: string; documentation?: string | null; cell?: DefiningCell | null }
export interface SignatureParameter { label: string; documentation?: string | null }
export interface SignatureEntry { prefix: string; parameters: SignatureParameter[]; suffix: string; documentation?: string | null }
export interface SignatureHelp { signatures: SignatureEntry[]; activeSignature: number; activeParameter: number }
export interface Definition { cellId: string; number: number; range: TextRange }
export interface EditorDiagnostic { id: string; message: string; severity: "error" | "warning"; range: TextRange }
export interface CellDiagnostics { cellId: string; errors: number; warnings: number; diagnostics: EditorDiagnostic[] }
