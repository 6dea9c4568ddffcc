import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { withTenant, type InTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { afterCommit, runAfterCommit } from "@vendaflow/core/after-commit";
import { assertWritable } from "@vendaflow/core/billing/quotas";
import { DomainError } from "@vendaflow/core/errors";
import { noteRequest } from "@vendaflow/core/observability/request-info";
import { trpcCalls, trpcDuration } from "@vendaflow/core/observability/service-metrics";
import { inSpan, SpanStatusCode } from "@vendaflow/core/observability/trace";
import { authenticateApiKey, recordApiKeyCall, type ApiKeyPrincipal } from "@vendaflow/core/api-keys/authenticate";
import type { ApiKeyScope } from "@vendaflow/validators/api-keys";
import { ptBrIssue } from "@vendaflow/validators/pt-br-errors";
import { assertPlanRateLimit } from "@vendaflow/core/rate-limit/plan-limits";
import { callerError, internalMessage } from "./caller-errors";
import type { ApiContext } from "./context";

/**
 * Per-procedure metadata: `scope` opens a procedure to API keys granted that scope (a procedure
 * without one is for signed-in users only) and publishes it in the OpenAPI document and REST
 * (`/api/v1/<path>`, openapi.ts).
 */
export interface ProcedureMeta {
  scope?: ApiKeyScope;
}

// Issues a schema words no message for are told in pt-BR (zod's own defaults are English).
z.config({ customError: ptBrIssue });

const t = initTRPC.context<ApiContext>().meta<ProcedureMeta>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // A readable sentence instead of the serialized issue list; the issues follow in data.
      message: cause instanceof ZodError ? (cause.issues[0]?.message ?? "Dados inválidos.") : shape.message,
      data: {
        ...shape.data,
        // Field-level validation issues reach the caller as { path, message } pairs.
        zodIssues: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) : null,
        details: cause instanceof DomainError ? (cause.details ?? null) : null,
      },
    };
  },
});

/** Domain errors thrown by core become typed tRPC errors with the same message; the rest, what callerError makes of them. */
const callerErrors = t.middleware(async ({ next }) => {
  const res = await next();
  const mapped = res.ok ? null : callerError(res.error);
  if (mapped) throw mapped;
  return res;
});

/**
 * A span `trpc <path>` per procedure (a batched request has one per call) with the caller's ids,
 * the result code and the procedure's own database statements, and the call counted in
 * vf_trpc_calls_total. Outermost, so it sees the code callerErrors settles on.
 */
const observed = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const ids = { tenantId: ctx.tenant?.id, userId: ctx.session?.userId ?? ctx.operator?.operatorId, apiKey: ctx.inboxAuth?.publicKey };
  noteRequest(ids);
  return inSpan(`trpc ${path}`, { attributes: { "rpc.system": "trpc", "rpc.method": path, "vf.procedure_type": type, "vf.request_id": ctx.requestId }, queryStats: true }, async (span) => {
    const res = await next();
    const code = res.ok ? "OK" : res.error.code;
    span.setAttribute("vf.trpc.code", code);
    if (code === "INTERNAL_SERVER_ERROR") span.setStatus({ code: SpanStatusCode.ERROR, message: res.ok ? "" : internalMessage(res.error) });
    trpcCalls.inc({ procedure: path, code, tenant: ids.tenantId ?? "" });
    trpcDuration.observe({ procedure: path }, (performance.now() - started) / 1000);
    return res;
  });
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(observed).use(callerErrors);

/** Audit metadata: a call made with an API key has the key as its actor, not the admin who created it. */
export const meta = (ctx: ApiContext & { apiKeyPrincipal?: ApiKeyPrincipal | null }) => ({
  ip: ctx.ip,
  userAgent: ctx.userAgent,
  actorUserId: ctx.apiKeyPrincipal ? null : (ctx.session?.userId ?? null),
  actorApiKeyId: ctx.apiKeyPrincipal?.id ?? null,
});

