import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { SettingsForm } from "./settings-form";

export const metadata = { title: "Configurações" };

export default async function SettingsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") notFound();
  return <SettingsForm />;
}
