import { email as emailSchema, normalizePhone, phoneVariants } from "@vendaflow/validators/crm";
import type { ImportMapping } from "./mapping";

export interface ImportRowError {
  row: number;
  field: string;
  message: string;
}

export interface ImportLead {
  row: number;
  name: string | null;
  email: string | null;
  /** E.164 digits without "+", as the channels store lead phones. */
  phone: string | null;
  company: string | null;
  tags: string[];
  sourceDetail: string | null;
}

const noNul = (s: string) => s.replaceAll("\u0000", "");

/**
 * One CSV row read through the mapping: trimmed, bounded to the columns' limits, e-mail and
 * Brazilian phone normalised. `row` is the 1-based line number in the file (the header is 1).
 */
export function readRow(cells: string[], mapping: ImportMapping, row: number): { lead: ImportLead } | { errors: ImportRowError[] } {
  const get = (i: number | undefined) => (i === undefined ? "" : noNul(cells[i] ?? "").trim());
  const errors: ImportRowError[] = [];
  const name = get(mapping.name);
  const rawEmail = get(mapping.email);
  const rawPhone = get(mapping.phone);
  const company = get(mapping.company);
  const sourceDetail = get(mapping.source_detail);
  if (name.length > 255) errors.push({ row, field: "name", message: "Nome com mais de 255 caracteres." });
  if (company.length > 255) errors.push({ row, field: "company", message: "Empresa com mais de 255 caracteres." });
  let email: string | null = null;
  if (rawEmail) {
    const e = emailSchema.safeParse(rawEmail);
    if (e.success) email = e.data;
    else errors.push({ row, field: "email", message: `E-mail inválido: ${rawEmail.slice(0, 80)}` });
  }
  let phone: string | null = null;
  if (rawPhone) {
    const p = normalizePhone(rawPhone);
    if (p) phone = p.slice(1);
    else errors.push({ row, field: "phone", message: `Telefone inválido: ${rawPhone.slice(0, 40)}` });
  }
  if (!name && !rawEmail && !rawPhone) errors.push({ row, field: "name", message: "Linha sem nome, e-mail ou telefone." });
  const tags = get(mapping.tags)
    .split(/[,|]/)
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tags.length > 30 || tags.some((t) => t.length > 50)) errors.push({ row, field: "tags", message: "Até 30 etiquetas de até 50 caracteres." });
  if (errors.length) return { errors };
  return { lead: { row, name: name || null, email, phone, company: company || null, tags: [...new Set(tags)], sourceDetail: sourceDetail.slice(0, 200) || null } };
}

/** Keys a lead is found by: its e-mail, and its phone in every stored spelling (with / without "+", the ninth digit). */
export function dedupeKeys(lead: Pick<ImportLead, "email" | "phone">): string[] {
  const keys: string[] = [];
  if (lead.email) keys.push(`e:${lead.email}`);
  if (lead.phone) for (const v of phoneVariants(`+${lead.phone}`)) keys.push(`p:${v.slice(1)}`);
  return keys;
}
