"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { Plus, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { brShortDateTime } from "@/lib/dates";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, flows: flowsText };


export function FlowsList() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const flows = useQuery(trpc.flows.list.queryOptions());
  // A new flow starts as a draft copy of the BANT template, then opens in the editor.
  const create = useMutation(
    trpc.flows.saveDraft.mutationOptions({
      onSuccess: (r) => {
        qc.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${r.flowKey}`);
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const newFlow = () => create.mutate({ flowKey: null, definition: { ...structuredClone(defaultBantFlow), name: t.flows.newFlowName } });

  return (
    <div className="space-y-6">
      <PageHeader
        title={t.flows.title}
        description={t.flows.description}
        actions={<Button onClick={newFlow} loading={create.isPending} data-testid="new-flow"><Plus />{t.flows.newFlow}</Button>}
      />
      {flows.isLoading ? (
        <div className="space-y-2" role="status" aria-busy="true" aria-label={t.common.loading}>
          {[0, 1, 2].map((i) => <Skeleton key={i} className="h-12" />)}
        </div>
      ) : null}
      {flows.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => flows.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {flows.data && flows.data.length === 0 ? <EmptyState icon={<Workflow />} title={t.flows.empty} description={t.flows.emptyHint} /> : null}
      {flows.data && flows.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t.flows.columns.name}</TableHead>
              <TableHead>{t.flows.columns.version}</TableHead>
              <TableHead>{t.flows.columns.status}</TableHead>
              <TableHead className="hidden md:table-cell">{t.flows.columns.updated}</TableHead>
              <TableHead><span className="sr-only">{t.common.actions}</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {flows.data.map((f) => (
              <TableRow key={f.flowKey} data-testid="flow-row" data-flow-key={f.flowKey}>
                <TableCell className="font-medium">
                  <Link href={`/flows/${f.flowKey}`} className="hover:underline">{f.name}</Link>
                  {f.isDefault ? <Badge variant="secondary" className="ml-2">{t.flows.defaultBadge}</Badge> : null}
                </TableCell>
                <TableCell>{f.version ? t.flows.version(f.version) : <span className="text-muted-foreground">{t.flows.neverPublished}</span>}</TableCell>
                <TableCell className="space-x-1">
                  {f.version ? <Badge variant="success">{t.flows.publishedBadge}</Badge> : null}
                  {f.hasDraft ? <Badge variant="warning" data-testid="draft-badge">{t.flows.draftBadge}</Badge> : null}
                </TableCell>
                <TableCell className="hidden text-muted-foreground md:table-cell">{brShortDateTime(f.updatedAt)}</TableCell>
                <TableCell className="text-right">
                  <Button asChild size="sm" variant="outline"><Link href={`/flows/${f.flowKey}`}>{t.flows.edit}</Link></Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </div>
  );
}
