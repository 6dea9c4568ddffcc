import path from "node:path";
import { repoRoot } from "@vendaflow/db/paths";

export const TEST_KEYS = {
  encryptionKey: Buffer.alloc(32, 7).toString("base64"),
  tokenSecret: "test-secret-test-secret-test-secret-0123456789",
  qstashCurrent: "sig_test_current_signing_key_0001",
  qstashNext: "sig_test_next_signing_key_0002",
  waAppSecret: "test-meta-app-secret",
  waVerifyToken: "test-verify-token",
  waAccessToken: "test-platform-access-token",
  /** The platform Meta app's id and Embedded Signup configuration (the code exchange's client_id). */
  metaAppId: "1234567890123456",
  signupConfigId: "987654321098765",
};

/** The environment every test instance of the app runs with (no SMTP: mail lands in the outbox). */
export function appServerEnv(appUrl: string, rootDomain: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: appUrl,
    ROOT_DOMAIN: rootDomain,
    PUBLIC_PROTOCOL: "http",
    AUTH_SECRET: TEST_KEYS.tokenSecret,
    ENCRYPTION_KEY: TEST_KEYS.encryptionKey,
    QSTASH_CURRENT_SIGNING_KEY: TEST_KEYS.qstashCurrent,
    QSTASH_NEXT_SIGNING_KEY: TEST_KEYS.qstashNext,
    WHATSAPP_APP_SECRET: TEST_KEYS.waAppSecret,
    WHATSAPP_VERIFY_TOKEN: TEST_KEYS.waVerifyToken,
    WHATSAPP_ACCESS_TOKEN: TEST_KEYS.waAccessToken,
    META_APP_ID: TEST_KEYS.metaAppId,
    WHATSAPP_SIGNUP_CONFIG_ID: TEST_KEYS.signupConfigId,
    BOT_DEFAULT_TIMEOUT: "600",
    BOT_MAX_RETRIES: "2",
    LOG_LEVEL: "warn",
    DEV_OUTBOX: "1",
    // The automations test's webhook stand-in listens on 127.0.0.1.
    OUTBOUND_ALLOW_HOSTS: "127.0.0.1",
    DATA_DIR: path.join(repoRoot(), ".data", "test-app"),
    // Every precompiled statement is also built with its values and compared (packages/db/src/precompiled.ts); the bench turns it off.
    PRECOMPILED_CHECK: "1",
    ...extra,
  };
}
