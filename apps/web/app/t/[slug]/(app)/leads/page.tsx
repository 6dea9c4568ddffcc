import { pageSession } from "@/lib/server/page-tenant";
import { LeadsView } from "./leads-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.leads };

export default async function LeadsPage() {
  const { session } = await pageSession();
  return <LeadsView canWrite={session.role !== "viewer"} />;
}
