import { tenantBrand } from "@/components/auth-card";
import { verify as verifyText } from "@/lib/i18n/pt-br/auth";
import { pageTenant } from "@/lib/server/page-tenant";
import { VerifyView } from "./verify-view";

export const metadata = { title: verifyText.pageTitle };

export default async function VerifyEmailPage() {
  return <VerifyView brand={tenantBrand(await pageTenant())} />;
}
