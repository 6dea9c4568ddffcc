import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import { automationActionSchema, automationConditionSchema, type AutomationAction, type AutomationJob } from "@vendaflow/validators/automations";
import { z } from "zod";
import { afterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import { recomputeLeadScore } from "../crm/lead-score/recompute";
import { doAction } from "./actions";
import { conditionsHold } from "./conditions";
import { loadEntity } from "./entity";
import { automationJob } from "./fire";

/** Attempts per run, and the wait before the 2nd and 3rd (seconds). */
export const MAX_ATTEMPTS = 3;
export const RETRY_DELAYS = [2, 5] as const;

/** The actions as the run log names them (pt-BR, as the automations page does). */
export const ACTION_LABELS: Record<AutomationAction["type"], string> = {
  create_task: "Criar tarefa",
  update_field: "Atualizar campo",
  assign_owner: "Atribuir responsável",
  add_tag: "Adicionar etiqueta",
  send_email: "Enviar e-mail",
  call_webhook: "Chamar webhook",
  send_slack: "Enviar mensagem no Slack",
  move_deal_stage: "Mover negócio de etapa",
};

type ActionResult = { type: string; ok: boolean; note?: string; error?: string };
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 500);

/**
 * One delivery of an automation run's job: re-reads the entity (state may have moved), checks the
 * conditions, then does the actions in order, each under a savepoint. Actions already done by an
 * earlier attempt are not repeated; a failing action makes the run retry later (up to
 * MAX_ATTEMPTS) or fail, with the error in its log. Redelivery of a finished run changes nothing.
 */
export async function runAutomation(deps: Pick<AppDeps, "db" | "now" | "scheduler" | "email" | "webhooks" | "tokenSecret" | "chat" | "encryptionKey" | "links">, job: AutomationJob): Promise<{ status: string }> {
  const after = afterCommit();
  const out = await withTenant(deps.db, job.tenantId, async (tx) => {
    const run = await tx
      .selectFrom("automation_runs as r")
      .innerJoin("automations as a", "a.id", "r.automation_id")
      .select(["r.id", "r.status", "r.attempts", "r.entity_type", "r.entity_id", "r.event", "r.result", "a.id as automation_id", "a.name", "a.trigger", "a.conditions", "a.actions", "a.is_active"])
      .where("r.id", "=", job.runId)
      .forUpdate("r")
      .executeTakeFirst();
    if (!run) return { status: "missing" };
    if (run.status !== "pending" && run.status !== "retrying") return { status: run.status };
    const attempt = run.attempts + 1;
    const finish = async (status: string, fields: { error?: string | null; result?: ActionResult[] } = {}) => {
      const final = status !== "retrying";
      await tx
        .updateTable("automation_runs")
        .set({ status, attempts: attempt, error: fields.error ?? null, ...(fields.result ? { result: JSON.stringify(fields.result) } : {}), ...(final ? { finished_at: deps.now() } : {}) })
        .where("id", "=", run.id)
        .execute();
      return { status };
    };
    const entity = await loadEntity(tx, run.entity_type as "lead" | "deal", run.entity_id);
    if (!entity) return finish("skipped", { error: "O registro não existe mais." });
    if (!run.is_active) return finish("skipped", { error: "Automação desativada." });
    const conditions = z.array(automationConditionSchema).safeParse(run.conditions);
    const actions = z.array(automationActionSchema).safeParse(run.actions);
    if (!conditions.success || !actions.success) return finish("failed", { error: "Automação com definição inválida." });
    const event = run.event && typeof run.event === "object" ? (run.event as Record<string, unknown>) : {};
    if (!conditionsHold(conditions.data, { ...event, ...entity.facts })) return finish("skipped", { error: "Condições não atendidas." });

    const results: ActionResult[] = Array.isArray(run.result) ? (run.result as ActionResult[]) : [];
    let error: string | null = null;
    const ctx = { tx, tenantId: job.tenantId, deps, automation: { id: run.automation_id, name: run.name, trigger: run.trigger }, runId: run.id, entity, event, after };
    for (const [i, action] of actions.data.entries()) {
      if (results[i]?.ok) continue;
      await sql`savepoint automation_action`.execute(tx);
      try {
        results[i] = { type: action.type, ok: true, note: await doAction(ctx, action) };
        await sql`release savepoint automation_action`.execute(tx);
      } catch (e) {
        await sql`rollback to savepoint automation_action`.execute(tx);
        results[i] = { type: action.type, ok: false, error: message(e) };
        error = `Ação ${i + 1} (${ACTION_LABELS[action.type]}): ${message(e)}`;
        break;
      }
    }
    // What the actions changed on a lead may change its score (and fire score_changed, loop-protected).
    if (entity.type === "lead") await recomputeLeadScore(tx, entity.id, { after });
    if (!error) return finish("succeeded", { result: results });
    if (attempt < MAX_ATTEMPTS) {
      after.jobs.push(automationJob(job.tenantId, run.id, attempt, RETRY_DELAYS[attempt - 1]));
      return finish("retrying", { error, result: results });
    }
    return finish("failed", { error, result: results });
  });
  for (const j of after.jobs) await deps.scheduler.schedule(j);
  return out;
}
