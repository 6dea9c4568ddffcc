import { notFound } from "next/navigation";
import { z } from "zod";
import { pageSession } from "@/lib/server/page-tenant";
import { DealDetail } from "./deal-detail";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.deal };

export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { session } = await pageSession();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <DealDetail id={id} canWrite={session.role !== "viewer"} me={session.userId} />;
}
