import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiCall, browserSuite, cellAt, newPage, openNotebook, screenshot, type ApiProject } from "./harness";

const suite = browserSuite();

/** Markdown with HTML that must not survive, a C# line, a slider, 250 SQL rows bound to it and a bar chart of them. */
const report = [
  { kind: "markdown", source: "# Quarterly report\n\n<img src=x onerror=\"document.title='pwned'\"> <b>kept</b>" },
  { kind: "code", source: "Console.WriteLine(\"hello from C#\");" },
  { kind: "input", source: "", config: { name: "n", type: "slider", value: 3, min: 1, max: 10, step: 1, integer: true } },
  { kind: "sql", source: "SELECT concat('#', i) AS label, i * {n} AS scaled FROM range(0, 250) t(i)", config: { resultName: "rows" } },
  { kind: "chart", source: "", config: { data: "rows", mark: "bar", x: "label", y: "scaled" } },
];

async function ranReport(): Promise<ApiProject> {
  const p = await suite.project("E2E export", true, report);
  await apiCall("POST", `/api/projects/${p.id}/runs`, { mode: "all" });
  await expect.poll(async () => (await apiCall<ApiProject>("GET", `/api/projects/${p.id}`)).cells!.every((c) => c.state === "success"),
    { timeout: 120_000 }).toBe(true);
  return p;
}

/** Clicks an Export menu item and returns the downloaded file. */
async function exportAs(page: Page, item: RegExp): Promise<Buffer> {
  const menu = page.locator("details.menu", { has: page.getByText("Export ▾") });
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText("Export ▾").click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: item }).click();
  return readFile((await (await download).path())!);
}

describe("export and locks in Chromium", () => {
  it("exports one self-contained HTML file whose chart draws offline, and a PDF", async () => {
    const p = await ranReport();
    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    const html = (await exportAs(page, /HTML page with code/)).toString("utf8");
    expect(html).toContain("Console.WriteLine(&quot;hello from C#&quot;);");
    const content = html.split("<script>")[0]!; // before the inlined chart libraries
    expect(content).not.toContain("onerror");

    // Opened on its own, offline: the chart draws from the inlined libraries; nothing is fetched.
    const file = await newPage(suite.browser());
    const requests: string[] = [];
    file.page.on("request", (r) => { if (!r.url().startsWith("data:")) requests.push(r.url()); });
    await file.context.setOffline(true);
    await file.page.setContent(html, { waitUntil: "load" });
    await file.page.locator("figure.chart[data-rendered] svg .mark-rect path").first().waitFor({ state: "attached" });
    expect(await file.page.locator("figure.chart svg .mark-rect path").count()).toBeGreaterThanOrEqual(100);
    expect(await file.page.locator(".table-count").first().textContent()).toBe("First 100 of 250 rows");
    expect(await file.page.locator(".markdown b").textContent()).toBe("kept");
    expect(await file.page.title()).not.toBe("pwned");
    expect(requests).toEqual([]);
    await screenshot(file.page, "export-html", { fullPage: true });
    await file.context.close();

    const app = (await exportAs(page, /App view as HTML/)).toString("utf8");
    expect(app).not.toContain("Console.WriteLine");
    expect(app).not.toContain("hello from C#");
    const pdf = await exportAs(page, /PDF, code hidden/);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await context.close();
  }, 180_000); // a fresh kernel, a run of all cells and a Chromium print

  it("shows a lock in every open tab as it happens, and unlocks again", async () => {
    const p = await suite.project("E2E locks", true, [{ kind: "code", source: "var locked = 1;" }]);
    const one = await newPage(suite.browser());
    const two = await newPage(suite.browser());
    await openNotebook(one.page, p.id);
    await openNotebook(two.page, p.id);
    await cellAt(one.page, 0).getByRole("button", { name: "Lock cell 1" }).click();
    await cellAt(two.page, 0).locator(".cell-lock").waitFor({ timeout: 5_000 });
    expect(await cellAt(two.page, 0).locator(".cell-lock").textContent()).toContain("Locked by you");
    await screenshot(two.page, "cell-locked");
    await cellAt(two.page, 0).getByRole("button", { name: "Unlock cell 1" }).click();
    await cellAt(one.page, 0).locator(".cell-lock").waitFor({ state: "detached", timeout: 5_000 });
    expect((await apiCall<{ cells: Array<{ lock?: unknown }> }>("GET", `/api/projects/${p.id}`)).cells[0]!.lock ?? null).toBeNull();
    await one.context.close();
    await two.context.close();
  });
});

