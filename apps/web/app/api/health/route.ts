import { sql } from "kysely";
import { MAX_ATTEMPTS } from "@vendaflow/connectors/qstash/local-delivery";
import { appDeps } from "@/lib/server/deps";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/**
 * Database and KV status; 503 when the database does not answer. With the embedded scheduler, the
 * jobs it gave up on (kept in scheduled_jobs with their last error) are counted here, never dropped.
 */
export const GET = route("/api/health", "http", async () => {
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
  const failed =
    database === "ok" && appDeps().scheduler.kind === "local"
      ? await appDeps()
          .db.selectFrom("scheduled_jobs")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("delivered_at", "is", null)
          .where("attempts", ">=", MAX_ATTEMPTS)
          .executeTakeFirst()
          .then((r) => Number(r?.n ?? 0))
          .catch(() => null)
      : null;
  const body = {
    status: database === "ok" ? "ok" : "degraded",
    database,
    kv: { kind: appDeps().counters.kind, status: kvOk ? "ok" : "down" },
    ...(failed !== null ? { jobs: { failedForGood: failed } } : {}),
    tookMs: Date.now() - started,
  };
  return Response.json(body, { status: database === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
