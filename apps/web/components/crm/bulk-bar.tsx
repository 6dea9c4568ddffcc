"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { BulkAction, BulkEntity } from "@vendaflow/validators/crm-bulk";
import { useState } from "react";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { crmBulk, crmSelection } from "@/lib/i18n/pt-br/crm-bulk";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { useConfirm } from "@/components/confirm";
import type { Selection } from "./selection";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmCommon, crmBulk, crmLists: crmSelection };

type Kind = BulkAction["type"];
const kindsOf: Record<BulkEntity, Kind[]> = { company: ["assign", "tag", "delete"], contact: ["assign", "tag", "delete"], deal: ["assign", "tag", "move", "delete"], lead: ["tag", "move"] };

/** The list's current filter and how many rows are loaded: with every loaded row ticked, the bar offers "all matching". */
export interface BulkMatching {
  filter: Record<string, unknown>;
  loaded: number;
}

/**
 * The toolbar over a table with a selection: one action (assign, tag, move stage, delete) applied
 * to every selected record by one call, all or nothing. `stages` are the deal pipeline's or the
 * lead stages, for "move". With `matching`, once every loaded row is ticked the user may extend
 * the selection to every record the filter matches: the server counts them (N), the user confirms
 * N, and the server applies the action to them in one transaction (refusing if N changed).
 */
export function BulkBar({ entity, selection, stages, onDone, matching }: { entity: BulkEntity; selection: Selection; stages?: { value: string; label: string }[]; onDone: () => void; matching?: BulkMatching }) {
  const confirm = useConfirm();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const filterKey = JSON.stringify(matching?.filter ?? null);
  const [all, setAll] = useState<{ count: number; filterKey: string } | null>(null);
  const [counting, setCounting] = useState(false);
  const kinds = kindsOf[entity].filter((k) => k !== "move" || stages?.length);
  const [kind, setKind] = useState<Kind>(kinds[0]!);
  const [ownerId, setOwnerId] = useState("");
  const [tag, setTag] = useState("");
  const [stage, setStage] = useState("");
  const agents = useQuery({ ...trpc.routing.agents.queryOptions(), enabled: kinds.includes("assign") });
  const bulk = useMutation(trpc.crmLists.bulk.mutationOptions());
  const b = t.crmBulk;
  // Unticking a row or changing the filter leaves "all matching".
  const allOn = all !== null && all.filterKey === filterKey && !!matching && selection.ids.size >= matching.loaded;
  const n = allOn ? all.count : selection.ids.size;
  if (selection.ids.size === 0) return null;
  const canSelectAll = !!matching && !allOn && matching.loaded > 0 && selection.ids.size >= matching.loaded;
  const clear = () => {
    setAll(null);
    selection.clear();
  };
  const selectAll = async () => {
    if (!matching) return;
    setCounting(true);
    try {
      const res = await qc.fetchQuery({ ...trpc.crmLists.matching.queryOptions({ entity, filter: matching.filter }), staleTime: 0 });
      if (res.more) toast.error(b.tooMany(res.max));
      else if (res.count > 0) setAll({ count: res.count, filterKey });
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setCounting(false);
    }
  };

  const action = (): BulkAction | null => {
    if (kind === "assign") return { type: "assign", ownerId: ownerId || null };
    if (kind === "tag") return tag.trim() ? { type: "tag", tag } : null;
    if (kind === "move") return stage ? (entity === "lead" ? { type: "move", leadStage: stage as "new" } : { type: "move", stageId: stage }) : null;
    return { type: "delete" };
  };
  const apply = async () => {
    const a = action();
    if (!a) return;
    if (allOn) {
      if (!(await confirm({ title: b.confirmAll(b[a.type], all.count), actionLabel: b.apply, destructive: a.type === "delete" }))) return;
    } else if (a.type === "delete" && !(await confirm({ title: b.confirmDelete(n), actionLabel: b.delete }))) return;
    try {
      const res = await bulk.mutateAsync(allOn ? { entity, all: { filter: matching!.filter, count: all.count }, action: a } : { entity, ids: [...selection.ids], action: a });
      toast.success(a.type === "delete" ? b.deleted(res.count) : b.done(res.count));
      clear();
      setTag("");
      onDone();
    } catch (err) {
      toast.error(errorMessage(err));
    }
  };

  return (
    <div role="toolbar" aria-label={b.label} data-testid="bulk-bar" className="flex flex-wrap items-center gap-2 rounded-lg border bg-muted/40 p-2">
      <span className="px-1 text-sm font-medium" aria-live="polite" data-testid="bulk-count">{allOn ? b.allMatching(n) : t.crmLists.selected(n)}</span>
      {canSelectAll ? <Button size="sm" variant="link" onClick={selectAll} loading={counting} data-testid="bulk-select-all">{b.selectAllMatching}</Button> : null}
      <Select aria-label={b.label} value={kind} onChange={(e) => setKind(e.target.value as Kind)} wrapperClassName="w-40">
        {kinds.map((k) => <SelectOption key={k} value={k}>{b[k]}</SelectOption>)}
      </Select>
      {kind === "assign" ? (
        <Select aria-label={b.assignTo} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} wrapperClassName="w-48">
          <SelectOption value="">{t.crm.noOwner}</SelectOption>
          {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
        </Select>
      ) : null}
      {kind === "tag" ? <Input aria-label={b.tag} placeholder={b.tagPlaceholder} value={tag} maxLength={50} onChange={(e) => setTag(e.target.value)} className="w-40" /> : null}
      {kind === "move" ? (
        <Select aria-label={b.moveTo} value={stage} onChange={(e) => setStage(e.target.value)} wrapperClassName="w-48">
          <SelectOption value="">{b.moveTo}</SelectOption>
          {(stages ?? []).map((s) => <SelectOption key={s.value} value={s.value}>{s.label}</SelectOption>)}
        </Select>
      ) : null}
      <Button size="sm" variant={kind === "delete" ? "destructive" : "default"} onClick={apply} loading={bulk.isPending} disabled={!action()}>{kind === "delete" ? b.delete : b.apply}</Button>
      <Button size="sm" variant="ghost" onClick={clear}>{t.crmLists.clearSelection}</Button>
    </div>
  );
}
