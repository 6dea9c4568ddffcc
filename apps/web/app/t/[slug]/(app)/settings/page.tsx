import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "Configurações" };

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ crm?: string | string[] }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") notFound();
  // ?crm=hubspot-conectado … is how the CRM OAuth callback says how the connection went.
  const { crm } = await searchParams;
  return <SettingsForm crmResult={typeof crm === "string" ? crm : null} />;
}
