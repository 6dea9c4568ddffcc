import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export interface InboxCredentials {
  /** WhatsApp: the inbox's own Meta app (else the platform's). */
  accessToken?: string;
  appSecret?: string;
  /**
   * WhatsApp on the platform app through Embedded Signup: the business's own token (from the
   * popup's code), which every Cloud API call for the number uses (conversations/whatsapp-number.ts
   * tokenOf), and the number's two-step verification pin (re-registering the number).
   */
  businessToken?: string;
  twoStepPin?: string;
  /** sha256 of the popup's code that gave businessToken: the same completion submitted twice is not a reconnection. */
  signupCode?: string;
  /** WhatsApp own app: the token Meta echoes on GET verification. */
  verifyToken?: string;
  /** API inbox: bearer secret its backend sends with each call. */
  apiSecret?: string;
}

/**
 * The encryption keyring, written as one string (AppDeps.encryptionKey): comma-separated
 * `<id>:<base64 32 bytes>` entries, the first one encrypts and every one decrypts. A bare base64
 * key is the key id "0" (the format before key ids). Rotation (docs/production.md): put the new key
 * first (ENCRYPTION_KEY) and the old one in ENCRYPTION_KEYS_RETIRED; blobs name the key they were
 * sealed with, so old credentials still decrypt.
 */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const parsed = new Map<string, EncryptionKey[]>();

/** Parses a keyring (see above); throws naming the problem, never the key. */
export function parseKeyring(spec: string): EncryptionKey[] {
  const hit = parsed.get(spec);
  if (hit) return hit;
  const keys = spec
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const i = entry.indexOf(":");
      const id = i < 0 ? "0" : entry.slice(0, i);
      const key = Buffer.from(i < 0 ? entry : entry.slice(i + 1), "base64");
      if (!KEY_ID.test(id)) throw new Error("ENCRYPTION_KEY: a key id is 1-16 letters, digits, _ or -");
      if (key.length !== 32) throw new Error(`ENCRYPTION_KEY must be 32 bytes, base64 (key id ${id})`);
      return { id, key };
    });
  if (keys.length === 0) throw new Error("ENCRYPTION_KEY must be 32 bytes, base64");
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error("ENCRYPTION_KEY: key ids must be distinct");
  parsed.set(spec, keys);
  return keys;
}

/** The keyring of the environment: the current key first, then the retired ones still able to decrypt. */
export const keyringSpec = (current: string, retired = "") => [current, retired].filter(Boolean).join(",");

/**
 * Output: `<key id>.` + base64(iv | tag | ciphertext), AES-256-GCM with the keyring's first key.
 * Every stored secret goes through here (inboxes, calendar connections).
 */
export function encryptCredentials<T extends object = InboxCredentials>(creds: T, keyring: string): string {
  const { id, key } = parseKeyring(keyring)[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(creds), "utf8"), cipher.final()]);
  return `${id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

function open<T>(raw: Buffer, key: Buffer): Partial<T> {
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as Partial<T>;
}

/**
 * Opens a blob with the key it names. Blobs from before key ids (no `id.` prefix) are tried with
 * key "0" first, then the others (GCM's tag refuses a wrong key). Unknown key id or tampering throws.
 */
export function decryptCredentials<T extends object = InboxCredentials>(blob: string | null, keyring: string): Partial<T> {
  if (!blob) return {};
  const keys = parseKeyring(keyring);
  const dot = blob.indexOf(".");
  if (dot >= 0) {
    const id = blob.slice(0, dot);
    const k = keys.find((x) => x.id === id);
    if (!k) throw new Error(`credentials sealed with key id ${id}, which is not in the keyring (ENCRYPTION_KEYS_RETIRED)`);
    return open<T>(Buffer.from(blob.slice(dot + 1), "base64"), k.key);
  }
  const raw = Buffer.from(blob, "base64");
  const ordered = [...keys.filter((k) => k.id === "0"), ...keys.filter((k) => k.id !== "0")];
  for (const [i, k] of ordered.entries()) {
    try {
      return open<T>(raw, k.key);
    } catch (err) {
      if (i === ordered.length - 1) throw err;
    }
  }
  throw new Error("unreachable: the keyring is never empty");
}

/**
 * For status and listing reads only (settings cards, disconnecting): the secrets, or `unreadable`
 * when the blob cannot be opened (its key left the keyring before `pnpm db:rekey`, a bad restore),
 * so the page still shows the connection and its "Desconectar". Anything that acts with the
 * credentials (sending, syncing) keeps decryptCredentials and fails loudly.
 */
export function readCredentials<T extends object = InboxCredentials>(blob: string | null, keyring: string): { secrets: Partial<T>; unreadable: boolean } {
  try {
    return { secrets: decryptCredentials<T>(blob, keyring), unreadable: false };
  } catch {
    return { secrets: {}, unreadable: true };
  }
}
