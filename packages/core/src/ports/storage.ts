/**
 * Storage: the bytes of conversation files (WhatsApp media, documents agents send). Keys are ours
 * (`<tenantId>/<mediaId>`), never built from user input. Who may read a file is decided before
 * the port is reached (media_objects under RLS, and the media route), so adapters store private
 * objects only. Adapters: local disk under `.data/` (`connectors/storage/disk-storage`, the
 * default) and Vercel Blob (`connectors/storage/vercel-blob-storage`) in production.
 */
export interface FileStorage {
  readonly kind: "disk" | "vercel-blob";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}
