"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { cn } from "@vendaflow/ui/cn";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { useToast } from "@vendaflow/ui/toast";
import { textLink } from "@vendaflow/ui/text-link";
import { Bell, CheckCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState } from "react";
import { fallbackInterval, useAgentLive } from "@/app/t/[slug]/(app)/inbox/live";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { inboxHeader } from "@/lib/i18n/pt-br/inbox-header";
import { conversationOf } from "@/lib/notification-target";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { inbox: { header: inboxHeader } };
// The list loads when the bell is first opened: every page's budget carries the bell, not the list.
const NotificationList = lazy(() => import("./notification-list").then((x) => ({ default: x.NotificationList })));

type Availability = "online" | "away" | "offline";
const AVAILABILITIES: Availability[] = ["online", "away", "offline"];
const dot: Record<Availability, string> = { online: "bg-success", away: "bg-warning", offline: "bg-muted-foreground" };

/** Header controls for admins and agents: availability and the notification bell (live via the agent stream). */
export function AgentHeader({ userId }: { userId: string }) {
  return (
    <div className="flex items-center gap-2">
      <AvailabilitySelect userId={userId} className="hidden sm:flex" />
      <NotificationBell userId={userId} />
    </div>
  );
}

function AvailabilitySelect({ userId, className }: { userId: string; className?: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const agents = useQuery(trpc.routing.agents.queryOptions(undefined, { staleTime: 60_000 }));
  const current = (agents.data?.find((a) => a.id === userId)?.availability ?? "offline") as Availability;
  const [optimistic, setOptimistic] = useState<Availability | null>(null);
  const set = useMutation(
    trpc.routing.setAvailability.mutationOptions({
      onSuccess: async (res) => {
        await qc.invalidateQueries({ queryKey: trpc.routing.agents.queryKey() });
        setOptimistic(null);
        toast.success(t.inbox.header.availabilitySaved, res.assigned ? t.inbox.header.drained(res.assigned) : undefined);
      },
      onError: (err) => {
        setOptimistic(null);
        toast.error(errorMessage(err));
      },
    }),
  );
  const value = optimistic ?? current;
  return (
    <div className={cn("relative flex items-center", className)}>
      <span aria-hidden="true" className={cn("pointer-events-none absolute left-2.5 z-10 size-2 rounded-full", dot[value])} />
      <Select
        aria-label={t.inbox.header.availability}
        title={t.inbox.header.availability}
        value={value}
        disabled={agents.isLoading || set.isPending}
        onChange={(e) => {
          const next = e.target.value as Availability;
          setOptimistic(next);
          set.mutate({ availability: next });
        }}
        className="h-8 pl-6 text-xs"
        wrapperClassName="w-28"
        data-testid="availability-select"
      >
        {AVAILABILITIES.map((a) => (
          <SelectOption key={a} value={a}>{t.inbox.header[a]}</SelectOption>
        ))}
      </Select>
    </div>
  );
}

function NotificationBell({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const box = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: trpc.agent.notifications.queryKey() }), [qc, trpc]);
  const live = useAgentLive(refresh);
  const notes = useQuery(trpc.agent.notifications.queryOptions(undefined, { refetchInterval: fallbackInterval(live) }));
  const markRead = useMutation(trpc.agent.markNotificationsRead.mutationOptions({ onSuccess: refresh, onError: (err) => toast.error(errorMessage(err)) }));
  const unread = (notes.data ?? []).filter((n) => !n.read_at);

  // A toast for each conversation assigned to me since the page loaded (not for the backlog).
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!notes.data) return;
    if (!seen.current) {
      seen.current = new Set(notes.data.map((n) => n.id));
      return;
    }
    for (const n of notes.data) {
      if (seen.current.has(n.id)) continue;
      seen.current.add(n.id);
      if (n.kind !== "conversation_assigned" || n.read_at) continue;
      const conversationId = conversationOf(n.data);
      toast.toast({
        title: t.inbox.header.assignedToast,
        variant: "info",
        description: conversationId ? (
          <a href={`/inbox?c=${conversationId}`} className={textLink} data-testid="assigned-toast-link">
            {t.inbox.header.openConversation}
          </a>
        ) : undefined,
      });
    }
  }, [notes.data, toast]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape gives the focus back to the bell: it was inside the panel (or on the bell), and the panel goes away.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      if (box.current?.contains(document.activeElement)) bell.current?.focus();
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={box} className="relative">
      <Button
        ref={bell}
        variant="ghost"
        size="icon"
        aria-label={`${t.inbox.header.notifications}${unread.length ? ` (${t.inbox.header.unread(unread.length)})` : ""}`}
        title={t.inbox.header.notifications}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        data-testid="notification-bell"
      >
        <Bell aria-hidden="true" />
      </Button>
      {/* The count is the button's name already ("Notificações (3 não lidas)"): drawn over it, outside
          it, so the button has no visible text its name would have to contain (WCAG 2.5.3). */}
      {unread.length ? (
        <span aria-hidden="true" className="pointer-events-none absolute top-1 right-1 flex min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] leading-4 font-semibold text-destructive-foreground" data-testid="notification-count">
          {unread.length > 9 ? "9+" : unread.length}
        </span>
      ) : null}
      {open ? (
        <div id={panelId} role="dialog" aria-label={t.inbox.header.notifications} className="fixed inset-x-2 top-14 z-50 overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-lg sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-2 sm:w-80">
          <div className="flex items-center justify-between gap-2 border-b px-3 py-2">
            <p className="text-sm font-semibold">{t.inbox.header.notifications}</p>
            <Button variant="ghost" size="sm" disabled={!unread.length} loading={markRead.isPending} onClick={() => markRead.mutate()} data-testid="notifications-mark-read">
              <CheckCheck aria-hidden="true" />
              {t.inbox.header.markRead}
            </Button>
          </div>
          {/* On small screens the availability lives here, to keep the top bar short. */}
          <div className="flex items-center justify-between gap-2 border-b px-3 py-2 sm:hidden">
            <span className="text-sm">{t.inbox.header.availability}</span>
            <AvailabilitySelect userId={userId} />
          </div>
          <Suspense fallback={<p className="px-3 py-6 text-center text-sm text-muted-foreground" role="status">{t.inbox.header.loading}</p>}>
            <NotificationList
              notes={notes.data ?? []}
              onOpen={(target) => {
                setOpen(false);
                router.push(target);
              }}
            />
          </Suspense>
        </div>
      ) : null}
    </div>
  );
}
