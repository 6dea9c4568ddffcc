import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface InboxCredentials {
  /** WhatsApp: the inbox's own Meta app (else the platform's). */
  accessToken?: string;
  appSecret?: string;
  /** WhatsApp own app: the token Meta echoes on GET verification. */
  verifyToken?: string;
  /** API inbox: bearer secret its backend sends with each call. */
  apiSecret?: string;
}

/**
 * key: 32 bytes, base64 (ENCRYPTION_KEY). Output: base64(iv | tag | ciphertext), AES-256-GCM.
 * Every stored secret goes through here (inboxes, calendar connections).
 */
export function encryptCredentials<T extends object = InboxCredentials>(creds: T, keyB64: string): string {
  const key = Buffer.from(keyB64, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(creds), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function decryptCredentials<T extends object = InboxCredentials>(blob: string | null, keyB64: string): Partial<T> {
  if (!blob) return {};
  const raw = Buffer.from(blob, "base64");
  const decipher = createDecipheriv("aes-256-gcm", Buffer.from(keyB64, "base64"), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as Partial<T>;
}
