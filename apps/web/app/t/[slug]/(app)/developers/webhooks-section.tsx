"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { AlertDialog } from "@vendaflow/ui/alert-dialog";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import type { WebhookEventType } from "@vendaflow/validators/outbound-webhooks";
import { Plus, Webhook } from "lucide-react";
import { useState } from "react";
import { brDateTime } from "@/lib/dates";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { CopyField } from "./copy-field";
import { DeliveryLog } from "./delivery-log";
import { WebhookDialog, type WebhookDraft } from "./webhook-dialog";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, developers: developersText };

const h = t.developers.hooks;

/** The signing secret, read (and audited) only while this dialog is open; "Gerar novo segredo" rotates it. */
function SecretDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const secret = useQuery({ ...trpc.webhooks.secret.queryOptions({ id }), staleTime: 0, gcTime: 0, retry: false });
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions());
  const revoke = useMutation(trpc.webhooks.revokePreviousSecret.mutationOptions());
  const [confirming, setConfirming] = useState<"rotate" | "revoke" | null>(null);
  const [rotated, setRotated] = useState<{ secret: string; previousExpiresAt: Date | null } | null>(null);
  const shown = rotated?.secret ?? secret.data?.secret ?? null;
  const previousUntil = rotated ? rotated.previousExpiresAt : (secret.data?.previousExpiresAt ?? null);
  const confirmRotate = async () => {
    try {
      const r = await rotate.mutateAsync({ id });
      setRotated({ secret: r.secret, previousExpiresAt: r.previousExpiresAt ? new Date(r.previousExpiresAt) : null });
      setConfirming(null);
      toast.success(h.rotated);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  const confirmRevoke = async () => {
    try {
      await revoke.mutateAsync({ id });
      setRotated((r) => ({ secret: r?.secret ?? secret.data?.secret ?? "", previousExpiresAt: null }));
      setConfirming(null);
      toast.success(h.previousRevoked);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  return (
    <>
      <Dialog open={confirming === null} onOpenChange={(open) => !open && onClose()} title={h.secretTitle} description={h.secretText}>
        {secret.isLoading && !rotated ? <Skeleton className="h-9" aria-busy="true" aria-label={t.common.loading} /> : null}
        {secret.error && !rotated ? <Alert variant="destructive"><AlertDescription>{errorMessage(secret.error)}</AlertDescription></Alert> : null}
        {shown ? <CopyField value={shown} label={h.secretTitle} testId="webhook-secret" /> : null}
        {rotated ? <Alert><AlertDescription>{h.rotatedText}</AlertDescription></Alert> : null}
        {previousUntil ? <Alert><AlertDescription>{h.previousValid(brDateTime(new Date(previousUntil)))}</AlertDescription></Alert> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          {previousUntil ? <Button variant="outline" onClick={() => setConfirming("revoke")}>{h.revokePrevious}</Button> : null}
          <Button variant="outline" onClick={() => setConfirming("rotate")}>{h.rotate}</Button>
          <Button variant="outline" onClick={onClose}>{h.close}</Button>
        </div>
      </Dialog>
      <AlertDialog open={confirming === "rotate"} onOpenChange={(open) => !open && setConfirming(null)} title={h.rotateTitle} description={h.rotateText} actionLabel={h.rotate} cancelLabel={t.common.cancel} onAction={confirmRotate} pending={rotate.isPending} />
      <AlertDialog open={confirming === "revoke"} onOpenChange={(open) => !open && setConfirming(null)} title={h.revokePreviousTitle} description={h.revokePreviousText} actionLabel={h.revokePrevious} cancelLabel={t.common.cancel} onAction={confirmRevoke} pending={revoke.isPending} />
    </>
  );
}

export function WebhooksSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useQuery(trpc.webhooks.list.queryOptions());
  const update = useMutation(trpc.webhooks.update.mutationOptions());
  const remove = useMutation(trpc.webhooks.delete.mutationOptions());
  const [editing, setEditing] = useState<WebhookDraft | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [showSecret, setShowSecret] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: string; url: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });

  const setActive = async (x: { id: string; url: string; description: string; event_types: string[] }, isActive: boolean) => {
    try {
      await update.mutateAsync({ id: x.id, url: x.url, description: x.description, eventTypes: x.event_types as WebhookEventType[], isActive });
      toast.success(isActive ? h.enabled : h.disabled);
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };
  const confirmRemove = async () => {
    if (!removing) return;
    try {
      await remove.mutateAsync({ id: removing.id });
      toast.success(h.removed);
      setRemoving(null);
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  const createButton = <Button onClick={() => setEditing({ id: null, url: "", description: "", eventTypes: [], isActive: true })} data-testid="new-webhook"><Plus aria-hidden="true" />{h.create}</Button>;
  return (
    <section className="space-y-4" aria-labelledby="webhooks-title" data-testid="webhooks">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="webhooks-title" className="text-lg font-semibold">{h.title}</h2>
          <p className="text-sm text-muted-foreground">{h.description}</p>
        </div>
        {createButton}
      </div>
      {list.isLoading ? <Skeleton className="h-32" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {list.data && list.data.length === 0 ? <EmptyState icon={<Webhook />} title={h.empty} /> : null}
      <ul className="space-y-3">
        {(list.data ?? []).map((x) => (
          <li key={x.id} className="space-y-3 rounded-lg border p-4" data-testid="webhook" data-url={x.url} data-active={x.is_active ? "true" : "false"}>
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  <code className="break-all text-sm">{x.url}</code>
                  {x.is_active ? <Badge variant="success">{h.active}</Badge> : x.disabled_at ? <Badge variant="destructive">{h.autoDisabled}</Badge> : <Badge variant="secondary">{h.inactive}</Badge>}
                </p>
                {x.description ? <p className="text-sm text-muted-foreground">{x.description}</p> : null}
                <p className="text-xs text-muted-foreground">{x.event_types.map((e) => h.eventTypes[e as WebhookEventType] ?? e).join(" · ")}</p>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button size="sm" variant="outline" aria-expanded={open === x.id} onClick={() => setOpen(open === x.id ? null : x.id)}>{h.log}</Button>
                <Button size="sm" variant="outline" aria-label={h.editLabel(x.url)} onClick={() => setEditing({ id: x.id, url: x.url, description: x.description, eventTypes: x.event_types as WebhookEventType[], isActive: x.is_active })}>{h.edit}</Button>
                <Button size="sm" variant="outline" loading={update.isPending && update.variables?.id === x.id} onClick={() => setActive(x, !x.is_active)}>{x.is_active ? h.disable : h.enable}</Button>
                <Button size="sm" variant="outline" onClick={() => setShowSecret(x.id)}>{h.showSecret}</Button>
                <Button size="sm" variant="ghost" onClick={() => setRemoving({ id: x.id, url: x.url })}>{h.remove}</Button>
              </div>
            </div>
            {!x.is_active && x.disabled_at ? (
              <Alert variant="destructive" data-testid="webhook-disabled-reason">
                <AlertTitle>{h.disabledAt(brDateTime(x.disabled_at))}</AlertTitle>
                <AlertDescription>{x.disabled_reason} {h.reactivateHint}</AlertDescription>
              </Alert>
            ) : null}
            {open === x.id ? <DeliveryLog subscriptionId={x.id} canReplay={x.is_active} /> : null}
          </li>
        ))}
      </ul>
      {editing ? (
        <WebhookDialog
          key={editing.id ?? "new"}
          initial={editing}
          onOpenChange={(o) => !o && setEditing(null)}
          onSaved={(secret) => {
            setEditing(null);
            toast.success(h.saved);
            if (secret) setCreated(secret);
            void refresh();
          }}
        />
      ) : null}
      {created ? (
        <Dialog open onOpenChange={(o) => !o && setCreated(null)} title={h.secretTitle} description={h.secretCreatedText} closeOnBackdropClick={false}>
          <CopyField value={created} label={h.secretTitle} testId="webhook-secret" />
          <div className="flex justify-end"><Button onClick={() => setCreated(null)}>{h.close}</Button></div>
        </Dialog>
      ) : null}
      {showSecret ? <SecretDialog id={showSecret} onClose={() => setShowSecret(null)} /> : null}
      <AlertDialog
        open={removing !== null}
        onOpenChange={(o) => !o && setRemoving(null)}
        title={h.removeTitle}
        description={removing ? h.removeText(removing.url) : null}
        actionLabel={h.remove}
        cancelLabel={t.common.cancel}
        onAction={confirmRemove}
        pending={remove.isPending}
      />
    </section>
  );
}
