import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { CannedView } from "./canned-view";

export const metadata = { title: "Respostas prontas" };

export default async function CannedResponsesPage() {
  const { session } = await pageSession();
  // Agents use them in conversations (read-only here); only admins may change them (adminProcedure).
  if (session.role !== "admin" && session.role !== "agent") notFound();
  return <CannedView canManage={session.role === "admin"} agentName={session.name || session.email} />;
}
