import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";

/** Pushes the meter's instruments over OTLP/HTTP (JSON) to the endpoint of OTEL_EXPORTER_OTLP_ENDPOINT (/v1/metrics). */
export const otlpMetricReader = (exportIntervalMillis: number) => new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis });
