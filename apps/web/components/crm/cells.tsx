import { Badge } from "@vendaflow/ui/badge";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

/** Table cells shared by the CRM lists (./entity-list) and detail pages. */
export function TagsCell({ tags }: { tags: readonly string[] }) {
  return tags.length ? <span className="flex flex-wrap gap-1">{tags.map((tag) => <Badge key={tag} variant="outline">{tag}</Badge>)}</span> : <>{t.crm.none}</>;
}

export const dateCell = (d: Date | string) => new Date(d).toLocaleDateString("pt-BR");
