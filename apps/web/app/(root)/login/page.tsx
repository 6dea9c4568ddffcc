import { AuthCard } from "@/components/auth-card";
import { LoginForm } from "@/components/login-form";
import { t } from "@/lib/i18n";

export const metadata = { title: "Operação" };

export default function OperatorLoginPage() {
  return (
    <AuthCard title={t.operator.login}>
      <LoginForm redirectTo="/operator" />
    </AuthCard>
  );
}
