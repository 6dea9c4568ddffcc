import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { assertMarketingAllowed, marketingRefusal } from "@vendaflow/core/privacy/marketing-permission";
import { NOT_PERSONAL, PERSONAL_COLUMN, PERSONAL_DATA } from "@vendaflow/core/privacy/registry";
import { closeOwner, createTenant, env, owner, seedConversationRows, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";
import { fails, ok } from "../support/trpc-calls";

// LGPD slice 1: the personal-data registry checked against the catalog, and the consent ledger
// (append-only, phone consents with a note, revocation with a reason, the marketing gate) over
// tRPC and in core, with tenant isolation on every path.

let a: FixtureTenant;
let b: FixtureTenant;
let agentA: Client;
let viewerA: Client;
let leadA: string;
let leadB: string;
const app = () => createDb({ url: env().appUrl, max: 1 });

const phoneConsent = (leadId: string, extra: Record<string, unknown> = {}) => ({
  subject: { leadId },
  purpose: "marketing",
  granted: true,
  channel: "phone",
  textShown: "Aceito receber ofertas por WhatsApp.",
  textVersion: "telefone-v1",
  note: "Ligação de 01/12 às 14h; autorizou por voz.",
  ...extra,
});

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  leadA = (await seedConversationRows(a.id)).leadId;
  leadB = (await seedConversationRows(b.id)).leadId;
  agentA = await a.loginAs("agent");
  viewerA = await a.loginAs("viewer");
});
afterAll(closeOwner);

describe("personal-data registry against the catalog", () => {
  let columns: { table: string; column: string }[] = [];
  beforeAll(async () => {
    const { rows } = await owner().query<{ table: string; column: string }>(
      `select c.table_name as table, c.column_name as column from information_schema.columns c
       join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by 1, 2`,
    );
    columns = rows;
  });

  it("every table with personal-looking columns is declared (or listed as not personal, with a reason)", () => {
    const personal = [...new Set(columns.filter((c) => PERSONAL_COLUMN.test(c.column)).map((c) => c.table))];
    expect(personal.length).toBeGreaterThan(10);
    const declared = new Set(PERSONAL_DATA.map((e) => e.table));
    const missing = personal.filter((t) => !declared.has(t as never) && !NOT_PERSONAL[t]);
    expect(missing, "declare these in packages/core/src/privacy/registry.ts").toEqual([]);
  });

  it("every declared personal column exists", () => {
    // (NOT_PERSONAL may name a table ahead of its migration: an unused exemption is harmless.)
    const have = new Set(columns.map((c) => `${c.table}.${c.column}`));
    const stale = PERSONAL_DATA.flatMap((e) => e.columns.map((c) => `${e.table}.${c}`)).filter((c) => !have.has(c));
    expect(stale).toEqual([]);
  });

  it("every declared personal column of a lead-scoped table is covered by a runnable lead scope", async () => {
    const db = app();
    try {
      for (const e of PERSONAL_DATA.filter((x) => x.leadScope)) {
        const rows = await withTenant(db.db, a.id, (tx) => tx.selectFrom(`${e.table} as t` as never).select(e.columns.map((c) => `t.${c}`) as never).where(e.leadScope!(leadA) as never).execute());
        expect(Array.isArray(rows), e.table).toBe(true);
      }
    } finally {
      await db.close();
    }
  });
});

