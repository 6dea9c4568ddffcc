import { registerOTel } from "@vercel/otel";

/**
 * Runs once per server process: registers OpenTelemetry and validates the environment. A bad
 * value stops start-up with a message naming the variable (Next would otherwise keep serving).
 * Tenant and request ids are set as span attributes in lib/server/api-context.ts.
 */
export async function register() {
  registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "vendaflow-web" });
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { env } = await import("./lib/env");
    try {
      env();
    } catch (err) {
      console.error((err as Error).message);
      process.exit(1);
    }
    const { startLocalJobs } = await import("./lib/server/local-jobs");
    startLocalJobs();
  }
}
