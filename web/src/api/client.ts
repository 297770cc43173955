import { NdjsonParser, type AskAssistant, type AssistantMessage, type AssistantStatus, type Proposal, type StreamEvent } from "../state/assistant";
import type {
  Cell, CellComment, CellConfig, CellDiagnostics, CellKind, CompletionList, Definition, DependencyGraph, HoverInfo, SignatureHelp, Me, Member, NegotiateInfo, Problem, Project, PublicConfig, RestoreResult, Role,
  RunAccepted, RunHistoryEntry, RunMode, TablePage, Thread, UploadedFile, Version, VersionDiff, VersionSummary, Viewer, Workspace,
} from "../types";

/** An HTTP outcome as a value: status 0 means the server could not be reached. */
export type ApiResult<T> = { ok: true; value: T; status: number } | { ok: false; status: number; problem: Problem };

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Reports whether the last request reached the server (drives the offline banner). */
export type ReachabilityListener = (reachable: boolean) => void;

/** The signed-in user's bearer token (null: none, e.g. local mode). */
export type TokenSource = () => Promise<string | null>;

export class ApiClient {
  private listeners = new Set<ReachabilityListener>();
  private unauthorized = new Set<() => void>();
  private token: TokenSource = async () => null;
  private lastToken: string | null = null;

  constructor(private readonly fetchFn: FetchLike = (i, init) => fetch(i, init), private readonly base = "") {}

  onReachability(listener: ReachabilityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every request carries `Authorization: Bearer` from this source. */
  useToken(source: TokenSource): void {
    this.token = source;
  }

  /** Called on a 401: the sign-in has expired or was never valid. */
  onUnauthorized(listener: () => void): () => void {
    this.unauthorized.add(listener);
    return () => this.unauthorized.delete(listener);
  }

  /** The bearer token for requests made outside this client (SignalR, downloads). */
  bearer(): Promise<string | null> {
    return this.token().catch(() => null);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, options: { keepalive?: boolean; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
    const init: RequestInit = { method, headers: { Accept: "application/json", ...headers } };
    if (options.keepalive) init.keepalive = true;
    if (options.signal) init.signal = options.signal;
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    // A keepalive request is sent while the page unloads: no awaiting the sign-in, the last token does.
    const token = options.keepalive ? this.lastToken : await this.bearer();
    if (token) (init.headers as Record<string, string>).Authorization = `Bearer ${token}`;
    this.lastToken = token;
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, init);
    } catch (error) {
      // A request the caller cancelled (a superseded completion) says nothing about the server.
      if (options.signal?.aborted) return { ok: false, status: 0, problem: { title: "Cancelled" } };
      this.notify(false);
      return { ok: false, status: 0, problem: { title: "Server unreachable", detail: String(error) } };
    }
    this.notify(response.status < 502 || response.status > 504);
    if (response.status === 401 && path !== "/api/config") for (const l of this.unauthorized) l();
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (response.ok) return { ok: true, value: parsed as T, status: response.status };
    const problem: Problem = typeof parsed === "object" && parsed !== null ? (parsed as Problem) : { title: text || response.statusText };
    return { ok: false, status: response.status, problem: { status: response.status, ...problem } };
  }

  listProjects(workspaceId?: string | null) {
    return this.request<Project[]>("GET", workspaceId ? `/api/projects?workspaceId=${encodeURIComponent(workspaceId)}` : "/api/projects");
  }
  createProject(name: string, workspaceId?: string | null) {
    return this.request<Project>("POST", "/api/projects", workspaceId ? { name, workspaceId } : { name });
  }
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

  lockCell(projectId: string, cellId: string, locked: boolean) {
    return this.request<Cell>(locked ? "PUT" : "DELETE", `/api/projects/${projectId}/cells/${cellId}/lock`);
  }