/** Root-domain only (signup, workspace finder, operator console). */
export const rootProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.host !== "root") throw new TRPCError({ code: "NOT_FOUND", message: "Disponível apenas no domínio principal." });
  return next();
});

/** A tenant host without a session (login help, invites). */
export const hostTenantProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.tenant) throw new TRPCError({ code: "NOT_FOUND", message: "Espaço de trabalho não encontrado." });
  return next({ ctx: { ...ctx, tenant: ctx.tenant } });
});

/**
 * An API key (Authorization: Bearer vfk_…) on this host's tenant, for a procedure that declares
 * `scope`: authenticated and rate limited by core; refused without the scope. The caller runs the
 * procedure with `run` and the call is audited (key as actor, last use) once it succeeded.
 */
export async function withApiKey<R extends { ok: boolean }>(
  ctx: ApiContext & { tenant: NonNullable<ApiContext["tenant"]> },
  call: { path: string; type: string; scope: ApiKeyScope | undefined },
  run: (key: ApiKeyPrincipal) => Promise<R>,
): Promise<R> {
  if (!call.scope) throw new TRPCError({ code: "FORBIDDEN", message: "Esta operação não está disponível para chaves de API." });
  const key = await authenticateApiKey(ctx.deps, ctx.tenant.id, ctx.apiKey!);
  // The procedure's span and the request's (route.ts) carry the key, as its log lines do.
  noteRequest({ apiKeyId: key.id });
  if (!key.scopes.includes(call.scope)) throw new TRPCError({ code: "FORBIDDEN", message: `A chave de API não tem a permissão ${call.scope}.` });
  const res = await run(key);
  if (res.ok) await recordApiKeyCall(ctx.deps, ctx.tenant.id, key.id, { path: call.path, type: call.type, ip: ctx.ip, userAgent: ctx.userAgent });
  return res;
}

/**
 * A signed-in user of this host's tenant, or an API key (the `apiKey` rung): the key acts as the
 * admin who created it, with that user's current role, only on procedures whose scope it holds.
 */
