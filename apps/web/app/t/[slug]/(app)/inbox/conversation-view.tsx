"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { cn } from "@vendaflow/ui/cn";
import { Dialog } from "@vendaflow/ui/dialog";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { FormField } from "@vendaflow/ui/form-field";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { ArrowLeft, Bot, CheckCircle2, Clock, Hand, IdCard, RotateCcw, SearchX, TriangleAlert, UserRoundCheck, UserRoundPlus, X } from "lucide-react";
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { inbox as inboxText } from "@/lib/i18n/pt-br/inbox";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AdCampaignBadge } from "@/components/crm/ad-campaign";
import { LeadCard } from "@/app/t/[slug]/(app)/conversations/[id]/lead-card";
import { fullDateTime, leadLabel, statusLabel, statusVariant } from "@/app/t/[slug]/(app)/conversations/format";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { ChannelBadge } from "@/app/t/[slug]/(app)/inboxes/channel";
import { Composer } from "./composer";
import { useNow } from "./inbox-list";
import { fallbackInterval } from "./live";
import { InboxTimeline } from "./timeline";
import { canHandle, focusLost, slaState, whatsappWindowClosed, type Agent, type InboxDetail, type Me } from "./util";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, conversations: conversationsText, inbox: inboxText };

const isNotFound = (err: unknown) => err instanceof TRPCClientError && ["NOT_FOUND", "BAD_REQUEST"].includes((err.data as { code?: string } | undefined)?.code ?? "");

