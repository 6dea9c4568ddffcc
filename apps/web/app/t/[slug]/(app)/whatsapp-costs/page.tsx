import { pageSession } from "@/lib/server/page-tenant";
import { CostsView } from "./costs-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.whatsappCosts };

export default async function WhatsAppCostsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <CostsView />;
}
