import { useState } from "preact/hooks";
import { finishSignIn } from "../../app/boot";
import { DEV_TOKEN_KEY, type DevAuth } from "../../auth/auth";

/** Dev mode without a token: how to get one, and a field to paste it. */
export function DevSignIn({ auth, reason }: { auth: DevAuth; reason: string | null }) {
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    if (!auth.save(token)) return setError("That does not look like a JWT (three dot-separated parts).");
    void finishSignIn(auth);
  };
  return (
    <main class="page sign-in-page">
      <h1><span class="brand-mark" aria-hidden="true">◆</span> Sign in to Sept</h1>
      <p class="muted">
        This server runs in development sign-in mode: it accepts HS256 tokens signed with its development key
        (<code>Sept:Auth:DevSigningKey</code>, issuer <code>sept-dev</code>, audience <code>sept</code>, claims
        <code> sub</code>, <code>name</code>, <code>preferred_username</code>, <code>exp</code>). Ask whoever runs it for a token, or mint one
        with that key, and paste it here. It is kept in this browser (<code>localStorage["{DEV_TOKEN_KEY}"]</code>).
      </p>
      {reason && <p class="notice notice-error" role="alert">{reason}</p>}
      <form class="sign-in-form" onSubmit={submit}>
        <label for="dev-token">Token</label>
        <textarea id="dev-token" class="input token-input" rows={4} value={token} placeholder="eyJhbGciOiJIUzI1NiJ9.…"
          onInput={(e) => { setToken(e.currentTarget.value); setError(null); }} />
        {error && <p class="error-text">{error}</p>}
        <button class="btn btn-primary" type="submit" disabled={!token.trim()}>Sign in</button>
      </form>
    </main>
  );
}
