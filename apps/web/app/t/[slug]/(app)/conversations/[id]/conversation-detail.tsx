"use client";
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { ChannelBadge } from "@/app/t/[slug]/(app)/inboxes/channel";
import { fullDateTime, leadLabel, statusLabel, statusVariant } from "@/app/t/[slug]/(app)/conversations/format";
import { LeadCard } from "./lead-card";
import { InboxTimeline } from "@/app/t/[slug]/(app)/inbox/timeline";
import { isUuid } from "@vendaflow/validators/uuid";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, conversations: conversationsText };

/** A missing conversation (or a malformed id in the URL) is a not-found, not an error to retry. */
const isNotFound = (err: unknown) => err instanceof TRPCClientError && ["NOT_FOUND", "BAD_REQUEST"].includes((err.data as { code?: string } | undefined)?.code ?? "");

export function ConversationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const valid = isUuid(id);
  const detail = useQuery(
    trpc.conversations.get.queryOptions(
      { conversationId: id },
      {
        enabled: valid,
        // New messages show up without a reload; polling stops while the last fetch failed.
        refetchInterval: (q) => (q.state.status === "error" ? false : 5_000),
        retry: (count, err) => !isNotFound(err) && count < 1,
      },
    ),
  );

  const back = (
    <Button asChild variant="ghost" size="sm" className="-ml-2 w-fit">
      <Link href="/conversations"><ArrowLeft aria-hidden="true" />{t.conversations.back}</Link>
    </Button>
  );

  if (!valid || (detail.error && isNotFound(detail.error))) {
    return (
      <div className="space-y-6">
        {back}
        <EmptyState icon={<SearchX />} title={t.conversations.notFoundTitle} description={t.conversations.notFoundText} data-testid="conversation-not-found" />
      </div>
    );
  }
  if (detail.isLoading) {
    return (
      <div className="space-y-6" role="status" aria-busy="true" aria-label={t.common.loading}>
        {back}
        <Skeleton className="h-10 w-72" />
        <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
          <Skeleton className="h-[28rem]" />
          <Skeleton className="h-80" />
        </div>
      </div>
    );
  }
  if (!detail.data) {
    return (
      <div className="space-y-6">
        {back}
        <Alert variant="destructive">
          <AlertDescription>{detail.error ? errorMessage(detail.error) : t.common.loadError} <Button variant="link" onClick={() => detail.refetch()}>{t.common.retry}</Button></AlertDescription>
        </Alert>
      </div>
    );
  }

  const { conversation: c, messages, hasOlder, events } = detail.data;
  return (
    <div className="space-y-6">
      {back}
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{leadLabel(c)}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <Badge variant={statusVariant(c.status)} data-testid="conversation-status">{statusLabel(c.status)}</Badge>
          <ChannelBadge channel={c.channel} />
          {/* One piece, so that on a phone the line does not end on a lone "·". */}
          <span data-testid="conversation-started">{c.inbox_name} · {t.conversations.startedAt} {fullDateTime(c.created_at)}</span>
        </div>
      </div>
      {detail.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(detail.error)}</AlertDescription></Alert> : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="gap-4 py-4">
          <CardHeader className="px-4">
            <CardTitle>{t.conversations.transcript}</CardTitle>
            <p className="text-xs text-muted-foreground">{t.conversations.readOnlyHint}</p>
          </CardHeader>
          <CardContent className="px-2 sm:px-4">
            <InboxTimeline key={c.id} conversationId={c.id} messages={messages} hasOlder={hasOlder} refreshedAt={detail.dataUpdatedAt} events={events} names={() => null} />
          </CardContent>
        </Card>
        <LeadCard conversation={c} explanation={detail.data.explanation} scoreSoFar={detail.data.scoreSoFar} />
      </div>
    </div>
  );
}
