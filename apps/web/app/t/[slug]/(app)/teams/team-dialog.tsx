"use client";
import { useMutation } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import type { Distribution, LeadTier, TierSla } from "@vendaflow/validators/routing";
import { ArrowDown, ArrowUp, Plus, X } from "lucide-react";
import { useState } from "react";
import { teams as teamsText } from "@/lib/i18n/pt-br/teams";
import { useTRPC } from "@/lib/trpc/client";
import { unplacedErrors } from "@/lib/trpc/errors";
import { useSubmitErrors } from "@/components/use-submit-errors";
import { distributionOf, distributions, leadTiers, slaOf, type AgentView, type TeamView } from "./model";
import { FormActions } from "@/components/form-actions";
import { FormErrorAlert } from "@/components/form-error-alert";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { teams: teamsText };

type SlaText = Record<LeadTier, string>;

const slaText = (sla: TierSla): SlaText => ({ hot: sla.hot?.toString() ?? "", warm: sla.warm?.toString() ?? "", cold: sla.cold?.toString() ?? "" });

/** Blank = the tier's default; anything else goes to the server as a number (NaN gets its pt-BR message). */
function slaInput(text: SlaText): TierSla {
  const out: TierSla = {};
  for (const tier of leadTiers) if (text[tier].trim() !== "") out[tier] = Number(text[tier]);
  return out;
}

export function TeamDialog({ team, agents, onOpenChange, onSaved }: { team: TeamView | null; agents: AgentView[]; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const [name, setName] = useState(team?.name ?? "");
  const [distribution, setDistribution] = useState<Distribution>(team ? distributionOf(team.distribution) : "round_robin");
  const [sla, setSla] = useState<SlaText>(slaText(team ? slaOf(team) : {}));
  const [members, setMembers] = useState<string[]>(team?.memberIds ?? []);
  const [pick, setPick] = useState("");
  const { errors, formError, submit } = useSubmitErrors();
  const save = useMutation(trpc.routing.saveTeam.mutationOptions());

  const nameOf = (id: string) => {
    const a = agents.find((x) => x.id === id);
    return a ? a.name || a.email : "…";
  };
  const available = agents.filter((a) => !members.includes(a.id));
  const move = (i: number, by: -1 | 1) =>
    setMembers((m) => {
      const next = [...m];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });
  const add = () => {
    if (!pick) return;
    setMembers((m) => (m.includes(pick) ? m : [...m, pick]));
    setPick("");
  };

  const onSubmit = submit(async () => {
    await save.mutateAsync({ id: team?.id ?? null, name, distribution, slaMinutes: slaInput(sla), memberIds: members });
    toast.success(t.teams.saved);
    onSaved();
    onOpenChange(false);
  });

  const memberError = Object.entries(errors).find(([k]) => k === "memberIds" || k.startsWith("memberIds."))?.[1];
  const leftover = unplacedErrors(errors, (k) => ["name", "distribution"].includes(k) || k.startsWith("slaMinutes.") || k === "memberIds" || k.startsWith("memberIds."));

  return (
    <Dialog open onOpenChange={onOpenChange} title={team ? t.teams.editTitle : t.teams.createTitle} description={team?.name} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField label={t.teams.form.name} error={errors.name} required>
            <Input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t.teams.form.namePlaceholder} autoComplete="off" />
          </FormField>
          <FormField label={t.teams.form.distribution} error={errors.distribution} description={t.teams.distributionHints[distribution]}>
            <Select name="distribution" value={distribution} onChange={(e) => setDistribution(e.target.value as Distribution)}>
              {distributions.map((d) => <SelectOption key={d} value={d}>{t.teams.distributions[d]}</SelectOption>)}
            </Select>
          </FormField>
        </div>

        <fieldset className="space-y-3 rounded-lg border p-3">
          <legend className="px-1 text-sm font-medium">{t.teams.form.sla}</legend>
          <p className="text-xs text-muted-foreground">{t.teams.form.slaHint}</p>
          <div className="grid gap-3 sm:grid-cols-3">
            {leadTiers.map((tier) => (
              <FormField key={tier} label={t.teams.tiers[tier]} error={errors[`slaMinutes.${tier}`]}>
                <Input
                  name={`sla-${tier}`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={43200}
                  step={1}
                  value={sla[tier]}
                  placeholder={t.teams.form.slaPlaceholder(t.teams.tierDefaults[tier])}
                  onChange={(e) => setSla((s) => ({ ...s, [tier]: e.target.value }))}
                />
              </FormField>
            ))}
          </div>
        </fieldset>

        <fieldset className="space-y-3 rounded-lg border p-3" aria-describedby="team-members-hint">
          <legend className="px-1 text-sm font-medium">{t.teams.form.members}</legend>
          <p id="team-members-hint" className="text-xs text-muted-foreground">{t.teams.form.membersHint}</p>
          {members.length === 0 ? <p className="text-sm text-muted-foreground">{t.teams.form.noMembers}</p> : null}
          <ol className="space-y-1" data-testid="team-members">
            {members.map((id, i) => (
              <li key={id} className="flex items-center gap-2 rounded-md border px-2 py-1 text-sm">
                <span className="w-6 text-right text-muted-foreground tabular-nums">{i + 1}.</span>
                <span className="flex-1 truncate">{nameOf(id)}</span>
                <Button type="button" size="icon" variant="ghost" className="size-7" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t.teams.form.moveUp(nameOf(id))}><ArrowUp aria-hidden="true" /></Button>
                <Button type="button" size="icon" variant="ghost" className="size-7" disabled={i === members.length - 1} onClick={() => move(i, 1)} aria-label={t.teams.form.moveDown(nameOf(id))}><ArrowDown aria-hidden="true" /></Button>
                <Button type="button" size="icon" variant="ghost" className="size-7" onClick={() => setMembers((m) => m.filter((x) => x !== id))} aria-label={t.teams.form.remove(nameOf(id))}><X aria-hidden="true" /></Button>
              </li>
            ))}
          </ol>
          {available.length > 0 ? (
            <div className="flex gap-2">
              <Select aria-label={t.teams.form.addMember} value={pick} onChange={(e) => setPick(e.target.value)} placeholder={t.teams.form.pickMember}>
                {available.map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
              </Select>
              <Button type="button" variant="outline" onClick={add} disabled={!pick}><Plus aria-hidden="true" />{t.teams.form.addMember}</Button>
            </div>
          ) : (
            <p className="text-xs text-muted-foreground">{t.teams.form.allAdded}</p>
          )}
          {memberError ? <p className="text-sm font-medium text-destructive" role="alert">{memberError}</p> : null}
        </fieldset>

        <FormErrorAlert formError={formError} unplaced={leftover} />
        <FormActions onCancel={() => onOpenChange(false)} submitLabel={t.teams.form.submit} pending={save.isPending} />
      </form>
    </Dialog>
  );
}
