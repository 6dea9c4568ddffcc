import { sql } from "kysely";
import { appDeps } from "@/lib/server/deps";

export const dynamic = "force-dynamic";

/** Database and KV status; 503 when the database does not answer. */
export async function GET() {
  const started = Date.now();
  let database: "ok" | "down" = "down";
  try {
    await Promise.race([
      sql`select 1`.execute(appDeps().db),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 2000)),
    ]);
    database = "ok";
  } catch {}
  const kvOk = await appDeps().counters.ping().catch(() => false);
  const body = { status: database === "ok" ? "ok" : "degraded", database, kv: { kind: appDeps().counters.kind, status: kvOk ? "ok" : "down" }, tookMs: Date.now() - started };
  return Response.json(body, { status: database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
