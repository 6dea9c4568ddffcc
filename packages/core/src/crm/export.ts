import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { DealListInput, LeadListInput } from "@vendaflow/validators/crm";
import { listDeals } from "./deals";
import { listLeads } from "./leads";
import { neutralise, type Cell } from "../csv";
import { nationalPhone } from "@vendaflow/validators/phone-display";
import { localTime } from "../routing/business-hours";

/**
 * Export of the current filter: pages of rows as flat records, the columns in pt-BR, cells made
 * safe. JSON keeps the values as stored (codes, ISO instants) for integrations; the spreadsheet
 * formats are for people: codes by their pt-BR names, instants in São Paulo time (a lead of
 * 22:30 on the 5th is of the 5th, not of the 6th as in UTC), days as dd/mm/aaaa, Brazilian phones
 * as (11) 98888-7777. Only CSV cells get the formula guard: XLSX writes text as text cells, which
 * never run, so its apostrophe would only show.
 */

export type ExportEntity = "leads" | "deals";
export type ExportFormat = "csv" | "xlsx" | "json";

/** The pt-BR names of the codes a row holds (the web catalog's), keyed as the columns' `label`. */
export interface ExportLabels {
  leadStage: Record<string, string>;
  leadSource: Record<string, string>;
  dealStatus: Record<string, string>;
}

export interface ExportColumn {
  key: string;
  header: string;
  /** An instant (shown in São Paulo time), a calendar day "YYYY-MM-DD", or a phone (E.164 digits). */
  kind?: "instant" | "day" | "money" | "phone";
  /** A code named through this list of ExportLabels. */
  label?: keyof ExportLabels;
}

/** A spreadsheet cell: XLSX takes dates as Date (their UTC fields are the São Paulo wall time). */
export type ExportCell = Cell | Date;

export const EXPORT_PAGE = 500;
const TIME_ZONE = "America/Sao_Paulo";

export const exportColumns: Record<ExportEntity, ExportColumn[]> = {
  leads: [
    { key: "id", header: "ID" },
    { key: "name", header: "Nome" },
    { key: "email", header: "E-mail" },
    { key: "phone", header: "Telefone", kind: "phone" },
    { key: "company", header: "Empresa" },
    { key: "source", header: "Origem", label: "leadSource" },
    { key: "stage", header: "Etapa", label: "leadStage" },
    { key: "bant_score", header: "Pontuação" },
    { key: "tags", header: "Etiquetas" },
    { key: "created_at", header: "Criado em", kind: "instant" },
  ],
  deals: [
    { key: "id", header: "ID" },
    { key: "title", header: "Negócio" },
    { key: "value", header: "Valor (R$)", kind: "money" },
    { key: "stage_name", header: "Etapa" },
    { key: "status", header: "Status", label: "dealStatus" },
    { key: "probability", header: "Probabilidade (%)" },
    { key: "company_name", header: "Empresa" },
    { key: "contact_name", header: "Contato" },
    { key: "owner_name", header: "Responsável" },
    { key: "expected_close_date", header: "Previsão de fechamento", kind: "day" },
    { key: "tags", header: "Etiquetas" },
    { key: "created_at", header: "Criado em", kind: "instant" },
  ],
};

const pad = (n: number) => String(n).padStart(2, "0");

/** A date or instant as the format shows it: CSV text Excel pt-BR reads as a date, XLSX a Date, JSON ISO. */
function dateCell(v: Date | string, kind: "instant" | "day", format: ExportFormat): ExportCell {
  if (kind === "day") {
    const [y, m, d] = String(v).slice(0, 10).split("-").map(Number) as [number, number, number];
    return format === "xlsx" ? new Date(Date.UTC(y, m - 1, d)) : format === "csv" ? `${pad(d)}/${pad(m)}/${y}` : String(v);
  }
  const at = new Date(v);
  if (format === "json") return at.toISOString();
  const l = localTime(at, TIME_ZONE);
  return format === "xlsx" ? new Date(Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second)) : `${pad(l.day)}/${pad(l.month)}/${l.year} ${pad(l.hour)}:${pad(l.minute)}`;
}

function flat(entity: ExportEntity, row: Record<string, unknown>, format: ExportFormat, labels: ExportLabels): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const { key, kind, label } of exportColumns[entity]) {
    const v = kind === "money" ? Number(row.value_cents ?? 0) / 100 : row[key];
    let cell: ExportCell;
    if (v === null || v === undefined) cell = null;
    else if (kind === "instant" || kind === "day") cell = dateCell(v as Date | string, kind, format);
    else if (label && format !== "json") cell = labels[label][String(v)] ?? String(v);
    else if (kind === "phone" && format !== "json") cell = nationalPhone(String(v)) ?? String(v);
    else cell = Array.isArray(v) ? v.join(", ") : v instanceof Date ? v.toISOString() : (v as Cell);
    out[key] = format === "csv" ? neutralise(cell as Cell) : cell;
  }
  return out;
}

/** One page of the export (keyset: pass the returned cursor back for the next one). */
export async function exportPage(tx: TenantTx, tenantId: string, entity: ExportEntity, filter: LeadListInput | DealListInput, cursor: string | undefined, format: ExportFormat, labels: ExportLabels) {
  const page =
    entity === "leads"
      ? await listLeads(tx, tenantId, { ...(filter as LeadListInput), cursor, limit: EXPORT_PAGE })
      : await listDeals(tx, { ...(filter as DealListInput), cursor, limit: EXPORT_PAGE });
  return { rows: page.items.map((r) => flat(entity, r as Record<string, unknown>, format, labels)), nextCursor: page.nextCursor };
}
