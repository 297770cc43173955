import { useEffect, useState } from "preact/hooks";
import { api, problemMessage } from "../../api/client";
import type { NotebookSession } from "../../session/notebookSession";
import { relativeTime } from "../../state/time";
import type { Version, VersionSummary } from "../../types";
import { ConfirmDialog } from "../ConfirmDialog";
import { VersionView } from "./VersionView";

const KIND_TEXT: Record<VersionSummary["kind"], string> = { manual: "saved", auto: "auto", restore: "before restore" };

/** Version history: save a named version, view one (read-only cells), diff it against now, restore it (undoable). */
export function HistoryPanel({ session, canEdit, onClose }: { session: NotebookSession; canEdit: boolean; onClose(): void }) {
  const pid = session.projectId;
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [open, setOpen] = useState<Version | null>(null);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<VersionSummary | null>(null);
  const [undo, setUndo] = useState<{ versionId: string; restored: string } | null>(null);

  const reload = async () => {
    const r = await api.versions(pid);
    if (r.ok) { setVersions(r.value); setError(null); }
    else setError(r.status === 404 || r.status === 405 ? "This server keeps no version history." : problemMessage(r, "Could not load the history."));
  };
  useEffect(() => void reload(), [pid]);

  const save = async (e: Event) => {
    e.preventDefault();
    const r = await api.saveVersion(pid, name.trim());
    if (!r.ok) return setError(problemMessage(r, "Could not save the version."));
    setName("");
    await reload();
  };
  const view = async (id: string) => {
    const r = await api.version(pid, id);
    if (r.ok) setOpen(r.value); else setError(problemMessage(r, "Could not open the version."));
  };
  const restore = async (versionId: string, label: string, undoable: boolean) => {
    setConfirm(null);
    const r = await api.restoreVersion(pid, versionId);
    if (!r.ok) return setError(problemMessage(r, "Could not restore the version."));
    session.dispatch({ type: "loaded", project: r.value.project, now: Date.now() });
    setUndo(undoable ? { versionId: r.value.undoVersionId, restored: label } : null);
    setOpen(null);
    await reload();
  };
  const label = (v: VersionSummary) => v.name || `${KIND_TEXT[v.kind]} ${new Date(v.createdAt).toLocaleString()}`;

  return (
    <aside class="graph-panel history-panel" aria-label="Version history">
      <div class="graph-head">
        <h2>{open ? label(open) : "History"}</h2>
        <span>
          {open && <button type="button" class="btn btn-ghost btn-small" onClick={() => setOpen(null)}>← All versions</button>}
          <button type="button" class="icon-btn" aria-label="Close history" onClick={onClose}>✕</button>
        </span>
      </div>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {undo && (
        <p class="notice notice-info" role="status">
          Restored “{undo.restored}”.{" "}
          <button type="button" class="linklike" onClick={() => void restore(undo.versionId, "the version before", false)}>Undo</button>
        </p>
      )}
      {open ? (
        <VersionView projectId={pid} version={open} canRestore={canEdit} onRestore={() => setConfirm(open)} />
      ) : (
        <>
          {canEdit && (
            <form class="version-save" onSubmit={save}>
              <label class="sr-only" for="version-name">Version name</label>
              <input id="version-name" class="input input-small" placeholder="Name this version" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />
              <button type="submit" class="btn btn-small" disabled={!name.trim()}>Save version</button>
            </form>
          )}
          {versions?.length === 0 && <p class="muted small">No versions yet: one is kept automatically while the notebook is edited (at most every 10 minutes).</p>}
          <ul class="version-list" aria-label="Versions">
            {versions?.map((v) => (
              <li data-version={v.id}>
                <button type="button" class="version-item" onClick={() => void view(v.id)}>
                  <span class="version-name">{v.name || <span class="muted">{KIND_TEXT[v.kind]} version</span>}</span>
                  <span class={`pill pill-${v.kind}`}>{KIND_TEXT[v.kind]}</span>
                  <span class="muted small">{v.author.name} · <span title={v.createdAt}>{relativeTime(v.createdAt)}</span> · {v.cellCount} cells</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {confirm && (
        <ConfirmDialog title="Restore this version?" confirmLabel="Restore"
          message={`The notebook's cells become those of “${label(confirm)}”. The current cells are saved as a version first, so you can undo this.`}
          onCancel={() => setConfirm(null)} onConfirm={() => void restore(confirm.id, label(confirm), true)} />
      )}
    </aside>
  );
}
