import { inboxFiltersFrom } from "@/lib/inbox-filters";
import { pageSession } from "@/lib/server/page-tenant";
import { AgentInbox } from "./agent-inbox";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";
import { isUuid } from "@vendaflow/validators/uuid";

export const metadata = { title: pageTitles.inbox };

export default async function InboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { session } = await pageSession();
  const params = await searchParams;
  const c = params.c;
  const selected = typeof c === "string" && isUuid(c) ? c : null;
  return <AgentInbox me={{ userId: session.userId, role: session.role, name: session.name || session.email }} initialSelected={selected} initialFilters={inboxFiltersFrom(params)} />;
}
