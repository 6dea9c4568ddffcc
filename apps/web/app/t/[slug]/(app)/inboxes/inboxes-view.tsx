"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Plus } from "lucide-react";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { useTRPC } from "@/lib/trpc/client";
import { CreateInboxDialog } from "./create-inbox-dialog";
import { InboxCard } from "./inbox-card";
import type { Origins } from "./urls";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, inboxes: inboxesText };

export function InboxesView({ canManage, ...origins }: { canManage: boolean } & Origins) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const inboxes = useQuery(trpc.inboxes.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.inboxes.list.queryKey() });
  const [createOpen, setCreateOpen] = useState(false);
  /** The inbox whose card asked to "Reconectar com a Meta": the dialog opens on WhatsApp with its name. */
  const [reconnect, setReconnect] = useState<{ name: string } | undefined>(undefined);
  const openCreate = (r?: { name: string }) => {
    setReconnect(r);
    setCreateOpen(true);
  };
  const createButton = canManage ? (
    <Button onClick={() => openCreate()}><Plus aria-hidden="true" />{t.inboxes.create}</Button>
  ) : null;

  return (
    <div className="space-y-6">
      <PageHeader title={t.inboxes.title} description={t.inboxes.description} actions={createButton} />
      {!canManage ? <p className="text-sm text-muted-foreground">{t.common.readOnly}</p> : null}
      {inboxes.isLoading ? (
        <div className="space-y-4" role="status" aria-busy="true" aria-label={t.common.loading}>
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      ) : null}
      {inboxes.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => inboxes.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {inboxes.data && inboxes.data.length === 0 ? (
        <EmptyState title={t.inboxes.empty} description={canManage ? t.inboxes.emptyHint : t.inboxes.emptyReadOnly} action={createButton} />
      ) : null}
      {inboxes.data && inboxes.data.length > 0 ? (
        <div className="space-y-4">
          {inboxes.data.map((inbox) => <InboxCard key={inbox.id} inbox={inbox} canManage={canManage} origins={origins} onChanged={refresh} onReconnect={() => openCreate({ name: inbox.name })} />)}
        </div>
      ) : null}
      {canManage && createOpen ? <CreateInboxDialog open={createOpen} onOpenChange={setCreateOpen} onCreated={refresh} origins={origins} reconnect={reconnect} /> : null}
    </div>
  );
}
