import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { DevelopersView } from "./developers-view";

export const metadata = { title: "Desenvolvedores" };

export default async function DevelopersPage() {
  const { session } = await pageSession();
  // apiKeys.* and webhooks.* are adminProcedure; the page is admin-only too.
  if (session.role !== "admin") notFound();
  return <DevelopersView />;
}
