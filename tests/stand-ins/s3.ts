import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local S3-compatible object store in S3's REST wire format, path-style
 * (`/<bucket>/<key>`): `PUT` (stores body and Content-Type, answers an ETag), `GET` (the bytes, or
 * 404 `NoSuchKey` as XML), `DELETE` (204, also for a missing key). Every request must carry a
 * SigV4 `Authorization` header (`AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/s3/aws4_request,
 * SignedHeaders=…, Signature=…`) whose signature the stand-in recomputes from the canonical request
 * with the secret; `x-amz-content-sha256` must match the body when it is not UNSIGNED-PAYLOAD.
 * Anything else is refused as S3 refuses it (403 `SignatureDoesNotMatch` / `InvalidAccessKeyId`,
 * 404 `NoSuchBucket`). `failNext(n, status)` makes the next n requests fail (fault injection).
 */
export interface S3StandIn {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: { method: string; key: string; status: number; signedHeaders: string }[];
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
const hmac = (k: Buffer | string, s: string) => createHmac("sha256", k).update(s).digest();
const AUTH = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function xmlError(res: http.ServerResponse, status: number, code: string, message: string, extra = "") {
  res.writeHead(status, { "content-type": "application/xml", "x-amz-request-id": randomBytes(8).toString("hex") });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${randomBytes(8).toString("hex")}</RequestId></Error>`);
}

export async function startS3StandIn(opts: { bucket?: string; region?: string } = {}): Promise<S3StandIn> {
  const bucket = opts.bucket ?? `vf-media-${randomBytes(4).toString("hex")}`;
  const region = opts.region ?? "sa-east-1";
  const accessKeyId = `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
  const secretAccessKey = randomBytes(30).toString("base64");
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: S3StandIn["requests"] = [];
  let failing = { count: 0, status: 500 };

  /** The signature S3 would compute for this request (SigV4, service s3). */
  function expectedSignature(req: http.IncomingMessage, url: URL, date: string, signedHeaders: string, payloadHash: string) {
    const query = [...url.searchParams.entries()].map(([k, v]) => [enc(k), enc(v)] as const).sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join("&");
    const headers = signedHeaders.split(";").map((h) => `${h}:${String(req.headers[h] ?? "").trim().replace(/\s+/g, " ")}\n`).join("");
    const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join("\n");
    const amzDate = String(req.headers["x-amz-date"] ?? "");
    const scope = `${date}/${region}/s3/aws4_request`;
    const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256(canonical)].join("\n");
    const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), "s3"), "aws4_request");
    return createHmac("sha256", key).update(toSign).digest("hex");
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? "/", "http://s3.local");
    const [, b, ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    const log = (status: number, signedHeaders = "") => requests.push({ method: req.method ?? "", key, status, signedHeaders });
    const auth = AUTH.exec(String(req.headers.authorization ?? ""));
    if (!auth) return log(403), xmlError(res, 403, "AccessDenied", "Missing or malformed SigV4 Authorization header");
    const [, keyId, date, reqRegion, signedHeaders, signature] = auth as unknown as [string, string, string, string, string, string];
    if (keyId !== accessKeyId) return log(403), xmlError(res, 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");
    const payloadHash = String(req.headers["x-amz-content-sha256"] ?? "");
    const signed = signedHeaders.split(";");
    if (reqRegion !== region || !signed.includes("host") || !signed.includes("x-amz-date") || !signed.includes("x-amz-content-sha256") || !String(req.headers["x-amz-date"] ?? "").startsWith(date)) {
      return log(403), xmlError(res, 403, "AuthorizationHeaderMalformed", "The authorization header is malformed");
    }
    if (payloadHash !== "UNSIGNED-PAYLOAD" && payloadHash !== sha256(body)) return log(400), xmlError(res, 400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    const want = Buffer.from(expectedSignature(req, url, date, signedHeaders, payloadHash), "hex");
    if (!timingSafeEqual(want, Buffer.from(signature, "hex"))) return log(403), xmlError(res, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    if (b !== bucket) return log(404), xmlError(res, 404, "NoSuchBucket", "The specified bucket does not exist", `<BucketName>${b}</BucketName>`);
    if (failing.count > 0) {
      failing.count--;
      return log(failing.status), xmlError(res, failing.status, failing.status === 503 ? "SlowDown" : "InternalError", "Injected failure");
    }
    if (!key) return log(400), xmlError(res, 400, "InvalidRequest", "This stand-in serves objects only");
    switch (req.method) {
      case "PUT": {
        objects.set(key, { body, contentType: String(req.headers["content-type"] ?? "binary/octet-stream") });
        log(200, signedHeaders);
        res.writeHead(200, { etag: `"${createHash("md5").update(body).digest("hex")}"` });
        return res.end();
      }
      case "GET": {
        const o = objects.get(key);
        if (!o) return log(404), xmlError(res, 404, "NoSuchKey", "The specified key does not exist.", `<Key>${key}</Key>`);
        log(200, signedHeaders);
        res.writeHead(200, { "content-type": o.contentType, "content-length": o.body.byteLength, etag: `"${createHash("md5").update(o.body).digest("hex")}"`, "last-modified": new Date().toUTCString() });
        return res.end(o.body);
      }
      case "DELETE":
        objects.delete(key);
        log(204, signedHeaders);
        res.writeHead(204);
        return res.end();
      default:
        return log(405), xmlError(res, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    failNext(count, status = 500) {
      failing = { count, status };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
