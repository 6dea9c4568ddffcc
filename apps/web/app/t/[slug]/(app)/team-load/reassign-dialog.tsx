"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import { useState, type FormEvent } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { teamLoad as teamLoadText } from "@/lib/i18n/pt-br/team-load";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, teamLoad: teamLoadText };
const m = t.teamLoad.reassign;

/**
 * An admin moves all of one person's pending and open conversations at once (routing.reassignHeld):
 * to an online agent, or back to the queue to be routed again. Choosing and pressing "Mover N
 * conversas" is the confirmation; the count shown is sent as `expected`, so a changed load is refused.
 */
export function ReassignDialog({
  from,
  targets,
  onOpenChange,
  onDone,
}: {
  from: { userId: string; name: string; open: number };
  /** Online agents other than `from`. */
  targets: { userId: string; name: string }[];
  onOpenChange: (open: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const move = useMutation(trpc.routing.reassignHeld.mutationOptions());
  const [to, setTo] = useState("");
  const [error, setError] = useState<string | null>(null);
  const target = targets.find((x) => x.userId === to);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await move.mutateAsync({ fromUserId: from.userId, toUserId: to || null, expected: from.open });
      toast.success(target ? m.movedTo(res.moved, target.name) : m.movedToQueue(res.moved, res.assigned));
      onDone();
      onOpenChange(false);
    } catch (err) {
      setError(errorMessage(err));
      // The load changed (or an agent went offline): show what is true now.
      onDone();
    }
  };

  return (
    <Dialog open onOpenChange={onOpenChange} title={m.title(from.name)} description={m.description(from.open)}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="reassign-form">
        <FormField label={m.to}>
          <Select name="to" value={to} onChange={(e) => setTo(e.target.value)}>
            <SelectOption value="">{m.queue}</SelectOption>
            {targets.map((x) => <SelectOption key={x.userId} value={x.userId}>{x.name}</SelectOption>)}
          </Select>
        </FormField>
        <p className="text-sm text-muted-foreground">{target ? m.summaryTo(from.open, from.name, target.name) : m.summaryQueue(from.open, from.name)}</p>
        {error ? <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert> : null}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>{t.common.cancel}</Button>
          <Button type="submit" loading={move.isPending}>{m.submit(from.open)}</Button>
        </div>
      </form>
    </Dialog>
  );
}
