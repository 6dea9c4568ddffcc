import { observeGaugesInOtel, processFamilies, renderPrometheus, type Family } from "@vendaflow/core/observability/metrics";
import { TENANT_ACTIVITY_FAMILIES, tenantActivity } from "@vendaflow/core/observability/tenant-activity";
import { appDeps } from "./deps";

const TTL_MS = 10_000;
let cached: { at: number; families: Promise<Family[]> } | null = null;

/** The database's figures, read at most once per 10 s per process (Prometheus scrapes and OTel exports share them). */
export function databaseFamilies(): Promise<Family[]> {
  const now = performance.now();
  if (!cached || now - cached.at > TTL_MS) {
    const families = tenantActivity(appDeps().db);
    cached = { at: now, families };
    families.catch(() => (cached = null));
  }
  return cached.families;
}

/** Prometheus text of /api/metrics: this process's service metrics and the database's per-tenant figures. */
export async function prometheusText(): Promise<string> {
  return renderPrometheus([...processFamilies(), ...(await databaseFamilies())]);
}

/** Called once by lib/server/node-startup.ts (instrumentation.ts) after the meter provider is registered (the caches' own counters: lib/server/route.ts). */
export function observeInOtel() {
  observeGaugesInOtel(
    [...TENANT_ACTIVITY_FAMILIES, { name: "vf_scheduled_jobs_due", help: "Embedded scheduler: jobs due." }, { name: "vf_scheduled_jobs_retrying", help: "Embedded scheduler: due jobs already retried." }, { name: "vf_scheduled_jobs_lag_seconds", help: "Embedded scheduler: lateness of the oldest due job." }],
    databaseFamilies,
  );
}
