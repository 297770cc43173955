import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SEPT_URL, apiCall, browserSuite, cellAt, newPage, openNotebook, screenshot, type ApiProject } from "./harness";

const suite = browserSuite();

/** A slider `n`, a SQL query of the first n squares bound to {n}, and a bar chart of its result. */
const squares = [
  { kind: "input", source: "", config: { name: "n", type: "slider", value: 3, min: 1, max: 10, step: 1, integer: true } },
  { kind: "sql", source: "SELECT concat('#', i) AS label, i * i AS square FROM range(1, 11) t(i) WHERE i <= {n} ORDER BY i", config: { resultName: "squares" } },
  { kind: "chart", source: "", config: { data: "squares", mark: "bar", x: "label", y: "square" } },
];

/** The rows of the result table inside `scope` as "label,square" text (row numbers left out). */
async function tableRows(scope: Locator): Promise<string[]> {
  return scope.locator(".table-output tbody tr").evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("td:not(.row-number)")].map((td) => td.textContent).join(",")));
}

/** How many bars the Vega chart inside `scope` drew (one SVG path per data item in the rect mark). */
async function bars(scope: Locator): Promise<number> {
  return scope.locator(".chart-output svg.marks .mark-rect path").count();
}

async function moveSlider(page: Page, slider: Locator): Promise<void> {
  await slider.focus();
  await page.keyboard.press("ArrowRight");
}

describe("data and apps in Chromium", () => {
  it("re-runs a SQL query bound to a slider and redraws its chart", async () => {
    const p = await suite.project("E2E input-sql-chart", true, squares);
    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "▶ Run all" }).click();

    await expect.poll(() => tableRows(cellAt(page, 1)), { timeout: 30_000 }).toEqual(["#1,1", "#2,4", "#3,9"]);
    await cellAt(page, 2).locator(".chart-output svg.marks").waitFor();
    await expect.poll(() => bars(cellAt(page, 2))).toBe(3);
    await screenshot(page, "notebook-outputs", { fullPage: true });

    await moveSlider(page, cellAt(page, 0).getByRole("slider"));
    await expect.poll(() => tableRows(cellAt(page, 1)), { timeout: 30_000 }).toEqual(["#1,1", "#2,4", "#3,9", "#4,16"]);
    await expect.poll(() => bars(cellAt(page, 2)), { timeout: 30_000 }).toBe(4);
    await cellAt(page, 2).locator('.badge[data-state="success"]').waitFor();

    await page.getByRole("button", { name: "Graph" }).click();
    const graph = page.getByRole("complementary", { name: "Dependency graph" });
    await graph.locator(".graph-edge").first().waitFor();
    expect(await graph.locator(".graph-edge").count()).toBe(2); // n → SQL → chart
    await screenshot(page, "dependency-graph");
    await context.close();
  });

  it("stops an endless loop and runs the next cell afterwards", async () => {
    const p = await suite.project("E2E interrupt", false, [
      { kind: "code", source: "while (true) { }" },
      { kind: "code", source: 'Console.WriteLine("still alive");' },
    ]);
    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "Run cell 1" }).click();
    await cellAt(page, 0).locator('.badge[data-state="running"]').waitFor();

    await page.getByRole("button", { name: "Stop: interrupt the running cell" }).click();
    await cellAt(page, 0).locator('.badge:not([data-state="running"]):not([data-state="queued"])').waitFor({ timeout: 15_000 });
    expect(["stale", "error", "idle"]).toContain(await cellAt(page, 0).locator(".badge").getAttribute("data-state"));

    await page.getByRole("button", { name: "Run cell 2" }).click();
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("still alive");
    await cellAt(page, 1).locator('.badge[data-state="success"]').waitFor();
    await context.close();
  });

  it("shows the app view without code, and an input there re-runs what depends on it", async () => {
    const p = await suite.project("E2E app view", true, [
      { kind: "markdown", source: "# Squares app" },
      ...squares,
      { kind: "code", source: 'var hidden = "code stays out of the app";' },
    ]);
    await apiCall("POST", `/api/projects/${p.id}/runs`, { mode: "all" });
    const { context, page } = await newPage(suite.browser());
    await page.goto(`${SEPT_URL}/p/${p.id}/app`);
    const app = page.getByRole("main", { name: "App" });

    await expect.poll(() => tableRows(app), { timeout: 30_000 }).toEqual(["#1,1", "#2,4", "#3,9"]);
    await expect.poll(() => bars(app), { timeout: 30_000 }).toBe(3);
    expect(await app.locator("h1").textContent()).toBe("Squares app");
    expect(await page.locator(".cm-editor").count()).toBe(0);
    expect(await page.getByText("code stays out of the app").count()).toBe(0);
    expect(await page.locator(".chart-form").count()).toBe(0);

    await moveSlider(page, app.getByRole("slider"));
    await expect.poll(() => tableRows(app), { timeout: 30_000 }).toEqual(["#1,1", "#2,4", "#3,9", "#4,16"]);
    await expect.poll(() => bars(app), { timeout: 30_000 }).toBe(4);
    const stored = await apiCall<ApiProject>("GET", `/api/projects/${p.id}`);
    expect(stored.cells![1]!.config).toMatchObject({ value: 4 });
    await screenshot(page, "app-view");
    await context.close();
  });
});
