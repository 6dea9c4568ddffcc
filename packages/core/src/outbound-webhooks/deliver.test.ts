import { describe, expect, it } from "vitest";
import { attemptRecordSql, deliveryReadSql, type AttemptRecord } from "./deliver";

const tenant = "0b4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b";
const delivery = "1c4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b";
const sub = "2d4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b";
const at = new Date("2026-12-03T04:30:00.123Z");
const base: AttemptRecord = { tenantId: tenant, deliveryId: delivery, subscriptionId: sub, attempt: 1, windowAttempts: 1, status: "succeeded", code: 200, latencyMs: 12, error: null, nextAttemptAt: null, deliveredAt: at };

describe("deliveryReadSql", () => {
  it("reads one delivery by a checked id", () => {
    expect(deliveryReadSql(delivery.toUpperCase())).toMatch(new RegExp(`where d\\.id = '${delivery}'$`));
    expect(() => deliveryReadSql(`${delivery}' or true --`)).toThrow(/not a delivery id/);
  });
});

describe("attemptRecordSql", () => {
  it("a success: the attempt, the guarded move with delivered_at, and the streak reset", () => {
    const q = attemptRecordSql(base);
    expect(q).toContain(`values ('${tenant}', '${delivery}', 1, 200, 12, null)`);
    expect(q).toContain(`set status = 'succeeded', attempts = 1, window_attempts = 1, last_status_code = 200, last_latency_ms = 12, last_error = null, next_attempt_at = null, delivered_at = '2026-12-03T04:30:00.123Z'::timestamptz where id = '${delivery}' and status in ('pending', 'retrying') returning id`);
    expect(q).toContain(`update webhook_subscriptions set consecutive_failures = 0 where id = '${sub}' and consecutive_failures > 0 and exists (select 1 from "moved")`);
    expect(q.endsWith(`select id from "moved"`)).toBe(true);
  });

  it("a retry: the error as an escaped literal, the next attempt's time, no reset and no delivered_at", () => {
    const q = attemptRecordSql({ ...base, status: "retrying", code: null, error: "connect ECONNREFUSED 'x' \\ y\0z", nextAttemptAt: new Date(at.getTime() + 5000), deliveredAt: null, attempt: 2, windowAttempts: 2 });
    expect(q).toContain(`values ('${tenant}', '${delivery}', 2, null, 12, E'connect ECONNREFUSED ''x'' \\\\ yz')`);
    expect(q).toContain(`next_attempt_at = '2026-12-03T04:30:05.123Z'::timestamptz where`);
    expect(q).not.toContain("delivered_at");
    expect(q).not.toContain("consecutive_failures");
  });

  it("refuses ids that are not uuids, numbers that are not integers and unknown statuses", () => {
    expect(() => attemptRecordSql({ ...base, tenantId: `${tenant}'` })).toThrow(/not a tenant id/);
    expect(() => attemptRecordSql({ ...base, deliveryId: "x" })).toThrow(/not a delivery id/);
    expect(() => attemptRecordSql({ ...base, subscriptionId: `${sub}); drop table leads; --` })).toThrow(/not a subscription id/);
    expect(() => attemptRecordSql({ ...base, latencyMs: 1.5 })).toThrow(/not an integer/);
    expect(() => attemptRecordSql({ ...base, code: Number.NaN })).toThrow(/not an integer/);
    expect(() => attemptRecordSql({ ...base, status: "succeeded'; --" as AttemptRecord["status"] })).toThrow(/unknown status/);
  });
});
