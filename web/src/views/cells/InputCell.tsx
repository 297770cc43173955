import { useState } from "preact/hooks";
import type { InputConfig, InputValue, InputWidget } from "../../types";
import { InputControl } from "./InputControl";

const WIDGETS: InputWidget[] = ["slider", "number", "text", "dropdown", "date", "checkbox"];

const DEFAULT_VALUE: Record<InputWidget, InputValue> = { slider: 50, number: 0, text: "", dropdown: "", date: "", checkbox: false };

interface Props {
  cellId: string;
  config: InputConfig;
  onConfig(config: InputConfig): void;
  onCommit(): void;
  /** Viewers change the value only, not the settings. */
  valueOnly?: boolean;
}

/** An input cell: the control, and (folded away) its variable name and widget settings. */
export function InputCell({ cellId, config, onConfig, onCommit, valueOnly }: Props) {
  const [open, setOpen] = useState(false);
  const set = (patch: Partial<InputConfig>) => onConfig({ ...config, ...patch });
  const f = (name: string) => `${cellId}-${name}`;
  const widget = config.type ?? "text";
  return (
    <div class="input-cell">
      <div class="input-cell-main">
        <InputControl id={f("value")} config={config} onInput={(value) => set({ value })} onCommit={onCommit} />
        {!valueOnly && <button type="button" class="btn btn-ghost btn-small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? "Done" : "Settings"}
        </button>}
      </div>
      {open && !valueOnly && (
        <div class="settings-grid" onFocusOut={onCommit}>
          <label for={f("name")}>Variable</label>
          <input id={f("name")} class="input input-mono" value={config.name ?? ""} onInput={(e) => set({ name: e.currentTarget.value.trim() })} />
          <label for={f("widget")}>Widget</label>
          <select id={f("widget")} class="input" value={widget}
            onChange={(e) => { const w = e.currentTarget.value as InputWidget; set({ type: w, value: DEFAULT_VALUE[w] }); }}>
            {WIDGETS.map((w) => <option value={w}>{w}</option>)}
          </select>
          <label for={f("label")}>Label</label>
          <input id={f("label")} class="input" value={config.label ?? ""} onInput={(e) => set({ label: e.currentTarget.value })} />
          {(widget === "slider" || widget === "number") && (
            <>
              <label for={f("min")}>Min</label>
              <input id={f("min")} class="input input-number" type="number" value={config.min ?? 0} onInput={(e) => set({ min: e.currentTarget.valueAsNumber })} />
              <label for={f("max")}>Max</label>
              <input id={f("max")} class="input input-number" type="number" value={config.max ?? 100} onInput={(e) => set({ max: e.currentTarget.valueAsNumber })} />
              <label for={f("step")}>Step</label>
              <input id={f("step")} class="input input-number" type="number" value={config.step ?? 1} onInput={(e) => set({ step: e.currentTarget.valueAsNumber })} />
              <label for={f("integer")}>Whole numbers</label>
              <input id={f("integer")} type="checkbox" checked={config.integer === true} onChange={(e) => set({ integer: e.currentTarget.checked })} />
            </>
          )}
          {widget === "dropdown" && (
            <>
              <label for={f("options")}>Options</label>
              <input id={f("options")} class="input" placeholder="comma, separated" value={(config.options ?? []).join(", ")}
                onInput={(e) => set({ options: e.currentTarget.value.split(",").map((s) => s.trim()).filter(Boolean) })} />
            </>
          )}
        </div>
      )}
    </div>
  );
}
