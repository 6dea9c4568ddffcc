import { Counter, Histogram } from "./metrics";

// The process's own service metrics (see docs/observability.md for the list and what reads them).
export const httpRequests = new Counter("vf_http_requests_total", "Route handler requests by route, method, status and tenant.");
export const httpDuration = new Histogram("vf_http_request_duration_seconds", "Route handler time to the response, by route.");
export const trpcCalls = new Counter("vf_trpc_calls_total", "tRPC procedure calls by procedure, result code and tenant.");
export const trpcDuration = new Histogram("vf_trpc_duration_seconds", "tRPC procedure time, by procedure.");
export const outboundCalls = new Counter("vf_outbound_calls_total", "Calls to outside services (WhatsApp Graph, QStash, Stripe, e-mail, webhooks, AI model) by service, operation and outcome.");
export const outboundDuration = new Histogram("vf_outbound_call_duration_seconds", "Outside service call time, by service and operation.");
export const webhookFailures = new Counter("vf_webhook_failures_total", "Inbound webhooks refused or failed (bad signature, bad payload, unavailable, handler failed), by route and reason.");
export const jobRuns = new Counter("vf_job_runs_total", "Job callbacks by job and status.");
export const jobRetries = new Counter("vf_job_retries_total", "Job callbacks that were redeliveries (Upstash-Retried > 0), by job.");
export const dbStatements = new Counter("vf_db_statements_total", "Database statements sent while serving a route, by route.");
export const dbTime = new Counter("vf_db_time_seconds_total", "Time spent in database statements while serving a route, by route.");
