import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { signedInClients } from "../support/sessions";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";

// Creating a WhatsApp inbox on its own Meta app (or naming another WABA for it) asks Meta first,
// with the token that will serve the inbox: a typo, a number the token cannot see, a number of
// another WABA or a refused token are pt-BR errors on their form field, and nothing is stored (no
// inbox, no audit row); Meta unreachable is a 503 to try again, nothing stored either. On the
// platform app a phone-number id is not enough at all: Embedded Signup is the only way in
// (whatsapp-embedded-signup.integration.test.ts).

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let t: FixtureTenant;
const as = signedInClients(() => app);
const newId = () => String(randomInt(1e12, 9e12));
const settings = { allowedOrigins: [], schedulingUrl: "", templates: {} };
const profile = { display_phone_number: "+55 11 4002-8922", verified_name: "Loja Exemplo", quality_rating: "GREEN" as const };

type Created = { inbox: { id: string; settings: Record<string, unknown> } };
const create = async (input: Record<string, unknown>) => (await as(t)).trpc<Created>("mutation", "inboxes.create", { channel: "whatsapp", name: "WhatsApp", settings, ...input });
const stored = async (phoneNumberId: string) => (await owner().query("select id, settings from inboxes where wa_phone_number_id = $1", [phoneNumberId])).rows;
const audited = async () => Number((await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'inbox.create'", [t.id])).rows[0].n);
/** The tenant's own Meta app: its token sees the numbers registered with it. */
const OWN = "EAAG-token-proprio-da-loja";
const ownApp = { accessToken: OWN, appSecret: "segredo-do-app" };
const askedFor = (id: string) => graph.requests.filter((r) => r.method === "GET" && r.path.startsWith(`/v25.0/${id}?fields=`));

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  t = await createTenant();
  // The stand-in knows the own app's token once a number is registered with it.
  graph.addPhoneNumber(newId(), profile, { token: OWN });
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

describe("creating a WhatsApp inbox asks Meta for the number", () => {
  it("a number Meta knows in the named WABA is stored with its display number and verified name (a forged one is dropped)", async () => {
    const id = newId();
    const waba = newId();
    graph.addPhoneNumber(id, profile, { wabaId: waba, token: OWN });
    graph.addPhoneNumber(newId(), { ...profile, display_phone_number: "+55 11 4002-0000" }, { wabaId: waba, token: OWN });
    const r = await create({ phoneNumberId: id, ownApp, settings: { ...settings, waBusinessAccountId: waba, waDisplayPhoneNumber: "+1 555 0000" } });
    expect(r.error).toBeNull();
    expect(r.data.inbox.settings).toMatchObject({ waBusinessAccountId: waba, waDisplayPhoneNumber: "+55 11 4002-8922", waVerifiedName: "Loja Exemplo" });
    expect((await stored(id))[0].settings).toMatchObject({ waDisplayPhoneNumber: "+55 11 4002-8922", waVerifiedName: "Loja Exemplo" });
    // Asked with the token that will serve the inbox: its own app's.
    expect(askedFor(id)[0]!.headers.authorization).toBe(`Bearer ${OWN}`);
    expect(graph.requests.some((q) => q.method === "GET" && q.path.startsWith(`/v25.0/${waba}/phone_numbers`))).toBe(true);
  });

  it("an id Meta does not know: a pt-BR error on phoneNumberId, nothing stored, no audit row", async () => {
    const id = newId();
    const before = await audited();
    const r = await create({ phoneNumberId: id, ownApp });
    expect(r.error).toMatchObject({
      message: "Este número não foi encontrado na sua conta do WhatsApp Business. Confira o ID do número no Meta Business Manager.",
      data: { code: "BAD_REQUEST", details: { field: "phoneNumberId" } },
    });
    expect(askedFor(id)).toHaveLength(1);
    expect(await stored(id)).toEqual([]);
    expect(await audited()).toBe(before);
  });

  it("on the platform app a phone-number id is never enough, even one shared with the platform: Embedded Signup only, Meta not asked, nothing stored", async () => {
    const id = newId();
    // Another business's number, shared with the platform: the platform's token sees it.
    graph.addPhoneNumber(id, { ...profile, verified_name: "Outra Empresa" }, { wabaId: newId() });
    const before = await audited();
    const r = await create({ phoneNumberId: id });
    expect(r.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "phoneNumberId" } } });
    expect(r.error!.message).toMatch(/Conectar com a Meta/);
    expect(askedFor(id)).toEqual([]);
    expect(await stored(id)).toEqual([]);
    expect(await audited()).toBe(before);
  });

  it("a number of another WABA is refused on the WABA field", async () => {
    const id = newId();
    const mine = newId();
    const theirs = newId();
    graph.addPhoneNumber(id, profile, { wabaId: theirs, token: OWN });
    graph.addPhoneNumber(newId(), profile, { wabaId: mine, token: OWN });
    const r = await create({ phoneNumberId: id, ownApp, settings: { ...settings, waBusinessAccountId: mine } });
    expect(r.error).toMatchObject({
      message: "Este número não pertence a esta conta do WhatsApp Business (WABA). Confira os dois IDs no Meta Business Manager.",
      data: { code: "BAD_REQUEST", details: { field: "settings.waBusinessAccountId" } },
    });
    expect(await stored(id)).toEqual([]);
    // A WABA the token cannot see at all is said so, on the same field.
    const unknown = await create({ phoneNumberId: id, ownApp, settings: { ...settings, waBusinessAccountId: newId() } });
    expect(unknown.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "settings.waBusinessAccountId" } } });
    expect(unknown.error!.message).toMatch(/não foi encontrada/);
  });

  it("an own app: asked with its token; a token Meta refuses (190) is an error on the token field", async () => {
    const id = newId();
    graph.addPhoneNumber(id, profile, { token: "EAAG-token-proprio-valido" });
    const bad = await create({ phoneNumberId: id, ownApp: { accessToken: "EAAG-token-digitado-errado", appSecret: "segredo-do-app" } });
    expect(bad.error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "ownApp.accessToken" } } });
    expect(bad.error!.message).toMatch(/token de acesso/);
    expect(await stored(id)).toEqual([]);
    const good = await create({ phoneNumberId: id, ownApp: { accessToken: "EAAG-token-proprio-valido", appSecret: "segredo-do-app" } });
    expect(good.error).toBeNull();
    expect(askedFor(id).at(-1)!.headers.authorization).toBe("Bearer EAAG-token-proprio-valido");
  });

  it("Meta unreachable: a 503 to try again in pt-BR, nothing stored, no audit row", async () => {
    const id = newId();
    graph.addPhoneNumber(id, profile, { token: OWN });
    const before = await audited();
    graph.dropNext((q) => q.path.startsWith(`/v25.0/${id}?`));
    const r = await create({ phoneNumberId: id, ownApp });
    expect(r.status).toBe(503);
    expect(r.error).toMatchObject({ data: { code: "SERVICE_UNAVAILABLE" } });
    expect(r.error!.message).toBe("Não foi possível falar com a Meta para conferir o número agora. Nada foi salvo; tente novamente em instantes.");
    expect(await stored(id)).toEqual([]);
    expect(await audited()).toBe(before);
    // Meta's own failure (5xx) is the same retryable answer; the next try goes through.
    graph.failNext(1, 500, (q) => q.path.startsWith(`/v25.0/${id}?`));
    expect((await create({ phoneNumberId: id, ownApp })).error).toMatchObject({ data: { code: "SERVICE_UNAVAILABLE" } });
    expect((await create({ phoneNumberId: id, ownApp })).error).toBeNull();
    expect(await stored(id)).toHaveLength(1);
  });
});

