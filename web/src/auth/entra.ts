import { InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from "@azure/msal-browser";
import type { AuthSettings } from "../types";
import type { Auth } from "./auth";

const REAUTH_KEY = "sept.reauthAt";

/**
 * Entra ID sign-in with MSAL: redirect login, tokens for the API's scopes from the cache (silent), a redirect when
 * the cache can't help. Resolves only when an account is signed in; otherwise the page navigates to the login.
 */
export async function entraAuth(settings: AuthSettings): Promise<Auth> {
  if (!settings.clientId) throw new Error("The server's sign-in settings have no clientId.");
  const scopes = settings.scopes ?? [];
  const app = new PublicClientApplication({
    auth: { clientId: settings.clientId, authority: settings.authority, redirectUri: location.origin },
    cache: { cacheLocation: "localStorage" },
  });
  await app.initialize();
  const result = await app.handleRedirectPromise();
  const account: AccountInfo | undefined = result?.account ?? app.getActiveAccount() ?? app.getAllAccounts()[0];
  if (!account) {
    await app.loginRedirect({ scopes, redirectStartPage: location.href });
    return new Promise<Auth>(() => undefined); // the page is leaving for the login
  }
  app.setActiveAccount(account);
  return {
    mode: "entra",
    canSignOut: true,
    token: async () => {
      try {
        return (await app.acquireTokenSilent({ scopes, account })).accessToken;
      } catch (error) {
        if (error instanceof InteractionRequiredAuthError) await app.acquireTokenRedirect({ scopes, account });
        return null;
      }
    },
    signOut: () => void app.logoutRedirect({ account }),
    signInAgain: () => {
      // A token the API keeps refusing (wrong audience, say) must not bounce between here and the login forever.
      const last = Number(sessionStorage.getItem(REAUTH_KEY) ?? 0);
      if (Date.now() - last < 60_000) return;
      sessionStorage.setItem(REAUTH_KEY, String(Date.now()));
      void app.loginRedirect({ scopes, redirectStartPage: location.href });
    },
  };
}
