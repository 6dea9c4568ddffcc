import type { TenantTx } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";

const missing = {
  companies: "Empresa não encontrada neste espaço.",
  contacts: "Contato não encontrado neste espaço.",
  deals: "Negócio não encontrado neste espaço.",
  leads: "Lead não encontrado neste espaço.",
  users: "Usuário não encontrado neste espaço.",
  pipelines: "Funil não encontrado neste espaço.",
  lost_reasons: "Motivo de perda não encontrado neste espaço.",
} as const;

/**
 * A referenced id must name a live row of this tenant. RLS hides other tenants' rows, so a
 * foreign id is simply not found; the error names the field instead of a foreign-key failure.
 */
export async function assertRef(tx: TenantTx, table: keyof typeof missing, id: string | null | undefined, field: string) {
  if (!id) return;
  let q = tx.selectFrom(table).select("id").where("id", "=", id);
  if (table === "companies" || table === "contacts" || table === "deals") q = q.where("deleted_at", "is", null);
  if (table === "users") q = q.where("is_active", "=", true);
  if (!(await q.executeTakeFirst())) throw new DomainError("BAD_REQUEST", missing[table], { field });
}
