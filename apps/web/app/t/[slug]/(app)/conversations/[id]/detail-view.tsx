"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { ChannelBadge } from "@/app/t/[slug]/(app)/inboxes/channel";
import { fullDateTime, leadLabel, statusLabel, statusVariant } from "@/app/t/[slug]/(app)/conversations/format";
import { InboxTimeline } from "@/app/t/[slug]/(app)/inbox/timeline";
import { LeadCard } from "./lead-card";
import type { Detail } from "./payload";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { conversations: conversationsText };

/** The loaded conversation: its header, the transcript and the lead beside it (read-only). */
export function DetailView({ data, updatedAt, error }: { data: Detail; updatedAt: number; error: string | null }) {
  const { conversation: c, messages, hasOlder, events } = data;
  return (
    <>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight break-words">{leadLabel(c)}</h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
          <Badge variant={statusVariant(c.status)} data-testid="conversation-status">{statusLabel(c.status)}</Badge>
          <ChannelBadge channel={c.channel} />
          {/* One piece, so that on a phone the line does not end on a lone "·". */}
          <span data-testid="conversation-started">{c.inbox_name} · {t.conversations.startedAt} {fullDateTime(c.created_at)}</span>
        </div>
      </div>
      {error ? <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert> : null}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card className="gap-4 py-4">
          <CardHeader className="px-4">
            <CardTitle>{t.conversations.transcript}</CardTitle>
            <p className="text-xs text-muted-foreground">{t.conversations.readOnlyHint}</p>
          </CardHeader>
          <CardContent className="px-2 sm:px-4">
            <InboxTimeline key={c.id} conversationId={c.id} messages={messages} hasOlder={hasOlder} refreshedAt={updatedAt} events={events} names={() => null} />
          </CardContent>
        </Card>
        <LeadCard conversation={c} explanation={data.explanation} scoreSoFar={data.scoreSoFar} />
      </div>
    </>
  );
}
