import { pageSession } from "@/lib/server/page-tenant";
import { AuditTable } from "./audit-table";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.audit };

export default async function AuditPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <AuditTable />;
}
