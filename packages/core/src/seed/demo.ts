import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { hashPassword } from "../auth/password";
import type { Clock } from "../ports/clock";
import { seedConversations } from "./conversations";
import { seedCrm } from "./crm";
import { seedPrivacy } from "./privacy";
import { seedPrivacyRequests } from "./privacy-requests";
import { seedRouting } from "./routing";

/** Dev passwords, printed in the README. Never used outside a seeded dev/test database. */
export const DEMO_PASSWORDS = { admin: "demo-admin-123", agent: "demo-agent-123", viewer: "demo-viewer-123" } as const;
export const OPERATOR = { email: "operator@vendaflow.dev", password: "operator-123", name: "Operação Vendaflow" };

const TENANTS = [
  { slug: "demo", name: "Demo Vendas", theme: { primaryColor: "#2563eb", botName: "Vera", logoUrl: "" },
    users: [
      { email: "admin@demo.com", name: "Ana Admin", role: "admin" as const, password: DEMO_PASSWORDS.admin },
      { email: "agent@demo.com", name: "Bruno Agente", role: "agent" as const, password: DEMO_PASSWORDS.agent },
      { email: "viewer@demo.com", name: "Carla Leitora", role: "viewer" as const, password: DEMO_PASSWORDS.viewer },
    ] },
  { slug: "acme", name: "Acme Soluções", theme: { primaryColor: "#16a34a", botName: "Aci", logoUrl: "" },
    users: [{ email: "admin@acme.com", name: "Diego Acme", role: "admin" as const, password: DEMO_PASSWORDS.admin }] },
];

/**
 * Idempotent demo data: tenants `demo` and `acme` (so isolation is visible) and their users.
 * Runs as the app role through withTenant, like the app itself. The operator row needs the owner.
 * Time comes from the caller's clock (the CLI's, or the test setup's).
 */
export async function seedDemo(db: Database, ownerDb: Database, keys: { encryptionKey: string; tokenSecret: string }, clock: Clock): Promise<void> {
  const now = clock();
  for (const t of TENANTS) {
    const tenant = await db
      .insertInto("tenants")
      .values({ slug: t.slug, name: t.name, settings: JSON.stringify({ theme: t.theme }) })
      .onConflict((oc) => oc.column("slug").doUpdateSet({ name: t.name }))
      .returning("id")
      .executeTakeFirstOrThrow();
    await withTenant(db, tenant.id, async (tx) => {
      for (const u of t.users) {
        const exists = await tx.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirst();
        if (exists) continue;
        await tx
          .insertInto("users")
          .values({ tenant_id: tenant.id, email: u.email, name: u.name, role: u.role, password_hash: await hashPassword(u.password), email_verified_at: now })
          .execute();
      }
    });
  }
  const demo = await db.selectFrom("tenants").select("id").where("slug", "=", "demo").executeTakeFirstOrThrow();
  await seedRouting(db, demo.id, clock());
  await seedConversations(db, demo.id, keys, clock);
  await seedCrm(db, demo.id, clock());
  await seedPrivacy(db, demo.id, clock());
  await seedPrivacyRequests(db, demo.id, clock());
  await ownerDb
    .insertInto("platform_operators")
    .values({ email: OPERATOR.email, name: OPERATOR.name, password_hash: await hashPassword(OPERATOR.password) })
    .onConflict((oc) => oc.column("email").doNothing())
    .execute();
}
