import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { csvLine, type Cell } from "@vendaflow/core/csv";
import { exportColumns, exportPage, type ExportCell, type ExportColumn, type ExportEntity, type ExportLabels } from "@vendaflow/core/crm/export";
import { withTenant } from "@vendaflow/db/with-tenant";
import { dealListInput, leadListInput } from "@vendaflow/validators/crm";
import { z } from "zod";
import { saoPauloDay } from "@/lib/dates";
import { crm } from "@/lib/i18n/pt-br/crm";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { leadStageLabels } from "@/lib/i18n/pt-br/lead-stages";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

const query = z.object({
  entity: z.enum(["leads", "deals"], { error: "Escolha leads ou negócios." }),
  format: z.enum(["csv", "xlsx", "json"], { error: "Formato: csv, xlsx ou json." }),
  filter: z.string().max(4000, { error: "Filtro grande demais." }).default("{}"),
});

const labels: ExportLabels = { leadStage: leadStageLabels, leadSource: crmLeads.sources, dealStatus: crm.deals.status };
/** How XLSX shows the columns that are not text (Excel writes them in the reader's locale: R$ 1.234,56, 05/12/2026). */
const numFmt: Partial<Record<NonNullable<ExportColumn["kind"]>, string>> = { instant: "dd/mm/yyyy hh:mm", day: "dd/mm/yyyy", money: '"R$" #,##0.00' };

const types = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

/**
 * Export of the list's current filter (the same input as crm.leads.list / crm.deals.list) as CSV,
 * XLSX or JSON, streamed page by page (keyset, 500 rows, each page its own read-only tenant
 * transaction), so memory stays flat whatever the size. Every role that can read the list may export.
 */
export const GET = route("/api/crm/export", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const session = tenant ? await tenantSession(tenant) : null;
  if (!tenant || !session) return Response.json({ error: "unauthorized", message: "Sessão expirada. Entre novamente." }, { status: 401 });
  const url = new URL(req.url);
  const q = query.safeParse(Object.fromEntries(url.searchParams));
  if (!q.success) return Response.json({ error: "bad_request", message: q.error.issues[0]?.message ?? "Parâmetros inválidos." }, { status: 400 });
  let raw: unknown;
  try {
    raw = JSON.parse(q.data.filter);
  } catch {
    return Response.json({ error: "bad_request", message: "Filtro inválido." }, { status: 400 });
  }
  const entity: ExportEntity = q.data.entity;
  const parsed = (entity === "leads" ? leadListInput : dealListInput).safeParse({ ...(raw as object), cursor: undefined });
  if (!parsed.success) return Response.json({ error: "bad_request", message: parsed.error.issues[0]?.message ?? "Filtro inválido." }, { status: 400 });
  const filter = parsed.data;
  const db = appDeps().db;
  const columns = exportColumns[entity];
  let cursor: string | undefined;
  let done = false;
  /** The next page of rows, or null at the end. */
  const next = async (): Promise<Record<string, ExportCell>[] | null> => {
    if (done || req.signal.aborted) return null;
    const page = await withTenant(db, tenant.id, (tx) => exportPage(tx, tenant.id, entity, filter, cursor, q.data.format, labels), { readOnly: true });
    cursor = page.nextCursor ?? undefined;
    done = !page.nextCursor;
    return page.rows;
  };
  // The day in São Paulo: at 22:00 there it is already tomorrow in UTC.
  const stamp = saoPauloDay(new Date());
  const headers = { "content-type": types[q.data.format], "content-disposition": `attachment; filename="${entity === "leads" ? "leads" : "negocios"}-${stamp}.${q.data.format}"`, "cache-control": "no-store" };
  const encoder = new TextEncoder();

  if (q.data.format === "xlsx") {
    const out = new PassThrough();
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet(entity === "leads" ? "Leads" : "Negócios");
    sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, ...(c.kind && numFmt[c.kind] ? { style: { numFmt: numFmt[c.kind] } } : {}) }));
    void (async () => {
      try {
        for (let rows = await next(); rows; rows = await next()) for (const r of rows) sheet.addRow(r).commit();
        sheet.commit();
        await book.commit();
      } catch (err) {
        out.destroy(err as Error);
      }
    })();
    return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { headers });
  }

  let first = true;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      // The BOM makes Excel read the CSV as UTF-8 (accents).
      controller.enqueue(encoder.encode(q.data.format === "csv" ? `\ufeff${csvLine(columns.map((c) => c.header))}` : "["));
    },
    async pull(controller) {
      const rows = await next();
      if (!rows) {
        if (q.data.format === "json") controller.enqueue(encoder.encode("]"));
        controller.close();
        return;
      }
      let chunk = "";
      for (const r of rows) {
        // CSV cells are text and numbers only (dates come formatted): no Date reaches csvLine.
        if (q.data.format === "csv") chunk += csvLine(columns.map((c) => (r[c.key] ?? null) as Cell));
        else {
          chunk += (first ? "" : ",") + JSON.stringify(r);
          first = false;
        }
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return new Response(stream, { headers });
});
