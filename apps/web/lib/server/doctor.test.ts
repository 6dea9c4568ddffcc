import { describe, expect, it } from "vitest";
import { checkConfig, formatFindings } from "./doctor";

const KEY = Buffer.alloc(32, 3).toString("base64");
const base = {
  DATABASE_URL: "postgres://app:x@db.example:5432/vendaflow",
  AUTH_SECRET: "a".repeat(40),
  ENCRYPTION_KEY: `k2026a:${KEY}`,
  QSTASH_CURRENT_SIGNING_KEY: "sig_current_0001",
  QSTASH_NEXT_SIGNING_KEY: "sig_next_0002",
};
const production = {
  ...base,
  VERCEL: "1",
  ROOT_DOMAIN: "vendaflow.com.br",
  PUBLIC_PROTOCOL: "https",
  UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io",
  UPSTASH_REDIS_REST_TOKEN: "t",
  QSTASH_URL: "https://qstash.upstash.io",
  QSTASH_TOKEN: "q",
  SMTP_URL: "smtps://u:p@smtp.example:465",
  STRIPE_SECRET_KEY: "sk_live_x",
  STRIPE_WEBHOOK_SECRET: "whsec_x",
  WHATSAPP_ACCESS_TOKEN: "EAAG",
  WHATSAPP_APP_SECRET: "s",
  WHATSAPP_VERIFY_TOKEN: "v",
  META_APP_ID: "1234567890",
  WHATSAPP_SIGNUP_CONFIG_ID: "9876543210",
  VERCEL_API_TOKEN: "vc_x",
  VERCEL_PROJECT_ID: "prj_x",
  S3_BUCKET: "vendaflow-media",
  S3_REGION: "auto",
  S3_ENDPOINT: "https://acc.r2.cloudflarestorage.com",
  S3_ACCESS_KEY_ID: "AKIA",
  S3_SECRET_ACCESS_KEY: "secret",
};
const failures = (raw: Record<string, string>) => checkConfig(raw).findings.filter((f) => f.level === "fail").map((f) => f.check);

