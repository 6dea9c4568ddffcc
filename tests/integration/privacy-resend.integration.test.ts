import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { cloudApiSender } from "@vendaflow/connectors/whatsapp/whatsapp-sender";
import { resendPrivacyCode } from "@vendaflow/core/privacy/request-code";
import { submitPrivacyRequest, verifyPrivacyRequest } from "@vendaflow/core/privacy/requests";
import { findTenantById, type Tenant } from "@vendaflow/core/tenancy/tenants";
import { createDb } from "@vendaflow/db/create-db";
import { RESEND_CODE_SECONDS } from "@vendaflow/validators/privacy";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, uniq, type FixtureTenant } from "../support/fixtures";
import { fails, ok } from "../support/trpc-calls";

// "Reenviar código" on /privacidade (core/privacy/request-code.ts): a fresh code for the same
// pending request over the same channel, the old one dead; one code a minute per request; the
// request's own limits; an unknown subject answered the same way, with nothing sent.

const { db, close } = createDb({ url: env().appUrl, max: 2 });
let clock = Date.parse("2026-12-07T15:00:00Z");
const deps = {
  db,
  now: () => new Date(clock),
  counters: memoryStore(() => clock),
  email: outboxSender(db),
  tokenSecret: TEST_KEYS.tokenSecret,
  // Never reached: these requests' codes go by e-mail.
  whatsapp: cloudApiSender({ graphBaseUrl: "http://127.0.0.1:1", apiVersion: "v25.0" }),
  encryptionKey: TEST_KEYS.encryptionKey,
  platformWhatsApp: { accessToken: "", appSecret: "", verifyToken: "" },
};
let a: FixtureTenant;
let b: FixtureTenant;
let tenant: Tenant;
// Each test from its own address: the address's hourly budget (privacy-request:ip) is not what they test.
let meta = { ip: uniq("ip"), userAgent: null };
const WRONG_CODE = "Código inválido ou expirado. Confira o código que você recebeu ou faça um novo pedido.";

async function codes(to: string) {
  const { rows } = await owner().query<{ text_body: string }>("select text_body from email_outbox where to_address = $1 order by created_at", [to]);
  return rows.map((r) => r.text_body.match(/^\d{6}$/m)![0]);
}
const withLead = async (t: FixtureTenant, email: string) => owner().query("insert into leads (tenant_id, name, email, source) values ($1, 'Lia Titular', $2, 'web')", [t.id, email]);
const submit = (email: string) => submitPrivacyRequest(deps, tenant, { kind: "access", name: "Lia Titular", email, whatsapp: null, details: "" }, meta);
const later = (seconds: number) => {
  clock += seconds * 1000;
};

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  tenant = (await findTenantById(db, a.id))!;
});
beforeEach(() => {
  meta = { ip: uniq("ip"), userAgent: null };
});
afterAll(async () => {
  await close();
  await closeOwner();
});

