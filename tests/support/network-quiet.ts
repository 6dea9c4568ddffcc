import type { Page, Request } from "playwright-core";

/**
 * The page's requests in flight, counted as Playwright counts them for goto's waitUntil
 * "networkidle" (event streams and the favicon left out). `quiet()` waits until none is in flight
 * and none started or ended for `quietMs`: networkidle's condition, with its fixed 500 ms of quiet
 * per navigation made shorter (the callers also wait for the page's heading and its data). Like
 * Playwright's, the count starts over with each new document of the main frame.
 * Call it before the page's first navigation.
 */
export function watchRequests(page: Page) {
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const excluded = (r: Request) => r.resourceType() === "eventsource" || r.url().endsWith("/favicon.ico");
  page.on("request", (r) => {
    if (excluded(r)) return;
    inFlight.add(r);
    lastChange = Date.now();
  });
  const ended = (r: Request) => {
    if (inFlight.delete(r)) lastChange = Date.now();
  };
  page.on("requestfinished", ended);
  page.on("requestfailed", ended);
  // A new document in the main frame: the old one's requests are gone (not all of them report an
  // end); only the document's own request is kept, as Playwright does (Frame._onClearLifecycle).
  page.on("framenavigated", (frame) => {
    if (frame !== page.mainFrame()) return;
    for (const r of inFlight) if (!(r.isNavigationRequest() && r.frame() === frame && r.url() === frame.url())) inFlight.delete(r);
    lastChange = Date.now();
  });
  return {
    async quiet(quietMs = 150, timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (inFlight.size > 0 || Date.now() - lastChange < quietMs) {
        if (Date.now() > deadline) throw new Error(`requests still in flight after ${timeoutMs} ms: ${[...inFlight].map((r) => r.url()).slice(0, 5).join(", ")}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
