import { IMPORT_LIMITS } from "@vendaflow/core/crm/import/csv";
import { uploadImport } from "@vendaflow/core/crm/import/run";
import { withTenant } from "@vendaflow/db/with-tenant";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { problem, toResponse } from "@/lib/server/http";
import { clientIp } from "@/lib/server/request-meta";
import { tenantSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** Reads at most `limit` bytes of the body; more is a 413 before the rest is read. */
async function readBounded(req: Request, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > limit) return null;
  const reader = req.body?.getReader();
  if (!reader) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Upload of a CSV of leads (the raw file as the body, ?name=<file name>): a draft import with its preview. */
export async function POST(req: Request) {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const session = tenant ? await tenantSession(tenant) : null;
  if (!tenant || !session) return problem(401, "unauthorized", "Sessão expirada. Entre novamente.");
  const bytes = await readBounded(req, IMPORT_LIMITS.bytes);
  if (!bytes) return problem(413, "too_large", `O arquivo tem mais de ${IMPORT_LIMITS.bytes / 1024 / 1024} MB.`);
  const name = new URL(req.url).searchParams.get("name") ?? "leads.csv";
  try {
    const preview = await withTenant(appDeps().db, tenant.id, (tx) =>
      uploadImport(tx, tenant.id, { userId: session.userId, role: session.role }, { name, bytes }, { actorUserId: session.userId, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }),
    );
    return Response.json(preview);
  } catch (err) {
    return toResponse(err);
  }
}
