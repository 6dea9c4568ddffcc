import { createHmac, timingSafeEqual } from "node:crypto";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { exportSubject, type SubjectExport } from "./export";

/**
 * The data subject downloads the export of a fulfilled access or portability request from the link
 * in the answer e-mail: the token is an HMAC of the request id, valid for 7 days after the answer.
 */

export const EXPORT_LINK_DAYS = 7;
const INVALID = "Link inválido ou expirado. Peça um novo acesso pela página de privacidade.";

export function exportToken(secret: string, requestId: string): string {
  return createHmac("sha256", secret).update(`export:${requestId}`).digest("base64url");
}

export function exportPath(secret: string, requestId: string, format: "json" | "csv", table?: string) {
  const q = new URLSearchParams({ request: requestId, token: exportToken(secret, requestId), format, ...(table ? { table } : {}) });
  return `/api/privacy/export?${q}`;
}

export async function exportForRequest(db: Database, tenantId: string, requestId: string, token: string, secret: string, now: Date): Promise<SubjectExport> {
  const a = Buffer.from(exportToken(secret, requestId));
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DomainError("NOT_FOUND", INVALID);
  return withTenant(
    db,
    tenantId,
    async (tx) => {
      const r = await tx.selectFrom("privacy_requests").select(["kind", "status", "lead_id", "contact_id", "closed_at"]).where("id", "=", requestId).executeTakeFirst();
      const fresh = r?.closed_at && now.getTime() - new Date(r.closed_at).getTime() <= EXPORT_LINK_DAYS * 86_400_000;
      if (!r || r.status !== "fulfilled" || !["access", "portability"].includes(r.kind) || !(r.lead_id || r.contact_id) || !fresh) throw new DomainError("NOT_FOUND", INVALID);
      return exportSubject(tx, { leadId: r.lead_id, contactId: r.contact_id }, now);
    },
    { readOnly: true },
  );
}
