import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { AuditTable } from "./audit-table";

export const metadata = { title: "Auditoria" };

export default async function AuditPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") notFound();
  return <AuditTable />;
}
