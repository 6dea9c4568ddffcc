import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./paths";

export interface LocalSecrets {
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  APP_DB_PASSWORD: string;
  QSTASH_CURRENT_SIGNING_KEY: string;
  QSTASH_NEXT_SIGNING_KEY: string;
}

const make = (): LocalSecrets => ({
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  APP_DB_PASSWORD: randomBytes(18).toString("base64url"),
  QSTASH_CURRENT_SIGNING_KEY: "sig_" + randomBytes(24).toString("base64url"),
  QSTASH_NEXT_SIGNING_KEY: "sig_" + randomBytes(24).toString("base64url"),
});

/**
 * Dev secrets for the embedded default, generated once into .data/secrets.json so `pnpm dev`
 * needs no keys. Production sets every one of these in the environment instead.
 */
export function localSecrets(dir = dataDir()): LocalSecrets {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>;
    const merged = { ...make(), ...saved };
    if (Object.keys(saved).length !== Object.keys(merged).length) writeFileSync(file, JSON.stringify(merged, null, 2));
    return merged;
  }
  mkdirSync(dir, { recursive: true });
  const secrets = make();
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
