import { pageSession } from "@/lib/server/page-tenant";
import { BillingView } from "./billing-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.billing };

export default async function BillingPage() {
  const { session } = await pageSession();
  // Every billing procedure is adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <BillingView />;
}
