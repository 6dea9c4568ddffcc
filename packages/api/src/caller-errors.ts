import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { DomainError } from "@vendaflow/core/errors";
import { isTransientDbError } from "@vendaflow/db/errors";

/** What a caller is told when something failed on our side: never the internal message (logged with the request id). */
export const INTERNAL_MESSAGE = "Algo deu errado do nosso lado. Tente novamente.";
/** A database failure that passes: the transaction was rolled back (a deadlock, a serialization failure) or the connection was lost. */
export const TRANSIENT_MESSAGE = "Não foi possível concluir agora. Tente novamente em instantes.";

/**
 * A failed procedure's error as its caller gets it (the typed SDK and the app alike): a domain error
 * with its code and pt-BR message; a database failure worth a retry as SERVICE_UNAVAILABLE (503,
 * so clients retry); anything else unexpected as INTERNAL_SERVER_ERROR with a pt-BR sentence. The
 * original stays the cause, for the log and the trace. Null: the error is already the caller's (a
 * TRPCError thrown on purpose, a validation failure).
 */
export function callerError(error: TRPCError): TRPCError | null {
  const cause = error.cause;
  if (cause instanceof DomainError) return new TRPCError({ code: cause.code as TRPC_ERROR_CODE_KEY, message: cause.message, cause });
  if (error.code !== "INTERNAL_SERVER_ERROR") return null;
  if (isTransientDbError(cause)) return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: TRANSIENT_MESSAGE, cause });
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, cause: cause ?? error });
}

/** The message worth logging for an error callerError rewrote: its cause's. */
export const internalMessage = (error: TRPCError) => (error.cause instanceof Error ? error.cause.message : error.message);

/** Whether callerError made this a transient database failure's 503 (not a domain error's own SERVICE_UNAVAILABLE). */
export const isTransientFailure = (error: TRPCError) => error.code === "SERVICE_UNAVAILABLE" && isTransientDbError(error.cause);

/** The wait a transient failure's caller is told (Retry-After): the rolled-back work can go again at once. */
const TRANSIENT_RETRY_AFTER_SECONDS = 1;

/**
 * When a failed call may be made again, in seconds (the Retry-After of tRPC and REST alike): a
 * domain error's own (a rate limit, the KV store down), 1 for a transient database failure, else null.
 */
export function retryAfterSeconds(error: TRPCError): number | null {
  const details = error.cause instanceof DomainError ? error.cause.details : undefined;
  if (typeof details?.retryAfterSeconds === "number") return details.retryAfterSeconds;
  return isTransientFailure(error) ? TRANSIENT_RETRY_AFTER_SECONDS : null;
}
