import type { Locator, Page } from "playwright-core";

/** What shows that a page's data has come, for pages whose data comes after its h1. */
export type Ready = (page: Page) => Locator;

/**
 * Opens `path` and waits until it has its data: its h1, `ready` if given, no skeleton left (a query
 * that fails and retries keeps its skeleton, so its error comes before the page is left). Returns
 * "HTTP <status>" for an answer of 400 or more, else null.
 * Not networkidle: its 500 ms of quiet per page cost a third of a page walk's time.
 */
export async function openReady(page: Page, origin: string, path: string, ready?: Ready): Promise<string | null> {
  const res = await page.goto(`${origin}${path}`);
  if ((res?.status() ?? 0) >= 400) return `HTTP ${res?.status()}`;
  await page.locator("main h1").first().waitFor({ timeout: 10_000 });
  if (ready) await ready(page).first().waitFor({ timeout: 10_000 });
  // Skeletons (role="status" aria-busy, or the bare Skeleton block) are gone once its queries have answered.
  await page.waitForFunction(() => !document.querySelector('main [role="status"][aria-busy="true"], main [data-slot="skeleton"]'), undefined, { timeout: 8_000 });
  return null;
}
