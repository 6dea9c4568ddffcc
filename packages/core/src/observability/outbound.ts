import { SpanKind } from "@opentelemetry/api";
import { outboundCalls, outboundDuration } from "./service-metrics";
import { inSpan } from "./trace";

/**
 * The port with every method wrapped in a client span `<service>.<method>` and counted in
 * vf_outbound_calls_total / vf_outbound_call_duration_seconds by outcome. Applied once to each
 * outside service's adapter in apps/web/lib/server/deps.ts, so no adapter carries tracing code.
 * Every port method is async (ports/README.md); non-function members pass through.
 */
export function tracedPort<T extends object>(service: string, port: T): T {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || typeof prop !== "string") return value;
      if (!wrapped.has(prop)) {
        const operation = `${service}.${prop}`;
        wrapped.set(prop, (...args: unknown[]) => {
          const started = performance.now();
          return inSpan(operation, { kind: SpanKind.CLIENT, attributes: { "peer.service": service, "vf.operation": prop } }, async (span) => {
            let outcome = "error";
            try {
              const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
              outcome = "ok";
              return result;
            } finally {
              span.setAttribute("vf.outcome", outcome);
              outboundCalls.inc({ service, operation: prop, outcome });
              outboundDuration.observe({ service, operation: prop }, (performance.now() - started) / 1000);
            }
          });
        });
      }
      return wrapped.get(prop);
    },
  });
}
