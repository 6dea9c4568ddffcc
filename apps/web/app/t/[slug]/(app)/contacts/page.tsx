import { pageSession } from "@/lib/server/page-tenant";
import { ContactsView } from "./contacts-view";

export const metadata = { title: "Contatos" };

export default async function ContactsPage() {
  const { session } = await pageSession();
  return <ContactsView canWrite={session.role !== "viewer"} />;
}
