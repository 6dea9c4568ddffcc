import { pageSession } from "@/lib/server/page-tenant";
import { ConnectionsView } from "./connections-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.calendar };

/** Calendly / Cal.com connections: admins only (tokens and webhooks). */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ calendly?: string | string[] }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  // ?calendly=… is how the Calendly OAuth callback says how the connection went.
  const { calendly } = await searchParams;
  return <ConnectionsView result={typeof calendly === "string" ? calendly : null} />;
}
