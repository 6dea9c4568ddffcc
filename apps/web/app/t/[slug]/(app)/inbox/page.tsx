import { inboxFiltersFrom } from "@/lib/inbox-filters";
import { pageSession } from "@/lib/server/page-tenant";
import { AgentInbox } from "./agent-inbox";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.inbox };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session } = await pageSession();
  const params = await searchParams;
  const c = params.c;
  const selected = typeof c === "string" && UUID.test(c) ? c : null;
  return <AgentInbox me={{ userId: session.userId, role: session.role, name: session.name || session.email }} initialSelected={selected} initialFilters={inboxFiltersFrom(params)} />;
}
