import { AuthCard, tenantBrand } from "@/components/auth-card";
import { LoginForm } from "@/components/login-form";
import { login as loginText } from "@/lib/i18n/pt-br/auth";
import { pageTenant } from "@/lib/server/page-tenant";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { login: loginText };

export const metadata = { title: pageTitles.login };

const NOTICES: Record<string, string> = {
  "password-changed": t.login.passwordChanged,
  verified: t.login.verified,
  "email-changed": t.login.emailChanged,
  "invite-accepted": t.login.inviteAccepted,
  reset: t.login.reset,
};

export default async function TenantLoginPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  const tenant = await pageTenant();
  const { notice } = await searchParams;
  return (
    <AuthCard title={t.login.title} brand={tenantBrand(tenant)} footer={<a href="/forgot-password" className="underline">{t.login.forgot}</a>}>
      <LoginForm redirectTo="/" notice={notice ? NOTICES[notice] : undefined} />
    </AuthCard>
  );
}
