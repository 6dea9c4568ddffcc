import { upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
import { checkDatabase, fail, ok, warn, type Finding } from "@vendaflow/db/doctor";
import { normalizedEnv, validateEnv, type Env } from "@/lib/env";

/**
 * `pnpm run doctor`, part one: the environment as configured (no generated dev secrets), with what a
 * production deployment needs on top of what merely starts (docs/production.md).
 */
export function checkConfig(source: Record<string, string | undefined>): { env: Env | null; findings: Finding[] } {
  const raw = normalizedEnv(source);
  const production = Boolean(raw.VERCEL) || raw.NODE_ENV === "production";
  const { env, issues } = validateEnv(raw);
  if (!env) return { env: null, findings: issues.map((i) => fail("environment", i)) };
  const f: Finding[] = [ok("environment", `every variable valid (${production ? "production" : "development"} checks)`)];
  const need = (cond: boolean, check: string, message: string) => f.push(cond ? ok(check, "set") : production ? fail(check, message) : warn(check, message));

  if (production) {
    f.push(env.PUBLIC_PROTOCOL === "https" ? ok("PUBLIC_PROTOCOL", "https") : fail("PUBLIC_PROTOCOL", "must be https in production (links in mail, QStash callbacks)"));
    f.push(/^localhost(:|$)/.test(env.ROOT_DOMAIN) ? fail("ROOT_DOMAIN", "still localhost: set the wildcard domain, e.g. vendaflow.com.br") : ok("ROOT_DOMAIN", env.ROOT_DOMAIN));
  }
  f.push(source.ENCRYPTION_KEY?.includes(":") ? ok("ENCRYPTION_KEY", "has a key id") : warn("ENCRYPTION_KEY", "no key id: write it as <id>:<base64> (e.g. k2026a:…) so a rotation can tell credentials apart (old ones stay readable as id 0)"));
  need(Boolean(env.UPSTASH_REDIS_REST_URL), "UPSTASH_REDIS_REST_URL", "unset: rate limits and usage counters live in each instance's memory");
  need(Boolean(env.QSTASH_TOKEN), "QSTASH_TOKEN", "unset: jobs run on the local scheduler, which needs one long-running process (not Vercel)");
  need(Boolean(env.SMTP_URL), "SMTP_URL", "unset: mail goes to the dev outbox, nobody receives it");
  if (env.STRIPE_SECRET_KEY) f.push(env.STRIPE_WEBHOOK_SECRET ? ok("Stripe", "secret key and webhook secret set") : fail("STRIPE_WEBHOOK_SECRET", "required with STRIPE_SECRET_KEY: every Stripe webhook would be refused"));
  else f.push(warn("Stripe", "STRIPE_SECRET_KEY unset: billing is disabled (no checkout, no usage reports)"));
  const vercel = [env.VERCEL_API_TOKEN, env.VERCEL_PROJECT_ID].filter(Boolean).length;
  f.push(vercel === 2 ? ok("Vercel domains", "tenants' custom domains are added to the project by the app") : vercel === 0 ? warn("Vercel domains", "VERCEL_API_TOKEN / VERCEL_PROJECT_ID unset: add each tenant's custom domain to the project by hand (docs/production.md §1)") : fail("Vercel domains", "set both VERCEL_API_TOKEN and VERCEL_PROJECT_ID, or neither"));
  // Vercel's file system is per instance and temporary: files on disk would vanish.
  f.push(env.S3_BUCKET ? ok("Storage", `S3-compatible bucket ${env.S3_BUCKET}${env.S3_ENDPOINT ? ` at ${new URL(env.S3_ENDPOINT).host}` : ""}`) : raw.VERCEL ? fail("Storage", "S3_BUCKET unset: conversation files would go to the instance's temporary disk and be lost") : production ? warn("Storage", "S3_BUCKET unset: conversation files stay on this machine's disk (MEDIA_DIR); back it up") : ok("Storage", "local disk (MEDIA_DIR or .data/media)"));
  const hubspot = [env.HUBSPOT_CLIENT_ID, env.HUBSPOT_CLIENT_SECRET].filter(Boolean).length;
  f.push(hubspot === 2 ? ok("HubSpot", "public app configured: admins connect HubSpot by OAuth (CRM sync)") : hubspot === 0 ? ok("HubSpot", "HUBSPOT_CLIENT_ID / HUBSPOT_CLIENT_SECRET unset: the CRM sync offers Pipedrive only") : fail("HubSpot", "set both HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET, or neither (the secret also verifies HubSpot's webhooks)"));
  const meta = [env.WHATSAPP_ACCESS_TOKEN, env.WHATSAPP_APP_SECRET, env.WHATSAPP_VERIFY_TOKEN].filter(Boolean).length;
  f.push(meta === 3 ? ok("WhatsApp", "platform Meta app configured") : meta === 0 ? warn("WhatsApp", "platform Meta app unset: only inboxes with their own app work") : fail("WhatsApp", "set all of WHATSAPP_ACCESS_TOKEN, WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN, or none"));
  // Numbers on the platform app are connected only through Embedded Signup (docs/whatsapp.md).
  if (meta === 3) f.push(env.META_APP_ID ? ok("WhatsApp Embedded Signup", `app ${env.META_APP_ID}, configuration ${env.WHATSAPP_SIGNUP_CONFIG_ID}`) : warn("WhatsApp Embedded Signup", "META_APP_ID / WHATSAPP_SIGNUP_CONFIG_ID unset: tenants cannot connect numbers on the platform app (docs/production.md §5)"));
  return { env, findings: f };
}

/** Part two: the services the environment points at, reached for real. */
export async function checkServices(env: Env, ownerUrl?: string): Promise<Finding[]> {
  const f = await checkDatabase(env.DATABASE_URL, ownerUrl);
  if (env.UPSTASH_REDIS_REST_URL) {
    f.push((await upstashStore(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN!).ping()) ? ok("Upstash Redis", "answers") : fail("Upstash Redis", "does not answer with this URL and token"));
  }
  return f;
}

/** The report: one line per finding, then the verdict; `failed` when anything must be fixed. */
export function formatFindings(findings: Finding[]): { text: string; failed: boolean } {
  const mark = { ok: "ok  ", warn: "warn", fail: "FAIL" } as const;
  const failed = findings.some((x) => x.level === "fail");
  const lines = findings.map((x) => `${mark[x.level]}  ${x.check}: ${x.message}`);
  lines.push(failed ? `\n${findings.filter((x) => x.level === "fail").length} problem(s) to fix before this environment serves tenants.` : "\nNothing blocking.");
  return { text: lines.join("\n"), failed };
}
