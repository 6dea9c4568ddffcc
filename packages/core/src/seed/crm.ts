import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { activityInput, companyInput, contactInput, dealInput } from "@vendaflow/validators/crm";
import { createActivity } from "../crm/activities";
import { saveCompany } from "../crm/companies";
import { saveContact } from "../crm/contacts";
import { loseDeal, moveDeal, winDeal } from "../crm/deal-stage";
import { createDeal } from "../crm/deals";
import { listLostReasons, listPipelines } from "../crm/pipelines";

// Demo CRM: Brazilian companies and their contacts, deals spread over the default pipeline with
// values in BRL, and activities due today, overdue and later. Everything goes through the
// validators and the same core services the screens use (so moves log their activities).

const COMPANIES = [
  { name: "Padaria Pão de Mel", domain: "paodemel.com.br", industry: "Alimentação", size: "11-50", phone: "(11) 3456-7890" },
  { name: "Construtora Alvorada", domain: "alvoradaconstrutora.com.br", industry: "Construção civil", size: "201-500", phone: "(31) 3222-4455" },
  { name: "Clínica Sorriso Feliz", domain: "sorrisofeliz.med.br", industry: "Saúde", size: "11-50", phone: "(21) 2555-1234" },
  { name: "Transportes Rio Grande", domain: "transriogrande.com.br", industry: "Logística", size: "51-200", phone: "(51) 3333-2020" },
  { name: "Escola Saber Mais", domain: "sabermais.edu.br", industry: "Educação", size: "51-200", phone: "(41) 3030-4040" },
] as const;

const CONTACTS = [
  { company: 0, name: "Mariana Costa", email: "mariana@paodemel.com.br", phone: "(11) 98765-1001", position: "Sócia" },
  { company: 1, name: "Roberto Almeida", email: "roberto.almeida@alvoradaconstrutora.com.br", phone: "(31) 99876-2002", position: "Diretor comercial" },
  { company: 1, name: "Fernanda Lima", email: "fernanda@alvoradaconstrutora.com.br", phone: "(31) 99876-2003", position: "Compras" },
  { company: 2, name: "Dr. Paulo Nogueira", email: "paulo@sorrisofeliz.med.br", phone: "(21) 99123-3004", position: "Diretor clínico" },
  { company: 3, name: "Juliana Martins", email: "juliana@transriogrande.com.br", phone: "(51) 99555-4005", position: "Gerente de operações" },
  { company: 4, name: "Carlos Eduardo Souza", email: "carlos@sabermais.edu.br", phone: "(41) 99777-5006", position: "Coordenador" },
] as const;

// [contact index, title, value in cents, stage position (4 = won, 5 = lost)]
const DEALS = [
  [0, "Sistema de pedidos — Pão de Mel", 480_000, 0],
  [1, "Automação comercial — Alvorada", 3_600_000, 2],
  [2, "Licenças adicionais — Alvorada", 950_000, 1],
  [3, "Agenda online — Sorriso Feliz", 1_250_000, 3],
  [4, "Rastreamento de frota — Rio Grande", 7_800_000, 2],
  [5, "Matrículas pelo WhatsApp — Saber Mais", 2_200_000, 1],
  [3, "Plano anual — Sorriso Feliz", 1_800_000, 4],
  [0, "Cardápio digital — Pão de Mel", 150_000, 5],
] as const;

/** Idempotent: does nothing if the tenant already has a company. Expects its admin and agent users. */
export async function seedCrm(db: Database, tenantId: string, now: Date): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom("companies").select("id").limit(1).executeTakeFirst()) return;
    const users = await tx.selectFrom("users").select(["id", "role"]).where("role", "in", ["admin", "agent"]).where("is_active", "=", true).orderBy("created_at").orderBy("id").execute();
    const admin = users.find((u) => u.role === "admin");
    const agent = users.find((u) => u.role === "agent");
    if (!admin || !agent) return;
    const actor = { userId: admin.id, role: "admin" as const };
    const meta = { actorUserId: admin.id };
    const deps = { now: () => now };

    const companyIds: string[] = [];
    for (const [i, c] of COMPANIES.entries()) {
      const row = await saveCompany(tx, tenantId, actor, null, companyInput.parse({ ...c, ownerId: i % 2 ? agent.id : admin.id, tags: ["demo"] }), meta);
      companyIds.push(row.id);
    }
    const contactIds: string[] = [];
    for (const c of CONTACTS) {
      const row = await saveContact(tx, tenantId, actor, null, contactInput.parse({ ...c, companyId: companyIds[c.company], isPrimary: true }), meta);
      contactIds.push(row.id);
    }
    const [pipeline] = await listPipelines(tx);
    const [reason] = await listLostReasons(tx);
    if (!pipeline || !reason) return;
    const day = 86_400_000;
    for (const [i, [contact, title, cents, position]] of DEALS.entries()) {
      const close = new Date(now.getTime() + (15 + i * 7) * day).toISOString().slice(0, 10);
      const input = dealInput.parse({ title, valueCents: cents, expectedCloseDate: close, ownerId: i % 2 ? agent.id : admin.id, companyId: companyIds[CONTACTS[contact].company], contactId: contactIds[contact], tags: ["demo"] });
      const deal = await createDeal(tx, tenantId, actor, input, meta, deps);
      const stage = pipeline.stages[position]!;
      if (stage.kind === "won") await winDeal(tx, tenantId, actor, deal.id, meta, deps);
      else if (stage.kind === "lost") await loseDeal(tx, tenantId, actor, { id: deal.id, lostReasonId: reason.id, note: "Preferiu manter a planilha por enquanto." }, meta, deps);
      else if (position > 0) await moveDeal(tx, tenantId, actor, { id: deal.id, stageId: stage.id }, meta, deps);

      // Open work: one due today, one overdue, one next week (on the first deals).
      if (i < 3) {
        const due = [new Date(now.getTime() + 2 * 3_600_000), new Date(now.getTime() - 2 * day), new Date(now.getTime() + 7 * day)][i]!;
        const kind = (["call", "task", "meeting"] as const)[i]!;
        const subject = ["Ligar para alinhar a proposta", "Enviar proposta revisada", "Reunião de apresentação"][i]!;
        await createActivity(tx, tenantId, actor, activityInput.parse({ type: kind, subject, dueAt: due, assignedTo: i % 2 ? agent.id : admin.id, dealId: deal.id }), meta);
      }
    }
  });
}
