import { uploadImport } from "@vendaflow/core/crm/import/run";
import { withTenant } from "@vendaflow/db/with-tenant";
import { BODY_LIMITS, readBodyBytes } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { problem, toResponse } from "@/lib/server/http";
import { clientIp } from "@/lib/server/request-meta";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Upload of a CSV of leads (the raw file as the body, ?name=<file name>): a draft import with its preview. */
export const POST = route("/api/crm/import", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const session = tenant ? await tenantSession(tenant) : null;
  if (!tenant || !session) return problem(401, "unauthorized", "Sessão expirada. Entre novamente.");
  try {
    // 413 on a declared or an actual size past the limit, before the rest is read.
    const bytes = await readBodyBytes(req, BODY_LIMITS.crmImport, `Arquivo grande demais: o limite é ${BODY_LIMITS.crmImport / 1024 / 1024} MB.`);
    const name = new URL(req.url).searchParams.get("name") ?? "leads.csv";
    const preview = await withTenant(appDeps().db, tenant.id, (tx) =>
      uploadImport(tx, tenant.id, { userId: session.userId, role: session.role }, { name, bytes }, { actorUserId: session.userId, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }),
    );
    return Response.json(preview);
  } catch (err) {
    return toResponse(err);
  }
});
