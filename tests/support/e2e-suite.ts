import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser";
import { closeOwner, createTenant, type FixtureTenant } from "./fixtures";

/**
 * The set-up an e2e file shares with the others: a Chromium and a fresh tenant, made in a
 * beforeAll, and in an afterAll the browser closed and then the owner pool. Call it at the top of
 * the file, before the file's own hooks: its beforeAll comes first, so the file's beforeAll may
 * seed tenant(), and vitest runs afterAll hooks last-registered first, so the file's afterAll
 * still has the browser and the pool.
 *
 * `extra(start)`: something more the tests use (an embedding site, a stand-in), started once the
 * tenant is made, after the extras registered before it; closed before the browser, the last
 * started first.
 */
export function e2eSuite() {
  let browser: Browser | undefined;
  let tenant: FixtureTenant | undefined;
  const started: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    tenant = await createTenant();
  });
  afterAll(async () => {
    for (const x of started.reverse()) await x.close();
    await browser?.close();
    await closeOwner();
  });

  return {
    browser: () => browser ?? unset("browser"),
    tenant: () => tenant ?? unset("tenant"),
    extra<T extends { close(): Promise<void> }>(start: (tenant: FixtureTenant) => Promise<T>): () => T {
      let value: T | undefined;
      beforeAll(async () => {
        value = await start(tenant ?? unset("tenant"));
        started.push(value);
      });
      return () => value ?? unset("extra");
    },
  };
}

function unset(what: string): never {
  throw new Error(`e2eSuite: the ${what} is made in beforeAll; use it in a hook or a test`);
}
