import { pageSession } from "@/lib/server/page-tenant";
import { FlowsList } from "./flows-list";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Fluxos" };

export default async function FlowsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return <FlowsList />;
}
