import type { TenantTx } from "@vendaflow/db/with-tenant";
import { flowSchema } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "../bot/default-flow";
import { DomainError } from "../errors";
import { FLOW_FORM_SCREEN, flowFormJson, formSteps } from "./flow-form";

/**
 * The Flow JSON a tenant uploads to Meta for a WhatsApp inbox's qualification form, generated
 * from the flow new conversations start on (the tenant's default published flow, else the
 * built-in BANT flow it would get). RLS keeps the inbox and flow to the transaction's tenant.
 */
export async function inboxFlowFormJson(tx: TenantTx, inboxId: string) {
  const inbox = await tx.selectFrom("inboxes").select(["id", "channel", "name"]).where("id", "=", inboxId).executeTakeFirst();
  if (!inbox) throw new DomainError("NOT_FOUND", "Caixa de entrada não encontrada.");
  if (inbox.channel !== "whatsapp") throw new DomainError("BAD_REQUEST", "O formulário do WhatsApp (Flow) só existe em caixas de entrada do WhatsApp.", { field: "inboxId" });
  const row = await tx
    .selectFrom("qualification_flows")
    .select(["definition", "version"])
    .where("is_default", "=", true)
    .where("published_at", "is not", null)
    .orderBy("version", "desc")
    .limit(1)
    .executeTakeFirst();
  const flow = row ? flowSchema.parse(row.definition) : defaultBantFlow;
  return {
    filename: `vendaflow-flow-${flow.name.normalize("NFD").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "qualificacao"}-v${flow.version}.json`,
    flowName: flow.name,
    flowVersion: flow.version,
    screen: FLOW_FORM_SCREEN,
    questions: formSteps(flow).length,
    json: flowFormJson(flow),
  };
}
