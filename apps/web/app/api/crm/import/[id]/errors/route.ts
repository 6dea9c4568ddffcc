import { csvLine } from "@vendaflow/core/csv";
import { importErrors } from "@vendaflow/core/crm/import/run";
import { withTenant } from "@vendaflow/db/with-tenant";
import { z } from "zod";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { problem, toResponse } from "@/lib/server/http";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The import's per-row errors as CSV (linha; campo; erro), for fixing the file and importing it again. */
export const GET = route("/api/crm/import/[id]/errors", "http", async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const session = tenant ? await tenantSession(tenant) : null;
  if (!tenant || !session) return problem(401, "unauthorized", "Sessão expirada. Entre novamente.");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) return problem(404, "not_found", "Importação não encontrada.");
  try {
    const errors = await withTenant(appDeps().db, tenant.id, (tx) => importErrors(tx, id.data), { readOnly: true });
    const body = "\ufeff" + csvLine(["linha", "campo", "erro"]) + errors.map((e) => csvLine([e.row, e.field, e.message.replace(/^[=+\-@\t\r]/, "'$&")])).join("");
    return new Response(body, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="erros-importacao.csv"`, "cache-control": "no-store" } });
  } catch (err) {
    return toResponse(err);
  }
});
