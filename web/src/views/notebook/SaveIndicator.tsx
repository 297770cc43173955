import type { RealtimeStatus } from "../../realtime/realtime";
import type { SaveStatus } from "../../state/autosave";

const SAVE_TEXT: Record<SaveStatus, string> = {
  saved: "Saved", unsaved: "Editing…", saving: "Saving…", offline: "Offline — edits kept", conflict: "Conflict — choose a version",
  signedOut: "Signed out — edits kept", failed: "Not saved — edits kept",
};

/** Save state and live-connection state, side by side in the toolbar. */
export function SaveIndicator({ save, live }: { save: SaveStatus; live: RealtimeStatus }) {
  const liveText = live === "connected" ? "Live" : live === "disconnected" ? "Not live" : "Connecting…";
  return (
    <span class="status-group">
      <span class={`save-status save-${save}`} role="status" aria-live="polite" data-save={save}>{SAVE_TEXT[save]}</span>
      <span class={`live-status live-${live}`} title={live === "connected" ? "Receiving live updates" : "Reconnecting to live updates"} data-live={live}>
        <span class="live-dot" aria-hidden="true" />{liveText}
      </span>
    </span>
  );
}
