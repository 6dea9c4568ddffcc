import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { diskStorage } from "@vendaflow/connectors/storage/disk-storage";
import { createWhatsAppClient } from "@vendaflow/connectors/whatsapp/cloud-api-client";
import { cloudApiSender } from "@vendaflow/connectors/whatsapp/whatsapp-sender";
import { startGraphStandIn } from "../stand-ins/graph-api";
import { fmt, summarize, table } from "./stats";

// The WhatsApp sender and media, against the Graph stand-in on loopback (no app build needed):
// - the sender's measured rate per number under a burst (80/s default, 20/s coexistence, 250/s
//   upgraded), two numbers at once, with Meta's throughput limit enforced by the stand-in;
// - a lead's media: metadata + download through the Graph API + write to disk storage, by size.
// BENCH_ONLY=whatsapp runs this section alone.

const TOKEN = "bench-token";

async function senderRates(seconds: number) {
  const rows: string[][] = [];
  for (const scenario of [
    { label: "warm-up (not reported)", numbers: [40] },
      { label: "80/s (default)", numbers: [80] },
      { label: "20/s (coexistence)", numbers: [20] },
      { label: "250/s (upgraded)", numbers: [250] },
      { label: "80/s + 20/s, two numbers at once", numbers: [80, 20] },
  ]) {
    // Meta's limit enforced by the stand-in (130429 past the rate in any second, for the fastest number).
    const graph = await startGraphStandIn({ accessToken: TOKEN, throughputPerSecond: Math.max(...scenario.numbers) });
    const sender = cloudApiSender({ graphBaseUrl: graph.baseUrl, apiVersion: "v25.0", retryBaseMs: 200 });
    try {
      const started = performance.now();
      let sent = 0;
      await Promise.all(
        scenario.numbers.map(async (rate, n) => {
          const phoneNumberId = `9${n}${Date.now()}`;
          // rate × seconds messages at once, each to a different lead (no pair limit).
          const burst = Math.ceil(rate * seconds);
          await Promise.all(
            Array.from({ length: burst }, (_, i) => { sent++; return sender.send({ phoneNumberId, accessToken: TOKEN, ratePerSecond: rate, to: { phone: `55119${String(n)}${String(i).padStart(7, "0")}` } }, { kind: "text", text: "oi" }); }),
          );
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      // Per number: arrivals per second over the run and the busiest 1-s window.
      const byNumber = new Map<string, number[]>();
      for (const r of graph.requests) {
        const id = r.path.split("/")[2]!;
        const list = byNumber.get(id) ?? [];
        list.push(r.at);
        byNumber.set(id, list);
      }
      const perNumber = [...byNumber.values()].map((times, i) => {
        times.sort((a, b) => a - b);
        let peak = 0;
        for (let lo = 0, hi = 0; hi < times.length; hi++) {
          while (times[hi]! - times[lo]! >= 1000) lo++;
          peak = Math.max(peak, hi - lo + 1);
        }
        const span = (times.at(-1)! - times[0]!) / 1000;
        return `${scenario.numbers[i]}/s → ${fmt((times.length - 1) / span)} msg/s (busiest 1 s: ${peak})`;
      });
      if (scenario.label.startsWith("warm-up")) continue;
      rows.push([scenario.label, String(sent), String(graph.requests.length - sent), fmt(elapsed, 2), perNumber.join("; ")]);
    } finally {
      await graph.close();
    }
  }
  return rows;
}

async function mediaDownloads(repeats: number) {
  const graph = await startGraphStandIn({ accessToken: TOKEN });
  const root = await mkdtemp(path.join(tmpdir(), "vf-bench-media-"));
  const storage = diskStorage(root);
  const client = createWhatsAppClient({ graphBaseUrl: graph.baseUrl, accessToken: TOKEN, phoneNumberId: "106540352242922" });
  const tenant = randomUUID();
  const rows: string[][] = [];
  try {
    for (const [label, size, mime] of [
      ["voice note 40 KB", 40 * 1024, "audio/ogg"],
      ["photo 300 KB", 300 * 1024, "image/jpeg"],
      ["photo 5 MB (limit)", 5 * 1024 * 1024, "image/jpeg"],
      ["video 16 MB (limit)", 16 * 1024 * 1024, "video/mp4"],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const id = graph.addMedia(randomBytes(size), mime);
        const t0 = performance.now();
        const file = await client.downloadMedia(id, 32 * 1024 * 1024);
        await storage.put(`${tenant}/${randomUUID()}`, file.body, mime);
        times.push(performance.now() - t0);
      }
      const s = summarize(times);
      rows.push([label, String(repeats), fmt(s.p50), fmt(s.p95), fmt(s.max), fmt(size / 1024 / 1024 / (s.p50 / 1000), 0)]);
    }
  } finally {
    await graph.close();
    await rm(root, { recursive: true, force: true });
  }
  return rows;
}

export async function whatsappBench(seconds = 3, repeats = 10) {
  const lines: string[] = [];
  lines.push(`whatsapp sender: a burst of rate × ${seconds} s messages per number, to distinct leads, through cloudApiSender → Graph stand-in (loopback)`);
  lines.push(table(["scenario", "sent", "130429 retried", "seconds", "measured rate per number (arrivals at the stand-in)"], await senderRates(seconds)));
  lines.push("");
  lines.push(`whatsapp media: Graph metadata + download (Bearer, sha256 checked) + disk write, ${repeats} files per size`);
  lines.push(table(["file", "n", "p50 ms", "p95 ms", "max ms", "MB/s (p50)"], await mediaDownloads(repeats)));
  return { lines };
}
