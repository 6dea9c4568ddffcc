"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { cn } from "@vendaflow/ui/cn";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Clock, Headset, Radio, Search, SlidersHorizontal, TriangleAlert, X } from "lucide-react";
import { useEffect, useState } from "react";
import { ListEmpty } from "@/components/list-empty";
import { SegmentedTabs } from "@/components/segmented-tabs";
import { inboxListInput, withInboxFilters, type InboxFilters } from "@/lib/inbox-filters";
import { showInAddress } from "@/lib/url-params";
import { filtersActive } from "@/lib/list-filters";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { inbox as inboxText } from "@/lib/i18n/pt-br/inbox";
import { useTRPC } from "@/lib/trpc/client";
import { fullDateTime, leadLabel, relativeTime, statusLabel, statusTabs, statusVariant, type ConversationStatusFilter } from "@/app/t/[slug]/(app)/conversations/format";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { ChannelIcon, channelLabel } from "@/app/t/[slug]/(app)/inboxes/channel";
import { fallbackInterval } from "./live";
import { slaState, type Agent, type ListItem, type Me, type Team } from "./util";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, conversations: conversationsText, inbox: inboxText };

// Two rows of three: the broad views ("Em aberto" is pending + open, what "Carga da equipe" counts),
// then a human's part of a conversation's life.
const TABS = statusTabs<ConversationStatusFilter | "">(["", "active", "bot", "pending", "open", "resolved"], "inbox-tab");

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** A clock for relative times and SLA badges. */
export function useNow(everyMs = 30_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function InboxList({ me, live, agents, teams, selected, onSelect, initialFilters }: { me: Me; live: boolean; agents: Agent[]; teams: Team[]; selected: string | null; onSelect: (id: string) => void; initialFilters: InboxFilters }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<ConversationStatusFilter | "">(initialFilters.status);
  const [assignee, setAssignee] = useState(initialFilters.assignee);
  const [teamId, setTeamId] = useState(initialFilters.teamId);
  const [inboxId, setInboxId] = useState(initialFilters.inboxId);
  const [channel, setChannel] = useState<"" | "web" | "whatsapp" | "api">(initialFilters.channel);
  const [tag, setTag] = useState(initialFilters.tag);
  const [minScore, setMinScore] = useState(initialFilters.minScore);
  const [maxScore, setMaxScore] = useState(initialFilters.maxScore);
  const [search, setSearch] = useState(initialFilters.search);
  const [showFilters, setShowFilters] = useState(() => Boolean(initialFilters.teamId || initialFilters.inboxId || initialFilters.channel || initialFilters.tag || initialFilters.minScore || initialFilters.maxScore));
  const debounced = useDebounced({ search: search.trim(), tag: tag.trim(), minScore, maxScore }, 300);
  // The filters live in the address too (replaced, not pushed): coming back to the inbox (Back from
  // a deal the agent opened, a reload) shows the list as it was left, not every conversation again.
  useEffect(() => {
    const url = withInboxFilters(new URL(window.location.href), { status, assignee, teamId, inboxId, channel, tag: debounced.tag, minScore: debounced.minScore, maxScore: debounced.maxScore, search: debounced.search });
    showInAddress(url);
  }, [status, assignee, teamId, inboxId, channel, debounced.tag, debounced.minScore, debounced.maxScore, debounced.search]);
  const inboxes = useQuery(trpc.inboxes.list.queryOptions());
  const now = useNow();

  const sent: InboxFilters = { status, assignee, teamId, inboxId, channel, tag: debounced.tag, minScore: debounced.minScore, maxScore: debounced.maxScore, search: debounced.search };
  const filter = { ...inboxListInput(sent, me.userId), limit: 30 };
  const list = useInfiniteQuery(
    trpc.conversations.list.infiniteQueryOptions(filter, { getNextPageParam: (p) => p.nextCursor ?? undefined, refetchInterval: fallbackInterval(live), placeholderData: (prev) => prev }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const extraFilters = [assignee, teamId, inboxId, channel, tag.trim(), minScore, maxScore].filter(Boolean).length;
  const clear = () => {
    setAssignee("");
    setTeamId("");
    setInboxId("");
    setChannel("");
    setTag("");
    setMinScore("");
    setMaxScore("");
  };
  // The empty list's "Limpar filtros" also resets the tab and the search: every filter the list was sent.
  const clearAll = () => {
    clear();
    setStatus("");
    setSearch("");
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="space-y-3 border-b p-3">
        <div className="flex items-center justify-between gap-2">
          <h1 className="text-lg font-semibold tracking-tight">{t.inbox.title}</h1>
          <span className={cn("flex items-center gap-1 text-xs", live ? "text-success" : "text-muted-foreground")} data-testid="inbox-live" data-live={live ? "true" : "false"}>
            <Radio aria-hidden="true" className="size-3.5" />
            {live ? t.inbox.live : t.inbox.polling}
          </span>
        </div>
        <div className="relative">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t.inbox.searchPlaceholder} aria-label={t.inbox.search} className="pl-8" data-testid="inbox-search" />
        </div>
        <SegmentedTabs label={t.inbox.filters} tabs={TABS} value={status} onChange={setStatus} compact className="grid grid-cols-3 gap-0.5" />
        <div className="grid grid-cols-[1fr_auto] gap-2">
          <Select aria-label={t.inbox.assignee} value={assignee} onChange={(e) => setAssignee(e.target.value)} data-testid="inbox-filter-assignee">
            <SelectOption value="">{t.inbox.assigneeAll}</SelectOption>
            {me.role !== "viewer" ? <SelectOption value="me">{t.inbox.assigneeMine}</SelectOption> : null}
            <SelectOption value="none">{t.inbox.assigneeNone}</SelectOption>
            {agents.map((a) => (
              <SelectOption key={a.id} value={a.id}>{a.name || a.email}</SelectOption>
            ))}
          </Select>
          <Button type="button" variant="outline" size="icon" aria-expanded={showFilters} aria-controls="inbox-more-filters" title={showFilters ? t.inbox.hideFilters : t.inbox.showFilters} aria-label={showFilters ? t.inbox.hideFilters : t.inbox.showFilters} onClick={() => setShowFilters((v) => !v)} className="relative">
            <SlidersHorizontal aria-hidden="true" />
            {extraFilters - (assignee ? 1 : 0) > 0 ? <span className="absolute -top-1 -right-1 flex size-4 items-center justify-center rounded-full bg-primary text-[10px] text-primary-foreground">{extraFilters - (assignee ? 1 : 0)}</span> : null}
          </Button>
        </div>
        {showFilters ? (
          <div id="inbox-more-filters" className="grid grid-cols-2 gap-2">
            <Select aria-label={t.inbox.team} value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="inbox-filter-team">
              <SelectOption value="">{t.inbox.teamAll}</SelectOption>
              {teams.map((t) => <SelectOption key={t.id} value={t.id}>{t.name}</SelectOption>)}
            </Select>
            <Select aria-label={t.inbox.inbox} value={inboxId} onChange={(e) => setInboxId(e.target.value)} data-testid="inbox-filter-inbox">
              <SelectOption value="">{t.inbox.inboxAll}</SelectOption>
              {(inboxes.data ?? []).map((i) => <SelectOption key={i.id} value={i.id}>{i.name}</SelectOption>)}
            </Select>
            <Select aria-label={t.inbox.channel} value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)} data-testid="inbox-filter-channel">
              <SelectOption value="">{t.inbox.channelAll}</SelectOption>
              {(["web", "whatsapp", "api"] as const).map((c) => <SelectOption key={c} value={c}>{channelLabel(c)}</SelectOption>)}
            </Select>
            <Input value={tag} onChange={(e) => setTag(e.target.value)} placeholder={t.inbox.tagPlaceholder} aria-label={t.inbox.tag} data-testid="inbox-filter-tag" />
            <Input type="number" inputMode="numeric" min={0} value={minScore} onChange={(e) => setMinScore(e.target.value)} placeholder={t.inbox.scoreMin} aria-label={t.inbox.minScore} data-testid="inbox-filter-min-score" />
            <Input type="number" inputMode="numeric" min={0} value={maxScore} onChange={(e) => setMaxScore(e.target.value)} placeholder={t.inbox.scoreMax} aria-label={t.inbox.maxScore} data-testid="inbox-filter-max-score" />
            {extraFilters ? (
              <Button type="button" variant="ghost" size="sm" className="col-span-2 justify-self-start" onClick={clear}>
                <X aria-hidden="true" />
                {t.inbox.clearFilters}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={list.isFetching || undefined}>
        {list.isLoading ? (
          <div className="space-y-2 p-3" role="status" aria-label={t.common.loading}>
            {[0, 1, 2, 3, 4].map((i) => <Skeleton key={i} className="h-16" />)}
          </div>
        ) : null}
        {list.error && !list.data ? (
          <div className="p-3">
            <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
          </div>
        ) : null}
        {!list.isLoading && !list.error && rows.length === 0 ? (
          <ListEmpty filtered={filtersActive(filter, ["limit"])} onClear={clearAll} icon={<Headset />} title={t.inbox.empty} hint={t.inbox.emptyHint} className="m-3" />
        ) : null}
        {rows.length ? (
          <ul className="divide-y" aria-label={t.inbox.listLabel} data-testid="inbox-list">
            {rows.map((c) => (
              <li key={c.id}>
                <Row c={c} now={now} selected={c.id === selected} onSelect={onSelect} />
              </li>
            ))}
          </ul>
        ) : null}
        {list.hasNextPage ? (
          <div className="flex justify-center p-3">
            <Button variant="outline" size="sm" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.inbox.loadMore}</Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Row({ c, now, selected, onSelect }: { c: ListItem; now: number; selected: boolean; onSelect: (id: string) => void }) {
  const awaiting = c.last_sender === "lead" && c.status !== "resolved";
  const sla = slaState(c, now);
  const label = leadLabel(c);
  const phone = c.phone ? formatPhone(c.phone) : null;
  return (
    <button
      type="button"
      onClick={() => onSelect(c.id)}
      aria-current={selected ? "true" : undefined}
      data-testid="inbox-row"
      data-conversation-id={c.id}
      data-status={c.status}
      data-unread={awaiting ? "true" : undefined}
      className={cn(
        "grid w-full cursor-pointer grid-cols-[auto_1fr_auto] items-start gap-x-2.5 gap-y-1 px-3 py-2.5 text-left transition-colors outline-none hover:bg-accent focus-visible:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset",
        selected && "bg-primary/10 hover:bg-primary/15",
      )}
    >
      <span className="mt-0.5 flex size-7 items-center justify-center rounded-full bg-muted text-muted-foreground" title={channelLabel(c.channel)}>
        <ChannelIcon channel={c.channel} className="size-3.5" />
        <span className="sr-only">{channelLabel(c.channel)}</span>
      </span>
      <span className="min-w-0">
        <span className={cn("block truncate text-sm", awaiting ? "font-semibold text-foreground" : "font-medium")}>{label}</span>
        {phone && label !== phone ? <span className="block truncate text-xs text-muted-foreground">{phone}</span> : null}
      </span>
      <span className="flex flex-col items-end gap-1">
        <time dateTime={c.last_message_at.toISOString()} title={fullDateTime(c.last_message_at)} className={cn("text-xs whitespace-nowrap", awaiting ? "font-semibold text-foreground" : "text-muted-foreground")}>
          {relativeTime(c.last_message_at, now)}
        </time>
        {awaiting ? <span role="img" className="size-2 rounded-full bg-primary" aria-label={t.inbox.awaitingReply} title={t.inbox.awaitingReply} /> : null}
      </span>
      <p className={cn("col-span-2 col-start-2 min-w-0 truncate text-xs", awaiting ? "text-foreground" : "text-muted-foreground")}>{c.last_text || "—"}</p>
      <span className="col-span-2 col-start-2 flex flex-wrap items-center gap-1.5 text-xs">
        <Badge variant={statusVariant(c.status)}>{statusLabel(c.status)}</Badge>
        <span className="font-semibold tabular-nums" title={t.conversations.score}>{c.bant_score} {t.inbox.pointsShort}</span>
        {sla === "breached" ? (
          <Badge variant="destructive" data-testid="sla-badge" data-sla="breached"><TriangleAlert aria-hidden="true" />{t.inbox.slaBreached}</Badge>
        ) : sla === "soon" ? (
          <Badge variant="warning" data-testid="sla-badge" data-sla="soon" title={c.sla_due_at ? fullDateTime(c.sla_due_at) : undefined}><Clock aria-hidden="true" />{t.inbox.slaDueSoon}</Badge>
        ) : null}
        <span className="truncate text-muted-foreground">· {c.assignee_name || (c.assigned_to ? t.inbox.assignedTo : t.inbox.unassigned)}</span>
      </span>
    </button>
  );
}