  run(projectId: string, mode: RunMode, cellIds?: string[]) {
    return this.request<RunAccepted>("POST", `/api/projects/${projectId}/runs`, cellIds ? { mode, cellIds } : { mode });
  }
  interrupt(projectId: string) { return this.request<void>("POST", `/api/projects/${projectId}/kernel/interrupt`); }
  restart(projectId: string) { return this.request<void>("POST", `/api/projects/${projectId}/kernel/restart`); }

  runHistory(projectId: string, cellId: string) {
    return this.request<RunHistoryEntry[]>("GET", `/api/projects/${projectId}/cells/${cellId}/runs`);
  }
  /** Editor services at a position of a C# cell; `source` is the editor's unsaved text. 204 reads as null. */
  editorFeature<T>(projectId: string, cellId: string, feature: "completions" | "hover" | "signature" | "definition", position: number, source: string, signal?: AbortSignal) {
    return this.request<T | undefined>("POST", `/api/projects/${projectId}/cells/${cellId}/${feature}`, { position, source }, {}, { signal });
  }
  completions(projectId: string, cellId: string, position: number, source: string, signal?: AbortSignal) {
    return this.editorFeature<CompletionList>(projectId, cellId, "completions", position, source, signal);
  }
  hover(projectId: string, cellId: string, position: number, source: string, signal?: AbortSignal) {
    return this.editorFeature<HoverInfo>(projectId, cellId, "hover", position, source, signal);
  }
  signature(projectId: string, cellId: string, position: number, source: string, signal?: AbortSignal) {
    return this.editorFeature<SignatureHelp>(projectId, cellId, "signature", position, source, signal);
  }
  definition(projectId: string, cellId: string, position: number, source: string, signal?: AbortSignal) {
    return this.editorFeature<Definition>(projectId, cellId, "definition", position, source, signal);
  }
  diagnostics(projectId: string, signal?: AbortSignal) {
    return this.request<{ cells: CellDiagnostics[] }>("GET", `/api/projects/${projectId}/diagnostics`, undefined, {}, { signal });
  }
  graph(projectId: string) { return this.request<DependencyGraph>("GET", `/api/projects/${projectId}/graph`); }
  tablePage(projectId: string, cellId: string, offset: number, limit: number) {
    return this.request<TablePage>("GET", `/api/projects/${projectId}/cells/${cellId}/result?offset=${offset}&limit=${limit}`);
  }

  exportUrl(projectId: string, format: ExportFormat) {
    const published = PUBLISHED[format];
    return published ? `${this.base}/api/projects/${projectId}/export/${published}` : `${this.base}/api/projects/${projectId}/export?format=${format}`;
  }
  importFile(file: File, workspaceId?: string | null) {
    const form = new FormData();
    form.append("file", file, file.name);
    return this.request<Project>("POST", workspaceId ? `/api/projects/import?workspaceId=${encodeURIComponent(workspaceId)}` : "/api/projects/import", form);
  }

