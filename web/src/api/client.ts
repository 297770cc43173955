import type {
  Cell, CellConfig, CellKind, DependencyGraph, NegotiateInfo, Problem, Project, RunAccepted, RunHistoryEntry, RunMode, TablePage, UploadedFile,
} from "../types";

/** An HTTP outcome as a value: status 0 means the server could not be reached. */
export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; status: number; problem: Problem };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Reports whether the last request reached the server (drives the offline banner). */
export type ReachabilityListener = (reachable: boolean) => void;

export class ApiClient {
  private listeners = new Set<ReachabilityListener>();

  constructor(private readonly fetchFn: FetchLike = (i, init) => fetch(i, init), private readonly base = "") {}

  onReachability(listener: ReachabilityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResult<T>> {
    const init: RequestInit = { method, headers: { Accept: "application/json", ...headers } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, init);
    } catch (error) {
      this.notify(false);
      return { ok: false, status: 0, problem: { title: "Server unreachable", detail: String(error) } };
    }
    this.notify(response.status < 502 || response.status > 504);
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (response.ok) return { ok: true, value: parsed as T, status: response.status };
    const problem: Problem = typeof parsed === "object" && parsed !== null ? (parsed as Problem) : { title: text || response.statusText };
    return { ok: false, status: response.status, problem: { status: response.status, ...problem } };
  }

  listProjects() { return this.request<Project[]>("GET", "/api/projects"); }
  createProject(name: string) { return this.request<Project>("POST", "/api/projects", { name }); }
  getProject(id: string) { return this.request<Project>("GET", `/api/projects/${id}`); }
  patchProject(id: string, patch: { name?: string; reactive?: boolean }) {
    return this.request<Project>("PATCH", `/api/projects/${id}`, patch);
  }
  deleteProject(id: string) { return this.request<void>("DELETE", `/api/projects/${id}`); }

  addCell(projectId: string, cell: { kind: CellKind; source: string; afterCellId?: string | null; config?: CellConfig | null }) {
    return this.request<Cell>("POST", `/api/projects/${projectId}/cells`, cell);
  }
  patchCell(projectId: string, cellId: string, version: number, patch: { source?: string; config?: CellConfig | null }) {
    return this.request<Cell>("PATCH", `/api/projects/${projectId}/cells/${cellId}`, patch, { "If-Match": String(version) });
  }
  getCell(projectId: string, cellId: string) {
    return this.request<Cell>("GET", `/api/projects/${projectId}/cells/${cellId}`);
  }
  moveCell(projectId: string, cellId: string, afterCellId: string | null) {
    return this.request<Cell>("POST", `/api/projects/${projectId}/cells/${cellId}/move`, { afterCellId });
  }
  deleteCell(projectId: string, cellId: string) {
    return this.request<void>("DELETE", `/api/projects/${projectId}/cells/${cellId}`);
  }

  run(projectId: string, mode: RunMode, cellIds?: string[]) {
    return this.request<RunAccepted>("POST", `/api/projects/${projectId}/runs`, cellIds ? { mode, cellIds } : { mode });
  }
  interrupt(projectId: string) { return this.request<void>("POST", `/api/projects/${projectId}/kernel/interrupt`); }
  restart(projectId: string) { return this.request<void>("POST", `/api/projects/${projectId}/kernel/restart`); }

  runHistory(projectId: string, cellId: string) {
    return this.request<RunHistoryEntry[]>("GET", `/api/projects/${projectId}/cells/${cellId}/runs`);
  }
  graph(projectId: string) { return this.request<DependencyGraph>("GET", `/api/projects/${projectId}/graph`); }
  tablePage(projectId: string, cellId: string, offset: number, limit: number) {
    return this.request<TablePage>("GET", `/api/projects/${projectId}/cells/${cellId}/result?offset=${offset}&limit=${limit}`);
  }

  exportUrl(projectId: string, format: "ipynb" | "cs") { return `${this.base}/api/projects/${projectId}/export?format=${format}`; }
  importFile(file: File) {
    const form = new FormData();
    form.append("file", file, file.name);
    return this.request<Project>("POST", "/api/projects/import", form);
  }

  listFiles(projectId: string) { return this.request<UploadedFile[]>("GET", `/api/projects/${projectId}/files`); }
  uploadFiles(projectId: string, files: File[]) {
    const form = new FormData();
    for (const f of files) form.append("file", f, f.name);
    return this.request<UploadedFile[]>("POST", `/api/projects/${projectId}/files`, form);
  }
  fileUrl(projectId: string, name: string) { return `${this.base}/api/projects/${projectId}/files/${encodeURIComponent(name)}`; }

  negotiate(projectId: string) { return this.request<NegotiateInfo>("POST", `/api/negotiate?projectId=${encodeURIComponent(projectId)}`); }
  subscribe(projectId: string, connectionId: string) {
    return this.request<void>("POST", `/api/projects/${projectId}/subscriptions`, { connectionId });
  }

  private notify(reachable: boolean) {
    for (const l of this.listeners) l(reachable);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = new ApiClient();
