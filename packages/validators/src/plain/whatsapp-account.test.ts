import { describe, expect, it } from "vitest";
import { activeRestriction, WA_DISCONNECT_REASONS, WA_DISCONNECTED_TEXT, WA_RECONNECT_REASONS, type WaRestriction } from "./whatsapp-account";
import { inboxSettingsSchema } from "../inbox";

describe("WhatsApp disconnect reasons: one pt-BR text", () => {
  it("every reason the settings accept has its words, and the reconnectable ones are reasons", () => {
    for (const reason of WA_DISCONNECT_REASONS) {
      expect(WA_DISCONNECTED_TEXT[reason].length).toBeGreaterThan(20);
      expect(inboxSettingsSchema.parse({ waDisconnected: { reason, event: "X", at: "2026-12-07T10:00:00.000Z" } }).waDisconnected?.reason).toBe(reason);
    }
    expect(Object.keys(WA_DISCONNECTED_TEXT).sort()).toEqual([...WA_DISCONNECT_REASONS].sort());
    expect(WA_DISCONNECTED_TEXT.token_revoked).toBe("A Meta revogou o acesso deste número. Reconecte com a Meta.");
    expect([...WA_RECONNECT_REASONS].sort()).toEqual(["account_deleted", "partner_removed", "token_revoked"]);
  });
});

describe("activeRestriction: what of Meta's restriction still holds (display side)", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  const r = (restrictions: WaRestriction["restrictions"], violationType?: string): WaRestriction => ({ event: "ACCOUNT_RESTRICTION", at: "2026-12-01T00:00:00.000Z", violationType, restrictions });

  it("keeps unexpired restrictions and those without an end; drops expired ones", () => {
    const mixed = r([{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: "2026-12-08T00:00:00.000Z" }, { type: "RESTRICTED_ADD_PHONE_NUMBER_ACTION", expiresAt: "2026-12-07T11:59:59.000Z" }, { type: "OTHER" }]);
    expect(activeRestriction(mixed, now)!.restrictions.map((x) => x.type)).toEqual(["RESTRICTED_BIZ_INITIATED_MESSAGING", "OTHER"]);
  });

  it("nothing once every restriction expired, the violation that led to them included", () => {
    expect(activeRestriction(r([{ type: "RESTRICTED_BIZ_INITIATED_MESSAGING", expiresAt: "2026-12-07T11:00:00.000Z" }], "ADULT"), now)).toBeNull();
    expect(activeRestriction(undefined, now)).toBeNull();
  });

  it("a violation alone (no restriction yet) is shown, even without a type", () => {
    expect(activeRestriction(r([], "ADULT"), now)).toMatchObject({ violationType: "ADULT" });
    expect(activeRestriction(r([], ""), now)).toMatchObject({ violationType: "" });
    expect(activeRestriction(r([]), now)).toBeNull();
  });
});
