import { useMemo } from "preact/hooks";
import { renderMarkdown, sanitizeHtml } from "./sanitize";

export function Markdown({ source, class: cls = "markdown" }: { source: string; class?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div class={cls} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function SafeHtml({ html }: { html: string }) {
  const clean = useMemo(() => sanitizeHtml(html), [html]);
  return <div class="html-output" dangerouslySetInnerHTML={{ __html: clean }} />;
}
