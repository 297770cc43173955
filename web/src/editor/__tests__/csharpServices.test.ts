import { CompletionContext } from "@codemirror/autocomplete";
import { EditorState, Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import type { CompletionList, EditorDiagnostic } from "../../types";
import { completionSource, toCompletionResult, toLintDiagnostics, type CellLanguageServices } from "../csharpServices";

const list: CompletionList = {
  from: 8,
  to: 8,
  items: [
    { label: "Length", insert: "Length", kind: "property", detail: null, sortText: "Length", filterText: "Length" },
    { label: "total", insert: "total", kind: "variable", detail: "int", sortText: "total", filterText: "total", cell: { cellId: "a", number: 3 } },
    { label: "Select<>", insert: "Select", kind: "method", sortText: "Select", filterText: "Select" },
  ],
};

/** Records what the glue asks the server for and answers with a fixed list. */
function recording(answer: CompletionList | null) {
  const calls: { position: number; source: string }[] = [];
  const services: CellLanguageServices = {
    completions: async (position, source) => (calls.push({ position, source }), answer),
    hover: async () => null,
    signature: async () => null,
    definition: async () => null,
    goTo: () => {},
  };
  return { calls, services };
}

describe("completion glue", () => {
  it("maps server items to CodeMirror options: insert text, type, notebook origin first", () => {
    const result = toCompletionResult(list);
    expect(result.from).toBe(8);
    expect(result.options.map((o) => [o.label, o.apply, o.type])).toEqual([["Length", "Length", "property"], ["total", "total", "variable"], ["Select<>", "Select", "method"]]);
    const total = result.options[1]!;
    expect(total.detail).toBe("int");
    expect(total.info).toBe("Defined in cell 3");
    expect(total.boost).toBeGreaterThan(result.options[0]!.boost ?? 0);
    expect(result.validFor instanceof RegExp && result.validFor.test("Len")).toBe(true);
  });

  it("asks after a dot and while a word is typed, with the editor's text", async () => {
    const { calls, services } = recording(list);
    const source = completionSource(services);
    const state = EditorState.create({ doc: "var s = n." });
    const result = await source(new CompletionContext(state, 10, false));
    expect(calls).toEqual([{ position: 10, source: "var s = n." }]);
    expect(result?.options).toHaveLength(3);

    const word = EditorState.create({ doc: "var s = tot" });
    await source(new CompletionContext(word, 11, false));
    expect(calls[1]).toEqual({ position: 11, source: "var s = tot" });
  });

  it("does not ask at a blank position unless invoked explicitly", async () => {
    const { calls, services } = recording(list);
    const source = completionSource(services);
    const state = EditorState.create({ doc: "var s = " });
    expect(await source(new CompletionContext(state, 8, false))).toBeNull();
    expect(calls).toHaveLength(0);
    expect(await source(new CompletionContext(state, 8, true))).not.toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("shows nothing when the server has no answer", async () => {
    const { services } = recording(null);
    expect(await completionSource(services)(new CompletionContext(EditorState.create({ doc: "x." }), 2, false))).toBeNull();
  });
});

describe("diagnostics glue", () => {
  const diagnostic = (line: number, column: number, endLine: number, endColumn: number, severity: "error" | "warning" = "error"): EditorDiagnostic =>
    ({ id: "CS1503", message: "Argument 1: cannot convert", severity, range: { from: 0, to: 0, line, column, endLine, endColumn } });

  it("places line/column ranges in the document", () => {
    const doc = Text.of(["var n = 3;", "var s = n.ToString(\"D2\");"]);
    const [d] = toLintDiagnostics(doc, [diagnostic(2, 20, 2, 24)]);
    expect(doc.sliceString(d!.from, d!.to)).toBe("\"D2\"");
    expect(d!.severity).toBe("error");
    expect(d!.source).toBe("CS1503");
  });

  it("widens a zero-width error so the squiggle shows, and drops ranges outside the text", () => {
    const doc = Text.of(["var x = 1"]);
    const [missing] = toLintDiagnostics(doc, [diagnostic(1, 10, 1, 10)]);
    expect([missing!.from, missing!.to]).toEqual([8, 9]);
    expect(toLintDiagnostics(doc, [diagnostic(3, 1, 3, 2)])).toEqual([]);
  });
});
