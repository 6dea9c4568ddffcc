"use client";
import { useQuery } from "@tanstack/react-query";
import { Input } from "@vendaflow/ui/input";
import { Label } from "@vendaflow/ui/label";
import { Select } from "@vendaflow/ui/select";
import type { AnalyticsFilter } from "@vendaflow/validators/analytics";
import { analytics as analyticsText } from "@/lib/i18n/pt-br/analytics";
import { useTRPC } from "@/lib/trpc/client";
import { presetRange, PRESETS, type Preset } from "@/lib/analytics/range";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { analytics: analyticsText };

const f = t.analytics.filters;

/** Period (presets or custom days), inbox and team: the filter every chart reads. */
export function DashboardFilters({ value, preset, onChange, showScope }: { value: AnalyticsFilter; preset: Preset | "custom"; onChange: (v: AnalyticsFilter, preset: Preset | "custom") => void; showScope: boolean }) {
  const trpc = useTRPC();
  const inboxes = useQuery({ ...trpc.inboxes.list.queryOptions(), enabled: showScope });
  const teams = useQuery({ ...trpc.routing.teams.queryOptions(), enabled: showScope });
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="dashboard-filters">
      <div className="grid gap-1.5">
        <Label htmlFor="dash-period">{f.period}</Label>
        <Select
          id="dash-period"
          value={preset}
          wrapperClassName="w-44"
          onChange={(e) => {
            const p = e.target.value as Preset | "custom";
            onChange(p === "custom" ? value : { ...value, ...presetRange(p, new Date()) }, p);
          }}
        >
          {PRESETS.map((p) => <option key={p} value={p}>{f.presets[p]}</option>)}
          <option value="custom">{f.presets.custom}</option>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="dash-from">{f.from}</Label>
        <Input id="dash-from" type="date" className="w-40" value={value.from} max={value.to} onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value }, "custom")} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="dash-to">{f.to}</Label>
        <Input id="dash-to" type="date" className="w-40" value={value.to} min={value.from} onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value }, "custom")} />
      </div>
      {showScope ? (
        <>
          <div className="grid gap-1.5">
            <Label htmlFor="dash-inbox">{f.inbox}</Label>
            <Select id="dash-inbox" wrapperClassName="w-48" value={value.inboxId ?? ""} onChange={(e) => onChange({ ...value, inboxId: e.target.value || null }, preset)}>
              <option value="">{f.allInboxes}</option>
              {(inboxes.data ?? []).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="dash-team">{f.team}</Label>
            <Select id="dash-team" wrapperClassName="w-48" value={value.teamId ?? ""} onChange={(e) => onChange({ ...value, teamId: e.target.value || null }, preset)}>
              <option value="">{f.allTeams}</option>
              {(teams.data ?? []).map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
            </Select>
          </div>
        </>
      ) : null}
    </div>
  );
}
