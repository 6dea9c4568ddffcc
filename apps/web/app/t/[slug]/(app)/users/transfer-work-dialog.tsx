"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { users as usersText } from "@/lib/i18n/pt-br/workspace-users";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, users: usersText };

export interface WorkPerson {
  id: string;
  name: string | null;
  email: string;
  role: string;
  is_active: boolean;
  openConversations: number | null;
}

export interface WorkResult {
  deals: number;
  activities: number;
  released?: number;
  reassigned?: number;
}

/**
 * Deactivating someone ("deactivate") or moving the work of someone already deactivated
 * ("transfer"): shows their open deals and pending activities and, when there are any, asks where
 * they go: to an active admin or agent (viewers own no deals), or nowhere. Loaded on demand (users-table).
 */
export default function TransferWorkDialog({
  person,
  mode,
  people,
  onClose,
  onDone,
}: {
  person: WorkPerson;
  mode: "deactivate" | "transfer";
  people: WorkPerson[];
  onClose: () => void;
  onDone: (result: WorkResult) => void;
}) {
  const trpc = useTRPC();
  // Counted afresh each time the dialog opens (never a previous opening's counts: the work may have moved since).
  const work = useQuery({ ...trpc.users.openWork.queryOptions({ userId: person.id }), staleTime: 0, gcTime: 0 });
  const [choice, setChoice] = useState<"transfer" | "none" | null>(null);
  const [target, setTarget] = useState("");
  const [error, setError] = useState<string | null>(null);
  const deactivate = useMutation(trpc.users.deactivate.mutationOptions({ onSuccess: onDone, onError: (e) => setError(errorMessage(e)) }));
  const transfer = useMutation(trpc.users.transferWork.mutationOptions({ onSuccess: onDone, onError: (e) => setError(errorMessage(e)) }));
  const pending = deactivate.isPending || transfer.isPending;
  const targets = people.filter((p) => p.is_active && p.role !== "viewer" && p.id !== person.id);
  const holds = work.data ? work.data.deals + work.data.activities > 0 : false;
  const name = person.name || person.email;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!work.data) return;
    if (holds && (choice === null || (choice === "transfer" && !target))) return setError(t.users.chooseWork);
    const transferTo = !holds ? undefined : choice === "transfer" ? target : null;
    if (mode === "deactivate") deactivate.mutate({ userId: person.id, ...(transferTo === undefined ? {} : { transferTo }) });
    else transfer.mutate({ userId: person.id, transferTo: transferTo ?? null });
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={mode === "deactivate" ? t.users.deactivateTitle(name) : t.users.transferTitle(name)}
      description={mode === "deactivate" ? t.users.confirmDeactivate(person.openConversations) : undefined}
    >
      <form onSubmit={submit} className="space-y-4" noValidate data-testid="transfer-work">
        {work.isLoading ? <Skeleton className="h-16" /> : null}
        {work.error ? (
          <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button type="button" variant="link" onClick={() => work.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
        ) : null}
        {work.data ? <p className="text-sm" data-testid="open-work">{holds ? t.users.holds(work.data.deals, work.data.activities) : t.users.holdsNothing}</p> : null}
        {holds ? (
          <fieldset className="space-y-2">
            <legend className="mb-1 text-sm font-medium">{t.users.workChoice}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="work" value="transfer" checked={choice === "transfer"} disabled={!targets.length} onChange={() => setChoice("transfer")} />
              {t.users.transferTo}
            </label>
            {choice === "transfer" ? (
              <FormField label={t.users.transferTarget} required>
                <Select value={target} onChange={(e) => setTarget(e.target.value)}>
                  <SelectOption value="">{t.users.pickTarget}</SelectOption>
                  {targets.map((p) => <SelectOption key={p.id} value={p.id}>{p.name || p.email}</SelectOption>)}
                </Select>
              </FormField>
            ) : null}
            {!targets.length ? <p className="text-sm text-muted-foreground">{t.users.noTargets}</p> : null}
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name="work" value="none" checked={choice === "none"} onChange={() => setChoice("none")} />
              {t.users.leaveUnowned}
            </label>
          </fieldset>
        ) : null}
        {error ? <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button type="button" variant="outline" onClick={onClose}>{t.common.cancel}</Button>
          <Button type="submit" variant={mode === "deactivate" ? "destructive" : "default"} loading={pending} disabled={!work.data || (mode === "transfer" && !holds)}>
            {mode === "deactivate" ? t.users.deactivate : t.users.transferWork}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
