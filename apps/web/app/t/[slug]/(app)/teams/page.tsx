import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { TeamsView } from "./teams-view";

export const metadata = { title: "Times" };

export default async function TeamsPage() {
  const { session } = await pageSession();
  // Saving is refused server-side to anyone else (adminProcedure); the page is admin-only too.
  if (session.role !== "admin") notFound();
  return <TeamsView />;
}
