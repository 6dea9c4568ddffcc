import { pageSession } from "@/lib/server/page-tenant";
import { LeadImportView } from "./lead-import-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.leadImport };

export default async function LeadImportPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  const { session } = await pageSession();
  // Upload and start are agent-or-admin on the server (assertCanWork); viewers have nothing to do here.
  if (session.role === "viewer") return <NoAccess allowed="writers" />;
  const { id } = await searchParams;
  return <LeadImportView resumeId={typeof id === "string" && /^[0-9a-f-]{36}$/i.test(id) ? id : null} />;
}
