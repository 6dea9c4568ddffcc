import { Suspense } from "react";
import { AuthCard, tenantBrand } from "@/components/auth-card";
import { LinkGone } from "@/components/link-gone";
import { reset as resetText } from "@/lib/i18n/pt-br/auth";
import { pageLinkState } from "@/lib/server/page-link";
import { pageTenant } from "@/lib/server/page-tenant";
import { ResetForm } from "./reset-form";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { reset: resetText };

export const metadata = { title: t.reset.title };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const tenant = await pageTenant();
  const state = await pageLinkState(tenant, "reset", (await searchParams).token);
  if (state && state !== "live") {
    return <LinkGone state={state} brand={tenantBrand(tenant)} help={t.reset.gone[state]} action={{ href: "/forgot-password", label: t.reset.newLink }} />;
  }
  return (
    <AuthCard title={t.reset.title} brand={tenantBrand(tenant)} footer={<a href="/forgot-password" className="underline">{t.reset.newLink}</a>}>
      <Suspense><ResetForm /></Suspense>
    </AuthCard>
  );
}
