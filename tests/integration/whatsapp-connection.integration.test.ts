import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "../support/app-env";
import { graphAppSuite, type GraphApp } from "../support/graph-app";
import { signedInClients } from "../support/sessions";
import { connectWhatsAppNumber, type FixtureTenant } from "../support/fixtures";
import { Client } from "../support/http";
import { type GraphStandIn, type StandInPhoneNumber } from "../stand-ins/graph-api";

// "Testar conexão" on a WhatsApp inbox: Meta (the Graph stand-in) asked for the number with the
// inbox's own token. Creation already asked it once; this says, later, whether the token still
// opens the phone_number_id, or which of the two went wrong.

let graph: GraphStandIn;
let app: GraphApp["app"];
let a: FixtureTenant;
let b: FixtureTenant;
const as = signedInClients(() => app);
/**
 * A WhatsApp inbox for a number Meta knows (creation asks it): on its own app, seen by that app's
 * token; else on the platform app through Embedded Signup.
 */
async function whatsappInbox(t: FixtureTenant, number: StandInPhoneNumber, ownApp?: { accessToken: string; appSecret: string }) {
  const phone = String(randomInt(1e12, 9e12));
  if (!ownApp) {
    const connected = await connectWhatsAppNumber(await as(t), graph.baseUrl, { phoneNumberId: phone, number });
    expect(connected.error).toBeNull();
    return { id: connected.data!.inbox.id, phone };
  }
  graph.addPhoneNumber(phone, number, { token: ownApp.accessToken });
  const created = await (await as(t)).trpc<{ inbox: { id: string } }>("mutation", "inboxes.create", { channel: "whatsapp", name: "WhatsApp", phoneNumberId: phone, ownApp });
  expect(created.error).toBeNull();
  return { id: created.data!.inbox.id, phone };
}
type Check = { ok: true; profile: Record<string, string | null> } | { ok: false; problem: string; detail: string };
const check = async (c: Client, inboxId: string) => c.trpc<Check>("mutation", "whatsapp.checkConnection", { inboxId });

graphAppSuite((s) => ({ graph, app, a, b } = s));

describe("WhatsApp connection check", () => {
  it("shows the number as Meta knows it: display number, verified name and its review, quality, daily limit", async () => {
    const inbox = await whatsappInbox(a, { display_phone_number: "+55 11 4000-1234", verified_name: "Loja Exemplo", quality_rating: "GREEN", name_status: "APPROVED", messaging_limit_tier: "TIER_1K" });
    const r = await check(await as(a), inbox.id);
    expect(r.error).toBeNull();
    expect(r.data).toEqual({ ok: true, profile: { displayPhoneNumber: "+55 11 4000-1234", verifiedName: "Loja Exemplo", qualityRating: "green", nameStatus: "approved", messagingLimitTier: "tier_1k" } });
    // The check's own request, with the business token the signup obtained (the signup asked once before with it too).
    const asked = graph.requests.filter((q) => q.method === "GET" && q.path.startsWith(`/v25.0/${inbox.phone}?fields=`));
    expect(asked).toHaveLength(2);
    expect(asked.at(-1)?.headers.authorization).toBe(asked[0]!.headers.authorization);
    expect(asked.at(-1)?.headers.authorization).not.toBe(`Bearer ${TEST_KEYS.waAccessToken}`);
  });

  it("says which part is wrong later on: a number the token no longer sees, a token Meta now refuses", async () => {
    // Both were right when the inboxes were created (Meta was asked then).
    const moved = await whatsappInbox(a, { display_phone_number: "+55 11 4000-4321", verified_name: "Loja Exemplo", quality_rating: "GREEN" });
    graph.addPhoneNumber(moved.phone, { display_phone_number: "+55 11 4000-4321", verified_name: "Outra Loja", quality_rating: "GREEN" }, { token: "EAAG-de-outra-empresa" });
    expect((await check(await as(a), moved.id)).data).toMatchObject({ ok: false, problem: "number" });
    const ownToken = await whatsappInbox(a, { display_phone_number: "+55 21 4000-9999", verified_name: "Loja Rio", quality_rating: "YELLOW" }, { accessToken: "EAAG-revogado-123", appSecret: "segredo-do-app" });
    graph.revokeToken("EAAG-revogado-123");
    const refused = await check(await as(a), ownToken.id);
    expect(refused.data).toMatchObject({ ok: false, problem: "token" });
    expect((refused.data as { detail: string }).detail).toContain("190");
  });

  it("only the inbox's own tenant and its admins; a web inbox has no Meta connection", async () => {
    const inbox = await whatsappInbox(a, { display_phone_number: "+55 11 4000-5678", verified_name: "Loja Exemplo", quality_rating: "GREEN" });
    const before = graph.requests.length;
    expect((await check(await as(b), inbox.id)).error?.data?.code).toBe("NOT_FOUND");
    expect((await check(await as(a, "agent"), inbox.id)).error?.data?.code).toBe("FORBIDDEN");
    const web = await (await as(a)).trpc<{ inbox: { id: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site" });
    expect((await check(await as(a), web.data!.inbox.id)).error?.data?.code).toBe("BAD_REQUEST");
    expect((await check(await as(a), "not-a-uuid")).error?.data?.code).toBe("BAD_REQUEST");
    // None of these reached Meta.
    expect(graph.requests.length).toBe(before);
  });
});
