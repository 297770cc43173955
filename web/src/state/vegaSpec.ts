/** Option channels a Vega-Lite spec can carry into vega-embed. `usermeta.embedOptions` is merged over the options
 * the app passes (it re-enabled "View Source" with an attacker's `sourceFooter` HTML, issue 13 row 4), so it goes,
 * at every level, along with nothing else a chart needs. */
const OPTION_CHANNELS = new Set(["usermeta"]);

/** A copy of a spec from a cell output with the option channels removed; the chart itself is unchanged. */
export function safeVegaSpec(spec: unknown): Record<string, unknown> {
  const cleaned = strip(spec);
  return cleaned && typeof cleaned === "object" && !Array.isArray(cleaned) ? (cleaned as Record<string, unknown>) : {};
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) if (!OPTION_CHANNELS.has(key)) out[key] = strip(inner);
  return out;
}

/** The embed options Sept always uses: only the export menu (SVG/PNG), never source, compiled or editor, and
 * expressions interpreted instead of compiled with `new Function`, so the page's CSP needs no 'unsafe-eval'. */
export const VEGA_EMBED_OPTIONS = {
  actions: { export: true, source: false, compiled: false, editor: false },
  renderer: "svg",
  ast: true,
} as const;
