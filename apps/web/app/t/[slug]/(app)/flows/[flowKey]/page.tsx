import { notFound } from "next/navigation";
import { pageSession } from "@/lib/server/page-tenant";
import { FlowEditor } from "./flow-editor";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";
import { isUuid } from "@vendaflow/validators/uuid";

export const metadata = { title: pageTitles.flowEditor };

export default async function FlowEditorPage({ params }: { params: Promise<{ flowKey: string }> }) {
  const { session } = await pageSession();
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  const { flowKey } = await params;
  if (!isUuid(flowKey)) notFound();
  return <FlowEditor flowKey={flowKey} />;
}
