import { describe, expect, it } from "vitest";
import { identityPatch } from "./whatsapp-identity";

const lead = { name: null, phone: null, wa_id: null, wa_user_id: null, wa_parent_user_id: null, wa_username: null };

describe("identityPatch", () => {
  it("changes nothing when the webhook says what the lead already holds", () => {
    expect(identityPatch({ ...lead, name: "Ana", phone: "+5511987654321", wa_id: "5511987654321", wa_user_id: "BR.1" }, { waId: "5511987654321", userId: "BR.1", profileName: "Outra" })).toEqual({});
  });

  it("adds a revealed number (and the phone column) to a BSUID-only lead", () => {
    expect(identityPatch({ ...lead, wa_user_id: "BR.1" }, { waId: "5511987654321", userId: "BR.1" })).toEqual({ wa_id: "5511987654321", phone: "+5511987654321" });
  });

  it("follows a number change unless someone typed another phone", () => {
    expect(identityPatch({ ...lead, wa_id: "5511900000001", phone: "+5511900000001" }, { waId: "5511900000002" })).toEqual({ wa_id: "5511900000002", phone: "+5511900000002" });
    expect(identityPatch({ ...lead, wa_id: "5511900000001", phone: "+55 11 3333-0000" }, { waId: "5511900000002" })).toEqual({ wa_id: "5511900000002" });
  });

  it("takes new business-scoped ids and usernames, and a profile name only when the lead has no name", () => {
    expect(identityPatch({ ...lead, wa_id: "1", wa_username: "old" }, { waId: "1", userId: "BR.2", parentUserId: "BR.ENT.3", username: "new", profileName: "Bia" })).toEqual({
      wa_user_id: "BR.2",
      wa_parent_user_id: "BR.ENT.3",
      wa_username: "new",
      name: "Bia",
    });
  });
});