describe("naming another WABA for an existing inbox asks Meta too", () => {
  it("a WABA without the number is refused and nothing changes; the right one is saved with Meta's profile", async () => {
    const id = newId();
    const right = newId();
    const wrong = newId();
    graph.addPhoneNumber(id, profile, { wabaId: right, token: OWN });
    graph.addPhoneNumber(newId(), profile, { wabaId: wrong, token: OWN });
    const created = await create({ phoneNumberId: id, ownApp });
    expect(created.error).toBeNull();
    const inboxId = created.data.inbox.id;
    const update = async (waba: string) => (await as(t)).trpc("mutation", "inboxes.update", { inboxId, name: "WhatsApp", isActive: true, settings: { ...settings, waBusinessAccountId: waba } });
    expect((await update(wrong)).error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "settings.waBusinessAccountId" } } });
    expect((await stored(id))[0].settings.waBusinessAccountId).toBeUndefined();
    expect((await update(right)).error).toBeNull();
    expect((await stored(id))[0].settings).toMatchObject({ waBusinessAccountId: right, waDisplayPhoneNumber: "+55 11 4002-8922", waVerifiedName: "Loja Exemplo" });
    // Saving again with the same WABA does not ask Meta again.
    const asked = graph.requests.length;
    expect((await update(right)).error).toBeNull();
    expect(graph.requests.length).toBe(asked);
  });

  it("the inbox's own token refused by then: the form's error (the token is not on the edit form), nothing saved", async () => {
    const id = newId();
    const waba = newId();
    graph.addPhoneNumber(id, profile, { wabaId: waba, token: "EAAG-token-que-sera-revogado" });
    const created = await create({ phoneNumberId: id, ownApp: { accessToken: "EAAG-token-que-sera-revogado", appSecret: "segredo-do-app" } });
    expect(created.error).toBeNull();
    graph.revokeToken("EAAG-token-que-sera-revogado");
    const r = await (await as(t)).trpc("mutation", "inboxes.update", { inboxId: created.data.inbox.id, name: "WhatsApp", isActive: true, settings: { ...settings, waBusinessAccountId: waba } });
    expect(r.error).toMatchObject({ data: { code: "BAD_REQUEST" } });
    expect(r.error!.message).toMatch(/token de acesso/);
    expect(r.error!.data.details?.field).toBeUndefined();
    expect((await stored(id))[0].settings.waBusinessAccountId).toBeUndefined();
  });
});
