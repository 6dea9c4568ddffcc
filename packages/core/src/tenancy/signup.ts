import { randomUUID } from "node:crypto";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { SignupInput } from "@vendaflow/validators/auth";
import { hashPassword } from "../auth/password";
import { issueToken } from "../auth/tokens";
import { DomainError } from "../errors";
import { recordAudit, type AuditMeta } from "../audit/record";

export interface SignupResult {
  tenantId: string;
  userId: string;
  verifyToken: string;
}

/** Tenant and its first admin in one transaction; a taken slug is a typed CONFLICT. */
export async function signupTenant(db: Database, input: SignupInput, meta: AuditMeta, now: Date): Promise<SignupResult> {
  const tenantId = randomUUID();
  const passwordHash = await hashPassword(input.password);
  try {
    return await withTenant(db, tenantId, async (tx) => {
      await tx
        .insertInto("tenants")
        .values({ id: tenantId, slug: input.slug, name: input.companyName, settings: JSON.stringify({ theme: {} }) })
        .execute();
      const user = await tx
        .insertInto("users")
        .values({ tenant_id: tenantId, email: input.email, name: input.name, password_hash: passwordHash, role: "admin" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const verifyToken = await issueToken(tx, tenantId, user.id, "verify_email", now);
      await recordAudit(tx, tenantId, { ...meta, actorUserId: user.id }, {
        action: "tenant.signup", entityType: "tenant", entityId: tenantId,
        after: { slug: input.slug, name: input.companyName, adminEmail: input.email },
      });
      return { tenantId, userId: user.id, verifyToken };
    });
  } catch (err) {
    if ((err as { code?: string }).code === "23505") {
      throw new DomainError("CONFLICT", "Este endereço já está em uso. Escolha outro.", { field: "slug" });
    }
    throw err;
  }
}
