"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { activityTypes } from "@vendaflow/validators/plain/crm";
import type { ActivityType } from "@vendaflow/validators/crm";
import { CalendarClock, CheckCircle2, Circle, History, Mail, MessageSquare, MessagesSquare, Phone, StickyNote, Trash2, Users } from "lucide-react";
import type { RouterOutputs } from "@vendaflow/api/root";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { crmTimeline as crmTimelineText } from "@/lib/i18n/pt-br/crm-timeline";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useUndoDelete } from "./use-undo-delete";
import { brShortDateTime, saoPauloWallTime } from "@/lib/dates";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText, crmTimeline: crmTimelineText };

export type TimelineTarget = { dealId?: string; contactId?: string; companyId?: string; leadId?: string };

const icons: Record<ActivityType, React.ReactNode> = {
  call: <Phone className="size-4" aria-hidden="true" />,
  email: <Mail className="size-4" aria-hidden="true" />,
  meeting: <Users className="size-4" aria-hidden="true" />,
  task: <CalendarClock className="size-4" aria-hidden="true" />,
  note: <StickyNote className="size-4" aria-hidden="true" />,
};

const when = brShortDateTime;

type Item = RouterOutputs["crmLists"]["timeline"]["items"][number];

function MessageItem({ item }: { item: Extract<Item, { kind: "message" }> }) {
  const who = t.crmTimeline.sender[item.sender as keyof typeof t.crmTimeline.sender] ?? item.sender;
  return (
    <li className="flex gap-3 rounded-lg border border-dashed bg-card p-3" data-testid="timeline-item" data-event="message">
      <span className="mt-0.5 text-muted-foreground"><MessagesSquare className="size-4" aria-hidden="true" /></span>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{who}</span>
          <Badge variant="outline">{t.crmTimeline.message}</Badge>
        </div>
        <p className="text-sm whitespace-pre-wrap">{item.text ?? t.crmTimeline.media(item.contentType)}</p>
        <p className="text-xs text-muted-foreground">{when(item.at)} · <Link className="hover:underline" href={`/conversations/${item.conversationId}`}>{t.crmTimeline.openConversation}</Link></p>
      </div>
    </li>
  );
}

function AuditItem({ item }: { item: Extract<Item, { kind: "audit" }> }) {
  return (
    <li className="flex gap-3 rounded-lg px-3 py-1.5 text-sm text-muted-foreground" data-testid="timeline-item" data-event={`audit:${item.action}`}>
      <History className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{t.crmTimeline.audit(item.action)}{item.actorName ? ` · ${item.actorName}` : ""} · {when(item.at)}</span>
    </li>
  );
}

/**
 * One timeline for a deal, contact, company or lead, newest first: what people logged and what the
 * system did (stage changes, conversion…), the messages of the conversations behind it, and its
 * audit trail (the crmLists.timeline procedure).
 */
