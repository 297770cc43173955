import type { InputConfig, InputValue } from "../../types";

interface Props {
  config: InputConfig;
  id: string;
  /** While the value moves (typing, dragging): saved after the debounce. */
  onInput(value: InputValue): void;
  /** When the value is committed (release, blur, pick): saved at once. */
  onCommit(): void;
}

/** The widget of an input cell: slider, number, text, dropdown, date or checkbox. */
export function InputControl({ config, id, onInput, onCommit }: Props) {
  const label = config.label || config.name || "value";
  const widget = config.type ?? "text";
  const value = config.value;
  const common = { id, onChange: onCommit, onBlur: onCommit };

  let control;
  switch (widget) {
    case "slider":
      control = (
        <span class="slider-row">
          <input {...common} type="range" min={config.min ?? 0} max={config.max ?? 100} step={config.step ?? 1}
            value={Number(value ?? config.min ?? 0)} onInput={(e) => onInput(Number(e.currentTarget.value))} />
          <output for={id} class="slider-value">{String(value ?? config.min ?? 0)}</output>
        </span>
      );
      break;
    case "number":
      control = (
        <input {...common} class="input input-number" type="number" min={config.min} max={config.max} step={config.step ?? "any"}
          value={value === undefined ? "" : String(value)}
          onInput={(e) => { const n = e.currentTarget.valueAsNumber; if (!Number.isNaN(n)) onInput(n); }} />
      );
      break;
    case "dropdown":
      control = (
        <select {...common} class="input" value={String(value ?? "")} onInput={(e) => onInput(e.currentTarget.value)}>
          {(config.options ?? []).map((o) => <option value={o}>{o}</option>)}
        </select>
      );
      break;
    case "date":
      control = <input {...common} class="input" type="date" value={String(value ?? "")} onInput={(e) => onInput(e.currentTarget.value)} />;
      break;
    case "checkbox":
      control = (
        <input {...common} type="checkbox" checked={value === true}
          onInput={(e) => { onInput(e.currentTarget.checked); }} onChange={(e) => { onInput(e.currentTarget.checked); onCommit(); }} />
      );
      break;
    default:
      control = <input {...common} class="input" type="text" value={String(value ?? "")} onInput={(e) => onInput(e.currentTarget.value)} />;
  }
  return (
    <div class={`input-control input-${widget}`}>
      <label for={id} class="input-label">{label}</label>
      {control}
    </div>
  );
}
