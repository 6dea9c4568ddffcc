"use client";
import { cn } from "@vendaflow/ui/cn";
import { relativeTime } from "@/app/t/[slug]/(app)/conversations/dates";
import { notificationKinds as k } from "@/lib/i18n/pt-br/notification-kinds";
import { inboxHeader } from "@/lib/i18n/pt-br/inbox-header";
import { field, targetOf } from "@/lib/notification-target";

type Note = { id: string; kind: string; data: unknown; read_at: Date | null; created_at: Date; lead_name: string | null };

/** What a notification names besides its lead: a deal's title, a bulk assignment's (or a transfer's) count, an LGPD protocol. */
function detailOf(kind: string, data: unknown): string | null {
  const count = (data as { count?: unknown } | null)?.count;
  if (typeof count === "number") return kind === "activities_assigned" ? k.activities(count) : k.deals(count);
  const protocol = field(data, "protocol");
  return field(data, "title") ?? (protocol ? k.protocol(protocol) : null);
}

/** The bell's panel list, newest first; each item opens what it is about (lib/notification-target). */
export function NotificationList({ notes, onOpen }: { notes: Note[]; onOpen: (target: string) => void }) {
  const now = Date.now();
  if (!notes.length) return <p className="px-3 py-6 text-center text-sm text-muted-foreground">{inboxHeader.noNotifications}</p>;
  return (
    <ul className="max-h-80 divide-y overflow-y-auto">
      {notes.map((n) => {
        const target = targetOf(n.kind, n.data);
        const detail = detailOf(n.kind, n.data);
        const body = (
          <>
            <span className={cn("block text-sm", !n.read_at && "font-semibold")}>{k.kinds[n.kind] ?? k.other}</span>
            {n.lead_name ? <span className="block truncate text-sm" data-testid="notification-lead">{n.lead_name}</span> : null}
            {detail ? <span className="block truncate text-sm text-muted-foreground" data-testid="notification-detail">{detail}</span> : null}
            <span className="block text-xs text-muted-foreground">{relativeTime(n.created_at, now)}</span>
          </>
        );
        return (
          <li key={n.id} data-testid="notification-item" data-kind={n.kind} data-read={n.read_at ? "true" : "false"} className={cn(!n.read_at && "bg-primary/5")}>
            {target ? (
              <button type="button" className="w-full cursor-pointer px-3 py-2 text-left hover:bg-accent focus-visible:bg-accent focus-visible:outline-none" onClick={() => onOpen(target)}>
                {body}
              </button>
            ) : (
              <div className="px-3 py-2">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
