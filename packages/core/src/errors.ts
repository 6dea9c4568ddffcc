/** Domain errors carry a code the transport maps to a status (tRPC code or HTTP). */
export type DomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS"
  /** A plan limit or an inactive subscription: details carry `upgradeUrl` (HTTP 402). */
  | "PAYMENT_REQUIRED"
  /** An outside service (Stripe) is unreachable; nothing was changed (HTTP 503). */
  | "SERVICE_UNAVAILABLE"
  | "PRECONDITION_FAILED";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
