import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuite, cellAt, newPage, openNotebook, screenshot, typeInto } from "./harness";
import { proposeCall, requestText, ScriptedOpenAI, type ChatRequest } from "./scriptedOpenAI";

// The app under test is started with Sept__Assistant__Provider=OpenAI and Endpoint http://127.0.0.1:$SEPT_LLM_PORT/v1
// (scripts/lib/e2e.sh); this file serves that port with a scripted model.
const LLM_PORT = Number(process.env.SEPT_LLM_PORT ?? 5183);
const API_KEY = process.env.SEPT_LLM_KEY ?? "e2e-test-key";

const suite = browserSuite();
const llm = new ScriptedOpenAI(() => ({ content: "No script." }));
beforeAll(async () => { await llm.listen(LLM_PORT); });
afterAll(async () => { await llm.close(); });

/** The model's turn: after the user spoke it calls a tool; after the tool answered it says something. */
const lastRole = (r: ChatRequest) => r.messages[r.messages.length - 1]?.role;

describe("assistant panel in Chromium", () => {
  it("asks, shows the proposed cell as it streams, accepts it, and the new cell runs reactively", async () => {
    const p = await suite.project("E2E assistant", true, [{ kind: "code", source: "var x = 21;" }]);
    const first = p.cells![0]!;
    llm.requests.length = 0;
    llm.script = (r) => lastRole(r) === "tool"
      ? { content: "I proposed a cell that doubles x." }
      : { toolCalls: [proposeCall(r, "newCell", { source: 'var y = x * 2;\nConsole.WriteLine($"y={y}");', cellKind: "code", afterCellId: first.id, explanation: "Doubles x." })] };

    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "Run cell 1" }).click();
    await cellAt(page, 0).locator('.badge[data-state="success"]').waitFor();

    await page.getByRole("button", { name: "Assistant", exact: true }).click();
    const panel = page.getByRole("complementary", { name: "Assistant" });
    const input = panel.getByLabel("Ask the assistant");
    await input.fill("Add a cell that doubles x");
    await input.press("Enter");

    const card = panel.locator(".proposal-card").first();
    await expect.poll(() => card.locator(".proposal-head").textContent(), { timeout: 30_000 }).toContain("New C# cell after cell 1");
    await expect.poll(() => card.locator(".proposal-badge").textContent()).toMatch(/^Compiles/);
    await expect.poll(() => card.locator(".cm-content").textContent()).toContain("var y = x * 2;");
    await expect.poll(() => panel.locator(".msg-assistant").last().textContent(), { timeout: 30_000 }).toContain("I proposed a cell that doubles x.");
    await screenshot(page, "assistant-proposal");

    // What reached the model: the key as a bearer token, the question and the notebook's cells; never the key in the text.
    expect(llm.requests.length).toBeGreaterThanOrEqual(2);
    expect(llm.requests[0]!.authorization).toBe(`Bearer ${API_KEY}`);
    const sent = requestText(llm.requests[0]!.body);
    expect(sent).toContain("Add a cell that doubles x");
    expect(sent).toContain("var x = 21;");
    expect(llm.requests.map((r) => requestText(r.body)).join("\n")).not.toContain(API_KEY);

    // Nothing changed before Accept.
    expect(await page.locator(".cell").count()).toBe(1);
    await card.getByRole("button", { name: "Insert cell" }).click();
    await expect.poll(() => page.locator(".cell").count()).toBe(2);
    await expect.poll(() => cellAt(page, 1).locator(".cm-content").textContent()).toContain("var y = x * 2;");
    await expect.poll(() => card.locator(".proposal-status").textContent()).toBe("Accepted");

    // The accepted cell is an ordinary cell: it runs, and re-runs reactively when x changes.
    await page.getByRole("button", { name: "Run cell 2" }).click();
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("y=42");
    await typeInto(page, 0, "var x = 5;");
    await page.keyboard.press("ControlOrMeta+Enter");
    await expect.poll(() => cellAt(page, 1).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("y=10");
    await screenshot(page, "assistant-accepted");

    // History is kept per user and project: a reload shows it; Clear history empties it.
    await page.reload();
    await page.locator('[data-live="connected"]').waitFor();
    await page.getByRole("button", { name: "Assistant", exact: true }).click();
    await expect.poll(() => panel.locator(".msg-user").first().textContent()).toContain("Add a cell that doubles x");
    await panel.getByRole("button", { name: "Clear history" }).click();
    await expect.poll(() => panel.locator(".assistant-msg").count()).toBe(0);
    await context.close();
  });

  it("Fix on a failed cell sends its error, shows the edit as a diff, and applies it", async () => {
    const p = await suite.project("E2E assistant fix", true, [{ kind: "code", source: "var total = 1 + missingNumber;\nConsole.WriteLine(total);" }]);
    const cell = p.cells![0]!;
    llm.requests.length = 0;
    llm.script = (r) => lastRole(r) === "tool"
      ? { content: "missingNumber is not defined; I replaced it with 2." }
      : { toolCalls: [proposeCall(r, "editCell", { source: "var total = 1 + 2;\nConsole.WriteLine(total);", cellKind: "code", cellId: cell.id, explanation: "Defines the number." })] };

    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "Run cell 1" }).click();
    await cellAt(page, 0).locator(".error-output").waitFor({ timeout: 30_000 });
    await cellAt(page, 0).getByRole("button", { name: "Fix with assistant" }).click();

    const panel = page.getByRole("complementary", { name: "Assistant" });
    const card = panel.locator(".proposal-card").first();
    await expect.poll(() => card.locator(".proposal-head").textContent(), { timeout: 30_000 }).toContain("Edit cell 1");
    expect(await panel.locator(".msg-user").allTextContents()).toEqual(["Fix the error in cell 1."]);
    expect(await card.locator(".diff-del").allTextContents()).toEqual(["-var total = 1 + missingNumber;"]);
    expect(await card.locator(".diff-add").allTextContents()).toEqual(["+var total = 1 + 2;"]);
    // fixCellId: the server put the failing source and its error into the prompt.
    expect(requestText(llm.requests[0]!.body)).toContain("missingNumber");
    await screenshot(page, "assistant-fix-diff");

    await card.getByRole("button", { name: "Apply edit" }).click();
    await expect.poll(() => cellAt(page, 0).locator(".cm-content").textContent()).toContain("var total = 1 + 2;");
    await page.getByRole("button", { name: "Run cell 1" }).click();
    await expect.poll(() => cellAt(page, 0).locator(".stream").first().textContent(), { timeout: 30_000 }).toContain("3");
    await context.close();
  });

  it("Stop cancels a long answer: the partial text stays, the provider call ends, the history keeps it", async () => {
    const p = await suite.project("E2E assistant stop", true, [{ kind: "code", source: "var n = 1;" }]);
    const long = "Counting slowly: " + Array.from({ length: 400 }, (_, i) => `${i + 1}`).join(" ") + " THE END";
    llm.requests.length = 0;
    llm.cancelled = 0;
    llm.script = () => ({ content: long });

    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await page.getByRole("button", { name: "Assistant", exact: true }).click();
    const panel = page.getByRole("complementary", { name: "Assistant" });
    const input = panel.getByLabel("Ask the assistant");
    await input.fill("Count to 400");
    await input.press("Enter");
    await expect.poll(() => panel.locator(".msg-streaming").textContent(), { timeout: 30_000 }).toContain("Counting slowly");
    await panel.getByRole("button", { name: "■ Stop" }).click();
    await panel.getByRole("button", { name: "Send" }).waitFor();
    const kept = (await panel.locator(".msg-assistant").last().textContent()) ?? "";
    expect(kept).toContain("Counting slowly");
    expect(kept).not.toContain("THE END");
    // The app stopped reading from the model (RequestAborted reached the provider call).
    await expect.poll(() => llm.cancelled, { timeout: 15_000 }).toBe(1);

    await page.reload();
    await page.locator('[data-live="connected"]').waitFor();
    await page.getByRole("button", { name: "Assistant", exact: true }).click();
    await expect.poll(() => panel.locator(".msg-user").first().textContent()).toContain("Count to 400");
    await context.close();
  });
});
