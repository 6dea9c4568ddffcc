import { pageSession } from "@/lib/server/page-tenant";
import { CompaniesView } from "./companies-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.companies };

export default async function CompaniesPage() {
  const { session } = await pageSession();
  return <CompaniesView canWrite={session.role !== "viewer"} />;
}
