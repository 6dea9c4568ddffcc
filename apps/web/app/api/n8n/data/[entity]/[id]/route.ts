import { restCall } from "@vendaflow/api/openapi";
import { n8nEntities, type N8nEntity } from "@vendaflow/validators/n8n";
import { apiContextFrom } from "@/lib/server/api-context";
import { problem, toResponse } from "@/lib/server/http";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Each entity is read by the key-reachable procedure that holds its scope. */
const PROCEDURE: Record<N8nEntity, { path: string; input: (id: string) => unknown }> = {
  lead: { path: "n8n.lead", input: (id) => ({ id }) },
  contact: { path: "crm.contacts.get", input: (id) => ({ id }) },
  company: { path: "crm.companies.get", input: (id) => ({ id }) },
  deal: { path: "crm.deals.get", input: (id) => ({ id }) },
  conversation: { path: "conversations.get", input: (id) => ({ conversationId: id }) },
};

/**
 * The seed's `GET /api/n8n/data/{entity}/{id}` (docs/integrations.md) for n8n's HTTP Request node:
 * one lead, contact, company, deal or conversation of the key's tenant, as JSON, under the key's
 * read scope (`leads:read`, `deals:read`, `conversations:read`); another tenant's id is 404.
 */
export const GET = route("/api/n8n/data/[entity]/[id]", "http", async (req: Request, { params }: { params: Promise<{ entity: string; id: string }> }) => {
  try {
    const { entity, id } = await params;
    if (!(n8nEntities as readonly string[]).includes(entity)) return problem(404, "not_found", `Entidade desconhecida: use ${n8nEntities.join(", ")}.`);
    const p = PROCEDURE[entity as N8nEntity];
    const res = await restCall(await apiContextFrom(req.headers), p.path, "GET", p.input(id));
    return Response.json(res.body, { status: res.status, headers: res.headers });
  } catch (err) {
    return toResponse(err);
  }
});
