// "Atividades"' tab and filters, kept in the address (?tab=overdue&who=all&type=call) so that a
// reload, Back from a deal or a shared link shows the same list, and the dashboard's line ("2
// atrasadas") opens the tab whose rows it counted rather than "Hoje".

import { activityTypes, agendaBuckets } from "@vendaflow/validators/plain/crm";
import type { ActivityType, AgendaBucket } from "@vendaflow/validators/crm";
import { idOrBlank, one, oneOf, withParams, type Params } from "./url-params";

export type AgendaWorkType = Exclude<ActivityType, "note">;
export const agendaWorkTypes = activityTypes.filter((x): x is AgendaWorkType => x !== "note");

export interface AgendaFilters {
  tab: AgendaBucket;
  /** "me", "all" or a user's id. */
  who: string;
  type: AgendaWorkType | "";
}

/** The filters an address asks for; what is absent or malformed takes its default ("Hoje", `defaultWho`, every type). */
export function agendaFiltersFrom(params: Params, defaultWho: "me" | "all"): AgendaFilters {
  const who = one(params, "who");
  return {
    tab: oneOf(one(params, "tab"), agendaBuckets) || "today",
    who: who === "me" || who === "all" ? who : idOrBlank(who) || defaultWho,
    type: oneOf(one(params, "type"), agendaWorkTypes),
  };
}

/** `url` with the filters written in; the defaults are left out so the plain address stays plain. */
export function withAgendaFilters(url: URL, f: AgendaFilters, defaultWho: "me" | "all"): URL {
  return withParams(url, { tab: f.tab === "today" ? "" : f.tab, who: f.who === defaultWho ? "" : f.who, type: f.type });
}

/**
 * Where the dashboard's "Suas atividades: …" line leads: the signed-in person's overdue tab when it
 * counts any (it leads with them), else today's. `who=me` is explicit: a viewer's page opens on "all".
 */
export function agendaSummaryHref(overdue: number): string {
  return overdue > 0 ? "/activities?tab=overdue&who=me" : "/activities?who=me";
}
