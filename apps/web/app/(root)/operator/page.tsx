import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { tenantForHost } from "@/lib/server/host-tenant";
import { operatorSession } from "@/lib/server/session";
import { OperatorConsole } from "./operator-console";

export const dynamic = "force-dynamic";

export default async function OperatorPage() {
  const { root } = await tenantForHost((await headers()).get("host"));
  if (!(await operatorSession(root))) redirect("/login");
  return <OperatorConsole />;
}
