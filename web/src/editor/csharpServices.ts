import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import type { Diagnostic } from "@codemirror/lint";
import { StateEffect, StateField, type Extension, type Text } from "@codemirror/state";
import { EditorView, hoverTooltip, keymap, showTooltip, ViewPlugin, type Tooltip, type ViewUpdate } from "@codemirror/view";
import type { CompletionList, Definition, EditorDiagnostic, HoverInfo, SignatureHelp, TextRange } from "../types";

/** The server's C# services for one cell (docs/api.md, "Editor"). `source` is the editor's text now; null: nothing. */
export interface CellLanguageServices {
  completions(position: number, source: string, signal: AbortSignal): Promise<CompletionList | null>;
  hover(position: number, source: string, signal: AbortSignal): Promise<HoverInfo | null>;
  signature(position: number, source: string, signal: AbortSignal): Promise<SignatureHelp | null>;
  definition(position: number, source: string, signal: AbortSignal): Promise<Definition | null>;
  /** Shows a cell (and a range in it): go to definition, "defined in cell 3". */
  goTo(cellId: string, range?: TextRange): void;
}

const identifierBefore = /[\w@]*$/;

/** Server completions as CodeMirror options; names from other cells rank first and say where they come from. */
export function toCompletionResult(list: CompletionList): CompletionResult {
  return {
    from: list.from,
    options: list.items.map((item): Completion => ({
      label: item.label,
      apply: item.insert,
      type: item.kind,
      detail: item.detail ?? undefined,
      info: item.cell ? `Defined in cell ${item.cell.number}` : undefined,
      boost: item.cell ? 1 : 0,
    })),
    // Typing more of the word filters this list on the client; the server is asked again after `.` or a new word.
    validFor: /^[\w@]*$/,
  };
}

/** Asks on `.`, on a word being typed, or on Ctrl+Space; aborts the request when CodeMirror drops it. */
export function completionSource(services: CellLanguageServices) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(identifierBefore);
    const start = word ? word.from : context.pos;
    const afterDot = context.state.sliceDoc(start - 1, start) === ".";
    if (!context.explicit && !afterDot && start === context.pos) return null;
    const controller = new AbortController();
    context.addEventListener("abort", () => controller.abort());
    const list = await services.completions(context.pos, context.state.doc.toString(), controller.signal);
    return list && !context.aborted ? toCompletionResult(list) : null;
  };
}

/** Server line/column ranges as lint diagnostics in this document (ranges outside it are dropped). */
export function toLintDiagnostics(doc: Text, items: EditorDiagnostic[]): Diagnostic[] {
  const at = (line: number, column: number) => (line >= 1 && line <= doc.lines ? Math.min(doc.line(line).from + column - 1, doc.line(line).to) : null);
  return items.flatMap((d) => {
    const from = at(d.range.line, d.range.column);
    const to = at(d.range.endLine, d.range.endColumn);
    if (from === null || to === null) return [];
    // A zero-width error (a missing `;`) still gets a visible squiggle: widen it over the character before.
    const [start, end] = to > from ? [from, to] : from > 0 ? [from - 1, from] : [from, Math.min(from + 1, doc.length)];
    return [{ from: start, to: end, severity: d.severity, message: d.message, source: d.id }];
  });
}

function hoverDom(info: HoverInfo, goTo: CellLanguageServices["goTo"]): HTMLElement {
  const dom = document.createElement("div");
  dom.className = "cm-sept-hover";
  const signature = dom.appendChild(document.createElement("code"));
  signature.textContent = info.signature;
  if (info.documentation) dom.appendChild(document.createElement("p")).textContent = info.documentation;
  if (info.cell) {
    const cell = info.cell;
    const link = dom.appendChild(document.createElement("button"));
    link.type = "button";
    link.className = "link-button";
    link.textContent = `Defined in cell ${cell.number}`;
    link.onclick = () => goTo(cell.cellId);
  }
  return dom;
}

function signatureDom(help: SignatureHelp): HTMLElement {
  const dom = document.createElement("div");
  dom.className = "cm-sept-signature";
  const active = help.signatures[help.activeSignature] ?? help.signatures[0];
  if (!active) return dom;
  const line = dom.appendChild(document.createElement("code"));
  line.append(active.prefix);
  active.parameters.forEach((p, i) => {
    if (i > 0) line.append(", ");
    const part = line.appendChild(document.createElement(i === help.activeParameter ? "strong" : "span"));
    part.textContent = p.label;
  });
  line.append(active.suffix);
  if (help.signatures.length > 1) dom.appendChild(document.createElement("small")).textContent = ` (+${help.signatures.length - 1} overloads)`;
  const doc = active.parameters[help.activeParameter]?.documentation ?? active.documentation;
  if (doc) dom.appendChild(document.createElement("p")).textContent = doc;
  return dom;
}

const setSignature = StateEffect.define<Tooltip | null>();

const signatureField = StateField.define<Tooltip | null>({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setSignature)) return e.value;
    return value && tr.docChanged ? { ...value, pos: tr.changes.mapPos(value.pos) } : value;
  },
  provide: (f) => showTooltip.from(f),
});

/** Signature help: opens on `(` or `,`, follows the caret while open, closes outside the call. */
function signatureHelp(services: CellLanguageServices): Extension {
  const plugin = ViewPlugin.fromClass(class {
    controller: AbortController | null = null;
    update(u: ViewUpdate) {
      if (!u.docChanged && !u.selectionSet) return;
      const open = u.state.field(signatureField) !== null;
      const pos = u.state.selection.main.head;
      const typed = u.transactions.some((t) => t.isUserEvent("input.type")) && /[(,]/.test(u.state.sliceDoc(pos - 1, pos));
      if (!open && !typed) return;
      this.controller?.abort();
      const controller = (this.controller = new AbortController());
      void services.signature(pos, u.state.doc.toString(), controller.signal).then((help) => {
        if (controller.signal.aborted) return;
        const tooltip: Tooltip | null = help && help.signatures.length > 0 ? { pos, above: true, create: () => ({ dom: signatureDom(help) }) } : null;
        u.view.dispatch({ effects: setSignature.of(tooltip) });
      });
    }
    destroy() {
      this.controller?.abort();
    }
  });
  return [signatureField, plugin];
}

function goToDefinition(services: CellLanguageServices, view: EditorView, pos: number): boolean {
  void services.definition(pos, view.state.doc.toString(), new AbortController().signal).then((d) => {
    if (d) services.goTo(d.cellId, d.range);
  });
  return true;
}

/** Completion, hover, signature help and go to definition (F12, Ctrl/Cmd+click) for a C# cell. */
export function csharpServices(services: CellLanguageServices): Extension {
  return [
    autocompletion({ override: [completionSource(services)], icons: true }),
    hoverTooltip(async (view, pos) => {
      const info = await services.hover(pos, view.state.doc.toString(), new AbortController().signal);
      if (!info) return null;
      return { pos: info.range.from, end: info.range.to, above: true, create: () => ({ dom: hoverDom(info, services.goTo) }) };
    }, { hoverTime: 300 }),
    signatureHelp(services),
    keymap.of([{ key: "F12", run: (view) => goToDefinition(services, view, view.state.selection.main.head) }]),
    EditorView.domEventHandlers({
      mousedown(event, view) {
        if (!(event.ctrlKey || event.metaKey)) return false;
        const pos = view.posAtCoords(event);
        return pos !== null && goToDefinition(services, view, pos);
      },
    }),
  ];
}
