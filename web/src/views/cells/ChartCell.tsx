import { useMemo } from "preact/hooks";
import { buildChartSpec, chartData } from "../../state/chartSpec";
import { pickRendering } from "../../state/outputs";
import type { Cell, ChartAggregate, ChartConfig, ChartMark } from "../../types";
import { VegaChart } from "../outputs/VegaChart";

const MARKS: ChartMark[] = ["bar", "line", "point", "area", "tick", "arc"];
const AGGREGATES: ChartAggregate[] = ["", "sum", "mean", "count", "min", "max", "median"];

interface Props {
  cell: Cell;
  cells: Cell[];
  config: ChartConfig;
  variables: string[];
  readOnly?: boolean;
  onConfig(config: ChartConfig): void;
}

/** A no-code chart: pick a data variable and fields; the chart redraws as the form changes. */
export function ChartCell({ cell, cells, config, variables, readOnly, onConfig }: Props) {
  const effective = { ...cell, config: { ...cell.config, ...config } };
  const data = useMemo(() => chartData(effective, cells), [cell, cells, config.data]);
  const spec = (data ? buildChartSpec(config, data.rows, data.numeric) : null) ?? serverChart(cell);
  const set = (patch: Partial<ChartConfig>) => onConfig({ ...config, ...patch });
  const f = (name: string) => `${cell.id}-${name}`;
  const fields = data?.fields ?? [];

  const fieldSelect = (key: "x" | "y" | "color", label: string, optional: boolean) => (
    <span class="chart-field">
      <label for={f(key)}>{label}</label>
      <select id={f(key)} class="input" value={config[key] ?? ""} onChange={(e) => set({ [key]: e.currentTarget.value || undefined })}>
        {optional || !config[key] ? <option value="">{optional ? "—" : "choose…"}</option> : null}
        {fields.map((n) => <option value={n}>{n}</option>)}
        {config[key] && !fields.includes(config[key]!) && <option value={config[key]}>{config[key]}</option>}
      </select>
    </span>
  );

  return (
    <div class="chart-cell">
      {!readOnly && (
        <div class="chart-form">
          <span class="chart-field">
            <label for={f("data")}>Data</label>
            <select id={f("data")} class="input input-mono" value={config.data ?? ""} onChange={(e) => set({ data: e.currentTarget.value || undefined })}>
              <option value="">choose…</option>
              {variables.map((v) => <option value={v}>{v}</option>)}
            </select>
          </span>
          <span class="chart-field">
            <label for={f("mark")}>Mark</label>
            <select id={f("mark")} class="input" value={config.mark ?? "bar"} onChange={(e) => set({ mark: e.currentTarget.value as ChartMark })}>
              {MARKS.map((m) => <option value={m}>{m}</option>)}
            </select>
          </span>
          {fieldSelect("x", "X", false)}
          {fieldSelect("y", "Y", false)}
          {fieldSelect("color", "Color", true)}
          <span class="chart-field">
            <label for={f("aggregate")}>Aggregate</label>
            <select id={f("aggregate")} class="input" value={config.aggregate ?? ""} onChange={(e) => set({ aggregate: (e.currentTarget.value || undefined) as ChartAggregate | undefined })}>
              {AGGREGATES.map((a) => <option value={a}>{a || "none"}</option>)}
            </select>
          </span>
        </div>
      )}
      {spec ? <VegaChart spec={spec} label={`Chart of ${config.data ?? "data"}`} />
        : !readOnly && <p class="muted chart-hint">{config.data ? (data ? "Choose the X and Y fields." : `Run the cell that defines ${config.data} to see its fields.`) : "Choose a data variable."}</p>}
    </div>
  );
}

/** The chart the server drew for this cell, when the form can't draw one itself. */
function serverChart(cell: Cell): Record<string, unknown> | null {
  for (const o of cell.outputs) {
    if (o.type !== "display") continue;
    const r = pickRendering(o);
    if (r.kind === "vegaLite") return r.spec;
  }
  return null;
}
