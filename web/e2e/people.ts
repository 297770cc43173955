import { createHmac } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** The app instance in Jwt mode with a development signing key (scripts/lib/e2e.sh starts it). */
export const JWT_URL = (process.env.SEPT_JWT_URL ?? "").replace(/\/$/, "");
export const DEV_KEY = process.env.SEPT_DEV_KEY ?? "";

export interface TestUser {
  id: string;
  name: string;
  email: string;
  token: string;
}

/** An HS256 token as the app's dev-key mode accepts it: issuer sept-dev, audience sept, an hour long. */
export function mintToken(user: { id: string; name: string; email: string }, key = DEV_KEY): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({
    iss: "sept-dev", aud: "sept", sub: user.id, oid: user.id, name: user.name, preferred_username: user.email, iat: now, nbf: now - 5, exp: now + 3600,
  })}`;
  return `${body}.${createHmac("sha256", Buffer.from(key, "base64")).update(body).digest("base64url")}`;
}

export function testUser(role: string, run: string): TestUser {
  const id = `e2e-${role}-${run}`;
  const user = { id, name: `${role[0]!.toUpperCase()}${role.slice(1)} ${run.slice(-4)}`, email: `${role}-${run}@e2e.sept.test` };
  return { ...user, token: mintToken(user) };
}

/** A JSON API call as a user (test setup and checks; what the tests exercise goes through the UI). */
export async function apiAs<T>(user: TestUser, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(JWT_URL + path, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${user.token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} as ${user.email} -> ${r.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A browser context signed in as the user: the token is in localStorage before the app's scripts run. */
export async function signedInPage(browser: Browser, user: TestUser | null): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  if (user) await context.addInitScript((token) => window.localStorage.setItem("sept.devToken", token), user.token);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}
