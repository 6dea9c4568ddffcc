"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { PageHeader } from "@vendaflow/ui/page-header";
import { useToast } from "@vendaflow/ui/toast";
import { FLOW_ISSUE } from "@vendaflow/validators/plain/flow";
import type { Flow, FlowIssue } from "@vendaflow/validators/flow";
import { ArrowLeft, Plus } from "lucide-react";
import Link from "next/link";
import { useMemo, useState } from "react";
import { CardLoading, onDemand } from "@/components/loading";
import { useLeaveGuard } from "@/components/use-leave-guard";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { addStep, moveItem, removeStep, renameStep, toDefinition, updateStep, type Draft } from "./editor-model";
import { SettingsCard } from "./settings-card";
import { StepCard } from "./step-card";
import type { Checker } from "./flow-editor";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, flows: flowsText };

// The loaded editor: ./flow-editor fetches this module on demand, beside the flow's query.

/** Issues the server attached to a refused save or publish (details.issues). */
function serverIssues(err: unknown): FlowIssue[] {
  if (!(err instanceof TRPCClientError)) return [];
  const details = (err.data as { details?: { issues?: FlowIssue[] } | null } | undefined)?.details;
  return Array.isArray(details?.issues) ? details.issues : [];
}

// The simulator (the bot engine) loads after the editor's first paint.
const Simulator = onDemand(() => import("./simulator").then((m) => m.Simulator), () => <CardLoading className="h-96" />);

const fingerprint = (d: Draft | null) => (d ? JSON.stringify(toDefinition(d)) : "");

/**
 * After a step is added, moved or removed, the focus goes where the keyboard user's work is: the
 * step cards are keyed by position, so without this it stayed on the card at the old position
 * (now another step: a second "Mover para cima" moved that one back) or fell to <body>.
 */
const focusInStep = (index: number, pick: (card: HTMLElement) => HTMLElement | null) =>
  requestAnimationFrame(() => {
    const card = document.getElementById(`step-${index}`);
    if (card) pick(card)?.focus();
  });
const stepButton = (card: HTMLElement, action: "up" | "down") => card.querySelector<HTMLButtonElement>(`[data-step-action="${action}"]:not(:disabled)`);

