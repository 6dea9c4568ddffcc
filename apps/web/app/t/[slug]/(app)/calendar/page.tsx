import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { ConnectionsView } from "./connections-view";

export const metadata = { title: "Agenda" };

/** Calendly / Cal.com connections: admins only (tokens and webhooks). */
export default async function CalendarPage() {
  const { session } = await pageSession();
  if (session.role !== "admin") notFound();
  return <ConnectionsView />;
}
