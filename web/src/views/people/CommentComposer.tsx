import { useEffect, useRef, useState } from "preact/hooks";
import { mentionCandidates, mentionQuery, mentionsIn, mentionText } from "../../state/comments";
import type { Member } from "../../types";

interface Props {
  members: Member[];
  label: string;
  submitLabel: string;
  initial?: string;
  autofocus?: boolean;
  /** Posts; resolves to an error message, or null when done (the field then clears). */
  onSubmit(body: string, mentions: string[]): Promise<string | null>;
  onCancel?(): void;
}

/** A comment box: Ctrl/⌘+Enter posts; typing "@" offers workspace members and the picked ones are sent as mentions. */
export function CommentComposer({ members, label, submitLabel, initial = "", autofocus, onSubmit, onCancel }: Props) {
  const [body, setBody] = useState(initial);
  const [picked, setPicked] = useState<Member[]>(() => members.filter((m) => initial.includes(mentionText(m))));
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const candidates = query ? mentionCandidates(members, query.query) : [];
  useEffect(() => { if (autofocus) field.current?.focus(); }, []);

  const pick = (m: Member) => {
    if (!query) return;
    const el = field.current!;
    const caret = el.selectionStart ?? body.length;
    const text = `${mentionText(m)} `;
    const next = body.slice(0, query.start) + text + body.slice(caret);
    setBody(next);
    setPicked((p) => (p.some((x) => x.email === m.email) ? p : [...p, m]));
    setQuery(null);
    requestAnimationFrame(() => { el.focus(); el.selectionStart = el.selectionEnd = query.start + text.length; });
  };

  const submit = async (e?: Event) => {
    e?.preventDefault();
    const text = body.trim();
    if (!text || busy) return;
    setBusy(true);
    const failed = await onSubmit(text, mentionsIn(text, picked));
    setBusy(false);
    setError(failed);
    if (!failed) { setBody(""); setPicked([]); }
  };

  return (
    <form class="comment-composer" onSubmit={submit}>
      <textarea ref={field} class="input comment-input" rows={2} aria-label={label} value={body} placeholder="Write a comment… (@ to mention)"
        onInput={(e) => {
          const el = e.currentTarget;
          setBody(el.value);
          setQuery(mentionQuery(el.value, el.selectionStart ?? el.value.length));
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (candidates.length > 0) {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); setActive((a) => (a + (e.key === "ArrowDown" ? 1 : candidates.length - 1)) % candidates.length); return; }
            if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); pick(candidates[active]!); return; }
            if (e.key === "Escape") { e.preventDefault(); setQuery(null); return; }
          }
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void submit(); }
          if (e.key === "Escape" && onCancel) onCancel();
        }} />
      {candidates.length > 0 && (
        <ul class="mention-picker" role="listbox" aria-label="Mention a member">
          {candidates.map((m, i) => (
            <li role="option" aria-selected={i === active} class={i === active ? "active" : ""} onMouseDown={(e) => { e.preventDefault(); pick(m); }}>
              <strong>{m.name || m.email}</strong> <span class="muted">{m.email}</span>
            </li>
          ))}
        </ul>
      )}
      {error && <p class="error-text" role="alert">{error}</p>}
      <div class="comment-actions">
        {onCancel && <button type="button" class="btn btn-small" onClick={onCancel}>Cancel</button>}
        <button type="submit" class="btn btn-primary btn-small" disabled={!body.trim() || busy}>{submitLabel}</button>
      </div>
    </form>
  );
}
