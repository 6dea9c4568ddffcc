import { env } from "@/lib/env";
import { pageSession } from "@/lib/server/page-tenant";
import { InboxesView } from "./inboxes-view";

export const metadata = { title: "Caixas de entrada" };

export default async function InboxesPage() {
  const { tenant, session } = await pageSession();
  const { PUBLIC_PROTOCOL, ROOT_DOMAIN } = env();
  return (
    <InboxesView
      canManage={session.role === "admin"}
      tenantOrigin={`${PUBLIC_PROTOCOL}://${tenant.slug}.${ROOT_DOMAIN}`}
      rootOrigin={`${PUBLIC_PROTOCOL}://${ROOT_DOMAIN}`}
    />
  );
}
