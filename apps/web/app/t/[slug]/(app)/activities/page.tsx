import { pageSession } from "@/lib/server/page-tenant";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";
import { AgendaView } from "./agenda-view";

export const metadata = { title: pageTitles.activities };

/** Everyone reads the agenda; admins and agents complete what they may (crm/activities.ts decides). */
export default async function ActivitiesPage() {
  const { session } = await pageSession();
  return <AgendaView canWrite={session.role !== "viewer"} defaultWho={session.role === "viewer" ? "all" : "me"} />;
}
