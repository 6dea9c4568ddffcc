import { pageSession } from "@/lib/server/page-tenant";
import { CostsView } from "./costs-view";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Custos do WhatsApp" };

export default async function WhatsAppCostsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <CostsView />;
}
