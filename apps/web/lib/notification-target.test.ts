import { describe, expect, it } from "vitest";
import { targetOf } from "./notification-target";

const id = "0b6d7a52-7f4b-4c8e-9a37-5b1f0c2d9e11";

describe("targetOf", () => {
  it("leads to the conversation, the deal, the board of a bulk assignment, the lead, or the LGPD requests", () => {
    expect(targetOf("conversation_assigned", { conversationId: id })).toBe(`/inbox?c=${id}`);
    expect(targetOf("deal_assigned", { dealId: id, title: "Plano" })).toBe(`/deals/${id}`);
    expect(targetOf("deal_assigned", { count: 3, ownerId: id })).toBe(`/deals?owner=${id}`);
    expect(targetOf("meeting_booked", { leadId: id, meetingId: id })).toBe(`/leads/${id}`);
    expect(targetOf("privacy_request", { requestId: id, protocol: "LGPD-1" })).toBe("/privacy");
  });
  it("an activity's reminder leads to what it is about, a deal before a lead, else to the agenda", () => {
    expect(targetOf("activity_due", { activityId: id, dealId: id, leadId: "x" })).toBe(`/deals/${id}`);
    expect(targetOf("activity_due", { activityId: id, contactId: id })).toBe(`/contacts/${id}`);
    expect(targetOf("activity_due", { activityId: id, companyId: id })).toBe(`/companies/${id}`);
    expect(targetOf("activity_due", { activityId: id, title: "Ligar" })).toBe("/activities");
    expect(targetOf("activity_assigned", { activityId: id, title: "Ligar" })).toBe("/activities");
    // A deactivated person's open activities, transferred ("Transferir carteira"): one notification with the count.
    expect(targetOf("activities_assigned", { count: 4 })).toBe("/activities");
  });
  it("leads nowhere on data it does not know", () => {
    expect(targetOf("something_new", { other: 1 })).toBeNull();
    expect(targetOf("deal_assigned", null)).toBeNull();
    expect(targetOf("conversation_assigned", { conversationId: 42 })).toBeNull();
  });
});
