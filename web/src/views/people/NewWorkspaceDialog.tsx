import { useEffect, useRef, useState } from "preact/hooks";
import { people } from "../../app/backend";

/** Name (and optionally the slug) of a new workspace; I become its admin. */
export function NewWorkspaceDialog({ onClose }: { onClose(created: boolean): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (ref.current && !ref.current.open) ref.current.showModal(); }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    const failed = await people.createWorkspace(name.trim(), slug.trim());
    if (failed) setError(failed);
    else onClose(true);
  };
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="new-ws-title" onCancel={(e) => { e.preventDefault(); onClose(false); }}>
      <form onSubmit={submit} class="stack-form">
        <h2 id="new-ws-title">New workspace</h2>
        <label for="new-ws-name">Name</label>
        <input id="new-ws-name" class="input" value={name} autofocus required onInput={(e) => setName(e.currentTarget.value)} />
        <label for="new-ws-slug">Short name (optional: a-z, 0-9, -)</label>
        <input id="new-ws-slug" class="input input-mono" value={slug} pattern="[a-z0-9-]{2,40}" onInput={(e) => setSlug(e.currentTarget.value)} />
        {error && <p class="error-text" role="alert">{error}</p>}
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => onClose(false)}>Cancel</button>
          <button type="submit" class="btn btn-primary" disabled={!name.trim()}>Create</button>
        </div>
      </form>
    </dialog>
  );
}
