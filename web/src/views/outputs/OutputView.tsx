import { isTruncated, pickRendering } from "../../state/outputs";
import type { Output } from "../../types";
import { FixButton } from "../assistant/FixButton";
import { Markdown, SafeHtml } from "./Markdown";
import { TableOutput } from "./TableOutput";
import { VegaChart } from "./VegaChart";

/** One output: stream text, an error, or the best representation of a display bundle. */
export function OutputView({ output, projectId, cellId }: { output: Output; projectId: string; cellId: string }) {
  const body = renderBody(output, projectId, cellId);
  if (!isTruncated(output) || output.type === "error" || !output.full) return body;
  return (
    <>
      {body}
      <p class="truncated-notice">
        Output truncated. <a href={output.full.url} target="_blank" rel="noopener">Open the full output</a> ({formatBytes(output.full.size)}).
      </p>
    </>
  );
}

function renderBody(output: Output, projectId: string, cellId: string) {
  switch (output.type) {
    case "stream":
      return <pre class={`stream stream-${output.name}`}>{output.text}</pre>;
    case "error":
      return (
        <div class="error-output" role="alert">
          <strong>{output.ename}</strong>
          {typeof output.line === "number" && <span class="muted"> at line {output.line}{typeof output.column === "number" ? `, column ${output.column}` : ""}</span>}
          <pre>{output.message}</pre>
          <FixButton cellId={cellId} />
        </div>
      );
    case "display": {
      const r = pickRendering(output);
      switch (r.kind) {
        case "table":
          return <TableOutput first={r.page} projectId={projectId} cellId={cellId} />;
        case "vegaLite":
          return <VegaChart spec={r.spec} />;
        case "image":
          return <img class="image-output" src={r.src} alt="Cell output image" />;
        case "html":
          return <SafeHtml html={r.html} />;
        case "markdown":
          return <Markdown source={r.markdown} />;
        case "text":
          return <pre class="stream">{r.text}</pre>;
        case "unknown":
          return <p class="muted">No viewer for {r.mimes.join(", ")}.</p>;
      }
    }
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
