import { startEmbedded } from "@vendaflow/db/embedded";
import { localSecrets } from "@vendaflow/db/local-secrets";
import { appUrlFrom, type AppRole } from "@vendaflow/db/migrate";
import { dataDir } from "@vendaflow/db/paths";

export interface ResolvedDatabase {
  /** Owner role: runs migrations. Null when only the app URL is known (then migrate is skipped). */
  ownerUrl: string | null;
  /** App role: NOSUPERUSER NOBYPASSRLS, owns nothing. */
  appUrl: string;
  role: AppRole;
  embedded: boolean;
  stop: () => Promise<void>;
}

/**
 * DATABASE_URL (app role) and DATABASE_OWNER_URL (migrations) when set; otherwise an embedded
 * Postgres under .data/ whose superuser owns the schema and whose app role is created here.
 */
export async function resolveDatabase(env = process.env): Promise<ResolvedDatabase> {
  const role: AppRole = {
    name: env.APP_DB_ROLE ?? "vendaflow_app",
    password: env.APP_DB_PASSWORD ?? localSecrets().APP_DB_PASSWORD,
  };
  if (env.DATABASE_URL || env.DATABASE_OWNER_URL) {
    const ownerUrl = env.DATABASE_OWNER_URL ?? null;
    const appUrl = env.DATABASE_URL ?? appUrlFrom(ownerUrl!, role);
    return { ownerUrl, appUrl, role, embedded: false, stop: async () => {} };
  }
  const server = await startEmbedded(dataDir(), Number(env.EMBEDDED_PG_PORT ?? 54329));
  return { ownerUrl: server.ownerUrl, appUrl: appUrlFrom(server.ownerUrl, role), role, embedded: true, stop: server.stop };
}
