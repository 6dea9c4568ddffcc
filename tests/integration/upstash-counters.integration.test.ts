import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertRateLimit } from "@vendaflow/core/rate-limit/assert-rate-limit";
import { KV_BREAKER_MS, upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
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

  it("with Redis unreachable: one call tries three times, then calls fail at once for the breaker's second; ping probes", async () => {
    const store = upstashStore(bridge.url, "test-token");
    const key = `test:${randomUUID()}`;
    expect((await store.incrementWindow(key, 60_000)).count).toBe(1);
    bridge.setDown(true);
    try {
      const first = bridge.requests();
      await expect(store.incrementWindow(key, 60_000)).rejects.toThrow();
      expect(bridge.requests() - first).toBe(3); // the call and its two retries
      const open = bridge.requests();
      for (let i = 0; i < 10; i++) await expect(store.peek(key)).rejects.toThrow(/circuit open/);
      expect(bridge.requests()).toBe(open); // nothing sent while the circuit is open
      expect(await store.ping()).toBe(false); // the health check always asks
      expect(bridge.requests()).toBeGreaterThan(open);
    } finally {
      bridge.setDown(false);
    }
    // Back: a successful ping closes the circuit at once; otherwise it closes after KV_BREAKER_MS.
    await expect(store.read(key)).rejects.toThrow(/circuit open/);
    expect(await store.ping()).toBe(true);
    expect((await store.incrementWindow(key, 60_000)).count).toBe(2);
    const other = upstashStore(bridge.url, "test-token");
    bridge.setDown(true);
    await expect(other.read(key)).rejects.toThrow();
    bridge.setDown(false);
    await new Promise((r) => setTimeout(r, KV_BREAKER_MS + 50));
    expect(await other.read(key)).toBe(0); // `read` is for usage counters: the rl: window key is another
    await bridge.command(["DEL", `rl:${key}`]);
  });

  it("a command error (WRONGTYPE) shows Redis answering: the caller sees it, the breaker stays closed", async () => {
    const store = upstashStore(bridge.url, "test-token");
    const key = `test:${randomUUID()}`;
    await bridge.command(["HSET", key, "f", "1"]);
    await bridge.command(["HSET", `rl:${key}`, "f", "1"]);
    try {
      await expect(store.read(key)).rejects.toThrow(/WRONGTYPE/); // one command: Upstash answers 400
      await expect(store.incrementWindow(key, 60_000)).rejects.toThrow(/WRONGTYPE/); // a pipeline: 200, the command's error
      const before = bridge.requests();
      await expect(store.incrementBy(key, 1, 60_000)).rejects.toThrow(/WRONGTYPE/);
      expect(bridge.requests() - before).toBe(1); // asked Redis (not the open circuit), and no retries
      const fresh = `test:${randomUUID()}`;
      expect(await store.incrementBy(fresh, 2, 60_000)).toBe(2);
      await bridge.command(["DEL", fresh]);
    } finally {
      await bridge.command(["DEL", key, `rl:${key}`]);
    }
  });

  it("a proxy's 5xx page opens the breaker like a network failure", async () => {
    const store = upstashStore(bridge.url, "test-token");
    bridge.setGatewayStatus(503);
    try {
      await expect(store.peek(`test:${randomUUID()}`)).rejects.toThrow(/parse/i);
      const open = bridge.requests();
      await expect(store.peek(`test:${randomUUID()}`)).rejects.toThrow(/circuit open/);
      expect(bridge.requests()).toBe(open);
    } finally {
      bridge.setGatewayStatus(0);
    }
    expect(await store.ping()).toBe(true);
  });

  it("reports the KV as down with a wrong token (health check)", async () => {
    expect(await upstashStore(bridge.url, "test-token").ping()).toBe(true);
    expect(await upstashStore(bridge.url, "wrong").ping()).toBe(false);
  });
});
