import { context, createContextKey, trace } from "@opentelemetry/api";

/** Who and what a request is about: the ids every span and log line of the request carries. */
export interface RequestInfo {
  requestId: string;
  tenantId?: string;
  userId?: string;
  /** The public part of the API credential a caller used (never the secret). */
  apiKey?: string;
  /** The developer API key (api_keys.id) a call was authenticated with. */
  apiKeyId?: string;
}

const KEY = createContextKey("vendaflow.request_info");

/** Runs `fn` with `info` in the OpenTelemetry context (AsyncLocalStorage once OTel is registered). */
export const withRequestInfo = <T>(info: RequestInfo, fn: () => T): T => context.with(context.active().setValue(KEY, info), fn);

export const currentRequestInfo = () => context.active().getValue(KEY) as RequestInfo | undefined;

/** Fills in ids learnt later (the tenant once the host is resolved, the user once the session is). */
export function noteRequest(fields: Partial<RequestInfo>) {
  const info = currentRequestInfo();
  if (info) Object.assign(info, Object.fromEntries(Object.entries(fields).filter(([, v]) => v)));
  trace.getActiveSpan()?.setAttributes(spanAttributes(fields));
}

/** The span attribute names for request ids (one naming for every span we make). */
export function spanAttributes(info: Partial<RequestInfo>) {
  return {
    ...(info.requestId ? { "vf.request_id": info.requestId } : {}),
    ...(info.tenantId ? { "vf.tenant_id": info.tenantId } : {}),
    ...(info.userId ? { "enduser.id": info.userId } : {}),
    ...(info.apiKey ? { "vf.api_key": info.apiKey } : {}),
    ...(info.apiKeyId ? { "vf.api_key_id": info.apiKeyId } : {}),
  };
}
