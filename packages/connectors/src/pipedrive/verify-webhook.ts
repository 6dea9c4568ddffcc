import { timingSafeEqual, createHash } from "node:crypto";

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/**
 * Pipedrive webhooks carry the HTTP Basic credentials given when the webhook was created
 * (http_auth_user / http_auth_password): a user and password made per connection. Compared in
 * constant time (digests of equal length), user and password both.
 */
export function verifyPipedriveBasicAuth(authorization: string | null, expected: { user: string; password: string }): boolean {
  if (!authorization || !expected.user || !expected.password) return false;
  const m = /^Basic ([A-Za-z0-9+/=]{1,1000})$/.exec(authorization.trim());
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return false;
  const userOk = timingSafeEqual(digest(decoded.slice(0, i)), digest(expected.user));
  const passOk = timingSafeEqual(digest(decoded.slice(i + 1)), digest(expected.password));
  return userOk && passOk;
}

export const basicAuthHeader = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, "utf8").toString("base64")}`;
