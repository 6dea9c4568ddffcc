import { pageSession } from "@/lib/server/page-tenant";
import { BillingView } from "./billing-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Cobrança" };

export default async function BillingPage() {
  const { session } = await pageSession();
  // Every billing procedure is adminProcedure; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <BillingView />;
}
