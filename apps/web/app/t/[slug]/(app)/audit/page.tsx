import { pageSession } from "@/lib/server/page-tenant";
import { AuditTable } from "./audit-table";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Auditoria" };

export default async function AuditPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <AuditTable />;
}
