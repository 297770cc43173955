import type { Role } from "../types";

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Whether a role reaches the needed one. No role (a server without workspaces) means full local access. */
export function atLeast(role: Role | null | undefined, needed: Role): boolean {
  return role == null || RANK[role] >= RANK[needed];
}

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", editor: "Editor", viewer: "Viewer" };
export const ROLES: Role[] = ["viewer", "editor", "admin"];
