import { tenantBrand } from "@/components/auth-card";
import { LinkGone } from "@/components/link-gone";
import { verify as verifyText } from "@/lib/i18n/pt-br/auth";
import { pageLinkState } from "@/lib/server/page-link";
import { pageTenant } from "@/lib/server/page-tenant";
import { VerifyView } from "./verify-view";

export const metadata = { title: verifyText.pageTitle };

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const tenant = await pageTenant();
  const state = await pageLinkState(tenant, "verify", (await searchParams).token);
  // A dead link is said at once, without the "Confirmando…" spinner and a request that could only fail.
  // No resend exists: a password reset link confirms the address too (core/auth/account.ts).
  if (state && state !== "live") {
    return <LinkGone state={state} brand={tenantBrand(tenant)} help={verifyText.gone[state]} action={{ href: "/forgot-password", label: verifyText.forgot }} />;
  }
  return <VerifyView brand={tenantBrand(tenant)} />;
}
