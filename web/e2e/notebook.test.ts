import { describe, expect, it } from "vitest";
import { SEPT_URL, apiCall, browserSuite, cellAt, newPage, openNotebook, screenshot, typeInto, type ApiProject } from "./harness";

const suite = browserSuite();
const project = suite.project;

describe("notebook in Chromium", () => {
  it("creates a project, adds a C# cell, runs it and shows the pushed output", async () => {
    const { context, page } = await newPage(suite.browser());
    await page.goto(`${SEPT_URL}/`);
    const name = `E2E create ${Date.now()}`;
    await page.getByLabel("New project name").fill(name);
    await page.getByRole("button", { name: "New project" }).click();
    await page.waitForURL(/\/p\/[^/]+$/);
    suite.track(page.url().split("/p/")[1]!);
    await page.locator('[data-live="connected"]').waitFor();

    await page.getByRole("button", { name: /^C# code/ }).click();
    await cellAt(page, 0).locator(".cm-content").waitFor();
    await page.keyboard.type('Console.WriteLine("hello from sept");');
    await page.keyboard.press("Shift+Enter");

    await expect.poll(() => cellAt(page, 0).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("hello from sept");
    await cellAt(page, 0).locator('.badge[data-state="success"]').waitFor();
    // Shift+Enter on the last cell adds a new cell below, as in Jupyter.
    await expect.poll(() => page.locator(".cell").count()).toBe(2);
    await screenshot(page, "create-run");
    await context.close();
  });

  it("marks dependents stale after an edit, and re-runs them in reactive mode", async () => {
    const p = await project("E2E reactive", false, [
      { kind: "code", source: "var x = 1;" },
      { kind: "code", source: 'var y = x * 2; Console.WriteLine($"y={y}");' },
    ]);
    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "▶ Run all" }).click();
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("y=2");

    // Not reactive: editing the writer marks the reader stale.
    await typeInto(page, 0, "var x = 3;");
    await cellAt(page, 0).locator(".cm-content").blur();
    await cellAt(page, 1).locator('.badge[data-state="stale"]').waitFor();

    // Reactive: running the writer re-runs the reader.
    await page.getByRole("switch").check();
    await expect.poll(async () => (await apiCall<ApiProject>("GET", `/api/projects/${p.id}`)).reactive).toBe(true);
    await typeInto(page, 0, "var x = 5;");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("y=10");
    await cellAt(page, 1).locator('.badge[data-state="success"]').waitFor();
    expect(await cellAt(page, 1).locator(".provenance").textContent()).toBe("Re-ran because x changed in cell 1");
    await screenshot(page, "reactive");
    await context.close();
  });

  it("re-runs a dependent when an input slider changes", async () => {
    const p = await project("E2E slider", true, [
      { kind: "input", source: "", config: { name: "n", type: "slider", value: 3, min: 0, max: 10, step: 1, integer: true } },
      { kind: "code", source: 'Console.WriteLine($"n*10={n * 10}");' },
    ]);
    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "▶ Run all" }).click();
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("n*10=30");

    const slider = cellAt(page, 0).getByRole("slider");
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("n*10=40");
    const stored = await apiCall<ApiProject>("GET", `/api/projects/${p.id}`);
    expect(stored.cells![0]!.config).toMatchObject({ value: 4 });
    await screenshot(page, "slider");
    await context.close();
  });

  it("shows a cell added in one browser in another within a second", async () => {
    const p = await project("E2E collab", false, [{ kind: "code", source: "var a = 1;" }]);
    const one = await newPage(suite.browser());
    const two = await newPage(suite.browser());
    await openNotebook(one.page, p.id);
    await openNotebook(two.page, p.id);
    expect(await two.page.locator(".cell").count()).toBe(1);

    const added = one.page.waitForResponse((r) => r.url().endsWith(`/api/projects/${p.id}/cells`) && r.request().method() === "POST");
    await one.page.getByRole("button", { name: "Add cell below cell 1: Markdown" }).click();
    await added;
    await two.page.locator(".cell").nth(1).waitFor({ timeout: 1000 });
    expect(await two.page.locator('.cell[data-kind="markdown"]').count()).toBe(1);
    await one.context.close();
    await two.context.close();
  });

  it("shows both versions on a 412 conflict and keeps the chosen one", async () => {
    const p = await project("E2E conflict", false, [{ kind: "code", source: "var v = 0;" }]);
    const mine = await newPage(suite.browser());
    const theirs = await newPage(suite.browser());
    await openNotebook(mine.page, p.id);
    await openNotebook(theirs.page, p.id);

    // Hold my save until the other editor has saved, so mine is based on the old version.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let held = false;
    await mine.page.route(`**/api/projects/${p.id}/cells/*`, async (route) => {
      if (route.request().method() === "PATCH" && !held) {
        held = true;
        await released;
      }
      await route.continue();
    });
    await typeInto(mine.page, 0, "var v = 1; // mine");
    await expect.poll(() => held).toBe(true);

    await typeInto(theirs.page, 0, "var v = 2; // theirs");
    await theirs.page.locator('[data-save="saved"]').waitFor();
    await expect.poll(async () => (await apiCall<ApiProject>("GET", `/api/projects/${p.id}`)).cells![0]!.source).toBe("var v = 2; // theirs");
    release();

    const conflict = mine.page.getByRole("alert", { name: "Edit conflict" });
    await conflict.waitFor();
    expect(await conflict.locator('[data-side="mine"]').textContent()).toBe("var v = 1; // mine");
    expect(await conflict.locator('[data-side="theirs"]').textContent()).toBe("var v = 2; // theirs");
    await screenshot(mine.page, "conflict");
    await conflict.getByRole("button", { name: "Keep mine" }).click();
    await mine.page.locator('[data-save="saved"]').waitFor();
    await expect.poll(async () => (await apiCall<ApiProject>("GET", `/api/projects/${p.id}`)).cells![0]!.source).toBe("var v = 1; // mine");
    // The other editor sees the kept version pushed to it.
    await expect.poll(() => cellAt(theirs.page, 0).locator(".cm-content").textContent()).toBe("var v = 1; // mine");
    await mine.context.close();
    await theirs.context.close();
  });

  it("imports a .ipynb through the file picker and exports it again", async () => {
    const { context, page } = await newPage(suite.browser());
    await page.goto(`${SEPT_URL}/`);
    const notebook = {
      nbformat: 4, nbformat_minor: 5, metadata: {},
      cells: [
        { cell_type: "markdown", metadata: {}, source: ["# Imported notes"] },
        { cell_type: "code", metadata: {}, execution_count: null, outputs: [], source: ["var imported = 7;"] },
      ],
    };
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Import…" }).click();
    await (await chooser).setFiles({ name: "e2e-import.ipynb", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(notebook)) });
    await page.waitForURL(/\/p\/[^/]+$/);
    const id = page.url().split("/p/")[1]!;
    suite.track(id);
    await page.locator('.cell[data-kind="code"]').waitFor();
    expect(await page.locator(".markdown-preview h1").textContent()).toBe("Imported notes");

    await page.getByText("Export ▾").click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: /C# file/ }).click();
    const path = await (await download).path();
    const text = await (await import("node:fs/promises")).readFile(path, "utf8");
    expect(text).toContain("var imported = 7;");
    await context.close();
  });

  it("renames and deletes a project from the list, with a confirmation", async () => {
    const p = await project("E2E list", false);
    const { context, page } = await newPage(suite.browser());
    await page.goto(`${SEPT_URL}/`);
    await page.getByRole("link", { name: p.name }).waitFor();
    await screenshot(page, "project-list");
    await page.getByRole("button", { name: `Rename ${p.name}` }).click();
    const renamed = `${p.name} renamed`;
    await page.getByLabel("Project name", { exact: true }).fill(renamed);
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: renamed }).waitFor();
    expect((await apiCall<ApiProject>("GET", `/api/projects/${p.id}`)).name).toBe(renamed);

    await page.getByRole("button", { name: `Delete ${renamed}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.getByRole("link", { name: renamed }).waitFor({ state: "detached" });
    const gone = await fetch(`${SEPT_URL}/api/projects/${p.id}`);
    expect(gone.status).toBe(404);
    await context.close();
  });
});
