import { notFound } from "next/navigation";
import { z } from "zod";
import { pageSession } from "@/lib/server/page-tenant";
import { DealDetail } from "./deal-detail";

export const metadata = { title: "Negócio" };

export default async function DealPage({ params }: { params: Promise<{ id: string }> }) {
  const { session } = await pageSession();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  return <DealDetail id={id} canWrite={session.role !== "viewer"} />;
}