/** The editor of a loaded flow; `checker` (the live check) is null until its code has come. */
export function FlowView({ flowKey, flow, checker }: { flowKey: string; flow: RouterOutputs["flows"]["get"]; checker: Checker | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  // The first load fills the editor; later refetches never overwrite what is being typed.
  const [draft, setDraft] = useState<Draft>(flow.definition);
  // What the server holds, to tell unsaved edits apart and to know if there is a draft to publish.
  // A recovered definition (seed in place of an unreadable one) counts as unsaved.
  const [saved, setSaved] = useState<{ fingerprint: string; isDraft: boolean; version: number; publishedVersion: number | null }>(() => ({ fingerprint: flow.recovered ? "" : fingerprint(flow.definition), isDraft: flow.isDraft, version: flow.version, publishedVersion: flow.publishedVersion }));
  const [fromServer, setFromServer] = useState<FlowIssue[]>([]);
  const [confirmOpen, setConfirmOpen] = useState(false);

  const definition = useMemo(() => toDefinition(draft), [draft]);
  const check = useMemo(() => (checker ? checker.checkDraft(definition) : { flow: null, issues: [] }), [definition, checker]);
  const dirty = fingerprint(draft) !== saved.fingerprint;
  // While an edit breaks the structure (e.g. a new step without a question yet), the simulator
  // keeps running the last readable version of the draft instead of disappearing.
  const [lastRunnable, setLastRunnable] = useState<Flow | null>(null);
  if (check.flow && check.flow !== lastRunnable) setLastRunnable(check.flow);

  // Live issues plus any the server reported for the last attempt (until the next edit).
  const issues = useMemo(() => {
    const seen = new Set<string>();
    return [...check.issues, ...fromServer].filter((i) => (seen.has(i.message) ? false : (seen.add(i.message), true)));
  }, [check.issues, fromServer]);
  const stepIds = useMemo(() => draft.steps.map((s) => s.id), [draft]);
  const byStep = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const i of issues) {
      const key = stepIds.includes(i.stepId) ? i.stepId : FLOW_ISSUE;
      map.set(key, [...(map.get(key) ?? []), i.message]);
    }
    return map;
  }, [issues, stepIds]);

  useLeaveGuard(dirty, { title: t.flows.leaveTitle, description: t.flows.leaveText, actionLabel: t.flows.leaveAction });

  const edit = (next: Draft) => {
    setDraft(next);
    setFromServer([]);
  };

  const refresh = () => {
    qc.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    qc.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ flowKey }) });
  };
  const onError = (err: unknown) => {
    const found = serverIssues(err);
    setFromServer(found);
    toast.error(errorMessage(err));
  };

  const save = useMutation(trpc.flows.saveDraft.mutationOptions());
  const publish = useMutation(trpc.flows.publish.mutationOptions());

  const saveDraft = async () => {
    const sent = fingerprint(draft);
    const r = await save.mutateAsync({ flowKey, definition });
    setSaved((s) => ({ fingerprint: sent, isDraft: true, version: r.version, publishedVersion: s.publishedVersion }));
    return r;
  };

  const onSave = async () => {
    try {
      const r = await saveDraft();
      toast.success(t.flows.draftSaved(r.version));
      refresh();
    } catch (err) {
      onError(err);
    }
  };

  const onPublish = async () => {
    try {
      if (dirty || !saved.isDraft) await saveDraft();
      const r = await publish.mutateAsync({ flowKey });
      setSaved((s) => ({ ...s, isDraft: false, version: r.version, publishedVersion: r.version }));
      setConfirmOpen(false);
      toast.success(t.flows.published(r.version));
      refresh();
    } catch (err) {
      setConfirmOpen(false);
      onError(err);
    }
  };

  const nextVersion = (saved.publishedVersion ?? 0) + 1;
  const canPublish = dirty || saved.isDraft;
  const busy = save.isPending || publish.isPending;
  const flowIssues = byStep.get(FLOW_ISSUE) ?? [];

  return (
    <div className="space-y-6">
      <div>
        <Button asChild variant="link" className="px-0"><Link href="/flows"><ArrowLeft />{t.flows.back}</Link></Button>
      </div>
      <PageHeader
        title={draft.name || t.flows.title}
        description={t.flows.editorDescription(saved.publishedVersion, saved.isDraft)}
        actions={
          <>
            {dirty ? <Badge variant="warning" data-testid="unsaved-badge">{t.flows.unsaved}</Badge> : null}
            <Button variant="outline" onClick={onSave} loading={save.isPending && !publish.isPending} disabled={busy || !checker || !dirty || issues.length > 0} data-testid="save-draft">{t.flows.saveDraft}</Button>
            <Button onClick={() => setConfirmOpen(true)} disabled={busy || !checker || issues.length > 0 || !canPublish} title={canPublish ? undefined : t.flows.nothingToPublish} data-testid="publish">{t.flows.publish}</Button>
          </>
        }
      />

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-4">
          {flow.recovered ? <Alert><AlertDescription>{t.flows.brokenDefinition}</AlertDescription></Alert> : null}
          {issues.length ? (
            <Alert variant="destructive" data-testid="issues-summary">
              <AlertTitle>{t.flows.issuesTitle(issues.length)}</AlertTitle>
              <AlertDescription>
                <p>{t.flows.issuesHint}</p>
                <ul className="mt-1 list-disc space-y-1 pl-4">
                  {issues.map((i) => {
                    const index = stepIds.indexOf(i.stepId);
                    return (
                      <li key={i.message}>
                        {index >= 0 ? <a href={`#step-${index}`} className="underline-offset-2 hover:underline" title={t.flows.goToStep}>{i.message}</a> : i.message}
                      </li>
                    );
                  })}
                </ul>
              </AlertDescription>
            </Alert>
          ) : null}

          <SettingsCard draft={draft} definition={definition} issues={flowIssues} onChange={edit} />

          <h2 className="pt-2 text-lg font-semibold">{t.flows.steps}</h2>
          {draft.steps.map((step, index) => (
            <StepCard
              key={index}
              step={step}
              index={index}
              count={draft.steps.length}
              stepIds={stepIds}
              isStart={step.id === draft.startStep}
              flowInvalidLimit={draft.invalidAnswerLimit}
              issues={byStep.get(step.id) ?? []}
              onChange={(s) => edit(updateStep(draft, index, () => s))}
              onRename={(id) => edit(renameStep(draft, index, id))}
              onMove={(delta) => {
                edit({ ...draft, steps: moveItem(draft.steps, index, delta) });
                // At the top (or bottom) its button in that direction is disabled: the other one.
                focusInStep(index + delta, (card) => stepButton(card, delta < 0 ? "up" : "down") ?? stepButton(card, delta < 0 ? "down" : "up"));
              }}
              onRemove={() => {
                edit(removeStep(draft, index));
                focusInStep(Math.min(index, draft.steps.length - 2), (card) => card.querySelector("input"));
              }}
            />
          ))}
          <Button
            type="button"
            variant="outline"
            onClick={() => {
              edit(addStep(draft));
              focusInStep(draft.steps.length, (card) => card.querySelector("textarea"));
            }}
            data-testid="add-step"
          >
            <Plus />{t.flows.addStep}
          </Button>
        </div>

        <div className="lg:sticky lg:top-18 lg:max-h-[calc(100dvh-5.5rem)] lg:overflow-y-auto">
          <Simulator flow={check.flow ?? lastRunnable} stale={!check.flow} />
        </div>
      </div>

      <Dialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={t.flows.publishTitle(nextVersion)}
        description={t.flows.publishText}
        footer={
          <>
            <Button variant="outline" onClick={() => setConfirmOpen(false)} disabled={busy}>{t.common.cancel}</Button>
            <Button onClick={onPublish} loading={busy} data-testid="confirm-publish">{t.flows.publishConfirm}</Button>
          </>
        }
      />
    </div>
  );
}
