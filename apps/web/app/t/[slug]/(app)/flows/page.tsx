import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { FlowsList } from "./flows-list";

export const metadata = { title: "Fluxos" };

export default async function FlowsPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") notFound();
  return <FlowsList />;
}
