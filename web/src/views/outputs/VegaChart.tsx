import { useEffect, useRef, useState } from "preact/hooks";
import { safeVegaSpec, VEGA_EMBED_OPTIONS } from "../../state/vegaSpec";

/** Renders a Vega-Lite spec with vega-embed (loaded on first use to keep the first page light). */
export function VegaChart({ spec, label = "Chart" }: { spec: Record<string, unknown>; label?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let disposed = false;
    let finalize: (() => void) | null = null;
    void import("vega-embed").then(async ({ default: embed }) => {
      if (disposed || !host.current) return;
      try {
        const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches;
        const result = await embed(host.current, safeVegaSpec(spec) as never, { ...VEGA_EMBED_OPTIONS, config: chartConfig(!!dark) });
        finalize = () => result.finalize();
        if (disposed) finalize();
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    });
    return () => {
      disposed = true;
      finalize?.();
    };
  }, [JSON.stringify(spec)]);

  return (
    <figure class="chart-output" aria-label={label}>
      <div ref={host} class="chart-host" />
      {error && <p class="notice notice-error">Chart could not be drawn: {error}</p>}
    </figure>
  );
}

/** Quiet axes and grid in the page's palette (Vega can't read CSS variables). */
function chartConfig(dark: boolean) {
  const text = dark ? "#9d9c97" : "#6b6a65";
  const grid = dark ? "#2e3034" : "#ecebe7";
  const domain = dark ? "#3d3f44" : "#cfcdc7";
  return {
    background: "transparent",
    view: { stroke: "transparent" },
    font: "Inter, system-ui, sans-serif",
    axis: { labelColor: text, titleColor: text, gridColor: grid, domainColor: domain, tickColor: domain, labelFontSize: 11, titleFontWeight: 500 as const },
    legend: { labelColor: text, titleColor: text },
    range: { category: ["#5b6cff", "#f0a35e", "#3fb68b", "#e2618f", "#8c7ae6", "#d4b62c", "#4db3d9", "#a07b5a"] },
    mark: { color: "#5b6cff" },
  };
}
