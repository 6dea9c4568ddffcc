"use client";
import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { ArrowLeft, SearchX } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { isUuid } from "@vendaflow/validators/uuid";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, conversations: conversationsText };

/** The page's skeleton, shown until both the conversation and the code that shows it have come. */
function ViewLoading() {
  return (
    <div className="space-y-6" role="status" aria-busy="true" aria-label={t.common.loading}>
      <Skeleton className="h-10 w-72" />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Skeleton className="h-[28rem]" />
        <Skeleton className="h-80" />
      </div>
    </div>
  );
}

// The loaded conversation (header, transcript, lead card) is not in the route's first load (200 KB
// gzipped budget): its code is fetched on mount, beside the conversation's own query, so it is
// usually there when the data is, and the skeleton stands in until both are.
const loadView = () => import("./detail-view").then((m) => m.DetailView);
const DetailView = onDemand(loadView, () => <ViewLoading />);

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
  useEffect(() => {
    // Fetches the view's code while the query runs (the module system keeps it for onDemand's render).
    void loadView();
  }, []);

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
      <div className="space-y-6">
        {back}
        <ViewLoading />
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

  return (
    <div className="space-y-6">
      {back}
      <DetailView data={detail.data} updatedAt={detail.dataUpdatedAt} error={detail.error ? errorMessage(detail.error) : null} />
    </div>
  );
}
