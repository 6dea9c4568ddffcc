import { pageSession } from "@/lib/server/page-tenant";
import { CompaniesView } from "./companies-view";

export const metadata = { title: "Empresas" };

export default async function CompaniesPage() {
  const { session } = await pageSession();
  return <CompaniesView canWrite={session.role !== "viewer"} />;
}
