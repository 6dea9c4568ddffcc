import { pageSession } from "@/lib/server/page-tenant";
import { UsersTable } from "./users-table";

export const metadata = { title: "Usuários" };

export default async function UsersPage() {
  const { session } = await pageSession();
  return <UsersTable me={session.userId} canManage={session.role === "admin"} />;
}
