import { TRPCError } from "@trpc/server";
import { DomainError } from "@vendaflow/core/errors";
import { describe, expect, it } from "vitest";
import { callerError, INTERNAL_MESSAGE, internalMessage, retryAfterSeconds, TRANSIENT_MESSAGE } from "./caller-errors";

/** What tRPC makes of an error a procedure throws that is not a TRPCError. */
const thrown = (cause: unknown) => new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: cause instanceof Error ? cause.message : "x", cause });
/** A pg error as node-postgres raises it: an Error with the SQLSTATE in `code`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("callerError", () => {
  it("a domain error keeps its code, pt-BR message and details", () => {
    const domain = new DomainError("CONFLICT", "Esta reunião não aconteceu: não tem resultado.", { field: "meetingId" });
    const out = callerError(thrown(domain))!;
    expect([out.code, out.message, out.cause]).toEqual(["CONFLICT", "Esta reunião não aconteceu: não tem resultado.", domain]);
  });

  it("a deadlock, a serialization failure or a lost connection is a 503 in pt-BR, never Postgres's English", () => {
    for (const cause of [pgError("40P01", "deadlock detected"), pgError("40001", "could not serialize access due to concurrent update"), pgError("57P01", "terminating connection due to administrator command"), new Error("Connection terminated unexpectedly")]) {
      const out = callerError(thrown(cause))!;
      expect([out.code, out.message]).toEqual(["SERVICE_UNAVAILABLE", TRANSIENT_MESSAGE]);
      expect(internalMessage(out)).toBe(cause.message);
    }
  });

  it("anything else unexpected is a 500 with a pt-BR sentence; the log still gets what happened", () => {
    for (const cause of [pgError("23505", 'duplicate key value violates unique constraint "leads_pkey"'), new TypeError("Cannot read properties of undefined (reading 'id')")]) {
      const out = callerError(thrown(cause))!;
      expect([out.code, out.message]).toEqual(["INTERNAL_SERVER_ERROR", INTERNAL_MESSAGE]);
      expect(internalMessage(out)).toBe(cause.message);
    }
  });

  it("a TRPCError thrown on purpose is the caller's already", () => {
    expect(callerError(new TRPCError({ code: "NOT_FOUND", message: "Espaço de trabalho não encontrado." }))).toBeNull();
    expect(callerError(new TRPCError({ code: "FORBIDDEN", message: "Apenas administradores podem fazer isto." }))).toBeNull();
  });
});

describe("retryAfterSeconds", () => {
  it("a domain error's own wait, 1 s after a transient database failure, none for the rest", () => {
    expect(retryAfterSeconds(callerError(thrown(new DomainError("TOO_MANY_REQUESTS", "Muitas tentativas.", { retryAfterSeconds: 42 })))!)).toBe(42);
    expect(retryAfterSeconds(callerError(thrown(pgError("40P01", "deadlock detected")))!)).toBe(1);
    expect(retryAfterSeconds(callerError(thrown(new DomainError("SERVICE_UNAVAILABLE", "Não foi possível falar com o Calendly agora.")))!)).toBeNull();
    expect(retryAfterSeconds(callerError(thrown(pgError("23505", "duplicate key")))!)).toBeNull();
    expect(retryAfterSeconds(new TRPCError({ code: "NOT_FOUND" }))).toBeNull();
  });
});
