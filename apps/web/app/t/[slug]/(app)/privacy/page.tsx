import { pageSession } from "@/lib/server/page-tenant";
import { PrivacyAdminView } from "./privacy-admin-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Privacidade (LGPD)" };

export default async function PrivacyAdminPage() {
  const { session } = await pageSession();
  // The queue and settings are adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <PrivacyAdminView />;
}
