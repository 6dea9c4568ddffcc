import { registerOTel } from "@vercel/otel";

/**
 * Runs once per server process: validates the environment (a bad value stops start-up naming the
 * variable) and registers OpenTelemetry. Tenant and request ids are added as span attributes
 * where they are known (lib/server/tracing.ts).
 */
export async function register() {
  registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "vendaflow-web" });
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { env } = await import("./lib/env");
    env();
  }
}