export function ConversationView({ id, focusOnOpen, me, live, agents, myTeamIds, onBack, onChanged }: { id: string; focusOnOpen: boolean; me: Me; live: boolean; agents: Agent[]; myTeamIds: ReadonlySet<string>; onBack: () => void; onChanged: () => void }) {
  const trpc = useTRPC();
  const [showLead, setShowLead] = useState(false);
  const detail = useQuery(
    trpc.conversations.get.queryOptions(
      { conversationId: id },
      { refetchInterval: (q) => (q.state.status === "error" ? false : fallbackInterval(live)), retry: (count, err) => !isNotFound(err) && count < 1 },
    ),
  );

  // Opened from the list on a phone, the list hid with the focused row: the focus moves to the
  // lead's name, the top of what is now on screen (on a wide screen the row keeps it).
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = Boolean(detail.data);
  useEffect(() => {
    if (loaded && focusOnOpen && focusLost()) heading.current?.focus();
  }, [loaded, focusOnOpen]);
  // The lead card covers the conversation below xl: opening it moves the focus into it, Escape or
  // its close button shut it and give the focus back to the button that opened it.
  const leadPanelId = useId();
  const leadToggle = useRef<HTMLButtonElement>(null);
  const leadClose = useRef<HTMLButtonElement>(null);
  const toggleLead = () => setShowLead((v) => !v);
  const closeLead = () => {
    setShowLead(false);
    leadToggle.current?.focus();
  };
  useEffect(() => {
    if (showLead && leadClose.current?.getClientRects().length) leadClose.current.focus();
  }, [showLead]);

  const back = (
    <Button variant="ghost" size="icon" onClick={onBack} aria-label={t.inbox.backToList} title={t.inbox.backToList} className="lg:hidden">
      <ArrowLeft aria-hidden="true" />
    </Button>
  );

  if (detail.error && isNotFound(detail.error)) {
    return (
      <div className="flex flex-1 flex-col p-4">
        {back}
        <EmptyState icon={<SearchX />} title={t.inbox.notFound} className="m-4" data-testid="inbox-not-found" />
      </div>
    );
  }
  if (!detail.data) {
    return (
      <div className="flex flex-1 flex-col gap-4 p-4" aria-busy={detail.isLoading || undefined}>
        {back}
        {detail.error ? (
          <Alert variant="destructive"><AlertDescription>{errorMessage(detail.error)} <Button variant="link" onClick={() => detail.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
        ) : (
          <>
            <Skeleton className="h-10 w-64" />
            <Skeleton className="flex-1" />
          </>
        )}
      </div>
    );
  }

  const d = detail.data;
  const c = d.conversation;
  const names = (userId: string | null | undefined) => {
    if (!userId) return null;
    if (userId === c.assigned_to && c.assignee_name) return c.assignee_name;
    const a = agents.find((x) => x.id === userId);
    return a ? a.name || a.email : null;
  };
  const can = canHandle(me, c, myTeamIds);
  return (
    <div className="flex min-h-0 flex-1 flex-col" data-testid="inbox-conversation" data-conversation-id={c.id} data-status={c.status}>
      <Header heading={heading} detail={d} me={me} can={can} agents={agents} back={back} showLead={showLead} leadPanelId={leadPanelId} leadToggle={leadToggle} onToggleLead={toggleLead} onChanged={onChanged} />
      <div className="relative flex min-h-0 flex-1">
        <div className="flex min-w-0 flex-1 flex-col">
          <InboxTimeline conversationId={c.id} messages={d.messages} hasOlder={d.hasOlder} refreshedAt={detail.dataUpdatedAt} events={d.events} names={names} />
          {me.role === "viewer" ? (
            <p className="border-t p-3 text-center text-sm text-muted-foreground">{t.inbox.actions.viewerHint}</p>
          ) : (
            <ComposerWithWindow key={c.id} detail={d} me={me} can={can} onSent={onChanged} />
          )}
        </div>
        <aside
          id={leadPanelId}
          className={cn(
            "min-h-0 overflow-y-auto border-l bg-background p-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring xl:static xl:block xl:w-80 xl:shrink-0 xl:shadow-none",
            showLead ? "absolute inset-y-0 right-0 z-10 block w-full shadow-lg sm:w-80" : "hidden",
          )}
          aria-label={t.conversations.leadCard}
          // A tab stop of its own: while the cards load (skeletons, nothing focusable) it may already
          // scroll, and the keyboard must reach it (axe's scrollable-region-focusable).
          tabIndex={0}
          data-testid="inbox-lead-panel"
          onKeyDown={(e) => {
            if (e.key === "Escape" && showLead) {
              e.preventDefault();
              closeLead();
            }
          }}
        >
          <div className="mb-2 flex justify-end xl:hidden">
            <Button ref={leadClose} variant="ghost" size="icon" onClick={closeLead} aria-label={t.inbox.closeLeadCard} title={t.inbox.closeLeadCard} data-testid="inbox-lead-close">
              <X aria-hidden="true" />
            </Button>
          </div>
          <LeadCard conversation={c} explanation={d.explanation} scoreSoFar={d.scoreSoFar} canConvert={me.role !== "viewer"} />
        </aside>
      </div>
    </div>
  );
}

function ComposerWithWindow({ detail, me, can, onSent }: { detail: InboxDetail; me: Me; can: boolean; onSent: () => void }) {
  const now = useNow(60_000);
  const closed = whatsappWindowClosed(detail.conversation.channel, detail.conversation.last_inbound_at, now);
  return <Composer detail={detail} me={me} canReply={can} canNote={me.role !== "viewer"} windowClosed={closed} onSent={onSent} />;
}

function Header({ heading, detail, me, can, agents, back, showLead, leadPanelId, leadToggle, onToggleLead, onChanged }: { heading: RefObject<HTMLHeadingElement | null>; detail: InboxDetail; me: Me; can: boolean; agents: Agent[]; back: ReactNode; showLead: boolean; leadPanelId: string; leadToggle: RefObject<HTMLButtonElement | null>; onToggleLead: () => void; onChanged: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const c = detail.conversation;
  const now = useNow(30_000);
  const sla = slaState(c, now);
  const [handBackOpen, setHandBackOpen] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);
  const [stepId, setStepId] = useState("");
  const [assignee, setAssignee] = useState("");

  // Where the focus goes once an action's result shows: its button is gone (Resolver becomes
  // Reabrir, Assumir leaves), so without this the focus fell to the page's body and a keyboard
  // user started over from the top. The next step's control takes it, else the lead's name.
  const focusAfter = useRef<string | null>(null);
  useEffect(() => {
    const target = focusAfter.current;
    focusAfter.current = null;
    if (!target || !focusLost()) return;
    (document.querySelector<HTMLElement>(`[data-testid="${target}"]:not(:disabled)`) ?? heading.current)?.focus();
  }, [c.status, c.assigned_to, heading]);

  const ok = (message: string, focus: string) => () => {
    focusAfter.current = focus;
    toast.success(message);
    onChanged();
  };
  const onError = (err: unknown) => toast.error(errorMessage(err));
  const takeOver = useMutation(trpc.agent.takeOver.mutationOptions({ onSuccess: ok(t.inbox.actions.takenOver, "inbox-composer"), onError }));
  const handBack = useMutation(trpc.agent.handBack.mutationOptions({ onSuccess: () => { setHandBackOpen(false); ok(t.inbox.actions.handedBack, "inbox-lead-name")(); }, onError }));
  const assign = useMutation(trpc.agent.assign.mutationOptions({ onSuccess: () => { setAssignOpen(false); ok(t.inbox.actions.assigned, "inbox-composer")(); }, onError }));
  const resolve = useMutation(trpc.agent.resolve.mutationOptions({ onSuccess: ok(t.inbox.actions.resolved, "inbox-reopen"), onError }));
  const reopen = useMutation(trpc.agent.reopen.mutationOptions({ onSuccess: ok(t.inbox.actions.reopened, "inbox-resolve"), onError }));

  const resolved = c.status === "resolved";
  const mine = c.assigned_to === me.userId;
  const showTakeOver = can && !resolved && !(c.status === "open" && mine);
  const showHandBack = can && !resolved && c.status !== "bot";
  const showAssignAny = me.role === "admin";
  const showAssignMe = me.role === "agent" && can && !mine;
  const phone = c.phone ? formatPhone(c.phone) : null;
  const label = leadLabel(c);

  return (
    <div className="flex flex-col gap-2 border-b px-3 py-2.5 sm:px-4">
      <div className="flex items-start gap-2">
        {back}
        <div className="min-w-0 flex-1">
          <h2 ref={heading} tabIndex={-1} className="truncate rounded-sm text-lg font-semibold tracking-tight outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50" data-testid="inbox-lead-name">{label}</h2>
          {/* Each item after the first carries its own "·", so a wrapped line never ends on a lone dot. */}
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground" data-testid="inbox-header-meta">
            <Badge variant={statusVariant(c.status)} data-testid="inbox-status" data-status={c.status}>{statusLabel(c.status)}</Badge>
            <ChannelBadge channel={c.channel} />
            <span className="truncate">{c.inbox_name}</span>
            {phone && phone !== label ? <span>· {phone}</span> : null}
            <span data-testid="inbox-assignee">
              · {t.inbox.assignee}: {c.assignee_name || c.assignee_email || t.inbox.unassigned}
            </span>
            {c.team_name ? <span>· {c.team_name}</span> : null}
            {c.campaign ? <AdCampaignBadge campaign={c.campaign} /> : null}
            {sla === "breached" ? (
              <Badge variant="destructive" data-sla="breached"><TriangleAlert aria-hidden="true" />{t.inbox.slaBreached}</Badge>
            ) : sla && c.sla_due_at ? (
              <Badge variant={sla === "soon" ? "warning" : "outline"} data-sla={sla}><Clock aria-hidden="true" />{t.inbox.slaDueIn} {fullDateTime(c.sla_due_at)}</Badge>
            ) : null}
          </div>
        </div>
        <Button ref={leadToggle} variant={showLead ? "secondary" : "ghost"} size="icon" className="xl:hidden" onClick={onToggleLead} aria-expanded={showLead} aria-controls={leadPanelId} data-testid="inbox-lead-toggle" aria-label={t.conversations.leadCard} title={t.conversations.leadCard}>
          <IdCard aria-hidden="true" />
        </Button>
      </div>
      {me.role !== "viewer" ? (
        <div className="flex flex-wrap items-center gap-2" data-testid="inbox-actions">
          {showTakeOver ? (
            <Button size="sm" onClick={() => takeOver.mutate({ conversationId: c.id })} loading={takeOver.isPending} data-testid="inbox-takeover">
              <Hand aria-hidden="true" />
              {t.inbox.actions.takeOver}
            </Button>
          ) : null}
          {showHandBack ? (
            <Button
              size="sm"
              variant="outline"
              disabled={detail.steps.length === 0}
              title={detail.steps.length === 0 ? t.inbox.actions.noFlow : undefined}
              onClick={() => {
                setStepId(c.current_step && detail.steps.some((s) => s.id === c.current_step) ? c.current_step : (detail.steps[0]?.id ?? ""));
                setHandBackOpen(true);
              }}
              data-testid="inbox-handback"
            >
              <Bot aria-hidden="true" />
              {t.inbox.actions.handBack}
            </Button>
          ) : null}
          {showAssignAny ? (
            <Button
              size="sm"
              variant="outline"
              onClick={() => {
                setAssignee(c.assigned_to ?? "");
                setAssignOpen(true);
              }}
              data-testid="inbox-assign"
            >
              <UserRoundPlus aria-hidden="true" />
              {t.inbox.actions.assign}
            </Button>
          ) : null}
          {showAssignMe ? (
            <Button size="sm" variant="outline" onClick={() => assign.mutate({ conversationId: c.id, userId: me.userId })} loading={assign.isPending} data-testid="inbox-assign-me">
              <UserRoundCheck aria-hidden="true" />
              {t.inbox.actions.assignMe}
            </Button>
          ) : null}
          {can && !resolved ? (
            <Button size="sm" variant="outline" onClick={() => resolve.mutate({ conversationId: c.id })} loading={resolve.isPending} data-testid="inbox-resolve">
              <CheckCircle2 aria-hidden="true" />
              {t.inbox.actions.resolve}
            </Button>
          ) : null}
          {can && resolved ? (
            <Button size="sm" variant="outline" onClick={() => reopen.mutate({ conversationId: c.id })} loading={reopen.isPending} data-testid="inbox-reopen">
              <RotateCcw aria-hidden="true" />
              {t.inbox.actions.reopen}
            </Button>
          ) : null}
          {!can ? <span className="text-xs text-muted-foreground">{t.inbox.actions.cannotAct}</span> : null}
        </div>
      ) : null}

      <Dialog
        open={handBackOpen}
        onOpenChange={setHandBackOpen}
        title={t.inbox.actions.handBackTitle}
        description={t.inbox.actions.handBackText}
        footer={
          <>
            <Button variant="outline" onClick={() => setHandBackOpen(false)}>{t.common.cancel}</Button>
            <Button onClick={() => stepId && handBack.mutate({ conversationId: c.id, stepId })} disabled={!stepId} loading={handBack.isPending} data-testid="inbox-handback-confirm">{t.inbox.actions.handBackConfirm}</Button>
          </>
        }
      >
        <FormField label={t.inbox.actions.handBackStep}>
          <Select value={stepId} onChange={(e) => setStepId(e.target.value)} data-testid="inbox-handback-step">
            {detail.steps.map((s) => (
              <SelectOption key={s.id} value={s.id}>
                {s.question.length > 80 ? `${s.question.slice(0, 77)}…` : s.question}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </Dialog>

      <Dialog
        open={assignOpen}
        onOpenChange={setAssignOpen}
        title={t.inbox.actions.assignTitle}
        description={t.inbox.actions.assignText}
        footer={
          <>
            <Button variant="outline" onClick={() => setAssignOpen(false)}>{t.common.cancel}</Button>
            <Button onClick={() => assign.mutate({ conversationId: c.id, userId: assignee || null })} loading={assign.isPending} data-testid="inbox-assign-confirm">{t.inbox.actions.assignConfirm}</Button>
          </>
        }
      >
        <FormField label={t.inbox.actions.assignTo}>
          <Select value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="inbox-assign-select">
            <SelectOption value="">{t.inbox.actions.assignNobody}</SelectOption>
            {agents.map((a) => (
              <SelectOption key={a.id} value={a.id}>
                {`${a.name || a.email}${a.availability ? ` · ${t.inbox.header[a.availability as "online" | "away" | "offline"] ?? a.availability}` : ""}`}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </Dialog>
    </div>
  );
}
