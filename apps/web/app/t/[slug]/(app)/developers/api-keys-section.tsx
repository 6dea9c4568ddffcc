"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { AlertDialog } from "@vendaflow/ui/alert-dialog";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import { KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { brDateTime } from "@/lib/dates";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { CreateKeyDialog } from "./create-key-dialog";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, developers: developersText };

const k = t.developers.keys;

export function ApiKeysSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string; prefix: string } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });

  const confirmRevoke = async () => {
    if (!revoking) return;
    try {
      await revoke.mutateAsync({ id: revoking.id });
      toast.success(k.revokedDone);
      setRevoking(null);
      await refresh();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  const createButton = <Button onClick={() => setCreating(true)} data-testid="new-api-key"><Plus aria-hidden="true" />{k.create}</Button>;
  return (
    <section className="space-y-4" aria-labelledby="api-keys-title" data-testid="api-keys">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="api-keys-title" className="text-lg font-semibold">{k.title}</h2>
          <p className="text-sm text-muted-foreground">{k.description}</p>
        </div>
        {createButton}
      </div>
      {keys.isLoading ? <Skeleton className="h-32" aria-busy="true" aria-label={t.common.loading} /> : null}
      {keys.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => keys.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {keys.data && keys.data.length === 0 ? <EmptyState icon={<KeyRound />} title={k.empty} /> : null}
      {keys.data && keys.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{k.columns.name}</TableHead>
              <TableHead>{k.columns.prefix}</TableHead>
              <TableHead>{k.columns.scopes}</TableHead>
              <TableHead>{k.columns.created}</TableHead>
              <TableHead>{k.columns.lastUsed}</TableHead>
              <TableHead>{k.columns.status}</TableHead>
              <TableHead><span className="sr-only">{t.common.actions}</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {keys.data.map((key) => (
              <TableRow key={key.id} data-testid="api-key-row" data-name={key.name} data-revoked={key.revoked_at ? "true" : "false"}>
                <TableCell className="font-medium">{key.name}</TableCell>
                <TableCell><code className="text-xs" data-testid="api-key-prefix">{key.prefix}…</code></TableCell>
                <TableCell>
                  <div className="flex max-w-xs flex-wrap gap-1">{key.scopes.map((s) => <Badge key={s} variant="outline" className="font-mono text-[11px]">{s}</Badge>)}</div>
                </TableCell>
                <TableCell className="whitespace-nowrap">{brDateTime(key.created_at)}</TableCell>
                <TableCell className="text-sm">{key.last_used_at ? k.usedFrom(brDateTime(key.last_used_at), key.last_used_ip) : <span className="text-muted-foreground">{t.developers.never}</span>}</TableCell>
                <TableCell>
                  {key.revoked_at ? <Badge variant="secondary" title={k.revokedAt(brDateTime(key.revoked_at))}>{k.revoked}</Badge> : <Badge variant="success">{k.active}</Badge>}
                </TableCell>
                <TableCell className="text-right">
                  {key.revoked_at ? null : (
                    <Button size="sm" variant="outline" aria-label={k.revokeLabel(key.name)} onClick={() => setRevoking({ id: key.id, name: key.name, prefix: key.prefix })}>{k.revoke}</Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {creating ? <CreateKeyDialog onOpenChange={setCreating} onCreated={refresh} /> : null}
      <AlertDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={k.revokeTitle}
        description={revoking ? k.revokeText(revoking.name, revoking.prefix) : null}
        actionLabel={k.revoke}
        cancelLabel={t.common.cancel}
        onAction={confirmRevoke}
        pending={revoke.isPending}
      />
    </section>
  );
}
