"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { DialogLoading, onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { useTRPC } from "@/lib/trpc/client";
import type { Origins } from "./urls";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, inboxes: inboxesText };

// Neither is in the route's first load (200 KB gzipped budget). The cards' code is fetched on mount,
// beside the list's query, and the skeleton stands in until both are. The create dialog (its form,
// Embedded Signup and the Facebook SDK hook) is fetched when the button is pointed at or focused,
// or by its click, which shows DialogLoading meanwhile.
const loadList = () => import("./inbox-list").then((m) => m.InboxList);
const InboxList = onDemand(loadList, () => <ListLoading />);
const loadCreateDialog = () => import("./create-inbox-dialog").then((m) => m.CreateInboxDialog);
const CreateInboxDialog = onDemand(loadCreateDialog, DialogLoading);

function ListLoading() {
  return (
    <div className="space-y-4" role="status" aria-busy="true" aria-label={t.common.loading}>
      <Skeleton className="h-40" />
      <Skeleton className="h-40" />
    </div>
  );
}

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
  useEffect(() => {
    // Fetches the cards' code while the query runs (the module system keeps it for onDemand's render).
    void loadList();
  }, []);
  const prefetchCreate = () => void loadCreateDialog();
  const createButton = canManage ? (
    <Button onClick={() => openCreate()} onPointerEnter={prefetchCreate} onFocus={prefetchCreate}><Plus aria-hidden="true" />{t.inboxes.create}</Button>
  ) : null;

  return (
    <div className="space-y-6">
      <PageHeader title={t.inboxes.title} description={t.inboxes.description} actions={createButton} />
      {!canManage ? <p className="text-sm text-muted-foreground">{t.common.readOnly}</p> : null}
      {inboxes.isLoading ? <ListLoading /> : null}
      {inboxes.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => inboxes.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {inboxes.data && inboxes.data.length === 0 ? (
        <EmptyState title={t.inboxes.empty} description={canManage ? t.inboxes.emptyHint : t.inboxes.emptyReadOnly} action={createButton} />
      ) : null}
      {inboxes.data && inboxes.data.length > 0 ? <InboxList inboxes={inboxes.data} canManage={canManage} origins={origins} onChanged={refresh} onReconnect={(inbox) => openCreate({ name: inbox.name })} /> : null}
      {canManage && createOpen ? <CreateInboxDialog open={createOpen} onOpenChange={setCreateOpen} onCreated={refresh} origins={origins} reconnect={reconnect} /> : null}
    </div>
  );
}
