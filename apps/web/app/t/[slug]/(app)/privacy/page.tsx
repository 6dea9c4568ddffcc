import { pageSession } from "@/lib/server/page-tenant";
import { PrivacyAdminView } from "./privacy-admin-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.privacy };

export default async function PrivacyAdminPage() {
  const { session } = await pageSession();
  // The queue and settings are adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <PrivacyAdminView />;
}
