// The dashboard's period, inbox and team, kept in the address (?period=custom&from=…&to=…&inbox=…)
// so that coming back to the dashboard (Back from a deal, a reload, a link sent to the boss) shows
// the figures as they were left. A preset is kept as the preset: a link to "últimos 30 dias" opened
// next week shows that week's 30 days.

import { ANALYTICS_MAX_DAYS } from "@vendaflow/validators/plain/analytics";
import { dayOrBlank, idOrBlank, one, withParams, type Params } from "@/lib/url-params";
import { PRESETS, presetRange, type Preset } from "./range";

export interface DashboardFilter {
  preset: Preset | "custom";
  from: string;
  to: string;
  inboxId: string | null;
  teamId: string | null;
}

const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** The filter an address asks for at `now`; anything unknown or malformed falls back to the last 30 days and no scope. */
export function dashboardFilterFrom(params: Params, now: Date): DashboardFilter {
  const scope = { inboxId: idOrBlank(one(params, "inbox")) || null, teamId: idOrBlank(one(params, "team")) || null };
  const period = one(params, "period");
  const from = dayOrBlank(one(params, "from"));
  const to = dayOrBlank(one(params, "to"));
  if (period === "custom" && from && to) {
    const span = dayNumber(to) - dayNumber(from);
    // Within what the charts' query takes (analyticsFilterInput), so an edited address cannot make them fail.
    if (span >= 0 && span < ANALYTICS_MAX_DAYS) return { preset: "custom", from, to, ...scope };
  }
  const preset = (PRESETS as readonly string[]).includes(period) ? (period as Preset) : "30";
  return { preset, ...presetRange(preset, now), ...scope };
}

/** `url` with the filter written in: a preset without its days, a custom range with them; blank scope left out. */
export function withDashboardFilter(url: URL, f: DashboardFilter): URL {
  return withParams(url, {
    period: f.preset === "30" ? null : f.preset,
    from: f.preset === "custom" ? f.from : null,
    to: f.preset === "custom" ? f.to : null,
    inbox: f.inboxId,
    team: f.teamId,
  });
}
