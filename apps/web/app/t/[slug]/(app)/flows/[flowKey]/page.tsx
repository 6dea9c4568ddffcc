import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { FlowEditor } from "./flow-editor";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.flowEditor };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function FlowEditorPage({ params }: { params: Promise<{ flowKey: string }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  const { flowKey } = await params;
  if (!UUID.test(flowKey)) notFound();
  return <FlowEditor flowKey={flowKey} />;
}
