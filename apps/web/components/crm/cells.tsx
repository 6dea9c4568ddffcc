import { Badge } from "@vendaflow/ui/badge";
import { brDayOf } from "@/lib/dates";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmCommon };

/** Table cells shared by the CRM lists (./entity-list) and detail pages. */
export function TagsCell({ tags }: { tags: readonly string[] }) {
  return tags.length ? <span className="flex flex-wrap gap-1">{tags.map((tag) => <Badge key={tag} variant="outline">{tag}</Badge>)}</span> : <>{t.crm.none}</>;
}

/** A record's day in São Paulo, the day the lists' date filter and the dashboard count it on. */
export const dateCell = brDayOf;
