import { tenantForHost } from "@/lib/server/host-tenant";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The signed-in user of this host's tenant (used by the SDK and the session tests). */
export const GET = route("/api/me", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  if (!tenant) return Response.json({ error: "not_found" }, { status: 404 });
  const s = await tenantSession(tenant);
  if (!s) return Response.json({ error: "unauthorized", message: "Sessão expirada. Entre novamente." }, { status: 401 });
  return Response.json({ userId: s.userId, email: s.email, name: s.name, role: s.role, tenant: { id: tenant.id, slug: tenant.slug } });
});
