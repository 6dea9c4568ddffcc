import { notFound } from "next/navigation";
import { crmProviders, type CrmProvider } from "@vendaflow/validators/plain/crm-sync";
import { pageSession } from "@/lib/server/page-tenant";
import { MappingView } from "./mapping-view";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.crmFieldMapping };

export default async function CrmMappingPage({ params }: { params: Promise<{ provider: string }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  const { provider } = await params;
  if (!(crmProviders as readonly string[]).includes(provider)) notFound();
  return <MappingView provider={provider as CrmProvider} />;
}
