import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api/client";
import type { UploadedFile } from "../../types";

/** Data files of the project (CSV, Parquet, JSON…): cells open them by name, e.g. read_csv('sales.csv'). */
export function FilesSection({ projectId }: { projectId: string }) {
  const [files, setFiles] = useState<UploadedFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  const reload = async () => {
    const r = await api.listFiles(projectId);
    if (r.ok) setFiles(r.value);
    else setError(r.problem.detail ?? r.problem.title ?? "Could not list files.");
  };
  useEffect(() => void reload(), [projectId]);

  const upload = async (list: FileList | null | undefined) => {
    if (!list || list.length === 0) return;
    setBusy(true);
    const r = await api.uploadFiles(projectId, [...list]);
    setBusy(false);
    if (r.ok) { setError(null); await reload(); } else setError(r.problem.detail ?? r.problem.title ?? "Upload failed.");
  };

  return (
    <section class="files-section" aria-label="Data files"
      onDragOver={(e) => e.preventDefault()} onDrop={(e) => { e.preventDefault(); void upload(e.dataTransfer?.files); }}>
      <div class="graph-subhead-row">
        <h2 class="graph-subhead">Files</h2>
        <input ref={picker} type="file" multiple class="sr-only" tabIndex={-1} aria-hidden="true"
          onChange={(e) => { void upload(e.currentTarget.files); e.currentTarget.value = ""; }} />
        <button type="button" class="btn btn-small" disabled={busy} onClick={() => picker.current?.click()}>{busy ? "Uploading…" : "Upload"}</button>
      </div>
      {error && <p class="error-text">{error}</p>}
      {files?.length === 0 && <p class="muted small">Drop data files here; cells open them by name.</p>}
      <ul class="variable-list">
        {files?.map((f) => (
          <li><a href={api.fileUrl(projectId, f.name)} download><code>{f.name}</code></a><span class="muted">{Math.max(1, Math.round(f.size / 1024))} KB</span></li>
        ))}
      </ul>
    </section>
  );
}
