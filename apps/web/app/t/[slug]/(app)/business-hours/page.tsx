import { pageSession } from "@/lib/server/page-tenant";
import { BusinessHoursView } from "./business-hours-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.businessHours };

export default async function BusinessHoursPage() {
  const { session } = await pageSession();
  // Saving is refused server-side to anyone else (adminProcedure); the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <BusinessHoursView />;
}
