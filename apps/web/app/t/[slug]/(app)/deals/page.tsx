import { pageSession } from "@/lib/server/page-tenant";
import { DealsView } from "./deals-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.deals };

export default async function DealsPage() {
  const { session } = await pageSession();
  return <DealsView canWrite={session.role !== "viewer"} />;
}
