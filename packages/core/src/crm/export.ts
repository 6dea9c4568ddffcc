import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { DealListInput, LeadListInput } from "@vendaflow/validators/crm";
import { listDeals } from "./deals";
import { listLeads } from "./leads";
import { neutralise, type Cell } from "../csv";

/** Export of the current filter: pages of rows as flat records, the columns in pt-BR, cells made safe. */

export type ExportEntity = "leads" | "deals";

export const EXPORT_PAGE = 500;

export const exportColumns: Record<ExportEntity, { key: string; header: string }[]> = {
  leads: [
    { key: "id", header: "ID" },
    { key: "name", header: "Nome" },
    { key: "email", header: "E-mail" },
    { key: "phone", header: "Telefone" },
    { key: "company", header: "Empresa" },
    { key: "source", header: "Origem" },
    { key: "stage", header: "Etapa" },
    { key: "bant_score", header: "Pontuação" },
    { key: "tags", header: "Etiquetas" },
    { key: "created_at", header: "Criado em" },
  ],
  deals: [
    { key: "id", header: "ID" },
    { key: "title", header: "Negócio" },
    { key: "value", header: "Valor (R$)" },
    { key: "stage_name", header: "Etapa" },
    { key: "status", header: "Status" },
    { key: "probability", header: "Probabilidade (%)" },
    { key: "company_name", header: "Empresa" },
    { key: "contact_name", header: "Contato" },
    { key: "owner_name", header: "Responsável" },
    { key: "expected_close_date", header: "Previsão de fechamento" },
    { key: "tags", header: "Etiquetas" },
    { key: "created_at", header: "Criado em" },
  ],
};

function flat(entity: ExportEntity, row: Record<string, unknown>, safe: boolean): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const { key } of exportColumns[entity]) {
    const v = key === "value" ? Number(row.value_cents ?? 0) / 100 : row[key];
    const cell = v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(", ") : v === undefined ? null : (v as Cell);
    out[key] = safe ? neutralise(cell) : cell;
  }
  return out;
}

/** One page of the export (keyset: pass the returned cursor back for the next one); `spreadsheet` neutralises cells. */
export async function exportPage(tx: TenantTx, tenantId: string, entity: ExportEntity, filter: LeadListInput | DealListInput, cursor: string | undefined, spreadsheet: boolean) {
  const page =
    entity === "leads"
      ? await listLeads(tx, tenantId, { ...(filter as LeadListInput), cursor, limit: EXPORT_PAGE })
      : await listDeals(tx, { ...(filter as DealListInput), cursor, limit: EXPORT_PAGE });
  return { rows: page.items.map((r) => flat(entity, r as Record<string, unknown>, spreadsheet)), nextCursor: page.nextCursor };
}
