import { describe, expect, it } from "vitest";
import { dashboardBundles, ROUTE_BUDGET } from "../load/dashboard-bundles";

// The front-end budget (issue 14, docs/architecture.md "Front-end budget") held on every build the
// suite runs on, not only when someone runs `pnpm bench`: a page that grows past it fails here,
// naming the route and its gzipped First Load JS.
describe("front-end budget", () => {
  it("keeps every route's First Load JS within 200 KB gzipped", () => {
    const routes = dashboardBundles();
    expect(routes.length).toBeGreaterThan(30);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const over = routes.filter((r) => r.gzip > ROUTE_BUDGET).map((r) => `${r.route}: ${kb(r.gzip)}`);
    expect(over).toEqual([]);
  });
});
