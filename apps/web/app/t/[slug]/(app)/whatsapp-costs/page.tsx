import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { CostsView } from "./costs-view";

export const metadata = { title: "Custos do WhatsApp" };

export default async function WhatsAppCostsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") notFound();
  return <CostsView />;
}