describe("consent ledger", () => {
  it("an agent records a phone consent with a note; the state and the history show it; it is audited", async () => {
    const res = await ok<{ id: string }>(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadA));
    const view = await ok<{ rows: { id: string; channel: string; note: string; recordedBy: string; purpose: string }[]; states: { purpose: string; granted: boolean }[] }>(agentA, "query", "privacy.consents", { subject: { leadId: leadA } });
    expect(view.rows[0]).toMatchObject({ id: res.id, channel: "phone", note: "Ligação de 01/12 às 14h; autorizou por voz.", recordedBy: a.users.agent.id, purpose: "marketing" });
    expect(view.states.find((s) => s.purpose === "marketing")).toMatchObject({ granted: true });
    expect(view.states.map((s) => s.purpose)).toEqual(["service", "marketing", "analytics", "ai_processing"]);
    const lead = await owner().query("select marketing_consent from leads where id = $1", [leadA]);
    expect(lead.rows[0].marketing_consent).toBe(true);
    const audit = await owner().query("select actor_user_id from audit_logs where tenant_id = $1 and action = 'consent.recorded' and entity_id = $2", [a.id, res.id]);
    expect(audit.rows).toEqual([{ actor_user_id: a.users.agent.id }]);
  });

  it("a revocation is a new row with its reason; the grant stays as proof; revoking twice is refused in pt-BR", async () => {
    await ok(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadA, { purpose: "analytics" }));
    const before = await owner().query("select id, granted from consents where lead_id = $1 and purpose = 'analytics' order by created_at", [leadA]);
    const rev = await ok<{ id: string }>(agentA, "mutation", "privacy.revokeConsent", { subject: { leadId: leadA }, purpose: "analytics", reason: "Pediu por telefone." });
    const after = await owner().query("select id, granted, revokes_id, revocation_reason from consents where lead_id = $1 and purpose = 'analytics' order by created_at, revokes_id nulls first", [leadA]);
    expect(after.rows).toHaveLength(before.rows.length + 1);
    expect(after.rows.at(-1)).toEqual({ id: rev.id, granted: false, revokes_id: before.rows.at(-1).id, revocation_reason: "Pediu por telefone." });
    expect(after.rows.slice(0, -1)).toEqual(before.rows.map((r: object) => ({ ...r, revokes_id: null, revocation_reason: null })));
    const again = await fails(agentA, "mutation", "privacy.revokeConsent", { subject: { leadId: leadA }, purpose: "analytics", reason: "De novo." });
    expect(again.data.code).toBe("PRECONDITION_FAILED");
    expect(again.message).toBe("Não há consentimento em vigor para esta finalidade.");
  });

  it("limits match the columns and messages are pt-BR; viewers cannot record", async () => {
    const long = await fails(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadA, { note: "x".repeat(501) }));
    expect(long.data.zodIssues?.[0]).toMatchObject({ path: ["note"], message: "A observação (quem, quando, como) deve ter no máximo 500 caracteres." });
    const noNote = await fails(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadA, { note: "  " }));
    expect(noNote.data.zodIssues?.[0]?.path).toEqual(["note"]);
    const web = await fails(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadA, { channel: "web" }));
    expect(web.data.zodIssues?.[0]?.message).toBe("Canal inválido para registro manual.");
    const viewer = await fails(viewerA, "mutation", "privacy.recordConsent", phoneConsent(leadA));
    expect(viewer.data.code).toBe("FORBIDDEN");
  });

  it("tenant A can neither read nor write consents of tenant B's lead", async () => {
    const read = await fails(agentA, "query", "privacy.consents", { subject: { leadId: leadB } });
    expect(read.data.code).toBe("NOT_FOUND");
    const write = await fails(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadB));
    expect(write.data.code).toBe("NOT_FOUND");
    const revoke = await fails(agentA, "mutation", "privacy.revokeConsent", { subject: { leadId: leadB }, purpose: "service", reason: "x" });
    expect(revoke.data.code).toBe("NOT_FOUND");
    const n = await owner().query("select count(*)::int as n from consents where lead_id = $1 and tenant_id = $2", [leadB, b.id]);
    expect(n.rows[0].n).toBe(1);
  });

  it("is append-only for the app role, and the proof columns hold even for the owner", async () => {
    const c = new pg.Client({ connectionString: env().appUrl });
    await c.connect();
    try {
      await c.query("begin");
      await c.query("select set_config('app.tenant_id', $1, true)", [a.id]);
      const upd = await c.query("update consents set granted = false where lead_id = $1", [leadA]).catch((e: Error) => e);
      expect((upd as Error).message).toMatch(/permission denied/);
      await c.query("rollback");
      await c.query("begin");
      await c.query("select set_config('app.tenant_id', $1, true)", [a.id]);
      const del = await c.query("delete from consents where lead_id = $1", [leadA]).catch((e: Error) => e);
      expect((del as Error).message).toMatch(/permission denied/);
      await c.query("rollback");
      // Erasing IP / user agent (anonymisation) is allowed; writing a new one is not.
      await c.query("begin");
      await c.query("select set_config('app.tenant_id', $1, true)", [a.id]);
      const erase = await c.query("update consents set ip = null, user_agent = null where lead_id = $1", [leadA]);
      expect(erase.rowCount).toBeGreaterThan(0);
      const forge = await c.query("update consents set ip = '10.0.0.1' where lead_id = $1", [leadA]).catch((e: Error) => e);
      expect((forge as Error).message).toMatch(/may only be erased/);
      await c.query("rollback");
    } finally {
      await c.end();
    }
    const owned = await owner().query("update consents set text_shown = 'outro texto' where lead_id = $1", [leadA]).catch((e: Error) => e);
    expect((owned as Error).message).toMatch(/append-only/);
  });
});

describe("the marketing gate (core)", () => {
  it("allows marketing only while the latest marketing row is a grant and the lead has not opted out", async () => {
    const { leadId } = await seedConversationRows(a.id);
    const db = app();
    const refusal = () => withTenant(db.db, a.id, (tx) => marketingRefusal(tx, leadId));
    try {
      expect(await refusal()).toMatchObject({ code: "marketing_consent" });
      await ok(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadId));
      expect(await refusal()).toBeNull();
      await withTenant(db.db, a.id, (tx) => assertMarketingAllowed(tx, leadId));
      await ok(agentA, "mutation", "privacy.revokeConsent", { subject: { leadId }, purpose: "marketing", reason: "Não quer mais ofertas." });
      expect(await refusal()).toEqual({ code: "marketing_consent_revoked", title: "O lead revogou o consentimento de marketing" });
      await expect(withTenant(db.db, a.id, (tx) => assertMarketingAllowed(tx, leadId))).rejects.toThrow("O lead revogou o consentimento de marketing.");
      // Granting again after a revocation is a new decision: marketing is allowed again, until an opt-out.
      await ok(agentA, "mutation", "privacy.recordConsent", phoneConsent(leadId));
      expect(await refusal()).toBeNull();
      await owner().query("update leads set opted_out_at = now() where id = $1", [leadId]);
      expect(await refusal()).toMatchObject({ code: "lead_opted_out" });
      // Another tenant's lead reads as absent.
      expect(await withTenant(db.db, b.id, (tx) => marketingRefusal(tx, leadId))).toMatchObject({ code: "marketing_consent" });
    } finally {
      await db.close();
    }
  });
});
