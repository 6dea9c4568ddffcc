import { createHash, createHmac, randomUUID } from "node:crypto";

export interface SignQStashRequestOptions {
  /** The exact URL the request is delivered to; the receiver compares it with `sub`. */
  url: string;
  rawBody: string;
  signingKey: string;
  now?: Date;
  /** Token lifetime; QStash's own tokens live about five minutes. */
  ttlSeconds?: number;
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * An `Upstash-Signature` token shaped like QStash's own, so the embedded scheduler and test
 * stand-ins go through the same `Receiver.verify` path as production callbacks.
 */
export async function signQStashRequest(opts: SignQStashRequestOptions): Promise<string> {
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const header = { alg: "HS256", typ: "JWT" };
  const claims = {
    iss: "Upstash",
    sub: opts.url,
    // The Receiver strips "=" padding on both sides before comparing; base64url here has none.
    body: createHash("sha256").update(opts.rawBody, "utf8").digest("base64url"),
    iat,
    nbf: iat,
    exp: iat + (opts.ttlSeconds ?? 300),
    jti: `jwt_${randomUUID()}`,
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  // jose (inside the Receiver) keys HS256 with the signing key's UTF-8 bytes.
  const mac = createHmac("sha256", Buffer.from(opts.signingKey, "utf8")).update(input).digest("base64url");
  return `${input}.${mac}`;
}