export const authedProcedure = hostTenantProcedure.use(async ({ ctx, next, meta: procedureMeta, path, type }) => {
  if (!ctx.session && ctx.apiKey) {
    return withApiKey(ctx, { path, type, scope: procedureMeta?.scope }, (key) => {
      const session = { sessionId: `api-key:${key.id}`, userId: key.userId, tenantId: ctx.tenant.id, role: key.role, name: key.name, email: key.email };
      return next({ ctx: { ...ctx, session, apiKeyPrincipal: key as ApiKeyPrincipal | null } });
    });
  }
  // The session was validated for this host's tenant; a session of another tenant never gets here.
  if (!ctx.session || ctx.session.tenantId !== ctx.tenant.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sessão expirada. Entre novamente." });
  return next({ ctx: { ...ctx, session: ctx.session, apiKeyPrincipal: null as ApiKeyPrincipal | null } });
});

/** Carries a failed result out of the transaction so it rolls back instead of committing. */
class Rollback extends Error {
  constructor(readonly result: unknown) {
    super("rollback");
  }
}

/**
 * What a read-only account (billing: unpaid, canceled, grace over) may still change: billing itself
 * (the way back), the session and own profile, the agents' work on conversations so no lead is
 * lost, and privacy (LGPD duties to data subjects do not stop with a subscription). Every other
 * tenant mutation is refused with PAYMENT_REQUIRED and the upgrade URL.
 */
const WRITABLE_WHEN_READ_ONLY = ["billing.", "auth.", "profile.", "conversations.", "agent.", "apiInbox.", "privacy."];

/**
 * Runs the procedure inside withTenant: every query it makes is bound by RLS to this tenant, and
 * core services take this one transaction (`ctx.tx`) instead of opening their own. Messages and
 * jobs they queue on `ctx.after` go out once it commits. tRPC's next() returns failures instead of
 * throwing, so a failed procedure is turned into a throw here: its writes roll back (and nothing
 * queued goes out), and the caller still gets the original error.
 */
/** What every tenant procedure checks first: the user's rate limit, and a read-only account's mutations. */
async function tenantChecks(tx: TenantTx, ctx: ApiContext & { tenant: { id: string }; session: { userId: string } }, type: string, path: string) {
  await assertPlanRateLimit(tx, ctx.deps.counters, ctx.tenant.id, "trpc:user", ctx.session.userId, ctx.deps.now());
  if (type === "mutation" && !WRITABLE_WHEN_READ_ONLY.some((p) => path.startsWith(p))) await assertWritable(tx, ctx.deps.now());
}

export const tenantProcedure = authedProcedure.use(async ({ ctx, next, type, path }) => {
  const after = afterCommit();
  const run = async (tx: TenantTx) => {
    await tenantChecks(tx, ctx, type, path);
    return next({ ctx: { ...ctx, tx, after } });
  };
  let res: Awaited<ReturnType<typeof run>>;
  try {
    res = await withTenant(ctx.deps.db, ctx.tenant.id, async (tx) => {
      const r = await run(tx);
      if (!r.ok) throw new Rollback(r);
      return r;
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result as Awaited<ReturnType<typeof run>>;
    throw err;
  }
  await runAfterCommit(ctx.deps, ctx.tenant.id, after);
  return res;
});

/**
 * For procedures that wait on an outside service (Slack, n8n): no transaction is held across the
 * call, so a slow or hanging service never keeps a pool connection. The tenant checks run in a
 * short transaction first; the procedure opens its own short ones with `ctx.inTx` (read what the
 * call needs, call, record the outcome) and its writes commit with each of them.
 */
export const tenantOutboundProcedure = authedProcedure.use(async ({ ctx, next, type, path }) => {
  await withTenant(ctx.deps.db, ctx.tenant.id, (tx) => tenantChecks(tx, ctx, type, path));
  const inTx: InTenant = (fn) => withTenant(ctx.deps.db, ctx.tenant.id, fn);
  return next({ ctx: { ...ctx, inTx } });
});

/**
 * The one role check, for a procedure built on authedProcedure (tenantProcedure or
 * tenantOutboundProcedure): by then the session, or the API key's admin, is in ctx.
 */
const requireRole = (roles: readonly string[], message: string) =>
  t.middleware(({ ctx, next }) => {
    if (!ctx.session || !roles.includes(ctx.session.role)) throw new TRPCError({ code: "FORBIDDEN", message });
    return next();
  });

const adminsOnly = requireRole(["admin"], "Apenas administradores podem fazer isto.");
export const agentProcedure = tenantProcedure.use(requireRole(["admin", "agent"], "Apenas agentes e administradores podem fazer isto."));
export const adminProcedure = tenantProcedure.use(adminsOnly);
export const adminOutboundProcedure = tenantOutboundProcedure.use(adminsOnly);
/** Whole-tenant reports (the dashboard's funnels and rates): admins and viewers; agents see only their own numbers. */
export const reportProcedure = tenantProcedure.use(requireRole(["admin", "viewer"], "Os números da empresa são para administradores e leitores; agentes veem o próprio desempenho."));

/** A signed-in platform operator, whether or not the required second factor is on yet: only the console's two-factor card. */
export const operatorAccountProcedure = rootProcedure.use(({ ctx, next }) => {
  if (!ctx.operator) throw new TRPCError({ code: "UNAUTHORIZED", message: "Entre como operador da plataforma." });
  return next({ ctx: { ...ctx, operator: ctx.operator } });
});

/** The console's every other procedure: with OPERATOR_REQUIRE_2FA, refused until the operator's second factor is on. */
export const operatorProcedure = operatorAccountProcedure.use(({ ctx, next }) => {
  if (ctx.operator.mustEnrolTwoFactor) throw new TRPCError({ code: "FORBIDDEN", message: "Ative a verificação em duas etapas para usar o console de operação." });
  return next();
});

export { z };
