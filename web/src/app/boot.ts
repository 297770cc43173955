import { api } from "../api/client";
import type { Auth, DevAuth } from "../auth/auth";
import { startAuth } from "../auth/startAuth";
import { Store } from "../state/store";
import { people } from "./backend";

export type BootState =
  | { stage: "loading" }
  | { stage: "needsToken"; auth: DevAuth; reason: string | null }
  | { stage: "ready"; auth: Auth }
  | { stage: "error"; message: string };

/** Where the app is in starting up: sign-in first, then who I am, then the pages. */
export const boot = new Store<BootState>({ stage: "loading" });

export async function startApp(): Promise<void> {
  const started = await startAuth(api, localStorage, (auth, reason) => boot.set({ stage: "needsToken", auth, reason }));
  if (started.kind === "error") return boot.set({ stage: "error", message: started.message });
  if (started.kind === "needsToken") return boot.set({ stage: "needsToken", auth: started.auth, reason: started.reason });
  await finishSignIn(started.auth);
}

/** Reads who I am with the new sign-in, then shows the app. */
export async function finishSignIn(auth: Auth): Promise<void> {
  boot.set({ stage: "loading" });
  const failed = await people.load();
  if (boot.value.stage === "needsToken") return; // the token was refused (401) while loading
  boot.set(failed ? { stage: "error", message: failed } : { stage: "ready", auth });
}
