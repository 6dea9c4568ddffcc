import { pageSession } from "@/lib/server/page-tenant";
import { MeetingsView } from "./meetings-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.meetings };

/** Everyone reads meetings; agents and admins mark no-shows and outcomes; admins connect the calendars (/calendar). */
export default async function MeetingsPage() {
  const { session } = await pageSession();
  return <MeetingsView canEdit={session.role !== "viewer"} canConnect={session.role === "admin"} />;
}
