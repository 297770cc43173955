import { useEffect, useState } from "preact/hooks";
import { api, problemMessage } from "../../api/client";
import { KIND_LABELS } from "../../session/cellDefaults";
import { diffModel, type DiffModel } from "../../state/diff";
import type { Version } from "../../types";

const CHANGE_TEXT = { added: "added since", removed: "removed since", changed: "changed", moved: "moved" } as const;

/** One stored version: its cells read-only, or its diff against the current notebook. */
export function VersionView({ projectId, version, canRestore, onRestore }: { projectId: string; version: Version; canRestore: boolean; onRestore(): void }) {
  const [tab, setTab] = useState<"cells" | "diff">("cells");
  const [diff, setDiff] = useState<DiffModel | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (tab !== "diff") return;
    setDiff(null);
    void api.versionDiff(projectId, version.id).then((r) => (r.ok ? setDiff(diffModel(r.value.cells)) : setError(problemMessage(r, "Could not compare."))));
  }, [tab, version.id]);
  const cells = [...version.cells].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  return (
    <div class="version-view">
      <div class="version-tabs" role="tablist">
        <button type="button" role="tab" aria-selected={tab === "cells"} class={`btn btn-small btn-ghost${tab === "cells" ? " btn-on" : ""}`} onClick={() => setTab("cells")}>Cells</button>
        <button type="button" role="tab" aria-selected={tab === "diff"} class={`btn btn-small btn-ghost${tab === "diff" ? " btn-on" : ""}`} onClick={() => setTab("diff")}>Diff against current</button>
        {canRestore && <button type="button" class="btn btn-small" onClick={onRestore}>Restore…</button>}
      </div>
      {error && <p class="error-text">{error}</p>}
      {tab === "cells" && cells.map((c, i) => (
        <div class="version-cell" data-cell-id={c.id}>
          <span class="kind-tag">{i + 1} · {KIND_LABELS[c.kind]}</span>
          <pre class="version-source">{c.source || (c.kind === "input" ? `${String(c.config?.name ?? "")} = ${JSON.stringify(c.config?.value ?? null)}` : "")}</pre>
        </div>
      ))}
      {tab === "diff" && !diff && !error && <p class="muted small">Comparing…</p>}
      {tab === "diff" && diff && (
        <>
          <p class="muted small diff-summary">
            {diff.entries.length === 0 ? "Same as the current notebook." : (Object.keys(diff.counts) as Array<keyof DiffModel["counts"]>).filter((k) => diff.counts[k]).map((k) => `${diff.counts[k]} ${k}`).join(" · ")}
            {diff.unchanged ? ` · ${diff.unchanged} unchanged` : ""}
          </p>
          {diff.entries.map((e) => (
            <div class={`diff-cell diff-${e.change}`} data-change={e.change}>
              <span class="kind-tag">{KIND_LABELS[e.kind]} · {CHANGE_TEXT[e.change]}</span>
              {e.rows.length > 0 && (
                <pre class="diff-lines">{e.rows.map((r) => <div class={r.tone}><span class="diff-op" aria-hidden="true">{r.op}</span>{r.text || " "}</div>)}</pre>
              )}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
