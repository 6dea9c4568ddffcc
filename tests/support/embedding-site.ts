import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FixtureTenant } from "./fixtures";

/**
 * A tenant's website on another origin that embeds the widget snippet, plus the web inbox that
 * allows that origin (created through tRPC as the tenant's admin). `csp`: the site's own
 * Content-Security-Policy header, given the widget's origin; `schedulingUrl`: the inbox's booking
 * link, offered to a qualified lead.
 */
export async function startEmbeddingSite(tenant: FixtureTenant, opts: { csp?: (widgetOrigin: string) => string; schedulingUrl?: string; viewportMeta?: boolean; snippetAttrs?: string } = {}) {
  let publicKey = "";
  /** Bodies POSTed to the site's /csp-report (a `report-uri /csp-report` in `csp` sends them here). */
  const reports: unknown[] = [];
  const site = http.createServer((req, res) => {
    if (req.method === "POST" && req.url === "/csp-report") {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push(body);
        }
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...(opts.csp ? { "content-security-policy": opts.csp(`http://${tenant.host}`) } : {}) });
    res.end(`<!doctype html><html lang="pt-BR"><head>${opts.viewportMeta === false ? "" : '<meta name="viewport" content="width=device-width, initial-scale=1">'}<title>Loja Exemplo</title></head><body><h1>Loja Exemplo</h1>
<script async src="http://${tenant.host}/widget/v1/loader.js" data-inbox="${publicKey}"${opts.snippetAttrs ? ` ${opts.snippetAttrs}` : ""}></script></body></html>`);
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [origin], schedulingUrl: opts.schedulingUrl ?? "", templates: {} } });
  if (created.error) throw new Error(`inbox creation failed: ${created.error.message}`);
  publicKey = created.data.inbox.publicKey;
  return { origin, publicKey, reports, close: () => new Promise<void>((r) => site.close(() => r())) };
}
