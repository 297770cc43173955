import { useEffect, useRef, useState } from "preact/hooks";

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
        const result = await embed(host.current, spec as never, {
          actions: { export: true, source: false, compiled: false, editor: false },
          renderer: "svg",
          ...(dark ? { theme: "dark" as const } : {}),
          config: { background: "transparent", view: { stroke: "transparent" } },
        });
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
