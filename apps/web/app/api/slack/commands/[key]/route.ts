import { verifySlackSignature } from "@vendaflow/connectors/slack/verify-request";
import { isTransientDbError } from "@vendaflow/db/errors";
import { receiveSlackCommand } from "@vendaflow/core/slack/commands";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { BODY_LIMITS, readBody } from "@/lib/server/body";
import { appDeps } from "@/lib/server/deps";
import { HttpError, problem } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";

/**
 * Slack slash commands (`/lead-status`, `/pipeline`): the Request URL configured in the tenant's
 * Slack app. The route key names the connection; `X-Slack-Signature` (v0 HMAC of
 * `v0:timestamp:body` with its signing secret, 5-minute tolerance) is checked over the raw body:
 * 401 and nothing changed otherwise. Answered within Slack's 3 seconds with a Block Kit message;
 * slow answers go to the command's response_url through a job.
 */
export const POST = route("/api/slack/commands/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const deps = appDeps();
  try {
    const rawBody = await readBody(req, BODY_LIMITS.webhook);
    const now = Math.floor(deps.now().getTime() / 1000);
    const after = { jobs: [] as ScheduledJob[] };
    const outcome = await receiveSlackCommand(deps, (await ctx.params).key, { rawBody, headers: req.headers }, (raw, headers, secret) => verifySlackSignature(raw, { signature: headers.get("x-slack-signature"), timestamp: headers.get("x-slack-request-timestamp") }, secret, now), after);
    if (outcome.status === 401) return problem(401, "invalid_signature", "Assinatura do Slack inválida.");
    if (outcome.status === 400) return problem(400, "invalid_payload", "Comando do Slack inválido.");
    for (const job of after.jobs) await deps.scheduler.schedule(job);
    const m = outcome.message;
    return Response.json({ response_type: m.responseType ?? "ephemeral", text: m.text, blocks: m.blocks });
  } catch (err) {
    if (err instanceof HttpError) return err.response;
    if (!isTransientDbError(err)) {
      // A parseable, verified command never gets a 500: Slack shows the user this text instead.
      log.error("slack.command_failed", { error: (err as Error).message });
      return Response.json({ response_type: "ephemeral", text: "Não foi possível responder agora; tente de novo em instantes." });
    }
    return problem(503, "retry_later", "Não foi possível processar o comando agora; tente novamente.", {}, { "retry-after": "30" });
  }
});
