import { trace } from "@opentelemetry/api";
import { redact, redactString } from "./redact";
import { currentRequestInfo } from "./request-info";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/**
 * One JSON line per event on stdout (warn/error on stderr), carrying the request's ids (request,
 * tenant, user or API key) and the active trace and span ids, so a log line finds its trace.
 * Fields pass through redact(): no e-mail, phone or message text reaches the logs. Written by hand
 * rather than with pino: a synchronous line writer is all this needs, and pino's path-based
 * redaction would not catch a phone number inside an error message.
 */
export function createLogger(level: () => LogLevel, write: (line: string, level: LogLevel) => void = defaultWrite): Logger {
  const log = (l: LogLevel, msg: string, fields: LogFields = {}) => {
    if (LEVELS[l] < LEVELS[level()]) return;
    const info = currentRequestInfo();
    const span = trace.getActiveSpan()?.spanContext();
    // eslint-disable-next-line no-restricted-syntax -- a log line's own wall-clock time, not a domain timestamp
    const time = new Date().toISOString();
    const line = {
      level: l,
      msg: redactString(msg),
      time,
      ...(info ? { requestId: info.requestId, tenantId: info.tenantId, userId: info.userId, apiKey: info.apiKey, apiKeyId: info.apiKeyId } : {}),
      ...(span ? { traceId: span.traceId, spanId: span.spanId } : {}),
      ...(redact(fields) as LogFields),
    };
    write(JSON.stringify(line), l);
  };
  return {
    debug: (m, f) => log("debug", m, f),
    info: (m, f) => log("info", m, f),
    warn: (m, f) => log("warn", m, f),
    error: (m, f) => log("error", m, f),
  };
}

function defaultWrite(line: string, level: LogLevel) {
  if (level === "warn" || level === "error") process.stderr.write(line + "\n");
  else process.stdout.write(line + "\n");
}
