import { describe, expect, it } from "vitest";
import { leadSenderKeys, nextKeys, senderKeys } from "./sender-locks";

const T = "00000000-0000-4000-8000-000000000001";

describe("leadSenderKeys", () => {
  it("are the keys each sender reaching the lead locks: phone, BSUID, visitor, API id", () => {
    const wa = leadSenderKeys(T, { wa_id: "5511999990000", wa_user_id: "BR.abc", wa_parent_user_id: null, visitor_id: null });
    expect(wa).toEqual(senderKeys(T, { kind: "whatsapp", waId: "5511999990000", userId: "BR.abc" }));
    expect(wa).toEqual(expect.arrayContaining([...senderKeys(T, { kind: "whatsapp", waId: "5511999990000" }), ...senderKeys(T, { kind: "whatsapp", userId: "BR.abc" })]));
    expect(leadSenderKeys(T, { wa_id: null, wa_user_id: null, wa_parent_user_id: null, visitor_id: "v-1" })).toEqual(senderKeys(T, { kind: "visitor", visitorId: "v-1" }));
    // An API lead's visitor_id is `api:<external id>` (leads/identify.ts).
    expect(leadSenderKeys(T, { wa_id: null, wa_user_id: null, wa_parent_user_id: null, visitor_id: "api:crm-42" })).toEqual(senderKeys(T, { kind: "api", externalId: "crm-42" }));
    expect(leadSenderKeys(T, { wa_id: null, wa_user_id: null, wa_parent_user_id: null, visitor_id: null })).toEqual([]);
  });

  it("hold the parent BSUID: a message from another portfolio's BSUID finds the lead by it alone", () => {
    const keys = leadSenderKeys(T, { wa_id: null, wa_user_id: "BR.abc", wa_parent_user_id: "BR.ENT.xyz", visitor_id: null });
    expect(keys).toEqual(senderKeys(T, { kind: "whatsapp", userId: "BR.abc", parentUserId: "BR.ENT.xyz" }));
    expect(keys).toEqual(expect.arrayContaining(senderKeys(T, { kind: "whatsapp", parentUserId: "BR.ENT.xyz" })));
  });

  it("come sorted as the inbound path takes them, so two transactions never wait on each other crosswise", () => {
    const keys = leadSenderKeys(T, { wa_id: "5511999990000", wa_user_id: "BR.abc", wa_parent_user_id: null, visitor_id: "v-1" });
    expect(keys).toHaveLength(3);
    expect(keys).toEqual([...keys].sort());
  });
});

describe("nextKeys", () => {
  it("waits only for keys above every held one, in order, and only tries the others (no cycle with a sender taking its keys in order)", () => {
    expect(nextKeys([], ["c", "a", "b"])).toEqual({ wait: ["a", "b", "c"], attempt: [] });
    expect(nextKeys(["b"], ["a", "b", "d", "c"])).toEqual({ wait: ["c", "d"], attempt: ["a"] });
    expect(nextKeys(["a", "b"], ["b", "a"])).toEqual({ wait: [], attempt: [] });
  });
});
