import type { CellKind } from "../../types";

const STARTERS: Array<{ kind: CellKind; title: string; text: string }> = [
  { kind: "code", title: "C# code", text: "Variables flow to the cells below; edits re-run what depends on them." },
  { kind: "sql", title: "SQL", text: "DuckDB over notebook variables and uploaded files; {name} binds a value." },
  { kind: "markdown", title: "Markdown", text: "Notes, headings and context for readers of the app view." },
  { kind: "input", title: "Input", text: "A slider, dropdown, date… its value is a variable for other cells." },
];

/** First screen of a new notebook: one click to the first cell. */
export function EmptyNotebook({ onAdd }: { onAdd(kind: CellKind): void }) {
  return (
    <section class="empty-notebook" aria-label="Start the notebook">
      <h2>Start with a cell</h2>
      <div class="starter-grid">
        {STARTERS.map((s) => (
          <button type="button" class="starter" onClick={() => onAdd(s.kind)}>
            <strong>{s.title}</strong>
            <span>{s.text}</span>
          </button>
        ))}
      </div>
      <p class="muted small">Or drop in an existing notebook from the project list (Import .ipynb / .cs).</p>
    </section>
  );
}
