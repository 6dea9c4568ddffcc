import { redirect } from "next/navigation";
import { headers } from "next/headers";
import { tenantForHost } from "@/lib/server/host-tenant";
import { operatorSession } from "@/lib/server/session";
import { OperatorConsole } from "./operator-console";

export const dynamic = "force-dynamic";

export default async function OperatorPage() {
  const { root } = await tenantForHost((await headers()).get("host"));
  const op = await operatorSession(root);
  if (!op) redirect("/login");
  return <OperatorConsole mustEnrol={op.mustEnrolTwoFactor} />;
}
