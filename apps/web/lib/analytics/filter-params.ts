// The dashboard's period, inbox and team, kept in the address (?period=custom&from=…&to=…&inbox=…)
// so that coming back to the dashboard (Back from a deal, a reload, a link sent to the boss) shows
// the figures as they were left. A preset is kept as the preset: a link to "últimos 30 dias" opened
// next week shows that week's 30 days.

import { ANALYTICS_MAX_DAYS } from "@vendaflow/validators/plain/analytics";
import { PRESETS, presetRange, type Preset } from "./range";

export interface DashboardFilter {
  preset: Preset | "custom";
  from: string;
  to: string;
  inboxId: string | null;
  teamId: string | null;
}

type Params = Record<string, string | string[] | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

/** The filter an address asks for at `now`; anything unknown or malformed falls back to the last 30 days and no scope. */
export function dashboardFilterFrom(params: Params, now: Date): DashboardFilter {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  const id = (v: string) => (UUID.test(v) ? v : null);
  const scope = { inboxId: id(one("inbox")), teamId: id(one("team")) };
  const period = one("period");
  const from = one("from");
  const to = one("to");
  if (period === "custom" && DAY.test(from) && DAY.test(to)) {
    const span = dayNumber(to) - dayNumber(from);
    // Within what the charts' query takes (analyticsFilterInput), so an edited address cannot make them fail.
    if (span >= 0 && span < ANALYTICS_MAX_DAYS) return { preset: "custom", from, to, ...scope };
  }
  const preset = (PRESETS as readonly string[]).includes(period) ? (period as Preset) : "30";
  return { preset, ...presetRange(preset, now), ...scope };
}

/** `url` with the filter written in: a preset without its days, a custom range with them; blank scope left out. */
export function withDashboardFilter(url: URL, f: DashboardFilter): URL {
  const next = new URL(url);
  const set = (k: string, v: string | null) => (v ? next.searchParams.set(k, v) : next.searchParams.delete(k));
  set("period", f.preset === "30" ? null : f.preset);
  set("from", f.preset === "custom" ? f.from : null);
  set("to", f.preset === "custom" ? f.to : null);
  set("inbox", f.inboxId);
  set("team", f.teamId);
  return next;
}
