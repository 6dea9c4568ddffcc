import { expect } from "vitest";
import type { Client, TrpcError } from "./http";

/** A tRPC call that must succeed: its data (the failure's message says which path refused). */
export async function ok<T>(c: Client, kind: "query" | "mutation", path: string, input?: unknown): Promise<T> {
  const res = await c.trpc<T>(kind, path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}

/** A tRPC call that must fail: its error, for the test to check the code and message. */
export async function fails(c: Client, kind: "query" | "mutation", path: string, input: unknown): Promise<TrpcError> {
  const res = await c.trpc(kind, path, input);
  expect(res.error, `${path} should fail`).not.toBeNull();
  return res.error!;
}
