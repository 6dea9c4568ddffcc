import { describe, expect, it } from "vitest";
import type { InboxSettings } from "@vendaflow/validators/inbox";
import type { WhatsAppAccountUpdateEvent } from "@vendaflow/validators/whatsapp";
import { accountUpdateEffect, applyEffect } from "./account-update";

const base: InboxSettings = { allowedOrigins: [], schedulingUrl: "", templates: {}, waBusinessAccountId: "102290129340398" };
const ev = (event: string, seconds: number, more: Partial<WhatsAppAccountUpdateEvent> = {}): WhatsAppAccountUpdateEvent => ({ kind: "account_update", wabaId: "102290129340398", event, at: new Date(seconds * 1000), ...more });
/** Applies events in the order given (as delivered), returning the settings and how many changes would be audited. */
function deliver(settings: InboxSettings, ...events: WhatsAppAccountUpdateEvent[]) {
  let audited = 0;
  for (const e of events) {
    const r = applyEffect(settings, accountUpdateEffect(e)!, e);
    settings = r.settings;
    if (r.changed) audited++;
  }
  return { settings, audited };
}
const DISABLE = (t: number) => ev("DISABLED_UPDATE", t, { banState: "DISABLE" });
const REINSTATE = (t: number) => ev("DISABLED_UPDATE", t, { banState: "REINSTATE" });

describe("account_update out of order (Meta's entry.time)", () => {
  it("a DISABLE delivered after its REINSTATE does not disconnect again", () => {
    const r = deliver(base, REINSTATE(2000), DISABLE(1000));
    expect(r.settings.waDisconnected).toBeUndefined();
    expect(r.settings.waEventAt).toEqual({ ban: 2000 });
    expect(r.audited).toBe(0);
  });

  it("in order: DISABLE then REINSTATE, two audited changes; a late redelivery of the DISABLE is stale", () => {
    const r = deliver(base, DISABLE(1000), REINSTATE(2000), DISABLE(1000));
    expect(r.settings.waDisconnected).toBeUndefined();
    expect(r.audited).toBe(2);
  });

  it("a redelivery (same time, same state) returns the very settings: nothing written", () => {
    const once = deliver(base, DISABLE(1000)).settings;
    expect(applyEffect(once, accountUpdateEffect(DISABLE(1000))!, DISABLE(1000))).toEqual({ settings: once, changed: false });
  });

  it("kinds are ordered apart: a late DISABLE still counts after a newer restriction event", () => {
    const r = deliver(base, ev("ACCOUNT_RESTRICTION", 3000, { restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING" }] }), DISABLE(1000));
    expect(r.settings.waDisconnected).toMatchObject({ reason: "banned" });
    expect(r.settings.waEventAt).toEqual({ restriction: 3000, ban: 1000 });
  });
});

describe("ACCOUNT_VIOLATION / ACCOUNT_RESTRICTION: a warning, never a disconnection", () => {
  it("records the violation, then the restriction keeps it; an ACCOUNT_RESTRICTION without entries lifts both", () => {
    const violated = deliver(base, ev("ACCOUNT_VIOLATION", 1000, { violationType: "ADULT" })).settings;
    expect(violated.waRestriction).toEqual({ event: "ACCOUNT_VIOLATION", at: new Date(1000_000).toISOString(), violationType: "ADULT", restrictions: [] });
    const restricted = deliver(violated, ev("ACCOUNT_RESTRICTION", 1100, { restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: "2026-12-10T00:00:00.000Z" }] })).settings;
    expect(restricted.waRestriction).toMatchObject({ event: "ACCOUNT_RESTRICTION", violationType: "ADULT", restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING" }] });
    expect(restricted.waDisconnected).toBeUndefined();
    const lifted = deliver(restricted, ev("ACCOUNT_RESTRICTION", 1200, { restrictions: [] }));
    expect(lifted.settings.waRestriction).toBeUndefined();
    expect(lifted.audited).toBe(1);
    // The older restriction delivered again after the lift stays lifted.
    expect(deliver(lifted.settings, ev("ACCOUNT_RESTRICTION", 1100, { restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING" }] })).settings.waRestriction).toBeUndefined();
  });
});

describe("a redelivery of settings read back from jsonb (its own key order)", () => {
  it("is still the same state: nothing written, nothing audited", () => {
    const restricted = ev("ACCOUNT_RESTRICTION", 1100, { restrictions: [{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: "2026-12-10T00:00:00.000Z" }] });
    const once = deliver(base, ev("ACCOUNT_VIOLATION", 1000, { violationType: "ADULT" }), restricted).settings;
    const reorder = (v: unknown): unknown => (Array.isArray(v) ? v.map(reorder) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v);
    const stored = reorder(once) as InboxSettings;
    expect(applyEffect(stored, accountUpdateEffect(restricted)!, restricted)).toEqual({ settings: stored, changed: false });
  });
});
