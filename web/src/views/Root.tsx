import { useEffect } from "preact/hooks";
import { boot, startApp } from "../app/boot";
import { useStore } from "../app/useStore";
import { App } from "./App";
import { DevSignIn } from "./people/DevSignIn";

/** Sign-in first (by the server's mode), then the app. */
export function Root() {
  const state = useStore(boot);
  useEffect(() => void startApp(), []);
  switch (state.stage) {
    case "loading":
      return <main class="page empty-page"><p class="muted">Signing in…</p></main>;
    case "error":
      return (
        <main class="page empty-page">
          <p class="notice notice-error" role="alert">{state.message}</p>
          <button type="button" class="btn" onClick={() => location.reload()}>Try again</button>
        </main>
      );
    case "needsToken":
      return <DevSignIn auth={state.auth} reason={state.reason} />;
    case "ready":
      return <App />;
  }
}
