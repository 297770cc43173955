import { StateEffect, StateField, type EditorState } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";

/** Sets (or clears, with null) the 1-based line an error points at. */
export const setErrorLine = StateEffect.define<number | null>();

const errorMark = Decoration.line({ class: "cm-error-line" });

function decorate(state: EditorState, line: number | null): DecorationSet {
  if (line === null || line < 1 || line > state.doc.lines) return Decoration.none;
  return Decoration.set([errorMark.range(state.doc.line(line).from)]);
}

/** Highlights the error line; the mark follows edits and is cleared by the next effect. */
export const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, tr) {
    let next = value.map(tr.changes);
    for (const e of tr.effects) if (e.is(setErrorLine)) next = decorate(tr.state, e.value);
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});
