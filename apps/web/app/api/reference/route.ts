import { openApiDocument } from "@vendaflow/api/openapi";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Operation = { summary: string; description: string; requestBody?: { content: { "application/json": { schema: unknown } } }; parameters?: { content: { "application/json": { schema: unknown } } }[] };

/** A readable reference of the REST API, rendered on the server from /api/openapi.json (no script, no outside assets). */
export const GET = route("/api/reference", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const links = appDeps().links;
  const doc = openApiDocument(tenant ? links.tenantUrl(tenant.slug, "") : links.rootUrl(""));
  const server = doc.servers[0]!.url;
  const sections = Object.entries(doc.paths as Record<string, Record<string, Operation>>)
    .map(([path, methods]) => {
      const ops = Object.entries(methods)
        .map(([method, op]) => {
          const schema = op.requestBody?.content["application/json"].schema ?? op.parameters?.[0]?.content["application/json"].schema;
          const example = method === "get" ? `curl -H "Authorization: Bearer $VENDAFLOW_API_KEY" "${server}${path}?input=..."` : `curl -X POST -H "Authorization: Bearer $VENDAFLOW_API_KEY" -H "content-type: application/json" -d '{...}' ${server}${path}`;
          return `<h3><code>${method.toUpperCase()} ${esc(path)}</code></h3><p>${esc(op.description)}</p><pre>${esc(example)}</pre>${schema ? `<details><summary>Entrada (JSON Schema)</summary><pre>${esc(JSON.stringify(schema, null, 2))}</pre></details>` : "<p>Sem entrada.</p>"}`;
        })
        .join("");
      return `<section id="${esc(path)}">${ops}</section>`;
    })
    .join("");
  const html = `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>${esc(doc.info.title)} — referência</title><meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:auto;padding:24px;color:#111}pre{background:#f5f5f5;padding:12px;overflow:auto;font-size:13px}section{border-top:1px solid #eee;padding-top:8px}h3{font-size:15px}</style></head>
<body><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p><p>Servidor: <code>${esc(server)}</code> · Documento OpenAPI 3.1: <a href="/api/openapi.json">/api/openapi.json</a> · Erros: <code>{ "error", "message", "issues"? }</code> · 429 traz <code>Retry-After</code>.</p>${sections}</body></html>`;
  return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
});
