import { importFields, type ImportField, type ImportMapping } from "@vendaflow/validators/crm";

export { importFields, type ImportField, type ImportMapping };

/** The headers (pt-BR and English) that usually hold each field. */
const ALIASES: Record<ImportField, string[]> = {
  name: ["nome", "nome completo", "name", "full name", "contato", "cliente", "lead"],
  email: ["email", "e mail", "mail", "correio eletronico", "endereco de email"],
  phone: ["telefone", "celular", "whatsapp", "whats", "fone", "tel", "phone", "mobile", "telefone celular", "numero"],
  company: ["empresa", "company", "organizacao", "organization", "razao social", "companhia", "conta"],
  tags: ["tags", "etiquetas", "tag", "etiqueta", "segmento"],
  source_detail: ["origem", "fonte", "source", "campanha", "campaign", "utm source"],
};

const norm = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/** Column index per field from the header row; each column serves one field, first match wins. */
export function suggestMapping(headers: string[]): ImportMapping {
  const out: ImportMapping = {};
  const used = new Set<number>();
  const normalized = headers.map(norm);
  for (const field of importFields) {
    const i = normalized.findIndex((h, idx) => !used.has(idx) && ALIASES[field].includes(h));
    if (i >= 0) {
      out[field] = i;
      used.add(i);
    }
  }
  return out;
}
