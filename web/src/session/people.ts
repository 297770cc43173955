import { problemMessage, type ApiClient } from "../api/client";
import { Store } from "../state/store";
import type { Me, Workspace } from "../types";

/** Where the last chosen workspace is remembered. */
export const WORKSPACE_KEY = "sept.workspace";

/** A server without identity endpoints (before issue 8) has one local user. */
export const LOCAL_ME: Me = { id: "local", name: "You", email: "local@localhost", workspaces: [] };

/** The remembered workspace while I am still a member of it, else the first one. */
export function pickWorkspace(workspaces: Workspace[], remembered: string | null): Workspace | null {
  return workspaces.find((w) => w.id === remembered) ?? workspaces[0] ?? null;
}

/** Who I am and which workspace I'm in: read once at start, changed by the switcher. */
export class PeopleSession {
  readonly me = new Store<Me | null>(null);
  readonly workspaces = new Store<Workspace[]>([]);
  readonly current = new Store<Workspace | null>(null);
  /** False on a server without identity endpoints (then there is one implicit local workspace). */
  hasWorkspaces = false;

  constructor(private readonly api: ApiClient, private readonly storage: Pick<Storage, "getItem" | "setItem">) {}

  /** Reads /api/me; null when it worked, else a message. */
  async load(): Promise<string | null> {
    const r = await this.api.me();
    if (!r.ok && r.status !== 404) return problemMessage(r, "Could not read who you are.");
    const me = r.ok ? r.value : LOCAL_ME;
    this.hasWorkspaces = r.ok;
    this.me.set(me);
    this.setWorkspaces(me.workspaces ?? []);
    return null;
  }

  async refreshWorkspaces(): Promise<void> {
    const r = await this.api.listWorkspaces();
    if (r.ok) this.setWorkspaces(r.value);
  }

  select(id: string): void {
    const w = this.workspaces.value.find((x) => x.id === id);
    if (!w) return;
    this.storage.setItem(WORKSPACE_KEY, id);
    this.current.set(w);
  }

  /** Creates a workspace (I become its admin) and switches to it; null on success, else a message. */
  async createWorkspace(name: string, slug?: string): Promise<string | null> {
    const r = await this.api.createWorkspace(name, slug || undefined);
    if (!r.ok) return problemMessage(r, "Could not create the workspace.");
    this.setWorkspaces([...this.workspaces.value.filter((w) => w.id !== r.value.id), r.value]);
    this.select(r.value.id);
    return null;
  }

  private setWorkspaces(list: Workspace[]) {
    this.workspaces.set(list);
    this.current.set(pickWorkspace(list, this.current.value?.id ?? this.storage.getItem(WORKSPACE_KEY)));
  }
}
