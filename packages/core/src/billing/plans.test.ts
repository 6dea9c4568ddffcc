import { describe, expect, it } from "vitest";
import { checkoutIntervals } from "./plans";

const stripe = (monthlyPriceId: string | null, yearlyPriceId: string | null) => ({ stripe: { productId: null, monthlyPriceId, yearlyPriceId, overagePriceId: null } });

describe("checkoutIntervals", () => {
  it("offers online checkout only in the intervals the plan has a Stripe price for", () => {
    expect(checkoutIntervals(stripe(null, null))).toEqual({ month: false, year: false }); // catalog never synced
    expect(checkoutIntervals(stripe("price_m", null))).toEqual({ month: true, year: false });
    expect(checkoutIntervals(stripe("price_m", "price_y"))).toEqual({ month: true, year: true });
  });
});
