import { exportCsv } from "@vendaflow/core/privacy/export";
import { exportForRequest } from "@vendaflow/core/privacy/export-link";
import { z } from "zod";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { toResponse } from "@/lib/server/http";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const query = z.object({
  request: z.uuid({ error: "Link inválido." }),
  token: z.string().min(1).max(100, { error: "Link inválido." }),
  format: z.enum(["json", "csv"], { error: "Formato: json ou csv." }).default("json"),
  table: z.string().max(63).regex(/^[a-z_]+$/, { error: "Tabela inválida." }).optional(),
});

/**
 * The data subject's download of an answered access / portability request (link in the answer
 * e-mail, no session): the whole export as JSON, or one table as CSV (`&format=csv&table=messages`).
 */
export const GET = route("/api/privacy/export", "http", async (req: Request) => {
  try {
    const { tenant } = await tenantForHost(req.headers.get("host"));
    if (!tenant) return Response.json({ error: "not_found", message: "Espaço de trabalho não encontrado." }, { status: 404 });
    const q = query.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!q.success) return Response.json({ error: "bad_request", message: q.error.issues[0]?.message ?? "Link inválido." }, { status: 400 });
    const d = appDeps();
    const data = await exportForRequest(d.db, tenant.id, q.data.request, q.data.token, d.tokenSecret, d.now());
    const stamp = data.generatedAt.slice(0, 10);
    if (q.data.format === "json") {
      return new Response(JSON.stringify(data, null, 2), { headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="meus-dados-${stamp}.json"`, "cache-control": "no-store" } });
    }
    const rows = q.data.table ? data.tables[q.data.table] : undefined;
    if (!rows) return Response.json({ error: "bad_request", message: `Tabela inexistente na exportação. Use uma destas: ${Object.keys(data.tables).join(", ")}.` }, { status: 400 });
    return new Response("\uFEFF" + exportCsv(rows), { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="meus-dados-${q.data.table}-${stamp}.csv"`, "cache-control": "no-store" } });
  } catch (err) {
    return toResponse(err);
  }
});