  /** Fetches a file with the bearer token and hands it to the browser as a download (links can't carry the header). */
  async download(url: string, fallbackName: string): Promise<ApiResult<void>> {
    const token = await this.bearer();
    let response: Response;
    try {
      response = await this.fetchFn(url, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    } catch (error) {
      return { ok: false, status: 0, problem: { title: "Server unreachable", detail: String(error) } };
    }
    if (!response.ok) return { ok: false, status: response.status, problem: { status: response.status, title: response.statusText || "Download failed" } };
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
    const href = URL.createObjectURL(await response.blob());
    const a = document.createElement("a");
    a.href = href;
    a.download = decodeURIComponent(name);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return { ok: true, value: undefined, status: response.status };
  }

  listFiles(projectId: string) { return this.request<UploadedFile[]>("GET", `/api/projects/${projectId}/files`); }
  uploadFiles(projectId: string, files: File[]) {
    const form = new FormData();
    for (const f of files) form.append("file", f, f.name);
    return this.request<UploadedFile[]>("POST", `/api/projects/${projectId}/files`, form);
  }
  fileUrl(projectId: string, name: string) { return `${this.base}/api/projects/${projectId}/files/${encodeURIComponent(name)}`; }

  negotiate(projectId: string) { return this.request<NegotiateInfo>("POST", `/api/negotiate?projectId=${encodeURIComponent(projectId)}`); }
  subscribe(projectId: string, connectionId: string, sessionId?: string) {
    return this.request<void>("POST", `/api/projects/${projectId}/subscriptions`, { connectionId, ...(sessionId ? { sessionId } : {}) });
  }

  // People: config, identity, workspaces, members.
  config() { return this.request<PublicConfig>("GET", "/api/config"); }
  me() { return this.request<Me>("GET", "/api/me"); }
  listWorkspaces() { return this.request<Workspace[]>("GET", "/api/workspaces"); }
  createWorkspace(name: string, slug?: string) {
    return this.request<Workspace>("POST", "/api/workspaces", slug ? { name, slug } : { name });
  }
  getWorkspace(id: string) { return this.request<Workspace>("GET", `/api/workspaces/${id}`); }
  members(workspaceId: string) { return this.request<Member[]>("GET", `/api/workspaces/${workspaceId}/members`); }
  addMember(workspaceId: string, member: { email: string; role: Role; name?: string }) {
    return this.request<Member>("POST", `/api/workspaces/${workspaceId}/members`, member);
  }
  setMemberRole(workspaceId: string, email: string, role: Role) {
    return this.request<Member>("PATCH", `/api/workspaces/${workspaceId}/members/${encodeURIComponent(email)}`, { role });
  }
  removeMember(workspaceId: string, email: string) {
    return this.request<void>("DELETE", `/api/workspaces/${workspaceId}/members/${encodeURIComponent(email)}`);
  }

  // Comments.
  comments(projectId: string) { return this.request<Thread[]>("GET", `/api/projects/${projectId}/comments`); }
  addComment(projectId: string, comment: { cellId: string; body: string; threadId?: string; mentions?: string[] }) {
    return this.request<CellComment>("POST", `/api/projects/${projectId}/comments`, comment);
  }
  editComment(projectId: string, commentId: string, body: string, mentions?: string[]) {
    return this.request<CellComment>("PATCH", `/api/projects/${projectId}/comments/${commentId}`, mentions ? { body, mentions } : { body });
  }
  deleteComment(projectId: string, commentId: string) {
    return this.request<void>("DELETE", `/api/projects/${projectId}/comments/${commentId}`);
  }
  resolveThread(projectId: string, threadId: string, resolved: boolean) {
    return this.request<Thread>("PATCH", `/api/projects/${projectId}/threads/${threadId}`, { resolved });
  }

  // Presence.
  heartbeat(projectId: string, sessionId: string, cellId: string | null) {
    return this.request<Viewer[]>("PUT", `/api/projects/${projectId}/presence/${sessionId}`, cellId ? { cellId } : {});
  }
  /** Leaving; when the page unloads, keepalive lets the request outlive it. */
  leave(projectId: string, sessionId: string, keepalive = true) {
    return this.request<void>("DELETE", `/api/projects/${projectId}/presence/${sessionId}`, undefined, {}, { keepalive });
  }

  // Version history.
  versions(projectId: string) { return this.request<VersionSummary[]>("GET", `/api/projects/${projectId}/versions`); }
  saveVersion(projectId: string, name: string) { return this.request<VersionSummary>("POST", `/api/projects/${projectId}/versions`, { name }); }
  version(projectId: string, versionId: string) { return this.request<Version>("GET", `/api/projects/${projectId}/versions/${versionId}`); }
  versionDiff(projectId: string, versionId: string) { return this.request<VersionDiff>("GET", `/api/projects/${projectId}/versions/${versionId}/diff`); }
  restoreVersion(projectId: string, versionId: string) {
    return this.request<RestoreResult>("POST", `/api/projects/${projectId}/versions/${versionId}/restore`);
  }

  // The notebook assistant (docs/api.md, "Assistant").
  assistantStatus() { return this.request<AssistantStatus>("GET", "/api/assistant"); }
  assistantMessages(projectId: string) { return this.request<AssistantMessage[]>("GET", `/api/projects/${projectId}/assistant/messages`); }
  clearAssistant(projectId: string) { return this.request<void>("DELETE", `/api/projects/${projectId}/assistant/messages`); }
  acceptProposal(projectId: string, proposalId: string) {
    return this.request<{ proposal: Proposal; cellId: string }>("POST", `/api/projects/${projectId}/assistant/proposals/${proposalId}/accept`);
  }
  rejectProposal(projectId: string, proposalId: string) {
    return this.request<{ proposal: Proposal }>("POST", `/api/projects/${projectId}/assistant/proposals/${proposalId}/reject`);
  }

  /**
   * Asks the assistant; each NDJSON line is handed to onEvent as it arrives. Resolves when the stream ends:
   * ok (done, error line or the caller aborted) or the request's problem (503 not configured, 429, 400).
   */
  async askAssistant(projectId: string, body: AskAssistant, onEvent: (e: StreamEvent) => void, signal: AbortSignal): Promise<ApiResult<void>> {
    const headers: Record<string, string> = { Accept: "application/x-ndjson", "Content-Type": "application/json" };
    const token = await this.bearer();
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.base}/api/projects/${projectId}/assistant/messages`, { method: "POST", headers, body: JSON.stringify(body), signal });
    } catch (error) {
      if (signal.aborted) return { ok: true, value: undefined, status: 0 };
      this.notify(false);
      return { ok: false, status: 0, problem: { title: "Server unreachable", detail: String(error) } };
    }
    this.notify(response.status < 502 || response.status > 504);
    if (!response.ok || !response.body) {
      const text = await response.text().catch(() => "");
      const parsed = text ? safeJson(text) : undefined;
      const problem: Problem = typeof parsed === "object" && parsed !== null ? (parsed as Problem) : { title: text || response.statusText };
      if (response.status === 401) for (const l of this.unauthorized) l();
      return { ok: false, status: response.status, problem: { status: response.status, ...problem } };
    }
    const parser = new NdjsonParser();
    const reader = response.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const e of parser.push(value)) onEvent(e);
      }
      for (const e of parser.end()) onEvent(e);
    } catch (error) {
      if (!signal.aborted) onEvent({ type: "error", title: "The answer was cut off.", detail: String(error) });
    }
    return { ok: true, value: undefined, status: response.status };
  }

  private notify(reachable: boolean) {
    for (const l of this.listeners) l(reachable);
  }
}

/** A failed request as a sentence for people: 403s say what the role allows, otherwise the problem's detail. */
export function problemMessage(r: { status: number; problem: Problem }, fallback: string): string {
  if (r.status === 403) return `Not allowed: ${r.problem.detail ?? "your role in this workspace does not permit this."}`;
  if (r.status === 0) return "The server could not be reached.";
  return r.problem.detail ?? r.problem.title ?? fallback;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const api = new ApiClient();

/** Export formats: notebook files, and published HTML/PDF (the notebook with or without code, or the app view). */
export type ExportFormat = "ipynb" | "cs" | "html" | "html-nocode" | "html-app" | "pdf" | "pdf-app";
const PUBLISHED: Partial<Record<ExportFormat, string>> = {
  html: "html", "html-nocode": "html?code=hide", "html-app": "html?view=app", pdf: "pdf?code=hide", "pdf-app": "pdf?view=app",
};
/** The file extension a download of this format gets when the server names none. */
export function exportExtension(format: ExportFormat): string {
  return format.startsWith("html") ? "html" : format.startsWith("pdf") ? "pdf" : format;
}
