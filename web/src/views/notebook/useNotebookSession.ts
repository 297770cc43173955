import { useEffect, useMemo } from "preact/hooks";
import { api } from "../../api/client";
import { backendReachable, checkBackend, realtime } from "../../app/backend";
import { NotebookSession } from "../../session/notebookSession";

/** Opens a session for the page's lifetime; re-reads the project when the backend comes back. */
export function useNotebookSession(projectId: string): NotebookSession {
  const session = useMemo(() => new NotebookSession(api, realtime, projectId), [projectId]);
  useEffect(() => {
    void session.start();
    let wasDown = false;
    const off = backendReachable.subscribe((up) => {
      if (up && wasDown) void session.load();
      wasDown = !up;
    });
    const offLive = session.connection.subscribe((s) => {
      if (s === "reconnecting") checkBackend();
    });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (Object.keys(session.autosave.snapshot().drafts).length > 0) {
        void session.autosave.flush();
        e.preventDefault();
      }
    };
    // The tab is going: tell the others at once (a keepalive DELETE outlives the page).
    const pageHide = () => session.presence.leave();
    window.addEventListener("beforeunload", beforeUnload);
    window.addEventListener("pagehide", pageHide);
    return () => {
      off();
      offLive();
      window.removeEventListener("beforeunload", beforeUnload);
      window.removeEventListener("pagehide", pageHide);
      void session.stop();
    };
  }, [session]);
  return session;
}
