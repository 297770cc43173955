import { closeBrackets } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { setDiagnostics } from "@codemirror/lint";
import { Annotation, Compartment, EditorState, Prec } from "@codemirror/state";
import { EditorView, drawSelection, highlightActiveLine, keymap, lineNumbers, placeholder } from "@codemirror/view";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import type { Command } from "../state/keys";
import type { CellKind, TextRange } from "../types";
import type { CellDiagnosticsEntry } from "../session/editorServices";
import { csharpServices, toLintDiagnostics, type CellLanguageServices } from "./csharpServices";
import { errorLineField, setErrorLine } from "./errorLine";
import { languageFor } from "./languages";
import { septHighlighting, septTheme } from "./theme";

/** Marks changes that came from outside (not typing), so they are not echoed back as edits. */
const external = Annotation.define<boolean>();

export interface CodeEditorProps {
  value: string;
  /** True while the editor holds unsaved typing: then it is the truth and `value` is not pushed into it. */
  owned: boolean;
  kind: CellKind;
  label: string;
  errorLine?: number | null;
  placeholderText?: string;
  readOnly?: boolean;
  /** Focus the editor now (edit mode entered). */
  focus?: boolean;
  /** C# cells: completion, hover, signature help, go to definition. */
  services?: CellLanguageServices;
  /** Compiler diagnostics, shown as squiggles while the editor holds the text they were computed for. */
  diagnostics?: CellDiagnosticsEntry;
  /** SQL cells: the tables and columns to complete (JSON, see state/sqlSchema.ts). */
  sqlTables?: string;
  /** Select this range now (go to definition landed here); a new object each time. */
  reveal?: TextRange | null;
  onChange(value: string): void;
  onCommand(command: Command): void;
  onFocus?(): void;
  onBlur?(): void;
}

/** A CodeMirror 6 editor for one cell. The document follows `value` unless the change came from typing. */
export function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef(props);
  /** The text last reported by onChange: a `value` equal to it is our own echo, not an external change. */
  const emitted = useRef(props.value);
  latest.current = props;
  const language = useRef(new Compartment());
  const editable = useRef(new Compartment());
  const services = useRef(new Compartment());
  const servicesFor = (p: CodeEditorProps) => (p.kind === "code" && p.services ? csharpServices(p.services) : []);

  useEffect(() => {
    const run = (c: Command) => () => (latest.current.onCommand(c), true);
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          Prec.highest(keymap.of([
            { key: "Shift-Enter", run: run("runAndAdvance") },
            { key: "Mod-Enter", run: run("run") },
            { key: "Mod-Shift-Enter", run: run("runAll") },
            { key: "Escape", run: run("enterCommand") },
          ])),
          lineNumbers(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          language.current.of(languageFor(props.kind, props.sqlTables)),
          services.current.of(servicesFor(props)),
          editable.current.of(EditorView.editable.of(!props.readOnly)),
          septTheme,
          septHighlighting,
          errorLineField,
          placeholder(props.placeholderText ?? ""),
          EditorView.contentAttributes.of({ "aria-label": props.label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && u.transactions.some((t) => t.docChanged && !t.annotation(external))) {
              emitted.current = u.state.doc.toString();
              latest.current.onChange(emitted.current);
            }
            if (u.focusChanged) (u.view.hasFocus ? latest.current.onFocus : latest.current.onBlur)?.();
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
  }, []);

  // External changes (another editor, "take theirs") replace the document.
  useEffect(() => {
    const v = view.current;
    // Our own typing comes back as `value` (possibly behind newer keystrokes): only take values from elsewhere.
    if (props.owned || props.value === emitted.current) return;
    emitted.current = props.value;
    if (v && v.state.doc.toString() !== props.value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value }, annotations: external.of(true) });
    }
  }, [props.value, props.owned]);

  useEffect(() => {
    view.current?.dispatch({ effects: [language.current.reconfigure(languageFor(props.kind, props.sqlTables)), services.current.reconfigure(servicesFor(props))] });
  }, [props.kind, props.services, props.sqlTables]);

  // Diagnostics arrive for the saved text; while typing, the ones shown follow the edits (lint maps them).
  useEffect(() => {
    const v = view.current;
    if (!v || !props.diagnostics || v.state.doc.toString() !== props.diagnostics.source) return;
    v.dispatch(setDiagnostics(v.state, toLintDiagnostics(v.state.doc, props.diagnostics.items)));
  }, [props.diagnostics]);

  useEffect(() => {
    const v = view.current;
    const r = props.reveal;
    if (!v || !r) return;
    const from = Math.min(r.from, v.state.doc.length);
    v.dispatch({ selection: { anchor: from, head: Math.min(r.to, v.state.doc.length) }, scrollIntoView: true });
    v.focus();
  }, [props.reveal]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(EditorView.editable.of(!props.readOnly)) });
  }, [props.readOnly]);

  useEffect(() => {
    view.current?.dispatch({ effects: setErrorLine.of(props.errorLine ?? null) });
  }, [props.errorLine, props.value]);

  // Layout effect: focus moves before the next key event is handled, so fast typing lands in the editor.
  useLayoutEffect(() => {
    if (props.focus && view.current && !view.current.hasFocus) view.current.focus();
  }, [props.focus]);

  return <div class="code-editor" ref={host} />;
}
