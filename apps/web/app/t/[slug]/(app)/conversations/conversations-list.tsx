"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { MessagesSquare } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ListEmpty } from "@/components/list-empty";
import { SegmentedTabs } from "@/components/segmented-tabs";
import { filtersActive } from "@/lib/list-filters";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { useTRPC } from "@/lib/trpc/client";
import { ChannelBadge } from "@/app/t/[slug]/(app)/inboxes/channel";
import { fullDateTime, leadLabel, relativeTime, statusLabel, statusTabs, statusVariant, type ConversationStatus } from "./format";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, conversations: conversationsText };

const TABS = statusTabs(["", "bot", "pending", "open", "resolved"], "status-tab");

export function ConversationsList() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<ConversationStatus | "">("");
  const [inboxId, setInboxId] = useState("");
  const inboxes = useQuery(trpc.inboxes.list.queryOptions());
  const filter = { status: status || undefined, inboxId: inboxId || undefined, limit: 25 };
  const list = useInfiniteQuery(trpc.conversations.list.infiniteQueryOptions(filter, { getNextPageParam: (p) => p.nextCursor ?? undefined, refetchInterval: 30_000 }));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const now = Date.now();

  return (
    <div className="space-y-6">
      <PageHeader title={t.conversations.title} description={t.conversations.description} />
      <div className="flex flex-col gap-3 md:flex-row md:items-center md:justify-between">
        <SegmentedTabs label={t.conversations.statusFilter} tabs={TABS} value={status} onChange={setStatus} className="inline-flex w-fit max-w-full flex-wrap gap-1" />
        <Select aria-label={t.conversations.inboxFilter} value={inboxId} onChange={(e) => setInboxId(e.target.value)} wrapperClassName="md:w-64">
          <SelectOption value="">{t.conversations.allInboxes}</SelectOption>
          {(inboxes.data ?? []).map((i) => <SelectOption key={i.id} value={i.id}>{i.name}</SelectOption>)}
        </Select>
      </div>

      {list.isLoading ? (
        <div className="space-y-2" role="status" aria-busy="true" aria-label={t.common.loading}>
          {[0, 1, 2, 3, 4].map((i) => <Skeleton key={i} className="h-16" />)}
        </div>
      ) : null}
      {list.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {!list.isLoading && !list.error && rows.length === 0 ? (
        <ListEmpty filtered={filtersActive({ status, inboxId })} onClear={() => { setStatus(""); setInboxId(""); }} icon={<MessagesSquare />} title={t.conversations.empty} hint={t.conversations.emptyHint} />
      ) : null}

      {rows.length > 0 ? (
        <ul className="divide-y overflow-hidden rounded-xl border bg-card" aria-label={t.conversations.title}>
          {rows.map((c) => (
            <li key={c.id}>
              <Link
                href={`/conversations/${c.id}`}
                data-testid="conversation-row"
                data-status={c.status}
                className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 px-4 py-3 transition-colors outline-none hover:bg-accent focus-visible:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset"
              >
                <div className="flex min-w-0 flex-wrap items-center gap-2">
                  <span className="truncate font-medium">{leadLabel(c)}</span>
                  <Badge variant={statusVariant(c.status)}>{statusLabel(c.status)}</Badge>
                </div>
                <time dateTime={c.last_message_at.toISOString()} title={fullDateTime(c.last_message_at)} className="text-right text-xs whitespace-nowrap text-muted-foreground">
                  {relativeTime(c.last_message_at, now)}
                </time>
                <p className="min-w-0 truncate text-sm text-muted-foreground">{c.last_text || <em>{t.conversations.noMessages}</em>}</p>
                <span className="text-right text-sm font-semibold tabular-nums" title={t.conversations.score}>
                  {c.bant_score} <span className="text-xs font-normal text-muted-foreground">{t.conversations.points}</span>
                </span>
                <div className="col-span-2 flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <ChannelBadge channel={c.channel} />
                  <span>{c.inbox_name}</span>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>{t.conversations.loadMore}</Button>
        </div>
      ) : null}
    </div>
  );
}
