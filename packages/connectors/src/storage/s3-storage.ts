import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { FileStorage } from "@vendaflow/core/ports/storage";

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export interface S3StorageConfig {
  bucket: string;
  /** "auto" for Cloudflare R2; the bucket's region on AWS. */
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Another S3-compatible origin (R2, MinIO, Supabase Storage, the test stand-in); unset = AWS. */
  endpoint?: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint>/<key>` (MinIO, the stand-in). */
  forcePathStyle?: boolean;
}

/**
 * Conversation files in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO…) through the
 * official SDK: private objects only (no ACL is ever sent, so the bucket's default applies: keep
 * public access blocked). Keys are `<tenantId>/<mediaId>` uuids, as on disk; anything else is
 * refused before a request is made. The SDK signs every request (SigV4) and retries transient
 * errors itself (3 attempts). Checksums only when the operation requires them: several
 * S3-compatible services refuse the SDK's default CRC32 trailers.
 */
export function s3Storage(config: S3StorageConfig): FileStorage {
  const client = new S3Client({
    region: config.region,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle ?? false,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const keyOf = (key: string) => {
    if (!KEY.test(key)) throw new RangeError(`Invalid storage key: ${key}`);
    return key;
  };
  return {
    kind: "s3",
    async put(key, body, contentType) {
      await client.send(new PutObjectCommand({ Bucket: config.bucket, Key: keyOf(key), Body: body, ContentType: contentType, ContentLength: body.byteLength }));
    },
    async get(key) {
      try {
        const r = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key: keyOf(key) }));
        return r.Body ? await r.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        // By name: the SDK's error classes may come from another bundle chunk.
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404) return null;
        throw err;
      }
    },
    async delete(key) {
      // S3 answers 204 for a key that does not exist: deleting twice is fine.
      await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: keyOf(key) }));
    },
  };
}
