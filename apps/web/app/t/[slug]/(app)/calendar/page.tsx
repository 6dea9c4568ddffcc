import { pageSession } from "@/lib/server/page-tenant";
import { ConnectionsView } from "./connections-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Agenda" };

/** Calendly / Cal.com connections: admins only (tokens and webhooks). */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ calendly?: string | string[] }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  // ?calendly=… is how the Calendly OAuth callback says how the connection went.
  const { calendly } = await searchParams;
  return <ConnectionsView result={typeof calendly === "string" ? calendly : null} />;
}
