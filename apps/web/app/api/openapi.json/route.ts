import { openApiDocument } from "@vendaflow/api/openapi";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** OpenAPI 3.1 of the REST API, with this tenant's origin as the server (the root host shows the root origin). */
export const GET = route("/api/openapi.json", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const links = appDeps().links;
  return Response.json(openApiDocument(tenant ? links.tenantUrl(tenant.slug, "") : links.rootUrl("")), { headers: { "access-control-allow-origin": "*" } });
});
