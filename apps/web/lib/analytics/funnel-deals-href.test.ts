import { describe, expect, it } from "vitest";
import { LIST_PARAMS, listFiltersFrom } from "@/lib/crm/list-params";
import { paramsOf } from "@/lib/url-params";
import { funnelDealsHref } from "./funnel-deals-href";

const PIPELINE = "0b6f3c1e-2a4d-4e8f-9c10-1234567890ab";

describe("the sales funnel's Ver negócios", () => {
  it("opens the list of the funnel's pipeline filtered to the period, as the list reads its address", () => {
    const href = funnelDealsHref({ from: "2026-11-01", to: "2026-11-30" }, PIPELINE)!;
    const url = new URL(href, "http://x");
    expect(url.pathname).toBe("/deals");
    expect([url.searchParams.get("view"), url.searchParams.get("pipeline")]).toEqual(["list", PIPELINE]);
    expect(listFiltersFrom(paramsOf(url.searchParams), LIST_PARAMS.deal)).toEqual({ from: "2026-11-01", to: "2026-11-30" });
  });

  it("has no such list when the dashboard is narrowed to an inbox or a team, or there is no pipeline", () => {
    expect(funnelDealsHref({ from: "2026-11-01", to: "2026-11-30", inboxId: PIPELINE }, PIPELINE)).toBeNull();
    expect(funnelDealsHref({ from: "2026-11-01", to: "2026-11-30", teamId: PIPELINE }, PIPELINE)).toBeNull();
    expect(funnelDealsHref({ from: "2026-11-01", to: "2026-11-30" }, null)).toBeNull();
  });
});
