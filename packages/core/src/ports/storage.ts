/**
 * Storage: the bytes of conversation files (WhatsApp media, documents agents send). Keys are ours
 * (`<tenantId>/<mediaId>`), never built from user input. Who may read a file is decided before
 * the port is reached (media_objects under RLS, and the media route), so adapters store private
 * objects only. Adapters: local disk under `.data/` (`connectors/storage/disk-storage`, the
 * default) and an S3-compatible bucket (`connectors/storage/s3-storage`: AWS S3, Cloudflare R2,
 * MinIO…) in production, chosen by `S3_BUCKET` (docs/production.md). Vercel Blob was weighed and
 * set aside: `@vercel/blob` 2.x has private blobs, but reads them from a fixed
 * `https://<store>.private.blob.vercel-storage.com` host that cannot be pointed at a local
 * stand-in, so the production path could not be tested on the wire (docs/whatsapp.md, Media).
 */
export interface FileStorage {
  readonly kind: "disk" | "s3";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}
