import { localSecrets } from "@vendaflow/db/local-secrets";
import { z } from "zod";
import { aiProviders } from "@vendaflow/validators/ai";
import { AI_LAYER_DEFAULTS } from "@vendaflow/core/deps";
import { parseKeyring } from "@vendaflow/core/inboxes/credentials";

const validKeyring = (v: string) => {
  try {
    return parseKeyring(v).length > 0;
  } catch {
    return false;
  }
};

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  VERCEL: z.string().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  DATABASE_DRIVER: z.enum(["pg", "neon"]).optional(),
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).optional(),
  /** Unset: localhost on the port this server listens on (PORT), so `PORT=4000 pnpm dev` serves demo.localhost:4000. */
  ROOT_DOMAIN: z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, "must be a host such as localhost:3000 or vendaflow.com.br"),
  PUBLIC_PROTOCOL: z.enum(["http", "https"]).default("http"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  EMAIL_FROM: z.string().default("Vendaflow <nao-responda@vendaflow.local>"),
  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Bearer token of GET /api/metrics (Prometheus); unset, the endpoint answers 401 to everyone. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  DEV_OUTBOX: z.enum(["0", "1"]).optional(),
  /** "1": a platform operator without two-factor sign-in reaches only the console's 2FA card until it is on (docs/production.md); empty or "0": optional. */
  OPERATOR_REQUIRE_2FA: z.enum(["", "0", "1"]).default(""),
  /** Hosts outbound HTTP may reach on private addresses (development stand-ins), comma-separated. */
  OUTBOUND_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** `<key id>:<base64 32 bytes>` (a bare base64 key is id "0"); encrypts inbox credentials. */
  ENCRYPTION_KEY: z.string().refine(validKeyring, "must be <key id>:<32 bytes, base64> (or a bare base64 key)"),
  /** Keys rotated out, still able to decrypt: comma-separated `<key id>:<base64>` (docs/production.md, secrets rotation). */
  ENCRYPTION_KEYS_RETIRED: z.string().refine(validKeyring, "must be comma-separated <key id>:<32 bytes, base64>").optional(),
  QSTASH_URL: z.url().optional(),
  QSTASH_TOKEN: z.string().optional(),
  QSTASH_CURRENT_SIGNING_KEY: z.string().min(8, "must be at least 8 characters"),
  QSTASH_NEXT_SIGNING_KEY: z.string().min(8, "must be at least 8 characters"),
  WHATSAPP_GRAPH_BASE_URL: z.url().default("https://graph.facebook.com"),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/, "must look like v25.0").default("v25.0"),
  WHATSAPP_ACCESS_TOKEN: z.string().default(""),
  WHATSAPP_APP_SECRET: z.string().default(""),
  WHATSAPP_VERIFY_TOKEN: z.string().default(""),
  /**
   * WhatsApp Embedded Signup (docs/whatsapp.md, "Connection check"): the platform Meta app's id and
   * its Facebook Login for Business configuration. Read at run time and handed to the page (not
   * NEXT_PUBLIC_, which a build would freeze), so the CSP and the dialog follow the environment.
   */
  META_APP_ID: z.string().regex(/^(\d{1,32})?$/, "must be the Meta app's numeric id").default(""),
  WHATSAPP_SIGNUP_CONFIG_ID: z.string().regex(/^(\d{1,32})?$/, "must be the numeric configuration id of Facebook Login for Business").default(""),
  /** Where the browser loads Facebook's JavaScript SDK from (tests: the Graph stand-in's /sdk.js). */
  FACEBOOK_SDK_URL: z.url().default("https://connect.facebook.net/pt_BR/sdk.js"),
  /** Where conversation files are kept on local disk (default <DATA_DIR>/media). */
  MEDIA_DIR: z.string().min(1).optional(),
  /** Conversation files in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) instead of disk: set in production. */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)").optional(),
  S3_REGION: z.string().min(1).max(40).default("auto"),
  S3_ENDPOINT: z.url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(["0", "1"]).default("0"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().default(""),
  /** Another Stripe API origin (tests: the local stand-in). */
  STRIPE_API_BASE: z.url().optional(),
  /** Calendly / Cal.com API bases (tests point them at the stand-ins in tests/stand-ins/). */
  CALENDLY_API_BASE: z.url().default("https://api.calendly.com"),
  /** Calendly OAuth app (optional: without it admins connect with a personal access token). */
  CALENDLY_CLIENT_ID: z.string().optional(),
  CALENDLY_CLIENT_SECRET: z.string().optional(),
  CALENDLY_AUTH_BASE: z.url().default("https://auth.calendly.com"),
  CALCOM_API_BASE: z.url().default("https://api.cal.com/v2"),
  /** Tenants' custom domains on the Vercel project through Vercel's API (docs/production.md §1); unset: added by hand. */
  VERCEL_API_TOKEN: z.string().optional(),
  VERCEL_PROJECT_ID: z.string().max(100).optional(),
  VERCEL_TEAM_ID: z.string().max(100).optional(),
  VERCEL_API_BASE: z.url().default("https://api.vercel.com"),
  /** Slack's Web API base (tests point it at tests/stand-ins/slack.ts). */
  SLACK_API_URL: z.url().default("https://slack.com/api/"),
  /** Pipedrive's API when a connection names no company domain (CRM sync; the stand-in in tests). */
  PIPEDRIVE_API_BASE: z.url().default("https://api.pipedrive.com"),
  /** HubSpot's public app for the CRM sync (optional: without it the HubSpot card says it is not configured). */
  HUBSPOT_CLIENT_ID: z.string().max(100).optional(),
  HUBSPOT_CLIENT_SECRET: z.string().max(200).optional(),
  /** HubSpot's API (CRM v3, the token endpoint) and consent page (tests point them at tests/stand-ins/hubspot.ts). */
  HUBSPOT_API_URL: z.url().default("https://api.hubapi.com"),
  HUBSPOT_AUTH_URL: z.url().default("https://app.hubspot.com"),
  BOT_DEFAULT_TIMEOUT: z.coerce.number().int().min(5, "must be at least 5 seconds").max(7 * 86400).default(600),
  BOT_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  // The optional AI layer (docs/bot-understanding.md): unset AI_PROVIDER = rules only.
  AI_PROVIDER: z.enum(aiProviders).optional(),
  AI_MODEL: z.string().min(1).max(100).optional(),
  AI_API_KEY: z.string().optional(),
  AI_BASE_URL: z.url().optional(),
  AI_CONFIDENCE_THRESHOLD: z.coerce.number().min(0.5, "must be between 0.5 and 1").max(1, "must be between 0.5 and 1").default(AI_LAYER_DEFAULTS.threshold),
  AI_TIMEOUT_MS: z.coerce.number().int().min(200).max(15_000).default(AI_LAYER_DEFAULTS.timeoutMs),
  AI_KILL_SWITCH: z.enum(["0", "1"]).default("0"),
  /** Voice notes to text (e.g. whisper-1, gpt-4o-mini-transcribe) through OpenAI's audio API at AI_BASE_URL; unset: not transcribed. */
  AI_TRANSCRIPTION_MODEL: z.string().min(1).max(100).optional(),
  AI_TRANSCRIPTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60_000).default(20_000),
  /** Proxies of ours in front of the app that append to x-forwarded-for (docs/architecture.md, client address). */
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(1),
});

