import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { tenantMail } from "../email/sender";
import { noticeMail } from "../email/templates";
import { findTenantById } from "../tenancy/tenants";

const brl = (cents: number) => new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" }).format(cents / 100);
const day = (d: Date) => new Intl.DateTimeFormat("pt-BR", { timeZone: "America/Sao_Paulo", day: "2-digit", month: "2-digit", year: "numeric" }).format(d);

export type BillingNotice =
  | { kind: "trial_will_end"; endsAt: Date }
  | { kind: "payment_failed"; amountDueCents: number; graceUntil: Date }
  | { kind: "payment_reminder"; amountDueCents: number; graceUntil: Date; lastCall: boolean }
  | { kind: "grace_over"; amountDueCents: number }
  | { kind: "usage_warning"; percent: number; used: number; limit: number };

function text(n: BillingNotice): { title: string; lines: string[] } {
  switch (n.kind) {
    case "trial_will_end":
      return { title: "Seu período de teste está acabando", lines: [`O teste gratuito termina em ${day(n.endsAt)}.`, "Escolha um plano para continuar usando sem interrupção."] };
    case "payment_failed":
      return {
        title: "Não conseguimos processar seu pagamento",
        lines: [`A cobrança de ${brl(n.amountDueCents)} falhou.`, `Seu acesso continua completo até ${day(n.graceUntil)}; depois disso a conta fica somente leitura, sem perder nada.`, "Atualize a forma de pagamento para evitar a interrupção."],
      };
    case "payment_reminder":
      return {
        title: n.lastCall ? "Último aviso: sua conta fica somente leitura amanhã" : "Lembrete: o pagamento da assinatura continua pendente",
        lines: [
          `A cobrança de ${brl(n.amountDueCents)} ainda não foi paga.`,
          `Seu acesso continua completo até ${day(n.graceUntil)}; depois disso a conta fica somente leitura, sem perder nada.`,
          "Atualize a forma de pagamento para evitar a interrupção.",
        ],
      };
    case "grace_over":
      return {
        title: "Sua conta está somente leitura",
        lines: [`A cobrança de ${brl(n.amountDueCents)} continua pendente e o período de carência terminou.`, "Nada foi apagado e o bot continua recebendo seus leads; novas conversas vão para a equipe.", "Pague a fatura ou escolha um plano para voltar a criar e alterar dados."],
      };
    case "usage_warning":
      return {
        title: n.percent >= 100 ? "Você atingiu o limite de mensagens do plano" : `Você usou ${n.percent}% das mensagens do plano`,
        lines: [
          `Este mês: ${n.used.toLocaleString("pt-BR")} de ${n.limit.toLocaleString("pt-BR")} mensagens processadas pelo bot.`,
          n.percent >= 100 ? "O bot continua atendendo por uma pequena margem; depois, novas conversas vão direto para a equipe humana." : "Considere mudar de plano antes de atingir o limite.",
        ],
      };
  }
}

/** Mails every active admin of the tenant; the billing page is the action. */
export async function notifyAdmins(tx: TenantTx, deps: Pick<AppDeps, "db" | "email" | "links">, tenantId: string, notice: BillingNotice) {
  const tenant = await findTenantById(deps.db, tenantId);
  if (!tenant) return;
  const admins = await tx.selectFrom("users").select(["email"]).where("role", "=", "admin").where("is_active", "=", true).execute();
  const mail = noticeMail({ name: tenant.name, theme: tenant.theme }, { ...text(notice), action: { label: "Abrir cobrança", url: deps.links.tenantUrl(tenant.slug, "/billing") } });
  for (const a of admins) await deps.email.send(tenantMail(tenant, a.email, mail));
}
