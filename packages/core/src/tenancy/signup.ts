import { randomUUID } from "node:crypto";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { SignupInput } from "@vendaflow/validators/auth";
import { sendVerificationEmail } from "../auth/account";
import { hashPassword } from "../auth/password";
import { issueToken } from "../auth/tokens";
import { DomainError } from "../errors";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import { lockSlug, SLUG_TAKEN_MESSAGE, slugTaken } from "./slug";
import { findTenantById } from "./tenants";
import { startTrial } from "../billing/subscription";

export interface SignupResult {
  tenantId: string;
  userId: string;
  verifyToken: string;
}

/** Tenant and its first admin in one transaction; a taken slug (any tenant's current or previous) is a typed CONFLICT. */
export async function signupTenant(db: Database, input: SignupInput, meta: AuditMeta, now: Date): Promise<SignupResult> {
  const tenantId = randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTenant(db, tenantId, async (tx) => {
      // Another tenant's previous address is taken too: its widget snippets and links still point
      // there (tenancy/slug.ts); the lock is the one an address change takes for the same slug.
      await lockSlug(tx, input.slug);
      if (await slugTaken(tx, input.slug, null)) throw new DomainError("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
      await tx
        .insertInto("tenants")
        .values({ id: tenantId, slug: input.slug, name: input.companyName, settings: JSON.stringify({ theme: {} }) })
        .execute();
      const user = await tx
        .insertInto("users")
        .values({ tenant_id: tenantId, email: input.email, name: input.name, password_hash: passwordHash, role: "admin" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await startTrial(tx, tenantId, now);
      const verifyToken = await issueToken(tx, tenantId, user.id, "verify_email", now);
      await recordAudit(tx, tenantId, { ...meta, actorUserId: user.id }, {
        action: "tenant.signup", entityType: "tenant", entityId: tenantId,
        after: { slug: input.slug, name: input.companyName, adminEmail: input.email },
      });
      return { tenantId, userId: user.id, verifyToken };
    });
  } catch (err) {
    if ((err as { code?: string }).code === "23505") {
      throw new DomainError("CONFLICT", SLUG_TAKEN_MESSAGE, { field: "slug" });
    }
    throw err;
  }
}

/** The root domain's sign-up: rate-limited per IP, then the tenant and its admin, then the verification mail. */
export async function signUp(deps: AppDeps, input: SignupInput, meta: AuditMeta & { ip: string | null }): Promise<{ slug: string; loginUrl: string }> {
  await assertRateLimit(deps.counters, "signup:ip", meta.ip ?? "unknown", deps.now().getTime());
  const res = await signupTenant(deps.db, input, meta, deps.now());
  const tenant = await findTenantById(deps.db, res.tenantId);
  await sendVerificationEmail(deps, tenant!, { name: input.name, email: input.email }, res.verifyToken);
  return { slug: input.slug, loginUrl: deps.links.tenantUrl(input.slug, "/login") };
}
