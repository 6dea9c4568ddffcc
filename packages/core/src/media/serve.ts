import { createHmac, timingSafeEqual } from "node:crypto";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";

/** How long a signed media link works. */
export const SIGNED_URL_TTL_SECONDS = 3600;

const signature = (secret: string, tenantId: string, mediaId: string, exp: number) =>
  createHmac("sha256", secret).update(`media:${tenantId}:${mediaId}:${exp}`).digest("base64url");

/** `?exp=…&sig=…` for /api/media/<id> on the tenant's host: works without a session until exp. */
export function signMediaQuery(secret: string, tenantId: string, mediaId: string, now: Date, ttlSeconds = SIGNED_URL_TTL_SECONDS) {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return `exp=${exp}&sig=${signature(secret, tenantId, mediaId, exp)}`;
}

/** A link signed for this tenant and this file, not expired. Constant-time. */
export function verifyMediaQuery(secret: string, tenantId: string, mediaId: string, exp: string | null, sig: string | null, now: Date): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return false;
  const e = Number(exp);
  if (e * 1000 < now.getTime()) return false;
  const want = Buffer.from(signature(secret, tenantId, mediaId, e));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

export interface ServedMedia {
  body: Uint8Array;
  contentType: string;
  kind: string;
  filename: string | null;
  sha256: string | null;
}

/** A stored file of the tenant (RLS: another tenant's id reads as missing), or null. */
export async function readMedia(deps: Pick<AppDeps, "db" | "storage">, tenantId: string, mediaId: string): Promise<ServedMedia | null> {
  const row = await withTenant(deps.db, tenantId, (tx) =>
    tx.selectFrom("media_objects").select(["storage_key", "content_type", "kind", "filename", "sha256"]).where("id", "=", mediaId).where("status", "=", "stored").executeTakeFirst(),
  );
  if (!row?.storage_key) return null;
  const body = await deps.storage.get(row.storage_key);
  if (!body) return null;
  return { body, contentType: row.content_type ?? "application/octet-stream", kind: row.kind, filename: row.filename, sha256: row.sha256 };
}
