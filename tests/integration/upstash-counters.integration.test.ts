import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertRateLimit } from "@vendaflow/core/rate-limit/assert-rate-limit";
import { upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
import { startUpstashRestBridge } from "../stand-ins/upstash-rest";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;

beforeAll(async () => {
  bridge = await startUpstashRestBridge({ redisUrl, token: "test-token" });
});
afterAll(() => bridge.close());

describe("rate-limit counters on Upstash Redis (@upstash/redis over a REST bridge to real Redis)", () => {
  it("counts within a window and sets the expiry once", async () => {
    const store = upstashStore(bridge.url, "test-token");
    const key = `test:${randomUUID()}`;
    expect((await store.incrementWindow(key, 60_000)).count).toBe(1);
    expect((await store.incrementWindow(key, 60_000)).count).toBe(2);
    const ttl = await bridge.command(["PTTL", `rl:${key}`]);
    expect(typeof ttl === "number" && ttl > 50_000 && ttl <= 60_000).toBe(true);
    await bridge.command(["DEL", `rl:${key}`]);
  });

  it("enforces a named policy across two app instances sharing the store", async () => {
    const a = upstashStore(bridge.url, "test-token");
    const b = upstashStore(bridge.url, "test-token");
    const subject = `t:${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++) await assertRateLimit(i % 2 ? a : b, "login:email", subject, Date.now());
    await expect(assertRateLimit(a, "login:email", subject, Date.now())).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await bridge.command(["DEL", `rl:login:email:${subject.toLowerCase()}`]);
  });

  it("reports the KV as down with a wrong token (health check)", async () => {
    expect(await upstashStore(bridge.url, "test-token").ping()).toBe(true);
    expect(await upstashStore(bridge.url, "wrong").ping()).toBe(false);
  });
});
