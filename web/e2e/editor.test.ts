import { describe, expect, it } from "vitest";
import { browserSuite, cellAt, newPage, openNotebook, screenshot, typeInto } from "./harness";

const suite = browserSuite();

describe("C# editor services in Chromium", () => {
  it("completes members of a name another cell defines, and accepting inserts the text", async () => {
    const p = await suite.project("E2E completion", false, [
      { kind: "code", source: 'var n = "abc";' },
      { kind: "code", source: "" },
    ]);
    const { context, page } = await newPage(suite.browser());
    await openNotebook(page, p.id);
    await typeInto(page, 1, "var s = n.");
    const list = page.locator(".cm-tooltip-autocomplete");
    await list.getByRole("option", { name: /^Length/ }).waitFor();
    await screenshot(page, "editor-completion");
    await page.keyboard.type("Len");
    await expect.poll(() => list.getByRole("option").first().textContent()).toContain("Length");
    await page.keyboard.press("Enter");
    await expect.poll(() => cellAt(page, 1).locator(".cm-content").textContent()).toBe("var s = n.Length");
    await context.close();
  });

  it("shows the type error in the dependent cell as soon as the upstream cell changes, before anything runs", async () => {
    const p = await suite.project("E2E diagnostics", false, [
      { kind: "code", source: "var n = 3;" },
      { kind: "code", source: 'var s = n.ToString("D2");' },
    ]);
    const { context, page } = await newPage(suite.browser());
    const checked = page.waitForResponse((r) => r.url().endsWith(`/api/projects/${p.id}/diagnostics`));
    await openNotebook(page, p.id);
    const dependent = cellAt(page, 1);
    await checked;
    expect(await dependent.locator(".cm-lintRange-error").count()).toBe(0);

    await typeInto(page, 0, 'var n = "three";');
    await dependent.locator(".cm-lintRange-error").waitFor();
    expect(await dependent.locator(".cm-lintRange-error").textContent()).toBe('"D2"');
    expect(await dependent.getByTestId("problem-count").textContent()).toBe("1 error");
    expect(await dependent.getAttribute("data-state")).toBe("idle"); // nothing ran
    await screenshot(page, "editor-diagnostics");
    await context.close();
  });
});
