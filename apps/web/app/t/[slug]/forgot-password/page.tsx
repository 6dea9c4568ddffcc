import { AuthCard, tenantBrand } from "@/components/auth-card";
import { forgot as forgotText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { pageTenant } from "@/lib/server/page-tenant";
import { ForgotForm } from "./forgot-form";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, forgot: forgotText };

export const metadata = { title: t.forgot.title };

export default async function ForgotPasswordPage() {
  const tenant = await pageTenant();
  return (
    <AuthCard title={t.forgot.title} description={t.forgot.text} brand={tenantBrand(tenant)} footer={<a href="/login" className="underline">{t.common.back}</a>}>
      <ForgotForm />
    </AuthCard>
  );
}
