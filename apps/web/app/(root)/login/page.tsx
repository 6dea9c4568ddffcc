import { AuthCard } from "@/components/auth-card";
import { LoginForm } from "@/components/login-form";
import { operator as operatorText } from "@/lib/i18n/pt-br/operator";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { operator: operatorText };

export const metadata = { title: pageTitles.operatorLogin };

export default function OperatorLoginPage() {
  return (
    <AuthCard title={t.operator.login}>
      <LoginForm redirectTo="/operator" />
    </AuthCard>
  );
}
