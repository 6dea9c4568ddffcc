import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { problem } from "@/lib/server/http";
import { prometheusText } from "@/lib/server/metrics";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

function same(given: string, token: string) {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Prometheus text format for a scraper holding METRICS_TOKEN (docs/observability.md); 401 to anyone else. */
export const GET = route("/api/metrics", "http", async (req: Request) => {
  const token = env().METRICS_TOKEN;
  const given = req.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? "";
  if (!token || !same(given, token)) return problem(401, "unauthorized", "Token de métricas ausente ou inválido.", {}, { "www-authenticate": 'Bearer realm="metrics"' });
  return new Response(await prometheusText(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8", "cache-control": "no-store" } });
});
