import { readMedia, verifyMediaQuery } from "@vendaflow/core/media/serve";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { problem } from "@/lib/server/http";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";
import { isUuid } from "@vendaflow/validators/uuid";

export const dynamic = "force-dynamic";

const INLINE = new Set(["image", "audio", "video", "sticker"]);

/**
 * A conversation file, only on its tenant's host: for a signed-in member of that tenant, or with a
 * link signed for this tenant and file (`?exp&sig`, core/media/serve). The lookup runs under the
 * host's tenant (RLS), so another tenant's id is simply not found. Served with the type from the
 * allow-list, nosniff and a sandbox CSP; anything but playable media downloads as an attachment.
 */
export const GET = route("/api/media/[id]", "http", async (req: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const { tenant } = await tenantForHost(req.headers.get("host"));
  if (!tenant || !isUuid(id)) return problem(404, "not_found", "Arquivo não encontrado.");
  const d = appDeps();
  const q = new URL(req.url).searchParams;
  if (q.has("sig")) {
    if (!verifyMediaQuery(d.tokenSecret, tenant.id, id, q.get("exp"), q.get("sig"), d.now())) return problem(403, "invalid_signature", "Link do arquivo inválido ou expirado.");
  } else if (!(await tenantSession(tenant))) {
    return problem(401, "unauthorized", "Sessão expirada. Entre novamente.");
  }
  const file = await readMedia(d, tenant.id, id);
  if (!file) return problem(404, "not_found", "Arquivo não encontrado.");
  const inline = INLINE.has(file.kind) && file.contentType !== "application/octet-stream";
  const name = file.filename ?? `arquivo-${id.slice(0, 8)}`;
  return new Response(Buffer.from(file.body), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.body.byteLength),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename="${name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
      "cache-control": "private, max-age=3600",
      ...(file.sha256 ? { etag: `"${file.sha256}"` } : {}),
    },
  });
});
