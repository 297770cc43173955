import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page, Request } from "playwright-core";
import { launch, screenshot } from "./harness";
import { DEV_KEY, JWT_URL, apiAs, signedInPage, testUser } from "./people";

interface Project { id: string; role?: string; cells?: Array<{ id: string; source: string; version: number }> }

// Runs against the Jwt-mode instance (SEPT_JWT_URL + SEPT_DEV_KEY, set by scripts/lib/e2e.sh); skipped without it.
describe.skipIf(!JWT_URL || !DEV_KEY)("people in Chromium (Jwt dev-key mode)", () => {
  const run = `${Date.now()}`;
  const admin = testUser("admin", run);
  const editor = testUser("editor", run);
  const viewer = testUser("viewer", run);
  let browser: Browser;
  let workspaceId = "";
  let project: Project;

  beforeAll(async () => {
    const health = await fetch(`${JWT_URL}/api/health`).catch(() => null);
    if (!health?.ok) throw new Error(`No Jwt-mode Sept at ${JWT_URL}.`);
    const config = await (await fetch(`${JWT_URL}/api/config`)).json() as { auth: { mode: string } };
    if (config.auth.mode !== "dev") throw new Error(`${JWT_URL} is in "${config.auth.mode}" sign-in mode, not "dev".`);
    const ws = await apiAs<{ id: string }>(admin, "POST", "/api/workspaces", { name: `E2E team ${run}`, slug: `e2e-${run}` });
    workspaceId = ws.id;
    await apiAs(admin, "POST", `/api/workspaces/${workspaceId}/members`, { email: editor.email, role: "editor", name: editor.name });
    await apiAs(admin, "POST", `/api/workspaces/${workspaceId}/members`, { email: viewer.email, role: "viewer", name: viewer.name });
    const p = await apiAs<Project>(admin, "POST", "/api/projects", { name: `E2E people ${run}`, workspaceId });
    await apiAs(admin, "POST", `/api/projects/${p.id}/cells`, { kind: "code", source: "var shared = 1;", afterCellId: null });
    project = await apiAs<Project>(admin, "GET", `/api/projects/${p.id}`);
    browser = await launch();
  });

  afterAll(async () => {
    await browser?.close();
    if (project) await apiAs(admin, "DELETE", `/api/projects/${project.id}`).catch(() => undefined);
    if (workspaceId) await apiAs(admin, "DELETE", `/api/workspaces/${workspaceId}`).catch(() => undefined);
  });

  const open = async (page: Page) => {
    await page.goto(`${JWT_URL}/p/${project.id}`);
    await page.locator('[data-live="connected"]').waitFor();
  };
  const patchesOf = (page: Page) => {
    const sent: Request[] = [];
    page.on("request", (r) => { if (r.method() === "PATCH" && r.url().includes(`/api/projects/${project.id}/cells/`)) sent.push(r); });
    return sent;
  };

  it("signs in with a pasted dev token; a viewer gets a read-only notebook while an editor can edit", async () => {
    // The viewer signs in through the paste screen.
    const v = await signedInPage(browser, null);
    await v.page.goto(`${JWT_URL}/p/${project.id}`);
    await v.page.getByLabel("Token").fill(viewer.token);
    await screenshot(v.page, "dev-sign-in");
    await v.page.getByRole("button", { name: "Sign in" }).click();
    await v.page.locator('[data-live="connected"]').waitFor();
    expect(await v.page.evaluate(() => localStorage.getItem("sept.devToken"))).toBe(viewer.token);
    await v.page.locator(".view-only").waitFor();
    expect(await v.page.locator(".user-button .user-name").textContent()).toBe(viewer.name);

    const viewerPatches = patchesOf(v.page);
    const code = v.page.locator(".cell").first().locator(".cm-content");
    expect(await code.getAttribute("contenteditable")).toBe("false");
    for (const name of ["Run cell 1", "Delete cell 1", "Move cell 1 up", "▶ Run all", "Restart"]) {
      expect(await v.page.getByRole("button", { name, exact: true }).count(), name).toBe(0);
    }
    expect(await v.page.locator(".add-bar").count()).toBe(0);
    // Typing and the run shortcuts do nothing: no PATCH leaves the page, the stored source is unchanged.
    await code.click();
    await v.page.keyboard.type("hacked();");
    await v.page.keyboard.press("Shift+Enter");
    await v.page.keyboard.press("Escape");
    await v.page.keyboard.press("b");
    expect(await code.textContent()).toBe("var shared = 1;");
    expect(await v.page.locator(".cell").count()).toBe(1);
    await screenshot(v.page, "viewer-readonly");

    // The editor, in another context, can type, and the edit is saved.
    const e = await signedInPage(browser, editor);
    await open(e.page);
    expect(await e.page.locator(".view-only").count()).toBe(0);
    const editorPatches = patchesOf(e.page);
    const editorCode = e.page.locator(".cell").first().locator(".cm-content");
    expect(await editorCode.getAttribute("contenteditable")).toBe("true");
    await e.page.getByRole("button", { name: "Run cell 1", exact: true }).waitFor({ state: "attached" });
    await editorCode.click();
    await e.page.keyboard.press("End");
    await e.page.keyboard.type(" // edited");
    await e.page.locator('[data-save="saved"]').waitFor();
    await expect.poll(async () => (await apiAs<Project>(admin, "GET", `/api/projects/${project.id}`)).cells![0]!.source).toBe("var shared = 1; // edited");
    expect(editorPatches.length).toBeGreaterThan(0);
    // The viewer sees the editor's change pushed live, and still sent nothing.
    await expect.poll(() => code.textContent()).toBe("var shared = 1; // edited");
    expect(viewerPatches).toHaveLength(0);
    await v.context.close();
    await e.context.close();
  });

  it("shows two users each other's presence, the cell being edited, and a comment live", async () => {
    const ada = await signedInPage(browser, editor);
    const bob = await signedInPage(browser, viewer);
    await open(ada.page);
    await open(bob.page);

    // Each sees the other's avatar in the notebook header.
    await ada.page.locator(`.presence-bar [data-user="${viewer.email}"]`).waitFor();
    await bob.page.locator(`.presence-bar [data-user="${editor.email}"]`).waitFor();

    // Ada edits cell 1: Bob sees her initials on it.
    await ada.page.locator(".cell").first().locator(".cm-content").click();
    await bob.page.locator(`.cell .cell-editors [data-user="${editor.email}"]`).waitFor();

    // Bob (a viewer) comments on cell 1 and mentions Ada through the picker.
    await bob.page.getByRole("button", { name: "Comment on cell 1" }).click();
    const box = bob.page.getByRole("textbox", { name: "Comment on cell 1" });
    await box.click();
    await bob.page.keyboard.type("Looks right to me, @Edi");
    await bob.page.getByRole("option", { name: new RegExp(editor.name) }).click();
    await bob.page.keyboard.type("can you run it?");
    const posted = bob.page.waitForResponse((r) => r.url().endsWith(`/api/projects/${project.id}/comments`) && r.request().method() === "POST");
    await bob.page.getByRole("button", { name: "Comment", exact: true }).click();
    const sent = await posted;
    expect(sent.status()).toBe(201);
    expect(JSON.parse(sent.request().postData() ?? "{}").mentions).toEqual([editor.email]);

    // Ada gets it live: the badge on cell 1, and the thread in the panel.
    const badge = ada.page.getByRole("button", { name: "1 comments on cell 1" });
    await badge.waitFor({ timeout: 10_000 });
    await badge.click();
    await ada.page.locator(".comments-panel .comment-body", { hasText: "Looks right to me" }).waitFor();
    expect(await ada.page.locator(".comments-panel .mention").textContent()).toBe(`@${editor.name}`);
    await screenshot(ada.page, "presence-comments");
    await screenshot(bob.page, "presence-comments-viewer");

    // Ada closes her tab: she leaves Bob's header within seconds.
    await ada.context.close();
    await bob.page.locator(`.presence-bar [data-user="${editor.email}"]`).waitFor({ state: "detached", timeout: 15_000 });
    await bob.context.close();
  });

  it("lets a newcomer without a workspace create one, and creates projects in the current workspace", async () => {
    const newcomer = testUser("newcomer", run);
    const n = await signedInPage(browser, newcomer);
    await n.page.goto(`${JWT_URL}/`);
    await n.page.getByRole("heading", { name: "No workspace yet" }).waitFor();
    await n.page.getByRole("button", { name: "New workspace" }).click();
    await n.page.getByLabel("Name", { exact: true }).fill(`Newcomer space ${run}`);
    await n.page.getByRole("button", { name: "Create" }).click();
    await n.page.getByRole("heading", { name: `Newcomer space ${run}` }).waitFor();
    const mine = await apiAs<Array<{ id: string; name: string; role: string }>>(newcomer, "GET", "/api/workspaces");
    expect(mine.map((w) => [w.name, w.role])).toEqual([[`Newcomer space ${run}`, "admin"]]);
    expect(await n.page.locator("#workspace-switcher").inputValue()).toBe(mine[0]!.id);

    await n.page.getByLabel("New project name").fill("Newcomer notebook");
    await n.page.getByRole("button", { name: "New project" }).click();
    await n.page.waitForURL(/\/p\/[^/]+$/);
    const id = n.page.url().split("/p/")[1]!;
    const created = await apiAs<Project & { workspaceId: string }>(newcomer, "GET", `/api/projects/${id}`);
    expect(created).toMatchObject({ workspaceId: mine[0]!.id, role: "admin" });
    await apiAs(newcomer, "DELETE", `/api/projects/${id}`);
    await apiAs(newcomer, "DELETE", `/api/workspaces/${mine[0]!.id}`);
    await n.context.close();
  });

  it("saves a named version, shows its diff against now, restores it and undoes the restore", async () => {
    const e = await signedInPage(browser, editor);
    await open(e.page);
    await e.page.getByRole("button", { name: "History", exact: true }).click();
    await e.page.getByLabel("Version name").fill("Before the change");
    await e.page.getByRole("button", { name: "Save version" }).click();
    const saved = e.page.locator(".version-list li", { hasText: "Before the change" });
    await saved.waitFor();
    const before = (await apiAs<Project>(admin, "GET", `/api/projects/${project.id}`)).cells![0]!.source;

    // Change the cell, then compare the saved version with now: one changed cell, old line "-", new line "+".
    const code = e.page.locator(".cell").first().locator(".cm-content");
    await code.click();
    await e.page.keyboard.press("ControlOrMeta+a");
    await e.page.keyboard.type("var shared = 2;");
    await e.page.locator('[data-save="saved"]').waitFor();
    await expect.poll(async () => (await apiAs<Project>(admin, "GET", `/api/projects/${project.id}`)).cells![0]!.source).toBe("var shared = 2;");
    await saved.getByRole("button").click();
    await e.page.locator(".version-source", { hasText: before }).waitFor();
    await e.page.getByRole("tab", { name: "Diff against current" }).click();
    await e.page.locator('.diff-cell[data-change="changed"]').waitFor();
    expect(await e.page.locator(".diff-cell .diff-del").first().textContent()).toContain(before);
    expect(await e.page.locator(".diff-cell .diff-add").first().textContent()).toContain("var shared = 2;");
    await screenshot(e.page, "history-diff");

    // Restore (confirmed): the editor shows the old source; Undo brings the change back.
    await e.page.getByRole("button", { name: "Restore…" }).click();
    await e.page.getByRole("dialog").getByRole("button", { name: "Restore" }).click();
    await expect.poll(() => code.textContent()).toBe(before);
    await e.page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => code.textContent()).toBe("var shared = 2;");
    expect((await apiAs<Project>(admin, "GET", `/api/projects/${project.id}`)).cells![0]!.source).toBe("var shared = 2;");
    await e.context.close();
  });
});
