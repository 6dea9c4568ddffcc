import { pageSession } from "@/lib/server/page-tenant";
import { MeetingsView } from "./meetings-view";

export const metadata = { title: "Reuniões" };

/** Everyone reads meetings; agents and admins mark no-shows and outcomes. */
export default async function MeetingsPage() {
  const { session } = await pageSession();
  return <MeetingsView canEdit={session.role !== "viewer"} />;
}
