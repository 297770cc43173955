import { backendReachable } from "../app/backend";
import { useStore } from "../app/useStore";

/** Shown while the backend does not answer; it goes away by itself when the server is back. */
export function OfflineBanner() {
  const reachable = useStore(backendReachable);
  if (reachable) return null;
  return (
    <div class="banner banner-offline" role="alert">
      <span class="spinner" aria-hidden="true" /> Can't reach the Sept server. Your edits are kept and will be saved when it is back — reconnecting…
    </div>
  );
}
