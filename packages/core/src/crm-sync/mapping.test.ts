import { describe, expect, it } from "vitest";
import { amountToCents, changedOnly, contactFromRemote, contactToRemote, dealFromRemote, dealToRemote, decideConflict, DEFAULT_MAPPING, MAX_VALUE_CENTS, overwrites, pushRetryDelay, readMapping, retryAfterDelay } from "./mapping";

const S1 = "11111111-1111-4111-8111-111111111111";
const S2 = "22222222-2222-4222-8222-222222222222";
const lead = { id: "l", name: " Mariana Costa ", email: "mari@empresa.com.br", phone: "+5511987654321", company: "Padaria Pão Quente", updated_at: new Date("2026-12-02T10:00:00Z") };
const deal = { id: "d", title: "Plano anual", value_cents: 990000, stage_id: S1, pipeline_id: "p", status: "open", lead_id: "l", updated_at: new Date("2026-12-02T10:00:00Z") };

describe("field mapping", () => {
  it("defaults: every field on, no stage pairs; a stored mapping that does not parse reads as the default", () => {
    expect(readMapping({})).toEqual(DEFAULT_MAPPING);
    expect(readMapping({ contact: { phone: "sim" } })).toEqual(DEFAULT_MAPPING);
    expect(contactToRemote(lead, DEFAULT_MAPPING)).toEqual({ name: "Mariana Costa", email: "mari@empresa.com.br", phone: "+5511987654321", company: "Padaria Pão Quente" });
  });

  it("a field turned off neither leaves nor arrives", () => {
    const m = readMapping({ contact: { phone: false, company: false } });
    expect(contactToRemote(lead, m)).toEqual({ name: "Mariana Costa", email: "mari@empresa.com.br" });
    expect(contactFromRemote({ name: "Ana", phone: "(11) 91234-5678", company: "X" }, m)).toEqual({ name: "Ana" });
  });

  it("remote phones are stored as the CRM stores them (Brazilian E.164); an unreadable phone or e-mail is left out, an emptied one cleared", () => {
    expect(contactFromRemote({ phone: "(11) 98765-4321" }, DEFAULT_MAPPING)).toEqual({ phone: "+5511987654321" });
    expect(contactFromRemote({ phone: "011 8765-4321" }, DEFAULT_MAPPING)).toEqual({ phone: "+551187654321" });
    expect(contactFromRemote({ phone: "+55 21 99999 0000" }, DEFAULT_MAPPING)).toEqual({ phone: "+5521999990000" });
    expect(contactFromRemote({ phone: "ramal 12" }, DEFAULT_MAPPING)).toEqual({});
    expect(contactFromRemote({ phone: null }, DEFAULT_MAPPING)).toEqual({ phone: null });
    expect(contactFromRemote({ email: " Ana@Empresa.COM.br " }, DEFAULT_MAPPING)).toEqual({ email: "ana@empresa.com.br" });
    expect(contactFromRemote({ email: "não tem" }, DEFAULT_MAPPING)).toEqual({});
    expect(contactFromRemote({ email: "" }, DEFAULT_MAPPING)).toEqual({ email: null });
    // Absent remotely (undefined) = untouched here.
    expect(contactFromRemote({}, DEFAULT_MAPPING)).toEqual({});
  });

  it("deals: BRL cents ↔ amount, the stage only through a pair, the contact when linked", () => {
    const m = readMapping({ stages: [{ localStageId: S1, remoteStageId: "11" }, { localStageId: S2, remoteStageId: "12" }] });
    expect(dealToRemote(deal, m, "555")).toEqual({ title: "Plano anual", valueCents: 990000, stageId: "11", contactId: "555" });
    expect(dealToRemote({ ...deal, stage_id: "33333333-3333-4333-8333-333333333333" }, m, null)).toEqual({ title: "Plano anual", valueCents: 990000 });
    expect(dealFromRemote({ title: "Plano anual", valueCents: 1234.5, stageId: "12" }, m)).toEqual({ title: "Plano anual", value_cents: 1235, stage_id: S2 });
    expect(dealFromRemote({ stageId: "99" }, m)).toEqual({});
    expect(dealFromRemote({ valueCents: -5 }, m)).toEqual({ value_cents: 0 });
    expect(dealFromRemote({ valueCents: 1e20 }, m)).toEqual({ value_cents: MAX_VALUE_CENTS });
    expect(dealFromRemote({ title: "  " }, m)).toEqual({});
    expect(amountToCents(9900.1)).toBe(990010);
    expect(amountToCents("12.345")).toBe(1235);
    expect(amountToCents("abc")).toBeNull();
    expect(dealFromRemote({ valueCents: 5000, stageId: "11" }, readMapping({ deal: { value: false, stage: false }, stages: [{ localStageId: S1, remoteStageId: "11" }] }))).toEqual({});
  });
});

describe("last writer wins", () => {
  const t = (s: string) => new Date(`2026-12-02T${s}Z`);
  it("applies a remote change when ours did not change since the last sync, whatever the times", () => {
    expect(decideConflict({ localUpdatedAt: t("10:00:00"), syncedLocalVersion: t("10:00:00"), remoteUpdatedAt: t("09:00:00") })).toEqual({ decision: "apply", conflict: false });
  });
  it("both changed: the later writer wins and it is a conflict either way", () => {
    expect(decideConflict({ localUpdatedAt: t("10:05:00"), syncedLocalVersion: t("10:00:00"), remoteUpdatedAt: t("10:06:00") })).toEqual({ decision: "apply", conflict: true });
    expect(decideConflict({ localUpdatedAt: t("10:07:00"), syncedLocalVersion: t("10:00:00"), remoteUpdatedAt: t("10:06:00") })).toEqual({ decision: "keep_local", conflict: true });
    // Never synced: ours counts as changed.
    expect(decideConflict({ localUpdatedAt: t("10:07:00"), syncedLocalVersion: null, remoteUpdatedAt: t("10:06:00") }).decision).toBe("keep_local");
    // A tie goes to the remote (its write is the one we have not seen).
    expect(decideConflict({ localUpdatedAt: t("10:06:00"), syncedLocalVersion: null, remoteUpdatedAt: t("10:06:00") }).decision).toBe("apply");
  });
  it("what a patch overwrites: only local values that existed and differ; changedOnly drops equal values", () => {
    const cur = { name: "Ana", email: null as string | null, phone: "+5511987654321", value_cents: 100 };
    expect(overwrites(cur, { name: "Ana Paula", email: "a@b.com", phone: "+5511987654321", value_cents: 100 })).toEqual({ name: { from: "Ana", to: "Ana Paula" } });
    expect(changedOnly(cur, { name: "Ana", email: "a@b.com", value_cents: 100 })).toEqual({ email: "a@b.com" });
  });
  it("retries: push backoff grows and is capped; a Retry-After is honoured within bounds", () => {
    expect([0, 1, 2, 3, 4, 9].map(pushRetryDelay)).toEqual([10, 60, 300, 900, 3600, 3600]);
    expect(retryAfterDelay(2)).toBe(2);
    expect(retryAfterDelay(0.2)).toBe(1);
    expect(retryAfterDelay(99999)).toBe(3600);
    expect(retryAfterDelay(Number.NaN)).toBe(60);
  });
});
