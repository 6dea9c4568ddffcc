import { pageSession } from "@/lib/server/page-tenant";
import { CannedView } from "./canned-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.cannedResponses };

export default async function CannedResponsesPage() {
  const { session } = await pageSession();
  // Agents use them in conversations (read-only here); only admins may change them (adminProcedure).
  if (session.role !== "admin" && session.role !== "agent") return <NoAccess allowed="writers" />;
  return <CannedView canManage={session.role === "admin"} agentName={session.name || session.email} />;
}
