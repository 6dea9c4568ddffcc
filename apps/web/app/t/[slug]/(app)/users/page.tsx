import { pageSession } from "@/lib/server/page-tenant";
import { UsersTable } from "./users-table";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const metadata = { title: pageTitles.users };

export default async function UsersPage() {
  const { session } = await pageSession();
  return <UsersTable me={session.userId} canManage={session.role === "admin"} />;
}
