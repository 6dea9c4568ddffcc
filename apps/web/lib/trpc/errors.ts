import { TRPCClientError } from "@trpc/client";

/** Field errors from a failed mutation (zod issues or a domain error naming a field), keyed by field. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof TRPCClientError)) return {};
  const data = err.data as { zodIssues?: { path: string[]; message: string }[] | null; details?: { field?: string } | null } | undefined;
  const out: Record<string, string> = {};
  for (const issue of data?.zodIssues ?? []) {
    const key = issue.path.join(".");
    if (!(key in out)) out[key] = issue.message;
  }
  if (data?.details?.field && !(data.details.field in out)) out[data.details.field] = err.message;
  return out;
}

/** A message fit for a toast or alert; validation failures get a generic pt-BR sentence. */
export function errorMessage(err: unknown): string {
  if (err instanceof TRPCClientError) {
    const data = err.data as { zodIssues?: unknown[] | null; code?: string } | undefined;
    if (data?.zodIssues?.length) return "Revise os campos destacados.";
    if (data?.code === "INTERNAL_SERVER_ERROR") return "Algo deu errado do nosso lado. Tente novamente.";
    return err.message;
  }
  return "Sem conexão com o servidor. Verifique sua internet e tente novamente.";
}

/** Error messages whose keys no field of the form shows (so nothing the server said goes unseen). */
export function unplacedErrors(errors: Record<string, string>, placed: (key: string) => boolean): string[] {
  return [...new Set(Object.entries(errors).filter(([k]) => !placed(k)).map(([, m]) => m))];
}
