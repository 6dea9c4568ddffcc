import { pageSession } from "@/lib/server/page-tenant";
import { ContactsView } from "./contacts-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.contacts };

export default async function ContactsPage() {
  const { session } = await pageSession();
  return <ContactsView canWrite={session.role !== "viewer"} />;
}
