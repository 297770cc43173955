import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { api, problemMessage } from "../api/client";
import type { Project } from "../types";

/** Uploads a .ipynb or .cs file to POST /api/projects/import. */
export function useImport(onImported: (p: Project) => void, onError: (message: string) => void, workspaceId: string | null = null) {
  const [busy, setBusy] = useState(false);
  const upload = async (files: FileList | null | undefined) => {
    const file = files?.[0];
    if (!file) return;
    if (!/\.(ipynb|cs)$/i.test(file.name)) return onError(`“${file.name}” is not a .ipynb or .cs file.`);
    setBusy(true);
    const r = await api.importFile(file, workspaceId);
    setBusy(false);
    if (r.ok) onImported(r.value);
    else onError(problemMessage(r, "Import failed."));
  };
  return { upload, busy };
}

/** A page area where dropped files are imported. */
export function ImportDrop({ children, upload }: { children: ComponentChildren; upload(files: FileList | null | undefined): void }) {
  const [over, setOver] = useState(false);
  return (
    <div class={`drop-zone${over ? " drop-over" : ""}`}
      onDragOver={(e) => { e.preventDefault(); setOver(true); }}
      onDragLeave={(e) => { if (e.currentTarget === e.target) setOver(false); }}
      onDrop={(e) => { e.preventDefault(); setOver(false); upload(e.dataTransfer?.files); }}>
      {children}
      {over && <div class="drop-overlay" aria-hidden="true">Drop to import</div>}
    </div>
  );
}

/** Opens the file picker. */
export function ImportButton({ upload, busy }: { upload(files: FileList | null | undefined): void; busy: boolean }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <input ref={picker} type="file" accept=".ipynb,.cs" class="sr-only" id="import-file" tabIndex={-1} aria-hidden="true"
        onChange={(e) => { upload(e.currentTarget.files); e.currentTarget.value = ""; }} />
      <button type="button" class="btn" onClick={() => picker.current?.click()} disabled={busy}>
        {busy ? "Importing…" : "Import…"}
      </button>
    </>
  );
}
