"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { Input } from "@vendaflow/ui/input";
import { Label } from "@vendaflow/ui/label";
import { useToast } from "@vendaflow/ui/toast";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { brDayOf } from "@/lib/dates";
import { crmLeads } from "@/lib/i18n/pt-br/crm-leads";
import { leadMerge as leadMergeText } from "@/lib/i18n/pt-br/lead-merge";
import { errorMessage } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const m = leadMergeText;
const sources = crmLeads.sources as Record<string, string>;

export interface MergeCandidate {
  id: string;
  name: string | null;
  email: string | null;
  source: string;
  created_at: string | Date;
}

/**
 * Merging two leads of one person (crm.leads.merge): the other lead is the flagged duplicate or one
 * found by name, e-mail or phone; the older one stays unless the user says otherwise; the summary
 * says what moves and that it cannot be undone. Loaded on demand: the lead page carries none of it.
 */
export function MergeLeadDialog({ lead, duplicate, onClose }: { lead: MergeCandidate; duplicate: MergeCandidate | null; onClose: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [other, setOther] = useState<MergeCandidate | null>(duplicate);
  const [q, setQ] = useState("");
  const [keepId, setKeepId] = useState<string | null>(null);
  const found = useQuery({ ...trpc.crm.leads.list.queryOptions({ q: q.trim(), limit: 6 }), enabled: !other && q.trim().length >= 2 });
  const choices = (found.data?.items ?? []).filter((x) => x.id !== lead.id).slice(0, 5);
  const older = other && new Date(other.created_at) < new Date(lead.created_at) ? other : lead;
  const kept = keepId === other?.id ? other : keepId === lead.id ? lead : older;
  const gone = kept === lead ? other : lead;
  const merge = useMutation(
    trpc.crm.leads.merge.mutationOptions({
      onSuccess: async (r) => {
        toast.success(m.done);
        await qc.invalidateQueries({ queryKey: trpc.crmLists.pathKey() });
        await qc.invalidateQueries({ queryKey: trpc.crm.leads.pathKey() });
        onClose();
        if (r.id !== lead.id) router.replace(`/leads/${r.id}`);
      },
    }),
  );
  const name = (x: MergeCandidate) => x.name ?? m.unnamed;

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && !merge.isPending && onClose()}
      title={m.title}
      description={m.description}
      contentClassName="max-w-lg"
      footer={
        <>
          <Button type="button" variant="outline" onClick={onClose} disabled={merge.isPending}>{m.cancel}</Button>
          <Button type="button" variant="destructive" disabled={!other || merge.isPending} onClick={() => other && gone && merge.mutate({ keepId: kept.id, mergeId: gone.id })} data-testid="merge-confirm">
            {merge.isPending ? m.merging : m.confirm}
          </Button>
        </>
      }
    >
      <div className="space-y-4 text-sm">
        {other ? (
          <div className="flex items-center justify-between gap-3 rounded-md border p-3">
            <div>
              <div className="text-muted-foreground">{m.picked}</div>
              <div className="font-medium" data-testid="merge-other">{name(other)}</div>
              {other.email ? <div className="text-muted-foreground">{other.email}</div> : null}
            </div>
            <Button type="button" size="sm" variant="outline" onClick={() => { setOther(null); setKeepId(null); }}>{m.change}</Button>
          </div>
        ) : (
          <div className="grid gap-1.5">
            <Label htmlFor="merge-find">{m.find}</Label>
            <Input id="merge-find" type="search" autoFocus value={q} maxLength={200} placeholder={m.findPlaceholder} onChange={(e) => setQ(e.target.value)} aria-describedby="merge-find-hint" />
            <p id="merge-find-hint" className="text-muted-foreground" aria-live="polite">
              {q.trim().length < 2 ? m.findHint : found.isPending ? m.searching : found.error ? errorMessage(found.error) : choices.length === 0 ? m.noneFound : null}
            </p>
            {choices.length ? (
              <ul className="divide-y rounded-md border">
                {choices.map((x) => (
                  <li key={x.id} className="flex items-center justify-between gap-3 px-3 py-2">
                    <span className="min-w-0 truncate">{x.name ?? m.unnamed}{x.email ? <span className="text-muted-foreground"> · {x.email}</span> : null}</span>
                    <Button type="button" size="sm" variant="outline" aria-label={m.pick(x.name ?? m.unnamed)} onClick={() => setOther({ id: x.id, name: x.name, email: x.email, source: x.source, created_at: x.created_at })}>
                      {m.choose}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
        {other ? (
          <fieldset className="space-y-2">
            <legend className="font-medium">{m.keepLegend}</legend>
            {[lead, other].map((x) => (
              <label key={x.id} className="flex items-start gap-2">
                <input type="radio" name="merge-keep" className="mt-1 size-4 accent-primary" checked={kept.id === x.id} onChange={() => setKeepId(x.id)} />
                <span>
                  {m.keepOption(name(x), brDayOf(x.created_at), sources[x.source] ?? x.source)}
                  {x === older ? <span className="text-muted-foreground"> ({m.older})</span> : null}
                </span>
              </label>
            ))}
          </fieldset>
        ) : null}
        {other && gone ? (
          <p data-testid="merge-summary">
            {m.summary(name(gone), name(kept))} <strong>{m.irreversible}</strong>
          </p>
        ) : null}
        {merge.error ? (
          <Alert variant="destructive" data-testid="merge-error">
            <AlertDescription>{errorMessage(merge.error)}</AlertDescription>
          </Alert>
        ) : null}
      </div>
    </Dialog>
  );
}
