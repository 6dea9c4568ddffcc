import { pageSession } from "@/lib/server/page-tenant";
import { SettingsForm } from "./settings-form";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.settings };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ crm?: string | string[] }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  // ?crm=hubspot-conectado … is how the CRM OAuth callback says how the connection went.
  const { crm } = await searchParams;
  return <SettingsForm crmResult={typeof crm === "string" ? crm : null} />;
}
