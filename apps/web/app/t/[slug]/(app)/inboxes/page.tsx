import { appDeps } from "@/lib/server/deps";
import { pageSession } from "@/lib/server/page-tenant";
import { InboxesView } from "./inboxes-view";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.inboxes };

export default async function InboxesPage() {
  const { tenant, session } = await pageSession();
  const { links } = appDeps();
  return <InboxesView canManage={session.role === "admin"} tenantOrigin={links.tenantUrl(tenant.slug, "")} rootOrigin={links.rootUrl("")} />;
}