describe("pnpm run doctor: the configuration", () => {
  it("a complete production environment has nothing to fix", () => {
    const { env, findings } = checkConfig(production);
    expect(env).not.toBeNull();
    expect(findings.filter((f) => f.level !== "ok")).toEqual([]);
    expect(formatFindings(findings).failed).toBe(false);
  });

  it("names every invalid or missing variable, not just the first", () => {
    const { env, findings } = checkConfig({ ...base, DATABASE_URL: "mysql://x", AUTH_SECRET: "short", ENCRYPTION_KEY: "k1:dG9vIHNob3J0" });
    expect(env).toBeNull();
    expect(findings.map((f) => f.message.split(":")[0])).toEqual(expect.arrayContaining(["DATABASE_URL", "AUTH_SECRET", "ENCRYPTION_KEY"]));
    expect(formatFindings(findings)).toMatchObject({ failed: true });
  });

  it("in production, fails what only works on one machine: memory counters, the local scheduler, the outbox, http, localhost", () => {
    const { UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, QSTASH_TOKEN, SMTP_URL, S3_BUCKET, ...rest } = production;
    void [UPSTASH_REDIS_REST_URL, UPSTASH_REDIS_REST_TOKEN, QSTASH_TOKEN, SMTP_URL, S3_BUCKET];
    expect(failures({ ...rest, PUBLIC_PROTOCOL: "http", ROOT_DOMAIN: "localhost:3000" }).sort()).toEqual(["PUBLIC_PROTOCOL", "QSTASH_TOKEN", "ROOT_DOMAIN", "SMTP_URL", "Storage", "UPSTASH_REDIS_REST_URL"]);
  });

  it("in development the same gaps are warnings (the embedded defaults)", () => {
    expect(failures(base)).toEqual([]);
    expect(checkConfig(base).findings.filter((f) => f.level === "warn").map((f) => f.check)).toEqual(expect.arrayContaining(["UPSTASH_REDIS_REST_URL", "QSTASH_TOKEN", "SMTP_URL", "Stripe", "WhatsApp"]));
  });

  it("storage: a bucket needs its keys; disk is lost on Vercel, a warning on one's own server, fine in development", () => {
    expect(checkConfig({ ...production, S3_SECRET_ACCESS_KEY: "" }).findings.map((f) => f.message)).toEqual(["S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: required when S3_BUCKET is set"]);
    expect(checkConfig({ ...production, S3_BUCKET: "Not A Bucket" }).findings[0]?.message).toMatch(/^S3_BUCKET: must be an S3 bucket name/);
    const { S3_BUCKET, ...disk } = production;
    void S3_BUCKET;
    expect(checkConfig(disk).findings.find((f) => f.check === "Storage")?.level).toBe("fail");
    const { VERCEL, ...server } = disk;
    void VERCEL;
    expect(checkConfig({ ...server, NODE_ENV: "production" }).findings.find((f) => f.check === "Storage")?.level).toBe("warn");
    expect(checkConfig(base).findings.find((f) => f.check === "Storage")?.level).toBe("ok");
    expect(checkConfig(production).findings.find((f) => f.check === "Storage")?.message).toBe("S3-compatible bucket vendaflow-media at acc.r2.cloudflarestorage.com");
  });

  it("fails a Stripe key without its webhook secret and a partial Meta app; warns on a key without id", () => {
    expect(failures({ ...production, STRIPE_WEBHOOK_SECRET: "", WHATSAPP_VERIFY_TOKEN: "" })).toEqual(["STRIPE_WEBHOOK_SECRET", "WhatsApp"]);
    expect(checkConfig({ ...production, ENCRYPTION_KEY: KEY }).findings.find((f) => f.check === "ENCRYPTION_KEY")?.level).toBe("warn");
  });

  it("WhatsApp Embedded Signup: the app id and configuration together, with the platform app; unset is a warning", () => {
    const { META_APP_ID, WHATSAPP_SIGNUP_CONFIG_ID, ...without } = production;
    void [META_APP_ID, WHATSAPP_SIGNUP_CONFIG_ID];
    expect(checkConfig(without).findings.find((f) => f.check === "WhatsApp Embedded Signup")?.level).toBe("warn");
    expect(checkConfig({ ...without, META_APP_ID: "123" }).env).toBeNull();
    expect(checkConfig({ ...production, WHATSAPP_APP_SECRET: "" }).env).toBeNull();
    expect(checkConfig({ ...production, META_APP_ID: "app-123" }).env).toBeNull();
  });

  it("Vercel domains: both variables or neither (then a warning: domains are added by hand)", () => {
    const { VERCEL_API_TOKEN, VERCEL_PROJECT_ID, ...without } = production;
    void [VERCEL_API_TOKEN, VERCEL_PROJECT_ID];
    expect(checkConfig(without).findings.find((f) => f.check === "Vercel domains")?.level).toBe("warn");
    expect(failures({ ...without, VERCEL_API_TOKEN: "vc_x" })).toEqual(["Vercel domains"]);
  });

  it("HubSpot: both the client id and secret or neither (optional: Pipedrive only)", () => {
    const hubspot = (raw: Record<string, string>) => checkConfig(raw).findings.find((f) => f.check === "HubSpot");
    expect(hubspot(production)).toMatchObject({ level: "ok", message: expect.stringContaining("Pipedrive only") });
    expect(hubspot({ ...production, HUBSPOT_CLIENT_ID: "id", HUBSPOT_CLIENT_SECRET: "s" })).toMatchObject({ level: "ok", message: expect.stringContaining("OAuth") });
    expect(failures({ ...production, HUBSPOT_CLIENT_ID: "id" })).toEqual(["HubSpot"]);
  });
});
