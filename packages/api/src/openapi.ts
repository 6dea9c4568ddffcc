import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { apiKeyScopes, type ApiKeyScope } from "@vendaflow/validators/api-keys";
import { ZodError, z } from "zod";
import { INTERNAL_MESSAGE, retryAfterSeconds } from "./caller-errors";
import type { ApiContext } from "./context";
import { appRouter, createCaller } from "./root";

/**
 * The public API is the set of procedures an API key can reach (those with `meta.scope`). The
 * OpenAPI 3.1 document and the REST endpoints are derived from exactly those procedures and their
 * zod input schemas (zod 4's z.toJSONSchema): trpc-to-openapi was weighed and set aside, since it
 * needs a zod `.output()` on every procedure and flat query inputs, which these procedures lack.
 * REST is `POST /api/v1/<procedure path>` with the input as a JSON body (`GET` for queries, with
 * the input as `?input=<json>`), answered with plain JSON.
 */
interface Procedure {
  _def: { type: "query" | "mutation" | "subscription"; meta?: { scope?: ApiKeyScope }; inputs: z.ZodType[] };
}

export interface PublicProcedure {
  path: string;
  type: "query" | "mutation";
  scope: ApiKeyScope;
  input: z.ZodType | null;
}

export const publicProcedures: PublicProcedure[] = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>)
  .filter(([, p]) => p._def.meta?.scope && p._def.type !== "subscription")
  .map(([path, p]) => ({ path, type: p._def.type as "query" | "mutation", scope: p._def.meta!.scope!, input: p._def.inputs[0] ?? null }))
  .sort((a, b) => a.path.localeCompare(b.path));

const jsonSchema = (s: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

/** The route handlers' error body (apps/web lib/server/http.ts `problem`). */
const errorSchema = {
  type: "object",
  properties: {
    error: { type: "string", examples: ["forbidden"] },
    message: { type: "string" },
    issues: { type: "array", items: { type: "object", properties: { path: { type: "array", items: { type: "string" } }, message: { type: "string" } } } },
  },
  required: ["error", "message"],
};

/** OpenAPI 3.1 for the tenant's origin (the host selects the tenant). */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, unknown> = {};
  for (const p of publicProcedures) {
    const [tag] = p.path.split(".");
    const input = p.input ? jsonSchema(p.input) : null;
    const op = (method: "get" | "post") => ({
      operationId: method === "get" ? `${p.path}.get` : p.path,
      tags: [tag],
      summary: p.path,
      description: `Permissão da chave: \`${p.scope}\`.`,
      security: [{ apiKey: [p.scope] }],
      ...(method === "get"
        ? { parameters: input ? [{ name: "input", in: "query", required: false, description: "A entrada em JSON.", content: { "application/json": { schema: input } } }] : [] }
        : input
          ? { requestBody: { required: true, content: { "application/json": { schema: input } } } }
          : {}),
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: { description: "O resultado do procedimento." } } } },
        ...Object.fromEntries(
          [["400", "Entrada inválida"], ["401", "Chave ausente, inválida ou revogada"], ["403", "A chave não tem a permissão"], ["404", "Não encontrado"], ["429", "Limite de chamadas: veja Retry-After"], ["500", "Erro do nosso lado"], ["503", "Indisponível por um instante (nada foi alterado): tente novamente"]].map(([code, description]) => [
            code,
            { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          ]),
        ),
      },
    });
    paths[`/api/v1/${p.path}`] = p.type === "query" ? { get: op("get"), post: op("post") } : { post: op("post") };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Vendaflow API",
      version: "1.0.0",
      description: "API REST do Vendaflow, gerada dos mesmos procedimentos do SDK TypeScript. Autentique com `Authorization: Bearer vfk_…` (Configurações → Desenvolvedores).",
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", bearerFormat: "vfk_<prefixo>_<segredo>", description: `Escopos: ${apiKeyScopes.join(", ")}.` } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}

/** One REST call: the same procedure through the same ladder (key, scope, rate limit, audit), plain JSON out. */
export async function restCall(ctx: ApiContext, path: string, method: string, input: unknown): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
  const p = publicProcedures.find((x) => x.path === path);
  if (!p || (method === "GET" && p.type !== "query")) return { status: 404, body: { error: "not_found", message: "Endpoint não encontrado." } };
  try {
    let fn: unknown = createCaller(ctx);
    for (const key of path.split(".")) fn = (fn as Record<string, unknown>)[key];
    return { status: 200, body: (await (fn as (i: unknown) => Promise<unknown>)(input)) ?? null };
  } catch (err) {
    const e = err instanceof TRPCError ? err : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: err });
    const zod = e.cause instanceof ZodError ? e.cause : null;
    const retry = retryAfterSeconds(e);
    return {
      status: getHTTPStatusCodeFromError(e),
      body: {
        error: e.code.toLowerCase(),
        message: zod ? (zod.issues[0]?.message ?? "Dados inválidos.") : e.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : e.message,
        ...(zod ? { issues: zod.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } : {}),
      },
      ...(retry ? { headers: { "retry-after": String(retry) } } : {}),
    };
  }
}
