import { pageSession } from "@/lib/server/page-tenant";
import { BusinessHoursView } from "./business-hours-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Horário de atendimento" };

export default async function BusinessHoursPage() {
  const { session } = await pageSession();
  // Saving is refused server-side to anyone else (adminProcedure); the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <BusinessHoursView />;
}
