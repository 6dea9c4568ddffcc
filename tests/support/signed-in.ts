import { randomInt } from "node:crypto";
import type { Page } from "playwright-core";
import { Client } from "./http";

// Session cookies by origin and e-mail. The e2e files share this module (isolate: false), but each
// file signs in its own tenant's users; the root origin's operator session may serve several files.
const sessions = new Map<string, { name: string; value: string }[]>();

/**
 * `page` signed in as `user` without the login form, for tests that are not about signing in:
 * the first call per user and origin posts to the real credentials endpoint (Auth.js, the password
 * checked, a session row made), later calls reuse that session's cookie. Then the page opens
 * `landing` and must stay there (without one: "/", and any page but the login form), so a cookie
 * the app refuses fails here. The form itself stays covered by the tests that use signIn
 * (browser.ts): foundation, two-factor, operator two-factor, accessibility, slug change.
 */
export async function signedIn(page: Page, origin: string, user: { email: string; password: string }, landing?: string): Promise<void> {
  // Its own client address, as signIn gives each page (the app counts some limits per IP).
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(1, 255)}` });
  const key = `${origin} ${user.email}`;
  let cookies = sessions.get(key);
  if (!cookies) {
    // Node does not resolve *.localhost: the client speaks to 127.0.0.1 with the origin's Host.
    const url = new URL(origin);
    const client = new Client(Number(url.port), url.host);
    const err = await client.login(user.email, user.password);
    if (err) throw new Error(`sign-in of ${user.email} on ${origin} refused: ${err}`);
    cookies = [...client.cookies].map(([name, value]) => ({ name, value }));
    sessions.set(key, cookies);
  }
  await page.context().addCookies(cookies.map((c) => ({ ...c, url: origin })));
  await page.goto(`${origin}${landing ?? "/"}`);
  const arrived = landing === undefined ? !new URL(page.url()).pathname.startsWith("/login") : page.url() === `${origin}${landing}`;
  if (!arrived) throw new Error(`signed-in page for ${user.email} opened ${landing ?? "/"} but is at ${page.url()}`);
}
