import { notFound } from "next/navigation";
import { z } from "zod";
import { pageSession } from "@/lib/server/page-tenant";
import { ContactDetail } from "./contact-detail";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.contact };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { session } = await pageSession();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <ContactDetail id={id} canWrite={session.role !== "viewer"} me={session.userId} />;
}