export type Env = z.infer<typeof schema>;

let cached: Env | null = null;

/** Validates an environment as given (no generated secrets): the parsed values, or every problem as `NAME: why`. */
export function validateEnv(raw: Record<string, string | undefined>): { env: Env; issues: [] } | { env: null; issues: string[] } {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { env: null, issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  const d = parsed.data;
  const issues = [
    d.UPSTASH_REDIS_REST_URL && !d.UPSTASH_REDIS_REST_TOKEN ? "UPSTASH_REDIS_REST_TOKEN: required when UPSTASH_REDIS_REST_URL is set" : null,
    d.QSTASH_TOKEN && !d.QSTASH_URL ? "QSTASH_URL: required when QSTASH_TOKEN is set (https://qstash.upstash.io)" : null,
    d.S3_BUCKET && !(d.S3_ACCESS_KEY_ID && d.S3_SECRET_ACCESS_KEY) ? "S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: required when S3_BUCKET is set" : null,
    d.AI_PROVIDER && !d.AI_MODEL ? "AI_MODEL: required when AI_PROVIDER is set (e.g. gpt-4o-mini)" : null,
    d.AI_TRANSCRIPTION_MODEL && d.AI_PROVIDER !== "openai" && d.AI_PROVIDER !== "openai-compatible" ? "AI_TRANSCRIPTION_MODEL: needs AI_PROVIDER openai or openai-compatible (OpenAI's audio API)" : null,
    d.AI_PROVIDER === "openai-compatible" && !d.AI_BASE_URL ? "AI_BASE_URL: required when AI_PROVIDER is openai-compatible" : null,
    Boolean(d.META_APP_ID) !== Boolean(d.WHATSAPP_SIGNUP_CONFIG_ID) ? "META_APP_ID / WHATSAPP_SIGNUP_CONFIG_ID: set both (WhatsApp Embedded Signup) or neither" : null,
    d.META_APP_ID && !(d.WHATSAPP_APP_SECRET && d.WHATSAPP_ACCESS_TOKEN) ? "META_APP_ID: Embedded Signup needs the platform app's WHATSAPP_APP_SECRET and WHATSAPP_ACCESS_TOKEN" : null,
  ].filter((x): x is string => x !== null);
  return issues.length ? { env: null, issues } : { env: d, issues: [] };
}

/** The raw environment as the app reads it: empty AI_* / S3_* mean off, ROOT_DOMAIN defaults to localhost:PORT. */
export function normalizedEnv(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const raw = { ...source };
  // A copied .env.example leaves the AI and S3 variables empty: empty means off, not invalid.
  for (const k of Object.keys(raw)) if ((k.startsWith("AI_") || k.startsWith("S3_")) && raw[k] === "") delete raw[k];
  raw.ROOT_DOMAIN ||= `localhost:${raw.PORT || 3000}`;
  return raw;
}

/**
 * Read once, validated once: a bad value fails start-up naming the variable. Outside Vercel,
 * missing dev secrets come from .data/secrets.json so the embedded default needs no keys.
 */
export function env(): Env {
  if (cached) return cached;
  const raw = normalizedEnv(process.env);
  if (!raw.VERCEL) {
    // Outside Vercel, secrets nobody configured are generated once into .data/secrets.json.
    const local = localSecrets();
    for (const k of ["AUTH_SECRET", "ENCRYPTION_KEY", "QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"] as const) raw[k] ||= local[k];
  }
  const r = validateEnv(raw);
  if (!r.env) throw new Error(`Invalid environment:\n${r.issues.map((l) => `  ${l}`).join("\n")}`);
  cached = r.env;
  return cached;
}

/** The port this server listens on, read live (not cached): Next sets PORT once it is listening. */
export function listeningPort(): number {
  return Number(process.env.PORT || 3000);
}
