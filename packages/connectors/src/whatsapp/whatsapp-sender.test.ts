import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WhatsAppTarget } from "@vendaflow/core/ports/messaging";
import { startGraphStandIn, type GraphStandIn } from "../../../../tests/stand-ins/graph-api";
import { cloudApiSender } from "./whatsapp-sender";

const TOKEN = "EAAsender";
let graph: GraphStandIn;
let limited: GraphStandIn;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TOKEN });
  // Meta's limits, scaled down so the test stays short: 40 messages/s per number, 3 per user in 6 s.
  limited = await startGraphStandIn({ accessToken: TOKEN, throughputPerSecond: 40, pairBurst: 3 });
});
afterAll(async () => {
  await graph.close();
  await limited.close();
});

const target = (phoneNumberId: string, to: WhatsAppTarget["to"], ratePerSecond = 80): WhatsAppTarget => ({ phoneNumberId, accessToken: TOKEN, ratePerSecond, to });

describe("cloudApiSender", () => {
  it("addresses a lead by phone (`to`) or, without one, by business-scoped id (`recipient`)", async () => {
    const sender = cloudApiSender({ graphBaseUrl: graph.baseUrl, apiVersion: "v25.0" });
    await sender.send(target("111", { phone: "5511987654321" }), { kind: "text", text: "a" });
    await sender.send(target("111", { userId: "BR.1502576394655843" }), { kind: "text", text: "b" });
    const [a, b] = graph.requests.slice(-2).map((r) => r.body as Record<string, unknown>);
    expect(a).toMatchObject({ to: "5511987654321", text: { body: "a" } });
    expect(b).toMatchObject({ recipient: "BR.1502576394655843", text: { body: "b" } });
    expect(b).not.toHaveProperty("to");
  });

  it("marks a message read with the typing indicator", async () => {
    const sender = cloudApiSender({ graphBaseUrl: graph.baseUrl, apiVersion: "v25.0" });
    await sender.markRead({ phoneNumberId: "111", accessToken: TOKEN, ratePerSecond: 80 }, "wamid.in1", { typing: true });
    expect(graph.reads.at(-1)).toMatchObject({ path: "/v25.0/111/messages", body: { messaging_product: "whatsapp", status: "read", message_id: "wamid.in1", typing_indicator: { type: "text" } } });
  });

  it("a burst on one number is paced (any 130429 from jitter retried) while another number's message goes out at once", async () => {
    const sender = cloudApiSender({ graphBaseUrl: limited.baseUrl, apiVersion: "v25.0", retryBaseMs: 50 });
    let done = 0;
    const burst = Array.from({ length: 60 }, (_, i) => sender.send(target("222", { phone: `55119${String(i).padStart(8, "0")}` }, 40), { kind: "text", text: "promo" }).finally(() => done++));
    await sender.send(target("333", { phone: "5511900000000" }, 40), { kind: "text", text: "oi" });
    // 60 messages at 40/s take over a second: the other tenant's message did not wait for them.
    expect(done).toBeLessThan(60);
    expect((await Promise.allSettled(burst)).filter((r) => r.status === "rejected")).toEqual([]);
  });

  it("paces one user at Meta's pair rate and retries 131056 / 130429 with backoff", async () => {
    const sender = cloudApiSender({ graphBaseUrl: graph.baseUrl, apiVersion: "v25.0", retryBaseMs: 20 });
    graph.failNext(130429);
    graph.failNext(131056);
    const before = graph.requests.length;
    await expect(sender.send(target("444", { phone: "5511911112222" }), { kind: "text", text: "x" })).resolves.toHaveProperty("wamid");
    expect(graph.requests.length - before).toBe(3);

    for (let i = 0; i < 4; i++) graph.failNext(131056);
    await expect(sender.send(target("444", { phone: "5511911113333" }), { kind: "text", text: "y" })).rejects.toMatchObject({ code: 131056 });
    // Other errors are not retried: 131047 (window closed) is final.
    graph.failNext(131047);
    const n = graph.requests.length;
    await expect(sender.send(target("444", { phone: "5511911114444" }), { kind: "text", text: "z" })).rejects.toMatchObject({ code: 131047 });
    expect(graph.requests.length - n).toBe(1);
  });

  it("keeps a chatty user under the pair limit instead of collecting 131056", async () => {
    const sender = cloudApiSender({ graphBaseUrl: limited.baseUrl, apiVersion: "v25.0", retryBaseMs: 5, maxAttempts: 1 });
    // Meta allows a burst (the stand-in: 3 in 6 s); the sender's pair bucket holds 45, so it is the retry that must absorb it.
    const sends = Array.from({ length: 3 }, () => sender.send(target("555", { phone: "5511922223333" }, 40), { kind: "text", text: "x" }));
    expect((await Promise.allSettled(sends)).every((r) => r.status === "fulfilled")).toBe(true);
  });
});
