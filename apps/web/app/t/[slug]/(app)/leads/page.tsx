import { pageSession } from "@/lib/server/page-tenant";
import { LeadsView } from "./leads-view";

export const metadata = { title: "Leads" };

export default async function LeadsPage() {
  const { session } = await pageSession();
  return <LeadsView canWrite={session.role !== "viewer"} />;
}
