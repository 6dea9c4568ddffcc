import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { FlowEditor } from "./flow-editor";
import { NoAccess } from "@/components/no-access";

export const metadata = { title: "Editar fluxo" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function FlowEditorPage({ params }: { params: Promise<{ flowKey: string }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  const { flowKey } = await params;
  if (!UUID.test(flowKey)) notFound();
  return <FlowEditor flowKey={flowKey} />;
}
