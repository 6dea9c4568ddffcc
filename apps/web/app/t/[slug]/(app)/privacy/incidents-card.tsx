"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { brDay, brDateTime } from "@/lib/dates";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { privacy: privacyText };

const i18n = t.privacy.incidents;
// Opens on "Registrar incidente" only: its code comes with the first one.
const IncidentDialog = onDemand(() => import("./incident-dialog").then((m) => m.IncidentDialog), DialogLoading);

export function IncidentsCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useQuery(trpc.privacy.incidents.queryOptions());
  const mark = useMutation(trpc.privacy.markIncidentNotified.mutationOptions());
  const confirm = useConfirm();
  const [creating, setCreating] = useState(false);
  const onMark = async (id: string, notified: "anpd" | "subjects", title: string) => {
    if (!(await confirm({ title: i18n.confirmMark(notified, title), description: i18n.confirmMarkText, actionLabel: i18n.confirmMarkAction, destructive: false }))) return;
    try {
      await mark.mutateAsync({ id, notified });
      toast.success(i18n.marked);
      void qc.invalidateQueries();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="space-y-1">
          <CardTitle>{i18n.title}</CardTitle>
          <p className="text-xs text-muted-foreground">{i18n.hint}</p>
        </div>
        <Button variant="outline" onClick={() => setCreating(true)} data-testid="new-incident">{i18n.create}</Button>
      </CardHeader>
      <CardContent className="space-y-4">
        {list.isLoading ? <Skeleton className="h-24" /> : null}
        {list.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(list.error)}</AlertDescription></Alert> : null}
        {list.data?.length === 0 ? <p className="text-sm text-muted-foreground">{i18n.empty}</p> : null}
        {list.data?.map((inc) => (
          <article key={inc.id} className="space-y-2 rounded-md border p-3 text-sm" data-testid="incident">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <strong>{inc.title}</strong>
              <Badge variant={inc.risk === "high" ? "destructive" : "secondary"}>{i18n.risks[inc.risk]}</Badge>
            </div>
            <p className="text-muted-foreground">
              {i18n.deadline}: {brDay(inc.deadline)}
              {inc.anpdNotifiedAt && inc.subjectsNotifiedAt ? null : <span className={inc.businessDaysLeft <= 1 ? " text-destructive" : ""}> · {i18n.daysLeft(inc.businessDaysLeft)}</span>}
            </p>
            <div className="flex flex-wrap gap-2">
              {inc.anpdNotifiedAt ? <Badge variant="success">{i18n.anpd}: {i18n.notifiedAt(brDateTime(inc.anpdNotifiedAt))}</Badge> : <Button size="sm" variant="outline" loading={mark.isPending && mark.variables?.id === inc.id && mark.variables.notified === "anpd"} onClick={() => onMark(inc.id, "anpd", inc.title)}>{i18n.markAnpd}</Button>}
              {inc.subjectsNotifiedAt ? <Badge variant="success">{i18n.subjects}: {i18n.notifiedAt(brDateTime(inc.subjectsNotifiedAt))}</Badge> : <Button size="sm" variant="outline" loading={mark.isPending && mark.variables?.id === inc.id && mark.variables.notified === "subjects"} onClick={() => onMark(inc.id, "subjects", inc.title)}>{i18n.markSubjects}</Button>}
            </div>
            <details>
              <summary className="cursor-pointer text-muted-foreground">{i18n.notice}</summary>
              <pre className="mt-2 whitespace-pre-wrap rounded-md bg-muted p-2 font-sans text-xs" data-testid="incident-notice">{inc.notice}</pre>
            </details>
          </article>
        ))}
      </CardContent>
      {creating ? <IncidentDialog onOpenChange={setCreating} onSaved={() => void qc.invalidateQueries()} /> : null}
    </Card>
  );
}
