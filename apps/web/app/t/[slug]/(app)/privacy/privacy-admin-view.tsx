"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { requestStatuses } from "@vendaflow/validators/plain/privacy";
import type { RequestStatus, RequestView } from "@vendaflow/validators/privacy";
import { ShieldCheck } from "lucide-react";
import { useState } from "react";
import { ListEmpty } from "@/components/list-empty";
import { DialogLoading, onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { IncidentsCard } from "./incidents-card";
import { PrivacySettingsCard } from "./privacy-settings-card";
import { RecordsCard } from "./records-card";
import { RetentionCard } from "./retention-card";
import { brDay } from "@/lib/dates";
import { PRIVACY_QUEUE_LIMIT } from "@vendaflow/validators/plain/privacy";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: privacyText };

const a = t.privacy.admin;
// Opens on a row's "Atender" only: its code comes with the first one.
const RequestDialog = onDemand(() => import("./request-dialog").then((m) => m.RequestDialog), DialogLoading);
const statusVariant = (s: RequestStatus) => (s === "fulfilled" ? "success" : s === "rejected" || s === "expired" ? "secondary" : "default");

export function PrivacyAdminView() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [status, setStatus] = useState<RequestStatus | "">("");
  const [acting, setActing] = useState<RequestView | null>(null);
  const list = useQuery(trpc.privacy.requests.queryOptions({ status: status || null }));

  return (
    <div className="space-y-6">
      <PageHeader title={a.title} description={a.description} actions={<Button asChild variant="outline"><a href="/privacidade" target="_blank" rel="noreferrer">{a.publicLink}</a></Button>} />
      <Card>
        {/* On a phone the filter takes a line of its own: beside the title it shrank and cut "Em aberto e encerrados". */}
        <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-3">
          <CardTitle>{a.queueTitle}</CardTitle>
          <Select aria-label={a.status} value={status} onChange={(e) => setStatus(e.target.value as RequestStatus | "")} wrapperClassName="w-full sm:w-56">
            <SelectOption value="">{a.filterAll}</SelectOption>
            {requestStatuses.map((s) => <SelectOption key={s} value={s}>{t.privacy.statuses[s]}</SelectOption>)}
          </Select>
        </CardHeader>
        <CardContent>
          {list.isLoading ? <Skeleton className="h-32" /> : null}
          {list.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(list.error)} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert> : null}
          {list.data && list.data.length === 0 ? <ListEmpty filtered={status !== ""} onClear={() => setStatus("")} icon={<ShieldCheck />} title={a.queueEmpty} /> : null}
          {list.data && list.data.length > 0 ? (
            <Table data-testid="privacy-requests">
              <TableHeader>
                <TableRow>
                  <TableHead>{a.protocol}</TableHead>
                  <TableHead>{a.kind}</TableHead>
                  <TableHead>{a.requester}</TableHead>
                  <TableHead>{a.status}</TableHead>
                  <TableHead>{a.due}</TableHead>
                  <TableHead><span className="sr-only">{a.act}</span></TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.map((r) => (
                  <TableRow key={r.id} data-testid="privacy-request-row" data-protocol={r.protocol}>
                    <TableCell className="font-mono text-xs">{r.protocol}</TableCell>
                    <TableCell>{t.privacy.kinds[r.kind]}</TableCell>
                    <TableCell>
                      <div>{r.requesterName}</div>
                      <div className="text-xs text-muted-foreground">{[r.requesterEmail, r.requesterWhatsapp, r.channel === "whatsapp" ? a.viaWhatsapp : null].filter(Boolean).join(" · ")}{r.leadId || r.contactId ? "" : ` · ${a.noSubject}`}</div>
                      {r.outcome.kept?.length ? <div className="text-xs text-muted-foreground" data-testid="privacy-kept">{a.kept}: {r.outcome.kept.map((k) => k.reason).join("; ")}</div> : null}
                    </TableCell>
                    <TableCell><Badge variant={statusVariant(r.status)}>{t.privacy.statuses[r.status]}</Badge></TableCell>
                    <TableCell>
                      {r.dueDate ? brDay(r.dueDate) : "—"}
                      {r.businessDaysLeft !== null ? <div className={r.businessDaysLeft <= 3 ? "text-xs text-destructive" : "text-xs text-muted-foreground"}>{a.daysLeft(r.businessDaysLeft)}</div> : null}
                    </TableCell>
                    <TableCell className="text-right">
                      {r.status === "open" || r.status === "in_progress" ? <Button size="sm" variant="outline" onClick={() => setActing(r)}>{a.act}</Button> : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
          {list.data && list.data.length >= PRIVACY_QUEUE_LIMIT ? <p className="mt-2 text-xs text-muted-foreground" data-testid="privacy-queue-capped">{a.queueCapped(list.data.length)}</p> : null}
        </CardContent>
      </Card>
      <IncidentsCard />
      <PrivacySettingsCard />
      <RetentionCard />
      <RecordsCard />
      {acting ? <RequestDialog request={acting} onOpenChange={(o) => !o && setActing(null)} onSaved={() => void qc.invalidateQueries()} /> : null}
    </div>
  );
}
