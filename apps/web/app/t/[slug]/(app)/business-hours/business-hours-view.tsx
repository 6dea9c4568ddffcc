"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useState } from "react";
import { businessHours as businessHoursText } from "@/lib/i18n/pt-br/business-hours";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { HoursEditor } from "./hours-editor";
import { cloneDraft, draftOf } from "./model";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { businessHours: businessHoursText, common: commonText };

/** Admin page: the tenant's default hours, then each team's own hours (optional). */
export function BusinessHoursView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const hours = useQuery(trpc.routing.businessHours.queryOptions());
  const teams = useQuery(trpc.routing.teams.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.routing.businessHours.queryKey() });
  // Teams whose override form is open before it was ever saved.
  const [overriding, setOverriding] = useState<Set<string>>(new Set());
  const setOverride = (teamId: string, on: boolean) =>
    setOverriding((s) => {
      const next = new Set(s);
      if (on) next.add(teamId);
      else next.delete(teamId);
      return next;
    });

  const loading = hours.isLoading || teams.isLoading;
  const failed = hours.error ?? teams.error;
  const tenantRow = hours.data?.find((r) => r.team_id === null);

  return (
    <div className="space-y-6">
      <PageHeader title={t.businessHours.title} description={t.businessHours.description} />
      {loading ? <Skeleton className="h-96" aria-busy="true" aria-label={t.common.loading} /> : null}
      {failed ? (
        <Alert variant="destructive">
          <AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => { void hours.refetch(); void teams.refetch(); }}>{t.common.retry}</Button></AlertDescription>
        </Alert>
      ) : null}
      {hours.data && teams.data ? (
        <>
          <Card data-testid="hours-tenant">
            <CardHeader>
              <CardTitle asChild><h2>{t.businessHours.tenantTitle}</h2></CardTitle>
              <CardDescription>{t.businessHours.tenantHint}</CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              {tenantRow ? null : <Alert><AlertDescription>{t.businessHours.tenantUnset}</AlertDescription></Alert>}
              <HoursEditor key={tenantRow?.id ?? "new"} teamId={null} initial={draftOf(tenantRow)} onSaved={refresh} testId="hours-form-tenant" />
            </CardContent>
          </Card>

          {teams.data.length === 0 ? <p className="text-sm text-muted-foreground">{t.businessHours.noTeams}</p> : null}
          {teams.data.map((team) => {
            const row = hours.data.find((r) => r.team_id === team.id);
            const open = Boolean(row) || overriding.has(team.id);
            return (
              <Card key={team.id} data-testid="hours-team" data-name={team.name}>
                <CardHeader>
                  <CardTitle asChild><h2>{t.businessHours.teamTitle(team.name)}</h2></CardTitle>
                  <CardDescription className="flex items-center gap-2">
                    {row ? <Badge variant="secondary">{t.businessHours.teamOwn}</Badge> : <span>{t.businessHours.teamUsesDefault}</span>}
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  {open ? (
                    <HoursEditor
                      key={row?.id ?? "new"}
                      teamId={team.id}
                      // A new override starts from the tenant's hours.
                      initial={row ? draftOf(row) : cloneDraft(draftOf(tenantRow))}
                      onSaved={async () => {
                        // Collapse only once the saved row is back, so the form doesn't flicker away.
                        await refresh();
                        setOverride(team.id, false);
                      }}
                      onCancel={row ? undefined : () => setOverride(team.id, false)}
                      testId={`hours-form-${team.id}`}
                    />
                  ) : (
                    <Button variant="outline" onClick={() => setOverride(team.id, true)}>{t.businessHours.teamOverride}</Button>
                  )}
                </CardContent>
              </Card>
            );
          })}
        </>
      ) : null}
    </div>
  );
}