export function ActivityTimeline({ target, canWrite, me }: { target: TimelineTarget; canWrite: boolean; me: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useInfiniteQuery(trpc.crmLists.timeline.infiniteQueryOptions({ ...target, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const agents = useQuery(trpc.routing.agents.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crmLists.timeline.pathKey() });
  const complete = useMutation(trpc.crm.activities.complete.mutationOptions({ onSuccess: refresh, onError: (e) => toast.error(errorMessage(e)) }));
  const setDeleted = useMutation(trpc.crm.activities.setDeleted.mutationOptions());
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), refresh);
  const create = useMutation(trpc.crm.activities.create.mutationOptions());

  const [type, setType] = useState<ActivityType>("task");
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [due, setDue] = useState("");
  // The person writing it is who does it unless they pick someone else (or no one): their "Atividades" lists it.
  const [assignee, setAssignee] = useState(me);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const now = Date.now();

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      await create.mutateAsync({
        type,
        subject,
        description: description || null,
        // Brasília time, as every list shows it (the browser's zone may be Manaus's or UTC).
        dueAt: due ? saoPauloWallTime(due) : null,
        assignedTo: assignee || null,
        dealId: target.dealId ?? null,
        contactId: target.contactId ?? null,
        companyId: target.companyId ?? null,
        leadId: target.leadId ?? null,
      });
      setSubject("");
      setDescription("");
      setDue("");
      toast.success(t.crm.activities.saved);
      refresh();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      if (!Object.keys(fe).length) toast.error(errorMessage(err));
    }
  };

  return (
    <section className="space-y-4" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="text-lg font-semibold">{t.crm.activities.title}</h2>
      {canWrite ? (
        <form onSubmit={onSubmit} className="space-y-3 rounded-lg border p-3" noValidate data-testid="activity-form">
          <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
            <FormField label={t.crm.activities.type} error={errors.type}>
              <Select name="type" value={type} onChange={(e) => setType(e.target.value as ActivityType)}>
                {activityTypes.map((a) => <SelectOption key={a} value={a}>{t.crm.activities.types[a]}</SelectOption>)}
              </Select>
            </FormField>
            <FormField label={t.crm.activities.subject} error={errors.subject} required>
              <Input name="subject" value={subject} onChange={(e) => setSubject(e.target.value)} maxLength={255} />
            </FormField>
          </div>
          <FormField label={t.crm.activities.description} error={errors.description}>
            <Textarea name="description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
          </FormField>
          <div className="grid gap-3 sm:grid-cols-2">
            <FormField label={t.crm.activities.due} description={t.crm.activities.dueHint} error={errors.dueAt}>
              <Input name="due" type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
            </FormField>
            <FormField label={t.crm.activities.assignee} error={errors.assignedTo}>
              <Select name="assignee" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
                <SelectOption value="">{t.crm.noOwner}</SelectOption>
                {(agents.data ?? []).map((a) => <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>)}
              </Select>
            </FormField>
          </div>
          {errors.dealId ? <p className="text-sm text-destructive">{errors.dealId}</p> : null}
          <Button type="submit" loading={create.isPending}>{t.crm.activities.add}</Button>
        </form>
      ) : null}

      {list.isLoading ? <Skeleton className="h-24" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {!list.isLoading && !list.error && rows.length === 0 ? <p className="text-sm text-muted-foreground">{t.crm.activities.empty}</p> : null}
      <ol className="space-y-2" data-testid="timeline">
        {rows.map((item) => {
          if (item.kind === "message") return <MessageItem key={item.id} item={item} />;
          if (item.kind === "audit") return <AuditItem key={item.id} item={item} />;
          const a = item.activity;
          const done = a.completed_at !== null;
          const overdue = !done && a.due_at !== null && a.due_at.getTime() < now;
          return (
            <li key={a.id} className="flex gap-3 rounded-lg border bg-card p-3" data-testid="timeline-item" data-event={a.system_event ?? a.type}>
              <span className="mt-0.5 text-muted-foreground">{a.system_event ? <MessageSquare className="size-4" aria-hidden="true" /> : icons[a.type as ActivityType]}</span>
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <span className={done && a.type === "task" ? "font-medium line-through" : "font-medium"}>{a.subject}</span>
                  <Badge variant="secondary">{a.system_event ? t.crm.activities.system : t.crm.activities.types[a.type as ActivityType]}</Badge>
                  {overdue ? <Badge variant="destructive">{t.crm.activities.overdue}</Badge> : null}
                </div>
                {a.description ? <p className="text-sm whitespace-pre-wrap text-muted-foreground">{a.description}</p> : null}
                <p className="text-xs text-muted-foreground">
                  {when(a.created_at)}
                  {a.due_at ? ` · ${t.crm.activities.dueAt(when(a.due_at))}` : ""}
                  {a.assignee_name ? ` · ${a.assignee_name}` : ""}
                  {a.outcome ? ` · ${t.crm.activities.outcome}: ${a.outcome}` : ""}
                </p>
              </div>
              {canWrite && !a.system_event ? (
                <div className="flex shrink-0 items-start gap-1">
                  {a.type !== "note" ? (
                    <Button size="icon" variant="ghost" className="size-8" aria-label={done ? t.crm.activities.reopen : t.crm.activities.complete} onClick={() => complete.mutate({ id: a.id, completed: !done })}>
                      {done ? <CheckCircle2 className="text-success" /> : <Circle />}
                    </Button>
                  ) : null}
                  <Button size="icon" variant="ghost" className="size-8" aria-label={t.crm.delete} onClick={() => remove(a.id, t.crm.activities.deleted)}>
                    <Trash2 />
                  </Button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
      {list.hasNextPage ? <Button variant="outline" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.crm.loadMore}</Button> : null}
    </section>
  );
}
