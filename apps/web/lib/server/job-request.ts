import { verifyQStashRequest } from "@vendaflow/connectors/qstash/verify-request";
import { noteRequest } from "@vendaflow/core/observability/request-info";
import type { z } from "zod";
import { env } from "@/lib/env";
import { BODY_LIMITS, readBody } from "@/lib/server/body";
import { publicBaseUrl } from "@/lib/server/deps";
import { HttpError, problem } from "@/lib/server/http";

/**
 * Every QStash-triggered endpoint: raw body → Upstash-Signature checked with the Receiver AND the
 * public URL of this endpoint (a token signed for another URL is refused) → zod. The embedded
 * scheduler signs with the same keys, so there is one verification path.
 */
export async function verifiedJob<S extends z.ZodType>(req: Request, path: string, schema: S): Promise<z.infer<S>> {
  const raw = await readBody(req, BODY_LIMITS.job);
  const ok = await verifyQStashRequest({
    signature: req.headers.get("upstash-signature"),
    rawBody: raw,
    url: `${publicBaseUrl()}${path}`,
    currentSigningKey: env().QSTASH_CURRENT_SIGNING_KEY,
    nextSigningKey: env().QSTASH_NEXT_SIGNING_KEY,
  });
  if (!ok) throw new HttpError(problem(401, "invalid_signature", "Assinatura Upstash-Signature inválida."));
  let body: unknown;
  try {
    body = JSON.parse(raw || "{}");
  } catch {
    throw new HttpError(problem(400, "invalid_json", "Corpo não é JSON válido."));
  }
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(problem(400, "invalid_input", "Dados do job inválidos.", { issues: r.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }));
  // Jobs about one tenant carry its id: their span, metrics and logs get it.
  const tenantId = (r.data as { tenantId?: unknown }).tenantId;
  if (typeof tenantId === "string") noteRequest({ tenantId });
  return r.data;
}