describe("Reenviar código (core)", () => {
  it("sends a fresh code to the same e-mail once the minute is over; the old code stops working, the new one opens the request", async () => {
    const email = `${uniq("reenvio")}@exemplo.com.br`;
    await withLead(a, email);
    const { requestId } = await submit(email);
    const [first] = await codes(email);
    // Within the minute the first code opened: refused, with the wait in pt-BR.
    later(1);
    const early = await resendPrivacyCode(deps, tenant, { requestId }, meta).catch((e: unknown) => e);
    expect(early).toMatchObject({ code: "TOO_MANY_REQUESTS", message: `Muitas tentativas. Tente novamente em ${RESEND_CODE_SECONDS - 1} s.` });
    expect(await codes(email)).toHaveLength(1);
    later(RESEND_CODE_SECONDS - 1);
    expect(await resendPrivacyCode(deps, tenant, { requestId }, meta)).toEqual({ ok: true });
    const sent = await codes(email);
    expect(sent).toHaveLength(2);
    // And the next one waits its minute again.
    expect(await resendPrivacyCode(deps, tenant, { requestId }, meta).catch((e: unknown) => e)).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const second = sent[1]!;
    if (second !== first) {
      expect(await verifyPrivacyRequest(deps, tenant, { requestId, code: first! }, meta).catch((e: unknown) => e)).toMatchObject({ code: "BAD_REQUEST", message: WRONG_CODE });
    }
    const opened = await verifyPrivacyRequest(deps, tenant, { requestId, code: second }, meta);
    expect(opened).toMatchObject({ status: "open" });
    const row = (await owner().query("select status, code_channel, attempts from privacy_requests where id = $1", [requestId])).rows[0];
    expect(row).toMatchObject({ status: "open", code_channel: "email" });
    const audit = await owner().query("select action, after->>'sent' as sent from audit_logs where entity_id = $1 order by created_at, action", [requestId]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["privacy_request.submitted", "privacy_request.code_resent", "privacy_request.verified"]));
    expect(audit.rows.find((r) => r.action === "privacy_request.code_resent")).toMatchObject({ sent: "true" });
    // Confirmed: nothing is waiting for a code any more.
    later(RESEND_CODE_SECONDS);
    expect(await resendPrivacyCode(deps, tenant, { requestId }, meta).catch((e: unknown) => e)).toMatchObject({ code: "BAD_REQUEST", message: "Este pedido não aguarda mais um código. Faça um novo pedido." });
  });

  it("a new code gives a fresh count of attempts, where the spent ones would have expired the request", async () => {
    const email = `${uniq("tentativas")}@exemplo.com.br`;
    await withLead(a, email);
    const { requestId } = await submit(email);
    const [code] = await codes(email);
    const wrong = code === "000000" ? "000001" : "000000";
    for (let i = 0; i < 4; i++) await verifyPrivacyRequest(deps, tenant, { requestId, code: wrong }, meta).catch(() => null);
    later(RESEND_CODE_SECONDS);
    await resendPrivacyCode(deps, tenant, { requestId }, meta);
    expect((await owner().query("select attempts, status from privacy_requests where id = $1", [requestId])).rows[0]).toEqual({ attempts: 0, status: "awaiting_verification" });
    const fresh = (await codes(email)).at(-1)!;
    const other = fresh === "000000" ? "000001" : "000000";
    await verifyPrivacyRequest(deps, tenant, { requestId, code: other }, meta).catch(() => null);
    expect(await verifyPrivacyRequest(deps, tenant, { requestId, code: fresh }, meta)).toMatchObject({ status: "open" });
  });

  it("an unknown e-mail's request answers the same and sends nothing; the e-mail's hourly budget counts resends like requests", async () => {
    const unknown = `${uniq("ninguem")}@exemplo.com.br`;
    const { requestId } = await submit(unknown);
    later(RESEND_CODE_SECONDS);
    expect(await resendPrivacyCode(deps, tenant, { requestId }, meta)).toEqual({ ok: true });
    expect(await codes(unknown)).toEqual([]);
    expect((await owner().query("select code_hash, code_channel from privacy_requests where id = $1", [requestId])).rows[0]).toEqual({ code_hash: null, code_channel: null });
    // 5 an hour per e-mail (privacy-request:email): 1 request + 1 resend so far, 3 more resends, then refused.
    for (let i = 0; i < 3; i++) {
      later(RESEND_CODE_SECONDS);
      await resendPrivacyCode(deps, tenant, { requestId }, { ...meta, ip: `10.9.9.${i}` });
    }
    later(RESEND_CODE_SECONDS);
    expect(await resendPrivacyCode(deps, tenant, { requestId }, { ...meta, ip: "10.9.9.9" }).catch((e: unknown) => e)).toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("another tenant cannot resend a request's code", async () => {
    const email = `${uniq("isolado")}@exemplo.com.br`;
    await withLead(a, email);
    const { requestId } = await submit(email);
    later(RESEND_CODE_SECONDS);
    const other = (await findTenantById(db, b.id))!;
    expect(await resendPrivacyCode(deps, other, { requestId }, meta).catch((e: unknown) => e)).toMatchObject({ code: "BAD_REQUEST" });
    expect(await codes(email)).toHaveLength(1);
  });
});

describe("Reenviar código (tRPC on the tenant's host)", () => {
  it("privacy.resendCode is public on the host, refused within the minute in pt-BR, and checks its input", async () => {
    const email = `${uniq("rota")}@exemplo.com.br`;
    await withLead(a, email);
    const client = a.client();
    const { requestId } = await ok<{ requestId: string }>(client, "mutation", "privacy.submitRequest", { kind: "deletion", name: "Lia Titular", email, details: "" });
    const early = await fails(client, "mutation", "privacy.resendCode", { requestId });
    expect(early.data.code).toBe("TOO_MANY_REQUESTS");
    expect(early.message).toMatch(/^Muitas tentativas\. Tente novamente em (\d+ s|1 min)\.$/);
    const bad = await fails(client, "mutation", "privacy.resendCode", { requestId: "x" });
    expect(bad.data.zodIssues?.[0]?.message).toBe("Identificador inválido.");
    // Another tenant's host: the request is not there (its own minute counts apart).
    const elsewhere = await fails(b.client(), "mutation", "privacy.resendCode", { requestId });
    expect(elsewhere).toMatchObject({ message: "Este pedido não aguarda mais um código. Faça um novo pedido.", data: { code: "BAD_REQUEST" } });
  });
});
