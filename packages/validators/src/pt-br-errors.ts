import type { z } from "zod";

/**
 * pt-BR words for the issues a schema gives no message of its own (zod's defaults are English:
 * "Too small: expected string to have >=1 characters"). Installed once by the server's tRPC setup
 * (z.config), so every field a form sends gets a sentence its user reads; a schema's own message
 * still wins.
 */
export function ptBrIssue(issue: z.core.$ZodRawIssue): string {
  const n = (v: unknown) => (typeof v === "number" ? v.toLocaleString("pt-BR") : String(v));
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? "Preencha este campo." : `Use ao menos ${n(min)} caracteres.`;
      if (issue.origin === "array" || issue.origin === "set") return min <= 1 ? "Escolha ao menos um item." : `Escolha ao menos ${n(min)} itens.`;
      if (issue.origin === "date") return "A data é anterior à permitida.";
      return `O mínimo é ${n(issue.minimum)}.`;
    }
    case "too_big": {
      if (issue.origin === "string") return `Use no máximo ${n(issue.maximum)} caracteres.`;
      if (issue.origin === "array" || issue.origin === "set") return `Escolha no máximo ${n(issue.maximum)} itens.`;
      if (issue.origin === "date") return "A data é posterior à permitida.";
      return `O máximo é ${n(issue.maximum)}.`;
    }
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "Preencha este campo." : "Valor inválido.";
    case "invalid_format":
      if (issue.format === "email") return "Informe um e-mail válido.";
      if (issue.format === "url") return "Informe uma URL válida.";
      if (issue.format === "uuid" || issue.format === "guid") return "Identificador inválido.";
      if (issue.format === "datetime" || issue.format === "date") return "Data inválida.";
      return "Formato inválido.";
    case "invalid_value":
      return "Escolha uma das opções.";
    case "not_multiple_of":
      return `Use um múltiplo de ${n(issue.divisor)}.`;
    case "unrecognized_keys":
      return `Campo não reconhecido: ${issue.keys.join(", ")}.`;
    default:
      return "Valor inválido.";
  }
}
