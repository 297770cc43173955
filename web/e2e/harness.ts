import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** The running Sept app under test (scripts/start serves web/dist and the API on one port). */
export const SEPT_URL = (process.env.SEPT_URL ?? "http://localhost:5100").replace(/\/$/, "");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

export async function newPage(browser: Browser, colorScheme: "light" | "dark" = "light"): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** JSON API calls for test setup (the UI paths are what the tests exercise). */
export async function apiCall<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await fetch(SEPT_URL + path, {
    method,
    headers: { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} -> ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ApiCell { id: string; version: number; source: string; state: string; config: Record<string, unknown> | null }
export interface ApiProject { id: string; name: string; reactive: boolean; cells?: ApiCell[] }

export async function createProject(name: string, reactive: boolean, cells: Array<{ kind: string; source: string; config?: unknown }> = []): Promise<ApiProject> {
  const project = await apiCall<ApiProject>("POST", "/api/projects", { name });
  if (project.reactive !== reactive) await apiCall("PATCH", `/api/projects/${project.id}`, { reactive });
  let after: string | null = null;
  for (const c of cells) {
    const created: ApiCell = await apiCall<ApiCell>("POST", `/api/projects/${project.id}/cells`, { ...c, afterCellId: after });
    after = created.id;
  }
  return apiCall<ApiProject>("GET", `/api/projects/${project.id}`);
}

export async function deleteProject(id: string): Promise<void> {
  await fetch(`${SEPT_URL}/api/projects/${id}`, { method: "DELETE" });
}

/** Opens a notebook and waits until it is live (SignalR joined), so no event is missed. */
export async function openNotebook(page: Page, projectId: string): Promise<void> {
  await page.goto(`${SEPT_URL}/p/${projectId}`);
  await page.locator('[data-live="connected"]').waitFor();
}

/** The n-th cell (0-based) on the page. */
export function cellAt(page: Page, index: number) {
  return page.locator(".cell").nth(index);
}

/** Replaces a cell's editor text by typing, as a person would. */
export async function typeInto(page: Page, index: number, text: string): Promise<void> {
  const editor = cellAt(page, index).locator(".cm-content");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(text);
}

/** Where screenshots go: $E2E_ARTIFACTS, else <repo>/.data/test-results/screenshots (git-ignored). */
export const SCREENSHOT_DIR = process.env.E2E_ARTIFACTS
  ? resolve(process.env.E2E_ARTIFACTS)
  : join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".data", "test-results", "screenshots");

/** Saves a PNG of what the page shows now; every run leaves the main screens for a person to look at. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: options.fullPage ?? false });
}

/** One browser per test file, a health check first, and the projects a test made deleted afterwards. */
export function browserSuite() {
  let browser: Browser | undefined;
  const created: string[] = [];
  beforeAll(async () => {
    const health = await fetch(`${SEPT_URL}/api/health`).catch(() => null);
    if (!health?.ok) throw new Error(`Sept is not running at ${SEPT_URL} (start it with scripts/start, or set SEPT_URL).`);
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(created.map(deleteProject));
  });
  return {
    browser: () => browser!,
    /** Remembers a project made through the UI, so it is deleted afterwards. */
    track: (id: string) => void created.push(id),
    /** Creates a project with cells through the API (named uniquely) and remembers it. */
    project: async (name: string, reactive: boolean, cells: Parameters<typeof createProject>[2] = []): Promise<ApiProject> => {
      const p = await createProject(`${name} ${Date.now()}`, reactive, cells);
      created.push(p.id);
      return p;
    },
  };
}
