import { notFound } from "next/navigation";
import { z } from "zod";
import { pageSession } from "@/lib/server/page-tenant";
import { ContactDetail } from "./contact-detail";

export const metadata = { title: "Contato" };

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { session } = await pageSession();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <ContactDetail id={id} canWrite={session.role !== "viewer"} />;
}
