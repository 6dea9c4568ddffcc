import { appDeps } from "@/lib/server/deps";
import { pageSession } from "@/lib/server/page-tenant";
import { InboxesView } from "./inboxes-view";

export const metadata = { title: "Caixas de entrada" };

export default async function InboxesPage() {
  const { tenant, session } = await pageSession();
  const { links } = appDeps();
  return <InboxesView canManage={session.role === "admin"} tenantOrigin={links.tenantUrl(tenant.slug, "")} rootOrigin={links.rootUrl("")} />;
}
