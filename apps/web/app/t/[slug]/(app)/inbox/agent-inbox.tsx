"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { cn } from "@vendaflow/ui/cn";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { MessagesSquare } from "lucide-react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { onDemand } from "@/components/loading";
import type { InboxFilters } from "@/lib/inbox-filters";
import { useTRPC } from "@/lib/trpc/client";
import { InboxList } from "./inbox-list";
import { useAgentLive } from "./live";
import { focusLost, type Me } from "./util";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { inbox as inboxText } from "@/lib/i18n/pt-br/inbox";
import { isUuid } from "@vendaflow/validators/uuid";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, inbox: inboxText };

/** Marks the history entry pushed when a conversation was opened from the list. */
const FROM_LIST = "vfInboxFromList";

// The open conversation (timeline, composer, lead card) loads when one is selected: the list is
// the route's first load (200 KB gzipped budget, `BENCH_ONLY=bundles pnpm bench`).
const ConversationView = onDemand(
  () => import("./conversation-view").then((m) => m.ConversationView),
  () => (
    <div className="flex flex-1 flex-col gap-3 p-4" role="status" aria-label={t.common.loading}>
      <Skeleton className="h-12 w-full" />
      <Skeleton className="min-h-40 flex-1" />
      <Skeleton className="h-20 w-full" />
    </div>
  ),
);

/**
 * The agent inbox: conversation list on the left, the selected conversation on the right (stacked on
 * small screens). Everything shown is refetched on the agent stream's `change` events; the selected
 * conversation is kept in `?c=` so a reload (or a notification link) opens it again.
 */
export function AgentInbox({ me, initialSelected, initialFilters }: { me: Me; initialSelected: string | null; initialFilters: InboxFilters }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [selected, setSelected] = useState<string | null>(initialSelected);
  // Whether a conversation was opened on this page (not the one the address came with).
  const [openedHere, setOpenedHere] = useState(false);
  // A notification link to /inbox?c=… while the inbox is already open.
  const [prevInitial, setPrevInitial] = useState(initialSelected);
  if (prevInitial !== initialSelected) {
    setPrevInitial(initialSelected);
    if (initialSelected) setSelected(initialSelected);
  }

  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: trpc.conversations.list.pathKey() });
    void qc.invalidateQueries({ queryKey: trpc.conversations.get.pathKey() });
  }, [qc, trpc]);
  const live = useAgentLive(refresh);

  const agents = useQuery(trpc.routing.agents.queryOptions(undefined, { staleTime: 60_000 }));
  const teams = useQuery(trpc.routing.teams.queryOptions(undefined, { staleTime: 60_000 }));
  const myTeamIds = useMemo(() => new Set((teams.data ?? []).filter((t) => t.memberIds.includes(me.userId)).map((t) => t.id)), [teams.data, me.userId]);

  // Opening a conversation from the list is a step of its own in the history: on a phone the list
  // and the conversation take the whole screen in turn, and the phone's Back (or Alt+←) must return
  // to the list, not leave the inbox. Switching conversations with one open replaces the entry.
  const select = useCallback((id: string | null) => {
    const url = new URL(window.location.href);
    const from = url.searchParams.get("c");
    if (id) url.searchParams.set("c", id);
    else url.searchParams.delete("c");
    if (id && !from) window.history.pushState({ ...window.history.state, [FROM_LIST]: true }, "", url);
    else if (!id && from && window.history.state?.[FROM_LIST]) window.history.back();
    else window.history.replaceState(window.history.state, "", url);
    setSelected(id);
    setOpenedHere(true);
  }, []);
  useEffect(() => {
    const onPop = () => {
      const c = new URL(window.location.href).searchParams.get("c");
      setSelected(c && isUuid(c) ? c : null);
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  // Back on the list (the conversation hid and took the focus with it): the focus goes to the row
  // that was open, so a keyboard or screen reader user carries on where they left.
  const lastSelected = useRef<string | null>(selected);
  useEffect(() => {
    const prev = lastSelected.current;
    lastSelected.current = selected;
    if (selected || !prev || !focusLost()) return;
    document.querySelector<HTMLElement>(`[data-testid="inbox-row"][data-conversation-id="${prev}"]`)?.focus();
  }, [selected]);

  return (
    <div className="-m-4 flex h-[calc(100dvh-3.5rem)] min-h-[28rem] overflow-hidden bg-background sm:-m-6 lg:-m-8" data-testid="agent-inbox">
      <section
        aria-label={t.inbox.listLabel}
        className={cn("min-h-0 w-full flex-col border-r lg:flex lg:w-96 lg:shrink-0", selected ? "hidden" : "flex")}
      >
        <InboxList me={me} live={live} agents={agents.data ?? []} teams={teams.data ?? []} selected={selected} onSelect={select} initialFilters={initialFilters} />
      </section>
      <section aria-label={t.inbox.title} className={cn("min-h-0 min-w-0 flex-1 flex-col lg:flex", selected ? "flex" : "hidden")}>
        {selected ? (
          <ConversationView key={selected} id={selected} focusOnOpen={openedHere} me={me} live={live} agents={agents.data ?? []} myTeamIds={myTeamIds} onBack={() => select(null)} onChanged={refresh} />
        ) : (
          <div className="flex flex-1 items-center justify-center p-6">
            <EmptyState icon={<MessagesSquare />} title={t.inbox.selectTitle} description={t.inbox.selectText} className="max-w-md border-none" />
          </div>
        )}
      </section>
    </div>
  );
}
