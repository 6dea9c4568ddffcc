import { pageSession } from "@/lib/server/page-tenant";
import { DealsView } from "./deals-view";

export const metadata = { title: "Negócios" };

export default async function DealsPage() {
  const { session } = await pageSession();
  return <DealsView canWrite={session.role !== "viewer"} />;
}
