"use client";
import { useQuery } from "@tanstack/react-query";
import { ListTodo } from "lucide-react";
import Link from "next/link";
import { agendaSummaryHref } from "@/lib/agenda-filters";
import { agendaSummary as s } from "@/lib/i18n/pt-br/agenda-summary";
import { useTRPC } from "@/lib/trpc/client";

/**
 * The dashboard's line about the signed-in person's work past its time or due today, linking to
 * the "Atividades" tab it counts (the overdue one when any); nothing while it loads or when there is none (the charts stay the page's subject).
 */
export function AgendaSummary() {
  const trpc = useTRPC();
  const counts = useQuery(trpc.crm.activities.agendaCounts.queryOptions({ who: "me" }));
  const overdue = counts.data?.overdue ?? 0;
  const today = counts.data?.today ?? 0;
  if (!overdue && !today) return null;
  return (
    <Link href={agendaSummaryHref(overdue)} data-testid="agenda-summary" className="flex items-center gap-2 rounded-lg border bg-card p-3 text-sm hover:bg-accent">
      <ListTodo className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
      <span>
        {s.lead}{" "}
        {overdue ? <strong className="text-destructive">{s.overdue(overdue)}</strong> : null}
        {overdue && today ? s.and : null}
        {today ? <strong>{s.today(today)}</strong> : null}
      </span>
      <span className="ml-auto text-brand-ink">{s.open}</span>
    </Link>
  );
}
